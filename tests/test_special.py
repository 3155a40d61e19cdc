"""tsmv_qgis.kernels.special (erfc, Student's t p-value) against scipy, and the core with scipy absent."""
import math
import subprocess
import sys
import warnings

import numpy as np
import pymannkendall as pmk
import pytest
from scipy import special, stats

from conftest import ROOT, read_stack, write_stack
from tsmv.tsmv_qgis.kernels.special import erfc, t_two_sided_p
from tsmv.tsmv_qgis.kernels.modified import modified_test

TINY = 1e-300  # below this, results are (nearly) subnormal and compared in absolute terms
SUBNORMAL_ULP = 5e-324


def relative(got, want):
    with np.errstate(divide="ignore", invalid="ignore"):
        return np.abs(got - want) / np.abs(want)


# --- erfc ----------------------------------------------------------------------------------

def erfc_grid():
    """Dense over [-30, 30], denser where the pieces meet and where erfc leaves the normal range."""
    edges = [0.25, 0.84375, 1.25, 1 / 0.35, 6.0, 26.5, 28.0]
    near = [np.nextafter(e, [-np.inf, np.inf]) for e in edges]
    return np.unique(np.concatenate([
        np.linspace(-30, 30, 300001), np.linspace(-1.5, 3.0, 45001), np.linspace(26, 28, 20001),
        np.geomspace(1e-300, 1e-3, 300), edges, np.negative(edges), np.ravel(near)]))


def test_erfc_equals_scipy_within_scipys_own_error():
    x = erfc_grid()
    got, want = erfc(x), special.erfc(x)
    normal = want > TINY
    # scipy's (cephes') erfc is itself off by up to ~x^2 ulp (it rounds x*x before exp(-x*x))
    # and by a few ulp below 1 (1 - erf(x)); ours is within an ulp or two of the true value.
    assert np.all(relative(got[normal], want[normal]) <= 2e-15 + 2.5e-16 * x[normal] ** 2)
    assert relative(got, want)[np.abs(x) <= 0.8].max() <= 1e-15
    assert np.all(got[~normal] <= 1.001 * TINY)  # scipy gives 0 from x = 26.64 on


def test_erfc_within_two_ulp_of_libm():
    """The standard library's math.erfc (glibc: under one ulp) as the tight oracle."""
    x = erfc_grid()[::7]
    got = erfc(x)
    want = np.array([math.erfc(v) for v in x])
    normal = want > TINY
    assert relative(got[normal], want[normal]).max() <= 1e-15
    assert np.all(np.abs(got[~normal] - want[~normal]) <= 1e-15 * want[~normal] + 4 * SUBNORMAL_ULP)


def test_erfc_against_mpmath():
    mpmath = pytest.importorskip("mpmath")
    mpmath.mp.dps = 40
    x = np.concatenate([np.linspace(-6, 27, 1651), [0.84375, 1.25, 1 / 0.35, 26.5]])
    want = np.array([float(mpmath.erfc(mpmath.mpf(float(v)))) for v in x])
    normal = want > TINY
    assert relative(erfc(x)[normal], want[normal]).max() <= 1e-15


def test_erfc_special_values_and_shapes():
    got = erfc(np.array([np.nan, np.inf, -np.inf, 0.0, -0.0, 28.0, -28.0, 27.5, 1e-310]))
    np.testing.assert_array_equal(got, [np.nan, 0.0, 2.0, 1.0, 1.0, 0.0, 2.0, 0.0, 1.0])
    assert erfc(0.5) == pytest.approx(special.erfc(0.5), rel=1e-15) and np.ndim(erfc(0.5)) == 0
    x = np.linspace(-3, 3, 12).reshape(3, 4)
    assert erfc(x).shape == (3, 4) and erfc(np.array([], float)).shape == (0,)
    np.testing.assert_allclose(erfc(-x), 2.0 - erfc(x), rtol=0, atol=4.5e-16)  # 2 ulp of 2
    assert erfc([1, 2]).dtype == np.float64  # integers and lists are accepted


# --- Student's t ---------------------------------------------------------------------------

# From 1e-4 up: below, scipy 1.17's df = 1 (Cauchy) returns 1 for 1 - O(t); see the next test.
T_GRID = np.concatenate([np.linspace(0, 12, 241), np.geomspace(1e-4, 1e10, 57), [1e120]])


@pytest.mark.parametrize("dfs", [np.arange(1, 201), [0.3, 0.5, 1.5, 2.7, 7.25, 33.3, 150.5, 999.9]],
                         ids=["integer df 1-200", "non-integer df"])
def test_t_two_sided_p_equals_scipy(dfs):
    t, df = np.meshgrid(T_GRID, np.asarray(dfs, float))
    got = t_two_sided_p(t, df)
    for want in (2.0 * special.stdtr(df, -t), 2.0 * stats.t.sf(t, df)):
        normal = want > TINY
        assert relative(got[normal], want[normal]).max() <= 1e-12
        assert np.all(got[~normal] <= 1.001 * TINY)
    np.testing.assert_array_equal(t_two_sided_p(-t, df), got)  # two-sided: the sign of t is lost


@pytest.mark.parametrize("df", [1, 2, 3.5, 22, 200])
def test_t_two_sided_p_near_zero_equals_its_series(df):
    """p = 1 - 2 f(0) (t - (df+1) t^3 / (6 df)) + O(t^5), f the density of t."""
    t = np.concatenate([np.geomspace(1e-300, 1e-3, 100), [5e-324]])
    f0 = math.exp(math.lgamma((df + 1) / 2) - math.lgamma(df / 2)) / math.sqrt(df * math.pi)
    want = 1.0 - 2.0 * f0 * (t - (df + 1) * t ** 3 / (6 * df))
    assert relative(t_two_sided_p(t, df), want).max() <= 1e-15


def test_t_two_sided_p_per_element_df_as_pearson_uses_it():
    rng = np.random.default_rng(7)
    df = rng.integers(3, 81, 20000)  # integers, as n - 2 is
    r = rng.uniform(-1, 1, df.size)
    t = r * np.sqrt(df / (1 - r * r))
    want = 2.0 * special.stdtr(df, -np.abs(t))
    assert relative(t_two_sided_p(t, df), want).max() <= 1e-13


def test_t_two_sided_p_special_values():
    df = np.array([1.0, 2.0, 3.5, 80.0, 1e6])
    assert np.all(t_two_sided_p(0.0, df) == 1.0)
    assert np.all(t_two_sided_p(np.inf, df) == 0.0) and np.all(t_two_sided_p(-np.inf, df) == 0.0)
    assert np.isnan(t_two_sided_p(np.nan, df)).all()
    assert np.isnan(t_two_sided_p(1.5, [np.nan, 0.0, -3.0])).all()
    assert t_two_sided_p(1.5, np.inf) == pytest.approx(special.erfc(1.5 / math.sqrt(2)), rel=1e-15)
    assert t_two_sided_p(2.0, 3) == pytest.approx(2.0 * special.stdtr(3, -2.0), rel=1e-14)
    assert np.ndim(t_two_sided_p(2.0, 3)) == 0 and t_two_sided_p(np.ones((2, 3)), 5).shape == (2, 3)
    assert t_two_sided_p(np.array([], float), 5).shape == (0,)


# --- the core with scipy absent ------------------------------------------------------------

NO_SCIPY = r"""
import sys
sys.modules["scipy"] = None  # as in a QGIS whose Python has no scipy: importing it fails
sys.path.insert(0, sys.argv[1])
import numpy as np
from tsmv_qgis.kernels.pearson import pearson
from tsmv_qgis.errors import TsmvError
from tsmv_qgis.kernels.mannkendall import original_test
from tsmv_qgis.kernels.modified import modified_test
from tsmv_qgis.steps.trend import run_trend
data = np.load(sys.argv[2])
mk = np.column_stack(original_test(data["y"], min_valid=8, backend="numpy"))
hr = np.column_stack(modified_test(data["y"], "hamed_rao", 8, backend="numpy"))
r, p = pearson(data["a"], data["b"])
np.savez(sys.argv[3], mk=mk, hr=hr, r=r, p=p)
run_trend(sys.argv[4], sys.argv[5], alpha=0.1)
for method in ("hamed_rao", "yue_wang", "pre_whitening", "trend_free_pre_whitening", "seasonal"):
    try:
        run_trend(sys.argv[4], sys.argv[5][:-4] + "_" + method + ".tif", method=method)
        print("ran:", method)
    except TsmvError as error:
        print("message:", error)
assert not [m for m in sys.modules if m.startswith("scipy.")], "a scipy module was imported"
"""


def test_core_runs_without_scipy_and_gives_scipys_numbers(tmp_path):
    rng = np.random.default_rng(12)
    y = rng.normal(size=(400, 25)) + rng.normal(size=(400, 1)) * np.arange(25) * 0.05
    y[rng.random(y.shape) < 0.1] = np.nan
    y[:50] = np.round(y[:50] * 2) / 2  # ties
    a = rng.normal(size=(20, 500))
    b = 0.4 * a + rng.normal(size=(20, 500))
    a[rng.random(a.shape) < 0.1] = np.nan
    years = [str(v) for v in range(1990, 2012)]
    stack = rng.normal(50, 3, (len(years), 4, 5)) + rng.normal(0, 0.3, (1, 4, 5)) * np.arange(
        len(years))[:, None, None]
    stack = np.asarray(stack, np.float32)
    source = write_stack(tmp_path / "tsm.tif", stack, years)
    np.savez(tmp_path / "in.npz", y=y, a=a, b=b)
    out = tmp_path / "trend.tif"
    proc = subprocess.run([sys.executable, "-c", NO_SCIPY, ROOT, str(tmp_path / "in.npz"),
                           str(tmp_path / "out.npz"), str(source), str(out)],
                          capture_output=True, text=True)
    assert proc.returncode == 0, proc.stderr
    # METHOD 1-4 need no scipy either (no pymannkendall); 5 refuses a yearly stack
    assert proc.stdout.count("ran:") == 4 and "message: method seasonal" in proc.stdout, proc.stdout
    got = np.load(tmp_path / "out.npz")
    np.testing.assert_array_equal(got["hr"], np.column_stack(modified_test(y, "hamed_rao", 8, backend="numpy")))

    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        want = np.array([(w.slope, w.p, w.z, w.s) for w in map(pmk.original_test, y)])
    mk = got["mk"][:, [0, 2, 3, 5]]  # every series has >= 8 valid years
    np.testing.assert_array_equal(np.isnan(mk), np.isnan(want))
    np.testing.assert_allclose(np.nan_to_num(mk), np.nan_to_num(want), rtol=1e-9, atol=1e-12)
    z = got["mk"][:, 3]
    np.testing.assert_allclose(got["mk"][:, 2], special.erfc(np.abs(z) / math.sqrt(2)), rtol=2e-15)

    for i in range(a.shape[1]):
        ok = np.isfinite(a[:, i])
        want = stats.pearsonr(a[ok, i], b[ok, i])
        assert abs(got["r"][i] - want[0]) < 1e-12 and abs(got["p"][i] - want[1]) < 1e-12
    n = np.isfinite(a).sum(axis=0)
    t = got["r"] * np.sqrt((n - 2) / (1 - got["r"] ** 2))
    assert relative(got["p"], 2 * special.stdtr(n - 2, -np.abs(t))).max() <= 1e-13

    bands = read_stack(out)[0]
    for i in range(4):
        for j in range(5):
            w = pmk.original_test(stack[:, i, j].astype(np.float64), alpha=0.1)
            trend = {"increasing": 1, "decreasing": -1, "no trend": 0}[w.trend]
            np.testing.assert_allclose(bands[[0, 2, 3], i, j], [w.slope, w.p, w.z], rtol=1e-5)
            assert bands[6, i, j] == trend
            assert trend == (np.sign(w.z) if abs(w.z) > special.ndtri(0.95) else 0)
