"""The one tile loop of the steps (steps/tiles.py) and the band maps of the outputs (bands.py)."""
import ast
import os

import numpy as np
import pytest

from conftest import ROOT
from tsmv.tsmv_qgis.errors import Canceled
from tsmv.tsmv_qgis.io.raster import Grid, Samples
from tsmv.tsmv_qgis.labels import DEPTHS, SEASONS
from tsmv.tsmv_qgis.progress import Progress
from tsmv.tsmv_qgis.steps.attribution import attribution_bands
from tsmv.tsmv_qgis.steps.correlation import correlation_bands, root_zone_label
from tsmv.tsmv_qgis.steps.seasons import season_bands
from tsmv.tsmv_qgis.steps.tiles import Tiles
from tsmv.tsmv_qgis.steps.trend import trend_bands

ERA5_DEPTHS = ("0-7 cm", "7-28 cm", "28-100 cm", "100-289 cm")


class Writer:
    def __init__(self, block_rows=1):
        self.block_rows = block_rows
        self.writes = []

    def write(self, array, band0=0, row0=0):
        self.writes.append((np.array(array), band0, row0))


def test_strips_cover_the_grid_within_the_budget_aligned_to_the_writers():
    grid = Grid(0.0, 90.0, 1.0, 1.0, 10, 50)
    tiles = Tiles(grid, 100, {"A": Writer(4), "B": Writer(1)}, budget=100 * 10 * 9)
    assert [r1 - r0 for r0, r1 in tiles][:-1] == [8] * (len(tiles) - 1)  # 9 rows fit, 8 are aligned
    assert tiles.strips[0][0] == 0 and tiles.strips[-1][1] == 50
    assert all(a[1] == b[0] for a, b in zip(tiles.strips, tiles.strips[1:]))


def test_each_strip_is_read_computed_written_and_kept_in_order():
    grid = Grid(0.0, 90.0, 1.0, 1.0, 3, 5)
    values = np.arange(15.0).reshape(5, 3)
    out, seen, kept = Writer(), [], []
    Tiles(grid, 8, {"OUT": out}, budget=8 * 3 * 2).run(
        lambda strip: (values[strip.row0:strip.row1].ravel(),),
        lambda v: {"OUT": v[None] * 2, "NOT_WANTED": v},
        keep=lambda strip, inputs, results: kept.append((strip.row0, strip.row1)),
        progress=Progress(seen.append))
    assert kept == [(0, 2), (2, 4), (4, 5)]
    assert [(a.shape, row0) for a, _, row0 in out.writes] == [((1, 2, 3), 0), ((1, 2, 3), 2), ((1, 1, 3), 4)]
    np.testing.assert_array_equal(np.concatenate([a[0] for a, _, _ in out.writes]), values * 2)
    assert seen == pytest.approx([1 / 3, 2 / 3, 1.0])


def test_cancel_stops_between_tiles():
    grid = Grid(0.0, 90.0, 1.0, 1.0, 2, 6)
    computed, canceled = [], [False]

    def compute(v):
        computed.append(v)
        canceled[0] = len(computed) == 2
        return {}
    with pytest.raises(Canceled):
        Tiles(grid, 8, budget=8 * 2).run(lambda strip: (strip.row0,), compute,
                                         progress=Progress(lambda f: None, lambda: canceled[0]))
    assert computed == [0, 1]


def test_a_tile_function_can_follow_its_share_of_progress():
    grid = Grid(0.0, 90.0, 1.0, 1.0, 2, 4)
    seen = []

    def compute(v, progress):
        progress.set(0.5)
        return {}
    Tiles(grid, 8, budget=8 * 2 * 2).run(lambda strip: (strip.row0,), compute, progress=Progress(seen.append),
                                         tile_progress=True)
    assert seen == pytest.approx([0.25, 0.5, 0.75, 1.0])


def test_bands_are_found_by_name_and_styles_point_at_them():
    bands = trend_bands("kg m-2", 0.05, fdr=True)
    assert bands.labels == ["slope", "intercept", "p_value", "z", "tau", "s", "trend", "q_value"]
    assert bands.index("trend") == 6 and bands.number("p_value") == 3
    assert bands["slope"].units == "kg m-2 per year" and bands["intercept"].units == "kg m-2"
    styles = bands.styles()
    assert set(styles) == {None, "p_value", "trend"}
    samples = Samples()
    samples.add(0, np.array([-1.0, 0.5, 2.0]))
    assert 'band="1"' in styles[None](samples)
    assert 'band="3"' in styles["p_value"](samples)
    assert 'band="7"' in styles["trend"](samples)
    interval = trend_bands("kg m-2", 0.05, fdr=True, confidence=0.9)  # CONFIDENCE: two bands last
    assert interval.labels[8:] == ["slope_lower", "slope_upper"] and interval.labels[:8] == bands.labels
    assert interval["slope_upper"].units == "kg m-2 per year" and "90%" in interval["slope_lower"].long_name
    styles = interval.styles()
    assert set(styles) == {None, "p_value", "trend", "slope_lower", "slope_upper"}
    assert 'band="9"' in styles["slope_lower"](samples) and 'band="10"' in styles["slope_upper"](samples)
    dominant = attribution_bands()["dominant"]
    assert {k: dominant.number(n) for k, n in (("top2", "top2_code"), ("top1_percent", "top1_percent"))} == \
        {"top2": 3, "top1_percent": 2}


def test_depth_labels_come_from_the_depths():
    corr = correlation_bands(depths=ERA5_DEPTHS)
    assert root_zone_label(ERA5_DEPTHS) == "7-100 cm" and root_zone_label() == "10-100 cm"
    assert corr["r"].labels[:2] == ["H-S 0-7 cm", "H-S 7-28 cm"] and corr["p"].labels[-1] == "A-S 100-289 cm"
    assert corr["r_root_zone"].labels == ["%s 7-100 cm" % s for s in SEASONS]
    attribution = attribution_bands(ERA5_DEPTHS)
    assert attribution["components"].labels[-1] == "IAV A-S 100-289 cm"
    assert attribution["by_depth"].labels == list(ERA5_DEPTHS)
    seasons = season_bands([2000, 2001], ERA5_DEPTHS)
    assert seasons["codes_layers"].labels[0] == "2000-01 0-7 cm"
    assert seasons["seasonal_0_10"].labels[:2] == ["2000 H-S", "2000 SH-S"]
    assert seasons["seasonal_0_10"].attrs() == {"units": "kg m-2", "long_name": "seasonal mean soil moisture 0-7 cm"}


def _help_text(module):
    """Every string of an algorithm module, implicit concatenations joined."""
    with open(os.path.join(ROOT, "algorithms", module + ".py"), encoding="utf-8") as f:
        tree = ast.parse(f.read())
    return " ".join(node.value for node in ast.walk(tree)
                    if isinstance(node, ast.Constant) and isinstance(node.value, str))


def test_the_help_lists_the_bands_of_the_band_maps(tsmv_processing):
    """Each output's help lists its bands from its band map (BandMap.listed, formatted into the
    translated sentence): every band of a few, else the first and the last."""
    from qgis.core import QgsApplication
    registry = QgsApplication.processingRegistry()
    attribution, corr, trend = attribution_bands(), correlation_bands(), trend_bands(fdr=True)
    expected = [("attribution", "COMPONENTS", attribution["components"]), ("attribution", "OMEGA", attribution["omega"]),
                ("attribution", "BY_SEASON", attribution["by_season"]), ("attribution", "BY_DEPTH", attribution["by_depth"]),
                ("attribution", "BY_DYNAMIC", attribution["by_dynamic"]), ("attribution", "DOMINANT", attribution["dominant"]),
                ("correlation", "R", corr["r"]), ("correlation", "R_ROOT_ZONE", corr["r_root_zone"]),
                ("trend", "OUTPUT", trend)]
    for algorithm, output, bands in expected:
        text = registry.algorithmById("tsmv:" + algorithm).parameterDefinition(output).help()
        assert bands.listed() in text, (algorithm, output, text)
    assert attribution["components"].listed() == "'Trend H-S 0-10 cm' ... 'IAV A-S 100-200 cm'"
    assert attribution["by_season"].listed() == "H-S, SH-S, SA-S, A-S"
    assert trend.listed() == "slope, intercept, p_value, z, tau, s, trend, q_value"
    assert "then slope_lower, slope_upper unless" in registry.algorithmById("tsmv:trend").parameterDefinition("OUTPUT").help()
    assert DEPTHS[0] in _help_text("seasons")
