"""Sen's slope and Mann-Kendall trends of labelled stacks (Li et al. 2025, sections 2.2, 3.1).

A yearly stack (bands ``YYYY``) is used as it is; a seasonal stack
(``YYYY H-S``) gives the series of one season; a monthly stack (``YYYY-MM``)
is aggregated to years (mean, minimum or maximum of the 12 months; a year with
a missing month is missing), except for the seasonal Kendall test (METHOD
"seasonal"), which takes the months themselves.  Missing years are skipped by
the test; slopes are per year.
"""
import statistics
from dataclasses import dataclass, fields
from functools import partial

import numpy as np

from ..bands import Band, BandMap
from ..checks import finite_in_range, significance_level
from ..io.coverage import VERSIONS, Coverage, mixed_versions
from ..errors import TsmvError, named
from ..labels import KIND_NAMES, SEASONS, classify, year_span
from ..kernels.mannkendall import (MannKendall, original_test_with_interval, seasonal_test_with_interval,
                                   sen_interval)
from ..kernels.modified import MODIFIED, modified_test
from ..kernels.trend import benjamini_hochberg, trend_classes
from ..progress import as_log, as_progress
from ..io.outputs import Outputs
from ..io.raster import Stack
from ..io.style import TREND_CLASSES, categorical, diverging, p_value
from .tiles import Tiles

METHODS = ("original",) + MODIFIED + ("seasonal",)
#: The months of a year: the seasons of the seasonal Kendall test.
PERIOD = 12
AGGREGATES = ("mean", "min", "max")
#: The bands the test gives (fields of a MannKendall), first in the OUTPUT.
TEST_BANDS = ("slope", "intercept", "p_value", "z", "tau", "s")
#: The bands of the Sen slope interval (with a CONFIDENCE), last in the OUTPUT.
INTERVAL_BANDS = ("slope_lower", "slope_upper")


def trend_bands(units="units", alpha=0.05, fdr=False, confidence=0):
    """The bands of the trend OUTPUT, of an input in ``units``; with ``fdr`` also q_value; with a
    ``confidence`` (not 0) also slope_lower and slope_upper, last (readers find bands by name)."""
    per_year = "%s per year" % units
    bands = [Band("slope", per_year, "Sen's slope", partial(diverging, per_year)),
             Band("intercept", units, "the Sen line at the first year of the period"),
             Band("p_value", "", "two-sided p-value of the Mann-Kendall test", partial(p_value, alpha), "p_value"),
             Band("z", "", "Mann-Kendall z"),
             Band("tau", "", "Kendall's tau"),
             Band("s", "", "Mann-Kendall S"),
             Band("trend", "", "-1 significant decrease, 0 none, +1 significant increase",
                  partial(categorical, TREND_CLASSES), "trend")]
    if fdr:
        bands.append(Band("q_value", "", "Benjamini-Hochberg q-value"))
    if confidence:
        for name, side in zip(INTERVAL_BANDS, ("lower", "upper")):
            long_name = "%s bound of the %g%% confidence interval of Sen's slope (Gilbert 1987)" % (side, 100 * confidence)
            bands.append(Band(name, per_year, long_name, partial(diverging, per_year), name))
    return BandMap(bands)


#: The bands every trend OUTPUT has (what the report requires).
BANDS = tuple(trend_bands().labels)


@dataclass
class Series:
    """Which bands make each step of the series: ``bands[i]`` lists the bands of step i, a year
    of ``years`` (or, with ``aggregate`` None, a month: 12 steps a year, January first)."""
    years: list
    bands: list
    aggregate: str

    def read(self, stack, r0, r1):
        """The series of rows r0..r1 as float64 (pixels, steps), NaN for missing years (months)."""
        needed = sorted({b for bands in self.bands for b in bands})
        data = stack.read(r0, r1, needed).reshape(len(needed), -1) if needed else None
        where = {b: i for i, b in enumerate(needed)}
        out = np.full(((r1 - r0) * stack.grid.width, len(self.bands)), np.nan)
        for t, bands in enumerate(self.bands):
            if not bands:
                continue
            values = data[[where[b] for b in bands]].astype(np.float64)
            if len(bands) == 1:
                out[:, t] = values[0]
            else:  # a year of months: NaN if any month is missing
                out[:, t] = getattr(values, self.aggregate)(axis=0)
        return out


def plan_series(labels, name=named("source"), season=None, aggregate="mean", start_year=None,
                end_year=None, method="original"):
    """The yearly series a stack gives, over START_YEAR..END_YEAR (default: all its years); for
    the ``method`` "seasonal", the monthly series of a monthly stack."""
    kind, keys = classify(labels, name)
    if season is not None and kind != "season":
        raise TsmvError("⟨season⟩ is set, but %s is a %s stack; ⟨season⟩ picks the season of a seasonal "
                        "stack (bands 'YYYY H-S'): leave it empty" % (name, KIND_NAMES[kind]))
    if method == "seasonal":
        if kind != "month":
            raise TsmvError("⟨method⟩ seasonal (the seasonal Kendall test) needs a monthly stack (bands "
                            "YYYY-MM), but %s is a %s stack; choose another ⟨method⟩, or give the "
                            "monthly stack" % (name, KIND_NAMES[kind]))
        where = {key: b for b, key in enumerate(keys)}
        start, end = year_span(min(y for y, m in keys), max(y for y, m in keys), start_year, end_year, name)
        years = list(range(start, end + 1))
        return Series(years, [[where[y, m]] if (y, m) in where else [] for y in years
                              for m in range(1, PERIOD + 1)], None)
    if kind == "year":
        by_year = {y: [b] for b, y in enumerate(keys)}
    elif kind == "season":
        if season is None:
            raise TsmvError("%s is a seasonal stack (bands like '%s'): choose a ⟨season⟩"
                            % (name, labels[0]))
        by_year = {y: [b] for b, (y, s) in enumerate(keys) if s == season}
        if not by_year:
            raise TsmvError("%s has no %s bands" % (name, SEASONS[season]))
    else:
        if aggregate not in AGGREGATES:
            raise TsmvError("⟨aggregate⟩ must be one of %s" % ", ".join(AGGREGATES))
        months = {}
        for b, (y, m) in enumerate(keys):
            months.setdefault(y, {})[m] = b
        by_year = {y: [ms[m] for m in range(1, 13)] if len(ms) == 12 else []
                   for y, ms in months.items()}
    start, end = year_span(min(by_year), max(by_year), start_year, end_year, name)
    years = list(range(start, end + 1))
    return Series(years, [by_year.get(y, []) for y in years], aggregate)


def result_bands(result):
    """The first six bands of a trend output (slope ... s) from a MannKendall: (6, pixels)."""
    return np.stack([getattr(result, band) for band in TEST_BANDS])


@dataclass
class TrendTile:
    """The test of a tile's series: the MannKendall ``result``, the sign of z (int8, 0 where
    NaN), whether |z| > z(1 - alpha/2), each pixel's valid years, and the Sen slope interval
    (2, pixels: slope_lower, slope_upper) or None without a CONFIDENCE."""
    result: MannKendall
    z_sign: np.ndarray
    z_over: np.ndarray
    valid_years: np.ndarray
    interval: np.ndarray = None

    def bands(self):
        return result_bands(self.result)

    def classes(self):
        """The trend classes at alpha (without FDR: the q-values need every pixel)."""
        significant = np.where(np.isnan(self.result.p_value), np.nan, self.z_over)
        return trend_classes(self.z_sign, significant)


def trend_tile(y, min_years, z_crit, method="original", progress=None, confidence=0):
    """The trend of every series of a tile, ``y`` float64 (pixels, years), NaN for missing years
    (for the ``method`` "seasonal": (pixels, 12 x years), the months, NaN for missing months):
    the tile function of :func:`run_trend` and :func:`tsmv_qgis.xr.trend`.  ``z_crit`` is
    z_{1-alpha/2}, also Hamed-Rao's bound of a significant autocorrelation.  With a
    ``confidence``, also the Sen slope interval from the method's Var(S)."""
    if method == "seasonal":
        result, interval = seasonal_test_with_interval(y, confidence, PERIOD, min_years, progress=progress)
        valid_years = np.isfinite(y).reshape(y.shape[0], -1, PERIOD).any(axis=2).sum(axis=1)
    else:
        if method == "original":  # the interval from the test's own pairwise slopes, at once
            result, interval = original_test_with_interval(y, confidence, min_years, progress=progress)
        else:
            result = modified_test(y, method, min_years, z_crit, progress=progress)
            interval = np.stack(sen_interval(y, result.var_s, confidence, min_years)) if confidence else None
        valid_years = np.isfinite(y).sum(axis=1)
    if not confidence:
        interval = None
    else:
        interval[:, np.isnan(result.slope)] = np.nan  # no test, no interval
    return TrendTile(result, np.sign(np.nan_to_num(result.z)).astype(np.int8), np.abs(result.z) > z_crit,
                     valid_years, interval)


@dataclass
class TrendSummary:
    """What a trend run found (section 3.1), one row of the SUMMARY table: every field but
    ``units`` is a column, in this order.  Shares are percent of the valid area (cells weighted
    by their area); ``mean_slope`` is area-weighted; slopes are in ``units``."""
    start_year: int
    end_year: int
    method: str
    alpha: float
    fdr: bool
    pixels: int
    mean_slope: float
    mean_slope_unweighted: float
    percent_decreasing: float
    percent_increasing: float
    percent_significant_decreasing: float
    percent_significant_increasing: float
    percent_decreasing_faster_than_threshold: float
    percent_increasing_faster_than_threshold: float
    threshold: float
    units: str

    def row(self):
        return [getattr(self, k) for k in SUMMARY_HEADER]


SUMMARY_HEADER = [f.name for f in fields(TrendSummary) if f.name != "units"]


def checked_settings(alpha, min_years):
    """(ALPHA, MIN_YEARS), refused unless alpha is in (0, 1) and min_years a whole number >= 3."""
    return significance_level(alpha), finite_in_range(min_years, named("min_years"), 3, whole=True)


def checked_confidence(confidence):
    """CONFIDENCE: 0 (no interval) or a number above 0 and below 1, else refused."""
    try:
        value = finite_in_range(confidence, named("confidence"), 0, 1)
    except TsmvError:
        value = 1
    if value == 1:
        raise TsmvError("⟨confidence⟩ must be 0 (no interval) or a number above 0 and below 1, not %r"
                        % (confidence,))
    return value


def summarise(slope, trend, weights, threshold):
    """The section 3.1 numbers (fields of :class:`TrendSummary`): area-weighted shares of pixels
    by sign, significance, speed."""
    valid = np.isfinite(slope)
    w = np.broadcast_to(weights, slope.shape)[valid]
    s = slope[valid]
    t = trend[valid]
    total = w.sum()

    def share(mask):
        return 100.0 * w[mask].sum() / total if total > 0 else np.nan
    return {
        "pixels": int(valid.sum()),
        "mean_slope": float((w * s).sum() / total) if total > 0 else np.nan,
        "mean_slope_unweighted": float(s.mean()) if s.size else np.nan,
        "percent_decreasing": share(s < 0), "percent_increasing": share(s > 0),
        "percent_significant_decreasing": share(t < 0),
        "percent_significant_increasing": share(t > 0),
        "percent_decreasing_faster_than_threshold": share(s < -threshold),
        "percent_increasing_faster_than_threshold": share(s > threshold),
        "threshold": threshold}


def run_trend(source, output, summary=None, season=None, aggregate="mean", start_year=None,
              end_year=None, alpha=0.05, method="original", fdr=False, min_years=8,
              threshold=2.0, confidence=0.95, progress=None, log=None):
    """Sen's slope and Mann-Kendall test of every pixel of a labelled stack.

    Writes ``output`` (bands slope, intercept, p_value, z, tau, s, trend, q_value with
    ``fdr``, then slope_lower and slope_upper unless ``confidence`` is 0) and, if given, the
    ``summary`` CSV.  Returns a TrendSummary.
    """
    log = as_log(log)
    if method not in METHODS:
        raise TsmvError("⟨method⟩ must be one of %s" % ", ".join(METHODS))
    alpha, min_years = checked_settings(alpha, min_years)
    confidence = checked_confidence(confidence)
    threshold = finite_in_range(threshold, named("threshold"), 0)
    progress = as_progress(progress)
    stack = Stack(source, named("source"), content=("soil moisture", "gpp"))
    series = plan_series(stack.labels, named("source"), season, aggregate, start_year, end_year, method)
    if len(series.years) < min_years:
        raise TsmvError("⟨start_year⟩..⟨end_year⟩ (%d-%d) has %d years, fewer than ⟨min_years⟩ (%d)"
                        % (series.years[0], series.years[-1], len(series.years), min_years))
    grid = stack.grid
    # What the second pass (FDR, trend classes, summary) needs of every pixel, kept small:
    # 4 + 4 + 1 + 1 bytes a pixel (three float64 grids would be 24).
    slope = np.full((grid.height, grid.width), np.nan, np.float32)
    p_values = np.full((grid.height, grid.width), np.nan, np.float32)
    z_sign = np.zeros((grid.height, grid.width), np.int8)
    z_over = np.zeros((grid.height, grid.width), bool)  # |z| > z(1 - alpha/2)
    units = "%s per year" % (stack.metadata_units() or "units")
    period = "%d-%d" % (series.years[0], series.years[-1])
    versions = stack.versions(sorted({b for bands in series.bands for b in bands}))
    warning = mixed_versions(versions, "The period %s of ⟨source⟩" % period)
    if warning:
        log.warn(warning)
    coverage = Coverage(["no data in the period", "fewer than %d valid years" % min_years,
                         "no result from the test"])
    with Outputs({named("source"): stack.path}, rasters={named("output"): output}, tables={named("summary"): summary},
                 log=log) as out:
        bands = trend_bands(stack.metadata_units() or "units", alpha, fdr, confidence)
        writer = bands.stack(
            out, named("output"), grid, metadata={"TSMV_KIND": "trend", "METHOD": method, "START_YEAR": series.years[0],
                      "END_YEAR": series.years[-1], "ALPHA": alpha, "FDR": fdr, VERSIONS: versions,
                      **({"CONFIDENCE": confidence} if confidence else {})})
        z_crit = statistics.NormalDist().inv_cdf(1 - alpha / 2)
        # the test, tile by tile, takes most of a run; FDR, classes and summary the rest
        testing, finishing = progress.split([9, 1])

        def keep(strip, inputs, tile):
            r0, r1, rows = strip.row0, strip.row1, (strip.rows, grid.width)
            kept = np.isfinite(tile.result.slope)
            coverage.add(kept, tile.valid_years == 0, tile.valid_years < min_years, ~kept)
            slope[r0:r1] = tile.result.slope.reshape(rows)
            p_values[r0:r1] = tile.result.p_value.reshape(rows)
            z_sign[r0:r1] = tile.z_sign.reshape(rows)
            z_over[r0:r1] = tile.z_over.reshape(rows)
        def write(tile, strip):
            writer.write(strip.block(tile.bands()), bands.index(TEST_BANDS[0]), strip.row0)
            if confidence:
                writer.write(strip.block(tile.interval), bands.index(INTERVAL_BANDS[0]), strip.row0)
        # float32 of every band read, their float64 series, and 80 bytes of results per pixel (96
        # with the interval)
        per_pixel = 4 * sum(len(b) for b in series.bands) + 8 * len(series.bands)
        Tiles(grid, per_pixel + (96 if confidence else 80), [writer]).run(
            lambda strip: (series.read(stack, strip.row0, strip.row1),),
            lambda y, progress: trend_tile(y, min_years, z_crit, method, progress, confidence), keep,
            write=write, progress=testing, tile_progress=True)
        if fdr:
            q = benjamini_hochberg(p_values.ravel()).reshape(p_values.shape)
            significant = np.where(np.isnan(q), np.nan, q <= alpha)
            writer.write(q, band0=bands.index("q_value"))
        else:
            significant = np.where(np.isnan(p_values), np.nan, z_over)
        trend = trend_classes(z_sign, significant)
        writer.write(trend, band0=bands.index("trend"))
        writer.add_metadata(coverage.metadata())
        log("Trend over %s: %s" % (period, coverage.text()))
        result = TrendSummary(start_year=series.years[0], end_year=series.years[-1], method=method,
                              alpha=alpha, fdr=bool(fdr), units=units,
                              **summarise(slope, trend, grid.cell_weights()[:, None], threshold))
        if summary:
            out.table(named("summary"), SUMMARY_HEADER, [result.row()])
        finishing.set(1.0)
    return result
