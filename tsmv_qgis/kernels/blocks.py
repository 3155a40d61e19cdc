"""Block kernels of the fine (0.05 degree) inputs: the counts and mode of the codes in every block
(land cover), and the days-weighted monthly sums of GPP and their block means (GOSIF)."""
import numpy as np

from .optional_numba import compiled, jit


@jit
def _count_loop(codes, by, bx, n_codes, counts):
    for i in range(codes.shape[0]):
        bi = i // by
        for j in range(codes.shape[1]):
            c = codes[i, j]
            if c < n_codes:
                counts[bi, j // bx, c] += 1


def block_counts(codes, by, bx, n_codes):
    """Counts of each code (< n_codes) in every by x bx block of ``codes`` (uint8)."""
    rows, cols = codes.shape[0] // by, codes.shape[1] // bx
    counts = np.zeros((rows, cols, n_codes), np.int32)
    if compiled(_count_loop, np.ascontiguousarray(codes), by, bx, n_codes, counts):
        return counts
    block = (np.arange(codes.shape[0])[:, None] // by) * cols + np.arange(codes.shape[1])[None] // bx
    keep = codes < n_codes
    flat = np.bincount(block[keep].astype(np.int64) * n_codes + codes[keep],
                       minlength=rows * cols * n_codes)
    return flat.reshape(rows, cols, n_codes).astype(np.int32)


def block_mode(codes, by, bx, n_codes):
    """Most frequent code of each block (ties: the smaller code); -1 where a block has none."""
    counts = block_counts(codes, by, bx, n_codes)
    mode = counts.argmax(axis=2)
    mode[counts.sum(axis=2) == 0] = -1
    return mode


@jit
def _accumulate_loop(values, weight, days, total, count):
    for i in range(values.shape[0]):
        for j in range(values.shape[1]):
            v = values[i, j]
            if v == v:
                total[i, j] += v * weight
                count[i, j] += days


@jit
def _block_mean_loop(total, count, ratio, min_cells, out):
    for bi in range(out.shape[0]):
        for bj in range(out.shape[1]):
            s = 0.0
            n = 0
            for i in range(bi * ratio, bi * ratio + ratio):
                for j in range(bj * ratio, bj * ratio + ratio):
                    if count[i, j] > 0:
                        s += total[i, j] / count[i, j]
                        n += 1
            out[bi, bj] = s / n if n > 0 and n >= min_cells else np.nan


def accumulate(month, values, days, backend=None):
    """Add ``days`` days of a file's mean daily GPP ``values`` (NaN: missing) to a month's
    [sum of daily GPP x days, valid days]."""
    if compiled(_accumulate_loop, values, np.float32(days), np.uint8(days), month[0], month[1],
                backend=backend):
        return
    valid = ~np.isnan(values)
    np.add(month[0], values * np.float32(days), out=month[0], where=valid)
    month[1] += valid.view(np.uint8) * np.uint8(days)


def block_mean(total, days, ratio, min_valid, backend=None):
    """Per ratio x ratio block, the mean over valid cells of total/days; NaN below ``min_valid``."""
    rows, cols = total.shape[0] // ratio, total.shape[1] // ratio
    out = np.empty((rows, cols), np.float64)
    if compiled(_block_mean_loop, total, days, ratio, min_valid * ratio * ratio, out, backend=backend):
        return out.astype(np.float32)
    valid = days > 0
    with np.errstate(invalid="ignore", divide="ignore"):
        cell = np.divide(total, days, out=np.zeros_like(total), where=valid)
    sums = cell.reshape(rows, ratio, cols, ratio).sum(axis=(1, 3), dtype=np.float64)
    count = valid.reshape(rows, ratio, cols, ratio).sum(axis=(1, 3))
    with np.errstate(invalid="ignore", divide="ignore"):
        mean = sums / count
    mean[(count < min_valid * ratio * ratio) | (count == 0)] = np.nan
    return mean.astype(np.float32)
