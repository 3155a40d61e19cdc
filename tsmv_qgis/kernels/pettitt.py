"""Pettitt's change-point test (Pettitt 1979, Applied Statistics 28:126-135), vectorised over pixels.

:func:`pettitt_test` equals pyhomogeneity 1.1's ``pettitt_test(x, sim=None)`` series by series
(its asymptotic p-value; with its default ``sim=20000`` pyhomogeneity gives a Monte Carlo
p-value instead, which differs from run to run):

* the test runs on the valid years in order (missing years, NaN or infinite, are skipped, as
  pyhomogeneity drops NaN); n is the number of valid years;
* r_i are the ranks of the n values (ties get their average rank, as scipy's ``rankdata``);
  U_t = 2 (r_1 + ... + r_t) - t (n + 1) for t = 1 .. n - 1, which is
  sum over i <= t < j of sign(x_i - x_j) (the average ranks make ties count 0);
* K = max |U_t|; the change point is the first t where |U_t| = K: the t-th valid value is the
  last before the change (pyhomogeneity's ``cp`` is its 1-based position in the whole series,
  missing years included; here ``position`` is the 0-based one);
* p = 2 exp(-6 K^2 / (n^3 + n^2)) (Pettitt's approximation), capped at 1: pyhomogeneity 1.1 (and
  R's trend::pettitt.test) give the formula's value, which exceeds 1 when K is small; below
  1 the two are the same double;
* shift = median of the values after the change - median of those up to it (numpy's median:
  the mean of the two middle values of an even count); pyhomogeneity's ``avg`` gives the
  means of the two parts instead.

A series with fewer than ``min_valid`` valid years, or with K = 0 (a constant series: every
split is as good as any other, there is no change point) is NaN in every field.

Two backends compute the same doubles (K, the position and the medians are exact; p is
computed from K and n by numpy for both): numba (compiled once and cached, threads over
chunks of pixels) and numpy, used where numba is absent.
"""
import math
from typing import NamedTuple

import numpy as np

from ..kernels.optional_numba import compiled_in_threads, jit, u64
from ..progress import as_progress


class Pettitt(NamedTuple):
    """The test of every pixel: float64 arrays (pixels,), NaN where there is no test."""
    position: np.ndarray  # 0-based index in the series of the last valid year before the change
    k: np.ndarray  # Pettitt's K = max |U_t|
    p_value: np.ndarray
    shift: np.ndarray  # median after - median before


def p_value(k, n):
    """Pettitt's approximate p-value, 2 exp(-6 K^2 / (n^3 + n^2)), capped at 1 (NaN stays NaN):
    pyhomogeneity's expression, evaluated in its order (the same double below 1).  n^3 + n^2 is
    its exact integer (pyhomogeneity's n is a Python int): n * n * n, as numpy's float power
    with exponent 3 may be an ulp off."""
    k = np.asarray(k, np.float64)
    n = np.asarray(n, np.float64)
    with np.errstate(invalid="ignore", divide="ignore"):
        return np.minimum(2 * np.exp((-6 * k ** 2) / (n * n * n + n * n)), 1.0)


def pettitt_test(y, min_valid=8, backend=None, progress=None):
    """Pettitt's test on each row of ``y`` (pixels, years), NaN (or infinite) for missing years:
    a :class:`Pettitt`.  ``progress`` (a Progress) hears after each chunk of pixels."""
    y = np.ascontiguousarray(y, dtype=np.float64)
    if y.ndim != 2:
        raise ValueError("y must be (pixels, years)")
    min_valid = max(2, int(min_valid))
    out = np.full((y.shape[0], 4), np.nan)  # position, K, shift, n (the p-value's)
    if y.shape[0] and y.shape[1] >= min_valid:
        progress = as_progress(progress)
        if not compiled_in_threads(_kernel, y.shape[0], 256, y, out, min_valid, backend=backend,
                                   progress=progress):
            _numpy_kernel(y, out, min_valid, progress)
    return Pettitt(out[:, 0], out[:, 1], p_value(out[:, 1], out[:, 3]), out[:, 2])


# --- numpy backend -------------------------------------------------------------------------

def _middle(sorted_rows, counts):
    """Median of the first ``counts[r]`` values of each sorted row (counts >= 1)."""
    rows = np.arange(sorted_rows.shape[0])
    return 0.5 * (sorted_rows[rows, (counts - 1) // 2] + sorted_rows[rows, counts // 2])


def _numpy_kernel(y, out, min_valid, progress, chunk=4096):
    p_total, years = y.shape
    t = np.arange(years)
    for start in range(0, p_total, chunk):
        x = y[start:start + chunk]
        rows = np.arange(x.shape[0])
        valid = np.isfinite(x)
        x = np.where(valid, x, np.nan)
        n = valid.sum(axis=1)
        # 2 r_i - (n + 1) for each value: r the average rank of its group of equal values
        order = np.argsort(x, axis=1, kind="stable")  # NaN last
        s = np.take_along_axis(x, order, axis=1)
        new = np.ones(s.shape, bool)
        new[:, 1:] = s[:, 1:] != s[:, :-1]  # a group starts (each NaN is one; they are not used)
        first = np.maximum.accumulate(np.where(new, t, 0), axis=1)
        ends = np.ones(s.shape, bool)
        ends[:, :-1] = new[:, 1:]
        last = np.minimum.accumulate(np.where(ends, t, years)[:, ::-1], axis=1)[:, ::-1]
        d = np.empty(s.shape, np.int64)
        np.put_along_axis(d, order, first + last + 1 - n[:, None], axis=1)
        d[~valid] = 0
        u = np.abs(np.cumsum(d, axis=1))  # |U_t| at the t-th valid year
        count = np.cumsum(valid, axis=1)  # t
        u[~valid | (count >= n[:, None])] = -1  # t = 1 .. n - 1 only
        position = np.argmax(u, axis=1)  # the first of equal maxima
        k = u[rows, position]
        loc = count[rows, position]  # valid years up to the change
        before = np.sort(np.where(valid & (t <= position[:, None]), x, np.nan), axis=1)
        after = np.sort(np.where(valid & (t > position[:, None]), x, np.nan), axis=1)
        safe = np.maximum(loc, 1)
        shift = _middle(after, np.maximum(n - loc, 1)) - _middle(before, safe)
        tested = (n >= min_valid) & (k > 0)
        out[start:start + chunk, :3] = np.where(tested[:, None], np.stack([position, k, shift], axis=1), np.nan)
        out[start:start + chunk, 3] = n
        progress.set(min(start + chunk, p_total) / p_total)


# --- numba backend -------------------------------------------------------------------------
#
# No sort: with r_i the average rank of x_i among the n valid values, lt_i = #{j: x_j < x_i}
# and e_i = #{j: x_j = x_i}, 2 r_i - (n + 1) = 2 lt_i + e_i - n.  lt is counted by a vectorised
# pass over all pairs, which at these n costs less than any sort of the series (an insertion
# sort, numba's np.sort); equal values share their lt, distinct ones do not, so e_i is the
# number of values with the same lt as x_i, and lt_i plus the number of equal values before
# x_i is its position in a stable sort.
#
# The pass compares float32 roundings of the values (cheaper than doubles: the kernel takes
# about a tenth less at n = 77): rounding keeps the order (x < x' gives f(x) <= f(x')), so when
# the roundings have no tie (the sum of lt is n(n-1)/2 less the tied pairs) they order the
# values exactly, as they do when every value is a float32 already (a float32 raster);
# otherwise the pass compares the values again as doubles.
#
# The medians come from that sorted order as bit sets of the two parts: the k-th smallest
# value of a part is the value at its k-th set bit.

_BLOCK = 32  # the counting pass runs over blocks of 32 values (padded with NaN, counted by none)


@jit
def _count_below(values, n, lt):
    """lt[i] = #{j < n: values[j] < values[i]} for i < n; their sum.  ``values`` has room for n
    rounded up to a multiple of _BLOCK (the padding is overwritten); unsigned indices and whole
    blocks let the compiler vectorise the inner loop."""
    n = u64(n)
    m = (n + u64(_BLOCK - 1)) // u64(_BLOCK) * u64(_BLOCK)
    for j in range(n, m):
        values[j] = np.nan
    total = u64(0)
    for i in range(n):
        x = values[i]
        c = u64(0)
        for j in range(m):
            c += u64(values[j] < x)
        lt[i] = c
        total += c
    return total


@jit
def _bits(w):
    """The number of set bits of w (uint64)."""
    w = w - ((w >> u64(1)) & u64(0x5555555555555555))
    w = (w & u64(0x3333333333333333)) + ((w >> u64(2)) & u64(0x3333333333333333))
    w = (w + (w >> u64(4))) & u64(0x0F0F0F0F0F0F0F0F)
    return (w * u64(0x0101010101010101)) >> u64(56)


@jit
def _median(ordered, words, m):
    """Median of the m values of ``ordered`` at the set bits of the bit set ``words``: the mean
    of its ((m - 1) // 2)-th and (m // 2)-th smallest (0-based), as numpy's median."""
    k = u64((m - 1) // 2)
    w = 0
    while True:  # the word holding the k-th set bit
        c = _bits(words[w])
        if k < c:
            break
        k -= c
        w += 1
    word = words[w]
    for _ in range(k):
        word &= word - u64(1)  # clear the lowest set bit
    lower = ordered[64 * w + _bits((word & (~word + u64(1))) - u64(1))]
    if m % 2:
        return 0.5 * (lower + lower)
    word &= word - u64(1)
    while word == 0:
        w += 1
        word = words[w]
    return 0.5 * (lower + ordered[64 * w + _bits((word & (~word + u64(1))) - u64(1))])


@jit
def _kernel(y, out, min_valid, start, stop):
    years = y.shape[1]
    room = -(-years // _BLOCK) * _BLOCK
    values = np.empty(room)
    rough = np.empty(room, np.float32)  # the values rounded to float32
    where = np.empty(years, np.int64)
    lt = np.empty(years, np.int64)
    ones = np.ones(years, np.int64)
    placed = np.empty(years, np.int64)
    sizes = np.empty(years, np.int64)
    ties = np.empty(years, np.int64)
    ordered = np.empty(years)
    words = -(-years // 64)
    before = np.empty(words, np.uint64)
    after = np.empty(words, np.uint64)
    for p in range(start, stop):
        n = 0
        exact = True  # every value a float32
        for t in range(years):
            v = y[p, t]
            finite = math.isfinite(v)
            values[n] = v
            rough[n] = np.float32(v)
            where[n] = t
            exact &= (np.float64(rough[n]) == v) | (not finite)
            n += finite
        out[p, 3] = n
        if n < min_valid:
            continue
        distinct = _count_below(rough, n, lt) == u64(n * (n - 1) // 2)
        if not (distinct or exact):
            distinct = _count_below(values, n, lt) == u64(n * (n - 1) // 2)  # compare the doubles
        if distinct:  # e_i = 1, x_i in place lt_i
            place, e = lt, ones
        else:
            place, e = placed, sizes
            for i in range(n):
                ties[lt[i]] = 0
            for i in range(n):
                placed[i] = lt[i] + ties[lt[i]]  # after the equal values before it
                ties[lt[i]] += 1
            for i in range(n):
                sizes[i] = ties[lt[i]]
        u = 0
        k = 0
        loc = 0
        for t in range(n - 1):
            u += 2 * lt[t] + e[t] - n  # 2 r_t - (n + 1)
            if abs(u) > k:  # the first of equal maxima
                k = abs(u)
                loc = t + 1
        if k == 0:
            continue
        out[p, 0] = where[loc - 1]
        out[p, 1] = k
        for w in range(words):
            before[w] = 0
            after[w] = 0
        for i in range(loc):
            ordered[place[i]] = values[i]
            before[place[i] >> 6] |= u64(1) << u64(place[i] & 63)
        for i in range(loc, n):
            ordered[place[i]] = values[i]
            after[place[i] >> 6] |= u64(1) << u64(place[i] & 63)
        out[p, 2] = _median(ordered, after, n - loc) - _median(ordered, before, loc)
