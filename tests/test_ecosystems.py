"""Land cover, GOSIF GPP and the correlation, against GDAL, hand computations and scipy."""
import csv
import gzip
import json
import os
import shutil

import numpy as np
import pytest
from osgeo import gdal, osr
from scipy import stats

from conftest import read_stack, write_stack
from tsmv.tsmv_qgis.steps import landcover as lc
from tsmv.tsmv_qgis.kernels.blocks import block_mode
from tsmv.tsmv_qgis.kernels.pearson import pearson
from tsmv.tsmv_qgis.steps.correlation import run_correlation
from tsmv.tsmv_qgis.errors import TsmvError
from tsmv.tsmv_qgis.steps.gpp import run_gpp
from tsmv.tsmv_qgis.labels import LAYER_KEYS, SEASONS
from tsmv.tsmv_qgis.steps.landcover import run_landcover


def write_fine(path, array, x0, y0, nodata, res=0.05):
    kind = gdal.GDT_Byte if array.dtype == np.uint8 else gdal.GDT_UInt16
    ds = gdal.GetDriverByName("GTiff").Create(str(path), array.shape[1], array.shape[0], 1, kind)
    ds.SetGeoTransform((x0, res, 0.0, y0, 0.0, -res))
    srs = osr.SpatialReference()
    srs.ImportFromEPSG(4326)
    ds.SetProjection(srs.ExportToWkt())
    ds.GetRasterBand(1).SetNoDataValue(nodata)
    ds.GetRasterBand(1).WriteArray(array)
    ds = None
    return str(path)


def reference(path, x0=10.0, y0=50.0, cols=4, rows=3, res=1.0, labels=("2000",)):
    return write_stack(path, np.zeros((len(labels), rows, cols)), list(labels), (x0, res, 0.0, y0, 0.0, -res))


def hand_mode(block, n_codes):
    counts = np.bincount(block[block < n_codes].ravel(), minlength=n_codes)
    return int(np.argmax(counts)) if counts.sum() else -1  # argmax: the first (smaller) of ties


# --- land cover ----------------------------------------------------------------------------

def test_block_mode_equals_hand_and_gdal(tmp_path):
    rng = np.random.default_rng(0)
    codes = rng.choice(np.array([0, 1, 2, 4, 7, 10, 12, 14, 16, 255], np.uint8), (60, 80),
                       p=[.1, .25, .05, .05, .1, .15, .1, .05, .05, .1])
    mode = block_mode(codes, 20, 20, 17)
    for i in range(3):
        for j in range(4):
            assert mode[i, j] == hand_mode(codes[20 * i:20 * i + 20, 20 * j:20 * j + 20], 17)
    path = write_fine(tmp_path / "igbp.tif", codes, 10.0, 50.0, 255)
    gdal.Warp(str(tmp_path / "mode.tif"), path, xRes=1.0, yRes=1.0, resampleAlg="mode",
              outputBounds=(10.0, 47.0, 14.0, 50.0))
    warped = gdal.Open(str(tmp_path / "mode.tif")).ReadAsArray()
    compared = 0
    for i in range(3):
        for j in range(4):
            block = codes[20 * i:20 * i + 20, 20 * j:20 * j + 20]
            counts = np.sort(np.bincount(block[block < 17].ravel(), minlength=17))
            if counts[-1] > counts[-2]:  # no tie
                assert warped[i, j] == mode[i, j]
                compared += 1
    assert compared >= 8


def test_regrouping_follows_the_four_groups(tmp_path):
    classes = np.arange(17, dtype=np.uint8)
    codes = np.repeat(np.repeat(classes[None], 20, axis=0), 20, axis=1)  # one 1-deg block per class
    path = write_fine(tmp_path / "igbp.tif", codes, 0.0, 1.0, 255)
    ref = reference(tmp_path / "ref.tif", 0.0, 1.0, 17, 1)
    expected = [np.nan, 1, 1, 1, 1, 1, 2, 2, 2, 2, 3, 2, 4, np.nan, 4, np.nan, np.nan]
    for method in ("classes", "groups"):
        run_landcover(path, ref, str(tmp_path / ("eco_%s.tif" % method)), method)
        got = read_stack(str(tmp_path / ("eco_%s.tif" % method)))[0][0, 0]
        np.testing.assert_array_equal(got, np.array(expected, np.float32))


def test_order_ties_fill_and_crops(tmp_path):
    block = np.zeros((20, 20), np.uint8)
    a = block.copy()
    a.ravel()[:120], a.ravel()[120:240], a.ravel()[240:] = 1, 2, 10  # 30% / 30% / 40%
    b = block.copy()
    b.ravel()[:200], b.ravel()[200:] = 4, 2  # a tie: class 2 wins, Forests either way
    c = block.copy()
    c.ravel()[:200], c.ravel()[200:] = 12, 10  # a tie: 10 (Grasslands) is the smaller code
    d = np.full((20, 20), 255, np.uint8)
    d.ravel()[:40] = 12  # fill is not counted: Croplands
    codes = np.concatenate([a, b, c, d], axis=1)
    path = write_fine(tmp_path / "igbp.tif", codes, 0.0, 1.0, 255)
    ref = reference(tmp_path / "ref.tif", 0.0, 1.0, 4, 1)
    run_landcover(path, ref, str(tmp_path / "m0.tif"), "classes")
    run_landcover(path, ref, str(tmp_path / "m1.tif"), "groups")
    assert list(read_stack(str(tmp_path / "m0.tif"))[0][0, 0]) == [3, 1, 3, 4]
    assert list(read_stack(str(tmp_path / "m1.tif"))[0][0, 0]) == [1, 1, 3, 4]
    # a 0.25 deg reference (5 x 5 blocks): block a holds classes 1, 2, 10 in row bands
    # (rows 0-5: 1, 6-11: 2, 12-19: 10), so its four 0.25 deg rows are 1, 2, 10, 10 by mode
    ref = reference(tmp_path / "ref025.tif", 0.0, 1.0, 4, 4, 0.25)
    run_landcover(path, ref, str(tmp_path / "q.tif"))
    got = read_stack(str(tmp_path / "q.tif"))[0][0]
    assert list(got[:, 0]) == [1, 1, 3, 3]
    ref = reference(tmp_path / "wide.tif", -1.0, 1.0, 3, 1)
    run_landcover(path, ref, str(tmp_path / "w.tif"))
    assert np.isnan(read_stack(str(tmp_path / "w.tif"))[0][0, 0, 0])


def paper_order(block):
    """Li et al. (2025), section 2.2, cell by cell: water 0, urban 13, snow/ice 15, barren 16 and
    fill to NaN; the rest regrouped; then the most frequent group (ties: the smaller code)."""
    groups = {1: 1, 2: 1, 3: 1, 4: 1, 5: 1, 6: 2, 7: 2, 8: 2, 9: 2, 11: 2, 10: 3, 12: 4, 14: 4}
    votes = {}
    for igbp in block.ravel().tolist():
        if igbp in groups:
            votes[groups[igbp]] = votes.get(groups[igbp], 0) + 1
    if not votes:
        return np.nan
    most = max(votes.values())
    return min(g for g, n in votes.items() if n == most)


def spec_block(shares):
    """A 20 x 20 block of IGBP classes in the given {class: percent} shares (400 cells)."""
    cells = [c for c, percent in shares.items() for _ in range(percent * 4)]
    assert len(cells) == 400
    return np.array(cells, np.uint8).reshape(20, 20)


def test_paper_order_is_the_default(tmp_path):
    """METHOD 0 (groups) equals a literal implementation of the paper's order block by block,
    on random blocks with and without ties; METHOD 1 (classes) differs where the paper says."""
    rng = np.random.default_rng(3)
    blocks = [spec_block({1: 30, 2: 25, 10: 45}),  # SPEC: Forests (55 %) by groups, Grasslands by classes
              spec_block({1: 40, 0: 60}),  # SPEC: Forests by groups (water does not vote), NaN by classes
              spec_block({4: 25, 12: 25, 0: 50}),  # a tie between Forests and Croplands: Forests
              spec_block({10: 25, 6: 25, 13: 50}),  # a tie between Shrublands and Grasslands: Shrublands
              spec_block({0: 50, 16: 25, 15: 25}),  # nothing votes: NaN
              np.full((20, 20), 255, np.uint8)]  # fill only: NaN
    classes = np.array([0, 1, 2, 4, 5, 6, 8, 10, 11, 12, 13, 14, 15, 16, 255], np.uint8)
    for _ in range(20):  # random blocks
        blocks.append(rng.choice(classes, (20, 20)))
    for _ in range(14):  # random blocks whose two leading groups tie (k cells each)
        a, b = rng.choice([1, 5, 6, 9, 10, 12, 14], 2, replace=False)
        if lc.group_lut()[a] == lc.group_lut()[b]:
            continue
        k = int(rng.integers(60, 200))
        rest = rng.choice(np.array([0, 13, 15, 16, 255], np.uint8), 400 - 2 * k)
        blocks.append(rng.permutation(np.concatenate([np.full(k, a), np.full(k, b), rest]).astype(np.uint8))
                      .reshape(20, 20))
    codes = np.concatenate(blocks, axis=1)
    path = write_fine(tmp_path / "igbp.tif", codes, 0.0, 1.0, 255)
    ref = reference(tmp_path / "ref.tif", 0.0, 1.0, len(blocks), 1)
    run_landcover(path, ref, str(tmp_path / "default.tif"))
    got = read_stack(str(tmp_path / "default.tif"))[0][0, 0]
    expected = np.array([paper_order(b) for b in blocks], np.float32)
    np.testing.assert_array_equal(got, expected)
    assert len(blocks) >= 32  # at least 6 tied random blocks were made
    assert list(got[:4]) == [1, 1, 1, 2] and np.isnan(got[4:6]).all()
    run_landcover(path, ref, str(tmp_path / "classes.tif"), "classes")
    by_classes = read_stack(str(tmp_path / "classes.tif"))[0][0, 0]
    assert by_classes[0] == 3 and np.isnan(by_classes[1])


def test_collapsed_cmg_extent_and_missing_hdf4(tmp_path, monkeypatch):
    codes = np.full((3600, 7200), 255, np.uint8)
    codes[400:420, 3800:3820] = 12  # the 1-deg cell (10 E, 70 N) of the CMG grid
    ds = gdal.GetDriverByName("GTiff").Create(str(tmp_path / "cmg.tif"), 7200, 3600, 1, gdal.GDT_Byte,
                                              ["COMPRESS=DEFLATE"])
    ds.GetRasterBand(1).WriteArray(codes)  # no geotransform: GDAL says (0, 1, 0, 0, 0, 1)
    ds = None
    ref = reference(tmp_path / "ref.tif", 9.0, 71.0, 3, 3)
    logged = []
    run_landcover(str(tmp_path / "cmg.tif"), ref, str(tmp_path / "eco.tif"), log=logged.append)
    got = read_stack(str(tmp_path / "eco.tif"))[0][0]
    assert got[1, 1] == 4 and np.isnan(got[0, 0]) and any("CMG" in m for m in logged)
    monkeypatch.setattr(lc.gdal, "GetDriverByName", lambda name: None)
    with pytest.raises(TsmvError, match="no HDF4 driver"):
        run_landcover(str(tmp_path / "MCD12C1.A2010001.061.hdf"), ref, str(tmp_path / "x.tif"))


def test_landcover_bad_input(tmp_path):
    codes = np.full((20, 40), 7, np.uint8)
    codes[3, 3] = 42
    path = write_fine(tmp_path / "bad.tif", codes, 0.0, 1.0, 255)
    ref = reference(tmp_path / "ref.tif", 0.0, 1.0, 2, 1)
    with pytest.raises(TsmvError, match="codes outside IGBP 0-16 and fill 255: 42"):
        run_landcover(path, ref, str(tmp_path / "o.tif"))
    good = write_fine(tmp_path / "good.tif", np.full((20, 40), 7, np.uint8), 0.0, 1.0, 255)
    shifted = reference(tmp_path / "shift.tif", 0.01, 1.0, 2, 1)
    with pytest.raises(TsmvError, match="not aligned with the reference grid"):
        run_landcover(good, shifted, str(tmp_path / "o.tif"))
    assert not os.path.exists(tmp_path / "o.tif")


# --- GPP -----------------------------------------------------------------------------------

def gosif(folder, name, value, shape=(20, 40), x0=0.0, y0=1.0, fills=None, gz=False):
    array = np.full(shape, value, np.uint16)
    if fills is not None:
        array[fills] = 65535
    path = write_fine(os.path.join(folder, name), array, x0, y0, 65535)
    if gz:
        with open(path, "rb") as src, gzip.open(path + ".gz", "wb") as dst:
            shutil.copyfileobj(src, dst)
        os.remove(path)
    return path


@pytest.fixture(params=["numpy", "numba"])
def gpp_backend(request, monkeypatch):
    from tsmv.tsmv_qgis.steps import gpp
    from tsmv.tsmv_qgis.kernels import optional_numba
    if request.param == "numba" and not optional_numba.available():
        pytest.skip("numba is not installed")
    monkeypatch.setattr(gpp, "_BACKEND", request.param)
    return request.param


def test_8day_composites_weighted_by_days(tmp_path, gpp_backend):
    folder = tmp_path / "gosif"
    folder.mkdir()
    values = {1: 1000, 9: 2000, 17: 3000, 25: 4000, 33: 5000, 41: 6000, 49: 7000, 57: 8000}
    for doy, v in values.items():  # scale 0.001: 1.0 ... 8.0 g C m-2 d-1
        gosif(folder, "GOSIF_GPP_2001%03d_Mean.tif" % doy, v, gz=(doy == 33))
    ref = reference(tmp_path / "ref.tif", 0.0, 1.0, 2, 1)
    run_gpp(str(folder), ref, str(tmp_path / "gpp.tif"), 2001, 2001)
    got, labels, _, _ = read_stack(str(tmp_path / "gpp.tif"))
    assert labels[0] == "2001-01" and labels[-1] == "2001-12"
    # January: days 1-8 (1.0), 9-16 (2.0), 17-24 (3.0), 25-31 (4.0, 7 of its 8 days)
    assert got[0, 0, 0] == pytest.approx((8 * 1 + 8 * 2 + 8 * 3 + 7 * 4) / 31, rel=1e-6)
    # February: 1 (4.0), 2-9 (5.0, gzipped), 10-17 (6.0), 18-25 (7.0), 26-28 (8.0)
    assert got[1, 0, 1] == pytest.approx((1 * 4 + 8 * 5 + 8 * 6 + 8 * 7 + 3 * 8) / 28, rel=1e-6)
    # March: days 1-5 of the composite of day 57 only
    assert got[2, 0, 0] == pytest.approx(8.0, rel=1e-6)
    assert np.isnan(got[3:]).all()


def test_monthly_files_fills_and_min_valid(tmp_path, gpp_backend):
    folder = tmp_path / "gosif"
    folder.mkdir()
    fills = np.zeros((20, 40), bool)
    fills[:12, :20] = True  # 60% of the first block is water: 40% valid
    fills[:4, 20:] = True  # 20% of the second
    gosif(folder, "GOSIF_GPP_2019.M02_Mean.tif", 5600, fills=fills)  # 56 g C m-2 in February
    gosif(folder, "GOSIF_GPP_2019.M03_Mean.tif", 3100, gz=True)
    ref = reference(tmp_path / "ref.tif", 0.0, 1.0, 2, 1)
    logged = []
    run_gpp(str(folder), ref, str(tmp_path / "a.tif"), min_valid=0.5, log=logged.append)
    got, labels, _, _ = read_stack(str(tmp_path / "a.tif"))
    assert labels == ["2019-02", "2019-03"]
    assert np.isnan(got[0, 0, 0]) and got[0, 0, 1] == pytest.approx(56 / 28)
    assert got[1, 0, 0] == pytest.approx(31 / 31)
    run_gpp(str(folder), ref, str(tmp_path / "b.tif"), min_valid=0.3)
    assert read_stack(str(tmp_path / "b.tif"))[0][0, 0, 0] == pytest.approx(2.0)
    run_gpp(str(folder), ref, str(tmp_path / "c.tif"), start_year=2019, end_year=2019, log=logged.append)
    assert len(read_stack(str(tmp_path / "c.tif"))[1]) == 12
    assert any("no GOSIF file covers 10 month(s)" in m for m in logged)


def test_gpp_bad_input(tmp_path):
    (tmp_path / "empty").mkdir()
    ref = reference(tmp_path / "ref.tif", 0.0, 1.0, 2, 1)
    with pytest.raises(TsmvError, match="holds no GOSIF GPP files"):
        run_gpp(str(tmp_path / "empty"), ref, str(tmp_path / "o.tif"))
    folder = tmp_path / "g"
    folder.mkdir()
    gosif(folder, "GOSIF_GPP_2019.M02_Mean.tif", 100, x0=0.02)
    with pytest.raises(TsmvError, match="^folder .* is not aligned with the reference grid"):
        run_gpp(str(folder), ref, str(tmp_path / "o.tif"))
    assert not os.path.exists(tmp_path / "o.tif")


# --- correlation ---------------------------------------------------------------------------

def test_pearson_equals_scipy():
    rng = np.random.default_rng(3)
    x = rng.normal(size=(15, 3000))
    y = 0.5 * x + rng.normal(size=(15, 3000))
    x[rng.random(x.shape) < 0.15] = np.nan
    y[rng.random(y.shape) < 0.15] = np.nan
    y[:, :20] = 4.0  # constant
    r, p = pearson(x, y)
    for i in range(3000):
        ok = np.isfinite(x[:, i]) & np.isfinite(y[:, i])
        if ok.sum() < 5 or i < 20:
            assert np.isnan(r[i]) and np.isnan(p[i])
            continue
        want = stats.pearsonr(x[ok, i], y[ok, i])
        assert abs(r[i] - want[0]) < 1e-9 and abs(p[i] - want[1]) < 1e-9


@pytest.fixture(scope="module")
def correlation_inputs(tmp_path_factory):
    rng = np.random.default_rng(4)
    folder = tmp_path_factory.mktemp("corr")
    years = list(range(2001, 2013))
    rows, cols = 4, 5
    gt = (30.0, 1.0, 0.0, 10.0, 0.0, -1.0)
    codes = np.empty((len(years), 12, rows, cols), np.float32)
    for t in range(len(years)):
        for i in range(rows):
            for j in range(cols):
                codes[t, :, i, j] = rng.permutation(np.repeat([1, 2, 3, 4], 3))
    gpp = rng.uniform(0, 8, (len(years), 12, rows, cols)).astype(np.float32)
    gpp[rng.random(gpp.shape) < 0.05] = np.nan
    sm = {k: rng.uniform(5, 100, (len(years), 4, rows, cols)).astype(np.float32) for k in LAYER_KEYS}
    sm["0_10"][:, :, 0, 0] = np.nan
    eco = rng.choice(np.array([1, 2, 3, 4, np.nan], np.float32), (1, rows, cols))
    month_labels = ["%d-%02d" % (y, m) for y in years for m in range(1, 13)]
    paths = {
        "codes": write_stack(folder / "codes.tif", codes.reshape(-1, rows, cols), month_labels, gt),
        "gpp": write_stack(folder / "gpp.tif", gpp.reshape(-1, rows, cols), month_labels, gt),
        "eco": write_stack(folder / "eco.tif", eco, ["ecosystem"], gt)}
    for rank_by in ("total", "layer"):
        paths.update({(rank_by, k): write_stack(folder / ("s_%s_%s.tif" % (rank_by, k)), v.reshape(-1, rows, cols),
                                                ["%d %s" % (y, s) for y in years for s in SEASONS], gt,
                                                metadata={"RANK_BY": rank_by})
                      for k, v in sm.items()})
        paths.update({k: paths[("total", k)] for k in LAYER_KEYS})
    layer_codes = np.empty((4,) + codes.shape, np.float32)  # each layer its own month order
    for d in range(4):
        for t in range(len(years)):
            for i in range(rows):
                for j in range(cols):
                    layer_codes[d, t, :, i, j] = rng.permutation(np.repeat([1, 2, 3, 4], 3))
    paths["codes_layers"] = write_stack(folder / "codes_layers.tif", layer_codes.reshape(-1, rows, cols),
                                        ["%s %s cm" % (m, d) for d in ("0-10", "10-40", "40-100", "100-200")
                                         for m in month_labels], gt)
    return paths, dict(codes=codes, layer_codes=layer_codes, gpp=gpp, sm=sm, eco=eco[0], years=years)


def hand_gpp(gpp, codes, season, t0):
    """GPP_s(t) of one pixel: the mean over the months coded ``season`` (NaN if one is missing)."""
    g = []
    for t in range(t0, gpp.shape[0]):
        months = gpp[t, codes[t] == season + 1]
        g.append(np.nan if np.isnan(months).any() else months.mean())
    return np.array(g)


def hand_r(x, g):
    """(r, p) by scipy over the years where both exist; NaN below 5 years."""
    ok = np.isfinite(x) & np.isfinite(g)
    if ok.sum() < 5:
        return np.nan, np.nan
    return stats.pearsonr(x[ok], g[ok])


def test_correlation_rasters_and_table(correlation_inputs, tmp_path):
    paths, data = correlation_inputs
    outputs = {"r": str(tmp_path / "r.tif"), "p": str(tmp_path / "p.tif"), "table": str(tmp_path / "t.csv")}
    run_correlation({k: paths[k] for k in LAYER_KEYS}, paths["codes"], paths["gpp"], paths["eco"],
                    outputs, start_year=2002, alpha=0.1)
    r, labels, _, _ = read_stack(outputs["r"])
    p = read_stack(outputs["p"])[0]
    assert labels[0] == "H-S 0-10 cm" and labels[15] == "A-S 100-200 cm"
    t0 = 1  # 2002
    for i in range(4):
        for j in range(5):
            for s in range(4):
                g = []
                for t in range(t0, len(data["years"])):
                    months = data["gpp"][t, data["codes"][t, :, i, j] == s + 1, i, j]
                    g.append(np.nan if np.isnan(months).any() else months.mean())
                g = np.array(g)
                for d, k in enumerate(LAYER_KEYS):
                    x = data["sm"][k][t0:, s, i, j].astype(np.float64)
                    ok = np.isfinite(x) & np.isfinite(g)
                    band = 4 * s + d
                    if ok.sum() < 5:
                        assert np.isnan(r[band, i, j])
                        continue
                    want = stats.pearsonr(x[ok], g[ok])
                    assert r[band, i, j] == pytest.approx(want[0], abs=1e-6)
                    assert p[band, i, j] == pytest.approx(want[1], abs=1e-6)
    rows = list(csv.DictReader(open(outputs["table"])))
    assert len(rows) == 5 * 20 and rows[0]["ecosystem"] == "Global" and rows[20]["ecosystem"] == "Forests"
    w = np.cos(np.deg2rad(10 - (np.arange(4) + 0.5)))[:, None] * np.ones((4, 5))
    for row in (row for row in rows if row["depth"] != "10-100 cm"):  # the root zone: another test
        band = SEASONS.index(row["season"]) * 4 + ["0-10 cm", "10-40 cm", "40-100 cm", "100-200 cm"].index(row["depth"])
        member = np.ones((4, 5), bool) if row["ecosystem"] == "Global" else \
            data["eco"] == 1 + ["Forests", "Shrublands", "Grasslands", "Croplands"].index(row["ecosystem"])
        ok = member & np.isfinite(r[band])
        assert int(row["pixels"]) == ok.sum()
        assert int(row["significant_pixels"]) == (ok & (p[band] < 0.1)).sum()
        if ok.sum():
            assert float(row["mean_r"]) == pytest.approx((r[band][ok] * w[ok]).sum() / w[ok].sum(), abs=1e-5)
            assert float(row["mean_p"]) == pytest.approx((p[band][ok] * w[ok]).sum() / w[ok].sum(), abs=1e-5)
            sig = ok & (p[band] < 0.1)
            assert float(row["percent_significant"]) == pytest.approx(100 * w[sig].sum() / w[ok].sum(), abs=1e-3)


def test_correlation_root_zone(correlation_inputs, tmp_path):
    """R_ROOT_ZONE: r of the sum of the 10-40 and 40-100 cm seasonal SM with GPP_s (scipy), and
    the table's '10-100 cm' rows; the coverage is recorded and logged."""
    paths, data = correlation_inputs
    outputs = {"r": str(tmp_path / "r.tif"), "p": str(tmp_path / "p.tif"), "table": str(tmp_path / "t.csv"),
               "r_root_zone": str(tmp_path / "rz.tif"), "p_root_zone": str(tmp_path / "pz.tif")}
    logged = []
    run_correlation({k: paths[k] for k in LAYER_KEYS}, paths["codes"], paths["gpp"], paths["eco"],
                    outputs, log=logged.append)
    rz, labels, _, _ = read_stack(outputs["r_root_zone"])
    meta = gdal.Open(outputs["r"]).GetMetadata()
    pz = read_stack(outputs["p_root_zone"])[0]
    assert labels == ["H-S 10-100 cm", "SH-S 10-100 cm", "SA-S 10-100 cm", "A-S 10-100 cm"]
    for i in range(4):
        for j in range(5):
            for s in range(4):
                g = hand_gpp(data["gpp"][:, :, i, j], data["codes"][:, :, i, j], s, 0)
                x = data["sm"]["10_40"][:, s, i, j].astype(np.float64) + data["sm"]["40_100"][:, s, i, j]
                want = hand_r(x, g)
                assert rz[s, i, j] == pytest.approx(want[0], abs=1e-6, nan_ok=True)
                assert pz[s, i, j] == pytest.approx(want[1], abs=1e-6, nan_ok=True)
    rows = list(csv.DictReader(open(outputs["table"])))
    assert len(rows) == 5 * 20
    root = [r for r in rows if r["ecosystem"] == "Global" and r["depth"] == "10-100 cm"]
    assert [r["season"] for r in root] == list(SEASONS)
    assert [int(r["pixels"]) for r in root] == [int(np.isfinite(rz[s]).sum()) for s in range(4)]
    cov = json.loads(meta["TSMV_COVERAGE"])
    r = read_stack(outputs["r"])[0]
    assert cov["pixels"] == 20 and cov["kept"] == int(np.isfinite(r).any(axis=0).sum())
    assert cov["kept"] + sum(cov["dropped"].values()) == 20
    assert any(m.startswith("Correlation over 2001-2012: kept %d of 20 pixels" % cov["kept"]) for m in logged)


def test_correlation_pairs_each_layer_with_its_own_seasons(correlation_inputs, tmp_path):
    """Stacks ranked per layer pair with SEASON_CODES_LAYERS: layer d's r uses GPP over layer d's
    own months (scipy oracle); the total-profile codes are refused for them, and vice versa."""
    paths, data = correlation_inputs
    layered = {k: paths[("layer", k)] for k in LAYER_KEYS}
    outputs = {"r": str(tmp_path / "r.tif"), "p": str(tmp_path / "p.tif"),
               "r_root_zone": str(tmp_path / "rz.tif")}
    logged = []
    run_correlation(layered, paths["codes_layers"], paths["gpp"], paths["eco"], outputs, log=logged.append)
    r = read_stack(outputs["r"])[0]
    for i in range(4):
        for j in range(5):
            for s in range(4):
                for d, k in enumerate(LAYER_KEYS):
                    g = hand_gpp(data["gpp"][:, :, i, j], data["layer_codes"][d, :, :, i, j], s, 0)
                    want = hand_r(data["sm"][k][:, s, i, j].astype(np.float64), g)
                    assert r[4 * s + d, i, j] == pytest.approx(want[0], abs=1e-6, nan_ok=True)
    assert not os.path.exists(outputs["r_root_zone"]) and any("root zone" in m for m in logged)
    outputs = {"r": str(tmp_path / "refused_r.tif"), "p": str(tmp_path / "refused_p.tif")}
    with pytest.raises(TsmvError, match=r"^season_codes .*codes.tif holds the total-profile codes, but the "
                                        r"seasonal stacks were ranked by each layer .*SEASON_CODES_LAYERS"):
        run_correlation(layered, paths["codes"], paths["gpp"], paths["eco"], outputs)
    with pytest.raises(TsmvError, match=r"^season_codes .*codes_layers.tif holds the season codes of each "
                                        r"layer, but the seasonal stacks were ranked by the total profile"):
        run_correlation({k: paths[k] for k in LAYER_KEYS}, paths["codes_layers"], paths["gpp"], paths["eco"],
                        outputs)
    mixed = dict(layered, **{"0_10": paths["0_10"]})
    with pytest.raises(TsmvError, match=r"^inputs\['10_40'\] \S*s_layer_10_40\.tif has another ranking of the seasons "
                                        r"\(RANK_BY layer\) than inputs\['0_10'\] \S*s_total_0_10\.tif \(RANK_BY total\)"):
        run_correlation(mixed, paths["codes"], paths["gpp"], paths["eco"], outputs)
    unknown = write_stack(tmp_path / "unknown.tif", data["sm"]["0_10"].reshape(-1, 4, 5),
                          ["%d %s" % (y, s) for y in data["years"] for s in SEASONS],
                          (30.0, 1.0, 0.0, 10.0, 0.0, -1.0))
    with pytest.raises(TsmvError, match=r"^inputs\['0_10'\] .*unknown.tif does not record how its months were "
                                        r"ranked .*gdal_edit.py -mo RANK_BY=total"):
        run_correlation(dict(layered, **{"0_10": unknown}), paths["codes"], paths["gpp"], paths["eco"], outputs)
    assert not any(os.path.exists(p) for p in outputs.values())


def test_correlation_bad_input(correlation_inputs, tmp_path):
    paths, data = correlation_inputs
    late = write_stack(tmp_path / "late.tif", data["gpp"].reshape(-1, 4, 5),
                       ["%d-%02d" % (y, m) for y in range(2020, 2032) for m in range(1, 13)],
                       (30.0, 1.0, 0.0, 10.0, 0.0, -1.0))
    outputs = {"r": str(tmp_path / "r.tif"), "p": str(tmp_path / "p.tif")}
    with pytest.raises(TsmvError, match=r"^gpp: its years \(2020-2031\) do not overlap the years of the seasonal stacks \(2001-2012\)"):
        run_correlation({k: paths[k] for k in LAYER_KEYS}, paths["codes"], late, paths["eco"], outputs)
    inputs = ({k: paths[k] for k in LAYER_KEYS}, paths["codes"], paths["gpp"], paths["eco"], outputs)
    with pytest.raises(TsmvError, match=r"start_year \(2010\) is after end_year \(2005\)"):
        run_correlation(*inputs, start_year=2010, end_year=2005)
    with pytest.raises(TsmvError, match=r"end_year 2020 is outside the years of soil moisture, season codes"):
        run_correlation(*inputs, end_year=2020)
    with pytest.raises(TsmvError, match=r"^start_year..end_year \(2002-2004\) holds 3 years with soil moisture and GPP; .* at least 5"):
        run_correlation(*inputs, start_year=2002, end_year=2004)
    moved = write_stack(tmp_path / "eco.tif", data["eco"][None], ["ecosystem"])
    with pytest.raises(TsmvError, match=r"ecosystems .*eco.tif is on another grid .* than inputs\['0_10'\]"):
        run_correlation({k: paths[k] for k in LAYER_KEYS}, paths["codes"], paths["gpp"], moved, outputs)
    assert not os.path.exists(outputs["r"])
