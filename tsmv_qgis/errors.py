"""Errors raised by the TSMV science core.

The QGIS side turns every :class:`TsmvError` into a ``QgsProcessingException``
with the same message, so a message must name the file, band or parameter at
fault and say what is wrong with it.

The core names what its caller gave in its own words: the argument, written
``⟨start_year⟩`` in a message, or the key of a dict argument, ``⟨outputs.0_10⟩``.
:func:`render` spells them for the face that shows the message: as Python
(``start_year``, ``outputs['0_10']``) by default, as the Processing parameters
(``START_YEAR``, ``OUTPUT_0_10``) with the map each algorithm declares once.
"""
import re
import signal

#: A name in a message: ⟨argument⟩ or ⟨argument.key⟩.
NAME = re.compile("\u27e8([a-z][a-z0-9_]*)(?:\\.([a-z0-9_]+))?\u27e9")


def named(argument, key=None):
    """The token that names ``argument`` (or its item ``key``) in a message."""
    return "\u27e8%s\u27e9" % (argument if key is None else "%s.%s" % (argument, key))


def render(text, names=None):
    """``text`` with each name spelt by ``names`` ({"start_year": "START_YEAR",
    "outputs.0_10": "OUTPUT_0_10"}), else as Python."""
    def spell(m):
        argument, key = m.groups()
        if names:
            spelt = names.get(argument if key is None else "%s.%s" % (argument, key))
            if spelt is not None:
                return spelt
        return argument if key is None else "%s[%r]" % (argument, key)
    return NAME.sub(spell, str(text))


class TsmvError(ValueError):
    """Bad input: the message names the culprit and the problem (``str`` spells the names
    as Python; :meth:`render` as a caller's map says)."""

    def __str__(self):
        return render(super().__str__())

    @property
    def message(self):
        """The message with the core's names as they are (to build another message from)."""
        return super().__str__()

    def render(self, names):
        return render(self.message, names)


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
    the names of what can make the run smaller (extent, start_year, end_year), the first named
    first; without them, the inputs (named by ``inputs``)."""

    def __init__(self, parameters=(named("extent"), named("start_year"), named("end_year")),
                 inputs=named("source")):
        smaller = ["a smaller %s" % parameters[0]] if named("extent") in parameters[:1] else []
        period = [p for p in parameters if p in (named("start_year"), named("end_year"))]
        if period:
            smaller.append("a shorter period (%s)" % ", ".join(period))
        super().__init__("%s: not enough memory for this run; choose %s, or free memory. No output was "
                         "written and no temporary file was left."
                         % ((parameters[0], " or ".join(smaller)) if smaller else
                            (inputs, "smaller inputs (crop them)")))

    @classmethod
    def of(cls, names, inputs):
        """The refusal for a run that takes the arguments ``names`` and reads ``inputs``."""
        return cls([named(n) for n in ("extent", "start_year", "end_year") if n in names], named(inputs))
