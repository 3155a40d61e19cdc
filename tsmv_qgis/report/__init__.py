"""One self-contained HTML report of a TSMV run: the paper's figures (PNG, embedded) and tables.

Every input is optional except ANNUAL_TSM; a figure appears when its inputs are given.  The
page has these sections (each a ``<section>`` with an id, which
``scripts/make_report_shots.py`` screenshots one by one):

* ``coverage``: how many pixels each analysis kept and why it dropped the others (the
  ``TSMV_COVERAGE`` its output records), and the GLDAS versions of each period, with a warning
  when a period mixes V2.0 and V2.1;
* ``trends`` (section 3.1 of Li et al. 2025): Fig. 1a global mean annual TSM with the Sen line
  of each period, beside it the version break and the trends' coverage; 1b seasonal soil
  moisture by depth; 1c the Sen trend of the global mean seasonal soil moisture, season x
  depth, per period; 1d the detrended interannual variability relative to each layer's storage
  (percent), season x depth, over the whole record and per period; S1 maps of the Sen slope;
  Table 1 (the section's numbers);
* ``attribution`` (3.2): Fig. 2 maps of the contributions per period; Table 2;
* ``seasons-depths`` (3.3): Fig. 3 heatmaps of the Trend and IAV contributions and omega, and
  their change between the periods;
* ``correlation`` (3.4), in the paper's order: Fig. 4a distributions of r and p by ecosystem,
  maps of r per season of 4b the top layer (0-10 cm), 4c the root zone (10-100 cm), 4d the
  bottom layer (100-200 cm); S2 maps of the middle layers, S3 mean r and the share of
  significant area by ecosystem and depth (the root zone too); beyond the paper, S4 GPP lagging
  soil moisture and S5 detrended beside not detrended r (a run with DETREND: its
  R_NOT_DETRENDED and P_NOT_DETRENDED, found through the run's lineage);
* ``tables``: the input tables, rounded;
* ``provenance``: inputs, versions (TSMV, QGIS, GDAL, ...), every parameter, date.

Maps are drawn cell by cell (nearest neighbour: no resampling drops a cell next to a NaN),
on their longitude/latitude, with coastlines when a world map is given (QGIS ships one),
sequential colours for shares and diverging ones, centred at 0, for signed terms; a cell
without a value is grey, never the colour of 0.

Every input is opened and checked (:func:`open_stack`, :func:`read_table`) before any figure is
made; a bad one is refused with a message that starts with its parameter name and file.

This package holds :func:`make_report`, the public entry, and its parts by role:

* ``inputs``: what each input must be, reading and checking it, and the chain they come from;
* ``statistics``: the numbers the figures and tables show (area means, Sen lines, IAV, ...);
* ``formatting``: numbers as they mean (``fmt_*``), the CSV columns' headings, HTML tables;
* ``figures``: matplotlib (backend, colour scales, the PNGs kept), heatmaps, Fig. 1a;
* ``maps``: coastlines, degree ticks, maps cell by cell;
* ``page``: :class:`~.page.Report`, the page assembled from the sections, each a mixin of
  ``section_coverage``, ``section_trends`` (3.1), ``section_attribution`` (3.2, 3.3),
  ``section_correlation`` (3.4) and ``provenance``.
"""
from ..io.outputs import Outputs
from ..io.raster import same_grid
from ..progress import as_log
from ..steps.correlation import check_codes, open_ecosystems
from .inputs import (NOT_DETRENDED, Layout, _check_within, _named, _open_seasonal, check_chain, not_detrended_files,
                     open_stack, read_table)
from .maps import coastlines
from .page import Report
from .provenance import software_versions

__all__ = ["make_report"]


def make_report(output, annual_tsm, seasonal=None, trends=(), trend_summaries=(), components=(),
                attribution_tables=(), correlation_table=None, qc_report=None, correlation_r=None,
                correlation_p=None, ecosystems=None, root_zone_r=None, root_zone_p=None, best_lag_r=None,
                best_lag=None,
                coastlines_path=None, parameters=None, versions=None,
                title="TSMV report: total soil-moisture variability", progress=None, log=None):
    """Write the HTML report to ``output``; returns the figure titles in order.

    Without a working matplotlib the report has its tables and no figures, says so on
    the page, and ``log`` hears why.

    ``seasonal`` maps every layer key (LAYER_KEYS) to its seasonal stack, or is None.
    ``trends``, ``trend_summaries``, ``components`` and ``attribution_tables`` list the
    periods in order; an item is a path, named TREND_A, TREND_B, ... (SUMMARY_*,
    COMPONENTS_*, ATTRIBUTION_TABLE_*) in messages by its place, or a (parameter name,
    path) pair.  ``correlation_r``/``correlation_p`` are the R and P of tsmv:correlation,
    ``ecosystems`` the OUTPUT of tsmv:landcover, ``root_zone_r``/``root_zone_p`` its
    R_ROOT_ZONE and P_ROOT_ZONE, ``best_lag_r``/``best_lag`` its R_BEST_LAG and BEST_LAG (a
    run with MAX_LAG).  When R (else P) records DETREND, the R_NOT_DETRENDED and
    P_NOT_DETRENDED of its run are found through its lineage (:func:`.inputs.not_detrended_files`)
    and shown beside it (Fig. S5).  ``coastlines_path``: a world map (QGIS's
    resources/data/world_map.gpkg) whose coasts are drawn on the maps.  ``parameters``
    ({name: value}) and ``versions`` ({software: version}, e.g. QGIS) go to the provenance.
    Every input is opened and checked before any figure is made; a bad one raises a
    TsmvError that starts with its parameter name and file.
    """
    log = as_log(log)
    trend_names, trends = _named(trends, "TREND_")
    summary_names, trend_summaries = _named(trend_summaries, "SUMMARY_")
    component_names, components = _named(components, "COMPONENTS_")
    table_names, attribution_tables = _named(attribution_tables, "ATTRIBUTION_TABLE_")
    annual = open_stack(annual_tsm, "ANNUAL_TSM", "annual")
    layout = Layout(annual.product)  # the layers of the product the chain was made from
    seasonal_stacks = _open_seasonal(seasonal, layout) if seasonal else None
    trend_stacks = [open_stack(p, n, "trend", layout) for n, p in zip(trend_names, trends)]
    for stack in trend_stacks:
        _check_within(stack, annual)
    summaries = [read_table(p, n, "summary", layout) for n, p in zip(summary_names, trend_summaries)]
    component_stacks = [open_stack(p, n, "components", layout) for n, p in zip(component_names, components)]
    tables = [read_table(p, n, "attribution", layout) for n, p in zip(table_names, attribution_tables)]
    correlation = (read_table(correlation_table, "CORRELATION_TABLE", "correlation", layout)
                   if correlation_table else None)
    qc = read_table(qc_report, "QC_REPORT", "qc", layout) if qc_report else None
    rasters = {}
    for name, path, kind in (("R", correlation_r, "r"), ("P", correlation_p, "p"),
                             ("R_ROOT_ZONE", root_zone_r, "r_root"), ("P_ROOT_ZONE", root_zone_p, "p_root"),
                             ("R_BEST_LAG", best_lag_r, "r_best_lag"), ("BEST_LAG", best_lag, "best_lag")):
        if path:
            rasters[name] = open_stack(path, name, kind, layout)
    found = not_detrended_files(rasters, log)
    for name, path in found.items():
        rasters[name] = open_stack(path, name, NOT_DETRENDED[name][1], layout)
    if ecosystems:
        rasters["ECOSYSTEMS"] = open_ecosystems(ecosystems, "ECOSYSTEMS")
    first = next(iter(rasters.values()), None)
    for stack in rasters.values():
        if stack is not first:
            same_grid(stack, first)
    check_chain(annual, seasonal_stacks, trend_stacks, list(zip(summary_names, trend_summaries, summaries)),
                component_stacks, list(zip(table_names, attribution_tables, tables)), rasters,
                ("CORRELATION_TABLE", correlation_table, correlation) if correlation else None, layout)
    eco = None
    if "ECOSYSTEMS" in rasters:
        stack = rasters["ECOSYSTEMS"]
        eco = stack.read(0, stack.grid.height, [0])[0]
        check_codes(eco, stack, (1, 2, 3, 4), "the OUTPUT of tsmv:landcover (codes 1-4)")
    read = [annual_tsm] + list((seasonal or {}).values()) + list(trends) + list(trend_summaries) + \
        list(components) + list(attribution_tables) + [correlation_table, qc_report, correlation_r,
                                                        correlation_p, ecosystems, root_zone_r, root_zone_p,
                                                        best_lag_r, best_lag] + list(found.values())
    inputs = {"ANNUAL_TSM": annual}
    inputs.update({s.name: s for s in (seasonal_stacks or {}).values()})
    inputs.update({s.name: s for s in trend_stacks + component_stacks})
    inputs.update({"%s (of the run of %s)" % (n, "R" if "R" in rasters else "P") if n in found else n: s
                   for n, s in rasters.items()})
    csvs = dict(zip(summary_names, trend_summaries))
    csvs.update(zip(table_names, attribution_tables))
    csvs.update({"CORRELATION_TABLE": correlation_table, "QC_REPORT": qc_report})
    report = Report(title, log, progress, layout, annual, seasonal_stacks, trend_stacks, summaries, component_stacks,
                    list(zip(table_names, tables)), correlation, qc, rasters, eco,
                    (coastlines_path, coastlines(coastlines_path) if coastlines_path else (None, "no world map was given")),
                    parameters, software_versions(versions), inputs, {k: v for k, v in csvs.items() if v})
    with Outputs({"input": [p for p in read if p]}, pages={"OUTPUT": output}) as out:
        out.page("OUTPUT", report.page())
    return report.titles
