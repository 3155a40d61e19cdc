"""tsmv:changepoint - Pettitt's change-point test (beyond the paper)."""
from qgis.core import (QgsProcessingParameterEnum, QgsProcessingParameterFileDestination, QgsProcessingParameterNumber,
                       QgsProcessingParameterRasterDestination, QgsProcessingParameterRasterLayer)

from ..processing_provider.base import QT_TRANSLATE_NOOP, TsmvAlgorithm
from ..processing_provider.compat import NumberType
from ..tsmv_qgis.labels import SEASONS
from ..tsmv_qgis.steps.changepoint import MIN_YEARS, changepoint_bands, run_changepoint


class Changepoint(TsmvAlgorithm):
    NAME = "changepoint"
    DISPLAY_NAME = QT_TRANSLATE_NOOP("Changepoint", "5b Find change points")
    TAGS = ("Pettitt", "change point", "breakpoint", "homogeneity", "abrupt change")

    INPUT = "INPUT"
    SEASON = "SEASON"
    ALPHA = "ALPHA"
    OUTPUT = "OUTPUT"
    SUMMARY = "SUMMARY"
    NAMES = {"source": INPUT, "season": SEASON, "alpha": ALPHA, "output": OUTPUT, "summary": SUMMARY}

    def help_blocks(self):
        return [
            self.tr("Per pixel, Pettitt's test for one abrupt change in a series (Pettitt 1979, A "
                    "non-parametric approach to the change-point problem, Applied Statistics "
                    "28:126-135): the year after which the values shift up or down as a whole, "
                    "how strong the evidence is, and by how much they shift. It is a rank test: it "
                    "needs no normal distribution and a single outlier moves it little, but it "
                    "finds one change only, and a steady trend also gives a change point near the "
                    "middle of the period; read it beside tsmv:trend."),
            self.tr("The input is a labelled stack as for tsmv:trend: yearly (bands YYYY, e.g. the "
                    "annual total soil moisture of 'Classify wetness seasons'), seasonal (bands "
                    "'YYYY H-S'; choose the {SEASON}) or monthly (bands YYYY-MM, made into years by "
                    "their annual mean; a year with a missing month is missing)."),
            self.tr("The test is exactly pyhomogeneity's pettitt_test with sim=None (its asymptotic "
                    "p-value; with its default of 20000 Monte Carlo simulations pyhomogeneity gives a "
                    "random p-value instead): with r<sub>i</sub> the ranks of the n valid values "
                    "(average ranks for ties), U<sub>t</sub> = 2(r<sub>1</sub> + … + r<sub>t</sub>) "
                    "− t(n + 1) for t = 1 … n − 1, K = max |U<sub>t</sub>|, and the change point "
                    "is the first t where |U<sub>t</sub>| = K: the t-th valid year is the last "
                    "before the change. p = 2 exp(−6K² / (n³ + n²)), Pettitt's approximation, "
                    "capped at 1 (pyhomogeneity and R's trend::pettitt.test leave it above 1 "
                    "when K is small)."),
            self.tr("Choices made for you:"), [
                self.tr("Missing years (NaN, or infinite) are left out and the test runs on the "
                        "valid years in order; the band year is the valid year after which the "
                        "change falls, so a change across a gap is dated to the last valid year "
                        "before it."),
                self.tr("A pixel with fewer than %d valid years (as the default minimum of "
                        "tsmv:trend), and a constant series (K = 0: no split is better than any "
                        "other), are NaN in every band.") % MIN_YEARS,
                self.tr("The band shift is the median of the valid values after the change minus "
                        "the median of those up to it, in the input's units (pyhomogeneity reports "
                        "the two means instead)."),
                self.tr("Significant means p < α, α the {ALPHA}."),
                self.tr("{SEASON} is for seasonal stacks only: set with a yearly or monthly stack, "
                        "it is refused."),
                self.tr("GLDAS V2.0 (1948-1999) and V2.1 (2000 on) differ in forcing and model "
                        "version. In a period that spans both, a cluster of change points at 1999 "
                        "(the last V2.0 year) points to the product change rather than to a change "
                        "in soil moisture; the log warns when the period mixes the versions (read "
                        "from the stack's band metadata GLDAS_VERSION, written by the import). Li "
                        "et al. (2025) split the record at 2000 for this reason."),
                self.tr("The log says how many pixels were tested and why the others were not; the "
                        "output records it too (metadata TSMV_COVERAGE).")],
            self.tr("The {OUTPUT} is styled by year (a sequential ramp); its p-value (break at "
                    "α) and shift (diverging about 0) styles are offered as alternative layer "
                    "styles (and as .p_value.qml, .shift.qml files). The {SUMMARY} gives, for each "
                    "year, the area-weighted (cos latitude) share of the tested pixels whose "
                    "significant change point falls after that year.")]

    def declare(self):
        self.add(QgsProcessingParameterRasterLayer(self.INPUT, self.tr("Annual total soil moisture (or any labelled stack)")),
                 self.tr("A labelled stack: yearly (YYYY), seasonal (YYYY H-S) or monthly (YYYY-MM, "
                         "made into annual means)."))
        self.add(QgsProcessingParameterEnum(self.SEASON, self.tr("Season (seasonal stacks)"),
                                            list(SEASONS), optional=True),
                 self.tr("For a seasonal stack: the season whose series is tested."))
        self.add_years(self.tr("First year of the period. Empty: the first year of the stack."),
                       self.tr("Last year of the period. Empty: the last year of the stack."))
        self.add(QgsProcessingParameterNumber(self.ALPHA, self.tr("Significance level"),
                                              NumberType.Double, 0.05, False, 0.0001, 0.5),
                 self.tr("Significance level alpha of the test: a change point is significant when "
                         "p is below alpha."))
        self.add(QgsProcessingParameterRasterDestination(self.OUTPUT, self.tr("Change points")),
                 self.tr("GeoTIFF, bands %s (year: the last year before the change; shift in the "
                         "input's units).") % changepoint_bands().listed())
        self.add(QgsProcessingParameterFileDestination(self.SUMMARY, self.tr("Change points by year"),
                                                       self.tr("CSV files (*.csv)"), optional=True),
                 self.tr("CSV, one row per year of the period but its last: year (the last year "
                         "before the change), pixels (pixels with a significant change point after "
                         "that year), percent_of_valid_area (their area-weighted share of the "
                         "tested pixels, percent)."))

    def compute(self, parameters, context, feedback):
        output = self.output_raster(parameters, self.OUTPUT, context)
        summary = self.parameterAsFileOutput(parameters, self.SUMMARY, context) or None
        result = run_changepoint(
            self.raster_path(parameters, self.INPUT, context), output, summary,
            season=None if self.unset(parameters, self.SEASON) else self.parameterAsEnum(parameters, self.SEASON,
                                                                                          context),
            start_year=self.years(parameters)[0], end_year=self.years(parameters)[1],
            alpha=self.parameterAsDouble(parameters, self.ALPHA, context),
            progress=self.progress(feedback), log=self.log(feedback))
        feedback.pushInfo(self.tr("%d-%d: %d pixels tested; %d (%.1f%% of their area) have a change point "
                                  "with p < %g")
                          % (result.start_year, result.end_year, result.pixels, result.pixels_significant,
                             result.percent_significant, result.alpha))
        common = result.most_common()
        if common:
            feedback.pushInfo(self.tr("Most often after %d: %.1f%% of the tested area") % (common[0], common[2]))
        self.style_on_load(context, output, "%d-%d" % (result.start_year, result.end_year))
        return {self.OUTPUT: output, self.SUMMARY: summary}
