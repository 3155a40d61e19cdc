"""make screenshots: pictures of the real QGIS desktop with TSMV, taken under Xvfb.

    make screenshots              (or: python3 scripts/make_screenshots.py)

Starts the ``qgis`` binary twice (English, set in the profile's settings; then Simplified
Chinese, started with ``--lang zh-Hans`` as a user would) with a throwaway profile folder
(``--profiles-path``; the user's profile is untouched) in which this checkout is the plugin
``tsmv``, enabled in the profile's QGIS3.ini.  ``--code`` runs this same file inside QGIS
(the environment variable TSMV_SCREENSHOT_JOB tells it so); it drives the GUI with
QTimer.singleShot steps, grabs each window and quits.  PNGs go to docs/screenshots/:

* toolbox.png, toolbox_zh_CN.png - the Processing Toolbox, TSMV expanded (its groups in the
  workflow's order), docked beside the map, in English and in the Chinese desktop;
* dialog_trend_en.png, dialog_trend_zh_CN.png - the tsmv:trend dialog with its help panel,
  in English and in Chinese (needs a CJK font: ``fc-list :lang=zh``; setup.sh installs
  fonts-wqy-microhei);
* modeler_fullchain.png - models/fullchain.model3 in the Graphical Modeler, opened as the
  Toolbox's "Open in the Graphical Modeler" opens it (zoomed to fit);
* layers_after_chain.png - the main window after running tsmv:fullchain on small example
  data (the globe at 1.0 deg, 1990-2010; built once into build/screenshots/data);
* zonal.png - tsmv:zonal of the countries of QGIS's world map over the trend of period B, the
  GeoPackage it writes styled as a choropleth of the mean slope;
* inspector.png - the pixel inspector (Raster > TSMV > Inspect a pixel) docked beside the map,
  showing the cell of the steepest significant trend of period B of that chain (which it runs
  first when no earlier shot did).

Without DISPLAY it runs itself under ``xvfb-run`` (an 1800x1100 screen).  QGIS is stopped
after WATCHDOG_S seconds; the exit status is non-zero if any screenshot is missing.
"""
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
import traceback

SCREEN = "1800x1100x24"
WATCHDOG_S = 300
YEARS = (1990, 2010)  # trend wants 8 years or more in each period
EXTENT = (-180.0, -60.0, 180.0, 90.0)
#: One QGIS session per locale, and the shots taken in it.  Simplified Chinese is "zh-Hans"
#: for QGIS (what its Options dialog writes; it ships qgis_zh-Hans.qm): with "zh_CN" QGIS
#: finds no translation of its own and stays in English.
RUNS = [("en_US", ["dialog_trend_en.png", "modeler_fullchain.png", "layers_after_chain.png",
                   "toolbox.png", "inspector.png", "zonal.png"], "settings"),
        ("zh-Hans", ["dialog_trend_zh_CN.png", "toolbox_zh_CN.png"], "--lang")]


# ---------------------------------------------------------------- outside QGIS

def have_chinese_font():
    found = subprocess.run(["fc-list", ":lang=zh"], capture_output=True, text=True).stdout.strip()
    if not found:
        print("make_screenshots: NO CHINESE FONT (fc-list :lang=zh is empty), so the zh_CN shot "
              "would show empty boxes; it is skipped.  Install one: apt-get install fonts-wqy-microhei "
              "(make setup does).", file=sys.stderr)
    return bool(found)


def chain_inputs(root):
    """tsmv:fullchain's inputs: example GLDAS, land cover and GPP files from one example world
    (tsmv_example, as make demo makes them), built once into build/screenshots/data."""
    from tsmv_example import (VERSION, ExampleWorld, make_gldas_example, make_gosif_example,
                                   make_igbp_example)
    data = os.path.join(root, "build", "screenshots", "data")
    inputs = {"GLDAS": os.path.join(data, "gldas"), "LANDCOVER": os.path.join(data, "igbp.tif"),
              "GOSIF": os.path.join(data, "gosif"),
              "START_A": YEARS[0], "END_A": 1999, "START_B": 2000, "END_B": YEARS[1]}
    stamp, wanted = os.path.join(data, ".complete"), "screenshots v%d %s %s" % (VERSION, YEARS, EXTENT)
    if not (os.path.exists(stamp) and open(stamp).read() == wanted):
        print("make_screenshots: building example data in %s (about a minute, once)" % data, flush=True)
        shutil.rmtree(data, ignore_errors=True)
        make_gldas_example(inputs["GLDAS"], *YEARS, extent=EXTENT)
        world = ExampleWorld(EXTENT)
        make_igbp_example(inputs["LANDCOVER"], world)
        make_gosif_example(inputs["GOSIF"], world, 2000, YEARS[1], "monthly")
        with open(stamp, "w") as f:
            f.write(wanted)
    return inputs


def make_profile(folder, locale, how):
    """A QGIS profile folder 'default' under ``folder`` with TSMV enabled, in ``locale`` when
    ``how`` is "settings" (Settings > Options; with "--lang" the command line says it)."""
    profile = os.path.join(folder, "profiles", "default")
    os.makedirs(os.path.join(profile, "QGIS"))
    with open(os.path.join(profile, "QGIS", "QGIS3.ini"), "w") as f:
        f.write("[PythonPlugins]\ntsmv=true\n\n"
                + ("[locale]\nuserLocale=%s\noverrideFlag=true\n\n" % locale if how == "settings" else "")
                + "[qgis]\ncheckVersion=false\n")


def run_qgis(root, locale, how, shots, out_dir, inputs):
    """One QGIS session in ``locale`` (set as ``how`` says) taking ``shots``; returns its exit status."""
    import tsmv_package
    with tempfile.TemporaryDirectory(prefix="tsmv-shots-") as folder:
        make_profile(folder, locale, how)
        job = os.path.join(folder, "job.json")
        with open(job, "w") as f:
            json.dump({"root": root, "out_dir": out_dir, "shots": shots, "inputs": inputs}, f)
        # The plugin: this checkout as tsmv, from the folder the tests use too (numba's cache
        # is keyed by the source path, so a stable path compiles the kernels only once).
        env = dict(os.environ, TSMV_SCREENSHOT_JOB=job, QT_QPA_PLATFORM="xcb",
                   QGIS_PLUGINPATH=tsmv_package.add_to_path())
        command = ["qgis", "--profiles-path", folder, "--nologo", "--noversioncheck",
                   "--code", os.path.abspath(__file__)] + (["--lang", locale] if how == "--lang" else [])
        print("make_screenshots: QGIS (%s, %s) for %s" % (locale, how, ", ".join(shots)), flush=True)
        try:
            proc = subprocess.run(command, env=env, capture_output=True, text=True,
                                  timeout=WATCHDOG_S + 60)
        except subprocess.TimeoutExpired:
            print("make_screenshots: QGIS did not quit; killed", file=sys.stderr)
            return -1
        output = (proc.stdout + proc.stderr).splitlines()
        for line in output:
            if line.startswith("tsmv-shots: "):
                print("  " + line[len("tsmv-shots: "):])
        if "tsmv-shots: done" not in output:  # QGIS did not get to the end: show its last words
            print("\n".join("  | " + line for line in output[-30:]), file=sys.stderr)
        return proc.returncode


def main():
    if not shutil.which("qgis"):
        sys.exit("make_screenshots: no qgis on PATH (make setup installs QGIS)")
    if not os.environ.get("DISPLAY"):
        if not shutil.which("xvfb-run"):
            sys.exit("make_screenshots: no DISPLAY and no xvfb-run (apt-get install xvfb xauth)")
        os.execvp("xvfb-run", ["xvfb-run", "-a", "-s", "-screen 0 " + SCREEN,
                               sys.executable, os.path.abspath(__file__)] + sys.argv[1:])
    t0 = time.time()
    root = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
    sys.path[:0] = [root, os.path.join(root, "scripts")]  # tsmv_qgis, tsmv_package
    out_dir = os.path.join(root, "docs", "screenshots")
    os.makedirs(out_dir, exist_ok=True)
    inputs = chain_inputs(root)
    runs = [run for run in RUNS if run[0] == "en_US" or have_chinese_font()]
    wanted = [shot for _, shots, _ in RUNS for shot in shots]
    for shot in wanted:
        if os.path.exists(os.path.join(out_dir, shot)):
            os.remove(os.path.join(out_dir, shot))
    for locale, shots, how in runs:
        status = run_qgis(root, locale, how, shots, out_dir, inputs)
        if status != 0:
            print("make_screenshots: QGIS (%s) exited with status %s" % (locale, status), file=sys.stderr)
    missing = [s for s in wanted if not os.path.exists(os.path.join(out_dir, s))]
    for shot in wanted:
        if shot not in missing:
            print(os.path.join(out_dir, shot))
    print("make_screenshots: %.0f s" % (time.time() - t0), flush=True)
    if missing:
        sys.exit("make_screenshots: missing %s" % ", ".join(missing))


# ---------------------------------------------------------------- inside QGIS (--code)

def in_qgis(job):
    """Queue the steps that take ``job['shots']``, then quit QGIS."""
    import processing
    from processing.core.Processing import Processing
    from processing.gui.Postprocessing import handleAlgorithmResults
    from qgis.core import (QgsApplication, QgsProcessingFeedback, QgsProcessingOutputLayerDefinition,
                           QgsProject)
    from qgis.gui import QgsProcessingToolboxTreeView
    from qgis.PyQt.QtCore import Qt, QTimer
    from qgis.PyQt.QtWidgets import QAbstractItemView, QDockWidget, QSplitter
    from qgis.utils import iface

    window = iface.mainWindow()
    screen = QgsApplication.primaryScreen().availableGeometry()
    kept = []  # windows must outlive the step that opens them

    def log(text):
        print("\n".join("tsmv-shots: " + line for line in text.splitlines()), flush=True)

    def save(widget, name):
        path = os.path.join(job["out_dir"], name)
        if not widget.grab().save(path, "PNG"):
            raise RuntimeError("could not save " + path)

    def dock(name):
        return window.findChild(QDockWidget, name)

    def maximize(widget):
        widget.setGeometry(screen)  # no window manager under Xvfb: set the geometry itself
        widget.setWindowState(Qt.WindowState.WindowMaximized)

    def open_trend_dialog():
        dialog = processing.createAlgorithmDialog("tsmv:trend")
        dialog.resize(1300, 860)
        splitter = dialog.findChild(QSplitter)  # parameters | help: the help wider
        if splitter is not None:
            splitter.setSizes([780, 520])
        dialog.show()
        kept.append(dialog)

    def grab_trend_dialog(name):
        def grab():
            dialog = kept.pop()
            save(dialog, name)
            dialog.close()
        return grab

    def open_modeler():  # as the Toolbox's "Open in the Graphical Modeler" does
        from tsmv.gui.chains import open_chain
        modeler = open_chain(os.path.join(job["root"], "models", "fullchain.model3"))
        maximize(modeler)
        kept.append(modeler)

    def zoom_modeler():  # again, maximized
        from tsmv.gui.chains import fit
        fit(kept[-1])

    def save_modeler():
        modeler = kept.pop()
        save(modeler, "modeler_fullchain.png")
        modeler.hide()  # close() would ask about unsaved changes

    def run_chain():
        """As the algorithm dialog runs it with the model's defaults: the outputs created by
        default go to temporary files and are loaded, named by their labels; the others are
        skipped.  The Layers panel gets the Browser's room."""
        dock("Browser").hide()
        window.resizeDocks([dock("Layers")], [420], Qt.Orientation.Horizontal)
        model = QgsApplication.processingRegistry().createAlgorithmById("tsmv:fullchain")
        if model is None:
            raise RuntimeError("QGIS has no tsmv:fullchain (did the plugin load?)")
        params = dict(job["inputs"])
        for output in model.destinationParameterDefinitions():  # named "<step>:<output>"
            if output.createByDefault():
                value = QgsProcessingOutputLayerDefinition("TEMPORARY_OUTPUT", QgsProject.instance())
                value.destinationName = output.description()
                params[output.name()] = value
        started, feedback = time.time(), QgsProcessingFeedback()
        try:
            Processing.runAlgorithm(model, params, onFinish=handleAlgorithmResults,
                                    feedback=feedback)
        except Exception:
            log(feedback.textLog()[-3000:])
            raise
        log("tsmv:fullchain ran in %.0f s" % (time.time() - started))
        iface.mapCanvas().zoomToFullExtent()

    def run_zonal():
        """tsmv:zonal of the countries of QGIS's world map over the trend of period B, run and
        loaded as the dialog does; the map shows the countries' layer only."""
        if trend_layer() is None:
            run_chain()
        countries = os.path.join(QgsApplication.pkgDataPath(), "resources", "data", "world_map.gpkg")
        layer = QgsProcessingOutputLayerDefinition("TEMPORARY_OUTPUT", QgsProject.instance())
        layer.destinationName = "Mean Sen slope by country, 2000-2010"
        params = {"INPUT_POLYGONS": countries + "|layername=countries", "FIELD": "NAME",
                  "TREND": trend_layer().source(), "OUTPUT": "TEMPORARY_OUTPUT", "OUTPUT_LAYER": layer}
        feedback = QgsProcessingFeedback()
        try:
            Processing.runAlgorithm(QgsApplication.processingRegistry().createAlgorithmById("tsmv:zonal"), params,
                                    onFinish=handleAlgorithmResults, feedback=feedback)
        except Exception:
            log(feedback.textLog()[-3000:])
            raise
        dock("ProcessingToolbox").hide()
        from qgis.utils import plugins
        inspector = getattr(plugins.get("tsmv"), "inspector", None)
        if inspector is not None and inspector.dock is not None:
            inspector.dock.hide()
        for node in QgsProject.instance().layerTreeRoot().findLayers():  # its legend open, the rest hidden
            node.setItemVisibilityChecked(node.name() == layer.destinationName)
            node.setExpanded(node.name() == layer.destinationName)
        iface.mapCanvas().zoomToFullExtent()

    def grab_main_window(name):
        def grab():
            iface.mapCanvas().waitWhileRendering()
            save(window, name)
        return grab

    def trend_layer():
        """The trend map of period B the chain loaded (None before the chain ran)."""
        return next((layer for layer in QgsProject.instance().mapLayers().values()
                     if layer.name().startswith("trend_B")), None)

    def steepest_cell(path):
        """(lon, lat) of the centre of the cell with the steepest significant trend."""
        import numpy as np
        from osgeo import gdal
        ds = gdal.Open(path)
        bands = {ds.GetRasterBand(b + 1).GetDescription(): b + 1 for b in range(ds.RasterCount)}
        slope = ds.GetRasterBand(bands["slope"]).ReadAsArray().astype(float)
        p_value = ds.GetRasterBand(bands["p_value"]).ReadAsArray().astype(float)
        steep = np.where(np.isfinite(slope) & (p_value < 0.05), np.abs(slope), -1.0)
        row, col = np.unravel_index(int(np.argmax(steep)), steep.shape)
        gt = ds.GetGeoTransform()
        return gt[0] + (col + 0.5) * gt[1], gt[3] + (row + 0.5) * gt[5]

    def inspect_pixel():
        """What a user does: the trend map active, the tool chosen, a click on a cell."""
        from qgis.core import QgsPointXY
        from qgis.utils import plugins
        if trend_layer() is None:
            run_chain()
        layer = trend_layer()
        dock("ProcessingToolbox").hide()  # the map, the layers and the inspector only
        iface.setActiveLayer(layer)
        inspector = plugins["tsmv"].inspector
        inspector.action.trigger()
        inspector.inspect(QgsPointXY(*steepest_cell(layer.source())), layer.crs())
        window.resizeDocks([inspector.dock], [780], Qt.Orientation.Horizontal)

    def grab_inspector(name):
        def grab():
            from qgis.utils import plugins
            if plugins["tsmv"].inspector.dock.series is None:
                raise RuntimeError("the inspector has shown nothing (its task did not end in time)")
            iface.mapCanvas().waitWhileRendering()
            save(window, name)
        return grab

    def show_toolbox():
        toolbox = dock("ProcessingToolbox")
        toolbox.show()
        toolbox.raise_()
        window.resizeDocks([toolbox], [480], Qt.Orientation.Horizontal)
        tree = toolbox.findChild(QgsProcessingToolboxTreeView)
        model = tree.model()
        index = model.match(model.index(0, 0), Qt.ItemDataRole.DisplayRole, "TSMV", 1,
                            Qt.MatchFlag.MatchExactly)[0]
        tree.collapseAll()
        tree.expandRecursively(index)
        tree.scrollTo(index, QAbstractItemView.ScrollHint.PositionAtTop)

    def finish():
        log("done")
        QgsProject.instance().setDirty(False)
        QgsApplication.exit(0)

    def start():
        maximize(window)
        i18n = sys.modules.get("tsmv.processing_provider.i18n")
        log("QGIS locale %s, TSMV translation: %s" % (
            QgsApplication.locale(), i18n.install_translator() if i18n else "none (no i18n module)"))

    def recipe(shot):
        """The steps of a shot, each run that many milliseconds after the one before."""
        if shot.startswith("dialog_trend"):
            return [(500, open_trend_dialog), (2000, grab_trend_dialog(shot))]
        if shot == "modeler_fullchain.png":
            return [(500, open_modeler), (2000, zoom_modeler), (1500, save_modeler)]
        if shot == "layers_after_chain.png":
            return [(500, run_chain), (3000, grab_main_window(shot))]
        if shot == "zonal.png":
            return [(500, run_zonal), (3000, grab_main_window(shot))]
        if shot == "inspector.png":
            return [(500, inspect_pixel), (4000, grab_inspector(shot))]
        return [(500, show_toolbox), (1500, grab_main_window(shot))]  # toolbox*.png

    steps = [("(start)", 3000, start)]
    steps += [(shot, delay, step) for shot in job["shots"] for delay, step in recipe(shot)]
    steps.append(("(finish)", 500, finish))

    def next_step():
        if steps:
            shot, delay, step = steps.pop(0)
            QTimer.singleShot(delay, lambda: run_step(shot, step))

    def run_step(shot, step):
        try:
            step()
        except Exception:  # skip the rest of this shot (the caller reports it missing), go on
            log("%s failed in %s:\n%s" % (shot, step.__name__, traceback.format_exc()))
            steps[:] = [s for s in steps if s[0] != shot]
            while kept:
                kept.pop().hide()
        next_step()

    def watchdog():
        log("watchdog: still running after %d s; quitting" % WATCHDOG_S)
        QgsApplication.exit(3)

    QTimer.singleShot(WATCHDOG_S * 1000, watchdog)
    next_step()


if os.environ.get("TSMV_SCREENSHOT_JOB"):
    with open(os.environ["TSMV_SCREENSHOT_JOB"]) as _f:
        in_qgis(json.load(_f))
elif __name__ == "__main__":
    main()
