"""tsmv:zonal - Summaries by polygon: trends, contributions and correlations averaged over regions."""
import numpy as np
from qgis.core import (QgsCoordinateReferenceSystem, QgsCoordinateTransform, QgsCsException, QgsGeometry,
                       QgsProcessingException, QgsProcessingParameterFeatureSource, QgsProcessingParameterField,
                       QgsProcessingParameterFileDestination, QgsProcessingParameterRasterLayer,
                       QgsProcessingParameterVectorDestination)

from ..processing_provider.base import LONLAT, QT_TRANSLATE_NOOP, TsmvAlgorithm
from ..processing_provider.compat import POLYGON_GEOMETRY, POLYGONS
from ..tsmv_qgis.steps.zonal import Zone, run_zonal


def rings_of(geometry):
    """The parts of a polygon geometry as lists of rings, each an (n, 2) array of (x, y)."""
    if geometry.isMultipart():
        parts = geometry.asMultiPolygon()
    else:
        parts = [geometry.asPolygon()]
    return [[np.array([(p.x(), p.y()) for p in ring], np.float64) for ring in part] for part in parts]


class Zonal(TsmvAlgorithm):
    NAME = "zonal"
    DISPLAY_NAME = QT_TRANSLATE_NOOP("Zonal", "2 Summaries by polygon")
    TAGS = ("zonal statistics", "region", "country", "basin", "polygon", "exactextract")
    GROUP_ID = "report"

    INPUT_POLYGONS = "INPUT_POLYGONS"
    FIELD = "FIELD"
    TREND = "TREND"
    ATTRIBUTION = "ATTRIBUTION"
    CORRELATION = "CORRELATION"
    CORRELATION_P = "CORRELATION_P"
    ECOSYSTEMS = "ECOSYSTEMS"
    OUTPUT = "OUTPUT"
    OUTPUT_LAYER = "OUTPUT_LAYER"
    NAMES = {"trend": TREND, "attribution": ATTRIBUTION, "correlation": CORRELATION,
             "correlation_p": CORRELATION_P, "ecosystems": ECOSYSTEMS, "polygons": INPUT_POLYGONS, "outputs.table": OUTPUT,
             "outputs.layer": OUTPUT_LAYER}

    def help_blocks(self):
        return [
            self.tr("Averages the maps of the chain over each polygon of the {INPUT_POLYGONS} "
                    "(countries, basins, regions): the Sen's slope of the {TREND} and the share of "
                    "the area drying, wetting and with a significant trend; optionally the "
                    "contributions of the {ATTRIBUTION} and the correlations of the "
                    "{CORRELATION}."),
            self.tr("Choices made for you:"), [
                self.tr("Each cell counts by the fraction of its area inside the polygon, computed "
                        "exactly for polygons with straight edges in degrees (as exactextract does, "
                        "Baston 2019), times the cosine of the latitude of its centre (its area, as "
                        "in every TSMV mean). Small polygons thus get a mean of the cells they "
                        "partly cover rather than none; holes and multipart polygons are honoured."),
                self.tr("Polygons in another CRS are transformed vertex by vertex to the rasters' "
                        "CRS (EPSG:4326), as QGIS's own zonal statistics does: an edge stays straight "
                        "in degrees, so a long edge of a projected polygon may bend slightly away "
                        "from where it lies in its own CRS (add vertices to follow it)."),
                self.tr("A polygon crossing the antimeridian may be split at 180 degrees (a "
                        "multipolygon) or drawn as one ring with longitudes beyond 180 degrees: "
                        "both give the same cells."),
                self.tr("area_km2 is the area of the cells the polygon covers, each by its "
                        "fraction, on a sphere of radius 6371.0088 km, with or without data; pixels "
                        "is the number of cells it touches that have a slope. The means and "
                        "percentages are over the area that has a value; a polygon without such a "
                        "cell (over the sea, or outside the rasters) gets NaN, never 0 (NULL in the "
                        "{OUTPUT_LAYER})."),
                self.tr("percent_decreasing and percent_increasing are the shares of that area "
                        "with a slope below and above 0; percent_significant the share where the band "
                        "trend of the {TREND} is not 0 (significant at the ALPHA of the trend run)."),
                self.tr("From the 32 COMPONENTS of the {ATTRIBUTION}: the mean contribution (%) "
                        "of each season (rc_H_S ...), depth (rc_0_10 ...) and dynamic (rc_Trend, "
                        "rc_IAV), each the sum of its components, and the component with the largest "
                        "mean contribution over the polygon (dominant) with that contribution "
                        "(dominant_percent). Given a BY_SEASON, BY_DEPTH or BY_DYNAMIC output "
                        "instead, its means only."),
                self.tr("From the {CORRELATION}: the mean r of each season and depth "
                        "(r_H_S_0_10 ...); with the {CORRELATION_P} of the same run, the percent of "
                        "the area with an r where p is below the significance level the rasters "
                        "record (0.05 when they record none): significant_H_S_0_10 ..."),
                self.tr("With the {ECOSYSTEMS}, every polygon gives five rows: All (the whole "
                        "polygon) and the part of each ecosystem (Forests, Shrublands, Grasslands, "
                        "Croplands: cells of codes 1-4), in the column ecosystem."),
                self.tr("The {OUTPUT_LAYER} is styled as a choropleth of mean_slope in 7 classes "
                        "symmetric about 0 (red drying, blue wetting); a polygon without a value "
                        "is not drawn.")],
            self.tr("All rasters must be on the grid of the {TREND}.")]

    def declare(self):
        self.add(QgsProcessingParameterFeatureSource(self.INPUT_POLYGONS, self.tr("Polygons"), [POLYGONS]),
                 self.tr("Polygon layer in any CRS: the regions to summarise."))
        self.add(QgsProcessingParameterField(self.FIELD, self.tr("Name field"), None, self.INPUT_POLYGONS,
                                             optional=True),
                 self.tr("The field that names each polygon (the column name of the outputs). Empty: "
                         "the feature id."))
        self.add(QgsProcessingParameterRasterLayer(self.TREND, self.tr("Trend (from Sen's slope, Mann-Kendall)")),
                 self.tr("The OUTPUT of 'Sen's slope, Mann-Kendall' (bands slope, ..., trend, read by "
                         "name)."))
        self.add(QgsProcessingParameterRasterLayer(self.ATTRIBUTION, self.tr("Attribution"),
                                                   optional=True),
                 self.tr("The Components (32 bands) of 'Attribute TSM variability', or its "
                         "contributions by season, by depth or by dynamic."))
        self.add(QgsProcessingParameterRasterLayer(self.CORRELATION, self.tr("Pearson r"),
                                                   optional=True),
                 self.tr("The Pearson r (16 bands) of 'Correlate with GPP'."))
        self.add(QgsProcessingParameterRasterLayer(self.CORRELATION_P, self.tr("p-value of the Pearson r"),
                                                   optional=True),
                 self.tr("The p-value of the same run as the {CORRELATION}: adds the percent of the "
                         "area where the correlation is significant."))
        self.add(QgsProcessingParameterRasterLayer(self.ECOSYSTEMS, self.tr("Ecosystems (from land cover)"),
                                                   optional=True),
                 self.tr("The Ecosystems of 'Ecosystems from MCD12C1' (codes 1-4): each polygon is also "
                         "summarised by ecosystem."))
        self.add(QgsProcessingParameterFileDestination(self.OUTPUT, self.tr("Summaries by polygon (table)"),
                                                       self.tr("CSV files (*.csv)")),
                 self.tr("CSV, one row per polygon (and ecosystem): name, (ecosystem,) area_km2, "
                         "pixels, mean_slope (the trend's units per year), percent_decreasing, "
                         "percent_increasing, percent_significant (percent), then the columns of the "
                         "optional inputs; NaN where a polygon has no value."))
        self.add(QgsProcessingParameterVectorDestination(self.OUTPUT_LAYER, self.tr("Summaries by polygon (map)"),
                                                         POLYGONS, None, True),
                 self.tr("GeoPackage of the polygons (in EPSG:4326) with the columns of the {OUTPUT}, "
                         "styled by mean_slope."))

    def zones(self, parameters, context, feedback):
        """The polygons in EPSG:4326, named by FIELD (else by feature id)."""
        source = self.parameterAsSource(parameters, self.INPUT_POLYGONS, context)
        if source is None:
            raise QgsProcessingException(self.tr("%s %s: cannot open it as a vector layer")
                                         % (self.INPUT_POLYGONS, parameters.get(self.INPUT_POLYGONS)))
        field = self.parameterAsString(parameters, self.FIELD, context)
        if field and source.fields().lookupField(field) < 0:
            raise QgsProcessingException(self.tr("%s %s is not a field of %s")
                                         % (self.FIELD, field, self.INPUT_POLYGONS))
        target = QgsCoordinateReferenceSystem(LONLAT)
        transform = None if source.sourceCrs() == target else \
            QgsCoordinateTransform(source.sourceCrs(), target, context.transformContext())
        zones = []
        for feature in source.getFeatures():
            name = str(feature[field]) if field and feature[field] is not None else str(feature.id())
            geometry = QgsGeometry(feature.geometry())
            if geometry.isNull() or geometry.isEmpty():
                zones.append(Zone(name, [], None))
                continue
            geometry = QgsGeometry(geometry.constGet().segmentize())  # curves as straight edges
            if transform is not None:
                try:
                    geometry.transform(transform)
                except QgsCsException as e:
                    raise QgsProcessingException(self.tr("%s: the polygon %s cannot be transformed to "
                                                         "EPSG:4326 (%s)") % (self.INPUT_POLYGONS, name, e))
            if geometry.type() != POLYGON_GEOMETRY:
                raise QgsProcessingException(self.tr("%s: %s is not a polygon") % (self.INPUT_POLYGONS, name))
            zones.append(Zone(name, rings_of(geometry), bytes(geometry.asWkb())))
        feedback.pushInfo(self.tr("%d polygons read") % len(zones))
        return zones

    def compute(self, parameters, context, feedback):
        zones = self.zones(parameters, context, feedback)
        optional = {name.lower(): None if self.unset(parameters, name) else self.raster_path(parameters, name, context)
                    for name in (self.ATTRIBUTION, self.CORRELATION, self.CORRELATION_P, self.ECOSYSTEMS)}
        outputs = {"table": self.output_file(parameters, self.OUTPUT, context, ".csv")}
        if not self.unset(parameters, self.OUTPUT_LAYER):
            outputs["layer"] = self.parameterAsOutputLayer(parameters, self.OUTPUT_LAYER, context)
        layer = self.parameterAsVectorLayer(parameters, self.INPUT_POLYGONS, context)
        polygons = self.file_of(layer.source()) if layer is not None and layer.providerType() == "ogr" else None
        run_zonal(zones, self.raster_path(parameters, self.TREND, context), outputs, polygons=polygons,
                  progress=self.progress(feedback), log=self.log(feedback), **optional)
        results = {self.OUTPUT: outputs["table"]}
        if outputs.get("layer"):
            results[self.OUTPUT_LAYER] = outputs["layer"]
            self.style_on_load(context, outputs["layer"])
        return results
