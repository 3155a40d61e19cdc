"""The TSMV Processing provider (id ``tsmv``)."""
from qgis.core import QgsProcessingProvider
from qgis.PyQt.QtGui import QIcon

from ..algorithms import ALGORITHMS
from .base import ICON


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
