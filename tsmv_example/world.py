"""Deterministic example data that look like Earth (synthetic, and labelled so).

``make_gldas_example(folder)`` writes one netCDF4 file per month, named and
laid out like GES DISC's (``GLDAS_NOAH10_M.A194801.020.nc4``; V2.0 before
2000, V2.1 from 2000; dims time/lat/lon/bnds; latitude ascending from 59.5 S;
float32 kg m-2 with ``_FillValue = missing_value = -9999``; zlib level 4).
``make_igbp_example`` writes an MCD12C1-like IGBP land cover and
``make_gosif_example`` GOSIF-like GPP, all from one ``ExampleWorld``.

The world:

* Land is Earth's (Natural Earth's countries, rasterized once by
  ``scripts/make_land_mask.py`` into ``land.npz``, a 0.25 deg land
  fraction); a window that is nearly all sea on Earth gets seeded islands
  instead, so that any small test extent has land.
* Climate: a wetness from latitude (wet tropics, dry subtropics, moist
  mid-latitudes), distance from the sea, and the big deserts, monsoons and
  rain forests placed where Earth has them.  It sets each layer's storage,
  the land cover and GPP's potential.
* Seasons: soil moisture peaks in the rainy season in the tropics (August in
  the north, February in the south), in late winter or spring outside them
  (March north, September south, later where snow melts); deeper layers have
  damped and lagged cycles.
* Interannual anomalies: smooth regional patterns (Gaussian blobs whose
  amplitudes follow monthly and yearly red noise from 1850), an ENSO-like
  see-saw, and multi-year droughts and wet spells (some where Earth had them,
  e.g. the Sahel 1968-1993 or the Millennium drought, some seeded); deeper
  layers integrate them, so they respond later and longer.
* Trends: smooth in space, one slope field before ``break_year`` and another
  after (the record is continuous at the break): mostly a gentle drying since
  2000 with hot spots (Mediterranean, North China, southern Amazon, western
  US) and wetting regions (Sahel, northern Australia, India, the high north),
  stronger in the dry season and at depth.
* GPP follows root-zone (10-100 cm) soil moisture relative to its usual level,
  with a strength that depends on the ecosystem (grasslands and shrublands
  most, forests least), limited by light and cold away from the tropics.

Values are physical per layer (between a few percent of and the storage at
saturation: 45, 135, 270 and 450 kg m-2), except what ``spoil`` plants in the
files: a few values per month missing and a few non-physical (negative or above
the quality-control maxima; at least one in every year), all in a few
"troubled" cells (2 % of the land), so that the other cells' series are complete.
Everything is a function of (extent, resolution, seed): the same arguments
give the same arrays, and any year can be made again alone.  Every file says
it is synthetic (netCDF attributes ``comment`` and ``tsmv_synthetic``, GeoTIFF
metadata ``TSMV_SYNTHETIC`` and the image description).

``python -m tsmv_example --help`` says how to write them from the shell.
"""
import argparse
import datetime
import functools
import os
from dataclasses import dataclass

import numpy as np

from tsmv_qgis.labels import LAYER_MAXIMA, LAYER_VARIABLES

#: Storage of each layer at saturation (kg m-2): thickness x porosity 0.45 x 1000 kg m-3.
_SATURATION = np.array([45.0, 135.0, 270.0, 450.0])
#: Relative saturation of each layer in the driest and the wettest climate.
_SAT_DRY = np.array([0.10, 0.13, 0.16, 0.20])
_SAT_WET = np.array([0.78, 0.80, 0.82, 0.85])
#: Seasonal amplitude of each layer relative to the top layer's, and its lag (months).
_AMPLITUDE = np.array([1.0, 0.75, 0.5, 0.28])
_LAG_MONTHS = np.array([0.0, 0.8, 2.0, 3.5])
#: Fraction of an anomaly's forcing each layer takes up per month (deep layers remember).
_RESPONSE = np.array([1.0, 0.45, 0.2, 0.08])
#: Local (cell by cell, month by month) noise of each layer, in units of its anomaly forcing.
_LOCAL = np.array([0.25, 0.12, 0.05, 0.0])
#: Trend of each layer relative to its storage, as a multiple of the local slope.
_TREND_DEPTH = np.array([0.6, 0.85, 1.1, 1.3])
#: Fraction of land values per month made missing, and made non-physical...
MISSING_RATE = 2e-4
BAD_RATE = 2e-4
#: The share of land cells where they fall (the other cells' series are complete).
TROUBLED = 0.02
#: GLDAS-Noah's southern edge.
SOUTH = -60.0
#: Changes whenever the example data change, so cached copies are made again.
VERSION = 5
#: The first year of the world's anomalies (years before it cannot be made).
ORIGIN = 1850
#: Below this share of land cells on Earth, a window gets seeded islands.
ISLANDS_BELOW = 0.15
SYNTHETIC = ("Synthetic example data made by TSMV (tsmv_example v%d, seed %d): "
             "not a NASA or MODIS product. Land: Natural Earth (public domain).")

# Regions as Gaussian blobs: (lon, lat, sigma_lon, sigma_lat, amplitude), degrees.
#: Wetness added to the zonal climate: deserts (negative) and wet regions (positive).
_REGIONS = np.array([
    (10, 23, 22, 6, -0.55), (47, 22, 9, 6, -0.5), (68, 27, 6, 4, -0.3), (57, 31, 8, 4, -0.35),
    (62, 43, 12, 5, -0.15), (92, 41, 14, 5, -0.3), (-114, 36, 6, 5, -0.35),
    (-104, 28, 4, 4, -0.15), (-70, -22, 2.5, 7, -0.5), (-68, -44, 3, 6, -0.4),
    (17, -24, 5, 6, -0.35), (45, 7, 5, 5, -0.5), (131, -25, 13, 7, -0.5), (-40, -8, 4, 4, -0.2),
    (5, 37, 14, 5, -0.15), (85, 34, 8, 4, 0.25),
    (-62, -4, 14, 8, 0.3), (21, 0, 10, 6, 0.15), (113, 0, 18, 8, 0.3), (95, 21, 9, 6, 0.3),
    (113, 27, 8, 5, 0.35), (116, 38, 6, 5, 0.25), (138, 36, 5, 4, 0.2), (-85, 33, 8, 5, 0.25),
    (-82, 40, 10, 7, 0.2), (-124, 48, 3, 6, 0.2), (0, 50, 10, 6, 0.05), (-47, -23, 6, 5, 0.2),
    (-10, 8, 5, 4, 0.2), (49, -18, 2, 5, 0.2), (-84, 11, 6, 6, 0.2), (-73, -42, 2, 5, 0.25),
    (172, -42, 4, 4, 0.2), (-73, 5, 5, 5, 0.2), (150, -6, 6, 4, 0.25), (151, -28, 3, 8, 0.3),
    (28, -27, 6, 5, 0.12)], float)
#: Monsoon regions: a strong seasonal cycle.
_MONSOON = np.array([
    (78, 22, 9, 7, 1), (5, 13, 18, 4, 1), (133, -15, 12, 4, 1), (102, 17, 8, 6, 0.8),
    (-104, 22, 5, 4, 0.7), (28, -14, 10, 5, 0.8), (-48, -13, 8, 5, 0.8)], float)
#: Croplands: the plains of the Midwest, the Prairies, Europe, the Black-Earth belt, the
#: Ganges, the North China plain, the Pampas, the Murray-Darling, the Sahel's south.
_CROPS = np.array([
    (-92, 41, 8, 4, 1), (-104, 51, 8, 3, 0.8), (12, 49, 14, 5, 0.9), (38, 50, 13, 4, 1),
    (80, 26, 8, 5, 1), (116, 34, 5, 5, 1), (-61, -34, 5, 4, 0.9), (145, -34, 5, 3, 0.7),
    (5, 11, 10, 2, 0.5), (31, 29, 2, 4, 0.7), (-48, -20, 5, 4, 0.6), (127, 46, 5, 3, 0.7)], float)
#: Where the slope since the break year departs from the gentle drying (per year, relative).
_TREND_SPOTS = np.array([
    (15, 39, 13, 5, -0.0075), (66, 45, 12, 5, -0.005), (112, 38, 7, 5, -0.0075),
    (-56, -12, 10, 6, -0.006), (26, -20, 9, 6, -0.005), (-115, 40, 8, 6, -0.006),
    (44, 33, 6, 4, -0.0075), (5, 14, 16, 4, 0.0075), (132, -17, 12, 5, 0.0075),
    (78, 22, 6, 6, 0.005), (100, 64, 40, 6, 0.003), (-100, 62, 25, 6, 0.0025),
    (-61, -33, 6, 4, 0.005)], float)
#: The ENSO-like see-saw: (lon, lat, sigma_lon, sigma_lat, sign).
_ENSO = np.array([
    (145, -25, 10, 8, -1), (115, -3, 12, 6, -1), (-60, 2, 10, 6, -0.8), (28, -22, 8, 6, -0.8),
    (78, 21, 7, 6, -0.6), (-88, 32, 9, 5, 0.7), (-58, -30, 6, 5, 0.9), (38, -1, 5, 5, 0.8),
    (-79, -6, 2, 3, 1)], float)
#: Droughts (negative) and wet spells Earth had: (lon, lat, sigma_lon, sigma_lat, start, end,
#: amplitude in standard deviations of the forcing).
_EVENTS = np.array([
    (0, 14, 14, 4, 1968, 1993, -1.6), (145, -33, 7, 5, 2001, 2010, -2.0),
    (-119, 37, 5, 5, 2012, 2017, -2.0), (12, 51, 10, 5, 2018, 2021, -2.0),
    (-60, -5, 9, 6, 2015.5, 2016.7, -2.0), (42, 5, 6, 5, 2010.5, 2011.9, -2.2),
    (45, 53, 10, 4, 2010.3, 2011.0, -2.0), (113, 37, 7, 4, 1991, 1999, -1.5),
    (-100, 35, 8, 5, 1952, 1957, -1.8), (-93, 40, 6, 4, 1992, 2000, 1.6),
    (147, -25, 8, 6, 2010, 2012.5, 2.0), (78, 23, 8, 6, 1955, 1962, 1.4),
    (35, 52, 12, 5, 1972, 1976, -1.6)], float)
#: Random modes, droughts and wet spells the seed adds (per year), and their time scales.
_RANDOM_MODES = 240
_EVENTS_PER_YEAR = 0.2
_PHI_MONTH, _PHI_YEAR, _FAST = 0.5, 0.55, 0.6
#: GPP's sensitivity to root-zone moisture by ecosystem group (other, forest, shrub, grass, crop).
_SENSITIVITY = np.array([0.7, 0.45, 0.85, 0.95, 0.65])
_GROUP = np.array([0, 1, 1, 1, 1, 1, 2, 2, 2, 2, 3, 2, 4, 0, 4, 0, 0], np.uint8)  # by IGBP class


# --- Earth: land, climate ------------------------------------------------------------------------

@functools.lru_cache(maxsize=1)
def _earth():
    """(land fraction (rows south to north, cols from west), west, south, step) of the mask."""
    with np.load(os.path.join(os.path.dirname(os.path.abspath(__file__)), "land.npz")) as d:
        return (d["percent"].astype(np.float32) / 100, float(d["west"]), float(d["south"]),
                float(d["resolution"]))


def _lookup(grid, west, south, step, lon, lat):
    """Nearest cell of a global grid (periodic in lon) at points (arrays that broadcast)."""
    rows, cols = grid.shape
    i = np.clip(np.floor((np.asarray(lat) - south) / step).astype(np.int64), 0, rows - 1)
    j = np.floor((np.asarray(lon) - west) / step).astype(np.int64) % cols
    return grid[i, j]


def _bilinear(grid, west, south, step, lon, lat):
    """Bilinear interpolation of a global cell-centred grid (periodic in lon) at points."""
    rows, cols = grid.shape
    x = (np.asarray(lon, float) - west) / step - 0.5
    y = np.clip((np.asarray(lat, float) - south) / step - 0.5, 0, rows - 1)
    x0, y0 = np.floor(x), np.floor(y)
    fx, fy = x - x0, y - y0
    x0 = x0.astype(np.int64) % cols
    x1 = (x0 + 1) % cols
    y0 = y0.astype(np.int64)
    y1 = np.minimum(y0 + 1, rows - 1)
    return ((grid[y0, x0] * (1 - fx) + grid[y0, x1] * fx) * (1 - fy)
            + (grid[y1, x0] * (1 - fx) + grid[y1, x1] * fx) * fy)


def _land_fraction(lon, lat, resolution):
    """Earth's land fraction of each cell (lat, lon) of a regular grid, from k x k samples."""
    grid, west, south, step = _earth()
    k = max(1, int(round(resolution / step)))
    offsets = ((np.arange(k) + 0.5) / k - 0.5) * resolution
    total = np.zeros((lat.size, lon.size), np.float32)
    for dy in offsets:
        for dx in offsets:
            total += _lookup(grid, west, south, step, lon[None] + dx, lat[:, None] + dy)
    return total / k ** 2


def _smooth_periodic(field, sigma):
    """Gaussian blur (sigma in cells) of a (rows, cols) grid, periodic in cols, edges held."""
    r = int(3 * sigma)
    w = np.exp(-0.5 * (np.arange(-r, r + 1) / sigma) ** 2)
    w /= w.sum()
    padded = np.concatenate([field[:, -r:], field, field[:, :r]], axis=1)
    field = sum(wk * padded[:, k:k + field.shape[1]] for k, wk in enumerate(w))
    padded = np.concatenate([np.repeat(field[:1], r, 0), field, np.repeat(field[-1:], r, 0)])
    return sum(wk * padded[k:k + field.shape[0]] for k, wk in enumerate(w))


@functools.lru_cache(maxsize=1)
def _continentality():
    """((continentality, fetch) on a 1 deg grid (rows south to north), west, south, step).

    Continentality is the land fraction within some 600 km; fetch the land fraction along
    the prevailing wind upwind (westerlies poleward of 30 deg, trade winds equatorward),
    decaying over 25 deg: 1 where air has crossed a continent (dry), 0 on a windward coast.
    """
    grid, west, south, step = _earth()
    ratio = int(round(1.0 / step))
    rows, cols = grid.shape[0] // ratio, grid.shape[1] // ratio
    coarse = grid.reshape(rows, ratio, cols, ratio).mean(axis=(1, 3)).astype(float)
    kernel = np.exp(-np.arange(cols) / 25.0)
    kernel /= kernel.sum()
    spectrum = np.fft.rfft(coarse, axis=1)
    from_west = np.fft.irfft(spectrum * np.fft.rfft(kernel), cols, axis=1)  # sum k[j] land[i - j]
    from_east = np.fft.irfft(spectrum * np.conj(np.fft.rfft(kernel)), cols, axis=1)
    lat = south + (np.arange(rows) + 0.5)
    westerly = 1 / (1 + np.exp(-(np.abs(lat) - 30) / 4))
    fetch = westerly[:, None] * from_west + (1 - westerly[:, None]) * from_east
    return (_smooth_periodic(coarse, 5.0), _smooth_periodic(fetch, 2.0)), (west, south, 1.0)


def _blobs(table, lon, lat):
    """Sum of Gaussian blobs (rows of table: lon, lat, sigma_lon, sigma_lat, amplitude)."""
    lon, lat = np.asarray(lon, float), np.asarray(lat, float)
    out = np.zeros(np.broadcast(lon, lat).shape)
    for row in table:
        dx = (lon - row[0] + 180.0) % 360.0 - 180.0
        out += row[4] * np.exp(-0.5 * ((dx / row[2]) ** 2 + ((lat - row[1]) / row[3]) ** 2))
    return out


def _climate(lon, lat):
    """(wetness 0..1, monsoon 0..1, continentality 0..1, crop suitability) at points."""
    a = np.abs(lat)
    (cont_grid, fetch_grid), where = _continentality()
    cont, fetch = _bilinear(cont_grid, *where, lon, lat), _bilinear(fetch_grid, *where, lon, lat)
    east = _bilinear(cont_grid, *where, np.asarray(lon) + 12, lat)  # land to the east
    zonal = (0.42 + 0.42 * np.exp(-((lat - 4) / 10) ** 2) + 0.15 * np.exp(-((a - 50) / 12) ** 2)
             - 0.32 * np.exp(-((a - 25) / 8) ** 2) * (0.4 + 0.6 * east))
    cool = 1 / (1 + np.exp(-(a - 50) / 5))  # little evaporation: inland soils stay moist
    inland = 0.4 * np.clip((fetch - 0.45) / 0.55, 0, 1) ** 1.5 * (1 - 0.75 * cool)
    monsoon = np.clip(_blobs(_MONSOON, lon, lat), 0, 1)
    wet = np.clip(zonal - inland + 0.22 * monsoon + _blobs(_REGIONS, lon, lat), 0.02, 1.0)
    crops = _blobs(_CROPS, lon, lat)
    return wet, monsoon, cont, crops


@functools.lru_cache(maxsize=4)
def _smooth_noise(seed, spacing):
    """A smooth random global field of about unit variance: (grid, (west, south, step))."""
    rows, cols = int(np.ceil(150 / spacing)) + 1, int(round(360 / spacing))
    field = np.random.default_rng([seed, 104, int(spacing * 100)]).normal(size=(rows, cols))
    field = _smooth_periodic(field, 1.0)
    return field / field.std(), (-180.0, SOUTH, spacing)


def _classify(lon, lat, wet, cont, crops, noise, seed=0):
    """IGBP class (uint8) of land points from their climate; ``noise`` (white, unit variance)
    and two smooth seeded fields make the boundaries irregular."""
    broad, where = _smooth_noise(seed, 4.0)
    patches, where2 = _smooth_noise(seed, 1.5)
    broad, patches = _bilinear(broad, *where, lon, lat), _bilinear(patches, *where2, lon, lat)
    a = np.abs(lat)
    w = wet + 0.05 * noise + 0.05 * patches
    north = lat + 3.5 * broad + 6 * (cont - 0.7) * (lat > 0)  # colder in continents' interiors
    tropics, boreal = a + 2 * broad < 23, (north >= 50) & (north < 66)
    siberia = (lon + 8 * broad > 100) & (lon < 160) & (north > 55)
    greenland = (lon > -73) & (lon < -12) & (lat > 60) & (cont > 0.45)
    suitable = crops + 0.25 * patches + 0.1 * noise
    crop = (suitable > 0.5) & (w > 0.3) & (w < 0.85) & (a < 56)
    conditions = [
        greenland | (lat > 79), north > 73,
        (north >= 66) & (w > 0.3), north >= 66,
        crop & (suitable > 0.75), crop,
        boreal & siberia & (w > 0.3), boreal & (w > 0.45) & (north < 56), boreal & (w > 0.3),
        boreal & (w > 0.2),
        tropics & (w > 0.72), tropics & (w > 0.58), tropics & (w > 0.46),
        (a < 32) & (w > 0.72), w > 0.66, w > 0.56, (a > 30) & (a < 44) & (w > 0.46), w > 0.46,
        w > 0.34, w > 0.2]
    classes = [15, 16, 7, 10, 12, 14, 3, 5, 1, 10, 2, 8, 9, 2, 4, 5, 6, 8, 10, 7]
    return np.select(conditions, classes, 16).astype(np.uint8)


# --- the world ---------------------------------------------------------------------------------

def _random_modes(seed):
    """Gaussian blobs spread evenly over the globe (lon, lat, sigma_lon, sigma_lat)."""
    rng = np.random.default_rng([seed, 101])
    lat = np.rad2deg(np.arcsin(rng.uniform(np.sin(np.deg2rad(-65)), 1, _RANDOM_MODES)))
    lon = rng.uniform(-180, 180, _RANDOM_MODES)
    sigma = rng.uniform(5, 12, _RANDOM_MODES)
    return np.column_stack([lon, lat, np.minimum(sigma / np.cos(np.deg2rad(lat)), 40), sigma])


def _random_events(seed):
    """Droughts and wet spells the seed adds: rows like ``_EVENTS``, 1850..2150."""
    rng = np.random.default_rng([seed, 102])
    grid, west, south, step = _earth()
    land = np.flatnonzero(grid.ravel() >= 0.5)
    n = rng.poisson(_EVENTS_PER_YEAR * 300)
    cell = rng.choice(land, n)
    lat = south + (cell // grid.shape[1] + 0.5) * step
    lon = west + (cell % grid.shape[1] + 0.5) * step
    sigma = rng.uniform(4, 10, n)
    start = rng.uniform(ORIGIN, 2150, n)
    amplitude = np.where(rng.random(n) < 0.65, -1, 1) * rng.uniform(1.2, 2.2, n)
    return np.column_stack([lon, lat, np.minimum(sigma / np.cos(np.deg2rad(lat)), 40), sigma,
                            start, start + rng.uniform(1, 5, n), amplitude])


def _envelope(t, start, end):
    """0 outside [start, end], 1 inside, half-year smooth ramps."""
    x = np.clip(np.minimum(t - start, end - t) / 0.5, 0, 1)
    return x * x * (3 - 2 * x)


def _soft_bounds(values, low, high):
    """Values bent smoothly into (low, high): unchanged between 2 low and 0.85 high."""
    k_high, k_low = 0.85 * high, 2 * low
    over = values > k_high
    values = np.where(over, high - (high - k_high) * np.exp(-np.maximum(values - k_high, 0) / (high - k_high)),
                      values)
    under = values < k_low
    return np.where(under, low + (k_low - low) * np.exp(np.minimum(values - k_low, 0) / (k_low - low)),
                    values)


@dataclass
class ExampleWorld:
    """The planted truth behind the example files, on a regular grid.

    ``extent`` is (xmin, ymin, xmax, ymax) in degrees, clipped to GLDAS's
    60 S..90 N; ``resolution`` 1.0 or 0.25 (any step works).  On the grid
    (``lat`` ascending, ``lon``): ``fraction`` (Earth's land fraction) and
    ``land`` (the cells at least half land on Earth; where fewer than
    ISLANDS_BELOW of the window's cells are, ``islands`` is true and seeded
    islands of a smooth random field are added).  Per land cell (in
    ``land``'s order): ``wet`` (0..1), ``base`` (4 layers, kg m-2), ``phase``
    (month of the top layer's seasonal peak, 0 = 1 January), ``amplitude``
    (the top layer's relative seasonal amplitude), ``slope_before`` /
    ``slope_after`` (kg m-2 per year of each layer, before and after
    ``break_year``), ``iav_scale`` (kg m-2, the standard deviation of each
    layer's monthly anomaly forcing) and ``troubled`` (indices of the cells
    ``spoil`` spoils).  ``fine_cover()`` gives the 0.05 deg land cover and sets
    ``ties`` (the world cells, north-up, whose block is split half and half).
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
        self.fraction = _land_fraction(self.lon, self.lat, r)
        self.land = self.fraction >= 0.5
        self.islands = self.land.mean() < ISLANDS_BELOW if self.land.size else False
        self._modes = _random_modes(self.seed)
        if self.islands:  # the sea of Earth here: seeded islands of a smooth field
            glon, glat = np.meshgrid(self.lon, self.lat)
            rng = np.random.default_rng([self.seed, 5])
            field = self._gaussians(glon.ravel(), glat.ravel()) @ rng.normal(size=_RANDOM_MODES)
            self.land |= (field > np.median(field)).reshape(self.land.shape)
        if not self.land.any():
            self.land[:] = True
        glon, glat = np.meshgrid(self.lon, self.lat)
        self._cell_lon, self._cell_lat = glon[self.land], glat[self.land]
        lon, lat = self._cell_lon, self._cell_lat
        n = lon.size
        wet, monsoon, cont, _ = _climate(lon, lat)
        self.wet = wet
        self._g = None
        # seeded smooth fields of unit variance: porosity, phase, trends
        smooth = self._project(np.random.default_rng([self.seed, 6]).normal(size=(_RANDOM_MODES, 4)))
        saturation = _SATURATION[:, None] * (1 + 0.05 * smooth[:, 0])[None]
        relative = _SAT_DRY[:, None] + (_SAT_WET - _SAT_DRY)[:, None] * (wet ** 0.9)[None]
        self.base = saturation * relative
        self._low, self._high = 0.03 * saturation, 0.97 * saturation
        a = np.abs(lat)
        logistic = lambda x: 1 / (1 + np.exp(-x))  # noqa: E731
        north = 7.5 + 7.0 * logistic((a - 22) / 3) + 1.5 * logistic((a - 55) / 5)
        self.phase = (north + 6.0 * (lat < 0) + 0.6 * smooth[:, 1]) % 12
        self.amplitude = np.minimum(0.45, (0.08 + 0.25 * 4 * wet * (1 - wet) + 0.22 * monsoon)
                                    * (0.25 + 0.75 * np.tanh(a / 8)))
        before = -0.0003 + 0.001 * smooth[:, 2]
        after = -0.0005 + 0.001 * smooth[:, 3] + _blobs(_TREND_SPOTS, lon, lat)
        scale = self.base * _TREND_DEPTH[:, None]
        self.slope_before, self.slope_after = scale * before[None], scale * after[None]
        self._iav = 0.04 + 0.08 * 4 * wet * (1 - wet) + 0.04 * monsoon
        self.iav_scale = self.base * self._iav[None]
        # the anomalies' modes: random blobs, then the ENSO-like see-saw, then events
        self._events = np.concatenate([_EVENTS, _random_events(self.seed)])
        fixed = np.concatenate([_gaussian_columns(_ENSO, lon, lat),
                                _gaussian_columns(self._events, lon, lat)], axis=1)
        self._touching = np.flatnonzero(fixed.max(axis=0, initial=0) > 1e-4)
        self._fixed = fixed[:, self._touching].astype(np.float32)
        phases = np.random.default_rng([self.seed, 103]).uniform(0, 2 * np.pi, 3)
        self._enso_phases = phases
        self._years, self._slow = {}, {}
        self._next = ORIGIN
        k = _RANDOM_MODES + len(_ENSO) + len(self._events)
        self._fast = np.zeros(_RANDOM_MODES)
        self._state = np.zeros((4, k))
        self._sensitivity = self._cover = self._q = self.ties = None
        self.troubled = np.sort(np.random.default_rng([self.seed, 4]).choice(
            n, max(1, int(round(TROUBLED * n))), replace=False))

    # -- smooth random fields --

    def _gaussians(self, lon, lat):
        """The random modes at points (n, modes), scaled so that a field of unit normal
        coefficients has unit variance everywhere."""
        g = _gaussian_columns(self._modes, lon, lat)
        norm = np.sqrt((g * g).sum(axis=1, keepdims=True))
        return (g / np.maximum(norm, 0.3)).astype(np.float32)

    def _project(self, coefficients):
        """(land cells, m) = random modes at the land cells @ coefficients (modes, m)."""
        coefficients = np.asarray(coefficients, np.float32)
        n = self._cell_lon.size
        if n * _RANDOM_MODES <= 30_000_000:
            if self._g is None:
                self._g = self._gaussians(self._cell_lon, self._cell_lat)
            return (self._g @ coefficients).astype(np.float64)
        out = np.empty((n, coefficients.shape[1]))
        for i in range(0, n, 50_000):
            sl = slice(i, i + 50_000)
            out[sl] = self._gaussians(self._cell_lon[sl], self._cell_lat[sl]) @ coefficients
        return out

    # -- time series --

    def _slow_value(self, year):
        """Yearly red noise of the random modes (unit variance), from ORIGIN on."""
        year = max(year, ORIGIN)
        while year not in self._slow:
            y = ORIGIN + len(self._slow)
            e = np.random.default_rng([self.seed, y, 11]).normal(size=_RANDOM_MODES)
            self._slow[y] = e if y == ORIGIN else \
                _PHI_YEAR * self._slow[y - 1] + np.sqrt(1 - _PHI_YEAR ** 2) * e
        return self._slow[year]

    def _fixed_forcing(self, t):
        """(months, ENSO + event modes) forcing at times t (years)."""
        p = self._enso_phases
        enso = (np.sin(2 * np.pi * t / 3.7 + p[0]) + 0.7 * np.sin(2 * np.pi * t / 5.3 + p[1])
                + 0.5 * np.sin(2 * np.pi * t / 2.6 + p[2]))
        ev = self._events
        events = ev[None, :, 6] * _envelope(t[:, None], ev[None, :, 4], ev[None, :, 5])
        return np.concatenate([enso[:, None] * _ENSO[None, :, 4], events], axis=1)

    def _amplitudes(self, year):
        """(12 months, 4 layers, modes): each layer's anomaly amplitudes in a year."""
        if year < ORIGIN:
            raise ValueError("the example world starts in %d" % ORIGIN)
        while self._next <= year:
            y = self._next
            months = np.arange(12)
            t = y + (months + 0.5) / 12
            # the yearly noise, linear between mid-years
            early = (months < 6)[:, None]
            w = np.where(months < 6, t - (y - 0.5), t - (y + 0.5))[:, None]
            slow = np.where(early, (1 - w) * self._slow_value(y - 1) + w * self._slow_value(y),
                            (1 - w) * self._slow_value(y) + w * self._slow_value(y + 1))
            e = np.random.default_rng([self.seed, y, 12]).normal(size=(12, _RANDOM_MODES))
            fixed = self._fixed_forcing(t)
            out = np.empty((12,) + self._state.shape)
            for m in range(12):
                self._fast = _PHI_MONTH * self._fast + np.sqrt(1 - _PHI_MONTH ** 2) * e[m]
                forcing = np.concatenate([_FAST * self._fast + slow[m], fixed[m]])
                self._state = (1 - _RESPONSE)[:, None] * self._state + _RESPONSE[:, None] * forcing
                out[m] = self._state
            self._years[y] = out.astype(np.float32)
            self._next += 1
        return self._years[year]

    def anomalies(self, year):
        """(12, 4, land cells): each layer's anomaly forcing (about unit variance) in a year."""
        amplitudes = self._amplitudes(year)
        k = _RANDOM_MODES
        random = self._project(amplitudes[:, :, :k].reshape(48, k).T)  # (n, 48)
        fixed = self._fixed @ amplitudes[:, :, k + self._touching].reshape(48, -1).T
        return (random + fixed).T.reshape(12, 4, -1)

    def layers(self, years):
        """Yield (year, month, [4 float32 arrays (lat, lon), NaN off land]) for each month.

        Each year is a function of the seed alone, so any year can be made again alone.
        """
        for year in years:
            anomalies = self.anomalies(year)
            local = np.random.default_rng([self.seed, year, 5]).normal(size=(12, 1, anomalies.shape[2]))
            anomalies += _LOCAL[None, :, None] * local
            for month in range(1, 13):
                yield year, month, [self._to_grid(v) for v in self._month(year, month, anomalies[month - 1])]

    def _month(self, year, month, anomaly):
        t = year + (month - 0.5) / 12 - self.break_year
        angle = 2 * np.pi * (month - 0.5 - self.phase[None] - _LAG_MONTHS[:, None]) / 12
        cycle = np.cos(angle)
        seasonal = self.amplitude[None] * _AMPLITUDE[:, None] * cycle
        trend = (self.slope_before if t < 0 else self.slope_after) * t * (1 - 0.35 * cycle)
        # anomalies larger in each layer's wet months, trends steeper in its dry months
        values = self.base * (1 + seasonal + self._iav[None] * (1 + 0.4 * cycle) * anomaly) + trend
        return _soft_bounds(values, self._low, self._high)

    # -- land cover and GPP --

    def _classes(self):
        """IGBP classes on the 0.25 deg grid of the land mask, over the extent and a margin:
        (classes (rows, cols, south to north), earth land (bool), first row, first col)."""
        if self._q is None:
            grid, west, south, step = _earth()
            r = self.resolution
            margin = 1.5  # degrees: for the jittered look-ups
            x0, x1 = self.lon[0] - r / 2 - margin, self.lon[-1] + r / 2 + margin
            y0, y1 = self.lat[0] - r / 2 - margin, self.lat[-1] + r / 2 + margin
            c0, c1 = int(np.floor((x0 - west) / step)), int(np.ceil((x1 - west) / step))
            r0 = max(0, int(np.floor((y0 - south) / step)))
            r1 = min(grid.shape[0], int(np.ceil((y1 - south) / step)))
            lon = west + (np.arange(c0, c1) + 0.5) * step
            lat = south + (np.arange(r0, r1) + 0.5) * step
            lon, lat = np.meshgrid(lon, lat)
            wet, _, cont, crops = _climate(lon, lat)
            noise = np.random.default_rng([self.seed, 8]).normal(size=grid.shape).astype(np.float32)
            noise = noise[np.arange(r0, r1)[:, None], np.arange(c0, c1)[None] % grid.shape[1]]
            classes = _classify(lon, lat, wet, cont, crops, noise, self.seed)
            earth = _lookup(grid, west, south, step, lon, lat) >= 0.5
            self._q = (classes, earth, r0, c0)
        return self._q

    def sensitivity(self):
        """GPP's sensitivity to root-zone moisture per land cell: the mean of its ecosystems'."""
        if self._sensitivity is None:
            classes, _, r0, c0 = self._classes()
            grid, west, south, step = _earth()
            k = max(1, int(round(self.resolution / step)))
            offsets = ((np.arange(k) + 0.5) / k - 0.5) * self.resolution
            total = np.zeros(self._cell_lon.size)
            for dy in offsets:
                for dx in offsets:
                    i = np.clip(np.floor((self._cell_lat + dy - south) / step).astype(int) - r0,
                                0, classes.shape[0] - 1)
                    j = np.clip(np.floor((self._cell_lon + dx - west) / step).astype(int) - c0,
                                0, classes.shape[1] - 1)
                    total += _SENSITIVITY[_GROUP[classes[i, j]]]
            self._sensitivity = total / k ** 2
        return self._sensitivity

    def gpp(self, year, month, layers):
        """Mean daily GPP (g C m-2 d-1) on the grid: potential by wetness, limited by light and
        cold away from the tropics, and by root-zone (10-100 cm) soil moisture relative to its
        usual level with an ecosystem's sensitivity; with a smooth and a local variability of
        its own (about 6 % and 5 %); NaN off land."""
        lat = self._cell_lat
        cold = np.clip((np.abs(lat) - 12) / 38, 0, 1)
        peak = np.where(lat >= 0, 6.5, 0.5)
        season = 0.5 * (1 + np.cos(2 * np.pi * (month - 0.5 - peak) / 12))
        light = (1 - cold) + cold * season ** 1.3
        rz = (layers[1] + layers[2])[self.land]
        usual = self.base[1] + self.base[2]
        water = np.clip(rz / usual, 0.2, 1.6) ** 1.3
        s = self.sensitivity()
        rng = np.random.default_rng([self.seed, year, month, 3])
        own = 1 + 0.06 * self._project(rng.normal(size=(_RANDOM_MODES, 1)))[:, 0] \
            + 0.05 * rng.normal(size=lat.size)
        potential = 0.3 + 11 * self.wet ** 1.4
        values = potential * light * (1 - s + s * water) * own
        return self._to_grid(np.clip(values, 0.0, 18.0))

    def _to_grid(self, values):
        out = np.full(self.land.shape, np.nan, np.float32)
        out[self.land] = values
        return out

    def spoil(self, arrays, year, month):
        """Make a few land values missing (NaN) and a few non-physical (in place): each at a
        rate of MISSING_RATE and BAD_RATE of the land values, in the world's troubled cells
        (``troubled``, 2 % of the land cells: their series have gaps and spikes, the other
        cells' series are complete), and one non-physical value in one month of every year."""
        rng = np.random.default_rng([self.seed, year, month, 1])
        n, troubled = int(self.land.sum()), self.troubled
        yearly = np.random.default_rng([self.seed, year, 2])
        pick_month, pick_layer = yearly.integers(1, 13), yearly.integers(0, 4)
        pick_cell = troubled[yearly.integers(0, troubled.size)]
        for d, array in enumerate(arrays):
            land_values = array[self.land]
            k = rng.binomial(n, MISSING_RATE)
            land_values[troubled[rng.integers(0, troubled.size, k)]] = np.nan
            k = rng.binomial(n, BAD_RATE)
            idx = troubled[rng.integers(0, troubled.size, k)]
            land_values[idx] = np.where(rng.random(k) < 0.5, -rng.uniform(0.1, 5, k),
                                        LAYER_MAXIMA[d] * rng.uniform(1.01, 2.0, k))
            if month == pick_month and d == pick_layer:
                land_values[pick_cell] = LAYER_MAXIMA[d] * 1.5 if pick_cell % 2 else -1.0
            array[self.land] = land_values

    def fine_cover(self):
        """The IGBP classes on the 0.05 deg grid over the world (north-up, uint8, no fill)."""
        if self._cover is None:
            self._cover, self.ties = _fine_cover(self)
        return self._cover


def _gaussian_columns(table, lon, lat):
    """Gaussian blobs of a table (lon, lat, sigma_lon, sigma_lat, ...) at points: (n, rows)."""
    lon, lat = np.asarray(lon, float)[:, None], np.asarray(lat, float)[:, None]
    dx = (lon - table[None, :, 0] + 180.0) % 360.0 - 180.0
    return np.exp(-0.5 * ((dx / table[None, :, 2]) ** 2 + ((lat - table[None, :, 1]) / table[None, :, 3]) ** 2))


FINE = 0.05  # the MCD12C1 and GOSIF grid
_JITTER = 0.2  # degrees: how far a 0.05 deg cell may look for its 0.25 deg class


def _fine_cover(world):
    """IGBP classes on the 0.05 deg grid over the world (north-up) and the tie blocks (bool,
    world grid north-up): the 0.25 deg classes looked up from jittered positions (mixed
    edges), 3 % of cells taking the class found up to 1 deg away, a few urban cells, water
    where Earth is sea (where the world is, for seeded islands), and a few 1 deg blocks split
    exactly half and half (ties for the block mode)."""
    classes, earth, r0, c0 = world._classes()
    grid, west, south, step = _earth()
    r = world.resolution
    ratio = int(round(r / FINE))
    rows, cols = world.lat.size * ratio, world.lon.size * ratio
    lon = world.lon[0] - r / 2 + (np.arange(cols) + 0.5) * FINE
    top = world.lat[-1] + r / 2
    rng = np.random.default_rng([world.seed, 7])
    cover = np.empty((rows, cols), np.uint8)

    def look(lat, dy, dx):
        qi = np.clip(np.floor((lat[:, None] + dy - south) / step).astype(np.int64) - r0, 0, classes.shape[0] - 1)
        qj = np.clip(np.floor((lon[None] + dx - west) / step).astype(np.int64) - c0, 0, classes.shape[1] - 1)
        return qi, qj

    chunk = 300
    for i in range(0, rows, chunk):
        n = min(chunk, rows - i)
        lat = top - (np.arange(i, i + n) + 0.5) * FINE
        jitter = rng.uniform(-_JITTER, _JITTER, (2, n, cols)).astype(np.float32)
        qi, qj = look(lat, jitter[0], jitter[1])
        block = classes[qi, qj]
        water = ~earth[qi, qj]
        far = rng.uniform(-1.0, 1.0, (2, n, cols)).astype(np.float32)
        salt = rng.random((n, cols)) < 0.03
        fi, fj = look(lat, far[0], far[1])
        block[salt] = classes[fi, fj][salt]
        block[rng.random((n, cols)) < 0.003] = 13  # towns
        if world.islands:
            water = ~np.repeat(np.repeat(world.land[::-1], ratio, axis=0), ratio, axis=1)[i:i + n]
        block[water] = 0
        cover[i:i + n] = block
    ties = np.zeros((world.lat.size, world.lon.size), bool)
    if ratio % 2 == 0 and ratio >= 4:
        blocks = cover.reshape(world.lat.size, ratio, world.lon.size, ratio)
        pure = (blocks != 0).all(axis=(1, 3)) & (blocks != 15).all(axis=(1, 3)) \
            & (blocks != 16).all(axis=(1, 3)) & world.land[::-1]
        candidates = np.argwhere(pure)
        pick = candidates[rng.random(len(candidates)) < 0.04]
        ties[tuple(pick.T)] = True
        half = ratio * ratio // 2
        ij = np.add.outer(np.arange(ratio), 0.7 * np.arange(ratio)) / ratio
        for bi, bj in pick:
            block = blocks[bi, :, bj, :]
            first = int(np.argmax(np.bincount(block.ravel(), minlength=17)))
            # a wavy field boundary: the half of the cells lowest in a dithered gradient
            order = np.argsort((ij + 0.6 * rng.random((ratio, ratio))).ravel(), kind="stable")
            flat = block.reshape(-1)
            if (bi + bj) % 2 and _GROUP[first] != 1:  # groups tie, classes do not: forests split
                flat[order[:half]] = 10 if first != 10 else 12
                flat[order[half:]] = 1
                flat[order[half + half * 3 // 5:]] = 5
            else:  # two classes of two groups tie
                flat[order[:half]] = first
                flat[order[half:]] = 10 if _GROUP[first] != 3 else 12
            block[...] = flat.reshape(ratio, ratio)
    return cover, ties


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


def _write_tif(path, array, geotransform, nodata, metadata=None):
    from osgeo import gdal
    from tsmv_qgis.io.raster import wgs84
    kind = gdal.GDT_Byte if array.dtype == np.uint8 else gdal.GDT_UInt16
    os.makedirs(os.path.dirname(os.path.abspath(path)), exist_ok=True)
    tmp = path + ".part"
    ds = gdal.GetDriverByName("GTiff").Create(tmp, array.shape[1], array.shape[0], 1, kind,
                                              ["COMPRESS=DEFLATE", "ZLEVEL=1", "PREDICTOR=2", "TILED=YES"])
    ds.SetGeoTransform(geotransform)
    ds.SetProjection(wgs84().ExportToWkt())
    if metadata:
        ds.SetMetadata(metadata)
    band = ds.GetRasterBand(1)
    band.SetNoDataValue(nodata)
    band.WriteArray(array)
    ds = None
    os.replace(tmp, path)


def _metadata(world, what):
    return {"TSMV_SYNTHETIC": "yes", "TIFFTAG_IMAGEDESCRIPTION": "%s, %s" % (
        what, SYNTHETIC % (VERSION, world.seed))}


def make_igbp_example(path, world):
    """An MCD12C1-like IGBP raster (uint8, 0.05 deg, fill 255) over the world's land.

    Coherent regions from the world's climate: evergreen broadleaf forests in the wet
    tropics, savannas and grasslands around them, shrublands and barren in the deserts,
    croplands on the great plains, needleleaf and mixed forests in the boreal belt,
    tundra and ice in the far north; edges mixed at the 0.05 deg scale, 3 % of cells of
    another class, water (0) where the world is sea, a few 1 deg blocks split half and
    half (ties for the block mode), 0.1 % of cells fill.  South of 60 S (global files) is
    snow and ice (15).
    """
    rng = np.random.default_rng([world.seed, 9])
    fine = world.fine_cover().copy()
    ratio = int(round(world.resolution / FINE))
    spare = np.repeat(np.repeat(~world.ties, ratio, axis=0), ratio, axis=1)  # no fill in tie blocks
    fine[spare & (rng.random(fine.shape) < 0.001)] = 255
    if _is_global(world):
        fine = np.concatenate([fine, np.full((int(round((SOUTH + 90) / FINE)), fine.shape[1]), 15, np.uint8)])
    _write_tif(path, fine, _fine_geotransform(world), 255, _metadata(world, "IGBP land cover like MCD12C1"))
    return path


def gosif_name(year, doy=None, month=None):
    if doy is not None:
        return "GOSIF_GPP_%04d%03d_Mean.tif" % (year, doy)
    return "GOSIF_GPP_%04d.M%02d_Mean.tif" % (year, month)


def make_gosif_example(folder, world, start_year, end_year, kind="monthly", gzip_every=0):
    """GOSIF-like GPP files (uint16, 0.05 deg) that follow the world's soil moisture.

    ``kind`` "monthly" (scale 0.01, g C m-2 per month) or "8day" (scale 0.001,
    g C m-2 d-1, the value of the composite's first month).  Land of the land cover has its
    world cell's GPP (in a sea cell on the coast, the mean of the land cells around it),
    barren land a quarter of it; water is 65535, snow and ice (the land cover's, and all
    land north of 72 N) 65534; every ``gzip_every``-th file is gzipped.
    """
    import calendar
    import gzip
    import shutil
    os.makedirs(folder, exist_ok=True)
    ratio = int(round(world.resolution / FINE))
    cover = world.fine_cover()
    rows = cover.shape[0]
    lat = world.lat[-1] + world.resolution / 2 - (np.arange(rows) + 0.5) * FINE
    coast = ~world.land & (_neighbours(world.land.astype(float))[0] > 0)
    valued = np.repeat(np.repeat((world.land | coast)[::-1], ratio, axis=0), ratio, axis=1)
    # fixes inside the cells that have a value, as flat indices (the others are 65535)
    water = np.flatnonzero(valued & (cover == 0))
    snow = np.flatnonzero(valued & (cover != 0) & ((cover == 15) | (lat[:, None] > 72)))
    barren = np.flatnonzero(valued & (cover == 16) & (lat[:, None] <= 72))
    del valued
    pad = int(round((SOUTH + 90) / FINE)) if _is_global(world) else 0
    out = np.full((rows + pad, cover.shape[1]), 65535, np.uint16)
    view = out[:rows].reshape(world.lat.size, ratio, world.lon.size, ratio)
    flat = out.reshape(-1)
    metadata = _metadata(world, "GPP like GOSIF v2")
    paths = []
    for year in range(start_year, end_year + 1):
        months = {}
        for _, m, arrays in world.layers([year]):
            values = world.gpp(year, m, arrays)
            total, count = _neighbours(values)
            values[coast] = total[coast] / count[coast]
            months[m] = values
        if kind == "monthly":
            items = [(gosif_name(year, month=m), months[m] * calendar.monthrange(year, m)[1] / 0.01)
                     for m in range(1, 13)]
        else:
            items = []
            for doy in range(1, 366, 8):
                first = datetime.date(year, 1, 1) + datetime.timedelta(days=doy - 1)
                items.append((gosif_name(year, doy=doy), months[first.month] / 0.001))
        for name, values in items:
            coarse = np.nan_to_num(np.minimum(np.round(values), 65533), nan=65535).astype(np.uint16)
            view[...] = coarse[::-1, None, :, None]
            flat[barren] >>= 2
            flat[water] = 65535
            flat[snow] = 65534
            path = os.path.join(folder, name)
            _write_tif(path, out, _fine_geotransform(world), 65535, metadata)
            if gzip_every and len(paths) % gzip_every == gzip_every - 1:
                with open(path, "rb") as src, gzip.open(path + ".gz.part", "wb", compresslevel=1) as dst:
                    shutil.copyfileobj(src, dst)
                os.replace(path + ".gz.part", path + ".gz")
                os.remove(path)
                path += ".gz"
            paths.append(path)
    return paths


def _neighbours(values):
    """(sum, count) of the finite values among each cell's 8 neighbours (no wrap)."""
    rows, cols = values.shape
    padded = np.pad(values, 1, constant_values=np.nan)
    finite = np.isfinite(padded)
    padded = np.where(finite, padded, 0)
    total, count = np.zeros(values.shape), np.zeros(values.shape)
    for di in (0, 1, 2):
        for dj in (0, 1, 2):
            if di != 1 or dj != 1:
                total += padded[di:di + rows, dj:dj + cols]
                count += finite[di:di + rows, dj:dj + cols]
    return total, count


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
    import netCDF4
    with netCDF4.Dataset(tmp, "w", format="NETCDF4") as ds:
        ds.setncatts({
            "missing_value": -9999.0, "title": "GLDAS%s LIS land surface model output" % version,
            "institution": "NASA GSFC", "source": "Noah_v3.3" if version == "2.1" else "Noah_v3.6",
            "history": "TSMV example data (synthetic), seed %d" % world.seed,
            "comment": SYNTHETIC % (VERSION, world.seed), "tsmv_synthetic": "yes",
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

    Deterministic for a given (extent, resolution, seed): the same arguments give the
    same files byte for byte in their data, and a year's files do not depend on the span.
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


# --- command line ------------------------------------------------------------------------------

def _parser():
    parser = argparse.ArgumentParser(
        prog="python -m tsmv_example",
        description="Write TSMV's synthetic example data (Earth-like, deterministic): GLDAS-Noah "
                    "monthly netCDF files in GES DISC's layout, and on request an MCD12C1-like IGBP "
                    "land cover and GOSIF-like GPP from the same example world.",
        epilog="Example: python -m tsmv_example /tmp/example 1998 2001 --extent -10 30 6 42 "
               "--make gldas igbp gosif")
    parser.add_argument("folder", help="where to write (made if missing): the GLDAS files, and with "
                                       "--make also MCD12C1.A2010001.061_igbp.tif and gosif/")
    parser.add_argument("start", nargs="?", type=int, default=1948, help="first year (default 1948)")
    parser.add_argument("end", nargs="?", type=int, default=2024, help="last year (default 2024)")
    parser.add_argument("--extent", nargs=4, type=float, metavar=("XMIN", "YMIN", "XMAX", "YMAX"),
                        default=(-180.0, SOUTH, 180.0, 90.0),
                        help="degrees (default: the globe from 60 S, as GLDAS)")
    parser.add_argument("--resolution", type=float, choices=(1.0, 0.25), default=1.0,
                        help="GLDAS grid step in degrees (default 1.0)")
    parser.add_argument("--seed", type=int, default=0, help="the world's seed (default 0)")
    parser.add_argument("--make", nargs="+", choices=("gldas", "igbp", "gosif"), default=["gldas"],
                        help="what to write (default: gldas)")
    parser.add_argument("--gosif-kind", choices=("monthly", "8day"), default="monthly",
                        help="GOSIF files: monthly or 8-day composites (default monthly)")
    parser.add_argument("--gosif-start", type=int,
                        help="first year of GPP (default: the later of START and 2000)")
    return parser


def main(argv=None):
    parser = _parser()
    args = parser.parse_args(argv)
    xmin, ymin, xmax, ymax = args.extent
    if args.start > args.end:
        parser.error("START (%d) is after END (%d)" % (args.start, args.end))
    if args.start < ORIGIN:
        parser.error("START (%d) is before %d, where the example world begins" % (args.start, ORIGIN))
    if not (xmin < xmax and ymin < ymax):
        parser.error("--extent wants XMIN < XMAX and YMIN < YMAX, got %g %g %g %g" % tuple(args.extent))
    if xmin < -180 or xmax > 180 or ymax > 90 or ymax <= SOUTH:
        parser.error("--extent must lie within -180..180 and -60..90 degrees (GLDAS's domain)")
    cells = round((xmax - xmin) / args.resolution), round((ymax - max(ymin, SOUTH)) / args.resolution)
    if min(cells) < 1:
        parser.error("--extent is smaller than one %g deg cell" % args.resolution)
    gosif_start = args.gosif_start if args.gosif_start is not None else max(args.start, 2000)
    if "gosif" in args.make and not args.start <= gosif_start <= args.end:
        parser.error("--gosif-start (%d) is outside START..END (%d..%d)" % (gosif_start, args.start, args.end))
    if os.path.exists(args.folder) and not os.path.isdir(args.folder):
        parser.error("%s exists and is not a folder" % args.folder)
    extent = (xmin, ymin, xmax, ymax)
    if "gldas" in args.make:
        paths = make_gldas_example(args.folder, args.start, args.end, extent, args.resolution, args.seed)
        print("wrote %d GLDAS files to %s" % (len(paths), args.folder))
    world = ExampleWorld(extent, args.resolution, args.seed)
    if "igbp" in args.make:
        print("wrote %s" % make_igbp_example(os.path.join(args.folder, "MCD12C1.A2010001.061_igbp.tif"), world))
    if "gosif" in args.make:
        paths = make_gosif_example(os.path.join(args.folder, "gosif"), world, gosif_start, args.end,
                                   args.gosif_kind)
        print("wrote %d GOSIF files to %s" % (len(paths), os.path.join(args.folder, "gosif")))
    return 0

