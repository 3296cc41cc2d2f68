"""The clock of a scenario with dated events: the explorer's commands that move its
as-of date (a day or a month either way, back to the preset's), as a mixin of the app."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING, Any, Protocol

from ..domain.clock import scenario_with
from ..domain.events import add_months
from ..domain.scenario import InvalidValueError
from ..domain.wording import format_date
from ..i18n import label

if TYPE_CHECKING:
    from ..domain.enums import Lang
    from ..domain.scenario import Scenario
    from ..files.presets import Preset


class _Explorer(Protocol):
    """What the clock needs of the app."""

    scenario: Scenario
    baseline: Preset
    lang: Lang

    def notify(self, message: str, *, title: str = ..., **kwargs: Any) -> None: ...

    def _refuse(self, message: str) -> None: ...

    def _move_clock(self: _Explorer, days: int = 0, months: int = 0) -> None: ...

    def _set_clock(self: _Explorer, as_of: dt.date) -> None: ...


class ClockActions:
    """``action_clock_*`` for the app: every move re-evaluates through ``scenario``;
    a date before a recorded event is refused and the clock kept."""

    def action_clock_day_back(self: _Explorer) -> None:
        self._move_clock(days=-1)

    def action_clock_day_forward(self: _Explorer) -> None:
        self._move_clock(days=1)

    def action_clock_month_back(self: _Explorer) -> None:
        self._move_clock(months=-1)

    def action_clock_month_forward(self: _Explorer) -> None:
        self._move_clock(months=1)

    def action_clock_reset(self: _Explorer) -> None:
        if self.baseline.scenario.as_of is not None:
            self._set_clock(self.baseline.scenario.as_of)

    def _move_clock(self: _Explorer, days: int = 0, months: int = 0) -> None:
        """Move the as-of date; a scenario without one has no clock (said once)."""
        as_of = self.scenario.as_of
        if as_of is None:
            self.notify(label("clock.none", self.lang), title=label("clock.title", self.lang))
            return
        self._set_clock(add_months(as_of, months) + dt.timedelta(days=days))

    def _set_clock(self: _Explorer, as_of: dt.date) -> None:
        try:
            self.scenario = scenario_with(self.scenario, {"as_of": as_of})
        except InvalidValueError as exc:
            # Before an event: the record would hold the future. Refused, clock kept.
            self._refuse(
                label(
                    "clock.refused",
                    self.lang,
                    date=format_date(as_of, self.lang),
                    expected=exc.expected_text(self.lang),
                )
            )
