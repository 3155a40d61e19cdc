"""tsmv:gpp - Aggregate GOSIF GPP to the soil-moisture grid."""
from qgis.core import (QgsProcessingParameterFile, QgsProcessingParameterNumber,
                       QgsProcessingParameterRasterDestination, QgsProcessingParameterRasterLayer)

from ..processing_provider.base import QT_TRANSLATE_NOOP, TsmvAlgorithm
from ..processing_provider.compat import FileBehavior, NumberType
from ..tsmv_qgis.steps.gpp import run_gpp


class Gpp(TsmvAlgorithm):
    NAME = "gpp"
    DISPLAY_NAME = QT_TRANSLATE_NOOP("Gpp", "2 Aggregate GOSIF GPP")
    TAGS = ("GOSIF", "GPP")
    GROUP_ID = "ecosystems"

    INPUT = "INPUT"
    REFERENCE = "REFERENCE"
    MIN_VALID = "MIN_VALID"
    OUTPUT = "OUTPUT"
    NAMES = {"folder": INPUT, "reference": REFERENCE, "min_valid": MIN_VALID, "output": OUTPUT}

    def help_blocks(self):
        return [
            self.tr("Makes a monthly stack (bands YYYY-MM) of mean daily gross primary "
                    "productivity (g C m-2 d-1) on the grid of the {REFERENCE} from a folder of "
                    "GOSIF GPP v2 files: 8-day GOSIF_GPP_2000057_Mean.tif (scale 0.001, g C m-2 "
                    "d-1) or monthly GOSIF_GPP_2019.M01_Mean.tif (scale 0.01, g C m-2 per month), "
                    "either gzipped (.tif.gz, read through /vsigzip/), global at 0.05 degrees or "
                    "crops of that grid."),
            self.tr("Choices made for you:"), [
                self.tr("Integer files (the product as published) are scaled by the product's "
                        "factor, 0.001 (8-day) or 0.01 (monthly); 65535 (water), 65534 (snow/ice all "
                        "year) and the file's declared nodata are dropped. An integer file that "
                        "declares another scale or offset is refused."),
                self.tr("Floating-point files (e.g. a crop saved as Float32) are taken as they are, in "
                        "g C m-2 d-1 (8-day) or g C m-2 per month (monthly), after the file's own scale "
                        "and offset if it declares them, never the integer product's factor; NaN and "
                        "the declared nodata are dropped. Complex values are refused."),
                self.tr("Every read is checked: a file cut short, or a .tif.gz whose stream ends early "
                        "or fails its checksum, is refused, naming the file; nothing of another file "
                        "can fill its month. Sub-folders that are symbolic links are searched (each "
                        "real folder once); a named pipe, device or socket named like a GOSIF file is "
                        "refused before anything reads it."),
                self.tr("Monthly files are divided by the days of their month."),
                self.tr("A GOSIF name with impossible numbers is refused, not skipped: month 00 or "
                        "13, day of year 000, 366 of a common year or 367 and more, and an 8-day day "
                        "that does not start a composite (001, 009, ..., 361), so that no day is "
                        "weighted twice. Two files for the same period (e.g. .tif and .tif.gz) are "
                        "refused too."),
                self.tr("An 8-day composite covers its first day and the seven after it (the last "
                        "of a year ends on 31 December) and counts in each calendar month for the "
                        "days it has there: a month's value at a 0.05 degree cell is the "
                        "day-weighted mean of the composites valid there."),
                self.tr("A reference cell is the mean of its valid 0.05 degree cells, NaN where "
                        "fewer of them are valid than the {MIN_VALID} (a fraction)."),
                self.tr("A month of the period (January of the {START_YEAR}, or the first month of "
                        "the files, to December of the {END_YEAR}, or the last month) that no file "
                        "covers is NaN, with a warning. A folder with both 8-day and monthly files "
                        "for a month is refused.")],
            self.tr("Files are read one at a time: memory does not grow with their number.")]

    def declare(self):
        self.add(QgsProcessingParameterFile(self.INPUT, self.tr("GOSIF GPP folder"),
                                            behavior=FileBehavior.Folder),
                 self.tr("Folder searched recursively for GOSIF_GPP_*_Mean.tif[.gz] files."))
        self.add(QgsProcessingParameterRasterLayer(self.REFERENCE, self.tr("Reference grid (any soil-moisture stack)")),
                 self.tr("A raster on the target grid, e.g. a soil-moisture stack; each of its "
                         "cells must hold whole 0.05 degree cells."))
        self.add_years(self.tr("First year (from January). Empty: the first month of the files."),
                       self.tr("Last year (to December). Empty: the last month of the files."))
        self.add(QgsProcessingParameterNumber(self.MIN_VALID, self.tr("Minimum valid fraction"),
                                              NumberType.Double, 0.5, False, 0.01, 1.0),
                 self.tr("Fraction of a reference cell's 0.05 degree cells that must be valid; "
                         "otherwise the cell is NaN."))
        self.add(QgsProcessingParameterRasterDestination(self.OUTPUT, self.tr("Monthly GPP")),
                 self.tr("GeoTIFF on the reference grid, g C m-2 d-1, one band per month labelled "
                         "YYYY-MM: the mean daily GPP of the month."))

    def compute(self, parameters, context, feedback):
        output = self.output_raster(parameters, self.OUTPUT, context)
        span = run_gpp(self.parameterAsFile(parameters, self.INPUT, context),
                       self.raster_path(parameters, self.REFERENCE, context), output,
                       *self.years(parameters), self.parameterAsDouble(parameters, self.MIN_VALID, context),
                       progress=self.progress(feedback), log=self.log(feedback))
        months = "%04d-%02d..%04d-%02d" % (span[0] + span[-1])
        feedback.pushInfo(self.tr("GPP for %d months, %s (mean daily GPP, g C m-2 d-1)")
                          % (len(span), months))
        self.style_on_load(context, output, months)
        return {self.OUTPUT: output}
