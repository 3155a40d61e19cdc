"""Correlation of seasonal soil moisture with GPP by ecosystem (Li et al. 2025, sections 2.2, 3.4).

GPP_s(t) is the mean GPP over the three months coded s in year t at the pixel
(NaN if one of them is missing).  For every pixel, season s and depth d:
Pearson r between SM_{s,d}(t) and GPP_s(t) over the years where both exist
(at least MIN_YEARS = 5, else NaN; NaN too where either is constant) and its
two-sided p-value from the t distribution with n - 2 degrees of freedom.
"""
import numpy as np

from .errors import TsmvError
from .labels import LAYER_LABELS, SEASONS, classify, year_span
from .landcover import ECOSYSTEMS
from .progress import as_progress
from .raster import CsvWriter, Outputs, Stack, StackWriter
from .seasons import open_layers
from .style import diverging, p_value

MIN_YEARS = 5
BAND_LABELS = ["%s %s cm" % (s, d) for s in SEASONS for d in LAYER_LABELS]
TABLE_HEADER = ["ecosystem", "season", "depth", "pixels", "mean_r", "mean_p",
                "significant_pixels", "percent_significant"]
GROUPS = ("Global",) + ECOSYSTEMS


def pearson(x, y, min_n=MIN_YEARS):
    """r and two-sided p of each column pair of x, y (T, P) over rows where both are finite."""
    from scipy.special import stdtr  # scipy only where it is used, so the plugin loads without it
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
        p = 2.0 * stdtr(df, -np.abs(t))
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


def _monthly_index(stack, years):
    kind, keys = classify(stack.labels, stack.name)
    if kind != "month":
        raise TsmvError("%s is a %s stack; it must be monthly (bands YYYY-MM)" % (stack.name, kind))
    where = {key: b for b, key in enumerate(keys)}
    return where, sorted({y for y, m in keys if all((y, mm) in where for mm in range(1, 13))})


def plan(seasonal, codes, gpp, start_year=None, end_year=None):
    kind, keys = classify(seasonal[0].labels, seasonal[0].name)
    if kind != "season":
        raise TsmvError("%s is a %s stack; use the seasonal stacks of tsmv:seasons" % (seasonal[0].name, kind))
    season_where = {key: b for b, key in enumerate(keys)}
    sm_years = sorted({y for y, _ in keys if all((y, s) in season_where for s in range(4))})
    code_where, code_years = _monthly_index(codes, sm_years)
    gpp_where, gpp_years = _monthly_index(gpp, sm_years)
    years = sorted(set(sm_years) & set(code_years) & set(gpp_years))
    if not years:
        raise TsmvError("the GPP years (%s) do not overlap the soil-moisture years (%d-%d)"
                        % ("%d-%d" % (gpp_years[0], gpp_years[-1]) if gpp_years else "none",
                           sm_years[0], sm_years[-1]))
    start, end = year_span(years[0], years[-1], start_year, end_year,
                           "soil moisture, season codes and GPP together")
    years = [y for y in years if start <= y <= end]
    if len(years) < MIN_YEARS:
        raise TsmvError("%d years with soil moisture and GPP in %d-%d; the correlation needs at least %d"
                        % (len(years), start, end, MIN_YEARS))
    return (years, np.array([[season_where[(y, s)] for s in range(4)] for y in years]),
            np.array([[code_where[(y, m)] for m in range(1, 13)] for y in years]),
            np.array([[gpp_where[(y, m)] for m in range(1, 13)] for y in years]))


def run_correlation(inputs, season_codes, gpp, ecosystems, outputs, start_year=None, end_year=None,
                    alpha=0.05, progress=None):
    """R and P (16 bands) and the per-ecosystem TABLE; returns the table rows."""
    progress = as_progress(progress)
    seasonal = open_layers(inputs)
    codes = Stack(season_codes, "SEASON_CODES")
    gpp_stack = Stack(gpp, "GPP")
    eco = Stack(ecosystems, "ECOSYSTEMS")
    grid = seasonal[0].grid
    for other in (codes, gpp_stack, eco):
        if not other.grid.same_as(grid):
            raise TsmvError("%s is on another grid (%s) than the seasonal stacks (%s)"
                            % (other.name, other.grid.describe(), grid.describe()))
    years, sm_index, code_index, gpp_index = plan(seasonal, codes, gpp_stack, start_year, end_year)
    n_years = len(years)
    weights = grid.cell_weights()
    acc = {k: np.zeros((len(GROUPS), 16)) for k in ("n", "w", "wr", "wp", "sig", "wsig")}
    meta = {"START_YEAR": years[0], "END_YEAR": years[-1]}
    with Outputs() as out:
        r_writer = out.add(StackWriter(outputs["r"], grid, BAND_LABELS, style=diverging("r", band=1),
                                       metadata=dict(meta, TSMV_KIND="pearson r")))
        p_writer = out.add(StackWriter(outputs["p"], grid, BAND_LABELS, style=p_value(alpha, band=1),
                                       metadata=dict(meta, TSMV_KIND="p-value")))
        tiles = seasonal[0].tiles(4 * n_years * 64, r_writer, p_writer)
        for i, (r0, r1) in enumerate(tiles):
            n_pix = (r1 - r0) * grid.width
            month_codes = codes.read(r0, r1, code_index.ravel()).reshape(n_years, 12, n_pix)
            monthly = gpp_stack.read(r0, r1, gpp_index.ravel()).reshape(n_years, 12, n_pix)
            g = seasonal_gpp(monthly, month_codes)
            r = np.empty((16, n_pix))
            p = np.empty((16, n_pix))
            for d, stack in enumerate(seasonal):
                sm = stack.read(r0, r1, sm_index.ravel()).reshape(n_years, 4, n_pix)
                for s in range(4):
                    r[4 * s + d], p[4 * s + d] = pearson(sm[:, s], g[:, s])
            rows = (r1 - r0, grid.width)
            r_writer.write(r.reshape(16, *rows), row0=r0)
            p_writer.write(p.reshape(16, *rows), row0=r0)
            ecosystem = eco.read(r0, r1, [0]).reshape(n_pix)
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
            out.add(CsvWriter(outputs["table"], TABLE_HEADER, table))
    return table
