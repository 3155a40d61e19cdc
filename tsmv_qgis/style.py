"""QGIS layer styles (QML) for TSMV outputs, written without QGIS.

The two templates in the plugin's ``styles/`` folder were saved by QGIS 3.22
itself; this module fills in the colour stops (continuous ramps) or the
classes (categorical rasters).  A *style* is a callable
``style(sample) -> qml_text`` that :class:`tsmv_qgis.raster.StackWriter`
calls on commit with a sample of the finite values written, so colour
limits come from the data.
"""
import os
import xml.etree.ElementTree as ET

import numpy as np

STYLE_DIR = os.path.join(os.path.dirname(os.path.dirname(os.path.abspath(__file__))), "styles")

#: Colour ramps, low to high (ColorBrewer).
RAMPS = {
    "moisture": ["#ffffcc", "#c7e9b4", "#7fcdbb", "#41b6c4", "#1d91c0", "#225ea8", "#0c2c84"],
    "diverging": ["#b2182b", "#ef8a62", "#fddbc7", "#f7f7f7", "#d1e5f0", "#67a9cf", "#2166ac"],
    "greens": ["#f7fcf5", "#c7e9c0", "#74c476", "#31a354", "#006d2c"],
}


def _template(name):
    return ET.parse(os.path.join(STYLE_DIR, name))


def _to_text(tree):
    return "<!DOCTYPE qgis PUBLIC 'http://mrcc.com/qgis.dtd' 'SYSTEM'>\n" + ET.tostring(
        tree.getroot(), encoding="unicode") + "\n"


def _fmt(value):
    return "%.6g" % value


def ramp_qml(vmin, vmax, ramp="moisture", units=""):
    """A single-band pseudocolour style from ``vmin`` to ``vmax`` with ``ramp``'s colours."""
    colours = RAMPS[ramp]
    if not (np.isfinite(vmin) and np.isfinite(vmax)) or vmax <= vmin:
        vmin, vmax = (0.0, 1.0) if not np.isfinite(vmin) else (vmin - 0.5, vmin + 0.5)
    tree = _template("pseudocolor.qml")
    renderer = tree.find(".//rasterrenderer")
    renderer.set("classificationMin", _fmt(vmin))
    renderer.set("classificationMax", _fmt(vmax))
    shader = renderer.find(".//colorrampshader")
    shader.set("minimumValue", _fmt(vmin))
    shader.set("maximumValue", _fmt(vmax))
    legend = shader.find("rampLegendSettings")
    for item in shader.findall("item"):
        shader.remove(item)
    legend.set("suffix", " " + units if units else "")
    shader.remove(legend)
    for i, colour in enumerate(colours):
        value = vmin + (vmax - vmin) * i / (len(colours) - 1)
        ET.SubElement(shader, "item", value=_fmt(value), color=colour,
                      label=_fmt(value), alpha="255")
    shader.append(legend)
    return _to_text(tree)


def categorical_qml(classes):
    """A paletted style; ``classes`` is a list of (value, label, colour)."""
    tree = _template("paletted.qml")
    palette = tree.find(".//colorPalette")
    for entry in list(palette):
        palette.remove(entry)
    for value, label, colour in classes:
        ET.SubElement(palette, "paletteEntry", value=str(value), color=colour,
                      label=label, alpha="255")
    return _to_text(tree)


def sequential(ramp="moisture", units=""):
    """Style: ``ramp`` stretched over the 2nd..98th percentile of the values."""
    def style(sample):
        if sample.size == 0:
            return ramp_qml(0.0, 1.0, ramp, units)
        lo, hi = np.percentile(sample, [2, 98])
        return ramp_qml(float(lo), float(hi), ramp, units)
    return style


def diverging(units="", centre=0.0):
    """Style: red-white-blue, symmetric about ``centre`` (98th percentile of |x - centre|)."""
    def style(sample):
        half = float(np.percentile(np.abs(sample - centre), 98)) if sample.size else 1.0
        half = half if half > 0 else 1.0
        return ramp_qml(centre - half, centre + half, "diverging", units)
    return style


def categorical(classes):
    """Style: fixed classes, whatever the values."""
    def style(sample):
        return categorical_qml(classes)
    return style
