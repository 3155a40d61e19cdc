"""tsmv:landcover - Ecosystems from MODIS MCD12C1 (Li et al. 2025, section 2.2)."""
from qgis.core import (QgsProcessingParameterEnum, QgsProcessingParameterFile,
                       QgsProcessingParameterRasterDestination, QgsProcessingParameterRasterLayer)

from ..processing_provider.base import QT_TRANSLATE_NOOP, TsmvAlgorithm
from ..tsmv_qgis.steps.landcover import METHODS, run_landcover


class LandCover(TsmvAlgorithm):
    NAME = "landcover"
    DISPLAY_NAME = QT_TRANSLATE_NOOP("LandCover", "1 Ecosystems from MCD12C1")
    TAGS = ("MODIS", "MCD12C1", "IGBP", "land cover")
    GROUP_ID = "ecosystems"

    INPUT = "INPUT"
    REFERENCE = "REFERENCE"
    METHOD = "METHOD"
    OUTPUT = "OUTPUT"
    NAMES = {"source": INPUT, "reference": REFERENCE, "method": METHOD, "output": OUTPUT}

    def help_blocks(self):
        return [
            self.tr("Gives each cell of the {REFERENCE} (e.g. any soil-moisture stack) one of four "
                    "ecosystems from the 0.05 degree IGBP classes of MODIS MCD12C1 "
                    "(Majority_Land_Cover_Type_1) inside it: Forests 1 = IGBP 1-5; Shrublands 2 = "
                    "6, 7, 8, 9, 11; Grasslands 3 = 10; Croplands 4 = 12, 14. Water, urban, "
                    "snow/ice and barren (0, 13, 15, 16) are excluded (NaN)."),
            self.tr("The {INPUT} is an MCD12C1 .hdf file (its Majority_Land_Cover_Type_1 "
                    "subdataset is used), the subdataset itself, or any GDAL raster with the same "
                    "coding (a GeoTIFF export, or a crop on the same 0.05 degree grid). The cells "
                    "of the {REFERENCE} must hold whole 0.05 degree cells (20 x 20 at 1 degree, "
                    "5 x 5 at 0.25 degrees)."),
            self.tr("With {METHOD} set to 'Regroup, then mode of the valid cells' (the default, "
                    "the order of Li et al. 2025, section 2.2): water, urban, snow/ice, barren and "
                    "fill become NaN first and do not vote; the other 0.05 degree cells are "
                    "regrouped; the cell takes the most frequent of the four ecosystems among them. "
                    "So 30 % evergreen needleleaf + 25 % evergreen broadleaf + 45 % grassland is "
                    "Forests, and 40 % forest + 60 % water is Forests. With 'Mode of IGBP classes, "
                    "then regroup': the most frequent of the 17 IGBP classes, then regrouped (the "
                    "first example is then Grasslands, the second NaN)."),
            self.tr("Choices made for you:"), [
                self.tr("Fill (255) is not counted; a block without a cell that counts is NaN."),
                self.tr("Ties go to the smaller code (Forests before Shrublands, ...; with 'Mode of "
                        "IGBP classes, then regroup', the smaller IGBP class)."),
                self.tr("Cells of the reference outside the land-cover raster count as fill."),
                self.tr("The raster's own georeferencing is used. Only the collapsed extent GDAL "
                        "reports for the HDF4 CMG grid of MCD12C1 (a 7200 x 3600 grid within a degree "
                        "of (0, 0)), or a 7200 x 3600 raster without georeferencing, gets the CMG "
                        "geotransform (-180, 0.05, 0, 90, 0, -0.05), in degrees."),
                self.tr("A declared nodata counts as fill (255). A raster that declares a scale or "
                        "offset is refused (classes are codes), and so are a file cut short and a "
                        "named pipe, device or socket, naming the file."),
                self.tr("A raster with codes outside 0-16 and 255 is refused, and so is an .hdf "
                        "file when GDAL lacks the HDF4 driver.")]]

    def declare(self):
        self.add(QgsProcessingParameterFile(self.INPUT, self.tr("MCD12C1 land cover (HDF4 or GeoTIFF)")),
                 self.tr("MCD12C1 .hdf file, its HDF4_EOS subdataset, or a raster of IGBP codes "
                         "(0-16, fill 255) on the 0.05 degree grid."))
        self.add(QgsProcessingParameterRasterLayer(self.REFERENCE, self.tr("Reference grid (any soil-moisture stack)")),
                 self.tr("A raster on the target grid, e.g. a soil-moisture stack; each of its "
                         "cells must hold whole 0.05 degree cells."))
        self.add(QgsProcessingParameterEnum(self.METHOD, self.tr("Order of regrouping and mode"),
                                            [self.tr("Regroup, then mode of the valid cells"),
                                             self.tr("Mode of IGBP classes, then regroup")],
                                            defaultValue=0),
                 self.tr("Whether the excluded classes are removed and the cells regrouped before "
                         "the block's mode (the paper's order), or the mode is taken over the 17 "
                         "IGBP classes first."))
        self.add(QgsProcessingParameterRasterDestination(self.OUTPUT, self.tr("Ecosystems")),
                 self.tr("GeoTIFF on the reference grid, one band 'ecosystem': the ecosystem code "
                         "of each cell, 1 Forests, 2 Shrublands, 3 Grasslands, 4 Croplands; NaN "
                         "where excluded."))

    def compute(self, parameters, context, feedback):
        output = self.output_raster(parameters, self.OUTPUT, context)
        run_landcover(self.parameterAsFile(parameters, self.INPUT, context),
                      self.raster_path(parameters, self.REFERENCE, context), output,
                      METHODS[self.parameterAsEnum(parameters, self.METHOD, context)],
                      progress=self.progress(feedback), log=self.log(feedback))
        self.style_on_load(context, output)
        return {self.OUTPUT: output}
