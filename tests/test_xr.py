"""tsmv_qgis.xr: the Processing chain's numbers through xarray, numpy- and dask-backed, on a cluster.

The chain runs twice on the same example GLDAS files: through the core functions of the
Processing algorithms (GeoTIFF stacks) and through ``tsmv_qgis.xr``.  Both write or keep
float32 from the same kernels on the same float32 inputs, so every value must be equal
bit for bit; only the correlation TABLE, summed tile by tile and printed with 6 decimals,
is compared to 1e-6.
"""
import csv
import logging
import os
import subprocess
import sys
import time
import warnings

import numpy as np
import pytest

from conftest import REAL_GLDAS, ROOT, SMALL_EXTENT, layer_paths, read_stack
from tsmv.tsmv_qgis.steps.attribution import COMPONENT_LABELS, run_attribution
from tsmv.tsmv_qgis.steps.correlation import run_correlation
from tsmv.tsmv_qgis.errors import TsmvError
from tsmv_example import ExampleWorld, make_gldas_example, make_gosif_example, make_igbp_example
from tsmv.tsmv_qgis.steps.importing import import_gldas
from tsmv.tsmv_qgis.steps.gpp import run_gpp
from tsmv.tsmv_qgis.labels import LAYER_KEYS, SEASONS
from tsmv.tsmv_qgis.steps.landcover import run_landcover
from tsmv.tsmv_qgis.steps.qc import quality_control
from tsmv.tsmv_qgis.io.raster import Stack
from tsmv.tsmv_qgis.steps.seasons import run_seasons
from tsmv.tsmv_qgis.steps.trend import run_trend

xr = pytest.importorskip("xarray")
from tsmv.tsmv_qgis import xr as txr  # noqa: E402

START, END, GPP_START = 1998, 2007, 2000  # V2.0 then V2.1; GPP from 2000
CHUNKS = {"time": 12, "lat": 5, "lon": 7}  # a read per year and uneven block of the 12 x 16 grid
CLUSTER_CHUNKS = {"time": 60, "lat": 6, "lon": 8}  # fewer, larger tasks
TREND_BANDS = ["slope", "intercept", "p_value", "z", "tau", "s", "trend"]
BOOTSTRAP = {"bootstrap": 30, "seed": 11}  # block lengths chosen pixel by pixel


@pytest.fixture(scope="module")
def processing(tmp_path_factory):
    """The chain through the Processing algorithms' core functions: {name: GeoTIFF or CSV path}."""
    folder = tmp_path_factory.mktemp("xr")
    gldas = str(folder / "gldas")
    make_gldas_example(gldas, START, END, extent=SMALL_EXTENT, seed=3)
    world = ExampleWorld(SMALL_EXTENT, 1.0, 3)
    make_igbp_example(str(folder / "igbp.tif"), world)
    make_gosif_example(str(folder / "gosif"), world, GPP_START, END)
    paths = {"gldas": gldas, "sm": layer_paths(folder, "sm"), "qc": layer_paths(folder, "qc")}
    import_gldas(gldas, paths["sm"])
    quality_control(paths["sm"], paths["qc"])
    for rank_by in ("total", "layer"):
        out = {name: str(folder / ("%s_%s.tif" % (name, rank_by))) for name in ("codes", "annual_tsm", "codes_layers")}
        out.update({"seasonal_" + k: v for k, v in layer_paths(folder, "seasonal_" + rank_by).items()})
        run_seasons(paths["qc"], out, rank_by=rank_by)
        paths[rank_by] = out
    seasonal = {k: paths["total"]["seasonal_" + k] for k in LAYER_KEYS}
    annual = paths["total"]["annual_tsm"]
    for name, kwargs in (("trend", {}), ("trend_fdr", {"fdr": True, "alpha": 0.1}),
                         ("trend_hs", {"source": seasonal["0_10"], "season": 0, "start_year": 2000})):
        run_trend(kwargs.pop("source", annual), str(folder / (name + ".tif")), **kwargs)
        paths[name] = str(folder / (name + ".tif"))
    paths["attribution"] = {key: str(folder / ("att_%s.tif" % key)) for key in
                            ("components", "by_season", "by_depth", "by_dynamic", "omega", "dominant",
                             "components_lower", "components_upper")}
    run_attribution(seasonal, paths["attribution"], start_year=2000, end_year=END, **BOOTSTRAP)
    paths["eco"], paths["gpp"] = str(folder / "eco.tif"), str(folder / "gpp.tif")
    run_landcover(str(folder / "igbp.tif"), paths["sm"]["0_10"], paths["eco"])
    run_gpp(str(folder / "gosif"), paths["sm"]["0_10"], paths["gpp"])
    for rank_by in ("total", "layer"):
        out = {name: str(folder / ("%s_%s.%s" % (name, rank_by, "csv" if name == "table" else "tif")))
               for name in ("r", "p", "r_root_zone", "p_root_zone", "table")}
        codes = paths[rank_by]["codes" if rank_by == "total" else "codes_layers"]
        run_correlation({k: paths[rank_by]["seasonal_" + k] for k in LAYER_KEYS}, codes, paths["gpp"],
                        paths["eco"], out)
        paths["correlation_" + rank_by] = out
    return paths


def xr_chain(paths, chunks):
    """The same chain through tsmv_qgis.xr: {name: Dataset} (lazy when ``chunks`` asks for dask)."""
    ds = txr.open_gldas(paths["gldas"], chunks=chunks)
    qc = txr.quality_control(ds)
    out = {"gldas": ds, "qc": qc}
    gpp = txr.open_stack(paths["gpp"], chunks=chunks)
    eco = txr.open_stack(paths["eco"], chunks=chunks)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # the periods that mix V2.0 and V2.1 warn
        for rank_by in ("total", "layer"):
            out[rank_by] = txr.seasons(qc, rank_by=rank_by)
            codes = out[rank_by]["season_code" if rank_by == "total" else "season_code_layer"]
            out["correlation_" + rank_by] = txr.correlation(out[rank_by], codes, gpp, eco)
        seasonal = out["total"]
        out["trend"] = txr.trend(seasonal.annual_tsm)
        out["trend_fdr"] = txr.trend(seasonal.annual_tsm, fdr=True, alpha=0.1)
        out["trend_hs"] = txr.trend(seasonal.sm_0_10.sel(season="H-S"), start_year=2000)
    out["attribution"] = txr.attribution(seasonal, 2000, END, **BOOTSTRAP)
    return out


def computed(chain):
    import dask
    names = list(chain)
    return dict(zip(names, dask.compute(*[chain[n] for n in names])))


def same(actual, expected):
    """Equal bit for bit (NaN where NaN), and float32."""
    actual = np.asarray(actual)
    assert actual.dtype == np.float32
    np.testing.assert_array_equal(actual, expected)


def flat(da, *dims):
    """(bands, lat, lon) of a DataArray whose ``dims`` make the bands, in that order."""
    values = da.transpose(*dims, "lat", "lon").values
    return values.reshape(-1, *values.shape[-2:])


def check_against_processing(chain, paths):
    """Every output of the xr chain equals the Processing output bit for bit."""
    ds = chain["gldas"]
    grid = read_stack(paths["sm"]["0_10"])
    assert [str(t)[:7] for t in ds.time.values.astype("datetime64[M]")] == grid[1]
    gt = grid[2]
    np.testing.assert_array_equal(ds.lat, gt[3] + gt[5] * (np.arange(ds.lat.size) + 0.5))
    np.testing.assert_array_equal(ds.lon, gt[0] + gt[1] * (np.arange(ds.lon.size) + 0.5))
    assert list(ds.gldas_version.values) == ["2.0"] * 24 + ["2.1"] * 96
    for k in LAYER_KEYS:
        same(ds["sm_" + k], read_stack(paths["sm"][k])[0])
        same(chain["qc"]["sm_" + k], read_stack(paths["qc"][k])[0])
    for rank_by in ("total", "layer"):
        s, files = chain[rank_by], paths[rank_by]
        same(s.season_code, read_stack(files["codes"])[0])
        same(s.annual_tsm, read_stack(files["annual_tsm"])[0])
        for k in LAYER_KEYS:
            stack, labels = read_stack(files["seasonal_" + k])[:2]
            assert labels[:5] == ["1998 H-S", "1998 SH-S", "1998 SA-S", "1998 A-S", "1999 H-S"]
            same(flat(s["sm_" + k], "year", "season"), stack)
        if rank_by == "layer":
            same(flat(s.season_code_layer, "depth", "time"), read_stack(files["codes_layers"])[0])
        else:
            assert "season_code_layer" not in s
    for name in ("trend", "trend_fdr", "trend_hs"):
        stack, labels = read_stack(paths[name])[:2]
        assert labels == TREND_BANDS + (["q_value"] if name == "trend_fdr" else []) + ["slope_lower", "slope_upper"]
        same(np.stack([chain[name][band] for band in labels]), stack)
    att, files = chain["attribution"], paths["attribution"]
    assert list(att.component.values) == read_stack(files["components"])[1] == COMPONENT_LABELS
    same(att.contribution, read_stack(files["components"])[0])
    for key in ("omega", "by_season", "by_depth", "by_dynamic"):
        stack, labels = read_stack(files[key])[:2]
        same(att[key], stack)
        assert list(att[key][att[key].dims[0]].values) == labels
    same(np.stack([att[b] for b in ("top1_code", "top1_percent", "top2_code", "top2_percent")]),
         read_stack(files["dominant"])[0])
    for name, key in (("contribution_lower", "components_lower"), ("contribution_upper", "components_upper")):
        stack, labels = read_stack(files[key])[:2]
        assert labels == COMPONENT_LABELS and np.isfinite(stack).sum() > 100
        same(att[name], stack)
    lower, upper = np.asarray(att.contribution_lower), np.asarray(att.contribution_upper)
    assert (np.isfinite(lower) == np.isfinite(upper)).all() and (lower <= upper)[np.isfinite(lower)].all()
    assert (att.attrs["bootstrap"], att.attrs["block"], att.attrs["bootstrap_seed"]) == (30, 0, 11)
    for rank_by in ("total", "layer"):
        c, files = chain["correlation_" + rank_by], paths["correlation_" + rank_by]
        r, labels = read_stack(files["r"])[:2]
        assert ["%s %s" % (s, d) for s in c.season.values for d in c.depth.values] == labels
        same(flat(c.r, "season", "depth"), r)
        same(flat(c.p, "season", "depth"), read_stack(files["p"])[0])
        if rank_by == "total":
            same(c.r_root_zone, read_stack(files["r_root_zone"])[0])
            same(c.p_root_zone, read_stack(files["p_root_zone"])[0])
        else:
            assert "r_root_zone" not in c
        with open(files["table"]) as table:
            rows = list(csv.DictReader(table))
        assert len(rows) == 5 * (16 + 4 * (rank_by == "total"))
        for row in rows:
            suffix = "_root_zone" if row["depth"] == "10-100 cm" else ""
            where = dict(group=row["ecosystem"], season=row["season"])
            if not suffix:
                where["depth"] = row["depth"]
            assert int(c["pixels" + suffix].sel(where)) == int(row["pixels"])
            assert int(c["significant_pixels" + suffix].sel(where)) == int(row["significant_pixels"])
            for key in ("mean_r", "mean_p", "percent_significant"):
                want = float(row[key])
                got = float(c[key + suffix].sel(where))
                assert got == pytest.approx(want, abs=1e-6 if key != "percent_significant" else 1e-4, nan_ok=True)


def check_same(a, b):
    """Two runs of the xr chain give the same Datasets, values and coordinates (the correlation
    TABLE's sums over the grid, summed chunk by chunk in another order, to 1e-12)."""
    assert list(a) == list(b)
    for name in a:
        sums = [v for v in a[name].data_vars if "group" in a[name][v].dims]
        xr.testing.assert_identical(a[name].drop_vars(sums), b[name].drop_vars(sums))
        xr.testing.assert_allclose(a[name][sums], b[name][sums], rtol=1e-12, atol=0)


def test_numpy_backed_chain_equals_processing(processing):
    chain = xr_chain(processing, chunks=False)
    assert all(not v.chunks for name in chain for v in chain[name].data_vars.values())
    check_against_processing(chain, processing)
    s = chain["total"]
    assert s.sm_0_10.dims == ("year", "season", "lat", "lon") and s.season_code.dims == ("time", "lat", "lon")
    assert s.attrs["rank_by"] == "total" and s.sm_0_10.attrs["units"] == "kg m-2"
    assert list(s.gldas_versions.values) == ["2.0"] * 2 + ["2.1"] * 8
    assert chain["trend"].slope.dims == ("lat", "lon")
    assert chain["trend"].slope.attrs["units"] == "kg m-2 per year"
    assert chain["attribution"].contribution.dims == ("component", "lat", "lon")
    assert chain["correlation_total"].r.dims == ("season", "depth", "lat", "lon")
    total = chain["attribution"].contribution.astype(np.float64).sum("component", skipna=False)
    np.testing.assert_allclose(total.values[np.isfinite(total.values)], 100.0, atol=1e-3)


def test_dask_backed_chain_is_lazy_and_equals_numpy(processing):
    dask = pytest.importorskip("dask")
    from dask.callbacks import Callback
    ran = []
    with Callback(pretask=lambda key, dsk, state: ran.append(key)):
        chain = xr_chain(processing, chunks=CHUNKS)
        assert ran == []  # building the whole chain read and computed nothing
        for name, ds in chain.items():
            for var in ds.data_vars.values():
                assert isinstance(var.data, dask.array.Array), (name, var.name)
        assert chain["qc"].sm_0_10.chunks[1:] == ((5, 5, 2), (7, 7, 2))
        assert chain["trend"].slope.chunks == ((5, 5, 2), (7, 7, 2))
        result = computed(chain)
        assert ran
    check_same(result, computed_numpy(processing))
    check_against_processing(result, processing)


_NUMPY = {}


def computed_numpy(paths):
    if "chain" not in _NUMPY:
        _NUMPY["chain"] = xr_chain(paths, chunks=False)
    return _NUMPY["chain"]


OPTIONS = dict(alpha=0.1, detrend=True, max_lag=3, effective_n=True, fdr=True)


def test_correlation_options_equal_processing(processing, tmp_path):
    """DETREND, MAX_LAG, EFFECTIVE_N, FDR through xr.correlation, numpy- and dask-backed, equal
    tsmv:correlation's outputs bit for bit, R_NOT_DETRENDED and P_NOT_DETRENDED too (GPP ends in December 2007: the lagged months after it
    are missing) and its TABLE."""
    pytest.importorskip("dask")
    files = {name: str(tmp_path / ("%s.%s" % (name, "csv" if name == "table" else "tif")))
             for name in ("r", "p", "r_root_zone", "p_root_zone", "r_best_lag", "best_lag", "r_not_detrended",
                          "p_not_detrended", "table")}
    run_correlation({k: processing["total"]["seasonal_" + k] for k in LAYER_KEYS}, processing["total"]["codes"],
                    processing["gpp"], processing["eco"], files, **OPTIONS)
    seasonal = computed_numpy(processing)["total"]
    gpp, eco = (txr.open_stack(processing[name], chunks=False) for name in ("gpp", "eco"))
    c = txr.correlation(seasonal, seasonal.season_code, gpp, eco, **OPTIONS)
    lazy = txr.correlation(seasonal.chunk({"lat": 5, "lon": 7}), seasonal.season_code.chunk(CHUNKS),
                           gpp.chunk(CHUNKS), eco.chunk({"lat": 5, "lon": 7}), **OPTIONS)
    assert lazy.r_best_lag.chunks and lazy.q.chunks and lazy.r_not_detrended.chunks
    lazy = lazy.compute()
    for key in ("r", "p", "r_best_lag", "best_lag", "r_not_detrended", "p_not_detrended"):
        same(flat(c[key], "season", "depth"), read_stack(files[key])[0])
        same(flat(lazy[key], "season", "depth"), read_stack(files[key])[0])
    for key in ("r_root_zone", "p_root_zone"):
        same(c[key], read_stack(files[key])[0])
    np.testing.assert_array_equal(c.q, lazy.q)
    assert np.isfinite(c.best_lag).any() and set(np.unique(c.best_lag.values[np.isfinite(c.best_lag.values)])) <= {0, 1, 2, 3}
    assert (c.attrs["detrend"], c.attrs["max_lag"], c.attrs["effective_n"], c.attrs["fdr"]) == (True, 3, True, True)
    with open(files["table"]) as table:
        rows = list(csv.DictReader(table))
    assert {row["significance"] for row in rows} == {c.attrs["significance"]} == {"BH q (effective n) < 0.1"}
    for row in rows:
        suffix = "_root_zone" if row["depth"] == "10-100 cm" else ""
        where = dict(group=row["ecosystem"], season=row["season"], **({} if suffix else {"depth": row["depth"]}))
        for got in (c, lazy):
            assert int(got["significant_pixels" + suffix].sel(where)) == int(row["significant_pixels"])
            assert float(got["percent_significant" + suffix].sel(where)) == pytest.approx(
                float(row["percent_significant"]), abs=1e-4, nan_ok=True)
    assert not np.array_equal(c.r, c.r_not_detrended, equal_nan=True)  # R is detrended, R_NOT_DETRENDED not
    assert "r_not_detrended" not in txr.correlation(seasonal, seasonal.season_code, gpp, eco)  # without DETREND
    with pytest.raises(TsmvError, match=r"^max_lag must be a whole number from 0 to 11, not 12$"):
        txr.correlation(seasonal, seasonal.season_code, gpp, eco, max_lag=12)


@pytest.mark.filterwarnings("ignore:make_current is deprecated:DeprecationWarning")  # tornado, Python 3.11
def test_chain_on_a_local_cluster(processing):
    """Two worker processes (dask.distributed) give the single-process numbers."""
    distributed = pytest.importorskip("distributed")
    pytest.importorskip("dask")
    started = time.perf_counter()
    with distributed.LocalCluster(n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None,
                                  silence_logs=logging.ERROR) as cluster, distributed.Client(cluster) as client:
        client.wait_for_workers(2, timeout=120)
        with distributed.get_task_stream(client) as tasks:
            result = computed(xr_chain(processing, chunks=CLUSTER_CHUNKS))
        workers = {task["worker"] for task in tasks.data}
    print("LocalCluster chain: %.1f s" % (time.perf_counter() - started))
    assert len(workers) == 2
    check_same(result, computed_numpy(processing))
    check_against_processing(result, processing)


def test_open_gldas_reads_as_import_gldas(processing, tmp_path):
    """Extent, years, layers and 3-hourly files (real GLDAS V2.1) read as tsmv:importgldas reads them."""
    extent = (-7.2, 33.5, 1.0, 40.2)
    paths = layer_paths(tmp_path, "sm")
    import_gldas(processing["gldas"], paths, start_year=2000, end_year=2001, extent=extent)
    for chunks in (False, {"lat": 3}, None):
        ds = txr.open_gldas(processing["gldas"], 2000, 2001, extent, chunks=chunks)
        assert ds.sizes == {"time": 24, "lat": 8, "lon": 9}
        for k in LAYER_KEYS:
            same(ds["sm_" + k], read_stack(paths[k])[0])
    real = {k: str(tmp_path / ("real_%s.tif" % k)) for k in LAYER_KEYS[:2]}
    import_gldas(REAL_GLDAS, real, extent=(100, 20, 110, 30))
    ds = txr.open_gldas(REAL_GLDAS, extent=(100, 20, 110, 30), layers=LAYER_KEYS[:2], chunks={"lat": 7, "lon": 11})
    assert list(ds.data_vars) == ["sm_0_10", "sm_10_40"] and list(ds.gldas_version.values) == ["2.1"]
    for k in LAYER_KEYS[:2]:
        same(ds["sm_" + k], read_stack(real[k])[0])
    with pytest.raises(TsmvError, match="^source: no GLDAS file for 2008-01"):
        txr.open_gldas(processing["gldas"], 2000, 2008)


def test_open_stack_reads_every_kind(processing):
    monthly = txr.open_stack(processing["qc"]["0_10"], chunks=False)
    assert monthly.dims == ("time", "lat", "lon") and monthly.attrs["units"] == "kg m-2"
    assert list(monthly.gldas_version.values[22:26]) == ["2.0", "2.0", "2.1", "2.1"]
    seasonal = txr.open_stack(processing["total"]["seasonal_0_10"], chunks={"lat": 4})
    assert seasonal.dims == ("year", "season", "lat", "lon") and list(seasonal.season.values) == list(SEASONS)
    assert seasonal.attrs["rank_by"] == "total"
    same(seasonal, computed_numpy(processing)["total"].sm_0_10)
    yearly = txr.open_stack(processing["total"]["annual_tsm"])
    assert yearly.dims == ("year", "lat", "lon") and list(yearly.year.values) == list(range(START, END + 1))
    trend = txr.open_stack(processing["trend"])
    assert trend.dims == ("band", "lat", "lon") and list(trend.band.values) == TREND_BANDS + ["slope_lower", "slope_upper"]
    eco = txr.open_stack(processing["eco"])
    assert eco.dims == ("lat", "lon") and eco.name == "ecosystem"


def test_refusals_and_warnings(processing):
    s = computed_numpy(processing)["total"]
    with pytest.raises(TsmvError, match="fewer than min_years"):
        txr.trend(s.annual_tsm, 2001, 2007)
    with pytest.raises(TsmvError, match="no dimension 'year'"):
        txr.trend(s.season_code)
    with pytest.warns(UserWarning, match="mixes GLDAS versions V2.0 and V2.1"):
        txr.attribution(s)
    with pytest.raises(TsmvError, match="ranked by the total profile"):
        txr.correlation(s, computed_numpy(processing)["layer"].season_code_layer, gpp=None)
    with pytest.raises(TsmvError, match="^rank_by must be"):
        txr.seasons(s, rank_by="depth")


NO_DASK = r"""
import sys
sys.modules["dask"] = sys.modules["distributed"] = None  # "import dask" raises ImportError
sys.path.insert(0, sys.argv[1])
import tsmv_package
tsmv_package.add_to_path()
from tsmv.tsmv_qgis import xr
s = xr.seasons(xr.quality_control(xr.open_gldas(sys.argv[2], 2000, 2001)))
assert s.annual_tsm.chunks is None and sys.modules["dask"] is None
print("ok", float(s.annual_tsm.mean()))
"""


def test_works_without_dask(processing):
    proc = subprocess.run([sys.executable, "-c", NO_DASK, os.path.join(ROOT, "scripts"), processing["gldas"]],
                          capture_output=True, text=True)
    assert proc.returncode == 0, proc.stderr
    mean = float(computed_numpy(processing)["total"].annual_tsm.sel(year=[2000, 2001]).mean())
    assert proc.stdout.split() == ["ok", repr(mean)]


def test_to_geotiff_writes_what_the_algorithms_write(processing, tmp_path):
    """Written back as GeoTIFFs, the xr results are the Processing outputs: same grid, labels,
    values; a style beside each; the files read back by open_stack and by the algorithms."""
    chain = computed(xr_chain(processing, CHUNKS))
    seasonal = chain["total"].sm_0_10
    for da, expected in ((seasonal, processing["total"]["seasonal_0_10"]),
                         (chain["attribution"].contribution, processing["attribution"]["components"]),
                         (chain["gldas"].sm_100_200.isel(lat=slice(None, None, -1)), processing["sm"]["100_200"])):
        path = txr.to_geotiff(da.chunk({"lat": 3}), str(tmp_path / "out.tif"))
        values, labels, gt, _ = read_stack(path)
        want, want_labels, want_gt, _ = read_stack(expected)
        assert labels == want_labels and np.allclose(gt, want_gt, rtol=0, atol=1e-9)
        np.testing.assert_array_equal(values, want)
        assert "<rasterrenderer" in open(str(tmp_path / "out.qml")).read()
        assert Stack(path).band_versions == Stack(expected).band_versions
    same(txr.open_stack(path, chunks=False), chain["gldas"].sm_100_200)
    trend_path = str(tmp_path / "annual.tif")
    txr.to_geotiff(chain["total"].annual_tsm, trend_path)
    run_trend(trend_path, str(tmp_path / "trend.tif"))
    np.testing.assert_array_equal(read_stack(str(tmp_path / "trend.tif"))[0], read_stack(processing["trend"])[0])
    with pytest.raises(TsmvError, match="no dimension 'lon'"):
        txr.to_geotiff(seasonal.isel(lon=0), str(tmp_path / "bad.tif"))
    with pytest.raises(TsmvError, match="lat is not a regular grid"):
        txr.to_geotiff(seasonal.isel(lat=[0, 1, 3]), str(tmp_path / "bad.tif"))
    assert not os.path.exists(str(tmp_path / "bad.tif"))
