"""Land cover, GPP and correlation against their baselines, each run in the same process.

* Block mode of a global 7200 x 3600 IGBP raster to the 1.0 deg grid against
  ``gdal.Warp(resampleAlg="mode")`` (target: faster than GDAL).
* GOSIF GPP aggregation of 24 global monthly files (some gzipped) against
  merely reading the same windows of the same files with GDAL (target <= 2x).
* Pearson r and p for 16 season-depths against a ``scipy.stats.pearsonr``
  loop (timed on a sample of series, scaled; target >= 100x).
* The options of tsmv:correlation: DETREND + EFFECTIVE_N against a loop of
  ``numpy.polyfit`` residuals and ``scipy.stats.pearsonr`` (target >= 100x), and the
  tile function on a 1 deg global land tile with DETREND, EFFECTIVE_N and MAX_LAG 3
  against the paper's settings (each lag costs about an r without p).
"""
import glob
import os
import time
import warnings

import numpy as np
from osgeo import gdal

from common import CACHE, best_of, line

SAMPLE = 2000


def example_world_files():
    from tsmv_example import VERSION, ExampleWorld, make_gosif_example, make_igbp_example
    from tsmv_qgis.io.outputs import Outputs
    from tsmv_qgis.io.raster import Grid
    folder = os.path.join(CACHE, "ecosystems_v%d" % VERSION)
    igbp, gosif, ref = (os.path.join(folder, n) for n in ("igbp.tif", "gosif", "reference.tif"))
    if not os.path.exists(ref):
        print("  (making the global IGBP and GOSIF examples once, in %s)" % folder)
        world = ExampleWorld()
        make_igbp_example(igbp, world)
        make_gosif_example(gosif, world, 2001, 2002, "monthly", gzip_every=3)
        with Outputs(rasters={"OUTPUT": ref}) as run:
            run.stack("OUTPUT", Grid(-180.0, 90.0, 1.0, 1.0, 360, 150), ["2001"]).write(
                np.zeros((150, 360), np.float32))
    return igbp, gosif, ref


def main():
    from tsmv_qgis.kernels.pearson import pearson
    from tsmv_qgis.steps.gpp import run_gpp
    from tsmv_qgis.steps.landcover import run_landcover
    print("== ecosystems: land cover, GPP, correlation ==")
    igbp, gosif, ref = example_world_files()
    out = os.path.join(CACHE, "eco_out")
    os.makedirs(out, exist_ok=True)

    run_landcover(igbp, ref, os.path.join(out, "eco.tif"))  # compile or load the kernel
    ours = best_of(3, lambda: run_landcover(igbp, ref, os.path.join(out, "eco.tif")))
    warp = best_of(3, lambda: gdal.Warp(os.path.join(out, "mode.tif"), igbp, xRes=1.0, yRes=1.0,
                                        resampleAlg="mode", outputBounds=(-180, -60, 180, 90)))
    line("baseline: gdal.Warp -r mode, 7200x3600 -> 1.0 deg", "%.3f s" % warp)
    line("tsmv landcover (block mode + regroup + write)", "%.3f s" % ours,
         "%.2fx GDAL's speed (target > 1x) %s" % (warp / ours, "OK" if ours < warp else "MISSED"))

    files = sorted(glob.glob(os.path.join(gosif, "GOSIF_*")))

    def read_only():
        for path in files:
            ds = gdal.Open("/vsigzip/" + path if path.endswith(".gz") else path)
            ds.GetRasterBand(1).ReadAsArray(0, 0, 7200, 3000)  # the window run_gpp reads
            ds = None
    run_gpp(gosif, ref, os.path.join(out, "gpp.tif"))
    baseline = best_of(2, read_only)
    seconds = best_of(2, lambda: run_gpp(gosif, ref, os.path.join(out, "gpp.tif")))
    ratio = seconds / baseline
    line("baseline: GDAL read of %d global GOSIF files (same windows)" % len(files), "%.2f s" % baseline)
    line("tsmv gpp aggregation of the same files", "%.2f s" % seconds,
         "ratio %.2fx (target <= 2x) %s" % (ratio, "OK" if ratio <= 2 else "MISSED"))

    rng = np.random.default_rng(0)
    n_years, n_series = 25, 54000 * 16
    x = rng.normal(size=(n_years, n_series))
    y = 0.3 * x + rng.normal(size=(n_years, n_series))
    x[rng.random(x.shape) < 0.05] = np.nan
    from scipy import stats
    t = time.perf_counter()
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        for i in range(SAMPLE):
            ok = np.isfinite(x[:, i]) & np.isfinite(y[:, i])
            stats.pearsonr(x[ok, i], y[ok, i])
    loop = (time.perf_counter() - t) / SAMPLE * n_series
    t = time.perf_counter()
    for a in range(0, n_series, 65536):
        pearson(x[:, a:a + 65536], y[:, a:a + 65536])
    kernel = time.perf_counter() - t
    line("baseline: scipy.stats.pearsonr loop (timed on %d, scaled to %d series)" % (SAMPLE, n_series),
         "%.1f s" % loop)
    line("tsmv pearson, %d series of %d years" % (n_series, n_years), "%.2f s" % kernel,
         "%.0fx faster (target >= 100x) %s" % (loop / kernel, "OK" if loop / kernel >= 100 else "MISSED"))
    options(rng)


def options(rng):
    """DETREND and EFFECTIVE_N against polyfit + pearsonr; the tile with every option against the paper's."""
    from scipy import stats
    from tsmv_qgis.kernels.pearson import correlate
    from tsmv_qgis.steps.correlation import CorrelationOptions, correlation_tile
    n_years, n_series = 25, 54000
    years = np.arange(2000, 2000 + n_years)
    x = rng.normal(size=(n_years, n_series)) + 0.1 * np.arange(n_years)[:, None]
    y = 0.3 * x + rng.normal(size=(n_years, n_series))
    x[rng.random(x.shape) < 0.05] = np.nan
    t = time.perf_counter()
    for i in range(SAMPLE):
        ok = np.isfinite(x[:, i]) & np.isfinite(y[:, i])
        a = x[ok, i] - np.polyval(np.polyfit(years[ok], x[ok, i], 1), years[ok])
        b = y[ok, i] - np.polyval(np.polyfit(years[ok], y[ok, i], 1), years[ok])
        stats.pearsonr(a, b)
    loop = (time.perf_counter() - t) / SAMPLE * n_series
    plain = best_of(3, lambda: correlate(x, y, years))
    both = best_of(3, lambda: correlate(x, y, years, detrend=True, effective=True))
    line("baseline: numpy.polyfit + scipy.stats.pearsonr loop (timed on %d, scaled to %d series)"
         % (SAMPLE, n_series), "%.1f s" % loop)
    line("tsmv correlate, DETREND + EFFECTIVE_N, %d series" % n_series, "%.3f s" % both,
         "%.0fx faster (target >= 100x) %s; %.2fx the plain r and p (%.3f s)"
         % (loop / both, "OK" if loop / both >= 100 else "MISSED", both / plain, plain))
    n_pix, max_lag = 54000, 3
    sm = [rng.uniform(5, 100, (n_years, 4, n_pix)).astype(np.float32) for _ in range(4)]
    monthly = rng.uniform(0, 8, (n_years, 12 + max_lag, n_pix)).astype(np.float32)
    codes = np.empty((n_years, 12, n_pix), np.float32)
    codes[:] = np.repeat([1, 2, 3, 4], 3)[None, :, None]
    paper = best_of(2, lambda: correlation_tile(sm, monthly[:, :12], [codes], True))
    every = best_of(2, lambda: correlation_tile(sm, monthly, [codes], True, options=CorrelationOptions(
        True, max_lag, True, False, tuple(years))))
    line("tsmv correlation tile, %d pixels x %d years, the paper's settings" % (n_pix, n_years), "%.2f s" % paper)
    line("the same with DETREND, EFFECTIVE_N and MAX_LAG %d" % max_lag, "%.2f s" % every,
         "%.2fx the paper's settings" % (every / paper))


if __name__ == "__main__":
    main()
