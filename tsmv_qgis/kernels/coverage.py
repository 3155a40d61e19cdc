"""Exact cell coverage of polygons: the fraction of each grid cell's area inside a polygon.

As exactextract computes it (Baston 2019): the polygon is planar in the grid's
coordinates (degrees for a lon/lat grid), its edges straight there, and each
cell counts by the area of (polygon ∩ cell) / (cell area), exactly up to
rounding.  The area of a region R inside one cell [c, c+1] x [r, r+1] (in cell
units: u = (x - x0) / dx, v = (y0 - y) / dy) is, by Green's theorem,
``-∮ (clamp(v, r, r+1) - r) du`` over R's boundary: each edge is cut at the
column lines into pieces, and a piece adds ``-∫ g_r(v(u)) du`` to every row r of
its column: its whole length to the rows it passes entirely above (a running sum
down the column), and the integral of a clamped line to the few rows it crosses
(split at the row lines, where the integrand is linear: trapezoids, exact).
Vertical edges add nothing.  Every step is vectorised over edges and pieces;
rings are taken one at a time.

A ring's sign is made positive (its orientation does not matter); holes subtract
from the ring that holds them; the parts of a multipolygon add (they must not
overlap, as in a valid geometry).  A ring with longitudes beyond ±180 (a polygon
crossing the antimeridian drawn as one ring) is counted again shifted by ±360
degrees, so that its parts over the grid's other edge land where they are on
the globe (:func:`polygon_coverage`, ``period``).
"""
import numpy as np


def _pieces(u0, v0, u1, v1):
    """Cut edges (u0, v0) -> (u1, v1) at the integer column lines: (column, ua, va, ub, vb) of
    each piece, in the edge's direction; vertical edges are dropped (they add no area)."""
    keep = u0 != u1
    u0, v0, u1, v1 = u0[keep], v0[keep], u1[keep], v1[keep]
    lo, hi = np.minimum(u0, u1), np.maximum(u0, u1)
    first = np.floor(lo).astype(np.int64)
    last = np.maximum(np.ceil(hi).astype(np.int64) - 1, first)  # the column holding the end
    counts = last - first + 1
    edge = np.repeat(np.arange(u0.size), counts)
    column = first[edge] + (np.arange(edge.size) - np.repeat(np.cumsum(counts) - counts, counts))
    a = np.maximum(lo[edge], column)  # the piece's u range within the column
    b = np.minimum(hi[edge], column + 1)
    du = u1[edge] - u0[edge]
    slope = (v1[edge] - v0[edge]) / du

    def v_at(u):  # from the nearer end, so that the ends are exact
        from_start = np.abs(u - u0[edge]) <= np.abs(u - u1[edge])
        return np.where(from_start, v0[edge] + slope * (u - u0[edge]), v1[edge] + slope * (u - u1[edge]))

    forward = du > 0
    ua, ub = np.where(forward, a, b), np.where(forward, b, a)
    ua = np.where(ua == u0[edge], u0[edge], ua)
    ub = np.where(ub == u1[edge], u1[edge], ub)
    va = np.where(ua == u0[edge], v0[edge], v_at(ua))
    vb = np.where(ub == u1[edge], v1[edge], v_at(ub))
    return column, ua, va, ub, vb


def _clamped_integral(ua, va, ub, vb, row):
    """``∫ (clamp(v(u), row, row + 1) - row) du`` from ua to ub along the line (ua, va)-(ub, vb),
    exactly: split where v crosses row and row + 1, trapezoids between."""
    dv = vb - va
    flat = dv == 0
    with np.errstate(divide="ignore", invalid="ignore"):
        t = np.stack([(row - va) / dv, (row + 1 - va) / dv])
    t = np.where(flat, 0.0, np.minimum(np.maximum(t, 0.0), 1.0))
    t = np.sort(np.concatenate([np.zeros((1,) + va.shape), t, np.ones((1,) + va.shape)]), axis=0)
    v = va + t * dv
    g = np.minimum(np.maximum(v - row, 0.0), 1.0)
    return (ub - ua) * np.sum((t[1:] - t[:-1]) * (g[1:] + g[:-1]) / 2, axis=0)


def ring_area(ring):
    """Signed shoelace area of a closed or open ring (n, 2), in its own units."""
    x, y = ring[:, 0], ring[:, 1]
    return 0.5 * float(np.sum(x * _next(y) - _next(x) * y))


def _next(a):
    """The next vertex of each (the first after the last)."""
    return np.concatenate([a[1:], a[:1]])


def ring_coverage(u, v, window):
    """Signed area of the ring (u, v in cell units, closed or not) in each cell of ``window``
    (row0, row1, col0, col1): an array (row1 - row0, col1 - col0) whose sum is the ring's signed
    area -∮ v du within the window."""
    row0, row1, col0, col1 = window
    rows, cols = row1 - row0, col1 - col0
    column, ua, va, ub, vb = _pieces(u, v, _next(u), _next(v))
    inside = (column >= col0) & (column < col1)
    column, ua, va, ub, vb = column[inside] - col0, ua[inside], va[inside], ub[inside], vb[inside]
    top = np.floor(np.minimum(va, vb)).astype(np.int64)  # rows < top: the piece is entirely below them
    bottom = np.maximum(np.ceil(np.maximum(va, vb)).astype(np.int64) - 1, top)  # rows > bottom: above
    # rows entirely above the piece in v (before ``top``) take -du each: a running sum down the column
    full = np.minimum(np.maximum(top, row0), row1) - row0  # one more row: the running sums' end
    out = np.bincount(np.concatenate([column, full * cols + column]), np.concatenate([ua - ub, ub - ua]),
                      (rows + 1) * cols).reshape(rows + 1, cols)
    out = np.cumsum(out, axis=0)[:-1]
    # the rows the piece crosses
    first, last = np.maximum(top, row0), np.minimum(bottom, row1 - 1)
    counts = np.maximum(last - first + 1, 0)
    piece = np.repeat(np.arange(ua.size), counts)
    row = first[piece] + (np.arange(piece.size) - np.repeat(np.cumsum(counts) - counts, counts))
    out += np.bincount((row - row0) * cols + column[piece],
                       -_clamped_integral(ua[piece], va[piece], ub[piece], vb[piece], row.astype(np.float64)),
                       rows * cols).reshape(rows, cols)
    return out


def polygon_coverage(polygon, x0, y0, dx, dy, width, height, period=None):
    """Fraction of each cell of a north-up grid (west edge x0, north edge y0, cells dx by dy,
    width x height) inside ``polygon``: a list of parts, each a list of rings (n, 2) of (x, y),
    the first the outer ring, the others its holes.  ``period``: the x period of the grid's
    coordinates (360 for longitudes), whereby rings reaching beyond the grid's x range are also
    counted shifted by whole periods.  Returns (row0, col0, fractions) of the window of cells the
    polygon covers, or None when it covers none."""
    rings = [(np.asarray(ring, np.float64), k > 0) for part in polygon for k, ring in enumerate(part)]
    rings = [(ring, hole) for ring, hole in rings if len(ring) >= 3 and np.all(np.isfinite(ring))]
    if not rings:
        return None
    xmin = min(ring[:, 0].min() for ring, _ in rings)
    xmax = max(ring[:, 0].max() for ring, _ in rings)
    shifts = [0.0]
    if period:
        shifts = [k * period for k in range(int(np.floor((x0 - xmax) / period)),
                                            int(np.ceil((x0 + dx * width - xmin) / period)) + 1)]
    pieces = []  # (window, the signed area of one ring in its cells)
    for shift in shifts:
        for ring, hole in rings:
            u, v = (ring[:, 0] + shift - x0) / dx, (y0 - ring[:, 1]) / dy
            window = (max(int(np.floor(v.min())), 0), min(int(np.ceil(v.max())), height),
                      max(int(np.floor(u.min())), 0), min(int(np.ceil(u.max())), width))
            if window[0] >= window[1] or window[2] >= window[3]:
                continue
            if u[0] == u[-1] and v[0] == v[-1]:
                u, v = u[:-1], v[:-1]
            sign = np.sign(ring_area(np.column_stack([u, v])))  # the sign of -∮ v du
            pieces.append((window, (-1.0 if hole else 1.0) * sign * ring_coverage(u, v, window)))
    if not pieces:
        return None
    row0 = min(w[0] for w, _ in pieces)
    row1 = max(w[1] for w, _ in pieces)
    col0 = min(w[2] for w, _ in pieces)
    col1 = max(w[3] for w, _ in pieces)
    fractions = np.zeros((row1 - row0, col1 - col0))
    for (r0, r1, c0, c1), area in pieces:
        fractions[r0 - row0:r1 - row0, c0 - col0:c1 - col0] += area
    return row0, col0, np.minimum(np.maximum(fractions, 0.0), 1.0)
