"""The quick path of preset structuring builds what cattrs builds, or leaves it to
cattrs: never a different document, never one where cattrs reports an error."""

from __future__ import annotations

import copy
import datetime as dt
import tomllib
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from credit_whatif.files import documents
from credit_whatif.files.documents import ScenarioDocument, converter, scenario_to_dict
from credit_whatif.files.folders import bundled
from credit_whatif.files.quick_structure import quick_structure

from .strategies import scenarios

BUNDLED = sorted(bundled("presets").glob("*.toml"))


def quick(data: Any) -> ScenarioDocument | None:
    return quick_structure(data, ScenarioDocument, documents._QUICK_HOOKS)


def by_cattrs(data: Any) -> ScenarioDocument | None:
    """cattrs' document, or None where it reports an error."""
    try:
        document: ScenarioDocument = converter().structure(data, ScenarioDocument)
    except Exception:  # any error: the quick path must give none
        return None
    return document


@pytest.mark.parametrize("path", BUNDLED, ids=lambda path: path.stem)
def test_every_bundled_preset_takes_the_quick_path_to_the_same_document(path: Any) -> None:
    data = tomllib.loads(path.read_text(encoding="utf-8"))
    document = quick(data)
    assert document is not None  # else the start pays for cattrs again
    assert document == by_cattrs(copy.deepcopy(data))


@given(scenarios())
def test_a_written_scenario_comes_back_the_same_both_ways(scenario: Any) -> None:
    data = scenario_to_dict(scenario)
    document = quick(copy.deepcopy(data))
    assert document is not None
    assert document == by_cattrs(data)


ODD_VALUES = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(-(2**70), 2**70),
    st.floats(allow_nan=False),
    st.text(max_size=8),
    st.sampled_from(["up", "down", "delayed", "strict", "CN-ZJ", "cn-zj", "missed_payment"]),
    st.dates(),
    st.datetimes(),
    st.lists(st.integers(0, 5), max_size=2),
    st.lists(st.sampled_from(["CN-ZJ", "cn-gd", "XX"]), max_size=2),
    st.dictionaries(st.sampled_from(["score", "kind", "date", "days", "x"]), st.integers(0, 9)),
)


def _paths(node: Any, path: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
    found = [path]
    if isinstance(node, dict):
        for key, value in node.items():
            found += _paths(value, (*path, key))
    elif isinstance(node, list):
        for index, value in enumerate(node):
            found += _paths(value, (*path, index))
    return found


@given(scenarios(), st.data())
def test_a_changed_value_gives_cattrs_document_or_is_left_to_cattrs(
    scenario: Any, data: st.DataObject
) -> None:
    tables = scenario_to_dict(scenario)
    tables["as_of"] = data.draw(st.none() | st.dates(dt.date(2020, 1, 1), dt.date(2030, 1, 1)))
    if tables["as_of"] is None:
        del tables["as_of"]
    for _ in range(data.draw(st.integers(1, 3))):
        path = data.draw(st.sampled_from(_paths(tables)[1:] or [("name",)]))
        holder = tables
        for part in path[:-1]:
            holder = holder[part]
        if data.draw(st.booleans()) and isinstance(holder, dict):
            holder[data.draw(st.sampled_from([path[-1], "extra", "score"]))] = data.draw(ODD_VALUES)
        elif isinstance(holder, dict):
            del holder[path[-1]]
        else:
            holder[path[-1]] = data.draw(ODD_VALUES)
    assert quick(copy.deepcopy(tables)) in (None, by_cattrs(tables))
