"""tsmv:report as complete as the paper: the numbers of its figures against independent oracles,
maps that colour every valid cell, coverage and GLDAS versions, provenance, rounding, and the page
as headless Chromium renders it (every image decodes, nothing reaches past the window)."""
import csv
import datetime
import html
import html.parser
import json
import os
import re
import sys

import numpy as np
import pytest
from osgeo import gdal
from scipy.stats import norm

from conftest import ROOT, area_mean, write_stack
from tsmv.tsmv_qgis.errors import TsmvError
from tsmv.tsmv_qgis.report import make_report
from tsmv.tsmv_qgis.report.figures import NAN_GREY, _pyplot, scale
from tsmv.tsmv_qgis.report.formatting import fmt_sig
from tsmv.tsmv_qgis.report.inputs import Layout, _open_seasonal
from tsmv.tsmv_qgis.report.maps import coastlines, draw_map
from tsmv.tsmv_qgis.report.statistics import (detrended_iav, distributions, seasonal_global_means, seasonal_trends,
                                              weighted_quantiles)
from tsmv.tsmv_qgis.steps.attribution import COMPONENT_LABELS, DYNAMICS, TABLE_HEADER as ATTRIBUTION_HEADER
from tsmv.tsmv_qgis.steps.correlation import BAND_LABELS, ROOT_ZONE_LABELS, TABLE_HEADER as CORRELATION_HEADER
from tsmv.tsmv_qgis.io.coverage import coverage_text
from tsmv.tsmv_qgis.labels import LAYER_KEYS, LAYER_LABELS, SEASONS
from tsmv.tsmv_qgis.steps.qc import QC_HEADER
from tsmv.tsmv_qgis.io.raster import Grid, Stack
from tsmv.tsmv_qgis.steps.trend import BANDS, SUMMARY_HEADER

sys.path.insert(0, os.path.join(ROOT, "scripts"))
import make_report_shots  # noqa: E402

DEPTHS = ["%s cm" % d for d in LAYER_LABELS]
YEARS = list(range(1995, 2007))
PERIODS = {"A": (1995, 1999), "B": (2000, 2006)}
#: Western Europe at 1 degree: land and sea, so that the coastlines cross the maps.
GEO = (-10.0, 1.0, 0.0, 60.0, 0.0, -1.0)
ROWS, COLS = 25, 30
WORLD_MAP = "/usr/share/qgis/resources/data/world_map.gpkg"


def set_band_versions(path, versions):
    ds = gdal.Open(str(path), gdal.GA_Update)
    for b, v in enumerate(versions):
        ds.GetRasterBand(b + 1).SetMetadataItem("GLDAS_VERSION", v)
    ds = None


def version(year):
    return "2.0" if year < 2000 else "2.1"


def write_csv(path, header, rows):
    with open(path, "w", encoding="utf-8", newline="") as f:
        writer = csv.writer(f, lineterminator="\n")
        writer.writerow(header)
        writer.writerows(rows)
    return str(path)


def coverage_json(pixels, kept, **dropped):
    return json.dumps({"pixels": pixels, "kept": kept, "dropped": dropped})


@pytest.fixture(scope="module")
def world(tmp_path_factory):
    """Every input the report reads, small, written with GDAL directly; returns (make_report
    keywords, the arrays behind them)."""
    d = tmp_path_factory.mktemp("report_in")
    rng = np.random.default_rng(7)
    lat = GEO[3] - (np.arange(ROWS) + 0.5)
    land = (rng.uniform(size=(ROWS, COLS)) < 0.7)
    land[3, 4] = land[6, 7] = True  # the two pixels with a gap below
    base = np.array([25.0, 80.0, 160.0, 280.0])
    n = len(YEARS)
    # SM[t, s, d, y, x]: a trend that changes at 2000, season offsets, noise; sea is NaN
    t = np.array(YEARS, float)[:, None, None, None, None]
    sm = (base[None, None, :, None, None] * (1 + 0.05 * np.arange(4)[None, :, None, None, None])
          + np.where(t < 2000, 0.3, -0.8) * (t - 2000) + rng.normal(0, 3, (n, 4, 4, ROWS, COLS)))
    sm[:, :, :, ~land] = np.nan
    sm[5, 2, 1, 3, 4] = np.nan  # one missing season-year: this pixel leaves the 2000-2006 IAV
    sm[1, 0, 0, 6, 7] = np.nan  # and this one leaves 1995-1999
    meta = {"TSMV_KIND": "soil moisture", "UNITS": "kg m-2", "GLDAS_VERSIONS": "2.0 2.1", "RANK_BY": "total"}
    seasonal = {}
    for di, (key, label) in enumerate(zip(LAYER_KEYS, LAYER_LABELS)):
        path = write_stack(d / ("seasonal_%s.tif" % key), sm[:, :, di].reshape(n * 4, ROWS, COLS),
                           ["%d %s" % (y, s) for y in YEARS for s in SEASONS], GEO,
                           dict(meta, TSMV_LAYER=label + " cm"))
        set_band_versions(path, [version(y) for y in YEARS for _ in SEASONS])
        seasonal[key] = path
    annual = sm.mean(axis=1).sum(axis=1)  # (t, y, x)
    annual_path = write_stack(d / "annual.tif", annual, [str(y) for y in YEARS], GEO, meta)
    set_band_versions(annual_path, [version(y) for y in YEARS])
    pixels, kept = ROWS * COLS, int(land.sum())
    trends, summaries, components, tables = [], [], [], []
    for p, (start, end) in PERIODS.items():
        stats = rng.normal(0, 1, (7, ROWS, COLS))
        stats[:, ~land] = np.nan
        trends.append(("TREND_" + p, write_stack(
            d / ("trend_%s.tif" % p), stats, BANDS, GEO,
            {"TSMV_KIND": "trend", "START_YEAR": str(start), "END_YEAR": str(end), "UNITS": "kg m-2 per year",
             "ALPHA": "0.05", "METHOD": "original", "GLDAS_VERSIONS": " ".join(sorted({version(y) for y in range(start, end + 1)})),
             "TSMV_COVERAGE": coverage_json(pixels, kept, **{"no data in the period": pixels - kept})})))
        summaries.append(("SUMMARY_" + p, write_csv(
            d / ("summary_%s.csv" % p), SUMMARY_HEADER,
            [[start, end, "original", 0.05, False, kept, -0.8734, -0.91, 68.456, 31.544, 40.1234, 10.0,
              25.561, 7.634, 2.0]])))
        rc = rng.uniform(0, 6.25, (32, ROWS, COLS))
        rc[:, ~land] = np.nan
        components.append(("COMPONENTS_" + p, write_stack(
            d / ("components_%s.tif" % p), rc, COMPONENT_LABELS, GEO,
            {"TSMV_KIND": "attribution", "START_YEAR": str(start), "END_YEAR": str(end), "UNITS": "%",
             "TSMV_COVERAGE": coverage_json(pixels, kept - 3, **{"no data in the period": pixels - kept,
                                                                  "a missing season-year in the period": 3})})))
        # the table of these components, as tsmv:attribution writes them together
        omega = rng.uniform(0.5, 1.5, 16)  # one per season and depth, on its Trend and IAV rows
        rows = [[k + 1, c, s, dd, "%.6f" % area_mean(rc[k], lat), "%.6f" % rng.uniform(0, 8),
                 "%.6f" % omega[k % 16], int(np.isfinite(rc[k]).sum())]
                for k, (c, s, dd) in enumerate((c, s, dd) for c in DYNAMICS for s in SEASONS for dd in DEPTHS)]
        tables.append(("ATTRIBUTION_TABLE_" + p, write_csv(d / ("attribution_%s.csv" % p), ATTRIBUTION_HEADER, rows)))
    eco = rng.integers(1, 5, (1, ROWS, COLS)).astype(float)
    eco[:, ~land] = np.nan
    eco_path = write_stack(d / "eco.tif", eco, ["ecosystem"], GEO, {"TSMV_KIND": "ecosystems"})
    corr = {"START_YEAR": "2000", "END_YEAR": "2006", "TSMV_KIND": "correlation", "GLDAS_VERSIONS": "2.1",
            "TSMV_COVERAGE": coverage_json(pixels, kept - 5, **{"no soil moisture in the period": pixels - kept,
                                                                "no GPP in the period": 5})}
    r = np.clip(rng.normal(0.2, 0.3, (16, ROWS, COLS)), -1, 1)
    p_values = rng.uniform(0, 1, (16, ROWS, COLS))
    r_root = np.clip(rng.normal(0.3, 0.3, (4, ROWS, COLS)), -1, 1)
    p_root = rng.uniform(0, 1, (4, ROWS, COLS))
    for a in (r, p_values, r_root, p_root):
        a[:, ~land] = np.nan
    r_path = write_stack(d / "r.tif", r, BAND_LABELS, GEO, dict(corr, TSMV_VALUE="pearson r"))
    p_path = write_stack(d / "p.tif", p_values, BAND_LABELS, GEO, dict(corr, TSMV_VALUE="p-value"))
    rr_path = write_stack(d / "r_root.tif", r_root, ROOT_ZONE_LABELS, GEO, dict(corr, TSMV_VALUE="pearson r"))
    pr_path = write_stack(d / "p_root.tif", p_root, ROOT_ZONE_LABELS, GEO, dict(corr, TSMV_VALUE="p-value"))
    table = []
    for g in ("Global", "Forests", "Shrublands", "Grasslands", "Croplands"):
        for k in range(20):
            s, depth = (SEASONS[k // 4], DEPTHS[k % 4]) if k < 16 else (SEASONS[k - 16], "10-100 cm")
            mean_r, pixels = "%.6f" % rng.uniform(-0.3, 0.6), 100
            if g == "Global" and k < 16:  # the R written with it
                mean_r, pixels = "%.6f" % area_mean(r[k], lat), int(np.isfinite(r[k]).sum())
            table.append([g, s, depth, pixels, mean_r, "%.6f" % rng.uniform(0, 0.5), 30, "%.4f" % rng.uniform(0, 60),
                          "p < 0.05"])
    kwargs = {
        "annual_tsm": annual_path, "seasonal": seasonal, "trends": trends, "trend_summaries": summaries,
        "components": components, "attribution_tables": tables,
        "correlation_table": write_csv(d / "correlation.csv", CORRELATION_HEADER, table),
        "qc_report": write_csv(d / "qc.csv", QC_HEADER, [["0-10 cm", 123456, 25, "0.020250", 12, 13, 99.9]]),
        "correlation_r": r_path, "correlation_p": p_path, "ecosystems": eco_path,
        "root_zone_r": rr_path, "root_zone_p": pr_path,
        "coastlines_path": WORLD_MAP if os.path.exists(WORLD_MAP) else None,
        "parameters": {"ANNUAL_TSM": annual_path, "R": r_path, "QC_REPORT": None},
        "versions": {"QGIS": "3.99.0-Test"}}
    arrays = {"sm": sm, "lat": lat, "land": land, "r": r, "p": p_values, "eco": eco[0], "r_root": r_root}
    return kwargs, arrays


@pytest.fixture(scope="module")
def made(world, tmp_path_factory):
    """The report of every input: (path, titles, log)."""
    kwargs, _ = world
    out = str(tmp_path_factory.mktemp("report_out") / "report.html")
    heard = []
    titles = make_report(out, log=heard.append, **kwargs)
    return out, titles, heard


class Page(html.parser.HTMLParser):
    """The visible text (without <nav>, <style>), figure captions, sections, tables and asides."""

    def __init__(self, text):
        super().__init__()
        self.visible, self.captions, self.sections, self.tables, self.asides = [], [], [], {}, []
        self._skip = 0
        self._stack = []
        self._table = self._row = None
        self._cell = self._caption = self._aside = None
        self.feed(text)

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag in ("nav", "style", "script", "title"):
            self._skip += 1
        if tag == "section":
            self.sections.append(attrs["id"])
        elif tag == "figcaption":
            self._caption = ""
        elif tag == "aside":
            self._aside = ""
        elif tag == "table":
            self._table = self.tables.setdefault(attrs["data-title"], [])
        elif tag == "tr" and self._table is not None:
            self._row = []
        elif tag in ("td", "th"):
            self._cell = ""

    def handle_endtag(self, tag):
        if tag in ("nav", "style", "script", "title"):
            self._skip -= 1
        elif tag == "figcaption":
            self.captions.append(self._caption)
            self._caption = None
        elif tag == "aside":
            self.asides.append(self._aside)
            self._aside = None
        elif tag in ("td", "th") and self._row is not None:
            self._row.append(self._cell)
            self._cell = None
        elif tag == "tr" and self._row is not None:
            self._table.append(self._row)
            self._row = None
        elif tag == "table":
            self._table = None

    def handle_data(self, data):
        if not self._skip:
            self.visible.append(data)
        for name in ("_caption", "_aside", "_cell"):
            if getattr(self, name) is not None:
                setattr(self, name, getattr(self, name) + data)


def page_of(path):
    with open(path, encoding="utf-8") as f:
        return Page(f.read())


def rows_of(path):
    with open(path, newline="", encoding="utf-8") as f:
        return list(csv.DictReader(f))


# --- the numbers behind the figures, against independent oracles ---------------------------

def weighted_global_means(a, lat):
    """Area-weighted mean over the finite cells of each leading slice of a (..., y, x)."""
    w = np.broadcast_to(np.cos(np.deg2rad(lat))[:, None], a.shape[-2:])
    valid = np.isfinite(a)
    return np.where(valid, a * w, 0).sum(axis=(-2, -1)) / (valid * w).sum(axis=(-2, -1))


def test_fig_1c_is_the_sen_slope_and_mann_kendall_of_the_global_means(world):
    import pymannkendall as pmk
    kwargs, arrays = world
    stacks = _open_seasonal(kwargs["seasonal"], Layout())
    years, means = seasonal_global_means(stacks)
    expected = weighted_global_means(arrays["sm"], arrays["lat"])  # (t, s, d)
    assert years == YEARS
    np.testing.assert_allclose(means, expected, rtol=1e-6)
    periods = list(PERIODS.values())
    slope, p = seasonal_trends(years, means, periods)
    for i, (start, end) in enumerate(periods):
        inside = [k for k, y in enumerate(years) if start <= y <= end]
        for s in range(4):
            for d in range(4):
                x = expected[inside, s, d]
                pairs = [(x[j] - x[i0]) / (j - i0) for i0 in range(len(x)) for j in range(i0 + 1, len(x))]
                assert slope[i, s, d] == pytest.approx(np.median(pairs), rel=1e-5)
                assert p[i, s, d] == pytest.approx(pmk.original_test(x).p, rel=1e-5)


def test_fig_1d_is_the_std_of_polyfit_residuals_averaged_by_area(world):
    kwargs, arrays = world
    stacks = _open_seasonal(kwargs["seasonal"], Layout())
    periods = [(YEARS[0], YEARS[-1])] + list(PERIODS.values())
    iav = detrended_iav(stacks, periods)
    sm, lat = arrays["sm"], arrays["lat"]
    for i, (start, end) in enumerate(periods):
        inside = [k for k, y in enumerate(YEARS) if start <= y <= end]
        x = sm[inside].reshape(len(inside), 16, ROWS * COLS)
        complete = np.isfinite(x).all(axis=(0, 1))
        assert iav.pixels[i] == complete.sum() == arrays["land"].sum() - (2 if i == 0 else 1)  # gaps left
        t = np.array(YEARS, float)[inside]
        y = x[:, :, complete].reshape(len(inside), -1)
        fit = np.polyfit(t, y, 1)
        residual = y - (np.outer(t, fit[0]) + fit[1])
        std = residual.std(axis=0).reshape(16, -1)
        w = np.repeat(np.cos(np.deg2rad(lat)), COLS)[complete]
        np.testing.assert_allclose(iav.sd[i].ravel(), (std * w).sum(axis=1) / w.sum(), rtol=1e-6)


def test_fig_1d_is_the_iav_relative_to_each_layers_storage_over_the_whole_record(world):
    """The paper's Fig. 1d: detrended SD / mean in percent, per season and layer, 1995-2006 here;
    a literal per-layer loop over the pixels complete in the whole record."""
    kwargs, arrays = world
    stacks = _open_seasonal(kwargs["seasonal"], Layout())
    iav = detrended_iav(stacks, [(YEARS[0], YEARS[-1])])
    sm, lat = arrays["sm"], arrays["lat"]
    t = np.array(YEARS, float)
    w_lat = np.cos(np.deg2rad(lat))
    complete = np.isfinite(sm).all(axis=(0, 1, 2))
    expected = np.zeros((4, 4))
    for s in range(4):
        for d in range(4):
            sds, means, weights = [], [], []
            for row in range(ROWS):
                for col in range(COLS):
                    if complete[row, col]:
                        series = sm[:, s, d, row, col]
                        slope, intercept = np.polyfit(t, series, 1)
                        sds.append(np.std(series - (slope * t + intercept)))
                        means.append(series.mean())
                        weights.append(w_lat[row])
            expected[s, d] = 100 * np.average(sds, weights=weights) / np.average(means, weights=weights)
    np.testing.assert_allclose(iav.relative[0], expected, rtol=1e-6)
    # the top layer (about 25 kg m-2) varies most relative to its storage, the bottom (280) least
    assert (iav.relative[0][:, 0] > iav.relative[0][:, 3]).all()


def test_fig_1a_means_the_pixels_valid_in_every_year(world, tmp_path):
    """A pixel missing in one year leaves Fig. 1a's pixels: the other years' means do not move."""
    kwargs, arrays = world
    annual = arrays["sm"].mean(axis=1).sum(axis=1)  # (t, y, x); two land pixels miss a year
    annual[3, 10, 12] = np.nan  # and this one misses 1998 alone
    assert np.isfinite(annual[:, 10, 12]).sum() == len(YEARS) - 1
    path = write_stack(tmp_path / "annual.tif", annual, [str(y) for y in YEARS], GEO, {"TSMV_KIND": "soil moisture",
                                                                                      "UNITS": "kg m-2"})
    from tsmv.tsmv_qgis.report.statistics import area_means
    counts, means = area_means(Stack(path), common=True)
    annual = annual.astype(np.float32).astype(np.float64)  # as the GeoTIFF holds it
    w = np.cos(np.deg2rad(arrays["lat"]))
    every = np.isfinite(annual).all(axis=0)
    assert (counts == every.sum()).all() and every.sum() == arrays["land"].sum() - 3
    for k in range(len(YEARS)):
        total = weight = 0.0
        for row in range(ROWS):
            for col in range(COLS):
                if every[row, col]:
                    total += annual[k, row, col] * w[row]
                    weight += w[row]
        assert means[k] == pytest.approx(total / weight, rel=1e-9)
    # the mean over each year's own pixels would have moved in 1998 (and where the others miss)
    assert area_means(Stack(path))[1][3] != pytest.approx(means[3], rel=1e-9)


def test_weighted_quantiles_are_hazen_percentiles():
    rng = np.random.default_rng(3)
    v = rng.normal(size=101)
    q = [0.05, 0.25, 0.5, 0.75, 0.95]
    np.testing.assert_allclose(weighted_quantiles(v, np.ones(101), q),
                               np.percentile(v, np.array(q) * 100, method="hazen"))
    w = rng.integers(1, 4, 101)
    for quantile, x in zip(q, weighted_quantiles(v, w, q)):  # the weight up to x is q of the whole
        assert abs(w[v <= x].sum() - quantile * w.sum()) <= w.max()
    # by hand: 0 weighs 3, 1 weighs 1; their middles stand at 1.5/4 and 3.5/4 of the weight
    assert weighted_quantiles([1.0, 0.0], [1, 3], [0.5, 0.375, 0.875, 0.1]).tolist() == [0.25, 0.0, 1.0, 0.0]


def test_fig_4a_boxes_by_ecosystem_against_numpy(world):
    kwargs, arrays = world
    r, eco, lat = arrays["r"], arrays["eco"], arrays["lat"]
    w = np.repeat(np.cos(np.deg2rad(lat)), COLS)
    groups = [np.ones(ROWS * COLS, bool)] + [eco.ravel() == c for c in (1, 2, 3, 4)]
    stats = distributions(r.reshape(16, -1), groups, w)
    for g, member in enumerate(groups):
        for k in (0, 7, 15):
            ok = member & np.isfinite(r[k].ravel())
            values = r[k].ravel()[ok]
            assert stats[g][k]["n"] == ok.sum()
            assert stats[g][k]["mean"] == pytest.approx(np.average(values, weights=w[ok]))
            assert stats[g][k]["whislo"] <= stats[g][k]["q1"] <= stats[g][k]["med"] <= stats[g][k]["q3"]


def test_section_3_2_table_sums_the_attribution_table(made, world):
    kwargs, _ = world
    page = page_of(made[0])
    table = page.tables["Contributions to Var(TSM) by season, depth and dynamic, area-weighted (§3.2)"]
    header, body = table[0], {row[0]: row[1:] for row in table[1:]}
    assert header == ["component", "1995-1999 (%)", "2000-2006 (%)", "change (points)"]
    totals = []
    for _, path in kwargs["attribution_tables"]:
        rows = rows_of(path)
        totals.append({key: sum(float(r["mean_percent"]) for r in rows if key in (r["season"], r["depth"], r["dynamic"]))
                       for key in list(SEASONS) + DEPTHS + list(DYNAMICS)})
    for key in totals[0]:
        group = "season" if key in SEASONS else "dynamic" if key in DYNAMICS else "depth"
        shown = body["%s (%s)" % (key, group)]
        assert shown[:2] == ["%.1f" % totals[0][key], "%.1f" % totals[1][key]]
        assert float(shown[2]) == pytest.approx(totals[1][key] - totals[0][key], abs=0.005)


def test_table_1_has_the_summary_and_the_global_mean_trend(made, world):
    kwargs, arrays = world
    table = page_of(made[0]).tables["Trend of total soil moisture by period (§3.1)"]
    body = {row[0]: row[1:] for row in table[1:]}
    assert table[0] == ["quantity", "1995-1999", "2000-2006"]
    assert body["Area decreasing (%)"] == ["68.5", "68.5"]  # 68.456, one decimal
    assert body["Mean Sen slope, area-weighted (kg m-2 per year)"] == ["-0.873", "-0.873"]
    assert body["Area decreasing faster than 2 kg m-2 per year (%)"] == ["25.6", "25.6"]
    annual = arrays["sm"].mean(axis=1).sum(axis=1)
    annual = weighted_global_means(np.where(np.isfinite(annual).all(axis=0), annual, np.nan), arrays["lat"])
    for i, (start, end) in enumerate(PERIODS.values()):
        x = annual[[k for k, y in enumerate(YEARS) if start <= y <= end]]
        pairs = [(x[j] - x[k]) / (j - k) for k in range(len(x)) for j in range(k + 1, len(x))]
        assert body["Sen slope of the global mean TSM (kg m-2 per year)"][i] == fmt_sig(np.median(pairs), 3)
        # its 95% interval (Gilbert 1987), literally: no ties, so Var(S) = n(n-1)(2n+5)/18; ranks as R rounds
        n, pairs = len(x), sorted(pairs)
        c = norm.ppf(0.975) * np.sqrt(n * (n - 1) * (2 * n + 5) / 18)
        lower, upper = pairs[round((len(pairs) - c) / 2) - 1], pairs[round((len(pairs) + c) / 2 + 1) - 1]
        assert body["95% interval of that slope (Gilbert 1987; kg m-2 per year)"][i] == \
            "%s to %s" % (fmt_sig(lower, 3), fmt_sig(upper, 3))


def figure_rgb(path, key):
    """The pixels (rows, cols, RGB 0-255) of the report's figure ``key`` (its embedded PNG)."""
    import base64
    import io
    import matplotlib.image
    with open(path, encoding="utf-8") as f:
        found = re.search(r'<figure id="%s">.*?src="data:image/png;base64,([^"]+)"' % key, f.read(), re.S)
    rgb = matplotlib.image.imread(io.BytesIO(base64.b64decode(found.group(1))), format="png")[:, :, :3]
    return np.round(rgb * 255).astype(int)


def test_trends_are_drawn_in_the_colours_of_their_qgis_style(made):
    """Drying is red in QGIS (the TREND's slope band style): the report's Fig. 1c and S1 draw it
    in the same ramp, whose ends (where the scale saturates) appear as the style writes them."""
    from tsmv.tsmv_qgis.io.style import diverging

    class Samples:
        def all(self):
            return np.array([-1.0, 1.0])
    qml = diverging("kg m-2 per year")(Samples())
    stops = re.findall(r'<item [^>]*value="([^"]+)"[^>]*color="(#[0-9a-f]{6})"', qml)
    assert len(stops) == 7
    low, high = (np.array([int(c[i:i + 2], 16) for i in (1, 3, 5)]) for c in (stops[0][1], stops[-1][1]))
    assert float(stops[0][0]) < 0 < float(stops[-1][0]) and low[0] > low[2] and high[2] > high[0]  # red, blue
    for key, ends in (("fig-s1", (low, high)), ("fig-1c", (low,))):  # 1c: the steepest slope is a drying
        rgb = figure_rgb(made[0], key)
        for colour in ends:
            assert (np.abs(rgb - colour).sum(axis=2) <= 3).any(), (key, colour)
        brown = np.array([84, 48, 5])  # the low end of BrBG, the report's earlier ramp
        assert not (np.abs(rgb - brown).sum(axis=2) <= 12).any(), key


# --- maps --------------------------------------------------------------------------------

def coloured_share(array, grid, width_in):
    """The share of the rendered axes' pixels that are not the no-value grey (no coastlines)."""
    plt = _pyplot()
    from matplotlib.colors import to_rgb
    fig, ax = plt.subplots(figsize=(width_in, width_in * grid.height / grid.width))
    fig.subplots_adjust(0, 0, 1, 1)
    draw_map(ax, array, grid, scale(array, "share"))
    ax.set_axis_off()
    fig.canvas.draw()
    rgb = np.asarray(fig.canvas.buffer_rgba())[:, :, :3].astype(int)
    box = ax.get_window_extent()  # display pixels, from the bottom left
    height = rgb.shape[0]
    rgb = rgb[int(round(height - box.y1)):int(round(height - box.y0)), int(round(box.x0)):int(round(box.x1))]
    assert rgb.shape[0] > 0.95 * box.height and rgb.shape[1] > 0.95 * box.width
    plt.close(fig)
    grey = np.array([round(255 * c) for c in to_rgb(NAN_GREY)])
    is_grey = np.abs(rgb - grey).sum(axis=2) <= 6
    is_paper = (rgb == 255).all(axis=2)  # outside the image, if the axes' box rounds past it
    return (~is_grey & ~is_paper).sum() / (~is_paper).sum()


@pytest.mark.parametrize("cells, width_in", [((150, 360), 6.0), ((600, 1440), 6.0), ((25, 30), 3.0)],
                         ids=["1deg-upsampled", "0.25deg-downsampled", "small"])
def test_maps_colour_every_valid_cell(cells, width_in):
    """12 % of the cells valid, scattered: the map colours 12 % of its area (matplotlib's
    default antialiasing left about 0.5 %: a NaN neighbour blanked most valid cells)."""
    rng = np.random.default_rng(5)
    array = np.where(rng.uniform(size=cells) < 0.12, rng.uniform(1, 10, cells), np.nan)
    grid = Grid(-180.0, 90.0, 360.0 / cells[1], 150.0 / cells[0], cells[1], cells[0])
    valid = np.isfinite(array).mean()
    assert coloured_share(array, grid, width_in) == pytest.approx(valid, abs=0.012)


def test_no_value_grey_is_not_the_colour_of_zero():
    from matplotlib.colors import to_rgb
    grey = np.array(to_rgb(NAN_GREY))
    for colours in (scale([-3.0, 1.0, 2.0], "signed"), scale([0.0, 5.0, 10.0], "share"),
                    scale([-1.0, 1.0], "signed", cmap="BrBG"), scale([0.0, 1.0], "share", cmap="YlOrBr")):
        zero = np.array(colours.cmap(colours.norm(0.0))[:3])
        assert np.abs(zero - grey).sum() > 0.3, (colours.cmap.name, zero)
        assert np.allclose(colours.cmap.get_bad()[:3], grey)
    assert scale([-1.0, 4.0], "auto", q=100).norm.vmin == -4.0  # a signed term: diverging, centred at 0
    assert scale([0.5, 4.0], "auto", q=100).norm.vmin == 0.0  # a share: sequential from 0


def test_degree_ticks():
    plt = _pyplot()
    fig, ax = plt.subplots()
    grid = Grid(-180.0, 90.0, 1.0, 1.0, 360, 150)
    draw_map(ax, np.ones((150, 360)), grid, scale([1.0], "share"))
    fig.canvas.draw()
    assert [t.get_text() for t in ax.get_xticklabels()] == ["180°W", "120°W", "60°W", "0°", "60°E", "120°E", "180°E"]
    assert [t.get_text() for t in ax.get_yticklabels()] == ["60°S", "30°S", "0°", "30°N", "60°N", "90°N"]
    assert [im.get_interpolation() for im in ax.get_images()] == ["nearest"]
    plt.close(fig)


@pytest.mark.skipif(not os.path.exists(WORLD_MAP), reason="QGIS's world map is not installed here")
def test_coastlines_from_the_world_map_qgis_ships():
    (x, y), problem = coastlines(WORLD_MAP)
    assert problem is None and x.size > 10000 and np.isnan(x).sum() > 1000
    segment = np.isfinite(x[:-1] + x[1:])
    along_cut = segment & (np.abs(x[:-1]) >= 179.85) & (np.abs(x[1:]) >= 179.85)
    assert not along_cut.any()  # the map's cut at the antimeridian is no coast
    # Land borders are gone: the Franco-Spanish border (Pyrenees, ~1 E 42.5 N) is inland.
    near = (np.abs(x - 1.0) < 0.6) & (np.abs(y - 42.6) < 0.2)
    assert not near.any()
    assert ((np.abs(x + 9.3) < 0.5) & (np.abs(y - 40.0) < 0.5)).any()  # the Portuguese coast is drawn


def test_missing_world_map_leaves_maps_without_coastlines(world, tmp_path):
    kwargs, _ = world
    out = str(tmp_path / "r.html")
    make_report(out, **dict(kwargs, coastlines_path=str(tmp_path / "nowhere.gpkg"), components=[],
                               attribution_tables=[], seasonal=None))
    assert "Coastlines: the world map %s does not exist." % (tmp_path / "nowhere.gpkg") in " ".join(
        page_of(out).visible)


# --- coverage, versions, provenance, rounding ------------------------------------------------

def test_coverage_and_version_break_are_stated(made, world):
    kwargs, _ = world
    out, titles, heard = made
    page = page_of(out)
    text = " ".join("".join(page.visible).split())
    assert page.sections == ["coverage", "trends", "attribution", "seasons-depths", "correlation", "tables",
                             "provenance"]
    for name, path in kwargs["trends"] + kwargs["components"] + [("R", kwargs["correlation_r"]),
                                                                  ("R_ROOT_ZONE", kwargs["root_zone_r"])]:
        recorded = json.loads(Stack(path).metadata["TSMV_COVERAGE"])
        assert "(%s): %s" % (name, coverage_text(recorded)) in text, name
    # the ANNUAL_TSM's years: V2.0 before 2000, V2.1 from 2000 - beside Fig. 1a
    aside = " ".join(page.asides[0].split())
    assert "1995-1999: V2.0; 2000-2006: V2.1" in aside
    assert "Trend 2000-2006: kept %s of %s pixels" % (
        format(int(world[1]["land"].sum()), ","), format(ROWS * COLS, ",")) in aside
    assert "mixes GLDAS versions" not in text  # neither period crosses 2000


def test_a_period_across_the_versions_is_warned_beside_fig_1a(world, tmp_path):
    kwargs, _ = world
    across = str(tmp_path / "trend_across.tif")
    gdal.Translate(across, kwargs["trends"][0][1])
    ds = gdal.Open(across, gdal.GA_Update)
    ds.SetMetadataItem("START_YEAR", "1995")
    ds.SetMetadataItem("END_YEAR", "2006")
    ds.SetMetadataItem("GLDAS_VERSIONS", "")
    ds = None
    heard = []
    out = str(tmp_path / "r.html")
    make_report(out, kwargs["annual_tsm"], trends=[("TREND_A", across)], log=heard.append,
                   coastlines_path=kwargs["coastlines_path"])
    page = page_of(out)
    warning = [m for m in heard if m.startswith("Warning: The period 1995-2006 mixes GLDAS versions V2.0 and V2.1")]
    assert len(warning) == 1 and "Li et al. 2025 split the record at 2000" in warning[0]
    assert warning[0] in " ".join(page.asides[0].split())


def test_outputs_of_an_older_tsmv_count_their_pixels(world, tmp_path):
    """Without TSMV_COVERAGE the report counts the pixels with a value and says the reasons were
    not recorded; without GLDAS versions it says it cannot tell."""
    kwargs, arrays = world
    old = {}
    for name, path in (("trend", kwargs["trends"][1][1]), ("annual", kwargs["annual_tsm"])):
        old[name] = str(tmp_path / (name + ".tif"))
        gdal.Translate(old[name], path)
        ds = gdal.Open(old[name], gdal.GA_Update)
        meta = {k: v for k, v in ds.GetMetadata().items() if k not in ("TSMV_COVERAGE", "GLDAS_VERSIONS")}
        ds.SetMetadata(meta)
        for b in range(ds.RasterCount):
            ds.GetRasterBand(b + 1).SetMetadata({})
        ds = None
    out = str(tmp_path / "r.html")
    make_report(out, old["annual"], trends=[("TREND_B", old["trend"])])
    text = " ".join("".join(page_of(out).visible).split())
    kept = int(np.isfinite(Stack(old["trend"]).read(0, ROWS, [0])).sum())
    assert kept == arrays["land"].sum()
    assert ("kept {:,} of {:,} pixels ({:.1f} %); dropped: {:,} reasons not recorded".format(
        kept, ROWS * COLS, 100.0 * kept / (ROWS * COLS), ROWS * COLS - kept)) in text
    assert "does not record the GLDAS version of its years" in text


def test_provenance_names_inputs_versions_parameters_and_date(made, world):
    kwargs, _ = world
    page = page_of(made[0])
    software = {row[0]: row[1] for row in page.tables["Software"][1:]}
    with open(os.path.join(ROOT, "metadata.txt"), encoding="utf-8") as f:
        tsmv = re.search(r"^version=(.+)$", f.read(), re.M).group(1).strip()
    assert software["TSMV"] == tsmv and software["QGIS"] == "3.99.0-Test" and software["GDAL"] == gdal.__version__
    assert software["numpy"] == np.__version__ and "matplotlib" in software
    inputs = {row[0]: row[1] for row in page.tables["Inputs"][1:]}
    assert inputs["R_ROOT_ZONE"] == kwargs["root_zone_r"] and inputs["CORRELATION_TABLE"] == kwargs["correlation_table"]
    assert inputs["SEASONAL_40_100"] == kwargs["seasonal"]["40_100"] and len(inputs) == 20
    parameters = {row[0]: row[1] for row in page.tables["Parameters"][1:]}
    assert parameters == {"ANNUAL_TSM": kwargs["annual_tsm"], "R": kwargs["correlation_r"], "QC_REPORT": "not set"}
    assert "Made %s" % datetime.date.today().isoformat() in "".join(page.visible)


def test_every_figure_once_and_titles_printed_once(made, world, monkeypatch):
    out, titles, _ = made
    numbers = ["Fig. 1a.", "Fig. 1b.", "Fig. 1c.", "Fig. 1d.", "Fig. S1.", "Fig. 2 (1995-1999).", "Fig. 2 (2000-2006).",
               "Fig. 3.", "Fig. 4a.", "Fig. 4b.", "Fig. 4c.", "Fig. 4d.", "Fig. S2.", "Fig. S3."]
    assert len(titles) == len(numbers) and all(t.startswith(n + " ") for t, n in zip(titles, numbers)), titles
    page = page_of(out)
    assert page.captions == titles
    visible = "".join(page.visible)
    for title in titles:
        assert visible.count(title) == 1, title  # in the caption, not again around the figure
    # and never inside the PNG: no figure gets a suptitle
    import matplotlib.figure

    def no_suptitle(*args, **kwargs):
        raise AssertionError("a figure title inside the PNG repeats the caption")
    monkeypatch.setattr(matplotlib.figure.FigureBase, "suptitle", no_suptitle)
    kwargs, _ = world
    make_report(out + ".again.html", **kwargs)


def test_tables_show_numbers_rounded_to_what_they_mean(made, world):
    kwargs, _ = world
    page = page_of(made[0])
    attribution = page.tables["Attribution 1995-1999"]
    source = rows_of(kwargs["attribution_tables"][0][1])
    # one row per season and depth: omega (one number per season and depth) printed once
    assert attribution[0] == ["season", "depth", "Trend % of Var(TSM), area-weighted", "Trend % unweighted",
                              "IAV % of Var(TSM), area-weighted", "IAV % unweighted", "mean ω", "pixels"]
    assert len(attribution) == 1 + 16
    shown = {(row[0], row[1]): row for row in attribution[1:]}
    for row in source:
        cells = shown[(row["season"], row["depth"])]
        assert cells[2 if row["dynamic"] == "Trend" else 4] == "%.1f" % float(row["mean_percent"])
        assert cells[6] == "%.2f" % float(row["mean_omega"])
    assert "".join(page.visible).count("mean ω") == 2  # the two attribution tables' heading, once each
    correlation = page.tables["Correlation with GPP by ecosystem"]
    assert correlation[0][7] == "% of area significant (p < ALPHA per pixel, no FDR correction)"
    for shown, row in zip(correlation[1:], rows_of(kwargs["correlation_table"])):
        ecosystem = ("Global (every pixel, also outside the four ecosystems)" if row["ecosystem"] == "Global"
                     else row["ecosystem"])
        assert shown[:3] == [ecosystem, row["season"], row["depth"]]
        assert shown[4] == "%.2f" % float(row["mean_r"]) and shown[7] == "%.1f" % float(row["percent_significant"])
    assert page.tables["Quality control"][1][3] == "0.02"  # a small share keeps two significant digits
    for title, table in page.tables.items():
        for row in table[1:]:
            for cell in row:
                assert not re.fullmatch(r"-?\d+\.\d{4,}", cell), (title, cell)  # no raw floats


@pytest.mark.parametrize("value, digits, text", [(-0.87342, 3, "-0.873"), (0.1, 2, "0.10"), (18.04, 2, "18"),
                                                 (1234.6, 3, "1235"), (0.000123456, 2, "0.00012"), (0.0, 3, "0")])
def test_significant_digits(value, digits, text):
    assert fmt_sig(value, digits) == text


def test_fig_4a_small_p_values_make_boxes_not_lines(world, tmp_path, monkeypatch):
    """p-values near 0 (where soil moisture and GPP go together, as in the paper's humid season)
    are boxes of a readable height, on a log axis from P_FLOOR to 1."""
    from tsmv.tsmv_qgis.report import figures
    from tsmv.tsmv_qgis.report.section_correlation import P_FLOOR
    kwargs, arrays = world
    small = 10 ** np.random.default_rng(5).uniform(-3.5, -1.5, arrays["p"].shape)  # p from 0.0003 to 0.03
    small[:, ~arrays["land"]] = np.nan
    p_path = write_stack(tmp_path / "p.tif", small, BAND_LABELS, GEO, {"TSMV_KIND": "correlation", "START_YEAR": "2000",
                                                                     "END_YEAR": "2006", "TSMV_VALUE": "p-value"})
    heights = []
    add = figures.Figures.add

    def measured(self, fig, title, key, explain=""):
        if key == "fig-4a":
            fig.canvas.draw()
            ax = [a for a in fig.axes if a.get_title().startswith("p-value")][0]
            assert ax.get_yscale() == "log" and ax.get_ylim() == pytest.approx((P_FLOOR, 1.0))
            heights.extend(patch.get_window_extent().height for patch in ax.patches)
        return add(self, fig, title, key, explain)
    monkeypatch.setattr(figures.Figures, "add", measured)
    make_report(str(tmp_path / "r.html"), kwargs["annual_tsm"], correlation_p=p_path)
    assert len(heights) == 16 and min(heights) > 20  # pixels at 100 dpi: a box, not a line


def test_root_zone_from_the_table_alone(world, tmp_path):
    """Without R_ROOT_ZONE there is no map of the root zone (Fig. 4c): its table rows are the last
    column of Fig. S3; without those rows Fig. S3 has the four layers only."""
    kwargs, _ = world
    out = str(tmp_path / "r.html")
    titles = make_report(out, kwargs["annual_tsm"], correlation_table=kwargs["correlation_table"])
    assert [t[:8] for t in titles] == ["Fig. 1a.", "Fig. S3."]
    assert "and depth (columns, cm, and the root zone)" in open(out, encoding="utf-8").read()
    rows = [r for r in rows_of(kwargs["correlation_table"]) if r["depth"] != "10-100 cm"]
    plain = write_csv(tmp_path / "plain.csv", CORRELATION_HEADER, [list(r.values()) for r in rows])
    titles = make_report(out, kwargs["annual_tsm"], correlation_table=plain)
    assert [t[:8] for t in titles] == ["Fig. 1a.", "Fig. S3."]
    assert "and depth (columns, cm);" in open(out, encoding="utf-8").read()


def test_fig_s3_and_its_table_say_the_rule_of_significance(world, tmp_path):
    """The TABLE's significance column heads Fig. S3's shares and the report's table; a table of
    an older TSMV, without the column, is read as p < ALPHA per pixel."""
    kwargs, _ = world
    rows = rows_of(kwargs["correlation_table"])
    out = str(tmp_path / "r.html")
    cases = [("BH q < 0.05", "% of area significant (BH q < 0.05, Benjamini-Hochberg over the pixels of each "
              "band)", "is significant (BH q < 0.05)."),
             ("p (effective n) < 0.1", "% of area significant (p (effective n) < 0.1 per pixel, no FDR correction)",
              "is significant (p (effective n) < 0.1, each pixel tested alone"),
             (None, "% of area significant (p < ALPHA per pixel, no FDR correction)",
              "is significant (p < the correlation's ALPHA, each pixel tested alone")]
    for rule, heading, caption in cases:
        header = CORRELATION_HEADER if rule else CORRELATION_HEADER[:-1]
        table = write_csv(tmp_path / "t.csv", header, [[r[c] for c in CORRELATION_HEADER[:-1]] + [rule] * bool(rule)
                                                       for r in rows])
        make_report(out, kwargs["annual_tsm"], correlation_table=table)
        text = html.unescape(open(out, encoding="utf-8").read())
        assert caption in text, rule
        assert page_of(out).tables["Correlation with GPP by ecosystem"][0][7] == heading


def test_captions_say_the_correlation_settings_beyond_the_paper(world, tmp_path):
    """R and P made with DETREND and EFFECTIVE_N (their metadata) make Fig. 4a and the maps of r
    say so; the paper's settings add nothing."""
    kwargs, _ = world
    copies = {}
    for key in ("correlation_r", "correlation_p"):
        copies[key] = str(tmp_path / os.path.basename(kwargs[key]))
        gdal.Translate(copies[key], kwargs[key])
        ds = gdal.Open(copies[key], gdal.GA_Update)
        ds.SetMetadata(dict(ds.GetMetadata(), DETREND="True", EFFECTIVE_N="True"))
        ds = None
    detrended = "each series was detrended first (DETREND"
    effective = "p is that of the effective sample size (EFFECTIVE_N"
    for given, says in ((copies, True), ({k: kwargs[k] for k in copies}, False)):
        out = str(tmp_path / ("with.html" if says else "without.html"))
        make_report(out, kwargs["annual_tsm"], **given)
        text = html.unescape(open(out, encoding="utf-8").read())
        fig_4a = text[text.rindex("Fig. 4a."):text.rindex("Fig. 4b.")]  # the figures, after the contents
        fig_4b = text[text.rindex("Fig. 4b."):text.rindex("Fig. 4d.")]
        assert (detrended in fig_4a, effective in fig_4a, detrended in fig_4b, effective in fig_4b) == \
            (says, says, says, False)


def test_fig_s4_shows_the_best_lag_beside_the_papers_r(world, tmp_path):
    """R_BEST_LAG and BEST_LAG of a run with MAX_LAG make Fig. S4 (the top layer's r at lag 0, the
    largest r and its lag, side by side); the lag maps are what the rasters hold; another run's,
    or R given as BEST_LAG, are refused."""
    kwargs, arrays = world
    meta = gdal.Open(kwargs["correlation_r"]).GetMetadata()
    lag = np.where(np.isfinite(arrays["r"]), np.arange(16)[:, None, None] // 4, np.nan)  # by season
    best = np.where(np.isfinite(arrays["r"]), np.maximum(arrays["r"], 0.5), np.nan)
    paths = {"best_lag_r": write_stack(tmp_path / "rb.tif", best, BAND_LABELS, GEO,
                                       dict(meta, TSMV_VALUE="pearson r at the best lag", MAX_LAG="3")),
             "best_lag": write_stack(tmp_path / "lag.tif", lag, BAND_LABELS, GEO,
                                     dict(meta, TSMV_VALUE="best lag in months", MAX_LAG="3"))}
    out = str(tmp_path / "r.html")
    titles = make_report(out, kwargs["annual_tsm"], correlation_r=kwargs["correlation_r"], **paths)
    assert titles[-1] == "Fig. S4. GPP lagging soil moisture (0-10 cm)"
    text = html.unescape(open(out, encoding="utf-8").read())
    assert "with MAX_LAG 3: per season" in text and "no p is given for it" in text
    alone = make_report(str(tmp_path / "lag.html"), kwargs["annual_tsm"], best_lag=paths["best_lag"])
    assert alone[-1] == "Fig. S4. GPP lagging soil moisture (0-10 cm)"
    assert "Fig. S4." not in " ".join(make_report(str(tmp_path / "none.html"), kwargs["annual_tsm"],
                                                  correlation_r=kwargs["correlation_r"]))
    with pytest.raises(TsmvError, match=r"^BEST_LAG \S*r\.tif .*give the BEST_LAG of tsmv:correlation"):
        make_report(str(tmp_path / "bad.html"), kwargs["annual_tsm"], best_lag=kwargs["correlation_r"])
    other = write_stack(tmp_path / "other.tif", lag, BAND_LABELS, GEO,
                        dict(meta, TSMV_VALUE="best lag in months", START_YEAR="2001"))
    with pytest.raises(TsmvError, match=r"period"):
        make_report(str(tmp_path / "bad.html"), kwargs["annual_tsm"], correlation_r=kwargs["correlation_r"],
                    best_lag=other)
    assert not os.path.exists(tmp_path / "bad.html")



def test_fig_s4_and_3_say_what_their_run_did(world, tmp_path, monkeypatch):
    """Fig. S4's lag-0 maps are 'the paper' only when the run did not detrend: with DETREND (the
    rasters' metadata) its titles and caption say detrended; Fig. 3 of one period does not promise
    their change."""
    from tsmv.tsmv_qgis.report import figures
    kwargs, arrays = world
    meta = gdal.Open(kwargs["correlation_r"]).GetMetadata()
    lag = np.where(np.isfinite(arrays["r"]), 1.0, np.nan)
    seen = {}
    add = figures.Figures.add

    def read_titles(self, fig, title, key, explain=""):
        seen[key] = (title, [ax.get_title(loc="left") for ax in fig.axes], explain)  # draw_map titles left
        return add(self, fig, title, key, explain)
    monkeypatch.setattr(figures.Figures, "add", read_titles)
    for detrend in ("False", "True"):
        r = write_stack(tmp_path / ("r_%s.tif" % detrend), arrays["r"], BAND_LABELS, GEO, dict(meta, DETREND=detrend))
        best = write_stack(tmp_path / ("lag_%s.tif" % detrend), lag, BAND_LABELS, GEO,
                           dict(meta, TSMV_VALUE="best lag in months", MAX_LAG="3", DETREND=detrend))
        make_report(str(tmp_path / "r.html"), kwargs["annual_tsm"], correlation_r=r, best_lag=best)
        _, titles, caption = seen["fig-s4"]
        lag_0 = [t for t in titles if "lag 0" in t]
        assert lag_0 == ["%s, r at lag 0%s" % (s, " (the paper)" if detrend == "False" else ", detrended")
                         for s in SEASONS], titles
        assert ("(R, lag 0, as in the paper)" in caption) == (detrend == "False"), caption
        assert ("each series was detrended first" in caption) == (detrend == "True"), caption
    one = kwargs["attribution_tables"][:1]
    make_report(str(tmp_path / "one.html"), kwargs["annual_tsm"], attribution_tables=one)
    assert seen["fig-3"][0] == "Fig. 3. Trend and IAV contributions and ω by season and depth"
    make_report(str(tmp_path / "two.html"), kwargs["annual_tsm"], attribution_tables=kwargs["attribution_tables"][:2])
    assert seen["fig-3"][0] == "Fig. 3. Trend and IAV contributions and ω by season and depth, and their change"


def test_attribution_table_shows_the_bootstrap_interval(world, tmp_path):
    """An attribution table with the bootstrap's columns shows, for Trend and IAV, the interval
    of the area-weighted bounds and the percent of the area whose interval excludes 0; one
    without them shows neither."""
    from tsmv.tsmv_qgis.steps.attribution import BOOTSTRAP_COLUMNS
    kwargs, _ = world
    name, path = kwargs["attribution_tables"][0]
    rows = rows_of(path)
    booted = write_csv(tmp_path / "booted.csv", ATTRIBUTION_HEADER + BOOTSTRAP_COLUMNS,
                       [list(r.values()) + ["%.3f" % (-0.5 - i), "%.3f" % (2.0 + i), "%.2f" % (3.0 * i)]
                        for i, r in enumerate(rows)])
    for given, bounds in ((booted, True), (path, False)):
        out = str(tmp_path / "r.html")
        make_report(out, kwargs["annual_tsm"], attribution_tables=[(name, given)])
        table = next(t for title, t in page_of(out).tables.items() if title.startswith("Attribution "))
        header = table[0]
        columns = [" % of Var(TSM), area-weighted", " % unweighted"] + \
            [" 95% interval (bootstrap)", ": % of area whose interval excludes 0"] * bounds
        assert header == ["season", "depth"] + [dynamic + column for dynamic in ("Trend", "IAV") for column in columns] \
            + ["mean ω", "pixels"], header
        if bounds:
            for i, r in enumerate(rows):
                shown = next(row for row in table[1:] if row[:2] == [r["season"], r["depth"]])
                cell = dict(zip(header, shown))
                assert cell[r["dynamic"] + " 95% interval (bootstrap)"] == "%.1f to %.1f" % (-0.5 - i, 2.0 + i)
                assert cell[r["dynamic"] + ": % of area whose interval excludes 0"] == "%.1f" % (3.0 * i)

def test_fig_4_follows_the_papers_panels(made, world):
    """4b, 4c and 4d are the maps of the top layer, the root zone and the bottom layer, four
    seasons each, two maps a row (each map readable: at least 500 px wide); S2 the two middle
    layers."""
    page = open(made[0], encoding="utf-8").read()
    kwargs, _ = world
    expected = {"fig-4b": "0-10 cm", "fig-4c": "10-100 cm", "fig-4d": "100-200 cm", "fig-s2": "10-40 cm and 40-100 cm"}
    for key, depths in expected.items():
        caption = re.search(r'<figure id="%s"><figcaption>([^<]*)</figcaption><img alt="[^"]*" width="(\d+)" '
                            r'height="(\d+)"' % key, page)
        assert caption.group(1).endswith("(%s)" % depths), caption.group(1)
        assert int(caption.group(2)) / 2 >= 500  # two maps across
    assert "from R_ROOT_ZONE" in page.split('id="fig-4c"')[1].split("</figure>")[0]


# --- the page in a browser ----------------------------------------------------------------

CHROMIUM = make_report_shots.find_chromium()
needs_chromium = pytest.mark.skipif(CHROMIUM is None, reason="Chromium is not installed (Debian: apt-get install "
                                                               "chromium; scripts/setup.sh installs it)")


@needs_chromium
@pytest.mark.parametrize("width", [1280, 800])
def test_chromium_decodes_every_figure_and_nothing_overflows(made, width):
    out, titles, _ = made
    shown = make_report_shots.measure(out, width)
    assert shown["innerWidth"] == width
    assert len(shown["images"]) == len(titles) == 14
    for image in shown["images"]:
        assert image["complete"] and image["naturalWidth"] > 0 and image["naturalHeight"] > 0, image["alt"]
        assert 0 < image["width"] <= width and image["right"] <= width, image["alt"]
    assert shown["scrollWidth"] <= width and shown["overflow"] == []
    assert [s["id"] for s in shown["sections"]] == ["coverage", "trends", "attribution", "seasons-depths",
                                                     "correlation", "tables", "provenance"]


@needs_chromium
def test_section_screenshot(made, tmp_path):
    out, _, _ = made
    target = str(tmp_path / "trends.png")
    height = make_report_shots.screenshot(out, target, width=1000, section="trends")
    with open(target, "rb") as f:
        png = f.read()
    assert png[:8] == b"\x89PNG\r\n\x1a\n"
    import struct
    assert struct.unpack(">II", png[16:24]) == (1000, height) and height > 1500


# --- the algorithm --------------------------------------------------------------------------

def test_algorithm_reads_the_new_inputs_and_records_provenance(tsmv_processing, world, tmp_path):
    from qgis.core import Qgis
    kwargs, _ = world
    params = {"ANNUAL_TSM": kwargs["annual_tsm"], "R": kwargs["correlation_r"], "P": kwargs["correlation_p"],
              "ECOSYSTEMS": kwargs["ecosystems"], "R_ROOT_ZONE": kwargs["root_zone_r"],
              "P_ROOT_ZONE": kwargs["root_zone_p"], "CORRELATION_TABLE": kwargs["correlation_table"],
              "OUTPUT": str(tmp_path / "report.html")}
    for p, (name, path) in zip("AB", kwargs["trends"]):
        params["TREND_" + p] = path
    result = tsmv_processing.run("tsmv:report", params)
    page = page_of(result["OUTPUT"])
    assert [c[:8] for c in page.captions] == ["Fig. 1a.", "Fig. S1.", "Fig. 4a.", "Fig. 4b.", "Fig. 4c.", "Fig. 4d.",
                                              "Fig. S2.", "Fig. S3."]
    software = {row[0]: row[1] for row in page.tables["Software"][1:]}
    assert software["QGIS"] == (Qgis.version() if hasattr(Qgis, "version") else Qgis.QGIS_VERSION)
    parameters = {row[0]: row[1] for row in page.tables["Parameters"][1:]}
    assert parameters["R_ROOT_ZONE"] == kwargs["root_zone_r"] and parameters["SUMMARY_A"] == "not set"
    assert parameters["OUTPUT"] == str(tmp_path / "report.html") and len(parameters) == 23  # with R_BEST_LAG and BEST_LAG
    from qgis.core import QgsApplication
    world_map = os.path.join(QgsApplication.pkgDataPath(), "resources", "data", "world_map.gpkg")
    if os.path.exists(world_map):
        assert "Coastlines: from %s." % world_map in "".join(page.visible)


def test_beside_fig_1a_the_share_of_land_whose_change_point_follows_1999(world, tmp_path):
    """Pettitt's test of each pixel's annual TSM over the whole record (pyhomogeneity, pixel by
    pixel), the share of the land area with a significant change point and of that after 1999,
    as the aside of Fig. 1a states them; half the land steps up in 2000."""
    import pyhomogeneity
    kwargs, arrays = world
    rng = np.random.default_rng(3)
    step = rng.uniform(size=(ROWS, COLS)) < 0.5
    t = np.array(YEARS)[:, None, None]
    annual = 300 + rng.normal(0, 1, (len(YEARS), ROWS, COLS)) + np.where(step & (t >= 2000), 20.0, 0.0)
    annual[:, ~arrays["land"]] = np.nan
    annual[:, 0, 0] = 250.0  # a constant pixel: no change point, not tested
    path = write_stack(tmp_path / "annual.tif", annual, [str(y) for y in YEARS], GEO,
                       {"TSMV_KIND": "soil moisture", "UNITS": "kg m-2"})
    annual = annual.astype(np.float32).astype(np.float64)
    w = np.cos(np.deg2rad(arrays["lat"]))
    tested = significant = after_1999 = 0.0
    for row in range(ROWS):
        for col in range(COLS):
            x = annual[:, row, col]
            if np.isfinite(x).sum() < 8 or np.nanmax(x) == np.nanmin(x):
                continue
            result = pyhomogeneity.pettitt_test(x, sim=None)
            tested += w[row]
            if result.p < 0.05:
                significant += w[row]
                after_1999 += w[row] * (YEARS[int(result.cp) - 1] == 1999)
    assert 0 < after_1999 < significant < tested  # the cases are shown
    out = str(tmp_path / "r.html")
    make_report(out, path, trends=[("TREND_A", kwargs["trends"][0][1])], coastlines_path=kwargs["coastlines_path"])
    aside = " ".join(page_of(out).asides[0].split())
    assert "Change points (Pettitt 1979, p < 0.05" in aside, aside
    assert "1995-2006: %.1f%% of the land area" % (100 * significant / tested) in aside, aside
    assert ("After 1999, the last GLDAS V2.0 year: %.1f%% of the land area (%.1f%% of those with a change point)"
            % (100 * after_1999 / tested, 100 * after_1999 / significant)) in aside, aside


def test_fig_3_stars_the_terms_whose_bootstrap_interval_excludes_0(world, tmp_path, monkeypatch):
    """With the bootstrap's columns in the attribution table, a Trend or IAV cell of Fig. 3 gets a
    star where percent_excluding_zero is at least 50; without them (the other period) none."""
    from tsmv.tsmv_qgis.report import figures
    from tsmv.tsmv_qgis.steps.attribution import BOOTSTRAP_COLUMNS
    kwargs, _ = world
    (name_a, path_a), (name_b, path_b) = kwargs["attribution_tables"][:2]
    rows = rows_of(path_a)
    excluding = {(r["dynamic"], r["season"], r["depth"]): 10.0 for r in rows}
    excluding[("Trend", "H-S", DEPTHS[0])] = 80.0
    excluding[("IAV", "SA-S", DEPTHS[2])] = 50.0
    excluding[("IAV", "A-S", DEPTHS[3])] = 49.99
    booted = write_csv(tmp_path / "booted.csv", ATTRIBUTION_HEADER + BOOTSTRAP_COLUMNS,
                       [list(r.values()) + ["-1.0", "2.0", "%.2f" % excluding[(r["dynamic"], r["season"], r["depth"])]]
                        for r in rows])
    starred = {}
    add = figures.Figures.add

    def read_stars(self, fig, title, key, explain=""):
        if key == "fig-3":
            for ax in fig.axes:
                cells = [t for t in ax.texts if t.get_text().endswith("*")]
                starred[ax.get_title()] = sorted((int(round(t.get_position()[1])), int(round(t.get_position()[0])))
                                                 for t in cells)
            starred["caption"] = explain
        return add(self, fig, title, key, explain)
    monkeypatch.setattr(figures.Figures, "add", read_stars)
    make_report(str(tmp_path / "r.html"), kwargs["annual_tsm"], attribution_tables=[(name_a, booted), (name_b, path_b)])
    first, second = [t for t in starred if t.startswith("Trend contribution, ")]
    assert starred[first] == [(0, 0)]  # H-S, the first depth
    iav = [t for t in starred if t.startswith("IAV contribution, ")]
    assert starred[iav[0]] == [(2, 2)] and starred[second] == [] and starred[iav[1]] == []
    assert all(v == [] for t, v in starred.items() if t.startswith(("ω", "Trend contribution:", "IAV contribution:")))
    assert "excludes 0 on at least half of the area" in starred["caption"]
