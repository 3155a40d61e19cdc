"""The modified Mann-Kendall tests for autocorrelated series, vectorised over pixels.

:func:`modified_test` equals pymannkendall's ``hamed_rao_modification_test``,
``yue_wang_modification_test``, ``pre_whitening_modification_test`` and
``trend_free_pre_whitening_modification_test`` (version 1.4.3, ``alpha`` giving ``z_crit``)
series by series, with the two corrections of its master branch (unreleased in 1.4.3):

* issue #32: the autocorrelation of a constant series (0/0 in 1.4.3, NaN) is 0, so a constant
  series gives S 0, Var(S) 0, z 0, p 1 in every method (1.4.3 gives Var(S) NaN or a number);
* issue #29: Hamed-Rao's factor is 1 + 2/(n(n-1)(n-2)) |sum|, the absolute value of the sum
  over significant lags, so Var(S) is never below the uncorrected one (1.4.3 lets negative
  autocorrelation shrink it, and make it negative: z and p NaN).

Each test starts from :func:`~tsmv_qgis.kernels.mannkendall.original_test` of the series (Sen's
slope and intercept over the real years, S and the tie-corrected Var(S)), then:

* Hamed-Rao (1998): the valid values in order x_1..x_n are detrended, d_k = x_k - k slope; the
  autocorrelation r_i of the average ranks of d at lags 1..n-1 counts where |r_i| exceeds
  z_crit/sqrt(n) (significant at alpha); Var(S) is multiplied by
  1 + 2/(n(n-1)(n-2)) |sum (n-i)(n-i-1)(n-i-2) r_i|.
* Yue-Wang (2004): Var(S) times 1 + 2 sum_{i=1}^{n-1} (1 - i/n) r_i, r the autocorrelation of d
  (all lags).
* Pre-whitening (Yue and Wang 2002): with r_1 the lag-1 autocorrelation of x, S, Var(S) and
  tau are those of w_k = x_{k+1} - r_1 x_k (n - 1 values).
* Trend-free pre-whitening (Yue et al. 2002): the same of the detrended d, with the trend added
  back, w_k = d_{k+1} - r_1 d_k + k slope.

The autocorrelation is pymannkendall's: r_i = c_i / c_0, c_i = sum_t (v_t - mean)(v_{t+i} -
mean) / n.  Missing years (NaN) are dropped first, as pymannkendall drops them: the
autocorrelation, the pre-whitening and the detrending use the valid values in order as if
consecutive (k counts valid years), while Sen's slope and intercept use the real years.

Pre-whitening and trend-free pre-whitening compare the whitened values exactly, as
pymannkendall does; where two of them are equal in exact arithmetic but not in rounding (tied
or integer data), S may differ from pymannkendall's by a pair, as its own result then hangs on
the last bit of r_1, which numpy's BLAS sums in an order of its own.

Two backends give the same doubles: numba (the Hamed-Rao and Yue-Wang factors in one kernel,
pixel by pixel) and numpy (loops over lags and years, never over pixels); the sums run in the
same order in both (mean, autocovariances, the sum over lags: first to last).  The
pre-whitened series is made by numpy and tested by the original test (either backend).
"""
import math

import numpy as np

from .mannkendall import MannKendall, original_test, z_and_p
from .optional_numba import compiled_in_threads, jit

#: The modified tests, by TSMV's METHOD name.
MODIFIED = ("hamed_rao", "yue_wang", "pre_whitening", "trend_free_pre_whitening")
#: z_{1 - 0.05/2}: pymannkendall's default alpha 0.05.
Z_95 = 1.959963984540054


def modified_test(y, method, min_valid=3, z_crit=Z_95, backend=None, progress=None, chunk=4096):
    """The modified test ``method`` (one of :data:`MODIFIED`) of each row of ``y`` (pixels, years),
    NaN for missing years: a :class:`~tsmv_qgis.kernels.mannkendall.MannKendall`, NaN in every
    field where a row has fewer than ``max(3, min_valid)`` valid years.  ``z_crit`` is
    z_{1-alpha/2}, Hamed-Rao's bound of a significant autocorrelation (times 1/sqrt(n))."""
    if method not in MODIFIED:
        raise ValueError("method must be one of %s" % ", ".join(MODIFIED))
    y = np.ascontiguousarray(y, dtype=np.float64)
    if y.ndim != 2:
        raise ValueError("y must be (pixels, years)")
    min_valid = max(3, int(min_valid))
    base = original_test(y, min_valid, backend, progress)
    fields = np.column_stack(base)
    for start in range(0, y.shape[0], chunk):
        rows = slice(start, start + chunk)
        tested = np.isfinite(base.slope[rows])
        if tested.any():
            part = MannKendall(*fields[rows][tested].T)
            fields[start + np.flatnonzero(tested)] = np.column_stack(
                _modify(y[rows][tested], part, method, z_crit, backend))
    return MannKendall.of_table(fields)


def _modify(y, base, method, z_crit, backend):
    """The ``method``'s result for rows ``y`` that all have a result ``base`` of the original test."""
    n = y.shape[1]
    valid = np.isfinite(y)
    m = valid.sum(axis=1)
    x = y if valid.all() else _valid_first(y, valid)
    k = np.arange(1.0, n + 1.0)
    if method in ("hamed_rao", "yue_wang", "trend_free_pre_whitening"):
        x = x - k * base.slope[:, None]  # detrended (NaN after the valid values)
    if method in ("hamed_rao", "yue_wang"):
        factor = np.empty(len(x))
        hamed = method == "hamed_rao"
        if not compiled_in_threads(_factor_kernel, len(x), 256, x, m, hamed, z_crit, factor, backend=backend):
            factor = _numpy_factor(x, m, hamed, z_crit)
        var_s = base.var_s * factor
        s, tau = base.s, base.tau
    else:
        r1 = _acf(x, m, lags=1)[:, 1]
        w = x[:, 1:] - x[:, :-1] * r1[:, None]  # NaN after the m - 1 whitened values
        if method == "trend_free_pre_whitening":
            w = w + k[:-1] * base.slope[:, None]
        white = original_test(w, 2, backend, sen=False)
        s, var_s, tau = white.s, white.var_s, white.tau
    z, p = z_and_p(s, var_s)
    return MannKendall(base.slope, base.intercept, p, z, tau, s, var_s)


def _valid_first(y, valid):
    """Each row's valid values in order, then NaN."""
    order = np.argsort(~valid, axis=1, kind="stable")
    return np.take_along_axis(y, order, axis=1)


def _average_ranks(x):
    """Average ranks (1-based, ties share the mean of their ranks, as scipy's rankdata) of each
    row's values before its NaN, which stay at the end of the row (their ranks are not used)."""
    n = x.shape[1]
    order = np.argsort(x, axis=1, kind="stable")  # NaN last
    ordered = np.take_along_axis(x, order, axis=1)
    j = np.arange(n)
    starts = np.ones(x.shape, bool)
    starts[:, 1:] = ordered[:, 1:] != ordered[:, :-1]  # NaN != NaN: each NaN its own group
    ends = np.ones(x.shape, bool)
    ends[:, :-1] = starts[:, 1:]
    first = np.maximum.accumulate(np.where(starts, j, 0), axis=1)
    last = np.minimum.accumulate(np.where(ends, j, n)[:, ::-1], axis=1)[:, ::-1]
    ranks = np.empty(x.shape)
    np.put_along_axis(ranks, order, (first + last) / 2.0 + 1.0, axis=1)
    return ranks


def _acf(v, m, lags=None):
    """The autocorrelation at lags 0..``lags`` (default n - 1) of the first ``m`` values of each
    row (pymannkendall's __acf: c_i / c_0, c_i = sum_t (v_t - mean)(v_{t+i} - mean) / m; c_i itself
    where c_0 is 0, i.e. 0: its issue #32).  Lags of m or more are 0.  Sums run first to last,
    as in :func:`_factor_kernel`."""
    n = v.shape[1]
    inside = np.arange(n) < m[:, None]
    total = np.zeros(len(v))
    for t in range(n):
        total = total + np.where(inside[:, t], v[:, t], 0.0)
    centred = np.where(inside, v - (total / m)[:, None], 0.0)
    lags = n - 1 if lags is None else lags
    c = np.empty((v.shape[0], lags + 1))
    for i in range(lags + 1):
        acc = np.zeros(len(v))
        for t in range(n - i):
            acc = acc + centred[:, t] * centred[:, t + i]
        c[:, i] = acc / m
    c0 = c[:, :1]
    with np.errstate(invalid="ignore", divide="ignore"):
        return np.where(c0 != 0, c / c0, c)


def _numpy_factor(x, m, hamed, z_crit):
    """Hamed-Rao's (``hamed``) or Yue-Wang's factor of Var(S), from the detrended ``x`` (each
    row's ``m`` valid values first)."""
    n = x.shape[1]
    r = _acf(_average_ranks(x) if hamed else x, m)
    bound = z_crit / np.sqrt(m)
    total = np.zeros(len(x))
    with np.errstate(invalid="ignore"):
        for i in range(1, n):
            if hamed:  # the significant lags, weighted (n-i)(n-i-1)(n-i-2)
                term = (m - i) * (m - i - 1.0) * (m - i - 2.0) * r[:, i]
                use = ~((r[:, i] <= bound) & (r[:, i] >= -bound))
            else:
                term = (1 - i / m) * r[:, i]
                use = True
            total = total + np.where(use & (i < m), term, 0.0)
    if hamed:
        return 1 + (2 / (m * (m - 1.0) * (m - 2.0))) * np.abs(total)
    return 1 + 2 * total


@jit
def _factor_kernel(x, m_all, hamed, z_crit, factor, start, stop):
    """:func:`_numpy_factor` of rows ``start``..``stop``: the same operations in the same order."""
    n = x.shape[1]
    v = np.empty(n)
    centred = np.empty(n)
    c = np.empty(n)
    for p in range(start, stop):
        m = m_all[p]
        for t in range(m):
            if hamed:  # the average rank: 1 + number below + (number equal, itself too, - 1) / 2
                below = 0.0
                equal = 0.0
                for u in range(m):
                    below += x[p, u] < x[p, t]
                    equal += x[p, u] == x[p, t]
                v[t] = below + (equal - 1.0) / 2.0 + 1.0
            else:
                v[t] = x[p, t]
        total = 0.0
        for t in range(n):
            total = total + (v[t] if t < m else 0.0)
        mean = total / m
        for t in range(m):
            centred[t] = v[t] - mean
        for i in range(m):
            acc = 0.0
            for t in range(m - i):
                acc = acc + centred[t] * centred[t + i]
            c[i] = acc / m
        bound = z_crit / math.sqrt(m)
        total = 0.0
        for i in range(1, n):
            term = 0.0
            if i < m:
                r = c[i] / c[0] if c[0] != 0 else c[i]
                if hamed:
                    if not (r <= bound and r >= -bound):
                        term = (m - i) * (m - i - 1.0) * (m - i - 2.0) * r
                else:
                    term = (1 - i / m) * r
            total = total + term
        if hamed:
            factor[p] = 1 + (2 / (m * (m - 1.0) * (m - 2.0))) * abs(total)
        else:
            factor[p] = 1 + 2 * total
