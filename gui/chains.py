"""Open a shipped TSMV chain in the Graphical Modeler, zoomed to fit.

QGIS opens every model at 100 % centred on the scene's origin (QgsModelDesignerDialog::setModel),
and a .model3 file cannot store a view; the Toolbox's "Edit Model…" is only offered for the
models of the "model" and "project" providers.  TSMV's chains therefore get their own entry in
the Toolbox's context menu, which opens a copy of the chain (in the user's language) with the
whole diagram in view.  The copy has no file: "Save" asks where, so the plugin's own files are
never overwritten.
"""
from qgis.core import QgsProcessingModelAlgorithm
from qgis.PyQt.QtCore import QCoreApplication, Qt, QTimer
from qgis.PyQt.QtWidgets import QAction

from ..processing_provider.base import ICON
from ..processing_provider.models import TsmvModel


def tr(text):
    return QCoreApplication.translate("TsmvChains", text)


def fit(dialog):
    """Zoom the dialog's diagram so every box is in view (the designer's own Zoom Full)."""
    zoom = dialog.findChild(QAction, "mActionZoomToItems")
    if zoom is not None:
        zoom.trigger()
    else:  # a designer without that action
        view = dialog.view()
        view.fitInView(view.scene().itemsBoundingRect(), Qt.AspectRatioMode.KeepAspectRatio)


def open_chain(path):
    """A Graphical Modeler showing a copy of the model file ``path``, zoomed to fit once it is
    laid out."""
    from processing.modeler.ModelerDialog import ModelerDialog
    model = QgsProcessingModelAlgorithm()
    if not model.fromFile(path):
        raise ValueError(tr("TSMV could not load the model %s") % path)
    dialog = ModelerDialog.create(model)  # no source file: Save asks where; QGIS keeps the dialog
    dialog.show()
    QTimer.singleShot(0, lambda: fit(dialog))
    return dialog


def context_action():
    """The Toolbox's context-menu entry for TSMV's chains, or None where this QGIS's Processing
    has no such hook."""
    try:
        from processing.gui.ContextAction import ContextAction
    except ImportError:
        return None

    class OpenChain(ContextAction):
        def __init__(self):
            super().__init__()
            self.name = tr("Open in the Graphical Modeler (whole chain in view)…")

        def icon(self):
            from qgis.PyQt.QtGui import QIcon
            return QIcon(ICON)

        def isEnabled(self):  # noqa: N802 (QGIS's name)
            return isinstance(self.itemData, TsmvModel)

        def execute(self):
            open_chain(self.itemData.path)

    return OpenChain()
