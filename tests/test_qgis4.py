"""Ready for QGIS 4 (Qt 6, PyQt6): the code uses only spellings that work from QGIS 3.22 on.

Our own small checker, after the rules of QGIS's scripts/pyqt5_to_pyqt6/pyqt5_to_pyqt6.py:

* Qt comes through ``qgis.PyQt`` only: no PyQt5, PyQt6, PySide or bare ``sip`` import, and no
  ``qgis.PyQt.Qt`` (Qt 6 has no such module);
* nothing Qt 6 removed or renamed (``exec_``, ``QRegExp``, ``QDesktopWidget``, ``Qt.MidButton``...);
* every enum value is reached through its enum (``Qgis.MessageLevel.Warning``, not
  ``Qgis.Warning``): PyQt6 has only that form.  Which names are enum values is read from the
  classes of the QGIS running the test, not from a list;
* no QFlags class (``Qt.Alignment``): PyQt6 has only the enum (``Qt.AlignmentFlag``);
* no enum by a name that the running QGIS keeps only as an alias of its new one (from QGIS 3.36,
  e.g. ``QgsProcessingParameterNumber.Type`` for ``Qgis.ProcessingNumberParameterType``), except
  in processing_provider/compat.py, which picks the newest spelling the running QGIS has.
"""
import ast
import enum
import glob
import importlib
import os

import pytest
import qgis.core
from qgis.core import Qgis, QgsProcessingParameterFile, QgsProcessingParameterNumber
from qgis.PyQt import sip
from qgis.PyQt.QtCore import Qt

from conftest import ROOT

#: The plugin's Python files and the scripts.
FILES = ["__init__.py", "plugin.py", "processing_provider/*.py", "algorithms/*.py", "gui/*.py", "tsmv_qgis/*.py",
         "tsmv_qgis/*/*.py", "scripts/*.py"]
#: The one file that may name an enum by its old alias (for QGIS versions without the new name).
COMPAT = os.path.join("processing_provider", "compat.py")

#: Modules to take from qgis.PyQt instead (``from qgis.PyQt import sip``, ``qgis.PyQt.QtCore``...).
NOT_THROUGH_QGIS = {"PyQt5", "PyQt6", "PySide2", "PySide6", "sip"}
#: qgis.PyQt modules that Qt 6 does not have.
GONE_MODULES = {"qgis.PyQt.Qt", "qgis.PyQt.QtWebKit", "qgis.PyQt.QtWebKitWidgets"}
#: Names that Qt 6 or PyQt6 removed or renamed, and what to use instead.
GONE = {
    "exec_": "exec", "qApp": "QApplication.instance()",
    "QRegExp": "QRegularExpression", "QRegExpValidator": "QRegularExpressionValidator",
    "QDesktopWidget": "QGuiApplication.screens()", "QSound": "QSoundEffect",
    "QGLWidget": "QOpenGLWidget", "QGLFormat": "QSurfaceFormat", "QMatrix": "QTransform",
    "QTextCodec": "str.encode and bytes.decode", "QStringRef": "str",
    "MidButton": "Qt.MouseButton.MiddleButton", "TextColorRole": "Qt.ItemDataRole.ForegroundRole",
    "BackgroundColorRole": "Qt.ItemDataRole.BackgroundRole",
    "HighQualityAntialiasing": "QPainter.RenderHint.Antialiasing",
}
#: Classes that Qt 6 moved from QtWidgets to QtGui and qgis.PyQt.QtWidgets does not offer
#: (it does offer QAction and QShortcut, in QtGui from Qt 6 too).
MOVED_TO_QTGUI = {"QActionGroup", "QFileSystemModel", "QUndoCommand", "QUndoGroup", "QUndoStack"}
#: The classes of enums: Python's (QGIS >= 3.36 for some, and all of PyQt6) and sip's (PyQt5).
ENUM_TYPES = (enum.EnumMeta, type(Qt.AlignmentFlag))


def gone(name):
    """What to say of ``name`` if Qt 6 no longer has it where Qt 5 had it, else None."""
    if name in GONE:
        return "gone in Qt 6, use %s" % GONE[name]
    if name in MOVED_TO_QTGUI:
        return "in QtGui from Qt 6, in QtWidgets before: take it from compat.py"
    return None


def is_enum(obj):
    return isinstance(obj, ENUM_TYPES)


def is_flags(obj):
    """A PyQt5 QFlags class such as Qt.Alignment (PyQt6 keeps only the enum, Qt.AlignmentFlag)."""
    return (isinstance(obj, type) and issubclass(obj, sip.simplewrapper)
            and hasattr(obj, "__invert__") and hasattr(obj, "__int__"))


def load(module, name=None):
    """``module`` or its attribute ``name`` in the running QGIS; None where it has none."""
    try:
        found = importlib.import_module(module)
    except ImportError:
        return None
    if name is None:
        return found
    return getattr(found, name) if hasattr(found, name) else load(module + "." + name)


def resolve(node, names):
    """The Qt or QGIS object that the expression ``node`` names (X, X.Y, ...), or None."""
    if isinstance(node, ast.Name):
        return names.get(node.id)
    if isinstance(node, ast.Attribute):
        owner = resolve(node.value, names)
        return None if owner is None else getattr(owner, node.attr, None)
    return None


def nested_enum_with(owner, member):
    """The enum of class ``owner`` that has ``member``, where the member is not an attribute of
    ``owner`` itself (PyQt6)."""
    for name in dir(owner):
        candidate = getattr(owner, name, None)
        if is_enum(candidate) and member in getattr(candidate, "__members__", {}):
            return candidate
    return None


def problems(source, path="<snippet>"):
    """Every QGIS 4 problem of the Python ``source``, as 'path:line: text ...'."""
    tree = ast.parse(source)
    names, found = {}, []

    def report(node, text):
        found.append((node.lineno, text))

    def check_module(node, module):
        if module.split(".")[0] in NOT_THROUGH_QGIS:
            report(node, "import of %s: import it through qgis.PyQt" % module)
        elif module in GONE_MODULES:
            report(node, "import of %s: Qt 6 has no such module" % module)

    for node in ast.walk(tree):  # what the names stand for, from the imports of the file
        if isinstance(node, ast.Import):
            for alias in node.names:
                check_module(node, alias.name)
                if alias.name.split(".")[0] == "qgis":
                    module = load(alias.name)  # `import qgis.core` binds qgis, with qgis.core loaded
                    names[alias.asname or "qgis"] = module if alias.asname else load("qgis")
        elif isinstance(node, ast.ImportFrom) and node.module and not node.level:
            check_module(node, node.module)
            for alias in node.names:
                if gone(alias.name):
                    report(node, "%s: %s" % (alias.name, gone(alias.name)))
                if node.module.split(".")[0] == "qgis":
                    names[alias.asname or alias.name] = load(node.module, alias.name)

    for node in ast.walk(tree):
        if not isinstance(node, ast.Attribute):
            continue
        written = ast.unparse(node)
        if gone(node.attr):
            report(node, "%s: %s" % (written, gone(node.attr)))
        owner = resolve(node.value, names)
        if not isinstance(owner, type) or is_enum(owner):
            continue
        value = getattr(owner, node.attr, None)
        # the enum of a value reached through the class: PyQt5 has the value there, PyQt6 not
        scope = type(value) if is_enum(type(value)) else None
        if value is None:
            scope = nested_enum_with(owner, node.attr)
        if scope is not None:
            member = getattr(value, "name", None) or node.attr  # a moved enum may rename its values
            report(node, "%s: unscoped enum, write %s.%s" % (written, scope.__qualname__, member))
        elif is_enum(value) and value.__name__ != node.attr and path != COMPAT:
            report(node, "%s: old name of %s, take it from compat.py" % (written, value.__qualname__))
        elif is_flags(value):
            report(node, "%s: a QFlags class, which PyQt6 does not have: use its enum" % written)
    return ["%s:%d: %s" % (path, line, text) for line, text in sorted(found)]


def shipped_files():
    return sorted(os.path.relpath(path, ROOT) for pattern in FILES
                  for path in glob.glob(os.path.join(ROOT, pattern)))


def test_the_code_is_ready_for_qgis4():
    files = shipped_files()
    assert COMPAT in files and os.path.join("tsmv_qgis", "io", "raster.py") in files and len(files) > 30
    found = []
    for name in files:
        with open(os.path.join(ROOT, name), encoding="utf-8") as f:
            found += problems(f.read(), name)
    assert not found, "\n".join(found)


@pytest.mark.parametrize("source, expected", [
    ("from PyQt5.QtCore import QTimer", "import of PyQt5.QtCore: import it through qgis.PyQt"),
    ("from PyQt6 import QtCore", "import of PyQt6:"),
    ("import sip", "import of sip:"),
    ("from PyQt5 import sip", "import of PyQt5:"),
    ("from qgis.PyQt.Qt import QColor", "import of qgis.PyQt.Qt: Qt 6 has no such module"),
    ("dialog.exec_()", "dialog.exec_: gone in Qt 6, use exec"),
    ("from qgis.PyQt.QtCore import QRegExp", "QRegExp: gone in Qt 6, use QRegularExpression"),
    ("from qgis.PyQt import QtCore\nQtCore.QRegExp('a')", "QtCore.QRegExp: gone in Qt 6"),
    ("from qgis.PyQt.QtWidgets import QDesktopWidget", "QDesktopWidget: gone in Qt 6"),
    ("from qgis.PyQt.QtWidgets import QActionGroup", "QActionGroup: in QtGui from Qt 6"),
    ("from qgis.PyQt.QtCore import Qt\nQt.MouseButton.MidButton", "Qt.MouseButton.MiddleButton"),
    ("from qgis.core import Qgis\nQgis.Warning",
     "Qgis.Warning: unscoped enum, write Qgis.MessageLevel.Warning"),
    ("from qgis.PyQt.QtCore import Qt\nQt.AlignLeft",
     "Qt.AlignLeft: unscoped enum, write Qt.AlignmentFlag.AlignLeft"),
    ("from qgis.PyQt import QtCore\nx = QtCore.Qt.AlignLeft | 1", "QtCore.Qt.AlignLeft: unscoped enum"),
    ("import qgis.core\nqgis.core.Qgis.Info",
     "qgis.core.Qgis.Info: unscoped enum, write Qgis.MessageLevel.Info"),
    ("from qgis.core import QgsProcessingParameterNumber as Number\nNumber('N', type=Number.Double)",
     "Number.Double: unscoped enum"),
    ("from qgis.PyQt.QtCore import Qt\ndef f(a=Qt.Alignment()): pass", "Qt.Alignment: a QFlags class"),
])
def test_the_checker_reports_each_rule(source, expected):
    found = problems(source)
    assert len(found) == 1 and expected in found[0], found


@pytest.mark.parametrize("written", [
    "Qgis.Warning", "Qt.AlignLeft", "Qt.UserRole", "QgsProcessing.TypeRaster",
    "QgsProcessingParameterNumber.Double", "QgsProcessingParameterNumber.FlagAdvanced",
    "QgsProcessingParameterFile.Folder", "QgsProcessingAlgorithm.FlagNoThreading",
    "QgsRasterBandStats.All", "QgsMapLayer.Symbology"])
def test_the_spelling_the_checker_proposes_exists_and_means_the_same(written):
    """Read from the running QGIS, the proposed spelling is one it has, for the same value."""
    owner = written.split(".")[0]
    module = "qgis.PyQt.QtCore" if owner == "Qt" else "qgis.core"
    found = problems("from %s import %s\n%s" % (module, owner, written))
    assert len(found) == 1 and "unscoped enum, write " in found[0], found
    namespace = dict(vars(qgis.core), Qt=Qt)
    assert eval(found[0].split("write ")[1], namespace) == eval(written, namespace)


def test_the_checker_accepts_the_forms_that_work_from_qgis_3_22_to_4():
    source = "\n".join([
        "from qgis.core import Qgis, QgsProcessing, QgsProcessingParameterNumber as Number",
        "from qgis.PyQt import sip",
        "from qgis.PyQt.QtCore import Qt",
        "from qgis.PyQt.QtWidgets import QAction, QApplication",
        "from .compat import NumberType",
        "Qgis.MessageLevel.Warning, NumberType.Double, Qgis.QGIS_VERSION",
        "Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop, Qt.ItemDataRole.UserRole + 1",
        "Number('N', 'n'), QgsProcessing.TEMPORARY_OUTPUT, QApplication.instance(), dialog.exec()"])
    assert problems(source) == []


@pytest.mark.skipif(not hasattr(Qgis, "ProcessingNumberParameterType"),
                    reason="QGIS < 3.36: QgsProcessingParameterNumber.Type is still the enum's name")
def test_an_old_enum_name_is_reported_outside_compat():
    source = "from qgis.core import QgsProcessingParameterNumber\nQgsProcessingParameterNumber.Type.Double\n"
    found = problems(source)
    assert len(found) == 1 and "old name of Qgis.ProcessingNumberParameterType" in found[0], found
    assert problems(source, COMPAT) == []


def test_compat_spellings_are_the_integers_models_store():
    from tsmv.processing_provider.compat import FileBehavior, NumberType
    assert QgsProcessingParameterNumber("N", "n", NumberType.Integer).toVariantMap()["data_type"] == 0
    assert QgsProcessingParameterNumber("N", "n", NumberType.Double).toVariantMap()["data_type"] == 1
    folder = QgsProcessingParameterFile("F", "f", behavior=FileBehavior.Folder)
    assert folder.toVariantMap()["behavior"] == 1
