"""The report's inputs: what each CSV and raster must be (:class:`Layout`, for the layers of a product),
reading and checking each (:func:`read_table`, :func:`open_stack`, :func:`period_of`), naming the
period inputs, finding the outputs of a correlation run that are no input of the report
(:func:`not_detrended_files`), and refusing inputs that do not come from one chain
(:func:`check_chain`)."""
import csv
from collections import namedtuple

import numpy as np

from ..errors import TsmvError
from ..io.lineage import OUTPUT, SEASONS_RUN, agree, made_from, one_run, run_files
from ..io.raster import Stack, file_metadata
from ..io.raster import product_layers
from ..labels import LAYER_KEYS, SEASONS
from ..products.catalogue import GLDAS
from ..steps.attribution import DYNAMICS, TABLE_HEADER as ATTRIBUTION_HEADER, attribution_bands
from ..steps.correlation import GROUPS, TABLE_HEADER as CORRELATION_HEADER, correlation_bands, root_zone_label
from ..steps.qc import QC_HEADER
from ..steps.trend import BANDS as TREND_BANDS, SUMMARY_HEADER
from .statistics import area_means

#: A CSV input: the columns it must have, those read as numbers (NaN allowed), those read as
#: whole numbers, those whose values must be one of a list, and the TSMV output it should be.
Table = namedtuple("Table", "columns numbers whole choices source")
#: A raster input: the band-label kinds and the content it may have (None: any), the bands
#: it must have, whether its metadata must give its period (START_YEAR, END_YEAR), the value
#: its metadata may name (TSMV_VALUE), and the TSMV output it should be.
Raster = namedtuple("Raster", "kinds content bands period value source")


class Layout:
    """What the report's inputs hold, for the layers of one product (the one its ANNUAL_TSM
    records): the depths, the root zone, the bands and table rows the inputs must have."""

    def __init__(self, product=GLDAS):
        self.product = product
        self.depths = product.depths
        self.root_zone = root_zone_label(self.depths)
        self.component_labels = attribution_bands(self.depths)["components"].labels
        correlation = correlation_bands(depths=self.depths)
        self.correlation_labels = correlation["r"].labels
        self.root_zone_labels = correlation["r_root_zone"].labels
        self.tables = {
            "summary": Table(SUMMARY_HEADER, [c for c in SUMMARY_HEADER if c not in ("method", "fdr")],
                             ("start_year", "end_year"), {}, "the SUMMARY of tsmv:trend"),
            "attribution": Table(ATTRIBUTION_HEADER, ("mean_percent", "mean_percent_unweighted", "mean_omega",
                                                      "pixels"),
                                 (), {"dynamic": DYNAMICS, "season": SEASONS, "depth": self.depths},
                                 "the TABLE of tsmv:attribution"),
            # the significance column is newer than the others: tables without it are still read
            "correlation": Table([c for c in CORRELATION_HEADER if c != "significance"], ("pixels", "mean_r", "mean_p", "significant_pixels",
                                                      "percent_significant"), (),
                                 {"ecosystem": GROUPS, "season": SEASONS, "depth": self.depths + (self.root_zone,)},
                                 "the TABLE of tsmv:correlation"),
            "qc": Table(QC_HEADER, QC_HEADER[1:], (), {}, "the REPORT of tsmv:qualitycontrol"),
        }
        self.rasters = {
            "annual": Raster(("year",), "soil moisture", (), False, None, "the ANNUAL_TSM of tsmv:seasons"),
            "seasonal": Raster(("season",), "soil moisture", (), False, None, "the SEASONAL_* of tsmv:seasons"),
            "trend": Raster(None, "trend", TREND_BANDS, True, None, "the OUTPUT of tsmv:trend"),
            "components": Raster(None, "attribution", self.component_labels, True, None,
                                 "the COMPONENTS of tsmv:attribution"),
            "r": Raster(None, "correlation", self.correlation_labels, False, "pearson r",
                        "the R of tsmv:correlation"),
            "p": Raster(None, "correlation", self.correlation_labels, False, "p-value", "the P of tsmv:correlation"),
            "r_root": Raster(None, "correlation", self.root_zone_labels, False, "pearson r",
                             "the R_ROOT_ZONE of tsmv:correlation"),
            "p_root": Raster(None, "correlation", self.root_zone_labels, False, "p-value",
                             "the P_ROOT_ZONE of tsmv:correlation"),
            "r_best_lag": Raster(None, "correlation", self.correlation_labels, False, "pearson r at the best lag",
                                 "the R_BEST_LAG of tsmv:correlation"),
            "best_lag": Raster(None, "correlation", self.correlation_labels, False, "best lag in months",
                               "the BEST_LAG of tsmv:correlation"),
            "r_not_detrended": Raster(None, "correlation", self.correlation_labels, False,
                                      "pearson r not detrended", "the R_NOT_DETRENDED of tsmv:correlation"),
            "p_not_detrended": Raster(None, "correlation", self.correlation_labels, False,
                                      "p-value not detrended", "the P_NOT_DETRENDED of tsmv:correlation"),
        }



#: The outputs of a correlation run with DETREND that the report finds through that run's lineage
#: (no inputs of their own): {name: (the core's output key, the Layout's raster kind)}.
NOT_DETRENDED = {"R_NOT_DETRENDED": ("r_not_detrended", "r_not_detrended"),
                 "P_NOT_DETRENDED": ("p_not_detrended", "p_not_detrended")}


def not_detrended_files(rasters, log):
    """{name: path} of the R_NOT_DETRENDED and P_NOT_DETRENDED written by the correlation run
    whose R (else P) is among ``rasters`` ({name: Stack}), when that run detrended (its metadata
    DETREND): where the run recorded writing them (TSMV_FILES), else beside R (the run's files
    moved together); a file counts only when it records being that output of that run.  {} for
    a run without DETREND; when they are not found, ``log`` hears why the report cannot show
    detrended beside not detrended r."""
    stack = next((rasters[n] for n in ("R", "P") if n in rasters), None)
    if stack is None or stack.metadata.get("DETREND") != "True":
        return {}
    prefix = (stack.metadata.get(OUTPUT) or "").rpartition(".")[0]
    roles = {name: "%s.%s" % (prefix, key) if prefix else key for name, (key, _) in NOT_DETRENDED.items()}
    found = run_files(stack.path, roles.values(), file_metadata)
    files = {name: found[role] for name, role in roles.items() if role in found}
    if len(files) < len(roles):
        log("%s %s was detrended (DETREND), but the run that wrote it left no %s where it recorded "
            "writing it or beside it (moved or deleted since, or written by a TSMV before these "
            "outputs): the report cannot show the detrended r beside the not detrended r (Fig. S5). "
            "Keep the run's R_NOT_DETRENDED and P_NOT_DETRENDED beside %s"
            % (stack.name, stack.path, " and ".join(n for n in roles if n not in files), stack.name))
        return {}
    return files


def _few(items, shown=4):
    items = list(items)
    return ", ".join(items[:shown]) + (" and %d more" % (len(items) - shown) if len(items) > shown else "")


def read_table(path, name, kind, layout=None):
    """The rows (dicts) of the CSV input ``name`` at ``path``, checked against ``layout.tables[kind]``.

    It must be UTF-8 text with a header holding the columns the report reads and at least
    one row, each row with one value per column, numbers where numbers are read and known
    seasons, depths (of ``layout``, default GLDAS-Noah's) and dynamics.  Anything else is refused
    naming ``name``, the file and, for a bad value, the row and column."""
    spec = (layout or Layout()).tables[kind]
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


def open_stack(path, name, kind, layout=None):
    """The raster input ``name`` at ``path`` as a Stack, checked against ``layout.rasters[kind]``
    (default GLDAS-Noah's layers): its band labels and content, the bands the report reads, the
    value its metadata names and, for trend and components, the period in its metadata.  Anything
    else is refused naming ``name`` and the file."""
    spec = (layout or Layout()).rasters[kind]
    stack = Stack(path, name, kinds=spec.kinds, content=spec.content)
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


def _open_seasonal(seasonal, layout):
    """The four seasonal stacks by layer key: each must be given, and they must hold the four
    layers of ``layout``'s product in order."""
    stacks = {}
    for key in LAYER_KEYS:
        name = "SEASONAL_" + key
        if not seasonal.get(key):
            raise TsmvError("%s is missing; give the four seasonal stacks of tsmv:seasons "
                            "(SEASONAL_0_10 .. SEASONAL_100_200), or none" % name)
        stacks[key] = open_stack(seasonal[key], name, "seasonal", layout)
    product = product_layers(list(stacks.values()), "give the four seasonal stacks of one seasons run")
    if product is not layout.product:
        first = stacks[LAYER_KEYS[0]]
        raise TsmvError("%s %s holds %s soil moisture, but ANNUAL_TSM holds %s; give the seasonal stacks "
                        "and ANNUAL_TSM of one seasons run" % (first.name, first.path, product.key,
                                                               layout.product.key))
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


def check_chain(annual, seasonal, trends, summaries, components, tables, rasters, correlation, layout):
    """Refuse inputs of the report that do not come from one chain, naming both sides: the
    seasonal stacks and ANNUAL_TSM of one seasons run; each trend made from that ANNUAL_TSM and
    each COMPONENTS from those seasonal stacks; the inputs of one period letter (TREND_A,
    SUMMARY_A, COMPONENTS_A, ATTRIBUTION_TABLE_A) of one period; R, P, R_ROOT_ZONE and
    P_ROOT_ZONE (and R_BEST_LAG, BEST_LAG) of one correlation run, made from these seasonal stacks
    and ECOSYSTEMS; a table
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
            _check_table_values(name, path, {label: by_code[k + 1]
                                             for k, label in enumerate(layout.component_labels)
                                             if k + 1 in by_code}, stack, "mean_percent")
    correlations = [rasters[n] for n in ("R", "P", "R_ROOT_ZONE", "P_ROOT_ZONE", "R_BEST_LAG", "BEST_LAG")
                    if n in rasters]
    advice = "give the R, P, R_ROOT_ZONE, P_ROOT_ZONE, R_BEST_LAG and BEST_LAG of one run of tsmv:correlation"
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
        keys = [(s, d) for s in SEASONS for d in layout.depths]
        _check_table_values(name, path, {label: glob[key] for key, label in zip(keys, layout.correlation_labels)
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
