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

import netCDF4
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
        self.base = _BASE[:, None] * (0.5 + wet * rng.uniform(0.6, 1.2, n))[None]
        self.phase = (np.rad2deg(lon[self.land]) / 30.0 + (lat[self.land] < 0) * 6.0) % 12
        slope = rng.normal(0.0, 1.0, n) * 0.004
        self.slope_before = self.base * (slope + 0.001)[None]
        self.slope_after = self.base * (slope - 0.006 * wet)[None]
        self.iav_scale = self.base * 0.05
        self._rng = rng

    def layers(self, years):
        """Yield (year, month, [4 float32 arrays (lat, lon), NaN off land]) for each month."""
        for year in years:
            iav = self._rng.normal(0.0, 1.0, (4, self.phase.size))
            iav[1:] = 0.6 * iav[:1] + 0.8 * iav[1:]  # layers share part of their anomaly
            t = year - self.break_year
            trend = np.where(t < 0, self.slope_before * t, self.slope_after * t)
            for month in range(1, 13):
                angle = 2 * np.pi * (month - 1 - self.phase[None] - _LAG_MONTHS[:, None]) / 12
                values = self.base * (1 + _AMPLITUDE[:, None] * np.cos(angle)) + trend \
                    + self.iav_scale * iav
                values = np.maximum(values, 0.02 * self.base)
                yield year, month, [self._to_grid(v) for v in values]

    def _to_grid(self, values):
        out = np.full(self.land.shape, np.nan, np.float32)
        out[self.land] = values
        return out

    def spoil(self, arrays):
        """Make a few land values missing (NaN) and a few non-physical (in place)."""
        n = self.phase.size
        for d, array in enumerate(arrays):
            land_values = array[self.land]
            k = self._rng.binomial(n, MISSING_RATE)
            land_values[self._rng.integers(0, n, k)] = np.nan
            k = self._rng.binomial(n, BAD_RATE)
            idx = self._rng.integers(0, n, k)
            land_values[idx] = np.where(self._rng.random(k) < 0.5, -self._rng.uniform(0.1, 5, k),
                                        LAYER_MAXIMA[d] * self._rng.uniform(1.01, 2.0, k))
            array[self.land] = land_values


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
    with netCDF4.Dataset(tmp, "w", format="NETCDF4") as ds:
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
        world.spoil(arrays)
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
