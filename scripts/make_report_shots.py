"""make report-shots: the report of the demo's results, section by section, as headless Chromium
renders it (docs/report/*.png), and docs/report/README.md listing its figures and tables.

Usage: make_report_shots.py [REPORT_HTML] [OUT_DIR]
  REPORT_HTML  default demo/results/report.html (made by `make demo`); when it does not exist
               and demo/results holds the chain's outputs, the report is made from them here.
  OUT_DIR      default docs/report

Needs Debian's `chromium` (scripts/setup.sh installs it).  The helpers (:func:`measure`,
:func:`screenshot`) are also what tests/test_report.py uses to check a rendered report.
"""
import html
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
WIDTH = 1280

#: Run in the page when it has loaded: what a reader's browser shows, as JSON in a <pre>.
MEASURE = r"""
<script>
window.addEventListener("load", function () {
  var width = window.innerWidth, out = {innerWidth: width,
    scrollWidth: Math.max(document.documentElement.scrollWidth, document.body.scrollWidth),
    scrollHeight: Math.max(document.documentElement.scrollHeight, document.body.scrollHeight),
    contentHeight: Math.ceil(document.body.getBoundingClientRect().bottom + window.scrollY + 8),
    images: [], overflow: [], sections: []};
  document.querySelectorAll("img").forEach(function (img) {
    var box = img.getBoundingClientRect();
    out.images.push({alt: img.alt, complete: img.complete, naturalWidth: img.naturalWidth,
                     naturalHeight: img.naturalHeight, width: box.width, right: box.right});
  });
  document.querySelectorAll("body *").forEach(function (el) {
    var box = el.getBoundingClientRect();
    if (box.width > 0 && (box.right > width + 0.5 || box.left < -0.5))
      out.overflow.push({tag: el.tagName, id: el.id, text: (el.textContent || "").slice(0, 80),
                         left: box.left, right: box.right});
  });
  document.querySelectorAll("body > section").forEach(function (el) {
    var box = el.getBoundingClientRect();
    out.sections.push({id: el.id, top: box.top + window.scrollY, height: box.height,
                       heading: (el.querySelector("h2") || {}).textContent || ""});
  });
  var pre = document.createElement("pre");
  pre.id = "tsmv-measure";
  pre.textContent = JSON.stringify(out);
  document.body.appendChild(pre);
});
</script>
"""


def find_chromium():
    """The Chromium executable, or None."""
    for name in ("chromium", "chromium-browser", "google-chrome", "chrome"):
        path = shutil.which(name)
        if path:
            return path
    return None


def _run(args, timeout=180):
    exe = find_chromium()
    if exe is None:
        raise RuntimeError("Chromium is not installed (Debian: apt-get install chromium; make setup does it)")
    with tempfile.TemporaryDirectory(prefix="tsmv-chromium-") as profile:
        command = [exe, "--headless", "--no-sandbox", "--disable-gpu", "--hide-scrollbars", "--mute-audio",
                   "--no-first-run", "--disable-dev-shm-usage", "--force-device-scale-factor=1",
                   "--user-data-dir=" + profile] + args
        proc = subprocess.run(command, capture_output=True, text=True, timeout=timeout,
                              env=dict(os.environ, HOME=profile))
    if proc.returncode != 0:
        raise RuntimeError("chromium failed (%d): %s" % (proc.returncode, proc.stderr[-2000:]))
    return proc.stdout


def _variant(page, folder, extra):
    """A copy of the page with ``extra`` (script or style) before </body>, in ``folder``."""
    with open(page, encoding="utf-8") as f:
        text = f.read()
    at = text.rindex("</body>")
    path = os.path.join(folder, "page.html")
    with open(path, "w", encoding="utf-8") as f:
        f.write(text[:at] + extra + text[at:])
    return path


def measure(page, width=WIDTH, height=900, style=""):
    """What Chromium shows of ``page`` in a window ``width`` wide: the images (decoded sizes),
    the elements reaching past the window's edge, the document's width and height, and the
    sections (id, top, height)."""
    with tempfile.TemporaryDirectory(prefix="tsmv-measure-") as folder:
        path = _variant(page, folder, style + MEASURE)
        dom = _run(["--dump-dom", "--virtual-time-budget=20000",
                    "--window-size=%d,%d" % (width, height), "file://" + path])
    found = re.search(r'<pre id="tsmv-measure">(.*?)</pre>', dom, re.S)
    if not found:
        raise RuntimeError("the page did not finish loading in Chromium")
    return json.loads(html.unescape(found.group(1)))


def only(section):
    """A style that shows only ``section`` (an id; None: the page's header and contents)."""
    if section is None:
        return "<style>body>section{display:none!important}</style>"
    return ("<style>body>:not(section#%s){display:none!important}section#%s{margin:0}"
            "body>section#%s>h2{margin-top:0}</style>" % (section, section, section))


def screenshot(page, target, width=WIDTH, section=None):
    """A PNG of one section of the page (or of its header with the contents) as Chromium renders
    it ``width`` wide; returns its height."""
    style = only(section)
    height = int(measure(page, width, 600, style)["contentHeight"])
    with tempfile.TemporaryDirectory(prefix="tsmv-shot-") as folder:
        path = _variant(page, folder, style)
        _run(["--screenshot=" + os.path.abspath(target), "--window-size=%d,%d" % (width, height),
              "--virtual-time-budget=20000", "file://" + path])
    return height


def report_contents(page, sections=None):
    """(figure titles, table titles) of a report, in order; of its ``sections`` (ids) only, when given."""
    with open(page, encoding="utf-8") as f:
        text = f.read()
    if sections is not None:
        text = "".join(body for key, body in re.findall(r'<section id="([^"]*)">(.*?)</section>', text, re.S)
                       if key in sections)
    figures = [html.unescape(t) for t in re.findall(r"<figcaption>(.*?)</figcaption>", text)]
    tables = [html.unescape(t) for t in re.findall(r'<h3 class="table-title"[^>]*>(.*?)</h3>', text)]
    return figures, tables


def make_demo_report(results, target):
    """The report of the chain's outputs in ``results`` (named as `make demo` names them)."""
    sys.path.insert(0, os.path.join(ROOT, "scripts"))
    import tsmv_package
    tsmv_package.add_to_path()
    from tsmv.tsmv_qgis.labels import LAYER_KEYS
    from tsmv.tsmv_qgis.report import make_report

    def path(name):
        found = os.path.join(results, name)
        return found if os.path.exists(found) else None

    if not path("annual_tsm.tif"):
        sys.exit("%s holds no annual_tsm.tif: run `make demo` first" % results)
    seasonal = {k: path("seasonal_%s.tif" % k) for k in LAYER_KEYS}
    pairs = lambda prefix, name: [(prefix + p, path(name % p)) for p in "AB" if path(name % p)]  # noqa: E731
    world = "/usr/share/qgis/resources/data/world_map.gpkg"
    make_report(target, path("annual_tsm.tif"), seasonal=seasonal if all(seasonal.values()) else None,
                trends=pairs("TREND_", "trend_%s.tif"), trend_summaries=pairs("SUMMARY_", "trend_summary_%s.csv"),
                components=pairs("COMPONENTS_", "components_%s.tif"),
                attribution_tables=pairs("ATTRIBUTION_TABLE_", "table_%s.csv"),
                correlation_table=path("correlation_table.csv"), qc_report=path("qc_report.csv"),
                correlation_r=path("r.tif"), correlation_p=path("p.tif"), ecosystems=path("ecosystems.tif"),
                root_zone_r=path("r_root_zone.tif"), root_zone_p=path("p_root_zone.tif"),
                coastlines_path=world if os.path.exists(world) else None)


def shots(page, out_dir, intro, sections=None):
    """Screenshot ``page`` into ``out_dir`` (its PNGs replaced): the contents and every section,
    or only the ``sections`` ({id: what to look at in it}); and write README.md there, starting
    with ``intro``, listing the pictures, figures and tables."""
    os.makedirs(out_dir, exist_ok=True)
    for old in os.listdir(out_dir):
        if old.endswith(".png"):
            os.remove(os.path.join(out_dir, old))
    found = measure(page)
    if sections is None:
        wanted = [("00_contents", None, "Title and contents", None)]
        wanted += [("%02d_%s" % (i + 1, s["id"]), s["id"], s["heading"], None) for i, s in enumerate(found["sections"])]
    else:
        wanted = [("%02d_%s" % (i + 1, s["id"]), s["id"], s["heading"], sections[s["id"]])
                  for i, s in enumerate(found["sections"]) if s["id"] in sections]
    lines = []
    for name, section, heading, what in wanted:
        target = os.path.join(out_dir, name + ".png")
        height = screenshot(page, target, section=section)
        print("%s (%d x %d px)" % (target, WIDTH, height))
        lines.append("| %s | [%s.png](%s.png) |%s" % (heading, name, name, "" if what is None else " %s |" % what))
    figures, tables = report_contents(page, sections)
    problems = [i for i in found["images"] if not (i["complete"] and i["naturalWidth"] > 0)]
    readme = [intro % {"page": os.path.relpath(page, ROOT) if page.startswith(ROOT) else os.path.basename(page),
                       "width": WIDTH},
              "", "| section | picture |" + ("" if sections is None else " what is beyond the paper |"),
              "|---|---|" + ("" if sections is None else "---|")] + lines + [
              "", "## Figures", ""] + ["%d. %s" % (i + 1, t) for i, t in enumerate(figures)] + [
              "", "## Tables", ""] + ["* %s" % t for t in tables] + [
              "", "As rendered: %d images, all decoded: %s; page %d px wide in a %d px window (no overflow: %s)."
              % (len(found["images"]), "yes" if not problems else "no (%d not)" % len(problems),
                 found["scrollWidth"], found["innerWidth"],
                 "yes" if found["scrollWidth"] <= found["innerWidth"] and not found["overflow"] else "no"), ""]
    with open(os.path.join(out_dir, "README.md"), "w", encoding="utf-8") as f:
        f.write("\n".join(readme))
    print(os.path.join(out_dir, "README.md"))
    if problems or found["scrollWidth"] > found["innerWidth"] or found["overflow"]:
        sys.exit("the rendered report %s has problems: %s" % (page, json.dumps(
            {"images": problems, "overflow": found["overflow"][:5]})))


#: The sections of the demo's second report (results/beyond/report.html) that show the options
#: beyond the paper, and what to look at in each.
BEYOND = {"trends": "Fig. 1a: the shaded 95% interval of each period's Sen slope (Gilbert 1987, as tsmv:trend's "
                    "CONFIDENCE computes it); beside it, the share of land with a change point (Pettitt, as "
                    "tsmv:changepoint tests it)",
          "seasons-depths": "Fig. 3: stars on the contributions whose 95% moving-block bootstrap interval "
                            "(tsmv:attribution with BOOTSTRAP) excludes 0 on at least half of the area",
          "correlation": "Fig. S4: R_BEST_LAG and BEST_LAG beside the lag-0 r (MAX_LAG); Fig. S5: the detrended "
                         "r beside R_NOT_DETRENDED and P_NOT_DETRENDED (DETREND); Fig. 4a and S3 by the effective "
                         "sample size and the false discovery rate (EFFECTIVE_N, FDR)",
          "tables": "the attribution table with each term's 95% interval and the share of area whose interval "
                    "excludes 0 (its BOOTSTRAP columns mean_lower, mean_upper, percent_excluding_zero); the "
                    "correlation TABLE's significance column (EFFECTIVE_N, FDR)"}


def main(page, out_dir):
    if not os.path.exists(page):
        print("%s does not exist; making the report from %s" % (page, os.path.dirname(page)))
        make_demo_report(os.path.dirname(page), page)
    beyond = os.path.join(os.path.dirname(page), "beyond", "report.html")
    found = os.path.exists(beyond)
    shots(page, out_dir, "# The report, section by section\n\n`make report-shots` (scripts/make_report_shots.py) "
          "renders `%(page)s` in headless Chromium %(width)d px wide and writes one picture per section. The "
          "report is the demo's (`make demo`; the example data are synthetic)."
          + ("\n\nThe options beyond the paper, in `make demo`'s second report: [beyond/README.md](beyond/README.md)."
             if found else ""))
    if found:
        shots(beyond, os.path.join(out_dir, "beyond"),
              "# Beyond the paper: the report's new figures\n\n`make demo` ends with a part beyond the paper "
              "(scripts/demo.py, `beyond_the_paper`) on the demo's own outputs, through qgis_process: "
              "tsmv:changepoint of the annual TSM; tsmv:attribution of the second period with a BOOTSTRAP "
              "and a fixed SEED; tsmv:correlation with DETREND, a MAX_LAG, EFFECTIVE_N and FDR; and "
              "tsmv:report of them with the chain's trends (the numbers are in scripts/demo.py). `make report-shots` renders `%(page)s` in headless "
              "Chromium %(width)d px wide and writes the sections that show these options (the "
              "example data are synthetic; the whole demo report: [../README.md](../README.md)).",
              sections=BEYOND)


if __name__ == "__main__":
    main(os.path.abspath(sys.argv[1]) if len(sys.argv) > 1 else os.path.join(ROOT, "demo", "results", "report.html"),
         os.path.abspath(sys.argv[2]) if len(sys.argv) > 2 else os.path.join(ROOT, "docs", "report"))
