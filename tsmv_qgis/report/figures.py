"""matplotlib for the report: the backend (and why it cannot draw), colour scales with NaN in
grey, the figures kept as embedded PNGs, season x depth heatmaps, colour bars, and Fig. 1a."""
import base64
import html
import io
import struct
from collections import namedtuple

import numpy as np

from ..io.style import RAMPS
from ..labels import SEASONS
from ..progress import as_progress
from .formatting import fmt_p, fmt_sig
from .statistics import year_runs

#: The grey of a cell without a value (sea, or a pixel the analysis dropped): never a colour of
#: the scales, and far from the near-white of 0 on a diverging scale.
NAN_GREY = "#b4b4b4"
DPI = 100


def _pyplot():
    import matplotlib
    matplotlib.use("Agg")
    import matplotlib.pyplot as plt
    return plt


def matplotlib_problem():
    """Why matplotlib cannot draw here (QGIS's macOS build may lack it), or None."""
    try:
        _pyplot()
    except Exception as e:  # not only ImportError: a broken build fails in other ways
        return "%s: %s" % (type(e).__name__, e)
    return None


#: The ramp of the QGIS style of signed values (Sen slopes, r: :func:`tsmv_qgis.io.style.diverging`),
#: so that the report draws a quantity in the colours QGIS gives its layer: red low, blue high.
QGIS_DIVERGING = "qgis:diverging"


def colormap(name):
    """The matplotlib colormap ``name`` with NaN drawn in NAN_GREY; ``qgis:<ramp>`` is the ramp
    of TSMV's QGIS styles (:data:`tsmv_qgis.io.style.RAMPS`), stops evenly spaced as there."""
    import matplotlib
    if name.startswith("qgis:"):
        from matplotlib.colors import LinearSegmentedColormap
        cmap = LinearSegmentedColormap.from_list(name, RAMPS[name[5:]])
    else:
        try:
            cmap = matplotlib.colormaps[name]
        except AttributeError:  # matplotlib < 3.5
            cmap = matplotlib.cm.get_cmap(name)
    cmap = cmap.copy()
    cmap.set_bad(NAN_GREY)
    return cmap


Scale = namedtuple("Scale", "cmap norm extend")


def scale(values, kind="auto", centre=0.0, cmap=None, q=98.0, bound=None):
    """The colours of ``values``: ``kind`` "signed" is diverging, centred at ``centre`` and
    symmetric to the ``q``-th percentile of the distance from it (at most ``bound``); "share"
    is sequential from 0 to the ``q``-th percentile; "auto" is "share" unless a value (the 1st
    percentile) is below 0."""
    from matplotlib import colors
    v = np.asarray(values, np.float64)
    v = v[np.isfinite(v)]
    if kind == "auto":
        kind = "signed" if v.size and np.percentile(v, 1) < 0 else "share"
    if kind == "signed":
        half = float(np.percentile(np.abs(v - centre), q)) if v.size else 1.0
        half = min(half, bound) if bound else half
        half = half if half > 0 else 1.0
        beyond = v.size and np.abs(v - centre).max() > half * (1 + 1e-9)
        return Scale(colormap(cmap or "RdBu_r"), colors.Normalize(centre - half, centre + half),
                     "both" if beyond else "neither")
    top = float(np.percentile(v, q)) if v.size else 1.0
    top = top if top > 0 else (float(v.max()) if v.size and v.max() > 0 else 1.0)
    over, under = v.size and v.max() > top * (1 + 1e-9), v.size and v.min() < 0
    return Scale(colormap(cmap or "YlGnBu"), colors.Normalize(0.0, top),
                 {(True, True): "both", (True, False): "max", (False, True): "min"}.get((over, under), "neither"))


class Figures:
    """Figures made in order, each kept as (title, PNG base64); ``progress`` hears of each.

    The title is printed once, in the page's caption: figures carry panel titles only."""

    def __init__(self, progress=None, expected=1):
        self.items = []
        self.progress = as_progress(progress)
        self.expected = max(expected, 1)

    def add(self, fig, title, key, explain=""):
        """The figure as an HTML ``<figure>`` (``key`` its id), recorded under ``title``."""
        plt = _pyplot()
        buffer = io.BytesIO()
        fig.savefig(buffer, format="png", dpi=DPI, bbox_inches="tight", pad_inches=0.08)
        plt.close(fig)
        png = buffer.getvalue()
        width, height = struct.unpack(">II", png[16:24])
        self.items.append((title, png))
        self.progress.set(len(self.items) / self.expected)  # also where a cancel is seen
        return ('<figure id="%s"><figcaption>%s</figcaption><img alt="%s" width="%d" height="%d" '
                'src="data:image/png;base64,%s">%s</figure>'
                % (key, html.escape(title), html.escape(title), width, height,
                   base64.b64encode(png).decode("ascii"),
                   '<p class="explain">%s</p>' % explain if explain else ""))


def _text_colour(rgba):
    r, g, b = rgba[:3]
    return "black" if 0.299 * r + 0.587 * g + 0.114 * b > 0.55 else "white"


def heatmap(ax, matrix, colours, title, fmt, columns, rows=SEASONS, marks=None, labels=(True, True)):
    """A season x depth matrix (``columns``: the depths), each cell annotated; NaN grey with a dash.  ``marks``: a
    boolean matrix of cells to star (significant)."""
    image = ax.imshow(np.ma.masked_invalid(matrix), cmap=colours.cmap, norm=colours.norm,
                      interpolation="nearest", aspect="auto")
    ax.set_xticks(range(len(columns)))
    ax.set_xticklabels(columns if labels[0] else [], fontsize=8)
    ax.set_yticks(range(len(rows)))
    ax.set_yticklabels(rows if labels[1] else [], fontsize=8)
    ax.tick_params(length=0)
    ax.set_title(title, fontsize=9)
    for i in range(matrix.shape[0]):
        for j in range(matrix.shape[1]):
            value = matrix[i, j]
            text = fmt(value) + ("*" if marks is not None and marks[i, j] and np.isfinite(value) else "")
            colour = "black" if not np.isfinite(value) else _text_colour(colours.cmap(colours.norm(value)))
            ax.text(j, i, text, ha="center", va="center", fontsize=8, color=colour)
    return image


def _colorbar(fig, image, axes, label, extend="neither", **kw):
    bar = fig.colorbar(image, ax=axes, extend=extend, shrink=kw.pop("shrink", 0.9), **kw)
    bar.set_label(label, fontsize=8)
    bar.ax.tick_params(labelsize=7)
    return bar


def fig_tsm(ax, years, means, lines, versions):
    """Fig. 1a: ``lines`` = [(start, end, slope, p, intercept, (lower, upper))], ``versions`` =
    {year: '2.0'}.  The interval is drawn as the lines of its two slopes through the Sen line at
    the middle of the period."""
    ax.plot(years, means, "o-", ms=3, color="#225ea8", lw=1.2, label="Global mean TSM (area-weighted)")
    for colour, (start, end, slope, p, intercept, (lower, upper)) in zip(("#d95f02", "#7570b3", "#1b9e77"), lines):
        t = np.arange(start, end + 1)
        interval = ""
        if np.isfinite([lower, upper]).all():
            pivot = (start + end) / 2
            at_pivot = intercept + slope * (pivot - start)
            ax.fill_between(t, at_pivot + lower * (t - pivot), at_pivot + upper * (t - pivot), color=colour,
                            alpha=0.15, lw=0)
            interval = ", 95%% interval %s to %s" % (fmt_sig(lower, 3), fmt_sig(upper, 3))
        ax.plot(t, intercept + slope * (t - start), "--", lw=2, color=colour,
                label="Sen trend %d-%d: %s kg m-2 per year%s (MK p %s)"
                % (start, end, fmt_sig(slope, 3), interval, fmt_p(p) if fmt_p(p).startswith("<") else "= " + fmt_p(p)))
    runs = year_runs(years, versions)
    if any(v for v, _, _ in runs):
        for i, (v, first, last) in enumerate(runs):
            if not v:
                continue
            ax.axvspan(first - 0.5, last + 0.5, color=("#f0f0f0", "#fff7e6")[i % 2], zorder=0, lw=0)
            ax.text((first + last) / 2, 1.01, "GLDAS V" + " + V".join(v.split()), transform=ax.get_xaxis_transform(),
                    ha="center", va="bottom", fontsize=8, color="#555555")
    ax.set_xlabel("Year")
    ax.set_ylabel("Total soil moisture (kg m-2)")
    ax.legend(fontsize=8, loc="upper center", bbox_to_anchor=(0.5, -0.16), frameon=False)
