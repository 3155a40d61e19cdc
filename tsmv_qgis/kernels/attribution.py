"""The kernel of the attribution (Li et al. 2025, eq. 1-10): the 32 contributions of seasons and
depths to the variance of total soil moisture, per pixel, on arrays only (see
:mod:`tsmv_qgis.steps.attribution` for the method)."""
from dataclasses import dataclass

import numpy as np


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
