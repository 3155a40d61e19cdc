"""Bad inputs are refused by name: GOSIF file names (tsmv:gpp) and the inputs of tsmv:report.

Every refusal is a TsmvError whose message starts with the culprit (parameter and/or file)."""
import datetime
import os
import re

import numpy as np
import pytest

from conftest import area_mean, write_stack
from tsmv.tsmv_qgis.steps.attribution import COMPONENT_LABELS, DYNAMICS, TABLE_HEADER as ATTRIBUTION_HEADER
from tsmv.tsmv_qgis.steps.correlation import BAND_LABELS, ROOT_ZONE_LABELS, TABLE_HEADER as CORRELATION_HEADER
from tsmv.tsmv_qgis.errors import TsmvError
from tsmv.tsmv_qgis.steps.gpp import find_gosif, parse_gosif
from tsmv.tsmv_qgis.labels import LAYER_KEYS, LAYER_LABELS, SEASONS
from tsmv.tsmv_qgis.progress import Progress
from tsmv.tsmv_qgis.steps.qc import QC_HEADER
from tsmv.tsmv_qgis.report import make_report
from tsmv.tsmv_qgis.steps.trend import BANDS, SUMMARY_HEADER

DEPTHS = ["%s cm" % d for d in LAYER_LABELS]


# --- GOSIF file names ------------------------------------------------------------------------

def gosif_folder(tmp_path, names):
    """A folder of empty files with these names (names are checked before any file is read)."""
    folder = tmp_path / "gosif"
    for name in names:
        path = folder / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(b"")
    return str(folder)


def test_gosif_names_are_parsed():
    f = parse_gosif("/d/GOSIF_GPP_2000057_Mean.tif")
    assert (f.kind, f.first, f.last) == ("8day", datetime.date(2000, 2, 26), datetime.date(2000, 3, 4))
    f = parse_gosif("/d/GOSIF_GPP_2019.M02_Mean.tif.gz")
    assert (f.kind, f.first, f.last) == ("monthly", datetime.date(2019, 2, 1), datetime.date(2019, 2, 28))
    assert parse_gosif("/d/GOSIF_GPP_2001361_Mean.tif").last == datetime.date(2001, 12, 31)  # 5 days
    assert parse_gosif("/d/GOSIF_GPP_2004361_Mean.tif").days_by_month() == {(2004, 12): 6}  # leap
    for other in ("readme.txt", "GOSIF_GPP_2000057_Mean.tif.aux.xml", "GOSIF_GPP_2019.M01_Max.tif",
                  "GOSIF_GPP_200005_Mean.tif"):
        assert parse_gosif("/d/" + other) is None, other


@pytest.mark.parametrize("year", [2000, 2001])
def test_gosif_8day_cycle_counts_every_day_once(tmp_path, year):
    folder = gosif_folder(tmp_path, ["GOSIF_GPP_%d%03d_Mean.tif" % (year, d) for d in range(1, 366, 8)])
    days = {}
    for f in find_gosif(folder):
        for ym, n in f.days_by_month().items():
            days[ym] = days.get(ym, 0) + n
    assert sum(days.values()) == (366 if year == 2000 else 365)
    assert days[(year, 2)] == (29 if year == 2000 else 28)


BAD_NAMES = [
    ("GOSIF_GPP_2006.M13_Mean.tif", r"month 13 is not a month \(01-12\)"),
    ("GOSIF_GPP_2006.M00_Mean.tif.gz", r"month 00 is not a month \(01-12\)"),
    ("GOSIF_GPP_2006000_Mean.tif", r"day of year 000 is outside 001-365"),
    ("GOSIF_GPP_2006367_Mean.tif", r"day of year 367 is outside 001-365"),
    ("GOSIF_GPP_2004367_Mean.tif", r"day of year 367 is outside 001-366"),
    ("GOSIF_GPP_2006999_Mean.tif.gz", r"day of year 999 is outside 001-365"),
    ("GOSIF_GPP_2006366_Mean.tif", r"day of year 366, but 2006 is not a leap year"),
    ("GOSIF_GPP_2004366_Mean.tif", r"day of year 366 does not start an 8-day composite"),
    ("GOSIF_GPP_2006010_Mean.tif", r"day of year 010 does not start an 8-day composite \(001, 009"),
    ("gosif_gpp_2006002_mean.tif", r"day of year 002 does not start an 8-day composite"),
    ("GOSIF_GPP_0000001_Mean.tif", r"year 0000 is not a year"),
]


@pytest.mark.parametrize("name, problem", BAD_NAMES, ids=[n for n, _ in BAD_NAMES])
def test_gosif_bad_name_is_refused_not_skipped(tmp_path, name, problem):
    folder = gosif_folder(tmp_path, ["GOSIF_GPP_2005.M%02d_Mean.tif" % m for m in range(1, 13)]
                          + ["sub/" + name])
    path = os.path.join(folder, "sub", name)
    with pytest.raises(TsmvError, match="^folder %s: %s" % (re.escape(path), problem)) as e:
        find_gosif(folder)
    assert "rename or remove the file" in str(e.value)
    with pytest.raises(TsmvError, match=re.escape(path)):
        parse_gosif(path)


def test_gosif_existing_checks_still_hold(tmp_path):
    twice = gosif_folder(tmp_path / "a", ["GOSIF_GPP_2003.M02_Mean.tif", "GOSIF_GPP_2003.M02_Mean.tif.gz"])
    with pytest.raises(TsmvError, match="^folder .*GOSIF_GPP_2003.M02_Mean.*: two GOSIF files for the same period"):
        find_gosif(twice)
    mixed = gosif_folder(tmp_path / "b", ["GOSIF_GPP_2003.M01_Mean.tif", "GOSIF_GPP_2003001_Mean.tif"])
    with pytest.raises(TsmvError, match="^folder .* has both 8-day and monthly GOSIF files for 2003-01"):
        find_gosif(mixed)
    none = gosif_folder(tmp_path / "c", ["readme.txt", "GOSIF_GPP_2003.M01_Max.tif"])
    with pytest.raises(TsmvError, match="^folder .* holds no GOSIF GPP files"):
        find_gosif(none)
    a_file = os.path.join(none, "readme.txt")
    with pytest.raises(TsmvError, match="^folder %s is a file, not a folder" % re.escape(a_file)):
        find_gosif(a_file)


# --- tsmv:report inputs ----------------------------------------------------------------------

YEARS = list(range(2000, 2006))
RNG = np.random.default_rng(1)


def write_csv(path, header, rows):
    with open(path, "w", encoding="utf-8", newline="") as f:
        f.write("\n".join(",".join(str(v) for v in line) for line in [header] + rows) + "\n")
    return str(path)


#: Latitudes of the rows of write_stack's default grid (3 rows from 10 N).
LAT = (9.5, 8.5, 7.5)


def attribution_rows(components):
    """The TABLE of tsmv:attribution written with ``components`` (32 bands)."""
    return [[k + 1, c, s, d, "%.6f" % area_mean(components[k], LAT), "1.0", "%.3f" % RNG.uniform(0.5, 1.5), 12]
            for k, (c, s, d) in enumerate((c, s, d) for c in DYNAMICS for s in SEASONS for d in DEPTHS)]


def correlation_rows(r):
    """A TABLE of tsmv:correlation written with ``r`` (16 bands): its Global rows hold r's means."""
    return [[g, s, d, 12, "%.6f" % (area_mean(r[4 * i + j], LAT) if g == "Global" else RNG.uniform(-1, 1)),
             0.1, 3, 25.0, "p < 0.05"] for g in ("Global", "Forests") for i, s in enumerate(SEASONS) for j, d in enumerate(DEPTHS)]


@pytest.fixture
def inputs(tmp_path):
    """Small valid inputs of every kind the report reads (keyword arguments of make_report)."""
    d = tmp_path / "in"
    d.mkdir()
    sm = {"TSMV_KIND": "soil moisture", "UNITS": "kg m-2"}
    seasonal = {k: write_stack(d / ("seasonal_%s.tif" % k), RNG.uniform(10, 50, (24, 3, 4)),
                               ["%d %s" % (y, s) for y in YEARS for s in SEASONS],
                               metadata=dict(sm, TSMV_LAYER=label + " cm"))
                for k, label in zip(LAYER_KEYS, LAYER_LABELS)}
    period = {"START_YEAR": "2000", "END_YEAR": "2005"}
    corr = dict(period, TSMV_KIND="correlation")
    r, components = RNG.uniform(-1, 1, (16, 3, 4)), RNG.uniform(0, 10, (32, 3, 4))
    return {
        "correlation_r": write_stack(d / "r.tif", r, BAND_LABELS,
                                     metadata=dict(corr, TSMV_VALUE="pearson r")),
        "correlation_p": write_stack(d / "p.tif", RNG.uniform(0, 1, (16, 3, 4)), BAND_LABELS,
                                     metadata=dict(corr, TSMV_VALUE="p-value")),
        "root_zone_r": write_stack(d / "r_root.tif", RNG.uniform(-1, 1, (4, 3, 4)), ROOT_ZONE_LABELS,
                                   metadata=dict(corr, TSMV_VALUE="pearson r")),
        "root_zone_p": write_stack(d / "p_root.tif", RNG.uniform(0, 1, (4, 3, 4)), ROOT_ZONE_LABELS,
                                   metadata=dict(corr, TSMV_VALUE="p-value")),
        "ecosystems": write_stack(d / "eco.tif", RNG.integers(1, 5, (1, 3, 4)), ["ecosystem"],
                                  metadata={"TSMV_KIND": "ecosystems"}),
        "annual_tsm": write_stack(d / "annual.tif", RNG.uniform(100, 200, (6, 3, 4)), [str(y) for y in YEARS],
                                  metadata=sm),
        "seasonal": seasonal,
        "trends": [write_stack(d / "trend.tif", RNG.normal(0, 1, (7, 3, 4)), BANDS,
                               metadata=dict(period, TSMV_KIND="trend", UNITS="kg m-2 per year"))],
        "trend_summaries": [write_csv(d / "summary.csv", SUMMARY_HEADER,
                                      [[2000, 2005, "original", 0.05, False, 12] + [1.0] * 9])],
        "components": [write_stack(d / "components.tif", components, COMPONENT_LABELS,
                                   metadata=dict(period, TSMV_KIND="attribution", UNITS="%"))],
        "attribution_tables": [write_csv(d / "attribution.csv", ATTRIBUTION_HEADER, attribution_rows(components))],
        "correlation_table": write_csv(d / "correlation.csv", CORRELATION_HEADER, correlation_rows(r)),
        "qc_report": write_csv(d / "qc.csv", QC_HEADER, [["0-10 cm", 100, 1, 1.0, 1, 0, 99.9]]),
    }


def test_valid_inputs_make_the_report(inputs, tmp_path):
    out = str(tmp_path / "report.html")
    titles = make_report(out, **inputs)
    assert len(titles) == 13 and os.path.exists(out)  # 1a-1d, S1, 2, 3, 4a-4d, S2, S3
    text = open(out, encoding="utf-8").read()
    assert "2000-2005" in text and "Quality control" in text
    # (name, path) pairs name the periods; a UTF-8 byte-order mark is accepted
    bom = str(tmp_path / "in" / "bom.csv")
    with open(bom, "w", encoding="utf-8-sig") as f:
        f.write(open(inputs["correlation_table"], encoding="utf-8").read())
    named = dict(inputs, trends=[("TREND_B", inputs["trends"][0])], correlation_table=bom,
                 attribution_tables=[("ATTRIBUTION_TABLE_B", inputs["attribution_tables"][0])])
    assert make_report(str(tmp_path / "named.html"), **named) == titles


# Makers of bad inputs: (folder, valid inputs) -> the path of a bad one.

def stack_maker(labels, metadata=None):
    def make(folder, inputs):
        return write_stack(os.path.join(folder, "bad.tif"), np.ones((len(labels), 3, 4)), labels,
                           metadata=metadata)
    return make


def text_maker(text, encoding="utf-8"):
    def make(folder, inputs):
        path = os.path.join(folder, "bad.csv")
        with open(path, "wb") as f:
            f.write(text.encode(encoding) if isinstance(text, str) else text)
        return path
    return make


def edited_csv(source, row, column, value):
    """A copy of the CSV input ``source`` with one value changed (row counted from 1 after the header)."""
    def make(folder, inputs):
        path = inputs[source][0] if isinstance(inputs[source], list) else inputs[source]
        lines = open(path, encoding="utf-8").read().splitlines()
        header = lines[0].split(",")
        fields = lines[row].split(",")
        fields[header.index(column)] = value
        lines[row] = ",".join(fields)
        return text_maker("\n".join(lines) + "\n")(folder, inputs)
    return make


PERIOD = {"START_YEAR": "2000", "END_YEAR": "2005"}
SEASON_LABELS = ["%d %s" % (y, s) for y in YEARS for s in SEASONS]
ATTRIBUTION_TEXT = ",".join(ATTRIBUTION_HEADER) + "\n"

# (parameter, maker, what the message says after the parameter and path)
REPORT_CASES = [
    ("ANNUAL_TSM", stack_maker(SEASON_LABELS), r" is a seasonal stack .*it must be yearly \(bands YYYY\)"),
    ("ANNUAL_TSM", stack_maker(["2000-01", "2000-02"]), r" is a monthly stack .*it must be yearly"),
    ("ANNUAL_TSM", stack_maker(["2000", "mean"]), r": band 2 is labelled 'mean'"),
    ("SEASONAL_10_40", stack_maker([str(y) for y in YEARS]), r" is a yearly stack .*it must be seasonal"),
    ("SEASONAL_0_10", stack_maker(SEASON_LABELS, {"TSMV_LAYER": "10-40 cm"}),
     r" holds the 10-40 cm layer \(its metadata TSMV_LAYER or TSMV_OUTPUT\), not GLDAS-Noah's top layer "
     r"\(0-10 cm\); give the four layers of one product top to bottom"),
    ("TREND_A", stack_maker(["slope", "intercept"], PERIOD),
     r" lacks the bands p_value, z, tau, s and 1 more; give the OUTPUT of tsmv:trend"),
    ("TREND_A", stack_maker(list(BANDS), {"END_YEAR": "2005"}), r": the metadata has no START_YEAR; give"),
    ("TREND_A", stack_maker(list(BANDS), {"START_YEAR": "2000", "END_YEAR": "2005.5"}),
     r": the metadata gives END_YEAR = '2005.5', not a year"),
    ("TREND_A", stack_maker(list(BANDS), {"START_YEAR": "2005", "END_YEAR": "2000"}),
     r": the metadata START_YEAR \(2005\) is after END_YEAR \(2000\)"),
    ("TREND_A", stack_maker(list(BANDS), {"START_YEAR": "1990", "END_YEAR": "1999"}),
     r": its period 1990-1999 is not within the years of ANNUAL_TSM .* \(2000-2005\)"),
    ("TREND_A", stack_maker(["2000", "2001"], {"TSMV_KIND": "soil moisture"}),
     r" holds soil moisture \(kg m-2\), not trend statistics"),
    ("COMPONENTS_A", stack_maker(COMPONENT_LABELS[:16], dict(PERIOD, TSMV_KIND="attribution")),
     r" lacks the bands IAV H-S 0-10 cm, .* and 12 more; give the COMPONENTS of tsmv:attribution"),
    ("COMPONENTS_A", stack_maker(COMPONENT_LABELS), r": the metadata has no START_YEAR"),
    ("SUMMARY_A", text_maker(""), r": the file is empty; give the SUMMARY of tsmv:trend"),
    ("SUMMARY_A", text_maker(",".join(SUMMARY_HEADER) + "\n"), r": the CSV has a header but no rows"),
    ("SUMMARY_A", text_maker("start_year,end_year,method\n2000,2005,original\n"),
     r": the CSV lacks the columns alpha, fdr, pixels, mean_slope and 8 more; give the SUMMARY of tsmv:trend"),
    ("SUMMARY_A", lambda folder, inputs: os.path.join(folder, "missing.csv"), r": cannot read it"),
    ("ATTRIBUTION_TABLE_A", text_maker(ATTRIBUTION_TEXT), r": the CSV has a header but no rows"),
    ("ATTRIBUTION_TABLE_A", edited_csv("attribution_tables", 3, "mean_percent", "n/a%"),
     r": row 3 \(line 4\), column mean_percent: 'n/a%' is not a number"),
    ("ATTRIBUTION_TABLE_A", edited_csv("attribution_tables", 1, "mean_omega", ""),
     r": row 1 \(line 2\), column mean_omega: '' is not a number"),
    ("ATTRIBUTION_TABLE_A", edited_csv("attribution_tables", 2, "season", "Spring"),
     r": row 2 \(line 3\), column season: 'Spring' is not one of H-S, SH-S, SA-S, A-S"),
    ("ATTRIBUTION_TABLE_A", edited_csv("attribution_tables", 5, "depth", "0-10"),
     r": row 5 \(line 6\), column depth: '0-10' is not one of 0-10 cm"),
    ("ATTRIBUTION_TABLE_A", edited_csv("attribution_tables", 32, "dynamic", "trend"),
     r": row 32 \(line 33\), column dynamic: 'trend' is not one of Trend, IAV"),
    ("CORRELATION_TABLE", edited_csv("correlation_table", 4, "mean_r", "x"),
     r": row 4 \(line 5\), column mean_r: 'x' is not a number; give the TABLE of tsmv:correlation"),
    ("CORRELATION_TABLE", edited_csv("correlation_table", 1, "depth", "200 cm"),
     r": row 1 \(line 2\), column depth: '200 cm' is not one of"),
    ("CORRELATION_TABLE", text_maker(",".join(CORRELATION_HEADER) + "\nForêts,H-S,0-10 cm,1,0.5,0.1,0,0,p < 0.05\n",
                                     "latin-1"), r": the file is not UTF-8 text \(it holds the byte 0xea\)"),
    ("QC_REPORT", text_maker("layer,values\n0-10 cm,x\n"),
     r": the CSV lacks the columns masked, percent_masked, below_zero, above_max and 1 more"),
    ("QC_REPORT", text_maker(",".join(QC_HEADER) + "\n0-10 cm,100,1\n"),
     r": row 1 \(line 2\): it does not have one value per column of the header"),
    ("R", stack_maker(BAND_LABELS, {"TSMV_KIND": "correlation", "TSMV_VALUE": "p-value"}),
     r" holds the p-value, not the pearson r; give the R of tsmv:correlation"),
    ("P", stack_maker(BAND_LABELS[:8], {"TSMV_KIND": "correlation"}),
     r" lacks the bands SA-S 0-10 cm, SA-S 10-40 cm, .* and 4 more; give the P of tsmv:correlation"),
    ("R", stack_maker(SEASON_LABELS, {"TSMV_KIND": "soil moisture"}), r" holds soil moisture .*, not correlations"),
    ("R_ROOT_ZONE", stack_maker(BAND_LABELS, {"TSMV_KIND": "correlation"}),
     r" lacks the bands H-S 10-100 cm, .*; give the R_ROOT_ZONE of tsmv:correlation"),
    ("P_ROOT_ZONE", stack_maker(ROOT_ZONE_LABELS, {"TSMV_KIND": "correlation", "TSMV_VALUE": "pearson r"}),
     r" holds the pearson r, not the p-value; give the P_ROOT_ZONE of tsmv:correlation"),
    ("ECOSYSTEMS", stack_maker(["ecosystem", "2000"]), r" has the bands 'ecosystem', '2000'; it must be the one-band"),
    ("ECOSYSTEMS", lambda folder, inputs: write_stack(os.path.join(folder, "bad.tif"), np.full((1, 3, 4), 7.0),
                                                      ["ecosystem"]),
     r" holds values other than 1/2/3/4 \(e.g. 7\); give the OUTPUT of tsmv:landcover"),
    ("ECOSYSTEMS", lambda folder, inputs: write_stack(os.path.join(folder, "bad.tif"), np.ones((1, 3, 4)),
                                                      ["ecosystem"], geotransform=(10.0, 1.0, 0.0, 10.0, 0.0, -1.0)),
     r" is on another grid \(4 x 3 cells of 1 x 1 deg from \(10, 10\)\) than R "),
]


def _put(inputs, parameter, path):
    """The inputs with ``parameter`` (e.g. TREND_A, SEASONAL_0_10) set to ``path``."""
    inputs = dict(inputs, seasonal=dict(inputs["seasonal"]))
    lists = {"TREND_": "trends", "SUMMARY_": "trend_summaries", "COMPONENTS_": "components",
             "ATTRIBUTION_TABLE_": "attribution_tables"}
    if parameter.startswith("SEASONAL_"):
        inputs["seasonal"][parameter[len("SEASONAL_"):]] = path
    elif parameter.rstrip("AB") in lists:
        key = lists[parameter.rstrip("AB")]
        inputs[key] = list(inputs[key]) + [inputs[key][0]] if parameter.endswith("B") else list(inputs[key])
        inputs[key]["AB".index(parameter[-1])] = path
    else:
        inputs[{"ANNUAL_TSM": "annual_tsm", "CORRELATION_TABLE": "correlation_table", "QC_REPORT": "qc_report",
                "R": "correlation_r", "P": "correlation_p", "ECOSYSTEMS": "ecosystems", "R_ROOT_ZONE": "root_zone_r",
                "P_ROOT_ZONE": "root_zone_p"}[parameter]] = path
    return inputs


@pytest.mark.parametrize("parameter, maker, message", REPORT_CASES,
                         ids=["%02d-%s" % (i, c[0]) for i, c in enumerate(REPORT_CASES)])
def test_report_refuses_bad_input_by_name(inputs, tmp_path, parameter, maker, message):
    bad = tmp_path / "bad"
    bad.mkdir()
    path = maker(str(bad), inputs)
    reported = []
    out = str(tmp_path / "report.html")
    with pytest.raises(TsmvError, match="^%s %s%s" % (parameter, re.escape(path), message)):
        make_report(out, progress=Progress(reported.append), **_put(inputs, parameter, path))
    assert reported == [] and not os.path.exists(out)  # refused before any figure, nothing written


def test_report_names_the_second_period_and_pairs(inputs, tmp_path):
    bad = stack_maker(list(BANDS), {"START_YEAR": "2000"})(str(tmp_path), inputs)
    with pytest.raises(TsmvError, match="^TREND_B %s: the metadata has no END_YEAR" % re.escape(bad)):
        make_report(str(tmp_path / "r.html"), **dict(inputs, trends=inputs["trends"] + [bad]))
    with pytest.raises(TsmvError, match="^TREND_B %s: " % re.escape(bad)):  # only period B given
        make_report(str(tmp_path / "r.html"), **dict(inputs, trends=[("TREND_B", bad)]))


def test_report_refuses_some_seasonal_stacks(inputs, tmp_path):
    seasonal = {k: v for k, v in inputs["seasonal"].items() if k != "40_100"}
    with pytest.raises(TsmvError, match=r"^SEASONAL_40_100 is missing; give the four seasonal stacks"):
        make_report(str(tmp_path / "r.html"), **dict(inputs, seasonal=seasonal))
