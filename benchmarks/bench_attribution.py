"""Attribution of the global 1.0 deg example, 1948-2024 (77 years).

Baseline (same process): the literal per-pixel implementation of eq. 1-10
with numpy.polyfit and numpy.cov (tests/oracles.py), timed on a sample of
pixels and scaled (said so).  Measured: the vectorised kernel over every
pixel, and the whole ``qgis_process run tsmv:attribution`` (target < 10 s).
The bootstrap: run_attribution over 2000-2024 (25 years) with BOOTSTRAP 1000 (BLOCK 0,
automatic) against the same run without it, in this process (target < 60 s on 2 cores).
"""
import os
import sys
import time

import numpy as np

from common import CACHE, ROOT, global_example, line, qgis_process_args, run_with_peak

sys.path.insert(0, os.path.join(ROOT, "tests"))

SAMPLE = 200
TARGET_RATIO = 200
TARGET_SECONDS = 10.0
BOOTSTRAP_REPLICATES = 1000
BOOTSTRAP_TARGET_SECONDS = 60.0


def global_seasonal():
    """Seasonal stacks of the global example (import, QC, seasons), made once."""
    from tsmv_qgis.steps.importing import import_gldas
    from tsmv_qgis.labels import LAYER_KEYS
    from tsmv_qgis.steps.qc import quality_control
    from tsmv_qgis.steps.seasons import run_seasons
    from tsmv_example import VERSION
    folder = os.path.join(CACHE, "seasonal_global_1deg_v%d" % VERSION)
    paths = {k: os.path.join(folder, "seasonal_%s.tif" % k) for k in LAYER_KEYS}
    if not all(os.path.exists(p) for p in paths.values()):
        print("  (making the global seasonal stacks once, in %s)" % folder)
        monthly = {k: os.path.join(folder, "sm_%s.tif" % k) for k in LAYER_KEYS}
        qc = {k: os.path.join(folder, "qc_%s.tif" % k) for k in LAYER_KEYS}
        import_gldas(global_example(), monthly)
        quality_control(monthly, qc)
        outputs = {"codes": os.path.join(folder, "codes.tif"),
                   "annual_tsm": os.path.join(folder, "tsm.tif")}
        outputs.update({"seasonal_" + k: p for k, p in paths.items()})
        run_seasons(qc, outputs)
        for path in list(monthly.values()) + list(qc.values()):
            os.remove(path)
    return paths


def main():
    from oracles import literal_attribution
    from tsmv_qgis.kernels.attribution import attribute
    from tsmv_qgis.labels import LAYER_KEYS
    from tsmv_qgis.io.raster import Stack
    print("== attribution: global 1.0 deg, 1948-2024 (77 years) ==")
    paths = global_seasonal()
    stacks = [Stack(paths[k]) for k in LAYER_KEYS]
    height, width = stacks[0].grid.height, stacks[0].grid.width
    years = list(range(1948, 2025))
    sm = np.empty((77, 16, height * width), np.float32)
    for d, stack in enumerate(stacks):
        sm[:, d::4] = stack.read(0, height).reshape(77, 4, -1)
    valid = np.nonzero(np.isfinite(sm).all(axis=(0, 1)))[0]
    sample = valid[np.linspace(0, valid.size - 1, SAMPLE).astype(int)]
    t = time.perf_counter()
    for p in sample:
        literal_attribution(sm[:, :, p].astype(np.float64), years)
    literal = (time.perf_counter() - t) / SAMPLE * sm.shape[2]
    t = time.perf_counter()
    for a in range(0, sm.shape[2], 8192):
        attribute(sm[:, :, a:a + 8192], years)
    kernel = time.perf_counter() - t
    ratio = literal / kernel
    line("baseline: literal polyfit/cov per pixel (timed on %d pixels, scaled to %d)"
         % (SAMPLE, sm.shape[2]), "%.1f s" % literal)
    line("kernel, all %d pixels" % sm.shape[2], "%.3f s" % kernel,
         "%.0fx faster (target >= %dx) %s" % (ratio, TARGET_RATIO, "OK" if ratio >= TARGET_RATIO else "MISSED"))
    out = os.path.join(CACHE, "attribution")
    params = {"INPUT_" + k: p for k, p in paths.items()}
    params.update({n: os.path.join(out, "%s.tif" % n.lower()) for n in
                   ("COMPONENTS", "BY_SEASON", "BY_DEPTH", "BY_DYNAMIC", "OMEGA", "DOMINANT")})
    seconds, peak, _ = run_with_peak(qgis_process_args("tsmv:attribution", TABLE=os.path.join(out, "t.csv"),
                                                       **params))
    line("qgis_process run tsmv:attribution (all of it)", "%.2f s" % seconds,
         "(target < %.0f s) %s; peak %.0f MB" % (TARGET_SECONDS, "OK" if seconds < TARGET_SECONDS else "MISSED", peak))
    bootstrap(paths, out)


def bootstrap(paths, out):
    """run_attribution over 2000-2024 with BOOTSTRAP 1000 against the same run without it."""
    from tsmv_qgis.steps.attribution import run_attribution
    names = ("components", "by_season", "by_depth", "by_dynamic", "omega", "dominant")
    outputs = {n: os.path.join(out, "b_%s.tif" % n) for n in names + ("components_lower", "components_upper")}
    outputs["table"] = os.path.join(out, "b_t.csv")
    plain = dict(outputs)
    for key in ("components_lower", "components_upper"):
        plain.pop(key)
    said = []
    run_attribution(paths, plain, start_year=2000, bootstrap=0)  # warm: the files' caches
    t = time.perf_counter()
    run_attribution(paths, plain, start_year=2000)
    base = time.perf_counter() - t
    run_attribution(paths, outputs, start_year=2000, end_year=2002, bootstrap=2, seed=0)  # compiles the kernel once
    t = time.perf_counter()
    table = run_attribution(paths, outputs, start_year=2000, bootstrap=BOOTSTRAP_REPLICATES, seed=0, log=said.append)
    seconds = time.perf_counter() - t
    blocks = [s for s in said if s.startswith("Bootstrap blocks")]
    line("run_attribution 2000-2024, BOOTSTRAP %d (BLOCK 0), %d pixels" % (BOOTSTRAP_REPLICATES, table[0].pixels),
         "%.1f s" % seconds, "%.0fx the run without it (%.2f s); (target < %.0f s) %s; %s"
         % (seconds / base, base, BOOTSTRAP_TARGET_SECONDS,
            "OK" if seconds < BOOTSTRAP_TARGET_SECONDS else "MISSED", blocks[0] if blocks else ""))


if __name__ == "__main__":
    main()
