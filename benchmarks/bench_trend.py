"""Mann-Kendall/Sen: the kernel against a pymannkendall loop, and tsmv:trend through qgis_process.

Baseline (same process): ``pymannkendall.original_test`` series by series,
timed on a sample of series and scaled (said so).  Measured: the kernel
(``tsmv_qgis.kernels.mannkendall.original_test``) per series for n = 25 and n = 77,
and the whole ``qgis_process run tsmv:trend`` on a 1,000,000-pixel x 25-year
stack against the loop's time extrapolated to the same pixels.

Since CONFIDENCE (default 0.95), ``tsmv:trend`` also computes the Sen slope interval
(``kernels.mannkendall.original_test_with_interval``: two more order statistics of the pairwise
slopes the test made), so the qgis_process run includes it; the kernel's line gives its cost
beside the test (``original_test_with_interval`` against ``original_test``), and the
qgis_process run is timed with CONFIDENCE 0 too.

On a shared machine the wall time per series depends on what else runs; the kernel lines also
give the CPU time per series (all threads), the pairs per CPU second beside the sign-only loop's
and beside what 1000x needs, and the ratio the kernel would reach on idle cores; the last
line for each n, what 1000x leaves for Sen's median once the test is made, counted in passes
of the kernel's ``_count_below`` over the slopes (:func:`counting_pass_seconds`).

METHOD 1-4 and 5 (:func:`methods`, also alone: ``python benchmarks/bench_trend.py methods``):
``kernels.modified.modified_test`` against pymannkendall's four modified tests, and
``kernels.mannkendall.seasonal_test`` against ``pymannkendall.seasonal_test(x, period=12)``,
series by series (timed on a sample, scaled per series), at 25 years (300 months), each with
its Sen slope interval, in this process.  ``python benchmarks/bench_trend.py kernel``: the
METHOD 0 lines alone.
"""
import os
import sys
import time
import warnings

import numpy as np

from common import CACHE, best_of, line, qgis_process_args, run_with_peak

SAMPLE = 300
KERNEL_SERIES = 200_000
TARGET_KERNEL = 1000  # issue 28: MK + Sen at n = 25 and 77, >= 1000x the pymannkendall loop
TARGET_CALL = 100
TARGET_MB = 2048
TARGET_METHODS = 300
MODIFIED_FUNCTIONS = {"hamed_rao": "hamed_rao_modification_test", "yue_wang": "yue_wang_modification_test",
                      "pre_whitening": "pre_whitening_modification_test",
                      "trend_free_pre_whitening": "trend_free_pre_whitening_modification_test"}


def loop_seconds_per_series(y, function=None, **options):
    """A pymannkendall loop's seconds per series (``function``, default ``original_test``, on each
    row of ``y``): the best of three runs, as the kernels' are (one run of the loop varied by a
    third between runs of the bench)."""
    import pymannkendall
    function = function or pymannkendall.original_test

    def loop():
        with warnings.catch_warnings(), np.errstate(all="ignore"):
            warnings.simplefilter("ignore")
            for x in y:
                function(x, **options)
    return best_of(3, loop) / len(y)


def cpu_seconds(n, function):
    return best_of(n, function, clock=time.process_time)


def sign_loop_seconds_per_series(y, timer=best_of):
    """The machine's simple-loop limit: a compiled loop (numba, threads over series as the
    kernel's) that only counts sign(x_j - x_i) over the same pairs, per series (``timer``
    cpu_seconds: CPU seconds).  It counts in integers with unsigned indices, as the kernel
    does, so the compiler vectorises it (summing the signs as floats would not vectorise,
    which made this limit 2.6 times lower at n = 77 before)."""
    import numba
    u64 = numba.uint64

    @numba.njit(parallel=True, cache=False)
    def signs(y, out):
        n = u64(y.shape[1])
        for p in numba.prange(y.shape[0]):
            up = u64(0)
            down = u64(0)
            for i in range(n - u64(1)):
                xi = y[p, i]
                for j in range(i + u64(1), n):
                    d = y[p, j] - xi
                    up += u64(d > 0)
                    down += u64(d < 0)
            out[p] = float(up) - float(down)
    out = np.empty(len(y))
    signs(y[:10], out[:10])  # compile
    return timer(3, lambda: signs(y, out)) / len(y)


def counting_pass_seconds(count, repeats=20_000):
    """CPU seconds of one pass of the kernel's ``_count_below`` over ``count`` slopes (how many
    lie below each of two thresholds: the unit of its selection of Sen's median), in a compiled
    loop (the threshold moves a little each time, so the compiler cannot hoist the pass)."""
    import numba
    from tsmv_qgis.kernels.mannkendall import _count_below

    @numba.njit(cache=False)
    def passes(slopes, k):
        total = 0
        for r in range(k):
            a, b = _count_below(slopes, -0.1 + r * 1e-12, 0.1)
            total += a + b
        return total
    slopes = np.random.default_rng(0).normal(size=count)
    passes(slopes, 10)  # compile
    return cpu_seconds(3, lambda: passes(slopes, repeats)) / repeats


def methods(years=25, sample=300, series=30_000):
    """METHOD 1-4 and the seasonal Kendall test (5): the kernels against pymannkendall loops
    (the loops' and the kernels' best of three runs: the machine may be shared)."""
    import pymannkendall
    from tsmv_qgis.kernels.mannkendall import seasonal_test, seasonal_test_with_interval, sen_interval
    from tsmv_qgis.kernels.modified import modified_test
    print("== trend METHOD 1-5: the modified tests and the seasonal Kendall test ==")
    rng = np.random.default_rng(3)
    y = rng.normal(size=(series, years)) + np.arange(years) * 0.02 + 0.5 * np.cumsum(rng.normal(size=(series, years)), 1)
    for method, name in MODIFIED_FUNCTIONS.items():
        loop = loop_seconds_per_series(y[:sample], getattr(pymannkendall, name))
        modified_test(y[:100], method)  # compile, or load the compiled kernels
        result = modified_test(y, method)
        kernel = best_of(3, lambda: modified_test(y, method)) / series
        interval = best_of(3, lambda: sen_interval(y, result.var_s)) / series
        line("n=%d %s: pymannkendall loop (best of 3 runs over %d series)" % (years, method, sample),
             "%.1f us/series" % (loop * 1e6))
        line("n=%d %s: modified_test (%d series)" % (years, method, series), "%.2f us/series" % (kernel * 1e6),
             "%.0fx faster (target >= %dx) %s; with the 95%% interval %.2f us, %.0fx"
             % (loop / kernel, TARGET_METHODS, "OK" if loop / kernel >= TARGET_METHODS else "MISSED",
                (kernel + interval) * 1e6, loop / (kernel + interval)))
    months = (rng.normal(size=(series // 5, 12 * years)) + np.tile(rng.normal(0, 3, 12), years)
              + np.repeat(np.arange(years), 12) * 0.02)
    loop = loop_seconds_per_series(months[:sample // 3], pymannkendall.seasonal_test, period=12)
    seasonal_test(months[:100], 12)
    kernel = best_of(3, lambda: seasonal_test(months, 12)) / len(months)
    interval = best_of(3, lambda: seasonal_test_with_interval(months, 0.95, 12)) / len(months) - kernel
    line("%d months seasonal: pymannkendall loop (best of 3 runs over %d series)" % (12 * years, sample // 3),
         "%.1f us/series" % (loop * 1e6))
    line("%d months seasonal: seasonal_test (%d series)" % (12 * years, len(months)),
         "%.2f us/series" % (kernel * 1e6),
         "%.0fx faster (target >= %dx) %s; with the 95%% interval %.2f us, %.0fx"
         % (loop / kernel, TARGET_METHODS, "OK" if loop / kernel >= TARGET_METHODS else "MISSED",
            (kernel + interval) * 1e6, loop / (kernel + interval)))


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


def mann_kendall_sen():
    """MK + Sen (METHOD 0) at n = 25 and 77 against the pymannkendall loop; returns the loop's
    seconds per series by n."""
    from tsmv_qgis.kernels.mannkendall import original_test, original_test_with_interval
    print("== trend: Mann-Kendall + Sen's slope ==")
    rng = np.random.default_rng(1)
    loop = {}
    for n in (25, 77):
        y = rng.normal(size=(KERNEL_SERIES, n)) + np.arange(n) * 0.01
        y[rng.random(y.shape) < 0.02] = np.nan
        loop[n] = loop_seconds_per_series(y[:SAMPLE])
        original_test(y[:100])  # compile, or load the compiled kernel
        original_test_with_interval(y[:100], 0.95)
        kernel = best_of(3, lambda: original_test(y)) / KERNEL_SERIES  # best of 3: the machine may be shared
        with_interval = best_of(3, lambda: original_test_with_interval(y, 0.95)) / KERNEL_SERIES
        ratio = loop[n] / kernel
        line("n=%d baseline: pymannkendall loop (best of 3 runs over %d series)" % (n, SAMPLE),
             "%.1f us/series" % (loop[n] * 1e6))
        line("n=%d kernel (numba, %d threads, %d series)" % (n, os.cpu_count(), KERNEL_SERIES),
             "%.2f us/series" % (kernel * 1e6),
             "%.0fx faster (target >= %dx) %s" % (ratio, TARGET_KERNEL,
                                                  "OK" if ratio >= TARGET_KERNEL else "MISSED"))
        line("n=%d with the 95%% Sen slope interval (original_test_with_interval)" % n,
             "%.2f us/series" % (with_interval * 1e6), "%.0fx the loop" % (loop[n] / with_interval))
        pairs, cores = n * (n - 1) / 2, os.cpu_count()
        limit = sign_loop_seconds_per_series(y)
        needed = pairs / (loop[n] / TARGET_KERNEL) / cores / 1e6
        line("n=%d pairs per second per core (wall time): the kernel, a compiled loop of sign(x_j - x_i) "
             "alone, and what %dx the loop needs" % (n, TARGET_KERNEL),
             "%.0f, %.0f and %.0f M/s" % (pairs / kernel / cores / 1e6, pairs / limit / cores / 1e6, needed),
             "the kernel at %.0f%% of the sign loop's rate" % (100 * limit / kernel))
        # The same by CPU time, which the machine's other users inflate less than the wall time:
        # what one core does, and the ratio the kernel would reach on idle cores
        kernel_cpu = cpu_seconds(3, lambda: original_test(y)) / KERNEL_SERIES
        interval_cpu = cpu_seconds(3, lambda: original_test_with_interval(y, 0.95)) / KERNEL_SERIES
        limit_cpu = sign_loop_seconds_per_series(y, cpu_seconds)
        line("n=%d pairs per CPU second: the kernel, with the interval, the sign loop; what %dx needs"
             % (n, TARGET_KERNEL),
             "%.0f, %.0f, %.0f; %.0f M/s" % (pairs / kernel_cpu / 1e6, pairs / interval_cpu / 1e6,
                                             pairs / limit_cpu / 1e6, needed),
             "%.2f and %.2f us CPU/series: at best %.0fx and %.0fx the loop on %d idle cores"
             % (kernel_cpu * 1e6, interval_cpu * 1e6, loop[n] * cores / kernel_cpu, loop[n] * cores / interval_cpu,
                cores))
        # What 1000x leaves for Sen's median once the test itself is made (the same pairs, sen
        # False), against one vectorised counting pass over the slopes: finding the median of
        # N slopes exactly costs a few such passes, a sample and a gather besides.
        test_cpu = cpu_seconds(3, lambda: original_test(y, sen=False)) / KERNEL_SERIES
        allowed = loop[n] * cores / TARGET_KERNEL
        unit = counting_pass_seconds(int(pairs))
        left = allowed - test_cpu
        line("n=%d CPU per series: the test without Sen's slope, Sen's median, what %dx allows for both"
             % (n, TARGET_KERNEL),
             "%.2f, %.2f, %.2f us" % (test_cpu * 1e6, (kernel_cpu - test_cpu) * 1e6, allowed * 1e6),
             "%dx leaves %.2f us for the median of %d slopes: %.1f counting passes over them (%.2f us each)"
             % (TARGET_KERNEL, left * 1e6, pairs, left / unit, unit * 1e6))
    return loop


def main():
    loop = mann_kendall_sen()
    methods()
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
    {"methods": methods, "kernel": mann_kendall_sen}.get(sys.argv[1] if sys.argv[1:] else "", main)()
