"""Every bad input gets one clear answer: a corpus of bad presets, bad overrides,
and generated mutations of good presets."""

from __future__ import annotations

import subprocess
import sys
import tomllib
from pathlib import Path
from typing import Any

import pytest
import tomli_w
from click.testing import CliRunner
from hypothesis import given
from hypothesis import strategies as st

from credit_whatif.cli import main
from credit_whatif.domain import InvalidValueError, Scenario, with_values
from credit_whatif.files.errors import PresetError
from credit_whatif.files.overrides import apply_overrides
from credit_whatif.files.presets import (
    bundled_dir,
    load_preset,
    loads_preset,
    preset_to_dict,
    resolve_preset,
)
from credit_whatif.files.tomlfile import MAX_FILE_BYTES
from credit_whatif.safe_text import printable

from .corpus import TABLE_KEYS, expected
from .strategies import scenarios

DATA = Path(__file__).parent / "data"
CORPUS = DATA / "bad_presets"
EXPECTED: dict[str, str] = tomllib.loads((DATA / "bad_presets.toml").read_text(encoding="utf-8"))
BAD_FILES = sorted(CORPUS.iterdir())


def test_the_corpus_has_an_expected_error_for_every_file() -> None:
    assert len(BAD_FILES) >= 30
    assert {p.name for p in BAD_FILES} == set(EXPECTED)


@pytest.mark.parametrize("path", BAD_FILES, ids=lambda p: p.name)
def test_library_gives_the_exact_error(path: Path) -> None:
    with pytest.raises(PresetError) as info:
        load_preset(path)
    assert str(info.value) == expected(EXPECTED[path.name], path)


@pytest.mark.parametrize("path", BAD_FILES, ids=lambda p: p.name)
def test_cli_exits_2_with_the_error_on_one_line(path: Path) -> None:
    result = CliRunner().invoke(main, ["eval", str(path)])
    assert result.exit_code == 2
    assert result.stdout == ""
    assert result.stderr == f"credit-whatif: error: {expected(EXPECTED[path.name], path)}\n"


@pytest.mark.parametrize("name", ["syntax-missing-value.toml", "non-utf8.toml", "directory.toml"])
def test_a_real_process_prints_no_traceback(name: str) -> None:
    path = CORPUS / name
    result = subprocess.run(
        [sys.executable, "-m", "credit_whatif", "eval", str(path)],
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 2
    assert result.stderr == f"credit-whatif: error: {expected(EXPECTED[name], path)}\n"


def test_missing_file(tmp_path: Path) -> None:
    path = tmp_path / "nowhere.toml"
    with pytest.raises(PresetError) as info:
        load_preset(path)
    assert (
        str(info.value) == f"{path}: (file): expected an existing preset file, found no such file"
    )


def test_oversized_file_is_refused_before_it_is_read(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "huge.toml"
    with path.open("wb") as handle:
        handle.truncate(50 * 1024 * 1024)  # sparse: 50 MiB on paper
    opened: list[object] = []
    real_open = Path.open

    def spy(self: Path, *args: Any, **kwargs: Any) -> Any:
        opened.append(self)
        return real_open(self, *args, **kwargs)

    monkeypatch.setattr(Path, "open", spy)
    with pytest.raises(PresetError) as info:
        load_preset(path)
    assert str(info.value) == (
        f"{path}: (file): expected at most {MAX_FILE_BYTES:,} bytes, found 52,428,800 bytes"
    )
    assert opened == []


@pytest.mark.parametrize(
    ("override", "message"),
    [
        (
            "borrower.score=951",
            "--set borrower.score=951: borrower.score: expected an integer 350..950, found integer 951",
        ),
        (
            "borrower.score=680.5",
            "--set borrower.score=680.5: borrower.score: expected an integer 350..950, found float 680.5",
        ),
        (
            "borrower.score=nan",
            "--set borrower.score=nan: borrower.score: expected an integer 350..950, found float nan",
        ),
        (
            "borrower.credit_limit=-1",
            "--set borrower.credit_limit=-1: borrower.credit_limit: expected an integer 0..10000000, found integer -1",
        ),
        (
            "borrower.identity_verified=yes",
            "--set borrower.identity_verified=yes: borrower.identity_verified: expected true or false, found string 'yes'",
        ),
        (
            "borrower.overdue.current_days=5",
            "--set borrower.overdue.current_days=5: borrower.overdue.worst_days: expected at least current_days (5), found integer 0",
        ),
        (
            "system.risk_engine=dwn",
            '--set system.risk_engine=dwn: system.risk_engine: expected one of "up", "degraded", "down" (did you mean \'down\'?), found string \'dwn\'',
        ),
        (
            "policy.suspended_regions=CN-ZJ",
            "--set policy.suspended_regions=CN-ZJ: policy.suspended_regions: expected an array of region codes, found string 'CN-ZJ'",
        ),
        (
            'policy.suspended_regions=["CN-QQ"]',
            '--set policy.suspended_regions=["CN-QQ"]: policy.suspended_regions[0]: expected an ISO 3166-2:CN province-level code',
        ),
        (
            "borrower.regoin=CN-BJ",
            "--set borrower.regoin=CN-BJ: borrower.regoin: expected one of "
            f"{TABLE_KEYS['borrower']} (did you mean 'region'?)",
        ),
        (
            "borrower.overdue.deep.er=1",
            "--set borrower.overdue.deep.er=1: borrower.overdue.deep: expected one of "
            + TABLE_KEYS["borrower.overdue"],
        ),
        (
            'name="a/b"',
            "--set name=\"a/b\": name: expected a name without control characters or path separators, found '/' in 'a/b'",
        ),
        (
            "name=a/b",
            "--set name=a/b: name: expected a TOML value (put text in quotes), found 'a/b'",
        ),
        ("borrower=5", "--set borrower=5: borrower: expected a table, found integer 5"),
        (
            "borrower.score",
            "--set borrower.score: borrower.score: expected KEY=VALUE, found 'borrower.score'",
        ),
        ("=5", "--set =5: (key): expected KEY=VALUE, found '=5'"),
        (
            "borrower score=5",
            "--set borrower score=5: borrower score: expected a dotted key path such as borrower.score",
        ),
        # One --set is one key and one value: nothing after it is dropped unseen.
        (
            "borrower.score=600\nborrower.credit_limit=0",
            "--set borrower.score=600\\x0aborrower.credit_limit=0: borrower.score: expected one KEY=VALUE, found a newline after the value ('borrower.credit_limit=0')",
        ),
        (
            "borrower.score=600\n[system]\ndisbursement='down'",
            "--set borrower.score=600\\x0a[system]\\x0adisbursement='down': borrower.score: expected one KEY=VALUE, found a newline after the value (\"[system]\\ndisbursement='down'\")",
        ),
        (
            "policy.suspended_regions=[\n'CN-ZJ']",
            "--set policy.suspended_regions=[\\x0a'CN-ZJ']: policy.suspended_regions: expected one KEY=VALUE, found a newline in the value (\"'CN-ZJ']\")",
        ),
        (
            "borrower.score=600 borrower.credit_limit=0",
            "--set borrower.score=600 borrower.credit_limit=0: borrower.score: expected one KEY=VALUE, found a second assignment in '600 borrower.credit_limit=0'",
        ),
        (
            f"borrower.score={'9' * 5000}",
            f"--set borrower.score={'9' * 5000}: borrower.score: expected an integer of at most 4,300 digits, found an integer of 5,000 digits",
        ),
        (
            f"borrower.score=0x{'f' * 3700}",
            f"--set borrower.score=0x{'f' * 3700}: borrower.score: expected an integer of at most 4,300 digits, found an integer of 4,456 digits",
        ),
        (
            f"policy.suspended_regions={'[' * 20000}{']' * 20000}",
            f"--set policy.suspended_regions={'[' * 20000}{']' * 20000}: policy.suspended_regions: expected arrays or tables nested at most 32 levels deep, found deeper nesting",
        ),
    ],
)
def test_overrides_are_checked_like_files(override: str, message: str) -> None:
    with pytest.raises(PresetError) as info:
        apply_overrides(resolve_preset("healthy"), [override])
    assert str(info.value).startswith(message)
    result = CliRunner().invoke(main, ["eval", "--set", override])
    assert result.exit_code == 2
    assert result.stderr.startswith(f"credit-whatif: error: {message}")
    assert result.stderr.count("\n") == 1


# --- Generated bad input --------------------------------------------------------

GOOD = [preset_to_dict(load_preset(p)) for p in sorted(bundled_dir().glob("*.toml"))]
ODD_VALUES = st.one_of(
    st.integers(-(2**63), 2**63 - 1),
    st.floats(allow_nan=True, allow_infinity=True),
    st.text(max_size=12),
    st.booleans(),
    st.lists(st.integers(), max_size=3),
    # Keys the mutator can walk back to by a dotted path (no dots, never empty).
    st.dictionaries(
        st.text(st.characters(codec="ascii", categories=["L"]), min_size=1, max_size=5),
        st.integers(),
        max_size=2,
    ),
)


def _paths(data: dict[str, Any], prefix: str = "") -> list[str]:
    out = []
    for key, value in data.items():
        path = f"{prefix}{key}"
        out.append(path)
        if isinstance(value, dict):
            out.extend(_paths(value, f"{path}."))
    return out


def _parent(data: dict[str, Any], path: str) -> tuple[dict[str, Any], str]:
    *tables, last = path.split(".")
    node = data
    for table in tables:
        node = node[table]
    return node, last


@st.composite
def mutated_documents(draw: st.DrawFn) -> str:
    import copy

    data = copy.deepcopy(draw(st.sampled_from(GOOD)))
    for _ in range(draw(st.integers(1, 3))):
        path = draw(st.sampled_from(_paths(data)))
        node, key = _parent(data, path)
        action = draw(st.sampled_from(["drop", "retype", "rename", "out_of_range", "nest"]))
        if action == "drop":
            del node[key]
        elif action == "retype":
            node[key] = draw(ODD_VALUES)
        elif action == "rename":
            node[
                draw(
                    st.text(
                        st.characters(codec="ascii", categories=["L", "N"]), min_size=1, max_size=12
                    )
                )
            ] = node.pop(key)
        elif (
            action == "out_of_range"
            and isinstance(node[key], int)
            and not isinstance(node[key], bool)
        ):
            node[key] = draw(st.sampled_from([-1, 10**7 + 1, 951, 349, 2**70]))
        elif action == "nest":
            node[key] = {"inner": node[key]}
        if not _paths(data):
            break
    text = tomli_w.dumps(data)
    if draw(st.booleans()):
        # Duplicate a line: a duplicate key or table.
        lines = text.splitlines()
        if lines:
            index = draw(st.integers(0, len(lines) - 1))
            lines.insert(index, lines[index])
            text = "\n".join(lines) + "\n"
    return text


KNOWN_KEYS = {"(syntax)", "(file)", "(top level)"}


def _assert_clear(text: str) -> None:
    try:
        preset = loads_preset(text, "mutant.toml")
    except PresetError as error:
        message = str(error)
        assert message.startswith("mutant.toml: ")
        assert error.key and (
            error.key in KNOWN_KEYS or error.key[0].isalnum() or error.key[0] == "_"
        )
        assert f": {printable(error.key)}: expected " in message
        assert "\n" not in message
    else:
        assert isinstance(preset.scenario, Scenario)


@given(mutated_documents())
def test_mutated_presets_load_or_fail_with_one_preset_error(text: str) -> None:
    _assert_clear(text)


@given(st.text(max_size=300))
def test_arbitrary_text_loads_or_fails_with_one_preset_error(text: str) -> None:
    _assert_clear(text)


# --- Edits: what the explorer sends the model -------------------------------------

INPUT_KEYS = [
    "borrower.score",
    "borrower.credit_limit",
    "borrower.outstanding",
    "borrower.identity_verified",
    "borrower.region",
    "borrower.overdue.count_24m",
    "borrower.overdue.worst_days",
    "borrower.overdue.current_days",
    "borrower.activity.limit_checks_30d",
    "borrower.activity.failed_attempts_7d",
    "system.disbursement",
    "system.risk_engine",
    "system.payment_network",
    "system.account_service",
    "policy.tightening",
    "policy.suspended_regions",
]


@pytest.mark.parametrize("key", INPUT_KEYS)
@given(scenario=scenarios(), value=st.one_of(ODD_VALUES, st.none()))
def test_any_edit_is_applied_or_refused_with_one_error_type(
    key: str, scenario: Scenario, value: object
) -> None:
    """The explorer turns every refused edit into a notification; that only works if
    the model answers anything it is given with InvalidValueError (a neighbour's
    cross-field check once raised TypeError on a typed '-')."""
    try:
        changed = with_values(scenario, {key: value})
    except InvalidValueError as error:
        assert error.expected and error.found
    else:
        assert isinstance(changed, Scenario)


# --- Whatever a file holds, loading answers with one InputError ---------------------

TOML_PIECES = st.sampled_from(
    [
        "[",
        "]",
        "{",
        "}",
        "[[",
        "]]",
        '"',
        "'",
        '"""',
        "'''",
        "=",
        ".",
        ",",
        "#",
        "\\",
        "\n",
        " ",
        "a",
        "borrower",
        "score",
        "name",
        "normal",
        "1",
        "9" * 50,
        "0x",
        "ff",
    ]
)
TOML_SOUP = st.lists(TOML_PIECES, max_size=80).map("".join)


def _nested(depth: int, opener: str) -> str:
    closer = {"[": "]", "{": "}"}
    if opener == "{":
        return "v = " + "{a = " * depth + "1" + "}" * depth
    return "v = " + opener * depth + closer[opener] * depth


DEEP = st.builds(_nested, st.integers(0, 400), st.sampled_from(["[", "{"]))


@pytest.mark.parametrize("kind", ["preset", "policy"])
@given(content=st.one_of(st.binary(max_size=400), TOML_SOUP, DEEP, st.text(max_size=200)))
def test_any_file_content_loads_or_fails_with_one_input_error(
    kind: str, content: bytes | str, tmp_path_factory: pytest.TempPathFactory
) -> None:
    """The explorer loads files in workers: anything but an InputError there is a
    crash. Binary, TOML-like soup, deep nesting and plain text."""
    from credit_whatif.files.errors import InputError
    from credit_whatif.files.policies import load_policy

    path = tmp_path_factory.mktemp("any") / "file.toml"
    if isinstance(content, str):
        content = content.encode("utf-8", "surrogatepass")
    path.write_bytes(content)
    load = load_preset if kind == "preset" else load_policy
    try:
        load(path)
    except InputError as error:
        assert "\n" not in str(error) and str(error).startswith(f"{path}: ")


POISONS = {
    "long-integer": f"[borrower]\nscore = {'9' * 5000}\n",
    "deep-array": "a = " + "[" * 20000 + "]" * 20000 + "\n",
    "hex-integer": f"[borrower]\ncredit_limit = 0x{'f' * 3700}\n",
}


@pytest.mark.parametrize("poison", sorted(POISONS))
def test_a_poisoned_user_preset_breaks_nothing_beside_it(
    user_config_dir: Path, poison: str
) -> None:
    folder = user_config_dir / "presets"
    folder.mkdir(parents=True)
    (folder / "poisoned.toml").write_text(POISONS[poison], encoding="utf-8")
    (folder / "mine.toml").write_text('name = "My own case"\n[borrower]\nscore = 610\n')
    runner = CliRunner()
    assert runner.invoke(main, ["eval", "healthy"]).exit_code == 0
    # A display name is found by loading every file, the poisoned one included.
    by_name = runner.invoke(main, ["eval", "My own case", "--json"])
    assert by_name.exit_code == 0, by_name.stderr
    listing = runner.invoke(main, ["presets"], env={"COLUMNS": "400"})
    assert listing.exit_code == 0
    [row] = [line for line in listing.stdout.splitlines() if "│ poisoned " in line]
    assert "✘ cannot load:" in row and "poisoned.toml: " in row and ": expected " in row
    broken = runner.invoke(main, ["eval", "poisoned"])
    assert broken.exit_code == 2 and broken.stderr.count("\n") == 1


@pytest.mark.parametrize("poison", sorted(POISONS))
def test_a_poisoned_user_policy_breaks_nothing_beside_it(
    user_config_dir: Path, poison: str
) -> None:
    folder = user_config_dir / "policies"
    folder.mkdir(parents=True)
    (folder / "poisoned.toml").write_text(POISONS[poison], encoding="utf-8")
    runner = CliRunner()
    assert runner.invoke(main, ["eval", "--policy", "growth"]).exit_code == 0
    assert runner.invoke(main, ["eval", "--policy", "Growth policy"]).exit_code == 0
    listing = runner.invoke(main, ["policy", "list"], env={"COLUMNS": "400"})
    assert listing.exit_code == 0
    [row] = [line for line in listing.stdout.splitlines() if "│ poisoned " in line]
    assert "✘ cannot load:" in row and "poisoned.toml: " in row and ": expected " in row
    for command in (["policy", "show", "poisoned"], ["eval", "--policy", "poisoned"]):
        broken = runner.invoke(main, command)
        assert broken.exit_code == 2 and broken.stderr.count("\n") == 1


# --- bundled: reaches bundled files only -------------------------------------------


@pytest.mark.parametrize(
    ("command", "ref", "message"),
    [
        (
            ["eval"],
            "bundled:../presets/healthy",
            "bundled:../presets/healthy: (preset): expected the name of a bundled preset after bundled: (",
        ),
        (["eval"], "bundled:/etc/passwd", "found a path '/etc/passwd'"),
        (["eval"], "bundled:healthy.toml", "found a path 'healthy.toml'"),
        (["eval"], "bundled:helthy", "(did you mean 'healthy'?), found no bundled preset 'helthy'"),
        (
            ["policy", "show"],
            "bundled:../policies/default",
            "bundled:../policies/default: (policy): expected the name of a bundled policy after bundled: (conservative, default, growth)",
        ),
        (["eval", "--policy"], "bundled:/etc/passwd", "found a path '/etc/passwd'"),
        (
            ["policy", "diff", "default"],
            "bundled:grwth",
            "(did you mean 'growth'?), found no bundled policy 'grwth'",
        ),
    ],
)
def test_bundled_refs_take_a_bundled_file_name_only(
    command: list[str], ref: str, message: str
) -> None:
    result = CliRunner().invoke(main, [*command, ref])
    assert result.exit_code == 2
    assert result.stderr.startswith("credit-whatif: error: ") and message in result.stderr
    assert result.stderr.count("\n") == 1


@pytest.mark.parametrize("poison", sorted(POISONS))
@pytest.mark.parametrize(
    "command",
    [
        ["--preset"],  # the explorer's start: refused before it opens
        ["eval"],
        ["sweep"],
        ["--policy"],
        ["eval", "--policy"],
        ["rules", "--policy"],
        ["policy", "show"],
        ["policy", "diff", "default"],
        ["impact", "book.csv", "--baseline-policy"],
        ["impact", "book.csv", "--policy"],
    ],
    ids=" ".join,
)
def test_every_file_option_answers_a_poisoned_file_with_one_line(
    tmp_path: Path, command: list[str], poison: str
) -> None:
    path = tmp_path / "bad.toml"
    path.write_text(POISONS[poison], encoding="utf-8")
    result = CliRunner().invoke(main, [*command, str(path)])
    assert result.exit_code == 2
    assert result.stdout == ""
    assert result.stderr.startswith(f"credit-whatif: error: {path}: ")
    assert result.stderr.count("\n") == 1
