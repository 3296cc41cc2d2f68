"""Policy files: bundled policies, validation (a corpus of bad files), the policy
commands, and results that name the policy they used."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner
from hypothesis import given

from credit_whatif.cli import main
from credit_whatif.domain import REGISTRY, PolicyTable, Status, Tightening, evaluate
from credit_whatif.domain.policy import monotone_violations
from credit_whatif.files.errors import PolicyError, PolicyExistsError
from credit_whatif.files.policies import (
    check_save,
    default_policy,
    dumps_policy,
    list_policies,
    load_policy,
    loads_policy,
    resolve_policy,
    save_policy,
)
from credit_whatif.files.presets import resolve_preset

from .bad_policies import BASE, CASES, KEPT_DIR
from .corpus import Line, expected_error
from .strategies import policies

ROOT = Path(__file__).resolve().parent.parent

NAMES = sorted(CASES)


def test_bundled_policies_are_complete_monotone_and_documented() -> None:
    entries = [e for e in list_policies() if e.origin == "bundled"]
    assert next(e.slug for e in entries) == "default"
    assert {e.slug for e in entries} == {"default", "conservative", "growth"}
    for entry in entries:
        table = entry.table
        assert table is not None, entry.error
        assert table.name and table.name_zh and len(table.description) > 60
        assert len(table.description_zh) > 20
        for level in Tightening:
            assert set(table[level].values) == {f.name for f in REGISTRY.policy_fields}
        assert (
            monotone_violations(
                {k: v.values for k, v in table.levels.items()}, REGISTRY.policy_fields
            )
            == []
        )


def test_the_alternatives_really_differ_the_way_their_names_say() -> None:
    default, conservative, growth = (
        resolve_policy(n) for n in ("default", "conservative", "growth")
    )
    for level in Tightening:
        for field in REGISTRY.policy_fields:
            a, c, g = (t[level][field.name] for t in (default, conservative, growth))
            assert not field.stricter_than(a, c), (level, field.name)  # conservative never looser
            assert not field.stricter_than(g, a), (level, field.name)  # growth never stricter
    # Still no new cash while overdue, whatever the policy.
    for table in (default, conservative, growth):
        assert all(table[level]["max_current_days_borrowing"] == 0 for level in Tightening)


def test_the_corpus_is_the_default_with_one_change_each_or_a_kept_file() -> None:
    assert len(CASES) >= 15
    kept = {name for name, case in CASES.items() if case.kept}
    assert {p.name for p in KEPT_DIR.iterdir()} == kept
    # What stays a file is tiny and no policy at all: it cannot go stale as fields come.
    assert all((KEPT_DIR / name).stat().st_size < 100 for name in kept)
    # The base is good, so the one change is what each case is refused for.
    assert loads_policy(BASE).same_thresholds(default_policy())


# A change to one key must be refused at that key, not somewhere else first (a copy of
# a whole policy went stale that way whenever a field was added).
@pytest.mark.parametrize(
    "name",
    sorted(n for n, c in CASES.items() if not c.kept and not isinstance(c.changes[0], Line)),
)
def test_a_changed_key_is_the_key_refused(name: str) -> None:
    [change] = CASES[name].changes
    assert not isinstance(change, Line)
    error = CASES[name].error
    refused = error.split(": ")[1]
    if "is never looser than" in error:
        # Of two levels out of order, the tighter one is refused, whichever was changed.
        assert refused.split(".")[1] == change.key.split(".")[1]
    else:
        assert refused == change.key


def expected(name: str, path: Path) -> str:
    return expected_error(CASES[name], BASE, path)


@pytest.mark.parametrize("name", NAMES)
def test_library_gives_the_exact_error(name: str, bad_policy_files: dict[str, Path]) -> None:
    path = bad_policy_files[name]
    with pytest.raises(PolicyError) as info:
        load_policy(path)
    assert str(info.value) == expected(name, path)


@pytest.mark.parametrize("name", NAMES)
@pytest.mark.parametrize(
    "command", [["eval", "--policy"], ["policy", "show"], ["sweep", "--policy"]]
)
def test_cli_exits_2_with_the_error_on_one_line(
    name: str, command: list[str], bad_policy_files: dict[str, Path]
) -> None:
    path = bad_policy_files[name]
    result = CliRunner().invoke(main, [*command, str(path)])
    assert result.exit_code == 2
    assert result.stdout == ""
    assert result.stderr == f"credit-whatif: error: {expected(name, path)}\n"


def test_a_real_process_prints_no_traceback(bad_policy_files: dict[str, Path]) -> None:
    path = bad_policy_files["looser-tightened-floor.toml"]
    result = subprocess.run(
        [sys.executable, "-m", "credit_whatif", "eval", "--policy", str(path)],
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 2
    assert result.stderr == (
        f"credit-whatif: error: {expected('looser-tightened-floor.toml', path)}\n"
    )


@given(policies())
def test_policy_show_round_trips(table: PolicyTable) -> None:
    text = dumps_policy(table)
    again = loads_policy(text)
    assert again.same_thresholds(table) and again.name == table.name
    assert dumps_policy(again) == text


def test_policy_show_prints_the_default_as_loadable_toml() -> None:
    result = CliRunner().invoke(main, ["policy", "show"])
    assert result.exit_code == 0
    assert loads_policy(result.stdout).same_thresholds(default_policy())
    assert result.stdout.startswith('name = "Default policy"\n')


def test_an_equal_policy_gives_identical_json_apart_from_its_name(tmp_path: Path) -> None:
    copy = tmp_path / "copy.toml"
    copy.write_text(dumps_policy(default_policy()).replace("Default policy", "My copy"))
    runner = CliRunner()
    ours = runner.invoke(main, ["eval", "score-drop", "--json"]).stdout
    theirs = runner.invoke(main, ["eval", "score-drop", "--json", "--policy", str(copy)]).stdout
    assert json.loads(ours)["policy"]["sha256"] == json.loads(theirs)["policy"]["sha256"]
    assert theirs.replace("My copy", "Default policy") == ours


def test_every_result_names_the_policy_that_produced_it() -> None:
    runner = CliRunner()
    record = json.loads(runner.invoke(main, ["eval", "--json", "--policy", "growth"]).stdout)
    growth = resolve_policy("growth")
    assert record["policy"] == {"name": "Growth policy", "sha256": growth.digest}
    swept = json.loads(
        runner.invoke(main, ["sweep", "score-drop", "--json", "--policy", "growth"]).stdout
    )
    assert swept["policy"]["sha256"] == growth.digest
    assert len(growth.digest) == 64 and growth.digest != default_policy().digest


def test_the_policy_changes_the_outcome() -> None:
    scenario = resolve_preset("score-drop").scenario  # score 590
    assert evaluate(scenario, default_policy())["cash_withdrawal"].status is Status.UNAVAILABLE
    assert evaluate(scenario, resolve_policy("growth"))["cash_withdrawal"].status is Status.LIMITED


def test_policy_diff_lists_thresholds_and_changed_preset_outcomes() -> None:
    result = CliRunner().invoke(main, ["policy", "diff", "default", "growth", "--json"])
    assert result.exit_code == 0
    diff = json.loads(result.stdout)
    changed = {(c["level"], c["field"]): (c["a"], c["b"]) for c in diff["thresholds"]}
    assert changed[("normal", "withdrawal_min_score")] == (600, 580)
    assert ("normal", "max_current_days_borrowing") not in changed
    outcomes = {(p["preset"], p["feature"]): p for p in diff["presets"]}
    assert outcomes[("score-drop", "cash_withdrawal")]["a"]["status"] == "unavailable"
    assert outcomes[("score-drop", "cash_withdrawal")]["b"]["status"] == "limited"
    text = CliRunner().invoke(main, ["policy", "diff", "default", "growth"]).stdout
    assert "withdrawal_min_score" in text and "score-drop" in text
    same = CliRunner().invoke(main, ["policy", "diff", "default", "default"]).stdout
    assert "No threshold differs" in same


def test_policy_list_shows_bundled_and_user_policies(user_config_dir: Path) -> None:
    save_policy(PolicyTable("Mine", default_policy().levels))
    result = CliRunner().invoke(main, ["policy", "list"], env={"COLUMNS": "200"})
    assert result.exit_code == 0
    for slug in ("default", "conservative", "growth", "mine"):
        assert slug in result.stdout
    assert default_policy().digest[:12] in result.stdout


def test_saving_a_policy_is_atomic_and_never_overwrites_without_asking(tmp_path: Path) -> None:
    table = PolicyTable("Risk team draft", default_policy().levels, description="a draft")
    path = save_policy(table, tmp_path)
    assert path.name == "risk-team-draft.toml"
    assert load_policy(path).same_thresholds(table)
    with pytest.raises(PolicyExistsError):
        save_policy(table, tmp_path)
    with pytest.raises(PolicyError, match="path separators"):
        save_policy(PolicyTable("../evil", default_policy().levels), tmp_path)
    assert [p.name for p in tmp_path.iterdir()] == ["risk-team-draft.toml"]


def test_user_policies_are_found_by_name(user_config_dir: Path) -> None:
    save_policy(PolicyTable("Draft", default_policy().levels))
    assert resolve_policy("draft").name == "Draft"
    with pytest.raises(PolicyError, match="did you mean 'draft'"):
        resolve_policy("drat")


def test_a_user_policy_shadowing_a_bundled_one_is_shown_and_the_bundled_stays_reachable(
    user_config_dir: Path,
) -> None:
    looser = default_policy().with_value(Tightening.NORMAL, "withdrawal_min_score", 560)
    save_policy(PolicyTable("Default", looser.levels, "my own default"))
    entries = {(e.slug, e.origin): e for e in list_policies()}
    mine, bundled = entries[("default", "user")], entries[("default", "bundled")]
    assert mine.shadows and bundled.shadowed and bundled.ref == "bundled:default"
    assert resolve_policy("default").description == "my own default"
    assert resolve_policy("bundled:default").same_thresholds(default_policy())
    runner = CliRunner()
    shown = runner.invoke(main, ["policy", "show", "bundled:default"])
    assert shown.exit_code == 0 and loads_policy(shown.stdout).same_thresholds(default_policy())
    record = json.loads(
        runner.invoke(main, ["eval", "--json", "--policy", "bundled:default"]).stdout
    )
    assert record["policy"]["sha256"] == default_policy().digest
    diff = json.loads(
        runner.invoke(main, ["policy", "diff", "bundled:default", "default", "--json"]).stdout
    )
    assert diff["thresholds"] == [
        {
            "level": "normal",
            "field": "withdrawal_min_score",
            "theme": "score",
            "direction": "looser",
            "a": 600,
            "b": 560,
        }
    ]
    listing = runner.invoke(main, ["policy", "list"], env={"COLUMNS": "200"}).stdout
    assert "bundled:default" in listing
    assert "⚠ hidden by your copy; load it as bundled:default" in listing
    assert "⚠ hides the bundled policy of this name" in listing


def test_a_policy_loading_would_refuse_is_not_saved(tmp_path: Path) -> None:
    looser = default_policy().with_value(Tightening.TIGHTENED, "withdrawal_min_score", 590)
    table = PolicyTable("Loose draft", looser.levels)
    message = (
        "save: tightened.withdrawal_min_score: expected at least 600 (normal's value: "
        "tightened is never looser than normal), found 590"
    )
    for attempt in (lambda: check_save(table), lambda: save_policy(table, tmp_path)):
        with pytest.raises(PolicyError) as info:
            attempt()
        assert str(info.value) == message
    assert list(tmp_path.iterdir()) == []
    huge = PolicyTable("Long story", default_policy().levels, "y" * 70_000)
    with pytest.raises(
        PolicyError,
        match=r"^save: description: expected at most 65,536 bytes in the file \(a shorter description\), found [\d,]+ bytes$",
    ):
        save_policy(huge, tmp_path)
    assert list(tmp_path.iterdir()) == []
    assert check_save(PolicyTable("Team draft", default_policy().levels)) == "team-draft"


def test_a_policy_says_why_and_since_when_in_list_diff_and_show() -> None:
    runner = CliRunner()
    listed = json.loads(runner.invoke(main, ["policy", "list", "--json"]).stdout)
    meta = {p["ref"]: (p["driver"], p["effective"]) for p in listed["policies"]}
    assert meta["growth"] == ("growth", "2026-03-01")
    text = runner.invoke(main, ["policy", "list", "--lang", "zh"]).stdout
    assert "因业务增长调整 · 2026年3月1日起生效" in text
    diff = json.loads(runner.invoke(main, ["policy", "diff", "default", "growth", "--json"]).stdout)
    assert diff["a"]["driver"] == "market" and diff["b"]["effective"] == "2026-03-01"
    shown = runner.invoke(main, ["policy", "diff", "default", "growth"]).stdout
    assert "Growth policy: driven by growth · effective 1 Mar 2026" in shown
    dumped = runner.invoke(main, ["policy", "show", "growth"]).stdout
    assert 'driver = "growth"\neffective = 2026-03-01\n' in dumped


def test_a_policy_without_driver_or_date_still_loads_and_says_nothing_of_them() -> None:
    from credit_whatif.provenance import provenance

    text = BASE.replace('driver = "market"\n', "").replace("effective = 2026-01-01\n", "")
    table = loads_policy(text, "p.toml")
    assert table.driver is None and table.effective is None
    assert provenance(table, "en") == ""
    assert "driver" not in dumps_policy(table)


def test_a_policy_saved_before_the_newer_fields_still_loads_with_their_defaults(
    tmp_path: Path,
) -> None:
    """A user's policy written before a field existed is read with the field's declared
    default at every level; a field without one is still required."""
    later = [f for f in REGISTRY.policy_fields if f.default is not None]
    assert {f.name for f in later} >= {"max_unsecured_limit_yuan", "repayment_term_months"}
    text = (ROOT / "policies" / "default.toml").read_text(encoding="utf-8")
    older = "\n".join(
        line for line in text.splitlines() if not any(line.startswith(f.name) for f in later)
    )
    path = tmp_path / "older.toml"
    path.write_text(older, encoding="utf-8")
    table = load_policy(path)
    for field in later:
        assert all(table[level][field.name] == field.default for level in Tightening)
    required = next(f for f in REGISTRY.policy_fields if f.default is None)
    path.write_text(
        "\n".join(
            line for line in older.splitlines() if not line.startswith(f"{required.name} =")
        ),
        encoding="utf-8",
    )
    with pytest.raises(PolicyError, match=rf"normal\.{required.name}: .*found nothing"):
        load_policy(path)
