"""Wetness seasons on hand-made pixel-years, and on the example data."""
import os

import numpy as np
import pytest

from conftest import layer_paths, read_stack, recorded, write_stack
from tsmv.tsmv_qgis.errors import TsmvError
from tsmv.tsmv_qgis.steps.importing import import_gldas
from tsmv.tsmv_qgis.labels import LAYER_KEYS, month_label
from tsmv.tsmv_qgis.kernels.seasons import classify_tile
from tsmv.tsmv_qgis.steps.seasons import run_seasons

H, SH, SA, A = 1, 2, 3, 4


def tile(*pixels):
    """(4 layers, 1 year, 12 months, pixels) from per-pixel (4, 12) arrays."""
    return np.stack([np.asarray(p, np.float32) for p in pixels], axis=-1)[:, None]


def test_codes_by_hand_total_profile():
    total = np.array([5, 9, 1, 7, 3, 12, 11, 2, 8, 4, 10, 6], np.float32)  # month values
    layers = np.stack([total * f for f in (0.1, 0.2, 0.3, 0.4)])
    codes, layer_codes, means, annual = classify_tile(tile(layers))
    # wettest first: Jun 12, Jul 11, Nov 10 | Feb 9, Sep 8, Apr 7 | Dec 6, Jan 5, Oct 4 | Mar, May, Aug
    assert list(codes[0, :, 0]) == [SA, SH, A, SH, A, H, H, A, SH, SA, H, SA]
    assert layer_codes is None
    # layer 0 (x0.1): H-S = mean(1.2, 1.1, 1.0)
    np.testing.assert_allclose(means[0, 0, :, 0], [1.1, 0.8, 0.5, 0.2], rtol=1e-6)
    np.testing.assert_allclose(annual[0, 0], total.mean(), rtol=1e-6)


def test_ties_go_to_the_earlier_month():
    layers = np.ones((4, 12), np.float32)
    codes = classify_tile(tile(layers))[0]
    assert list(codes[0, :, 0]) == [H] * 3 + [SH] * 3 + [SA] * 3 + [A] * 3
    layers[:, 11] = 2.0  # December is wettest, then ties in calendar order
    codes = classify_tile(tile(layers))[0]
    assert list(codes[0, :, 0]) == [H, H, SH, SH, SH, SA, SA, SA, A, A, A, H]


def test_missing_month_in_any_layer_blanks_the_pixel_year():
    good = np.arange(48, dtype=np.float32).reshape(4, 12)
    bad = good.copy()
    bad[3, 7] = np.nan
    codes, _, means, annual = classify_tile(tile(good, bad), rank_by="layer")
    assert np.isfinite(codes[0, :, 0]).all() and np.isnan(codes[0, :, 1]).all()
    assert np.isnan(means[:, 0, :, 1]).all() and np.isnan(annual[0, 1])


def test_rank_by_layer():
    up = np.arange(12, dtype=np.float32)  # December wettest
    down = up[::-1].copy()  # January wettest
    layers = np.stack([up, down, up * 0.1, up * 0.1])
    codes, layer_codes, means, _ = classify_tile(tile(layers), rank_by="layer")
    assert list(layer_codes[1, 0, :, 0]) == [H] * 3 + [SH] * 3 + [SA] * 3 + [A] * 3
    assert list(layer_codes[0, 0, :, 0]) == [A] * 3 + [SA] * 3 + [SH] * 3 + [H] * 3
    np.testing.assert_allclose(means[1, 0, :, 0], [10, 7, 4, 1])  # layer 1's own wettest first
    np.testing.assert_allclose(means[0, 0, :, 0], [10, 7, 4, 1])
    # the total profile (up + down + small) is wettest in December: its codes
    assert codes[0, 11, 0] == H


@pytest.fixture(scope="module")
def monthly(example_dir, tmp_path_factory):
    outputs = layer_paths(tmp_path_factory.mktemp("monthly"), "sm")
    import_gldas(example_dir, outputs)
    return outputs


def season_outputs(folder):
    out = {"codes": str(folder / "codes.tif"), "annual_tsm": str(folder / "tsm.tif"),
           "codes_layers": str(folder / "codes_layers.tif")}
    out.update({"seasonal_" + k: str(folder / ("seasonal_%s.tif" % k)) for k in LAYER_KEYS})
    return out


@pytest.mark.parametrize("rank_by", ["total", "layer"])
def test_seasonal_means_average_to_the_annual_mean(monthly, tmp_path, rank_by):
    outputs = season_outputs(tmp_path)
    result = run_seasons(monthly, outputs, rank_by)
    assert result.years == [1998, 1999, 2000, 2001]
    codes, labels, _, _ = read_stack(outputs["codes"])
    assert labels[:2] == ["1998-01", "1998-02"] and len(labels) == 48
    tsm, tsm_labels, _, _ = read_stack(outputs["annual_tsm"])
    assert tsm_labels == ["1998", "1999", "2000", "2001"]
    total = 0
    for k in LAYER_KEYS:
        seasonal, labels, _, _ = read_stack(outputs["seasonal_" + k])
        assert labels[:5] == ["1998 H-S", "1998 SH-S", "1998 SA-S", "1998 A-S", "1999 H-S"]
        monthly_values = read_stack(monthly[k])[0].reshape(4, 12, *seasonal.shape[1:])
        annual = monthly_values.astype(np.float64).mean(axis=1)
        valid = np.isfinite(tsm)
        by_season = seasonal.reshape(4, 4, *seasonal.shape[1:]).astype(np.float64).mean(axis=1)
        np.testing.assert_allclose(by_season[valid], annual[valid], rtol=1e-5)
        total = total + annual
        # H-S is the wettest season of the total profile, month by month
        if rank_by == "total":
            assert (seasonal[0::4][valid] >= seasonal[3::4][valid] - 1e-3).mean() > 0.6
    np.testing.assert_allclose(tsm[np.isfinite(tsm)], total[np.isfinite(tsm)], rtol=1e-5)
    assert os.path.exists(outputs["codes_layers"]) == (rank_by == "layer")
    # codes are 1..4 with three months of each per valid pixel-year
    c = codes.reshape(4, 12, -1)
    ok = np.isfinite(c).all(axis=1)
    for code in (1, 2, 3, 4):
        assert ((c == code).sum(axis=1)[ok] == 3).all()


def test_codes_equal_a_literal_ranking(monthly, tmp_path):
    outputs = season_outputs(tmp_path)
    run_seasons(monthly, outputs)
    codes = read_stack(outputs["codes"])[0].reshape(4, 12, -1)
    data = np.stack([read_stack(monthly[k])[0] for k in LAYER_KEYS]).reshape(4, 4, 12, -1)
    total = data.astype(np.float64).sum(axis=0)
    for year in range(4):
        for p in range(0, total.shape[2], 7):
            months = total[year, :, p]
            if not np.isfinite(data[:, year, :, p]).all():
                assert np.isnan(codes[year, :, p]).all()
                continue
            ranked = sorted(range(12), key=lambda m: (-months[m], m))
            want = [1 + ranked.index(m) // 3 for m in range(12)]
            assert list(codes[year, :, p]) == want


def test_partial_years_left_out_and_bad_sets(tmp_path):
    labels = [month_label(1999, m) for m in range(7, 13)] + [month_label(2000, m) for m in range(1, 13)]
    data = np.random.default_rng(0).uniform(1, 50, (len(labels), 3, 4))
    inputs = {k: write_stack(tmp_path / ("m_%s.tif" % k), data * (i + 1), labels)
              for i, k in enumerate(LAYER_KEYS)}
    logged = []
    result = run_seasons(inputs, season_outputs(tmp_path / "out"), log=logged.append)
    assert result.years == [2000] and any("1999" in m for m in logged)

    bad = dict(inputs, **{"40_100": write_stack(tmp_path / "other.tif", data[1:], labels[1:])})
    with pytest.raises(TsmvError, match=r"inputs\['40_100'\] .*other.tif has other bands than inputs\['0_10'\] .* lacks 1999-07"):
        run_seasons(bad, season_outputs(tmp_path / "bad"))
    shifted = dict(inputs, **{"10_40": write_stack(tmp_path / "shift.tif", data, labels,
                                                   (5.0, 1.0, 0.0, 10.0, 0.0, -1.0))})
    with pytest.raises(TsmvError, match=r"inputs\['10_40'\] .*shift.tif is on another grid"):
        run_seasons(shifted, season_outputs(tmp_path / "bad"))
    yearly = {k: write_stack(tmp_path / ("y_%s.tif" % k), data[:2], ["2000", "2001"]) for k in LAYER_KEYS}
    with pytest.raises(TsmvError, match=r"inputs\['0_10'\] .*y_0_10.tif is a yearly stack \(bands like .2000.\); it must be monthly"):
        run_seasons(yearly, season_outputs(tmp_path / "bad"))
    assert not (tmp_path / "bad").exists() or os.listdir(tmp_path / "bad") == []


@pytest.mark.parametrize("rank_by", ["total", "layer"])
def test_compiled_kernel_gives_numpys_numbers(rank_by):
    """The numba kernel equals the numpy path bit for bit: ties, NaN, infinity, and a tile
    whose pixels do not fill the kernel's blocks and threads evenly."""
    pytest.importorskip("numba")
    rng = np.random.default_rng(7)
    layers = rng.gamma(2.0, 30.0, size=(4, 6, 12, 1234)).astype(np.float32)
    layers[:, :, :, ::5] = np.round(layers[:, :, :, ::5] / 25) * 25  # many ties
    layers[:, :, :, 3] = 7.0  # every month equal
    layers[1, 2, 5, 11] = np.nan
    layers[3, 0, 0, 12] = np.inf
    layers[0, 4, 7, 13] = -np.inf
    layers[:, :, :, 600:900] = np.nan  # sea: blocks of pixels without any value
    numpy_path = classify_tile(layers, rank_by, backend="numpy")
    numba_path = classify_tile(layers, rank_by, backend="numba")
    for a, b in zip(numpy_path, numba_path):
        if a is None:
            assert b is None
        else:
            assert a.dtype == b.dtype
            np.testing.assert_array_equal(a, b)
    assert np.isnan(numba_path[3][2, 11]) and np.isfinite(numba_path[3][2, 10])


@pytest.mark.parametrize("rank_by,quality_control", [("total", False), ("layer", True)])
def test_seasons_while_importing_equal_import_then_seasons(example_dir, tmp_path, rank_by, quality_control):
    """One pass gives the two steps' files bit for bit (values, labels, metadata, versions),
    with a partial first year left out by both."""
    import shutil
    from tsmv.tsmv_qgis.io import raster
    source = tmp_path / "gldas"
    source.mkdir()
    for name in sorted(os.listdir(example_dir)):
        if ".A1998" not in name or int(name.split(".A1998")[1][:2]) >= 7:  # from July 1998
            shutil.copy(os.path.join(example_dir, name), str(source))
    qc = dict(quality_control=quality_control, maxima={"0_10": 25.0})
    monthly = layer_paths(tmp_path, "two")
    import_gldas(str(source), monthly, **qc)
    separate, fused = season_outputs(tmp_path / "separate"), season_outputs(tmp_path / "fused")
    logged = []
    want = run_seasons(monthly, separate, rank_by)
    result = import_gldas(str(source), layer_paths(tmp_path, "one"), seasons=fused, rank_by=rank_by,
                          log=logged.append, **qc)
    assert result.seasons == want and want.years == [1999, 2000, 2001]
    assert any("Left out years without all 12 months" in m and "1998" in m for m in logged)
    for name in separate:
        assert os.path.exists(fused[name]) == os.path.exists(separate[name]) == (
            name != "codes_layers" or rank_by == "layer")
        if not os.path.exists(separate[name]):
            continue
        a, b = raster.Stack(separate[name]), raster.Stack(fused[name])
        assert recorded(a.metadata) == recorded(b.metadata) and a.band_versions == b.band_versions
        assert (a.metadata["TSMV_OUTPUT"], b.metadata["TSMV_OUTPUT"]) == ("outputs." + name, "seasons." + name)
        expected, got = read_stack(separate[name]), read_stack(fused[name])
        assert got[1:] == expected[1:]
        np.testing.assert_array_equal(got[0], expected[0])
    assert np.isfinite(read_stack(fused["annual_tsm"])[0]).any()


def test_seasons_while_importing_need_all_layers(example_dir, tmp_path):
    outputs = {k: v for k, v in layer_paths(tmp_path, "sm").items() if k != "100_200"}
    with pytest.raises(TsmvError, match="^seasons needs all four layers"):
        import_gldas(example_dir, outputs, seasons=season_outputs(tmp_path))
    assert os.listdir(str(tmp_path)) == []
