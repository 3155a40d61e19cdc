"""make docs: the help page of every algorithm and model, opened by the dialog's Help button.

docs/algorithms/<id>.html (English) and docs/algorithms/<locale>/<id>.html (each language of
i18n/) are made from the same text as the dialog's help panel: the algorithm's help blocks,
its parameters (labels, ids, defaults, choices, help), its outputs (what each band or column
holds) and a worked example on the data of ``make demo``.  A test regenerates them and
compares, so the pages cannot drift from the code.
"""
import html
import os
import sys

import tsmv_package

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
PAGES = os.path.join(ROOT, "docs", "algorithms")
LOCALES = ["zh_CN"]

#: Worked examples: the parameters of one run on the files of ``make demo`` (demo/data,
#: demo/results), given as qgis_process arguments.
LAYERS = ("0_10", "10_40", "40_100", "100_200")
EXAMPLES = {
    "download": {"PRODUCT": 0, "START_YEAR": 1948, "END_YEAR": 2024, "OUTPUT_FOLDER": "data/gldas",
                 "OUTPUT": "data/gldas_manifest.csv"},
    "importgldas": dict([("INPUT", "demo/data/gldas"), ("START_YEAR", 2000), ("END_YEAR", 2024)]
                        + [("OUTPUT_" + k, "sm_%s.tif" % k) for k in LAYERS]),
    "importsoilmoisture": dict([("INPUT", "demo/data/era5land"), ("QUALITY_CONTROL", "true"), ("SEASONS", "true"),
                                ("ANNUAL_TSM", "era5land/annual_tsm.tif")]
                               + [("OUTPUT_%d" % i, "era5land/sm_%d.tif" % i) for i in range(1, 5)]
                               + [("SEASONAL_%d" % i, "era5land/seasonal_%d.tif" % i) for i in range(1, 5)]),
    "qualitycontrol": dict([("INPUT_" + k, "sm_%s.tif" % k) for k in LAYERS]
                           + [("OUTPUT_" + k, "qc_%s.tif" % k) for k in LAYERS]
                           + [("REPORT", "qc_report.csv")]),
    "seasons": dict([("INPUT_" + k, "qc_%s.tif" % k) for k in LAYERS]
                    + [("SEASON_CODES", "season_codes.tif"), ("ANNUAL_TSM", "annual_tsm.tif")]
                    + [("SEASONAL_" + k, "seasonal_%s.tif" % k) for k in LAYERS]),
    "trend": {"INPUT": "annual_tsm.tif", "START_YEAR": 2000, "END_YEAR": 2024, "ALPHA": 0.05,
              "OUTPUT": "trend_2000_2024.tif", "SUMMARY": "trend_2000_2024.csv"},
    "changepoint": {"INPUT": "annual_tsm.tif", "START_YEAR": 1948, "END_YEAR": 2024,
                    "OUTPUT": "changepoints_1948_2024.tif", "SUMMARY": "changepoints_1948_2024.csv"},
    "attribution": dict([("INPUT_" + k, "seasonal_%s.tif" % k) for k in LAYERS]
                        + [("START_YEAR", 2000), ("END_YEAR", 2024),
                           ("COMPONENTS", "components_2000_2024.tif"),
                           ("DOMINANT", "dominant_2000_2024.tif"),
                           ("TABLE", "attribution_2000_2024.csv")]),
    "landcover": {"INPUT": "demo/data/MCD12C1.A2010001.061_igbp.tif", "REFERENCE": "annual_tsm.tif",
                  "OUTPUT": "ecosystems.tif"},
    "gpp": {"INPUT": "demo/data/gosif", "REFERENCE": "annual_tsm.tif", "START_YEAR": 2000,
            "END_YEAR": 2024, "OUTPUT": "gpp.tif"},
    "correlation": dict([("INPUT_" + k, "seasonal_%s.tif" % k) for k in LAYERS]
                        + [("SEASON_CODES", "season_codes.tif"), ("GPP", "gpp.tif"),
                           ("ECOSYSTEMS", "ecosystems.tif"), ("R", "r.tif"), ("P", "p.tif"),
                           ("TABLE", "correlation.csv")]),
    "report": {"ANNUAL_TSM": "annual_tsm.tif", "TREND_B": "trend_2000_2024.tif",
               "SUMMARY_B": "trend_2000_2024.csv", "ATTRIBUTION_TABLE_B": "attribution_2000_2024.csv",
               "CORRELATION_TABLE": "correlation.csv", "OUTPUT": "report.html"},
    "zonal": {"INPUT_POLYGONS": "countries.gpkg", "FIELD": "name", "TREND": "trend_2000_2024.tif",
              "ATTRIBUTION": "components_2000_2024.tif", "OUTPUT": "zonal.csv", "OUTPUT_LAYER": "zonal.gpkg"},
    "soilmoisturechain": {"GLDAS": "demo/data/gldas", "START_A": 1948, "END_A": 1999,
                          "START_B": 2000, "END_B": 2024, "report:report": "report.html"},
    "downloadchain": {"GLDAS": "data/gldas", "START_A": 1948, "END_A": 1999,
                      "START_B": 2000, "END_B": 2024, "report:report": "report.html"},
    "fullchain": {"GLDAS": "demo/data/gldas", "START_A": 1948, "END_A": 1999,
                  "START_B": 2000, "END_B": 2024,
                  "LANDCOVER": "demo/data/MCD12C1.A2010001.061_igbp.tif",
                  "GOSIF": "demo/data/gosif", "report:report": "report.html"},
}


def QT_TRANSLATE_NOOP(context, text):  # noqa: N802 (the name pylupdate5 looks for)
    return text


#: The page's own words (translated with the context "Docs").
WORDS = {
    "Parameters": QT_TRANSLATE_NOOP("Docs", "Parameters"),
    "Outputs": QT_TRANSLATE_NOOP("Docs", "Outputs"),
    "Worked example": QT_TRANSLATE_NOOP("Docs", "Worked example"),
    "Label": QT_TRANSLATE_NOOP("Docs", "Label"),
    "Id": QT_TRANSLATE_NOOP("Docs", "Id"),
    "Type": QT_TRANSLATE_NOOP("Docs", "Type"),
    "Default": QT_TRANSLATE_NOOP("Docs", "Default"),
    "Help": QT_TRANSLATE_NOOP("Docs", "Help"),
    "Contents": QT_TRANSLATE_NOOP("Docs", "Contents"),
    "optional": QT_TRANSLATE_NOOP("Docs", "optional"),
    "Choices": QT_TRANSLATE_NOOP("Docs", "Choices"),
    "Group": QT_TRANSLATE_NOOP("Docs", "Group"),
    "example": QT_TRANSLATE_NOOP(
        "Docs", "With the example data of make demo (demo/data), from the Processing Toolbox, "
        "from the command line (scripts/qgis_process is the project's wrapper of qgis_process) "
        "or from the QGIS Python console:"),
}
TYPES = {
    "raster": QT_TRANSLATE_NOOP("Docs", "Raster layer (GeoTIFF, EPSG:4326)"),
    "number": QT_TRANSLATE_NOOP("Docs", "Number"),
    "enum": QT_TRANSLATE_NOOP("Docs", "Choice"),
    "boolean": QT_TRANSLATE_NOOP("Docs", "Yes or no"),
    "file": QT_TRANSLATE_NOOP("Docs", "File or folder"),
    "extent": QT_TRANSLATE_NOOP("Docs", "Extent (xmin, xmax, ymin, ymax in degrees)"),
    "rasterDestination": QT_TRANSLATE_NOOP("Docs", "GeoTIFF raster"),
    "fileDestination": QT_TRANSLATE_NOOP("Docs", "File"),
    "folderDestination": QT_TRANSLATE_NOOP("Docs", "Folder"),
    "authcfg": QT_TRANSLATE_NOOP("Docs", "Authentication configuration"),
    "string": QT_TRANSLATE_NOOP("Docs", "Text"),
}

STYLE = ("body{font-family:sans-serif;max-width:60em;margin:2em auto;padding:0 1em;line-height:1.45}"
         "table{border-collapse:collapse;width:100%}td,th{border:1px solid #ccc;padding:.3em;"
         "vertical-align:top;text-align:left}th{background:#eef3ee}code,pre{background:#f4f4f4}"
         "pre{padding:.6em;overflow-x:auto;white-space:pre-wrap}.id{color:#555}")


def escape(text):
    """Text for HTML (quotes stay quotes: no attribute values are written from text)."""
    return html.escape(str(text), quote=False)


def word(key):
    from qgis.PyQt.QtCore import QCoreApplication
    return escape(QCoreApplication.translate("Docs", WORDS[key]))


def describe_type(parameter):
    from qgis.PyQt.QtCore import QCoreApplication
    text = TYPES.get(parameter.type(), parameter.type())
    return escape(QCoreApplication.translate("Docs", text))


def default_and_choices(parameter):
    """(default, choices) as the dialog offers them (a number's range is in its help)."""
    default = parameter.defaultValue()
    choices = ""
    if parameter.type() == "enum":
        options = parameter.options()
        choices = "; ".join("%d: %s" % (i, o) for i, o in enumerate(options))
        default = options[int(default)] if default not in (None, "") else ""
    if parameter.type() == "enum" and choices:
        choices = "%s: %s" % (word("Choices"), escape(choices))
    if default is None or parameter.isDestination():
        default = ""
    return escape(str(default)), choices


def example(algorithm_id, values):
    args = " ".join("--%s=%s" % (k, v) for k, v in values.items())
    python = ",\n    ".join("%r: %r" % kv for kv in values.items())
    return ("<p>%s</p><pre>scripts/qgis_process run %s %s</pre><pre>import processing\n"
            "processing.run(\"%s\", {\n    %s})</pre>"
            % (word("example"), algorithm_id, escape(args), algorithm_id, escape(python)))


def page(algorithm, lang):
    from tsmv.processing_provider import help as helptext
    from tsmv.processing_provider.compat import OPTIONAL
    labels = algorithm.labels()
    rows_in, rows_out = [], []
    for p in algorithm.parameterDefinitions():
        label = escape(p.description())
        optional = " <i>(%s)</i>" % word("optional") if p.flags() & OPTIONAL else ""
        if p.isDestination():
            rows_out.append("<tr><td>%s%s</td><td><code>%s</code></td><td>%s</td><td>%s</td></tr>"
                            % (label, optional, escape(p.name()), describe_type(p),
                               escape(p.help())))
        else:
            default, choices = default_and_choices(p)
            rows_in.append("<tr><td>%s%s</td><td><code>%s</code></td><td>%s</td><td>%s</td>"
                           "<td>%s%s</td></tr>" % (label, optional, escape(p.name()),
                                                   describe_type(p), default,
                                                   escape(p.help()),
                                                   "<br>" + choices if choices else ""))
    blocks = algorithm.all_help_blocks()
    return "\n".join([
        "<!DOCTYPE html>", '<html lang="%s"><head><meta charset="utf-8">' % lang,
        "<title>%s - TSMV</title><style>%s</style></head><body>" % (
            escape(algorithm.displayName()), STYLE),
        "<h1>%s</h1>" % escape(algorithm.displayName()),
        '<p class="id"><code>%s</code> &middot; %s: %s</p>' % (
            algorithm.id(), word("Group"), escape(algorithm.group())),
        helptext.to_html(blocks, labels),
        "<h2>%s</h2>" % word("Parameters"),
        "<table><tr><th>%s</th><th>%s</th><th>%s</th><th>%s</th><th>%s</th></tr>" % (
            word("Label"), word("Id"), word("Type"), word("Default"), word("Help")),
        "\n".join(rows_in), "</table>",
        "<h2>%s</h2>" % word("Outputs"),
        "<table><tr><th>%s</th><th>%s</th><th>%s</th><th>%s</th></tr>" % (
            word("Label"), word("Id"), word("Type"), word("Contents")),
        "\n".join(rows_out), "</table>",
        "<h2>%s</h2>" % word("Worked example"),
        example(algorithm.id(), EXAMPLES[algorithm.name()]),
        "</body></html>", ""])


def algorithms(provider):
    """New instances of every TSMV algorithm and model, labelled in the current language."""
    from qgis.core import QgsApplication
    registry = QgsApplication.processingRegistry()
    return [registry.createAlgorithmById(a.id()) for a in provider.algorithms()]


def write_pages(folder, lang, provider):
    os.makedirs(folder, exist_ok=True)
    written = []
    for algorithm in algorithms(provider):
        path = os.path.join(folder, algorithm.name() + ".html")
        with open(path, "w", encoding="utf-8") as f:
            f.write(page(algorithm, lang))
        written.append(path)
    return written


def main(folder=PAGES):
    from qgis.PyQt.QtCore import QCoreApplication, QTranslator
    app, provider = tsmv_package.start_qgis(gui=False)
    written = write_pages(folder, "en", provider)
    for locale in LOCALES:
        translator = QTranslator()
        if not translator.load(os.path.join(ROOT, "i18n", "tsmv_%s.qm" % locale)):
            sys.exit("cannot load i18n/tsmv_%s.qm: run make translations" % locale)
        QCoreApplication.installTranslator(translator)
        written += write_pages(os.path.join(folder, locale), locale.replace("_", "-"), provider)
        QCoreApplication.removeTranslator(translator)
    for path in written:
        print(path)
    del provider, app


if __name__ == "__main__":
    main(*sys.argv[1:])
