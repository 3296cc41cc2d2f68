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

from ..domain.scenario import Scenario, did_you_mean
from . import folders
from .documents import scenario_to_dict, structure_scenario
from .errors import PresetError, PresetExistsError
from .tomlfile import (
    SUFFIX,
    atomic_write,
    check_file_stem,
    check_save_name,
    parse,
    read_text,
    slugify,
)

DEFAULT_PRESET = "healthy"
BUNDLED_PREFIX = "bundled:"


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
    return folders.bundled("presets")


def user_dir() -> Path:
    return folders.user_dir("presets")


# --- Reading -------------------------------------------------------------------------


def loads_preset(text: str, source: str = "<string>") -> Preset:
    """Parse and validate preset TOML text."""
    data = parse(text, source, PresetError)
    if not data:
        # Every key is optional, but a preset with none is a truncated or wrong file.
        found = "an empty file" if not text.strip() else "only comments"
        raise PresetError(source, "(file)", "at least a name or one table", found)
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
    preset = loads_preset(read_text(path, PresetError, what="preset file"), str(path))
    return attrs.evolve(preset, name=preset.name or path.stem, path=path, origin=origin)


# --- Finding --------------------------------------------------------------------------


@attrs.frozen
class PresetEntry:
    """A preset found on disk, loaded or with the error that stops it loading."""

    slug: str
    path: Path
    origin: str
    preset: Preset | None
    error: PresetError | None = None
    shadowed: bool = False  # a bundled preset hidden by a user preset of the same name
    shadows: bool = False  # a user preset hiding a bundled one

    @property
    def name(self) -> str:
        return self.preset.name if self.preset else self.slug

    @property
    def description(self) -> str:
        return self.preset.description if self.preset else str(self.error)

    def display_name(self, lang: str) -> str:
        return self.preset.display_name(lang) if self.preset else self.slug

    def display_description(self, lang: str) -> str:
        return self.preset.display_description(lang) if self.preset else str(self.error)

    @property
    def ref(self) -> str:
        """What to type to load exactly this entry."""
        return f"{BUNDLED_PREFIX}{self.slug}" if self.shadowed else self.slug


def _files(directory: Path) -> list[Path]:
    if not directory.is_dir():
        return []
    return sorted(p for p in directory.iterdir() if p.suffix == SUFFIX and p.is_file())


def bundled_slugs() -> set[str]:
    return {p.stem for p in _files(bundled_dir())}


def list_presets() -> list[PresetEntry]:
    """Bundled presets first (default first), then the user's, each sorted by file name."""
    entries = []
    bundled = bundled_slugs()
    users = {p.stem for p in _files(user_dir())}
    for origin, directory in (("bundled", bundled_dir()), ("user", user_dir())):
        files = _files(directory)
        if origin == "bundled":
            files.sort(key=lambda p: (p.stem != DEFAULT_PRESET, p.stem))
        for path in files:
            shadowed = origin == "bundled" and path.stem in users
            shadows = origin == "user" and path.stem in bundled
            try:
                preset: Preset | None = load_preset(path, origin)
                error = None
            except PresetError as exc:
                preset, error = None, exc
            entries.append(PresetEntry(path.stem, path, origin, preset, error, shadowed, shadows))
    return entries


def looks_like_path(ref: str) -> bool:
    return ref.endswith(SUFFIX) or os.sep in ref or "/" in ref or ref.startswith("~")


def resolve_preset(ref: str) -> Preset:
    """A preset by path, by file stem (the user's first), ``bundled:STEM``, or by
    display name (case-insensitive, English or Chinese)."""
    if ref.startswith(BUNDLED_PREFIX):
        path = bundled_dir() / f"{ref.removeprefix(BUNDLED_PREFIX)}{SUFFIX}"
        if path.is_file():
            return load_preset(path, "bundled")
    elif looks_like_path(ref):
        return load_preset(Path(ref).expanduser())
    else:
        for origin, directory in (("user", user_dir()), ("bundled", bundled_dir())):
            path = directory / f"{ref}{SUFFIX}"
            if path.is_file():
                return load_preset(path, origin)
    entries = list_presets()
    for entry in entries:
        names = {entry.name.casefold(), entry.display_name("zh").casefold()}
        if entry.preset is not None and ref.casefold() in names:
            return entry.preset
    known = [e.ref for e in entries]
    raise PresetError(
        ref,
        "(preset)",
        f"a preset name ({', '.join(known)}){did_you_mean(ref, known)} or a path to a .toml file",
        "no preset by that name",
    )


# --- Writing ---------------------------------------------------------------------------


def preset_to_dict(preset: Preset) -> dict[str, Any]:
    header: dict[str, Any] = {"name": preset.name, "description": preset.description}
    if preset.name_zh:
        header["name_zh"] = preset.name_zh
    if preset.description_zh:
        header["description_zh"] = preset.description_zh
    return {**header, **scenario_to_dict(preset.scenario)}


def dumps_preset(preset: Preset) -> str:
    import tomli_w

    return tomli_w.dumps(preset_to_dict(preset))


def preset_file_stem(name: str) -> str:
    """The file stem a preset of this name is saved under (checked like loading)."""
    return check_file_stem(slugify(check_save_name(name, PresetError)), PresetError)


def shadows_bundled(name: str) -> bool:
    """Would saving under `name` hide a bundled preset of the same file name?"""
    return slugify(name) in bundled_slugs()


def save_preset(preset: Preset, directory: Path | None = None, *, overwrite: bool = False) -> Path:
    """Write `preset` atomically as ``<slug>.toml``; never overwrite unless told to."""
    stem = preset_file_stem(preset.name)
    target = (directory or user_dir()) / f"{stem}{SUFFIX}"
    return atomic_write(
        target, dumps_preset(preset), PresetError, PresetExistsError, overwrite=overwrite
    )
