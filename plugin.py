"""The plugin shell: adds the TSMV Processing provider (and, in the desktop, the pixel inspector);
nothing else at import time."""
from qgis.core import QgsApplication

from .processing_provider.provider import TsmvProvider


class TsmvPlugin:
    def __init__(self, iface):
        self.iface = iface
        self.provider = None
        self.inspector = None

    def initProcessing(self):  # noqa: N802 (QGIS's name)
        self.provider = TsmvProvider()
        QgsApplication.processingRegistry().addProvider(self.provider)

    def initGui(self):  # noqa: N802
        self.initProcessing()
        from .gui.inspector import Inspector  # matplotlib's Qt canvas: only in the desktop
        self.inspector = Inspector(self.iface)
        self.inspector.add()

    def unload(self):
        if self.inspector is not None:
            self.inspector.remove()
            self.inspector = None
        if self.provider is not None:
            QgsApplication.processingRegistry().removeProvider(self.provider)
            self.provider = None
