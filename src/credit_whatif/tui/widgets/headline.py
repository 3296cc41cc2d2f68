"""The summary sentence, under the preset's and the policy's names."""

from __future__ import annotations

from rich.console import RenderableType
from rich.text import Text
from textual.reactive import reactive
from textual.widgets import Static

from ...domain.enums import Lang
from ...domain.evaluator import Evaluation
from ...domain.policy import PolicyTable
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
        text = Text()
        lang = self.lang
        if self.baseline is not None:
            text.append(self.baseline.display_name(lang), style="bold")
        if self.modified:
            text.append(f"  {label('modified', lang)}", style="italic")
        if self.evaluation is not None:
            text.append(f"  ·  {self.evaluation.table.display_name(lang)}", style="bold")
            if self.policy_edited:
                text.append(f"  {label('policy.modified', lang)}", style="italic")
            text.append("\n")
            text.append(self.evaluation.headline(lang))
        return text
