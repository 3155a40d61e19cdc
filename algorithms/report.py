"""tsmv:report - One self-contained HTML report with figures and tables."""
from qgis.core import (QgsProcessingParameterFile, QgsProcessingParameterFileDestination,
                       QgsProcessingParameterRasterLayer)

from ..processing_provider.base import QT_TRANSLATE_NOOP, TsmvAlgorithm
from ..tsmv_qgis.labels import LAYER_KEYS, LAYER_LABELS
from ..tsmv_qgis.report import make_report

PERIODS = ("A", "B")


class Report(TsmvAlgorithm):
    NAME = "report"
    DISPLAY_NAME = QT_TRANSLATE_NOOP("Report", "Report")
    GROUP = QT_TRANSLATE_NOOP("Report", "Report")
    GROUP_ID = "report"

    def help_blocks(self):
        return [
            self.tr("Writes one self-contained HTML file (figures embedded as PNG, made with "
                    "matplotlib; where QGIS's Python has no working matplotlib the report keeps its "
                    "tables and says why; no internet needed to view it) from the outputs of the "
                    "other TSMV algorithms. Only the {ANNUAL_TSM} is required; every other input "
                    "adds its section:"), [
                self.tr("{ANNUAL_TSM} (and {TREND_A}, {TREND_B}): the global mean annual total soil "
                        "moisture by year (area-weighted, kg m-2) with the Sen line and the "
                        "Mann-Kendall p of that mean over each trend period (Fig. 1a)."),
                self.tr("{SEASONAL_0_10} ... {SEASONAL_100_200}: mean soil moisture by season and "
                        "depth (kg m-2, Fig. 1b)."),
                self.tr("{TREND_A}, {TREND_B}: maps of the Sen slope (units of the stack per year, "
                        "kg m-2 per year for soil moisture); {SUMMARY_A}, {SUMMARY_B}: the trend "
                        "summary tables."),
                self.tr("{COMPONENTS_A}, {COMPONENTS_B}: maps of the contributions by dynamic, "
                        "season and depth (percent of Var(TSM), Fig. 2)."),
                self.tr("{ATTRIBUTION_TABLE_A}, {ATTRIBUTION_TABLE_B}: 4 x 4 heatmaps of the Trend "
                        "and IAV contributions (percent) and omega, and with both periods their "
                        "difference (B minus A) (Fig. 3), with the tables."),
                self.tr("{CORRELATION_TABLE}: the correlation matrices (mean r by season and depth) "
                        "per ecosystem (Fig. 4) and the table."),
                self.tr("{QC_REPORT}: the quality-control table.")],
            self.tr("Periods are read from the rasters' metadata (the START_YEAR and END_YEAR that "
                    "TSMV records). The attribution tables take their periods from the attribution "
                    "components when as many components as tables are given, otherwise from the "
                    "names of the tables' folders."),
            self.tr("Every input is checked before any figure is made, and refused with a message "
                    "naming the parameter and the file: the {ANNUAL_TSM} must be yearly (bands "
                    "YYYY), the seasonal stacks seasonal (bands 'YYYY H-S'; all four or none, each "
                    "holding its own layer); {TREND_A} and {TREND_B} need the bands slope, "
                    "intercept, p_value, z, tau, s, trend and a period within the years of the "
                    "{ANNUAL_TSM}, and {COMPONENTS_A} and {COMPONENTS_B} the 32 contribution bands, "
                    "both with START_YEAR and END_YEAR in their metadata; the CSVs must be UTF-8 "
                    "text with the header TSMV writes and at least one row, with numbers where "
                    "numbers are read and known seasons, depths and dynamics.")]

    def declare(self):
        self.add(QgsProcessingParameterRasterLayer("ANNUAL_TSM", self.tr("Annual total soil moisture")),
                 self.tr("The Annual total soil moisture of 'Classify wetness seasons' (kg m-2, "
                         "bands YYYY)."))
        for key, label in zip(LAYER_KEYS, LAYER_LABELS):
            self.add(QgsProcessingParameterRasterLayer("SEASONAL_" + key,
                                                       self.tr("Seasonal soil moisture %s cm") % label,
                                                       optional=True),
                     self.tr("The Seasonal soil moisture %s cm of 'Classify wetness seasons' (kg "
                             "m-2, bands 'YYYY H-S' ... 'YYYY A-S').") % label)
        for period in PERIODS:
            self.add(QgsProcessingParameterRasterLayer("TREND_" + period,
                                                       self.tr("Trend, period %s") % period,
                                                       optional=True),
                     self.tr("The Trend of 'Sen's slope and Mann-Kendall trend' for period %s.")
                     % period)
            self.add(QgsProcessingParameterFile("SUMMARY_" + period,
                                                self.tr("Trend summary, period %s") % period,
                                                extension="csv", optional=True),
                     self.tr("The Trend summary (CSV) of 'Sen's slope and Mann-Kendall trend' for "
                             "period %s.") % period)
            self.add(QgsProcessingParameterRasterLayer("COMPONENTS_" + period,
                                                       self.tr("Attribution components, period %s")
                                                       % period, optional=True),
                     self.tr("The Contributions of the 32 components of 'Attribute total "
                             "soil-moisture variability' for period %s.") % period)
            self.add(QgsProcessingParameterFile("ATTRIBUTION_TABLE_" + period,
                                                self.tr("Attribution table, period %s") % period,
                                                extension="csv", optional=True),
                     self.tr("The Attribution table (CSV) of 'Attribute total soil-moisture "
                             "variability' for period %s.") % period)
        self.add(QgsProcessingParameterFile("CORRELATION_TABLE", self.tr("Correlation table"),
                                            extension="csv", optional=True),
                 self.tr("The Correlation table (CSV) of 'Correlate seasonal soil moisture with GPP'."))
        self.add(QgsProcessingParameterFile("QC_REPORT", self.tr("Quality-control report"),
                                            extension="csv", optional=True),
                 self.tr("The Quality report (CSV) of 'Remove non-physical soil moisture'."))
        self.add(QgsProcessingParameterFileDestination("OUTPUT", self.tr("Report"),
                                                       self.tr("HTML files (*.html)")),
                 self.tr("One HTML file: the figures the inputs allow (Fig. 1a, 1b, 2, 3, 4; PNG, "
                         "embedded) and the tables of the inputs given (trend summaries, attribution "
                         "tables, correlation table, quality control)."))

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
        feedback.pushInfo(self.tr("Report with %d figures: %s") % (len(titles), output))
        return {"OUTPUT": output}
