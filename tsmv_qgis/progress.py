"""Progress, cancellation and the log, without QGIS.

A :class:`Progress` maps the work of one step onto a slice of the whole run
(0..1) and reports it through a plain callable; the QGIS side adapts
``feedback.setProgress`` and ``feedback.isCanceled`` to it.  Kernels call
:meth:`Progress.check` between tiles, which raises :class:`Canceled`.
"""
from .errors import Canceled, render


class Progress:
    def __init__(self, report=None, is_canceled=None, start=0.0, stop=1.0):
        self._report = report
        self._is_canceled = is_canceled
        self.start = start
        self.stop = stop

    def set(self, fraction):
        """Report ``fraction`` (0..1) of this step as done, then check for cancel."""
        if self._report is not None:
            fraction = min(max(fraction, 0.0), 1.0)
            self._report(self.start + (self.stop - self.start) * fraction)
        self.check()

    def check(self):
        if self._is_canceled is not None and self._is_canceled():
            raise Canceled()

    def child(self, start, stop):
        """The sub-step covering ``start``..``stop`` (fractions of this step)."""
        span = self.stop - self.start
        return Progress(self._report, self._is_canceled,
                        self.start + span * start, self.start + span * stop)

    def split(self, weights):
        """Consecutive sub-steps whose sizes are proportional to ``weights``."""
        total = float(sum(weights))
        steps, done = [], 0.0
        for w in weights:
            steps.append(self.child(done / total, (done + w) / total))
            done += w
        return steps


def as_progress(progress):
    """``None`` -> a silent Progress; a Progress stays as it is."""
    return progress if progress is not None else Progress()


def _silent(message):
    pass


class Log:
    """Where a run's messages go: ``log(message)`` for information, ``log.warn(message)`` for
    what a user should act on.  ``warn`` defaults to ``info`` with "Warning: " in front (a plain
    callable such as ``print`` or ``list.append`` hears both kinds); QGIS passes its own
    pushInfo and pushWarning.  The core's names in a message are spelt by ``names``
    (:func:`tsmv_qgis.errors.render`; by default as Python)."""

    def __init__(self, info=None, warn=None, names=None):
        self._info = info or _silent
        self._warn = warn
        self._names = names

    def info(self, message):
        self._info(render(message, self._names))

    def __call__(self, message):
        self.info(message)

    def warn(self, message):
        if self._warn is not None:
            self._warn(render(message, self._names))
        else:
            self.info("Warning: " + message)


def as_log(log):
    """``None`` -> a Log that drops its messages; a Log stays as it is; a callable becomes a
    Log that tells it both kinds of message."""
    return log if isinstance(log, Log) else Log(log)
