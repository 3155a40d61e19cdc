"""CONFIDENCE: the Sen slope interval (Gilbert 1987) against a literal oracle, by hand, through
the kernel's two backends, run_trend, processing.run and xr.trend."""
import warnings

import numpy as np
import pymannkendall as pmk
import pytest
from osgeo import gdal
from scipy.stats import norm

from conftest import read_stack, write_stack
from oracles import pymannkendall_fixed
from tsmv.tsmv_qgis.errors import TsmvError
from tsmv.tsmv_qgis.kernels import optional_numba
from tsmv.tsmv_qgis.kernels.mannkendall import original_test, original_test_with_interval, sen_interval
from tsmv.tsmv_qgis.steps.trend import run_trend

FIXED = pymannkendall_fixed()  # the modified tests' Var(S): 1.4.3 with its master's fixes (#29, #32)
BACKENDS = ["numpy"] + (["numba"] if optional_numba.available() else [])


def oracle(x, confidence, min_valid, var_s=None):
    """One series, literally: sorted pairwise slopes of the valid years, Var(S) ``var_s`` (default
    pymannkendall's original_test's), C = z sqrt(Var S), ranks round((N' - C)/2) and round((N' + C)/2 + 1) (R's
    trend::sens.slope, Python's round halves to even as R's), NaN outside 1..N'."""
    years = np.flatnonzero(np.isfinite(x))
    if len(years) < min_valid:
        return np.nan, np.nan
    slopes = sorted((x[j] - x[i]) / (j - i) for a, i in enumerate(years) for j in years[a + 1:])
    if var_s is None:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            var_s = pmk.original_test(x).var_s
    if not var_s >= 0:  # pymannkendall 1.4.3's Hamed-Rao can give a negative or NaN variance
        return np.nan, np.nan
    c = norm.ppf(1 - (1 - confidence) / 2) * np.sqrt(var_s)
    m1, m2 = round((len(slopes) - c) / 2), round((len(slopes) + c) / 2 + 1)
    if m1 < 1 or m2 > len(slopes):
        return np.nan, np.nan
    return slopes[m1 - 1], slopes[m2 - 1]


def random_series(rng, count=600, n=20):
    """Ties, gaps, constant, short and all-missing series."""
    x = rng.normal(size=(count, n)) + rng.normal(size=(count, 1)) * np.arange(n) * 0.1
    x[rng.random(x.shape) < 0.15] = np.nan
    x[:150] = np.round(x[:150] * 2) / 2
    x[150:170] = 2.5
    x[170:200, rng.integers(3, 7):] = np.nan
    x[200:210] = np.nan
    return x


@pytest.mark.parametrize("backend", BACKENDS)
@pytest.mark.parametrize("confidence", [0.95, 0.8, 0.99])
def test_interval_equals_the_literal_oracle(backend, confidence):
    x = random_series(np.random.default_rng(28))
    lower, upper = sen_interval(x, original_test(x, min_valid=3).var_s, confidence, 3, backend=backend)
    want = np.array([oracle(row, confidence, 3) for row in x])
    # the kernels divide by j - i as the oracle (and pymannkendall) do: the same doubles
    np.testing.assert_allclose(lower, want[:, 0], rtol=0, atol=0)
    np.testing.assert_allclose(upper, want[:, 1], rtol=0, atol=0)
    assert np.isfinite(lower).sum() > 300 and np.isnan(lower[200:210]).all()


@pytest.mark.parametrize("backend", BACKENDS)
@pytest.mark.parametrize("n", [20, 40, 77])  # 190 pairs and more: quickselect beside the median, and counting
@pytest.mark.parametrize("confidence", [0.95, 0.6])
def test_interval_with_the_test_equals_the_literal_oracle(backend, n, confidence):
    """original_test_with_interval: the interval from the test's own Var(S) and pairwise slopes."""
    x = random_series(np.random.default_rng(n), 400, n)
    result, (lower, upper) = original_test_with_interval(x, confidence, 3, backend=backend)
    want = np.array([oracle(row, confidence, 3) for row in x])
    np.testing.assert_array_equal(lower, want[:, 0])
    np.testing.assert_array_equal(upper, want[:, 1])
    assert np.isfinite(lower).sum() > 150
    np.testing.assert_array_equal(np.column_stack(result), np.column_stack(original_test(x, 3, backend=backend)))


def test_many_years_take_the_same_ranks_in_both_backends():
    """60 years (1770 pairs): both backends, and the oracle, on series with ties."""
    if "numba" not in BACKENDS:
        pytest.skip("numba is not installed")
    rng = np.random.default_rng(5)
    x = np.round(rng.normal(size=(200, 60)) * 3) / 3 + np.arange(60) * 0.02
    x[rng.random(x.shape) < 0.05] = np.nan
    var_s = original_test(x).var_s
    fast = sen_interval(x, var_s, 0.9, backend="numba")
    slow = sen_interval(x, var_s, 0.9, backend="numpy")
    np.testing.assert_array_equal(fast, slow)  # the same doubles
    np.testing.assert_allclose(np.array(fast).T[:20], [oracle(row, 0.9, 2) for row in x[:20]], rtol=1e-13)


@pytest.mark.parametrize("backend", BACKENDS)
def test_hand_computed_interval(backend):
    # x = 1, 3, 2, 5, 4, 6 over years 0..5, no ties.  The 15 pairwise slopes (x_j - x_i)/(j - i):
    #   from 0: 2, 0.5, 4/3, 0.75, 1;  from 1: -1, 1, 1/3, 1;  from 2: 3, 1, 4/3;
    #   from 3: -1, 0.5;  from 4: 2
    # sorted: -1, -1, 1/3, 0.5, 0.5, 0.75, 1, 1, 1, 1, 4/3, 4/3, 2, 2, 3  (N' = 15)
    # Var(S) = 6*5*17/18 = 28.333..., sqrt = 5.3229; at 0.90, z = 1.6449, C = 8.7555
    # M1 = (15 - 8.7555)/2 = 3.122 -> 3;  M2 + 1 = (15 + 8.7555)/2 + 1 = 12.878 -> 13
    # lower = 3rd smallest = 1/3, upper = 13th = 2
    x = np.array([[1.0, 3.0, 2.0, 5.0, 4.0, 6.0]])
    lower, upper = sen_interval(x, original_test(x).var_s, 0.90, backend=backend)
    assert lower[0] == pytest.approx(1 / 3) and upper[0] == 2.0
    # at 0.95: z = 1.96, C = 10.433; M1 = 2.28 -> 2, M2 + 1 = 13.72 -> 14: -1 and 2
    lower, upper = sen_interval(x, original_test(x).var_s, 0.95, backend=backend)
    assert (lower[0], upper[0]) == (-1.0, 2.0)
    # at 0.99: z = 2.5758, C = 13.711; M1 = 0.64 -> 1, M2 + 1 = 15.36 -> 15: the extremes
    lower, upper = sen_interval(x, original_test(x).var_s, 0.99, backend=backend)
    assert (lower[0], upper[0]) == (-1.0, 3.0)
    # 4 years: N' = 6, Var(S) = 4*3*13/18 = 8.667, C(0.95) = 5.77: M1 = 0.115 -> 0, outside: NaN
    lower, upper = sen_interval(x[:, :4], original_test(x[:, :4]).var_s, 0.95, backend=backend)
    assert np.isnan(lower[0]) and np.isnan(upper[0])


YEARS = [str(y) for y in range(2000, 2016)]


@pytest.fixture(scope="module")
def yearly(tmp_path_factory):
    rng = np.random.default_rng(7)
    data = rng.normal(50, 3, (len(YEARS), 5, 6)) + rng.normal(0, 0.5, (1, 5, 6)) * np.arange(len(YEARS))[:, None, None]
    data[rng.random(data.shape) < 0.1] = np.nan
    data[:, 0, :2] = np.round(data[:, 0, :2])  # ties
    data[:, 0, 2] = np.nan  # all missing
    data[6:, 0, 3] = np.nan  # six years: fewer than MIN_YEARS
    data = data.astype(np.float32)
    path = write_stack(tmp_path_factory.mktemp("ci") / "tsm.tif", data, YEARS,
                       (10.0, 1.0, 0.0, 60.0, 0.0, -1.0), {"UNITS": "kg m-2"})
    return path, data


def interval_by_oracle(data, confidence, method="original_test", min_valid=8):
    """(2, rows, cols): the oracle on each pixel, Var(S) from pymannkendall's ``method``."""
    out = np.full((2,) + data.shape[1:], np.nan)
    for i in range(data.shape[1]):
        for j in range(data.shape[2]):
            x = data[:, i, j].astype(np.float64)
            if np.isfinite(x).sum() >= min_valid:
                with warnings.catch_warnings():
                    warnings.simplefilter("ignore")
                    var_s = getattr(pmk if method == "original_test" else FIXED, method)(x).var_s
                out[:, i, j] = oracle(x, confidence, min_valid, var_s)
    return out


@pytest.mark.parametrize("method,function", [("original", "original_test"),
                                             ("hamed_rao", "hamed_rao_modification_test")])
def test_run_trend_writes_the_interval_last(yearly, tmp_path, method, function):
    path, data = yearly
    out = str(tmp_path / "trend.tif")
    run_trend(path, out, method=method, confidence=0.9)
    got, labels, _, _ = read_stack(out)
    assert labels == ["slope", "intercept", "p_value", "z", "tau", "s", "trend", "slope_lower", "slope_upper"]
    assert gdal.Open(out).GetMetadataItem("CONFIDENCE") == "0.9"
    want = interval_by_oracle(data, 0.9, function).astype(np.float32)
    assert np.isfinite(want).sum() > 40 and np.isnan(want[:, 0, 2:4]).all()
    np.testing.assert_allclose(got[7:], want, rtol=1e-6)  # NaN where NaN
    slope = got[0][np.isfinite(want[0])]
    assert (got[7][np.isfinite(want[0])] <= slope).all() and (slope <= got[8][np.isfinite(want[0])]).all()


@pytest.mark.parametrize("bad", [1, 1.5, -0.1, float("nan"), "x"])
def test_confidence_refused(yearly, tmp_path, bad):
    with pytest.raises(TsmvError, match="confidence"):
        run_trend(yearly[0], str(tmp_path / "t.tif"), confidence=bad)


def test_processing_run_gives_the_core_numbers(yearly, tmp_path, tsmv_processing):
    path, data = yearly
    result = tsmv_processing.run("tsmv:trend", {"INPUT": path, "CONFIDENCE": 0.8,
                                                "OUTPUT": str(tmp_path / "t.tif")})
    got, labels, _, _ = read_stack(result["OUTPUT"])
    assert labels[-2:] == ["slope_lower", "slope_upper"]
    run_trend(path, str(tmp_path / "core.tif"), confidence=0.8)
    core, core_labels, _, _ = read_stack(str(tmp_path / "core.tif"))
    assert labels == core_labels
    np.testing.assert_array_equal(got, core)
    np.testing.assert_allclose(got[-2:], interval_by_oracle(data, 0.8).astype(np.float32), rtol=1e-6)
    off = tsmv_processing.run("tsmv:trend", {"INPUT": path, "CONFIDENCE": 0, "OUTPUT": str(tmp_path / "off.tif")})
    assert read_stack(off["OUTPUT"])[1] == labels[:7]
