"""The Mann-Kendall/Sen kernel against pymannkendall, and Benjamini-Hochberg by hand."""
import warnings

import numpy as np
import pymannkendall as pmk
import pytest

from tsmv.tsmv_qgis.kernels import optional_numba
from tsmv.tsmv_qgis.kernels.mannkendall import original_test, original_test_with_interval
from tsmv.tsmv_qgis.kernels.trend import benjamini_hochberg

BACKENDS = ["numpy"] + (["numba"] if optional_numba.available() else [])


def random_series(rng, count=3000, n=25):
    """Series with ties, NaN gaps, short and constant ones, trends and plain noise."""
    x = rng.normal(size=(count, n)) + rng.normal(size=(count, 1)) * np.arange(n) * 0.05
    x[rng.random(x.shape) < 0.1] = np.nan  # gaps
    x[:400] = np.round(x[:400] * 2) / 2  # many ties
    x[400:450] = 3.5  # constant
    x[450:500, rng.integers(2, 8):] = np.nan  # short
    x[500:520] = np.nan  # all missing
    x[520:540, ::2] = 1.0  # half tied
    return x


def expected(x, min_valid):
    if np.isfinite(x).sum() < min_valid:
        return [np.nan] * 7
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        r = pmk.original_test(x)
    return [r.slope, r.intercept, r.p, r.z, r.Tau, r.s, r.var_s]


@pytest.mark.parametrize("backend", BACKENDS)
@pytest.mark.parametrize("n", [25, 77, 9])
def test_original_test_equals_pymannkendall(backend, n):
    rng = np.random.default_rng(n)
    x = random_series(rng, 3000 if n != 77 else 1000, n)
    result = original_test(x, min_valid=3, backend=backend)
    got = np.column_stack(result)  # in pymannkendall's order, as expected() lists them
    want = np.array([expected(row, 3) for row in x])
    np.testing.assert_array_equal(np.isnan(got), np.isnan(want))
    np.testing.assert_allclose(np.nan_to_num(got), np.nan_to_num(want), rtol=0, atol=1e-9)
    assert np.isfinite(result.slope).sum() > 0.8 * len(x)


@pytest.mark.parametrize("backend", BACKENDS)
def test_hand_computed_cases(backend):
    # x = 1, 3, 2, 5: pairs (3-1)/1, (2-1)/2, (5-1)/3, (2-3)/1, (5-3)/2, (5-2)/1
    # slopes 2, .5, 4/3, -1, 1, 3 -> sorted -1 .5 1 4/3 2 3 -> median (1 + 4/3)/2
    # S = +1 +1 +1 -1 +1 +1 = 4; Var = 4*3*13/18
    got = original_test(np.array([[1.0, 3.0, 2.0, 5.0]]), min_valid=3, backend=backend)
    slope = (1 + 4 / 3) / 2
    assert got.slope[0] == pytest.approx(slope)
    assert got.intercept[0] == pytest.approx(2.5 - 1.5 * slope)  # median(x) - median(t) * slope
    assert got.s[0] == 4 and got.var_s[0] == pytest.approx(4 * 3 * 13 / 18)
    assert got.z[0] == pytest.approx(3 / np.sqrt(4 * 3 * 13 / 18))
    assert got.tau[0] == pytest.approx(4 / 6)
    # a gap: years 0, 1, 3 with values 0, 1, 3 -> slopes 1, 1, 1
    got = original_test(np.array([[0.0, 1.0, np.nan, 3.0]]), min_valid=3, backend=backend)
    assert got.slope[0] == 1.0 and got.intercept[0] == pytest.approx(0.0) and got.s[0] == 3


def test_min_valid_and_degenerate_rows():
    x = np.array([[np.nan] * 10, [1.0] * 10, [1.0, 2.0] + [np.nan] * 8])
    got = np.column_stack(original_test(x, min_valid=8))
    assert np.isnan(got[0]).all() and np.isnan(got[2]).all()
    constant = original_test(x[1:2], min_valid=8)
    assert [v[0] for v in (constant.slope, constant.p_value, constant.z, constant.s)] == [0.0, 1.0, 0.0, 0.0]


def test_benjamini_hochberg_by_hand():
    p = np.array([0.01, 0.04, np.nan, 0.03, 0.2])
    # sorted 0.01 0.03 0.04 0.2, m = 4 -> p*m/rank = 0.04 0.06 0.0533 0.2 -> running min from the top
    q = benjamini_hochberg(p)
    np.testing.assert_allclose(q, [0.04, 0.16 / 3, np.nan, 0.16 / 3, 0.2])


def test_benjamini_hochberg_matches_the_step_up_rule():
    rng = np.random.default_rng(5)
    p = np.concatenate([rng.uniform(0, 0.01, 50), rng.uniform(0, 1, 500)])
    q = benjamini_hochberg(p)
    for alpha in (0.01, 0.05, 0.1):
        ranked = np.sort(p)
        passing = np.nonzero(ranked <= alpha * np.arange(1, p.size + 1) / p.size)[0]
        k = passing.max() + 1 if passing.size else 0  # reject the k smallest p-values
        rejected = p <= ranked[k - 1] if k else np.zeros(p.size, bool)
        np.testing.assert_array_equal(q <= alpha, rejected)


def adversarial_series(rng, count, n):
    """Heavy tails, a step, heavy ties, tiny and huge scales, half-tied, exact lines; 0-80 % gaps."""
    x = rng.standard_cauchy(size=(count, n))
    k = count // 8
    x[k:2 * k] = rng.normal(size=(k, n)) + (np.arange(n) > n // 2) * 5
    x[2 * k:3 * k] = np.round(rng.normal(size=(k, n)))
    x[3 * k:4 * k] = rng.normal(size=(k, n)) * 1e-150
    x[4 * k:5 * k] = rng.normal(size=(k, n)) * 1e150 + np.arange(n) * 1e149
    x[5 * k:6 * k] = np.where(rng.random((k, n)) < 0.5, 1.0, rng.normal(size=(k, n)))
    x[6 * k:7 * k] = np.arange(n) * 0.5  # every slope equal
    x[rng.random(x.shape) < rng.random((count, 1)) * 0.8] = np.nan
    return x


@pytest.mark.skipif(not optional_numba.available(), reason="numba is not installed")
@pytest.mark.parametrize("n", [21, 25, 30, 77, 120])
def test_counting_median_equals_sorting_on_hard_series(n):
    """Above 190 pairs (from 21 years; above 400, from 29, with the interval) the kernel counts
    among slopes made with 1/(j - i) and divides exactly only around the ranks it needs;
    numpy sorts every exact slope: the same doubles,
    the median and the interval's order statistics (ties between slopes of different j - i,
    as 1/3 and 2/6, tiny and huge scales, subnormal differences)."""
    x = adversarial_series(np.random.default_rng(n), 4000, n)
    x[-100:] = np.round(x[-100:] * 3) * 5e-324  # subnormal, with ties
    for confidence in (0.95, 0.5, 0):  # 0: no interval, where n = 21..28 count too
        fast, fast_interval = original_test_with_interval(x, confidence, min_valid=2, backend="numba")
        sorted_, sorted_interval = original_test_with_interval(x, confidence, min_valid=2, backend="numpy")
        for field in ("slope", "intercept", "z", "tau", "s", "var_s"):
            np.testing.assert_array_equal(getattr(fast, field), getattr(sorted_, field))
        np.testing.assert_allclose(fast.p_value, sorted_.p_value, rtol=1e-13)  # math.erfc, special.erfc
        np.testing.assert_array_equal(fast_interval, sorted_interval)
        assert np.isfinite(fast_interval).all(axis=0).mean() > 0.5 if confidence else np.isnan(fast_interval).all()


@pytest.mark.parametrize("backend", BACKENDS)
def test_infinite_values_are_missing_years(backend):
    x = np.array([[0.0, 1.0, np.inf, 3.0, -np.inf, 5.0] * 6])
    gaps = np.where(np.isfinite(x), x, np.nan)
    np.testing.assert_array_equal(np.column_stack(original_test(x, 3, backend)),
                                  np.column_stack(original_test(gaps, 3, backend)))
