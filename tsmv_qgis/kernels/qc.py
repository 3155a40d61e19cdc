"""The kernel of quality control: mask non-physical soil moisture (< 0 or above a maximum)."""
from typing import NamedTuple

import numpy as np

from .optional_numba import compiled, jit


class Masked(NamedTuple):
    """What :func:`mask_nonphysical` gives: the masked values and what it found."""
    values: np.ndarray
    below_zero: int
    above_max: int
    missing: int  # NaN in the input


@jit
def _mask_loop(values, maximum, out, counts):
    """:func:`mask_nonphysical` over flat arrays in one pass; ``counts`` gets the three counts."""
    below = above = missing = 0
    for i in range(values.size):
        v = values[i]
        low = v < 0
        high = v > maximum
        below += low
        above += high
        missing += v != v
        out[i] = np.nan if low or high else v
    counts[0], counts[1], counts[2] = below, above, missing


def mask_nonphysical(values, maximum, backend=None):
    """``values`` with NaN where a value is < 0 or > ``maximum`` (compared in the values' type),
    and the counts: below 0, above the maximum, NaN in the input.  ``backend`` as in
    :func:`tsmv_qgis.kernels.optional_numba.compiled` (the same numbers either way)."""
    values = np.asarray(values)
    maximum = values.dtype.type(maximum)
    flat = np.ascontiguousarray(values).reshape(-1)
    out, counts = np.empty_like(flat), np.zeros(3, np.int64)
    if compiled(_mask_loop, flat, maximum, out, counts, backend=backend):
        return Masked(out.reshape(values.shape), *map(int, counts))
    below = values < 0
    above = values > maximum
    return Masked(np.where(below | above, values.dtype.type(np.nan), values), int(below.sum()),
                  int(above.sum()), int(np.isnan(values).sum()))
