"""ERA5-Land at its own 0.1 deg (3600 x 1801), the Climate Data Store's current netCDF layout.

Data: synthetic monthly means in the real layout (``valid_time``, latitude 90 -> -90,
longitude 0..359.9, float32 with NaN over the sea, zlib level 1 as the CDS writes, 12 months per
file), made once into .cache/bench.  ``TSMV_BENCH_ERA5_YEARS`` years from 2000 (default 2; 25
is the 2000-2024 of the issue: about 30 GB of input and as much output).  The time per month
is what scales; memory must not grow with months.

Baseline (same process): open each file with netCDF4 and read the four variables, month by
month, nothing else.  Measured: ``import_soil_moisture`` (same process, best of 2 after a
warm-up read), and its peak memory in a process of its own for 1 year and for all years.
"""
import glob
import os
import shutil
import sys
import tempfile

import netCDF4
import numpy as np

from common import CACHE, ROOT, best_of, line, run_with_peak

TARGET_RATIO = 1.3
TARGET_MB = 1024
VARIABLES = ("swvl1", "swvl2", "swvl3", "swvl4")


def era5_land_global(years):
    """Synthetic ERA5-Land monthly means at 0.1 deg, 2000.., one file per year."""
    folder = os.path.join(CACHE, "era5land_global_0p1_%d" % years)
    stamp = os.path.join(folder, ".complete")
    if os.path.exists(stamp):
        return folder
    print("  (making %d years of 0.1 deg ERA5-Land-like files once, in %s)" % (years, folder))
    os.makedirs(folder, exist_ok=True)
    lat = np.round(np.linspace(90, -90, 1801), 1)
    lon = np.round(np.arange(3600) * 0.1, 1)
    rng = np.random.default_rng(0)
    y, x = np.meshgrid(np.deg2rad(lat), np.deg2rad(lon), indexing="ij")
    land = (np.sin(3 * x) * np.cos(2 * y) + 0.6 * np.cos(5 * x + 1) * np.sin(3 * y)) > 0.2
    base = (0.25 + 0.1 * np.cos(y) * np.sin(2 * x)).astype(np.float32)
    for year in range(2000, 2000 + years):
        path = os.path.join(folder, "data_stream-moda_%d.nc" % year)
        with netCDF4.Dataset(path + ".part", "w") as ds:
            ds.createDimension("valid_time", 12)
            ds.createDimension("latitude", lat.size)
            ds.createDimension("longitude", lon.size)
            t = ds.createVariable("valid_time", "i8", ("valid_time",))
            t.setncatts({"units": "seconds since 1970-01-01", "calendar": "proleptic_gregorian"})
            t[:] = [(np.datetime64("%04d-%02d-01" % (year, m)) - np.datetime64("1970-01-01")).astype(
                "timedelta64[s]").astype(np.int64) for m in range(1, 13)]
            for name, values, units in (("latitude", lat, "degrees_north"), ("longitude", lon, "degrees_east")):
                v = ds.createVariable(name, "f8", (name,))
                v.units = units
                v[:] = values
            for d, name in enumerate(VARIABLES):
                v = ds.createVariable(name, "f4", ("valid_time", "latitude", "longitude"), zlib=True,
                                      complevel=1, shuffle=True, fill_value=np.float32(np.nan),
                                      chunksizes=(1, 1801, 3600))
                v.units = "m**3 m**-3"
                for m in range(12):
                    month = base * (1 + 0.2 * np.sin(2 * np.pi * (m - d) / 12)) + rng.normal(
                        0, 0.01, base.shape).astype(np.float32)
                    v[m] = np.where(land, month, np.nan).astype(np.float32)
        os.replace(path + ".part", path)
    open(stamp, "w").close()
    return folder


def main():
    from tsmv_qgis.labels import LAYER_KEYS
    from tsmv_qgis.steps.importing import import_soil_moisture
    years = int(os.environ.get("TSMV_BENCH_ERA5_YEARS", "2"))
    folder = era5_land_global(years)
    files = sorted(glob.glob(os.path.join(folder, "*.nc")))
    print("== ERA5-Land import: 0.1 deg global (3600 x 1801), %d months in %d files ==" % (12 * years, len(files)))

    def read_only():
        for path in files:
            with netCDF4.Dataset(path) as ds:
                for m in range(len(ds.dimensions["valid_time"])):
                    for name in VARIABLES:
                        ds.variables[name][m]

    work = tempfile.mkdtemp(prefix="tsmv-bench-era5-")
    outputs = {k: os.path.join(work, "sm_%s.tif" % k) for k in LAYER_KEYS}

    def do_import():
        import_soil_moisture(folder, outputs)
        for path in outputs.values():
            os.remove(path)

    read_only()
    baseline = best_of(2, read_only)
    seconds = best_of(2, do_import)
    ratio = seconds / baseline
    line("baseline: netCDF4 read of swvl1..4, month by month", "%.2f s" % baseline,
         "%.2f s per month" % (baseline / (12 * years)))
    line("import_soil_moisture (same process)", "%.2f s" % seconds,
         "ratio %.2fx (target <= %.1fx) %s; %.0f s scaled to 2000-2024 (300 months)"
         % (ratio, TARGET_RATIO, "OK" if ratio <= TARGET_RATIO else "MISSED", seconds / (12 * years) * 300))

    def peak_of(end_year):
        code = ("import sys; sys.path.insert(0, %r); from tsmv_qgis.steps.importing import import_soil_moisture; "
                "import_soil_moisture(%r, %r, end_year=%d)" % (ROOT, folder, outputs, end_year))
        peak = run_with_peak([sys.executable, "-c", code])[1]
        for path in outputs.values():
            os.remove(path)
        return peak

    small = peak_of(2000)
    peak = peak_of(1999 + years) if years > 1 else small
    line("peak memory of the import in its own process, %d months" % (12 * years), "%.0f MB" % peak,
         "(target <= %d MB) %s" % (TARGET_MB, "OK" if peak <= TARGET_MB else "MISSED"))
    line("  the same for 12 months (memory must not grow with months)", "%.0f MB" % small,
         "%d months use %.2fx the memory of 12" % (12 * years, peak / small))
    shutil.rmtree(work)
    return {"era5_import_ratio": ratio, "era5_import_peak_mb": peak}


if __name__ == "__main__":
    main()
