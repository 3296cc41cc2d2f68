"""Chinese lines never start with closing punctuation, at any width."""

from __future__ import annotations

import itertools

from hypothesis import given
from hypothesis import strategies as st
from rich.console import Console
from rich.text import Text

from credit_whatif.tui.kinsoku import NO_LINE_START, kinsoku_lines

SENTENCE = (
    "您的借款申请暂时无法办理。经综合评估，建议按期还款，保持良好的信用记录；如有疑问，请联系客服。"
)


def test_a_full_stop_never_starts_a_line() -> None:
    console = Console(width=200)
    bad = [w for w in range(8, 60) if starts_badly(Text(SENTENCE).wrap(console, w))]
    assert bad  # Rich alone starts a line with punctuation at these widths
    for width in bad:
        lines = kinsoku_lines(Text(SENTENCE), console, width)
        assert not starts_badly(lines)
        assert all(line.cell_len <= width for line in lines)
        assert "".join(line.plain for line in lines) == SENTENCE  # nothing lost or added


def starts_badly(lines: object) -> bool:
    return any(line.plain[:1] in NO_LINE_START for line in lines)  # type: ignore[attr-defined]


@given(
    st.integers(6, 60), st.text(alphabet="借款申请额度还款。，、；：！？（）“”0123 ", max_size=80)
)
def test_any_text_at_any_width_keeps_its_characters(width: int, sentence: str) -> None:
    console = Console(width=200)
    lines = kinsoku_lines(Text(sentence), console, width)
    wrapped = Text(sentence).wrap(console, width)
    assert "".join(line.plain for line in lines) == "".join(line.plain for line in wrapped)
    for before, line in itertools.pairwise(lines):
        if line.plain[:1] in NO_LINE_START:
            assert len(before.plain) <= 1  # nothing left to carry over
