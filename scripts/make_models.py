"""Build the TSMV graphical models (models/*.model3) from this one description.

make models    (or: python3 scripts/make_models.py [FOLDER])

Three models, loaded by the provider as tsmv:soilmoisturechain ("1 Soil-moisture chain"),
tsmv:fullchain ("2 Full chain") and tsmv:downloadchain ("3 Download and run chain 1"):
import with quality control and seasons (one pass) -> trend and attribution for two
periods -> report; the full chain adds land cover -> GPP -> correlation; the download chain
first downloads GLDAS-Noah (tsmv:download) into the folder the user names (its GLDAS input, fed
to the download's OUTPUT_FOLDER: a folder that stays, so a second run fetches nothing again),
which the import then reads.

* The diagram reads like the chain: the inputs in a row on top; below them the steps in
  columns, left to right in the order of the chain (preparation, period A, period B,
  ecosystems, report), each column from the top; every step's outputs stacked beside it.
  No two boxes overlap.  The dialog lists the outputs in the same order (models.py).
* Every step parameter that no input or other step feeds is set to the step's default, so
  that validate() finds nothing missing (QGIS 3.22 asks for every mandatory parameter).
* Every step output is a model output.  Those a user looks at (report, trends, dominant
  components, ecosystems, correlation r) default to a temporary file and are loaded when the
  run ends; the others default to "Skip output": written to a temporary file, not loaded.
* Every text a user sees (name, group, labels, help) is a literal marked
  QT_TRANSLATE_NOOP("TsmvModel", ...): pylupdate5 extracts it (make translations) and
  TsmvModel translates it when it loads the file.
* models/<locale>/*.model3 are the same models labelled in each language of i18n/ (from its
  compiled translations: make translations first): the Graphical Modeler shows the file's own
  labels, and the provider loads the copy in the user's language (models.py).
"""
import glob
import os
import sys

import tsmv_package

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
LAYERS = ("0_10", "10_40", "40_100", "100_200")
PERIODS = ("A", "B")


def QT_TRANSLATE_NOOP(context, text):  # noqa: N802 (the name pylupdate5 looks for)
    """Mark ``text`` for translation in ``context``; TsmvModel translates it when it loads."""
    return text


#: The inputs, left to right as in the dialog: (name, label, help, default).
SM_INPUTS = [
    ("GLDAS", QT_TRANSLATE_NOOP("TsmvModel", "GLDAS-Noah folder"),
     QT_TRANSLATE_NOOP("TsmvModel", "Folder of GLDAS-Noah monthly files (V2.0 and V2.1, 1.0 or 0.25 degree, "
                                    "NetCDF4), searched with its subfolders."), None),
    ("START_A", QT_TRANSLATE_NOOP("TsmvModel", "Period A: first year"),
     QT_TRANSLATE_NOOP("TsmvModel", "First year of period A (the paper: 1948)."), 1948),
    ("END_A", QT_TRANSLATE_NOOP("TsmvModel", "Period A: last year"),
     QT_TRANSLATE_NOOP("TsmvModel", "Last year of period A (the paper: 1999)."), 1999),
    ("START_B", QT_TRANSLATE_NOOP("TsmvModel", "Period B: first year"),
     QT_TRANSLATE_NOOP("TsmvModel", "First year of period B (the paper: 2000)."), 2000),
    ("END_B", QT_TRANSLATE_NOOP("TsmvModel", "Period B: last year"),
     QT_TRANSLATE_NOOP("TsmvModel", "Last year of period B (the paper: 2024)."), 2024)]
ECO_INPUTS = [
    ("LANDCOVER", QT_TRANSLATE_NOOP("TsmvModel", "MCD12C1 land cover (HDF4 or GeoTIFF)"),
     QT_TRANSLATE_NOOP("TsmvModel", "MODIS MCD12C1 IGBP land cover: an .hdf file, or a GeoTIFF on its "
                                    "0.05 degree grid."), None),
    ("GOSIF", QT_TRANSLATE_NOOP("TsmvModel", "GOSIF GPP folder"),
     QT_TRANSLATE_NOOP("TsmvModel", "Folder of GOSIF GPP v2 files (8-day or monthly, .tif or .tif.gz)."), None)]

#: The download chain's inputs: the soil-moisture chain's, the folder being where the files go.
DL_INPUTS = [
    ("GLDAS", QT_TRANSLATE_NOOP("TsmvModel", "GLDAS-Noah folder (downloaded into, kept)"),
     QT_TRANSLATE_NOOP("TsmvModel", "Folder the GLDAS-Noah monthly files are downloaded into (made if "
                                    "missing), then read from. It is kept: a second run fetches only the "
                                    "files still missing."), None)] + SM_INPUTS[1:] + [
    ("AUTH", QT_TRANSLATE_NOOP("TsmvModel", "Earthdata Login"),
     QT_TRANSLATE_NOOP("TsmvModel", "A QGIS authentication configuration: Basic (Earthdata username and "
                                    "password) or API Header (Authorization: Bearer and your Earthdata "
                                    "token). Empty: the environment variables or ~/.netrc."), None),
    ("CMR_URL", QT_TRANSLATE_NOOP("TsmvModel", "CMR address"),
     QT_TRANSLATE_NOOP("TsmvModel", "NASA's Common Metadata Repository; change it only for a mirror or a "
                                    "test."), None)]

#: The steps, column by column: (step id, algorithm, label).
SM_COLUMNS = [
    [("import", "importgldas", QT_TRANSLATE_NOOP("TsmvModel", "Import GLDAS-Noah: quality control, seasons"))],
    [("trend_A", "trend", QT_TRANSLATE_NOOP("TsmvModel", "Trend, period A")),
     ("attribution_A", "attribution", QT_TRANSLATE_NOOP("TsmvModel", "Attribution, period A"))],
    [("trend_B", "trend", QT_TRANSLATE_NOOP("TsmvModel", "Trend, period B")),
     ("attribution_B", "attribution", QT_TRANSLATE_NOOP("TsmvModel", "Attribution, period B"))]]
ECO_COLUMN = [("landcover", "landcover", QT_TRANSLATE_NOOP("TsmvModel", "Ecosystems from land cover")),
              ("gpp", "gpp", QT_TRANSLATE_NOOP("TsmvModel", "GPP on the soil-moisture grid")),
              ("correlation", "correlation", QT_TRANSLATE_NOOP("TsmvModel", "Correlation with GPP"))]
REPORT_COLUMN = [("report", "report", QT_TRANSLATE_NOOP("TsmvModel", "Report"))]
DOWNLOAD_STEP = ("download", "download", QT_TRANSLATE_NOOP("TsmvModel", "Download GLDAS-Noah monthly 1.0 degree"))

#: The model outputs in the order of the diagram: (name, step, step output, label).  Command-line
#: users write them as step:name (trend_A:trend_A).
SM_OUTPUTS = [
    ("qc_0_10", "import", "OUTPUT_0_10",
     QT_TRANSLATE_NOOP("TsmvModel", "Quality-controlled soil moisture 0-10 cm (kg m-2)")),
    ("qc_10_40", "import", "OUTPUT_10_40",
     QT_TRANSLATE_NOOP("TsmvModel", "Quality-controlled soil moisture 10-40 cm (kg m-2)")),
    ("qc_40_100", "import", "OUTPUT_40_100",
     QT_TRANSLATE_NOOP("TsmvModel", "Quality-controlled soil moisture 40-100 cm (kg m-2)")),
    ("qc_100_200", "import", "OUTPUT_100_200",
     QT_TRANSLATE_NOOP("TsmvModel", "Quality-controlled soil moisture 100-200 cm (kg m-2)")),
    ("qc_report", "import", "REPORT", QT_TRANSLATE_NOOP("TsmvModel", "Quality-control table")),
    ("season_codes", "import", "SEASON_CODES", QT_TRANSLATE_NOOP("TsmvModel", "Season of each month (code 1-4)")),
    ("annual_tsm", "import", "ANNUAL_TSM", QT_TRANSLATE_NOOP("TsmvModel", "Annual total soil moisture (kg m-2)")),
    ("seasonal_0_10", "import", "SEASONAL_0_10", QT_TRANSLATE_NOOP("TsmvModel", "Seasonal soil moisture 0-10 cm (kg m-2)")),
    ("seasonal_10_40", "import", "SEASONAL_10_40",
     QT_TRANSLATE_NOOP("TsmvModel", "Seasonal soil moisture 10-40 cm (kg m-2)")),
    ("seasonal_40_100", "import", "SEASONAL_40_100",
     QT_TRANSLATE_NOOP("TsmvModel", "Seasonal soil moisture 40-100 cm (kg m-2)")),
    ("seasonal_100_200", "import", "SEASONAL_100_200",
     QT_TRANSLATE_NOOP("TsmvModel", "Seasonal soil moisture 100-200 cm (kg m-2)")),
    ("trend_A", "trend_A", "OUTPUT", QT_TRANSLATE_NOOP("TsmvModel", "Trend of TSM, period A (kg m-2 per year)")),
    ("trend_summary_A", "trend_A", "SUMMARY", QT_TRANSLATE_NOOP("TsmvModel", "Trend summary, period A (table)")),
    ("components_A", "attribution_A", "COMPONENTS",
     QT_TRANSLATE_NOOP("TsmvModel", "Contributions by component, period A (% of Var(TSM))")),
    ("by_season_A", "attribution_A", "BY_SEASON",
     QT_TRANSLATE_NOOP("TsmvModel", "Contributions by season, period A (% of Var(TSM))")),
    ("by_depth_A", "attribution_A", "BY_DEPTH",
     QT_TRANSLATE_NOOP("TsmvModel", "Contributions by depth, period A (% of Var(TSM))")),
    ("by_dynamic_A", "attribution_A", "BY_DYNAMIC",
     QT_TRANSLATE_NOOP("TsmvModel", "Contributions by dynamic, period A (% of Var(TSM))")),
    ("omega_A", "attribution_A", "OMEGA",
     QT_TRANSLATE_NOOP("TsmvModel", "Contribution per unit of storage (omega), period A")),
    ("dominant_A", "attribution_A", "DOMINANT",
     QT_TRANSLATE_NOOP("TsmvModel", "Dominant components, period A (code, % of Var(TSM))")),
    ("table_A", "attribution_A", "TABLE", QT_TRANSLATE_NOOP("TsmvModel", "Attribution table, period A")),
    ("trend_B", "trend_B", "OUTPUT", QT_TRANSLATE_NOOP("TsmvModel", "Trend of TSM, period B (kg m-2 per year)")),
    ("trend_summary_B", "trend_B", "SUMMARY", QT_TRANSLATE_NOOP("TsmvModel", "Trend summary, period B (table)")),
    ("components_B", "attribution_B", "COMPONENTS",
     QT_TRANSLATE_NOOP("TsmvModel", "Contributions by component, period B (% of Var(TSM))")),
    ("by_season_B", "attribution_B", "BY_SEASON",
     QT_TRANSLATE_NOOP("TsmvModel", "Contributions by season, period B (% of Var(TSM))")),
    ("by_depth_B", "attribution_B", "BY_DEPTH",
     QT_TRANSLATE_NOOP("TsmvModel", "Contributions by depth, period B (% of Var(TSM))")),
    ("by_dynamic_B", "attribution_B", "BY_DYNAMIC",
     QT_TRANSLATE_NOOP("TsmvModel", "Contributions by dynamic, period B (% of Var(TSM))")),
    ("omega_B", "attribution_B", "OMEGA",
     QT_TRANSLATE_NOOP("TsmvModel", "Contribution per unit of storage (omega), period B")),
    ("dominant_B", "attribution_B", "DOMINANT",
     QT_TRANSLATE_NOOP("TsmvModel", "Dominant components, period B (code, % of Var(TSM))")),
    ("table_B", "attribution_B", "TABLE", QT_TRANSLATE_NOOP("TsmvModel", "Attribution table, period B"))]
ECO_OUTPUTS = [
    ("ecosystems", "landcover", "OUTPUT",
     QT_TRANSLATE_NOOP("TsmvModel", "Ecosystems (code 1-4)")),
    ("gpp", "gpp", "OUTPUT", QT_TRANSLATE_NOOP("TsmvModel", "Monthly GPP (g C m-2 per day)")),
    ("r", "correlation", "R",
     QT_TRANSLATE_NOOP("TsmvModel", "Correlation of soil moisture with GPP (Pearson r)")),
    ("p", "correlation", "P", QT_TRANSLATE_NOOP("TsmvModel", "Correlation p-value")),
    ("r_root_zone", "correlation", "R_ROOT_ZONE",
     QT_TRANSLATE_NOOP("TsmvModel", "Correlation of root-zone soil moisture (10-100 cm) with GPP (Pearson r)")),
    ("p_root_zone", "correlation", "P_ROOT_ZONE",
     QT_TRANSLATE_NOOP("TsmvModel", "Root-zone correlation p-value (10-100 cm)")),
    ("correlation_table", "correlation", "TABLE", QT_TRANSLATE_NOOP("TsmvModel", "Correlation table by ecosystem"))]
DL_OUTPUTS = [("manifest", "download", "OUTPUT", QT_TRANSLATE_NOOP("TsmvModel", "Download manifest (table)"))]
REPORT_OUTPUTS = [("report", "report", "OUTPUT", QT_TRANSLATE_NOOP("TsmvModel", "Report (HTML)"))]

#: The outputs a user looks at: a temporary file, loaded when the run ends, unless another
#: file is chosen; every other output is skipped by default (a temporary file, not loaded).
LOADED = {"report", "trend_A", "trend_B", "dominant_A", "dominant_B", "ecosystems", "r"}

def step_sources(with_ecosystems, with_download=False):
    """What each step reads: {step: {parameter: ("model", input), ("static", value),
    ("expression", text) or (step, output)}}.  The import applies the quality control and
    classifies the seasons in its pass (QUALITY_CONTROL, SEASONS).  The download (GLDAS-Noah 1.0
    degree, V2.0 before 2000 and V2.1 from 2000, as in the paper) covers both periods and writes
    into the model's GLDAS folder, which the import reads once it is done."""
    sources = {
        "import": {"INPUT": ("model", "GLDAS"), "QUALITY_CONTROL": ("static", True), "SEASONS": ("static", True)},
        "report": dict({"SEASONAL_" + k: ("import", "SEASONAL_" + k) for k in LAYERS},
                       ANNUAL_TSM=("import", "ANNUAL_TSM"), QC_REPORT=("import", "REPORT"))}
    for p in PERIODS:
        years = {"START_YEAR": ("model", "START_" + p), "END_YEAR": ("model", "END_" + p)}
        sources["trend_" + p] = dict(years, INPUT=("import", "ANNUAL_TSM"))
        sources["attribution_" + p] = dict(years, **{"INPUT_" + k: ("import", "SEASONAL_" + k) for k in LAYERS})
        sources["report"].update({"TREND_" + p: ("trend_" + p, "OUTPUT"), "SUMMARY_" + p: ("trend_" + p, "SUMMARY"),
                                  "COMPONENTS_" + p: ("attribution_" + p, "COMPONENTS"),
                                  "ATTRIBUTION_TABLE_" + p: ("attribution_" + p, "TABLE")})
    if with_download:
        sources["download"] = {"PRODUCT": ("static", 0), "OUTPUT_FOLDER": ("model", "GLDAS"),
                               "START_YEAR": ("expression", "min(@START_A, @START_B)"),
                               "END_YEAR": ("expression", "max(@END_A, @END_B)"),
                               "AUTH": ("model", "AUTH"), "CMR_URL": ("model", "CMR_URL")}
        sources["import"]["INPUT"] = ("download", "OUTPUT_FOLDER")
    if with_ecosystems:
        sources["landcover"] = {"INPUT": ("model", "LANDCOVER"), "REFERENCE": ("import", "ANNUAL_TSM")}
        sources["gpp"] = {"INPUT": ("model", "GOSIF"), "REFERENCE": ("import", "ANNUAL_TSM")}
        sources["correlation"] = dict({"INPUT_" + k: ("import", "SEASONAL_" + k) for k in LAYERS},
                                      SEASON_CODES=("import", "SEASON_CODES"), GPP=("gpp", "OUTPUT"),
                                      ECOSYSTEMS=("landcover", "OUTPUT"))
        sources["report"].update(CORRELATION_TABLE=("correlation", "TABLE"), R=("correlation", "R"),
                                 P=("correlation", "P"), ECOSYSTEMS=("landcover", "OUTPUT"),
                                 R_ROOT_ZONE=("correlation", "R_ROOT_ZONE"),
                                 P_ROOT_ZONE=("correlation", "P_ROOT_ZONE"))
    return sources


#: The Toolbox group, after the algorithms' (numbered in the order of the workflow, as they are:
#: processing_provider/base.py GROUPS); the models' names are numbered in their order too.
GROUP = QT_TRANSLATE_NOOP("TsmvModel", "5 Chains")
MODELS = {
    "soilmoisturechain": {
        "title": QT_TRANSLATE_NOOP("TsmvModel", "1 Soil-moisture chain"),
        "description": QT_TRANSLATE_NOOP(
            "TsmvModel", "Runs the TSMV soil-moisture chain on a folder of GLDAS-Noah monthly files, as in "
                         "Li et al. (2025): import, quality control, wetness seasons, then for each of two "
                         "periods the trend of total soil moisture and the attribution of its variability, "
                         "and an HTML report of it all."),
        "inputs": SM_INPUTS, "columns": SM_COLUMNS + [REPORT_COLUMN], "outputs": SM_OUTPUTS + REPORT_OUTPUTS,
        "sources": step_sources(False)},
    "fullchain": {
        "title": QT_TRANSLATE_NOOP("TsmvModel", "2 Full chain"),
        "description": QT_TRANSLATE_NOOP(
            "TsmvModel", "Runs the whole TSMV chain, as in Li et al. (2025): the soil-moisture chain (import, "
                         "quality control, wetness seasons, trend and attribution for two periods), the "
                         "ecosystems of MODIS land cover, GOSIF GPP on the same grid and the correlation of "
                         "seasonal soil moisture with GPP, and an HTML report of it all."),
        "inputs": SM_INPUTS + ECO_INPUTS, "columns": SM_COLUMNS + [ECO_COLUMN, REPORT_COLUMN],
        "outputs": SM_OUTPUTS + ECO_OUTPUTS + REPORT_OUTPUTS, "sources": step_sources(True)},
    "downloadchain": {
        "title": QT_TRANSLATE_NOOP("TsmvModel", "3 Download and run chain 1"),
        "description": QT_TRANSLATE_NOOP(
            "TsmvModel", "Downloads the GLDAS-Noah monthly 1.0 degree files of both periods from NASA "
                         "(tsmv:download) into a folder you name and keep, then runs the soil-moisture "
                         "chain on that folder: import, quality control, wetness seasons, the trend and "
                         "attribution for two periods, and an HTML report of it all."),
        "inputs": DL_INPUTS, "columns": [[DOWNLOAD_STEP] + SM_COLUMNS[0]] + SM_COLUMNS[1:] + [REPORT_COLUMN],
        "outputs": DL_OUTPUTS + SM_OUTPUTS + REPORT_OUTPUTS, "sources": step_sources(False, True)}}

#: The diagram's grid (scene units; a box is placed by its centre and holds two lines of text).
WIDTH, HEIGHT = 240, 44
ROW = 52                  # from one output (or step without outputs) to the next below it
BESIDE = 280              # from a step to its outputs, and from one input to the next
COLUMN = 600              # from one column of steps to the next
LEFT, INPUTS_Y, TOP = 140, 60, 180


def layout(spec):
    """Where each box goes (its centre): ({input: (x, y)}, {step: (x, y)}, {output: (x, y)}).

    The first column of steps starts under the inputs, the others under the end of the first
    (they use its results); each step's outputs are stacked beside it, and the next step of
    the column starts below them.  The inputs are in a row, in the dialog's order, each above
    the column of the first step that reads it, or right of the input before it."""
    rows = {}
    for _, step, _, _ in spec["outputs"]:
        rows[step] = rows.get(step, 0) + 1

    def height(step):  # from a step to the next below it: its outputs and a free row
        return ROW * (max(rows.get(step, 0), 1) + 1)

    below_first = TOP + sum(height(step) for step, _, _ in spec["columns"][0])
    steps, column_of = {}, {}
    for c, column in enumerate(spec["columns"]):
        x, y = LEFT + COLUMN * c, TOP if c == 0 else below_first
        for step, _, _ in column:
            steps[step], column_of[step] = (x, y), c
            y += height(step)
    outputs, stacked = {}, {}
    for name, step, _, _ in spec["outputs"]:
        x, y = steps[step]
        outputs[name] = (x + BESIDE, y + ROW * stacked.get(step, 0))
        stacked[step] = stacked.get(step, 0) + 1
    inputs, x = {}, None
    for name, _, _, _ in spec["inputs"]:
        c = min(column_of[step] for step, sources in spec["sources"].items() if ("model", name) in sources.values())
        x = LEFT + COLUMN * c if x is None else max(LEFT + COLUMN * c, x + BESIDE)
        inputs[name] = (x, INPUTS_Y)
    return inputs, steps, outputs


def build(name, tr=lambda text: text):
    """The model ``name``; ``tr`` translates the texts a user sees (make_models writes a copy
    in each language of i18n/)."""
    from qgis.core import (QgsApplication, QgsProcessing, QgsProcessingModelAlgorithm,
                           QgsProcessingModelChildAlgorithm, QgsProcessingModelChildParameterSource as Source,
                           QgsProcessingModelOutput, QgsProcessingModelParameter, QgsProcessingParameterAuthConfig,
                           QgsProcessingParameterFile, QgsProcessingParameterNumber, QgsProcessingParameterString)
    from qgis.PyQt.QtCore import QPointF, QSizeF
    from tsmv.processing_provider.compat import ADVANCED, OPTIONAL, FileBehavior, NumberType
    from tsmv.tsmv_qgis.download import CMR_URL

    spec = MODELS[name]
    model = QgsProcessingModelAlgorithm(tr(spec["title"]), tr(GROUP), "chains")
    input_places, step_places, output_places = layout(spec)

    def place(component, xy):
        component.setPosition(QPointF(*xy))
        component.setSize(QSizeF(WIDTH, HEIGHT))

    help_content = {"ALG_DESC": tr(spec["description"]), "SHORT_DESCRIPTION": tr(spec["description"])}
    for input_name, label, help_text, default in spec["inputs"]:
        label, help_text = tr(label), tr(help_text)
        if input_name in ("GLDAS", "GOSIF"):
            definition = QgsProcessingParameterFile(input_name, label, behavior=FileBehavior.Folder)
        elif input_name == "LANDCOVER":
            definition = QgsProcessingParameterFile(input_name, label)
        elif input_name == "AUTH":
            definition = QgsProcessingParameterAuthConfig(input_name, label, "", True)
        elif input_name == "CMR_URL":
            definition = QgsProcessingParameterString(input_name, label, CMR_URL)
            definition.setFlags(definition.flags() | ADVANCED)
        else:
            definition = QgsProcessingParameterNumber(input_name, label, NumberType.Integer, default)
        definition.setHelp(help_text)
        help_content[input_name] = help_text  # where QGIS reads an input's help from
        component = QgsProcessingModelParameter(input_name)
        place(component, input_places[input_name])
        model.addModelParameter(definition, component)
    model.setParameterOrder([i[0] for i in spec["inputs"]])  # the dialog's order (QGIS 3.14+)
    model.setHelpContent(help_content)

    registry = QgsApplication.processingRegistry()
    for column in spec["columns"]:
        for step, algorithm_name, label in column:
            child = QgsProcessingModelChildAlgorithm("tsmv:" + algorithm_name)
            child.setChildId(step)
            child.setDescription(tr(label))
            place(child, step_places[step])
            sources = spec["sources"][step]
            for parameter, (origin, value) in sources.items():
                child.addParameterSources(parameter, [
                    Source.fromModelParameter(value) if origin == "model" else
                    Source.fromStaticValue(value) if origin == "static" else
                    Source.fromExpression(value) if origin == "expression" else Source.fromChildOutput(origin, value)])
            for parameter in registry.algorithmById("tsmv:" + algorithm_name).parameterDefinitions():
                if not (parameter.isDestination() or parameter.flags() & OPTIONAL or parameter.name() in sources):
                    child.addParameterSources(parameter.name(), [Source.fromStaticValue(parameter.defaultValue())])
            model_outputs = {}
            for output_name, output_step, child_output, output_label in spec["outputs"]:
                if output_step == step:
                    output = QgsProcessingModelOutput(output_name, tr(output_label))
                    output.setChildId(step)
                    output.setChildOutputName(child_output)
                    output.setMandatory(False)
                    if output_name in LOADED:
                        output.setDefaultValue(QgsProcessing.TEMPORARY_OUTPUT)
                    place(output, output_places[output_name])
                    model_outputs[output_name] = output
            child.setModelOutputs(model_outputs)
            model.addChildAlgorithm(child)
    return model


def translations():
    """{locale: compiled translation} of i18n/ (make translations compiles them)."""
    return {os.path.basename(path)[len("tsmv_"):-len(".qm")]: path
            for path in sorted(glob.glob(os.path.join(ROOT, "i18n", "tsmv_*.qm")))}


def main(folder):
    from qgis.PyQt.QtCore import QTranslator
    app, provider = tsmv_package.start_qgis(gui=False)  # the steps' algorithms, to wire them
    copies = [(folder, lambda text: text)]
    translators = []
    for locale, qm in translations().items():  # a copy labelled in each language: the Modeler shows it
        translator = QTranslator()
        if not translator.load(qm):
            sys.exit("cannot load %s: run make translations" % qm)
        translators.append(translator)
        copies.append((os.path.join(folder, locale),
                       lambda text, t=translator: t.translate("TsmvModel", text) or text))
    for where, tr in copies:
        os.makedirs(where, exist_ok=True)
        for name in MODELS:
            path = os.path.join(where, name + ".model3")
            if not build(name, tr).toFile(path):
                sys.exit("could not write %s" % path)
            print(path)
    del provider, app, translators


if __name__ == "__main__":
    main(sys.argv[1] if len(sys.argv) > 1 else os.path.join(ROOT, "models"))
