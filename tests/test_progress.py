"""Progress: slices of the run that add up, in order, and cancellation between tiles."""
import pytest

from tsmv.tsmv_qgis.errors import Canceled
from tsmv.tsmv_qgis.progress import Progress, as_progress


def test_split_weights_and_children_map_onto_the_run():
    seen = []
    run = Progress(seen.append)
    first, second = run.split([3, 1])  # 75 % and 25 % of the run
    assert (first.start, first.stop, second.start, second.stop) == (0.0, 0.75, 0.75, 1.0)
    first.set(0.5)
    child = second.child(0.5, 1.0)
    child.set(0.0)
    child.set(1.0)
    assert seen == [0.375, 0.875, 1.0]


def test_fractions_are_clamped_and_monotonic_through_a_chain_of_steps():
    seen = []
    steps = Progress(seen.append).split([1, 2, 1])
    for step in steps:
        for tile in range(5):
            step.set((tile + 1) / 5)
    step.set(1.5)  # beyond the end: reported as the end of its slice
    steps[0].set(-1)  # before the start: the start
    assert seen[:-2] == sorted(seen[:-2]) and seen[-3] == pytest.approx(1.0)
    assert seen[-2:] == [1.0, 0.0]


def test_cancel_is_checked_at_every_step_and_by_children():
    canceled = [False]
    run = Progress(lambda f: None, lambda: canceled[0])
    tile = run.split([1, 1])[1].child(0.0, 0.5)
    tile.set(0.5)
    tile.check()
    canceled[0] = True
    with pytest.raises(Canceled):
        tile.set(1.0)
    with pytest.raises(Canceled):
        run.check()


def test_as_progress_gives_a_silent_progress():
    silent = as_progress(None)
    silent.set(0.5)  # reports nowhere, never cancels
    silent.split([1, 2])[1].child(0, 1).set(1.0)
    mine = Progress()
    assert as_progress(mine) is mine


def test_log_tells_warnings_apart_without_a_prefix_protocol():
    """A plain callable hears warnings with "Warning: " in front; a Log given its own warn
    callable (QGIS's pushWarning) gets the bare message; None drops both."""
    from tsmv.tsmv_qgis.progress import Log, as_log
    heard = []
    plain = as_log(heard.append)
    plain("read 3 files")
    plain.warn("2001-02 has 200 of 224 3-hourly files")
    assert heard == ["read 3 files", "Warning: 2001-02 has 200 of 224 3-hourly files"]
    info, warned = [], []
    gui = Log(info.append, warned.append)
    assert as_log(gui) is gui
    gui("kept 12 pixels")
    gui.warn("the period mixes GLDAS versions")
    assert info == ["kept 12 pixels"] and warned == ["the period mixes GLDAS versions"]
    as_log(None).warn("nobody hears this")  # and nothing fails
