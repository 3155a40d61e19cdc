"""tsmv:correlation - Correlate seasonal soil moisture with GPP (Li et al. 2025, sections 2.2, 3.4)."""
import os

from qgis.core import (QgsProcessingParameterBoolean, QgsProcessingParameterFileDestination,
                       QgsProcessingParameterNumber, QgsProcessingParameterRasterDestination,
                       QgsProcessingParameterRasterLayer)

from ..processing_provider.base import QT_TRANSLATE_NOOP, TsmvAlgorithm
from ..processing_provider.compat import NumberType
from ..tsmv_qgis.steps.correlation import MAX_LAG_LIMIT, correlation_bands, run_correlation


class Correlation(TsmvAlgorithm):
    NAME = "correlation"
    DISPLAY_NAME = QT_TRANSLATE_NOOP("Correlation", "3 Correlate with GPP")
    TAGS = ("GPP", "Pearson", "correlation")
    GROUP_ID = "ecosystems"

    SEASON_CODES = "SEASON_CODES"
    GPP = "GPP"
    ECOSYSTEMS = "ECOSYSTEMS"
    ALPHA = "ALPHA"
    DETREND = "DETREND"
    MAX_LAG = "MAX_LAG"
    EFFECTIVE_N = "EFFECTIVE_N"
    FDR = "FDR"
    R = "R"
    P = "P"
    R_ROOT_ZONE = "R_ROOT_ZONE"
    P_ROOT_ZONE = "P_ROOT_ZONE"
    R_BEST_LAG = "R_BEST_LAG"
    BEST_LAG = "BEST_LAG"
    R_NOT_DETRENDED = "R_NOT_DETRENDED"
    P_NOT_DETRENDED = "P_NOT_DETRENDED"
    TABLE = "TABLE"
    #: {output: the core's key}
    OUTPUT_KEYS = {R: "r", P: "p", R_ROOT_ZONE: "r_root_zone", P_ROOT_ZONE: "p_root_zone",
                   R_BEST_LAG: "r_best_lag", BEST_LAG: "best_lag", R_NOT_DETRENDED: "r_not_detrended",
                   P_NOT_DETRENDED: "p_not_detrended", TABLE: "table"}
    #: {optional raster output: the option that makes it (as a temporary file when left empty)}
    MADE_BY = {R_BEST_LAG: MAX_LAG, BEST_LAG: MAX_LAG, R_NOT_DETRENDED: DETREND, P_NOT_DETRENDED: DETREND}
    NAMES = dict({"outputs." + key: name for name, key in OUTPUT_KEYS.items()},
                 season_codes=SEASON_CODES, gpp=GPP, ecosystems=ECOSYSTEMS, alpha=ALPHA, max_lag=MAX_LAG)

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
                        "significant_pixels (p < alpha, the {ALPHA}, or the rule of {EFFECTIVE_N} "
                        "and {FDR} below) and percent_significant "
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
            self.tr("The {R} and the {P} have 16 bands, band 1 + 4s + d ('H-S 0-10 cm' ...)."),
            self.tr("Beyond the paper (all off by default, which gives the paper's numbers; the "
                    "rasters record these settings and the significance level in their metadata):"), [
                self.tr("{DETREND}: two series that both drift over the years correlate even when "
                        "their year-to-year changes do not. With it, each series loses its own "
                        "least-squares line on the year (fitted over the years both exist) before r "
                        "and p (n - 2 degrees of freedom, as scipy.stats.pearsonr of the residuals): "
                        "r then measures the coupling of the anomalies. A series that is a straight "
                        "line gives NaN. The {R_NOT_DETRENDED} and {P_NOT_DETRENDED} keep, from the "
                        "same read of the inputs, the r and p without it (lag 0, p by the same test: "
                        "the paper's r and p unless {EFFECTIVE_N} is set), so that the report can show "
                        "what detrending changed."),
                self.tr("{MAX_LAG}: GPP may answer soil moisture some months later. For each lag L "
                        "from 0 to this many months (at most 11), GPP<sub>s</sub>(t) is the mean "
                        "of the three months coded s in year t each shifted L months later (into the "
                        "next year where they pass December; a year whose shifted months are missing "
                        "or past the last GPP month is missing). The {R_BEST_LAG} is the largest r "
                        "over the lags (the most positive: the argument for a lag is that wetter soil "
                        "raises GPP later; a tie goes to the shorter lag) and the {BEST_LAG} its "
                        "lag in months. The {R} and {P} stay those of lag 0. Choosing the best of "
                        "several lags inflates r and its significance, so no p is given for it: for "
                        "a conservative test, multiply the p of that lag by the number of lags tried, "
                        "{MAX_LAG} + 1 (Bonferroni)."),
                self.tr("{EFFECTIVE_N}: yearly series that are autocorrelated hold fewer independent "
                        "years than n, and the plain t test then finds too many significant r. With "
                        "it, p comes from the t test with n<sub>eff</sub> - 2 degrees of freedom, "
                        "n<sub>eff</sub> = n (1 - r<sub>1</sub>r<sub>2</sub>) / (1 + "
                        "r<sub>1</sub>r<sub>2</sub>), r<sub>1</sub>, r<sub>2</sub> the lag-1 "
                        "autocorrelations of the two series (detrended first when {DETREND} is set) over their "
                        "common years (Bretherton et al. 1999, J. Climate 12:1990-2009, eq. 31); "
                        "n<sub>eff</sub> is kept within 3 to n (at least one degree of freedom, "
                        "never more years than there are)."),
                self.tr("{FDR}: with thousands of pixels tested, about {ALPHA} of them are "
                        "significant by chance. With it, a pixel is significant when its "
                        "Benjamini-Hochberg q-value, over the valid pixels of its season and depth "
                        "band (each root-zone band alone), is below the {ALPHA}, as in \"Sen's slope, Mann-Kendall\" "
                        "(Benjamini and Hochberg 1995). The {P} stays the p-value. The q-values "
                        "need every pixel's p at once: 4 bytes a pixel and band are kept in memory."),
                self.tr("The {TABLE}'s column significance names the rule that made a pixel "
                        "significant: 'p < 0.05', 'p (effective n) < 0.05', 'BH q < 0.05' or "
                        "'BH q (effective n) < 0.05' (with the {ALPHA} given).")]]

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
        self.add(QgsProcessingParameterBoolean(self.DETREND, self.tr("Remove each series' linear trend first"),
                                               False),
                 self.tr("Correlate the residuals about each series' least-squares line on the year."))
        self.add(QgsProcessingParameterNumber(self.MAX_LAG, self.tr("Largest lag of GPP after soil moisture "
                                                                    "(months)"),
                                              NumberType.Integer, 0, False, 0, MAX_LAG_LIMIT),
                 self.tr("0: no lag (the paper). Above 0: also the {R_BEST_LAG} and {BEST_LAG} over "
                         "lags 0 to this many months."))
        self.add(QgsProcessingParameterBoolean(self.EFFECTIVE_N, self.tr("p from the effective sample size "
                                                                         "(Bretherton et al. 1999)"), False),
                 self.tr("Take p from the t test with the effective number of years of two "
                         "autocorrelated series."))
        self.add(QgsProcessingParameterBoolean(self.FDR, self.tr("Control the false discovery rate "
                                                                 "(Benjamini-Hochberg)"), False),
                 self.tr("Judge significance in the {TABLE} by Benjamini-Hochberg q-values over the "
                         "pixels of each band."))
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
        self.add(QgsProcessingParameterRasterDestination(
            self.R_BEST_LAG, self.tr("Pearson r at the best lag"), optional=True, createByDefault=False),
            self.tr("GeoTIFF, 16 bands labelled as the {R}: the largest r over the lags 0 to the "
                    "{MAX_LAG} (made, as a temporary file if left empty, when the {MAX_LAG} is above 0)."))
        self.add(QgsProcessingParameterRasterDestination(
            self.BEST_LAG, self.tr("Best lag (months)"), optional=True, createByDefault=False),
            self.tr("GeoTIFF, 16 bands labelled as the {R}: the lag in months (GPP after soil "
                    "moisture) of the {R_BEST_LAG} (made when the {MAX_LAG} is above 0)."))
        self.add(QgsProcessingParameterRasterDestination(
            self.R_NOT_DETRENDED, self.tr("Pearson r not detrended"), optional=True, createByDefault=False),
            self.tr("GeoTIFF, 16 bands labelled as the {R}: with {DETREND} on, the r of the same "
                    "series without detrending (the paper's r; made, as a temporary file if left "
                    "empty, when {DETREND} is on)."))
        self.add(QgsProcessingParameterRasterDestination(
            self.P_NOT_DETRENDED, self.tr("p-value not detrended"), optional=True, createByDefault=False),
            self.tr("GeoTIFF, 16 bands labelled as the {R}: the two-sided p-value of each r of the "
                    "{R_NOT_DETRENDED}, by the same test as the {P} (made when {DETREND} is on)."))
        self.add(QgsProcessingParameterFileDestination(self.TABLE, self.tr("Correlation table"),
                                                       self.tr("CSV files (*.csv)")),
                 self.tr("CSV, one row per ecosystem (Global, Forests, Shrublands, Grasslands, "
                         "Croplands), season and depth (the four layers, then the root zone "
                         "'10-100 cm'): ecosystem, season, depth, pixels, mean_r, mean_p, "
                         "significant_pixels, percent_significant (percent), significance (which rule "
                         "made a pixel significant, as the help says)."))

    def compute(self, parameters, context, feedback):
        inputs = self.layer_inputs(parameters, context)
        outputs = {"r": self.output_raster(parameters, self.R, context),
                   "p": self.output_raster(parameters, self.P, context),
                   "table": self.output_file(parameters, self.TABLE, context, ".csv")}
        max_lag = self.parameterAsInt(parameters, self.MAX_LAG, context)
        detrend = self.parameterAsBool(parameters, self.DETREND, context)
        made = {self.MAX_LAG: max_lag > 0, self.DETREND: detrend}
        optional = (self.R_ROOT_ZONE, self.P_ROOT_ZONE) + tuple(self.MADE_BY)
        for name in optional:
            if parameters.get(name) or made.get(self.MADE_BY.get(name)):
                outputs[self.OUTPUT_KEYS[name]] = self.output_raster(parameters, name, context)
        codes = None if self.unset(parameters, self.SEASON_CODES) else self.raster_path(parameters, self.SEASON_CODES, context)
        run_correlation(inputs, codes,
                        self.raster_path(parameters, self.GPP, context),
                        self.raster_path(parameters, self.ECOSYSTEMS, context), outputs,
                        *self.years(parameters), self.parameterAsDouble(parameters, self.ALPHA, context),
                        progress=self.progress(feedback), log=self.log(feedback),
                        detrend=detrend, max_lag=max_lag,
                        effective_n=self.parameterAsBool(parameters, self.EFFECTIVE_N, context),
                        fdr=self.parameterAsBool(parameters, self.FDR, context))
        period = self.period_of(outputs["r"], self.R)
        feedback.pushInfo(self.tr("Correlated seasonal soil moisture with GPP over %s") % period)
        results = {self.R: outputs["r"], self.P: outputs["p"], self.TABLE: outputs["table"]}
        for name in optional:
            path = outputs.get(self.OUTPUT_KEYS[name])
            if path and os.path.exists(path):  # not written with per-layer ranking, without a lag or DETREND
                results[name] = path
        for name, path in results.items():
            if name != self.TABLE:
                self.style_on_load(context, path, period)
        return results
