"""The example world is coherent like Earth, deterministic, physical where unspoiled, labelled
synthetic, read by the importer, and its command line refuses what it cannot do."""
import glob
import os
import subprocess

import numpy as np
import pytest

from conftest import ROOT, layer_paths, read_stack
from tsmv_example import world as example
from tsmv_example import (ExampleWorld, gldas_name, make_gldas_example, make_gosif_example,
                                    make_igbp_example)
from tsmv.tsmv_qgis.steps.importing import import_gldas
from tsmv.tsmv_qgis.labels import LAYER_KEYS, LAYER_MAXIMA, LAYER_VARIABLES

AFRICA = (-20.0, -35.0, 55.0, 40.0)  # Africa, Arabia and southern Europe at 1 deg
SMALL = (-10.0, 30.0, 6.0, 42.0)  # Iberia, Morocco and the sea between


def lag1(field):
    """Correlation of a (lat, lon) field with itself one cell away (east and north), land only."""
    pairs = [(field[:, :-1], field[:, 1:]), (field[:-1], field[1:])]
    x = np.concatenate([a[np.isfinite(a) & np.isfinite(b)] for a, b in pairs])
    y = np.concatenate([b[np.isfinite(a) & np.isfinite(b)] for a, b in pairs])
    return np.corrcoef(x, y)[0, 1]


def harmonic(series):
    """(time of the peak in months from 1 January, amplitude) of the first harmonic of a
    12-month climatology."""
    z = (series * np.exp(-2j * np.pi * (np.arange(12) + 0.5) / 12)).sum()
    return (-np.angle(z) / (2 * np.pi) * 12) % 12, np.abs(z) / 6


@pytest.fixture(scope="module")
def africa():
    """Africa's world and its monthly layers 2000-2009: (world, values (10, 12, 4, lat, lon))."""
    world = ExampleWorld(AFRICA, 1.0, 0)
    values = np.array([arrays for _, _, arrays in world.layers(range(2000, 2010))])
    return world, values.reshape(10, 12, 4, *world.land.shape)


@pytest.fixture(scope="module")
def globe():
    """The globe at 1 deg: (world, annual mean of each layer (77 years, 4, lat, lon) 1948-2024,
    monthly climatology of each layer over 2000-2009 (12, 4, land cells))."""
    world = ExampleWorld()
    annual = np.zeros((77, 4) + world.land.shape, np.float32)
    climatology = np.zeros((12, 4, int(world.land.sum())))
    for year, month, arrays in world.layers(range(1948, 2025)):
        annual[year - 1948] += np.array(arrays) / 12
        if 2000 <= year < 2010:
            climatology[month - 1] += np.array([a[world.land] for a in arrays]) / 10
    return world, annual, climatology


# --- land, climate, seasons ----------------------------------------------------------------------

def test_land_is_earths(globe):
    world = globe[0]
    assert not world.islands and world.land.shape == (150, 360)
    share = world.land.mean()
    assert 0.25 < share < 0.35  # Earth from 60 S, without Antarctica
    at = lambda lon, lat: world.land[int(lat + 60), int(lon + 180)]  # noqa: E731
    for lon, lat in [(20, 10), (-60, -5), (100, 60), (-100, 40), (135, -25), (-45, 75), (2, 47)]:
        assert at(lon, lat), (lon, lat)  # Africa, Amazonia, Siberia, the Plains, Australia, Greenland, France
    for lon, lat in [(-30, 0), (-150, 20), (80, -20), (-40, 40), (160, 0), (18, 35)]:
        assert not at(lon, lat), (lon, lat)  # the oceans and the Mediterranean


def test_sea_windows_get_islands_and_tiny_windows_land():
    sea = ExampleWorld((0.0, 0.0, 6.0, 5.0), 1.0, 2)  # the Gulf of Guinea: sea on Earth
    assert sea.islands and 0.3 <= sea.land.mean() <= 0.8
    coast = ExampleWorld(SMALL, 1.0, 3)
    assert not coast.islands and 0.5 < coast.land.mean() < 0.9
    assert coast.land[10, 5] and not coast.land[5, 1]  # Spain at 40.5 N 4.5 W; the Atlantic at 35.5 N 8.5 W
    one = ExampleWorld((-150.0, 10.0, -149.0, 11.0), 1.0, 0)  # one cell of Pacific
    assert one.land.all()


def test_climate_zones_like_earth(globe):
    world = globe[0]
    lon, lat = np.meshgrid(world.lon, world.lat)
    lon, lat = lon[world.land], lat[world.land]
    wet = lambda x0, x1, y0, y1: world.wet[(lon > x0) & (lon < x1) & (lat > y0) & (lat < y1)].mean()  # noqa: E731
    sahara, congo, amazon = wet(-5, 30, 18, 28), wet(12, 28, -4, 4), wet(-70, -55, -8, 0)
    europe, australia = wet(0, 20, 45, 55), wet(122, 142, -30, -20)
    assert sahara < 0.1 and australia < 0.2 and congo > 0.7 and amazon > 0.7 and 0.4 < europe < 0.75
    # the storage follows: the profile holds more in the Congo than in the Sahara
    total = world.base.sum(axis=0)
    assert total[(lon > 12) & (lon < 28) & (lat > -4) & (lat < 4)].mean() > \
        2.5 * total[(lon > -5) & (lon < 30) & (lat > 18) & (lat < 28)].mean()


def test_seasons_opposite_in_the_hemispheres_and_later_at_depth(globe):
    world, _, climatology = globe
    lat = np.meshgrid(world.lon, world.lat)[1][world.land]
    north, south = (lat > 35) & (lat < 60), (lat < -25) & (lat > -45)
    peaks = {}
    for name, cells in (("north", north), ("south", south)):
        peaks[name] = [harmonic(climatology[:, d, cells].mean(axis=1)) for d in range(4)]
    top_north, top_south = peaks["north"][0][0], peaks["south"][0][0]
    assert 0 <= top_north < 6 and 6 <= top_south < 12  # spring in the north, its spring in the south
    assert 4.5 < (top_south - top_north) % 12 < 7.5
    for name in peaks:
        months = [p for p, _ in peaks[name]]
        lags = [(months[d + 1] - months[d]) % 12 for d in range(3)]
        assert all(0.3 < lag < 3 for lag in lags), (name, months)  # each layer later than the one above
        amplitudes = [a / climatology[:, d, north if name == "north" else south].mean()
                      for d, (_, a) in enumerate(peaks[name])]
        assert amplitudes[0] > amplitudes[1] > amplitudes[2] > amplitudes[3], (name, amplitudes)


def test_anomalies_are_spatially_coherent(africa):
    world, values = africa
    anomaly = values - values.mean(axis=0)  # from each calendar month's mean, 2000-2009
    for d in range(4):
        field = anomaly[5, 6, d] / anomaly[:, :, d].std(axis=(0, 1))  # July 2005
        assert lag1(field) > 0.8, d
    field = anomaly[5, 6, 0].copy()
    land = np.isfinite(field)
    field[land] = np.random.default_rng(0).permutation(field[land])  # the same values, unordered
    assert abs(lag1(field)) < 0.1
    # the deep layer remembers: its anomalies persist from month to month more than the top's
    series = anomaly.reshape(120, 4, -1)[:, :, world.land.ravel()]
    persistence = [np.mean([np.corrcoef(series[:-1, d, i], series[1:, d, i])[0, 1] for i in range(0, series.shape[2], 50)])
                   for d in (0, 3)]
    assert persistence[1] > persistence[0] + 0.1


def test_trends_smooth_with_regional_exceptions(globe):
    world, annual, _ = globe
    slope = world._to_grid(world.slope_after.sum(axis=0))
    assert lag1(slope) > 0.9
    weights = np.cos(np.deg2rad(world.lat))[:, None] * world.land
    mean = np.nansum(slope * weights) / weights.sum()
    assert mean < 0  # a gentle drying since 2000 ...
    assert (slope[world.land] > 0).mean() > 0.15  # ... with regions getting wetter
    # what the files hold: the annual TSM's trend share (R^2 of a line, 2000-2024) varies
    tsm = annual[52:].sum(axis=1)[:, world.land]
    t = np.arange(25) - 12.0
    fit = np.outer(t, (t[:, None] * (tsm - tsm.mean(0))).sum(0) / (t ** 2).sum())
    r2 = 1 - ((tsm - tsm.mean(0) - fit) ** 2).sum(0) / ((tsm - tsm.mean(0)) ** 2).sum(0)
    assert (r2 > 0.5).mean() > 0.04 and (r2 < 0.2).mean() > 0.3  # trend-dominated and IAV-dominated places
    assert lag1(world._to_grid(r2)) > 0.5


def test_global_mean_drifts_and_wanders_without_a_step(globe):
    world, annual, _ = globe
    weights = np.cos(np.deg2rad(world.lat))[:, None] * world.land
    tsm = np.nansum(annual.sum(axis=1) * weights, axis=(1, 2)) / weights.sum()
    years = np.arange(1948, 2025)
    assert tsm[-10:].mean() < tsm[42:52].mean() - 1.5  # drier in 2015-2024 than in 1990-1999
    residual = tsm - np.polyval(np.polyfit(years, tsm, 1), years)
    assert residual.std() > 2.0  # kg m-2: wet and dry spells, not a straight line
    assert np.corrcoef(residual[:-1], residual[1:])[0, 1] > 0.3  # and they last
    steps = np.abs(np.diff(tsm))
    assert steps[1999 - 1948] < 3 * np.median(steps)  # 1999 -> 2000 (V2.0 -> V2.1) is no jump


def test_values_are_physical_and_spoiled_only_where_troubled(tmp_path):
    world = ExampleWorld(SMALL, 1.0, 3)
    saturation = np.array([45.0, 135.0, 270.0, 450.0])
    spoiled = 0
    total = 0
    for year, month, arrays in world.layers(range(1998, 2002)):
        clean = [a.copy() for a in arrays]
        for d, a in enumerate(arrays):
            assert np.isnan(a[~world.land]).all() and np.isfinite(a[world.land]).all()
            assert (a[world.land] > 0.02 * saturation[d]).all() and (a[world.land] < saturation[d]).all()
        world.spoil(arrays, year, month)
        for d, (a, c) in enumerate(zip(arrays, clean)):
            changed = np.flatnonzero(~((a == c) | np.isnan(c) & np.isnan(a))[world.land])
            assert np.isin(changed, world.troubled).all()
            bad = (a < 0) | (a > LAYER_MAXIMA[d])
            spoiled += int(bad.sum())
            total += int(world.land.sum())
    assert 4 <= spoiled < 0.005 * total  # one a year at least, and few


# --- land cover and GPP -----------------------------------------------------------------------------

def block_counts(world, cover, groups=True):
    """Counts of the four ecosystem groups (or of the 17 classes) in each world cell's block,
    (k, lat ascending, lon)."""
    ratio = int(round(world.resolution / example.FINE))
    blocks = cover.reshape(world.lat.size, ratio, world.lon.size, ratio)
    if groups:
        codes = example._GROUP[np.minimum(blocks, 16)]
        return np.stack([(codes == k).sum(axis=(1, 3)) for k in range(1, 5)])[:, ::-1]
    return np.stack([(blocks == k).sum(axis=(1, 3)) for k in range(17)])[:, ::-1]


def test_land_cover_in_coherent_regions_with_mixed_blocks_and_ties(africa, tmp_path):
    world = africa[0]
    path = make_igbp_example(str(tmp_path / "igbp.tif"), world)
    from osgeo import gdal
    ds = gdal.Open(path)
    cover = ds.ReadAsArray()
    assert ds.GetMetadataItem("TSMV_SYNTHETIC") == "yes"
    assert cover.shape == (1500, 1500) and ds.GetGeoTransform() == (-20.0, 0.05, 0.0, 40.0, 0.0, -0.05)
    assert 0 < (cover == 255).mean() < 0.003
    assert (cover[:, 1:] == cover[:, :-1]).mean() > 0.8  # regions, not static
    counts = block_counts(world, np.where(cover == 255, 0, cover))
    has = counts.sum(axis=0) > 0
    dominant = np.where(has, counts.argmax(axis=0) + 1, 0)
    both = (dominant[:, 1:] > 0) & (dominant[:, :-1] > 0)
    assert (dominant[:, 1:] == dominant[:, :-1])[both].mean() > 0.7
    share = counts.max(axis=0) / np.maximum(counts.sum(axis=0), 1)
    assert (share[has] < 0.6).mean() > 0.03 and (share[has] == 1).mean() < 0.5  # mixed blocks
    ordered = np.sort(counts, axis=0)
    group_ties = (ordered[-1] == ordered[-2]) & (ordered[-1] > 0)
    assert group_ties.sum() >= 5
    classes = block_counts(world, np.where(cover == 255, 0, cover), groups=False)
    classes[[0, 13, 15, 16]] = 0
    by_class = example._GROUP[classes.argmax(axis=0)]
    assert ((by_class != dominant) & has & (by_class > 0)).sum() >= 3  # the two orders differ
    # where: barren Sahara, forested Congo basin, water off the coast
    at = lambda lon, lat: cover[int((40 - lat) / 0.05), int((lon + 20) / 0.05)]  # noqa: E731
    sahara = cover[int((40 - 26) / 0.05):int((40 - 20) / 0.05), int((0 + 20) / 0.05):int((20 + 20) / 0.05)]
    assert (sahara == 16).mean() > 0.7
    congo = cover[int((40 - 3) / 0.05):int((40 + 3) / 0.05), int((15 + 20) / 0.05):int((25 + 20) / 0.05)]
    assert np.isin(congo, [2]).mean() > 0.6
    assert at(-15.0, 0.0) == 0 and at(-19.0, -30.0) == 0


def test_gpp_follows_root_zone_moisture_by_ecosystem(africa, tmp_path):
    world, values = africa
    gpp = np.array([[world.gpp(y, m, list(values[y - 2000, m - 1])) for m in range(1, 13)]
                    for y in range(2000, 2010)])
    assert np.isnan(gpp[:, :, ~world.land]).all() and (gpp[:, :, world.land] >= 0).all()
    assert np.nanmax(gpp) < 18 and 2 < np.nanmean(gpp) < 6
    root = values[:, :, 1] + values[:, :, 2]
    g = (gpp - gpp.mean(0)).reshape(120, -1)[:, world.land.ravel()]
    r = (root - root.mean(0)).reshape(120, -1)[:, world.land.ravel()]
    corr = (g * r).sum(0) / np.sqrt((g * g).sum(0) * (r * r).sum(0))
    counts = block_counts(world, world.fine_cover())
    dominant = np.where(counts.sum(0) > 0, counts.argmax(0) + 1, 0)[world.land]
    forests, grasslands = corr[dominant == 1], corr[np.isin(dominant, (2, 3))]
    assert forests.size > 50 and grasslands.size > 50
    assert grasslands.mean() > forests.mean() + 0.15 and forests.mean() > 0.1
    # a seasonal cycle: in the Sahel GPP peaks with the rains (July-October)
    lat = np.meshgrid(world.lon, world.lat)[1]
    sahel = world.land & (lat > 10) & (lat < 16)
    cycle = np.nanmean(gpp[:, :, sahel], axis=(0, 2))
    assert 6 <= int(np.argmax(cycle)) <= 9


def test_gosif_files_follow_land_cover(tmp_path):
    world = ExampleWorld(SMALL, 1.0, 3)
    paths = make_gosif_example(str(tmp_path / "gosif"), world, 2000, 2000, "monthly", gzip_every=5)
    assert len(paths) == 12 and sum(p.endswith(".gz") for p in paths) == 2
    from osgeo import gdal
    ds = gdal.Open(paths[6])  # July
    gpp = ds.ReadAsArray()
    assert ds.GetMetadataItem("TSMV_SYNTHETIC") == "yes" and gpp.dtype == np.uint16
    cover = world.fine_cover()
    assert (gpp[cover == 0] == 65535).all()
    valued = gpp < 65534
    assert valued.mean() > 0.4 and (cover[valued] != 0).all()
    barren = (cover == 16) & valued
    assert gpp[barren].mean() < 0.5 * gpp[(cover == 10) & valued].mean()


# --- files, determinism ---------------------------------------------------------------------------

def test_files_read_by_the_importer_across_the_version_break(tmp_path):
    folder = str(tmp_path / "gldas")
    paths = make_gldas_example(folder, 1999, 2000, extent=SMALL, seed=3)
    assert [os.path.basename(p) for p in paths[11:13]] == [gldas_name(1999, 12), gldas_name(2000, 1)]
    assert paths[11].endswith(".020.nc4") and paths[12].endswith(".021.nc4")
    from tsmv.tsmv_qgis.io.netcdf import netcdf4
    with netcdf4().Dataset(paths[0]) as ds:
        assert ds.title == "GLDAS2.0 LIS land surface model output" and ds.tsmv_synthetic == "yes"
        assert "Synthetic" in ds.comment and "synthetic" in ds.history
        assert list(ds.variables["lat"][:2]) == [30.5, 31.5]
    with netcdf4().Dataset(paths[12]) as ds:
        assert ds.title == "GLDAS2.1 LIS land surface model output"
    outputs = layer_paths(tmp_path, "sm")
    import_gldas(folder, outputs)
    world = ExampleWorld(SMALL, 1.0, 3)
    want = [arrays for _, _, arrays in world.layers([1999, 2000])]
    for d, key in enumerate(LAYER_KEYS):
        stack, labels, _, _ = read_stack(outputs[key])
        assert labels[0] == "1999-01" and labels[-1] == "2000-12"
        expected = np.array([w[d] for w in want])[:, ::-1]  # north-up
        same = np.isclose(stack, expected, rtol=1e-6) | np.isnan(stack) & np.isnan(expected)
        assert same.mean() > 0.99  # all but the spoiled values


def test_deterministic_and_any_year_alone(tmp_path):
    a, b, c = (str(tmp_path / n) for n in "abc")
    make_gldas_example(a, 2000, 2001, extent=SMALL, seed=3)
    make_gldas_example(b, 2001, 2001, extent=SMALL, seed=3)
    make_gldas_example(c, 2001, 2001, extent=SMALL, seed=4)
    from tsmv.tsmv_qgis.io.netcdf import netcdf4

    def data(folder, name):
        with netcdf4().Dataset(os.path.join(folder, name)) as ds:
            return np.array([ds.variables[v][:].filled(np.nan) for v in LAYER_VARIABLES])

    for month in (1, 7):
        name = gldas_name(2001, month)
        np.testing.assert_array_equal(data(a, name), data(b, name))
        assert not np.allclose(data(b, name), data(c, name), equal_nan=True)
    worlds = [ExampleWorld(AFRICA, 1.0, 0) for _ in range(2)]
    for w in worlds:
        make_igbp_example(str(tmp_path / ("igbp_%d.tif" % id(w))), w)
    tifs = sorted(glob.glob(str(tmp_path / "igbp_*.tif")))
    assert open(tifs[0], "rb").read() == open(tifs[1], "rb").read()
    first, second = (list(w.layers([1950]))[5][2] for w in worlds)
    for x, y in zip(first, second):
        np.testing.assert_array_equal(x, y)


def test_quarter_degree(tmp_path):
    extent = (-6.0, 36.0, -2.0, 39.0)
    paths = make_gldas_example(str(tmp_path / "gldas"), 2001, 2001, extent=extent, resolution=0.25, seed=1)
    assert os.path.basename(paths[0]) == "GLDAS_NOAH025_M.A200101.021.nc4"
    outputs = layer_paths(tmp_path, "sm")
    import_gldas(str(tmp_path / "gldas"), outputs)
    stack, labels, geotransform, _ = read_stack(outputs["0_10"])
    assert stack.shape == (12, 12, 16) and geotransform[1] == 0.25 and np.isfinite(stack).mean() > 0.5
    world = ExampleWorld(extent, 0.25, 1)
    assert world.fine_cover().shape == (60, 80)


# --- the command line ---------------------------------------------------------------------------

def run_cli(tmp_path, *args):
    env = dict(os.environ, PYTHONPATH=ROOT)
    return subprocess.run(["/usr/bin/python3", "-m", "tsmv_example", *args], cwd=str(tmp_path),
                          env=env, capture_output=True, text=True, timeout=300)


def test_cli_help_writes_nothing(tmp_path):
    proc = run_cli(tmp_path, "--help")
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout.startswith("usage: python -m tsmv_example") and "--extent" in proc.stdout
    assert os.listdir(str(tmp_path)) == []


@pytest.mark.parametrize("args, message", [
    (["out", "2001", "1999"], "START (2001) is after END (1999)"),
    (["out", "1700", "1701"], "START (1700) is before 1850"),
    (["out", "--extent", "10", "0", "0", "5"], "XMIN < XMAX and YMIN < YMAX"),
    (["out", "--extent", "0", "-80", "10", "-65"], "within -180..180 and -60..90"),
    (["out", "--resolution", "0.5"], "argument --resolution: invalid choice"),  # 3.12+ quotes the value
    (["out", "--bogus"], "unrecognized arguments: --bogus"),
    ([], "the following arguments are required: folder"),
])
def test_cli_refuses_bad_arguments(tmp_path, args, message):
    proc = run_cli(tmp_path, *args)
    assert proc.returncode == 2 and message in proc.stderr, proc.stderr
    assert os.listdir(str(tmp_path)) == []


def test_cli_writes_what_is_asked(tmp_path):
    proc = run_cli(tmp_path, "out", "2000", "2000", "--extent", "0", "40", "3", "42", "--make", "gldas", "igbp",
                   "gosif")
    assert proc.returncode == 0, proc.stderr
    out = tmp_path / "out"
    assert len(glob.glob(str(out / "GLDAS_NOAH10_M.A2000*.021.nc4"))) == 12
    assert (out / "MCD12C1.A2010001.061_igbp.tif").exists() and len(os.listdir(str(out / "gosif"))) == 12
