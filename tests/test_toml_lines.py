"""The message files' line reader builds what tomllib builds, or leaves the text to
tomllib: never a different tree, never one where tomllib reports an error."""

from __future__ import annotations

import pkgutil
import tomllib
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from credit_whatif.domain import toml_lines
from credit_whatif.domain.message_files import LANGS, file_name


@pytest.mark.parametrize("lang", LANGS)
def test_each_message_file_is_read_a_line_at_a_time_to_tomllib_tree(lang: str) -> None:
    data = pkgutil.get_data("credit_whatif", file_name(lang))  # type: ignore[arg-type]
    assert data is not None
    text = data.decode("utf-8")
    tree = toml_lines.read(text)
    assert tree is not None  # else the start pays for tomllib's reading again
    assert tree == tomllib.loads(text)


def by_tomllib(text: str) -> dict[str, Any] | None:
    try:
        return tomllib.loads(text)
    except tomllib.TOMLDecodeError:
        return None


KEYS = st.sampled_from(["a", "b", "one", "other", "x-1", "'a'", '"b"', "'a.b'", '""', "é", "1"])
SPACES = st.sampled_from(["", " ", "\t", "  "])
TEXTS = st.sampled_from(
    ["'x'", '"y"', "''", "'it''s'", '"a\\"b"', "'#'", "'{n} day'", "\"'q'\"", "'a\tb'", "'''m'''"]
)


def st_join(parts: list[str]) -> str:
    return ".".join(parts)


DOTTED = st.lists(KEYS, min_size=1, max_size=3).map(st_join)


@st.composite
def lines(draw: st.DrawFn) -> str:
    space = draw(SPACES)
    kind = draw(st.integers(0, 6))
    if kind == 0:
        return space + draw(st.sampled_from(["", "# note", "#", "# 'x' = y"]))
    if kind == 1:
        return f"{space}[{space}{draw(DOTTED)}{space}]{space}"
    if kind == 2:
        pairs = draw(st.lists(st.tuples(KEYS, TEXTS), max_size=3))
        inner = f"{draw(SPACES)},{draw(SPACES)}".join(f"{k} = {v}" for k, v in pairs)
        tail = draw(st.sampled_from(["", ",", " "]))
        return f"{space}{draw(DOTTED)} = {{{space}{inner}{tail}}}"
    if kind == 3:
        junk = ["[[a]]", "a = 1", "a = true", "a = [ 'x' ]", "a =", "= 'x'", "a = 'x' b", "a.= 'x'"]
        return draw(st.sampled_from([*junk, "a = 'x'\r", "a = '\x01'", "# \x7f"]))
    comment = draw(st.sampled_from(["", " # c", "#c", " #"]))
    return f"{space}{draw(DOTTED)}{draw(SPACES)}={draw(SPACES)}{draw(TEXTS)}{comment}"


@given(st.lists(lines(), max_size=12), st.sampled_from(["\n", "\r\n"]), st.booleans())
def test_any_text_gives_tomllib_tree_or_is_left_to_tomllib(
    document: list[str], end: str, final_newline: bool
) -> None:
    text = end.join(document) + (end if final_newline else "")
    tree = toml_lines.read(text)
    assert tree is None or tree == by_tomllib(text)
