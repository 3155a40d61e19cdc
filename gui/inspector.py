"""The pixel inspector: a map tool and a dock that show the series of a TSMV chain at a clicked cell.

Clicked on the map, the tool takes the active layer when it is a TSMV raster, else the topmost
TSMV raster of the layer tree (one whose extent holds the point first), and reads in a QgsTask
what :func:`tsmv_qgis.report.inspect.pixel_series` finds around it (the rasters its run and its
inputs' runs recorded, the layers loaded in the project, the files beside it).  The dock plots
the annual TSM with the Sen line of each period and its interval, the seasonal soil moisture
of each layer, the 32 contributions with ω, and GPP by season with r; it says what it cannot
show and why, and exports the series shown as CSV (series, x, value).  The finding and reading
are the core's; this module only asks, draws and writes.
"""
import csv
import glob
import os

import numpy as np
from qgis.core import (QgsApplication, QgsCoordinateTransform, QgsPointXY, QgsProcessingUtils, QgsProject,
                       QgsRasterLayer, QgsTask)
from qgis.gui import QgsMapTool
from qgis.PyQt.QtCore import QObject, Qt, pyqtSignal
from qgis.PyQt.QtGui import QIcon
from qgis.PyQt.QtWidgets import (QAction, QDockWidget, QFileDialog, QHBoxLayout, QLabel, QPushButton,
                                 QSizePolicy, QVBoxLayout, QWidget)

from ..tsmv_qgis.io.lineage import RUN
from ..tsmv_qgis.io.raster import file_metadata
from ..tsmv_qgis.labels import SEASONS
from ..tsmv_qgis.report.inspect import pixel_series

ICON = os.path.join(os.path.dirname(os.path.dirname(os.path.abspath(__file__))), "icons", "inspect.svg")
#: How many rasters of Processing's temporary folder are looked at, at most.
MAX_TEMPORARY = 2000
#: The CSV's columns: one row per point of each series shown.
CSV_HEADER = ("series", "x", "value")
#: Fonts for the plots' words, the first that has a glyph drawing it (matplotlib 3.6 and later):
#: matplotlib's own, then CJK fonts for the Chinese interface.
FONTS = ("DejaVu Sans", "WenQuanYi Micro Hei", "Noto Sans CJK SC", "Source Han Sans SC", "Microsoft YaHei",
         "SimHei", "PingFang SC")


def plot_fonts():
    """The :data:`FONTS` that are installed (naming the others would warn)."""
    from matplotlib import font_manager
    installed = {font.name for font in font_manager.fontManager.ttflist}
    return [f for f in FONTS if f in installed] or ["DejaVu Sans"]


def figure_canvas(figure):
    """matplotlib's Qt canvas for ``figure`` (backend_qtagg follows the Qt that QGIS runs:
    Qt5 in QGIS 3, Qt6 in QGIS 4; matplotlib before 3.5 has only backend_qt5agg)."""
    try:
        from matplotlib.backends.backend_qtagg import FigureCanvasQTAgg
    except ImportError:
        from matplotlib.backends.backend_qt5agg import FigureCanvasQTAgg
    return FigureCanvasQTAgg(figure)


def is_tsmv(layer):
    """Whether ``layer`` is a raster file that records a TSMV run."""
    return (isinstance(layer, QgsRasterLayer) and layer.providerType() == "gdal"
            and bool(file_metadata(layer.source()).get(RUN)))


def candidates(project):
    """Where the chain is looked for besides the clicked file's own folder and the rasters its
    runs recorded: the raster layers loaded in ``project``, and the rasters Processing wrote to
    its temporary folder (a model's steps that are not loaded: <temp folder>/<id>/<name>.tif)."""
    loaded = [layer.source() for layer in project.mapLayers().values()
              if isinstance(layer, QgsRasterLayer) and layer.providerType() == "gdal"]
    temporary = sorted(glob.glob(os.path.join(glob.escape(QgsProcessingUtils.tempFolder()), "*", "*.tif")))
    return loaded + temporary[:MAX_TEMPORARY]


def inspect_in_task(task, path, lon, lat, candidates):
    """The work of the task (in its thread): the core's reading of the pixel."""
    return pixel_series(path, lon, lat, candidates)


class InspectTool(QgsMapTool):
    """The map tool: a click hands its map point to the inspector."""

    def __init__(self, canvas, inspector):
        super().__init__(canvas)
        self.inspector = inspector
        self.setCursor(Qt.CursorShape.CrossCursor)

    def canvasReleaseEvent(self, event):  # noqa: N802 (QGIS's name)
        self.inspector.inspect(event.mapPoint())


class InspectorDock(QDockWidget):
    """The dock: what was found at the pixel, four plots, and the CSV export."""

    #: Emitted when the series of a click are shown (or what could not be).
    shown = pyqtSignal()

    def __init__(self, parent=None):
        super().__init__(parent)
        self.setObjectName("TsmvPixelInspector")
        self.setWindowTitle(self.tr("TSMV pixel inspector"))
        self.series = None
        self.rows = []
        body = QWidget(self)
        layout = QVBoxLayout(body)
        self.title = QLabel(self.tr("Click the map with the TSMV pixel inspector."), body)
        self.title.setWordWrap(True)
        self.message = QLabel("", body)
        self.message.setWordWrap(True)
        self.message.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        from matplotlib.figure import Figure
        self.figure = Figure(figsize=(7.5, 8.0), tight_layout=True)
        self.canvas = figure_canvas(self.figure)
        self.canvas.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        self.canvas.setMinimumSize(420, 460)
        buttons = QHBoxLayout()
        self.export_button = QPushButton(self.tr("Export the series as CSV…"), body)
        self.export_button.setEnabled(False)
        self.export_button.clicked.connect(self.ask_export)
        buttons.addStretch(1)
        buttons.addWidget(self.export_button)
        for widget in (self.title, self.message, self.canvas):
            layout.addWidget(widget)
        layout.addLayout(buttons)
        self.setWidget(body)

    # ------------------------------------------------------------ words
    def reason(self, key):
        return {"not_tsmv": self.tr("not a TSMV layer: it records no TSMV run"),
                "unreadable": self.tr("the file cannot be read"),
                "outside": self.tr("the point is outside the data"),
                "no_data": self.tr("no data at this pixel"),
                "not_found": self.tr("not found: load it in the project, or keep it beside the clicked "
                                     "layer or where its run wrote it")}.get(key, key)

    def part(self, key):
        names = {"layer": self.tr("Clicked layer"), "annual": self.tr("Annual TSM"),
                 "trend": self.tr("Sen line (tsmv:trend)"), "seasonal": self.tr("Seasonal soil moisture"),
                 "contributions": self.tr("Contributions (tsmv:attribution)"), "omega": "ω",
                 "gpp": self.tr("GPP by season (tsmv:gpp)"), "codes": self.tr("Season codes"),
                 "r": self.tr("r (tsmv:correlation)")}
        if key.startswith("seasonal_"):
            return self.tr("Seasonal soil moisture") + " " + key[len("seasonal_"):].replace("_", "-") + " cm"
        return names.get(key, key)

    # ------------------------------------------------------------ showing
    def show_text(self, title, message=""):
        """Only words: no series (no layer, a failed read)."""
        self.series, self.rows = None, []
        self.title.setText(title)
        self.message.setText(message)
        self.figure.clear()
        self.canvas.draw_idle()
        self.export_button.setEnabled(False)
        self.shown.emit()

    def show_no_layer(self):
        self.show_text(self.tr("No raster layer to inspect: load a TSMV raster (e.g. a trend map)."))

    def show_reading(self, layer_name):
        self.title.setText(self.tr("Reading {LAYER}…").format(LAYER=layer_name))

    def show_failure(self, layer_name, exception):
        self.show_text(self.tr("{LAYER}: the pixel could not be read").format(LAYER=layer_name),
                       str(exception or ""))

    def show_series(self, series, layer_name):
        """Show what :func:`pixel_series` found for the layer named ``layer_name``."""
        self.series, self.rows = series, series.rows()
        at = {"LAYER": layer_name, "LON": "%.4f" % series.lon, "LAT": "%.4f" % series.lat}
        if series.row is None:
            self.title.setText(self.tr("{LAYER} at {LON}, {LAT}").format(**at))
        else:
            self.title.setText(self.tr("{LAYER} at {LON}, {LAT} (row {ROW}, column {COLUMN})").format(
                ROW=series.row + 1, COLUMN=series.col + 1, **at))
        self.message.setText("\n".join("%s: %s%s" % (self.part(part), self.reason(reason),
                                                     "" if reason in ("not_found",) or not detail else
                                                     " (%s)" % os.path.basename(detail))
                                       for part, reason, detail in series.missing))
        self.draw(series)
        self.export_button.setEnabled(bool(self.rows))
        self.shown.emit()

    def draw(self, series):
        from matplotlib.text import Text
        self.figure.clear()
        axes = self.figure.subplots(2, 2).ravel()
        self.draw_trend(axes[0], series)
        self.draw_seasonal(axes[1], series)
        self.draw_contributions(axes[2], series)
        self.draw_gpp(axes[3], series)
        from matplotlib.ticker import MaxNLocator
        for ax in (axes[0], axes[1], axes[3]):  # years: whole numbers
            ax.xaxis.set_major_locator(MaxNLocator(integer=True))
        fonts = plot_fonts()
        for text in self.figure.findobj(Text):
            text.set_fontfamily(fonts)
        self.canvas.draw_idle()

    def empty(self, ax, title):
        ax.set_title(title, fontsize=9)
        ax.text(0.5, 0.5, self.tr("nothing to show"), ha="center", va="center", transform=ax.transAxes,
                color="0.5", fontsize=8)
        ax.set_xticks([])
        ax.set_yticks([])

    def draw_trend(self, ax, series):
        title = self.tr("Annual TSM, Sen lines")
        if series.annual is None and not series.trends:
            return self.empty(ax, title)
        ax.set_title(title, fontsize=9)
        if series.annual is not None:
            ax.plot(*series.annual, "o-", color="#225ea8", ms=3, lw=1, label=self.tr("annual TSM"))
        for trend, color in zip(series.trends, ("#b2182b", "#ef8a62", "#1b7837", "#762a83")):
            ax.plot(*trend.line(), color=color, lw=1.6,
                    label=self.tr("Sen line {START}-{END}: {SLOPE}/yr, p={P}").format(
                        START=trend.start, END=trend.end, SLOPE="%+.3g" % trend.slope, P="%.2g" % trend.p_value))
            if trend.lower is not None and trend.upper is not None and np.isfinite([trend.lower, trend.upper]).all():
                years, low = trend.line(trend.lower)
                ax.fill_between(years, low, trend.line(trend.upper)[1], color=color, alpha=0.15, lw=0)
        ax.set_ylabel(series.units.get("annual", ""), fontsize=8)
        ax.tick_params(labelsize=7)
        ax.legend(fontsize=5, framealpha=0.6)

    def draw_seasonal(self, ax, series):
        title = self.tr("Seasonal soil moisture")
        if not series.seasonal:
            return self.empty(ax, title)
        ax.set_title(title, fontsize=9)
        colors, styles = ("#a1d99b", "#41b6c4", "#1d91c0", "#0c2c84"), ("-", "--", "-.", ":")
        for (depth, table), color in zip(series.seasonal.items(), colors):
            ax.plot([], [], "-", color=color, lw=2, label=depth)  # the legend: depths by colour,
            for s, style in enumerate(styles):
                ax.plot(series.seasonal_years, table[:, s], style, color=color, lw=1)
        for season, style in zip(SEASONS, styles):  # seasons by line style
            ax.plot([], [], style, color="0.4", lw=1, label=season)
        ax.set_ylabel(series.units.get("seasonal", ""), fontsize=8)
        ax.tick_params(labelsize=7)
        ax.legend(fontsize=5, ncol=2, framealpha=0.6)

    def draw_contributions(self, ax, series):
        title = self.tr("Contributions {PERIOD} (%), ω").format(PERIOD=series.attribution_period)
        if series.contributions is None:
            return self.empty(ax, title)
        ax.set_title(title, fontsize=9)
        values = dict(zip(series.contribution_labels, series.contributions))
        groups = [label[len("Trend "):] for label in series.contribution_labels if label.startswith("Trend ")]
        x = np.arange(len(groups))
        for offset, dynamic, color in ((-0.2, "Trend", "#d6604d"), (0.2, "IAV", "#4393c3")):
            ax.bar(x + offset, [values.get("%s %s" % (dynamic, g), np.nan) for g in groups], 0.4,
                   color=color, label=dynamic)
        ax.set_xticks(x)
        ax.set_xticklabels([g.replace(" cm", "") for g in groups], rotation=90, fontsize=5)
        ax.tick_params(axis="y", labelsize=7)
        ax.legend(fontsize=5, loc="upper left", framealpha=0.6)
        if series.omega is not None:
            omega = dict(zip(series.omega_labels, series.omega))
            twin = ax.twinx()
            twin.plot(x, [omega.get(g, np.nan) for g in groups], "k.", ms=4)
            twin.set_ylabel("ω", fontsize=8)
            twin.tick_params(labelsize=7)

    def draw_gpp(self, ax, series):
        title = self.tr("GPP by season (r by depth)")
        if series.gpp is None and series.r is None:
            return self.empty(ax, title)
        ax.set_title(title, fontsize=9)
        r = dict(zip(series.r_labels, series.r)) if series.r is not None else {}
        for s, (season, color) in enumerate(zip(SEASONS, ("#b2182b", "#ef8a62", "#67a9cf", "#2166ac"))):
            found = [v for label, v in r.items() if label.startswith(season + " ")]
            label = season + (" r=" + "/".join("%.2f" % v for v in found) if found else "")
            if series.gpp is not None:
                ax.plot(series.gpp_years, series.gpp[:, s], "o-", color=color, ms=3, lw=1, label=label)
        ax.set_ylabel(series.units.get("gpp", ""), fontsize=8)
        ax.tick_params(labelsize=7)
        ax.legend(fontsize=5, framealpha=0.6)

    # ------------------------------------------------------------ CSV
    def export_csv(self, path):
        """Write the series shown to ``path``: one row per point (series, x, value)."""
        with open(path, "w", newline="", encoding="utf-8") as f:
            writer = csv.writer(f)
            writer.writerow(CSV_HEADER)
            writer.writerows((series, x, "" if not np.isfinite(value) else repr(value))
                             for series, x, value in self.rows)

    def ask_export(self):
        path, _ = QFileDialog.getSaveFileName(self, self.tr("Export the series as CSV"), "",
                                              self.tr("CSV files (*.csv)"))
        if path:
            self.export_csv(path if path.lower().endswith(".csv") else path + ".csv")


class Inspector(QObject):
    """The inspector in the QGIS window: its action (toolbar and Raster › TSMV menu), map tool,
    dock and the task that reads a click."""

    def __init__(self, iface):
        super().__init__()
        self.iface = iface
        self.action = self.tool = self.dock = self.task = None
        self.clicks = 0

    def add(self):
        self.action = QAction(QIcon(ICON), self.tr("Inspect a pixel"), self.iface.mainWindow())
        self.action.setObjectName("TsmvInspectPixel")
        self.action.setToolTip(self.tr("TSMV: click a TSMV raster to see the series of its chain at that pixel"))
        self.action.setCheckable(True)
        self.action.triggered.connect(self.activate)
        self.tool = InspectTool(self.iface.mapCanvas(), self)
        self.tool.setAction(self.action)
        self.iface.addToolBarIcon(self.action)
        self.iface.addPluginToRasterMenu("TSMV", self.action)

    def remove(self):
        if self.action is not None:
            self.iface.removePluginRasterMenu("TSMV", self.action)
            self.iface.removeToolBarIcon(self.action)
        canvas = self.iface.mapCanvas()
        if self.tool is not None and canvas.mapTool() is self.tool:
            canvas.unsetMapTool(self.tool)
        if self.dock is not None:
            self.iface.removeDockWidget(self.dock)
            self.dock.deleteLater()
        self.action = self.tool = self.dock = None

    def activate(self, checked=True):
        """The action checked: the map tool on and the dock shown; unchecked: the tool off."""
        canvas = self.iface.mapCanvas()
        if not checked:
            if canvas.mapTool() is self.tool:
                canvas.unsetMapTool(self.tool)
            return
        canvas.setMapTool(self.tool)
        self.show_dock()

    def show_dock(self):
        if self.dock is None:
            self.dock = InspectorDock(self.iface.mainWindow())
            self.iface.addDockWidget(Qt.DockWidgetArea.RightDockWidgetArea, self.dock)
        self.dock.show()
        self.dock.raise_()
        return self.dock

    def layer_at(self, point, crs):
        """The layer to inspect at ``point`` (in ``crs``): the active layer when it is a TSMV
        raster, else the topmost TSMV raster holding the point (the topmost TSMV raster when none
        does), else the active raster (which the dock then says is not TSMV's); or None."""
        active = self.iface.activeLayer()
        if is_tsmv(active):
            return active
        found = [layer for layer in QgsProject.instance().layerTreeRoot().layerOrder() if is_tsmv(layer)]
        holding = [layer for layer in found if layer.extent().contains(self.to_layer(point, crs, layer))]
        return (holding or found or [active if isinstance(active, QgsRasterLayer) else None])[0]

    @staticmethod
    def to_layer(point, crs, layer):
        if not crs.isValid() or not layer.crs().isValid() or crs == layer.crs():
            return QgsPointXY(point)
        return QgsCoordinateTransform(crs, layer.crs(), QgsProject.instance()).transform(QgsPointXY(point))

    def inspect(self, point, crs=None):
        """Read the pixel under ``point`` (map coordinates, in ``crs``; default the canvas's) in a
        task; the dock shows it when the task ends (``dock.shown``)."""
        canvas = self.iface.mapCanvas()
        crs = crs or canvas.mapSettings().destinationCrs()
        dock = self.show_dock()
        layer = self.layer_at(point, crs)
        if layer is None:
            dock.show_no_layer()
            return None
        at = self.to_layer(point, crs, layer)
        self.clicks += 1
        click, name = self.clicks, layer.name()
        dock.show_reading(name)

        def finished(exception, result=None):
            if click != self.clicks or self.dock is None:
                return  # a later click is being read
            if exception is not None or result is None:
                self.dock.show_failure(name, exception)
            else:
                self.dock.show_series(result, name)
        self.task = QgsTask.fromFunction(self.tr("TSMV: reading a pixel"), inspect_in_task, layer.source(),
                                         at.x(), at.y(), candidates(QgsProject.instance()),
                                         on_finished=finished)
        QgsApplication.taskManager().addTask(self.task)
        return self.task
