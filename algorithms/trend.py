"""tsmv:trend - Sen's slope and Mann-Kendall test (Li et al. 2025, section 2.2)."""
from qgis.core import (QgsProcessingParameterBoolean, QgsProcessingParameterEnum,
                       QgsProcessingParameterFileDestination, QgsProcessingParameterNumber,
                       QgsProcessingParameterRasterDestination, QgsProcessingParameterRasterLayer)

from ..processing_provider.base import TsmvAlgorithm
from ..processing_provider.compat import NumberType
from ..tsmv_qgis.labels import SEASONS
from ..tsmv_qgis.trend import AGGREGATES, METHODS, run_trend


class Trend(TsmvAlgorithm):
    NAME = "trend"
    DISPLAY_NAME = "Sen's slope and Mann-Kendall trend"
    HELP = (
        "Per pixel, the Theil-Sen slope (units per year) and the Mann-Kendall trend test of a "
        "labelled stack: yearly (bands YYYY, e.g. ANNUAL_TSM), seasonal (bands 'YYYY H-S'; pick "
        "SEASON) or monthly (bands YYYY-MM, aggregated to years by AGGREGATE; a year with a "
        "missing month is missing).\n\n"
        "METHOD 0 (default) is the original Mann-Kendall test exactly as pymannkendall's "
        "original_test: S over pairs of valid years (missing years skipped), tie-corrected "
        "variance, continuity correction, normal approximation, two-sided p = 2(1 - Phi(|z|)), "
        "tau = S / (n(n-1)/2). Sen's slope is the exact median over pairs of valid years of the "
        "difference divided by their distance in years (found by counting rather than sorting: "
        "the same number, faster). Missing years are nodata (NaN; infinite values count as "
        "missing too). METHODS 1-4 (Hamed-Rao, Yue-Wang, "
        "pre-whitening, trend-free pre-whitening) call pymannkendall for each pixel and are "
        "hundreds of times slower; use them on regions or for checks.\n\n"
        "Choices made for you:\n"
        "- intercept is the Sen line's value at START_YEAR (Conover): line = intercept + "
        "slope x (year - START_YEAR).\n"
        "- SEASON is for seasonal stacks only: set with a yearly or monthly stack, it is refused.\n"
        "- A pixel with fewer than MIN_YEARS valid years is NaN in every band. A constant series "
        "has slope 0, S 0, z 0, p 1 (as pymannkendall).\n"
        "- trend is -1 (significant decrease), 0 (none) or +1 (significant increase): significant "
        "when |z| > z(1 - ALPHA/2), i.e. p < ALPHA; with FDR, when the Benjamini-Hochberg q-value "
        "over all valid pixels of the output is <= ALPHA (band q_value).\n\n"
        "SUMMARY (CSV, one row) gives, as in section 3.1, the number of pixels, the area-weighted "
        "(cos latitude) and unweighted mean slope, and the percent of area decreasing, "
        "increasing, significantly decreasing/increasing, and decreasing/increasing faster than "
        "THRESHOLD per year. The output is styled by slope; its p-value (break at ALPHA) and "
        "trend-class styles are offered as alternative layer styles (and as .p_value.qml, "
        ".trend.qml files).")

    INPUT = "INPUT"
    SEASON = "SEASON"
    AGGREGATE = "AGGREGATE"
    ALPHA = "ALPHA"
    METHOD = "METHOD"
    FDR = "FDR"
    MIN_YEARS = "MIN_YEARS"
    THRESHOLD = "THRESHOLD"
    OUTPUT = "OUTPUT"
    SUMMARY = "SUMMARY"

    def initAlgorithm(self, config=None):  # noqa: N802
        self.add(QgsProcessingParameterRasterLayer(self.INPUT, self.tr("Stack")),
                 "A labelled stack: yearly (YYYY), seasonal (YYYY H-S) or monthly (YYYY-MM).")
        self.add(QgsProcessingParameterEnum(self.SEASON, self.tr("Season (seasonal stacks)"),
                                            list(SEASONS), optional=True),
                 "For a seasonal stack: the season whose series is tested.")
        self.add(QgsProcessingParameterEnum(self.AGGREGATE, self.tr("Aggregate months to years"),
                                            ["Annual mean", "Annual minimum", "Annual maximum"],
                                            defaultValue=0),
                 "For a monthly stack: how the 12 months of a year make its value.")
        self.add_years("First year of the period. Empty: the first year of the stack.",
                       "Last year of the period. Empty: the last year of the stack.")
        self.add(QgsProcessingParameterNumber(self.ALPHA, self.tr("Significance level"),
                                              NumberType.Double, 0.05, False,
                                              0.0001, 0.5),
                 "Two-sided significance level of the test.")
        self.add(QgsProcessingParameterEnum(self.METHOD, self.tr("Mann-Kendall variant"),
                                            ["Original (fast)", "Hamed-Rao (slow)", "Yue-Wang (slow)",
                                             "Pre-whitening (slow)",
                                             "Trend-free pre-whitening (slow)"], defaultValue=0),
                 "0 original test (vectorised); 1-4 pymannkendall's modified tests for "
                 "autocorrelated series, run pixel by pixel.")
        self.add(QgsProcessingParameterBoolean(self.FDR, self.tr("Benjamini-Hochberg FDR"), False),
                 "Judge significance by Benjamini-Hochberg q-values over all valid pixels.")
        self.add(QgsProcessingParameterNumber(self.MIN_YEARS, self.tr("Minimum valid years"),
                                              NumberType.Integer, 8, False, 3),
                 "Pixels with fewer valid years are NaN.")
        self.add(QgsProcessingParameterNumber(self.THRESHOLD, self.tr("Fast-change threshold (per year)"),
                                              NumberType.Double, 2.0, False, 0.0),
                 "SUMMARY reports the area changing faster than this many units per year.")
        self.add(QgsProcessingParameterRasterDestination(self.OUTPUT, self.tr("Trend")),
                 "Bands slope, intercept, p_value, z, tau, s, trend (and q_value with FDR).")
        self.add(QgsProcessingParameterFileDestination(self.SUMMARY, self.tr("Trend summary"),
                                                       "CSV files (*.csv)", optional=True),
                 "CSV with the area shares of decreasing/increasing pixels (section 3.1).")

    def compute(self, parameters, context, feedback):
        season = parameters.get(self.SEASON)
        output = self.output_raster(parameters, self.OUTPUT, context)
        summary = self.parameterAsFileOutput(parameters, self.SUMMARY, context) or None
        result = run_trend(
            self.raster_path(parameters, self.INPUT, context), output, summary,
            season=None if season in (None, "") else self.parameterAsEnum(parameters, self.SEASON, context),
            aggregate=AGGREGATES[self.parameterAsEnum(parameters, self.AGGREGATE, context)],
            start_year=self.years(parameters)[0], end_year=self.years(parameters)[1],
            alpha=self.parameterAsDouble(parameters, self.ALPHA, context),
            method=METHODS[self.parameterAsEnum(parameters, self.METHOD, context)],
            fdr=self.parameterAsBool(parameters, self.FDR, context),
            min_years=self.parameterAsInt(parameters, self.MIN_YEARS, context),
            threshold=self.parameterAsDouble(parameters, self.THRESHOLD, context),
            progress=self.progress(feedback), log=self.log(feedback))
        v = result.values
        feedback.pushInfo("%d-%d: %d pixels, mean slope %.4g per year (area-weighted); "
                          "%.1f%% of area decreasing (%.1f%% significantly), %.1f%% faster than %g"
                          % (v["start_year"], v["end_year"], v["pixels"], v["mean_slope"],
                             v["percent_decreasing"], v["percent_significant_decreasing"],
                             v["percent_decreasing_faster_than_threshold"], v["threshold"]))
        self.style_on_load(context, output)
        return {self.OUTPUT: output, self.SUMMARY: summary}
