"""Bounded memory: GDAL's block cache is capped while a run works and restored after."""
import threading

import numpy as np
import pytest
from osgeo import gdal

from conftest import layer_paths, write_stack
from tsmv.tsmv_qgis.errors import TsmvError
from tsmv.tsmv_qgis.io.outputs import Outputs
from tsmv.tsmv_qgis.progress import Progress
from tsmv.tsmv_qgis.steps.qc import quality_control
from tsmv.tsmv_qgis.io.raster import GDAL_CACHE_BYTES, capped_gdal_cache


@pytest.fixture
def big_cache():
    before = gdal.GetCacheMax()
    gdal.SetCacheMax(512 * 2**20)
    yield 512 * 2**20
    gdal.SetCacheMax(before)


def test_a_run_caps_the_cache_and_restores_it(big_cache, tmp_path):
    seen = []
    inputs = {k: write_stack(str(p), np.full((2, 3, 4), 10.0), ["2000-01", "2000-02"])
              for k, p in layer_paths(tmp_path, "sm").items()}
    quality_control(inputs, layer_paths(tmp_path, "qc"),
                    progress=Progress(lambda fraction: seen.append(gdal.GetCacheMax())))
    assert seen and max(seen) == GDAL_CACHE_BYTES < big_cache
    assert gdal.GetCacheMax() == big_cache


def test_a_failed_run_restores_the_cache(big_cache, tmp_path):
    with pytest.raises(TsmvError):
        with Outputs(rasters={"OUTPUT": str(tmp_path / "out.tif")}):
            assert gdal.GetCacheMax() == GDAL_CACHE_BYTES
            raise TsmvError("stop")
    assert gdal.GetCacheMax() == big_cache


def test_a_smaller_cache_is_kept(big_cache):
    gdal.SetCacheMax(8 * 2**20)
    with capped_gdal_cache():
        assert gdal.GetCacheMax() == 8 * 2**20
    assert gdal.GetCacheMax() == 8 * 2**20


def test_overlapping_runs_restore_the_cache_when_the_last_leaves(big_cache):
    """QGIS runs algorithms in threads: the first to leave must not lift the cap of the other."""
    inside, leave = threading.Event(), threading.Event()

    def other_run():
        with capped_gdal_cache():
            inside.set()
            leave.wait(10)
    thread = threading.Thread(target=other_run)
    with capped_gdal_cache():
        thread.start()
        inside.wait(10)
    assert gdal.GetCacheMax() == GDAL_CACHE_BYTES  # the other run still works
    leave.set()
    thread.join(10)
    assert gdal.GetCacheMax() == big_cache
