"""Summaries by polygon: the trend, attribution and correlation maps averaged over regions.

Each cell counts by the fraction of its area inside the polygon (exact coverage,
:mod:`tsmv_qgis.kernels.coverage`, as exactextract computes it, the polygon planar in
degrees) times cos(latitude of the cell centre), the cell-area weight of every other TSMV
mean.  Holes and multipart polygons are honoured; a ring with longitudes beyond ±180 is
wrapped onto the grid, so a polygon crossing the antimeridian may be split at ±180 or drawn
as one ring.

Per polygon (and, given ECOSYSTEMS, per polygon and ecosystem code 1-4 besides the whole):

* ``area_km2``: the area of the cells it covers, each by its fraction (the cells on the
  sphere of radius EARTH_RADIUS_KM), with or without data; ``pixels``: the cells it touches
  that have a slope; ``mean_slope``; ``percent_decreasing``, ``percent_increasing`` (slope < 0,
  > 0) and ``percent_significant`` (trend ≠ 0) of the area that has a slope;
* with ATTRIBUTION (the COMPONENTS of tsmv:attribution, or one of its BY_* outputs): the mean
  contribution (%) by season, depth and dynamic, and (from COMPONENTS) the component with the
  largest mean contribution and that contribution (``dominant``, ``dominant_percent``);
* with CORRELATION (R): the mean r of each season and depth, and with its P the percent of the
  area (with an r) where p < ALPHA (the ALPHA the rasters record, else 0.05).

A polygon without a valid cell gets NaN, never 0.
"""
import math
import re
from dataclasses import dataclass

import numpy as np

from ..errors import TsmvError, named
from ..io.coverage import AreaMean
from ..io.lineage import one_run
from ..io.outputs import Outputs
from ..io.raster import Stack, row_tiles, same_grid, wgs84
from ..io.style import graduated_qml
from ..io.vector import write_geopackage
from ..kernels.coverage import polygon_coverage
from ..labels import SEASONS
from ..progress import as_log, as_progress
from .attribution import DYNAMICS, attribution_bands
from .correlation import correlation_bands, open_ecosystems, refuse_other_codes
from .landcover import ECOSYSTEMS

#: The mean radius of the Earth (IUGG), km: the cells' areas on the sphere.
EARTH_RADIUS_KM = 6371.0088
#: The significance level of a correlation when its rasters do not record one.
DEFAULT_ALPHA = 0.05
#: The name of the layer in OUTPUT_LAYER.
LAYER_NAME = "zonal"
ALL = "All"


@dataclass
class Zone:
    """One polygon: its name, its parts (each a list of rings (n, 2) of lon/lat in the grid's
    CRS, the outer ring first) and its geometry as WKB for OUTPUT_LAYER (None: none)."""
    name: str
    parts: list
    wkb: bytes = None


def field_name(prefix, *labels):
    """A field name that is a plain identifier: 'r', 'H-S', '0-10 cm' -> 'r_H_S_0_10'."""
    return "_".join([prefix] + [re.sub(r"[^0-9A-Za-z]+", "_", label.replace(" cm", "")).strip("_")
                                for label in labels])


def cell_areas_km2(grid):
    """Area (km²) of a cell of each row of ``grid`` on the sphere."""
    top = np.clip(grid.y0 - grid.dy * np.arange(grid.height), -90, 90)
    bottom = np.clip(top - grid.dy, -90, 90)
    return EARTH_RADIUS_KM ** 2 * np.deg2rad(grid.dx) * np.abs(np.sin(np.deg2rad(top)) - np.sin(np.deg2rad(bottom)))


class Attribution:
    """The ATTRIBUTION input: the 32 COMPONENTS, or BY_SEASON, BY_DEPTH or BY_DYNAMIC, told
    apart by their band labels; ``fields`` the columns it gives."""

    def __init__(self, path, depths):
        self.stack = Stack(path, named("attribution"), content="attribution")
        maps = attribution_bands(depths)
        found = [key for key in ("components", "by_season", "by_depth", "by_dynamic")
                 if sorted(self.stack.labels) == sorted(maps[key].labels)]
        if not found:
            raise TsmvError("⟨attribution⟩ %s has the bands %s; give the COMPONENTS (32 bands '%s' ...) or the "
                            "BY_SEASON, BY_DEPTH or BY_DYNAMIC output of tsmv:attribution"
                            % (path, ", ".join("'%s'" % label for label in self.stack.labels[:3])
                               + (", ..." if self.stack.count > 3 else ""), maps["components"].labels[0]))
        self.kind = found[0]
        self.components = maps["components"].labels
        self.bands = self.stack.bands(maps[self.kind].labels)
        groups = {"by_season": SEASONS, "by_depth": depths, "by_dynamic": DYNAMICS}
        if self.kind == "components":  # the sums by season, depth and dynamic, from the 32
            self.sums = [[k for k, label in enumerate(self.components) if label.split(" ", 2)[i] == member]
                         for i, key in ((1, "by_season"), (2, "by_depth"), (0, "by_dynamic"))
                         for member in groups[key]]
            labels = [m for key in ("by_season", "by_depth", "by_dynamic") for m in groups[key]]
        else:
            self.sums = None
            labels = list(groups[self.kind])
        self.fields = [field_name("rc", label) for label in labels]
        if self.kind == "components":
            self.fields += ["dominant", "dominant_percent"]

    def values(self, cells):
        """The per-cell contributions (K, n) of the columns, from what was read (bands, n), and
        the components (32, n) when they were given (else None)."""
        if self.sums is None:
            return cells, None
        return np.stack([cells[k].sum(axis=0) for k in self.sums]), cells


class Correlation:
    """The CORRELATION input (R, 16 bands) and its P (optional), of one run."""

    def __init__(self, r_path, p_path, depths):
        bands = correlation_bands(depths=depths)
        self.r = Stack(r_path, named("correlation"), content="correlation")
        stacks = [self.r]
        self.p = None
        if p_path:
            self.p = Stack(p_path, named("correlation_p"), content="correlation")
            stacks.append(self.p)
            one_run(stacks, "give the R and the P of one run of tsmv:correlation")
        for stack, value in zip(stacks, ("pearson r", "p-value")):
            recorded = stack.metadata.get("TSMV_VALUE")
            if recorded and recorded != value:
                raise TsmvError("%s %s holds the %s of tsmv:correlation, not its %s"
                                % (stack.name, stack.path, recorded, value))
        self.labels = bands["r"].labels
        self.r_bands = self.r.bands(self.labels)
        self.p_bands = self.p.bands(self.labels) if self.p else None
        recorded = [s.metadata["ALPHA"] for s in stacks if s.metadata.get("ALPHA") not in (None, "")]
        self.alpha = float(recorded[0]) if recorded else DEFAULT_ALPHA  # that of the R, else of the P
        places = [label.split(" ", 1) for label in self.labels]
        self.fields = [field_name("r", s, d) for s, d in places]
        if self.p:
            self.fields += [field_name("significant", s, d) for s, d in places]


class Sums:
    """What one polygon (or one ecosystem of it) gathers, tile by tile."""

    def __init__(self, attribution, correlation):
        self.area = 0.0
        self.trend = AreaMean(4)  # slope, slope < 0, slope > 0, trend != 0
        self.attribution = AreaMean(len(attribution.fields) - 2 * (attribution.kind == "components")) \
            if attribution else None
        self.components = AreaMean(32) if attribution and attribution.kind == "components" else None
        self.r = AreaMean(16) if correlation else None
        self.significant = AreaMean(16) if correlation and correlation.p else None

    def add(self, values, weights, areas, alpha):
        self.area += float(areas.sum())
        slope, trend = values["slope"], values["trend"]
        valid = np.isfinite(slope)
        self.trend.add(np.stack([slope, slope < 0, slope > 0, np.isfinite(trend) & (trend != 0)]), valid, weights)
        if self.attribution is not None:
            contributions, components = values["attribution"]
            self.attribution.add(contributions, np.isfinite(contributions), weights)
            if components is not None:
                self.components.add(components, np.isfinite(components), weights)
        if self.r is not None:
            r = values["r"]
            self.r.add(r, np.isfinite(r), weights)
            if self.significant is not None:
                p = values["p"]
                self.significant.add(p < alpha, np.isfinite(r) & np.isfinite(p), weights)

    def row(self, attribution):
        """The columns after the name (and ecosystem): area_km2, pixels, the trend's four, then
        those of the optional inputs."""
        mean = self.trend.mean
        row = [self.area, int(self.trend.pixels[0]), float(mean[0])] + [100 * float(m) for m in mean[1:]]
        if self.attribution is not None:
            row += [float(m) for m in self.attribution.mean]
            if self.components is not None:
                means = self.components.mean
                if np.isfinite(means).any():
                    k = int(np.nanargmax(means))
                    row += [attribution.components[k], float(means[k])]
                else:
                    row += ["", math.nan]
        if self.r is not None:
            row += [float(m) for m in self.r.mean]
            if self.significant is not None:
                row += [100 * float(m) for m in self.significant.mean]
        return row


TREND_FIELDS = ["area_km2", "pixels", "mean_slope", "percent_decreasing", "percent_increasing", "percent_significant"]


def columns(attribution=None, correlation=None, ecosystems=False):
    """[(field, type)] of the rows."""
    fields = [("name", str)] + [("ecosystem", str)] * ecosystems + [("area_km2", float), ("pixels", int)]
    fields += [(f, float) for f in TREND_FIELDS[2:]]
    if attribution:
        fields += [(f, str if f == "dominant" else float) for f in attribution.fields]
    if correlation:
        fields += [(f, float) for f in correlation.fields]
    return fields


def cell_text(value):
    return "%.9g" % value if isinstance(value, float) else str(value)


@dataclass
class Window:
    """A polygon's cells: the first row and column of ``fractions`` (rows, cols) on the grid."""
    row0: int
    col0: int
    fractions: np.ndarray


def run_zonal(zones, trend, outputs, attribution=None, correlation=None, correlation_p=None, ecosystems=None,
              polygons=None, progress=None, log=None):
    """Summaries by polygon: ``zones`` a list of :class:`Zone` in the grid's CRS; ``trend``
    the OUTPUT of tsmv:trend; the optional ATTRIBUTION, CORRELATION (R), CORRELATION_P and
    ECOSYSTEMS rasters on its grid; ``polygons`` the file the zones were read from (never
    replaced by an output).  ``outputs`` keys: table (CSV) and layer (GeoPackage; needs the
    zones' WKB).  Returns (header, rows)."""
    progress = as_progress(progress)
    log = as_log(log)
    if not outputs.get("table") and not outputs.get("layer"):
        raise TsmvError("⟨outputs.table⟩, ⟨outputs.layer⟩: no path given (this step writes one or both)")
    if correlation_p and not correlation:
        raise TsmvError("⟨correlation_p⟩ is the P of a correlation: give its R as ⟨correlation⟩ too")
    stack = Stack(trend, named("trend"), content="trend")
    trend_bands = stack.bands(["slope", "trend"])
    grid, depths = stack.grid, stack.product.depths
    attribution = Attribution(attribution, depths) if attribution else None
    correlation = Correlation(correlation, correlation_p, depths) if correlation else None
    eco = open_ecosystems(ecosystems) if ecosystems else None
    others = [s for s in (attribution and attribution.stack, correlation and correlation.r,
                          correlation and correlation.p, eco) if s is not None]
    for other in others:
        same_grid(other, stack)
    groups = [ALL] + (list(ECOSYSTEMS) if eco else [])
    header = columns(attribution, correlation, bool(eco))
    covering, summing = progress.split([1, 2])  # about the times of the coverage and the reading
    windows = []
    for k, zone in enumerate(zones):  # exact coverage, polygon by polygon
        found = polygon_coverage(zone.parts, grid.x0, grid.y0, grid.dx, grid.dy, grid.width, grid.height,
                                 period=360.0)
        windows.append(Window(*found) if found is not None else None)
        covering.set((k + 1) / len(zones))
    sums = [[Sums(attribution, correlation) for _ in groups] for _ in zones]
    weights, areas = grid.cell_weights(), cell_areas_km2(grid)
    alpha = correlation.alpha if correlation else DEFAULT_ALPHA
    n_bands = 2 + (len(attribution.bands) if attribution else 0) + (32 if correlation else 0) + bool(eco)
    strips = row_tiles(grid.height, 8 * n_bands * grid.width)
    inputs = dict({s.name: s.path for s in [stack] + others}, **({named("polygons"): polygons} if polygons else {}))
    with Outputs(inputs,
                 tables={named("outputs", "table"): outputs.get("table")},
                 layers={named("outputs", "layer"): outputs.get("layer")}, log=log) as out:
        for i, (r0, r1) in enumerate(strips):
            here = [(z, w) for z, w in enumerate(windows)
                    if w is not None and w.row0 < r1 and w.row0 + w.fractions.shape[0] > r0]
            if here:
                read = {"trend": stack.read(r0, r1, trend_bands)}
                if attribution:
                    read["attribution"] = attribution.stack.read(r0, r1, attribution.bands)
                if correlation:
                    read["r"] = correlation.r.read(r0, r1, correlation.r_bands)
                    if correlation.p:
                        read["p"] = correlation.p.read(r0, r1, correlation.p_bands)
                if eco:
                    read["eco"] = eco.read(r0, r1, [0])[0]
                    refuse_other_codes(read["eco"], (1, 2, 3, 4), "%s %s" % (eco.name, eco.path),
                                       "the OUTPUT of tsmv:landcover (codes 1-4)")
            for z, w in here:
                a0, a1 = max(r0, w.row0), min(r1, w.row0 + w.fractions.shape[0])
                fractions = w.fractions[a0 - w.row0:a1 - w.row0]
                rows, cols = np.nonzero(fractions > 0)
                if not rows.size:
                    continue
                f = fractions[rows, cols]
                rows, cols = rows + a0, cols + w.col0  # on the grid
                local = rows - r0
                values = {"slope": read["trend"][0, local, cols], "trend": read["trend"][1, local, cols]}
                if attribution:
                    values["attribution"] = attribution.values(read["attribution"][:, local, cols])
                if correlation:
                    values["r"] = read["r"][:, local, cols]
                    if correlation.p:
                        values["p"] = read["p"][:, local, cols]
                for g, group in enumerate(groups):
                    member = slice(None) if g == 0 else np.flatnonzero(read["eco"][local, cols] == g)
                    picked = {k: (tuple(None if x is None else x[..., member] for x in v) if isinstance(v, tuple)
                                  else v[..., member]) for k, v in values.items()}
                    sums[z][g].add(picked, f[member] * weights[rows[member]], f[member] * areas[rows[member]],
                                   alpha)
            summing.set((i + 1) / len(strips))
        table = [[zone.name] + ([group] if eco else []) + s.row(attribution)
                 for zone, zone_sums in zip(zones, sums) for group, s in zip(groups, zone_sums)]
        empty = sum(1 for zone_sums in sums if zone_sums[0].trend.pixels[0] == 0)
        log("Summarised %d polygons%s; %d without a cell with a slope (their means are NaN)"
            % (len(zones), " by ecosystem (%d rows)" % len(table) if eco else "", empty))
        names = [f for f, _ in header]
        if outputs.get("table"):
            out.table(named("outputs", "table"), names, [[cell_text(v) for v in row] for row in table])
        if outputs.get("layer"):
            layer = named("outputs", "layer")
            write_geopackage(out.temporary(layer), LAYER_NAME, wgs84().ExportToWkt(), header, table,
                             [zone.wkb for zone in zones for _ in groups], layer)
            out.sidecar(layer, graduated_qml("mean_slope", [row[names.index("mean_slope")] for row in table]))
    return names, table
