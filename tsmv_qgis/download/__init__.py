"""Getting the data: GLDAS-Noah, FLDAS-Noah and MCD12C1 from NASA's archives (found through
CMR, behind Earthdata Login), GOSIF GPP from its anonymous archive.

Plain Python (the standard library's http.client), no QGIS: ``tsmv:download`` calls
:func:`download` with a transport of its choosing, and so can a script or a cluster job::

    from tsmv_qgis.download import download
    download("gldas10", 1948, 2024, "/data/GLDAS", "/data/GLDAS/manifest.csv")

Modules: ``sources`` (the products, CMR's granule search, GOSIF's names), ``credentials``
(where Earthdata credentials come from), ``session`` (which host gets which credential,
redirects, cookies), ``transport`` (one HTTP request; pluggable), ``fetch`` (each file
whole or absent, retries, the manifest).
"""
from .credentials import Credentials, find_credentials
from .fetch import MANIFEST_HEADER, DownloadResult, download
from .sources import CMR_URL, GLDAS_VERSIONS, GOSIF_URL, PRODUCTS
from .transport import Proxy, Reply, StdlibTransport, Transport

__all__ = ["CMR_URL", "GLDAS_VERSIONS", "GOSIF_URL", "MANIFEST_HEADER", "PRODUCTS", "Credentials",
           "DownloadResult", "Proxy", "Reply", "StdlibTransport", "Transport", "download", "find_credentials"]
