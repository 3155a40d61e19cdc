"""tsmv:trend - Sen's slope and Mann-Kendall test (Li et al. 2025, section 2.2)."""
from qgis.core import (QgsProcessingParameterBoolean, QgsProcessingParameterEnum,
                       QgsProcessingParameterFileDestination, QgsProcessingParameterNumber,
                       QgsProcessingParameterRasterDestination, QgsProcessingParameterRasterLayer)

from ..processing_provider.base import QT_TRANSLATE_NOOP, TsmvAlgorithm
from ..processing_provider.compat import NumberType
from ..tsmv_qgis.labels import SEASONS
from ..tsmv_qgis.steps.trend import AGGREGATES, INTERVAL_BANDS, METHODS, run_trend, trend_bands


class Trend(TsmvAlgorithm):
    NAME = "trend"
    DISPLAY_NAME = QT_TRANSLATE_NOOP("Trend", "5 Sen's slope, Mann-Kendall")
    TAGS = ("Mann-Kendall", "Theil-Sen", "Sen's slope", "trend")

    INPUT = "INPUT"
    SEASON = "SEASON"
    AGGREGATE = "AGGREGATE"
    ALPHA = "ALPHA"
    METHOD = "METHOD"
    FDR = "FDR"
    MIN_YEARS = "MIN_YEARS"
    THRESHOLD = "THRESHOLD"
    CONFIDENCE = "CONFIDENCE"
    OUTPUT = "OUTPUT"
    SUMMARY = "SUMMARY"
    NAMES = {"source": INPUT, "season": SEASON, "aggregate": AGGREGATE, "alpha": ALPHA, "method": METHOD,
             "fdr": FDR, "min_years": MIN_YEARS, "threshold": THRESHOLD, "confidence": CONFIDENCE,
             "output": OUTPUT, "summary": SUMMARY}

    def help_blocks(self):
        return [
            self.tr("Per pixel, the Theil-Sen slope (units per year) and the Mann-Kendall trend "
                    "test of a labelled stack: yearly (bands YYYY, e.g. the annual total soil "
                    "moisture of 'Classify wetness seasons'), seasonal (bands 'YYYY H-S'; choose "
                    "the {SEASON}) or monthly (bands YYYY-MM, made into years as {AGGREGATE} says; "
                    "a year with a missing month is missing; with the seasonal Kendall {METHOD} the "
                    "months themselves)."),
            self.tr("The original test (the default {METHOD}) is exactly pymannkendall's "
                    "original_test: S over pairs of valid years (missing years skipped), "
                    "tie-corrected variance, continuity correction, normal approximation, two-sided "
                    "p = 2(1 − Φ(|z|)), τ = S / (n(n − 1)/2). Sen's slope is the exact median "
                    "over pairs of valid years of the difference divided by their distance in years "
                    "(found by counting rather than sorting: the same number, faster). Missing "
                    "years are nodata (NaN; infinite values count as missing too)."),
            self.tr("For autocorrelated series, the four modified tests of {METHOD} (vectorised, "
                    "about as fast as the original) equal pymannkendall's: Hamed-Rao (1998) multiplies Var(S) "
                    "by 1 + 2/(n(n−1)(n−2)) Σ (n−i)(n−i−1)(n−i−2) r<sub>i</sub> over the lags i "
                    "whose autocorrelation r<sub>i</sub> of the ranks of the series detrended by "
                    "Sen's slope is significant at the {ALPHA}; Yue-Wang (2004) by "
                    "1 + 2 Σ (1 − i/n) r<sub>i</sub>, r of the detrended series, all lags; "
                    "pre-whitening (Yue and Wang 2002) tests x<sub>t</sub> − r<sub>1</sub> "
                    "x<sub>t−1</sub> (n − 1 values: S, τ and Var(S) are theirs); trend-free "
                    "pre-whitening (Yue et al. 2002) removes Sen's trend, pre-whitens and puts the "
                    "trend back. Slope and intercept are Sen's of the series, as for the original "
                    "test. Where pymannkendall 1.4.3 is wrong, TSMV follows the fixes of "
                    "pymannkendall's master branch (unreleased in 1.4.3): issue #29, Hamed-Rao uses "
                    "the absolute value of the sum, so its Var(S) is never below the uncorrected one "
                    "(1.4.3 lets negative autocorrelation shrink it, and can make it negative: z and "
                    "p NaN); issue #32, the autocorrelation of a constant series is 0, not 0/0. With "
                    "missing years, as pymannkendall, the modified tests use the valid years in "
                    "order as if consecutive (the autocorrelation, the pre-whitening and the "
                    "detrending count valid years); Sen's slope uses the real years."),
            self.tr("The seasonal Kendall test ({METHOD} 5, Hirsch, Slack and Smith 1982) needs a "
                    "monthly stack (other stacks are refused) and then ignores {AGGREGATE}: it "
                    "tests each calendar month's series over the years and adds them up, so a "
                    "seasonal cycle does not hide a trend and no months are averaged away. It "
                    "equals pymannkendall's seasonal_test(x, period=12): S and Var(S) are the sums "
                    "of the 12 months' S and tie-corrected Var(S) (each month's valid years), "
                    "τ = S / the sum of the months' pairs; the slope (per year) is the median of the "
                    "pairwise slopes within each month pooled over the months (the seasonal Sen "
                    "slope) and the intercept the line's value at January of the first year. A "
                    "pixel counts its valid years as the years with at least one valid month; "
                    "missing months are skipped."),
            self.tr("Choices made for you:"), [
                self.tr("The intercept is the Sen line's value at the first year of the period "
                        "(Conover): line = intercept + slope × (year − first year)."),
                self.tr("{SEASON} is for seasonal stacks only: set with a yearly or monthly stack, "
                        "it is refused."),
                self.tr("A pixel with fewer valid years than {MIN_YEARS} is NaN in every band. A "
                        "constant series has slope 0, S 0, z 0, p 1 in every {METHOD} (as "
                        "pymannkendall's original test)."),
                self.tr("The band trend is -1 (significant decrease), 0 (none) or +1 (significant "
                        "increase). Significant means |z| > z<sub>1−α/2</sub>, i.e. p < α, with "
                        "α the {ALPHA}; with {FDR}, the Benjamini-Hochberg q-value over all "
                        "valid pixels of the output must be ≤ α (band q_value)."),
                self.tr("The bands slope_lower and slope_upper bound Sen's slope with the "
                        "{CONFIDENCE} (default 0.95; 0 leaves them out): a pixel whose interval "
                        "excludes 0 has a trend of known sign at that confidence, and its width says "
                        "how well the rate is known. They are the ordered pairwise slopes of ranks "
                        "(N′ − C)/2 and (N′ + C)/2 + 1, N′ the number of pairs of valid years and "
                        "C = z<sub>1−(1−confidence)/2</sub> · √Var(S) with the Var(S) of the "
                        "{METHOD} (Gilbert 1987, Statistical Methods for Environmental Pollution "
                        "Monitoring, section 16.5; for the seasonal Kendall test the N′ pairwise "
                        "slopes within the months and the sum of the months' Var(S), section "
                        "17.3.3). The ranks are rounded to whole numbers as R's "
                        "trend::sens.slope rounds them (halves to even); where they fall outside "
                        "1..N′ (few years, high confidence) both bands are NaN."),
                self.tr("The log says how many pixels have a trend and why the others have none (no "
                        "data in the period, fewer valid years than {MIN_YEARS}); the output records "
                        "it too (metadata TSMV_COVERAGE)."),
                self.tr("A period whose bands come from both GLDAS V2.0 (before 2000) and V2.1 (from "
                        "2000) gets a warning: the two differ in forcing and model version, so a "
                        "trend across the change may partly be the change itself. Li et al. (2025) "
                        "split the record at 2000 for this reason. The versions are read from the "
                        "stack's band metadata (GLDAS_VERSION, written by the import).")],
            self.tr("The {SUMMARY} (CSV, one row) gives, as in section 3.1 of the paper, the "
                    "number of pixels, the area-weighted (cos latitude) and unweighted mean slope, "
                    "and the percent of area decreasing, increasing, significantly "
                    "decreasing/increasing, and decreasing/increasing faster than the "
                    "{THRESHOLD}. The {OUTPUT} is styled by slope; its p-value (break at α) "
                    "and trend-class styles are offered as alternative layer styles (and as "
                    ".p_value.qml, .trend.qml files).")]

    def declare(self):
        self.add(QgsProcessingParameterRasterLayer(self.INPUT, self.tr("Annual total soil moisture (or any labelled stack)")),
                 self.tr("A labelled stack: yearly (YYYY), seasonal (YYYY H-S) or monthly (YYYY-MM)."))
        self.add(QgsProcessingParameterEnum(self.SEASON, self.tr("Season (seasonal stacks)"),
                                            list(SEASONS), optional=True),
                 self.tr("For a seasonal stack: the season whose series is tested."))
        self.add(QgsProcessingParameterEnum(self.AGGREGATE, self.tr("Aggregate months to years"),
                                            [self.tr("Annual mean"), self.tr("Annual minimum"),
                                             self.tr("Annual maximum")], defaultValue=0),
                 self.tr("For a monthly stack: how the 12 months of a year make its value (not used "
                         "by the seasonal Kendall {METHOD})."))
        self.add_years(self.tr("First year of the period. Empty: the first year of the stack."),
                       self.tr("Last year of the period. Empty: the last year of the stack."))
        self.add(QgsProcessingParameterNumber(self.ALPHA, self.tr("Significance level"),
                                              NumberType.Double, 0.05, False,
                                              0.0001, 0.5),
                 self.tr("Two-sided significance level alpha of the test: significant when p is below alpha."))
        self.add(QgsProcessingParameterEnum(self.METHOD, self.tr("Mann-Kendall variant"),
                                            [self.tr("Original"), self.tr("Hamed-Rao"),
                                             self.tr("Yue-Wang"), self.tr("Pre-whitening"),
                                             self.tr("Trend-free pre-whitening"),
                                             self.tr("Seasonal Kendall (monthly stacks)")], defaultValue=0),
                 self.tr("Original: the test as in the paper. 1-4: pymannkendall's modified tests "
                         "for autocorrelated series. 5: the seasonal Kendall test of a monthly "
                         "stack (each month over the years; {AGGREGATE} is not used)."))
        self.add(QgsProcessingParameterBoolean(self.FDR, self.tr("Control the false discovery rate (Benjamini-Hochberg)"), False),
                 self.tr("Judge significance by Benjamini-Hochberg q-values over all valid pixels."))
        self.add(QgsProcessingParameterNumber(self.MIN_YEARS, self.tr("Minimum valid years"),
                                              NumberType.Integer, 8, False, 3, 9999),
                 self.tr("Pixels with fewer valid years are NaN."))
        self.add(QgsProcessingParameterNumber(self.THRESHOLD, self.tr("Fast-change threshold (per year)"),
                                              NumberType.Double, 2.0, False, 0.0),
                 self.tr("The {SUMMARY} reports the area changing faster than this, in the stack's "
                         "units per year (kg m-2 per year for soil moisture)."))
        self.add(QgsProcessingParameterNumber(self.CONFIDENCE, self.tr("Confidence of the slope interval"),
                                              NumberType.Double, 0.95, False, 0.0, 0.9999),
                 self.tr("Confidence level of the bands slope_lower and slope_upper (Gilbert 1987); "
                         "0: no interval bands."))
        self.add(QgsProcessingParameterRasterDestination(self.OUTPUT, self.tr("Trend")),
                 self.tr("GeoTIFF, bands %s, then %s unless {CONFIDENCE} is 0 (slope and its "
                         "interval in the input's units per year; q_value only with {FDR}).")
                 % (trend_bands(fdr=True).listed(), ", ".join(INTERVAL_BANDS)))
        self.add(QgsProcessingParameterFileDestination(self.SUMMARY, self.tr("Trend summary"),
                                                       self.tr("CSV files (*.csv)"), optional=True),
                 self.tr("CSV, one row with the settings and the area shares of decreasing and "
                         "increasing pixels (section 3.1): start_year, end_year, method, alpha, fdr, "
                         "pixels, mean_slope (area-weighted, units per year), mean_slope_unweighted, "
                         "percent_decreasing (percent of the valid area, area-weighted), "
                         "percent_increasing, percent_significant_decreasing, "
                         "percent_significant_increasing, percent_decreasing_faster_than_threshold, "
                         "percent_increasing_faster_than_threshold, threshold (units per year)."))

    def compute(self, parameters, context, feedback):
        output = self.output_raster(parameters, self.OUTPUT, context)
        summary = self.parameterAsFileOutput(parameters, self.SUMMARY, context) or None
        result = run_trend(
            self.raster_path(parameters, self.INPUT, context), output, summary,
            season=None if self.unset(parameters, self.SEASON) else self.parameterAsEnum(parameters, self.SEASON,
                                                                                          context),
            aggregate=AGGREGATES[self.parameterAsEnum(parameters, self.AGGREGATE, context)],
            start_year=self.years(parameters)[0], end_year=self.years(parameters)[1],
            alpha=self.parameterAsDouble(parameters, self.ALPHA, context),
            method=METHODS[self.parameterAsEnum(parameters, self.METHOD, context)],
            fdr=self.parameterAsBool(parameters, self.FDR, context),
            min_years=self.parameterAsInt(parameters, self.MIN_YEARS, context),
            threshold=self.parameterAsDouble(parameters, self.THRESHOLD, context),
            confidence=self.parameterAsDouble(parameters, self.CONFIDENCE, context),
            progress=self.progress(feedback), log=self.log(feedback))
        feedback.pushInfo(self.tr(
            "%d-%d: %d pixels, mean slope %.4g %s (area-weighted); %.1f%% of area decreasing "
            "(%.1f%% significantly), %.1f%% decreasing faster than %g %s")
            % (result.start_year, result.end_year, result.pixels, result.mean_slope, result.units,
               result.percent_decreasing, result.percent_significant_decreasing,
               result.percent_decreasing_faster_than_threshold, result.threshold, result.units))
        self.style_on_load(context, output, "%d-%d" % (result.start_year, result.end_year))
        return {self.OUTPUT: output, self.SUMMARY: summary}
