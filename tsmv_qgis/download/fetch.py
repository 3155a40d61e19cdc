"""Download a product's files into a folder: each file whole or absent, resumable, with a manifest.

One file at a time (the archives limit parallel connections).  Each file is streamed to a
temporary name unique to the run in the folder, checked (size, checksum where the archive
gives one, the first bytes as the expected format, a gzip stream in full) and only then
renamed to its archive name.  A file already there and complete is not fetched again.

* an HTML page instead of data (Earthdata Login's answer when the archive's application is
  not approved), 401 (credentials rejected) and 403 (approval or licence) stop the run: every
  later file would fail the same way;
* 429 and 503 (and other 5xx) wait (Retry-After, bounded) and try again;
* a short transfer, a broken connection or a wrong checksum try again, then the file
  fails: it is named in the manifest (status ``failed: ...``) and the run goes on; a second
  run fetches it;
* a cancel, a signal or an error leave complete files only (the temporary is removed).

The manifest (CSV: file, url, bytes, checksum, status) is written whole when the run ends.
"""
import email.utils
import gzip
import hashlib
import os
import time
from dataclasses import dataclass, field

from ..errors import TsmvError, named
from ..io.outputs import Outputs, remove_stale_temporaries, temporary_name
from ..progress import as_log, as_progress
from ..threads import Behind
from . import sources
from .credentials import find_credentials
from .session import Session
from .transport import CHUNK

MANIFEST_HEADER = ("file", "url", "bytes", "checksum", "status")
#: Tries per file (a short transfer, a broken connection, a wrong checksum, 429/503).
ATTEMPTS = 4
#: The longest wait (seconds) a Retry-After is obeyed for.
MAX_WAIT = 300.0

#: The first bytes of each format, by file extension.
HDF5 = (b"\x89HDF\r\n\x1a\n",)
FORMATS = {".nc4": ("netCDF-4/HDF5", HDF5), ".h5": ("HDF5", HDF5),
           ".nc": ("netCDF", HDF5 + (b"CDF\x01", b"CDF\x02")), ".hdf": ("HDF4", (b"\x0e\x03\x13\x01",)),
           ".gz": ("gzip", (b"\x1f\x8b",)), ".tif": ("GeoTIFF", (b"II*\x00", b"MM\x00*")),
           ".tiff": ("GeoTIFF", (b"II*\x00", b"MM\x00*"))}
#: hashlib's names of the checksum algorithms UMM-G gives.
ALGORITHMS = {"MD5": "md5", "SHA-1": "sha1", "SHA1": "sha1", "SHA-256": "sha256", "SHA256": "sha256",
              "SHA-512": "sha512", "SHA512": "sha512"}
#: Files in a row whose server cannot be reached before the run stops (the network is down).
UNREACHABLE = 3
#: What to run on each product's folder.
NEXT = {"gldas10": "tsmv:importgldas", "gldas025": "tsmv:importgldas", "fldas": "tsmv:importsoilmoisture",
        "mcd12c1": "tsmv:landcover", "gosif_monthly": "tsmv:gpp", "gosif_8day": "tsmv:gpp"}


@dataclass
class DownloadResult:
    folder: str
    rows: list = field(default_factory=list)  # the manifest's rows
    downloaded: int = 0
    present: int = 0
    skipped: int = 0
    failed: int = 0
    bytes: int = 0
    seconds: float = 0.0


class _Again(Exception):
    """This try failed in a way another try may not: ``reason``, the seconds to wait, and
    whether the server could not be reached at all."""

    def __init__(self, reason, wait=None, unreachable=False):
        super().__init__(reason)
        self.wait, self.unreachable = wait, unreachable


class _Failed(Exception):
    """This file cannot be had now (``reason``); the run goes on."""

    def __init__(self, reason, unreachable=False):
        super().__init__(reason)
        self.unreachable = unreachable


def _algorithm(remote):
    if remote.checksum and remote.checksum[0].upper() in ALGORITHMS:
        return remote.checksum[0].upper(), ALGORITHMS[remote.checksum[0].upper()]
    return "SHA-256", "sha256"


def _hasher(name):
    return hashlib.new(name, usedforsecurity=False)


def _format(name):
    return FORMATS.get(os.path.splitext(name)[1].lower())


def _looks_like_html(head):
    start = head.lstrip()[:15].lower()
    return start.startswith((b"<!doctype", b"<html", b"<?xml", b"<head", b"<body"))


def _gzip_whole(path):
    """True if the gzip file is one complete stream (its CRC and length check out)."""
    try:
        with gzip.open(path, "rb") as f:
            while f.read(CHUNK):
                pass
        return True
    except (OSError, EOFError):
        return False


def _digest(path, algorithm):
    h = _hasher(algorithm)
    with open(path, "rb") as f:
        for block in iter(lambda: f.read(CHUNK), b""):
            h.update(block)
    return h.hexdigest()


def _complete(path, remote):
    """The checksum text of ``path`` if it holds the whole of ``remote``, else None."""
    if not os.path.isfile(path):
        return None
    if remote.size is not None and os.path.getsize(path) != remote.size:
        return None
    label, algorithm = _algorithm(remote)
    digest = _digest(path, algorithm)
    if remote.checksum and remote.checksum[0].upper() in ALGORITHMS:
        return "%s:%s" % (label, digest) if digest == remote.checksum[1] else None
    kind = _format(remote.name)
    with open(path, "rb") as f:
        head = f.read(16)
    if kind and not head.startswith(kind[1]) or remote.name.endswith(".gz") and not _gzip_whole(path):
        return None
    return "%s:%s" % (label, digest)


def _retry_after(reply, attempt, max_wait):
    value = (reply.headers.get("Retry-After") or "").strip()
    try:
        seconds = float(value)
    except ValueError:
        try:
            seconds = email.utils.parsedate_to_datetime(value).timestamp() - time.time()
        except (TypeError, ValueError, IndexError):
            seconds = 2.0 ** attempt
    return min(max(seconds, 0.0), max_wait)


def _mb(n):
    return "%.1f MB" % (n / 1e6)


class _Downloader:
    def __init__(self, session, folder, progress, log, sleep, attempts, max_wait):
        self.session, self.folder = session, folder
        self.progress, self.log, self.sleep = progress, log, sleep
        self.attempts, self.max_wait = attempts, max_wait

    # --- refusals that stop the run ------------------------------------------------------

    def _approve(self, remote):
        return ("log in at urs.earthdata.nasa.gov and approve '%s' (Applications > Authorized Apps, "
                "accepting its licence), then run again" % remote.application)

    def _html(self, remote):
        if remote.application:
            return TsmvError("%s: the server sent a web page instead of the file, which Earthdata Login "
                             "does when the archive's application is not approved: %s"
                             % (remote.name, self._approve(remote)))
        return TsmvError("%s: the server sent a web page instead of the file; check ⟨gosif_url⟩ (%s)"
                         % (remote.name, remote.url.split("?")[0]))

    def _unauthorized(self, remote):
        credentials = self.session.credentials
        if not credentials:
            return TsmvError("%s: the archive asks for an Earthdata Login (HTTP 401) and none was given: "
                             "choose an AUTH configuration (Basic: your Earthdata username and password), "
                             "or set EARTHDATA_TOKEN, or EARTHDATA_USERNAME and EARTHDATA_PASSWORD, or add "
                             "'machine urs.earthdata.nasa.gov login ... password ...' to ~/.netrc" % remote.name)
        if credentials.token:
            return TsmvError("%s: the archive rejected the Earthdata token (from %s; HTTP 401): tokens expire "
                             "after 60 days; make a new one at urs.earthdata.nasa.gov (Generate Token)"
                             % (remote.name, credentials.source))
        return TsmvError("%s: Earthdata Login rejected the username and password (from %s; HTTP 401): "
                         "check them by logging in at urs.earthdata.nasa.gov" % (remote.name, credentials.source))

    def _forbidden(self, remote):
        if remote.application:
            return TsmvError("%s: the archive refused the file (HTTP 403), which it does when the "
                             "application is not approved or its licence not accepted: %s"
                             % (remote.name, self._approve(remote)))
        return TsmvError("%s: the server refused the file (HTTP 403; the GOSIF server refuses some "
                         "cloud and proxy addresses); try from another network" % remote.name)

    # --- one try -------------------------------------------------------------------------

    def _try(self, remote, tmp, report, attempt):
        """Fetch ``remote`` into ``tmp`` once; its checksum text.  Raises _Again, _Failed or a
        TsmvError (stop)."""
        try:
            reply, _ = self.session.open(remote.url)
        except OSError as e:
            raise _Again("cannot connect (%s)" % e, unreachable=True) from None
        try:
            status = reply.status
            if status == 401:
                raise self._unauthorized(remote)
            if status == 403:
                raise self._forbidden(remote)
            if status in (429, 500, 502, 503, 504):
                raise _Again("the server is busy (HTTP %d)" % status, _retry_after(reply, attempt, self.max_wait))
            if status == 404:
                raise _Failed("not on the server (HTTP 404)")
            if status != 200:
                raise _Failed("the server answered HTTP %d" % status)
            if "html" in (reply.headers.get("Content-Type") or "").lower():
                raise self._html(remote)
            length = reply.headers.get("Content-Length")
            expected = remote.size if remote.size is not None else int(length) if length and length.isdigit() else None
            label, algorithm = _algorithm(remote)
            h, got, head = _hasher(algorithm), 0, b""
            # The checksum on a thread of its own while the socket is read and the file written
            # (hashlib lets go of the GIL for buffers over 2 KB); at most 4 chunks wait for it,
            # so memory stays flat whatever the file's size.
            with self._create(tmp) as f, Behind(depth=4) as hashing:
                for chunk in reply.chunks():
                    if len(head) < 16:
                        head += chunk[:16]
                        if _looks_like_html(head):
                            raise self._html(remote)
                    hashing.submit(h.update, chunk)
                    self._write(f, chunk)
                    got += len(chunk)
                    report(got, expected)  # checks for cancel
            digest = h.hexdigest()
        except OSError as e:
            raise _Again("the connection broke (%s)" % (e.strerror or e)) from None
        finally:
            reply.close()
        return self._check(remote, tmp, head, got, expected, label, digest)

    def _create(self, tmp):
        try:
            return open(tmp, "wb")
        except OSError as e:
            raise TsmvError("⟨folder⟩ %s: cannot write in it (%s)" % (self.folder, e.strerror or e)) from None

    def _write(self, f, chunk):
        """Write a chunk; a full disk is not a broken connection: it stops the run."""
        try:
            f.write(chunk)
        except OSError as e:
            raise TsmvError("⟨folder⟩ %s: cannot write (%s); the complete files are kept"
                            % (self.folder, e.strerror or e)) from None

    def _check(self, remote, tmp, head, got, expected, label, digest):
        if expected is not None and got != expected:
            raise _Again("short transfer: %d of %d bytes" % (got, expected))
        kind = _format(remote.name)
        if kind and not head.startswith(kind[1]):
            raise _Failed("not a %s file (it starts with %r)" % (kind[0], head[:8]))
        if remote.checksum and remote.checksum[0].upper() in ALGORITHMS and digest != remote.checksum[1]:
            raise _Again("wrong %s checksum (the archive gives %s, the file has %s)"
                         % (label, remote.checksum[1], digest))
        if remote.name.endswith(".gz") and not _gzip_whole(tmp):
            raise _Again("the gzip stream is cut short or corrupt")
        return "%s:%s" % (label, digest)

    def _wait(self, seconds):
        """Wait ``seconds``, half a second at a time, checking for cancel."""
        while seconds > 0:
            self.progress.check()
            step = min(seconds, 0.5)
            self.sleep(step)
            seconds -= step

    # --- one file ------------------------------------------------------------------------

    def fetch(self, remote, report):
        """(status, bytes, checksum text) of one file: "downloaded" or "present"; _Failed."""
        target = os.path.join(self.folder, remote.name)
        present = _complete(target, remote)
        if present:
            return "present", os.path.getsize(target), present
        if remote.application:
            self.session.allow_token(remote.url)
        last = None
        for attempt in range(1, self.attempts + 1):
            if last is not None:
                self.log("%s: %s; trying again (%d of %d)" % (remote.name, last, attempt, self.attempts))
                self._wait(last.wait if last.wait is not None else min(2.0 ** (attempt - 2), self.max_wait))
            tmp = temporary_name(self.folder, ".part")
            try:
                checksum = self._try(remote, tmp, report, attempt)
                os.replace(tmp, target)
                return "downloaded", os.path.getsize(target), checksum
            except _Again as e:
                last = e
            finally:
                try:
                    os.remove(tmp)
                except FileNotFoundError:
                    pass
        raise _Failed("%s after %d tries" % (last, self.attempts), last.unreachable)


def _product(product):
    if isinstance(product, sources.Product):
        return product
    if isinstance(product, int):
        return sources.PRODUCTS[product]
    for p in sources.PRODUCTS:
        if p.key == product:
            return p
    raise TsmvError("⟨product⟩ %r is not one of %s" % (product, ", ".join(p.key for p in sources.PRODUCTS)))


def list_files(session, product, start_year, end_year, cmr_url=sources.CMR_URL, gosif_url=sources.GOSIF_URL,
               versions=None, page_size=sources.PAGE_SIZE):
    """([Remote], [Skipped]) of ``product`` for START..END."""
    if product.cadence:
        return sources.gosif_files(product, start_year, end_year, gosif_url)
    return sources.nasa_files(session, product, start_year, end_year, cmr_url, versions, page_size), []


def download(product, start_year, end_year, folder, manifest=None, credentials=None, transport=None,
             cmr_url=sources.CMR_URL, gosif_url=sources.GOSIF_URL, versions=None, progress=None, log=None,
             sleep=time.sleep, attempts=ATTEMPTS, max_wait=MAX_WAIT, page_size=sources.PAGE_SIZE, environ=None):
    """Download ``product`` (a :class:`~.sources.Product`, its key such as "gldas10", or its
    index in :data:`~.sources.PRODUCTS`) for START_YEAR..END_YEAR into ``folder``; the CSV
    ``manifest`` (optional) lists every file.  ``credentials``: a :class:`~.credentials.Credentials`
    (else found as :func:`~.credentials.find_credentials` says); ``transport``: how requests are
    made (else the standard library's); ``versions``: the GLDAS versions by year
    (:data:`~.sources.GLDAS_VERSIONS`).  Returns a :class:`DownloadResult`."""
    product = _product(product)
    progress, log = as_progress(progress), as_log(log)
    if start_year > end_year:
        raise TsmvError("⟨start_year⟩ %d is after ⟨end_year⟩ %d" % (start_year, end_year))
    folder = os.path.abspath(str(folder))
    if os.path.exists(folder) and not os.path.isdir(folder):
        raise TsmvError("⟨folder⟩ %s is a file, not a folder" % folder)
    credentials = credentials if credentials is not None else find_credentials(environ=environ)
    session = Session(credentials, transport, environ)
    try:
        result = _download(session, product, start_year, end_year, folder, manifest, cmr_url, gosif_url, versions,
                           progress, log, sleep, attempts, max_wait, page_size)
    finally:
        session.transport.close()
    log(summary(result, product))
    return result


def _download(session, product, start_year, end_year, folder, manifest, cmr_url, gosif_url, versions, progress,
              log, sleep, attempts, max_wait, page_size):
    credentials = session.credentials
    started = time.monotonic()
    with Outputs(tables={named("manifest"): manifest} if manifest else None, log=log) as out:
        try:
            os.makedirs(folder, exist_ok=True)
        except OSError as e:
            raise TsmvError("⟨folder⟩ %s: cannot create the folder (%s)" % (folder, e.strerror or e)) from None
        remove_stale_temporaries(folder)
        if not product.cadence:
            log("%s: listing the files with CMR (%s); Earthdata credentials: %s"
                % (product.title, cmr_url, "%s from %s" % (("token" if credentials.token else "username and password"),
                                                             credentials.source) if credentials else "none"))
        files, skipped = list_files(session, product, start_year, end_year, cmr_url, gosif_url, versions, page_size)
        result = DownloadResult(folder)
        for item in skipped:
            log("%s: skipped, %s" % (item.name, item.note))
            result.rows.append((item.name, "", "", "", "skipped: " + item.note))
            result.skipped += 1
        known = all(f.size is not None for f in files)
        weights = [f.size if known else 1 for f in files]
        total, done = float(sum(weights) or 1), 0.0
        log("%d files to get into %s%s" % (len(files), folder, " (%s)" % _mb(sum(weights)) if known and files else ""))
        downloader = _Downloader(session, folder, progress, log, sleep, attempts, max_wait)
        transferred, unreachable = 0, 0
        for i, remote in enumerate(files):
            weight = weights[i]

            def report(got, expected, done=done, weight=weight):
                share = min(got / expected, 1.0) if expected else 0.0
                progress.set((done + weight * share) / total)
            begun = time.monotonic()
            try:
                status, size, checksum = downloader.fetch(remote, report)
            except _Failed as e:
                unreachable = unreachable + 1 if e.unreachable else 0
                if unreachable == UNREACHABLE:
                    raise TsmvError("%s: cannot reach the archive (%s) for %d files in a row; check the network "
                                    "(and the proxy), then run again: the %d complete files are kept"
                                    % (remote.name, e, UNREACHABLE, result.downloaded + result.present)) from None
                log.warn("%s: failed, %s" % (remote.name, e))
                result.rows.append((remote.name, remote.url, "", "", "failed: %s" % e))
                result.failed += 1
            else:
                unreachable = 0
                result.rows.append((remote.name, remote.url, size, checksum, status))
                if status == "present":
                    result.present += 1
                    log("[%d/%d] %s: already complete" % (i + 1, len(files), remote.name))
                else:
                    result.downloaded += 1
                    transferred += size
                    seconds = time.monotonic() - begun
                    left = (time.monotonic() - started) / (done + weight) * (total - done - weight)
                    log("[%d/%d] %s: %s in %.1f s (%.1f MB/s); about %s left"
                        % (i + 1, len(files), remote.name, _mb(size), seconds, size / 1e6 / max(seconds, 1e-6),
                           _duration(left)))
            done += weight
            progress.set(done / total)
        result.bytes = transferred
        result.seconds = time.monotonic() - started
        if manifest:
            out.table(named("manifest"), MANIFEST_HEADER, result.rows)
    return result


def _duration(seconds):
    if seconds < 90:
        return "%d s" % round(seconds)
    if seconds < 5400:
        return "%d min" % round(seconds / 60)
    return "%.1f h" % (seconds / 3600)


def summary(result, product):
    """The run in one paragraph: files, bytes, time, skipped, failed, and what to run next."""
    text = ("Downloaded %d files (%s) in %s; %d already complete, %d skipped, %d failed."
            % (result.downloaded, _mb(result.bytes), _duration(result.seconds), result.present,
               result.skipped, result.failed))
    if result.failed:
        text += " Run again to fetch the failed files (complete files are not fetched again)."
    return text + " Next: %s with the folder %s." % (NEXT[product.key], result.folder)

