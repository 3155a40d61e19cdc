"""numba is optional: when it cannot be imported or cannot compile a kernel, numpy gives the numbers."""
import os
import subprocess
import sys
import warnings

import numpy as np
import pymannkendall as pmk
import pytest

from conftest import ROOT
from tsmv.tsmv_qgis.kernels import optional_numba
from tsmv.tsmv_qgis.kernels.blocks import block_counts
from tsmv.tsmv_qgis.kernels.mannkendall import original_test


def test_numba_raising_at_import_falls_back_with_one_warning(tmp_path):
    broken = tmp_path / "numba"
    broken.mkdir()
    (broken / "__init__.py").write_text("raise SystemError('llvmlite is broken (a test)')\n")
    code = ("import warnings, numpy as np; warnings.simplefilter('always')\n"
            "from tsmv_qgis.kernels.mannkendall import original_test\n"
            "y = np.arange(30.0).reshape(3, 10)\n"
            "print(original_test(y).slope[0], original_test(y).slope[0])\n")
    proc = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                          env=dict(os.environ, PYTHONPATH=os.pathsep.join([str(tmp_path), ROOT])))
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout.split() == ["1.0", "1.0"]
    assert proc.stderr.count("numba could not be imported (SystemError: llvmlite is broken (a test))") == 1


@pytest.mark.skipif(not optional_numba.available(), reason="numba is not installed")
def test_a_kernel_numba_cannot_compile_falls_back_to_numpy(monkeypatch):
    for name in ("numba", "_problem", "_warned"):  # restored after the test: numba stays on
        monkeypatch.setattr(optional_numba, name, getattr(optional_numba, name))

    def untypable(out):
        out[0] = object()  # numba cannot type a Python object

    kernel = optional_numba.jit(untypable)
    out = np.zeros(1)
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        assert optional_numba.compiled(kernel, out) is False
        assert not optional_numba.available()
        # every kernel now takes its numpy path, with the same numbers
        x = np.random.default_rng(1).normal(size=(50, 12))
        got = original_test(x)
        codes = np.random.default_rng(2).integers(0, 5, (6, 8)).astype(np.uint8)
        counts = block_counts(codes, 2, 4, 4)
    assert [str(w.message).count("numba could not compile untypable") for w in caught] == [1]
    want = pmk.original_test(x[7])
    assert got.slope[7] == pytest.approx(want.slope, abs=1e-12) and got.p_value[7] == pytest.approx(want.p, abs=1e-12)
    assert counts[1, 1].tolist() == [int((codes[2:4, 4:8] == c).sum()) for c in range(4)]


def test_numba_insisted_on_but_unusable_is_an_error(monkeypatch):
    monkeypatch.setattr(optional_numba, "numba", None)
    with pytest.raises(RuntimeError):
        original_test(np.ones((2, 5)), backend="numba")


@pytest.mark.skipif(not optional_numba.available(), reason="numba is not installed")
def test_the_first_compile_is_announced_once(tmp_path):
    """A run hears 'compiling ... about 10 s' before a kernel compiles, and not again."""
    import numba

    def double(out):
        out[0] *= 2

    kernel = numba.njit(double)  # no disk cache, so every test run compiles it
    heard = []
    out = np.ones(1)
    with optional_numba.announce(heard.append):
        assert optional_numba.compiled(kernel, out)
        assert optional_numba.compiled(kernel, out)
    assert out[0] == 4
    assert len(heard) == 1 and "about 10 s" in heard[0] and "test_optional_numba" in heard[0]
    original_test(np.arange(20.0).reshape(2, 10))  # compiled or loaded from disk now
    assert not optional_numba._about_to_compile(original_test.__globals__["_kernel"])
    with optional_numba.announce(None):
        pass
    assert getattr(optional_numba._listener, "log", None) is None  # the block restores silence
