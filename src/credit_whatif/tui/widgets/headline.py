"""The summary sentence, under the preset's and the policy's names."""

from __future__ import annotations

from rich.console import RenderableType
from rich.text import Text
from textual.reactive import reactive
from textual.widgets import Static

from ...domain.enums import Lang
from ...domain.evaluator import Evaluation
from ...domain.policy import PolicyTable
from ...domain.wording import format_date
from ...files.presets import Preset
from ...i18n import label


class Headline(Static):
    """'<preset> · <policy> • modified' then the evaluation's headline; its height
    follows the sentence (layout is recomputed on every change)."""

    evaluation: reactive[Evaluation | None] = reactive(None, layout=True)
    """The results summarised."""
    baseline: reactive[Preset | None] = reactive(None, layout=True)
    """The loaded preset, named in the title."""
    baseline_policy: reactive[PolicyTable | None] = reactive(None, layout=True)
    """The loaded policy, against which edits are marked."""
    policy_origin: reactive[str] = reactive("bundled", layout=True)
    """Where the loaded policy comes from: bundled, user or file."""
    lang: reactive[Lang] = reactive[Lang]("en", layout=True)
    """Language of the sentence."""

    @property
    def modified(self) -> bool:
        return (
            self.evaluation is not None
            and self.baseline is not None
            and self.evaluation.scenario != self.baseline.scenario
        )

    @property
    def policy_edited(self) -> bool:
        return (
            self.evaluation is not None
            and self.baseline_policy is not None
            and not self.evaluation.table.same_thresholds(self.baseline_policy)
        )

    def render(self) -> RenderableType:
        text = self._title(bundled_too=True)
        if text.cell_len > self.size.width > 0:
            # Too narrow for every tag on one line: "bundled" is the usual case, so
            # only a user's or a file's name is tagged.
            text = self._title(bundled_too=False)
        if self.evaluation is not None:
            text.append("\n")
            text.append(self.evaluation.headline(self.lang))
        return text

    def _title(self, *, bundled_too: bool) -> Text:
        """'<preset> (origin) • modified  ·  <policy> (origin) • edited'."""
        text = Text()
        lang = self.lang

        def tag(origin: str) -> None:
            if bundled_too or origin != "bundled":
                text.append(origin_tag(origin, lang), style="dim")

        if self.baseline is not None:
            text.append(self.baseline.display_name(lang), style="bold")
            tag(self.baseline.origin)
        if self.modified:
            text.append(f"  {label('modified', lang)}", style="italic")
        if self.evaluation is not None:
            text.append(f"  ·  {self.evaluation.table.display_name(lang)}", style="bold")
            tag(self.policy_origin)
            if self.policy_edited:
                text.append(f"  {label('policy.modified', lang)}", style="italic")
            as_of = self.evaluation.scenario.as_of
            if as_of is not None:
                clock = label("clock.as_of", lang, date=format_date(as_of, lang))
                text.append(f"  ·  {clock}", style="bold")
        return text


def origin_tag(origin: str, lang: Lang) -> str:
    """' (bundled)', '（内置）': where a file comes from, so two of one name differ."""
    return label("origin_tag", lang, origin=label(origin, lang))
