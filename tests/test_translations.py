"""Translations: every string a dialog shows is extracted, the Chinese translation is complete
and compiled, and QGIS started in zh_CN shows the trend dialog in Chinese."""
import os
import re
import shutil
import subprocess
import sys

import pytest

from conftest import ROOT

sys.path.insert(0, os.path.join(ROOT, "scripts"))
import make_translations  # noqa: E402

TS = os.path.join(ROOT, "i18n", "tsmv_zh_CN.ts")
#: What must survive translation: {NAME} placeholders and printf conversions.
KEPT = re.compile(r"\{[A-Z][A-Z0-9_]*\}|%(?:\.\d+)?[sdgfr%]")


def extracted(tmp_path):
    ts = str(tmp_path / "tsmv.ts")
    shutil.copy(TS, ts)
    make_translations.extract(ts)
    return make_translations.messages(ts)


def test_the_shipped_ts_holds_exactly_what_the_code_says(tmp_path):
    """i18n/tsmv_zh_CN.ts is current: extraction from the code adds and drops nothing."""
    assert set(extracted(tmp_path)) == set(make_translations.messages(TS)), "run make translations"


def test_extraction_finds_every_string_the_dialogs_show(tsmv_processing, tmp_path):
    from qgis.core import QgsApplication
    from tsmv.processing_provider import help as helptext
    sources = {source for _, source in extracted(tmp_path)}
    provider = QgsApplication.processingRegistry().providerById("tsmv")
    shown = 0
    for listed in provider.algorithms():
        algorithm = QgsApplication.processingRegistry().createAlgorithmById(listed.id())
        labels = algorithm.labels()
        resolved = {helptext.name_parameters(s, labels) for s in sources} | sources
        templates = [re.compile(re.escape(s).replace("%s", ".+").replace("%d", r"\d+") + "$")
                     for s in resolved if "%s" in s or "%d" in s]
        texts = [algorithm.displayName(), algorithm.group()]
        blocks = algorithm.all_help_blocks()
        texts += [t for block in blocks for t in ([block] if isinstance(block, str) else block)]
        for parameter in algorithm.parameterDefinitions():
            texts.append(parameter.description())
            if ":" not in parameter.name():  # a model output's help is its step's, named there
                texts.append(parameter.help())
            if parameter.type() == "enum":
                texts += [o for o in parameter.options() if o not in ("H-S", "SH-S", "SA-S", "A-S")]
        for text in texts:  # as written, or a template with a layer's or period's name in it
            assert text in resolved or any(t.match(text) for t in templates), (algorithm.id(), text)
            shown += 1
    assert shown > 300


def test_the_chinese_translation_is_complete():
    messages = make_translations.messages(TS)
    assert len(messages) > 200
    for (context, source), (translation, finished) in messages.items():
        assert finished and translation.strip(), (context, source)
        assert sorted(KEPT.findall(source)) == sorted(KEPT.findall(translation)), (source, translation)
        assert re.search(r"[\u4e00-\u9fff]", translation) or not re.search(r"[a-z]{3}", source), source


def test_the_compiled_translation_is_current(tmp_path):
    qm = str(tmp_path / "tsmv.qm")
    make_translations.compile_qm(TS, qm)
    assert open(qm, "rb").read() == open(TS[:-3] + ".qm", "rb").read(), "run make translations"


ZH_CN = r"""
import os, sys
sys.path.insert(0, sys.argv[1])
from qgis.core import QgsApplication, QgsSettings
profile = sys.argv[2]
app = QgsApplication([], True, profile)
import make_pictures
app.initQgis()
settings = QgsSettings()  # what Settings > Options writes (QGIS 3.44 keeps it where QgsSettings reads)
settings.setValue("locale/userLocale", sys.argv[3])
settings.setValue("locale/overrideFlag", True)
import tsmv_package
tsmv_package.add_to_path()
from tsmv.processing_provider.provider import TsmvProvider
provider = TsmvProvider()
QgsApplication.processingRegistry().addProvider(provider)
from qgis.PyQt.QtWidgets import QLabel
window = make_pictures.open_dialog("tsmv:trend")
algorithm = window.algorithm()
print("NAME", algorithm.displayName())
print("URL", algorithm.helpUrl())
for label in window.findChildren(QLabel):
    if label.isVisible() and label.text():
        print("LABEL", label.text())
window.close()
"""


@pytest.mark.parametrize("locale", ["zh_CN", "zh-Hans"])  # zh-Hans: what QGIS's Options dialog saves
def test_qgis_in_chinese_shows_the_trend_dialog_in_chinese(tmp_path, locale):
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", LANG="C.UTF-8",
               HOME=str(tmp_path))  # QGIS 3.44 may keep its settings under HOME, whatever the profile
    proc = subprocess.run([sys.executable, "-c", ZH_CN, os.path.join(ROOT, "scripts"), str(tmp_path), locale],
                          capture_output=True, text=True, timeout=300, env=env)
    assert proc.returncode == 0, proc.stderr[-3000:]
    lines = proc.stdout.splitlines()
    messages = {source: translation for (context, source), (translation, _) in
                make_translations.messages(TS).items() if context in ("Trend", "TsmvAlgorithm")}
    assert "NAME " + messages["5 Sen's slope, Mann-Kendall"] in lines
    assert any(line.startswith("URL ") and line.endswith("docs/algorithms/zh_CN/trend.html") for line in lines)
    labels = [line[len("LABEL "):] for line in lines if line.startswith("LABEL ")]
    for english in ("Annual total soil moisture (or any labelled stack)", "Significance level", "Mann-Kendall variant", "Minimum valid years",
                    "Start year", "Fast-change threshold (per year)"):
        chinese = messages[english]
        assert any(label.startswith(chinese) for label in labels), (english, chinese, labels)
        assert not any(label.startswith(english) for label in labels), english
