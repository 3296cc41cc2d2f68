"""Why a policy exists and since when, in words: 'regulatory · effective 1 Jan 2027'
(``policy list``, ``policy show``, ``policy diff`` and the Policy view share it)."""

from __future__ import annotations

from .domain.enums import Lang
from .domain.policy import PolicyTable
from .domain.wording import format_date
from .i18n import label


def provenance(table: PolicyTable, lang: Lang) -> str:
    """The driver and the date the policy took effect, each when the file says; ''
    when it says neither."""
    parts = []
    if table.driver is not None:
        parts.append(label("policy.driver_is", lang, driver=label(f"driver.{table.driver}", lang)))
    if table.effective is not None:
        parts.append(label("policy.effective_on", lang, date=format_date(table.effective, lang)))
    return " · ".join(parts)
