"""The shipped graphical models (models/*.model3) as TSMV algorithms.

A model keeps the id of its file (tsmv:fullchain) while the Toolbox and the Modeler show the
name stored in it ("2 Full chain"), translated; its inputs, outputs and steps are labelled in the
user's language, and its help renders like the algorithms' (help.py) with a Help button page.
scripts/make_models.py writes the files; the texts it stores are marked for translation with
the context "TsmvModel".  The provider loads the copy of a model labelled in the user's language
(models/<locale>/<id>.model3, written by make_models.py from the compiled translation), which
is also the file a user opens in the Graphical Modeler to see its steps in that language; a
model with no copy in the language is translated when it loads (the same texts, the same
translation).

What QGIS does with a model file, and what TsmvModel adds (the same on QGIS 3.22 and 3.44):

* Inputs: the dialog lists them in the file's parameter order (QGIS applies it when it loads).
* Outputs: QGIS copies each step's output parameter as it is.  TSMV's steps always write
  their outputs, so QGIS would make every model output mandatory, offered as "[Save to
  temporary file]" and loaded into the project.  TsmvModel makes them optional and not created
  by default, as QGIS's own optional outputs are: an output whose default in the file is
  TEMPORARY_OUTPUT still opens as "[Save to temporary file]" and is loaded; every other one
  opens as "[Skip output]" (its step writes a temporary file, which is not loaded).
* Outputs are listed in the order of the diagram (QGIS lists them by step id): the steps'
  columns from left to right, each from the top, and each step's outputs as stacked.
* The provider loads its models before QGIS registers it, when the steps cannot be found yet
  and QGIS makes no outputs: TsmvModel loads again once the provider is registered.
* A run is all or nothing: the steps run in one :class:`~tsmv_qgis.io.outputs.Run`, so when a
  later step fails, or the run is canceled or stopped by SIGINT, SIGHUP or SIGTERM, the files
  the finished steps published are rolled back (a file they replaced comes back as it was, a
  new one is removed, a folder they made is removed) and nothing is left under a requested name.
"""
import glob
import os

from qgis.core import QgsApplication, QgsProcessing, QgsProcessingException, QgsProcessingModelAlgorithm
from qgis.PyQt.QtCore import QCoreApplication
from qgis.PyQt.QtGui import QIcon

from ..tsmv_qgis.errors import Canceled, Terminated, TsmvError
from ..tsmv_qgis.io.outputs import EXTENSIONS, Outputs, Run
from .base import ICON, Helpful
from .compat import OPTIONAL
from .i18n import locales


def localized(path):
    """The copy of the model file ``path`` labelled in the user's language (models/<locale>/,
    written by scripts/make_models.py), or ``path`` itself when there is none."""
    folder, name = os.path.split(path)
    for locale in locales():
        copy = os.path.join(folder, locale, name)
        if os.path.exists(copy):
            return copy
    return path


def files(name):
    """The model's files relative to the plugin folder: models/<name>.model3 and its copies."""
    root = os.path.dirname(MODELS)
    return [os.path.relpath(p, root) for p in [os.path.join(MODELS, name + ".model3")] +
            sorted(glob.glob(os.path.join(MODELS, "*", name + ".model3")))]


#: The models' group id in the Toolbox (stable; the name shown is the file's, translated).
GROUP_ID = "Chains"
MODELS = os.path.join(os.path.dirname(os.path.dirname(os.path.abspath(__file__))), "models")


class TsmvModel(Helpful, QgsProcessingModelAlgorithm):
    def __init__(self, path):
        super().__init__()
        self.path = path
        self.loaded = self.load()
        registry = QgsApplication.processingRegistry()
        if registry.providerById("tsmv") is None:  # loaded by the provider: the steps come later
            registry.providerAdded.connect(self._provider_added)

    def _provider_added(self, provider_id):
        if provider_id == "tsmv":
            QgsApplication.processingRegistry().providerAdded.disconnect(self._provider_added)
            self.load()

    def load(self):
        """Read the file and make it TSMV's (see the module's help); False if it cannot be read."""
        if not self.fromFile(self.path):
            return False
        self.setSourceFilePath(self.path)  # the history and "Copy as Python command" then name it
        for child in self.childAlgorithms().values():
            child.setDescription(self.tr(child.description()))
            outputs = child.modelOutputs()
            for output in outputs.values():
                output.setDescription(self.tr(output.description()))
            child.setModelOutputs(outputs)
            self.setChildAlgorithm(child)  # QGIS makes the output parameters again
        for parameter in self.parameterDefinitions():
            if not parameter.isDestination():  # the outputs were labelled above
                help_text = self.helpContent().get(parameter.name())
                parameter.setDescription(self.tr(parameter.description()))
                parameter.setHelp(self.tr(help_text) if help_text else "")
        outputs = [p.clone() for p in sorted(self.destinationParameterDefinitions(), key=self.place_in_diagram)]
        for parameter in outputs:
            self.removeParameter(parameter.name())
            parameter.setFlags(parameter.flags() | OPTIONAL)
            parameter.setCreateByDefault(parameter.defaultValue() == QgsProcessing.TEMPORARY_OUTPUT)
            self.addParameter(parameter)
        return True

    def place_in_diagram(self, parameter):
        """(column, row of its step, row) of an output parameter ("step:output") in the diagram."""
        step_id, output_name = parameter.name().split(":", 1)
        step = self.childAlgorithm(step_id)
        return step.position().x(), step.position().y(), step.modelOutput(output_name).position().y()

    def name(self):
        return os.path.splitext(os.path.basename(self.path))[0]

    def displayName(self):  # noqa: N802
        return self.tr(super().name())

    def group(self):
        return self.tr(super().group())

    def groupId(self):  # noqa: N802
        """"Chains", as before the group was numbered ("5 Chains": QGIS would take the group's
        name stored in the file for its id)."""
        return GROUP_ID

    def shortDescription(self):  # noqa: N802
        return self.tr(super().shortDescription())

    def icon(self):
        return QIcon(ICON)

    def tr(self, text):
        return QCoreApplication.translate("TsmvModel", text)

    def createInstance(self):  # noqa: N802
        return TsmvModel(self.path)

    def processAlgorithm(self, parameters, context, feedback):  # noqa: N802
        """The steps as QGIS runs them, in one Run: all published, or none (see the module's help)."""
        try:
            return Run.call(lambda: self.run_steps(parameters, context, feedback), feedback.cancel,
                            lambda message: feedback.reportError(message, True))
        except (TsmvError, Terminated) as e:
            raise QgsProcessingException(str(e)) from None

    #: The model's periods: (first year, last year) parameters.
    PERIODS = (("START_A", "END_A"), ("START_B", "END_B"))

    def check_before_steps(self, parameters, context):
        """Refuse, naming the model's own parameters, what a later step would refuse after the
        earlier ones had worked: a period shorter than the trend step's minimum, and requested
        outputs that cannot be written together (two on one file, one on an input, a folder in
        the way, a folder that cannot be written)."""
        trend = QgsApplication.processingRegistry().algorithmById("tsmv:trend")
        min_years = trend.parameterDefinition("MIN_YEARS").defaultValue()
        for first, last in self.PERIODS:
            if self.parameterDefinition(first) is None:
                continue
            start = self.parameterAsInt(parameters, first, context)
            end = self.parameterAsInt(parameters, last, context)
            if start > end:
                raise TsmvError(self.tr("%s (%d) is after %s (%d)") % (first, start, last, end))
            if end - start + 1 < min_years:
                raise TsmvError(self.tr("%s..%s (%d-%d) has %d years; the trend step needs at least %d "
                                        "(MIN_YEARS of tsmv:trend)")
                                % (first, last, start, end, end - start + 1, min_years))
        inputs, kinds = {}, {"raster": {}, "table": {}, "page": {}}
        for parameter in self.parameterDefinitions():
            name = parameter.name()
            if self.unset(parameters, name):
                continue
            if not parameter.isDestination():
                value = parameters[name]
                if isinstance(value, str) and os.path.isfile(value):
                    inputs[name] = value
                continue
            if parameter.type() == "rasterDestination":
                path = self.parameterAsOutputLayer(parameters, name, context)
            else:
                path = self.parameterAsFileOutput(parameters, name, context)
            kind = next((k for k, extensions in EXTENSIONS.items() if path and path.lower().endswith(extensions)),
                        "raster" if parameter.type() == "rasterDestination" else None)
            if path and kind:
                kinds[kind][name] = path
        Outputs.check(inputs, kinds["raster"], kinds["table"], kinds["page"])

    @staticmethod
    def unset(parameters, name):
        value = parameters.get(name)
        return value is None or value == "" or getattr(value, "sink", None) is not None and \
            not str(value.sink.staticValue())

    def run_steps(self, parameters, context, feedback):
        try:
            self.check_before_steps(parameters, context)
            results = super().processAlgorithm(parameters, context, feedback)
            if feedback is not None and feedback.isCanceled():  # QGIS stops between steps
                raise Canceled()
            return results
        except BaseException:
            # the steps' layers close now, before the rollback: GDAL writes what it noted of a
            # file (.aux.xml) when it closes it, and the rollback removes that
            context.temporaryLayerStore().removeAllMapLayers()
            raise

    def help_blocks(self):
        """What the model does, for the dialog's help panel and the help page."""
        blocks = [self.tr(self.helpContent().get("ALG_DESC", ""))]
        if self.name() == "downloadchain":
            blocks += [
                self.tr("Name a folder for the GLDAS-Noah files ({GLDAS}) and give the first and last "
                        "years of the two periods ({START_A} to {END_A}, {START_B} to {END_B}); the paper "
                        "compares 1948-1999 with 2000-2024. The first step downloads the GLDAS-Noah "
                        "monthly 1.0 degree files of every year from the earlier start to the later end "
                        "(V2.0 before 2000, V2.1 from 2000, as in the paper) into that folder; the "
                        "import then reads it."),
                self.tr("The folder is yours and stays: it is not a temporary folder. A second run with "
                        "the same folder fetches only what is missing (complete files are not fetched "
                        "again), so the chain can be run again, for other periods, without a new "
                        "download. The downloaded files are kept even when a later step fails or the "
                        "run is canceled; the download manifest is an output like the others."),
                self.tr("The files come from NASA GES DISC and need a free Earthdata Login account in "
                        "which you have approved 'NASA GESDISC DATA ARCHIVE': give it in {AUTH}, or set "
                        "the environment variables EARTHDATA_TOKEN (or EARTHDATA_USERNAME and "
                        "EARTHDATA_PASSWORD), or ~/.netrc. For the 0.25 degree product, another "
                        "version or a folder you already have, run 'Download input data' (tsmv:download) "
                        "and then the Soil-moisture chain (tsmv:soilmoisturechain).")]
        else:
            blocks.append(self.tr("Give the folder of GLDAS-Noah files ({GLDAS}) and the first and last years "
                                  "of the two periods ({START_A} to {END_A}, {START_B} to {END_B}); the paper "
                                  "compares 1948-1999 with 2000-2024."))
        if self.name() == "fullchain":
            blocks += [self.tr("The ecosystems come from MODIS MCD12C1 land cover ({LANDCOVER}), regrouped "
                               "into forests, shrublands, grasslands and croplands on the soil-moisture "
                               "grid; GPP from the GOSIF files ({GOSIF}), averaged to the same grid and "
                               "months."),
                       self.tr("When the run ends, the report, the trends of both periods, their dominant "
                               "components, the ecosystems and the correlation r are loaded into the "
                               "project, each with its TSMV style.")]
        else:
            blocks.append(self.tr("When the run ends, the report, the trends of both periods and their "
                                  "dominant components are loaded into the project, each with its TSMV "
                                  "style."))
        return blocks + [
            self.tr("Every other output is set to Skip output: its step writes it to a temporary file, "
                    "which is not loaded. Choose a file for an output to keep it."),
            self.tr("A run is all or nothing: if a step fails, or the run is canceled or stopped, the "
                    "files the finished steps wrote are taken back, so no requested file is created or "
                    "changed (a file that was there before comes back as it was)."),
            self.tr("Before its first step the model refuses, naming its own parameters, what a later "
                    "step would refuse after the earlier ones had worked: two outputs on one file, an "
                    "output that cannot be written where it is asked for, and a period that runs "
                    "backwards or is shorter than the trend's minimum (8 years)."),
            self.tr("Each step is one TSMV algorithm with its default settings; its own help says what "
                    "it computes and which choices it makes. To change a setting (for example the "
                    "significance level of the trend), run the algorithms one by one, or edit a copy "
                    "of this model in the Graphical Modeler."),
            self.tr("To open it in the Graphical Modeler (Model > Open Model...) and save it as a model of "
                    "your own, take its file in the TSMV plugin folder: %s (the copies under "
                    "models/<language>/ are labelled in that language).") % ", ".join(files(self.name()))]

