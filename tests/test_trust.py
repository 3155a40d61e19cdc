"""What TSMV must read *correctly* rather than refuse, and the limits of its outputs: GLDAS
variables in any dimension order, descending latitude, layers with their bands in another
order, infinities in quality control, sums beyond float32, long and new output paths."""
import os
import shutil

import numpy as np
import pytest

from conftest import layer_paths, read_stack, write_stack
from test_hostile import rewrite_gldas, same
from tsmv.tsmv_qgis.steps.importing import import_gldas
from tsmv.tsmv_qgis.labels import LAYER_KEYS
from tsmv.tsmv_qgis.io.outputs import Outputs
from tsmv.tsmv_qgis.steps.qc import quality_control
from tsmv.tsmv_qgis.io.raster import Grid
from tsmv.tsmv_qgis.steps.seasons import run_seasons


def transpose_lon_lat(name, var):
    """(time, lat, lon) -> (time, lon, lat), same values."""
    return (("time", "lon", "lat"), np.swapaxes(var[:], 1, 2)) if var.ndim == 3 else same(name, var)


def flip_latitude(name, var):
    """Latitude north to south, the data flipped with it."""
    return (var.dimensions, var[::-1] if name == "lat" else var[:, ::-1, :] if var.ndim == 3 else var[:])


@pytest.mark.parametrize("change", [transpose_lon_lat, flip_latitude])
def test_gldas_read_by_dimension_name_and_orientation(example_dir, tmp_path, change):
    folder = str(tmp_path / "gldas")
    shutil.copytree(example_dir, folder)
    for name in sorted(os.listdir(folder)):
        if name.startswith("GLDAS_NOAH10_M.A1999"):
            rewrite_gldas(os.path.join(folder, name), change)
        else:
            os.remove(os.path.join(folder, name))
    want, got = layer_paths(tmp_path, "want"), layer_paths(tmp_path, "got")
    import_gldas(example_dir, want, start_year=1999, end_year=1999)
    import_gldas(folder, got)
    for k in LAYER_KEYS:
        a, labels_a, gt_a, _ = read_stack(want[k])
        b, labels_b, gt_b, _ = read_stack(got[k])
        np.testing.assert_array_equal(a, b)
        assert labels_a == labels_b and gt_a == gt_b


def test_layers_are_read_by_label_whatever_their_band_order(tmp_path):
    rng = np.random.default_rng(7)
    labels = ["%d-%02d" % (y, m) for y in (2001, 2002) for m in range(1, 13)]
    data = {k: rng.uniform(10, 100, (24, 3, 4)).astype(np.float32) for k in LAYER_KEYS}
    ordered = {k: write_stack(tmp_path / ("o_%s.tif" % k), data[k], labels) for k in LAYER_KEYS}
    order = rng.permutation(24)
    shuffled = dict(ordered, **{"10_40": write_stack(tmp_path / "s_10_40.tif", data["10_40"][order],
                                                     [labels[i] for i in order])})
    results = []
    for name, inputs in (("a", ordered), ("b", shuffled)):
        outputs = {"codes": str(tmp_path / (name + "_codes.tif")), "annual_tsm": str(tmp_path / (name + "_tsm.tif"))}
        outputs.update({"seasonal_" + k: str(tmp_path / ("%s_s_%s.tif" % (name, k))) for k in LAYER_KEYS})
        run_seasons(inputs, outputs)
        results.append({key: read_stack(path)[0] for key, path in outputs.items()})
    for key in results[0]:
        np.testing.assert_array_equal(results[0][key], results[1][key])


def test_quality_control_counts_infinities_as_values(tmp_path):
    values = np.array([1.0, np.inf, -np.inf, np.nan, 50.0, 120.0, -1.0, 3.0], np.float32).reshape(8, 1, 1)
    labels = ["2000-%02d" % m for m in range(1, 9)]
    inputs = {k: write_stack(tmp_path / ("in_%s.tif" % k), values, labels) for k in LAYER_KEYS}
    rows = quality_control(inputs, layer_paths(tmp_path, "qc"), report=str(tmp_path / "qc.csv"))
    row = rows[0]  # 0-10 cm, maximum 99.9: +inf and 120 above, -inf and -1 below
    assert (row.values, row.above_max, row.below_zero, row.masked) == (7, 2, 2, 4)
    assert row.percent_masked == pytest.approx(100 * 4 / 7)
    assert all(r.percent_masked <= 100 for r in rows)
    got = read_stack(layer_paths(tmp_path, "qc")["0_10"])[0].ravel()
    np.testing.assert_array_equal(got, [1, np.nan, np.nan, np.nan, 50, np.nan, np.nan, 3])


def test_sums_near_the_float32_maximum(tmp_path):
    """Ranking sums four layers in float64 (float32 would make both months infinite and tie them);
    an annual total beyond float32 is written as NaN with a warning, never as infinity."""
    big = np.float32(3.0e38)
    months = np.full((12, 1, 2), 1.0, np.float32)
    months[0:6, 0, 0], months[9, 0, 0] = big, np.float32(3.2e38)  # pixel 0: October is wettest
    labels = ["2000-%02d" % m for m in range(1, 13)]
    inputs = {k: write_stack(tmp_path / ("m_%s.tif" % k), months, labels) for k in LAYER_KEYS}
    outputs = {"codes": str(tmp_path / "codes.tif"), "annual_tsm": str(tmp_path / "tsm.tif")}
    outputs.update({"seasonal_" + k: str(tmp_path / ("s_%s.tif" % k)) for k in LAYER_KEYS})
    said = []
    run_seasons(inputs, outputs, log=said.append)
    codes = read_stack(outputs["codes"])[0][:, 0, 0]
    assert list(codes[[9, 0, 1, 2]]) == [1, 1, 1, 2]  # October, then January and February (ties: earlier)
    tsm = read_stack(outputs["annual_tsm"])[0][0, 0]
    assert np.isnan(tsm[0]) and tsm[1] == pytest.approx(4.0)
    assert any("outputs['annual_tsm']: 1 values beyond the float32 range were written as NaN" in m for m in said)
    assert read_stack(outputs["seasonal_0_10"])[0][0, 0, 0] == pytest.approx(9.2e38 / 3, rel=1e-6)


def test_a_250_character_output_name_and_a_new_folder(tmp_path):
    name = "x" * 246 + ".tif"
    folder = tmp_path / "new" / "deeper"
    with Outputs(rasters={"OUTPUT": str(folder / name)}) as out:
        out.stack("OUTPUT", Grid(0.0, 1.0, 1.0, 1.0, 2, 1), ["2000"], style=lambda s: "<qgis/>").write(
            np.ones((1, 1, 2)))
    assert sorted(os.listdir(folder)) == sorted([name, "x" * 246 + ".qml"])


def test_a_failed_run_removes_the_folders_it_made(tmp_path):
    folder = tmp_path / "new" / "deeper"
    with pytest.raises(RuntimeError):
        with Outputs(rasters={"OUTPUT": str(folder / "t.tif")}) as out:
            out.stack("OUTPUT", Grid(0.0, 1.0, 1.0, 1.0, 2, 1), ["2000"])
            raise RuntimeError("a bug")
    assert os.listdir(tmp_path) == []


@pytest.mark.parametrize("extent, message", [
    ((170.0, -10.0, -170.0, 10.0), r"^extent lon 170..-170: its west edge is east of its east edge, i\.e\. it "
                                   r"crosses the antimeridian; TSMV does not wrap longitudes"),
    ((170.0, -10.0, 190.0, 10.0), r"^extent lon 170..190 crosses the antimeridian \(the data run from lon -180 "
                                  r"to 180\); TSMV does not wrap longitudes"),
    ((-190.0, -10.0, -170.0, 10.0), r"^extent lon -190..-170 crosses the antimeridian"),
])
def test_extent_across_the_antimeridian_of_a_global_grid(tmp_path, extent, message):
    from tsmv.tsmv_qgis.errors import TsmvError
    from tsmv_example import make_gldas_example
    folder = str(tmp_path / "global")
    make_gldas_example(folder, 2001, 2001)
    with pytest.raises(TsmvError, match=message):
        import_gldas(folder, layer_paths(tmp_path / "out", "sm"), extent=extent)
    assert not os.path.exists(tmp_path / "out")
    import_gldas(folder, layer_paths(tmp_path / "ok", "sm"), extent=(170.0, -10.0, 180.0, 10.0))
    assert read_stack(layer_paths(tmp_path / "ok", "sm")["0_10"])[2][0] == 170.0


def test_gdal_with_exceptions_on_gives_named_refusals(tmp_path):
    """Newer GDAL bindings may raise instead of returning None: the refusal is worded the same."""
    from osgeo import gdal
    from tsmv.tsmv_qgis.errors import TsmvError
    from tsmv.tsmv_qgis.io.raster import Stack
    path = tmp_path / "x.tif"
    path.write_text("<html>not a raster</html>")
    with pytest.raises(TsmvError, match=r"^INPUT .*x\.tif: cannot open it") as without:
        Stack(str(path), "INPUT")
    gdal.UseExceptions()
    try:
        with pytest.raises(TsmvError) as raised:
            Stack(str(path), "INPUT")
    finally:
        gdal.DontUseExceptions()
    assert str(raised.value) == str(without.value)
