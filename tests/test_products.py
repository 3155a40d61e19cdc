"""Any layered product: FLDAS-Noah and ERA5-Land (new and legacy netCDF) beside GLDAS-Noah.

Each import is checked against an independent per-pixel recomputation: the files read with
netCDF4's own masking and unpacking, converted by hand (m3 m-3 x 1000 x thickness), turned
north-up and west-to-east with numpy, compared with the GeoTIFF read by GDAL.
"""
import os
import shutil

import numpy as np
import pytest

from conftest import LAYER_KEYS, SMALL_EXTENT, assert_same_nan, read_stack
from tsmv.tsmv_qgis.errors import TsmvError
from tsmv.tsmv_qgis.products.catalogue import ERA5_LAND, FLDAS, GLDAS, PRODUCTS
from tsmv.tsmv_qgis.steps.importing import import_gldas, import_soil_moisture
from tsmv.tsmv_qgis.steps.seasons import run_seasons
from tsmv_example import make_gldas_example
from tsmv_example.products import make_era5_land_example, make_fldas_example

netCDF4 = pytest.importorskip("netCDF4")

#: The hand-written facts of docs/products.md, against which the catalogue is checked.
DEPTHS = {"GLDAS-Noah": ("0-10 cm", "10-40 cm", "40-100 cm", "100-200 cm"),
          "FLDAS-Noah": ("0-10 cm", "10-40 cm", "40-100 cm", "100-200 cm"),
          "ERA5-Land": ("0-7 cm", "7-28 cm", "28-100 cm", "100-289 cm")}
THICKNESS = {"GLDAS-Noah": (0.1, 0.3, 0.6, 1.0), "FLDAS-Noah": (0.1, 0.3, 0.6, 1.0),
             "ERA5-Land": (0.07, 0.21, 0.72, 1.89)}
MAXIMA = {"GLDAS-Noah": (99.9, 299.9, 599.9, 999.0), "FLDAS-Noah": (99.9, 299.9, 599.9, 999.0),
          "ERA5-Land": (69.9, 209.9, 719.9, 1889.9)}


def test_the_catalogue_says_what_the_products_are():
    for product in PRODUCTS:
        assert product.depths == DEPTHS[product.key]
        assert [round(layer.thickness, 6) for layer in product.layers] == list(THICKNESS[product.key])
        assert product.maxima == MAXIMA[product.key]
        assert product.volumetric == (product is not GLDAS)
    assert ERA5_LAND.knows_units("m**3 m**-3") and FLDAS.knows_units("m^3 m-3")
    assert GLDAS.knows_units("kg m-2") and not GLDAS.knows_units("m**3 m**-3")
    assert not ERA5_LAND.knows_units("%") and not FLDAS.knows_units("kg m-2")


@pytest.fixture(scope="module")
def layouts(tmp_path_factory):
    """Example files of every layout, 2000-2001 over the small region (ERA5 wrapped: the globe)."""
    root = tmp_path_factory.mktemp("layouts")
    made = {"fldas": make_fldas_example(str(root / "fldas"), 2000, 2001, SMALL_EXTENT, 1.0, seed=3),
            "era5_new": make_era5_land_example(str(root / "era5_new"), 2000, 2001, SMALL_EXTENT, 1.0, seed=3,
                                               months_per_file=7),
            "era5_legacy": make_era5_land_example(str(root / "era5_legacy"), 2000, 2001, SMALL_EXTENT, 1.0,
                                                  seed=3, layout="legacy", expver=True,
                                                  name="adaptor.mars.internal-%d.nc"),
            "era5_global": make_era5_land_example(str(root / "era5_global"), 2000, 2000,
                                                  (-180.0, -60.0, 180.0, 90.0), 1.0, seed=3, wrap=True)}
    return root, made


def oracle(paths, product):
    """{(year, month): [four (lat N->S, lon W->E) float64 arrays in kg m-2]} read with netCDF4's
    masking and unpacking, converted and reoriented by hand."""
    import datetime
    months = {}
    for path in paths:
        with netCDF4.Dataset(path) as ds:
            lat = np.asarray(ds["Y" if "Y" in ds.variables else "latitude"][:], np.float64)
            lon = np.asarray(ds["X" if "X" in ds.variables else "longitude"][:], np.float64)
            time = ds["valid_time" if "valid_time" in ds.variables else "time"]
            dates = netCDF4.num2date(time[:], time.units, getattr(time, "calendar", "standard"))
            if product is FLDAS:
                begin = time.begin_date
                dates = [datetime.datetime(int(begin[:4]), int(begin[4:6]), 1)]
            wrapped = np.where(lon >= 180, lon - 360, lon)
            cols = np.argsort(wrapped, kind="stable")
            rows = np.argsort(-lat, kind="stable")
            for i, when in enumerate(dates):
                layers = []
                for layer in product.layers:
                    var = ds[layer.variable]
                    values = var[i]
                    if "expver" in var.dimensions:  # ERA5 where it has a value, else ERA5T
                        values = np.ma.where(np.ma.getmaskarray(values[0]), values[1], values[0])
                    values = np.ma.filled(np.ma.masked_invalid(values).astype(np.float64), np.nan)
                    layers.append(values[rows][:, cols] * 1000.0 * layer.thickness)
                months[(when.year, when.month)] = layers
    return months


@pytest.mark.parametrize("layout, product", [("fldas", FLDAS), ("era5_new", ERA5_LAND),
                                             ("era5_legacy", ERA5_LAND), ("era5_global", ERA5_LAND)])
def test_each_layout_imports_as_recomputed_by_hand(layouts, tmp_path, layout, product):
    root, made = layouts
    outputs = {k: str(tmp_path / ("out_%s.tif" % k)) for k in LAYER_KEYS}
    result = import_soil_moisture(str(root / layout), outputs)  # detected from the files
    assert result.product is product
    expected = oracle(made[layout], product)
    for d, key in enumerate(LAYER_KEYS):
        values, labels, gt, _ = read_stack(outputs[key])
        assert labels == ["%04d-%02d" % ym for ym in sorted(expected)]
        for b, ym in enumerate(sorted(expected)):
            assert_same_nan(values[b], expected[ym][d], rtol=2e-7, atol=1e-5)
        from osgeo import gdal
        metadata = gdal.Open(outputs[key]).GetMetadata()
        assert metadata["TSMV_PRODUCT"] == product.key and metadata["TSMV_LAYER"] == DEPTHS[product.key][d]
    if layout == "era5_global":  # wrapped to -180..180, north-up
        assert gt[0] == -180.0 and gt[3] == 90.0 and gt[1] == 1.0 and gt[5] == -1.0


def test_gldas_through_the_product_import_is_the_gldas_import(example_dir, tmp_path):
    """tsmv:importgldas and the any-product import give the same files for GLDAS input."""
    a = {k: str(tmp_path / ("a_%s.tif" % k)) for k in LAYER_KEYS}
    b = {k: str(tmp_path / ("b_%s.tif" % k)) for k in LAYER_KEYS}
    import_gldas(example_dir, a, quality_control=True)
    result = import_soil_moisture(example_dir, b, quality_control=True)
    assert result.product is GLDAS
    for k in LAYER_KEYS:
        np.testing.assert_array_equal(read_stack(a[k])[0], read_stack(b[k])[0])


def test_seasons_of_era5_land_carry_its_depths(layouts, tmp_path):
    root, _ = layouts
    monthly = {k: str(tmp_path / ("m_%s.tif" % k)) for k in LAYER_KEYS}
    import_soil_moisture(str(root / "era5_new"), monthly)
    outputs = {"codes": str(tmp_path / "codes.tif"), "annual_tsm": str(tmp_path / "tsm.tif"),
               "codes_layers": str(tmp_path / "layers.tif"),
               **{"seasonal_" + k: str(tmp_path / ("s_%s.tif" % k)) for k in LAYER_KEYS}}
    run_seasons(monthly, outputs, rank_by="layer")
    from osgeo import gdal
    assert gdal.Open(outputs["seasonal_10_40"]).GetMetadata()["TSMV_LAYER"] == "7-28 cm"
    labels = read_stack(outputs["codes_layers"])[1]
    assert labels[0] == "2000-01 0-7 cm" and labels[-1] == "2001-12 100-289 cm"


# --- refusals ----------------------------------------------------------------------------------

def test_a_product_mix_is_refused_naming_both(layouts, tmp_path):
    root, made = layouts
    mixed = tmp_path / "mixed"
    shutil.copytree(root / "fldas", mixed)
    shutil.copy(made["era5_new"][0], mixed / "data_0.nc")
    with pytest.raises(TsmvError, match=r"is a (ERA5-Land|FLDAS-Noah) file, but .* is a (FLDAS-Noah|ERA5-Land) "
                                        r"file; TSMV imports one product at a time"):
        import_soil_moisture(str(mixed), {k: str(tmp_path / (k + ".tif")) for k in LAYER_KEYS})


def test_another_product_than_asked_is_refused(layouts, example_dir, tmp_path):
    root, _ = layouts
    with pytest.raises(TsmvError, match=r"FLDAS_NOAH01_C_GL_M\.A200001\.001\.nc is a FLDAS-Noah file, not "
                                        r"GLDAS-Noah; import it with 'Import layered soil moisture'"):
        import_gldas(str(root / "fldas"), {k: str(tmp_path / (k + ".tif")) for k in LAYER_KEYS})
    with pytest.raises(TsmvError, match=r"is a GLDAS-Noah file, not ERA5-Land; set product"):
        import_soil_moisture(example_dir, {k: str(tmp_path / (k + ".tif")) for k in LAYER_KEYS}, ERA5_LAND)


def _rewrite(path, change):
    with netCDF4.Dataset(path, "a") as ds:
        change(ds)


def _copy(layouts, tmp_path, layout):
    root, _ = layouts
    folder = tmp_path / layout
    shutil.copytree(root / layout, folder)
    return folder, sorted(str(p) for p in folder.iterdir())


def test_a_missing_layer_is_refused_naming_file_and_variable(layouts, tmp_path):
    folder, files = _copy(layouts, tmp_path, "era5_new")
    _rewrite(files[1], lambda ds: ds.renameVariable("swvl3", "swvl3_gone"))
    with pytest.raises(TsmvError, match=r"source .*data_stream-moda_1\.nc has no swvl3 \(it has swvl1, swvl2, "
                                        r"swvl4\)"):
        import_soil_moisture(str(folder), {k: str(tmp_path / (k + ".tif")) for k in LAYER_KEYS})


def test_unknown_units_are_refused(layouts, tmp_path):
    folder, files = _copy(layouts, tmp_path, "fldas")
    _rewrite(files[3], lambda ds: ds["SoilMoi10_40cm_tavg"].setncattr("units", "%"))
    with pytest.raises(TsmvError, match=r"A200004\.001\.nc: SoilMoi10_40cm_tavg is in %, not m\^3 m-3 as "
                                        r"FLDAS-Noah writes it"):
        import_soil_moisture(str(folder), {k: str(tmp_path / (k + ".tif")) for k in LAYER_KEYS})


def test_a_month_given_twice_is_refused(layouts, tmp_path):
    folder, files = _copy(layouts, tmp_path, "era5_new")
    shutil.copy(files[0], folder / "again.nc")
    with pytest.raises(TsmvError, match=r"both hold 2000-01; give each month once"):
        import_soil_moisture(str(folder), {k: str(tmp_path / (k + ".tif")) for k in LAYER_KEYS})


def test_hourly_steps_are_refused(layouts, tmp_path):
    folder, files = _copy(layouts, tmp_path, "era5_new")
    _rewrite(files[0], lambda ds: ds["valid_time"].__setitem__(1, ds["valid_time"][1] + 3600))
    with pytest.raises(TsmvError, match=r"time step 2000-02-01 01:00:00 is not the first of a month"):
        import_soil_moisture(str(folder), {k: str(tmp_path / (k + ".tif")) for k in LAYER_KEYS})


def test_layers_out_of_order_are_refused_naming_both(layouts, tmp_path):
    root, _ = layouts
    monthly = {k: str(tmp_path / ("m_%s.tif" % k)) for k in LAYER_KEYS}
    import_soil_moisture(str(root / "era5_new"), monthly)
    swapped = dict(monthly, **{"0_10": monthly["10_40"], "10_40": monthly["0_10"]})
    outputs = {"codes": str(tmp_path / "codes.tif"), "annual_tsm": str(tmp_path / "tsm.tif"),
               **{"seasonal_" + k: str(tmp_path / ("s_%s.tif" % k)) for k in LAYER_KEYS}}
    with pytest.raises(TsmvError, match=r"inputs\['0_10'\] .*m_10_40\.tif holds the 7-28 cm layer \(its metadata "
                                        r"TSMV_LAYER or TSMV_OUTPUT\), not ERA5-Land's top layer \(0-7 cm\)"):
        run_seasons(swapped, outputs)


def test_layers_of_two_products_are_refused_naming_both(layouts, example_dir, tmp_path):
    root, _ = layouts
    era5 = {k: str(tmp_path / ("e_%s.tif" % k)) for k in LAYER_KEYS}
    fldas = {k: str(tmp_path / ("f_%s.tif" % k)) for k in LAYER_KEYS}
    import_soil_moisture(str(root / "era5_new"), era5)
    import_soil_moisture(str(root / "fldas"), fldas)
    outputs = {"codes": str(tmp_path / "codes.tif"), "annual_tsm": str(tmp_path / "tsm.tif"),
               **{"seasonal_" + k: str(tmp_path / ("s_%s.tif" % k)) for k in LAYER_KEYS}}
    with pytest.raises(TsmvError, match=r"inputs\['10_40'\] .*f_10_40\.tif has another product \(TSMV_PRODUCT "
                                        r"FLDAS-Noah\) than inputs\['0_10'\] .*e_0_10\.tif \(TSMV_PRODUCT ERA5-Land\)"):
        run_seasons(dict(era5, **{"10_40": fldas["10_40"]}), outputs)
    assert not os.path.exists(outputs["codes"])


def test_gldas_example_still_detected_by_name(tmp_path):
    folder = str(tmp_path / "g")
    make_gldas_example(folder, 2000, 2000, extent=SMALL_EXTENT, seed=3)
    result = import_soil_moisture(folder, {k: str(tmp_path / (k + ".tif")) for k in LAYER_KEYS})
    assert result.product is GLDAS and result.months == 12


def test_a_zipped_download_is_refused_saying_to_unzip_it(layouts, tmp_path):
    """The Climate Data Store zips its netCDF downloads, even under a .nc name."""
    import zipfile
    folder, files = _copy(layouts, tmp_path, "era5_new")
    with zipfile.ZipFile(folder / "reanalysis-era5-land-monthly-means.nc", "w") as z:
        z.write(files[0], "data_0.nc")
    with pytest.raises(TsmvError, match=r"reanalysis-era5-land-monthly-means\.nc is a zip archive .* not "
                                        r"netCDF: unzip it"):
        import_soil_moisture(str(folder), {k: str(tmp_path / (k + ".tif")) for k in LAYER_KEYS})


def test_era5t_months_are_named_in_a_warning(layouts, tmp_path):
    folder, files = _copy(layouts, tmp_path, "era5_new")

    def preliminary(ds):
        ds["expver"][len(ds["valid_time"]) - 1] = "0005"
    _rewrite(files[-1], preliminary)
    from tsmv.tsmv_qgis.progress import Log
    warnings = []
    import_soil_moisture(str(folder), {k: str(tmp_path / (k + ".tif")) for k in LAYER_KEYS},
                         log=Log(lambda message: None, warnings.append))
    assert warnings == ["1 months (2001-12..2001-12) are ERA5T (expver 0005), ERA5's preliminary release: "
                        "ECMWF may still revise them"]


def test_a_global_missing_value_is_the_fill_of_variables_without_their_own():
    """LIS writes -9999 as a global missing_value too; a variable without fill attributes uses it."""
    from types import SimpleNamespace
    from tsmv.tsmv_qgis.products.reader import _fills
    ds = SimpleNamespace(missing_value=-9999.0)
    assert _fills(ds, SimpleNamespace()) == [-9999.0]
    assert _fills(ds, SimpleNamespace(_FillValue=np.float32(-1.0))) == [-1.0]
    assert _fills(SimpleNamespace(), SimpleNamespace()) == []


# --- through Processing ------------------------------------------------------------------------

def test_importsoilmoisture_through_processing_equals_the_core(tsmv_processing, layouts, tmp_path):
    """tsmv:importsoilmoisture detects ERA5-Land, converts it, runs QC with ERA5-Land's maxima and the
    seasons in one pass: the files of the core's import, outputs by position."""
    from test_plugin import run
    root, _ = layouts
    params = {"INPUT": str(root / "era5_legacy"), "QUALITY_CONTROL": True, "SEASONS": True,
              "REPORT": str(tmp_path / "qc.csv"), "ANNUAL_TSM": str(tmp_path / "tsm.tif")}
    params.update({"OUTPUT_%d" % (i + 1): str(tmp_path / ("p%d.tif" % (i + 1))) for i in range(4)})
    result, feedback = run(tsmv_processing, "importsoilmoisture", params)
    assert any("ERA5-Land layers 0-7 cm, 7-28 cm, 28-100 cm, 100-289 cm, converted from m**3 m**-3 to kg m-2"
               in m for m in feedback.infos)
    core = {k: str(tmp_path / ("c_%s.tif" % k)) for k in LAYER_KEYS}
    import_soil_moisture(str(root / "era5_legacy"), core, quality_control=True)
    for i, k in enumerate(LAYER_KEYS):
        np.testing.assert_array_equal(read_stack(result["OUTPUT_%d" % (i + 1)])[0], read_stack(core[k])[0])
    rows = open(params["REPORT"]).read().splitlines()
    assert [r.split(",")[0] for r in rows[1:]] == list(DEPTHS["ERA5-Land"])
    assert [float(r.split(",")[-1]) for r in rows[1:]] == list(MAXIMA["ERA5-Land"])
    assert read_stack(result["SEASONAL_2"])[1][:2] == ["2000 H-S", "2000 SH-S"]


def test_importsoilmoisture_refusals_name_the_file(tsmv_processing, layouts, tmp_path):
    from qgis.core import QgsProcessingException
    from test_plugin import run
    root, _ = layouts
    outputs = {"OUTPUT_%d" % (i + 1): str(tmp_path / ("p%d.tif" % (i + 1))) for i in range(4)}
    with pytest.raises(QgsProcessingException, match=r"^INPUT .*FLDAS_NOAH01_C_GL_M\.A200001\.001\.nc is a "
                                                     r"FLDAS-Noah file, not ERA5-Land; set PRODUCT"):
        run(tsmv_processing, "importsoilmoisture", dict(outputs, INPUT=str(root / "fldas"), PRODUCT=3))
    with pytest.raises(QgsProcessingException, match=r"^SEASONAL_1 is an output of the seasons: set SEASONS"):
        run(tsmv_processing, "importsoilmoisture", dict(outputs, INPUT=str(root / "fldas"),
                                                        SEASONAL_1=str(tmp_path / "s.tif")))
    assert not any(os.path.exists(p) for p in outputs.values())


def test_product_options_are_the_catalogue_by_code(tsmv_processing):
    from tsmv.algorithms.soilmoisture import ImportSoilMoisture
    options = ImportSoilMoisture().product_options()
    assert options[1:] == [p.key for p in sorted(PRODUCTS, key=lambda p: p.code)]
    assert [p.code for p in PRODUCTS] == [1, 2, 3]


# --- the xarray face ---------------------------------------------------------------------------

def test_xr_opens_any_product_as_the_import_reads_it(tmp_path):
    """open_soil_moisture of ERA5-Land (legacy, expver) equals the import's stacks; seasons and
    attribution carry ERA5-Land's depths, and equal the steps' outputs on those stacks."""
    pytest.importorskip("xarray")
    from tsmv.tsmv_qgis import xr as tsmv
    from tsmv.tsmv_qgis.steps.attribution import run_attribution
    folder = str(tmp_path / "era5")
    make_era5_land_example(folder, 2000, 2003, SMALL_EXTENT, 1.0, seed=3, layout="legacy", expver=True)
    ds = tsmv.open_soil_moisture(folder, chunks=False)
    assert ds.attrs["product"] == "ERA5-Land" and ds.sm_0_10.attrs["layer"] == "0-7 cm"
    monthly = {k: str(tmp_path / ("m_%s.tif" % k)) for k in LAYER_KEYS}
    import_soil_moisture(folder, monthly)
    for k in LAYER_KEYS:
        np.testing.assert_array_equal(ds["sm_" + k].values, read_stack(monthly[k])[0])
    seasonal = tsmv.seasons(ds)
    assert seasonal.attrs["product"] == "ERA5-Land" and seasonal.sm_100_200.attrs["layer"] == "100-289 cm"
    attribution = tsmv.attribution(seasonal)
    assert list(attribution.depth.values) == list(DEPTHS["ERA5-Land"])
    assert str(attribution.component.values[3]) == "Trend H-S 100-289 cm"
    outputs = {"codes": str(tmp_path / "codes.tif"), "annual_tsm": str(tmp_path / "tsm.tif"),
               **{"seasonal_" + k: str(tmp_path / ("s_%s.tif" % k)) for k in LAYER_KEYS}}
    run_seasons(monthly, outputs)
    att = {name: str(tmp_path / ("a_%s.tif" % name))
           for name in ("components", "by_season", "by_depth", "by_dynamic", "omega", "dominant")}
    run_attribution({k: outputs["seasonal_" + k] for k in LAYER_KEYS}, att)
    np.testing.assert_array_equal(attribution.contribution.values, read_stack(att["components"])[0])
    with pytest.raises(TsmvError, match=r"product must be one of GLDAS-Noah, FLDAS-Noah, ERA5-Land, not 'MERRA'"):
        tsmv.open_soil_moisture(folder, "MERRA")


@pytest.mark.parametrize("rank_by", ["total", "layer"])
def test_seasons_of_a_fine_grid_read_back_give_the_one_pass_files(layouts, tmp_path, monkeypatch, rank_by):
    """Where a year of the grid is more than a pass should hold, the import writes the monthly
    stacks and the seasons read them back: the files are those of the one pass, and a failure of
    the seasons leaves nothing."""
    from tsmv.tsmv_qgis.steps import importing
    root, _ = layouts
    made = {}
    for name, limit in (("one", importing.ONE_PASS_BYTES), ("two", 0)):
        monkeypatch.setattr(importing, "ONE_PASS_BYTES", limit)
        outputs = {k: str(tmp_path / ("%s_m_%s.tif" % (name, k))) for k in LAYER_KEYS}
        seasons = {"codes": str(tmp_path / ("%s_codes.tif" % name)), "annual_tsm": str(tmp_path / ("%s_tsm.tif" % name)),
                   "codes_layers": str(tmp_path / ("%s_layers.tif" % name)),
                   **{"seasonal_" + k: str(tmp_path / ("%s_s_%s.tif" % (name, k))) for k in LAYER_KEYS}}
        result = import_soil_moisture(str(root / "era5_new"), outputs, quality_control=True, seasons=seasons,
                                      rank_by=rank_by, report=str(tmp_path / ("%s.csv" % name)))
        assert result.seasons.years == [2000, 2001]
        made[name] = list(outputs.values()) + [p for p in seasons.values() if os.path.exists(p)]
    assert len(made["one"]) == len(made["two"])
    for a, b in zip(made["one"], made["two"]):
        assert read_stack(a)[1] == read_stack(b)[1]
        np.testing.assert_array_equal(read_stack(a)[0], read_stack(b)[0])
    assert open(tmp_path / "one.csv").read() == open(tmp_path / "two.csv").read()

    def broken(*args, **kwargs):
        raise TsmvError("the seasons failed")
    monkeypatch.setattr(importing, "run_seasons", broken)
    outputs = {k: str(tmp_path / ("bad_%s.tif" % k)) for k in LAYER_KEYS}
    seasons = {"codes": str(tmp_path / "bad_codes.tif"), "annual_tsm": str(tmp_path / "bad_tsm.tif"),
               **{"seasonal_" + k: str(tmp_path / ("bad_s_%s.tif" % k)) for k in LAYER_KEYS}}
    with pytest.raises(TsmvError, match="the seasons failed"):
        import_soil_moisture(str(root / "era5_new"), outputs, seasons=seasons)
    assert not any(p.name.startswith("bad_") for p in tmp_path.iterdir())


def test_an_axis_that_repeats_a_value_is_refused():
    """Longitudes (or latitudes) that do not change from cell to cell are no grid: refused, named."""
    from tsmv.tsmv_qgis.products.reader import LatLonGrid
    with pytest.raises(TsmvError, match=r"^source x\.nc: its lon axis repeats one value \(5\)"):
        LatLonGrid([0.5, 1.5], [5.0, 5.0, 5.0], "x.nc")
    with pytest.raises(TsmvError, match=r"^source x\.nc: its lat axis repeats one value \(0\.5\)"):
        LatLonGrid([0.5, 0.5], [5.0, 6.0], "x.nc")
    with pytest.raises(TsmvError, match=r"^source x\.nc: its longitudes run from east to west \(6, 5"):
        LatLonGrid([0.5, 1.5], [6.0, 5.0], "x.nc")
    grid = LatLonGrid([1.5, 0.5], [350.0, 355.0, 0.0, 5.0], "x.nc")  # 0..360, north to south
    assert list(grid.lon) == [-10.0, -5.0, 0.0, 5.0] and not grid.south_up


def test_importsoilmoisture_through_qgis_process(qgis_process, layouts, tmp_path):
    """FLDAS-Noah through qgis_process: detected, converted, the core's numbers; a product other
    than PRODUCT refused naming the file and the parameter."""
    root, _ = layouts
    outputs = {"OUTPUT_%d" % (i + 1): str(tmp_path / ("p%d.tif" % (i + 1))) for i in range(4)}
    code, _, log = qgis_process.run("tsmv:importsoilmoisture", INPUT=str(root / "fldas"), **outputs)
    assert code == 0, log
    assert "FLDAS-Noah layers 0-10 cm, 10-40 cm, 40-100 cm, 100-200 cm" in log
    core = {k: str(tmp_path / ("c_%s.tif" % k)) for k in LAYER_KEYS}
    import_soil_moisture(str(root / "fldas"), core)
    for i, k in enumerate(LAYER_KEYS):
        np.testing.assert_array_equal(read_stack(outputs["OUTPUT_%d" % (i + 1)])[0], read_stack(core[k])[0])
    again = {k: v.replace(".tif", "_b.tif") for k, v in outputs.items()}
    code, _, log = qgis_process.run("tsmv:importsoilmoisture", INPUT=str(root / "fldas"), PRODUCT=3, **again)
    assert code != 0 and "Traceback" not in log
    assert "FLDAS_NOAH01_C_GL_M.A200001.001.nc is a FLDAS-Noah file, not ERA5-Land; set PRODUCT to FLDAS-Noah" in log
    assert not any(os.path.exists(p) for p in again.values())
