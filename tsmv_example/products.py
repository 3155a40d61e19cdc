"""The example world written in the layouts of FLDAS-Noah and ERA5-Land (synthetic, and labelled so).

The same :class:`~tsmv_example.world.ExampleWorld` as the GLDAS example: each month's four
layers become volume fractions (the GLDAS layer's storage over its 0.1, 0.3, 0.6 and 1.0 m),
written in each product's real layout (``docs/products.md``):

* FLDAS-Noah: one file per month named ``FLDAS_NOAH01_C_GL_M.A200001.001.nc``, dims ``X``
  ``Y`` ``time``(1) ``bnds`` with coordinate variables ``Y`` (ascending) and ``X``, variables
  ``SoilMoi00_10cm_tavg`` ... ``(time, Y, X)`` in ``m^3 m-3``, float32, ``_FillValue`` =
  ``missing_value`` = -9999 (and a global ``missing_value``), ``time:begin_date``, LIS's
  global attributes.
* ERA5-Land monthly means, the Climate Data Store's current netCDF (``layout="new"``): many months
  per file (``valid_time``, int64 seconds since 1970-01-01), ``latitude`` descending,
  ``longitude``, a scalar ``number`` and a string ``expver`` along ``valid_time``, ``swvl1`` ...
  ``swvl4`` float32 in ``m**3 m**-3`` with NaN fill; or its legacy netCDF (``layout="legacy"``):
  ``time`` (int32 hours since 1900-01-01), int16 packed with ``scale_factor``/``add_offset`` and
  ``_FillValue`` = ``missing_value`` = -32767, and with ``expver=True`` an ``expver`` dimension
  (ERA5 1 and ERA5T 5: each month's values in one of the two, the other filled).
  ``wrap=True`` writes longitudes 0..360 as the global files have them.

The layers of the example stay the world's (at GLDAS's depths): what is tested is the reading
and the conversion of each layout, not a model of each product's soil.
"""
import datetime
import os

import numpy as np

from tsmv_example.world import SYNTHETIC, VERSION, ExampleWorld
from tsmv_qgis.products.catalogue import ERA5_LAND, FLDAS, GLDAS

#: The thickness (m) of the example world's layers: GLDAS's.
WORLD_THICKNESS = np.array([layer.thickness for layer in GLDAS.layers])


def fractions(arrays):
    """The world's four layers of one month (kg m-2) as volume fractions (m3 m-3)."""
    return [np.asarray(a, np.float64) / (1000.0 * t) for a, t in zip(arrays, WORLD_THICKNESS)]


def storage(product, theta):
    """Volume fractions of ``product``'s four layers as kg m-2, as TSMV converts them (float64)."""
    return [np.asarray(a, np.float64) * 1000.0 * layer.thickness for a, layer in zip(theta, product.layers)]


def _attributes(world, what):
    return {"title": what, "history": "TSMV example data (synthetic), seed %d" % world.seed,
            "comment": SYNTHETIC % (VERSION, world.seed), "tsmv_synthetic": "yes"}


def fldas_name(year, month):
    return "FLDAS_NOAH01_C_GL_M.A%04d%02d.001.nc" % (year, month)


def write_fldas_file(path, world, year, month, theta):
    """One month in GES DISC's FLDAS layout (``theta`` south-to-north, volume fractions)."""
    import netCDF4
    tmp = path + ".part"
    days = (datetime.date(year, month, 1) - datetime.date(1982, 1, 1)).days
    with netCDF4.Dataset(tmp, "w", format="NETCDF4") as ds:
        ds.setncatts(dict(_attributes(world, "LIS land surface model output"),
                          missing_value=-9999.0, institution="NASA GSFC", Conventions="CF-1.4",
                          conventions="CF-1.6", MAP_PROJECTION="EQUIDISTANT CYLINDRICAL",
                          SOUTH_WEST_CORNER_LAT=float(world.lat[0]), SOUTH_WEST_CORNER_LON=float(world.lon[0]),
                          DX=world.resolution, DY=world.resolution, NUM_SOIL_LAYERS=4,
                          SOIL_LAYER_THICKNESSES=np.array([10.0, 30.0, 60.0, 100.0], np.float32)))
        ds.createDimension("X", world.lon.size)
        ds.createDimension("Y", world.lat.size)
        ds.createDimension("time", 1)
        ds.createDimension("bnds", 2)
        for name, values, units, standard in (("Y", world.lat, "degrees_north", "latitude"),
                                              ("X", world.lon, "degrees_east", "longitude")):
            v = ds.createVariable(name, "f4", (name,))
            v.setncatts({"units": units, "standard_name": standard, "long_name": standard})
            v[:] = values
        t = ds.createVariable("time", "f4", ("time",))
        t.setncatts({"units": "days since 1982-01-01 00:00:00", "long_name": "time",
                     "begin_date": "%04d%02d01" % (year, month), "begin_time": "000000",
                     "time_increment": "86400"})
        t[0] = days
        end = (datetime.date(year + month // 12, month % 12 + 1, 1) - datetime.date(1982, 1, 1)).days
        ds.createVariable("time_bnds", "f4", ("time", "bnds"))[0, :] = [days, end]
        for layer, array in zip(FLDAS.layers, theta):
            v = ds.createVariable(layer.variable, "f4", ("time", "Y", "X"), zlib=True, complevel=4,
                                  fill_value=-9999.0)
            v.setncatts({"units": FLDAS.units, "standard_name": "soil_moisture_content",
                         "long_name": "soil moisture content", "missing_value": -9999.0,
                         "vmin": 0.0, "vmax": 0.0})
            v[0] = np.where(np.isfinite(array), array, -9999.0).astype(np.float32)
    os.replace(tmp, path)


def make_fldas_example(folder, start_year, end_year, extent, resolution=0.25, seed=0):
    """Write the example world as FLDAS-Noah monthly files; return their paths."""
    os.makedirs(folder, exist_ok=True)
    world = ExampleWorld(tuple(extent), resolution, seed)
    paths = []
    for year, month, arrays in world.layers(range(start_year, end_year + 1)):
        world.spoil(arrays, year, month)
        path = os.path.join(folder, fldas_name(year, month))
        write_fldas_file(path, world, year, month, fractions(arrays))
        paths.append(path)
    return paths


def _era5_columns(world, wrap):
    """(longitudes as the file writes them, the world's columns in file order)."""
    if not wrap:
        return world.lon, np.arange(world.lon.size)
    lon = np.mod(world.lon, 360.0)
    order = np.argsort(lon, kind="stable")
    return lon[order], order


def write_era5_land_file(path, world, months, thetas, layout="new", wrap=False, expver=False):
    """Months ``months`` [(year, month)] of volume fractions ``thetas`` (per month, four layers,
    south-to-north) in one file of the Climate Data Store's layout."""
    import netCDF4
    lon, columns = _era5_columns(world, wrap)
    lat = world.lat[::-1]  # north to south
    tmp = path + ".part"
    with netCDF4.Dataset(tmp, "w", format="NETCDF4" if layout == "new" else "NETCDF3_64BIT_OFFSET") as ds:
        attrs = _attributes(world, "ERA5-Land monthly averaged reanalysis")
        if layout == "new":
            attrs.update({"GRIB_centre": "ecmf", "GRIB_centreDescription": "European Centre for "
                          "Medium-Range Weather Forecasts", "GRIB_subCentre": 0, "Conventions": "CF-1.7",
                          "institution": "European Centre for Medium-Range Weather Forecasts"})
            time_name = "valid_time"
        else:
            attrs.update({"Conventions": "CF-1.6"})
            time_name = "time"
        ds.setncatts(attrs)
        ds.createDimension(time_name, len(months))
        if layout == "legacy" and expver:
            ds.createDimension("expver", 2)
        ds.createDimension("latitude", lat.size)
        ds.createDimension("longitude", lon.size)
        if layout == "new":
            number = ds.createVariable("number", "i8", ())
            number.setncatts({"long_name": "ensemble member numerical id", "units": "1",
                              "standard_name": "realization"})
            number.assignValue(0)
            t = ds.createVariable(time_name, "i8", (time_name,))
            t.setncatts({"long_name": "initial time of forecast", "standard_name": "forecast_reference_time",
                         "units": "seconds since 1970-01-01", "calendar": "proleptic_gregorian"})
            epoch, unit = datetime.datetime(1970, 1, 1), 1
        else:
            t = ds.createVariable(time_name, "i4", (time_name,))
            t.setncatts({"units": "hours since 1900-01-01 00:00:00.0", "long_name": "time",
                         "calendar": "gregorian"})
            epoch, unit = datetime.datetime(1900, 1, 1), 3600
        t[:] = [int((datetime.datetime(y, m, 1) - epoch).total_seconds()) // unit for y, m in months]
        kind = "f8" if layout == "new" else "f4"
        for name, values, units in (("latitude", lat, "degrees_north"), ("longitude", lon, "degrees_east")):
            v = ds.createVariable(name, kind, (name,))
            v.setncatts({"units": units, "standard_name": name, "long_name": name})
            v[:] = values
        if layout == "new":
            e = ds.createVariable("expver", str, (time_name,))
            for i in range(len(months)):
                e[i] = "0001"
        elif expver:
            e = ds.createVariable("expver", "i4", ("expver",))
            e.long_name = "expver"
            e[:] = [1, 5]
        data = np.stack([np.stack(theta) for theta in thetas])  # month, layer, lat (S-N), lon
        data = data[:, :, ::-1][..., columns]
        for d, layer in enumerate(ERA5_LAND.layers):
            values = data[:, d]
            if layout == "new":
                v = ds.createVariable(layer.variable, "f4", (time_name, "latitude", "longitude"), zlib=True,
                                      complevel=1, shuffle=True, fill_value=np.float32(np.nan))
                v.setncatts({"GRIB_paramId": 39 + d if d < 3 else 236, "GRIB_name":
                             "Volumetric soil water layer %d" % (d + 1), "GRIB_shortName": layer.variable,
                             "GRIB_units": "m**3 m**-3", "long_name": "Volumetric soil water layer %d" % (d + 1),
                             "units": ERA5_LAND.units, "standard_name": "unknown",
                             "coordinates": "number valid_time latitude longitude expver"})
                v[:] = values.astype(np.float32)
                continue
            finite = values[np.isfinite(values)]
            low, high = (float(finite.min()), float(finite.max())) if finite.size else (0.0, 1.0)
            scale = (high - low) / (2 ** 16 - 3) or 1e-6
            offset = low + 32766 * scale  # ECMWF's packing: the range onto -32766..32767
            packed = np.where(np.isfinite(values), np.round((values - offset) / scale), -32767).astype(np.int16)
            dims = (time_name, "latitude", "longitude")
            if expver:  # ERA5 in expver 1, except the last month (ERA5T) in expver 5
                both = np.full((len(months), 2) + packed.shape[1:], -32767, np.int16)
                both[:-1, 0], both[-1, 1] = packed[:-1], packed[-1]
                packed, dims = both, (time_name, "expver", "latitude", "longitude")
            v = ds.createVariable(layer.variable, "i2", dims, fill_value=np.int16(-32767))
            v.setncatts({"scale_factor": scale, "add_offset": offset, "missing_value": np.int16(-32767),
                         "units": ERA5_LAND.units, "long_name": "Volumetric soil water layer %d" % (d + 1)})
            v.set_auto_maskandscale(False)
            v[:] = packed
    os.replace(tmp, path)


def make_era5_land_example(folder, start_year, end_year, extent, resolution=0.25, seed=0, layout="new",
                           months_per_file=12, wrap=False, expver=False, name="data_stream-moda_%d.nc"):
    """Write the example world as ERA5-Land monthly means, ``months_per_file`` months per file
    (named ``name`` % the file's number); return their paths."""
    os.makedirs(folder, exist_ok=True)
    world = ExampleWorld(tuple(extent), resolution, seed)
    months, thetas, paths = [], [], []

    def flush():
        path = os.path.join(folder, name % len(paths))
        write_era5_land_file(path, world, months, thetas, layout, wrap, expver)
        paths.append(path)
        months.clear()
        thetas.clear()

    for year, month, arrays in world.layers(range(start_year, end_year + 1)):
        world.spoil(arrays, year, month)
        months.append((year, month))
        thetas.append(fractions(arrays))
        if len(months) == months_per_file:
            flush()
    if months:
        flush()
    return paths
