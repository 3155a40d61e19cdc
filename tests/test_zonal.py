"""tsmv:zonal: exact cell coverage and summaries by polygon, against QGIS's own geometry
engine (GEOS: the area of polygon ∩ cell, cell by cell) and literal loops over the cells."""
import csv
import math
import os

import numpy as np
import pytest

from conftest import write_stack
from tsmv.tsmv_qgis.errors import TsmvError
from tsmv.tsmv_qgis.kernels.coverage import polygon_coverage
from tsmv.tsmv_qgis.labels import DEPTHS, SEASONS
from tsmv.tsmv_qgis.steps.zonal import Zone, run_zonal

#: The global 1 deg grid: west, north, cell size, width, height.
GLOBAL = (-180.0, 90.0, 1.0, 1.0, 360, 180)
SEASON_FIELDS = ["H_S", "SH_S", "SA_S", "A_S"]
DEPTH_FIELDS = ["0_10", "10_40", "40_100", "100_200"]


def dense(polygon, grid=GLOBAL):
    """The fractions of ``polygon`` on the whole grid (rows, cols)."""
    x0, y0, dx, dy, width, height = grid
    found = polygon_coverage(polygon, x0, y0, dx, dy, width, height, period=360.0)
    full = np.zeros((height, width))
    if found is not None:
        row0, col0, f = found
        full[row0:row0 + f.shape[0], col0:col0 + f.shape[1]] = f
    return full


def wkt_of(polygon):
    """WKT of a polygon given as parts of rings (closed here)."""
    return "MULTIPOLYGON(%s)" % ",".join(
        "(%s)" % ",".join("(%s)" % ",".join("%r %r" % (float(x), float(y)) for x, y in list(ring) + [ring[0]]) for ring in part)
        for part in polygon)


def geos_fractions(wkt, grid, rows=None, cols=None):
    """Area of (polygon ∩ cell) / cell area, cell by cell, by QGIS (GEOS): the oracle."""
    from qgis.core import QgsGeometry, QgsRectangle
    x0, y0, dx, dy, width, height = grid
    g = QgsGeometry.fromWkt(wkt)
    box = g.boundingBox()
    rows = range(max(0, int((y0 - box.yMaximum()) // dy)), min(height, int((y0 - box.yMinimum()) // dy) + 1)) \
        if rows is None else rows
    cols = range(max(0, int((box.xMinimum() - x0) // dx)), min(width, int((box.xMaximum() - x0) // dx) + 1)) \
        if cols is None else cols
    out = np.zeros((height, width))
    for r in rows:
        for c in cols:
            cell = QgsGeometry.fromRect(QgsRectangle(x0 + c * dx, y0 - (r + 1) * dy, x0 + (c + 1) * dx, y0 - r * dy))
            out[r, c] = g.intersection(cell).area() / (dx * dy)
    return out


def star(rng, cx, cy, r0, r1, n):
    angles = (np.arange(n) + rng.uniform(0, 0.8, n)) * 2 * np.pi / n  # gaps below 2 x 2 pi / n
    radii = rng.uniform(r0, r1, n)
    return np.column_stack([cx + radii * np.cos(angles), cy + radii * np.sin(angles)])


# --- the coverage kernel ----------------------------------------------------------------

def test_fractions_of_cells_aligned_and_cut_by_hand():
    grid = (0.0, 4.0, 1.0, 1.0, 4, 4)  # cells [c, c+1] x [3-r, 4-r]
    aligned = [[[(1, 1), (3, 1), (3, 3), (1, 3)]]]
    expected = np.zeros((4, 4))
    expected[1:3, 1:3] = 1
    np.testing.assert_array_equal(dense(aligned, grid), expected)
    shifted = [[[(0.5, 0.5), (2.5, 0.5), (2.5, 2.5), (0.5, 2.5)]]]  # quarter, half, whole cells
    expected = np.array([[0, 0, 0, 0], [0.25, 0.5, 0.25, 0], [0.5, 1, 0.5, 0], [0.25, 0.5, 0.25, 0]])
    np.testing.assert_allclose(dense(shifted, grid), expected, rtol=0, atol=1e-15)
    triangle = [[[(0, 0), (3, 0), (0, 3)][::-1]]]  # clockwise: the orientation does not matter
    expected = np.array([[0, 0, 0, 0], [0.5, 0, 0, 0], [1, 0.5, 0, 0], [1, 1, 0.5, 0]])  # row 3: y 0..1
    np.testing.assert_allclose(dense(triangle, grid), expected, rtol=0, atol=1e-15)
    thin = [[[(0.25, 0.1), (3.75, 0.1), (3.75, 0.3), (0.25, 0.3)]]]  # a sliver in the bottom row
    expected = np.zeros((4, 4))
    expected[3] = [0.75 * 0.2, 0.2, 0.2, 0.75 * 0.2]
    np.testing.assert_allclose(dense(thin, grid), expected, rtol=0, atol=1e-15)


@pytest.mark.parametrize("seed", range(6))
def test_fractions_match_qgis_geometry_with_holes_and_parts(seed):
    rng = np.random.default_rng(seed)
    grid = (-10.0, 20.0, 0.5, 0.25, 40, 80)  # not square, and the polygons reach beyond it
    outer = star(rng, 0, 10, 5, 9, int(rng.integers(8, 40)))  # reaches beyond the grid's north edge
    hole = star(rng, 0, 10, 0.5, 1.5, int(rng.integers(3, 12)))  # inside: the outer ring is beyond 3.5
    if seed % 2:
        outer = outer[::-1]
    polygon = [[outer, hole[::-1] if seed % 3 else hole], [star(rng, 8.5, 1.5, 0.2, 1.5, 7)]]  # reaches beyond the east and south
    expected = geos_fractions(wkt_of(polygon), grid)
    np.testing.assert_allclose(dense(polygon, grid), expected, rtol=0, atol=1e-9)


def test_antimeridian_one_ring_and_split_multipolygon_agree():
    ring = [[[(170.5, -5.25), (190.25, -5.25), (185.0, 10.5), (170.5, 8.0)]]]
    # the same polygon split at 180 by hand: the edge (190.25,-5.25)-(185,10.5) stays beyond;
    # the edge from (185, 10.5) to (170.5, 8) crosses 180 at y = 10.5 - 2.5 * 5 / 14.5
    y180 = 10.5 - 2.5 * 5 / 14.5
    split = [[[(170.5, -5.25), (180.0, -5.25), (180.0, y180), (170.5, 8.0)]],
             [[(-180.0, -5.25), (-169.75, -5.25), (-175.0, 10.5), (-180.0, y180)]]]
    one, two = dense(ring), dense(split)
    np.testing.assert_allclose(one, two, rtol=0, atol=1e-12)
    np.testing.assert_allclose(two, geos_fractions(wkt_of(split), GLOBAL), rtol=0, atol=1e-9)
    assert one[:, 350:].sum() > 0 and one[:, :11].sum() > 0 and one[:, 11:350].sum() == 0
    west = [[[(-190.0, 0.0), (-170.0, 0.0), (-170.0, 2.0), (-190.0, 2.0)]]]  # beyond -180
    expected = np.zeros((180, 360))
    expected[88:90, 350:] = expected[88:90, :10] = 1
    np.testing.assert_array_equal(dense(west), expected)


def test_polygon_outside_the_grid_covers_nothing():
    assert polygon_coverage([[[(0, 0), (1, 0), (1, 1)]]], 10.0, 20.0, 1.0, 1.0, 5, 5) is None
    assert polygon_coverage([], *GLOBAL) is None


# --- the summaries ----------------------------------------------------------------------

LAT = 89.5 - np.arange(180)
LON = -179.5 + np.arange(360)


@pytest.fixture(scope="module")
def world(tmp_path_factory):
    """Trend, COMPONENTS, R, P and ecosystems on the global 1 deg grid, written with GDAL."""
    from tsmv.tsmv_qgis.steps.attribution import attribution_bands
    from tsmv.tsmv_qgis.steps.correlation import correlation_bands
    root = tmp_path_factory.mktemp("zonal")
    rng = np.random.default_rng(11)
    gt = (-180.0, 1.0, 0.0, 90.0, 0.0, -1.0)
    lon, lat = np.meshgrid(LON, LAT)
    sea = (lat < -60) | ((lon > -40) & (lon < -20) & (np.abs(lat) < 10))
    slope = np.where(sea, np.nan, np.sin(np.deg2rad(lon * 3)) + 0.3 * np.cos(np.deg2rad(lat * 5))).astype(np.float32)
    trend = np.where(np.isnan(slope), np.nan, np.where(slope > 0.6, 1, np.where(slope < -0.6, -1, 0)))
    other = rng.normal(size=(5, 180, 360))
    bands = np.stack([slope, other[0], other[1], other[2], other[3], other[4], trend]).astype(np.float32)
    w = {"trend": write_stack(root / "trend.tif", bands, ["slope", "intercept", "p_value", "z", "tau", "s", "trend"],
                              gt, {"TSMV_KIND": "trend"})}
    components = rng.uniform(-5, 20, (32, 180, 360)) * np.where(sea, np.nan, 1)
    components[5] += 30  # one component dominates: band 6, 16 c + 4 s + d = 5, "Trend SH-S 10-40 cm"
    w["components"] = write_stack(root / "components.tif", components,
                                  attribution_bands()["components"].labels, gt, {"TSMV_KIND": "attribution"})
    r = rng.uniform(-1, 1, (16, 180, 360)) * np.where(sea, np.nan, 1)
    p = rng.uniform(0, 0.3, (16, 180, 360)) * np.where(sea, np.nan, 1)
    labels = correlation_bands()["r"].labels
    meta = {"TSMV_KIND": "correlation", "ALPHA": "0.1"}
    w["r"] = write_stack(root / "r.tif", r, labels, gt, dict(meta, TSMV_VALUE="pearson r"))
    w["p"] = write_stack(root / "p.tif", p, labels, gt, dict(meta, TSMV_VALUE="p-value"))
    eco = np.where(sea, np.nan, rng.integers(1, 5, (180, 360)))
    w["ecosystems"] = write_stack(root / "eco.tif", eco[None], ["ecosystem"], gt, {"TSMV_KIND": "ecosystems"})
    w["values"] = {"slope": slope, "trend": trend, "components": components.astype(np.float32),
                   "r": r.astype(np.float32), "p": p.astype(np.float32), "eco": eco}
    w["root"] = root
    return w


#: Polygons in lon/lat: (name, parts, WKT the oracle takes).
SQUARE = [[[(10.25, 40.5), (25.75, 40.5), (25.75, 50.25), (10.25, 50.25)]]]
HOLED = [[[(60.3, 10.1), (80.7, 12.2), (75.4, 30.9), (58.2, 25.5)], [(65.5, 15.5), (70.5, 16.0), (68.0, 22.0)]]]
MULTI = [[[(100.2, -20.6), (110.8, -20.6), (105.5, -10.1)]], [[(120.1, 0.3), (130.9, 0.3), (130.9, 5.7), (120.1, 5.7)]]]
ANTI_RING = [[[(170.5, -5.25), (190.25, -5.25), (185.0, 10.5), (170.5, 8.0)]]]
ANTI_SPLIT = [[[(170.5, -5.25), (180.0, -5.25), (180.0, 10.5 - 2.5 * 5 / 14.5), (170.5, 8.0)]],
              [[(-180.0, -5.25), (-169.75, -5.25), (-175.0, 10.5), (-180.0, 10.5 - 2.5 * 5 / 14.5)]]]
SEA = [[[(-35.5, -5.5), (-25.5, -5.5), (-25.5, 5.5), (-35.5, 5.5)]]]
ZONES = [("square", SQUARE), ("holed", HOLED), ("multi", MULTI), ("anti ring", ANTI_RING),
         ("anti split", ANTI_SPLIT), ("sea", SEA)]


def literal(values, fractions, keep=None):
    """The literal summaries of one polygon: loops over the cells, weights fraction x cos(lat)."""
    slope, trend, comps, r, p, eco = (values[k] for k in ("slope", "trend", "components", "r", "p", "eco"))
    sums = {"w": 0.0, "slope": 0.0, "dec": 0.0, "inc": 0.0, "sig": 0.0, "n": 0, "area": 0.0}
    comp_w, comp = np.zeros(32), np.zeros(32)
    r_w, r_sum, sig_w, sig_sum = np.zeros(16), np.zeros(16), np.zeros(16), np.zeros(16)
    for i in range(180):
        for j in range(360):
            f = fractions[i, j]
            if f <= 0 or (keep is not None and eco[i, j] != keep):
                continue
            w = f * math.cos(math.radians(LAT[i]))
            cell_km2 = 6371.0088 ** 2 * math.radians(1) * (math.sin(math.radians(LAT[i] + 0.5))
                                                           - math.sin(math.radians(LAT[i] - 0.5)))
            sums["area"] += f * cell_km2
            s = float(slope[i, j])
            if s == s:
                sums["n"] += 1
                sums["w"] += w
                sums["slope"] += w * s
                sums["dec"] += w * (s < 0)
                sums["inc"] += w * (s > 0)
                sums["sig"] += w * (trend[i, j] != 0)
            for k in range(32):
                if comps[k, i, j] == comps[k, i, j]:
                    comp_w[k] += w
                    comp[k] += w * float(comps[k, i, j])
            for k in range(16):
                if r[k, i, j] == r[k, i, j]:
                    r_w[k] += w
                    r_sum[k] += w * float(r[k, i, j])
                    if p[k, i, j] == p[k, i, j]:
                        sig_w[k] += w
                        sig_sum[k] += w * (p[k, i, j] < 0.1)
    nan = float("nan")
    div = lambda a, b: a / b if b else nan  # noqa: E731
    out = {"area_km2": sums["area"], "pixels": sums["n"], "mean_slope": div(sums["slope"], sums["w"]),
           "percent_decreasing": 100 * div(sums["dec"], sums["w"]),
           "percent_increasing": 100 * div(sums["inc"], sums["w"]),
           "percent_significant": 100 * div(sums["sig"], sums["w"])}
    means = np.array([div(comp[k], comp_w[k]) for k in range(32)])
    # component k is 16 c + 4 s + d (dynamic Trend/IAV, season, depth): literal sums of the means
    for s, name in enumerate(SEASON_FIELDS):
        out["rc_" + name] = sum(means[16 * c + 4 * s + d] for c in range(2) for d in range(4))
    for d, name in enumerate(DEPTH_FIELDS):
        out["rc_" + name] = sum(means[16 * c + 4 * s + d] for c in range(2) for s in range(4))
    for c, name in enumerate(("Trend", "IAV")):
        out["rc_" + name] = sum(means[16 * c + 4 * s + d] for s in range(4) for d in range(4))
    if np.isfinite(means).any():
        k = int(np.nanargmax(means))
        out["dominant"] = "%s %s %s" % (("Trend", "IAV")[k // 16], SEASONS[k // 4 % 4], DEPTHS[k % 4])
        out["dominant_percent"] = means[k]
    for s in range(4):
        for d in range(4):
            k = 4 * s + d
            out["r_%s_%s" % (SEASON_FIELDS[s], DEPTH_FIELDS[d])] = div(r_sum[k], r_w[k])
            out["significant_%s_%s" % (SEASON_FIELDS[s], DEPTH_FIELDS[d])] = 100 * div(sig_sum[k], sig_w[k])
    return out


def read_csv(path):
    with open(path, newline="", encoding="utf-8") as f:
        return list(csv.DictReader(f))


def assert_row(row, expected, keys=None):
    for key in keys or expected:
        got, want = row[key], expected[key]
        if isinstance(want, str):
            assert got == want, key
        elif want != want:
            assert got == "nan", (key, got)
        else:
            assert float(got) == pytest.approx(want, rel=1e-6, abs=1e-9), (key, got, want)


def test_zonal_means_match_literal_loops(world, tmp_path):
    zones = [Zone(name, parts) for name, parts in ZONES]
    table = str(tmp_path / "zonal.csv")
    run_zonal(zones, world["trend"], {"table": table}, attribution=world["components"], correlation=world["r"],
              correlation_p=world["p"], ecosystems=world["ecosystems"])
    rows = read_csv(table)
    assert len(rows) == 5 * len(ZONES)
    split = None
    for name, parts in ZONES:
        oracle_parts = ANTI_SPLIT if parts is ANTI_RING else parts  # GEOS takes the split form
        fractions = geos_fractions(wkt_of(oracle_parts), GLOBAL)
        mine = [row for row in rows if row["name"] == name]
        assert [row["ecosystem"] for row in mine] == ["All", "Forests", "Shrublands", "Grasslands", "Croplands"]
        assert_row(mine[0], literal(world["values"], fractions))
        for code in (1, 3):
            assert_row(mine[code], literal(world["values"], fractions, keep=code))
        if name == "anti split":
            split = mine
    anti = [row for row in rows if row["name"] == "anti ring"]
    assert [dict(r, name="") for r in anti] == [dict(r, name="") for r in split]  # the same text
    sea = next(row for row in rows if row["name"] == "sea")
    assert sea["pixels"] == "0" and float(sea["area_km2"]) > 1e5
    assert all(sea[key] == "nan" for key in ("mean_slope", "percent_decreasing", "rc_H_S", "r_H_S_0_10"))
    square = next(row for row in rows if row["name"] == "square")
    assert square["dominant"] == "Trend SH-S 10-40 cm"  # the planted component


def test_zonal_with_only_the_trend_and_a_by_season_output(world, tmp_path):
    from tsmv.tsmv_qgis.steps.attribution import attribution_bands
    by_season = np.stack([world["values"]["components"][[16 * c + 4 * s + d for c in range(2) for d in range(4)]]
                          .sum(axis=0) for s in range(4)])
    path = write_stack(tmp_path / "by_season.tif", by_season, attribution_bands()["by_season"].labels,
                       (-180.0, 1.0, 0.0, 90.0, 0.0, -1.0), {"TSMV_KIND": "attribution"})
    table = str(tmp_path / "t.csv")
    run_zonal([Zone("square", SQUARE)], world["trend"], {"table": table}, attribution=path)
    rows = read_csv(table)
    assert list(rows[0]) == ["name", "area_km2", "pixels", "mean_slope", "percent_decreasing",
                             "percent_increasing", "percent_significant", "rc_H_S", "rc_SH_S", "rc_SA_S", "rc_A_S"]
    expected = literal(world["values"], geos_fractions(wkt_of(SQUARE), GLOBAL))
    # the mean of the per-cell sums: the sum of the component means where every component is valid
    assert_row(rows[0], expected, ["area_km2", "pixels", "mean_slope", "rc_H_S", "rc_A_S"])


def test_zonal_refuses_what_it_cannot_use(world, tmp_path):
    table = str(tmp_path / "t.csv")
    with pytest.raises(TsmvError, match="correlation_p"):
        run_zonal([Zone("square", SQUARE)], world["trend"], {"table": table}, correlation_p=world["p"])
    with pytest.raises(TsmvError, match="attribution.*holds correlations"):
        run_zonal([Zone("square", SQUARE)], world["trend"], {"table": table}, attribution=world["r"])
    other = write_stack(tmp_path / "other.tif", np.zeros((2, 180, 360)), ["x", "y"], (-180.0, 1.0, 0.0, 90.0, 0.0, -1.0))
    with pytest.raises(TsmvError, match="attribution.*'x', 'y'; give the COMPONENTS"):
        run_zonal([Zone("square", SQUARE)], world["trend"], {"table": table}, attribution=other)
    with pytest.raises(TsmvError, match="not its pearson r"):
        run_zonal([Zone("square", SQUARE)], world["trend"], {"table": table}, correlation=world["p"])
    assert not os.path.exists(table)


# --- through QGIS -------------------------------------------------------------------------

def polygon_layer(path, crs, polygons):
    """A GeoPackage layer of ``polygons`` [(name, WKT)] in ``crs`` (written with OGR, which
    reads the same in QGIS 3.22 and 4)."""
    from osgeo import ogr, osr
    srs = osr.SpatialReference()
    srs.SetFromUserInput(crs)
    source = ogr.GetDriverByName("GPKG").CreateDataSource(str(path))
    layer = source.CreateLayer("polygons", srs, ogr.wkbMultiPolygon)
    layer.CreateField(ogr.FieldDefn("region", ogr.OFTString))
    for name, wkt in polygons:
        feature = ogr.Feature(layer.GetLayerDefn())
        feature.SetField("region", name)
        feature.SetGeometry(ogr.ForceToMultiPolygon(ogr.CreateGeometryFromWkt(wkt)))
        assert layer.CreateFeature(feature) == 0
    source = None
    return str(path)


def mercator(parts):
    """The polygon's vertices in EPSG:3857 (spherical Mercator, by its formula)."""
    r = 6378137.0
    return [[[(r * math.radians(x), r * math.log(math.tan(math.pi / 4 + math.radians(y) / 2))) for x, y in ring]
             for ring in part] for part in parts]


def test_zonal_through_processing_with_polygons_in_web_mercator(world, tsmv_processing, tmp_path):
    from qgis.core import QgsVectorLayer
    layer = polygon_layer(tmp_path / "regions.gpkg", "EPSG:3857",
                          [("square", wkt_of(mercator(SQUARE))), ("holed", wkt_of(mercator(HOLED))),
                           ("sea", wkt_of(mercator(SEA)))])
    result = tsmv_processing.run("tsmv:zonal", {
        "INPUT_POLYGONS": layer, "FIELD": "region", "TREND": world["trend"], "CORRELATION": world["r"],
        "OUTPUT": str(tmp_path / "z.csv"), "OUTPUT_LAYER": str(tmp_path / "z.gpkg")})
    rows = read_csv(result["OUTPUT"])
    assert [row["name"] for row in rows] == ["square", "holed", "sea"]
    for row, parts in zip(rows, (SQUARE, HOLED)):  # transformed back vertex by vertex: the same polygon
        expected = literal(world["values"], geos_fractions(wkt_of(parts), GLOBAL))
        assert_row(row, expected, ["area_km2", "pixels", "mean_slope", "percent_significant", "r_A_S_100_200"])
    out = QgsVectorLayer(result["OUTPUT_LAYER"], "z", "ogr")
    assert out.isValid() and out.featureCount() == 3 and out.crs().authid() == "EPSG:4326"
    features = {f["name"]: f for f in out.getFeatures()}
    assert features["square"]["mean_slope"] == pytest.approx(float(rows[0]["mean_slope"]), rel=1e-7)
    assert features["sea"]["mean_slope"] is None or str(features["sea"]["mean_slope"]) == "NULL"
    assert features["square"].geometry().boundingBox().xMinimum() == pytest.approx(10.25, abs=1e-6)
    qml = str(tmp_path / "z.qml")
    assert out.loadNamedStyle(qml)[1]
    renderer = out.renderer()
    assert renderer.type() == "graduatedSymbol" and renderer.classAttribute() == "mean_slope"
    assert len(renderer.ranges()) == 7
    assert all(renderer.rangeForValue(f["mean_slope"]) is not None for f in features.values() if f["name"] != "sea")
    assert renderer.ranges()[0].lowerValue() == -renderer.ranges()[-1].upperValue()  # symmetric about 0


def test_zonal_through_qgis_process(world, qgis_process, tmp_path):
    layer = polygon_layer(tmp_path / "regions.gpkg", "EPSG:4326",
                          [("anti", wkt_of(ANTI_SPLIT)), ("multi", wkt_of(MULTI))])
    code, result, log = qgis_process.run("tsmv:zonal", INPUT_POLYGONS=layer, FIELD="region", TREND=world["trend"],
                                         ECOSYSTEMS=world["ecosystems"], OUTPUT=str(tmp_path / "z.csv"))
    assert code == 0, log
    rows = read_csv(result["results"]["OUTPUT"])
    assert [(row["name"], row["ecosystem"]) for row in rows][:2] == [("anti", "All"), ("anti", "Forests")]
    expected = literal(world["values"], geos_fractions(wkt_of(MULTI), GLOBAL), keep=2)
    assert_row(rows[7], expected, ["area_km2", "pixels", "mean_slope", "percent_decreasing"])
    code, _, log = qgis_process.run("tsmv:zonal", INPUT_POLYGONS=layer, TREND=world["trend"],
                                    CORRELATION_P=world["p"], OUTPUT=str(tmp_path / "bad.csv"))
    assert code != 0 and "CORRELATION_P" in log and "CORRELATION" in log
    assert not os.path.exists(tmp_path / "bad.csv")


def test_zonal_temporary_outputs_and_refusals_through_processing(world, tsmv_processing, tmp_path):
    from qgis.core import QgsProcessingException, QgsVectorLayer
    layer = polygon_layer(tmp_path / "regions.gpkg", "EPSG:4326", [("square", wkt_of(SQUARE))])
    result = tsmv_processing.run("tsmv:zonal", {"INPUT_POLYGONS": layer, "TREND": world["trend"],
                                                "OUTPUT": "TEMPORARY_OUTPUT", "OUTPUT_LAYER": "TEMPORARY_OUTPUT"})
    assert result["OUTPUT_LAYER"].endswith(".gpkg") and os.path.exists(result["OUTPUT_LAYER"][:-5] + ".qml")
    out = QgsVectorLayer(result["OUTPUT_LAYER"], "z", "ogr")
    assert [f["name"] for f in out.getFeatures()] == ["1"]  # no FIELD: the feature id
    with pytest.raises(QgsProcessingException, match="FIELD nope is not a field"):
        tsmv_processing.run("tsmv:zonal", {"INPUT_POLYGONS": layer, "FIELD": "nope", "TREND": world["trend"],
                                           "OUTPUT": str(tmp_path / "a.csv")})
    with pytest.raises(QgsProcessingException, match="OUTPUT_LAYER .*must end in .gpkg"):
        tsmv_processing.run("tsmv:zonal", {"INPUT_POLYGONS": layer, "TREND": world["trend"],
                                           "OUTPUT": str(tmp_path / "b.csv"), "OUTPUT_LAYER": str(tmp_path / "b.shp")})
    with pytest.raises(QgsProcessingException, match="OUTPUT_LAYER .*regions.gpkg is the input INPUT_POLYGONS"):
        tsmv_processing.run("tsmv:zonal", {"INPUT_POLYGONS": layer, "TREND": world["trend"],
                                           "OUTPUT": str(tmp_path / "c.csv"), "OUTPUT_LAYER": layer})
    assert QgsVectorLayer(layer, "regions", "ogr").featureCount() == 1
    assert not any(os.path.exists(tmp_path / n) for n in ("a.csv", "b.csv", "c.csv"))


def test_zonal_reports_progress_and_stops_when_canceled(world, tmp_path):
    from tsmv.tsmv_qgis.errors import Canceled
    from tsmv.tsmv_qgis.progress import Progress
    reported = []
    table = str(tmp_path / "t.csv")
    run_zonal([Zone(n, p) for n, p in ZONES], world["trend"], {"table": table},
              progress=Progress(reported.append))
    assert reported == sorted(reported) and reported[-1] == pytest.approx(1.0)
    with pytest.raises(Canceled):
        run_zonal([Zone(n, p) for n, p in ZONES], world["trend"], {"table": table + "2"},
                  progress=Progress(reported.append, lambda: len(reported) > 3))
    assert not os.path.exists(table + "2")
