"""How one HTTP request is made: a small interface, and its standard-library implementation.

A transport opens one request and does nothing else: no redirects, no cookies, no
credentials of its own (the session decides what each request carries, see session.py).
The QGIS side may supply another transport (e.g. one on QGIS's network stack); it only
has to implement :meth:`Transport.open`.
"""
import http.client
import os
import ssl
import urllib.parse

#: Bytes read at a time from a reply.
CHUNK = 1 << 20
#: Seconds without a byte before a request is given up (a lost connection).
TIMEOUT = 60.0
#: Hosts on which plain http is accepted (tests, a local mirror).
LOOPBACK = ("127.0.0.1", "::1", "localhost")


def is_loopback(url):
    return (urllib.parse.urlsplit(url).hostname or "").lower() in LOOPBACK


class Reply:
    """One HTTP reply: ``status`` (int), ``headers`` (``get(name)``, case-insensitive, and
    ``get_all(name)``), :meth:`chunks` (the body, as bytes-like chunks; b"" while nothing arrives, so
    that the caller can check for a cancel) and :meth:`close`."""

    status = 0
    headers = None

    def chunks(self, size=CHUNK):
        raise NotImplementedError

    def close(self):
        pass


class Transport:
    """Opens requests: ``open(method, url, headers)`` -> :class:`Reply` (the body not read yet);
    an ``OSError`` when the server cannot be reached or the connection breaks.  :meth:`close`
    when the download ends."""

    def open(self, method, url, headers):
        raise NotImplementedError

    def close(self):
        """The download is over: let go of what the transport kept."""


class Proxy:
    """An HTTP proxy (``host``, ``port``; ``excluded``: hosts or host suffixes reached directly).
    A proxy's own login is not supported."""

    def __init__(self, host, port, excluded=()):
        self.host, self.port = host, int(port)
        self.excluded = tuple(e.strip().lower() for e in excluded if e.strip())

    def applies(self, url):
        host = (urllib.parse.urlsplit(url).hostname or "").lower()
        return host not in LOOPBACK and not any(
            host == e.lstrip(".") or host.endswith("." + e.lstrip(".")) for e in self.excluded)


def environment_proxy(environ=None):
    """The proxy of the environment variable https_proxy (or HTTPS_PROXY), without the hosts of
    no_proxy; None when there is none."""
    environ = os.environ if environ is None else environ
    value = environ.get("https_proxy") or environ.get("HTTPS_PROXY")
    if not value:
        return None
    parts = urllib.parse.urlsplit(value if "://" in value else "http://" + value)
    if not parts.hostname:
        return None
    excluded = (environ.get("no_proxy") or environ.get("NO_PROXY") or "").split(",")
    return Proxy(parts.hostname, parts.port or 80, excluded)


class _StdlibReply(Reply):
    def __init__(self, connection, response):
        self._connection, self._response = connection, response
        self.status, self.headers = response.status, response.msg

    def chunks(self, size=CHUNK):
        while True:
            try:
                data = self._response.read1(size)
            except http.client.HTTPException as e:  # a broken chunked stream
                raise OSError(str(e)) from None
            if not data:
                return
            yield data

    def close(self):
        self._response.close()
        self._connection.close()


class StdlibTransport(Transport):
    """http.client, one connection per request, certificates checked against the system's
    (``context``: another ssl.SSLContext); through ``proxy`` (:class:`Proxy`), else through the
    environment's (:func:`environment_proxy`), if any."""

    def __init__(self, proxy=None, timeout=TIMEOUT, context=None):
        self.proxy, self.timeout = proxy if proxy is not None else environment_proxy(), timeout
        self.context = context or ssl.create_default_context()

    def open(self, method, url, headers):
        parts = urllib.parse.urlsplit(url)
        target = urllib.parse.urlunsplit(("", "", parts.path or "/", parts.query, ""))
        via = self.proxy if self.proxy is not None and self.proxy.applies(url) else None
        port = parts.port or (443 if parts.scheme == "https" else 80)
        if parts.scheme == "https":  # B309 is about Pythons before 3.4.3; the context checks certificates
            if via is None:
                connection = http.client.HTTPSConnection(  # nosec B309
                    parts.hostname, port, timeout=self.timeout, context=self.context)
            else:
                connection = http.client.HTTPSConnection(  # nosec B309
                    via.host, via.port, timeout=self.timeout, context=self.context)
                connection.set_tunnel(parts.hostname, port)
        elif parts.scheme == "http":
            if via is None:
                connection = http.client.HTTPConnection(parts.hostname, port, timeout=self.timeout)
            else:  # a plain request goes to the proxy whole
                connection = http.client.HTTPConnection(via.host, via.port, timeout=self.timeout)
                target = url
        else:
            raise OSError("unsupported URL scheme %r" % parts.scheme)
        try:
            connection.request(method, target, headers=headers)
            return _StdlibReply(connection, connection.getresponse())
        except BaseException:
            connection.close()
            raise
