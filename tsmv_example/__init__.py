"""TSMV's synthetic example data, Earth-like and deterministic (see :mod:`tsmv_example.world`).

Not science and not part of the plugin: the tests, the demo, the benchmarks and the pictures
use it, and the plugin zip leaves it out.  It needs the plugin folder on ``sys.path`` (it
takes the GLDAS variable names and maxima from ``tsmv_qgis.labels``).
``python -m tsmv_example --help`` says how to write the data from the shell.
"""
from .world import (FINE, SOUTH, VERSION, ExampleWorld, gldas_name, gosif_name, make_gldas_example,
                    make_gosif_example, make_igbp_example)

__all__ = ["FINE", "SOUTH", "VERSION", "ExampleWorld", "gldas_name", "gosif_name", "make_gldas_example",
           "make_gosif_example", "make_igbp_example"]
