"""Mann-Kendall/Sen: the kernel against a pymannkendall loop, and tsmv:trend through qgis_process.

Baseline (same process): ``pymannkendall.original_test`` series by series,
timed on a sample of series and scaled (said so).  Measured: the kernel
(``tsmv_qgis.kernels.mannkendall.original_test``) per series for n = 25 and n = 77,
and the whole ``qgis_process run tsmv:trend`` on a 1,000,000-pixel x 25-year
stack against the loop's time extrapolated to the same pixels.

Since CONFIDENCE (default 0.95), ``tsmv:trend`` also computes the Sen slope interval
(``kernels.mannkendall.sen_interval``: the pairwise slopes again and two quickselects per
pixel), so the qgis_process run includes it; the kernel's line gives its cost beside the test
(``original_test`` then ``sen_interval``, against ``original_test`` alone), and the
qgis_process run is timed with CONFIDENCE 0 too.  If the interval costs much, fold it into
``_kernel`` (the pairs are already there after the median).
"""
import os
import time
import warnings

import numpy as np

from common import CACHE, line, qgis_process_args, run_with_peak

SAMPLE = 300
KERNEL_SERIES = 200_000
TARGET_KERNEL = 300
TARGET_CALL = 100
TARGET_MB = 2048


def loop_seconds_per_series(y):
    import pymannkendall
    t = time.perf_counter()
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        for x in y:
            pymannkendall.original_test(x)
    return (time.perf_counter() - t) / len(y)


def big_stack():
    """1000 x 1000 pixels, 25 years (float32, ~100 MB), made once."""
    from tsmv_qgis.io.outputs import Outputs
    from tsmv_qgis.io.raster import Grid
    path = os.path.join(CACHE, "yearly_1e6_25.tif")
    if not os.path.exists(path):
        rng = np.random.default_rng(0)
        grid = Grid(0.0, 50.0, 0.01, 0.01, 1000, 1000)
        with Outputs(rasters={"OUTPUT": path}) as run:
            writer = run.stack("OUTPUT", grid, [str(y) for y in range(2000, 2025)])
            trend = rng.normal(0, 0.5, (1000, 1000)).astype(np.float32)
            for b in range(25):
                values = 200 + trend * b + rng.normal(0, 3, (1000, 1000)).astype(np.float32)
                values[rng.random((1000, 1000)) < 0.02] = np.nan
                writer.write(values, band0=b)
    return path


def small_stack():
    """10 x 10 pixels, 25 years: for the warm-up run that compiles a kernel (made once)."""
    small = os.path.join(CACHE, "yearly_small.tif")
    if not os.path.exists(small):
        from tsmv_qgis.io.outputs import Outputs
        from tsmv_qgis.io.raster import Grid
        with Outputs(rasters={"OUTPUT": small}) as run:
            run.stack("OUTPUT", Grid(0.0, 1.0, 0.1, 0.1, 10, 10), [str(y) for y in range(2000, 2025)]
                      ).write(np.random.default_rng(0).normal(size=(25, 10, 10)))
    return small


def main():
    from tsmv_qgis.kernels.mannkendall import original_test, sen_interval
    print("== trend: Mann-Kendall + Sen's slope ==")
    rng = np.random.default_rng(1)
    loop = {}
    for n in (25, 77):
        y = rng.normal(size=(KERNEL_SERIES, n)) + np.arange(n) * 0.01
        y[rng.random(y.shape) < 0.02] = np.nan
        loop[n] = loop_seconds_per_series(y[:SAMPLE])
        original_test(y[:100])  # compile, or load the compiled kernel
        t = time.perf_counter()
        result = original_test(y)
        kernel = (time.perf_counter() - t) / KERNEL_SERIES
        sen_interval(y[:100], result.var_s[:100])  # compile, or load the compiled kernel
        t = time.perf_counter()
        sen_interval(y, result.var_s)
        interval = (time.perf_counter() - t) / KERNEL_SERIES
        ratio = loop[n] / kernel
        line("n=%d baseline: pymannkendall loop (timed on %d series)" % (n, SAMPLE),
             "%.1f us/series" % (loop[n] * 1e6))
        line("n=%d kernel (numba, %d threads, %d series)" % (n, os.cpu_count(), KERNEL_SERIES),
             "%.2f us/series" % (kernel * 1e6),
             "%.0fx faster (target >= %dx) %s" % (ratio, TARGET_KERNEL,
                                                  "OK" if ratio >= TARGET_KERNEL else "MISSED"))
        line("n=%d + the 95%% Sen slope interval (sen_interval)" % n, "%.2f us/series" % (interval * 1e6),
             "the test with its interval %.2fx the test alone; %.0fx the loop"
             % ((kernel + interval) / kernel, loop[n] / (kernel + interval)))
    path = big_stack()
    out = os.path.join(CACHE, "trend_1e6.tif")
    # Warm-up on a small stack: the first run on a machine compiles the kernel into the
    # plugin's numba cache; the measured call then loads it, as every later run does.
    run_with_peak(qgis_process_args("tsmv:trend", INPUT=small_stack(), OUTPUT=out))
    seconds, peak, _ = run_with_peak(qgis_process_args("tsmv:trend", INPUT=path, OUTPUT=out,
                                                       SUMMARY=out[:-4] + ".csv"))
    without, _, _ = run_with_peak(qgis_process_args("tsmv:trend", INPUT=path, OUTPUT=out, CONFIDENCE=0))
    line("qgis_process run tsmv:trend, the same with CONFIDENCE 0 (no interval)", "%.2f s" % without,
         "the interval adds %.0f%%" % (100 * (seconds / without - 1)))
    extrapolated = loop[25] * 1_000_000
    ratio = extrapolated / seconds
    line("pymannkendall loop extrapolated to 1e6 pixels x 25 years", "%.0f s" % extrapolated)
    line("qgis_process run tsmv:trend, 1e6 pixels x 25 years (all of it)", "%.2f s" % seconds,
         "%.0fx faster (target >= %dx) %s; peak %.0f MB (target < %d MB) %s"
         % (ratio, TARGET_CALL, "OK" if ratio >= TARGET_CALL else "MISSED", peak, TARGET_MB,
            "OK" if peak < TARGET_MB else "MISSED"))


if __name__ == "__main__":
    main()
