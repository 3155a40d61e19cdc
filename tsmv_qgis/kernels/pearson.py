"""Pearson r with its two-sided p, and seasonal means of monthly GPP, column by column (pixels),
on arrays only (Li et al. 2025, section 2.2)."""
import numpy as np

from .special import t_two_sided_p


#: The fewest years with both series that give an r.
MIN_YEARS = 5


def pearson(x, y, min_n=MIN_YEARS):
    """r and two-sided p of each column pair of x, y (T, P) over rows where both are finite."""
    x = np.asarray(x, np.float64)
    y = np.asarray(y, np.float64)
    both = np.isfinite(x) & np.isfinite(y)
    n = both.sum(axis=0)
    with np.errstate(invalid="ignore", divide="ignore"):
        xm = np.where(both, x, 0.0).sum(axis=0) / n
        ym = np.where(both, y, 0.0).sum(axis=0) / n
        dx = np.where(both, x - xm, 0.0)
        dy = np.where(both, y - ym, 0.0)
        sxx = (dx * dx).sum(axis=0)
        syy = (dy * dy).sum(axis=0)
        r = (dx * dy).sum(axis=0) / np.sqrt(sxx * syy)
        r = np.clip(r, -1.0, 1.0)
        df = n - 2
        t = r * np.sqrt(df / np.maximum(1.0 - r * r, 0.0))
        p = t_two_sided_p(t, df)
    bad = (n < min_n) | (sxx <= 0) | (syy <= 0) | ~np.isfinite(r)
    r[bad] = np.nan
    p[bad] = np.nan
    p[~bad & (np.abs(r) == 1.0)] = 0.0
    return r, p


def seasonal_gpp(gpp, codes):
    """GPP_s(t): (T, 12, P) monthly GPP and season codes -> (T, 4, P) means over each season's months."""
    out = np.empty((gpp.shape[0], 4, gpp.shape[2]))
    for s in range(4):
        month_in = codes == s + 1
        total = np.where(month_in, gpp, 0.0).sum(axis=1)
        count = month_in.sum(axis=1)
        missing = (month_in & ~np.isfinite(gpp)).any(axis=1) | (count == 0)
        with np.errstate(invalid="ignore", divide="ignore"):
            out[:, s] = np.where(missing, np.nan, total / count)
    return out
