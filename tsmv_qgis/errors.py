"""Errors raised by the TSMV science core.

The QGIS side turns every :class:`TsmvError` into a ``QgsProcessingException``
with the same message, so a message must name the file, band or parameter at
fault and say what is wrong with it.
"""


class TsmvError(ValueError):
    """Bad input: the message names the culprit and the problem."""


class Terminated(BaseException):
    """The process was asked to stop (SIGTERM) during a run; nothing was written.

    Not an ``Exception``, so that no ``except Exception`` (or ``ValueError``) on the way
    swallows it."""

    def __init__(self, message="Stopped by SIGTERM; no output was written and no temporary "
                               "file was left."):
        super().__init__(message)


class Canceled(TsmvError):
    """The user canceled the run; nothing was written."""

    def __init__(self, message="Canceled by the user; no output was written."):
        super().__init__(message)
