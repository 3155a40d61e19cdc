"""The GLDAS reader through GDAL (``TSMV_NETCDF=gdal``), as it reads where netCDF4 is missing
(QGIS's Windows and macOS installers): the same numbers, outputs and refusals as through netCDF4."""
import glob
import hashlib
import inspect
import os
import shutil
import subprocess
import sys

import netCDF4
import numpy as np
import pytest
from osgeo import gdal

import test_gldas
import test_hostile
import test_trust
from conftest import REAL_GLDAS, ROOT, layer_paths, recorded
from tsmv.tsmv_qgis.io import netcdf
from tsmv.tsmv_qgis.errors import TsmvError
from tsmv_example import make_gldas_example
from tsmv.tsmv_qgis.steps.importing import import_gldas
from tsmv.tsmv_qgis.products.reader import parse_name, read_file

REAL = sorted(glob.glob(os.path.join(REAL_GLDAS, "*.nc4")))


def use(monkeypatch, backend):
    """Read with ``backend``, "gdal" or "netCDF4" (the default where it is installed)."""
    if backend == "gdal":
        monkeypatch.setenv("TSMV_NETCDF", "gdal")
    else:
        monkeypatch.delenv("TSMV_NETCDF", raising=False)


@pytest.fixture
def gdal_path(monkeypatch):
    """Read through GDAL; the list of files it opened, to prove it did.  GDAL's exception
    setting must be as it was."""
    exceptions = gdal.GetUseExceptions()
    use(monkeypatch, "gdal")
    opened = []

    class Counted(netcdf.GdalDataset):
        def __init__(self, path):
            opened.append(path)
            super().__init__(path)
    monkeypatch.setattr(netcdf, "GdalDataset", Counted)
    yield opened
    assert gdal.GetUseExceptions() == exceptions


def digests(paths):
    """sha256 of what each GeoTIFF holds: its grid, CRS and metadata (without the lineage, whose
    run ids differ from run to run), and every band's label, metadata, nodata, type and bytes."""
    from osgeo import gdal
    found = {}
    for key, path in paths.items():
        ds = gdal.Open(path)
        digest = hashlib.sha256(repr((ds.GetGeoTransform(), ds.GetProjection(),
                                      sorted(recorded(ds.GetMetadata()).items()))).encode())
        for b in range(ds.RasterCount):
            band = ds.GetRasterBand(b + 1)
            digest.update(repr((band.GetDescription(), sorted((band.GetMetadata() or {}).items()),
                                band.GetNoDataValue(), band.DataType)).encode())
            digest.update(band.ReadRaster())
        found[key] = digest.hexdigest()
    return found


# --- the adapter against netCDF4 itself -------------------------------------------------------

@pytest.mark.parametrize("path", REAL)
def test_adapter_reads_what_netcdf4_reads(path):
    """Names, dimensions, attributes (value and type) and raw values of every variable."""
    with netCDF4.Dataset(path) as want, netcdf.GdalDataset(path) as got:
        assert list(got.variables) == list(want.variables)
        assert {k: len(d) for k, d in got.dimensions.items()} == {k: len(d) for k, d in want.dimensions.items()}
        pairs = [(want, got)] + [(v, got.variables[k]) for k, v in want.variables.items()]
        for a, b in pairs:
            for name in a.ncattrs():
                x, y = a.getncattr(name), getattr(b, name)
                assert type(y) is type(x) and np.array_equal(y, x), name
        assert getattr(got, "no_such_attribute", None) is None and "no_such_variable" not in got.variables
        for name, a in want.variables.items():
            b = got.variables[name]
            a.set_auto_maskandscale(False)
            b.set_auto_maskandscale(False)
            assert (b.dimensions, b.shape, b.dtype) == (a.dimensions, a.shape, a.dtype)
            indices = [slice(None), 0, -1]
            if a.ndim == 3:
                indices += [(0, slice(3, 50), slice(1000, 1400, 7)), (-1, slice(None, None, -3), 5),
                            (slice(None), slice(590, 700), slice(None)), (0, slice(9, 9))]
            for index in indices:
                x, y = a[index], b[index]
                assert y.dtype == x.dtype and y.shape == x.shape, index
                np.testing.assert_array_equal(y, x)


def test_adapter_refuses_indices_out_of_range():
    with netcdf.GdalDataset(REAL[0]) as ds:
        var = ds.variables["SoilMoi0_10cm_inst"]
        for index in [(1, 0, 0), (0, -601, 0), (0, 0, 0, 0)]:
            with pytest.raises(IndexError):
                var[index]


# --- the reader: the real files and the example files, value for value, bit for bit -----------

@pytest.mark.parametrize("window", [None, (slice(0, 600), slice(0, 1440)),
                                    (slice(123, 345), slice(1000, 1440)), (slice(599, 600), slice(7, 8))])
def test_real_files_read_alike(monkeypatch, window):
    for path in REAL:
        with netCDF4.Dataset(path) as ds:
            variables = sorted(v for v in ds.variables if v.startswith("SoilMoi"))
        read = {}
        for backend in ("netCDF4", "gdal"):
            use(monkeypatch, backend)
            read[backend] = read_file(parse_name(path), variables, window)[0]
        assert len(read["gdal"]) == len(variables) == 2
        for got, want in zip(read["gdal"], read["netCDF4"]):
            assert got.dtype == np.float32 and np.isnan(got).any() == np.isnan(want).any()
            np.testing.assert_array_equal(got, want)  # NaN where netCDF4 has NaN


def test_import_gives_identical_geotiffs(example_dir, tmp_path, monkeypatch):
    outputs = {}
    for backend in ("netCDF4", "gdal"):
        use(monkeypatch, backend)
        outputs[backend] = layer_paths(tmp_path / backend, "sm")
        import_gldas(example_dir, outputs[backend])
    assert digests(outputs["gdal"]) == digests(outputs["netCDF4"])


NO_NETCDF4 = r"""
import sys
sys.modules["netCDF4"] = None  # import netCDF4 -> ImportError, as in QGIS's Windows and macOS builds
sys.path.insert(0, sys.argv[1])
from tsmv_qgis.steps.importing import import_gldas
from tsmv_qgis.labels import LAYER_KEYS
import_gldas(sys.argv[2], {k: "%s/sm_%s.tif" % (sys.argv[3], k) for k in LAYER_KEYS})
print("ok")
"""


def test_import_without_netcdf4(example_dir, tmp_path, monkeypatch):
    use(monkeypatch, "netCDF4")
    want = layer_paths(tmp_path / "want", "sm")
    import_gldas(example_dir, want)
    (tmp_path / "got").mkdir()
    env = {k: v for k, v in os.environ.items() if k != "TSMV_NETCDF"}
    proc = subprocess.run([sys.executable, "-c", NO_NETCDF4, ROOT, example_dir, str(tmp_path / "got")],
                          capture_output=True, text=True, env=env)
    assert proc.returncode == 0 and proc.stdout == "ok\n", proc.stderr
    assert digests(layer_paths(tmp_path / "got", "sm")) == digests(want)


def test_neither_netcdf4_nor_gdal_driver_is_said_at_once(example_dir, tmp_path, monkeypatch):
    use(monkeypatch, "gdal")
    monkeypatch.setattr(netcdf, "_gdal_driver", lambda: None)
    with pytest.raises(TsmvError, match=r"needs GDAL's netCDF driver or the Python package netCDF4.*"
                                        r"python3-netcdf4"):
        import_gldas(example_dir, layer_paths(tmp_path, "sm"))


# --- the tests of test_gldas and test_trust that open files, run again through GDAL -----------

AGAIN = [(test, {}) for test in (
    test_gldas.test_real_files_read_like_netcdf4,
    test_gldas.test_real_3hourly_files_average_to_the_month,
    test_gldas.test_real_files_import_upper_layers,
    test_gldas.test_real_files_lack_deep_layers,
    test_gldas.test_import_equals_example_files,
    test_gldas.test_import_span_and_extent,
    test_gldas.test_versions_overlap_newer_wins_unless_asked,
    test_gldas.test_renamed_file_dated_by_begin_date,
    test_gldas.test_single_file_input,
    test_gldas.test_a_failing_write_leaves_nothing,
)] + [(test_gldas.test_bad_input_is_refused_by_name, dict(zip(("spoil", "match", "arguments"), case[1:])))
      for case in test_gldas.BAD_INPUTS if case[0] in ("grids differ", "truncated file", "not netCDF",
                                                       "begin_date disagrees with the name")] + [(test_trust.test_gldas_read_by_dimension_name_and_orientation, {"change": change})
      for change in (test_trust.transpose_lon_lat, test_trust.flip_latitude)]


@pytest.mark.parametrize("test, given", AGAIN, ids=["%s%s" % (test.__name__, "".join(
    "-" + v.__name__ for v in given.values() if callable(v))) for test, given in AGAIN])
def test_again_through_gdal(gdal_path, request, test, given):
    test(**given, **{name: request.getfixturevalue(name)
                     for name in inspect.signature(test).parameters if name not in given})
    assert gdal_path


def test_gdal_with_exceptions_on(gdal_path, example_dir, clean_copy, tmp_path):
    """Bindings with exceptions on raise RuntimeError instead of returning None: the same reads
    and the same refusal."""
    was = gdal.GetUseExceptions()
    gdal.UseExceptions()
    try:
        test_gldas.test_real_files_read_like_netcdf4()
        _, spoil, match, arguments = next(c for c in test_gldas.BAD_INPUTS if c[0] == "not netCDF")
        test_gldas.test_bad_input_is_refused_by_name(spoil, match, arguments, example_dir, clean_copy, tmp_path)
    finally:
        gdal.UseExceptions() if was else gdal.DontUseExceptions()


# --- the GLDAS files of test_hostile: refused alike ------------------------------------------

@pytest.fixture(scope="module")
def hostile_dir(tmp_path_factory):
    """One year of example files holding the month test_hostile's changes rewrite (2003-05)."""
    folder = str(tmp_path_factory.mktemp("hostile") / "gldas")
    make_gldas_example(folder, 2003, 2003, extent=test_hostile.EXTENT, seed=5)
    return folder


@pytest.mark.parametrize("change", [
    test_hostile.two_time_steps, test_hostile.lon_descending, test_hostile.other_dims,
    test_hostile.drop_variable, test_hostile.html_instead, test_hostile.cut_file,
], ids=["two_time_steps", "lon_descending", "other_dims", "drop_variable", "html_instead", "cut_file"])
def test_hostile_files_refused_alike(hostile_dir, tmp_path, monkeypatch, change):
    folder = str(tmp_path / "gldas")
    shutil.copytree(hostile_dir, folder)
    change(folder)
    said = {}
    for backend in ("netCDF4", "gdal"):
        use(monkeypatch, backend)
        out = tmp_path / backend
        with pytest.raises(TsmvError) as raised:
            import_gldas(folder, layer_paths(out, "sm"))
        said[backend] = str(raised.value)
        assert not out.exists() or os.listdir(out) == []
    assert test_hostile.gldas_name(2003, 5) in said["gdal"]
    if "not a readable netCDF file" in said["netCDF4"]:  # the reason in brackets is the library's
        assert said["gdal"].split(" (")[0] == said["netCDF4"].split(" (")[0]
    else:
        assert said["gdal"] == said["netCDF4"]
