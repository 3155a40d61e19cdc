"""Import of the global 1.0 deg example, 1948-2024 (924 files), against reading it.

Baseline (same process): open each file with netCDF4 and read the four soil
variables, nothing else.  Measured: ``tsmv_qgis.steps.importing.import_gldas`` (same
process, best of 2 after a warm-up read so both see a warm page cache), the GLDAS
half of the chain (import with quality control and seasons in one pass, as the
models run it; and as two steps, import with quality control then seasons), its
peak memory in a process of its own, and the whole ``qgis_process`` call.
"""
import glob
import os
import shutil
import sys
import tempfile

import netCDF4

from common import best_of, global_example, line, qgis_process_args, run_with_peak

TARGET_RATIO = 1.5
TARGET_MB = 600


def main():
    from tsmv_qgis.steps.importing import import_gldas
    from tsmv_qgis.labels import LAYER_KEYS, LAYER_VARIABLES
    from tsmv_qgis.steps.seasons import run_seasons
    folder = global_example()
    files = sorted(glob.glob(os.path.join(folder, "*.nc4")))
    print("== import: global 1.0 deg example, 1948-2024 (%d files) ==" % len(files))

    def read_only():
        for path in files:
            with netCDF4.Dataset(path) as ds:
                for name in LAYER_VARIABLES:
                    ds.variables[name][:]

    work = tempfile.mkdtemp(prefix="tsmv-bench-")
    outputs = {k: os.path.join(work, "sm_%s.tif" % k) for k in LAYER_KEYS}

    def do_import():
        import_gldas(folder, outputs)
        for path in outputs.values():
            os.remove(path)

    read_only()  # warm the page cache for both
    baseline = best_of(2, read_only)
    seconds = best_of(2, do_import)
    ratio = seconds / baseline
    line("baseline: netCDF4 read of the 4 variables (same process)", "%.2f s" % baseline)
    line("import_gldas (same process)", "%.2f s" % seconds,
         "ratio %.2fx (target <= %.1fx) %s" % (ratio, TARGET_RATIO, "OK" if ratio <= TARGET_RATIO else "MISSED"))

    seasons = {"codes": os.path.join(work, "codes.tif"), "annual_tsm": os.path.join(work, "annual.tif")}
    seasons.update({"seasonal_" + k: os.path.join(work, "seasonal_%s.tif" % k) for k in LAYER_KEYS})

    def clean():
        for path in list(outputs.values()) + list(seasons.values()):
            os.remove(path)

    def two_steps():
        import_gldas(folder, outputs, quality_control=True)
        run_seasons(outputs, seasons)
        clean()

    def one_pass():
        import_gldas(folder, outputs, quality_control=True, seasons=seasons)
        clean()

    steps = best_of(1, two_steps)
    line("GLDAS half as two steps: import with QC, then seasons", "%.2f s" % steps,
         "ratio %.2fx" % (steps / baseline))
    half = best_of(2, one_pass)
    line("GLDAS half: import with QC and seasons, one pass", "%.2f s" % half,
         "ratio %.2fx (target <= %.1fx) %s" % (half / baseline, TARGET_RATIO,
                                              "OK" if half / baseline <= TARGET_RATIO else "MISSED"))

    def peak_of(end_year):
        code = ("import sys; sys.path.insert(0, %r); from tsmv_qgis.steps.importing import import_gldas; "
                "import_gldas(%r, %r, end_year=%d)"
                % (os.path.dirname(os.path.dirname(os.path.abspath(__file__))), folder, outputs, end_year))
        peak = run_with_peak([sys.executable, "-c", code])[1]
        for path in outputs.values():
            os.remove(path)
        return peak

    small, peak = peak_of(1949), peak_of(2024)
    line("peak memory of import_gldas in its own process, 924 files", "%.0f MB" % peak,
         "(target < %d MB) %s" % (TARGET_MB, "OK" if peak < TARGET_MB else "MISSED"))
    line("  the same for 24 files (memory must not grow with files)", "%.0f MB" % small,
         "924 files use %.2fx the memory of 24" % (peak / small))

    params = {"OUTPUT_" + k: v for k, v in outputs.items()}
    qp_seconds, qp_peak, _ = run_with_peak(qgis_process_args("tsmv:importgldas", INPUT=folder, **params))
    line("qgis_process run tsmv:importgldas (incl. ~2 s QGIS start-up)", "%.2f s" % qp_seconds,
         "ratio %.2fx to the baseline, peak %.0f MB" % (qp_seconds / baseline, qp_peak))
    shutil.rmtree(work)
    return {"import_ratio": ratio, "gldas_half_ratio": half / baseline, "import_peak_mb": peak}


if __name__ == "__main__":
    main()
