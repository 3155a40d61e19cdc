"""tsmv:qualitycontrol - Remove non-physical soil moisture (Li et al. 2025, section 2.2)."""
from qgis.core import (QgsProcessingParameterFileDestination, QgsProcessingParameterNumber,
                       QgsProcessingParameterRasterDestination)

from ..processing_provider.base import TsmvAlgorithm
from ..processing_provider.compat import NumberType
from ..tsmv_qgis.labels import LAYER_KEYS, LAYER_LABELS, LAYER_MAXIMA
from ..tsmv_qgis.qc import quality_control


class QualityControl(TsmvAlgorithm):
    NAME = "qualitycontrol"
    DISPLAY_NAME = "Remove non-physical soil moisture"
    HELP = (
        "Masks soil-moisture values that cannot be physical, as in Li et al. (2025): a value "
        "below 0 or above the layer's maximum water storage becomes NaN. Defaults (kg m-2) "
        "are the paper's: 99.9 (0-10 cm), 299.9 (10-40 cm), 599.9 (40-100 cm), 999 (100-200 cm); "
        "a value equal to the maximum is kept.\n\n"
        "Inputs are the monthly stacks of 'Import GLDAS-Noah soil moisture' (any labelled stack "
        "works; labels are copied). Outputs keep grid and labels. REPORT is a CSV with, per "
        "layer: values (input values that are not NaN; +-infinity counts as a value and is masked), "
        "masked, percent_masked, below_zero, above_max and "
        "the maximum used. Work goes by strips of rows, so memory stays bounded.")

    REPORT = "REPORT"

    def initAlgorithm(self, config=None):  # noqa: N802
        self.add_layer_inputs("Soil moisture %s cm", "Monthly stack of the %s cm layer (kg m-2).")
        for key, label, maximum in zip(LAYER_KEYS, LAYER_LABELS, LAYER_MAXIMA):
            self.add(QgsProcessingParameterNumber("MAX_" + key,
                                                  self.tr("Maximum for %s cm (kg m-2)" % label),
                                                  NumberType.Double, maximum, False, 0.0),
                     "Values above this (kg m-2) in the %s cm layer become NaN." % label)
        for key, label in zip(LAYER_KEYS, LAYER_LABELS):
            self.add(QgsProcessingParameterRasterDestination(
                "OUTPUT_" + key, self.tr("Soil moisture %s cm (quality-controlled)" % label)),
                "The %s cm stack with non-physical values set to NaN." % label)
        self.add(QgsProcessingParameterFileDestination(self.REPORT, self.tr("Quality report"),
                                                       "CSV files (*.csv)"),
                 "CSV: layer, values, masked, percent_masked, below_zero, above_max, maximum.")

    def compute(self, parameters, context, feedback):
        inputs = self.layer_inputs(parameters, context)
        outputs = {k: self.output_raster(parameters, "OUTPUT_" + k, context) for k in LAYER_KEYS}
        maxima = {k: self.parameterAsDouble(parameters, "MAX_" + k, context) for k in LAYER_KEYS}
        report = self.output_file(parameters, self.REPORT, context, ".csv")
        rows = quality_control(inputs, outputs, maxima, report, progress=self.progress(feedback))
        for row in rows:
            feedback.pushInfo("%s: %d of %d values masked (%.4f%%; %d below 0, %d above %g)"
                              % (row.layer, row.masked, row.values, row.percent_masked,
                                 row.below_zero, row.above_max, row.maximum))
        for path in outputs.values():
            self.style_on_load(context, path)
        results = {"OUTPUT_" + k: path for k, path in outputs.items()}
        results[self.REPORT] = report
        return results
