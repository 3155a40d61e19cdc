"""Reading and writing: files, netCDF, GeoTIFF stacks, styles, a run's outputs and their lineage."""
