"""tsmv:download's core on loopback: throughput against curl, and memory flat in file size.

A local server (``python -m http.server``, a process of its own) serves a CMR granule search
(a static answer) and files of random bytes; ``tsmv_qgis.download.download`` fetches them (listing, streaming,
size, MD5 and first-bytes checks, renames) and ``curl`` fetches the same files from the same
server in one process.  Throughput ratio = curl's time / TSMV's time (target >= 0.8), each
the best of 3.  Peak memory of a download in a process of its own, for one small and one
large file, must not grow with the file.  ``TSMV_BENCH_DOWNLOAD_MB`` sets the large file's
size (default 512).
"""
import hashlib
import json
import os
import shutil
import subprocess
import sys
import socket
import tempfile
import time

from common import ROOT, best_of, line, run_with_peak

TARGET_RATIO = 0.8
HDF5 = b"\x89HDF\r\n\x1a\n"


def write_file(path, megabytes):
    block = os.urandom(1 << 20)
    with open(path, "wb") as f:
        f.write(HDF5)
        for i in range(megabytes):
            f.write(block[:-8] if i == 0 else block)
    md5 = hashlib.md5()
    with open(path, "rb") as f:
        for chunk in iter(lambda: f.read(1 << 20), b""):
            md5.update(chunk)
    return md5.hexdigest()


def serve(folder):
    """``python -m http.server`` on ``folder`` in a process of its own (as a real server is):
    (process, base URL)."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    process = subprocess.Popen([sys.executable, "-m", "http.server", "--bind", "127.0.0.1", "--directory", folder,
                                str(port)], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    base = "http://127.0.0.1:%d" % port
    for _ in range(100):
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=1):
                return process, base
        except OSError:
            time.sleep(0.05)
    raise RuntimeError("the local server did not start")


def list_granules(folder, granules):
    """The CMR answer, as a static file where the search's path leads (the query is ignored)."""
    os.makedirs(os.path.join(folder, "search"), exist_ok=True)
    with open(os.path.join(folder, "search", "granules.umm_json"), "w") as f:
        json.dump({"hits": len(granules), "items": granules}, f)


def granule(url, name, size, md5=None):
    """A UMM-G granule; without ``md5`` CMR gives no checksum (only the size is checked)."""
    info = {"Name": name, "SizeInBytes": size}
    if md5:
        info["Checksum"] = {"Value": md5, "Algorithm": "MD5"}
    return {"umm": {"GranuleUR": name, "RelatedUrls": [{"URL": url, "Type": "GET DATA"}],
                    "DataGranule": {"ArchiveAndDistributionInformation": [info]}}}


def md5_seconds(paths):
    """The time OpenSSL's MD5 takes over the files' bytes, read from the page cache."""
    t = time.perf_counter()
    for path in paths:
        md5 = hashlib.md5()
        with open(path, "rb") as f:
            for chunk in iter(lambda: f.read(1 << 20), b""):
                md5.update(chunk)
    return time.perf_counter() - t


#: One download in a process of its own: sys.argv = scripts folder, target, CMR URL, "qgis" or
#: "stdlib"; prints the seconds the download took (QGIS's start-up left out).
DOWNLOAD = r"""
import sys, time
sys.path.insert(0, sys.argv[1])
import tsmv_package
tsmv_package.add_to_path()
from tsmv.tsmv_qgis.download import Credentials, download
transport = None
if sys.argv[4] == "qgis":
    from qgis.core import QgsApplication
    app = QgsApplication([], False)
    app.initQgis()
    from tsmv.processing_provider.network import QgisTransport
    transport = QgisTransport()
t = time.perf_counter()
download("gldas10", 2000, 2000, sys.argv[2], cmr_url=sys.argv[3], credentials=Credentials(), transport=transport)
print(time.perf_counter() - t)
"""


def main():
    large_mb = int(os.environ.get("TSMV_BENCH_DOWNLOAD_MB", "512"))
    sys.path.insert(0, os.path.join(ROOT, "scripts"))
    import tsmv_package
    tsmv_package.add_to_path()
    from tsmv.tsmv_qgis.download import Credentials, download
    work = tempfile.mkdtemp(prefix="tsmv-bench-download-")
    try:
        served = os.path.join(work, "served")
        os.makedirs(served)
        sizes = {"GLDAS_NOAH10_M.A200001.021.nc4": 32, "GLDAS_NOAH10_M.A200002.021.nc4": large_mb}
        files = {name: (write_file(os.path.join(served, name), mb), os.path.getsize(os.path.join(served, name)))
                 for name, mb in sizes.items()}
        server, base = serve(served)
        granules = [granule("%s/%s" % (base, name), name, size, md5) for name, (md5, size) in files.items()]
        list_granules(served, granules)
        total_mb = sum(size for _, size in files.values()) / 1e6

        def tsmv():
            target = os.path.join(work, "tsmv")
            shutil.rmtree(target, ignore_errors=True)
            download("gldas10", 2000, 2000, target, cmr_url=base, credentials=Credentials())

        def curl():
            target = os.path.join(work, "curl")
            shutil.rmtree(target, ignore_errors=True)
            os.makedirs(target)
            command = ["curl", "-sf"]
            for name in files:
                command += ["-o", os.path.join(target, name), "%s/%s" % (base, name)]
            subprocess.run(command, check=True)

        curl()
        tsmv()  # warm up the page cache of the served files
        t_curl, t_tsmv = best_of(3, curl), best_of(3, tsmv)
        ratio = t_curl / t_tsmv
        line("download, %.0f MB on loopback (curl %.2f s, TSMV %.2f s)" % (total_mb, t_curl, t_tsmv),
             "%.2fx curl's throughput" % ratio, "target >= %.1fx; TSMV also lists, checks MD5 and renames" % TARGET_RATIO)
        t_md5 = best_of(3, lambda: md5_seconds([os.path.join(served, name) for name in files]))
        line("  MD5 alone over the same bytes (OpenSSL, one core)", "%.2f s" % t_md5,
             "ceiling of a checked download: %.2fx curl's throughput" % (t_curl / t_md5))
        list_granules(served, [granule("%s/%s" % (base, name), name, size) for name, (_, size) in files.items()])
        t_plain = best_of(3, tsmv)
        plain = t_curl / t_plain
        line("the same where CMR gives no checksum (size checked)", "%.2fx curl's throughput" % plain,
             "%.2f s; target >= %.1fx %s" % (t_plain, TARGET_RATIO, "OK" if plain >= TARGET_RATIO else "MISSED"))
        list_granules(served, granules)
        env = {"QT_QPA_PLATFORM": "offscreen"}
        for kind in ("stdlib", "qgis"):
            def alone():
                target = os.path.join(work, "alone")
                shutil.rmtree(target, ignore_errors=True)
                _, _, report = run_with_peak([sys.executable, "-c", DOWNLOAD, os.path.join(ROOT, "scripts"), target,
                                              base, kind], env)
                seconds.append(float(report["output_tail"].strip().splitlines()[-1]))
            if kind == "qgis":
                for checked in (granules, [granule(g["umm"]["RelatedUrls"][0]["URL"], g["umm"]["GranuleUR"],
                                                   g["umm"]["DataGranule"]["ArchiveAndDistributionInformation"][0][
                                                       "SizeInBytes"]) for g in granules]):
                    list_granules(served, checked)
                    seconds = []
                    best_of(3, alone)
                    line("download through QGIS's network stack (its own process)%s"
                         % ("" if checked is granules else ", no checksum"),
                         "%.2fx curl's throughput" % (t_curl / min(seconds)), "%.2f s" % min(seconds))
            for one in granules:  # each file alone
                list_granules(served, [one])
                target = os.path.join(work, "peak")
                shutil.rmtree(target, ignore_errors=True)
                _, peak, _ = run_with_peak([sys.executable, "-c", DOWNLOAD, os.path.join(ROOT, "scripts"), target,
                                            base, kind], env)
                size = one["umm"]["DataGranule"]["ArchiveAndDistributionInformation"][0]["SizeInBytes"]
                line("download peak memory (%s), one %.0f MB file" % (kind, size / 1e6), "%.0f MB" % peak)
            list_granules(served, granules)
        server.terminate()
        server.wait()
    finally:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
