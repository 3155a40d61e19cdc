"""One self-contained HTML report of a TSMV run: figures (PNG, embedded) and tables.

Every input is optional except ANNUAL_TSM; a section appears when its inputs
are given.  Figures follow Li et al. (2025): global mean TSM by year with the
Sen line of each period (Fig. 1a), seasonal soil moisture by depth (Fig. 1b),
maps of the trend slope and of the contributions by season, depth and
dynamic (Fig. 2), 4 x 4 heatmaps of the Trend and IAV contributions and of
omega, with the difference between two periods (Fig. 3), and the
correlation matrices per ecosystem (Fig. 4).
"""
import base64
import csv
import html
import io
import os

import numpy as np

from .errors import TsmvError
from .labels import LAYER_KEYS, LAYER_LABELS, SEASONS, classify
from .mannkendall import original_test
from .progress import as_progress
from .outputs import Outputs
from .raster import Stack

DEPTHS = ["%s cm" % d for d in LAYER_LABELS]


def _pyplot():
    import matplotlib
    matplotlib.use("Agg")
    import matplotlib.pyplot as plt
    return plt


class Figures:
    """Figures made in order, each kept as (title, PNG base64); ``progress`` hears of each."""

    def __init__(self, progress=None, expected=1):
        self.items = []
        self.progress = as_progress(progress)
        self.expected = max(expected, 1)

    def add(self, fig, title):
        plt = _pyplot()
        fig.suptitle(title)
        buffer = io.BytesIO()
        fig.savefig(buffer, format="png", dpi=90, bbox_inches="tight")
        plt.close(fig)
        self.items.append((title, base64.b64encode(buffer.getvalue()).decode("ascii")))
        self.progress.set(len(self.items) / self.expected)  # also where a cancel is seen


def read_csv(path):
    with open(path, newline="") as f:
        return list(csv.DictReader(f))


def weighted_mean_by_band(path, name):
    """Area-weighted (cos latitude) mean of every band of a stack, and its labels."""
    stack = Stack(path, name)
    sums = np.zeros(stack.count)
    weights = np.zeros(stack.count)
    for r0, r1 in stack.tiles(stack.count):
        block = stack.read(r0, r1).astype(np.float64)
        w = np.broadcast_to(stack.grid.cell_weights()[r0:r1, None], block.shape[1:])
        valid = np.isfinite(block)
        sums += np.where(valid, block * w, 0.0).sum(axis=(1, 2))
        weights += (valid * w).sum(axis=(1, 2))
    with np.errstate(invalid="ignore", divide="ignore"):
        return sums / weights, stack.labels


def _period(path):
    meta = Stack(path).metadata
    return "%s-%s" % (meta.get("START_YEAR", "?"), meta.get("END_YEAR", "?"))


def fig_tsm(figures, annual_tsm, trends):
    plt = _pyplot()
    means, labels = weighted_mean_by_band(annual_tsm, "ANNUAL_TSM")
    kind, years = classify(labels, "ANNUAL_TSM")
    if kind != "year":
        raise TsmvError("ANNUAL_TSM must be a yearly stack (bands YYYY), not a %s stack" % kind)
    years = np.array(years)
    fig, ax = plt.subplots(figsize=(9, 4))
    ax.plot(years, means, "o-", ms=3, color="#225ea8", label="Global mean TSM (area-weighted)")
    for trend in trends:
        meta = Stack(trend).metadata
        start, end = int(meta["START_YEAR"]), int(meta["END_YEAR"])
        inside = (years >= start) & (years <= end)
        result = original_test(means[inside][None], min_valid=3)[0]
        slope, intercept, p = result[0], result[1], result[2]
        t = years[inside]
        ax.plot(t, intercept + slope * (t - start), "--", lw=2,
                label="Sen trend %d-%d: %+.3f kg m-2/yr (MK p = %.2g)" % (start, end, slope, p))
    ax.set_xlabel("Year")
    ax.set_ylabel("Total soil moisture (kg m-2)")
    ax.legend(fontsize=8)
    figures.add(fig, "Global mean annual total soil moisture with the Sen trend of each period")


def fig_seasonal(figures, seasonal):
    plt = _pyplot()
    table = np.full((4, 4), np.nan)
    for d, key in enumerate(LAYER_KEYS):
        means, labels = weighted_mean_by_band(seasonal[key], "SEASONAL_" + key)
        kind, keys = classify(labels, "SEASONAL_" + key)
        for s in range(4):
            table[s, d] = np.nanmean([m for m, (y, ss) in zip(means, keys) if ss == s])
    fig, ax = plt.subplots(figsize=(8, 4))
    width = 0.2
    for s in range(4):
        ax.bar(np.arange(4) + (s - 1.5) * width, table[s], width, label=SEASONS[s])
    ax.set_xticks(np.arange(4), DEPTHS)
    ax.set_xlabel("Depth")
    ax.set_ylabel("Mean soil moisture (kg m-2)")
    ax.legend(title="Season")
    figures.add(fig, "Seasonal mean soil moisture by depth")


def _map(ax, array, title, units, cmap="RdBu", centre=0.0):
    plt = _pyplot()
    finite = array[np.isfinite(array)]
    half = float(np.percentile(np.abs(finite - centre), 98)) if finite.size else 1.0
    image = ax.imshow(array, cmap=cmap, vmin=centre - (half or 1), vmax=centre + (half or 1))
    ax.set_title(title, fontsize=9)
    ax.set_xticks([])
    ax.set_yticks([])
    plt.colorbar(image, ax=ax, shrink=0.7, label=units)


def fig_trend_maps(figures, trends):
    plt = _pyplot()
    fig, axes = plt.subplots(1, len(trends), figsize=(6 * len(trends), 3.2), squeeze=False)
    for ax, trend in zip(axes[0], trends):
        stack = Stack(trend, "TREND")
        _map(ax, stack.read(0, stack.grid.height, [0])[0], "Sen slope %s" % _period(trend),
             "%s per year" % (stack.metadata_units().replace(" per year", "") or "kg m-2"), "BrBG")
    figures.add(fig, "Trend of total soil moisture (Sen slope)")


def fig_contribution_maps(figures, components, period):
    plt = _pyplot()
    stack = Stack(components, "COMPONENTS")
    rc = stack.read(0, stack.grid.height).reshape(2, 4, 4, stack.grid.height, stack.grid.width)
    panels = ([("Trend", rc[0].sum(axis=(0, 1))), ("IAV", rc[1].sum(axis=(0, 1)))]
              + [(SEASONS[s], rc[:, s].sum(axis=(0, 1))) for s in range(4)]
              + [(DEPTHS[d], rc[:, :, d].sum(axis=(0, 1))) for d in range(4)])
    fig, axes = plt.subplots(5, 2, figsize=(11, 13))
    for ax, (name, array) in zip(axes.ravel(), panels):
        _map(ax, array, "%s contribution" % name, "% of Var(TSM)", "RdBu_r")
    figures.add(fig, "Contributions to the variance of total soil moisture by dynamic, season and depth, %s"
                % period)


def _heat(ax, matrix, title, cmap, centre=None, fmt="%.1f"):
    plt = _pyplot()
    finite = matrix[np.isfinite(matrix)]
    if centre is None:
        vmin, vmax = (finite.min(), finite.max()) if finite.size else (0, 1)
    else:
        half = np.abs(finite - centre).max() if finite.size else 1.0
        vmin, vmax = centre - (half or 1), centre + (half or 1)
    image = ax.imshow(matrix, cmap=cmap, vmin=vmin, vmax=vmax)
    ax.set_xticks(range(4), DEPTHS, fontsize=8)
    ax.set_yticks(range(4), SEASONS, fontsize=8)
    ax.set_title(title, fontsize=9)
    for s in range(4):
        for d in range(4):
            ax.text(d, s, fmt % matrix[s, d], ha="center", va="center", fontsize=7)
    plt.colorbar(image, ax=ax, shrink=0.8)


def attribution_matrices(table_path):
    rows = read_csv(table_path)
    trend, iav, omega = (np.full((4, 4), np.nan) for _ in range(3))
    for row in rows:
        s, d = SEASONS.index(row["season"]), DEPTHS.index(row["depth"])
        target = trend if row["dynamic"] == "Trend" else iav
        target[s, d] = float(row["mean_percent"])
        omega[s, d] = float(row["mean_omega"])
    return trend, iav, omega


def fig_heatmaps(figures, tables):
    plt = _pyplot()
    matrices = [(period, attribution_matrices(path)) for period, path in tables]
    rows = len(matrices) + (len(matrices) == 2)  # a row of differences when there are two periods
    fig, axes = plt.subplots(rows, 3, figsize=(13, 3.8 * rows), squeeze=False)
    for row, (period, (trend, iav, omega)) in enumerate(matrices):
        _heat(axes[row, 0], trend, "Trend contribution (%%), %s" % period, "Reds")
        _heat(axes[row, 1], iav, "IAV contribution (%%), %s" % period, "Blues")
        _heat(axes[row, 2], omega, "omega, %s" % period, "RdBu_r", centre=1.0, fmt="%.2f")
    if len(matrices) == 2:
        (p1, a), (p2, b) = matrices
        for col, (name, x, y) in enumerate((("Trend", a[0], b[0]), ("IAV", a[1], b[1]),
                                            ("omega", a[2], b[2]))):
            _heat(axes[2, col], y - x, "%s: %s minus %s" % (name, p2, p1), "PuOr", centre=0.0,
                  fmt="%.2f")
    figures.add(fig, "Contributions by season and depth (area-weighted means) and their change")


def fig_correlation(figures, table_path):
    plt = _pyplot()
    rows = read_csv(table_path)
    groups = []
    for row in rows:
        if row["ecosystem"] not in groups:
            groups.append(row["ecosystem"])
    fig, axes = plt.subplots(1, len(groups), figsize=(4.2 * len(groups), 3.8), squeeze=False)
    for ax, group in zip(axes[0], groups):
        matrix = np.full((4, 4), np.nan)
        for row in rows:
            if row["ecosystem"] == group:
                matrix[SEASONS.index(row["season"]), DEPTHS.index(row["depth"])] = float(row["mean_r"])
        _heat(ax, matrix, "%s: mean r" % group, "RdBu_r", centre=0.0, fmt="%.2f")
    figures.add(fig, "Correlation of seasonal soil moisture with GPP by ecosystem (Pearson r)")


def html_table(title, rows):
    if not rows:
        return ""
    head = "".join("<th>%s</th>" % html.escape(k) for k in rows[0])
    body = "".join("<tr>%s</tr>" % "".join("<td>%s</td>" % html.escape(str(v)) for v in row.values())
                   for row in rows)
    return ('<h3 class="table-title">%s</h3>\n<table data-title="%s"><thead><tr>%s</tr></thead>'
            "<tbody>%s</tbody></table>\n" % (html.escape(title), html.escape(title), head, body))


STYLE = ("body{font-family:sans-serif;max-width:1200px;margin:auto;padding:1em;color:#222}"
         "table{border-collapse:collapse;font-size:12px;margin-bottom:1.5em}"
         "td,th{border:1px solid #bbb;padding:2px 6px;text-align:right}th{background:#eee}"
         "figure{margin:1em 0}figcaption{font-weight:bold;margin-bottom:.3em}img{max-width:100%}")


def make_report(output, annual_tsm, seasonal=None, trends=(), trend_summaries=(), components=(),
                attribution_tables=(), correlation_table=None, qc_report=None,
                title="TSMV report: total soil-moisture variability", progress=None):
    """Write the HTML report to ``output``; returns the figure titles in order."""
    expected = (1 + bool(seasonal) + bool(trends) + len(components) + bool(attribution_tables)
                + bool(correlation_table))
    figures = Figures(progress, expected)
    fig_tsm(figures, annual_tsm, list(trends))
    if seasonal:
        fig_seasonal(figures, seasonal)
    if trends:
        fig_trend_maps(figures, list(trends))
    for path in components:
        fig_contribution_maps(figures, path, _period(path))
    periods = [os.path.basename(os.path.dirname(os.path.abspath(p))) for p in attribution_tables]
    if components and len(components) == len(attribution_tables):
        periods = [_period(p) for p in components]
    if attribution_tables:
        fig_heatmaps(figures, list(zip(periods, attribution_tables)))
    if correlation_table:
        fig_correlation(figures, correlation_table)
    parts = ["<!DOCTYPE html><html><head><meta charset='utf-8'><title>%s</title><style>%s</style>"
             "</head><body><h1>%s</h1>" % (html.escape(title), STYLE, html.escape(title)),
             "<p>Method: Li Y. et al. (2025) Global soil moisture dynamics: attribution of "
             "contributions and their association with GPP. Front. Plant Sci. 16:1691082. "
             "Means are area-weighted (cos latitude).</p><h2>Figures</h2>"]
    for caption, png in figures.items:
        parts.append('<figure><figcaption>%s</figcaption><img alt="%s" src="data:image/png;base64,%s">'
                     "</figure>" % (html.escape(caption), html.escape(caption), png))
    parts.append("<h2>Tables</h2>")
    for path in trend_summaries:
        parts.append(html_table("Trend summary (%s)" % os.path.basename(path), read_csv(path)))
    for period, path in zip(periods, attribution_tables):
        parts.append(html_table("Attribution %s" % period, read_csv(path)))
    if correlation_table:
        parts.append(html_table("Correlation with GPP by ecosystem", read_csv(correlation_table)))
    if qc_report:
        parts.append(html_table("Quality control", read_csv(qc_report)))
    parts.append("</body></html>\n")
    read = [annual_tsm] + list((seasonal or {}).values()) + list(trends) + list(trend_summaries) + \
        list(components) + list(attribution_tables) + [correlation_table, qc_report]
    with Outputs({"input": [p for p in read if p]}, pages={"OUTPUT": output}) as out:
        out.page("OUTPUT", "\n".join(parts))
    return [caption for caption, _ in figures.items]
