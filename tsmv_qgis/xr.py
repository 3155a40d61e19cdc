"""The xarray face of TSMV: the Processing chain's kernels on xarray objects, numpy or dask.

::

    from tsmv_qgis import xr as tsmv
    ds = tsmv.open_gldas("/data/GLDAS", 1948, 2024, chunks={"lat": 50, "lon": 90})
    seasonal = tsmv.seasons(tsmv.quality_control(ds))
    slope = tsmv.trend(seasonal.annual_tsm, 2000, 2024).slope
    parts = tsmv.attribution(seasonal, 2000, 2024)
    slope.compute(), parts.compute()

Each function calls the same kernels as the Processing algorithms (``tsmv_qgis.steps.importing``,
``qc``, ``seasons``, ``mannkendall``, ``trend``, ``attribution``, ``correlation``) and
gives the same numbers: data are float32 like TSMV's GeoTIFF stacks (inputs are taken
as float32, results are rounded to float32 as the algorithms write them, and finite
values beyond float32's range become NaN), so on the same inputs every value equals
the algorithm's output bit for bit.

Arrays backed by numpy are computed at once.  Arrays backed by dask (chunked over
``lat``/``lon``) give dask-backed results and nothing is read or computed until
``.compute()``: every kernel runs chunk by chunk through
``xarray.apply_ufunc(..., dask="parallelized")`` with time (or year) as the core
dimension, so a task holds all the months of one block of pixels, never the whole grid.
The one step that needs all pixels at once is the false discovery rate of
:func:`trend` and :func:`correlation` (``fdr=True``): Benjamini-Hochberg ranks every
p-value, so it runs after the per-chunk pass on the 2-D grid of p-values (one float per
pixel and band) and the ``trend`` classes (the correlation's significant pixels) follow
from its q-values.  Runs on a ``dask.distributed`` cluster as well.

Dimensions: ``time`` (the first day of each month), ``year`` (int), ``season`` (``H-S``,
``SH-S``, ``SA-S``, ``A-S``), ``depth`` (``0-10 cm`` ... ``100-200 cm``), ``lat``
(cell centres, north to south, like the GeoTIFF stacks) and ``lon`` (cell centres).
Soil moisture variables are ``sm_0_10``, ``sm_10_40``, ``sm_40_100``, ``sm_100_200``
in kg m-2.  Refusals raise :class:`tsmv_qgis.errors.TsmvError` with the algorithms'
messages; a file that fails its checks when read (a missing variable, another grid)
raises when the data are computed.  xarray is needed; dask only for chunked arrays.
"""
import ctypes
import os
import re
import statistics
import threading
import warnings

import numpy as np
import xarray as xr

from .kernels.qc import mask_nonphysical
from .kernels.seasons import classify_tile
from .kernels.trend import benjamini_hochberg, trend_classes
from .steps.changepoint import MIN_YEARS as CHANGEPOINT_MIN_YEARS, changepoint_bands, changepoint_tile, check_period
from .steps.attribution import (BOUNDS, DYNAMICS, attribution_bands, attribution_tile, attribution_years,
                               checked_bootstrap)
from .steps.correlation import (GROUPS, SEASON_CODE_VALUES, checked_options, common_years, correlation_tile,
                                lagged_months, refuse_other_codes)
from .checks import significance_level
from .io.coverage import ACROSS_THE_CHANGE, CHANGE_POINTS_AT_1999, VERSION, VERSIONS, join_versions, mixed_versions
from .errors import TsmvError, named
from .products.catalogue import GLDAS, PRODUCTS, product_of
from .products.reader import plan_import, read_month
from .labels import DEPTHS, LAYER_KEYS, SEASONS, classify, season_label, year_span
from .io.outputs import Outputs
from .steps.qc import maxima_of
from .io.raster import Grid, Stack, as_float32, row_tiles
from .steps.seasons import check_rank_by, season_bands, whole_years
from .steps.tiles import Tiles
from .io.style import diverging, sequential
from .steps.trend import (INTERVAL_BANDS, METHODS, PERIOD, TEST_BANDS, checked_confidence, checked_settings,
                          trend_bands, trend_tile)

__all__ = ["open_gldas", "open_soil_moisture", "open_stack", "quality_control", "seasons", "trend", "changepoint",
           "attribution", "correlation", "to_geotiff"]

VARIABLES = tuple("sm_" + k for k in LAYER_KEYS)
UNITS = "kg m-2"


# --- helpers -------------------------------------------------------------------------------

def _dask_array():
    try:
        import dask.array
    except ImportError:
        return None
    return dask.array


def _pixels(a, n_core, core):
    """(pixels..., n_core core dims) -> contiguous (*core, P), the layout of a Processing tile;
    also the pixels' shape."""
    lead = a.shape[:a.ndim - n_core]
    flat = np.asarray(a).reshape((-1,) + tuple(core))
    return np.ascontiguousarray(np.moveaxis(flat, 0, -1)), lead


def _unpixel(a, lead):
    """(*core, P) -> float32 (pixels..., *core), as apply_ufunc wants its outputs."""
    return as_float32(np.moveaxis(a, -1, 0).reshape(tuple(lead) + a.shape[:-1]))[0]


def _apply(kernel, inputs, in_core, out_core, sizes, **kwargs):
    """``kernel`` chunk by chunk over every dimension but the core ones: float32 outputs with
    their core dimensions first."""
    inputs = [x.reset_coords(drop=True).astype(np.float32) for x in inputs]  # callers set coordinates
    inputs = [x.chunk({d: -1 for d in core}) if x.chunks else x for x, core in zip(inputs, in_core)]
    new = {d for core in out_core for d in core} - {d for core in in_core for d in core}
    out = xr.apply_ufunc(
        kernel, *inputs, input_core_dims=in_core, output_core_dims=out_core, kwargs=kwargs,
        dask="parallelized", output_dtypes=[np.float32] * len(out_core),
        dask_gufunc_kwargs={"output_sizes": {d: sizes[d] for d in new}})
    out = out if isinstance(out, tuple) else (out,)
    return tuple(o.transpose(*core, ...) for o, core in zip(out, out_core))


def _whole_years(time, name):
    """{year: the 12 times of its months} for the whole calendar years of ``time``."""
    keys = [(int(y), int(m)) for y, m in zip(time.dt.year.values, time.dt.month.values)]
    return {y: np.array(labels, "datetime64[M]").astype("datetime64[ns]")
            for y, labels in zip(*whole_years(keys, name))}


def _months(whole, years):
    return np.concatenate([whole[y] for y in years])


def _version_of_years(obj, whole, years):
    """The GLDAS versions of each year (join of its months' ``gldas_version``), '' where unknown."""
    if "gldas_version" not in obj.coords:
        return [""] * len(years)
    version = dict(zip(obj.time.values, obj.gldas_version.values))
    return [join_versions(version.get(t, "") for t in whole[y]) for y in years]


def _versions(da, what, consequence=ACROSS_THE_CHANGE):
    """Join the ``gldas_versions`` of a yearly coordinate; warn (saying the ``consequence``) when
    they mix."""
    found = da.coords["gldas_versions"].values if "gldas_versions" in da.coords else []
    versions = join_versions(v for v in found if isinstance(v, str))  # NaN for a year ``da`` lacks
    warning = mixed_versions(versions, what, consequence)
    if warning:
        warnings.warn(warning, stacklevel=3)
    return versions


def _on_grid(da, like, name):
    """``da`` on the lat/lon of ``like`` (within 1e-6 degree, as the algorithms compare grids)."""
    for dim in ("lat", "lon"):
        a, b = da[dim].values, like[dim].values
        if a.shape != b.shape or not np.allclose(a, b, rtol=0, atol=1e-6):
            raise TsmvError("%s is on another grid (%d %s from %g to %g) than the soil moisture "
                            "(%d from %g to %g)" % (name, a.size, dim, a[0], a[-1], b.size, b[0], b[-1]))
    return da.assign_coords(lat=like.lat, lon=like.lon)


def _years_of(da, name):
    if "year" not in da.dims:
        raise TsmvError("%s has no dimension 'year' (it has %s)" % (name, ", ".join(map(str, da.dims))))
    return sorted(int(y) for y in da["year"].values)


# --- reading -------------------------------------------------------------------------------

#: HDF5 (under netCDF4 and GDAL's netCDF driver) is not thread-safe: one read at a time per process.
_NETCDF_LOCK = threading.Lock()
_THREAD = threading.local()


def _quiet_hdf5():
    """Stop HDF5 printing error stacks in this thread (best effort, Linux).

    netCDF-C probes files for optional attributes and expects the probes to fail; it turns
    HDF5's printing off in the first thread that opens a file only, so reads from dask's
    threads would print pages of harmless "HDF5-DIAG" messages.
    """
    if getattr(_THREAD, "quiet", False):
        return
    _THREAD.quiet = True
    try:
        with open("/proc/self/maps") as maps:
            paths = {line.split()[-1] for line in maps if "libhdf5" in line}
    except OSError:
        return
    for path in paths:
        if re.match(r"libhdf5(_serial|_openmpi|_mpich)?\.so", os.path.basename(path)):
            try:
                ctypes.CDLL(path).H5Eset_auto2(ctypes.c_int64(0), None, None)  # H5E_DEFAULT
            except (OSError, AttributeError):
                pass


def _read_block(months, variables, reference, window, rows, cols):
    """Rows ``rows`` (north-up) and columns ``cols`` of the window, for each month's files in
    ``months``: float32 (layers, months, h, w)."""
    top, left = window
    if reference.south_up:  # files run south to north; read_month flips what it reads
        file_rows = slice(top.stop - rows[1], top.stop - rows[0])
    else:
        file_rows = slice(top.start + rows[0], top.start + rows[1])
    block = (file_rows, slice(left.start + cols[0], left.start + cols[1]))
    with _NETCDF_LOCK:
        _quiet_hdf5()
        return np.stack([np.stack(read_month(files, variables, block, reference)[0]) for files in months],
                        axis=1)


def _blocks(size, step):
    step = size if step in (None, -1) else max(1, int(step))
    return [(a, min(a + step, size)) for a in range(0, size, step)]


def open_gldas(path, start_year=None, end_year=None, extent=None, prefer_newer=True, chunks="auto",
               layers=None, log=None):
    """GLDAS-Noah soil moisture as a Dataset (as ``tsmv:importgldas``): :func:`open_soil_moisture`
    of GLDAS-Noah files (files of another product are refused)."""
    return open_soil_moisture(path, GLDAS, start_year, end_year, extent, prefer_newer, chunks, layers, log)


def open_soil_moisture(path, product=None, start_year=None, end_year=None, extent=None, prefer_newer=True,
                       chunks="auto", layers=None, log=None):
    """Layered soil moisture of any product as a Dataset, read with TSMV's checks (as
    ``tsmv:importsoilmoisture``).

    ``product``: a product of :mod:`tsmv_qgis.products.catalogue` (``GLDAS``, ``FLDAS``,
    ``ERA5_LAND``) or its key (``"ERA5-Land"``), or None to detect it from the files.
    ``path`` is a file or a folder searched recursively; ``start_year``,
    ``end_year``, ``extent`` (xmin, ymin, xmax, ymax in degrees), ``prefer_newer``
    (V2.1 over V2.0 where they overlap) and the refusals are those of the algorithm
    (:func:`tsmv_qgis.products.reader.plan_months`); 3-hourly files are averaged to months.

    Returns a Dataset with ``sm_0_10``, ``sm_10_40``, ``sm_40_100``, ``sm_100_200``, the
    product's layers top to bottom whatever their depths (``layers`` picks some: keys
    ``"0_10"`` ...): float32 in kg m-2 (volume fractions converted by the layer's thickness),
    dims ``(time, lat, lon)``, attributes ``units="kg m-2"``, ``layer`` (the product's depth:
    ``"0-10 cm"``, ``"0-7 cm"`` for ERA5-Land) and ``long_name``; Dataset attribute ``product``
    (``"ERA5-Land"``); ``time``
    the first day of each month, ``lat`` north to south and ``lon`` at cell centres;
    coordinate ``gldas_version (time)`` (``"2.0"``, ``"2.1"``: the version each month was
    read from); Dataset attribute ``gldas_versions`` (all of them).

    ``chunks`` says how to read, lazily with dask: a dict ``{"time": months, "lat": rows,
    "lon": columns}`` makes one delayed read per block of that size (a missing or -1 size
    is the whole axis, but ``time`` defaults to 1, one read per month); ``None`` is one
    read per month of the whole grid; ``"auto"`` (default) one read per strip of rows,
    all months, the strips sized like the tiles of ``tsmv:seasons`` (about 20 MB of
    data), which is what the kernels take (time whole, blocks of lat/lon); ``False``, or no dask installed,
    reads everything now into numpy.  Reads take a lock per process (HDF5 is not
    thread-safe).
    """
    keys = list(LAYER_KEYS if layers is None else layers)
    unknown = [k for k in keys if k not in LAYER_KEYS]
    if unknown or not keys:
        raise TsmvError("layers must be among %s, not %r" % (", ".join(LAYER_KEYS), layers))
    if isinstance(product, str):
        named = product_of(product) if product else None
        if named is None:
            raise TsmvError("product must be one of %s, not %r" % (", ".join(p.key for p in PRODUCTS), product))
        product = named
    planned = plan_import(path, keys, product, start_year, end_year, extent, prefer_newer, log)
    product, variables, plan, reference, window, grid = (planned.product, planned.variables, planned.months,
                                                         planned.reference, planned.window, planned.grid)
    months = [files for _, files in plan]
    dask_array = None if chunks is False else _dask_array()
    if dask_array is None:
        data = _read_block(months, variables, reference, window, (0, grid.height), (0, grid.width))
    else:
        if chunks == "auto":
            # strips as tsmv:seasons sizes its tiles: float32 x months x layers, 3x for the kernel
            strips = row_tiles(grid.height, 3 * 4 * len(keys) * len(plan) * grid.width)
            chunks = {"time": -1, "lat": strips[0][1] - strips[0][0]}
        chunks = chunks or {"time": 1}
        from dask import delayed
        read = delayed(_read_block, pure=True)
        data = dask_array.block([[[[dask_array.from_delayed(
            read(months[t0:t1], variables, reference, window, rows, cols),
            (len(keys), t1 - t0, rows[1] - rows[0], cols[1] - cols[0]), np.float32)
            for cols in _blocks(grid.width, chunks.get("lon"))]
            for rows in _blocks(grid.height, chunks.get("lat"))]
            for t0, t1 in _blocks(len(months), chunks.get("time", 1))]])
    versions = [files[0].version for _, files in plan]
    times = np.array(["%04d-%02d-01" % ym for ym, _ in plan], "datetime64[ns]")
    coords = {"time": times, "lat": ("lat", grid.lat(), {"units": "degrees_north"}),
              "lon": ("lon", grid.lon(), {"units": "degrees_east"}),
              "gldas_version": ("time", np.array(versions, object))}
    return xr.Dataset(
        {"sm_" + k: (("time", "lat", "lon"), data[i], _layer_attrs(product.depths[LAYER_KEYS.index(k)]))
         for i, k in enumerate(keys)},
        coords=coords, attrs={"gldas_versions": join_versions(versions), "source": str(path),
                              "product": product.key})


def _depths(obj):
    """The depths of the product a Dataset says it holds (attribute ``product``, set by
    :func:`open_soil_moisture` and carried on by :func:`seasons`; none: GLDAS-Noah's)."""
    product = product_of(obj.attrs.get("product", ""))
    if product is None:
        raise TsmvError("the Dataset's product %r is not one TSMV knows (%s)"
                        % (obj.attrs["product"], ", ".join(p.key for p in PRODUCTS)))
    return product.depths


def _layer_attrs(depth):
    return {"units": UNITS, "layer": depth, "long_name": "soil moisture " + depth}


def _read_stack_rows(path, bands, rows, cols):
    stack = Stack(path, named("path"))
    try:
        return stack.read(rows[0], rows[1], bands)[:, :, cols[0]:cols[1]]
    finally:
        stack.close()


def open_stack(path, chunks="auto"):
    """A TSMV GeoTIFF stack (any algorithm's output) as a DataArray, read by band labels.

    Monthly stacks (bands ``YYYY-MM``) have dims ``(time, lat, lon)`` and the coordinate
    ``gldas_version (time)``; yearly stacks (``YYYY``) ``(year, lat, lon)``; seasonal
    stacks (``YYYY H-S``, every season of every year) ``(year, season, lat, lon)``; yearly
    and seasonal stacks have ``gldas_versions (year)``.  A one-band stack with another
    label (``ecosystem``) is ``(lat, lon)``, other stacks ``(band, lat, lon)`` with the
    labels.  The stack's metadata become attributes with lower-case names (``units``,
    ``rank_by``, ``gldas_versions`` ...); values are float32 with nodata as NaN.
    ``chunks`` as in :func:`open_gldas` (strips of rows read lazily by default).
    """
    stack = Stack(path, named("path"))
    labels = stack.labels
    try:
        kind, keys = classify(labels, "INPUT %s" % path)
    except TsmvError:
        kind, keys = None, labels
    grid = stack.grid
    coords = {"lat": ("lat", grid.lat(), {"units": "degrees_north"}),
              "lon": ("lon", grid.lon(), {"units": "degrees_east"})}
    versions = stack.band_versions
    if kind == "season":
        years = sorted({y for y, _ in keys})
        bands = stack.bands([season_label(y, s) for y in years for s in range(4)])
        dims, lead = ("year", "season"), (len(years), 4)
        coords.update(year=years, season=list(SEASONS), gldas_versions=("year", [
            join_versions(versions[b] for b in bands[4 * i:4 * i + 4]) for i in range(len(years))]))
    else:
        bands = np.arange(stack.count)
        lead = (stack.count,)
        if kind == "month":
            dims = ("time",)
            coords.update(time=np.array(["%04d-%02d-01" % k for k in keys], "datetime64[ns]"),
                          gldas_version=("time", np.array(versions, object)))
        elif kind == "year":
            dims = ("year",)
            coords.update(year=list(keys), gldas_versions=("year", np.array(versions, object)))
        else:
            dims = ("band",)
            coords.update(band=list(labels))
    attrs = {k.lower(): v for k, v in stack.metadata.items()}
    stack.close()
    dask_array = None if chunks is False else _dask_array()
    if dask_array is None:
        data = _read_stack_rows(path, bands, (0, grid.height), (0, grid.width))
    else:
        if chunks == "auto":
            strips = row_tiles(grid.height, 4 * len(bands) * grid.width)
            chunks = {"lat": strips[0][1] - strips[0][0]}
        chunks = chunks or {}
        from dask import delayed
        read = delayed(_read_stack_rows, pure=True)
        data = dask_array.block([[dask_array.from_delayed(
            read(path, bands, rows, cols), (len(bands), rows[1] - rows[0], cols[1] - cols[0]), np.float32)
            for cols in _blocks(grid.width, chunks.get("lon"))]
            for rows in _blocks(grid.height, chunks.get("lat"))])
    data = data.reshape(lead + (grid.height, grid.width))
    name = None
    if kind is None and len(labels) == 1:
        data, dims, name = data[0], (), labels[0]
        del coords["band"]
    return xr.DataArray(data, dims=dims + ("lat", "lon"), coords=coords, attrs=attrs, name=name)


# --- quality control -----------------------------------------------------------------------

def _mask(values, maximum):
    return mask_nonphysical(values, maximum)[0]


def quality_control(ds, maxima=None):
    """Values < 0 or above the layer's maximum become NaN (as ``tsmv:qualitycontrol``).

    ``maxima`` maps layer keys (``"0_10"`` ...) to kg m-2 (default the product's: 99.9, 299.9,
    599.9, 999 for GLDAS-Noah; the Dataset's attribute ``product`` says which).  Returns a copy
    of ``ds`` with the ``sm_*`` variables masked (same dims, float32), each with the attribute
    ``max_allowed_kg_m2``.  Element by element, chunk by chunk.
    """
    _depths(ds)  # a product TSMV knows
    maxima = maxima_of(maxima, product_of(ds.attrs.get("product", "")))
    out = ds.copy()
    for key, name in zip(LAYER_KEYS, VARIABLES):
        if name in ds:
            masked = xr.apply_ufunc(_mask, ds[name].astype(np.float32), kwargs={"maximum": maxima[key]},
                                    dask="parallelized", output_dtypes=[np.float32], keep_attrs=True)
            out[name] = masked.assign_attrs(max_allowed_kg_m2=maxima[key])
    return out


# --- seasons -------------------------------------------------------------------------------

def _seasons_kernel(*layers, n_years, rank_by):
    stacked = []
    for layer in layers:
        values, lead = _pixels(layer, 1, (n_years, 12))
        stacked.append(values)
    codes, layer_codes, means, annual = classify_tile(np.stack(stacked), rank_by)
    n = codes.shape[-1]
    out = [_unpixel(codes.reshape(-1, n), lead)] + [_unpixel(m, lead) for m in means]
    out.append(_unpixel(annual, lead))
    if layer_codes is not None:
        out.append(_unpixel(layer_codes.reshape(4, -1, n), lead))
    return tuple(out)


def seasons(ds, rank_by="total"):
    """Wetness seasons of each pixel and calendar year (as ``tsmv:seasons``).

    ``ds`` holds the four monthly ``sm_*`` (``time, lat, lon``); years without all 12
    months are left out.  The 12 months of a year are ranked wettest first (``rank_by``
    ``"total"``: the sum of the layers; ``"layer"``: each layer on its own): ranks 1-3
    H-S, 4-6 SH-S, 7-9 SA-S, 10-12 A-S, ties to the earlier month; a pixel-year with a
    missing month is NaN everywhere.

    Returns a Dataset (float32, attribute ``rank_by``) with

    * ``season_code (time, lat, lon)``: 1-4, the code of the total profile;
    * ``season_code_layer (depth, time, lat, lon)``: each layer's codes (``rank_by="layer"``);
    * ``sm_0_10`` ... ``(year, season, lat, lon)``: SM_{s,d}(t), kg m-2, the mean of the
      layer over the three months of the season;
    * ``annual_tsm (year, lat, lon)``: total soil moisture, the sum of the layers' annual
      means, kg m-2;

    coordinates ``gldas_version (time)`` and ``gldas_versions (year)`` where ``ds`` has
    ``gldas_version``.
    """
    check_rank_by(rank_by)
    missing = [name for name in VARIABLES if name not in ds]
    if missing:
        raise TsmvError("seasons need the four layers; the Dataset has no %s" % ", ".join(missing))
    whole = _whole_years(ds.time, "the Dataset")
    years = list(whole)
    months = ds.sel(time=_months(whole, years))
    out_core = [["time"]] + [["year", "season"]] * 4 + [["year"]] + [["depth", "time"]] * (rank_by == "layer")
    results = _apply(_seasons_kernel, [months[name] for name in VARIABLES], [["time"]] * 4, out_core,
                     {"year": len(years), "season": 4, "depth": 4}, n_years=len(years), rank_by=rank_by)
    depths = _depths(ds)
    bands = season_bands(years, depths)
    data = {"season_code": results[0].assign_attrs(bands["codes"].attrs())}
    for key, depth, name, values in zip(LAYER_KEYS, depths, VARIABLES, results[1:5]):
        data[name] = values.assign_attrs(_layer_attrs(depth), **bands["seasonal_" + key].attrs())
    data["annual_tsm"] = results[5].assign_attrs(bands["annual_tsm"].attrs())
    if rank_by == "layer":
        data["season_code_layer"] = results[6].assign_attrs(bands["codes_layers"].attrs())
    coords = {"year": years, "season": list(SEASONS), "time": months.time}
    if rank_by == "layer":
        coords["depth"] = list(depths)
    year_versions = _version_of_years(months, whole, years)
    if "gldas_version" in months.coords:
        coords.update(gldas_version=months.gldas_version, gldas_versions=("year", year_versions))
    return xr.Dataset(data).assign_coords(coords).assign_attrs(
        rank_by=rank_by, gldas_versions=join_versions(year_versions),
        **({"product": ds.attrs["product"]} if ds.attrs.get("product") else {}))


# --- trend ---------------------------------------------------------------------------------

def _trend_kernel(y, min_years, z_crit, confidence, method):
    values, lead = _pixels(y, 1, y.shape[-1:])
    tile = trend_tile(values.T.astype(np.float64), min_years, z_crit, method, confidence=confidence)
    fields = [tile.bands(), tile.classes()[None]] + ([tile.interval] if confidence else [])
    return _unpixel(np.concatenate(fields), lead)


def trend(da, start_year=None, end_year=None, alpha=0.05, fdr=False, min_years=8, confidence=0.95,
          method="original"):
    """Sen's slope and Mann-Kendall test (pymannkendall's ``original_test``) of each pixel's
    series along ``year`` (as ``tsmv:trend`` METHOD 0); ``method`` as ``tsmv:trend``'s METHOD by
    name: "original", the modified tests "hamed_rao", "yue_wang", "pre_whitening",
    "trend_free_pre_whitening" (pymannkendall's, with the fixes of its issues #29 and #32), or
    "seasonal", the seasonal Kendall test of a monthly ``da`` (dimension ``time``, as
    :func:`open_stack` gives a monthly stack; missing months are skipped).

    ``da`` has the dimension ``year`` (e.g. ``seasons(...).annual_tsm``, or one season:
    ``seasons(...).sm_0_10.sel(season="H-S")``); years of ``start_year``-``end_year``
    that ``da`` lacks are missing years, skipped by the test; a pixel with fewer than
    ``min_years`` valid years is NaN.

    Returns a Dataset, dims ``(lat, lon)`` (every dim of ``da`` but ``year``), float32:
    ``slope`` (units of ``da`` per year), ``intercept`` (at ``start_year``), ``p_value``,
    ``z``, ``tau``, ``s``, ``trend`` (-1 significant decrease, 0 none, +1 significant
    increase at ``alpha``) and, with ``fdr``, ``q_value`` (Benjamini-Hochberg over every
    valid pixel; ``trend`` then uses q), and unless ``confidence`` is 0, ``slope_lower`` and
    ``slope_upper``: the Sen slope interval at ``confidence`` (Gilbert 1987, ranks rounded as R's
    ``trend::sens.slope``; NaN where the ranks fall outside the pairwise slopes).  With ``fdr`` the q-values need all p-values:
    they are computed after the per-chunk pass, on the whole grid of p-values (one value
    per pixel), which is one chunk.  Attributes: ``start_year``, ``end_year``, ``alpha``,
    ``fdr``, ``method``, ``gldas_versions`` (a warning when they mix V2.0 and V2.1).
    """
    alpha, min_years = checked_settings(alpha, min_years)
    confidence = checked_confidence(confidence)
    if method not in METHODS:
        raise TsmvError("⟨method⟩ must be one of %s" % ", ".join(METHODS))
    if method == "seasonal":
        if "time" not in da.dims:
            raise TsmvError("⟨method⟩ seasonal (the seasonal Kendall test) needs a monthly ⟨da⟩ (dimension "
                            "'time', as open_stack gives a monthly stack); ⟨da⟩ has %s"
                            % ", ".join(map(str, da.dims)))
        have = sorted({int(y) for y in da.time.dt.year.values})
    else:
        have = _years_of(da, named("da"))
    start, end = year_span(have[0], have[-1], start_year, end_year, named("da"))
    years = list(range(start, end + 1))
    if len(years) < min_years:
        raise TsmvError("⟨start_year⟩..⟨end_year⟩ (%d-%d) has %d years, fewer than ⟨min_years⟩ (%d)"
                        % (start, end, len(years), min_years))
    if method == "seasonal":
        times = np.array(["%04d-%02d" % (y, m) for y in years for m in range(1, PERIOD + 1)],
                         "datetime64[M]").astype("datetime64[ns]")
        month_starts = da.time.values.astype("datetime64[M]").astype("datetime64[ns]")
        series, core = da.assign_coords(time=month_starts).reindex(time=times), "time"  # missing months NaN
    else:
        series, core = da.sel(year=[y for y in years if y in have]).reindex(year=years), "year"
    z_crit = statistics.NormalDist().inv_cdf(1 - alpha / 2)
    names = TEST_BANDS + ("trend",) + (INTERVAL_BANDS if confidence else ())  # what _trend_kernel gives
    fields, = _apply(_trend_kernel, [series], [[core]], [["field"]], {"field": len(names)},
                    min_years=min_years, z_crit=z_crit, confidence=confidence, method=method)
    bands = trend_bands(da.attrs.get("units", "units"), alpha, fdr, confidence)
    out = xr.Dataset({name: fields.isel(field=i, drop=True) for i, name in enumerate(names)})
    if fdr:
        space = list(out.p_value.dims)
        p = out.p_value.chunk({d: -1 for d in space}) if out.p_value.chunks else out.p_value
        q = xr.apply_ufunc(benjamini_hochberg, p, input_core_dims=[space], output_core_dims=[space],
                           dask="parallelized", output_dtypes=[np.float64])
        if out.p_value.chunks:
            q = q.chunk(dict(out.p_value.chunksizes))
        significant = xr.where(np.isnan(q), np.nan, q <= alpha)
        z_sign = np.sign(out.z.fillna(0)).astype(np.int8)
        out["trend"] = xr.apply_ufunc(trend_classes, z_sign, significant, dask="parallelized",
                                      output_dtypes=[np.float32])
        out["q_value"] = q.astype(np.float32)
    for band in bands:
        out[band.name].attrs.update(band.attrs())
    versions = _versions(series, "The period %d-%d of ⟨da⟩" % (start, end)) if core == "year" else join_versions(
        v for v in (series.gldas_version.values if "gldas_version" in series.coords else []) if isinstance(v, str))
    return out.assign_attrs(start_year=start, end_year=end, alpha=alpha, fdr=bool(fdr), method=method,
                            min_years=min_years, confidence=confidence, gldas_versions=versions)


# --- change points -------------------------------------------------------------------------

def _changepoint_kernel(y, first_year):
    values, lead = _pixels(y, 1, y.shape[-1:])
    return _unpixel(changepoint_tile(values.T.astype(np.float64), first_year), lead)


def changepoint(da, start_year=None, end_year=None, alpha=0.05):
    """Pettitt's change-point test (pyhomogeneity's ``pettitt_test`` with ``sim=None``) of each
    pixel's series along ``year`` (as ``tsmv:changepoint``).

    ``da`` has the dimension ``year``; years of ``start_year``-``end_year`` that ``da`` lacks
    are missing years, skipped by the test; a pixel with fewer than 8 valid years, or a
    constant one, is NaN.

    Returns a Dataset, dims ``(lat, lon)`` (every dim of ``da`` but ``year``), float32:
    ``year`` (the last year before the change point), ``k`` (Pettitt's K), ``p_value``
    (2 exp(-6 K^2 / (n^3 + n^2)) capped at 1) and ``shift`` (median after - median up to the
    change, units of ``da``).  A change point is significant when ``p_value < alpha``.
    Attributes: ``start_year``, ``end_year``, ``alpha``, ``min_years``, ``gldas_versions``.
    """
    alpha = significance_level(alpha)
    have = _years_of(da, named("da"))
    start, end = year_span(have[0], have[-1], start_year, end_year, named("da"))
    years = list(range(start, end + 1))
    check_period(years)
    series = da.sel(year=[y for y in years if y in have]).reindex(year=years)
    bands = changepoint_bands(da.attrs.get("units", "units"), alpha)
    fields, = _apply(_changepoint_kernel, [series], [["year"]], [["field"]], {"field": len(bands)},
                    first_year=start)
    out = xr.Dataset({band.name: fields.isel(field=i, drop=True).assign_attrs(band.attrs())
                      for i, band in enumerate(bands)})
    versions = _versions(series, "The period %d-%d of ⟨da⟩" % (start, end), CHANGE_POINTS_AT_1999)
    return out.assign_attrs(start_year=start, end_year=end, alpha=alpha, min_years=CHANGEPOINT_MIN_YEARS,
                            gldas_versions=versions)


# --- attribution ---------------------------------------------------------------------------

def _attribution_kernel(*layers, years, bootstrap):
    lead = layers[0].shape[:-2]
    outputs = attribution_tile([_pixels(layer, 2, (len(years), 4))[0] for layer in layers], years,
                               bootstrap=bootstrap).outputs()
    keys = ("components", "omega", "by_season", "by_depth", "by_dynamic", "dominant")
    return tuple(_unpixel(outputs[key], lead) for key in keys + (BOUNDS if bootstrap.replicates else ()))


def attribution(seasonal, start_year=None, end_year=None, bootstrap=0, block=0, seed=None):
    """The 32 contributions to the variance of total soil moisture (as ``tsmv:attribution``).

    ``seasonal`` is the Dataset of :func:`seasons` (``sm_* (year, season, lat, lon)``);
    a pixel needs every season of every year of ``start_year``-``end_year`` (default: all
    years), else it is NaN, as is a pixel with constant TSM.

    Returns a Dataset, float32, percent unless said otherwise:

    * ``contribution (component, lat, lon)``: RC^Trend and RC^IAV of each season and
      depth, ``component`` labelled ``Trend H-S 0-10 cm`` ... ``IAV A-S 100-200 cm``
      (coordinate ``code``: 1 + 16 c + 4 s + d, the band of COMPONENTS); they sum to 100;
    * ``omega (season_depth, lat, lon)``: (RC^Trend + RC^IAV) / storage share, no unit,
      ``season_depth`` labelled ``H-S 0-10 cm`` ... (the bands of OMEGA);
    * ``by_season (season, ...)``, ``by_depth (depth, ...)``, ``by_dynamic (dynamic, ...)``:
      the sums of the components;
    * ``top1_code``, ``top1_percent``, ``top2_code``, ``top2_percent`` ``(lat, lon)``: the
      two largest signed terms and their codes (DOMINANT);
    * with ``bootstrap`` replicates (0: none), ``contribution_lower`` and
      ``contribution_upper (component, lat, lon)``: the 2.5th and 97.5th percentiles of each
      term over a moving-block bootstrap of the years (COMPONENTS_LOWER, COMPONENTS_UPPER),
      ``block`` years per block (0: from each pixel's lag-1 autocorrelation), drawn with
      ``seed`` (None: a random one; attribute ``bootstrap_seed`` says which).

    Attributes ``start_year``, ``end_year``, ``gldas_versions`` (a warning when they mix), and
    with a bootstrap ``bootstrap``, ``block`` (0: automatic) and ``bootstrap_seed``.
    """
    have = _years_of(seasonal, "the seasonal Dataset")
    years = attribution_years({(y, s) for y in have for s in range(len(SEASONS))}, start_year, end_year,
                              "the seasonal Dataset", lambda y, s: "the seasonal Dataset has no year %d" % y)
    start, end = years[0], years[-1]
    period = seasonal.sel(year=years, season=list(SEASONS))
    depths = _depths(seasonal)
    bands = attribution_bands(depths)
    settings = checked_bootstrap(bootstrap, block, seed, len(years))
    results = _apply(_attribution_kernel, [period[name] for name in VARIABLES], [["year", "season"]] * 4,
                     [["component"], ["season_depth"], ["season"], ["depth"], ["dynamic"], ["dominant"]]
                     + [["component"]] * (2 if settings.replicates else 0),
                     {"component": len(bands["components"]), "season_depth": len(bands["omega"]),
                      "season": len(SEASONS), "depth": len(depths), "dynamic": len(DYNAMICS),
                      "dominant": len(bands["dominant"])},
                     years=years, bootstrap=settings)
    data = {"contribution": results[0].assign_attrs(bands["components"].attrs()),
            "omega": results[1].assign_attrs(bands["omega"].attrs())}
    for i, key in enumerate(("by_season", "by_depth", "by_dynamic")):
        data[key] = results[2 + i].assign_attrs(bands[key].attrs())
    for i, band in enumerate(bands["dominant"]):
        data[band.name] = results[5].isel(dominant=i, drop=True).assign_attrs(band.attrs())
    bootstrap_attrs = {}
    if settings.replicates:
        for name, key, result in zip(("contribution_lower", "contribution_upper"), BOUNDS, results[6:]):
            data[name] = result.assign_attrs(bands[key].attrs())
        bootstrap_attrs = {"bootstrap": settings.replicates, "block": settings.block, "bootstrap_seed": settings.seed}
    coords = {"component": bands["components"].labels, "code": ("component", np.arange(1, 33)),
              "season_depth": bands["omega"].labels, "season": list(SEASONS), "depth": list(depths),
              "dynamic": list(DYNAMICS)}
    versions = _versions(period, "The period %d-%d" % (start, end))
    return xr.Dataset(data).assign_coords(coords).assign_attrs(start_year=start, end_year=end,
                                                               gldas_versions=versions, **bootstrap_attrs)


# --- correlation with GPP ------------------------------------------------------------------

def _check_codes(codes):
    refuse_other_codes(codes, SEASON_CODE_VALUES, "season_code", "the season codes of seasons() (codes 1-4)")


def _correlation_kernel(*arrays, n_years, root_zone, options):
    sm = [_pixels(a, 2, (n_years, 4))[0] for a in arrays[:4]]
    monthly, lead = _pixels(arrays[4], 1, (n_years, 12 + options.max_lag))
    codes = [_pixels(c, 1, (n_years, 12))[0] for c in arrays[5:]]
    outputs = correlation_tile(sm, monthly, codes, root_zone, _check_codes, options=options).outputs()
    names = options.outputs()
    out = [_unpixel(outputs[name].reshape(len(SEASONS), len(DEPTHS), -1), lead) for name in names]
    if root_zone:
        out += [_unpixel(outputs["r_root_zone"], lead), _unpixel(outputs["p_root_zone"], lead)]
    return tuple(out)


def _q_values(p):
    """Benjamini-Hochberg q-values of ``p`` (season[, depth], lat, lon) over the pixels of each band."""
    space = ["lat", "lon"]

    def per_band(values):
        flat = values.reshape(-1, values.shape[-2] * values.shape[-1])
        return np.stack([benjamini_hochberg(band) for band in flat]).reshape(values.shape)
    whole = p.chunk({d: -1 for d in space}) if p.chunks else p
    q = xr.apply_ufunc(per_band, whole, input_core_dims=[space], output_core_dims=[space],
                       dask="parallelized", output_dtypes=[np.float64]).transpose(*p.dims)
    return q.chunk(dict(p.chunksizes)) if p.chunks else q


def _summary(r, p, ecosystem, alpha, q=None):
    """The TABLE of tsmv:correlation: area-weighted (cos lat) means by ecosystem group;
    significant: p < alpha, or with ``q`` (FDR) q < alpha."""
    weight = np.cos(np.deg2rad(r.lat))
    rows = {k: [] for k in ("pixels", "mean_r", "mean_p", "significant_pixels", "percent_significant")}
    for e in range(len(GROUPS)):
        ok = np.isfinite(r) if e == 0 else np.isfinite(r) & (ecosystem == e)
        sig = ok & ((p if q is None else q) < alpha)
        w = ok * weight
        total = w.sum(("lat", "lon"))
        total = total.where(total > 0)  # NaN for a group without pixels
        rows["pixels"].append(ok.sum(("lat", "lon")))
        rows["mean_r"].append((r.fillna(0) * w).sum(("lat", "lon")) / total)
        rows["mean_p"].append((p.fillna(0) * w).sum(("lat", "lon")) / total)
        rows["significant_pixels"].append(sig.sum(("lat", "lon")))
        rows["percent_significant"].append(100 * (sig * weight).sum(("lat", "lon")) / total)
    return {k: xr.concat(v, "group").assign_coords(group=list(GROUPS)) for k, v in rows.items()}


def correlation(seasonal, season_code, gpp, ecosystems=None, start_year=None, end_year=None, alpha=0.05,
                detrend=False, max_lag=0, effective_n=False, fdr=False):
    """Pearson r and p of seasonal soil moisture with seasonal GPP (as ``tsmv:correlation``).

    ``seasonal`` is the Dataset of :func:`seasons`; ``season_code`` its ``season_code``
    ``(time, lat, lon)`` or, for ``rank_by="layer"``, its ``season_code_layer (depth,
    time, lat, lon)``; ``gpp`` monthly GPP ``(time, lat, lon)`` (e.g. ``open_stack`` of
    the output of ``tsmv:gpp``); ``ecosystems`` optional codes 1-4 ``(lat, lon)`` (the
    output of ``tsmv:landcover``).  GPP_s(t) is the mean GPP over the months coded s in
    year t; r and its two-sided p (t test) over the years where both exist (at least 5,
    else NaN), over the whole years the inputs share within ``start_year``-``end_year``.

    Returns a Dataset, float32: ``r``, ``p`` ``(season, depth, lat, lon)`` (R and P) and,
    when ranked by the total profile, ``r_root_zone``, ``p_root_zone`` ``(season, lat,
    lon)`` of the 10-100 cm sum.  With ``ecosystems``, also ``ecosystem (lat, lon)`` (e.g.
    for ``r.groupby(ecosystem)``) and the TABLE: ``pixels``, ``mean_r``, ``mean_p``,
    ``significant_pixels``, ``percent_significant`` ``(group, season, depth)`` (group
    ``Global``, ``Forests``, ``Shrublands``, ``Grasslands``, ``Croplands``; means
    area-weighted, float64; p < ``alpha`` is significant), and for the root zone the
    same with the suffix ``_root_zone``, ``(group, season)``.  The TABLE sums over the
    grid chunk by chunk, so its means equal the algorithm's to about 1e-15, not bitwise.

    The options of tsmv:correlation (DETREND, MAX_LAG, EFFECTIVE_N, FDR; the defaults are the
    paper's): ``detrend`` removes each series' least-squares line on the year first;
    ``effective_n`` takes p from the effective sample size (Bretherton et al. 1999);
    ``max_lag`` (0-11 months) adds ``r_best_lag`` and ``best_lag`` ``(season, depth, lat,
    lon)`` (R_BEST_LAG, BEST_LAG: the largest r over GPP lagging SM by 0..max_lag months, and
    its lag); with ``detrend``, ``r_not_detrended`` and ``p_not_detrended`` ``(season, depth,
    lat, lon)`` (R_NOT_DETRENDED, P_NOT_DETRENDED: r and p of the same pass without detrending,
    p by the same test); ``fdr`` adds ``q`` (and ``q_root_zone``), float64, the Benjamini-Hochberg
    q-values over the pixels of each band (computed on the whole grid, as :func:`trend`'s),
    and the TABLE's significant pixels are then those with q < ``alpha``.  The attribute
    ``significance`` names the rule, as the TABLE's column does.
    """
    alpha = significance_level(alpha)
    options = checked_options(detrend, max_lag, effective_n, fdr)
    rank_by = seasonal.attrs.get("rank_by") or seasonal[VARIABLES[0]].attrs.get("rank_by")
    by_layer = "depth" in season_code.dims
    if rank_by not in ("total", "layer"):
        raise TsmvError("the seasonal Dataset does not say how its months were ranked (attribute "
                        "rank_by, 'total' or 'layer', set by seasons())")
    if by_layer != (rank_by == "layer"):
        raise TsmvError("season_code holds %s, but the seasonal Dataset was ranked %s: SM and GPP "
                        "would come from different months; give %s of the same seasons() run"
                        % ("each layer's codes" if by_layer else "the total-profile codes",
                           "by each layer" if rank_by == "layer" else "by the total profile",
                           "season_code_layer" if rank_by == "layer" else "season_code"))
    have = _years_of(seasonal, "the seasonal Dataset")
    codes_whole = _whole_years(season_code.time, "season_code")
    gpp_whole = _whole_years(gpp.time, "gpp")
    years = common_years(have, codes_whole, gpp_whole, start_year, end_year)
    options = checked_options(detrend, max_lag, effective_n, fdr, years)
    sm = [seasonal[name].sel(year=years, season=list(SEASONS)) for name in VARIABLES]
    codes = _on_grid(season_code, sm[0], "season_code").sel(time=_months(codes_whole, years))
    depths = _depths(seasonal)
    codes = [codes.sel(depth=d, drop=True) for d in depths] if by_layer else [codes]
    monthly = _on_grid(gpp, sm[0], "gpp")
    if options.max_lag:  # each year's months and the max_lag after them; NaN past GPP's last month
        lagged = np.array(["%04d-%02d" % key for key in lagged_months(years, options.max_lag)], "datetime64[M]")
        monthly = monthly.reindex(time=lagged.astype("datetime64[ns]"))
    else:
        monthly = monthly.sel(time=_months(gpp_whole, years))
    monthly = monthly.rename(time="gpp_time")  # not the codes' months with a lag: not aligned with them
    root_zone = rank_by == "total"
    names = list(options.outputs()) + ["r_root_zone", "p_root_zone"] * root_zone
    out_core = [["season", "depth"] if not name.endswith("_root_zone") else ["season"] for name in names]
    results = _apply(_correlation_kernel, sm + [monthly] + codes,
                     [["year", "season"]] * 4 + [["gpp_time"]] + [["time"]] * len(codes), out_core,
                     {"season": 4, "depth": 4}, n_years=len(years), root_zone=root_zone, options=options)
    out = xr.Dataset(dict(zip(names, results))).assign_coords(season=list(SEASONS), depth=list(depths))
    if options.fdr:
        for suffix in ("", "_root_zone")[:1 + root_zone]:
            out["q" + suffix] = _q_values(out["p" + suffix])
    if ecosystems is not None:
        eco = _on_grid(ecosystems, sm[0], "ecosystems").astype(np.float32)
        out["ecosystem"] = eco.reset_coords(drop=True)
        for suffix in ("", "_root_zone")[:1 + root_zone]:
            q = out["q" + suffix] if options.fdr else None
            for key, value in _summary(out["r" + suffix], out["p" + suffix], out.ecosystem, alpha, q).items():
                out[key + suffix] = value
    settings = {k.lower(): v for k, v in options.metadata().items()}
    return out.assign_attrs(start_year=years[0], end_year=years[-1], rank_by=rank_by, alpha=alpha,
                            significance=options.significance(alpha), **settings)


# --- back to GeoTIFF -----------------------------------------------------------------------

def _band_label(dim, value):
    """A TSMV band label part: ``2000-01`` for a time, ``2000`` for a year, the label otherwise."""
    if dim == "time":
        return str(np.datetime64(value, "M"))
    return "%d" % value if dim == "year" else str(value)


def _auto_style(units):
    """Diverging about 0 when the values have both signs, else sequential."""
    def style(samples):
        values = samples.all()
        signed = values.size and values.min() < 0 < values.max()
        return (diverging(units) if signed else sequential(units=units))(samples)
    return style


def to_geotiff(da, path, style=None):
    """Write ``da`` as a TSMV GeoTIFF stack that QGIS opens with a style, and return ``path``.

    ``da`` has dims ``lat`` and ``lon`` (regular cell centres, either direction) and any
    leading dims, which become bands labelled as the algorithms label them (``2000-01``,
    ``2000 H-S``, ``Trend H-S 0-10 cm`` ...), so :func:`open_stack` and every TSMV algorithm
    read the file back.  Attributes that are strings become metadata (``units`` as
    ``UNITS``...).  The style ``<path>.qml`` beside it is ``style`` (a callable of
    :mod:`tsmv_qgis.io.style`, e.g. ``style.p_value(0.05)``) or, by default, a red-white-blue
    ramp about 0 for signed values and a sequential ramp otherwise.  Dask-backed data are
    computed a strip of rows at a time; the file appears whole or not at all.
    """
    if not isinstance(da, xr.DataArray):
        raise TsmvError("to_geotiff takes a DataArray (one variable of a Dataset, e.g. ds.slope)")
    for dim in ("lat", "lon"):
        if dim not in da.dims:
            raise TsmvError("to_geotiff: the data have no dimension '%s' (they have %s)"
                            % (dim, ", ".join(map(str, da.dims))))
    lead = [d for d in da.dims if d not in ("lat", "lon")]
    da = da.transpose(*lead, "lat", "lon")
    if da.lat.size > 1 and da.lat.values[0] < da.lat.values[-1]:
        da = da.isel(lat=slice(None, None, -1))
    lat, lon = da.lat.values.astype(float), da.lon.values.astype(float)
    steps = {}
    for dim, centres in (("lat", -lat), ("lon", lon)):
        step = np.diff(centres)
        if centres.size < 2 or step.min() <= 0 or np.ptp(step) > 1e-6 * max(1.0, step.max()):
            raise TsmvError("to_geotiff: %s is not a regular grid of at least two cells (%d values)"
                            % (dim, centres.size))
        steps[dim] = float(step.mean())
    grid = Grid(lon[0] - steps["lon"] / 2, lat[0] + steps["lat"] / 2, steps["lon"], steps["lat"],
                lon.size, lat.size)
    coords = [da[d].values for d in lead]
    labels = [" ".join(_band_label(d, c[i]) for d, c, i in zip(lead, coords, index))
              for index in np.ndindex(*[len(c) for c in coords])] if lead else [str(da.name or "value")]
    metadata = {k.upper(): v for k, v in da.attrs.items() if isinstance(v, str)}
    versions = None
    for name in ("gldas_version", "gldas_versions"):
        if name in da.coords and len(da[name].dims) == 1 and da[name].dims[0] in lead:
            axis, found = lead.index(da[name].dims[0]), da[name].values
            versions = [found[index[axis]] for index in np.ndindex(*[len(c) for c in coords])]
            versions = [{VERSION: v} if isinstance(v, str) and v else None for v in versions]
            metadata[VERSIONS] = join_versions(v[VERSION] for v in versions if v)
    units = da.attrs.get("units", "")
    with Outputs(rasters={named("path"): str(path)}) as out:
        writer = out.stack(named("path"), grid, labels, style=style or _auto_style(units), metadata=metadata,
                           band_metadata=versions)
        Tiles(grid, 4 * len(labels), {"OUTPUT": writer}).run(
            lambda strip: (da.isel(lat=slice(strip.row0, strip.row1)).values,),
            lambda block: {"OUTPUT": np.asarray(block)})
    return str(path)

