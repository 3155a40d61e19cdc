"""The report's sections 3.2 (contributions to the variability of total soil moisture: Fig. 2
maps per period, Table 2) and 3.3 (Fig. 3: the Trend and IAV contributions and omega by season and
depth, and their change between the periods)."""
import html

import numpy as np

from ..labels import SEASONS
from ..steps.attribution import DYNAMICS
from .figures import _colorbar, _pyplot, heatmap, scale
from .formatting import fmt_change, fmt_count, fmt_fixed, fmt_percent, html_table
from .inputs import _letter, _period
from .maps import _no_value_legend, draw_map
from .statistics import attribution_marks, attribution_matrices, attribution_totals


class AttributionSections:
    """Sections 3.2 and 3.3 of :class:`~.page.Report` (a mixin: it reads the report's inputs)."""

    def table_period(self, name, index):
        """The period of the attribution table named ``name`` (ATTRIBUTION_TABLE_A): that of the
        components of its letter, whose numbers it was checked to hold; else 'period A'."""
        for stack in self.components:  # whose numbers the table holds (check_chain)
            if _letter(stack.name) == _letter(name):
                return _period(stack)
        return "period %s" % _letter(name)

    def section_attribution(self):
        parts = [self.figure_contributions(stack) for stack in self.components]
        parts.append(self.table_attribution())
        return "\n".join(parts)

    def figure_contributions(self, stack):
        plt = _pyplot()
        grid = stack.grid
        rc = stack.read(0, grid.height, stack.bands(self.layout.component_labels)).reshape(2, 4, 4, grid.height, grid.width)
        with np.errstate(invalid="ignore"):
            groups = [[(SEASONS[s], rc[:, s].sum(axis=(0, 1))) for s in range(4)],
                      [(depth, rc[:, :, d].sum(axis=(0, 1))) for d, depth in enumerate(self.layout.depths)],
                      [(DYNAMICS[c], rc[c].sum(axis=(0, 1))) for c in range(2)]]
        fig, axes = plt.subplots(5, 2, figsize=(12.5, 14.5), constrained_layout=True)
        letters = iter("abcdefghij")
        rows = iter(range(5))
        for group in groups:
            colours = scale(np.concatenate([a.ravel() for _, a in group]), "auto")
            axs = []
            for pair in range(0, len(group), 2):
                r = next(rows)
                for c, (name, array) in enumerate(group[pair:pair + 2]):
                    image = draw_map(axes[r, c], array, grid, colours, self.coast,
                                     "(%s) %s" % (next(letters), name), labels=(r == 4, c == 0))
                    axs.append(axes[r, c])
            _colorbar(fig, image, axs, "% of Var(TSM)", colours.extend, shrink=0.85, aspect=25)
        _no_value_legend(fig)
        period = _period(stack)
        return self.add(fig, "Fig. 2 (%s). Contributions to the variance of total soil moisture by season, "
                             "depth and dynamic" % period, "fig-2-%s" % period,
                        "Per pixel, the sum of the contributions (%% of Var(TSM), from %s) of (a-d) each "
                        "season, (e-h) each depth and (i, j) each dynamic; the panels of each group share "
                        "one scale. The four seasons, the four depths and the two dynamics each add up to "
                        "100 %%." % html.escape(stack.name))

    def table_attribution(self):
        """Table 2: contributions by season, depth and dynamic per period, and their change."""
        if not self.tables:
            return ""
        periods = [self.table_period(name, i) for i, (name, _) in enumerate(self.tables)]
        totals = [attribution_totals(rows, self.layout.depths) for _, rows in self.tables]
        pixels = [rows[0].get("pixels", "") for _, rows in self.tables]
        out = []
        for group, keys in (("season", SEASONS), ("depth", self.layout.depths), ("dynamic", DYNAMICS)):
            for key in keys:
                row = {"component": "%s (%s)" % (key, group)}
                for period, total in zip(periods, totals):
                    row[period + " (%)"] = fmt_percent(total[key])
                if len(totals) == 2:
                    row["change (points)"] = fmt_change(totals[1][key] - totals[0][key])
                out.append(row)
        row = {"component": "pixels"}
        row.update({period + " (%)": fmt_count(n) for period, n in zip(periods, pixels)})
        if len(totals) == 2:
            row["change (points)"] = ""
        out.append(row)
        return html_table("Contributions to Var(TSM) by season, depth and dynamic, area-weighted (§3.2)",
                          out, "Table 2")

    def section_heatmaps(self):
        if not self.tables:
            return ""
        plt = _pyplot()
        periods = [self.table_period(name, i) for i, (name, _) in enumerate(self.tables)]
        matrices = [attribution_matrices(rows, self.layout.depths) for _, rows in self.tables]
        marks = [attribution_marks(rows, self.layout.depths) for _, rows in self.tables]  # None: no bootstrap
        n = len(matrices)
        rows = n + (n == 2)
        fig, axes = plt.subplots(rows, 3, figsize=(13, 3.3 * rows + 0.3), squeeze=False, constrained_layout=True)
        specs = [("Trend contribution", "% of Var(TSM)", "Reds", fmt_percent, "auto", 0.0),
                 ("IAV contribution", "% of Var(TSM)", "Blues", fmt_percent, "auto", 0.0),
                 ("ω", "ω (contribution / storage share)", "PuOr_r", lambda v: fmt_fixed(v, 2), "signed", 1.0)]
        for col, (name, units, cmap, fmt, kind, centre) in enumerate(specs):
            values = np.concatenate([m[col].ravel() for m in matrices])
            colours = scale(values, kind, centre=centre, cmap=cmap if kind != "auto" or np.nanmin(values) >= 0
                            else "RdBu_r", q=100)
            for row, (period, m, starred) in enumerate(zip(periods, matrices, marks)):
                image = heatmap(axes[row, col], m[col], colours, "%s, %s" % (name, period), fmt, self.layout.depths,
                                marks=starred[col] if starred is not None and col < 2 else None,
                                labels=(True, col == 0))
            _colorbar(fig, image, axes[:n, col].tolist(), units, colours.extend)
        if n == 2:
            for col, (name, units, _, _, _, _) in enumerate(specs):
                change = matrices[1][col] - matrices[0][col]
                colours = scale(change, "signed", cmap="RdBu_r", q=100)
                image = heatmap(axes[2, col], change, colours, "%s: %s minus %s" % (name, periods[1], periods[0]),
                                lambda v: fmt_change(v, 2 if col < 2 else 3), self.layout.depths,
                                labels=(True, col == 0))
                _colorbar(fig, image, [axes[2, col]], ("percentage points" if col < 2 else "change of ω"),
                          colours.extend)
        return self.add(fig, "Fig. 3. Trend and IAV contributions and ω by season and depth"
                        + (", and their change" if n == 2 else ""),
                        "fig-3", "Area-weighted means over the pixels of each attribution table: the "
                        "contribution of each season and depth to Var(TSM) through its trend and through "
                        "its interannual variability (%), and ω, the contribution per unit of storage share "
                        "(ω > 1: a component moves TSM more than its share of the water)"
                        + ("; bottom row: the later period minus the earlier." if n == 2 else ".")
                        + (" A star marks a contribution whose 95 % bootstrap interval (tsmv:attribution "
                           "with BOOTSTRAP) excludes 0 on at least half of the area (the table's "
                           "percent_excluding_zero)." if any(m is not None for m in marks) else ""))
