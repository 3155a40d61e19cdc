"""Translations and help pages in the language QGIS was started in.

The language is the first of these that names one (:func:`qgis_language`):

1. the translation QGIS runs with (``QgsApplication.instance().translation()``): what
   ``qgis --lang zh-Hans`` gives, and what QGIS sets from its settings when it starts;
2. the settings of Settings > Options > General (``locale/userLocale`` when
   ``locale/overrideFlag`` is on): what ``qgis_process`` and scripts run with;
3. the system locale (``QLocale.system()``; "C" and "POSIX" name no language).

QGIS names Chinese by script (its Options dialog saves ``zh-Hans``; ``--lang`` takes any
spelling; QGIS 3.44 may give only the language, ``zh``), TSMV's files by region:
:func:`normalize` maps ``zh-Hans``, ``zh_CN``, ``zh-CN``, ``zh_Hans_CN``, ``zh`` and
``zh_CN.UTF-8`` to ``zh_CN``.

i18n/tsmv_<locale>.qm (compiled by ``make translations`` from i18n/tsmv_<locale>.ts) is
installed as a Qt translator for that language; docs/algorithms/<locale>/<id>.html is the help
page in that language, docs/algorithms/<id>.html the English one.
"""
import os
import re

from qgis.core import QgsApplication, QgsSettings
from qgis.PyQt.QtCore import QCoreApplication, QLocale, QTranslator

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
I18N = os.path.join(ROOT, "i18n")
PAGES = os.path.join(ROOT, "docs", "algorithms")

_installed = []  # the translator must outlive the call, and is installed once
#: Chinese by script, or by a region that writes it so, as TSMV's files name it.
ALIASES = {"zh": "zh_CN", "zh_Hans": "zh_CN", "zh_SG": "zh_CN", "zh_Hant": "zh_TW", "zh_HK": "zh_TW",
           "zh_MO": "zh_TW"}
#: Locale names that name no language.
NO_LANGUAGE = ("", "c", "posix")
_NAME = re.compile(r"^([A-Za-z]{2,3})(?:[_-]([A-Za-z]{4}))?(?:[_-]([A-Za-z]{2}|\d{3}))?$")


def normalize(name):
    """A locale name as TSMV's files are named ("zh-Hans" -> "zh_CN", "pt-br" -> "pt_BR",
    "de_DE.UTF-8@euro" -> "de_DE"), or None when it names no language ("C", "POSIX", "")."""
    name = re.split(r"[.@]", (name or "").strip())[0]
    if name.lower() in NO_LANGUAGE:
        return None
    match = _NAME.match(name)
    if not match:
        return None
    language, script, region = match.groups()
    language = language.lower()
    script = script.title() if script else None
    region = region.upper() if region else None
    if language == "zh":
        if region in ("CN", "SG", "TW", "HK", "MO"):
            return ALIASES.get("zh_" + region, "zh_" + region)
        return ALIASES["zh_" + script] if script in ("Hans", "Hant") else ALIASES["zh"]
    return "%s_%s" % (language, region) if region else language


def choose(translation=None, override=False, user_locale=None, system=None):
    """The language from the three sources (see the module's help), the first that names one;
    "en" when none does."""
    for name in (translation, user_locale if override else None, system):
        chosen = normalize(name)
        if chosen:
            return chosen
    return "en"


def _flag(value):
    return value is True or str(value).strip().lower() in ("true", "1", "yes")


def qgis_translation():
    """The translation QGIS runs with (``--lang``), "" when none was set (qgis_process, scripts)."""
    app = QgsApplication.instance()
    try:
        return (app.translation() if app is not None else QgsApplication.translation()) or ""
    except TypeError:  # an instance method without an instance (QGIS 3.22 before QGIS starts)
        return ""


def system_locale():
    return QLocale.system().name()


def qgis_language():
    """The language QGIS was started in, as TSMV's files name it ("zh_CN", "en")."""
    settings = QgsSettings()
    return choose(qgis_translation(), _flag(settings.value("locale/overrideFlag", False)),
                  settings.value("locale/userLocale", "") or "", system_locale())


def locales():
    """The QGIS language and its language without region, most specific first: ["zh_CN", "zh"]."""
    name = qgis_language()
    return [name, name.split("_")[0]] if "_" in name else [name]


def install_translator():
    """Install the translation for the QGIS language, if TSMV has one; returns its file or None."""
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
