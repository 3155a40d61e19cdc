"""QGIS layer styles (QML) for TSMV outputs, written without QGIS.

The two templates in the plugin's ``styles/`` folder were saved by QGIS 3.22
itself, their variable parts then marked ``$name`` (:class:`string.Template`);
this module fills in the band, limits and colour stops (continuous ramps) or the
classes (categorical rasters) as text, every value escaped: no XML is parsed.  A *style* is a callable
``style(sample) -> qml_text`` that :class:`tsmv_qgis.io.raster.StackWriter`
calls on commit with a sample of the finite values written, so colour
limits come from the data.
"""
import html
import os
from string import Template

import numpy as np

STYLE_DIR = os.path.join(os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__)))), "styles")

#: Colour ramps, low to high (ColorBrewer).
RAMPS = {
    "moisture": ["#ffffcc", "#c7e9b4", "#7fcdbb", "#41b6c4", "#1d91c0", "#225ea8", "#0c2c84"],
    "diverging": ["#b2182b", "#ef8a62", "#fddbc7", "#f7f7f7", "#d1e5f0", "#67a9cf", "#2166ac"],
    "greens": ["#f7fcf5", "#c7e9c0", "#74c476", "#31a354", "#006d2c"],
    "years": ["#fff7ec", "#fee8c8", "#fdd49e", "#fdbb84", "#fc8d59", "#e34a33", "#b30000"],
}


def _fill(template, items, **values):
    """The template ``template`` with ``items`` (element name, attributes) one per line."""
    with open(os.path.join(STYLE_DIR, template), encoding="utf-8") as f:
        text = Template(f.read())
    indent = " " * (10 if template == "pseudocolor.qml" else 8)
    lines = ["%s<%s %s/>" % (indent, element, " ".join('%s="%s"' % (k, html.escape(str(v))) for k, v in attributes))
             for element, attributes in items]
    return text.substitute(items="\n".join(lines), **{k: html.escape(str(v)) for k, v in values.items()})


def _fmt(value):
    return "%.6g" % value


def _shader_qml(band, vmin, vmax, items, ramp_type="INTERPOLATED", units=""):
    """The pseudocolour template for ``band`` with ``items`` = [(value text, label, colour)]."""
    return _fill("pseudocolor.qml",
                 [("item", (("value", value), ("color", colour), ("label", label), ("alpha", 255)))
                  for value, label, colour in items],
                 band=band, vmin=_fmt(vmin), vmax=_fmt(vmax), ramp_type=ramp_type,
                 suffix=" " + units if units else "")


def ramp_qml(vmin, vmax, ramp="moisture", units="", band=1):
    """A single-band pseudocolour style of ``band`` from ``vmin`` to ``vmax`` with ``ramp``'s colours."""
    colours = RAMPS[ramp]
    if not (np.isfinite(vmin) and np.isfinite(vmax)) or vmax <= vmin:
        vmin, vmax = (0.0, 1.0) if not np.isfinite(vmin) else (vmin - 0.5, vmin + 0.5)
    values = [vmin + (vmax - vmin) * i / (len(colours) - 1) for i in range(len(colours))]
    return _shader_qml(band, vmin, vmax, [(_fmt(v), _fmt(v), c) for v, c in zip(values, colours)],
                       units=units)


def categorical_qml(classes, band=1):
    """A paletted style of ``band``; ``classes`` is a list of (value, label, colour)."""
    return _fill("paletted.qml",
                 [("paletteEntry", (("value", value), ("color", colour), ("label", label), ("alpha", 255)))
                  for value, label, colour in classes], band=band)


def discrete_qml(breaks, band=1):
    """A classed style of ``band``: ``breaks`` is a list of (upper bound, label, colour); QGIS puts a
    value in the first class whose bound it does not exceed (bounds are written exactly)."""
    finite = [upper for upper, _, _ in breaks if np.isfinite(upper)]
    items = [("inf" if upper == np.inf else repr(float(upper)), label, colour) for upper, label, colour in breaks]
    return _shader_qml(band, 0.0, max(finite) if finite else 1.0, items, "DISCRETE")


def _values(samples, band):
    return samples.band(band) if band else samples.all()


def sequential(ramp="moisture", units="", band=None):
    """Style: ``ramp`` over the 2nd..98th percentile of the values (of ``band``, or all)."""
    def style(samples):
        values = _values(samples, band)
        lo, hi = np.percentile(values, [2, 98]) if values.size else (0.0, 1.0)
        return ramp_qml(float(lo), float(hi), ramp, units, band or 1)
    return style


def diverging(units="", centre=0.0, band=None):
    """Style: red-white-blue, symmetric about ``centre`` (98th percentile of |x - centre|)."""
    def style(samples):
        values = _values(samples, band)
        half = float(np.percentile(np.abs(values - centre), 98)) if values.size else 1.0
        half = half if half > 0 else 1.0
        return ramp_qml(centre - half, centre + half, "diverging", units, band or 1)
    return style


def categorical(classes, band=1):
    """Style: fixed classes, whatever the values."""
    def style(samples):
        return categorical_qml(classes, band)
    return style


def p_value(alpha, band=1):
    """Style: p-values coloured significant (p < alpha, the rule of the tests and tables) or not."""
    def style(samples):
        below = float(np.nextafter(alpha, 0.0))  # the largest p that is < alpha
        return discrete_qml([(below, "p < %g (significant)" % alpha, "#d7301f"),
                             (np.inf, "p >= %g" % alpha, "#d9d9d9")], band)
    return style


SEASON_CLASSES = [(1, "H-S humid season", "#08519c"), (2, "SH-S sub-humid season", "#6baed6"),
                  (3, "SA-S semi-arid season", "#fdae6b"), (4, "A-S arid season", "#a63603")]
TREND_CLASSES = [(-1, "Significant decrease", "#b2182b"), (0, "No significant trend", "#f0f0f0"),
                 (1, "Significant increase", "#2166ac")]


def _rgb(colour):
    return ",".join(str(int(colour[i:i + 2], 16)) for i in (1, 3, 5)) + ",255"


def graduated_qml(field, values, units="", ramp="diverging"):
    """A graduated (choropleth) style of polygons by the number ``field``: the 7 colours of
    ``ramp`` in equal classes symmetric about 0, from -max|value| to +max|value| of the finite
    ``values`` (every value falls in a class); a feature whose value is missing (NULL) is not
    drawn."""
    colours = RAMPS[ramp]
    finite = np.abs(np.asarray(values, np.float64))
    finite = finite[np.isfinite(finite)]
    half = float(finite.max()) if finite.size and finite.max() > 0 else 1.0
    edges = np.linspace(-half, half, len(colours) + 1)
    suffix = " " + units if units else ""
    ranges, symbols = [], []
    for k, colour in enumerate(colours):
        lower, upper = float(edges[k]), float(edges[k + 1])
        label = "%s to %s%s" % (_fmt(lower), _fmt(upper), suffix)
        ranges.append('      <range render="true" lower="%r" upper="%r" symbol="%d" label="%s"/>'
                      % (lower, upper, k, html.escape(label)))
        symbols.append(
            '      <symbol clip_to_extent="1" alpha="1" force_rhr="0" type="fill" name="%d">\n'
            '        <layer locked="0" pass="0" enabled="1" class="SimpleFill">\n'
            '          <Option type="Map">\n'
            '            <Option value="%s" type="QString" name="color"/>\n'
            '            <Option value="35,35,35,255" type="QString" name="outline_color"/>\n'
            '            <Option value="solid" type="QString" name="outline_style"/>\n'
            '            <Option value="0.26" type="QString" name="outline_width"/>\n'
            '            <Option value="MM" type="QString" name="outline_width_unit"/>\n'
            '            <Option value="solid" type="QString" name="style"/>\n'
            '          </Option>\n'
            '        </layer>\n'
            '      </symbol>' % (k, _rgb(colour)))
    with open(os.path.join(STYLE_DIR, "graduated.qml"), encoding="utf-8") as f:
        text = Template(f.read())
    return text.substitute(field=html.escape(field), ranges="\n".join(ranges), symbols="\n".join(symbols))
