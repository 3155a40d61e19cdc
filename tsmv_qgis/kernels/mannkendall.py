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
``pymannkendall.seasonal_test``; :func:`seasonal_test_with_interval` also gives its slope interval.

:func:`original_test_with_interval` also gives the confidence interval of Sen's slope of Gilbert (1987,
Statistical Methods for Environmental Pollution Monitoring, section 16.5): of the N' pairwise
slopes of the valid years sorted, the M1-th and the (M2 + 1)-th (1-based), M1 = (N' - C)/2,
M2 = (N' + C)/2, C = z_{1-(1-confidence)/2} sqrt(Var S); the ranks are rounded as R's
``trend::sens.slope`` rounds them (``round((N' - C)/2)`` and ``round((N' + C)/2 + 1)``, halves to
even), and a pixel whose ranks fall outside 1..N' is NaN (R indexes outside the slopes too and
gives NA or nothing; a clamped rank would claim a confidence the few pairs cannot give).
The kernel selects these two ranks from the pairwise slopes it made for the median;
:func:`sen_interval` makes them again for a Var(S) of a modified test (METHOD 1-4).
A constant series gives slope 0, S 0, z 0, p 1 (as pymannkendall).

Missing years are NaN (infinite values count as missing too).

Two backends compute the same numbers: numba (Debian's python3-numba), compiled
once and cached, run on a pool of threads over chunks of pixels; numpy, used
where numba is absent.  The numba kernel makes all pairwise slopes in one
vectorised pass (counting the signs of the differences on the way).  Up to 190
pairs (20 years; 400 pairs, 28 years, with the interval) it divides them exactly
and quickselects the median, then each interval rank on its side of the median.
Above, it multiplies by 1/(j - i) instead (a division costs as much as the rest
of the pass) and finds each order statistic without sorting: two thresholds
from a sorted sample of the slopes, then thresholds interpolated between the
bounds found so far, each placed by one vectorised counting pass, until a few
dozen slopes remain between the bounds; only those, in a window widened by the
bound on the product's error (4 x 2^-48 relative), are divided exactly and
selected.  Comparisons only, so every value is the same double a full sort of
the exact slopes would give.
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
    return _original(y, min_valid, backend, progress, sen, 0)[0]


def original_test_with_interval(y, confidence, min_valid=2, backend=None, progress=None):
    """(:func:`original_test`, interval): also the Sen slope interval at ``confidence`` from the
    test's own Var(S), (2, pixels) lower and upper, the doubles :func:`sen_interval` gives,
    selected from the pairwise slopes the test made (one pass over the pixels); ``confidence`` 0:
    no interval (NaN)."""
    return _original(y, min_valid, backend, progress, True, confidence)


def _original(y, min_valid, backend, progress, sen, confidence):
    y = np.ascontiguousarray(y, dtype=np.float64)
    if y.ndim != 2:
        raise ValueError("y must be (pixels, years)")
    out = np.full((y.shape[0], len(FIELDS) + 2), np.nan)  # the test's fields, lower, upper
    min_valid = max(2, int(min_valid))
    if y.shape[0] and y.shape[1] >= min_valid:
        progress = as_progress(progress)
        z = interval_z(confidence)
        if not compiled_in_threads(_kernel, y.shape[0], 256, y, out, min_valid, bool(sen), z,
                                   backend=backend, progress=progress):
            _numpy_test(y, out, min_valid, progress, sen, z)
    return MannKendall.of_table(out[:, :len(FIELDS)]), out[:, len(FIELDS):].T.copy()


def interval_z(confidence):
    """z_{1-(1-confidence)/2} of the Sen slope interval; 0 for ``confidence`` 0 (no interval)."""
    return statistics.NormalDist().inv_cdf(1.0 - (1.0 - confidence) / 2.0) if confidence else 0.0


def interval_ranks(pairs, var_s, z):
    """The 0-based ranks (lower, upper) among each pixel's sorted pairwise slopes of the Sen
    slope interval (Gilbert 1987; rounded as R's ``trend::sens.slope``), for ``pairs`` slopes
    (N'), the test's ``var_s`` and ``z`` of :func:`interval_z`; -1 for both where they fall
    outside the slopes (or ``var_s`` is NaN or negative).  The numba kernels' :func:`_ranks`
    computes the same, pixel by pixel."""
    pairs = np.asarray(pairs, dtype=np.float64)
    with np.errstate(invalid="ignore"):
        c = z * np.sqrt(var_s)
        lower = np.round((pairs - c) / 2.0)  # numpy and R both round halves to even
        upper = np.round((pairs + c) / 2.0 + 1.0)
        inside = (lower >= 1) & (upper <= pairs)  # False where NaN
    return (np.where(inside, lower - 1, -1).astype(np.int64),
            np.where(inside, upper - 1, -1).astype(np.int64))


def sen_interval(y, var_s, confidence=0.95, min_valid=2, backend=None):
    """(lower, upper): the Sen slope interval of each row of ``y`` (pixels, years) at
    ``confidence``, from Var(S) ``var_s`` (pixels,) of a modified test (METHOD 1-4; with the
    test's own Var(S), :func:`original_test_with_interval` gives it at once); float64 arrays,
    NaN where a row has fewer than ``min_valid`` valid years or its ranks fall outside its
    pairwise slopes.  Exact order statistics: both backends give the same doubles."""
    y = np.ascontiguousarray(y, dtype=np.float64)
    if y.ndim != 2:
        raise ValueError("y must be (pixels, years)")
    var_s = np.ascontiguousarray(var_s, dtype=np.float64)
    min_valid = max(2, int(min_valid))
    z = interval_z(confidence)
    out = np.full((y.shape[0], 2), np.nan)
    if y.shape[0] and y.shape[1] >= min_valid:
        if not compiled_in_threads(_interval_kernel, y.shape[0], 256, y, var_s, z, min_valid, out,
                                   backend=backend):
            _numpy_interval(y, var_s, z, min_valid, out)
    return out[:, 0], out[:, 1]


# --- numpy backend -------------------------------------------------------------------------

def _numpy_test(y, out, min_valid, progress, sen, z, chunk=4096):
    p_total, n = y.shape
    for start in range(0, p_total, chunk):
        x = y[start:start + chunk]
        valid = np.isfinite(x)
        x = np.where(valid, x, np.nan)
        m = valid.sum(axis=1)
        d, gap = _differences(x)  # NaN where either year is missing
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
        slopes = np.sort(d / gap, axis=1) if sen else None  # NaN last
        slope = _middle(slopes, pairs) if sen else np.full(len(x), np.nan)
        positions = np.where(valid, np.arange(n, dtype=np.float64), np.nan)
        positions.sort(axis=1)
        intercept = _middle(xs, m) - _middle(positions, m) * slope
        _finish(out[start:start + chunk, :len(FIELDS)], m, s, var_s, slope, intercept, min_valid)
        if z:
            _take_ranks(slopes, *interval_ranks(pairs, var_s, z), m >= min_valid, out[start:start + chunk, len(FIELDS):])
        progress.set(min(start + chunk, p_total) / p_total)


def _numpy_interval(y, var_s, z, min_valid, out, chunk=4096):
    for start in range(0, y.shape[0], chunk):
        x = np.where(np.isfinite(y[start:start + chunk]), y[start:start + chunk], np.nan)
        m = np.isfinite(x).sum(axis=1)
        ranks = interval_ranks(m * (m - 1) // 2, var_s[start:start + chunk], z)
        d, gap = _differences(x)
        _take_ranks(np.sort(d / gap, axis=1), *ranks, m >= min_valid, out[start:start + chunk])


def _differences(x):
    """(x_j - x_i, j - i) for pairs i < j of rows ``x``: (rows, pairs), NaN where a year is missing,
    and (pairs,) float64; the slopes are their quotient."""
    i_idx, j_idx = np.triu_indices(x.shape[1], 1)
    return x[:, j_idx] - x[:, i_idx], (j_idx - i_idx).astype(np.float64)


def _take_ranks(sorted_slopes, lower, upper, keep, out):
    """out[:, 0], out[:, 1] = the slopes of ranks ``lower`` and ``upper`` of each sorted row; NaN
    where a rank is -1 or ``keep`` is False."""
    for k, ranks in enumerate((lower, upper)):
        found = np.take_along_axis(sorted_slopes, np.maximum(ranks, 0)[:, None], axis=1)[:, 0]
        out[:, k] = np.where((ranks >= 0) & keep, found, np.nan)


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

#: Up to this many pairs (20 years) the Sen median is a plain quickselect of the exact slopes;
#: above, counting costs less (measured: equal near n = 20, 15 % less at n = 25).  With the
#: interval, up to _SMALL_WITH_INTERVAL (28 years): its two ranks are then selected beside the
#: median in the same array, where counting would place each as it places the median (at
#: n = 25, 2.45 us a series against 3.04).
_SMALL = 190
_SMALL_WITH_INTERVAL = 400
#: Pairs drawn (at low-discrepancy positions) to place the first counting thresholds; their
#: insertion sort costs about half a counting pass over 3,000 pairs (0.18 against 0.35 us).
_SAMPLE = 16
#: The counting stops once at most this many pairs remain between the bounds.
_GATHER = 32


#: Bounds how far a pair's slope made with the reciprocal of j - i can be from the exact quotient:
#: |approximate - exact| <= _SLACK |approximate| + _TINY (3 roundings of 2^-53 each, with room).
_SLACK = 2.0 ** -48
_TINY = 2.0 ** -1000


@jit
def _selects_in_place(pairs, z):
    """Whether the Sen slope (and its interval, ``z`` not 0) of ``pairs`` pairs is selected in
    place among exact slopes (few pairs), not counted among approximate ones (:func:`_sen_values`)."""
    return pairs <= (_SMALL_WITH_INTERVAL if z != 0.0 else _SMALL)


@jit
def _divisors(years, exact):
    """What :func:`_pair_slopes` divides (``exact``) or multiplies by: j - i or its reciprocal,
    index j - i ([0] unused)."""
    gaps = np.maximum(np.arange(years) * 1.0, 1.0)
    return gaps if exact else 1.0 / gaps


@jit
def _pair_slopes(values, divisors, pairs, exact):
    """pairs = (x_j - x_i)/(j - i) for i < j, row by row; +inf where a year is missing.

    Not ``exact``: (x_j - x_i) * (1/(j - i)), within _SLACK of the exact slope (a division costs
    as much as the rest of the loop; many pairs are counted, only a few made exact, by
    :func:`_exact_window`).  Returns the numbers of positive and negative differences.
    Unsigned indices let the compiler vectorise the inner loop.
    """
    n = u64(values.shape[0])
    up = u64(0)
    down = u64(0)
    k = u64(0)
    for i in range(n - u64(1)):
        xi = values[i]
        base = k - i - u64(1)
        if exact:  # two loops: one with both operations would pay for the division
            for j in range(i + u64(1), n):
                d = values[j] - xi
                up += u64(d > 0)
                down += u64(d < 0)
                d /= divisors[j - i]
                pairs[base + j] = d if d == d else np.inf
        else:
            for j in range(i + u64(1), n):
                d = values[j] - xi
                up += u64(d > 0)
                down += u64(d < 0)
                d *= divisors[j - i]
                pairs[base + j] = d if d == d else np.inf
        k += n - u64(1) - i
    return up, down


@jit
def _pair_table(years, period):
    """For the pairs in the kernels' order (season after season; i < j years): the positions in a
    row of the earlier and later value, and j - i (float), to make a pair's exact slope."""
    per = years * (years - 1) // 2
    first = np.empty(period * per, np.uint64)  # unsigned: no negative-index checks
    second = np.empty(period * per, np.uint64)
    gap = np.empty(period * per)
    q = 0
    for season in range(period):
        for i in range(years - 1):
            for j in range(i + 1, years):
                first[q] = i * period + season
                second[q] = j * period + season
                gap[q] = j - i
                q += 1
    return first, second, gap


@jit
def _exact_window(pairs, row, table, lo, hi, out):
    """The pairs around an order statistic of the approximate ``pairs`` (:func:`_pair_slopes`)
    whose rank is known to lie in [lo, hi] (by the approximate values), made exact.

    The window widened by 4 x _SLACK keeps the exact slope of that rank inside it, and every
    pair below (above) the widened window has its exact slope below (above) it; so the rank's
    exact slope is the (rank - below)-th of the exact slopes of the pairs in the window.  Fills
    out[:found] with them, (x_j - x_i)/(j - i) from ``row`` and ``table`` (:func:`_pair_table`),
    and returns (below, found).  Blocks of 16 pairs without one in the window are skipped.  The
    pairs are found by their place in ``pairs``, which must be as :func:`_pair_slopes` made it.
    """
    first, second, gap = table
    lo = lo - 4.0 * (_SLACK * abs(lo) + _TINY)
    hi = hi + 4.0 * (_SLACK * abs(hi) + _TINY)
    count = u64(pairs.shape[0])
    below = u64(0)
    c = u64(0)
    block = u64(16)
    full = count - count % block
    for start in range(u64(0), full, block):
        under = u64(0)
        inside = u64(0)
        for q in range(start, start + block):
            d = pairs[q]
            under += u64(d < lo)
            inside += u64(d <= hi)
        below += under
        if inside > under:
            for q in range(start, start + block):
                d = pairs[q]
                out[c] = q  # the place, made the slope below
                c += u64((d >= lo) & (d <= hi))
    for q in range(full, count):  # the tail: 16-wide blocks vectorise, shorter ones do not
        d = pairs[q]
        below += u64(d < lo)
        out[c] = q
        c += u64((d >= lo) & (d <= hi))
    for k in range(c):
        q = u64(out[k])
        # +inf: a missing year (or an overflow), exactly +inf
        out[k] = (row[second[q]] - row[first[q]]) / gap[q] if pairs[q] < np.inf else np.inf
    return below, c


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
def _draw_sample(pairs, sample):
    """Fill ``sample`` with pairs at golden-ratio steps spread over all of them, sorted."""
    count = u64(pairs.shape[0])
    step = u64(0.6180339887498949 * count)
    position = u64(0)
    for q in range(sample.shape[0]):
        position += step
        position -= count if position >= count else u64(0)
        sample[q] = pairs[position]
    _insertion_sort(sample)


@jit
def _insertion_sort(a):
    """Sort a few values in place (numba's sort of a 16-value array costs 2.5 times as much)."""
    for q in range(1, a.shape[0]):
        v = a[q]
        r = q
        while r > 0 and a[r - 1] > v:
            a[r] = a[r - 1]
            r -= 1
        a[r] = v


@jit
def _order_stats(pairs, valid, r_lo, r_hi, row, table, sample, scratch):
    """The exact slopes of ranks r_lo <= r_hi (0-based, a few apart) among the ``valid`` finite
    approximate ``pairs`` (the rest +inf) of ``row``, by counting: bound the ranks by
    thresholds, first from ``sample`` (:func:`_draw_sample`), then interpolated between the
    bounds, each pass counting two thresholds; once few pairs lie between the bounds, they are
    made exact (:func:`_exact_window`) and selected.  Comparisons only, so the values are
    exactly a sort's."""
    count = pairs.shape[0]
    size = sample.shape[0]
    fraction = (r_lo + 0.5) / count
    spread = 1.5 * math.sqrt(size * fraction * (1.0 - fraction))
    t1 = sample[max(int(fraction * size - spread), 0)]
    t2 = sample[min(int(fraction * size + spread) + 1, size - 1)]
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
            t1, t2 = sample[0], sample[size - 1]
            continue
        if not (hi - lo < np.inf):  # a side still open: gather everything beyond the other
            break
        # Interpolating as if the slopes were spread evenly between the bounds: across the
        # sample's wide bounds a skewed spread misplaces the ranks by about sqrt(between), so a
        # wide margin; between closer bounds the spread is nearly even and the ranks land within
        # a few, so a narrow one (at n = 77, 3.4 counting passes on average instead of 4.2)
        margin = (1.5 if attempt == 0 else 0.5) * math.sqrt(float(between)) + 2.0
        scale = (hi - lo) / float(between)
        t1 = lo + (float(r_lo - lo_count) - margin) * scale
        t2 = lo + (float(r_hi - lo_count) + 1.0 + margin) * scale
        if t1 <= lo and t2 >= hi:  # ties: no threshold separates them
            break
        t1, t2 = max(t1, lo), min(t2, hi)
    return _exact_ranks(pairs, r_lo, r_hi, lo, hi, row, table, scratch)


@jit
def _exact_ranks(pairs, r_lo, r_hi, lo, hi, row, table, scratch):
    """The exact slopes of ranks r_lo <= r_hi, whose approximate slopes lie in [lo, hi]."""
    below, found = _exact_window(pairs, row, table, lo, hi, scratch)
    k = u64(r_hi) - below
    high = _select(scratch, found, k)
    return _select_beside(scratch, found, k, u64(r_lo) - below), high


@jit
def _select_beside(a, count, k, r):
    """The r-th smallest of a[:count] after ``_select(a, count, k)``, which left the smaller
    values before a[k] and the larger after: only that side is searched."""
    if r < k:
        return _select(a, k, r)
    if r == k:
        return a[k]
    return _select(a[k + u64(1):], count - k - u64(1), r - k - u64(1))


@jit
def _sen_values(pairs, exact, valid, lower, upper, row, table, sample, scratch):
    """(Sen's slope, the slopes of ranks ``lower`` and ``upper``): the median (numpy's: the
    mean of the two middle values when even) of the ``valid`` finite slopes in ``pairs`` (the
    rest +inf) and two order statistics (0-based ranks; -1: NaN).  ``exact`` (few pairs,
    :func:`_selects_in_place`; exact slopes, :func:`_pair_slopes`): quickselect the median,
    then each rank on its side of it; else (approximate slopes): count (:func:`_order_stats`)
    and make exact those around the ranks."""
    count = u64(pairs.shape[0])
    half = u64(valid // 2)
    low_end, high_end = np.nan, np.nan
    if exact:
        median = _median(pairs, count, valid)  # selects rank half: smaller slopes before it, larger after
        if lower >= 0:
            low_end = _select_beside(pairs, count, half, u64(lower))
            high_end = _select_beside(pairs, count, half, u64(upper))
    else:
        _draw_sample(pairs, sample)
        low, high = _order_stats(pairs, valid, u64(valid - 1) // u64(2), half, row, table, sample, scratch)
        median = high if valid % 2 == 1 else 0.5 * (low + high)
        if lower >= 0:
            low_end = _order_stats(pairs, valid, u64(lower), u64(lower), row, table, sample, scratch)[1]
            high_end = _order_stats(pairs, valid, u64(upper), u64(upper), row, table, sample, scratch)[1]
    return median, low_end, high_end


@jit
def _ranks(valid_pairs, var_s, z):
    """:func:`interval_ranks` of one pixel: (lower, upper) 0-based, (-1, -1) outside (z 0: no
    interval)."""
    if z == 0.0:
        return -1, -1
    c = z * np.sqrt(var_s)
    lower = np.rint((valid_pairs - c) / 2.0)  # as numpy's round: halves to even
    upper = np.rint((valid_pairs + c) / 2.0 + 1.0)
    if lower >= 1.0 and upper <= valid_pairs:  # False where NaN
        return int(lower) - 1, int(upper) - 1
    return -1, -1


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
def _valid_values(y, p, values, valid_values, positions):
    """Row ``p`` of ``y`` into ``values`` (NaN where not finite), its finite values and their
    positions into the others; returns how many."""
    m = 0
    for t in range(y.shape[1]):
        v = y[p, t]
        if math.isfinite(v):
            values[t] = v
            valid_values[m] = v
            positions[m] = t
            m += 1
        else:
            values[t] = np.nan
    return m


@jit
def _kernel(y, out, min_valid, sen, z, start, stop):
    """The test of rows ``start``..``stop`` of ``y`` into those of ``out``; with ``z`` (not 0)
    also the Sen slope interval (columns 7 and 8)."""
    n = y.shape[1]
    all_pairs = n * (n - 1) // 2
    exact = _selects_in_place(all_pairs, z)
    divisors = _divisors(n, exact)
    table = _pair_table(n, 1)
    pairs = np.empty(all_pairs)
    scratch = np.empty(all_pairs)
    sample = np.empty(_SAMPLE)
    values = np.empty(n)
    valid_values = np.empty(n)
    positions = np.empty(n, np.int64)
    for p in range(start, stop):
        m = _valid_values(y, p, values, valid_values, positions)
        if m < min_valid:
            for f in range(out.shape[1]):
                out[p, f] = np.nan
            continue
        up, down = _pair_slopes(values, divisors, pairs, exact)
        valid_pairs = m * (m - 1) // 2
        s = float(up) - float(down)
        ties = 0.0
        if int(up) + int(down) < valid_pairs:  # equal values (rare): tie groups from sorted values
            for t in range(m):
                scratch[t] = valid_values[t]
            ties = _tie_term(scratch, m)
        var_s = (m * (m - 1.0) * (2.0 * m + 5.0) - ties) / 18.0
        lower, upper = _ranks(float(valid_pairs), var_s, z)
        slope, low_end, high_end = np.nan, np.nan, np.nan
        if sen:
            slope, low_end, high_end = _sen_values(pairs, exact, valid_pairs, lower, upper, values, table, sample,
                                                   scratch)
        middle_position = 0.5 * (positions[(m - 1) // 2] + positions[m // 2])
        middle_value = _median(valid_values, m, m)
        if s > 0:
            z_score = (s - 1.0) / math.sqrt(var_s)
        elif s < 0:
            z_score = (s + 1.0) / math.sqrt(var_s)
        else:
            z_score = 0.0
        out[p, 0] = slope
        out[p, 1] = middle_value - middle_position * slope
        out[p, 2] = math.erfc(abs(z_score) / math.sqrt(2.0))
        out[p, 3] = z_score
        out[p, 4] = s / (0.5 * m * (m - 1.0))
        out[p, 5] = s
        out[p, 6] = var_s
        out[p, 7] = low_end
        out[p, 8] = high_end


@jit
def _interval_kernel(y, var_s, z, min_valid, out, start, stop):
    """:func:`sen_interval` of rows ``start``..``stop``: the slopes of the ranks of Var(S)
    ``var_s``, each found by :func:`_select`."""
    n = y.shape[1]
    gaps = _divisors(n, True)
    pairs = np.empty(n * (n - 1) // 2)
    values = np.empty(n)
    valid_values = np.empty(n)
    positions = np.empty(n, np.int64)
    for p in range(start, stop):
        m = _valid_values(y, p, values, valid_values, positions)
        lower, upper = _ranks(float(m * (m - 1) // 2), var_s[p], z)
        if m < min_valid or lower < 0:
            out[p, 0] = np.nan
            out[p, 1] = np.nan
            continue
        _pair_slopes(values, gaps, pairs, True)  # missing years' pairs are +inf: ranked last
        count = u64(pairs.shape[0])
        out[p, 0] = _select(pairs, count, u64(lower))
        out[p, 1] = _select_beside(pairs, count, u64(lower), u64(upper))


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
    return _seasonal(y, period, min_valid, backend, progress, 0)[0]


def seasonal_test_with_interval(y, confidence, period=12, min_valid=2, backend=None, progress=None):
    """(:func:`seasonal_test`, interval): also the interval of the seasonal Sen slope at
    ``confidence``, (2, pixels) lower and upper: of the N' = sum over seasons of n_i(n_i - 1)/2
    within-season slopes sorted, ranks (N' - C)/2 and (N' + C)/2 + 1, C = z sqrt(Var S), Var S the
    test's (Gilbert 1987, section 17.3.3), rounded as :func:`interval_ranks`; NaN where the
    ranks fall outside 1..N'.  Selected from the slopes the test made; ``confidence`` 0: no
    interval (NaN)."""
    return _seasonal(y, period, min_valid, backend, progress, confidence)


def _seasonal(y, period, min_valid, backend, progress, confidence):
    y = np.ascontiguousarray(y, dtype=np.float64)
    if y.ndim != 2 or y.shape[1] % period:
        raise ValueError("y must be (pixels, period x years)")
    table = np.full((y.shape[0], 7), np.nan)  # slope, intercept, s, var_s, pairs, lower, upper
    if y.shape[0] and y.shape[1] >= 2 * period:
        progress = as_progress(progress)
        z = interval_z(confidence)
        if not compiled_in_threads(_seasonal_kernel, y.shape[0], 64, y, table, period,
                                   max(2, int(min_valid)), z, backend=backend, progress=progress):
            _numpy_seasonal(y, table, period, max(2, int(min_valid)), z, progress)
    slope, intercept, s, var_s, pairs = table[:, :5].T
    z_score, p = z_and_p(s, var_s)
    with np.errstate(invalid="ignore", divide="ignore"):
        tau = s / pairs
    fields = np.stack([slope, intercept, p, z_score, tau, s, var_s], axis=1)
    fields[np.isnan(slope)] = np.nan
    return MannKendall.of_table(fields), table[:, 5:].T.copy()


def _season_slopes(x, period):
    """(rows, seasons x pairs): the within-season pairwise slopes of rows ``x`` (NaN where a year
    is missing), season by season, pairs i < j in row order (as the numba kernel)."""
    years = x.shape[1] // period
    i_idx, j_idx = np.triu_indices(years, 1)
    gap = (j_idx - i_idx).astype(np.float64)
    seasons = np.where(np.isfinite(x), x, np.nan).reshape(x.shape[0], years, period).transpose(0, 2, 1)
    return ((seasons[:, :, j_idx] - seasons[:, :, i_idx]) / gap).reshape(x.shape[0], -1), seasons


def _numpy_seasonal(y, table, period, min_valid, z, progress):
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
        slopes.sort(axis=1)  # NaN last
        slope = _middle(slopes, valid_pairs)
        finite = np.isfinite(x)
        count = finite.sum(axis=1)
        positions = np.sort(np.where(finite, np.arange(n, dtype=np.float64), np.nan), axis=1)
        intercept = _middle(np.sort(x, axis=1), count) - _middle(positions, count) / period * slope
        have = valid.any(axis=1).sum(axis=1)
        keep = (have >= min_valid) & (valid_pairs > 0)
        fields = np.stack([slope, intercept, s, var_s, pairs], axis=1)
        table[start:start + chunk, :5] = np.where(keep[:, None], fields, np.nan)
        if z:
            _take_ranks(slopes, *interval_ranks(valid_pairs, var_s, z), keep, table[start:start + chunk, 5:])
        progress.set(min(start + chunk, p_total) / p_total)


@jit
def _seasonal_pairs(y, p, period, years, divisors, exact, values, scratch, pairs, stats):
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
        up, down = _pair_slopes(values, divisors, pairs[i * per:(i + 1) * per], exact)
        season_pairs = m * (m - 1) // 2
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
def _seasonal_kernel(y, table, period, min_valid, z, start, stop):
    n = y.shape[1]
    years = n // period
    all_pairs = period * (years * (years - 1) // 2)
    exact = _selects_in_place(all_pairs, z)
    divisors = _divisors(years, exact)
    pair_table = _pair_table(years, period)
    pairs = np.empty(all_pairs)
    scratch = np.empty(max(all_pairs, n))
    sample = np.empty(_SAMPLE)
    values = np.empty(years)
    stats = np.empty(4)
    for p in range(start, stop):
        _seasonal_pairs(y, p, period, years, divisors, exact, values, scratch, pairs, stats)
        valid_pairs = int(stats[2])
        if stats[3] < min_valid or valid_pairs == 0:
            for f in range(table.shape[1]):
                table[p, f] = np.nan
            continue
        lower, upper = _ranks(stats[2], stats[1], z)
        slope, low_end, high_end = _sen_values(pairs, exact, valid_pairs, lower, upper, y[p], pair_table, sample,
                                               scratch)
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
        table[p, 5] = low_end
        table[p, 6] = high_end
