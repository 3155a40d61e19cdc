"""The 32-term attribution against a literal implementation of eq. 1-10, properties, known answers."""
import csv
import os

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from hypothesis.extra.numpy import arrays

from conftest import read_stack, write_stack
from oracles import literal_attribution as literal
from tsmv.tsmv_qgis.kernels.attribution import attribute
from tsmv.tsmv_qgis.steps.attribution import COMPONENT_LABELS, run_attribution
from tsmv.tsmv_qgis.errors import TsmvError
from tsmv.tsmv_qgis.labels import LAYER_KEYS, SEASONS


def random_sm(rng, n_years, n_pix):
    base = rng.uniform(5, 300, (1, 16, n_pix))
    slope = rng.normal(0, 0.5, (1, 16, n_pix))
    return base + slope * np.arange(n_years)[:, None, None] + rng.normal(0, 3, (n_years, 16, n_pix))


def test_kernel_equals_literal_implementation():
    rng = np.random.default_rng(0)
    years = list(range(1948, 2025))
    sm = random_sm(rng, len(years), 300)
    result = attribute(sm, years)
    for p in range(300):
        components, omega = literal(sm[:, :, p], years)
        np.testing.assert_allclose(result.components[:, p], components, rtol=0, atol=1e-9)
        np.testing.assert_allclose(result.omega[:, p], omega, rtol=1e-9, atol=1e-9)


def test_terms_sum_to_100_random_and_example(example_dir, tmp_path):
    rng = np.random.default_rng(1)
    result = attribute(random_sm(rng, 25, 5000))
    np.testing.assert_allclose(result.components.sum(axis=0), 100.0, atol=1e-6)
    np.testing.assert_allclose(result.by_dynamic().sum(axis=0), 100.0, atol=1e-6)
    # the example data, through import and seasons
    from conftest import layer_paths
    from tsmv.tsmv_qgis.steps.importing import import_gldas
    from tsmv.tsmv_qgis.steps.seasons import run_seasons
    monthly = layer_paths(tmp_path, "sm")
    import_gldas(example_dir, monthly)
    seasons = {"codes": str(tmp_path / "c.tif"), "annual_tsm": str(tmp_path / "t.tif")}
    seasons.update({"seasonal_" + k: str(tmp_path / ("s_%s.tif" % k)) for k in LAYER_KEYS})
    run_seasons(monthly, seasons)
    stacks = [read_stack(seasons["seasonal_" + k])[0] for k in LAYER_KEYS]  # (16 = 4 years x 4, rows, cols)
    sm = np.empty((4, 16, stacks[0][0].size))
    for d, stack in enumerate(stacks):
        sm[:, d::4] = stack.reshape(4, 4, -1)
    example = attribute(sm, [1998, 1999, 2000, 2001])
    valid = np.isfinite(example.components[0])
    assert valid.sum() > 50
    np.testing.assert_allclose(example.components[:, valid].sum(axis=0), 100.0, atol=1e-6)


@settings(max_examples=60, deadline=None)
@given(arrays(np.float64, (12, 16), elements=st.floats(0.0, 500.0)), st.integers(0, 10))
def test_properties_of_the_split(sm, first_year):
    """Cov(alpha, beta_sd) = 0 and Var(TSM) = Var(alpha) + Var(beta), in the kernel's terms."""
    years = np.arange(first_year, first_year + 12)
    x = sm / 4.0
    tsm = x.sum(axis=1)
    if np.var(tsm) < 1e-6 * max(1.0, abs(tsm.mean())) ** 2:
        return  # constant TSM is NaN, tested elsewhere
    result = attribute(sm[:, :, None], years)
    alpha = np.polyval(np.polyfit(years, tsm, 1), years)
    beta = tsm - alpha
    for k in range(16):
        beta_k = x[:, k] - np.polyval(np.polyfit(years, x[:, k], 1), years)
        assert abs(np.cov(alpha, beta_k)[0, 1]) <= 1e-7 * max(1.0, np.var(tsm))
    var = np.var(tsm)
    assert np.var(alpha) + np.var(beta) == pytest.approx(var, rel=1e-9, abs=1e-9)
    trend_share = result.by_dynamic()[0, 0]
    assert trend_share == pytest.approx(100 * np.var(alpha) / var, rel=1e-6, abs=1e-6)
    assert result.components[:, 0].sum() == pytest.approx(100.0, abs=1e-6)


def test_invariances():
    rng = np.random.default_rng(2)
    sm = random_sm(rng, 30, 200)
    base = attribute(sm)
    shifted = sm.copy()
    shifted[:, 5] += 123.0  # a constant added to one component
    np.testing.assert_allclose(attribute(shifted).components, base.components, atol=1e-9)
    scaled = attribute(sm * 7.5)
    np.testing.assert_allclose(scaled.components, base.components, atol=1e-9)
    np.testing.assert_allclose(scaled.omega, base.omega, rtol=1e-9, atol=1e-9)
    years = attribute(sm, np.arange(1990, 2020))  # only differences in t matter
    np.testing.assert_allclose(years.components, base.components, atol=1e-9)


def test_known_answers():
    rng = np.random.default_rng(3)
    n = 40
    sm = np.full((n, 16, 3), 50.0)
    # pixel 0: only SA-S 40-100 cm (k = 4*2 + 2 = 10) varies, trend + noise
    sm[:, 10, 0] += np.arange(n) * 0.8 + rng.normal(0, 2, n)
    # pixel 1: a pure linear trend in every component
    sm[:, :, 1] += np.arange(n)[:, None] * rng.uniform(0.1, 1.0, 16)
    # pixel 2: white noise, no trend
    result = attribute(sm)
    c = result.components
    assert c[10, 0] + c[26, 0] == pytest.approx(100.0, abs=1e-9)
    assert np.abs(np.delete(c[:, 0], [10, 26])).max() < 1e-9
    assert c[:16, 1].sum() == pytest.approx(100.0, abs=1e-9) and np.abs(c[16:, 1]).max() < 1e-9
    noise = attribute(50 + rng.normal(0, 1, (77, 16, 2000)))
    assert noise.by_dynamic()[0].mean() < 3.0  # ~ 1/(T-1) of the variance by chance
    assert result.dominant()[0, 0] in (11.0, 27.0)


def test_missing_and_constant_pixels_are_nan():
    sm = np.random.default_rng(4).uniform(1, 10, (10, 16, 3))
    sm[4, 7, 0] = np.nan
    sm[:, :, 1] = 20.0
    result = attribute(sm)
    assert np.isnan(result.components[:, :2]).all() and np.isnan(result.omega[:, :2]).all()
    assert np.isfinite(result.components[:, 2]).all()


# --- the stacks in and out -----------------------------------------------------------------

YEARS = list(range(2000, 2012))


@pytest.fixture(scope="module")
def seasonal(tmp_path_factory):
    rng = np.random.default_rng(5)
    folder = tmp_path_factory.mktemp("seasonal")
    labels = ["%d %s" % (y, s) for y in YEARS for s in SEASONS]
    data = {}
    for d, k in enumerate(LAYER_KEYS):
        values = rng.uniform(10, 100, (1, 4, 5)) * (d + 1) + rng.normal(
            0, 3, (len(labels), 4, 5)) + np.repeat(np.arange(len(YEARS)), 4)[:, None, None] * rng.normal(0, 1, (4, 5))
        values[5, 1, 1] = np.nan if d == 2 else values[5, 1, 1]
        data[k] = values.astype(np.float32)
    paths = {k: write_stack(folder / ("seasonal_%s.tif" % k), v, labels,
                            (20.0, 1.0, 0.0, 50.0, 0.0, -1.0)) for k, v in data.items()}
    return paths, data


def outputs(folder):
    out = {k: str(folder / ("%s.tif" % k)) for k in
           ("components", "by_season", "by_depth", "by_dynamic", "omega", "dominant")}
    out["table"] = str(folder / "table.csv")
    return out


def test_outputs_and_table(seasonal, tmp_path):
    paths, data = seasonal
    out = outputs(tmp_path)
    table = run_attribution(paths, out, start_year=2001, end_year=2010)
    sm = np.empty((10, 16, 20))
    for d, k in enumerate(LAYER_KEYS):
        for s in range(4):
            sm[:, 4 * s + d] = data[k][[(y - 2000) * 4 + s for y in range(2001, 2011)]].reshape(10, 20)
    want = attribute(sm, range(2001, 2011))
    comp, labels, _, _ = read_stack(out["components"])
    assert labels == COMPONENT_LABELS and labels[0] == "Trend H-S 0-10 cm" and labels[31] == "IAV A-S 100-200 cm"
    np.testing.assert_allclose(comp.reshape(32, -1), want.components, rtol=1e-5, atol=1e-4)
    assert np.isnan(comp[:, 1, 1]).all()  # a missing season in one layer
    by_season, labels, _, _ = read_stack(out["by_season"])
    assert labels == ["H-S", "SH-S", "SA-S", "A-S"]
    np.testing.assert_allclose(by_season, comp.reshape(2, 4, 4, 4, 5).sum(axis=(0, 2)), atol=1e-3)
    by_depth, labels, _, _ = read_stack(out["by_depth"])
    assert labels == ["0-10 cm", "10-40 cm", "40-100 cm", "100-200 cm"]
    np.testing.assert_allclose(by_depth, comp.reshape(2, 4, 4, 4, 5).sum(axis=(0, 1)), atol=1e-3)
    by_dynamic, labels, _, _ = read_stack(out["by_dynamic"])
    assert labels == ["Trend", "IAV"]
    dominant, labels, _, _ = read_stack(out["dominant"])
    assert labels == ["top1_code", "top1_percent", "top2_code", "top2_percent"]
    flat = comp.reshape(32, -1)
    ok = np.isfinite(flat[0])
    order = np.argsort(-flat[:, ok], axis=0, kind="stable")
    np.testing.assert_array_equal(dominant[0].ravel()[ok], order[0] + 1)
    np.testing.assert_array_equal(dominant[2].ravel()[ok], order[1] + 1)
    np.testing.assert_allclose(dominant[1].ravel()[ok], flat[order[0], np.nonzero(ok)[0]])
    omega = read_stack(out["omega"])[0]
    assert omega.shape[0] == 16
    # TABLE: area-weighted means recomputed from the rasters
    rows = list(csv.DictReader(open(out["table"])))
    assert len(rows) == 32 and rows[10]["dynamic"] == "Trend" and rows[10]["season"] == "SA-S"
    assert rows[10]["depth"] == "40-100 cm"
    w = np.cos(np.deg2rad(50 - (np.arange(4) + 0.5)))[:, None] * np.ones((4, 5))
    w = w.ravel()[ok]
    for k in (0, 10, 31):
        assert float(rows[k]["mean_percent"]) == pytest.approx((flat[k, ok] * w).sum() / w.sum(), abs=1e-4)
        assert float(rows[k]["mean_percent_unweighted"]) == pytest.approx(flat[k, ok].mean(), abs=1e-4)
        assert int(rows[k]["pixels"]) == ok.sum()
    om = omega.reshape(16, -1)[:, ok]
    assert float(rows[20]["mean_omega"]) == pytest.approx((om[4] * w).sum() / w.sum(), rel=1e-4)
    assert table[0].pixels == ok.sum()
    for key in ("components", "dominant", "omega"):
        assert os.path.exists(out[key][:-4] + ".qml")
    assert os.path.exists(out["dominant"][:-4] + ".top2.qml")


def test_bad_input(seasonal, tmp_path):
    paths, data = seasonal
    labels = ["%d %s" % (y, s) for y in YEARS for s in SEASONS]
    other_grid = dict(paths, **{"10_40": write_stack(tmp_path / "g.tif", data["10_40"], labels)})
    with pytest.raises(TsmvError, match=r"inputs\['10_40'\] .*g.tif is on another grid .* than inputs\['0_10'\]"):
        run_attribution(other_grid, outputs(tmp_path / "o"))
    fewer = dict(paths, **{"100_200": write_stack(tmp_path / "y.tif", data["100_200"][4:], labels[4:],
                                                  (20.0, 1.0, 0.0, 50.0, 0.0, -1.0))})
    with pytest.raises(TsmvError, match=r"inputs\['100_200'\] .*y.tif has other bands"):
        run_attribution(fewer, outputs(tmp_path / "o"))
    holes = [lab for lab in labels if lab != "2004 SA-S"]
    keep = [i for i, lab in enumerate(labels) if lab != "2004 SA-S"]
    gappy = {k: write_stack(tmp_path / ("h_%s.tif" % k), data[k][keep], holes,
                            (20.0, 1.0, 0.0, 50.0, 0.0, -1.0)) for k in LAYER_KEYS}
    with pytest.raises(TsmvError, match=r"inputs\['0_10'\] .* has no band '2004 SA-S'"):
        run_attribution(gappy, outputs(tmp_path / "o"))
    run_attribution(gappy, outputs(tmp_path / "ok"), start_year=2005)  # a period without the gap
    monthly = {k: write_stack(tmp_path / ("m_%s.tif" % k), data[k][:12], ["2000-%02d" % m for m in range(1, 13)])
               for k in LAYER_KEYS}
    with pytest.raises(TsmvError, match=r"inputs\['0_10'\] .* is a monthly stack \(bands like .2000-01.\); it must be seasonal"):
        run_attribution(monthly, outputs(tmp_path / "o"))
    with pytest.raises(TsmvError, match="end_year 2030 is outside"):
        run_attribution(paths, outputs(tmp_path / "o"), end_year=2030)
    assert not (tmp_path / "o").exists() or os.listdir(tmp_path / "o") == []
