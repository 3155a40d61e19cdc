"""One module per Processing algorithm; the provider loads ALGORITHMS."""
from .attribution import Attribution
from .import_gldas import ImportGldas
from .quality_control import QualityControl
from .seasons import Seasons
from .trend import Trend

ALGORITHMS = [ImportGldas, QualityControl, Seasons, Trend, Attribution]
