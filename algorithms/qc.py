"""tsmv:qualitycontrol - Remove non-physical soil moisture (Li et al. 2025, section 2.2)."""
from qgis.core import QgsProcessingParameterFileDestination, QgsProcessingParameterRasterDestination

from ..processing_provider.base import QT_TRANSLATE_NOOP, TsmvAlgorithm
from ..tsmv_qgis.labels import LAYER_KEYS, LAYER_LABELS
from ..tsmv_qgis.steps.qc import quality_control
from ..tsmv_qgis.io.raster import Stack


class QualityControl(TsmvAlgorithm):
    NAME = "qualitycontrol"
    DISPLAY_NAME = QT_TRANSLATE_NOOP("QualityControl", "3 Remove non-physical values")

    OUTPUTS = {k: "OUTPUT_" + k for k in LAYER_KEYS}
    REPORT = "REPORT"

    def help_blocks(self):
        return [
            self.tr("Masks soil-moisture values that cannot be physical, as in Li et al. (2025): a "
                    "value below 0 kg m-2 or above the layer's maximum water storage becomes NaN. "
                    "The default maxima are those of the product the stacks record: the paper's "
                    "99.9 kg m-2 (0-10 cm), 299.9 kg m-2 (10-40 cm), 599.9 kg m-2 (40-100 cm) and "
                    "999 kg m-2 (100-200 cm) for GLDAS-Noah and FLDAS-Noah, 69.9, 209.9, 719.9 and "
                    "1889.9 kg m-2 for ERA5-Land's 0-7, 7-28, 28-100 and 100-289 cm (each layer's "
                    "thickness x 1000 kg m-3 - 0.1); set them with {MAX_0_10}, {MAX_10_40}, "
                    "{MAX_40_100} and {MAX_100_200}."),
            self.tr("The inputs are the monthly stacks of 'Import GLDAS-Noah' or "
                    "'Import layered soil moisture', the product's layers top to bottom (any "
                    "monthly soil-moisture stack works, bands YYYY-MM; a yearly or seasonal stack is "
                    "refused; layers of two products, or out of order, are refused). The outputs "
                    "keep the grid and the labels."),
            self.tr("Choices made for you:"), [
                self.tr("A value equal to the maximum is kept."),
                self.tr("+-infinity counts as a value and is masked (below 0 or above the "
                        "maximum); NaN stays NaN and is not counted."),
                self.tr("Work goes by strips of rows, so memory stays bounded.")],
            self.tr("The {REPORT} is a CSV with one row per layer and the columns layer, values "
                    "(input values that are not NaN), masked, percent_masked, below_zero, "
                    "above_max and max_allowed_kg_m2 (the maximum used, kg m-2).")]

    def declare(self):
        self.add_layer_inputs(self.tr("Monthly soil moisture %s cm"),
                              self.tr("Monthly stack (bands YYYY-MM) of the %s cm layer, in kg m-2, "
                                      "e.g. from 'Import GLDAS-Noah'."))
        self.add_maxima(defaults=None)
        for key, label in zip(LAYER_KEYS, LAYER_LABELS):
            self.add(QgsProcessingParameterRasterDestination(
                self.OUTPUTS[key], self.tr("Soil moisture %s cm (quality-controlled)") % label),
                self.tr("GeoTIFF with the bands (YYYY-MM) of the input, in kg m-2: the %s cm stack "
                        "with non-physical values set to NaN.") % label)
        self.add(QgsProcessingParameterFileDestination(self.REPORT, self.tr("Quality report"),
                                                       self.tr("CSV files (*.csv)")),
                 self.tr("CSV, one row per layer: layer, values, masked, percent_masked, "
                         "below_zero, above_max, max_allowed_kg_m2 (the maximum used, kg m-2)."))

    def names(self):
        return dict(super().names(), report=self.REPORT, **{"outputs." + k: n for k, n in self.OUTPUTS.items()})

    def compute(self, parameters, context, feedback):
        inputs = self.layer_inputs(parameters, context)
        outputs = {k: self.output_raster(parameters, self.OUTPUTS[k], context) for k in LAYER_KEYS}
        report = self.output_file(parameters, self.REPORT, context, ".csv")
        rows = quality_control(inputs, outputs, self.maxima(parameters, context), report,
                               progress=self.progress(feedback))
        self.report_qc(feedback, rows)
        for key, path in outputs.items():
            self.style_on_load(context, path, self.months(path, self.OUTPUTS[key]))
        results = {self.OUTPUTS[k]: path for k, path in outputs.items()}
        results[self.REPORT] = report
        return results

    @staticmethod
    def months(path, name):
        """The first and last month of a monthly stack written: "2000-01..2024-12"."""
        stack = Stack(path, name)
        try:
            return "%s..%s" % (min(stack.labels), max(stack.labels))
        finally:
            stack.close()
