"""All the files one run writes, whole or not at all.

:class:`Outputs` is the run's transaction, as GDAL's own utilities behave:

* Before any work, every requested path is checked: a GDAL virtual path
  (``/vsimem/...``), a wrong extension, two outputs on one file (after
  resolving links, ``.qml`` sidecars included, and the extra styles
  ``<name>.<key>.qml`` as soon as a writer declares them), an output on an
  input, or an output or a style that is a folder is refused, naming the
  parameter.  A missing output folder is created (and removed again if the
  run fails); a path that goes through a missing folder with ``..``, or a
  folder where no file can be created, is refused.
* Every file is written under a temporary name unique to the run
  (``.tsmv-<host>-<pid>-<random>-<n>.<ext>``, short enough for a 250-character
  output name) in the folder of its target.  Writers check every write and
  re-open what they wrote (:mod:`tsmv_qgis.io.raster`).
* Only when every file is complete are they all renamed into place
  (``os.replace``, atomic per file: a concurrent run of the same outputs
  leaves one run's complete file), after checking every target again.  A
  file a target replaces is kept (hard-linked) under a temporary name until
  the run ends: if a rename fails, or the run fails later, every file the run
  published is rolled back to what it was before, byte for byte.  On any
  error, cancel, SIGINT, SIGHUP or SIGTERM every temporary is removed and no
  requested file is created or changed.
* A :class:`Run` makes several transactions one (a chain of algorithms, the
  shipped models): files published by its transactions are rolled back
  together if the run fails.  An :class:`Outputs` outside a Run is its own.
* In the main thread, a run takes SIGINT, SIGHUP and SIGTERM (where the
  process would otherwise end, or raise KeyboardInterrupt): in plain Python the
  signal raises :class:`~tsmv_qgis.errors.Terminated` (a signal that arrives
  while files are renamed or removed waits until that is done); in QGIS it
  cancels the run's feedback.  Either way the run publishes nothing, and when
  it has cleaned up the signal is sent again with the previous handler back,
  so the process ends as it would have.  The same signal sent a second time
  while the run stops ends the process at once (the next run removes what it
  left).
* A MemoryError during the work becomes :class:`~tsmv_qgis.errors.OutOfMemory`
  after the cleanup, which needs no new memory (its paths are made before).
* While the run works, GDAL's block cache is capped
  (:data:`tsmv_qgis.io.raster.GDAL_CACHE_BYTES`) and restored afterwards, so
  memory does not grow with the inputs.
* Temporaries of earlier runs on this machine whose process is gone (killed
  with SIGKILL, or a crash) are removed by the next run writing to the same
  folder.
"""
import contextlib
import csv
import io
import itertools
import mmap
import os
import re
import secrets
import signal
import socket
import threading
import zlib

from ..errors import OutOfMemory, Terminated, TsmvError, named
from ..io.lineage import carried_metadata, file_id, lineage_metadata, new_run
from ..progress import as_log
from ..io.raster import StackWriter, capped_gdal_cache, file_metadata

#: What each kind of output may be called.
EXTENSIONS = {"raster": (".tif", ".tiff"), "table": (".csv",), "page": (".html", ".htm"), "layer": (".gpkg",)}
#: The signals that stop a run: a terminal's Ctrl+C, its closing, and ``kill``.
STOP_SIGNALS = tuple(getattr(signal, n) for n in ("SIGINT", "SIGHUP", "SIGTERM") if hasattr(signal, n))

#: Address space (bytes, never touched) a run holds back for its cleanup, and gives back when
#: it cleans up: under a memory limit, closing a GeoTIFF still needs memory to compress.
CLEANUP_RESERVE = 64 * 2**20

_PREFIX = ".tsmv-"
_HOST = "%04x" % (zlib.crc32(socket.gethostname().encode()) & 0xFFFF)
_TEMP = re.compile(r"^\.tsmv-(?P<host>[0-9a-f]{4})-(?P<pid>\d+)-[0-9a-f]+-\d+\.")
_numbers = itertools.count(1)


def temporary_name(folder, ext):
    """A new temporary file name in ``folder``, unique to this call, in the form whose leftovers
    the next run in that folder removes once their process is gone (:func:`remove_stale_temporaries`)."""
    return os.path.join(folder, "%s%s-%d-%04x-%d%s" % (_PREFIX, _HOST, os.getpid(), secrets.randbits(16),
                                                        next(_numbers), ext))


def _key(path):
    """A file's identity after resolving links: (device, inode) if it exists, else its real path."""
    try:
        st = os.stat(path)
        return ("inode", st.st_dev, st.st_ino)
    except OSError:
        return ("path", os.path.normcase(os.path.realpath(path)))


def sidecars(path, keys=()):
    """The style files written beside a raster output: ``<name>.qml`` and ``<name>.<key>.qml``."""
    base = os.path.splitext(path)[0]
    return [base + ".qml"] + [base + ".%s.qml" % key for key in keys]


def _alive(pid):
    if os.name != "posix":  # no safe liveness test without extra packages: keep the file
        return True
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except OSError:  # exists, but another user's
        return True
    return True


def remove_stale_temporaries(folder, keep=()):
    """Remove this machine's TSMV temporaries in ``folder`` whose process is gone, except the
    files whose keys (:func:`_key`) are in ``keep`` (a run's inputs, whatever their names)."""
    try:
        names = os.listdir(folder)
    except OSError:
        return []
    removed = []
    for name in names:
        m = _TEMP.match(name)
        if m and m.group("host") == _HOST and not _alive(int(m.group("pid"))) \
                and _key(os.path.join(folder, name)) not in keep:
            try:
                os.remove(os.path.join(folder, name))
                removed.append(name)
            except OSError:
                pass
    return removed


def _remove(path):
    """Remove a file if it is there; False if it could not be removed (no memory needed beyond
    what the caller made before)."""
    try:
        os.remove(path)
    except FileNotFoundError:
        pass
    except (OSError, MemoryError):
        return False
    return True


# --- signals ---------------------------------------------------------------------------

class _Signals:
    """What the main thread's handler knows: the handlers a run replaced, whether files are
    being renamed or removed (a signal then waits: ``pending``), and the signal received."""

    def __init__(self):
        self.previous = {}
        self.cancel = None
        self.critical = 0
        self.pending = None
        self.received = None


_signals = _Signals()
_local = threading.local()  # .runs: the Runs open in this thread, outermost first


def _main_thread():
    return threading.current_thread() is threading.main_thread()


def _on_signal(signum, frame):
    if _signals.received == signum and _signals.previous.get(signum) == signal.SIG_DFL:
        signal.signal(signum, signal.SIG_DFL)  # sent again while the run stops: end now
        os.kill(os.getpid(), signum)
        return
    _signals.received = signum
    if _signals.cancel is not None:  # QGIS: the handler may run inside QGIS's own Python
        try:
            _signals.cancel()
        except Exception:  # the run still stops where it next checks (_stopped, the Run's end)
            return
    elif _signals.critical:
        _signals.pending = signum
    else:
        raise Terminated(signum)


def _stopped():
    """Raise Terminated if a signal came (the run's cancel may not have been heard yet)."""
    if _signals.received is not None and _main_thread():
        raise Terminated(_signals.received)


@contextlib.contextmanager
def _critical(stop=True):
    """Files are being renamed or removed: a signal waits until that is done, then (``stop``)
    stops the run; otherwise, or when an error already stops it, the Run's end sees it."""
    main = _main_thread()
    if main:
        _signals.critical += 1
    failed = False
    try:
        yield
    except BaseException:
        failed = True
        raise
    finally:
        if main:
            _signals.critical -= 1
            if stop and not failed and not _signals.critical and _signals.pending is not None:
                signum, _signals.pending = _signals.pending, None
                raise Terminated(signum)


class Run:
    """One run: the transactions (:class:`Outputs`) inside it are published together or not
    at all, and, in the main thread, SIGINT, SIGHUP and SIGTERM stop it.

    Each transaction publishes its files when it ends, keeping every file it replaced; when
    the outermost Run ends with an error, a cancel or a signal, every file published inside
    it is rolled back (in reverse order) and every output folder it made is removed; when it
    ends well, the kept files are deleted.  Runs nest (a model's steps): an inner Run hands
    what it published to the outer one.  ``resend``: when the outermost Run ends after a
    signal, send it again to the handler it replaced (the process ends as it would have);
    otherwise the caller reports and calls :meth:`resend`.  ``cancel``: what a signal calls
    (QGIS: the feedback's cancel, heard where the run checks it, as the handler may run in
    QGIS's own Python, where an exception would end the process); without it the signal
    raises Terminated at once (except while files are renamed or removed).

    >>> with Run():
    ...     first_step(); second_step()   # each with its Outputs
    """

    def __init__(self, resend=True, cancel=None):
        self.resend_on_exit = resend
        self.cancel = cancel
        self.outer = None
        self.published = []  # [target, backup or None, replaced] in the order of publication
        self.made_dirs = []
        self.signum = None
        self.failure = None  # what could not be rolled back, if anything
        self._previous = {}
        self._signals = False

    @staticmethod
    def current():
        """The innermost Run open in this thread, or None."""
        runs = getattr(_local, "runs", None)
        return runs[-1] if runs else None

    def __enter__(self):
        runs = _local.__dict__.setdefault("runs", [])
        self.outer = runs[-1] if runs else None
        runs.append(self)
        if self.outer is None and _main_thread():
            previous = {}
            for signum in STOP_SIGNALS:
                try:
                    if signal.getsignal(signum) in (signal.SIG_DFL, signal.default_int_handler):
                        previous[signum] = signal.signal(signum, _on_signal)
                except (ValueError, OSError, TypeError):  # not allowed here
                    pass
            _signals.previous, _signals.pending, _signals.received = previous, None, None
            _signals.cancel = self.cancel
            self._previous, self._signals = previous, True
        return self

    def __exit__(self, exc_type, exc, tb):
        failed = exc_type is not None
        try:
            _local.runs.remove(self)
            failed = failed or (self._signals and _signals.received is not None)
            with _critical(stop=False):
                if failed:
                    self.rollback()
                elif self.outer is not None:
                    self.outer.published.extend(self.published)
                    self.outer.made_dirs.extend(self.made_dirs)
                else:  # done: let go of the files it replaced
                    for _, backup, _ in self.published:
                        if backup is not None:
                            _remove(backup)
                self.published = []
        finally:
            if self._signals:  # the handlers back, whatever happened
                for signum, handler in self._previous.items():
                    try:
                        signal.signal(signum, handler)
                    except (ValueError, OSError, TypeError):
                        pass
                self.signum = _signals.received
                _signals.previous, _signals.pending, _signals.received = {}, None, None
                _signals.cancel = None
        if self.signum is not None:
            if not failed:  # came as the finished run let go of what it replaced: after the run
                self.resend()
            elif self.resend_on_exit:
                self.resend()
            if failed and not isinstance(exc, Terminated):
                raise Terminated(self.signum)
        return False

    @property
    def fatal(self):
        """True if the signal that stopped the run ends the process once handed back."""
        return self.signum is not None and self._previous.get(self.signum) == signal.SIG_DFL

    def resend(self):
        """Hand the signal that stopped the run to the handler it replaced: the process ends
        (the default action), or KeyboardInterrupt is raised (Python's SIGINT handler)."""
        if self.fatal:
            os.kill(os.getpid(), self.signum)
        elif self.signum is not None and self._previous.get(self.signum) is signal.default_int_handler:
            raise KeyboardInterrupt

    @classmethod
    def call(cls, work, cancel=None, report=None):
        """``work()`` in one Run (``cancel``: see the class): a signal that stopped it is
        told to ``report(message)``, then sent again where it ends the process; a file the
        rollback could not put back is told to ``report`` too (or, without it, added to the
        error), never kept quiet."""
        run = cls(resend=False, cancel=cancel)
        try:
            with run:
                return work()
        except BaseException as e:
            if run.failure is not None:
                message = ("%s could not be put back as it was before this run (it may hold this "
                           "run's result or nothing); check it" % run.failure)
                if report is not None:
                    report(message)
                elif isinstance(e, TsmvError):
                    raise TsmvError("%s; and %s" % (e.message, message)) from None
            if isinstance(e, Terminated) and run.fatal:
                if report is not None:
                    report(str(e))
                run.resend()
            raise

    def record(self, published, made_dirs):
        self.published.extend(published)
        self.made_dirs.extend(made_dirs)

    def rollback(self):
        """Put back every file published in this run, last first; remove the folders it made."""
        self.failure = _rollback(self.published) or self.failure
        for folder in sorted(self.made_dirs, key=len, reverse=True):  # deepest first
            try:
                os.rmdir(folder)
            except (OSError, MemoryError):
                pass
        self.published, self.made_dirs = [], []


def _rollback(published):
    """Undo renames ([target, backup, replaced], last first); the first file that could not be
    put back, or None."""
    failure = None
    for target, backup, replaced in reversed(published):
        try:
            if not replaced:
                if backup is not None:
                    _remove(backup)
                continue
            _remove(target + ".aux.xml")  # what GDAL noted of the file taken back (the earlier one's comes next)
            if backup is not None:
                os.replace(backup, target)
            else:
                os.remove(target)
        except FileNotFoundError:
            pass
        except (OSError, MemoryError):
            failure = failure or target
    return failure


# --- the transaction ---------------------------------------------------------------------

def given(outputs, keys, argument="outputs"):
    """The output names -> paths of ``keys`` in ``outputs`` (a dict argument named ``argument``),
    each of which the step must write: one missing is refused by its name."""
    missing = [key for key in keys if not outputs.get(key)]
    if missing:
        raise TsmvError("%s: no path given (this step writes %s)"
                        % (", ".join(named(argument, key) for key in missing), ", ".join(keys)))
    return {named(argument, key): outputs[key] for key in keys}


class Outputs:
    """The outputs of one run: checked first, written to temporaries, published together.

    ``inputs`` maps parameter names to the files the run reads (a path or a list
    of paths); ``rasters``, ``tables``, ``pages`` and ``layers`` (GeoPackages) map output
    parameter names to paths (None: not wanted); ``described`` ({input name: {"product": ..., "versions":
    ...}}) what the run knows of a raw input, for the record its outputs carry
    (:func:`tsmv_qgis.io.lineage.carried_metadata`).  Writers are made with :meth:`stack`,
    :meth:`table` and :meth:`page`.

    >>> with Outputs({"INPUT": src}, rasters={"OUTPUT": dst}) as out:
    ...     writer = out.stack("OUTPUT", grid, labels)
    """

    def __init__(self, inputs=None, rasters=None, tables=None, pages=None, log=None, described=None,
                 layers=None):
        self.log = as_log(log)
        self.targets = {}
        self.kinds = {}
        for kind, paths in (("raster", rasters), ("table", tables), ("page", pages), ("layer", layers)):
            for name, path in (paths or {}).items():
                if path:
                    self.targets[name] = str(path)
                    self.kinds[name] = kind
        self._reads = {}
        self._claims = {}  # file key -> (output name, path): every file the run will write
        self._inputs, self._sources, self._run_id = dict(inputs or {}), None, new_run()
        self._described, self._carried = described or {}, None
        self._run = "%s-%d-%04x" % (_HOST, os.getpid(), secrets.randbits(16))
        self._count = 0
        self._temps = []  # every temporary made (and its .aux.xml), removed unless published
        self._publish = []  # (temporary, file, output name, path as given) in order
        self._writers = []
        self._made_dirs = []
        self._folders = {}  # output name -> the real folder of its file
        self._scope = self._own_scope = None
        self._check(inputs or {})
        try:
            self._prepare_folders()
        except BaseException:
            self._cleanup()
            raise

    # --- before any work -------------------------------------------------------------

    def _check(self, inputs):
        for name, paths in inputs.items():
            for path in ([paths] if isinstance(paths, str) else paths or []):
                self._reads.setdefault(_key(path), (name, path))
        for name, path in self.targets.items():
            kind = self.kinds[name]
            if path.startswith("/vsi"):
                raise TsmvError("%s %s: GDAL virtual paths cannot be outputs; give a file on disk"
                                % (name, path))
            if not path.lower().endswith(EXTENSIONS[kind]):
                raise TsmvError("%s %s: a %s output must end in %s"
                                % (name, path, {"raster": "raster", "table": "CSV", "page": "report",
                                                "layer": "GeoPackage"}[kind],
                                   " or ".join(EXTENSIONS[kind])))
            self._claim(name, path)
            if kind == "raster":
                self.claim_styles(name)

    def _claim(self, name, path, style_of=None):
        """Count ``path`` among the files of the run (output ``name``'s file, or the style of
        its file ``style_of``): refused if it is a folder, an input, or another file of the run."""
        lead = "%s %s" % (name, path) if style_of is None else "%s %s: its style %s" % (name, style_of, path)
        if os.path.isdir(path):
            raise TsmvError("%s is a folder; give %s" % (
                lead, "a file name" if style_of is None else "another file name (its styles are written beside it)"))
        key = _key(path)
        if key in self._reads:
            raise TsmvError("%s is the input %s (%s): an output never replaces an input; "
                            "choose another file name" % (lead, self._reads[key][0], self._reads[key][1]))
        other = self._claims.get(key)
        if other is not None and other[0] != name:
            raise TsmvError("%s and %s are the same file (%s): each output needs its own file name"
                            % (other[0], name, path if style_of is None else "%s, the style of %s" % (path, style_of)))
        self._claims[key] = (name, path)

    def claim_styles(self, name, keys=()):
        """Count the styles of raster output ``name`` (``<name>.qml``, ``<name>.<key>.qml``)
        among the files of the run, before any work on them."""
        path = self.targets[name]
        for style in sidecars(path, keys):
            self._claim(name, style, style_of=path)

    def _prepare_folders(self):
        for name, path in self.targets.items():
            literal = os.path.dirname(path) or os.curdir
            if not os.path.isdir(literal):
                self._make_folder(name, path, literal)
            folder = self._folders[name] = os.path.realpath(literal)
            remove_stale_temporaries(folder, keep=self._reads)
            probe = self._temp(folder, ".probe")
            try:
                with open(probe, "wb"):
                    pass
            except OSError as e:
                raise TsmvError("%s %s: cannot write in the folder %s (%s)"
                                % (name, path, folder, e.strerror or e)) from None
            os.remove(probe)

    def _make_folder(self, name, path, literal):
        """Create the missing folder ``literal`` of output ``name``, one level at a time (another
        run may make it too), deepest last; a path through a missing folder and back with
        '..' is refused (the system cannot follow it)."""
        parts = literal.replace(os.sep, "/").split("/")
        prefix = ""
        for i, part in enumerate(parts):  # the part of the path that exists
            step = os.path.join(prefix, part) if prefix else (part or os.sep)
            if not os.path.isdir(step):
                break
            prefix = step
        if ".." in parts[i:]:
            raise TsmvError("%s %s: the folder %s does not exist, so the '..' after it leads nowhere; "
                            "give the path without '..'" % (name, path, step))
        folder = os.path.join(os.path.realpath(prefix or os.curdir), *[p for p in parts[i:] if p not in ("", ".")])
        missing = []
        head = folder
        while head and not os.path.isdir(head):
            missing.append(head)
            head = os.path.dirname(head)
        for level in reversed(missing):
            try:
                os.mkdir(level)
            except FileExistsError:
                if os.path.isdir(level):
                    continue  # made by someone else meanwhile: not ours to remove
                raise TsmvError("%s %s: cannot create the folder %s (a file has that name)"
                                % (name, path, level)) from None
            except OSError as e:
                raise TsmvError("%s %s: cannot create the folder %s (%s)"
                                % (name, path, level, e.strerror or e)) from None
            self._made_dirs.insert(0, level)  # deepest first
        self.log("Created the folder %s for %s" % (folder, name))

    def _name(self, folder, ext):
        self._count += 1
        return os.path.join(folder, "%s%s-%d%s" % (_PREFIX, self._run, self._count, ext))

    def _temp(self, folder, ext):
        path = self._name(folder, ext)
        self._temps += [path, path + ".aux.xml"]  # made now: the cleanup needs no new memory
        return path

    def _file(self, name, suffix=None):
        """Output ``name``'s file (``suffix``: its sidecar) in the real folder of its target."""
        base = os.path.basename(self.targets[name])
        if suffix is not None:
            base = os.path.splitext(base)[0] + suffix
        return os.path.join(self._folders[name], base)

    # --- writers ---------------------------------------------------------------------

    def temporary(self, name, ext=None):
        """A new temporary file beside output ``name``'s target, published onto it on success."""
        target = self.targets[name]
        tmp = self._temp(self._folders[name], ext or os.path.splitext(target)[1])
        self._publish.append((tmp, self._file(name), name, target))
        return tmp

    def sidecar(self, name, text, suffix=".qml"):
        """Write ``text`` as a file beside output ``name`` (its style), published with it."""
        path = os.path.splitext(self.targets[name])[0] + suffix
        self._claim(name, path, style_of=self.targets[name])
        tmp = self._temp(self._folders[name], ".qml")
        write_text(tmp, text, name)
        self._publish.append((tmp, self._file(name, suffix), name, path))

    @classmethod
    def check(cls, inputs=None, rasters=None, tables=None, pages=None):
        """Refuse what a run with these inputs and outputs would refuse before any work (a
        chain's outputs, checked together before its first step), writing nothing: a folder
        made for the check is removed again."""
        cls(inputs, rasters, tables, pages)._cleanup()

    def lineage(self, name):
        """The metadata the raster output ``name`` records: the run's id, ``name`` and the ids of
        the run's inputs, and what those carry: the raw files of the chain, and whether any
        is synthetic (:mod:`tsmv_qgis.io.lineage`)."""
        if self._sources is None:
            read = {}

            def metadata_of(path):  # each input opened once
                if path not in read:
                    read[path] = file_metadata(path)
                return read[path]
            sources = {key: file_id(metadata_of(path)) for key, path in self._inputs.items()
                       if isinstance(path, str) and path.lower().endswith((".tif", ".tiff"))}
            self._sources = {k: v for k, v in sources.items() if v}
            self._carried = carried_metadata(self._inputs, metadata_of, self._described)
        files = {n: p for n, p in self.targets.items() if self.kinds[n] == "raster"}
        return dict(lineage_metadata(self._run_id, name, self._sources, files), **self._carried)

    def wanted(self, name):
        return name in self.targets

    def stack(self, name, grid, labels, **kwargs):
        """A :class:`tsmv_qgis.io.raster.StackWriter` for raster output ``name``."""
        self.claim_styles(name, kwargs.get("extra_styles") or ())
        writer = StackWriter(self, name, grid, labels, **kwargs)
        self._writers.append(writer)
        return writer

    def table(self, name, header, rows):
        """Write the CSV output ``name`` (header and rows)."""
        buffer = io.StringIO()
        table = csv.writer(buffer, lineterminator="\n")
        table.writerow(header)
        table.writerows(rows)
        write_text(self.temporary(name), buffer.getvalue(), name)

    def page(self, name, text):
        """Write the text (HTML) output ``name``."""
        write_text(self.temporary(name), text, name)

    # --- the transaction -------------------------------------------------------------

    def __enter__(self):
        try:  # address space for the cleanup: closing a GeoTIFF compresses what GDAL still holds
            self._reserve = mmap.mmap(-1, CLEANUP_RESERVE)
        except (OSError, ValueError, MemoryError):
            self._reserve = None
        self._scope = Run.current()
        if self._scope is None:
            self._own_scope = self._scope = Run()
            self._own_scope.__enter__()
        self._cache = capped_gdal_cache()
        self._cache.__enter__()
        return self

    def __exit__(self, exc_type, exc, tb):
        error = exc
        try:
            if exc_type is not None:
                raise exc
            _stopped()
            for writer in self._writers:
                writer.finish()
            self._commit()
        except BaseException as e:
            self._cleanup()
            error = OutOfMemory() if isinstance(e, MemoryError) else e
        self._release()
        self._cache.__exit__(None, None, None)
        if self._own_scope is not None:
            try:
                self._own_scope.__exit__(type(error) if error is not None else None, error, None)
            except BaseException as e:  # the signal that stopped the run, or KeyboardInterrupt
                error = e
        if error is not None and error is not exc:
            raise error
        return False

    def _release(self):
        reserve, self._reserve = getattr(self, "_reserve", None), None
        if reserve is not None:
            reserve.close()

    def _plan(self):
        """Every file to publish, checked again before the first rename: [temporary, file,
        output name, path as given]; the GDAL statistics of a raster it replaces go too."""
        plan, seen = [], {}
        for tmp, target, name, path in self._publish:
            lead = "%s %s" % (name, path) if path == self.targets[name] else \
                "%s %s: its style %s" % (name, self.targets[name], path)
            folder = os.path.dirname(target)
            if not os.path.isdir(folder):
                raise TsmvError("%s: the folder %s is gone; nothing was written" % (lead, folder))
            if os.path.isdir(target):
                raise TsmvError("%s is a folder; give another file name; nothing was written" % lead)
            if not os.access(folder, os.W_OK | os.X_OK):
                raise TsmvError("%s: cannot write in the folder %s (Permission denied); nothing was "
                                "written" % (lead, folder))
            key = _key(target)
            if key in seen:
                raise TsmvError("%s and %s are the same file (%s): each output needs its own file name"
                                % (seen[key], name, path))
            seen[key] = name
            if self.kinds[name] == "raster" and path == self.targets[name] and \
                    os.path.lexists(target + ".aux.xml"):  # statistics GDAL kept of the file replaced
                plan.append((None, target + ".aux.xml", name, path))
            plan.append((tmp, target, name, path))
        return plan

    def _commit(self):
        plan = self._plan()
        published = []
        with _critical():
            try:
                for tmp, target, name, path in plan:
                    entry = [target, None, False]
                    published.append(entry)
                    if os.path.lexists(target):
                        entry[1] = self._name(os.path.dirname(target), ".kept")
                        if tmp is None:
                            os.replace(target, entry[1])
                            entry[2] = True
                            continue
                        try:  # the file replaced stays whole under another name until the run ends
                            os.link(target, entry[1], follow_symlinks=False)
                        except OSError:  # no hard links here: moved away instead
                            os.replace(target, entry[1])
                            entry[2] = True
                    os.replace(tmp, target)
                    entry[2] = True
                    self._temps.remove(tmp)
            except OSError as e:
                failure = _rollback(published)
                raise TsmvError("%s %s: cannot move the finished file into place (%s); %s"
                                % (name, path, e.strerror or e,
                                   "no requested file was changed" if failure is None else
                                   "could not put back %s" % failure)) from None
            except BaseException:
                _rollback(published)
                raise
            self._scope.record(published, self._made_dirs)  # a signal now rolls them back
            self._made_dirs = []

    def _cleanup(self):
        """Remove every temporary, then close the writers (closing may need memory GDAL cannot
        get: the files are gone first), then remove what a system that keeps open files left."""
        with _critical(stop=False):  # an error stops the run already
            self._release()
            for tmp in self._temps:
                _remove(tmp)
            for writer in self._writers:
                try:
                    writer.close()
                except BaseException:
                    pass
            for tmp in self._temps:
                _remove(tmp)
            self._temps = []
            for folder in self._made_dirs:
                try:
                    os.rmdir(folder)
                except (OSError, MemoryError):
                    pass
            self._made_dirs = []


def write_text(path, text, name="OUTPUT"):
    """Write ``text`` (UTF-8) to ``path``, or raise a TsmvError naming output ``name``."""
    try:
        with open(path, "w", encoding="utf-8", newline="") as f:
            f.write(text)
    except OSError as e:
        raise TsmvError("%s: cannot write %s (%s)" % (name, path, e.strerror or e)) from None
