"""How the report shows values: numbers as they mean (``fmt_*``), the headings and formats of
the columns of TSMV's CSVs, and HTML tables of shown text."""
import html
import re

import numpy as np

from ..steps.attribution import BOOTSTRAP_COLUMNS

#: How the tables show the columns of TSMV's CSVs.
HEADINGS = {
    "code": "code", "dynamic": "dynamic", "season": "season", "depth": "depth",
    "mean_percent": "% of Var(TSM), area-weighted", "mean_percent_unweighted": "% unweighted",
    "mean_omega": "mean ω", "pixels": "pixels", "ecosystem": "ecosystem", "mean_r": "mean r",
    "mean_p": "mean p", "significant_pixels": "significant pixels",
    "percent_significant": "% of area significant", "layer": "layer", "values": "values",
    "masked": "masked", "percent_masked": "% masked", "below_zero": "below 0",
    "above_max": "above the maximum", "max_allowed_kg_m2": "maximum (kg m-2)"}

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


def _number(text):
    """A CSV value as a float; NaN when it is not a number."""
    try:
        return float(text)
    except ValueError:
        return np.nan


def attribution_shown(rows):
    """An attribution table shown one row per season and depth: the Trend and the IAV
    contributions side by side and ω, which is one number per season and depth, once. A table
    of a run with a BOOTSTRAP also shows, for each, the area-weighted means of the bounds of its
    95 % interval and the percent of the area whose interval excludes 0."""
    out = {}
    for row in rows:
        shown = out.setdefault((row["season"], row["depth"]), {"season": row["season"], "depth": row["depth"]})
        for key in ("mean_percent", "mean_percent_unweighted"):
            shown["%s %s" % (row["dynamic"], HEADINGS[key])] = fmt_percent(row[key])
        if all(row.get(key) not in (None, "") for key in BOOTSTRAP_COLUMNS):
            lower, upper, excluding = (_number(row[key]) for key in BOOTSTRAP_COLUMNS)
            shown["%s 95%% interval (bootstrap)" % row["dynamic"]] = "%s to %s" % (fmt_percent(lower),
                                                                                 fmt_percent(upper))
            shown["%s: %% of area whose interval excludes 0" % row["dynamic"]] = fmt_percent(excluding)
        shown["mean ω"] = fmt_fixed(row["mean_omega"])
        pixels = fmt_count(row["pixels"])
        shown["pixels"] = pixels if shown.get("pixels", pixels) == pixels else "%s / %s" % (shown["pixels"], pixels)
    return [dict(sorted(r.items(), key=lambda kv: kv[0] in ("mean ω", "pixels"))) for r in out.values()]


def correlation_shown(rows):
    """The correlation table shown: its Global rows say that they hold every pixel, also those
    outside the four ecosystems."""
    shown = formatted(rows)
    for row in shown:
        if row.get("ecosystem") == "Global":
            row["ecosystem"] = GLOBAL_ALL
    return shown


#: The correlation table's Global, as the report names it.
GLOBAL_ALL = "Global (every pixel, also outside the four ecosystems)"
#: How the report heads the share of significant area of the correlation (p < ALPHA).
SIGNIFICANT_NO_FDR = "% of area significant (p < ALPHA per pixel, no FDR correction)"


def significance_rule(rows):
    """The rule the correlation TABLE's rows say made a pixel significant (its column
    significance: 'p < 0.05', 'BH q < 0.05' ...); None for a table without the column or with
    several rules."""
    rules = {row.get("significance") for row in rows}
    return rules.pop() if len(rules) == 1 and None not in rules and "" not in rules else None


def significant_heading(rows):
    """The heading of the correlation table's percent_significant: by the rule its rows record."""
    rule = significance_rule(rows)
    if rule is None or rule.startswith("p < "):
        return SIGNIFICANT_NO_FDR
    if rule.startswith("BH"):
        return "% of area significant (" + rule + ", Benjamini-Hochberg over the pixels of each band)"
    return "% of area significant (" + rule + " per pixel, no FDR correction)"


def html_table(title, rows, number="", css=None, headings=None):
    """A table with its title (printed once, above it); ``rows`` are dicts of shown text, their
    keys headed as ``headings`` (else :data:`HEADINGS`) says."""
    if not rows:
        return ""
    key = "table-" + re.sub(r"[^a-z0-9]+", "-", (number or title).lower()).strip("-")
    numeric = {k: all(_is_number(row[k]) for row in rows) for k in rows[0]}
    headings = dict(HEADINGS, **(headings or {}))
    head = "".join("<th%s>%s</th>" % (' class="n"' if numeric[k] else "", html.escape(headings.get(k, k)))
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
