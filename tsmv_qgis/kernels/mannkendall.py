"""Mann-Kendall trend test and Sen's slope, vectorised over pixels.

:func:`original_test` equals ``pymannkendall.original_test`` series by series:

* S = sum of sign(x_j - x_i) over pairs of valid years i < j (missing years
  skipped); Var(S) = [m(m-1)(2m+5) - sum t(t-1)(2t+5)] / 18 over tie groups t;
  z = (S - 1)/sqrt(Var S) for S > 0, (S + 1)/sqrt(Var S) for S < 0, else 0;
  p = 2 (1 - Phi(|z|)); tau = S / (m(m-1)/2).
* Sen's slope = median over pairs of valid years of (x_j - x_i)/(j - i), the
  distance in years; intercept = median(x) - median(valid positions) * slope,
  so the line is ``intercept + slope * (year - first year)``.

Series with fewer than ``min_valid`` valid years give NaN in every field.  The pairwise slopes
are divided by j - i, as pymannkendall divides, so Sen's slope is its very double (the
modified tests detrend by it, and Hamed-Rao ranks the detrended values, where the median pair
is a tie).

:func:`seasonal_test` is the seasonal Kendall test (METHOD 5), equal to
``pymannkendall.seasonal_test``; :func:`seasonal_interval` its slope interval.

:func:`sen_interval` gives the confidence interval of Sen's slope of Gilbert (1987,
Statistical Methods for Environmental Pollution Monitoring, section 16.5): of the N' pairwise
slopes of the valid years sorted, the M1-th and the (M2 + 1)-th (1-based), M1 = (N' - C)/2,
M2 = (N' + C)/2, C = z_{1-(1-confidence)/2} sqrt(Var S); the ranks are rounded as R's
``trend::sens.slope`` rounds them (``round((N' - C)/2)`` and ``round((N' + C)/2 + 1)``, halves to
even), and a pixel whose ranks fall outside 1..N' is NaN (R indexes outside the slopes too and
gives NA or nothing; a clamped rank would claim a confidence the few pairs cannot give).
A constant series gives slope 0, S 0, z 0, p 1 (as pymannkendall).

Missing years are NaN (infinite values count as missing too).

Two backends compute the same numbers: numba (Debian's python3-numba), compiled
once and cached, run on a pool of threads over chunks of pixels; numpy, used
where numba is absent.  The numba kernel makes all pairwise slopes in one
vectorised pass (counting their signs on the way) and finds their median
without sorting them: two thresholds from a sample of the slopes, then
thresholds interpolated between the bounds found so far, each placed by one
vectorised counting pass, until a few dozen slopes remain between the bounds;
those are gathered and selected.  It uses comparisons only, so the slope is the
same double as a full sort would give.
"""
import math
import statistics
from typing import NamedTuple

import numpy as np

from ..kernels.optional_numba import compiled_in_threads, jit, u64
from ..progress import as_progress
from ..kernels.special import erfc


class MannKendall(NamedTuple):
    """The test of every pixel, named as pymannkendall names one series' result: float64
    arrays (pixels,), NaN where a series has too few valid years."""
    slope: np.ndarray
    intercept: np.ndarray
    p_value: np.ndarray
    z: np.ndarray
    tau: np.ndarray
    s: np.ndarray
    var_s: np.ndarray

    @classmethod
    def of_table(cls, table):
        """From a (pixels, 7) array in field order (the kernels fill one)."""
        return cls(*np.asarray(table).T)


FIELDS = MannKendall._fields


def original_test(y, min_valid=2, backend=None, progress=None, sen=True):
    """Mann-Kendall + Sen for each row of ``y`` (pixels, years): a :class:`MannKendall`.
    ``progress`` (a Progress) hears after each chunk of pixels.  ``sen`` False: the test
    only, slope and intercept NaN (the pre-whitened series of :mod:`.modified`)."""
    y = np.ascontiguousarray(y, dtype=np.float64)
    if y.ndim != 2:
        raise ValueError("y must be (pixels, years)")
    out = np.full((y.shape[0], len(FIELDS)), np.nan)
    if y.shape[0] == 0 or y.shape[1] < max(2, min_valid):
        return MannKendall.of_table(out)
    progress = as_progress(progress)
    if not compiled_in_threads(_kernel, y.shape[0], 256, y, out, max(2, int(min_valid)), bool(sen),
                               backend=backend, progress=progress):
        _numpy_test(y, out, max(2, int(min_valid)), progress, sen)
    return MannKendall.of_table(out)


def interval_ranks(pairs, var_s, confidence):
    """The 0-based ranks (lower, upper) among each pixel's sorted pairwise slopes of the Sen
    slope interval at ``confidence`` (Gilbert 1987; rounded as R's ``trend::sens.slope``), for
    ``pairs`` slopes (N') and the test's ``var_s``; -1 for both where they fall outside the
    slopes (or ``var_s`` is NaN or negative)."""
    pairs = np.asarray(pairs, dtype=np.float64)
    with np.errstate(invalid="ignore"):
        c = statistics.NormalDist().inv_cdf(1.0 - (1.0 - confidence) / 2.0) * np.sqrt(var_s)
        lower = np.round((pairs - c) / 2.0)  # numpy and R both round halves to even
        upper = np.round((pairs + c) / 2.0 + 1.0)
        inside = (lower >= 1) & (upper <= pairs)  # False where NaN
    return (np.where(inside, lower - 1, -1).astype(np.int64),
            np.where(inside, upper - 1, -1).astype(np.int64))


def sen_interval(y, var_s, confidence=0.95, min_valid=2, backend=None):
    """(lower, upper): the Sen slope interval of each row of ``y`` (pixels, years) at
    ``confidence``, from Var(S) ``var_s`` (pixels,) of the test (:func:`original_test`'s or a
    modified test's); float64 arrays, NaN where a row has fewer than ``min_valid`` valid years
    or its ranks fall outside its pairwise slopes.  Exact order statistics: both backends give
    the same doubles."""
    y = np.ascontiguousarray(y, dtype=np.float64)
    if y.ndim != 2:
        raise ValueError("y must be (pixels, years)")
    valid = np.isfinite(y).sum(axis=1)
    lower, upper = interval_ranks(valid * (valid - 1) // 2, np.asarray(var_s, dtype=np.float64), confidence)
    lower[valid < max(2, int(min_valid))] = -1
    upper[lower < 0] = -1
    out = np.full((y.shape[0], 2), np.nan)
    if y.shape[0] == 0 or y.shape[1] < 2:
        return out[:, 0], out[:, 1]
    if not compiled_in_threads(_interval_kernel, y.shape[0], 256, y, lower, upper, out, backend=backend):
        _numpy_interval(y, lower, upper, out)
    return out[:, 0], out[:, 1]


# --- numpy backend -------------------------------------------------------------------------

def _numpy_test(y, out, min_valid, progress, sen=True, chunk=4096):
    p_total, n = y.shape
    i_idx, j_idx = np.triu_indices(n, 1)
    gap = (j_idx - i_idx).astype(np.float64)
    for start in range(0, p_total, chunk):
        x = y[start:start + chunk]
        valid = np.isfinite(x)
        x = np.where(valid, x, np.nan)
        m = valid.sum(axis=1)
        d = x[:, j_idx] - x[:, i_idx]  # NaN where either year is missing
        s = np.sign(d)
        s[np.isnan(s)] = 0
        s = s.sum(axis=1)
        xs = np.sort(x, axis=1)  # NaN last
        same = (xs[:, 1:] == xs[:, :-1])
        # tie groups: run lengths of equal neighbours in the sorted valid values
        ties = np.zeros(x.shape[0])
        run = np.ones(x.shape[0])
        for k in range(n - 1):
            ended = ~same[:, k]
            ties += np.where(ended, run * (run - 1) * (2 * run + 5), 0.0)
            run = np.where(ended, 1.0, run + 1)
        ties += run * (run - 1) * (2 * run + 5)
        var_s = (m * (m - 1) * (2 * m + 5) - ties) / 18.0
        pairs = m * (m - 1) // 2
        slope = _middle(np.sort(d / gap, axis=1), pairs) if sen else np.full(len(x), np.nan)  # NaN last
        positions = np.where(valid, np.arange(n, dtype=np.float64), np.nan)
        positions.sort(axis=1)
        intercept = _middle(xs, m) - _middle(positions, m) * slope
        _finish(out[start:start + chunk], m, s, var_s, slope, intercept, min_valid)
        progress.set(min(start + chunk, p_total) / p_total)


def _numpy_interval(y, lower, upper, out, chunk=4096):
    n = y.shape[1]
    i_idx, j_idx = np.triu_indices(n, 1)
    gap = (j_idx - i_idx).astype(np.float64)
    for start in range(0, y.shape[0], chunk):
        x = np.where(np.isfinite(y[start:start + chunk]), y[start:start + chunk], np.nan)
        slopes = np.sort((x[:, j_idx] - x[:, i_idx]) / gap, axis=1)  # NaN (missing years) last
        for k, ranks in enumerate((lower[start:start + chunk], upper[start:start + chunk])):
            found = np.take_along_axis(slopes, np.maximum(ranks, 0)[:, None], axis=1)[:, 0]
            out[start:start + chunk, k] = np.where(ranks >= 0, found, np.nan)


def _middle(sorted_rows, counts):
    """Median of the first ``counts[r]`` values of each sorted row."""
    rows = np.arange(sorted_rows.shape[0])
    safe = np.maximum(counts, 1)
    lo = sorted_rows[rows, (safe - 1) // 2]
    hi = sorted_rows[rows, safe // 2]
    return 0.5 * (lo + hi)


def z_and_p(s, var_s):
    """z (continuity-corrected) and the two-sided p of S and Var(S), arrays: z 0 where S is 0."""
    with np.errstate(invalid="ignore", divide="ignore"):
        z = np.where(s > 0, (s - 1) / np.sqrt(var_s), np.where(s < 0, (s + 1) / np.sqrt(var_s), 0.0))
    return z, erfc(np.abs(z) / math.sqrt(2.0))


def _finish(out, m, s, var_s, slope, intercept, min_valid):
    z, p = z_and_p(s, var_s)
    with np.errstate(invalid="ignore", divide="ignore"):
        tau = s / (0.5 * m * (m - 1))
    fields = np.stack([slope, intercept, p, z, tau, s, var_s], axis=1)
    out[:] = np.where((m >= min_valid)[:, None], fields, np.nan)


# --- numba backend -------------------------------------------------------------------------

#: Below this many pairs the Sen median is a plain quickselect; above, it is found by counting.
_SMALL = 400
#: Pairs drawn (at low-discrepancy positions) to place the first counting thresholds.
_SAMPLE = 32
#: The counting stops once at most this many pairs remain between the bounds.
_GATHER = 48


@jit
def _pair_slopes(values, gaps, pairs):
    """pairs = (x_j - x_i)/(j - i) for i < j, row by row; +inf where a year is missing.

    Returns the numbers of positive and negative slopes (the +inf entries count as positive).
    Unsigned indices let the compiler vectorise the inner loop.
    """
    n = u64(values.shape[0])
    up = u64(0)
    down = u64(0)
    k = u64(0)
    for i in range(n - u64(1)):
        xi = values[i]
        base = k - i - u64(1)
        for j in range(i + u64(1), n):
            d = (values[j] - xi) / gaps[j - i]
            d = d if d == d else np.inf
            pairs[base + j] = d
            up += u64(d > 0)
            down += u64(d < 0)
        k += n - u64(1) - i
    return up, down


@jit
def _select(a, count, k):
    """k-th smallest of a[:count] (0-based), partially reordering a; branchless partitions."""
    lo = u64(0)
    hi = u64(count - 1)
    k = u64(k)
    while hi > lo:
        mid = (lo + hi) >> u64(1)
        if a[mid] < a[lo]:
            a[mid], a[lo] = a[lo], a[mid]
        if a[hi] < a[lo]:
            a[hi], a[lo] = a[lo], a[hi]
        if a[mid] < a[hi]:
            a[mid], a[hi] = a[hi], a[mid]
        pivot = a[hi]
        i = lo
        for j in range(lo, hi):
            t = a[j]
            a[j] = a[i]
            a[i] = t
            i += u64(t < pivot)
        a[hi] = a[i]
        a[i] = pivot
        if i == k:
            return pivot
        if i > k:
            hi = i - u64(1)
        elif i > lo:
            lo = i + u64(1)
        else:  # the pivot is the smallest: step over all its copies at once (ties stay linear)
            e = i + u64(1)
            for j in range(e, hi + u64(1)):
                t = a[j]
                a[j] = a[e]
                a[e] = t
                e += u64(t == pivot)
            if k < e:
                return pivot
            lo = e
    return a[k]


@jit
def _median(a, count, valid):
    """Median (numpy's: mean of the two middle values when even) of the ``valid`` smallest of a[:count]."""
    half = u64(valid // 2)
    upper = _select(a, count, half)
    if valid % 2 == 1:
        return upper
    lower = a[0]
    for j in range(u64(1), half):  # after the select, a[:half] holds the smaller values
        lower = a[j] if a[j] > lower else lower
    return 0.5 * (lower + upper)


@jit
def _count_below(pairs, t1, t2):
    """How many pairs are < t1 and < t2 (one vectorised pass)."""
    a = u64(0)
    b = u64(0)
    for q in range(u64(pairs.shape[0])):
        d = pairs[q]
        a += u64(d < t1)
        b += u64(d < t2)
    return a, b


@jit
def _gather(pairs, lo, hi, out):
    """Copy the pairs with lo <= d < hi into out; return how many (blocks without one are skipped)."""
    count = pairs.shape[0]
    c = u64(0)
    block = u64(16)
    full = u64(count) - u64(count) % block
    for start in range(u64(0), full, block):
        hit = False
        for q in range(start, start + block):
            hit |= (pairs[q] >= lo) & (pairs[q] < hi)
        if hit:
            for q in range(start, start + block):
                d = pairs[q]
                out[c] = d
                c += u64((d >= lo) & (d < hi))
    for q in range(full, u64(count)):  # the tail: 16-wide blocks vectorise, shorter ones do not
        d = pairs[q]
        out[c] = d
        c += u64((d >= lo) & (d < hi))
    return c


@jit
def _sen_median(pairs, valid, sample, scratch):
    """Median of the ``valid`` finite slopes in ``pairs`` (the rest are +inf), as numpy's median.

    Many pairs: bound the middle ranks by counting.  Thresholds first come from a sample of
    the pairs, then from interpolating the rank between the bounds, each pass counting
    two thresholds; once few pairs lie between the bounds, they are gathered and selected.
    Comparisons only, so the value is exactly the quickselect's.
    """
    count = pairs.shape[0]
    if count <= _SMALL:
        return _median(pairs, count, valid)
    size = sample.shape[0]
    r_hi = valid // 2
    r_lo = r_hi if valid % 2 == 1 else r_hi - 1
    step = 0.6180339887498949 * count  # golden-ratio positions spread over all pairs
    position = 0.0
    for q in range(size):
        position += step
        position -= count * math.floor(position / count)
        sample[q] = pairs[u64(position)]
    fraction = (r_lo + 0.5) / count
    spread = 1.5 * math.sqrt(size * fraction * (1.0 - fraction))
    t1 = _select(sample, size, max(int(fraction * size - spread), 0))
    t2 = _select(sample, size, min(int(fraction * size + spread) + 1, size - 1))
    lo, hi = -np.inf, np.inf  # ranks r_lo..r_hi lie in [lo, hi): #(< lo) <= r_lo, #(< hi) > r_hi
    lo_count, hi_count = u64(0), u64(valid)
    for attempt in range(8):
        c1, c2 = _count_below(pairs, t1, t2)
        if c1 <= u64(r_lo):
            lo, lo_count = max(lo, t1), max(lo_count, c1)
        if c2 <= u64(r_lo):
            lo, lo_count = max(lo, t2), max(lo_count, c2)
        if c2 > u64(r_hi):
            hi, hi_count = min(hi, t2), min(hi_count, c2)
        if c1 > u64(r_hi):
            hi, hi_count = min(hi, t1), min(hi_count, c1)
        between = hi_count - lo_count
        if between <= u64(_GATHER):
            break
        if attempt == 0 and (lo == -np.inf or hi == np.inf):  # the sample missed: its extremes
            t1, t2 = np.inf, -np.inf
            for q in range(size):
                t1 = min(t1, sample[q])
                t2 = max(t2, sample[q])
            continue
        if not (hi - lo < np.inf):  # a side still open: gather everything beyond the other
            break
        margin = 1.5 * math.sqrt(float(between)) + 2.0
        scale = (hi - lo) / float(between)
        t1 = lo + (float(r_lo - lo_count) - margin) * scale
        t2 = lo + (float(r_hi - lo_count) + 1.0 + margin) * scale
        if t1 <= lo and t2 >= hi:  # ties: no threshold separates them
            break
        t1, t2 = max(t1, lo), min(t2, hi)
    found = _gather(pairs, lo, hi, scratch)
    return _median(scratch, found, u64(2) * (u64(r_hi) - lo_count) + u64(valid % 2))


@jit
def _tie_term(values, m):
    """Sum over the groups of equal values among ``values[:m]`` (sorted here, in place) of
    t (t - 1) (2 t + 5), t a group's size: what ties take from Var(S)."""
    values[:m].sort()
    ties = 0.0
    run = 1.0
    for t in range(1, m + 1):
        if t < m and values[t] == values[t - 1]:
            run += 1.0
        else:
            ties += run * (run - 1.0) * (2.0 * run + 5.0)
            run = 1.0
    return ties


@jit
def _kernel(y, out, min_valid, sen, start, stop):
    """The test of rows ``start``..``stop`` of ``y`` into those of ``out``."""
    n = y.shape[1]
    gaps = np.arange(n) * 1.0
    gaps[0] = 1.0  # unused
    all_pairs = n * (n - 1) // 2
    pairs = np.empty(all_pairs)
    scratch = np.empty(all_pairs)
    sample = np.empty(_SAMPLE)
    values = np.empty(n)
    valid_values = np.empty(n)
    positions = np.empty(n, np.int64)
    for p in range(start, stop):
        m = 0
        for t in range(n):
            v = y[p, t]
            if math.isfinite(v):
                values[t] = v
                valid_values[m] = v
                positions[m] = t
                m += 1
            else:
                values[t] = np.nan
        if m < min_valid:
            for f in range(out.shape[1]):
                out[p, f] = np.nan
            continue
        up, down = _pair_slopes(values, gaps, pairs)
        valid_pairs = m * (m - 1) // 2
        up -= u64(all_pairs - valid_pairs)  # the +inf of missing years
        s = float(up) - float(down)
        ties = 0.0
        if int(up) + int(down) < valid_pairs:  # equal values (rare): tie groups from sorted values
            for t in range(m):
                scratch[t] = valid_values[t]
            ties = _tie_term(scratch, m)
        var_s = (m * (m - 1.0) * (2.0 * m + 5.0) - ties) / 18.0
        slope = _sen_median(pairs, valid_pairs, sample, scratch) if sen else np.nan
        middle_position = 0.5 * (positions[(m - 1) // 2] + positions[m // 2])
        middle_value = _median(valid_values, m, m)
        if s > 0:
            z = (s - 1.0) / math.sqrt(var_s)
        elif s < 0:
            z = (s + 1.0) / math.sqrt(var_s)
        else:
            z = 0.0
        out[p, 0] = slope
        out[p, 1] = middle_value - middle_position * slope
        out[p, 2] = math.erfc(abs(z) / math.sqrt(2.0))
        out[p, 3] = z
        out[p, 4] = s / (0.5 * m * (m - 1.0))
        out[p, 5] = s
        out[p, 6] = var_s


@jit
def _interval_kernel(y, lower, upper, out, start, stop):
    """The Sen interval of rows ``start``..``stop``: the slopes of ranks ``lower`` and ``upper``
    (0-based among the finite ones; -1: NaN), each found by :func:`_select`."""
    n = y.shape[1]
    gaps = np.arange(n) * 1.0
    gaps[0] = 1.0  # unused
    pairs = np.empty(n * (n - 1) // 2)
    values = np.empty(n)
    for p in range(start, stop):
        lo = lower[p]
        if lo < 0:
            out[p, 0] = np.nan
            out[p, 1] = np.nan
            continue
        for t in range(n):
            v = y[p, t]
            values[t] = v if math.isfinite(v) else np.nan
        _pair_slopes(values, gaps, pairs)  # missing years' pairs are +inf: ranked last
        count = pairs.shape[0]
        out[p, 0] = _select(pairs, count, lo)
        # after the select, pairs[lo:] holds the slopes of ranks lo.. (upper >= lower)
        out[p, 1] = _select(pairs[lo:], count - lo, upper[p] - lo)


# --- the seasonal Kendall test (METHOD 5) --------------------------------------------------

def seasonal_test(y, period=12, min_valid=2, backend=None, progress=None):
    """The seasonal Kendall test (Hirsch, Slack and Smith 1982) of each row of ``y`` (pixels,
    period x years: season 1 of year 1, season 2 of year 1, ...): a :class:`MannKendall` equal to
    ``pymannkendall.seasonal_test(row, period)``.

    S and Var(S) are the sums over the seasons of each season's S and tie-corrected Var(S) (its
    valid years only); tau = S / sum of the seasons' pairs; z and p as :func:`original_test`.
    The slope (per year) is the median of the pairwise slopes within each season
    (x_j - x_i)/(j - i), i < j years, pooled over the seasons (Hirsch et al. 1982); the intercept
    is median(x) - median(valid positions)/period x slope, the line at the first season of the
    first year.  NaN in every field where fewer than ``min_valid`` years have a valid value or no
    season has two valid years.
    """
    y = np.ascontiguousarray(y, dtype=np.float64)
    if y.ndim != 2 or y.shape[1] % period:
        raise ValueError("y must be (pixels, period x years)")
    table = np.full((y.shape[0], 5), np.nan)  # slope, intercept, s, var_s, pairs
    if y.shape[0] and y.shape[1] >= 2 * period:
        progress = as_progress(progress)
        if not compiled_in_threads(_seasonal_kernel, y.shape[0], 64, y, table, period,
                                   max(2, int(min_valid)), backend=backend, progress=progress):
            _numpy_seasonal(y, table, period, max(2, int(min_valid)), progress)
    slope, intercept, s, var_s, pairs = table.T
    z, p = z_and_p(s, var_s)
    with np.errstate(invalid="ignore", divide="ignore"):
        tau = s / pairs
    fields = np.stack([slope, intercept, p, z, tau, s, var_s], axis=1)
    fields[np.isnan(slope)] = np.nan
    return MannKendall.of_table(fields)


def seasonal_interval(y, var_s, confidence=0.95, period=12, backend=None):
    """(lower, upper): the interval of the seasonal Sen slope of each row of ``y`` (as
    :func:`seasonal_test`) at ``confidence``: of the N' = sum over seasons of n_i(n_i - 1)/2
    within-season slopes sorted, ranks (N' - C)/2 and (N' + C)/2 + 1, C = z sqrt(Var S), Var S the
    seasonal test's (Gilbert 1987, section 17.3.3), rounded as :func:`interval_ranks`; NaN where
    ``var_s`` is NaN or the ranks fall outside 1..N'."""
    y = np.ascontiguousarray(y, dtype=np.float64)
    counts = np.isfinite(y).reshape(y.shape[0], -1, period).sum(axis=1)  # (pixels, seasons)
    pairs = (counts * (counts - 1) // 2).sum(axis=1)
    lower, upper = interval_ranks(pairs, np.asarray(var_s, dtype=np.float64), confidence)
    out = np.full((y.shape[0], 2), np.nan)
    if y.shape[0] and y.shape[1] >= 2 * period:
        if not compiled_in_threads(_seasonal_interval_kernel, y.shape[0], 64, y, lower, upper, out, period,
                                   backend=backend):
            _numpy_seasonal_interval(y, lower, upper, out, period)
    return out[:, 0], out[:, 1]


def _season_slopes(x, period):
    """(rows, seasons x pairs): the within-season pairwise slopes of rows ``x`` (NaN where a year
    is missing), season by season, pairs i < j in row order (as the numba kernel)."""
    years = x.shape[1] // period
    i_idx, j_idx = np.triu_indices(years, 1)
    gap = (j_idx - i_idx).astype(np.float64)
    seasons = np.where(np.isfinite(x), x, np.nan).reshape(x.shape[0], years, period).transpose(0, 2, 1)
    return ((seasons[:, :, j_idx] - seasons[:, :, i_idx]) / gap).reshape(x.shape[0], -1), seasons


def _numpy_seasonal(y, table, period, min_valid, progress):
    p_total, n = y.shape
    years = n // period
    chunk = max(1, 2 ** 21 // (period * years * years))
    for start in range(0, p_total, chunk):
        x = y[start:start + chunk]
        slopes, seasons = _season_slopes(x, period)  # seasons (rows, period, years)
        valid = np.isfinite(seasons)
        m = valid.sum(axis=2).astype(np.float64)
        signs = np.nan_to_num(np.sign(slopes)).reshape(x.shape[0], period, -1).sum(axis=2)
        ordered = np.sort(seasons, axis=2)  # NaN last
        ties = np.zeros(m.shape)
        run = np.ones(m.shape)
        for k in range(years - 1):
            ended = ~(ordered[:, :, k + 1] == ordered[:, :, k])
            ties += np.where(ended, run * (run - 1) * (2 * run + 5), 0.0)
            run = np.where(ended, 1.0, run + 1)
        ties += run * (run - 1) * (2 * run + 5)
        season_var = (m * (m - 1.0) * (2.0 * m + 5.0) - ties) / 18.0
        s = np.zeros(x.shape[0])
        var_s = np.zeros(x.shape[0])
        pairs = np.zeros(x.shape[0])
        for i in range(period):  # season by season, in order (as pymannkendall sums them)
            s += signs[:, i]
            var_s += season_var[:, i]
            pairs += 0.5 * m[:, i] * (m[:, i] - 1.0)
        valid_pairs = pairs.astype(np.int64)
        slope = _middle(np.sort(slopes, axis=1), valid_pairs)
        finite = np.isfinite(x)
        count = finite.sum(axis=1)
        positions = np.sort(np.where(finite, np.arange(n, dtype=np.float64), np.nan), axis=1)
        intercept = _middle(np.sort(x, axis=1), count) - _middle(positions, count) / period * slope
        have = valid.any(axis=1).sum(axis=1)
        keep = (have >= min_valid) & (valid_pairs > 0)
        fields = np.stack([slope, intercept, s, var_s, pairs], axis=1)
        table[start:start + chunk] = np.where(keep[:, None], fields, np.nan)
        progress.set(min(start + chunk, p_total) / p_total)


def _numpy_seasonal_interval(y, lower, upper, out, period):
    years = y.shape[1] // period
    chunk = max(1, 2 ** 21 // (period * years * years))
    for start in range(0, y.shape[0], chunk):
        slopes = np.sort(_season_slopes(y[start:start + chunk], period)[0], axis=1)  # NaN last
        for k, ranks in enumerate((lower[start:start + chunk], upper[start:start + chunk])):
            found = np.take_along_axis(slopes, np.maximum(ranks, 0)[:, None], axis=1)[:, 0]
            out[start:start + chunk, k] = np.where(ranks >= 0, found, np.nan)


@jit
def _seasonal_pairs(y, p, period, years, gaps, values, scratch, pairs, stats):
    """The within-season pairwise slopes of row ``p`` of ``y`` into ``pairs`` (+inf where a year is
    missing), season after season; stats = (S, Var S, pairs of valid years, years with data)."""
    per = years * (years - 1) // 2
    s = 0.0
    var_s = 0.0
    valid_pairs = 0.0
    for i in range(period):
        m = 0
        for t in range(years):
            v = y[p, t * period + i]
            if math.isfinite(v):
                values[t] = v
                scratch[m] = v
                m += 1
            else:
                values[t] = np.nan
        up, down = _pair_slopes(values, gaps, pairs[i * per:(i + 1) * per])
        season_pairs = m * (m - 1) // 2
        up -= u64(per - season_pairs)
        ties = 0.0
        if int(up) + int(down) < season_pairs:
            ties = _tie_term(scratch, m)
        s += float(up) - float(down)
        var_s += (m * (m - 1.0) * (2.0 * m + 5.0) - ties) / 18.0
        valid_pairs += 0.5 * m * (m - 1.0)
    have = 0
    for t in range(years):
        found = False
        for i in range(period):
            found |= math.isfinite(y[p, t * period + i])
        have += found
    stats[0] = s
    stats[1] = var_s
    stats[2] = valid_pairs
    stats[3] = have


@jit
def _seasonal_kernel(y, table, period, min_valid, start, stop):
    n = y.shape[1]
    years = n // period
    gaps = np.arange(years) * 1.0
    gaps[0] = 1.0  # unused
    all_pairs = period * (years * (years - 1) // 2)
    pairs = np.empty(all_pairs)
    scratch = np.empty(max(all_pairs, n))
    sample = np.empty(_SAMPLE)
    values = np.empty(years)
    stats = np.empty(4)
    for p in range(start, stop):
        _seasonal_pairs(y, p, period, years, gaps, values, scratch, pairs, stats)
        valid_pairs = int(stats[2])
        if stats[3] < min_valid or valid_pairs == 0:
            for f in range(table.shape[1]):
                table[p, f] = np.nan
            continue
        slope = _sen_median(pairs, valid_pairs, sample, scratch)
        count = 0
        first = 0.0
        second = 0.0
        middle = 0
        for t in range(n):  # the valid values, and the middle of their positions
            v = y[p, t]
            if math.isfinite(v):
                scratch[count] = v
                count += 1
        for t in range(n):
            if math.isfinite(y[p, t]):
                if middle == (count - 1) // 2:
                    first = float(t)
                if middle == count // 2:
                    second = float(t)
                middle += 1
        table[p, 0] = slope
        table[p, 1] = _median(scratch, count, count) - 0.5 * (first + second) / period * slope
        table[p, 2] = stats[0]
        table[p, 3] = stats[1]
        table[p, 4] = stats[2]


@jit
def _seasonal_interval_kernel(y, lower, upper, out, period, start, stop):
    n = y.shape[1]
    years = n // period
    gaps = np.arange(years) * 1.0
    gaps[0] = 1.0  # unused
    all_pairs = period * (years * (years - 1) // 2)
    pairs = np.empty(all_pairs)
    scratch = np.empty(max(all_pairs, n))
    values = np.empty(years)
    stats = np.empty(4)
    for p in range(start, stop):
        lo = lower[p]
        if lo < 0:
            out[p, 0] = np.nan
            out[p, 1] = np.nan
            continue
        _seasonal_pairs(y, p, period, years, gaps, values, scratch, pairs, stats)
        out[p, 0] = _select(pairs, all_pairs, lo)
        out[p, 1] = _select(pairs[lo:], all_pairs - lo, upper[p] - lo)
