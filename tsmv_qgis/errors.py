"""Errors raised by the TSMV science core.

The QGIS side turns every :class:`TsmvError` into a ``QgsProcessingException``
with the same message, so a message must name the file, band or parameter at
fault and say what is wrong with it.
"""
import signal


class TsmvError(ValueError):
    """Bad input: the message names the culprit and the problem."""


class Terminated(BaseException):
    """The process was asked to stop (SIGINT, SIGHUP or SIGTERM) during a run; nothing was
    written.  ``signum`` is the signal.

    Not an ``Exception``, so that no ``except Exception`` (or ``ValueError``) on the way
    swallows it."""

    def __init__(self, signum=signal.SIGTERM):
        self.signum = signum
        super().__init__("Stopped by %s; no output was written and no temporary file was left."
                         % signal.Signals(signum).name)


class Canceled(TsmvError):
    """The user canceled the run; nothing was written."""

    def __init__(self, message="Canceled by the user; no output was written."):
        super().__init__(message)


class OutOfMemory(TsmvError):
    """The run needed more memory than it could get; nothing was written.  ``parameters``:
    what can make the run smaller (EXTENT, START_YEAR, END_YEAR), the first named first; without
    them, the inputs (named by ``inputs``)."""

    def __init__(self, parameters=("EXTENT", "START_YEAR", "END_YEAR"), inputs="INPUT"):
        smaller = ["a smaller EXTENT"] if "EXTENT" in parameters else []
        period = [p for p in ("START_YEAR", "END_YEAR") if p in parameters]
        if period:
            smaller.append("a shorter period (%s)" % ", ".join(period))
        super().__init__("%s: not enough memory for this run; choose %s, or free memory. No output was "
                         "written and no temporary file was left."
                         % ((parameters[0], " or ".join(smaller)) if smaller else
                            (inputs, "smaller inputs (crop them)")))

    @classmethod
    def of(cls, names):
        """The refusal for a run whose parameters are ``names``."""
        return cls([n for n in ("EXTENT", "START_YEAR", "END_YEAR") if n in names],
                   next((n for n in names if n.startswith("INPUT")), "INPUT"))
