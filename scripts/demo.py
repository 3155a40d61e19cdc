"""make demo: build the example data, run the TSMV chain through qgis_process, say where results are.

Usage: demo.py [DEMO_DIR]   (default ./demo)
Environment: TSMV_DEMO_YEARS="1948 2024" and TSMV_DEMO_EXTENT="xmin ymin xmax ymax"
(default: the paper's setting, the globe at 1.0 deg, 1948-2024).
"""
import csv
import json
import os
import subprocess
import sys
import time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
sys.path.insert(0, ROOT)

from tsmv_qgis.example import (VERSION, ExampleWorld, make_gldas_example,  # noqa: E402
                               make_gosif_example, make_igbp_example)
from tsmv_qgis.labels import LAYER_KEYS  # noqa: E402

QGIS_PROCESS = os.path.join(ROOT, "scripts", "qgis_process")


def qgis_process(algorithm, **params):
    """Run one algorithm through qgis_process; return its results (JSON)."""
    args = [QGIS_PROCESS, "run", algorithm, "--json"] + ["--%s=%s" % kv for kv in params.items()]
    print("\n$ qgis_process run %s ..." % algorithm, flush=True)
    t = time.perf_counter()
    proc = subprocess.run(args, capture_output=True, text=True)
    if proc.returncode != 0:
        sys.exit("qgis_process %s failed:\n%s\n%s" % (algorithm, proc.stdout[-3000:], proc.stderr[-3000:]))
    print("  done in %.1f s" % (time.perf_counter() - t))
    return json.loads(proc.stdout[proc.stdout.index("{"):])["results"]


def example_data(folder, years, extent):
    """GLDAS files, an MCD12C1-like land cover and GOSIF-like GPP (8-day for the first year
    from 2000, monthly after), all from one example world; made once per setting."""
    stamp = os.path.join(folder, ".complete")
    wanted = "v%d %s %s" % (VERSION, years, extent)
    if os.path.exists(stamp) and open(stamp).read() == wanted:
        print("Example data: %s (already built)" % folder)
        return
    print("Building example data (GLDAS %d-%d, land cover, GPP from %d) over %s in %s ..."
          % (years + (max(2000, years[0]), extent, folder)), flush=True)
    t = time.perf_counter()
    paths = make_gldas_example(os.path.join(folder, "gldas"), *years, extent=extent)
    world = ExampleWorld(extent)
    make_igbp_example(os.path.join(folder, "MCD12C1.A2010001.061_igbp.tif"), world)
    gpp_start = max(2000, years[0])
    gosif = os.path.join(folder, "gosif")
    make_gosif_example(gosif, world, gpp_start, gpp_start, "8day", gzip_every=5)
    if years[1] > gpp_start:
        make_gosif_example(gosif, world, gpp_start + 1, years[1], "monthly", gzip_every=10)
    with open(stamp, "w") as f:
        f.write(wanted)
    print("  %d GLDAS files, land cover and GPP in %.1f s" % (len(paths), time.perf_counter() - t))


def main(demo_dir):
    demo_dir = os.path.abspath(demo_dir)
    years = tuple(int(y) for y in os.environ.get("TSMV_DEMO_YEARS", "1948 2024").split())
    extent = tuple(float(v) for v in os.environ.get("TSMV_DEMO_EXTENT", "-180 -60 180 90").split())
    data_dir = os.path.join(demo_dir, "data")
    data = os.path.join(data_dir, "gldas")
    results = os.path.join(demo_dir, "results")
    example_data(data_dir, years, extent)

    step = os.path.join(results, "01_import")
    imported = qgis_process("tsmv:importgldas", INPUT=data, **{
        "OUTPUT_" + k: os.path.join(step, "sm_%s.tif" % k) for k in LAYER_KEYS})

    step = os.path.join(results, "02_quality_control")
    params = {"INPUT_" + k: imported["OUTPUT_" + k] for k in LAYER_KEYS}
    params.update({"OUTPUT_" + k: os.path.join(step, "sm_qc_%s.tif" % k) for k in LAYER_KEYS})
    qc = qgis_process("tsmv:qualitycontrol", REPORT=os.path.join(step, "qc_report.csv"), **params)
    print("\nQuality control (%s):" % qc["REPORT"])
    with open(qc["REPORT"]) as f:
        for row in csv.DictReader(f):
            print("  %-11s %10s values, %6s masked (%.4f%%)" % (
                row["layer"], row["values"], row["masked"], float(row["percent_masked"])))

    step = os.path.join(results, "03_seasons")
    params = {"INPUT_" + k: qc["OUTPUT_" + k] for k in LAYER_KEYS}
    params.update({"SEASON_CODES": os.path.join(step, "season_codes.tif"),
                   "ANNUAL_TSM": os.path.join(step, "annual_tsm.tif")})
    params.update({"SEASONAL_" + k: os.path.join(step, "seasonal_%s.tif" % k) for k in LAYER_KEYS})
    seasons = qgis_process("tsmv:seasons", **params)

    step = os.path.join(results, "04_trend")
    periods = [(years[0], min(1999, years[1])), (max(2000, years[0]), years[1])]
    for start, end in periods:
        if end - start + 1 < 8:
            continue
        name = "tsm_trend_%d_%d" % (start, end)
        trend = qgis_process("tsmv:trend", INPUT=seasons["ANNUAL_TSM"], START_YEAR=start,
                             END_YEAR=end, OUTPUT=os.path.join(step, name + ".tif"),
                             SUMMARY=os.path.join(step, name + ".csv"))
        with open(trend["SUMMARY"]) as f:
            row = next(csv.DictReader(f))
        print("  Total soil moisture %d-%d: mean Sen slope %+.3f kg m-2/yr (area-weighted); "
              "%.1f%% of the area declining (%.1f%% significantly), %.1f%% faster than %s kg m-2/yr"
              % (start, end, float(row["mean_slope"]), float(row["percent_decreasing"]),
                 float(row["percent_significant_decreasing"]),
                 float(row["percent_decreasing_faster_than_threshold"]), row["threshold"]))

    step = os.path.join(results, "05_attribution")
    for start, end in periods:
        if end - start + 1 < 3:
            continue
        name = "%d_%d" % (start, end)
        params = {"INPUT_" + k: seasons["SEASONAL_" + k] for k in LAYER_KEYS}
        params.update({out: os.path.join(step, name, out.lower() + ".tif") for out in
                       ("COMPONENTS", "BY_SEASON", "BY_DEPTH", "BY_DYNAMIC", "OMEGA", "DOMINANT")})
        attribution = qgis_process("tsmv:attribution", START_YEAR=start, END_YEAR=end,
                                   TABLE=os.path.join(step, name, "attribution.csv"), **params)
        with open(attribution["TABLE"]) as f:
            rows = list(csv.DictReader(f))
        trend = sum(float(r["mean_percent"]) for r in rows if r["dynamic"] == "Trend")
        top = sorted(rows, key=lambda r: -float(r["mean_percent"]))[:2]
        print("  Var(TSM) %d-%d: Trend %.1f%%, IAV %.1f%% (area-weighted); largest: %s"
              % (start, end, trend, 100 - trend,
                 ", ".join("%s %s %s %.1f%%" % (r["dynamic"], r["season"], r["depth"],
                                                 float(r["mean_percent"])) for r in top)))

    step = os.path.join(results, "06_ecosystems")
    eco = qgis_process("tsmv:landcover", INPUT=os.path.join(data_dir, "MCD12C1.A2010001.061_igbp.tif"),
                       REFERENCE=seasons["ANNUAL_TSM"], OUTPUT=os.path.join(step, "ecosystems.tif"))
    gpp = qgis_process("tsmv:gpp", INPUT=os.path.join(data_dir, "gosif"), REFERENCE=seasons["ANNUAL_TSM"],
                       OUTPUT=os.path.join(step, "gpp_monthly.tif"))
    params = {"INPUT_" + k: seasons["SEASONAL_" + k] for k in LAYER_KEYS}
    params.update({"SEASON_CODES": seasons["SEASON_CODES"], "GPP": gpp["OUTPUT"],
                   "ECOSYSTEMS": eco["OUTPUT"], "R": os.path.join(step, "r.tif"),
                   "P": os.path.join(step, "p.tif"), "TABLE": os.path.join(step, "correlation.csv")})
    correlation = qgis_process("tsmv:correlation", **params)
    with open(correlation["TABLE"]) as f:
        rows = list(csv.DictReader(f))
    for name in ("Global", "Forests", "Shrublands", "Grasslands", "Croplands"):
        best = max((r for r in rows if r["ecosystem"] == name and r["mean_r"] != "nan"),
                   key=lambda r: float(r["mean_r"]), default=None)
        if best:
            print("  %-10s strongest SM-GPP link: %s %s, mean r %.2f, %.0f%% of the area significant"
                  % (name, best["season"], best["depth"], float(best["mean_r"]),
                     float(best["percent_significant"])))

    print("\nResults (styled GeoTIFFs with .qml beside them, CSV tables) are in:\n  %s" % results)


if __name__ == "__main__":
    main(sys.argv[1] if len(sys.argv) > 1 else os.path.join(ROOT, "demo"))
