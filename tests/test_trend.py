"""tsmv_qgis.steps.trend on labelled stacks: pymannkendall per pixel, summary by hand, bad input."""
import csv
import warnings

import numpy as np
import pymannkendall as pmk
import pytest

from conftest import read_stack, write_stack
from oracles import pymannkendall_fixed
from tsmv.tsmv_qgis.errors import TsmvError
from tsmv.tsmv_qgis.steps.trend import run_trend

METHOD_FUNCTIONS = {"hamed_rao": "hamed_rao_modification_test", "yue_wang": "yue_wang_modification_test",
                    "pre_whitening": "pre_whitening_modification_test",
                    "trend_free_pre_whitening": "trend_free_pre_whitening_modification_test"}

YEARS = list(range(1990, 2015))  # 25 years


@pytest.fixture(scope="module")
def yearly(tmp_path_factory):
    rng = np.random.default_rng(11)
    data = rng.normal(100, 5, (len(YEARS), 6, 8)) + rng.normal(0, 1, (1, 6, 8)) * np.arange(
        len(YEARS))[:, None, None]
    data[rng.random(data.shape) < 0.08] = np.nan
    data[:, 0, 0] = np.nan  # all missing
    data[:, 0, 1] = 42.0  # constant
    data[5:, 0, 2] = np.nan  # five years only
    data = data.astype(np.float32)  # as stored
    folder = tmp_path_factory.mktemp("yearly")
    path = write_stack(folder / "tsm.tif", data, [str(y) for y in YEARS],
                       (10.0, 1.0, 0.0, 60.0, 0.0, -1.0), {"UNITS": "kg m-2"})
    return path, data


def pixelwise(data, function, min_valid=8):
    out = np.full((data.shape[1], data.shape[2], 7), np.nan)
    for i in range(data.shape[1]):
        for j in range(data.shape[2]):
            x = data[:, i, j].astype(np.float64)
            if np.isfinite(x).sum() >= min_valid:
                with warnings.catch_warnings():
                    warnings.simplefilter("ignore")
                    r = function(x)
                out[i, j] = (r.slope, r.intercept, r.p, r.z, r.Tau, r.s, {
                    "increasing": 1, "decreasing": -1, "no trend": 0}[r.trend])
    return out


def test_method0_equals_pymannkendall_per_pixel(yearly, tmp_path):
    path, data = yearly
    out = str(tmp_path / "trend.tif")
    run_trend(path, out, alpha=0.1, confidence=0)  # 0: no interval, the bands as before CONFIDENCE
    got, labels, _, _ = read_stack(out)
    assert labels == ["slope", "intercept", "p_value", "z", "tau", "s", "trend"]
    want = pixelwise(data, lambda x: pmk.original_test(x, alpha=0.1)).transpose(2, 0, 1)
    want = want.astype(np.float32)  # outputs are float32; the kernel's 1e-9 is in test_mannkendall
    np.testing.assert_array_equal(np.isnan(got), np.isnan(want))
    np.testing.assert_allclose(np.nan_to_num(got), np.nan_to_num(want), rtol=1e-6, atol=1e-12)
    assert np.isnan(got[:, 0, 0]).all() and np.isnan(got[:, 0, 2]).all()
    assert list(got[[0, 2, 5], 0, 1]) == [0.0, 1.0, 0.0]


@pytest.mark.parametrize("method", sorted(METHOD_FUNCTIONS))
def test_methods_1_to_4_equal_pymannkendall(yearly, tmp_path, method):
    path, data = yearly
    out = str(tmp_path / "trend.tif")
    run_trend(path, out, method=method)
    got, labels, _, _ = read_stack(out)
    assert labels[7:] == ["slope_lower", "slope_upper"]  # the interval (tests in test_trend_confidence.py)
    got = got[:7]
    # pymannkendall 1.4.3 with its master's fixes of issues #29 and #32 (tests/test_trend_methods.py)
    want = pixelwise(data, getattr(pymannkendall_fixed(), METHOD_FUNCTIONS[method])).transpose(2, 0, 1)
    np.testing.assert_array_equal(np.isnan(got), np.isnan(want))
    assert np.isfinite(want[0]).sum() > 40
    np.testing.assert_allclose(np.nan_to_num(got), np.nan_to_num(want), rtol=1e-5, atol=1e-5)


def test_fdr_band_and_summary_by_hand(yearly, tmp_path):
    path, data = yearly
    out, summary = str(tmp_path / "trend.tif"), str(tmp_path / "summary.csv")
    run_trend(path, out, summary, fdr=True, threshold=0.5, start_year=1992, end_year=2012)
    got, labels, gt, _ = read_stack(out)
    assert labels[7:] == ["q_value", "slope_lower", "slope_upper"]
    p, q, slope, trend = got[2].ravel(), got[labels.index("q_value")].ravel(), got[0].ravel(), got[6]
    valid = np.isfinite(p)
    order = np.argsort(p[valid])
    m = valid.sum()
    hand = np.empty(m)
    running = 1.0
    for rank in range(m, 0, -1):  # step-up from the largest p
        running = min(running, p[valid][order[rank - 1]] * m / rank)
        hand[order[rank - 1]] = running
    np.testing.assert_allclose(q[valid], hand, rtol=1e-6)
    np.testing.assert_array_equal(trend.ravel()[valid] != 0, q[valid] <= 0.05)
    row = next(csv.DictReader(open(summary)))
    lat = 60.0 - (np.arange(6) + 0.5)
    w = np.broadcast_to(np.cos(np.deg2rad(lat))[:, None], (6, 8)).ravel()[valid]
    s = slope[valid]
    assert int(row["pixels"]) == m
    assert float(row["mean_slope"]) == pytest.approx((w * s).sum() / w.sum(), rel=1e-6)
    assert float(row["mean_slope_unweighted"]) == pytest.approx(s.mean(), rel=1e-6)
    assert float(row["percent_decreasing"]) == pytest.approx(100 * w[s < 0].sum() / w.sum())
    assert float(row["percent_decreasing_faster_than_threshold"]) == pytest.approx(
        100 * w[s < -0.5].sum() / w.sum())
    assert float(row["percent_significant_increasing"]) == pytest.approx(
        100 * w[trend.ravel()[valid] > 0].sum() / w.sum())
    assert (row["start_year"], row["end_year"], row["fdr"]) == ("1992", "2012", "True")


def test_seasonal_and_monthly_stacks(tmp_path):
    rng = np.random.default_rng(2)
    years = list(range(2000, 2012))
    seasonal = rng.uniform(10, 20, (len(years) * 4, 2, 3)).astype(np.float32)
    labels = ["%d %s" % (y, s) for y in years for s in ("H-S", "SH-S", "SA-S", "A-S")]
    path = write_stack(tmp_path / "seasonal.tif", seasonal, labels)
    run_trend(path, str(tmp_path / "sa.tif"), season=2)
    got = read_stack(str(tmp_path / "sa.tif"))[0]
    want = pmk.original_test(seasonal[2::4, 1, 2].astype(np.float64))
    assert got[0, 1, 2] == pytest.approx(want.slope, rel=1e-6)
    assert got[2, 1, 2] == pytest.approx(want.p, rel=1e-6)
    with pytest.raises(TsmvError, match="seasonal stack .* choose a season"):
        run_trend(path, str(tmp_path / "x.tif"))

    monthly = rng.uniform(10, 20, (len(years) * 12, 2, 3)).astype(np.float32)
    monthly[13, 0, 0] = np.nan  # 2001-02 missing: year 2001 missing at that pixel
    labels = ["%d-%02d" % (y, m) for y in years for m in range(1, 13)]
    path = write_stack(tmp_path / "monthly.tif", monthly, labels)
    run_trend(path, str(tmp_path / "m.tif"), aggregate="mean")
    got = read_stack(str(tmp_path / "m.tif"))[0]
    annual = monthly.reshape(len(years), 12, 2, 3).astype(np.float64).mean(axis=1)
    want = pmk.original_test(annual[:, 0, 0])
    assert np.isnan(annual[1, 0, 0])  # 2001 is missing there, and skipped by the test
    assert got[0, 0, 0] == pytest.approx(want.slope, rel=1e-6) and got[5, 0, 0] == want.s


def test_bad_input(yearly, tmp_path):
    path, data = yearly
    unlabelled = write_stack(tmp_path / "plain.tif", data[:10], [""] * 10)
    with pytest.raises(TsmvError, match="band 1 has no label"):
        run_trend(unlabelled, str(tmp_path / "o.tif"))
    odd = write_stack(tmp_path / "odd.tif", data[:3], ["2000", "2001", "year three"])
    with pytest.raises(TsmvError, match="band 3 is labelled 'year three'"):
        run_trend(odd, str(tmp_path / "o.tif"))
    with pytest.raises(TsmvError, match="start_year 1980 is outside the years of source \\(1990-2014\\)"):
        run_trend(path, str(tmp_path / "o.tif"), start_year=1980)
    with pytest.raises(TsmvError, match="has 5 years, fewer than min_years \\(8\\)"):
        run_trend(path, str(tmp_path / "o.tif"), start_year=2010)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["odd.tif", "plain.tif"]
    # fewer valid years than MIN_YEARS at a pixel: NaN there, numbers elsewhere
    run_trend(path, str(tmp_path / "o.tif"), min_years=20)
    got = read_stack(str(tmp_path / "o.tif"))[0]
    counts = np.isfinite(data).sum(axis=0)
    np.testing.assert_array_equal(np.isfinite(got[0]), counts >= 20)


def test_p_value_style_says_and_draws_the_rule_of_the_help():
    """Significant is p < ALPHA in the help, the summaries and the correlation counts; the style's
    legend says so and its class bound puts p = ALPHA among the not significant."""
    import xml.etree.ElementTree as ElementTree
    from tsmv.tsmv_qgis.io.style import p_value
    from tsmv.algorithms.trend import Trend
    alpha = 0.05
    items = ElementTree.fromstring(p_value(alpha)(None)).iter("item")
    (bound, label), rest = next((float(i.get("value")), i.get("label")) for i in items), list(items)
    assert label == "p < 0.05 (significant)" and rest[0].get("label") == "p >= 0.05"
    assert bound < alpha and bound == np.nextafter(alpha, 0)  # QGIS: a value <= bound is in the class
    assert "i.e. p < α" in " ".join(str(b) for b in Trend().help_blocks())
