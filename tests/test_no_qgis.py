"""The science core imports with QGIS absent (and scipy and pymannkendall, which it never needs)."""
import os
import subprocess
import sys

from conftest import ROOT

SCRIPT = r"""
import importlib, pkgutil, sys
class NoQgis:
    def find_spec(self, name, path=None, target=None):
        if name == "qgis" or name.startswith("qgis.") or name == "processing":
            raise ImportError("QGIS is absent in this test")
sys.meta_path.insert(0, NoQgis())
sys.modules["scipy"] = sys.modules["pymannkendall"] = None  # absent: importing them fails
sys.path.insert(0, sys.argv[1])
import tsmv_qgis
names = [m.name for m in pkgutil.walk_packages(tsmv_qgis.__path__, "tsmv_qgis.")]
for name in names:
    importlib.import_module(name)
assert not any(m == "qgis" or m.startswith("qgis.") for m in sys.modules), "qgis was imported"
print("ok", len(names))
"""


def test_core_imports_without_qgis():
    proc = subprocess.run([sys.executable, "-c", SCRIPT, ROOT], capture_output=True, text=True)
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout.startswith("ok") and int(proc.stdout.split()[1]) >= 8


def test_core_has_no_qgis_import_statement():
    for folder, _, names in os.walk(os.path.join(ROOT, "tsmv_qgis")):
        for name in names:
            if name.endswith(".py"):
                text = open(os.path.join(folder, name)).read()
                assert "import qgis" not in text and "from qgis" not in text, name
