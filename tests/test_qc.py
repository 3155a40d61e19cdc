"""Quality control against a hand-written threshold mask."""
import os

import numpy as np
import pytest

from conftest import assert_same_nan, layer_paths, read_stack, recorded, snapshot
from tsmv.tsmv_qgis.io import raster
from tsmv.tsmv_qgis.errors import TsmvError
from tsmv.tsmv_qgis.steps.importing import import_gldas
from tsmv.tsmv_qgis.labels import LAYER_KEYS
from tsmv.tsmv_qgis.kernels.qc import mask_nonphysical
from tsmv.tsmv_qgis.steps.qc import quality_control

MAXIMA = {"0_10": 99.9, "10_40": 299.9, "40_100": 599.9, "100_200": 999.0}


@pytest.fixture(scope="module")
def imported(example_dir, tmp_path_factory):
    outputs = layer_paths(tmp_path_factory.mktemp("imported"), "sm")
    import_gldas(example_dir, outputs)
    return outputs


def test_mask_by_hand():
    x = np.array([-0.1, 0.0, 5.0, 99.9, 99.90001, np.nan, 1e4], np.float32)
    for backend in ("numba", "numpy"):
        out, below, above, missing = mask_nonphysical(x, np.float32(99.9), backend=backend)
        assert_same_nan(out, np.array([np.nan, 0, 5, 99.9, np.nan, np.nan, np.nan], np.float32))
        assert (below, above, missing) == (1, 2, 1)


@pytest.mark.parametrize("dtype", [np.float32, np.float64])
def test_mask_paths_agree(dtype):
    """The compiled pass and numpy's mask and count the same, on a flipped (non-contiguous)
    grid with infinities, in the values' own type."""
    rng = np.random.default_rng(3)
    x = rng.normal(50, 40, (40, 30)).astype(dtype)
    x[::7] = np.nan
    x[3, :4] = [np.inf, -np.inf, dtype(99.9), np.nextafter(dtype(99.9), dtype(200))]
    flipped = x[::-1]
    numba_result = mask_nonphysical(flipped, 99.9, backend="numba")
    numpy_result = mask_nonphysical(flipped, 99.9, backend="numpy")
    assert_same_nan(numba_result.values, numpy_result.values)
    assert numba_result[1:] == numpy_result[1:]
    hand = np.where((flipped < 0) | (flipped > dtype(99.9)), np.nan, flipped)
    assert_same_nan(numba_result.values, hand.astype(dtype))
    assert numba_result.values.dtype == dtype and numba_result.values.shape == flipped.shape
    assert numba_result.missing == int(np.isnan(x).sum()) and numba_result.above_max >= 2


def test_qc_equals_threshold_mask(imported, tmp_path):
    before = snapshot(os.path.dirname(imported["0_10"]))
    outputs = layer_paths(tmp_path, "qc")
    report = str(tmp_path / "qc.csv")
    rows = quality_control(imported, outputs, report=report)
    lines = open(report).read().splitlines()
    assert lines[0].split(",")[:4] == ["layer", "values", "masked", "percent_masked"]
    total_masked = 0
    for key, row, line in zip(LAYER_KEYS, rows, lines[1:]):
        x, labels, gt, _ = read_stack(imported[key])
        y, labels_out, gt_out, _ = read_stack(outputs[key])
        expected = np.where((x < 0) | (x > np.float32(MAXIMA[key])), np.nan, x)
        assert_same_nan(y, expected, rtol=0, atol=0)
        assert labels_out == labels and gt_out == gt
        valid = int(np.isfinite(x).sum())
        masked = int(((x < 0) | (x > np.float32(MAXIMA[key]))).sum())
        assert (row.values, row.masked) == (valid, masked)
        fields = line.split(",")
        assert int(fields[1]) == valid and int(fields[2]) == masked
        assert float(fields[3]) == pytest.approx(100.0 * masked / valid, abs=1e-6)
        total_masked += masked
        assert os.path.exists(outputs[key][:-4] + ".qml")
    assert total_masked > 0  # the example plants non-physical values
    assert snapshot(os.path.dirname(imported["0_10"])) == before


def test_qc_custom_maxima_and_tiles(imported, tmp_path, monkeypatch):
    monkeypatch.setattr(raster, "TILE_BYTES", 4 * 48 * 16 * 2)  # two rows a tile
    outputs = layer_paths(tmp_path, "qc")
    quality_control(imported, outputs, maxima={"0_10": 30.0})
    x = read_stack(imported["0_10"])[0]
    assert_same_nan(read_stack(outputs["0_10"])[0], np.where((x < 0) | (x > 30.0), np.nan, x))


def test_qc_refuses_unlabelled_stack(tmp_path):
    from osgeo import gdal
    path = str(tmp_path / "plain.tif")
    ds = gdal.GetDriverByName("GTiff").Create(path, 3, 2, 2, gdal.GDT_Float32)
    ds.SetGeoTransform((0, 1, 0, 2, 0, -1))
    ds = None
    with pytest.raises(TsmvError, match=r"inputs\['0_10'\] .*plain.tif: band 1 has no label"):
        quality_control({"0_10": path}, {"0_10": str(tmp_path / "out.tif")})
    assert sorted(os.listdir(tmp_path)) == ["plain.tif"]


def test_qc_while_importing_equals_import_then_qc(example_dir, imported, tmp_path):
    """One pass gives the two steps' files: values, labels, grid, metadata and the report."""
    custom = {"0_10": 20.0}  # masks many values, so that the counts say something
    separate, fused = layer_paths(tmp_path, "qc"), layer_paths(tmp_path, "fused")
    rows = quality_control(imported, separate, custom, report=str(tmp_path / "separate.csv"))
    result = import_gldas(example_dir, fused, quality_control=True, maxima=custom,
                          report=str(tmp_path / "fused.csv"))
    assert result.qc == rows and rows[0].masked > 100
    assert open(str(tmp_path / "fused.csv")).read() == open(str(tmp_path / "separate.csv")).read()
    for key in LAYER_KEYS:
        a, b = raster.Stack(separate[key]), raster.Stack(fused[key])
        assert recorded(a.metadata) == recorded(b.metadata) and a.metadata["QC_MAXIMUM"] == "%g" % dict(MAXIMA, **custom)[key]
        assert a.band_versions == b.band_versions
        want, got = read_stack(separate[key]), read_stack(fused[key])
        assert want[1:] == got[1:]
        np.testing.assert_array_equal(got[0], want[0])
    assert "QC_MAXIMUM" not in raster.Stack(imported["0_10"]).metadata
