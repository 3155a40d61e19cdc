"""Import a layered soil-moisture product (GLDAS-Noah, FLDAS-Noah, ERA5-Land) into monthly stacks.

The files are found, planned and read by :mod:`tsmv_qgis.products.reader`, month by month;
each month is converted (to kg m-2) and written on another thread while the next is read, so
that the import takes little longer than reading the files.  Quality control and the wetness
seasons can run in the same pass, so that the monthly stacks are neither written twice nor read
again.
"""
from dataclasses import dataclass

from ..errors import TsmvError, named
from ..io.coverage import VERSIONS, join_versions, version_metadata
from ..io.outputs import Outputs, Run
from ..io.raster import Grid
from ..threads import Behind
from ..labels import LAYER_KEYS, month_label
from ..products.catalogue import GLDAS
from ..products.reader import plan_import, read_month
from ..progress import as_log, as_progress
from .qc import QC_HEADER, LayerQc, layer_metadata, maxima_of, report_rows, soil_moisture_bands
from .seasons import SeasonsByYear, SeasonsResult, run_seasons, season_targets

#: The one-pass seasons hold a year of the four layers (float32); where that is more than
#: ONE_PASS_BYTES (a 0.1 deg global grid: 1.2 GB), the import writes the monthly stacks and the
#: seasons read them back, which gives the same files.
YEAR_BYTES_PER_PIXEL = 4 * 12 * 4
ONE_PASS_BYTES = 256 * 2**20


@dataclass
class ImportResult:
    months: int
    files: int
    first: str
    last: str
    grid: Grid
    qc: list = None  # a QcRow per layer when quality control ran while importing
    seasons: SeasonsResult = None  # when the seasons were classified while importing
    product: object = GLDAS


def import_soil_moisture(source, outputs, product=None, start_year=None, end_year=None, extent=None,
                         prefer_newer=True, quality_control=False, maxima=None, report=None,
                         seasons=None, rank_by="total", progress=None, log=None):
    """Import a layered soil-moisture product into monthly stacks, one per layer, in kg m-2.

    ``product``: a :mod:`tsmv_qgis.products.catalogue` product, or None to detect it from the
    files.  ``outputs`` maps layer keys by position (``"0_10"`` the top layer, ``"10_40"``,
    ``"40_100"``, ``"100_200"`` the bottom one, whatever the product's depths) to GeoTIFF
    paths; bands are labelled ``YYYY-MM``, values in kg m-2 (a volumetric product converted by
    its layers' thickness).  With ``quality_control`` the outputs are those of
    :func:`tsmv_qgis.steps.qc.quality_control` (``maxima``, default the product's; ``report``)
    in the same pass; with ``seasons`` (output paths as
    :func:`tsmv_qgis.steps.seasons.run_seasons` takes them, and its ``rank_by``) also the
    seasons of the stacks written: the monthly stacks are not read again, unless a year of them is
    more than ONE_PASS_BYTES, when the seasons read them back tile by tile (the same files, in one
    run).  Nothing is written unless every month imports.
    """
    log = as_log(log)
    progress = as_progress(progress)
    keys = [k for k in LAYER_KEYS if k in outputs]
    if seasons and len(keys) < len(LAYER_KEYS):
        raise TsmvError("⟨seasons⟩ needs all four layers: import 0_10, 10_40, 40_100 and 100_200")
    planned = plan_import(source, keys, product, start_year, end_year, extent, prefer_newer, log)
    if not seasons or YEAR_BYTES_PER_PIXEL * planned.grid.width * planned.grid.height <= ONE_PASS_BYTES:
        return _import(planned, source, outputs, quality_control, maxima, report, seasons, rank_by, progress, log)
    # a year of a fine grid is more than a pass should hold: import, then the seasons read the
    # monthly stacks back tile by tile, in one run (published together or not at all)
    Outputs.check({named("source"): source}, rasters=dict({named("outputs", k): outputs[k] for k in keys},
                                                  **season_targets(seasons, rank_by, "seasons")),
                  tables={named("report"): report if quality_control else None})
    steps = progress.split([2, 1])
    with Run():
        result = _import(planned, source, outputs, quality_control, maxima, report, None, rank_by, steps[0], log)
        result.seasons = run_seasons(outputs, seasons, rank_by, steps[1], log, "seasons")
    return result


def _import(planned, source, outputs, quality_control, maxima, report, seasons, rank_by, progress, log):
    """The import of a :class:`~tsmv_qgis.products.reader.Plan` (and its seasons, in the same pass,
    when ``seasons`` gives their outputs)."""
    keys = [k for k in LAYER_KEYS if k in outputs]
    product, plan, reference, window, grid = (planned.product, planned.months, planned.reference,
                                              planned.window, planned.grid)
    labels = [month_label(*ym) for ym, _ in plan]
    versions = [files[0].version for _, files in plan]
    n_files = len({f.path for _, files in plan for f in files})
    targets = {named("outputs", k): outputs[k] for k in keys}
    if seasons:
        targets.update(season_targets(seasons, rank_by, "seasons"))
    maxima = maxima_of(maxima, product)
    depths = {k: product.depths[LAYER_KEYS.index(k)] for k in keys}
    checks = [LayerQc(depths[k], maxima[k]) if quality_control else None for k in keys]
    with Outputs({named("source"): sorted({f.path for _, month in plan for f in month})}, rasters=targets,
                 tables={named("report"): report if quality_control else None}, log=log,
                 described={named("source"): {"product": product.key, "versions": join_versions(versions)}}) as out:
        writers = [soil_moisture_bands(labels, depths[k]).stack(
            out, named("outputs", k), grid,
            metadata=dict(layer_metadata(product, k, maxima[k] if quality_control else None),
                          **{VERSIONS: join_versions(versions)}),
            band_metadata=version_metadata(versions))
            for k in keys]
        by_year = SeasonsByYear(out, grid, [ym for ym, _ in plan], versions, rank_by, log,
                                product, "seasons") if seasons else None

        def store(band, ym, reads):  # on the write-behind thread, while the next month is read
            arrays = []  # kept for the seasons only
            for writer, check in zip(writers, checks):
                array = reads.pop(0).values()  # what was read is let go once converted
                array = check(array) if check else array
                writer.write(array, band0=band)
                if by_year:
                    arrays.append(array)
            if by_year:
                by_year.add(*ym, arrays)

        with Behind() as behind:
            for band, (ym, month_files) in enumerate(plan):
                reads, reference = read_month(month_files, planned.variables, window, reference,
                                              convert=False)
                behind.submit(store, band, ym, reads)
                progress.set((band + 1) / len(plan))
        rows = [c.row for c in checks] if quality_control else None
        if quality_control and report:
            out.table(named("report"), QC_HEADER, report_rows(rows))
    return ImportResult(len(plan), n_files, labels[0], labels[-1], grid, rows,
                        SeasonsResult(by_year.years, by_year.writers.pixels_valid) if by_year else None,
                        product)


def import_gldas(source, outputs, start_year=None, end_year=None, extent=None, **kwargs):
    """:func:`import_soil_moisture` of GLDAS-Noah files (tsmv:importgldas): files of another
    product are refused."""
    return import_soil_moisture(source, outputs, GLDAS, start_year, end_year, extent, **kwargs)
