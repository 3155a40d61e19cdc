"""Requests with the right credential to the right host, through Earthdata Login's redirects.

Who gets what (hosts are compared as ``host:port``):

* a bearer token goes only to the hosts of the links CMR gave (the data hosts), never to
  a URL signed for cloud storage (``X-Amz-Algorithm``, ``Signature`` in its query);
* a username and password go only to the Earthdata Login host, and only after it has
  answered 401 with a challenge (data host -> login host -> back to the data host, which
  sets a cookie);
* cookies go back only to the host that set them;
* any other host a redirect leads to (a signed cloud-storage URL) gets none of these.

Redirects are followed here, not by the transport, so that this holds on every hop.
"""
import base64
import http.cookies
import urllib.parse

from ..errors import TsmvError
from .credentials import Credentials, login_host
from .transport import StdlibTransport, is_loopback

#: Redirects followed for one file at most.
MAX_REDIRECTS = 10
REDIRECTS = (301, 302, 303, 307, 308)
#: The largest CMR page read into memory (bytes).
MAX_TEXT = 64 << 20


def host_of(url):
    """``host:port`` of a URL, lower case, the port always given."""
    parts = urllib.parse.urlsplit(url)
    port = parts.port or (443 if parts.scheme == "https" else 80)
    return "%s:%d" % ((parts.hostname or "").lower(), port)


def _with_port(host):
    return host if ":" in host else host + ":443"


def _signed(url):
    query = urllib.parse.urlsplit(url).query
    return "X-Amz-Algorithm=" in query or "Signature=" in query


class Session:
    """HTTP for one download run: ``credentials`` (:class:`Credentials`), ``transport`` (a
    :class:`~.transport.Transport`), ``data_hosts`` (where a token may go; add with
    :meth:`allow_token`)."""

    def __init__(self, credentials=None, transport=None, environ=None):
        self.credentials = credentials or Credentials()
        self.transport = transport or StdlibTransport()
        self.login = _with_port(login_host(environ))
        self.data_hosts = set()
        self.cookies = {}  # host:port -> {name: value}

    def allow_token(self, url):
        self.data_hosts.add(host_of(url))

    def _headers(self, url, headers, challenged):
        headers = dict(headers)
        host = host_of(url)
        if self.credentials.token and host in self.data_hosts and not _signed(url):
            headers["Authorization"] = "Bearer " + self.credentials.token
        elif self.credentials.username and challenged and host == self.login:
            pair = "%s:%s" % (self.credentials.username, self.credentials.password)
            headers["Authorization"] = "Basic " + base64.b64encode(pair.encode("utf-8")).decode("ascii")
        jar = self.cookies.get(host)
        if jar:
            headers["Cookie"] = "; ".join("%s=%s" % kv for kv in jar.items())
        return headers

    def _keep_cookies(self, url, reply):
        for line in reply.headers.get_all("Set-Cookie") or []:
            cookie = http.cookies.SimpleCookie()
            try:
                cookie.load(line)
            except http.cookies.CookieError:
                continue
            jar = self.cookies.setdefault(host_of(url), {})
            jar.update({name: morsel.value for name, morsel in cookie.items()})

    def open(self, url, headers=None):
        """GET ``url``, following redirects and the login flow; the final reply (any status)
        and its URL.  The caller closes the reply."""
        headers = dict(headers or {}, **{"User-Agent": "TSMV (QGIS plugin)"})
        challenged = False
        for _ in range(MAX_REDIRECTS + 1):
            reply = self.transport.open("GET", url, self._headers(url, headers, challenged))
            self._keep_cookies(url, reply)
            host = host_of(url)
            if reply.status == 401 and host == self.login and self.credentials.username and not challenged \
                    and "basic" in (reply.headers.get("WWW-Authenticate") or "").lower():
                reply.close()
                challenged = True  # the login host asked: the same URL again, with the password
                continue
            if reply.status not in REDIRECTS:
                return reply, url
            location = reply.headers.get("Location")
            reply.close()
            if not location:
                raise TsmvError("%s: a redirect without a Location" % url)
            nxt = urllib.parse.urljoin(url, location)
            scheme = urllib.parse.urlsplit(nxt).scheme
            if not (scheme == "https" or scheme == "http" and is_loopback(nxt)):
                raise TsmvError("%s: refused a redirect to %s (not https)" % (url, nxt.split("?")[0]))
            challenged = challenged and host_of(nxt) == self.login
            url = nxt
        raise TsmvError("%s: more than %d redirects" % (url.split("?")[0], MAX_REDIRECTS))

    def fetch_text(self, url, headers, parameter):
        """The body (text) and headers of a small reply such as a CMR page; a TsmvError naming
        ``parameter`` when it cannot be had."""
        try:
            reply, _ = self.open(url, headers)
        except OSError as e:
            raise TsmvError("%s %s: cannot connect (%s); check the address and your network"
                            % (parameter, url.split("?")[0], e)) from None
        try:
            if reply.status != 200:
                raise TsmvError("%s %s: the server answered HTTP %d" % (parameter, url.split("?")[0], reply.status))
            body, size = [], 0
            for chunk in reply.chunks():
                size += len(chunk)
                if size > MAX_TEXT:
                    raise TsmvError("%s %s: the answer is larger than %d MB" % (parameter, url, MAX_TEXT >> 20))
                body.append(chunk)
            return b"".join(body).decode("utf-8", "replace"), reply.headers
        except OSError as e:
            raise TsmvError("%s %s: the connection broke (%s)" % (parameter, url.split("?")[0], e)) from None
        finally:
            reply.close()
