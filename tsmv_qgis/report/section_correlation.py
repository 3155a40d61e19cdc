"""The report's section 3.4 (soil moisture and GPP by ecosystem), in the paper's order: Fig. 4a
distributions of r and p by ecosystem, maps of r per season of 4b the top layer (0-10 cm), 4c the
root zone (10-100 cm) and 4d the bottom layer (100-200 cm); beyond the paper, Fig. S2 the maps of
the two middle layers, S3 mean r and the share of significant area by ecosystem, S4 GPP
lagging soil moisture (R_BEST_LAG and BEST_LAG beside the paper's lag-0 R) and S5 the detrended
r beside the paper's, not detrended, r (a run with DETREND: R and P beside its R_NOT_DETRENDED
and P_NOT_DETRENDED)."""
import numpy as np

from ..labels import SEASONS
from ..steps.correlation import GROUPS, ROOT_ZONE_LAYERS, CorrelationOptions
from .figures import QGIS_DIVERGING, _colorbar, _pyplot, heatmap, scale
from .formatting import fmt_change, fmt_fixed, fmt_percent, significance_rule
from .maps import _no_value_legend, draw_map
from .statistics import correlation_matrices, correlation_summary, distributions

ECOSYSTEM_NAMES = GROUPS[1:]
#: Fig. 4a draws p on a log scale from P_FLOOR (smaller p drawn at it) to 1.
P_FLOOR = 1e-4
P_TICKS = (1e-4, 1e-3, 0.01, 0.05, 0.2, 1.0)
#: The rasters Fig. S5 needs: R and P of a run with DETREND and its R_NOT_DETRENDED, P_NOT_DETRENDED.
DETREND_FIGURE = ("R", "P", "R_NOT_DETRENDED", "P_NOT_DETRENDED")
DEPTH_COLOURS = ("#c7e9b4", "#41b6c4", "#225ea8", "#081d58", "#fd8d3c")  # 4 layers, root zone


def settings_note(*stacks):
    """What the R or P ``stacks`` (None: not given) record of the settings beyond the paper of
    tsmv:correlation, as a sentence for a caption ('' for the paper's)."""
    said = []
    for stack in stacks:
        meta = stack.metadata if stack is not None else {}
        if meta.get("DETREND") == "True" and "detrend" not in said and \
                not (meta.get("TSMV_VALUE") or "").endswith("not detrended"):
            said.append("detrend")
        if meta.get("EFFECTIVE_N") == "True" and "effective" not in said and \
                (meta.get("TSMV_VALUE") or "").startswith("p-value"):
            said.append("effective")
    text = {"detrend": "each series was detrended first (DETREND: r of the residuals about each series' "
                       "least-squares line on the year)",
            "effective": "p is that of the effective sample size (EFFECTIVE_N, Bretherton et al. 1999)"}
    return " Beyond the paper: %s." % "; ".join(text[k] for k in said) if said else ""


class CorrelationSection:
    """Section 3.4 of :class:`~.page.Report` (a mixin: it reads the report's inputs)."""

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
        root = self.rasters.get("R_ROOT_ZONE")
        depths = self.layout.depths
        if r is not None:
            parts.append(self.figure_r_maps("4b", r, [(0, depths[0])], "the top layer"))
        if root is not None:
            parts.append(self.figure_r_maps("4c", root, [(None, self.layout.root_zone)], "the root zone"))
        if r is not None:
            parts.append(self.figure_r_maps("4d", r, [(3, depths[3])], "the bottom layer"))
            parts.append(self.figure_r_maps("S2", r, [(1, depths[1]), (2, depths[2])], "the middle layers"))
        if self.correlation:
            parts.append(self.figure_correlation_matrices())
        if self.rasters.get("BEST_LAG") is not None or self.rasters.get("R_BEST_LAG") is not None:
            parts.append(self.figure_lags(0))
        if all(name in self.rasters for name in DETREND_FIGURE):
            parts.append(self.figure_detrended())
        return "\n".join(parts)

    def figure_detrended(self):
        """Fig. S5: per season (rows) and depth (columns), the area-weighted mean r (top) and the
        percent of the area significant (bottom), not detrended (R_NOT_DETRENDED, P_NOT_DETRENDED:
        the paper's r), detrended (R, P) and their difference."""
        plt = _pyplot()
        r = self.rasters["R"]
        meta = r.metadata
        try:
            alpha = float(meta.get("ALPHA", 0.05))
        except ValueError:
            alpha = 0.05
        options = CorrelationOptions(detrend=True, effective_n=meta.get("EFFECTIVE_N") == "True",
                                     fdr=meta.get("FDR") == "True")
        rule = options.significance(alpha)
        depths = list(self.layout.depths)
        shape = (len(SEASONS), len(depths))
        summary = {name: [m.reshape(shape) for m in correlation_summary(
            self.rasters[name], self.rasters["P" + name[1:]], self.layout.correlation_labels, alpha, options.fdr)]
                   for name in ("R_NOT_DETRENDED", "R")}
        (r_plain, share_plain), (r_detrended, share_detrended) = summary["R_NOT_DETRENDED"], summary["R"]
        fig, axes = plt.subplots(2, 3, figsize=(13.0, 6.6), squeeze=False, constrained_layout=True)
        short = [d.replace(" cm", "") for d in depths]
        colours_r = scale([-1.0, 1.0], "signed", cmap=QGIS_DIVERGING)
        colours_s = scale([0.0, 100.0], "share", q=100)
        change_r = scale(r_detrended - r_plain, "signed", cmap=QGIS_DIVERGING, q=100)
        change_s = scale(share_detrended - share_plain, "signed", cmap=QGIS_DIVERGING, q=100)
        panels = [
            [(r_plain, colours_r, "mean r, not detrended (the paper)", lambda v: fmt_fixed(v, 2)),
             (r_detrended, colours_r, "mean r, detrended", lambda v: fmt_fixed(v, 2)),
             (r_detrended - r_plain, change_r, "detrended minus not detrended", fmt_change)],
            [(share_plain, colours_s, "% significant, not detrended", fmt_percent),
             (share_detrended, colours_s, "% significant, detrended", fmt_percent),
             (share_detrended - share_plain, change_s, "detrended minus not detrended (points)",
              lambda v: fmt_change(v, 1))]]
        for row, (line, bar) in enumerate(zip(panels, ("mean r", "%% of area significant\n(%s)" % rule))):
            for col, (matrix, colours, title, fmt) in enumerate(line):
                image = heatmap(axes[row, col], matrix, colours, title, fmt, columns=short,
                                labels=(True, col == 0))
                if col == 1:
                    _colorbar(fig, image, axes[row, :2].tolist(), bar, colours.extend)
            _colorbar(fig, image, [axes[row, 2]], "difference" if row == 0 else "percentage points",
                      line[2][1].extend)
        alone = "Benjamini-Hochberg over the pixels of each band" if options.fdr else "each pixel tested alone"
        return self.add(fig, "Fig. S5. Detrended beside not detrended correlation", "fig-s5",
                        "Beyond the paper, from a run of tsmv:correlation with DETREND: for every season "
                        "(rows) and depth (columns, cm), the area-weighted mean Pearson r of seasonal soil "
                        "moisture with GPP (top) and the percent of the area where it is significant "
                        "(bottom; %s, %s), over every pixel with an r: not detrended (R_NOT_DETRENDED and "
                        "P_NOT_DETRENDED of the same run: the paper's r, Li et al. 2025, section 3.4), "
                        "detrended (R and P) and the difference. Detrending removes from each series its "
                        "least-squares line on the year before r is computed, so it takes away what a "
                        "shared trend adds: soil moisture and GPP that both drift over the years (e.g. "
                        "soils wetting while vegetation greens) correlate even when their year-to-year "
                        "changes do not (Yule 1926, J. R. Stat. Soc. 89:1-63). What remains is the coupling "
                        "of the anomalies about the trends; where detrended r is much weaker than the "
                        "paper's, much of its r came from the trends.%s"
                        % (rule, alone, settings_note(self.rasters["P_NOT_DETRENDED"])))

    def figure_lags(self, depth):
        """Fig. S4: per season (rows) of layer ``depth``, the paper's r (lag 0, R), the largest r
        over the lags (R_BEST_LAG) and its lag (BEST_LAG), those given, side by side."""
        plt = _pyplot()
        shown = [(name, self.rasters.get(name)) for name in ("R", "R_BEST_LAG", "BEST_LAG")
                 if self.rasters.get(name) is not None]
        grid = shown[0][1].grid
        labels = [self.layout.correlation_labels[4 * s + depth] for s in range(4)]
        maps = {name: stack.read(0, grid.height, stack.bands(labels)) for name, stack in shown}
        max_lag = max([int(stack.metadata.get("MAX_LAG") or 0) for _, stack in shown] +
                      [int(np.nanmax(maps["BEST_LAG"])) if "BEST_LAG" in maps and np.isfinite(maps["BEST_LAG"]).any()
                       else 1])
        colours = {"R": scale([-1.0, 1.0], "signed", cmap=QGIS_DIVERGING),
                   "BEST_LAG": scale([0.0, max(max_lag, 1)], "share", q=100)}
        colours["R_BEST_LAG"] = colours["R"]
        width = 4.2 * len(shown)
        map_height = 0.86 * width / len(shown) * grid.height / grid.width
        fig, axes = plt.subplots(4, len(shown), figsize=(width, 0.9 + 4 * map_height), squeeze=False,
                                 constrained_layout=True)
        # the paper's r unless the run detrended it (then every map here is of detrended series)
        paper = all(stack.metadata.get("DETREND") != "True" for _, stack in shown)
        titles = {"R": "r at lag 0" + (" (the paper)" if paper else ", detrended"),
                  "R_BEST_LAG": "largest r over the lags", "BEST_LAG": "its lag"}
        for col, (name, _) in enumerate(shown):
            for s in range(4):
                image = draw_map(axes[s, col], maps[name][s], grid, colours[name], self.coast,
                                 "%s, %s" % (SEASONS[s], titles[name]), labels=(s == 3, col == 0))
            _colorbar(fig, image, axes[:, col].tolist(), "months" if name == "BEST_LAG" else "Pearson r",
                      colours[name].extend, shrink=0.7)
        _no_value_legend(fig)
        depth_label = self.layout.depths[depth]
        return self.add(fig, "Fig. S4. GPP lagging soil moisture (%s)" % depth_label, "fig-s4",
                        "Beyond the paper, from a run of tsmv:correlation with MAX_LAG %d: per season, the "
                        "Pearson r of the %s soil moisture with the GPP of the same months (R, lag 0%s), "
                        "the largest r with GPP 0 to %d months later (R_BEST_LAG) and that "
                        "lag in months (BEST_LAG), those given. Picking the best of several lags inflates "
                        "r: no p is given for it.%s"
                        % (max_lag, depth_label, ", as in the paper" if paper else "", max_lag,
                           settings_note(*[stack for _, stack in shown])))

    def figure_distributions(self):
        plt = _pyplot()
        kinds = [(name, stack) for name, stack in (("R", self.rasters.get("R")), ("P", self.rasters.get("P")))
                 if stack is not None]
        grid = kinds[0][1].grid
        names, masks = self.groups(grid)
        weights = np.repeat(grid.cell_weights(), grid.width)
        fig, axes = plt.subplots(len(names), len(kinds), figsize=(6.4 * len(kinds), 2.3 * len(names) + 0.6),
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
            if kind == "P":  # read on a log scale, where p near 0 is spread as it is read
                bands = np.maximum(bands, P_FLOOR)
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
                    ax.set_yscale("log")
                    ax.set_ylim(P_FLOOR, 1)
                    ax.set_yticks(P_TICKS)
                    ax.set_yticklabels(["%g" % t for t in P_TICKS])
                    ax.minorticks_off()
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
                        "5th and 95th, circle at the mean, all weighted by area; p on a log scale, "
                        "p below %g drawn at %g; Global holds every pixel, also those outside the four "
                        "ecosystems (from ECOSYSTEMS).%s" % (P_FLOOR, P_FLOOR, settings_note(*[s for _, s in kinds])))

    def figure_r_maps(self, number, stack, layers, what):
        """Maps of r per season (rows) of ``layers`` [(depth index in R, or None for the root
        zone's R_ROOT_ZONE; label)] (columns; one layer: the seasons two by two)."""
        plt = _pyplot()
        grid = stack.grid
        labels = [self.layout.root_zone_labels[s] if d is None else self.layout.correlation_labels[4 * s + d]
                  for s in range(4) for d, _ in layers]
        r = stack.read(0, grid.height, stack.bands(labels))
        cols = 2
        rows = len(labels) // cols
        width = 12.5
        map_height = 0.86 * width / cols * grid.height / grid.width
        fig, axes = plt.subplots(rows, cols, figsize=(width, 0.7 + rows * map_height), squeeze=False,
                                 constrained_layout=True)
        colours = scale([-1.0, 1.0], "signed", cmap=QGIS_DIVERGING)  # one scale for every map of r
        for k, ax in enumerate(axes.flat):
            s, depth = k // len(layers), layers[k % len(layers)][1]
            image = draw_map(ax, r[k], grid, colours, self.coast, "%s, %s" % (SEASONS[s], depth),
                             labels=(k >= len(labels) - cols, k % cols == 0))
        _colorbar(fig, image, axes.ravel().tolist(), "Pearson r", colours.extend, shrink=0.7)
        _no_value_legend(fig)
        names = " and ".join(depth for _, depth in layers)
        source = "R_ROOT_ZONE" if layers[0][0] is None else "R"
        root = (" (the sum of the %s and %s layers)" % tuple(self.layout.depths[d] for d in ROOT_ZONE_LAYERS)
                if layers[0][0] is None else "")
        return self.add(fig, "Fig. %s. Correlation of seasonal soil moisture with GPP per pixel: %s (%s)"
                        % (number, what, names), "fig-%s" % number.lower(),
                        "Pearson r of each season's soil moisture of %s%s with the GPP of the same months, "
                        "from %s; blue: wetter soil, more GPP; red: the opposite (the colours of r's style "
                        "in QGIS, from -1 to 1 in every map of r).%s" % (names, root, source, settings_note(stack)))

    def figure_correlation_matrices(self):
        plt = _pyplot()
        depths = list(self.layout.depths) + [self.layout.root_zone]
        mean_r = correlation_matrices(self.correlation, "mean_r", depths)
        share = correlation_matrices(self.correlation, "percent_significant", depths)
        names = [g for g in GROUPS if g in mean_r]  # read_table admits no other ecosystem
        if all(np.isnan(mean_r[g][:, 4]).all() for g in names):  # a table without the root zone's rows
            depths = depths[:4]
            mean_r, share = ({g: m[:, :4] for g, m in matrices.items()} for matrices in (mean_r, share))
        # one row per ecosystem, mean r beside the share: wide enough that the numbers read at the page's width
        fig, axes = plt.subplots(len(names), 2, figsize=(8.6, 2.25 * len(names) + 0.4), squeeze=False,
                                 constrained_layout=True)
        colours_r = scale(np.concatenate([mean_r[g].ravel() for g in names]), "signed", cmap=QGIS_DIVERGING,
                          bound=1.0, q=100)
        colours_s = scale(np.concatenate([share[g].ravel() for g in names]), "share", q=100)
        short = [d.replace(" cm", "") + ("\n(root)" if d == self.layout.root_zone else "") for d in depths]
        for i, name in enumerate(names):
            title = "Global (every pixel)" if name == "Global" else name
            image_r = heatmap(axes[i, 0], mean_r[name], colours_r, "%s: mean r" % title, lambda v: fmt_fixed(v, 2),
                              columns=short)
            image_s = heatmap(axes[i, 1], share[name], colours_s, "%s: %% significant" % title, fmt_percent,
                              columns=short)
        rule = significance_rule(self.correlation)
        _colorbar(fig, image_r, axes[:, 0].tolist(), "mean r", colours_r.extend, shrink=0.5)
        _colorbar(fig, image_s, axes[:, 1].tolist(), "%% of area significant\n(%s)" % (rule or "no FDR"),
                  colours_s.extend, shrink=0.5)
        if rule is None:  # a table of an older TSMV: p < ALPHA, each pixel alone
            rule = "p < the correlation's ALPHA"
        alone = "" if rule.startswith("BH") else (
            ", each pixel tested alone: no false discovery rate correction")
        return self.add(fig, "Fig. S3. Mean r and share of significant area by ecosystem", "fig-s3",
                        "From the CORRELATION_TABLE, one row per ecosystem: left, the area-weighted mean r "
                        "of each season (rows) and depth (columns, cm%s); right, the percent of the area "
                        "where the correlation "
                        "is significant (%s%s). Global holds every pixel with a value, also those "
                        "outside the four ecosystems."
                        % (", and the root zone" if len(depths) == 5 else "", rule, alone))
