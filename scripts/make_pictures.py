"""make pictures: the README's pictures, rendered headlessly by QGIS from the current code.

* docs/map_*.png - styled outputs of the demo (run first), rendered with QgsMapRendererParallelJob
  (each layer with the .qml TSMV wrote beside it).
docs/pictures.json records a hash of the code the pictures come from; a test compares it
with the code as it is, so the pictures cannot silently go stale.
"""
import hashlib
import json
import os
import sys

import tsmv_package

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
DOCS = os.path.join(ROOT, "docs")
CODE = ["algorithms", "processing_provider", "styles", "tsmv_qgis", "tsmv_example", "models",
        os.path.join("scripts", "make_pictures.py")]
MAPS = [("map_trend_B.png", "trend_B.tif", "Sen slope of total soil moisture, 2000-2024 (kg m-2 per year)"),
        ("map_dominant_B.png", "dominant_B.tif", "Dominant component of Var(TSM), 2000-2024"),
        ("map_ecosystems.png", "ecosystems.tif", "Ecosystems from MCD12C1 (regrouped IGBP)"),
        ("map_correlation.png", "r.tif", "Pearson r of humid-season 0-10 cm soil moisture with GPP")]


def code_hash():
    """sha256 over the code and styles that shape the pictures (file names and contents)."""
    digest = hashlib.sha256()
    for entry in CODE:
        path = os.path.join(ROOT, entry)
        files = [path] if os.path.isfile(path) else sorted(
            os.path.join(d, n) for d, _, names in os.walk(path) for n in names
            if n.endswith((".py", ".qml", ".model3", ".svg")) and "__pycache__" not in d)
        for name in files:
            digest.update(os.path.relpath(name, ROOT).encode())
            with open(name, "rb") as f:
                digest.update(f.read())
    return digest.hexdigest()


def render(path, png, width=900, height=420):
    from qgis.core import QgsMapRendererParallelJob, QgsMapSettings, QgsRasterLayer
    from qgis.PyQt.QtCore import QSize
    from qgis.PyQt.QtGui import QColor
    layer = QgsRasterLayer(path, os.path.basename(path))
    if not layer.isValid():
        sys.exit("cannot load %s" % path)
    layer.loadNamedStyle(os.path.splitext(path)[0] + ".qml")
    settings = QgsMapSettings()
    settings.setLayers([layer])
    settings.setDestinationCrs(layer.crs())
    settings.setExtent(layer.extent())
    settings.setOutputSize(QSize(width, height))
    settings.setBackgroundColor(QColor("#ffffff"))
    job = QgsMapRendererParallelJob(settings)
    job.start()
    job.waitForFinished()
    return job.renderedImage().save(png, "PNG")


def open_dialog(algorithm_id):
    """The Processing dialog of an algorithm, shown offscreen (QGIS with a GUI, provider added)."""
    from unittest import mock

    import qgis.utils
    from qgis.core import QgsApplication
    sys.path.insert(0, os.path.join(QgsApplication.pkgDataPath(), "python", "plugins"))
    from processing.core.Processing import Processing
    Processing.initialize()
    qgis.utils.iface = mock.MagicMock()  # the dialog asks the main window for nothing we need
    from processing.gui.AlgorithmDialog import AlgorithmDialog
    window = AlgorithmDialog(QgsApplication.processingRegistry().createAlgorithmById(algorithm_id), False, None)
    window.resize(1000, 700)
    window.show()
    QgsApplication.processEvents()
    return window


def main():
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    results = os.path.join(ROOT, "demo", "results")
    sys.path.insert(0, os.path.join(ROOT, "scripts"))
    import demo
    demo.main(os.path.join(ROOT, "demo"))  # outputs of the code as it is (the data are kept)
    app, provider = tsmv_package.start_qgis()
    os.makedirs(DOCS, exist_ok=True)
    made = {}
    for png, source, caption in MAPS:
        if not render(os.path.join(results, source), os.path.join(DOCS, png)):
            sys.exit("could not render %s" % source)
        made[png] = caption
    del app, provider
    with open(os.path.join(DOCS, "pictures.json"), "w") as f:
        json.dump({"code_sha256": code_hash(), "pictures": made}, f, indent=1)
        f.write("\n")
    for png, caption in made.items():
        print("docs/%s  %s" % (png, caption))


if __name__ == "__main__":
    main()
