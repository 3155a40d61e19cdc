"""GLDAS-Noah L4 files (V2.0/V2.1, 1.0 or 0.25 deg, monthly or 3-hourly): names and dates.

Files are found by name (``GLDAS_NOAH10_M.A194801.020.nc4``,
``GLDAS_NOAH025_3H.A20160101.0300.021.nc4``, subsets ending ``.SUB.nc4``) or,
for a renamed file, by the ``begin_date`` attribute of its ``time`` variable and the
GLDAS version in its ``title``.  The product itself (variables, units, layers) is
:data:`tsmv_qgis.products.catalogue.GLDAS`; :mod:`tsmv_qgis.products.reader` reads the files.
Soil moisture must be in kg m-2: a volumetric (m3 m-3) GLDAS variable is refused, not converted.
"""
import calendar
import os
import re

from ..errors import TsmvError
from ..labels import month_label
from .catalogue import GLDAS


def _version(code):
    return "%d.%d" % (int(code[0:2]), int(code[2]))


def parse_name(path):
    """What a GLDAS file name says (year, month, version, step, stamp), or None if it is not one."""
    m = GLDAS.name.match(os.path.basename(path))
    if not m:
        return None
    date = m.group("date")
    step = m.group("step").upper()
    year, month = int(date[0:4]), int(date[4:6])
    if not 1 <= month <= 12:
        raise TsmvError("⟨source⟩ %s: month %s of its name is not a month (01-12); GLDAS files are named "
                        "like GLDAS_NOAH10_M.A200001.021.nc4 (YYYYMM): rename or remove the file"
                        % (path, date[4:6]))
    if step == "3H" and len(date) == 8 and not 1 <= int(date[6:8]) <= calendar.monthrange(max(year, 1), month)[1]:
        raise TsmvError("⟨source⟩ %s: day %s of its name is not a day of %s; 3-hourly GLDAS files are named "
                        "like GLDAS_NOAH025_3H.A20160101.0300.021.nc4 (YYYYMMDD.HHMM): rename or remove "
                        "the file" % (path, date[6:8], month_label(year, month)))
    stamp = date[6:8] + (m.group("hhmm") or "") if step == "3H" else ""
    return dict(year=year, month=month, version=_version(m.group("version")), step=step, stamp=stamp,
                product=GLDAS)


def describe_from_attributes(ds):
    """What an open renamed GLDAS file says of itself (``time:begin_date``, the version in its
    title), or None."""
    time = ds.variables.get("time")
    begin = str(getattr(time, "begin_date", "")) if time is not None else ""
    begin_time = str(getattr(time, "begin_time", "000000"))
    increment = str(getattr(time, "time_increment", ""))
    title = str(getattr(ds, "title", ""))
    version = re.search(r"GLDAS\s*(\d)\.(\d)", title)
    if not re.fullmatch(r"\d{8}", begin) or not version:
        return None
    step = "3H" if increment.isdigit() and 0 < int(increment) <= 180 else "M"
    stamp = begin[6:8] + begin_time[0:4] if step == "3H" else ""
    return dict(year=int(begin[0:4]), month=int(begin[4:6]), version="%s.%s" % version.groups(),
                step=step, stamp=stamp, product=GLDAS)


def refuse_units(units, name, path):
    """GLDAS soil moisture is kg m-2: a GLDAS variable in other units (volumetric m3 m-3, or
    anything else) is refused, saying how to convert or what to give instead."""
    volumetric = "".join(units.split()).lower().replace("^", "").replace("**", "") in (
        "m3m-3", "m3/m3", "m3.m-3", "1", "fraction")
    raise TsmvError("⟨source⟩ %s: %s is in %s%s, not kg m-2 as GLDAS soil moisture is; TSMV does not "
                    "convert it: convert it to kg m-2 first (%s)"
                    % (path, name, units, " (volumetric water content)" if volumetric else "",
                       "kg m-2 = m3 m-3 x 1000 kg m-3 x the layer's thickness in m: 0.1, 0.3, 0.6, 1.0"
                       if volumetric else "or give GLDAS-Noah files"))
