"""The chain at the paper's resolution, step by step, and memory on large stacks.

Part 1: the example world at 0.25 deg (1440 x 600 cells), 2000-2024, through every
core step of the full chain, each in a process of its own (``step.py``): wall time,
peak resident memory against TARGET_MB, and disk written; then the same scaled to
1948-2024 (time and disk grow with the years, memory must not).  The baseline of the
GLDAS half (import + QC + seasons, one pass) is the read floor: netCDF4 reading the four
soil variables of every file, in this process, after a warm-up read; both are the best of 2.

Part 2: memory on large synthetic stacks, each step in a process of its own: trend at
4e6 pixels x 25 years and at 1e6 x 150 years, attribution at 1e6 pixels x 25 years.
"""
import glob
import os
import shutil
import sys
import tempfile
import time

import numpy as np

from common import CACHE, ROOT, line, run_with_peak

TARGET_MB = 1024
GLDAS_HALF_TARGET = 1.5
START, END, FULL = 2000, 2024, (1948, 2024)
STEP = os.path.join(ROOT, "benchmarks", "step.py")


def scale_data():
    """The 0.25 deg example GLDAS files, land cover and monthly GOSIF, made once."""
    from tsmv_example import VERSION, ExampleWorld, make_gldas_example, make_gosif_example, \
        make_igbp_example
    folder = os.path.join(CACHE, "scale_025_%d_%d_v%d" % (START, END, VERSION))
    stamp = os.path.join(folder, ".complete")
    if not os.path.exists(stamp):
        print("  (making the 0.25 deg example %d-%d once, in %s: about half an hour)" % (START, END, folder))
        make_gldas_example(os.path.join(folder, "gldas"), START, END, resolution=0.25)
        world = ExampleWorld(resolution=0.25)
        make_igbp_example(os.path.join(folder, "igbp.tif"), world)
        make_gosif_example(os.path.join(folder, "gosif"), world, START, END)
        open(stamp, "w").close()
    return folder


def read_floor(folder):
    """Seconds to read the four soil variables of every GLDAS file with netCDF4 (best of 2)."""
    import netCDF4
    from tsmv_qgis.labels import LAYER_VARIABLES
    files = sorted(glob.glob(os.path.join(folder, "*.nc4")))

    def read():
        for path in files:
            with netCDF4.Dataset(path) as ds:
                for name in LAYER_VARIABLES:
                    ds.variables[name][:]
    read()
    times = []
    for _ in range(2):
        t = time.perf_counter()
        read()
        times.append(time.perf_counter() - t)
    return min(times), len(files)


def disk_mb(paths):
    """MB of ``paths`` and their sidecars (styles, CSV)."""
    total = 0
    for path in paths:
        for f in glob.glob(os.path.splitext(path)[0] + "*"):
            total += os.path.getsize(f)
    return total / 2**20


def previous_intermediates_mb(folder, months):
    """What the chain wrote before for the GLDAS half, uncompressed float32: import, QC (4 monthly
    stacks each), seasons (the monthly codes, 4 seasonal stacks, the annual TSM)."""
    from tsmv_qgis.products.reader import find_files, reference_grid
    reference = reference_grid(find_files(folder)[0])
    grid = reference.grid(reference.window())
    years = months // 12
    bands = 4 * months * 2 + months + 4 * 4 * years + years
    return 4.0 * bands * grid.width * grid.height / 2**20


def run_step(module, function, kwargs):
    import json
    seconds, peak, _ = run_with_peak([sys.executable, STEP, module, function, json.dumps(kwargs)])
    return seconds, peak


def chain_steps(data, work):
    """(name, module, function, kwargs, output paths) of the full chain, in order."""
    from tsmv_qgis.labels import LAYER_KEYS

    def layers(prefix):
        return {k: os.path.join(work, "%s_%s.tif" % (prefix, k)) for k in LAYER_KEYS}
    sm = layers("qc")
    seasons = {"codes": os.path.join(work, "codes.tif"), "annual_tsm": os.path.join(work, "annual.tif")}
    seasons.update({"seasonal_" + k: p for k, p in layers("seasonal").items()})
    seasonal = {k: seasons["seasonal_" + k] for k in LAYER_KEYS}
    attribution = {k: os.path.join(work, "att_%s.tif" % k) for k in
                   ("components", "by_season", "by_depth", "by_dynamic", "omega", "dominant")}
    trend = os.path.join(work, "trend.tif")
    eco, gpp = os.path.join(work, "eco.tif"), os.path.join(work, "gpp.tif")
    corr = {k: os.path.join(work, "corr_%s.%s" % (k, "csv" if k == "table" else "tif"))
            for k in ("r", "p", "r_root_zone", "p_root_zone", "table")}
    return [
        ("import, QC, seasons", "steps.importing", "import_gldas",
         {"source": os.path.join(data, "gldas"), "outputs": sm, "quality_control": True, "seasons": seasons},
         list(sm.values()) + list(seasons.values())),
        ("trend (annual TSM)", "steps.trend", "run_trend", {"source": seasons["annual_tsm"], "output": trend,
                                                      "fdr": True}, [trend]),
        ("attribution", "steps.attribution", "run_attribution", {"inputs": seasonal, "outputs": attribution},
         list(attribution.values())),
        ("land cover", "steps.landcover", "run_landcover", {"source": os.path.join(data, "igbp.tif"),
                                                      "reference": sm["0_10"], "output": eco}, [eco]),
        ("GPP", "steps.gpp", "run_gpp", {"folder": os.path.join(data, "gosif"), "reference": sm["0_10"],
                                   "output": gpp}, [gpp]),
        ("correlation", "steps.correlation", "run_correlation",
         {"inputs": seasonal, "season_codes": seasons["codes"], "gpp": gpp, "ecosystems": eco, "outputs": corr},
         list(corr.values())),
    ]


def verdict(peak):
    return "(target <= %d MB) %s" % (TARGET_MB, "OK" if peak <= TARGET_MB else "MISSED")


def part1():
    print("== the chain at 0.25 deg (1440 x 600), %d-%d, each step in its own process ==" % (START, END))
    data = scale_data()
    floor, n_files = read_floor(os.path.join(data, "gldas"))
    line("baseline: netCDF4 read of the 4 variables of %d files" % n_files, "%.1f s" % floor)
    work = tempfile.mkdtemp(prefix="tsmv-scale-", dir=CACHE)
    scale = (FULL[1] - FULL[0] + 1) / (END - START + 1)
    total_s = total_mb = gldas_half = gldas_disk = 0.0
    try:
        for name, module, function, kwargs, outputs in chain_steps(data, work):
            seconds, peak = run_step(module, function, kwargs)
            if name == "import, QC, seasons":  # best of 2, as its baseline, the read floor
                again, peak_again = run_step(module, function, kwargs)
                seconds, peak = min(seconds, again), max(peak, peak_again)
            written = disk_mb(outputs)
            total_s += seconds
            total_mb += written
            if name == "import, QC, seasons":
                gldas_half += seconds
                gldas_disk += written
            line("%-20s %6.1f s  %6.0f MB written" % (name, seconds, written), "peak %4.0f MB" % peak,
                 verdict(peak))
        ratio = gldas_half / floor
        before = previous_intermediates_mb(os.path.join(data, "gldas"), n_files)
        line("baseline: intermediates as before (3 monthly generations, raw)", "%.0f MB" % before)
        line("intermediates now (QC'd monthly stacks, seasons' outputs)", "%.0f MB" % gldas_disk,
             "%.1fx smaller (target >= 3x) %s" % (before / gldas_disk, "OK" if before >= 3 * gldas_disk else "MISSED"))
        line("GLDAS half (import with QC and seasons, one pass)", "%.1f s" % gldas_half,
             "ratio %.2fx the read floor (target <= %.1fx) %s"
             % (ratio, GLDAS_HALF_TARGET, "OK" if ratio <= GLDAS_HALF_TARGET else "MISSED"))
        line("whole chain", "%.0f s, %.1f GB written" % (total_s, total_mb / 1024))
        line("  scaled to %d-%d (x%.2f the years)" % (FULL + (scale,)),
             "%.0f min, %.1f GB written; memory does not grow with the years" % (total_s * scale / 60,
                                                                                 total_mb * scale / 1024))
    finally:
        shutil.rmtree(work, ignore_errors=True)
    return {"scale_gldas_half_ratio": gldas_half / floor}


def synthetic_stack(path, width, height, labels):
    """A float32 stack of smooth values with a trend (and a few NaN), written band by band."""
    from osgeo import gdal
    if os.path.exists(path):
        return path
    tmp = path + ".part"
    ds = gdal.GetDriverByName("GTiff").Create(tmp, width, height, len(labels), gdal.GDT_Float32,
                                              ["INTERLEAVE=BAND", "BIGTIFF=YES"])
    ds.SetGeoTransform((-180.0, 360.0 / width, 0.0, 90.0, 0.0, -150.0 / height))
    ds.SetProjection('GEOGCS["WGS 84",DATUM["WGS_1984",SPHEROID["WGS 84",6378137,298.257223563]],'
                     'PRIMEM["Greenwich",0],UNIT["degree",0.0174532925199433],AUTHORITY["EPSG","4326"]]')
    rng = np.random.default_rng(0)
    x = np.linspace(0, 6, width, dtype=np.float32)[None, :]
    y = np.linspace(0, 4, height, dtype=np.float32)[:, None]
    base = 200 + 50 * np.sin(x) * np.cos(y)
    for b, label in enumerate(labels):
        band = ds.GetRasterBand(b + 1)
        band.SetDescription(label)
        band.SetNoDataValue(float("nan"))
        values = base + 0.3 * b * np.cos(x + y) + rng.normal(0, 5, (height, width)).astype(np.float32)
        values[:height // 50] = np.nan
        band.WriteArray(values.astype(np.float32))
    ds = None
    os.replace(tmp, path)
    return path


def part2():
    from tsmv_qgis.labels import LAYER_KEYS, season_label
    print("== memory on large stacks, each step in its own process ==")
    folder = os.path.join(CACHE, "memory")
    os.makedirs(folder, exist_ok=True)
    out = tempfile.mkdtemp(prefix="tsmv-memory-", dir=CACHE)
    try:
        for pixels, years in ((4_000_000, 25), (1_000_000, 150)):
            width, height = (2000, 2000) if pixels == 4_000_000 else (1000, 1000)
            first = 2024 - years + 1
            path = synthetic_stack(os.path.join(folder, "yearly_%d_%d.tif" % (pixels, years)), width, height,
                                   [str(y) for y in range(first, 2025)])
            seconds, peak = run_step("steps.trend", "run_trend", {"source": path, "fdr": True,
                                                            "output": os.path.join(out, "trend.tif")})
            line("trend, %.0e pixels x %d years" % (pixels, years), "%.1f s, peak %4.0f MB" % (seconds, peak),
                 verdict(peak))
        years = range(2000, 2025)
        seasonal = {k: synthetic_stack(os.path.join(folder, "seasonal_1e6_%s.tif" % k), 1000, 1000,
                                       [season_label(y, s) for y in years for s in range(4)])
                    for k in LAYER_KEYS}
        outputs = {k: os.path.join(out, "att_%s.tif" % k) for k in
                   ("components", "by_season", "by_depth", "by_dynamic", "omega", "dominant")}
        seconds, peak = run_step("steps.attribution", "run_attribution", {"inputs": seasonal, "outputs": outputs})
        line("attribution, 1e6 pixels x 25 years", "%.1f s, peak %4.0f MB" % (seconds, peak), verdict(peak))
    finally:
        shutil.rmtree(out, ignore_errors=True)


def main():
    part2()
    return part1()


if __name__ == "__main__":
    main()
