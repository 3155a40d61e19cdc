"""Vector outputs: a GeoPackage of polygons and their attributes, written with GDAL/OGR."""
import math

from osgeo import ogr, osr

from ..errors import TsmvError
from .raster import GdalErrors

#: OGR's field type of each column type.
FIELD_TYPES = {str: ogr.OFTString, int: ogr.OFTInteger64, float: ogr.OFTReal}


def write_geopackage(path, layer_name, crs_wkt, columns, rows, geometries, name="OUTPUT_LAYER"):
    """Write the GeoPackage ``path`` with one polygon layer ``layer_name`` in the CRS ``crs_wkt``:
    ``columns`` [(field, type)], ``rows`` the values (a NaN float is written NULL) and
    ``geometries`` the WKB of each row (None: no geometry).  A failure is a TsmvError naming
    output ``name``."""
    with GdalErrors(name, path) as errors:
        ds = ogr.GetDriverByName("GPKG").CreateDataSource(path)
        if ds is None:
            raise TsmvError("%s: cannot create %s (%s)" % (name, path, errors.message("GDAL could not")))
        srs = osr.SpatialReference()
        srs.ImportFromWkt(crs_wkt)
        srs.SetAxisMappingStrategy(osr.OAMS_TRADITIONAL_GIS_ORDER)
        layer = ds.CreateLayer(layer_name, srs, ogr.wkbMultiPolygon, ["SPATIAL_INDEX=YES"])
        for field, kind in columns:
            layer.CreateField(ogr.FieldDefn(field, FIELD_TYPES[kind]))
        definition = layer.GetLayerDefn()
        ds.StartTransaction()
        for values, wkb in zip(rows, geometries):
            feature = ogr.Feature(definition)
            for i, ((field, kind), value) in enumerate(zip(columns, values)):
                if value is None or kind is float and math.isnan(value):
                    feature.SetFieldNull(i)
                else:
                    feature.SetField(i, kind(value))
            if wkb is not None:
                feature.SetGeometry(ogr.ForceToMultiPolygon(ogr.CreateGeometryFromWkb(bytes(wkb))))
            if layer.CreateFeature(feature) != 0:
                raise TsmvError("%s: cannot write %s (%s)" % (name, path, errors.message("GDAL could not")))
        ds.CommitTransaction()
        ds = None
        if errors.messages:
            raise TsmvError("%s: cannot write %s (%s)" % (name, path, errors.message()))
