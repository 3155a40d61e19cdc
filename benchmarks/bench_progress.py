"""How often a chain run moves the progress bar, against the 10 s a user still reads as "working".

Runs ``model_progress.py`` (tsmv:fullchain in a QGIS of its own, every progress change timed) on
the demo's example data (the globe at 1.0 deg, 1948-2024, built once in .cache/bench/demo), with
numba's kernels compiled before, with numba compiling them (the first run on a computer) and
with the numpy kernels (QGIS on Windows and macOS as installed), and prints
the longest stretch without a progress change as a ratio of the target.
"""
import os
import subprocess
import sys

from common import CACHE, ROOT, line

sys.path.insert(0, os.path.join(ROOT, "scripts"))

import model_progress  # noqa: E402


def demo_data():
    """The `make demo` example data at its default setting, built once in .cache/bench/demo."""
    import demo
    folder = os.path.join(CACHE, "demo")
    demo.example_data(os.path.join(folder, "data"), demo.DEFAULT_YEARS, demo.DEFAULT_EXTENT)
    return folder


def main():
    print("Progress of tsmv:fullchain (baseline: %.0f s without a change)" % model_progress.TARGET)
    folder = demo_data()
    for flag, label in (("", "numba kernels (compiled before)"), ("--cold", "numba, first run (compiles)"),
                        ("--numpy", "numpy kernels (no numba)")):
        command = [sys.executable, model_progress.__file__, folder] + ([flag] if flag else [])
        proc = subprocess.run(command, capture_output=True, text=True)
        if proc.returncode != 0:
            raise RuntimeError("%s failed:\n%s\n%s" % (" ".join(command), proc.stdout[-2000:], proc.stderr[-2000:]))
        run, longest = model_progress.summary(proc.stdout)
        line("longest stretch without progress, %s" % label,
             "%.1f s = %.2fx the target" % (longest, longest / model_progress.TARGET), "(%s)" % run)


if __name__ == "__main__":
    main()
