"""Hostile input, as a table: every case is refused with a message whose first line names the
culprit, no file appears under a requested name, no temporary is left and no input changes.

Each row is (algorithm, the parameters that differ from a valid run, the expected first line).
A parameter value may be a *maker*, a function of the case's ``Bad`` folder that writes a bad
input there and returns its path.  The valid inputs (``world``) are made once with the core.
"""
import os
import re
import shutil
import subprocess

import numpy as np
import pytest

from conftest import snapshot
from tsmv.tsmv_qgis.labels import LAYER_KEYS

K = LAYER_KEYS
YEARS = (2000, 2005)
EXTENT = (-10.0, 30.0, 6.0, 42.0)  # 16 x 12 cells at 1 deg


class World:
    """Valid inputs of every algorithm, on one small 1 deg grid, 2000-2005."""

    def __init__(self, root):
        from tsmv.tsmv_qgis.steps.attribution import run_attribution
        from tsmv.tsmv_qgis.steps.correlation import run_correlation
        from tsmv_example import make_gldas_example
        from tsmv.tsmv_qgis.steps.importing import import_gldas
        from tsmv.tsmv_qgis.steps.gpp import run_gpp
        from tsmv.tsmv_qgis.steps.landcover import run_landcover
        from tsmv.tsmv_qgis.steps.qc import quality_control
        from tsmv.tsmv_qgis.steps.seasons import run_seasons
        from tsmv.tsmv_qgis.steps.trend import run_trend
        self.root = root
        p = lambda name: os.path.join(root, name)  # noqa: E731
        self.gldas = p("gldas")
        make_gldas_example(self.gldas, *YEARS, extent=EXTENT, seed=5)
        self.raw = {k: p("raw_%s.tif" % k) for k in K}
        import_gldas(self.gldas, self.raw)
        self.monthly = {k: p("qc_%s.tif" % k) for k in K}
        self.qc_report = p("qc.csv")
        quality_control(self.raw, self.monthly, report=self.qc_report)
        self.seasonal = {k: p("seasonal_%s.tif" % k) for k in K}
        self.codes, self.annual = p("codes.tif"), p("annual.tif")
        outputs = {"codes": self.codes, "annual_tsm": self.annual}
        outputs.update({"seasonal_" + k: v for k, v in self.seasonal.items()})
        run_seasons(self.monthly, outputs, "total")
        self.trend, self.summary = p("trend.tif"), p("summary.csv")
        run_trend(self.annual, self.trend, self.summary, min_years=3)
        self.components, self.attribution_table = p("components.tif"), p("attribution.csv")
        run_attribution(self.seasonal, {"components": self.components, "table": self.attribution_table,
                                        **{k: p("a_%s.tif" % k) for k in ("by_season", "by_depth",
                                                                            "by_dynamic", "omega", "dominant")}})
        self.igbp = p("igbp.tif")
        rng = np.random.default_rng(0)
        codes = rng.choice(np.array([0, 1, 4, 7, 10, 12, 13, 16, 255], np.uint8), (240, 320))
        write_raster(self.igbp, codes[None], None, (-10.0, 0.05, 0.0, 42.0, 0.0, -0.05), dtype="Byte")
        self.ecosystems = p("ecosystems.tif")
        run_landcover(self.igbp, self.monthly["0_10"], self.ecosystems)
        self.gosif = p("gosif")
        os.makedirs(self.gosif)
        for year in range(YEARS[0], YEARS[1] + 1):
            for month in range(1, 13):
                write_gosif(os.path.join(self.gosif, "GOSIF_GPP_%d.M%02d_Mean.tif" % (year, month)),
                            rng.integers(0, 3000, (240, 320)))
        self.gpp = p("gpp.tif")
        run_gpp(self.gosif, self.monthly["0_10"], self.gpp)
        self.correlation_table = p("correlation.csv")
        run_correlation(self.seasonal, self.codes, self.gpp, self.ecosystems,
                        {"r": p("r.tif"), "p": p("p.tif"), "table": self.correlation_table})


def write_raster(path, array, labels, geotransform=(0.0, 1.0, 0.0, 10.0, 0.0, -1.0), srs="EPSG:4326",
                 metadata=None, dtype="Float32"):
    """A raster written with GDAL directly: any labels, CRS (None: none) and type."""
    from osgeo import gdal, osr
    array = np.asarray(array)
    ds = gdal.GetDriverByName("GTiff").Create(str(path), array.shape[2], array.shape[1], array.shape[0],
                                              gdal.GetDataTypeByName(dtype))
    ds.SetGeoTransform(geotransform)
    if srs:
        ref = osr.SpatialReference()
        ref.SetFromUserInput(srs)
        ds.SetProjection(ref.ExportToWkt())
    if metadata:
        ds.SetMetadata(metadata)
    for b in range(array.shape[0]):
        band = ds.GetRasterBand(b + 1)
        if labels:
            band.SetDescription(labels[b])
        if dtype == "Float32":
            band.SetNoDataValue(float("nan"))
        band.WriteArray(array[b])
    ds = None
    return str(path)


def write_gosif(path, values, geotransform=(-10.0, 0.05, 0.0, 42.0, 0.0, -0.05)):
    return write_raster(path, np.asarray(values, np.uint16)[None], None, geotransform, dtype="UInt16")


def read(path):
    """(array, labels, geotransform, metadata) of a raster."""
    from osgeo import gdal
    ds = gdal.Open(str(path))
    labels = [ds.GetRasterBand(b + 1).GetDescription() for b in range(ds.RasterCount)]
    return ds.ReadAsArray().reshape(ds.RasterCount, ds.RasterYSize, ds.RasterXSize), labels, \
        ds.GetGeoTransform(), ds.GetMetadata()


# --- makers of bad inputs: each takes the world's path (or the world) and returns a function of Bad


def copy(source, labels=None, srs="EPSG:4326", geotransform=None, metadata=None, keep=None, values=None):
    """A copy of a stack with other labels, CRS, grid, metadata, bands (keep) or values."""
    def make(bad):
        array, old_labels, gt, meta = read(getattr(bad.world, source) if isinstance(source, str)
                                           and not os.path.isabs(source) else source)
        new_labels = list(old_labels)
        if keep is not None:
            array, new_labels = array[keep], [new_labels[i] for i in keep]
        if values is not None:
            array = values(array)
        if labels is not None:
            new_labels = labels(new_labels)
        return write_raster(bad.path(".tif"), array, new_labels, geotransform or gt, srs,
                            meta if metadata is None else metadata)
    return make


def layer(name, k, **kwargs):
    """copy() of one layer of a dict of the world's stacks (e.g. seasonal['10_40'])."""
    def make(bad):
        return copy(getattr(bad.world, name)[k], **kwargs)(bad)
    return make


def world_file(attribute, k=None):
    def make(bad):
        value = getattr(bad.world, attribute)
        return value[k] if k else value
    return make


def text_file(content, ext=".csv", encoding="utf-8"):
    def make(bad):
        path = bad.path(ext)
        with open(path, "wb") as f:
            f.write(content.encode(encoding) if isinstance(content, str) else content)
        return path
    return make


def truncated(attribute, k=None, ext=".tif"):
    def make(bad):
        source = world_file(attribute, k)(bad)
        data = open(source, "rb").read()
        path = bad.path(ext)
        with open(path, "wb") as f:
            f.write(data[:len(data) // 3])
        return path
    return make


def link_to(attribute, k=None, ext=".tif"):
    """A symbolic link (with extension ``ext``) to one of the world's files."""
    def make(bad):
        path = bad.path(ext)
        os.symlink(world_file(attribute, k)(bad), path)
        return path
    return make


def gldas_folder(change):
    """A copy of the world's GLDAS folder, changed by ``change(folder)``."""
    def make(bad):
        folder = bad.path("")
        shutil.copytree(bad.world.gldas, folder)
        change(folder)
        return folder
    return make


def gldas_name(year, month):
    return "GLDAS_NOAH10_M.A%04d%02d.%s.nc4" % (year, month, "020" if year < 2000 else "021")


def remove_month(folder):
    os.remove(os.path.join(folder, gldas_name(2003, 5)))


def duplicate_month(folder):
    shutil.copy(os.path.join(folder, gldas_name(2003, 5)),
                os.path.join(folder, gldas_name(2003, 5)[:-4] + ".SUB.nc4"))


def as_3hourly(folder):
    shutil.copy(os.path.join(folder, gldas_name(2003, 5)),
                os.path.join(folder, "GLDAS_NOAH10_3H.A20030501.0300.021.nc4"))


def html_instead(folder):
    with open(os.path.join(folder, gldas_name(2003, 5)), "w") as f:
        f.write("<html><body>Please log in to Earthdata</body></html>")


def cut_file(folder):
    path = os.path.join(folder, gldas_name(2003, 5))
    data = open(path, "rb").read()
    with open(path, "wb") as f:
        f.write(data[:len(data) // 2])


def rewrite_gldas(path, transform, dims=("time", "lat", "lon"), sizes=None):
    """Rewrite one GLDAS file with netCDF4.  ``transform(name, var)`` gives each variable's
    (dimensions, data), or None to leave it out; ``dims`` and ``sizes`` are the new file's."""
    import netCDF4
    tmp = path + ".orig"
    os.rename(path, tmp)
    with netCDF4.Dataset(tmp) as src, netCDF4.Dataset(path, "w") as dst:
        dst.setncatts({a: src.getncattr(a) for a in src.ncattrs()})
        for d in dims:
            dst.createDimension(d, (sizes or {}).get(d) or len(src.dimensions[d]))
        for name, var in src.variables.items():
            new = None if "bnds" in var.dimensions else transform(name, var)
            if new is not None:
                out = dst.createVariable(name, var.dtype, new[0], fill_value=getattr(var, "_FillValue", None))
                out.setncatts({a: var.getncattr(a) for a in var.ncattrs() if a != "_FillValue"})
                out[:] = new[1]
    os.remove(tmp)


def changed_month(transform, **kwargs):
    """A change of a GLDAS folder: the 2003-05 file rewritten (see rewrite_gldas)."""
    def change(folder):
        rewrite_gldas(os.path.join(folder, gldas_name(2003, 5)), transform, **kwargs)
    return change


def same(name, var):
    return var.dimensions, var[:]


two_time_steps = changed_month(
    lambda name, var: (var.dimensions, np.concatenate([var[:], var[:] + (name == "time")]))
    if "time" in var.dimensions else same(name, var), sizes={"time": 2})
lon_descending = changed_month(
    lambda name, var: (var.dimensions, var[::-1] if name == "lon" else var[:, :, ::-1] if var.ndim == 3 else var[:]))
other_dims = changed_month(
    lambda name, var: (("depth", "lat", "lon"), var[:]) if var.ndim == 3 else same(name, var),
    dims=("time", "lat", "lon", "depth"), sizes={"depth": 1})
drop_variable = changed_month(lambda name, var: None if name == "SoilMoi40_100cm_inst" else same(name, var))


def gosif_folder(*names, base_month_files=True, geotransform=None):
    """A GOSIF folder: the world's files (or none) plus files named ``names``."""
    def make(bad):
        folder = bad.path("")
        if base_month_files:
            shutil.copytree(bad.world.gosif, folder)
        else:
            os.makedirs(folder)
        for name in names:
            write_gosif(os.path.join(folder, name), np.full((240, 320), 1000), geotransform or
                        (-10.0, 0.05, 0.0, 42.0, 0.0, -0.05))
        return folder
    return make


class Bad:
    """Where a case writes its bad inputs (kept apart from the world's)."""

    def __init__(self, folder, world):
        self.folder = folder
        self.world = world
        self.count = 0
        os.makedirs(folder, exist_ok=True)

    def path(self, ext):
        self.count += 1
        return os.path.join(self.folder, "bad%d%s" % (self.count, ext))


# --- valid parameters of every algorithm ------------------------------------------------------


def valid(algorithm, w, out):
    o = lambda name: os.path.join(out, name)  # noqa: E731
    layers = lambda prefix, stacks: {prefix + k: stacks[k] for k in K}  # noqa: E731
    outs = lambda prefix, stem, ext=".tif": {prefix + k: o("%s_%s%s" % (stem, k, ext)) for k in K}  # noqa: E731
    if algorithm == "importgldas":
        return dict(INPUT=w.gldas, **outs("OUTPUT_", "sm"))
    if algorithm == "qualitycontrol":
        return dict(layers("INPUT_", w.raw), REPORT=o("qc.csv"), **outs("OUTPUT_", "qc"))
    if algorithm == "seasons":
        return dict(layers("INPUT_", w.monthly), SEASON_CODES=o("codes.tif"), ANNUAL_TSM=o("annual.tif"),
                    **outs("SEASONAL_", "seasonal"))
    if algorithm == "trend":
        return dict(INPUT=w.annual, MIN_YEARS=3, OUTPUT=o("trend.tif"), SUMMARY=o("summary.csv"))
    if algorithm == "changepoint":  # the world's 6 years are too few: a refusal (test_parameters)
        return dict(INPUT=w.annual, OUTPUT=o("changepoints.tif"), SUMMARY=o("changepoints.csv"))
    if algorithm == "attribution":
        return dict(layers("INPUT_", w.seasonal), TABLE=o("table.csv"),
                    **{n: o(n.lower() + ".tif") for n in ("COMPONENTS", "BY_SEASON", "BY_DEPTH",
                                                          "BY_DYNAMIC", "OMEGA", "DOMINANT")})
    if algorithm == "landcover":
        return dict(INPUT=w.igbp, REFERENCE=w.monthly["0_10"], OUTPUT=o("eco.tif"))
    if algorithm == "gpp":
        return dict(INPUT=w.gosif, REFERENCE=w.monthly["0_10"], OUTPUT=o("gpp.tif"))
    if algorithm == "correlation":
        return dict(layers("INPUT_", w.seasonal), SEASON_CODES=w.codes, GPP=w.gpp, ECOSYSTEMS=w.ecosystems,
                    R=o("r.tif"), P=o("p.tif"), TABLE=o("table.csv"))
    if algorithm == "report":
        return dict(layers("SEASONAL_", w.seasonal), ANNUAL_TSM=w.annual, TREND_A=w.trend,
                    SUMMARY_A=w.summary, COMPONENTS_A=w.components,
                    ATTRIBUTION_TABLE_A=w.attribution_table, CORRELATION_TABLE=w.correlation_table,
                    QC_REPORT=w.qc_report, OUTPUT=o("report.html"))
    if algorithm == "zonal":
        return dict(INPUT_POLYGONS=regions(w.root), FIELD="name", TREND=w.trend, ATTRIBUTION=w.components,
                    CORRELATION=os.path.join(w.root, "r.tif"), CORRELATION_P=os.path.join(w.root, "p.tif"),
                    ECOSYSTEMS=w.ecosystems, OUTPUT=o("zonal.csv"), OUTPUT_LAYER=o("zonal.gpkg"))
    raise KeyError(algorithm)


def regions(folder, geometry="POLYGON((-8.5 31.5, 4.5 31.5, 4.5 40.5, -8.5 40.5, -8.5 31.5))", name="regions.gpkg"):
    """A GeoPackage in ``folder`` of one feature named Iberia (by default a polygon over the world's grid)."""
    from osgeo import ogr, osr
    path = os.path.join(folder, name)
    if not os.path.exists(path):
        ds = ogr.GetDriverByName("GPKG").CreateDataSource(path)
        srs = osr.SpatialReference()
        srs.ImportFromEPSG(4326)
        shape = ogr.CreateGeometryFromWkt(geometry)
        layer = ds.CreateLayer("regions", srs, shape.GetGeometryType())
        layer.CreateField(ogr.FieldDefn("name", ogr.OFTString))
        feature = ogr.Feature(layer.GetLayerDefn())
        feature.SetField("name", "Iberia")
        feature.SetGeometry(shape)
        layer.CreateFeature(feature)
        ds = None
    return path


ALGORITHMS = ("importgldas", "qualitycontrol", "seasons", "trend", "attribution", "landcover", "gpp",
              "correlation", "report", "zonal")
#: Per algorithm: (a raster output, a second output, an input parameter that is a file).
ROLES = {"importgldas": ("OUTPUT_0_10", "OUTPUT_100_200", None),
         "qualitycontrol": ("OUTPUT_10_40", "REPORT", "INPUT_10_40"),
         "seasons": ("SEASONAL_40_100", "ANNUAL_TSM", "INPUT_40_100"),
         "trend": ("OUTPUT", "SUMMARY", "INPUT"),
         "attribution": ("OMEGA", "TABLE", "INPUT_100_200"),
         "landcover": ("OUTPUT", None, "REFERENCE"),
         "gpp": ("OUTPUT", None, "REFERENCE"),
         "correlation": ("P", "TABLE", "GPP"),
         "report": ("OUTPUT", None, "ANNUAL_TSM"),
         "zonal": ("OUTPUT_LAYER", "OUTPUT", "TREND")}
#: The input each algorithm's first raster output could be pointed at.
RASTER_INPUTS = {"qualitycontrol": ("INPUT_0_10", "raw", "0_10"), "seasons": ("INPUT_0_10", "monthly", "0_10"),
                 "trend": ("INPUT", "annual", None), "attribution": ("INPUT_0_10", "seasonal", "0_10"),
                 "landcover": ("REFERENCE", "monthly", "0_10"), "gpp": ("REFERENCE", "monthly", "0_10"),
                 "correlation": ("SEASON_CODES", "codes", None)}


def same_output_cases():
    cases = []
    for alg in ALGORITHMS:
        first, second, _ = ROLES[alg]
        ext = {"report": ".html", "zonal": ".gpkg"}.get(alg, ".tif")
        cases.append((alg, {first: "/vsimem/%s%s" % (alg, ext)},
                      r"^%s /vsimem/.*: GDAL virtual paths cannot be outputs" % first))
        wrong = {"report": ".pdf", "zonal": ".shp"}.get(alg, ".img")
        cases.append((alg, {first: "OUT/x" + wrong}, r"^%s .*x\%s: a \w+ output must end in" % (first, wrong)))
        cases.append((alg, {first: "OUT_DIR"}, r"^%s .*: .*(is a folder|must end in)" % first))
        if second:
            if second in ("REPORT", "SUMMARY", "TABLE") or (alg, second) == ("zonal", "OUTPUT"):
                cases.append((alg, {second: "OUT/x.txt"}, r"^%s .*x\.txt: a CSV output must end in \.csv" % second))
                cases.append((alg, {second: "OUT/same.tif", first: "OUT/same.tif"},
                              r"^%s .*same\.tif: a CSV output must end in \.csv" % second))
                cases.append((alg, {second: "OUT/same.qml.csv", first: "OUT/same.tif"}, None))  # fine: not a case
            else:
                cases.append((alg, {second: "OUT/same.tif", first: "OUT/same.tif"},
                              r"^(%s and %s|%s and %s) are the same file" % (first, second, second, first)))
                cases.append((alg, {second: "OUT/same.tif", first: "OUT/same.tiff"},
                              r"are the same file \(.*same\.qml, the style of"))
                cases.append((alg, {second: "LINK_TO:OUT/target.tif", first: "OUT/target.tif"},
                              r"are the same file"))
        if alg in RASTER_INPUTS:
            param, attribute, key = RASTER_INPUTS[alg]
            cases.append((alg, {first: world_file(attribute, key)},
                          r"^%s .*: is the input %s|^%s .* is the input %s" % (first, param, first, param)))
            cases.append((alg, {first: link_to(attribute, key)}, r"^%s .* is the input %s" % (first, param)))
    return [c for c in cases if c[2] is not None]


def crs_cases():
    """Every raster input of every algorithm in EPSG:3857, and a few in UTM or without a CRS."""
    cases = []
    for alg, params in (("qualitycontrol", [("INPUT_" + k, "raw", k) for k in K]),
                        ("seasons", [("INPUT_" + k, "monthly", k) for k in K]),
                        ("trend", [("INPUT", "annual", None)]),
                        ("attribution", [("INPUT_" + k, "seasonal", k) for k in K]),
                        ("landcover", [("REFERENCE", "monthly", "0_10")]),
                        ("gpp", [("REFERENCE", "monthly", "0_10")]),
                        ("correlation", [("INPUT_" + k, "seasonal", k) for k in K]
                         + [("SEASON_CODES", "codes", None), ("GPP", "gpp", None),
                            ("ECOSYSTEMS", "ecosystems", None)]),
                        ("report", [("ANNUAL_TSM", "annual", None), ("TREND_A", "trend", None),
                                    ("COMPONENTS_A", "components", None),
                                    ("SEASONAL_0_10", "seasonal", "0_10")]),
                        ("zonal", [("TREND", "trend", None), ("ATTRIBUTION", "components", None),
                                   ("ECOSYSTEMS", "ecosystems", None)])):
        for param, attribute, key in params:
            source = (lambda a, k: (lambda bad: getattr(bad.world, a)[k] if k else getattr(bad.world, a)))(attribute, key)
            cases.append((alg, {param: (lambda s: lambda bad: copy(s(bad), srs="EPSG:3857")(bad))(source)},
                          r"^%s .* is in WGS 84 / Pseudo-Mercator \(EPSG:3857\), a projected CRS; .*gdalwarp "
                          r"-t_srs EPSG:4326" % param))
    cases += [
        ("trend", {"INPUT": lambda bad: copy(bad.world.annual, srs="EPSG:32633")(bad)},
         r"^INPUT .* is in WGS 84 / UTM zone 33N \(EPSG:32633\), a projected CRS"),
        ("trend", {"INPUT": lambda bad: copy(bad.world.annual, srs="EPSG:4269")(bad)},
         r"^INPUT .* is in NAD83 \(EPSG:4269\), a CRS other than WGS 84 lon/lat"),
        ("trend", {"INPUT": lambda bad: copy(bad.world.annual, srs=None,
                                             geotransform=(500000.0, 1000.0, 0.0, 4600000.0, 0.0, -1000.0))(bad)},
         r"^INPUT .* has no CRS and its extent .* is not in degrees"),
        ("landcover", {"INPUT": lambda bad: write_raster(bad.path(".tif"), np.ones((1, 240, 320), np.uint8), None,
                                                         (-1113194.9, 5565.97, 0.0, 5160979.4, 0.0, -5565.97),
                                                         "EPSG:3857", dtype="Byte")},
         r"^INPUT .* is in WGS 84 / Pseudo-Mercator \(EPSG:3857\)"),
        ("gpp", {"INPUT": gosif_folder("GOSIF_GPP_2006.M01_Mean.tif", base_month_files=False,
                                       geotransform=(-1113194.9, 5565.97, 0.0, 5160979.4, 0.0, -5565.97))},
         r"(INPUT .* has no CRS and its extent|not aligned)"),
    ]
    return cases


def stack_cases():
    """Labels and kinds: unlabelled, duplicated, wrong kind, wrong content, other grid, damaged."""
    def dup(labels):
        labels[3] = labels[2]
        return labels

    def unlabel(labels):
        labels[1] = ""
        return labels
    cases = []
    for alg, param, attribute, key in (("qualitycontrol", "INPUT_40_100", "raw", "40_100"),
                                       ("seasons", "INPUT_0_10", "monthly", "0_10"),
                                       ("trend", "INPUT", "annual", None),
                                       ("attribution", "INPUT_10_40", "seasonal", "10_40"),
                                       ("correlation", "INPUT_100_200", "seasonal", "100_200"),
                                       ("correlation", "GPP", "gpp", None),
                                       ("correlation", "SEASON_CODES", "codes", None),
                                       ("report", "ANNUAL_TSM", "annual", None)):
        src = (lambda a, k: lambda bad: getattr(bad.world, a)[k] if k else getattr(bad.world, a))(attribute, key)
        cases.append((alg, {param: (lambda s: lambda bad: copy(s(bad), labels=dup)(bad))(src)},
                      r"^%s .*: the label '.*' is on bands 3 and 4" % param))
        cases.append((alg, {param: (lambda s: lambda bad: copy(s(bad), labels=unlabel)(bad))(src)},
                      r"^%s .*: band 2 has no label" % param))
        cases.append((alg, {param: (lambda s: lambda bad: copy(s(bad), labels=lambda ls: ["x%d" % i for i, _ in
                                                                                         enumerate(ls)])(bad))(src)},
                      r"^%s\b.*: band 1 is labelled 'x0', which is not a month|^%s .*has other bands" % (param, param)))
        cases.append((alg, {param: (lambda a, k: truncated(a, k))(attribute, key)},
                      r"^%s .*: cannot (open|read)" % param))
    cases += [
        # the duplicated year of the issue
        ("trend", {"INPUT": copy("annual", labels=lambda ls: ls[:3] + [ls[2]] + ls[4:])},
         r"^INPUT .*: the label '2002' is on bands 3 and 4"),
        # wrong kinds, by labels
        ("seasons", {"INPUT_0_10": layer("seasonal", "0_10")}, r"^INPUT_0_10 .* is a seasonal stack .*; it must be monthly"),
        ("seasons", {"INPUT_0_10": world_file("annual")}, r"^INPUT_0_10 .* is a yearly stack .*; it must be monthly"),
        ("qualitycontrol", {"INPUT_0_10": layer("seasonal", "0_10")}, r"^INPUT_0_10 .* is a seasonal stack"),
        ("attribution", {"INPUT_0_10": layer("monthly", "0_10")}, r"^INPUT_0_10 .* is a monthly stack .*; it must be seasonal"),
        ("attribution", {"INPUT_0_10": world_file("annual")}, r"^INPUT_0_10 .* is a yearly stack"),
        ("correlation", {"INPUT_0_10": layer("monthly", "0_10")}, r"^INPUT_0_10 .* is a monthly stack .*; it must be seasonal"),
        ("correlation", {"GPP": world_file("annual")}, r"^GPP .*annual.tif holds soil moisture .*, not GPP"),
        ("correlation", {"GPP": copy("annual", metadata={})}, r"^GPP .* is a yearly stack .*; it must be monthly"),
        ("correlation", {"SEASON_CODES": layer("seasonal", "0_10")}, r"^SEASON_CODES .* holds soil moisture"),
        ("correlation", {"SEASON_CODES": layer("seasonal", "0_10", metadata={})}, r"^SEASON_CODES .* is a seasonal stack"),
        ("trend", {"INPUT": world_file("trend")}, r"^INPUT .*trend.tif holds trend statistics"),
        ("trend", {"INPUT": copy("trend", metadata={})}, r"^INPUT: band 1 is labelled 'slope'"),
        ("report", {"ANNUAL_TSM": layer("seasonal", "0_10")}, r"^ANNUAL_TSM .*(yearly|bands YYYY)"),
        ("report", {"ANNUAL_TSM": world_file("codes")}, r"^ANNUAL_TSM .*"),
        # wrong content, by metadata
        ("correlation", {"SEASON_CODES": world_file("gpp"), "GPP": world_file("codes")},
         r"^SEASON_CODES .* holds GPP \(OUTPUT of tsmv:gpp\), not season codes"),
        ("correlation", {"GPP": world_file("codes")}, r"^GPP .* holds season codes .*, not GPP"),
        ("correlation", {"GPP": layer("monthly", "0_10")}, r"^GPP .* holds soil moisture .*, not GPP"),
        ("correlation", {"ECOSYSTEMS": layer("seasonal", "0_10")}, r"^ECOSYSTEMS .* holds soil moisture .*, not ecosystem codes"),
        ("correlation", {"ECOSYSTEMS": copy("gpp", metadata={})}, r"^ECOSYSTEMS .* has the bands '2000-01', '2000-02', '2000-03', \.\.\."),
        ("correlation", {"ECOSYSTEMS": copy("ecosystems", metadata={}, labels=lambda ls: ["2001"])},
         r"^ECOSYSTEMS .* has the bands '2001'; it must be the one-band OUTPUT of tsmv:landcover"),
        ("correlation", {"ECOSYSTEMS": copy("ecosystems", metadata={}, values=lambda a: a * 7.5)},
         r"^ECOSYSTEMS .* holds values other than 1/2/3/4"),
        ("correlation", {"SEASON_CODES": copy("gpp", metadata={})}, r"^SEASON_CODES .* holds values other than 1/2/3/4"),
        ("seasons", {"INPUT_0_10": world_file("codes")}, r"^INPUT_0_10 .* holds season codes .*, not soil moisture"),
        ("seasons", {"INPUT_10_40": world_file("gpp")}, r"^INPUT_10_40 .* holds GPP .*, not soil moisture"),
        ("qualitycontrol", {"INPUT_0_10": world_file("gpp")}, r"^INPUT_0_10 .* holds GPP .*, not soil moisture"),
        ("trend", {"INPUT": world_file("codes")}, r"^INPUT .* holds season codes .*, not soil moisture .* or GPP"),
        ("attribution", {"INPUT_0_10": copy("components", labels=lambda ls: ls)}, r"^INPUT_0_10 .*"),
        # grids and label sets that differ between layers
        ("seasons", {"INPUT_10_40": layer("monthly", "10_40", geotransform=(0.0, 1.0, 0.0, 12.0, 0.0, -1.0))},
         r"^INPUT_10_40 .* is on another grid .* than INPUT_0_10"),
        ("attribution", {"INPUT_40_100": layer("seasonal", "40_100", keep=list(range(4, 24)))},
         r"^INPUT_40_100 .* has other bands than INPUT_0_10 .*it lacks 2000 "),
        ("correlation", {"GPP": copy("gpp", geotransform=(-9.0, 1.0, 0.0, 42.0, 0.0, -1.0))},
         r"^GPP .* is on another grid .* than INPUT_0_10"),
        ("correlation", {"ECOSYSTEMS": copy("ecosystems", geotransform=(-10.0, 0.5, 0.0, 42.0, 0.0, -0.5))},
         r"^ECOSYSTEMS .* is on another grid"),
        ("attribution", {"INPUT_0_10": layer("seasonal", "0_10", keep=[i for i in range(24) if i != 9])},
         r"^INPUT_\w+ .* has other bands than"),
        # trend: SEASON with stacks that have none
        ("trend", {"SEASON": 1}, r"^SEASON is set, but INPUT is a yearly stack"),
        ("trend", {"INPUT": layer("monthly", "0_10"), "SEASON": 0}, r"^SEASON is set, but INPUT is a monthly stack"),
        ("trend", {"INPUT": layer("seasonal", "0_10")}, r"^INPUT is a seasonal stack .*: choose a SEASON"),
        ("trend", {"START_YEAR": 1990}, r"^START_YEAR 1990 is outside the years of INPUT \(2000-2005\)"),
        ("trend", {"START_YEAR": 2004, "END_YEAR": 2002}, r"^START_YEAR \(2004\) is after END_YEAR \(2002\)"),
        ("trend", {"MIN_YEARS": 8}, r"^START_YEAR..END_YEAR \(2000-2005\) has 6 years, fewer than MIN_YEARS \(8\)"),
        ("attribution", {"START_YEAR": 2004}, r"^START_YEAR..END_YEAR \(2004-2005\) has 2 years; the attribution needs at least 3"),
        ("attribution", {"END_YEAR": 2030}, r"^END_YEAR 2030 is outside the years"),
        ("correlation", {"START_YEAR": 2003}, r"^START_YEAR..END_YEAR \(2003-2005\) holds 3 years with soil moisture and GPP"),
        ("correlation", {"START_YEAR": 2005, "END_YEAR": 2001}, r"^START_YEAR \(2005\) is after END_YEAR \(2001\)"),
        ("seasons", {"INPUT_0_10": layer("monthly", "0_10", keep=list(range(0, 72, 2))),
                     "INPUT_10_40": layer("monthly", "10_40", keep=list(range(0, 72, 2))),
                     "INPUT_40_100": layer("monthly", "40_100", keep=list(range(0, 72, 2))),
                     "INPUT_100_200": layer("monthly", "100_200", keep=list(range(0, 72, 2)))},
         r"^INPUT_0_10 .* has no whole calendar year"),
        # nonexistent and non-raster inputs
        ("trend", {"INPUT": "/nonexistent/annual.tif"}, r"^INPUT /nonexistent/annual.tif: the file does not exist"),
        ("qualitycontrol", {"INPUT_0_10": text_file("not a raster", ".tif")}, r"^INPUT_0_10 .*bad1.tif: cannot open it"),
        ("attribution", {"INPUT_0_10": "/nonexistent/s.tif"}, r"^INPUT_0_10 /nonexistent/s.tif: the file does not exist"),
        ("correlation", {"ECOSYSTEMS": "/nonexistent/e.tif"}, r"^ECOSYSTEMS /nonexistent/e.tif: the file does not exist"),
        ("landcover", {"REFERENCE": text_file("<html></html>", ".tif")}, r"^REFERENCE .*bad1.tif: cannot open it"),
    ]
    return cases


def gldas_cases():
    return [
        ("importgldas", {"INPUT": lambda bad: bad.path("")}, r"^INPUT .* does not exist"),
        ("importgldas", {"INPUT": lambda bad: os.makedirs(bad.path("")) or bad.folder + "/bad%d" % bad.count},
         r"^INPUT folder .* holds no GLDAS-Noah files"),
        ("importgldas", {"INPUT": gldas_folder(remove_month)}, r"^INPUT: no GLDAS file for 2003-05"),
        ("importgldas", {"INPUT": gldas_folder(duplicate_month)}, r"^INPUT .*GLDAS_NOAH10_M\.A200305.* and .*: two files for 2003-05 of V2.1"),
        ("importgldas", {"INPUT": gldas_folder(as_3hourly)}, r"^INPUT .* and .*: 2003-05 has both monthly and 3-hourly files of V2.1"),
        ("importgldas", {"INPUT": gldas_folder(html_instead)}, r"^INPUT .*GLDAS_NOAH10_M\.A200305\.021\.nc4.*not a readable netCDF"),
        ("importgldas", {"INPUT": gldas_folder(cut_file)}, r"^INPUT .*GLDAS_NOAH10_M\.A200305\.021\.nc4"),
        ("importgldas", {"INPUT": gldas_folder(two_time_steps)}, r"^INPUT .*GLDAS_NOAH10_M\.A200305\.021\.nc4 holds 2 time steps"),
        ("importgldas", {"INPUT": gldas_folder(lon_descending)}, r"^INPUT .*GLDAS_NOAH10_M\.A200305\.021\.nc4 is on another grid"),
        ("importgldas", {"INPUT": gldas_folder(other_dims)}, r"^INPUT .*GLDAS_NOAH10_M\.A200305\.021\.nc4: \w+ has the dimensions \(depth, lat, lon\)"),
        ("importgldas", {"INPUT": gldas_folder(drop_variable)}, r"^INPUT .*GLDAS_NOAH10_M\.A200305\.021\.nc4 has no SoilMoi40_100cm_inst"),
        ("importgldas", {"START_YEAR": 2003, "END_YEAR": 2001}, r"^START_YEAR \(2003\) is after END_YEAR \(2001\)"),
        ("importgldas", {"START_YEAR": 1990}, r"^INPUT: no GLDAS file for 1990-01"),
        ("importgldas", {"EXTENT": "100,120,-20,0 [EPSG:4326]"}, r"^EXTENT \(lon 100..120, lat -20..0\) lies outside the data"),
        ("importgldas", {"EXTENT": "170,-170,-10,10 [EPSG:4326]"}, r"^EXTENT lon 170..-170: its west edge is east of its east edge, i\.e\. it crosses the antimeridian"),
        ("importgldas", {"EXTENT": "0,0,35,40 [EPSG:4326]"}, r"^EXTENT \(lon 0..0, lat 35..40\) has no area"),
        ("importgldas", {"EXTENT": "-5,0,36,36 [EPSG:4326]"}, r"^EXTENT \(lon -5..0, lat 36..36\) has no area"),
        ("importgldas", {"INPUT": link_to("gldas", ext=""), "OUTPUT_0_10": "OUT/a.tif", "OUTPUT_10_40": "OUT/a.tif"},
         r"^OUTPUT_0_10 and OUTPUT_10_40 are the same file"),
        ("importgldas", {"OUTPUT_0_10": "OUT/a.tif", "OUTPUT_10_40": "OUT/a.tif", "OUTPUT_40_100": "OUT/a.tif",
                         "OUTPUT_100_200": "OUT/a.tif"}, r"^OUTPUT_0_10 and OUTPUT_10_40 are the same file"),
        ("importgldas", {"OUTPUT_40_100": lambda bad: os.path.join(bad.world.gldas, gldas_name(2001, 1)[:-4] + ".tif"),
                         "INPUT": link_to("gldas", ext="")}, None),
    ]


def gpp_cases():
    return [
        ("gpp", {"INPUT": gosif_folder(base_month_files=False)}, r"^INPUT .* holds no GOSIF GPP files"),
        ("gpp", {"INPUT": lambda bad: bad.path("")}, r"^INPUT .* does not exist"),
        ("gpp", {"INPUT": gosif_folder("GOSIF_GPP_2006.M13_Mean.tif")}, r"GOSIF_GPP_2006\.M13_Mean\.tif.*month 13"),
        ("gpp", {"INPUT": gosif_folder("GOSIF_GPP_2006.M00_Mean.tif")}, r"GOSIF_GPP_2006\.M00_Mean\.tif.*month 00|month 0\b"),
        ("gpp", {"INPUT": gosif_folder("GOSIF_GPP_2006000_Mean.tif", base_month_files=False)}, r"GOSIF_GPP_2006000_Mean\.tif"),
        ("gpp", {"INPUT": gosif_folder("GOSIF_GPP_2006999_Mean.tif", base_month_files=False)}, r"GOSIF_GPP_2006999_Mean\.tif"),
        ("gpp", {"INPUT": gosif_folder("GOSIF_GPP_2006366_Mean.tif", base_month_files=False)}, r"GOSIF_GPP_2006366_Mean\.tif.*(leap|366)"),
        ("gpp", {"INPUT": gosif_folder("GOSIF_GPP_2006010_Mean.tif", base_month_files=False)}, r"GOSIF_GPP_2006010_Mean\.tif.*8-day"),
        ("gpp", {"INPUT": gosif_folder("GOSIF_GPP_2003001_Mean.tif")}, r"both 8-day and monthly GOSIF files for 2003-01"),
        ("gpp", {"INPUT": gosif_folder("GOSIF_GPP_2003.M02_Mean.tif.gz")}, r"^INPUT .* two GOSIF files for the same period"),
        ("gpp", {"INPUT": gosif_folder("GOSIF_GPP_2006.M01_Mean.tif", base_month_files=False,
                                       geotransform=(-10.02, 0.05, 0.0, 42.0, 0.0, -0.05))},
         r"^INPUT .* is not aligned with the REFERENCE grid"),
        ("gpp", {"START_YEAR": 2004, "END_YEAR": 2001}, r"^START_YEAR \(2004\) is after END_YEAR \(2001\)"),
        ("gpp", {"START_YEAR": 2030}, r"^START_YEAR 2030 is after the last month of the files \(2005-12\)"),
        ("landcover", {"INPUT": lambda bad: write_raster(bad.path(".tif"), np.full((1, 240, 320), 42, np.uint8), None,
                                                         (-10.0, 0.05, 0.0, 42.0, 0.0, -0.05), dtype="Byte")},
         r"^INPUT .* has codes outside IGBP 0-16 and fill 255: 42"),
        ("landcover", {"INPUT": lambda bad: write_raster(bad.path(".tif"), np.ones((1, 240, 320), np.float32), None,
                                                         (-10.0, 0.05, 0.0, 42.0, 0.0, -0.05))},
         r"^INPUT .* is Float32; MCD12C1 IGBP classes are bytes"),
        ("landcover", {"INPUT": lambda bad: write_raster(bad.path(".tif"), np.ones((1, 240, 320), np.uint8), None,
                                                         (-10.01, 0.05, 0.0, 42.0, 0.0, -0.05), dtype="Byte")},
         r"^INPUT .* is not aligned with the REFERENCE grid"),
        ("landcover", {"INPUT": "/nonexistent/MCD12C1.A2010001.061.hdf"}, r"MCD12C1\.A2010001\.061\.hdf"),
        ("landcover", {"INPUT": text_file("<html>login</html>", ".tif")}, r"^INPUT .*: cannot open it"),
    ]


def report_cases():
    summary_header = "start_year,end_year,method\n2000,2005,original\n"
    return [
        ("report", {"TREND_A": layer("monthly", "0_10")}, r"^TREND_A .*"),
        ("report", {"COMPONENTS_A": world_file("trend")}, r"^COMPONENTS_A .*"),
        ("report", {"COMPONENTS_A": copy("components", metadata={})}, r"^COMPONENTS_A .*(START_YEAR|period)"),
        ("report", {"TREND_A": copy("trend", metadata={})}, r"^TREND_A .*(START_YEAR|period)"),
        ("report", {"SUMMARY_A": text_file(summary_header)}, r"^SUMMARY_A .*"),
        ("report", {"SUMMARY_A": text_file("")}, r"^SUMMARY_A .*empty"),
        ("report", {"ATTRIBUTION_TABLE_A": text_file("code,dynamic\n")}, r"^ATTRIBUTION_TABLE_A .*"),
        ("report", {"CORRELATION_TABLE": text_file(open_bytes_latin1())}, r"^CORRELATION_TABLE .*UTF-8"),
        ("report", {"QC_REPORT": text_file("layer,values\n0-10 cm,x\n")}, r"^QC_REPORT .*"),
        ("report", {"ATTRIBUTION_TABLE_A": lambda bad: bad_number(bad, bad.world.attribution_table, "mean_percent")},
         r"^ATTRIBUTION_TABLE_A .*mean_percent"),
        ("report", {"CORRELATION_TABLE": lambda bad: bad_number(bad, bad.world.correlation_table, "mean_r")},
         r"^CORRELATION_TABLE .*mean_r"),
        ("report", {"SEASONAL_0_10": world_file("annual")}, r"^SEASONAL_0_10 .*"),
    ]


def open_bytes_latin1():
    return "ecosystem,season,depth,pixels,mean_r,mean_p,significant_pixels,percent_significant\n" \
           "Forêts,H-S,0-10 cm,1,0.5,0.1,0,0\n".encode("latin-1")


def bad_number(bad, source, column):
    lines = open(source, encoding="utf-8").read().splitlines()
    header = lines[0].split(",")
    row = lines[1].split(",")
    row[header.index(column)] = "n/a%"
    path = bad.path(".csv")
    with open(path, "w", encoding="utf-8") as f:
        f.write("\n".join([lines[0], ",".join(row)] + lines[2:]) + "\n")
    return path


def zonal_cases():
    r, p = (lambda bad, n=n: os.path.join(bad.world.root, n) for n in ("r.tif", "p.tif"))
    line = "LINESTRING(-8 31, 4 40)"
    return [
        ("zonal", {"TREND": world_file("annual")}, r"^TREND .* holds soil moisture"),
        ("zonal", {"ATTRIBUTION": world_file("trend")}, r"^ATTRIBUTION .* holds trend statistics"),
        ("zonal", {"ATTRIBUTION": copy("components", labels=lambda ls: ["x%d" % i for i in range(len(ls))])},
         r"^ATTRIBUTION .* has the bands 'x0', 'x1', 'x2', ...; give the COMPONENTS"),
        ("zonal", {"CORRELATION": p, "CORRELATION_P": r}, r"^CORRELATION .* holds the p-value of tsmv:correlation"),
        ("zonal", {"CORRELATION": None}, r"^CORRELATION_P is the P of a correlation: give its R as CORRELATION"),
        ("zonal", {"ECOSYSTEMS": world_file("trend")}, r"^ECOSYSTEMS .* holds trend statistics"),
        ("zonal", {"FIELD": "nope"}, r"^FIELD nope is not a field of INPUT_POLYGONS"),
        ("zonal", {"INPUT_POLYGONS": lambda bad: bad.path(".gpkg")}, r"^INPUT_POLYGONS .*\.gpkg.* is not a value it accepts"),
        ("zonal", {"INPUT_POLYGONS": lambda bad: regions(bad.folder, line, "line.gpkg")},
         r"^INPUT_POLYGONS: Iberia is not a polygon"),
        ("zonal", {"OUTPUT_LAYER": lambda bad: regions(bad.world.root)}, r"^OUTPUT_LAYER .* is the input INPUT_POLYGONS"),
    ]


CASES = same_output_cases() + crs_cases() + stack_cases() + gldas_cases() + gpp_cases() + report_cases() \
    + zonal_cases()
CASES = [c for c in CASES if c[2] is not None]


@pytest.fixture(scope="module")
def world(tmp_path_factory):
    return World(str(tmp_path_factory.mktemp("world")))


def _resolve(value, bad, out):
    if callable(value):
        return value(bad)
    if value == "OUT_DIR":
        os.makedirs(out, exist_ok=True)
        return out
    if isinstance(value, str) and value.startswith("LINK_TO:"):
        target = value[len("LINK_TO:"):].replace("OUT", out, 1)
        link = os.path.join(bad.folder, "link.tif")
        os.symlink(target, link)
        return link
    if isinstance(value, str) and value.startswith("OUT/"):
        return os.path.join(out, value[4:])
    return value


def _visible(folder):
    """Every file below ``folder`` but the .aux.xml statistics QGIS may keep beside an input it loads."""
    return {k: v for k, v in snapshot(folder).items() if not k.endswith(".aux.xml")}


def assert_refused(processing, algorithm, params, message):
    """Run ``tsmv:algorithm``: it must be refused, the first line said matching ``message``,
    without a traceback."""
    from qgis.core import QgsProcessingContext, QgsProcessingException
    from test_plugin import Feedback
    feedback = Feedback()
    with pytest.raises(QgsProcessingException) as raised:
        processing.run("tsmv:" + algorithm, params, feedback=feedback, context=QgsProcessingContext())
    said = [m for m in feedback.errors if m.strip()] or [str(raised.value)]
    first = said[0].strip().splitlines()[0]
    assert re.search(message, first), "first line: %r (all: %r)" % (first, said)
    assert "Traceback" not in "\n".join(said + [str(raised.value)])


@pytest.mark.parametrize("algorithm, changes, message", CASES,
                         ids=["%03d-%s" % (i, c[0]) for i, c in enumerate(CASES)])
def test_hostile_input_is_refused_by_name(tsmv_processing, world, tmp_path, algorithm, changes, message):
    assert_case_refused(tsmv_processing, world, tmp_path, algorithm, changes, message)


def assert_case_refused(tsmv_processing, world, tmp_path, algorithm, changes, message):
    """Run ``algorithm`` on the world's valid inputs with ``changes``: it must be refused with a
    first line matching ``message``, without a traceback, with nothing under a requested name,
    no temporary anywhere and no input changed."""
    out = str(tmp_path / "out")
    bad = Bad(str(tmp_path / "bad"), world)
    params = valid(algorithm, world, out)
    params.update({name: _resolve(value, bad, out) for name, value in changes.items()})
    before_world, before_bad = _visible(world.root), _visible(bad.folder)
    assert_refused(tsmv_processing, algorithm, params, message)
    # nothing under a requested name, no temporary anywhere, inputs unchanged
    assert not os.path.isdir(out) or os.listdir(out) == [], os.listdir(out)
    assert _visible(world.root) == before_world
    assert _visible(bad.folder) == before_bad
    for folder in (world.root, bad.folder, str(tmp_path)):
        for dirpath, _, names in os.walk(folder):
            assert not [n for n in names if n.startswith(".tsmv-")], dirpath


def test_the_matrix_is_large_and_covers_every_algorithm():
    assert len(CASES) >= 150
    assert {c[0] for c in CASES} == set(ALGORITHMS)


def test_read_only_folder_is_refused_before_any_work(tsmv_processing, world, tmp_path):
    from qgis.core import QgsProcessingContext, QgsProcessingException
    from test_plugin import Feedback
    folder = tmp_path / "ro"
    folder.mkdir()
    if subprocess.run(["mount", "-t", "tmpfs", "-o", "size=1m,ro", "tmpfs", str(folder)],
                      capture_output=True).returncode != 0:
        pytest.skip("cannot mount a read-only tmpfs here (needs root)")
    try:
        for algorithm in ALGORITHMS:
            params = valid(algorithm, world, str(folder))
            feedback = Feedback()
            with pytest.raises(QgsProcessingException) as raised:
                tsmv_processing.run("tsmv:" + algorithm, params, feedback=feedback, context=QgsProcessingContext())
            first = (feedback.errors or [str(raised.value)])[0].splitlines()[0]
            assert re.search(r"^\w+ %s/.*: cannot write in the folder %s \(Read-only file system\)"
                             % (folder, folder), first), first
            assert os.listdir(folder) == []
    finally:
        subprocess.run(["umount", str(folder)], check=True)


#: One case of each family, run again through qgis_process (what a script sees).
CLI_CASES = [
    ("correlation", {"SEASON_CODES": world_file("gpp"), "GPP": world_file("codes")}, r"^SEASON_CODES .* holds GPP"),
    ("trend", {"INPUT": copy("annual", srs="EPSG:3857")}, r"^INPUT .* is in WGS 84 / Pseudo-Mercator \(EPSG:3857\)"),
    ("trend", {"INPUT": copy("annual", labels=lambda ls: ls[:3] + [ls[2]] + ls[4:])},
     r"^INPUT .*: the label '2002' is on bands 3 and 4"),
    ("trend", {"OUTPUT": "OUT/t.tif", "SUMMARY": "OUT/t.tif"}, r"^SUMMARY .*t\.tif: a CSV output must end in \.csv"),
    ("seasons", {"ANNUAL_TSM": "/vsimem/tsm.tif"}, r"^ANNUAL_TSM /vsimem/tsm\.tif: GDAL virtual paths cannot be outputs"),
    ("qualitycontrol", {"OUTPUT_0_10": world_file("raw", "0_10")}, r"^OUTPUT_0_10 .* is the input INPUT_0_10"),
    ("importgldas", {"EXTENT": "170,-170,-10,10 [EPSG:4326]"}, r"^EXTENT lon 170..-170: .* crosses the antimeridian"),
    ("importgldas", {"INPUT": gldas_folder(two_time_steps)}, r"^INPUT .*GLDAS_NOAH10_M\.A200305\.021\.nc4 holds 2 time steps"),
    ("trend", {"INPUT": "/nonexistent/annual.tif"}, r"^INPUT /nonexistent/annual.tif: the file does not exist"),
]


@pytest.mark.parametrize("algorithm, changes, message", CLI_CASES,
                         ids=["%s-%d" % (c[0], i) for i, c in enumerate(CLI_CASES)])
def test_refusals_through_qgis_process(qgis_process, world, tmp_path, algorithm, changes, message):
    out = str(tmp_path / "out")
    bad = Bad(str(tmp_path / "bad"), world)
    params = valid(algorithm, world, out)
    params.update({name: _resolve(value, bad, out) for name, value in changes.items()})
    before = _visible(world.root)
    code, _, log = qgis_process.run("tsmv:" + algorithm, **params)
    assert code != 0, log
    assert "Traceback" not in log, log
    # qgis_process --json prints the error on stderr, after Python's start-up warnings and what
    # GDAL says when QGIS loads the layers ("ERROR 5: ... dfMax should be ... greater than dfMin")
    lines = [line for line in log.splitlines() if line.strip() and not line.startswith(" ")
             and "Warning: " not in line and not line.startswith("{") and not re.match(r"ERROR \d+: ", line)]
    assert re.search(message, lines[0]), log
    assert not os.path.isdir(out) or os.listdir(out) == []
    assert _visible(world.root) == before


def test_a_step_called_from_python_without_an_output_it_writes_is_refused_naming_it(world, tmp_path):
    """Outside Processing nothing makes a required output exist: each step called without one
    (or with an empty path) refuses by the output's name before writing anything."""
    from tsmv.tsmv_qgis.errors import TsmvError
    from tsmv.tsmv_qgis.steps.attribution import run_attribution
    from tsmv.tsmv_qgis.steps.correlation import run_correlation
    from tsmv.tsmv_qgis.steps.qc import quality_control
    from tsmv.tsmv_qgis.steps.seasons import run_seasons
    out = lambda name: str(tmp_path / name)  # noqa: E731
    seasons = {"codes": out("codes.tif"), "annual_tsm": out("annual.tif"),
               **{"seasonal_" + k: out("s_%s.tif" % k) for k in K}}
    attribution = {k: out("a_%s.tif" % k) for k in ("components", "by_season", "by_depth", "by_dynamic",
                                                      "omega", "dominant")}
    calls = {
        "r": lambda: run_correlation(world.seasonal, world.codes, world.gpp, world.ecosystems,
                                     {"p": out("p.tif"), "table": out("t.csv")}),
        "p": lambda: run_correlation(world.seasonal, world.codes, world.gpp, world.ecosystems,
                                     {"r": out("r.tif"), "p": ""}),
        "omega": lambda: run_attribution(world.seasonal, {k: v for k, v in attribution.items() if k != "omega"}),
        "annual_tsm": lambda: run_seasons(world.monthly, {k: v for k, v in seasons.items() if k != "annual_tsm"}),
        "40_100": lambda: quality_control(world.raw, {k: out("q_%s.tif" % k) for k in K if k != "40_100"}),
    }
    for key, call in calls.items():
        with pytest.raises(TsmvError) as raised:
            call()
        assert str(raised.value).startswith("outputs[%r]: no path given (this step writes " % key), str(raised.value)
        assert os.listdir(str(tmp_path)) == [], key
