"""tsmv_qgis.download against NASA's and GOSIF's services imitated on loopback (fake_earthdata):
paging, the login flow, who receives which credential, every failure, resumption, cancel."""
import csv
import gzip
import hashlib
import os
import re
import time

import pytest

from fake_earthdata import PASSWORD, TOKEN, USERNAME, start_world
from tsmv.tsmv_qgis.download import Credentials, download, find_credentials
from tsmv.tsmv_qgis.download.fetch import summary
from tsmv.tsmv_qgis.download.sources import PRODUCTS, gosif_files
from tsmv.tsmv_qgis.errors import Canceled, TsmvError
from tsmv.tsmv_qgis.progress import Progress

HDF5 = b"\x89HDF\r\n\x1a\n"
HDF4 = b"\x0e\x03\x13\x01"


def nc4(tag, size=3000):
    return HDF5 + (hashlib.sha256(tag.encode()).digest() * (size // 32 + 1))[:size]


@pytest.fixture
def world():
    w = start_world()
    yield w
    w.close()


def gldas(world, years, role="data"):
    names = []
    for year in years:
        for month in range(1, 13):
            name = "GLDAS_NOAH10_M.A%04d%02d.%s.nc4" % (year, month, "020" if year < 2000 else "021")
            world.add_granule(name, nc4(name), role, start="%04d-%02d-01T00:00:00Z" % (year, month))
            names.append(name)
    return names


@pytest.fixture(params=["stdlib", "qgis"])
def transport(request):
    """Each transport: the standard library's (None: the default) and QGIS's network stack."""
    if request.param == "stdlib":
        return None
    request.getfixturevalue("qgis_app")
    from tsmv.processing_provider.network import QgisTransport
    return QgisTransport()


def run(world, tmp_path, product="gldas10", start=2000, end=2000, credentials=None, environ=None, **kw):
    logs = kw.pop("logs", [])
    env = {"TSMV_EARTHDATA_LOGIN_HOST": world.host("login"), "NETRC": str(tmp_path / "no-netrc")}
    env.update(environ or {})
    result = download(product, start, end, str(tmp_path / "out"), str(tmp_path / "manifest.csv"),
                      credentials=credentials, cmr_url=world.url("cmr"), gosif_url=world.url("gosif", "/gosif/"),
                      log=logs.append, environ=env, page_size=2000, **kw)
    return result


def manifest(tmp_path):
    with open(tmp_path / "manifest.csv", newline="") as f:
        return list(csv.DictReader(f))


def files_in(folder):
    return sorted(os.listdir(folder)) if os.path.isdir(folder) else []


PASSWORD_CREDENTIALS = dict(credentials=Credentials(username=USERNAME, password=PASSWORD, source="test"))


def test_cmr_pages_login_flow_and_manifest(world, tmp_path, transport):
    """Pages of 2 (shorter than page_size) until CMR-Hits; 1999 from V2.0, 2000 from V2.1; the
    password goes to the login host only, after its challenge; the data host gets a cookie."""
    names = gldas(world, [1999, 2000])
    logs = []
    result = run(world, tmp_path, start=1999, end=2000, logs=logs, **PASSWORD_CREDENTIALS, transport=transport)
    assert result.downloaded == 24 and result.failed == 0
    out = str(tmp_path / "out")
    assert files_in(out) == sorted(names)
    for name in names:
        with open(os.path.join(out, name), "rb") as f:
            assert f.read() == world.files[name]
    cmr = [r for r in world.received if r[0] == "cmr"]
    assert len(cmr) == 2 * 6  # 6 pages of 2 for each version; the sixth reaches CMR-Hits
    assert "version=2.0" in cmr[0][1] and "version=2.1" in cmr[-1][1]
    assert any(r[3] for r in world.received if r[0] == "data")  # the data host's own cookie came back
    rows = manifest(tmp_path)
    assert [r["file"] for r in rows] == names and {r["status"] for r in rows} == {"downloaded"}
    assert rows[0]["checksum"] == "MD5:" + hashlib.md5(world.files[names[0]]).hexdigest()
    assert rows[0]["bytes"] == str(len(world.files[names[0]]))
    assert world.sent_to("login") == {"Basic"} and world.sent_to("data") == set()
    assert world.sent_to("cmr") == set()
    # the password was sent only after a challenge: the first request to the login host had none
    assert [r[2] for r in world.received if r[1].startswith("/oauth")][0] == ""
    assert any("Next: tsmv:importgldas" in line for line in logs)


def test_short_page_is_not_the_last(world, tmp_path):
    world.page_cap = 5
    names = gldas(world, [2000])
    assert run(world, tmp_path, **PASSWORD_CREDENTIALS).downloaded == 12
    assert files_in(tmp_path / "out") == sorted(names)


def test_granules_that_begin_before_the_period_are_left_out(world, tmp_path):
    world.overlap = 1
    names = gldas(world, [2000, 2001])
    assert run(world, tmp_path, start=2001, end=2001, **PASSWORD_CREDENTIALS).downloaded == 12
    assert files_in(tmp_path / "out") == sorted(names[12:])


def test_token_goes_to_the_data_host_only(world, tmp_path, transport):
    gldas(world, [2000])
    result = run(world, tmp_path, environ={"EARTHDATA_TOKEN": TOKEN}, transport=transport)
    assert result.downloaded == 12
    assert world.sent_to("data") == {"Bearer"}
    assert world.sent_to("login") == set() and world.sent_to("cmr") == set()


def test_signed_url_gets_no_credential(world, tmp_path, transport):
    """LP DAAC-like: the data host redirects to a signed URL that refuses any Authorization."""
    data = HDF4 + b"\0" * 5000
    world.add_granule("MCD12C1.A2022001.061.2023123.hdf", data, "lp", start="2022-01-01T00:00:00Z")
    for credentials in (Credentials(token=TOKEN), Credentials(username=USERNAME, password=PASSWORD)):
        folder = tmp_path / ("t" if credentials.token else "p")
        result = run(world, folder, "mcd12c1", 2022, 2022, credentials=credentials, transport=transport)
        assert result.downloaded == 1
        with open(folder / "out" / "MCD12C1.A2022001.061.2023123.hdf", "rb") as f:
            assert f.read() == data
    assert world.sent_to("signed") == set()
    assert world.sent_to("lp") == {"Bearer"} and world.sent_to("login") == {"Basic"}


def test_gosif_anonymous_with_early_months_skipped(world, tmp_path, transport):
    product = PRODUCTS[4]
    files, skipped = gosif_files(product, 2000, 2000, world.url("gosif", "/gosif/"))
    assert [s.name for s in skipped] == ["GOSIF_GPP_2000.M01_Mean.tif.gz", "GOSIF_GPP_2000.M02_Mean.tif.gz"]
    assert files[0].url.endswith("/gosif/Monthly/Mean/GOSIF_GPP_2000.M03_Mean.tif.gz")
    eight, early = gosif_files(PRODUCTS[5], 2000, 2000, "https://x.org/g")
    assert eight[0].url == "https://x.org/g/8day/Mean/GOSIF_GPP_2000057_Mean.tif.gz" and len(early) == 7
    assert len(eight) == 46 - 7
    for f in files:
        world.add_gosif("gosif/Monthly/Mean/" + f.name, gzip.compress(b"II*\x00" + f.name.encode() * 50))
    result = run(world, tmp_path, "gosif_monthly", environ={"EARTHDATA_TOKEN": TOKEN}, **PASSWORD_CREDENTIALS, transport=transport)
    assert (result.downloaded, result.skipped) == (10, 2)
    rows = manifest(tmp_path)
    assert rows[0]["status"].startswith("skipped: before the GOSIF series starts")
    assert rows[2]["checksum"].startswith("SHA-256:")
    assert world.sent_to("gosif") == set()
    assert "Next: tsmv:gpp" in summary(result, product)
    cut = tmp_path / "out" / files[0].name  # a gzip stream cut short: fetched again, the others kept
    cut.write_bytes(cut.read_bytes()[:-5])
    again = run(world, tmp_path, "gosif_monthly", transport=transport)
    assert (again.present, again.downloaded) == (9, 1)


def test_second_run_fetches_nothing_and_replaces_an_incomplete_file(world, tmp_path, transport):
    names = gldas(world, [2000])
    run(world, tmp_path, **PASSWORD_CREDENTIALS, transport=transport)
    out = tmp_path / "out"
    with open(out / names[3], "r+b") as f:  # a file cut short (e.g. copied by hand)
        f.truncate(100)
    before = len(world.received)
    result = run(world, tmp_path, **PASSWORD_CREDENTIALS, transport=transport)
    assert (result.present, result.downloaded) == (11, 1)
    fetched = [r for r in world.received[before:] if r[0] == "data" and r[1].startswith("/data/")]
    assert {r[1] for r in fetched} == {"/data/" + names[3]}
    with open(out / names[3], "rb") as f:
        assert f.read() == world.files[names[3]]
    assert [r["status"] for r in manifest(tmp_path)].count("present") == 11


def test_a_killed_runs_temporary_is_removed_by_the_next_run(world, tmp_path):
    """SIGKILL cannot clean up: the next run in the folder removes the partial file of a run on
    this machine whose process is gone (and keeps another's, still running)."""
    from tsmv.tsmv_qgis.io import outputs
    gldas(world, [2000])
    (tmp_path / "out").mkdir()
    dead = tmp_path / "out" / (".tsmv-%s-999999-abcd-1.part" % outputs._HOST)
    alive = tmp_path / "out" / (".tsmv-%s-%d-abcd-1.part" % (outputs._HOST, os.getpid()))
    dead.write_bytes(b"half a file")
    alive.write_bytes(b"another run's")
    run(world, tmp_path, credentials=Credentials(token=TOKEN))
    assert not dead.exists() and alive.exists()


@pytest.mark.parametrize("mode, status", [("badsum", "wrong MD5 checksum"), (("short", 9), "short transfer|connection broke"),
                                          ("404", "HTTP 404")])
def test_a_bad_file_fails_alone_and_leaves_nothing(world, tmp_path, mode, status, transport):
    names = gldas(world, [2000])
    world.modes[names[1]] = mode
    waits = []
    result = run(world, tmp_path, sleep=waits.append, **PASSWORD_CREDENTIALS, transport=transport)
    assert (result.downloaded, result.failed) == (11, 1)
    assert files_in(tmp_path / "out") == sorted(set(names) - {names[1]})  # no temporary left
    row = manifest(tmp_path)[1]
    assert row["status"].startswith("failed:") and re.search(status, row["status"])  # Qt: the connection broke


def test_short_transfer_is_tried_again(world, tmp_path, transport):
    names = gldas(world, [2000])
    world.modes[names[0]] = ("short", 2)
    waits = []
    result = run(world, tmp_path, sleep=waits.append, **PASSWORD_CREDENTIALS, transport=transport)
    assert result.downloaded == 12 and sum(waits) == 1 + 2  # waited 1 s, then 2 s


@pytest.mark.parametrize("code", ["503", "429"])
def test_busy_server_waits_retry_after(world, tmp_path, code, transport):
    names = gldas(world, [2000])
    world.modes[names[0]] = (code, 2)
    waits = []
    result = run(world, tmp_path, sleep=waits.append, **PASSWORD_CREDENTIALS, transport=transport)
    assert result.downloaded == 12 and sum(waits) == 2.0  # Retry-After: 1, twice


def test_retry_after_is_bounded(world, tmp_path):
    names = gldas(world, [2000])
    world.modes[names[0]] = ("503", 1)
    waits = []
    run(world, tmp_path, sleep=waits.append, max_wait=0.25, **PASSWORD_CREDENTIALS)
    assert sum(waits) == 0.25


def test_an_archive_out_of_reach_stops_the_run(world, tmp_path, transport):
    """The data host gone after the listing: three files in a row that cannot connect stop the
    run (not 4 tries of every file of the period), saying so; nothing partial is left."""
    gldas(world, [2000])
    world.servers["data"].shutdown()
    world.servers["data"].server_close()
    waits = []
    with pytest.raises(TsmvError, match=r"GLDAS_NOAH10_M\.A200003\.021\.nc4: cannot reach the archive .* 3 files "
                                        r"in a row; check the network"):
        run(world, tmp_path, sleep=waits.append, transport=transport, **PASSWORD_CREDENTIALS)
    assert files_in(tmp_path / "out") == [] and sum(waits) == 3 * (1 + 2 + 4)
    del world.servers["data"]


def test_a_full_disk_stops_the_run(world, tmp_path, monkeypatch):
    """A write that fails is not a broken connection: the run stops at once, complete files kept."""
    import errno
    from tsmv.tsmv_qgis.download import fetch
    names = gldas(world, [2000])
    real, calls = fetch._Downloader._create, []

    class Full:
        def __init__(self, f):
            self.f = f

        def __enter__(self):
            return self

        def __exit__(self, *exc):
            self.f.close()

        def write(self, chunk):
            raise OSError(errno.ENOSPC, "No space left on device")

    def create(self, tmp):
        calls.append(tmp)
        return Full(real(self, tmp)) if len(calls) == 3 else real(self, tmp)
    monkeypatch.setattr(fetch._Downloader, "_create", create)
    with pytest.raises(TsmvError, match=r"^folder \S+: cannot write \(No space left on device\)"):
        run(world, tmp_path, **PASSWORD_CREDENTIALS)
    assert files_in(tmp_path / "out") == names[:2] and len(calls) == 3


@pytest.mark.parametrize("mode, expected", [
    ("html", "approve 'NASA GESDISC DATA ARCHIVE'"),
    ("403", "HTTP 403"),
])
def test_login_page_and_403_stop_the_run_saying_what_to_do(world, tmp_path, mode, expected, transport):
    names = gldas(world, [2000])
    world.modes[names[2]] = mode
    with pytest.raises(TsmvError, match=expected) as e:
        run(world, tmp_path, **PASSWORD_CREDENTIALS, transport=transport)
    assert "log in at urs.earthdata.nasa.gov" in str(e.value)
    assert files_in(tmp_path / "out") == sorted(names[:2])  # complete files only
    assert not os.path.exists(tmp_path / "manifest.csv")


def test_rejected_credentials(world, tmp_path, transport):
    gldas(world, [2000])
    with pytest.raises(TsmvError, match="rejected the username and password") as e:
        run(world, tmp_path, credentials=Credentials(username=USERNAME, password="wrong-pass-XYZ"), transport=transport)
    assert "wrong-pass-XYZ" not in str(e.value)
    with pytest.raises(TsmvError, match="rejected the Earthdata token") as e:
        run(world, tmp_path, credentials=Credentials(token="expired-token-XYZ"), transport=transport)
    assert "expired-token-XYZ" not in str(e.value)
    with pytest.raises(TsmvError, match="none was given"):
        run(world, tmp_path, credentials=Credentials(), transport=transport)
    assert files_in(tmp_path / "out") == []


def test_cancel_mid_file_leaves_no_partial_file(world, tmp_path, transport):
    names = gldas(world, [2000])
    world.files[names[1]] = nc4(names[1], 20000)
    world.granules[1]["umm"]["DataGranule"]["ArchiveAndDistributionInformation"][0].update(
        SizeInBytes=20001, Checksum={"Algorithm": "MD5", "Value": hashlib.md5(world.files[names[1]]).hexdigest()})
    world.modes[names[1]] = "slow"
    seen = []

    def canceled():
        return any(0 < f for f in seen) and len(seen) > 3  # during the second (slow) file

    began = time.monotonic()
    with pytest.raises(Canceled):
        run(world, tmp_path, progress=Progress(seen.append, canceled), **PASSWORD_CREDENTIALS, transport=transport)
    assert time.monotonic() - began < 2  # heard mid-file (the slow file takes 4 s)
    assert files_in(tmp_path / "out") == [names[0]]


def test_cancel_while_a_transfer_stalls(world, tmp_path, qgis_app):
    """QGIS's stack: a cancel is heard within a tick while no byte arrives (not after QGIS's
    network timeout)."""
    from tsmv.processing_provider.network import QgisTransport
    names = gldas(world, [2000])
    world.modes[names[0]] = "stall"
    import threading
    canceled = threading.Event()
    threading.Timer(0.8, canceled.set).start()  # while the transfer stalls (1 KB came, then 5 s of nothing)
    began = time.monotonic()
    with pytest.raises(Canceled):
        run(world, tmp_path, progress=Progress(None, canceled.is_set), credentials=Credentials(token=TOKEN),
            transport=QgisTransport())
    assert time.monotonic() - began < 2.5 and files_in(tmp_path / "out") == []


def test_credentials_never_leak(world, tmp_path, transport):
    """Neither the password nor the token is in the log, the manifest, the folder, an error or
    the credentials' repr."""
    names = gldas(world, [2000])
    logs = []
    run(world, tmp_path, logs=logs, environ={"EARTHDATA_USERNAME": USERNAME, "EARTHDATA_PASSWORD": PASSWORD}, transport=transport)
    world.modes[names[0]] = "403"
    os.remove(tmp_path / "out" / names[0])
    with pytest.raises(TsmvError) as e:
        run(world, tmp_path / "again", logs=logs, credentials=Credentials(token=TOKEN, source="AUTH"), transport=transport)
    texts = logs + [str(e.value), repr(find_credentials(token=TOKEN)), repr(Credentials(username=USERNAME,
                                                                                          password=PASSWORD))]
    for folder, _, files in os.walk(tmp_path):
        for name in files:
            with open(os.path.join(folder, name), "rb") as f:
                texts.append(f.read().decode("latin-1"))
    for text in texts:
        assert PASSWORD not in text and TOKEN not in text
        assert "czNjcmV0" not in text  # nor the password in base64


def test_credentials_in_the_order_of_nasa_tools(tmp_path):
    netrc = tmp_path / "netrc"
    netrc.write_text("machine urs.earthdata.nasa.gov login nuser password npass\n")
    env = {"NETRC": str(netrc)}
    assert find_credentials(token="t", environ=env).source == "AUTH"
    assert find_credentials(environ=dict(env, EARTHDATA_TOKEN="t")).token == "t"
    both = find_credentials(environ=dict(env, EARTHDATA_USERNAME="u", EARTHDATA_PASSWORD="p"))
    assert (both.username, both.password) == ("u", "p")
    found = find_credentials(environ=env)
    assert (found.username, found.password, found.source) == ("nuser", "npass", str(netrc))
    assert not find_credentials(environ={"NETRC": str(tmp_path / "none")})


def test_netrc_login_flow(world, tmp_path):
    gldas(world, [2000])
    netrc = tmp_path / "netrc"
    netrc.write_text("machine %s login %s password %s\n" % (world.host("login"), USERNAME, PASSWORD))
    assert run(world, tmp_path, environ={"NETRC": str(netrc)}).downloaded == 12


def test_http_is_refused_off_loopback(tmp_path):
    with pytest.raises(TsmvError, match="cmr_url http://example.org: only https"):
        download("gldas10", 2000, 2000, str(tmp_path), cmr_url="http://example.org", credentials=Credentials())


# --- tsmv:download in QGIS, and the folder read by tsmv:importgldas -----------------------------

@pytest.fixture
def gldas_world(world, tmp_path):
    """The fake archive serving the example GLDAS files of 1999-2000 (V2.0, then V2.1)."""
    from conftest import SMALL_EXTENT
    from tsmv_example import make_gldas_example
    for path in make_gldas_example(str(tmp_path / "served"), 1999, 2000, extent=SMALL_EXTENT, seed=3):
        name = os.path.basename(path)
        with open(path, "rb") as f:
            world.add_granule(name, f.read(), algorithm="SHA-256",
                              start="%s-%s-01T00:00:00Z" % (name[16:20], name[20:22]))
    return world


def test_download_then_import_through_processing_run(tsmv_processing, gldas_world, tmp_path, monkeypatch):
    from qgis.core import QgsProcessingFeedback
    world = gldas_world
    monkeypatch.setenv("TSMV_EARTHDATA_LOGIN_HOST", world.host("login"))
    monkeypatch.setenv("EARTHDATA_USERNAME", USERNAME)
    monkeypatch.setenv("EARTHDATA_PASSWORD", PASSWORD)
    feedback = Feedback()
    folder, table = str(tmp_path / "gldas"), str(tmp_path / "manifest.csv")
    result = tsmv_processing.run("tsmv:download", {
        "PRODUCT": 0, "START_YEAR": 1999, "END_YEAR": 2000, "OUTPUT_FOLDER": folder, "OUTPUT": table,
        "CMR_URL": world.url("cmr")}, feedback=feedback)
    assert result == {"OUTPUT_FOLDER": folder, "OUTPUT": table}
    assert len(files_in(folder)) == 24 and world.sent_to("login") == {"Basic"}
    assert any("[24/24]" in m for m in feedback.infos) and any("Next: tsmv:importgldas" in m for m in feedback.infos)
    assert feedback.progress[-1] == 100
    for m in feedback.infos:
        assert PASSWORD not in m
    layers = {"OUTPUT_" + k: str(tmp_path / ("sm_%s.tif" % k)) for k in ("0_10", "10_40", "40_100", "100_200")}
    imported = tsmv_processing.run("tsmv:importgldas", dict(INPUT=folder, **layers), feedback=QgsProcessingFeedback())
    from conftest import read_stack
    labels = read_stack(imported["OUTPUT_0_10"])[1]
    assert labels[0] == "1999-01" and len(labels) == 24


def test_download_refusal_through_processing_run(tsmv_processing, gldas_world, tmp_path, monkeypatch):
    from qgis.core import QgsProcessingException
    world = gldas_world
    monkeypatch.setenv("TSMV_EARTHDATA_LOGIN_HOST", world.host("login"))
    monkeypatch.setenv("EARTHDATA_TOKEN", TOKEN)
    world.modes["GLDAS_NOAH10_M.A199902.020.nc4"] = "html"
    with pytest.raises(QgsProcessingException, match="approve 'NASA GESDISC DATA ARCHIVE'"):
        tsmv_processing.run("tsmv:download", {
            "PRODUCT": 0, "START_YEAR": 1999, "END_YEAR": 1999, "OUTPUT_FOLDER": str(tmp_path / "g"),
            "OUTPUT": str(tmp_path / "m.csv"), "CMR_URL": world.url("cmr")})
    assert files_in(tmp_path / "g") == ["GLDAS_NOAH10_M.A199901.020.nc4"]
    assert not os.path.exists(tmp_path / "m.csv")


def test_download_through_qgis_process(qgis_process, gldas_world, tmp_path):
    import json
    import subprocess
    from conftest import QGIS_PROCESS
    world = gldas_world
    folder = str(tmp_path / "gldas")
    env = dict(qgis_process.env, TSMV_EARTHDATA_LOGIN_HOST=world.host("login"), EARTHDATA_TOKEN=TOKEN)
    proc = subprocess.run([QGIS_PROCESS, "run", "tsmv:download", "--json", "--PRODUCT=0", "--START_YEAR=2000",
                           "--END_YEAR=2000", "--OUTPUT_FOLDER=" + folder, "--OUTPUT=" + str(tmp_path / "m.csv"),
                           "--CMR_URL=" + world.url("cmr")], env=env, capture_output=True, text=True, timeout=600)
    assert proc.returncode == 0, proc.stdout[-3000:] + proc.stderr[-3000:]
    assert json.loads(proc.stdout[proc.stdout.index("{"):])["results"]["OUTPUT_FOLDER"] == folder
    assert len(files_in(folder)) == 12 and world.sent_to("data") == {"Bearer"}
    assert TOKEN not in proc.stdout + proc.stderr
    layers = {"OUTPUT_" + k: str(tmp_path / ("sm_%s.tif" % k)) for k in ("0_10", "10_40", "40_100", "100_200")}
    code, result, log = qgis_process.run("tsmv:importgldas", INPUT=folder, **layers)
    assert code == 0, log


class Feedback:
    """A QgsProcessingFeedback that keeps what it is told."""

    def __new__(cls):
        from qgis.core import QgsProcessingFeedback

        class Kept(QgsProcessingFeedback):
            def __init__(self):
                super().__init__()
                self.infos, self.errors, self.progress = [], [], []
                self.progressChanged.connect(self.progress.append)

            def reportError(self, error, fatal=False):  # noqa: N802
                self.errors.append(error)
                super().reportError(error, fatal)

            def pushDebugInfo(self, info):  # noqa: N802
                self.errors.append(info)
                super().pushDebugInfo(info)

            def pushInfo(self, info):  # noqa: N802
                self.infos.append(info)
                super().pushInfo(info)
        return Kept()


@pytest.mark.parametrize("method", ["Basic", "APIHeader"])
def test_auth_configuration_of_qgis(tsmv_processing, gldas_world, tmp_path, monkeypatch, method):
    """AUTH: a Basic configuration gives the password (to the login host only), an API Header
    configuration 'Authorization: Bearer <token>' the token (to the data host only)."""
    from qgis.core import QgsApplication, QgsAuthMethodConfig
    world = gldas_world
    for name in ("EARTHDATA_TOKEN", "EARTHDATA_USERNAME", "EARTHDATA_PASSWORD"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("NETRC", str(tmp_path / "none"))
    monkeypatch.setenv("TSMV_EARTHDATA_LOGIN_HOST", world.host("login"))
    manager = QgsApplication.authManager()  # the test profile's (.qgis-settings), not the user's
    assert manager.setMasterPassword("tsmv-test-master", True)
    config = QgsAuthMethodConfig(method)
    config.setName("Earthdata (test)")
    if method == "Basic":
        config.setConfig("username", USERNAME)
        config.setConfig("password", PASSWORD)
    else:
        config.setConfig("Authorization", "Bearer " + TOKEN)
    stored = manager.storeAuthenticationConfig(config)
    assert stored if isinstance(stored, bool) else stored[0]
    authcfg = config.id() if isinstance(stored, bool) else stored[1].id()
    feedback = Feedback()
    try:
        tsmv_processing.run("tsmv:download", {
            "PRODUCT": 0, "START_YEAR": 2000, "END_YEAR": 2000, "AUTH": authcfg, "OUTPUT_FOLDER": str(tmp_path / "g"),
            "OUTPUT": str(tmp_path / "m.csv"), "CMR_URL": world.url("cmr")}, feedback=feedback)
    finally:
        manager.removeAuthenticationConfig(authcfg)
    assert len(files_in(tmp_path / "g")) == 12
    if method == "Basic":
        assert world.sent_to("login") == {"Basic"} and world.sent_to("data") == set()
    else:
        assert world.sent_to("data") == {"Bearer"} and world.sent_to("login") == set()
    assert not [m for m in feedback.infos if PASSWORD in m or TOKEN in m]
    with open(tmp_path / "m.csv") as f:
        assert PASSWORD not in f.read()


def test_unknown_auth_configuration_is_refused(tsmv_processing, tmp_path):
    from qgis.core import QgsProcessingException
    with pytest.raises(QgsProcessingException, match="^AUTH zz99zz9: QGIS cannot read"):
        tsmv_processing.run("tsmv:download", {"PRODUCT": 4, "START_YEAR": 2000, "END_YEAR": 2000, "AUTH": "zz99zz9",
                                              "OUTPUT_FOLDER": str(tmp_path / "g"), "OUTPUT": str(tmp_path / "m.csv")})
    assert files_in(tmp_path) == []


def test_the_transport_goes_through_a_proxy(tmp_path):
    """A plain request goes to the proxy whole (absolute URL); loopback and no_proxy hosts do not."""
    import threading
    from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
    from tsmv.tsmv_qgis.download.transport import Proxy, StdlibTransport, environment_proxy
    asked = []

    class ProxyHandler(BaseHTTPRequestHandler):
        def do_GET(self):  # noqa: N802
            asked.append(self.path)
            self.send_response(200)
            self.send_header("Content-Length", "2")
            self.end_headers()
            self.wfile.write(b"ok")

        def log_message(self, *args):
            pass
    server = ThreadingHTTPServer(("127.0.0.1", 0), ProxyHandler)
    threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True).start()
    try:
        transport = StdlibTransport(Proxy("127.0.0.1", server.server_address[1]))
        reply = transport.open("GET", "http://archive.example/data/x.nc4?a=1", {})
        assert (reply.status, b"".join(reply.chunks())) == (200, b"ok")
        reply.close()
        assert asked == ["http://archive.example/data/x.nc4?a=1"]
    finally:
        server.shutdown()
        server.server_close()
    proxy = environment_proxy({"https_proxy": "http://proxy.lab:3128", "no_proxy": "nasa.gov, .example.org"})
    assert (proxy.host, proxy.port) == ("proxy.lab", 3128)
    assert proxy.applies("https://cmr.earthdata.org/") and not proxy.applies("https://urs.earthdata.nasa.gov/")
    assert not proxy.applies("https://a.example.org/") and not proxy.applies("http://127.0.0.1:8/")
    assert environment_proxy({}) is None


SIGTERM_SCRIPT = r"""
import sys
sys.path.insert(0, sys.argv[1])
import tsmv_package
tsmv_package.add_to_path()
from tsmv.tsmv_qgis.download import Credentials, download
download("gldas10", 2000, 2000, sys.argv[2], sys.argv[2] + ".csv", cmr_url=sys.argv[3],
         credentials=Credentials(token=sys.argv[4]), environ={"TSMV_EARTHDATA_LOGIN_HOST": sys.argv[5]})
"""


def test_sigterm_mid_file_leaves_complete_files_only(world, tmp_path):
    """kill (SIGTERM) while the second file streams: the process ends by the signal, the first
    file is there, whole; no part of the second, no temporary, no manifest."""
    import signal
    import subprocess
    import sys
    import time
    from conftest import ROOT
    names = gldas(world, [2000])
    world.files[names[1]] = nc4(names[1], 200000)
    world.granules[1]["umm"]["DataGranule"]["ArchiveAndDistributionInformation"][0].update(
        SizeInBytes=len(world.files[names[1]]), Checksum={"Algorithm": "MD5", "Value": hashlib.md5(
            world.files[names[1]]).hexdigest()})
    world.modes[names[1]] = "slow"
    folder = str(tmp_path / "out")
    proc = subprocess.Popen([sys.executable, "-c", SIGTERM_SCRIPT, os.path.join(ROOT, "scripts"), folder,
                             world.url("cmr"), TOKEN, world.host("login")],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    deadline = time.time() + 60
    while not any(r[1] == "/data/" + names[1] for r in world.received) and time.time() < deadline:
        time.sleep(0.05)
    time.sleep(0.5)  # a few chunks of the slow file are written
    assert [n for n in files_in(folder) if n.startswith(".tsmv-")], "the second file streams to a temporary"
    proc.send_signal(signal.SIGTERM)
    out, err = proc.communicate(timeout=60)
    assert proc.returncode == -signal.SIGTERM, err[-2000:]
    assert files_in(folder) == [names[0]]
    assert not os.path.exists(folder + ".csv")
    assert TOKEN not in out + err


def test_qgis_transport_holds_at_most_its_buffer(world, qgis_app, tmp_path, monkeypatch):
    """QGIS's stack streams: while a 48 MB file arrives, Qt never holds more than the reply's
    read buffer (a few MB), however slowly the chunks are consumed."""
    import time
    from tsmv.processing_provider import network
    data = HDF5 + bytes(48 * 2**20)
    world.add_granule("GLDAS_NOAH10_M.A200001.021.nc4", data, start="2000-01-01T00:00:00Z")
    held = []
    real = network.QgisReply.chunks

    def chunks(self, size=network.CHUNK):
        for chunk in real(self, size):
            held.append(self._reply.bytesAvailable() + len(chunk))
            time.sleep(0.002)
            yield chunk
    monkeypatch.setattr(network.QgisReply, "chunks", chunks)
    result = run(world, tmp_path, credentials=Credentials(token=TOKEN), transport=network.QgisTransport())
    assert result.downloaded == 1 and os.path.getsize(tmp_path / "out" / "GLDAS_NOAH10_M.A200001.021.nc4") == len(data)
    assert len(held) > 10 and max(held) <= 2 * network.BUFFER, max(held)


@pytest.mark.parametrize("changes, message", [
    ({"START_YEAR": "nan"}, r"^START_YEAR must be a whole number from 1000 to 9999, not 'nan'$"),
    ({"START_YEAR": 2001, "END_YEAR": 2000}, r"^START_YEAR 2001 is after END_YEAR 2000$"),
    ({"PRODUCT": 9}, r"^PRODUCT 9 is not one of its choices: 0 GLDAS-Noah monthly 1\.0 degree; "),
    ({"CMR_URL": "http://example.org"}, r"^CMR_URL http://example\.org: only https URLs are used"),
    ({"GOSIF_URL": "ftp://example.org/g", "PRODUCT": 4}, r"^GOSIF_URL ftp://example\.org/g: only https URLs"),
    ({"OUTPUT": "manifest.txt"}, r"^OUTPUT \S+manifest\.txt: a CSV output must end in \.csv$"),
])
def test_download_refuses_bad_parameters_naming_them(tsmv_processing, tmp_path, changes, message):
    from qgis.core import QgsProcessingException
    params = {"PRODUCT": 0, "START_YEAR": 2000, "END_YEAR": 2000, "OUTPUT_FOLDER": str(tmp_path / "g"),
              "OUTPUT": str(tmp_path / "m.csv"), "CMR_URL": "https://127.0.0.1:9/"}
    params.update(changes)
    if params["OUTPUT"] == "manifest.txt":
        params["OUTPUT"] = str(tmp_path / "manifest.txt")
    feedback = Feedback()
    with pytest.raises(QgsProcessingException) as raised:
        tsmv_processing.run("tsmv:download", params, feedback=feedback)
    said = ([m for m in feedback.errors if m.strip()] or [str(raised.value)])[0].strip()
    assert re.search(message, said), said
    assert files_in(tmp_path / "g") == [] and not os.path.exists(tmp_path / "m.csv")


def test_download_in_a_background_task_as_the_dialog_runs_it(tsmv_processing, gldas_world, tmp_path, monkeypatch):
    """The Processing dialog runs an algorithm in a task on another thread: QGIS's network stack
    works there too (the thread's own network access manager and events), run after run (replies
    deleted one by one while PyQt still held wrappers of them once came back as dead wrappers at
    the same address: 6 runs in 15 failed)."""
    from qgis.core import QgsApplication, QgsProcessingAlgRunnerTask, QgsProcessingContext
    from qgis.PyQt.QtCore import QCoreApplication
    world = gldas_world
    monkeypatch.setenv("TSMV_EARTHDATA_LOGIN_HOST", world.host("login"))
    monkeypatch.setenv("EARTHDATA_TOKEN", TOKEN)
    for run_number in range(10):
        algorithm = QgsApplication.processingRegistry().createAlgorithmById("tsmv:download")
        context, feedback, done = QgsProcessingContext(), Feedback(), {}
        folder = str(tmp_path / ("gldas%d" % run_number))
        task = QgsProcessingAlgRunnerTask(algorithm, {
            "PRODUCT": 0, "START_YEAR": 1999, "END_YEAR": 1999, "OUTPUT_FOLDER": folder,
            "OUTPUT": str(tmp_path / ("m%d.csv" % run_number)), "CMR_URL": world.url("cmr")}, context, feedback)
        task.executed.connect(lambda ok, results: done.update(ok=ok, results=results))
        QgsApplication.taskManager().addTask(task)
        deadline = time.monotonic() + 60
        while not done and time.monotonic() < deadline:
            QCoreApplication.processEvents()
            time.sleep(0.005)
        assert done.get("ok"), (run_number, feedback.errors)
        assert len(files_in(folder)) == 12
    assert world.sent_to("data") == {"Bearer"}
