"""Maps of the report: the coastlines of a world map (read once per file), degree ticks, a map
drawn cell by cell (nearest neighbour, no resampling; NaN grey) and the legend of its grey."""
import os

import numpy as np

from .figures import NAN_GREY

COAST = "#202020"

_COASTS = {}


def coastlines(path, tolerance=0.05):
    """The outline of the land in the world map at ``path`` (QGIS's resources/data/world_map.gpkg,
    or any polygon layer in degrees) as (x, y) arrays with NaN between lines, or None with
    the reason.  The countries are merged so that only coasts are drawn; the edges the map
    was cut along (the antimeridian, the south pole) are left out."""
    if not path:
        return None, "no world map was given"
    key = (os.path.abspath(path), os.path.getmtime(path) if os.path.exists(path) else None, tolerance)
    if key not in _COASTS:
        try:
            _COASTS[key] = _read_coastlines(path, tolerance)
        except RuntimeError as e:  # GDAL with exceptions on
            _COASTS[key] = None, "GDAL cannot read the world map %s (%s)" % (path, e)
    return _COASTS[key]


def _read_coastlines(path, tolerance):
    from osgeo import ogr
    if not os.path.exists(path):
        return None, "the world map %s does not exist" % path
    ds = ogr.Open(path)
    if ds is None:
        return None, "GDAL cannot read the world map %s" % path
    layer = ds.GetLayerByName("countries")
    if layer is None:
        layer = next((ds.GetLayer(i) for i in range(ds.GetLayerCount())
                      if ogr.GT_Flatten(ds.GetLayer(i).GetGeomType()) in (ogr.wkbPolygon, ogr.wkbMultiPolygon)),
                     None)
    if layer is None:
        return None, "the world map %s has no polygon layer" % path
    land = ogr.Geometry(ogr.wkbMultiPolygon)
    for feature in layer:
        geometry = feature.GetGeometryRef()
        if geometry is None:
            continue
        geometry = geometry.Clone()
        if ogr.GT_Flatten(geometry.GetGeometryType()) == ogr.wkbPolygon:
            land.AddGeometry(geometry)
        else:
            for i in range(geometry.GetGeometryCount()):
                land.AddGeometry(geometry.GetGeometryRef(i))
    union = land.UnionCascaded()
    outline = union.Boundary().Simplify(tolerance) if union is not None else None
    if outline is None:
        return None, "GDAL cannot merge the polygons of the world map %s" % path
    parts = [outline] if outline.GetGeometryCount() == 0 else \
        [outline.GetGeometryRef(i) for i in range(outline.GetGeometryCount())]
    xs, ys = [], []
    for part in parts:
        if part.GetPointCount() < 2:
            continue
        points = np.array(part.GetPoints(), np.float64)[:, :2]
        x, y = points[:, 0], points[:, 1]
        cut = (np.abs(x) >= 179.85) | (y <= -89.85)
        cut = cut[:-1] & cut[1:]  # a segment along a cut edge
        x = np.insert(x, np.flatnonzero(cut) + 1, np.nan)
        y = np.insert(y, np.flatnonzero(cut) + 1, np.nan)
        xs += [x, [np.nan]]
        ys += [y, [np.nan]]
    if not xs:
        return None, "the world map %s holds no outline" % path
    return (np.concatenate(xs), np.concatenate(ys)), None


def _degrees(value, hemispheres):
    if abs(value) < 1e-9:
        return "0°"
    return "%g°%s" % (abs(value), hemispheres[1] if value > 0 else hemispheres[0])


def degree_ticks(ax, xlim, ylim):
    """Longitude and latitude ticks in whole, round degrees (60°W, 30°N ...)."""
    from matplotlib.ticker import FixedLocator, FuncFormatter
    for axis, (lo, hi), hemispheres in ((ax.xaxis, xlim, "WE"), (ax.yaxis, ylim, "SN")):
        span = hi - lo
        step = next((s for s in (60, 30, 20, 10, 5, 2, 1, 0.5, 0.25, 0.1) if span / s >= 3), span / 3)
        ticks = np.arange(np.ceil(lo / step - 1e-9) * step, hi + 1e-9, step)
        axis.set_major_locator(FixedLocator(ticks))
        axis.set_major_formatter(FuncFormatter(lambda v, _, h=hemispheres: _degrees(v, h)))


def draw_map(ax, array, grid, colours, coast=None, title=None, labels=(True, True)):
    """One map: a cell per pixel (nearest neighbour, no resampling), NaN grey, coastlines,
    degree ticks; returns the image."""
    x1, y1 = grid.x0 + grid.dx * grid.width, grid.y0 - grid.dy * grid.height
    image = ax.imshow(np.ma.masked_invalid(array), cmap=colours.cmap, norm=colours.norm,
                      extent=(grid.x0, x1, y1, grid.y0), origin="upper", interpolation="nearest",
                      resample=False, aspect="equal")
    if coast is not None:
        ax.plot(coast[0], coast[1], color=COAST, lw=0.4, solid_joinstyle="round")
    ax.set_xlim(grid.x0, x1)
    ax.set_ylim(y1, grid.y0)
    degree_ticks(ax, (grid.x0, x1), (y1, grid.y0))
    ax.tick_params(labelsize=7, length=2, pad=1.5, labelbottom=labels[0], labelleft=labels[1])
    if title:
        ax.set_title(title, fontsize=9, loc="left")
    return image


def _no_value_legend(fig):
    from matplotlib.patches import Patch
    fig.legend(handles=[Patch(facecolor=NAN_GREY, edgecolor="#808080",
                              label="no value (sea, or a pixel the analysis dropped)")],
               loc="lower left", bbox_to_anchor=(0.0, -0.04), fontsize=8, frameon=False)
