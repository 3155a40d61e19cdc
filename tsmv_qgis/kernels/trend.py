"""Kernels of the trend besides the test itself: Benjamini-Hochberg q-values and trend classes."""
import numpy as np


def benjamini_hochberg(p):
    """Benjamini-Hochberg adjusted p-values (q) of the finite entries of ``p``; NaN stays NaN."""
    p = np.asarray(p, np.float64)
    q = np.full(p.shape, np.nan)
    valid = np.isfinite(p)
    values = p[valid]
    m = values.size
    if m == 0:
        return q
    order = np.argsort(values, kind="stable")
    scaled = values[order] * m / np.arange(1, m + 1)
    adjusted = np.minimum.accumulate(scaled[::-1])[::-1]
    out = np.empty(m)
    out[order] = np.minimum(adjusted, 1.0)
    q[valid] = out
    return q


def trend_classes(z, significant):
    """-1 significant decrease, 0 none, +1 significant increase; NaN where ``significant`` is NaN."""
    return np.where(np.isnan(significant), np.nan,
                    np.where(significant == 1, np.sign(z), 0.0)).astype(np.float32)
