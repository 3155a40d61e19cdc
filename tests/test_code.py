"""The code itself: no unused imports or undefined names (pyflakes), metadata of every module."""
import os
import subprocess
import sys

from conftest import ROOT

FOLDERS = ["algorithms", "processing_provider", "tsmv_qgis", "tests", "benchmarks", "scripts"]


def test_pyflakes_finds_nothing():
    targets = [os.path.join(ROOT, f) for f in FOLDERS] + [os.path.join(ROOT, "plugin.py"),
                                                            os.path.join(ROOT, "__init__.py")]
    proc = subprocess.run([sys.executable, "-m", "pyflakes"] + targets, capture_output=True, text=True)
    assert proc.returncode == 0, proc.stdout + proc.stderr
