"""Why the highlighted feature has its status: every reason, by layer."""

from __future__ import annotations

from rich.console import Group, RenderableType
from rich.text import Text
from textual.reactive import reactive
from textual.widgets import Static

from ... import i18n
from ...domain.enums import Lang, Layer, Status
from ...domain.evaluator import Evaluation, FeatureResult, Reason, format_value
from ...domain.explain import explain_feature
from ...report import STATUS_STYLES, amount_label, status_label, unlock_lines
from ..text import ui


def _reason_lines(reason: Reason, lang: Lang) -> list[Text]:
    key = reason.rule.key
    title = Text("  • ")
    title.append(reason.title(lang), style="bold")
    title.append(f"  ({reason.rule.id})", style="dim")
    comparison = Text("    ")
    comparison.append(f"{ui('observed', lang)}: ", style="dim")
    comparison.append(format_value(key, reason.observed, lang))
    comparison.append(f"  ·  {ui('needs', lang)} ", style="dim")
    comparison.append(f"{reason.rule.comparator.value} {format_value(key, reason.threshold, lang)}")
    if reason.margin is not None and isinstance(reason.observed, int):
        comparison.append(f" ({ui('short_by', lang, margin=reason.margin)})", style="dim")
    comparison.append(f"  → {ui('effect', lang)}: ", style="dim")
    status = reason.effect.status
    comparison.append(status_label(status, lang), style=STATUS_STYLES[status])
    message = Text(f"    “{reason.message(lang)}”", style="italic")
    return [title, comparison, message]


def describe_result(evaluation: Evaluation, result: FeatureResult, lang: Lang) -> RenderableType:
    """The feature, its outcome, its reasons grouped system / policy / credit, and
    what would change the outcome."""
    heading = Text(ui("reasons_for", lang, feature=result.feature.name(lang)), style="bold")
    outcome = Text()
    outcome.append(status_label(result.status, lang), style=STATUS_STYLES[result.status])
    if result.feature.has_amount:
        outcome.append(f"  {ui('amount', lang)}: {amount_label(result, lang)}")
    parts: list[RenderableType] = [
        heading,
        Text(result.feature.summary(lang), style="dim"),
        outcome,
    ]
    if not result.reasons:
        parts.append(Text(ui("no_reasons", lang)))
    for layer in Layer:
        reasons = [r for r in result.reasons if r.rule.layer is layer]
        if not reasons:
            continue
        parts.append(
            Text(
                ui("layer_heading", lang, layer=i18n.word(layer.value, lang)),
                style="bold underline",
            )
        )
        for reason in reasons:
            parts.extend(_reason_lines(reason, lang))
    if result.status is not Status.AVAILABLE:
        parts.append(Text(i18n.UI["what_would_change"](lang), style="bold underline"))
        why = explain_feature(evaluation.scenario, result)
        for text, note in unlock_lines(evaluation, why, lang):
            line = Text(f"  {text}", style="" if text.startswith("→") else "italic")
            if note:
                line.append(f"  ({note})", style="dim")
            parts.append(line)
    return Group(*parts)


class DetailPane(Static):
    """Follows the table's highlighted row."""

    evaluation: reactive[Evaluation | None] = reactive(None)
    """The results the highlighted feature comes from."""
    feature_id: reactive[str | None] = reactive(None)
    """The highlighted feature."""
    lang: reactive[Lang] = reactive[Lang]("en")
    """Language of the explanation."""

    def render(self) -> RenderableType:
        if self.evaluation is None or self.feature_id is None:
            return Text(ui("no_feature", self.lang), style="dim")
        return describe_result(self.evaluation, self.evaluation[self.feature_id], self.lang)
