"""tsmv:seasons - Classify wetness seasons (Li et al. 2025, section 2.1)."""
from qgis.core import QgsProcessingParameterEnum, QgsProcessingParameterRasterDestination

from ..processing_provider.base import TsmvAlgorithm
from ..tsmv_qgis.labels import LAYER_KEYS, LAYER_LABELS
from ..tsmv_qgis.seasons import run_seasons


class Seasons(TsmvAlgorithm):
    NAME = "seasons"
    DISPLAY_NAME = "Classify wetness seasons"
    HELP = (
        "For every pixel and calendar year, ranks the 12 months by soil moisture, wettest first: "
        "ranks 1-3 are the humid season H-S (code 1), 4-6 sub-humid SH-S (2), 7-9 semi-arid "
        "SA-S (3), 10-12 arid A-S (4). Seasons therefore differ from pixel to pixel and year to "
        "year, as in Li et al. (2025).\n\n"
        "RANK_BY 'total profile' (default) ranks the sum of the four layers and uses those seasons "
        "for every layer; 'each layer' ranks every layer on its own month order, so SEASONAL_* of a "
        "layer average that layer's own wettest, ..., driest months; SEASON_CODES still holds the "
        "total-profile codes and SEASON_CODES_LAYERS the per-layer codes (bands 'YYYY-MM 0-10 cm').\n\n"
        "Choices made for you:\n"
        "- Ties go to the earlier month as the wetter.\n"
        "- A pixel-year with a missing month in any layer is NaN in every output.\n"
        "- Years without all 12 months in the inputs are left out (the log lists them).\n"
        "- Sums and means are taken in double precision; a result beyond the float32 range of the "
        "outputs is written as NaN, with a warning.\n\n"
        "Outputs: SEASON_CODES (bands YYYY-MM, values 1-4), SEASONAL_0_10 ... SEASONAL_100_200 "
        "(SM of season s in year t: the mean of the layer over the season's three months, kg m-2, "
        "bands 'YYYY H-S', 'YYYY SH-S', 'YYYY SA-S', 'YYYY A-S' year by year), ANNUAL_TSM "
        "(total soil moisture: the sum over layers of the annual mean, kg m-2, bands YYYY). "
        "The four seasonal means of a layer average to its annual mean.")

    RANK_BY = "RANK_BY"

    def initAlgorithm(self, config=None):  # noqa: N802
        self.add_layer_inputs("Soil moisture %s cm (monthly)",
                              "Monthly stack (bands YYYY-MM) of the %s cm layer, quality-controlled.")
        self.add(QgsProcessingParameterEnum(self.RANK_BY, self.tr("Rank months by"),
                                            ["Total profile (sum of the four layers)",
                                             "Each layer on its own"], defaultValue=0),
                 "Which soil moisture decides the month order of each pixel-year.")
        self.add(QgsProcessingParameterRasterDestination("SEASON_CODES", self.tr("Season codes")),
                 "Season code of every month (1 H-S, 2 SH-S, 3 SA-S, 4 A-S), bands YYYY-MM.")
        self.add(QgsProcessingParameterRasterDestination(
            "SEASON_CODES_LAYERS", self.tr("Season codes of each layer"), optional=True,
            createByDefault=False),
            "With RANK_BY 'each layer': the codes of every layer, bands 'YYYY-MM 0-10 cm', ...")
        for key, label in zip(LAYER_KEYS, LAYER_LABELS):
            self.add(QgsProcessingParameterRasterDestination(
                "SEASONAL_" + key, self.tr("Seasonal soil moisture %s cm" % label)),
                "Mean of the %s cm layer over each season's three months (kg m-2), "
                "bands 'YYYY H-S' ... 'YYYY A-S'." % label)
        self.add(QgsProcessingParameterRasterDestination("ANNUAL_TSM", self.tr("Annual total soil moisture")),
                 "Sum over the four layers of the annual mean (kg m-2), bands YYYY.")

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
        feedback.pushInfo("Seasons of %d years (%d-%d) for %d pixels with data"
                          % (len(result.years), result.years[0], result.years[-1],
                             result.pixels_valid))
        for path in paths.values():
            self.style_on_load(context, path)
        return paths
