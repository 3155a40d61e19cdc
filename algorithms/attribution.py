"""tsmv:attribution - Attribute total soil-moisture variability (Li et al. 2025, sections 2.3-2.4)."""
from qgis.core import QgsProcessingParameterFileDestination, QgsProcessingParameterRasterDestination

from ..processing_provider.base import QT_TRANSLATE_NOOP, TsmvAlgorithm
from ..tsmv_qgis.steps.attribution import attribution_bands, run_attribution


class Attribution(TsmvAlgorithm):
    NAME = "attribution"
    DISPLAY_NAME = QT_TRANSLATE_NOOP("Attribution", "6 Attribute TSM variability")
    TAGS = ("attribution", "variance", "TSM", "IAV")

    COMPONENTS = "COMPONENTS"
    BY_SEASON = "BY_SEASON"
    BY_DEPTH = "BY_DEPTH"
    BY_DYNAMIC = "BY_DYNAMIC"
    OMEGA = "OMEGA"
    DOMINANT = "DOMINANT"
    TABLE = "TABLE"
    #: {output name: key of the core's outputs} of the rasters, in the order declared.
    RASTERS = {COMPONENTS: "components", BY_SEASON: "by_season", BY_DEPTH: "by_depth",
               BY_DYNAMIC: "by_dynamic", OMEGA: "omega", DOMINANT: "dominant"}
    NAMES = dict({"outputs." + key: name for name, key in RASTERS.items()}, **{"outputs.table": TABLE})

    def help_blocks(self):
        return [
            self.tr("Splits the variance of each pixel's total soil moisture TSM(t) over the period "
                    "from the {START_YEAR} to the {END_YEAR} into 32 contributions: 4 wetness "
                    "seasons × 4 depths × {long-term trend, interannual variability (IAV)}, as in "
                    "Li et al. (2025), eq. 1-10."),
            self.tr("With x<sub>s,d</sub>(t) = SM<sub>s,d</sub>(t)/4 (SM<sub>s,d</sub>: the seasonal "
                    "soil moisture stacks of 'Classify wetness seasons', kg m-2), TSM(t) = "
                    "Σ<sub>s,d</sub> x<sub>s,d</sub>(t). α and α<sub>s,d</sub> are ordinary-least-squares "
                    "lines on the year, β and β<sub>s,d</sub> the residuals. RC<sup>Trend</sup><sub>s,d</sub> "
                    "= Cov(α, α<sub>s,d</sub>) / Var(TSM) and RC<sup>IAV</sup><sub>s,d</sub> = Cov(β, "
                    "β<sub>s,d</sub>) / Var(TSM), in percent; the 32 terms sum to 100 percent at every "
                    "pixel. ω<sub>s,d</sub> = (RC<sup>Trend</sup><sub>s,d</sub> + "
                    "RC<sup>IAV</sup><sub>s,d</sub>) / P<sub>s,d</sub>, where P<sub>s,d</sub> is the "
                    "component's share of mean TSM (percent): ω > 1 means the component moves TSM more "
                    "than its share of the water."),
            self.tr("Choices made for you:"), [
                self.tr("Only the 0-10 cm stack needs to be given: the other seasonal stacks left "
                        "empty are taken from the run that wrote it, which recorded where it wrote "
                        "them (a file counts only when it records being that output of that run; files "
                        "moved together are found beside it). If they cannot be found, the run is "
                        "refused and says which to give."),
                self.tr("The period needs at least 3 years, and the stacks every season of every "
                        "year of it; otherwise it is refused."),
                self.tr("A pixel needs every season of every year of the period in all four "
                        "layers; otherwise, or if its TSM is constant (a standard deviation of at "
                        "most 1e-9 of its mean), it is NaN."),
                self.tr("The {DOMINANT} holds the two largest signed terms (eq. 10); ties go to the "
                        "smaller code. Codes are k = 1 + 16c + 4s + d, named in the legend ('IAV "
                        "SA-S 100-200 cm')."),
                self.tr("The means of the {TABLE} are area-weighted (cos latitude) over valid "
                        "pixels, with unweighted means beside them; mean_omega is the area-weighted "
                        "mean omega of the season-depth."),
                self.tr("The log says how many pixels were attributed and why the others were not "
                        "(no data in the period, a missing season-year, a constant TSM); the outputs "
                        "record it too (metadata TSMV_COVERAGE). One missing month removes a pixel "
                        "from the attribution of the whole period, while the trend only skips that "
                        "year."),
                self.tr("A period made from both GLDAS V2.0 (before 2000) and V2.1 (from 2000) gets "
                        "a warning, as the version change itself can look like a trend or a "
                        "variance.")],
            self.tr("Run it once per period (e.g. 1948-1999 and 2000-2024) to compare periods.")]

    def declare(self):
        bands = attribution_bands()  # the band maps of the outputs (GLDAS's depths; another product's its own)
        self.add_layer_inputs(self.tr("Seasonal soil moisture %s cm"),
                              self.tr("Seasonal stack (kg m-2) of the %s cm layer from 'Classify "
                                      "wetness seasons' (bands 'YYYY H-S' ... 'YYYY A-S')."),
                              of_one_run=True)
        self.add_years(self.tr("First year of the period. Empty: the first year of the stacks."),
                       self.tr("Last year of the period. Empty: the last year of the stacks."))
        self.add(QgsProcessingParameterRasterDestination(
            self.COMPONENTS, self.tr("Contributions of the 32 components")),
            self.tr("GeoTIFF, percent of Var(TSM): the RC of each component, band 1 + 16c + 4s + d "
                    "for dynamic c (0 Trend, 1 IAV), season s (0 H-S ... 3 A-S), depth d (0 0-10 cm "
                    "... 3 100-200 cm), labelled %s.") % bands["components"].listed())
        self.add(QgsProcessingParameterRasterDestination(self.BY_SEASON, self.tr("Contributions by season")),
                 self.tr("GeoTIFF, percent of Var(TSM): the sum over depths and dynamics, bands %s.") % bands["by_season"].listed())
        self.add(QgsProcessingParameterRasterDestination(self.BY_DEPTH, self.tr("Contributions by depth")),
                 self.tr("GeoTIFF, percent of Var(TSM): the sum over seasons and dynamics, bands %s (the product's "
                         "layers).") % bands["by_depth"].listed())
        self.add(QgsProcessingParameterRasterDestination(self.BY_DYNAMIC, self.tr("Contributions by dynamic")),
                 self.tr("GeoTIFF, percent of Var(TSM): the sum over seasons and depths, bands %s.") % bands["by_dynamic"].listed())
        self.add(QgsProcessingParameterRasterDestination(
            self.OMEGA, self.tr("Contribution per unit of storage (omega)")),
            self.tr("GeoTIFF, a ratio without unit: omega = (RC Trend + RC IAV) / P, P the "
                    "component's share of mean TSM (percent); band 1 + 4s + d, labelled %s.") % bands["omega"].listed())
        self.add(QgsProcessingParameterRasterDestination(self.DOMINANT, self.tr("Dominant components")),
                 self.tr("GeoTIFF, bands %s: the codes "
                         "(1-32) and the contributions (percent of Var(TSM)) of the two largest of "
                         "the 32 signed terms.") % bands["dominant"].listed())
        self.add(QgsProcessingParameterFileDestination(self.TABLE, self.tr("Attribution table"),
                                                       self.tr("CSV files (*.csv)")),
                 self.tr("CSV, one row per component (32): code, dynamic, season, depth, "
                         "mean_percent (area-weighted, percent of Var(TSM)), mean_percent_unweighted, "
                         "mean_omega (area-weighted), pixels."))

    def compute(self, parameters, context, feedback):
        inputs = self.layer_inputs(parameters, context)
        paths = {name: self.output_raster(parameters, name, context) for name in self.RASTERS}
        outputs = {key: paths[name] for name, key in self.RASTERS.items()}
        outputs["table"] = self.output_file(parameters, self.TABLE, context, ".csv")
        table = run_attribution(inputs, outputs, *self.years(parameters), progress=self.progress(feedback),
                                log=self.log(feedback))
        period = self.period_of(paths[self.COMPONENTS], self.COMPONENTS)
        trend = sum(row.mean_percent for row in table if row.dynamic == "Trend")
        feedback.pushInfo(self.tr("%s: %d pixels attributed; area-weighted Trend %.1f%%, IAV %.1f%% "
                                  "of Var(TSM)") % (period, table[0].pixels, trend, 100.0 - trend))
        for path in paths.values():
            self.style_on_load(context, path, period)
        paths[self.TABLE] = outputs["table"]
        return paths
