"""All the files one run writes, whole or not at all.

:class:`Outputs` is the run's transaction, as GDAL's own utilities behave:

* Before any work, every requested path is checked: a GDAL virtual path
  (``/vsimem/...``), a wrong extension, two outputs on one file (after
  resolving links, ``.qml`` sidecars included), an output on an input, or an
  output that is a folder is refused, naming the parameter.  A missing output
  folder is created (and removed again if the run fails); a folder where no
  file can be created is refused.
* Every file is written under a temporary name unique to the run
  (``.tsmv-<host>-<pid>-<random>-<n>.<ext>``, short enough for a 250-character
  output name) in the folder of its target.  Writers check every write and
  re-open what they wrote (:mod:`tsmv_qgis.raster`).
* Only when every file is complete are they all renamed into place
  (``os.replace``, atomic per file: a concurrent run of the same outputs
  leaves one run's complete file).  On any error, cancel or SIGTERM every
  temporary is removed and no requested file is created or changed.
* While the run works, GDAL's block cache is capped
  (:data:`tsmv_qgis.raster.GDAL_CACHE_BYTES`) and restored afterwards, so
  memory does not grow with the inputs.
* Temporaries of earlier runs on this machine whose process is gone (killed
  with SIGKILL, or a crash) are removed by the next run writing to the same
  folder.
"""
import csv
import io
import os
import re
import secrets
import signal
import socket
import threading
import zlib

from .errors import Terminated, TsmvError
from .progress import as_log
from .lineage import lineage_metadata, new_run
from .raster import StackWriter, capped_gdal_cache, recorded_id

#: What each kind of output may be called.
EXTENSIONS = {"raster": (".tif", ".tiff"), "table": (".csv",), "page": (".html", ".htm")}

_PREFIX = ".tsmv-"
_HOST = "%04x" % (zlib.crc32(socket.gethostname().encode()) & 0xFFFF)
_TEMP = re.compile(r"^\.tsmv-(?P<host>[0-9a-f]{4})-(?P<pid>\d+)-[0-9a-f]+-\d+\.")


def _key(path):
    """A file's identity after resolving links: (device, inode) if it exists, else its real path."""
    try:
        st = os.stat(path)
        return ("inode", st.st_dev, st.st_ino)
    except OSError:
        return ("path", os.path.normcase(os.path.realpath(path)))


def sidecars(path):
    """The style files written beside a raster output."""
    return [os.path.splitext(path)[0] + ".qml"]


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


def remove_stale_temporaries(folder):
    """Remove this machine's TSMV temporaries in ``folder`` whose process is gone."""
    try:
        names = os.listdir(folder)
    except OSError:
        return []
    removed = []
    for name in names:
        m = _TEMP.match(name)
        if m and m.group("host") == _HOST and not _alive(int(m.group("pid"))):
            try:
                os.remove(os.path.join(folder, name))
                removed.append(name)
            except OSError:
                pass
    return removed


class Outputs:
    """The outputs of one run: checked first, written to temporaries, published together.

    ``inputs`` maps parameter names to the files the run reads (a path or a list
    of paths); ``rasters``, ``tables`` and ``pages`` map output parameter names
    to paths (None: not wanted).  Writers are made with :meth:`stack`,
    :meth:`table` and :meth:`page`.

    >>> with Outputs({"INPUT": src}, rasters={"OUTPUT": dst}) as out:
    ...     writer = out.stack("OUTPUT", grid, labels)
    """

    def __init__(self, inputs=None, rasters=None, tables=None, pages=None, log=None):
        self.log = as_log(log)
        self.targets = {}
        self.kinds = {}
        for kind, paths in (("raster", rasters), ("table", tables), ("page", pages)):
            for name, path in (paths or {}).items():
                if path:
                    self.targets[name] = str(path)
                    self.kinds[name] = kind
        self._check(inputs or {})
        self._inputs, self._sources, self._run_id = dict(inputs or {}), None, new_run()
        self._run = "%s-%d-%04x" % (_HOST, os.getpid(), secrets.randbits(16))
        self._count = 0
        self._temps = []  # every temporary made, removed unless published
        self._publish = []  # (temporary, target) in order
        self._writers = []
        self._made_dirs = []
        self._previous_handler = None
        self._busy = self._signalled = False
        self._prepare_folders()

    # --- before any work -------------------------------------------------------------

    def _check(self, inputs):
        reads = {}
        for name, paths in inputs.items():
            for path in ([paths] if isinstance(paths, str) else paths or []):
                reads.setdefault(_key(path), (name, path))
        seen = {}
        for name, path in self.targets.items():
            kind = self.kinds[name]
            if path.startswith("/vsi"):
                raise TsmvError("%s %s: GDAL virtual paths cannot be outputs; give a file on disk"
                                % (name, path))
            if not path.lower().endswith(EXTENSIONS[kind]):
                raise TsmvError("%s %s: a %s output must end in %s"
                                % (name, path, {"raster": "raster", "table": "CSV", "page": "report"}[kind],
                                   " or ".join(EXTENSIONS[kind])))
            if os.path.isdir(path):
                raise TsmvError("%s %s is a folder; give a file name" % (name, path))
            files = [path] + (sidecars(path) if kind == "raster" else [])
            for i, f in enumerate(files):
                key = _key(f)
                if key in reads:
                    raise TsmvError("%s %s is the input %s (%s): an output never replaces an input; "
                                    "choose another file name" % (name, f, reads[key][0], reads[key][1]))
                if key in seen:
                    other = seen[key]
                    raise TsmvError("%s and %s are the same file (%s): each output needs its own file name"
                                    % (other, name, f if i == 0 else "%s, the style of %s" % (f, path)))
                seen[key] = name

    def _prepare_folders(self):
        for name, path in self.targets.items():
            folder = os.path.dirname(os.path.abspath(path))
            if not os.path.isdir(folder):
                missing = []
                head = folder
                while head and not os.path.isdir(head):
                    missing.append(head)
                    head = os.path.dirname(head)
                for level in reversed(missing):  # one level at a time: another run may make it too
                    try:
                        os.mkdir(level)
                    except FileExistsError:
                        if os.path.isdir(level):
                            continue  # made by someone else meanwhile: not ours to remove
                        self._cleanup()
                        raise TsmvError("%s %s: cannot create the folder %s (a file has that name)"
                                        % (name, path, level)) from None
                    except OSError as e:
                        self._cleanup()
                        raise TsmvError("%s %s: cannot create the folder %s (%s)"
                                        % (name, path, level, e.strerror or e)) from None
                    self._made_dirs.insert(0, level)  # deepest first
                self.log("Created the folder %s for %s" % (folder, name))
            remove_stale_temporaries(folder)
            probe = self._temp(folder, ".probe")
            try:
                with open(probe, "wb"):
                    pass
            except OSError as e:
                self._cleanup()
                raise TsmvError("%s %s: cannot write in the folder %s (%s)"
                                % (name, path, folder, e.strerror or e)) from None
            os.remove(probe)
            self._temps.remove(probe)

    def _temp(self, folder, ext):
        self._count += 1
        path = os.path.join(folder, "%s%s-%d%s" % (_PREFIX, self._run, self._count, ext))
        self._temps.append(path)
        return path

    # --- writers ---------------------------------------------------------------------

    def temporary(self, name, ext=None):
        """A new temporary file beside output ``name``'s target, published onto it on success."""
        target = self.targets[name]
        tmp = self._temp(os.path.dirname(os.path.abspath(target)), ext or os.path.splitext(target)[1])
        self._publish.append((tmp, target))
        return tmp

    def sidecar(self, name, text, suffix=".qml"):
        """Write ``text`` as a file beside output ``name`` (its style), published with it."""
        target = os.path.splitext(self.targets[name])[0] + suffix
        tmp = self._temp(os.path.dirname(os.path.abspath(target)), ".qml")
        write_text(tmp, text, name)
        self._publish.append((tmp, target))

    def lineage(self, name):
        """The metadata the raster output ``name`` records: the run's id, ``name`` and the ids of
        the run's inputs (:mod:`tsmv_qgis.lineage`)."""
        if self._sources is None:
            sources = {key: recorded_id(path) for key, path in self._inputs.items() if isinstance(path, str)}
            self._sources = {k: v for k, v in sources.items() if v}
        return lineage_metadata(self._run_id, name, self._sources)

    def wanted(self, name):
        return name in self.targets

    def stack(self, name, grid, labels, **kwargs):
        """A :class:`tsmv_qgis.raster.StackWriter` for raster output ``name``."""
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
        self._cache = capped_gdal_cache()
        self._cache.__enter__()
        if threading.current_thread() is threading.main_thread():
            try:
                if signal.getsignal(signal.SIGTERM) == signal.SIG_DFL:
                    self._previous_handler = signal.signal(signal.SIGTERM, self._on_sigterm)
            except (ValueError, OSError, AttributeError):  # not allowed here: stale temps are cleaned later
                self._previous_handler = None
        return self

    def _on_sigterm(self, signum, frame):
        if self._busy:  # publishing or cleaning up: finish that, then stop
            self._signalled = True
        else:
            raise Terminated()

    def __exit__(self, exc_type, exc, tb):
        try:
            if exc_type is None:
                try:
                    for writer in self._writers:
                        writer.finish()
                    self._busy = True
                    self._commit()
                except BaseException:
                    self._cleanup()
                    raise
            else:
                self._cleanup()
        finally:
            self._cache.__exit__(exc_type, exc, tb)
            if self._previous_handler is not None:
                signal.signal(signal.SIGTERM, self._previous_handler)
                self._previous_handler = None
                if self._signalled:
                    os.kill(os.getpid(), signal.SIGTERM)
        return False

    def _commit(self):
        for tmp, target in self._publish:
            try:
                os.replace(tmp, target)
            except OSError as e:
                raise TsmvError("%s: cannot move the finished file into place (%s)"
                                % (target, e.strerror or e)) from None
            self._temps.remove(tmp)
            stale = target + ".aux.xml"  # statistics GDAL kept of the file this one replaces
            if os.path.exists(stale):
                os.remove(stale)

    def _cleanup(self):
        self._busy = True
        for writer in self._writers:
            writer.close()
        for tmp in self._temps + [t + ".aux.xml" for t in self._temps]:
            try:
                os.remove(tmp)
            except OSError:
                pass
        self._temps = []
        for folder in self._made_dirs:
            try:
                os.rmdir(folder)
            except OSError:
                pass


def write_text(path, text, name="OUTPUT"):
    """Write ``text`` (UTF-8) to ``path``, or raise a TsmvError naming output ``name``."""
    try:
        with open(path, "w", encoding="utf-8", newline="") as f:
            f.write(text)
    except OSError as e:
        raise TsmvError("%s: cannot write %s (%s)" % (name, path, e.strerror or e)) from None
