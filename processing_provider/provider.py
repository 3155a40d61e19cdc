"""The TSMV Processing provider (id ``tsmv``): the algorithms and the shipped models."""
import glob
import os

from qgis.core import Qgis, QgsMessageLog, QgsProcessingProvider
from qgis.PyQt.QtCore import QCoreApplication
from qgis.PyQt.QtGui import QIcon

from ..algorithms import ALGORITHMS
from .base import ICON
from .i18n import install_translator
from .models import MODELS, TsmvModel, localized

#: What TSMV writes: GeoTIFF rasters and CSV tables (offered in the save dialogs).
RASTER_EXTENSIONS = ["tif"]
TABLE_EXTENSIONS = ["csv"]


class TsmvProvider(QgsProcessingProvider):
    def id(self):
        return "tsmv"

    def name(self):
        return "TSMV"

    def longName(self):  # noqa: N802
        return QCoreApplication.translate("TsmvProvider", "TSMV - total soil moisture variability (GLDAS-Noah)")

    def icon(self):
        return QIcon(ICON)

    def svgIconPath(self):  # noqa: N802
        return ICON

    def supportedOutputRasterLayerExtensions(self):  # noqa: N802
        return RASTER_EXTENSIONS

    def defaultRasterFileExtension(self):  # noqa: N802
        return RASTER_EXTENSIONS[0]

    def supportedOutputTableExtensions(self):  # noqa: N802
        return TABLE_EXTENSIONS

    def supportedOutputVectorLayerExtensions(self):  # noqa: N802
        return ["gpkg"]  # the map of tsmv:zonal

    def loadAlgorithms(self):  # noqa: N802
        install_translator()
        for algorithm in ALGORITHMS:
            self.addAlgorithm(algorithm())
        for path in sorted(glob.glob(os.path.join(MODELS, "*.model3"))):  # the shipped chains
            model = TsmvModel(localized(path))  # labelled in the user's language
            if model.loaded:
                self.addAlgorithm(model)
            else:
                QgsMessageLog.logMessage(QCoreApplication.translate("TsmvProvider", "TSMV could not load the model %s")
                                         % path, "TSMV", Qgis.MessageLevel.Warning)
