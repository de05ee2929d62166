"""YAML reading with line numbers for every value, and block-style writing people can edit."""

from __future__ import annotations

from typing import Any, ClassVar

import yaml

from ..errors import PodcastError

Path_ = tuple[str | int, ...]

# libyaml's C loader and dumper when PyYAML has them (10x faster on long scripts)
_BaseLoader: type[yaml.SafeLoader] = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
_Dumper: type[yaml.SafeDumper] = getattr(yaml, "CSafeDumper", yaml.SafeDumper)


class _Loader(_BaseLoader):  # type: ignore[misc, valid-type]
    """Safe loading, but dates stay text: the schema parses them with a clear message."""

    yaml_implicit_resolvers: ClassVar[dict[Any, Any]] = {
        first: [(tag, regexp) for tag, regexp in resolvers
                if tag != "tag:yaml.org,2002:timestamp"]
        for first, resolvers in _BaseLoader.yaml_implicit_resolvers.items()
    }


class LineMap(dict[Path_, int]):
    """Maps a path of keys and indexes inside a YAML document to its 1-based line."""

    def line_for(self, path: Path_) -> int | None:
        """Line of the deepest known prefix of `path`."""
        for end in range(len(path), -1, -1):
            line = self.get(tuple(path[:end]))
            if line is not None:
                return line
        return None


def parse(text: str, source: str, error: type[PodcastError]) -> tuple[Any, LineMap]:
    """Parse one YAML document, returning the data and a line for every node."""
    loader = None
    try:
        loader = _Loader(text)
        node = loader.get_single_node()
        lines = LineMap()
        if node is not None:
            _collect_lines(node, (), lines, source, error)
        data = loader.construct_document(node) if node is not None else None
    except yaml.reader.ReaderError as exc:
        line = text[: exc.position].count("\n") + 1
        raise error(
            f"{source}:{line}: character U+{exc.character:04X} is not allowed in YAML"
        ) from None
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        where = f":{mark.line + 1}" if mark else ""
        problem = exc.problem or exc.context or "invalid YAML"
        raise error(f"{source}{where}: YAML syntax error: {problem}") from None
    except yaml.YAMLError as exc:
        raise error(f"{source}: YAML error: {' '.join(str(exc).split())}") from None
    except (ValueError, TypeError, OverflowError, RecursionError) as exc:
        raise error(f"{source}: cannot read this YAML: {exc}") from None
    finally:
        if loader is not None:
            loader.dispose()
    return data, lines


def compose(text: str) -> yaml.Node | None:
    """The node tree of one (already parsed) YAML document, with every node's position."""
    loader = _Loader(text)
    try:
        node: yaml.Node | None = loader.get_single_node()
        return node
    finally:
        loader.dispose()


def _collect_lines(
    node: yaml.Node, path: Path_, lines: LineMap, source: str, error: type[PodcastError]
) -> None:
    lines[path] = node.start_mark.line + 1
    if isinstance(node, yaml.MappingNode):
        seen: set[str] = set()
        for key_node, value_node in node.value:
            key = key_node.value if isinstance(key_node, yaml.ScalarNode) else str(key_node.value)
            if key in seen:
                raise error(
                    f"{source}:{key_node.start_mark.line + 1}: duplicate key {key!r}"
                )
            seen.add(key)
            _collect_lines(value_node, (*path, key), lines, source, error)
            lines[(*path, key)] = key_node.start_mark.line + 1
    elif isinstance(node, yaml.SequenceNode):
        for index, item in enumerate(node.value):
            _collect_lines(item, (*path, index), lines, source, error)


class _BlockDumper(_Dumper):  # type: ignore[misc, valid-type]
    """Block style; multi-line strings as literal blocks; unicode kept as is."""


def _represent_str(dumper: yaml.BaseDumper, value: str) -> yaml.ScalarNode:
    if "\n" in value and not value.startswith((" ", "\t")) and value == value.rstrip(" \t\n"):
        return dumper.represent_scalar("tag:yaml.org,2002:str", value, style="|")
    return dumper.represent_scalar("tag:yaml.org,2002:str", value)


_BlockDumper.add_representer(str, _represent_str)


def dump(data: Any, flow: bool = False) -> str:
    """Serialize to block-style YAML (or one flow-style line) with unicode unescaped."""
    text: str = yaml.dump(
        data,
        Dumper=_BlockDumper,
        allow_unicode=True,
        sort_keys=False,
        default_flow_style=flow,
        width=1 << 30 if flow else 100,
    )
    return text
