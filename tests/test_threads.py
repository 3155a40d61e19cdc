"""Threads never leave the caller waiting for one that did not come (tsmv_qgis.threads).

A thread that fails while setting itself up (a MemoryError under ``ulimit -v``) never runs our
code; ``threading.Thread.start`` waited for it forever, and tsmv:trend hung under QGIS 3.44.
Here such a thread is simulated by a ``start`` that says it started one and starts nothing.
Each case runs in a watcher thread with a deadline, so a hang fails the test instead of
hanging the suite."""
import threading
import time

import numpy as np
import pytest

from tsmv.tsmv_qgis import threads
from tsmv.tsmv_qgis.kernels import optional_numba
from tsmv.tsmv_qgis.kernels.mannkendall import original_test
from tsmv.tsmv_qgis.progress import Progress
from tsmv.tsmv_qgis.errors import Canceled

DEADLINE = 60  # seconds: far beyond what each case takes


def finishes(function):
    """function() in a watcher thread: what it returned, or the exception it raised."""
    result = {}

    def run():
        try:
            result["value"] = function()
        except BaseException as error:  # noqa: B902
            result["error"] = error
    watcher = threading.Thread(target=run, daemon=True)
    watcher.start()
    watcher.join(DEADLINE)
    assert not watcher.is_alive(), "it waited for a thread that never came"
    if "error" in result:
        raise result["error"]
    return result.get("value")


def never_comes(function):
    """A thread that was started and died before running any of our code."""
    return True


def no_thread(function):
    return False


def calls_in_order(monkeypatch, start):
    if start is not None:
        monkeypatch.setattr(threads, "start", start)
    seen, where = [], set()

    def record(i):
        seen.append(i)
        where.add(threading.get_ident())

    def run():
        with threads.Behind(depth=2) as behind:
            for i in range(50):
                behind.submit(record, i)
        return seen
    return finishes(run), where


def test_behind_runs_the_calls_in_order_on_its_thread(monkeypatch):
    seen, where = calls_in_order(monkeypatch, None)
    assert seen == list(range(50))
    assert len(where) == 1 and threading.get_ident() not in where


@pytest.mark.parametrize("start", [never_comes, no_thread])
def test_behind_without_its_thread_runs_the_calls_in_the_caller(monkeypatch, start):
    seen, where = calls_in_order(monkeypatch, start)
    assert seen == list(range(50))


def test_behind_hands_back_the_first_error_and_skips_the_rest():
    seen = []

    def call(i):
        if i == 3:
            raise MemoryError("call 3")
        seen.append(i)

    def run():
        with threads.Behind(depth=2) as behind:
            for i in range(10):
                behind.submit(call, i)
    with pytest.raises(MemoryError, match="call 3"):
        finishes(run)
    assert seen == [0, 1, 2]


def test_behind_whose_caller_fails_skips_what_waits():
    seen, gate = [], threading.Event()

    def run():
        with threads.Behind(depth=5) as behind:
            behind.submit(gate.wait)
            for i in range(5):
                behind.submit(seen.append, i)
            gate.set()
            raise KeyError("the caller")
    with pytest.raises(KeyError):
        finishes(run)
    assert seen == []


def mann_kendall(y, backend):
    return np.column_stack(original_test(y, backend=backend))


@pytest.fixture(scope="module")
def series():
    rng = np.random.default_rng(1)
    y = rng.normal(size=(3000, 25)) + np.arange(25) * 0.05
    y[rng.random(y.shape) < 0.05] = np.nan
    return y


@pytest.mark.parametrize("start", [None, never_comes, no_thread])
def test_kernels_finish_every_chunk_whether_the_threads_come_or_not(monkeypatch, series, start):
    """The numba kernel in chunks (the caller's thread works too) gives every pixel: the numpy
    path's numbers (to the last bits: the two compilers may round an intercept differently)."""
    if not optional_numba.available():
        pytest.skip("numba is not installed")
    if start is not None:
        monkeypatch.setattr(threads, "start", start)
    fractions = []
    got = finishes(lambda: np.column_stack(original_test(series, backend="numba",
                                                        progress=Progress(fractions.append))))
    np.testing.assert_allclose(got, mann_kendall(series, "numpy"), rtol=1e-13, atol=0)
    assert fractions == sorted(fractions) and fractions[-1] == 1.0


def test_a_chunk_failing_on_a_helper_thread_fails_the_call(monkeypatch):
    """A MemoryError in a helper's chunk reaches the caller, after the taken chunks ended."""
    if not optional_numba.available():
        pytest.skip("numba is not installed")
    def kernel(out, start, stop):
        if threading.get_ident() != watcher[0]:
            raise MemoryError("chunk at %d" % start)
        time.sleep(0.2)  # the caller's chunks are slow: the helper takes some
        out[start:stop] = 1.0
    watcher = []

    def run():
        watcher.append(threading.get_ident())
        return optional_numba.compiled_in_threads(kernel, 40_000, 1, np.zeros(40_000))
    monkeypatch.setattr(optional_numba, "compiled", lambda kernel, *args, backend=None: kernel(*args) or True)
    with pytest.raises(MemoryError, match="chunk at"):
        finishes(run)


def test_a_cancel_between_chunks_stops_taking_chunks(monkeypatch):
    """Canceled in the caller's progress: no chunk is started after it; it is raised."""
    monkeypatch.setattr(threads, "start", no_thread)  # the caller alone, so the count is exact
    monkeypatch.setattr(optional_numba, "compiled", lambda kernel, *args, backend=None: kernel(*args) or True)
    ran = []
    calls = []

    def canceled():
        calls.append(1)
        return len(calls) > 3
    with pytest.raises(Canceled):
        finishes(lambda: optional_numba.compiled_in_threads(lambda start, stop: ran.append(start), 4000, 1,
                                                            progress=Progress(lambda f: None, canceled)))
    assert len(ran) == 4  # the cancel is heard at the fourth check, after the fourth chunk


def test_an_interrupt_in_the_callers_chunk_is_raised_not_kept(monkeypatch):
    """A signal's exception (KeyboardInterrupt) raised in the caller's thread while it works a
    chunk stops the call at once: it is raised, and no chunk is taken after it."""
    monkeypatch.setattr(threads, "start", no_thread)
    monkeypatch.setattr(optional_numba, "compiled", lambda kernel, *args, backend=None: kernel(*args) or True)
    ran = []

    def kernel(start, stop):
        ran.append(start)
        if len(ran) == 3:
            raise KeyboardInterrupt
    with pytest.raises(KeyboardInterrupt):
        finishes(lambda: optional_numba.compiled_in_threads(kernel, 4000, 1))
    assert len(ran) == 3
