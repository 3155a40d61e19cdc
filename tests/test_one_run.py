"""The seasonal stacks of attribution and correlation picked once (issue 27): given only the
0-10 cm stack, the other layers (and correlation's season codes) are taken from the run that
wrote it, which recorded where it wrote them (TSMV_FILES); a file counts only when it records
being that output of that run.  The results equal a run given every input; anything else is
refused by name, nothing published, inputs unchanged (test_hostile's assertions)."""
import json
import os
import shutil

import numpy as np
import pytest

from conftest import read_stack
from test_hostile import K, World, assert_case_refused, copy, valid
from tsmv.tsmv_qgis.io.lineage import FILES, OUTPUT, RUN


@pytest.fixture(scope="module")
def world(tmp_path_factory):
    w = World(str(tmp_path_factory.mktemp("one_run")))
    from tsmv.tsmv_qgis.steps.seasons import run_seasons
    p = lambda name: os.path.join(w.root, "by_layer", name)  # noqa: E731
    w.seasonal_layer = {k: p("seasonal_%s.tif" % k) for k in K}
    w.codes_layers = p("codes_layers.tif")
    outputs = {"codes": p("codes.tif"), "annual_tsm": p("annual.tif"), "codes_layers": w.codes_layers}
    outputs.update({"seasonal_" + k: v for k, v in w.seasonal_layer.items()})
    run_seasons(w.monthly, outputs, "layer")
    return w


def run(processing, algorithm, params):
    from qgis.core import QgsProcessingContext
    return processing.run("tsmv:" + algorithm, params, context=QgsProcessingContext())


def first_only(params):
    """``params`` with every layer but the first (and the season codes) left empty."""
    return {k: v for k, v in params.items() if not k.startswith("INPUT_") or k == "INPUT_0_10"
            if k != "SEASON_CODES"}


def rasters(results, names):
    return {name: read_stack(results[name])[0] for name in names}


def assert_same_results(full, filled, names):
    for name, array in rasters(full, names).items():
        np.testing.assert_array_equal(rasters(filled, [name])[name], array, err_msg=name)


def test_a_run_records_where_it_wrote_each_raster_and_each_file_says_which_output_it_is(world):
    from osgeo import gdal
    metadata = gdal.Open(world.seasonal["0_10"]).GetMetadata()
    files = json.loads(metadata[FILES])
    expected = dict({"outputs.codes": world.codes, "outputs.annual_tsm": world.annual},
                    **{"outputs.seasonal_" + k: world.seasonal[k] for k in K})
    assert files == {k: os.path.abspath(v) for k, v in expected.items()}
    for output, path in files.items():
        other = gdal.Open(path).GetMetadata()
        assert (other[RUN], other[OUTPUT], json.loads(other[FILES])) == (metadata[RUN], output, files)


@pytest.mark.parametrize("algorithm, names", [
    ("attribution", ("COMPONENTS", "OMEGA", "DOMINANT")),
    ("correlation", ("R", "P"))])
def test_given_only_the_first_layer_the_others_come_from_its_run_with_the_same_results(
        tsmv_processing, world, tmp_path, algorithm, names):
    full = run(tsmv_processing, algorithm, valid(algorithm, world, str(tmp_path / "full")))
    params = first_only(valid(algorithm, world, str(tmp_path / "filled")))
    assert "INPUT_10_40" not in params and "INPUT_100_200" not in params
    filled = run(tsmv_processing, algorithm, params)
    assert_same_results(full, filled, names)
    with open(full["TABLE"]) as a, open(filled["TABLE"]) as b:
        assert a.read() == b.read()


def test_stacks_moved_together_are_found_beside_the_first(tsmv_processing, world, tmp_path):
    moved = tmp_path / "moved"
    moved.mkdir()
    for k in K:
        shutil.copy(world.seasonal[k], moved / os.path.basename(world.seasonal[k]))
    shutil.copy(world.codes, moved / os.path.basename(world.codes))
    full = run(tsmv_processing, "correlation", valid("correlation", world, str(tmp_path / "full")))
    params = first_only(valid("correlation", world, str(tmp_path / "filled")))
    params["INPUT_0_10"] = str(moved / os.path.basename(world.seasonal["0_10"]))
    assert_same_results(full, run(tsmv_processing, "correlation", params), ("R", "P"))


def test_stacks_ranked_by_layer_take_that_runs_codes_of_each_layer(tsmv_processing, world, tmp_path):
    params = valid("correlation", world, str(tmp_path / "full"))
    params.update({"INPUT_" + k: world.seasonal_layer[k] for k in K}, SEASON_CODES=world.codes_layers)
    full = run(tsmv_processing, "correlation", params)
    filled_params = first_only(dict(params, **{n: str(tmp_path / "filled" / os.path.basename(v))
                                               for n, v in params.items() if n in ("R", "P", "TABLE")}))
    assert_same_results(full, run(tsmv_processing, "correlation", filled_params), ("R", "P"))


def own_seasons_run(change):
    """The first layer of a seasons run made in the case's folder, after ``change(outputs)`` (its
    {key: file}) altered what that run wrote."""
    def make(bad):
        from tsmv.tsmv_qgis.steps.seasons import run_seasons
        folder = os.path.join(bad.folder, "run")
        outputs = {"codes": os.path.join(folder, "codes.tif"), "annual_tsm": os.path.join(folder, "annual.tif")}
        outputs.update({"seasonal_" + k: os.path.join(folder, "seasonal_%s.tif" % k) for k in K})
        run_seasons(bad.world.monthly, outputs, "total")
        change(outputs)
        return outputs["seasonal_0_10"]
    return make


def replace_with_another_runs(k):
    """Layer ``k`` replaced by the world's stack of that layer (the same data, another run)."""
    return own_seasons_run(lambda outputs: shutil.copy(WORLD_STACKS[k], outputs["seasonal_" + k]))


WORLD_STACKS = {}


def without_lineage(bad):
    """A copy of the first seasonal stack that records no TSMV run."""
    return copy(bad.world.seasonal["0_10"], metadata={})(bad)


@pytest.mark.parametrize("algorithm, changes, message", [
    ("attribution", {"INPUT_10_40": None}, None),  # the control: only this one left empty works
    ("attribution", {"INPUT_0_10": None},
     r"^INPUT_0_10 is required"),  # by QGIS; from Python, see below
    ("attribution", {"INPUT_40_100": None, "INPUT_0_10": without_lineage},
     r"^INPUT_40_100 is empty, and INPUT_0_10 .* is not a seasonal stack of a TSMV run .*give INPUT_40_100"),
    ("attribution", {"INPUT_10_40": None, "INPUT_40_100": None, "INPUT_100_200": None,
                     "INPUT_0_10": replace_with_another_runs("10_40")},
     r"^INPUT_10_40 is empty, and the run that wrote INPUT_0_10 .* left no such file"),
    ("correlation", {"SEASON_CODES": None, "INPUT_0_10": own_seasons_run(lambda outputs: os.remove(outputs["codes"]))},
     r"^SEASON_CODES is empty, and the run that wrote INPUT_0_10 .* left no such file"),
    ("correlation", {"SEASON_CODES": None, "INPUT_0_10": lambda bad: bad.world.seasonal_layer["0_10"],
                     "INPUT_10_40": lambda bad: bad.world.seasonal_layer["10_40"],
                     "INPUT_40_100": lambda bad: bad.world.seasonal_layer["40_100"],
                     "INPUT_100_200": lambda bad: bad.world.seasonal_layer["100_200"]}, None),
], ids=["control", "no-first", "first-not-tsmv", "sibling-replaced", "codes-not-beside", "by-layer-codes"])
def test_what_cannot_be_found_in_the_run_is_refused_naming_what_to_give(tsmv_processing, world, tmp_path,
                                                                         algorithm, changes, message):
    WORLD_STACKS.update(world.seasonal)
    changes = {k: ("" if v is None else v) for k, v in changes.items()}
    if message is None:  # works: what the run recorded is there
        from test_hostile import Bad, _resolve
        bad = Bad(str(tmp_path / "bad"), world)
        params = valid(algorithm, world, str(tmp_path / "out"))
        params.update({n: _resolve(v, bad, str(tmp_path / "out")) for n, v in changes.items()})
        results = run(tsmv_processing, algorithm, params)
        assert os.path.isfile(results["TABLE"])
        return
    assert_case_refused(tsmv_processing, world, tmp_path, algorithm, changes, message)


def test_from_python_an_empty_first_layer_is_refused_naming_it():
    from tsmv.tsmv_qgis.errors import TsmvError
    from tsmv.tsmv_qgis.io.raster import seasonal_files
    with pytest.raises(TsmvError, match=r"^inputs\['0_10'\] is empty: give the first layer's"):
        seasonal_files({k: None for k in K})
