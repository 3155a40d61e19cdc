"""Ecosystems from MODIS MCD12C1 IGBP land cover (Li et al. 2025, section 2.2).

The 0.05 deg IGBP classes inside each cell of a reference grid (20 x 20 at
1 deg, 5 x 5 at 0.25 deg) give the cell one ecosystem: Forests 1 = IGBP 1-5;
Shrublands 2 = 6, 7, 8, 9, 11; Grasslands 3 = 10; Croplands 4 = 12, 14;
IGBP 0, 13, 15, 16 are excluded.

* METHOD "groups" (the default, the paper's order): the excluded classes and
  fill (255) become NaN first and do not vote; the other cells are regrouped;
  the block takes the most frequent of the four groups among its valid cells.
  A block without a valid cell is NaN.
* METHOD "classes": the most frequent of the 17 IGBP classes (fill not
  counted), then regrouped; NaN where that class is excluded.

Ties go to the smaller code.
"""
from functools import partial

import numpy as np
from osgeo import gdal

from ..bands import Band, BandMap
from ..errors import TsmvError, named
from ..kernels.blocks import block_mode
from ..io.outputs import Outputs
from ..progress import as_log, as_progress
from ..io.files import check_file
from ..io.raster import (CheckedBand, Grid, aligned_window, band_decoding, check_crs, nodata_mask, open_raster,
                     raster_grid, read_fine_block)
from ..io.style import categorical
from .tiles import Tiles

ECOSYSTEMS = ("Forests", "Shrublands", "Grasslands", "Croplands")
ECOSYSTEM_CLASSES = [(1, "Forests", "#1b7837"), (2, "Shrublands", "#c2a5cf"),
                     (3, "Grasslands", "#d9f0a3"), (4, "Croplands", "#fdb863")]
#: The one band of the OUTPUT.
ECOSYSTEM_BANDS = BandMap([Band("ecosystem", "", "ecosystem (%s)" % ", ".join("%d %s" % (code, name) for code, name, _
                                                                             in ECOSYSTEM_CLASSES),
                                partial(categorical, ECOSYSTEM_CLASSES))])
GROUP_OF_IGBP = {1: 1, 2: 1, 3: 1, 4: 1, 5: 1, 6: 2, 7: 2, 8: 2, 9: 2, 11: 2, 10: 3, 12: 4, 14: 4}
#: MCD12C1's fill value: a cell without a class.
IGBP_FILL = 255
CMG = (-180.0, 0.05, 0.0, 90.0, 0.0, -0.05)
SUBDATASET = 'HDF4_EOS:EOS_GRID:"%s":MOD12C1:Majority_Land_Cover_Type_1'
#: The code a cell gets when it must not vote in its block (the counts pass over it).
NO_VOTE = 255


def group_lut():
    """IGBP code (0..255) -> ecosystem 1..4; excluded classes and fill become NO_VOTE."""
    lut = np.full(256, NO_VOTE, np.uint8)
    for igbp, group in GROUP_OF_IGBP.items():
        lut[igbp] = group
    return lut


def class_lut():
    lut = np.arange(256, dtype=np.uint8)
    lut[IGBP_FILL] = NO_VOTE
    return lut


def collapsed(gt, width, height):
    """Whether a 7200 x 3600 raster's georeferencing is the collapsed extent GDAL reports for the
    HDF4 CMG grid of MCD12C1 (the whole grid within a degree of (0, 0), e.g. corners +-0.05,
    +-0.025), or none at all (GDAL's (0, 1, 0, 0, 0, 1)): only then is the documented CMG
    geotransform used."""
    if (width, height) != (7200, 3600):
        return False
    if gt is None or tuple(gt) == (0.0, 1.0, 0.0, 0.0, 0.0, 1.0):
        return True
    xs = (gt[0], gt[0] + gt[1] * width + gt[2] * height)
    ys = (gt[3], gt[3] + gt[4] * width + gt[5] * height)
    return max(map(abs, xs + ys)) < 1.0


def open_igbp(path, log=None):
    """The IGBP dataset (an MCD12C1 .hdf, its subdataset, or any GDAL raster) and its geotransform:
    its own, except the collapsed CMG extent (:func:`collapsed`), which becomes CMG."""
    log = as_log(log)
    source = str(path)
    if source.lower().endswith(".hdf") and not source.upper().startswith("HDF4"):
        check_file(source, named("source"))
        source = SUBDATASET % path
    if source.upper().startswith("HDF4") and gdal.GetDriverByName("HDF4") is None:
        raise TsmvError("this GDAL has no HDF4 driver, so it cannot read %s. Export the "
                        "Majority_Land_Cover_Type_1 layer to GeoTIFF with a GDAL that has it "
                        "(gdal_translate '%s' igbp.tif) and use the GeoTIFF" % (path, SUBDATASET % path))
    ds = open_raster(source, named("source"), check_geographic=False)
    gt = ds.GetGeoTransform(can_return_null=True)
    if collapsed(gt, ds.RasterXSize, ds.RasterYSize):
        log("GDAL reports %r for the 0.05 deg CMG grid of %s, a collapsed extent; using (-180, 0.05, "
            "0, 90, 0, -0.05)" % (gt, path))
        gt = CMG
    elif gt is None:
        raise TsmvError("⟨source⟩ %s: cannot read where it lies on the Earth (it has no "
                        "geotransform); give the MCD12C1 .hdf or a GeoTIFF on the 0.05 degree grid" % path)
    check_crs(ds, named("source"), path, gt)
    return ds, gt


def ecosystem_tile(codes, ratio, method="groups"):
    """Ecosystem codes (1-4, NaN elsewhere; float32) of the ratio x ratio blocks of IGBP ``codes``
    (uint8, fill IGBP_FILL), as METHOD says."""
    lut, n_codes = (class_lut(), 17) if method == "classes" else (group_lut(), 5)
    mode = block_mode(lut[codes], ratio, ratio, n_codes)
    if method == "classes":
        regroup = np.full(18, np.nan, np.float32)
        for igbp, group in GROUP_OF_IGBP.items():
            regroup[igbp] = group
        result = np.where(mode >= 0, regroup[np.maximum(mode, 0)], np.nan)
    else:
        result = np.where(mode > 0, mode, np.nan)
    return result.astype(np.float32)


METHODS = ("groups", "classes")  # METHOD 0, 1 of tsmv:landcover


def run_landcover(source, reference, output, method="groups", progress=None, log=None):
    """Ecosystem codes (1-4, NaN elsewhere) of IGBP land cover on the REFERENCE grid."""
    if method not in METHODS:
        raise TsmvError("⟨method⟩ must be 'groups' (regroup, then the mode of the valid cells) or "
                        "'classes' (the mode of the IGBP classes, then regroup)")
    progress = as_progress(progress)
    ds, gt = open_igbp(source, log)
    fine = Grid.from_geotransform(gt, ds.RasterXSize, ds.RasterYSize, named("source"), source)
    band = ds.GetRasterBand(1)
    if band.DataType != gdal.GDT_Byte:
        raise TsmvError("⟨source⟩ %s is %s; MCD12C1 IGBP classes are bytes (0-16, fill 255)"
                        % (source, gdal.GetDataTypeName(band.DataType)))
    _, nodata, scale, offset = band_decoding(band, named("source"), source)
    if (scale, offset) != (1.0, 0.0):
        raise TsmvError("⟨source⟩ %s declares scale %g and offset %g; IGBP classes are codes, "
                        "not quantities, so TSMV does not rescale them" % (source, scale, offset))
    band = CheckedBand(band, named("source"), source)
    grid = raster_grid(reference, "⟨reference⟩ raster")
    ratio, col0, row0 = aligned_window(grid, fine, named("source"))
    allowed = np.zeros(256, bool)
    allowed[list(range(17)) + [IGBP_FILL]] = True
    with Outputs({named("source"): str(source), named("reference"): str(reference)}, rasters={named("output"): output},
                 log=log, described={named("source"): {"product": "MODIS MCD12C1 (IGBP land cover)"}}) as out:
        writer = ECOSYSTEM_BANDS.stack(out, named("output"), grid, metadata={"TSMV_KIND": "ecosystems", "METHOD": method})

        def read(strip):
            codes = read_fine_block(band, fine, ratio, col0, row0, strip.row0, strip.row1, grid.width,
                                    IGBP_FILL, np.uint8)
            codes[nodata_mask(codes, nodata)] = IGBP_FILL  # a declared nodata does not vote either
            if not allowed[codes].all():
                bad = np.unique(codes[~allowed[codes]])
                raise TsmvError("⟨source⟩ %s has codes outside IGBP 0-16 and fill 255: %s"
                                % (source, ", ".join(str(v) for v in bad[:10])))
            return (codes,)

        def compute(codes):
            return {"OUTPUT": ecosystem_tile(codes, ratio, method)}
        # the fine cells of a strip
        Tiles(grid, ratio * ratio * 8, {"OUTPUT": writer}).run(read, compute, progress=progress)
    return grid
