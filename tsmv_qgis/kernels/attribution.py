"""The kernel of the attribution (Li et al. 2025, eq. 1-10): the 32 contributions of seasons and
depths to the variance of total soil moisture, per pixel, on arrays only (see
:mod:`tsmv_qgis.steps.attribution` for the method)."""
import warnings
from dataclasses import dataclass

import numpy as np

from .optional_numba import compiled_in_threads, jit, u64


#: A pixel whose TSM varies less than this, relative to its mean, counts as constant.
CONSTANT = 1e-9


@dataclass
class Attribution:
    """Per pixel: components (32, P) in percent, omega (16, P), storage share (16, P)."""
    components: np.ndarray
    omega: np.ndarray
    share: np.ndarray

    def by_season(self):
        return self.components.reshape(2, 4, 4, -1).sum(axis=(0, 2))

    def by_depth(self):
        return self.components.reshape(2, 4, 4, -1).sum(axis=(0, 1))

    def by_dynamic(self):
        return self.components.reshape(2, 16, -1).sum(axis=1)

    def dominant(self):
        """Codes (1..32) and percents of the two largest signed terms; ties to the smaller code."""
        order = np.argsort(-self.components, axis=0, kind="stable")[:2]
        values = np.take_along_axis(self.components, order, axis=0)
        codes = (order + 1).astype(np.float64)
        codes[np.isnan(values)] = np.nan
        return np.stack([codes[0], values[0], codes[1], values[1]])


def attribute(sm, years=None):
    """Attribute each pixel's TSM variance: ``sm`` is SM_{s,d}(t), float (T, 16, P), k = 4 s + d.

    Pixels with a missing value, or a constant TSM, are NaN.
    """
    # x_{s,d} = SM/4, but every term is a ratio of covariances, so the 1/4 cancels.
    x = np.asarray(sm, np.float64)
    n_years = x.shape[0]
    t = np.arange(n_years, dtype=np.float64) if years is None else np.asarray(years, np.float64)
    tc = t - t.mean()
    stt = (tc * tc).sum()
    tsm = x.sum(axis=1)  # (T, P); NaN where any component is missing
    valid = np.isfinite(tsm).all(axis=0)
    mean = x.mean(axis=0)  # (16, P)
    tsm_c = tsm - tsm.mean(axis=0)
    var = np.einsum("tp,tp->p", tsm_c, tsm_c)  # T Var(TSM)
    # Centred t and centred TSM sum to zero, so the components need no centring.
    slope = tc @ tsm_c / stt  # (P,)
    slopes = np.tensordot(tc, x, axes=(0, 0)) / stt  # (16, P)
    cov = np.einsum("tp,tkp->kp", tsm_c, x)  # T Cov(TSM, x)
    trend = slope * slopes * stt  # T Cov(alpha, alpha_sd)
    total_mean = mean.sum(axis=0)
    constant = var <= (CONSTANT * np.maximum(np.abs(total_mean), 1.0)) ** 2 * n_years
    bad = ~valid | constant
    with np.errstate(invalid="ignore", divide="ignore", over="ignore"):
        components = 100.0 * np.concatenate([trend, cov - trend]) / var
        share = 100.0 * mean / total_mean
        omega = (components[:16] + components[16:]) / share
    components[:, bad] = np.nan
    omega[:, bad] = np.nan
    share[:, bad] = np.nan
    return Attribution(components, omega, share)


# --- the moving-block bootstrap of the 32 contributions --------------------------------------

#: The percentiles of the replicates that bound each term (a 95 % interval).
PERCENTILES = (2.5, 97.5)
#: What the replicates of one chunk of pixels may hold (the sums and terms of every replicate).
CHUNK_BYTES = 64 * 2**20


def bootstrap_years(n_years, block, replicates, seed):
    """The years of each replicate, (replicates, n_years) indices into the period: ceil(n/block)
    block starts drawn uniformly from 0..n-block, the blocks of ``block`` consecutive years
    concatenated and cut to n years.  The draws come from numpy's default generator seeded with
    (seed, block), so every pixel with that block length gets the same years."""
    rng = np.random.default_rng([int(seed), int(block)])
    starts = rng.integers(0, n_years - block + 1, size=(replicates, -(-n_years // block)))
    return (starts[:, :, None] + np.arange(block)).reshape(replicates, -1)[:, :n_years]


def automatic_block(sm, years=None):
    """Per pixel, the block length of Carlstein (1986) for an AR(1) series,
    round(n^(1/3) (2 r1 / (1 - r1^2))^(2/3)) between 1 and n, with r1 the lag-1 autocorrelation
    of the TSM's residuals from its least-squares line on the year (r1 <= 0 gives 1); 0 where
    the TSM has a missing value."""
    x = np.asarray(sm, np.float64)
    n = x.shape[0]
    t = np.arange(n, dtype=np.float64) if years is None else np.asarray(years, np.float64)
    tc = t - t.mean()
    tsm = x.sum(axis=1)
    tsm = tsm - tsm.mean(axis=0)
    residual = tsm - tc[:, None] * (tc @ tsm / (tc @ tc))
    with np.errstate(invalid="ignore", divide="ignore"):
        r1 = np.einsum("tp,tp->p", residual[1:], residual[:-1]) / np.einsum("tp,tp->p", residual, residual)
        r1 = np.clip(np.nan_to_num(r1, nan=0.0), 0.0, 0.999)
        block = np.rint(n ** (1 / 3) * (2 * r1 / (1 - r1 * r1)) ** (2 / 3))
    block = np.clip(block, 1, n).astype(np.int64)
    block[~np.isfinite(tsm).all(axis=0)] = 0
    return block


def replicate_components(sm, years, draws, backend=None):
    """The 32 contributions (percent) of every replicate, (replicates, 32, P): the attribution of
    the (year, SM) pairs of the years ``draws`` (replicates, n) of each replicate.

    A replicate's sums over its years are the sums over the period's years weighted by how often
    each was drawn, added in year order; numba and numpy do the same operations in the same
    order (the same doubles, whatever the number of pixels).  NaN where a replicate's TSM is
    constant or it holds a single distinct year."""
    x = np.asarray(sm, np.float64)
    n = x.shape[0]
    t = np.arange(n, dtype=np.float64) if years is None else np.asarray(years, np.float64)
    tc = t - t.mean()
    counts = (np.asarray(draws)[:, :, None] == np.arange(n)).sum(axis=1).astype(np.float64)  # (R, n)
    st, stt = np.zeros(len(counts)), np.zeros(len(counts))
    for i in range(n):
        st += counts[:, i] * tc[i]
        stt += counts[:, i] * (tc[i] * tc[i])
    stt = stt - st * st / n  # n Var(t) of each replicate
    single = (counts > 0).sum(axis=1) < 2
    total_mean = x.sum(axis=1).mean(axis=0)  # (P,)
    xc = x - x.mean(axis=0)
    tsm = xc.sum(axis=1)
    values = np.ascontiguousarray(np.concatenate([xc, tsm[:, None]], axis=1))  # (n, 17, P): 16 series, TSM
    out = np.empty((len(counts), 32, x.shape[2]))
    if not compiled_in_threads(_replicates, len(counts), 1, values, tc, tsm, counts, st, stt, single,
                               total_mean, out, backend=backend):
        _numpy_replicates(values, tc, tsm, counts, st, stt, single, total_mean, out)
    return out


def _numpy_replicates(values, tc, tsm, counts, st, stt, single, total_mean, out):
    """:func:`_replicates` for every replicate at once, with numpy."""
    n = len(tc)
    sums, t_sums, tsm_sums = (np.zeros((len(counts),) + values.shape[1:]) for _ in range(3))
    term = np.empty_like(sums)
    for i in range(n):  # sum_i c_i v_i, sum_i c_i (v_i t_i), sum_i c_i (v_i tsm_i)
        for total, value in ((sums, values[i]), (t_sums, values[i] * tc[i]), (tsm_sums, values[i] * tsm[i])):
            np.multiply(counts[:, i, None, None], value, out=term)
            total += term
    q = t_sums - (st / n)[:, None, None] * sums  # n Var(t) x slope of each series and of TSM
    cov = tsm_sums - sums[:, 16:] * sums / n  # n Cov(TSM, x), n Var(TSM) last
    var = cov[:, 16:]
    trend = q[:, 16:] * q[:, :16] / stt[:, None, None]  # n Cov(alpha, alpha_sd)
    with np.errstate(invalid="ignore", divide="ignore"):
        out[:, :16] = 100.0 * trend / var
        out[:, 16:] = 100.0 * (cov[:, :16] - trend) / var
    mean = total_mean + sums[:, 16] / n
    bad = (var[:, 0] <= (CONSTANT * np.maximum(np.abs(mean), 1.0)) ** 2 * n) | single[:, None]
    out[np.broadcast_to(bad[:, None], out.shape)] = np.nan


def bootstrap_bounds(sm, years, replicates, block, seed):
    """The 2.5th and 97.5th percentiles (np.percentile, linear interpolation) of each of the
    32 contributions over ``replicates`` moving-block bootstrap replicates of the years:
    (lower (32, P), upper (32, P), block lengths (P,)).  ``block`` is the block length in years,
    or 0 for :func:`automatic_block` pixel by pixel; the pixels with the same block length take
    the same draws (:func:`bootstrap_years`).  Replicates that are NaN are left out of a
    pixel's percentiles; the pixels :func:`attribute` makes NaN are NaN."""
    x = np.asarray(sm, np.float64)
    n, _, n_pixels = x.shape
    blocks = automatic_block(x, years) if block == 0 else np.full(n_pixels, block, np.int64)
    valid = np.isfinite(attribute(x, years).components[0])
    lower, upper = np.full((2, 32, n_pixels), np.nan)
    chunk = max(1, int(CHUNK_BYTES // (replicates * 150 * 8)))  # ~150 doubles per replicate and pixel (numpy)
    for b in np.unique(blocks[valid]):
        draws = bootstrap_years(n, b, replicates, seed)
        where = np.nonzero(valid & (blocks == b))[0]
        for start in range(0, where.size, chunk):
            pixels = where[start:start + chunk]
            components = replicate_components(x[:, :, pixels], years, draws)
            bounds = np.percentile(components, PERCENTILES, axis=0)
            some_nan = np.isnan(bounds).any(axis=(0, 1))
            if some_nan.any():  # a degenerate replicate: the percentiles of the others
                with warnings.catch_warnings():
                    warnings.simplefilter("ignore", RuntimeWarning)  # all NaN: NaN
                    bounds[:, :, some_nan] = np.nanpercentile(components[:, :, some_nan], PERCENTILES, axis=0)
            lower[:, pixels], upper[:, pixels] = bounds
    blocks[~valid] = 0
    return lower, upper, blocks


@jit
def _replicates(values, tc, tsm, counts, st, stt, single, total_mean, out, start, stop):
    """The 32 contributions of replicates start..stop, as :func:`_numpy_replicates` computes
    them (the same operations in the same order)."""
    n = u64(values.shape[0])
    features = u64(values.shape[1])
    pixels = u64(values.shape[2])
    sums = np.zeros((features, pixels))
    t_sums = np.zeros((features, pixels))
    tsm_sums = np.zeros((features, pixels))
    for r in range(u64(start), u64(stop)):
        sums[:] = 0.0
        t_sums[:] = 0.0
        tsm_sums[:] = 0.0
        for i in range(n):
            c = counts[r, i]
            if c == 0.0:
                continue  # numpy adds +0 or -0 there: no change
            ti = tc[i]
            for f in range(features):
                for p in range(pixels):
                    v = values[i, f, p]
                    sums[f, p] += c * v
                    t_sums[f, p] += c * (v * ti)
                    tsm_sums[f, p] += c * (v * tsm[i, p])
        m = st[r] / n
        for p in range(pixels):
            q_tsm = t_sums[16, p] - m * sums[16, p]
            var = tsm_sums[16, p] - sums[16, p] * sums[16, p] / n
            mean = total_mean[p] + sums[16, p] / n
            bad = single[r] or var <= (CONSTANT * max(abs(mean), 1.0)) ** 2 * n
            for k in range(u64(16)):
                if bad:
                    out[r, k, p] = np.nan
                    out[r, k + u64(16), p] = np.nan
                    continue
                q = t_sums[k, p] - m * sums[k, p]
                cov = tsm_sums[k, p] - sums[16, p] * sums[k, p] / n
                trend = q_tsm * q / stt[r]
                out[r, k, p] = 100.0 * trend / var
                out[r, k + u64(16), p] = 100.0 * (cov - trend) / var
