"""TSMV QGIS plugin: a Processing provider for soil-moisture variability analysis."""


def classFactory(iface):  # noqa: N802 (QGIS's name)
    from .plugin import TsmvPlugin
    return TsmvPlugin(iface)
