"""Labels of the command line and the explorer, in English and Chinese.

The labels are the ``[ui]`` table of the message files (``messages/en.toml`` and
``zh.toml``, read and checked once by :mod:`credit_whatif.domain.message_files`);
sentences about rules, results and changes are the domain's catalogue
(:mod:`credit_whatif.domain.catalogue`), from the same files.
"""

from __future__ import annotations

from .domain import message_files
from .domain.enums import Lang
from .domain.text import LocalText
from .domain.wording import word

__all__ = ["UI", "label", "word"]


UI: dict[str, LocalText] = message_files.load().table("ui")


def label(key: str, lang: Lang, **fields: object) -> str:
    """The label `key` in `lang`, with ``{fields}`` filled in."""
    text = UI[key](lang)
    return text.format(**fields) if fields else text
