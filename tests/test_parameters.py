"""Parameters and the first words of refusals, as tables (issue 24, classes 2 and 6).

Class 2: every number parameter is a finite number within the range it declares (NaN, inf, text,
a fraction for a whole number, a value out of range: refused naming the parameter), and an
EXTENT in any CRS is transformed to EPSG:4326 and checked there (across the antimeridian:
refused in every CRS; inside the data: imported).
Class 6: a refusal starts with the parameter and, where there is one, the file, named whole
(a '|' in a folder included), and says nothing false about it: a raster that is not a north-up
grid, a report table with text where numbers belong or with ecosystems tsmv:correlation never
writes.

Each row: (algorithm, the parameters that differ from a valid run, the expected first line or
None for a run that must succeed).  Every refusal is checked for its first line, for nothing
published under a requested name, no temporary left and no input changed; every success for
its outputs.  A few rows run again through qgis_process (``--ALPHA=nan`` as a script types it).
"""
import math
import os
import re

import numpy as np
import pytest

from test_hostile import Bad, World, _resolve, _visible, copy, read, text_file, valid

#: EPSG:3857 x of lon 170 and of lon 188.6 (= -171.35), y of lat 30 and 42.
X170, X188, Y30, Y42 = 18924313.4, 21000000.0, 3503549.8, 5160979.4


def mercator(lon, lat):
    """Web Mercator (EPSG:3857) x, y of a lon/lat point."""
    radius = 6378137.0
    return radius * math.radians(lon), radius * math.log(math.tan(math.pi / 4 + math.radians(lat) / 2))


def mercator_extent(west, east, south, north):
    (x0, y0), (x1, y1) = mercator(west, south), mercator(east, north)
    return "%r,%r,%r,%r [EPSG:3857]" % (x0, x1, y0, y1)


def in_folder(folder, make):
    """A maker: what ``make`` writes, moved into the sub-folder ``folder`` (e.g. one with a '|')."""
    def moved(bad):
        path = make(bad)
        target = os.path.join(bad.folder, folder)
        os.makedirs(target, exist_ok=True)
        new = os.path.join(target, os.path.basename(path))
        os.rename(path, new)
        return new
    return moved


def csv_changed(attribute, change):
    """A maker: the world's CSV ``attribute`` with its rows (lists of cells, header first) changed."""
    def make(bad):
        with open(getattr(bad.world, attribute), encoding="utf-8") as f:
            rows = [line.split(",") for line in f.read().splitlines()]
        path = bad.path(".csv")
        with open(path, "w", encoding="utf-8") as f:
            f.write("\n".join(",".join(row) for row in change(rows)) + "\n")
        return path
    return make


def cell(column, value, row=1):
    """A change of a CSV: ``column`` of data row ``row`` set to ``value``."""
    def change(rows):
        rows[row][rows[0].index(column)] = value
        return rows
    return change


def many_ecosystems(rows):
    """The correlation table with 300 more ecosystems, each with every season and depth."""
    column = rows[0].index("ecosystem")
    extra = []
    for e in range(300):
        for row in rows[1:]:
            if row[column] == "Forests":
                extra.append([("Ecosystem %d" % e) if i == column else v for i, v in enumerate(row)])
    return rows + extra


def no_geotransform(bad):
    """A labelled stack never georeferenced (no geotransform, no CRS)."""
    from osgeo import gdal
    path = bad.path(".tif")
    array, labels, _, _ = read(bad.world.annual)
    ds = gdal.GetDriverByName("GTiff").Create(path, array.shape[2], array.shape[1], array.shape[0],
                                              gdal.GDT_Float32)
    for b, label in enumerate(labels):
        ds.GetRasterBand(b + 1).SetDescription(label)
        ds.GetRasterBand(b + 1).WriteArray(array[b])
    ds = None
    return path


def rectangle(xmin, xmax, ymin, ymax, crs):
    """An extent as a script may give it: a QgsReferencedRectangle, in the order given."""
    from qgis.core import QgsCoordinateReferenceSystem, QgsRectangle, QgsReferencedRectangle
    return QgsReferencedRectangle(QgsRectangle(xmin, ymin, xmax, ymax, False), QgsCoordinateReferenceSystem(crs))


NAN, INF = float("nan"), float("inf")

#: Class 2: numbers finite and in range, the extent checked in lon/lat.
PARAMETER_CASES = [
    ("trend", {"ALPHA": NAN}, r"^ALPHA must be a finite number from 0\.0001 to 0\.5, not nan$"),
    ("correlation", {"ALPHA": NAN}, r"^ALPHA must be a finite number from 0\.0001 to 0\.5, not nan$"),
    ("correlation", {"ALPHA": 0.7}, r"^ALPHA must be a finite number from 0\.0001 to 0\.5, not 0\.7$"),
    ("correlation", {"ALPHA": "0.05x"}, r"^ALPHA must be a finite number from 0\.0001 to 0\.5, not '0\.05x'$"),
    ("correlation", {"MAX_LAG": 12}, r"^MAX_LAG must be a whole number from 0 to 11, not 12$"),
    ("correlation", {"MAX_LAG": 1.5}, r"^MAX_LAG must be a whole number from 0 to 11, not 1\.5$"),
    ("qualitycontrol", {"MAX_0_10": NAN}, r"^MAX_0_10 must be a finite number at least 0, not nan$"),
    ("qualitycontrol", {"MAX_40_100": INF}, r"^MAX_40_100 must be a finite number at least 0, not inf$"),
    ("qualitycontrol", {"MAX_100_200": -1.0}, r"^MAX_100_200 must be a finite number at least 0, not -1\.0$"),
    ("trend", {"THRESHOLD": NAN}, r"^THRESHOLD must be a finite number at least 0, not nan$"),
    ("trend", {"THRESHOLD": -INF}, r"^THRESHOLD must be a finite number at least 0, not -inf$"),
    ("trend", {"MIN_YEARS": 3.5}, r"^MIN_YEARS must be a whole number from 3 to 9999, not 3\.5$"),
    ("trend", {"MIN_YEARS": NAN}, r"^MIN_YEARS must be a whole number from 3 to 9999, not nan$"),
    ("trend", {"CONFIDENCE": 1.0}, r"^CONFIDENCE must be a finite number from 0 to 0\.9999, not 1\.0$"),
    ("gpp", {"MIN_VALID": NAN}, r"^MIN_VALID must be a finite number from 0\.01 to 1, not nan$"),
    ("trend", {"START_YEAR": INF}, r"^START_YEAR must be a whole number from 1000 to 9999, not inf$"),
    ("changepoint", {"ALPHA": 0.9}, r"^ALPHA must be a finite number from 0\.0001 to 0\.5, not 0\.9$"),
    ("attribution", {"END_YEAR": "2003.5"}, r"^END_YEAR must be a whole number from 1000 to 9999, not '2003\.5'$"),
    ("attribution", {"BOOTSTRAP": 2.5}, r"^BOOTSTRAP must be a whole number from 0 to 1000000, not 2\.5$"),
    ("attribution", {"SEED": -1}, r"^SEED must be a whole number from 0 to 2147483647, not -1$"),
    ("attribution", {"BOOTSTRAP": 5, "BLOCK": 99}, r"^BLOCK 99 is longer than the period \(\d+ years\)"),
    ("importgldas", {"START_YEAR": "nan"}, r"^START_YEAR must be a whole number from 1000 to 9999, not 'nan'$"),
    # the extent: checked in EPSG:4326 whatever its CRS
    ("importgldas", {"EXTENT": "%r,%r,%r,%r [EPSG:3857]" % (X170, -X170, Y30, Y42)},
     r"^EXTENT 18924313\.4,-18924313\.4,3503549\.8,5160979\.4 \[EPSG:3857\] crosses the antimeridian "
     r"\(lon 170\.\.-170 in EPSG:4326\)"),
    ("importgldas", {"EXTENT": "%r,%r,%r,%r [EPSG:3857]" % (X170, X188, Y30, Y42)},
     r"^EXTENT 18924313\.4,21000000,.* \[EPSG:3857\] crosses the antimeridian \(lon 170\.\.-171\.354"),
    ("importgldas", {"EXTENT": "170,-170,30,42 [EPSG:4326]"},
     r"^EXTENT lon 170..-170: its west edge is east of its east edge, i\.e\. it crosses the antimeridian"),
    ("importgldas", {"EXTENT": lambda bad: rectangle(X170, -X170, Y30, Y42, "EPSG:3857")},
     r"^EXTENT 18924313\.4,-18924313\.4,.* \[EPSG:3857\] crosses the antimeridian"),
    ("importgldas", {"EXTENT": lambda bad: rectangle(170, -170, 30, 42, "EPSG:4326")},
     r"^EXTENT lon 170..-170: its west edge is east of its east edge"),
    ("importgldas", {"EXTENT": "0,1,30,42 [EPSG:999999]"}, r"^EXTENT 0,1,30,42 \[EPSG:999999\]: cannot transform"),
    ("importgldas", {"EXTENT": "350,355,30,42 [EPSG:4326]"},
     r"^EXTENT \(lon 350\.\.355, lat 30\.\.42\) lies outside the data .*; longitudes run from -180 to 180"),
    ("importgldas", {"EXTENT": "nan,1,30,42 [EPSG:4326]"},
     r"^EXTENT \(lon nan\.\.1, lat 30\.\.42\) holds a value that is not a finite number"),
    ("importgldas", {"EXTENT": "11131949.08,13358338.9,-2273030.93,0 [EPSG:3857]"},
     r"^EXTENT \(lon 100\.\.120, lat -20\.\.0\) lies outside the data"),
    # ... and one that is imported: lon -4.5..2.5, lat 33.5..39.5 in Web Mercator (cells -5..3, 33..40)
    ("importgldas", {"EXTENT": mercator_extent(-4.5, 2.5, 33.5, 39.5)}, None),
]

#: Class 6: the first words name the parameter, then the file (whole).
CULPRIT_CASES = [
    ("trend", {"INPUT": copy("annual", geotransform=(-10.0, 1.0, 0.0, 30.0, 0.0, 1.0))},
     r"^INPUT /\S+/bad1\.tif: is not a north-up grid: it has rows running south to north \(south-up\)"),
    ("qualitycontrol", {"INPUT_10_40": lambda bad: copy(bad.world.raw["10_40"],
                                                        geotransform=(-10.0, 1.0, 0.1, 42.0, 0.1, -1.0))(bad)},
     r"^INPUT_10_40 /\S+/bad1\.tif: is not a north-up grid: it is rotated or sheared"),
    ("correlation", {"GPP": copy("gpp", geotransform=(6.0, -1.0, 0.0, 42.0, 0.0, -1.0))},
     r"^GPP /\S+/bad1\.tif: is not a north-up grid: it has columns running east to west"),
    ("trend", {"INPUT": no_geotransform}, r"^INPUT /\S+/bad1\.tif: cannot read where it lies on the Earth"),
    ("trend", {"INPUT": in_folder("a|b", copy("annual", labels=lambda ls: ls[:1] + ls[:1] + ls[2:]))},
     r"^INPUT /\S+/a\|b/bad1\.tif: the label '2000' is on bands 1 and 2"),
    ("trend", {"INPUT": in_folder("a|b", text_file("not a raster", ".tif"))},
     r"^INPUT /\S+/a\|b/bad1\.tif: cannot open it"),
    ("trend", {"INPUT": lambda bad: os.path.join(bad.folder, "a|b", "missing.tif")},
     r"^INPUT /\S+/a\|b/missing\.tif: the file does not exist"),
    ("trend", {"INPUT": in_folder("c|d", copy("annual"))}, None),  # a '|' in a folder is a folder
    # what QGIS itself refuses, said with the parameter first
    ("trend", {"SEASON": 7}, r"^SEASON 7 is not one of its choices: 0 "),
    ("changepoint", {}, r"^START_YEAR\.\.END_YEAR \(2000-2005\) has 6 years; Pettitt's test needs at least 8$"),
    ("changepoint", {"SEASON": 1}, r"^SEASON is set, but INPUT is a yearly stack"),
    ("trend", {"METHOD": 9}, r"^METHOD 9 is not one of its choices: 0 Original"),
    ("importgldas", {"EXTENT": "a,b,c,d"}, r"^EXTENT 'a,b,c,d' is not a value it accepts \(Extent"),
    ("trend", {"INPUT": None}, r"^INPUT is required \(.*\) and was not given"),
    ("report", {"SUMMARY_A": csv_changed("summary", cell("mean_slope", "n/a"))},
     r"^SUMMARY_A /\S+/bad1\.csv: row 1 \(line 2\), column mean_slope: 'n/a' is not a number"),
    ("report", {"SUMMARY_A": csv_changed("summary", cell("start_year", "2000.5"))},
     r"^SUMMARY_A /\S+/bad1\.csv: row 1 \(line 2\), column start_year: '2000\.5' is not a whole number"),
    ("report", {"SUMMARY_A": csv_changed("summary", cell("threshold", ""))},
     r"^SUMMARY_A /\S+/bad1\.csv: row 1 \(line 2\), column threshold: '' is not a number"),
    ("report", {"QC_REPORT": csv_changed("qc_report", cell("values", "many", 3))},
     r"^QC_REPORT /\S+/bad1\.csv: row 3 \(line 4\), column values: 'many' is not a number"),
    ("report", {"ATTRIBUTION_TABLE_A": csv_changed("attribution_table", cell("pixels", "all"))},
     r"^ATTRIBUTION_TABLE_A /\S+/bad1\.csv: row 1 \(line 2\), column pixels: 'all' is not a number"),
    ("report", {"CORRELATION_TABLE": csv_changed("correlation_table", many_ecosystems)},
     r"^CORRELATION_TABLE /\S+/bad1\.csv: row \d+ \(line \d+\), column ecosystem: 'Ecosystem 0' is not one "
     r"of Global, Forests, Shrublands, Grasslands, Croplands"),
]


@pytest.fixture(scope="module")
def world(tmp_path_factory):
    return World(str(tmp_path_factory.mktemp("world")))


def temporaries(*folders):
    return [os.path.join(d, n) for folder in folders for d, _, names in os.walk(folder)
            for n in names if n.startswith(".tsmv-")]


def check_refused(first, message, out, world, bad, before_world, before_bad, tmp_path):
    assert re.search(message, first), first
    assert not os.path.isdir(out) or os.listdir(out) == [], os.listdir(out)
    assert _visible(world.root) == before_world
    assert _visible(bad.folder) == before_bad
    assert temporaries(world.root, str(tmp_path)) == []


def check_done(algorithm, params, results, world, before_world, tmp_path):
    """A run that must succeed: every requested output is there, inputs unchanged."""
    assert _visible(world.root) == before_world
    assert temporaries(world.root, str(tmp_path)) == []
    assert results and all(os.path.exists(v) for k, v in params.items()
                           if k.startswith("OUTPUT") and isinstance(v, str))
    if algorithm == "importgldas":  # lon -5..3, lat 33..40 of the 1 deg example grid
        array, _, gt, _ = read(params["OUTPUT_0_10"])
        assert array.shape[1:] == (7, 8) and np.allclose([gt[0], gt[1], gt[3], gt[5]], [-5.0, 1.0, 40.0, -1.0])


class Case:
    """A row made ready: its output folder, bad inputs, parameters, and the inputs as they were."""

    def __init__(self, world, tmp_path, algorithm, changes):
        self.world, self.tmp_path = world, tmp_path
        self.out = str(tmp_path / "out")
        self.bad = Bad(str(tmp_path / "bad"), world)
        self.params = valid(algorithm, world, self.out)
        self.params.update({name: _resolve(value, self.bad, self.out) for name, value in changes.items()})
        self.before = _visible(world.root), _visible(self.bad.folder)

    def refused(self, first, message):
        """``first`` (the first line said) is ``message``; nothing published, no temporary, inputs unchanged."""
        check_refused(first, message, self.out, self.world, self.bad, *self.before, self.tmp_path)


def run_case(tsmv_processing, world, tmp_path, algorithm, changes, message):
    from qgis.core import QgsProcessingContext, QgsProcessingException
    from test_plugin import Feedback
    case = Case(world, tmp_path, algorithm, changes)
    params = case.params
    feedback = Feedback()
    if message is None:
        results = tsmv_processing.run("tsmv:" + algorithm, params, feedback=feedback,
                                      context=QgsProcessingContext())
        check_done(algorithm, params, results, world, case.before[0], tmp_path)
        return
    with pytest.raises(QgsProcessingException) as raised:
        tsmv_processing.run("tsmv:" + algorithm, params, feedback=feedback, context=QgsProcessingContext())
    said = [m for m in feedback.errors if m.strip()] or [str(raised.value)]
    assert "Traceback" not in "\n".join(said + [str(raised.value)]) and "unexpectedly" not in said[0]
    case.refused(said[0].strip().splitlines()[0], message)


@pytest.mark.parametrize("algorithm, changes, message", PARAMETER_CASES,
                         ids=["%02d-%s-%s" % (i, c[0], "-".join(c[1])) for i, c in enumerate(PARAMETER_CASES)])
def test_numbers_and_extent_are_checked(tsmv_processing, world, tmp_path, algorithm, changes, message):
    run_case(tsmv_processing, world, tmp_path, algorithm, changes, message)


@pytest.mark.parametrize("algorithm, changes, message", CULPRIT_CASES,
                         ids=["%02d-%s-%s" % (i, c[0], "-".join(c[1])) for i, c in enumerate(CULPRIT_CASES)])
def test_refusals_start_with_the_culprit(tsmv_processing, world, tmp_path, algorithm, changes, message):
    run_case(tsmv_processing, world, tmp_path, algorithm, changes, message)


def test_the_tables_are_large_enough():
    assert len(PARAMETER_CASES) >= 5 and len(CULPRIT_CASES) >= 5
    assert sum(m is None for _, _, m in PARAMETER_CASES + CULPRIT_CASES) >= 2  # runs that must work


#: Rows of both tables again through qgis_process, as a script types them (every value text).
CLI_CASES = [
    ("trend", {"ALPHA": "nan"}, r"^ALPHA must be a finite number from 0\.0001 to 0\.5, not 'nan'$"),
    ("correlation", {"ALPHA": "NaN"}, r"^ALPHA must be a finite number from 0\.0001 to 0\.5, not 'NaN'$"),
    ("qualitycontrol", {"MAX_0_10": "inf"}, r"^MAX_0_10 must be a finite number at least 0, not 'inf'$"),
    ("trend", {"MIN_YEARS": "1e12"}, r"^MIN_YEARS must be a whole number from 3 to 9999, not '1e12'$"),
    ("importgldas", {"EXTENT": "%r,%r,%r,%r [EPSG:3857]" % (X170, -X170, Y30, Y42)},
     r"^EXTENT 18924313\.4,-18924313\.4,.* \[EPSG:3857\] crosses the antimeridian"),
    ("trend", {"INPUT": copy("annual", geotransform=(-10.0, 1.0, 0.0, 30.0, 0.0, 1.0))},
     r"^INPUT /\S+/bad1\.tif: is not a north-up grid"),
    ("report", {"SUMMARY_A": csv_changed("summary", cell("mean_slope", "n/a"))},
     r"^SUMMARY_A /\S+/bad1\.csv: row 1 \(line 2\), column mean_slope: 'n/a' is not a number"),
    ("trend", {"SEASON": "7"}, r"^SEASON '7' is not one of its choices: 0 "),
]


@pytest.mark.parametrize("algorithm, changes, message", CLI_CASES,
                         ids=["%02d-%s-%s" % (i, c[0], "-".join(c[1])) for i, c in enumerate(CLI_CASES)])
def test_refusals_through_qgis_process(qgis_process, world, tmp_path, algorithm, changes, message):
    case = Case(world, tmp_path, algorithm, changes)
    code, _, log = qgis_process.run("tsmv:" + algorithm, **case.params)
    assert code != 0, log
    assert "Traceback" not in log and "unexpectedly" not in log, log
    # the error follows Python's start-up warnings and what GDAL says when QGIS loads a layer
    lines = [line for line in log.splitlines() if line.strip() and not line.startswith(" ")
             and "Warning: " not in line and not line.startswith(("{", "Logged warning: "))
             and not re.match(r"ERROR \d+: ", line)]
    case.refused(lines[0], message)


#: The core refuses the same numbers for a plain-Python caller.
CORE_CASES = [
    ("trend", {"alpha": NAN}, r"^alpha must be a finite number above 0 and below 1, not nan$"),
    ("trend", {"threshold": INF}, r"^threshold must be a finite number at least 0, not inf$"),
    ("trend", {"min_years": 2}, r"^min_years must be a whole number at least 3, not 2$"),
    ("trend", {"confidence": 1}, r"^confidence must be 0 \(no interval\) or a number above 0 and below 1, not 1$"),
    ("trend", {"confidence": -0.5}, r"^confidence must be 0 \(no interval\) or a number above 0 and below 1, not -0\.5$"),
    ("correlation", {"alpha": 1.0}, r"^alpha must be a finite number above 0 and below 1, not 1\.0$"),
    ("correlation", {"max_lag": -1}, r"^max_lag must be a whole number from 0 to 11, not -1$"),
    ("qualitycontrol", {"maxima": {"10_40": NAN}}, r"^maxima\['10_40'\] must be a finite number at least 0, not nan$"),
]


@pytest.mark.parametrize("algorithm, arguments, message", CORE_CASES,
                         ids=["%s-%s" % (c[0], "-".join(c[1])) for c in CORE_CASES])
def test_the_core_refuses_the_same_numbers(world, tmp_path, algorithm, arguments, message):
    from tsmv.tsmv_qgis.steps.correlation import run_correlation
    from tsmv.tsmv_qgis.errors import TsmvError
    from tsmv.tsmv_qgis.steps.qc import quality_control
    from tsmv.tsmv_qgis.steps.trend import run_trend
    out = str(tmp_path / "out")
    o = lambda name: os.path.join(out, name)  # noqa: E731
    before = _visible(world.root)
    runs = {"trend": lambda: run_trend(world.annual, o("t.tif"), o("s.csv"), **dict({"min_years": 3}, **arguments)),
            "correlation": lambda: run_correlation(world.seasonal, world.codes, world.gpp, world.ecosystems,
                                                   {"r": o("r.tif"), "p": o("p.tif")}, **arguments),
            "qualitycontrol": lambda: quality_control(world.raw, {k: o(k + ".tif") for k in world.raw},
                                                      **arguments)}
    with pytest.raises(TsmvError) as raised:
        runs[algorithm]()
    assert re.search(message, str(raised.value)), str(raised.value)
    assert not os.path.isdir(out) or os.listdir(out) == []
    assert _visible(world.root) == before and temporaries(world.root, str(tmp_path)) == []


def test_every_number_parameter_states_its_range(tsmv_processing):
    """The range each number parameter of an algorithm declares is in its help, and every one
    declares one (the models pass their numbers on to the algorithms, which check them)."""
    from qgis.core import QgsApplication, QgsProcessingParameterNumber
    from tsmv.processing_provider.base import TsmvAlgorithm
    numbers = [(alg.id(), p) for alg in QgsApplication.processingRegistry().providerById("tsmv").algorithms()
               if isinstance(alg, TsmvAlgorithm)
               for p in alg.parameterDefinitions() if isinstance(p, QgsProcessingParameterNumber)]
    assert {p.name() for _, p in numbers} >= {"ALPHA", "THRESHOLD", "MIN_YEARS", "MIN_VALID", "START_YEAR",
                                              "END_YEAR", "MAX_0_10", "MAX_100_200"}
    for algorithm, p in numbers:
        assert p.minimum() > -1e300, (algorithm, p.name())
        assert re.search(r"Range: [-\d.]+ (to [-\d.]+|or more)\.$", p.help()), (algorithm, p.name(), p.help())
