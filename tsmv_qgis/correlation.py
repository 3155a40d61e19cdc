"""Correlation of seasonal soil moisture with GPP by ecosystem (Li et al. 2025, sections 2.2, 3.4).

GPP_s(t) is the mean GPP over the three months coded s in year t at the pixel
(NaN if one of them is missing).  For every pixel, season s and depth d:
Pearson r between SM_{s,d}(t) and GPP_s(t) over the years where both exist
(at least MIN_YEARS = 5, else NaN; NaN too where either is constant) and its
two-sided p-value from the t distribution with n - 2 degrees of freedom.
"""
import numpy as np

from .errors import TsmvError
from .labels import LAYER_LABELS, SEASONS, season_label, whole_year_months, year_span
from .landcover import ECOSYSTEMS
from .outputs import Outputs
from .progress import as_progress
from .raster import Stack, open_layers, same_grid
from .special import t_two_sided_p
from .style import diverging, p_value

MIN_YEARS = 5
BAND_LABELS = ["%s %s cm" % (s, d) for s in SEASONS for d in LAYER_LABELS]
TABLE_HEADER = ["ecosystem", "season", "depth", "pixels", "mean_r", "mean_p",
                "significant_pixels", "percent_significant"]
GROUPS = ("Global",) + ECOSYSTEMS


def pearson(x, y, min_n=MIN_YEARS):
    """r and two-sided p of each column pair of x, y (T, P) over rows where both are finite."""
    x = np.asarray(x, np.float64)
    y = np.asarray(y, np.float64)
    both = np.isfinite(x) & np.isfinite(y)
    n = both.sum(axis=0)
    with np.errstate(invalid="ignore", divide="ignore"):
        xm = np.where(both, x, 0.0).sum(axis=0) / n
        ym = np.where(both, y, 0.0).sum(axis=0) / n
        dx = np.where(both, x - xm, 0.0)
        dy = np.where(both, y - ym, 0.0)
        sxx = (dx * dx).sum(axis=0)
        syy = (dy * dy).sum(axis=0)
        r = (dx * dy).sum(axis=0) / np.sqrt(sxx * syy)
        r = np.clip(r, -1.0, 1.0)
        df = n - 2
        t = r * np.sqrt(df / np.maximum(1.0 - r * r, 0.0))
        p = t_two_sided_p(t, df)
    bad = (n < min_n) | (sxx <= 0) | (syy <= 0) | ~np.isfinite(r)
    r[bad] = np.nan
    p[bad] = np.nan
    p[~bad & (np.abs(r) == 1.0)] = 0.0
    return r, p


def seasonal_gpp(gpp, codes):
    """GPP_s(t): (T, 12, P) monthly GPP and season codes -> (T, 4, P) means over each season's months."""
    out = np.empty((gpp.shape[0], 4, gpp.shape[2]))
    for s in range(4):
        month_in = codes == s + 1
        total = np.where(month_in, gpp, 0.0).sum(axis=1)
        count = month_in.sum(axis=1)
        missing = (month_in & ~np.isfinite(gpp)).any(axis=1) | (count == 0)
        with np.errstate(invalid="ignore", divide="ignore"):
            out[:, s] = np.where(missing, np.nan, total / count)
    return out


def plan(seasonal, codes, gpp, start_year=None, end_year=None):
    """The years of the period and the band labels to read: seasonal (years x 4), codes and
    GPP (years x 12)."""
    have = set(seasonal[0].keys)
    sm_years = sorted({y for y, _ in have if all((y, s) in have for s in range(4))})
    code_years, gpp_years = whole_year_months(codes.keys), whole_year_months(gpp.keys)
    years = sorted(set(sm_years) & set(code_years) & set(gpp_years))
    if not years:
        raise TsmvError("the GPP years (%s) do not overlap the soil-moisture years (%d-%d)"
                        % ("%d-%d" % (min(gpp_years), max(gpp_years)) if gpp_years else "none",
                           sm_years[0], sm_years[-1]))
    start, end = year_span(years[0], years[-1], start_year, end_year,
                           "soil moisture, season codes and GPP together")
    years = [y for y in years if start <= y <= end]
    if len(years) < MIN_YEARS:
        raise TsmvError("%d years with soil moisture and GPP in %d-%d; the correlation needs at least %d"
                        % (len(years), start, end, MIN_YEARS))
    return (years, [season_label(y, s) for y in years for s in range(4)],
            [m for y in years for m in code_years[y]], [m for y in years for m in gpp_years[y]])


def _check_codes(values, stack, allowed, what):
    """Refuse a stack whose finite values are not all in ``allowed`` (it is not what it claims)."""
    finite = values[np.isfinite(values)]
    bad = finite[~np.isin(finite, allowed)]
    if bad.size:
        raise TsmvError("%s %s holds values other than %s (e.g. %g); it must be %s"
                        % (stack.name, stack.path, "/".join("%g" % a for a in allowed), bad[0], what))


def open_ecosystems(path):
    """The one-band ECOSYSTEMS raster of tsmv:landcover."""
    eco = Stack(path, "ECOSYSTEMS", content="ecosystems")
    if eco.labels != ["ecosystem"]:
        raise TsmvError("ECOSYSTEMS %s has the bands %s; it must be the one-band OUTPUT of "
                        "tsmv:landcover (band 'ecosystem', codes 1-4)"
                        % (path, ", ".join("'%s'" % label for label in eco.labels[:3])
                           + (", ..." if eco.count > 3 else "")))
    return eco


def run_correlation(inputs, season_codes, gpp, ecosystems, outputs, start_year=None, end_year=None,
                    alpha=0.05, progress=None):
    """R and P (16 bands) and the per-ecosystem TABLE; returns the table rows."""
    progress = as_progress(progress)
    seasonal = open_layers(inputs, kinds=("season",), content="soil moisture")
    codes = Stack(season_codes, "SEASON_CODES", kinds=("month",), content="season codes")
    gpp_stack = Stack(gpp, "GPP", kinds=("month",), content="gpp")
    eco = open_ecosystems(ecosystems)
    grid = seasonal[0].grid
    for other in (codes, gpp_stack, eco):
        same_grid(other, seasonal[0])
    years, sm_labels, code_labels, gpp_labels = plan(seasonal, codes, gpp_stack, start_year, end_year)
    sm_index = [stack.bands(sm_labels) for stack in seasonal]
    code_index, gpp_index = codes.bands(code_labels), gpp_stack.bands(gpp_labels)
    n_years = len(years)
    weights = grid.cell_weights()
    acc = {k: np.zeros((len(GROUPS), 16)) for k in ("n", "w", "wr", "wp", "sig", "wsig")}
    meta = {"START_YEAR": years[0], "END_YEAR": years[-1]}
    inputs_read = {s.name: s.path for s in seasonal + [codes, gpp_stack, eco]}
    with Outputs(inputs_read, rasters={"R": outputs["r"], "P": outputs["p"]},
                 tables={"TABLE": outputs.get("table")}) as out:
        r_writer = out.stack("R", grid, BAND_LABELS, style=diverging("r", band=1),
                             metadata=dict(meta, TSMV_KIND="correlation", TSMV_VALUE="pearson r"))
        p_writer = out.stack("P", grid, BAND_LABELS, style=p_value(alpha, band=1),
                             metadata=dict(meta, TSMV_KIND="correlation", TSMV_VALUE="p-value"))
        tiles = seasonal[0].tiles(4 * n_years * 64, r_writer, p_writer)
        for i, (r0, r1) in enumerate(tiles):
            n_pix = (r1 - r0) * grid.width
            month_codes = codes.read(r0, r1, code_index).reshape(n_years, 12, n_pix)
            _check_codes(month_codes, codes, (1, 2, 3, 4), "SEASON_CODES of tsmv:seasons (codes 1-4)")
            monthly = gpp_stack.read(r0, r1, gpp_index).reshape(n_years, 12, n_pix)
            g = seasonal_gpp(monthly, month_codes)
            r = np.empty((16, n_pix))
            p = np.empty((16, n_pix))
            for d, (stack, bands) in enumerate(zip(seasonal, sm_index)):
                sm = stack.read(r0, r1, bands).reshape(n_years, 4, n_pix)
                for s in range(4):
                    r[4 * s + d], p[4 * s + d] = pearson(sm[:, s], g[:, s])
            rows = (r1 - r0, grid.width)
            r_writer.write(r.reshape(16, *rows), row0=r0)
            p_writer.write(p.reshape(16, *rows), row0=r0)
            ecosystem = eco.read(r0, r1, [0]).reshape(n_pix)
            _check_codes(ecosystem, eco, (1, 2, 3, 4), "the OUTPUT of tsmv:landcover (codes 1-4)")
            w = np.repeat(weights[r0:r1], grid.width)
            for e, name in enumerate(GROUPS):
                member = np.ones(n_pix, bool) if e == 0 else (ecosystem == e)
                ok = member[None] & np.isfinite(r)
                significant = ok & (p < alpha)
                acc["n"][e] += ok.sum(axis=1)
                acc["w"][e] += (ok * w).sum(axis=1)
                acc["wr"][e] += np.where(ok, r * w, 0.0).sum(axis=1)
                acc["wp"][e] += np.where(ok, p * w, 0.0).sum(axis=1)
                acc["sig"][e] += significant.sum(axis=1)
                acc["wsig"][e] += (significant * w).sum(axis=1)
            progress.set((i + 1) / len(tiles))
        table = []
        with np.errstate(invalid="ignore", divide="ignore"):
            for e, name in enumerate(GROUPS):
                for k in range(16):
                    w = acc["w"][e, k]
                    table.append([name, SEASONS[k // 4], LAYER_LABELS[k % 4] + " cm", int(acc["n"][e, k]),
                                  "%.6f" % (acc["wr"][e, k] / w), "%.6f" % (acc["wp"][e, k] / w),
                                  int(acc["sig"][e, k]), "%.4f" % (100 * acc["wsig"][e, k] / w)])
        if outputs.get("table"):
            out.table("TABLE", TABLE_HEADER, table)
    return table
