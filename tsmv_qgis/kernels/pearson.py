"""Pearson r with its two-sided p, and seasonal means of monthly GPP, column by column (pixels),
on arrays only (Li et al. 2025, section 2.2)."""
import numpy as np

from .special import t_two_sided_p


#: The fewest years with both series that give an r.
MIN_YEARS = 5


def pearson(x, y, min_n=MIN_YEARS):
    """r and two-sided p of each column pair of x, y (T, P) over rows where both are finite."""
    r, n = _pearson_r(x, y, min_n)
    with np.errstate(invalid="ignore", divide="ignore"):
        df = n - 2
        t = r * np.sqrt(df / np.maximum(1.0 - r * r, 0.0))
        p = t_two_sided_p(t, df)
    p[np.isnan(r)] = np.nan
    p[np.abs(r) == 1.0] = 0.0
    return r, p


def pearson_r(x, y, min_n=MIN_YEARS):
    """The r of :func:`pearson` alone."""
    return _pearson_r(x, y, min_n)[0]


def _pearson_r(x, y, min_n):
    """(r, NaN where there is none; n, the rows where both are finite)."""
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
    r[(n < min_n) | (sxx <= 0) | (syy <= 0) | ~np.isfinite(r)] = np.nan
    return r, n


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


# --- the options of tsmv:correlation beyond the paper --------------------------------------
#: A series whose least-squares residuals are below this share of its root mean square is a
#: straight line (to rounding): after DETREND it is constant, so it gives no r.
STRAIGHT = 1e-10


def detrended(x, y, years):
    """x and y (T, P) less each column's own least-squares line on ``years`` (T,), each line
    fitted over the rows where both are finite (pairwise complete); NaN elsewhere, and NaN in
    the whole column where a series is a straight line (its residuals are rounding)."""
    x = np.asarray(x, np.float64)
    y = np.asarray(y, np.float64)
    both = np.isfinite(x) & np.isfinite(y)
    weight = both.astype(np.float64)
    n = weight.sum(axis=0)
    t = np.asarray(years, np.float64)[:, None]
    out = []
    with np.errstate(invalid="ignore", divide="ignore"):
        dt = (t - (weight * t).sum(axis=0) / n) * weight
        stt = (dt * dt).sum(axis=0)
        for v in (x, y):
            v = np.where(both, v, 0.0)
            dv = (v - v.sum(axis=0) / n) * weight
            residual = dv - (dt * dv).sum(axis=0) / stt * dt
            line = (residual * residual).sum(axis=0) <= STRAIGHT ** 2 * (v * v).sum(axis=0)
            residual[:, line] = np.nan
            residual[~both] = np.nan
            out.append(residual)
    return out


def lag1_autocorrelation(x, adjacent):
    """Lag-1 autocorrelation of each column of x (T, P), NaN for missing rows: sum over the
    pairs of rows t, t+1 that are both finite and ``adjacent[t]`` (T - 1,: consecutive years) of
    (x_t - m)(x_t+1 - m), over the sum of (x_t - m)^2 of the finite rows, m their mean."""
    x = np.asarray(x, np.float64)
    ok = np.isfinite(x)
    with np.errstate(invalid="ignore", divide="ignore"):
        d = np.where(ok, x - np.where(ok, x, 0.0).sum(axis=0) / ok.sum(axis=0), 0.0)
        pairs = np.asarray(adjacent, bool)[:, None]
        return np.where(pairs, d[:-1] * d[1:], 0.0).sum(axis=0) / (d * d).sum(axis=0)


#: The effective sample size is kept within [MIN_EFFECTIVE_N, n]: at least one degree of freedom.
MIN_EFFECTIVE_N = 3.0


def effective_n(n, r1, r2):
    """Bretherton et al. (1999, eq. 31) n (1 - r1 r2) / (1 + r1 r2), kept within [3, n]."""
    product = np.asarray(r1, np.float64) * r2
    with np.errstate(invalid="ignore", divide="ignore"):
        n_eff = n * (1.0 - product) / (1.0 + product)
    n_eff = np.where(1.0 + product <= 0.0, n, n_eff)  # r1 r2 = -1: no dependence to correct for
    return np.clip(n_eff, MIN_EFFECTIVE_N, n)


def correlate(x, y, years, detrend=False, effective=False, with_p=True, min_n=MIN_YEARS):
    """r and two-sided p of each column pair of x, y (T, P) over the rows where both are
    finite, as :func:`pearson`, with the options of tsmv:correlation: ``detrend`` removes each
    series' least-squares line on ``years`` first (:func:`detrended`); ``effective`` takes p
    from the t test with n_eff - 2 degrees of freedom (:func:`effective_n`, r1 and r2 the
    lag-1 autocorrelations of the two, detrended, series over consecutive ``years``).  Without
    either it is :func:`pearson` itself; ``with_p=False`` skips the p (returned None)."""
    if not (detrend or effective):
        return pearson(x, y, min_n) if with_p else (pearson_r(x, y, min_n), None)
    x = np.asarray(x, np.float64)
    y = np.asarray(y, np.float64)
    both = np.isfinite(x) & np.isfinite(y)
    if detrend:
        x, y = detrended(x, y, years)
    else:
        x, y = np.where(both, x, np.nan), np.where(both, y, np.nan)
    if not with_p:
        return pearson_r(x, y, min_n), None
    if not effective:
        return pearson(x, y, min_n)
    r, n = _pearson_r(x, y, min_n)
    adjacent = np.diff(np.asarray(years)) == 1
    df = effective_n(n, lag1_autocorrelation(x, adjacent), lag1_autocorrelation(y, adjacent)) - 2.0
    with np.errstate(invalid="ignore", divide="ignore"):
        t = r * np.sqrt(df / np.maximum(1.0 - r * r, 0.0))
        p = t_two_sided_p(t, df, few_df=False)  # a df per pixel, not whole
    p[np.isnan(r)] = np.nan
    p[np.abs(r) == 1.0] = 0.0
    return r, p

