"""How often a chain run moves its progress bar: tsmv:fullchain on the demo's data.

python benchmarks/model_progress.py [--numpy | --cold] [DEMO_DIR]
(default ./demo; `make demo` builds its data: the globe at 1.0 deg, 1948-2024, with land cover
and GPP).  --numpy: as without numba (QGIS on Windows and macOS as installed); --cold: numba
with an empty kernel cache (the first run on a computer).

Runs the model in this process with ``processing.run`` (every output to a file in a temporary
folder, as `make demo` keeps every output) and records the time of every progress change.  Prints the run
time, the longest stretches without a change (with the step they fall in) and whether the
longest is within TARGET seconds.  Not a test: the times depend on the machine.
"""
import os
import sys
import tempfile
import time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
sys.path.insert(0, os.path.join(ROOT, "scripts"))

import tsmv_package  # noqa: E402

TARGET = 10.0  # seconds without a progress change that a user still reads as "working"


def recording_feedback():
    """A QgsProcessingFeedback that keeps (seconds, percent, step) of every progress change."""
    from qgis.core import QgsProcessingFeedback

    class Recorder(QgsProcessingFeedback):
        def __init__(self):
            super().__init__()
            self.t0 = time.perf_counter()
            self.step = ""
            self.changes = [(0.0, 0.0, "")]
            self.progressChanged.connect(self.changed)

        def setProgressText(self, text):  # noqa: N802 ("Running <step> [i/n]")
            self.step = text
            super().setProgressText(text)

        def changed(self, percent):
            self.changes.append((time.perf_counter() - self.t0, percent, self.step))

    return Recorder()


def gaps(changes, end):
    """[(seconds without a change, percent before it, the step or steps it spans)], longest first."""
    times = list(changes) + [(end, changes[-1][1], "(end of the run)")]
    found = [(b[0] - a[0], a[1], a[2] if a[2] == b[2] else "%s -> %s" % (a[2], b[2]))
             for a, b in zip(times, times[1:])]
    return sorted(found, reverse=True)


def main(demo_dir):
    data = os.path.join(os.path.abspath(demo_dir), "data")
    if not os.path.exists(os.path.join(data, ".complete")):
        sys.exit("no demo data in %s: run `make demo` first" % data)
    app, provider = tsmv_package.start_qgis(gui=False)
    import processing
    from qgis.core import QgsApplication, QgsProcessingContext, QgsProject
    model = QgsApplication.processingRegistry().createAlgorithmById("tsmv:fullchain")
    with open(os.path.join(data, ".complete")) as f:  # "v4 (1948, 2024) (extent)"
        first, last = (int(y) for y in f.read().split("(")[1].split(")")[0].split(","))
    params = {"GLDAS": os.path.join(data, "gldas"), "GOSIF": os.path.join(data, "gosif"),
              "LANDCOVER": os.path.join(data, "MCD12C1.A2010001.061_igbp.tif"),
              "START_A": first, "END_A": min(1999, last), "START_B": max(2000, first), "END_B": last}
    context = QgsProcessingContext()
    context.setProject(QgsProject.instance())
    context.setLogLevel(QgsProcessingContext.Verbose)  # the model then names each step it runs
    with tempfile.TemporaryDirectory() as out:
        for p in model.destinationParameterDefinitions():
            params[p.name()] = os.path.join(out, p.name().replace(":", "_") + "." + p.defaultFileExtension())
        feedback = recording_feedback()
        processing.run("tsmv:fullchain", params, context=context, feedback=feedback)
        end = time.perf_counter() - feedback.t0
        context.temporaryLayerStore().removeAllMapLayers()  # close the outputs before `out` goes
        QgsProject.instance().removeAllMapLayers()
    changes = feedback.changes
    longest = gaps(changes, end)
    print("tsmv:fullchain on %s%s: %.0f s, %d progress changes, last at %.1f %%"
          % (data, " ".join([""] + [a for a in sys.argv[1:] if a.startswith("--")]), end,
             len(changes) - 1, changes[-1][1]))
    print("steps: seconds, progress changes, longest stretch without one")
    for step in sorted({s for _, _, s in changes if s}, key=lambda s: int(s.split("[")[1].split("/")[0])):
        times = [t for t, _, s in changes if s == step]
        inside = [b - a for a, b in zip(times, times[1:])]
        print("  %-40s %6.1f s  %4d  %5.1f s" % (step, times[-1] - times[0], len(times), max(inside or [0])))
    print("longest stretches without a progress change:")
    for seconds, percent, step in longest[:8]:
        print("  %6.1f s  from %5.1f %%  %s" % (seconds, percent, step))
    print("longest %.1f s: %s (target %.0f s)" % (longest[0][0], "OK" if longest[0][0] <= TARGET else "TOO LONG", TARGET))
    del app, provider


def summary(printed):
    """(the run line, the longest stretch in seconds) from what main() printed."""
    lines = printed.splitlines()
    run = next(t for t in lines if t.startswith("tsmv:fullchain on "))
    longest = next(t for t in lines if t.startswith("longest ") and t.endswith("s)"))
    return run.split(": ", 1)[1], float(longest.split()[1])


if __name__ == "__main__":
    args = sys.argv[1:]
    if "--numpy" in args:
        sys.modules["numba"] = None  # import numba fails: the kernels use numpy
    if "--cold" in args:
        cold = tempfile.TemporaryDirectory(prefix="tsmv-numba-")  # removed when the run ends
        os.environ["TSMV_NUMBA_CACHE_DIR"] = cold.name
    folders = [a for a in args if not a.startswith("--")]
    main(folders[0] if folders else os.path.join(ROOT, "demo"))
