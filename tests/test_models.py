"""The shipped models: a diagram that reads like the chain, inputs and outputs as a user meets
them in the dialog, valid in QGIS, and through qgis_process every output exists, is styled and
equals the steps run one by one."""
import csv
import glob
import html.parser
import json
import os
import subprocess
import sys

import pytest

from conftest import ROOT, assert_same_nan, layer_paths, read_stack
from tsmv.tsmv_qgis.steps.attribution import run_attribution
from tsmv.tsmv_qgis.steps.correlation import run_correlation
from tsmv_example import (ExampleWorld, make_gldas_example, make_gosif_example,
                                    make_igbp_example)
from tsmv.tsmv_qgis.steps.importing import import_gldas
from tsmv.tsmv_qgis.steps.gpp import run_gpp
from tsmv.tsmv_qgis.labels import LAYER_KEYS
from tsmv.tsmv_qgis.steps.landcover import run_landcover
from tsmv.tsmv_qgis.steps.qc import quality_control
from tsmv.tsmv_qgis.steps.seasons import run_seasons
from tsmv.tsmv_qgis.steps.trend import run_trend

sys.path.insert(0, os.path.join(ROOT, "scripts"))
import make_models  # noqa: E402

EXTENT = (0.0, 0.0, 6.0, 5.0)
PERIODS = {"A": (1990, 1999), "B": (2000, 2009)}
CHAINS = ["soilmoisturechain", "fullchain"]  # the models that read folders the user already has
MODELS = CHAINS + ["downloadchain"]
INPUTS = {"soilmoisturechain": ["GLDAS", "START_A", "END_A", "START_B", "END_B"]}
INPUTS["fullchain"] = INPUTS["soilmoisturechain"] + ["LANDCOVER", "GOSIF"]
INPUTS["downloadchain"] = INPUTS["soilmoisturechain"] + ["AUTH", "CMR_URL"]
#: What a run loads into the project unless the user says otherwise.
LOADED = {"soilmoisturechain": {"report:report", "trend_A:trend_A", "trend_B:trend_B",
                                "attribution_A:dominant_A", "attribution_B:dominant_B"}}
LOADED["fullchain"] = LOADED["soilmoisturechain"] | {"landcover:ecosystems", "correlation:r"}
LOADED["downloadchain"] = LOADED["soilmoisturechain"]


@pytest.fixture(scope="module")
def world_data(tmp_path_factory):
    folder = tmp_path_factory.mktemp("world")
    make_gldas_example(str(folder / "gldas"), 1990, 2009, extent=EXTENT, seed=2)
    world = ExampleWorld(EXTENT, 1.0, 2)
    make_igbp_example(str(folder / "igbp.tif"), world)
    make_gosif_example(str(folder / "gosif"), world, 2000, 2009, "monthly", gzip_every=7)
    return folder


def model_inputs(model, world_data):
    params = {"GLDAS": str(world_data / "gldas")}
    for p, (start, end) in PERIODS.items():
        params.update({"START_" + p: start, "END_" + p: end})
    if model == "fullchain":
        params.update({"LANDCOVER": str(world_data / "igbp.tif"), "GOSIF": str(world_data / "gosif")})
    return params


def instances(model):
    """The model as QGIS hands it out: the provider's instance, a created one and createInstance()."""
    from qgis.core import QgsApplication
    registry = QgsApplication.processingRegistry()
    listed = registry.algorithmById("tsmv:" + model)
    return {"provider": listed, "created": registry.createAlgorithmById("tsmv:" + model),
            "createInstance": listed.createInstance()}


def shipped(model):
    from qgis.core import QgsProcessingModelAlgorithm
    loaded = QgsProcessingModelAlgorithm()
    assert loaded.fromFile(os.path.join(ROOT, "models", model + ".model3"))
    return loaded


def box(component):
    """(left, top, right, bottom) of a diagram box: a component's position is its centre."""
    centre, size = component.position(), component.size()
    return (centre.x() - size.width() / 2, centre.y() - size.height() / 2,
            centre.x() + size.width() / 2, centre.y() + size.height() / 2)


@pytest.mark.parametrize("model", MODELS)
def test_no_two_boxes_overlap(model):
    loaded = shipped(model)
    boxes = [("input " + n, box(c)) for n, c in loaded.parameterComponents().items()]
    for step_id, step in loaded.childAlgorithms().items():
        boxes.append(("step " + step_id, box(step)))
        boxes += [("output " + n, box(o)) for n, o in step.modelOutputs().items()]
    assert len(boxes) == len(INPUTS[model]) + len(loaded.childAlgorithms()) + len(make_models.MODELS[model]["outputs"])
    for i, (a, (al, at, ar, ab)) in enumerate(boxes):
        assert ar - al >= 100 and ab - at >= 20, a  # a box, not a point
        for b, (bl, bt, br, bb) in boxes[i + 1:]:
            assert not (al < br and bl < ar and at < bb and bt < ab), (a, b)


@pytest.mark.parametrize("model", MODELS)
def test_the_diagram_reads_like_the_chain(model):
    """Inputs in a row on top in the dialog's order; steps in columns read left to right, each
    from the top, every step after the steps it uses; each step's outputs beside it."""
    loaded = shipped(model)
    inputs = [loaded.parameterComponent(n) for n in INPUTS[model]]
    steps = loaded.childAlgorithms()
    assert len({c.position().y() for c in inputs}) == 1
    assert [c.position().x() for c in inputs] == sorted(c.position().x() for c in inputs)
    top = max(box(c)[3] for c in inputs)
    assert all(box(s)[1] > top for s in steps.values())

    def reading(step_id):
        return steps[step_id].position().x(), steps[step_id].position().y()
    for step_id in steps:
        for used in loaded.dependsOnChildAlgorithms(step_id):
            assert reading(used) < reading(step_id), (used, step_id)
    for step_id, step in steps.items():
        below = [s.position().y() for s in steps.values()
                 if s.position().x() == step.position().x() and s.position().y() > step.position().y()]
        for name, output in step.modelOutputs().items():
            gap = box(output)[0] - box(step)[2]
            assert 0 < gap < 100, name  # beside its step, on the right
            assert step.position().y() <= output.position().y() < min(below + [1e9]), name


@pytest.mark.parametrize("model", MODELS)
def test_models_are_valid(tsmv_processing, model):
    """validate() finds no issue (QGIS 3.22 wants every mandatory step parameter set)."""
    for how, algorithm in instances(model).items():
        assert algorithm.validate() == (True, []), how


@pytest.mark.parametrize("model", MODELS)
def test_names_and_order_as_the_dialog_shows_them(tsmv_processing, model):
    names = {"soilmoisturechain": "1 Soil-moisture chain", "fullchain": "2 Full chain",
             "downloadchain": "3 Download and run chain 1"}
    outputs = ["%s:%s" % (step, name) for name, step, _, _ in make_models.MODELS[model]["outputs"]]
    for how, algorithm in instances(model).items():
        assert (algorithm.name(), algorithm.displayName(), algorithm.group()) == (model, names[model], "5 Chains"), how
        assert algorithm.id() == ("tsmv:" + model if algorithm.provider() else model), how
        parameters = algorithm.parameterDefinitions()
        assert [p.name() for p in parameters if not p.isDestination()] == INPUTS[model], how
        assert [p.name() for p in algorithm.destinationParameterDefinitions()] == outputs, how
        assert all(p.help() for p in parameters if not p.isDestination()), how


@pytest.mark.parametrize("model", MODELS)
def test_output_labels_name_period_and_no_ids(tsmv_processing, model):
    algorithm = instances(model)["created"]
    for parameter in algorithm.destinationParameterDefinitions():
        step, label = parameter.name().split(":")[0], parameter.description()
        assert "_" not in label and "By_" not in label, label
        for period in PERIODS:
            assert ("period %s" % period in label) == step.endswith("_" + period), label


@pytest.mark.parametrize("model", ["fullchain", "downloadchain"])
def test_every_text_of_a_model_is_translated_when_it_loads(tsmv_processing, model):
    """Name, group, help, input and output labels, input help and step labels go through the
    "TsmvModel" translations (here a translator that marks what it is asked)."""
    from qgis.PyQt.QtCore import QCoreApplication, QTranslator
    from tsmv.processing_provider.models import TsmvModel

    class Marking(QTranslator):
        def translate(self, context, text, disambiguation=None, n=-1):
            return "<%s>" % text if context == "TsmvModel" and text else None  # None: not translated

    translator = Marking()
    QCoreApplication.installTranslator(translator)
    try:
        model = TsmvModel(os.path.join(ROOT, "models", model + ".model3"))
        texts = [model.displayName(), model.group(), model.shortDescription()]
        texts += [t for block in model.help_blocks() for t in ([block] if isinstance(block, str) else block)]
        for parameter in model.parameterDefinitions():
            texts += [parameter.description()] + ([] if parameter.isDestination() else [parameter.help()])
        texts += [step.description() for step in model.childAlgorithms().values()]
    finally:
        QCoreApplication.removeTranslator(translator)
    assert len(texts) > 50 and [t for t in texts if not (t.startswith("<") and t.endswith(">"))] == []


@pytest.mark.parametrize("model", MODELS)
def test_outputs_created_and_loaded_by_default(tsmv_processing, model):
    """The outputs a user looks at default to a temporary file; the others are optional and not
    created by default (the dialog: "[Skip output]"); the dialog itself: below."""
    from qgis.core import QgsProcessing
    from tsmv.processing_provider.compat import OPTIONAL
    for how, algorithm in instances(model).items():
        for parameter in algorithm.destinationParameterDefinitions():
            loaded = parameter.name() in LOADED[model]
            assert parameter.flags() & OPTIONAL, (how, parameter.name())
            assert parameter.createByDefault() == loaded, (how, parameter.name())
            assert (parameter.defaultValue() == QgsProcessing.TEMPORARY_OUTPUT) == loaded, (how, parameter.name())


DIALOG = r"""
import json, sys
sys.path.insert(0, sys.argv[1])
import make_pictures
import tsmv_package
app, provider = tsmv_package.start_qgis()
found = {}
for model in sys.argv[2:]:
    window = make_pictures.open_dialog("tsmv:" + model)
    panel = window.mainWidget()
    found[model] = {}
    for parameter in window.algorithm().destinationParameterDefinitions():
        wrapper = panel.wrappers[parameter.name()]
        value = wrapper.parameterValue()  # None: "[Skip output]"
        found[model][parameter.name()] = [value is not None,
                                          bool(wrapper.customProperties().get("OPEN_AFTER_RUNNING"))]
    window.close()
print("DIALOGS " + json.dumps(found))
"""


def test_the_dialog_creates_and_loads_what_a_user_looks_at():
    """In the desktop dialog (offscreen): the outputs a user looks at are "[Save to temporary
    file]" with "Open output file after running algorithm" ticked (the report: shown in the
    Results Viewer); every other output is "[Skip output]"."""
    proc = subprocess.run([sys.executable, "-c", DIALOG, os.path.join(ROOT, "scripts")] + MODELS,
                          capture_output=True, text=True, timeout=300,
                          env=dict(os.environ, QT_QPA_PLATFORM="offscreen"))
    assert proc.returncode == 0, proc.stderr[-3000:]
    found = json.loads(proc.stdout.split("DIALOGS ")[1])
    for model in MODELS:
        assert {n for n, (created, _) in found[model].items() if created} == LOADED[model]
        assert {n for n, (_, opened) in found[model].items() if opened} == LOADED[model] - {"report:report"}
        assert len(found[model]) == len(make_models.MODELS[model]["outputs"])


def test_a_chain_run_moves_its_progress_to_the_end(tsmv_processing, world_data):
    """processing.run with the inputs only, as from the Python console: every output goes to a
    temporary file, nothing is loaded, and the progress rises to 100 (benchmarks/model_progress.py
    times it on the demo's data)."""
    from qgis.core import QgsProcessingContext, QgsProcessingFeedback, QgsProject

    class Recorder(QgsProcessingFeedback):
        def __init__(self):
            super().__init__()
            self.seen = []
            self.progressChanged.connect(self.seen.append)

    feedback, context = Recorder(), QgsProcessingContext()
    context.setProject(QgsProject.instance())
    results = tsmv_processing.run("tsmv:fullchain", model_inputs("fullchain", world_data),
                                  context=context, feedback=feedback)
    assert os.path.exists(results["report:report"]) and os.path.exists(results["correlation:r"])
    report = open(results["report:report"], encoding="utf-8").read()  # skipped outputs still feed the report
    # 4c maps R_ROOT_ZONE, an optional output the chain leaves unwritten when not asked for
    assert all('<figure id="fig-%s">' % f in report for f in ("4a", "4b", "4d", "s2", "s3"))
    assert context.layersToLoadOnCompletion() == {}
    assert len(feedback.seen) > 50 and feedback.seen[-1] == pytest.approx(100)
    assert all(b >= a - 1e-9 for a, b in zip(feedback.seen, feedback.seen[1:]))


@pytest.fixture(scope="module")
def one_by_one(world_data, tmp_path_factory):
    """The chain run step by step with the core functions."""
    out = tmp_path_factory.mktemp("steps")
    sm, qc = layer_paths(out, "sm"), layer_paths(out, "qc")
    import_gldas(str(world_data / "gldas"), sm)
    quality_control(sm, qc, report=str(out / "qc.csv"))
    seasons = {"codes": str(out / "codes.tif"), "annual_tsm": str(out / "tsm.tif")}
    seasons.update({"seasonal_" + k: str(out / ("seasonal_%s.tif" % k)) for k in LAYER_KEYS})
    run_seasons(qc, seasons)
    steps = {"sm_" + k: sm[k] for k in LAYER_KEYS}
    steps.update({"qc_" + k: qc[k] for k in LAYER_KEYS})
    steps.update({"season_codes": seasons["codes"], "annual_tsm": seasons["annual_tsm"]})
    steps.update({"seasonal_" + k: seasons["seasonal_" + k] for k in LAYER_KEYS})
    seasonal = {k: seasons["seasonal_" + k] for k in LAYER_KEYS}
    for p, (start, end) in PERIODS.items():
        steps["trend_" + p] = str(out / ("trend_%s.tif" % p))
        steps["trend_summary_" + p] = str(out / ("trend_%s.csv" % p))
        run_trend(seasons["annual_tsm"], steps["trend_" + p], steps["trend_summary_" + p],
                  start_year=start, end_year=end)
        names = ("components", "by_season", "by_depth", "by_dynamic", "omega", "dominant")
        att = {n: str(out / ("%s_%s.tif" % (n, p))) for n in names}
        att["table"] = steps["table_" + p] = str(out / ("attribution_%s.csv" % p))
        run_attribution(seasonal, att, start, end)
        steps.update({"%s_%s" % (n, p): att[n] for n in names})
    steps["ecosystems"] = str(out / "eco.tif")
    run_landcover(str(world_data / "igbp.tif"), seasons["annual_tsm"], steps["ecosystems"])
    steps["gpp"] = str(out / "gpp.tif")
    run_gpp(str(world_data / "gosif"), seasons["annual_tsm"], steps["gpp"])
    steps["r"], steps["p"] = str(out / "r.tif"), str(out / "p.tif")
    steps["correlation_table"] = str(out / "correlation.csv")
    run_correlation(seasonal, seasons["codes"], steps["gpp"], steps["ecosystems"],
                    {"r": steps["r"], "p": steps["p"], "table": steps["correlation_table"]})
    steps["qc_report"] = str(out / "qc.csv")
    return steps


@pytest.mark.parametrize("model", CHAINS)
def test_model_through_qgis_process(model, qgis_process, world_data, one_by_one, tmp_path):
    params = model_inputs(model, world_data)
    paths = {}
    for name, child, child_output, _ in make_models.MODELS[model]["outputs"]:
        extension = ".html" if name == "report" else ".csv" if child_output in ("REPORT", "SUMMARY", "TABLE") else ".tif"
        paths[name] = str(tmp_path / (name + extension))
        params["%s:%s" % (child, name)] = paths[name]
    code, result, log = qgis_process.run("tsmv:" + model, **params)
    assert code == 0, log[-3000:]
    for name, path in paths.items():
        assert os.path.exists(path), name
        if path.endswith(".tif"):
            assert os.path.exists(path[:-4] + ".qml"), name  # styled
            if name in one_by_one:
                assert_same_nan(read_stack(path)[0], read_stack(one_by_one[name])[0], rtol=0, atol=0)
    compared = [n for n in paths if n in one_by_one]
    assert len(compared) >= (31 if model == "fullchain" else 27)
    report = open(paths["report"]).read()
    # 1a-1d, S1, 2 (A, B), 3; the full chain adds 4a-4d, S2, S3 (r, p, ecosystems and the root zone wired in)
    assert report.count("<figure ") == (14 if model == "fullchain" else 8)


def test_models_are_built_by_the_script(tsmv_processing, tmp_path):
    """models/*.model3 mean what scripts/make_models.py makes from the current code: the same
    inputs, steps, connections, outputs, labels, help and diagram (the XML itself differs
    between QGIS versions)."""
    proc = subprocess.run([sys.executable, os.path.join(ROOT, "scripts", "make_models.py"), str(tmp_path)],
                          capture_output=True, text=True, env=dict(os.environ, QT_QPA_PLATFORM="offscreen"))
    assert proc.returncode == 0, proc.stderr
    shipped_files = sorted(glob.glob(os.path.join(ROOT, "models", "*.model3")))
    assert [os.path.basename(p) for p in shipped_files] == ["downloadchain.model3", "fullchain.model3", "soilmoisturechain.model3"]
    for path in shipped_files:
        meaning = model_meaning(path)
        assert meaning == model_meaning(str(tmp_path / os.path.basename(path))), os.path.basename(path)
        described = make_models.MODELS[os.path.basename(path)[:-len(".model3")]]["outputs"]
        assert sorted(meaning["outputs"]) == sorted(name for name, _, _, _ in described)  # a model was read
    # the copies labelled in each language (models/<locale>/), which the provider loads for it
    copies = sorted(os.path.relpath(p, os.path.join(ROOT, "models"))
                    for p in glob.glob(os.path.join(ROOT, "models", "*", "*.model3")))
    assert copies == sorted(os.path.join(locale, os.path.basename(p)) for locale in make_models.translations()
                            for p in shipped_files)
    for copy in copies:
        assert model_meaning(os.path.join(ROOT, "models", copy)) == model_meaning(str(tmp_path / copy)), copy


def model_meaning(path):
    """What a model means, independent of how a QGIS version writes it: its name, help, inputs
    (name, type, label, default, flags, place), steps (algorithm, label, place, and where each
    parameter comes from: a fixed value, a model input or another step's output) and outputs."""
    from qgis.core import QgsProcessingModelAlgorithm
    model = QgsProcessingModelAlgorithm()
    assert model.fromFile(path), path

    def source(s):  # exactly one of these is set, by the kind of source
        return (s.staticValue(), s.parameterName(), s.outputChildId(), s.outputName(), s.expression())

    def place(component):
        return box(component)

    inputs = {p.name(): (p.type(), p.description(), p.defaultValue(), p.toVariantMap()["flags"],
                         place(model.parameterComponent(p.name())))
              for p in model.parameterDefinitions() if not p.isDestination()}  # outputs: below
    steps, outputs = {}, {}
    for child_id, child in model.childAlgorithms().items():
        steps[child_id] = (child.algorithmId(), child.description(), place(child), child.isActive(),
                           sorted(child.dependencies()),
                           {name: [source(s) for s in sources] for name, sources in child.parameterSources().items()})
        for name, output in child.modelOutputs().items():
            outputs[name] = (child_id, output.childOutputName(), output.description(), output.isMandatory(),
                             output.defaultValue(), place(output))
    return {"name": (model.name(), model.group()), "help": model.helpContent(),
            "order": [p.parameterName() for p in model.orderedParameters()],
            "inputs": inputs, "steps": steps, "outputs": outputs}


class ReportParser(html.parser.HTMLParser):
    """Figure captions, image sources and tables (title -> rows) of the report."""

    def __init__(self):
        super().__init__()
        self.captions, self.images, self.tables, self.sections = [], [], {}, []
        self._in, self._table, self._row, self._text = None, None, None, ""

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "img":
            self.images.append(attrs["src"])
        elif tag == "table":
            self._table = self.tables.setdefault(attrs["data-title"], [])
        elif tag == "section":
            self.sections.append(attrs["id"])
        elif tag == "tr" and self._table is not None:
            self._row = []
        elif tag in ("figcaption", "td", "th"):
            self._in, self._text = tag, ""

    def handle_endtag(self, tag):
        if tag == "figcaption":
            self.captions.append(self._text)
        elif tag in ("td", "th") and self._row is not None:
            self._row.append(self._text)
        elif tag == "tr" and self._row is not None:
            self._table.append(self._row)
            self._row = None
        elif tag == "table":
            self._table = None
        self._in = None if tag == self._in else self._in

    def handle_data(self, data):
        if self._in:
            self._text += data


def test_report_figures_and_tables(one_by_one, tmp_path):
    from tsmv.tsmv_qgis.report import make_report
    steps = one_by_one
    from tsmv.tsmv_qgis.progress import Progress
    out = str(tmp_path / "report.html")
    reported = []
    titles = make_report(out, steps["annual_tsm"], seasonal={k: steps["seasonal_" + k] for k in LAYER_KEYS},
                         trends=[steps["trend_A"], steps["trend_B"]],
                         trend_summaries=[steps["trend_summary_A"], steps["trend_summary_B"]],
                         components=[steps["components_A"], steps["components_B"]],
                         attribution_tables=[steps["table_A"], steps["table_B"]],
                         correlation_table=steps["correlation_table"], qc_report=steps["qc_report"],
                         progress=Progress(reported.append))
    assert reported[-1] == pytest.approx(1.0) and len(reported) == len(titles)
    parser = ReportParser()
    parser.feed(open(out).read())
    # 1a-1d, S1, 2 (A, B), 3, and from the correlation table S3 (its 10-100 cm rows a column)
    assert parser.captions == titles and len(titles) == 9
    assert titles[0].startswith("Fig. 1a. Global mean annual total soil moisture")
    assert any("1990-1999" in t for t in titles) and any("2000-2009" in t for t in titles)
    assert any("by ecosystem" in t for t in titles) and any("their change" in t for t in titles)
    assert all(src.startswith("data:image/png;base64,") for src in parser.images)
    assert "http" not in open(out).read().split("</nav>")[1]  # self-contained
    assert parser.sections == ["coverage", "trends", "attribution", "seasons-depths", "correlation", "tables",
                               "provenance"]
    for title, path in (("Attribution 1990-1999", steps["table_A"]), ("Attribution 2000-2009", steps["table_B"])):
        with open(path, newline="") as f:
            rows = list(csv.DictReader(f))
        shown = parser.tables[title]  # one row per season and depth: Trend, IAV, omega once
        assert len(shown) == 1 + len(rows) // 2 == 17
        at = {(cells[0], cells[1]): cells for cells in shown[1:]}
        for row in rows:
            cells = at[(row["season"], row["depth"])]
            value = float(row["mean_percent"])
            small = 0 < abs(value) < 0.05  # a small non-zero share keeps 2 digits: 0.04
            assert cells[2 if row["dynamic"] == "Trend" else 4] == ("%.2g" if small else "%.1f") % value, title
            assert cells[6] == "%.2f" % float(row["mean_omega"]), title
    for title, path in (("Correlation with GPP by ecosystem", steps["correlation_table"]),
                        ("Quality control", steps["qc_report"])):
        with open(path, newline="") as f:
            rows = list(csv.reader(f))
        shown = parser.tables[title]
        global_all = "Global (every pixel, also outside the four ecosystems)"  # what Global holds, said
        assert len(shown) == len(rows) and [r[:4] for r in shown[1:]] == [
            [global_all if c == "Global" else c for c in r[:4]] for r in rows[1:]] or \
            title == "Quality control", title  # the same rows, in order (labels, codes, counts)
        for cells, row in zip(shown[1:], rows[1:]):  # numbers as they mean: one decimal for percent ...
            for cell, value, column in zip(cells, row, rows[0]):
                if value == "nan":
                    assert cell == "\u2013", (title, column)  # no value: a dash
                elif column in ("mean_percent", "mean_percent_unweighted", "percent_significant"):
                    small = 0 < abs(float(value)) < 0.05  # a small non-zero share keeps 2 digits: 0.04
                    assert cell == ("%.2g" if small else "%.1f") % float(value), (title, column)
                elif column in ("mean_omega", "mean_r", "mean_p"):
                    assert cell == "%.2f" % float(value), (title, column)
    table_1 = parser.tables["Trend of total soil moisture by period (§3.1)"]
    assert table_1[0] == ["quantity", "1990-1999", "2000-2009"]


def test_report_cancel_leaves_nothing(one_by_one, tmp_path):
    from tsmv.tsmv_qgis.errors import Canceled
    from tsmv.tsmv_qgis.progress import Progress
    from tsmv.tsmv_qgis.report import make_report
    with pytest.raises(Canceled):
        make_report(str(tmp_path / "r.html"), one_by_one["annual_tsm"], progress=Progress(None, lambda: True))
    assert os.listdir(tmp_path) == []


def test_report_without_matplotlib_keeps_its_tables(one_by_one, tmp_path, monkeypatch):
    """QGIS's macOS build may lack matplotlib: the report is written with every table, says why it
    has no figures, and the log hears it."""
    from tsmv.tsmv_qgis.report import make_report
    monkeypatch.setitem(sys.modules, "matplotlib", None)  # import matplotlib now fails
    out, heard = str(tmp_path / "report.html"), []
    titles = make_report(out, one_by_one["annual_tsm"], attribution_tables=[one_by_one["table_A"]],
                         correlation_table=one_by_one["correlation_table"], log=heard.append)
    parser = ReportParser()
    parser.feed(open(out).read())
    assert titles == [] and parser.images == []
    with open(one_by_one["correlation_table"], newline="") as f:
        rows = list(csv.reader(f))
    shown = parser.tables["Correlation with GPP by ecosystem"]
    assert [r[:3] for r in shown[1:]] == [[c.replace("Global", "Global (every pixel, also outside the four "
                                                     "ecosystems)") for c in r[:3]] for r in rows[1:]]  # every row
    assert [t for t in parser.tables if t.startswith("Attribution")] == ["Attribution period A"]
    assert len(heard) == 1 and "matplotlib" in heard[0] and heard[0] in html_text(out)


def html_text(path):
    import html
    return html.unescape(open(path).read())


# --- tsmv:downloadchain: the download as the first step, against NASA imitated on loopback -----

@pytest.fixture
def gldas_archive(world_data):
    """The fake archive (fake_earthdata) serving world_data's GLDAS files, 1990-2009."""
    from fake_earthdata import start_world
    world = start_world()
    for path in sorted(glob.glob(str(world_data / "gldas" / "**" / "*.nc4"), recursive=True)):
        name = os.path.basename(path)
        with open(path, "rb") as f:
            world.add_granule(name, f.read(), start="%s-%s-01T00:00:00Z" % (name[16:20], name[20:22]))
    yield world
    world.close()


def chain_outputs(model, folder):
    """Every output of ``model`` (step:name) to a file of its own in ``folder``."""
    paths = {}
    for name, child, child_output, _ in make_models.MODELS[model]["outputs"]:
        extension = ".html" if name == "report" else \
            ".csv" if child_output in ("REPORT", "SUMMARY", "TABLE") or name == "manifest" else ".tif"
        paths["%s:%s" % (child, name)] = str(folder / (name + extension))
    return paths


def assert_same_outputs(ours, theirs):
    """The rasters equal, NaN where NaN, and the tables equal, byte for byte."""
    compared = 0
    for key, path in ours.items():
        if key not in theirs:
            continue
        if path.endswith(".tif"):
            assert_same_nan(read_stack(path)[0], read_stack(theirs[key])[0], rtol=0, atol=0)
            assert read_stack(path)[1] == read_stack(theirs[key])[1], key  # the band labels
        elif path.endswith(".csv"):
            assert open(path).read() == open(theirs[key]).read(), key
        compared += 1
    return compared


def test_download_chain_downloads_then_runs_as_by_hand(tsmv_processing, qgis_process, gldas_archive, world_data,
                                                        tmp_path, monkeypatch):
    """tsmv:downloadchain downloads into the folder the user names (not a temporary one), then
    runs the chain on it: its outputs equal tsmv:download then tsmv:soilmoisturechain run by
    hand.  A second run, through qgis_process, fetches nothing and gives the same outputs."""
    from fake_earthdata import TOKEN
    world = gldas_archive
    monkeypatch.setenv("TSMV_EARTHDATA_LOGIN_HOST", world.host("login"))
    monkeypatch.setenv("EARTHDATA_TOKEN", TOKEN)
    served = sorted(world.files)
    assert len(served) == 240
    periods = {"START_A": 1990, "END_A": 1999, "START_B": 2000, "END_B": 2009}

    # by hand: the download, then the chain on its folder
    by_hand = tmp_path / "by_hand"
    by_hand.mkdir()
    tsmv_processing.run("tsmv:download", {"PRODUCT": 0, "START_YEAR": 1990, "END_YEAR": 2009,
                                          "OUTPUT_FOLDER": str(by_hand / "gldas"),
                                          "OUTPUT": str(by_hand / "manifest.csv"), "CMR_URL": world.url("cmr")})
    hand = {k: v for k, v in chain_outputs("downloadchain", by_hand).items() if not k.startswith("download:")}
    tsmv_processing.run("tsmv:soilmoisturechain", dict(periods, GLDAS=str(by_hand / "gldas"), **hand))

    # the model: one run downloads into the named folder, then runs the chain
    folder = tmp_path / "my_gldas"
    first = tmp_path / "first"
    first.mkdir()
    outputs = chain_outputs("downloadchain", first)
    results = tsmv_processing.run("tsmv:downloadchain", dict(periods, GLDAS=str(folder), CMR_URL=world.url("cmr"),
                                                             **outputs))
    assert results["report:report"] == outputs["report:report"]
    assert sorted(os.listdir(folder)) == served  # the folder named, nothing else in it
    for name in served:
        with open(folder / name, "rb") as f:
            assert f.read() == world.files[name], name
    with open(outputs["download:manifest"], newline="") as f:
        rows = list(csv.DictReader(f))
    assert [r["file"] for r in rows] == served and {r["status"] for r in rows} == {"downloaded"}
    assert assert_same_outputs(outputs, hand) >= 28
    assert world.sent_to("data") == {"Bearer"}

    # a second run, through qgis_process: nothing fetched again, the same outputs
    fetched = len([r for r in world.received if r[0] == "data"])
    second = tmp_path / "second"
    second.mkdir()
    outputs = chain_outputs("downloadchain", second)
    monkeypatch.setattr(qgis_process, "env", dict(qgis_process.env, TSMV_EARTHDATA_LOGIN_HOST=world.host("login"),
                                                  EARTHDATA_TOKEN=TOKEN))
    code, result, log = qgis_process.run("tsmv:downloadchain", GLDAS=str(folder), CMR_URL=world.url("cmr"),
                                         **periods, **outputs)
    assert code == 0, log[-3000:]
    assert TOKEN not in log
    assert len([r for r in world.received if r[0] == "data"]) == fetched  # no file asked for again
    with open(outputs["download:manifest"], newline="") as f:
        assert {r["status"] for r in csv.DictReader(f)} == {"present"}
    assert assert_same_outputs(outputs, hand) >= 28
    assert open(outputs["report:report"]).read().count("<figure ") == 8


def test_download_chain_keeps_the_download_when_a_later_step_fails(tsmv_processing, gldas_archive, tmp_path,
                                                                     monkeypatch):
    """A run is all or nothing for the outputs, but not for the downloaded files: the report
    fails, the outputs (the manifest too) are taken back, the folder keeps every complete file,
    and the next run fetches none of them again."""
    from qgis.core import QgsApplication, QgsProcessingException
    from fake_earthdata import TOKEN
    from tsmv.tsmv_qgis.errors import TsmvError
    world = gldas_archive
    monkeypatch.setenv("TSMV_EARTHDATA_LOGIN_HOST", world.host("login"))
    monkeypatch.setenv("EARTHDATA_TOKEN", TOKEN)
    folder, out = tmp_path / "my_gldas", tmp_path / "out"
    params = dict(GLDAS=str(folder), CMR_URL=world.url("cmr"), START_A=1990, END_A=1999, START_B=2000, END_B=2009,
                  **chain_outputs("downloadchain", out))
    report = type(QgsApplication.processingRegistry().algorithmById("tsmv:report"))
    compute = report.compute

    def fail(self, parameters, context, feedback):
        raise TsmvError("REPORT injected: this step fails")
    monkeypatch.setattr(report, "compute", fail)
    with pytest.raises(QgsProcessingException):
        tsmv_processing.run("tsmv:downloadchain", params)
    assert not os.path.exists(out)  # every output taken back, the folder the run made too
    assert sorted(os.listdir(folder)) == sorted(world.files)
    fetched = len([r for r in world.received if r[0] == "data"])
    monkeypatch.setattr(report, "compute", compute)
    tsmv_processing.run("tsmv:downloadchain", params)
    assert len([r for r in world.received if r[0] == "data"]) == fetched
    assert os.path.exists(out / "report.html")
