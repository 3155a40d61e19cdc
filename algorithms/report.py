"""tsmv:report - One self-contained HTML report with the paper's figures and tables."""
import os

from qgis.core import (Qgis, QgsApplication, QgsProcessingParameterFile, QgsProcessingParameterFileDestination,
                       QgsProcessingParameterRasterLayer)

from ..processing_provider.base import QT_TRANSLATE_NOOP, TsmvAlgorithm
from ..tsmv_qgis.labels import LAYER_KEYS, LAYER_LABELS
from ..tsmv_qgis.report import make_report

PERIODS = ("A", "B")


def world_map():
    """The world map QGIS ships (resources/data/world_map.gpkg), or None."""
    path = os.path.join(QgsApplication.pkgDataPath(), "resources", "data", "world_map.gpkg")
    return path if os.path.exists(path) else None


def qgis_version():
    return Qgis.version() if hasattr(Qgis, "version") else Qgis.QGIS_VERSION


class Report(TsmvAlgorithm):
    NAME = "report"
    DISPLAY_NAME = QT_TRANSLATE_NOOP("Report", "1 HTML report")
    GROUP_ID = "report"

    ANNUAL_TSM = "ANNUAL_TSM"
    SEASONAL = {k: "SEASONAL_" + k for k in LAYER_KEYS}
    TRENDS = {p: "TREND_" + p for p in PERIODS}
    SUMMARIES = {p: "SUMMARY_" + p for p in PERIODS}
    COMPONENTS = {p: "COMPONENTS_" + p for p in PERIODS}
    ATTRIBUTION_TABLES = {p: "ATTRIBUTION_TABLE_" + p for p in PERIODS}
    CORRELATION_TABLE = "CORRELATION_TABLE"
    R = "R"
    P = "P"
    ECOSYSTEMS = "ECOSYSTEMS"
    R_ROOT_ZONE = "R_ROOT_ZONE"
    P_ROOT_ZONE = "P_ROOT_ZONE"
    R_BEST_LAG = "R_BEST_LAG"
    BEST_LAG = "BEST_LAG"
    QC_REPORT = "QC_REPORT"
    OUTPUT = "OUTPUT"
    #: {parameter name: the core's keyword} of the correlation rasters the report reads.
    CORRELATION_RASTERS = {R: "correlation_r", P: "correlation_p", ECOSYSTEMS: "ecosystems",
                           R_ROOT_ZONE: "root_zone_r", P_ROOT_ZONE: "root_zone_p", R_BEST_LAG: "best_lag_r",
                           BEST_LAG: "best_lag"}

    def help_blocks(self):
        return [
            self.tr("Writes one self-contained HTML file (figures embedded as PNG, made with "
                    "matplotlib; where QGIS's Python has no working matplotlib the report keeps its "
                    "tables and says why; no internet needed to view it) with the figures and tables "
                    "of Li et al. (2025) for the outputs of the other TSMV algorithms. Only the "
                    "{ANNUAL_TSM} is required; every other input adds its figures:"), [
                self.tr("Fig. 1a, from the {ANNUAL_TSM} (and {TREND_A}, {TREND_B}): the global mean "
                        "annual total soil moisture by year (area-weighted, kg m-2, over the pixels with "
                        "a value in every year) with the Sen line "
                        "and the Mann-Kendall p of that mean over each trend period; the years of each "
                        "GLDAS version are shaded, and beside the figure the report says which years "
                        "come from V2.0 and V2.1, warns when a period mixes them (Li et al. split the "
                        "record at 2000 for this reason) and how many pixels each trend kept."),
                self.tr("Fig. 1b, 1c, 1d, from {SEASONAL_0_10} ... {SEASONAL_100_200}: the mean soil "
                        "moisture of each season by depth (kg m-2); for each period (those of the "
                        "trends and attributions, else the whole record) and each season and depth, "
                        "the Sen slope of the global mean series (kg m-2 per year, * where its "
                        "Mann-Kendall test is significant); and the detrended interannual variability "
                        "relative to storage, over the whole record and each period: the standard "
                        "deviation of the residuals of each pixel's least-squares line divided by the "
                        "mean soil moisture of that season and layer (percent; both averaged over the "
                        "pixels with complete series)."),
                self.tr("Fig. S1, from {TREND_A}, {TREND_B}: maps of the Sen slope; Table 1, with "
                        "{SUMMARY_A}, {SUMMARY_B}: the numbers of section 3.1 per period (mean slope, "
                        "percent of the area decreasing, increasing, significantly, faster than the "
                        "threshold, and the Sen slope of the global mean with its 95% interval, Gilbert 1987)."),
                self.tr("Fig. 2, from {COMPONENTS_A}, {COMPONENTS_B}: maps of the contributions (percent "
                        "of Var(TSM)) of each season, each depth and each dynamic, per period; Table 2, "
                        "from {ATTRIBUTION_TABLE_A}, {ATTRIBUTION_TABLE_B}: the numbers of section 3.2 "
                        "(contributions by season, depth and dynamic, and their change)."),
                self.tr("Fig. 3, from {ATTRIBUTION_TABLE_A}, {ATTRIBUTION_TABLE_B}: 4 x 4 heatmaps of "
                        "the Trend and IAV contributions (percent of Var(TSM)) and omega, and with both "
                        "periods their change (B minus A, percentage points). A table written with a "
                        "BOOTSTRAP stars the contributions whose 95% interval excludes 0 on at least half "
                        "of the area (its column percent_excluding_zero), and the attribution tables then "
                        "give, for the Trend and IAV rows, the 95% bootstrap interval of the mean (lower "
                        "to upper) and that percent."),
                self.tr("Fig. 4a, from {R}, {P} and {ECOSYSTEMS} (and {R_ROOT_ZONE}, {P_ROOT_ZONE}): "
                        "the distributions (area-weighted box plots) of r and p by ecosystem, season "
                        "and depth (p on a log scale); maps of r for each season, in the paper's order: "
                        "Fig. 4b the 0-10 cm layer, from {R}; Fig. 4c the root zone (10-100 cm), from "
                        "{R_ROOT_ZONE}; Fig. 4d the 100-200 cm layer, from {R}; Fig. S2, from {R}: the "
                        "two middle layers; Fig. S3, from {CORRELATION_TABLE}: mean r and the percent of "
                        "the area where the correlation is significant (by the rule the table's "
                        "significance column names: p < alpha for each pixel alone unless the correlation "
                        "ran with its FDR), by ecosystem, season and depth, with the root zone from the "
                        "table's 10-100 cm rows. Beyond the paper, Fig. S4, from {R_BEST_LAG} and "
                        "{BEST_LAG} (a correlation run with a largest lag above 0) beside {R}: for the "
                        "0-10 cm layer, the r at lag 0, the largest r with GPP up to that many months "
                        "later, and its lag."),
                self.tr("Beyond the paper, Fig. S5, when the {R} comes from a correlation run with "
                        "its option to remove each series' linear trend: the area-weighted mean r and "
                        "the percent of the area where r is significant (by the rule of that run), for "
                        "every season and depth, not detrended (the paper's r) beside detrended, and "
                        "their difference. Detrending takes away the part of r that two series drifting "
                        "over the years share; what remains is the coupling of their year-to-year "
                        "changes. The not detrended r and p are not inputs: the report takes the "
                        "'Pearson r not detrended' and 'p-value not detrended' that the same run wrote, "
                        "from where it recorded writing them or beside the {R} (keep them there; the "
                        "log says when they are not found)."),
                self.tr("A coverage section: how many pixels each analysis (trend, attribution, "
                        "correlation) kept and why it dropped the others, as the outputs record it, "
                        "and the GLDAS versions of each period."),
                self.tr("The tables of the inputs ({ATTRIBUTION_TABLE_A}, {ATTRIBUTION_TABLE_B}, "
                        "{CORRELATION_TABLE}, {QC_REPORT}), rounded to what they mean, and the "
                        "provenance: every input file, the raw data files the chain read (product, "
                        "versions, number of files, first and last file, folder), every parameter, the "
                        "versions of TSMV, QGIS, GDAL, numpy, matplotlib and Python, and the date. A "
                        "banner on top says when the inputs were made from TSMV's synthetic example "
                        "data.")],
            self.tr("Maps are drawn cell by cell (nearest neighbour), with coastlines from the world "
                    "map QGIS ships and longitude/latitude ticks; shares use sequential colours and "
                    "signed terms diverging ones centred at 0; a pixel without a value is grey."),
            self.tr("Periods are read from the rasters' metadata (the START_YEAR and END_YEAR that "
                    "TSMV records). An attribution table takes the period of the components or the "
                    "trend of the same letter (A, B)."),
            self.tr("Every input is checked before any figure is made, and refused with a message "
                    "naming the parameter and the file: the {ANNUAL_TSM} must be yearly (bands "
                    "YYYY), the seasonal stacks seasonal (bands 'YYYY H-S'; all four or none, each "
                    "holding its own layer); {TREND_A} and {TREND_B} need the bands slope, "
                    "intercept, p_value, z, tau, s, trend and a period within the years of the "
                    "{ANNUAL_TSM}, and {COMPONENTS_A} and {COMPONENTS_B} the 32 contribution bands, "
                    "both with START_YEAR and END_YEAR in their metadata; {R} and {P} need the 16 "
                    "bands 'H-S 0-10 cm' ..., {R_ROOT_ZONE} and {P_ROOT_ZONE} the 4 bands 'H-S "
                    "10-100 cm' ..., an r where a p is expected (or the reverse) is refused, the "
                    "{ECOSYSTEMS} must hold the codes 1-4, and these five must be on one grid; the "
                    "CSVs must be UTF-8 text with the header TSMV writes and at least one row, with "
                    "numbers where numbers are read and known seasons, depths and dynamics.")]

    def declare(self):
        self.add(QgsProcessingParameterRasterLayer(self.ANNUAL_TSM, self.tr("Annual total soil moisture")),
                 self.tr("The Annual total soil moisture of 'Classify wetness seasons' (kg m-2, "
                         "bands YYYY)."))
        for key, label in zip(LAYER_KEYS, LAYER_LABELS):
            self.add(QgsProcessingParameterRasterLayer(self.SEASONAL[key],
                                                       self.tr("Seasonal soil moisture %s cm") % label,
                                                       optional=True),
                     self.tr("The Seasonal soil moisture %s cm of 'Classify wetness seasons' (kg "
                             "m-2, bands 'YYYY H-S' ... 'YYYY A-S').") % label)
        for period in PERIODS:
            self.add(QgsProcessingParameterRasterLayer(self.TRENDS[period],
                                                       self.tr("Trend, period %s") % period,
                                                       optional=True),
                     self.tr("The Trend of 'Sen's slope, Mann-Kendall' for period %s.")
                     % period)
            self.add(QgsProcessingParameterFile(self.SUMMARIES[period],
                                                self.tr("Trend summary, period %s") % period,
                                                extension="csv", optional=True),
                     self.tr("The Trend summary (CSV) of 'Sen's slope, Mann-Kendall' for "
                             "period %s.") % period)
            self.add(QgsProcessingParameterRasterLayer(self.COMPONENTS[period],
                                                       self.tr("Attribution components, period %s")
                                                       % period, optional=True),
                     self.tr("The Contributions of the 32 components of 'Attribute TSM "
                             "variability' for period %s.") % period)
            self.add(QgsProcessingParameterFile(self.ATTRIBUTION_TABLES[period],
                                                self.tr("Attribution table, period %s") % period,
                                                extension="csv", optional=True),
                     self.tr("The Attribution table (CSV) of 'Attribute TSM "
                             "variability' for period %s.") % period)
        self.add(QgsProcessingParameterFile(self.CORRELATION_TABLE, self.tr("Correlation table"),
                                            extension="csv", optional=True),
                 self.tr("The Correlation table (CSV) of 'Correlate with GPP'."))
        self.add(QgsProcessingParameterRasterLayer(self.R, self.tr("Correlation r"), optional=True),
                 self.tr("The Pearson r (16 bands) of 'Correlate with GPP' "
                         "(Fig. 4a, 4b, 4d, S2)."))
        self.add(QgsProcessingParameterRasterLayer(self.P, self.tr("Correlation p-value"), optional=True),
                 self.tr("The p-value (16 bands) of 'Correlate with GPP' "
                         "(Fig. 4a)."))
        self.add(QgsProcessingParameterRasterLayer(self.ECOSYSTEMS, self.tr("Ecosystems (from land cover)"), optional=True),
                 self.tr("The Ecosystems of 'Ecosystems from MCD12C1' (codes 1-4), "
                         "to group the distributions of r and p (Fig. 4a); without it they are "
                         "global only."))
        self.add(QgsProcessingParameterRasterLayer(self.R_ROOT_ZONE, self.tr("Correlation r of the root zone"),
                                                   optional=True),
                 self.tr("The Pearson r of the root zone (10-100 cm, 4 bands) of 'Correlate "
                         "with GPP' (Fig. 4a, 4c)."))
        self.add(QgsProcessingParameterRasterLayer(self.P_ROOT_ZONE, self.tr("Correlation p-value of the root zone"),
                                                   optional=True),
                 self.tr("The p-value of the root zone (10-100 cm, 4 bands) of 'Correlate "
                         "with GPP' (Fig. 4a)."))
        self.add(QgsProcessingParameterRasterLayer(self.R_BEST_LAG, self.tr("Correlation r at the best lag"),
                                                   optional=True),
                 self.tr("The Pearson r at the best lag (16 bands) of 'Correlate with GPP' run with "
                         "a largest lag above 0 (Fig. S4)."))
        self.add(QgsProcessingParameterRasterLayer(self.BEST_LAG, self.tr("Correlation best lag"),
                                                   optional=True),
                 self.tr("The Best lag (months, 16 bands) of the same run of 'Correlate with GPP' (Fig. S4)."))
        self.add(QgsProcessingParameterFile(self.QC_REPORT, self.tr("Quality-control report"),
                                            extension="csv", optional=True),
                 self.tr("The Quality report (CSV) of 'Remove non-physical values'."))
        self.add(QgsProcessingParameterFileDestination(self.OUTPUT, self.tr("Report"),
                                                       self.tr("HTML files (*.html)")),
                 self.tr("One HTML file: coverage and GLDAS versions, the figures the inputs allow "
                         "(Fig. 1a-1d, S1, 2, 3, 4a-4d, S2, S3, S4, S5; PNG, embedded), Tables 1 and 2, the tables of "
                         "the inputs given, and the provenance."))

    def _optional(self, parameters, name, context, raster=False):
        if self.unset(parameters, name):
            return None
        if raster:
            return self.raster_path(parameters, name, context)
        return self.parameterAsFile(parameters, name, context)

    def compute(self, parameters, context, feedback):
        def given(names, raster=False):
            """(parameter name, path) of the periods given, in order (named in messages)."""
            named = ((name, self._optional(parameters, name, context, raster)) for name in names.values())
            return [(name, path) for name, path in named if path]
        seasonal = {k: self._optional(parameters, self.SEASONAL[k], context, True) for k in LAYER_KEYS}
        seasonal = {k: path for k, path in seasonal.items() if path}  # some but not all: refused
        output = self.output_file(parameters, self.OUTPUT, context, ".html")
        annual = self.raster_path(parameters, self.ANNUAL_TSM, context)
        rasters = {keyword: self._optional(parameters, name, context, True)
                   for name, keyword in self.CORRELATION_RASTERS.items()}
        shown = {}  # every parameter as the run used it, for the provenance
        for parameter in self.parameterDefinitions():
            name = parameter.name()
            if name == self.OUTPUT:
                shown[name] = output
            elif isinstance(parameter, QgsProcessingParameterRasterLayer):
                shown[name] = annual if name == self.ANNUAL_TSM else self._optional(parameters, name, context, True)
            else:
                shown[name] = self._optional(parameters, name, context)
        titles = make_report(
            output, annual, seasonal=seasonal or None,
            trends=given(self.TRENDS, True), trend_summaries=given(self.SUMMARIES),
            components=given(self.COMPONENTS, True), attribution_tables=given(self.ATTRIBUTION_TABLES),
            correlation_table=self._optional(parameters, self.CORRELATION_TABLE, context),
            qc_report=self._optional(parameters, self.QC_REPORT, context),
            coastlines_path=world_map(), parameters=shown, versions={"QGIS": qgis_version()},
            progress=self.progress(feedback), log=self.log(feedback), **rasters)
        feedback.pushInfo(self.tr("Report with %d figures: %s") % (len(titles), output))
        return {self.OUTPUT: output}
