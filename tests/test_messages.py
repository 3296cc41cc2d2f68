"""The message files (issue 18): en.toml and zh.toml agree key for key and placeholder
for placeholder, the check that says so fails when they do not, and translators'
rules hold in the data itself."""

from __future__ import annotations

import copy
import itertools
import re
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from credit_whatif import i18n
from credit_whatif.domain import catalogue, message_files
from credit_whatif.domain.message_files import MessageFileError, Messages, check, spell_key

ROOT = Path(__file__).resolve().parents[1]
PACKAGE = ROOT / "src" / "credit_whatif"
EN, ZH = "messages/en.toml", "messages/zh.toml"
Tree = dict[str, Any]
PLACEHOLDER = re.compile(r"\{\w+\}")


SHIPPED = message_files.read_trees()


def trees() -> dict[str, Tree]:
    """A fresh copy of both files, parsed, to break."""
    return copy.deepcopy(SHIPPED)


def leaf_paths(node: Tree, path: tuple[str, ...] = ()) -> list[tuple[str, ...]]:
    paths = []
    for key, value in node.items():
        if isinstance(value, dict) and not message_files._is_plural(value):
            paths += leaf_paths(value, (*path, key))
        else:
            paths.append((*path, key))
    return paths


def at(tree: Tree, path: tuple[str, ...]) -> Tree:
    for key in path[:-1]:
        tree = tree[key]
    return tree


def problems(broken: dict[str, Tree]) -> list[str]:
    with pytest.raises(MessageFileError) as info:
        check(broken)
    assert str(info.value) == "\n".join(info.value.problems)
    return info.value.problems


def test_the_shipped_files_agree_and_fill_the_catalogues() -> None:
    files = message_files.read_trees()
    assert list(files) == [EN, ZH]
    check(files)  # raises on any problem
    loaded = message_files.load()
    assert loaded is message_files.load()  # read and checked once per process
    en = files[EN]
    assert set(catalogue.RULE_TEXTS) == set(en["rules"])
    assert set(i18n.UI) == set(en["ui"])
    assert catalogue.WORDS["true"] == loaded.text("words", "true")
    assert (catalogue.WORDS["true"].en, catalogue.WORDS["true"].zh) == ("yes", "是")


# Each way a translator's edit can go wrong, and the exact line that says so.
def _drop(tree: Tree, *path: str) -> None:
    del at(tree, path)[path[-1]]


def _put(tree: Tree, value: object, *path: str) -> None:
    at(tree, path)[path[-1]] = value


BREAKAGES: list[tuple[str, Callable[[dict[str, Tree]], None], list[str]]] = [
    (
        "a key missing",
        lambda t: _drop(t[ZH], "ui", "action.help"),
        [f'{ZH}: ui."action.help": expected a message (as in {EN}), found none'],
    ),
    (
        "a key too many",
        lambda t: _put(t[ZH], "提示", "rules", "credit.min_score", "hint"),
        [f'{ZH}: rules."credit.min_score".hint: expected no such key (not in {EN}), found one'],
    ),
    (
        "a misspelt key: one missing, one too many",
        lambda t: t[ZH]["words"].update(unavailabel=t[ZH]["words"].pop("unavailable")),
        [
            f"{ZH}: words.unavailable: expected a message (as in {EN}), found none",
            f"{ZH}: words.unavailabel: expected no such key (not in {EN}), found one",
        ],
    ),
    (
        "a placeholder left out",
        lambda t: _put(
            t[ZH],
            "信用分 {observed},低于{level}政策的提现最低分 {threshold}。",
            "rules",
            "credit.min_score",
            "detail",
        ),
        [
            f'{ZH}: rules."credit.min_score".detail: expected placeholders '
            f"{{level}} {{margin}} {{observed}} {{threshold}} (as in {EN}), "
            "found {level} {observed} {threshold}"
        ],
    ),
    (
        "a placeholder translated",
        lambda t: _put(t[ZH], "原因:{功能}", "ui", "reasons_for"),
        [f"{ZH}: ui.reasons_for: expected placeholders {{feature}} (as in {EN}), found {{功能}}"],
    ),
    (
        "a placeholder the code does not fill",
        lambda t: _put(t[ZH], "已加载 {name}({path})", "ui", "notify.loaded"),
        [
            f'{ZH}: ui."notify.loaded": expected placeholders {{name}} (as in {EN}), '
            "found {name} {path}"
        ],
    ),
    (
        "a lone brace",
        lambda t: _put(t[ZH], "已加载 {name", "ui", "notify.loaded"),
        [
            f'{ZH}: ui."notify.loaded": expected placeholders written {{name}}, '
            "found expected '}' before end of string"
        ],
    ),
    (
        "a lone brace in the source",
        lambda t: _put(t[EN], "Loaded name}", "ui", "notify.loaded"),
        [
            f'{EN}: ui."notify.loaded": expected placeholders written {{name}}, '
            "found Single '}' encountered in format string"
        ],
    ),
    (
        "a message that is not text",
        lambda t: _put(t[ZH], True, "words", "true"),
        [f"{ZH}: words.true: expected a message, found a boolean"],
    ),
    (
        "a message left blank",
        lambda t: _put(t[ZH], " ", "ui", "help.title"),
        [f'{ZH}: ui."help.title": expected a message, found blank text'],
    ),
    (
        "one message where the source has one per effect",
        lambda t: _put(t[ZH], "系统繁忙。", "rules", "system.risk_engine_degraded", "message"),
        [
            f'{ZH}: rules."system.risk_engine_degraded".message.unavailable: '
            f"expected a message (as in {EN}), found none",
            f'{ZH}: rules."system.risk_engine_degraded".message.payout_cap: '
            f"expected a message (as in {EN}), found none",
            f'{ZH}: rules."system.risk_engine_degraded".message: '
            f"expected no such key (not in {EN}), found one",
        ],
    ),
    (
        "a unit without its number",
        lambda t: _put(t[ZH], {"other": "天"}, "units", "days"),
        [f"{ZH}: units.days: expected placeholders {{n}} (as in {EN}), found none"],
    ),
    (
        "a key that hides a control character",
        lambda t: _put(t[ZH], "x", "ui", "help\u202e.title"),
        [f'{ZH}: ui."help\\u202e.title": expected no such key (not in {EN}), found one'],
    ),
]


@pytest.mark.parametrize(
    ("breakage", "expected"),
    [pytest.param(b, e, id=name) for name, b, e in BREAKAGES],
)
def test_the_check_names_the_file_the_key_and_what_differs(
    breakage: Callable[[dict[str, Tree]], None], expected: list[str]
) -> None:
    broken = trees()
    breakage(broken)
    assert problems(broken) == expected


def test_grammar_placeholders_may_differ_between_languages() -> None:
    """{Feature} starts an English sentence with {feature}; {verb} is English is/are."""
    files = trees()
    assert "{verb}" in files[EN]["headlines"]["some_unavailable"]
    assert "{verb}" not in files[ZH]["headlines"]["some_unavailable"]
    _put(files[ZH], "{Feature}不可用。", "effects", "unavailable")
    _put(files[EN], "{feature} is unavailable.", "effects", "limited")
    check(files)
    # ...but only those two: another capital is another placeholder.
    _put(files[ZH], "{Limit}", "ui", "available_total")
    assert problems(files) == [
        f"{ZH}: ui.available_total: expected placeholders {{amount}} (as in {EN}), found {{Limit}}"
    ]


def test_every_problem_is_reported_at_once() -> None:
    broken = trees()
    for _, breakage, _ in BREAKAGES[:3]:
        breakage(broken)
    assert len(problems(broken)) == 4


@given(st.data())
def test_any_key_missing_from_either_file_is_named(data: st.DataObject) -> None:
    files = trees()
    paths = leaf_paths(files[EN])
    path = data.draw(st.sampled_from(paths))
    broken_file = data.draw(st.sampled_from([EN, ZH]))
    del at(files[broken_file], path)[path[-1]]
    if broken_file == ZH:
        expected = f"{ZH}: {spell_key(path)}: expected a message (as in {EN}), found none"
    else:
        expected = f"{ZH}: {spell_key(path)}: expected no such key (not in {EN}), found one"
    found = problems(files)
    assert expected in found
    # A table left empty by the deletion ([format] has one key) is reported too.
    assert len(found) == 1 or found[0].endswith("expected a message, found an empty table")


@given(st.data())
def test_any_placeholder_removed_from_a_translation_is_named(data: st.DataObject) -> None:
    files = trees()
    texts = {p: at(files[ZH], p)[p[-1]] for p in leaf_paths(files[ZH])}
    # A message that is nothing but its placeholder would be blank without it: another
    # refusal, tested apart.
    with_fields = [
        p
        for p, text in texts.items()
        if PLACEHOLDER.search(str(text)) and PLACEHOLDER.sub("", str(text)).strip()
    ]
    path = data.draw(st.sampled_from(with_fields))
    text = texts[path]
    field = data.draw(st.sampled_from(sorted(set(PLACEHOLDER.findall(text)))))
    at(files[ZH], path)[path[-1]] = text.replace(field, "")
    [line] = problems(files)
    assert line.startswith(f"{ZH}: {spell_key(path)}: expected placeholders ")
    assert field.lower() in line.split(" found ")[0].lower()


def test_a_broken_file_is_named_with_the_line() -> None:
    with pytest.raises(MessageFileError) as info:
        message_files.parse(ZH, '[ui]\nfeature = "功能\n')
    assert str(info.value).startswith(f"{ZH}: (syntax): expected valid TOML, found ")
    assert "line 2" in str(info.value)


def test_a_lookup_the_source_lacks_names_the_file_and_the_key() -> None:
    loaded = Messages({"en": {"words": {"up": "up"}}, "zh": {"words": {"up": "正常"}}})
    assert loaded.table("words") == {"up": catalogue.WORDS["up"]}
    with pytest.raises(MessageFileError, match=re.escape(f"{EN}: headlines: expected a table")):
        loaded.table("headlines")
    with pytest.raises(MessageFileError) as info:
        loaded.text("words", "down")
    assert str(info.value) == f"{EN}: words.down: expected text, found none"


# --- The translators' rules, in the data itself -----------------------------------------

LATIN = re.compile(r"[A-Za-z]")


def customer_messages(lang_file: str) -> list[tuple[str, str]]:
    rules = message_files.read_trees()[lang_file]["rules"]
    found = []
    for rule_id, texts in rules.items():
        message = texts["message"]
        variants = message.items() if isinstance(message, dict) else [("", message)]
        for variant, text in variants:
            found.append((f"{rule_id} {variant}".strip(), text))
    return found


@pytest.mark.parametrize(("where", "text"), customer_messages(ZH))
def test_chinese_customer_messages_have_no_latin_letter(where: str, text: str) -> None:
    assert not LATIN.search(PLACEHOLDER.sub("", text)), where


HAN = r"[\u4e00-\u9fff]"
# Half-width , : ; ( ) ? ! touching a Chinese character (or a placeholder, which the
# program fills with Chinese), outside numbers such as 10,000.
HALF_WIDTH = re.compile(rf"(?:{HAN}|\}})[,:;()?!]|[,:;()?!]{HAN}")
# A unit's space before more Chinese: "5,000 元 已" (the unit is the placeholder's).
UNIT_SPACE = re.compile(rf"\{{(observed|threshold|margin|amount|before|value|limit)\}} {HAN}")


def chinese_texts() -> list[tuple[str, str]]:
    tree = SHIPPED[ZH]
    found = []
    for path in leaf_paths(tree):
        value = at(tree, path)[path[-1]]
        for form in value.values() if isinstance(value, dict) else [value]:
            found.append((spell_key(path), form))
    return found


@pytest.mark.parametrize(("where", "text"), chinese_texts())
def test_chinese_punctuation_is_full_width_and_units_need_no_space(where: str, text: str) -> None:
    assert not HALF_WIDTH.search(text), where
    assert not UNIT_SPACE.search(text), where
    assert "暂时" not in text.replace("暂时", "", 1), where  # once is enough


def test_the_files_name_the_glossary_of_the_readme() -> None:
    """The glossary in both files' headers keeps up with the README's table."""
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    table = readme.split("### Glossary", 1)[1].split("\n## ", 1)[0]
    rows = [line.split("|")[1:-1] for line in table.splitlines() if line.startswith("| ")]
    terms = {term.strip() for row in rows[1:] for term in re.split(r"·|/|、", row[2])}
    assert len(terms) > 20
    for name in ("en.toml", "zh.toml"):
        lines = (PACKAGE / "messages" / name).read_text(encoding="utf-8").splitlines()
        header = "\n".join(itertools.takewhile(lambda line: not line.startswith("["), lines))
        missing = sorted(t for t in terms if t not in header)
        assert not missing, (name, missing)


def test_only_the_message_reader_reads_anything_in_the_domain() -> None:
    reading = re.compile(
        r"^\s*(import|from) (tomllib|pkgutil|importlib|io|os|pathlib)\b|\bopen\(", re.M
    )
    readers = [
        module.name
        for module in sorted((PACKAGE / "domain").glob("*.py"))
        if reading.search(module.read_text(encoding="utf-8"))
    ]
    assert readers == ["message_files.py"]


def test_every_declared_input_has_a_label_and_a_change_sentence() -> None:
    from credit_whatif.domain import REGISTRY, catalogue
    from credit_whatif.domain.inputs import InputKind, Moves
    from credit_whatif.i18n import UI

    for declared in REGISTRY.inputs:
        assert declared.key in UI, declared.key
        if declared.moves is Moves.FIXED:
            continue
        if declared.kind is InputKind.HEALTH:
            assert {"system.up", "system.degraded"} <= set(catalogue.CHANGE_TEXT)
        else:
            assert declared.key in catalogue.CHANGE_TEXT, declared.key
        unit = declared.value_unit
        assert unit is None or unit in catalogue.UNITS, (declared.key, unit)
    for figure in REGISTRY.figures:
        assert figure.value_unit is None or figure.value_unit in catalogue.UNITS


def test_every_feature_has_its_sentences_and_no_other() -> None:
    from credit_whatif.domain import REGISTRY, catalogue

    assert set(catalogue.FEATURE_TEXTS) == set(REGISTRY.feature_ids)
    for feature in REGISTRY.features:
        # A payout ("at most 5,000 yuan per withdrawal") is a drawing on the line.
        assert (feature.payout is not None) == feature.draws_credit, feature.id


def test_a_chinese_refusal_names_the_type_once() -> None:
    """'应为 0 到 10,000,000 之间的整数，实际为 999,999,999': the number is not called an
    integer a second time."""
    found = catalogue.describe_found(999_999_999)
    assert found.zh in {"999,999,999", "999999999"}
    assert "整数" not in found.zh


def test_every_signed_figure_uses_the_minus_sign() -> None:
    from credit_whatif.domain.wording import signed, signed_yuan

    assert signed(-1200) == "\u22121,200" and signed(1200) == "+1,200" and signed(0) == "0"
    assert signed_yuan(-5, "zh") == "\u22125 元"
    sources = [p.read_text(encoding="utf-8") for p in (PACKAGE).rglob("*.py")]
    assert not any(re.search(r":\+,?\}", text) for text in sources)  # "{n:+,}" writes "-"
