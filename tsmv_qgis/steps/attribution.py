"""Attribution of total soil-moisture variability (Li et al. 2025, sections 2.3-2.4, eq. 1-10).

With x_{s,d}(t) = SM_{s,d}(t) / 4 (season s, depth d), TSM(t) = sum x_{s,d}(t).
alpha, alpha_{s,d} are the ordinary-least-squares lines on t and beta,
beta_{s,d} the residuals.  Then, in percent,

    RC^Trend_{s,d} = Cov(alpha, alpha_{s,d}) / Var(TSM)
    RC^IAV_{s,d}   = Cov(beta, beta_{s,d}) / Var(TSM)

and the 32 terms sum to 100, because alpha = sum alpha_{s,d} and residuals
are uncorrelated with lines.  Vectorised: with t centred (t_c) and slopes
b = sum t_c X_c / sum t_c^2, Cov(alpha, alpha_{s,d}) = b b_{s,d} sum t_c^2 / T
and Cov(beta, beta_{s,d}) = Cov(TSM, x_{s,d}) - Cov(alpha, alpha_{s,d}).
omega_{s,d} = (RC^Trend + RC^IAV) / P_{s,d}, P_{s,d} = 100 mean x_{s,d} / mean TSM.

With a BOOTSTRAP of N replicates, each term also gets a 95 % interval from a moving-block
bootstrap over the years (Kuensch 1989): a replicate draws ceil(n/BLOCK) starts of blocks of
BLOCK consecutive years, uniformly from the period's first n - BLOCK + 1 years, and keeps the
first n years of the blocks put end to end.  A replicate resamples (year, SM) pairs: every value
keeps its own year as the x of the least-squares lines, so a replicate's lines estimate the same
trend and the Trend terms vary only as much as the data let them (renumbering the drawn years
0..n-1 would scramble the blocks' order and leave the Trend terms near 0, the distribution
without a trend, not the uncertainty of the trend found).  All 16 series of a pixel take the
same years, and so does every pixel with the same block length.  BLOCK 0 chooses the block
length pixel by pixel from the lag-1 autocorrelation r1 of the TSM's residuals from its line,
round(n^(1/3) (2 r1 / (1 - r1^2))^(2/3)) between 1 and n (Carlstein 1986, for an AR(1) series;
r1 <= 0 gives 1).  The bounds are the 2.5th and 97.5th percentiles of the replicates' terms
(numpy.percentile, linear interpolation), leaving out the rare replicate whose TSM is constant
or that holds a single year.
"""
from dataclasses import dataclass, fields, replace
from functools import partial

import numpy as np

from ..bands import Band, BandMap
from ..kernels.attribution import PERCENTILES, Attribution, attribute, bootstrap_bounds
from ..io.coverage import VERSIONS, AreaMean, Coverage, join_versions, mixed_versions
from ..checks import finite_in_range
from ..errors import TsmvError, named
from ..labels import DEPTHS, SEASONS, season_label, year_span
from ..io.lineage import SEASONS_RUN
from ..io.outputs import Outputs, given
from ..progress import as_log, as_progress
from ..io.raster import open_layers, seasonal_files
from ..io.style import categorical, diverging, sequential
from .tiles import Tiles

DYNAMICS = ("Trend", "IAV")
#: The outputs of the bootstrap (BOOTSTRAP above 0): the bounds of each component.
BOUNDS = ("components_lower", "components_upper")
#: The largest SEED (a QGIS integer parameter holds 32 bits).
MAX_SEED = 2**31 - 1


def component_classes(depths=DEPTHS):
    """(code, label, colour) of the 32 components: warm = Trend, cool = IAV, darker = deeper."""
    hues = {"Trend": ["#b2182b", "#e66101", "#8c510a", "#c51b7d"],
            "IAV": ["#2166ac", "#1b7837", "#5e3c99", "#01665e"]}
    classes = []
    for c, dynamic in enumerate(DYNAMICS):
        for s, season in enumerate(SEASONS):
            for d, depth in enumerate(depths):
                rgb = [int(hues[dynamic][s][i:i + 2], 16) for i in (1, 3, 5)]
                pale = [int(v + (255 - v) * 0.22 * (3 - d)) for v in rgb]
                classes.append((len(classes) + 1, "%s %s %s" % (dynamic, season, depth),
                                "#%02x%02x%02x" % tuple(pale)))
    return classes


def attribution_bands(depths=DEPTHS):
    """{output key: BandMap} of the attribution's outputs, the depths labelled ``depths``.
    The components are coded 1 + 16 c + 4 s + d (their band numbers), the order of
    :func:`tsmv_qgis.kernels.attribution.attribute`."""
    classes = component_classes(depths)
    percent = partial(diverging, "%")
    components = [Band(label, "%", "RC^%s of the %s season at %s" % tuple(label.split(" ", 2)))
                  for _, label, _ in classes]
    components[0] = replace(components[0], style=percent)
    bounds = {key: BandMap([replace(band, long_name="%s of %s over the bootstrap replicates" % (side, band.long_name))
                            for band in components])
              for key, side in zip(BOUNDS, ("2.5th percentile", "97.5th percentile"))}
    return dict({
        "components": BandMap(components),
        "by_season": BandMap([Band(s, "%", "sum of the components of the %s season" % s) for s in SEASONS],
                             style=percent),
        "by_depth": BandMap([Band(d, "%", "sum of the components at %s" % d) for d in depths], style=percent),
        "by_dynamic": BandMap([Band(c, "%", "sum of the %s components" % c) for c in DYNAMICS], style=percent),
        "omega": BandMap([Band("%s %s" % (s, d), "", "omega: contribution over storage share, %s %s" % (s, d))
                          for s in SEASONS for d in depths], style=partial(diverging, "", centre=1.0)),
        "dominant": BandMap([
            Band("top1_code", "", "code of the largest component", partial(categorical, classes)),
            Band("top1_percent", "%", "the largest component", partial(sequential, "moisture", "%"),
                 "top1_percent"),
            Band("top2_code", "", "code of the second largest component", partial(categorical, classes), "top2"),
            Band("top2_percent", "%", "the second largest component")])}, **bounds)


ATTRIBUTION_BANDS = attribution_bands()
COMPONENT_LABELS = ATTRIBUTION_BANDS["components"].labels
OMEGA_LABELS = ATTRIBUTION_BANDS["omega"].labels
DOMINANT_LABELS = ATTRIBUTION_BANDS["dominant"].labels


@dataclass
class AttributionRow:
    """One component in the TABLE: its mean contribution (percent of Var(TSM)) over the pixels
    attributed, area-weighted and not, and the area-weighted mean omega of its season and depth."""
    code: int
    dynamic: str
    season: str
    depth: str
    mean_percent: float
    mean_percent_unweighted: float
    mean_omega: float
    pixels: int
    #: With a bootstrap: the area-weighted means of the component's bounds, and the percent of
    #: the area (of the pixels with bounds) whose interval excludes 0.
    mean_lower: float = None
    mean_upper: float = None
    percent_excluding_zero: float = None

    def cells(self):
        """The row as the CSV has it (the bootstrap's columns only with a bootstrap)."""
        cells = [self.code, self.dynamic, self.season, self.depth, "%.6f" % self.mean_percent,
                 "%.6f" % self.mean_percent_unweighted, "%.6f" % self.mean_omega, self.pixels]
        if self.mean_lower is not None:
            cells += ["%.6f" % v for v in (self.mean_lower, self.mean_upper, self.percent_excluding_zero)]
        return cells


#: The columns of the TABLE; with a BOOTSTRAP, BOOTSTRAP_COLUMNS follow.
BOOTSTRAP_COLUMNS = ["mean_lower", "mean_upper", "percent_excluding_zero"]
TABLE_HEADER = [f.name for f in fields(AttributionRow) if f.name not in BOOTSTRAP_COLUMNS]


@dataclass
class AttributionTile:
    """A tile's SM_{s,d}(t) (years, 16, pixels) and its :class:`Attribution`; with a bootstrap,
    the bounds (2, 32, pixels: lower, upper) and each pixel's block length (0: not attributed)."""
    sm: np.ndarray
    result: Attribution
    bounds: np.ndarray = None
    blocks: np.ndarray = None

    def outputs(self):
        """{output key: values (bands, pixels)}."""
        result = self.result
        outputs = {"components": result.components, "by_season": result.by_season(),
                   "by_depth": result.by_depth(), "by_dynamic": result.by_dynamic(), "omega": result.omega,
                   "dominant": result.dominant()}
        if self.bounds is not None:
            outputs.update(zip(BOUNDS, self.bounds))
        return outputs


@dataclass
class Bootstrap:
    """The settings of the bootstrap: ``replicates`` (0: none), ``block`` (years; 0: automatic),
    ``seed`` (a whole number)."""
    replicates: int = 0
    block: int = 0
    seed: int = 0

    def metadata(self):
        return {"BOOTSTRAP": self.replicates, "BLOCK": self.block or "automatic", "SEED": self.seed,
                "PERCENTILES": "%g %g" % PERCENTILES}


def checked_bootstrap(replicates, block, seed, n_years):
    """The :class:`Bootstrap` of BOOTSTRAP, BLOCK and SEED (None: a random seed, which the run
    records), refused unless whole numbers and BLOCK at most the period's ``n_years``."""
    replicates = finite_in_range(replicates, named("bootstrap"), 0, 1000000, whole=True)
    block = finite_in_range(block, named("block"), 0, 9999, whole=True)
    if block > n_years:
        raise TsmvError("%s %d is longer than the period (%d years); a block is at most the period, "
                        "0 chooses it from the autocorrelation" % (named("block"), block, n_years))
    if seed is None:
        seed = int(np.random.SeedSequence().entropy % (MAX_SEED + 1))
    seed = finite_in_range(seed, named("seed"), 0, MAX_SEED, whole=True)
    return Bootstrap(replicates, block, seed)


def attribution_tile(layers, years, depths=DEPTHS, bootstrap=Bootstrap()):
    """The attribution of a tile from the seasonal SM of the four depths, each (years, 4 seasons,
    pixels), and the bootstrap's bounds with a :class:`Bootstrap` of replicates: the tile
    function of :func:`run_attribution` and :func:`tsmv_qgis.xr.attribution`."""
    places = attribution_bands(depths)["omega"]  # SM_{s,d} in the order of the omega bands
    sm = np.empty((len(years), len(places), layers[0].shape[-1]))
    for depth, layer in zip(depths, layers):
        sm[:, [places.index("%s %s" % (s, depth)) for s in SEASONS]] = layer
    tile = AttributionTile(sm, attribute(sm, years))
    if bootstrap.replicates:
        lower, upper, tile.blocks = bootstrap_bounds(sm, years, bootstrap.replicates, bootstrap.block, bootstrap.seed)
        tile.bounds = np.stack([lower, upper])
    return tile


def attribution_years(have, start_year=None, end_year=None, where="the seasonal stacks", lacking=None):
    """The years START_YEAR..END_YEAR (default: all the years of ``have``, the (year, season
    index) pairs there are), refused when fewer than 3 or when a season-year is not in ``have``
    (``lacking(year, season)`` says what lacks it)."""
    found = sorted({y for y, _ in have})
    start, end = year_span(found[0], found[-1], start_year, end_year, where)
    years = list(range(start, end + 1))
    if len(years) < 3:
        raise TsmvError("⟨start_year⟩..⟨end_year⟩ (%d-%d) has %d years; the attribution needs at least 3"
                        % (start, end, len(years)))
    for y in years:
        for s in range(len(SEASONS)):
            if (y, s) not in have:
                raise TsmvError("%s; every season of every year of %d-%d is needed" % (lacking(y, s), start, end))
    return years


def plan_years(stacks, start_year=None, end_year=None):
    """The years of the period and the band labels (years x 4 seasons) to read from each stack."""
    first = stacks[0]
    years = attribution_years(set(first.keys), start_year, end_year, lacking=lambda y, s: "%s %s has no band '%s'" % (
        first.name, first.path, season_label(y, s)))
    return years, [season_label(y, s) for y in years for s in range(4)]


def run_attribution(inputs, outputs, start_year=None, end_year=None, progress=None, log=None,
                    bootstrap=0, block=0, seed=None):
    """Attribute TSM variability from the four seasonal stacks and write the outputs.

    ``outputs`` keys: components, by_season, by_depth, by_dynamic, omega,
    dominant (GeoTIFFs) and table (CSV), and with a ``bootstrap`` (replicates; ``block``
    years per block, 0 automatic; ``seed``, None a random one the log and the outputs record)
    also components_lower and components_upper; returns the table rows (AttributionRow).
    Bands and rows carry the depths of the product the stacks record ('Trend H-S 0-7 cm' for
    ERA5-Land).
    """
    log = as_log(log)
    progress = as_progress(progress)
    stacks = open_layers(seasonal_files(inputs)[0], kinds=("season",), content="soil moisture", one_run=SEASONS_RUN)
    depths = stacks[0].product.depths
    years, labels = plan_years(stacks, start_year, end_year)
    settings = checked_bootstrap(bootstrap, block, seed, len(years))
    asked = [key for key in BOUNDS if outputs.get(key)]
    if asked and not settings.replicates:
        raise TsmvError("%s: the bounds need a %s of at least 1 replicate"
                        % (", ".join(named("outputs", key) for key in asked), named("bootstrap")))
    index = [stack.bands(labels) for stack in stacks]
    grid = stacks[0].grid
    period = "%d-%d" % (years[0], years[-1])
    versions = join_versions(stack.versions(bands) for stack, bands in zip(stacks, index))
    warning = mixed_versions(versions, "The period %s" % period)
    if warning:
        log.warn(warning)
    coverage = Coverage(["no data in the period", "a missing season-year in the period",
                         "constant total soil moisture"])
    meta = {"TSMV_KIND": "attribution", "START_YEAR": years[0], "END_YEAR": years[-1], "UNITS": "%",
            VERSIONS: versions}
    bands = attribution_bands(depths)
    if not settings.replicates:
        bands = {key: band_map for key, band_map in bands.items() if key not in BOUNDS}
    weights = grid.cell_weights()
    contribution, omega = AreaMean(len(bands["components"])), AreaMean(len(bands["omega"]))  # the TABLE's means
    lower, upper, excluding = (AreaMean(len(bands["components"])) for _ in range(3))  # with a bootstrap
    block_pixels = np.zeros(len(years) + 1)  # pixels by block length
    with Outputs({s.name: s.path for s in stacks},
                 rasters=given(outputs, [key for key in bands if key not in BOUNDS] + asked),
                 tables={named("outputs", "table"): outputs.get("table")}) as out:
        writers = {key: band_map.stack(out, named("outputs", key), grid,
                                       metadata=dict(meta, **settings.metadata()) if key in BOUNDS else meta)
                   for key, band_map in bands.items() if key not in BOUNDS or key in asked}

        def read(strip):
            return [stack.read(strip.row0, strip.row1, bands).reshape(len(years), 4, strip.pixels)
                    for stack, bands in zip(stacks, index)], years

        def keep(strip, inputs, tile):
            result = tile.result
            kept = np.isfinite(result.components[0])
            complete = np.isfinite(tile.sm).all(axis=1)  # (years, pixels)
            coverage.add(kept, ~complete.any(axis=0), ~complete.all(axis=0), ~kept)
            w = np.repeat(weights[strip.row0:strip.row1], grid.width)
            contribution.add(result.components, kept, w)
            omega.add(result.omega, np.isfinite(result.omega), w)
            if tile.bounds is not None:
                low, high = tile.bounds
                has = np.isfinite(low) & np.isfinite(high)
                lower.add(low, has, w)
                upper.add(high, has, w)
                excluding.add(100.0 * ((low > 0) | (high < 0)), has, w)
                block_pixels[:] += np.bincount(tile.blocks[kept], minlength=block_pixels.size)
        if settings.replicates:
            log("Bootstrap: %d replicates, blocks of %s, seed %d (the same seed gives the same bounds)"
                % (settings.replicates, "%d years" % settings.block if settings.block else
                   "a length chosen pixel by pixel", settings.seed))
        # a float64 (years, 16) series per pixel, and about 8 arrays of its size in attribute();
        # the bootstrap holds its replicates for a few pixels at a time (kernels.attribution.CHUNK_BYTES)
        Tiles(grid, 8 * 16 * len(years) * 8 + 2 * 32 * 8, writers).run(
            read, lambda layers, years: attribution_tile(layers, years, depths, settings), keep, progress=progress)
        table = []
        for k, band in enumerate(bands["components"]):
            dynamic, season, depth = band.name.split(" ", 2)
            table.append(AttributionRow(k + 1, dynamic, season, depth, float(contribution.mean[k]),
                                        float(contribution.plain_mean[k]),
                                        float(omega.mean[bands["omega"].index("%s %s" % (season, depth))]),
                                        int(contribution.pixels[k])))
            if settings.replicates:
                table[-1] = replace(table[-1], mean_lower=float(lower.mean[k]), mean_upper=float(upper.mean[k]),
                                    percent_excluding_zero=float(excluding.mean[k]))
        for writer in writers.values():
            writer.add_metadata(coverage.metadata())
        log("Attribution over %s: %s (a pixel needs every season of every year; the trend, "
            "by contrast, skips missing years)" % (period, coverage.text()))
        if settings.replicates and block_pixels.sum():
            used = np.nonzero(block_pixels)[0]
            log("Bootstrap blocks: %s" % ", ".join("%d year%s on %d pixels" % (b, "s" if b > 1 else "", block_pixels[b])
                                                   for b in used))
        if outputs.get("table"):
            out.table(named("outputs", "table"), TABLE_HEADER + BOOTSTRAP_COLUMNS * bool(settings.replicates),
                      [row.cells() for row in table])
    return table
