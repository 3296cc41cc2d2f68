"""The bad-policy corpus: the bundled default with one change each, and the exact error
each must produce (see :mod:`tests.corpus`).

Used through the library and the CLI (``tests/test_policies.py``) and the explorer
(``tests/tui/test_bad_files_in_explorer.py``); the ``bad_policy_files`` fixture writes
the files. Only what is no policy at all stays a committed file in ``data/bad_policies``.
"""

from __future__ import annotations

from pathlib import Path

from .corpus import Case, Delete, Kept, Line, Set, case

ROOT = Path(__file__).resolve().parents[1]
BASE = (ROOT / "policies" / "default.toml").read_text(encoding="utf-8")
KEPT_DIR = Path(__file__).parent / "data" / "bad_policies"

FIRST_FLOOR = "withdrawal_min_score = "
DUPLICATE_SPENDING = "spending_min_score = 450\nspending_min_score = 460"
MULTILINE_DESCRIPTION = (
    'description = """\nLooks like tables, but is text:\n[normal]\nwithdrawal_min_score = 600\n"""'
)
CASES: dict[str, Case] = {
    # --- Files that are no policy at all ---------------------------------------------
    "empty.toml": Case(
        Kept(),
        "{path}: (file): expected a name and the tables normal, tightened, strict, found an empty file",
    ),
    "non-utf8.toml": Case(
        Kept(), "{path}: (file): expected UTF-8 text, found byte 0xe9 at offset 11"
    ),
    # --- TOML that does not parse, or that tomllib cannot turn into data ---------------
    "syntax-error.toml": case(
        "{path}: (syntax): expected valid TOML, found Invalid value (at line {line}, column 24)",
        Line(FIRST_FLOOR, FIRST_FLOOR),
    ),
    "unclosed-table-header.toml": case(
        "{path}: (syntax): expected valid TOML, found Expected ']' at the end of a table "
        "declaration (at line {line}, column 11)",
        Line("[tightened]", "[tightened"),
    ),
    "integer-of-5000-digits.toml": case(
        "{path}: (syntax): expected an integer of at most 4,300 digits, found an integer of "
        "5,000 digits at line {line}",
        Line(FIRST_FLOOR, FIRST_FLOOR + "9" * 5000),
    ),
    "array-nested-20000-deep.toml": case(
        "{path}: (syntax): expected arrays or tables nested at most 32 levels deep, found "
        "deeper nesting at line {line}",
        Line(FIRST_FLOOR, FIRST_FLOOR + "[" * 20000 + "]" * 20000),
    ),
    "integer-too-long-to-print.toml": case(
        "{path}: normal.withdrawal_min_score: expected an integer of at most 4,300 digits, "
        "found an integer of 4,456 digits",
        Line(FIRST_FLOOR, FIRST_FLOOR + "0x" + "f" * 3700),
    ),
    # --- Keys: defined twice, unknown, missing -----------------------------------------
    "duplicate-field.toml": case(
        "{path}: normal.spending_min_score: expected each key defined once, found "
        "normal.spending_min_score defined twice, at line {line} and again at line {next_line}",
        Line("spending_min_score = ", DUPLICATE_SPENDING),
    ),
    # Lines inside a multi-line string are text, not keys; only a redefinition counts.
    "duplicate-after-multiline-description.toml": case(
        "{path}: normal.spending_min_score: expected each key defined once, found "
        "normal.spending_min_score defined twice, at line {line} and again at line {next_line}",
        Line("description = ", MULTILINE_DESCRIPTION),
        Line("spending_min_score = ", DUPLICATE_SPENDING),
    ),
    "unknown-field.toml": case(
        "{path}: normal.withdrawl_min_score: expected a threshold of the rule table (did you "
        "mean 'withdrawal_min_score'?), found unknown key 'withdrawl_min_score'",
        Line(FIRST_FLOOR, "withdrawl_min_score = 600"),
    ),
    "unknown-top-level-key.toml": case(
        "{path}: nmae: expected one of name, name_zh, description, description_zh, driver, "
        "effective, normal, tightened, strict (did you mean 'name'?), found unknown key 'nmae'",
        Set("nmae", "Typo"),
    ),
    # --- Why and since when ------------------------------------------------------------
    "unknown-driver.toml": case(
        '{path}: driver: expected one of "market", "regulatory", "incident", "growth" '
        "(did you mean 'regulatory'?), found string 'regulation'",
        Set("driver", "regulation"),
    ),
    "effective-not-a-date.toml": case(
        "{path}: effective: expected a date such as 2026-11-28, found string '2026-01-01'",
        Set("effective", "2026-01-01"),
    ),
    "missing-field.toml": case(
        "{path}: normal.withdrawal_min_score: expected an integer 350..950, found nothing "
        "(every field is needed)",
        Delete("normal.withdrawal_min_score"),
    ),
    "missing-level.toml": case(
        "{path}: strict: expected a table of thresholds, found no such table", Delete("strict")
    ),
    "level-not-a-table.toml": case(
        "{path}: normal: expected a table of thresholds, found integer 5", Set("normal", 5)
    ),
    # --- Values of the wrong type or out of range --------------------------------------
    "boolean-for-integer.toml": case(
        "{path}: normal.max_failed_attempts_7d: expected an integer 0..1000, found boolean true",
        Set("normal.max_failed_attempts_7d", True),
    ),
    "float-for-integer.toml": case(
        "{path}: normal.withdrawal_min_score: expected an integer 350..950, found float 600.5",
        Set("normal.withdrawal_min_score", 600.5),
    ),
    "string-for-integer.toml": case(
        "{path}: tightened.max_limit_checks_30d: expected an integer 0..1000, found string '8'",
        Set("tightened.max_limit_checks_30d", "8"),
    ),
    "switch-not-boolean.toml": case(
        "{path}: normal.limit_increases_open: expected true or false, found integer 1",
        Set("normal.limit_increases_open", 1),
    ),
    "score-out-of-range.toml": case(
        "{path}: normal.withdrawal_min_score: expected an integer 350..950, found integer 1000",
        Set("normal.withdrawal_min_score", 1000),
    ),
    "negative-days.toml": case(
        "{path}: normal.max_worst_days_24m: expected an integer 0..3650, found integer -1",
        Set("normal.max_worst_days_24m", -1),
    ),
    "negative-yuan.toml": case(
        "{path}: strict.degraded_payment_cap_yuan: expected an integer 0..10000000, found "
        "integer -5",
        Set("strict.degraded_payment_cap_yuan", -5),
    ),
    "percent-over-100.toml": case(
        "{path}: normal.reduced_limit_pct: expected an integer 0..100, found integer 120",
        Set("normal.reduced_limit_pct", 120),
    ),
    # --- A tighter level looser than the one below it ----------------------------------
    "looser-tightened-floor.toml": case(
        "{path}: tightened.withdrawal_min_score: expected at least 600 (normal's value: "
        "tightened is never looser than normal), found 590",
        Set("tightened.withdrawal_min_score", 590),
    ),
    "looser-strict-maximum.toml": case(
        "{path}: strict.max_limit_checks_30d: expected at most 8 (tightened's value: strict "
        "is never looser than tightened), found 9",
        Set("strict.max_limit_checks_30d", 9),
    ),
    "looser-strict-cap.toml": case(
        "{path}: strict.withdrawal_cap_yuan: expected at most 20000 (tightened's value: "
        "strict is never looser than tightened), found 30000",
        Set("strict.withdrawal_cap_yuan", 30000),
    ),
    # Increases closed at normal while tightened still takes them.
    "switch-reopened.toml": case(
        "{path}: tightened.limit_increases_open: expected false (normal's value: tightened "
        "is never looser than normal), found true",
        Set("normal.limit_increases_open", False),
    ),
    # --- The name rule of saving, applied on load --------------------------------------
    "name-path-separator.toml": case(
        "{path}: name: expected a name without control characters or path separators, found "
        "'/' in '../default'",
        Set("name", "../default"),
    ),
    "name-without-letters.toml": case(
        "{path}: name: expected a name with at least one letter or digit, found '...'",
        Set("name", "..."),
    ),
    "name-right-to-left-override.toml": case(
        "{path}: name: expected a name without control characters or path separators, found "
        "'\\u202e' in 'Default\\u202e policy'",
        Set("name", "Default\u202e policy"),
    ),
}
