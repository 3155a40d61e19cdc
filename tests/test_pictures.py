"""The README's pictures were made by scripts/make_pictures.py from the code as it is now."""
import json
import os
import sys

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
        assert os.path.getsize(path) > 10_000, png
        with open(path, "rb") as f:
            assert f.read(8) == b"\x89PNG\r\n\x1a\n"
        assert "docs/%s" % png in readme, png
