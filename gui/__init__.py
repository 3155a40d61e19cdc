"""The plugin's own windows in the QGIS desktop (beside Processing): the pixel inspector."""
