"""The explorer's conversations about files: pick a preset or a policy, save one,
reset to the one loaded. Each asks before it discards unsaved edits or overwrites a
file, and never writes what loading would refuse.

The app runs each flow as a worker (``CreditWhatIf._flow``); the flows change the
app's state only through its reactives and its ``load*`` methods.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Generic, TypeVar

import attrs

from ..domain.enums import Lang
from ..domain.policy import PolicyTable
from ..files import policies, presets
from ..files.errors import InputError, PolicyExistsError, PresetExistsError
from ..i18n import label

if TYPE_CHECKING:
    from .app import CreditWhatIf
    from .screens.dialogs import NameRequest
    from .screens.picker import PickItem, PickResult

Saved = TypeVar("Saved", presets.Preset, PolicyTable)


@attrs.frozen
class SaveKind(Generic[Saved]):
    """What differs between saving a preset and saving a policy."""

    title: str  # label key of the dialog's title
    shadow_question: str  # label key of the question before hiding a bundled file
    check: Callable[[Saved], str]  # the file stem, or raises what loading would refuse
    save: Callable[..., Path]  # (document, overwrite=...) -> the path written
    shadows_bundled: Callable[[str], bool]  # would this name hide a bundled file?
    default_stem: str  # the file every command opens when none is named
    default_question: str  # label key of the question before hiding that one
    taken_names: Callable[[], set[str]]  # every name a file of this kind goes by


PRESETS = SaveKind(
    "save.title",
    "confirm.shadow",
    presets.check_save,
    presets.save_preset,
    presets.shadows_bundled,
    presets.DEFAULT_PRESET,
    "confirm.shadow_default",
    lambda: {n.casefold() for e in presets.list_presets() for n in (e.name, e.display_name("zh"))},
)
POLICIES = SaveKind(
    "save.policy_title",
    "confirm.shadow_policy",
    policies.check_save,
    policies.save_policy,
    policies.shadows_bundled,
    policies.DEFAULT_POLICY,
    "confirm.shadow_default_policy",
    lambda: {
        n.casefold()
        for e in policies.list_policies()
        if e.table is not None
        for n in (e.table.name, e.table.name_zh)
    },
)


def _in(value: object, lang: Lang) -> object:
    """A field of a question: a wording is put in the language asked for."""
    return value(lang) if callable(value) else value


def _unused_name(
    kind: SaveKind[Saved],
    make: Callable[[NameRequest], Saved],
    folder: Path,
    default: NameRequest,
) -> NameRequest:
    """The name the Save dialog offers: the loaded one with " 2", " 3", ... : the
    first that no file goes by, that names no file of the user's and hides no bundled
    one, so that pressing Enter never makes a second "Default policy" the header
    could not tell from the first."""
    from ..files.tomlfile import SUFFIX
    from .screens.dialogs import NameRequest

    taken = kind.taken_names()
    # "Plan 2" is followed by "Plan 3", not "Plan 2 2".
    base = re.sub(r" \d{1,2}$", "", default.name) or default.name
    for number in range(1, 100):
        name = default.name if number == 1 else f"{base} {number}"
        request = NameRequest(name, default.description)
        try:
            stem = kind.check(make(request))
        except InputError:
            return default  # the dialog will say what is wrong with it
        free = name.casefold() not in taken and not (folder / f"{stem}{SUFFIX}").exists()
        if free and not kind.shadows_bundled(name):
            return request
    return default


class Flows:
    """The flows of one explorer."""

    def __init__(self, app: CreditWhatIf) -> None:
        self.app = app

    async def confirm(self, key: str, yes_key: str, **fields: object) -> bool:
        from .screens.dialogs import ConfirmDialog

        app = self.app

        def question(lang: Lang) -> str:
            return label(key, lang, **{k: _in(v, lang) for k, v in fields.items()})

        answer: bool = await app.push_screen_wait(
            ConfirmDialog(question, lambda lang: label(yes_key, lang), app.lang)
        )
        return answer

    # --- Resetting ------------------------------------------------------------------

    async def reset_scenario(self) -> None:
        """Back to the loaded preset; edits are discarded only when the user says so."""
        app = self.app
        preset = app.baseline
        if app.scenario_edited and not await self.confirm(
            "confirm.reset", "confirm.reset_yes", name=preset.display_name
        ):
            return
        app.scenario = preset.scenario
        app.notify(label("notify.reset", app.lang, name=preset.display_name(app.lang)))

    async def reset_policy(self) -> None:
        """Back to the loaded policy's thresholds, as above."""
        app = self.app
        assert app.baseline_policy is not None
        table = app.baseline_policy
        if app.policy_edited and not await self.confirm(
            "confirm.reset_policy", "confirm.reset_yes", name=table.display_name
        ):
            return
        app.policy = table
        app.notify(label("notify.reset", app.lang, name=table.display_name(app.lang)))

    # --- Loading --------------------------------------------------------------------

    async def _pick(self, title: str, items: list[PickItem]) -> PickResult:
        from .screens.picker import PickerScreen

        choice: PickResult = await self.app.push_screen_wait(
            PickerScreen(title, items, self.app.lang)
        )
        return choice

    async def pick_preset(self) -> None:
        """Pick a preset (or type a path) and load it, over edits only after a yes."""
        from .screens.picker import PickItem, preset_items

        app = self.app
        choice = await self._pick("picker.title", preset_items(presets.list_presets()))
        if choice is None:
            return
        if isinstance(choice, PickItem) and choice.error is not None:
            app.report_bad(choice.error, "notify.bad_preset")
            return
        if isinstance(choice, Path):
            try:
                preset = presets.load_preset(choice)
            except InputError as exc:
                app.report_bad(exc, "notify.bad_preset")
                return
        else:
            preset = choice.entry.preset
        if app.scenario_edited and not await self.confirm(
            "confirm.discard", "confirm.discard_yes", name=preset.display_name
        ):
            return
        app.load(preset)

    async def load_policy(self) -> None:
        """Pick a policy (or type a path) and load it, over edited thresholds only
        after a yes."""
        from .screens.picker import PickItem, policy_items

        app = self.app
        choice = await self._pick("picker.policy_title", policy_items(policies.list_policies()))
        if choice is None:
            return
        if isinstance(choice, PickItem) and choice.error is not None:
            app.report_bad(choice.error, "notify.bad_policy")
            return
        if isinstance(choice, Path):
            found = app.read_policy(choice)
            if found is None:
                return
            table, origin = found, "file"
        else:
            table, origin = choice.entry.table, choice.origin
        if app.policy_edited and not await self.confirm(
            "confirm.discard_policy", "confirm.discard_yes", name=table.display_name
        ):
            return
        app.load_policy_table(table, origin)

    # --- Saving ---------------------------------------------------------------------

    async def save_preset(self) -> None:
        """Save the scenario as a preset; it becomes the loaded preset."""
        from .screens.dialogs import NameRequest

        app = self.app
        scenario = app.scenario

        def make(request: NameRequest) -> presets.Preset:
            return presets.Preset(request.name, request.description, scenario)

        def saved(preset: presets.Preset, path: Path) -> None:
            app.baseline = attrs.evolve(preset, path=path, origin="user")

        default = NameRequest(app.baseline.name, app.baseline.description)
        await self._save_as(PRESETS, default, presets.user_dir(), make, saved)

    async def save_policy(self) -> None:
        """Save the thresholds as a policy; it becomes the loaded policy."""
        from .screens.dialogs import NameRequest

        app = self.app
        table = app.table

        def make(request: NameRequest) -> PolicyTable:
            return PolicyTable(request.name, table.levels, request.description)

        def saved(saved: PolicyTable, _path: Path) -> None:
            app.policy_origin = "user"
            app.baseline_policy = saved
            app.policy = saved

        default = NameRequest(table.name, table.description)
        await self._save_as(POLICIES, default, policies.user_dir(), make, saved)

    async def _save_as(
        self,
        kind: SaveKind[Saved],
        default: NameRequest,
        folder: Path,
        make: Callable[[NameRequest], Saved],
        saved: Callable[[Saved, Path], None],
    ) -> None:
        """Ask for a name and a description (refusing, as they are typed, whatever
        loading the file back would refuse), warn before hiding a bundled file,
        confirm an overwrite, then write atomically."""
        from .screens.dialogs import NameDialog

        app = self.app

        def check(request: NameRequest) -> str:
            return kind.check(make(request))

        default = _unused_name(kind, make, folder, default)
        dialog = NameDialog(kind.title, default, str(folder), check, app.lang)
        request = await app.push_screen_wait(dialog)
        if request is None:
            return
        document = make(request)
        try:
            stem = kind.check(document)
        except InputError as exc:
            app.report_bad(exc, "notify.not_saved")
            return
        # Hiding the file every command opens by default changes what a plain
        # `credit-whatif` shows: the question says so.
        question = kind.default_question if stem == kind.default_stem else kind.shadow_question
        if kind.shadows_bundled(request.name) and not await self.confirm(
            question, "confirm.save_anyway", name=request.name, ref=f"bundled:{stem}"
        ):
            return
        try:
            try:
                path = kind.save(document, overwrite=False)
            except (PresetExistsError, PolicyExistsError):
                if not await self.confirm("confirm.overwrite", "confirm.yes", file=f"{stem}.toml"):
                    return
                path = kind.save(document, overwrite=True)
        except InputError as exc:
            app.report_bad(exc, "notify.not_saved")
            return
        saved(document, path)
        app.notify(label("notify.saved", app.lang, name=request.name, path=str(path)))
