"""What a run kept, what it dropped and why, and which GLDAS versions its data came from.

Both travel with the outputs as GDAL metadata, so the next step and the report can say them:

* ``TSMV_COVERAGE`` (dataset metadata of an analysis output): JSON
  ``{"pixels": all pixels of the grid, "kept": pixels with a result,
  "dropped": {reason: pixels, ...}}``; the reasons are short phrases
  ("no data in the period", "fewer than 8 valid years", ...) and the counts add up to
  ``pixels``.
* ``GLDAS_VERSION`` (band metadata of a soil-moisture stack): the GLDAS version(s) the band
  was made from, e.g. ``2.0``, or ``2.0 2.1`` for a year made from both; ``GLDAS_VERSIONS``
  (dataset metadata): every version of the stack, or of the period an analysis used.
"""
import json

import numpy as np

COVERAGE = "TSMV_COVERAGE"
VERSION = "GLDAS_VERSION"
VERSIONS = "GLDAS_VERSIONS"


class Coverage:
    """Counts of pixels kept and dropped (by reason), added tile by tile."""

    def __init__(self, reasons):
        self.reasons = list(reasons)
        self.pixels = 0
        self.kept = 0
        self.dropped = dict.fromkeys(self.reasons, 0)

    def add(self, kept, *dropped):
        """Add one tile: ``kept`` and ``dropped`` (one per reason, in order) are boolean masks
        of its pixels; a dropped pixel counts under the first of its reasons."""
        taken = np.zeros(np.shape(kept), bool)
        for reason, mask in zip(self.reasons, dropped):
            mask = np.asarray(mask, bool) & ~taken
            self.dropped[reason] += int(mask.sum())
            taken |= mask
        self.kept += int(np.count_nonzero(kept))
        self.pixels = self.kept + sum(self.dropped.values())

    def metadata(self):
        return {COVERAGE: json.dumps({"pixels": self.pixels, "kept": self.kept,
                                      "dropped": self.dropped})}

    def text(self, what="pixels"):
        return coverage_text({"pixels": self.pixels, "kept": self.kept, "dropped": self.dropped}, what)


def read_coverage(metadata):
    """The coverage dict an output's metadata records, or None (an output made before, or
    by another tool)."""
    text = (metadata or {}).get(COVERAGE)
    if not text:
        return None
    try:
        cov = json.loads(text)
        return cov if {"pixels", "kept", "dropped"} <= set(cov) else None
    except ValueError:
        return None


def coverage_text(cov, what="pixels"):
    """'kept 5,000 of 54,000 pixels (9.3 %); dropped: 48,000 no data in the period, ...'"""
    pixels, kept = cov["pixels"], cov["kept"]
    share = " (%.1f %%)" % (100.0 * kept / pixels) if pixels else ""
    dropped = ["{:,} {}".format(n, reason) for reason, n in cov["dropped"].items() if n]
    return "kept {:,} of {:,} {}{}".format(kept, pixels, what, share) + (
        "; dropped: " + ", ".join(dropped) if dropped else "")


def join_versions(versions):
    """'2.0 2.1' from any iterable of versions (empty ones left out), oldest first."""
    found = {v for text in versions if text for v in str(text).split()}
    return " ".join(sorted(found, key=lambda v: tuple(int(p) for p in v.split("."))))


def version_metadata(versions):
    """Band metadata (for StackWriter's ``band_metadata``) from each band's versions."""
    return [{VERSION: v} if v else {} for v in versions]


#: What a mix of GLDAS versions may do to a trend or a variance, and to a change point.
ACROSS_THE_CHANGE = ("a trend or variance across the change may partly be the change itself (Li et al. "
                     "2025 split the record at 2000 for this reason)")
CHANGE_POINTS_AT_1999 = "change points at 1999 may be the product change rather than a change in soil moisture"


def mixed_versions(versions, what, consequence=ACROSS_THE_CHANGE):
    """A warning (for ``Log.warn``) when ``versions`` (as join_versions gives them) hold more
    than one, saying its ``consequence``; else None."""
    found = join_versions([versions]).split()
    if len(found) < 2:
        return None
    return ("%s mixes GLDAS versions %s: V2.0 (before 2000) and V2.1 (from 2000) come "
            "from different forcing and model versions, so %s" % (what, " and ".join("V" + v for v in found),
                                                                   consequence))


class AreaMean:
    """Means of K quantities over the pixels where each is valid, area-weighted and plain,
    added tile by tile (the tables of attribution and correlation)."""

    def __init__(self, k):
        self.pixels = np.zeros(k)   # valid pixels
        self.total = np.zeros(k)    # sum of the values
        self.weight = np.zeros(k)   # sum of the valid pixels' weights (cell areas)
        self.weighted = np.zeros(k)  # sum of value x weight

    def add(self, values, valid, weights):
        """``values`` (K, P), ``valid`` (K, P) or (P,), ``weights`` (P,) of one tile."""
        valid = np.broadcast_to(valid, values.shape)
        self.pixels += valid.sum(axis=1)
        self.total += np.where(valid, values, 0.0).sum(axis=1)
        self.weight += np.where(valid, weights, 0.0).sum(axis=1)
        self.weighted += np.where(valid, values * weights, 0.0).sum(axis=1)

    @property
    def mean(self):
        """Area-weighted means (NaN where no pixel was valid)."""
        with np.errstate(invalid="ignore", divide="ignore"):
            return self.weighted / self.weight

    @property
    def plain_mean(self):
        """Unweighted means (NaN where no pixel was valid)."""
        with np.errstate(invalid="ignore", divide="ignore"):
            return self.total / self.pixels
