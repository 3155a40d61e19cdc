"""NASA's and GOSIF's services imitated on loopback, for tests of tsmv:download.

Servers, each on its own port of 127.0.0.1 (so each is its own host:port):

* ``cmr``: the granule search (UMM-JSON), pages of at most ``page_cap`` granules whatever
  ``page_size`` asks (so a short page is not the last), continued by ``CMR-Search-After``;
* ``login``: Earthdata Login: ``/oauth/authorize`` answers 401 with a Basic challenge, then,
  with the right password, redirects back to the data host with a code;
* ``data``: a GES DISC-like host: a bearer token, or a cookie from its ``/login``, or a
  redirect to the login host;
* ``lp``: an LP DAAC-like host, as ``data`` but the file itself is a redirect to ``signed``;
* ``signed``: cloud storage: refuses (400) any request that carries an Authorization header;
* ``gosif``: anonymous.

``world.modes[name]`` makes a file fail: "html" (a login page with 200), "403", "404",
("503", n) / ("429", n) (busy n times, Retry-After 1), ("short", n) (cut short n times),
"badsum" (other bytes than the checksum's), "slow" (a chunk every 0.2 s), "stall" (1 KB, then
nothing for 5 s).
``world.received`` lists (server, path, Authorization kind, cookie?) of every request.
"""
import base64
import hashlib
import json
import posixpath
import threading
import time
import urllib.parse
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

USERNAME, PASSWORD, TOKEN = "scientist", "s3cret-Pa55word", "tok-9f8e7d6c5b4a"
LOGIN_PAGE = b"<!DOCTYPE html><html><body>Approve the application to continue</body></html>"


class World:
    def __init__(self):
        self.files = {}  # name -> bytes
        self.granules = []  # UMM records, in order
        self.modes = {}
        self.received = []
        self.servers = {}
        self.page_cap = 2
        self.overlap = 0  # 1: CMR also gives the granules of the year before (they overlap the period)
        self.lock = threading.Lock()

    def url(self, role, path=""):
        return "http://127.0.0.1:%d%s" % (self.servers[role].server_address[1], path)

    def host(self, role):
        return "127.0.0.1:%d" % self.servers[role].server_address[1]

    def add_granule(self, name, data, role="data", algorithm="MD5", start="2000-01-01T00:00:00.000Z"):
        self.files[name] = data
        digest = hashlib.new({"MD5": "md5", "SHA-256": "sha256"}[algorithm], data).hexdigest()
        self.granules.append({"umm": {
            "GranuleUR": "X." + name,
            "TemporalExtent": {"RangeDateTime": {"BeginningDateTime": start}},
            "RelatedUrls": [{"URL": "s3://bucket/" + name, "Type": "GET DATA VIA DIRECT ACCESS"},
                            {"URL": self.url(role, "/data/" + name), "Type": "GET DATA"}],
            "DataGranule": {"ArchiveAndDistributionInformation": [
                {"Name": name, "SizeInBytes": len(data), "Checksum": {"Value": digest, "Algorithm": algorithm}}]}}})

    def add_gosif(self, path, data):
        self.files[path] = data

    def mode(self, name):
        """The failure mode of ``name`` for this request (counted ones count down)."""
        with self.lock:
            mode = self.modes.get(name)
            if isinstance(mode, tuple):
                kind, left = mode
                if left <= 0:
                    return None
                self.modes[name] = (kind, left - 1)
                return kind
            return mode

    def sent_to(self, role):
        return {kind for server, _, kind, _ in self.received if server == role and kind}

    def close(self):
        for server in self.servers.values():
            server.shutdown()
            server.server_close()


class Handler(BaseHTTPRequestHandler):
    def log_message(self, *args):
        pass

    @property
    def world(self):
        return self.server.world

    def send(self, status, body=b"", headers=()):
        self.send_response(status)
        for k, v in headers:
            self.send_header(k, v)
        if not any(k == "Content-Length" for k, _ in headers):
            self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        try:
            self.wfile.write(body)
        except (BrokenPipeError, ConnectionResetError):
            pass

    def do_GET(self):  # noqa: N802
        auth = self.headers.get("Authorization") or ""
        self.world.received.append((self.server.role, self.path, auth.split(" ")[0] if auth else "",
                                    bool(self.headers.get("Cookie"))))
        getattr(self, "serve_" + self.server.role)(urllib.parse.urlsplit(self.path), auth)

    # --- CMR ---------------------------------------------------------------------------

    def serve_cmr(self, url, auth):
        query = dict(urllib.parse.parse_qsl(url.query))
        version, short = query.get("version"), query.get("short_name")
        first, last = (int(t[:4]) for t in query["temporal"].split(","))
        chosen = [g for g in self.world.granules
                  if g["umm"]["GranuleUR"].startswith("X." + short + ".")
                  and first - self.world.overlap <= int(
                      g["umm"]["TemporalExtent"]["RangeDateTime"]["BeginningDateTime"][:4]) <= last
                  and g["umm"]["GranuleUR"].endswith(_version_tag(version, g["umm"]["GranuleUR"]))]
        start = int(self.headers.get("CMR-Search-After") or 0)
        size = min(int(query.get("page_size", 2000)), self.world.page_cap)
        page = chosen[start:start + size]
        headers = [("Content-Type", "application/vnd.nasa.cmr.umm_results+json"), ("CMR-Hits", str(len(chosen)))]
        if page:
            headers.append(("CMR-Search-After", str(start + len(page))))
        self.send(200, json.dumps({"hits": len(chosen), "items": page}).encode(), headers)

    # --- Earthdata Login ---------------------------------------------------------------

    def serve_login(self, url, auth):
        query = dict(urllib.parse.parse_qsl(url.query))
        if not auth:
            return self.send(401, b"login required",
                             [("WWW-Authenticate", 'Basic realm="Please enter your Earthdata Login credentials"')])
        expected = "Basic " + base64.b64encode(("%s:%s" % (USERNAME, PASSWORD)).encode()).decode()
        if auth != expected:
            return self.send(401, b"wrong", [("WWW-Authenticate", 'Basic realm="Earthdata"')])
        back = query["redirect_uri"] + "?" + urllib.parse.urlencode({"code": "abc123", "state": query["state"]})
        self.send(302, b"", [("Location", back), ("Set-Cookie", "urs_session=u1; Path=/")])

    # --- data hosts --------------------------------------------------------------------

    def serve_data(self, url, auth, signed=False):
        if url.path == "/login":
            query = dict(urllib.parse.parse_qsl(url.query))
            if query.get("code") != "abc123":
                return self.send(401, b"bad code")
            return self.send(302, b"", [("Location", query["state"]), ("Set-Cookie", "data_session=ok; Path=/")])
        name = posixpath.basename(url.path)
        authorised = auth == "Bearer " + TOKEN or "data_session=ok" in (self.headers.get("Cookie") or "")
        if auth.startswith("Bearer") and auth != "Bearer " + TOKEN:
            return self.send(401, b"invalid token")
        if not authorised:
            state = url.path
            login = self.world.url("login", "/oauth/authorize?" + urllib.parse.urlencode(
                {"client_id": "e2WVk8Pw6weeLUKZYOxvTQ", "response_type": "code",
                 "redirect_uri": self.world.url(self.server.role, "/login"), "state": state}))
            return self.send(302, b"", [("Location", login)])
        mode = self.world.mode(name)
        if mode == "html":
            return self.send(200, LOGIN_PAGE, [("Content-Type", "text/html; charset=utf-8")])
        if signed:
            target = self.world.url("signed", "/bucket/%s?X-Amz-Algorithm=AWS4-HMAC-SHA256&X-Amz-Signature=ab12"
                                    % name)
            return self.send(307, b"", [("Location", target)])
        self.serve_file(name, mode)

    def serve_lp(self, url, auth):
        self.serve_data(url, auth, signed=True)

    def serve_signed(self, url, auth):
        if auth:
            return self.send(400, b"<Error>Only one auth mechanism allowed</Error>")
        self.serve_file(posixpath.basename(url.path), None)

    def serve_gosif(self, url, auth):
        path = url.path.lstrip("/")
        mode = self.world.mode(posixpath.basename(path))
        if auth:
            return self.send(400, b"no credentials here")
        self.serve_file(path, mode)

    def serve_file(self, name, mode):
        data = self.world.files.get(name)
        if data is None or mode == "404":
            return self.send(404, b"not found")
        if mode == "403":
            return self.send(403, b"EULA Acceptance Failure")
        if mode in ("503", "429"):
            return self.send(int(mode), b"busy", [("Retry-After", "1")])
        if mode == "badsum":
            data = data[:-1] + bytes([data[-1] ^ 0xFF])
        if mode == "short":
            return self.send(200, data[:len(data) // 2], [("Content-Length", str(len(data))),
                                                          ("Content-Type", "application/octet-stream")])
        if mode == "stall":  # the first bytes, then nothing for 5 s
            self.send_response(200)
            self.send_header("Content-Length", str(len(data)))
            self.end_headers()
            try:
                self.wfile.write(data[:1024])
                self.wfile.flush()
                time.sleep(5)
                self.wfile.write(data[1024:])
            except (BrokenPipeError, ConnectionResetError):
                pass
            return
        if mode == "slow":
            self.send_response(200)
            self.send_header("Content-Length", str(len(data)))
            self.end_headers()
            try:
                for i in range(0, len(data), 1024):
                    self.wfile.write(data[i:i + 1024])
                    self.wfile.flush()
                    time.sleep(0.2)
            except (BrokenPipeError, ConnectionResetError):
                pass
            return
        self.send(200, data, [("Content-Type", "application/octet-stream")])


def _version_tag(version, granule):
    """The file-name tag of a CMR version: 2.0 -> .020.nc4, 2.1 -> .021.nc4, others any."""
    return {"2.0": ".020.nc4", "2.1": ".021.nc4"}.get(version, granule[-4:])


def start_world():
    world = World()
    for role in ("cmr", "login", "data", "lp", "signed", "gosif"):
        server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        server.role, server.world, server.daemon_threads = role, world, True
        threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True).start()
        world.servers[role] = server
    return world
