"""Signals and memory: SIGINT, SIGHUP and SIGTERM each end a run with nothing published and no
temporary left (the process then ends as the signal would have ended it); a run under a memory
limit (``ulimit -v``) ends with a refusal that says what to reduce, or at least with nothing
published and no temporary.  Every case: the outcome, the message's first words, nothing
published, no temporary, inputs unchanged."""
import os
import re
import signal
import subprocess
import sys
import time

import numpy as np
import pytest

from conftest import QGIS_PROCESS, ROOT, slow_trend_stack, snapshot, write_stack
from tsmv.tsmv_qgis.io import outputs as outputs_module
from tsmv.tsmv_qgis.io import raster
from tsmv.tsmv_qgis.errors import Terminated, TsmvError
from tsmv.tsmv_qgis.io.outputs import Run
from tsmv.tsmv_qgis.steps.trend import run_trend

YEARS = [str(y) for y in range(2000, 2025)]
SIGNALS = {"SIGINT": signal.SIGINT, "SIGHUP": signal.SIGHUP, "SIGTERM": signal.SIGTERM}


@pytest.fixture(scope="module", autouse=True)
def sigint_as_at_a_terminal():
    """SIGINT handled as in a terminal, however the tests were started: a shell starting them in
    the background (``make test &``) ignores SIGINT, and an ignored signal stays ignored in this
    process and in every process it starts (rightly: TSMV leaves it so, as nohup means)."""
    before = signal.getsignal(signal.SIGINT)
    if before == signal.SIG_IGN:
        signal.signal(signal.SIGINT, signal.default_int_handler)  # the processes started get SIG_DFL
    yield
    signal.signal(signal.SIGINT, before)


def unchanged(folder):
    """snapshot() without the statistics QGIS itself notes beside a raster it opened (.aux.xml)."""
    return {k: v for k, v in snapshot(folder).items() if not k.endswith(".aux.xml")}


def temporaries(folder):
    found = []
    for dirpath, _, names in os.walk(folder):
        found += [os.path.join(dirpath, n) for n in names if n.startswith(".tsmv-")]
    return found


def yearly(path, size, seed=5):
    rng = np.random.default_rng(seed)
    data = rng.normal(200, 5, (25, size, size)) + np.arange(25)[:, None, None] * rng.normal(0, 1, (size, size))
    return write_stack(path, data, YEARS)


@pytest.fixture
def folders(tmp_path):
    """An input folder with a small stack, and an output folder holding an earlier result."""
    (tmp_path / "in").mkdir()
    (tmp_path / "out").mkdir()
    source = yearly(tmp_path / "in" / "y.tif", 8)
    for name in ("a.tif", "a.qml", "notes.txt"):
        (tmp_path / "out" / name).write_bytes(("earlier %s" % name).encode())
    return source, tmp_path / "in", tmp_path / "out"


# --- in this process: the signal at each moment of a run ------------------------------------

def _during_work(signum, source, out, monkeypatch):
    write = raster.StackWriter.write
    monkeypatch.setattr(raster.StackWriter, "write",
                        lambda self, *a, **k: (os.kill(os.getpid(), signum), write(self, *a, **k))[1])
    run_trend(source, str(out / "a.tif"), str(out / "a.csv"))


def _during_a_rename(signum, source, out, monkeypatch):
    replace, calls = os.replace, []

    def renaming(src, dst):
        calls.append(dst)
        if len(calls) == 2:  # the run goes on renaming, then stops and takes it all back
            os.kill(os.getpid(), signum)
        return replace(src, dst)
    monkeypatch.setattr(outputs_module.os, "replace", renaming)
    run_trend(source, str(out / "a.tif"), str(out / "a.csv"))


def _after_the_steps(signum, source, out, monkeypatch):
    run_trend(source, str(out / "a.tif"), str(out / "a.csv"))
    run_trend(source, str(out / "b.tif"))
    os.kill(os.getpid(), signum)
    time.sleep(1)  # the handler runs here


def _in_the_second_step(signum, source, out, monkeypatch):
    run_trend(source, str(out / "a.tif"), str(out / "a.csv"))
    write = raster.StackWriter.write
    monkeypatch.setattr(raster.StackWriter, "write",
                        lambda self, *a, **k: (os.kill(os.getpid(), signum), write(self, *a, **k))[1])
    run_trend(source, str(out / "new" / "b.tif"))


def _during_the_cleanup(signum, source, out, monkeypatch):
    close = raster.StackWriter.close
    monkeypatch.setattr(raster.StackWriter, "finish", lambda self: (_ for _ in ()).throw(
        TsmvError("OUTPUT %s: injected failure" % self.path)))
    monkeypatch.setattr(raster.StackWriter, "close", lambda self: (os.kill(os.getpid(), signum), close(self))[1])
    run_trend(source, str(out / "a.tif"), str(out / "a.csv"))


MOMENTS = [("SIGINT", "during the work", _during_work), ("SIGHUP", "during the work", _during_work),
           ("SIGTERM", "during the work", _during_work), ("SIGTERM", "during a rename", _during_a_rename),
           ("SIGHUP", "during a rename", _during_a_rename), ("SIGINT", "after the steps", _after_the_steps),
           ("SIGTERM", "in the second step", _in_the_second_step),
           ("SIGHUP", "during the cleanup", _during_the_cleanup)]


@pytest.mark.parametrize("name, moment, act", MOMENTS, ids=["%s %s" % m[:2] for m in MOMENTS])
def test_a_signal_at_any_moment_publishes_nothing(folders, monkeypatch, name, moment, act):
    source, inputs, out = folders
    signum = SIGNALS[name]
    handler = signal.getsignal(signum)
    before, before_inputs = snapshot(str(out)), snapshot(str(inputs))
    run = Run(resend=False)  # the process stays: this is the test's
    with pytest.raises(Terminated) as stopped:
        with run:
            act(signum, source, out, monkeypatch)
    assert str(stopped.value) == "Stopped by %s; no output was written and no temporary file was left." % name
    assert run.signum == signum
    assert signal.getsignal(signum) == handler  # the handler is back
    assert snapshot(str(out)) == before and sorted(os.listdir(out)) == sorted(before)
    assert temporaries(str(out.parent)) == []
    assert snapshot(str(inputs)) == before_inputs


# --- whole processes: the core in plain Python, and qgis_process ----------------------------

CORE_RUN = r"""
import sys
sys.path.insert(0, sys.argv[1])
import tsmv_package
tsmv_package.add_to_path()
from tsmv.tsmv_qgis.steps.trend import run_trend
run_trend(sys.argv[2], sys.argv[3])  # seconds of kernel work (conftest.slow_trend_stack)
print("PUBLISHED")
"""


def _wait_for_temporaries(run, folder):
    deadline = time.time() + 120
    while not temporaries(folder):
        assert run.poll() is None and time.time() < deadline, "the run never started writing"
        time.sleep(0.02)
    time.sleep(0.3)


@pytest.fixture(scope="module")
def slow_input(tmp_path_factory):
    folder = tmp_path_factory.mktemp("slow")
    return slow_trend_stack(folder / "slow.tif"), folder


#: (how the run is started, signal, return code, what the output says)
PROCESSES = [
    ("python", "SIGINT", -signal.SIGINT, r"KeyboardInterrupt"),  # as Python ends on it
    ("python", "SIGHUP", -signal.SIGHUP, None),
    ("python", "SIGTERM", -signal.SIGTERM, None),
    ("qgis_process", "SIGINT", 1, r"Stopped by SIGINT; no output was written and no temporary file was left"),
    ("qgis_process", "SIGHUP", -signal.SIGHUP, r"ERROR:\s+Stopped by SIGHUP; no output was written"),
    ("qgis_process", "SIGTERM", -signal.SIGTERM, r"ERROR:\s+Stopped by SIGTERM; no output was written"),
]


@pytest.mark.parametrize("how, name, code, says", PROCESSES, ids=["%s %s" % p[:2] for p in PROCESSES])
def test_a_signal_ends_the_process_with_nothing_published(qgis_process, slow_input, tmp_path, how, name, code, says):
    source, inputs = slow_input
    out = tmp_path / "out"
    out.mkdir()
    (out / "t.tif").write_bytes(b"an earlier result")
    before, before_inputs = snapshot(str(out)), unchanged(str(inputs))
    if how == "python":
        command = [sys.executable, "-c", CORE_RUN, os.path.join(ROOT, "scripts"), source, str(out / "t.tif")]
        env = dict(os.environ)
    else:
        command = [QGIS_PROCESS, "run", "tsmv:trend", "--INPUT=" + source, "--OUTPUT=%s" % (out / "t.tif")]
        env = qgis_process.env
    run = subprocess.Popen(command, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
    _wait_for_temporaries(run, str(out))
    run.send_signal(SIGNALS[name])
    log = run.communicate(timeout=120)[0].decode()
    assert run.returncode == code, log[-2000:]
    if says:
        assert re.search(says, log), log[-2000:]
    assert "PUBLISHED" not in log
    if how == "qgis_process":
        assert "Traceback" not in log
    assert snapshot(str(out)) == before and sorted(os.listdir(out)) == ["t.tif"]
    assert unchanged(str(inputs)) == before_inputs


@pytest.fixture(scope="module")
def model_gldas(tmp_path_factory):
    from tsmv_example import make_gldas_example
    folder = tmp_path_factory.mktemp("chain")
    make_gldas_example(str(folder / "gldas"), 1990, 2009, extent=(0.0, 0.0, 40.0, 30.0), seed=2)
    return folder


@pytest.mark.parametrize("name", ["SIGTERM", "SIGINT"])
def test_a_signal_after_the_first_step_of_a_model_publishes_nothing(qgis_process, model_gldas, tmp_path, name):
    """The import has published its outputs when the signal comes: the chain takes them back."""
    out = tmp_path / "out"
    out.mkdir()
    (out / "qc.tif").write_bytes(b"an earlier result")
    before, before_inputs = snapshot(str(out)), unchanged(str(model_gldas))
    run = subprocess.Popen([QGIS_PROCESS, "run", "tsmv:soilmoisturechain", "--GLDAS=%s" % (model_gldas / "gldas"),
                            "--START_A=1990", "--END_A=1999", "--START_B=2000", "--END_B=2009",
                            "--import:qc_0_10=%s" % (out / "qc.tif"),
                            "--import:qc_10_40=%s" % (out / "new" / "qc2.tif"),
                            "--report:report=%s" % (out / "r.html")],
                           env=qgis_process.env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
    deadline = time.time() + 300
    while not os.path.exists(out / "new" / "qc2.tif"):  # the import step is done
        assert run.poll() is None and time.time() < deadline, run.communicate()[0].decode()[-3000:]
        time.sleep(0.02)
    run.send_signal(SIGNALS[name])
    log = run.communicate(timeout=300)[0].decode()
    assert run.returncode == (1 if name == "SIGINT" else -SIGNALS[name]), log[-3000:]
    assert "Stopped by %s; no output was written" % name in log, log[-3000:]
    assert snapshot(str(out)) == before and sorted(os.listdir(out)) == ["qc.tif"]
    assert unchanged(str(model_gldas)) == before_inputs


# --- a memory limit ------------------------------------------------------------------------

#: Address-space limits (kB) for ``ulimit -v``, from where QGIS barely starts to where the run
#: nearly fits; what fails first varies, but never leaves a file behind.
LIMITS = [1_000_000, 1_100_000, 1_200_000, 1_300_000, 1_500_000]


@pytest.fixture(scope="module")
def memory_runs(qgis_process, tmp_path_factory):
    """tsmv:trend of a 225 MB stack under each limit: {limit: (return code, log, out folder,
    output folder before, inputs before)}, each run in its own folder over an earlier result."""
    folder = tmp_path_factory.mktemp("large")
    data = np.random.default_rng(5).normal(200, 5, (25, 1500, 1500)).astype(np.float32)
    (folder / "in").mkdir()
    source = write_stack(folder / "in" / "large.tif", data, YEARS)
    runs = {}
    for limit in LIMITS:
        out = folder / ("out%d" % limit)
        out.mkdir()
        (out / "t.tif").write_bytes(b"an earlier result")
        before, before_inputs = snapshot(str(out)), unchanged(str(folder / "in"))
        proc = subprocess.run(["bash", "-c", 'ulimit -v %d; exec "$@"' % limit, "bash", QGIS_PROCESS, "run",
                               "tsmv:trend", "--INPUT=" + source, "--OUTPUT=%s" % (out / "t.tif")],
                              env=qgis_process.env, capture_output=True, text=True, timeout=600)
        runs[limit] = (proc.returncode, proc.stdout + proc.stderr, out, before, before_inputs)
    return runs, folder / "in"


@pytest.mark.parametrize("limit", LIMITS)
def test_a_memory_limit_leaves_nothing(memory_runs, limit):
    runs, inputs = memory_runs
    code, log, out, before, before_inputs = runs[limit]
    if code == 0:  # it fitted: a complete result
        assert "not enough memory" not in log
        assert sorted(os.listdir(out)) == ["t.p_value.qml", "t.qml", "t.slope_lower.qml", "t.slope_upper.qml",
                                           "t.tif", "t.trend.qml"]
    else:
        if "not enough memory" in log:
            assert re.search(r"(?m)^ERROR:\s+START_YEAR: not enough memory for this run; choose a shorter period "
                             r"\(START_YEAR, END_YEAR\), or free memory\. No output was written", log), log[-2000:]
            assert "Traceback" not in log
        assert snapshot(str(out)) == before and sorted(os.listdir(out)) == ["t.tif"], log[-2000:]
    assert temporaries(str(out)) == []
    assert unchanged(str(inputs)) == before_inputs


def test_some_memory_limit_gives_the_refusal(memory_runs):
    """Of the limits above, at least one lets the run start and then refuses it cleanly."""
    runs, _ = memory_runs
    refused = [limit for limit, (code, log, _, _, _) in runs.items() if code == 1 and "not enough memory" in log]
    assert refused, "no limit in %s ended with the memory refusal" % LIMITS
