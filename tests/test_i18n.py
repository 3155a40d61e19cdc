"""The language TSMV speaks and how the Toolbox lists it (issue 27, items 2 and 3).

* TSMV follows the language QGIS was started in: ``qgis --lang`` (the translation QGIS runs
  with), else Settings > Options (locale/userLocale with locale/overrideFlag), else the system
  locale; zh-Hans, zh_CN, zh-CN and zh all mean TSMV's zh_CN translation.
* With Chinese on, names, help, labels, help pages and the models' step names are Chinese.
* The Toolbox lists the groups and steps in the order of the workflow, with names that fit its
  default width; help writes formulas as formulas and no input is labelled just "Stack".
"""
import os
import re
import subprocess
import sys

import pytest

from conftest import ROOT
from tsmv.processing_provider.base import NAME_WIDTH  # about 30 columns: the Toolbox's default width

#: The Toolbox as the workflow runs: groups in order, each with its steps in order.
WORKFLOW = [("data", ["download"]),
            ("soilmoisture", ["importgldas", "importsoilmoisture", "qualitycontrol", "seasons", "trend",
                              "changepoint", "attribution"]),
            ("ecosystems", ["landcover", "gpp", "correlation"]),
            ("report", ["report", "zonal"]),
            ("Chains", ["soilmoisturechain", "fullchain", "downloadchain"])]
CJK = re.compile(r"[\u4e00-\u9fff]")
QM = os.path.join(ROOT, "i18n", "tsmv_zh_CN.qm")
#: Formulas written as plain text: x_{s,d}, RC^{Trend}, SM_{s,d}, GPP_s(t), alpha_s, Phi(|z|).
PLAIN_FORMULA = re.compile(r"[_^]\{|\b(?:SM|GPP|TSM|RC|x|P|alpha|beta|omega|tau)_[a-z]\b|\bPhi\(")
#: Labels that say nothing of what an input holds.
VAGUE = {"stack", "raster", "input", "input layer", "layer", "file", "folder", "table"}


def width(text):
    """Columns ``text`` takes in the Toolbox: a CJK character is about two Latin ones."""
    return sum(2 if CJK.match(c) or "\u3000" <= c <= "\uff60" else 1 for c in text)


# --- the language: each source -------------------------------------------------------------

@pytest.mark.parametrize("name", ["zh-Hans", "zh_CN", "zh-CN", "zh", "zh_Hans_CN", "zh-hans", "zh_CN.UTF-8",
                                  "zh_SG"])
def test_every_spelling_of_simplified_chinese_is_zh_cn(name):
    from tsmv.processing_provider.i18n import normalize
    assert normalize(name) == "zh_CN"


@pytest.mark.parametrize("name, expected", [("zh-Hant", "zh_TW"), ("zh_TW", "zh_TW"), ("en_US", "en_US"),
                                            ("en", "en"), ("pt-br", "pt_BR"), ("de_DE.UTF-8@euro", "de_DE"),
                                            ("C", None), ("POSIX", None), ("", None), (None, None),
                                            ("C.UTF-8", None), ("not a locale", None)])
def test_other_names(name, expected):
    from tsmv.processing_provider.i18n import normalize
    assert normalize(name) == expected


@pytest.mark.parametrize("sources, expected", [
    # qgis --lang: the translation QGIS runs with decides, whatever the settings and the system say
    (("zh-Hans", False, "", "C"), "zh_CN"),
    (("zh_CN", True, "de_DE", "fr_FR"), "zh_CN"),
    (("en_US", True, "zh-Hans", "zh_CN"), "en_US"),
    # no translation (qgis_process, a script) or "C": Settings > Options, when its override is on
    (("", True, "zh-Hans", "C"), "zh_CN"),
    (("C", True, "zh-CN", "en_US"), "zh_CN"),
    ((None, False, "zh-Hans", "de_DE"), "de_DE"),  # the override off: the setting is not used
    # neither: the system locale
    (("", False, "", "zh_CN.UTF-8"), "zh_CN"),
    (("", True, "", "zh"), "zh_CN"),
    # none names a language
    (("", False, "", "C"), "en"),
])
def test_the_language_is_the_first_source_that_names_one(sources, expected):
    from tsmv.processing_provider.i18n import choose
    assert choose(*sources) == expected


@pytest.fixture
def no_language(monkeypatch):
    """QGIS without a translation, settings without an override and a "C" system, restored after."""
    from qgis.core import QgsApplication, QgsSettings
    from tsmv.processing_provider import i18n
    app = QgsApplication.instance()
    settings = QgsSettings()
    kept = (app.translation(), settings.value("locale/overrideFlag"), settings.value("locale/userLocale"))
    app.setTranslation("")
    settings.setValue("locale/overrideFlag", False)
    settings.setValue("locale/userLocale", "")
    monkeypatch.setattr(i18n, "system_locale", lambda: "C")
    assert i18n.qgis_language() == "en"
    yield app, settings
    app.setTranslation(kept[0])
    for key, value in zip(("locale/overrideFlag", "locale/userLocale"), kept[1:]):
        if value is None:
            settings.remove(key)
        else:
            settings.setValue(key, value)


@pytest.mark.parametrize("translation", ["zh-Hans", "zh_CN"])
def test_language_from_the_translation_qgis_was_started_with(tsmv_processing, no_language, translation):
    """qgis --lang zh-Hans (QgsApplication.locale() is then "C") and --lang zh_CN."""
    from tsmv.processing_provider import i18n
    app, settings = no_language
    app.setTranslation(translation)
    assert i18n.qgis_language() == "zh_CN" and i18n.locales() == ["zh_CN", "zh"]
    assert i18n.help_page("trend") == os.path.join(i18n.PAGES, "zh_CN", "trend.html")


@pytest.mark.parametrize("user_locale", ["zh-Hans", "zh_CN"])
def test_language_from_the_settings(tsmv_processing, no_language, user_locale):
    from tsmv.processing_provider import i18n
    app, settings = no_language
    settings.setValue("locale/userLocale", user_locale)
    assert i18n.qgis_language() == "en"  # not without the override
    settings.setValue("locale/overrideFlag", True)
    assert i18n.qgis_language() == "zh_CN"
    assert i18n.help_page("fullchain") == os.path.join(i18n.PAGES, "zh_CN", "fullchain.html")


def test_language_from_the_system_locale(tsmv_processing, no_language, monkeypatch):
    from tsmv.processing_provider import i18n
    monkeypatch.setattr(i18n, "system_locale", lambda: "zh_CN")
    assert i18n.qgis_language() == "zh_CN"
    assert i18n.help_page("trend") == os.path.join(i18n.PAGES, "zh_CN", "trend.html")


STARTED = r"""
import os, sys
sys.path.insert(0, sys.argv[1])
from qgis.core import QgsApplication, QgsSettings
how, value = sys.argv[3], sys.argv[4]
app = QgsApplication([], False, sys.argv[2])
if how == "lang":  # what QGIS's main does with --lang
    app.setTranslation(value)
app.initQgis()
if how == "settings":  # what Settings > Options writes (QGIS 3.44 keeps them where QgsSettings reads)
    settings = QgsSettings()
    settings.setValue("locale/userLocale", value)
    settings.setValue("locale/overrideFlag", True)
import tsmv_package
tsmv_package.add_to_path()
from tsmv.processing_provider.provider import TsmvProvider
provider = TsmvProvider()
QgsApplication.processingRegistry().addProvider(provider)
trend = QgsApplication.processingRegistry().createAlgorithmById("tsmv:trend")
model = QgsApplication.processingRegistry().algorithmById("tsmv:fullchain")
print("NAME", trend.displayName())
print("GROUP", trend.group())
print("URL", trend.helpUrl())
print("LABEL", trend.parameterDefinition("INPUT").description())
for step in model.childAlgorithms().values():
    print("STEP", step.description())
"""


@pytest.mark.parametrize("how, value, lang", [("lang", "zh-Hans", "C.UTF-8"), ("lang", "zh_CN", "C.UTF-8"),
                                              ("settings", "zh-Hans", "C.UTF-8"), ("system", "", "zh_CN.UTF-8")])
def test_qgis_started_in_chinese_shows_tsmv_in_chinese(tmp_path, how, value, lang):
    """A QGIS started with --lang, with the language set in Settings, or on a Chinese system."""
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", LANG=lang, LC_ALL=lang,
               HOME=str(tmp_path))  # QGIS 3.44 may keep its settings under HOME, whatever the profile
    env.pop("LANGUAGE", None)
    proc = subprocess.run([sys.executable, "-c", STARTED, os.path.join(ROOT, "scripts"), str(tmp_path), how, value],
                          capture_output=True, text=True, timeout=300, env=env)
    assert proc.returncode == 0, proc.stderr[-3000:]
    lines = [line.split(" ", 1) for line in proc.stdout.splitlines() if " " in line]
    said = {}
    for key, text in lines:
        said.setdefault(key, []).append(text)
    assert said["NAME"] == ["5 Sen 斜率与 Mann-Kendall 检验"] and said["GROUP"] == ["2 土壤水分"], said
    assert said["URL"][0].endswith("docs/algorithms/zh_CN/trend.html")
    assert CJK.search(said["LABEL"][0])
    assert len(said["STEP"]) == 9 and all(CJK.search(step) for step in said["STEP"]), said["STEP"]


# --- with the Chinese translation on: everything a user reads --------------------------------

@pytest.fixture
def chinese(tsmv_processing):
    from qgis.PyQt.QtCore import QCoreApplication, QTranslator
    translator = QTranslator()
    assert translator.load(QM)
    QCoreApplication.installTranslator(translator)
    yield translator
    QCoreApplication.removeTranslator(translator)


def algorithms():
    from qgis.core import QgsApplication
    provider = QgsApplication.processingRegistry().providerById("tsmv")
    return [QgsApplication.processingRegistry().createAlgorithmById(a.id()) for a in provider.algorithms()]


def test_algorithms_and_models_speak_chinese(chinese):
    from tsmv.processing_provider.models import MODELS, TsmvModel
    seen = 0
    for algorithm in algorithms():
        for text in [algorithm.displayName(), algorithm.group(), algorithm.shortHelpString()]:
            assert CJK.search(text), (algorithm.id(), text)
        for parameter in algorithm.parameterDefinitions():
            assert CJK.search(parameter.description()), (algorithm.id(), parameter.name(), parameter.description())
        seen += 1
    assert seen == 16
    for name in ("soilmoisturechain", "fullchain", "downloadchain"):
        model = TsmvModel(os.path.join(MODELS, name + ".model3"))  # what the provider and the Modeler show
        steps = [step.description() for step in model.childAlgorithms().values()]
        assert len(steps) >= 6 and all(CJK.search(step) for step in steps), (name, steps)
        outputs = [output.description() for step in model.childAlgorithms().values()
                   for output in step.modelOutputs().values()]
        assert outputs and all(CJK.search(output) for output in outputs), (name, outputs)


def test_chinese_names_keep_the_workflow_numbers_and_fit(chinese):
    for algorithm in algorithms():
        chinese_name = algorithm.displayName()
        number = re.match(r"\d+ ", algorithm.group())
        assert number, algorithm.group()
        assert width(chinese_name) <= NAME_WIDTH, (algorithm.id(), chinese_name)
    assert_toolbox_follows_the_workflow()


# --- the Toolbox -----------------------------------------------------------------------------

def toolbox():
    """[(group id, group name, [(algorithm id, display name), ...]), ...] of TSMV as QGIS's own
    Toolbox model sorts it."""
    from qgis.core import QgsApplication
    from qgis.gui import QgsProcessingToolboxModel, QgsProcessingToolboxProxyModel
    from qgis.PyQt.QtCore import QModelIndex
    registry = QgsApplication.processingRegistry()
    proxy = QgsProcessingToolboxProxyModel(None, registry)
    proxy.sort(0)
    role = QgsProcessingToolboxModel.RoleAlgorithmId if hasattr(QgsProcessingToolboxModel, "RoleAlgorithmId") \
        else QgsProcessingToolboxModel.CustomRole.AlgorithmId
    role = getattr(role, "value", role)  # an int for Qt 6 too
    root = next(proxy.index(r, 0, QModelIndex()) for r in range(proxy.rowCount(QModelIndex()))
                if proxy.data(proxy.index(r, 0, QModelIndex())) == registry.providerById("tsmv").name())
    groups = []
    for g in range(proxy.rowCount(root)):
        group = proxy.index(g, 0, root)
        steps = [(proxy.data(proxy.index(a, 0, group), role), proxy.data(proxy.index(a, 0, group)))
                 for a in range(proxy.rowCount(group))]
        group_id = registry.algorithmById(steps[0][0]).groupId()
        groups.append((group_id, proxy.data(group), steps))
    return groups


def assert_toolbox_follows_the_workflow():
    groups = toolbox()
    assert [(group_id, [algorithm_id.split(":")[1] for algorithm_id, _ in steps]) for group_id, _, steps in groups] \
        == WORKFLOW
    for group_id, name, steps in groups:
        assert re.match(r"\d ", name), name
        numbered = [n for _, n in steps if re.match(r"\d+[a-z]? ", n)]  # 5b: a side step after 5, before 6
        assert len(steps) == 1 or len(numbered) == len(steps), steps  # a group of several numbers its steps


def test_the_toolbox_lists_the_workflow_in_order(tsmv_processing):
    """QGIS sorts groups by name and steps by display name: numbered, they follow the chain."""
    assert_toolbox_follows_the_workflow()


def test_ids_and_group_ids_are_kept(tsmv_processing):
    expected = {name: group_id for group_id, names in WORKFLOW for name in names}
    assert {a.name(): a.groupId() for a in algorithms()} == expected


def test_names_fit_the_toolbox(tsmv_processing):
    for algorithm in algorithms():
        assert width(algorithm.displayName()) <= NAME_WIDTH, algorithm.displayName()
        assert width(algorithm.group()) <= NAME_WIDTH, algorithm.group()


def help_texts(algorithm):
    texts = [algorithm.shortHelpString()]
    texts += [t for block in algorithm.all_help_blocks() for t in ([block] if isinstance(block, str) else block)]
    return texts + [p.help() for p in algorithm.parameterDefinitions()]


def test_help_writes_formulas_as_formulas(tsmv_processing):
    """No plain-text sub- or superscripts (x_{s,d}, RC^{Trend}): HTML <sub> and <sup>."""
    formulas = 0
    for algorithm in algorithms():
        for text in help_texts(algorithm):
            assert not PLAIN_FORMULA.search(text), (algorithm.id(), PLAIN_FORMULA.search(text).group(0), text[:200])
        formulas += algorithm.shortHelpString().count("<sub>")
    assert formulas >= 20
    attribution = next(a for a in algorithms() if a.name() == "attribution").shortHelpString()
    assert "x<sub>s,d</sub>(t) = SM<sub>s,d</sub>(t)/4" in attribution
    assert "RC<sup>Trend</sup><sub>s,d</sub>" in attribution
    assert "2(1 − Φ(|z|))" in next(a for a in algorithms() if a.name() == "trend").shortHelpString()


def test_formulas_render_and_tooltips_stay_plain(tsmv_processing):
    from tsmv.processing_provider import help as helptext
    html = helptext.to_html(["x<sub>s,d</sub> < 1 & <b>y</b>"], {})
    assert html == "<p>x<sub>s,d</sub> &lt; 1 &amp; &lt;b&gt;y&lt;/b&gt;</p>"
    assert list(helptext.sentences(["x<sub>s,d</sub> < 1"], {})) == ["xs,d < 1"]
    for algorithm in algorithms():
        for parameter in algorithm.parameterDefinitions():
            assert not helptext.MARKUP.search(parameter.help()), (algorithm.id(), parameter.name())


def test_every_input_says_what_it_holds(tsmv_processing):
    for algorithm in algorithms():
        for parameter in algorithm.parameterDefinitions():
            if not parameter.isDestination():
                assert parameter.description().strip().lower() not in VAGUE, (algorithm.id(), parameter.name())
    trend = next(a for a in algorithms() if a.name() == "trend")
    assert trend.parameterDefinition("INPUT").description() == "Annual total soil moisture (or any labelled stack)"


def test_the_provider_loads_the_models_labelled_in_the_language(tsmv_processing, no_language):
    """models/zh_CN/*.model3: what the Graphical Modeler shows when the file is opened, and what
    the provider loads in Chinese; the same model as the English one but for its labels."""
    from qgis.core import QgsProcessingModelAlgorithm
    from tsmv.processing_provider.models import MODELS, TsmvModel, localized
    app, settings = no_language
    english = os.path.join(MODELS, "fullchain.model3")
    assert localized(english) == english
    app.setTranslation("zh-Hans")
    copy = localized(english)
    assert copy == os.path.join(MODELS, "zh_CN", "fullchain.model3")
    models = []
    for path in (english, copy):
        model = QgsProcessingModelAlgorithm()
        assert model.fromFile(path)
        models.append(model)
    children = [model.childAlgorithms() for model in models]
    assert sorted(children[0]) == sorted(children[1])
    for step_id, step in children[0].items():
        translated = children[1][step_id]
        assert (step.algorithmId(), step.position(), sorted(step.modelOutputs())) == \
            (translated.algorithmId(), translated.position(), sorted(translated.modelOutputs()))
        assert CJK.search(translated.description()) and not CJK.search(step.description())
    loaded, original = TsmvModel(copy), TsmvModel(english)  # kept: they own their parameters
    assert loaded.name() == "fullchain" and loaded.displayName() == "2 完整处理流程"
    assert [p.name() for p in loaded.parameterDefinitions()] == [p.name() for p in original.parameterDefinitions()]
