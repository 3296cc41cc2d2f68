"""Every refusal of a preset or policy file, a name, a ``--set KEY=VALUE`` and sweep's
options in the chosen language (issue 21): under --lang zh (or a Chinese locale)
the line is Chinese, prefix included; under --lang en it is the English line as
before, word for word. Each is one line on stderr, exit 2, no traceback. (The
portfolio commands' refusals are tests/portfolio/test_error_language.py.)"""

from __future__ import annotations

import codecs
import re
import sys
from pathlib import Path
from typing import Any

import pytest
import tomli_w
from click.testing import CliRunner

from credit_whatif.cli import main
from credit_whatif.domain.enums import Tightening
from credit_whatif.domain.sweep import SWEEP_KEYS
from credit_whatif.files import refusals
from credit_whatif.files.errors import InputError, PresetError, PresetExistsError
from credit_whatif.files.policies import policy_to_dict, resolve_policy
from credit_whatif.files.presets import Preset, list_presets, save_preset

from .cli_lines import refusal_line


def _policy(root: Path, name: str, change: Any) -> None:
    data = policy_to_dict(resolve_policy("default"))
    change(data)
    (root / name).write_text(tomli_w.dumps(data), "utf-8")


@pytest.fixture(scope="module")
def root(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A folder of bad preset and policy files, built once."""
    w = tmp_path_factory.mktemp("language")
    (w / "dir.toml").mkdir()
    (w / "empty.toml").write_text("")
    (w / "comments.toml").write_text("# nothing yet\n")
    (w / "bom.toml").write_bytes(codecs.BOM_UTF8 + b'name = "x"\n')
    (w / "latin1.toml").write_bytes(b"name = '\xe9t\xe9'\n")
    (w / "syntax.toml").write_text("[borrower]\nscore = \n")
    (w / "twice.toml").write_text("[borrower]\nscore = 600\nscore = 610\n")
    (w / "big.toml").write_text("# " + "x" * 70_000 + "\n")
    (w / "deep.toml").write_text("x = " + "[" * 40 + "]" * 40 + "\n")
    (w / "digits.toml").write_text("[borrower]\nscore = " + "9" * 5000 + "\n")
    (w / "bell.toml").write_text('name = "bell\\u0007name"\n')
    (w / "long.toml").write_text(f'name = "{"n" * 81}"\n')
    (w / "dots.toml").write_text('name = "..."\n')
    _policy(w, "no-strict.toml", lambda d: d.pop("strict"))
    _policy(w, "normal-5.toml", lambda d: d.update(normal=5))
    _policy(w, "typo-field.toml", lambda d: d["normal"].update(withdrawl_min_score=600))
    _policy(w, "typo-key.toml", lambda d: d.update(nmae="x"))
    _policy(w, "description-5.toml", lambda d: d.update(description=5))
    _policy(w, "looser.toml", lambda d: d["strict"].update(withdrawal_min_score=360))
    (w / "empty-policy.toml").write_text("")
    return w


# id: (arguments, with {w} for the folder above)
CASES: dict[str, tuple[str, ...]] = {
    # --set KEY=VALUE
    "set without value": ("eval", "--set", "borrower.score"),
    "set without key": ("eval", "--set", "=5"),
    "set a key with a space": ("eval", "--set", "borrower score=5"),
    "set a second line": ("eval", "--set", "borrower.score=600\nborrower.credit_limit=0"),
    "set a newline in the value": ("eval", "--set", "policy.suspended_regions=[\n'CN-ZJ']"),
    "set two assignments": ("eval", "--set", "borrower.score=600 borrower.credit_limit=0"),
    "set unquoted text": ("eval", "--set", "name=a/b"),
    "set too many digits": ("eval", "--set", "borrower.score={nines}"),
    "set nested too deep": ("eval", "--set", "policy.suspended_regions=" + "[" * 40),
    "set below a value": ("eval", "--set", "borrower.score.x=1"),
    "set a name with a slash": ("eval", "--set", 'name="a/b"'),
    # preset files
    "no such preset file": ("eval", "{w}/missing.toml"),
    "a folder for a preset": ("eval", "{w}/dir.toml"),
    "empty preset": ("eval", "{w}/empty.toml"),
    "only comments": ("eval", "{w}/comments.toml"),
    "byte-order mark": ("eval", "{w}/bom.toml"),
    "not utf-8": ("eval", "{w}/latin1.toml"),
    "syntax": ("eval", "{w}/syntax.toml"),
    "key twice": ("eval", "{w}/twice.toml"),
    "too big": ("eval", "{w}/big.toml"),
    "nested too deep": ("eval", "{w}/deep.toml"),
    "integer too long": ("eval", "{w}/digits.toml"),
    "control character in a name": ("eval", "{w}/bell.toml"),
    "name too long": ("eval", "{w}/long.toml"),
    "name without a letter": ("eval", "{w}/dots.toml"),
    # names of presets and policies
    "no such preset": ("eval", "no-such-preset"),
    "bundled path": ("eval", "bundled:../x"),
    "no such bundled preset": ("eval", "bundled:nosuch"),
    "no such policy": ("eval", "--policy", "no-such-policy"),
    # policy files
    "policy without a level": ("eval", "--policy", "{w}/no-strict.toml"),
    "level not a table": ("eval", "--policy", "{w}/normal-5.toml"),
    "unknown threshold": ("eval", "--policy", "{w}/typo-field.toml"),
    "unknown policy key": ("eval", "--policy", "{w}/typo-key.toml"),
    "description not text": ("eval", "--policy", "{w}/description-5.toml"),
    "stricter level looser": ("eval", "--policy", "{w}/looser.toml"),
    "empty policy": ("eval", "--policy", "{w}/empty-policy.toml"),
    # sweep
    "sweep an unknown key": ("sweep", "--key", "borrower.region"),
    "sweep out of range": ("sweep", "--key", "borrower.score", "--from", "100"),
}

# id: (the English line, the Chinese line), after the prefix; {w} is the folder, and
# the lists that follow from the bundled files and the registry are filled in by
# fields().
LINES: dict[str, tuple[str, str]] = {
    "a folder for a preset": (
        "{w}/dir.toml: (file): expected a preset file, found a directory",
        "{w}/dir.toml：（文件）：应为预设文件，实际为文件夹",
    ),
    "bundled path": (
        "bundled:../x: (preset): expected the name of a bundled preset after "
        "bundled: ({bundled_en}), found a path '../x'",
        "bundled:../x：（预设）：应为bundled: "
        "之后的内置预设名称（{bundled_zh}），实际为路径 '../x'",
    ),
    "byte-order mark": (
        "{w}/bom.toml: (file): expected UTF-8 text without a byte-order mark, found "
        "a byte-order mark (EF BB BF)",
        "{w}/bom.toml：（文件）：应为不带字节顺序标记（BOM）的 UTF-8 "
        "文本，实际为字节顺序标记（EF BB BF）",
    ),
    "control character in a name": (
        "{w}/bell.toml: name: expected a name without control characters or path "
        "separators, found '\\x07' in 'bell\\x07name'",
        "{w}/bell.toml：name：应为不含控制字符和路径分隔符的名称，实际为'bell\\x07nam"
        "e' 中的 '\\x07'",
    ),
    "description not text": (
        "{w}/description-5.toml: description: expected a string, found integer 5",
        "{w}/description-5.toml：description：应为字符串，实际为5",
    ),
    "empty policy": (
        "{w}/empty-policy.toml: (file): expected a name and the tables normal, "
        "tightened, strict, found an empty file",
        "{w}/empty-policy.toml：（文件）：应为名称以及 normal、tightened、strict "
        "三个表，实际为空文件",
    ),
    "empty preset": (
        "{w}/empty.toml: (file): expected at least a name or one table, found an empty file",
        "{w}/empty.toml：（文件）：应为至少有名称或一个表，实际为空文件",
    ),
    "integer too long": (
        "{w}/digits.toml: (syntax): expected an integer of at most {digits} digits, "
        "found an integer of 5,000 digits at line 2",
        "{w}/digits.toml：（语法）：应为不超过 {digits} 位的整数，实际为5,000 位的整数（第 2 行）",
    ),
    "key twice": (
        "{w}/twice.toml: borrower.score: expected each key defined once, found "
        "borrower.score defined twice, at line 2 and again at line 3",
        "{w}/twice.toml：borrower.score：应为每个键只定义一次，实际为borrower.score "
        "定义了两次：第 2 行和第 3 行",
    ),
    "level not a table": (
        "{w}/normal-5.toml: normal: expected a table of thresholds, found integer 5",
        "{w}/normal-5.toml：normal：应为阈值表，实际为5",
    ),
    "name too long": (
        "{w}/long.toml: name: expected at most 80 characters, found 81 characters",
        "{w}/long.toml：name：应为不超过 80 个字符，实际为81 个字符",
    ),
    "name without a letter": (
        "{w}/dots.toml: name: expected a name with at least one letter or digit, found '...'",
        "{w}/dots.toml：name：应为至少含一个字母或数字的名称，实际为'...'",
    ),
    "nested too deep": (
        "{w}/deep.toml: (syntax): expected arrays or tables nested at most 32 levels "
        "deep, found deeper nesting at line 1",
        "{w}/deep.toml：（语法）：应为嵌套不超过 32 层的数组或表，实际为更深的嵌套（第 1 行）",
    ),
    "no such bundled preset": (
        "bundled:nosuch: (preset): expected the name of a bundled preset after "
        "bundled: ({bundled_en}), found no bundled preset 'nosuch'",
        "bundled:nosuch：（预设）：应为bundled: "
        "之后的内置预设名称（{bundled_zh}），实际为没有名为 'nosuch' 的内置预设",
    ),
    "no such policy": (
        "no-such-policy: (policy): expected a policy name (default, conservative, "
        "growth) or a path to a .toml file, found no policy by that name",
        "no-such-policy：（政策）：应为政策名称（default、conservative、growth）或 "
        ".toml 文件的路径，实际为没有这个名称的政策",
    ),
    "no such preset": (
        "no-such-preset: (preset): expected a preset name ({presets_en}) or a path "
        "to a .toml file, found no preset by that name",
        "no-such-preset：（预设）：应为预设名称（{presets_zh}）或 .toml "
        "文件的路径，实际为没有这个名称的预设",
    ),
    "no such preset file": (
        "{w}/missing.toml: (file): expected an existing preset file, found no such file",
        "{w}/missing.toml：（文件）：应为已存在的预设文件，实际为文件不存在",
    ),
    "not utf-8": (
        "{w}/latin1.toml: (file): expected UTF-8 text, found byte 0xe9 at offset 8",
        "{w}/latin1.toml：（文件）：应为UTF-8 文本，实际为偏移 8 处的字节 0xe9",
    ),
    "only comments": (
        "{w}/comments.toml: (file): expected at least a name or one table, found only comments",
        "{w}/comments.toml：（文件）：应为至少有名称或一个表，实际为只有注释",
    ),
    "policy without a level": (
        "{w}/no-strict.toml: strict: expected a table of thresholds, found no such table",
        "{w}/no-strict.toml：strict：应为阈值表，实际为没有这个表",
    ),
    "set a key with a space": (
        "--set borrower score=5: borrower score: expected a dotted key path such as "
        "borrower.score, found 'borrower score'",
        "--set borrower score=5：borrower score：应为以点分隔的键路径，例如 "
        "borrower.score，实际为'borrower score'",
    ),
    "set a name with a slash": (
        '--set name="a/b": name: expected a name without control characters or path '
        "separators, found '/' in 'a/b'",
        "--set name=\"a/b\"：name：应为不含控制字符和路径分隔符的名称，实际为'a/b' 中的 '/'",
    ),
    "set a newline in the value": (
        "--set policy.suspended_regions=[\\x0a'CN-ZJ']: policy.suspended_regions: "
        "expected one KEY=VALUE, found a newline in the value (\"'CN-ZJ']\")",
        "--set policy.suspended_regions=[\\x0a'CN-ZJ']：policy.suspended_regions：应"
        "为一个 KEY=VALUE，实际为值中有换行（\"'CN-ZJ']\"）",
    ),
    "set a second line": (
        "--set borrower.score=600\\x0aborrower.credit_limit=0: borrower.score: "
        "expected one KEY=VALUE, found a newline after the value "
        "('borrower.credit_limit=0')",
        "--set borrower.score=600\\x0aborrower.credit_limit=0：borrower.score：应为一"
        "个 KEY=VALUE，实际为值后有换行（'borrower.credit_limit=0'）",
    ),
    "set below a value": (
        "--set borrower.score.x=1: borrower.score: expected a table, found integer 720",
        "--set borrower.score.x=1：borrower.score：应为表，实际为720",
    ),
    "set nested too deep": (
        "--set policy.suspended_regions=[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[: "
        "policy.suspended_regions: expected arrays or tables nested at most 32 "
        "levels deep, found deeper nesting",
        "--set policy.suspended_regions=[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[：pol"
        "icy.suspended_regions：应为嵌套不超过 32 层的数组或表，实际为更深的嵌套",
    ),
    "set too many digits": (
        "--set borrower.score={nines}: borrower.score: expected an integer of at "
        "most {digits} digits, found an integer of 5,000 digits",
        "--set borrower.score={nines}：borrower.score：应为不超过 {digits} "
        "位的整数，实际为5,000 位的整数",
    ),
    "set two assignments": (
        "--set borrower.score=600 borrower.credit_limit=0: borrower.score: expected "
        "one KEY=VALUE, found a second assignment in '600 borrower.credit_limit=0'",
        "--set borrower.score=600 borrower.credit_limit=0：borrower.score：应为一个 "
        "KEY=VALUE，实际为'600 borrower.credit_limit=0' 中有第二个赋值",
    ),
    "set unquoted text": (
        "--set name=a/b: name: expected a TOML value (put text in quotes), found 'a/b'",
        "--set name=a/b：name：应为TOML 值（文本须加引号），实际为'a/b'",
    ),
    "set without key": (
        "--set =5: (key): expected KEY=VALUE, found '=5'",
        "--set =5：（键）：应为KEY=VALUE 形式的设置，实际为'=5'",
    ),
    "set without value": (
        "--set borrower.score: borrower.score: expected KEY=VALUE, found 'borrower.score'",
        "--set borrower.score：borrower.score：应为KEY=VALUE 形式的设置，实际为'borrower.score'",
    ),
    "stricter level looser": (
        "{w}/looser.toml: strict.withdrawal_min_score: expected at least "
        "{tightened_floor} (tightened's value: strict is never looser than "
        "tightened), found 360",
        "{w}/looser.toml：strict.withdrawal_min_score：应为不低于 "
        "{tightened_floor}（tightened 的取值；strict 不能比 tightened "
        "宽松），实际为360",
    ),
    "sweep an unknown key": (
        "--key: borrower.region: expected one of {sweep_keys}, found 'borrower.region'",
        "--key：borrower.region：应为{sweep_keys} 之一，实际为'borrower.region'",
    ),
    "sweep out of range": (
        "--from/--to: borrower.score: expected 350 <= from <= to <= 950, found from 100, to 950",
        "--from/--to：borrower.score：应为满足 350 <= from <= to <= 950 "
        "的范围，实际为from 为 100，to 为 950",
    ),
    "syntax": (
        "{w}/syntax.toml: (syntax): expected valid TOML, found Invalid value (at line 2, column 9)",
        "{w}/syntax.toml：（语法）：应为合法的 TOML，实际为错误：Invalid value (at "
        "line 2, column 9)",
    ),
    "too big": (
        "{w}/big.toml: (file): expected at most 65,536 bytes, found 70,003 bytes",
        "{w}/big.toml：（文件）：应为不超过 65,536 字节，实际为70,003 字节",
    ),
    "unknown policy key": (
        "{w}/typo-key.toml: nmae: expected one of name, name_zh, description, "
        "description_zh, driver, effective, normal, tightened, strict (did you mean 'name'?), "
        "found unknown key 'nmae'",
        "{w}/typo-key.toml：nmae：应为name, name_zh, description, description_zh, driver, "
        "effective, normal, tightened, strict 之一（是否想输入 'name'？），实际为未知键 'nmae'",
    ),
    "unknown threshold": (
        "{w}/typo-field.toml: normal.withdrawl_min_score: expected a threshold of "
        "the rule table (did you mean 'withdrawal_min_score'?), found unknown key "
        "'withdrawl_min_score'",
        "{w}/typo-field.toml：normal.withdrawl_min_score：应为规则表中的阈值（是否想"
        "输入 'withdrawal_min_score'？），实际为未知键 'withdrawl_min_score'",
    ),
}


def fields(root: Path) -> dict[str, object]:
    presets = [e.ref for e in list_presets()]
    bundled = sorted(e.slug for e in list_presets() if e.origin == "bundled")
    return {
        "w": root,
        "nines": "9" * 5000,
        "digits": f"{sys.get_int_max_str_digits():,}",
        "presets_en": ", ".join(presets),
        "presets_zh": "、".join(presets),
        "bundled_en": ", ".join(bundled),
        "bundled_zh": "、".join(bundled),
        "sweep_keys": ", ".join(SWEEP_KEYS),
        "tightened_floor": resolve_policy("default")[Tightening.TIGHTENED]["withdrawal_min_score"],
    }


def error_line(root: Path, case: str, lang: str) -> str:
    argv = [a.format(w=root, nines="9" * 5000) for a in CASES[case]]
    return refusal_line(argv, lang)


@pytest.mark.parametrize("case", sorted(CASES))
def test_each_refusal_is_one_line_in_the_chosen_language(root: Path, case: str) -> None:
    en, zh = LINES[case]
    assert error_line(root, case, "en") == en.format(**fields(root))
    assert error_line(root, case, "zh") == zh.format(**fields(root))


def test_a_chinese_locale_chooses_chinese_without_lang() -> None:
    result = CliRunner().invoke(
        main,
        ["eval", "--set", "borrower.score"],
        env={"LC_ALL": "", "LC_MESSAGES": "", "LANG": "zh_CN.UTF-8"},
    )
    assert result.exit_code == 2
    assert result.stderr == (
        "credit-whatif：错误：--set borrower.score：borrower.score："
        "应为KEY=VALUE 形式的设置，实际为'borrower.score'\n"
    )


def test_a_line_not_translated_stays_whole_english() -> None:
    """A refusal whose phrases have no Chinese is English in every language, its key
    included, rather than half and half."""
    error = InputError("bad.toml", "(file)", "a thing", "another")
    english = "bad.toml: (file): expected a thing, found another"
    assert error.message("zh") == error.message("en") == english


def test_saving_refusals_speak_the_chosen_language(tmp_path: Path) -> None:
    """The explorer's save dialog says why a preset cannot be saved in its language."""
    preset = Preset("My case")
    save_preset(preset, tmp_path)
    with pytest.raises(PresetExistsError) as caught:
        save_preset(preset, tmp_path)
    target = tmp_path / "my-case.toml"
    assert caught.value.message("en") == (
        f"{target}: (file): expected a new name or confirmation to overwrite, "
        "found an existing file"
    )
    assert (
        caught.value.message("zh")
        == f"{target}：（文件）：应为新的名称，或确认覆盖，实际为已存在的文件"
    )
    with pytest.raises(PresetError) as caught:
        save_preset(Preset("Long", description="d" * 70_000), tmp_path)
    assert caught.value.message("en").startswith(
        "save: description: expected at most 65,536 bytes in the file (a shorter description), "
        "found 70,"
    )
    assert caught.value.message("zh").startswith(
        "save：description：应为文件不超过 65,536 字节（请缩短 description），实际为70,"
    )
    with pytest.raises(PresetError) as caught:
        save_preset(Preset("...."), tmp_path)
    assert caught.value.message("zh") == "save：name：应为至少含一个字母或数字的名称，实际为'....'"


def test_every_phrase_the_code_asks_for_is_in_the_message_files() -> None:
    """A refusal is built where it is raised, often on a path no other test takes: each
    key the code names (``expected("port")``) is one the message files have."""
    package = Path(refusals.__file__).parents[1]
    source = "\n".join(p.read_text("utf-8") for p in sorted(package.rglob("*.py")))
    tables = {"expected": refusals.EXPECTED, "found": refusals.FOUND, "place": refusals.KEYS}
    asked = 0
    for function, table in tables.items():
        for key in re.findall(rf"\b{function}\(\s*\"(\w+)\"", source):
            assert key in table, (function, key)
            asked += 1
    assert asked > 100
