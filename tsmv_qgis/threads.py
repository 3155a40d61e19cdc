"""Threads that never leave the caller waiting for one that did not come.

Under an address-space limit (``ulimit -v``), or when memory runs out, a new thread can fail
before it runs any code of ours, and ``threading.Thread.start`` then waits forever: it waits
for the new thread to say it has started (CPython 3.11 to 3.14), which a thread that failed
while setting itself up never says.  A run of TSMV hung that way under QGIS 3.44.  So TSMV
starts its threads with :func:`start`, which does not wait, and never depends on a thread
having come: the caller's thread does the work itself when its helpers do not.
"""
import _thread
import queue
import threading
import time


def start(function):
    """Run ``function()`` on a new thread and return at once: True, or False when no thread
    could be had.  ``function`` must catch what it raises (the thread has no one to tell)."""
    try:
        _thread.start_new_thread(function, ())
    except Exception:  # RuntimeError (can't start new thread) or MemoryError
        return False
    return True


class Behind:
    """Calls run in order on a thread of their own while the caller goes on (writing the last
    output while the next input is read; the checksum while the download is read).  At most
    ``depth`` calls wait, so memory stays bounded.  The first error a call raises is raised again
    in the caller's thread, by the next :meth:`submit` or at the end of the block; the calls
    after it are skipped, as are those still waiting when the block ends in an error.  When the
    thread does not come (or stops), the caller runs the calls itself, in the same order.

    >>> with Behind() as behind:
    ...     behind.submit(out.stack("OUTPUT", grid, labels).write, array, band0=0)
    """

    def __init__(self, depth=3):
        self._queue = queue.Queue(depth)
        self._claim = threading.Lock()
        self._owner = None  # who runs the calls, decided once: "thread" or "caller"
        self._ended = False  # the thread has stopped taking calls
        self._error = None
        self._abandon = False

    def __enter__(self):
        if not start(self._work):
            self._runs("caller")
        return self

    def _runs(self, who):
        """Whether ``who`` ("thread" or "caller") runs the calls: the first to ask decides."""
        with self._claim:
            if self._owner is None:
                self._owner = who
            return self._owner == who

    def _call(self, job):
        if self._error is None and not self._abandon:
            try:
                job[0](*job[1], **job[2])
            except BaseException as e:  # noqa: B902 - handed to the caller's thread
                self._error = e

    def _work(self):
        try:
            if self._runs("thread"):
                for job in iter(self._queue.get, None):
                    self._call(job)
        except BaseException as e:  # noqa: B902 - the thread itself failed (a MemoryError in the queue)
            self._error = self._error or e
        finally:
            self._ended = True

    def _put(self, item):
        """Queue ``item`` for the thread; False when the caller is to run the calls itself: the
        thread did not come within the time the queue took to fill, or it stopped."""
        while not (self._ended or self._owner == "caller"):
            try:
                self._queue.put(item, timeout=0.1)
                return True
            except queue.Full:
                self._runs("caller")
        return False

    def _drain(self):
        """Run the waiting calls here (only when the thread does not run them)."""
        while True:
            try:
                job = self._queue.get_nowait()
            except queue.Empty:
                return
            if job is not None:
                self._call(job)

    def _raise(self):
        if self._error is not None:
            raise self._error

    def submit(self, function, *args, **kwargs):
        self._raise()
        job = (function, args, kwargs)
        if not self._put(job):
            self._drain()
            self._call(job)
            self._raise()

    def __exit__(self, exc_type, exc, tb):
        self._abandon = exc_type is not None  # the caller failed: skip what is waiting
        if not self._runs("caller") and self._put(None):
            while not self._ended:  # the thread is running the calls: wait for the last
                time.sleep(0.005)
        self._drain()  # what the thread did not take, if it did not come or stopped
        if exc_type is None:
            self._raise()
        return False
