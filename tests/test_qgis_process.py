"""The algorithms through `qgis_process` in a subprocess, and the zip in a fresh profile."""
import os
import subprocess
import sys
import zipfile

import pytest

from conftest import ROOT, QgisProcess, assert_same_nan, layer_paths, read_stack
from tsmv.tsmv_qgis.steps.importing import import_gldas
from tsmv.tsmv_qgis.labels import LAYER_KEYS


def test_import_and_qc_through_qgis_process(qgis_process, example_dir, tmp_path):
    outputs = layer_paths(tmp_path, "sm")
    code, result, log = qgis_process.run(
        "tsmv:importgldas", INPUT=example_dir, START_YEAR=1998, END_YEAR=1999,
        **{"OUTPUT_" + k: v for k, v in outputs.items()})
    assert code == 0, log
    assert result["results"] == {"OUTPUT_" + k: v for k, v in outputs.items()}
    core = layer_paths(tmp_path, "core")
    import_gldas(example_dir, core, start_year=1998, end_year=1999)
    for k in LAYER_KEYS:
        assert_same_nan(read_stack(outputs[k])[0], read_stack(core[k])[0], rtol=0, atol=0)
        assert os.path.exists(outputs[k][:-4] + ".qml")

    qc = {"INPUT_" + k: v for k, v in outputs.items()}
    qc.update({"OUTPUT_" + k: v for k, v in layer_paths(tmp_path, "qc").items()})
    code, result, log = qgis_process.run("tsmv:qualitycontrol", REPORT=str(tmp_path / "qc.csv"), **qc)
    assert code == 0, log
    assert os.path.exists(result["results"]["REPORT"])
    assert read_stack(result["results"]["OUTPUT_0_10"])[1][0] == "1998-01"


def test_qgis_process_reports_bad_input(qgis_process, tmp_path):
    empty = tmp_path / "empty"
    empty.mkdir()
    code, _, log = qgis_process.run("tsmv:importgldas", INPUT=str(empty),
                                    **{"OUTPUT_" + k: v for k, v in layer_paths(tmp_path, "sm").items()})
    assert code != 0
    assert "holds no GLDAS-Noah files" in log
    assert sorted(os.listdir(tmp_path)) == ["empty"]


#: What the zip holds, at its top (below tsmv/): the plugin, nothing of development.
ZIP_TOP = {"LICENSE", "README.md", "__init__.py", "algorithms", "docs", "gui", "i18n", "icons", "metadata.txt",
           "models", "plugin.py", "processing_provider", "styles", "tsmv_qgis"}


@pytest.fixture(scope="module")
def plugin_zip(tmp_path_factory):
    target = str(tmp_path_factory.mktemp("zip") / "tsmv.zip")
    subprocess.run([sys.executable, os.path.join(ROOT, "scripts", "make_zip.py"), target],
                   check=True, capture_output=True)
    return target


def test_zip_holds_the_plugin_and_nothing_else(plugin_zip):
    names = zipfile.ZipFile(plugin_zip).namelist()
    assert {n.split("/")[1] for n in names} == ZIP_TOP and all(n.startswith("tsmv/") for n in names)
    assert not [n for n in names if "__pycache__" in n or n.endswith((".pyc", ".part", ".orig", "~"))
                or "/." in n or "/tests/" in n]
    tracked = subprocess.run(["git", "ls-files"], cwd=ROOT, capture_output=True, text=True, check=True).stdout
    for name in names:  # every file is the repository's own: nothing vendored
        assert name[len("tsmv/"):] in tracked.split("\n"), name
    assert not [n for n in names if "_vendor" in n or "pymannkendall" in n.lower()]
    assert "tsmv/i18n/tsmv_zh_CN.qm" in names and "tsmv/docs/algorithms/zh_CN/trend.html" in names
    assert not [n for n in names if n.startswith("tsmv/docs/") and not n.startswith("tsmv/docs/algorithms/")]


def test_zip_works_in_a_fresh_profile_with_broken_numba(plugin_zip, tmp_path, example_dir):
    """The zip alone, in a profile whose numba fails at import (SystemError, as a broken llvmlite
    does) and whose pymannkendall and scipy fail too: the plugin loads, imports, and tsmv:trend
    runs METHOD 0 and METHOD 1 (needing neither); METHOD 0 warns once that numba is unusable."""
    import numpy as np
    import pymannkendall as pmk
    from conftest import write_stack
    profile = tmp_path / "profile"
    python = profile / "profiles" / "default" / "python"
    (python / "plugins").mkdir(parents=True)
    zipfile.ZipFile(plugin_zip).extractall(python / "plugins")
    (python / "numba").mkdir()  # the profile's python/ comes first on QGIS's sys.path
    (python / "numba" / "__init__.py").write_text("raise SystemError('llvmlite is broken (a test)')\n")
    for absent in ("pymannkendall", "scipy"):  # decoys: the plugin must import neither
        (python / absent).mkdir()
        (python / absent / "__init__.py").write_text("raise ImportError('%s is absent (a test)')\n" % absent)
    fresh = QgisProcess(profile, str(python / "plugins" / "tsmv"))
    listing = fresh("list", check=True).stdout
    assert "tsmv:importgldas" in listing and "tsmv:trend" in listing
    outputs = layer_paths(tmp_path, "sm")
    code, result, log = fresh.run("tsmv:importgldas", INPUT=example_dir, START_YEAR=2001,
                                  **{"OUTPUT_" + k: v for k, v in outputs.items()})
    assert code == 0, log
    assert len(read_stack(outputs["0_10"])[1]) == 12
    rng = np.random.default_rng(4)
    data = (rng.normal(0, 1, (12, 3, 4)) + np.arange(12)[:, None, None] * 0.3).astype(np.float32)
    path = write_stack(tmp_path / "tsm.tif", data, [str(y) for y in range(2000, 2012)])
    from oracles import pymannkendall_fixed
    for method, test in ((0, pmk.original_test), (1, pymannkendall_fixed().hamed_rao_modification_test)):
        out = str(tmp_path / ("trend%d.tif" % method))
        # METHOD 0 wants two numba kernels (the test, the CONFIDENCE interval); METHOD 1 without
        # CONFIDENCE two too (the test, Hamed-Rao's factor)
        code, result, log = fresh.run("tsmv:trend", INPUT=path, METHOD=method, OUTPUT=out,
                                      **({} if method == 0 else {"CONFIDENCE": 0}))
        assert code == 0, log
        warned = log.count("numba could not be imported (SystemError: llvmlite is broken (a test))")
        assert warned == 1, log  # once, where a numba kernel was first wanted
        assert "is absent (a test)" not in log, log  # nothing tried pymannkendall or scipy
        want = test(data[:, 2, 3].astype(np.float64))
        got = read_stack(out)[0]
        assert abs(got[0, 2, 3] - want.slope) < 1e-6 and abs(got[2, 2, 3] - want.p) < 1e-6


def test_trend_through_qgis_process_with_a_modified_method(qgis_process, tmp_path):
    from conftest import write_stack
    from oracles import pymannkendall_fixed
    import numpy as np
    rng = np.random.default_rng(4)
    data = (rng.normal(0, 1, (12, 3, 4)) + np.arange(12)[:, None, None] * 0.3).astype(np.float32)
    path = write_stack(tmp_path / "tsm.tif", data, [str(y) for y in range(2000, 2012)])
    out = str(tmp_path / "trend.tif")
    code, result, log = qgis_process.run("tsmv:trend", INPUT=path, METHOD=1, OUTPUT=out,
                                         SUMMARY=str(tmp_path / "s.csv"))
    assert code == 0, log
    got = read_stack(out)[0]
    want = pymannkendall_fixed().hamed_rao_modification_test(data[:, 2, 3].astype(np.float64))
    assert abs(got[0, 2, 3] - want.slope) < 1e-6 and abs(got[2, 2, 3] - want.p) < 1e-6
    code, _, log = qgis_process.run("tsmv:trend", INPUT=path, START_YEAR=1990, OUTPUT=out)
    assert code != 0 and "START_YEAR 1990 is outside the years of INPUT (2000-2011)" in log


def test_numba_cache_serves_plain_python_and_qgis(qgis_process, tmp_path, monkeypatch):
    """numba's disk cache records the import name: plain-Python and plugin use must not clash."""
    from conftest import write_stack
    import numpy as np
    shared = str(tmp_path / "kernels")  # one cache folder for both, as the plugin's __pycache__ is
    monkeypatch.setitem(qgis_process.env, "TSMV_NUMBA_CACHE_DIR", shared)
    code = ("import sys; sys.path.insert(0, %r); import numpy as np; "
            "from tsmv_qgis.kernels.mannkendall import original_test; "
            "print(original_test(np.arange(30.0).reshape(3, 10)).slope[0])" % ROOT)
    for _ in range(2):  # the second run loads what the first cached
        proc = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                              env=dict(os.environ, TSMV_NUMBA_CACHE_DIR=shared))
        assert proc.returncode == 0 and proc.stdout.strip() == "1.0", proc.stderr
    data = np.arange(120, dtype=np.float32).reshape(10, 3, 4)
    path = write_stack(tmp_path / "tsm.tif", data, [str(y) for y in range(2000, 2010)])
    for _ in range(2):
        code_, _, log = qgis_process.run("tsmv:trend", INPUT=path, OUTPUT=str(tmp_path / "t.tif"))
        assert code_ == 0, log
        assert read_stack(str(tmp_path / "t.tif"))[0][0, 1, 1] == 12.0
    assert sorted(os.listdir(shared)) == ["tsmv.tsmv_qgis.kernels.optional_numba", "tsmv_qgis.kernels.optional_numba"]


def test_attribution_through_qgis_process(qgis_process, tmp_path):
    from conftest import write_stack
    import numpy as np
    from tsmv.tsmv_qgis.steps.attribution import run_attribution
    rng = np.random.default_rng(8)
    labels = ["%d %s" % (y, s) for y in range(2001, 2011) for s in ("H-S", "SH-S", "SA-S", "A-S")]
    inputs = {k: write_stack(tmp_path / ("s_%s.tif" % k), rng.uniform(10, 90, (40, 3, 4)), labels)
              for k in LAYER_KEYS}
    names = ["COMPONENTS", "BY_SEASON", "BY_DEPTH", "BY_DYNAMIC", "OMEGA", "DOMINANT"]
    params = {"INPUT_" + k: v for k, v in inputs.items()}
    params.update({n: str(tmp_path / ("%s.tif" % n)) for n in names})
    code, result, log = qgis_process.run("tsmv:attribution", TABLE=str(tmp_path / "t.csv"), **params)
    assert code == 0, log
    core = {n.lower(): str(tmp_path / ("core_%s.tif" % n)) for n in names}
    run_attribution(inputs, core)
    for n in names:
        assert_same_nan(read_stack(result["results"][n])[0], read_stack(core[n.lower()])[0], rtol=0, atol=0)


def test_landcover_and_gpp_errors_through_qgis_process(qgis_process, tmp_path):
    from conftest import write_stack
    import numpy as np
    ref = write_stack(tmp_path / "ref.tif", np.zeros((1, 2, 2)), ["2000"])
    before = open(ref, "rb").read()
    (tmp_path / "none").mkdir()
    code, _, log = qgis_process.run("tsmv:gpp", INPUT=str(tmp_path / "none"), REFERENCE=ref,
                                    OUTPUT=str(tmp_path / "g.tif"))
    assert code != 0 and "holds no GOSIF GPP files" in log
    code, _, log = qgis_process.run("tsmv:landcover", INPUT=str(tmp_path / "MCD12C1.A2010001.061.hdf"),
                                    REFERENCE=ref, OUTPUT=str(tmp_path / "e.tif"))
    assert code != 0 and "MCD12C1.A2010001.061.hdf" in log
    # nothing written; QGIS itself may save band statistics of a loaded input as .aux.xml
    assert sorted(p.name for p in tmp_path.iterdir() if not p.name.endswith(".aux.xml")) == ["none", "ref.tif"]
    assert open(ref, "rb").read() == before
