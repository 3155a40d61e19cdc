"""What travels with the outputs: the GLDAS version of every band, the warning when a period
mixes V2.0 and V2.1, and how many pixels each analysis kept and why it dropped the others."""
import json

import numpy as np
import pytest
from osgeo import gdal

from conftest import layer_paths, write_stack
from tsmv.tsmv_qgis.steps.attribution import run_attribution
from tsmv_example import make_gldas_example
from tsmv.tsmv_qgis.steps.importing import import_gldas
from tsmv.tsmv_qgis.labels import LAYER_KEYS, SEASONS
from tsmv.tsmv_qgis.steps.qc import quality_control
from tsmv.tsmv_qgis.steps.seasons import run_seasons
from tsmv.tsmv_qgis.steps.trend import run_trend

YEARS = (1997, 2002)


def band_versions(path):
    ds = gdal.Open(path)
    return [ds.GetRasterBand(b + 1).GetMetadataItem("GLDAS_VERSION") for b in range(ds.RasterCount)], \
        [ds.GetRasterBand(b + 1).GetDescription() for b in range(ds.RasterCount)], ds.GetMetadata()


@pytest.fixture(scope="module")
def chain(tmp_path_factory):
    """Import (V2.0 files before 2000, V2.1 from 2000, as GES DISC names them), QC, seasons."""
    folder = tmp_path_factory.mktemp("versions")
    make_gldas_example(str(folder / "gldas"), *YEARS, extent=(0.0, 0.0, 4.0, 3.0), seed=2)
    monthly, qc = layer_paths(folder, "sm"), layer_paths(folder, "qc")
    import_gldas(str(folder / "gldas"), monthly)
    quality_control(monthly, qc)
    seasons = {"codes": str(folder / "codes.tif"), "annual_tsm": str(folder / "tsm.tif")}
    seasons.update({"seasonal_" + k: str(folder / ("seasonal_%s.tif" % k)) for k in LAYER_KEYS})
    run_seasons(qc, seasons)
    return folder, monthly, qc, seasons


def test_every_band_records_its_gldas_version(chain):
    folder, monthly, qc, seasons = chain
    names = sorted(p.name for p in (folder / "gldas").iterdir())
    from_names = {n.split(".")[1][1:]: {"020": "2.0", "021": "2.1"}[n.split(".")[2]] for n in names}
    for path in (monthly["0_10"], qc["100_200"]):
        versions, labels, meta = band_versions(path)
        assert versions == [from_names[label.replace("-", "")] for label in labels]
        assert meta["GLDAS_VERSIONS"] == "2.0 2.1"
    for path, per_year in ((seasons["seasonal_10_40"], 4), (seasons["annual_tsm"], 1), (seasons["codes"], 12)):
        versions, labels, meta = band_versions(path)
        assert versions == [("2.0" if int(label[:4]) < 2000 else "2.1") for label in labels]
        assert len(versions) == per_year * (YEARS[1] - YEARS[0] + 1) and meta["GLDAS_VERSIONS"] == "2.0 2.1"


def test_a_period_across_the_version_change_is_warned(chain, tmp_path):
    folder, monthly, qc, seasons = chain
    for (start, end), warned in (((1997, 2002), True), ((2000, 2002), False), ((1997, 1999), False)):
        logged = []
        run_trend(seasons["annual_tsm"], str(tmp_path / "t.tif"), start_year=start, end_year=end,
                  min_years=3, log=logged.append)
        meta = gdal.Open(str(tmp_path / "t.tif")).GetMetadata()
        assert meta["GLDAS_VERSIONS"] == ("2.0 2.1" if warned else "2.1" if start == 2000 else "2.0")
        assert any(m.startswith("Warning: The period %d-%d of source mixes GLDAS versions V2.0 and V2.1"
                                % (start, end)) for m in logged) == warned
        logged = []
        outputs = {k: str(tmp_path / ("%s.tif" % k)) for k in
                   ("components", "by_season", "by_depth", "by_dynamic", "omega", "dominant")}
        run_attribution({k: seasons["seasonal_" + k] for k in LAYER_KEYS}, outputs, start, end, log=logged.append)
        assert any("mixes GLDAS versions" in m for m in logged) == warned
        assert gdal.Open(outputs["dominant"]).GetMetadata()["GLDAS_VERSIONS"].count(" ") == int(warned)


def test_coverage_of_trend_and_attribution(tmp_path):
    """Hand-made pixels: no data, too few years, one missing year (kept by the trend, dropped by
    the attribution), a constant TSM (attributed as NaN) and complete ones."""
    years = list(range(2001, 2011))
    rng = np.random.default_rng(1)
    sm = rng.uniform(10, 50, (4, len(years), 4, 2, 3))  # layer, year, season, rows, cols
    sm[:, :, :, 0, 0] = np.nan  # no data
    sm[:, 3:, :, 0, 1] = np.nan  # 3 years only
    sm[2, 5, 1, 0, 2] = np.nan  # one season-year missing in one layer
    sm[:, :, :, 1, 0] = 7.0  # constant
    labels = ["%d %s" % (y, s) for y in years for s in SEASONS]
    paths = {k: write_stack(tmp_path / ("s_%s.tif" % k), sm[d].reshape(-1, 2, 3), labels,
                            metadata={"TSMV_KIND": "soil moisture", "UNITS": "kg m-2"})
             for d, k in enumerate(LAYER_KEYS)}
    outputs = {k: str(tmp_path / ("%s.tif" % k)) for k in
               ("components", "by_season", "by_depth", "by_dynamic", "omega", "dominant")}
    logged = []
    run_attribution(paths, outputs, log=logged.append)
    cov = json.loads(gdal.Open(outputs["components"]).GetMetadata()["TSMV_COVERAGE"])
    assert cov == {"pixels": 6, "kept": 2, "dropped": {"no data in the period": 1,
                                                      "a missing season-year in the period": 2,
                                                      "constant total soil moisture": 1}}
    assert any(m.startswith("Attribution over 2001-2010: kept 2 of 6 pixels (33.3 %); dropped: 1 no data "
                            "in the period, 2 a missing season-year in the period, 1 constant") for m in logged)
    logged = []
    run_trend(paths["40_100"], str(tmp_path / "trend.tif"), season=1, min_years=8, log=logged.append)
    cov = json.loads(gdal.Open(str(tmp_path / "trend.tif")).GetMetadata()["TSMV_COVERAGE"])
    # the trend of the 40-100 cm SH-S series skips the missing year of pixel (0, 2): 9 years are enough
    assert cov == {"pixels": 6, "kept": 4, "dropped": {"no data in the period": 1, "fewer than 8 valid years": 1,
                                                      "no result from the test": 0}}
    assert any(m == "Trend over 2001-2010: kept 4 of 6 pixels (66.7 %); dropped: 1 no data in the period, "
                    "1 fewer than 8 valid years" for m in logged)
