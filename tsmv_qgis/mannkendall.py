"""Mann-Kendall trend test and Sen's slope, vectorised over pixels.

:func:`original_test` equals ``pymannkendall.original_test`` series by series:

* S = sum of sign(x_j - x_i) over pairs of valid years i < j (missing years
  skipped); Var(S) = [m(m-1)(2m+5) - sum t(t-1)(2t+5)] / 18 over tie groups t;
  z = (S - 1)/sqrt(Var S) for S > 0, (S + 1)/sqrt(Var S) for S < 0, else 0;
  p = 2 (1 - Phi(|z|)); tau = S / (m(m-1)/2).
* Sen's slope = median over pairs of valid years of (x_j - x_i)/(j - i), the
  distance in years; intercept = median(x) - median(valid positions) * slope,
  so the line is ``intercept + slope * (year - first year)``.

Series with fewer than ``min_valid`` valid years give NaN in every field.
A constant series gives slope 0, S 0, z 0, p 1 (as pymannkendall).

Two backends compute the same numbers: numba (Debian's python3-numba), compiled
once and cached, run on a pool of threads over chunks of pixels; numpy, used
where numba is absent.
"""
import math
import os
from concurrent.futures import ThreadPoolExecutor

import numpy as np

FIELDS = ("slope", "intercept", "p_value", "z", "tau", "s", "var_s")

from .fast import jit, numba


def original_test(y, min_valid=2, backend=None):
    """Mann-Kendall + Sen for each row of ``y`` (pixels, years): float64 (pixels, 7) in FIELDS order."""
    y = np.ascontiguousarray(y, dtype=np.float64)
    if y.ndim != 2:
        raise ValueError("y must be (pixels, years)")
    backend = backend or ("numba" if numba is not None else "numpy")
    out = np.full((y.shape[0], len(FIELDS)), np.nan)
    if y.shape[0] == 0 or y.shape[1] < max(2, min_valid):
        return out
    if backend == "numba":
        _numba_chunks(y, out, max(2, int(min_valid)))
    else:
        _numpy_test(y, out, max(2, int(min_valid)))
    return out


# --- numpy backend -------------------------------------------------------------------------

def _numpy_test(y, out, min_valid, chunk=4096):
    p_total, n = y.shape
    i_idx, j_idx = np.triu_indices(n, 1)
    gap = (j_idx - i_idx).astype(np.float64)
    for start in range(0, p_total, chunk):
        x = y[start:start + chunk]
        valid = np.isfinite(x)
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
        slopes = np.sort(d / gap, axis=1)  # NaN last
        pairs = m * (m - 1) // 2
        slope = _middle(slopes, pairs)
        positions = np.where(valid, np.arange(n, dtype=np.float64), np.nan)
        positions.sort(axis=1)
        intercept = _middle(xs, m) - _middle(positions, m) * slope
        _finish(out[start:start + chunk], m, s, var_s, slope, intercept, min_valid)


def _middle(sorted_rows, counts):
    """Median of the first ``counts[r]`` values of each sorted row."""
    rows = np.arange(sorted_rows.shape[0])
    safe = np.maximum(counts, 1)
    lo = sorted_rows[rows, (safe - 1) // 2]
    hi = sorted_rows[rows, safe // 2]
    return 0.5 * (lo + hi)


def _finish(out, m, s, var_s, slope, intercept, min_valid):
    with np.errstate(invalid="ignore", divide="ignore"):
        z = np.where(s > 0, (s - 1) / np.sqrt(var_s), np.where(s < 0, (s + 1) / np.sqrt(var_s), 0.0))
        tau = s / (0.5 * m * (m - 1))
    from scipy.special import erfc
    p = erfc(np.abs(z) / math.sqrt(2.0))
    fields = np.stack([slope, intercept, p, z, tau, s, var_s], axis=1)
    out[:] = np.where((m >= min_valid)[:, None], fields, np.nan)


# --- numba backend -------------------------------------------------------------------------

def _numba_chunks(y, out, min_valid):
    workers = max(1, min(os.cpu_count() or 1, 8))
    size = max(256, -(-y.shape[0] // (workers * 4)))
    chunks = [(a, min(a + size, y.shape[0])) for a in range(0, y.shape[0], size)]
    kernel = _kernel
    if len(chunks) == 1 or workers == 1:
        for a, b in chunks:
            kernel(y[a:b], out[a:b], min_valid)
        return
    with ThreadPoolExecutor(workers) as pool:  # the kernel releases the GIL
        list(pool.map(lambda ab: kernel(y[ab[0]:ab[1]], out[ab[0]:ab[1]], min_valid), chunks))


@jit
def _select(a, count, k):
    """k-th smallest of a[:count] (0-based), partially reordering a; branchless partitions."""
    lo, hi = 0, count - 1
    while hi > lo:
        mid = (lo + hi) >> 1
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
            i += t < pivot
        a[hi] = a[i]
        a[i] = pivot
        if i == k:
            return pivot
        if i < k:
            lo = i + 1
        else:
            hi = i - 1
    return a[k]

@jit
def _median(a, count):
    """Median of a[:count] as numpy's (mean of the two middle values when count is even)."""
    upper = _select(a, count, count // 2)
    if count % 2 == 1:
        return upper
    lower = a[0]
    for j in range(1, count // 2):  # after select, a[:count//2] holds the smaller half
        if a[j] > lower:
            lower = a[j]
    return 0.5 * (lower + upper)

@jit
def _kernel(y, out, min_valid):
    n_pix, n = y.shape
    inverse = np.empty(n)
    for g in range(1, n):
        inverse[g] = 1.0 / g
    pairs = np.empty(n * (n - 1) // 2)
    values = np.empty(n)
    positions = np.empty(n, np.int64)
    scratch = np.empty(n)
    for p in range(n_pix):
        m = 0
        for t in range(n):
            v = y[p, t]
            if not math.isnan(v):
                values[m] = v
                positions[m] = t
                m += 1
        if m < min_valid:
            for f in range(out.shape[1]):
                out[p, f] = np.nan
            continue
        k = 0
        if m == n:  # complete series: contiguous loops the compiler vectorises
            for i in range(n - 1):
                xi = values[i]
                for j in range(i + 1, n):
                    pairs[k + j - i - 1] = (values[j] - xi) * inverse[j - i]
                k += n - 1 - i
        else:
            for i in range(m - 1):
                xi = values[i]
                ti = positions[i]
                for j in range(i + 1, m):
                    pairs[k] = (values[j] - xi) * inverse[positions[j] - ti]
                    k += 1
        up = 0
        down = 0
        for q in range(k):
            up += pairs[q] > 0
            down += pairs[q] < 0
        s = float(up - down)
        zeros = k - up - down
        ties = 0.0
        if zeros > 0:  # rare: count tie groups from the sorted values
            for t in range(m):
                scratch[t] = values[t]
            scratch[:m].sort()
            run = 1.0
            for t in range(1, m + 1):
                if t < m and scratch[t] == scratch[t - 1]:
                    run += 1.0
                else:
                    ties += run * (run - 1.0) * (2.0 * run + 5.0)
                    run = 1.0
        var_s = (m * (m - 1.0) * (2.0 * m + 5.0) - ties) / 18.0
        slope = _median(pairs, k)
        for t in range(m):
            scratch[t] = values[t]
        middle_value = _median(scratch, m)
        middle_position = 0.5 * (positions[(m - 1) // 2] + positions[m // 2])
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

