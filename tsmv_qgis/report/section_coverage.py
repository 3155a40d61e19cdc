"""The report's first section: the pixels each analysis kept and why it dropped the others, and
the GLDAS versions of each period (warning of a period that mixes V2.0 and V2.1)."""
import html

import numpy as np

from ..io.coverage import VERSIONS, coverage_text, join_versions, mixed_versions, read_coverage
from ..steps.attribution import COMPONENT_LABELS
from ..steps.tiles import Tiles
from .inputs import _period, period_of
from .statistics import year_runs


class CoverageSection:
    """Coverage and GLDAS versions, for :class:`~.page.Report` (a mixin: it reads the report's inputs)."""

    def analyses(self):
        """(label, stack, band counted when it records no coverage) of every analysis output."""
        out = []
        for stack in self.trends:
            out.append(("Trend %s (%s)" % (_period(stack), stack.name), stack, "slope"))
        for stack in self.components:
            out.append(("Attribution %s (%s)" % (_period(stack), stack.name), stack, COMPONENT_LABELS[0]))
        for name, what in (("R", "Correlation with GPP"), ("R_ROOT_ZONE", "Root-zone correlation")):
            stack = self.rasters.get(name)
            if stack is not None:
                years = ("%s-%s " % (stack.metadata["START_YEAR"], stack.metadata["END_YEAR"])
                         if stack.metadata.get("START_YEAR") and stack.metadata.get("END_YEAR") else "")
                out.append(("%s %s(%s)" % (what, years, name), stack, None))
        return out

    @staticmethod
    def coverage_of(stack, band):
        """The coverage an output records, or what its pixels show when it records none."""
        recorded = read_coverage(stack.metadata)
        if recorded is not None:
            return recorded
        grid = stack.grid
        bands = stack.bands([band]) if band else None
        kept = 0
        for r0, r1 in Tiles(grid, 4 * (stack.count if band is None else 1)).strips:
            kept += int(np.isfinite(stack.read(r0, r1, bands)).any(axis=0).sum())
        pixels = grid.width * grid.height
        return {"pixels": pixels, "kept": kept,
                "dropped": {"reasons not recorded (an output of an older TSMV)": pixels - kept}}

    def version_warnings(self):
        """The warnings of periods that mix GLDAS versions (each period once)."""
        seen, out = set(), []
        for stack in self.trends + self.components:
            start, end = period_of(stack)
            versions = self.versions_of(stack, start, end)
            warning = mixed_versions(versions, "The period %d-%d" % (start, end))
            if warning and (start, end) not in seen:
                seen.add((start, end))
                out.append(warning)
        for name in ("R", "R_ROOT_ZONE"):
            stack = self.rasters.get(name)
            if stack is not None and stack.metadata.get(VERSIONS):
                warning = mixed_versions(stack.metadata[VERSIONS], "The correlation period (%s)" % name)
                if warning and name not in seen:
                    seen.add(name)
                    out.append(warning)
        return out

    def section_coverage(self):
        product = self.layout.product
        parts = ["<p>Soil moisture from <b>%s</b>: layers %s%s (the product the ANNUAL_TSM records).</p>"
                 % (html.escape(product.key), html.escape(", ".join(product.depths)),
                    ", converted to kg m-2 from volume fractions (%s) by each layer's thickness"
                    % html.escape(product.units) if product.volumetric else ", in kg m-2")]
        warnings = self.version_warnings()
        for warning in warnings:
            self.log.warn(warning)
            parts.append('<p class="warning">Warning: %s</p>' % html.escape(warning))
        items = []
        for label, stack, band in self.analyses():
            cov = self.coverage_of(stack, band)
            versions = self.versions_of(stack, *(period_of(stack) if stack.metadata.get("START_YEAR")
                                                 and stack.metadata.get("END_YEAR") else (None, None)))
            items.append("<li><b>%s</b>: %s%s.</li>" % (
                html.escape(label), html.escape(coverage_text(cov)),
                ". Data from GLDAS " + html.escape(" and ".join("V" + v for v in versions.split())) if versions else ""))
        if items:
            parts.append("<p>Pixels each analysis kept, and why it dropped the others (a pixel with one "
                         "missing month in a period leaves the attribution of that period, while the "
                         "trend skips only that year):</p><ul class='coverage'>%s</ul>" % "".join(items))
        known = join_versions(self.annual_versions.values())
        if product.key != "GLDAS-Noah":  # the other products have one version
            return "\n".join(parts)
        if known:
            parts.append("<p>The ANNUAL_TSM comes from GLDAS %s (%s).</p>"
                         % (" and ".join("V" + v for v in known.split()), html.escape(self.version_runs())))
        elif self.annual is not None:
            parts.append("<p>The ANNUAL_TSM does not record the GLDAS version of its years (made by "
                         "an older TSMV); the report cannot tell whether a period mixes V2.0 and V2.1.</p>")
        return "\n".join(parts)

    def version_runs(self):
        """'1948-1999: V2.0; 2000-2024: V2.1' from the ANNUAL_TSM's bands."""
        runs = year_runs(sorted(self.annual_versions), self.annual_versions)
        return "; ".join("%d-%d: %s" % (a, b, " + ".join("V" + x for x in v.split()) or "version not recorded")
                         for v, a, b in runs)
