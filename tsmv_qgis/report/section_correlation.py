"""The report's section 3.4 (soil moisture and GPP by ecosystem): Fig. 4a distributions of r
and p, 4b maps of r, 4c mean r and the share of significant area, 4d the root zone."""
import numpy as np

from ..labels import SEASONS
from ..steps.correlation import GROUPS, ROOT_ZONE_LAYERS
from .figures import _colorbar, _pyplot, heatmap, scale
from .formatting import fmt_fixed, fmt_percent
from .maps import _no_value_legend, draw_map
from .statistics import correlation_matrices, distributions

ECOSYSTEM_NAMES = GROUPS[1:]
DEPTH_COLOURS = ("#c7e9b4", "#41b6c4", "#225ea8", "#081d58", "#fd8d3c")  # 4 layers, root zone


class CorrelationSection:
    """Section 3.4 of :class:`~.page.Report` (a mixin: it reads the report's inputs)."""

    def _root_rows(self):
        return [row for row in (self.correlation or []) if row["depth"] == self.layout.root_zone]

    def groups(self, grid):
        """(names, masks) of Global and of each ecosystem present."""
        size = grid.width * grid.height
        names, masks = ["Global"], [np.ones(size, bool)]
        if self.eco is not None:
            codes = self.eco.ravel()
            for code, name in enumerate(ECOSYSTEM_NAMES, start=1):
                if (codes == code).any():
                    names.append(name)
                    masks.append(codes == code)
        return names, masks

    def section_correlation(self):
        parts = []
        r, p = self.rasters.get("R"), self.rasters.get("P")
        if r is not None or p is not None:
            parts.append(self.figure_distributions())
        if r is not None:
            parts.append(self.figure_r_maps(r))
        if self.correlation:
            parts.append(self.figure_correlation_matrices())
        if "R_ROOT_ZONE" in self.rasters or self._root_rows():
            parts.append(self.figure_root_zone())
        return "\n".join(parts)

    def figure_distributions(self):
        plt = _pyplot()
        kinds = [(name, stack) for name, stack in (("R", self.rasters.get("R")), ("P", self.rasters.get("P")))
                 if stack is not None]
        grid = kinds[0][1].grid
        names, masks = self.groups(grid)
        weights = np.repeat(grid.cell_weights(), grid.width)
        fig, axes = plt.subplots(len(names), len(kinds), figsize=(6.4 * len(kinds), 1.9 * len(names) + 0.6),
                                 squeeze=False, sharex=True, constrained_layout=True)
        roots = {"R": self.rasters.get("R_ROOT_ZONE"), "P": self.rasters.get("P_ROOT_ZONE")}
        alpha = self.alpha()
        for col, (kind, stack) in enumerate(kinds):
            bands = stack.read(0, grid.height, stack.bands(self.layout.correlation_labels)).reshape(16, -1).astype(np.float64)
            depth_count = 4
            if roots[kind] is not None:
                root = roots[kind].read(0, grid.height, roots[kind].bands(self.layout.root_zone_labels)).reshape(4, -1)
                bands = np.concatenate([bands.reshape(4, 4, -1), root[:, None].astype(np.float64)], axis=1)
                depth_count = 5
                bands = bands.reshape(4 * depth_count, -1)
            stats = distributions(bands, masks, weights)
            positions = [s * (depth_count + 1.2) + d for s in range(4) for d in range(depth_count)]
            for row, (name, group) in enumerate(zip(names, stats)):
                ax = axes[row, col]
                shown = [(st, pos, DEPTH_COLOURS[k % depth_count]) for k, (st, pos) in enumerate(zip(group, positions))
                         if st is not None]
                if shown:
                    drawn = ax.bxp([st for st, _, _ in shown], positions=[pos for _, pos, _ in shown],
                                   widths=0.75, showfliers=False, showmeans=True, patch_artist=True,
                                   meanprops={"marker": "o", "markersize": 3, "markerfacecolor": "white",
                                              "markeredgecolor": "black"},
                                   medianprops={"color": "black", "lw": 1})
                    for box, (_, _, colour) in zip(drawn["boxes"], shown):
                        box.set_facecolor(colour)
                else:
                    ax.text(0.5, 0.5, "no pixels", transform=ax.transAxes, ha="center", va="center")
                if kind == "R":
                    ax.axhline(0, color="#888888", lw=0.8)
                    ax.set_ylim(-1, 1)
                else:
                    ax.axhline(alpha, color="#b2182b", lw=0.8, ls="--")
                    ax.set_ylim(0, 1)
                ax.set_ylabel("%s\n%s" % (name, "r" if kind == "R" else "p"), fontsize=8)
                ax.tick_params(labelsize=7)
                if row == 0:
                    ax.set_title("Pearson r" if kind == "R" else "p-value (dashed: %g)" % alpha,
                                 fontsize=9)
            ax = axes[-1, col]
            ax.set_xticks([s * (depth_count + 1.2) + (depth_count - 1) / 2 for s in range(4)])
            ax.set_xticklabels(SEASONS, fontsize=8)
        from matplotlib.patches import Patch
        labels = list(self.layout.depths) + ([self.layout.root_zone + " (root zone)"] if any(v is not None for v in roots.values()) else [])
        fig.legend(handles=[Patch(facecolor=c, edgecolor="black", label=l) for c, l in zip(DEPTH_COLOURS, labels)],
                   loc="lower center", ncol=len(labels), bbox_to_anchor=(0.5, -0.03), fontsize=8, frameon=False)
        return self.add(fig, "Fig. 4a. Distributions of r and p by ecosystem, season and depth", "fig-4a",
                        "Per season and depth, the pixels' Pearson r (and p) of seasonal soil moisture with "
                        "GPP: boxes from the 25th to the 75th percentile, line at the median, whiskers at the "
                        "5th and 95th, circle at the mean, all weighted by area; ecosystems from ECOSYSTEMS.")

    def figure_r_maps(self, stack):
        plt = _pyplot()
        grid = stack.grid
        r = stack.read(0, grid.height, stack.bands(self.layout.correlation_labels))
        fig, axes = plt.subplots(4, 4, figsize=(13, 0.85 + 4 * 13 / 4 * grid.height / grid.width * 0.98),
                                 constrained_layout=True)
        colours = scale(r, "signed", bound=1.0)
        for k in range(16):
            s, d = divmod(k, 4)
            image = draw_map(axes[s, d], r[k], grid, colours, self.coast, "%s %s" % (SEASONS[s], self.layout.depths[d]),
                             labels=(s == 3, d == 0))
        _colorbar(fig, image, axes.ravel().tolist(), "Pearson r", colours.extend, shrink=0.6)
        _no_value_legend(fig)
        return self.add(fig, "Fig. 4b. Correlation of seasonal soil moisture with GPP per pixel", "fig-4b",
                        "Pearson r of each season's soil moisture at each depth (rows: seasons, columns: "
                        "depths) with the GPP of the same months, from R; red: wetter soil, more GPP.")

    def figure_correlation_matrices(self):
        plt = _pyplot()
        mean_r = correlation_matrices(self.correlation, "mean_r", self.layout.depths)
        share = correlation_matrices(self.correlation, "percent_significant", self.layout.depths)
        names = [g for g in GROUPS if g in mean_r]  # read_table admits no other ecosystem
        fig, axes = plt.subplots(2, len(names), figsize=(2.75 * len(names) + 1.2, 6.3), squeeze=False,
                                 constrained_layout=True)
        colours_r = scale(np.concatenate([mean_r[g].ravel() for g in names]), "signed", bound=1.0, q=100)
        colours_s = scale(np.concatenate([share[g].ravel() for g in names]), "share", q=100)
        short = [d.replace(" cm", "") for d in self.layout.depths]
        for i, name in enumerate(names):
            image_r = heatmap(axes[0, i], mean_r[name], colours_r, name, lambda v: fmt_fixed(v, 2),
                              columns=short, labels=(True, i == 0))
            image_s = heatmap(axes[1, i], share[name], colours_s, name, fmt_percent, columns=short,
                              labels=(True, i == 0))
        _colorbar(fig, image_r, axes[0].tolist(), "mean r", colours_r.extend)
        _colorbar(fig, image_s, axes[1].tolist(), "% of area significant", colours_s.extend)
        return self.add(fig, "Fig. 4c. Mean r and share of significant area by ecosystem", "fig-4c",
                        "From the CORRELATION_TABLE: top, the area-weighted mean r of each season (rows) "
                        "and depth (columns, cm); bottom, the percent of the area where the correlation "
                        "is significant (p < the correlation's ALPHA).")

    def figure_root_zone(self):
        plt = _pyplot()
        stack = self.rasters.get("R_ROOT_ZONE")
        rows = self._root_rows()
        width = 12.5
        map_h = width / 2 * stack.grid.height / stack.grid.width if stack is not None else 0
        ratios = [map_h, map_h] * (stack is not None) + [3.0] * bool(rows)
        fig = plt.figure(figsize=(width, sum(ratios) + 0.6), constrained_layout=True)
        spec = fig.add_gridspec(len(ratios), 2, height_ratios=ratios)
        explain = []
        if stack is not None:
            grid = stack.grid
            r = stack.read(0, grid.height, stack.bands(self.layout.root_zone_labels))
            colours = scale(r, "signed", bound=1.0)
            axs = []
            for s in range(4):
                ax = fig.add_subplot(spec[s // 2, s % 2])
                image = draw_map(ax, r[s], grid, colours, self.coast, "%s, %s" % (SEASONS[s], self.layout.root_zone),
                                 labels=(s >= 2, s % 2 == 0))
                axs.append(ax)
            _colorbar(fig, image, axs, "Pearson r", colours.extend, shrink=0.8)
            explain.append("maps: Pearson r of the root-zone soil moisture (the sum of the %s and %s "
                           "layers) of each season with the GPP of the same months, from R_ROOT_ZONE"
                           % tuple(self.layout.depths[d] for d in ROOT_ZONE_LAYERS))
        if rows:
            mean_r = correlation_matrices(rows, "mean_r", [self.layout.root_zone])
            share = correlation_matrices(rows, "percent_significant", [self.layout.root_zone])
            names = [g for g in GROUPS if g in mean_r]
            m_r = np.array([mean_r[g][:, 0] for g in names])
            m_s = np.array([share[g][:, 0] for g in names])
            for col, (matrix, colours, label, fmt) in enumerate((
                    (m_r, scale(m_r, "signed", bound=1.0, q=100), "mean r", lambda v: fmt_fixed(v, 2)),
                    (m_s, scale(m_s, "share", q=100), "% of area significant", fmt_percent))):
                ax = fig.add_subplot(spec[len(ratios) - 1, col])
                image = heatmap(ax, matrix, colours, label, fmt, rows=names, columns=list(SEASONS))
                _colorbar(fig, image, [ax], label, colours.extend)
            explain.append("heatmaps: the %s rows of the CORRELATION_TABLE, by ecosystem and season"
                           % self.layout.root_zone)
        if stack is not None:
            _no_value_legend(fig)
        return self.add(fig, "Fig. 4d. Root zone (%s): correlation of soil moisture with GPP" % self.layout.root_zone,
                        "fig-4d", ("; ".join(explain) + ".")[:1].upper() + ("; ".join(explain) + ".")[1:])
