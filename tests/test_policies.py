"""Policy files: bundled policies, validation (a corpus of bad files), the policy
commands, and results that name the policy they used."""

from __future__ import annotations

import json
import subprocess
import sys
import tomllib
from pathlib import Path

import pytest
from click.testing import CliRunner
from hypothesis import given

from credit_whatif.cli import main
from credit_whatif.domain import REGISTRY, PolicyTable, Status, Tightening, evaluate
from credit_whatif.domain.policy import monotone_violations
from credit_whatif.files.errors import PolicyError, PolicyExistsError
from credit_whatif.files.policies import (
    default_policy,
    dumps_policy,
    list_policies,
    load_policy,
    loads_policy,
    resolve_policy,
    save_policy,
)
from credit_whatif.files.presets import resolve_preset

from .strategies import policies

DATA = Path(__file__).parent / "data"
CORPUS = DATA / "bad_policies"
EXPECTED: dict[str, str] = tomllib.loads((DATA / "bad_policies.toml").read_text(encoding="utf-8"))
BAD_FILES = sorted(CORPUS.iterdir())


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


def test_the_corpus_has_an_expected_error_for_every_file() -> None:
    assert len(BAD_FILES) >= 15
    assert {p.name for p in BAD_FILES} == set(EXPECTED)


@pytest.mark.parametrize("path", BAD_FILES, ids=lambda p: p.name)
def test_library_gives_the_exact_error(path: Path) -> None:
    with pytest.raises(PolicyError) as info:
        load_policy(path)
    assert str(info.value) == EXPECTED[path.name].format(path=path)


@pytest.mark.parametrize("path", BAD_FILES, ids=lambda p: p.name)
@pytest.mark.parametrize(
    "command", [["eval", "--policy"], ["policy", "show"], ["sweep", "--policy"]]
)
def test_cli_exits_2_with_the_error_on_one_line(path: Path, command: list[str]) -> None:
    result = CliRunner().invoke(main, [*command, str(path)])
    assert result.exit_code == 2
    assert result.stdout == ""
    assert result.stderr == f"credit-whatif: error: {EXPECTED[path.name].format(path=path)}\n"


def test_a_real_process_prints_no_traceback() -> None:
    path = CORPUS / "looser-tightened-floor.toml"
    result = subprocess.run(
        [sys.executable, "-m", "credit_whatif", "eval", "--policy", str(path)],
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 2
    assert result.stderr == f"credit-whatif: error: {EXPECTED[path.name].format(path=path)}\n"


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
