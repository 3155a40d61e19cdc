"""The report's page: :class:`Report` holds the checked inputs and assembles the HTML (style,
title, contents, the sections in order); each section is a mixin of its own module."""
import datetime
import html
import re

from ..io.coverage import VERSIONS, join_versions
from ..io.lineage import synthetic_note
from ..labels import CITATION
from ..progress import as_progress
from .figures import Figures, matplotlib_problem
from .formatting import attribution_shown, correlation_shown, formatted, html_table, significant_heading
from .inputs import period_of
from .provenance import ProvenanceSection
from .section_attribution import AttributionSections
from .section_correlation import DETREND_FIGURE, CorrelationSection
from .section_coverage import CoverageSection
from .section_trends import TrendsSection

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
.synthetic{background:#f8d7da;border:2px solid #b2182b;color:#58151c;padding:.5em .8em;margin:.6em 0;font-size:14px}
.warning{background:#fff3cd;border-left:4px solid #e0a800;padding:.4em .7em;margin:.5em 0;font-size:13px}
ul.coverage li{margin:.2em 0;font-size:13px}
nav ol{font-size:13px;columns:2 22em}
code{overflow-wrap:anywhere}
"""


class Report(CoverageSection, TrendsSection, AttributionSections, CorrelationSection, ProvenanceSection):
    """The checked inputs of one report and what it shows; :meth:`page` makes the HTML."""

    def __init__(self, title, log, progress, layout, annual, seasonal, trends, summaries, components, tables,
                 correlation, qc, rasters, eco, coast, parameters, versions, inputs, csvs):
        self.title, self.log, self.annual, self.seasonal = title, log, annual, seasonal
        self.layout = layout
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

    def synthetic(self):
        """What the first synthetic input says of itself (TSMV_SYNTHETIC, carried down the chain
        from TSMV's example data), '' when none is."""
        return next((note for note in (synthetic_note(stack.metadata) for stack in self.inputs.values())
                     if note), "")

    def synthetic_banner(self):
        note = self.synthetic()
        if not note:
            return ""
        return ('<p class="synthetic" role="alert"><b>Synthetic data.</b> This report was made from '
                "TSMV's example data, not from a real product: its numbers describe an invented world "
                "and are not comparable with Li et al. (2025) or any measurement. The inputs say: %s</p>"
                % html.escape(note))

    # --- the page -------------------------------------------------------------------------

    def page(self):
        problem = matplotlib_problem()
        self.expected = self._expected() if problem is None else 0
        self.figures = Figures(self.progress, self.expected)
        parts = ["<!DOCTYPE html><html lang='en'><head><meta charset='utf-8'>"
                 "<meta name='viewport' content='width=device-width, initial-scale=1'>"
                 "<title>%s</title><style>%s</style></head><body><h1>%s</h1>"
                 % (html.escape(self.title), STYLE, html.escape(self.title)),
                 self.synthetic_banner(),
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
        sections.insert(0, ("coverage", "Data coverage and GLDAS versions" if self.layout.product.key == "GLDAS-Noah"
                            else "Data and coverage", self.section_coverage()))
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
        n += bool("R" in r or "P" in r) + 3 * ("R" in r) + ("R_ROOT_ZONE" in r) + bool(self.correlation)
        n += bool("R_BEST_LAG" in r or "BEST_LAG" in r)
        n += all(name in r for name in DETREND_FIGURE)
        return n

    def add(self, fig, title, key, explain=""):
        self.titles.append(title)
        return self.figures.add(fig, title, key, explain)

    # --- the input tables, rounded ----------------------------------------------------------

    def section_tables(self):
        parts = []
        for i, (name, rows) in enumerate(self.tables):
            parts.append(html_table("Attribution %s" % self.table_period(name, i), attribution_shown(rows),
                                     "Table A%d" % (i + 1)))
        number = len(self.tables)
        if self.correlation:
            number += 1
            parts.append(html_table("Correlation with GPP by ecosystem", correlation_shown(self.correlation),
                                    "Table A%d" % number, headings={"percent_significant": significant_heading(self.correlation)}))
        if self.qc:
            number += 1
            parts.append(html_table("Quality control", formatted(self.qc), "Table A%d" % number))
        return "\n".join(parts)
