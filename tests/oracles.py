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
