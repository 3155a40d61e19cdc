"""GOSIF GPP v2 aggregated to monthly means on the soil-moisture grid.

Files: 8-day ``GOSIF_GPP_2000057_Mean.tif`` (year, day of year of the first
day; scale 0.001, g C m-2 d-1) and monthly ``GOSIF_GPP_2019.M01_Mean.tif``
(scale 0.01, g C m-2 per month), each optionally gzipped (``.tif.gz``, read
through /vsigzip/), global 7200 x 3600 at 0.05 deg or a crop of that grid.
Integer files are scaled by the product's factor; 65535 (water), 65534 (snow/ice all year)
and a declared nodata are dropped.  Floating-point files are taken as they are (after their
own scale and offset), never scaled by the integer product's factor (:func:`daily_gpp`).
Every read is checked, each file is read into a fresh array, and .tif.gz inputs are left
without the index GDAL would write beside them.

Every file is converted to mean daily GPP (g C m-2 d-1).  An 8-day composite
covers its first day and the seven after it (the last one of a year stops on
31 December) and counts in each calendar month for the days it has there:
the month's value at a 0.05 deg cell is the day-weighted mean of the
composites valid there.  The monthly value of a reference cell is then the
mean of its valid 0.05 deg cells, NaN where fewer than MIN_VALID of them are
valid.  Files are read one at a time; at most two months are held at 0.05 deg.
"""
import calendar
import datetime
import os
from functools import partial
import re
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass

import numpy as np

from ..errors import TsmvError, named
from ..io.files import check_file, check_years, walk
from ..labels import check_year_order, month_index, month_label
from ..kernels.blocks import accumulate, block_mean
from ..io.outputs import Outputs
from ..progress import as_log, as_progress
from ..io.raster import (CheckedBand, Grid, aligned_window, band_decoding, no_gzip_index, nodata_mask, open_raster,
                         raster_grid, read_fine_block)
from ..io.style import sequential
from ..bands import BandMap

_NAME = re.compile(r"^GOSIF_GPP_(?P<year>\d{4})(?:(?P<doy>\d{3})|\.M(?P<month>\d{2}))_Mean\.tif(?P<gz>\.gz)?$",
                   re.IGNORECASE)
SCALE = {"8day": 0.001, "monthly": 0.01}
WATER, SNOW = 65535, 65534
_BACKEND = None  # numba when it can (fast.compiled); tests set "numpy" or "numba"


@dataclass(frozen=True)
class GosifFile:
    path: str
    kind: str  # "8day" or "monthly"
    first: datetime.date
    last: datetime.date  # inclusive

    @property
    def gdal_path(self):
        return "/vsigzip/" + self.path if self.path.lower().endswith(".gz") else self.path

    def days_by_month(self):
        """{(year, month): days of this file in that month}."""
        days = {}
        day = self.first
        while day <= self.last:
            days[(day.year, day.month)] = days.get((day.year, day.month), 0) + 1
            day += datetime.timedelta(days=1)
        return days


def _bad_name(path, problem):
    """The refusal of a file whose name has the GOSIF pattern but impossible numbers."""
    return TsmvError("⟨folder⟩ %s: %s. GOSIF GPP files are named GOSIF_GPP_YYYYDDD_Mean.tif[.gz] "
                     "(8-day, DDD the first day of the composite: 001, 009, ..., 361) or "
                     "GOSIF_GPP_YYYY.MMM_Mean.tif[.gz] (monthly, MM 01-12); rename or remove the file"
                     % (path, problem))


def _composite_days(path, year, doy):
    """(first, last) day of the 8-day composite of ``year`` that starts on day of year ``doy``
    (its three digits); an impossible day, or one off the 8-day cycle, is refused."""
    days = 366 if calendar.isleap(year) else 365
    day = int(doy)
    if day == 366 and days == 365:
        raise _bad_name(path, "day of year 366, but %04d is not a leap year (it has 365 days)" % year)
    if not 1 <= day <= days:
        raise _bad_name(path, "day of year %s is outside 001-%03d" % (doy, days))
    if day % 8 != 1:
        raise _bad_name(path, "day of year %s does not start an 8-day composite (001, 009, 017, ..., "
                              "361); a composite off that cycle would count some days twice" % doy)
    first = datetime.date(year, 1, 1) + datetime.timedelta(days=day - 1)
    return first, min(first + datetime.timedelta(days=7), datetime.date(year, 12, 31))


def parse_gosif(path):
    """The GosifFile named by ``path``, or None when its name is not a GOSIF GPP name.

    8-day ``GOSIF_GPP_YYYYDDD_Mean.tif[.gz]``: DDD is the day of year of the first day of
    the composite, one of 001, 009, ..., 361 (DDD % 8 == 1); the composite covers that
    day and the seven after it, the last of a year stopping on 31 December.  Monthly
    ``GOSIF_GPP_YYYY.MMM_Mean.tif[.gz]``: MM is 01-12.  A name of this pattern with
    impossible numbers (year 0000, month 00 or 13, day 000, 366 of a common year, 367
    and more, a day off the 8-day cycle) is not skipped: it raises a TsmvError naming
    the file, so that no day is ever counted in two composites.
    """
    m = _NAME.match(os.path.basename(path))
    if not m:
        return None
    path = str(path)
    year = int(m.group("year"))
    if year < 1:
        raise _bad_name(path, "year %s is not a year" % m.group("year"))
    if m.group("doy"):
        return GosifFile(path, "8day", *_composite_days(path, year, m.group("doy")))
    month = int(m.group("month"))
    if not 1 <= month <= 12:
        raise _bad_name(path, "month %s is not a month (01-12)" % m.group("month"))
    return GosifFile(path, "monthly", datetime.date(year, month, 1),
                     datetime.date(year, month, calendar.monthrange(year, month)[1]))


def find_gosif(folder):
    """The GOSIF GPP files below ``folder`` (searched recursively), sorted by first day.

    Names are checked before any file is read: other names are ignored, a GOSIF name with
    impossible numbers is refused (see :func:`parse_gosif`), and so are two files for the
    same period (e.g. ``.tif`` and ``.tif.gz``) and a month covered by both 8-day and
    monthly files.
    """
    if not os.path.isdir(folder):
        if os.path.exists(folder):
            raise TsmvError("⟨folder⟩ %s is a file, not a folder; give the folder of the "
                            "GOSIF GPP files" % folder)
        raise TsmvError("⟨folder⟩ %s does not exist" % folder)
    files, seen = [], {}
    for dirpath, name in walk(folder, named("folder")):
        f = parse_gosif(os.path.join(dirpath, name))
        if f is not None:
            check_file(f.path, named("folder"))
            key = (f.kind, f.first)
            if key in seen:
                raise TsmvError("⟨folder⟩ %s and %s: two GOSIF files for the same period; keep one" % (seen[key], f.path))
            seen[key] = f.path
            files.append(f)
    if not files:
        raise TsmvError("⟨folder⟩ %s holds no GOSIF GPP files (names like "
                        "GOSIF_GPP_2000057_Mean.tif[.gz] or GOSIF_GPP_2019.M01_Mean.tif[.gz])" % folder)
    kinds = {}
    for f in files:
        for ym in f.days_by_month():
            kinds.setdefault(ym, set()).add(f.kind)
    mixed = [ym for ym, k in kinds.items() if len(k) > 1]
    if mixed:
        raise TsmvError("⟨folder⟩ %s has both 8-day and monthly GOSIF files for %s; keep one product"
                        % (folder, month_label(*min(mixed))))
    return sorted(files, key=lambda f: f.first)


def daily_scale(kind, days_in_month=None):
    """g C m-2 d-1 per GOSIF integer: a monthly file holds the month's total."""
    return SCALE[kind] / (days_in_month if kind == "monthly" else 1)


def daily_gpp(raw, kind, days_in_month, nodata=None, scale=1.0, offset=0.0, path=""):
    """Mean daily GPP (g C m-2 d-1, float32, NaN where missing) of a file's values ``raw`` in
    their own type.

    Integers are GOSIF's product: 65535 (water), 65534 (snow/ice) and a declared ``nodata`` are
    missing; the rest is scaled by the product's factor (0.001 8-day, 0.01 monthly).  A file that
    declares another scale or offset is refused (TSMV does not guess which is right).  Floating-point
    values are taken as they are (already g C m-2 d-1, or g C m-2 per month for a monthly file),
    after the band's own scale and offset if it declares them: never by the integer product's
    factor; NaN, infinities and a declared ``nodata`` are missing.  A monthly file is divided by the
    days of its month.
    """
    missing = nodata_mask(raw, nodata)
    per_day = 1.0 / days_in_month if kind == "monthly" else 1.0
    if raw.dtype.kind in "iu":
        if (scale, offset) not in ((1.0, 0.0), (SCALE[kind], 0.0)):
            raise TsmvError("⟨folder⟩ %s declares scale %g and offset %g, but %s GOSIF integers are scaled "
                            "by %g (offset 0); TSMV does not guess which is right: give the file as "
                            "published" % (path, scale, offset, "8-day" if kind == "8day" else "monthly",
                                           SCALE[kind]))
        if np.iinfo(raw.dtype).max >= WATER:
            missing |= (raw == WATER) | (raw == SNOW)
        values = raw.astype(np.float32)
        values *= np.float32(SCALE[kind] * per_day)
    else:
        with np.errstate(invalid="ignore", over="ignore"):
            values = raw.astype(np.float32)
            if (scale, offset) != (1.0, 0.0):
                values *= np.float32(scale)
                values += np.float32(offset)
            values *= np.float32(per_day)
        missing |= ~np.isfinite(values)
    values[missing] = np.nan
    return values


def read_gosif(f, grid, days_in_month):
    """(mean daily GPP of one GOSIF file under ``grid``, NaN where missing or outside the file;
    the number of its cells per reference cell).  Every read is checked: a file cut short, or a
    .tif.gz whose compressed stream ends early or fails its check, is refused by name."""
    try:
        with no_gzip_index():  # /vsigzip/ leaves no index (x.tif.gz.properties) beside the input
            ds = open_raster(f.gdal_path, named("folder"))
            fine = Grid.from_geotransform(ds.GetGeoTransform(), ds.RasterXSize, ds.RasterYSize, named("folder"),
                                          f.path)
            ratio, col0, row0 = aligned_window(grid, fine, "⟨folder⟩ %s" % f.path)
            band = ds.GetRasterBand(1)
            kind, nodata, scale, offset = band_decoding(band, named("folder"), f.path)
            raw = read_fine_block(CheckedBand(band, named("folder"), f.path), fine, ratio, col0, row0, 0,
                                  grid.height, grid.width, 0, kind)
            band = ds = None  # closed here, under the option
    except TsmvError as e:
        if f.gdal_path == f.path:
            raise
        raise TsmvError(e.message.replace(f.gdal_path, f.path) + "; the gzipped file is cut short or "
                        "damaged: download it again") from None
    values = daily_gpp(raw, f.kind, days_in_month, nodata, scale, offset, f.path)
    values[:max(0, -row0)] = np.nan  # the reference's cells beyond the file: missing
    values[max(0, fine.height - row0):] = np.nan
    values[:, :max(0, -col0)] = np.nan
    values[:, max(0, fine.width - col0):] = np.nan
    return values, ratio


def gpp_bands(months):
    """The bands of the GPP stack: the mean daily GPP of each month."""
    return BandMap.monthly(months, "g C m-2 d-1", "GOSIF GPP, mean daily", style=partial(sequential, "greens", "g C m-2 d-1"))


def run_gpp(folder, reference, output, start_year=None, end_year=None, min_valid=0.5,
            progress=None, log=None):
    """Monthly mean daily GPP on the REFERENCE grid, bands YYYY-MM."""
    log = as_log(log)
    progress = as_progress(progress)
    if not 0 < min_valid <= 1:
        raise TsmvError("⟨min_valid⟩ must be a fraction in (0, 1], not %g" % min_valid)
    files = find_gosif(folder)
    months_found = sorted({ym for f in files for ym in f.days_by_month()})
    check_year_order(start_year, end_year)
    check_years(start_year, end_year, months_found[0], months_found[-1])
    first = (start_year, 1) if start_year is not None else months_found[0]
    last = (end_year, 12) if end_year is not None else months_found[-1]
    span = [(i // 12, i % 12 + 1) for i in range(month_index(*first), month_index(*last) + 1)]
    wanted = set(span)
    files = [f for f in files if wanted & set(f.days_by_month())]
    if not files:
        raise TsmvError("⟨start_year⟩..⟨end_year⟩ (%s..%s): no GOSIF file of ⟨folder⟩ covers these months; the "
                        "files cover %s..%s with gaps" % (month_label(*first), month_label(*last),
                                                          month_label(*months_found[0]), month_label(*months_found[-1])))
    grid = raster_grid(reference, "⟨reference⟩ raster")
    open_months = {}  # (year, month) -> [sum, days] at 0.05 deg
    spare = []
    done = {}

    def read(i):  # a fresh array per file: nothing of an earlier file can show through
        f = files[i]
        days_in_month = calendar.monthrange(f.first.year, f.first.month)[1]
        return read_gosif(f, grid, days_in_month)

    with Outputs({named("folder"): [f.path for f in files], named("reference"): str(reference)},
                 rasters={named("output"): output}, log=log,
                 described={named("folder"): {"product": "GOSIF GPP"}}) as out, ThreadPoolExecutor(1) as reader:
        writer = gpp_bands([month_label(*ym) for ym in span]).stack(
            out, named("output"), grid, metadata={"TSMV_KIND": "gpp", "UNITS": "g C m-2 d-1"})
        pending = reader.submit(read, 0)
        for i, f in enumerate(files):
            values, ratio = pending.result()
            if i + 1 < len(files):
                pending = reader.submit(read, i + 1)
            shape = values.shape
            for ym, days in f.days_by_month().items():
                if ym in wanted:
                    if ym not in open_months:  # reuse buffers: fresh pages cost more than zeroing
                        open_months[ym] = spare.pop() if spare else [np.zeros(shape, np.float32),
                                                                     np.zeros(shape, np.uint8)]
                    accumulate(open_months[ym], values, days, _BACKEND)
            next_first = files[i + 1].first if i + 1 < len(files) else None
            for ym in sorted(open_months):
                month_end = datetime.date(ym[0], ym[1], calendar.monthrange(*ym)[1])
                if next_first is None or next_first > month_end:
                    total, days = month = open_months.pop(ym)
                    writer.write(block_mean(total, days, ratio, min_valid, _BACKEND), band0=span.index(ym))
                    total.fill(0)
                    days.fill(0)
                    spare.append(month)
                    done[ym] = True
            progress.set((i + 1) / len(files))
        empty = [ym for ym in span if ym not in done]
        for ym in empty:
            writer.write(np.full((grid.height, grid.width), np.nan, np.float32), band0=span.index(ym))
        if empty:
            log.warn("no GOSIF file covers %d month(s) of the span, left NaN: %s"
                % (len(empty), ", ".join(month_label(*ym) for ym in empty[:12])))
    return span
