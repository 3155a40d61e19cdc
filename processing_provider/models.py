"""The shipped graphical models (models/*.model3) as TSMV algorithms.

A model keeps the id of its file (tsmv:fullchain) while the Toolbox and the Modeler show the
name stored in it ("Full chain"), translated; its inputs and outputs are labelled in the
user's language, and its help renders like the algorithms' (help.py) with a Help button page.
scripts/make_models.py writes the files; the texts it stores are marked for translation with
the context "TsmvModel".
"""
import os

from qgis.core import QgsProcessingModelAlgorithm
from qgis.PyQt.QtCore import QCoreApplication, QUrl
from qgis.PyQt.QtGui import QIcon

from . import help as helptext
from .base import ICON
from .i18n import help_page

MODELS = os.path.join(os.path.dirname(os.path.dirname(os.path.abspath(__file__))), "models")


class TsmvModel(QgsProcessingModelAlgorithm):
    def __init__(self, path):
        super().__init__()
        self.path = path
        self.loaded = self.fromFile(path)
        for parameter in self.parameterDefinitions():  # inputs and outputs, as the user reads them
            parameter.setDescription(self.tr(parameter.description()))
            parameter.setHelp(self.tr(parameter.help()) if parameter.help() else "")

    def name(self):
        return os.path.splitext(os.path.basename(self.path))[0]

    def displayName(self):  # noqa: N802
        return self.tr(super().name())

    def group(self):
        return self.tr(super().group())

    def icon(self):
        return QIcon(ICON)

    def tr(self, text):
        return QCoreApplication.translate("TsmvModel", text)

    def createInstance(self):  # noqa: N802
        return TsmvModel(self.path)

    def help_blocks(self):
        """What the model does, for the dialog's help panel and the help page."""
        chain = [
            self.tr("Runs the TSMV chain on a folder of GLDAS-Noah monthly files, as in Li et al. "
                    "(2025): import, quality control, wetness seasons, then for each of two "
                    "periods the trend of total soil moisture and the attribution of its "
                    "variability, and an HTML report of everything."),
            self.tr("Give the GLDAS-Noah folder and the two periods ({START_A}..{END_A} and "
                    "{START_B}..{END_B}; the paper compares 1948-1999 with 2000-2024). The report, "
                    "the trends and the dominant components are loaded into the project when the "
                    "run ends; every other output is written to a temporary file unless you choose "
                    "a file for it."),
            self.tr("Each step is one TSMV algorithm with its defaults; open a step's own help for "
                    "what it computes and the choices it makes. To change a setting (for example "
                    "the significance level of the trend), run the algorithms one by one or edit "
                    "a copy of this model in the Graphical Modeler.")]
        if self.name() == "fullchain":
            chain.insert(1, self.tr(
                "It also maps the four ecosystems of MODIS MCD12C1 land cover ({LANDCOVER}) onto "
                "the soil-moisture grid, aggregates GOSIF GPP ({GOSIF}) to the same grid and "
                "months, and correlates seasonal soil moisture with GPP in every season and "
                "depth, per ecosystem."))
        return chain

    def labels(self):
        return {p.name(): p.description() for p in self.parameterDefinitions()}

    def shortHelpString(self):  # noqa: N802
        return helptext.to_html(self.help_blocks(), self.labels())

    def helpUrl(self):  # noqa: N802
        page = help_page(self.name())
        return QUrl.fromLocalFile(page).toString() if page else ""
