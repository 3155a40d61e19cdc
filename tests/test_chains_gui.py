"""The shipped chains open in the Graphical Modeler with the whole diagram in view (issue 27):
QGIS opens any model at 100 % on the scene's origin and a .model3 stores no view, so TSMV adds
"Open in the Graphical Modeler" to the Toolbox's context menu of its chains.  Run in a
subprocess with a desktop GUI (offscreen), as test_plugin's dialog test."""
import os
import subprocess
import sys

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))

SCRIPT = r"""
import os, sys
sys.path.insert(0, sys.argv[1])
import tsmv_package
app, provider = tsmv_package.start_qgis()
from qgis.core import QgsApplication
from tsmv.gui.chains import context_action, open_chain
action = context_action()  # the plugin registers it (test_plugin)
model = next(a for a in QgsApplication.processingRegistry().providerById("tsmv").algorithms() if a.id() == "tsmv:fullchain")
trend = QgsApplication.processingRegistry().algorithmById("tsmv:trend")
action.setData(trend, None)
assert not action.isEnabled(), "offered for an algorithm"
action.setData(model, None)
assert action.isEnabled(), "not offered for a chain"
for name in ("soilmoisturechain", "fullchain", "downloadchain"):
    dialog = open_chain(os.path.join(sys.argv[2], "models", name + ".model3"))
    dialog.resize(1400, 900)
    for _ in range(20):
        app.processEvents()
    view = dialog.view()
    items = view.mapFromScene(view.scene().itemsBoundingRect()).boundingRect()
    visible = view.viewport().rect()
    assert visible.contains(items.adjusted(10, 10, -10, -10)), (name, items, visible)  # in view, but shadows
    assert items.width() > 0.8 * visible.width() or items.height() > 0.8 * visible.height(), (name, items, visible)
    scale = view.transform().m11()
    assert scale < 1, (name, scale)  # zoomed out: the chains do not fit at 100 %
    assert dialog.model().sourceFilePath() == "", "Save would overwrite the plugin's file"
    print(name, "fitted at %.2f" % scale)
    dialog.hide()
print("ok")
"""


def test_a_chain_opens_in_the_modeler_with_the_whole_diagram_in_view_and_no_file_to_overwrite():
    proc = subprocess.run([sys.executable, "-c", SCRIPT, os.path.join(ROOT, "scripts"), ROOT],
                          capture_output=True, text=True, timeout=300,
                          env=dict(os.environ, QT_QPA_PLATFORM="offscreen"))
    assert proc.returncode == 0, proc.stdout[-2000:] + proc.stderr[-3000:]
    assert proc.stdout.strip().endswith("ok"), proc.stdout
