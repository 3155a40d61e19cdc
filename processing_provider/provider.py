"""The TSMV Processing provider (id ``tsmv``)."""
import glob
import os

from qgis.core import Qgis, QgsMessageLog, QgsProcessingModelAlgorithm, QgsProcessingProvider
from qgis.PyQt.QtGui import QIcon

from ..algorithms import ALGORITHMS
from .base import ICON

MODELS = os.path.join(os.path.dirname(os.path.dirname(os.path.abspath(__file__))), "models")


class TsmvProvider(QgsProcessingProvider):
    def id(self):
        return "tsmv"

    def name(self):
        return "TSMV"

    def longName(self):  # noqa: N802
        return "TSMV - total soil moisture variability (GLDAS-Noah)"

    def icon(self):
        return QIcon(ICON)

    def svgIconPath(self):  # noqa: N802
        return ICON

    def loadAlgorithms(self):  # noqa: N802
        for algorithm in ALGORITHMS:
            self.addAlgorithm(algorithm())
        for path in sorted(glob.glob(os.path.join(MODELS, "*.model3"))):  # the shipped chains
            model = QgsProcessingModelAlgorithm()
            if model.fromFile(path):
                self.addAlgorithm(model)
            else:
                QgsMessageLog.logMessage("TSMV could not load the model %s" % path, "TSMV",
                                         Qgis.MessageLevel.Warning)
