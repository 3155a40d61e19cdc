"""Band maps: what each band of a multi-band output is, declared once per output.

A :class:`BandMap` lists an output's bands in order, each a :class:`Band` with its name
(the band label, GDAL description), units, long name and, where the band has one, its
style (a maker of :mod:`tsmv_qgis.io.style` that takes ``band=``, the band's number, and an
optional ``key``: None for the layer's own style, else the name of an alternative style
``<output>.<key>.qml``).  The writer takes the labels and styles from the map
(:meth:`BandMap.stack`), steps find a band's position by its name (:meth:`BandMap.index`),
and :mod:`tsmv_qgis.xr` takes names, units and long names from it: no band numbers are
written out anywhere else.

Depth-dependent maps are built from ``depths``, the four layer labels (default
:data:`tsmv_qgis.labels.DEPTHS`, ``0-10 cm`` ...).
"""
from dataclasses import dataclass
from typing import Callable, Optional


@dataclass(frozen=True)
class Band:
    name: str
    units: str = ""
    long_name: str = ""
    style: Optional[Callable] = None  # a style maker, called with band=<its number>
    key: Optional[str] = None  # None: the layer's style; else an alternative style's key

    def attrs(self):
        """The band's units and long name, as xarray attributes (those that are set)."""
        return {k: v for k, v in (("units", self.units), ("long_name", self.long_name)) if v}


class BandMap:
    """The bands of one output, in order; ``style`` a style of all bands together (a maker
    called without a band), used when no band declares the layer's own style."""

    def __init__(self, bands, style=None):
        self.bands = tuple(bands)
        self._style = style
        self._index = {band.name: i for i, band in enumerate(self.bands)}
        if len(self._index) != len(self.bands):
            raise ValueError("a band map names each band once")

    def __len__(self):
        return len(self.bands)

    def __iter__(self):
        return iter(self.bands)

    def __getitem__(self, name):
        return self.bands[self._index[name]]

    @property
    def labels(self):
        return [band.name for band in self.bands]

    def attrs(self):
        """The units and long name all the bands share, as xarray attributes of a variable
        that holds them all (those that are set and the same for every band)."""
        found = [band.attrs() for band in self.bands]
        return {k: v for k, v in found[0].items() if all(f.get(k) == v for f in found)} if found else {}

    def listed(self):
        """The band labels as help lists them: all of a few ("H-S, SH-S, SA-S, A-S"), else the
        first and the last ("'Trend H-S 0-10 cm' ... 'IAV A-S 100-200 cm'")."""
        if len(self.bands) <= 8:
            return ", ".join(self.labels)
        return "'%s' ... '%s'" % (self.labels[0], self.labels[-1])

    def index(self, name):
        """0-based position of the band ``name`` (as writers take ``band0``)."""
        return self._index[name]

    def number(self, name):
        """1-based band number of the band ``name`` (as GDAL and QGIS styles count)."""
        return self._index[name] + 1

    def styles(self):
        """{None: the layer's style, key: an alternative style}, as the writer takes them."""
        styles = {} if self._style is None else {None: self._style()}
        for band in self.bands:
            if band.style is not None:
                styles[band.key] = band.style(band=self.number(band.name))
        return styles

    @classmethod
    def monthly(cls, labels, units, long_name, style=None):
        """The bands of a monthly stack: one per month label (YYYY-MM), alike but for it."""
        return cls([Band(label, units, long_name) for label in labels], style=style)

    def stack(self, out, name, grid, **kwargs):
        """The writer of output ``name`` with these bands' labels and styles."""
        styles = self.styles()
        return out.stack(name, grid, self.labels, style=styles.pop(None, None), extra_styles=styles or None,
                         **kwargs)
