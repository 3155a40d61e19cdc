"""Deterministic example data: GLDAS-Noah monthly files in the real layout.

``make_gldas_example(folder)`` writes one netCDF4 file per month, named and
laid out like GES DISC's (``GLDAS_NOAH10_M.A194801.020.nc4``; V2.0 before
2000, V2.1 from 2000; dims time/lat/lon/bnds; latitude ascending from 59.5 S;
float32 kg m-2 with ``_FillValue = missing_value = -9999``; zlib level 4).
Soil moisture has a planted trend (one slope before 2000 and another after),
a seasonal cycle whose phase varies in space and lags with depth, and
interannual noise; a few cells per month are missing, and a few are
non-physical (negative or above the quality-control maxima).
"""
import datetime
import os
from dataclasses import dataclass

import numpy as np

from .labels import LAYER_MAXIMA, LAYER_VARIABLES

#: Typical storage of each layer (kg m-2) and its seasonal amplitude (fraction).
_BASE = np.array([25.0, 75.0, 150.0, 260.0])
_AMPLITUDE = np.array([0.30, 0.22, 0.14, 0.07])
_LAG_MONTHS = np.array([0.0, 0.5, 1.5, 3.0])
#: Fraction of land values per month made missing, and made non-physical.
MISSING_RATE = 2e-4
BAD_RATE = 2e-4
#: GLDAS-Noah's southern edge.
SOUTH = -60.0
#: Changes whenever the example data change, so cached copies are made again.
VERSION = 4


@dataclass
class ExampleWorld:
    """The planted truth behind the example files, on a regular grid.

    ``extent`` is (xmin, ymin, xmax, ymax) in degrees, clipped to GLDAS's
    60 S..90 N; ``resolution`` 1.0 or 0.25.
    """
    extent: tuple = (-180.0, SOUTH, 180.0, 90.0)
    resolution: float = 1.0
    seed: int = 0
    break_year: int = 2000

    def __post_init__(self):
        xmin, ymin, xmax, ymax = self.extent
        r = self.resolution
        ymin = max(ymin, SOUTH)
        self.lon = (np.arange(round((xmax - xmin) / r)) + 0.5) * r + xmin
        self.lat = (np.arange(round((ymax - ymin) / r)) + 0.5) * r + ymin  # ascending
        rng = np.random.default_rng(self.seed)
        lon, lat = np.meshgrid(np.deg2rad(self.lon), np.deg2rad(self.lat))
        # A smooth random "continent" field: land where it is positive.
        field = np.zeros(lon.shape)
        for _ in range(6):
            k, l, phase = rng.integers(1, 5), rng.integers(1, 4), rng.uniform(0, 2 * np.pi)
            field += np.cos(k * lon + phase) * np.cos(l * lat + rng.uniform(0, np.pi))
        self.land = field > np.quantile(field, 0.6)
        if not self.land.any():
            self.land[:] = True
        n = int(self.land.sum())
        wet = 0.5 + 0.5 * np.cos(lat)[self.land]  # wetter towards the equator
        self.wet = wet
        self.base = _BASE[:, None] * (0.5 + wet * rng.uniform(0.6, 1.2, n))[None]
        self.phase = (np.rad2deg(lon[self.land]) / 30.0 + (lat[self.land] < 0) * 6.0) % 12
        slope = rng.normal(0.0, 1.0, n) * 0.004
        self.slope_before = self.base * (slope + 0.001)[None]
        self.slope_after = self.base * (slope - 0.006 * wet)[None]
        self.iav_scale = self.base * 0.05

    def layers(self, years):
        """Yield (year, month, [4 float32 arrays (lat, lon), NaN off land]) for each month.

        Each year's noise comes from its own seed, so any year can be made again alone.
        """
        for year in years:
            rng = np.random.default_rng([self.seed, year])
            iav = rng.normal(0.0, 1.0, (4, self.phase.size))
            iav[1:] = 0.6 * iav[:1] + 0.8 * iav[1:]  # layers share part of their anomaly
            quarter = rng.normal(0.0, 0.5, (4, 4, self.phase.size))  # season-to-season anomalies
            t = year - self.break_year
            trend = np.where(t < 0, self.slope_before * t, self.slope_after * t)
            for month in range(1, 13):
                angle = 2 * np.pi * (month - 1 - self.phase[None] - _LAG_MONTHS[:, None]) / 12
                values = self.base * (1 + _AMPLITUDE[:, None] * np.cos(angle)) + trend \
                    + self.iav_scale * (iav + quarter[(month - 1) // 3])
                values = np.maximum(values, 0.02 * self.base)
                yield year, month, [self._to_grid(v) for v in values]

    def gpp(self, year, month, layers):
        """Mean daily GPP (g C m-2 d-1) on the grid: light-limited, water-limited by the
        month's total soil moisture relative to its usual level, and with an interannual
        variability of its own (about 15 %); NaN off land."""
        lat = np.deg2rad(self.lat)[:, None]
        peak = np.where(lat >= 0, 5.5, 11.5)
        light = 0.75 + 0.25 * np.cos(2 * np.pi * (month - 1 - peak) / 12) * np.abs(np.sin(lat))
        total = sum(layers)
        usual = self._to_grid(self.base.sum(axis=0))
        water = np.clip(total / usual, 0.2, 1.6) ** 2
        gmax = 2.0 + 6.0 * self._to_grid(self.wet)
        own = 1.0 + 0.15 * self._to_grid(np.random.default_rng([self.seed, year, 3]).normal(size=self.wet.size))
        return np.maximum(gmax * light * water * own, 0.0).astype(np.float32)

    def _to_grid(self, values):
        out = np.full(self.land.shape, np.nan, np.float32)
        out[self.land] = values
        return out

    def spoil(self, arrays, year, month):
        """Make a few land values missing (NaN) and a few non-physical (in place)."""
        rng = np.random.default_rng([self.seed, year, month, 1])
        n = self.phase.size
        for d, array in enumerate(arrays):
            land_values = array[self.land]
            k = rng.binomial(n, MISSING_RATE)
            land_values[rng.integers(0, n, k)] = np.nan
            k = rng.binomial(n, BAD_RATE)
            idx = rng.integers(0, n, k)
            land_values[idx] = np.where(rng.random(k) < 0.5, -rng.uniform(0.1, 5, k),
                                        LAYER_MAXIMA[d] * rng.uniform(1.01, 2.0, k))
            array[self.land] = land_values


FINE = 0.05  # the MCD12C1 and GOSIF grid


def _fine(world, coarse, fill):
    """A (lat ascending, lon) array of the world grid as a north-up 0.05 deg array, over the
    whole globe (rows south of 60 S filled with ``fill``) when the world is global."""
    ratio = int(round(world.resolution / FINE))
    fine = np.repeat(np.repeat(coarse[::-1], ratio, axis=0), ratio, axis=1)
    if _is_global(world):
        pad = np.full((int(round((SOUTH + 90) / FINE)), fine.shape[1]), fill, fine.dtype)
        fine = np.concatenate([fine, pad])
    return fine


def _is_global(world):
    return world.lon.size * world.resolution >= 360 and world.lat[0] - world.resolution / 2 <= SOUTH


def _fine_geotransform(world):
    return (float(world.lon[0] - world.resolution / 2), FINE, 0.0,
            float(world.lat[-1] + world.resolution / 2), 0.0, -FINE)


def _write_tif(path, array, geotransform, nodata):
    from osgeo import gdal, osr
    kind = gdal.GDT_Byte if array.dtype == np.uint8 else gdal.GDT_UInt16
    os.makedirs(os.path.dirname(os.path.abspath(path)), exist_ok=True)
    tmp = path + ".part"
    ds = gdal.GetDriverByName("GTiff").Create(tmp, array.shape[1], array.shape[0], 1, kind,
                                              ["COMPRESS=DEFLATE", "ZLEVEL=1", "PREDICTOR=2", "TILED=YES"])
    ds.SetGeoTransform(geotransform)
    srs = osr.SpatialReference()
    srs.ImportFromEPSG(4326)
    ds.SetProjection(srs.ExportToWkt())
    band = ds.GetRasterBand(1)
    band.SetNoDataValue(nodata)
    band.WriteArray(array)
    ds = None
    os.replace(tmp, path)


def make_igbp_example(path, world):
    """An MCD12C1-like IGBP raster (uint8, 0.05 deg, fill 255) over the world's land.

    Each 1 deg land cell has a dominant class set by its wetness (forests where wet, savannas,
    grasslands and croplands in between, shrublands and barren where dry); 0.05 deg cells
    take it with probability 0.65, another land class otherwise; sea is water (0); a few
    cells are fill.  South of 60 S (global files) is snow and ice (15).
    """
    rng = np.random.default_rng([world.seed, 7])
    wet = world.wet
    dominant = np.select([wet > 0.93, wet > 0.85, wet > 0.78, wet > 0.72, wet > 0.66, wet > 0.6],
                         [2, 4, 9, 12, 10, 7], 16)
    crops = rng.random(wet.size) < 0.15
    dominant[crops] = 14
    coarse = np.zeros(world.land.shape, np.uint8)
    coarse[world.land] = dominant
    fine = _fine(world, coarse, 15)
    land = _fine(world, world.land.astype(np.uint8), 0).astype(bool)
    other = rng.choice(np.array([1, 2, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 16], np.uint8), fine.shape)
    mixed = land & (rng.random(fine.shape) > 0.65)
    fine[mixed] = other[mixed]
    fine[rng.random(fine.shape) < 0.001] = 255
    _write_tif(path, fine, _fine_geotransform(world), 255)
    return path


def gosif_name(year, doy=None, month=None):
    if doy is not None:
        return "GOSIF_GPP_%04d%03d_Mean.tif" % (year, doy)
    return "GOSIF_GPP_%04d.M%02d_Mean.tif" % (year, month)


def make_gosif_example(folder, world, start_year, end_year, kind="monthly", gzip_every=0):
    """GOSIF-like GPP files (uint16, 0.05 deg) that follow the world's soil moisture.

    ``kind`` "monthly" (scale 0.01, g C m-2 per month) or "8day" (scale 0.001,
    g C m-2 d-1, the value of the composite's first month); sea is 65535, land north of
    72 N is 65534 (snow and ice); every ``gzip_every``-th file is gzipped.
    """
    import calendar
    import gzip
    import shutil
    os.makedirs(folder, exist_ok=True)
    land = _fine(world, world.land.astype(np.uint8), 0).astype(bool)
    lat = np.repeat(world.lat[::-1], int(round(world.resolution / FINE)))
    if _is_global(world):
        lat = np.concatenate([lat, np.full(land.shape[0] - lat.size, -90.0)])
    snow = land & (lat[:, None] > 72)
    paths = []
    for year in range(start_year, end_year + 1):
        months = {m: world.gpp(year, m, arrays) for _, m, arrays in world.layers([year])}
        if kind == "monthly":
            items = [(gosif_name(year, month=m), months[m] * calendar.monthrange(year, m)[1] / 0.01)
                     for m in range(1, 13)]
        else:
            items = []
            for doy in range(1, 366, 8):
                first = datetime.date(year, 1, 1) + datetime.timedelta(days=doy - 1)
                items.append((gosif_name(year, doy=doy), months[first.month] / 0.001))
        for name, values in items:
            fine = _fine(world, np.nan_to_num(np.round(values), nan=65535).astype(np.uint16), 65535)
            fine[~land] = 65535
            fine[snow] = 65534
            path = os.path.join(folder, name)
            _write_tif(path, fine, _fine_geotransform(world), 65535)
            if gzip_every and len(paths) % gzip_every == gzip_every - 1:
                with open(path, "rb") as src, gzip.open(path + ".gz.part", "wb", compresslevel=1) as dst:
                    shutil.copyfileobj(src, dst)
                os.replace(path + ".gz.part", path + ".gz")
                os.remove(path)
                path += ".gz"
            paths.append(path)
    return paths


def gldas_name(year, month, resolution=1.0):
    version = "020" if year < 2000 else "021"
    product = "GLDAS_NOAH10_M" if resolution == 1.0 else "GLDAS_NOAH025_M"
    return "%s.A%04d%02d.%s.nc4" % (product, year, month, version)


def write_gldas_file(path, world, year, month, arrays):
    """Write one monthly file in GES DISC's layout (arrays in south-to-north order)."""
    version = "2.0" if year < 2000 else "2.1"
    epoch = datetime.date(1948 if year < 2000 else 2000, 1, 1)
    start = (datetime.date(year, month, 1) - epoch).days
    end = (datetime.date(year + month // 12, month % 12 + 1, 1) - epoch).days
    tmp = path + ".part"
    from .netcdf import netcdf4
    with netcdf4().Dataset(tmp, "w", format="NETCDF4") as ds:
        ds.setncatts({
            "missing_value": -9999.0, "title": "GLDAS%s LIS land surface model output" % version,
            "institution": "NASA GSFC", "source": "Noah_v3.3" if version == "2.1" else "Noah_v3.6",
            "history": "TSMV example data (synthetic), seed %d" % world.seed,
            "conventions": "CF-1.6", "MAP_PROJECTION": "EQUIDISTANT CYLINDRICAL",
            "SOUTH_WEST_CORNER_LAT": float(world.lat[0]), "SOUTH_WEST_CORNER_LON": float(world.lon[0]),
            "DX": world.resolution, "DY": world.resolution})
        ds.createDimension("time", None)
        ds.createDimension("lat", world.lat.size)
        ds.createDimension("lon", world.lon.size)
        ds.createDimension("bnds", 2)
        for name, values, units, standard in (("lat", world.lat, "degrees_north", "latitude"),
                                              ("lon", world.lon, "degrees_east", "longitude")):
            v = ds.createVariable(name, "f4", (name,), zlib=True, complevel=4, shuffle=True,
                                  fill_value=-9999.0)
            v.setncatts({"units": units, "standard_name": standard, "long_name": standard,
                         "missing_value": -9999.0})
            v[:] = values
        t = ds.createVariable("time", "f8", ("time",))
        t.setncatts({"units": " days since %s 00:00:00" % epoch.isoformat(), "long_name": "time",
                     "begin_date": "%04d%02d01" % (year, month), "begin_time": "000000",
                     "bounds": "time_bnds"})
        t[0] = start
        tb = ds.createVariable("time_bnds", "f8", ("time", "bnds"))
        tb[0, :] = [start, end]
        for name, array in zip(LAYER_VARIABLES, arrays):
            v = ds.createVariable(name, "f4", ("time", "lat", "lon"), zlib=True, complevel=4,
                                  shuffle=True, fill_value=-9999.0)
            v.setncatts({"units": "kg m-2", "standard_name": "soil_moisture_content",
                         "long_name": "Soil moisture", "cell_methods": "time: mean",
                         "missing_value": -9999.0})
            v[0] = np.where(np.isfinite(array), array, -9999.0).astype(np.float32)
    os.replace(tmp, path)


def make_gldas_example(folder, start_year=1948, end_year=2024, extent=(-180.0, SOUTH, 180.0, 90.0),
                       resolution=1.0, seed=0, progress=None):
    """Write the example GLDAS-Noah monthly files into ``folder``; return their paths.

    Deterministic for a given (extent, resolution, seed, start_year): the
    same arguments give the same files byte for byte in their data.
    """
    os.makedirs(folder, exist_ok=True)
    world = ExampleWorld(tuple(extent), resolution, seed)
    paths, years = [], range(start_year, end_year + 1)
    total = 12 * len(years)
    for year, month, arrays in world.layers(years):
        world.spoil(arrays, year, month)
        path = os.path.join(folder, gldas_name(year, month, resolution))
        write_gldas_file(path, world, year, month, arrays)
        paths.append(path)
        if progress is not None:
            progress(len(paths) / total)
    return paths


if __name__ == "__main__":  # python -m tsmv_qgis.example FOLDER [START END]
    import sys
    args = sys.argv[1:]
    years = (int(args[1]), int(args[2])) if len(args) >= 3 else (1948, 2024)
    print("wrote %d files to %s" % (len(make_gldas_example(args[0], *years)), args[0]))
