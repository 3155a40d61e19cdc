"""The numbers the report shows, computed from its inputs: area-weighted means, the global mean
seasonal soil moisture, Sen lines and trends of series, the detrended interannual variability,
distributions weighted by area, the matrices of the attribution and correlation tables, and the
runs of years of one GLDAS version."""
from collections import namedtuple

import numpy as np

from ..io.coverage import AreaMean
from ..kernels.mannkendall import original_test, original_test_with_interval
from ..kernels.trend import benjamini_hochberg
from ..labels import LAYER_KEYS, SEASONS
from ..progress import as_progress
from ..steps.attribution import DYNAMICS
from ..steps.changepoint import MIN_YEARS, SharesByYear, changepoint_tile
from ..steps.tiles import Tiles
from ..steps.trend import plan_series


def area_means(stack, bands=None, progress=None, common=False):
    """(pixels with a value, area-weighted (cos latitude) mean) of each of ``bands`` (labels;
    default all) of a Stack; with ``common``, over the pixels with a value in every one of
    ``bands`` only, so that a pixel missing in one band does not shift the others' means."""
    progress = as_progress(progress)
    index = stack.bands(stack.labels if bands is None else bands)
    counts, sums, weights = (np.zeros(len(index)) for _ in range(3))
    cell_weights = stack.grid.cell_weights()
    for r0, r1 in Tiles(stack.grid, 4 * len(index)).strips:
        block = stack.read(r0, r1, index).astype(np.float64)
        w = np.broadcast_to(cell_weights[r0:r1, None], block.shape[1:])
        valid = np.isfinite(block)
        if common:
            valid &= valid.all(axis=0)
        counts += valid.sum(axis=(1, 2))
        sums += np.where(valid, block * w, 0.0).sum(axis=(1, 2))
        weights += (valid * w).sum(axis=(1, 2))
        progress.check()
    with np.errstate(invalid="ignore", divide="ignore"):
        return counts.astype(np.int64), sums / weights


def change_point_shares(stack, alpha, progress=None):
    """Pettitt's test of every pixel of a yearly stack over all its years, as tsmv:changepoint
    runs it, gathered as its SUMMARY (a :class:`~tsmv_qgis.steps.changepoint.SharesByYear`);
    None when the stack has fewer than MIN_YEARS years."""
    progress = as_progress(progress)
    series = plan_series(stack.labels, stack.name)
    if len(series.years) < MIN_YEARS:
        return None
    shares = SharesByYear(series.years, alpha)
    cell_weights = stack.grid.cell_weights()
    for r0, r1 in Tiles(stack.grid, 12 * len(series.years) + 96).strips:
        tile = changepoint_tile(series.read(stack, r0, r1), series.years[0])
        shares.add(tile[0].reshape(r1 - r0, -1), tile[2].reshape(r1 - r0, -1), cell_weights[r0:r1, None])
        progress.check()
    return shares


def weighted_mean_by_band(stack, progress=None):
    """Area-weighted (cos latitude) mean of every band of a Stack."""
    return area_means(stack, progress=progress)[1]


def _mean(values):
    """The mean of the finite values, NaN (without a warning) when there are none."""
    values = np.asarray(values, np.float64)
    finite = values[np.isfinite(values)]
    return finite.mean() if finite.size else np.nan


def seasonal_global_means(seasonal, progress=None):
    """(years, means): the area-weighted global mean of every season x depth band of the four
    seasonal stacks, ``means[t, s, d]`` (kg m-2), NaN where a band is missing."""
    by_layer = [(stack.keys, weighted_mean_by_band(stack, progress)) for stack in
                (seasonal[k] for k in LAYER_KEYS)]
    years = sorted({y for keys, _ in by_layer for y, _ in keys})
    at = {y: i for i, y in enumerate(years)}
    means = np.full((len(years), 4, 4), np.nan)
    for d, (keys, values) in enumerate(by_layer):
        for (y, s), value in zip(keys, values):
            means[at[y], s, d] = value
    return years, means


def _series_of_period(years, values, start, end):
    """(1, years of start..end): ``values`` (by ``years``) laid on every year of the period, NaN
    for a missing year (skipped by the test, not closed up)."""
    series = np.full((1, end - start + 1), np.nan)
    for y, v in zip(years, values):
        if start <= y <= end:
            series[0, y - start] = v
    return series


def sen_of_series(years, values, start, end):
    """(Sen slope per year, Mann-Kendall p, intercept) of ``values`` (by ``years``) over
    start..end."""
    result = original_test(_series_of_period(years, values, start, end), min_valid=3)
    return result.slope[0], result.p_value[0], result.intercept[0]


def sen_interval_of_series(years, values, start, end, confidence=0.95):
    """(lower, upper): the Sen slope interval at ``confidence`` (as tsmv:trend's CONFIDENCE) of
    ``values`` over start..end; NaN where too few years give one."""
    series = _series_of_period(years, values, start, end)
    lower, upper = original_test_with_interval(series, confidence, 3)[1][:, 0]
    return lower, upper


def seasonal_trends(years, means, periods):
    """Fig. 1c: the Sen slope and MK p of every season x depth global mean series, per period:
    two arrays (periods, 4, 4)."""
    slope = np.full((len(periods), 4, 4), np.nan)
    p = np.full((len(periods), 4, 4), np.nan)
    for i, (start, end) in enumerate(periods):
        for s in range(4):
            for d in range(4):
                slope[i, s, d], p[i, s, d], _ = sen_of_series(years, means[:, s, d], start, end)
    return slope, p


#: Fig. 1d per period: the area-weighted mean detrended standard deviation (kg m-2), the
#: area-weighted mean storage (kg m-2) over the same pixels, their ratio in percent (the size of
#: the interannual variability relative to the layer's storage), each (periods, 4, 4), and the
#: pixels averaged (periods,).
IAV = namedtuple("IAV", "sd mean relative pixels")


def detrended_iav(seasonal, periods, progress=None):
    """Fig. 1d: per period, the area-weighted mean over pixels of the standard deviation
    (divided by n) of the residuals of the least-squares line of each pixel's series of each
    season x depth, and the area-weighted mean of the series over the same pixels: an
    :data:`IAV`, whose ``relative`` is 100 sd / mean (percent of the layer's storage).

    A pixel counts when its 16 series are complete in the period (as in the attribution), so
    every cell of a period averages over the same pixels."""
    progress = as_progress(progress)
    stacks = [seasonal[k] for k in LAYER_KEYS]
    grid = stacks[0].grid
    weights = grid.cell_weights()
    sd, mean = np.full((len(periods), 4, 4), np.nan), np.full((len(periods), 4, 4), np.nan)
    pixels = np.zeros(len(periods), np.int64)
    for i, (start, end) in enumerate(periods):
        have = [set(stack.keys) for stack in stacks]
        years = [y for y in range(start, end + 1) if all((y, s) in h for h in have for s in range(4))]
        if len(years) < 3:
            continue
        labels = ["%d %s" % (y, season) for y in years for season in SEASONS]
        index = [stack.bands(labels) for stack in stacks]
        t = np.asarray(years, np.float64)
        tc = t - t.mean()
        total, storage, wsum = np.zeros(16), np.zeros(16), 0.0
        for r0, r1 in Tiles(grid, 8 * 16 * len(years) * 4).strips:  # float64 series, 4 arrays of them
            n_pix = (r1 - r0) * grid.width
            y = np.empty((len(years), 4, 4, n_pix))
            for d, (stack, bands) in enumerate(zip(stacks, index)):
                y[:, :, d] = stack.read(r0, r1, bands).reshape(len(years), 4, n_pix)
            y = y.reshape(len(years), 16, n_pix)
            complete = np.isfinite(y).all(axis=(0, 1))
            y = y[:, :, complete]
            level = y.mean(axis=0)  # (16, pixels)
            yc = y - level
            slope = np.tensordot(tc, yc, axes=(0, 0)) / (tc * tc).sum()
            residual = yc - tc[:, None, None] * slope[None]
            std = np.sqrt((residual * residual).mean(axis=0))  # (16, pixels)
            w = np.repeat(weights[r0:r1], grid.width)[complete]
            total += std @ w
            storage += level @ w
            wsum += w.sum()
            pixels[i] += int(complete.sum())
            progress.check()
        if wsum > 0:
            sd[i], mean[i] = (total / wsum).reshape(4, 4), (storage / wsum).reshape(4, 4)
    with np.errstate(invalid="ignore", divide="ignore"):
        return IAV(sd, mean, 100.0 * sd / mean, pixels)


def weighted_quantiles(values, weights, quantiles):
    """Quantiles of ``values`` with ``weights``: each value stands at the middle of its weight
    (with equal weights, numpy's 'hazen' percentiles)."""
    order = np.argsort(values, kind="stable")
    v, w = np.asarray(values, np.float64)[order], np.asarray(weights, np.float64)[order]
    position = (np.cumsum(w) - 0.5 * w) / w.sum()
    return np.interp(quantiles, position, v)


def distributions(bands, groups, weights):
    """Box statistics (weighted by area) of every band (K, pixels) in each group: a list over
    groups of lists over bands of dicts (q5, q25, median, q75, q95, mean, n) or None."""
    out = []
    for member in groups:
        row = []
        for values in bands:
            ok = member & np.isfinite(values)
            if not ok.any():
                row.append(None)
                continue
            v, w = values[ok], weights[ok]
            q = weighted_quantiles(v, w, [0.05, 0.25, 0.5, 0.75, 0.95])
            row.append({"whislo": q[0], "q1": q[1], "med": q[2], "q3": q[3], "whishi": q[4],
                        "mean": float((v * w).sum() / w.sum()), "n": int(ok.sum()), "fliers": []})
        out.append(row)
    return out


def attribution_matrices(rows, depths):
    """Trend, IAV and omega (season x depth) from the rows of an attribution table
    (checked by :func:`read_table`), the layers labelled ``depths``."""
    trend, iav, omega = (np.full((4, 4), np.nan) for _ in range(3))
    for row in rows:
        s, d = SEASONS.index(row["season"]), depths.index(row["depth"])
        target = trend if row["dynamic"] == "Trend" else iav
        target[s, d] = float(row["mean_percent"])
        omega[s, d] = float(row["mean_omega"])
    return trend, iav, omega


def attribution_marks(rows, depths, share=50.0):
    """(Trend, IAV) season x depth booleans: the component's 95 % bootstrap interval excludes 0 on
    at least ``share`` percent of the area (the table's percent_excluding_zero, which
    tsmv:attribution writes with a BOOTSTRAP); None for a table without that column."""
    if not rows or "percent_excluding_zero" not in rows[0]:
        return None
    marks = np.zeros((2, 4, len(depths)), bool)
    for row in rows:
        try:
            value = float(row["percent_excluding_zero"])
        except ValueError:  # not a number: no mark
            continue
        marks[DYNAMICS.index(row["dynamic"]), SEASONS.index(row["season"]), depths.index(row["depth"])] = value >= share
    return marks


def attribution_totals(rows, depths):
    """Section 3.2: the area-weighted contributions (percent) summed by season, depth and
    dynamic: {name: percent} for H-S .. A-S, the ``depths`` (0-10 cm .. 100-200 cm), Trend, IAV."""
    totals = dict.fromkeys(SEASONS + tuple(depths) + tuple(DYNAMICS), 0.0)
    for row in rows:
        for key in ("season", "depth", "dynamic"):
            totals[row[key]] += float(row["mean_percent"])
    return totals


def correlation_matrices(rows, column, depths):
    """{ecosystem: (4 seasons, len(depths)) array of ``column``} from the correlation table."""
    out = {}
    for row in rows:
        if row["depth"] in depths:
            m = out.setdefault(row["ecosystem"], np.full((4, len(depths)), np.nan))
            m[SEASONS.index(row["season"]), depths.index(row["depth"])] = float(row[column])
    return out


def correlation_summary(r_stack, p_stack, labels, alpha, fdr=False):
    """(area-weighted mean r, percent of the area significant) of each band ``labels`` of the
    R and P stacks of tsmv:correlation, over the pixels with an r (as the Global rows of its
    TABLE): significant where p < ``alpha``, with ``fdr`` where the Benjamini-Hochberg q-value
    of p over the pixels of the band is below ``alpha``.  Read band by band."""
    grid = r_stack.grid
    weights = np.repeat(grid.cell_weights(), grid.width)
    mean_r, share = np.full(len(labels), np.nan), np.full(len(labels), np.nan)
    for k, label in enumerate(labels):
        r = r_stack.read(0, grid.height, r_stack.bands([label]))[0].ravel().astype(np.float64)
        p = p_stack.read(0, grid.height, p_stack.bands([label]))[0].ravel()
        significant = (benjamini_hochberg(p) if fdr else p) < alpha
        means = AreaMean(2)
        means.add(np.stack([r, significant]), np.isfinite(r), weights)
        mean_r[k], share[k] = means.mean * (1.0, 100.0)
    return mean_r, share


def year_runs(years, versions):
    """[version, first, last] of each run of consecutive ``years`` of one GLDAS version
    (``versions``: {year: version}; '' for a year it does not name), in the order of ``years``."""
    runs = []
    for y in years:
        v = versions.get(y, "")
        if runs and runs[-1][0] == v and runs[-1][2] == y - 1:
            runs[-1][2] = y
        else:
            runs.append([v, y, y])
    return runs
