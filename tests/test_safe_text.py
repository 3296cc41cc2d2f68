"""Text from files reaches the terminal only through safe_text."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from credit_whatif.files.errors import InputError
from credit_whatif.safe_text import has_unsafe, printable


@given(st.text())
def test_printable_leaves_nothing_that_acts_on_a_terminal(text: str) -> None:
    shown = printable(text)
    assert not has_unsafe(shown)
    assert "\n" not in shown and "\x1b" not in shown


@given(st.text(alphabet=st.characters(blacklist_categories=["Cc", "Cf"])))
def test_printable_keeps_ordinary_text_as_it_is(text: str) -> None:
    assert printable(text) == text


def test_escape_sequences_and_overrides_are_shown_as_escapes() -> None:
    assert printable("a\x1b[2Jb") == "a\\x1b[2Jb"
    assert printable("\x1b]52;c;SGVsbG8=\x07") == "\\x1b]52;c;SGVsbG8=\\x07"
    assert printable("evil\u202etxt.exe") == "evil\\u202etxt.exe"
    assert printable("line\nbreak") == "line\\x0abreak"


def test_an_input_error_is_one_safe_line_whatever_the_file_held() -> None:
    error = InputError("book\x1b[2J.csv", "col\nname", "a value", "text '\x1b]0;title\x07'")
    assert str(error) == (
        "book\\x1b[2J.csv: col\\x0aname: expected a value, found text '\\x1b]0;title\\x07'"
    )
