"""Shared benchmark helpers: cached example data, timing, per-process peak memory."""
import json
import os
import subprocess
import sys
import time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
CACHE = os.path.join(ROOT, ".cache", "bench")
QGIS_PROCESS = os.path.join(ROOT, "scripts", "qgis_process")
sys.path.insert(0, ROOT)


def global_example(start=1948, end=2024):
    """The global 1.0 deg example (seed 0), made once and kept in .cache/bench."""
    from tsmv_example import VERSION, make_gldas_example
    folder = os.path.join(CACHE, "gldas_global_1deg_%d_%d_v%d" % (start, end, VERSION))
    stamp = os.path.join(folder, ".complete")
    if not os.path.exists(stamp):
        print("  (making the global 1.0 deg example %d-%d once, in %s)" % (start, end, folder))
        make_gldas_example(folder, start, end)
        open(stamp, "w").close()
    return folder


def best_of(n, function, clock=time.perf_counter):
    """Smallest time of ``n`` calls (seconds): wall time, or with ``clock=time.process_time``
    the CPU time (user + system, all the process's threads), which the other users of a shared
    machine do not inflate as they do the wall time."""
    times = []
    for _ in range(n):
        t = clock()
        function()
        times.append(clock() - t)
    return min(times)


def measured(command, env=None):
    """Run ``command``; return (seconds, peak RSS in MB of that process, stdout, stderr)."""
    t = time.perf_counter()
    proc = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                            env=dict(os.environ, **(env or {})))
    out, err = proc.communicate()
    seconds = time.perf_counter() - t
    if proc.returncode != 0:
        raise RuntimeError("%s failed:\n%s\n%s" % (" ".join(command), out[-2000:], err[-2000:]))
    return seconds, out, err


def run_with_peak(command, env=None):
    """Run ``command`` and return (seconds, peak RSS MB of the process tree it waited for)."""
    wrapper = [sys.executable, os.path.join(ROOT, "benchmarks", "peak_rss.py")] + list(command)
    seconds, out, err = measured(wrapper, env)
    report = json.loads(out.strip().splitlines()[-1])
    return seconds, report["peak_mb"], report


def qgis_process_args(algorithm, **params):
    return [QGIS_PROCESS, "run", algorithm, "--json"] + ["--%s=%s" % kv for kv in params.items()]


def line(label, value, note=""):
    print("  %-62s %s%s" % (label, value, ("   " + note) if note else ""))
