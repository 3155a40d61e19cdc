"""The whole chain, import -> report, on example files of each product's real layout.

Each output is compared with an independent per-pixel recomputation from the files the step
read: seasons by a literal ranking of each pixel-year, Sen's slope by pymannkendall, the 32
attribution terms by numpy.polyfit and numpy.cov (:func:`oracles.literal_attribution`), Pearson's
r by scipy.stats; labels, tables and the report carry the product's own depths.
"""
import csv
import os

import numpy as np
import pytest

from conftest import LAYER_KEYS, assert_same_nan, read_stack
from oracles import literal_attribution
from tsmv.tsmv_qgis.report import make_report
from tsmv.tsmv_qgis.steps.attribution import run_attribution
from tsmv.tsmv_qgis.steps.correlation import run_correlation
from tsmv.tsmv_qgis.steps.gpp import run_gpp
from tsmv.tsmv_qgis.steps.importing import import_soil_moisture
from tsmv.tsmv_qgis.steps.landcover import run_landcover
from tsmv.tsmv_qgis.steps.trend import run_trend
from tsmv_example import ExampleWorld, make_gldas_example, make_gosif_example, make_igbp_example
from tsmv_example.products import make_era5_land_example, make_fldas_example

pymannkendall = pytest.importorskip("pymannkendall")
stats = pytest.importorskip("scipy.stats")

EXTENT = (0.0, 0.0, 8.0, 6.0)
YEARS = (2000, 2009)
SEASONS = ("H-S", "SH-S", "SA-S", "A-S")
PRODUCTS = {"GLDAS-Noah": ("0-10 cm", "10-40 cm", "40-100 cm", "100-200 cm"),
            "FLDAS-Noah": ("0-10 cm", "10-40 cm", "40-100 cm", "100-200 cm"),
            "ERA5-Land": ("0-7 cm", "7-28 cm", "28-100 cm", "100-289 cm")}


@pytest.fixture(scope="module")
def world_files(tmp_path_factory):
    root = tmp_path_factory.mktemp("chain")
    make_gldas_example(str(root / "GLDAS-Noah"), *YEARS, extent=EXTENT, seed=5)
    make_fldas_example(str(root / "FLDAS-Noah"), *YEARS, EXTENT, 1.0, seed=5)
    make_era5_land_example(str(root / "ERA5-Land"), *YEARS, EXTENT, 1.0, seed=5)
    world = ExampleWorld(EXTENT, 1.0, 5)
    make_igbp_example(str(root / "igbp.tif"), world)
    make_gosif_example(str(root / "gosif"), world, *YEARS, "monthly")
    return root


def literal_seasons(monthly):
    """(seasonal means (4 layers, years, 4 seasons, rows, cols), season codes (years, 12, ...)) of
    monthly stacks (4, months, rows, cols), by ranking each pixel-year's total by hand."""
    layers, months, rows, cols = monthly.shape
    years = months // 12
    means = np.full((layers, years, 4, rows, cols), np.nan)
    codes = np.full((years, 12, rows, cols), np.nan)
    for y in range(years):
        block = monthly[:, 12 * y:12 * y + 12].astype(np.float64)
        for i in range(rows):
            for j in range(cols):
                values = block[:, :, i, j]
                if not np.isfinite(values).all():
                    continue
                total = values.sum(axis=0)
                order = sorted(range(12), key=lambda m: -total[m])  # wettest first, ties: the earlier
                for s in range(4):
                    chosen = order[3 * s:3 * s + 3]
                    means[:, y, s, i, j] = values[:, chosen].mean(axis=1)
                    codes[y, chosen, i, j] = s + 1
    return means, codes


@pytest.mark.parametrize("product", list(PRODUCTS))
def test_import_to_report_equals_recomputation(world_files, tmp_path, product):
    depths = PRODUCTS[product]
    monthly = {k: str(tmp_path / ("m_%s.tif" % k)) for k in LAYER_KEYS}
    seasons = {"codes": str(tmp_path / "codes.tif"), "annual_tsm": str(tmp_path / "tsm.tif"),
               **{"seasonal_" + k: str(tmp_path / ("s_%s.tif" % k)) for k in LAYER_KEYS}}
    result = import_soil_moisture(str(world_files / product), monthly, quality_control=True,
                                  seasons=seasons, report=str(tmp_path / "qc.csv"))
    assert result.product.key == product

    # seasons: a literal ranking of each pixel-year of the monthly stacks written
    stack = np.stack([read_stack(monthly[k])[0] for k in LAYER_KEYS])
    means, codes = literal_seasons(stack)
    for d, k in enumerate(LAYER_KEYS):
        values, labels = read_stack(seasons["seasonal_" + k])[:2]
        assert labels[:4] == ["%d %s" % (YEARS[0], s) for s in SEASONS]
        assert_same_nan(values.reshape(means[d].shape), means[d], rtol=2e-6)
    assert_same_nan(read_stack(seasons["codes"])[0].reshape(codes.shape), codes, rtol=0)
    annual = read_stack(seasons["annual_tsm"])[0]

    # trend of annual TSM: Sen's slope and p against pymannkendall, pixel by pixel
    trend = str(tmp_path / "trend.tif")
    run_trend(seasons["annual_tsm"], trend, summary=str(tmp_path / "trend.csv"))
    values, labels = read_stack(trend)[:2]
    slope, p = values[labels.index("slope")], values[labels.index("p_value")]
    for i, j in zip(*np.nonzero(np.isfinite(annual).all(axis=0))):
        expected = pymannkendall.original_test(annual[:, i, j].astype(np.float64))
        assert slope[i, j] == pytest.approx(expected.slope, rel=1e-5, abs=1e-6)
        assert p[i, j] == pytest.approx(expected.p, rel=1e-4, abs=1e-6)

    # attribution: the 32 terms against numpy.polyfit / numpy.cov, pixel by pixel
    outputs = {name: str(tmp_path / ("a_%s.tif" % name))
               for name in ("components", "by_season", "by_depth", "by_dynamic", "omega", "dominant")}
    outputs["table"] = str(tmp_path / "a.csv")
    run_attribution({k: seasons["seasonal_" + k] for k in LAYER_KEYS}, outputs)
    components, labels = read_stack(outputs["components"])[:2]
    assert labels[0] == "Trend H-S %s" % depths[0] and labels[31] == "IAV A-S %s" % depths[3]
    assert read_stack(outputs["by_depth"])[1] == list(depths)
    sm = means.transpose(1, 2, 0, 3, 4).reshape(YEARS[1] - YEARS[0] + 1, 16, *means.shape[-2:])  # k = 4 s + d
    checked = 0
    for i, j in zip(*np.nonzero(np.isfinite(sm).all(axis=(0, 1)))):
        expected, _ = literal_attribution(sm[:, :, i, j], range(YEARS[0], YEARS[1] + 1))
        np.testing.assert_allclose(components[:, i, j], expected, rtol=1e-3, atol=1e-3)
        checked += 1
    assert checked > 10
    with open(outputs["table"]) as f:
        assert {row["depth"] for row in csv.DictReader(f)} == set(depths)

    # correlation: Pearson's r against scipy, pixel by pixel, on the product's own grid
    eco, gpp = str(tmp_path / "eco.tif"), str(tmp_path / "gpp.tif")
    run_landcover(str(world_files / "igbp.tif"), seasons["annual_tsm"], eco)
    run_gpp(str(world_files / "gosif"), seasons["annual_tsm"], gpp)
    corr = {"r": str(tmp_path / "r.tif"), "p": str(tmp_path / "p.tif"), "table": str(tmp_path / "c.csv"),
            "r_root_zone": str(tmp_path / "rz.tif"), "p_root_zone": str(tmp_path / "pz.tif")}
    run_correlation({k: seasons["seasonal_" + k] for k in LAYER_KEYS}, seasons["codes"], gpp, eco, corr)
    r, labels = read_stack(corr["r"])[:2]
    assert labels[1] == "H-S %s" % depths[1]
    root = "%s-%s cm" % (depths[1].split("-")[0], depths[2].split("-")[1].split()[0])
    assert read_stack(corr["r_root_zone"])[1][0] == "H-S %s" % root
    monthly_gpp = read_stack(gpp)[0].astype(np.float64)
    ecosystems = read_stack(eco)[0][0]
    n = 0
    for s in range(4):
        for d in range(4):
            for i, j in zip(*np.nonzero(np.isfinite(ecosystems))):
                g = [np.mean([monthly_gpp[12 * y + m, i, j] for m in range(12) if codes[y, m, i, j] == s + 1])
                     if np.isfinite(codes[y, :, i, j]).all() else np.nan for y in range(codes.shape[0])]
                x, g = means[d, :, s, i, j], np.array(g)
                ok = np.isfinite(x) & np.isfinite(g)
                if ok.sum() < 5 or np.ptp(x[ok]) == 0 or np.ptp(g[ok]) == 0:
                    continue
                assert r[4 * s + d, i, j] == pytest.approx(stats.pearsonr(x[ok], g[ok])[0], abs=1e-4)
                n += 1
    assert n > 50
    with open(corr["table"]) as f:
        assert {row["depth"] for row in csv.DictReader(f)} == set(depths) | {root}

    # the report speaks the product's depths
    html = str(tmp_path / "report.html")
    make_report(html, seasons["annual_tsm"], {k: seasons["seasonal_" + k] for k in LAYER_KEYS},
                trends=[trend], trend_summaries=[str(tmp_path / "trend.csv")],
                components=[outputs["components"]], attribution_tables=[outputs["table"]],
                correlation_table=corr["table"], correlation_r=corr["r"], correlation_p=corr["p"],
                ecosystems=eco, root_zone_r=corr["r_root_zone"], root_zone_p=corr["p_root_zone"])
    text = open(html).read()
    for depth in depths:
        assert depth in text
    if product == "ERA5-Land":
        assert "0-10 cm" not in text and "100-200 cm" not in text
    assert product in text
    assert os.path.getsize(html) > 100000
