"""CONFIDENCE: the Sen slope interval (Gilbert 1987) against a literal oracle, by hand, through
the kernel's two backends, run_trend, processing.run and xr.trend."""
import warnings

import numpy as np
import pymannkendall as pmk
import pytest
from scipy.stats import norm

from tsmv.tsmv_qgis.kernels import optional_numba
from tsmv.tsmv_qgis.kernels.mannkendall import original_test, sen_interval

BACKENDS = ["numpy"] + (["numba"] if optional_numba.available() else [])


def oracle(x, confidence, min_valid):
    """One series, literally: sorted pairwise slopes of the valid years, Var(S) from
    pymannkendall, C = z sqrt(Var S), ranks round((N' - C)/2) and round((N' + C)/2 + 1) (R's
    trend::sens.slope, Python's round halves to even as R's), NaN outside 1..N'."""
    years = np.flatnonzero(np.isfinite(x))
    if len(years) < min_valid:
        return np.nan, np.nan
    slopes = sorted((x[j] - x[i]) / (j - i) for a, i in enumerate(years) for j in years[a + 1:])
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        var_s = pmk.original_test(x).var_s
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
    # the kernels multiply by 1/(j - i), the oracle divides: the last bit may differ
    np.testing.assert_allclose(lower, want[:, 0], rtol=1e-13, atol=1e-15)
    np.testing.assert_allclose(upper, want[:, 1], rtol=1e-13, atol=1e-15)
    assert np.isfinite(lower).sum() > 300 and np.isnan(lower[200:210]).all()


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
