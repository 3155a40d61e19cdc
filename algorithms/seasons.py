"""tsmv:seasons - Classify wetness seasons (Li et al. 2025, section 2.1)."""
from ..processing_provider.base import QT_TRANSLATE_NOOP, TsmvAlgorithm
from ..tsmv_qgis.steps.seasons import run_seasons


class Seasons(TsmvAlgorithm):
    NAME = "seasons"
    DISPLAY_NAME = QT_TRANSLATE_NOOP("Seasons", "4 Classify wetness seasons")

    def names(self):
        return dict(super().names(), **self.season_names("outputs"))

    def help_blocks(self):
        return [
            self.tr("For every pixel and calendar year, ranks the 12 months by soil moisture, "
                    "wettest first: ranks 1-3 are the humid season H-S (code 1), 4-6 sub-humid SH-S "
                    "(2), 7-9 semi-arid SA-S (3), 10-12 arid A-S (4). Seasons therefore differ from "
                    "pixel to pixel and year to year, as in Li et al. (2025)."),
            self.tr("With {RANK_BY} set to 'Total profile (sum of the four layers)' (the default), "
                    "the months are ranked by the sum of the four layers and those seasons are used "
                    "for every layer. With 'Each layer on its own', every layer is ranked on its own "
                    "month order, so the seasonal soil moisture of a layer averages that layer's own "
                    "wettest, ..., driest months; {SEASON_CODES} still holds the total-profile codes "
                    "and {SEASON_CODES_LAYERS} the per-layer codes (bands 'YYYY-MM 0-10 cm')."),
            self.tr("Choices made for you:"), [
                self.tr("Ties go to the earlier month as the wetter."),
                self.tr("A pixel-year with a missing month in any layer is NaN in every output."),
                self.tr("Years without all 12 months in the inputs are left out (the log lists them)."),
                self.tr("Sums and means are taken in double precision; a result beyond the float32 "
                        "range of the outputs is written as NaN, with a warning.")],
            self.tr("Outputs:"), [
                self.tr("{SEASON_CODES}: bands YYYY-MM, values 1-4."),
                self.tr("{SEASONAL_0_10} ... {SEASONAL_100_200}: SM of season s in year t, the mean "
                        "of the layer over the season's three months, in kg m-2, bands 'YYYY H-S', "
                        "'YYYY SH-S', 'YYYY SA-S', 'YYYY A-S' year by year."),
                self.tr("{ANNUAL_TSM}: total soil moisture, the sum over layers of the annual mean, "
                        "in kg m-2, bands YYYY.")],
            self.tr("The four seasonal means of a layer average to its annual mean.")]

    def declare(self):
        self.add_layer_inputs(self.tr("Monthly soil moisture %s cm"),
                              self.tr("Monthly stack (bands YYYY-MM, kg m-2) of the %s cm layer, "
                                      "quality-controlled (e.g. by 'Remove non-physical "
                                      "values')."))
        self.add_seasons()

    def compute(self, parameters, context, feedback):
        rank_by, paths = self.seasons_asked(parameters, context)
        result = run_seasons(self.layer_inputs(parameters, context), self.season_paths(paths), rank_by,
                             progress=self.progress(feedback), log=self.log(feedback))
        self.report_seasons(context, feedback, result, paths)
        return paths
