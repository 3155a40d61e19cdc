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
sys.path.insert(0, os.path.join(ROOT, "scripts"))

from tsmv_example import (VERSION, ExampleWorld, make_gldas_example,  # noqa: E402
                               make_gosif_example, make_igbp_example)
from tsmv_example.products import make_era5_land_example  # noqa: E402
import make_models  # noqa: E402

QGIS_PROCESS = os.path.join(ROOT, "scripts", "qgis_process")
DEFAULT_YEARS = (1948, 2024)  # the paper's record
DEFAULT_EXTENT = (-180.0, -60.0, 180.0, 90.0)  # the globe without Antarctica, as GLDAS
BOOTSTRAP, SEED = 200, 2025  # the beyond part's attribution: replicates (quick), a fixed seed
MAX_LAG = 3  # the beyond part's correlation: GPP up to 3 months after soil moisture


def qgis_process(algorithm, **params):
    """Run one algorithm through qgis_process; return its results (JSON).  GDAL keeps no
    .aux.xml beside the results (QGIS has GDAL note the statistics and histograms of every
    output a model loads when it ends)."""
    args = [QGIS_PROCESS, "run", algorithm, "--json"] + ["--%s=%s" % kv for kv in params.items()]
    print("\n$ qgis_process run %s ..." % algorithm, flush=True)
    t = time.perf_counter()
    proc = subprocess.run(args, capture_output=True, text=True, env=dict(os.environ, GDAL_PAM_ENABLED="NO"))
    if proc.returncode != 0:
        sys.exit("qgis_process %s failed:\n%s\n%s" % (algorithm, proc.stdout[-3000:], proc.stderr[-3000:]))
    print("  done in %.1f s" % (time.perf_counter() - t))
    return json.loads(proc.stdout[proc.stdout.index("{"):])["results"]


def example_data(folder, years, extent):
    """GLDAS files, an MCD12C1-like land cover and GOSIF-like GPP (8-day for the first year
    from 2000, monthly after), and the same world from 2000 as ERA5-Land monthly means (the
    Climate Data Store's netCDF, a year per file), all from one example world; made once per
    setting."""
    stamp = os.path.join(folder, ".complete")
    wanted = "v%d %s %s era5land" % (VERSION, years, extent)
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
    make_era5_land_example(os.path.join(folder, "era5land"), gpp_start, years[1], extent, 1.0,
                           wrap=extent[2] - extent[0] >= 360)  # a global file runs 0..360
    with open(stamp, "w") as f:
        f.write(wanted)
    print("  %d GLDAS files, land cover and GPP in %.1f s" % (len(paths), time.perf_counter() - t))


def output_paths(results):
    """Where each output of the full model goes: results/<name>.tif|.csv|.html."""
    paths = {}
    for name, child, child_output, _ in make_models.MODELS["fullchain"]["outputs"]:
        extension = ".html" if name == "report" else \
            ".csv" if child_output in ("REPORT", "SUMMARY", "TABLE") else ".tif"
        paths["%s:%s" % (child, name)] = os.path.join(results, name + extension)
    return paths


def synthetic_banner(paths):
    """Print a banner when the results were made from synthetic data: what the first GeoTIFF
    among ``paths`` that says so records (TSMV_SYNTHETIC, carried from the example files)."""
    from osgeo import gdal
    for path in paths.values():
        if path.endswith(".tif") and os.path.exists(path):
            note = (gdal.Open(path).GetMetadata() or {}).get("TSMV_SYNTHETIC")
            if note:
                rule = "!" * 78
                print("\n%s\nSYNTHETIC DATA: these numbers describe TSMV's invented example world, not the\n"
                      "Earth; they are not comparable with Li et al. (2025).\n%s\n%s" % (rule, note, rule))
                return


def summarise(paths, periods):
    def rows(name):
        path = next(p for key, p in paths.items() if key.endswith(":" + name))
        with open(path) as f:
            return list(csv.DictReader(f))

    synthetic_banner(paths)
    print("\nQuality control:")
    for row in rows("qc_report"):
        print("  %-11s %10s values, %6s masked (%.4f%%)" % (
            row["layer"], row["values"], row["masked"], float(row["percent_masked"])))
    print("Trend of total soil moisture:")
    for p, (start, end) in periods.items():
        row = rows("trend_summary_" + p)[0]
        print("  %d-%d: mean Sen slope %+.3f kg m-2/yr (area-weighted); %.1f%% of the area declining "
              "(%.1f%% significantly), %.1f%% faster than %s kg m-2/yr"
              % (start, end, float(row["mean_slope"]), float(row["percent_decreasing"]),
                 float(row["percent_significant_decreasing"]),
                 float(row["percent_decreasing_faster_than_threshold"]), row["threshold"]))
    print("Attribution of Var(TSM):")
    for p, (start, end) in periods.items():
        table = rows("table_" + p)
        trend = sum(float(r["mean_percent"]) for r in table if r["dynamic"] == "Trend")
        top = sorted(table, key=lambda r: -float(r["mean_percent"]))[:2]
        print("  %d-%d: Trend %.1f%%, IAV %.1f%% (area-weighted); largest: %s"
              % (start, end, trend, 100 - trend, ", ".join(
                  "%s %s %s %.1f%%" % (r["dynamic"], r["season"], r["depth"], float(r["mean_percent"]))
                  for r in top)))
    print("Soil moisture and GPP:")
    table = rows("correlation_table")
    for name in ("Global", "Forests", "Shrublands", "Grasslands", "Croplands"):
        best = max((r for r in table if r["ecosystem"] == name and r["mean_r"] != "nan"),
                   key=lambda r: float(r["mean_r"]), default=None)
        if best:
            print("  %-10s strongest link: %s %s, mean r %.2f, %.0f%% of the area significant (p < ALPHA "
                  "per pixel, no FDR)" % (name, best["season"], best["depth"], float(best["mean_r"]),
                                           float(best["percent_significant"])))
    synthetic_banner(paths)


def beyond_the_paper(paths, period):
    """The options beyond the paper, on the demo's own outputs, into results/beyond: Pettitt's
    change points of the annual TSM, the attribution of ``period`` with a moving-block bootstrap
    (COMPONENTS_LOWER/UPPER), the correlation detrended, with lags up to MAX_LAG months,
    the effective sample size and the FDR, and a second report of them (Fig. 1a's interval and
    change points, Fig. 3's stars, Fig. S4, S5, the TABLE's significance column)."""
    t = time.perf_counter()
    result = lambda name: paths[next(k for k in paths if k.endswith(":" + name))]  # noqa: E731
    beyond = os.path.join(os.path.dirname(result("annual_tsm")), "beyond")
    os.makedirs(beyond, exist_ok=True)
    out = lambda name: os.path.join(beyond, name)  # noqa: E731
    layers = {"INPUT_" + key[len("seasonal_"):]: result(key)
              for key in ("seasonal_0_10", "seasonal_10_40", "seasonal_40_100", "seasonal_100_200")}
    print("\nBeyond the paper (results/beyond):")
    qgis_process("tsmv:changepoint", INPUT=result("annual_tsm"), OUTPUT=out("changepoints.tif"),
                 SUMMARY=out("changepoints.csv"))
    qgis_process("tsmv:attribution", START_YEAR=period[0], END_YEAR=period[1], BOOTSTRAP=BOOTSTRAP, SEED=SEED,
                 COMPONENTS=out("components_B.tif"), COMPONENTS_LOWER=out("components_lower_B.tif"),
                 COMPONENTS_UPPER=out("components_upper_B.tif"), TABLE=out("table_B.csv"),
                 **{name: "TEMPORARY_OUTPUT" for name in ("BY_SEASON", "BY_DEPTH", "BY_DYNAMIC", "OMEGA", "DOMINANT")},
                 **layers)
    correlation = {"R": "r.tif", "P": "p.tif", "R_ROOT_ZONE": "r_root_zone.tif", "P_ROOT_ZONE": "p_root_zone.tif",
                   "R_BEST_LAG": "r_best_lag.tif", "BEST_LAG": "best_lag.tif",
                   "R_NOT_DETRENDED": "r_not_detrended.tif", "P_NOT_DETRENDED": "p_not_detrended.tif",
                   "TABLE": "correlation_table.csv"}
    correlation = {name: out(file) for name, file in correlation.items()}
    qgis_process("tsmv:correlation", SEASON_CODES=result("season_codes"), GPP=result("gpp"),
                 ECOSYSTEMS=result("ecosystems"), DETREND=True, MAX_LAG=MAX_LAG, EFFECTIVE_N=True, FDR=True,
                 **layers, **correlation)
    report = out("report.html")
    qgis_process("tsmv:report", ANNUAL_TSM=result("annual_tsm"), TREND_A=result("trend_A"),
                 TREND_B=result("trend_B"), SUMMARY_A=result("trend_summary_A"),
                 SUMMARY_B=result("trend_summary_B"), COMPONENTS_B=out("components_B.tif"),
                 ATTRIBUTION_TABLE_B=out("table_B.csv"), CORRELATION_TABLE=correlation["TABLE"],
                 ECOSYSTEMS=result("ecosystems"), OUTPUT=report,
                 **{name: correlation[name] for name in ("R", "P", "R_ROOT_ZONE", "P_ROOT_ZONE", "R_BEST_LAG",
                                                         "BEST_LAG")})
    with open(out("changepoints.csv")) as f:
        share = sum(float(row["percent_of_valid_area"]) for row in csv.DictReader(f))
    with open(out("table_B.csv")) as f:
        starred = sum(float(row["percent_excluding_zero"]) >= 50 for row in csv.DictReader(f))
    with open(correlation["TABLE"]) as f:
        rule = next(csv.DictReader(f))["significance"]
    print("  %.1f%% of the land area has a change point in its annual TSM (Pettitt, p < 0.05); %d-%d: %d "
          "of the 32 terms' 95%% bootstrap intervals (%d replicates) exclude 0 on at least half of the area; "
          "correlation detrended, lags 0-%d months, significance by '%s'"
          % (share, period[0], period[1], starred, BOOTSTRAP, MAX_LAG, rule))
    print("Beyond the paper: %.0f s. Its report (Fig. 1a's 95%% interval and change points, Fig. 3's "
          "bootstrap stars, Fig. S4 lags, Fig. S5 detrended r, the significance rule):\n  %s"
          % (time.perf_counter() - t, report))


def main(demo_dir):
    t0 = time.perf_counter()
    demo_dir = os.path.abspath(demo_dir)
    years = tuple(int(y) for y in os.environ.get("TSMV_DEMO_YEARS", "%d %d" % DEFAULT_YEARS).split())
    extent = tuple(float(v) for v in os.environ.get("TSMV_DEMO_EXTENT", "%g %g %g %g" % DEFAULT_EXTENT).split())
    data_dir = os.path.join(demo_dir, "data")
    results = os.path.join(demo_dir, "results")
    example_data(data_dir, years, extent)
    periods = {"A": (years[0], min(1999, years[1])), "B": (max(2000, years[0]), years[1])}
    paths = output_paths(results)
    params = {"GLDAS": os.path.join(data_dir, "gldas"),
              "LANDCOVER": os.path.join(data_dir, "MCD12C1.A2010001.061_igbp.tif"),
              "GOSIF": os.path.join(data_dir, "gosif")}
    for p, (start, end) in periods.items():
        params.update({"START_" + p: start, "END_" + p: end})
    params.update(paths)
    qgis_process("tsmv:fullchain", **params)
    summarise(paths, periods)
    era5 = os.path.join(results, "era5land")
    os.makedirs(era5, exist_ok=True)
    imported = qgis_process("tsmv:importsoilmoisture", INPUT=os.path.join(data_dir, "era5land"),
                            QUALITY_CONTROL=True, SEASONS=True, REPORT=os.path.join(era5, "qc_report.csv"),
                            ANNUAL_TSM=os.path.join(era5, "annual_tsm.tif"),
                            **{"OUTPUT_%d" % i: os.path.join(era5, "sm_%d.tif" % i) for i in range(1, 5)},
                            **{"SEASONAL_%d" % i: os.path.join(era5, "seasonal_%d.tif" % i) for i in range(1, 5)})
    print("\nThe same world as ERA5-Land monthly means (0-7, 7-28, 28-100, 100-289 cm), imported "
          "with tsmv:importsoilmoisture:\n  %s" % os.path.dirname(imported["ANNUAL_TSM"]))
    print("\nAll results (styled GeoTIFFs with a .qml beside each, CSV tables) are in:\n  %s" % results)
    print("Demo wall time: %.0f s. The report:\n  %s" % (time.perf_counter() - t0,
                                                        paths["report:report"]))
    beyond_the_paper(paths, periods["B"])


if __name__ == "__main__":
    main(sys.argv[1] if len(sys.argv) > 1 else os.path.join(ROOT, "demo"))
