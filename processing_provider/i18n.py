"""Translations and help pages in the user's QGIS language.

i18n/tsmv_<locale>.qm (compiled by ``make translations`` from i18n/tsmv_<locale>.ts) is
installed as a Qt translator for the locale QGIS runs in (zh_CN, or zh for any Chinese);
docs/algorithms/<locale>/<id>.html is the help page in that language, docs/algorithms/<id>.html
the English one.
"""
import os

from qgis.core import QgsApplication
from qgis.PyQt.QtCore import QCoreApplication, QTranslator

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
I18N = os.path.join(ROOT, "i18n")
PAGES = os.path.join(ROOT, "docs", "algorithms")

_installed = []  # the translator must outlive the call, and is installed once
#: QGIS names Chinese by script (its Options dialog saves zh-Hans; QGIS 3.44 may give only
#: the language, zh); TSMV's files are named by region.
ALIASES = {"zh_Hans": "zh_CN", "zh_Hant": "zh_TW", "zh": "zh_CN"}


def locales():
    """The QGIS locale and its language, most specific first: ["zh_CN", "zh"]."""
    name = (QgsApplication.locale() or "en").replace("-", "_")
    name = ALIASES.get(name, name)
    return [name, name.split("_")[0]] if "_" in name else [name]


def install_translator():
    """Install the translation for the QGIS locale, if TSMV has one; returns its file or None."""
    if _installed:
        return _installed[0][0]
    for name in locales():
        path = os.path.join(I18N, "tsmv_%s.qm" % name)
        translator = QTranslator()
        if os.path.exists(path) and translator.load(path):
            QCoreApplication.installTranslator(translator)
            _installed.append((path, translator))
            return path
    return None


def help_page(name):
    """The help page of algorithm or model ``name`` in the QGIS language, or English, or None."""
    for folder in [os.path.join(PAGES, n) for n in locales()] + [PAGES]:
        path = os.path.join(folder, name + ".html")
        if os.path.exists(path):
            return path
    return None
