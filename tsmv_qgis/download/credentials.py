"""Earthdata Login credentials: found in the conventions of NASA's own tools, never shown.

In this order: what the caller gives (a token, or a username and password: in QGIS, the
AUTH configuration); the environment variables ``EARTHDATA_TOKEN``, or
``EARTHDATA_USERNAME`` with ``EARTHDATA_PASSWORD``; the user's ``~/.netrc`` entry for the
login host.  A :class:`Credentials` never prints its secrets (its ``repr`` and ``str`` say
only where they came from).
"""
import netrc
import os

#: The Earthdata Login host; TSMV_EARTHDATA_LOGIN_HOST overrides it (tests, "127.0.0.1:8001").
LOGIN_HOST = "urs.earthdata.nasa.gov"


def login_host(environ=None):
    """The Earthdata Login host as ``host`` or ``host:port`` (lower case)."""
    environ = os.environ if environ is None else environ
    return (environ.get("TSMV_EARTHDATA_LOGIN_HOST") or LOGIN_HOST).strip().lower()


class Credentials:
    """A bearer ``token``, or a ``username`` with its ``password``; ``source`` says where they
    came from ("AUTH", "EARTHDATA_TOKEN", "~/.netrc", ...), which is all that is ever shown."""

    __slots__ = ("token", "username", "password", "source")

    def __init__(self, token=None, username=None, password=None, source="given"):
        self.token = token or None
        self.username, self.password = (username, password) if username and password else (None, None)
        self.source = source

    def __bool__(self):
        return bool(self.token or self.username)

    def __repr__(self):
        kind = "token" if self.token else "username and password" if self.username else "none"
        return "<Earthdata credentials: %s from %s>" % (kind, self.source)

    __str__ = __repr__


def find_credentials(token=None, username=None, password=None, environ=None, netrc_file=None):
    """The first credentials found (see the module); empty Credentials when there are none
    (anonymous downloads still work)."""
    if token or (username and password):
        return Credentials(token, username, password, "AUTH")
    environ = os.environ if environ is None else environ
    if environ.get("EARTHDATA_TOKEN"):
        return Credentials(token=environ["EARTHDATA_TOKEN"], source="EARTHDATA_TOKEN")
    if environ.get("EARTHDATA_USERNAME") and environ.get("EARTHDATA_PASSWORD"):
        return Credentials(username=environ["EARTHDATA_USERNAME"], password=environ["EARTHDATA_PASSWORD"],
                           source="EARTHDATA_USERNAME and EARTHDATA_PASSWORD")
    path = netrc_file or environ.get("NETRC") or os.path.join(os.path.expanduser("~"), ".netrc")
    if os.path.isfile(path):
        try:
            entries = netrc.netrc(path)
        except (netrc.NetrcParseError, OSError):
            return Credentials(source="nowhere (%s could not be read)" % path)
        host = login_host(environ)
        entry = entries.authenticators(host) or entries.authenticators(host.split(":")[0])
        if entry and entry[0] and entry[2]:
            return Credentials(username=entry[0], password=entry[2], source=path)
    return Credentials(source="nowhere")
