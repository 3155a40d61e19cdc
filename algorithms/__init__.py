"""One module per Processing algorithm; the provider loads ALGORITHMS."""
from .import_gldas import ImportGldas
from .quality_control import QualityControl

ALGORITHMS = [ImportGldas, QualityControl]
