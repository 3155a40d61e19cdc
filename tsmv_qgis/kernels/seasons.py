"""The kernel of the wetness seasons (Li et al. 2025, section 2.1): rank the 12 months of every
pixel-year wettest first and give codes, seasonal means and annual TSM, on arrays only."""
import numpy as np

from .optional_numba import compiled_in_threads, jit


#: Season code of each rank (wettest first).
RANK_CODES = np.repeat(np.arange(1, 5), 3).astype(np.float32)


def rank_months(values):
    """Order of the months, wettest first: ``values`` (years, 12, pixels) -> int (years, 12, pixels)."""
    return np.argsort(-values, axis=1, kind="stable")


def season_codes(order, valid):
    """Season code (1-4) of each month from the wettest-first ``order``; NaN where not ``valid``."""
    codes = np.empty(order.shape, np.float32)
    np.put_along_axis(codes, order, RANK_CODES[None, :, None], axis=1)
    codes[~np.broadcast_to(valid[:, None, :], codes.shape)] = np.nan
    return codes


def seasonal_means(values, order, valid):
    """Mean of ``values`` over the three months of each season: (years, 4, pixels)."""
    ranked = np.take_along_axis(values, order, axis=1)
    means = ranked.reshape(ranked.shape[0], 4, 3, ranked.shape[2]).mean(axis=2, dtype=np.float64)
    means[~np.broadcast_to(valid[:, None, :], means.shape)] = np.nan
    return means


#: Pixels the compiled kernel takes at a time: its work arrays stay in the CPU's cache.
_BLOCK = 256


@jit
def _rank_months(values, p0, n, rank, order):
    """For pixels p0..p0+n of ``values`` (12, P): each month's rank, wettest first with ties to
    the earlier month (as a stable sort), and ``order``, the months by rank (both (12, n)).
    Pixels are the inner loops, without branches, so that they vectorise."""
    for m in range(12):
        for q in range(n):
            rank[m, q] = 0
            order[m, q] = m  # a pixel with NaN may tie ranks: its order stays a valid index
    for m in range(1, 12):
        for j in range(m):  # one comparison per pair: the earlier month wins a tie
            for q in range(n):
                later = np.int32(values[j, p0 + q] >= values[m, p0 + q])
                rank[m, q] += later
                rank[j, q] += 1 - later
    for m in range(12):
        for q in range(n):
            order[rank[m, q], q] = m


@jit
def _classify_loop(layers, by_layer, codes, layer_codes, means, annual, start, stop):
    """classify_tile for pixels start..stop, by years and blocks of pixels, with numpy's order
    of additions (the same numbers)."""
    n_layers, n_years = layers.shape[:2]
    valid = np.empty(_BLOCK, np.bool_)
    total = np.empty((12, _BLOCK))
    rank = np.empty((12, _BLOCK), np.int32)
    order = np.empty((12, _BLOCK), np.int32)
    own_rank = np.empty((12, _BLOCK), np.int32)
    own_order = np.empty((12, _BLOCK), np.int32)
    year = np.empty(_BLOCK)
    tsm = np.empty(_BLOCK)
    for y in range(n_years):
        for p0 in range(start, stop, _BLOCK):
            n = min(_BLOCK, stop - p0)
            for m in range(12):
                month = total[m]
                values = layers[0, y, m, p0:p0 + n]
                for q in range(n):
                    month[q] = np.float64(values[q])
                for d in range(1, n_layers):
                    values = layers[d, y, m, p0:p0 + n]
                    for q in range(n):
                        month[q] += np.float64(values[q])
            # a NaN or infinite layer makes its month's total so, and four float32 values cannot
            # overflow a float64 sum: a pixel-year is valid where its 12 totals are finite
            valid[:n] = True
            for m in range(12):
                month = total[m]
                for q in range(n):
                    valid[q] &= np.isfinite(month[q])
            if not valid[:n].any():  # sea, or a year missing: all NaN, nothing to rank
                codes[y, :, p0:p0 + n] = np.nan
                if by_layer:
                    layer_codes[:, y, :, p0:p0 + n] = np.nan
                means[:, y, :, p0:p0 + n] = np.nan
                annual[y, p0:p0 + n] = np.nan
                continue
            _rank_months(total, 0, n, rank, order)
            for m in range(12):
                for q in range(n):
                    codes[y, m, p0 + q] = rank[m, q] // 3 + 1 if valid[q] else np.nan
            for d in range(n_layers):
                ranked = order
                if by_layer:
                    _rank_months(layers[d, y], p0, n, own_rank, own_order)
                    for m in range(12):
                        for q in range(n):
                            layer_codes[d, y, m, p0 + q] = own_rank[m, q] // 3 + 1 if valid[q] else np.nan
                    ranked = own_order
                for s in range(4):
                    for q in range(n):
                        p = p0 + q
                        means[d, y, s, p] = (np.float64(layers[d, y, ranked[3 * s, q], p])
                                             + np.float64(layers[d, y, ranked[3 * s + 1, q], p])
                                             + np.float64(layers[d, y, ranked[3 * s + 2, q], p])) / 3.0 \
                            if valid[q] else np.nan
                for q in range(n):
                    year[q] = np.float64(layers[d, y, 0, p0 + q])
                for m in range(1, 12):
                    for q in range(n):
                        year[q] += np.float64(layers[d, y, m, p0 + q])
                for q in range(n):
                    tsm[q] = year[q] / 12.0 if d == 0 else tsm[q] + year[q] / 12.0
            for q in range(n):
                annual[y, p0 + q] = tsm[q] if valid[q] else np.nan


def classify_tile(layers, rank_by="total", backend=None):
    """Seasons of one tile: ``layers`` is (4, years, 12, pixels) float32.

    Returns (codes of the total profile (years, 12, P), per-layer codes
    (4, years, 12, P) or None, seasonal means (4, years, 4, P), annual TSM (years, P)).
    ``backend`` as in :func:`tsmv_qgis.kernels.optional_numba.compiled` (the numba and numpy paths give the
    same numbers).
    """
    layers = np.ascontiguousarray(layers, np.float32)
    n_layers, n_years, _, n_pix = layers.shape
    by_layer = rank_by != "total"
    codes = np.empty((n_years, 12, n_pix), np.float32)
    layer_codes = np.empty((n_layers, n_years, 12, n_pix) if by_layer else (0, 0, 0, 0), np.float32)
    means = np.empty((n_layers, n_years, 4, n_pix))
    annual = np.empty((n_years, n_pix))
    if compiled_in_threads(_classify_loop, n_pix, _BLOCK, layers, by_layer, codes, layer_codes, means, annual,
                           backend=backend):
        return codes, layer_codes if by_layer else None, means, annual
    valid = np.isfinite(layers).all(axis=(0, 2))  # (years, pixels)
    total = layers.sum(axis=0, dtype=np.float64)
    order_total = rank_months(total)
    codes = season_codes(order_total, valid)
    if rank_by == "total":
        orders = [order_total] * layers.shape[0]
        layer_codes = None
    else:
        orders = [rank_months(layer) for layer in layers]
        layer_codes = np.stack([season_codes(o, valid) for o in orders])
    means = np.stack([seasonal_means(layer, o, valid) for layer, o in zip(layers, orders)])
    annual = layers.mean(axis=2, dtype=np.float64).sum(axis=0)
    annual[~valid] = np.nan
    return codes, layer_codes, means, annual
