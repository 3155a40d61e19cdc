"""GeoTIFF stacks: labelled, float32, NaN nodata, EPSG:4326, north-up.

Writers write to temporary files of a run (:mod:`tsmv_qgis.io.outputs`), which
publishes them together or removes them; every GDAL write is checked.  Readers
refuse what they cannot read correctly: a raster not in geographic WGS 84, a
band without a label, a label used twice, a stack of the wrong kind.
"""
import contextlib
import functools
import math
import os
import shutil
import threading
from dataclasses import dataclass

import numpy as np
from osgeo import gdal, gdal_array, osr

from ..io.coverage import VERSION, join_versions
from ..io import lineage
from ..errors import TsmvError, named
from ..io.files import check_file
from ..labels import KIND_NAMES, KIND_PATTERNS, LAYER_KEYS, classify
from ..products.catalogue import PRODUCTS, product_of

#: Bytes of input a kernel may hold per tile (all bands of a strip of rows).
TILE_BYTES = 64 * 2**20
#: Finite values kept per writer to choose a style's colour range.
_STYLE_SAMPLE = 200_000
#: GDAL's block cache while a run works (its default is 5 % of the RAM): every pass reads
#: and writes each block once, so a larger cache only holds memory.
GDAL_CACHE_BYTES = 64 * 2**20

_cache_lock = threading.Lock()
_cache_runs = [0, None]  # runs inside capped_gdal_cache, GDAL's cache size before the first


@contextlib.contextmanager
def capped_gdal_cache():
    """GDAL's cache at most GDAL_CACHE_BYTES while a run works, restored when the last run
    leaves (runs may overlap in QGIS's threads; the cache size is GDAL's, for the process)."""
    with _cache_lock:
        if _cache_runs[0] == 0:
            _cache_runs[1] = gdal.GetCacheMax()
            gdal.SetCacheMax(min(_cache_runs[1], GDAL_CACHE_BYTES))
        _cache_runs[0] += 1
    try:
        yield
    finally:
        with _cache_lock:
            _cache_runs[0] -= 1
            if _cache_runs[0] == 0:
                gdal.SetCacheMax(_cache_runs[1])


def wgs84():
    """Geographic WGS 84 (EPSG:4326), the CRS of every TSMV raster."""
    srs = osr.SpatialReference()
    srs.ImportFromEPSG(4326)
    return srs


@dataclass(frozen=True)
class Grid:
    """A north-up regular lon/lat grid: west and north edges, cell sizes, shape."""
    x0: float
    y0: float
    dx: float
    dy: float
    width: int
    height: int

    @property
    def geotransform(self):
        return (self.x0, self.dx, 0.0, self.y0, 0.0, -self.dy)

    @classmethod
    def from_geotransform(cls, gt, width, height, what="raster", path=""):
        """The grid of a GDAL geotransform; a rotated, south-up or east-to-west one is refused
        naming ``what`` (the parameter or role) and ``path``."""
        problem = ("is rotated or sheared" if gt[2] != 0 or gt[4] != 0 else
                   "has rows running south to north (south-up)" if gt[5] > 0 else
                   "has columns running east to west" if gt[1] < 0 else
                   "has cells of no size" if gt[1] == 0 or gt[5] == 0 else None)
        if problem:
            raise TsmvError("%s: is not a north-up grid: it %s (geotransform %s); TSMV reads north-up "
                            "lon/lat grids: make one with gdalwarp -t_srs EPSG:4326 in.tif out.tif"
                            % (" ".join(str(p) for p in (what, path) if p), problem,
                               ", ".join("%g" % v for v in gt)))
        return cls(gt[0], gt[3], gt[1], -gt[5], width, height)

    def lat(self):
        """Latitude of each row's centre, north to south."""
        return self.y0 - self.dy * (np.arange(self.height) + 0.5)

    def lon(self):
        return self.x0 + self.dx * (np.arange(self.width) + 0.5)

    def cell_weights(self):
        """Area weight of each row (cell area is proportional to cos latitude)."""
        return np.cos(np.deg2rad(self.lat()))

    def same_as(self, other, tolerance=1e-6):
        return (self.width, self.height) == (other.width, other.height) and all(
            abs(a - b) <= tolerance * max(1.0, abs(b))
            for a, b in zip(self.geotransform, other.geotransform))

    def describe(self):
        return "%d x %d cells of %g x %g deg from (%g, %g)" % (
            self.width, self.height, self.dx, self.dy, self.x0, self.y0)


def row_tiles(height, bytes_per_row, budget=None, align=1):
    """Consecutive (row0, row1) strips of about ``budget`` bytes (default TILE_BYTES),
    each a multiple of ``align`` rows."""
    budget = TILE_BYTES if budget is None else budget
    rows = max(1, int(budget // max(1, bytes_per_row)))
    rows = max(align, rows // align * align)
    return [(r, min(r + rows, height)) for r in range(0, height, rows)]


class GdalErrors:
    """Collect GDAL's errors in this thread instead of printing them.

    ``what``, ``path`` and ``action`` say what was being done: where GDAL raises
    (bindings with exceptions on), the exception becomes a TsmvError naming them.

    >>> with GdalErrors("OUTPUT", path) as errors:
    ...     band.WriteArray(a)
    >>> errors.raise_for("OUTPUT", path)  # a TsmvError if GDAL reported a failure
    """

    def __init__(self, what=None, path=None, action="write"):
        self.what, self.path, self.action = what, path, action

    def __enter__(self):
        self.messages = []

        def handler(error_class, number, message):
            if error_class >= gdal.CE_Failure:
                self.messages.append(message)
        self._handler = handler  # GDAL keeps no reference of its own
        gdal.PushErrorHandler(handler)
        return self

    def __exit__(self, exc_type, exc, tb):
        gdal.PopErrorHandler()
        if exc_type is RuntimeError and self.what is not None:
            self.messages.append(str(exc))
            raise TsmvError(self.refusal(self.what, self.path, self.action)) from None
        return False

    def message(self, default="GDAL could not read it"):
        """GDAL's messages, on one line (GDAL 3.9+ adds lines "May be caused by: ...")."""
        return "; ".join(dict.fromkeys(" ".join(m.split("\n")) for m in self.messages)) or default

    def refusal(self, what, path, action):
        """The one wording of a GDAL failure: an input is named first, an output by its target."""
        if action in ("open", "read"):
            return "%s %s: cannot %s it (%s)" % (what, path, action, self.message())
        message = self.message("GDAL write error")
        if "No space left" not in message and _disk_full(path):
            message += "; No space left on device"  # libtiff's own words vary between versions
        return "%s: cannot %s %s (%s)" % (what, action, path, message)

    def raise_for(self, what, path, action="write"):
        if self.messages:
            raise TsmvError(self.refusal(what, path, action))


def _disk_full(path):
    """Whether the folder of ``path`` has (almost) no space left."""
    try:
        return shutil.disk_usage(os.path.dirname(os.path.abspath(path))).free < 1 << 20
    except OSError:
        return False


def check_crs(ds, what, path, geotransform=None):
    """Refuse a raster that is not on geographic WGS 84 lon/lat (no CRS: taken as EPSG:4326
    when its extent is in degrees)."""
    wkt = ds.GetProjection()
    if not wkt:
        gt, w, h = geotransform or ds.GetGeoTransform(), ds.RasterXSize, ds.RasterYSize
        xs = (gt[0], gt[0] + gt[1] * w)
        ys = (gt[3], gt[3] + gt[5] * h)
        if min(xs) < -360.001 or max(xs) > 360.001 or min(ys) < -90.001 or max(ys) > 90.001:
            raise TsmvError("%s %s has no CRS and its extent (x %g..%g, y %g..%g) is not in degrees; "
                            "TSMV needs geographic WGS 84 (EPSG:4326): assign or reproject it with "
                            "gdalwarp -t_srs EPSG:4326" % (what, path, min(xs), max(xs), min(ys), max(ys)))
        return
    srs = osr.SpatialReference()
    if srs.ImportFromWkt(wkt) != 0:
        raise TsmvError("%s %s has a CRS GDAL cannot read (%s...)" % (what, path, wkt[:60]))
    if srs.IsGeographic() and srs.IsSameGeogCS(wgs84()):
        return
    code = srs.GetAuthorityCode(None)
    name = srs.GetName() if hasattr(srs, "GetName") else srs.GetAttrValue("PROJCS") or srs.GetAttrValue("GEOGCS")
    crs = "%s (%s:%s)" % (name, srs.GetAuthorityName(None), code) if code else name
    kind = "a projected CRS" if srs.IsProjected() else "a CRS other than WGS 84 lon/lat"
    raise TsmvError("%s %s is in %s, %s; TSMV reads geographic WGS 84 (EPSG:4326) only. Reproject it "
                    "first: gdalwarp -t_srs EPSG:4326 in.tif out.tif (Raster > Projections > Warp in QGIS)"
                    % (what, path, crs, kind))


def read_checked(what, path, read, *args, **kwargs):
    """``read(*args, **kwargs)`` (a GDAL ReadAsArray or ReadRaster), or a TsmvError naming ``what``
    and ``path`` when it returns None or GDAL reports a failure: a file cut short must not hand
    on what its buffer held before."""
    with GdalErrors(what, path, "read") as errors:
        got = read(*args, **kwargs)
    if got is None or errors.messages:
        raise TsmvError(errors.refusal(what, path, "read"))
    return got


class CheckedBand:
    """A GDAL band whose ReadAsArray is :func:`read_checked` (e.g. for :func:`read_fine_block`)."""

    def __init__(self, band, what, path):
        self.band, self.what, self.path = band, what, path

    def ReadAsArray(self, *args, **kwargs):  # noqa: N802 - GDAL's name
        return read_checked(self.what, self.path, self.band.ReadAsArray, *args, **kwargs)


def numpy_type(band, what, path):
    """The numpy type of a band's values; a complex band is refused (TSMV reads real values)."""
    kind = np.dtype(gdal_array.GDALTypeCodeToNumericTypeCode(band.DataType) or np.float64)
    if kind.kind == "c":
        raise TsmvError("%s %s: its values are complex (%s); TSMV reads real values only"
                        % (what, path, gdal.GetDataTypeName(band.DataType)))
    return kind


def nodata_mask(values, nodata):
    """Where ``values`` (of the file's own type, before any conversion) equal the declared
    ``nodata``: an integer nodata is compared as an integer (float32 would merge neighbours of a
    large one), one the type cannot hold matches nothing; NaN is always missing for floats."""
    if values.dtype.kind == "f":
        missing = np.isnan(values)
        if nodata is not None and not math.isnan(nodata):
            with np.errstate(over="ignore"):
                missing |= values == values.dtype.type(nodata)
        return missing
    if nodata is None or not math.isfinite(nodata) or nodata != int(nodata):
        return np.zeros(values.shape, bool)
    info = np.iinfo(values.dtype)
    if not info.min <= int(nodata) <= info.max:
        return np.zeros(values.shape, bool)
    return values == values.dtype.type(int(nodata))


def band_nodata(band):
    """A band's declared nodata, exact for 64-bit integer bands; None when it declares none."""
    if band.DataType in (getattr(gdal, "GDT_Int64", None), getattr(gdal, "GDT_UInt64", None)):
        getter = band.GetNoDataValueAsInt64 if band.DataType == gdal.GDT_Int64 else band.GetNoDataValueAsUInt64
        return getter()
    return band.GetNoDataValue()


def band_decoding(band, what, path):
    """(numpy type, nodata, scale, offset) of a band: how its stored values become numbers.  A
    scale of 0 (every value would be the offset) or a scale or offset that is not a finite number
    is refused."""
    scale, offset = band.GetScale(), band.GetOffset()
    scale, offset = 1.0 if scale is None else scale, 0.0 if offset is None else offset
    if scale == 0 or not math.isfinite(scale) or not math.isfinite(offset):
        raise TsmvError("%s %s: band %d declares scale %g and offset %g, which cannot give its values "
                        "(unset them with gdal_edit.py -unsetstats, or set the right ones with "
                        "gdal_edit.py -scale -offset)" % (what, path, band.GetBand(), scale, offset))
    return numpy_type(band, what, path), band_nodata(band), scale, offset


def open_raster(path, what="raster", check_geographic=True):
    """Open ``path`` with GDAL (and check its CRS), or raise a TsmvError naming it.  Only a regular
    file (or a folder, for GDAL's folder formats) is opened (:func:`tsmv_qgis.io.files.check_file`)."""
    check_file(path, what)
    with GdalErrors(what, path, "open") as errors:
        ds = gdal.Open(str(path))
    if ds is None:
        raise TsmvError(errors.refusal(what, path, "open"))
    if check_geographic:
        if ds.GetGeoTransform(can_return_null=True) is None:
            raise TsmvError("%s %s: cannot read where it lies on the Earth (it has no geotransform): a damaged "
                            "or truncated file, or a raster never georeferenced; give a GeoTIFF on a "
                            "lon/lat grid (EPSG:4326)" % (what, path))
        check_crs(ds, what, path)
    return ds


def raster_grid(path, what="raster"):
    """The Grid of a raster file."""
    ds = open_raster(path, what)
    return Grid.from_geotransform(ds.GetGeoTransform(), ds.RasterXSize, ds.RasterYSize, what, path)


def aligned_window(grid, fine, name="INPUT"):
    """(ratio, col0, row0): the reference ``grid`` as blocks of ``ratio`` cells of ``fine``."""
    ratio = grid.dx / fine.dx
    col0 = (grid.x0 - fine.x0) / fine.dx
    row0 = (fine.y0 - grid.y0) / fine.dy
    if (abs(grid.dx - grid.dy) > 1e-9 or abs(fine.dx - fine.dy) > 1e-9
            or any(abs(v - round(v)) > 1e-6 for v in (ratio, col0, row0)) or round(ratio) < 1):
        raise TsmvError("%s (%g deg cells from %g, %g) is not aligned with the ⟨reference⟩ grid (%s): "
                        "each reference cell must hold whole %g deg cells"
                        % (name, fine.dx, fine.x0, fine.y0, grid.describe(), fine.dx))
    return int(round(ratio)), int(round(col0)), int(round(row0))


def read_fine_block(band, fine, ratio, col0, row0, r0, r1, width, fill, dtype, out=None):
    """The fine cells under reference rows r0..r1, padded with ``fill`` outside the raster;
    read into ``out`` when given (same shape and type), else into a new array."""
    rows, cols = (r1 - r0) * ratio, width * ratio
    if out is None:
        out = np.empty((rows, cols), dtype)
    y0, x0 = row0 + r0 * ratio, col0
    ya, yb = max(y0, 0), min(y0 + rows, fine.height)
    xa, xb = max(x0, 0), min(x0 + cols, fine.width)
    if (ya, yb, xa, xb) == (y0, y0 + rows, x0, x0 + cols):  # all inside: read in place
        band.ReadAsArray(xa, ya, cols, rows, buf_obj=out)
        return out
    out.fill(fill)
    if ya < yb and xa < xb:
        out[ya - y0:yb - y0, xa - x0:xb - x0] = band.ReadAsArray(xa, ya, xb - xa, yb - ya)
    return out


#: What a TSMV stack holds (band metadata TSMV_KIND), so a stack given in the wrong role is refused.
CONTENTS = {
    "soil moisture": "soil moisture (kg m-2)",
    "season codes": "season codes (SEASON_CODES of tsmv:seasons)",
    "season codes by layer": "season codes of each layer (SEASON_CODES_LAYERS of tsmv:seasons)",
    "gpp": "GPP (OUTPUT of tsmv:gpp)",
    "ecosystems": "ecosystem codes (OUTPUT of tsmv:landcover)",
    "trend": "trend statistics (OUTPUT of tsmv:trend)",
    "changepoint": "change points (OUTPUT of tsmv:changepoint)",
    "attribution": "attribution results (tsmv:attribution)",
    "correlation": "correlations (tsmv:correlation)",
}


def content_of(metadata):
    """What a stack holds according to its metadata, or None when it does not say."""
    kind = metadata.get("TSMV_KIND", "")
    if kind in CONTENTS:
        return kind
    units = metadata.get("UNITS", "")  # stacks written before TSMV_KIND named the content
    if units == "kg m-2" and kind in ("", "monthly"):
        return "soil moisture"
    if units.startswith("g C") and kind in ("", "monthly"):
        return "gpp"
    return None


class Stack:
    """A labelled multi-band raster opened for reading tile by tile.

    ``name`` is the parameter or role the stack plays, used in messages.
    ``kinds``: the label kinds accepted (``"month"``, ``"year"``, ``"season"``;
    see :func:`tsmv_qgis.labels.classify`), None for any labels.
    ``content``: what the stack must hold (a key of CONTENTS, or a tuple of them) when its
    metadata says; ``layer``: the soil layer it must hold ('0-10 cm') when its metadata says
    (TSMV_LAYER).  This is the one way TSMV opens a raster input: what a TSMV stack records
    of itself is checked here against the role it is given; :mod:`tsmv_qgis.io.lineage` checks
    it against the run's other inputs.
    Every band must have a label and no label may appear twice.
    """

    def __init__(self, path, name="INPUT", kinds=None, content=None, layer=None):
        self.path = str(path)
        self.name = name
        self._ds = open_raster(path, name)
        ds = self._ds
        self.grid = Grid.from_geotransform(ds.GetGeoTransform(), ds.RasterXSize, ds.RasterYSize, name, self.path)
        self.count = ds.RasterCount
        self.labels = [ds.GetRasterBand(b + 1).GetDescription() for b in range(self.count)]
        unlabelled = [b + 1 for b, lab in enumerate(self.labels) if not lab]
        if unlabelled:
            raise TsmvError(
                "%s %s: band %d has no label; TSMV stacks label every band "
                "(e.g. '2000-01', '2000', '2000 H-S'). Make the stack with a TSMV "
                "algorithm or set the band descriptions." % (name, self.path, unlabelled[0]))
        first = {}
        for b, label in enumerate(self.labels):
            if label in first:
                raise TsmvError("%s %s: the label '%s' is on bands %d and %d; each band needs its own "
                                "label" % (name, self.path, label, first[label] + 1, b + 1))
            first[label] = b
        self._band_of = first
        # how each band's stored values become numbers: (type, nodata, scale, offset)
        self._decoding = [band_decoding(ds.GetRasterBand(b + 1), name, self.path) for b in range(self.count)]
        self.metadata = ds.GetMetadata() or {}
        self._versions = None
        self.content = content_of(self.metadata)
        wanted = (content,) if isinstance(content, str) else content
        if wanted is not None and self.content is not None and self.content not in wanted:
            raise TsmvError("%s %s holds %s, not %s" % (name, self.path, CONTENTS[self.content],
                                                        " or ".join(CONTENTS[c] for c in wanted)))
        self.product = product_of(self.metadata.get(lineage.PRODUCT))
        if self.product is None:
            raise TsmvError("%s %s records the product %s (TSMV_PRODUCT), which this TSMV does not know "
                            "(it knows %s)" % (name, self.path, self.metadata[lineage.PRODUCT],
                                               ", ".join(p.key for p in PRODUCTS)))
        recorded = lineage.recorded_layer(self.metadata)
        if layer is not None and recorded and recorded != layer:
            raise TsmvError("%s %s holds the %s layer (its metadata TSMV_LAYER or TSMV_OUTPUT), not %s; "
                            "give the %s stack" % (name, self.path, recorded, layer, layer))
        self.kind = self.keys = None
        if kinds is not None:
            self.kind, self.keys = classify(self.labels, "%s %s" % (name, self.path))
            if self.kind not in kinds:
                raise TsmvError("%s %s is a %s stack (bands like '%s'); it must be %s"
                                % (name, self.path, KIND_NAMES[self.kind], self.labels[0], " or ".join(
                                    "%s (bands %s)" % (KIND_NAMES[k], KIND_PATTERNS[k]) for k in kinds)))

    def metadata_units(self):
        return self.metadata.get("UNITS", "")

    @property
    def band_versions(self):
        """The GLDAS version(s) each band was made from ('2.0', '2.0 2.1'; '' where unknown)."""
        if self._versions is None:
            self._versions = [self._ds.GetRasterBand(b + 1).GetMetadataItem(VERSION) or ""
                              for b in range(self.count)]
        return self._versions

    def version_of(self, label):
        """The GLDAS version(s) of the band labelled ``label`` ('' where unknown or absent)."""
        band = self._band_of.get(label)
        return "" if band is None else self.band_versions[band]

    def versions(self, bands=None):
        """The GLDAS versions of ``bands`` (0-based; default all) as '2.0 2.1'; '' if unknown."""
        found = self.band_versions if bands is None else [self.band_versions[b] for b in bands]
        return join_versions(found)

    def bands(self, labels):
        """Band indices (0-based) of ``labels``: stacks are read by label, not position."""
        try:
            return np.array([self._band_of[label] for label in labels], np.int64)
        except KeyError as e:
            raise TsmvError("%s %s has no band '%s'" % (self.name, self.path, e.args[0])) from None

    def read(self, row0, row1, bands=None):
        """Bands (0-based indices, default all) of rows row0..row1 as float32: nodata -> NaN
        (compared in the band's own type), then the band's scale and offset applied."""
        bands = list(range(self.count)) if bands is None else [int(b) for b in bands]
        out = np.empty((len(bands), row1 - row0, self.grid.width), np.float32)

        def read(*args, **kwargs):
            with GdalErrors(self.name, self.path, "read") as errors:
                got = self._ds.ReadAsArray(0, row0, self.grid.width, row1 - row0, *args, **kwargs)
            if got is None or errors.messages:
                raise TsmvError("%s %s: cannot read rows %d-%d (%s)" % (
                    self.name, self.path, row0 + 1, row1, errors.message("a damaged or truncated file?")))
            return got
        if all(self._decoding[b][0] == np.float32 and self._decoding[b][2:] == (1.0, 0.0) for b in bands):
            read(buf_obj=out, band_list=[b + 1 for b in bands])
            for i, b in enumerate(bands):
                nodata = self._decoding[b][1]
                if nodata is not None and not math.isnan(nodata):  # NaN is NaN already
                    out[i][nodata_mask(out[i], nodata)] = np.nan
            return out
        for i, b in enumerate(bands):
            kind, nodata, scale, offset = self._decoding[b]
            raw = read(band_list=[b + 1]).reshape(out.shape[1:])
            missing = nodata_mask(raw, nodata)
            if (scale, offset) == (1.0, 0.0):
                out[i] = raw
            else:
                out[i] = raw * np.float64(scale) + np.float64(offset)
            out[i][missing] = np.nan
        return out

    def close(self):
        self._ds = None


@contextlib.contextmanager
def no_gzip_index():
    """In this thread, GDAL's /vsigzip/ leaves no index (x.gz.properties) beside the file it
    reads: inputs are never modified.  Datasets opened under it must be closed under it."""
    gdal.SetThreadLocalConfigOption("CPL_VSIL_GZIP_WRITE_PROPERTIES", "NO")
    try:
        yield
    finally:
        gdal.SetThreadLocalConfigOption("CPL_VSIL_GZIP_WRITE_PROPERTIES", None)


def file_metadata(path):
    """The metadata of a file as GDAL reads it (a netCDF's global attributes as
    ``NC_GLOBAL#name``), {} for a file GDAL cannot open."""
    path = str(path)
    if not os.path.isfile(path):
        return {}
    try:
        with GdalErrors(), no_gzip_index():
            ds = gdal.OpenEx(("/vsigzip/" + path) if path.lower().endswith(".gz") else path,
                             gdal.OF_RASTER | gdal.OF_READONLY)
            metadata = dict(ds.GetMetadata() or {}) if ds is not None else {}
            ds = None  # closed under the option
            return metadata
    except RuntimeError:  # GDAL bindings with exceptions on: not a raster GDAL reads
        return {}


def same_grid(stack, other, what=None):
    """Refuse ``stack`` when it is not on the grid of ``other`` (naming both)."""
    if not stack.grid.same_as(other.grid):
        raise TsmvError("%s %s is on another grid (%s) than %s %s (%s)"
                        % (stack.name, stack.path, stack.grid.describe(), what or other.name,
                           other.path, other.grid.describe()))


def product_layers(stacks, advice, positions=(0, 1, 2, 3)):
    """The product whose layers the ``stacks`` hold, at ``positions`` (0 top ... 3 bottom; all
    four by default): they must record one product (a stack that records none is GLDAS-Noah's)
    and each its own layer of it."""
    lineage.agree(stacks, lineage.PRODUCT, "product", advice)
    recorded = [s for s in stacks if s.metadata.get(lineage.PRODUCT)]
    product = recorded[0].product if recorded else stacks[0].product
    for position, stack in zip(positions, stacks):
        layer, depth = lineage.recorded_layer(stack.metadata), product.depths[position]
        if layer and layer != depth:
            raise TsmvError("%s %s holds the %s layer (its metadata TSMV_LAYER or TSMV_OUTPUT), not %s's "
                            "%s layer (%s); give the four layers of one product top to bottom: %s"
                            % (stack.name, stack.path, layer, product.key,
                               ("top", "second", "third", "bottom")[position], depth,
                               ", ".join(product.depths)))
    return product


def seasonal_files(inputs, season_codes=None, codes=False):
    """The seasonal stacks ``inputs`` ({layer key: path}) with the layers left empty (None or
    '') taken from the run that wrote the first layer's stack, and with ``codes`` also
    ``season_codes`` when empty (that run's season codes: per layer when it ranked each layer
    on its own): ``(inputs, season_codes)``.  The run recorded where it wrote them; a file
    counts only when it records being that output of that run (:func:`lineage.run_files`).
    Anything else is refused, naming what to give."""
    wanted = [k for k in LAYER_KEYS if not inputs.get(k)] + (["codes"] if codes and not season_codes else [])
    if not wanted:
        return inputs, season_codes
    first = inputs.get(LAYER_KEYS[0])
    names = {k: named("season_codes") if k == "codes" else named("inputs", k) for k in wanted}
    if not first:
        raise TsmvError("%s is empty: give the first layer's seasonal stack (the others left empty "
                        "are then taken from the run that wrote it)" % named("inputs", LAYER_KEYS[0]))
    check_file(first, named("inputs", LAYER_KEYS[0]))
    if not os.path.exists(first):
        return inputs, season_codes  # the reader says so
    metadata = file_metadata(first)
    output = metadata.get(lineage.OUTPUT) or ""
    prefix, _, stem = output.rpartition(".")
    if not metadata.get(lineage.RUN) or stem != "seasonal_" + LAYER_KEYS[0]:
        raise TsmvError("%s is empty, and %s %s is not a seasonal stack of a TSMV run (it records %s), so "
                        "the other stacks of its run cannot be found; give %s"
                        % (names[wanted[0]], named("inputs", LAYER_KEYS[0]), first,
                           "TSMV_OUTPUT %s" % output if output else "no TSMV run",
                           " and ".join(names.values())))
    rank_by = metadata.get("RANK_BY") or "total"
    roles = {k: "%s.%s" % (prefix, "codes_layers" if rank_by == "layer" else "codes") if k == "codes"
             else "%s.seasonal_%s" % (prefix, k) for k in wanted}
    found = lineage.run_files(first, roles.values(), file_metadata)
    lacking = [k for k in wanted if roles[k] not in found]
    if lacking:
        raise TsmvError("%s %s empty, and the run that wrote %s %s left no such file where it recorded "
                        "it or beside it (moved, renamed or replaced since; or %s); give %s"
                        % (" and ".join(names[k] for k in lacking), "is" if len(lacking) == 1 else "are",
                           named("inputs", LAYER_KEYS[0]), first,
                           "the season codes of each layer not asked for" if "codes" in lacking and rank_by == "layer"
                           else "not written", "it" if len(lacking) == 1 else "them"))
    filled = dict(inputs, **{k: found[roles[k]] for k in wanted if k != "codes"})
    return filled, found.get(roles.get("codes"), season_codes)


def open_layers(paths, name="inputs", kinds=None, content=None, one_run=lineage.LAYERS_RUN):
    """Open the four layer stacks; they must hold one product's four layers in order (where they
    record them; :func:`product_layers`, whose product each stack's ``product`` then is), come
    from one run and share grid, band labels (in any order: stacks are read by
    label), the GLDAS version of each band and the ranking of their seasons, where recorded
    (``one_run`` says of which tool the run is)."""
    stacks = [Stack(paths[k], named(name, k), kinds, content) for k in LAYER_KEYS]
    advice = "give the four layers of " + one_run
    product_layers(stacks, advice)
    lineage.agree(stacks, "RANK_BY", "ranking of the seasons", advice)
    lineage.same_band_versions(stacks, advice)
    lineage.one_run(stacks, advice)
    first = stacks[0]
    for stack in stacks[1:]:
        same_grid(stack, first)
        if set(stack.labels) != set(first.labels):
            extra = sorted(set(stack.labels) - set(first.labels))
            lacking = sorted(set(first.labels) - set(stack.labels))
            raise TsmvError("%s %s has other bands than %s %s (%s)"
                            % (stack.name, stack.path, first.name, first.path,
                               "; ".join(part for part in (
                                   "it has %s" % ", ".join(extra[:3]) if extra else "",
                                   "it lacks %s" % ", ".join(lacking[:3]) if lacking else "") if part)))
    return stacks


class Samples:
    """A strided sample of the finite values written to each band, for styles."""

    def __init__(self):
        self._by_band = {}

    def add(self, band, values):
        self._by_band.setdefault(band, []).append(values)

    def count(self, band):
        return sum(v.size for v in self._by_band.get(band, []))

    def band(self, number):
        """Values of band ``number`` (1-based, as in QGIS)."""
        parts = self._by_band.get(number - 1, [])
        return np.concatenate(parts) if parts else np.empty(0, np.float32)

    def all(self):
        parts = [v for values in self._by_band.values() for v in values]
        return np.concatenate(parts) if parts else np.empty(0, np.float32)


def as_float32(values):
    """``values`` as float32, the type of every TSMV stack, with finite values beyond float32's
    range as NaN rather than infinity; also how many there were."""
    wide = np.asarray(values)
    if wide.dtype == np.float32:
        return wide, 0
    with np.errstate(over="ignore", invalid="ignore"):
        narrow = wide.astype(np.float32)
    over = np.isinf(narrow) & np.isfinite(wide)
    narrow[over] = np.nan
    return narrow, int(over.sum())


#: Bytes of one strip (a block) of a written band, before compression.
STRIP_BYTES = 32 * 2**10


@functools.lru_cache(maxsize=None)
def _compression():
    """ZSTD (fast, about 3x smaller stacks of soil moisture with their NaN seas) where this
    GDAL has it, else DEFLATE level 1; both lossless, both read by every GDAL and QGIS."""
    options = gdal.GetDriverByName("GTiff").GetMetadataItem("DMD_CREATIONOPTIONLIST") or ""
    return ["COMPRESS=ZSTD", "ZSTD_LEVEL=1"] if "ZSTD" in options else ["COMPRESS=DEFLATE", "ZLEVEL=1"]


def creation_options(grid):
    """GeoTIFF options of a stack: band by band, compressed, in strips of about STRIP_BYTES."""
    rows = max(1, min(grid.height, STRIP_BYTES // (4 * grid.width)))
    return ["INTERLEAVE=BAND", "BIGTIFF=IF_SAFER", "BLOCKYSIZE=%d" % rows] + _compression()


class StackWriter:
    """A float32 stack written to a temporary file of a run (:class:`tsmv_qgis.io.outputs.Outputs`).

    Every write is checked (a GDAL error raises a TsmvError naming the output);
    :meth:`finish` closes the file, re-opens it to verify its size, bands and
    labels, and writes its styles, all before the run publishes anything.
    ``style`` is a callable ``style(samples) -> qml_text`` (see
    :mod:`tsmv_qgis.io.style`; ``samples`` is a :class:`Samples` of the values
    written); ``extra_styles`` maps names to more styles, written as
    ``<name>.<key>.qml`` and offered in QGIS as alternative styles of the layer.
    """

    def __init__(self, outputs, name, grid, labels, style=None, metadata=None, extra_styles=None,
                 band_metadata=None):
        self.outputs = outputs
        self.name = name
        self.path = outputs.targets[name]
        self._tmp = outputs.temporary(name, ".tif")
        self.grid = grid
        self.labels = list(labels)
        self._styles = dict(extra_styles or {})
        if style is not None:
            self._styles[None] = style
        self._samples = Samples()
        self.overflow = 0
        metadata = dict(metadata or {}, **outputs.lineage(name))
        driver = gdal.GetDriverByName("GTiff")
        with GdalErrors(name, self.path, "create") as errors:
            self._ds = driver.Create(self._tmp, grid.width, grid.height, len(self.labels),
                                     gdal.GDT_Float32, creation_options(grid))
            if self._ds is not None:
                self._ds.SetGeoTransform(grid.geotransform)
                self._ds.SetProjection(wgs84().ExportToWkt())
                self._ds.SetMetadata({k: str(v) for k, v in metadata.items()})
                for b, label in enumerate(self.labels):
                    band = self._ds.GetRasterBand(b + 1)
                    band.SetDescription(label)
                    band.SetNoDataValue(float("nan"))
                    if band_metadata and band_metadata[b]:
                        band.SetMetadata({k: str(v) for k, v in band_metadata[b].items()})
        if self._ds is None or errors.messages:
            raise TsmvError("%s: cannot create %s (%s)" % (name, self.path, errors.message()))
        self.block_rows = self._ds.GetRasterBand(1).GetBlockSize()[1]

    def add_metadata(self, metadata):
        """Record more dataset metadata (e.g. what the run kept), before :meth:`finish`."""
        with GdalErrors(self.name, self.path) as errors:
            for key, value in metadata.items():
                self._ds.SetMetadataItem(key, str(value))
        errors.raise_for(self.name, self.path)

    def write(self, array, band0=0, row0=0):
        """Write a 2-D band or a 3-D (bands, rows, cols) block at ``band0``, ``row0``.

        Finite values beyond float32's range are written as NaN, not as infinity, and
        counted (:meth:`finish` warns)."""
        array, overflow = as_float32(array)
        self.overflow += overflow
        if array.ndim == 2:
            array = array[None]
        with GdalErrors(self.name, self.path) as errors:
            if array.shape[0] == 1:
                band = self._ds.GetRasterBand(band0 + 1)
                status = band.WriteArray(array[0], 0, row0)
                band.FlushCache()
            else:
                status = self._ds.WriteArray(array, 0, row0,
                                             band_list=list(range(band0 + 1, band0 + 1 + array.shape[0])))
                self._ds.FlushCache()
        if status != 0 or errors.messages:
            raise TsmvError(errors.refusal(self.name, self.path, "write"))
        self._keep_sample(array, band0)

    def _keep_sample(self, array, band0):
        if not self._styles:
            return
        per_band = max(500, _STYLE_SAMPLE // len(self.labels))
        for i, block in enumerate(array):
            if self._samples.count(band0 + i) >= per_band:
                continue
            flat = block.ravel()
            values = flat[::max(1, flat.size // per_band)]
            self._samples.add(band0 + i, values[np.isfinite(values)])

    def finish(self):
        """Close the file, verify it, and write its styles (all still under temporary names)."""
        with GdalErrors(self.name, self.path) as errors:
            ds, self._ds = self._ds, None
            ds.FlushCache()
            ds = None
        errors.raise_for(self.name, self.path)
        self.verify()
        if self.overflow:
            self.outputs.log.warn("%s: %d values beyond the float32 range were written as NaN"
                             % (self.name, self.overflow))
        for key, style in self._styles.items():
            self.outputs.sidecar(self.name, style(self._samples),
                                 ".qml" if key is None else ".%s.qml" % key)

    def verify(self):
        """Re-open the written file: its size, bands and labels must be what was meant, and its
        last row of every band readable (a short write shows there)."""
        errors, ok = GdalErrors(), False
        try:
            with errors:
                ds = gdal.Open(self._tmp)
                try:
                    ok = ds is not None and (ds.RasterXSize, ds.RasterYSize, ds.RasterCount) == (
                        self.grid.width, self.grid.height, len(self.labels))
                    ok = ok and [ds.GetRasterBand(b + 1).GetDescription()
                                 for b in range(ds.RasterCount)] == self.labels
                    ok = ok and all(ds.GetRasterBand(b + 1).ReadRaster(0, self.grid.height - 1, self.grid.width, 1)
                                    is not None for b in range(ds.RasterCount))
                finally:
                    ds = None  # closed even when GDAL raises: the file is removed next
        except RuntimeError as error:  # GDAL bindings with exceptions on (GDAL >= 3.9 in QGIS)
            errors.messages.append(str(error))
        if not ok or errors.messages:
            if _disk_full(self._tmp):  # a compressed write may fail only when read back
                raise TsmvError(errors.refusal(self.name, self.path, "write") + "; nothing was written")
            raise TsmvError("%s: %s did not read back as written (%s); nothing was written"
                            % (self.name, self.path, errors.message("size, bands or labels differ")))

    def close(self):
        self._ds = None
