"""The headless command line: eval (table and JSON), presets, rules, exit codes."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from credit_whatif.cli import main
from credit_whatif.clikit import detect_lang
from credit_whatif.domain import FEATURE_IDS, REGISTRY, Tightening, evaluate
from credit_whatif.files.presets import list_presets, preset_to_dict

from .helpers import score_floor_values
from .strategies import DEFAULT

ROOT = Path(__file__).resolve().parents[1]


def invoke(*args: str, env: dict[str, str] | None = None) -> tuple[int, str, str]:
    runner = CliRunner()
    result = runner.invoke(main, list(args), env=env, catch_exceptions=False)
    return result.exit_code, result.stdout, result.stderr


def test_eval_prints_a_table_and_the_headline() -> None:
    code, out, _ = invoke("eval", "disbursement-outage", "--lang", "en")
    assert code == 0
    assert "✘ unavailable" in out
    assert "✔ available" in out
    assert "Disbursement channel down" in out
    n = len(FEATURE_IDS)
    assert f"yet {n - 1} of {n} features still work" in " ".join(out.split())


def test_eval_in_chinese() -> None:
    code, out, _ = invoke("eval", "score-drop", "--lang", "zh")
    assert code == 0
    assert "✘ 不可用" in out and "◐ 受限" in out
    assert "提现已中断" in out


def test_eval_json_matches_the_contract_for_every_bundled_preset() -> None:
    slugs = [e.slug for e in list_presets() if e.origin == "bundled"]
    code, out, _ = invoke("eval", *slugs, "--json")
    assert code == 0
    lines = out.splitlines()
    assert len(lines) == len(slugs)
    for slug, line in zip(slugs, lines, strict=True):
        record = json.loads(line)
        entry = next(e for e in list_presets() if e.slug == slug)
        assert entry.preset is not None
        keys = {"preset", "policy", "scenario", "account", "features", "summary"}
        # A preset with a clock also says when each feature comes back.
        dated = entry.preset.scenario.as_of is not None
        assert set(record) == keys | ({"timeline"} if dated else set())
        if dated:
            assert record["timeline"]["as_of"] == record["scenario"]["as_of"]
        assert record["policy"] == {"name": DEFAULT.name, "sha256": DEFAULT.digest}
        assert record["preset"] == entry.preset.name
        # JSON has no dates: a TOML date is its ISO text.
        assert record["scenario"] == json.loads(
            json.dumps(preset_to_dict(entry.preset), default=str)
        )
        assert list(record["features"]) == list(FEATURE_IDS)
        evaluation = evaluate(entry.preset.scenario, DEFAULT)
        account = evaluation.account
        assert record["account"] == {
            "state": account.state.value,
            "reason": account.rule.id if account.rule else None,
        }
        for feature_id, feature in record["features"].items():
            expected = evaluation[feature_id]
            assert feature["status"] == expected.status.value
            notice = expected.notice
            if notice is None:
                assert feature["notice"] is None
            else:
                assert feature["notice"] == {
                    "rule": notice.rule.id,
                    "en": notice.message.en,
                    "zh": notice.message.zh,
                }
            assert feature["amount"] == expected.amount
            assert feature["available"] == expected.available
            assert feature["payout_cap"] == expected.payout_cap
            assert len(feature["reasons"]) == len(expected.reasons)
            for reason in feature["reasons"]:
                assert {"rule", "layer", "observed", "threshold", "message", "detail"} <= set(
                    reason
                )
                assert set(reason["message"]) == {"en", "zh"} == set(reason["detail"])
            for unlock in feature["unlock"] + feature["unlock_limited"]:
                for change in unlock if isinstance(unlock, list) else [unlock]:
                    assert change["actor"] in {"borrower", "borrower_over_time", "time", "lender"}
                    assert change["in_borrower_control"] == (change["actor"] == "borrower")
        summary = record["summary"]
        assert summary["usable"] == evaluation.usable
        assert summary["total"] == len(FEATURE_IDS)
        assert summary["headline"] == {"en": evaluation.headline.en, "zh": evaluation.headline.zh}


def test_json_scenario_has_every_key_filled() -> None:
    _, out, _ = invoke("eval", "--json")
    scenario = json.loads(out)["scenario"]
    assert set(scenario) == {
        "name",
        "description",
        "name_zh",
        "description_zh",
        "borrower",
        "system",
        "funding",
        "policy",
    }
    assert scenario["funding"] == {"quota": "ample"}
    assert set(scenario["borrower"]["overdue"]) == {"count_24m", "worst_days", "current_days"}
    assert scenario["system"]["disbursement"] == "up"
    assert scenario["policy"] == {"tightening": "normal", "suspended_regions": []}


def test_set_overrides_change_the_result() -> None:
    code, out, _ = invoke(
        "eval", "--json", "--set", "system.disbursement=down", "--set", "borrower.score=590"
    )
    assert code == 0
    record = json.loads(out)
    assert record["features"]["cash_withdrawal"]["status"] == "unavailable"
    rules = [r["rule"] for r in record["features"]["cash_withdrawal"]["reasons"]]
    assert rules[0] == "system.disbursement_down"
    assert "credit.min_score" in rules
    assert record["features"]["installment_purchase"]["status"] == "limited"


@pytest.mark.parametrize(
    ("args", "fragment"),
    [
        (["eval", "no-such-preset"], "no-such-preset: (preset): expected a preset name"),
        (
            ["eval", "--set", "borrower.score=2000"],
            "--set borrower.score=2000: borrower.score: expected an integer 350..950, found integer 2000",
        ),
        (["eval", "--set", "borrower.scor=700"], "did you mean 'score'"),
        (
            ["eval", "missing.toml"],
            "missing.toml: (file): expected an existing preset file, found no such file",
        ),
    ],
)
def test_user_errors_exit_2_with_one_line(args: list[str], fragment: str) -> None:
    code, out, err = invoke(*args)
    assert code == 2
    assert out == ""
    assert fragment in err
    assert err.count("\n") == 1
    assert "Traceback" not in err


def test_bad_file_exits_2_without_traceback_in_a_real_process(tmp_path: Path) -> None:
    bad = tmp_path / "bad.toml"
    bad.write_text("[borrower]\nscore = 'high'\n")
    result = subprocess.run(
        [sys.executable, "-m", "credit_whatif", "eval", str(bad)],
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 2
    assert result.stdout == ""
    assert result.stderr == (
        f"credit-whatif: error: {bad}: borrower.score: expected an integer 350..950, "
        "found string 'high'\n"
    )


def test_bad_preset_for_the_explorer_exits_2_before_it_starts(tmp_path: Path) -> None:
    bad = tmp_path / "bad.toml"
    bad.write_text("[system]\nrisk_engine = 'sleepy'\n")
    code, _, err = invoke("--preset", str(bad))
    assert code == 2
    assert "system.risk_engine: expected one of" in err


@pytest.mark.parametrize("kind", ["missing", "fifo", "unsealed folder", "text file"])
def test_bad_portfolio_for_the_explorer_exits_2_before_it_starts(tmp_path: Path, kind: str) -> None:
    path = tmp_path / "book.csv"
    expected = {
        "missing": "no such file or folder",
        "fifo": "found a FIFO (named pipe)",
        "unsealed folder": "portfolio seal",
        "text file": "a .txt file",
    }[kind]
    if kind == "fifo":
        os.mkfifo(path)
    elif kind == "unsealed folder":
        path = tmp_path / "parts"
        path.mkdir()
        (path / "part-00000.parquet").write_bytes(b"PAR1")
    elif kind == "text file":
        path = tmp_path / "book.txt"
        path.write_text("id\n1\n")
    code, out, err = invoke("--portfolio", str(path))
    assert (code, out) == (2, "")
    assert err.startswith(f"credit-whatif: error: {path}: ") and err.count("\n") == 1
    assert expected in err


def test_headless_commands_never_import_textual() -> None:
    code = (
        "import sys, runpy; sys.argv = ['credit-whatif', 'eval', '--json'];\n"
        "try:\n    runpy.run_module('credit_whatif', run_name='__main__')\n"
        "except SystemExit:\n    pass\n"
        "print('TEXTUAL', any(m.split('.')[0] == 'textual' for m in sys.modules))"
    )
    out = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    ).stdout
    assert out.strip().endswith("TEXTUAL False")


def test_domain_imports_nothing_from_outside_domain_and_no_io_library() -> None:
    code = (
        "import sys, credit_whatif.domain as d\n"
        "t = d.PolicyTable('x', {lvl: d.Thresholds({f.name: 1 for f in d.REGISTRY.policy_fields})"
        " for lvl in d.Tightening})\n"
        "e = d.evaluate(d.Scenario(), t); [r.message for f in e.features for r in f.reasons]\n"
        "from credit_whatif.domain import explain, sweep, bands, wording\n"
        "explain.explain(e); sweep.sweep(d.Scenario(), t)\n"
        "ours = sorted(m for m in sys.modules if m.startswith('credit_whatif')"
        " and not m.startswith('credit_whatif.domain') and m != 'credit_whatif')\n"
        "libs = sorted({m.split('.')[0] for m in sys.modules if m.split('.')[0] in "
        "('textual', 'rich', 'click', 'cattrs', 'tomllib', 'tomli_w', 'platformdirs', 'polars')})\n"
        "print(ours, libs)"
    )
    out = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    ).stdout
    # tomllib reads the package's own message files, in domain/message_files.py only
    # (tests/test_messages.py checks that no other domain module reads anything).
    assert out.strip() == "[] ['tomllib']"


def test_presets_command_lists_bundled_and_user_presets(user_config_dir: Path) -> None:
    folder = user_config_dir / "presets"
    folder.mkdir(parents=True)
    (folder / "mine.toml").write_text('name = "Mine"\ndescription = "my own case"\n')
    (folder / "broken.toml").write_text("[borrower]\nscore = 5\n")
    code, out, _ = invoke("presets", "--lang", "en")
    assert code == 0
    for slug in ("healthy", "disbursement-outage", "mine", "broken"):
        assert slug in out
    assert "my own case" in out
    assert "cannot load" in out


def test_rules_command_prints_the_rule_table() -> None:
    code, out, _ = invoke("rules", "--markdown")
    assert code == 0
    assert out == (ROOT / "docs" / "rules.md").read_text(encoding="utf-8")


@pytest.mark.parametrize(
    ("env", "explicit", "expected"),
    [
        ({"LANG": "zh_CN.UTF-8"}, None, "zh"),
        ({"LANG": "en_US.UTF-8"}, None, "en"),
        ({"LC_ALL": "zh_TW.UTF-8", "LANG": "en_US.UTF-8"}, None, "zh"),
        ({"LANG": "zh_CN.UTF-8"}, "en", "en"),
        ({}, None, "en"),
    ],
)
def test_language_from_flag_then_locale(
    monkeypatch: pytest.MonkeyPatch, env: dict[str, str], explicit: str | None, expected: str
) -> None:
    for var in ("LC_ALL", "LC_MESSAGES", "LANG"):
        monkeypatch.delenv(var, raising=False)
    for var, value in env.items():
        monkeypatch.setenv(var, value)
    assert detect_lang(explicit) == expected


def test_help_lists_the_commands() -> None:
    code, out, _ = invoke("--help")
    assert code == 0
    for command in ("eval", "presets", "rules"):
        assert command in out
    assert os.environ.get("CREDIT_WHATIF_CONFIG_DIR")


def test_eval_shows_what_would_change_each_result() -> None:
    code, out, _ = invoke("eval", "frequent-checks", "--lang", "en")
    assert code == 0
    flat = " ".join(out.split())
    assert "What would change it" in flat
    assert "No single change is enough; the smallest combination:" in flat
    assert "wait until 10 Dec 2026, when the last 30 days hold at most 10 limit checks" in flat
    assert "When it comes back · As of 28 Nov 2026" in flat
    assert "only time: records age out" in flat
    # Both tiers of text, labelled.
    assert "Why (for staff): 14 limit checks in 30 days, over the 10 limit checks" in flat
    assert "Customer sees: “To keep your account safe, borrowing is paused for a while." in flat


def test_eval_json_lists_unlocks_per_feature() -> None:
    _, out, _ = invoke("eval", "score-drop", "disbursement-outage", "frequent-checks", "--json")
    score, outage, checks = (json.loads(line) for line in out.splitlines())
    conduct = {"actor": "borrower_over_time", "in_borrower_control": False}
    assert score["features"]["cash_withdrawal"]["unlock"] == [
        {"key": "borrower.score", "to": 650, "status": "available", **conduct}
    ]
    assert score["features"]["cash_withdrawal"]["unlock_limited"] == [
        {"key": "borrower.score", "to": 600, "status": "limited", **conduct}
    ]
    assert score["features"]["repayment"]["unlock"] == []
    assert outage["features"]["cash_withdrawal"]["unlock"] == [
        {
            "key": "system.disbursement",
            "to": "up",
            "status": "available",
            "actor": "lender",
            "in_borrower_control": False,
        }
    ]
    combination = checks["features"]["cash_withdrawal"]["unlock"][0]
    assert isinstance(combination, list)
    assert {c["key"] for c in combination} == {
        "borrower.activity.limit_checks_30d",
        "borrower.activity.failed_attempts_7d",
    }
    assert {c["actor"] for c in combination} == {"time"}
    reasons = score["features"]["cash_withdrawal"]["reasons"]
    assert [r["margin"] for r in reasons] == [10, 30]  # below 600; below the 620 band
    assert score["features"]["cash_withdrawal"]["principal_reasons"] == [
        "credit.min_score",
        "credit.score_deeper_cut",
    ]


def test_sweep_prints_bands_with_thresholds_and_the_current_value() -> None:
    code, out, _ = invoke("sweep", "score-drop", "--lang", "en")
    assert code == 0
    lines = out.splitlines()
    withdrawal = next(line for line in lines if line.startswith("Cash withdrawal"))
    assert "░" in withdrawal and "▒" in withdrawal and "█" in withdrawal
    axis = next(line for line in lines if "▲" in line and "┴" in line)
    labels = lines[lines.index(axis) + 1]
    for value in ("350", "600", "650", "950"):
        assert value in labels.split()
    assert "current value 590" in out


def test_sweep_json_gives_exact_segments() -> None:
    code, out, _ = invoke("sweep", "score-drop", "--json", "--from", "580", "--to", "660")
    assert code == 0
    record = json.loads(out)
    assert (record["key"], record["from"], record["to"], record["current"]) == (
        "borrower.score",
        580,
        660,
        590,
    )
    assert record["features"]["cash_withdrawal"]["segments"] == [
        {"from": 580, "to": 599, "status": "unavailable", "amount": 0},
        # The limit is cut in bands: to 50% below 620, to 70% below 650.
        {"from": 600, "to": 619, "status": "limited", "amount": 13000},
        {"from": 620, "to": 649, "status": "limited", "amount": 23000},
        {"from": 650, "to": 660, "status": "available", "amount": 38000},
    ]
    # Where withdrawal changes (600, 620, 650), and nowhere but at a score floor.
    breakpoints = record["breakpoints"]
    assert breakpoints == sorted(breakpoints)
    assert (
        {600, 620, 650} <= set(breakpoints) <= set(score_floor_values(DEFAULT, Tightening.NORMAL))
    )


@pytest.mark.parametrize(
    ("args", "fragment"),
    [
        (["sweep", "--key", "borrower.region"], "--key: borrower.region: expected one of"),
        (["sweep", "--from", "100"], "--from/--to: borrower.score: expected 350 <= from"),
        (["sweep", "--from", "700", "--to", "600"], "found from 700, to 600"),
    ],
)
def test_sweep_bad_input_exits_2(args: list[str], fragment: str) -> None:
    code, _, err = invoke(*args)
    assert code == 2
    assert fragment in err


def test_piped_output_is_not_wrapped_at_80_columns() -> None:
    result = subprocess.run(
        [sys.executable, "-m", "credit_whatif", "eval", "interrupted-yet-usable"],
        capture_output=True,
        text=True,
        check=True,
        env={k: v for k, v in os.environ.items() if k != "COLUMNS"},
    )
    long_lines = [line for line in result.stdout.splitlines() if len(line) > 80]
    assert long_lines, "a detail sentence longer than 80 columns stays on one line"
    assert any(line.lstrip().startswith("Why (for staff):") for line in long_lines)


def test_help_names_the_command_not_python() -> None:
    result = subprocess.run(
        [sys.executable, "-m", "credit_whatif", "--help"],
        capture_output=True,
        text=True,
        check=True,
    )
    assert result.stdout.startswith("Usage: credit-whatif ")


def test_rules_in_a_terminal_keep_ids_whole_and_effects_apart() -> None:
    code, out, _ = invoke("rules", env={"COLUMNS": "120"})
    assert code == 0
    assert "Do not edit by hand" not in out
    for rule_id in ("credit.limit_increase_clean_history", "system.payment_network_degraded"):
        assert rule_id in out
    assert "unavailableinstallment" not in out.replace(" ", "")
    assert "installment_purchase: unavailable" in out


def test_eval_in_chinese_uses_chinese_names_for_presets_and_policy() -> None:
    code, out, _ = invoke("eval", "score-drop", "--lang", "zh")
    assert code == 0
    assert "信用分下降 · 默认政策" in out
    assert "客户看到：“经综合评估，您暂时无法借款。”" in out.replace("\n", "")


# --- Usage errors: one line, exit 2 -------------------------------------------------

USAGE_ERRORS = [
    (["evl"], "No such command 'evl'. Did you mean 'eval'? (see 'credit-whatif --help')"),
    (["--frobnicate"], "No such option '--frobnicate'. (see 'credit-whatif --help')"),
    (
        ["eval", "--jsn"],
        "eval: No such option '--jsn'. (Did you mean one of: '--json', '--set'?) (see 'credit-whatif eval --help')",
    ),
    (
        ["eval", "--lang", "fr"],
        "eval: Invalid value for '--lang': 'fr' is not one of 'en', 'zh'. (see 'credit-whatif eval --help')",
    ),
    (
        ["sweep", "--from", "low"],
        "sweep: Invalid value for '--from': 'low' is not a valid integer. (see 'credit-whatif sweep --help')",
    ),
    (
        ["eval", "--set"],
        "Option '--set' requires an argument.",
    ),
    (
        ["policy", "diff", "default"],
        "policy diff: Missing argument 'B'. (see 'credit-whatif policy diff --help')",
    ),
    (
        ["policy", "lst"],
        "policy: No such command 'lst'. Did you mean 'list'? (see 'credit-whatif policy --help')",
    ),
    (
        ["rules", "extra"],
        "rules: Got unexpected extra argument (extra) (see 'credit-whatif rules --help')",
    ),
    # The portfolio commands are registered from another module: the same contract.
    (
        ["impact", "--bogus"],
        "impact: No such option '--bogus'. (see 'credit-whatif impact --help')",
    ),
    (
        ["portfolio", "nope"],
        "portfolio: No such command 'nope'. (see 'credit-whatif portfolio --help')",
    ),
    # What was typed is shown, never sent to the terminal.
    (["\x1b[2J"], "No such command '\\x1b[2J'. (see 'credit-whatif --help')"),
]


@pytest.mark.parametrize(("args", "message"), USAGE_ERRORS, ids=lambda v: repr(v)[:40])
def test_usage_errors_are_one_line_and_exit_2(args: list[str], message: str) -> None:
    code, out, err = invoke(*args)
    assert code == 2
    assert out == ""
    assert err == f"credit-whatif: error: {message}\n"


def test_a_usage_error_in_a_real_process_is_one_line() -> None:
    result = subprocess.run(
        [sys.executable, "-m", "credit_whatif", "eval", "--lang", "fr"],
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 2
    assert result.stdout == ""
    assert result.stderr == (
        "credit-whatif: error: eval: Invalid value for '--lang': 'fr' is not one of 'en', 'zh'."
        " (see 'credit-whatif eval --help')\n"
    )


def test_help_still_prints_and_a_group_alone_shows_its_help() -> None:
    code, out, err = invoke("eval", "--help")
    assert code == 0 and out.startswith("Usage: ") and "--set KEY=VALUE" in out and err == ""
    code, _out, err = invoke("policy")
    assert code == 2 and "Commands:" in err and "diff" in err


# --- Text from files is shown, never obeyed -----------------------------------------

HOSTILE = "see [/b] here \x1b[2J osc\x1b]0;title\x07 clip\x1b]52;c;aGk=\x07 link\x1b]8;;http://x\x1b\\ bidi\u202eevil c1\x9b end"
SHOWN = "see [/b] here \\x1b[2J osc\\x1b]0;title\\x07 clip\\x1b]52;c;aGk=\\x07 link\\x1b]8;;http://x\\x1b\\ bidi\\u202eevil c1\\x9b end"
HOSTILE_NAME = "Odd [bold]name [red]here [link=http:x]"


def _write_hostile(user_config_dir: Path) -> None:
    import tomli_w

    from credit_whatif.files.policies import default_policy, policy_to_dict

    presets = user_config_dir / "presets"
    presets.mkdir(parents=True)
    preset = {"name": HOSTILE_NAME, "description": HOSTILE, "borrower": {"score": 590}}
    (presets / "hostile.toml").write_text(tomli_w.dumps(preset), encoding="utf-8")
    policies = user_config_dir / "policies"
    policies.mkdir(parents=True)
    data = policy_to_dict(default_policy())
    data.update(name=HOSTILE_NAME, description=HOSTILE, description_zh=HOSTILE)
    (policies / "hostile.toml").write_text(tomli_w.dumps(data), encoding="utf-8")


@pytest.mark.parametrize(
    "args",
    [
        ["presets"],
        ["policy", "list"],
        ["policy", "list", "--lang", "zh"],
        ["eval", "hostile", "--policy", "hostile"],
        ["eval", "hostile", "--policy", "hostile", "--json"],
        ["sweep", "hostile", "--policy", "hostile"],
        ["sweep", "hostile", "--policy", "hostile", "--json"],
        ["policy", "show", "hostile"],
        ["policy", "diff", "hostile", "growth"],
        ["policy", "diff", "hostile", "growth", "--json"],
        ["eval", "hostile", "--set", f"description={json.dumps(HOSTILE)}", "--json"],
    ],
    ids=" ".join,
)
def test_file_text_is_shown_escaped_and_never_acts_on_the_terminal(
    user_config_dir: Path, args: list[str]
) -> None:
    _write_hostile(user_config_dir)
    code, out, err = invoke(*args, env={"COLUMNS": "1000"})
    assert code == 0, err
    assert not any(c in out for c in "\x1b\x07\u202e\x9b")
    if args[0] in ("presets", "eval", "sweep") or args[:2] == ["policy", "diff"]:
        assert HOSTILE_NAME in out  # the markup in it shown as itself
    if args[:2] in (["presets"], ["policy", "list"]):
        assert SHOWN in out
    if "--json" in args:
        record = json.loads(out.splitlines()[0])
        names = [record.get("preset"), record.get("a", {}).get("name")]
        assert HOSTILE_NAME in names
        if args[0] == "eval":
            assert record["scenario"]["description"] == HOSTILE  # JSON keeps it exactly
    if args[:2] == ["policy", "show"]:
        from credit_whatif.files.policies import loads_policy

        assert loads_policy(out).description == HOSTILE  # TOML keeps it exactly


def test_policy_diff_groups_thresholds_by_theme_and_says_which_way_each_moves() -> None:
    code, out, _ = invoke("policy", "diff", "default", "conservative", "--json")
    assert code == 0
    diff = json.loads(out)
    changes = diff["thresholds"]
    assert changes and all(c["direction"] in ("stricter", "looser") for c in changes)
    summary = diff["summary"]
    assert summary["stricter"] + summary["looser"] == len(changes)
    assert summary["compared"] == len(REGISTRY.policy_fields) * 3
    # The conservative policy is stricter everywhere it differs.
    assert summary["looser"] == 0
    themes = {c["field"]: c["theme"] for c in changes}
    assert themes["withdrawal_min_score"] == "score"
    assert themes["freeze_overdue_days"] == "delinquency"
    assert themes["degraded_disbursement_cap_yuan"] == "incident"
    # Growth loosens: the same fields the other way.
    _, out, _ = invoke("policy", "diff", "default", "growth", "--json")
    growth = json.loads(out)
    moved = {(c["level"], c["field"]): c["direction"] for c in growth["thresholds"]}
    assert moved[("normal", "withdrawal_min_score")] == "looser"


def test_policy_diff_speaks_the_chosen_language() -> None:
    code, out, _ = invoke(
        "policy", "diff", "default", "conservative", "--lang", "zh", env={"COLUMNS": "120"}
    )
    assert code == 0
    for heading in (
        "信用分门槛与降额",
        "逾期",
        "系统异常时的上限",
        "级别",
        "字段",
        "▲ 更严",
        "项更严",
    ):
        assert heading in out, heading
    header_rows = [line for line in out.splitlines() if "┃" in line]
    assert header_rows and not any(
        re.search(r"\b(level|field|preset)\b", row) for row in header_rows
    )
    code, out, _ = invoke(
        "policy", "diff", "default", "growth", "--lang", "en", env={"COLUMNS": "120"}
    )
    assert "Score floors and the limit cut" in out and "▼ looser" in out


def test_presets_and_policy_list_have_json_for_scripts() -> None:
    code, out, _ = invoke("presets", "--json")
    assert code == 0
    listed = json.loads(out)["presets"]
    bundled = [p for p in listed if p["origin"] == "bundled"]
    assert {p["ref"] for p in bundled} == {e.slug for e in list_presets() if e.origin == "bundled"}
    for preset in bundled:
        assert preset["error"] is None
        assert set(preset["name"]) == {"en", "zh"} == set(preset["description"])
    code, out, _ = invoke("policy", "list", "--json")
    assert code == 0
    policies = {p["ref"]: p for p in json.loads(out)["policies"]}
    assert policies["default"]["sha256"] == DEFAULT.digest
    assert {"default", "conservative", "growth"} <= set(policies)


def test_rules_speak_the_chosen_language_and_the_locale() -> None:
    code, out, _ = invoke("rules", "--lang", "zh", env={"COLUMNS": "120"})
    assert code == 0 and "规则 · 默认政策" in out and "严重逾期，账户冻结" in out
    code, out, _ = invoke("rules", env={"COLUMNS": "120", "LANG": "zh_CN.UTF-8"})
    assert code == 0 and "规则 · 默认政策" in out
    code, out, _ = invoke("rules", "--lang", "en", env={"COLUMNS": "120", "LANG": "zh_CN.UTF-8"})
    assert "Rules · Default policy" in out and "规则" not in out


def test_rules_json_is_every_rule_of_the_registry_with_its_thresholds() -> None:
    code, out, _ = invoke("rules", "--json")
    assert code == 0
    data = json.loads(out)
    assert data["policy"] == {"name": DEFAULT.name, "sha256": DEFAULT.digest}
    assert [r["id"] for r in data["rules"]] == [r.id for r in REGISTRY.rules]
    for listed, rule in zip(data["rules"], REGISTRY.rules, strict=True):
        assert set(listed["gates"]) == set(rule.gates)
        assert listed["comparator"] == rule.comparator.value
        threshold = listed["threshold"]
        if "field" in threshold:
            for level in Tightening:
                assert threshold["values"][level.value] == DEFAULT[level][threshold["field"]]
    states = {r["id"]: r["account_state"] for r in data["rules"] if r["account_state"]}
    assert states == {"credit.no_credit_line": "closed", "credit.account_frozen": "frozen"}


def test_generate_confirms_in_the_chosen_language(tmp_path: Path) -> None:
    code, _, err = invoke(
        "portfolio", "generate", "--rows", "50", str(tmp_path / "b.parquet"), "--lang", "zh"
    )
    assert code == 0 and "已生成 50 位借款人" in err


def test_error_lines_follow_the_language_where_they_are_translated(tmp_path: Path) -> None:
    """--lang zh (or a Chinese locale) says an error in Chinese, with the same file,
    key and values (a place that is no key, such as "(rows)", in Chinese words too).
    Every refusal, one by one: tests/test_error_language.py and its portfolio twin."""
    code, _, err = invoke("eval", "--set", "borrower.score=9999", "--lang", "zh")
    assert code == 2
    assert err.strip() == (
        "credit-whatif：错误：--set borrower.score=9999：borrower.score："
        "应为350 到 950 之间的整数，实际为9999"
    )
    code, _, err = invoke("eval", "--set", "borrower.scor=5", env={"LANG": "zh_CN.UTF-8"})
    assert code == 2 and "（是否想输入 'score'？），实际为未知键 'scor'" in err
    code, _, err = invoke("eval", "--set", "borrower.score=9999", "--lang", "en")
    assert "expected an integer 350..950, found integer 9999" in err
    book = tmp_path / "book.csv"
    book.write_text("id,score\n")
    code, _, err = invoke("impact", str(book), "--lang", "zh")
    assert code == 2 and err.strip().endswith("（数据行）：应为至少一位借款人，实际为只有表头")
    code, _, err = invoke("eval", "--set", "borrower.score", "--lang", "zh")
    assert code == 2 and err.startswith("credit-whatif：错误：") and "应为KEY=VALUE 形式" in err


def test_policy_show_takes_the_language_and_labels_each_field(tmp_path: Path) -> None:
    from credit_whatif.files.policies import load_policy, resolve_policy

    code, out, _ = invoke("policy", "show", "default", "--labels", "--lang", "zh")
    assert code == 0 and "withdrawal_min_score = 600  # 提现最低信用分" in out
    path = tmp_path / "labelled.toml"
    path.write_text(out)
    assert load_policy(path).same_thresholds(resolve_policy("default"))
    code, plain, _ = invoke("policy", "show", "default", "--lang", "zh")
    assert code == 0 and "#" not in plain.split("[normal]")[1]
