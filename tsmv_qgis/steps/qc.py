"""Quality control (Li et al. 2025, section 2.2): mask non-physical soil moisture.

A value above the layer's physical maximum (kg m-2), or below 0, becomes NaN.
Stacks are processed tile by tile (strips of rows, all bands).
"""
from dataclasses import dataclass
from functools import partial

from ..bands import BandMap
from ..checks import finite_in_range
from ..errors import named
from ..io.coverage import VERSIONS, version_metadata
from ..io.lineage import PRODUCT
from ..labels import LAYER_KEYS
from ..products.catalogue import GLDAS
from ..kernels.qc import mask_nonphysical
from ..progress import as_progress
from ..io.outputs import Outputs, given
from ..io.raster import Stack, product_layers
from ..io.style import sequential
from .tiles import Tiles



@dataclass
class QcRow:
    layer: str
    values: int  # input values that are not NaN (+-inf included: they are masked)
    masked: int
    below_zero: int
    above_max: int
    maximum: float

    @property
    def percent_masked(self):
        return 100.0 * self.masked / self.values if self.values else float("nan")


QC_HEADER = ["layer", "values", "masked", "percent_masked", "below_zero", "above_max",
             "max_allowed_kg_m2"]


class LayerQc:
    """Masks one layer's values block by block and counts what it masked (:attr:`row`)."""

    def __init__(self, depth, maximum):
        self.maximum = maximum
        self.row = QcRow(depth, 0, 0, 0, 0, maximum)

    def __call__(self, block):
        masked = mask_nonphysical(block, self.maximum)
        self.row.values += masked.values.size - masked.missing
        self.row.below_zero += masked.below_zero
        self.row.above_max += masked.above_max
        self.row.masked = self.row.below_zero + self.row.above_max
        return masked.values


def maxima_of(maxima=None, product=GLDAS):
    """Every layer's maximum (kg m-2): ``maxima`` ({layer key: value}; None or a missing key: the
    product's, the paper's 99.9 ... 999 for GLDAS-Noah), each a finite number >= 0."""
    maxima = dict(zip(LAYER_KEYS, product.maxima),
                  **{k: v for k, v in (maxima or {}).items() if v is not None})
    return {k: finite_in_range(v, named("maxima", k), 0) for k, v in maxima.items()}


def report_rows(rows):
    """The REPORT table (QC_HEADER) of QcRows."""
    return [[r.layer, r.values, r.masked, "%.6f" % r.percent_masked, r.below_zero, r.above_max,
             r.maximum] for r in rows]


def quality_control(inputs, outputs, maxima=None, report=None, progress=None):
    """Mask non-physical values of each layer's stack.

    ``inputs``/``outputs`` map layer keys to paths; ``maxima`` maps layer keys
    to kg m-2 (default the product's: 99.9, 299.9, 599.9, 999 for GLDAS-Noah).  ``report`` is
    an optional CSV path.  Returns one QcRow per layer.
    """
    keys = [k for k in LAYER_KEYS if k in inputs]
    steps = as_progress(progress).split([1] * len(keys))
    stacks = {key: Stack(inputs[key], named("inputs", key), kinds=("month",), content="soil moisture")
              for key in keys}
    product = product_layers(list(stacks.values()), "give the layers of one product, top to bottom",
                             [LAYER_KEYS.index(k) for k in keys])
    maxima = maxima_of(maxima, product)
    checks = []
    with Outputs({named("inputs", k): inputs[k] for k in keys},
                 rasters=given(outputs, keys),
                 tables={named("report"): report}) as out:
        for key, step in zip(keys, steps):
            stack = stacks[key]
            writer = soil_moisture_bands(stack.labels, product.depths[LAYER_KEYS.index(key)]).stack(
                               out, named("outputs", key), stack.grid,
                               metadata=dict(layer_metadata(product, key, maxima[key]),
                                             **{VERSIONS: stack.versions()}),
                               band_metadata=version_metadata(stack.band_versions))
            check = LayerQc(product.depths[LAYER_KEYS.index(key)], maxima[key])
            # float32 bands, masked in place
            Tiles(stack.grid, 4 * stack.count, {"OUTPUT": writer}).run(
                lambda strip: (stack.read(strip.row0, strip.row1),), lambda values: {"OUTPUT": check(values)},
                progress=step)
            checks.append(check)
            stack.close()
        if report:
            out.table(named("report"), QC_HEADER, report_rows([c.row for c in checks]))
    return [c.row for c in checks]


def soil_moisture_bands(months, depth):
    """The bands of a monthly soil-moisture stack of the layer ``depth`` ('0-10 cm')."""
    return BandMap.monthly(months, "kg m-2", "soil moisture %s" % depth, style=partial(sequential, "moisture", "kg m-2"))


def layer_metadata(product, key, maximum=None):
    """The metadata of the monthly stack of ``product``'s layer ``key`` (its position: '0_10' is
    the top layer); ``maximum``: quality-controlled with it."""
    metadata = {"TSMV_KIND": "soil moisture", "UNITS": "kg m-2", PRODUCT: product.key,
                "TSMV_LAYER": product.depths[LAYER_KEYS.index(key)]}
    if maximum is not None:
        metadata["QC_MAXIMUM"] = "%g" % maximum
    return metadata
