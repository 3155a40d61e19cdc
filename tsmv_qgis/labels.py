"""Band labels, layers and seasons: the names every TSMV stack carries.

A stack's bands are labelled (GDAL band description): months ``2000-01``,
years ``2000``, seasonal means ``2000 H-S``.  Readers rely on these labels.
"""
import re

from .errors import TsmvError

#: The four GLDAS-Noah soil layers: key used in parameter names, label (cm),
#: GLDAS variable name, default physical maximum (kg m-2) for quality control.
LAYER_KEYS = ("0_10", "10_40", "40_100", "100_200")
LAYER_LABELS = ("0-10", "10-40", "40-100", "100-200")
LAYER_VARIABLES = ("SoilMoi0_10cm_inst", "SoilMoi10_40cm_inst",
                   "SoilMoi40_100cm_inst", "SoilMoi100_200cm_inst")
LAYER_MAXIMA = (99.9, 299.9, 599.9, 999.0)

SEASONS = ("H-S", "SH-S", "SA-S", "A-S")
SEASON_NAMES = ("Humid season", "Sub-humid season", "Semi-arid season", "Arid season")

_MONTH = re.compile(r"^(\d{4})-(\d{2})$")


def month_label(year, month):
    return "%04d-%02d" % (year, month)


def month_labels(first, last):
    """Labels from ``first`` to ``last`` inclusive, each a (year, month) pair."""
    return [month_label(i // 12, i % 12 + 1)
            for i in range(month_index(*first), month_index(*last) + 1)]


def month_index(year, month):
    """Months since year 0: consecutive months have consecutive indices."""
    return year * 12 + month - 1


def parse_month(label, where="band"):
    m = _MONTH.match(label or "")
    if not m or not 1 <= int(m.group(2)) <= 12:
        raise TsmvError("%s is labelled %r, not a month YYYY-MM" % (where, label))
    return int(m.group(1)), int(m.group(2))
