"""tsmv:download - Download GLDAS, FLDAS, MCD12C1 and GOSIF.

:mod:`tsmv_qgis.download` does the work; its requests go through QGIS's own network stack
(:mod:`processing_provider.network`: QGIS's proxy and SSL settings, streamed to disk).
"""
from qgis.core import (QgsApplication, QgsAuthMethodConfig, QgsProcessingException,
                       QgsProcessingParameterAuthConfig, QgsProcessingParameterEnum,
                       QgsProcessingParameterFileDestination, QgsProcessingParameterFolderDestination,
                       QgsProcessingParameterNumber, QgsProcessingParameterString, QgsProcessingUtils)
from ..processing_provider.base import QT_TRANSLATE_NOOP, TsmvAlgorithm
from ..processing_provider.compat import ADVANCED, NumberType
from ..processing_provider.network import QgisTransport
from ..tsmv_qgis.download import CMR_URL, GLDAS_VERSIONS, GOSIF_URL, PRODUCTS, Credentials, download, find_credentials


class Download(TsmvAlgorithm):
    NAME = "download"
    DISPLAY_NAME = QT_TRANSLATE_NOOP("Download", "Download input data")
    TAGS = ("GLDAS", "FLDAS", "MCD12C1", "MODIS", "GOSIF", "Earthdata", "NASA")
    GROUP_ID = "data"

    PRODUCT = "PRODUCT"
    VERSION = "VERSION"
    AUTH = "AUTH"
    OUTPUT_FOLDER = "OUTPUT_FOLDER"
    OUTPUT = "OUTPUT"
    CMR_URL = "CMR_URL"
    GOSIF_URL = "GOSIF_URL"
    NAMES = {"product": PRODUCT, "folder": OUTPUT_FOLDER, "manifest": OUTPUT, "cmr_url": CMR_URL,
             "gosif_url": GOSIF_URL}

    def help_blocks(self):
        return [
            self.tr("Downloads the files of one product for {START_YEAR} to {END_YEAR} into the "
                    "{OUTPUT_FOLDER}, under their archive names, so that the next step reads the folder "
                    "as it is: GLDAS-Noah into 'Import GLDAS-Noah' (tsmv:importgldas), FLDAS-Noah into "
                    "'Import layered soil moisture' (tsmv:importsoilmoisture), MCD12C1 into "
                    "tsmv:landcover, GOSIF into tsmv:gpp. The {OUTPUT} lists every file with its "
                    "address, size, checksum and status (downloaded, present, skipped, failed)."),
            self.tr("GLDAS-Noah, FLDAS-Noah and MCD12C1 come from NASA (GES DISC, LP DAAC) and need a "
                    "free Earthdata Login account (urs.earthdata.nasa.gov) in which you have approved "
                    "the archive's application once: 'NASA GESDISC DATA ARCHIVE' for GLDAS and FLDAS, "
                    "'LP DAAC Data Pool' for MCD12C1 (Applications > Authorized Apps). GOSIF GPP is "
                    "anonymous."),
            self.tr("Credentials, in this order: {AUTH} (Settings > Options > Authentication: a Basic "
                    "configuration with your Earthdata username and password, or an API Header "
                    "configuration with the header Authorization = 'Bearer <token>'); the environment "
                    "variables EARTHDATA_TOKEN, or EARTHDATA_USERNAME and EARTHDATA_PASSWORD; the entry "
                    "'machine urs.earthdata.nasa.gov' of ~/.netrc (what qgis_process on a cluster uses). "
                    "They are never written to the log, the manifest or any file."),
            self.tr("Choices made for you:"), [
                self.tr("Files are listed with NASA's CMR (no login needed) and fetched one at a time "
                        "(the archives limit parallel connections). A GLDAS-Noah period before 2000 "
                        "comes from V2.0, from 2000 from V2.1, as in the paper, unless {VERSION} says "
                        "otherwise."),
                self.tr("A token goes only to the archive's own data hosts, a password only to "
                        "urs.earthdata.nasa.gov after it asks for it; any other host a redirect leads to "
                        "(a signed cloud-storage address) gets no credential."),
                self.tr("Each file is written under a temporary name, checked (size, the archive's "
                        "checksum, its first bytes as netCDF-4/HDF5, HDF4, gzip or GeoTIFF, a gzip "
                        "stream in full) and only then renamed: a cancel, a lost connection or an "
                        "error leaves complete files only. A second run does not fetch complete files "
                        "again."),
                self.tr("A web page instead of data (the answer when the application is not approved), "
                        "a rejected login (HTTP 401) and a refusal (HTTP 403) stop the run saying what "
                        "to do. A busy server (HTTP 429, 503) is waited for as it asks (at most 5 "
                        "minutes) and asked again; a transfer cut short or a wrong checksum is tried "
                        "again, then that file is marked failed in the {OUTPUT} and the run goes on: "
                        "run it again to fetch what failed."),
                self.tr("GOSIF starts in March 2000 (monthly) and on day 57 of 2000 (8-day); earlier "
                        "periods are skipped with a note."),
                self.tr("The network is QGIS's own: its proxy (Settings > Options > Network), SSL "
                        "settings and timeout apply. Files are streamed to disk, a few MB held at a "
                        "time; QGIS's blocking request class is not used, as it holds a whole reply in "
                        "memory (an MCD12C1 file is 1.2 GB) and sends an authentication configuration "
                        "to every host a redirect leads to.")],
            self.tr("Cite what you use: GLDAS-Noah, Rodell et al. (2004), doi:10.1175/BAMS-85-3-381; "
                    "FLDAS, McNally et al. (2017), doi:10.1038/sdata.2017.12; MCD12C1, Friedl and "
                    "Sulla-Menashe (2022), doi:10.5067/MODIS/MCD12C1.061; GOSIF GPP, Li and Xiao "
                    "(2019), doi:10.3390/rs11212563.")]

    def all_help_blocks(self):
        return self.help_blocks()  # no raster inputs or outputs: the other algorithms' promises do not apply

    def declare(self):
        self.add(QgsProcessingParameterEnum(self.PRODUCT, self.tr("Product"), [
            self.tr("GLDAS-Noah monthly 1.0 degree"), self.tr("GLDAS-Noah monthly 0.25 degree"),
            self.tr("FLDAS-Noah global monthly"), self.tr("MODIS MCD12C1 v061 (one file per year)"),
            self.tr("GOSIF GPP monthly"), self.tr("GOSIF GPP 8-day")], defaultValue=0),
            self.tr("What to download."))
        self.add(QgsProcessingParameterNumber(self.START_YEAR, self.tr("Start year"), NumberType.Integer,
                                              2000, False, *self.YEARS),
                 self.tr("First year (from January)."))
        self.add(QgsProcessingParameterNumber(self.END_YEAR, self.tr("End year"), NumberType.Integer,
                                              2024, False, *self.YEARS),
                 self.tr("Last year (to December)."))
        self.add(QgsProcessingParameterAuthConfig(self.AUTH, self.tr("Earthdata Login"), "", True),
                 self.tr("A QGIS authentication configuration: Basic (Earthdata username and password) or "
                         "API Header (Authorization: Bearer and your Earthdata token). Empty: the "
                         "environment variables or ~/.netrc."))
        self.add(QgsProcessingParameterFolderDestination(self.OUTPUT_FOLDER, self.tr("Download folder")),
                 self.tr("Where the files go, under their archive names; made if missing. Files already "
                         "there and complete are kept."))
        self.add(QgsProcessingParameterFileDestination(self.OUTPUT, self.tr("Manifest"), "CSV files (*.csv)"),
                 self.tr("CSV: file, url, bytes, checksum (algorithm:value), status (downloaded, "
                         "present, skipped: why, failed: why)."))
        version = QgsProcessingParameterEnum(self.VERSION, self.tr("GLDAS-Noah version"), [
            self.tr("V2.0 before 2000, V2.1 from 2000 (the paper)"), self.tr("V2.0 only"),
            self.tr("V2.1 only")], defaultValue=0)
        cmr = QgsProcessingParameterString(self.CMR_URL, self.tr("CMR address"), CMR_URL)
        gosif = QgsProcessingParameterString(self.GOSIF_URL, self.tr("GOSIF address"), GOSIF_URL)
        for parameter, help_text in (
                (version, self.tr("Which GLDAS-Noah version to take (GLDAS products only): V2.0 covers "
                                  "1948-2014, V2.1 2000 to today.")),
                (cmr, self.tr("NASA's Common Metadata Repository; change it only for a mirror or a test.")),
                (gosif, self.tr("The base address of GOSIF GPP v2 (with the folders Monthly and 8day); "
                                "change it only for a mirror or a test."))):
            parameter.setFlags(parameter.flags() | ADVANCED)
            self.add(parameter, help_text)

    # --- QGIS's settings -------------------------------------------------------------------

    def credentials(self, parameters, context):
        """Credentials from AUTH, else from the environment or ~/.netrc."""
        authcfg = self.parameterAsString(parameters, self.AUTH, context)
        if not authcfg:
            return find_credentials()
        config = QgsAuthMethodConfig()
        if not QgsApplication.authManager().loadAuthenticationConfig(authcfg, config, True) or not config.isValid():
            raise QgsProcessingException(self.tr(
                "AUTH %s: QGIS cannot read this authentication configuration (does it exist, and is the "
                "master password set?)") % authcfg)
        header = config.config("Authorization", "")
        if config.method() == "Basic" and config.config("username") and config.config("password"):
            return Credentials(username=config.config("username"), password=config.config("password"),
                               source="AUTH %s" % authcfg)
        if header.lower().startswith("bearer "):
            return Credentials(token=header[7:].strip(), source="AUTH %s" % authcfg)
        raise QgsProcessingException(self.tr(
            "AUTH %s (%s): holds neither a username and password (Basic) nor an Authorization header "
            "'Bearer <token>' (API Header)") % (authcfg, config.method()))

    def compute(self, parameters, context, feedback):
        product = PRODUCTS[self.parameterAsEnum(parameters, self.PRODUCT, context)]
        folder = self.parameterAsFileOutput(parameters, self.OUTPUT_FOLDER, context) or \
            QgsProcessingUtils.generateTempFilename("download")
        manifest = self.output_file(parameters, self.OUTPUT, context, ".csv")
        result = download(
            product, self.parameterAsInt(parameters, self.START_YEAR, context),
            self.parameterAsInt(parameters, self.END_YEAR, context), folder, manifest,
            credentials=self.credentials(parameters, context), transport=QgisTransport(),
            cmr_url=self.parameterAsString(parameters, self.CMR_URL, context) or CMR_URL,
            gosif_url=self.parameterAsString(parameters, self.GOSIF_URL, context) or GOSIF_URL,
            versions=GLDAS_VERSIONS[self.parameterAsEnum(parameters, self.VERSION, context)]
            if product.key.startswith("gldas") else None,
            progress=self.progress(feedback), log=self.log(feedback))
        if result.failed:
            feedback.reportError(self.tr("%d files failed (see the manifest); run again to fetch them")
                                 % result.failed)
        return {self.OUTPUT_FOLDER: result.folder, self.OUTPUT: manifest}
