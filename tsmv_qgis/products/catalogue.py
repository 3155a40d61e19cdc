"""The layered soil-moisture products TSMV reads, described once, as data.

A product is its variables, their units, its four layers (top and bottom depth, thickness,
label, quality-control maximum), how its files are named and laid out.  Readers
(:mod:`tsmv_qgis.products.reader`), the import, the steps, the help and the report take what
they need from here; nothing else names a product's variables or depths.  The facts and their
sources are in ``docs/products.md``.
"""
import re
from dataclasses import dataclass

#: Density of liquid water (kg m-3): a volume fraction times it times a thickness (m) is kg m-2.
WATER_DENSITY = 1000.0


def _squeezed(units):
    """Units without spaces, in lower case: 'm**3 m**-3' -> 'm**3m**-3'."""
    return "".join(str(units).split()).lower()


@dataclass(frozen=True)
class Layer:
    """One soil layer of a product: depths in cm, the file's variable, the QC maximum (kg m-2)."""
    top: float
    bottom: float
    variable: str
    maximum: float

    @property
    def label(self):
        """'0-10' (cm)."""
        return "%g-%g" % (self.top, self.bottom)

    @property
    def depth(self):
        """'0-10 cm': how bands, tables and legends name the layer."""
        return self.label + " cm"

    @property
    def thickness(self):
        """Thickness in metres."""
        return (self.bottom - self.top) / 100.0


@dataclass(frozen=True)
class Product:
    """A layered soil-moisture product.

    ``key`` is what stacks record (``TSMV_PRODUCT``) and what messages call it; ``code`` the
    value of the import's PRODUCT parameter; ``units`` the units of the variables as the files
    write them and ``unit_spellings`` every spelling taken as those units; ``volumetric``: the
    variables are volume fractions (m3 m-3), converted to storage (kg m-2) by thickness;
    ``name`` a regular expression of the archive's file names (None: named by the user's tool);
    ``per_file``: "month" (one time step per file) or "months" (a time axis of monthly means).
    """
    key: str
    code: int
    title: str
    layers: tuple
    units: str
    unit_spellings: frozenset
    volumetric: bool
    name: object
    per_file: str
    example_name: str

    @property
    def depths(self):
        """('0-10 cm', '10-40 cm', ...): the layers as TSMV names them, top to bottom."""
        return tuple(layer.depth for layer in self.layers)

    @property
    def variables(self):
        return tuple(layer.variable for layer in self.layers)

    @property
    def maxima(self):
        return tuple(layer.maximum for layer in self.layers)

    def knows_units(self, units):
        return _squeezed(units) in self.unit_spellings

    def factor(self, layer):
        """What a value of ``layer`` (index) is multiplied by to become kg m-2."""
        return WATER_DENSITY * self.layers[layer].thickness if self.volumetric else 1.0


_KG_M2 = frozenset({"kgm-2", "kgm**-2", "kgm^-2", "kg/m2", "kg/m^2", "kg/m**2"})
_M3_M3 = frozenset({"m3m-3", "m^3m-3", "m^3m^-3", "m**3m**-3", "m3/m3", "m^3/m^3", "m**3/m**3"})

GLDAS = Product(
    key="GLDAS-Noah", code=1, title="GLDAS-Noah L4 monthly (V2.0, V2.1; 1.0 or 0.25 deg)",
    layers=(Layer(0, 10, "SoilMoi0_10cm_inst", 99.9), Layer(10, 40, "SoilMoi10_40cm_inst", 299.9),
            Layer(40, 100, "SoilMoi40_100cm_inst", 599.9), Layer(100, 200, "SoilMoi100_200cm_inst", 999.0)),
    units="kg m-2", unit_spellings=_KG_M2, volumetric=False,
    name=re.compile(r"^GLDAS_NOAH(?P<res>\d+)_(?P<step>M|3H)\.A(?P<date>\d{6}(?:\d{2})?)"
                    r"(?:\.(?P<hhmm>\d{4}))?\.(?P<version>\d{3})(?:\.nc4)?(?:\.SUB)?\.nc4$", re.IGNORECASE),
    per_file="month", example_name="GLDAS_NOAH10_M.A200001.021.nc4")

FLDAS = Product(
    key="FLDAS-Noah", code=2, title="FLDAS-Noah global monthly (FLDAS_NOAH01_C_GL_M.001, 0.1 deg)",
    layers=(Layer(0, 10, "SoilMoi00_10cm_tavg", 99.9), Layer(10, 40, "SoilMoi10_40cm_tavg", 299.9),
            Layer(40, 100, "SoilMoi40_100cm_tavg", 599.9), Layer(100, 200, "SoilMoi100_200cm_tavg", 999.0)),
    units="m^3 m-3", unit_spellings=_M3_M3, volumetric=True,
    name=re.compile(r"^FLDAS_NOAH(?P<res>\d+)_(?P<domain>[A-Z])_(?P<region>[A-Z]+)_M\.A(?P<date>\d{6})"
                    r"\.(?P<version>\d{3})\.nc(?:4)?(?:\.SUB\.nc4?)?$", re.IGNORECASE),
    per_file="month", example_name="FLDAS_NOAH01_C_GL_M.A200001.001.nc")

ERA5_LAND = Product(
    key="ERA5-Land", code=3, title="ERA5-Land monthly averaged reanalysis (0.1 deg)",
    layers=(Layer(0, 7, "swvl1", 69.9), Layer(7, 28, "swvl2", 209.9),
            Layer(28, 100, "swvl3", 719.9), Layer(100, 289, "swvl4", 1889.9)),
    units="m**3 m**-3", unit_spellings=_M3_M3, volumetric=True,
    name=None, per_file="months", example_name="data_stream-moda.nc")

#: Every product, in the order of the import's PRODUCT parameter (1, 2, 3; 0 is "detect").
PRODUCTS = (GLDAS, FLDAS, ERA5_LAND)


def product_of(key):
    """The product a stack records (``TSMV_PRODUCT``); a stack that records none is GLDAS-Noah's
    (TSMV read GLDAS only before products were recorded).  None for an unknown key."""
    if not key:
        return GLDAS
    return next((p for p in PRODUCTS if p.key == key), None)


def by_code(code):
    return next(p for p in PRODUCTS if p.code == code)


def variables_of(names):
    """The products whose four layer variables are all among ``names``."""
    names = set(names)
    return [p for p in PRODUCTS if set(p.variables) <= names]


def some_variables_of(names):
    """The products with at least one layer variable among ``names``."""
    names = set(names)
    return [p for p in PRODUCTS if set(p.variables) & names]
