"""The impact report as Rich renderables, in English or Chinese: the levers of both
sides, per feature baseline against scenario (counts, amount, change, lost and
regained), the transitions and the rules that newly block, and the top groups.

The explorer's Portfolio view can render the same pieces (:func:`feature_table`,
:func:`transitions_table`, :func:`rules_table`, :func:`groups_table`).
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

import attrs

from ..domain import catalogue
from ..domain.catalogue import rule_title
from ..domain.enums import FundingQuota, Health, Lang, Status
from ..domain.regions import region_name
from ..domain.scenario import Systems
from ..domain.wording import MINUS, short_yuan, sign_of, signed, word
from ..i18n import UI
from ..report import STATUS_STYLES, STATUS_SYMBOLS
from ..safe_text import printable
from .impact_report import STATUS_ORDER, FeatureImpact, GroupImpact, ImpactReport
from .kernel import Levers, Side
from .schema import DEFAULTED

if TYPE_CHECKING:
    from rich.console import Console, RenderableType
    from rich.table import Table
    from rich.text import Text


def label(key: str, lang: Lang, **fields: object) -> str:
    """A ``portfolio.*`` label of the one UI catalogue (:mod:`credit_whatif.i18n`)."""
    return UI[f"portfolio.{key}"](lang).format(**fields)


def status_cell(status: Status, lang: Lang) -> str:
    return f"[{STATUS_STYLES[status]}]{STATUS_SYMBOLS[status]} {word(status.value, lang)}[/]"


def levers_text(levers: Levers, lang: Lang) -> str:
    """The levers that differ from all-up, normal, nothing suspended."""
    parts = []
    for field in attrs.fields(Systems):
        health = getattr(levers.system, field.name)
        if health is not Health.UP:
            space = "" if lang == "zh" else " "
            parts.append(f"{UI[f'system.{field.name}'](lang)}{space}{word(health.value, lang)}")
    if not parts:
        parts.append(label("all_up", lang))
    quota = levers.funding.quota
    if quota is not FundingQuota.AMPLE:
        space = "" if lang == "zh" else " "
        parts.append(f"{UI['funding.quota'](lang)}{space}{word(quota.value, lang)}")
    parts.append(label("tightening", lang, level=word(levers.policy.tightening.value, lang)))
    if levers.policy.suspended_regions:
        names = catalogue.LIST_SEPARATOR(lang).join(
            region_name(c, lang) for c in levers.policy.suspended_regions
        )
        parts.append(label("suspended", lang, regions=names))
    return catalogue.CLAUSE_SEPARATOR(lang).join(parts)


def shift_line(shifts: Sequence[tuple[str, int]], lang: Lang) -> str:
    """The stress on every borrower of the scenario: 'score −30 for every borrower'."""
    parts = [f"{UI[key](lang)} {signed(delta)}" for key, delta in shifts]
    return label("shift", lang, shifts=catalogue.LIST_SEPARATOR(lang).join(parts))


def side_line(key: str, side: Side, lang: Lang) -> str:
    return label(
        "levers",
        lang,
        side=label(key, lang),
        levers=levers_text(side.levers, lang),
        policy=catalogue.WITH_CODE(lang).format(
            name=printable(side.table.display_name(lang)), code=side.table.digest[:12]
        ),
    )


def feature_table(impact: FeatureImpact, lang: Lang) -> Table:
    """Borrowers per status and the feature's figures, baseline against scenario.
    Each figure is this feature's alone: features drawing on one line are never
    added up."""
    from rich.table import Table

    table = Table(title=impact.feature.name(lang), title_justify="left", expand=False)
    table.add_column("")
    for key in ("baseline", "scenario", "change"):
        table.add_column(label(key, lang), justify="right")
    for status in STATUS_ORDER:
        before, after = impact.baseline[status], impact.scenario[status]
        table.add_row(
            status_cell(status, lang), f"{before:,}", f"{after:,}", signed(after - before)
        )
    b, s = impact.baseline, impact.scenario
    if impact.feature.has_amount:
        table.add_row(*_yuan_row("amount", b.amount, s.amount, lang))
    if b.credit_blocked is not None and s.credit_blocked is not None:
        table.add_row(*_yuan_row("credit_blocked", b.credit_blocked, s.credit_blocked, lang))
    if b.exposure or s.exposure:
        table.add_row(*_yuan_row("exposure", b.exposure, s.exposure, lang))
    if b.capped or s.capped:
        table.add_row(
            label("capped", lang), f"{b.capped:,}", f"{s.capped:,}", signed(s.capped - b.capped)
        )
    before_rate, after_rate = b.bad_rate_usable, s.bad_rate_usable
    if before_rate is not None and after_rate is not None:
        change = (after_rate - before_rate) * 100
        table.add_row(
            label("bad_rate", lang),
            percent(before_rate),
            percent(after_rate),
            f"{sign_of(round(change * 100))}{abs(change):.2f} pp",
        )
    return table


def _yuan_row(key: str, before: int, after: int, lang: Lang) -> tuple[str, ...]:
    return (
        label(key, lang),
        short_yuan(before, lang, sign=False),
        short_yuan(after, lang, sign=False),
        short_yuan(after - before, lang),
    )


def percent(rate: float) -> str:
    return f"{rate * 100:.2f}%"


def swap_lines(impact: FeatureImpact, lang: Lang) -> list[str]:
    """Who the scenario turns away and lets in, and (with an outcome) how many of them
    went bad: the swap sets a credit strategy is judged by. A side nobody is in is
    left out of the sentence."""
    out, into = impact.swap_out, impact.swap_in
    case = _case(out.borrowers, into.borrowers)
    if case is None:
        return []
    lines = [
        label(
            f"swap_{case}",
            lang,
            out=f"{out.borrowers:,}",
            out_active=f"{out.active:,}",
            out_credit=short_yuan(out.credit, lang, sign=False),
            into=f"{into.borrowers:,}",
            in_active=f"{into.active:,}",
            in_credit=short_yuan(into.credit, lang, sign=False),
        )
    ]
    if out.defaulted is not None and into.defaulted is not None:
        lines.append(
            label(
                f"outcome_{case}",
                lang,
                out_defaulted=f"{out.defaulted:,}",
                out_rate=rate_text(out.bad_rate),
                in_defaulted=f"{into.defaulted:,}",
                in_rate=rate_text(into.bad_rate),
                avoided=count(impact.defaults_avoided or 0),
                goods=count(impact.goods_restricted),
            )
        )
    if out.expected_defaults is not None and into.expected_defaults is not None:
        lines.append(
            label(
                f"expected_{case}",
                lang,
                out_expected=f"{out.expected_defaults:,.1f}",
                in_expected=f"{into.expected_defaults:,.1f}",
            )
        )
    return lines


def _case(out: int, into: int) -> str | None:
    """Which sentence: both sets, only those turned away, only those let in."""
    if out and into:
        return "both"
    if out:
        return "out"
    return "in" if into else None


def count(n: int) -> str:
    """A number of borrowers that may be negative: '95', '−12'."""
    return f"{MINUS if n < 0 else ''}{abs(n):,}"


def rate_text(rate: float | None) -> str:
    return "—" if rate is None else percent(rate)


def transitions_table(impact: FeatureImpact, lang: Lang) -> Table:
    """The 3x3 swap sets: rows are the baseline status, columns the scenario's."""
    from rich.table import Table

    table = Table(title=label("transitions", lang), title_justify="left", expand=False)
    table.add_column("")
    for status in STATUS_ORDER:
        table.add_column(status_cell(status, lang), justify="right")
    for before in STATUS_ORDER:
        cells = []
        for after in STATUS_ORDER:
            n = impact.moved(before, after)
            style = "dim" if before is after else ("red" if after.rank < before.rank else "green")
            cells.append(f"[{style}]{n:,}[/]")
        table.add_row(status_cell(before, lang), *cells)
    return table


def rules_table(impact: FeatureImpact, lang: Lang) -> Table:
    from rich.table import Table

    table = Table(title=label("rules", lang), title_justify="left", expand=False)
    table.add_column(label("rule", lang), no_wrap=True)
    table.add_column(label("rule_title", lang))
    table.add_column(label("borrowers", lang), justify="right")
    for rule_id, n in impact.rules.items():
        table.add_row(rule_id, rule_title(rule_id)(lang), f"{n:,}")
    return table


def group_name(by: str, key: str, lang: Lang) -> Text:
    """A group's name: a value from the data shows as itself (``[/x]`` is no
    markup, an escape sequence no command to the terminal)."""
    from rich.text import Text

    return Text(region_name(key, lang) if by == "region" else printable(key))


def groups_table(report: ImpactReport, lang: Lang, n: int = 10) -> Table:
    """The groups hit hardest, with the borrowers each feature loses there (a
    feature nobody loses in these groups is left out)."""
    from rich.table import Table
    from rich.text import Text

    assert report.by is not None
    known = f"portfolio.by.{report.by}"

    by = UI[known](lang) if known in UI else printable(report.by)
    table = Table(title=Text(label("top_groups", lang, by=by)), title_justify="left")
    table.add_column(label("group", lang), no_wrap=True)
    table.add_column(label("borrowers", lang), justify="right")
    groups = report.top_groups(n)
    shown = [fid for fid in report.features if any(g.features[fid].lost for g in groups)]
    for fid in shown:
        name = report.features[fid].feature.name(lang)
        table.add_column(f"{name}\n{label('lost', lang)}", justify="right")
    for group in groups:
        table.add_row(*group_row(report.by, group, lang, shown))
    return table


def group_row(
    by: str, group: GroupImpact, lang: Lang, shown: Sequence[str]
) -> list[RenderableType]:
    return [
        group_name(by, group.key, lang),
        f"{group.rows:,}",
        *(f"{group.features[fid].lost:,}" for fid in shown),
    ]


def renderables(report: ImpactReport, lang: Lang, top: int = 10) -> list[RenderableType]:
    from rich.columns import Columns
    from rich.text import Text

    out: list[RenderableType] = [
        Text(label("title", lang, rows=f"{report.rows:,}"), style="bold"),
        Text(side_line("baseline", report.baseline, lang)),
        Text(side_line("scenario", report.scenario, lang)),
    ]
    if report.scenario.shifts:
        out.append(Text(shift_line(report.scenario.shifts, lang)))
    if DEFAULTED not in report.outcomes:
        out.append(Text(label("no_outcome", lang), style="dim"))
    for impact in report.features.values():
        out.append(Text(""))
        out.append(Columns([feature_table(impact, lang), transitions_table(impact, lang)]))
        out.append(
            Text(
                label(
                    "lost_line",
                    lang,
                    lost=f"{impact.lost:,}",
                    regained=f"{impact.regained:,}",
                    worse=f"{impact.worse:,}",
                    better=f"{impact.better:,}",
                )
            )
        )
        if impact.lost or impact.regained:
            out.extend(Text(line) for line in swap_lines(impact, lang))
        if impact.rules:
            out.append(rules_table(impact, lang))
    if report.by is not None and report.groups:
        out.append(Text(""))
        out.append(groups_table(report, lang, top))
    return out


def print_report(console: Console, report: ImpactReport, lang: Lang, top: int = 10) -> None:
    for renderable in renderables(report, lang, top):
        console.print(renderable)
