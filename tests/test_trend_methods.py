"""tsmv:trend METHOD 1-5: the vectorised modified tests against pymannkendall (1.4.3, and 1.4.3 with
its master's fixes of issues #29 and #32), the seasonal Kendall test against
pymannkendall.seasonal_test, their slope intervals against literal oracles, the two backends,
run_trend, processing.run and xr.trend."""
import sys
import warnings

import numpy as np
import pymannkendall as pmk
import pytest
from scipy.stats import norm, rankdata

from conftest import read_stack, write_stack
from oracles import pymannkendall_fixed
from tsmv.tsmv_qgis.errors import TsmvError
from tsmv.tsmv_qgis.kernels import optional_numba
from tsmv.tsmv_qgis.kernels.mannkendall import seasonal_test, seasonal_test_with_interval
from tsmv.tsmv_qgis.kernels.modified import MODIFIED, modified_test
from tsmv.tsmv_qgis.steps.trend import METHODS, run_trend

BACKENDS = ["numpy"] + (["numba"] if optional_numba.available() else [])
FIXED = pymannkendall_fixed()
FUNCTIONS = {"hamed_rao": "hamed_rao_modification_test", "yue_wang": "yue_wang_modification_test",
             "pre_whitening": "pre_whitening_modification_test",
             "trend_free_pre_whitening": "trend_free_pre_whitening_modification_test"}
ACF = getattr(sys.modules["pymannkendall.pymannkendall"], "__acf")  # 1.4.3's, for the fragile cases


def fields(result):
    """A pymannkendall result in the order of a MannKendall."""
    return [result.slope, result.intercept, result.p, result.z, result.Tau, result.s, result.var_s]


def per_series(function, x, **kw):
    with warnings.catch_warnings(), np.errstate(all="ignore"):
        warnings.simplefilter("ignore")
        return np.array([fields(function(row, **kw)) for row in x])


def random_series(rng, n, count=400):
    """Noise, trends, ties (rounded values, small integers), gaps and constant series."""
    x = rng.normal(size=(count, n)) + rng.normal(size=(count, 1)) * np.arange(n) * 0.1
    x[50:100] += 0.8 * np.cumsum(rng.normal(size=(50, n)), axis=1)  # autocorrelated
    x[100:160] = np.round(x[100:160])  # ties
    x[160:180] = rng.integers(0, 3, (20, n))  # many ties
    x[180:260][rng.random((80, n)) < 0.15] = np.nan  # gaps
    x[260:265] = 1.7  # constant
    x[265:270, ::2] = 2.0  # half tied
    return x


def assert_close(got, want, rows=slice(None)):
    """Every field to 1e-12 relative (p also to 1e-15 absolute: pymannkendall's 2(1 - Phi(|z|))
    keeps no more), NaN where NaN."""
    got, want = np.asarray(got)[rows], np.asarray(want)[rows]
    np.testing.assert_array_equal(np.isnan(got), np.isnan(want))
    np.testing.assert_allclose(np.nan_to_num(got[:, [0, 1, 3, 4, 5, 6]]), np.nan_to_num(want[:, [0, 1, 3, 4, 5, 6]]),
                               rtol=1e-12, atol=0)
    np.testing.assert_allclose(np.nan_to_num(got[:, 2]), np.nan_to_num(want[:, 2]), rtol=1e-12, atol=1e-15)


def fragile(x, method):
    """Rows whose pre-whitened series (pymannkendall's own) holds two values that differ by no more
    than rounding but come from different numbers: their S depends on the last bit of the lag-1
    autocorrelation, which numpy's BLAS sums in its own order (so does pymannkendall)."""
    out = np.zeros(len(x), bool)
    for r, row in enumerate(x):
        v = row[np.isfinite(row)]
        if method == "trend_free_pre_whitening":
            slope = pmk.sens_slope(row).slope
            v = v - np.arange(1, len(v) + 1) * slope
        with np.errstate(all="ignore"):
            a = ACF(v, 1)[1]
        w = v[1:] - v[:-1] * a
        pairs = np.stack([v[1:], v[:-1]], axis=1)
        if method == "trend_free_pre_whitening":
            w = w + np.arange(1, len(w) + 1) * slope
            pairs = np.column_stack([pairs, np.arange(len(w))])  # no two come from the same numbers
        for i in range(len(w)):
            for j in range(i + 1, len(w)):
                near = abs(w[i] - w[j]) <= 1e-12 * max(1.0, abs(w[i]))
                if near and not (pairs[i] == pairs[j]).all():
                    out[r] = True
    return out


# --- METHOD 1-4 ----------------------------------------------------------------------------

@pytest.mark.parametrize("n", [10, 25, 77])
@pytest.mark.parametrize("method", MODIFIED)
def test_modified_tests_equal_pymannkendall_with_its_fixes(method, n):
    rng = np.random.default_rng(n)
    x = random_series(rng, n)
    got = np.column_stack(modified_test(x, method, 3))
    want = per_series(getattr(FIXED, FUNCTIONS[method]), x)
    keep = np.ones(len(x), bool)
    if method in ("pre_whitening", "trend_free_pre_whitening"):
        keep = ~fragile(x, method)
        tied = np.zeros(len(x), bool)
        tied[100:180] = tied[260:270] = True
        assert keep[~tied].all() and keep[tied].sum() > len(x) / 20  # only some of the tied series
    assert_close(got, want, keep)
    assert np.isfinite(got[:, 3]).all()


@pytest.mark.parametrize("method", MODIFIED)
def test_and_pymannkendall_143_where_its_fixes_change_nothing(method):
    """1.4.3 itself, on the series where neither fix applies: not constant (#32) and, for
    Hamed-Rao, a sum over the significant lags >= 0 (#29)."""
    x = random_series(np.random.default_rng(3), 25)
    x = x[np.nanmax(x, axis=1) > np.nanmin(x, axis=1)]
    got = np.column_stack(modified_test(x, method, 3))
    want = per_series(getattr(pmk, FUNCTIONS[method]), x)
    keep = np.ones(len(x), bool)
    if method == "hamed_rao":
        plain = per_series(pmk.original_test, x)
        keep = want[:, 6] >= plain[:, 6]  # Var(S) not shrunk: the sum was >= 0
        assert 0.3 * len(x) < keep.sum() < len(x)
    if method in ("pre_whitening", "trend_free_pre_whitening"):
        keep = ~fragile(x, method)
    assert_close(got, want, keep)


def literal_hamed_rao(x, z_crit=norm.ppf(0.975)):
    """Hamed and Rao (1998) as TSMV computes it (issue #29's |sum|), written out for one series
    without gaps: Sen's slope by sorting the pairwise slopes, ranks by scipy, a loop for the ACF."""
    n = len(x)
    slopes = np.sort([(x[j] - x[i]) / (j - i) for i in range(n) for j in range(i + 1, n)])
    slope = 0.5 * (slopes[(len(slopes) - 1) // 2] + slopes[len(slopes) // 2])
    ranks = rankdata(x - slope * np.arange(1, n + 1))
    centred = ranks - ranks.mean()
    c0 = sum(centred * centred) / n
    total = 0.0
    for i in range(1, n):
        r = sum(centred[t] * centred[t + i] for t in range(n - i)) / n / c0
        if abs(r) > z_crit / np.sqrt(n):
            total += (n - i) * (n - i - 1) * (n - i - 2) * r
    s = sum(np.sign(x[j] - x[i]) for i in range(n) for j in range(i + 1, n))
    var_s = n * (n - 1) * (2 * n + 5) / 18 * (1 + 2 / (n * (n - 1) * (n - 2)) * abs(total))
    z = (s - np.sign(s)) / np.sqrt(var_s)
    return s, var_s, z, 2 * norm.sf(abs(z)), total


def test_issue_29_hamed_rao_takes_the_absolute_sum():
    """pymannkendall issue #29's series: 1.4.3 gives a negative Var(S), so z and p NaN; TSMV (as
    pymannkendall's master) takes |sum| over the significant lags: Var(S) grows."""
    x = np.array([0.35257984, 0.38692909, 0.39669828, 0.36296244, 0.42035612, 0.39374964, 0.41100085,
                  0.43182076, 0.40815853, 0.45394297, 0.41584767, 0.47399517])
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        old = pmk.hamed_rao_modification_test(x)
    assert old.var_s < 0 and np.isnan(old.z) and np.isnan(old.p)
    got = modified_test(x[None], "hamed_rao", 3)
    s, var_s, z, p, total = literal_hamed_rao(x)
    assert total < 0
    assert got.s[0] == s == 44 and got.var_s[0] == pytest.approx(var_s, rel=1e-12)
    assert got.var_s[0] > len(x) * (len(x) - 1) * (2 * len(x) + 5) / 18  # above the uncorrected
    assert got.z[0] == pytest.approx(z, rel=1e-12) and got.p_value[0] == pytest.approx(p, rel=1e-12)
    # a series whose negative sum only shrinks Var(S) in 1.4.3 (no NaN), grown by TSMV
    rng = np.random.default_rng(29)
    x = np.cumsum(rng.normal(size=(200, 20)), axis=1) * (-1.0) ** np.arange(20)
    shrunk = [row for row in x if 0 < pmk.hamed_rao_modification_test(row).var_s < pmk.original_test(row).var_s]
    assert shrunk
    row = shrunk[0]
    got = modified_test(row[None], "hamed_rao", 3)
    s, var_s, z, p, total = literal_hamed_rao(row)
    assert got.var_s[0] == pytest.approx(var_s, rel=1e-12) and got.z[0] == pytest.approx(z, rel=1e-12)
    assert got.var_s[0] > pmk.original_test(row).var_s > pmk.hamed_rao_modification_test(row).var_s


@pytest.mark.parametrize("backend", BACKENDS)
def test_issue_32_a_constant_series_is_no_trend_in_every_method(backend):
    """1.4.3's autocorrelation of a constant series is 0/0 (issue #32): Var(S) NaN (Hamed-Rao,
    Yue-Wang) or that of n - 1 distinct values (pre-whitening of 3.0). TSMV: S 0, Var(S) 0, z 0,
    p 1, slope 0, intercept the value, in every method (as the original test)."""
    x = np.array([[3.0] * 25, [0.1] * 25, [7.5] * 10 + [np.nan] * 15])
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        assert np.isnan(pmk.hamed_rao_modification_test(x[0]).var_s)
        assert pmk.pre_whitening_modification_test(x[0]).var_s == 24 * 23 * 53 / 18
    for method in MODIFIED:
        got = modified_test(x, method, 3, backend=backend)
        np.testing.assert_array_equal(np.column_stack(got), [[0, 3.0, 1, 0, 0, 0, 0], [0, 0.1, 1, 0, 0, 0, 0],
                                                             [0, 7.5, 1, 0, 0, 0, 0]])


def test_gaps_use_the_valid_years_in_order():
    """With missing years, pymannkendall drops them: the tests see the valid values in order
    (the autocorrelation, the pre-whitening and the detrending count valid years), Sen's slope
    the real years. TSMV does the same: equal to it with NaN in, and the pre-whitening by hand."""
    rng = np.random.default_rng(5)
    x = rng.normal(size=(50, 20)) + np.arange(20) * 0.2
    x[rng.random(x.shape) < 0.2] = np.nan
    for method in MODIFIED:
        assert_close(np.column_stack(modified_test(x, method, 3)), per_series(getattr(FIXED, FUNCTIONS[method]), x))
    row = np.array([1.0, 3.0, np.nan, 2.0, 6.0, np.nan, 5.0, 8.0])
    v = row[np.isfinite(row)]  # 1 3 2 6 5 8
    c = v - v.mean()
    r1 = (c[:-1] * c[1:]).sum() / (c * c).sum()
    w = v[1:] - r1 * v[:-1]
    s = sum(np.sign(w[j] - w[i]) for i in range(5) for j in range(i + 1, 5))
    got = modified_test(row[None], "pre_whitening", 3)
    assert got.s[0] == s and got.tau[0] == pytest.approx(s / 10)
    assert got.var_s[0] == 5 * 4 * 15 / 18


def test_fewer_than_min_valid_or_three_years_are_nan():
    x = np.array([[1.0, 2.0, np.nan, np.nan, np.nan], [1.0, 2.0, 4.0, 3.0, 5.0]])
    for method in MODIFIED:
        got = np.column_stack(modified_test(x, method, 2))
        assert np.isnan(got[0]).all() and np.isfinite(got[1]).all()
        assert np.isnan(np.column_stack(modified_test(x, method, 6))).all()


def test_the_backends_give_the_same_doubles():
    if len(BACKENDS) < 2:
        pytest.skip("numba is not installed")
    x = random_series(np.random.default_rng(8), 25, 300)
    for method in MODIFIED:
        a, b = (np.column_stack(modified_test(x, method, 3, backend=k)) for k in BACKENDS)
        np.testing.assert_array_equal(a, b)
    months = np.repeat(x[:, :10], 12, axis=1) + np.random.default_rng(1).normal(size=(300, 120))
    months[::7, 5] = np.nan
    months[3:9] = np.round(months[3:9])
    a, b = (np.column_stack(seasonal_test(months, 12, 3, backend=k)) for k in BACKENDS)
    np.testing.assert_array_equal(a, b)
    (a, a_interval), (b, b_interval) = (seasonal_test_with_interval(months, 0.9, 12, 3, backend=k) for k in BACKENDS)
    np.testing.assert_array_equal(np.column_stack(a), np.column_stack(b))
    np.testing.assert_array_equal(a_interval, b_interval)


# --- METHOD 5: the seasonal Kendall test ----------------------------------------------------

def monthly_series(rng, years, count=300):
    x = (rng.normal(size=(count, 12 * years)) + np.tile(rng.normal(0, 3, 12), years)
         + np.repeat(np.arange(years), 12) * rng.normal(0, 0.1, (count, 1)))
    x[:80] = np.round(x[:80])  # ties within the months
    x[80:160][rng.random(x[80:160].shape) < 0.15] = np.nan  # missing months
    x[160:165] = 4.0  # constant
    x[165:170, 5::12] = np.nan  # June always missing
    return x


@pytest.mark.parametrize("backend", BACKENDS)
@pytest.mark.parametrize("years", [10, 25])
def test_seasonal_equals_pymannkendall(backend, years):
    x = monthly_series(np.random.default_rng(years), years)
    got = np.column_stack(seasonal_test(x, 12, 3, backend=backend))
    want = per_series(pmk.seasonal_test, x, period=12)
    assert_close(got, want)
    assert (got[160:165, [0, 2, 3, 5, 6]] == [0, 1, 0, 0, 0]).all()


def seasonal_oracle(x, confidence, var_s, period=12):
    """The interval of the seasonal Sen slope, literally: the within-season slopes of every season
    sorted, N' of them, C = z sqrt(Var S), ranks round((N' - C)/2), round((N' + C)/2 + 1)."""
    seasons = x.reshape(-1, period)
    slopes = sorted((seasons[j, s] - seasons[i, s]) / (j - i) for s in range(period)
                    for i in range(len(seasons)) for j in range(i + 1, len(seasons))
                    if np.isfinite(seasons[i, s]) and np.isfinite(seasons[j, s]))
    c = norm.ppf(1 - (1 - confidence) / 2) * np.sqrt(var_s)
    m1, m2 = round((len(slopes) - c) / 2), round((len(slopes) + c) / 2 + 1)
    if not var_s >= 0 or m1 < 1 or m2 > len(slopes):
        return np.nan, np.nan
    return slopes[m1 - 1], slopes[m2 - 1]


@pytest.mark.parametrize("backend", BACKENDS)
@pytest.mark.parametrize("confidence", [0.95, 0.6])
def test_seasonal_interval_equals_the_literal_oracle(backend, confidence):
    x = monthly_series(np.random.default_rng(4), 8, 150)
    var_s = per_series(pmk.seasonal_test, x, period=12)[:, 6]
    result, (lower, upper) = seasonal_test_with_interval(x, confidence, 12, 3, backend=backend)
    want = np.array([seasonal_oracle(row, confidence, v) for row, v in zip(x, var_s)])
    assert np.isfinite(want).mean() > 0.9
    np.testing.assert_array_equal(np.column_stack([lower, upper]), want)
    # the test itself as without the interval
    np.testing.assert_array_equal(np.column_stack(result), np.column_stack(seasonal_test(x, 12, 3, backend=backend)))


def test_seasonal_min_valid_counts_years_with_data():
    x = np.full((3, 48), np.nan)
    x[0, 0::12] = [1, 2, 3, 5]  # January of 4 years
    x[1, [0, 13, 26, 39]] = [1, 2, 3, 4]  # one month each year, no month twice: no pair
    x[2, :24] = np.arange(24.0)  # two years
    got = seasonal_test(x, 12, 3)
    assert got.slope[0] == pytest.approx(pmk.seasonal_test(x[0]).slope) and got.s[0] == 6
    assert np.isnan(got.slope[1:]).all()


# --- run_trend, processing.run and xr.trend --------------------------------------------------

MONTHS = ["%d-%02d" % (y, m) for y in range(2001, 2011) for m in range(1, 13)]


@pytest.fixture(scope="module")
def monthly(tmp_path_factory):
    rng = np.random.default_rng(12)
    data = (rng.normal(20, 2, (len(MONTHS), 4, 5)) + np.tile(rng.normal(0, 5, 12), 10)[:, None, None]
            + np.repeat(np.arange(10), 12)[:, None, None] * rng.normal(0, 0.3, (1, 4, 5)))
    data[rng.random(data.shape) < 0.05] = np.nan
    data[:, 0, 0] = np.nan
    data[:, 0, 1] = 3.0
    data[36:, 0, 2] = np.nan  # three years
    data = data.astype(np.float32)
    path = write_stack(tmp_path_factory.mktemp("monthly") / "gpp.tif", data, MONTHS,
                       (10.0, 1.0, 0.0, 60.0, 0.0, -1.0), {"UNITS": "g C m-2"})
    return path, data


def pixelwise_seasonal(data, years=None):
    series = data.reshape(data.shape[0], -1).T.astype(np.float64)
    if years:
        series = series[:, 12 * (years[0] - 2001):12 * (years[1] - 2001 + 1)]
    out = np.full((len(series), 9), np.nan)
    for k, x in enumerate(series):
        if np.isfinite(x.reshape(-1, 12)).any(axis=1).sum() >= 8:
            r = fields(pmk.seasonal_test(x, period=12))
            out[k, :7] = r
            out[k, 7:] = seasonal_oracle(x, 0.95, r[6])
    return out.T.reshape(9, *data.shape[1:])


def test_run_trend_seasonal_equals_pymannkendall_per_pixel(monthly, tmp_path):
    path, data = monthly
    out = str(tmp_path / "t.tif")
    result = run_trend(path, out, method="seasonal", aggregate="max")  # AGGREGATE is not used
    got, labels, _, metadata = read_stack(out)
    assert labels == ["slope", "intercept", "p_value", "z", "tau", "s", "trend", "slope_lower", "slope_upper"]
    want = pixelwise_seasonal(data)
    keep = [0, 1, 2, 3, 4, 5]
    np.testing.assert_allclose(got[keep], want[keep].astype(np.float32), rtol=1e-6, atol=1e-12)  # NaN where NaN
    np.testing.assert_allclose(got[7:], want[7:].astype(np.float32), rtol=1e-6)
    assert np.isnan(got[:, 0, 0]).all() and np.isnan(got[:, 0, 2]).all() and got[0, 0, 1] == 0
    significant = want[2] < 0.05
    np.testing.assert_array_equal(got[6][np.isfinite(want[2])], (np.sign(want[3]) * significant)[np.isfinite(want[2])])
    assert result.method == "seasonal" and (result.start_year, result.end_year) == (2001, 2010)
    run_trend(path, out, method="seasonal", start_year=2002, end_year=2009, min_years=3)
    np.testing.assert_allclose(read_stack(out)[0][0], pixelwise_seasonal(data, (2002, 2009))[0], rtol=1e-6)


def test_seasonal_refuses_other_stacks(monthly, tmp_path):
    years = write_stack(tmp_path / "y.tif", np.ones((10, 2, 2)), [str(y) for y in range(2000, 2010)])
    with pytest.raises(TsmvError, match="method seasonal.*needs a monthly stack.*source is a yearly") as error:
        run_trend(years, str(tmp_path / "t.tif"), method="seasonal")
    assert "METHOD seasonal" in error.value.render({"method": "METHOD", "source": "INPUT"})
    assert "seasonal" in METHODS and METHODS.index("seasonal") == 5


def test_processing_run_method_5(monthly, tmp_path, tsmv_processing):
    path, data = monthly
    result = tsmv_processing.run("tsmv:trend", {"INPUT": path, "METHOD": 5, "CONFIDENCE": 0.95,
                                                "OUTPUT": str(tmp_path / "t.tif")})
    got, labels, _, _ = read_stack(result["OUTPUT"])
    np.testing.assert_allclose(got[:6], pixelwise_seasonal(data)[:6].astype(np.float32), rtol=1e-6, atol=1e-12)
    np.testing.assert_allclose(got[7:], pixelwise_seasonal(data)[7:].astype(np.float32), rtol=1e-6)
    years = write_stack(tmp_path / "y.tif", np.ones((10, 2, 2)), [str(y) for y in range(2000, 2010)])
    from qgis.core import QgsProcessingException
    with pytest.raises(QgsProcessingException, match="METHOD seasonal.*monthly stack.*INPUT"):
        tsmv_processing.run("tsmv:trend", {"INPUT": years, "METHOD": 5, "OUTPUT": str(tmp_path / "u.tif")})


@pytest.mark.parametrize("method", MODIFIED)
def test_run_trend_modified_interval_uses_the_methods_var_s(tmp_path, method):
    rng = np.random.default_rng(9)
    data = rng.normal(10, 1, (20, 3, 4)) + np.arange(20)[:, None, None] * 0.1
    data[rng.random(data.shape) < 0.1] = np.nan
    data = data.astype(np.float32)
    path = write_stack(tmp_path / "y.tif", data, [str(y) for y in range(2000, 2020)])
    run_trend(path, str(tmp_path / "t.tif"), method=method, alpha=0.1, confidence=0.9)
    got, labels, _, _ = read_stack(str(tmp_path / "t.tif"))
    for k, x in enumerate(data.reshape(20, -1).T.astype(np.float64)):
        r = fields(getattr(FIXED, FUNCTIONS[method])(x, alpha=0.1))
        np.testing.assert_allclose(got[:6].reshape(6, -1)[:, k], np.float32(r[:6]), rtol=1e-6, atol=1e-12)
        years = np.flatnonzero(np.isfinite(x))
        slopes = sorted((x[j] - x[i]) / (j - i) for a, i in enumerate(years) for j in years[a + 1:])
        c = norm.ppf(0.95) * np.sqrt(r[6])
        m1, m2 = round((len(slopes) - c) / 2), round((len(slopes) + c) / 2 + 1)
        want = (slopes[m1 - 1], slopes[m2 - 1]) if m1 >= 1 and m2 <= len(slopes) else (np.nan, np.nan)
        np.testing.assert_allclose(got[7:].reshape(2, -1)[:, k], np.float32(want), rtol=1e-6)


def test_xr_trend_takes_the_methods(monthly):
    from tsmv.tsmv_qgis import xr as txr
    path, data = monthly
    da = txr.open_stack(path, chunks=None)  # monthly: (time, lat, lon)
    out = txr.trend(da, method="seasonal")
    want = pixelwise_seasonal(data)
    for k, name in enumerate(["slope", "intercept", "p_value", "z", "tau", "s"]):
        np.testing.assert_allclose(out[name].values, want[k].astype(np.float32), rtol=1e-6, atol=1e-12)
    np.testing.assert_allclose(out.slope_lower.values, want[7].astype(np.float32), rtol=1e-6)
    assert out.attrs["method"] == "seasonal"
    annual = da.groupby("time.year").mean("time")
    out = txr.trend(annual, method="hamed_rao", alpha=0.1, confidence=0)
    x = annual.values[:, 2, 3].astype(np.float64)
    r = FIXED.hamed_rao_modification_test(x, alpha=0.1)
    assert out.z.values[2, 3] == pytest.approx(r.z, rel=1e-6) and out.p_value.values[2, 3] == pytest.approx(r.p, rel=1e-5)
    with pytest.raises(TsmvError, match="method seasonal.*monthly da"):
        txr.trend(annual, method="seasonal")
