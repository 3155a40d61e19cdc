"""Pettitt's test: the kernel against a pyhomogeneity loop, and tsmv:changepoint through qgis_process.

Baseline (same process): ``pyhomogeneity.pettitt_test(x, sim=None)`` series by series (the
asymptotic p-value TSMV gives; its default Monte Carlo p-value would be far slower), timed on a
sample of series and scaled (said so).  Measured: what a tile of ``tsmv:changepoint`` computes
(``steps.changepoint.changepoint_tile``: the kernel, the p-values and the years) per series for
n = 25 and n = 77, with numba and with the numpy fallback, and the whole ``qgis_process run
tsmv:changepoint`` on the 1,000,000-pixel x 25-year stack of bench_trend against the loop's
time extrapolated to the same pixels.  The loop and the kernel are each the best of three runs
(the machine may be shared).

The limit line (as bench_trend's for Mann-Kendall) is what a kernel that sorts each series
costs at least: a compiled loop (numba, threads over series as the kernel's) that only sorts
each series with np.sort.  pyhomogeneity's cost per series is mostly Python's, about the same
at n = 25 and n = 77 (145-200 us here), so 300x at n = 77 means 0.5-0.65 us per series, while
the sort loop alone takes 2.3-2.5 us at n = 77 (pyhomogeneity only 60-110x it; measured on a
2-core machine shared with other work, load average 2.5-3.4): a kernel that sorts cannot reach
300x at n = 77.  The kernel does not sort (kernels/pettitt.py): one vectorised pass counts, for
each value, the values below it (n x 96 float32 comparisons at n = 77), about 0.5 us of its
0.85 us per series on one core; it takes 35-40% of the sort loop's time, and reaches 300x at
n = 77 only when its two threads get both cores (measured 194-223x with the cores shared; the
kernel before, an insertion sort per series, 77-108x in the same runs).
"""
import os
import time

import numpy as np

from bench_trend import big_stack, small_stack
from common import CACHE, best_of, line, qgis_process_args, run_with_peak

SAMPLE = 1000
KERNEL_SERIES = 200_000
TARGET_KERNEL = 300
TARGET_CALL = 100


def loop_seconds_per_series(y):
    import pyhomogeneity

    def loop():
        for x in y:
            pyhomogeneity.pettitt_test(x, sim=None)
    return best_of(3, loop) / len(y)


def sort_loop_seconds_per_series(y):
    """The machine's limit for a kernel that sorts: a compiled loop (numba, threads over series
    as the kernel's) that only sorts each series (np.sort), per series."""
    import numba

    @numba.njit(parallel=True, cache=False)
    def sorts(y, out):
        for p in numba.prange(y.shape[0]):
            out[p] = np.sort(y[p])[0]
    out = np.empty(len(y))
    sorts(y[:10], out[:10])  # compile
    return best_of(3, lambda: sorts(y, out)) / len(y)


def main():
    from tsmv_qgis.kernels.pettitt import pettitt_test
    from tsmv_qgis.steps.changepoint import changepoint_tile
    print("== changepoint: Pettitt's test ==")
    rng = np.random.default_rng(1)
    loop = {}
    for n in (25, 77):
        y = rng.normal(size=(KERNEL_SERIES, n)) + np.where(np.arange(n) >= n // 2, 0.5, 0.0)
        y[rng.random(y.shape) < 0.02] = np.nan
        loop[n] = loop_seconds_per_series(y[:SAMPLE])
        changepoint_tile(y[:100], 2000)  # compile, or load the compiled kernel
        kernel = best_of(3, lambda: changepoint_tile(y, 2000)) / KERNEL_SERIES
        limit = sort_loop_seconds_per_series(y)
        t = time.perf_counter()
        pettitt_test(y[:KERNEL_SERIES // 10], backend="numpy")
        numpy = (time.perf_counter() - t) / (KERNEL_SERIES // 10)
        ratio = loop[n] / kernel
        line("n=%d baseline: pyhomogeneity loop (timed on %d series)" % (n, SAMPLE),
             "%.1f us/series" % (loop[n] * 1e6))
        line("n=%d kernel (numba, %d threads, %d series)" % (n, os.cpu_count(), KERNEL_SERIES),
             "%.2f us/series" % (kernel * 1e6),
             "%.0fx faster (target >= %dx) %s" % (ratio, TARGET_KERNEL,
                                                  "OK" if ratio >= TARGET_KERNEL else "MISSED"))
        line("n=%d limit: a numba loop that only sorts each series (np.sort)" % n,
             "%.2f us/series" % (limit * 1e6),
             "%d threads; the kernel takes %.0f%% of it; the pyhomogeneity loop is %.0fx it"
             % (os.cpu_count(), 100 * kernel / limit, loop[n] / limit))
        line("n=%d numpy fallback (no numba, %d series)" % (n, KERNEL_SERIES // 10),
             "%.2f us/series" % (numpy * 1e6), "%.0fx faster than the loop" % (loop[n] / numpy))
    path = big_stack()
    out = os.path.join(CACHE, "changepoint_1e6.tif")
    # Warm-up on a small stack (compiles the kernel into the plugin's numba cache the first time).
    run_with_peak(qgis_process_args("tsmv:changepoint", INPUT=small_stack(), OUTPUT=out))
    seconds, peak, _ = run_with_peak(qgis_process_args("tsmv:changepoint", INPUT=path, OUTPUT=out,
                                                       SUMMARY=out[:-4] + ".csv"))
    extrapolated = loop[25] * 1_000_000
    ratio = extrapolated / seconds
    line("pyhomogeneity loop extrapolated to 1e6 pixels x 25 years", "%.0f s" % extrapolated)
    line("qgis_process run tsmv:changepoint, 1e6 pixels x 25 years (all of it)", "%.2f s" % seconds,
         "%.0fx faster (target >= %dx) %s; peak %.0f MB" % (ratio, TARGET_CALL,
                                                           "OK" if ratio >= TARGET_CALL else "MISSED", peak))


if __name__ == "__main__":
    main()
