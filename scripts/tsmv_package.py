"""Import the repository (the plugin folder, whatever its name) as the package ``tsmv``."""
import hashlib
import os
import sys
import tempfile

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


def add_to_path():
    """Put a folder holding ``tsmv`` -> the repository first on sys.path; return that folder.

    The folder stays the same for a checkout: numba's kernel cache is keyed by the source
    path, so a new path every run would compile every kernel again.
    """
    folder = os.path.join(tempfile.gettempdir(), "tsmv-pkg-" + hashlib.sha1(ROOT.encode()).hexdigest()[:12])
    os.makedirs(folder, exist_ok=True)
    try:
        os.symlink(ROOT, os.path.join(folder, "tsmv"))
    except FileExistsError:
        pass
    if folder not in sys.path:
        sys.path.insert(0, folder)
    return folder


def start_qgis(gui=True):
    """QGIS (offscreen unless a display is asked for), Processing, and the TSMV provider of
    this checkout registered; keep both returned objects alive while you use them."""
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from qgis.core import QgsApplication
    app = QgsApplication([], gui)
    app.initQgis()
    sys.path.insert(0, os.path.join(QgsApplication.pkgDataPath(), "python", "plugins"))
    from processing.core.Processing import Processing
    Processing.initialize()
    add_to_path()
    from tsmv.processing_provider.provider import TsmvProvider
    provider = TsmvProvider()
    QgsApplication.processingRegistry().addProvider(provider)
    return app, provider
