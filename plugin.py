"""The plugin shell: adds the TSMV Processing provider (and, in the desktop, the pixel inspector
and the Toolbox's "Open in the Graphical Modeler" for the chains); nothing else at import time."""
from qgis.core import QgsApplication

from .processing_provider.provider import TsmvProvider


class TsmvPlugin:
    def __init__(self, iface):
        self.iface = iface
        self.provider = None
        self.chain_action = None
        self.inspector = None

    def initProcessing(self):  # noqa: N802 (QGIS's name)
        self.provider = TsmvProvider()
        QgsApplication.processingRegistry().addProvider(self.provider)

    def initGui(self):  # noqa: N802
        self.initProcessing()
        from .gui.chains import context_action
        self.chain_action = context_action()
        if self.chain_action is not None:  # the Toolbox's context menu: open a chain fitted
            from processing.gui.ProviderActions import ProviderContextMenuActions
            ProviderContextMenuActions.registerProviderContextMenuActions([self.chain_action])
        from .gui.inspector import Inspector  # matplotlib's Qt canvas: only in the desktop
        self.inspector = Inspector(self.iface)
        self.inspector.add()

    def unload(self):
        if self.inspector is not None:
            self.inspector.remove()
            self.inspector = None
        if self.chain_action is not None:
            from processing.gui.ProviderActions import ProviderContextMenuActions
            ProviderContextMenuActions.deregisterProviderContextMenuActions([self.chain_action])
            self.chain_action = None
        if self.provider is not None:
            QgsApplication.processingRegistry().removeProvider(self.provider)
            self.provider = None
