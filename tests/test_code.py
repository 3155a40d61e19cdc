"""The code itself: no unused imports or undefined names (pyflakes), metadata of every module,
parameter names written once (class constants)."""
import ast
import glob
import os
import subprocess
import sys

from conftest import ROOT

FOLDERS = ["algorithms", "processing_provider", "gui", "tsmv_qgis", "tsmv_example", "tests", "benchmarks", "scripts"]


def test_pyflakes_finds_nothing():
    targets = [os.path.join(ROOT, f) for f in FOLDERS] + [os.path.join(ROOT, "plugin.py"),
                                                            os.path.join(ROOT, "__init__.py")]
    proc = subprocess.run([sys.executable, "-m", "pyflakes"] + targets, capture_output=True, text=True)
    assert proc.returncode == 0, proc.stdout + proc.stderr


SHIPPED = ["__init__.py", "plugin.py", "processing_provider", "algorithms", "gui", "tsmv_qgis"]


def test_bandit_finds_nothing_in_the_shipped_code():
    proc = subprocess.run([sys.executable, "-m", "bandit", "-q", "-r"] + [os.path.join(ROOT, p) for p in SHIPPED],
                          capture_output=True, text=True)
    assert proc.returncode == 0, proc.stdout + proc.stderr  # 1 for an issue, or no bandit


def test_the_shipped_code_imports_neither_scipy_nor_pymannkendall():
    """They are the tests' oracles only: the plugin needs numpy and GDAL (import statements, and
    importlib's names as strings)."""
    def oracle(name):
        return name.split(".")[0] in ("scipy", "pymannkendall")
    found = []
    for path in _python_files(SHIPPED):
        for node in ast.walk(ast.parse(open(path, encoding="utf-8").read(), path)):
            names = ([a.name for a in node.names] if isinstance(node, ast.Import)
                     else [node.module or ""] if isinstance(node, ast.ImportFrom)
                     else [node.value] if isinstance(node, ast.Constant) and isinstance(node.value, str)
                     else [])
            found += ["%s:%d %s" % (os.path.relpath(path, ROOT), node.lineno, n) for n in names if oracle(n)]
    assert found == []


def _python_files(entries):
    for entry in entries:
        path = os.path.join(ROOT, entry)
        if os.path.isfile(path):
            yield path
        for name in glob.glob(os.path.join(path, "**", "*.py"), recursive=True):
            yield name


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
    for dependency in ("numpy", "GDAL", "netCDF4", "numba", "matplotlib"):
        assert dependency in meta["about"], dependency
    assert "scipy" not in meta["about"] and "pymannkendall" not in meta["about"]  # not needed at all


def _parameter_names():
    """The parameter names of every TSMV algorithm (not the models), as the registry has them,
    and the prefixes of the layered ones ("OUTPUT_" of OUTPUT_0_10, "TREND_" of TREND_A)."""
    from qgis.core import QgsApplication
    from tsmv.algorithms import ALGORITHMS
    from tsmv.tsmv_qgis.labels import LAYER_KEYS
    registry = QgsApplication.processingRegistry()
    names = {p.name() for cls in ALGORITHMS
             for p in registry.algorithmById("tsmv:" + cls.NAME).parameterDefinitions()}
    suffixes = ["_" + k for k in LAYER_KEYS] + ["_A", "_B"]
    prefixes = {n[:len(n) - len(s) + 1] for n in names for s in suffixes if n.endswith(s)}
    return names, prefixes


def _exempt_nodes(tree):
    """The nodes whose strings may name parameters: class-body assignments to UPPERCASE names
    (the constants), translated text (``self.tr``, ``QT_TRANSLATE_NOOP``) and metadata keys
    (``x.metadata["START_YEAR"]``)."""
    for node in ast.walk(tree):
        if isinstance(node, ast.ClassDef):
            for statement in node.body:
                if isinstance(statement, (ast.Assign, ast.AnnAssign)):
                    targets = statement.targets if isinstance(statement, ast.Assign) else [statement.target]
                    if all(isinstance(t, ast.Name) and t.id.isupper() for t in targets):
                        yield statement
        elif isinstance(node, ast.Call):
            function = node.func
            if (isinstance(function, ast.Attribute) and function.attr == "tr") or \
                    (isinstance(function, ast.Name) and function.id == "QT_TRANSLATE_NOOP"):
                yield node
        elif isinstance(node, ast.Subscript):
            if isinstance(node.value, ast.Attribute) and node.value.attr == "metadata":
                yield node.slice


def test_parameter_names_are_class_constants(tsmv_processing):
    """A parameter name (or the prefix of layered names) is written once, as a class constant
    (``ALPHA = "ALPHA"``, ``OUTPUTS = {k: "OUTPUT_" + k ...}``), and used as ``self.ALPHA``."""
    names, prefixes = _parameter_names()
    assert {"ALPHA", "OUTPUT", "TABLE", "START_YEAR"} <= names
    assert {"OUTPUT_", "INPUT_", "SEASONAL_", "MAX_", "TREND_"} <= prefixes
    files = sorted(glob.glob(os.path.join(ROOT, "algorithms", "*.py"))) + \
        [os.path.join(ROOT, "processing_provider", "base.py")]
    bare = []
    for path in files:
        with open(path, encoding="utf-8") as f:
            tree = ast.parse(f.read(), path)
        exempt = {id(n) for node in _exempt_nodes(tree) for n in ast.walk(node)}
        bare += sorted((os.path.relpath(path, ROOT), node.lineno, node.value) for node in ast.walk(tree)
                       if isinstance(node, ast.Constant) and node.value in names | prefixes
                       and id(node) not in exempt)
    assert bare == [], "parameter names outside class constants:\n" + \
        "\n".join("%s:%d: %r" % found for found in bare)


def _core_names():
    """The names the core's messages use: ⟨start_year⟩ in a string, named("outputs", "table"),
    and named("inputs", key) with a key it computes (as 'inputs.*'); by file."""
    import re
    token = re.compile("\u27e8([a-z][a-z0-9_]*(?:\\.[a-z0-9_]+)?)\u27e9")
    call = re.compile(r'named\("([a-z_]+)"(?:, ("[a-z0-9_]+"|[a-z_]+))?\)')
    found = {}
    for path in sorted(glob.glob(os.path.join(ROOT, "tsmv_qgis", "**", "*.py"), recursive=True)):
        with open(path, encoding="utf-8") as f:
            text = f.read()
        names = set(token.findall(text))
        for argument, key in call.findall(text):
            names.add(argument if not key else argument + "." + (key.strip('"') if key.startswith('"') else "*"))
        if names:
            found[os.path.relpath(path, ROOT)] = names
    return found


def test_the_core_names_what_it_was_given_and_every_algorithm_spells_it(tsmv_processing):
    """The core's messages name what they were given in the core's words (⟨start_year⟩, spelt
    start_year in plain Python); the QGIS side spells each as a parameter, from one map per
    algorithm (``names()``): every name the core uses outside xr is spelt by some algorithm,
    as one of its parameters."""
    from qgis.core import QgsApplication
    from tsmv.algorithms import ALGORITHMS
    from tsmv.tsmv_qgis.errors import TsmvError, named, render
    registry = QgsApplication.processingRegistry()
    spelt = {}
    for cls in ALGORITHMS:
        algorithm = registry.algorithmById("tsmv:" + cls.NAME)
        parameters = {p.name() for p in algorithm.parameterDefinitions()}
        names = algorithm.names()
        assert set(names.values()) <= parameters, cls.NAME  # each spelt as one of its parameters
        for core in names:
            spelt.setdefault(core, set()).add(cls.NAME)
    found = _core_names()
    assert "tsmv_qgis/steps/trend.py" in found and "source" in found["tsmv_qgis/products/reader.py"]
    unspelt = sorted((path, name) for path, names in found.items()
                     if path not in ("tsmv_qgis/xr.py", "tsmv_qgis/errors.py")  # xr's own; the syntax
                     for name in names if name not in spelt and not (
                         name.endswith(".*") and any(s.startswith(name[:-1]) for s in spelt)))
    assert unspelt == [], unspelt
    error = TsmvError("%s..%s (2001-1999): no year" % (named("start_year"), named("end_year")))
    assert str(error) == "start_year..end_year (2001-1999): no year"
    assert error.render({"start_year": "START_YEAR", "end_year": "END_YEAR"}) == "START_YEAR..END_YEAR (2001-1999): no year"
    assert render(named("outputs", "0_10") + " x.tif", {}) == "outputs['0_10'] x.tif"
    assert render(named("outputs", "0_10") + " x.tif", {"outputs.0_10": "OUTPUT_1"}) == "OUTPUT_1 x.tif"
