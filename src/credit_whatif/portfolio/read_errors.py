"""A Polars or OS error while reading a portfolio file, as one line naming the file."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

import polars as pl

from ..files.errors import InputError
from ..files.refusals import expected, found


@contextmanager
def polars_errors(source: str) -> Iterator[None]:
    """Turn a Polars or OS error while reading `source` into an :class:`InputError`
    (one line, no traceback)."""
    try:
        yield
    except (pl.exceptions.PolarsError, OSError) as exc:
        text = str(exc).strip()
        first = text.splitlines()[0] if text else type(exc).__name__
        problem = found("error", message=first)
        raise InputError(source, "(file)", expected("readable_portfolio"), problem) from None
