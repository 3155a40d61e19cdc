"""GeoTIFF stacks: labelled, float32, NaN nodata, EPSG:4326, north-up.

Writers write to a hidden temporary name beside the target and rename on
success, so a failed or canceled run leaves nothing half-written; readers
refuse a stack whose bands carry no labels.
"""
import csv
import io
import math
import os
import queue
import threading
from dataclasses import dataclass

import numpy as np
from osgeo import gdal, osr

from .errors import TsmvError

#: Bytes of input a kernel may hold per tile (all bands of a strip of rows).
TILE_BYTES = 64 * 2**20
#: Finite values kept per writer to choose a style's colour range.
_STYLE_SAMPLE = 200_000


def _wgs84_wkt():
    srs = osr.SpatialReference()
    srs.ImportFromEPSG(4326)
    return srs.ExportToWkt()


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
    def from_geotransform(cls, gt, width, height):
        if gt[2] != 0 or gt[4] != 0 or gt[5] >= 0:
            raise TsmvError("the raster is not a north-up grid (geotransform %r)" % (gt,))
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


class _QuietGdal:
    """Collect GDAL's error message instead of printing it."""

    def __enter__(self):
        gdal.PushErrorHandler("CPLQuietErrorHandler")
        gdal.ErrorReset()
        return self

    def __exit__(self, *exc):
        gdal.PopErrorHandler()

    @staticmethod
    def message():
        return gdal.GetLastErrorMsg() or "GDAL could not read it"


def open_raster(path, what="raster"):
    """Open ``path`` with GDAL, or raise a TsmvError naming it."""
    with _QuietGdal() as quiet:
        ds = gdal.Open(str(path))
        if ds is None:
            raise TsmvError("cannot open %s %s: %s" % (what, path, quiet.message()))
    return ds


def raster_grid(path, what="raster"):
    """The Grid of a raster file."""
    ds = open_raster(path, what)
    return Grid.from_geotransform(ds.GetGeoTransform(), ds.RasterXSize, ds.RasterYSize)


def aligned_window(grid, fine, name="INPUT"):
    """(ratio, col0, row0): the reference ``grid`` as blocks of ``ratio`` cells of ``fine``."""
    ratio = grid.dx / fine.dx
    col0 = (grid.x0 - fine.x0) / fine.dx
    row0 = (fine.y0 - grid.y0) / fine.dy
    if (abs(grid.dx - grid.dy) > 1e-9 or abs(fine.dx - fine.dy) > 1e-9
            or any(abs(v - round(v)) > 1e-6 for v in (ratio, col0, row0)) or round(ratio) < 1):
        raise TsmvError("%s (%g deg cells from %g, %g) is not aligned with the REFERENCE grid (%s): "
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


class Stack:
    """A labelled multi-band raster opened for reading tile by tile.

    ``name`` is the parameter or role the stack plays, used in messages.
    """

    def __init__(self, path, name="INPUT"):
        self.path = str(path)
        self.name = name
        self._ds = open_raster(path, "%s raster" % name)
        ds = self._ds
        self.grid = Grid.from_geotransform(ds.GetGeoTransform(), ds.RasterXSize, ds.RasterYSize)
        self.count = ds.RasterCount
        self.labels = [ds.GetRasterBand(b + 1).GetDescription() for b in range(self.count)]
        unlabelled = [b + 1 for b, lab in enumerate(self.labels) if not lab]
        if unlabelled:
            raise TsmvError(
                "%s (%s): band %d has no label; TSMV stacks label every band "
                "(e.g. '2000-01', '2000', '2000 H-S'). Make the stack with a TSMV "
                "algorithm or set the band descriptions." % (name, self.path, unlabelled[0]))
        self.nodata = [ds.GetRasterBand(b + 1).GetNoDataValue() for b in range(self.count)]
        self.metadata = ds.GetMetadata() or {}

    def metadata_units(self):
        return self.metadata.get("UNITS", "")

    def read(self, row0, row1, bands=None):
        """Bands (0-based indices, default all) of rows row0..row1 as float32, nodata -> NaN."""
        bands = list(range(self.count)) if bands is None else [int(b) for b in bands]
        out = np.empty((len(bands), row1 - row0, self.grid.width), np.float32)
        self._ds.ReadAsArray(0, row0, self.grid.width, row1 - row0, buf_obj=out,
                             band_list=[b + 1 for b in bands])
        for i, b in enumerate(bands):
            nodata = self.nodata[b]
            if nodata is not None and not math.isnan(nodata):
                out[i][out[i] == nodata] = np.nan
        return out

    def tiles(self, bands_read, *writers):
        """Row strips holding about TILE_BYTES of input, aligned to the writers' blocks."""
        align = max([w.block_rows for w in writers] + [1])
        return row_tiles(self.grid.height, 4 * bands_read * self.grid.width, align=align)

    def close(self):
        self._ds = None


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


class StackWriter:
    """Write a float32 stack to a temporary name; :meth:`commit` renames it into place.

    ``style`` is a callable ``style(samples) -> qml_text`` (see
    :mod:`tsmv_qgis.style`; ``samples`` is a :class:`Samples` of the values
    written); its QML is written beside the GeoTIFF on commit.
    ``extra_styles`` maps names to more styles, written as ``<name>.<key>.qml``
    and offered in QGIS as alternative styles of the layer.
    """

    def __init__(self, path, grid, labels, style=None, metadata=None, extra_styles=None):
        self.path = str(path)
        folder, base = os.path.split(os.path.abspath(self.path))
        os.makedirs(folder, exist_ok=True)
        self._tmp = os.path.join(folder, ".%s.part.tif" % base)
        self.grid = grid
        self.labels = list(labels)
        self._styles = dict(extra_styles or {})
        if style is not None:
            self._styles[None] = style
        self._samples = Samples()
        driver = gdal.GetDriverByName("GTiff")
        with _QuietGdal() as quiet:
            self._ds = driver.Create(self._tmp, grid.width, grid.height, len(self.labels),
                                     gdal.GDT_Float32,
                                     ["INTERLEAVE=BAND", "BIGTIFF=IF_SAFER"])
            if self._ds is None:
                raise TsmvError("cannot create %s: %s" % (self.path, quiet.message()))
        self._ds.SetGeoTransform(grid.geotransform)
        self._ds.SetProjection(_wgs84_wkt())
        if metadata:
            self._ds.SetMetadata({k: str(v) for k, v in metadata.items()})
        for b, label in enumerate(self.labels):
            band = self._ds.GetRasterBand(b + 1)
            band.SetDescription(label)
            band.SetNoDataValue(float("nan"))
        self.block_rows = self._ds.GetRasterBand(1).GetBlockSize()[1]

    def write(self, array, band0=0, row0=0):
        """Write a 2-D band or a 3-D (bands, rows, cols) block at ``band0``, ``row0``."""
        array = np.asarray(array, np.float32)
        if array.ndim == 2:
            array = array[None]
        if array.shape[0] == 1:
            band = self._ds.GetRasterBand(band0 + 1)
            band.WriteArray(array[0], 0, row0)
            band.FlushCache()
        else:
            self._ds.WriteArray(array, 0, row0,
                                band_list=list(range(band0 + 1, band0 + 1 + array.shape[0])))
            self._ds.FlushCache()
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

    def commit(self):
        ds, self._ds = self._ds, None
        ds.FlushCache()
        ds = None
        for stale in (self.path + ".aux.xml",):
            if os.path.exists(stale):
                os.remove(stale)
        os.replace(self._tmp, self.path)
        base = os.path.splitext(self.path)[0]
        for key, style in self._styles.items():
            write_text_atomic(base + (".qml" if key is None else ".%s.qml" % key),
                              style(self._samples))

    def discard(self):
        self._ds = None
        if os.path.exists(self._tmp):
            os.remove(self._tmp)


def write_text_atomic(path, text):
    """Write ``text`` to ``path`` through a temporary name."""
    folder, base = os.path.split(os.path.abspath(path))
    os.makedirs(folder, exist_ok=True)
    tmp = os.path.join(folder, ".%s.part" % base)
    with open(tmp, "w", encoding="utf-8", newline="") as f:
        f.write(text)
    os.replace(tmp, path)


class Outputs:
    """All outputs of one run: committed together on success, discarded on any error.

    >>> with Outputs() as out:
    ...     w = out.add(StackWriter(...))
    """

    def __init__(self):
        self._writers = []

    def add(self, writer):
        self._writers.append(writer)
        return writer

    def __enter__(self):
        return self

    def __exit__(self, exc_type, exc, tb):
        if exc_type is None:
            for w in self._writers:
                w.commit()
        else:
            for w in self._writers:
                w.discard()
        return False


class CsvWriter:
    """A CSV table (header + rows) written on commit, through a temporary name."""

    def __init__(self, path, header, rows):
        self.path = str(path)
        self.header = list(header)
        self.rows = [list(r) for r in rows]

    def commit(self):
        buffer = io.StringIO()
        table = csv.writer(buffer, lineterminator="\n")
        table.writerow(self.header)
        table.writerows(self.rows)
        write_text_atomic(self.path, buffer.getvalue())

    def discard(self):
        pass


class WriteBehind:
    """Run write calls on one background thread, so reading the next input overlaps
    writing the last output.  The queue is short, so memory stays bounded; the first
    error raised by a write is raised again in the caller's thread.

    >>> with Outputs() as out, WriteBehind() as behind:
    ...     behind.submit(writer.write, array, band0=0)
    """

    def __init__(self, depth=3):
        self._queue = queue.Queue(depth)
        self._error = None
        self._abandon = False
        self._thread = threading.Thread(target=self._work, name="tsmv-write-behind", daemon=True)

    def _work(self):
        while True:
            job = self._queue.get()
            if job is None:
                return
            if self._error is None and not self._abandon:
                try:
                    job[0](*job[1], **job[2])
                except BaseException as e:  # handed to the caller's thread
                    self._error = e

    def submit(self, function, *args, **kwargs):
        if self._error is not None:
            raise self._error
        self._queue.put((function, args, kwargs))

    def __enter__(self):
        self._thread.start()
        return self

    def __exit__(self, exc_type, exc, tb):
        self._abandon = exc_type is not None  # the caller failed: skip what is queued
        self._queue.put(None)
        self._thread.join()
        if exc_type is None and self._error is not None:
            raise self._error
        return False
