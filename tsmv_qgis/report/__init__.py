"""One self-contained HTML report of a TSMV run: the paper's figures (PNG, embedded) and tables.

Every input is optional except ANNUAL_TSM; a figure appears when its inputs are given.  The
page has these sections (each a ``<section>`` with an id, which
``scripts/make_report_shots.py`` screenshots one by one):

* ``coverage``: how many pixels each analysis kept and why it dropped the others (the
  ``TSMV_COVERAGE`` its output records), and the GLDAS versions of each period, with a warning
  when a period mixes V2.0 and V2.1;
* ``trends`` (section 3.1 of Li et al. 2025): Fig. 1a global mean annual TSM with the Sen line
  of each period, beside it the version break and the trends' coverage; 1b seasonal soil
  moisture by depth; 1c the Sen trend of the global mean seasonal soil moisture, season x
  depth, per period; 1d the size of the detrended interannual variability, season x depth, per
  period; S1 maps of the Sen slope; Table 1 (the section's numbers);
* ``attribution`` (3.2): Fig. 2 maps of the contributions per period; Table 2;
* ``seasons-depths`` (3.3): Fig. 3 heatmaps of the Trend and IAV contributions and omega, and
  their change between the periods;
* ``correlation`` (3.4): Fig. 4a distributions of r and p by ecosystem, 4b maps of r, 4c mean
  r and the share of significant area by ecosystem, 4d the root zone (10-100 cm);
* ``tables``: the input tables, rounded;
* ``provenance``: inputs, versions (TSMV, QGIS, GDAL, ...), every parameter, date.

Maps are drawn cell by cell (nearest neighbour: no resampling drops a cell next to a NaN),
on their longitude/latitude, with coastlines when a world map is given (QGIS ships one),
sequential colours for shares and diverging ones, centred at 0, for signed terms; a cell
without a value is grey, never the colour of 0.

Every input is opened and checked (:func:`open_stack`, :func:`read_table`) before any figure is
made; a bad one is refused with a message that starts with its parameter name and file.
"""
import base64
import csv
import datetime
import html
import io
import os
import platform
import re
import struct
import sys
from collections import namedtuple

import numpy as np

from ..steps.attribution import COMPONENT_LABELS, DYNAMICS, TABLE_HEADER as ATTRIBUTION_HEADER
from ..steps.correlation import (BAND_LABELS as CORRELATION_LABELS, GROUPS, ROOT_ZONE, ROOT_ZONE_LABELS,
                          TABLE_HEADER as CORRELATION_HEADER, check_codes, open_ecosystems)
from ..io.coverage import VERSIONS, coverage_text, join_versions, mixed_versions, read_coverage
from ..errors import TsmvError
from ..labels import CITATION, DEPTHS, LAYER_KEYS, LAYER_LABELS, SEASONS, layer_label
from ..io.lineage import SEASONS_RUN, agree, made_from, one_run
from ..kernels.mannkendall import original_test
from ..io.outputs import Outputs
from ..progress import as_log, as_progress
from ..steps.qc import QC_HEADER
from ..io.raster import Stack, same_grid
from ..steps.trend import BANDS as TREND_BANDS, SUMMARY_HEADER

ECOSYSTEM_NAMES = GROUPS[1:]
#: The grey of a cell without a value (sea, or a pixel the analysis dropped): never a colour of
#: the scales, and far from the near-white of 0 on a diverging scale.
NAN_GREY = "#b4b4b4"
COAST = "#202020"
DEPTH_COLOURS = ("#c7e9b4", "#41b6c4", "#225ea8", "#081d58", "#fd8d3c")  # 4 layers, root zone
DPI = 100

#: A CSV input: the columns it must have, those read as numbers (NaN allowed), those read as
#: whole numbers, those whose values must be one of a list, and the TSMV output it should be.
Table = namedtuple("Table", "columns numbers whole choices source")
TABLES = {
    "summary": Table(SUMMARY_HEADER, [c for c in SUMMARY_HEADER if c not in ("method", "fdr")],
                     ("start_year", "end_year"), {}, "the SUMMARY of tsmv:trend"),
    "attribution": Table(ATTRIBUTION_HEADER, ("mean_percent", "mean_percent_unweighted", "mean_omega", "pixels"),
                         (), {"dynamic": DYNAMICS, "season": SEASONS, "depth": DEPTHS},
                         "the TABLE of tsmv:attribution"),
    "correlation": Table(CORRELATION_HEADER, ("pixels", "mean_r", "mean_p", "significant_pixels",
                                              "percent_significant"), (),
                         {"ecosystem": GROUPS, "season": SEASONS, "depth": DEPTHS + (ROOT_ZONE,)},
                         "the TABLE of tsmv:correlation"),
    "qc": Table(QC_HEADER, QC_HEADER[1:], (), {}, "the REPORT of tsmv:qualitycontrol"),
}

#: A raster input: the band-label kinds and the content it may have (None: any), the bands
#: it must have, whether its metadata must give its period (START_YEAR, END_YEAR), the value
#: its metadata may name (TSMV_VALUE), and the TSMV output it should be.
Raster = namedtuple("Raster", "kinds content bands period value source")
RASTERS = {
    "annual": Raster(("year",), "soil moisture", (), False, None, "the ANNUAL_TSM of tsmv:seasons"),
    "seasonal": Raster(("season",), "soil moisture", (), False, None, "the SEASONAL_* of tsmv:seasons"),
    "trend": Raster(None, "trend", TREND_BANDS, True, None, "the OUTPUT of tsmv:trend"),
    "components": Raster(None, "attribution", COMPONENT_LABELS, True, None,
                         "the COMPONENTS of tsmv:attribution"),
    "r": Raster(None, "correlation", CORRELATION_LABELS, False, "pearson r", "the R of tsmv:correlation"),
    "p": Raster(None, "correlation", CORRELATION_LABELS, False, "p-value", "the P of tsmv:correlation"),
    "r_root": Raster(None, "correlation", ROOT_ZONE_LABELS, False, "pearson r",
                     "the R_ROOT_ZONE of tsmv:correlation"),
    "p_root": Raster(None, "correlation", ROOT_ZONE_LABELS, False, "p-value",
                     "the P_ROOT_ZONE of tsmv:correlation"),
}

#: How the tables show the columns of TSMV's CSVs.
HEADINGS = {
    "code": "code", "dynamic": "dynamic", "season": "season", "depth": "depth",
    "mean_percent": "% of Var(TSM), area-weighted", "mean_percent_unweighted": "% unweighted",
    "mean_omega": "mean ω", "pixels": "pixels", "ecosystem": "ecosystem", "mean_r": "mean r",
    "mean_p": "mean p", "significant_pixels": "significant pixels",
    "percent_significant": "% of area significant", "layer": "layer", "values": "values",
    "masked": "masked", "percent_masked": "% masked", "below_zero": "below 0",
    "above_max": "above the maximum", "max_allowed_kg_m2": "maximum (kg m-2)"}


# --- numbers as they mean -----------------------------------------------------------------

DASH = "\u2013"


def fmt_percent(value):
    """A percent: one decimal; a small non-zero share keeps two significant digits (0.02)."""
    value = float(value)
    if not np.isfinite(value):
        return DASH
    if value != 0 and abs(value) < 0.05:
        return "%.2g" % value
    return "%.1f" % value


def fmt_sig(value, digits=3):
    """``digits`` significant digits, without an exponent for ordinary magnitudes."""
    value = float(value)
    if not np.isfinite(value):
        return DASH
    if value == 0:
        return "0"
    magnitude = int(np.floor(np.log10(abs(float("%.*g" % (digits, value))))))
    if not -6 <= magnitude < 7:
        return "%.*g" % (digits, value)
    return "%.*f" % (max(digits - 1 - magnitude, 0), value)


def fmt_change(value, decimals=2):
    """A signed difference: '+0.12', '-1.30', '0.00'."""
    value = float(value)
    if not np.isfinite(value):
        return DASH
    text = "%+.*f" % (decimals, value)
    return text[1:] if float(text) == 0 else text


def fmt_fixed(value, decimals=2):
    value = float(value)
    return DASH if not np.isfinite(value) else "%.*f" % (decimals, value)


def fmt_p(value):
    """A p-value: two decimals, '< 0.001' below that."""
    value = float(value)
    if not np.isfinite(value):
        return DASH
    if value < 0.001:
        return "< 0.001"
    return "%.3f" % value if value < 0.01 else "%.2f" % value


def fmt_count(value):
    try:
        return "{:,}".format(int(float(value)))
    except (TypeError, ValueError):
        return str(value)


#: How each CSV column is shown.
FORMATS = {"mean_percent": fmt_percent, "mean_percent_unweighted": fmt_percent,
           "mean_omega": fmt_fixed, "pixels": fmt_count, "mean_r": fmt_fixed, "mean_p": fmt_fixed,
           "significant_pixels": fmt_count, "percent_significant": fmt_percent, "values": fmt_count,
           "masked": fmt_count, "percent_masked": fmt_percent, "below_zero": fmt_count,
           "above_max": fmt_count}


def formatted(rows):
    """The rows (dicts of CSV text) with every value shown as it means."""
    return [{k: FORMATS.get(k, str)(v) for k, v in row.items()} for row in rows]


# --- matplotlib -------------------------------------------------------------------------

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


def colormap(name):
    """The matplotlib colormap ``name`` with NaN drawn in NAN_GREY."""
    import matplotlib
    try:
        cmap = matplotlib.colormaps[name]
    except AttributeError:  # matplotlib < 3.5
        cmap = matplotlib.cm.get_cmap(name)
    cmap = cmap.copy()
    cmap.set_bad(NAN_GREY)
    return cmap


Scale = namedtuple("Scale", "cmap norm extend")


def scale(values, kind="auto", centre=0.0, cmap=None, q=98.0, bound=None):
    """The colours of ``values``: ``kind`` "signed" is diverging, centred at ``centre`` and
    symmetric to the ``q``-th percentile of the distance from it (at most ``bound``); "share"
    is sequential from 0 to the ``q``-th percentile; "auto" is "share" unless a value (the 1st
    percentile) is below 0."""
    from matplotlib import colors
    v = np.asarray(values, np.float64)
    v = v[np.isfinite(v)]
    if kind == "auto":
        kind = "signed" if v.size and np.percentile(v, 1) < 0 else "share"
    if kind == "signed":
        half = float(np.percentile(np.abs(v - centre), q)) if v.size else 1.0
        half = min(half, bound) if bound else half
        half = half if half > 0 else 1.0
        beyond = v.size and np.abs(v - centre).max() > half * (1 + 1e-9)
        return Scale(colormap(cmap or "RdBu_r"), colors.Normalize(centre - half, centre + half),
                     "both" if beyond else "neither")
    top = float(np.percentile(v, q)) if v.size else 1.0
    top = top if top > 0 else (float(v.max()) if v.size and v.max() > 0 else 1.0)
    over, under = v.size and v.max() > top * (1 + 1e-9), v.size and v.min() < 0
    return Scale(colormap(cmap or "YlGnBu"), colors.Normalize(0.0, top),
                 {(True, True): "both", (True, False): "max", (False, True): "min"}.get((over, under), "neither"))


class Figures:
    """Figures made in order, each kept as (title, PNG base64); ``progress`` hears of each.

    The title is printed once, in the page's caption: figures carry panel titles only."""

    def __init__(self, progress=None, expected=1):
        self.items = []
        self.progress = as_progress(progress)
        self.expected = max(expected, 1)

    def add(self, fig, title, key, explain=""):
        """The figure as an HTML ``<figure>`` (``key`` its id), recorded under ``title``."""
        plt = _pyplot()
        buffer = io.BytesIO()
        fig.savefig(buffer, format="png", dpi=DPI, bbox_inches="tight", pad_inches=0.08)
        plt.close(fig)
        png = buffer.getvalue()
        width, height = struct.unpack(">II", png[16:24])
        self.items.append((title, png))
        self.progress.set(len(self.items) / self.expected)  # also where a cancel is seen
        return ('<figure id="%s"><figcaption>%s</figcaption><img alt="%s" width="%d" height="%d" '
                'src="data:image/png;base64,%s">%s</figure>'
                % (key, html.escape(title), html.escape(title), width, height,
                   base64.b64encode(png).decode("ascii"),
                   '<p class="explain">%s</p>' % explain if explain else ""))


# --- inputs -------------------------------------------------------------------------------

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
            (int if column in spec.whole else float)(row[column])
        except ValueError:
            raise TsmvError("%s, column %s: %r is not a %snumber; give %s"
                            % (at, column, row[column], "whole " if column in spec.whole else "",
                               spec.source)) from None
    for column, known in spec.choices.items():
        if row[column] not in known:
            raise TsmvError("%s, column %s: %r is not one of %s; give %s"
                            % (at, column, row[column], ", ".join(known), spec.source))


def open_stack(path, name, kind, layer=None):
    """The raster input ``name`` at ``path`` as a Stack, checked against ``RASTERS[kind]``:
    its band labels and content (and ``layer``), the bands the report reads, the value its
    metadata names and, for trend and components, the period in its metadata.  Anything else
    is refused naming ``name`` and the file."""
    spec = RASTERS[kind]
    stack = Stack(path, name, kinds=spec.kinds, content=spec.content, layer=layer)
    missing = [b for b in spec.bands if b not in stack.labels]
    if missing:
        raise TsmvError("%s %s lacks the bands %s; give %s" % (name, path, _few(missing), spec.source))
    value = stack.metadata.get("TSMV_VALUE")
    if spec.value and value and value != spec.value:
        raise TsmvError("%s %s holds the %s, not the %s; give %s" % (name, path, value, spec.value, spec.source))
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
        stacks[key] = open_stack(seasonal[key], name, "seasonal", layer=layer_label(key))
    return stacks


def _letter(name):
    """The period letter of a period input's name: 'A' of TREND_A and ATTRIBUTION_TABLE_A."""
    return name.rsplit("_", 1)[-1]


def _check_table_values(table_name, table_path, rows, stack, what):
    """Refuse a table whose ``rows`` ({band label: row with 'pixels' and the mean in column
    ``what``}) are not the pixels and area-weighted means of those bands of ``stack``: it was
    made by another run than the raster it is shown beside."""
    bands = list(rows)
    pixels, means = area_means(stack, bands)
    for label, n, mean in zip(bands, pixels, means):
        row = rows[label]
        value = float(row[what])
        close = abs(value - mean) <= 1e-3 + 1e-4 * abs(mean) if np.isfinite(mean) else not np.isfinite(value)
        if _whole(row.get("pixels")) != n or not close:
            raise TsmvError("%s %s does not belong to %s %s: for %s it gives %s pixels and %s %s, the "
                            "raster %d pixels and %.6g; give the table and the raster of one run"
                            % (table_name, table_path, stack.name, stack.path, label, row["pixels"],
                               what, row[what], n, mean))


def check_chain(annual, seasonal, trends, summaries, components, tables, rasters, correlation):
    """Refuse inputs of the report that do not come from one chain, naming both sides: the
    seasonal stacks and ANNUAL_TSM of one seasons run; each trend made from that ANNUAL_TSM and
    each COMPONENTS from those seasonal stacks; the inputs of one period letter (TREND_A,
    SUMMARY_A, COMPONENTS_A, ATTRIBUTION_TABLE_A) of one period; R, P, R_ROOT_ZONE and
    P_ROOT_ZONE of one correlation run, made from these seasonal stacks and ECOSYSTEMS; a table
    holding the numbers of the raster of its run.  What an input does not record (a stack made by
    another tool) is not compared; tables are compared by their values.

    ``summaries`` and ``tables`` are lists of (name, path, rows)."""
    layers = list((seasonal or {}).values())
    one_run([annual] + layers, "give ANNUAL_TSM and the seasonal stacks of " + SEASONS_RUN)
    for stack in trends:
        made_from(stack, [annual], "give the trend of that ANNUAL_TSM")
    for stack in components:
        made_from(stack, layers, "give the attribution of those seasonal stacks")
    periods = {}  # letter: (name, path, period) of the first input of the letter
    for name, path, period in ([(s.name, s.path, period_of(s)) for s in trends + components] +
                               # read_table checked the years are whole numbers
                               [(n, p, (int(rows[0]["start_year"]), int(rows[0]["end_year"])))
                                for n, p, rows in summaries]):
        first = periods.setdefault(_letter(name), (name, path, period))
        if period != first[2]:
            raise TsmvError("%s %s covers %d-%d, but %s %s covers %d-%d; the inputs of period %s must be "
                            "of one period" % ((name, path) + period + first[:2] + first[2] + (_letter(name),)))
    trend_of = {_letter(s.name): s for s in trends}
    for name, path, rows in summaries:
        if _letter(name) in trend_of:
            _check_summary_settings(name, path, rows[0], trend_of[_letter(name)])
    by_letter = {_letter(s.name): s for s in components}
    for name, path, rows in tables:
        stack = by_letter.get(_letter(name))
        if stack is not None:
            by_code = {_whole(row.get("code")): row for row in rows}
            _check_table_values(name, path, {label: by_code[k + 1] for k, label in enumerate(COMPONENT_LABELS)
                                             if k + 1 in by_code}, stack, "mean_percent")
    correlations = [rasters[n] for n in ("R", "P", "R_ROOT_ZONE", "P_ROOT_ZONE") if n in rasters]
    advice = "give the R, P, R_ROOT_ZONE and P_ROOT_ZONE of one run of tsmv:correlation"
    one_run(correlations, advice)
    for key in ("START_YEAR", "END_YEAR", "RANK_BY"):
        agree(correlations, key, "period" if key != "RANK_BY" else "ranking of the seasons", advice)
    for stack in correlations:
        made_from(stack, layers, "give the correlation of those seasonal stacks")
        if "ECOSYSTEMS" in rasters:
            made_from(stack, [rasters["ECOSYSTEMS"]], "give the correlation made with that ECOSYSTEMS")
    if correlation and "R" in rasters:
        name, path, rows = correlation
        glob = {(row["season"], row["depth"]): row for row in rows if row["ecosystem"] == GROUPS[0]}
        keys = [(s, d) for s in SEASONS for d in DEPTHS]
        _check_table_values(name, path, {label: glob[key] for key, label in zip(keys, CORRELATION_LABELS)
                                         if key in glob}, rasters["R"], "mean_r")


def _check_summary_settings(name, path, row, trend):
    """Refuse a SUMMARY whose method, ALPHA or FDR differ from those its trend raster records:
    its shares of significant area would not be those of the raster shown beside it."""
    recorded = trend.metadata
    for column, key, same in (("method", "METHOD", lambda a, b: a == b),
                              ("alpha", "ALPHA", lambda a, b: abs(float(a) - float(b)) <= 1e-12),
                              ("fdr", "FDR", lambda a, b: a.lower() == b.lower())):
        if recorded.get(key) not in (None, "") and row.get(column) not in (None, "") \
                and not same(row[column], recorded[key]):
            raise TsmvError("%s %s gives %s %s, but %s %s was made with %s %s; give the SUMMARY of that "
                            "trend run" % (name, path, column, row[column], trend.name, trend.path, key,
                                           recorded[key]))


def _whole(value):
    """``value`` (a table cell) as a whole number, or None when it is not one."""
    try:
        number = float(value)
    except (TypeError, ValueError):
        return None
    return int(number) if np.isfinite(number) and number == int(number) else None


def _check_within(trend, annual):
    """Refuse a trend stack whose period is not within the years of the ANNUAL_TSM stack."""
    start, end = period_of(trend)
    first, last = min(annual.keys), max(annual.keys)
    if start < first or end > last:
        raise TsmvError("%s %s: its period %d-%d is not within the years of ANNUAL_TSM %s (%d-%d); "
                        "give the trend of that ANNUAL_TSM" % (trend.name, trend.path, start, end,
                                                                annual.path, first, last))


# --- numbers the figures show ---------------------------------------------------------------

def area_means(stack, bands=None, progress=None):
    """(pixels with a value, area-weighted (cos latitude) mean) of each of ``bands`` (labels;
    default all) of a Stack."""
    progress = as_progress(progress)
    index = stack.bands(stack.labels if bands is None else bands)
    counts, sums, weights = (np.zeros(len(index)) for _ in range(3))
    cell_weights = stack.grid.cell_weights()
    for r0, r1 in stack.tiles(4 * len(index)):
        block = stack.read(r0, r1, index).astype(np.float64)
        w = np.broadcast_to(cell_weights[r0:r1, None], block.shape[1:])
        valid = np.isfinite(block)
        counts += valid.sum(axis=(1, 2))
        sums += np.where(valid, block * w, 0.0).sum(axis=(1, 2))
        weights += (valid * w).sum(axis=(1, 2))
        progress.check()
    with np.errstate(invalid="ignore", divide="ignore"):
        return counts.astype(np.int64), sums / weights


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


def sen_of_series(years, values, start, end):
    """(Sen slope per year, Mann-Kendall p) of ``values`` (by ``years``) over start..end: the
    series laid on every year of the period (a missing year is skipped, not closed up)."""
    span = np.arange(start, end + 1)
    series = np.full((1, span.size), np.nan)
    for y, v in zip(years, values):
        if start <= y <= end:
            series[0, y - start] = v
    result = original_test(series, min_valid=3)
    return result.slope[0], result.p_value[0], result.intercept[0]


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


def detrended_iav(seasonal, periods, progress=None):
    """Fig. 1d: per period, the area-weighted mean over pixels of the standard deviation
    (divided by n) of the residuals of the least-squares line of each pixel's series of each
    season x depth: (iav (periods, 4, 4) kg m-2, pixels (periods,)).

    A pixel counts when its 16 series are complete in the period (as in the attribution), so
    every cell of a period averages over the same pixels."""
    progress = as_progress(progress)
    stacks = [seasonal[k] for k in LAYER_KEYS]
    grid = stacks[0].grid
    weights = grid.cell_weights()
    iav = np.full((len(periods), 4, 4), np.nan)
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
        total, wsum = np.zeros(16), 0.0
        for r0, r1 in stacks[0].tiles(8 * 16 * len(years) * 4):  # float64 series, 4 arrays of them
            n_pix = (r1 - r0) * grid.width
            y = np.empty((len(years), 4, 4, n_pix))
            for d, (stack, bands) in enumerate(zip(stacks, index)):
                y[:, :, d] = stack.read(r0, r1, bands).reshape(len(years), 4, n_pix)
            y = y.reshape(len(years), 16, n_pix)
            complete = np.isfinite(y).all(axis=(0, 1))
            y = y[:, :, complete]
            yc = y - y.mean(axis=0)
            slope = np.tensordot(tc, yc, axes=(0, 0)) / (tc * tc).sum()
            residual = yc - tc[:, None, None] * slope[None]
            std = np.sqrt((residual * residual).mean(axis=0))  # (16, pixels)
            w = np.repeat(weights[r0:r1], grid.width)[complete]
            total += std @ w
            wsum += w.sum()
            pixels[i] += int(complete.sum())
            progress.check()
        if wsum > 0:
            iav[i] = (total / wsum).reshape(4, 4)
    return iav, pixels


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


def attribution_totals(rows):
    """Section 3.2: the area-weighted contributions (percent) summed by season, depth and
    dynamic: {name: percent} for H-S .. A-S, 0-10 cm .. 100-200 cm, Trend, IAV."""
    totals = dict.fromkeys(SEASONS + DEPTHS + tuple(DYNAMICS), 0.0)
    for row in rows:
        for key in ("season", "depth", "dynamic"):
            totals[row[key]] += float(row["mean_percent"])
    return totals


def correlation_matrices(rows, column, depths=DEPTHS):
    """{ecosystem: (4 seasons, len(depths)) array of ``column``} from the correlation table."""
    out = {}
    for row in rows:
        if row["depth"] in depths:
            m = out.setdefault(row["ecosystem"], np.full((4, len(depths)), np.nan))
            m[SEASONS.index(row["season"]), depths.index(row["depth"])] = float(row[column])
    return out


# --- coastlines -------------------------------------------------------------------------------

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


# --- drawing ---------------------------------------------------------------------------------

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


def _text_colour(rgba):
    r, g, b = rgba[:3]
    return "black" if 0.299 * r + 0.587 * g + 0.114 * b > 0.55 else "white"


def heatmap(ax, matrix, colours, title, fmt, rows=SEASONS, columns=DEPTHS, marks=None,
            labels=(True, True)):
    """A season x depth matrix, each cell annotated; NaN grey with a dash.  ``marks``: a
    boolean matrix of cells to star (significant)."""
    image = ax.imshow(np.ma.masked_invalid(matrix), cmap=colours.cmap, norm=colours.norm,
                      interpolation="nearest", aspect="auto")
    ax.set_xticks(range(len(columns)))
    ax.set_xticklabels(columns if labels[0] else [], fontsize=8)
    ax.set_yticks(range(len(rows)))
    ax.set_yticklabels(rows if labels[1] else [], fontsize=8)
    ax.tick_params(length=0)
    ax.set_title(title, fontsize=9)
    for i in range(matrix.shape[0]):
        for j in range(matrix.shape[1]):
            value = matrix[i, j]
            text = fmt(value) + ("*" if marks is not None and marks[i, j] and np.isfinite(value) else "")
            colour = "black" if not np.isfinite(value) else _text_colour(colours.cmap(colours.norm(value)))
            ax.text(j, i, text, ha="center", va="center", fontsize=8, color=colour)
    return image


def _colorbar(fig, image, axes, label, extend="neither", **kw):
    bar = fig.colorbar(image, ax=axes, extend=extend, shrink=kw.pop("shrink", 0.9), **kw)
    bar.set_label(label, fontsize=8)
    bar.ax.tick_params(labelsize=7)
    return bar


# --- the figures ------------------------------------------------------------------------------

def fig_tsm(ax, years, means, lines, versions):
    """Fig. 1a: ``lines`` = [(start, end, slope, p, intercept)], ``versions`` = {year: '2.0'}."""
    ax.plot(years, means, "o-", ms=3, color="#225ea8", lw=1.2, label="Global mean TSM (area-weighted)")
    for colour, (start, end, slope, p, intercept) in zip(("#d95f02", "#7570b3", "#1b9e77"), lines):
        t = np.arange(start, end + 1)
        ax.plot(t, intercept + slope * (t - start), "--", lw=2, color=colour,
                label="Sen trend %d-%d: %s kg m-2 per year (MK p %s)"
                % (start, end, fmt_sig(slope, 3), fmt_p(p) if fmt_p(p).startswith("<") else "= " + fmt_p(p)))
    runs = []
    for y in years:
        v = versions.get(y, "")
        if runs and runs[-1][0] == v and runs[-1][2] == y - 1:
            runs[-1][2] = y
        else:
            runs.append([v, y, y])
    if any(v for v, _, _ in runs):
        for i, (v, first, last) in enumerate(runs):
            if not v:
                continue
            ax.axvspan(first - 0.5, last + 0.5, color=("#f0f0f0", "#fff7e6")[i % 2], zorder=0, lw=0)
            ax.text((first + last) / 2, 1.01, "GLDAS V" + " + V".join(v.split()), transform=ax.get_xaxis_transform(),
                    ha="center", va="bottom", fontsize=8, color="#555555")
    ax.set_xlabel("Year")
    ax.set_ylabel("Total soil moisture (kg m-2)")
    ax.legend(fontsize=8, loc="upper center", bbox_to_anchor=(0.5, -0.16), frameon=False)


# --- the page ---------------------------------------------------------------------------------

STYLE = """
*{box-sizing:border-box}
body{font-family:"DejaVu Sans",Arial,sans-serif;max-width:1200px;margin:auto;padding:1em 1.2em;color:#222;line-height:1.4}
h1{font-size:1.6em;margin:.3em 0}h2{font-size:1.3em;border-bottom:1px solid #ccc;padding-bottom:.2em;margin-top:1.6em}
h3{font-size:1.05em;margin:1.2em 0 .4em}
section{margin-bottom:1.5em}
table{border-collapse:collapse;font-size:12px;margin:.3em 0 1.2em;max-width:100%}
td,th{border:1px solid #bbb;padding:2px 6px;text-align:left;vertical-align:top}
th{background:#eee;font-weight:600}
td.n,th.n{text-align:right;font-variant-numeric:tabular-nums}
table.text td{overflow-wrap:anywhere}
figure{margin:1em 0;max-width:100%}
figcaption{font-weight:bold;margin-bottom:.3em}
img{max-width:100%;height:auto;display:block}
p.explain{font-size:13px;color:#444;margin:.3em 0;max-width:60em}
.beside{display:flex;flex-wrap:wrap;gap:1.2em;align-items:flex-start}
.beside figure{flex:0 1 auto;margin-top:0}
.beside aside{flex:1 1 260px;min-width:0;font-size:13px;background:#f7f7f7;border-left:3px solid #bbb;padding:.5em .8em}
.warning{background:#fff3cd;border-left:4px solid #e0a800;padding:.4em .7em;margin:.5em 0;font-size:13px}
ul.coverage li{margin:.2em 0;font-size:13px}
nav ol{font-size:13px;columns:2 22em}
code{overflow-wrap:anywhere}
"""


def html_table(title, rows, number="", css=None):
    """A table with its title (printed once, above it); ``rows`` are dicts of shown text."""
    if not rows:
        return ""
    key = "table-" + re.sub(r"[^a-z0-9]+", "-", (number or title).lower()).strip("-")
    numeric = {k: all(_is_number(row[k]) for row in rows) for k in rows[0]}
    head = "".join("<th%s>%s</th>" % (' class="n"' if numeric[k] else "", html.escape(HEADINGS.get(k, k)))
                   for k in rows[0])
    body = "".join("<tr>%s</tr>" % "".join("<td%s>%s</td>" % (' class="n"' if numeric[k] else "",
                                                             html.escape(str(v))) for k, v in row.items())
                   for row in rows)
    caption = "%s%s" % (number + ". " if number else "", title)
    return ('<h3 class="table-title" id="%s">%s</h3>\n<table data-title="%s"%s><thead><tr>%s</tr></thead>'
            "<tbody>%s</tbody></table>\n" % (key, html.escape(caption), html.escape(title),
                                             ' class="%s"' % css if css else "", head, body))


def _is_number(text):
    text = str(text).replace(",", "").replace("< ", "")
    if text in (DASH, ""):
        return True
    try:
        float(text)
        return True
    except ValueError:
        return False


def _modified(path):
    try:
        return datetime.datetime.fromtimestamp(os.path.getmtime(path)).strftime("%Y-%m-%d %H:%M")
    except OSError:
        return ""


def plugin_version():
    """TSMV's version from the plugin's metadata.txt, or '' when it is not beside the core."""
    path = os.path.join(os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__)))), "metadata.txt")
    try:
        with open(path, encoding="utf-8") as f:
            for line in f:
                if line.startswith("version="):
                    return line.split("=", 1)[1].strip()
    except OSError:
        pass
    return ""


def software_versions(given=None):
    """{name: version} of what made the report: TSMV, QGIS (when given), GDAL, numpy,
    matplotlib, Python."""
    from osgeo import gdal
    versions = {"TSMV": plugin_version() or "unknown"}
    versions.update(given or {})
    versions["GDAL"] = gdal.__version__
    versions["numpy"] = np.__version__
    try:
        import matplotlib
        versions["matplotlib"] = matplotlib.__version__
    except Exception:
        versions["matplotlib"] = "not available"
    versions["Python"] = "%s (%s)" % (platform.python_version(), sys.platform)
    return versions


def make_report(output, annual_tsm, seasonal=None, trends=(), trend_summaries=(), components=(),
                attribution_tables=(), correlation_table=None, qc_report=None, correlation_r=None,
                correlation_p=None, ecosystems=None, root_zone_r=None, root_zone_p=None,
                coastlines_path=None, parameters=None, versions=None,
                title="TSMV report: total soil-moisture variability", progress=None, log=None):
    """Write the HTML report to ``output``; returns the figure titles in order.

    Without a working matplotlib the report has its tables and no figures, says so on
    the page, and ``log`` hears why.

    ``seasonal`` maps every layer key (LAYER_KEYS) to its seasonal stack, or is None.
    ``trends``, ``trend_summaries``, ``components`` and ``attribution_tables`` list the
    periods in order; an item is a path, named TREND_A, TREND_B, ... (SUMMARY_*,
    COMPONENTS_*, ATTRIBUTION_TABLE_*) in messages by its place, or a (parameter name,
    path) pair.  ``correlation_r``/``correlation_p`` are the R and P of tsmv:correlation,
    ``ecosystems`` the OUTPUT of tsmv:landcover, ``root_zone_r``/``root_zone_p`` its
    R_ROOT_ZONE and P_ROOT_ZONE.  ``coastlines_path``: a world map (QGIS's
    resources/data/world_map.gpkg) whose coasts are drawn on the maps.  ``parameters``
    ({name: value}) and ``versions`` ({software: version}, e.g. QGIS) go to the provenance.
    Every input is opened and checked before any figure is made; a bad one raises a
    TsmvError that starts with its parameter name and file.
    """
    log = as_log(log)
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
    rasters = {}
    for name, path, kind in (("R", correlation_r, "r"), ("P", correlation_p, "p"),
                             ("R_ROOT_ZONE", root_zone_r, "r_root"), ("P_ROOT_ZONE", root_zone_p, "p_root")):
        if path:
            rasters[name] = open_stack(path, name, kind)
    if ecosystems:
        rasters["ECOSYSTEMS"] = open_ecosystems(ecosystems)
    first = next(iter(rasters.values()), None)
    for stack in rasters.values():
        if stack is not first:
            same_grid(stack, first)
    check_chain(annual, seasonal_stacks, trend_stacks, list(zip(summary_names, trend_summaries, summaries)),
                component_stacks, list(zip(table_names, attribution_tables, tables)), rasters,
                ("CORRELATION_TABLE", correlation_table, correlation) if correlation else None)
    eco = None
    if "ECOSYSTEMS" in rasters:
        stack = rasters["ECOSYSTEMS"]
        eco = stack.read(0, stack.grid.height, [0])[0]
        check_codes(eco, stack, (1, 2, 3, 4), "the OUTPUT of tsmv:landcover (codes 1-4)")
    read = [annual_tsm] + list((seasonal or {}).values()) + list(trends) + list(trend_summaries) + \
        list(components) + list(attribution_tables) + [correlation_table, qc_report, correlation_r,
                                                        correlation_p, ecosystems, root_zone_r, root_zone_p]
    inputs = {"ANNUAL_TSM": annual}
    inputs.update({s.name: s for s in (seasonal_stacks or {}).values()})
    inputs.update({s.name: s for s in trend_stacks + component_stacks})
    inputs.update(rasters)
    csvs = dict(zip(summary_names, trend_summaries))
    csvs.update(zip(table_names, attribution_tables))
    csvs.update({"CORRELATION_TABLE": correlation_table, "QC_REPORT": qc_report})
    report = Report(title, log, progress, annual, seasonal_stacks, trend_stacks, summaries, component_stacks,
                    list(zip(table_names, tables)), correlation, qc, rasters, eco,
                    (coastlines_path, coastlines(coastlines_path) if coastlines_path else (None, "no world map was given")),
                    parameters, software_versions(versions), inputs, {k: v for k, v in csvs.items() if v})
    with Outputs({"input": [p for p in read if p]}, pages={"OUTPUT": output}) as out:
        out.page("OUTPUT", report.page())
    return report.titles


class Report:
    """The checked inputs of one report and what it shows; :meth:`page` makes the HTML."""

    def __init__(self, title, log, progress, annual, seasonal, trends, summaries, components, tables,
                 correlation, qc, rasters, eco, coast, parameters, versions, inputs, csvs):
        self.title, self.log, self.annual, self.seasonal = title, log, annual, seasonal
        self.trends, self.summaries, self.components, self.tables = trends, summaries, components, tables
        self.correlation, self.qc, self.rasters, self.eco = correlation, qc, rasters, eco
        self.coast_path, (self.coast, self.coast_problem) = coast
        self.parameters, self.versions, self.inputs, self.csvs = parameters, versions, inputs, csvs
        self.progress = as_progress(progress)
        self.titles = []
        self.periods = self._periods()
        self.annual_versions = dict(zip(annual.keys, [v for v in annual.band_versions]))

    # --- what the inputs say --------------------------------------------------------------

    def _periods(self):
        """The (start, end) of the analyses' periods in order: trends, then attributions."""
        found = []
        for stack in self.trends + self.components:
            if period_of(stack) not in found:
                found.append(period_of(stack))
        return found

    def versions_of(self, stack=None, start=None, end=None):
        """The GLDAS versions of an output (its GLDAS_VERSIONS), else of the ANNUAL_TSM's years
        start..end; '' when nothing records them."""
        if stack is not None and stack.metadata.get(VERSIONS):
            return join_versions([stack.metadata[VERSIONS]])
        if start is None:
            return ""
        return join_versions(v for y, v in self.annual_versions.items() if start <= y <= end)

    # --- the page -------------------------------------------------------------------------

    def page(self):
        problem = matplotlib_problem()
        self.expected = self._expected() if problem is None else 0
        self.figures = Figures(self.progress, self.expected)
        parts = ["<!DOCTYPE html><html lang='en'><head><meta charset='utf-8'>"
                 "<meta name='viewport' content='width=device-width, initial-scale=1'>"
                 "<title>%s</title><style>%s</style></head><body><h1>%s</h1>"
                 % (html.escape(self.title), STYLE, html.escape(self.title)),
                 "<p>Method: %s Means are area-weighted (cos latitude) unless said otherwise. Made %s.</p>"
                 % (html.escape(CITATION), html.escape(self.when()))]
        sections = []
        if problem is None:
            sections += [("trends", "Trends of soil moisture (§3.1)", self.section_trends()),
                         ("attribution", "Contributions to the variability of total soil moisture (§3.2)",
                          self.section_attribution()),
                         ("seasons-depths", "Trend and IAV contributions by season and depth (§3.3)",
                          self.section_heatmaps()),
                         ("correlation", "Soil moisture and GPP by ecosystem (§3.4)", self.section_correlation())]
        else:
            note = ("The figures need the Python package matplotlib, which QGIS's Python cannot use here "
                    "(%s); the tables are complete. Install matplotlib for QGIS's Python and run the "
                    "report again." % problem)
            self.log(note)
            parts.append("<p class='warning'>%s</p>" % html.escape(note))
            sections.append(("trends", "Trends of soil moisture (§3.1)", self.table_trends()))
            sections.append(("attribution", "Contributions to the variability of total soil moisture (§3.2)",
                             self.table_attribution()))
        sections.append(("tables", "Tables", self.section_tables()))
        sections.insert(0, ("coverage", "Data coverage and GLDAS versions", self.section_coverage()))
        sections.append(("provenance", "Provenance", self.section_provenance()))
        sections = [s for s in sections if s[2].strip()]
        parts.append("<nav><b>Contents</b><ol>%s</ol></nav>" % "".join(
            '<li><a href="#%s">%s</a>%s</li>' % (key, html.escape(heading), self._figure_list(body))
            for key, heading, body in sections))
        for key, heading, body in sections:
            parts.append('<section id="%s"><h2>%s</h2>\n%s</section>' % (key, html.escape(heading), body))
        parts.append("</body></html>\n")
        return "\n".join(parts)

    @staticmethod
    def _figure_list(body):
        found = re.findall(r'<figure id="([^"]+)"><figcaption>([^<]*)</figcaption>', body)
        found += re.findall(r'<h3 class="table-title" id="([^"]+)">([^<]*)</h3>', body)
        if not found:
            return ""
        return "<ul>%s</ul>" % "".join('<li><a href="#%s">%s</a></li>' % (k, t) for k, t in found)

    @staticmethod
    def when():
        now = datetime.datetime.now().astimezone()
        return now.strftime("%Y-%m-%d %H:%M (UTC%z)")

    def _expected(self):
        n = 1  # Fig. 1a
        if self.seasonal:
            n += 3
        n += bool(self.trends) + len(self.components) + bool(self.tables)
        r = self.rasters
        n += bool("R" in r or "P" in r) + ("R" in r) + bool(self.correlation)
        n += bool("R_ROOT_ZONE" in r or self._root_rows())
        return n

    def add(self, fig, title, key, explain=""):
        self.titles.append(title)
        return self.figures.add(fig, title, key, explain)

    # --- coverage ---------------------------------------------------------------------------

    def analyses(self):
        """(label, stack, band counted when it records no coverage) of every analysis output."""
        out = []
        for stack in self.trends:
            out.append(("Trend %s (%s)" % (_period(stack), stack.name), stack, "slope"))
        for stack in self.components:
            out.append(("Attribution %s (%s)" % (_period(stack), stack.name), stack, COMPONENT_LABELS[0]))
        for name, what in (("R", "Correlation with GPP"), ("R_ROOT_ZONE", "Root-zone correlation")):
            stack = self.rasters.get(name)
            if stack is not None:
                years = ("%s-%s " % (stack.metadata["START_YEAR"], stack.metadata["END_YEAR"])
                         if stack.metadata.get("START_YEAR") and stack.metadata.get("END_YEAR") else "")
                out.append(("%s %s(%s)" % (what, years, name), stack, None))
        return out

    @staticmethod
    def coverage_of(stack, band):
        """The coverage an output records, or what its pixels show when it records none."""
        recorded = read_coverage(stack.metadata)
        if recorded is not None:
            return recorded
        grid = stack.grid
        bands = stack.bands([band]) if band else None
        kept = 0
        for r0, r1 in stack.tiles(4 * (stack.count if band is None else 1)):
            kept += int(np.isfinite(stack.read(r0, r1, bands)).any(axis=0).sum())
        pixels = grid.width * grid.height
        return {"pixels": pixels, "kept": kept,
                "dropped": {"reasons not recorded (an output of an older TSMV)": pixels - kept}}

    def version_warnings(self):
        """The warnings of periods that mix GLDAS versions (each period once)."""
        seen, out = set(), []
        for stack in self.trends + self.components:
            start, end = period_of(stack)
            versions = self.versions_of(stack, start, end)
            warning = mixed_versions(versions, "The period %d-%d" % (start, end))
            if warning and (start, end) not in seen:
                seen.add((start, end))
                out.append(warning)
        for name in ("R", "R_ROOT_ZONE"):
            stack = self.rasters.get(name)
            if stack is not None and stack.metadata.get(VERSIONS):
                warning = mixed_versions(stack.metadata[VERSIONS], "The correlation period (%s)" % name)
                if warning and name not in seen:
                    seen.add(name)
                    out.append(warning)
        return out

    def section_coverage(self):
        parts = []
        warnings = self.version_warnings()
        for warning in warnings:
            self.log.warn(warning)
            parts.append('<p class="warning">Warning: %s</p>' % html.escape(warning))
        items = []
        for label, stack, band in self.analyses():
            cov = self.coverage_of(stack, band)
            versions = self.versions_of(stack, *(period_of(stack) if stack.metadata.get("START_YEAR")
                                                 and stack.metadata.get("END_YEAR") else (None, None)))
            items.append("<li><b>%s</b>: %s%s.</li>" % (
                html.escape(label), html.escape(coverage_text(cov)),
                ". Data from GLDAS " + html.escape(" and ".join("V" + v for v in versions.split())) if versions else ""))
        if items:
            parts.append("<p>Pixels each analysis kept, and why it dropped the others (a pixel with one "
                         "missing month in a period leaves the attribution of that period, while the "
                         "trend skips only that year):</p><ul class='coverage'>%s</ul>" % "".join(items))
        known = join_versions(self.annual_versions.values())
        if known:
            parts.append("<p>The ANNUAL_TSM comes from GLDAS %s (%s).</p>"
                         % (" and ".join("V" + v for v in known.split()), html.escape(self.version_runs())))
        elif self.annual is not None:
            parts.append("<p>The ANNUAL_TSM does not record the GLDAS version of its years (made by "
                         "an older TSMV); the report cannot tell whether a period mixes V2.0 and V2.1.</p>")
        return "\n".join(parts)

    def version_runs(self):
        """'1948-1999: V2.0; 2000-2024: V2.1' from the ANNUAL_TSM's bands."""
        runs = []
        for y in sorted(self.annual_versions):
            v = self.annual_versions[y]
            if runs and runs[-1][0] == v and runs[-1][2] == y - 1:
                runs[-1][2] = y
            else:
                runs.append([v, y, y])
        return "; ".join("%d-%d: %s" % (a, b, " + ".join("V" + x for x in v.split()) or "version not recorded")
                         for v, a, b in runs)

    # --- section 3.1 --------------------------------------------------------------------------

    def global_tsm(self):
        if not hasattr(self, "_tsm"):
            means = weighted_mean_by_band(self.annual, self.progress)
            years = np.array(self.annual.keys)
            order = np.argsort(years)
            self._tsm = years[order], means[order]
        return self._tsm

    def tsm_lines(self):
        """[(start, end, slope, p, intercept)] of the global mean TSM over each trend period."""
        years, means = self.global_tsm()
        lines = []
        for stack in self.trends:
            start, end = period_of(stack)
            slope, p, intercept = sen_of_series(years, means, start, end)
            lines.append((start, end, slope, p, intercept))
        return lines

    def section_trends(self):
        plt = _pyplot()
        parts = []
        years, means = self.global_tsm()
        fig, ax = plt.subplots(figsize=(8.4, 3.8))
        fig_tsm(ax, years, means, self.tsm_lines(), self.annual_versions)
        figure = self.add(fig, "Fig. 1a. Global mean annual total soil moisture and the Sen trend of each period",
                          "fig-1a", "The area-weighted mean of the ANNUAL_TSM over all its valid pixels, "
                          "year by year; dashed: the Sen line of that mean over each trend period, with "
                          "the Mann-Kendall p of the mean series.")
        parts.append('<div class="beside">%s<aside>%s</aside></div>' % (figure, self.beside_1a()))
        if self.seasonal:
            parts += self.figures_1bcd()
        if self.trends:
            parts.append(self.figure_slope_maps())
        parts.append(self.table_trends())
        return "\n".join(parts)

    def beside_1a(self):
        notes = []
        known = join_versions(self.annual_versions.values())
        if known:
            notes.append("<p><b>GLDAS versions</b>: %s. V2.0 and V2.1 differ in forcing and model "
                         "version; Li et al. (2025) split the record at 2000 for this reason.</p>"
                         % html.escape(self.version_runs()))
        else:
            notes.append("<p><b>GLDAS versions</b>: not recorded in the ANNUAL_TSM (an output of an "
                         "older TSMV).</p>")
        for warning in self.version_warnings():
            notes.append('<p class="warning">Warning: %s</p>' % html.escape(warning))
        for stack in self.trends:
            cov = self.coverage_of(stack, "slope")
            notes.append("<p><b>Trend %s</b>: %s.</p>" % (_period(stack), html.escape(coverage_text(cov))))
        return "\n".join(notes)

    def figures_1bcd(self):
        plt = _pyplot()
        parts = []
        years, means = seasonal_global_means(self.seasonal, self.progress)
        first, last = years[0], years[-1]
        table = np.array([[_mean(means[:, s, d]) for d in range(4)] for s in range(4)])
        fig, ax = plt.subplots(figsize=(7.5, 3.6))
        width = 0.2
        colours = ("#2166ac", "#67a9cf", "#ef8a62", "#b2182b")
        for s in range(4):
            ax.bar(np.arange(4) + (s - 1.5) * width, table[s], width, label=SEASONS[s], color=colours[s])
        ax.set_xticks(np.arange(4))
        ax.set_xticklabels(DEPTHS)
        ax.set_xlabel("Depth")
        ax.set_ylabel("Mean soil moisture (kg m-2)")
        ax.legend(title="Season", fontsize=8)
        parts.append(self.add(fig, "Fig. 1b. Seasonal mean soil moisture by depth, %d-%d" % (first, last),
                              "fig-1b", "The mean over the years of the area-weighted global mean of each "
                              "season's soil moisture (SEASONAL_*), kg m-2; H-S is the wettest season."))
        periods = self.periods or [(first, last)]
        slope, p = seasonal_trends(years, means, periods)
        alpha = self.alpha()
        fig, axes = plt.subplots(1, len(periods), figsize=(3.9 * len(periods) + 1.2, 2.9), squeeze=False,
                                 constrained_layout=True)
        colours = scale(slope, "signed", cmap="BrBG", q=100)
        for i, (period, ax) in enumerate(zip(periods, axes[0])):
            image = heatmap(ax, slope[i], colours, "%d-%d" % period, lambda v: fmt_sig(v, 2),
                            marks=p[i] < alpha, labels=(True, i == 0))
        _colorbar(fig, image, axes[0].tolist(), "Sen slope (kg m-2 per year)", colours.extend)
        parts.append(self.add(fig, "Fig. 1c. Sen trend of the global mean seasonal soil moisture by season "
                                   "and depth", "fig-1c",
                              "For each season and depth, the Sen slope of the area-weighted global mean "
                              "series over the period (kg m-2 per year); * the Mann-Kendall test of that "
                              "series is significant (p < %g). Brown: drying." % alpha))
        iav, pixels = detrended_iav(self.seasonal, periods, self.progress)
        fig, axes = plt.subplots(1, len(periods), figsize=(3.9 * len(periods) + 1.2, 2.9), squeeze=False,
                                 constrained_layout=True)
        colours = scale(iav, "share", cmap="YlOrBr", q=100)
        for i, (period, ax) in enumerate(zip(periods, axes[0])):
            image = heatmap(ax, iav[i], colours, "%d-%d (%s pixels)" % (period + (fmt_count(pixels[i]),)),
                            lambda v: fmt_sig(v, 2), labels=(True, i == 0))
        _colorbar(fig, image, axes[0].tolist(), "Detrended IAV (kg m-2)", colours.extend)
        parts.append(self.add(fig, "Fig. 1d. Size of the detrended interannual variability by season and "
                                   "depth", "fig-1d",
                              "For each pixel, season and depth, the standard deviation of the residuals "
                              "of the least-squares line of its series over the period (kg m-2), averaged "
                              "over the pixels (area-weighted) whose 16 series are complete in the period."))
        return parts

    def alpha(self):
        for stack in self.trends:
            try:
                return float(stack.metadata.get("ALPHA", 0.05))
            except ValueError:
                pass
        return 0.05

    def read_band(self, stack, label):
        return stack.read(0, stack.grid.height, stack.bands([label]))[0]

    def figure_slope_maps(self):
        plt = _pyplot()
        arrays = [self.read_band(stack, "slope") for stack in self.trends]
        n = len(arrays)
        cols = min(n, 2)
        rows = (n + cols - 1) // cols
        fig, axes = plt.subplots(rows, cols, figsize=(6.6 * cols, 3.3 * rows + 0.4), squeeze=False,
                                 constrained_layout=True)
        colours = scale(np.concatenate([a.ravel() for a in arrays]), "signed", cmap="BrBG")
        units = self.trends[0].metadata_units() or "kg m-2 per year"
        for i, (stack, array) in enumerate(zip(self.trends, arrays)):
            image = draw_map(axes.flat[i], array, stack.grid, colours, self.coast, "Sen slope %s" % _period(stack))
        for ax in axes.flat[n:]:
            ax.set_visible(False)
        _colorbar(fig, image, axes.ravel().tolist(), units, colours.extend, shrink=0.8)
        _no_value_legend(fig)
        return self.add(fig, "Fig. S1. Sen slope of total soil moisture per pixel", "fig-s1",
                        "The slope band of each TREND (%s); brown: drying. The colour scale is shared and "
                        "ends at the 98th percentile of the absolute slopes." % html.escape(units))

    def table_trends(self):
        """Table 1: the section 3.1 numbers of each period (rows: quantities; columns: periods)."""
        if not self.summaries and not self.trends:
            return ""
        columns = []
        lines = {(s, e): (slope, p) for s, e, slope, p, _ in (self.tsm_lines() if self.trends else [])}
        for rows in self.summaries:
            row = rows[0]
            columns.append(((int(row["start_year"]), int(row["end_year"])), row))
        for period in lines:
            if not any(c[0] == period for c in columns):
                columns.append((period, None))
        if not columns:
            return ""
        threshold = next(("%g" % float(r["threshold"]) for _, r in columns if r), "2")
        spec = [("Pixels with a trend", "pixels", fmt_count),
                ("Mean Sen slope, area-weighted (kg m-2 per year)", "mean_slope", lambda v: fmt_sig(v, 3)),
                ("Mean Sen slope, unweighted (kg m-2 per year)", "mean_slope_unweighted", lambda v: fmt_sig(v, 3)),
                ("Sen slope of the global mean TSM (kg m-2 per year)", "series_slope", lambda v: fmt_sig(v, 3)),
                ("Mann-Kendall p of the global mean TSM", "series_p", fmt_p),
                ("Area decreasing (%)", "percent_decreasing", fmt_percent),
                ("Area increasing (%)", "percent_increasing", fmt_percent),
                ("Area significantly decreasing (%)", "percent_significant_decreasing", fmt_percent),
                ("Area significantly increasing (%)", "percent_significant_increasing", fmt_percent),
                ("Area decreasing faster than %s kg m-2 per year (%%)" % threshold,
                 "percent_decreasing_faster_than_threshold", fmt_percent),
                ("Area increasing faster than %s kg m-2 per year (%%)" % threshold,
                 "percent_increasing_faster_than_threshold", fmt_percent),
                ("Mann-Kendall method", "method", str), ("Significance level", "alpha", lambda v: "%g" % float(v)),
                ("False discovery rate control", "fdr", lambda v: "Benjamini-Hochberg" if str(v) == "True" else "none")]
        out = []
        for label, key, fmt in spec:
            row = {"quantity": label}
            for period, summary in columns:
                if key.startswith("series_"):
                    value = lines.get(period, (np.nan, np.nan))[key == "series_p"]
                else:
                    value = summary.get(key, "") if summary else np.nan
                row["%d-%d" % period] = fmt(value) if str(value) not in ("", "nan") else DASH
            out.append(row)
        return html_table("Trend of total soil moisture by period (§3.1)", out, "Table 1")

    # --- section 3.2 ------------------------------------------------------------------------

    def table_period(self, name, index):
        """The period of the attribution table named ``name`` (ATTRIBUTION_TABLE_A): that of the
        components of its letter, whose numbers it was checked to hold; else 'period A'."""
        for stack in self.components:  # whose numbers the table holds (check_chain)
            if _letter(stack.name) == _letter(name):
                return _period(stack)
        return "period %s" % _letter(name)

    def section_attribution(self):
        parts = [self.figure_contributions(stack) for stack in self.components]
        parts.append(self.table_attribution())
        return "\n".join(parts)

    def figure_contributions(self, stack):
        plt = _pyplot()
        grid = stack.grid
        rc = stack.read(0, grid.height, stack.bands(COMPONENT_LABELS)).reshape(2, 4, 4, grid.height, grid.width)
        with np.errstate(invalid="ignore"):
            groups = [[(SEASONS[s], rc[:, s].sum(axis=(0, 1))) for s in range(4)],
                      [(DEPTHS[d], rc[:, :, d].sum(axis=(0, 1))) for d in range(4)],
                      [(DYNAMICS[c], rc[c].sum(axis=(0, 1))) for c in range(2)]]
        fig, axes = plt.subplots(5, 2, figsize=(12.5, 14.5), constrained_layout=True)
        letters = iter("abcdefghij")
        rows = iter(range(5))
        for group in groups:
            colours = scale(np.concatenate([a.ravel() for _, a in group]), "auto")
            axs = []
            for pair in range(0, len(group), 2):
                r = next(rows)
                for c, (name, array) in enumerate(group[pair:pair + 2]):
                    image = draw_map(axes[r, c], array, grid, colours, self.coast,
                                     "(%s) %s" % (next(letters), name), labels=(r == 4, c == 0))
                    axs.append(axes[r, c])
            _colorbar(fig, image, axs, "% of Var(TSM)", colours.extend, shrink=0.85, aspect=25)
        _no_value_legend(fig)
        period = _period(stack)
        return self.add(fig, "Fig. 2 (%s). Contributions to the variance of total soil moisture by season, "
                             "depth and dynamic" % period, "fig-2-%s" % period,
                        "Per pixel, the sum of the contributions (%% of Var(TSM), from %s) of (a-d) each "
                        "season, (e-h) each depth and (i, j) each dynamic; the panels of each group share "
                        "one scale. The four seasons, the four depths and the two dynamics each add up to "
                        "100 %%." % html.escape(stack.name))

    def table_attribution(self):
        """Table 2: contributions by season, depth and dynamic per period, and their change."""
        if not self.tables:
            return ""
        periods = [self.table_period(name, i) for i, (name, _) in enumerate(self.tables)]
        totals = [attribution_totals(rows) for _, rows in self.tables]
        pixels = [rows[0].get("pixels", "") for _, rows in self.tables]
        out = []
        for group, keys in (("season", SEASONS), ("depth", DEPTHS), ("dynamic", DYNAMICS)):
            for key in keys:
                row = {"component": "%s (%s)" % (key, group)}
                for period, total in zip(periods, totals):
                    row[period + " (%)"] = fmt_percent(total[key])
                if len(totals) == 2:
                    row["change (points)"] = fmt_change(totals[1][key] - totals[0][key])
                out.append(row)
        row = {"component": "pixels"}
        row.update({period + " (%)": fmt_count(n) for period, n in zip(periods, pixels)})
        if len(totals) == 2:
            row["change (points)"] = ""
        out.append(row)
        return html_table("Contributions to Var(TSM) by season, depth and dynamic, area-weighted (§3.2)",
                          out, "Table 2")

    # --- section 3.3 -------------------------------------------------------------------------

    def section_heatmaps(self):
        if not self.tables:
            return ""
        plt = _pyplot()
        periods = [self.table_period(name, i) for i, (name, _) in enumerate(self.tables)]
        matrices = [attribution_matrices(rows) for _, rows in self.tables]
        n = len(matrices)
        rows = n + (n == 2)
        fig, axes = plt.subplots(rows, 3, figsize=(13, 3.3 * rows + 0.3), squeeze=False, constrained_layout=True)
        specs = [("Trend contribution", "% of Var(TSM)", "Reds", fmt_percent, "auto", 0.0),
                 ("IAV contribution", "% of Var(TSM)", "Blues", fmt_percent, "auto", 0.0),
                 ("ω", "ω (contribution / storage share)", "PuOr_r", lambda v: fmt_fixed(v, 2), "signed", 1.0)]
        for col, (name, units, cmap, fmt, kind, centre) in enumerate(specs):
            values = np.concatenate([m[col].ravel() for m in matrices])
            colours = scale(values, kind, centre=centre, cmap=cmap if kind != "auto" or np.nanmin(values) >= 0
                            else "RdBu_r", q=100)
            for row, (period, m) in enumerate(zip(periods, matrices)):
                image = heatmap(axes[row, col], m[col], colours, "%s, %s" % (name, period), fmt,
                                labels=(True, col == 0))
            _colorbar(fig, image, axes[:n, col].tolist(), units, colours.extend)
        if n == 2:
            for col, (name, units, _, _, _, _) in enumerate(specs):
                change = matrices[1][col] - matrices[0][col]
                colours = scale(change, "signed", cmap="RdBu_r", q=100)
                image = heatmap(axes[2, col], change, colours, "%s: %s minus %s" % (name, periods[1], periods[0]),
                                lambda v: fmt_change(v, 2 if col < 2 else 3), labels=(True, col == 0))
                _colorbar(fig, image, [axes[2, col]], ("percentage points" if col < 2 else "change of ω"),
                          colours.extend)
        return self.add(fig, "Fig. 3. Trend and IAV contributions and ω by season and depth, and their change",
                        "fig-3", "Area-weighted means over the pixels of each attribution table: the "
                        "contribution of each season and depth to Var(TSM) through its trend and through "
                        "its interannual variability (%), and ω, the contribution per unit of storage share "
                        "(ω > 1: a component moves TSM more than its share of the water)"
                        + ("; bottom row: the later period minus the earlier." if n == 2 else "."))

    # --- section 3.4 -------------------------------------------------------------------------

    def _root_rows(self):
        return [row for row in (self.correlation or []) if row["depth"] == ROOT_ZONE]

    def groups(self, grid):
        """(names, masks) of Global and of each ecosystem present."""
        size = grid.width * grid.height
        names, masks = ["Global"], [np.ones(size, bool)]
        if self.eco is not None:
            codes = self.eco.ravel()
            for code, name in enumerate(ECOSYSTEM_NAMES, start=1):
                if (codes == code).any():
                    names.append(name)
                    masks.append(codes == code)
        return names, masks

    def section_correlation(self):
        parts = []
        r, p = self.rasters.get("R"), self.rasters.get("P")
        if r is not None or p is not None:
            parts.append(self.figure_distributions())
        if r is not None:
            parts.append(self.figure_r_maps(r))
        if self.correlation:
            parts.append(self.figure_correlation_matrices())
        if "R_ROOT_ZONE" in self.rasters or self._root_rows():
            parts.append(self.figure_root_zone())
        return "\n".join(parts)

    def figure_distributions(self):
        plt = _pyplot()
        kinds = [(name, stack) for name, stack in (("R", self.rasters.get("R")), ("P", self.rasters.get("P")))
                 if stack is not None]
        grid = kinds[0][1].grid
        names, masks = self.groups(grid)
        weights = np.repeat(grid.cell_weights(), grid.width)
        fig, axes = plt.subplots(len(names), len(kinds), figsize=(6.4 * len(kinds), 1.9 * len(names) + 0.6),
                                 squeeze=False, sharex=True, constrained_layout=True)
        roots = {"R": self.rasters.get("R_ROOT_ZONE"), "P": self.rasters.get("P_ROOT_ZONE")}
        alpha = self.alpha()
        for col, (kind, stack) in enumerate(kinds):
            bands = stack.read(0, grid.height, stack.bands(CORRELATION_LABELS)).reshape(16, -1).astype(np.float64)
            depth_count = 4
            if roots[kind] is not None:
                root = roots[kind].read(0, grid.height, roots[kind].bands(ROOT_ZONE_LABELS)).reshape(4, -1)
                bands = np.concatenate([bands.reshape(4, 4, -1), root[:, None].astype(np.float64)], axis=1)
                depth_count = 5
                bands = bands.reshape(4 * depth_count, -1)
            stats = distributions(bands, masks, weights)
            positions = [s * (depth_count + 1.2) + d for s in range(4) for d in range(depth_count)]
            for row, (name, group) in enumerate(zip(names, stats)):
                ax = axes[row, col]
                shown = [(st, pos, DEPTH_COLOURS[k % depth_count]) for k, (st, pos) in enumerate(zip(group, positions))
                         if st is not None]
                if shown:
                    drawn = ax.bxp([st for st, _, _ in shown], positions=[pos for _, pos, _ in shown],
                                   widths=0.75, showfliers=False, showmeans=True, patch_artist=True,
                                   meanprops={"marker": "o", "markersize": 3, "markerfacecolor": "white",
                                              "markeredgecolor": "black"},
                                   medianprops={"color": "black", "lw": 1})
                    for box, (_, _, colour) in zip(drawn["boxes"], shown):
                        box.set_facecolor(colour)
                else:
                    ax.text(0.5, 0.5, "no pixels", transform=ax.transAxes, ha="center", va="center")
                if kind == "R":
                    ax.axhline(0, color="#888888", lw=0.8)
                    ax.set_ylim(-1, 1)
                else:
                    ax.axhline(alpha, color="#b2182b", lw=0.8, ls="--")
                    ax.set_ylim(0, 1)
                ax.set_ylabel("%s\n%s" % (name, "r" if kind == "R" else "p"), fontsize=8)
                ax.tick_params(labelsize=7)
                if row == 0:
                    ax.set_title("Pearson r" if kind == "R" else "p-value (dashed: %g)" % alpha,
                                 fontsize=9)
            ax = axes[-1, col]
            ax.set_xticks([s * (depth_count + 1.2) + (depth_count - 1) / 2 for s in range(4)])
            ax.set_xticklabels(SEASONS, fontsize=8)
        from matplotlib.patches import Patch
        labels = list(DEPTHS) + ([ROOT_ZONE + " (root zone)"] if any(v is not None for v in roots.values()) else [])
        fig.legend(handles=[Patch(facecolor=c, edgecolor="black", label=l) for c, l in zip(DEPTH_COLOURS, labels)],
                   loc="lower center", ncol=len(labels), bbox_to_anchor=(0.5, -0.03), fontsize=8, frameon=False)
        return self.add(fig, "Fig. 4a. Distributions of r and p by ecosystem, season and depth", "fig-4a",
                        "Per season and depth, the pixels' Pearson r (and p) of seasonal soil moisture with "
                        "GPP: boxes from the 25th to the 75th percentile, line at the median, whiskers at the "
                        "5th and 95th, circle at the mean, all weighted by area; ecosystems from ECOSYSTEMS.")

    def figure_r_maps(self, stack):
        plt = _pyplot()
        grid = stack.grid
        r = stack.read(0, grid.height, stack.bands(CORRELATION_LABELS))
        fig, axes = plt.subplots(4, 4, figsize=(13, 0.85 + 4 * 13 / 4 * grid.height / grid.width * 0.98),
                                 constrained_layout=True)
        colours = scale(r, "signed", bound=1.0)
        for k in range(16):
            s, d = divmod(k, 4)
            image = draw_map(axes[s, d], r[k], grid, colours, self.coast, "%s %s" % (SEASONS[s], DEPTHS[d]),
                             labels=(s == 3, d == 0))
        _colorbar(fig, image, axes.ravel().tolist(), "Pearson r", colours.extend, shrink=0.6)
        _no_value_legend(fig)
        return self.add(fig, "Fig. 4b. Correlation of seasonal soil moisture with GPP per pixel", "fig-4b",
                        "Pearson r of each season's soil moisture at each depth (rows: seasons, columns: "
                        "depths) with the GPP of the same months, from R; red: wetter soil, more GPP.")

    def figure_correlation_matrices(self):
        plt = _pyplot()
        mean_r = correlation_matrices(self.correlation, "mean_r")
        share = correlation_matrices(self.correlation, "percent_significant")
        names = [g for g in GROUPS if g in mean_r]  # read_table admits no other ecosystem
        fig, axes = plt.subplots(2, len(names), figsize=(2.75 * len(names) + 1.2, 6.3), squeeze=False,
                                 constrained_layout=True)
        colours_r = scale(np.concatenate([mean_r[g].ravel() for g in names]), "signed", bound=1.0, q=100)
        colours_s = scale(np.concatenate([share[g].ravel() for g in names]), "share", q=100)
        short = [d.replace(" cm", "") for d in DEPTHS]
        for i, name in enumerate(names):
            image_r = heatmap(axes[0, i], mean_r[name], colours_r, name, lambda v: fmt_fixed(v, 2),
                              columns=short, labels=(True, i == 0))
            image_s = heatmap(axes[1, i], share[name], colours_s, name, fmt_percent, columns=short,
                              labels=(True, i == 0))
        _colorbar(fig, image_r, axes[0].tolist(), "mean r", colours_r.extend)
        _colorbar(fig, image_s, axes[1].tolist(), "% of area significant", colours_s.extend)
        return self.add(fig, "Fig. 4c. Mean r and share of significant area by ecosystem", "fig-4c",
                        "From the CORRELATION_TABLE: top, the area-weighted mean r of each season (rows) "
                        "and depth (columns, cm); bottom, the percent of the area where the correlation "
                        "is significant (p < the correlation's ALPHA).")

    def figure_root_zone(self):
        plt = _pyplot()
        stack = self.rasters.get("R_ROOT_ZONE")
        rows = self._root_rows()
        width = 12.5
        map_h = width / 2 * stack.grid.height / stack.grid.width if stack is not None else 0
        ratios = [map_h, map_h] * (stack is not None) + [3.0] * bool(rows)
        fig = plt.figure(figsize=(width, sum(ratios) + 0.6), constrained_layout=True)
        spec = fig.add_gridspec(len(ratios), 2, height_ratios=ratios)
        explain = []
        if stack is not None:
            grid = stack.grid
            r = stack.read(0, grid.height, stack.bands(ROOT_ZONE_LABELS))
            colours = scale(r, "signed", bound=1.0)
            axs = []
            for s in range(4):
                ax = fig.add_subplot(spec[s // 2, s % 2])
                image = draw_map(ax, r[s], grid, colours, self.coast, "%s, %s" % (SEASONS[s], ROOT_ZONE),
                                 labels=(s >= 2, s % 2 == 0))
                axs.append(ax)
            _colorbar(fig, image, axs, "Pearson r", colours.extend, shrink=0.8)
            explain.append("maps: Pearson r of the root-zone soil moisture (the sum of the 10-40 and "
                           "40-100 cm layers) of each season with the GPP of the same months, from R_ROOT_ZONE")
        if rows:
            mean_r = correlation_matrices(rows, "mean_r", [ROOT_ZONE])
            share = correlation_matrices(rows, "percent_significant", [ROOT_ZONE])
            names = [g for g in GROUPS if g in mean_r]
            m_r = np.array([mean_r[g][:, 0] for g in names])
            m_s = np.array([share[g][:, 0] for g in names])
            for col, (matrix, colours, label, fmt) in enumerate((
                    (m_r, scale(m_r, "signed", bound=1.0, q=100), "mean r", lambda v: fmt_fixed(v, 2)),
                    (m_s, scale(m_s, "share", q=100), "% of area significant", fmt_percent))):
                ax = fig.add_subplot(spec[len(ratios) - 1, col])
                image = heatmap(ax, matrix, colours, label, fmt, rows=names, columns=list(SEASONS))
                _colorbar(fig, image, [ax], label, colours.extend)
            explain.append("heatmaps: the %s rows of the CORRELATION_TABLE, by ecosystem and season"
                           % ROOT_ZONE)
        if stack is not None:
            _no_value_legend(fig)
        return self.add(fig, "Fig. 4d. Root zone (10-100 cm): correlation of soil moisture with GPP",
                        "fig-4d", ("; ".join(explain) + ".")[:1].upper() + ("; ".join(explain) + ".")[1:])

    # --- tables and provenance ------------------------------------------------------------

    def section_tables(self):
        parts = []
        for i, (name, rows) in enumerate(self.tables):
            parts.append(html_table("Attribution %s" % self.table_period(name, i), formatted(rows),
                                     "Table A%d" % (i + 1)))
        number = len(self.tables)
        if self.correlation:
            number += 1
            parts.append(html_table("Correlation with GPP by ecosystem", formatted(self.correlation),
                                    "Table A%d" % number))
        if self.qc:
            number += 1
            parts.append(html_table("Quality control", formatted(self.qc), "Table A%d" % number))
        return "\n".join(parts)

    def section_provenance(self):
        parts = ["<p>Made %s by TSMV %s.</p>" % (html.escape(self.when()), html.escape(self.versions["TSMV"]))]
        parts.append(html_table("Software", [{"software": k, "version": v} for k, v in self.versions.items()],
                                css="text"))
        rows = []
        for name, stack in self.inputs.items():
            meta = stack.metadata
            recorded = [meta.get("TSMV_KIND", "")]
            if meta.get("START_YEAR") and meta.get("END_YEAR"):
                recorded.append("%s-%s" % (meta["START_YEAR"], meta["END_YEAR"]))
            recorded += ["%s %s" % (label, meta[k]) for k, label in
                         (("METHOD", "method"), ("ALPHA", "alpha"), ("FDR", "FDR"), ("RANK_BY", "ranked by"),
                          (VERSIONS, "GLDAS"), ("TSMV_VALUE", "value")) if meta.get(k)]
            rows.append({"input": name, "file": stack.path, "modified": _modified(stack.path),
                         "recorded in the file": "; ".join(r for r in recorded if r)})
        for name, path in self.csvs.items():
            rows.append({"input": name, "file": path, "modified": _modified(path), "recorded in the file": "CSV"})
        parts.append(html_table("Inputs", rows, css="text"))
        if self.parameters:
            parts.append(html_table("Parameters", [{"parameter": k, "value": "not set" if v in (None, "") else str(v)}
                                                   for k, v in self.parameters.items()], css="text"))
        parts.append("<p>Coastlines: %s.</p>" % html.escape(
            "from %s" % self.coast_path if self.coast is not None else self.coast_problem or "none"))
        return "\n".join(parts)
