"""Summaries by polygon (tsmv:zonal) against merely reading the rasters it summarises.

200 country-size polygons (star-shaped, 400 vertices each, 3 to 15 degrees across, every
tenth with a hole, a few across the antimeridian) over the global 1.0 deg grid, with the
trend, the 32 attribution components and the correlation's R and P (71 bands), and over the
0.25 deg grid with the trend only (7 bands): the run (exact coverage, reading, means, CSV)
against reading every band of the same files with GDAL, and the exact coverage alone.
"""
import os

import numpy as np
from osgeo import gdal, osr

from common import CACHE, best_of, line

POLYGONS = 200
VERTICES = 400


def write(path, bands, labels, cell, metadata):
    ds = gdal.GetDriverByName("GTiff").Create(path, bands.shape[2], bands.shape[1], bands.shape[0], gdal.GDT_Float32,
                                              ["TILED=YES", "COMPRESS=DEFLATE"])
    ds.SetGeoTransform((-180.0, cell, 0.0, 90.0, 0.0, -cell))
    srs = osr.SpatialReference()
    srs.ImportFromEPSG(4326)
    ds.SetProjection(srs.ExportToWkt())
    ds.SetMetadata(metadata)
    for b, label in enumerate(labels):
        band = ds.GetRasterBand(b + 1)
        band.SetDescription(label)
        band.SetNoDataValue(float("nan"))
        band.WriteArray(bands[b])
    ds = None
    return path


def rasters(cell, full):
    """The trend (and, ``full``, COMPONENTS, R and P) on the global grid of ``cell`` degrees."""
    from tsmv_qgis.steps.attribution import attribution_bands
    from tsmv_qgis.steps.correlation import correlation_bands
    folder = os.path.join(CACHE, "zonal_%g" % cell)
    os.makedirs(folder, exist_ok=True)
    rng = np.random.default_rng(0)
    height, width = int(180 / cell), int(360 / cell)
    paths = {"trend": os.path.join(folder, "trend.tif")}
    if not os.path.exists(paths["trend"]):
        values = rng.normal(size=(7, height, width)).astype(np.float32)
        values[6] = np.sign(values[0]) * (np.abs(values[0]) > 1)
        write(paths["trend"], values, ["slope", "intercept", "p_value", "z", "tau", "s", "trend"], cell,
              {"TSMV_KIND": "trend"})
    if full:
        for key, labels, meta in (("components", attribution_bands()["components"].labels, {"TSMV_KIND": "attribution"}),
                                  ("r", correlation_bands()["r"].labels, {"TSMV_KIND": "correlation", "TSMV_VALUE": "pearson r"}),
                                  ("p", correlation_bands()["r"].labels, {"TSMV_KIND": "correlation", "TSMV_VALUE": "p-value"})):
            paths[key] = os.path.join(folder, key + ".tif")
            if not os.path.exists(paths[key]):
                write(paths[key], rng.uniform(0, 1, (len(labels), height, width)).astype(np.float32), labels, cell, meta)
    return paths


def zones():
    from tsmv_qgis.steps.zonal import Zone
    rng = np.random.default_rng(1)
    found = []
    for k in range(POLYGONS):
        cx, cy = rng.uniform(-180, 180), rng.uniform(-60, 70)
        radius = rng.uniform(1.5, 7.5)
        angles = (np.arange(VERTICES) + rng.uniform(0, 0.8, VERTICES)) * 2 * np.pi / VERTICES
        radii = radius * rng.uniform(0.7, 1.0, VERTICES)
        ring = np.column_stack([cx + radii * np.cos(angles), cy + radii * np.sin(angles)])
        part = [ring]
        if k % 10 == 0:
            part.append(np.column_stack([cx + 0.3 * radius * np.cos(angles[::8]), cy + 0.3 * radius * np.sin(angles[::8])]))
        found.append(Zone("zone %d" % k, [part]))
    return found


def main():
    from tsmv_qgis.io.raster import Stack
    from tsmv_qgis.kernels.coverage import polygon_coverage
    from tsmv_qgis.steps.zonal import run_zonal
    print("== zonal: summaries by polygon ==")
    polygons = zones()
    out = os.path.join(CACHE, "zonal_out")
    os.makedirs(out, exist_ok=True)
    for cell, full in ((1.0, True), (0.25, False)):
        paths = rasters(cell, full)

        def read_all():
            for key, path in paths.items():
                stack = Stack(path)
                stack.read(0, stack.grid.height)
                stack.close()

        def coverage():
            for zone in polygons:
                polygon_coverage(zone.parts, -180.0, 90.0, cell, cell, int(360 / cell), int(180 / cell), period=360.0)

        def run():
            run_zonal(polygons, paths["trend"], {"table": os.path.join(out, "zonal.csv")},
                      attribution=paths.get("components"), correlation=paths.get("r"), correlation_p=paths.get("p"))
        bands = sum(Stack(p).count for p in paths.values())
        reading = best_of(3, read_all)
        line("baseline: read the %d bands at %g deg" % (bands, cell), "%.3f s" % reading)
        alone = best_of(3, coverage)
        line("exact coverage of %d polygons of %d vertices" % (POLYGONS, VERTICES), "%.3f s" % alone,
             "%.1f ms a polygon" % (1000 * alone / POLYGONS))
        ours = best_of(3, run)
        line("tsmv zonal (coverage + read + means + CSV)", "%.3f s" % ours,
             "%.2fx reading the bands" % (ours / reading))


if __name__ == "__main__":
    main()
