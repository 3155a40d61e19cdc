"""Wetness seasons (Li et al. 2025, section 2.1).

For every pixel and calendar year the 12 months are ranked by soil moisture,
wettest first: ranks 1-3 are the humid season H-S (code 1), 4-6 sub-humid
SH-S (2), 7-9 semi-arid SA-S (3), 10-12 arid A-S (4).  Ties go to the earlier
month as the wetter (a stable sort).  With ``rank_by="total"`` the months are
ranked by the sum of the four layers and every layer uses those seasons; with
``rank_by="layer"`` each layer is ranked on its own.  A pixel-year with a
missing month in any layer is missing in every output.
"""
from dataclasses import dataclass

import numpy as np

from .coverage import VERSIONS, join_versions, version_metadata
from .errors import TsmvError
from .labels import LAYER_KEYS, LAYER_LABELS, season_label, whole_year_months, year_label
from .optional_numba import compiled_in_threads, jit
from .outputs import Outputs
from .progress import as_progress
from .raster import WriteBehind, open_layers
from .style import SEASON_CLASSES, categorical, sequential

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
            valid[:] = True
            for d in range(n_layers):
                for m in range(12):
                    for q in range(n):
                        valid[q] &= np.isfinite(layers[d, y, m, p0 + q])
            if not valid[:n].any():  # sea, or a year missing: all NaN, nothing to rank
                codes[y, :, p0:p0 + n] = np.nan
                if by_layer:
                    layer_codes[:, y, :, p0:p0 + n] = np.nan
                means[:, y, :, p0:p0 + n] = np.nan
                annual[y, p0:p0 + n] = np.nan
                continue
            for m in range(12):
                for q in range(n):
                    total[m, q] = np.float64(layers[0, y, m, p0 + q])
                for d in range(1, n_layers):
                    for q in range(n):
                        total[m, q] += np.float64(layers[d, y, m, p0 + q])
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
    ``backend`` as in :func:`tsmv_qgis.optional_numba.compiled` (the numba and numpy paths give the
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


def whole_years(stack, log=None):
    """The whole calendar years of a monthly stack and their month labels (years, 12).

    Years with fewer than 12 months are left out (and logged); a stack with no
    whole year is refused.
    """
    whole = whole_year_months(stack.keys)
    partial = sorted({y for y, _ in stack.keys} - set(whole))
    if partial and log:
        log("Left out years without all 12 months in %s: %s"
            % (stack.name, ", ".join(str(y) for y in partial)))
    if not whole:
        raise TsmvError("%s %s has no whole calendar year (12 months, January to December)"
                        % (stack.name, stack.path))
    return list(whole), list(whole.values())


def _write_tile(blocks, rows, row0):
    for writer, values in blocks:
        writer.write(values.reshape(-1, *rows), row0=row0)


@dataclass
class SeasonsResult:
    years: list
    pixels_valid: int


def run_seasons(inputs, outputs, rank_by="total", progress=None, log=None):
    """Classify wetness seasons from four monthly stacks and write the outputs.

    ``outputs`` keys: ``codes`` (bands YYYY-MM), ``seasonal_<layer key>``
    (bands ``YYYY H-S`` ... year by year), ``annual_tsm`` (bands YYYY) and,
    with ``rank_by="layer"``, ``codes_layers`` (bands ``YYYY-MM 0-10 cm`` ...,
    layer by layer).
    """
    if rank_by not in ("total", "layer"):
        raise TsmvError("RANK_BY must be the total profile or each layer, not %r" % rank_by)
    progress = as_progress(progress)
    stacks = open_layers(inputs, kinds=("month",), content="soil moisture")
    years, month_labels = whole_years(stacks[0], log)
    index = [s.bands(np.ravel(month_labels)) for s in stacks]
    months = [m for year in month_labels for m in year]
    month_versions = [join_versions(s.band_versions[b[i]] for s, b in zip(stacks, index))
                      for i in range(len(months))]
    year_versions = [join_versions(month_versions[12 * i:12 * i + 12]) for i in range(len(years))]
    versions = {VERSIONS: join_versions(year_versions)}
    grid = stacks[0].grid
    moisture = sequential("moisture", "kg m-2")
    targets = {"SEASON_CODES": outputs["codes"], "ANNUAL_TSM": outputs["annual_tsm"],
               "SEASON_CODES_LAYERS": outputs.get("codes_layers") if rank_by == "layer" else None}
    targets.update({"SEASONAL_" + k: outputs["seasonal_" + k] for k in LAYER_KEYS})
    with Outputs({s.name: s.path for s in stacks}, rasters=targets, log=log) as out, \
            WriteBehind(depth=1) as behind:
        codes_w = out.stack("SEASON_CODES", grid, months, style=categorical(SEASON_CLASSES),
                            metadata=dict(versions, TSMV_KIND="season codes", RANK_BY=rank_by),
                            band_metadata=version_metadata(month_versions))
        seasonal_w = [out.stack(
            "SEASONAL_" + k, grid, [season_label(y, s) for y in years for s in range(4)],
            style=moisture, metadata=dict(versions, TSMV_KIND="soil moisture", TSMV_LAYER=label + " cm",
                                          UNITS="kg m-2", RANK_BY=rank_by),
            band_metadata=version_metadata([v for v in year_versions for _ in range(4)]))
            for k, label in zip(LAYER_KEYS, LAYER_LABELS)]
        annual_w = out.stack("ANNUAL_TSM", grid, [year_label(y) for y in years], style=moisture,
                             metadata=dict(versions, TSMV_KIND="soil moisture", UNITS="kg m-2"),
                             band_metadata=version_metadata(year_versions))
        layers_w = None
        if out.wanted("SEASON_CODES_LAYERS"):
            layers_w = out.stack(
                "SEASON_CODES_LAYERS", grid,
                ["%s %s cm" % (m, label) for label in LAYER_LABELS for m in months],
                style=categorical(SEASON_CLASSES),
                metadata=dict(versions, TSMV_KIND="season codes by layer", RANK_BY=rank_by),
                band_metadata=version_metadata(month_versions * 4))
        writers = [codes_w, annual_w] + seasonal_w + ([layers_w] if layers_w else [])
        # the 4 layers' float32 months, and the kernel's outputs (about twice as much)
        tiles = stacks[0].tiles(4 * 4 * len(months) * 3, *writers)
        valid_pixels = 0
        for t, (r0, r1) in enumerate(tiles):
            shape = (len(years), 12, (r1 - r0) * grid.width)
            layers = np.stack([s.read(r0, r1, bands).reshape(shape) for s, bands in zip(stacks, index)])
            codes, layer_codes, means, annual = classify_tile(layers, rank_by)
            rows = (r1 - r0, grid.width)
            blocks = [(codes_w, codes), (annual_w, annual)] + list(zip(seasonal_w, means)) + \
                ([(layers_w, layer_codes)] if layers_w is not None else [])
            behind.submit(_write_tile, blocks, rows, r0)  # while the next tile is read and ranked
            valid_pixels += int(np.isfinite(annual).any(axis=0).sum())
            progress.set((t + 1) / len(tiles))
    return SeasonsResult(years, valid_pixels)

