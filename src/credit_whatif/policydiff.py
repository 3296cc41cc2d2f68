"""Compare two policies: the thresholds that differ, grouped by what they are about
(score, delinquency, activity, incident caps, limits) with which way each moves, and
what that does to the bundled presets (the explorer's compare view shows the
thresholds too)."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

import attrs

from .domain.enums import Lang, Status, Tightening
from .domain.evaluator import evaluate
from .domain.policy import PolicyTable
from .domain.registry import REGISTRY, Theme
from .safe_text import printable

if TYPE_CHECKING:
    from rich.console import Console


@attrs.frozen
class ThresholdChange:
    level: Tightening
    field: str
    before: int | bool
    after: int | bool

    @property
    def theme(self) -> Theme:
        return REGISTRY.themes[self.field]

    @property
    def stricter(self) -> bool:
        """Whether the second policy is stricter here than the first."""
        return REGISTRY.field(self.field).stricter_than(self.after, self.before)


@attrs.frozen
class OutcomeChange:
    preset: str  # the preset's reference (file stem)
    feature: str
    before: tuple[Status, int | None]
    after: tuple[Status, int | None]


@attrs.frozen
class PolicyDiff:
    a: PolicyTable
    b: PolicyTable
    thresholds: tuple[ThresholdChange, ...]
    outcomes: tuple[OutcomeChange, ...]

    @property
    def stricter(self) -> int:
        return sum(c.stricter for c in self.thresholds)

    @property
    def looser(self) -> int:
        return len(self.thresholds) - self.stricter

    @property
    def compared(self) -> int:
        """How many values were compared: every field at every level."""
        return len(REGISTRY.policy_fields) * len(Tightening)

    def by_theme(self) -> list[tuple[Theme, list[ThresholdChange]]]:
        """The changes grouped by theme, in the themes' order; levels in order within."""
        return [
            (theme, found)
            for theme in Theme
            if (found := [c for c in self.thresholds if c.theme is theme])
        ]

    def to_json(self) -> dict[str, Any]:
        def outcome(pair: tuple[Status, int | None]) -> dict[str, Any]:
            return {"status": pair[0].value, "amount": pair[1]}

        return {
            "a": _header(self.a),
            "b": _header(self.b),
            "summary": {
                "stricter": self.stricter,
                "looser": self.looser,
                "compared": self.compared,
            },
            "thresholds": [
                {
                    "level": c.level.value,
                    "field": c.field,
                    "theme": c.theme.value,
                    "direction": "stricter" if c.stricter else "looser",
                    "a": c.before,
                    "b": c.after,
                }
                for c in self.thresholds
            ],
            "presets": [
                {
                    "preset": c.preset,
                    "feature": c.feature,
                    "a": outcome(c.before),
                    "b": outcome(c.after),
                }
                for c in self.outcomes
            ],
        }


def _header(table: PolicyTable) -> dict[str, Any]:
    """Name, digest, and why and since when the policy applies (null where unsaid)."""
    return {
        "name": table.name,
        "sha256": table.digest,
        "driver": table.driver.value if table.driver else None,
        "effective": table.effective.isoformat() if table.effective else None,
    }


def threshold_changes(a: PolicyTable, b: PolicyTable) -> tuple[ThresholdChange, ...]:
    changes = []
    for level in Tightening:
        for field in REGISTRY.policy_fields:
            before, after = a[level][field.name], b[level][field.name]
            if before != after:
                changes.append(ThresholdChange(level, field.name, before, after))
    return tuple(changes)


def diff_policies(a: PolicyTable, b: PolicyTable) -> PolicyDiff:
    from .files.presets import list_presets

    outcomes = []
    for entry in list_presets():
        if entry.preset is None or entry.origin != "bundled":
            continue
        before, after = evaluate(entry.preset.scenario, a), evaluate(entry.preset.scenario, b)
        for x, y in zip(before.features, after.features, strict=True):
            if (x.status, x.amount) != (y.status, y.amount):
                outcomes.append(
                    OutcomeChange(
                        entry.slug,
                        x.feature.id,
                        (x.status, x.amount),
                        (y.status, y.amount),
                    )
                )
    return PolicyDiff(a, b, threshold_changes(a, b), tuple(outcomes))


def print_diff(console: Console, diff: PolicyDiff, lang: Lang) -> None:
    """A one-line summary, the thresholds by theme (each with which way it moves), then
    the bundled presets whose outcome changes; every header in `lang`."""
    from rich.table import Table
    from rich.text import Text

    from .domain import catalogue
    from .domain.features import FEATURES_BY_ID
    from .domain.wording import format_yuan, word
    from .i18n import label
    from .report import STATUS_STYLES, status_label

    # Names come from files: shown as text, never read as markup or sent as controls.
    a, b = printable(diff.a.display_name(lang)), printable(diff.b.display_name(lang))
    console.print(Text(f"{a} → {b}", style="bold"))
    from .provenance import provenance

    for name, policy in ((a, diff.a), (b, diff.b)):
        about = provenance(policy, lang)
        if about:
            console.print(Text(f"{name}{catalogue.LABEL_SEPARATOR(lang)}{about}", style="dim"))
    if not diff.thresholds:
        console.print(label("compare.no_policy_changes", lang))
    else:
        console.print(
            Text(
                label(
                    "diff.summary",
                    lang,
                    a=a,
                    b=b,
                    stricter=diff.stricter,
                    looser=diff.looser,
                    total=diff.compared,
                )
            )
        )
        for theme, changes in diff.by_theme():
            table = Table(title=label(f"diff.theme.{theme.value}", lang), title_justify="left")
            table.add_column(label("diff.level", lang), no_wrap=True)
            table.add_column(label("diff.field", lang), overflow="fold")
            table.add_column(Text(a), justify="right", no_wrap=True)
            table.add_column(Text(b), justify="right", no_wrap=True)
            table.add_column(label("diff.change", lang), no_wrap=True)
            for change in changes:
                field = Text(catalogue.POLICY_FIELD_LABELS[change.field](lang))
                field.append(f"\n{change.field}", style="dim")
                direction = "diff.stricter" if change.stricter else "diff.looser"
                table.add_row(
                    word(change.level.value, lang),
                    field,
                    _show(change.before),
                    _show(change.after),
                    Text(label(direction, lang), style="bold" if change.stricter else ""),
                )
            console.print(table)
    if not diff.outcomes:
        console.print(label("diff.no_preset_changes", lang))
        return
    table = Table(title=label("diff.presets", lang), title_justify="left")
    table.add_column(label("diff.preset", lang), no_wrap=True)
    table.add_column(label("feature", lang), no_wrap=True)
    table.add_column(Text(a), no_wrap=True)
    table.add_column(Text(b), no_wrap=True)

    def cell(pair: tuple[Status, int | None]) -> Text:
        status, amount = pair
        text = status_label(status, lang) + (
            "" if amount is None else f" {format_yuan(amount, lang)}"
        )
        return Text(text, style=STATUS_STYLES[status])

    for outcome in diff.outcomes:
        name = FEATURES_BY_ID[outcome.feature].name(lang)
        preset = Text(printable(outcome.preset))
        table.add_row(preset, name, cell(outcome.before), cell(outcome.after))
    console.print(table)


def _show(value: int | bool) -> str:
    return str(value).lower() if isinstance(value, bool) else f"{value:,}"
