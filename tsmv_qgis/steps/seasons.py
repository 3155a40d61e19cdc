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

from ..io.coverage import VERSIONS, join_versions, version_metadata
from ..errors import TsmvError
from ..io.lineage import PRODUCT
from ..products.catalogue import GLDAS
from ..labels import LAYER_KEYS, month_label, season_label, whole_year_months, year_label
from ..kernels.optional_numba import compiled_in_threads, jit
from ..io.outputs import Outputs
from ..progress import as_progress
from ..io.raster import WriteBehind, open_layers
from ..io.style import SEASON_CLASSES, categorical, sequential

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


def whole_years(keys, name, log=None):
    """The whole calendar years among the (year, month) ``keys`` of monthly data and their month
    labels (years, 12).  Years with fewer than 12 months are left out (and logged); data with no
    whole year is refused, naming it (``name``)."""
    whole = whole_year_months(keys)
    partial = sorted({y for y, _ in keys} - set(whole))
    if partial and log:
        log("Left out years without all 12 months in %s: %s" % (name, ", ".join(str(y) for y in partial)))
    if not whole:
        raise TsmvError("%s has no whole calendar year (12 months, January to December)" % name)
    return list(whole), list(whole.values())


def season_targets(outputs, rank_by):
    """Output names -> paths of the seasons' outputs, from ``outputs`` as :func:`run_seasons`
    takes them."""
    targets = {"SEASON_CODES": outputs["codes"], "ANNUAL_TSM": outputs["annual_tsm"],
               "SEASON_CODES_LAYERS": outputs.get("codes_layers") if rank_by == "layer" else None}
    targets.update({"SEASONAL_" + k: outputs["seasonal_" + k] for k in LAYER_KEYS})
    return targets


def check_rank_by(rank_by):
    if rank_by not in ("total", "layer"):
        raise TsmvError("RANK_BY must be the total profile or each layer, not %r" % rank_by)


class SeasonWriters:
    """The output stacks of the seasons of whole ``years`` (``month_versions``: the GLDAS
    versions of their months), written in blocks of years and rows: a tile of every year
    (:func:`run_seasons`) or a year of every row (:class:`SeasonsByYear`)."""

    def __init__(self, out, grid, years, month_versions, rank_by, product=GLDAS):
        months = [month_label(y, m) for y in years for m in range(1, 13)]
        year_versions = [join_versions(month_versions[12 * i:12 * i + 12]) for i in range(len(years))]
        versions = {VERSIONS: join_versions(year_versions), PRODUCT: product.key}
        moisture = sequential("moisture", "kg m-2")
        self.width = grid.width
        self.months = len(months)
        self.codes = out.stack("SEASON_CODES", grid, months, style=categorical(SEASON_CLASSES),
                               metadata=dict(versions, TSMV_KIND="season codes", RANK_BY=rank_by),
                               band_metadata=version_metadata(month_versions))
        self.seasonal = [out.stack(
            "SEASONAL_" + k, grid, [season_label(y, s) for y in years for s in range(4)],
            style=moisture, metadata=dict(versions, TSMV_KIND="soil moisture", TSMV_LAYER=depth,
                                          UNITS="kg m-2", RANK_BY=rank_by),
            band_metadata=version_metadata([v for v in year_versions for _ in range(4)]))
            for k, depth in zip(LAYER_KEYS, product.depths)]
        self.annual = out.stack("ANNUAL_TSM", grid, [year_label(y) for y in years], style=moisture,
                                metadata=dict(versions, TSMV_KIND="soil moisture", UNITS="kg m-2"),
                                band_metadata=version_metadata(year_versions))
        self.layers = None
        if out.wanted("SEASON_CODES_LAYERS"):
            self.layers = out.stack(
                "SEASON_CODES_LAYERS", grid,
                ["%s %s" % (m, depth) for depth in product.depths for m in months],
                style=categorical(SEASON_CLASSES),
                metadata=dict(versions, TSMV_KIND="season codes by layer", RANK_BY=rank_by),
                band_metadata=version_metadata(list(month_versions) * 4))
        self.all = [self.codes, self.annual] + self.seasonal + ([self.layers] if self.layers else [])
        self._with_data = np.zeros(grid.width * grid.height, bool)

    def write(self, result, year0=0, row0=0):
        """Write what :func:`classify_tile` gave for years ``year0``... of rows ``row0``..."""
        codes, layer_codes, means, annual = result
        block = (-1, codes.shape[-1] // self.width, self.width)
        self.codes.write(codes.reshape(block), band0=12 * year0, row0=row0)
        self.annual.write(annual.reshape(block), band0=year0, row0=row0)
        for writer, layer_means in zip(self.seasonal, means):
            writer.write(layer_means.reshape(block), band0=4 * year0, row0=row0)
        if self.layers is not None:
            for d, codes_of_layer in enumerate(layer_codes):
                self.layers.write(codes_of_layer.reshape(block), band0=d * self.months + 12 * year0, row0=row0)
        first = row0 * self.width
        self._with_data[first:first + annual.shape[-1]] |= np.isfinite(annual).any(axis=0)

    @property
    def pixels_valid(self):
        """Pixels with seasons in at least one year."""
        return int(self._with_data.sum())


class SeasonsByYear:
    """Seasons of monthly grids that arrive month by month, in order (the import's pass, so
    that its monthly stacks are not read again): each whole calendar year is classified, and
    written, when its December arrives.  Holds one year of the four layers."""

    def __init__(self, out, grid, keys, month_versions, rank_by="total", log=None, product=GLDAS):
        check_rank_by(rank_by)
        self.years = whole_years(keys, "the imported months", log)[0]
        self._index = {y: i for i, y in enumerate(self.years)}
        versions = dict(zip(keys, month_versions))
        self._rank_by = rank_by
        self.writers = SeasonWriters(out, grid, self.years,
                                     [versions[(y, m)] for y in self.years for m in range(1, 13)], rank_by,
                                     product)
        self._year = np.empty((len(LAYER_KEYS), 1, 12, grid.height * grid.width), np.float32)

    def add(self, year, month, layers):
        """The four layers' grids (rows, cols) of one month."""
        if year not in self._index:
            return
        for d, grid in enumerate(layers):
            self._year[d, 0, month - 1].reshape(grid.shape)[...] = grid
        if month == 12:
            self.writers.write(classify_tile(self._year, self._rank_by), year0=self._index[year])


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
    check_rank_by(rank_by)
    progress = as_progress(progress)
    stacks = open_layers(inputs, kinds=("month",), content="soil moisture")
    years, month_labels = whole_years(stacks[0].keys, "%s %s" % (stacks[0].name, stacks[0].path), log)
    index = [s.bands(np.ravel(month_labels)) for s in stacks]
    months = np.ravel(month_labels)
    month_versions = [join_versions(s.band_versions[b[i]] for s, b in zip(stacks, index))
                      for i in range(len(months))]
    grid = stacks[0].grid
    with Outputs({s.name: s.path for s in stacks}, rasters=season_targets(outputs, rank_by), log=log) as out, \
            WriteBehind(depth=1) as behind:
        writers = SeasonWriters(out, grid, years, month_versions, rank_by, stacks[0].product)
        # the 4 layers' float32 months, and the kernel's outputs (about twice as much)
        tiles = stacks[0].tiles(4 * 4 * len(months) * 3, *writers.all)
        for t, (r0, r1) in enumerate(tiles):
            shape = (len(years), 12, (r1 - r0) * grid.width)
            layers = np.stack([s.read(r0, r1, bands).reshape(shape) for s, bands in zip(stacks, index)])
            # written while the next tile is read and ranked
            behind.submit(writers.write, classify_tile(layers, rank_by), row0=r0)
            progress.set((t + 1) / len(tiles))
    return SeasonsResult(years, writers.pixels_valid)
