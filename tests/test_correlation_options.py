"""tsmv:correlation beyond the paper: DETREND, MAX_LAG, EFFECTIVE_N and FDR against scipy,
numpy.polyfit and literal computations; the defaults unchanged; refusals; processing.run; the
report's Fig. S5 (detrended beside not detrended r) from a run with DETREND, found by lineage."""
import csv
import html
import os
import shutil

import numpy as np
import pytest
from osgeo import gdal
from scipy import stats

from conftest import read_stack, recorded, write_stack
from tsmv.tsmv_qgis.report import make_report
from tsmv.tsmv_qgis.report.statistics import correlation_summary
from tsmv.tsmv_qgis.io.raster import Stack
from tsmv.tsmv_qgis.errors import TsmvError
from tsmv.tsmv_qgis.kernels.pearson import correlate, pearson
from tsmv.tsmv_qgis.labels import LAYER_KEYS, SEASONS
from tsmv.tsmv_qgis.steps.correlation import run_correlation

YEARS = list(range(2001, 2013))
EXTRA = 3  # GPP goes on to March 2013: lags reach into it, and no further
ROWS, COLS = 4, 6
GT = (30.0, 1.0, 0.0, 10.0, 0.0, -1.0)
DEPTH_LABELS = ["0-10 cm", "10-40 cm", "40-100 cm", "100-200 cm"]
GROUP_NAMES = ["Forests", "Shrublands", "Grasslands", "Croplands"]


# --- literal oracles ---------------------------------------------------------------------

def polyfit_residuals(t, v):
    """v less its least-squares line on t (numpy.polyfit)."""
    return v - np.polyval(np.polyfit(t, v, 1), t)


def literal_lag1(v, t):
    """Lag-1 autocorrelation written out: pairs of consecutive years both present."""
    m = v.mean()
    num = sum((v[i] - m) * (v[i + 1] - m) for i in range(len(v) - 1) if t[i + 1] - t[i] == 1)
    return num / ((v - m) ** 2).sum()


def literal_effective_p(x, y, t):
    """r by scipy; n_eff = n (1 - r1 r2)/(1 + r1 r2) kept within [3, n]; p by scipy.stats.t."""
    r = stats.pearsonr(x, y)[0]
    n = len(x)
    a = literal_lag1(x, t) * literal_lag1(y, t)
    n_eff = n if 1 + a <= 0 else min(max(n * (1 - a) / (1 + a), 3.0), n)
    df = n_eff - 2
    return r, 2 * stats.t.sf(abs(r) * np.sqrt(df / (1 - r * r)), df)


def literal_bh(p):
    """Benjamini-Hochberg q of the finite p: q_(i) = min over k >= i of m p_(k) / k, at most 1."""
    p = np.asarray(p, np.float64)
    q = np.full(p.shape, np.nan)
    idx = [i for i in range(p.size) if np.isfinite(p.flat[i])]
    ordered = sorted(idx, key=lambda i: p.flat[i])
    m = len(ordered)
    for pos, i in enumerate(ordered):
        q.flat[i] = min(1.0, min(m * p.flat[ordered[k]] / (k + 1) for k in range(pos, m)))
    return q


def hand_gpp(gpp, codes, season, lag):
    """GPP_s(t) of one pixel at ``lag``: the months coded s in year t, each shifted ``lag``
    months later in the monthly series ``gpp`` (from January of the first year); NaN if one is
    missing or past the series' end."""
    out = []
    for t in range(codes.shape[0]):
        values = []
        for m in np.flatnonzero(codes[t] == season + 1):
            k = 12 * t + m + lag
            values.append(gpp[k] if k < len(gpp) else np.nan)
        out.append(np.mean(values) if not np.isnan(values).any() else np.nan)
    return np.array(out)


def scipy_r(x, g, detrend=False):
    """(r, p) by scipy over the years where both exist (residuals of numpy.polyfit lines with
    ``detrend``); NaN below 5 years."""
    ok = np.isfinite(x) & np.isfinite(g)
    if ok.sum() < 5:
        return np.nan, np.nan
    t = np.array(YEARS, np.float64)[ok]
    x, g = x[ok].astype(np.float64), g[ok].astype(np.float64)
    if detrend:
        x, g = polyfit_residuals(t, x), polyfit_residuals(t, g)
    return tuple(stats.pearsonr(x, g))


# --- the kernel ----------------------------------------------------------------------------

def test_detrended_r_and_p_equal_scipy_on_polyfit_residuals():
    rng = np.random.default_rng(11)
    t = np.arange(2000, 2018)
    x = 0.3 * (t[:, None] - 2000) + rng.normal(size=(18, 400))
    y = -0.2 * (t[:, None] - 2000) + 0.4 * x + rng.normal(size=(18, 400))
    x[rng.random(x.shape) < 0.15] = np.nan
    y[rng.random(y.shape) < 0.15] = np.nan
    x[:, 0] = 5 + 0.5 * t  # a straight line: constant once detrended
    r, p = correlate(x, y, t, detrend=True)
    assert np.isnan(r[0]) and np.isnan(p[0])
    checked = 0
    for i in range(1, 400):
        ok = np.isfinite(x[:, i]) & np.isfinite(y[:, i])
        if ok.sum() < 5:
            assert np.isnan(r[i])
            continue
        want = stats.pearsonr(polyfit_residuals(t[ok], x[ok, i]), polyfit_residuals(t[ok], y[ok, i]))
        assert r[i] == pytest.approx(want[0], abs=1e-9) and p[i] == pytest.approx(want[1], abs=1e-9)
        checked += 1
    assert checked > 350
    plain = correlate(x, y, t, detrend=False)
    assert all(np.array_equal(a, b, equal_nan=True) for a, b in zip(plain, pearson(x, y)))


@pytest.mark.parametrize("detrend", [False, True])
def test_effective_n_p_equals_the_literal_formula(detrend):
    """p from n_eff (Bretherton et al. 1999) against scipy.stats.t; autocorrelated series (AR(1),
    r1 r2 > 0, n_eff < n) and alternating ones (r1 r2 < 0: n_eff kept at n); a missing year
    breaks the lag-1 pairs across it."""
    rng = np.random.default_rng(12)
    t = np.array([1990 + k for k in range(10)] + [2001 + k for k in range(10)])  # 2000 missing
    e = rng.normal(size=(20, 300))
    x, y = np.empty_like(e), np.empty_like(e)
    x[0], y[0] = e[0], rng.normal(size=300)
    phi = np.where(np.arange(300) < 200, 0.7, -0.6)
    for k in range(1, 20):
        x[k] = phi * x[k - 1] + e[k]
        y[k] = phi * y[k - 1] + 0.5 * e[k] + rng.normal(size=300)
    x[rng.random(x.shape) < 0.1] = np.nan
    y[rng.random(y.shape) < 0.1] = np.nan
    r, p = correlate(x, y, t, detrend=detrend, effective=True)
    shrunk = grown = 0
    for i in range(300):
        ok = np.isfinite(x[:, i]) & np.isfinite(y[:, i])
        a, b, tt = x[ok, i], y[ok, i], t[ok]
        if detrend:
            a, b = polyfit_residuals(tt, a), polyfit_residuals(tt, b)
        want_r, want_p = literal_effective_p(a, b, tt)
        assert r[i] == pytest.approx(want_r, abs=1e-9)
        assert p[i] == pytest.approx(want_p, rel=1e-8, abs=1e-12)
        plain = stats.pearsonr(a, b)[1]
        shrunk += want_p > plain * (1 + 1e-9)
        grown += literal_lag1(a, tt) * literal_lag1(b, tt) < 0
    assert shrunk > 150 and grown > 20  # both cases are exercised


# --- the step ------------------------------------------------------------------------------

@pytest.fixture(scope="module")
def inputs(tmp_path_factory):
    """Seasonal SM (trend + GPP_s at lag 2 + noise on some pixels), season codes and monthly
    GPP (2001-01 .. 2013-03), ecosystems; 4 x 6 pixels."""
    rng = np.random.default_rng(5)
    folder = tmp_path_factory.mktemp("corr_options")
    n = len(YEARS)
    codes = np.empty((n, 12, ROWS, COLS), np.float32)
    for t in range(n):
        for i in range(ROWS):
            for j in range(COLS):
                codes[t, :, i, j] = rng.permutation(np.repeat([1, 2, 3, 4], 3))
    months = 12 * n + EXTRA
    gpp = (rng.uniform(1, 8, (months, ROWS, COLS)) + 0.02 * np.arange(months)[:, None, None]).astype(np.float32)
    gpp[rng.random(gpp.shape) < 0.03] = np.nan
    sm = {k: rng.uniform(5, 100, (n, 4, ROWS, COLS)).astype(np.float32) for k in LAYER_KEYS}
    trend = np.arange(n, dtype=np.float32)[:, None]
    for i in range(ROWS):
        for j in range(COLS // 2):  # half the pixels: SM follows GPP two months later, and drifts
            for s in range(4):
                g = hand_gpp(gpp[:, i, j], codes[:, :, i, j], s, 2)
                for d, k in enumerate(LAYER_KEYS):
                    sm[k][:, s, i, j] = 20 + 10 * np.nan_to_num(g, nan=4.0) + 3 * trend[:, 0] * d \
                        + rng.normal(0, 4 + 4 * d, n)
    sm["0_10"][:3, :, 1, 1] = np.nan
    eco = rng.choice(np.array([1, 2, 3, 4, np.nan], np.float32), (1, ROWS, COLS))
    month_labels = ["%d-%02d" % (y, m) for y in YEARS for m in range(1, 13)]
    paths = {
        "codes": write_stack(folder / "codes.tif", codes.reshape(-1, ROWS, COLS), month_labels, GT),
        "gpp": write_stack(folder / "gpp.tif", gpp, month_labels + ["2013-%02d" % m for m in range(1, EXTRA + 1)],
                           GT),
        "eco": write_stack(folder / "eco.tif", eco, ["ecosystem"], GT)}
    paths["sm"] = {k: write_stack(folder / ("s_%s.tif" % k), v.reshape(-1, ROWS, COLS),
                                  ["%d %s" % (y, s) for y in YEARS for s in SEASONS], GT,
                                  metadata={"RANK_BY": "total"})
                   for k, v in sm.items()}
    return paths, dict(codes=codes, gpp=gpp, sm=sm, eco=eco[0])


def run(paths, folder, name, **kwargs):
    outputs = {key: str(folder / ("%s_%s.%s" % (name, key, "csv" if key == "table" else "tif")))
               for key in ("r", "p", "r_root_zone", "p_root_zone", "r_best_lag", "best_lag", "r_not_detrended",
                           "p_not_detrended", "table")}
    logged = []
    rows = run_correlation(paths["sm"], paths["codes"], paths["gpp"], paths["eco"], outputs,
                           log=logged.append, **kwargs)
    return outputs, rows, logged


def sm_series(data, d, s, i, j):
    return data["sm"][LAYER_KEYS[d]][:, s, i, j].astype(np.float64)


def literal_pairs(data):
    """(band, i, j, SM series, GPP series, years both have) of every pixel, season and depth,
    GPP_s by hand at lag 0."""
    for i in range(ROWS):
        for j in range(COLS):
            for s in range(4):
                g = hand_gpp(data["gpp"][:, i, j], data["codes"][:, :, i, j], s, 0)
                for d in range(4):
                    x = sm_series(data, d, s, i, j)
                    yield 4 * s + d, i, j, x, g, np.isfinite(x) & np.isfinite(g)


def test_detrend_run_equals_scipy(inputs, tmp_path):
    paths, data = inputs
    outputs, rows, _ = run(paths, tmp_path, "d", detrend=True)
    r, p = read_stack(outputs["r"])[0], read_stack(outputs["p"])[0]
    rz, pz = read_stack(outputs["r_root_zone"])[0], read_stack(outputs["p_root_zone"])[0]
    differs = 0
    for i in range(ROWS):
        for j in range(COLS):
            for s in range(4):
                g = hand_gpp(data["gpp"][:, i, j], data["codes"][:, :, i, j], s, 0)
                for d in range(4):
                    want = scipy_r(sm_series(data, d, s, i, j), g, detrend=True)
                    assert r[4 * s + d, i, j] == pytest.approx(want[0], abs=1e-6, nan_ok=True)
                    assert p[4 * s + d, i, j] == pytest.approx(want[1], abs=1e-6, nan_ok=True)
                    differs += abs(want[0] - scipy_r(sm_series(data, d, s, i, j), g)[0]) > 0.01
                want = scipy_r(sm_series(data, 1, s, i, j) + sm_series(data, 2, s, i, j), g, detrend=True)
                assert rz[s, i, j] == pytest.approx(want[0], abs=1e-6, nan_ok=True)
                assert pz[s, i, j] == pytest.approx(want[1], abs=1e-6, nan_ok=True)
    assert differs > 50  # detrending changes r
    meta = gdal.Open(outputs["r"]).GetMetadata()
    assert (meta["DETREND"], meta["MAX_LAG"], meta["EFFECTIVE_N"], meta["FDR"]) == ("True", "0", "False", "False")
    assert {row.significance for row in rows} == {"p < 0.05"}


@pytest.mark.parametrize("effective", [False, True])
def test_not_detrended_outputs_are_the_papers_r_and_p(inputs, tmp_path, effective):
    """With DETREND, R_NOT_DETRENDED and P_NOT_DETRENDED are scipy.stats.pearsonr of the raw
    series (p by the effective n of the raw series with EFFECTIVE_N), bit for bit the R and P
    of a run without DETREND, labelled and styled as R; R stays the detrended r."""
    paths, data = inputs
    outputs, _, logged = run(paths, tmp_path, "nd", detrend=True, effective_n=effective)
    r_plain, labels = read_stack(outputs["r_not_detrended"])[:2]
    p_plain = read_stack(outputs["p_not_detrended"])[0]
    r = read_stack(outputs["r"])[0]
    assert labels == read_stack(outputs["r"])[1] == read_stack(outputs["p_not_detrended"])[1]
    t = np.array(YEARS)
    differs = checked = 0
    for k, i, j, x, g, ok in literal_pairs(data):
        if ok.sum() < 5:
            assert np.isnan(r_plain[k, i, j]) and np.isnan(p_plain[k, i, j])
            continue
        want = literal_effective_p(x[ok], g[ok], t[ok]) if effective else stats.pearsonr(x[ok], g[ok])
        assert r_plain[k, i, j] == pytest.approx(want[0], abs=1e-6)
        assert p_plain[k, i, j] == pytest.approx(want[1], abs=1e-6)
        differs += abs(r[k, i, j] - r_plain[k, i, j]) > 0.01
        checked += 1
    assert checked > 300 and differs > 50  # R is detrended, R_NOT_DETRENDED is not
    plain, _, _ = run(paths, tmp_path, "plain", effective_n=effective)
    for key in ("r", "p"):
        np.testing.assert_array_equal(read_stack(outputs[key + "_not_detrended"])[0], read_stack(plain[key])[0])
    meta = gdal.Open(outputs["r_not_detrended"]).GetMetadata()
    assert (meta["TSMV_VALUE"], meta["DETREND"]) == ("pearson r not detrended", "True")
    assert gdal.Open(outputs["p_not_detrended"]).GetMetadata()["TSMV_VALUE"] == "p-value not detrended"
    assert all(os.path.exists(outputs[key][:-4] + ".qml") for key in ("r_not_detrended", "p_not_detrended"))
    assert not any("NOT_DETRENDED" in m for m in logged)


def test_lags_equal_a_literal_shift(inputs, tmp_path):
    """R_BEST_LAG, BEST_LAG over lags 0..4: the largest r of scipy over GPP_s shifted L months
    (months past March 2013 missing), a tie to the shorter lag; R and P stay lag 0's."""
    paths, data = inputs
    plain, _, _ = run(paths, tmp_path, "plain")
    outputs, _, _ = run(paths, tmp_path, "lag", max_lag=4, detrend=True)
    best, labels = read_stack(outputs["r_best_lag"])[:2]
    lag = read_stack(outputs["best_lag"])[0]
    assert labels == read_stack(plain["r"])[1]
    at_two = past_end = 0
    for i in range(ROWS):
        for j in range(COLS):
            for s in range(4):
                g = [hand_gpp(data["gpp"][:, i, j], data["codes"][:, :, i, j], s, L) for L in range(5)]
                last = np.flatnonzero(data["codes"][-1, :, i, j] == s + 1)
                past_end += (last + 4 >= 12 + EXTRA).any()  # the last year is missing at lag 4
                for d in range(4):
                    x = sm_series(data, d, s, i, j)
                    rs = [scipy_r(x, g[L], detrend=True)[0] for L in range(5)]
                    k = 4 * s + d
                    if all(np.isnan(rs)):
                        assert np.isnan(best[k, i, j]) and np.isnan(lag[k, i, j])
                        continue
                    want = int(np.nanargmax(rs))
                    assert lag[k, i, j] == want
                    assert best[k, i, j] == pytest.approx(rs[want], abs=1e-6)
                    at_two += want == 2 and j < COLS // 2
    assert at_two > 60  # the lag built into the data is found
    assert past_end > 20
    detrended = run(paths, tmp_path, "lag0", detrend=True)[0]
    for key in ("r", "p"):
        np.testing.assert_array_equal(read_stack(outputs[key])[0], read_stack(detrended[key])[0])
    assert gdal.Open(outputs["best_lag"]).GetMetadata()["MAX_LAG"] == "4"
    assert os.path.exists(outputs["best_lag"][:-4] + ".qml") and os.path.exists(outputs["r_best_lag"][:-4] + ".qml")


def test_effective_n_run_equals_the_literal_formula(inputs, tmp_path):
    paths, data = inputs
    outputs, rows, _ = run(paths, tmp_path, "e", effective_n=True, detrend=True)
    p = read_stack(outputs["p"])[0]
    t = np.array(YEARS)
    for k, i, j, x, g, ok in literal_pairs(data):
        if ok.sum() < 5:
            assert np.isnan(p[k, i, j])
            continue
        a, b = polyfit_residuals(t[ok], x[ok]), polyfit_residuals(t[ok], g[ok])
        assert p[k, i, j] == pytest.approx(literal_effective_p(a, b, t[ok])[1], abs=1e-6)
    assert {row.significance for row in rows} == {"p (effective n) < 0.05"}
    assert gdal.Open(outputs["p"]).GetMetadata()["EFFECTIVE_N"] == "True"


@pytest.mark.parametrize("one_row_tiles", [False, True])
def test_fdr_table_equals_a_literal_benjamini_hochberg(inputs, tmp_path, monkeypatch, one_row_tiles):
    """Significant with FDR: q < ALPHA, q by a literal BH over the pixels of each band (of P as
    written; the root zone's bands alone, over every tile); the rasters are those of a run
    without FDR."""
    paths, data = inputs
    strips = []
    if one_row_tiles:
        from tsmv.tsmv_qgis.steps import correlation, tiles

        class OneRow(tiles.Tiles):
            def run(self, *args, **kwargs):
                self.strips = [(row, row + 1) for row in range(ROWS)]
                strips.append(len(self.strips))
                return super().run(*args, **kwargs)
        monkeypatch.setattr(correlation, "Tiles", OneRow)
    outputs, _, _ = run(paths, tmp_path, "f", fdr=True, alpha=0.2)
    assert strips == ([ROWS] if one_row_tiles else [])
    plain, _, _ = run(paths, tmp_path, "nf", alpha=0.2)
    for key in ("r", "p", "r_root_zone", "p_root_zone"):
        np.testing.assert_array_equal(read_stack(outputs[key])[0], read_stack(plain[key])[0])
    p = np.concatenate([read_stack(outputs["p"])[0], read_stack(outputs["p_root_zone"])[0]])
    w = np.cos(np.deg2rad(10 - (np.arange(ROWS) + 0.5)))[:, None] * np.ones((ROWS, COLS))
    with open(outputs["table"]) as f:
        rows = list(csv.DictReader(f))
    with open(plain["table"]) as f:
        plain_rows = list(csv.DictReader(f))
    fewer = kept = 0
    for row, plain_row in zip(rows, plain_rows):
        depth = row["depth"]
        band = 16 + SEASONS.index(row["season"]) if depth == "10-100 cm" else \
            4 * SEASONS.index(row["season"]) + DEPTH_LABELS.index(depth)
        q = literal_bh(p[band])
        member = np.ones((ROWS, COLS), bool) if row["ecosystem"] == "Global" else \
            data["eco"] == 1 + GROUP_NAMES.index(row["ecosystem"])
        ok = member & np.isfinite(p[band])
        sig = ok & (q < 0.2)
        assert int(row["significant_pixels"]) == sig.sum()
        if ok.sum():
            assert float(row["percent_significant"]) == pytest.approx(100 * w[sig].sum() / w[ok].sum(), abs=1e-3)
        assert row["significance"] == "BH q < 0.2" and plain_row["significance"] == "p < 0.2"
        assert (row["pixels"], row["mean_r"], row["mean_p"]) == (plain_row["pixels"], plain_row["mean_r"],
                                                                  plain_row["mean_p"])
        fewer += int(row["significant_pixels"]) < int(plain_row["significant_pixels"])
        kept += int(row["significant_pixels"]) > 0
    assert fewer > 0 and kept > 0  # BH is stricter somewhere, and keeps some
    assert gdal.Open(outputs["r"]).GetMetadata()["FDR"] == "True"


def test_defaults_are_the_runs_without_the_new_parameters(inputs, tmp_path):
    paths, data = inputs
    before, rows, _ = run(paths, tmp_path, "before")
    after, _, logged = run(paths, tmp_path, "after", detrend=False, max_lag=0, effective_n=False, fdr=False)
    for key in ("r", "p", "r_root_zone", "p_root_zone"):
        a, b = gdal.Open(before[key]), gdal.Open(after[key])
        assert a.ReadAsArray().tobytes() == b.ReadAsArray().tobytes()
        assert recorded(a.GetMetadata()) == recorded(b.GetMetadata())
        assert [a.GetRasterBand(k + 1).GetDescription() for k in range(a.RasterCount)] == \
            [b.GetRasterBand(k + 1).GetDescription() for k in range(b.RasterCount)]
    with open(before["table"], "rb") as f, open(after["table"], "rb") as g:
        assert f.read() == g.read()
    for key in ("r_best_lag", "best_lag", "r_not_detrended", "p_not_detrended"):
        assert not os.path.exists(before[key]) and not os.path.exists(after[key])
    assert any("R_BEST_LAG and BEST_LAG are not written: MAX_LAG is 0" in m for m in logged)
    assert any("R_NOT_DETRENDED and P_NOT_DETRENDED are not written: DETREND is off" in m for m in logged)
    r = read_stack(before["r"])[0]
    for i in range(ROWS):
        for j in range(COLS):
            g = hand_gpp(data["gpp"][:, i, j], data["codes"][:, :, i, j], 0, 0)
            assert r[0, i, j] == pytest.approx(scipy_r(sm_series(data, 0, 0, i, j), g)[0], abs=1e-6, nan_ok=True)
    assert {row.significance for row in rows} == {"p < 0.05"}
    header = open(before["table"]).readline().strip().split(",")
    assert header[-1] == "significance" and header[:8] == [
        "ecosystem", "season", "depth", "pixels", "mean_r", "mean_p", "significant_pixels", "percent_significant"]


@pytest.mark.parametrize("bad", [-1, 12, 2.5, "two", float("nan")])
def test_max_lag_refused(inputs, tmp_path, bad):
    paths, _ = inputs
    with pytest.raises(TsmvError, match=r"^max_lag must be a whole number from 0 to 11, not "):
        run(paths, tmp_path, "bad", max_lag=bad)
    assert not os.listdir(tmp_path)


def test_processing_run_gives_the_core_numbers(inputs, tmp_path, tsmv_processing):
    paths, _ = inputs
    params = {"INPUT_%s" % k.upper(): v for k, v in paths["sm"].items()}
    params.update(SEASON_CODES=paths["codes"], GPP=paths["gpp"], ECOSYSTEMS=paths["eco"], ALPHA=0.1,
                  DETREND=True, MAX_LAG=3, EFFECTIVE_N=True, FDR=True, R=str(tmp_path / "r.tif"),
                  P=str(tmp_path / "p.tif"), TABLE=str(tmp_path / "t.csv"))
    result = tsmv_processing.run("tsmv:correlation", params)
    for name in ("R_BEST_LAG", "BEST_LAG", "R_NOT_DETRENDED", "P_NOT_DETRENDED"):
        assert os.path.exists(result[name])  # made without asking
    core, _, _ = run(paths, tmp_path, "core", alpha=0.1, detrend=True, max_lag=3, effective_n=True, fdr=True)
    for name, key in (("R", "r"), ("P", "p"), ("R_BEST_LAG", "r_best_lag"), ("BEST_LAG", "best_lag"),
                      ("R_NOT_DETRENDED", "r_not_detrended"), ("P_NOT_DETRENDED", "p_not_detrended")):
        np.testing.assert_array_equal(read_stack(result[name])[0], read_stack(core[key])[0])
    with open(result["TABLE"]) as f, open(core["table"]) as g:
        got = f.read()
        assert got == g.read()
    assert "BH q (effective n) < 0.1" in got
    meta = gdal.Open(result["R"]).GetMetadata()
    assert {k: meta[k] for k in ("ALPHA", "DETREND", "MAX_LAG", "EFFECTIVE_N", "FDR")} == {
        "ALPHA": "0.1", "DETREND": "True", "MAX_LAG": "3", "EFFECTIVE_N": "True", "FDR": "True"}
    plain = tsmv_processing.run("tsmv:correlation", dict(params, DETREND=False, MAX_LAG=0, EFFECTIVE_N=False,
                                                         FDR=False, R=str(tmp_path / "r0.tif"),
                                                         P=str(tmp_path / "p0.tif"), TABLE=str(tmp_path / "t0.csv")))
    assert not {"R_BEST_LAG", "BEST_LAG", "R_NOT_DETRENDED", "P_NOT_DETRENDED"} & set(plain)
    # the paper's r and p of the run with the options are those of the run without DETREND
    undetrended = tsmv_processing.run("tsmv:correlation", dict(params, DETREND=False, MAX_LAG=0,
                                                               R=str(tmp_path / "r1.tif"), P=str(tmp_path / "p1.tif"),
                                                               TABLE=str(tmp_path / "t1.csv")))
    for name, key in (("R_NOT_DETRENDED", "R"), ("P_NOT_DETRENDED", "P")):
        np.testing.assert_array_equal(read_stack(result[name])[0], read_stack(undetrended[key])[0])


def test_t_p_for_any_df_equals_scipy_and_the_few_df_path():
    """EFFECTIVE_N gives a df per pixel: t_two_sided_p(few_df=False) takes log B(df/2, 1/2) with
    numpy for every element, equal to scipy.stats.t and, to a few ulp, to the per-value path."""
    from tsmv.tsmv_qgis.kernels.special import t_two_sided_p
    rng = np.random.default_rng(13)
    df = np.concatenate([rng.uniform(1, 60, 5000), np.arange(1, 200, dtype=np.float64)])
    t = rng.uniform(0, 6, df.size)
    many = t_two_sided_p(t, df, few_df=False)
    np.testing.assert_allclose(many, t_two_sided_p(t, df), rtol=1e-14, atol=0)
    np.testing.assert_allclose(many, 2 * stats.t.sf(t, df), rtol=1e-12, atol=1e-300)


# --- the report: Fig. S5, detrended beside not detrended -------------------------------------

def annual_stack(folder, data):
    """An ANNUAL_TSM on the grid of the inputs (the report's one required input)."""
    annual = sum(v.mean(axis=1) for v in data["sm"].values())
    return write_stack(folder / "annual.tif", annual, [str(y) for y in YEARS], GT,
                       {"TSMV_KIND": "soil moisture", "UNITS": "kg m-2"})


def literal_summary(values, significant):
    """Area-weighted (cos latitude of the cell centres) mean r and percent significant of one
    band, written out over the pixels with an r."""
    w = np.cos(np.deg2rad(10 - (np.arange(ROWS) + 0.5)))[:, None] * np.ones((ROWS, COLS))
    ok = np.isfinite(values)
    return (w[ok] * values[ok]).sum() / w[ok].sum(), 100 * w[ok & significant].sum() / w[ok].sum()


@pytest.mark.parametrize("options", [dict(), dict(effective_n=True, fdr=True, alpha=0.2)])
def test_report_shows_detrended_beside_not_detrended(inputs, tmp_path, options):
    """A run with DETREND gives Fig. S5: R and P beside the R_NOT_DETRENDED and P_NOT_DETRENDED the
    report finds through the run's lineage; its numbers are the area-weighted mean of scipy's r
    of the raw series and the share with p (BH q with FDR) below ALPHA, and for the detrended side
    the Global rows of the run's TABLE; its caption says what detrending removes and the rule."""
    paths, data = inputs
    alpha = options.get("alpha", 0.05)
    outputs, _, _ = run(paths, tmp_path, "rep", detrend=True, **options)
    annual = annual_stack(tmp_path, data)
    out = str(tmp_path / "report.html")
    heard = []
    titles = make_report(out, annual, correlation_r=outputs["r"], correlation_p=outputs["p"],
                         correlation_table=outputs["table"], log=heard.append)
    assert titles[-1] == "Fig. S5. Detrended beside not detrended correlation"
    text = html.unescape(open(out, encoding="utf-8").read())
    caption = text[text.rindex("Fig. S5."):]
    rule = ("BH q (effective n) < 0.2" if options else "p < 0.05")
    assert "bottom; %s, " % rule in caption and "shared trend" in caption and "Yule 1926" in caption
    assert "R_NOT_DETRENDED (of the run of R)" in text and outputs["r_not_detrended"] in text  # provenance
    assert not heard or not any("Fig. S5" in m for m in heard)
    # the numbers of the figure
    labels = read_stack(outputs["r"])[1]
    stacks = {key: Stack(outputs[key], key.upper()) for key in ("r", "p", "r_not_detrended", "p_not_detrended")}
    mean_plain, share_plain = correlation_summary(stacks["r_not_detrended"], stacks["p_not_detrended"], labels,
                                                  alpha, bool(options))
    mean_detrended, share_detrended = correlation_summary(stacks["r"], stacks["p"], labels, alpha, bool(options))
    t = np.array(YEARS)
    r_raw, p_raw = np.full((16, ROWS, COLS), np.nan), np.full((16, ROWS, COLS), np.nan)
    for k, i, j, x, g, ok in literal_pairs(data):
        if ok.sum() >= 5:
            r_raw[k, i, j], p_raw[k, i, j] = (
                literal_effective_p(x[ok], g[ok], t[ok]) if options else stats.pearsonr(x[ok], g[ok]))
    for k in range(16):
        significant = (literal_bh(p_raw[k]) if options else p_raw[k]) < alpha
        want = literal_summary(r_raw[k], significant)
        assert mean_plain[k] == pytest.approx(want[0], abs=1e-6) and share_plain[k] == pytest.approx(want[1], abs=1e-6)
    with open(outputs["table"]) as f:
        glob = [row for row in csv.DictReader(f) if row["ecosystem"] == "Global" and row["depth"] != "10-100 cm"]
    assert [float(row["mean_r"]) for row in glob] == pytest.approx(list(mean_detrended), abs=2e-6)
    assert [float(row["percent_significant"]) for row in glob] == pytest.approx(list(share_detrended), abs=1e-4)
    assert {row["significance"] for row in glob} == {rule}
    assert np.abs(mean_detrended - mean_plain).max() > 0.02  # detrending changed what is shown


def test_report_without_detrend_or_the_not_detrended_files_has_no_fig_s5(inputs, tmp_path):
    """No Fig. S5 from a run without DETREND; the run's four files moved together are found
    beside R; R and P moved without the not detrended ones leave Fig. S5 out, and the log says why."""
    paths, data = inputs
    annual = annual_stack(tmp_path, data)
    plain, _, _ = run(paths, tmp_path, "plain")
    heard = []
    titles = make_report(str(tmp_path / "plain.html"), annual, correlation_r=plain["r"], correlation_p=plain["p"],
                         log=heard.append)
    assert titles and not any(t.startswith("Fig. S5") for t in titles)
    assert not any("NOT_DETRENDED" in m for m in heard)
    detrended, _, _ = run(paths, tmp_path, "d", detrend=True)
    moved = tmp_path / "moved"
    moved.mkdir()
    for key in ("r", "p", "r_not_detrended", "p_not_detrended"):
        shutil.move(detrended[key], moved / os.path.basename(detrended[key]))
    moved_r, moved_p = (str(moved / os.path.basename(detrended[key])) for key in ("r", "p"))
    titles = make_report(str(tmp_path / "moved.html"), annual, correlation_r=moved_r, correlation_p=moved_p)
    assert titles[-1].startswith("Fig. S5.")
    alone = tmp_path / "alone"
    alone.mkdir()
    for path in (moved_r, moved_p):
        shutil.copy(path, alone)
    heard = []
    titles = make_report(str(tmp_path / "alone.html"), annual, correlation_r=str(alone / os.path.basename(moved_r)),
                         correlation_p=str(alone / os.path.basename(moved_p)), log=heard.append)
    assert not any(t.startswith("Fig. S5") for t in titles)
    assert any("was detrended (DETREND), but the run that wrote it left no R_NOT_DETRENDED and P_NOT_DETRENDED"
               in m for m in heard), heard
