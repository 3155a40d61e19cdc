"""tsmv:changepoint: Pettitt's test against pyhomogeneity pixel by pixel, the SUMMARY by hand,
the xarray face, processing.run, qgis_process and bad input."""
import csv
import json
import os

import numpy as np
import pyhomogeneity
import pytest

from conftest import read_stack, write_stack
from tsmv.tsmv_qgis.errors import Canceled, TsmvError
from tsmv.tsmv_qgis.kernels.pettitt import pettitt_test
from tsmv.tsmv_qgis.progress import Progress
from tsmv.tsmv_qgis.steps.changepoint import run_changepoint

YEARS = list(range(1990, 2015))  # 25 years
NAN4 = (np.nan,) * 4


def oracle(x):
    """pyhomogeneity's Pettitt test of one series as TSMV's bands: (0-based position of the
    last valid year before the change, K, p capped at 1, median after - median up to it); NaN
    with fewer than 8 valid years or K = 0 (pyhomogeneity gives a constant K 0, cp 1, p 2)."""
    x = np.where(np.isfinite(x), x, np.nan).astype(np.float64)  # infinite values are missing years
    v = x[np.isfinite(x)]
    if v.size < 8:
        return NAN4
    r = pyhomogeneity.pettitt_test(x, alpha=0.05, sim=None)  # sim=None: the asymptotic p-value
    if r.U == 0:
        return NAN4
    loc = int(np.isfinite(x[:r.cp]).sum())  # cp: 1-based position in the whole series
    return r.cp - 1, r.U, min(r.p, 1.0), np.median(v[loc:]) - np.median(v[:loc])


def series(n, count, seed):
    """``count`` series of ``n`` years: values rounded to halves (many ties), a step in a third
    of them, about 10 % missing years (a few infinite), some with fewer than 8 valid years."""
    rng = np.random.default_rng(seed)
    y = np.round(rng.normal(0, 1.5, (count, n)) * 2) / 2
    step = rng.integers(1, n - 1, count)
    stepped = rng.random(count) < 0.35
    y += np.where(stepped[:, None] & (np.arange(n) >= step[:, None]), rng.normal(0, 3, (count, 1)), 0.0)
    y[rng.random(y.shape) < 0.1] = np.nan
    y[rng.random(y.shape) < 0.01] = np.inf
    y[:5, 3:] = np.nan  # 3 valid years
    y[5] = 2.5  # constant
    y[6] = np.nan  # all missing
    return y


@pytest.mark.parametrize("backend", ["numpy", "numba"])
@pytest.mark.parametrize("n", [10, 25, 77])
def test_kernel_equals_pyhomogeneity(n, backend):
    y = series(n, 600, n)
    got = pettitt_test(y, 8, backend=backend)
    want = np.array([oracle(x) for x in y])
    for i, name in enumerate(("position", "k", "p_value", "shift")):
        np.testing.assert_array_equal(getattr(got, name), want[:, i], err_msg=name)  # the same doubles
    tested = np.isfinite(want[:, 1])
    assert 400 < tested.sum() < 594 and np.isnan(got.k[:7]).all()
    assert (want[tested, 2] == 1).sum() > 0  # capped ones (pyhomogeneity's p above 1)
    assert (want[tested, 2] < 0.05).sum() > (30 if n > 10 else -1)  # at 10 years p stays above 0.05
    ties = [x for x in y[tested] if np.unique(x[np.isfinite(x)]).size < np.isfinite(x).sum()]
    assert len(ties) > 100


@pytest.mark.parametrize("backend", ["numpy", "numba"])
def test_values_float32_cannot_tell_apart(backend):
    """The numba kernel ranks float32 roundings of the values and compares the doubles again
    only when the roundings tie: values 1e-12 apart (one float32), values beyond float32's range
    (all +-inf as float32), float32 values (exact as float32) with ties, against pyhomogeneity."""
    rng = np.random.default_rng(11)
    y = series(77, 300, 11)
    close = 1 + np.round(y[:100] * 4) * 1e-12  # ties where the rounded halves tie, else 1e-12 apart
    assert (np.float32(close[np.isfinite(close)]) == np.float32(1.0)).all()
    spread = 1 + rng.permutation(77)[None, :] * 1e-13 + np.zeros((50, 1))  # no tie, one float32
    spread[:, 40:] += 5e-12  # a step
    huge = y[100:200] * 1e300  # +-inf as float32
    small = np.float32(y[200:300] + rng.normal(0, 1e-3, (100, 77))).astype(np.float64)  # exact float32s
    small[:, ::3] = np.round(small[:, ::3])  # with ties
    for part in (close, spread, huge, small):
        got = pettitt_test(part, 8, backend=backend)
        want = np.array([oracle(x) for x in part])
        for i, name in enumerate(("position", "k", "p_value", "shift")):
            np.testing.assert_array_equal(getattr(got, name), want[:, i], err_msg=name)
        assert np.isfinite(want[:, 1]).sum() > 0.9 * len(part) - 5


def test_u_is_the_sum_of_signs_over_the_split():
    """K by Pettitt's definition, written out: U_t = sum over i <= t < j of sign(x_i - x_j) on the
    valid years (ties count 0), K = max |U_t|, the change after the first t reaching it."""
    y = series(25, 60, 3)
    got = pettitt_test(y, 8)
    for x, k, position in zip(y, got.k, got.position):
        v = x[np.isfinite(x)]
        if v.size < 8 or (v == v[0]).all():
            assert np.isnan(k)
            continue
        u = [sum(np.sign(v[i] - v[j]) for i in range(t) for j in range(t, v.size)) for t in range(1, v.size)]
        t = int(np.argmax(np.abs(u)))
        assert k == max(abs(w) for w in u)
        assert position == np.flatnonzero(np.isfinite(x))[t]


def test_a_clear_step_is_found_where_it_is():
    x = np.r_[np.full(12, 10.0), np.full(13, 14.0)] + np.linspace(0, 0.5, 25)
    got = pettitt_test(x[None], 8)
    # the first 12 years lie below every later one: U_12 = -(12 * 13), the largest |U|
    assert got.position[0] == 11 and got.k[0] == 12 * 13
    assert got.p_value[0] == 2 * np.exp(-6 * 156.0 ** 2 / (25 ** 3 + 25 ** 2))
    assert got.shift[0] == np.median(x[12:]) - np.median(x[:12])


@pytest.fixture(scope="module")
def yearly(tmp_path_factory):
    rng = np.random.default_rng(7)
    data = rng.normal(100, 5, (len(YEARS), 6, 8))
    data[10:, :, :4] += rng.normal(8, 4, (1, 6, 4))  # a step after 1999 in the west
    data = np.round(data * 2) / 2  # ties
    data[rng.random(data.shape) < 0.08] = np.nan
    data[:, 0, 0] = np.nan  # all missing
    data[:, 0, 1] = 42.0  # constant
    data[5:, 0, 2] = np.nan  # five years only
    data = data.astype(np.float32)
    folder = tmp_path_factory.mktemp("yearly")
    path = write_stack(folder / "tsm.tif", data, [str(y) for y in YEARS], (10.0, 1.0, 0.0, 60.0, 0.0, -1.0),
                       {"UNITS": "kg m-2"})
    return path, data


def pixelwise(data, first_year):
    """The oracle of every pixel of (years, rows, cols) as the OUTPUT's bands (4, rows, cols)."""
    out = np.array([[oracle(data[:, i, j]) for j in range(data.shape[2])] for i in range(data.shape[1])])
    out = out.transpose(2, 0, 1)
    out[0] += first_year
    return out


def test_output_equals_pyhomogeneity_and_summary_by_hand(yearly, tmp_path):
    path, data = yearly
    out, summary = str(tmp_path / "cp.tif"), str(tmp_path / "cp.csv")
    result = run_changepoint(path, out, summary, alpha=0.1)
    got, labels, _, _ = read_stack(out)
    assert labels == ["year", "k", "p_value", "shift"]
    want = pixelwise(data, YEARS[0])
    np.testing.assert_array_equal(got, want.astype(np.float32))
    assert np.isnan(got[:, 0, :3]).all() and np.isfinite(got[:, 1:]).all()
    for style in ("cp.qml", "cp.p_value.qml", "cp.shift.qml"):
        assert os.path.exists(str(tmp_path / style)), style
    from osgeo import gdal
    coverage = json.loads(gdal.Open(out).GetMetadata()["TSMV_COVERAGE"])
    assert coverage == {"pixels": 48, "kept": 45, "dropped": {"no data in the period": 1, "fewer than 8 valid years": 1,
                                                             "constant (no change point)": 1}}
    # the summary, by hand: cos(latitude) of each row's centre, p < 0.1, by the year of the change
    lat = 60.0 - (np.arange(6) + 0.5)
    weight = np.cos(np.radians(lat))[:, None] * np.ones((1, 8))
    tested = np.isfinite(want[2])
    total = weight[tested].sum()
    rows = list(csv.reader(open(summary, encoding="utf-8")))
    assert rows[0] == ["year", "pixels", "percent_of_valid_area"] and len(rows) == len(YEARS)
    for row, year in zip(rows[1:], YEARS[:-1]):
        here = tested & (want[2] < 0.1) & (want[0] == year)
        assert int(row[0]) == year and int(row[1]) == here.sum()
        assert float(row[2]) == pytest.approx(100 * weight[here].sum() / total, rel=1e-12, abs=1e-12)
    assert sum(int(r[1]) for r in rows[1:]) == result.pixels_significant > 10
    # the same from the OUTPUT's bands, as a report reads them
    from tsmv.tsmv_qgis.steps.changepoint import shares_by_year
    again = shares_by_year(got[0], got[2], np.cos(np.radians(lat)), 0.1, (YEARS[0], YEARS[-1]))
    assert [r[:2] for r in again] == [[int(r[0]), int(r[1])] for r in rows[1:]]
    np.testing.assert_allclose([r[2] for r in again], [float(r[2]) for r in rows[1:]], rtol=1e-12)
    assert result.pixels == 45 and result.most_common()[0] == 1999
    assert result.percent_significant == pytest.approx(sum(float(r[2]) for r in rows[1:]), rel=1e-12)


def test_missing_years_are_skipped_and_date_the_change_to_the_last_valid_year(tmp_path):
    # every value after the change above every value up to it, each part falling: |U_t| is
    # largest at the change, where it is (years up to it) x (years after it)
    x = np.r_[np.full(6, 5.0), np.full(6, 9.0)] - np.linspace(0, 0.1, 12)
    data = np.stack([x, x, x]).T[:, None, :].astype(np.float32)  # 12 years, one row of three pixels
    data[6:8, 0, 1] = np.nan  # the two years after the change missing
    data[4:6, 0, 2] = np.nan  # the two years before it missing
    path = write_stack(tmp_path / "gaps.tif", data, [str(y) for y in range(2000, 2012)])
    run_changepoint(path, str(tmp_path / "cp.tif"))
    got = read_stack(str(tmp_path / "cp.tif"))[0][:, 0]
    assert list(got[0]) == [2005, 2005, 2003]  # the last valid year before the change
    assert list(got[1]) == [36, 24, 24]
    np.testing.assert_array_equal(got, pixelwise(data, 2000)[:, 0].astype(np.float32))


def test_seasonal_and_monthly_stacks(tmp_path):
    from tsmv.tsmv_qgis.labels import SEASONS
    rng = np.random.default_rng(2)
    years = list(range(2001, 2013))
    seasonal = rng.normal(50, 3, (len(years) * 4, 3, 4)).astype(np.float32)
    labels = ["%d %s" % (y, s) for y in years for s in SEASONS]
    path = write_stack(tmp_path / "seasonal.tif", seasonal, labels)
    run_changepoint(path, str(tmp_path / "s.tif"), season=2, start_year=2002)
    got = read_stack(str(tmp_path / "s.tif"))[0]
    np.testing.assert_array_equal(got, pixelwise(seasonal[6::4], 2002).astype(np.float32))  # SA-S of 2002-2012

    monthly = rng.normal(20, 2, (len(years) * 12, 3, 4)).astype(np.float32)
    monthly[5 * 12 + 3, 1, 1] = np.nan  # a missing month: 2006 missing at that pixel
    path = write_stack(tmp_path / "monthly.tif", monthly, ["%d-%02d" % (y, m) for y in years for m in range(1, 13)])
    run_changepoint(path, str(tmp_path / "m.tif"))
    got = read_stack(str(tmp_path / "m.tif"))[0]
    means = np.array([[[np.mean(monthly[12 * t:12 * t + 12, i, j].astype(np.float64)) for j in range(4)]
                       for i in range(3)] for t in range(len(years))])  # NaN with a missing month
    want = pixelwise(means, years[0]).astype(np.float32)
    np.testing.assert_array_equal(got[:3], want[:3])  # year, K and p: from ranks
    np.testing.assert_allclose(got[3], want[3], rtol=1e-6)  # medians of means summed in another order


def test_progress_and_cancel(yearly, tmp_path):
    path, _ = yearly
    said = []
    run_changepoint(path, str(tmp_path / "cp.tif"), progress=Progress(said.append))
    assert said and said == sorted(said) and said[-1] == 1.0
    out = str(tmp_path / "cancelled.tif")
    with pytest.raises(Canceled):
        run_changepoint(path, out, str(tmp_path / "c.csv"), progress=Progress(None, lambda: True))
    assert not os.path.exists(out) and not os.path.exists(str(tmp_path / "c.csv"))


YEARLY = [str(y) for y in range(2000, 2012)]


@pytest.mark.parametrize("labels, metadata, arguments, message", [
    (["slope", "intercept", "p_value"] + ["b%d" % i for i in range(9)], None, {},
     r"^source: band 1 is labelled 'slope', which is not a month \(YYYY-MM\), a year \(YYYY\) or a season"),
    (["slope", "intercept", "p_value"] + ["b%d" % i for i in range(9)], {"TSMV_KIND": "trend"}, {},
     r"^source \S+in\.tif holds trend statistics \(OUTPUT of tsmv:trend\), not soil moisture"),
    (YEARLY, None, {"start_year": 2005},
     r"^start_year\.\.end_year \(2005-2011\) has 7 years; Pettitt's test needs at least 8$"),
    (YEARLY[:7], None, {}, r"^start_year\.\.end_year \(2000-2006\) has 7 years"),
    (YEARLY[:7] + ["2020"] * 5, None, {}, r"^source \S+in\.tif: the label '2020' is on bands 8 and 9"),
    (["%d H-S" % y for y in range(2000, 2012)], None, {},
     r"^source is a seasonal stack \(bands like '2000 H-S'\): choose a season$"),
    (YEARLY, None, {"season": 1}, r"^season is set, but source is a yearly stack"),
    (YEARLY, None, {"alpha": 1.5}, r"^alpha must be a finite number above 0 and below 1"),
    (YEARLY, None, {"end_year": 2020}, r"^end_year 2020 is outside the years of source"),
])
def test_refusals(tmp_path, labels, metadata, arguments, message):
    data = np.random.default_rng(0).normal(size=(len(labels), 2, 3)).astype(np.float32)
    path = write_stack(tmp_path / "in.tif", data, labels, metadata=metadata)
    out = str(tmp_path / "out" / "cp.tif")
    with pytest.raises(TsmvError, match=message):
        run_changepoint(path, out, str(tmp_path / "out" / "cp.csv"), **arguments)
    assert not os.path.exists(str(tmp_path / "out"))


def test_xr_changepoint_is_the_output_bit_for_bit(yearly, tmp_path):
    from tsmv.tsmv_qgis import xr as tsmv
    path, data = yearly
    out = str(tmp_path / "cp.tif")
    run_changepoint(path, out, start_year=1992, end_year=2012)
    got = read_stack(out)[0]
    for chunks in (None, {"lat": 4, "lon": 5}):
        stack = tsmv.open_stack(path, chunks=chunks) if chunks else tsmv.open_stack(path).compute()
        ds = tsmv.changepoint(stack, 1992, 2012).compute()
        assert list(ds.data_vars) == ["year", "k", "p_value", "shift"] and ds.attrs["start_year"] == 1992
        for b, name in enumerate(ds.data_vars):
            assert ds[name].dtype == np.float32 and ds[name].dims == ("lat", "lon")
            np.testing.assert_array_equal(ds[name].values, got[b])
    assert ds["shift"].attrs["units"] == "kg m-2"
    # a year the DataArray lacks is a missing year
    partial = tsmv.changepoint(stack.drop_sel(year=[2000, 2001]), 1992, 2012).compute()
    gaps = data.copy()
    gaps[[10, 11]] = np.nan
    np.testing.assert_array_equal(partial["k"].values, pixelwise(gaps[2:23], 1992)[1].astype(np.float32))
    with pytest.raises(TsmvError, match="has 7 years; Pettitt's test needs at least 8"):
        tsmv.changepoint(stack, 2000, 2006)


def test_through_processing_run(tsmv_processing, yearly, tmp_path):
    from qgis.core import QgsProcessingContext, QgsProject, QgsRasterLayer
    from test_plugin import run
    path, _ = yearly
    out, summary = str(tmp_path / "cp.tif"), str(tmp_path / "cp.csv")
    context = QgsProcessingContext()
    context.setProject(QgsProject.instance())
    context.addLayerToLoadOnCompletion(out, QgsProcessingContext.LayerDetails("cp", QgsProject.instance(), "OUTPUT"))
    result, feedback = run(tsmv_processing, "changepoint", {"INPUT": path, "START_YEAR": 1991, "ALPHA": 0.1,
                                                            "OUTPUT": out, "SUMMARY": summary}, context=context)
    assert result == {"OUTPUT": out, "SUMMARY": summary}
    core = run_changepoint(path, str(tmp_path / "core.tif"), str(tmp_path / "core.csv"), start_year=1991, alpha=0.1)
    assert "1991-2014: 45 pixels tested; %d (%.1f%% of their area) have a change point with p < 0.1" % (
        core.pixels_significant, core.percent_significant) in feedback.infos
    assert "Most often after %d: %.1f%% of the tested area" % (core.most_common()[0], core.most_common()[2]) \
        in feedback.infos
    np.testing.assert_array_equal(read_stack(out)[0], read_stack(str(tmp_path / "core.tif"))[0])
    assert open(summary).read() == open(str(tmp_path / "core.csv")).read()
    assert feedback.progress[-1] == pytest.approx(100.0)
    layer = QgsRasterLayer(out, "cp")
    context.layerToLoadOnCompletionDetails(out).postProcessor().postProcessLayer(layer, context, None)
    assert {"p_value", "shift"} <= set(layer.styleManager().styles())
    assert layer.renderer().type() == "singlebandpseudocolor" and layer.renderer().band() == 1  # by year
    layer.styleManager().setCurrentStyle("shift")
    assert layer.renderer().band() == 4


def test_through_qgis_process(qgis_process, yearly, tmp_path):
    path, data = yearly
    out = str(tmp_path / "cp.tif")
    code, result, log = qgis_process.run("tsmv:changepoint", INPUT=path, END_YEAR=2010, OUTPUT=out,
                                         SUMMARY=str(tmp_path / "cp.csv"))
    assert code == 0, log
    np.testing.assert_array_equal(read_stack(out)[0], pixelwise(data[:21], YEARS[0]).astype(np.float32))
    code, _, log = qgis_process.run("tsmv:changepoint", INPUT=path, START_YEAR=2008, OUTPUT=out)
    assert code != 0 and "START_YEAR..END_YEAR (2008-2014) has 7 years; Pettitt's test needs at least 8" in log


def test_a_period_across_gldas_v20_and_v21_is_flagged(yearly, tmp_path):
    """Change points at 1999 in a period that mixes V2.0 and V2.1 may be the product change."""
    from osgeo import gdal
    from tsmv.tsmv_qgis import xr as tsmv
    path, _ = yearly
    mixed = str(tmp_path / "mixed.tif")
    gdal.Translate(mixed, path)
    ds = gdal.Open(mixed, gdal.GA_Update)
    for b, year in enumerate(YEARS):
        ds.GetRasterBand(b + 1).SetMetadataItem("GLDAS_VERSION", "2.0" if year < 2000 else "2.1")
    ds = None
    said = []
    run_changepoint(mixed, str(tmp_path / "cp.tif"), log=said.append)
    assert any(m.startswith("Warning: The period 1990-2014 of source mixes GLDAS versions V2.0 and V2.1") and
               "change points at 1999 may be the product change" in m for m in said), said
    said.clear()
    run_changepoint(mixed, str(tmp_path / "cp.tif"), start_year=2000, log=said.append)
    assert not any("mixes" in m for m in said)
    with pytest.warns(UserWarning, match="mixes GLDAS versions V2.0 and V2.1: .* change points at 1999 may be the product change"):
        tsmv.changepoint(tsmv.open_stack(mixed))
