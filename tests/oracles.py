"""Independent implementations the tests and benchmarks compare against."""
import numpy as np


def literal_attribution(sm, years):
    """Li et al. (2025) eq. 1-10 for one pixel, written out with numpy.polyfit and numpy.cov.

    ``sm`` is SM_{s,d}(t) as (T, 16), k = 4 s + d.  Returns (32 components in percent, 16 omega).
    """
    x = sm / 4.0
    tsm = x.sum(axis=1)
    t = np.asarray(years, np.float64)
    alpha = np.polyval(np.polyfit(t, tsm, 1), t)
    beta = tsm - alpha
    var = np.cov(tsm, tsm)[0, 1]
    trend, iav = np.empty(16), np.empty(16)
    for k in range(16):
        a_k = np.polyval(np.polyfit(t, x[:, k], 1), t)
        trend[k] = 100 * np.cov(alpha, a_k)[0, 1] / var
        iav[k] = 100 * np.cov(beta, x[:, k] - a_k)[0, 1] / var
    share = 100 * x.mean(axis=0) / tsm.mean()
    return np.concatenate([trend, iav]), (trend + iav) / share


def pymannkendall_fixed():
    """pymannkendall 1.4.3 with the two fixes of its master branch (unreleased in 1.4.3), applied
    to the installed source, as a module: issue #32 (``__acf`` of a constant series: the
    autocovariances, 0, rather than 0/0) and issue #29 (Hamed-Rao: ``abs`` of the sum over the
    significant lags).  The literal corrected formulas TSMV follows."""
    import importlib
    import types
    source = importlib.import_module("pymannkendall.pymannkendall")
    text = open(source.__file__).read()
    fixes = [("    return acov[:nlags+1]/acov[0]\n",  # issue #32 (master's commit bb296bf)
              "    if acov[0] != 0:\n        return acov[:nlags+1]/acov[0]\n    else:\n        return acov[:nlags+1]\n"),
             ("    n_ns = 1 + (2 / (n * (n-1) * (n-2))) * sni\n",  # issue #29 (master's commit 2776409)
              "    n_ns = 1 + (2 / (n * (n-1) * (n-2))) * abs(sni)\n")]
    for old, new in fixes:
        assert text.count(old) == 1, "pymannkendall's source is not 1.4.3's: %r" % old
        text = text.replace(old, new)
    module = types.ModuleType("pymannkendall_fixed")
    exec(compile(text, "pymannkendall_fixed", "exec"), module.__dict__)
    return module
