"""Rasterize QGIS's world map once into the land fraction the example data use.

Usage: /usr/bin/python3 scripts/make_land_mask.py [WORLD_MAP.gpkg] [OUTPUT.npz]

Reads the ``countries`` layer of the world map QGIS ships
(``/usr/share/qgis/resources/data/world_map.gpkg``: Natural Earth 1:10m Admin 0,
public domain, generalised by QGIS), burns it into a 0.05 deg grid over GLDAS's
domain (180 W..180 E, 60 S..90 N) and averages 5 x 5 cells into the fraction of land
of each 0.25 deg cell. The result, ``tsmv_example/land.npz`` (about 40 kB), holds

* ``percent``: uint8 (600, 1440), land percent 0..100, rows from south to north
  (row 0 is 60 S..59.75 S, as GLDAS's ascending latitude), columns from 180 W;
* ``west``, ``south``, ``resolution``: the grid's origin and step (degrees).

``tsmv_example`` loads it, so the example never needs QGIS or the world map.
Run it again only to change the mask (then bump ``tsmv_example.VERSION``).
"""
import os
import sys

import numpy as np

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
WORLD_MAP = "/usr/share/qgis/resources/data/world_map.gpkg"
OUTPUT = os.path.join(ROOT, "tsmv_example", "land.npz")
WEST, SOUTH, NORTH, STEP, FINE = -180.0, -60.0, 90.0, 0.25, 0.05


def land_percent(world_map):
    from osgeo import gdal, ogr
    source = ogr.Open(world_map)
    if source is None:
        sys.exit("cannot open %s" % world_map)
    layer = source.GetLayerByName("countries")
    ratio = int(round(STEP / FINE))
    cols, rows = int(round(360 / FINE)), int(round((NORTH - SOUTH) / FINE))
    ds = gdal.GetDriverByName("MEM").Create("", cols, rows, 1, gdal.GDT_Byte)
    ds.SetGeoTransform((WEST, FINE, 0.0, NORTH, 0.0, -FINE))
    gdal.RasterizeLayer(ds, [1], layer, burn_values=[1])
    fine = ds.GetRasterBand(1).ReadAsArray()[::-1]  # south to north
    fraction = fine.reshape(rows // ratio, ratio, cols // ratio, ratio).mean(axis=(1, 3))
    return np.round(100 * fraction).astype(np.uint8)


def main(world_map=WORLD_MAP, output=OUTPUT):
    percent = land_percent(world_map)
    tmp = output + ".part.npz"
    np.savez_compressed(tmp, percent=percent, west=WEST, south=SOUTH, resolution=STEP)
    os.replace(tmp, output)
    print("%s: %d x %d cells, %.1f %% land, %d bytes"
          % (output, percent.shape[1], percent.shape[0], percent.mean(), os.path.getsize(output)))


if __name__ == "__main__":
    main(*sys.argv[1:3])
