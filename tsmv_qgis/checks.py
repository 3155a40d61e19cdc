"""Numeric arguments: finite and within their range, or refused naming the parameter.

The QGIS side checks every number parameter with :func:`finite_in_range` from its declared
minimum and maximum before any work; the core checks its own numeric arguments the same way,
so that a plain-Python caller gets the same refusal.
"""
import math

from .errors import TsmvError, named


def range_text(low=None, high=None, inclusive=True):
    """The range in words: 'from 0.0001 to 0.5', 'at least 0', 'above 0 and below 1', ''."""
    if low is not None and high is not None:
        return ("from %s to %s" if inclusive else "above %s and below %s") % (number_text(low), number_text(high))
    if low is not None:
        return ("at least %s" if inclusive else "above %s") % number_text(low)
    if high is not None:
        return ("at most %s" if inclusive else "below %s") % number_text(high)
    return ""


def number_text(value):
    """A bound as a reader writes it: 3, 0.5, 0.0001, 99.9."""
    return "%d" % value if float(value).is_integer() and abs(value) < 1e15 else "%.12g" % value


def finite_in_range(value, name, low=None, high=None, whole=False, inclusive=True):
    """``value`` as a float (an int when ``whole``), refused unless it is a finite number (a
    whole one when ``whole``) within ``low``..``high`` (None: unbounded; ``inclusive``: the
    bounds themselves are allowed).  The message starts with ``name``."""
    try:
        number = float(value.strip() if isinstance(value, str) else value)
    except (TypeError, ValueError):
        number = None
    below = number is not None and low is not None and (number < low if inclusive else number <= low)
    above = number is not None and high is not None and (number > high if inclusive else number >= high)
    if number is None or not math.isfinite(number) or below or above or (whole and not number.is_integer()):
        wanted = "a whole number" if whole else "a finite number"
        limits = range_text(low, high, inclusive)
        raise TsmvError("%s must be %s%s, not %r" % (name, wanted, " " + limits if limits else "", value))
    return int(number) if whole else number


def significance_level(alpha):
    """ALPHA, refused unless a finite number above 0 and below 1."""
    return finite_in_range(alpha, named("alpha"), 0, 1, inclusive=False)


def lonlat_extent(name, given, edges, west_of_east=True):
    """(xmin, ymin, xmax, ymax) in lon/lat of the extent ``given`` (as the user wrote it) in
    another CRS, from its ``edges`` transformed to lon/lat: lists of (lon, lat), the south and
    north edges from the given west to east, then the west and east edges from south to north.
    Refused when it crosses the antimeridian: its given west edge is east of its east edge
    (``west_of_east`` False), or longitudes jump by more than 180 degrees along an edge (they
    wrapped)."""
    west, east = edges[2:]
    lons = [lon for edge in edges for lon, _ in edge]
    lats = [lat for edge in edges for _, lat in edge]
    wrapped = any(abs(b[0] - a[0]) > 180 for edge in edges for a, b in zip(edge, edge[1:]))
    if wrapped or not west_of_east:
        middle = len(west) // 2
        raise TsmvError("%s %s crosses the antimeridian (lon %.6g..%.6g in EPSG:4326); TSMV does not wrap "
                        "longitudes: import the parts on each side as two runs"
                        % (name, given, west[middle][0], east[middle][0]))
    return min(lons), min(lats), max(lons), max(lats)


def extent_not_transformed(name, given, error):
    """The refusal of an extent that cannot be transformed to lon/lat."""
    return TsmvError("%s %s: cannot transform it to EPSG:4326 (%s); give it in EPSG:4326"
                     % (name, given, error))
