"""Provenance of a report: the software that made it (:func:`software_versions`), and the section
that lists it with the inputs, what each records, the parameters and the coastlines."""
import datetime
import html
import os
import platform
import sys

import numpy as np

from ..io.coverage import VERSIONS
from ..io.lineage import raw_inputs
from .formatting import DASH, fmt_count, html_table


def _modified(path):
    try:
        return datetime.datetime.fromtimestamp(os.path.getmtime(path)).strftime("%Y-%m-%d %H:%M")
    except OSError:
        return ""


def plugin_version():
    """TSMV's version from the plugin's metadata.txt, or '' when it is not beside the core."""
    path = os.path.join(os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__)))), "metadata.txt")
    try:
        with open(path, encoding="utf-8") as f:
            for line in f:
                if line.startswith("version="):
                    return line.split("=", 1)[1].strip()
    except OSError:
        pass
    return ""


def software_versions(given=None):
    """{name: version} of what made the report: TSMV, QGIS (when given), GDAL, numpy,
    matplotlib, Python."""
    from osgeo import gdal
    versions = {"TSMV": plugin_version() or "unknown"}
    versions.update(given or {})
    versions["GDAL"] = gdal.__version__
    versions["numpy"] = np.__version__
    try:
        import matplotlib
        versions["matplotlib"] = matplotlib.__version__
    except Exception:
        versions["matplotlib"] = "not available"
    versions["Python"] = "%s (%s)" % (platform.python_version(), sys.platform)
    return versions


class ProvenanceSection:
    """The provenance section of :class:`~.page.Report` (a mixin: it reads the report's inputs)."""

    def raw_inputs(self):
        """The raw files the inputs record being made from (TSMV_RAW, carried down the chain),
        once each, as rows of the provenance."""
        records = []
        for stack in self.inputs.values():
            for record in raw_inputs(stack.metadata):
                if record not in records:
                    records.append(record)
        return [{"product": str(r.get("product", "not recorded")), "versions": str(r.get("versions", "")) or DASH,
                 "files": fmt_count(r.get("files", "")), "first file": str(r.get("first", "")),
                 "last file": str(r.get("last", "")), "folder": str(r.get("folder", "")),
                 "read as": str(r.get("input", ""))} for r in records]

    def section_provenance(self):
        parts = ["<p>Made %s by TSMV %s.</p>" % (html.escape(self.when()), html.escape(self.versions["TSMV"]))]
        parts.append(html_table("Software", [{"software": k, "version": v} for k, v in self.versions.items()],
                                css="text"))
        rows = []
        for name, stack in self.inputs.items():
            meta = stack.metadata
            recorded = [meta.get("TSMV_KIND", "")]
            if meta.get("START_YEAR") and meta.get("END_YEAR"):
                recorded.append("%s-%s" % (meta["START_YEAR"], meta["END_YEAR"]))
            recorded += ["%s %s" % (label, meta[k]) for k, label in
                         (("METHOD", "method"), ("ALPHA", "alpha"), ("FDR", "FDR"), ("RANK_BY", "ranked by"),
                          (VERSIONS, "GLDAS"), ("TSMV_VALUE", "value")) if meta.get(k)]
            rows.append({"input": name, "file": stack.path, "modified": _modified(stack.path),
                         "recorded in the file": "; ".join(r for r in recorded if r)})
        for name, path in self.csvs.items():
            rows.append({"input": name, "file": path, "modified": _modified(path), "recorded in the file": "CSV"})
        parts.append(html_table("Inputs", rows, css="text"))
        raw = self.raw_inputs()
        if raw:
            parts.append(html_table("Raw data the inputs were made from", raw, css="text"))
        else:
            parts.append("<p>Raw data: the inputs do not record the files they were made from (outputs "
                         "of another tool, or of an older TSMV).</p>")
        note = self.synthetic()
        if note:
            parts.append('<p class="synthetic"><b>Synthetic data</b>: %s</p>' % html.escape(note))
        if self.parameters:
            parts.append(html_table("Parameters", [{"parameter": k, "value": "not set" if v in (None, "") else str(v)}
                                                   for k, v in self.parameters.items()], css="text"))
        parts.append("<p>Coastlines: %s.</p>" % html.escape(
            "from %s" % self.coast_path if self.coast is not None else self.coast_problem or "none"))
        return "\n".join(parts)
