"""Wetness seasons (Li et al. 2025, section 2.1).

For every pixel and calendar year the 12 months are ranked by soil moisture,
wettest first: ranks 1-3 are the humid season H-S (code 1), 4-6 sub-humid
SH-S (2), 7-9 semi-arid SA-S (3), 10-12 arid A-S (4).  Ties go to the earlier
month as the wetter (a stable sort).  With ``rank_by="total"`` the months are
ranked by the sum of the four layers and every layer uses those seasons; with
``rank_by="layer"`` each layer is ranked on its own.  A pixel-year with a
missing month in any layer is missing in every output.
"""
from dataclasses import dataclass, replace
from functools import partial

import numpy as np

from ..bands import Band, BandMap
from ..io.coverage import VERSIONS, join_versions, version_metadata
from ..errors import TsmvError, named
from ..io.lineage import PRODUCT
from ..products.catalogue import GLDAS
from ..labels import LAYER_KEYS, SEASONS, month_label, season_label, whole_year_months, year_label
from ..kernels.seasons import classify_tile
from ..io.outputs import Outputs, given
from ..progress import as_progress
from ..io.raster import open_layers, row_tiles
from ..threads import Behind
from ..io.style import SEASON_CLASSES, categorical, sequential
from .tiles import Tiles


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


def season_targets(outputs, rank_by, argument="outputs"):
    """Output names -> paths of the seasons' outputs, from ``outputs`` as :func:`run_seasons`
    takes them (named as items of ``argument``)."""
    targets = given(outputs, ["codes", "annual_tsm"] + ["seasonal_" + k for k in LAYER_KEYS], argument)
    if rank_by == "layer":
        targets[named(argument, "codes_layers")] = outputs.get("codes_layers")
    return targets


def check_rank_by(rank_by):
    if rank_by not in ("total", "layer"):
        raise TsmvError("⟨rank_by⟩ must be the total profile or each layer, not %r" % rank_by)


def season_bands(years, depths=GLDAS.depths):
    """{output key: BandMap} of the seasons' outputs over the whole ``years``, the four layers
    labelled ``depths`` (seasonal_<layer key> in the order of LAYER_KEYS)."""
    months = [month_label(y, m) for y in years for m in range(1, 13)]
    code_names = "season code (%s)" % ", ".join("%d %s" % (code, label.split()[0]) for code, label, _ in SEASON_CLASSES)

    def codes(labels, long_name):
        bands = [Band(label, "", long_name) for label in labels]
        bands[0] = replace(bands[0], style=partial(categorical, SEASON_CLASSES))
        return BandMap(bands)
    moisture = partial(sequential, "moisture", "kg m-2")
    maps = {"codes": codes(months, code_names),
            "annual_tsm": BandMap([Band(year_label(y), "kg m-2", "total soil moisture") for y in years],
                                  style=moisture)}
    for key, depth in zip(LAYER_KEYS, depths):
        maps["seasonal_" + key] = BandMap(
            [Band(season_label(y, s), "kg m-2", "seasonal mean soil moisture %s" % depth)
             for y in years for s in range(len(SEASONS))], style=moisture)
    maps["codes_layers"] = codes(["%s %s" % (m, depth) for depth in depths for m in months],
                                        code_names + " of each layer")
    return maps


#: What classifying seasons holds per pixel and year: the four layers' 12 float32 months, and the
#: kernel's arrays (about twice as much).
CLASSIFY_BYTES_PER_PIXEL_YEAR = 4 * 4 * 12 * 3


class SeasonWriters:
    """The output stacks of the seasons of whole ``years`` (``month_versions``: the GLDAS
    versions of their months), written in blocks of years and rows: a tile of every year
    (:func:`run_seasons`) or a year of every row (:class:`SeasonsByYear`)."""

    def __init__(self, out, grid, years, month_versions, rank_by, product=GLDAS, argument="outputs"):
        year_versions = [join_versions(month_versions[12 * i:12 * i + 12]) for i in range(len(years))]
        versions = {VERSIONS: join_versions(year_versions), PRODUCT: product.key}
        depths = product.depths
        self.bands = bands = season_bands(years, depths)
        self.years, self.depths = years, depths
        self.width = grid.width
        self.codes = bands["codes"].stack(
            out, named(argument, "codes"), grid, metadata=dict(versions, TSMV_KIND="season codes", RANK_BY=rank_by),
            band_metadata=version_metadata(month_versions))
        self.seasonal = [bands["seasonal_" + k].stack(
            out, named(argument, "seasonal_" + k), grid, metadata=dict(versions, TSMV_KIND="soil moisture", TSMV_LAYER=depth,
                                                      UNITS="kg m-2", RANK_BY=rank_by),
            band_metadata=version_metadata([v for v in year_versions for _ in SEASONS]))
            for k, depth in zip(LAYER_KEYS, depths)]
        self.annual = bands["annual_tsm"].stack(
            out, named(argument, "annual_tsm"), grid, metadata=dict(versions, TSMV_KIND="soil moisture", UNITS="kg m-2"),
            band_metadata=version_metadata(year_versions))
        self.layers = None
        if out.wanted(named(argument, "codes_layers")):
            self.layers = bands["codes_layers"].stack(
                out, named(argument, "codes_layers"), grid,
                metadata=dict(versions, TSMV_KIND="season codes by layer", RANK_BY=rank_by),
                band_metadata=version_metadata(list(month_versions) * len(depths)))
        self.all = [self.codes, self.annual] + self.seasonal + ([self.layers] if self.layers else [])
        self._with_data = np.zeros(grid.width * grid.height, bool)

    def write(self, result, year0=0, row0=0):
        """Write what :func:`classify_tile` gave for years ``year0``... of rows ``row0``..."""
        codes, layer_codes, means, annual = result
        block = (-1, codes.shape[-1] // self.width, self.width)
        year, bands = self.years[year0], self.bands
        january = month_label(year, 1)
        self.codes.write(codes.reshape(block), bands["codes"].index(january), row0)
        self.annual.write(annual.reshape(block), bands["annual_tsm"].index(year_label(year)), row0)
        for key, writer, layer_means in zip(LAYER_KEYS, self.seasonal, means):
            writer.write(layer_means.reshape(block), bands["seasonal_" + key].index(season_label(year, 0)), row0)
        if self.layers is not None:
            for depth, codes_of_layer in zip(self.depths, layer_codes):
                self.layers.write(codes_of_layer.reshape(block),
                                  bands["codes_layers"].index("%s %s" % (january, depth)), row0)
        first = row0 * self.width
        self._with_data[first:first + annual.shape[-1]] |= np.isfinite(annual).any(axis=0)

    @property
    def pixels_valid(self):
        """Pixels with seasons in at least one year."""
        return int(self._with_data.sum())


class SeasonsByYear:
    """Seasons of monthly grids that arrive month by month, in order (the import's pass, so
    that its monthly stacks are not read again): each whole calendar year is classified, and
    written, when its December arrives, in strips of rows (so that the kernel's arrays stay within
    a tile's budget).  Holds one year of the four layers."""

    def __init__(self, out, grid, keys, month_versions, rank_by="total", log=None, product=GLDAS,
                 argument="outputs"):
        check_rank_by(rank_by)
        self.years = whole_years(keys, "the imported months", log)[0]
        self._index = {y: i for i, y in enumerate(self.years)}
        versions = dict(zip(keys, month_versions))
        self._rank_by = rank_by
        self.writers = SeasonWriters(out, grid, self.years,
                                     [versions[(y, m)] for y in self.years for m in range(1, 13)], rank_by,
                                     product, argument)
        self._year = np.empty((len(LAYER_KEYS), 1, 12, grid.height * grid.width), np.float32)
        self._width = grid.width
        # the kernel's arrays per pixel-year: the 48 months, float64 totals and orders, the outputs
        self._strips = row_tiles(grid.height, CLASSIFY_BYTES_PER_PIXEL_YEAR * grid.width)

    def add(self, year, month, layers):
        """The four layers' grids (rows, cols) of one month."""
        if year not in self._index:
            return
        for d, grid in enumerate(layers):
            self._year[d, 0, month - 1].reshape(grid.shape)[...] = grid
        if month == 12:
            for r0, r1 in self._strips:
                strip = self._year[..., r0 * self._width:r1 * self._width]
                self.writers.write(classify_tile(strip, self._rank_by), year0=self._index[year], row0=r0)


@dataclass
class SeasonsResult:
    years: list
    pixels_valid: int


def run_seasons(inputs, outputs, rank_by="total", progress=None, log=None, argument="outputs"):
    """Classify wetness seasons from four monthly stacks and write the outputs.

    ``outputs`` keys: ``codes`` (bands YYYY-MM), ``seasonal_<layer key>``
    (bands ``YYYY H-S`` ... year by year), ``annual_tsm`` (bands YYYY) and,
    with ``rank_by="layer"``, ``codes_layers`` (bands ``YYYY-MM 0-10 cm`` ...,
    layer by layer, labelled with the depths of the product the stacks record).  The bands:
    :func:`season_bands`.
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
    with Outputs({s.name: s.path for s in stacks}, rasters=season_targets(outputs, rank_by, argument), log=log) as out, \
            Behind(depth=1) as behind:
        writers = SeasonWriters(out, grid, years, month_versions, rank_by, stacks[0].product, argument)
        # the 4 layers' float32 months, and the kernel's outputs (about twice as much)
        def read(strip):
            shape = (len(years), 12, strip.pixels)
            return np.stack([s.read(strip.row0, strip.row1, bands).reshape(shape)
                             for s, bands in zip(stacks, index)]), rank_by
        # written while the next tile is read and ranked
        Tiles(grid, CLASSIFY_BYTES_PER_PIXEL_YEAR * len(years), writers.all).run(
            read, classify_tile, write=lambda result, strip: writers.write(result, row0=strip.row0),
            progress=progress, behind=behind)
    return SeasonsResult(years, writers.pixels_valid)
