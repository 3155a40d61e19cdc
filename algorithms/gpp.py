"""tsmv:gpp - Aggregate GOSIF GPP to the soil-moisture grid."""
from qgis.core import (QgsProcessingParameterFile, QgsProcessingParameterNumber,
                       QgsProcessingParameterRasterDestination, QgsProcessingParameterRasterLayer)

from ..processing_provider.base import TsmvAlgorithm
from ..processing_provider.compat import FileBehavior, NumberType
from ..tsmv_qgis.gpp import run_gpp


class Gpp(TsmvAlgorithm):
    NAME = "gpp"
    DISPLAY_NAME = "Aggregate GOSIF GPP to the soil-moisture grid"
    GROUP = "Ecosystems and GPP"
    GROUP_ID = "ecosystems"
    HELP = (
        "Makes a monthly stack (bands YYYY-MM) of mean daily gross primary productivity "
        "(g C m-2 d-1) on the REFERENCE grid from a folder of GOSIF GPP v2 files: 8-day "
        "GOSIF_GPP_2000057_Mean.tif (scale 0.001, g C m-2 d-1) or monthly "
        "GOSIF_GPP_2019.M01_Mean.tif (scale 0.01, g C m-2 per month), either gzipped (.tif.gz, read "
        "through /vsigzip/), global at 0.05 deg or crops of that grid.\n\n"
        "Choices made for you:\n"
        "- 65535 (water) and 65534 (snow/ice all year) are dropped.\n"
        "- Monthly files are divided by the days of their month.\n"
        "- A GOSIF name with impossible numbers is refused, not skipped: month 00 or 13, day of "
        "year 000, 366 of a common year or 367 and more, and an 8-day day that does not start a "
        "composite (001, 009, ..., 361), so that no day is weighted twice.\n"
        "- An 8-day composite covers its first day and the seven after it (the last of a year ends "
        "on 31 December) and counts in each calendar month for the days it has there: a month's "
        "value at a 0.05 deg cell is the day-weighted mean of the composites valid there.\n"
        "- A reference cell is the mean of its valid 0.05 deg cells, NaN where fewer than "
        "MIN_VALID (fraction) of them are valid.\n"
        "- A month of START_YEAR..END_YEAR that no file covers is NaN, with a warning. A folder "
        "with both 8-day and monthly files for a month is refused.\n"
        "Files are read one at a time: memory does not grow with their number.")

    def initAlgorithm(self, config=None):  # noqa: N802
        self.add(QgsProcessingParameterFile("INPUT", self.tr("GOSIF GPP folder"),
                                            behavior=FileBehavior.Folder),
                 "Folder searched recursively for GOSIF_GPP_*_Mean.tif[.gz] files.")
        self.add(QgsProcessingParameterRasterLayer("REFERENCE", self.tr("Reference grid")),
                 "A raster on the target grid, e.g. a soil-moisture stack.")
        self.add_years("First year (from January). Empty: the first month of the files.",
                       "Last year (to December). Empty: the last month of the files.")
        self.add(QgsProcessingParameterNumber("MIN_VALID", self.tr("Minimum valid fraction"),
                                              NumberType.Double, 0.5, False, 0.01, 1.0),
                 "Fraction of a reference cell's 0.05 deg cells that must be valid.")
        self.add(QgsProcessingParameterRasterDestination("OUTPUT", self.tr("Monthly GPP")),
                 "Mean daily GPP (g C m-2 d-1) per month, bands YYYY-MM.")

    def compute(self, parameters, context, feedback):
        output = self.output_raster(parameters, "OUTPUT", context)
        span = run_gpp(self.parameterAsFile(parameters, "INPUT", context),
                       self.raster_path(parameters, "REFERENCE", context), output,
                       *self.years(parameters), self.parameterAsDouble(parameters, "MIN_VALID", context),
                       progress=self.progress(feedback), log=self.log(feedback))
        feedback.pushInfo("GPP for %d months, %04d-%02d..%04d-%02d" % ((len(span),) + span[0] + span[-1]))
        self.style_on_load(context, output)
        return {"OUTPUT": output}
