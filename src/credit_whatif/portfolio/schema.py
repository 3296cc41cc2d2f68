"""The portfolio's table: a column per scenario input the registry declares one for
(its name, its type, its range), and the optional outcome columns a book may carry
for the lender's trade-off (the probability of default and the observed default).

The scenario inputs make a borrower's outcome; the outcome columns never do: they
only say, of the borrowers a policy restricts or serves, how many went bad.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import attrs
import polars as pl

from ..domain.catalogue import EXPECTED, expected_integer
from ..domain.inputs import Input, InputKind
from ..domain.keypath import get_value
from ..domain.regions import REGIONS
from ..domain.registry import REGISTRY, Registry
from ..domain.scenario import Borrower
from ..domain.text import LocalText

REGION_CODES: tuple[str, ...] = tuple(REGIONS)
REGION_TYPE = pl.Enum(list(REGION_CODES))


@attrs.frozen
class Column:
    """One column, the scenario input it feeds (None for ``id`` and the outcomes)."""

    name: str
    key: str | None
    kind: str  # "id", "int", "bool", "region" or "share"
    dtype: Any  # the Polars type the kernel reads
    range: tuple[int, int] = (0, 0)  # of an "int" column
    # A file may leave it out, and a cell may be empty: the borrower did not state it.
    optional: bool = False

    @property
    def expected(self) -> LocalText:
        """What a cell must hold, in both languages."""
        if self.kind == "int":
            lo, hi = self.range
            wanted = LocalText(f"an integer {lo}..{hi}", expected_integer(lo, hi).zh)
            return wanted + EXPECTED["or_empty"] if self.optional else wanted
        names = {"bool": "bool", "share": "probability", "region": "region_code"}
        return EXPECTED[names.get(self.kind, "id")]


def column_of(declared: Input) -> Column:
    """The portfolio column of a declared input: its reading and type follow its kind."""
    assert declared.column is not None
    if declared.kind is InputKind.SWITCH:
        return Column(declared.column, declared.key, "bool", pl.Boolean)
    if declared.kind is InputKind.REGION:
        return Column(declared.column, declared.key, "region", REGION_TYPE)
    if not declared.kind.is_number:
        raise ValueError(f"{declared.key}: a {declared.kind} input cannot be a column")
    dtype = pl.Int64 if declared.kind is InputKind.YUAN else pl.Int32
    return Column(
        declared.column, declared.key, "int", dtype, declared.range, optional=declared.optional
    )


def columns_for(registry: Registry) -> tuple[Column, ...]:
    """``id``, then a column per input the registry declares one for."""
    return (Column("id", None, "id", None), *(column_of(i) for i in registry.columns))


COLUMNS: tuple[Column, ...] = columns_for(REGISTRY)
NAMES: tuple[str, ...] = tuple(c.name for c in COLUMNS)

# --- The outcome (optional) ----------------------------------------------------------

PD = "pd_12m"  # the probability of default within 12 months, 0..1
DEFAULTED = "defaulted_12m"  # whether the borrower did default within 12 months
OUTCOMES: tuple[Column, ...] = (
    Column(PD, None, "share", pl.Float64),
    Column(DEFAULTED, None, "bool", pl.Boolean),
)
OUTCOME_NAMES: tuple[str, ...] = tuple(c.name for c in OUTCOMES)
PPM = 1_000_000  # probabilities are summed as whole parts per million: exact in any order


def outcome_names(schema: Sequence[str]) -> tuple[str, ...]:
    """The outcome columns a file has."""
    return tuple(name for name in OUTCOME_NAMES if name in schema)


def frame_from_borrowers(
    borrowers: Sequence[Borrower],
    registry: Registry = REGISTRY,
    outcomes: Sequence[tuple[float, bool]] | None = None,
) -> pl.DataFrame:
    """Borrowers of the scenario model as a portfolio table, as a file would hold it
    (ids 1..n), with `outcomes` (``(pd_12m, defaulted_12m)`` per borrower) if given."""
    columns = columns_for(registry)[1:]
    data: dict[str, list[Any]] = {"id": list(range(1, len(borrowers) + 1))}
    for column in columns:
        assert column.key is not None
        key = column.key.removeprefix("borrower.")
        data[column.name] = [get_value(b, key) for b in borrowers]
    schema: dict[str, Any] = {"id": pl.Int64}
    schema.update({c.name: pl.String if c.kind == "region" else c.dtype for c in columns})
    if outcomes is not None:
        data[PD] = [pd for pd, _ in outcomes]
        data[DEFAULTED] = [bad for _, bad in outcomes]
        schema.update({PD: pl.Float64, DEFAULTED: pl.Boolean})
    return pl.DataFrame(data, schema=schema)


_BITS = {pl.Int8: 8, pl.Int16: 16, pl.Int32: 32, pl.Int64: 64}
_BITS_UNSIGNED = {pl.UInt8: 8, pl.UInt16: 16, pl.UInt32: 32, pl.UInt64: 64}


def fits_in(source: Any, target: Any) -> bool:
    """Whether every value of integer type `source` is a value of the signed integer
    type `target` (a Parquet Int16 score fits the kernel's Int32)."""
    wide = _BITS.get(target)
    if wide is None:
        return False
    if source in _BITS:
        return _BITS[source] <= wide
    return source in _BITS_UNSIGNED and _BITS_UNSIGNED[source] < wide
