"""Optional numba compilation shared by the kernels.

numba is optional: every kernel has a numpy path giving the same numbers.  :func:`jit`
prepares a function for numba (compiled on first use, cached on disk, GIL released);
:func:`compiled` runs it and says whether it ran.  When numba is missing, fails to import
(any exception: a broken llvmlite raises OSError or SystemError, not ImportError) or fails
to compile a kernel, the kernels use numpy from then on and one RuntimeWarning says why
(QGIS shows Python warnings in its message log).  A kernel compiled for the first time on
this machine takes about 10 s; :func:`announce` says so before it happens.
"""
import contextlib
import os
import threading
import warnings

from .. import threads

try:
    import numba
except ImportError:  # pragma: no cover - depends on the machine
    numba = None
    _problem = None  # absent is a choice, not a problem: no warning
except Exception as error:  # pragma: no cover - depends on the machine
    numba = None
    _problem = "numba could not be imported (%s: %s)" % (type(error).__name__, error)
else:
    _problem = None

#: Unsigned index type: numba adds a negative-index check to every signed index, which
#: keeps the compiler from vectorising a loop; unsigned indices have none.
u64 = numba.uint64 if numba is not None else int

#: Compiled kernels go to the plugin's __pycache__, or to TSMV_NUMBA_CACHE_DIR when set (e.g.
#: for a read-only plugin folder).  numba's disk cache records the module's import name, which
#: differs between the plugin (tsmv.tsmv_qgis...) and plain Python (tsmv_qgis...): one cache
#: folder per name.
_CACHE_DIR = os.path.join(
    os.environ.get("TSMV_NUMBA_CACHE_DIR")
    or os.path.join(os.path.dirname(os.path.abspath(__file__)), "__pycache__", "numba"), __name__)
_warned = False
_listener = threading.local()  # runs in QGIS's task threads do not hear each other


@contextlib.contextmanager
def announce(log):
    """While in the block, ``log(message)`` hears when a kernel is about to be compiled."""
    saved = getattr(_listener, "log", None)
    _listener.log = log
    try:
        yield
    finally:
        _listener.log = saved


def _about_to_compile(kernel):
    """True when ``kernel`` has neither run in this process nor been compiled to disk."""
    if kernel.signatures:
        return False
    try:
        return not os.path.exists(kernel._cache._cache_file._index_path)  # numba's disk cache
    except AttributeError:  # another numba's internals: say it anyway
        return True


def jit(function):
    """The function prepared for numba (compiled on first call) when numba is there."""
    if numba is None:
        return function
    saved = numba.config.CACHE_DIR
    numba.config.CACHE_DIR = _CACHE_DIR  # read once, when the cache is set up
    try:
        return numba.njit(cache=True, nogil=True)(function)
    except Exception:  # e.g. a read-only plugin folder: compile in memory every time
        return numba.njit(nogil=True)(function)
    finally:
        numba.config.CACHE_DIR = saved


def available():
    """True while numba is usable; the first call warns once if it failed to import."""
    _warn()
    return numba is not None


def compiled(kernel, *args, backend=None):
    """Run a :func:`jit` kernel and say whether it ran; the caller's numpy path runs if not.

    ``backend`` None uses numba when it can; "numpy" never does; "numba" insists (tests).
    A kernel that cannot be compiled turns numba off from then on; one that fails after
    it compiled (a signature was added) raises as usual, as only compilation failures
    come before any argument is touched.
    """
    global numba, _problem
    if backend == "numpy":
        return False
    if not available():
        if backend == "numba":
            raise RuntimeError(_problem or "numba is not installed")
        return False
    before = len(kernel.signatures)
    log = getattr(_listener, "log", None)
    if log and _about_to_compile(kernel):
        where = getattr(getattr(kernel, "py_func", None), "__module__", "tsmv").split(".")[-1]
        log("Compiling the fast %s kernel once for this computer (about 10 s; later runs "
            "start at once)" % where)
    try:
        kernel(*args)
    except Exception as error:
        if len(kernel.signatures) > before:
            raise
        numba = None
        _problem = "numba could not compile %s (%s: %s)" % (
            getattr(kernel, "__name__", "a kernel"), type(error).__name__, str(error).split("\n")[0])
        _warn()
        if backend == "numba":
            raise
        return False
    return True


def compiled_in_threads(kernel, n, step, *args, backend=None, progress=None):
    """:func:`compiled` for ``kernel(*args, start, stop)`` over items 0..n, in chunks (multiples
    of ``step``, about four per thread) taken, as each finishes one, by the caller's thread and
    helper threads (the kernels release the GIL); the first ``step`` items run alone before
    them, as they compile the kernel or find numba unusable.  ``progress`` (a Progress) hears as chunks finish.
    False: the caller's numpy path.

    The caller's thread works too, so no chunk waits for a helper that never came (see
    :mod:`tsmv_qgis.threads`); a thread that fails in a chunk (a MemoryError) marks it failed;
    the caller waits for the chunks the helpers have taken, then raises the first failure."""
    workers = max(1, min(os.cpu_count() or 1, 8))
    first = min(step, n)  # one step alone: small, as no other thread works meanwhile
    if not compiled(kernel, *args, 0, first, backend=backend):
        return False
    size = max(step, -(-(n - first) // (workers * 4 * step)) * step)
    rest = [(a, min(a + size, n)) for a in range(first, n, size)]
    chunks = 1 + len(rest)
    # Each chunk's state; helpers only assign to slots made here (nothing to allocate, so
    # nothing to fail once a chunk is taken).
    state = [_WAITING] * len(rest)
    failures = [None] * len(rest)
    order = list(range(len(rest)))
    lock = threading.Lock()
    changed = threading.Event()

    def take(slot):
        """The next chunk waiting, now taken (its index also in ``slot[0]``); -1 when none is left."""
        with lock:
            for i in order:
                if state[i] == _WAITING:
                    slot[0] = i
                    state[i] = _TAKEN
                    return i
        return -1

    def helper():
        slot = [-1]
        while True:
            try:
                i = take(slot)
            except BaseException:  # noqa: B902 - nothing taken: the caller does the rest
                return
            if i < 0:
                return
            try:
                kernel(*args, *rest[i])
                state[i] = _DONE
            except BaseException as error:  # noqa: B902 - handed to the caller's thread
                failures[i] = error
                state[i] = _FAILED
            try:
                changed.set()
            except BaseException:  # noqa: B902 - the caller looks again soon anyway
                pass

    if progress is not None:
        progress.set(1 / chunks)
    mine = [-1]
    try:
        for _ in range(min(workers - 1, len(rest))):
            if not threads.start(helper):
                break
        while True:  # the caller's thread takes chunks too
            i = take(mine)
            if i < 0:
                break
            kernel(*args, *rest[i])
            state[i] = _DONE
            if progress is not None:
                progress.set((1 + state.count(_DONE)) / chunks)  # may raise Canceled
    except BaseException:  # noqa: B902 - canceled, a signal, or the caller's chunk failed:
        with lock:  # no chunk is taken from now on
            if mine[0] >= 0 and state[mine[0]] == _TAKEN:
                state[mine[0]] = _SKIPPED
            for i in order:
                if state[i] == _WAITING:
                    state[i] = _SKIPPED
        raise
    finally:
        while True:  # the chunks the helpers took
            changed.clear()
            if _TAKEN not in state:
                break
            changed.wait(0.05)
    if _FAILED in state:
        raise failures[state.index(_FAILED)]
    if progress is not None:
        progress.set(1.0)
    return True


_WAITING, _TAKEN, _DONE, _FAILED, _SKIPPED = range(5)


def _warn():
    global _warned
    if _problem and not _warned:
        _warned = True
        warnings.warn("TSMV: %s; using numpy instead (same numbers, slower)" % _problem,
                      RuntimeWarning, stacklevel=3)
