"""One module per Processing algorithm; the provider loads ALGORITHMS."""
from .attribution import Attribution
from .changepoint import Changepoint
from .correlation import Correlation
from .download import Download
from .gldas import ImportGldas
from .gpp import Gpp
from .landcover import LandCover
from .qc import QualityControl
from .report import Report
from .seasons import Seasons
from .soilmoisture import ImportSoilMoisture
from .trend import Trend
from .zonal import Zonal

ALGORITHMS = [Download, ImportGldas, ImportSoilMoisture, QualityControl, Seasons, Trend, Changepoint, Attribution,
              LandCover, Gpp, Correlation, Report, Zonal]
