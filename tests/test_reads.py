"""Reads that do not trust the file (issue 24, class 3), one table per product.

Each row writes its input with GDAL or netCDF4 directly and gives the outcome: the values the
run must publish (computed by hand from what was written) or the first line of its refusal
(the parameter, then the file).  Every row also checks that a refusal publishes nothing, that no
``.tsmv-*`` temporary is left and that the inputs are unchanged.  A row with a named pipe runs
under :func:`unblocked`: a reader stuck on the pipe is freed after a while and the row fails
instead of hanging.
"""
import contextlib
import gzip
import hashlib
import os
import re
import shutil
import threading
import time

import numpy as np
import pytest
from osgeo import gdal, osr

from conftest import assert_same_nan, read_stack, write_stack
from test_hostile import assert_refused, same
from tsmv.tsmv_qgis.errors import TsmvError
from tsmv.tsmv_qgis.labels import LAYER_KEYS, LAYER_VARIABLES

NAN = np.nan
#: The reference grid of the GOSIF and land-cover rows: 2 x 2 cells of 1 degree from (0, 2),
#: i.e. 40 x 40 cells of 0.05 degree.
REF_GT = (0.0, 1.0, 0.0, 2.0, 0.0, -1.0)
FINE_GT = (0.0, 0.05, 0.0, 2.0, 0.0, -0.05)


def raster(path, array, dtype="UInt16", gt=FINE_GT, nodata=None, scale=None, offset=None, labels=None,
           options=()):
    """A raster written with GDAL directly: any type, nodata, scale and offset."""
    array = np.asarray(array)
    array = array[None] if array.ndim == 2 else array
    ds = gdal.GetDriverByName("GTiff").Create(str(path), array.shape[2], array.shape[1], array.shape[0],
                                              gdal.GetDataTypeByName(dtype), list(options))
    if gt is not None:
        ds.SetGeoTransform(gt)
        srs = osr.SpatialReference()
        srs.ImportFromEPSG(4326)
        ds.SetProjection(srs.ExportToWkt())
    for b in range(array.shape[0]):
        band = ds.GetRasterBand(b + 1)
        if labels:
            band.SetDescription(labels[b])
        if nodata is not None:
            band.SetNoDataValue(nodata)
        if scale is not None:
            band.SetScale(scale)
        if offset is not None:
            band.SetOffset(offset)
        band.WriteArray(array[b])
    ds = None
    return str(path)


def cut(path, keep=2 / 3):
    """Cut a file short (its first ``keep`` of bytes)."""
    data = open(path, "rb").read()
    with open(path, "wb") as f:
        f.write(data[:int(len(data) * keep)])
    return path


def gzipped(path, damage=None):
    """Replace ``path`` by ``path.gz``; ``damage``: 'cut' (the stream ends early) or 'crc' (one
    byte of the stored checksum flipped)."""
    data = gzip.compress(open(path, "rb").read())
    os.remove(path)
    if damage == "cut":
        data = data[:len(data) * 2 // 3]
    elif damage == "crc":
        data = data[:-8] + bytes([data[-8] ^ 1]) + data[-7:]
    with open(path + ".gz", "wb") as f:
        f.write(data)
    return path + ".gz"


@contextlib.contextmanager
def unblocked(fifo, seconds=30):
    """Within the block, a reader stuck opening or reading the named pipe ``fifo`` is freed after
    ``seconds`` (a writer opens and closes the pipe) and the test then fails, instead of hanging."""
    done, fired = threading.Event(), []

    def watch():
        if done.wait(seconds):
            return
        while not done.is_set():
            try:
                fd = os.open(fifo, os.O_WRONLY | os.O_NONBLOCK)
            except OSError:  # nobody is reading it (yet)
                time.sleep(0.1)
                continue
            fired.append(True)
            os.close(fd)
    watcher = threading.Thread(target=watch, daemon=True)
    watcher.start()
    try:
        yield
    finally:
        done.set()
        watcher.join()
    assert not fired, "a reader blocked on the named pipe %s" % fifo


def visible(folder):
    """sha256 of every regular file below ``folder`` but the .aux.xml statistics GDAL or QGIS may
    keep; a named pipe by its name only (reading it would wait for a writer)."""
    digests = {}
    for dirpath, _, names in os.walk(folder):
        for name in names:
            path = os.path.join(dirpath, name)
            if os.path.islink(path) or name.endswith(".aux.xml"):
                continue
            if not os.path.isfile(path):
                digests[os.path.relpath(path, folder)] = "not a regular file"
                continue
            with open(path, "rb") as f:
                digests[os.path.relpath(path, folder)] = hashlib.sha256(f.read()).hexdigest()
    return digests


def temporaries(*folders):
    return [os.path.join(d, n) for folder in folders for d, _, names in os.walk(folder)
            for n in names if n.startswith(".tsmv-")]


def run_row(processing, algorithm, params, inputs, out, expect, fifo=None):
    """Run one row through processing.run; check the outcome and what it leaves.

    ``expect`` is a regular expression (the refusal's first line) or a function of the outputs
    ``{name: path}`` that checks the values published."""
    from qgis.core import QgsProcessingContext
    before = visible(inputs)
    with unblocked(fifo) if fifo else contextlib.nullcontext():
        if isinstance(expect, str):
            assert_refused(processing, algorithm, params, expect)
            assert not os.path.isdir(out) or os.listdir(out) == [], os.listdir(out)
        else:
            expect(processing.run("tsmv:" + algorithm, params, context=QgsProcessingContext()))
    assert visible(inputs) == before
    assert temporaries(inputs, out) == []


# --- GOSIF GPP (tsmv:gpp) ----------------------------------------------------------------------

def blocks(values):
    """A 40 x 40 array of 0.05 deg cells, each 20 x 20 block (one reference cell) one value."""
    return np.kron(np.asarray(values, np.float64), np.ones((20, 20)))


def holes(array, fill, fraction_top_left=0.6, fraction_top_right=0.2):
    """``array`` with ``fill`` in 60 % of the top-left block and 20 % of the top-right one."""
    array = array.copy()
    array[:int(20 * fraction_top_left), :20] = fill
    array[:int(20 * fraction_top_right), 20:] = fill
    return array


def monthly(folder, month, array, **kw):
    return raster(os.path.join(folder, "GOSIF_GPP_2019.M%02d_Mean.tif" % month), array, **kw)


def gpp_values(expected):
    """A check of the published GPP: ``expected`` maps band labels to 2 x 2 values."""
    def check(result):
        got, labels, _, _ = read_stack(result["OUTPUT"])
        assert labels == list(expected)
        for b, label in enumerate(labels):
            assert_same_nan(got[b], np.array(expected[label], np.float32), rtol=1e-6)
    return check


def fifo_named(name):
    def make(folder):
        monthly(folder, 2, np.full((40, 40), 2800))
        os.mkfifo(os.path.join(folder, name))
        return os.path.join(folder, name)
    return make


def two_months_then(damage):
    """February fine, March (read after February, into what held February before) damaged."""
    def make(folder):
        monthly(folder, 2, np.full((40, 40), 5600))
        march = monthly(folder, 3, np.full((40, 40), 3100))
        if damage == "cut":
            cut(march)
        else:
            gzipped(march, {"cut-gz": "cut", "crc": "crc"}[damage])
    return make


def linked_year(folder):
    """2019-01 in the folder, 2019-02 in a sub-folder that is a symbolic link to elsewhere."""
    monthly(folder, 1, np.full((40, 40), 3100))
    elsewhere = folder + "-elsewhere"
    os.makedirs(os.path.join(elsewhere, "2019"))
    monthly(os.path.join(elsewhere, "2019"), 2, np.full((40, 40), 5600))
    os.symlink(os.path.join(elsewhere, "2019"), os.path.join(folder, "2019"))


def link_loop(folder):
    monthly(folder, 2, np.full((40, 40), 5600))
    os.symlink(folder, os.path.join(folder, "again"))


def dangling(folder):
    monthly(folder, 2, np.full((40, 40), 5600))
    os.symlink(os.path.join(folder, "gone.tif"), os.path.join(folder, "GOSIF_GPP_2019.M03_Mean.tif"))


def eight_day_float(folder):
    """One 8-day Float64 composite, 2019-033 (2-9 February), 3.5 g C m-2 d-1, NaN and a declared
    nodata -1 in places: February is 3.5 wherever a cell is valid."""
    values = holes(np.full((40, 40), 3.5), -1.0, 0.3, 0.3)
    values[30:, 30:] = np.nan
    raster(os.path.join(folder, "GOSIF_GPP_2019033_Mean.tif"), values, "Float64", nodata=-1.0)


#: (id, maker of the GOSIF folder's files, expected values by band or the refusal's first line)
GOSIF_ROWS = [
    ("Int16 crop, nodata -9999", lambda d: monthly(d, 2, holes(np.full((40, 40), 2800), -9999), dtype="Int16",
                                                   nodata=-9999),
     {"2019-02": [[NAN, 1.0], [1.0, 1.0]]}),  # 28 g C m-2 in February; 40 % valid < MIN_VALID
    ("UInt16, declared nodata 0", lambda d: monthly(d, 2, holes(np.full((40, 40), 5600), 0, 0.3, 0.3), nodata=0),
     {"2019-02": [[2.0, 2.0], [2.0, 2.0]]}),  # 0 is missing, not GPP 0 (that would give 1.4)
    ("UInt16, 65534 and 65535 dropped", lambda d: monthly(d, 2, np.where(np.eye(40, dtype=bool), 65535, holes(
        np.full((40, 40), 5600), 65534, 0.3, 0.3))),
     {"2019-02": [[2.0, 2.0], [2.0, 2.0]]}),  # the diagonal is water (65535)
    ("Float32 monthly, taken as it is", lambda d: monthly(d, 2, np.full((40, 40), 56.7), dtype="Float32"),
     {"2019-02": [[56.7 / 28] * 2] * 2}),
    ("Float32 with its own scale 0.5 and offset 1", lambda d: monthly(d, 2, np.full((40, 40), 100.0),
                                                                      dtype="Float32", scale=0.5, offset=1.0),
     {"2019-02": [[51 / 28] * 2] * 2}),
    ("UInt16 declaring the product's scale 0.01", lambda d: monthly(d, 2, np.full((40, 40), 2800), scale=0.01),
     {"2019-02": [[1.0, 1.0], [1.0, 1.0]]}),  # scaled once
    ("Float64 8-day, NaN and nodata -1", eight_day_float, {"2019-02": [[3.5, 3.5], [3.5, 3.5]]}),
    ("a crop over the north half of the reference", lambda d: monthly(d, 2, np.full((20, 40), 2800)),
     {"2019-02": [[1.0, 1.0], [NAN, NAN]]}),  # the cells beyond the file are missing, not 0
    ("a year in a symbolically linked sub-folder", linked_year,
     {"2019-01": [[1.0] * 2] * 2, "2019-02": [[2.0] * 2] * 2}),
    ("a link back to the folder", link_loop, {"2019-02": [[2.0] * 2] * 2}),
    ("UInt16 declaring scale 0.1", lambda d: monthly(d, 2, np.full((40, 40), 2800), scale=0.1),
     r"^INPUT .*GOSIF_GPP_2019\.M02_Mean\.tif declares scale 0\.1 and offset 0, but monthly GOSIF integers "
     r"are scaled by 0\.01"),
    ("Complex values", lambda d: monthly(d, 2, np.full((40, 40), 2800), dtype="CInt16"),
     r"^INPUT .*GOSIF_GPP_2019\.M02_Mean\.tif: its values are complex \(CInt16\)"),
    (".tif cut short", two_months_then("cut"), r"^INPUT .*GOSIF_GPP_2019\.M03_Mean\.tif: cannot read it \("),
    (".tif.gz cut short", two_months_then("cut-gz"),
     r"^INPUT /(?!vsigzip).*GOSIF_GPP_2019\.M03_Mean\.tif\.gz: cannot (open|read) it \(.*\); the gzipped file is "
     r"cut short or damaged"),
    (".tif.gz failing its checksum", two_months_then("crc"),
     r"^INPUT /(?!vsigzip).*GOSIF_GPP_2019\.M03_Mean\.tif\.gz: cannot read it \((.* )?CRC error.*; the gzipped file is cut "
     r"short or damaged"),
    ("a named pipe named like a GOSIF file", fifo_named("GOSIF_GPP_2019.M03_Mean.tif"),
     r"^INPUT .*GOSIF_GPP_2019\.M03_Mean\.tif is a named pipe \(FIFO\), not a regular file"),
    ("a named pipe named like a gzipped GOSIF file", fifo_named("GOSIF_GPP_2019.M03_Mean.tif.gz"),
     r"^INPUT .*GOSIF_GPP_2019\.M03_Mean\.tif\.gz is a named pipe \(FIFO\)"),
    ("a link to nothing named like a GOSIF file", dangling,
     r"^INPUT .*GOSIF_GPP_2019\.M03_Mean\.tif is a symbolic link to .*gone\.tif, which does not exist"),
]


@pytest.fixture(scope="module")
def reference(tmp_path_factory):
    return write_stack(tmp_path_factory.mktemp("reference") / "ref.tif", np.zeros((1, 2, 2)), ["2019-01"], REF_GT)


@pytest.mark.parametrize("make, expect", [r[1:] for r in GOSIF_ROWS], ids=[r[0] for r in GOSIF_ROWS])
def test_gosif_reads(tsmv_processing, reference, tmp_path, make, expect):
    folder = str(tmp_path / "in" / "gosif")
    os.makedirs(folder)
    fifo = make(folder)
    fifo = fifo if fifo and os.path.exists(fifo) and not os.path.isfile(fifo) else None
    out = str(tmp_path / "out")
    run_row(tsmv_processing, "gpp", {"INPUT": folder, "REFERENCE": reference, "OUTPUT": os.path.join(out, "gpp.tif")},
            str(tmp_path / "in"), out, gpp_values(expect) if isinstance(expect, dict) else expect, fifo)


def test_gosif_rows_cover_the_class():
    assert len(GOSIF_ROWS) >= 5 and {type(r[2]) for r in GOSIF_ROWS} == {dict, str}


# --- IGBP land cover (tsmv:landcover) ----------------------------------------------------------

def igbp_blocks(folder, nodata=None, **kw):
    """Top-left block: 60 % shrubland (7), 40 % grassland (10); the others forest (1)."""
    codes = np.ones((40, 40), np.uint8)
    codes[:12, :20] = 7
    codes[12:20, :20] = 10
    return raster(os.path.join(folder, "igbp.tif"), codes, "Byte", nodata=nodata, **kw)


def own_geotransform(folder):
    """A 7200 x 3600 raster at 0.025 deg over lon -90..90, lat -45..45: its own geotransform
    counts; the CMG fallback would put it over the whole globe."""
    return raster(os.path.join(folder, "igbp.tif"), np.full((3600, 7200), 12, np.uint8), "Byte",
                  gt=(-90.0, 0.025, 0.0, 45.0, 0.0, -0.025), options=["COMPRESS=DEFLATE"])


def collapsed_cmg(folder):
    """The collapsed extent GDAL reports for an HDF4 CMG grid: +-0.05, +-0.025 deg about (0, 0)."""
    codes = np.full((3600, 7200), 255, np.uint8)
    codes[400:420, 3800:3820] = 12  # the 1 deg cell (10 E, 70 N) of the CMG grid
    return raster(os.path.join(folder, "igbp.tif"), codes, "Byte",
                  gt=(-0.05, 0.1 / 7200, 0.0, 0.025, 0.0, -0.05 / 3600), options=["COMPRESS=DEFLATE"])


def fifo_file(name):
    def make(folder):
        os.mkfifo(os.path.join(folder, name))
        return os.path.join(folder, name)
    return make


def igbp_cut(folder):
    return cut(raster(os.path.join(folder, "igbp.tif"), np.ones((40, 40), np.uint8), "Byte"), 0.8)


def landcover_values(expected):
    def check(result):
        assert_same_nan(read_stack(result["OUTPUT"])[0][0], np.array(expected, np.float32))
    return check


#: (id, maker of the INPUT, REFERENCE (x0, y0, cols, rows) or None for the 2 x 2 one, expected)
LANDCOVER_ROWS = [
    ("Byte without nodata", igbp_blocks, None, [[2, 1], [1, 1]]),
    ("Byte, declared nodata 7", lambda d: igbp_blocks(d, nodata=7), None, [[3, 1], [1, 1]]),
    ("7200 x 3600 with its own geotransform", own_geotransform, (0.0, 46.0, 2, 2), [[NAN, NAN], [4, 4]]),
    ("7200 x 3600 with the collapsed CMG extent", collapsed_cmg, (9.0, 71.0, 3, 3),
     [[NAN] * 3, [NAN, 4, NAN], [NAN] * 3]),
    ("declared scale 2", lambda d: igbp_blocks(d, scale=2.0), None,
     r"^INPUT .*igbp\.tif declares scale 2 and offset 0; IGBP classes are codes"),
    ("a GeoTIFF cut short", igbp_cut, None, r"^INPUT .*igbp\.tif: cannot (read|open) it \("),
    ("a named pipe", fifo_file("igbp.tif"), None, r"^INPUT .*igbp\.tif is a named pipe \(FIFO\), not a regular file"),
    ("a named pipe named like MCD12C1", fifo_file("MCD12C1.A2010001.061.hdf"), None,
     r"^INPUT .*MCD12C1\.A2010001\.061\.hdf is a named pipe \(FIFO\)"),
]


@pytest.mark.parametrize("make, grid, expect", [r[1:] for r in LANDCOVER_ROWS], ids=[r[0] for r in LANDCOVER_ROWS])
def test_landcover_reads(tsmv_processing, reference, tmp_path, make, grid, expect):
    folder = str(tmp_path / "in")
    os.makedirs(folder)
    source = make(folder)
    fifo = source if not os.path.isfile(source) else None
    if grid is not None:
        x0, y0, cols, rows = grid
        reference = write_stack(os.path.join(folder, "ref.tif"), np.zeros((1, rows, cols)), ["2019-01"],
                                (x0, 1.0, 0.0, y0, 0.0, -1.0))
    out = str(tmp_path / "out")
    run_row(tsmv_processing, "landcover", {"INPUT": source, "REFERENCE": reference,
                                           "OUTPUT": os.path.join(out, "eco.tif")},
            folder, out, expect if isinstance(expect, str) else landcover_values(expect), fifo)


def test_only_a_collapsed_extent_gets_the_cmg_geotransform():
    from tsmv.tsmv_qgis.steps.landcover import collapsed
    assert collapsed(None, 7200, 3600) and collapsed((0.0, 1.0, 0.0, 0.0, 0.0, 1.0), 7200, 3600)
    assert collapsed((-0.05, 0.1 / 7200, 0.0, 0.025, 0.0, -0.05 / 3600), 7200, 3600)
    assert not collapsed((-180.0, 0.05, 0.0, 90.0, 0.0, -0.05), 7200, 3600)  # already CMG: its own
    assert not collapsed((-90.0, 0.025, 0.0, 45.0, 0.0, -0.025), 7200, 3600)
    assert not collapsed(None, 7200, 3601)


# --- GLDAS (tsmv:importgldas) ------------------------------------------------------------------

@pytest.fixture(scope="module")
def gldas(tmp_path_factory):
    """GLDAS monthly example files, 2000-2001 over 4 x 3 cells."""
    from tsmv_example import make_gldas_example
    folder = str(tmp_path_factory.mktemp("gldas") / "gldas")
    make_gldas_example(folder, 2000, 2001, extent=(0.0, 30.0, 4.0, 33.0), seed=2)
    return folder


def gldas_name(year, month):
    return "GLDAS_NOAH10_M.A%04d%02d.%s.nc4" % (year, month, "021")


def units_of(variable, units):
    """The 2001-05 file with ``variable`` in other ``units`` (its values unchanged)."""
    def change(folder):
        import netCDF4
        with netCDF4.Dataset(os.path.join(folder, gldas_name(2001, 5)), "r+") as ds:
            ds.variables[variable].units = units
    return change


def packed_int16(folder):
    """SoilMoi0_10cm_inst of 2001-05 as int16 x 0.1 with _FillValue -9999 (as a subsetter packs)."""
    def transform(name, var):
        if name != LAYER_VARIABLES[0]:
            return same(name, var)
        values = var[:].filled(np.nan)
        return var.dimensions, np.where(np.isfinite(values), np.round(values / 0.1), -9999).astype(np.int16)
    path = os.path.join(folder, gldas_name(2001, 5))
    import netCDF4
    with netCDF4.Dataset(path) as ds:
        expected = ds.variables[LAYER_VARIABLES[0]][0].filled(np.nan)
    tmp = path + ".packed"
    os.rename(path, tmp)
    with netCDF4.Dataset(tmp) as src, netCDF4.Dataset(path, "w") as dst:
        dst.setncatts({a: src.getncattr(a) for a in src.ncattrs()})
        for d in ("time", "lat", "lon"):
            dst.createDimension(d, len(src.dimensions[d]))
        for name, var in src.variables.items():
            if "bnds" in var.dimensions:
                continue
            new = transform(name, var)
            packed = name == LAYER_VARIABLES[0]
            out = dst.createVariable(name, np.int16 if packed else var.dtype, new[0],
                                     fill_value=np.int16(-9999) if packed else getattr(var, "_FillValue", None))
            out.setncatts({a: var.getncattr(a) for a in var.ncattrs()
                           if a not in ("_FillValue", "missing_value")})
            if packed:
                out.scale_factor = np.float32(0.1)
                out.missing_value = np.int16(-9999)
            out.set_auto_maskandscale(False)
            out[:] = new[1]
    os.remove(tmp)
    rounded = np.round(expected / 0.1) * np.float32(0.1)
    return np.where(np.isfinite(expected), rounded, np.nan)[::-1].astype(np.float32)  # north-up


def in_a_linked_folder(folder):
    """The 2001 files moved elsewhere and linked back as a sub-folder."""
    elsewhere = folder + "-2001"
    os.makedirs(elsewhere)
    for name in os.listdir(folder):
        if ".A2001" in name:
            shutil.move(os.path.join(folder, name), os.path.join(elsewhere, name))
    os.symlink(elsewhere, os.path.join(folder, "2001"))


def fifo_instead(name):
    def change(folder):
        if os.path.exists(os.path.join(folder, name)):
            os.remove(os.path.join(folder, name))
        os.mkfifo(os.path.join(folder, name))
        return os.path.join(folder, name)
    return change


def empty_file(name):
    def change(folder):
        open(os.path.join(folder, name), "wb").close()
    return change


def same_as_plain(gldas_folder, tmp_path):
    """The check of a run that must import what the plain example folder imports."""
    def check(result):
        from tsmv.tsmv_qgis.steps.importing import import_gldas
        want = {k: str(tmp_path / ("want_%s.tif" % k)) for k in LAYER_KEYS}
        import_gldas(gldas_folder, want)
        for k in LAYER_KEYS:
            a, labels_a, gt_a, _ = read_stack(want[k])
            b, labels_b, gt_b, _ = read_stack(result["OUTPUT_" + k])
            assert labels_b == labels_a and len(labels_b) == 24 and gt_a == gt_b
            np.testing.assert_array_equal(a, b)
    return check


#: (id, change of a copy of the GLDAS folder, other parameters, expected: regex, "plain" or "packed")
GLDAS_ROWS = [
    ("volumetric m3 m-3", units_of(LAYER_VARIABLES[0], "m3 m-3"), {},
     r"^INPUT .*GLDAS_NOAH10_M\.A200105\.021\.nc4: SoilMoi0_10cm_inst is in m3 m-3 \(volumetric water content\), "
     r"not kg m-2"),
    ("volumetric m^3 m-3 in a deep layer", units_of(LAYER_VARIABLES[3], "m^3 m-3"), {},
     r"^INPUT .*A200105\.021\.nc4: SoilMoi100_200cm_inst is in m\^3 m-3 \(volumetric"),
    ("other units", units_of(LAYER_VARIABLES[1], "K"), {},
     r"^INPUT .*A200105\.021\.nc4: SoilMoi10_40cm_inst is in K, not kg m-2"),
    ("a year in a symbolically linked sub-folder", in_a_linked_folder, {}, "plain"),
    ("packed int16 with an integer _FillValue", packed_int16, {}, "packed"),
    ("a named pipe in place of a month", fifo_instead(gldas_name(2001, 5)), {},
     r"^INPUT .*GLDAS_NOAH10_M\.A200105\.021\.nc4 is a named pipe \(FIFO\), not a regular file"),
    ("a named pipe named like a renamed netCDF file", fifo_instead("renamed.nc4"), {},
     r"^INPUT .*renamed\.nc4 is a named pipe \(FIFO\)"),
    ("month 13 in a name", empty_file("GLDAS_NOAH10_M.A200113.021.nc4"), {},
     r"^INPUT .*GLDAS_NOAH10_M\.A200113\.021\.nc4: month 13 of its name is not a month \(01-12\)"),
    ("month 00 in a name", empty_file("GLDAS_NOAH10_M.A200100.021.nc4"), {},
     r"^INPUT .*GLDAS_NOAH10_M\.A200100\.021\.nc4: month 00 of its name is not a month \(01-12\)"),
    ("day 31 of November in a 3-hourly name", empty_file("GLDAS_NOAH10_3H.A20011131.0300.021.nc4"), {},
     r"^INPUT .*GLDAS_NOAH10_3H\.A20011131\.0300\.021\.nc4: day 31 of its name is not a day of 2001-11"),
    ("START_YEAR after the data", None, {"START_YEAR": 2030},
     r"^START_YEAR 2030 is after the last month of the files \(2001-12\)"),
    ("END_YEAR before the data", None, {"END_YEAR": 1990},
     r"^END_YEAR 1990 is before the first month of the files \(2000-01\)"),
]


@pytest.mark.parametrize("change, params, expect", [r[1:] for r in GLDAS_ROWS], ids=[r[0] for r in GLDAS_ROWS])
def test_gldas_reads(tsmv_processing, gldas, tmp_path, change, params, expect):
    folder = str(tmp_path / "in" / "gldas")
    shutil.copytree(gldas, folder)
    made = change(folder) if change else None
    fifo = made if isinstance(made, str) and not os.path.isfile(made) else None
    out = str(tmp_path / "out")
    outputs = {"OUTPUT_" + k: os.path.join(out, "sm_%s.tif" % k) for k in LAYER_KEYS}
    if expect == "plain":
        expect = same_as_plain(gldas, tmp_path)
    elif expect == "packed":
        def expect(result, want=made):
            got, labels, _, _ = read_stack(result["OUTPUT_0_10"])
            assert_same_nan(got[labels.index("2001-05")], want, rtol=1e-6)
            assert np.isnan(want).sum() < want.size  # the oracle has values
    run_row(tsmv_processing, "importgldas", dict(INPUT=folder, **outputs, **params), str(tmp_path / "in"), out,
            expect, fifo)


# --- labelled stacks (raster.Stack.read: every algorithm that reads a stack) -------------------

#: (id, GDAL type, stored values, nodata, scale, offset, the values read, by hand)
STACK_ROWS = [
    ("Int16 x 0.1", "Int16", [[10, -20], [0, 32767]], None, 0.1, None, [[1.0, -2.0], [0.0, 3276.7]]),
    ("Int16 x 0.1, nodata -9999 compared before scaling", "Int16", [[-9999, 5], [-999, 0]], -9999, 0.1, None,
     [[NAN, 0.5], [-99.9, 0.0]]),
    ("UInt16 x 0.01 + 5", "UInt16", [[0, 100], [65535, 7]], 65535, 0.01, 5.0, [[5.0, 6.0], [NAN, 5.07]]),
    ("Int32 nodata 16777217 beside 16777216", "Int32", [[16777217, 16777216], [1, 2]], 16777217, None, None,
     [[NAN, 16777216.0], [1.0, 2.0]]),
    ("Byte nodata 0", "Byte", [[0, 1], [255, 0]], 0, None, None, [[NAN, 1.0], [255.0, NAN]]),
    ("Float64 nodata -9999", "Float64", [[-9999.0, 1e-3], [2.5, -9999.0]], -9999.0, None, None,
     [[NAN, 1e-3], [2.5, NAN]]),
    ("Float32 NaN", "Float32", [[NAN, 1.5], [2.5, 3.5]], NAN, None, None, [[NAN, 1.5], [2.5, 3.5]]),
    ("UInt16 nodata the type cannot hold", "UInt16", [[0, 1], [2, 3]], -9999, None, None, [[0, 1], [2, 3]]),
    ("Int16 declaring scale 0", "Int16", [[1, 2], [3, 4]], None, 0.0, None,
     r"^INPUT \S*s\.tif: band 1 declares scale 0 and offset 0, which cannot give its values"),
]


@pytest.mark.parametrize("dtype, stored, nodata, scale, offset, want", [r[1:] for r in STACK_ROWS],
                         ids=[r[0] for r in STACK_ROWS])
def test_stack_reads(tmp_path, dtype, stored, nodata, scale, offset, want):
    from tsmv.tsmv_qgis.io.raster import Stack
    stored = np.array(stored)
    path = raster(tmp_path / "s.tif", np.stack([stored, stored[::-1]]), dtype, REF_GT, nodata, scale, offset,
                  ["2000", "2001"])
    before = visible(str(tmp_path))
    if isinstance(want, str):
        with pytest.raises(TsmvError, match=want):
            Stack(path, "INPUT")
        assert visible(str(tmp_path)) == before
        return
    stack = Stack(path, "INPUT")
    want = np.array(want, np.float32)
    assert_same_nan(stack.read(0, 2), np.stack([want, want[::-1]]))
    assert_same_nan(stack.read(1, 2, [1]), want[::-1][None, 1:])
    stack.close()
    assert visible(str(tmp_path)) == before


def test_an_int16_stack_with_a_scale_gives_the_slope_of_its_values(tsmv_processing, tmp_path):
    """The slope of an Int16 annual stack with scale 0.1 is that of the same values as floats."""
    rng = np.random.default_rng(4)
    stored = rng.integers(0, 3000, (8, 3, 4)).astype(np.int16)
    labels = [str(y) for y in range(2000, 2008)]
    packed = raster(tmp_path / "packed.tif", stored, "Int16", REF_GT, -9999, 0.1, None, labels)
    plain = write_stack(tmp_path / "plain.tif", stored * np.float32(0.1), labels, REF_GT)
    before = visible(str(tmp_path))
    got = {}
    for name, source in (("packed", packed), ("plain", plain)):
        out = str(tmp_path / name)
        result = tsmv_processing.run("tsmv:trend", {"INPUT": source, "MIN_YEARS": 3,
                                                    "OUTPUT": os.path.join(out, "t.tif"),
                                                    "SUMMARY": os.path.join(out, "s.csv")})
        got[name] = read_stack(result["OUTPUT"])[0]
    assert_same_nan(got["packed"], got["plain"], rtol=1e-5)
    assert np.nanmax(np.abs(got["plain"][0])) > 1  # slopes in tenths would be 10 x smaller
    assert {k: v for k, v in visible(str(tmp_path)).items() if not k.startswith(("packed/", "plain/"))} == before
    assert temporaries(str(tmp_path)) == []


@pytest.mark.parametrize("what", ["reference", "source"])
def test_a_named_pipe_given_to_the_core_is_refused_unread(tmp_path, reference, what):
    from tsmv.tsmv_qgis.steps.gpp import run_gpp
    from tsmv.tsmv_qgis.steps.trend import run_trend
    fifo = str(tmp_path / "pipe.tif")
    os.mkfifo(fifo)
    folder = str(tmp_path / "gosif")
    os.makedirs(folder)
    monthly(folder, 2, np.full((40, 40), 2800))
    with unblocked(fifo), pytest.raises(TsmvError, match=r"^%s .*pipe\.tif is a named pipe \(FIFO\)" % what):
        if what == "reference":
            run_gpp(folder, fifo, str(tmp_path / "out" / "gpp.tif"))
        else:
            run_trend(fifo, str(tmp_path / "out" / "t.tif"), min_years=3)
    assert not os.path.exists(tmp_path / "out")


@pytest.mark.parametrize("algorithm, name", [("trend", "INPUT"), ("landcover", "REFERENCE"),
                                             ("qualitycontrol", "INPUT_0_10"), ("seasons", "INPUT_100_200")])
def test_a_named_pipe_given_as_a_raster_layer_is_refused_before_qgis_loads_it(tsmv_processing, reference, tmp_path,
                                                                               algorithm, name):
    """QGIS loads a raster-layer parameter to check it: a named pipe must be refused first."""
    folder = str(tmp_path / "in")
    os.makedirs(folder)
    fifo = os.path.join(folder, "pipe.tif")
    os.mkfifo(fifo)
    out = str(tmp_path / "out")
    params = {"OUTPUT": os.path.join(out, "o.tif")}
    if algorithm == "landcover":
        params["INPUT"] = igbp_blocks(folder)
    if algorithm in ("qualitycontrol", "seasons"):
        params = {"INPUT_" + k: reference for k in LAYER_KEYS}
    params[name] = fifo
    run_row(tsmv_processing, algorithm, params, folder, out,
            r"^%s \S*pipe\.tif is a named pipe \(FIFO\), not a regular file" % name, fifo)


# --- the same refusals through qgis_process: no traceback, the culprit first -------------------

def test_refusals_through_qgis_process(qgis_process, gldas, reference, tmp_path):
    gosif = str(tmp_path / "gosif")
    os.makedirs(gosif)
    two_months_then("crc")(gosif)
    volumetric = str(tmp_path / "gldas")
    shutil.copytree(gldas, volumetric)
    units_of(LAYER_VARIABLES[0], "m3 m-3")(volumetric)
    pipe = str(tmp_path / "igbp.tif")
    os.mkfifo(pipe)
    out = str(tmp_path / "out")
    before = visible(str(tmp_path))
    rows = [
        ("gpp", dict(INPUT=gosif, REFERENCE=reference, OUTPUT=os.path.join(out, "g.tif")),
         r"^INPUT .*GOSIF_GPP_2019\.M03_Mean\.tif\.gz: cannot read it \((.* )?CRC error"),
        ("importgldas", dict(INPUT=volumetric, **{"OUTPUT_" + k: os.path.join(out, k + ".tif") for k in LAYER_KEYS}),
         r"^INPUT .*A200105\.021\.nc4: SoilMoi0_10cm_inst is in m3 m-3 \(volumetric"),
        ("importgldas", dict(INPUT=gldas, START_YEAR=2030,
                             **{"OUTPUT_" + k: os.path.join(out, k + ".tif") for k in LAYER_KEYS}),
         r"^START_YEAR 2030 is after the last month of the files \(2001-12\)"),
        ("landcover", dict(INPUT=pipe, REFERENCE=reference, OUTPUT=os.path.join(out, "e.tif")),
         r"^INPUT .*igbp\.tif is a named pipe \(FIFO\)"),
    ]
    for algorithm, params, message in rows:
        with unblocked(pipe, 120):
            code, _, log = qgis_process.run("tsmv:" + algorithm, **params)
        assert code != 0 and "Traceback" not in log, log
        lines = [line for line in log.splitlines() if line.strip() and not line.startswith(" ")
                 and "Warning: " not in line and not line.startswith("{") and not re.match(r"ERROR \d+: ", line)]
        assert re.search(message, lines[0]), log
        assert not os.path.isdir(out) or os.listdir(out) == []
    assert visible(str(tmp_path)) == before
    assert temporaries(str(tmp_path)) == []
