"""Read GLDAS-Noah soil moisture (V2.0/V2.1, 1.0 or 0.25 deg, monthly or 3-hourly).

Files are found by name (``GLDAS_NOAH10_M.A194801.020.nc4``,
``GLDAS_NOAH025_3H.A20160101.0300.021.nc4``, subsets ending ``.SUB.nc4``) or,
for a renamed file, by the ``begin_date`` attribute of its ``time`` variable.
They are read with netCDF4, or with GDAL where netCDF4 is missing
(:mod:`tsmv_qgis.io.netcdf`), to the same numbers.
Each file is opened once, month by month, so memory does not grow with the
number of files.  Latitude in the files runs south to north; outputs are
north-up.  ``-9999`` (``_FillValue``/``missing_value``, compared in the variable's own type)
becomes NaN.  Soil moisture must be in kg m-2: a volumetric (m3 m-3) variable is refused,
not converted.  Folders are searched through symbolic links; only regular files are opened
(:mod:`tsmv_qgis.io.files`).
"""
import calendar
import math
import os
import re
from dataclasses import dataclass

import numpy as np

from ..io.coverage import VERSIONS, join_versions, version_metadata
from ..errors import TsmvError
from ..io.files import check_file, check_years, walk
from ..labels import LAYER_KEYS, LAYER_VARIABLES, check_year_order, month_index, month_label
from ..io.netcdf import can_read, open_dataset
from ..io.outputs import Outputs
from ..progress import as_log, as_progress
from ..steps.qc import QC_HEADER, LayerQc, layer_metadata, maxima_of, report_rows
from ..io.raster import Grid, WriteBehind, nodata_mask
from ..steps.seasons import SeasonsByYear, SeasonsResult, season_targets
from ..io.style import sequential

_NAME = re.compile(
    r"^GLDAS_NOAH(?P<res>\d+)_(?P<step>M|3H)\.A(?P<date>\d{6}(?:\d{2})?)"
    r"(?:\.(?P<hhmm>\d{4}))?\.(?P<version>\d{3})(?:\.nc4)?(?:\.SUB)?\.nc4$", re.IGNORECASE)
_NETCDF_ENDINGS = (".nc4", ".nc")


@dataclass(frozen=True)
class GldasFile:
    """One GLDAS file: where it is, which month, version and time step it holds."""
    path: str
    year: int
    month: int
    version: str  # "2.0", "2.1", ...
    step: str  # "M" monthly, "3H" 3-hourly
    stamp: str = ""  # "DDHHMM" for 3-hourly files

    @property
    def name(self):
        return os.path.basename(self.path)


def _version(code):
    return "%d.%d" % (int(code[0:2]), int(code[2]))


def parse_name(path):
    """The GldasFile a file name describes, or None if it is not a GLDAS name."""
    m = _NAME.match(os.path.basename(path))
    if not m:
        return None
    date = m.group("date")
    step = m.group("step").upper()
    year, month = int(date[0:4]), int(date[4:6])
    if not 1 <= month <= 12:
        raise TsmvError("INPUT %s: month %s of its name is not a month (01-12); GLDAS files are named "
                        "like GLDAS_NOAH10_M.A200001.021.nc4 (YYYYMM): rename or remove the file"
                        % (path, date[4:6]))
    if step == "3H" and len(date) == 8 and not 1 <= int(date[6:8]) <= calendar.monthrange(max(year, 1), month)[1]:
        raise TsmvError("INPUT %s: day %s of its name is not a day of %s; 3-hourly GLDAS files are named "
                        "like GLDAS_NOAH025_3H.A20160101.0300.021.nc4 (YYYYMMDD.HHMM): rename or remove "
                        "the file" % (path, date[6:8], month_label(year, month)))
    stamp = date[6:8] + (m.group("hhmm") or "") if step == "3H" else ""
    return GldasFile(str(path), year, month, _version(m.group("version")), step, stamp)


def describe_from_attributes(path):
    """Describe a renamed GLDAS file from its attributes (``time:begin_date``, title)."""
    try:
        with open_dataset(path) as ds:
            time = ds.variables.get("time")
            begin = str(getattr(time, "begin_date", "")) if time is not None else ""
            begin_time = str(getattr(time, "begin_time", "000000"))
            increment = str(getattr(time, "time_increment", ""))
            title = str(getattr(ds, "title", ""))
    except (OSError, RuntimeError, ValueError):
        return None
    version = re.search(r"GLDAS\s*(\d)\.(\d)", title)
    if not re.fullmatch(r"\d{8}", begin) or not version:
        return None
    step = "3H" if increment.isdigit() and 0 < int(increment) <= 180 else "M"
    stamp = begin[6:8] + begin_time[0:4] if step == "3H" else ""
    return GldasFile(str(path), int(begin[0:4]), int(begin[4:6]),
                     "%s.%s" % version.groups(), step, stamp)


def find_files(source, log=None):
    """Every GLDAS file in ``source`` (a file, or a folder searched recursively)."""
    log = as_log(log)
    if not can_read():  # say at once, not file by file
        raise TsmvError("reading GLDAS files needs GDAL's netCDF driver or the Python package "
                        "netCDF4, and this Python (QGIS's) has neither: on Debian/Ubuntu `apt install "
                        "python3-netcdf4`; in the OSGeo4W shell `python -m pip install netCDF4`")
    check_file(source, "INPUT")
    if os.path.isfile(source):
        found = parse_name(source) or describe_from_attributes(source)
        if found is None:
            raise TsmvError("INPUT %s is not a GLDAS-Noah file: its name is not like "
                            "GLDAS_NOAH10_M.A200001.021.nc4 and it has no readable "
                            "time:begin_date attribute" % source)
        return [found]
    if not os.path.isdir(source):
        raise TsmvError("INPUT %s does not exist" % source)
    files = []
    for folder, name in walk(source, "INPUT"):
        path = os.path.join(folder, name)
        found = parse_name(path)
        if found is None and name.lower().endswith(_NETCDF_ENDINGS):
            check_file(path, "INPUT")  # before its attributes are read
            found = describe_from_attributes(path)
            if found is None:
                log("Skipped %s: not a GLDAS-Noah file (name and attributes)" % path)
        if found is not None:
            check_file(path, "INPUT")
            files.append(found)
    if not files:
        raise TsmvError("INPUT folder %s holds no GLDAS-Noah files (names like "
                        "GLDAS_NOAH10_M.A200001.021.nc4, searched recursively)" % source)
    return files


def _month_sources(by_version, ym):
    """Check one month's files of one version: one monthly file, or unique 3-hourly ones."""
    steps = {f.step for f in by_version}
    if len(steps) > 1:
        other = next(f for f in by_version if f.step != by_version[0].step)
        raise TsmvError("INPUT %s and %s: %s has both monthly and 3-hourly files of V%s; keep one kind"
                        % (by_version[0].path, other.path, month_label(*ym), by_version[0].version))
    seen = {}
    for f in by_version:
        if f.stamp in seen:
            raise TsmvError("INPUT %s and %s: two files for %s%s of V%s; keep one"
                            % (seen[f.stamp].path, f.path, month_label(*ym), " " + f.stamp if f.stamp else "",
                               f.version))
        seen[f.stamp] = f
    return sorted(by_version, key=lambda f: f.stamp)


def warn_partial_months(plan, log):
    """Warn of each month of ``plan`` averaged from fewer than all of its 3-hourly files."""
    for ym, files in plan:
        if files[0].step == "3H" and len(files) < expected_3h_files(*ym):
            log.warn("%s has %d of %d 3-hourly files; its mean is of those %d"
                     % (month_label(*ym), len(files), expected_3h_files(*ym), len(files)))


def plan_months(files, start_year=None, end_year=None, prefer_newer=True, log=None):
    """The files that make each month of the span, as a list of ((year, month), [files]).

    Where several versions cover a month (V2.0 and V2.1 overlap 2000-2014) the
    newest wins, or the oldest with ``prefer_newer=False``.  Every month of the
    span must be there: START_YEAR-01 (or the first month found) to
    END_YEAR-12 (or the last month found).
    """
    log = as_log(log)
    check_year_order(start_year, end_year)
    months = {}
    for f in files:
        months.setdefault((f.year, f.month), {}).setdefault(f.version, []).append(f)
    check_years(start_year, end_year, min(months), max(months))
    first = (start_year, 1) if start_year is not None else min(months)
    last = (end_year, 12) if end_year is not None else max(months)
    span = [(i // 12, i % 12 + 1) for i in range(month_index(*first), month_index(*last) + 1)]
    have = [ym for ym in span if ym in months]
    if not have:
        raise TsmvError("START_YEAR..END_YEAR (%s..%s): no GLDAS file of INPUT covers these months; the "
                        "files cover %s..%s"
                        % (month_label(*first), month_label(*last),
                           month_label(*min(months)), month_label(*max(months))))
    missing = [ym for ym in span if ym not in months]
    if missing:
        raise TsmvError("INPUT: no GLDAS file for %s%s: every month from %s to %s is needed "
                        "(add the files, or set START_YEAR/END_YEAR to a span the files cover)"
                        % (month_label(*missing[0]),
                           " and %d other months" % (len(missing) - 1) if len(missing) > 1 else "",
                           month_label(*first), month_label(*last)))
    plan, dropped = [], {}
    for ym in span:
        versions = months[ym]
        pick = sorted(versions, key=lambda v: tuple(map(int, v.split("."))))[-1 if prefer_newer else 0]
        for v in versions:
            if v != pick:
                dropped.setdefault((pick, v), []).append(ym)
        plan.append((ym, _month_sources(versions[pick], ym)))
    steps = {}
    for _, month_files in plan:
        steps.setdefault(month_files[0].step, month_files[0])
    if len(steps) > 1:
        raise TsmvError("INPUT mixes monthly and 3-hourly GLDAS files (%s and %s); TSMV imports one "
                        "product at a time: put them in separate folders"
                        % (steps["M"].path, steps["3H"].path))
    for (kept, other), yms in sorted(dropped.items()):
        log("V%s and V%s overlap in %d months (%s..%s): V%s used"
            % (kept, other, len(yms), month_label(*yms[0]), month_label(*yms[-1]), kept))
    return plan


class GldasGrid:
    """The lat/lon grid of the first file; every other file must match it."""

    def __init__(self, lat, lon, source):
        self.lat = np.asarray(lat, np.float64)
        self.lon = np.asarray(lon, np.float64)
        self.source = source
        if self.lat.size < 1 or self.lon.size < 1:
            raise TsmvError("INPUT %s has an empty lat or lon axis" % source)
        self.dx = float(self.lon[1] - self.lon[0]) if self.lon.size > 1 else 1.0
        self.dy = float(abs(self.lat[1] - self.lat[0])) if self.lat.size > 1 else self.dx
        if (self.lon.size > 1 and not np.allclose(np.diff(self.lon), self.dx)) or (
                self.lat.size > 1 and not np.allclose(np.abs(np.diff(self.lat)), self.dy)):
            raise TsmvError("INPUT %s is not on a regular lat/lon grid" % source)
        if self.lon.size > 1 and self.dx <= 0:
            raise TsmvError("INPUT %s: its longitudes run from east to west (%g, %g, ...); TSMV reads "
                            "GLDAS grids whose lon ascends" % (source, self.lon[0], self.lon[1]))
        self.south_up = self.lat.size < 2 or self.lat[1] > self.lat[0]

    def check(self, lat, lon, path):
        if lat.shape != self.lat.shape or lon.shape != self.lon.shape or not (
                np.allclose(lat, self.lat) and np.allclose(lon, self.lon)):
            raise TsmvError(
                "INPUT %s is on another grid (%d x %d, lon %g..%g, lat %g..%g) than %s "
                "(%d x %d, lon %g..%g, lat %g..%g); import one resolution and region at a time"
                % (path, lon.size, lat.size, lon.min(), lon.max(), lat.min(), lat.max(),
                   self.source, self.lon.size, self.lat.size, self.lon.min(), self.lon.max(),
                   self.lat.min(), self.lat.max()))

    def window(self, extent=None):
        """Index slices (rows in file order, cols) of the cells that intersect ``extent``.

        ``extent`` is (xmin, ymin, xmax, ymax) in degrees, or None for all.
        """
        if extent is None:
            return slice(0, self.lat.size), slice(0, self.lon.size)
        xmin, ymin, xmax, ymax = extent
        west, east = self.lon.min() - self.dx / 2, self.lon.max() + self.dx / 2
        if not all(math.isfinite(v) for v in extent):
            raise TsmvError("EXTENT (lon %g..%g, lat %g..%g) holds a value that is not a finite number"
                            % (xmin, xmax, ymin, ymax))
        if xmin > xmax:
            raise TsmvError("EXTENT lon %g..%g: its west edge is east of its east edge, i.e. it crosses "
                            "the antimeridian; TSMV does not wrap longitudes: import lon %g..180 and "
                            "-180..%g as two runs" % (xmin, xmax, xmin, xmax))
        if xmin == xmax or ymin == ymax:
            raise TsmvError("EXTENT (lon %g..%g, lat %g..%g) has no area; give a region (xmin < xmax, "
                            "ymin < ymax)" % (xmin, xmax, ymin, ymax))
        if east - west >= 360 - 1e-6 and (xmin < west < xmax or xmin < east < xmax):
            raise TsmvError("EXTENT lon %g..%g crosses the antimeridian (the data run from lon %g to %g); "
                            "TSMV does not wrap longitudes: import the parts on each side as two runs"
                            % (xmin, xmax, west, east))
        cols = np.nonzero((self.lon + self.dx / 2 > xmin) & (self.lon - self.dx / 2 < xmax))[0]
        rows = np.nonzero((self.lat + self.dy / 2 > ymin) & (self.lat - self.dy / 2 < ymax))[0]
        if cols.size == 0 or rows.size == 0:
            raise TsmvError(
                "EXTENT (lon %g..%g, lat %g..%g) lies outside the data (lon %g..%g, lat %g..%g)%s"
                % (xmin, xmax, ymin, ymax, self.lon.min() - self.dx / 2,
                   self.lon.max() + self.dx / 2, self.lat.min() - self.dy / 2,
                   self.lat.max() + self.dy / 2,
                   "; longitudes run from -180 to 180 (give 350 as -10)" if max(xmin, xmax) > 180 else ""))
        return slice(rows[0], rows[-1] + 1), slice(cols[0], cols[-1] + 1)

    def grid(self, window):
        rows, cols = window
        lat = self.lat[rows]
        return Grid(float(self.lon[cols][0] - self.dx / 2), float(lat.max() + self.dy / 2),
                    self.dx, self.dy, int(cols.stop - cols.start), int(rows.stop - rows.start))


def reference_grid(f):
    """The GldasGrid of one file (its lat/lon axes only)."""
    with _open(f.path) as ds:
        return GldasGrid(*_axes(ds, f), f.path)


def _axes(ds, f):
    try:
        return tuple(_raw(ds.variables[name]) for name in ("lat", "lon"))
    except (KeyError, AttributeError, RuntimeError, OSError) as e:
        raise TsmvError("INPUT %s: cannot read its lat/lon axes (%s)" % (f.path, e)) from None


def _raw(var):
    var.set_auto_maskandscale(False)
    return np.asarray(var[:])


def _open(path):
    try:
        return open_dataset(path)
    except TsmvError:
        raise
    except (OSError, RuntimeError, ValueError) as e:
        raise TsmvError("INPUT %s: cannot read it, not a readable netCDF file (%s)" % (path, e)) from None


def read_file(f, variables, window=None, reference=None):
    """Read ``variables`` of one GLDAS file as float32 arrays, north-up, fill -> NaN.

    ``f`` is a GldasFile; ``reference`` a GldasGrid the file must match (the
    first file read makes it when None).  Returns (arrays, reference).
    """
    with _open(f.path) as ds:
        missing = [v for v in variables if v not in ds.variables]
        if missing:
            have = sorted(v for v in ds.variables if v.startswith("SoilMoi"))
            raise TsmvError("INPUT %s has no %s (it has %s)" % (f.path, ", ".join(missing),
                                                         ", ".join(have) or "no soil moisture"))
        lat, lon = _axes(ds, f)
        if reference is None:
            reference = GldasGrid(lat, lon, f.path)
        reference.check(np.asarray(lat), np.asarray(lon), f.path)
        _check_date(ds, f)
        rows, cols = window or reference.window()
        arrays = [_read_variable(ds.variables[name], name, f, rows, cols) for name in variables]
        if reference.south_up:
            arrays = [a[::-1] for a in arrays]
    return arrays, reference


def _read_variable(var, name, f, rows, cols):
    """One soil variable as float32 (lat, lon) in file order, fill -> NaN, read by dimension
    name: ``(time, lat, lon)``, ``(time, lon, lat)``, ``(lat, lon)`` ... all read the same
    (:func:`_check_date` has made sure the time axis has one step)."""
    dims = [d.lower() for d in var.dimensions]
    if sorted(dims) not in (["lat", "lon"], ["lat", "lon", "time"]):
        raise TsmvError("INPUT %s: %s has the dimensions (%s); TSMV reads (time, lat, lon) in any order"
                        % (f.path, name, ", ".join(var.dimensions)))
    _check_units(var, name, f)
    var.set_auto_maskandscale(False)
    index = tuple({"time": 0, "lat": rows, "lon": cols}[d] for d in dims)
    try:
        raw = np.asarray(var[index])
    except (RuntimeError, OSError, IndexError, ValueError) as e:
        raise TsmvError("INPUT %s: cannot read %s (%s)" % (f.path, name, e)) from None
    kept = [d for d in dims if d != "time"]
    want = {"lat": rows.stop - rows.start, "lon": cols.stop - cols.start}
    if raw.shape != tuple(want[d] for d in kept):
        raise TsmvError("INPUT %s: cannot read %s (%s values instead of %s: a file cut short?)"
                        % (f.path, name, " x ".join(map(str, raw.shape)) or "no",
                           " x ".join(str(want[d]) for d in kept)))
    raw = raw.transpose(kept.index("lat"), kept.index("lon"))
    missing = np.zeros(raw.shape, bool)
    for attr in ("_FillValue", "missing_value"):  # compared in the variable's own type
        for fill in np.atleast_1d(getattr(var, attr, [])):
            missing |= nodata_mask(raw, float(fill))
    scale = float(getattr(var, "scale_factor", 1.0))
    offset = float(getattr(var, "add_offset", 0.0))
    if scale != 1.0 or offset != 0.0:
        data = (raw * scale + offset).astype(np.float32)
    else:
        data = np.array(raw, dtype=np.float32)
    data[missing] = np.nan
    return data


#: How GLDAS (and tools that rewrite it) spell kg m-2, without spaces, in lower case.
KG_M2 = {"kgm-2", "kgm**-2", "kgm^-2", "kg/m2", "kg/m^2", "kg/m**2"}


def _check_units(var, name, f):
    """GLDAS soil moisture is kg m-2: a variable that says otherwise (volumetric m3 m-3, as FLDAS
    and ERA5-Land write, or anything else) is refused; one without units is taken as kg m-2."""
    units = getattr(var, "units", None)
    if units is None:
        return
    units = str(units)
    if "".join(units.split()).lower() in KG_M2:
        return
    volumetric = "".join(units.split()).lower().replace("^", "").replace("**", "") in (
        "m3m-3", "m3/m3", "m3.m-3", "1", "fraction")
    raise TsmvError("INPUT %s: %s is in %s%s, not kg m-2 as GLDAS soil moisture is; TSMV does not "
                    "convert it: convert it to kg m-2 first (%s)"
                    % (f.path, name, units, " (volumetric water content)" if volumetric else "",
                       "kg m-2 = m3 m-3 x 1000 kg m-3 x the layer's thickness in m: 0.1, 0.3, 0.6, 1.0"
                       if volumetric else "or give GLDAS-Noah files"))


def _check_date(ds, f):
    """One time step (so index 0 of a variable's time axis is the file's month), dated as named."""
    steps = len(ds.dimensions["time"]) if "time" in ds.dimensions else 1
    if steps != 1:
        raise TsmvError("INPUT %s holds %d time steps; a GLDAS file holds one month (or one 3-hourly time), "
                        "so TSMV does not guess which to use" % (f.path, steps))
    time = ds.variables.get("time")
    begin = str(getattr(time, "begin_date", "")) if time is not None else ""
    if re.fullmatch(r"\d{8}", begin) and (int(begin[0:4]), int(begin[4:6])) != (f.year, f.month):
        raise TsmvError("INPUT %s: its name says %s but its time:begin_date is %s"
                        % (f.path, month_label(f.year, f.month), begin))


def read_month(files, variables, window=None, reference=None):
    """One month of ``variables``: a monthly file as it is, or the mean of 3-hourly files.

    3-hourly means are taken cell by cell over the files where the cell is
    valid (NaN where none is).  Returns (arrays, reference).
    """
    if len(files) == 1 and files[0].step == "M":
        return read_file(files[0], variables, window, reference)
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
    return means, reference


def expected_3h_files(year, month):
    return calendar.monthrange(year, month)[1] * 8


@dataclass
class ImportResult:
    months: int
    files: int
    first: str
    last: str
    grid: Grid
    qc: list = None  # a QcRow per layer when quality control ran while importing
    seasons: SeasonsResult = None  # when the seasons were classified while importing


def import_gldas(source, outputs, start_year=None, end_year=None, extent=None,
                 prefer_newer=True, quality_control=False, maxima=None, report=None,
                 seasons=None, rank_by="total", progress=None, log=None):
    """Import GLDAS-Noah soil moisture into monthly stacks, one per layer.

    ``outputs`` maps layer keys (``"0_10"``, ``"10_40"``, ``"40_100"``,
    ``"100_200"``) to GeoTIFF paths; bands are labelled ``YYYY-MM``, values in
    kg m-2.  With ``quality_control`` the outputs are those of
    :func:`tsmv_qgis.steps.qc.quality_control` (``maxima``, ``report``) in the same pass;
    with ``seasons`` (output paths as :func:`tsmv_qgis.steps.seasons.run_seasons` takes them,
    and its ``rank_by``) also the seasons of the stacks written: the monthly stacks are not
    read again.  Nothing is written unless every month imports.
    """
    log = as_log(log)
    progress = as_progress(progress)
    keys = [k for k in LAYER_KEYS if k in outputs]
    if seasons and len(keys) < len(LAYER_KEYS):
        raise TsmvError("SEASONS needs all four layers: import 0_10, 10_40, 40_100 and 100_200")
    variables = [LAYER_VARIABLES[LAYER_KEYS.index(k)] for k in keys]
    plan = plan_months(find_files(source, log), start_year, end_year, prefer_newer, log)
    warn_partial_months(plan, log)
    reference = reference_grid(plan[0][1][0])
    window = reference.window(extent)
    grid = reference.grid(window)
    labels = [month_label(*ym) for ym, _ in plan]
    versions = [files[0].version for _, files in plan]
    n_files = sum(len(files) for _, files in plan)
    targets = {"OUTPUT_" + k: outputs[k] for k in keys}
    if seasons:
        targets.update(season_targets(seasons, rank_by))
    maxima = maxima_of(maxima)
    checks = [LayerQc(k, maxima[k]) if quality_control else None for k in keys]
    with Outputs({"INPUT": [f.path for _, month in plan for f in month]}, rasters=targets,
                 tables={"REPORT": report if quality_control else None}, log=log) as out:
        writers = [out.stack(
            "OUTPUT_" + k, grid, labels, style=sequential("moisture", "kg m-2"),
            metadata=dict(layer_metadata(k, maxima[k] if quality_control else None),
                          **{VERSIONS: join_versions(versions)}),
            band_metadata=version_metadata(versions))
            for k in keys]
        by_year = SeasonsByYear(out, grid, [ym for ym, _ in plan], versions, rank_by, log) if seasons else None

        def store(band, ym, arrays):  # on the write-behind thread, while the next month is read
            arrays = [check(array) if check else array for check, array in zip(checks, arrays)]
            for writer, array in zip(writers, arrays):
                writer.write(array, band0=band)
            if by_year:
                by_year.add(*ym, arrays)

        with WriteBehind() as behind:
            for band, (ym, files) in enumerate(plan):
                arrays, reference = read_month(files, variables, window, reference)
                behind.submit(store, band, ym, arrays)
                progress.set((band + 1) / len(plan))
        rows = [c.row for c in checks] if quality_control else None
        if quality_control and report:
            out.table("REPORT", QC_HEADER, report_rows(rows))
    return ImportResult(len(plan), n_files, labels[0], labels[-1], grid, rows,
                        SeasonsResult(by_year.years, by_year.writers.pixels_valid) if by_year else None)
