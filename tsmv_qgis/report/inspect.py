"""One pixel of a TSMV chain: the series behind a clicked map cell (the plugin's pixel inspector).

:func:`pixel_series` takes any raster a TSMV run wrote and a point (lon, lat, degrees) and
reads, at the cell under the point, what the chain around that raster holds:

* the annual total soil moisture (``annual_tsm`` of a seasons run) with the Sen line of every
  ``tsmv:trend`` run made from it (bands ``slope``, ``intercept``; the interval
  ``slope_lower``/``slope_upper`` when written);
* the seasonal soil moisture of the four layers (``seasonal_<layer>``) over the years;
* the 32 contributions (``components`` of ``tsmv:attribution``) and ω (``omega``);
* GPP by season (``tsmv:gpp``'s monthly GPP averaged over each year's months of that season,
  as ``tsmv:correlation`` does, with the season codes of the seasons run) and r (``r`` of
  ``tsmv:correlation``).

The files are found by lineage (:mod:`tsmv_qgis.io.lineage`): the rasters each run recorded
writing (``TSMV_FILES``), and the candidates given (the layers loaded in the project) or lying
beside the clicked file, matched by the id they record (``TSMV_RUN``:``TSMV_OUTPUT``) against
the inputs runs recorded (``TSMV_SOURCES``).  Linked files (same run, or one made from the
other) form the chain; for each part the file nearest the clicked one in that graph is read.
What cannot be shown is listed in :attr:`PixelSeries.missing` as (part, reason, detail), the
reason a key of :data:`REASONS`, so that a caller can say it in its own language.
"""
import glob
import os
from collections import deque
from dataclasses import dataclass, field
from typing import Dict, List, Optional, Tuple

import numpy as np

from ..errors import TsmvError
from ..io import lineage
from ..io.raster import Stack, file_metadata
from ..kernels.pearson import seasonal_gpp
from ..labels import DEPTHS, LAYER_KEYS, SEASONS, classify, whole_year_months

#: The parts of the inspector, in the order it shows them.
PARTS = ("annual", "trend", "seasonal", "contributions", "gpp")
#: Why a part cannot be shown (the key of a :attr:`PixelSeries.missing` entry), in English.
REASONS = {
    "not_tsmv": "not a TSMV layer: it records no TSMV run",
    "unreadable": "the file cannot be read",
    "outside": "the point is outside the data",
    "no_data": "no data at this pixel",
    "not_found": "no such file of this chain was found (load it in the project, or keep it beside "
                 "the clicked layer or where its run wrote it)",
}
#: How many files beside the clicked one are looked at, at most.
MAX_BESIDE = 500


@dataclass
class Trend:
    """One tsmv:trend run at the pixel: the Sen line ``intercept + slope * (year - start)``."""
    start: int
    end: int
    slope: float
    intercept: float
    p_value: float
    lower: Optional[float] = None  # slope_lower, when the run wrote it
    upper: Optional[float] = None
    pivot: Optional[float] = None  # the year the interval's lines cross the Sen line
    path: str = ""

    def years(self):
        return np.arange(self.start, self.end + 1, dtype=np.float64)

    def line(self, slope=None):
        """The Sen line over the period (``slope``: the interval's lines, through the pivot)."""
        years = self.years()
        sen = self.intercept + self.slope * (years - self.start)
        if slope is None:
            return years, sen
        at = self.pivot if self.pivot is not None else (self.start + self.end) / 2.0
        centre = self.intercept + self.slope * (at - self.start)
        return years, centre + slope * (years - at)


@dataclass
class PixelSeries:
    """What :func:`pixel_series` found: plain numbers (numpy arrays), labels and files."""
    path: str
    lon: float
    lat: float
    run: str = ""
    output: str = ""
    row: Optional[int] = None
    col: Optional[int] = None
    #: (years, values) of the annual total soil moisture (kg m-2).
    annual: Optional[Tuple[np.ndarray, np.ndarray]] = None
    trends: List[Trend] = field(default_factory=list)
    #: years and {depth label: (years x 4 seasons) array} of the seasonal soil moisture.
    seasonal_years: Optional[np.ndarray] = None
    seasonal: Dict[str, np.ndarray] = field(default_factory=dict)
    #: band labels and values of the 32 contributions (%) and of the 16 ω; their period.
    contribution_labels: List[str] = field(default_factory=list)
    contributions: Optional[np.ndarray] = None
    omega_labels: List[str] = field(default_factory=list)
    omega: Optional[np.ndarray] = None
    attribution_period: str = ""
    #: years and (years x 4 seasons) GPP; the band labels and values of r.
    gpp_years: Optional[np.ndarray] = None
    gpp: Optional[np.ndarray] = None
    r_labels: List[str] = field(default_factory=list)
    r: Optional[np.ndarray] = None
    units: Dict[str, str] = field(default_factory=dict)
    #: {part: path} of each file read.
    files: Dict[str, str] = field(default_factory=dict)
    #: (part, reason key of REASONS, detail) of what cannot be shown.
    missing: List[Tuple[str, str, str]] = field(default_factory=list)

    @property
    def is_tsmv(self):
        return not any(reason == "not_tsmv" for _, reason, _ in self.missing)

    def rows(self):
        """One (series, x label, value) per point of every series found, in the order shown;
        NaN where the stack holds no value."""
        out = []
        if self.annual is not None:
            out += [("annual TSM", "%d" % y, v) for y, v in zip(*self.annual)]
        for t in self.trends:
            name = "Sen line %d-%d" % (t.start, t.end)
            lines = [(name, None)] + [("%s %s" % (name, k), s) for k, s in (("lower", t.lower), ("upper", t.upper))
                                      if s is not None]
            for label, slope in lines:
                years, values = t.line(slope)
                out += [(label, "%d" % y, v) for y, v in zip(years, values)]
        for depth, values in self.seasonal.items():
            for s, season in enumerate(SEASONS):
                out += [("SM %s %s" % (season, depth), "%d" % y, v)
                        for y, v in zip(self.seasonal_years, values[:, s])]
        if self.contributions is not None:
            out += [("contribution", label, v) for label, v in zip(self.contribution_labels, self.contributions)]
        if self.omega is not None:
            out += [("omega", label, v) for label, v in zip(self.omega_labels, self.omega)]
        if self.gpp is not None:
            for s, season in enumerate(SEASONS):
                out += [("GPP %s" % season, "%d" % y, v) for y, v in zip(self.gpp_years, self.gpp[:, s])]
        if self.r is not None:
            out += [("r", label, v) for label, v in zip(self.r_labels, self.r)]
        return [(series, x, float(v)) for series, x, v in out]


def _cell(stack, lon, lat):
    """(row, col) of the cell of ``stack`` under the point, or None outside it."""
    g = stack.grid
    col, row = int(np.floor((lon - g.x0) / g.dx)), int(np.floor((g.y0 - lat) / g.dy))
    return (row, col) if 0 <= row < g.height and 0 <= col < g.width else None


def _read(path, lon, lat, labels=None):
    """(values at the point as float64, the stack's labels, the stack) or a reason key."""
    try:
        stack = Stack(path, "inspected")
    except TsmvError:
        return "unreadable"
    cell = _cell(stack, lon, lat)
    if cell is None:
        return "outside"
    bands = None if labels is None else stack.bands(labels)
    values = stack.read(cell[0], cell[0] + 1, bands)[:, 0, cell[1]].astype(np.float64)
    return values, stack.labels if labels is None else list(labels), stack


class Chain:
    """The TSMV files linked to one file: {file id: (path, metadata)} and each one's distance
    (links between them) from that file."""

    def __init__(self, path, candidates=()):
        self.files = {}
        pool = [path] + list(candidates)
        folder = os.path.dirname(os.path.abspath(path))
        pool += sorted(glob.glob(os.path.join(glob.escape(folder), "*.tif")))[:MAX_BESIDE]
        seen = set()
        while pool:
            candidate = os.path.abspath(str(pool.pop(0)))
            if candidate in seen:
                continue
            seen.add(candidate)
            metadata = file_metadata(candidate)
            fid = lineage.file_id(metadata)
            if not fid or not metadata.get(lineage.OUTPUT):
                continue
            self.files.setdefault(fid, (candidate, metadata))
            pool += list(lineage.recorded(metadata, lineage.FILES).values())  # the run's other rasters
        metadata = file_metadata(path)
        self.start = lineage.file_id(metadata)
        self.period = period(metadata)
        self.distance = self._distances()

    def _distances(self):
        links = {fid: set() for fid in self.files}
        by_run = {}
        for fid, (_, metadata) in self.files.items():
            by_run.setdefault(metadata[lineage.RUN], []).append(fid)
            for source in lineage.recorded(metadata, lineage.SOURCES).values():
                if source in links:
                    links[fid].add(source)
                    links[source].add(fid)
        for fids in by_run.values():
            for fid in fids:
                links[fid].update(f for f in fids if f != fid)
        distance, queue = {self.start: 0}, deque([self.start])
        while queue:
            fid = queue.popleft()
            for other in sorted(links.get(fid, ())):
                if other not in distance:
                    distance[other] = distance[fid] + 1
                    queue.append(other)
        return distance

    def find(self, test):
        """The linked files whose (output stem, metadata) pass ``test``, nearest first (of those
        as near, first those of the clicked file's period): [(file id, path, metadata)]."""
        found = [(self.distance[fid], period(metadata) != self.period, fid) for fid, (_, metadata) in self.files.items()
                 if fid in self.distance and test(stem(metadata), metadata)]
        return [(fid, self.files[fid][0], self.files[fid][1]) for _, _, fid in sorted(found)]

    def of_run(self, run, wanted):
        """{stem: (path, metadata)} of the run's files whose output stem is in ``wanted``."""
        return {stem(m): (p, m) for fid, (p, m) in self.files.items()
                if m[lineage.RUN] == run and stem(m) in wanted}


def period(metadata):
    """(START_YEAR, END_YEAR) a file records ((None, None) when it records none)."""
    return metadata.get("START_YEAR"), metadata.get("END_YEAR")


def stem(metadata):
    """The output a file was written as without its argument: 'seasonal_0_10' of
    'outputs.seasonal_0_10' (and of the Processing name 'SEASONAL_0_10')."""
    return (metadata.get(lineage.OUTPUT) or "").rpartition(".")[2].lower()


def _number(text):
    try:
        return int(text)
    except (TypeError, ValueError):
        return None


def pixel_series(path, lon, lat, candidates=()):
    """The series of the TSMV chain around ``path`` at the cell under (``lon``, ``lat``) in degrees:
    a :class:`PixelSeries`.  ``candidates``: other files to look among (the layers loaded)."""
    path = os.path.abspath(str(path))
    result = PixelSeries(path, float(lon), float(lat))
    metadata = file_metadata(path)
    if not metadata.get(lineage.RUN):
        result.missing.append(("layer", "not_tsmv", path))
        return result
    result.run, result.output = metadata[lineage.RUN], metadata.get(lineage.OUTPUT, "")
    got = _read(path, lon, lat)
    if isinstance(got, str):
        result.missing.append(("layer", got, path))
        return result
    result.row, result.col = _cell(got[2], lon, lat)
    if not np.isfinite(got[0]).any():  # the rest of the chain may still hold something there
        result.missing.append(("layer", "no_data", path))
    chain = Chain(path, candidates)

    def missing(part, reason, detail=""):
        result.missing.append((part, reason, detail))

    def read(part, found_path, labels=None):
        got = _read(found_path, lon, lat, labels)
        if isinstance(got, str):
            missing(part, got, found_path)
            return None
        result.files.setdefault(part, found_path)
        return got

    # the annual total soil moisture and the trends made from it
    annual = chain.find(lambda s, m: s == "annual_tsm")
    annual_id = None
    if annual:
        annual_id, annual_path, annual_meta = annual[0]
        got = read("annual", annual_path)
        if got:
            values, labels, stack = got
            result.annual = (np.array([int(y) for y in labels], np.float64), values)
            result.units["annual"] = annual_meta.get("UNITS", "")
            if not np.isfinite(values).any():
                missing("annual", "no_data", annual_path)
    else:
        missing("annual", "not_found", "annual_tsm")
    trends = chain.find(lambda s, m: m.get("TSMV_KIND") == "trend")
    # the trends of the annual series; without it, the nearest trend (the clicked one)
    trends = [t for t in trends if annual_id in lineage.recorded(t[2], lineage.SOURCES).values()] \
        if annual_id else trends[:1]
    for _, trend_path, trend_meta in trends:
        got = read("trend", trend_path)
        if not got:
            continue
        values, labels, _ = got
        v = dict(zip(labels, values))
        start, end = _number(trend_meta.get("START_YEAR")), _number(trend_meta.get("END_YEAR"))
        if start is None or end is None or not np.isfinite(v.get("slope", np.nan)):
            missing("trend", "no_data", trend_path)
            continue
        trend = Trend(start, end, v["slope"], v["intercept"], v.get("p_value", np.nan),
                      v.get("slope_lower"), v.get("slope_upper"), path=trend_path)
        if result.annual is not None:  # the Sen line passes through (median valid year, median value)
            years, tsm = result.annual
            inside = (years >= start) & (years <= end) & np.isfinite(tsm)
            if inside.any():
                trend.pivot = float(np.median(years[inside]))
        result.trends.append(trend)
    result.trends.sort(key=lambda t: (t.start, t.end))
    if not trends:
        missing("trend", "not_found", "tsmv:trend")

    # the seasonal stacks of the four layers (of the annual's run when it wrote them)
    seasonal = [(fid, p, m) for fid, p, m in chain.find(lambda s, m: s == "seasonal_" + LAYER_KEYS[0])]
    if annual_id:
        seasonal.sort(key=lambda f: f[2][lineage.RUN] != annual_id.partition(":")[0])
    seasons_run = seasonal[0][2][lineage.RUN] if seasonal else None
    if seasons_run:
        stacks = chain.of_run(seasons_run, ["seasonal_" + k for k in LAYER_KEYS] + ["codes"])
        for k, depth in zip(LAYER_KEYS, DEPTHS):
            if "seasonal_" + k not in stacks:
                missing("seasonal", "not_found", "seasonal_" + k)
                continue
            layer_path, layer_meta = stacks["seasonal_" + k]
            got = read("seasonal_" + k, layer_path)
            if not got:
                continue
            values, labels, _ = got
            _, keys = classify(labels, layer_path)
            years = sorted({y for y, _ in keys})
            table = np.full((len(years), 4), np.nan)
            for (y, s), value in zip(keys, values):
                table[years.index(y), s] = value
            result.seasonal_years = np.array(years, np.float64)
            result.seasonal[lineage.recorded_layer(layer_meta) or depth] = table
            result.units["seasonal"] = layer_meta.get("UNITS", "")
        if result.seasonal and not any(np.isfinite(t).any() for t in result.seasonal.values()):
            missing("seasonal", "no_data", stacks.get("seasonal_0_10", ("",))[0])
    else:
        missing("seasonal", "not_found", "seasonal_0_10")

    # the attribution: 32 contributions and ω of the nearest run
    components = chain.find(lambda s, m: s == "components" and m.get("TSMV_KIND") == "attribution")
    if components:
        _, components_path, components_meta = components[0]
        got = read("contributions", components_path)
        if got:
            result.contributions, result.contribution_labels, _ = got[0], got[1], got[2]
            result.attribution_period = "%s-%s" % (components_meta.get("START_YEAR", "?"),
                                                   components_meta.get("END_YEAR", "?"))
            if not np.isfinite(result.contributions).any():
                missing("contributions", "no_data", components_path)
        omega = chain.of_run(components_meta[lineage.RUN], ["omega"]).get("omega")
        got = read("omega", omega[0]) if omega else None
        if got:
            result.omega, result.omega_labels = got[0], got[1]
    else:
        missing("contributions", "not_found", "tsmv:attribution")

    # GPP by season (with the season codes of the seasons run) and r
    correlation = chain.find(lambda s, m: s == "r" and m.get("TSMV_KIND") == "correlation")
    gpp_id = None
    if correlation:
        _, r_path, r_meta = correlation[0]
        gpp_id = lineage.recorded(r_meta, lineage.SOURCES).get("gpp")
        got = read("r", r_path)
        if got:
            result.r, result.r_labels = got[0], got[1]
    gpp = [g for g in chain.find(lambda s, m: m.get("TSMV_KIND") == "gpp") if gpp_id in (None, g[0])] or \
        chain.find(lambda s, m: m.get("TSMV_KIND") == "gpp")
    codes = chain.of_run(seasons_run, ["codes"]).get("codes") if seasons_run else None
    if not gpp:
        missing("gpp", "not_found", "tsmv:gpp")
    elif not codes:
        missing("gpp", "not_found", "codes")
    else:
        gpp_path, codes_path = gpp[0][1], codes[0]
        got_gpp, got_codes = read("gpp", gpp_path), read("codes", codes_path)
        if got_gpp and got_codes:
            in_gpp = whole_year_months(classify(got_gpp[1], gpp_path)[1])
            in_codes = whole_year_months(classify(got_codes[1], codes_path)[1])
            years = [y for y in in_gpp if y in in_codes]
            if years:
                g = dict(zip(got_gpp[1], got_gpp[0]))
                c = dict(zip(got_codes[1], got_codes[0]))
                monthly = np.array([[g[m] for m in in_gpp[y]] for y in years])[:, :, None]
                coded = np.array([[c[m] for m in in_codes[y]] for y in years])[:, :, None]
                result.gpp_years = np.array(years, np.float64)
                result.gpp = seasonal_gpp(monthly, coded)[:, :, 0]
                result.units["gpp"] = gpp[0][2].get("UNITS", "")
            if result.gpp is None or not np.isfinite(result.gpp).any():
                missing("gpp", "no_data", gpp_path)
    return result
