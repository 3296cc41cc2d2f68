"""The one line a refused command prints, checked the same way by every test of the
CLI's error languages."""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from click.testing import CliRunner

from credit_whatif.cli import main

PREFIX = {"en": "credit-whatif: error: ", "zh": "credit-whatif：错误："}


def refusal_line(argv: Sequence[str], lang: str, env: Mapping[str, str] | None = None) -> str:
    """The command's only stderr line in `lang` (exit 2, nothing on stdout, no
    traceback, no escape codes), without its prefix."""
    result = CliRunner().invoke(main, [*argv, "--lang", lang], env=env)
    assert result.exception is None or isinstance(result.exception, SystemExit), result.exc_info
    err = result.stderr
    assert result.exit_code == 2, (result.stdout, err)
    assert result.stdout == ""
    assert err.endswith("\n") and err.count("\n") == 1, err
    assert "Traceback" not in err and "\x1b" not in err
    assert err.startswith(PREFIX[lang]), err
    return err.removeprefix(PREFIX[lang]).removesuffix("\n")
