"""Score bands, the groups of ``--by score_band``: a portfolio need not have a band
column, so the band of each row is computed from its score. The bands are cut at the
default policy's score floors, so the borrowers of one band are treated alike by them.
"""

from __future__ import annotations

import functools
import itertools

import polars as pl

from ..domain.enums import Tightening

SCORE_BAND = "score_band"


@functools.cache
def score_bands() -> tuple[tuple[int, int], ...]:
    """Score bands cut at the default policy's score floors at the normal level, so
    each band is a set of borrowers that the same floors treat alike:
    350-449, 450-519, 520-599, 600-649, 650-699, 700-950 for the bundled default."""
    from ..domain.bands import score_floors
    from ..domain.limits import SCORE_MAX, SCORE_MIN
    from ..files.policies import default_policy

    cuts = sorted({v for v, _ in score_floors(default_policy(), Tightening.NORMAL)})
    edges = [SCORE_MIN, *(c for c in cuts if SCORE_MIN < c <= SCORE_MAX), SCORE_MAX + 1]
    return tuple((lo, hi - 1) for lo, hi in itertools.pairwise(edges))


def score_band_label(band: tuple[int, int]) -> str:
    """A score band's name in reports and ``--by score_band``: its range, "450-519"."""
    return f"{band[0]}-{band[1]}"


def score_band_index() -> pl.Expr:
    """The band of each row's score, as its index in :func:`score_bands` (UInt8): a
    group-by on it is cheaper than on the labels, which :func:`label_bands` puts on
    the few groups afterwards."""
    bands = score_bands()
    return pl.sum_horizontal([(pl.col("score") >= lo).cast(pl.UInt8) for lo, _ in bands[1:]])


def label_bands(index: pl.Expr) -> pl.Expr:
    """Band indexes (:func:`score_band_index`) as an enum of the band labels."""
    labels = [score_band_label(b) for b in score_bands()]
    return index.replace_strict(list(range(len(labels))), labels, return_dtype=pl.Enum(labels))
