"""Read a layered soil-moisture product's netCDF files month by month, in kg m-2, north-up.

One reader for every product of :mod:`tsmv_qgis.products.catalogue`:

* **Finding** (:func:`find_files`): a file named as its archive names it (GLDAS-Noah, FLDAS-Noah)
  is taken by its name; any other ``.nc``/``.nc4`` file is opened and recognised by its
  variables (ERA5-Land files from the Climate Data Store carry no product in their names).  Each
  month a file holds is a :class:`MonthFile`: one per GLDAS/FLDAS file, one per step of an
  ERA5-Land file's time axis.  Files of two products are refused, naming one of each.
* **Planning** (:func:`plan_months`): every month of the span, once (two files for one month
  of one version are refused; where GLDAS V2.0 and V2.1 overlap the newer wins, or the older).
* **Reading** (:func:`read_month`): variables by dimension name (``lat``/``latitude``,
  ``lon``/``longitude``, ``time``/``valid_time``, in any order; a ``number`` axis of one member;
  an ``expver`` axis merged, ERA5 before ERA5T), fill values compared in the variable's own
  type, packed values unpacked, latitude flipped to north-up, longitudes 0..360 wrapped to
  -180..180, volume fractions converted to storage by the layer's thickness
  (kg m-2 = m3 m-3 x 1000 kg m-3 x thickness in m).

Files are read with netCDF4, or with GDAL where netCDF4 is missing
(:mod:`tsmv_qgis.io.netcdf`), to the same numbers.  Each file is opened once per month, so
memory does not grow with the number of files.
"""
import calendar
import datetime
import math
import os
import re
from dataclasses import dataclass

import numpy as np

from ..errors import TsmvError, named
from ..io.files import check_file, check_years, walk
from ..io.netcdf import can_read, open_dataset
from ..io.raster import Grid, nodata_mask
from ..labels import LAYER_KEYS, check_year_order, month_index, month_label
from ..progress import as_log
from . import gldas, fldas
from .catalogue import ERA5_LAND, FLDAS, GLDAS, PRODUCTS, some_variables_of, variables_of

_NETCDF_ENDINGS = (".nc4", ".nc")
LAT_NAMES = ("lat", "latitude", "y")
LON_NAMES = ("lon", "longitude", "x")
TIME_NAMES = ("time", "valid_time")
#: Axes of one value kept at index 0 (ERA5's ensemble member).
SINGLE_NAMES = ("number",)
#: ERA5's experiment version: consolidated ERA5 (0001) and preliminary ERA5T (0005) months.
EXPVER = "expver"


@dataclass(frozen=True)
class MonthFile:
    """One month in one file: where, which month, the product's version, time step and index."""
    path: str
    year: int
    month: int
    version: str  # GLDAS "2.0", "2.1"; FLDAS "001"; "" where the product has one version
    step: str = "M"  # "M" monthly, "3H" 3-hourly (GLDAS)
    stamp: str = ""  # "DDHHMM" for 3-hourly files
    index: int = 0  # the step of the file's time axis
    product: object = GLDAS
    preliminary: bool = False  # ERA5T: the preliminary months of ERA5, which may still be revised

    @property
    def name(self):
        return os.path.basename(self.path)


def parse_name(path):
    """The MonthFile an archive's file name describes (GLDAS-Noah, FLDAS-Noah), else None."""
    for module in (gldas, fldas):
        found = module.parse_name(path)
        if found is not None:
            return MonthFile(str(path), **found)
    return None


#: What a file's first bytes say it is, where that is not netCDF: (magic, what, what to do).
_NOT_NETCDF = ((b"PK\x03\x04", "a zip archive (the Climate Data Store zips its netCDF downloads, even "
                "under a .nc name)", "unzip it and give the netCDF files inside (data_0.nc ...)"),
               (b"GRIB", "a GRIB file", "request netCDF from the data store, or convert it (cdo -f nc4 copy)"))


def _open(path):
    try:
        with open(path, "rb") as f:
            head = f.read(4)
    except OSError as e:
        raise TsmvError("⟨source⟩ %s: cannot read it (%s)" % (path, e.strerror or e)) from None
    for magic, what, advice in _NOT_NETCDF:
        if head.startswith(magic):
            raise TsmvError("⟨source⟩ %s is %s, not netCDF: %s" % (path, what, advice))
    try:
        return open_dataset(path)
    except TsmvError:
        raise
    except (OSError, RuntimeError, ValueError) as e:
        raise TsmvError("⟨source⟩ %s: cannot read it, not a readable netCDF file (%s)" % (path, e)) from None


def _named(ds, names):
    """The variable (or dimension) of ``ds`` whose lower-case name is among ``names``, else None."""
    for name in ds.variables:
        if name.lower() in names:
            return name
    return None


def describe(path):
    """The months a file holds, from its contents (a renamed GLDAS file by ``time:begin_date``;
    ERA5-Land by its time axis); [] when it is not a file of a layered product."""
    try:
        ds = _open(path)
    except TsmvError as e:
        if " not netCDF: " in str(e):
            raise
        return []
    with ds:
        names = list(ds.variables)
        found = variables_of(names) or some_variables_of(names)
        if not found:
            described = gldas.describe_from_attributes(ds)
            return [MonthFile(str(path), **described)] if described else []
        if len(found) > 1:
            raise TsmvError("⟨source⟩ %s has the variables of %s; TSMV reads one product at a time"
                            % (path, " and ".join(p.key for p in found)))
        found = found[0]
        if found.per_file == "month":
            described = (gldas.describe_from_attributes(ds) if found is GLDAS
                         else fldas.describe_from_attributes(ds))
            if not described:
                raise TsmvError("⟨source⟩ %s holds %s variables, but neither its name (like %s) nor its "
                                "time:begin_date attribute says its month"
                                % (path, found.key, found.example_name))
            return [MonthFile(str(path), **described)]
        times = monthly_times(ds, path)
        preliminary = _preliminary(ds, len(times))
        return [MonthFile(str(path), year, month, "", index=i, product=found, preliminary=preliminary[i])
                for i, (year, month) in enumerate(times)]


def _preliminary(ds, steps):
    """For each time step, whether it is ERA5T (preliminary: ``expver`` '0005'), from an ``expver``
    coordinate along time (or a scalar one); an ``expver`` dimension is merged when read."""
    var = ds.variables.get(EXPVER)
    if var is None or EXPVER in ds.dimensions:
        return [False] * steps
    try:
        values = np.atleast_1d(np.asarray(var[:])).ravel()
    except (RuntimeError, OSError, ValueError, TypeError):
        return [False] * steps
    flags = [str(v).strip().lstrip("0") == "5" for v in values]
    return flags * steps if len(flags) == 1 else (flags + [False] * steps)[:steps]


def find_files(source, product=None, log=None):
    """Every month of every file of a layered product in ``source`` (a file, or a folder searched
    recursively); ``product`` None detects it.  Files of another product than ``product``, or of
    two products, are refused, naming them."""
    log = as_log(log)
    what = product.key if product else "layered soil-moisture"
    if not can_read():  # say at once, not file by file
        raise TsmvError("reading %s files needs GDAL's netCDF driver or the Python package "
                        "netCDF4, and this Python (QGIS's) has neither: on Debian/Ubuntu `apt install "
                        "python3-netcdf4`; in the OSGeo4W shell `python -m pip install netCDF4`" % what)
    check_file(source, named("source"))
    if os.path.isfile(source):
        parsed = parse_name(source)
        found = [parsed] if parsed else describe(source)
        if not found:
            raise TsmvError("⟨source⟩ %s is not a %s file: its name is not like %s and it has neither the "
                            "soil variables of %s nor a readable time:begin_date attribute"
                            % (source, what, " or ".join(p.example_name for p in (product,) if p)
                               or GLDAS.example_name,
                               product.key if product else ", ".join(p.key for p in PRODUCTS)))
        return _one_product(found, product)
    if not os.path.isdir(source):
        raise TsmvError("⟨source⟩ %s does not exist" % source)
    files = []
    for folder, name in walk(source, named("source")):
        path = os.path.join(folder, name)
        parsed = parse_name(path)
        if parsed is not None:
            check_file(path, named("source"))
            files.append(parsed)
        elif name.lower().endswith(_NETCDF_ENDINGS):
            check_file(path, named("source"))  # before its contents are read
            found = describe(path)
            if not found:
                log("Skipped %s: not a file of a layered soil-moisture product (name and contents)" % path)
            files.extend(found)
    if not files:
        raise TsmvError("⟨source⟩ folder %s holds no %s files (names like %s, or netCDF files with the "
                        "soil variables of %s; searched recursively)"
                        % (source, what, (product or GLDAS).example_name,
                           product.key if product else ", ".join(p.key for p in PRODUCTS)))
    return _one_product(files, product)


def _one_product(files, product):
    first = files[0]
    for f in files:
        if f.product is not first.product:
            raise TsmvError("⟨source⟩ %s is a %s file, but %s is a %s file; TSMV imports one product at a "
                            "time: put them in separate folders" % (f.path, f.product.key, first.path,
                                                                  first.product.key))
    if product is not None and first.product is not product:
        raise TsmvError("⟨source⟩ %s is a %s file, not %s; %s" % (
            first.path, first.product.key, product.key,
            "import it with 'Import layered soil moisture' (tsmv:importsoilmoisture)" if product is GLDAS
            else "set ⟨product⟩ to %s or to detect it from the files" % first.product.key))
    return files


# --- time ------------------------------------------------------------------------------------

_UNITS = re.compile(r"^\s*(seconds?|minutes?|hours?|days?)\s+since\s+(\d{1,4})-(\d{1,2})-(\d{1,2})"
                    r"(?:[ T](\d{1,2}):(\d{2})(?::(\d{2})(?:\.\d*)?)?)?\s*(?:Z|UTC|\+0+:?0*)?\s*$", re.I)
_SECONDS = {"second": 1, "minute": 60, "hour": 3600, "day": 86400}


def monthly_times(ds, path):
    """(year, month) of each step of a file's time axis of monthly means, each stamped at 00:00 of
    the month's first day (as the Climate Data Store stamps ERA5-Land's monthly means)."""
    name = _named(ds, TIME_NAMES)
    if name is None:
        raise TsmvError("⟨source⟩ %s has no time axis (time or valid_time); TSMV reads monthly means "
                        "dated by it" % path)
    var = ds.variables[name]
    units = str(getattr(var, "units", ""))
    m = _UNITS.match(units)
    calendar_name = str(getattr(var, "calendar", "standard")).lower()
    if not m or calendar_name not in ("standard", "gregorian", "proleptic_gregorian"):
        raise TsmvError("⟨source⟩ %s: its time axis %s is in '%s' (calendar %s); TSMV reads seconds, "
                        "minutes, hours or days since a date, in the standard calendar"
                        % (path, name, units, calendar_name))
    var.set_auto_maskandscale(False)
    values = np.asarray(var[:], np.float64).ravel()
    unit = _SECONDS[m.group(1).lower().rstrip("s")]
    epoch = datetime.datetime(*(int(g or 0) for g in m.groups()[1:7]))
    months = []
    for value in values:
        if not math.isfinite(value) or abs(value * unit) > 1e12:
            raise TsmvError("⟨source⟩ %s: %s holds %r, which is not a date" % (path, name, value))
        when = epoch + datetime.timedelta(seconds=float(value) * unit)
        if (when.day, when.hour, when.minute, when.second) != (1, 0, 0, 0):
            raise TsmvError("⟨source⟩ %s: time step %s is not the first of a month at 00:00; TSMV reads "
                            "monthly means (ERA5-Land: reanalysis-era5-land-monthly-means, product "
                            "type monthly_averaged_reanalysis), not hourly or daily data"
                            % (path, when.isoformat(" ")))
        months.append((when.year, when.month))
    if len(set(months)) != len(months):
        twice = next(ym for ym in months if months.count(ym) > 1)
        raise TsmvError("⟨source⟩ %s holds %s twice; TSMV does not guess which to use"
                        % (path, month_label(*twice)))
    return months


# --- planning --------------------------------------------------------------------------------

def _month_sources(by_version, ym):
    """Check one month's files of one version: one monthly file, or unique 3-hourly ones."""
    steps = {f.step for f in by_version}
    if len(steps) > 1:
        other = next(f for f in by_version if f.step != by_version[0].step)
        raise TsmvError("⟨source⟩ %s and %s: %s has both monthly and 3-hourly files of V%s; keep one kind"
                        % (by_version[0].path, other.path, month_label(*ym), by_version[0].version))
    seen = {}
    for f in by_version:
        if f.stamp in seen:
            first = seen[f.stamp]
            if f.product.per_file == "months":
                raise TsmvError("⟨source⟩ %s and %s both hold %s; give each month once"
                                % (first.path, f.path, month_label(*ym)))
            raise TsmvError("⟨source⟩ %s and %s: two files for %s%s of V%s; keep one"
                            % (first.path, f.path, month_label(*ym), " " + f.stamp if f.stamp else "",
                               f.version))
        seen[f.stamp] = f
    return sorted(by_version, key=lambda f: f.stamp)


def warn_partial_months(plan, log):
    """Warn of each month of ``plan`` averaged from fewer than all of its 3-hourly files, and of
    ERA5T months."""
    preliminary = [ym for ym, files in plan if any(f.preliminary for f in files)]
    if preliminary:
        log.warn("%d months (%s..%s) are ERA5T (expver 0005), ERA5's preliminary release: ECMWF may "
                 "still revise them" % (len(preliminary), month_label(*preliminary[0]),
                                        month_label(*preliminary[-1])))
    for ym, files in plan:
        if files[0].step == "3H" and len(files) < expected_3h_files(*ym):
            log.warn("%s has %d of %d 3-hourly files; its mean is of those %d"
                     % (month_label(*ym), len(files), expected_3h_files(*ym), len(files)))


def _version_key(version):
    return tuple(int(part) for part in version.split(".") if part.isdigit())


def plan_months(files, start_year=None, end_year=None, prefer_newer=True, log=None):
    """The files that make each month of the span, as a list of ((year, month), [files]).

    Where several versions cover a month (GLDAS V2.0 and V2.1 overlap 2000-2014) the
    newest wins, or the oldest with ``prefer_newer=False``.  Every month of the
    span must be there: START_YEAR-01 (or the first month found) to
    END_YEAR-12 (or the last month found).
    """
    log = as_log(log)
    check_year_order(start_year, end_year)
    key = files[0].product.key
    months = {}
    for f in files:
        months.setdefault((f.year, f.month), {}).setdefault(f.version, []).append(f)
    check_years(start_year, end_year, min(months), max(months))
    first = (start_year, 1) if start_year is not None else min(months)
    last = (end_year, 12) if end_year is not None else max(months)
    span = [(i // 12, i % 12 + 1) for i in range(month_index(*first), month_index(*last) + 1)]
    have = [ym for ym in span if ym in months]
    if not have:
        raise TsmvError("⟨start_year⟩..⟨end_year⟩ (%s..%s): no %s file of ⟨source⟩ covers these months; the "
                        "files cover %s..%s"
                        % (month_label(*first), month_label(*last), key.split("-")[0],
                           month_label(*min(months)), month_label(*max(months))))
    missing = [ym for ym in span if ym not in months]
    if missing:
        raise TsmvError("⟨source⟩: no %s file for %s%s: every month from %s to %s is needed "
                        "(add the files, or set ⟨start_year⟩/⟨end_year⟩ to a span the files cover)"
                        % (key.split("-")[0], month_label(*missing[0]),
                           " and %d other months" % (len(missing) - 1) if len(missing) > 1 else "",
                           month_label(*first), month_label(*last)))
    plan, dropped = [], {}
    for ym in span:
        versions = months[ym]
        pick = sorted(versions, key=_version_key)[-1 if prefer_newer else 0]
        for v in versions:
            if v != pick:
                dropped.setdefault((pick, v), []).append(ym)
        plan.append((ym, _month_sources(versions[pick], ym)))
    steps = {}
    for _, month_files in plan:
        steps.setdefault(month_files[0].step, month_files[0])
    if len(steps) > 1:
        raise TsmvError("⟨source⟩ mixes monthly and 3-hourly GLDAS files (%s and %s); TSMV imports one "
                        "product at a time: put them in separate folders"
                        % (steps["M"].path, steps["3H"].path))
    for (kept, other), yms in sorted(dropped.items()):
        log("V%s and V%s overlap in %d months (%s..%s): V%s used"
            % (kept, other, len(yms), month_label(*yms[0]), month_label(*yms[-1]), kept))
    return plan


# --- the grid --------------------------------------------------------------------------------

class LatLonGrid:
    """The lat/lon grid of the first file; every other file must match it.

    Longitudes from 0 to 360 (ERA5) are wrapped to -180..180: ``order`` lists the file's
    columns west to east; latitudes may run either way (``south_up``: south to north).
    """

    def __init__(self, lat, lon, source):
        self.raw_lat = np.asarray(lat, np.float64)
        self.raw_lon = np.asarray(lon, np.float64)
        self.source = source
        lat, lon = self.raw_lat, self.raw_lon
        if lat.ndim != 1 or lon.ndim != 1 or lat.size < 1 or lon.size < 1:
            raise TsmvError("⟨source⟩ %s has an empty lat or lon axis" % source)
        if not (np.isfinite(lat).all() and np.isfinite(lon).all()):
            raise TsmvError("⟨source⟩ %s: its lat or lon axis holds a value that is not a number" % source)
        if lon.size > 1 and lon[1] < lon[0]:
            raise TsmvError("⟨source⟩ %s: its longitudes run from east to west (%g, %g, ...); TSMV reads "
                            "grids whose lon ascends" % (source, lon[0], lon[1]))
        self.order = None
        if lon.max() > 180:  # 0..360: wrap to -180..180, west to east
            wrapped = np.where(lon >= 180, lon - 360, lon)
            self.order = np.argsort(wrapped, kind="stable")
            lon = wrapped[self.order]
        self.lat, self.lon = lat, lon
        self.dx = float(self.lon[1] - self.lon[0]) if self.lon.size > 1 else 1.0
        self.dy = float(abs(self.lat[1] - self.lat[0])) if self.lat.size > 1 else self.dx
        if (self.lon.size > 1 and not np.allclose(np.diff(self.lon), self.dx)) or (
                self.lat.size > 1 and not np.allclose(np.abs(np.diff(self.lat)), self.dy)):
            raise TsmvError("⟨source⟩ %s is not on a regular lat/lon grid" % source)
        if (self.lon.size > 1 and self.dx == 0) or (self.lat.size > 1 and self.dy == 0):
            raise TsmvError("⟨source⟩ %s: its %s axis repeats one value (%g); TSMV reads grids whose cells "
                            "each have their own lat and lon" % ((source,) + (
                                ("lon", self.lon[0]) if self.lon.size > 1 and self.dx == 0 else ("lat", self.lat[0]))))
        self.south_up = self.lat.size < 2 or self.lat[1] > self.lat[0]

    def check(self, lat, lon, path):
        lat, lon = np.asarray(lat), np.asarray(lon)
        if lat.shape != self.raw_lat.shape or lon.shape != self.raw_lon.shape or not (
                np.allclose(lat, self.raw_lat) and np.allclose(lon, self.raw_lon)):
            raise TsmvError(
                "⟨source⟩ %s is on another grid (%d x %d, lon %g..%g, lat %g..%g) than %s "
                "(%d x %d, lon %g..%g, lat %g..%g); import one resolution and region at a time"
                % (path, lon.size, lat.size, lon.min(), lon.max(), lat.min(), lat.max(),
                   self.source, self.raw_lon.size, self.raw_lat.size, self.raw_lon.min(),
                   self.raw_lon.max(), self.raw_lat.min(), self.raw_lat.max()))

    def window(self, extent=None):
        """Index slices (rows in file order, cols west to east) of the cells that intersect
        ``extent`` ((xmin, ymin, xmax, ymax) in degrees, or None for all)."""
        if extent is None:
            return slice(0, self.lat.size), slice(0, self.lon.size)
        xmin, ymin, xmax, ymax = extent
        west, east = self.lon.min() - self.dx / 2, self.lon.max() + self.dx / 2
        if not all(math.isfinite(v) for v in extent):
            raise TsmvError("⟨extent⟩ (lon %g..%g, lat %g..%g) holds a value that is not a finite number"
                            % (xmin, xmax, ymin, ymax))
        if xmin > xmax:
            raise TsmvError("⟨extent⟩ lon %g..%g: its west edge is east of its east edge, i.e. it crosses "
                            "the antimeridian; TSMV does not wrap longitudes: import lon %g..180 and "
                            "-180..%g as two runs" % (xmin, xmax, xmin, xmax))
        if xmin == xmax or ymin == ymax:
            raise TsmvError("⟨extent⟩ (lon %g..%g, lat %g..%g) has no area; give a region (xmin < xmax, "
                            "ymin < ymax)" % (xmin, xmax, ymin, ymax))
        if east - west >= 360 - 1e-6 and (xmin < west < xmax or xmin < east < xmax):
            raise TsmvError("⟨extent⟩ lon %g..%g crosses the antimeridian (the data run from lon %g to %g); "
                            "TSMV does not wrap longitudes: import the parts on each side as two runs"
                            % (xmin, xmax, west, east))
        cols = np.nonzero((self.lon + self.dx / 2 > xmin) & (self.lon - self.dx / 2 < xmax))[0]
        rows = np.nonzero((self.lat + self.dy / 2 > ymin) & (self.lat - self.dy / 2 < ymax))[0]
        if cols.size == 0 or rows.size == 0:
            raise TsmvError(
                "⟨extent⟩ (lon %g..%g, lat %g..%g) lies outside the data (lon %g..%g, lat %g..%g)%s"
                % (xmin, xmax, ymin, ymax, self.lon.min() - self.dx / 2,
                   self.lon.max() + self.dx / 2, self.lat.min() - self.dy / 2,
                   self.lat.max() + self.dy / 2,
                   "; longitudes run from -180 to 180 (give 350 as -10)" if max(xmin, xmax) > 180 else ""))
        return slice(rows[0], rows[-1] + 1), slice(cols[0], cols[-1] + 1)

    def file_columns(self, cols):
        """The file's columns of the window's ``cols`` (west to east), as runs of consecutive
        columns: one slice, or two where a window crosses a 0..360 file's seam."""
        if self.order is None:
            return [cols]
        index = self.order[cols]
        breaks = np.nonzero(np.diff(index) != 1)[0] + 1
        return [slice(int(run[0]), int(run[-1]) + 1) for run in np.split(index, breaks)]

    def grid(self, window):
        rows, cols = window
        lat = self.lat[rows]
        return Grid(float(self.lon[cols][0] - self.dx / 2), float(lat.max() + self.dy / 2),
                    self.dx, self.dy, int(cols.stop - cols.start), int(rows.stop - rows.start))


def reference_grid(f):
    """The LatLonGrid of one file (its lat/lon axes only)."""
    with _open(f.path) as ds:
        return LatLonGrid(*_axes(ds, f), f.path)


def _axes(ds, f):
    names = [_named(ds, LAT_NAMES), _named(ds, LON_NAMES)]
    try:
        return tuple(_raw(ds.variables[name]) for name in names)
    except (KeyError, AttributeError, RuntimeError, OSError, TypeError) as e:
        raise TsmvError("⟨source⟩ %s: cannot read its lat/lon axes (%s)" % (f.path, e)) from None


def _raw(var):
    var.set_auto_maskandscale(False)
    return np.asarray(var[:])


# --- reading ---------------------------------------------------------------------------------

def read_file(f, variables, window=None, reference=None, convert=True):
    """Read ``variables`` (of ``f``'s product) of one month of one file as float32 kg m-2
    arrays, north-up, fill -> NaN.

    ``f`` is a MonthFile; ``reference`` a LatLonGrid the file must match (the
    first file read makes it when None).  Returns (arrays, reference); with ``convert=False``
    a :class:`Read` per variable instead, whose ``values()`` are those arrays.
    """
    product = f.product
    with _open(f.path) as ds:
        missing = [v for v in variables if v not in ds.variables]
        if missing:
            have = sorted(v for v in ds.variables if v in set().union(*(p.variables for p in PRODUCTS))
                          or v.startswith("SoilMoi"))
            raise TsmvError("⟨source⟩ %s has no %s (it has %s)" % (f.path, ", ".join(missing),
                                                         ", ".join(have) or "no soil moisture"))
        lat, lon = _axes(ds, f)
        if reference is None:
            reference = LatLonGrid(lat, lon, f.path)
        reference.check(lat, lon, f.path)
        if product.per_file == "month":
            _check_one_step(ds, f)
        rows, cols = window or reference.window()
        runs = reference.file_columns(cols)
        reads = [_read_variable(ds.variables[name], name, f, rows, runs, _fills(ds, ds.variables[name]),
                                reference.south_up)
                 for name in variables]
    return (reads if not convert else [read.values() for read in reads]), reference


def _axis(dim):
    dim = dim.lower()
    for axis, names in (("lat", LAT_NAMES), ("lon", LON_NAMES), ("time", TIME_NAMES),
                        ("single", SINGLE_NAMES), (EXPVER, (EXPVER,))):
        if dim in names:
            return axis
    return None


def _fills(ds, var):
    """The fill values of a variable: its _FillValue and missing_value, and the file's global
    missing_value (LIS writes -9999 there, for GLDAS and FLDAS) where the variable has neither."""
    own = [float(v) for attr in ("_FillValue", "missing_value") for v in np.atleast_1d(getattr(var, attr, []))]
    if own:
        return own
    return [float(v) for v in np.atleast_1d(getattr(ds, "missing_value", []))]


@dataclass
class Read:
    """One variable of one month as its file holds it, and what makes it float32 kg m-2,
    north-up, fill -> NaN (:meth:`values`).  The import reads the next month while another
    thread converts and writes this one (numpy lets go of the GIL)."""
    pieces: list  # ([expver,] lat, lon) arrays as read, rows in file order, columns west to east
    factor: float = 1.0  # to kg m-2
    scale: float = 1.0
    offset: float = 0.0
    fills: tuple = ()
    expver: bool = False  # a first axis of experiment versions to merge
    south_up: bool = False

    def values(self):
        raw = self.pieces[0] if len(self.pieces) == 1 else np.concatenate(self.pieces, axis=-1)
        factor = self.factor
        if raw.dtype == np.float32 and (self.scale, self.offset) == (1.0, 0.0):  # GLDAS, FLDAS, ERA5
            data = raw * np.float32(factor) if factor != 1.0 else np.array(raw)
        else:  # packed: unpacked in float64
            data = ((raw * self.scale + self.offset) * factor).astype(np.float32)
        if not all(math.isnan(fill) for fill in self.fills):  # a NaN fill is NaN already
            missing = np.zeros(raw.shape, bool)
            for fill in self.fills:  # compared in the variable's own type
                missing |= nodata_mask(raw, fill)
            data[missing] = np.nan
        if self.expver:  # one experiment holds each month: ERA5 where it has a value, else ERA5T
            merged = data[0]
            for more in data[1:]:
                merged = np.where(np.isnan(merged), more, merged)
            data = np.ascontiguousarray(merged)
        return data[::-1] if self.south_up else data


def _read_variable(var, name, f, rows, runs, fills, south_up=False):
    """One soil variable of month ``f`` as a :class:`Read`: read by dimension name,
    ``(time, lat, lon)`` in any order."""
    axes = [_axis(d) for d in var.dimensions]
    if None in axes or sorted(a for a in axes if a in ("lat", "lon")) != ["lat", "lon"] or \
            len(set(axes)) != len(axes):
        raise TsmvError("⟨source⟩ %s: %s has the dimensions (%s); TSMV reads (time, lat, lon) in any order"
                        % (f.path, name, ", ".join(var.dimensions)))
    for axis, size in zip(axes, var.shape):
        if axis == "single" and size != 1:
            raise TsmvError("⟨source⟩ %s: %s has %d members on its %s axis; TSMV reads one (the "
                            "reanalysis itself, not an ensemble)"
                            % (f.path, name, size, var.dimensions[axes.index(axis)]))
    factor = _units_factor(var, name, f)
    var.set_auto_maskandscale(False)
    pieces = []
    for cols in runs:
        index = tuple({"time": f.index, "lat": rows, "lon": cols, "single": 0, EXPVER: slice(None)}[a]
                      for a in axes)
        try:
            raw = np.asarray(var[index])
        except (RuntimeError, OSError, IndexError, ValueError) as e:
            raise TsmvError("⟨source⟩ %s: cannot read %s (%s)" % (f.path, name, e)) from None
        kept = [a for a in axes if a not in ("time", "single")]
        want = {"lat": rows.stop - rows.start, "lon": cols.stop - cols.start,
                EXPVER: var.shape[axes.index(EXPVER)] if EXPVER in axes else 1}
        if raw.shape != tuple(want[a] for a in kept):
            raise TsmvError("⟨source⟩ %s: cannot read %s (%s values instead of %s: a file cut short?)"
                            % (f.path, name, " x ".join(map(str, raw.shape)) or "no",
                               " x ".join(str(want[a]) for a in kept)))
        order = [kept.index(a) for a in (EXPVER, "lat", "lon") if a in kept]
        pieces.append(raw.transpose(order))
    return Read(pieces, factor, float(getattr(var, "scale_factor", 1.0)),
                float(getattr(var, "add_offset", 0.0)), tuple(fills), EXPVER in axes, south_up)


def _units_factor(var, name, f):
    """What the variable's values are multiplied by to become kg m-2: 1 for GLDAS (kg m-2), the
    layer's thickness x 1000 kg m-3 for a volume fraction.  Units the product does not write are
    refused; a variable without units is taken in the product's units."""
    product = f.product
    layer = product.variables.index(name) if name in product.variables else None
    units = getattr(var, "units", None)
    if units is not None and not product.knows_units(units):
        if product is GLDAS:
            gldas.refuse_units(str(units), name, f.path)
        raise TsmvError("⟨source⟩ %s: %s is in %s, not %s as %s writes it; TSMV does not guess a "
                        "conversion" % (f.path, name, units, product.units, product.key))
    return 1.0 if layer is None else product.factor(layer)


def _check_one_step(ds, f):
    """One time step (so index 0 of a variable's time axis is the file's month), dated as named."""
    name = next((d for d in ds.dimensions if d.lower() in TIME_NAMES), None)
    steps = len(ds.dimensions[name]) if name else 1
    if steps != 1:
        raise TsmvError("⟨source⟩ %s holds %d time steps; a %s file holds one month%s, so TSMV does not "
                        "guess which to use" % (f.path, steps, f.product.key.split("-")[0],
                                               " (or one 3-hourly time)" if f.product is GLDAS else ""))
    time = ds.variables.get("time")
    begin = str(getattr(time, "begin_date", "")) if time is not None else ""
    if re.fullmatch(r"\d{8}", begin) and (int(begin[0:4]), int(begin[4:6])) != (f.year, f.month):
        raise TsmvError("⟨source⟩ %s: its name says %s but its time:begin_date is %s"
                        % (f.path, month_label(f.year, f.month), begin))


def read_month(files, variables, window=None, reference=None, convert=True):
    """One month of ``variables``: a monthly file (or step) as it is, or the mean of 3-hourly files.

    3-hourly means are taken cell by cell over the files where the cell is
    valid (NaN where none is).  Returns (arrays, reference); with ``convert=False`` a
    :class:`Read` per variable instead (whose ``values()`` are those arrays), so that another
    thread may convert what this one read.
    """
    if len(files) == 1 and files[0].step == "M":
        return read_file(files[0], variables, window, reference, convert)
    sums = counts = None
    for f in files:
        arrays, reference = read_file(f, variables, window, reference)
        if sums is None:
            sums = [np.zeros(a.shape, np.float64) for a in arrays]
            counts = [np.zeros(a.shape, np.int32) for a in arrays]
        for s, c, a in zip(sums, counts, arrays):
            valid = np.isfinite(a)
            s[valid] += a[valid]
            c += valid
    with np.errstate(invalid="ignore", divide="ignore"):
        means = [np.where(c > 0, s / np.maximum(c, 1), np.nan).astype(np.float32)
                 for s, c in zip(sums, counts)]
    return (means if convert else [Read([mean]) for mean in means]), reference


@dataclass
class Plan:
    """What an import reads: the product, the variables of the layers asked for, the files of
    each month, the grid of the first file, the window of the extent and the grid it makes."""
    product: object
    variables: list
    months: list  # [((year, month), [MonthFile])]
    reference: LatLonGrid
    window: tuple
    grid: Grid


def plan_import(source, keys, product=None, start_year=None, end_year=None, extent=None, prefer_newer=True,
                log=None):
    """The :class:`Plan` of importing the layers ``keys`` (positions: '0_10' the top layer) of the
    files in ``source``: found, checked to be one product (``product``, or detected), every month
    of the span planned (and partial or preliminary months warned of), the extent windowed."""
    log = as_log(log)
    files = find_files(source, product, log)
    product = files[0].product
    months = plan_months(files, start_year, end_year, prefer_newer, log)
    warn_partial_months(months, log)
    reference = reference_grid(months[0][1][0])
    window = reference.window(extent)
    return Plan(product, [product.variables[LAYER_KEYS.index(k)] for k in keys], months, reference, window,
                reference.grid(window))


def expected_3h_files(year, month):
    return calendar.monthrange(year, month)[1] * 8


__all__ = ["MonthFile", "Read", "find_files", "plan_months", "read_month", "read_file", "reference_grid",
           "LatLonGrid", "ERA5_LAND", "FLDAS", "GLDAS"]
