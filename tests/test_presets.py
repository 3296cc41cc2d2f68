"""Bundled presets, loading errors, overrides, names and saving."""

from __future__ import annotations

import errno
import itertools
import os
import re
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from credit_whatif.domain import Health, Scenario, Status, Tightening, evaluate, with_values
from credit_whatif.domain.enums import AccountState
from credit_whatif.files.errors import PresetError, PresetExistsError
from credit_whatif.files.overrides import apply_overrides
from credit_whatif.files.presets import (
    DEFAULT_PRESET,
    Preset,
    bundled_dir,
    check_save,
    dumps_preset,
    list_presets,
    load_preset,
    loads_preset,
    preset_file_stem,
    resolve_preset,
    save_preset,
)

from .helpers import score_floor_values
from .strategies import DEFAULT, scenarios

ROOT = Path(__file__).resolve().parents[1]
A, L, U = Status.AVAILABLE, Status.LIMITED, Status.UNAVAILABLE
LATIN = re.compile(r"[A-Za-z]")

# What each preset shows, by feature id, and the rule that decides withdrawal. Features
# added later are not listed here; each listed one must keep its status.
EXPECTED: dict[str, tuple[dict[str, Status], str | None]] = {
    "healthy": (
        dict(
            cash_withdrawal=A,
            installment_purchase=A,
            in_limit_spending=A,
            repayment=A,
            limit_inquiry=A,
            limit_increase=A,
        ),
        None,
    ),
    "disbursement-outage": (
        dict(
            cash_withdrawal=U,
            installment_purchase=A,
            in_limit_spending=A,
            repayment=A,
            limit_inquiry=A,
            limit_increase=A,
        ),
        "system.disbursement_down",
    ),
    "risk-engine-peak-load": (
        dict(
            cash_withdrawal=U,
            installment_purchase=L,
            in_limit_spending=L,
            repayment=A,
            limit_inquiry=A,
            limit_increase=U,
        ),
        "system.risk_engine_degraded",
    ),
    "regional-suspension": (
        dict(
            cash_withdrawal=U,
            installment_purchase=A,
            in_limit_spending=A,
            repayment=A,
            limit_inquiry=A,
            limit_increase=U,
        ),
        "policy.region_suspended",
    ),
    "tightened-policy": (
        dict(
            cash_withdrawal=U,
            installment_purchase=L,
            in_limit_spending=L,
            repayment=A,
            limit_inquiry=A,
            limit_increase=U,
        ),
        "credit.min_score",
    ),
    "tightened-cap": (
        dict(
            cash_withdrawal=L,
            installment_purchase=A,
            in_limit_spending=A,
            repayment=A,
            limit_inquiry=A,
            limit_increase=A,
        ),
        "policy.withdrawal_cap",
    ),
    "score-drop": (
        dict(
            cash_withdrawal=U,
            installment_purchase=L,
            in_limit_spending=L,
            repayment=A,
            limit_inquiry=A,
            limit_increase=U,
        ),
        "credit.min_score",
    ),
    "recent-overdue": (
        dict(
            cash_withdrawal=U,
            installment_purchase=U,
            in_limit_spending=U,
            repayment=A,
            limit_inquiry=A,
            limit_increase=U,
        ),
        "credit.current_overdue",
    ),
    "past-overdue-repaid": (
        dict(
            cash_withdrawal=A,
            installment_purchase=A,
            in_limit_spending=A,
            repayment=A,
            limit_inquiry=A,
            limit_increase=U,
        ),
        None,
    ),
    "disbursement-delayed": (
        dict(
            cash_withdrawal=L,
            installment_purchase=A,
            in_limit_spending=A,
            repayment=A,
            limit_inquiry=A,
            limit_increase=A,
        ),
        "system.disbursement_delayed",
    ),
    "income-affordability": (
        dict(
            cash_withdrawal=L,
            installment_purchase=L,
            in_limit_spending=L,
            repayment=A,
            limit_inquiry=A,
            limit_increase=U,
        ),
        "credit.repayment_to_income",
    ),
    "regulatory-maximum": (
        dict(
            cash_withdrawal=L,
            installment_purchase=L,
            in_limit_spending=L,
            repayment=A,
            limit_inquiry=A,
            limit_increase=U,
        ),
        "policy.max_unsecured_limit",
    ),
    "funding-quota-tight": (
        dict(
            cash_withdrawal=L,
            installment_purchase=A,
            in_limit_spending=A,
            repayment=A,
            limit_inquiry=A,
            limit_increase=A,
        ),
        "funding.quota_tight",
    ),
    "funding-quota-exhausted": (
        dict(
            cash_withdrawal=U,
            installment_purchase=A,
            in_limit_spending=A,
            repayment=A,
            limit_inquiry=A,
            limit_increase=A,
        ),
        "funding.quota_exhausted",
    ),
    "retries-during-outage": (
        dict(
            cash_withdrawal=U,
            installment_purchase=A,
            in_limit_spending=A,
            repayment=A,
            limit_inquiry=A,
            limit_increase=A,
        ),
        "system.disbursement_down",
    ),
    "frequent-checks": (
        dict(
            cash_withdrawal=U,
            installment_purchase=A,
            in_limit_spending=A,
            repayment=A,
            limit_inquiry=A,
            limit_increase=U,
        ),
        "credit.frequent_limit_checks",
    ),
    "interrupted-yet-usable": (
        dict(
            cash_withdrawal=U,
            installment_purchase=L,
            in_limit_spending=L,
            repayment=A,
            limit_inquiry=A,
            limit_increase=U,
        ),
        "credit.frequent_limit_checks",
    ),
    "payment-network-outage": (
        dict(
            cash_withdrawal=A,
            installment_purchase=U,
            in_limit_spending=U,
            repayment=U,
            limit_inquiry=A,
            limit_increase=A,
        ),
        None,
    ),
    "over-limit": (
        dict(
            cash_withdrawal=U,
            installment_purchase=U,
            in_limit_spending=U,
            repayment=A,
            limit_inquiry=A,
            limit_increase=U,
        ),
        "credit.over_limit",
    ),
    "frozen-account": (
        dict(
            cash_withdrawal=U,
            installment_purchase=U,
            in_limit_spending=U,
            repayment=A,
            limit_inquiry=A,
            limit_increase=U,
        ),
        "credit.account_frozen",
    ),
    "closed-with-balance": (
        dict(
            cash_withdrawal=U,
            installment_purchase=U,
            in_limit_spending=U,
            repayment=A,
            limit_inquiry=A,
            limit_increase=U,
        ),
        "credit.no_credit_line",
    ),
    "outage-on-due-date": (
        dict(
            cash_withdrawal=A,
            installment_purchase=U,
            in_limit_spending=U,
            repayment=U,
            limit_inquiry=A,
            limit_increase=A,
        ),
        None,
    ),
}


def test_every_bundled_preset_is_listed_and_loads_in_both_languages() -> None:
    entries = [e for e in list_presets() if e.origin == "bundled"]
    assert next(e.slug for e in entries) == DEFAULT_PRESET
    assert {e.slug for e in entries} == set(EXPECTED)
    for entry in entries:
        assert entry.error is None, entry.error
        preset = entry.preset
        assert preset is not None
        assert preset.name and len(preset.description) > 40
        assert preset.name_zh and len(preset.description_zh) > 15, entry.slug
        # Chinese names are Chinese (digits and punctuation aside).
        assert not LATIN.search(preset.name_zh), preset.name_zh
        assert preset.display_name("zh") == preset.name_zh
        assert preset.display_name("en") == preset.name


@pytest.mark.parametrize("slug", sorted(EXPECTED))
def test_preset_shows_what_its_description_claims(slug: str) -> None:
    statuses, decisive_rule = EXPECTED[slug]
    evaluation = evaluate(resolve_preset(slug).scenario, DEFAULT)
    assert {fid: evaluation[fid].status for fid in statuses} == statuses
    withdrawal = evaluation["cash_withdrawal"]
    if decisive_rule is not None:
        assert withdrawal.decisive is not None
        assert withdrawal.decisive.rule.id == decisive_rule
    account = evaluation.account.state
    if account is not AccountState.ACTIVE:
        # The account's state leads the headline: frozen or closed, not 'interrupted'.
        assert account.value in evaluation.headline.en or "No credit line" in evaluation.headline.en
        assert ("冻结" if account is AccountState.FROZEN else "授信额度") in evaluation.headline.zh
    elif withdrawal.status is U:
        assert "interrupted" in evaluation.headline.en
        assert "中断" in evaluation.headline.zh


def test_tightened_preset_sits_just_above_the_normal_threshold() -> None:
    scenario = resolve_preset("tightened-policy").scenario
    normal = with_values(scenario, {"policy.tightening": Tightening.NORMAL})
    assert evaluate(normal, DEFAULT)["cash_withdrawal"].status is not U
    assert evaluate(scenario, DEFAULT)["cash_withdrawal"].status is U


def test_score_drop_is_the_only_cause_in_its_preset() -> None:
    scenario = resolve_preset("score-drop").scenario
    top_floor = score_floor_values(DEFAULT, scenario.policy.tightening)[-1]
    recovered = evaluate(with_values(scenario, {"borrower.score": top_floor}), DEFAULT)
    assert all(r.status is A for r in recovered.features)


def test_disbursement_outage_recovers_when_the_channel_is_back() -> None:
    scenario = resolve_preset("disbursement-outage").scenario
    back = evaluate(with_values(scenario, {"system.disbursement": Health.UP}), DEFAULT)
    assert back.usable == back.total


def test_resolve_by_display_name_in_either_language_and_by_path() -> None:
    assert resolve_preset("Score drop").slug == "score-drop"
    assert resolve_preset("信用分下降").slug == "score-drop"
    path = bundled_dir() / "score-drop.toml"
    assert resolve_preset(str(path)).scenario == resolve_preset("score-drop").scenario


def test_unknown_preset_name_suggests_the_closest() -> None:
    with pytest.raises(PresetError) as info:
        resolve_preset("score-drp")
    assert "did you mean 'score-drop'" in str(info.value)


@pytest.mark.parametrize(
    ("text", "message"),
    [
        (
            "[borrower]\nscore = 1000\n",
            "borrower.score: expected an integer 350..950, found integer 1000",
        ),
        (
            '[borrower]\nscore = "680"\n',
            "borrower.score: expected an integer 350..950, found string '680'",
        ),
        (
            "[borrower]\nscore = 680.0\n",
            "borrower.score: expected an integer 350..950, found float 680.0",
        ),
        ("[borrower]\nscor = 680\n", "borrower.scor: expected one of score, credit_limit"),
        (
            '[borrower]\nidentity_verified = "yes"\n',
            "borrower.identity_verified: expected true or false, found string 'yes'",
        ),
        (
            "[borrower.overdue]\nworst_days = 3\ncurrent_days = 5\ncount_24m = 1\n",
            "borrower.overdue.worst_days: expected at least current_days (5), found integer 3",
        ),
        (
            "[borrower.overdue]\nworst_days = 3\n",
            "borrower.overdue.count_24m: expected at least 1 when worst_days is above 0 (3)",
        ),
        (
            '[system]\ndisbursement = "dwn"\n',
            'system.disbursement: expected one of "up", "delayed", "degraded", "down" (did you mean \'down\'?), found string \'dwn\'',
        ),
        (
            '[policy]\nsuspended_regions = "CN-ZJ"\n',
            "policy.suspended_regions: expected an array of region codes, found string 'CN-ZJ'",
        ),
        (
            '[policy]\nsuspended_regions = ["CN-ZZ"]\n',
            "policy.suspended_regions[0]: expected an ISO 3166-2:CN",
        ),
        ("borrower = 5\n", "borrower: expected a table, found integer 5"),
        (
            "colour = 1\n",
            "colour: expected one of name, description, name_zh, description_zh, as_of, borrower, system, funding, policy",
        ),
        ("score = \n", "(syntax): expected valid TOML, found Invalid value (at line 1, column 9)"),
        ('name = "a/b"\n', "name: expected a name without control characters or path separators"),
        ("name_zh = 5\n", "name_zh: expected a string, found integer 5"),
        (
            "[borrower]\nscore = 700\nscore = 710\n",
            "borrower.score: expected each key defined once, found borrower.score defined twice, at line 2 and again at line 3",
        ),
    ],
)
def test_bad_preset_text_gives_one_clear_message(text: str, message: str) -> None:
    with pytest.raises(PresetError) as info:
        loads_preset(text, "bad.toml")
    rendered = str(info.value)
    assert rendered.startswith("bad.toml: ")
    assert message in rendered
    assert "\n" not in rendered


def test_an_over_limit_balance_is_a_valid_preset() -> None:
    preset = loads_preset("[borrower]\ncredit_limit = 100\noutstanding = 200\n")
    assert preset.scenario.borrower.outstanding > preset.scenario.borrower.credit_limit


def test_file_problems_are_preset_errors(tmp_path: Path) -> None:
    with pytest.raises(PresetError, match="no such file"):
        load_preset(tmp_path / "missing.toml")
    with pytest.raises(PresetError, match="a directory"):
        load_preset(tmp_path)
    big = tmp_path / "big.toml"
    big.write_text("# " + "x" * 70_000)
    with pytest.raises(PresetError, match="at most 65,536 bytes"):
        load_preset(big)
    latin = tmp_path / "latin.toml"
    latin.write_bytes(b'name = "caf\xe9"\n')
    with pytest.raises(PresetError, match="expected UTF-8 text, found byte 0xe9"):
        load_preset(latin)


def test_overrides_are_applied_and_validated() -> None:
    preset = resolve_preset(DEFAULT_PRESET)
    changed = apply_overrides(
        preset,
        ["borrower.score=590", "system.disbursement=down", 'policy.suspended_regions=["CN-BJ"]'],
    )
    assert changed.scenario.borrower.score == 590
    assert changed.scenario.system.disbursement is Health.DOWN
    assert changed.scenario.policy.suspended_regions == ("CN-BJ",)
    with pytest.raises(PresetError, match=r"^--set borrower\.score=abc: borrower\.score: expected"):
        apply_overrides(preset, ["borrower.score=abc"])
    with pytest.raises(PresetError, match="did you mean 'borrower'"):
        apply_overrides(preset, ["borower.score=600"])
    with pytest.raises(PresetError, match=r"borrower\.score: expected a table"):
        apply_overrides(preset, ["borrower.score.x=1"])
    with pytest.raises(PresetError, match="expected KEY=VALUE"):
        apply_overrides(preset, ["borrower.score"])


TIED_OVERRIDES = [
    ["borrower.credit_limit=0", "borrower.outstanding=0"],
    [
        "borrower.overdue.current_days=12",
        "borrower.overdue.worst_days=12",
        "borrower.overdue.count_24m=1",
    ],
    [
        "borrower.overdue.current_days=0",
        "borrower.overdue.worst_days=0",
        "borrower.overdue.count_24m=0",
    ],
    ["borrower.score=600", "borrower.outstanding=70000", "system.risk_engine=degraded"],
]


@given(st.sampled_from(TIED_OVERRIDES), st.data())
def test_overrides_do_not_depend_on_their_order(overrides: list[str], data: st.DataObject) -> None:
    """All overrides apply, then the result is validated once, like a file."""
    base = resolve_preset("recent-overdue")
    order = data.draw(st.permutations(overrides))
    assert apply_overrides(base, order) == apply_overrides(base, overrides)


def test_an_impossible_set_of_overrides_names_the_one_to_fix() -> None:
    base = resolve_preset("healthy")
    for order in itertools.permutations(["borrower.overdue.current_days=12", "borrower.score=600"]):
        with pytest.raises(PresetError) as info:
            apply_overrides(base, list(order))
        assert str(info.value).startswith("--set borrower.overdue.current_days=12: ")
        assert "borrower.overdue.worst_days: expected at least current_days (12)" in str(info.value)


@given(scenarios())
def test_save_and_load_round_trip_exactly(scenario: Scenario) -> None:
    preset = Preset(
        name="Round trip",
        description="any valid scenario",
        scenario=scenario,
        name_zh="往返",
        description_zh="任意有效情景",
    )
    assert loads_preset(dumps_preset(preset)) == preset


def test_save_is_atomic_and_never_overwrites_without_asking(tmp_path: Path) -> None:
    preset = Preset(name="My case", description="mine", scenario=Scenario())
    path = save_preset(preset, tmp_path)
    assert path == tmp_path / "my-case.toml"
    assert load_preset(path) == preset
    changed = Preset(name="My case", description="changed", scenario=Scenario())
    with pytest.raises(PresetExistsError):
        save_preset(changed, tmp_path)
    assert load_preset(path).description == "mine"
    save_preset(changed, tmp_path, overwrite=True)
    assert load_preset(path).description == "changed"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["my-case.toml"]


@pytest.mark.parametrize(
    ("name", "message"),
    [
        ("../evil", "path separators"),
        ("a/b", "path separators"),
        ("a\\b", "path separators"),
        ("x" * 81, "at most 80 characters"),
        ("   ", "at least one letter or digit"),
        ("!!!", "at least one letter or digit"),
        ("tab\there", "control characters"),
        ("...", "at least one letter or digit"),
        ("invoice\u202etxt.exe", "control characters"),
        ("bell\x07", "control characters"),
    ],
)
def test_saving_refuses_every_name_that_loading_would_refuse(
    tmp_path: Path, name: str, message: str
) -> None:
    with pytest.raises(PresetError, match=re.escape(message)):
        preset_file_stem(name)
    with pytest.raises(PresetError, match=re.escape(message)):
        save_preset(Preset(name=name), tmp_path)
    assert list(tmp_path.iterdir()) == []


@given(st.text(max_size=90))
def test_a_name_loads_exactly_when_it_can_be_saved(name: str) -> None:
    """One rule for names: what loading accepts, saving accepts, and the reverse."""
    try:
        preset_file_stem(name)
    except PresetError:
        saves = False
    else:
        saves = True
    text = dumps_preset(Preset(name=name.strip()))
    try:
        loads_preset(text, "named.toml")
    except PresetError as error:
        assert error.key == "name"
        loads = False
    else:
        loads = True
    assert saves == (loads and bool(name.strip()))


@given(st.text(max_size=90))
def test_a_name_that_saves_loads_back_under_the_same_name(name: str) -> None:
    try:
        stem = preset_file_stem(name)
    except PresetError:
        return
    preset = loads_preset(dumps_preset(Preset(name=name.strip())), f"{stem}.toml")
    assert preset.name == name.strip()


@pytest.mark.parametrize("failing", ["fsync", "replace"])
def test_failed_save_reports_and_keeps_the_old_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, failing: str
) -> None:
    preset = Preset(name="Kept", description="original", scenario=Scenario())
    path = save_preset(preset, tmp_path)

    def disk_full(*_args: object) -> None:
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))

    monkeypatch.setattr(os, failing, disk_full)
    changed = Preset(name="Kept", description="changed", scenario=Scenario())
    with pytest.raises(PresetError, match="No space left on device"):
        save_preset(changed, tmp_path, overwrite=True)
    monkeypatch.undo()
    assert load_preset(path).description == "original"
    assert [p.name for p in tmp_path.iterdir()] == ["kept.toml"]  # no temp file left behind


def test_saved_presets_are_listed_and_resolved(user_config_dir: Path) -> None:
    save_preset(Preset(name="Mine", description="my scenario", scenario=Scenario()))
    entries = {e.slug: e for e in list_presets()}
    assert entries["mine"].origin == "user"
    assert resolve_preset("mine").description == "my scenario"


def test_a_user_preset_shadowing_a_bundled_one_is_shown_and_the_bundled_stays_reachable(
    user_config_dir: Path,
) -> None:
    save_preset(Preset(name="Healthy", description="my own healthy", scenario=Scenario()))
    entries = [e for e in list_presets() if e.slug == "healthy"]
    by_origin = {e.origin: e for e in entries}
    assert by_origin["user"].shadows and by_origin["bundled"].shadowed
    assert by_origin["bundled"].ref == "bundled:healthy"
    assert resolve_preset("healthy").description == "my own healthy"
    assert resolve_preset("bundled:healthy").origin == "bundled"


def test_a_broken_user_preset_is_listed_with_its_error(user_config_dir: Path) -> None:
    folder = user_config_dir / "presets"
    folder.mkdir(parents=True)
    (folder / "broken.toml").write_text("[borrower]\nscore = 5\n")
    entry = {e.slug: e for e in list_presets()}["broken"]
    assert entry.preset is None
    assert entry.error is not None
    assert "borrower.score" in entry.description


@pytest.mark.slow
def test_presets_and_policies_ship_inside_the_wheel(tmp_path: Path) -> None:
    """Bundled data (presets, policies, messages) is found when installed from a wheel,
    not only from a checkout."""
    subprocess.run(
        [
            sys.executable,
            "-m",
            "pip",
            "wheel",
            "--no-deps",
            "--no-build-isolation",
            "--quiet",
            "-w",
            str(tmp_path / "dist"),
            str(ROOT),
        ],
        check=True,
    )
    wheel = next((tmp_path / "dist").glob("credit_whatif-*.whl"))
    names = zipfile.ZipFile(wheel).namelist()
    shipped = {Path(n).name for n in names if n.startswith("credit_whatif/presets/")}
    assert shipped == {f"{slug}.toml" for slug in EXPECTED}
    policies = {Path(n).stem for n in names if n.startswith("credit_whatif/policies/")}
    assert policies == {"default", "conservative", "growth"}
    messages = {n for n in names if n.startswith("credit_whatif/messages/")}
    assert messages == {"credit_whatif/messages/en.toml", "credit_whatif/messages/zh.toml"}
    target = tmp_path / "site"
    subprocess.run(
        [
            sys.executable,
            "-m",
            "pip",
            "install",
            "--no-deps",
            "--quiet",
            "--target",
            str(target),
            str(wheel),
        ],
        check=True,
    )
    # A preset evaluated by the installed copy, in both languages: the sentences come
    # from the wheel's message files.
    code = (
        "from credit_whatif.files import presets, policies; print(presets.bundled_dir()); "
        "print(len(presets.list_presets())); print(policies.default_policy().name)\n"
        "import credit_whatif as c, credit_whatif.domain.catalogue as m, credit_whatif.i18n as i\n"
        "print(m.__file__)\n"
        "e = c.evaluate(c.resolve_preset('regional-suspension').scenario)\n"
        "reason = e['cash_withdrawal'].reasons[0]\n"
        "for lang in ('en', 'zh'):\n"
        "    print(e.headline(lang)); print(reason.message(lang)); print(i.label('feature', lang))"
    )
    env = {**os.environ, "PYTHONPATH": str(target)}
    out = subprocess.run(
        [sys.executable, "-c", code],
        check=True,
        capture_output=True,
        text=True,
        env=env,
        cwd=tmp_path,
    ).stdout.splitlines()
    assert out[0].startswith(str(target))
    assert int(out[1]) == len(EXPECTED)
    assert out[2] == "Default policy"
    assert out[3].startswith(str(target))
    here = evaluate(resolve_preset("regional-suspension").scenario, DEFAULT)
    reason = here["cash_withdrawal"].reasons[0]
    assert reason.rule.id == "policy.region_suspended"
    assert out[4:] == [
        here.headline.en,
        reason.message.en,
        "Feature",
        here.headline.zh,
        reason.message.zh,
        "功能",
    ]


# --- Whatever save writes, load reads ------------------------------------------------


def test_a_preset_too_large_to_load_is_refused_before_anything_is_written(
    tmp_path: Path,
) -> None:
    preset = Preset(name="Long story", description="x" * 70_000, scenario=Scenario())
    size = len(dumps_preset(preset).encode("utf-8"))
    message = (
        "save: description: expected at most 65,536 bytes in the file (a shorter description), "
        f"found {size:,} bytes"
    )
    with pytest.raises(PresetError) as info:
        check_save(preset)
    assert str(info.value) == message
    with pytest.raises(PresetError) as info:
        save_preset(preset, tmp_path)
    assert str(info.value) == message
    assert list(tmp_path.iterdir()) == []
    chinese = Preset(name="长", description_zh="长" * 30_000, scenario=Scenario())
    with pytest.raises(PresetError, match=r"^save: description_zh: expected at most 65,536 bytes"):
        check_save(chinese)


def test_check_save_names_the_file_stem_and_the_first_broken_rule() -> None:
    assert check_save(Preset(name="My Case", description="ok")) == "my-case"
    with pytest.raises(PresetError) as info:
        check_save(Preset(name="../evil"))
    assert str(info.value) == (
        "save: name: expected a name without control characters or path separators, "
        "found '/' in '../evil'"
    )


@given(
    scenarios(),
    st.text(max_size=200),
    st.text(max_size=40).filter(lambda n: any(c.isalnum() for c in n)),
)
def test_whatever_check_save_accepts_loads_back_unchanged(
    scenario: Scenario, description: str, name: str
) -> None:
    preset = Preset(name=name.strip(), description=description, scenario=scenario)
    try:
        check_save(preset)
    except PresetError:
        return
    assert loads_preset(dumps_preset(preset)) == preset


def test_text_that_would_act_on_a_terminal_is_written_as_escapes() -> None:
    description = "clear\x1b[2J clip\x1b]52;c;aGk=\x07 bidi\u202e c1\x9b end"
    text = dumps_preset(Preset(name="Escapes", description=description))
    assert not any(c in text for c in "\x1b\x07\u202e\x9b")
    assert "\\u202e" in text and "\\u009b" in text
    assert loads_preset(text).description == description


def test_bundled_chinese_descriptions_use_full_width_punctuation() -> None:
    from credit_whatif.files.policies import list_policies

    han_next_to_half_width = re.compile(r"[\u4e00-\u9fff][,:;()?!]|[,:;()?!][\u4e00-\u9fff]")
    texts = [
        (e.slug, e.preset.name_zh + e.preset.description_zh)
        for e in list_presets()
        if e.origin == "bundled" and e.preset is not None
    ]
    texts += [
        (e.ref, e.table.name_zh + e.table.description_zh)
        for e in list_policies()
        if e.origin == "bundled" and e.table is not None
    ]
    assert len(texts) > 10
    for where, text in texts:
        assert not han_next_to_half_width.search(text), where


@pytest.mark.parametrize(
    ("text", "zh"),
    [
        ("name_zh = 5", "name_zh：应为字符串，实际为5"),
        ("borrower = 5", "borrower：应为表，实际为5"),
    ],
)
def test_a_field_of_the_wrong_type_is_refused_in_chinese(text: str, zh: str) -> None:
    try:
        loads_preset(text, "p.toml")
    except PresetError as exc:
        assert exc.message("zh").endswith(zh)
    else:
        raise AssertionError("a field of the wrong type went through")
