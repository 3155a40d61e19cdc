"""Vectorised numerical kernels (numpy, optional numba): no files, no GDAL."""
