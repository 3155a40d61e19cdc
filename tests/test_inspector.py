"""The pixel inspector (issue 29): the core's ``pixel_series`` finds a TSMV chain's stacks by
lineage and reads them at one cell; the dock shows them after a click on the map, read in a
QgsTask.  Every series is compared with the stacks read at that cell with GDAL directly, the
Sen lines and GPP by season with literal computations here."""
import csv
import os
import shutil
import time

import numpy as np
import pytest

from test_hostile import K, World

SEASONS = ("H-S", "SH-S", "SA-S", "A-S")
DEPTHS = ("0-10 cm", "10-40 cm", "40-100 cm", "100-200 cm")


@pytest.fixture(scope="module")
def world(tmp_path_factory):
    return World(str(tmp_path_factory.mktemp("inspector")))


def gdal_pixel(path, row, col):
    """{band label: value} of one cell, read with GDAL directly."""
    from osgeo import gdal
    ds = gdal.Open(path)
    out = {}
    for b in range(ds.RasterCount):
        band = ds.GetRasterBand(b + 1)
        value = float(band.ReadAsArray(col, row, 1, 1)[0, 0])
        nodata = band.GetNoDataValue()
        out[band.GetDescription()] = np.nan if nodata is not None and value == nodata else value
    return out


def land_cell(world):
    """(row, col, lon, lat) of a cell with every result, and one of sea (no data)."""
    from osgeo import gdal
    ds = gdal.Open(world.components)
    components = ds.ReadAsArray()
    r = gdal.Open(os.path.join(world.root, "r.tif")).ReadAsArray()
    ok = np.isfinite(components).all(axis=0) & np.isfinite(r).all(axis=0)
    rows, cols = np.nonzero(ok)
    sea_rows, sea_cols = np.nonzero(~np.isfinite(components).any(axis=0))
    gt = ds.GetGeoTransform()
    centre = lambda row, col: (gt[0] + (col + 0.5) * gt[1], gt[3] + (row + 0.5) * gt[5])  # noqa: E731
    row, col = int(rows[len(rows) // 2]), int(cols[len(cols) // 2])
    return (row, col) + centre(row, col), centre(int(sea_rows[0]), int(sea_cols[0]))


def expected(world, row, col):
    """The series at (row, col), read with GDAL and computed here."""
    annual = gdal_pixel(world.annual, row, col)
    years = sorted(int(y) for y in annual)
    trend = gdal_pixel(world.trend, row, col)
    valid = [y for y in years if np.isfinite(annual[str(y)])]
    seasonal = {}
    for k, depth in zip(K, DEPTHS):
        stack = gdal_pixel(world.seasonal[k], row, col)
        seasonal[depth] = np.array([[stack["%d %s" % (y, s)] for s in SEASONS] for y in years])
    gpp, codes = gdal_pixel(world.gpp, row, col), gdal_pixel(world.codes, row, col)
    gpp_by_season = np.full((len(years), 4), np.nan)
    for i, y in enumerate(years):
        for s in range(4):
            months = ["%d-%02d" % (y, m) for m in range(1, 13) if codes["%d-%02d" % (y, m)] == s + 1]
            if months and all(np.isfinite(gpp[m]) for m in months):
                gpp_by_season[i, s] = sum(gpp[m] for m in months) / len(months)
    return {"years": years, "annual": [annual[str(y)] for y in years], "trend": trend,
            "line": [trend["intercept"] + trend["slope"] * (y - years[0]) for y in years],
            "pivot": float(np.median(valid)), "seasonal": seasonal,
            "components": gdal_pixel(world.components, row, col),
            "omega": gdal_pixel(os.path.join(world.root, "a_omega.tif"), row, col),
            "r": gdal_pixel(os.path.join(world.root, "r.tif"), row, col), "gpp": gpp_by_season}


def assert_series_equal(series, want):
    np.testing.assert_array_equal(series.annual[0], want["years"])
    np.testing.assert_allclose(series.annual[1], want["annual"], rtol=0, atol=0)
    (trend,) = series.trends  # one trend run, 2000-2005
    assert (trend.start, trend.end) == (2000, 2005)
    years, line = trend.line()
    np.testing.assert_allclose(line, want["line"], rtol=1e-12)
    # the interval's lines cross the Sen line at the median valid year, with slopes lower, upper
    assert trend.pivot == want["pivot"]
    for key in ("slope_lower", "slope_upper"):
        _, values = trend.line(want["trend"][key])
        at = want["trend"]["intercept"] + want["trend"]["slope"] * (want["pivot"] - 2000)
        np.testing.assert_allclose(values, [at + want["trend"][key] * (y - want["pivot"]) for y in years], rtol=1e-12)
    assert trend.p_value == want["trend"]["p_value"]
    # and it is the Sen line of the annual series shown (a literal Sen's slope of those values)
    x, y = np.array(want["years"], float), np.array(want["annual"])
    ok = np.isfinite(y)
    x, y = x[ok], y[ok]
    pairs = [(y[j] - y[i]) / (x[j] - x[i]) for i in range(len(x)) for j in range(i + 1, len(x))]
    np.testing.assert_allclose(trend.slope, np.median(pairs), rtol=1e-5)
    np.testing.assert_allclose(trend.intercept, np.median(y) - np.median(x - 2000) * np.median(pairs), rtol=1e-5)
    np.testing.assert_array_equal(series.seasonal_years, want["years"])
    assert list(series.seasonal) == list(DEPTHS)
    for depth in DEPTHS:
        np.testing.assert_array_equal(series.seasonal[depth], want["seasonal"][depth])
    assert len(series.contributions) == 32 and len(series.omega) == 16
    assert dict(zip(series.contribution_labels, series.contributions)) == want["components"]
    assert dict(zip(series.omega_labels, series.omega)) == want["omega"]
    assert dict(zip(series.r_labels, series.r)) == want["r"]
    assert series.attribution_period == "2000-2005"
    np.testing.assert_array_equal(series.gpp_years, want["years"])
    np.testing.assert_allclose(series.gpp, want["gpp"], rtol=1e-12)
    assert np.isfinite(series.gpp).sum() >= 12


# ---------------------------------------------------------------- the core, plain Python

def test_the_series_of_a_trend_pixel_equal_the_stacks_read_with_gdal(world):
    from tsmv.tsmv_qgis.report.inspect import pixel_series
    (row, col, lon, lat), _ = land_cell(world)
    series = pixel_series(world.trend, lon, lat)
    assert series.missing == [] and (series.row, series.col) == (row, col)
    assert_series_equal(series, expected(world, row, col))
    assert series.files["annual"] == os.path.abspath(world.annual)
    # any raster of the chain leads to the same series
    for other in (world.components, world.seasonal["40_100"], world.gpp):
        found = pixel_series(other, lon, lat)
        assert found.missing == [], other
        assert_series_equal(found, expected(world, row, col))


def test_rows_are_every_point_of_every_series(world):
    from tsmv.tsmv_qgis.report.inspect import pixel_series
    (row, col, lon, lat), _ = land_cell(world)
    rows = pixel_series(world.trend, lon, lat).rows()
    want = expected(world, row, col)
    by_series = {}
    for name, x, value in rows:
        by_series.setdefault(name, {})[x] = value
    assert by_series["annual TSM"] == {str(y): v for y, v in zip(want["years"], want["annual"])}
    assert by_series["contribution"] == want["components"] and by_series["omega"] == want["omega"]
    assert by_series["r"] == want["r"]
    sa_s = want["seasonal"]["10-40 cm"][:, 2]
    assert by_series["SM SA-S 10-40 cm"] == {str(y): v for y, v in zip(want["years"], sa_s)}
    np.testing.assert_allclose([by_series["GPP A-S"][str(y)] for y in want["years"]], want["gpp"][:, 3], rtol=1e-12)
    np.testing.assert_allclose(list(by_series["Sen line 2000-2005"].values()), want["line"], rtol=1e-12)
    assert set(by_series) >= {"Sen line 2000-2005 lower", "Sen line 2000-2005 upper"}
    # 6 annual + 3 x 6 lines + 16 x 6 seasonal + 32 + 16 + 4 x 6 GPP + 16 r
    assert len(rows) == 6 + 18 + 96 + 32 + 16 + 24 + 16


def test_outside_the_data_no_data_and_not_tsmv_are_said(world):
    from tsmv.tsmv_qgis.report.inspect import pixel_series
    _, (sea_lon, sea_lat) = land_cell(world)
    outside = pixel_series(world.trend, 100.0, 0.0)
    assert outside.missing == [("layer", "outside", os.path.abspath(world.trend))] and outside.rows() == []
    sea = pixel_series(world.trend, sea_lon, sea_lat)
    assert ("layer", "no_data", os.path.abspath(world.trend)) in sea.missing
    assert {part for part, reason, _ in sea.missing if reason == "no_data"} >= {"annual", "trend", "contributions"}
    foreign = pixel_series(world.igbp, sea_lon, sea_lat)
    assert foreign.missing == [("layer", "not_tsmv", os.path.abspath(world.igbp))] and not foreign.is_tsmv


def test_a_layer_alone_finds_its_inputs_among_the_candidates(world, tmp_path):
    """A trend map copied away: nothing beside it, so only what the candidates (the layers of
    the project) give is found; the annual stack leads to its run's other rasters (TSMV_FILES)."""
    from tsmv.tsmv_qgis.report.inspect import pixel_series
    (row, col, lon, lat), _ = land_cell(world)
    alone = str(tmp_path / "trend_copy.tif")
    shutil.copy(world.trend, alone)
    series = pixel_series(alone, lon, lat)
    assert {part for part, reason, _ in series.missing if reason == "not_found"} == {
        "annual", "seasonal", "contributions", "gpp"}
    assert len(series.trends) == 1 and series.annual is None  # its own line only
    project = [world.annual, world.components, os.path.join(world.root, "r.tif")]
    series = pixel_series(alone, lon, lat, project)
    assert series.missing == [("gpp", "not_found", "tsmv:gpp")]  # correlation records its GPP's id only
    series = pixel_series(alone, lon, lat, project + [world.gpp])
    assert series.missing == []
    assert_series_equal(series, expected(world, row, col))


# ---------------------------------------------------------------- the dock in QGIS

def wait_until_shown(inspector, timeout=120):
    from qgis.core import QgsApplication
    shown = []
    inspector.dock.shown.connect(lambda: shown.append(True))
    deadline = time.time() + timeout
    while not shown and time.time() < deadline:
        QgsApplication.processEvents()
        time.sleep(0.01)
    assert shown, "the inspector's task did not finish"


@pytest.fixture
def inspector(qgis_iface, tsmv_processing):
    from qgis.core import QgsCoordinateReferenceSystem, QgsProject
    from tsmv.gui.inspector import Inspector
    QgsProject.instance().removeAllMapLayers()
    qgis_iface.mapCanvas().setDestinationCrs(QgsCoordinateReferenceSystem("EPSG:4326"))
    tool = Inspector(qgis_iface)
    tool.add()
    tool.action.trigger()
    yield tool
    tool.remove()
    QgsProject.instance().removeAllMapLayers()


def add_layer(qgis_iface, path, name):
    from qgis.core import QgsProject, QgsRasterLayer
    layer = QgsRasterLayer(path, name)
    assert layer.isValid()
    QgsProject.instance().addMapLayer(layer)
    qgis_iface.setActiveLayer(layer)
    return layer


def click(inspector, lon, lat):
    """A left click released at (lon, lat) on the canvas, as QGIS gives it to the map tool."""
    from qgis.core import QgsPointXY
    from qgis.gui import QgsMapMouseEvent
    from qgis.PyQt.QtCore import QEvent, Qt
    canvas = inspector.iface.mapCanvas()
    pixel = canvas.getCoordinateTransform().transform(QgsPointXY(lon, lat)).toQPointF().toPoint()
    event = QgsMapMouseEvent(canvas, QEvent.Type.MouseButtonRelease, pixel, Qt.MouseButton.LeftButton,
                             Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier)
    assert canvas.mapTool() is inspector.tool
    inspector.tool.canvasReleaseEvent(event)
    wait_until_shown(inspector)


def test_a_click_on_the_trend_map_shows_the_series_of_its_chain(inspector, qgis_iface, world, tmp_path):
    (row, col, lon, lat), _ = land_cell(world)
    layer = add_layer(qgis_iface, world.trend, "Trend")
    qgis_iface.mapCanvas().setExtent(layer.extent())
    click(inspector, lon, lat)
    dock = inspector.dock
    assert dock.series is not None and (dock.series.row, dock.series.col) == (row, col)
    assert_series_equal(dock.series, expected(world, row, col))
    assert dock.message.text() == "" and "Trend" in dock.title.text()
    assert len(dock.figure.axes) >= 4 and dock.export_button.isEnabled()
    dock.canvas.draw()  # the four plots draw
    if os.environ.get("TSMV_INSPECTOR_PNG"):
        dock.resize(720, 900)
        dock.grab().save(os.environ["TSMV_INSPECTOR_PNG"], "PNG")
    path = str(tmp_path / "pixel.csv")
    dock.export_csv(path)
    with open(path, newline="") as f:
        rows = list(csv.reader(f))
    assert rows[0] == ["series", "x", "value"]
    exported = [(name, x, float(v) if v else np.nan) for name, x, v in rows[1:]]
    assert [r[:2] for r in exported] == [r[:2] for r in dock.rows]
    np.testing.assert_array_equal([r[2] for r in exported], [r[2] for r in dock.rows])
    want = expected(world, row, col)
    assert [v for name, _, v in exported if name == "annual TSM"] == want["annual"]
    assert {x: v for name, x, v in exported if name == "contribution"} == want["components"]


def test_the_topmost_tsmv_layer_is_read_when_the_active_one_is_not_tsmv(inspector, qgis_iface, world):
    (row, col, lon, lat), _ = land_cell(world)
    add_layer(qgis_iface, world.components, "Components")
    add_layer(qgis_iface, world.igbp, "IGBP")  # active, not TSMV's
    qgis_iface.mapCanvas().setExtent(inspector.iface.activeLayer().extent())
    click(inspector, lon, lat)
    assert "Components" in inspector.dock.title.text()
    assert_series_equal(inspector.dock.series, expected(world, row, col))


def test_a_click_outside_the_data_says_so(inspector, qgis_iface, world):
    from qgis.core import QgsPointXY
    add_layer(qgis_iface, world.trend, "Trend")
    inspector.inspect(QgsPointXY(100.0, 0.0))
    wait_until_shown(inspector)
    assert "Clicked layer: the point is outside the data" in inspector.dock.message.text()
    assert not inspector.dock.export_button.isEnabled()
    _, (sea_lon, sea_lat) = land_cell(world)
    inspector.inspect(QgsPointXY(sea_lon, sea_lat))
    wait_until_shown(inspector)
    assert "Clicked layer: no data at this pixel" in inspector.dock.message.text()


def test_a_raster_that_is_not_tsmvs_is_said_to_be_so(inspector, qgis_iface, world):
    from qgis.core import QgsPointXY
    add_layer(qgis_iface, world.igbp, "IGBP")
    inspector.inspect(QgsPointXY(-5.0, 35.0))
    wait_until_shown(inspector)
    assert inspector.dock.message.text() == "Clicked layer: not a TSMV layer: it records no TSMV run (igbp.tif)"
    assert inspector.dock.series.rows() == [] and not inspector.dock.export_button.isEnabled()


def test_a_model_step_left_in_processings_temporary_folder_is_found(inspector, qgis_iface, world, tmp_path):
    """A model writes the steps it does not load to <Processing's temporary folder>/<id>/: the
    trend map alone, its annual stack there, and the chain is found through it."""
    import uuid
    from qgis.core import QgsPointXY, QgsProcessingUtils
    (row, col, lon, lat), _ = land_cell(world)
    alone = tmp_path / "alone"
    alone.mkdir()
    shutil.copy(world.trend, alone / "trend_A.tif")
    step = os.path.join(QgsProcessingUtils.tempFolder(), uuid.uuid4().hex)
    os.makedirs(step)
    try:
        shutil.copy(world.annual, os.path.join(step, "ANNUAL_TSM.tif"))
        add_layer(qgis_iface, str(alone / "trend_A.tif"), "Trend A")
        inspector.inspect(QgsPointXY(lon, lat))
        wait_until_shown(inspector)
    finally:
        shutil.rmtree(step)
    series = inspector.dock.series
    assert series.files["annual"] == os.path.join(step, "ANNUAL_TSM.tif")
    assert series.files["seasonal_0_10"] == os.path.abspath(world.seasonal["0_10"])  # its run's TSMV_FILES
    np.testing.assert_array_equal(series.annual[1], expected(world, row, col)["annual"])


def test_every_trend_run_of_the_annual_series_gives_its_sen_line(world, tmp_path):
    from tsmv.tsmv_qgis.report.inspect import pixel_series
    from tsmv.tsmv_qgis.steps.trend import run_trend
    (row, col, lon, lat), _ = land_cell(world)
    early = str(tmp_path / "trend_early.tif")
    run_trend(world.annual, early, start_year=2001, end_year=2004, min_years=3, confidence=0)
    series = pixel_series(world.trend, lon, lat, [early])
    assert [(t.start, t.end) for t in series.trends] == [(2000, 2005), (2001, 2004)]
    trend = series.trends[1]
    bands = gdal_pixel(early, row, col)
    assert trend.lower is None and trend.upper is None  # CONFIDENCE 0 writes no interval
    years, line = trend.line()
    np.testing.assert_array_equal(years, [2001, 2002, 2003, 2004])
    np.testing.assert_allclose(line, [bands["intercept"] + bands["slope"] * (y - 2001) for y in years], rtol=1e-12)
    names = {name for name, _, _ in series.rows()}
    assert "Sen line 2001-2004" in names and "Sen line 2001-2004 lower" not in names


def test_of_two_attribution_runs_as_near_the_one_of_the_clicked_period_is_shown(world, tmp_path):
    """Trends and attributions of periods A and B all come from one seasons run: the trend map
    of a period shows the contributions of that period."""
    from tsmv.tsmv_qgis.report.inspect import pixel_series
    from tsmv.tsmv_qgis.steps.attribution import run_attribution
    from tsmv.tsmv_qgis.steps.trend import run_trend
    (row, col, lon, lat), _ = land_cell(world)
    p = lambda name: str(tmp_path / name)  # noqa: E731
    run_attribution(world.seasonal, {"components": p("components_b.tif"), "omega": p("omega_b.tif"),
                                     "by_season": p("s.tif"), "by_depth": p("d.tif"), "by_dynamic": p("y.tif"),
                                     "dominant": p("dom.tif"), "table": p("t.csv")}, 2001, 2005)
    run_trend(world.annual, p("trend_b.tif"), start_year=2001, end_year=2005, min_years=3)
    project = [p("components_b.tif"), p("trend_b.tif")]
    a = pixel_series(world.trend, lon, lat, project)
    b = pixel_series(p("trend_b.tif"), lon, lat, [world.trend, world.annual, world.components, world.gpp,
                                                   os.path.join(world.root, "r.tif")])
    assert a.missing == b.missing == []
    assert (a.attribution_period, b.attribution_period) == ("2000-2005", "2001-2005")
    assert dict(zip(b.contribution_labels, b.contributions)) == gdal_pixel(p("components_b.tif"), row, col)
    assert dict(zip(b.omega_labels, b.omega)) == gdal_pixel(p("omega_b.tif"), row, col)
    assert [(t.start, t.end) for t in a.trends] == [(t.start, t.end) for t in b.trends] == [(2000, 2005), (2001, 2005)]


def test_the_dock_speaks_chinese_with_the_chinese_translation(qgis_iface, world):
    """With TSMV's zh_CN translation installed (as QGIS started with --lang zh-Hans installs it),
    the action, the dock's texts and what it says of a layer that is not TSMV's are Chinese."""
    import re
    from qgis.core import QgsPointXY, QgsProject
    from qgis.PyQt.QtCore import QCoreApplication, QTranslator
    from tsmv.gui.inspector import Inspector
    cjk = re.compile(r"[\u4e00-\u9fff]")
    translator = QTranslator()
    root = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
    assert translator.load(os.path.join(root, "i18n", "tsmv_zh_CN.qm"))
    QCoreApplication.installTranslator(translator)
    tool = Inspector(qgis_iface)
    try:
        tool.add()
        tool.action.trigger()
        add_layer(qgis_iface, world.igbp, "IGBP")
        tool.inspect(QgsPointXY(-5.0, 35.0))
        wait_until_shown(tool)
        texts = [tool.action.text(), tool.dock.windowTitle(), tool.dock.export_button.text(),
                 tool.dock.message.text()]
        assert all(cjk.search(t) for t in texts), texts
        assert "igbp.tif" in tool.dock.message.text()
    finally:
        QCoreApplication.removeTranslator(translator)
        tool.remove()
        QgsProject.instance().removeAllMapLayers()
