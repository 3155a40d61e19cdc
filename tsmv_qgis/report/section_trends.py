"""The report's section 3.1 (trends of soil moisture): Fig. 1a-d, the maps of the Sen slope
(Fig. S1) and Table 1."""
import html

import numpy as np

from ..io.coverage import coverage_text, join_versions
from ..labels import SEASONS
from .figures import QGIS_DIVERGING, _colorbar, _pyplot, fig_tsm, heatmap, scale
from .formatting import DASH, fmt_count, fmt_p, fmt_percent, fmt_sig, html_table
from .inputs import _period, period_of
from .maps import _no_value_legend, draw_map
from .statistics import (_mean, area_means, change_point_shares, detrended_iav, seasonal_global_means, seasonal_trends,
                         sen_interval_of_series, sen_of_series)


class TrendsSection:
    """Section 3.1 of :class:`~.page.Report` (a mixin: it reads the report's inputs)."""

    def global_tsm(self):
        if not hasattr(self, "_tsm"):
            counts, means = area_means(self.annual, progress=self.progress, common=True)
            years = np.array(self.annual.keys)
            order = np.argsort(years)
            self._tsm = years[order], means[order]
            self.tsm_pixels = int(counts[0]) if counts.size else 0  # the same pixels in every year
        return self._tsm

    def tsm_lines(self):
        """[(start, end, slope, p, intercept, (lower, upper))] of the global mean TSM over each
        trend period: the Sen line, its Mann-Kendall p and its 95% interval (Gilbert 1987)."""
        years, means = self.global_tsm()
        lines = []
        for stack in self.trends:
            start, end = period_of(stack)
            slope, p, intercept = sen_of_series(years, means, start, end)
            lines.append((start, end, slope, p, intercept, sen_interval_of_series(years, means, start, end)))
        return lines

    def section_trends(self):
        plt = _pyplot()
        parts = []
        years, means = self.global_tsm()
        fig, ax = plt.subplots(figsize=(8.4, 3.8))
        fig_tsm(ax, years, means, self.tsm_lines(), self.annual_versions)
        figure = self.add(fig, "Fig. 1a. Global mean annual total soil moisture and the Sen trend of each period",
                          "fig-1a", "The area-weighted mean of the ANNUAL_TSM, year by year, over the pixels "
                          "with a value in every year of it (%s pixels), so that a pixel missing in some "
                          "years does not move the others' means; dashed: the Sen line of that mean over "
                          "each trend period, with the Mann-Kendall p of the mean series; shaded: the lines "
                          "of the 95%% interval of its slope (Gilbert 1987) through the Sen line at the "
                          "middle of the period (Table 1)."
                          % fmt_count(self.tsm_pixels))
        parts.append('<div class="beside">%s<aside>%s</aside></div>' % (figure, self.beside_1a()))
        if self.seasonal:
            parts += self.figures_1bcd()
        if self.trends:
            parts.append(self.figure_slope_maps())
        parts.append(self.table_trends())
        return "\n".join(parts)

    def beside_1a(self):
        notes = []
        known = join_versions(self.annual_versions.values())
        if known:
            notes.append("<p><b>GLDAS versions</b>: %s. V2.0 and V2.1 differ in forcing and model "
                         "version; Li et al. (2025) split the record at 2000 for this reason.</p>"
                         % html.escape(self.version_runs()))
        else:
            notes.append("<p><b>GLDAS versions</b>: not recorded in the ANNUAL_TSM (an output of an "
                         "older TSMV).</p>")
        for warning in self.version_warnings():
            notes.append('<p class="warning">Warning: %s</p>' % html.escape(warning))
        notes.append(self.change_points())
        for stack in self.trends:
            cov = self.coverage_of(stack, "slope")
            notes.append("<p><b>Trend %s</b>: %s.</p>" % (_period(stack), html.escape(coverage_text(cov))))
        return "\n".join(notes)

    def change_points(self):
        """Beside Fig. 1a: where Pettitt's test puts each pixel's change point of the annual TSM
        over the whole record (as tsmv:changepoint), and the share after 1999, the last GLDAS
        V2.0 year."""
        shares = change_point_shares(self.annual, self.alpha(), self.progress)
        if shares is None or not shares.valid:
            return ""
        first, last = shares.years[0], shares.years[-1]
        significant = shares.percent(shares.weight.sum())
        text = ("<p><b>Change points</b> (Pettitt 1979, p &lt; %g, as 'Find change points' tests "
                "them) of each pixel's annual TSM over %d-%d: %s%% of the land area (%s pixels tested) "
                "has one." % (self.alpha(), first, last, fmt_percent(significant), fmt_count(shares.valid)))
        if first <= 1999 < last:
            splice = shares.percent(shares.weight[shares.years.index(1999)])
            text += (" After 1999, the last GLDAS V2.0 year: %s%% of the land area (%s%% of those with a "
                     "change point). A cluster there points to the product change rather than to the "
                     "soil." % (fmt_percent(splice), fmt_percent(100.0 * splice / significant if significant else np.nan)))
        order = np.argsort(-shares.weight[:-1], kind="stable")[:3]
        common = ["after %d: %s%%" % (shares.years[i], fmt_percent(shares.percent(shares.weight[i])))
                  for i in order if shares.count[i]]
        if common:
            text += " Most common: %s." % "; ".join(common)
        return text + "</p>"

    def figures_1bcd(self):
        plt = _pyplot()
        parts = []
        years, means = seasonal_global_means(self.seasonal, self.progress)
        first, last = years[0], years[-1]
        table = np.array([[_mean(means[:, s, d]) for d in range(4)] for s in range(4)])
        fig, ax = plt.subplots(figsize=(7.5, 3.6))
        width = 0.2
        colours = ("#2166ac", "#67a9cf", "#ef8a62", "#b2182b")
        for s in range(4):
            ax.bar(np.arange(4) + (s - 1.5) * width, table[s], width, label=SEASONS[s], color=colours[s])
        ax.set_xticks(np.arange(4))
        ax.set_xticklabels(self.layout.depths)
        ax.set_xlabel("Depth")
        ax.set_ylabel("Mean soil moisture (kg m-2)")
        ax.legend(title="Season", fontsize=8)
        parts.append(self.add(fig, "Fig. 1b. Seasonal mean soil moisture by depth, %d-%d" % (first, last),
                              "fig-1b", "The mean over the years of the area-weighted global mean of each "
                              "season's soil moisture (SEASONAL_*), kg m-2; H-S is the wettest season."))
        periods = self.periods or [(first, last)]
        slope, p = seasonal_trends(years, means, periods)
        alpha = self.alpha()
        fig, axes = plt.subplots(1, len(periods), figsize=(3.9 * len(periods) + 1.2, 2.9), squeeze=False,
                                 constrained_layout=True)
        colours = scale(slope, "signed", cmap=QGIS_DIVERGING, q=100)
        for i, (period, ax) in enumerate(zip(periods, axes[0])):
            image = heatmap(ax, slope[i], colours, "%d-%d" % period, lambda v: fmt_sig(v, 2), self.layout.depths,
                            marks=p[i] < alpha, labels=(True, i == 0))
        _colorbar(fig, image, axes[0].tolist(), "Sen slope (kg m-2 per year)", colours.extend)
        parts.append(self.add(fig, "Fig. 1c. Sen trend of the global mean seasonal soil moisture by season "
                                   "and depth", "fig-1c",
                              "For each season and depth, the Sen slope of the area-weighted global mean "
                              "series over the period (kg m-2 per year); * the Mann-Kendall test of that "
                              "series is significant (p < %g). Red: drying, blue: wetting (the colours of the "
                              "TREND's style in QGIS)." % alpha))
        # the whole record first (the paper's Fig. 1d, 1948-2024), then each period as an extra
        views = [(first, last)] + [period for period in periods if period != (first, last)]
        iav = detrended_iav(self.seasonal, views, self.progress)
        fig, axes = plt.subplots(1, len(views), figsize=(3.9 * len(views) + 1.2, 2.9), squeeze=False,
                                 constrained_layout=True)
        colours = scale(iav.relative, "share", cmap="YlOrBr", q=100)
        for i, (period, ax) in enumerate(zip(views, axes[0])):
            image = heatmap(ax, iav.relative[i], colours, "%d-%d%s (%s pixels)"
                            % (period + (", whole record" if i == 0 and len(views) > 1 else "",
                                         fmt_count(iav.pixels[i]))),
                            lambda v: fmt_sig(v, 2), self.layout.depths, labels=(True, i == 0))
        _colorbar(fig, image, axes[0].tolist(), "Detrended IAV (% of mean storage)", colours.extend)
        parts.append(self.add(fig, "Fig. 1d. Interannual variability relative to storage by season and depth, "
                                   "%d-%d" % (first, last), "fig-1d",
                              "For each season and depth, the standard deviation of the residuals of the "
                              "least-squares line of each pixel's series (the detrended interannual "
                              "variability), divided by the mean soil moisture of that season and layer, in "
                              "percent: both area-weighted means over the pixels whose 16 series are "
                              "complete in the period. First panel: the whole record of the SEASONAL_* "
                              "stacks%s." % ("; the others: each analysis period" if len(views) > 1 else "")))
        return parts

    def alpha(self):
        for stack in self.trends:
            try:
                return float(stack.metadata.get("ALPHA", 0.05))
            except ValueError:
                pass
        return 0.05

    def read_band(self, stack, label):
        return stack.read(0, stack.grid.height, stack.bands([label]))[0]

    def figure_slope_maps(self):
        plt = _pyplot()
        arrays = [self.read_band(stack, "slope") for stack in self.trends]
        n = len(arrays)
        cols = min(n, 2)
        rows = (n + cols - 1) // cols
        fig, axes = plt.subplots(rows, cols, figsize=(6.6 * cols, 3.3 * rows + 0.4), squeeze=False,
                                 constrained_layout=True)
        colours = scale(np.concatenate([a.ravel() for a in arrays]), "signed", cmap=QGIS_DIVERGING)
        units = self.trends[0].metadata_units() or "kg m-2 per year"
        for i, (stack, array) in enumerate(zip(self.trends, arrays)):
            image = draw_map(axes.flat[i], array, stack.grid, colours, self.coast, "Sen slope %s" % _period(stack))
        for ax in axes.flat[n:]:
            ax.set_visible(False)
        _colorbar(fig, image, axes.ravel().tolist(), units, colours.extend, shrink=0.8)
        _no_value_legend(fig)
        return self.add(fig, "Fig. S1. Sen slope of total soil moisture per pixel", "fig-s1",
                        "The slope band of each TREND (%s); red: drying, blue: wetting, as QGIS styles "
                        "it. The colour scale is shared and ends at the 98th percentile of the absolute "
                        "slopes." % html.escape(units))

    def table_trends(self):
        """Table 1: the section 3.1 numbers of each period (rows: quantities; columns: periods)."""
        if not self.summaries and not self.trends:
            return ""
        columns = []
        found = self.tsm_lines() if self.trends else []
        lines = {(s, e): (slope, p) for s, e, slope, p, _, _ in found}
        intervals = {(s, e): interval for s, e, _, _, _, interval in found}
        for rows in self.summaries:
            row = rows[0]
            columns.append(((int(row["start_year"]), int(row["end_year"])), row))
        for period in lines:
            if not any(c[0] == period for c in columns):
                columns.append((period, None))
        if not columns:
            return ""
        threshold = next(("%g" % float(r["threshold"]) for _, r in columns if r), "2")
        spec = [("Pixels with a trend", "pixels", fmt_count),
                ("Mean Sen slope, area-weighted (kg m-2 per year)", "mean_slope", lambda v: fmt_sig(v, 3)),
                ("Mean Sen slope, unweighted (kg m-2 per year)", "mean_slope_unweighted", lambda v: fmt_sig(v, 3)),
                ("Sen slope of the global mean TSM (kg m-2 per year)", "series_slope", lambda v: fmt_sig(v, 3)),
                ("95% interval of that slope (Gilbert 1987; kg m-2 per year)", "series_interval",
                 lambda v: "%s to %s" % (fmt_sig(v[0], 3), fmt_sig(v[1], 3))),
                ("Mann-Kendall p of the global mean TSM", "series_p", fmt_p),
                ("Area decreasing (%)", "percent_decreasing", fmt_percent),
                ("Area increasing (%)", "percent_increasing", fmt_percent),
                ("Area significantly decreasing (%)", "percent_significant_decreasing", fmt_percent),
                ("Area significantly increasing (%)", "percent_significant_increasing", fmt_percent),
                ("Area decreasing faster than %s kg m-2 per year (%%)" % threshold,
                 "percent_decreasing_faster_than_threshold", fmt_percent),
                ("Area increasing faster than %s kg m-2 per year (%%)" % threshold,
                 "percent_increasing_faster_than_threshold", fmt_percent),
                ("Mann-Kendall method", "method", str), ("Significance level", "alpha", lambda v: "%g" % float(v)),
                ("False discovery rate control", "fdr", lambda v: "Benjamini-Hochberg" if str(v) == "True" else "none")]
        out = []
        for label, key, fmt in spec:
            row = {"quantity": label}
            for period, summary in columns:
                if key == "series_interval":
                    value = intervals.get(period, (np.nan, np.nan))
                    value = value if np.isfinite(value).all() else np.nan
                elif key.startswith("series_"):
                    value = lines.get(period, (np.nan, np.nan))[key == "series_p"]
                else:
                    value = summary.get(key, "") if summary else np.nan
                row["%d-%d" % period] = fmt(value) if str(value) not in ("", "nan") else DASH
            out.append(row)
        return html_table("Trend of total soil moisture by period (§3.1)", out, "Table 1")
