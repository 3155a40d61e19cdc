"""Faults a run must survive whole: a full disk, GDAL failing on write or on close, two runs
writing one output at once, SIGTERM and SIGKILL.  Afterwards every requested file is either
one run's complete result or absent (or unchanged), and no temporary file is left."""
import os
import signal
import subprocess
import time

import numpy as np
import pytest

from conftest import QGIS_PROCESS, layer_paths, read_stack, slow_trend_stack, snapshot, write_stack
from tsmv.tsmv_qgis.errors import TsmvError
from tsmv.tsmv_qgis.steps.importing import import_gldas
from tsmv.tsmv_qgis.steps.trend import run_trend

YEARS = [str(y) for y in range(2000, 2025)]


def temporaries(folder):
    return [n for n in os.listdir(folder) if n.startswith(".tsmv-")] if os.path.isdir(folder) else []


def yearly(path, size, seed):
    rng = np.random.default_rng(seed)
    data = rng.normal(200, 5, (25, size, size)) + np.arange(25)[:, None, None] * rng.normal(0, 1, (size, size))
    return write_stack(path, data, YEARS)


@pytest.fixture
def tiny_disk(tmp_path):
    """A function mounting a tmpfs of a given size (skipped where this user may not mount one)."""
    mounted = []

    def mount(size="1m", options=""):
        disk = tmp_path / ("disk%d" % len(mounted))
        disk.mkdir()
        if subprocess.run(["mount", "-t", "tmpfs", "-o", "size=%s%s" % (size, options), "tmpfs",
                           str(disk)], capture_output=True).returncode != 0:
            pytest.skip("cannot mount a tmpfs here (needs root)")
        mounted.append(disk)
        return str(disk)
    yield mount
    for disk in mounted:
        subprocess.run(["umount", str(disk)], check=True)


def test_full_disk_through_qgis_process(qgis_process, tiny_disk, tmp_path):
    source = yearly(tmp_path / "in.tif", 300, 1)  # 7 output bands of 300 x 300: 2.5 MB > 1 MB
    before = snapshot(str(tmp_path))
    tiny_disk = tiny_disk("1m")
    code, _, log = qgis_process.run("tsmv:trend", INPUT=source, OUTPUT=os.path.join(tiny_disk, "t.tif"),
                                    SUMMARY=os.path.join(tiny_disk, "t.csv"))
    assert code != 0
    assert "OUTPUT: cannot write %s" % os.path.join(tiny_disk, "t.tif") in log
    assert "No space left on device" in log and "Traceback" not in log
    assert os.listdir(tiny_disk) == []
    assert {k: v for k, v in snapshot(str(tmp_path)).items() if not k.endswith(".aux.xml")} == \
        {k: v for k, v in before.items() if not k.endswith(".aux.xml")}


def test_full_disk_with_four_outputs_on_the_write_behind_thread(example_dir, tiny_disk):
    tiny_disk = tiny_disk("64k")  # the four stacks need 150 kB
    with pytest.raises(TsmvError, match=r"outputs\['.*'\]: cannot write .*No space left on device"):
        import_gldas(example_dir, layer_paths(tiny_disk, "sm"))
    assert os.listdir(tiny_disk) == []


@pytest.mark.parametrize("where", ["write", "close"])
def test_injected_gdal_failure_leaves_nothing(tmp_path, monkeypatch, where):
    """GDAL reports a failure (as it does for an I/O error) on a band write, or on the final flush."""
    from osgeo import gdal
    source = yearly(tmp_path / "in.tif", 20, 2)
    out = tmp_path / "out"
    out.mkdir()
    old = out / "t.tif"
    old.write_bytes(b"an earlier result")  # must stay as it is
    if where == "write":
        def write_array(self, *args, **kwargs):
            gdal.Error(gdal.CE_Failure, 3, "injected: write error")
            return 3  # CE_Failure
        monkeypatch.setattr(gdal.Dataset, "WriteArray", write_array)
    else:
        original = gdal.Dataset.FlushCache

        def flush(self):
            result = original(self)
            gdal.Error(gdal.CE_Failure, 3, "injected: cannot flush")
            return result
        monkeypatch.setattr(gdal.Dataset, "FlushCache", flush)
    with pytest.raises(TsmvError, match="^output: cannot write %s \\(injected" % (out / "t.tif")):
        run_trend(source, str(old), str(out / "t.csv"))
    assert sorted(os.listdir(out)) == ["t.tif"] and old.read_bytes() == b"an earlier result"


def test_full_disk_found_when_reading_back_with_gdal_exceptions_on(tmp_path, monkeypatch):
    """GDAL bindings with exceptions on (QGIS 3.44) raise while the written file is read back,
    as a compressed write on a full disk may fail only then: the run says the disk is full,
    closes the file it read (a held file keeps a disk busy) and leaves nothing."""
    import gc
    import weakref
    from osgeo import gdal
    from tsmv.tsmv_qgis.io import raster
    source = yearly(tmp_path / "in.tif", 20, 2)
    out = tmp_path / "out"
    out.mkdir()
    opened, original = [], gdal.Open

    def open_for_read_back(path, *args):
        ds = original(path, *args)
        if os.path.basename(str(path)).startswith(".tsmv-"):
            opened.append(weakref.ref(ds))

            def read_raster(*a, **k):
                raise RuntimeError("TIFFReadEncodedStrip() failed.\nMay be caused by: TIFFFillStrip:Read error "
                                   "at scanline 0; No space left on device")  # GDAL 3.9+ words it so
            monkeypatch.setattr(gdal.Band, "ReadRaster", read_raster)
        return ds
    monkeypatch.setattr(raster.gdal, "Open", open_for_read_back)
    monkeypatch.setattr(raster, "_disk_full", lambda path: True)
    with pytest.raises(TsmvError, match="^output: cannot write %s \\(.*No space left on device" % (out / "t.tif")):
        run_trend(source, str(out / "t.tif"))
    gc.collect()
    assert opened and all(ref() is None for ref in opened)  # every read-back dataset was closed
    assert os.listdir(out) == []


def test_concurrent_runs_leave_one_complete_result(qgis_process, tmp_path):
    a, b = yearly(tmp_path / "a.tif", 400, 3), yearly(tmp_path / "b.tif", 400, 4)
    solo = {}
    for name, source in (("a", a), ("b", b)):
        code, _, log = qgis_process.run("tsmv:trend", INPUT=source, OUTPUT=str(tmp_path / ("solo_%s.tif" % name)))
        assert code == 0, log
        solo[name] = read_stack(tmp_path / ("solo_%s.tif" % name))[0]
    out = tmp_path / "shared"
    winners = []
    for repetition in range(3):
        runs = [subprocess.Popen([QGIS_PROCESS, "run", "tsmv:trend", "--INPUT=" + source,
                                  "--OUTPUT=%s" % (out / "t.tif"), "--SUMMARY=%s" % (out / "t.csv")],
                                 env=qgis_process.env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
                for source in (a, b)]
        logs = [r.communicate(timeout=600)[0].decode() for r in runs]
        assert [r.returncode for r in runs] == [0, 0], logs
        got = read_stack(out / "t.tif")[0]
        same = [name for name in "ab" if np.array_equal(got, solo[name], equal_nan=True)]
        assert len(same) == 1, "the file is neither run's complete result"
        winners.append(same[0])
        assert temporaries(out) == []
    assert sorted(os.listdir(out)) == ["t.csv", "t.p_value.qml", "t.qml", "t.slope_lower.qml", "t.slope_upper.qml",
                                       "t.tif", "t.trend.qml"]


def _start_slow_run(qgis_process, tmp_path, out):
    """A trend run of seconds of kernel work (conftest.slow_trend_stack), started in the
    background; returns once its temporary output exists."""
    source = slow_trend_stack(tmp_path / "slow.tif")
    run = subprocess.Popen([QGIS_PROCESS, "run", "tsmv:trend", "--INPUT=" + source, "--OUTPUT=%s" % out], env=qgis_process.env, stdout=subprocess.PIPE,
                           stderr=subprocess.STDOUT)
    deadline = time.time() + 120
    while not temporaries(os.path.dirname(out)):
        assert run.poll() is None and time.time() < deadline, "the run never started writing"
        time.sleep(0.05)
    return run


def test_sigterm_removes_the_temporaries(qgis_process, tmp_path):
    out = tmp_path / "out"
    out.mkdir()
    (out / "t.tif").write_bytes(b"an earlier result")
    run = _start_slow_run(qgis_process, tmp_path, str(out / "t.tif"))
    run.send_signal(signal.SIGTERM)
    log = run.communicate(timeout=120)[0].decode()
    assert run.returncode != 0
    assert "Stopped by SIGTERM; no output was written" in log and "Traceback" not in log
    assert sorted(os.listdir(out)) == ["t.tif"] and (out / "t.tif").read_bytes() == b"an earlier result"


def test_sigkill_leftovers_are_removed_by_the_next_run(qgis_process, tmp_path):
    out = tmp_path / "out"
    out.mkdir()
    run = _start_slow_run(qgis_process, tmp_path, str(out / "t.tif"))
    run.kill()  # no handler can run: the temporary stays behind ...
    run.communicate(timeout=60)
    left = temporaries(out)
    assert left
    fresh = yearly(tmp_path / "small.tif", 5, 6)
    code, _, log = qgis_process.run("tsmv:trend", INPUT=fresh, OUTPUT=str(out / "other.tif"))
    assert code == 0, log
    assert temporaries(out) == []  # ... until the next run writing to this folder removes it
    assert os.path.exists(out / "other.tif")
