"""Optional numba compilation shared by the kernels.

:func:`jit` compiles a function with numba (cached on disk, GIL released) when
numba is installed, and returns it unchanged otherwise; callers keep a numpy
path for that case and check :data:`numba` to choose.
"""
import os

try:  # numba is optional: every kernel has a numpy path giving the same numbers
    import numba
except ImportError:  # pragma: no cover - depends on the machine
    numba = None

#: Unsigned index type: numba adds a negative-index check to every signed index, which
#: keeps the compiler from vectorising a loop; unsigned indices have none.
u64 = numba.uint64 if numba is not None else int

#: Compiled kernels go to the plugin's __pycache__, or to TSMV_NUMBA_CACHE_DIR when set (e.g.
#: for a read-only plugin folder).  numba's disk cache records the module's import name, which
#: differs between the plugin (tsmv.tsmv_qgis...) and plain Python (tsmv_qgis...): one cache
#: folder per name.
_CACHE_DIR = os.path.join(
    os.environ.get("TSMV_NUMBA_CACHE_DIR")
    or os.path.join(os.path.dirname(os.path.abspath(__file__)), "__pycache__", "numba"), __name__)


def jit(function):
    """Compile with numba (cached on disk, GIL released) when it is there."""
    if numba is None:
        return function
    saved = numba.config.CACHE_DIR
    numba.config.CACHE_DIR = _CACHE_DIR  # read once, when the cache is set up
    try:
        return numba.njit(cache=True, nogil=True)(function)
    except Exception:  # e.g. a read-only plugin folder: compile in memory every time
        return numba.njit(nogil=True)(function)
    finally:
        numba.config.CACHE_DIR = saved
