"""Rewrite a YAML text to hold new data, changing only the lines of the values that changed.

A person's script keeps its comments, quoting, key order, line folding and block style
everywhere an edit did not reach: the new text is the old one with the lines of each changed
value replaced by that value dumped alone (in the importer's style) and indented to its place.
Where the old and new values are both block mappings, or both block sequences, the change is
followed down to the entries or items that differ (sequence items are matched by content, so
an inserted, removed or moved item touches only its own lines).

A full round-trip re-dump (ruamel.yaml) re-folds every long line of a script it did not edit,
so it is not used. Every result is parsed back and compared with the new data; a splice that
does not read back exactly (anchors and aliases, say) is replaced by a full dump.
"""

from __future__ import annotations

import difflib
import json
from dataclasses import dataclass
from typing import Any

import yaml

from ..errors import ScriptError
from . import yamlio


@dataclass(frozen=True)
class Spliced:
    """The new text, and whether the old text's lines outside the edit could be kept."""

    text: str
    kept_layout: bool


class _CannotSplice(Exception):
    """This change needs its parent re-emitted whole."""


def splice(text: str, new: Any) -> Spliced:
    """`text` changed to hold `new`; only the lines of changed values differ."""
    old, _ = yamlio.parse(text, "<splice>", ScriptError)
    lines = text.splitlines(keepends=True)
    newline = "\r\n" if lines and lines[0].endswith("\r\n") else "\n"
    root = yamlio.compose(text)
    replacements: list[tuple[int, int, list[str]]] = []
    if isinstance(root, yaml.MappingNode) and isinstance(old, dict) and isinstance(new, dict) \
            and not root.flow_style:
        try:
            _mapping(root, old, new, lines, replacements)
            result = _apply(lines, replacements, newline)
            if _reads_as(result, new):
                return Spliced(result, True)
        except _CannotSplice:
            pass
    return Spliced(yamlio.dump(new), False)


def _reads_as(text: str, expected: Any) -> bool:
    try:
        data, _ = yamlio.parse(text, "<splice>", ScriptError)
    except ScriptError:
        return False
    return bool(data == expected)


def _apply(lines: list[str], replacements: list[tuple[int, int, list[str]]],
           newline: str) -> str:
    out = list(lines)
    if out and not out[-1].endswith("\n"):
        out[-1] += newline  # an insertion after the last line starts on a line of its own
    for start, end, new_lines in sorted(replacements, key=lambda r: (r[0], r[1]), reverse=True):
        out[start:end] = [line + newline for line in new_lines]
    return "".join(out)


def _end(node: yaml.Node) -> int:
    """The line after the node's last line of content (comments after it excluded)."""
    if isinstance(node, yaml.MappingNode) and not node.flow_style and node.value:
        return _end(node.value[-1][1])
    if isinstance(node, yaml.SequenceNode) and not node.flow_style and node.value:
        return _end(node.value[-1])
    mark = node.end_mark
    return mark.line + (1 if mark.column > 0 else 0)


def _block_mapping(node: yaml.Node) -> yaml.MappingNode | None:
    return node if isinstance(node, yaml.MappingNode) and not node.flow_style and node.value \
        else None


def _block_sequence(node: yaml.Node) -> yaml.SequenceNode | None:
    return node if isinstance(node, yaml.SequenceNode) and not node.flow_style and node.value \
        else None


def _flow(node: yaml.Node) -> bool:
    return isinstance(node, yaml.CollectionNode) and bool(node.flow_style)


def _fragment(value: Any, first_prefix: str, column: int, flow: bool = False) -> list[str]:
    """`value` dumped alone, first line after `first_prefix`, the rest indented to `column`.

    With `flow`, a mapping's or list's value keeps the one-line flow style it was written in.
    """
    if flow and isinstance(value, dict) and len(value) == 1:
        (key, inner), = value.items()
        head = yamlio.dump({key: None}).splitlines()[0].removesuffix(" null")
        return [first_prefix + head + " " + yamlio.dump(inner, flow=True).rstrip("\n")]
    dumped = yamlio.dump(value).splitlines()
    return [first_prefix + dumped[0], *(" " * column + line for line in dumped[1:])]


def _mapping(node: yaml.MappingNode, old: dict[Any, Any], new: dict[Any, Any], lines: list[str],
             out: list[tuple[int, int, list[str]]]) -> None:
    entries = {key.value: (key, value) for key, value in node.value
               if isinstance(key, yaml.ScalarNode)}
    if len(entries) != len(node.value) or list(entries) != [str(k) for k in old]:
        raise _CannotSplice
    common_old = [k for k in old if k in new]
    common_new = [k for k in new if k in old]
    if common_old != common_new:
        raise _CannotSplice  # reordered keys: the whole mapping is written again
    first_key = node.value[0][0]
    for key in old:
        key_node, value_node = entries[str(key)]
        if key not in new:
            if key_node is first_key:
                raise _CannotSplice  # it shares its line with the item's dash
            out.append((key_node.start_mark.line, _end(value_node), []))
        elif old[key] != new[key]:
            _entry(key, key_node, value_node, old[key], new[key], lines, out)
    previous = None
    for key in new:
        if key in old:
            previous = key
            continue
        if previous is None:
            raise _CannotSplice
        anchor_key, anchor_value = entries[str(previous)]
        column = anchor_key.start_mark.column
        at = _end(anchor_value)
        out.append((at, at, _fragment({key: new[key]}, " " * column, column)))


def _entry(key: Any, key_node: yaml.Node, value_node: yaml.Node, old: Any, new: Any,
           lines: list[str], out: list[tuple[int, int, list[str]]]) -> None:
    if _descend(value_node, old, new, lines, out):
        return
    line, column = key_node.start_mark.line, key_node.start_mark.column
    flow = _flow(value_node) and isinstance(new, dict | list) and bool(new)
    out.append((line, _end(value_node),
                _fragment({key: new}, lines[line][:column], column, flow)))


def _descend(node: yaml.Node, old: Any, new: Any, lines: list[str],
             out: list[tuple[int, int, list[str]]]) -> bool:
    """Follow a change into a block mapping or sequence; False (and nothing recorded) when
    the node must be written again whole."""
    recorded = len(out)
    try:
        mapping, sequence = _block_mapping(node), _block_sequence(node)
        if mapping is not None and isinstance(old, dict) and isinstance(new, dict) and new:
            _mapping(mapping, old, new, lines, out)
            return True
        if sequence is not None and isinstance(old, list) and isinstance(new, list) and new:
            _sequence(sequence, old, new, lines, out)
            return True
    except _CannotSplice:
        del out[recorded:]
    return False


def _signature(value: Any) -> str:
    return json.dumps(value, sort_keys=True, ensure_ascii=False, default=str)


def _sequence(node: yaml.SequenceNode, old: list[Any], new: list[Any], lines: list[str],
              out: list[tuple[int, int, list[str]]]) -> None:
    items = node.value
    if len(items) != len(old):
        raise _CannotSplice
    first = items[0].start_mark
    prefix = lines[first.line][:first.column]
    if prefix.strip() != "-":
        raise _CannotSplice  # the first item is not on its own dash line
    column = first.column
    matcher = difflib.SequenceMatcher(None, [_signature(v) for v in old],
                                      [_signature(v) for v in new], autojunk=False)
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag == "equal":
            continue
        if tag == "replace" and i2 - i1 == j2 - j1:
            for item, before, after in zip(items[i1:i2], old[i1:i2], new[j1:j2], strict=True):
                _item(item, before, after, lines, out)
            continue
        # new items take the style of the items around them
        flow = all(_flow(item) for item in items)
        emitted = [line for value in new[j1:j2]
                   for line in _item_lines(value, prefix, column,
                                           flow and isinstance(value, dict | list) and bool(value))]
        if i1 < i2:
            for index in range(i1, i2):
                if lines[items[index].start_mark.line][:column].strip() != "-":
                    raise _CannotSplice
            start, end = items[i1].start_mark.line, _end(items[i2 - 1])
            out.append((start, end, emitted))
        else:
            at = _end(items[i1 - 1]) if i1 else items[0].start_mark.line
            out.append((at, at, emitted))


def _item(item: yaml.Node, old: Any, new: Any, lines: list[str],
          out: list[tuple[int, int, list[str]]]) -> None:
    line, column = item.start_mark.line, item.start_mark.column
    if lines[line][:column].strip() != "-":
        raise _CannotSplice
    if _descend(item, old, new, lines, out):
        return
    flow = _flow(item) and isinstance(new, dict | list) and bool(new)
    out.append((line, _end(item), _item_lines(new, lines[line][:column], column, flow)))


def _item_lines(value: Any, prefix: str, column: int, flow: bool = False) -> list[str]:
    if flow:
        return [prefix + yamlio.dump(value, flow=True).rstrip("\n")]
    # dumped as a one-item list, then the dash PyYAML wrote is replaced by the file's own
    dumped = yamlio.dump([value]).splitlines()
    return [prefix + dumped[0][2:], *(" " * column + line[2:] for line in dumped[1:])]
