"""Find, load, check and save presets: TOML files of data, never code.

All problems with a preset surface as one :class:`PresetError` whose message
names the file, the key path, what was expected and what was found.
"""

from __future__ import annotations

import codecs
import functools
import os
import re
import tempfile
import tomllib
from collections.abc import Sequence
from enum import Enum
from pathlib import Path
from typing import Any

import attrs
import cattrs
from cattrs.errors import (
    AttributeValidationNote,
    BaseValidationError,
    ForbiddenExtraKeysError,
    IterableValidationNote,
)

from .domain.enums import Health, Tightening
from .domain.scenario import (
    Activity,
    Borrower,
    InvalidValueError,
    Overdue,
    Policy,
    Scenario,
    Systems,
    check_region,
    describe,
    did_you_mean,
)

DEFAULT_PRESET = "healthy"
MAX_PRESET_BYTES = 64 * 1024
MAX_NAME_LENGTH = 80
PRESET_SUFFIX = ".toml"
_BUNDLED_IN_PACKAGE = Path(__file__).parent / "presets"
_BUNDLED_IN_CHECKOUT = Path(__file__).parents[2] / "presets"


class PresetError(Exception):
    """A preset (file, name or ``--set`` override) that cannot be used."""

    def __init__(self, source: str, key: str, expected: str, found: str) -> None:
        self.source = source
        self.key = key
        self.expected = expected
        self.found = found
        super().__init__(f"{source}: {key}: expected {expected}, found {found}")


@attrs.frozen
class Preset:
    """A named scenario, and where it came from."""

    name: str
    description: str = ""
    scenario: Scenario = attrs.field(factory=Scenario)
    path: Path | None = attrs.field(default=None, eq=False)
    origin: str = attrs.field(default="file", eq=False)  # "bundled" | "user" | "file"

    @property
    def slug(self) -> str:
        return self.path.stem if self.path is not None else slugify(self.name)


def _check_name(_instance: object, attribute: attrs.Attribute[str], value: object) -> None:
    if not isinstance(value, str):
        raise InvalidValueError("a string", describe(value), attribute.name)
    if len(value) > MAX_NAME_LENGTH:
        raise InvalidValueError(
            f"at most {MAX_NAME_LENGTH} characters", f"{len(value)} characters", attribute.name
        )
    bad = [c for c in value if c in "/\\" or (ord(c) < 32 or ord(c) == 127)]
    if bad:
        raise InvalidValueError(
            "a name without control characters or path separators",
            f"{bad[0]!r} in {value!r}",
            attribute.name,
        )


@attrs.frozen
class _Document:
    """The preset file as written: name and description beside the scenario tables."""

    name: str = attrs.field(default="", validator=_check_name, metadata={"expected": "a string"})
    description: str = attrs.field(default="", metadata={"expected": "a string"})
    borrower: Borrower = attrs.field(factory=Borrower)
    system: Systems = attrs.field(factory=Systems)
    policy: Policy = attrs.field(factory=Policy)


# --- Structuring TOML into attrs classes --------------------------------------------


def _strict(kind: type, expected: str) -> Any:
    def hook(value: Any, _type: Any) -> Any:
        if type(value) is not kind:
            raise InvalidValueError(expected, describe(value))
        return value

    return hook


def _enum_hook(value: Any, enum: type[Enum]) -> Enum:
    choices = [m.value for m in enum]
    if isinstance(value, str) and value in choices:
        return enum(value)
    listed = ", ".join(f'"{c}"' for c in choices)
    hint = did_you_mean(value, choices) if isinstance(value, str) else ""
    raise InvalidValueError(f"one of {listed}{hint}", describe(value))


def _string_list(value: Any, _type: Any) -> tuple[str, ...]:
    if not isinstance(value, list):
        raise InvalidValueError("an array of region codes", describe(value))
    # Checked here, in file order, before the model sorts the codes.
    for index, item in enumerate(value):
        check_region(item.upper() if isinstance(item, str) else item, f"[{index}]")
    return tuple(value)


def _make_converter() -> cattrs.Converter:
    converter = cattrs.Converter(forbid_extra_keys=True)
    converter.register_structure_hook(int, _strict(int, "an integer"))
    converter.register_structure_hook(bool, _strict(bool, "true or false"))
    converter.register_structure_hook(str, _strict(str, "a string"))
    converter.register_unstructure_hook(Health, lambda member: member.value)
    converter.register_unstructure_hook(Tightening, lambda member: member.value)
    converter.register_structure_hook(Health, _enum_hook)
    converter.register_structure_hook(Tightening, _enum_hook)
    is_region_list = lambda t: t == tuple[str, ...]  # noqa: E731
    converter.register_structure_hook_func(is_region_list, _string_list)
    converter.register_unstructure_hook_func(is_region_list, list)

    # Leaves first: a generated hook captures the hooks of its fields when it is made.
    for cls in (Overdue, Activity, Borrower, Systems, Policy, _Document):
        structure = converter.gen_structure_attrs_fromdict(cls)

        def table_only(value: Any, cl: Any, _structure: Any = structure) -> Any:
            if not isinstance(value, dict):
                raise InvalidValueError("a table", describe(value))
            return _structure(value, cl)

        converter.register_structure_hook(cls, table_only)
    return converter


@functools.cache
def _converter() -> cattrs.Converter:
    """Made on first use: generating the hooks costs start-up time for --help."""
    return _make_converter()


def _join(path: str, name: str) -> str:
    if not path or name.startswith("["):
        return f"{path}{name}"
    return f"{path}.{name}"


def _locate(exc: BaseException, path: str) -> tuple[str, str, str]:
    """Walk cattrs' nested exception groups to the first error: (key, expected, found)."""
    if isinstance(exc, BaseValidationError):
        sub = exc.exceptions[0]
        for note in getattr(sub, "__notes__", ()):
            if isinstance(note, AttributeValidationNote):
                return _locate(sub, _join(path, note.name))
            if isinstance(note, IterableValidationNote):
                return _locate(sub, f"{path}[{note.index}]")
        return _locate(sub, path)
    if isinstance(exc, ForbiddenExtraKeysError):
        known = [a.name for a in attrs.fields(exc.cl)]
        unknown = sorted(exc.extra_fields)[0]
        hint = did_you_mean(unknown, known)
        return _join(path, unknown), f"one of {', '.join(known)}{hint}", f"unknown key {unknown!r}"
    if isinstance(exc, InvalidValueError):
        key = _join(path, exc.field) if exc.field else path
        return key or "(top level)", exc.expected, exc.found
    return path or "(top level)", "a valid value", str(exc)


def _refine(key: str, expected: str) -> str:
    """Replace a bare type ('an integer') with the field's range where one is known."""
    if expected not in ("an integer", "true or false", "a string"):
        return expected
    cls: Any = _Document
    parts = key.split(".")
    for part in parts[:-1]:
        fields = attrs.fields_dict(cls)
        child = fields[part].type if part in fields else None
        if child is None or not attrs.has(child):
            return expected
        cls = child
    field = attrs.fields_dict(cls).get(parts[-1])
    return expected if field is None else str(field.metadata.get("expected", expected))


def _structure(data: Any, source: str) -> _Document:
    try:
        return _converter().structure(data, _Document)
    except (BaseValidationError, InvalidValueError) as exc:
        key, expected, found = _locate(exc, "")
        raise PresetError(source, key, _refine(key, expected), found) from None


# --- Reading -------------------------------------------------------------------------


def loads_preset(text: str, source: str = "<string>") -> Preset:
    """Parse and validate preset TOML text."""
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise PresetError(source, "(syntax)", "valid TOML", str(exc)) from None
    if not data:
        # Every key is optional, but a preset with none is a truncated or wrong file.
        found = "an empty file" if not text.strip() else "only comments"
        raise PresetError(source, "(file)", "at least a name or one table", found)
    return _from_data(data, source)


def _from_data(data: dict[str, Any], source: str) -> Preset:
    doc = _structure(data, source)
    scenario = Scenario(borrower=doc.borrower, system=doc.system, policy=doc.policy)
    return Preset(name=doc.name, description=doc.description, scenario=scenario)


def read_preset_text(path: Path, source: str | None = None) -> str:
    """Read a preset file's text, refusing early what cannot be a preset."""
    source = source or str(path)
    if not path.exists():
        raise PresetError(source, "(file)", "an existing preset file", "no such file")
    if not path.is_file():
        found = "a directory" if path.is_dir() else "not a regular file"
        raise PresetError(source, "(file)", "a preset file", found)
    size = path.stat().st_size
    if size > MAX_PRESET_BYTES:
        raise PresetError(
            source, "(file)", f"at most {MAX_PRESET_BYTES:,} bytes", f"{size:,} bytes"
        )
    try:
        with path.open("rb") as handle:
            raw = handle.read(MAX_PRESET_BYTES + 1)
    except OSError as exc:
        raise PresetError(source, "(file)", "a readable file", exc.strerror or str(exc)) from None
    if raw.startswith(codecs.BOM_UTF8):
        raise PresetError(
            source, "(file)", "UTF-8 text without a byte-order mark", "a byte-order mark (EF BB BF)"
        )
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise PresetError(
            source, "(file)", "UTF-8 text", f"byte 0x{raw[exc.start]:02x} at offset {exc.start}"
        ) from None


def load_preset(path: str | os.PathLike[str], origin: str = "file") -> Preset:
    """Load one preset file; its name defaults to the file's stem."""
    path = Path(path)
    preset = loads_preset(read_preset_text(path), str(path))
    return attrs.evolve(preset, name=preset.name or path.stem, path=path, origin=origin)


# --- Finding --------------------------------------------------------------------------


def bundled_dir() -> Path:
    """Bundled presets: inside the installed package, else the checkout's ``presets/``."""
    return _BUNDLED_IN_PACKAGE if _BUNDLED_IN_PACKAGE.is_dir() else _BUNDLED_IN_CHECKOUT


def user_dir() -> Path:
    """The user's preset folder (``CREDIT_WHATIF_CONFIG_DIR`` overrides the platform's)."""
    override = os.environ.get("CREDIT_WHATIF_CONFIG_DIR")
    if override:
        return Path(override) / "presets"
    import platformdirs

    return platformdirs.user_config_path("credit-whatif") / "presets"


@attrs.frozen
class PresetEntry:
    """A preset found on disk, loaded or with the error that stops it loading."""

    slug: str
    path: Path
    origin: str
    preset: Preset | None
    error: PresetError | None = None

    @property
    def name(self) -> str:
        return self.preset.name if self.preset else self.slug

    @property
    def description(self) -> str:
        return self.preset.description if self.preset else str(self.error)


def _files(directory: Path) -> list[Path]:
    if not directory.is_dir():
        return []
    return sorted(p for p in directory.iterdir() if p.suffix == PRESET_SUFFIX and p.is_file())


def list_presets() -> list[PresetEntry]:
    """Bundled presets first (default first), then the user's, each sorted by file name."""
    entries = []
    for origin, directory in (("bundled", bundled_dir()), ("user", user_dir())):
        files = _files(directory)
        if origin == "bundled":
            files.sort(key=lambda p: (p.stem != DEFAULT_PRESET, p.stem))
        for path in files:
            try:
                entries.append(PresetEntry(path.stem, path, origin, load_preset(path, origin)))
            except PresetError as exc:
                entries.append(PresetEntry(path.stem, path, origin, None, exc))
    return entries


def resolve_preset(ref: str) -> Preset:
    """A preset by path, by file stem, or by display name (case-insensitive)."""
    looks_like_path = ref.endswith(PRESET_SUFFIX) or os.sep in ref or "/" in ref
    if looks_like_path:
        return load_preset(ref)
    for origin, directory in (("user", user_dir()), ("bundled", bundled_dir())):
        path = directory / f"{ref}{PRESET_SUFFIX}"
        if path.is_file():
            return load_preset(path, origin)
    entries = list_presets()
    for entry in entries:
        if entry.preset is not None and entry.name.casefold() == ref.casefold():
            return entry.preset
    known = [e.slug for e in entries]
    raise PresetError(
        ref,
        "(preset)",
        f"a preset name ({', '.join(known)}){did_you_mean(ref, known)} or a path to a .toml file",
        "no preset by that name",
    )


# --- Overrides (--set KEY=VALUE) ----------------------------------------------------


def scenario_to_dict(scenario: Scenario) -> dict[str, Any]:
    """The scenario as the preset format's tables, every key filled."""
    data: dict[str, Any] = _converter().unstructure(scenario)
    return data


def preset_to_dict(preset: Preset) -> dict[str, Any]:
    header = {"name": preset.name, "description": preset.description}
    return {**header, **scenario_to_dict(preset.scenario)}


def parse_override(text: str) -> tuple[str, Any]:
    """``KEY=VALUE`` with VALUE read as a TOML value; a bare word is a string."""
    source = f"--set {text}"
    key, sep, raw = text.partition("=")
    key = key.strip()
    if not sep or not key:
        raise PresetError(source, key or "(key)", "KEY=VALUE", repr(text))
    if not re.fullmatch(r"[A-Za-z0-9_]+(\.[A-Za-z0-9_]+)*", key):
        raise PresetError(source, key, "a dotted key path such as borrower.score", repr(key))
    raw = raw.strip()
    try:
        value = tomllib.loads(f"v = {raw}")["v"]
    except tomllib.TOMLDecodeError:
        if not re.fullmatch(r"[A-Za-z0-9_.\-]+", raw):
            expected = "a TOML value (put text in quotes)"
            raise PresetError(source, key, expected, repr(raw)) from None
        value = raw
    return key, value


def apply_overrides(preset: Preset, overrides: Sequence[str]) -> Preset:
    """Apply ``--set`` overrides in order, each validated exactly like a preset file."""
    data = preset_to_dict(preset)
    result = preset
    for text in overrides:
        source = f"--set {text}"
        key, value = parse_override(text)
        parts = key.split(".")
        node = data
        for depth, part in enumerate(parts[:-1]):
            # An unknown table is created empty so validation names it, with a hint.
            child = node.setdefault(part, {})
            if not isinstance(child, dict):
                raise PresetError(source, ".".join(parts[: depth + 1]), "a table", describe(child))
            node = child
        node[parts[-1]] = value
        result = _from_data(data, source)
    return attrs.evolve(
        preset, name=result.name, description=result.description, scenario=result.scenario
    )


# --- Saving ---------------------------------------------------------------------------


def slugify(name: str) -> str:
    """A safe file stem for a preset name: lower-case words joined by hyphens."""
    slug = re.sub(r"[^\w]+", "-", name.strip().lower(), flags=re.UNICODE).strip("-")
    return slug[:MAX_NAME_LENGTH]


def check_file_stem(stem: str) -> str:
    """Validate a file stem for the user's preset folder; return it or raise."""
    if not stem or stem in (".", ".."):
        raise PresetError("save", "name", "a non-empty name", repr(stem))
    if not re.fullmatch(r"[\w][\w\-]*", stem, flags=re.UNICODE) or len(stem) > MAX_NAME_LENGTH:
        raise PresetError(
            "save",
            "name",
            "letters, digits, '-' or '_' (at most 80), starting with a letter or digit",
            repr(stem),
        )
    return stem


def dumps_preset(preset: Preset) -> str:
    import tomli_w

    return tomli_w.dumps(preset_to_dict(preset))


class PresetExistsError(PresetError):
    """Saving would overwrite an existing preset and overwriting was not confirmed."""


def save_preset(preset: Preset, directory: Path | None = None, *, overwrite: bool = False) -> Path:
    """Write `preset` atomically as ``<slug>.toml``; never overwrite unless told to."""
    directory = directory or user_dir()
    stem = check_file_stem(slugify(preset.name))
    target = directory / f"{stem}{PRESET_SUFFIX}"
    if target.exists() and not overwrite:
        raise PresetExistsError(
            str(target), "(file)", "a new name or confirmation to overwrite", "an existing preset"
        )
    text = dumps_preset(preset)
    try:
        directory.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(prefix=f".{stem}.", suffix=".tmp", dir=directory)
        try:
            with os.fdopen(fd, "w", encoding="utf-8") as handle:
                handle.write(text)
                handle.flush()
                os.fsync(handle.fileno())
            os.replace(tmp, target)
        except BaseException:
            Path(tmp).unlink(missing_ok=True)
            raise
    except OSError as exc:
        reason = exc.strerror or str(exc)
        raise PresetError(str(target), "(file)", "a writable preset folder", reason) from None
    return target
