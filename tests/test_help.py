"""Help as users meet it: the dialog's help renders every sentence, names parameters as the
dialog shows them, and the Help button opens a shipped page made from the same text."""
import filecmp
import os
import re
import subprocess
import sys

import pytest

from conftest import ROOT

#: Parameter ids that are also ordinary words of the help: product names ("seasonal GPP").
WORDS = {"GPP", "GLDAS", "GOSIF"}


def instances():
    """Every TSMV algorithm and model, as the registry hands them out (initialised)."""
    from qgis.core import QgsApplication
    provider = QgsApplication.processingRegistry().providerById("tsmv")
    return [QgsApplication.processingRegistry().createAlgorithmById(a.id()) for a in provider.algorithms()]


def rendered(html_text):
    from qgis.PyQt.QtGui import QTextDocument
    document = QTextDocument()
    document.setHtml(html_text)
    return " ".join(document.toPlainText().split())


def test_help_renders_every_sentence(tsmv_processing):
    from tsmv.processing_provider import help as helptext
    checked = 0
    for algorithm in instances():
        plain = rendered(algorithm.shortHelpString())
        labels = algorithm.labels()
        for sentence in helptext.sentences(algorithm.all_help_blocks(), labels):
            assert sentence in plain, (algorithm.id(), sentence)
            checked += 1
        assert not helptext.PLACEHOLDER.search(plain), (algorithm.id(), "a {NAME} names no parameter")
        assert "p < α" in plain or algorithm.name() != "trend"  # the sentence once swallowed
    assert checked > 100


def test_help_names_parameters_as_the_dialog_shows_them(tsmv_processing):
    """A parameter id in the help stands in parentheses after its label: "Significance level
    (ALPHA)"; parameter help (tooltips) is plain text."""
    for algorithm in instances():
        plain = rendered(algorithm.shortHelpString())
        for parameter in algorithm.parameterDefinitions():
            name = parameter.name()
            if name in WORDS:
                continue
            for match in re.finditer(r"(?<![\w:])%s(?![\w:])" % re.escape(name), plain):
                before = plain[:match.start()]
                assert before.endswith(parameter.description() + " ("), (algorithm.id(), name, before[-60:])
            assert not re.search(r"[<>&]", parameter.help()), (algorithm.id(), name, parameter.help())
            assert parameter.help() and "{" not in parameter.help(), (algorithm.id(), name)


def test_help_button_opens_the_shipped_page(tsmv_processing):
    from qgis.PyQt.QtCore import QUrl
    for algorithm in instances():
        path = QUrl(algorithm.helpUrl()).toLocalFile()
        assert os.path.realpath(path) == os.path.join(ROOT, "docs", "algorithms", algorithm.name() + ".html"), \
            algorithm.id()
        text = open(path, encoding="utf-8").read()
        assert algorithm.displayName() in text and "scripts/qgis_process run %s " % algorithm.id() in text


def test_help_pages_are_made_from_the_current_help(tmp_path):
    """docs/algorithms is what scripts/make_docs.py makes now (English and each language)."""
    proc = subprocess.run([sys.executable, os.path.join(ROOT, "scripts", "make_docs.py"), str(tmp_path)],
                          capture_output=True, text=True, env=dict(os.environ, QT_QPA_PLATFORM="offscreen"))
    assert proc.returncode == 0, proc.stderr[-3000:]
    shipped = os.path.join(ROOT, "docs", "algorithms")
    made = sorted(os.path.relpath(os.path.join(d, n), tmp_path) for d, _, names in os.walk(tmp_path) for n in names)
    assert made == sorted(os.path.relpath(os.path.join(d, n), shipped)
                          for d, _, names in os.walk(shipped) for n in names)
    assert len(made) == 2 * 16  # 13 algorithms, 3 models
    for name in made:
        assert filecmp.cmp(os.path.join(tmp_path, name), os.path.join(shipped, name), shallow=False), \
            "%s is stale: run make docs" % name


def test_worked_examples_name_real_parameters(tsmv_processing):
    sys.path.insert(0, os.path.join(ROOT, "scripts"))
    import make_docs
    for algorithm in instances():
        example = make_docs.EXAMPLES[algorithm.name()]
        names = {p.name() for p in algorithm.parameterDefinitions()}
        assert set(example) <= names, (algorithm.id(), set(example) - names)
        required = {p.name() for p in algorithm.parameterDefinitions()
                    if not p.isDestination() and not p.flags() & _optional() and p.defaultValue() is None}
        assert required <= set(example), (algorithm.id(), required - set(example))


def _optional():
    from tsmv.processing_provider.compat import OPTIONAL
    return OPTIONAL


@pytest.mark.parametrize("text, expected", [
    ("p < {ALPHA} & q", "<p>p &lt; <i>Significance level</i> (ALPHA) &amp; q</p>"),
    ("x_{s,d} and {UNKNOWN}", "<p>x_{s,d} and {UNKNOWN}</p>"),
])
def test_placeholders_and_escaping(text, expected):
    from tsmv.processing_provider import help as helptext
    assert helptext.to_html([text], {"ALPHA": "Significance level"}) == expected
    assert list(helptext.sentences([[text]], {"ALPHA": "Significance level"}))[0] == \
        text.replace("{ALPHA}", "Significance level (ALPHA)")


def csv_headers():
    """{(algorithm, CSV destination): the header the core writes}."""
    from tsmv.tsmv_qgis.steps import attribution, changepoint, correlation, qc, trend
    return {("qualitycontrol", "REPORT"): qc.QC_HEADER, ("importgldas", "REPORT"): qc.QC_HEADER,
            ("trend", "SUMMARY"): trend.SUMMARY_HEADER, ("changepoint", "SUMMARY"): changepoint.SUMMARY_HEADER,
            ("attribution", "TABLE"): attribution.TABLE_HEADER + attribution.BOOTSTRAP_COLUMNS,
            ("correlation", "TABLE"): correlation.TABLE_HEADER}


def listed_columns(help_text):
    """The columns a CSV destination's help lists: "CSV, one row per layer: layer, values, ...,
    max_allowed_kg_m2 (the maximum used, kg m-2)." -> ["layer", "values", ..., "max_allowed_kg_m2"]
    (the names after the last colon, without the explanations in parentheses)."""
    text, previous = help_text, None
    while text != previous:  # innermost parentheses first: "(area-weighted, percent of Var(TSM))"
        text, previous = re.sub(r"\([^()]*\)", "", text), text
    return [column.strip() for column in text.rsplit(":", 1)[-1].strip().rstrip(".").split(",")]


def test_help_lists_the_columns_of_each_csv_as_written(tsmv_processing):
    by_name = {algorithm.name(): algorithm for algorithm in instances()}
    for (name, output), header in csv_headers().items():
        help_text = by_name[name].parameterDefinition(output).help()
        assert listed_columns(help_text) == list(header), (name, output, help_text)
