"""Run one core function in a process of its own: ``step.py MODULE FUNCTION JSON_KWARGS``.

Used by the benchmarks to measure each step's wall time and peak memory alone
(``peak_rss.py step.py ...``).  GDAL's cache is left at its default, so what is
measured is what the step itself caps.
"""
import importlib
import json
import os
import sys

sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.abspath(__file__))))

if __name__ == "__main__":
    module, function, kwargs = sys.argv[1], sys.argv[2], json.loads(sys.argv[3])
    getattr(importlib.import_module("tsmv_qgis." + module), function)(**kwargs)
