"""Why the highlighted feature has its status: the one notice the customer is told,
every reason by layer with what staff need (the rule, observed against threshold),
then what would change the outcome.

The pane scrolls and takes focus, so every line is reachable from the keyboard;
wrapped lines keep their indent.
"""

from __future__ import annotations

from rich.console import Group, RenderableType
from rich.padding import Padding
from rich.text import Text
from textual.app import ComposeResult
from textual.containers import VerticalScroll
from textual.reactive import reactive
from textual.widget import Widget

from ...domain import catalogue
from ...domain.catalogue import TIMELINE
from ...domain.enums import Lang, Layer, Status
from ...domain.evaluator import Evaluation, FeatureResult
from ...domain.wording import format_yuan
from ...i18n import label
from ...report import (
    STATUS_STYLES,
    amount_label,
    layer_heading,
    note_text,
    status_label,
    unlock_lines,
)
from ..kinsoku import Kinsoku
from .band_strip import BandStrip


def _indented(text: Text, indent: int) -> Padding:
    return Padding(text, (0, 0, 0, indent))


def _labelled(name: str, body: str, lang: Lang, style: str = "") -> Text:
    text = Text(name + catalogue.LABEL_SEPARATOR(lang), style="dim")
    text.append(body, style=style)
    return text


def describe_result(evaluation: Evaluation, result: FeatureResult, lang: Lang) -> RenderableType:
    """The feature, its outcome, its reasons grouped system / policy / credit, and
    what would change the outcome."""
    heading = Text(label("reasons_for", lang, feature=result.feature.name(lang)), style="bold")
    outcome = Text()
    outcome.append(status_label(result.status, lang), style=STATUS_STYLES[result.status])
    if result.feature.has_amount:
        colon = catalogue.LABEL_SEPARATOR(lang)
        outcome.append(f"  {label('amount', lang)}{colon}{amount_label(result, lang)}")
        if result.payout_cap is not None and result.available is not None:
            total = label("available_total", lang, amount=format_yuan(result.available, lang))
            outcome.append(f" ({total})", style="dim")
    parts: list[RenderableType] = [
        heading,
        Text(result.feature.summary(lang), style="dim"),
        outcome,
    ]
    if not result.reasons:
        parts.append(Text(label("no_reasons", lang)))
    notice = result.notice
    if notice is not None:
        customer = Text(f"“{notice.message(lang)}”", style="italic")
        customer.append(f"  {notice.rule.id}", style="dim")
        sees = _labelled(label("customer_sees", lang), "", lang)
        parts.append(sees.append_text(customer))
    for layer in Layer:
        reasons = [r for r in result.reasons if r.rule.layer is layer]
        if not reasons:
            continue
        parts.append(Text(layer_heading(layer, lang), style="bold underline"))
        for reason in reasons:
            title = Text("• ")
            title.append(reason.title(lang), style="bold")
            title.append(f"  {reason.rule.id}", style="dim")
            parts.append(_indented(title, 1))
            parts.append(
                _indented(_labelled(label("staff_detail", lang), reason.detail(lang), lang), 3)
            )
    comes = _comes_back(evaluation, result, lang)
    if comes is not None:
        parts.append(Text(TIMELINE["title"](lang), style="bold underline"))
        parts.append(_indented(Text(comes), 1))
    if result.status is not Status.AVAILABLE:
        parts.append(Text(label("what_would_change", lang), style="bold underline"))
        # Imported when first needed: a feature that is available has nothing to explain.
        from ...domain.explain import explain_feature

        why = explain_feature(evaluation, result)
        for text, note in unlock_lines(evaluation, why, lang):
            line = Text(text, style="" if text.startswith("→") else "italic")
            if note:
                line.append(note_text(note, lang), style="dim")
            parts.append(_indented(line, 3 if text.startswith("→") else 1))
    return Group(*parts)


def _comes_back(evaluation: Evaluation, result: FeatureResult, lang: Lang) -> str | None:
    """When the feature comes back, for a scenario with a clock (staff may see the
    date; the customer's notice above still promises none)."""
    if evaluation.scenario.as_of is None or result.status is Status.AVAILABLE:
        return None
    from ...domain.timeline import timeline  # only a scenario with a clock needs it
    from ...timeline_report import comes_back

    found = timeline(evaluation.scenario, evaluation.table)
    return comes_back(found[result.feature.id], found.until, lang)


class DetailBody(Widget):
    """The explanation itself, worked out only when it is drawn (a hidden pane costs
    nothing on an edit)."""

    DEFAULT_CSS = """
    DetailBody {
        height: auto;
    }
    """

    evaluation: reactive[Evaluation | None] = reactive(None, layout=True)
    feature_id: reactive[str | None] = reactive(None, layout=True)
    lang: reactive[Lang] = reactive[Lang]("en", layout=True)

    def watch_evaluation(self) -> None:
        self.refresh(layout=True)

    def watch_feature_id(self) -> None:
        self.refresh(layout=True)

    def watch_lang(self) -> None:
        self.refresh(layout=True)

    def render(self) -> RenderableType:
        if self.evaluation is None or self.feature_id is None:
            return Text(label("no_feature", self.lang), style="dim")
        result = self.evaluation[self.feature_id]
        described = describe_result(self.evaluation, result, self.lang)
        return Kinsoku(described) if self.lang == "zh" else described


class DetailPane(VerticalScroll, can_focus=True):
    """Follows the table's highlighted row; ↑/↓, page keys and home/end scroll it.

    With ``bands=True`` the score bands follow the explanation inside the same scroll
    (the narrow layout's Details tab, where there is no room for both apart).
    """

    evaluation: reactive[Evaluation | None] = reactive(None)
    """The results the highlighted feature comes from."""
    feature_id: reactive[str | None] = reactive(None)
    """The highlighted feature."""
    lang: reactive[Lang] = reactive[Lang]("en")
    """Language of the explanation."""

    def __init__(self, *, bands: bool = False, id: str | None = None) -> None:
        super().__init__(id=id)
        self.bands = bands

    def compose(self) -> ComposeResult:
        pane = DetailPane
        yield DetailBody().data_bind(pane.evaluation, pane.feature_id, pane.lang)
        if self.bands:
            yield BandStrip(classes="detail-bands").data_bind(pane.evaluation, pane.lang)
