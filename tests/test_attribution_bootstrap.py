"""The moving-block bootstrap of the attribution (BOOTSTRAP, BLOCK, SEED): the bounds against a
block bootstrap written out here pixel by pixel with numpy.polyfit and numpy.cov (oracles), the
draws, both backends, run_attribution, the refusals and processing.run."""
import csv
import os

import numpy as np
import pytest

from conftest import read_stack, write_stack
from oracles import literal_attribution
from tsmv.tsmv_qgis.errors import TsmvError
from tsmv.tsmv_qgis.kernels.attribution import (attribute, automatic_block, bootstrap_bounds, bootstrap_years,
                                                replicate_components)
from tsmv.tsmv_qgis.labels import LAYER_KEYS, SEASONS
from tsmv.tsmv_qgis.steps.attribution import (BOOTSTRAP_COLUMNS, COMPONENT_LABELS, TABLE_HEADER,
                                              run_attribution)


def series(rng, n_years, n_pix, ar=0.0):
    """SM (years, 16, pixels): levels, trends and AR(1) noise of coefficient ``ar``."""
    noise = rng.normal(0, 3, (n_years, 16, n_pix))
    for t in range(1, n_years):
        noise[t] += ar * noise[t - 1]
    return rng.uniform(5, 300, (1, 16, n_pix)) + rng.normal(0, 0.5, (1, 16, n_pix)) * \
        np.arange(n_years)[:, None, None] + noise


def literal_block(sm, years):
    """Carlstein's AR(1) block length of one pixel, written out: r1 of the TSM's residuals from
    its numpy.polyfit line."""
    tsm = sm.sum(axis=1)
    e = tsm - np.polyval(np.polyfit(years, tsm, 1), years)
    r1 = max(0.0, (e[1:] * e[:-1]).sum() / (e * e).sum())
    n = len(years)
    return int(min(n, max(1, round(n ** (1 / 3) * (2 * r1 / (1 - r1 ** 2)) ** (2 / 3)))))


def literal_bounds(sm, years, replicates, block, seed):
    """The bootstrap of one pixel ``sm`` (years, 16): each replicate the (year, SM) pairs of the
    drawn years, attributed with polyfit and cov; the 2.5th and 97.5th percentiles."""
    years = np.asarray(years, np.float64)
    terms = [literal_attribution(sm[d], years[d])[0] for d in bootstrap_years(len(years), block, replicates, seed)]
    return np.percentile(terms, [2.5, 97.5], axis=0)


@pytest.mark.parametrize("block", [1, 3, 7])
def test_draws_are_blocks_of_consecutive_years(block):
    n = 20
    draws = bootstrap_years(n, block, 500, 4)
    assert draws.shape == (500, n) and draws.min() >= 0 and draws.max() <= n - 1
    starts = draws[:, ::block]
    assert starts.max() <= n - block  # uniform on 0..n-block: every start is drawn
    assert set(np.unique(starts)) == set(range(n - block + 1))
    for j in range(n):
        np.testing.assert_array_equal(draws[:, j], starts[:, j // block] + j % block)
    np.testing.assert_array_equal(draws, bootstrap_years(n, block, 500, 4))
    assert not np.array_equal(draws, bootstrap_years(n, block, 500, 5))
    assert (bootstrap_years(n, n, 3, 1) == np.arange(n)).all()  # one block: the period itself


@pytest.mark.parametrize("block", [0, 1, 4])
def test_bounds_equal_a_literal_block_bootstrap(block):
    rng = np.random.default_rng(8)
    years = np.arange(1990, 2012)
    sm = series(rng, len(years), 12, ar=0.7)
    sm[3, 2, 5] = np.nan  # a missing value: NaN bounds, as the attribution
    lower, upper, blocks = bootstrap_bounds(sm, years, 150, block, 21)
    assert np.isnan(lower[:, 5]).all() and np.isnan(upper[:, 5]).all() and blocks[5] == 0
    for p in [p for p in range(12) if p != 5]:
        b = block or literal_block(sm[:, :, p], years)
        assert blocks[p] == b
        want = literal_bounds(sm[:, :, p], years, 150, b, 21)
        np.testing.assert_allclose(lower[:, p], want[0], rtol=0, atol=1e-8)
        np.testing.assert_allclose(upper[:, p], want[1], rtol=0, atol=1e-8)
    if block == 0:
        assert len(set(blocks[blocks > 0])) > 1  # the rule gives these pixels different lengths


def test_automatic_block_by_hand():
    """r1 = 0.5 with n = 27: round(3 (1 / 0.75)^(2/3)) = round(3.63) = 4; r1 <= 0 gives 1."""
    n = 27
    years = np.arange(n)
    sm = series(np.random.default_rng(3), n, 40, ar=0.6)
    for p in range(40):
        assert automatic_block(sm[:, :, p:p + 1], years)[0] == literal_block(sm[:, :, p], years)
    assert round(n ** (1 / 3) * (2 * 0.5 / (1 - 0.25)) ** (2 / 3)) == 4
    alternating = np.zeros((n, 16, 1))
    alternating[:, 0, 0] = 100 + (-1.0) ** np.arange(n)  # r1 near -1
    assert automatic_block(alternating, years)[0] == 1


def test_the_bootstrap_keeps_the_years_with_their_values():
    """A pure linear trend: every replicate of (year, SM) pairs finds the same line, so the
    Trend terms' interval is the point value (renumbered positions would scatter them)."""
    n = 15
    sm = np.full((n, 16, 1), 50.0) + np.arange(n)[:, None, None] * np.linspace(0.1, 1.0, 16)[None, :, None]
    lower, upper, _ = bootstrap_bounds(sm, np.arange(2000, 2000 + n), 200, 3, 1)
    point = attribute(sm).components[:, 0]
    np.testing.assert_allclose(lower[:, 0], point, atol=1e-9)
    np.testing.assert_allclose(upper[:, 0], point, atol=1e-9)


def test_backends_and_chunks_give_the_same_doubles(monkeypatch):
    rng = np.random.default_rng(9)
    years = np.arange(30)
    sm = series(rng, 30, 50, ar=0.3)
    draws = bootstrap_years(30, 2, 64, 3)
    numba = replicate_components(sm, years, draws, backend="numba")
    np.testing.assert_array_equal(numba, replicate_components(sm, years, draws, backend="numpy"))
    np.testing.assert_array_equal(numba[:, :, 7:19], replicate_components(sm[:, :, 7:19], years, draws))
    lower, upper, _ = bootstrap_bounds(sm, years, 64, 0, 3)
    from tsmv.tsmv_qgis.kernels import attribution as kernel
    monkeypatch.setattr(kernel, "CHUNK_BYTES", 64 * 150 * 8 * 3)  # 3 pixels at a time
    chunked = bootstrap_bounds(sm, years, 64, 0, 3)
    np.testing.assert_array_equal(chunked[0], lower)
    np.testing.assert_array_equal(chunked[1], upper)


def test_degenerate_replicates_are_left_out():
    """n = 3, BLOCK 1: about one replicate in nine draws one year three times (no line); the
    percentiles are those of the other replicates."""
    rng = np.random.default_rng(2)
    sm = series(rng, 3, 4)
    years = np.arange(3)
    draws = bootstrap_years(3, 1, 300, 5)
    single = np.array([len(set(d)) == 1 for d in draws])
    assert 10 < single.sum() < 70
    terms = replicate_components(sm, years, draws)
    assert np.isnan(terms[single]).all() and np.isfinite(terms[~single]).all()
    lower, upper, _ = bootstrap_bounds(sm, years, 300, 1, 5)
    np.testing.assert_array_equal(lower, np.percentile(terms[~single], 2.5, axis=0))
    np.testing.assert_array_equal(upper, np.percentile(terms[~single], 97.5, axis=0))


# --- the stacks in and out -----------------------------------------------------------------

YEARS = list(range(2000, 2014))
GEOTRANSFORM = (20.0, 1.0, 0.0, 50.0, 0.0, -1.0)


@pytest.fixture(scope="module")
def seasonal(tmp_path_factory):
    rng = np.random.default_rng(5)
    folder = tmp_path_factory.mktemp("bootstrap")
    labels = ["%d %s" % (y, s) for y in YEARS for s in SEASONS]
    data = {}
    for d, k in enumerate(LAYER_KEYS):
        values = rng.uniform(10, 100, (1, 4, 5)) * (d + 1) + rng.normal(0, 3, (len(labels), 4, 5)) + \
            np.repeat(np.arange(len(YEARS)), 4)[:, None, None] * rng.normal(0, 1, (4, 5))
        if d == 1:
            values[9, 2, 3] = np.nan
        data[k] = values.astype(np.float32)
    paths = {k: write_stack(folder / ("seasonal_%s.tif" % k), v, labels, GEOTRANSFORM) for k, v in data.items()}
    return paths, data


def outputs(folder, bounds=True):
    keys = ["components", "by_season", "by_depth", "by_dynamic", "omega", "dominant", "table"]
    keys += ["components_lower", "components_upper"] if bounds else []
    return {k: str(folder / ("%s.%s" % (k, "csv" if k == "table" else "tif"))) for k in keys}


def tile_sm(data):
    sm = np.empty((len(YEARS), 16, 20))
    for d, k in enumerate(LAYER_KEYS):
        sm[:, d::4] = data[k].astype(np.float64).reshape(len(YEARS), 4, 20)
    return sm


def test_run_attribution_writes_the_bounds_and_the_table(seasonal, tmp_path):
    paths, data = seasonal
    out = outputs(tmp_path)
    run_attribution(paths, out, bootstrap=120, block=2, seed=7)
    lower, upper, _ = bootstrap_bounds(tile_sm(data), YEARS, 120, 2, 7)
    for key, want in (("components_lower", lower), ("components_upper", upper)):
        values, labels, _, _ = read_stack(out[key])
        assert labels == COMPONENT_LABELS
        np.testing.assert_array_equal(values.reshape(32, -1), want.astype(np.float32))
        assert os.path.exists(out[key][:-4] + ".qml")
    from osgeo import gdal
    meta = gdal.Open(out["components_lower"]).GetMetadata()
    assert (meta["BOOTSTRAP"], meta["BLOCK"], meta["SEED"], meta["PERCENTILES"]) == ("120", "2", "7", "2.5 97.5")
    comp = read_stack(out["components"])[0].reshape(32, -1)
    ok = np.isfinite(comp[0])
    assert ok.sum() == 19 and (lower[:, ok] <= upper[:, ok]).all()
    rows = list(csv.DictReader(open(out["table"])))
    assert list(rows[0]) == TABLE_HEADER + BOOTSTRAP_COLUMNS
    w = (np.cos(np.deg2rad(50 - (np.arange(4) + 0.5)))[:, None] * np.ones((4, 5))).ravel()[ok]
    low, high = read_stack(out["components_lower"])[0].reshape(32, -1)[:, ok], \
        read_stack(out["components_upper"])[0].reshape(32, -1)[:, ok]
    for k in range(32):
        assert float(rows[k]["mean_lower"]) == pytest.approx((low[k] * w).sum() / w.sum(), abs=1e-4)
        assert float(rows[k]["mean_upper"]) == pytest.approx((high[k] * w).sum() / w.sum(), abs=1e-4)
        excludes = (low[k] > 0) | (high[k] < 0)
        assert float(rows[k]["percent_excluding_zero"]) == pytest.approx(100 * w[excludes].sum() / w.sum(), abs=1e-4)
    assert 0 < float(rows[0]["percent_excluding_zero"]) or 0 < float(rows[16]["percent_excluding_zero"])


def test_the_same_seed_gives_the_same_numbers(seasonal, tmp_path):
    paths, _ = seasonal
    runs = {}
    for name, seed, block in (("a", 3, 0), ("b", 3, 0), ("c", 4, 0), ("d", 3, 3)):
        out = outputs(tmp_path / name)
        os.makedirs(tmp_path / name)
        run_attribution(paths, out, bootstrap=50, block=block, seed=seed)
        runs[name] = np.stack([read_stack(out[k])[0] for k in ("components_lower", "components_upper")])
    np.testing.assert_array_equal(runs["a"], runs["b"])
    ok = np.isfinite(runs["a"])
    assert not np.array_equal(runs["a"][ok], runs["c"][ok]) and not np.array_equal(runs["a"][ok], runs["d"][ok])


def test_bootstrap_0_changes_nothing(seasonal, tmp_path):
    paths, _ = seasonal
    plain = outputs(tmp_path / "plain", bounds=False)
    off = outputs(tmp_path / "off", bounds=False)
    on = outputs(tmp_path / "on")
    for folder in ("plain", "off", "on"):
        os.makedirs(tmp_path / folder)
    run_attribution(paths, plain)
    run_attribution(paths, off, bootstrap=0, block=5, seed=9)
    run_attribution(paths, on, bootstrap=20, seed=1)
    assert sorted(os.listdir(tmp_path / "plain")) == sorted(os.listdir(tmp_path / "off"))
    assert not any("components_lower" in name for name in os.listdir(tmp_path / "off"))
    for key in ("components", "by_season", "by_depth", "by_dynamic", "omega", "dominant"):
        np.testing.assert_array_equal(read_stack(off[key])[0], read_stack(plain[key])[0])
        np.testing.assert_array_equal(read_stack(on[key])[0], read_stack(plain[key])[0])
    assert open(off["table"]).read() == open(plain["table"]).read()
    assert next(csv.reader(open(off["table"]))) == TABLE_HEADER


def test_refusals(seasonal, tmp_path):
    paths, _ = seasonal
    with pytest.raises(TsmvError, match=r"^block 15 is longer than the period \(14 years\)"):
        run_attribution(paths, outputs(tmp_path / "o"), bootstrap=10, block=15)
    with pytest.raises(TsmvError, match=r"^block 11 is longer than the period \(10 years\)"):
        run_attribution(paths, outputs(tmp_path / "o"), start_year=2004, bootstrap=10, block=11)
    with pytest.raises(TsmvError, match=r"^outputs\['components_lower'\], outputs\['components_upper'\]: "
                                        r"the bounds need a bootstrap of at least 1 replicate"):
        run_attribution(paths, outputs(tmp_path / "o"))
    with pytest.raises(TsmvError, match=r"^bootstrap must be a whole number from 0 to 1000000, not 2\.5"):
        run_attribution(paths, outputs(tmp_path / "o"), bootstrap=2.5)
    with pytest.raises(TsmvError, match=r"^seed must be a whole number from 0 to 2147483647, not -1"):
        run_attribution(paths, outputs(tmp_path / "o"), bootstrap=5, seed=-1)
    assert not (tmp_path / "o").exists() or os.listdir(tmp_path / "o") == []


def test_a_random_seed_is_logged_and_recorded(seasonal, tmp_path):
    paths, _ = seasonal
    said = []
    out = outputs(tmp_path)
    run_attribution(paths, out, bootstrap=10, log=said.append)
    from osgeo import gdal
    seed = int(gdal.Open(out["components_upper"]).GetMetadata()["SEED"])
    assert any("seed %d " % seed in line for line in said)
    again = outputs(tmp_path / "again")
    os.makedirs(tmp_path / "again")
    run_attribution(paths, again, bootstrap=10, seed=seed)
    np.testing.assert_array_equal(read_stack(again["components_upper"])[0], read_stack(out["components_upper"])[0])


def test_processing_run_gives_the_core_numbers(seasonal, tmp_path, tsmv_processing):
    from qgis.core import QgsProcessingException
    paths, _ = seasonal
    params = {"INPUT_" + k: p for k, p in paths.items()}
    core = outputs(tmp_path / "core")
    os.makedirs(tmp_path / "core")
    run_attribution(paths, core, bootstrap=40, block=0, seed=12)
    result = tsmv_processing.run("tsmv:attribution", dict(
        params, BOOTSTRAP=40, SEED=12, COMPONENTS=str(tmp_path / "c.tif"), TABLE=str(tmp_path / "t.csv"),
        COMPONENTS_LOWER=str(tmp_path / "lower.tif"), COMPONENTS_UPPER=str(tmp_path / "upper.tif")))
    for name, key in (("COMPONENTS_LOWER", "components_lower"), ("COMPONENTS_UPPER", "components_upper")):
        np.testing.assert_array_equal(read_stack(result[name])[0], read_stack(core[key])[0])
    assert open(result["TABLE"]).read() == open(core["table"]).read()
    plain = tsmv_processing.run("tsmv:attribution", dict(params, COMPONENTS=str(tmp_path / "p.tif")))
    assert "COMPONENTS_LOWER" not in plain or not plain["COMPONENTS_LOWER"]
    with pytest.raises(QgsProcessingException, match=r"^BLOCK 15 is longer than the period \(14 years\)"):
        tsmv_processing.run("tsmv:attribution", dict(params, BOOTSTRAP=5, BLOCK=15))
    with pytest.raises(QgsProcessingException, match=r"^COMPONENTS_UPPER: the bounds need a BOOTSTRAP"):
        tsmv_processing.run("tsmv:attribution", dict(params, COMPONENTS_UPPER=str(tmp_path / "u.tif")))
