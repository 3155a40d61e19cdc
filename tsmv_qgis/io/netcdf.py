"""Open a netCDF file for reading: with the Python package netCDF4 or, where it is missing,
with GDAL's netCDF driver.

QGIS's installers for Windows (MSI, OSGeo4W) and macOS ship numpy and GDAL with its netCDF
driver, but not netCDF4.  Where netCDF4 does not import, :func:`open_dataset` returns a
:class:`GdalDataset`: an adapter over GDAL's multidimensional API that offers the part of
netCDF4's interface the GLDAS reader uses:

* ``with open_dataset(path) as ds:``;
* ``ds.variables`` (name -> variable) and ``ds.dimensions`` (name -> something ``len()``
  measures); global attributes as attributes (``getattr(ds, "title", "")``);
* per variable ``.dimensions`` (names), ``.shape``, ``.dtype``, its attributes as attributes
  (``_FillValue``, ``scale_factor``, ``begin_date`` ...), and ``var[index]`` for ints and
  slices, which reads only that window.  Values are the file's own, unmasked and unscaled
  (netCDF4 after ``set_auto_maskandscale(False)``, which the adapter accepts and ignores).

Every GDAL failure becomes an OSError with GDAL's reason (or stays the RuntimeError of GDAL
bindings whose exceptions someone turned on); GDAL's global exception setting is left alone.

``TSMV_NETCDF=gdal`` in the environment makes it read with GDAL even where netCDF4 is
installed (the tests compare the two).
"""
import operator
import os
from collections.abc import Mapping

import numpy as np
from osgeo import gdal, gdal_array

from ..errors import TsmvError
from ..io.files import check_file
from ..io.raster import GdalErrors


def open_dataset(path, what="INPUT"):
    """``path`` opened for reading: a ``netCDF4.Dataset``, or a :class:`GdalDataset` where
    netCDF4 is missing (or ``TSMV_NETCDF=gdal``).  Only a regular file is opened: a named pipe,
    device or socket is refused by name (``what``) before anything reads it."""
    check_file(path, what)
    netcdf4 = _netcdf4()
    return netcdf4.Dataset(path) if netcdf4 is not None else GdalDataset(path)


def netcdf4():
    """The netCDF4 package (the example files are written with it), or an error that says how
    to install it.  Reading does without it (:func:`open_dataset`)."""
    try:
        import netCDF4
    except ImportError:
        raise TsmvError("writing netCDF files needs the Python package netCDF4, which this Python "
                        "(QGIS's) lacks: on Debian/Ubuntu `apt install python3-netcdf4`; in the "
                        "OSGeo4W shell `python -m pip install netCDF4`") from None
    return netCDF4


def can_read():
    """Whether :func:`open_dataset` has something to read with: netCDF4, or GDAL's netCDF driver."""
    return _netcdf4() is not None or _gdal_driver() is not None


def _netcdf4():
    """The netCDF4 package, or None when it is missing or ``TSMV_NETCDF=gdal``."""
    if os.environ.get("TSMV_NETCDF", "").lower() == "gdal":
        return None
    try:
        import netCDF4
    except ImportError:
        return None
    return netCDF4


def _gdal_driver():
    """GDAL's netCDF driver, or None where this GDAL lacks it or its multidimensional API."""
    driver = gdal.GetDriverByName("netCDF")
    if driver is None or driver.GetMetadataItem(gdal.DCAP_MULTIDIM_RASTER) != "YES":
        return None
    return driver


def _checked(function, *args):
    """``function(*args)``, or an OSError with GDAL's reason when it returns None or reports
    an error (a failed read returns an array all the same)."""
    with GdalErrors() as errors:
        result = function(*args)
    if result is None or errors.messages:
        raise OSError(errors.message())
    return result


def _attributes(owner):
    """The attributes of a group or array by name, typed as netCDF4 gives them: text as str,
    numbers as numpy values of the attribute's type (one value as a scalar)."""
    def value(attribute):
        kind = attribute.GetDataType()
        if kind.GetClass() != gdal.GEDTC_NUMERIC:
            return attribute.Read()
        values = np.array(attribute.ReadAsDoubleArray(),
                          gdal_array.GDALTypeCodeToNumericTypeCode(kind.GetNumericDataType()))
        return values[0] if values.size == 1 else values
    # SHOW_ALL: without it GDAL hides _FillValue, missing_value, scale_factor, add_offset, units.
    return _checked(lambda: {a.GetName(): value(a) for a in owner.GetAttributes(["SHOW_ALL=YES"])})


class _Attributes:
    """netCDF attributes as Python attributes; the object's own names come first, as in netCDF4."""

    def __getattr__(self, name):
        try:
            return self.__dict__["_attributes"][name]
        except KeyError:
            raise AttributeError(name) from None


class _Variables(Mapping):
    """name -> variable of a group, each opened when first asked for (a GLDAS file holds
    dozens; the reader wants a few)."""

    def __init__(self, group):
        self._group = group
        # SHOW_ALL: without it GDAL hides variables without dimensions.
        self._names = _checked(group.GetMDArrayNames, ["SHOW_ALL=YES"])
        self._opened = {}

    def __getitem__(self, name):
        if name not in self._opened:
            if name not in self._names:
                raise KeyError(name)
            self._opened[name] = _Variable(_checked(self._group.OpenMDArray, name))
        return self._opened[name]

    def __contains__(self, name):
        return name in self._names

    def __iter__(self):
        return iter(self._names)

    def __len__(self):
        return len(self._names)


class _Dimension:
    def __init__(self, size):
        self.size = size

    def __len__(self):
        return self.size


class GdalDataset(_Attributes):
    """A netCDF file read with GDAL, with the part of netCDF4.Dataset's interface described above."""

    def __init__(self, path):
        if _gdal_driver() is None:
            raise OSError("this GDAL has no netCDF driver with multidimensional access")
        # OF_VERBOSE_ERROR: GDAL says why a file is not netCDF; only the netCDF driver, not HDF5's.
        self._dataset = _checked(gdal.OpenEx, str(path), gdal.OF_MULTIDIM_RASTER | gdal.OF_VERBOSE_ERROR,
                                 ["netCDF"])
        root = _checked(self._dataset.GetRootGroup)
        self.variables = _Variables(root)
        self.dimensions = {d.GetName(): _Dimension(d.GetSize()) for d in _checked(root.GetDimensions)}
        self._attributes = _attributes(root)

    def close(self):
        """Let go of the file (GDAL closes it when nothing refers to it any more)."""
        self.variables, self.dimensions, self._dataset = {}, {}, None

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.close()
        return False


class _Variable(_Attributes):
    """One variable of a GdalDataset: raw values by index, attributes as attributes."""

    def __init__(self, array):
        self._array = array
        dimensions = _checked(array.GetDimensions)
        self.dimensions = tuple(d.GetName() for d in dimensions)
        self.shape = tuple(d.GetSize() for d in dimensions)
        self.dtype = np.dtype(gdal_array.GDALTypeCodeToNumericTypeCode(
            array.GetDataType().GetNumericDataType()))
        self._attributes = _attributes(array)

    def set_auto_maskandscale(self, flag):
        """Accepted for netCDF4's sake: values are always raw."""

    def __getitem__(self, index):
        """The values at ``index`` (ints and slices, one per dimension; missing trailing ones
        take the whole dimension), read from the file as one window."""
        index = index if isinstance(index, tuple) else (index,)
        if len(index) > len(self.shape):
            raise IndexError("%d indices for %d dimensions" % (len(index), len(self.shape)))
        index += (slice(None),) * (len(self.shape) - len(index))
        start, count, step, shape = [], [], [], []
        for i, size in zip(index, self.shape):
            if isinstance(i, slice):
                first, stop, stride = i.indices(size)
                n = len(range(first, stop, stride))
                shape.append(n)
            else:
                i = operator.index(i)
                if not -size <= i < size:
                    raise IndexError("index %d is out of a dimension of %d" % (i, size))
                first, n, stride = i % size, 1, 1
            start.append(first)
            count.append(n)
            step.append(stride)
        if 0 in count:  # GDAL refuses to read nothing
            return np.empty(shape, self.dtype)
        data = _checked(lambda: self._array.ReadAsArray(array_start_idx=start, count=count, array_step=step))
        return data.reshape(shape)
