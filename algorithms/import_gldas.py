"""tsmv:importgldas - Import GLDAS-Noah soil moisture into monthly stacks."""
from qgis.core import (QgsProcessingParameterEnum, QgsProcessingParameterExtent,
                       QgsProcessingParameterFile, QgsProcessingParameterRasterDestination)

from ..processing_provider.base import TsmvAlgorithm
from ..processing_provider.compat import FileBehavior
from ..tsmv_qgis.gldas import import_gldas
from ..tsmv_qgis.labels import LAYER_KEYS, LAYER_LABELS, LAYER_VARIABLES


class ImportGldas(TsmvAlgorithm):
    NAME = "importgldas"
    DISPLAY_NAME = "Import GLDAS-Noah soil moisture"
    HELP = (
        "Reads GLDAS-Noah Land Surface Model L4 files (V2.0 1948-2014 and V2.1 2000-, at 1.0 or "
        "0.25 deg; monthly GLDAS_NOAH10_M / GLDAS_NOAH025_M, subsets ending .SUB.nc4, or "
        "3-hourly GLDAS_NOAH025_3H) and writes one monthly stack per soil layer "
        "(0-10, 10-40, 40-100, 100-200 cm), in kg m-2, bands labelled YYYY-MM.\n\n"
        "Choices made for you:\n"
        "- The month of a file comes from its name, or from time:begin_date for a renamed "
        "file; a file whose name and begin_date disagree is refused.\n"
        "- Where V2.0 and V2.1 overlap (2000-2014) the newer version is used (VERSION_PRIORITY).\n"
        "- 3-hourly files are averaged cell by cell into the calendar month; a month with fewer "
        "than all of its 3-hourly files is averaged from those present and a warning says so.\n"
        "- -9999 (fill) becomes NaN. The grid has no CRS in the files; outputs are EPSG:4326, "
        "north-up GeoTIFFs (float32, NaN nodata) with a style beside them.\n"
        "- Files are read with the Python package netCDF4 where QGIS's Python has it, otherwise "
        "with GDAL's netCDF driver (QGIS's Windows and macOS installers); the numbers are the same.\n"
        "- EXTENT keeps every cell that overlaps it. An EXTENT that crosses the antimeridian "
        "(170,-170,... or 170,190,...) is refused: import each side as its own run. An EXTENT "
        "without area is refused.\n"
        "- Soil variables are read by dimension name, (time, lat, lon) in any order; latitude may "
        "run north to south or south to north. A file with more than one time step, longitudes "
        "running east to west, other dimensions, or a folder mixing monthly and 3-hourly files is "
        "refused, naming the file.\n\n"
        "Refused, naming the file: an empty folder, a month missing from START_YEAR-01..END_YEAR-12 "
        "(or from the first to the last month found), two files for one month of one version, "
        "files on different grids, an unreadable file, a file without the soil variables. "
        "Nothing is written unless every month imports. Files are read one at a time, so "
        "memory does not grow with the number of files.")

    INPUT = "INPUT"
    EXTENT = "EXTENT"
    VERSION_PRIORITY = "VERSION_PRIORITY"
    OUTPUTS = ["OUTPUT_" + k for k in LAYER_KEYS]

    def initAlgorithm(self, config=None):  # noqa: N802
        self.add(QgsProcessingParameterFile(self.INPUT, self.tr("GLDAS-Noah folder (or one file)"),
                                            behavior=FileBehavior.Folder),
                 "A folder searched recursively for GLDAS-Noah .nc4 files, or the path of one file.")
        self.add_years("First year to import (from January). Empty: the first month found.",
                       "Last year to import (to December). Empty: the last month found.")
        self.add(QgsProcessingParameterExtent(self.EXTENT, self.tr("Extent"), optional=True),
                 "Region to keep; every GLDAS cell that overlaps it is kept. Empty: the whole grid.")
        self.add(QgsProcessingParameterEnum(self.VERSION_PRIORITY, self.tr("Where versions overlap"),
                                            ["Use the newer version (V2.1)",
                                             "Use the older version (V2.0)"], defaultValue=0),
                 "Which GLDAS version to take for months that both V2.0 and V2.1 cover (2000-2014).")
        for key, label, variable in zip(LAYER_KEYS, LAYER_LABELS, LAYER_VARIABLES):
            self.add(QgsProcessingParameterRasterDestination(
                "OUTPUT_" + key, self.tr("Soil moisture %s cm (monthly)" % label)),
                "Monthly stack of %s (kg m-2), bands YYYY-MM." % variable)

    def compute(self, parameters, context, feedback):
        outputs = {k: self.output_raster(parameters, "OUTPUT_" + k, context) for k in LAYER_KEYS}
        result = import_gldas(
            self.parameterAsFile(parameters, self.INPUT, context), outputs,
            *self.years(parameters),
            extent=self.optional_extent(parameters, self.EXTENT, context),
            prefer_newer=self.parameterAsEnum(parameters, self.VERSION_PRIORITY, context) == 0,
            progress=self.progress(feedback), log=self.log(feedback))
        feedback.pushInfo("Imported %d month%s (%s..%s) from %d file%s on %s"
                          % (result.months, "s" * (result.months != 1), result.first, result.last,
                             result.files, "s" * (result.files != 1), result.grid.describe()))
        for path in outputs.values():
            self.style_on_load(context, path)
        return {"OUTPUT_" + k: path for k, path in outputs.items()}
