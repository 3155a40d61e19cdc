"""tsmv_qgis.xr.trend against the route a Python user would write with xarray.

Baseline (same process): ``xarray.apply_ufunc(pymannkendall.original_test, ...,
vectorize=True)`` over the ``year`` dimension, on a sample of pixels (scaled to all of
them, said so).  Measured: ``tsmv_qgis.xr.trend`` on every pixel, numpy-backed and
dask-backed (chunks of 100 x 100 cells), and that its slopes and p-values are those of
pymannkendall.
"""
import time

import numpy as np

from common import line

YEARS, LAT, LON = 25, 300, 400  # 120,000 pixels x 25 years
SAMPLE = 3000


def example():
    import xarray as xr
    rng = np.random.default_rng(0)
    trend = rng.normal(0, 0.5, (LAT, LON))
    values = 200 + trend[None] * np.arange(YEARS)[:, None, None] + rng.normal(0, 5, (YEARS, LAT, LON))
    values[rng.random(values.shape) < 0.02] = np.nan  # 2 % missing years
    return xr.DataArray(values.astype(np.float32), dims=("year", "lat", "lon"),
                        coords={"year": np.arange(2000, 2000 + YEARS), "lat": 89.5 - np.arange(LAT) * 0.5,
                                "lon": -179.75 + np.arange(LON) * 0.5}, name="annual_tsm")


def pymannkendall_route(da):
    """What a user writes: pymannkendall on every series through apply_ufunc."""
    import pymannkendall
    import xarray as xr

    def slope_and_p(y):
        y = y[np.isfinite(y)]
        if y.size < 8:
            return np.nan, np.nan
        result = pymannkendall.original_test(y)
        return result.slope, result.p
    return xr.apply_ufunc(slope_and_p, da, input_core_dims=[["year"]], output_core_dims=[[], []],
                          vectorize=True)


def main():
    from tsmv_qgis import xr as tsmv
    print("== tsmv_qgis.xr.trend against xarray.apply_ufunc + pymannkendall (%d pixels x %d years) =="
          % (LAT * LON, YEARS))
    da = example()
    sample = da.stack(pixel=("lat", "lon")).isel(pixel=slice(0, SAMPLE))
    t = time.perf_counter()
    slope, p = pymannkendall_route(sample)
    baseline = (time.perf_counter() - t) * (LAT * LON / SAMPLE)
    line("baseline: apply_ufunc + pymannkendall (timed on %d, scaled)" % SAMPLE, "%.1f s" % baseline)
    ours = tsmv.trend(da)
    t = time.perf_counter()
    ours = tsmv.trend(da)
    numpy_s = time.perf_counter() - t
    line("tsmv_qgis.xr.trend, numpy-backed", "%.2f s" % numpy_s, "%.0fx faster" % (baseline / numpy_s))
    chunked = da.chunk({"lat": 100, "lon": 100})
    t = time.perf_counter()
    tsmv.trend(chunked).compute()
    dask_s = time.perf_counter() - t
    line("tsmv_qgis.xr.trend, dask-backed (12 chunks)", "%.2f s" % dask_s, "%.0fx faster" % (baseline / dask_s))
    mine = ours.stack(pixel=("lat", "lon")).isel(pixel=slice(0, SAMPLE))
    complete = np.isfinite(sample.values).all(axis=0)
    same = np.allclose(mine.slope.values[complete], slope.values[complete], rtol=1e-5, atol=1e-6) and \
        np.allclose(mine.p_value.values[complete], p.values[complete], rtol=1e-4, atol=1e-6)
    line("complete series: slopes and p as pymannkendall's (float32)", "yes" if same else "NO")
    gaps = ~complete & np.isfinite(slope.values)
    differ = ~np.isclose(mine.slope.values[gaps], slope.values[gaps], rtol=1e-5, atol=1e-6)
    line("series with a missing year: the naive route's slope differs", "%d of %d" % (differ.sum(), gaps.sum()),
         "(it spaces the remaining years evenly; TSMV uses their distance in years)")
    return {"xr_trend_speedup": baseline / numpy_s}


if __name__ == "__main__":
    main()
