"""Shared fixtures: the plugin importable as ``tsmv``, small example data, QGIS helpers."""
import hashlib
import json
import os
import shutil
import subprocess
import sys

import numpy as np
import pytest

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
#: Two real GLDAS V2.1 files (0.25 deg, 3-hourly, two soil layers), kept with the tests.
REAL_GLDAS = os.environ.get("TSMV_REAL_GLDAS") or os.path.join(ROOT, "tests", "data", "gldas_real")
QGIS_PROCESS = os.path.join(ROOT, "scripts", "qgis_process")

# The repository root is the plugin folder; import it under its deployed name (tsmv), and
# the example data (tsmv_example, which is not part of the plugin) from the root itself.
sys.path.insert(0, os.path.join(ROOT, "scripts"))
sys.path.append(ROOT)
import tsmv_package  # noqa: E402

tsmv_package.add_to_path()

from tsmv_example import make_gldas_example  # noqa: E402
from tsmv.tsmv_qgis.labels import LAYER_KEYS  # noqa: E402

#: A small region that is part land, part sea, at 1 deg.
SMALL_EXTENT = (-10.0, 30.0, 6.0, 42.0)


@pytest.fixture(scope="session")
def example_dir(tmp_path_factory):
    """Example GLDAS monthly files, 1998-2001 (V2.0 then V2.1) over a small region."""
    folder = str(tmp_path_factory.mktemp("example") / "gldas")
    make_gldas_example(folder, 1998, 2001, extent=SMALL_EXTENT, seed=3)
    return folder


def layer_paths(folder, prefix):
    return {k: os.path.join(str(folder), "%s_%s.tif" % (prefix, k)) for k in LAYER_KEYS}


def snapshot(folder):
    """sha256 of every file below ``folder``, to prove inputs are never modified."""
    digests = {}
    for dirpath, _, names in os.walk(folder):
        for name in names:
            path = os.path.join(dirpath, name)
            if os.path.islink(path):  # a link is not content (and may point nowhere)
                continue
            with open(path, "rb") as f:
                digests[os.path.relpath(path, folder)] = hashlib.sha256(f.read()).hexdigest()
    return digests


def read_stack(path):
    """(array (bands, rows, cols), labels, geotransform, wkt) read with GDAL directly."""
    from osgeo import gdal
    ds = gdal.Open(str(path))
    labels = [ds.GetRasterBand(b + 1).GetDescription() for b in range(ds.RasterCount)]
    return ds.ReadAsArray().reshape(ds.RasterCount, ds.RasterYSize, ds.RasterXSize), labels, \
        ds.GetGeoTransform(), ds.GetProjection()


def area_mean(band, lat):
    """The area-weighted (cos latitude) mean of the finite cells of a band (rows at latitudes
    ``lat``) as a float32 GeoTIFF stores it: what TSMV's tables hold of its rasters."""
    band = np.asarray(band).astype(np.float32).astype(np.float64)
    w = np.broadcast_to(np.cos(np.deg2rad(np.asarray(lat, np.float64)))[:, None], band.shape)
    ok = np.isfinite(band)
    return (band[ok] * w[ok]).sum() / w[ok].sum()


def recorded(metadata):
    """What a stack's metadata says of its data, without its lineage (the ids of the run that
    wrote it, of the output it was written as and of its inputs, and where the run wrote its
    files, which differ from run to run)."""
    return {k: v for k, v in metadata.items() if k not in ("TSMV_RUN", "TSMV_OUTPUT", "TSMV_SOURCES", "TSMV_FILES")}


def assert_same_nan(actual, expected, **kw):
    np.testing.assert_array_equal(np.isnan(actual), np.isnan(expected))
    np.testing.assert_allclose(np.nan_to_num(actual), np.nan_to_num(expected), **kw)


_KEEP = []


@pytest.fixture(scope="session")
def tsmv_processing(qgis_processing):
    """QGIS Processing with the TSMV provider registered; returns ``processing``."""
    from qgis.core import QgsApplication
    from tsmv.processing_provider.provider import TsmvProvider
    registry = QgsApplication.processingRegistry()
    if registry.providerById("tsmv") is None:
        _KEEP.append(TsmvProvider())  # a provider nobody references loses its algorithms
        registry.addProvider(_KEEP[-1])
    import processing
    return processing


class QgisProcess:
    """Run ``qgis_process`` in a fresh temporary profile holding a given plugin folder."""

    def __init__(self, profile_root, plugin_dir):
        self.env = dict(os.environ, TSMV_PROFILE=str(profile_root), QGIS_CUSTOM_CONFIG_PATH=str(profile_root),
                        QT_QPA_PLATFORM="offscreen",  # kernels compiled for this profile stay in it
                        TSMV_NUMBA_CACHE_DIR=os.path.join(str(profile_root), "numba"))
        python = os.path.join(str(profile_root), "profiles", "default", "python")
        os.makedirs(os.path.join(python, "plugins"), exist_ok=True)
        link = os.path.join(python, "plugins", "tsmv")
        if os.path.abspath(plugin_dir) != os.path.abspath(link):
            os.symlink(plugin_dir, link)
        self("plugins", "enable", "tsmv", check=True)

    def __call__(self, *args, check=False):
        proc = subprocess.run([QGIS_PROCESS, *args], env=self.env, capture_output=True,
                              text=True, timeout=1800)
        if check and proc.returncode != 0:
            raise AssertionError("qgis_process %s failed:\n%s\n%s"
                                 % (" ".join(args), proc.stdout[-3000:], proc.stderr[-3000:]))
        return proc

    def run(self, algorithm, **params):
        """``qgis_process run ALGORITHM --json --NAME=value ...``: (returncode, json or None, stderr)."""
        args = ["run", algorithm, "--json"] + ["--%s=%s" % (k, v) for k, v in params.items()]
        proc = self(*args)
        try:
            result = json.loads(proc.stdout[proc.stdout.index("{"):])
        except ValueError:
            result = None
        return proc.returncode, result, proc.stdout + proc.stderr


@pytest.fixture(scope="session")
def qgis_process(tmp_path_factory):
    return QgisProcess(tmp_path_factory.mktemp("qgis-profile"), ROOT)


@pytest.fixture
def clean_copy(tmp_path):
    """Copy a folder into tmp_path and return the copy (to plant bad files in)."""
    def copy(folder, name="input"):
        target = tmp_path / name
        shutil.copytree(folder, target)
        return str(target)
    return copy


def write_stack(path, array, labels, geotransform=(0.0, 1.0, 0.0, 10.0, 0.0, -1.0), metadata=None):
    """A labelled float32 GeoTIFF written with GDAL directly (independent of tsmv_qgis)."""
    from osgeo import gdal, osr
    array = np.asarray(array, np.float32)
    ds = gdal.GetDriverByName("GTiff").Create(str(path), array.shape[2], array.shape[1],
                                              array.shape[0], gdal.GDT_Float32)
    ds.SetGeoTransform(geotransform)
    srs = osr.SpatialReference()
    srs.ImportFromEPSG(4326)
    ds.SetProjection(srs.ExportToWkt())
    if metadata:
        ds.SetMetadata(metadata)
    for b, label in enumerate(labels):
        band = ds.GetRasterBand(b + 1)
        band.SetDescription(label)
        band.SetNoDataValue(float("nan"))
        band.WriteArray(array[b])
    ds = None
    return str(path)


def slow_trend_stack(path, seed=5):
    """A yearly stack whose tsmv:trend takes seconds of kernel work, in several chunks (the
    signal and fault tests stop such a run midway): 48 x 48 pixels of 600 years, each pixel's
    Sen slope the median of 179,700 pairwise slopes."""
    rng = np.random.default_rng(seed)
    years = [str(y) for y in range(1400, 2000)]
    data = rng.normal(200, 5, (len(years), 48, 48)) + np.arange(len(years))[:, None, None] * rng.normal(0, 0.01, (48, 48))
    return write_stack(path, data, years)


# --- the end of the session --------------------------------------------------------------------

def pytest_sessionfinish(session, exitstatus):
    session.config.tsmv_exitstatus = int(exitstatus)


@pytest.hookimpl(trylast=True)
def pytest_unconfigure(config):
    """End the process once pytest has reported, with pytest's status, without the interpreter's
    final garbage collection.  There, after QGIS has exited and shut GDAL down, a GDAL dataset
    still referenced (by the traceback of an error a test expected, which pytest keeps) is
    closed: GDALClose on a destroyed driver manager ("corrupted size vs. prev_size", SIGABRT or
    SIGSEGV after "N passed"; gdb: GDALClose under Py_FinalizeEx; reproduced with
    tests/test_parameters.py alone, before and after session 14).  Nothing of the tests runs
    after this point."""
    status = getattr(config, "tsmv_exitstatus", None)
    if status is not None:
        sys.stdout.flush()
        sys.stderr.flush()
        os._exit(status)


@pytest.fixture(scope="session", autouse=True)
def collect_before_qgis_exits(qgis_app):
    """Collect the garbage while QGIS and GDAL still run: a GDAL dataset left in a reference
    cycle (the traceback of an error a test expected) is then closed here, not after QGIS has
    shut GDAL down, where GDALClose corrupts the heap (QGIS 3.44 aborted there, in the session's
    teardown, before pytest_unconfigure below)."""
    yield
    import gc
    gc.collect()
