"""One self-contained HTML report of a TSMV run: figures (PNG, embedded) and tables.

Every input is optional except ANNUAL_TSM; a section appears when its inputs
are given.  Figures follow Li et al. (2025): global mean TSM by year with the
Sen line of each period (Fig. 1a), seasonal soil moisture by depth (Fig. 1b),
maps of the trend slope and of the contributions by season, depth and
dynamic (Fig. 2), 4 x 4 heatmaps of the Trend and IAV contributions and of
omega, with the difference between two periods (Fig. 3), and the
correlation matrices per ecosystem (Fig. 4).

Every input is opened and checked (:func:`open_stack`, :func:`read_table`) before
any figure is made; a bad one is refused with a message that starts with its
parameter name and file.
"""
import base64
import csv
import html
import io
import os
from collections import namedtuple

import numpy as np

from .attribution import COMPONENT_LABELS, DYNAMICS, TABLE_HEADER as ATTRIBUTION_HEADER
from .correlation import TABLE_HEADER as CORRELATION_HEADER
from .errors import TsmvError
from .labels import LAYER_KEYS, LAYER_LABELS, SEASONS
from .mannkendall import original_test
from .progress import as_progress
from .outputs import Outputs
from .qc import QC_HEADER
from .raster import Stack
from .trend import BANDS as TREND_BANDS, SUMMARY_HEADER

DEPTHS = ["%s cm" % d for d in LAYER_LABELS]

#: A CSV input: the columns it must have, those read as numbers, those whose values must
#: be one of a list, and the TSMV output it should be.
Table = namedtuple("Table", "columns numbers choices source")
TABLES = {
    "summary": Table(SUMMARY_HEADER, (), {}, "the SUMMARY of tsmv:trend"),
    "attribution": Table(ATTRIBUTION_HEADER, ("mean_percent", "mean_omega"),
                         {"dynamic": DYNAMICS, "season": SEASONS, "depth": DEPTHS},
                         "the TABLE of tsmv:attribution"),
    "correlation": Table(CORRELATION_HEADER, ("mean_r",), {"season": SEASONS, "depth": DEPTHS},
                         "the TABLE of tsmv:correlation"),
    "qc": Table(QC_HEADER, (), {}, "the REPORT of tsmv:qualitycontrol"),
}

#: A raster input: the band-label kinds and the content it may have (None: any), the bands
#: it must have, whether its metadata must give its period (START_YEAR, END_YEAR), and the
#: TSMV output it should be.
Raster = namedtuple("Raster", "kinds content bands period source")
RASTERS = {
    "annual": Raster(("year",), "soil moisture", (), False, "the ANNUAL_TSM of tsmv:seasons"),
    "seasonal": Raster(("season",), "soil moisture", (), False, "the SEASONAL_* of tsmv:seasons"),
    "trend": Raster(None, "trend", TREND_BANDS, True, "the OUTPUT of tsmv:trend"),
    "components": Raster(None, "attribution", COMPONENT_LABELS, True, "the COMPONENTS of tsmv:attribution"),
}


def _pyplot():
    import matplotlib
    matplotlib.use("Agg")
    import matplotlib.pyplot as plt
    return plt


def matplotlib_problem():
    """Why matplotlib cannot draw here (QGIS's macOS build may lack it), or None."""
    try:
        _pyplot()
    except Exception as e:  # not only ImportError: a broken build fails in other ways
        return "%s: %s" % (type(e).__name__, e)
    return None


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


def _few(items, shown=4):
    items = list(items)
    return ", ".join(items[:shown]) + (" and %d more" % (len(items) - shown) if len(items) > shown else "")


def read_table(path, name, kind):
    """The rows (dicts) of the CSV input ``name`` at ``path``, checked against ``TABLES[kind]``.

    It must be UTF-8 text with a header holding the columns the report reads and at least
    one row, each row with one value per column, numbers where numbers are read and known
    seasons, depths and dynamics.  Anything else is refused naming ``name``, the file and,
    for a bad value, the row and column."""
    spec = TABLES[kind]
    where = "%s %s" % (name, path)
    rows = []
    try:
        with open(path, newline="", encoding="utf-8-sig") as f:
            reader = csv.DictReader(f)
            header = reader.fieldnames or []
            missing = [c for c in spec.columns if c not in header]
            if header and not missing:
                for row in reader:
                    rows.append(row)
                    _check_row(row, "%s: row %d (line %d)" % (where, len(rows), reader.line_num), spec)
    except UnicodeDecodeError as e:
        raise TsmvError("%s: the file is not UTF-8 text (it holds the byte 0x%02x); give %s, or save it "
                        "as UTF-8" % (where, e.object[e.start], spec.source)) from None
    except csv.Error as e:
        raise TsmvError("%s: not a readable CSV file (%s); give %s" % (where, e, spec.source)) from None
    except OSError as e:
        raise TsmvError("%s: cannot read it (%s)" % (where, e.strerror or e)) from None
    if not header:
        raise TsmvError("%s: the file is empty; give %s" % (where, spec.source))
    if missing:
        raise TsmvError("%s: the CSV lacks the columns %s; give %s" % (where, _few(missing), spec.source))
    if not rows:
        raise TsmvError("%s: the CSV has a header but no rows; give %s" % (where, spec.source))
    return rows


def _check_row(row, at, spec):
    """Refuse a row (``at`` names it) that is not one value per column, or has a bad value."""
    if None in row or None in row.values():
        raise TsmvError("%s: it does not have one value per column of the header; give %s" % (at, spec.source))
    for column in spec.numbers:
        try:
            float(row[column])
        except ValueError:
            raise TsmvError("%s, column %s: %r is not a number; give %s"
                            % (at, column, row[column], spec.source)) from None
    for column, known in spec.choices.items():
        if row[column] not in known:
            raise TsmvError("%s, column %s: %r is not one of %s; give %s"
                            % (at, column, row[column], ", ".join(known), spec.source))


def open_stack(path, name, kind):
    """The raster input ``name`` at ``path`` as a Stack, checked against ``RASTERS[kind]``:
    its band labels and content, the bands the report reads and, for trend and components,
    the period in its metadata.  Anything else is refused naming ``name`` and the file."""
    spec = RASTERS[kind]
    stack = Stack(path, name, kinds=spec.kinds, content=spec.content)
    missing = [b for b in spec.bands if b not in stack.labels]
    if missing:
        raise TsmvError("%s %s lacks the bands %s; give %s" % (name, path, _few(missing), spec.source))
    if spec.period:
        period_of(stack, spec.source)
    return stack


def period_of(stack, source="a TSMV output that records its period"):
    """(START_YEAR, END_YEAR) from the metadata of a stack, refused unless they are years in order."""
    years = []
    for key in ("START_YEAR", "END_YEAR"):
        value = stack.metadata.get(key)
        try:
            years.append(int(value))
        except (TypeError, ValueError):
            problem = "has no %s" % key if value is None else "gives %s = %r, not a year" % (key, value)
            raise TsmvError("%s %s: the metadata %s; give %s, which records its period"
                            % (stack.name, stack.path, problem, source)) from None
    if years[0] > years[1]:
        raise TsmvError("%s %s: the metadata START_YEAR (%d) is after END_YEAR (%d); give %s"
                        % (stack.name, stack.path, years[0], years[1], source))
    return tuple(years)


def _period(stack):
    return "%d-%d" % period_of(stack)


def weighted_mean_by_band(stack):
    """Area-weighted (cos latitude) mean of every band of a Stack."""
    sums = np.zeros(stack.count)
    weights = np.zeros(stack.count)
    for r0, r1 in stack.tiles(stack.count):
        block = stack.read(r0, r1).astype(np.float64)
        w = np.broadcast_to(stack.grid.cell_weights()[r0:r1, None], block.shape[1:])
        valid = np.isfinite(block)
        sums += np.where(valid, block * w, 0.0).sum(axis=(1, 2))
        weights += (valid * w).sum(axis=(1, 2))
    with np.errstate(invalid="ignore", divide="ignore"):
        return sums / weights


def _mean(values):
    """The mean of the finite values, NaN (without a warning) when there are none."""
    values = np.asarray(values, np.float64)
    finite = values[np.isfinite(values)]
    return finite.mean() if finite.size else np.nan


def fig_tsm(figures, annual, trends):
    """Fig. 1a from the ANNUAL_TSM stack and the trend stacks (checked by :func:`open_stack`)."""
    plt = _pyplot()
    means = weighted_mean_by_band(annual)
    years = np.array(annual.keys)
    order = np.argsort(years)
    years, means = years[order], means[order]
    fig, ax = plt.subplots(figsize=(9, 4))
    ax.plot(years, means, "o-", ms=3, color="#225ea8", label="Global mean TSM (area-weighted)")
    for trend in trends:
        start, end = period_of(trend)
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
    """Fig. 1b from the seasonal stacks by layer key (checked by :func:`open_stack`)."""
    plt = _pyplot()
    table = np.full((4, 4), np.nan)
    for d, key in enumerate(LAYER_KEYS):
        stack = seasonal[key]
        means = weighted_mean_by_band(stack)
        for s in range(4):
            table[s, d] = _mean([m for m, (y, ss) in zip(means, stack.keys) if ss == s])
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
    """Maps of the Sen slope of the trend stacks (checked by :func:`open_stack`)."""
    plt = _pyplot()
    fig, axes = plt.subplots(1, len(trends), figsize=(6 * len(trends), 3.2), squeeze=False)
    for ax, stack in zip(axes[0], trends):
        _map(ax, stack.read(0, stack.grid.height, stack.bands(["slope"]))[0], "Sen slope %s" % _period(stack),
             "%s per year" % (stack.metadata_units().replace(" per year", "") or "kg m-2"), "BrBG")
    figures.add(fig, "Trend of total soil moisture (Sen slope)")


def fig_contribution_maps(figures, stack, period):
    """Fig. 2 from a components stack (checked by :func:`open_stack`) of the period named ``period``."""
    plt = _pyplot()
    rc = stack.read(0, stack.grid.height, stack.bands(COMPONENT_LABELS)).reshape(
        2, 4, 4, stack.grid.height, stack.grid.width)
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


def attribution_matrices(rows):
    """Trend, IAV and omega (season x depth) from the rows of an attribution table
    (checked by :func:`read_table`)."""
    trend, iav, omega = (np.full((4, 4), np.nan) for _ in range(3))
    for row in rows:
        s, d = SEASONS.index(row["season"]), DEPTHS.index(row["depth"])
        target = trend if row["dynamic"] == "Trend" else iav
        target[s, d] = float(row["mean_percent"])
        omega[s, d] = float(row["mean_omega"])
    return trend, iav, omega


def fig_heatmaps(figures, tables):
    """Fig. 3 from (period, rows of an attribution table) pairs."""
    plt = _pyplot()
    matrices = [(period, attribution_matrices(rows)) for period, rows in tables]
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


def fig_correlation(figures, rows):
    """Fig. 4 from the rows of the correlation table (checked by :func:`read_table`)."""
    plt = _pyplot()
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


def _named(items, prefix):
    """(names, paths) of a list of period inputs: a (name, path) pair keeps its name, a bare
    path is named ``prefix`` + A, B, ... by its place."""
    pairs = [tuple(item) if isinstance(item, (tuple, list)) else (prefix + chr(ord("A") + i), item)
             for i, item in enumerate(items)]
    return [name for name, _ in pairs], [path for _, path in pairs]


def _open_seasonal(seasonal):
    """The four seasonal stacks by layer key: each must be given and hold its own layer."""
    stacks = {}
    for key, label in zip(LAYER_KEYS, LAYER_LABELS):
        name = "SEASONAL_" + key
        if not seasonal.get(key):
            raise TsmvError("%s is missing; give the four seasonal stacks of tsmv:seasons "
                            "(SEASONAL_0_10 .. SEASONAL_100_200), or none" % name)
        stack = stacks[key] = open_stack(seasonal[key], name, "seasonal")
        layer = stack.metadata.get("TSMV_LAYER")
        if layer and layer != label + " cm":
            raise TsmvError("%s %s holds the %s layer, not %s cm; give the %s of tsmv:seasons"
                            % (name, stack.path, layer, label, name))
    return stacks


def _check_within(trend, annual):
    """Refuse a trend stack whose period is not within the years of the ANNUAL_TSM stack."""
    start, end = period_of(trend)
    first, last = min(annual.keys), max(annual.keys)
    if start < first or end > last:
        raise TsmvError("%s %s: its period %d-%d is not within the years of ANNUAL_TSM %s (%d-%d); "
                        "give the trend of that ANNUAL_TSM" % (trend.name, trend.path, start, end,
                                                                annual.path, first, last))


def make_report(output, annual_tsm, seasonal=None, trends=(), trend_summaries=(), components=(),
                attribution_tables=(), correlation_table=None, qc_report=None,
                title="TSMV report: total soil-moisture variability", progress=None, log=None):
    """Write the HTML report to ``output``; returns the figure titles in order.

    Without a working matplotlib the report has its tables and no figures, says so on
    the page, and ``log`` hears why.

    ``seasonal`` maps every layer key (LAYER_KEYS) to its seasonal stack, or is None.
    ``trends``, ``trend_summaries``, ``components`` and ``attribution_tables`` list the
    periods in order; an item is a path, named TREND_A, TREND_B, ... (SUMMARY_*,
    COMPONENTS_*, ATTRIBUTION_TABLE_*) in messages by its place, or a (parameter name,
    path) pair.  Every input is opened and checked before any figure is made; a bad one
    raises a TsmvError that starts with its parameter name and file.
    """
    trend_names, trends = _named(trends, "TREND_")
    summary_names, trend_summaries = _named(trend_summaries, "SUMMARY_")
    component_names, components = _named(components, "COMPONENTS_")
    table_names, attribution_tables = _named(attribution_tables, "ATTRIBUTION_TABLE_")
    annual = open_stack(annual_tsm, "ANNUAL_TSM", "annual")
    seasonal_stacks = _open_seasonal(seasonal) if seasonal else None
    trend_stacks = [open_stack(p, n, "trend") for n, p in zip(trend_names, trends)]
    for stack in trend_stacks:
        _check_within(stack, annual)
    summaries = [read_table(p, n, "summary") for n, p in zip(summary_names, trend_summaries)]
    component_stacks = [open_stack(p, n, "components") for n, p in zip(component_names, components)]
    tables = [read_table(p, n, "attribution") for n, p in zip(table_names, attribution_tables)]
    correlation = read_table(correlation_table, "CORRELATION_TABLE", "correlation") if correlation_table else None
    qc = read_table(qc_report, "QC_REPORT", "qc") if qc_report else None
    read = [annual_tsm] + list((seasonal or {}).values()) + list(trends) + list(trend_summaries) + \
        list(components) + list(attribution_tables) + [correlation_table, qc_report]
    with Outputs({"input": [p for p in read if p]}, pages={"OUTPUT": output}) as out:
        titles = _write(out, title, progress, log, annual, seasonal_stacks, trend_stacks, component_stacks,
                        attribution_tables, tables, trend_summaries, summaries, correlation, qc)
    return titles


def _write(out, title, progress, log, annual, seasonal_stacks, trend_stacks, component_stacks,
           attribution_tables, tables, trend_summaries, summaries, correlation, qc):
    """Make the figures and tables of checked inputs and write the page; returns the figure titles."""
    expected = (1 + bool(seasonal_stacks) + bool(trend_stacks) + len(component_stacks) + bool(tables)
                + bool(correlation))
    figures = Figures(progress, expected)
    periods = [os.path.basename(os.path.dirname(os.path.abspath(p))) for p in attribution_tables]
    if component_stacks and len(component_stacks) == len(tables):
        periods = [_period(stack) for stack in component_stacks]
    problem = matplotlib_problem()
    if problem is None:
        fig_tsm(figures, annual, trend_stacks)
        if seasonal_stacks:
            fig_seasonal(figures, seasonal_stacks)
        if trend_stacks:
            fig_trend_maps(figures, trend_stacks)
        for stack in component_stacks:
            fig_contribution_maps(figures, stack, _period(stack))
        if tables:
            fig_heatmaps(figures, list(zip(periods, tables)))
        if correlation:
            fig_correlation(figures, correlation)
    else:
        note = ("The figures need the Python package matplotlib, which QGIS's Python cannot use here (%s); "
                "the tables are complete. Install matplotlib for QGIS's Python and run the report again."
                % problem)
        (log or (lambda message: None))(note)
    parts = ["<!DOCTYPE html><html><head><meta charset='utf-8'><title>%s</title><style>%s</style>"
             "</head><body><h1>%s</h1>" % (html.escape(title), STYLE, html.escape(title)),
             "<p>Method: Li Y. et al. (2025) Global soil moisture dynamics: attribution of "
             "contributions and their association with GPP. Front. Plant Sci. 16:1691082. "
             "Means are area-weighted (cos latitude).</p><h2>Figures</h2>"]
    if problem is not None:
        parts.append("<p>%s</p>" % html.escape(note))
    for caption, png in figures.items:
        parts.append('<figure><figcaption>%s</figcaption><img alt="%s" src="data:image/png;base64,%s">'
                     "</figure>" % (html.escape(caption), html.escape(caption), png))
    parts.append("<h2>Tables</h2>")
    for path, rows in zip(trend_summaries, summaries):
        parts.append(html_table("Trend summary (%s)" % os.path.basename(path), rows))
    for period, rows in zip(periods, tables):
        parts.append(html_table("Attribution %s" % period, rows))
    if correlation:
        parts.append(html_table("Correlation with GPP by ecosystem", correlation))
    if qc:
        parts.append(html_table("Quality control", qc))
    parts.append("</body></html>\n")
    out.page("OUTPUT", "\n".join(parts))
    return [caption for caption, _ in figures.items]
