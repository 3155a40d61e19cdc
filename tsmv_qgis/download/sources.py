"""What to download: the products, their files found through CMR or named by pattern.

NASA's products (GLDAS-Noah, FLDAS-Noah, MCD12C1) are listed with CMR's granule search
(UMM-JSON, no login): pages follow each other by echoing the ``CMR-Search-After`` header
until a page is empty or ``CMR-Hits`` granules have come (a short page is not the last).
Each granule gives its file (the ``GET DATA`` link, https; http only on loopback), its
size and its checksum.  GOSIF GPP is anonymous and named by pattern under its base URL.
"""
import calendar
import json
import posixpath
import urllib.parse
from dataclasses import dataclass

from ..errors import TsmvError, named
from .transport import is_loopback

CMR_URL = "https://cmr.earthdata.nasa.gov"
GOSIF_URL = "https://data.globalecology.unh.edu/data/GOSIF-GPP_v2/"
#: Granules per CMR page (CMR's maximum).
PAGE_SIZE = 2000

#: The Earthdata Login application each archive's files need approved.
GES_DISC_APP = "NASA GESDISC DATA ARCHIVE"
LP_DAAC_APP = "LP DAAC Data Pool"


@dataclass(frozen=True)
class Product:
    key: str
    title: str
    short_name: str = ""        # CMR's; empty for GOSIF
    provider: str = ""
    versions: tuple = ()        # ((first year, last year or None, CMR version), ...)
    application: str = ""       # the Earthdata Login application to approve
    cadence: str = ""           # GOSIF: "monthly" or "8day"


#: The products by PRODUCT index (tsmv:download), in this order.
PRODUCTS = (
    Product("gldas10", "GLDAS-Noah monthly 1.0 degree", "GLDAS_NOAH10_M", "GES_DISC",
            ((None, 1999, "2.0"), (2000, None, "2.1")), GES_DISC_APP),
    Product("gldas025", "GLDAS-Noah monthly 0.25 degree", "GLDAS_NOAH025_M", "GES_DISC",
            ((None, 1999, "2.0"), (2000, None, "2.1")), GES_DISC_APP),
    Product("fldas", "FLDAS-Noah global monthly", "FLDAS_NOAH01_C_GL_M", "GES_DISC",
            ((None, None, "001"),), GES_DISC_APP),
    Product("mcd12c1", "MODIS MCD12C1 v061", "MCD12C1", "LPCLOUD", ((None, None, "061"),), LP_DAAC_APP),
    Product("gosif_monthly", "GOSIF GPP monthly", cadence="monthly"),
    Product("gosif_8day", "GOSIF GPP 8-day", cadence="8day"),
)
#: GLDAS VERSION choices: as the paper (2.0 before 2000, 2.1 from 2000), 2.0 only, 2.1 only.
GLDAS_VERSIONS = (((None, 1999, "2.0"), (2000, None, "2.1")), ((None, None, "2.0"),), ((None, None, "2.1"),))


@dataclass(frozen=True)
class Remote:
    """One file to fetch: its archive ``name``, ``url``, ``size`` (bytes, None if unknown),
    ``checksum`` ((algorithm, hex value) or None) and the hosts that may get a token."""
    name: str
    url: str
    size: int = None
    checksum: tuple = None
    application: str = ""


@dataclass(frozen=True)
class Skipped:
    """A period the archive has no file for (``name``: what it would be called; ``note``: why)."""
    name: str
    note: str


def check_url(url, what):
    """Refuse a URL that is not https (http only on loopback)."""
    scheme = urllib.parse.urlsplit(url).scheme.lower()
    if scheme == "https" or scheme == "http" and is_loopback(url):
        return url
    raise TsmvError("%s %s: only https URLs are used (http only on this computer, 127.0.0.1)" % (what, url))


# --- CMR ----------------------------------------------------------------------------------------

def cmr_queries(product, start_year, end_year, versions=None):
    """[(CMR version, first year, last year)] that cover START..END for ``product``."""
    queries = []
    for first, last, version in versions or product.versions:
        lo, hi = max(start_year, first or start_year), min(end_year, last or end_year)
        if lo <= hi:
            queries.append((version, lo, hi))
    return queries


def search_url(cmr_url, product, version, first, last, page_size=PAGE_SIZE):
    query = urllib.parse.urlencode([
        ("short_name", product.short_name), ("version", version), ("provider", product.provider),
        ("temporal", "%04d-01-01T00:00:00Z,%04d-12-31T23:59:59Z" % (first, last)),
        ("page_size", page_size), ("sort_key", "start_date")])
    return "%s/search/granules.umm_json?%s" % (cmr_url.rstrip("/"), query)


def cmr_granules(session, url):
    """Every granule (its ``umm`` record) of the CMR search ``url``, page after page."""
    granules, after, hits = [], None, None
    while True:
        headers = {"Accept": "application/vnd.nasa.cmr.umm_results+json"}
        if after:
            headers["CMR-Search-After"] = after
        body, reply_headers = session.fetch_text(url, headers, named("cmr_url"))
        try:
            items = json.loads(body)["items"]
            hits = int(reply_headers.get("CMR-Hits") or json.loads(body).get("hits") or 0)
        except (ValueError, KeyError, TypeError):
            raise TsmvError("⟨cmr_url⟩ %s: the answer is not a CMR granule search (UMM-JSON); check ⟨cmr_url⟩"
                            % url) from None
        granules += [item.get("umm", {}) for item in items]
        if not items or len(granules) >= hits:
            return granules
        after = reply_headers.get("CMR-Search-After")
        if not after:
            raise TsmvError("⟨cmr_url⟩ %s: CMR listed %d of %d granules and gave no CMR-Search-After header "
                            "to continue; try again later" % (url, len(granules), hits))


def remote_of(granule, application):
    """The :class:`Remote` of one CMR granule (UMM-G)."""
    title = granule.get("GranuleUR", "?")
    links = [link.get("URL", "") for link in granule.get("RelatedUrls", []) if link.get("Type") == "GET DATA"]
    links = [u for u in links if urllib.parse.urlsplit(u).scheme == "https" or is_loopback(u)]
    if not links:
        raise TsmvError("⟨cmr_url⟩: the granule %s has no https GET DATA link" % title)
    url = links[0]
    name = posixpath.basename(urllib.parse.urlsplit(url).path)
    infos = (granule.get("DataGranule") or {}).get("ArchiveAndDistributionInformation") or []
    info = next((i for i in infos if i.get("Name") == name), infos[0] if len(infos) == 1 else {})
    size = info.get("SizeInBytes")
    checksum = info.get("Checksum") or {}
    return Remote(name, url, int(size) if size is not None else None,
                  (checksum["Algorithm"], checksum["Value"].lower())
                  if checksum.get("Algorithm") and checksum.get("Value") else None, application)


def nasa_files(session, product, start_year, end_year, cmr_url=CMR_URL, versions=None, page_size=PAGE_SIZE):
    """The product's files for START..END, in the order CMR gives them (by date), each once.
    CMR finds the granules that overlap the period: one that begins before it (a December whose
    end CMR sets at the next midnight) is left out."""
    check_url(cmr_url, named("cmr_url"))
    files, seen = [], set()
    for version, first, last in cmr_queries(product, start_year, end_year, versions):
        for granule in cmr_granules(session, search_url(cmr_url, product, version, first, last, page_size)):
            begins = str(((granule.get("TemporalExtent") or {}).get("RangeDateTime") or {})
                         .get("BeginningDateTime") or "")[:4]
            if begins.isdigit() and not first <= int(begins) <= last:
                continue
            remote = remote_of(granule, product.application)
            if remote.name not in seen:
                seen.add(remote.name)
                files.append(remote)
    return files


# --- GOSIF --------------------------------------------------------------------------------------

#: The first GOSIF files: the 8-day composite of 2000-057 and the month 2000-03.
GOSIF_FIRST_DAY = (2000, 57)
GOSIF_FIRST_MONTH = (2000, 3)


def gosif_files(product, start_year, end_year, gosif_url=GOSIF_URL):
    """([Remote], [Skipped]) of GOSIF GPP for START..END, named by the archive's pattern;
    periods before the series starts are skipped with a note."""
    base = check_url(gosif_url, named("gosif_url")).rstrip("/") + "/"
    files, skipped = [], []
    for year in range(start_year, end_year + 1):
        if product.cadence == "monthly":
            periods = [("%04d.M%02d" % (year, m), (year, m) < GOSIF_FIRST_MONTH) for m in range(1, 13)]
            folder = "Monthly/Mean/"
        else:
            days = 366 if calendar.isleap(year) else 365
            periods = [("%04d%03d" % (year, d), (year, d) < GOSIF_FIRST_DAY) for d in range(1, days + 1, 8)]
            folder = "8day/Mean/"
        for period, early in periods:
            name = "GOSIF_GPP_%s_Mean.tif.gz" % period
            if early:
                skipped.append(Skipped(name, "before the GOSIF series starts (%s)" % (
                    "2000.M03" if product.cadence == "monthly" else "2000057")))
            else:
                files.append(Remote(name, base + folder + name))
    return files, skipped
