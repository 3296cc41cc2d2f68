"""Presets: find, load, list and save named scenarios (TOML files of data, never code).

Bundled presets ship with the tool; the user's live in ``presets/`` of the config
folder. A user preset with the same file name as a bundled one *shadows* it: plain
``healthy`` then means the user's copy, and ``bundled:healthy`` still reaches the
bundled one. Saving warns before shadowing (the explorer asks first).
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

import attrs

from ..domain.scenario import Scenario
from ..safe_text import string_escaped
from . import refusals, shelf
from .documents import scenario_to_dict, structure_scenario
from .errors import PresetError, PresetExistsError
from .shelf import Listed, Shelf
from .tomlfile import (
    SUFFIX,
    atomic_write,
    check_file_stem,
    check_save_name,
    check_saved_text,
    parse,
    read_text,
    slugify,
)

DEFAULT_PRESET = "healthy"


@attrs.frozen
class Preset:
    """A named scenario, and where it came from."""

    name: str
    description: str = ""
    scenario: Scenario = attrs.field(factory=Scenario)
    path: Path | None = attrs.field(default=None, eq=False)
    origin: str = attrs.field(default="file", eq=False)  # "bundled" | "user" | "file"
    name_zh: str = ""
    description_zh: str = ""

    @property
    def slug(self) -> str:
        return self.path.stem if self.path is not None else slugify(self.name)

    def display_name(self, lang: str) -> str:
        return self.name_zh if lang == "zh" and self.name_zh else self.name

    def display_description(self, lang: str) -> str:
        return self.description_zh if lang == "zh" and self.description_zh else self.description


def bundled_dir() -> Path:
    return SHELF.bundled_dir()


def user_dir() -> Path:
    return SHELF.user_dir()


# --- Reading -------------------------------------------------------------------------


def loads_preset(text: str, source: str = "<string>") -> Preset:
    """Parse and validate preset TOML text."""
    data = parse(text, source, PresetError)
    if not data:
        # Every key is optional, but a preset with none is a truncated or wrong file.
        found = refusals.found("empty_file" if not text.strip() else "only_comments")
        raise PresetError(source, "(file)", refusals.expected("name_or_table"), found)
    return preset_from_data(data, source)


def preset_from_data(data: dict[str, Any], source: str) -> Preset:
    doc = structure_scenario(data, source)
    return Preset(
        name=doc.name,
        description=doc.description,
        scenario=doc.scenario,
        name_zh=doc.name_zh,
        description_zh=doc.description_zh,
    )


def load_preset(path: str | os.PathLike[str], origin: str = "file") -> Preset:
    """Load one preset file; its name defaults to the file's stem."""
    path = Path(path)
    preset = loads_preset(read_text(path, PresetError, what="preset_file"), str(path))
    return attrs.evolve(preset, name=preset.name or path.stem, path=path, origin=origin)


def _names(preset: Preset) -> tuple[str, str]:
    return preset.name, preset.name_zh


SHELF: Shelf[Preset] = Shelf("preset", "presets", DEFAULT_PRESET, PresetError, load_preset, _names)


# --- Finding --------------------------------------------------------------------------


@attrs.frozen
class PresetEntry(Listed[Preset]):
    """A preset found on disk, loaded or with the error that stops it loading."""

    @property
    def preset(self) -> Preset | None:
        return self.item

    @property
    def name(self) -> str:
        return self.item.name if self.item else self.slug

    @property
    def description(self) -> str:
        return self.item.description if self.item else str(self.error)

    def display_name(self, lang: str) -> str:
        return self.item.display_name(lang) if self.item else self.slug

    def display_description(self, lang: str) -> str:
        return self.item.display_description(lang) if self.item else str(self.error)


def bundled_slugs() -> set[str]:
    return SHELF.bundled_slugs()


def list_presets() -> list[PresetEntry]:
    """Bundled presets first (default first), then the user's, each sorted by file name."""
    return [PresetEntry(listed.file, listed.item, listed.error) for listed in SHELF.listing()]


def looks_like_path(ref: str) -> bool:
    """Whether a typed reference is a path (the picker asks as the user types)."""
    return shelf.looks_like_path(ref)


def resolve_preset(ref: str) -> Preset:
    """A preset by path, by file stem (the user's first), ``bundled:STEM``, or by
    display name (case-insensitive, English or Chinese)."""
    return SHELF.resolve(ref)


# --- Writing ---------------------------------------------------------------------------


def preset_to_dict(preset: Preset) -> dict[str, Any]:
    header: dict[str, Any] = {"name": preset.name, "description": preset.description}
    if preset.name_zh:
        header["name_zh"] = preset.name_zh
    if preset.description_zh:
        header["description_zh"] = preset.description_zh
    return {**header, **scenario_to_dict(preset.scenario)}


def dumps_preset(preset: Preset) -> str:
    """TOML that loads back to the same preset; characters that would act on a
    terminal are written as escapes, so the file can be shown as it is."""
    import tomli_w

    return string_escaped(tomli_w.dumps(preset_to_dict(preset)))


def preset_file_stem(name: str) -> str:
    """The file stem a preset of this name is saved under (checked like loading)."""
    return check_file_stem(slugify(check_save_name(name, PresetError)), PresetError)


def shadows_bundled(name: str) -> bool:
    """Would saving under `name` hide a bundled preset of the same file name?"""
    return SHELF.shadows_bundled(slugify(name))


def _checked(preset: Preset) -> tuple[str, str]:
    stem = preset_file_stem(preset.name)
    text = dumps_preset(preset)
    texts = {"description": preset.description, "description_zh": preset.description_zh}
    check_saved_text(text, preset, loads_preset, _same, texts, PresetError)
    return stem, text


def _same(loaded: Preset, preset: Preset) -> bool:
    return loaded == preset


def check_save(preset: Preset) -> str:
    """The file stem `preset` would be saved under, once every rule of loading has
    passed on the very text that would be written; raises PresetError (for a save
    dialog to call as the user types)."""
    return _checked(preset)[0]


def save_preset(preset: Preset, directory: Path | None = None, *, overwrite: bool = False) -> Path:
    """Write `preset` atomically as ``<slug>.toml``; never overwrite unless told to,
    and never write what loading would refuse."""
    stem, text = _checked(preset)
    target = (directory or user_dir()) / f"{stem}{SUFFIX}"
    return atomic_write(target, text, PresetError, PresetExistsError, overwrite=overwrite)
