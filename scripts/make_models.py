"""Build the TSMV graphical models (models/*.model3) from this one description.

make models    (or: python3 scripts/make_models.py [FOLDER])

Two models, loaded by the provider as tsmv:soilmoisturechain and tsmv:fullchain:
import -> quality control -> seasons -> trend of ANNUAL_TSM for two periods ->
attribution for two periods -> report, and the same plus land cover -> GPP ->
correlation.  Every step's outputs are model outputs (optional: unset ones go to
temporary files), so a run can keep them, each styled by its .qml.
"""
import os
import sys

import tsmv_package

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
LAYERS = ("0_10", "10_40", "40_100", "100_200")
PERIODS = ("A", "B")

#: (model output name, child id, child output name, description)
SM_OUTPUTS = (
    [("sm_%s" % k, "import", "OUTPUT_%s" % k, "Soil moisture %s cm (monthly)" % k) for k in LAYERS]
    + [("qc_%s" % k, "qc", "OUTPUT_%s" % k, "Quality-controlled soil moisture %s cm" % k) for k in LAYERS]
    + [("qc_report", "qc", "REPORT", "Quality report")]
    + [("season_codes", "seasons", "SEASON_CODES", "Season codes"),
       ("annual_tsm", "seasons", "ANNUAL_TSM", "Annual total soil moisture")]
    + [("seasonal_%s" % k, "seasons", "SEASONAL_%s" % k, "Seasonal soil moisture %s cm" % k) for k in LAYERS]
    + [x for p in PERIODS for x in (
        ("trend_%s" % p, "trend_%s" % p, "OUTPUT", "Trend of TSM, period %s" % p),
        ("trend_summary_%s" % p, "trend_%s" % p, "SUMMARY", "Trend summary, period %s" % p))]
    + [("%s_%s" % (o.lower(), p), "attribution_%s" % p, o, "%s, period %s" % (o.capitalize(), p))
       for p in PERIODS for o in ("COMPONENTS", "BY_SEASON", "BY_DEPTH", "BY_DYNAMIC", "OMEGA",
                                  "DOMINANT", "TABLE")]
    + [("report", "report", "OUTPUT", "Report")])
ECO_OUTPUTS = [("ecosystems", "landcover", "OUTPUT", "Ecosystems"),
               ("gpp", "gpp", "OUTPUT", "Monthly GPP"),
               ("r", "correlation", "R", "Correlation r"), ("p", "correlation", "P", "Correlation p"),
               ("correlation_table", "correlation", "TABLE", "Correlation table")]
MODELS = {"soilmoisturechain": ("Soil-moisture chain: import to report", SM_OUTPUTS, False),
          "fullchain": ("Full chain: soil moisture, ecosystems, GPP and report", SM_OUTPUTS + ECO_OUTPUTS, True)}


def build(name, description, outputs, with_ecosystems):
    from qgis.core import (QgsProcessingModelAlgorithm, QgsProcessingModelChildAlgorithm,
                           QgsProcessingModelChildParameterSource as Source, QgsProcessingModelOutput,
                           QgsProcessingModelParameter, QgsProcessingParameterFile,
                           QgsProcessingParameterNumber)
    from qgis.PyQt.QtCore import QPointF
    from tsmv.processing_provider.compat import FileBehavior, NumberType

    model = QgsProcessingModelAlgorithm(description, "Chains", "chains")
    model.setHelpContent({"ALG_DESC": __doc__.split("\n\n")[2].replace("\n", " "),
                          "ALG_CREATOR": "TSMV", "ALG_HELP_CREATOR": "TSMV"})

    def parameter(definition, x):
        definition.setHelp(definition.description())
        model.addModelParameter(definition, QgsProcessingModelParameter(definition.name()))
        model.parameterComponent(definition.name()).setPosition(QPointF(x, 40))

    parameter(QgsProcessingParameterFile("GLDAS", "GLDAS-Noah folder", behavior=FileBehavior.Folder), 120)
    for i, (p, first, last) in enumerate((("A", 1948, 1999), ("B", 2000, 2024))):
        parameter(QgsProcessingParameterNumber("START_%s" % p, "Period %s: first year" % p,
                                               NumberType.Integer, first), 320 + 400 * i)
        parameter(QgsProcessingParameterNumber("END_%s" % p, "Period %s: last year" % p,
                                               NumberType.Integer, last), 520 + 400 * i)
    if with_ecosystems:
        parameter(QgsProcessingParameterFile("LANDCOVER", "MCD12C1 land cover (HDF4 or GeoTIFF)"), 1120)
        parameter(QgsProcessingParameterFile("GOSIF", "GOSIF GPP folder", behavior=FileBehavior.Folder), 1320)

    children = {}

    def child(child_id, algorithm, x, y, **sources):
        c = QgsProcessingModelChildAlgorithm("tsmv:" + algorithm)
        c.setChildId(child_id)
        c.setDescription(child_id.replace("_", " ").capitalize())
        c.setPosition(QPointF(x, y))
        for param, source in sources.items():
            if isinstance(source, tuple) and source[0] == "model":
                value = Source.fromModelParameter(source[1])
            elif isinstance(source, tuple):
                value = Source.fromChildOutput(*source)
            else:
                value = Source.fromStaticValue(source)
            c.addParameterSources(param, [value])
        children[child_id] = c

    child("import", "importgldas", 120, 160, INPUT=("model", "GLDAS"))
    child("qc", "qualitycontrol", 120, 280, **{"INPUT_" + k: ("import", "OUTPUT_" + k) for k in LAYERS})
    child("seasons", "seasons", 120, 400, **{"INPUT_" + k: ("qc", "OUTPUT_" + k) for k in LAYERS})
    report = {"ANNUAL_TSM": ("seasons", "ANNUAL_TSM"), "QC_REPORT": ("qc", "REPORT")}
    report.update({"SEASONAL_" + k: ("seasons", "SEASONAL_" + k) for k in LAYERS})
    for i, p in enumerate(PERIODS):
        years = {"START_YEAR": ("model", "START_" + p), "END_YEAR": ("model", "END_" + p)}
        child("trend_" + p, "trend", 420 + 400 * i, 520, INPUT=("seasons", "ANNUAL_TSM"), **years)
        child("attribution_" + p, "attribution", 420 + 400 * i, 640,
              **dict(years, **{"INPUT_" + k: ("seasons", "SEASONAL_" + k) for k in LAYERS}))
        report.update({"TREND_" + p: ("trend_" + p, "OUTPUT"), "SUMMARY_" + p: ("trend_" + p, "SUMMARY"),
                       "COMPONENTS_" + p: ("attribution_" + p, "COMPONENTS"),
                       "ATTRIBUTION_TABLE_" + p: ("attribution_" + p, "TABLE")})
    if with_ecosystems:
        child("landcover", "landcover", 1220, 520, INPUT=("model", "LANDCOVER"),
              REFERENCE=("seasons", "ANNUAL_TSM"))
        child("gpp", "gpp", 1420, 520, INPUT=("model", "GOSIF"), REFERENCE=("seasons", "ANNUAL_TSM"))
        child("correlation", "correlation", 1320, 640, SEASON_CODES=("seasons", "SEASON_CODES"),
              GPP=("gpp", "OUTPUT"), ECOSYSTEMS=("landcover", "OUTPUT"),
              **{"INPUT_" + k: ("seasons", "SEASONAL_" + k) for k in LAYERS})
        report["CORRELATION_TABLE"] = ("correlation", "TABLE")
    child("report", "report", 720, 780, **report)

    by_child = {}
    for out_name, child_id, child_output, text in outputs:
        output = QgsProcessingModelOutput(out_name, text)
        output.setChildId(child_id)
        output.setChildOutputName(child_output)
        output.setMandatory(False)
        by_child.setdefault(child_id, {})[out_name] = output
    for child_id, c in children.items():
        c.setModelOutputs(by_child.get(child_id, {}))
        model.addChildAlgorithm(c)
    model.setName(name)
    return model


def main(folder):
    from qgis.core import QgsApplication
    app = QgsApplication([], False)
    app.initQgis()
    tsmv_package.add_to_path()  # the repository is the plugin: import it as tsmv
    from tsmv.processing_provider.provider import TsmvProvider
    provider = TsmvProvider()
    QgsApplication.processingRegistry().addProvider(provider)
    os.makedirs(folder, exist_ok=True)
    for name, (description, outputs, eco) in MODELS.items():
        path = os.path.join(folder, name + ".model3")
        if not build(name, description, outputs, eco).toFile(path):
            sys.exit("could not write %s" % path)
        print(path)
    del app


if __name__ == "__main__":
    main(sys.argv[1] if len(sys.argv) > 1 else os.path.join(ROOT, "models"))
