"""tsmv:correlation - Correlate seasonal soil moisture with GPP (Li et al. 2025, sections 2.2, 3.4)."""
import os

from qgis.core import (QgsProcessingParameterFileDestination, QgsProcessingParameterNumber,
                       QgsProcessingParameterRasterDestination, QgsProcessingParameterRasterLayer)

from ..processing_provider.base import QT_TRANSLATE_NOOP, TsmvAlgorithm
from ..processing_provider.compat import NumberType
from ..tsmv_qgis.steps.correlation import correlation_bands, run_correlation


class Correlation(TsmvAlgorithm):
    NAME = "correlation"
    DISPLAY_NAME = QT_TRANSLATE_NOOP("Correlation", "3 Correlate with GPP")
    TAGS = ("GPP", "Pearson", "correlation")
    GROUP_ID = "ecosystems"

    SEASON_CODES = "SEASON_CODES"
    GPP = "GPP"
    ECOSYSTEMS = "ECOSYSTEMS"
    ALPHA = "ALPHA"
    R = "R"
    P = "P"
    R_ROOT_ZONE = "R_ROOT_ZONE"
    P_ROOT_ZONE = "P_ROOT_ZONE"
    TABLE = "TABLE"
    #: {output: the core's key}
    OUTPUT_KEYS = {R: "r", P: "p", R_ROOT_ZONE: "r_root_zone", P_ROOT_ZONE: "p_root_zone", TABLE: "table"}
    NAMES = dict({"outputs." + key: name for name, key in OUTPUT_KEYS.items()},
                 season_codes=SEASON_CODES, gpp=GPP, ecosystems=ECOSYSTEMS, alpha=ALPHA)

    def help_blocks(self):
        return [
            self.tr("For every pixel, wetness season s and depth d: the Pearson correlation r "
                    "between seasonal soil moisture SM<sub>s,d</sub>(t) and seasonal GPP<sub>s</sub>(t) over the "
                    "years, and its two-sided p-value (t test, n - 2 degrees of freedom), as in Li "
                    "et al. (2025), section 3.4."),
            self.tr("GPP<sub>s</sub>(t) is the mean of the monthly GPP over the three months that the "
                    "{SEASON_CODES} give season s in year t at that pixel (NaN if one of them is "
                    "missing)."),
            self.tr("The season codes must match how 'Classify wetness seasons' ranked the months "
                    "(it records this in the seasonal stacks): stacks ranked by the total profile "
                    "take its Season codes; stacks ranked by each layer on its own take its Season "
                    "codes of each layer, so that each layer's soil moisture and its GPP come from "
                    "that layer's own months. Any other pair is refused, as are seasonal stacks "
                    "that do not record their ranking."),
            self.tr("The root zone (10-100 cm) is the sum of the 10-40 and 40-100 cm seasonal soil "
                    "moisture, correlated with GPP in the same way ({R_ROOT_ZONE}, {P_ROOT_ZONE} and "
                    "the table's '10-100 cm' rows). With per-layer ranking the two layers' seasons "
                    "are different months, so the root zone is not computed."),
            self.tr("Choices made for you:"), [
                self.tr("Years where both series exist are used (pairwise complete); fewer than 5 "
                        "years, or a constant series, gives NaN."),
                self.tr("The period runs from the {START_YEAR} to the {END_YEAR}, within the years "
                        "that have soil moisture, season codes and GPP (all 12 months); GPP years that do "
                        "not overlap the soil-moisture years are refused, and so is a period with "
                        "fewer than 5 such years."),
                self.tr("The {TABLE} gives, for Global (every pixel with an r) and for Forests, "
                        "Shrublands, Grasslands and Croplands (codes 1-4 of the {ECOSYSTEMS}), by "
                        "season and depth: pixels, mean_r and mean_p (area-weighted, cos latitude), "
                        "significant_pixels (p < alpha, the {ALPHA}) and percent_significant "
                        "(area-weighted, percent) - the paper's comprehensive table."),
                self.tr("Only the 0-10 cm stack needs to be given: the other seasonal stacks and "
                        "the {SEASON_CODES} left empty are taken from the run that wrote it, which "
                        "recorded where it wrote them (a file counts only when it records being that "
                        "output of that run; files moved together are found beside it). If they cannot "
                        "be found, the run is refused and says which to give."),
                self.tr("Inputs are checked for their role: the {SEASON_CODES} and the {GPP} must "
                        "be monthly stacks holding season codes (1-4) and GPP (a swapped pair is "
                        "refused by their metadata or values); the {ECOSYSTEMS} must be the "
                        "one-band 'ecosystem' raster (Ecosystems) of 'Ecosystems from MCD12C1', "
                        "codes 1-4. All inputs must be on the same grid."),
                self.tr("The log says how many pixels have a correlation and why the others have "
                        "none (no soil moisture or no GPP in the period, fewer than 5 years with "
                        "both, a constant series); the rasters record it too (metadata "
                        "TSMV_COVERAGE).")],
            self.tr("The {R} and the {P} have 16 bands, band 1 + 4s + d ('H-S 0-10 cm' ...).")]

    def declare(self):
        bands = correlation_bands()  # the band maps of the outputs (GLDAS's depths; another product's its own)
        self.add_layer_inputs(self.tr("Seasonal soil moisture %s cm"),
                              self.tr("Seasonal stack (kg m-2) of the %s cm layer from 'Classify "
                                      "wetness seasons' (bands 'YYYY H-S' ... 'YYYY A-S')."),
                              of_one_run=True)
        self.add(QgsProcessingParameterRasterLayer(self.SEASON_CODES, self.tr("Season codes"), optional=True),
                 self.tr("The Season codes of 'Classify wetness seasons' (bands YYYY-MM, codes 1-4); "
                         "when it ranked each layer on its own, its Season codes of each layer. "
                         "Empty: those of the run that wrote the first layer's stack."))
        self.add(QgsProcessingParameterRasterLayer(self.GPP, self.tr("Monthly GPP (on the soil-moisture grid)")),
                 self.tr("Monthly GPP stack (g C m-2 d-1, bands YYYY-MM) on the same grid: the "
                         "Monthly GPP of 'Aggregate GOSIF GPP'."))
        self.add(QgsProcessingParameterRasterLayer(self.ECOSYSTEMS, self.tr("Ecosystems (from land cover)")),
                 self.tr("Ecosystem codes (1-4) on the same grid: the Ecosystems of 'Ecosystems "
                         "from MCD12C1'."))
        self.add_years(self.tr("First year. Empty: the first year with all inputs."),
                       self.tr("Last year. Empty: the last year with all inputs."))
        self.add(QgsProcessingParameterNumber(self.ALPHA, self.tr("Significance level"),
                                              NumberType.Double, 0.05, False, 0.0001, 0.5),
                 self.tr("A correlation is significant when its p-value is below this."))
        self.add(QgsProcessingParameterRasterDestination(self.R, self.tr("Pearson r")),
                 self.tr("GeoTIFF, 16 bands labelled %s (band 1 + 4s + d): the Pearson r (no unit, -1 "
                         "to 1) of each season and depth.") % bands["r"].listed())
        self.add(QgsProcessingParameterRasterDestination(self.P, self.tr("p-value")),
                 self.tr("GeoTIFF, 16 bands labelled as the {R}: the two-sided p-value of each r."))
        self.add(QgsProcessingParameterRasterDestination(
            self.R_ROOT_ZONE, self.tr("Pearson r of the root zone (10-100 cm)"), optional=True,
            createByDefault=False),
            self.tr("GeoTIFF, 4 bands %s: the r of the summed 10-40 and 40-100 cm seasonal soil "
                    "moisture with seasonal GPP.") % bands["r_root_zone"].listed())
        self.add(QgsProcessingParameterRasterDestination(
            self.P_ROOT_ZONE, self.tr("p-value of the root zone (10-100 cm)"), optional=True,
            createByDefault=False),
            self.tr("GeoTIFF, 4 bands labelled as the {R_ROOT_ZONE}: the two-sided p-value of "
                    "each r."))
        self.add(QgsProcessingParameterFileDestination(self.TABLE, self.tr("Correlation table"),
                                                       self.tr("CSV files (*.csv)")),
                 self.tr("CSV, one row per ecosystem (Global, Forests, Shrublands, Grasslands, "
                         "Croplands), season and depth (the four layers, then the root zone "
                         "'10-100 cm'): ecosystem, season, depth, pixels, mean_r, mean_p, "
                         "significant_pixels, percent_significant (percent)."))

    def compute(self, parameters, context, feedback):
        inputs = self.layer_inputs(parameters, context)
        outputs = {"r": self.output_raster(parameters, self.R, context),
                   "p": self.output_raster(parameters, self.P, context),
                   "table": self.output_file(parameters, self.TABLE, context, ".csv")}
        for name in (self.R_ROOT_ZONE, self.P_ROOT_ZONE):
            if parameters.get(name):
                outputs[self.OUTPUT_KEYS[name]] = self.output_raster(parameters, name, context)
        codes = None if self.unset(parameters, self.SEASON_CODES) else self.raster_path(parameters, self.SEASON_CODES, context)
        run_correlation(inputs, codes,
                        self.raster_path(parameters, self.GPP, context),
                        self.raster_path(parameters, self.ECOSYSTEMS, context), outputs,
                        *self.years(parameters), self.parameterAsDouble(parameters, self.ALPHA, context),
                        progress=self.progress(feedback), log=self.log(feedback))
        period = self.period_of(outputs["r"], self.R)
        feedback.pushInfo(self.tr("Correlated seasonal soil moisture with GPP over %s") % period)
        results = {self.R: outputs["r"], self.P: outputs["p"], self.TABLE: outputs["table"]}
        for name in (self.R_ROOT_ZONE, self.P_ROOT_ZONE):
            path = outputs.get(self.OUTPUT_KEYS[name])
            if path and os.path.exists(path):  # not written when the layers were ranked on their own
                results[name] = path
        for name, path in results.items():
            if name != self.TABLE:
                self.style_on_load(context, path, period)
        return results
