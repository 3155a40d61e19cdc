"""The README's pictures were made by scripts/make_pictures.py from the code as it is now."""
import json
import os
import sys

import numpy as np

from conftest import ROOT

sys.path.insert(0, os.path.join(ROOT, "scripts"))
import make_pictures  # noqa: E402


def test_pictures_come_from_the_current_code():
    stamp = json.load(open(os.path.join(ROOT, "docs", "pictures.json")))
    assert stamp["code_sha256"] == make_pictures.code_hash(), \
        "the code changed since the pictures were made: run `make pictures`"
    readme = open(os.path.join(ROOT, "README.md")).read()
    for png in stamp["pictures"]:
        path = os.path.join(ROOT, "docs", png)
        with open(path, "rb") as f:
            assert f.read(8) == b"\x89PNG\r\n\x1a\n"
        assert "docs/%s" % png in readme, png


def test_pictures_show_data():
    """Each picture decodes and shows a map: a good share of it is not the white background,
    in many colours (a blank or one-colour render would pass a header check)."""
    from osgeo import gdal
    stamp = json.load(open(os.path.join(ROOT, "docs", "pictures.json")))
    for png in stamp["pictures"]:
        ds = gdal.Open(os.path.join(ROOT, "docs", png))
        rgb = ds.ReadAsArray()[:3].reshape(3, -1).T.astype(np.int64)
        drawn = (rgb < 250).any(axis=1)
        colours = np.unique(rgb[drawn] // 8, axis=0)  # colour classes, not antialiasing noise
        assert drawn.mean() > 0.1, "%s: %.1f %% of it is not background" % (png, 100 * drawn.mean())
        assert len(colours) >= 4, "%s: %d colours" % (png, len(colours))
