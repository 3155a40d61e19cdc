"""Correlation of seasonal soil moisture with GPP by ecosystem (Li et al. 2025, sections 2.2, 3.4).

GPP_s(t) is the mean GPP over the three months coded s in year t at the pixel
(NaN if one of them is missing).  For every pixel, season s and depth d:
Pearson r between SM_{s,d}(t) and GPP_s(t) over the years where both exist
(at least MIN_YEARS = 5, else NaN; NaN too where either is constant) and its
two-sided p-value from the t distribution with n - 2 degrees of freedom.

The season codes must match how the seasonal stacks were ranked (their
RANK_BY metadata, written by tsmv:seasons): stacks ranked by the total
profile pair with the total-profile SEASON_CODES; stacks ranked by each layer
pair with SEASON_CODES_LAYERS, so that each layer's SM and its GPP_s come from
that layer's own months.  Any other pair is refused.  The root zone (10-100 cm)
is the sum of the 10-40 and 40-100 cm seasonal SM, correlated with GPP_s when
the stacks were ranked by the total profile (with per-layer ranking the two
layers' seasons are different months, so there is no root-zone season).

Beyond the paper (:class:`CorrelationOptions`; the defaults are the paper's):
DETREND removes each series' least-squares line on the year (over the years both
exist) before r and p; MAX_LAG correlates SM_s(t) with GPP_s(t) taken 0 ... MAX_LAG
months later (R_BEST_LAG, the largest r over the lags, and BEST_LAG, its lag);
with DETREND, also R_NOT_DETRENDED and P_NOT_DETRENDED, the r and p of the same pass without
it (the paper's r, to show beside the detrended one);
EFFECTIVE_N takes p from the effective sample size of Bretherton et al. (1999);
FDR judges significance by Benjamini-Hochberg q-values over the pixels of each band.
"""
import re
from dataclasses import dataclass, fields, replace
from functools import partial

import numpy as np

from ..bands import Band, BandMap
from ..checks import finite_in_range, significance_level
from ..io.coverage import VERSIONS, AreaMean, Coverage, join_versions
from ..errors import TsmvError, named
from ..labels import DEPTHS, LAYER_LABELS, SEASONS, month_label, season_label, whole_year_months, year_span
from ..steps.landcover import ECOSYSTEM_BANDS, ECOSYSTEM_CLASSES, ECOSYSTEMS
from ..io.lineage import SEASONS_RUN, one_run
from ..io.outputs import Outputs, given
from ..progress import as_log, as_progress
from ..io.raster import Stack, open_layers, same_grid, seasonal_files
from ..kernels.pearson import MIN_YEARS, correlate, seasonal_gpp
from ..kernels.trend import benjamini_hochberg
from ..io.style import diverging, p_value, sequential
from .tiles import Tiles

ROOT_ZONE_LAYERS = (1, 2)  # 10-40 and 40-100 cm


def root_zone_label(depths=DEPTHS):
    """The root zone's depth ('10-100 cm'): from the top of the first of ROOT_ZONE_LAYERS to the
    bottom of the last."""
    return "%s-%s" % (depths[ROOT_ZONE_LAYERS[0]].split("-")[0], depths[ROOT_ZONE_LAYERS[-1]].split("-", 1)[1])


def season_depths(depths=DEPTHS):
    """(season, depth) of each band of R and P, then of R_ROOT_ZONE and P_ROOT_ZONE."""
    return ([(s, d) for s in SEASONS for d in depths], [(s, root_zone_label(depths)) for s in SEASONS])


def correlation_bands(alpha=0.05, depths=DEPTHS):
    """{output key: BandMap} of r, p, r_root_zone, p_root_zone, r_best_lag, best_lag,
    r_not_detrended and p_not_detrended, bands 'H-S 0-10 cm' ..."""
    maps = {}
    lagged = (("r_best_lag", "Pearson r at the lag of the largest r", "", partial(diverging, "r")),
              ("best_lag", "lag in months (GPP after SM) of the largest r", "months",
               partial(sequential, "greens", "months")),
              ("r_not_detrended", "Pearson r (not detrended)", "", partial(diverging, "r")),
              ("p_not_detrended", "two-sided p-value of the Pearson r (not detrended)", "",
               partial(p_value, alpha)))
    for suffix, places in zip(("", "_root_zone"), season_depths(depths)):
        for name, what, units, style in (("r", "Pearson r", "", partial(diverging, "r")),
                                         ("p", "two-sided p-value of the Pearson r", "", partial(p_value, alpha))
                                         ) + (lagged if not suffix else ()):
            bands = [Band("%s %s" % (s, d), units, "%s of SM at %s and GPP in the %s season" % (what, d, s))
                     for s, d in places]
            bands[0] = replace(bands[0], style=style)
            maps[name + suffix] = BandMap(bands)
    return maps


CORRELATION_BANDS = correlation_bands()
#: TSMV_VALUE of each output: what its bands hold.
VALUES = {"r": "pearson r", "p": "p-value", "r_root_zone": "pearson r", "p_root_zone": "p-value",
          "r_best_lag": "pearson r at the best lag", "best_lag": "best lag in months",
          "r_not_detrended": "pearson r not detrended", "p_not_detrended": "p-value not detrended"}
BAND_LABELS = CORRELATION_BANDS["r"].labels
ROOT_ZONE = root_zone_label()
ROOT_ZONE_LABELS = CORRELATION_BANDS["r_root_zone"].labels
_LAYER_MONTH = re.compile(r"^(\d{4})-(\d{2}) (\S+) cm$")


#: The largest MAX_LAG: a lag of 12 months or more would pair a season with next year's.
MAX_LAG_LIMIT = 11


@dataclass(frozen=True)
class CorrelationOptions:
    """The options of tsmv:correlation beyond the paper (the defaults are the paper's):
    ``detrend`` each series first, GPP lagging SM by 0..``max_lag`` months, p from the
    ``effective_n``, significance by Benjamini-Hochberg q-values (``fdr``); ``years`` of the
    period (the regressor of DETREND, and which rows are consecutive years for EFFECTIVE_N)."""
    detrend: bool = False
    max_lag: int = 0
    effective_n: bool = False
    fdr: bool = False
    years: tuple = ()

    def significance(self, alpha):
        """The TABLE's rule of 'significant': 'p < 0.05', 'p (effective n) < 0.05', 'BH q < 0.05'
        or 'BH q (effective n) < 0.05'."""
        return "%s%s < %g" % ("BH q" if self.fdr else "p", " (effective n)" if self.effective_n else "", alpha)

    def outputs(self):
        """The (season, depth) outputs of a run with these options, in order: r and p; with a
        MAX_LAG, r_best_lag and best_lag; with DETREND, r_not_detrended and p_not_detrended."""
        return (("r", "p") + ("r_best_lag", "best_lag") * bool(self.max_lag)
                + ("r_not_detrended", "p_not_detrended") * self.detrend)

    def metadata(self):
        """The settings as the rasters record them."""
        return {"DETREND": bool(self.detrend), "MAX_LAG": self.max_lag,
                "EFFECTIVE_N": bool(self.effective_n), "FDR": bool(self.fdr)}


def checked_options(detrend=False, max_lag=0, effective_n=False, fdr=False, years=()):
    """CorrelationOptions, refused unless ``max_lag`` is a whole number of months 0..11."""
    lag = finite_in_range(max_lag, named("max_lag"), 0, MAX_LAG_LIMIT, whole=True)
    return CorrelationOptions(bool(detrend), int(lag), bool(effective_n), bool(fdr), tuple(int(y) for y in years))


@dataclass
class CorrelationRow:
    """One ecosystem, season and depth in the TABLE: pixels with r, the area-weighted mean r and
    p over them, and those with p < ALPHA (count, and percent of their area); ``significance``
    says which rule made them significant (:meth:`CorrelationOptions.significance`)."""
    ecosystem: str
    season: str
    depth: str
    pixels: int
    mean_r: float
    mean_p: float
    significant_pixels: int
    percent_significant: float
    significance: str

    def cells(self):
        """The row as the CSV has it."""
        return [self.ecosystem, self.season, self.depth, self.pixels, "%.6f" % self.mean_r,
                "%.6f" % self.mean_p, self.significant_pixels, "%.4f" % self.percent_significant,
                self.significance]


TABLE_HEADER = [f.name for f in fields(CorrelationRow)]
GROUPS = ("Global",) + ECOSYSTEMS


def ranking(seasonal):
    """'total' or 'layer': how the seasonal stacks were ranked (RANK_BY of tsmv:seasons)."""
    found = {stack.name: stack.metadata.get("RANK_BY") for stack in seasonal}
    for stack in seasonal:
        if found[stack.name] not in ("total", "layer"):
            raise TsmvError(
                "%s %s does not record how its months were ranked into seasons (metadata RANK_BY, "
                "'total' or 'layer', written by tsmv:seasons), so TSMV cannot tell which season "
                "codes belong to it: make the seasonal stacks with 'Classify wetness seasons', or "
                "set the item (gdal_edit.py -mo RANK_BY=total %s)" % (stack.name, stack.path, stack.path))
    return found[seasonal[0].name]  # the same in all four (open_layers)


class SeasonCodes:
    """The SEASON_CODES input: the total-profile codes (bands YYYY-MM), or the codes of each
    layer (SEASON_CODES_LAYERS, bands 'YYYY-MM 0-10 cm' ...), checked against ``rank_by``."""

    def __init__(self, path, rank_by, depths=DEPTHS):
        self.depths = depths
        stack = Stack(path, named("season_codes"), content=("season codes", "season codes by layer"))
        by_layer = stack.content == "season codes by layer" or (
            stack.content is None and all(_LAYER_MONTH.match(label) for label in stack.labels))
        if not by_layer:
            stack = Stack(path, named("season_codes"), kinds=("month",), content="season codes")
        want = "layer" if by_layer else "total"
        if rank_by != want:
            stack.close()
            raise TsmvError(
                "⟨season_codes⟩ %s holds %s, but the seasonal stacks were ranked %s (RANK_BY %s): "
                "SM and GPP would come from different months. Give ⟨season_codes⟩ the %s of the "
                "same run of tsmv:seasons" % (
                    path, "the season codes of each layer" if by_layer else "the total-profile codes",
                    "by each layer on its own" if rank_by == "layer" else "by the total profile",
                    rank_by, "SEASON_CODES_LAYERS ('Season codes of each layer')" if rank_by == "layer"
                    else "SEASON_CODES ('Season codes')"))
        self.stack, self.by_layer = stack, by_layer
        if by_layer:
            keys = {}
            for label in stack.labels:
                m = _LAYER_MONTH.match(label)
                if m is None or m.group(3) not in LAYER_LABELS:
                    raise TsmvError("⟨season_codes⟩ %s: band '%s' is not 'YYYY-MM <layer> cm' of the "
                                    "season codes of each layer" % (path, label))
                keys.setdefault(m.group(3), set()).add((int(m.group(1)), int(m.group(2))))
            self.keys = sorted(keys.get(LAYER_LABELS[0], ()))
            if any(keys.get(label, set()) != set(self.keys) for label in LAYER_LABELS):
                raise TsmvError("⟨season_codes⟩ %s does not hold the same months for all four layers"
                                % path)
        else:
            self.keys = stack.keys

    def bands(self, months):
        """Band indices of ``months`` (labels YYYY-MM) for each of the four layers."""
        if not self.by_layer:
            return [self.stack.bands(months)] * 4
        return [self.stack.bands(["%s %s" % (m, depth) for m in months]) for depth in self.depths]


def common_years(sm_years, code_years, gpp_years, start_year=None, end_year=None):
    """The years soil moisture, season codes and GPP all have, within START_YEAR..END_YEAR;
    refused when they do not overlap or are fewer than MIN_YEARS."""
    years = sorted(set(sm_years) & set(code_years) & set(gpp_years))
    if not years:
        raise TsmvError("⟨gpp⟩: its years (%s) do not overlap the years of the seasonal stacks (%d-%d)"
                        % ("%d-%d" % (min(gpp_years), max(gpp_years)) if gpp_years else "none",
                           min(sm_years), max(sm_years)))
    start, end = year_span(years[0], years[-1], start_year, end_year,
                           "soil moisture, season codes and GPP together")
    years = [y for y in years if start <= y <= end]
    if len(years) < MIN_YEARS:
        raise TsmvError("⟨start_year⟩..⟨end_year⟩ (%d-%d) holds %d years with soil moisture and GPP; the "
                        "correlation needs at least %d" % (start, end, len(years), MIN_YEARS))
    return years


def lagged_months(years, max_lag=0):
    """(year, month) of the GPP months read for ``years``: each year's 12 months and the
    ``max_lag`` months after them (those of the next year), years x (12 + max_lag)."""
    return [(y + (m - 1) // 12, (m - 1) % 12 + 1) for y in years for m in range(1, 13 + max_lag)]


def plan(seasonal, codes, gpp, start_year=None, end_year=None, max_lag=0):
    """The years of the period and the band labels to read: seasonal (years x 4), codes
    (years x 12) and GPP (years x (12 + max_lag), :func:`lagged_months`; a month the GPP
    stack lacks, past its last one, is None: read as NaN)."""
    have = set(seasonal[0].keys)
    sm_years = sorted({y for y, _ in have if all((y, s) in have for s in range(4))})
    code_years, gpp_years = whole_year_months(codes.keys), whole_year_months(gpp.keys)
    years = common_years(sm_years, code_years, gpp_years, start_year, end_year)
    gpp_have = set(gpp.keys)
    return (years, [season_label(y, s) for y in years for s in range(4)],
            [m for y in years for m in code_years[y]],
            [month_label(*key) if key in gpp_have else None for key in lagged_months(years, max_lag)])


#: The season codes of tsmv:seasons (1 H-S ... 4 A-S).
SEASON_CODE_VALUES = tuple(range(1, len(SEASONS) + 1))
#: The codes of the ecosystems of tsmv:landcover.
ECOSYSTEM_CODES = tuple(code for code, _, _ in ECOSYSTEM_CLASSES)


def refuse_other_codes(values, allowed, where, what):
    """Refuse codes (``where`` says whose) whose finite values are not all in ``allowed``: they
    are not what they claim to be, and ``what`` is what to give instead."""
    finite = values[np.isfinite(values)]
    bad = finite[~np.isin(finite, allowed)]
    if bad.size:
        raise TsmvError("%s holds values other than %s (e.g. %g); give %s"
                        % (where, "/".join("%g" % a for a in allowed), bad[0], what))


def check_codes(values, stack, allowed, what):
    """Refuse a stack whose finite values are not all in ``allowed`` (it is not what it claims)."""
    refuse_other_codes(values, allowed, "%s %s" % (stack.name, stack.path), what)


def open_ecosystems(path, name=named("ecosystems")):
    """The one-band ecosystems raster of tsmv:landcover, named ``name`` in messages."""
    eco = Stack(path, name, content="ecosystems")
    if eco.labels != ECOSYSTEM_BANDS.labels:
        raise TsmvError("%s %s has the bands %s; it must be the one-band OUTPUT of "
                        "tsmv:landcover (band 'ecosystem', codes 1-4)"
                        % (name, path, ", ".join("'%s'" % label for label in eco.labels[:3])
                           + (", ..." if eco.count > 3 else "")))
    return eco


@dataclass
class CorrelationTile:
    """A tile's r and p (16 season-depth bands, then the 4 root-zone bands when there is a root
    zone: (bands, pixels)), its seasonal SM (per depth, (years, 4, pixels)) and GPP_s (per depth,
    (years, 4, pixels)); with a MAX_LAG, the r at the best lag and that lag (16, pixels); with
    DETREND, the r and p (16, pixels) of the same series not detrended."""
    r: np.ndarray
    p: np.ndarray
    sm: list
    gpp: list
    r_best_lag: np.ndarray = None
    best_lag: np.ndarray = None
    r_not_detrended: np.ndarray = None
    p_not_detrended: np.ndarray = None

    def outputs(self):
        """{output key: values (bands, pixels)}; no root-zone values without a root zone, no
        lagged ones without a MAX_LAG, no not detrended ones without DETREND."""
        n = len(season_depths()[0])
        out = {"r": self.r[:n], "p": self.p[:n], "r_root_zone": self.r[n:], "p_root_zone": self.p[n:]}
        if self.best_lag is not None:
            out.update(r_best_lag=self.r_best_lag, best_lag=self.best_lag)
        if self.r_not_detrended is not None:
            out.update(r_not_detrended=self.r_not_detrended, p_not_detrended=self.p_not_detrended)
        return out


def best_lag(r):
    """(the largest r over the lags, the lag giving it) of ``r`` (lags, bands, pixels): NaN lags
    are skipped, a tie goes to the shorter lag, NaN where every lag is NaN."""
    none = np.isnan(r).all(axis=0)
    lag = np.where(np.isnan(r), -np.inf, r).argmax(axis=0)
    best = np.take_along_axis(r, lag[None], axis=0)[0]
    return best, np.where(none, np.nan, lag.astype(np.float64))


def correlation_tile(sm, monthly, codes, root_zone, check=None, depths=DEPTHS, options=CorrelationOptions()):
    """Pearson r and p of a tile: ``sm`` the seasonal SM of the four depths, each (years, 4,
    pixels); ``monthly`` GPP (years, 12 + options.max_lag, pixels: each year's months and the
    max_lag months after them); ``codes`` the season codes (years, 12, pixels) of the total
    profile (one array) or of each layer (four); ``root_zone``: also the root zone (the sum of
    ROOT_ZONE_LAYERS) against the total profile's GPP_s.  ``check(codes)`` refuses codes that
    are not 1-4; ``options`` the :class:`CorrelationOptions` (FDR is not the tile's: it needs
    every pixel); with DETREND, also the r and p of the 16 bands not detrended (lag 0, p by the
    same test: the paper's r and p unless EFFECTIVE_N).  The tile function of :func:`run_correlation` and
    :func:`tsmv_qgis.xr.correlation`."""
    for month_codes in codes:
        if check is not None:
            check(month_codes)
    places, roots_places = season_depths(depths)
    n_pix = monthly.shape[-1]
    r = np.empty((len(places) + len(roots_places) * root_zone, n_pix))
    p = np.empty_like(r)
    lagged = np.empty((options.max_lag + 1, len(places), n_pix))
    if options.detrend:
        r_plain, p_plain = np.empty((2, len(places), n_pix))
    settings = dict(years=options.years, detrend=options.detrend, effective=options.effective_n)
    for lag in range(options.max_lag + 1):
        g = [seasonal_gpp(monthly[:, lag:lag + 12], month_codes) for month_codes in codes]
        g = g if len(g) == len(depths) else g * len(depths)  # the total profile's GPP_s serves all four
        for k, (season, depth) in enumerate(places):
            s, d = SEASONS.index(season), depths.index(depth)
            if lag == 0:
                r[k], p[k] = correlate(sm[d][:, s], g[d][:, s], **settings)
                lagged[0, k] = r[k]
                if options.detrend:
                    r_plain[k], p_plain[k] = correlate(sm[d][:, s], g[d][:, s], **dict(settings, detrend=False))
            else:
                lagged[lag, k] = correlate(sm[d][:, s], g[d][:, s], with_p=False, **settings)[0]
        if lag == 0:
            gpp0 = g
    if root_zone:
        roots = sum(sm[d].astype(np.float64) for d in ROOT_ZONE_LAYERS)
        for k, (season, _) in enumerate(roots_places, len(places)):
            s = SEASONS.index(season)
            r[k], p[k] = correlate(roots[:, s], gpp0[0][:, s], **settings)
    tile = CorrelationTile(r, p, sm, gpp0)
    if options.max_lag:
        tile.r_best_lag, tile.best_lag = best_lag(lagged)
    if options.detrend:
        tile.r_not_detrended, tile.p_not_detrended = r_plain, p_plain
    return tile


def run_correlation(inputs, season_codes, gpp, ecosystems, outputs, start_year=None, end_year=None,
                    alpha=0.05, progress=None, log=None, detrend=False, max_lag=0, effective_n=False,
                    fdr=False):
    """R and P (16 bands), the root zone's R_ROOT_ZONE and P_ROOT_ZONE (4 bands, optional) and
    the per-ecosystem TABLE; returns the table rows (CorrelationRow).  Bands, the TABLE and the
    bands of per-layer season codes carry the depths of the product the stacks record (the root
    zone: from the top of the second layer to the bottom of the third, '7-100 cm' for ERA5-Land).
    ``detrend``, ``max_lag``, ``effective_n``, ``fdr``: see :class:`CorrelationOptions`; with
    a ``max_lag`` above 0, R_BEST_LAG and BEST_LAG (16 bands, optional); with ``detrend``,
    R_NOT_DETRENDED and P_NOT_DETRENDED (16 bands, optional: R and P as they would be without
    it, from the same read of the inputs).

    ``outputs`` keys: r, p, and optionally r_root_zone, p_root_zone, r_best_lag, best_lag,
    r_not_detrended, p_not_detrended, table.
    """
    alpha = significance_level(alpha)
    options = checked_options(detrend, max_lag, effective_n, fdr)
    progress = as_progress(progress)
    log = as_log(log)
    inputs, season_codes = seasonal_files(inputs, season_codes, codes=True)
    seasonal = open_layers(inputs, kinds=("season",), content="soil moisture", one_run=SEASONS_RUN)
    depths = seasonal[0].product.depths
    rank_by = ranking(seasonal)
    codes = SeasonCodes(season_codes, rank_by, depths)
    one_run(seasonal + [codes.stack], "give ⟨season_codes⟩ and the seasonal stacks of " + SEASONS_RUN)
    gpp_stack = Stack(gpp, named("gpp"), kinds=("month",), content="gpp")
    eco = open_ecosystems(ecosystems)
    grid = seasonal[0].grid
    for other in (codes.stack, gpp_stack, eco):
        same_grid(other, seasonal[0])
    years, sm_labels, code_labels, gpp_labels = plan(seasonal, codes, gpp_stack, start_year, end_year,
                                                     options.max_lag)
    options = replace(options, years=tuple(years))
    sm_index = [stack.bands(sm_labels) for stack in seasonal]
    code_index = codes.bands(code_labels)
    gpp_have = np.array([label is not None for label in gpp_labels])  # no month past GPP's last
    gpp_index = gpp_stack.bands([label for label in gpp_labels if label is not None])
    root_zone = rank_by == "total"
    if not root_zone and (outputs.get("r_root_zone") or outputs.get("p_root_zone")):
        log("The root zone (10-100 cm) is not written: the seasonal stacks were ranked by each "
            "layer, so the 10-40 and 40-100 cm seasons are different months")
    if not options.max_lag and (outputs.get("r_best_lag") or outputs.get("best_lag")):
        log("R_BEST_LAG and BEST_LAG are not written: MAX_LAG is 0 (no lag to choose from)")
    if not options.detrend and (outputs.get("r_not_detrended") or outputs.get("p_not_detrended")):
        log("R_NOT_DETRENDED and P_NOT_DETRENDED are not written: DETREND is off (R and P are not detrended)")
    n_years = len(years)
    places, roots_places = season_depths(depths)
    places = places + roots_places * root_zone  # (season, depth) of each band of r and p
    n_bands = len(places)
    bands = correlation_bands(alpha, depths)
    weights = grid.cell_weights()
    # the TABLE's means by ecosystem group and band: of r, of p, and of p < alpha (1 or 0)
    means = {name: (AreaMean(n_bands), AreaMean(n_bands), AreaMean(n_bands)) for name in GROUPS}
    period = "%d-%d" % (years[0], years[-1])
    versions = join_versions(stack.versions(bands) for stack, bands in zip(seasonal, sm_index))
    coverage = Coverage(["no soil moisture in the period", "no GPP in the period",
                         "fewer than %d years with both" % MIN_YEARS, "a constant series"])
    meta = {"START_YEAR": years[0], "END_YEAR": years[-1], "RANK_BY": rank_by, VERSIONS: versions,
            "TSMV_KIND": "correlation", "ALPHA": alpha, **options.metadata()}
    inputs_read = {s.name: s.path for s in seasonal + [codes.stack, gpp_stack, eco]}
    keys = list(options.outputs()) + ["r_root_zone", "p_root_zone"] * root_zone
    if options.fdr:  # what Benjamini-Hochberg needs of every pixel: p as written, and the ecosystem
        p_all = np.full((n_bands, grid.height * grid.width), np.nan, np.float32)
        eco_all = np.full(grid.height * grid.width, np.nan, np.float32)
    rasters = dict(given(outputs, ["r", "p"]), **{named("outputs", key): outputs.get(key) for key in keys[2:]})
    with Outputs(inputs_read, rasters=rasters,
                 tables={named("outputs", "table"): outputs.get("table")}, log=log) as out:
        writers = {}
        for key, band_map in bands.items():
            if out.wanted(named("outputs", key)):
                writers[key] = band_map.stack(out, named("outputs", key), grid, metadata=dict(
                    meta, TSMV_VALUE=VALUES[key]))
        def read(strip):
            r0, r1, shape = strip.row0, strip.row1, (n_years, 12, strip.pixels)
            sm = [stack.read(r0, r1, bands).reshape(n_years, 4, strip.pixels)
                  for stack, bands in zip(seasonal, sm_index)]
            month_codes = [codes.stack.read(r0, r1, code_index[d]).reshape(shape)
                           for d in range(4 if codes.by_layer else 1)]
            monthly = gpp_stack.read(r0, r1, gpp_index)
            if not gpp_have.all():
                have, monthly = monthly, np.full((len(gpp_labels),) + monthly.shape[1:], np.nan, np.float32)
                monthly[gpp_have] = have
            return sm, monthly.reshape(n_years, 12 + options.max_lag, strip.pixels), month_codes, root_zone

        def check(month_codes):
            check_codes(month_codes, codes.stack, SEASON_CODE_VALUES, "season codes of tsmv:seasons (codes 1-4)")

        def keep(strip, inputs, tile):
            sm, g, r, p, n_pix = tile.sm, tile.gpp, tile.r, tile.p, strip.pixels
            has_sm = np.isfinite(np.stack(sm)).any(axis=(0, 1, 2))
            has_gpp = np.isfinite(np.stack(g)).any(axis=(0, 1, 2))
            both = np.max([(np.isfinite(sm[d][:, s]) & np.isfinite(g[d][:, s])).sum(axis=0)
                           for d in range(4) for s in range(4)], axis=0)  # most years of a pair
            kept = np.isfinite(tile.outputs()["r"]).any(axis=0)
            coverage.add(kept, ~has_sm, ~has_gpp, both < MIN_YEARS, ~kept)
            ecosystem = eco.read(strip.row0, strip.row1, [0]).reshape(n_pix)
            check_codes(ecosystem, eco, ECOSYSTEM_CODES, "the OUTPUT of tsmv:landcover (codes 1-4)")
            w = np.repeat(weights[strip.row0:strip.row1], grid.width)
            for e, name in enumerate(GROUPS):
                member = np.ones(n_pix, bool) if e == 0 else (ecosystem == e)
                ok = member[None] & np.isfinite(r)
                for mean, values in zip(means[name][:3 - options.fdr], (r, p, p < alpha)):
                    mean.add(values, ok, w)
            if options.fdr:
                pixels = slice(strip.row0 * grid.width, strip.row1 * grid.width)
                p_all[:, pixels], eco_all[pixels] = p, ecosystem
        # per pixel-year: 16 seasonal values, 12 months of GPP and of each layer's codes, in
        # float64 with pearson()'s work arrays: about 1 KB; per lag 16 more r and a GPP month; with
        # DETREND 16 more r and p
        Tiles(grid, (1024 + 48 * options.max_lag) * n_years + 128 * options.max_lag + 256 * options.detrend,
              writers).run(
            read, lambda *inputs: correlation_tile(*inputs, check=check, depths=depths, options=options), keep,
            progress=progress)
        if options.fdr:  # significant: the Benjamini-Hochberg q-value of each band's pixels below alpha
            significant = np.stack([benjamini_hochberg(band) < alpha for band in p_all])
            w = np.repeat(weights, grid.width)
            for start in range(0, w.size, 1 << 16):  # added in slices, as the tiles add the rest
                at = slice(start, start + (1 << 16))
                for e, name in enumerate(GROUPS):
                    member = np.ones(w[at].shape, bool) if e == 0 else (eco_all[at] == e)
                    means[name][2].add(significant[:, at], member[None] & np.isfinite(p_all[:, at]), w[at])
        for writer in writers.values():
            writer.add_metadata(coverage.metadata())
        log("Correlation over %s: %s" % (period, coverage.text()))
        table = []
        for name in GROUPS:
            r_mean, p_mean, significant = means[name]
            for k, (season, depth) in enumerate(places):
                table.append(CorrelationRow(
                    name, season, depth, int(r_mean.pixels[k]), float(r_mean.mean[k]), float(p_mean.mean[k]),
                    int(significant.total[k]), float(100 * significant.mean[k]), options.significance(alpha)))
        if outputs.get("table"):
            out.table(named("outputs", "table"), TABLE_HEADER, [row.cells() for row in table])
    return table
