"""Band labels, layers and seasons: the names every TSMV stack carries.

A stack's bands are labelled (GDAL band description): months ``2000-01``,
years ``2000``, seasonal means ``2000 H-S``.  Readers rely on these labels.
"""
import re

from .errors import TsmvError, named
from .products.catalogue import GLDAS

#: Parameter and output ids name the four layers by GLDAS's depths, top to bottom, whatever the
#: product (``INPUT_0_10`` is a product's top layer: 0-7 cm for ERA5-Land).
LAYER_KEYS = ("0_10", "10_40", "40_100", "100_200")
#: GLDAS-Noah's layers (:data:`tsmv_qgis.products.catalogue.GLDAS`): label (cm), variable, the
#: paper's quality-control maximum (kg m-2); other products' layers are in their description.
LAYER_LABELS = tuple(layer.label for layer in GLDAS.layers)
LAYER_VARIABLES = GLDAS.variables
LAYER_MAXIMA = GLDAS.maxima
#: The layers as bands, tables and the report name them: '0-10 cm' ...
DEPTHS = GLDAS.depths

SEASONS = ("H-S", "SH-S", "SA-S", "A-S")

#: The method TSMV implements (and goes beyond), cited in the help and the report.
CITATION = ("Li Y. et al. (2025) Global soil moisture dynamics: attribution of contributions and their "
            "association with GPP. Front. Plant Sci. 16:1691082.")

_MONTH = re.compile(r"^(\d{4})-(\d{2})$")


def layer_label(key):
    """'0-10 cm' for the layer key '0_10'."""
    return DEPTHS[LAYER_KEYS.index(key)]


def month_label(year, month):
    return "%04d-%02d" % (year, month)


def whole_year_months(keys):
    """{year: its 12 month labels} for every whole calendar year among the (year, month) ``keys``
    of a monthly stack, in year order."""
    have = set(keys)
    return {y: [month_label(y, m) for m in range(1, 13)] for y in sorted({y for y, _ in have})
            if all((y, m) in have for m in range(1, 13))}


def month_index(year, month):
    """Months since year 0: consecutive months have consecutive indices."""
    return year * 12 + month - 1



_YEAR = re.compile(r"^(\d{4})$")
_SEASONAL = re.compile(r"^(\d{4}) (H-S|SH-S|SA-S|A-S)$")


def year_label(year):
    return "%04d" % year


def season_label(year, season):
    """``2000 H-S``; ``season`` is 0..3 or a season name."""
    return "%04d %s" % (year, SEASONS[season] if isinstance(season, int) else season)


#: How messages name each kind of stack.
KIND_NAMES = {"month": "monthly", "year": "yearly", "season": "seasonal"}
KIND_PATTERNS = {"month": "YYYY-MM", "year": "YYYY", "season": "'YYYY H-S'"}


def classify(labels, name=named("source")):
    """The kind of a stack from its band labels, and each band's key.

    Returns ("month", [(year, month)...]), ("year", [year...]) or
    ("season", [(year, season index)...]); a label that fits none, or a mix
    of kinds, raises an error naming the band.
    """
    kinds, keys = set(), []
    for b, label in enumerate(labels):
        m = _MONTH.match(label)
        if m and 1 <= int(m.group(2)) <= 12:
            kinds.add("month")
            keys.append((int(m.group(1)), int(m.group(2))))
            continue
        m = _YEAR.match(label)
        if m:
            kinds.add("year")
            keys.append(int(m.group(1)))
            continue
        m = _SEASONAL.match(label)
        if m:
            kinds.add("season")
            keys.append((int(m.group(1)), SEASONS.index(m.group(2))))
            continue
        raise TsmvError("%s: band %d is labelled %r, which is not a month (YYYY-MM), a year "
                        "(YYYY) or a season (YYYY H-S)" % (name, b + 1, label))
    if len(kinds) != 1:
        raise TsmvError("%s mixes %s bands; a stack holds one kind" % (name, " and ".join(sorted(kinds))))
    return kinds.pop(), keys


def check_year_order(start_year, end_year):
    """Refuse START_YEAR after END_YEAR (either may be None: not set)."""
    if start_year is not None and end_year is not None and start_year > end_year:
        raise TsmvError("⟨start_year⟩ (%d) is after ⟨end_year⟩ (%d)" % (start_year, end_year))


def year_span(first, last, start_year, end_year, where):
    """(start, end): START_YEAR..END_YEAR, each inside first..last (default: all of it)."""
    for label, year in ((named("start_year"), start_year), (named("end_year"), end_year)):
        if year is not None and not first <= year <= last:
            raise TsmvError("%s %d is outside the years of %s (%d-%d)" % (label, year, where, first, last))
    start = first if start_year is None else start_year
    end = last if end_year is None else end_year
    check_year_order(start, end)
    return start, end
