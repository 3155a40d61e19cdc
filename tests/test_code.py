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


SHIPPED = ["__init__.py", "plugin.py", "processing_provider", "algorithms", "tsmv_qgis"]


def test_bandit_finds_nothing_in_the_shipped_code():
    proc = subprocess.run([sys.executable, "-m", "bandit", "-q", "-r"] + [os.path.join(ROOT, p) for p in SHIPPED],
                          capture_output=True, text=True)
    assert proc.returncode == 0, proc.stdout + proc.stderr  # 1 for an issue, or no bandit


def test_metadata_follows_the_plugin_repository_rules():
    """The rules plugins.qgis.org checks on upload (its validator), and what QGIS 4 needs."""
    import configparser
    import re
    from urllib.parse import urlparse
    parser = configparser.ConfigParser()
    parser.optionxform = str
    with open(os.path.join(ROOT, "metadata.txt"), encoding="utf-8") as f:
        parser.read_file(f)
    meta = dict(parser.items("general"))
    required = ["name", "description", "version", "qgisMinimumVersion", "author", "email", "about",
                "tracker", "repository"]
    assert [k for k in required if not meta.get(k, "").strip()] == []
    for key in ("tracker", "repository", "homepage"):
        url = urlparse(meta[key])
        assert url.scheme == "https" and url.netloc, key
    assert "/" not in meta["author"] and re.fullmatch(r"[^@\s]+@[^@\s]+\.\w+", meta["email"])
    for flag in ("experimental", "deprecated", "hasProcessingProvider"):
        assert meta[flag].lower() in ("true", "false", "yes", "no"), flag
    assert meta["category"] in ("Raster", "Vector", "Database", "Mesh", "Web")
    assert meta["qgisMinimumVersion"] == "3.22" and meta["qgisMaximumVersion"] == "4.99"
    assert re.fullmatch(r"\d+\.\d+\.\d+", meta["version"])
    assert meta["changelog"].startswith(meta["version"] + " ")  # the changelog names this version
    assert os.path.exists(os.path.join(ROOT, meta["icon"])) and os.path.exists(os.path.join(ROOT, "LICENSE"))
    for dependency in ("numpy", "GDAL", "netCDF4", "numba", "matplotlib", "scipy", "pymannkendall"):
        assert dependency in meta["about"], dependency
