"""A transport for :mod:`tsmv_qgis.download` on QGIS's own network stack.

Each request goes through ``QgsNetworkAccessManager`` (the one of the running thread), so it
takes QGIS's proxy (Settings > Options > Network: HTTP, SOCKS, the system's, exclusions), its
SSL settings and its network timeout.  It is not ``QgsBlockingNetworkRequest``: that class
keeps the whole reply in memory (an MCD12C1 file is 1.2 GB) and sends an authentication
configuration to every host a redirect leads to.  Here:

* the reply is read as it arrives, at most :data:`BUFFER` bytes held at once (Qt stops
  reading the socket while the buffer is full), so a file streams to disk;
* redirects and cookies are left to the download's session (``ManualRedirectPolicy``, cookies
  neither loaded nor saved by Qt, no cache), which decides which host gets which credential.

The calling thread processes its events while it waits, as QgsBlockingNetworkRequest does.
"""
from qgis.core import QgsNetworkAccessManager
from qgis.PyQt.QtCore import QCoreApplication, QEvent, QEventLoop, QTimer, QUrl
from qgis.PyQt.QtNetwork import QNetworkReply, QNetworkRequest

from ..tsmv_qgis.download.transport import CHUNK, Reply, Transport

#: Bytes of a reply Qt holds before it stops reading the socket.
BUFFER = 4 * CHUNK
#: Milliseconds a stalled transfer waits before the caller may check for a cancel.
TICK = 500


class Headers:
    """A reply's headers: ``get(name)`` (case-insensitive), ``get_all(name)`` (every value)."""

    def __init__(self, pairs):
        self._pairs = [(bytes(k).decode("latin-1"), bytes(v).decode("latin-1")) for k, v in pairs]

    def get_all(self, name):
        values = [v for k, v in self._pairs if k.lower() == name.lower()]
        return [part for v in values for part in v.split("\n")] or None  # Qt joins Set-Cookie with \n

    def get(self, name, default=None):
        values = self.get_all(name)
        return values[0] if values else default


class QgisReply(Reply):
    """The reply read as it arrives.  This thread waits for its own events (data arriving, the
    reply ending, a tick every :data:`TICK` ms) with no signal of the reply connected: a PyQt
    connection keeps a wrapper of the reply alive, and a wrapper that outlives its reply comes
    back, dead, for the next reply Qt puts at the same address."""

    def __init__(self, reply, finished):
        self._reply, self._finished = reply, finished
        self._tick = QTimer()  # its events wake the wait
        self._tick.start(TICK)
        while not reply.isFinished() and reply.attribute(QNetworkRequest.Attribute.HttpStatusCodeAttribute) is None:
            _wait()
        status = reply.attribute(QNetworkRequest.Attribute.HttpStatusCodeAttribute)
        if status is None:  # no HTTP answer at all: the connection failed
            message = reply.errorString()
            self.close()
            raise OSError(message)
        self.status = int(status)
        self.headers = Headers(reply.rawHeaderPairs())

    def chunks(self, size=CHUNK):
        """What has arrived, at most ``size`` bytes at a time, as soon as it arrives, and b""
        when nothing came for a tick (so that a slow or stalled transfer hears a cancel); an
        OSError if the transfer breaks."""
        while True:
            if self._reply.bytesAvailable() > 0:
                yield memoryview(self._reply.read(size))  # the QByteArray's bytes, not copied again
            elif self._reply.isFinished():
                if _broken(self._reply):
                    raise OSError(self._reply.errorString())
                return
            else:
                _wait()
                if not self._reply.bytesAvailable() and not self._reply.isFinished():
                    yield b""

    def close(self):
        """Stop the transfer; the transport deletes the reply when the download ends (see
        :class:`QgisTransport`)."""
        if self._reply is None:
            return
        self._tick.stop()
        if not self._reply.isFinished() and self._reply.error() == QNetworkReply.NetworkError.NoError:
            self._reply.abort()  # (a reply with an error, such as an HTTP 404, ends by itself)
        self._finished.append(self._reply)
        self._reply = self._tick = None


def _wait():
    """Process this thread's events, waiting for the next one (user input is left for later)."""
    QCoreApplication.processEvents(QEventLoop.ProcessEventsFlag.WaitForMoreEvents
                                   | QEventLoop.ProcessEventsFlag.ExcludeUserInputEvents)


def _broken(reply):
    """True when the transfer itself failed (a lost connection, a timeout), not when the server
    answered an HTTP error status (the session reads the status)."""
    code = int(getattr(reply.error(), "value", reply.error()))  # an int in PyQt5, an enum in PyQt6
    return 0 < code < int(getattr(QNetworkReply.NetworkError.ContentAccessDenied, "value",
                                  QNetworkReply.NetworkError.ContentAccessDenied))  # network and proxy errors


class QgisTransport(Transport):
    """Requests through QGIS's network access manager (see the module).

    Replies are deleted when the download ends (:meth:`close`), not one by one: PyQt may still
    hold a wrapper of a reply Qt deleted, and the next reply Qt puts at the same address then
    comes back as that dead wrapper ("wrapped C/C++ object of type QNetworkReply has been
    deleted").  A finished reply holds its headers only (the data were read): about 28 KB, so
    the 924 files of GLDAS-Noah 1948-2024 keep about 26 MB until the end."""

    def __init__(self):
        self._finished = []

    def open(self, method, url, headers):
        request = QNetworkRequest(QUrl(url))
        for name, value in headers.items():
            request.setRawHeader(name.encode("latin-1"), value.encode("latin-1"))
        request.setAttribute(QNetworkRequest.Attribute.RedirectPolicyAttribute,
                             QNetworkRequest.RedirectPolicy.ManualRedirectPolicy)
        request.setAttribute(QNetworkRequest.Attribute.CookieLoadControlAttribute, QNetworkRequest.LoadControl.Manual)
        request.setAttribute(QNetworkRequest.Attribute.CookieSaveControlAttribute, QNetworkRequest.LoadControl.Manual)
        request.setAttribute(QNetworkRequest.Attribute.CacheLoadControlAttribute,
                             QNetworkRequest.CacheLoadControl.AlwaysNetwork)
        request.setAttribute(QNetworkRequest.Attribute.CacheSaveControlAttribute, False)
        reply = QgsNetworkAccessManager.instance().get(request)
        reply.setReadBufferSize(BUFFER)
        return QgisReply(reply, self._finished)

    def close(self):
        """Delete the finished replies, in this thread, once Python holds no wrapper of them."""
        for reply in self._finished:
            reply.deleteLater()
        del self._finished[:]
        QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
