"""The plugin inside QGIS: provider, declarations, processing.run, styles, errors, cancel."""
import configparser
import os

import numpy as np
import pytest

from conftest import ROOT, assert_same_nan, layer_paths, read_stack
from tsmv.tsmv_qgis.steps.importing import import_gldas
from tsmv.tsmv_qgis.labels import LAYER_KEYS

SPEC_IDS = {
    "download": (["PRODUCT", "START_YEAR", "END_YEAR", "AUTH", "CMR_URL", "GOSIF_URL", "VERSION"],
                 ["OUTPUT_FOLDER", "OUTPUT"]),
    "importgldas": (["INPUT", "START_YEAR", "END_YEAR", "EXTENT"],
                    ["OUTPUT_0_10", "OUTPUT_10_40", "OUTPUT_40_100", "OUTPUT_100_200"]),
    "importsoilmoisture": (["INPUT", "PRODUCT", "START_YEAR", "END_YEAR", "EXTENT", "QUALITY_CONTROL", "MAX_1",
                            "MAX_2", "MAX_3", "MAX_4", "SEASONS", "RANK_BY"],
                           ["OUTPUT_1", "OUTPUT_2", "OUTPUT_3", "OUTPUT_4", "REPORT", "SEASON_CODES",
                            "SEASON_CODES_LAYERS", "SEASONAL_1", "SEASONAL_2", "SEASONAL_3", "SEASONAL_4",
                            "ANNUAL_TSM"]),
    "qualitycontrol": (["INPUT_0_10", "INPUT_10_40", "INPUT_40_100", "INPUT_100_200", "MAX_0_10",
                        "MAX_10_40", "MAX_40_100", "MAX_100_200"],
                       ["OUTPUT_0_10", "OUTPUT_10_40", "OUTPUT_40_100", "OUTPUT_100_200", "REPORT"]),
    "seasons": (["INPUT_0_10", "INPUT_10_40", "INPUT_40_100", "INPUT_100_200", "RANK_BY"],
                ["SEASON_CODES", "SEASON_CODES_LAYERS", "SEASONAL_0_10", "SEASONAL_10_40",
                 "SEASONAL_40_100", "SEASONAL_100_200", "ANNUAL_TSM"]),
    "trend": (["INPUT", "SEASON", "AGGREGATE", "START_YEAR", "END_YEAR", "ALPHA", "METHOD", "FDR",
               "MIN_YEARS", "THRESHOLD", "CONFIDENCE"], ["OUTPUT", "SUMMARY"]),
    "changepoint": (["INPUT", "SEASON", "START_YEAR", "END_YEAR", "ALPHA"], ["OUTPUT", "SUMMARY"]),
    "attribution": (["INPUT_0_10", "INPUT_10_40", "INPUT_40_100", "INPUT_100_200", "START_YEAR",
                     "END_YEAR", "BOOTSTRAP", "BLOCK", "SEED"],
                    ["COMPONENTS", "BY_SEASON", "BY_DEPTH", "BY_DYNAMIC", "OMEGA", "DOMINANT",
                     "COMPONENTS_LOWER", "COMPONENTS_UPPER", "TABLE"]),
    "landcover": (["INPUT", "REFERENCE", "METHOD"], ["OUTPUT"]),
    "gpp": (["INPUT", "REFERENCE", "START_YEAR", "END_YEAR", "MIN_VALID"], ["OUTPUT"]),
    "correlation": (["INPUT_0_10", "INPUT_10_40", "INPUT_40_100", "INPUT_100_200", "SEASON_CODES",
                     "GPP", "ECOSYSTEMS", "START_YEAR", "END_YEAR", "ALPHA"],
                    ["R", "P", "R_ROOT_ZONE", "P_ROOT_ZONE", "TABLE"]),
    "report": (["ANNUAL_TSM", "SEASONAL_0_10", "SEASONAL_10_40", "SEASONAL_40_100", "SEASONAL_100_200",
                "TREND_A", "TREND_B", "SUMMARY_A", "SUMMARY_B", "COMPONENTS_A", "COMPONENTS_B",
                "ATTRIBUTION_TABLE_A", "ATTRIBUTION_TABLE_B", "CORRELATION_TABLE", "QC_REPORT"], ["OUTPUT"]),
}


class Feedback:
    """A QgsProcessingFeedback that keeps what the algorithm reported."""

    def __new__(cls):
        from qgis.core import QgsProcessingFeedback

        class Kept(QgsProcessingFeedback):
            def __init__(self):
                super().__init__()
                self.errors, self.infos, self.warnings, self.progress = [], [], [], []
                self.progressChanged.connect(self.progress.append)

            def reportError(self, error, fatalError=False):  # noqa: N802,N803
                self.errors.append(error)

            def pushWarning(self, warning):  # noqa: N802
                self.warnings.append(warning)

            def pushInfo(self, info):  # noqa: N802
                self.infos.append(info)
        return Kept()


def run(processing, algorithm, params, feedback=None, context=None):
    from qgis.core import QgsProcessingContext
    feedback = feedback or Feedback()
    return processing.run("tsmv:" + algorithm, params, feedback=feedback,
                          context=context or QgsProcessingContext()), feedback


def test_metadata():
    meta = configparser.ConfigParser()
    meta.read(os.path.join(ROOT, "metadata.txt"))
    general = meta["general"]
    assert general["hasProcessingProvider"] == "yes"
    assert general["qgisMinimumVersion"] == "3.22"
    for field in ("name", "description", "about", "version", "author", "email", "tracker",
                  "repository", "icon"):
        assert general[field].strip(), field
    assert os.path.exists(os.path.join(ROOT, general["icon"]))


def test_provider_declares_spec_interface(tsmv_processing):
    from qgis.core import QgsApplication
    provider = QgsApplication.processingRegistry().providerById("tsmv")
    assert provider is not None and not provider.icon().isNull()
    for name, (params, outputs) in SPEC_IDS.items():
        alg = QgsApplication.processingRegistry().algorithmById("tsmv:" + name)
        assert alg is not None, name
        declared = [p.name() for p in alg.parameterDefinitions()]
        assert set(params + outputs) <= set(declared), (name, declared)
        assert len(alg.shortHelpString()) > 300
        for p in alg.parameterDefinitions():
            assert p.help(), "%s.%s has no help" % (name, p.name())
        assert alg.createInstance().name() == name


def test_plugin_class_factory_adds_and_removes_provider(qgis_iface, tsmv_processing):
    import tsmv
    from qgis.core import QgsApplication
    registry = QgsApplication.processingRegistry()
    existing = registry.providerById("tsmv")
    registry.removeProvider(existing.id())
    plugin = tsmv.classFactory(qgis_iface)
    qgis_iface.addPluginToRasterMenu.reset_mock()
    plugin.initGui()
    assert registry.providerById("tsmv") is not None
    action = plugin.inspector.action  # the pixel inspector: Raster > TSMV > Inspect a pixel
    qgis_iface.addPluginToRasterMenu.assert_called_once_with("TSMV", action)
    assert action.text() == "Inspect a pixel" and not action.icon().isNull()
    from processing.gui.ProviderActions import ProviderContextMenuActions
    chains = [a for a in ProviderContextMenuActions.actions if type(a).__name__ == "OpenChain"]
    assert chains == [plugin.chain_action]  # the Toolbox's "Open in the Graphical Modeler" (test_chains_gui)
    plugin.unload()
    assert registry.providerById("tsmv") is None
    qgis_iface.removePluginRasterMenu.assert_called_with("TSMV", action)
    assert plugin.inspector is None
    assert chains[0] not in ProviderContextMenuActions.actions
    import conftest
    from tsmv.processing_provider.provider import TsmvProvider
    conftest._KEEP.append(TsmvProvider())  # the removed one was deleted with its C++ object
    registry.addProvider(conftest._KEEP[-1])


def test_import_and_qc_through_processing_run(tsmv_processing, example_dir, tmp_path):
    outputs = layer_paths(tmp_path, "sm")
    params = {"INPUT": example_dir, "START_YEAR": 1999, "END_YEAR": 2000}
    params.update({"OUTPUT_" + k: v for k, v in outputs.items()})
    result, feedback = run(tsmv_processing, "importgldas", params)
    assert result == {"OUTPUT_" + k: v for k, v in outputs.items()}
    assert any("Imported 24 months (1999-01..2000-12)" in m for m in feedback.infos)
    assert feedback.progress and feedback.progress[-1] == pytest.approx(100.0)
    core = layer_paths(tmp_path, "core")
    import_gldas(example_dir, core, start_year=1999, end_year=2000)
    for k in LAYER_KEYS:
        got, labels, _, _ = read_stack(outputs[k])
        assert_same_nan(got, read_stack(core[k])[0], rtol=0, atol=0)
        assert labels[0] == "1999-01" and len(labels) == 24

    qc_params = {"INPUT_" + k: v for k, v in outputs.items()}
    qc_params.update({"OUTPUT_" + k: str(tmp_path / ("qc_%s.tif" % k)) for k in LAYER_KEYS})
    qc_params["REPORT"] = str(tmp_path / "qc.csv")
    qc_params["MAX_0_10"] = 40.0
    result, _ = run(tsmv_processing, "qualitycontrol", qc_params)
    x = read_stack(outputs["0_10"])[0]
    assert_same_nan(read_stack(result["OUTPUT_0_10"])[0], np.where((x < 0) | (x > 40), np.nan, x))
    assert open(result["REPORT"]).readline().startswith("layer,values,masked,percent_masked")

    fused = {"OUTPUT_" + k: str(tmp_path / ("fused_%s.tif" % k)) for k in LAYER_KEYS}
    fused_params = dict(params, QUALITY_CONTROL=True, MAX_0_10=40.0, REPORT=str(tmp_path / "fused.csv"), **fused)
    result, feedback = run(tsmv_processing, "importgldas", fused_params)
    assert result == dict(fused, REPORT=str(tmp_path / "fused.csv"))
    assert open(result["REPORT"]).read() == open(qc_params["REPORT"]).read()
    assert any(m.startswith("0-10 cm: ") and " values masked " in m for m in feedback.infos)
    for k in LAYER_KEYS:
        np.testing.assert_array_equal(read_stack(fused["OUTPUT_" + k])[0], read_stack(qc_params["OUTPUT_" + k])[0])
    from qgis.core import QgsProcessingException
    with pytest.raises(QgsProcessingException, match="REPORT is the report of the quality control"):
        run(tsmv_processing, "importgldas", dict(params, REPORT=str(tmp_path / "lonely.csv"), **fused))


def test_seasons_while_importing_through_processing_run(tsmv_processing, example_dir, tmp_path):
    """SEASONS gives the files of importgldas then seasons (kept ones where asked, temporary ones
    otherwise), styled on load; season outputs without SEASONS are refused by name."""
    from qgis.core import QgsProcessingContext, QgsProcessingException, QgsProject
    from tsmv.processing_provider.base import TsmvAlgorithm
    params = {"INPUT": example_dir, "START_YEAR": 1999, "END_YEAR": 2001, "QUALITY_CONTROL": True,
              "MAX_0_10": 25.0}
    params.update({"OUTPUT_" + k: v for k, v in layer_paths(tmp_path, "sm").items()})
    steps = dict(params, **{"OUTPUT_" + k: v for k, v in layer_paths(tmp_path, "two").items()})
    monthly, _ = run(tsmv_processing, "importgldas", steps)
    seasons = {"RANK_BY": 1}
    seasons.update({n: str(tmp_path / ("s_%s.tif" % n)) for n in TsmvAlgorithm.SEASON_OUTPUTS})
    want, _ = run(tsmv_processing, "seasons", dict(seasons, **{"INPUT_" + k: monthly["OUTPUT_" + k]
                                                                 for k in LAYER_KEYS}))
    kept = {"RANK_BY": 1, "SEASON_CODES_LAYERS": str(tmp_path / "layers.tif"),
            "ANNUAL_TSM": str(tmp_path / "tsm.tif")}
    context = QgsProcessingContext()
    context.setProject(QgsProject.instance())
    context.addLayerToLoadOnCompletion(kept["ANNUAL_TSM"], QgsProcessingContext.LayerDetails(
        "tsm", QgsProject.instance(), "ANNUAL_TSM"))
    result, feedback = run(tsmv_processing, "importgldas", dict(params, SEASONS=True, **kept), context=context)
    assert any("Seasons of 3 years (1999-2001)" in m for m in feedback.infos)
    assert context.layerToLoadOnCompletionDetails(kept["ANNUAL_TSM"]).name == "tsm, 1999-2001"
    assert result["ANNUAL_TSM"] == kept["ANNUAL_TSM"] and result["SEASON_CODES_LAYERS"] == kept["SEASON_CODES_LAYERS"]
    assert set(want) == set(result) - {"OUTPUT_" + k for k in LAYER_KEYS} - {"REPORT"}
    for name in want:
        assert read_stack(result[name])[1:] == read_stack(want[name])[1:]
        np.testing.assert_array_equal(read_stack(result[name])[0], read_stack(want[name])[0])
    for name in ("SEASON_CODES", "SEASONAL_100_200", "SEASON_CODES_LAYERS"):
        with pytest.raises(QgsProcessingException, match="^%s is an output of the seasons: set SEASONS too" % name):
            run(tsmv_processing, "importgldas", dict(params, **{name: str(tmp_path / "no" / "x.tif")}))
    assert not (tmp_path / "no").exists()


def test_styles_applied_when_loaded(tsmv_processing, example_dir, tmp_path):
    from qgis.core import QgsProcessingContext, QgsProject, QgsRasterLayer
    context = QgsProcessingContext()
    context.setProject(QgsProject.instance())
    outputs = layer_paths(tmp_path, "sm")
    for path in outputs.values():
        context.addLayerToLoadOnCompletion(
            path, QgsProcessingContext.LayerDetails("sm", QgsProject.instance(), "OUTPUT"))
    params = {"INPUT": example_dir, "START_YEAR": 2001}
    params.update({"OUTPUT_" + k: v for k, v in outputs.items()})
    run(tsmv_processing, "importgldas", params, context=context)
    path = outputs["40_100"]
    layer = QgsRasterLayer(path, "sm")
    assert layer.isValid() and layer.crs().authid() == "EPSG:4326"
    details = context.layerToLoadOnCompletionDetails(path)
    assert details.name == "sm, 2001-01..2001-12"  # the months, so that two runs' layers differ
    post = details.postProcessor()
    assert post is not None
    post.postProcessLayer(layer, context, None)
    renderer = layer.renderer()
    assert renderer.type() == "singlebandpseudocolor"
    data = read_stack(path)[0]
    lo, hi = np.nanpercentile(data, [2, 98])
    assert renderer.classificationMin() == pytest.approx(lo, rel=0.05)
    assert renderer.classificationMax() == pytest.approx(hi, rel=0.05)
    # the .qml sidecar alone gives QGIS the same style
    plain = QgsRasterLayer(path, "again")
    assert plain.loadNamedStyle(path[:-4] + ".qml")[1]
    assert plain.renderer().type() == "singlebandpseudocolor"


@pytest.mark.parametrize("params, message", [
    ({"START_YEAR": 2001, "END_YEAR": 1999}, "START_YEAR (2001) is after END_YEAR (1999)"),
    ({"EXTENT": "100,120,-20,0 [EPSG:4326]"}, "lies outside the data"),
    ({"INPUT": "/nonexistent/gldas"}, "INPUT /nonexistent/gldas does not exist"),
])
def test_bad_input_through_processing(tsmv_processing, example_dir, tmp_path, params, message):
    from qgis.core import QgsProcessingException
    full = {"INPUT": example_dir}
    full.update({"OUTPUT_" + k: v for k, v in layer_paths(tmp_path, "sm").items()})
    full.update(params)
    with pytest.raises(QgsProcessingException) as e:
        run(tsmv_processing, "importgldas", full, feedback=(feedback := Feedback()))
    assert any(message in m for m in feedback.errors + [str(e.value)]), feedback.errors
    assert os.listdir(tmp_path) == []


def test_cancel_leaves_nothing(tsmv_processing, example_dir, tmp_path):
    from qgis.core import QgsProcessingException
    feedback = Feedback()
    feedback.cancel()
    params = {"INPUT": example_dir}
    params.update({"OUTPUT_" + k: v for k, v in layer_paths(tmp_path, "sm").items()})
    with pytest.raises(QgsProcessingException) as e:
        run(tsmv_processing, "importgldas", params, feedback=feedback)
    assert "Canceled by the user; no output was written" in str(e.value)
    assert os.listdir(tmp_path) == []


def test_seasons_and_trend_through_processing_run(tsmv_processing, example_dir, tmp_path):
    from qgis.core import QgsProcessingContext, QgsProject, QgsRasterLayer
    from tsmv.tsmv_qgis.steps.seasons import run_seasons
    from tsmv.tsmv_qgis.steps.trend import run_trend
    monthly = layer_paths(tmp_path, "sm")
    import_gldas(example_dir, monthly)
    params = {"INPUT_" + k: v for k, v in monthly.items()}
    params.update({"RANK_BY": 1, "SEASON_CODES": str(tmp_path / "codes.tif"),
                   "SEASON_CODES_LAYERS": str(tmp_path / "codes_layers.tif"),
                   "ANNUAL_TSM": str(tmp_path / "tsm.tif")})
    params.update({"SEASONAL_" + k: str(tmp_path / ("seasonal_%s.tif" % k)) for k in LAYER_KEYS})
    result, feedback = run(tsmv_processing, "seasons", params)
    assert any("Seasons of 4 years (1998-2001)" in m for m in feedback.infos)
    core = {"codes": str(tmp_path / "c_codes.tif"), "annual_tsm": str(tmp_path / "c_tsm.tif"),
            "codes_layers": str(tmp_path / "c_layers.tif")}
    core.update({"seasonal_" + k: str(tmp_path / ("c_seasonal_%s.tif" % k)) for k in LAYER_KEYS})
    run_seasons(monthly, core, "layer")
    for name, key in (("SEASON_CODES", "codes"), ("ANNUAL_TSM", "annual_tsm"),
                      ("SEASON_CODES_LAYERS", "codes_layers"), ("SEASONAL_40_100", "seasonal_40_100")):
        assert_same_nan(read_stack(result[name])[0], read_stack(core[key])[0], rtol=0, atol=0)

    context = QgsProcessingContext()
    context.setProject(QgsProject.instance())
    out = str(tmp_path / "trend.tif")
    context.addLayerToLoadOnCompletion(out, QgsProcessingContext.LayerDetails("trend", QgsProject.instance(), "OUTPUT"))
    trend, feedback = run(tsmv_processing, "trend", {
        "INPUT": result["ANNUAL_TSM"], "MIN_YEARS": 3, "FDR": True, "OUTPUT": out,
        "SUMMARY": str(tmp_path / "summary.csv")}, context=context)
    run_trend(result["ANNUAL_TSM"], str(tmp_path / "c_trend.tif"), min_years=3, fdr=True)
    assert_same_nan(read_stack(out)[0], read_stack(str(tmp_path / "c_trend.tif"))[0], rtol=0, atol=0)
    assert any("1998-2001:" in m for m in feedback.infos)
    layer = QgsRasterLayer(out, "trend")
    context.layerToLoadOnCompletionDetails(out).postProcessor().postProcessLayer(layer, context, None)
    assert {"p_value", "trend"} <= set(layer.styleManager().styles())
    assert layer.renderer().type() == "singlebandpseudocolor" and layer.renderer().band() == 1
    layer.styleManager().setCurrentStyle("trend")
    assert layer.renderer().type() == "paletted" and layer.renderer().band() == 7

    from tsmv.tsmv_qgis.steps.attribution import run_attribution
    names = ["COMPONENTS", "BY_SEASON", "BY_DEPTH", "BY_DYNAMIC", "OMEGA", "DOMINANT"]
    params = {"INPUT_" + k: result["SEASONAL_" + k] for k in LAYER_KEYS}
    params.update({n: str(tmp_path / ("att_%s.tif" % n)) for n in names})
    params.update({"TABLE": str(tmp_path / "att.csv"), "START_YEAR": 1999})
    attribution, feedback = run(tsmv_processing, "attribution", params)
    core = {n.lower(): str(tmp_path / ("core_att_%s.tif" % n)) for n in names}
    core["table"] = str(tmp_path / "core_att.csv")
    run_attribution({k: result["SEASONAL_" + k] for k in LAYER_KEYS}, core, start_year=1999)
    for n in names:
        assert_same_nan(read_stack(attribution[n])[0], read_stack(core[n.lower()])[0], rtol=0, atol=0)
    assert open(attribution["TABLE"]).read() == open(core["table"]).read()
    assert any("pixels attributed" in m for m in feedback.infos)
    dominant = QgsRasterLayer(attribution["DOMINANT"], "dominant")
    assert dominant.loadNamedStyle(attribution["DOMINANT"][:-4] + ".qml")[1]
    classes = dominant.renderer().classes()
    assert len(classes) == 32 and classes[27].label == "IAV SA-S 100-200 cm"  # 1 + 16 + 8 + 3
    assert classes[27].value == 28


def test_ecosystem_chain_through_processing_run(tsmv_processing, tmp_path):
    """landcover -> gpp -> correlation on the example world, equal to the core functions."""
    from tsmv.tsmv_qgis.steps.correlation import run_correlation
    from tsmv_example import (ExampleWorld, make_gldas_example, make_gosif_example,
                                        make_igbp_example)
    from tsmv.tsmv_qgis.steps.gpp import run_gpp
    from tsmv.tsmv_qgis.steps.landcover import run_landcover
    from tsmv.tsmv_qgis.steps.seasons import run_seasons
    extent = (0.0, 0.0, 8.0, 6.0)
    make_gldas_example(str(tmp_path / "gldas"), 2000, 2006, extent=extent, seed=5)
    world = ExampleWorld(extent, 1.0, 5)
    make_igbp_example(str(tmp_path / "igbp.tif"), world)
    make_gosif_example(str(tmp_path / "gosif"), world, 2000, 2006, "monthly", gzip_every=4)
    monthly = layer_paths(tmp_path, "sm")
    import_gldas(str(tmp_path / "gldas"), monthly)
    seasons = {"codes": str(tmp_path / "codes.tif"), "annual_tsm": str(tmp_path / "tsm.tif")}
    seasons.update({"seasonal_" + k: str(tmp_path / ("seasonal_%s.tif" % k)) for k in LAYER_KEYS})
    run_seasons(monthly, seasons)

    eco, _ = run(tsmv_processing, "landcover", {"INPUT": str(tmp_path / "igbp.tif"), "REFERENCE": seasons["annual_tsm"],
                                               "METHOD": 1, "OUTPUT": str(tmp_path / "eco.tif")})
    run_landcover(str(tmp_path / "igbp.tif"), seasons["annual_tsm"], str(tmp_path / "c_eco.tif"), "classes")
    assert_same_nan(read_stack(eco["OUTPUT"])[0], read_stack(str(tmp_path / "c_eco.tif"))[0], rtol=0, atol=0)
    gpp, feedback = run(tsmv_processing, "gpp", {"INPUT": str(tmp_path / "gosif"), "REFERENCE": seasons["annual_tsm"],
                                                 "OUTPUT": str(tmp_path / "gpp.tif")})
    assert any("GPP for 84 months" in m for m in feedback.infos)
    run_gpp(str(tmp_path / "gosif"), seasons["annual_tsm"], str(tmp_path / "c_gpp.tif"))
    assert_same_nan(read_stack(gpp["OUTPUT"])[0], read_stack(str(tmp_path / "c_gpp.tif"))[0], rtol=0, atol=0)
    _, feedback = run(tsmv_processing, "gpp", {"INPUT": str(tmp_path / "gosif"), "REFERENCE": seasons["annual_tsm"],
                                               "START_YEAR": 2006, "END_YEAR": 2007,
                                               "OUTPUT": str(tmp_path / "gpp_2007.tif")})
    assert any("2007" in w for w in feedback.warnings) and not feedback.errors  # a warning, not an error
    params = {"INPUT_" + k: seasons["seasonal_" + k] for k in LAYER_KEYS}
    params.update({"SEASON_CODES": seasons["codes"], "GPP": gpp["OUTPUT"], "ECOSYSTEMS": eco["OUTPUT"],
                   "R": str(tmp_path / "r.tif"), "P": str(tmp_path / "p.tif"), "TABLE": str(tmp_path / "t.csv")})
    params["R_ROOT_ZONE"] = str(tmp_path / "rz.tif")
    corr, feedback = run(tsmv_processing, "correlation", params)
    assert "P_ROOT_ZONE" not in corr and any(m.startswith("Correlation over 2000-2006: kept ")
                                             for m in feedback.infos)
    core = {"r": str(tmp_path / "c_r.tif"), "p": str(tmp_path / "c_p.tif"), "table": str(tmp_path / "c_t.csv"),
            "r_root_zone": str(tmp_path / "c_rz.tif")}
    run_correlation({k: seasons["seasonal_" + k] for k in LAYER_KEYS}, seasons["codes"], gpp["OUTPUT"],
                    eco["OUTPUT"], core)
    assert_same_nan(read_stack(corr["R"])[0], read_stack(core["r"])[0], rtol=0, atol=0)
    assert_same_nan(read_stack(corr["R_ROOT_ZONE"])[0], read_stack(core["r_root_zone"])[0], rtol=0, atol=0)
    assert open(corr["TABLE"]).read() == open(core["table"]).read()
    r = read_stack(corr["R"])[0]
    assert np.nanmean(r) > 0.2  # the example's GPP follows its soil moisture


def test_models_are_in_the_toolbox(tsmv_processing):
    """The shipped models are algorithms of the TSMV provider, with their steps wired as built."""
    from qgis.core import QgsApplication, QgsProcessingModelAlgorithm
    registry = QgsApplication.processingRegistry()
    expected = {"soilmoisturechain": {"import", "trend_A", "trend_B", "attribution_A",
                                      "attribution_B", "report"}}
    expected["fullchain"] = expected["soilmoisturechain"] | {"landcover", "gpp", "correlation"}
    expected["downloadchain"] = expected["soilmoisturechain"] | {"download"}
    for name, steps in expected.items():
        model = registry.algorithmById("tsmv:" + name)
        assert isinstance(model, QgsProcessingModelAlgorithm), name
        assert set(model.childAlgorithms()) == steps
        for step in steps:  # QGIS attaches the algorithm objects when the model runs or opens
            assert registry.algorithmById(model.childAlgorithm(step).algorithmId()) is not None, step
        assert model.dependsOnChildAlgorithms("report") >= {"import", "trend_A", "attribution_B"}
        assert {"GLDAS", "START_A", "END_B"} <= {p.name() for p in model.parameterDefinitions()}


DIALOGS = r"""
import sys
sys.path.insert(0, sys.argv[1])
import make_pictures
from qgis.core import QgsApplication
import tsmv_package
app, provider = tsmv_package.start_qgis()
ids = sorted(a.id() for a in provider.algorithms())
for algorithm_id in ids:
    window = make_pictures.open_dialog(algorithm_id)
    panel = window.mainWidget()
    missing = [p.name() for p in window.algorithm().parameterDefinitions()
               if not p.isDestination() and panel.wrappers.get(p.name()) is None]
    assert not missing, (algorithm_id, missing)
    window.close()
print("dialogs", len(ids))
"""


def test_every_dialog_opens_in_the_desktop_gui():
    """Each algorithm's and model's Processing dialog builds a widget for every input (offscreen GUI)."""
    import subprocess
    import sys
    proc = subprocess.run([sys.executable, "-c", DIALOGS, os.path.join(ROOT, "scripts")],
                          capture_output=True, text=True, timeout=300,
                          env=dict(os.environ, QT_QPA_PLATFORM="offscreen"))
    assert proc.returncode == 0, proc.stderr[-3000:]
    assert "dialogs 16" in proc.stdout  # 13 algorithms, 3 models


def test_save_dialogs_offer_only_what_tsmv_writes(tsmv_processing):
    """GeoTIFF for every raster output (of algorithms and models), CSV for tables."""
    from qgis.core import QgsApplication
    registry = QgsApplication.processingRegistry()
    rasters = 0
    for listed in registry.providerById("tsmv").algorithms():
        algorithm = registry.createAlgorithmById(listed.id())  # kept: its parameters die with it
        for parameter in algorithm.parameterDefinitions():
            if parameter.type() == "rasterDestination":
                assert parameter.supportedOutputRasterLayerExtensions() == ["tif"], (listed.id(), parameter.name())
                assert parameter.createFileFilter().startswith("TIF files (*.tif)")
                rasters += 1
    assert rasters > 50
    assert registry.providerById("tsmv").supportedOutputTableExtensions() == ["csv"]
