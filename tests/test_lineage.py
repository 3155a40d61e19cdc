"""One input contract: what TSMV records of a stack (content, layer, period, ranking, GLDAS
versions, the run that made it and the runs it was made from) is checked against the role it is
given and against the run's other inputs; a mismatch is refused naming both files.

The cases are the first sweep's silent errors (issue 24, class 1), as a table run through
processing.run with the assertions of test_hostile: refused by name, nothing published, no
temporary, inputs unchanged.  Stacks made by other tools (no TSMV metadata) keep working.
"""
import json
import os

import numpy as np
import pytest

from conftest import read_stack
from test_hostile import K, World, assert_case_refused, copy, world_file
from tsmv.tsmv_qgis.io.lineage import OUTPUT, RUN, SOURCES


class ChainWorld(World):
    """The hostile tests' world, plus what other runs made of the same data: a second seasons
    run, a seasons run ranked by layer, and trend, attribution and correlation over 2001-2005."""

    def __init__(self, root):
        super().__init__(root)
        from tsmv.tsmv_qgis.steps.attribution import run_attribution
        from tsmv.tsmv_qgis.steps.correlation import run_correlation
        from tsmv.tsmv_qgis.steps.seasons import run_seasons
        from tsmv.tsmv_qgis.steps.trend import run_trend
        p = lambda name: os.path.join(root, name)  # noqa: E731

        def seasons(tag, rank_by):
            seasonal = {k: p("seasonal%s_%s.tif" % (tag, k)) for k in K}
            outputs = {"codes": p("codes%s.tif" % tag), "annual_tsm": p("annual%s.tif" % tag)}
            outputs.update({"seasonal_" + k: v for k, v in seasonal.items()})
            run_seasons(self.monthly, outputs, rank_by)
            return seasonal, outputs["codes"], outputs["annual_tsm"]
        self.seasonal2, self.codes2, self.annual2 = seasons("2", "total")
        self.seasonal_layer, _, _ = seasons("_layer", "layer")
        self.trend_of_annual2, self.trend_of_seasonal = p("trend_annual2.tif"), p("trend_seasonal.tif")
        run_trend(self.annual2, self.trend_of_annual2, min_years=3)
        run_trend(self.seasonal["0_10"], self.trend_of_seasonal, season=0, min_years=3)
        self.trend2, self.summary2 = p("trend2.tif"), p("summary2.csv")
        run_trend(self.annual, self.trend2, self.summary2, start_year=2001, min_years=3)
        self.components2, self.attribution_table2 = p("components2.tif"), p("attribution2.csv")
        run_attribution(self.seasonal, attribution_outputs(p("a2_"), components=self.components2,
                                                           table=self.attribution_table2), start_year=2001)
        self.trend_alpha, self.summary_alpha = p("trend_alpha.tif"), p("summary_alpha.csv")
        run_trend(self.annual, self.trend_alpha, self.summary_alpha, alpha=0.2, min_years=3)
        self.r, self.p = p("r.tif"), p("p.tif")
        self.r2, self.p2, self.correlation_table2 = p("r2.tif"), p("p2.tif"), p("correlation2.csv")
        run_correlation(self.seasonal, self.codes, self.gpp, self.ecosystems,
                        {"r": self.r2, "p": self.p2, "table": self.correlation_table2}, start_year=2001)


def attribution_outputs(stem, **given):
    """Every output of run_attribution: ``given`` ones, the others at ``stem`` + key + .tif."""
    keys = ("components", "by_season", "by_depth", "by_dynamic", "omega", "dominant")
    return dict({key: "%s%s.tif" % (stem, key) for key in keys}, **given)


@pytest.fixture(scope="module")
def world(tmp_path_factory):
    return ChainWorld(str(tmp_path_factory.mktemp("chain")))


def swapped(name, a, b):
    """The layers ``a`` and ``b`` of the world's ``name`` stacks given the other way round."""
    return {"INPUT_" + a: world_file(name, b), "INPUT_" + b: world_file(name, a)}


def band_versions(name, k, version):
    """A copy of a layer of the world's ``name`` stacks whose bands say they came from GLDAS
    ``version`` (all else, its run included, as recorded)."""
    def make(bad):
        from osgeo import gdal
        path = copy(getattr(bad.world, name)[k])(bad)
        ds = gdal.Open(path, gdal.GA_Update)
        for b in range(ds.RasterCount):
            ds.GetRasterBand(b + 1).SetMetadataItem("GLDAS_VERSION", version)
        ds = None
        return path
    return make


def without(name, k, *keys):
    """A copy of the world's ``name`` stack (of layer ``k``, or None) whose metadata lacks ``keys``."""
    def make(bad):
        source = getattr(bad.world, name)
        source = source[k] if k else source
        from osgeo import gdal
        kept = {key: v for key, v in gdal.Open(source).GetMetadata().items() if key not in keys}
        return copy(source, metadata=kept)(bad)
    return make


CASES = [
    # the role a stack is given against the layer it records
    ("qualitycontrol", swapped("raw", "0_10", "100_200"), r"^INPUT_0_10 \S*raw_100_200\.tif holds the 100-200 cm layer"),
    ("seasons", swapped("monthly", "10_40", "40_100"), r"^INPUT_10_40 \S*qc_40_100\.tif holds the 40-100 cm layer"),
    ("attribution", swapped("seasonal", "0_10", "100_200"),
     r"^INPUT_0_10 \S*seasonal_100_200\.tif holds the 100-200 cm layer"),
    ("correlation", swapped("seasonal", "10_40", "100_200"),
     r"^INPUT_10_40 \S*seasonal_100_200\.tif holds the 100-200 cm layer"),
    ("attribution", {"INPUT_0_10": without("seasonal", "10_40", "TSMV_LAYER"),
                     "INPUT_10_40": without("seasonal", "0_10", "TSMV_LAYER")},
     r"^INPUT_0_10 \S*bad\d\.tif holds the 10-40 cm layer \(its metadata TSMV_LAYER or TSMV_OUTPUT\)"),
    # the layers of one run: not one quality-controlled and the others not
    ("seasons", {"INPUT_10_40": world_file("raw", "10_40")},
     r"^INPUT_10_40 \S*raw_10_40\.tif comes from another run .* than INPUT_0_10 \S*qc_0_10\.tif"),
    # inputs that must come from one run of the seasons
    ("correlation", {"SEASON_CODES": world_file("codes2")},
     r"^SEASON_CODES \S*codes2\.tif comes from another run \(TSMV_RUN \w+\.\.\.\) than INPUT_0_10 \S*seasonal_0_10\.tif"),
    ("attribution", {"INPUT_40_100": world_file("seasonal2", "40_100")},
     r"^INPUT_40_100 \S*seasonal2_40_100\.tif comes from another run .* than INPUT_0_10 \S*seasonal_0_10\.tif"),
    ("attribution", {"INPUT_100_200": world_file("seasonal_layer", "100_200")},
     r"^INPUT_100_200 \S*seasonal_layer_100_200\.tif has another ranking of the seasons \(RANK_BY layer\) "
     r"than INPUT_0_10 \S*seasonal_0_10\.tif \(RANK_BY total\)"),
    ("attribution", {"INPUT_10_40": band_versions("seasonal", "10_40", "2.0")},
     r"^INPUT_10_40 \S*bad1\.tif: band '2000 H-S' comes from GLDAS 2\.0, but in INPUT_0_10 \S*seasonal_0_10\.tif "
     r"from GLDAS 2\.1"),
    ("report", {"SEASONAL_10_40": world_file("seasonal2", "10_40")},
     r"^SEASONAL_10_40 \S*seasonal2_10_40\.tif comes from another run .* than ANNUAL_TSM \S*annual\.tif"),
    # a report's rasters, tables and periods
    ("report", {"TREND_A": world_file("trend_of_annual2")},
     r"^TREND_A \S*trend_annual2\.tif was made from another file \(\w{8}\.\.\.:outputs\.annual_tsm\) than ANNUAL_TSM "
     r"\S*annual\.tif \(\w{8}\.\.\.:outputs\.annual_tsm\)"),
    ("report", {"TREND_A": world_file("trend_of_seasonal")},
     r"^TREND_A \S*trend_seasonal\.tif was made from another file \(\w{8}\.\.\.:outputs\.seasonal_0_10\) than ANNUAL_TSM"),
    ("report", {"SUMMARY_A": world_file("summary2")},
     r"^SUMMARY_A \S*summary2\.csv covers 2001-2005, but TREND_A \S*trend\.tif covers 2000-2005"),
    ("report", {"TREND_A": world_file("trend2"), "SUMMARY_A": world_file("summary2")},
     r"^COMPONENTS_A \S*components\.tif covers 2000-2005, but TREND_A \S*trend2\.tif covers 2001-2005"),
    ("report", {"ATTRIBUTION_TABLE_A": world_file("attribution_table2")},
     r"^ATTRIBUTION_TABLE_A \S*attribution2\.csv does not belong to COMPONENTS_A \S*components\.tif: for Trend H-S "
     r"0-10 cm it gives"),
    ("report", {"R": world_file("r"), "P": without("p2", None, "TSMV_RUN", "TSMV_OUTPUT", "TSMV_SOURCES")},
     r"^P \S*bad1\.tif has another period \(START_YEAR 2001\) than R \S*/r\.tif \(START_YEAR 2000\)"),
    ("report", {"SUMMARY_A": world_file("summary_alpha")},
     r"^SUMMARY_A \S*summary_alpha\.csv gives alpha 0\.2, but TREND_A \S*/trend\.tif was made with ALPHA 0\.05"),
    ("report", {"R": world_file("r"), "P": world_file("p2")},
     r"^P \S*p2\.tif comes from another run .* than R \S*/r\.tif"),
    ("report", {"R": world_file("r2"), "ECOSYSTEMS": world_file("ecosystems")},
     r"^CORRELATION_TABLE \S*correlation\.csv does not belong to R \S*r2\.tif"),
]


@pytest.mark.parametrize("algorithm, changes, message", CASES,
                         ids=["%02d-%s" % (i, c[0]) for i, c in enumerate(CASES)])
def test_an_input_that_does_not_match_what_tsmv_recorded_is_refused(tsmv_processing, world, tmp_path,
                                                                     algorithm, changes, message):
    assert_case_refused(tsmv_processing, world, tmp_path, algorithm, changes, message)


def test_the_matching_chain_is_accepted(tsmv_processing, world, tmp_path):
    """The same report inputs with every mismatch of the table put right run, with R and P."""
    from test_hostile import valid
    params = dict(valid("report", world, str(tmp_path)), R=world.r, P=world.p, ECOSYSTEMS=world.ecosystems)
    tsmv_processing.run("tsmv:report", params)
    assert os.path.getsize(params["OUTPUT"]) > 0


def metadata(path):
    from osgeo import gdal
    return gdal.Open(path).GetMetadata()


def test_every_raster_records_its_run_and_the_runs_it_was_made_from(world):
    runs = {name: metadata(path)[RUN] for name, path in (
        ("raw", world.raw["0_10"]), ("monthly", world.monthly["0_10"]), ("seasonal", world.seasonal["0_10"]),
        ("trend", world.trend), ("components", world.components), ("ecosystems", world.ecosystems),
        ("gpp", world.gpp), ("r", world.r))}
    assert len(set(runs.values())) == len(runs) and all(len(r) == 32 for r in runs.values())
    # the outputs of one run share its id
    assert {metadata(world.raw[k])[RUN] for k in K} == {runs["raw"]}
    assert {metadata(p)[RUN] for p in list(world.seasonal.values()) + [world.codes, world.annual]} == \
        {runs["seasonal"]}
    assert metadata(world.p)[RUN] == runs["r"]
    assert metadata(world.codes2)[RUN] not in runs.values()
    # each names the runs of its inputs, by parameter
    sources = {name: json.loads(metadata(path).get(SOURCES, "{}")) for name, path in (
        ("raw", world.raw["0_10"]), ("monthly", world.monthly["0_10"]), ("seasonal", world.seasonal["0_10"]),
        ("trend", world.trend), ("components", world.components), ("r", world.r), ("gpp", world.gpp))}
    assert sources["raw"] == {}  # GLDAS files record no run
    # (in the core's names: the input ``inputs["0_10"]`` is 'inputs.0_10')
    assert sources["monthly"] == {"inputs." + k: runs["raw"] + ":outputs." + k for k in K}
    assert sources["seasonal"] == {"inputs." + k: runs["monthly"] + ":outputs." + k for k in K}
    assert sources["trend"] == {"source": runs["seasonal"] + ":outputs.annual_tsm"}
    assert sources["components"] == {"inputs." + k: runs["seasonal"] + ":outputs.seasonal_" + k for k in K}
    assert sources["gpp"] == {"reference": runs["monthly"] + ":outputs.0_10"}
    assert sources["r"] == dict({"inputs." + k: runs["seasonal"] + ":outputs.seasonal_" + k for k in K},
                                season_codes=runs["seasonal"] + ":outputs.codes", gpp=runs["gpp"] + ":output",
                                ecosystems=runs["ecosystems"] + ":output")
    assert metadata(world.annual)[OUTPUT] == "outputs.annual_tsm" and metadata(world.r)[OUTPUT] == "outputs.r"


def test_stacks_of_other_tools_are_read_by_their_labels_and_values(world, tmp_path):
    """The four seasonal stacks without any TSMV metadata (as gdal_translate of another tool's
    output would give) attribute exactly as TSMV's own."""
    from test_hostile import Bad
    from tsmv.tsmv_qgis.steps.attribution import run_attribution
    bad = Bad(str(tmp_path / "plain"), world)
    plain = {k: copy(world.seasonal[k], metadata={})(bad) for k in K}
    assert all(RUN not in metadata(p) and "TSMV_LAYER" not in metadata(p) for p in plain.values())
    out = str(tmp_path / "components.tif")
    run_attribution(plain, attribution_outputs(str(tmp_path / "a_"), components=out))
    got, labels, _, _ = read_stack(out)
    want, want_labels, _, _ = read_stack(world.components)
    assert labels == want_labels
    np.testing.assert_array_equal(got, want)
