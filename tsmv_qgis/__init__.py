"""TSMV science core: GLDAS-Noah soil-moisture readers, kernels, tables and figures.

Plain numpy/netCDF4/GDAL; no QGIS import, so it runs from any Python that has
Debian's python3-numpy, python3-netcdf4 and python3-gdal.
"""
__version__ = "0.1.0"
