"""FLDAS-Noah files (``FLDAS_NOAH01_C_GL_M.A198201.001.nc``, one month per file): names and dates.

A file is found by its name (the archive's subsetter keeps it, adding ``.SUB.nc4``) or, for a
renamed file, dated by the ``begin_date`` attribute of its ``time`` variable (as LIS, the model
that writes FLDAS and GLDAS, stamps them).  The product itself (variables, units, layers) is
:data:`tsmv_qgis.products.catalogue.FLDAS`; :mod:`tsmv_qgis.products.reader` reads the files.
"""
import os
import re

from ..errors import TsmvError
from .catalogue import FLDAS


def parse_name(path):
    """What an FLDAS file name says (year, month, version), or None if it is not one."""
    m = FLDAS.name.match(os.path.basename(path))
    if not m:
        return None
    date = m.group("date")
    year, month = int(date[0:4]), int(date[4:6])
    if not 1 <= month <= 12:
        raise TsmvError("⟨source⟩ %s: month %s of its name is not a month (01-12); FLDAS files are named "
                        "like %s (YYYYMM): rename or remove the file" % (path, date[4:6], FLDAS.example_name))
    return dict(year=year, month=month, version="", product=FLDAS)  # FLDAS has one version


def describe_from_attributes(ds):
    """What an open renamed FLDAS file says of its month (``time:begin_date``), or None."""
    time = ds.variables.get("time")
    begin = str(getattr(time, "begin_date", "")) if time is not None else ""
    if not re.fullmatch(r"\d{8}", begin):
        return None
    return dict(year=int(begin[0:4]), month=int(begin[4:6]), version="", product=FLDAS)
