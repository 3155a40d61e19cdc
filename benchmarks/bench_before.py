"""The GLDAS chain before and after the core's reorganisation (issue 25): the refactor costs nothing.

Baseline: the science core as it was at BEFORE (the last commit before the core was split into
io/, products/, kernels/, steps/ and report/), taken from this repository's history with
``git archive`` into .cache/bench.  Measured: the same GLDAS chain with the current core, on
the global 1.0 deg example 1948-2024 (924 files): import; import with quality control and
seasons in one pass; quality control; seasons; trend of the annual TSM; attribution;
correlation with a synthetic GPP.  Each chain runs in a process of its own, the two cores in
turn, ROUNDS times; the best time of each step is kept, so both see the machine's load alike.
"""
import json
import shutil
import os
import subprocess
import sys
import tarfile
import tempfile
import time

from common import CACHE, ROOT, global_example, line

BEFORE = "6601cbc"
ROUNDS = 5
TARGET_RATIO = 1.10  # the whole chain; a step alone varies by 10-20 % between runs here

#: where each step's function lives in the core before the reorganisation and after it
MODULES = {"before": {"import": "gldas", "qc": "qc", "seasons": "seasons", "trend": "trend",
                      "attribution": "attribution", "correlation": "correlation"},
           "after": {"import": "steps.importing", "qc": "steps.qc", "seasons": "steps.seasons",
                     "trend": "steps.trend", "attribution": "steps.attribution",
                     "correlation": "steps.correlation"}}
STEPS = ["import", "import, QC and seasons in one pass", "quality control", "seasons", "trend",
         "attribution", "correlation"]


def before_tree():
    """The core at BEFORE, extracted once; None where this checkout has no such history."""
    folder = os.path.join(CACHE, "core_" + BEFORE)
    if not os.path.isdir(os.path.join(folder, "styles")):
        archive = subprocess.run(["git", "-C", ROOT, "archive", "--format=tar", BEFORE, "tsmv_qgis", "styles"],
                                 capture_output=True)
        if archive.returncode != 0:
            return None
        os.makedirs(folder, exist_ok=True)
        with tempfile.TemporaryFile() as tar:
            tar.write(archive.stdout)
            tar.seek(0)
            tarfile.open(fileobj=tar).extractall(folder)
    return folder


def chain(which, tree, work, source, gpp, eco):
    """Run the chain with the core in ``tree`` (in this process); seconds per step."""
    sys.path.insert(0, tree)
    import importlib
    from tsmv_qgis.labels import LAYER_KEYS
    assert os.path.dirname(importlib.import_module("tsmv_qgis").__file__).startswith(tree)

    def function(step, name):
        return getattr(importlib.import_module("tsmv_qgis." + MODULES[which][step]), name)
    layers = {p: {k: os.path.join(work, "%s_%s.tif" % (p, k)) for k in LAYER_KEYS} for p in ("sm", "qc", "s")}
    seasons = {"codes": os.path.join(work, "codes.tif"), "annual_tsm": os.path.join(work, "annual.tif")}
    seasons.update({"seasonal_" + k: p for k, p in layers["s"].items()})
    attribution = {k: os.path.join(work, "att_%s.tif" % k) for k in
                   ("components", "by_season", "by_depth", "by_dynamic", "omega", "dominant")}
    corr = {k: os.path.join(work, "corr_%s.%s" % (k, "csv" if k == "table" else "tif"))
            for k in ("r", "p", "r_root_zone", "p_root_zone", "table")}
    import_gldas = function("import", "import_gldas")

    def clean(paths):
        for path in paths:
            os.remove(path)
    calls = [lambda: import_gldas(source, layers["sm"]),
             lambda: (import_gldas(source, layers["qc"], quality_control=True, seasons=seasons),
                      clean(list(layers["qc"].values()) + list(seasons.values()))),
             lambda: function("qc", "quality_control")(layers["sm"], layers["qc"]),
             lambda: function("seasons", "run_seasons")(layers["qc"], seasons),
             lambda: function("trend", "run_trend")(seasons["annual_tsm"], os.path.join(work, "trend.tif"),
                                                    fdr=True),
             lambda: function("attribution", "run_attribution")(layers["s"], attribution),
             lambda: function("correlation", "run_correlation")(layers["s"], seasons["codes"], gpp, eco, corr)]
    seconds = []
    for call in calls:
        t = time.perf_counter()
        call()
        seconds.append(time.perf_counter() - t)
    return seconds


def main():
    print("== the GLDAS chain before (%s) and after the core's reorganisation, global 1.0 deg 1948-2024 =="
          % BEFORE)
    tree = before_tree()
    if tree is None:
        print("  skipped: this checkout has no commit %s (a shallow clone?)" % BEFORE)
        return {}
    from bench_era5 import synthetic_gpp_and_ecosystems
    from tsmv_qgis.steps.importing import import_gldas
    source = global_example()
    data = tempfile.mkdtemp(prefix="tsmv-before-", dir=CACHE)
    reference = os.path.join(data, "sm_0_10.tif")
    import_gldas(source, {"0_10": reference})
    gpp, eco = synthetic_gpp_and_ecosystems(data, reference)
    best = {"before": [float("inf")] * len(STEPS), "after": [float("inf")] * len(STEPS)}
    for _ in range(ROUNDS):
        for which, core in (("before", tree), ("after", ROOT)):
            with tempfile.TemporaryDirectory(dir=data) as work:
                out = subprocess.run([sys.executable, os.path.abspath(__file__), which, core, work, source, gpp, eco],
                                     capture_output=True, text=True)
                if out.returncode != 0:
                    raise RuntimeError("the %s chain failed:\n%s" % (which, out.stderr[-3000:]))
                seconds = json.loads(out.stdout.strip().splitlines()[-1])
            best[which] = [min(a, b) for a, b in zip(best[which], seconds)]
    for name, before, after in zip(STEPS, best["before"], best["after"]):
        ratio = after / before
        line("%-36s before %6.2f s, after" % (name, before), "%6.2f s" % after, "ratio %.2fx" % ratio)
    total = sum(best["after"]) / sum(best["before"])
    line("the whole chain, before %.1f s, after" % sum(best["before"]), "%.1f s" % sum(best["after"]),
         "ratio %.2fx (target <= %.2fx) %s; load %.2f %.2f %.2f"
         % ((total, TARGET_RATIO, "OK" if total <= TARGET_RATIO else "MISSED") + os.getloadavg()))
    shutil.rmtree(data)
    return {"refactor_ratio": total}


if __name__ == "__main__":
    if len(sys.argv) == 7:
        print(json.dumps(chain(*sys.argv[1:])))
    else:
        main()
