"""Publishing is all or nothing per run (tsmv_qgis.io.outputs): every target is checked before the
first rename; a rename that still fails rolls back every file the run already published, byte
for byte; several transactions in one Run (the shipped models) are rolled back together when a
later one fails or the run is canceled.  Every case: the outcome, the message's first words
(parameter, then file), nothing published, no temporary left, inputs unchanged."""
import os
import re
import shutil

import numpy as np
import pytest

from conftest import layer_paths, snapshot, write_stack
from tsmv.tsmv_qgis.io import outputs as outputs_module
from tsmv.tsmv_qgis.steps.attribution import run_attribution
from tsmv.tsmv_qgis.errors import Canceled, TsmvError
from tsmv.tsmv_qgis.steps.importing import import_gldas
from tsmv.tsmv_qgis.labels import LAYER_KEYS
from tsmv.tsmv_qgis.io.outputs import Outputs, Run
from tsmv.tsmv_qgis.steps.seasons import run_seasons
from tsmv.tsmv_qgis.steps.trend import run_trend
import test_models
from test_models import make_models, model_inputs

world_data = test_models.world_data  # the shipped models' small world (a fixture)

YEARS = [str(y) for y in range(2000, 2012)]
ATTRIBUTION = ("components", "by_season", "by_depth", "by_dynamic", "omega", "dominant")


def temporaries(folder):
    found = []
    for dirpath, _, names in os.walk(folder):
        found += [os.path.join(dirpath, n) for n in names if n.startswith(".tsmv-")]
    return found


@pytest.fixture(scope="module")
def seasonal(tmp_path_factory):
    """The four seasonal stacks and the annual TSM of a small example (1998-2001)."""
    from tsmv_example import make_gldas_example
    root = tmp_path_factory.mktemp("publish")
    make_gldas_example(str(root / "gldas"), 1998, 2001, extent=(-10.0, 30.0, 6.0, 42.0), seed=3)
    sm = layer_paths(root / "sm", "sm")
    import_gldas(str(root / "gldas"), sm)
    paths = {"codes": str(root / "s" / "codes.tif"), "annual_tsm": str(root / "s" / "tsm.tif")}
    paths.update({"seasonal_" + k: str(root / "s" / ("seasonal_%s.tif" % k)) for k in LAYER_KEYS})
    run_seasons(sm, paths)
    return {"layers": {k: paths["seasonal_" + k] for k in LAYER_KEYS}, "tsm": paths["annual_tsm"],
            "inputs": str(root / "s"), "sm": sm, "gldas": str(root / "gldas")}


@pytest.fixture
def yearly(tmp_path):
    data = np.random.default_rng(1).normal(200, 5, (len(YEARS), 6, 7))
    source = tmp_path / "in" / "y.tif"
    source.parent.mkdir()
    return write_stack(source, data, YEARS)


def earlier(folder, names):
    """Files an earlier run left in ``folder``, each with its own content."""
    folder.mkdir(exist_ok=True)
    for name in names:
        (folder / name).write_bytes(("earlier %s\n" % name).encode())


# --- every target checked before the first rename ----------------------------------------

def _folder_as_style(out):
    (out / "t.qml").mkdir()
    return {"output": str(out / "t.tif")}


def _folder_as_extra_style(out):
    (out / "t.p_value.qml").mkdir()
    return {"output": str(out / "t.tif")}


def _dotdot_through_missing(out):
    return {"output": str(out / "t.tif"), "summary": str(out / "missing" / ".." / "t.csv")}


def _summary_is_a_style(out):
    return {"output": str(out / "t.tif"), "summary": str(out / "t.trend.qml")}


def _folder_appears_before_publishing(out):
    return {"output": str(out / "t.tif"), "summary": str(out / "t.csv"), "late_folder": out / "t.csv"}


def _folder_no_longer_writable(out):
    return {"output": str(out / "t.tif"), "summary": str(out / "sub" / "t.csv"), "read_only": out / "sub"}


def _extra_style_of_one_is_style_of_another(out):
    return {"attribution": {"dominant": str(out / "d.tif"), "components": str(out / "d.top2.tif")}}


def _extra_style_on_percent_style(out):
    return {"attribution": {"dominant": str(out / "x.tif"), "by_depth": str(out / "x.top1_percent.tif")}}


def _sidecar_on_other_output(out):
    return {"attribution": {"omega": str(out / "o.tif"), "by_season": str(out / "o.tiff")}}


CHECKED = [
    ("folder where the style goes", _folder_as_style, r"^output \S+/t\.tif: its style \S+/t\.qml is a folder"),
    ("folder where an extra style goes", _folder_as_extra_style,
     r"^output \S+/t\.tif: its style \S+/t\.p_value\.qml is a folder"),
    ("'..' through a missing folder", _dotdot_through_missing,
     r"^summary \S+/missing/\.\./t\.csv: the folder \S+/missing does not exist"),
    ("a table named like an extra style", _summary_is_a_style, r"^summary \S+/t\.trend\.qml: a CSV output must end in"),
    ("a folder appears before publishing", _folder_appears_before_publishing,
     r"^summary \S+/t\.csv is a folder; give another file name; nothing was written"),
    ("a folder no longer writable", _folder_no_longer_writable,
     r"^summary \S+/sub/t\.csv: cannot write in the folder \S+/sub \(Permission denied\); nothing was written"),
    ("an extra style on another output's style", _extra_style_of_one_is_style_of_another,
     r"^outputs\['components'\] and outputs\['dominant'\] are the same file \(\S+/d\.top2\.qml, the style of \S+/d\.tif\)"),
    ("the percent style on another output's style", _extra_style_on_percent_style,
     r"^outputs\['by_depth'\] and outputs\['dominant'\] are the same file \(\S+/x\.top1_percent\.qml, the style of \S+/x\.tif\)"),
    ("two outputs sharing a style", _sidecar_on_other_output,
     r"^outputs\['by_season'\] and outputs\['omega'\] are the same file|^outputs\['omega'\] and outputs\['by_season'\] are the same file"),
]


@pytest.mark.parametrize("case, make, message", CHECKED, ids=[c[0] for c in CHECKED])
def test_every_target_is_checked_before_the_first_rename(seasonal, yearly, tmp_path, monkeypatch,
                                                         case, make, message):
    out = tmp_path / "out"
    earlier(out, ["t.tif", "d.tif", "x.tif", "o.tif", "keep.csv"])
    spec = make(out)
    before_inputs = snapshot(seasonal["inputs"]), snapshot(str(tmp_path / "in"))
    before = snapshot(str(out))
    folders = {n for n in os.listdir(out) if os.path.isdir(out / n)}  # the case's own
    if "late_folder" in spec:  # made while the run works, after the checks at its start
        from tsmv.tsmv_qgis.io import raster
        finish = raster.StackWriter.finish

        def finish_then_block(self):
            finish(self)
            spec["late_folder"].mkdir()
        monkeypatch.setattr(raster.StackWriter, "finish", finish_then_block)
    if "read_only" in spec:  # taken away while the run works (root may write anywhere: told so)
        access = os.access
        monkeypatch.setattr(outputs_module.os, "access", lambda path, mode: access(path, mode) and
                            os.path.realpath(path) != os.path.realpath(spec["read_only"]))
    with pytest.raises(TsmvError) as refused:
        if "attribution" in spec:
            run_attribution(seasonal["layers"], dict(attribution_files(out), **spec["attribution"]))
        else:
            run_trend(yearly, spec["output"], spec.get("summary"))
    assert re.search(message, str(refused.value)), str(refused.value)
    if "late_folder" in spec:
        spec["late_folder"].rmdir()
    assert snapshot(str(out)) == before  # nothing published, the earlier files as they were
    assert set(os.listdir(out)) == set(before) | folders  # and no folder the run made
    assert temporaries(str(tmp_path)) == []
    assert (snapshot(seasonal["inputs"]), snapshot(str(tmp_path / "in"))) == before_inputs


# --- a rename that fails rolls back the run -------------------------------------------------

#: How many renames attribution's run makes: over an earlier run, its six stacks, their styles,
#: the dominant's two extra styles and the table, and the GDAL statistics (.aux.xml) of the two
#: stacks the earlier run left with them; into an empty folder, no statistics; where the system
#: has no hard links, each earlier file is also moved aside (to be put back on a failure).
RENAMES = {"over": 6 + 6 + 2 + 1 + 2, "empty": 6 + 6 + 2 + 1, "no hard links": 2 * (6 + 6 + 2 + 1) + 2}


def attribution_files(out):
    files = {key: str(out / ("%s.tif" % key)) for key in ATTRIBUTION}
    files["table"] = str(out / "table.csv")
    return files


@pytest.fixture(scope="module")
def previous_run(seasonal, tmp_path_factory):
    """An earlier attribution's files (another period), with GDAL statistics of two stacks."""
    out = tmp_path_factory.mktemp("previous")
    run_attribution(seasonal["layers"], attribution_files(out), 1998, 2000)
    for key in ("components", "omega"):
        (out / ("%s.tif.aux.xml" % key)).write_text("<PAMDataset>statistics of %s</PAMDataset>" % key)
    return out


def _prepare(where, out, previous_run, monkeypatch):
    import shutil
    if where == "empty":
        out.mkdir()
    else:
        shutil.copytree(previous_run, out)
    if where == "no hard links":
        def link(*args, **kwargs):
            raise OSError(1, "Operation not permitted")
        monkeypatch.setattr(outputs_module.os, "link", link)


@pytest.mark.parametrize("where", list(RENAMES))
def test_the_rename_count_is_what_the_table_covers(seasonal, tmp_path, monkeypatch, previous_run, where):
    out = tmp_path / "count"
    _prepare(where, out, previous_run, monkeypatch)
    calls = []
    replace = os.replace
    monkeypatch.setattr(outputs_module.os, "replace", lambda a, b: calls.append(b) or replace(a, b))
    run_attribution(seasonal["layers"], attribution_files(out))
    monkeypatch.undo()
    assert len(calls) == RENAMES[where], calls
    assert sorted(os.listdir(out)) == sorted(
        ["%s.%s" % (key, ext) for key in ATTRIBUTION for ext in ("tif", "qml")] +
        ["dominant.top2.qml", "dominant.top1_percent.qml", "table.csv"])  # no statistics, no backup left


POSITIONS = [(where, k) for where, count in RENAMES.items() for k in range(count)]


@pytest.mark.parametrize("where, position", POSITIONS, ids=["%s-%d" % p for p in POSITIONS])
def test_a_failed_rename_at_any_position_rolls_back_the_run(seasonal, tmp_path, monkeypatch, previous_run,
                                                            where, position):
    out = tmp_path / "out"
    _prepare(where, out, previous_run, monkeypatch)
    before, before_inputs = snapshot(str(out)), snapshot(seasonal["inputs"])
    calls = []
    replace = os.replace

    def failing(src, dst):
        calls.append(src if os.path.basename(dst).startswith(".tsmv-") else dst)  # the requested file
        if len(calls) == position + 1:
            raise OSError(5, "injected: Input/output error")
        return replace(src, dst)
    monkeypatch.setattr(outputs_module.os, "replace", failing)
    with pytest.raises(TsmvError) as refused:
        run_attribution(seasonal["layers"], attribution_files(out))
    monkeypatch.undo()
    assert len(calls) > position
    failed = calls[position]
    name = "outputs[%r]" % os.path.basename(failed).split(".")[0]  # components.qml: outputs['components']
    assert str(refused.value) == "%s %s: cannot move the finished file into place (injected: Input/output " \
        "error); no requested file was changed" % (name, failed[:-len(".aux.xml")] if failed.endswith(".aux.xml")
                                                   else failed)
    assert snapshot(str(out)) == before  # every earlier file back, byte for byte
    assert temporaries(str(out)) == []
    assert snapshot(seasonal["inputs"]) == before_inputs


# --- several transactions in one run --------------------------------------------------------

CHAIN = [
    ("second step refused", lambda y, out: run_trend(y, str(out / "b.tif"), str(out / "missing" / ".." / "b.csv")),
     TsmvError, r"^summary \S+/missing/\.\./b\.csv: the folder \S+/missing does not exist"),
    ("second step canceled", lambda y, out: run_trend(y, str(out / "b.tif"), progress=_canceled()),
     Canceled, r"^Canceled by the user; no output was written"),
    ("failure after the second step", lambda y, out: (run_trend(y, str(out / "b.tif")), _fail()),
     TsmvError, r"^REPORT \S+: injected after the steps"),
    ("second step's table on the first's stack", lambda y, out: run_trend(y, str(out / "b.tif"), str(out / "a.tif")),
     TsmvError, r"^summary \S+/a\.tif: a CSV output must end in \.csv"),
    ("second step into a new folder, then failure", lambda y, out: (
        run_trend(y, str(out / "new" / "deeper" / "c.tif")), _fail()), TsmvError, r"^REPORT \S+: injected"),
]


def _canceled():
    from tsmv.tsmv_qgis.progress import Progress
    return Progress(None, lambda: True)


def _fail():
    raise TsmvError("REPORT r.html: injected after the steps")


@pytest.mark.parametrize("case, second, error, message", CHAIN, ids=[c[0] for c in CHAIN])
def test_a_run_of_several_steps_is_rolled_back_together(yearly, tmp_path, case, second, error, message):
    out = tmp_path / "out"
    earlier(out, ["a.tif", "a.qml", "keep.csv"])
    before, before_inputs = snapshot(str(out)), snapshot(str(tmp_path / "in"))
    with pytest.raises(error) as refused:
        with Run():
            run_trend(yearly, str(out / "a.tif"), str(out / "a.csv"))
            assert (out / "a.tif").read_bytes() != b"earlier a.tif\n"  # published by the first step ...
            second(yearly, out)
    assert re.search(message, str(refused.value)), str(refused.value)
    assert snapshot(str(out)) == before  # ... and rolled back with the rest
    assert sorted(os.listdir(out)) == sorted(before)  # no folder the run made is left either
    assert temporaries(str(tmp_path)) == []
    assert snapshot(str(tmp_path / "in")) == before_inputs


def test_a_file_the_rollback_cannot_put_back_is_said(yearly, tmp_path, monkeypatch):
    """Never kept quiet: told to the caller's report (a model's log), or added to the error."""
    out = tmp_path / "out"
    monkeypatch.setattr(outputs_module, "_rollback", lambda published: str(out / "a.tif") if published else None)

    def work():
        run_trend(yearly, str(out / "a.tif"), min_years=3)
        raise TsmvError("SECOND injected: this step fails")
    with pytest.raises(TsmvError) as refused:
        Run.call(work)
    assert re.search(r"^SECOND injected: this step fails; and \S*/out/a\.tif could not be put back as it was "
                     r"before this run", str(refused.value)), str(refused.value)
    said = []
    with pytest.raises(TsmvError, match=r"^SECOND injected: this step fails$"):
        Run.call(work, report=said.append)
    assert len(said) == 1 and said[0].startswith("%s could not be put back" % (out / "a.tif")), said


def test_a_run_that_ends_well_keeps_everything_and_no_backup(yearly, tmp_path):
    out = tmp_path / "out"
    earlier(out, ["a.tif", "a.qml"])
    with Run():
        run_trend(yearly, str(out / "a.tif"))
        run_trend(yearly, str(out / "b.tif"))
    assert sorted(os.listdir(out)) == [n + ext for n in "ab" for ext in (
        ".p_value.qml", ".qml", ".slope_lower.qml", ".slope_upper.qml", ".tif", ".trend.qml")]
    assert (out / "a.qml").read_bytes() != b"earlier a.qml\n"


def test_a_memory_error_becomes_a_refusal_after_the_cleanup(yearly, tmp_path):
    out = tmp_path / "out"
    earlier(out, ["t.tif"])
    before = snapshot(str(out))
    with pytest.raises(TsmvError, match=r"^extent: not enough memory for this run; choose a smaller extent "
                                        r"or a shorter period \(start_year, end_year\)"):
        with Outputs({"INPUT": yearly}, rasters={"OUTPUT": str(out / "t.tif")}) as run:
            run.temporary("OUTPUT")
            raise MemoryError()
    assert snapshot(str(out)) == before and temporaries(str(out)) == []


#: (algorithm, its inputs from the ``seasonal`` fixture, its outputs in ``out``, first words):
#: out of memory, each names what it can make smaller.
MEMORY = [
    ("importgldas", lambda f: {"INPUT": f["gldas"]}, {"OUTPUT_" + k: "sm_%s.tif" % k for k in LAYER_KEYS},
     "EXTENT: not enough memory for this run; choose a smaller EXTENT or a shorter period (START_YEAR, END_YEAR)"),
    ("trend", lambda f: {"INPUT": f["tsm"], "MIN_YEARS": 3}, {"OUTPUT": "t.tif", "SUMMARY": "t.csv"},
     "START_YEAR: not enough memory for this run; choose a shorter period (START_YEAR, END_YEAR)"),
    ("attribution", lambda f: {"INPUT_" + k: p for k, p in f["layers"].items()},
     dict({n: n.lower() + ".tif" for n in ("COMPONENTS", "BY_SEASON", "BY_DEPTH", "BY_DYNAMIC", "OMEGA", "DOMINANT")},
          TABLE="a.csv"),
     "START_YEAR: not enough memory for this run; choose a shorter period (START_YEAR, END_YEAR)"),
    ("qualitycontrol", lambda f: {"INPUT_" + k: p for k, p in f["sm"].items()},
     dict({"OUTPUT_" + k: "qc_%s.tif" % k for k in LAYER_KEYS}, REPORT="qc.csv"),
     "INPUT_0_10: not enough memory for this run; choose smaller inputs (crop them)"),
    ("seasons", lambda f: {"INPUT_" + k: p for k, p in f["sm"].items()},
     dict({"SEASONAL_" + k: "seasonal_%s.tif" % k for k in LAYER_KEYS}, SEASON_CODES="codes.tif", ANNUAL_TSM="tsm.tif"),
     "INPUT_0_10: not enough memory for this run; choose smaller inputs (crop them)"),
]


@pytest.mark.parametrize("algorithm, inputs, files, message", MEMORY, ids=[m[0] for m in MEMORY])
def test_out_of_memory_is_refused_naming_what_to_make_smaller(tsmv_processing, seasonal, tmp_path, monkeypatch,
                                                              algorithm, inputs, files, message):
    from qgis.core import QgsProcessingException
    from tsmv.tsmv_qgis.io import raster
    out = tmp_path / "out"
    earlier(out, list(files.values())[:1])
    before, before_inputs = snapshot(str(out)), snapshot(os.path.dirname(seasonal["inputs"]))

    def write(self, *args, **kwargs):
        raise MemoryError()
    monkeypatch.setattr(raster.StackWriter, "write", write)
    params = dict(inputs(seasonal), **{name: str(out / f) for name, f in files.items()})
    with pytest.raises(QgsProcessingException) as refused:
        tsmv_processing.run("tsmv:" + algorithm, params)
    assert str(refused.value).startswith(message), str(refused.value)
    assert str(refused.value).endswith("or free memory. No output was written and no temporary file was left.")
    assert snapshot(str(out)) == before and sorted(os.listdir(out)) == sorted(before)
    assert temporaries(str(tmp_path)) == []
    assert {k: v for k, v in snapshot(os.path.dirname(seasonal["inputs"])).items() if not k.endswith(".aux.xml")} \
        == {k: v for k, v in before_inputs.items() if not k.endswith(".aux.xml")}  # QGIS notes statistics


# --- the shipped models ------------------------------------------------------------------------

#: (model, the step where it goes wrong, how, where the model runs: the dialog runs it in a
#: worker thread, the Python console and qgis_process in the main thread)
MODEL_CASES = [
    ("soilmoisturechain", "report", "fail", "main"),
    ("soilmoisturechain", "attribution", "cancel", "main"),
    ("soilmoisturechain", "trend", "fail", "main"),
    ("soilmoisturechain", "attribution", "cancel after", "main"),
    ("fullchain", "correlation", "fail", "main"),
    ("fullchain", "report", "cancel", "main"),
    ("fullchain", "gpp", "cancel after", "main"),
    ("soilmoisturechain", "report", "fail", "worker"),
    ("soilmoisturechain", "trend", "cancel after", "worker"),
]


@pytest.mark.parametrize("model, step, how, thread", MODEL_CASES, ids=["-".join(c) for c in MODEL_CASES])
def test_a_model_leaves_nothing_under_requested_names(tsmv_processing, world_data, tmp_path, monkeypatch,
                                                      model, step, how, thread):
    """A later step fails or the run is canceled there: the outputs of the finished steps are
    rolled back (an earlier file comes back as it was), whatever the step and the thread."""
    import threading
    from qgis.core import QgsApplication, QgsProcessingContext, QgsProcessingException, QgsProcessingFeedback
    params = model_inputs(model, world_data)
    out = tmp_path / "out"
    for name, child, child_output, _ in make_models.MODELS[model]["outputs"]:
        extension = ".html" if name == "report" else \
            ".csv" if child_output in ("REPORT", "SUMMARY", "TABLE") else ".tif"
        params["%s:%s" % (child, name)] = str(out / "results" / (name + extension))  # a folder the run makes
    params["import:qc_0_10"] = str(out / "qc_0_10.tif")  # over an earlier file
    earlier(out, ["qc_0_10.tif", "qc_0_10.qml", "notes.txt"])
    before, before_inputs = snapshot(str(out)), snapshot(str(world_data))

    class Feedback(QgsProcessingFeedback):
        def __init__(self):
            super().__init__()
            self.errors = []

        def reportError(self, error, fatal=False):  # noqa: N802
            self.errors.append(error)
    feedback = Feedback()
    algorithm = type(QgsApplication.processingRegistry().algorithmById("tsmv:" + step))
    compute, reached = algorithm.compute, []

    def late(self, parameters, context, child_feedback):
        reached.append(sorted(os.listdir(out)))
        if how == "fail":
            raise TsmvError("%s injected: this step fails" % step.upper())
        if how == "cancel after":  # the step ends well: QGIS sees the cancel before the next step
            results = compute(self, parameters, context, child_feedback)
            feedback.cancel()
            return results
        feedback.cancel()
        child_feedback.cancel()
        return compute(self, parameters, context, child_feedback)
    monkeypatch.setattr(algorithm, "compute", late)
    raised = []

    def run():
        try:
            tsmv_processing.run("tsmv:" + model, params, context=QgsProcessingContext(), feedback=feedback)
        except QgsProcessingException as e:
            raised.append(e)
    if thread == "main":
        run()
    else:
        from qgis.PyQt.QtCore import QCoreApplication
        worker = threading.Thread(target=run)
        worker.start()
        while worker.is_alive():  # the main thread keeps its event loop, as the dialog's does
            QCoreApplication.processEvents()
            worker.join(0.02)
    assert len(raised) == 1, "the run did not fail"
    message = str(raised[0])
    assert reached and "results" in reached[0]  # the earlier steps had published
    if how == "cancel after":
        assert message == "Canceled by the user; no output was written."
    else:  # QGIS names the step; the step's own message is in the log
        assert message.startswith("Error encountered while running "), message
        expected = "%s injected: this step fails" % step.upper() if how == "fail" else "Canceled by the user"
        # QGIS 3.22 reports the step's message to the feedback, 3.44 puts it in the exception
        assert any(e.startswith(expected) for e in feedback.errors) or expected in message, (feedback.errors, message)
    assert snapshot(str(out)) == before  # nothing under a requested name, the earlier file back
    assert sorted(os.listdir(out)) == sorted(before)  # the folder the steps made is gone
    assert temporaries(str(tmp_path)) == []
    assert snapshot(str(world_data)) == before_inputs


#: (a model's settings that a late step would refuse, the first words said before any step)
MODEL_REFUSALS = [
    ("two outputs on one file", {"trend_A:trend_A": "OUT/same.tif", "attribution_B:omega_B": "OUT/same.tif"},
     r"^(trend_A:trend_A and attribution_B:omega_B|attribution_B:omega_B and trend_A:trend_A) are the same file"),
    ("a summary and a table on one CSV",
     {"trend_A:trend_summary_A": "OUT/same.csv", "attribution_A:table_A": "OUT/same.csv"},
     r"^(trend_A:trend_summary_A and attribution_A:table_A|attribution_A:table_A and trend_A:trend_summary_A) "
     r"are the same file"),
    ("the report under a file", {"report:report": "OUT/afile/report.html"},
     r"^report:report \S*afile/report\.html: cannot create the folder \S*afile \(a file has that name\)"),
    ("a period shorter than the trend's", {"START_B": 2003, "END_B": 2006},
     r"^START_B\.\.END_B \(2003-2006\) has 4 years; the trend step needs at least 8"),
    ("a period backwards", {"START_A": 1999, "END_A": 1990}, r"^START_A \(1999\) is after END_A \(1990\)"),
]


@pytest.mark.parametrize("case, changes, message", MODEL_REFUSALS, ids=[c[0] for c in MODEL_REFUSALS])
def test_a_model_refuses_before_its_first_step_what_a_later_step_would(tsmv_processing, world_data, tmp_path,
                                                                       monkeypatch, case, changes, message):
    """Named by the model's own parameters, before the import has run (a chain at 0.25 degree
    would otherwise work for an hour first)."""
    from qgis.core import QgsApplication, QgsProcessingContext, QgsProcessingException
    out = tmp_path / "out"
    out.mkdir()
    (out / "afile").write_text("a file, not a folder")
    before, before_inputs = snapshot(str(out)), snapshot(str(world_data))
    params = model_inputs("soilmoisturechain", world_data)
    params.update({k: v.replace("OUT", str(out)) if isinstance(v, str) else v for k, v in changes.items()})
    algorithm = type(QgsApplication.processingRegistry().algorithmById("tsmv:importgldas"))
    ran = []
    monkeypatch.setattr(algorithm, "compute", lambda *args: ran.append(True))
    with pytest.raises(QgsProcessingException) as raised:
        tsmv_processing.run("tsmv:soilmoisturechain", params, context=QgsProcessingContext())
    assert re.search(message, str(raised.value)), str(raised.value)
    assert ran == []
    assert snapshot(str(out)) == before and temporaries(str(tmp_path)) == []
    assert snapshot(str(world_data)) == before_inputs


def test_an_input_named_like_a_dead_runs_temporary_is_not_removed(yearly, tmp_path):
    """Temporaries of dead runs are removed from an output folder, but never a file the run reads."""
    from tsmv.tsmv_qgis.io.outputs import _HOST
    out = tmp_path / "out"
    out.mkdir()
    given = out / (".tsmv-%s-999999-abcd-1.tif" % _HOST)  # a complete result kept after a SIGKILL
    shutil.copy(yearly, given)
    stale = out / (".tsmv-%s-999999-abcd-2.tif" % _HOST)
    stale.write_text("a temporary of a run killed outright")
    run_trend(str(given), str(out / "t.tif"), min_years=3)
    assert given.exists() and not stale.exists() and (out / "t.tif").exists()


@pytest.mark.parametrize("given, lands", [("sub/../new/t.tif", "new/t.tif"), ("sub/./deeper/../t.tif", "sub/t.tif"),
                                          ("link/../t.tif", "elsewhere/../t.tif")])
def test_a_path_with_dots_the_system_can_follow_is_written_where_it_leads(yearly, tmp_path, given, lands):
    """'..' after a folder that exists is followed as the system follows it (after a link: from
    where the link leads); the missing folders after it are made."""
    out = tmp_path / "out"
    (out / "sub" / "deeper").mkdir(parents=True)
    (tmp_path / "elsewhere").mkdir()
    os.symlink(tmp_path / "elsewhere", out / "link")
    run_trend(yearly, str(out / given))
    expected = os.path.normpath(str((out if not lands.startswith("elsewhere") else tmp_path) / lands))
    written = [os.path.join(d, n) for d, _, names in os.walk(tmp_path) for n in names if n == "t.tif"]
    assert written == [expected]  # there, and nowhere else
    assert temporaries(str(tmp_path)) == []


def test_a_model_that_ends_well_keeps_its_outputs_and_no_backup(tsmv_processing, world_data, tmp_path):
    """Over earlier files: each is replaced, and the copy kept until the run's end is gone."""
    out = tmp_path / "out"
    earlier(out, ["qc.tif", "qc.qml", "r.html"])
    params = dict(model_inputs("soilmoisturechain", world_data),
                  **{"import:qc_0_10": str(out / "qc.tif"), "report:report": str(out / "r.html")})
    tsmv_processing.run("tsmv:soilmoisturechain", params)
    assert sorted(n for n in os.listdir(out) if not n.endswith(".aux.xml")) == ["qc.qml", "qc.tif", "r.html"]
    assert all((out / n).read_bytes() != ("earlier %s\n" % n).encode() for n in ("qc.tif", "qc.qml", "r.html"))
    assert temporaries(str(tmp_path)) == []
