"""tsmv:importgldas - Import GLDAS-Noah soil moisture into monthly stacks."""
from qgis.core import (QgsProcessingException, QgsProcessingParameterBoolean, QgsProcessingParameterEnum,
                       QgsProcessingParameterExtent, QgsProcessingParameterFile,
                       QgsProcessingParameterFileDestination, QgsProcessingParameterRasterDestination)

from ..processing_provider.base import QT_TRANSLATE_NOOP, TsmvAlgorithm
from ..processing_provider.compat import FileBehavior
from ..tsmv_qgis.labels import LAYER_KEYS, LAYER_LABELS, LAYER_MAXIMA, LAYER_VARIABLES
from ..tsmv_qgis.products.catalogue import GLDAS
from ..tsmv_qgis.steps.importing import import_soil_moisture


class ImportGldas(TsmvAlgorithm):
    NAME = "importgldas"
    DISPLAY_NAME = QT_TRANSLATE_NOOP("ImportGldas", "1 Import GLDAS-Noah")
    TAGS = ("GLDAS", "NetCDF", "soil moisture")

    INPUT = "INPUT"
    EXTENT = "EXTENT"
    VERSION_PRIORITY = "VERSION_PRIORITY"
    QUALITY_CONTROL = "QUALITY_CONTROL"
    REPORT = "REPORT"
    SEASONS = "SEASONS"
    OUTPUTS = {k: "OUTPUT_" + k for k in LAYER_KEYS}
    MAXIMA_DEFAULTS = LAYER_MAXIMA  # the paper's; None: optional, the product's

    def help_blocks(self):
        return [
            self.tr("Reads GLDAS-Noah Land Surface Model L4 files (V2.0 1948-2014 and V2.1 2000-, "
                    "at 1.0 or 0.25 degrees; monthly GLDAS_NOAH10_M / GLDAS_NOAH025_M, subsets "
                    "ending .SUB.nc4, or 3-hourly GLDAS_NOAH025_3H) and writes one monthly stack per "
                    "soil layer (0-10, 10-40, 40-100, 100-200 cm), in kg m-2, bands labelled YYYY-MM."),
            self.tr("Choices made for you:"), [
                self.tr("The month of a file comes from its name, or from time:begin_date for a "
                        "renamed file; a file whose name and begin_date disagree is refused."),
                self.tr("Where V2.0 and V2.1 overlap (2000-2014) the newer version is used, unless "
                        "{VERSION_PRIORITY} is set to 'Use the older version (V2.0)'."),
                self.tr("3-hourly files are averaged cell by cell into the calendar month; a month "
                        "with fewer than all of its 3-hourly files is averaged from those present "
                        "and a warning says so."),
                self.tr("The fill value (-9999 kg m-2 in GLDAS files, read from their _FillValue and "
                        "missing_value attributes) becomes NaN. The grid has no CRS in the files; "
                        "outputs are EPSG:4326, north-up GeoTIFFs (float32, NaN nodata) with a style "
                        "beside them."),
                self.tr("Files are read with the Python package netCDF4 where QGIS's Python has it, "
                        "otherwise with GDAL's netCDF driver (QGIS's Windows and macOS installers); "
                        "the numbers are the same."),
                self.tr("The {EXTENT} keeps every cell that overlaps it. An extent in another CRS is "
                        "transformed to EPSG:4326 (edge by edge) and checked there. An extent that "
                        "crosses the antimeridian (170,-170,... or 170,190,... degrees, or the same in "
                        "any CRS) is refused: import each side as its own run. An extent without "
                        "area is refused."),
                self.tr("Soil variables are read by dimension name, (time, lat, lon) in any order; "
                        "latitude may run north to south or south to north. A file with more than "
                        "one time step, longitudes running east to west, other dimensions, or a "
                        "folder mixing monthly and 3-hourly files is refused, naming the file."),
                self.tr("Units are checked: a soil variable must be in kg m-2, as GLDAS writes it (one "
                        "without units is taken as kg m-2); a GLDAS variable in other units is refused, "
                        "naming the file and the variable. Files of FLDAS-Noah or ERA5-Land (volume "
                        "fractions, m3 m-3) are refused here, naming the file: 'Import layered soil "
                        "moisture' reads them and converts them by layer thickness. Packed variables are "
                        "unpacked with their scale_factor and add_offset, after the fill values are "
                        "compared in the variable's own type."),
                self.tr("Sub-folders that are symbolic links are searched (each real folder once, so "
                        "a link back to a parent does not loop). Only regular files are opened: a named "
                        "pipe, device or socket with a GLDAS or .nc4 name is refused before anything "
                        "reads it. A name with an impossible month (00, 13) or day is refused.")],
            self.tr("With {QUALITY_CONTROL} the outputs are quality-controlled as 'Remove "
                    "non-physical values' does (values below 0 or above {MAX_0_10} ... "
                    "{MAX_100_200} become NaN) and its {REPORT} is written, in the same pass: the "
                    "files are those the two steps give, and one generation of monthly stacks is "
                    "neither written nor read again. The models do this. Off by default, so that the "
                    "outputs are the files as distributed."),
            self.tr("With {SEASONS} the wetness seasons are classified in the same pass, as 'Classify "
                    "wetness seasons' does with the monthly stacks written here (quality-controlled "
                    "when {QUALITY_CONTROL} is on) and the same {RANK_BY}: the files are those the "
                    "steps give one after another, and the monthly stacks are not read again (on a "
                    "grid of more than about 1.4 million cells, such as ERA5-Land's 0.1 degree globe, "
                    "a year of them would not fit in a pass's memory: the seasons then read them "
                    "back tile by tile, in the same run, giving the same files). The "
                    "seasons need all four layers; years without all 12 months imported are left out "
                    "(the log lists them). Season outputs left empty are written as temporary files "
                    "(a model passes them on to the next step); set those you want to keep. The "
                    "models do this. Off by default."),
            self.tr("Refused, naming the file: an empty folder (or one without GLDAS-Noah files), a "
                    "month missing from January of the {START_YEAR} to December of the {END_YEAR} "
                    "(or from the first to the last month found), two files for one month of one "
                    "version, files on different grids, an unreadable file, a file without the soil "
                    "variables. Nothing is written unless every month imports. Files are read one at "
                    "a time, so memory does not grow with the number of files.")]

    def declare(self):
        self.add(QgsProcessingParameterFile(self.INPUT, self.tr("GLDAS-Noah folder (or one file)"),
                                            behavior=FileBehavior.Folder),
                 self.tr("A folder searched recursively for GLDAS-Noah .nc4 files, or the path of "
                         "one file."))
        self.add_years(self.tr("First year to import (from January). Empty: the first month found."),
                       self.tr("Last year to import (to December). Empty: the last month found."))
        self.add(QgsProcessingParameterExtent(self.EXTENT, self.tr("Extent"), optional=True),
                 self.tr("Region to keep; every GLDAS cell that overlaps it is kept. Empty: the "
                         "whole grid."))
        self.add(QgsProcessingParameterEnum(self.VERSION_PRIORITY, self.tr("Where versions overlap"),
                                            [self.tr("Use the newer version (V2.1)"),
                                             self.tr("Use the older version (V2.0)")], defaultValue=0),
                 self.tr("Which GLDAS version to take for months that both V2.0 and V2.1 cover "
                         "(2000-2014)."))
        self.add_passes()

    def add_passes(self):
        """QUALITY_CONTROL and its maxima, SEASONS, the layers' outputs, REPORT and the season outputs."""
        self.add(QgsProcessingParameterBoolean(self.QUALITY_CONTROL, self.tr("Remove non-physical values "
                                                                          "while importing"), False),
                 self.tr("Mask values below 0 or above the layer's maximum (below) as 'Remove "
                         "non-physical values' does, in the same pass."))
        self.add_maxima(self.MAXIMA_DEFAULTS)
        self.add(QgsProcessingParameterBoolean(self.SEASONS, self.tr("Classify wetness seasons while "
                                                                  "importing"), False),
                 self.tr("Also write the outputs of 'Classify wetness seasons' (below) from the "
                         "monthly stacks of this run, in the same pass."))
        self.add_layer_outputs()
        self.add(QgsProcessingParameterFileDestination(self.REPORT, self.tr("Quality report"),
                                                       self.tr("CSV files (*.csv)"), optional=True,
                                                       createByDefault=False),
                 self.tr("With {QUALITY_CONTROL}: CSV, one row per layer: layer, values, masked, "
                         "percent_masked, below_zero, above_max, max_allowed_kg_m2 (the maximum "
                         "used, kg m-2)."))
        self.add_seasons(optional=True)

    def add_layer_outputs(self):
        """OUTPUT_0_10 ... OUTPUT_100_200."""
        for key, label, variable in zip(LAYER_KEYS, LAYER_LABELS, LAYER_VARIABLES):
            self.add(QgsProcessingParameterRasterDestination(
                self.OUTPUTS[key], self.tr("Soil moisture %s cm (monthly)") % label),
                self.tr("GeoTIFF, one band per month labelled YYYY-MM: the GLDAS variable %s, the "
                        "soil moisture of the %s cm layer in kg m-2.") % (variable, label))

    def product(self, parameters, context):
        """The product to import (None: detect it from the files)."""
        return GLDAS

    def names(self):
        return dict(super().names(), source=self.INPUT, report=self.REPORT, seasons=self.SEASONS,
                    quality_control=self.QUALITY_CONTROL, **{"outputs." + k: n for k, n in self.OUTPUTS.items()},
                    **self.season_names("seasons"))

    def compute(self, parameters, context, feedback):
        outputs = {k: self.output_raster(parameters, self.OUTPUTS[k], context) for k in LAYER_KEYS}
        quality_control = self.parameterAsBoolean(parameters, self.QUALITY_CONTROL, context)
        report = None
        if quality_control:  # a temporary file when not asked for: a model's report step reads it
            report = self.output_file(parameters, self.REPORT, context, ".csv")
        elif self.parameterAsFileOutput(parameters, self.REPORT, context):
            raise QgsProcessingException(self.tr("REPORT is the report of the quality control: set "
                                                 "QUALITY_CONTROL too, or leave REPORT empty"))
        rank_by, seasons = "total", {}
        if self.parameterAsBoolean(parameters, self.SEASONS, context):
            rank_by, seasons = self.seasons_asked(parameters, context)
        else:
            for name in self.SEASON_OUTPUTS:
                if not self.unset(parameters, name):
                    raise QgsProcessingException(self.tr(
                        "%s is an output of the seasons: set SEASONS too, or leave %s empty") % (name, name))
        result = import_soil_moisture(
            self.parameterAsFile(parameters, self.INPUT, context), outputs,
            self.product(parameters, context), *self.years(parameters),
            extent=self.optional_extent(parameters, self.EXTENT, context),
            prefer_newer=self.parameterAsEnum(parameters, self.VERSION_PRIORITY, context) == 0,
            quality_control=quality_control, maxima=self.maxima(parameters, context), report=report,
            seasons=self.season_paths(seasons) if seasons else None, rank_by=rank_by,
            progress=self.progress(feedback), log=self.log(feedback))
        if result.months == 1 and result.files == 1:
            message = self.tr("Imported 1 month (%s..%s) from 1 file on %s") % (
                result.first, result.last, result.grid.describe())
        elif result.months == 1:
            message = self.tr("Imported 1 month (%s..%s) from %d files on %s") % (
                result.first, result.last, result.files, result.grid.describe())
        else:
            message = self.tr("Imported %d months (%s..%s) from %d files on %s") % (
                result.months, result.first, result.last, result.files, result.grid.describe())
        feedback.pushInfo(message)
        if result.product is not GLDAS:
            feedback.pushInfo(self.tr("%s layers %s, converted from %s to kg m-2") % (
                result.product.key, ", ".join(result.product.depths), result.product.units)
                if result.product.volumetric else self.tr("%s layers %s") % (
                    result.product.key, ", ".join(result.product.depths)))
        if result.qc:
            self.report_qc(feedback, result.qc)
        for path in outputs.values():
            self.style_on_load(context, path, "%s..%s" % (result.first, result.last))
        if result.seasons:
            self.report_seasons(context, feedback, result.seasons, seasons)
        results = {self.OUTPUTS[k]: path for k, path in outputs.items()}
        if report:
            results[self.REPORT] = report
        return dict(results, **seasons)
