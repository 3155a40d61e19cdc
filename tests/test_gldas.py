"""The GLDAS reader and importer, against netCDF4's own reads (real and example files)."""
import glob
import os
import shutil

import netCDF4
import numpy as np
import pytest

from conftest import REAL_GLDAS, SMALL_EXTENT, assert_same_nan, layer_paths, read_stack, snapshot
from tsmv.tsmv_qgis.errors import TsmvError
from tsmv_example import make_gldas_example
from tsmv.tsmv_qgis.steps.importing import import_gldas
from tsmv.tsmv_qgis.products.reader import find_files, parse_name, plan_months, read_file, read_month
from tsmv.tsmv_qgis.labels import LAYER_KEYS, LAYER_VARIABLES

REAL = sorted(glob.glob(os.path.join(REAL_GLDAS, "*.nc4")))
assert len(REAL) == 2, "the real GLDAS files are not in %s (tests/data/gldas_real, or set " \
    "TSMV_REAL_GLDAS)" % REAL_GLDAS
TOP_TWO = LAYER_VARIABLES[:2]


def netcdf4_read(path, variable):
    """netCDF4's own masked read, as float64 with NaN, in file (south-to-north) order."""
    with netCDF4.Dataset(path) as ds:
        return ds.variables[variable][0].astype(np.float64).filled(np.nan)


# --- file names ---------------------------------------------------------------------------

@pytest.mark.parametrize("name, expected", [
    ("GLDAS_NOAH10_M.A194801.020.nc4", (1948, 1, "2.0", "M", "")),
    ("GLDAS_NOAH025_M.A200001.021.nc4", (2000, 1, "2.1", "M", "")),
    ("GLDAS_NOAH10_M.A201412.021.nc4.SUB.nc4", (2014, 12, "2.1", "M", "")),
    ("GLDAS_NOAH025_M.A200305.021.SUB.nc4", (2003, 5, "2.1", "M", "")),
    ("GLDAS_NOAH025_3H.A20160101.0300.021.nc4", (2016, 1, "2.1", "3H", "010300")),
])
def test_parse_name(name, expected):
    f = parse_name("/x/" + name)
    assert (f.year, f.month, f.version, f.step, f.stamp) == expected


@pytest.mark.parametrize("name", ["GLDAS_NOAH10_M.A1948.020.nc4", "notes.txt",
                                  "GLDAS_NOAH10_M.A194801.020.nc"])
def test_parse_name_rejects(name):
    assert parse_name(name) is None


# --- the real GLDAS V2.1 files ------------------------------------------------------------

def test_real_files_read_like_netcdf4():
    """Values, fill (-9999 -> NaN) and orientation (north-up = file rows reversed)."""
    for path in REAL:
        arrays, grid = read_file(parse_name(path), TOP_TWO)
        assert grid.south_up
        for variable, array in zip(TOP_TWO, arrays):
            expected = netcdf4_read(path, variable)[::-1]
            assert array.shape == (600, 1440) and array.dtype == np.float32
            assert np.isnan(array).any() and not (array == -9999).any()
            assert_same_nan(array, expected, rtol=0, atol=0)
        out = grid.grid(grid.window())
        assert (out.x0, out.y0, out.dx, out.dy) == (-180.0, 90.0, 0.25, 0.25)


def test_real_3hourly_files_average_to_the_month():
    files = [parse_name(p) for p in REAL]
    means, _ = read_month(files, TOP_TWO)
    for variable, mean in zip(TOP_TWO, means):
        a, b = (netcdf4_read(p, variable)[::-1] for p in REAL)
        expected = np.where(np.isnan(a), b, np.where(np.isnan(b), a, (a + b) / 2))
        assert_same_nan(mean, expected, rtol=1e-6)


def test_real_files_import_upper_layers(tmp_path):
    outputs = {"0_10": str(tmp_path / "a.tif"), "10_40": str(tmp_path / "b.tif")}
    logged = []
    result = import_gldas(REAL_GLDAS, outputs, log=logged.append)
    assert result.months == 1 and result.files == 2 and result.first == "2016-01"
    assert any("2 of 248 3-hourly files" in m for m in logged)
    data, labels, gt, wkt = read_stack(outputs["0_10"])
    assert labels == ["2016-01"] and gt == (-180.0, 0.25, 0.0, 90.0, 0.0, -0.25)
    assert 'AUTHORITY["EPSG","4326"]]' in wkt
    a, b = (netcdf4_read(p, LAYER_VARIABLES[0])[::-1] for p in REAL)
    assert_same_nan(data[0], np.where(np.isnan(a), b, np.where(np.isnan(b), a, (a + b) / 2)),
                    rtol=1e-6)


def test_real_files_lack_deep_layers(tmp_path):
    before = snapshot(REAL_GLDAS)
    with pytest.raises(TsmvError) as e:
        import_gldas(REAL_GLDAS, layer_paths(tmp_path, "sm"))
    assert "SoilMoi40_100cm_inst" in str(e.value) and "GLDAS_NOAH025_3H.A20160101.0300" in str(e.value)
    assert os.listdir(tmp_path) == []
    assert snapshot(REAL_GLDAS) == before


# --- the example files --------------------------------------------------------------------

def test_import_equals_example_files(example_dir, tmp_path):
    before = snapshot(example_dir)
    outputs = layer_paths(tmp_path, "sm")
    result = import_gldas(example_dir, outputs)
    assert (result.months, result.first, result.last) == (48, "1998-01", "2001-12")
    paths = sorted(glob.glob(os.path.join(example_dir, "*.nc4")))
    assert len(paths) == 48 and ".020.nc4" in paths[0] and ".021.nc4" in paths[-1]
    for key, variable in zip(LAYER_KEYS, LAYER_VARIABLES):
        data, labels, gt, _ = read_stack(outputs[key])
        expected = np.stack([netcdf4_read(p, variable)[::-1] for p in paths])
        assert labels[0] == "1998-01" and labels[13] == "1999-02" and labels[-1] == "2001-12"
        assert_same_nan(data, expected, rtol=0, atol=0)
        assert np.isnan(data).any() and (data > 0).any()
        assert os.path.exists(outputs[key][:-4] + ".qml")
    assert gt == (SMALL_EXTENT[0], 1.0, 0.0, SMALL_EXTENT[3], 0.0, -1.0)
    assert snapshot(example_dir) == before


def test_import_span_and_extent(example_dir, tmp_path):
    outputs = {"0_10": str(tmp_path / "a.tif")}
    import_gldas(example_dir, outputs, start_year=1999, end_year=2000, extent=(-4.5, 33.2, 0.5, 35.0))
    data, labels, gt, _ = read_stack(outputs["0_10"])
    assert labels[0] == "1999-01" and labels[-1] == "2000-12" and len(labels) == 24
    # Cells overlapping lon -4.5..0.5 are -5..1 (6 columns); lat 33.2..35 -> 33..35 (2 rows).
    assert gt == (-5.0, 1.0, 0.0, 35.0, 0.0, -1.0) and data.shape == (24, 2, 6)
    path = os.path.join(example_dir, "GLDAS_NOAH10_M.A199903.020.nc4")
    full = netcdf4_read(path, LAYER_VARIABLES[0])[::-1]  # rows from 42 N, cols from 10 W
    assert_same_nan(data[2], full[42 - 35:42 - 33, 5:11], rtol=0, atol=0)


def test_versions_overlap_newer_wins_unless_asked(tmp_path):
    v20 = str(tmp_path / "v20")
    make_gldas_example(v20, 1999, 2000, extent=(0, 0, 3, 3), seed=1)
    v21 = str(tmp_path / "v21")
    make_gldas_example(v21, 2000, 2000, extent=(0, 0, 3, 3), seed=2)
    # Relabel a copy of seed 1's year 2000 as V2.0, so both versions cover 2000.
    folder = str(tmp_path / "both")
    shutil.copytree(v21, folder)
    for path in glob.glob(os.path.join(v20, "*.nc4")):
        shutil.copy(path, os.path.join(folder, os.path.basename(path).replace(".021.", ".020.")))
    logged = []
    for prefer_newer, source in ((True, v21), (False, v20)):
        out = str(tmp_path / ("new.tif" if prefer_newer else "old.tif"))
        import_gldas(folder, {"0_10": out}, start_year=2000, prefer_newer=prefer_newer,
                     log=logged.append)
        data = read_stack(out)[0]
        expected = np.stack([netcdf4_read(p, LAYER_VARIABLES[0])[::-1] for p in
                             sorted(glob.glob(os.path.join(source, "*A2000*.nc4")))])
        assert_same_nan(data, expected, rtol=0, atol=0)
    assert any("V2.1 and V2.0 overlap in 12 months" in m for m in logged)


def test_renamed_file_dated_by_begin_date(example_dir, tmp_path):
    folder = tmp_path / "renamed"
    folder.mkdir()
    for path in sorted(glob.glob(os.path.join(example_dir, "*A2001*.nc4"))):
        shutil.copy(path, folder / ("sm_%s.nc4" % os.path.basename(path)[16:22]))
    files = find_files(str(folder))
    assert [(f.year, f.month, f.version, f.step) for f in files][:2] == [
        (2001, 1, "2.1", "M"), (2001, 2, "2.1", "M")]


def test_single_file_input(example_dir, tmp_path):
    path = os.path.join(example_dir, "GLDAS_NOAH10_M.A200007.021.nc4")
    out = str(tmp_path / "one.tif")
    import_gldas(path, {"0_10": out})
    assert read_stack(out)[1] == ["2000-07"]


def test_plan_spans_and_missing_months(example_dir):
    files = find_files(example_dir)
    plan = plan_months(files)
    assert plan[0][0] == (1998, 1) and plan[-1][0] == (2001, 12) and len(plan) == 48


# --- bad input: a clear error naming the culprit, nothing written, inputs untouched -------

def _bad(tmp_path, source, match, **kw):
    before = snapshot(source) if os.path.isdir(source) else None
    out = tmp_path / "out"
    with pytest.raises(TsmvError, match=match):
        import_gldas(source, layer_paths(out, "sm"), **kw)
    assert not out.exists() or os.listdir(out) == []
    if before is not None:
        assert snapshot(source) == before


def untouched(example_dir, clean_copy, tmp_path):
    return example_dir


def empty_folder(example_dir, clean_copy, tmp_path):
    (tmp_path / "empty").mkdir()
    return str(tmp_path / "empty")


def missing_month(example_dir, clean_copy, tmp_path):
    folder = clean_copy(example_dir)
    os.remove(os.path.join(folder, "GLDAS_NOAH10_M.A199907.020.nc4"))
    return folder


def second_copy_of_a_month(example_dir, clean_copy, tmp_path):
    folder = clean_copy(example_dir)
    os.makedirs(os.path.join(folder, "again"))
    shutil.copy(os.path.join(folder, "GLDAS_NOAH10_M.A200003.021.nc4"),
                os.path.join(folder, "again", "GLDAS_NOAH10_M.A200003.021.nc4.SUB.nc4"))
    return folder


def a_month_on_another_grid(example_dir, clean_copy, tmp_path):
    folder = clean_copy(example_dir)
    other = str(tmp_path / "other")
    make_gldas_example(other, 2001, 2001, extent=(0, 0, 4, 4), seed=0)
    shutil.copy(os.path.join(other, "GLDAS_NOAH10_M.A200105.021.nc4"), folder)
    return folder


def truncated_file(example_dir, clean_copy, tmp_path):
    folder = clean_copy(example_dir)
    path = os.path.join(folder, "GLDAS_NOAH10_M.A200002.021.nc4")
    with open(path, "rb") as f:
        head = f.read(2000)
    with open(path, "wb") as f:
        f.write(head)
    return folder


def login_page_instead_of_a_file(example_dir, clean_copy, tmp_path):
    folder = clean_copy(example_dir)
    with open(os.path.join(folder, "GLDAS_NOAH10_M.A199811.020.nc4"), "w") as f:
        f.write("<html>Please log in to Earthdata</html>")
    return folder


def two_months_swapped(example_dir, clean_copy, tmp_path):
    folder = clean_copy(example_dir)
    a = os.path.join(folder, "GLDAS_NOAH10_M.A200101.021.nc4")
    b = os.path.join(folder, "GLDAS_NOAH10_M.A200102.021.nc4")
    os.rename(a, a + ".tmp")
    os.rename(b, a)
    os.rename(a + ".tmp", b)
    return folder


#: (id, how the input is spoiled, the refusal, import_gldas arguments)
BAD_INPUTS = [
    ("empty folder", empty_folder, "holds no GLDAS-Noah files", {}),
    ("missing month", missing_month, "^source: no GLDAS file for 1999-07", {}),
    ("months before the data", untouched, r"^source: no GLDAS file for 1990-01 and 95 other months",
     {"start_year": 1990}),
    ("years after the data", untouched, r"^start_year..end_year \(2030-01..2031-12\): no GLDAS file of source covers these months",
     {"start_year": 2030, "end_year": 2031}),
    ("two files for one month", second_copy_of_a_month,
     r"^source .*A200003.021.nc4 and .*again/.*A200003.021.nc4.SUB.nc4: two files for 2000-03 of V2.1", {}),
    ("grids differ", a_month_on_another_grid, r"^source .*A200105.021.nc4 is on another grid", {}),
    ("truncated file", truncated_file, r"^source .*A200002.021.nc4: cannot read", {}),
    ("not netCDF", login_page_instead_of_a_file, r"^source .*A199811.020.nc4: cannot read it, not a readable netCDF file",
     {}),
    ("begin_date disagrees with the name", two_months_swapped,
     r"^source .*A200101.021.nc4: its name says 2001-01 but its time:begin_date is 20010201", {}),
    ("start after end", untouched, r"start_year \(2001\) is after end_year \(1999\)",
     {"start_year": 2001, "end_year": 1999}),
    ("extent outside the data", untouched, r"extent \(lon 100..120, lat -20..0\) lies outside the data",
     {"extent": (100, -20, 120, 0)}),
]


@pytest.mark.parametrize("spoil, match, arguments", [case[1:] for case in BAD_INPUTS],
                         ids=[case[0] for case in BAD_INPUTS])
def test_bad_input_is_refused_by_name(spoil, match, arguments, example_dir, clean_copy, tmp_path):
    _bad(tmp_path, spoil(example_dir, clean_copy, tmp_path), match, **arguments)


def test_a_failing_write_leaves_nothing(example_dir, tmp_path, monkeypatch):
    """An error on the write-behind thread reaches the caller; no output is left."""
    from tsmv.tsmv_qgis.io import raster
    original = raster.StackWriter.write

    def write(self, array, band0=0, row0=0):
        if band0 == 5:
            raise OSError("No space left on device")
        return original(self, array, band0, row0)
    monkeypatch.setattr(raster.StackWriter, "write", write)
    out = tmp_path / "out"
    with pytest.raises(OSError, match="No space left on device"):
        import_gldas(example_dir, layer_paths(out, "sm"))
    assert not os.path.exists(out)  # the folder the run made is gone too
