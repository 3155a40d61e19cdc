"""The one base class of TSMV algorithms: subclasses declare, the core computes.

A subclass sets NAME, DISPLAY_NAME, GROUP_ID, writes its help in ``help_blocks``,
declares its parameters in ``declare`` with :meth:`add` (every parameter gets help), and
implements ``compute``; ``processAlgorithm`` turns the core's ``TsmvError`` into
``QgsProcessingException`` with the same message.

Every text a user sees is a literal inside ``self.tr(...)`` (or ``QT_TRANSLATE_NOOP`` for
class constants), so that ``make translations`` (pylupdate5) finds it; values are
formatted in after translation.  Help names parameters as ``{NAME}`` (see help.py).
"""
import glob
import os
import re
import traceback

from qgis.core import (QgsCoordinateReferenceSystem, QgsCoordinateTransform, QgsCsException,
                       QgsPointXY, QgsProcessingAlgorithm, QgsProcessingException,
                       QgsProcessingLayerPostProcessorInterface, QgsProcessingParameterEnum,
                       QgsProcessingParameterNumber, QgsProcessingParameterRasterDestination,
                       QgsProcessingParameterRasterLayer, QgsProcessingUtils, QgsProviderRegistry, QgsRectangle)
from qgis.PyQt.QtCore import QCoreApplication, QUrl
from qgis.PyQt.QtGui import QIcon

from ..tsmv_qgis.checks import extent_not_transformed, finite_in_range, lonlat_extent, number_text
from ..tsmv_qgis.errors import OutOfMemory, Terminated, TsmvError, render
from ..tsmv_qgis.io.files import check_file
from ..tsmv_qgis.kernels.optional_numba import announce
from ..tsmv_qgis.io.outputs import Run
from ..tsmv_qgis.labels import CITATION, LAYER_KEYS, LAYER_LABELS, LAYER_MAXIMA
from ..tsmv_qgis.progress import Log, Progress
from ..tsmv_qgis.io.raster import Stack, open_raster
from . import help as helptext
from .compat import NumberType
from .i18n import help_page

ICON = os.path.join(os.path.dirname(os.path.dirname(__file__)), "icons", "tsmv.svg")

#: An extent as Processing writes it: "xmin,xmax,ymin,ymax [CRS]".
_NUMBER = r"\s*([-+]?(?:\d+\.?\d*|\.\d+)(?:[eE][-+]?\d+)?)\s*"
_EXTENT = re.compile("^" + ",".join([_NUMBER] * 4) + r"(?:\[(.*)\])?\s*$")
#: The CRS an extent is checked in, and those whose extents are taken as they are.
LONLAT = "EPSG:4326"
LONLAT_CRS = (LONLAT, "OGC:CRS84")
#: Points per edge when an extent is transformed to lon/lat (a projected edge may bend).
EDGE_POINTS = 21
#: Beyond this a number parameter's minimum or maximum is QGIS's "none".
UNBOUNDED = 1e300



def QT_TRANSLATE_NOOP(context, text):  # noqa: N802 (the name pylupdate5 looks for)
    """Mark ``text`` for translation in ``context`` where it is declared; ``tr`` translates it."""
    return text


#: The Toolbox's groups {group id: name}, numbered in the order of the workflow: QGIS lists the
#: groups by name and the algorithms of a group by display name, so the algorithms of a group
#: with several steps are numbered too ("1 Import GLDAS-Noah" ... "6 Attribute TSM variability").
#: The ids stay as they were; only the names shown changed.
GROUPS = {"data": QT_TRANSLATE_NOOP("TsmvAlgorithm", "1 Data"),
          "soilmoisture": QT_TRANSLATE_NOOP("TsmvAlgorithm", "2 Soil moisture"),
          "ecosystems": QT_TRANSLATE_NOOP("TsmvAlgorithm", "3 Ecosystems and GPP"),
          "report": QT_TRANSLATE_NOOP("TsmvAlgorithm", "4 Report")}
#: The longest display name that fits the Toolbox's default width (a CJK character counts 2).
NAME_WIDTH = 30


class StylePostProcessor(QgsProcessingLayerPostProcessorInterface):
    """Apply a .qml style to an output layer when QGIS loads it."""

    _alive = []  # sip would collect an instance nobody references

    def __init__(self, qml):
        super().__init__()
        self.qml = qml

    def postProcessLayer(self, layer, context, feedback):  # noqa: N802
        base = os.path.splitext(self.qml)[0]
        manager = layer.styleManager()
        for path in sorted(glob.glob(glob.escape(base) + ".*.qml")):  # alternative styles
            layer.loadNamedStyle(path)
            manager.addStyleFromLayer(path[len(base) + 1:-4])
        if os.path.exists(self.qml):
            layer.loadNamedStyle(self.qml)
        layer.triggerRepaint()

    @classmethod
    def create(cls, qml):
        instance = cls(qml)
        cls._alive = cls._alive[-200:] + [instance]
        return instance


class Helpful:
    """The help of a TSMV algorithm or model: rendered from its help blocks (help.py) for the
    dialog, and the page shipped for it for the Help button (docs/algorithms/<name>.html)."""

    def help_blocks(self):
        """The help: paragraphs (str) and bulleted lists (list of str)."""
        raise NotImplementedError

    def all_help_blocks(self):
        """The help as shown (an algorithm adds what every algorithm promises)."""
        return self.help_blocks()

    def labels(self):
        """{parameter name: its label in the dialog}, for help that names parameters."""
        return {p.name(): p.description() for p in self.parameterDefinitions()}

    def shortHelpString(self):  # noqa: N802
        return helptext.to_html(self.all_help_blocks(), self.labels())

    def helpUrl(self):  # noqa: N802
        page = help_page(self.name())
        return QUrl.fromLocalFile(page).toString() if page else ""


class TsmvAlgorithm(Helpful, QgsProcessingAlgorithm):
    NAME = ""
    DISPLAY_NAME = ""
    GROUP_ID = "soilmoisture"
    #: Words the Toolbox's search also finds the algorithm by (product names the name leaves out).
    TAGS = ()

    # The names of the parameters the helpers below declare; layered names by layer key.
    START_YEAR = "START_YEAR"
    END_YEAR = "END_YEAR"
    EXTENT = "EXTENT"
    INPUTS = {k: "INPUT_" + k for k in LAYER_KEYS}
    MAXIMA = {k: "MAX_" + k for k in LAYER_KEYS}
    RANK_BY = "RANK_BY"
    SEASON_CODES = "SEASON_CODES"
    SEASON_CODES_LAYERS = "SEASON_CODES_LAYERS"
    SEASONAL = {k: "SEASONAL_" + k for k in LAYER_KEYS}
    ANNUAL_TSM = "ANNUAL_TSM"
    SEASON_OUTPUTS = [SEASON_CODES, SEASON_CODES_LAYERS] + list(SEASONAL.values()) + [ANNUAL_TSM]
    #: {the core's name: parameter} of what this algorithm gives the core beyond the common
    #: names of :meth:`names` (:mod:`tsmv_qgis.errors`: the core names the argument ``source``,
    #: or the item ``outputs.table``).
    NAMES = {}

    def name(self):
        return self.NAME

    def displayName(self):  # noqa: N802
        return self.tr(self.DISPLAY_NAME)

    def group(self):
        return self.tr(GROUPS[self.GROUP_ID])

    def tags(self):
        return list(self.TAGS)

    def groupId(self):  # noqa: N802
        return self.GROUP_ID

    def all_help_blocks(self):
        """The help with what every algorithm promises and the method's reference."""
        return self.help_blocks() + [self.tr("What TSMV guarantees:"), [
            self.tr("Outputs appear whole or not at all: every file is written under a temporary "
                    "name in its folder, checked, and renamed into place only when all are "
                    "complete; if a rename fails, the files already renamed are put back as they "
                    "were; after an error, a cancel, SIGINT, SIGHUP or SIGTERM no requested file is "
                    "created or changed and no temporary is left (a missing output folder is "
                    "created, and removed again if the run fails); a run out of memory is refused "
                    "saying what to make smaller."),
            self.tr("Inputs are never modified: an output on an input, or two outputs on one "
                    "file, is refused before any work."),
            self.tr("Raster inputs must be geographic WGS 84 (EPSG:4326); a GeoTIFF without a CRS "
                    "is taken as EPSG:4326 when its extent is in degrees; any other CRS is refused "
                    "(reproject with gdalwarp -t_srs EPSG:4326)."),
            self.tr("Stacks are read by band label, in any band order; a label used twice is "
                    "refused."),
            self.tr("Inputs are checked against what TSMV recorded when it wrote them: what a "
                    "stack holds, its soil layer (a 100-200 cm stack given as the 0-10 cm one is "
                    "refused), its period, how its seasons were ranked and the GLDAS version of "
                    "each band. Every output records the run that made it and the runs of its "
                    "inputs (metadata TSMV_RUN, TSMV_SOURCES), so inputs that must come from one "
                    "chain are matched: the seasonal stacks with their season codes and annual "
                    "total soil moisture, a correlation's r with its p, and a report's trends, "
                    "attributions and tables period by period (tables by their numbers). A mismatch is refused naming both "
                    "files. A stack made by another tool records none of this: its labels, grid "
                    "and values are checked, its layer and origin cannot be.")],
            self.tr("Method: %s") % CITATION]

    def icon(self):
        return QIcon(ICON)

    def tr(self, text):
        """``text`` translated in the context of the class that declares it (pylupdate5 files a
        ``self.tr`` under its class), looked up from this class to TsmvAlgorithm."""
        for cls in type(self).__mro__:
            translated = QCoreApplication.translate(cls.__name__, text)
            if translated != text or cls is TsmvAlgorithm:
                return translated
        return text

    def createInstance(self):  # noqa: N802
        return type(self)()

    def initAlgorithm(self, config=None):  # noqa: N802
        self.declare()
        labels = self.labels()
        for parameter in self.parameterDefinitions():  # help may name parameters declared later
            parameter.setHelp(self.with_range(parameter, helptext.name_parameters(parameter.help(), labels)))

    def declare(self):
        """Add the parameters with :meth:`add`."""
        raise NotImplementedError

    def add(self, parameter, help_text):
        """Add ``parameter`` with its (translated) help text."""
        parameter.setHelp(help_text)
        self.addParameter(parameter)
        return parameter

    #: The years a band label (YYYY) can hold: the range of START_YEAR and END_YEAR.
    YEARS = (1000, 9999)

    def add_years(self, first_help, last_help):
        """The optional START_YEAR and END_YEAR parameters."""
        self.add(QgsProcessingParameterNumber(self.START_YEAR, self.tr("Start year"),
                                              NumberType.Integer, None, True, *self.YEARS), first_help)
        self.add(QgsProcessingParameterNumber(self.END_YEAR, self.tr("End year"),
                                              NumberType.Integer, None, True, *self.YEARS), last_help)

    def years(self, parameters):
        """(START_YEAR, END_YEAR), each None when not set (checked by :meth:`check_numbers`)."""
        return tuple(None if self.unset(parameters, name) else int(float(parameters[name]))
                     for name in (self.START_YEAR, self.END_YEAR))

    def add_layer_inputs(self, title, help_text, of_one_run=False):
        """INPUT_0_10 ... INPUT_100_200; the translated ``title`` and ``help_text`` take the
        layer's label (%s).  ``of_one_run``: seasonal stacks, all but the first optional (taken
        from the run that wrote the first: :func:`tsmv_qgis.io.raster.seasonal_files`)."""
        for i, (key, label) in enumerate(zip(LAYER_KEYS, LAYER_LABELS)):
            optional = of_one_run and i > 0
            self.add(QgsProcessingParameterRasterLayer(self.INPUTS[key], title % label, optional=optional),
                     self.tr("%s Empty: taken from the run that wrote the first layer's stack.") % (help_text % label)
                     if optional else help_text % label)

    #: How parameter titles name the four layers: GLDAS's depths (cm); an algorithm for any
    #: product names them by position.
    LAYER_TITLES = tuple("%s cm" % label for label in LAYER_LABELS)

    def add_maxima(self, defaults=LAYER_MAXIMA):
        """MAX_0_10 ... MAX_100_200 (or the names MAXIMA gives): each layer's physical maximum
        (kg m-2) for quality control; ``defaults`` None: optional, the product's when empty."""
        for i, key in enumerate(LAYER_KEYS):
            layer = self.tr(self.LAYER_TITLES[i])
            title = self.tr("Maximum for %s (kg m-2)") % layer
            if defaults is None:
                self.add(QgsProcessingParameterNumber(self.MAXIMA[key], title, NumberType.Double, None, True, 0.0),
                         self.tr("Values above this (kg m-2) in %s become NaN; a value equal to it is "
                                 "kept. Empty: the product's maximum (see above).") % layer)
            else:
                self.add(QgsProcessingParameterNumber(self.MAXIMA[key], title, NumberType.Double, defaults[i],
                                                      False, 0.0),
                         self.tr("Values above this (kg m-2) in the %s layer become NaN; a value "
                                 "equal to it is kept.") % layer)

    def maxima(self, parameters, context):
        """The MAXIMA parameters by layer key (None where not set: the product's)."""
        return {k: None if self.unset(parameters, self.MAXIMA[k])
                else self.parameterAsDouble(parameters, self.MAXIMA[k], context) for k in LAYER_KEYS}

    def report_qc(self, feedback, rows):
        """Say what quality control masked, layer by layer."""
        for row in rows:
            feedback.pushInfo(self.tr("%s: %d of %d values masked (%.4f%%; %d below 0 kg m-2, "
                                      "%d above %g kg m-2)")
                              % (row.layer, row.masked, row.values, row.percent_masked,
                                 row.below_zero, row.above_max, row.maximum))

    def add_seasons(self, optional=False):
        """RANK_BY and the season outputs (``optional``: written only when asked for)."""
        self.add(QgsProcessingParameterEnum(self.RANK_BY, self.tr("Rank months by"),
                                            [self.tr("Total profile (sum of the four layers)"),
                                             self.tr("Each layer on its own")], defaultValue=0),
                 self.tr("Which soil moisture decides the month order of each pixel-year."))

        def destination(name, title, help_text, always=True):
            self.add(QgsProcessingParameterRasterDestination(
                name, title, optional=optional or not always, createByDefault=always and not optional),
                help_text)
        destination(self.SEASON_CODES, self.tr("Season codes"),
                    self.tr("GeoTIFF, one band per month labelled YYYY-MM: the season code of the "
                            "month from the total profile (1 H-S, 2 SH-S, 3 SA-S, 4 A-S)."))
        destination(self.SEASON_CODES_LAYERS, self.tr("Season codes of each layer"),
                    self.tr("Only with {RANK_BY} set to 'Each layer on its own' (otherwise not "
                            "written): GeoTIFF with the season codes (1-4) of every layer, bands "
                            "'YYYY-MM 0-10 cm' ... 'YYYY-MM 100-200 cm', layer by layer."), always=False)
        for key, title in zip(LAYER_KEYS, map(self.tr, self.LAYER_TITLES)):
            destination(self.SEASONAL[key], self.tr("Seasonal soil moisture %s") % title,
                        self.tr("GeoTIFF, kg m-2: the mean of the %s layer over each season's "
                                "three months, bands 'YYYY H-S', 'YYYY SH-S', 'YYYY SA-S', 'YYYY A-S' "
                                "year by year.") % title)
        destination(self.ANNUAL_TSM, self.tr("Annual total soil moisture"),
                    self.tr("GeoTIFF, kg m-2, one band per year labelled YYYY: the sum over the four "
                            "layers of the annual mean."))

    def seasons_asked(self, parameters, context):
        """(rank_by, {output name: path}) of the season outputs; SEASON_CODES_LAYERS only when
        asked for with RANK_BY 'Each layer on its own', the others temporary files when empty."""
        rank_by = ("total", "layer")[self.parameterAsEnum(parameters, self.RANK_BY, context)]
        names = [n for n in self.SEASON_OUTPUTS if n != self.SEASON_CODES_LAYERS or (
            rank_by == "layer" and not self.unset(parameters, n))]
        return rank_by, {name: self.output_raster(parameters, name, context) for name in names}

    @classmethod
    def season_paths(cls, paths):
        """The season outputs as the core takes them (:func:`tsmv_qgis.steps.seasons.run_seasons`)."""
        keys = cls.season_keys()
        return {keys[name]: path for name, path in paths.items()}

    @classmethod
    def season_keys(cls):
        """{parameter: the core's key} of the season outputs."""
        return dict({cls.SEASON_CODES: "codes", cls.ANNUAL_TSM: "annual_tsm", cls.SEASON_CODES_LAYERS: "codes_layers"},
                    **{cls.SEASONAL[k]: "seasonal_" + k for k in LAYER_KEYS})

    @classmethod
    def season_names(cls, argument):
        """{the core's name: parameter} of the season outputs, given to the core as ``argument``."""
        return {"%s.%s" % (argument, key): name for name, key in cls.season_keys().items()}

    def names(self):
        """{the core's name: parameter}: how this algorithm spells the names in the core's
        messages (:func:`tsmv_qgis.errors.render`); the common ones, then :attr:`NAMES`."""
        names = {"start_year": self.START_YEAR, "end_year": self.END_YEAR, "extent": self.EXTENT,
                 "rank_by": self.RANK_BY}
        names.update({"inputs." + k: name for k, name in self.INPUTS.items()})
        names.update({"maxima." + k: name for k, name in self.MAXIMA.items()})
        names.update(self.NAMES)
        return {core: name for core, name in names.items() if self.parameterDefinition(name) is not None}

    def report_seasons(self, context, feedback, result, paths):
        """Say what the seasons found, and style their outputs on load."""
        feedback.pushInfo(self.tr("Seasons of %d years (%d-%d) for %d pixels with data")
                          % (len(result.years), result.years[0], result.years[-1],
                             result.pixels_valid))
        for path in paths.values():
            self.style_on_load(context, path, "%d-%d" % (result.years[0], result.years[-1]))

    def layer_inputs(self, parameters, context):
        """The files of INPUT_0_10 ... INPUT_100_200, by layer key (None for an optional one left empty)."""
        return {k: None if self.unset(parameters, self.INPUTS[k]) else self.raster_path(parameters, self.INPUTS[k], context)
                for k in LAYER_KEYS}

    def processAlgorithm(self, parameters, context, feedback):  # noqa: N802
        """Run :meth:`compute` as one :class:`~tsmv_qgis.io.outputs.Run`: its files are published
        together or not at all; SIGINT, SIGHUP and SIGTERM stop it with nothing published (and,
        where the signal would have ended the process, end it once that is reported); the
        core's errors become QgsProcessingException with the same message."""
        try:
            with announce(feedback.pushInfo):
                return Run.call(lambda: self.compute(parameters, context, feedback), feedback.cancel,
                                lambda message: feedback.reportError(render(message, self.names()), True))
        except (OutOfMemory, MemoryError):  # naming what this algorithm can make smaller
            given = {p.name() for p in self.parameterDefinitions() if not p.isDestination()}
            names = {core: name for core, name in self.names().items() if name in given}
            inputs = next((core for core in names if core in ("source", "folder") or core.startswith("inputs.")), "source")
            raise QgsProcessingException(OutOfMemory.of(names, inputs).render(names)) from None
        except TsmvError as e:
            raise QgsProcessingException(e.render(self.names())) from None
        except Terminated as e:
            raise QgsProcessingException(str(e)) from None
        except QgsProcessingException:
            raise
        except Exception as e:  # a bug: say so in one line, keep the traceback for the log
            feedback.pushDebugInfo(traceback.format_exc())
            raise QgsProcessingException(self.tr(
                "%s failed unexpectedly (%s: %s); no output was written. Please report this with the "
                "log") % (self.NAME, type(e).__name__, e)) from None

    def compute(self, parameters, context, feedback):
        raise NotImplementedError

    # --- helpers shared by the algorithms -------------------------------------------

    @staticmethod
    def progress(feedback):
        """A core Progress reporting to ``feedback`` (0..100) and checking its cancel flag."""
        return Progress(lambda f: feedback.setProgress(100.0 * f), feedback.isCanceled)

    def log(self, feedback):
        """A core Log: information to the log panel, warnings shown as warnings, the core's names
        spelt as this algorithm's parameters."""
        return Log(feedback.pushInfo, feedback.pushWarning, self.names())

    @staticmethod
    def unset(parameters, name):
        """True when the optional parameter ``name`` was left empty (absent, None or "")."""
        return parameters.get(name) in (None, "")

    # --- numbers: finite and within the range each declares --------------------------------

    @staticmethod
    def bounds(parameter):
        """(minimum, maximum) of a number parameter, None where it declares none."""
        return tuple(None if abs(v) >= UNBOUNDED else v for v in (parameter.minimum(), parameter.maximum()))

    def with_range(self, parameter, text):
        """The help ``text`` of a number parameter followed by the range it declares (one
        sentence to translate with it; every TSMV number declares a minimum); that of another
        parameter as it is."""
        if not isinstance(parameter, QgsProcessingParameterNumber):
            return text
        low, high = (None if v is None else number_text(v) for v in self.bounds(parameter))
        if high is not None:
            return self.tr("%s Range: %s to %s.") % (text, low, high)
        return self.tr("%s Range: %s or more.") % (text, low)

    def check_numbers(self, parameters, context):
        """Refuse a number parameter that is not a finite number (a whole one for an integer
        parameter) within its declared minimum and maximum; the message starts with its name."""
        for parameter in self.parameterDefinitions():
            name = parameter.name()
            if not isinstance(parameter, QgsProcessingParameterNumber) or self.unset(parameters, name):
                continue
            value = parameters[name]
            if not isinstance(value, (str, int, float)):  # an expression (QgsProperty): its value
                value = self.parameterAsDouble(parameters, name, context)
            finite_in_range(value, name, *self.bounds(parameter),
                            whole=parameter.dataType() == NumberType.Integer)

    def prepareAlgorithm(self, parameters, context, feedback):  # noqa: N802
        """Before any work, refuse a number out of its range (:meth:`check_numbers`) and any
        other value QGIS does not accept (:meth:`refused_value`), naming the parameter."""
        try:
            self.check_numbers(parameters, context)
            refusal = self.refused_value(parameters, context)
            if refusal:
                raise TsmvError(refusal)
        except TsmvError as e:
            raise QgsProcessingException(str(e)) from None
        return True

    def refused_value(self, parameters, context):
        """Why QGIS does not accept the value of the first parameter it refuses, in words that
        start with the parameter's name; None when it accepts them all.  Numbers are left to
        :meth:`check_numbers`, raster inputs to :meth:`raster_path`, which say more, and outputs
        to :class:`tsmv_qgis.io.outputs.Outputs` (an output left empty is a temporary file)."""
        for p in self.parameterDefinitions():
            name, value = p.name(), parameters.get(p.name())
            if p.isDestination() or isinstance(p, QgsProcessingParameterNumber) \
                    or isinstance(p, QgsProcessingParameterRasterLayer) and not self.unset(parameters, name) \
                    or p.checkValueIsAcceptable(value, context):
                continue
            if self.unset(parameters, name):
                return self.tr("%s is required (%s) and was not given") % (name, p.description())
            if isinstance(p, QgsProcessingParameterEnum):
                return self.tr("%s %s is not one of its choices: %s") % (
                    name, repr(value), "; ".join("%d %s" % (i, o) for i, o in enumerate(p.options())))
            return self.tr("%s %s is not a value it accepts (%s)") % (name, repr(value), p.description())
        return None

    def checkParameterValues(self, parameters, context):  # noqa: N802
        """Accept: what QGIS would refuse here is refused by :meth:`prepareAlgorithm` and
        :meth:`raster_path`, whose messages start with the parameter (QGIS's own start with
        'Unable to execute algorithm', and QGIS lets NaN through), and QGIS would load every
        raster input here, where a named pipe would keep it waiting forever."""
        return True, ""

    # --- the extent: in lon/lat, whatever CRS it is given in ------------------------------

    def optional_extent(self, parameters, name, context):
        """(xmin, ymin, xmax, ymax) in EPSG:4326, or None when not set.  An extent given as text
        keeps its order (QGIS would swap xmin > xmax, hiding an antimeridian crossing); one in
        another CRS is transformed to EPSG:4326 edge by edge, and refused when it crosses the
        antimeridian there."""
        if self.unset(parameters, name):
            return None
        value = parameters.get(name)
        text = _EXTENT.match(value) if isinstance(value, str) else None
        if text:
            xmin, xmax, ymin, ymax = (float(text.group(i)) for i in range(1, 5))
            authid = (text.group(5) or LONLAT).strip()
            crs = QgsCoordinateReferenceSystem(authid)
        else:  # a rectangle keeps its order too (QGIS would take xmin > xmax for empty)
            rect = value if isinstance(value, QgsRectangle) else self.parameterAsExtent(parameters, name, context)
            if rect.isNull():
                return None
            xmin, xmax, ymin, ymax = rect.xMinimum(), rect.xMaximum(), rect.yMinimum(), rect.yMaximum()
            crs = self.parameterAsExtentCrs(parameters, name, context)
            authid = crs.authid() or crs.description()
        if crs.authid().upper() in LONLAT_CRS:
            return (xmin, ymin, xmax, ymax)  # checked against the data by the core
        given = "%s,%s,%s,%s [%s]" % (number_text(xmin), number_text(xmax), number_text(ymin),
                                      number_text(ymax), authid)
        try:
            if not crs.isValid():
                raise QgsCsException("unknown CRS")
            transform = QgsCoordinateTransform(crs, QgsCoordinateReferenceSystem(LONLAT),
                                               context.transformContext())
            steps = [i / (EDGE_POINTS - 1) for i in range(EDGE_POINTS)]
            edges = [[transform.transform(QgsPointXY(xmin + (xmax - xmin) * f, y)) for f in steps]
                     for y in (ymin, ymax)]  # south and north edges, west to east
            edges += [[transform.transform(QgsPointXY(x, ymin + (ymax - ymin) * f)) for f in steps]
                      for x in (xmin, xmax)]  # west and east edges, south to north
        except QgsCsException as e:
            raise extent_not_transformed(name, given, e) from None
        return lonlat_extent(name, given, [[(p.x(), p.y()) for p in edge] for edge in edges], xmin <= xmax)

    @staticmethod
    def file_of(source):
        """The file of a GDAL layer source: the whole source when it is a file (a folder may hold
        '|'), else what comes before the first '|' (QGIS's options: 'path|option:...')."""
        path = QgsProviderRegistry.instance().decodeUri("gdal", source).get("path") or source
        return path if os.path.exists(path) else path.split("|")[0]

    def raster_path(self, parameters, name, context):
        """The file behind a raster-layer parameter (a GDAL raster); one that is no regular file
        (a named pipe, a device: :func:`tsmv_qgis.io.files.check_file`) is refused before QGIS loads
        it (a named pipe would keep it waiting forever)."""
        value = parameters.get(name)
        if isinstance(value, str) and value:
            try:
                check_file(self.file_of(value), name)
            except TsmvError as e:
                raise QgsProcessingException(str(e)) from None
        layer = self.parameterAsRasterLayer(parameters, name, context)
        if layer is None:
            if isinstance(value, str) and value:
                path = self.file_of(value)
                if not os.path.exists(path):
                    raise QgsProcessingException(self.tr("%s %s: the file does not exist") % (name, value))
                open_raster(path, name)  # says why GDAL cannot read it
            raise QgsProcessingException(self.invalidRasterError(parameters, name))
        if layer.providerType() != "gdal":
            raise QgsProcessingException(self.tr("%s must be a raster file (GeoTIFF), not a %s layer")
                                         % (name, layer.providerType()))
        return self.file_of(layer.source())

    def output_raster(self, parameters, name, context):
        """The GeoTIFF path of a raster destination (a temporary file when left empty, as a
        model does with an output nobody asked to keep); the core checks it."""
        return self.parameterAsOutputLayer(parameters, name, context) or \
            QgsProcessingUtils.generateTempFilename(name.lower() + ".tif")

    def output_file(self, parameters, name, context, extension):
        """The path of a file destination (a temporary file when left empty)."""
        return self.parameterAsFileOutput(parameters, name, context) or \
            QgsProcessingUtils.generateTempFilename(name.lower() + extension)

    @staticmethod
    def period_of(path, name):
        """The period ("start-end") the core used for the output ``path`` (of parameter
        ``name``), as it records it in the output's metadata."""
        stack = Stack(path, name)
        try:
            return "%s-%s" % (stack.metadata["START_YEAR"], stack.metadata["END_YEAR"])
        finally:
            stack.close()

    @staticmethod
    def style_on_load(context, path, tag=None):
        """Apply the .qml beside ``path`` when QGIS loads the output layer, and add ``tag`` (the
        period or season) to the layer's name, so that the layers of two runs differ."""
        if context.willLoadLayerOnCompletion(path):
            qml = os.path.splitext(path)[0] + ".qml"
            details = context.layerToLoadOnCompletionDetails(path)
            details.setPostProcessor(StylePostProcessor.create(qml))
            if tag and tag not in details.name:
                details.name = "%s, %s" % (details.name, tag)
