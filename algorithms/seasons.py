"""tsmv:seasons - Classify wetness seasons (Li et al. 2025, section 2.1)."""
from qgis.core import QgsProcessingParameterEnum, QgsProcessingParameterRasterDestination

from ..processing_provider.base import QT_TRANSLATE_NOOP, TsmvAlgorithm
from ..tsmv_qgis.labels import LAYER_KEYS, LAYER_LABELS
from ..tsmv_qgis.seasons import run_seasons


class Seasons(TsmvAlgorithm):
    NAME = "seasons"
    DISPLAY_NAME = QT_TRANSLATE_NOOP("Seasons", "Classify wetness seasons")

    RANK_BY = "RANK_BY"

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
        self.add_layer_inputs(self.tr("Soil moisture %s cm (monthly)"),
                              self.tr("Monthly stack (bands YYYY-MM, kg m-2) of the %s cm layer, "
                                      "quality-controlled (e.g. by 'Remove non-physical soil "
                                      "moisture')."))
        self.add(QgsProcessingParameterEnum(self.RANK_BY, self.tr("Rank months by"),
                                            [self.tr("Total profile (sum of the four layers)"),
                                             self.tr("Each layer on its own")], defaultValue=0),
                 self.tr("Which soil moisture decides the month order of each pixel-year."))
        self.add(QgsProcessingParameterRasterDestination("SEASON_CODES", self.tr("Season codes")),
                 self.tr("GeoTIFF, one band per month labelled YYYY-MM: the season code of the "
                         "month from the total profile (1 H-S, 2 SH-S, 3 SA-S, 4 A-S)."))
        self.add(QgsProcessingParameterRasterDestination(
            "SEASON_CODES_LAYERS", self.tr("Season codes of each layer"), optional=True,
            createByDefault=False),
            self.tr("Only with {RANK_BY} set to 'Each layer on its own' (otherwise not written): "
                    "GeoTIFF with the season codes (1-4) of every layer, bands 'YYYY-MM 0-10 cm' ... "
                    "'YYYY-MM 100-200 cm', layer by layer."))
        for key, label in zip(LAYER_KEYS, LAYER_LABELS):
            self.add(QgsProcessingParameterRasterDestination(
                "SEASONAL_" + key, self.tr("Seasonal soil moisture %s cm") % label),
                self.tr("GeoTIFF, kg m-2: the mean of the %s cm layer over each season's three "
                        "months, bands 'YYYY H-S', 'YYYY SH-S', 'YYYY SA-S', 'YYYY A-S' year by "
                        "year.") % label)
        self.add(QgsProcessingParameterRasterDestination("ANNUAL_TSM",
                                                         self.tr("Annual total soil moisture")),
                 self.tr("GeoTIFF, kg m-2, one band per year labelled YYYY: the sum over the four "
                         "layers of the annual mean."))

    def compute(self, parameters, context, feedback):
        inputs = self.layer_inputs(parameters, context)
        rank_by = ("total", "layer")[self.parameterAsEnum(parameters, self.RANK_BY, context)]
        names = ["SEASON_CODES", "ANNUAL_TSM"] + ["SEASONAL_" + k for k in LAYER_KEYS]
        if rank_by == "layer" and parameters.get("SEASON_CODES_LAYERS"):
            names.append("SEASON_CODES_LAYERS")
        paths = {name: self.output_raster(parameters, name, context) for name in names}
        outputs = {"codes": paths["SEASON_CODES"], "annual_tsm": paths["ANNUAL_TSM"],
                   "codes_layers": paths.get("SEASON_CODES_LAYERS")}
        outputs.update({"seasonal_" + k: paths["SEASONAL_" + k] for k in LAYER_KEYS})
        result = run_seasons(inputs, outputs, rank_by, progress=self.progress(feedback),
                             log=self.log(feedback))
        feedback.pushInfo(self.tr("Seasons of %d years (%d-%d) for %d pixels with data")
                          % (len(result.years), result.years[0], result.years[-1],
                             result.pixels_valid))
        for path in paths.values():
            self.style_on_load(context, path, "%d-%d" % (result.years[0], result.years[-1]))
        return paths
