"""tsmv:correlation - Correlate seasonal soil moisture with GPP (Li et al. 2025, sections 2.2, 3.4)."""
from qgis.core import (QgsProcessingParameterFileDestination, QgsProcessingParameterNumber,
                       QgsProcessingParameterRasterDestination, QgsProcessingParameterRasterLayer)

from ..processing_provider.base import TsmvAlgorithm
from ..processing_provider.compat import NumberType
from ..tsmv_qgis.correlation import run_correlation


class Correlation(TsmvAlgorithm):
    NAME = "correlation"
    DISPLAY_NAME = "Correlate seasonal soil moisture with GPP"
    GROUP = "Ecosystems and GPP"
    GROUP_ID = "ecosystems"
    HELP = (
        "For every pixel, wetness season s and depth d: the Pearson correlation r between seasonal "
        "soil moisture SM_{s,d}(t) and seasonal GPP_s(t) over the years, and its two-sided p-value "
        "(t test, n - 2 degrees of freedom), as in Li et al. (2025), section 3.4.\n\n"
        "GPP_s(t) is the mean of the monthly GPP over the three months that SEASON_CODES gives "
        "season s in year t at that pixel (NaN if one of them is missing).\n\n"
        "Choices made for you:\n"
        "- Years where both series exist are used (pairwise complete); fewer than 5, or a constant "
        "series, gives NaN.\n"
        "- The period is START_YEAR..END_YEAR within the years that have soil moisture, season "
        "codes and GPP; GPP years that do not overlap the soil-moisture years are refused.\n"
        "- TABLE: for Global (every pixel with an r) and for Forests, Shrublands, Grasslands and "
        "Croplands (ECOSYSTEMS codes 1-4), by season and depth: pixels, mean_r and mean_p "
        "(area-weighted, cos latitude), significant_pixels (p < ALPHA) and percent_significant "
        "(area-weighted) - the paper's comprehensive table.\n"
        "- Inputs are checked for their role: SEASON_CODES and GPP must be monthly stacks holding "
        "season codes (1-4) and GPP (a swapped pair is refused by their metadata or values); "
        "ECOSYSTEMS must be the one-band 'ecosystem' raster of the land-cover algorithm, codes 1-4.\n"
        "R and P have 16 bands, band 1 + 4s + d ('H-S 0-10 cm' ...).")

    def initAlgorithm(self, config=None):  # noqa: N802
        self.add_layer_inputs("Seasonal soil moisture %s cm",
                              "Seasonal stack of the %s cm layer from 'Classify wetness seasons'.")
        self.add(QgsProcessingParameterRasterLayer("SEASON_CODES", self.tr("Season codes")),
                 "SEASON_CODES of 'Classify wetness seasons' (bands YYYY-MM).")
        self.add(QgsProcessingParameterRasterLayer("GPP", self.tr("Monthly GPP")),
                 "Monthly GPP stack on the same grid, from 'Aggregate GOSIF GPP'.")
        self.add(QgsProcessingParameterRasterLayer("ECOSYSTEMS", self.tr("Ecosystems")),
                 "Ecosystem codes from 'Ecosystems from MODIS MCD12C1 land cover'.")
        self.add_years("First year. Empty: the first year with all inputs.",
                       "Last year. Empty: the last year with all inputs.")
        self.add(QgsProcessingParameterNumber("ALPHA", self.tr("Significance level"),
                                              NumberType.Double, 0.05, False, 0.0001, 0.5),
                 "A correlation is significant when p < ALPHA.")
        self.add(QgsProcessingParameterRasterDestination("R", self.tr("Pearson r")),
                 "r of each season and depth (16 bands).")
        self.add(QgsProcessingParameterRasterDestination("P", self.tr("p-value")),
                 "Two-sided p-value of each r (16 bands).")
        self.add(QgsProcessingParameterFileDestination("TABLE", self.tr("Correlation table"),
                                                       "CSV files (*.csv)"),
                 "CSV: ecosystem, season, depth, pixels, mean_r, mean_p, significant_pixels, "
                 "percent_significant.")

    def compute(self, parameters, context, feedback):
        inputs = self.layer_inputs(parameters, context)
        outputs = {"r": self.output_raster(parameters, "R", context),
                   "p": self.output_raster(parameters, "P", context),
                   "table": self.output_file(parameters, "TABLE", context, ".csv")}
        run_correlation(inputs, self.raster_path(parameters, "SEASON_CODES", context),
                        self.raster_path(parameters, "GPP", context),
                        self.raster_path(parameters, "ECOSYSTEMS", context), outputs,
                        *self.years(parameters), self.parameterAsDouble(parameters, "ALPHA", context),
                        progress=self.progress(feedback))
        for key in ("r", "p"):
            self.style_on_load(context, outputs[key])
        return {"R": outputs["r"], "P": outputs["p"], "TABLE": outputs["table"]}
