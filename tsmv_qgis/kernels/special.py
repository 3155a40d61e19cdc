"""The few special functions the science core needs, in numpy alone.

scipy is not in every QGIS installer (on macOS it is missing, or fails to
import on some Apple-silicon builds), so the Mann-Kendall p-value and Pearson's
p are computed here (the normal quantile is the standard library's
``statistics.NormalDist().inv_cdf``):

* :func:`erfc`, vectorised, to about one ulp over the whole range: the
  piecewise rational approximations of Sun's fdlibm ``s_erf.c``.
* :func:`t_two_sided_p`, Student's t, df per element: the regularized
  incomplete beta function by its continued fraction.
"""
import math

import numpy as np

# --- erfc ------------------------------------------------------------------------------------
# Coefficients from fdlibm s_erf.c 5.1 93/09/24 (as in FreeBSD lib/msun/src/s_erf.c):
#   Copyright (C) 1993 by Sun Microsystems, Inc. All rights reserved.
#   Developed at SunPro, a Sun Microsystems, Inc. business.
#   Permission to use, copy, modify, and distribute this software is freely granted,
#   provided that this notice is preserved.
# Each tuple is a polynomial, constant term first.

ERX = 8.45062911510467529297e-01  # erf(1) rounded to single precision
# erf(x) = x + x * PP(x^2)/QQ(x^2) on |x| < 0.84375
PP = (1.28379167095512558561e-01, -3.25042107247001499370e-01, -2.84817495755985104766e-02,
      -5.77027029648944159157e-03, -2.37630166566501626084e-05)
QQ = (1.0, 3.97917223959155352819e-01, 6.50222499887672944485e-02, 5.08130628187576562776e-03,
      1.32494738004321644526e-04, -3.96022827877536812320e-06)
# erf(1 + s) - ERX = PA(s)/QA(s) on 0.84375 <= |x| < 1.25
PA = (-2.36211856075265944077e-03, 4.14856118683748331666e-01, -3.72207876035701323847e-01,
      3.18346619901161753674e-01, -1.10894694282396677476e-01, 3.54783043256182359371e-02,
      -2.16637559486879084300e-03)
QA = (1.0, 1.06420880400844228286e-01, 5.40397917702171048937e-01, 7.18286544141962662868e-02,
      1.26171219808761642112e-01, 1.36370839120290507362e-02, 1.19844998467991074170e-02)
# erfc(x) = exp(-x^2 - 0.5625 + R(1/x^2)/S(1/x^2)) / x: RA/SA on [1.25, 1/0.35), RB/SB on [1/0.35, 28)
RA = (-9.86494403484714822705e-03, -6.93858572707181764372e-01, -1.05586262253232909814e+01,
      -6.23753324503260060396e+01, -1.62396669462573470355e+02, -1.84605092906711035994e+02,
      -8.12874355063065934246e+01, -9.81432934416914548592e+00)
SA = (1.0, 1.96512716674392571292e+01, 1.37657754143519042600e+02, 4.34565877475229228821e+02,
      6.45387271733267880336e+02, 4.29008140027567833386e+02, 1.08635005541779435134e+02,
      6.57024977031928170135e+00, -6.04244152148580987438e-02)
RB = (-9.86494292470009928597e-03, -7.99283237680523006574e-01, -1.77579549177547519889e+01,
      -1.60636384855821916062e+02, -6.37566443368389627722e+02, -1.02509513161107724954e+03,
      -4.83519191608651397019e+02)
SB = (1.0, 3.03380607434824582924e+01, 3.25792512996573918826e+02, 1.53672958608443695994e+03,
      3.19985821950859553908e+03, 2.55305040643316442583e+03, 4.74528541206955367215e+02,
      -2.24409524465858183362e+01)
# fdlibm switches from RA/SA to RB/SB on the high word 0x4006DB6D, just below 1/0.35.
SWITCH = float(np.array(0x4006DB6D00000000, np.uint64).view(np.float64))


def _poly(coefficients, x):
    """Horner's rule, as fdlibm writes it out."""
    result = np.full_like(x, coefficients[-1])
    for c in coefficients[-2::-1]:
        result = result * x + c
    return result


def _small(x):
    """erfc on |x| < 0.84375: 1 - erf(x), rearranged above 1/4 to keep the last bits."""
    y = _poly(PP, x * x) / _poly(QQ, x * x)
    return np.where(x < 0.25, 1.0 - (x + x * y), 0.5 - (x * y + (x - 0.5)))


def _near_one(x):
    """erfc on 0.84375 <= |x| < 1.25."""
    s = np.abs(x) - 1.0
    ratio = _poly(PA, s) / _poly(QA, s)
    return np.where(x > 0, (1.0 - ERX) - ratio, 1.0 + (ERX + ratio))


def _tail(r, s):
    """erfc on 1.25 <= |x| < 28 with the rational function R/S of its range."""
    def piece(x):
        v = np.abs(x)
        w = 1.0 / (v * v)
        # exp(-v^2) would lose v^2 * eps relatively to the rounding of v^2: z, v with its low
        # 32 bits cleared, has z*z exact, and -v^2 = -z*z + (z - v)(z + v), a small remainder.
        z = (v.view(np.uint64) & np.uint64(0xFFFFFFFF00000000)).view(np.float64)
        e = np.exp(-z * z - 0.5625) * np.exp((z - v) * (z + v) + _poly(r, w) / _poly(s, w)) / v
        return np.where(x > 0, e, 2.0 - e)
    return piece


# Each piece of fdlibm's erfc and the range of |x| it covers.
PIECES = ((0.0, 0.84375, _small), (0.84375, 1.25, _near_one),
          (1.25, SWITCH, _tail(RA, SA)), (SWITCH, 28.0, _tail(RB, SB)))


def erfc(x):
    """Complementary error function of a float array (or scalar), elementwise; NaN gives NaN."""
    x = np.asarray(x, dtype=np.float64)
    flat = x.ravel()
    a = np.abs(flat)
    out = np.full(flat.shape, np.nan)  # NaN is in none of the ranges, and stays
    for low, high, piece in PIECES:
        index = np.flatnonzero((a >= low) & (a < high))
        if index.size:
            out[index] = piece(flat[index])
    out[flat >= 28.0] = 0.0  # erfc(28) < 1e-342, below the smallest double
    out[flat <= -28.0] = 2.0
    out = out.reshape(x.shape)
    return out[()] if out.ndim == 0 else out


# --- Student's t ----------------------------------------------------------------------------

TINY = 1e-300  # keeps the continued fraction's Lentz denominators away from zero
EPS = float(np.finfo(np.float64).eps)  # an element is done when a term changes it by <= 1 ulp
MAX_TERMS = 1000  # with the symmetry switch, a few dozen terms do (40 for df = 80 or for df = 1e6)


def t_two_sided_p(t, df, few_df=True):
    """Two-sided p-value of Student's t with ``df`` degrees of freedom, elementwise.

    p = P(|T| >= |t|) = I_x(df/2, 1/2) with x = df / (df + t^2), the regularized incomplete
    beta function.  t = 0 gives 1, |t| = inf gives 0, df = inf the normal distribution's p;
    NaN, or df <= 0, gives NaN.  Relative error (p > 1e-300): 1e-14 up to df = 30, 1e-13
    up to df = 1000, 1e-12 at df = 1e4; it grows with df (x is rounded near 1) and as p
    gets smaller (x^a y^(1/2) is exp of a larger logarithm).  ``few_df``: df takes few
    distinct values (whole numbers of years), and log B(df/2, 1/2) is computed once for each
    with the math module; False (any df, e.g. an effective sample size): with numpy for every
    element, the same to an ulp or two.
    """
    t, df = np.broadcast_arrays(np.asarray(t, dtype=np.float64), np.asarray(df, dtype=np.float64))
    shape = t.shape
    t, df = np.abs(t.ravel()), df.ravel()
    p = np.full(t.shape, np.nan)
    usable = (df > 0) & ~np.isnan(t)  # NaN df fails df > 0
    p[usable & (t == 0)] = 1.0
    p[usable & np.isinf(t)] = 0.0
    normal = np.flatnonzero(usable & np.isinf(df) & (t > 0) & np.isfinite(t))
    p[normal] = erfc(t[normal] / math.sqrt(2.0))
    work = np.flatnonzero(usable & np.isfinite(df) & (t > 0) & np.isfinite(t))
    if work.size:
        p[work] = _t_tail(t[work], df[work], few_df)
    p = p.reshape(shape)
    return p[()] if p.ndim == 0 else p


def _t_tail(t, df, few_df=True):
    """I_x(df/2, 1/2) for finite t > 0 and df > 0."""
    a = 0.5 * df
    # u = t^2/df in logarithms, so that no t overflows: x = 1/(1+u), y = 1 - x = u/(1+u)
    log_u = 2.0 * np.log(t) - np.log(df)
    log_x = -np.logaddexp(0.0, log_u)
    log_y = log_u + log_x
    x = np.exp(log_x)
    y = np.exp(log_y)
    if few_df:
        values, index = np.unique(a, return_inverse=True)  # few distinct df: a Python loop over them
        log_beta = np.array([0.5 * math.log(math.pi) - _log_gamma_ratio(v) for v in values])[index.ravel()]
    else:
        log_beta = 0.5 * math.log(math.pi) - _log_gamma_ratios(a)
    front = np.exp(a * log_x + 0.5 * log_y - log_beta)  # x^a y^(1/2) / B(a, 1/2)
    # The fraction converges fast for x < (a+1)/(a+b+2); beyond, I_x(a,b) = 1 - I_y(b,a).
    direct = x * (a + 2.5) < a + 1.0
    first = np.where(direct, a, 0.5)
    part = front * _beta_fraction(first, np.where(direct, 0.5, a), np.where(direct, x, y)) / first
    return np.where(direct, part, 1.0 - part)


def _log_gamma_ratio(a):
    """log(Gamma(a + 1/2) / Gamma(a)) of a float a > 0, to a few ulp.

    lgamma(a + 1/2) - lgamma(a) would lose about lgamma(a) * eps (1e-12 at df = 200) to
    cancellation.  Instead: the recurrence Gamma(a+1) = a Gamma(a) up to a >= 20, then the
    asymptotic series from Stirling's, sum over k of (-1)^k (B_k(1/2) - B_k) / (k(k-1) a^(k-1)).
    """
    shift = 0.0
    while a < 20.0:
        shift -= math.log1p(0.5 / a)
        a += 1.0
    s = 1.0 / (a * a)
    series = (-1.0 / 8 + s * (1.0 / 192 + s * (-1.0 / 640 + s * (17.0 / 14336 - s * 31.0 / 18432)))) / a
    return shift + 0.5 * math.log(a) + series


def _log_gamma_ratios(a):
    """:func:`_log_gamma_ratio` of every element of an array a > 0, with numpy."""
    a = np.array(a, np.float64)
    shift = np.zeros_like(a)
    below = np.flatnonzero(a < 20.0)
    while below.size:
        shift[below] -= np.log1p(0.5 / a[below])
        a[below] += 1.0
        below = below[a[below] < 20.0]
    s = 1.0 / (a * a)
    series = (-1.0 / 8 + s * (1.0 / 192 + s * (-1.0 / 640 + s * (17.0 / 14336 - s * 31.0 / 18432)))) / a
    return shift + 0.5 * np.log(a) + series


def _beta_fraction(a, b, x):
    """The continued fraction of I_x(a, b) (Numerical Recipes' betacf) by modified Lentz.

    Vectorised: all elements take each term together.  An element is done the first time
    a term changes its value by 1 ulp or less (later terms can wobble by an ulp or two
    about 1, so "all done now" is not the test); its value is kept, and the arrays are cut
    down to the elements not done whenever at least half of them are.
    """
    out = np.empty_like(x)
    left = np.arange(x.size)
    done = np.zeros(x.size, bool)
    c = np.ones_like(x)
    d = 1.0 / _nonzero(1.0 - (a + b) * x / (a + 1.0))
    h = d
    for m in range(1, MAX_TERMS + 1):
        a2m = a + 2 * m
        for coefficient in (m * (b - m) * x / ((a2m - 1.0) * a2m),
                            -(a + m) * (a + b + m) * x / (a2m * (a2m + 1.0))):
            d = 1.0 / _nonzero(1.0 + coefficient * d)
            c = _nonzero(1.0 + coefficient / c)
            factor = c * d
            h = h * factor
        now = (np.abs(factor - 1.0) <= EPS) & ~done
        if now.any():
            out[left[now]] = h[now]
            done |= now
            if done.all():
                return out
            if 2 * np.count_nonzero(done) >= done.size:
                keep = ~done
                left, a, b, x, c, d, h = (v[keep] for v in (left, a, b, x, c, d, h))
                done = np.zeros(left.size, bool)
    keep = ~done  # none in practice: the fraction has had MAX_TERMS terms
    out[left[keep]] = h[keep]
    return out


def _nonzero(v):
    """v with values nearer to 0 than TINY moved to TINY (Lentz's guard against 0/0)."""
    return np.where(np.abs(v) < TINY, TINY, v)
