"""Where data come from travels with them: every output carries the raw files its chain read
(TSMV_RAW: product, versions, number of files, first and last, folder) and, when any input is
TSMV's synthetic example data, TSMV_SYNTHETIC; the report and the demo's console say so in a
banner, and the report's provenance names the raw files.  Real GLDAS files carry no banner."""
import glob
import json
import os
import sys

from osgeo import gdal

from conftest import REAL_GLDAS, ROOT, layer_paths, write_stack
from tsmv.tsmv_qgis.io.lineage import RAW, SYNTHETIC
from tsmv.tsmv_qgis.report import make_report
from tsmv.tsmv_qgis.steps.importing import import_gldas
from tsmv.tsmv_qgis.steps.seasons import run_seasons
from tsmv_example.world import SYNTHETIC as NOTE, VERSION

BANNER = '<p class="synthetic" role="alert"><b>Synthetic data.</b>'


def metadata(path):
    return gdal.Open(str(path)).GetMetadata()


def raw_record(folder, product, versions):
    """What the raw files of ``folder`` are, listed here independently of TSMV."""
    names = sorted(os.path.basename(p) for p in glob.glob(os.path.join(folder, "*.nc4")))
    return {"input": "source", "files": len(names), "first": names[0], "last": names[-1],
            "folder": os.path.abspath(folder), "product": product, "versions": versions}


def chain(source, folder):
    """Import the four layers of ``source``, then the seasons: the monthly and annual stacks."""
    monthly = layer_paths(folder, "sm")
    import_gldas(source, monthly)
    outputs = {"codes": os.path.join(folder, "codes.tif"), "annual_tsm": os.path.join(folder, "annual.tif")}
    outputs.update({"seasonal_" + k: p for k, p in layer_paths(folder, "seasonal").items()})
    run_seasons(monthly, outputs)
    return monthly, outputs


def test_example_data_say_they_are_synthetic_in_every_output(example_dir, tmp_path):
    monthly, outputs = chain(example_dir, tmp_path)
    expected = [raw_record(example_dir, "GLDAS-Noah", "2.0 2.1")]  # 1998-2001 crosses the version break
    for path in list(monthly.values()) + list(outputs.values()):
        meta = metadata(path)
        assert meta[SYNTHETIC].startswith("Synthetic example data made by TSMV (tsmv_example v%d" % VERSION), path
        assert json.loads(meta[RAW]) == expected, path


def test_real_gldas_files_are_not_synthetic_and_are_named(tmp_path):
    outputs = {"0_10": str(tmp_path / "a.tif"), "10_40": str(tmp_path / "b.tif")}  # the files hold two layers
    import_gldas(REAL_GLDAS, outputs)
    for path in outputs.values():
        meta = metadata(path)
        assert SYNTHETIC not in meta
        assert json.loads(meta[RAW]) == [raw_record(REAL_GLDAS, "GLDAS-Noah", "2.1")]


def report_page(tmp_path, annual):
    out = str(tmp_path / "report.html")
    make_report(out, annual)
    with open(out, encoding="utf-8") as f:
        return f.read()


def test_report_of_example_data_has_the_banner_and_names_the_raw_files(example_dir, tmp_path):
    _, outputs = chain(example_dir, tmp_path)
    page = report_page(tmp_path, outputs["annual_tsm"])
    assert page.count(BANNER) == 1 and page.index(BANNER) < page.index("<nav>")  # on top, before anything
    assert NOTE % (VERSION, 3) in page  # the note the example files carry (seed 3)
    record = raw_record(example_dir, "GLDAS-Noah", "2.0 2.1")
    row = "".join("<td%s>%s</td>" % (' class="n"' if k == "files" else "", v) for k, v in (
        ("product", "GLDAS-Noah"), ("versions", "2.0 2.1"), ("files", record["files"]), ("first file", record["first"]),
        ("last file", record["last"]), ("folder", record["folder"]), ("read as", "source")))
    assert record["files"] == 48 and record["first"] == "GLDAS_NOAH10_M.A199801.020.nc4"
    assert row in page, page[page.index("Raw data"):][:2000]


def test_report_of_real_files_has_no_banner(tmp_path):
    """A stack whose chain read the real GLDAS files (what their import records, carried as
    tsmv:seasons carries it) makes a report without the banner, naming those files."""
    outputs = {"0_10": str(tmp_path / "a.tif")}
    import_gldas(REAL_GLDAS, outputs)
    carried = {k: v for k, v in metadata(outputs["0_10"]).items() if k in (RAW, "TSMV_PRODUCT")}
    annual = write_stack(tmp_path / "annual.tif", [[[100.0, 200.0]], [[110.0, 190.0]], [[120.0, 180.0]]],
                         ["2014", "2015", "2016"], metadata=dict(carried, TSMV_KIND="soil moisture", UNITS="kg m-2"))
    page = report_page(tmp_path, annual)
    assert 'class="synthetic"' not in page and "Synthetic" not in page
    assert "<td>GLDAS_NOAH025_3H.A20160101.0300.021.nc4</td><td>GLDAS_NOAH025_3H.A20160101.0600.021.nc4</td>" in page


def test_demo_console_prints_the_banner_for_example_data_only(example_dir, tmp_path, capsys):
    sys.path.insert(0, os.path.join(ROOT, "scripts"))
    import demo
    _, outputs = chain(example_dir, tmp_path)
    demo.synthetic_banner({"seasons:annual_tsm": outputs["annual_tsm"]})
    printed = capsys.readouterr().out
    assert "SYNTHETIC DATA" in printed and NOTE % (VERSION, 3) in printed
    plain = write_stack(tmp_path / "plain.tif", [[[1.0]]], ["2000"], metadata={"TSMV_KIND": "soil moisture"})
    demo.synthetic_banner({"seasons:annual_tsm": plain})
    assert capsys.readouterr().out == ""


def test_land_cover_and_gpp_of_example_data_carry_the_flag_and_their_files(example_dir, tmp_path):
    """MCD12C1-like and GOSIF-like example GeoTIFFs (some gzipped) say they are synthetic; the
    ecosystems and GPP made from them carry it, with their own raw files and those of the
    soil moisture they were put on the grid of (the reference)."""
    from conftest import SMALL_EXTENT
    from tsmv_example import ExampleWorld, make_gosif_example, make_igbp_example
    from tsmv.tsmv_qgis.steps.gpp import run_gpp
    from tsmv.tsmv_qgis.steps.landcover import run_landcover
    _, outputs = chain(example_dir, tmp_path)
    world = ExampleWorld(SMALL_EXTENT, 1.0, 3)
    igbp = make_igbp_example(str(tmp_path / "MCD12C1.A2010001.061_igbp.tif"), world)
    gosif = sorted(make_gosif_example(str(tmp_path / "gosif"), world, 2000, 2000, "monthly", gzip_every=3))
    from tsmv.tsmv_qgis.io.raster import file_metadata
    assert gosif[-1].endswith(".gz") and file_metadata(gosif[-1])[SYNTHETIC] == "yes"  # read through /vsigzip/
    run_landcover(igbp, outputs["annual_tsm"], str(tmp_path / "eco.tif"))
    run_gpp(str(tmp_path / "gosif"), outputs["annual_tsm"], str(tmp_path / "gpp.tif"))
    soil = raw_record(example_dir, "GLDAS-Noah", "2.0 2.1")
    for path, record in (
            (tmp_path / "eco.tif", {"input": "source", "files": 1, "first": os.path.basename(igbp),
                                    "last": os.path.basename(igbp), "folder": str(tmp_path),
                                    "product": "MODIS MCD12C1 (IGBP land cover)"}),
            (tmp_path / "gpp.tif", {"input": "folder", "files": 12, "first": os.path.basename(gosif[0]),
                                    "last": os.path.basename(gosif[-1]), "folder": str(tmp_path / "gosif"),
                                    "product": "GOSIF GPP"})):
        meta = metadata(path)
        assert NOTE % (VERSION, 3) in meta[SYNTHETIC]
        assert sorted(json.loads(meta[RAW]), key=json.dumps) == sorted([record, soil], key=json.dumps)
