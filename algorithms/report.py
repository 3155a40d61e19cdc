"""tsmv:report - One self-contained HTML report with figures and tables."""
from qgis.core import (QgsProcessingParameterFile, QgsProcessingParameterFileDestination,
                       QgsProcessingParameterRasterLayer)

from ..processing_provider.base import TsmvAlgorithm
from ..tsmv_qgis.labels import LAYER_KEYS, LAYER_LABELS
from ..tsmv_qgis.report import make_report

PERIODS = ("A", "B")


class Report(TsmvAlgorithm):
    NAME = "report"
    DISPLAY_NAME = "Report"
    GROUP = "Report"
    GROUP_ID = "report"
    HELP = (
        "Writes one self-contained HTML file (figures embedded as PNG, made with matplotlib; where "
        "QGIS's Python has no working matplotlib the report keeps its tables and says why; no "
        "internet needed to view it) from the outputs of the other TSMV algorithms. Only ANNUAL_TSM "
        "is required; every other input adds its section:\n"
        "- ANNUAL_TSM (+ TREND_A/B): global mean annual TSM by year (area-weighted) with the Sen "
        "line and Mann-Kendall p of each trend period (Fig. 1a).\n"
        "- SEASONAL_0_10 ... SEASONAL_100_200: mean soil moisture by season and depth (Fig. 1b).\n"
        "- TREND_A/B: maps of the Sen slope; SUMMARY_A/B: the trend summary tables.\n"
        "- COMPONENTS_A/B: maps of the contributions by dynamic, season and depth (Fig. 2).\n"
        "- ATTRIBUTION_TABLE_A/B: 4 x 4 heatmaps of the Trend and IAV contributions and omega, and "
        "with both periods their difference (B minus A) (Fig. 3), with the tables.\n"
        "- CORRELATION_TABLE: the correlation matrices (mean r by season and depth) per ecosystem "
        "(Fig. 4) and the table.\n"
        "- QC_REPORT: the quality-control table.\n"
        "Periods are read from the rasters' metadata (START_YEAR, END_YEAR).\n\n"
        "Every input is checked before any figure is made, and refused with a message naming the "
        "parameter and the file: ANNUAL_TSM must be yearly (bands YYYY), SEASONAL_* seasonal "
        "(bands 'YYYY H-S'; all four or none); TREND_A/B need the bands slope, intercept, p_value, "
        "z, tau, s, trend and COMPONENTS_A/B the 32 contribution bands, both with START_YEAR and "
        "END_YEAR in their metadata; the CSVs must be UTF-8 text with the header TSMV writes and "
        "at least one row, with numbers where numbers are read and known seasons, depths and "
        "dynamics.")

    def initAlgorithm(self, config=None):  # noqa: N802
        self.add(QgsProcessingParameterRasterLayer("ANNUAL_TSM", self.tr("Annual total soil moisture")),
                 "ANNUAL_TSM of 'Classify wetness seasons' (bands YYYY).")
        for key, label in zip(LAYER_KEYS, LAYER_LABELS):
            self.add(QgsProcessingParameterRasterLayer("SEASONAL_" + key, self.tr("Seasonal soil moisture %s cm" % label),
                                                       optional=True),
                     "SEASONAL_%s of 'Classify wetness seasons'." % key)
        for period in PERIODS:
            self.add(QgsProcessingParameterRasterLayer("TREND_" + period, self.tr("Trend, period %s" % period),
                                                       optional=True),
                     "OUTPUT of 'Sen's slope and Mann-Kendall trend' for period %s." % period)
            self.add(QgsProcessingParameterFile("SUMMARY_" + period, self.tr("Trend summary, period %s" % period),
                                                extension="csv", optional=True),
                     "SUMMARY of the trend of period %s." % period)
            self.add(QgsProcessingParameterRasterLayer("COMPONENTS_" + period,
                                                       self.tr("Attribution components, period %s" % period),
                                                       optional=True),
                     "COMPONENTS of 'Attribute total soil-moisture variability' for period %s." % period)
            self.add(QgsProcessingParameterFile("ATTRIBUTION_TABLE_" + period,
                                                self.tr("Attribution table, period %s" % period),
                                                extension="csv", optional=True),
                     "TABLE of the attribution of period %s." % period)
        self.add(QgsProcessingParameterFile("CORRELATION_TABLE", self.tr("Correlation table"),
                                            extension="csv", optional=True),
                 "TABLE of 'Correlate seasonal soil moisture with GPP'.")
        self.add(QgsProcessingParameterFile("QC_REPORT", self.tr("Quality-control report"),
                                            extension="csv", optional=True),
                 "REPORT of 'Remove non-physical soil moisture'.")
        self.add(QgsProcessingParameterFileDestination("OUTPUT", self.tr("Report"), "HTML files (*.html)"),
                 "The HTML report.")

    def _optional(self, parameters, name, context, raster=False):
        if parameters.get(name) in (None, ""):
            return None
        if raster:
            return self.raster_path(parameters, name, context)
        return self.parameterAsFile(parameters, name, context)

    def compute(self, parameters, context, feedback):
        def given(prefix, raster=False):
            """(parameter name, path) of the periods given, in order (named in messages)."""
            named = ((prefix + x, self._optional(parameters, prefix + x, context, raster)) for x in PERIODS)
            return [(name, path) for name, path in named if path]
        seasonal = {k: self._optional(parameters, "SEASONAL_" + k, context, True) for k in LAYER_KEYS}
        seasonal = {k: path for k, path in seasonal.items() if path}  # some but not all: refused
        output = self.output_file(parameters, "OUTPUT", context, ".html")
        titles = make_report(
            output, self.raster_path(parameters, "ANNUAL_TSM", context),
            seasonal=seasonal or None,
            trends=given("TREND_", True), trend_summaries=given("SUMMARY_"),
            components=given("COMPONENTS_", True), attribution_tables=given("ATTRIBUTION_TABLE_"),
            correlation_table=self._optional(parameters, "CORRELATION_TABLE", context),
            qc_report=self._optional(parameters, "QC_REPORT", context),
            progress=self.progress(feedback), log=self.log(feedback))
        feedback.pushInfo("Report with %d figures: %s" % (len(titles), output))
        return {"OUTPUT": output}
