"""tsmv:importsoilmoisture - Import any layered soil-moisture product into monthly stacks."""
from qgis.core import (QgsProcessingParameterEnum, QgsProcessingParameterExtent, QgsProcessingParameterFile,
                       QgsProcessingParameterRasterDestination)

from ..processing_provider.base import QT_TRANSLATE_NOOP
from ..processing_provider.compat import FileBehavior
from ..tsmv_qgis.labels import LAYER_KEYS
from ..tsmv_qgis.products.catalogue import PRODUCTS, by_code
from .gldas import ImportGldas

POSITIONS = ("1", "2", "3", "4")


class ImportSoilMoisture(ImportGldas):
    NAME = "importsoilmoisture"
    DISPLAY_NAME = QT_TRANSLATE_NOOP("ImportSoilMoisture", "2 Import layered soil moisture")
    TAGS = ("GLDAS", "FLDAS", "ERA5-Land", "NetCDF", "soil moisture")

    PRODUCT = "PRODUCT"
    OUTPUTS = {k: "OUTPUT_" + n for k, n in zip(LAYER_KEYS, POSITIONS)}
    MAXIMA = {k: "MAX_" + n for k, n in zip(LAYER_KEYS, POSITIONS)}
    SEASONAL = {k: "SEASONAL_" + n for k, n in zip(LAYER_KEYS, POSITIONS)}
    SEASON_OUTPUTS = ([ImportGldas.SEASON_CODES, ImportGldas.SEASON_CODES_LAYERS] + list(SEASONAL.values())
                      + [ImportGldas.ANNUAL_TSM])
    MAXIMA_DEFAULTS = None  # the product's
    LAYER_TITLES = (QT_TRANSLATE_NOOP("ImportSoilMoisture", "layer 1 (top)"),
                    QT_TRANSLATE_NOOP("ImportSoilMoisture", "layer 2"),
                    QT_TRANSLATE_NOOP("ImportSoilMoisture", "layer 3"),
                    QT_TRANSLATE_NOOP("ImportSoilMoisture", "layer 4 (bottom)"))

    def help_blocks(self):
        products = [self.tr("%s: variables %s in %s; layers %s; quality-control maxima %s kg m-2.")
                    % (p.title, ", ".join(p.variables), p.units, ", ".join(p.depths),
                       ", ".join("%g" % m for m in p.maxima)) for p in PRODUCTS]
        return [
            self.tr("Reads the monthly soil moisture of a layered land-surface product and writes one "
                    "monthly stack per soil layer, top to bottom, in kg m-2, bands labelled YYYY-MM: "
                    "the outputs of 'Import GLDAS-Noah' for any of these products:"),
            products,
            self.tr("Choices made for you:"), [
                self.tr("{PRODUCT} 'Detect from the files' (the default) recognises each file by its "
                        "name (GLDAS_NOAH10_M.A200001.021.nc4, FLDAS_NOAH01_C_GL_M.A200001.001.nc) or, "
                        "for any other .nc or .nc4 file, by its soil variables: ERA5-Land files from the "
                        "Climate Data Store carry no product in their names (data_0.nc, "
                        "adaptor.mars.internal-....nc). Files of two products are refused, naming one "
                        "of each."),
                self.tr("Volume fractions (m3 m-3: FLDAS-Noah, ERA5-Land) become storage: kg m-2 = "
                        "m3 m-3 x 1000 kg m-3 x the layer's thickness in m (0.07, 0.21, 0.72 and "
                        "1.89 m for ERA5-Land). A variable in units the product does not write is "
                        "refused; one without units is taken in the product's units."),
                self.tr("The layers keep the product's depths: bands, tables, the report and the "
                        "legends say 0-7 cm for ERA5-Land's top layer. Outputs are named by position: "
                        "{OUTPUT_1} is the top layer, which the next steps take as their 0-10 cm input "
                        "whatever its depth; every stack records its product and layer, and the next "
                        "steps refuse layers that are not one product's four layers in order."),
                self.tr("ERA5-Land files hold many months: each is read by its time axis (valid_time "
                        "or time), whose steps must be the first of a month at 00:00 (monthly means); "
                        "a month in two files, or twice in one, is refused. Latitude runs north to "
                        "south and longitude 0..360 in these files: the outputs are north-up on "
                        "-180..180. An expver axis (ERA5 and the preliminary ERA5T) is merged: each "
                        "cell takes ERA5 where it has a value, else ERA5T. Packed values (int16 with "
                        "scale_factor and add_offset) are unpacked after the fill value is compared in "
                        "the variable's own type. ERA5-Land's grid has rows centred on the poles: the "
                        "outputs keep them (their edges lie 0.05 degrees beyond the poles)."),
                self.tr("Where GLDAS V2.0 and V2.1 overlap the newer is used, unless "
                        "{VERSION_PRIORITY} says otherwise; the other products have one version."),
                self.tr("The {EXTENT} keeps every cell that overlaps it; one that crosses the "
                        "antimeridian is refused.")],
            self.tr("{QUALITY_CONTROL} and {SEASONS} work as in 'Import GLDAS-Noah', "
                    "in the same pass; the maxima {MAX_1} ... {MAX_4} default to the product's "
                    "(thickness x 1000 kg m-3 - 0.1 for ERA5-Land; the paper's 99.9, 299.9, 599.9 and "
                    "999 kg m-2 for GLDAS-Noah and FLDAS-Noah)."),
            self.tr("Refused, naming the file: files of two products, a file of another product than "
                    "{PRODUCT}, a missing layer variable, units the product does not write, a month "
                    "missing from the span or given twice, files on different grids, an unreadable "
                    "file. Nothing is written unless every month imports; files are read a month at a "
                    "time, so memory does not grow with the number of months.")]

    def declare(self):
        self.add(QgsProcessingParameterFile(self.INPUT, self.tr("Soil-moisture folder (or one file)"),
                                            behavior=FileBehavior.Folder),
                 self.tr("A folder searched recursively for netCDF files of one product (.nc, .nc4), "
                         "or the path of one file."))
        self.add(QgsProcessingParameterEnum(self.PRODUCT, self.tr("Product"), self.product_options(),
                                            defaultValue=0),
                 self.tr("Which product the files are; files of another product are refused."))
        self.add_years(self.tr("First year to import (from January). Empty: the first month found."),
                       self.tr("Last year to import (to December). Empty: the last month found."))
        self.add(QgsProcessingParameterExtent(self.EXTENT, self.tr("Extent"), optional=True),
                 self.tr("Region to keep; every cell that overlaps it is kept. Empty: the whole grid."))
        self.add(QgsProcessingParameterEnum(self.VERSION_PRIORITY, self.tr("Where GLDAS versions overlap"),
                                            [self.tr("Use the newer version (V2.1)"),
                                             self.tr("Use the older version (V2.0)")], defaultValue=0),
                 self.tr("GLDAS-Noah only: which version to take for months that both V2.0 and V2.1 "
                         "cover (2000-2014)."))
        self.add_passes()

    def add_layer_outputs(self):
        for key, title in zip(LAYER_KEYS, self.LAYER_TITLES):
            self.add(QgsProcessingParameterRasterDestination(
                self.OUTPUTS[key], self.tr("Soil moisture, %s (monthly)") % self.tr(title)),
                self.tr("GeoTIFF, one band per month labelled YYYY-MM: the soil moisture of the "
                        "product's %s in kg m-2 (its depths are in the file's metadata and the "
                        "log).") % self.tr(title))

    def product_options(self):
        """PRODUCT's options: detect, then the products by code, named as the catalogue keys them (a
        test checks they agree; written out so that the translation tools find them)."""
        return [self.tr("Detect from the files"), self.tr("GLDAS-Noah"), self.tr("FLDAS-Noah"), self.tr("ERA5-Land")]

    def names(self):
        return dict(super().names(), product=self.PRODUCT)

    def product(self, parameters, context):
        code = self.parameterAsEnum(parameters, self.PRODUCT, context)
        return by_code(code) if code else None
