"""Pettitt change points of labelled stacks (beyond the paper).

The series are those of :mod:`tsmv_qgis.steps.trend` (:func:`~tsmv_qgis.steps.trend.plan_series`):
a yearly stack as it is, one season of a seasonal stack, or a monthly stack made into years
(the annual mean; a year with a missing month is missing).  Each pixel's valid years, in
order, get Pettitt's test (:mod:`tsmv_qgis.kernels.pettitt`, equal to pyhomogeneity's
``pettitt_test`` with ``sim=None``); a pixel with fewer than MIN_YEARS valid years, or a
constant series, is NaN.  The SUMMARY gives, year by year, the area-weighted share of the
tested pixels whose change point falls after that year and is significant (p < ALPHA).
"""
from dataclasses import dataclass, field
from functools import partial

import numpy as np

from ..bands import Band, BandMap
from ..checks import significance_level
from ..errors import TsmvError, named
from ..io.coverage import CHANGE_POINTS_AT_1999, VERSIONS, Coverage, mixed_versions
from ..io.outputs import Outputs
from ..io.raster import Stack
from ..io.style import diverging, p_value, sequential
from ..kernels.pettitt import pettitt_test
from ..progress import as_log, as_progress
from .tiles import Tiles
from .trend import plan_series

#: Fewest valid years a pixel needs for a test (as tsmv:trend's default MIN_YEARS).
MIN_YEARS = 8
#: The columns of the SUMMARY, one row per year.
SUMMARY_HEADER = ["year", "pixels", "percent_of_valid_area"]


def changepoint_bands(units="units", alpha=0.05):
    """The bands of the changepoint OUTPUT, of an input in ``units``."""
    return BandMap([
        Band("year", "", "the last year before the change point (Pettitt 1979)", partial(sequential, "years")),
        Band("k", "", "Pettitt's K = max |U_t|"),
        Band("p_value", "", "p-value of Pettitt's test, 2 exp(-6 K^2 / (n^3 + n^2)) capped at 1",
             partial(p_value, alpha), "p_value"),
        Band("shift", units, "median after the change point - median up to it", partial(diverging, units), "shift")])


#: The bands of every changepoint OUTPUT.
BANDS = tuple(changepoint_bands().labels)


def check_period(years):
    """Refuse a period (its years, in order) shorter than MIN_YEARS."""
    if len(years) < MIN_YEARS:
        raise TsmvError("⟨start_year⟩..⟨end_year⟩ (%d-%d) has %d years; Pettitt's test needs at least %d"
                        % (years[0], years[-1], len(years), MIN_YEARS))


def changepoint_tile(y, first_year, min_years=MIN_YEARS, progress=None):
    """The bands (4, pixels) year, k, p_value, shift (float64) of every series of a tile, ``y``
    float64 (pixels, years) from ``first_year`` on, NaN for missing years: the tile function of
    :func:`run_changepoint` and :func:`tsmv_qgis.xr.changepoint`."""
    result = pettitt_test(y, min_years, progress=progress)
    return np.stack([first_year + result.position, result.k, result.p_value, result.shift])


class SharesByYear:
    """The area-weighted share of the tested pixels with a significant change point after each
    year, gathered tile by tile: :meth:`add` the bands of each tile, then :meth:`rows`."""

    def __init__(self, years, alpha):
        self.years = list(years)
        self.alpha = alpha
        self.valid_weight = 0.0
        self.valid = 0
        self.weight = np.zeros(len(self.years))
        self.count = np.zeros(len(self.years), np.int64)

    def add(self, year, p, weights):
        """``year`` and ``p`` of some pixels (any shape; NaN where untested), ``weights`` their
        area weights (broadcast to them)."""
        year, p = np.asarray(year, np.float64), np.asarray(p, np.float64)
        weights = np.broadcast_to(weights, p.shape)
        tested = np.isfinite(p)
        self.valid += int(tested.sum())
        self.valid_weight += float(weights[tested].sum())
        with np.errstate(invalid="ignore"):
            significant = tested & (p < self.alpha)
        index = (year[significant] - self.years[0]).astype(np.int64)
        self.count += np.bincount(index, minlength=len(self.years))[:len(self.years)]
        self.weight += np.bincount(index, weights[significant], minlength=len(self.years))[:len(self.years)]

    def percent(self, weight):
        return 100.0 * weight / self.valid_weight if self.valid_weight > 0 else np.nan

    def rows(self):
        """[year, pixels, percent_of_valid_area] for every year that can precede a change (all
        of the period but its last year)."""
        return [[y, int(c), float(self.percent(w))]
                for y, c, w in zip(self.years[:-1], self.count[:-1], self.weight[:-1])]


def shares_by_year(year, p, weights, alpha, years):
    """The SUMMARY rows [year, pixels, percent_of_valid_area] of a changepoint OUTPUT's bands
    ``year`` and ``p`` (2-D, rows of the grid) with each row's area ``weights`` (e.g.
    ``Grid.cell_weights()``) for the period ``years`` (first..last): how a report reads the
    share of land whose change point falls after 1999."""
    shares = SharesByYear(range(years[0], years[-1] + 1), alpha)
    shares.add(year, p, np.asarray(weights, np.float64)[:, None])
    return shares.rows()


@dataclass
class ChangepointSummary:
    """What a changepoint run found: the period, ALPHA, the tested pixels (``pixels``), those with
    a significant change point and their share of the tested area (``percent_significant``,
    area-weighted), and the SUMMARY ``rows``."""
    start_year: int
    end_year: int
    alpha: float
    pixels: int
    pixels_significant: int
    percent_significant: float
    rows: list = field(default_factory=list)

    def most_common(self):
        """The row of the year after which most area changes, or None when none does."""
        found = [row for row in self.rows if row[1] > 0]
        return max(found, key=lambda row: row[2]) if found else None


def run_changepoint(source, output, summary=None, season=None, start_year=None, end_year=None, alpha=0.05,
                    progress=None, log=None):
    """Pettitt's test of every pixel of a labelled stack.

    Writes ``output`` (bands year, k, p_value, shift) and, if given, the ``summary`` CSV (one row
    per year).  Returns a :class:`ChangepointSummary`.
    """
    log = as_log(log)
    alpha = significance_level(alpha)
    progress = as_progress(progress)
    stack = Stack(source, named("source"), content=("soil moisture", "gpp"))
    series = plan_series(stack.labels, named("source"), season, "mean", start_year, end_year)
    check_period(series.years)
    grid = stack.grid
    weights = grid.cell_weights()
    period = "%d-%d" % (series.years[0], series.years[-1])
    versions = stack.versions(sorted({b for bands in series.bands for b in bands}))
    warning = mixed_versions(versions, "The period %s of ⟨source⟩" % period, CHANGE_POINTS_AT_1999)
    if warning:
        log.warn(warning)
    coverage = Coverage(["no data in the period", "fewer than %d valid years" % MIN_YEARS,
                         "constant (no change point)"])
    shares = SharesByYear(series.years, alpha)
    with Outputs({named("source"): stack.path}, rasters={named("output"): output},
                 tables={named("summary"): summary}, log=log) as out:
        bands = changepoint_bands(stack.metadata_units() or "units", alpha)
        writer = bands.stack(out, named("output"), grid, metadata={
            "TSMV_KIND": "changepoint", "START_YEAR": series.years[0], "END_YEAR": series.years[-1],
            "ALPHA": alpha, "MIN_YEARS": MIN_YEARS, VERSIONS: versions})

        def read(strip):
            y = series.read(stack, strip.row0, strip.row1)
            return y, np.isfinite(y).sum(axis=1)

        def keep(strip, inputs, tile):
            valid_years = inputs[1]
            tested = np.isfinite(tile[2])
            coverage.add(tested, valid_years == 0, valid_years < MIN_YEARS, ~tested)
            shares.add(tile[0].reshape(strip.rows, -1), tile[2].reshape(strip.rows, -1),
                       weights[strip.row0:strip.row1, None])

        # float32 of every band read, the float64 series and the results
        Tiles(grid, 4 * sum(len(b) for b in series.bands) + 8 * len(series.years) + 96, [writer]).run(
            read, lambda y, valid_years, progress: changepoint_tile(y, series.years[0], MIN_YEARS, progress),
            keep, write=lambda tile, strip: writer.write(strip.block(tile), row0=strip.row0),
            progress=progress, tile_progress=True)
        writer.add_metadata(coverage.metadata())
        log("Change points over %s: %s" % (period, coverage.text()))
        rows = shares.rows()
        significant = int(shares.count.sum())
        result = ChangepointSummary(series.years[0], series.years[-1], alpha, shares.valid, significant,
                                    float(shares.percent(shares.weight.sum())), rows)
        if summary:
            out.table(named("summary"), SUMMARY_HEADER, rows)
    return result
