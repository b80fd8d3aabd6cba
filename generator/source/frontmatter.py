"""Split a content file into YAML front-matter and a Markdown body, keeping line marks."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from generator.errors import ContentError
from generator.source import quickyaml
from generator.source.marks import KeyPath, Mark

if TYPE_CHECKING:  # PyYAML is imported when a document needs more than the simple parser
    import yaml

FENCE = "---"
# Aliases (*name) let a few lines of YAML stand for billions of values ("billion laughs"):
# a document is refused when, aliases counted out, it holds more values than any real
# content file would, or nests deeper; both are checked before anything is built from it.
MAX_VALUES = 10_000
MAX_DEPTH = 64
# A line that starts a 'key:' (after any '- ' item markers), and where its key stands.
_KEY_LINE = re.compile(r"( *)((?:- +)*)([^\s#:'\"-][^:#]*?|\"[^\"]*\"|'[^']*'):(?: |$)")


@dataclass(frozen=True, slots=True)
class FrontMatter:
    """The parsed metadata of a content file, its body, and where each value stood."""

    data: dict[str, Any]
    body: str
    body_line: int
    marks: dict[KeyPath, Mark] = field(default_factory=dict)
    # The front-matter's lines as typed (line 1 is the opening '---'), for what YAML's values
    # lose: a commented-out key, the digits of a number.
    lines: tuple[str, ...] = ()


def parse_frontmatter(text: str, path: str) -> FrontMatter:
    """Parse a whole content file into front-matter and body; raise ContentError if malformed."""
    if text.startswith("\ufeff"):
        text = text[1:]
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    lines = text.split("\n")
    if not text.strip():
        raise ContentError(
            "the file is empty",
            path=path,
            line=1,
            hint="start it with front-matter between two '---' lines, then the text",
        )
    if lines[0].rstrip() != FENCE:
        raise ContentError(
            "the file does not start with front-matter",
            path=path,
            line=1,
            column=1,
            hint="put a line '---' first, the YAML fields, then another '---' line",
        )
    try:
        end = next(i for i in range(1, len(lines)) if lines[i].rstrip() in (FENCE, "..."))
    except StopIteration:
        raise ContentError(
            "the front-matter is never closed",
            path=path,
            line=1,
            column=1,
            hint="did you forget the closing '---' line after the fields?",
        ) from None
    yaml_text = "\n".join(lines[1:end])
    body = "\n".join(lines[end + 1 :])
    data, marks = _load_yaml(yaml_text, path, first_line=2)
    if data is None:
        data = {}
    if not isinstance(data, dict):
        raise ContentError(
            f"the front-matter is a {_yaml_kind(data)}, not a set of 'key: value' fields",
            path=path,
            line=2,
            column=1,
            hint="write one 'key: value' per line, for example 'name: Bakhyt Morel'",
        )
    return FrontMatter(
        data=data, body=body, body_line=end + 2, marks=marks, lines=tuple(lines[: end + 1])
    )


def load_yaml_document(text: str, path: str) -> tuple[Any, dict[KeyPath, Mark]]:
    """Parse a whole YAML file (such as site.yaml), returning its data and marks."""
    if text.startswith("\ufeff"):
        text = text[1:]
    return _load_yaml(text, path, first_line=1)


def _load_yaml(text: str, path: str, first_line: int) -> tuple[Any, dict[KeyPath, Mark]]:
    simple = quickyaml.parse(text, first_line)  # most front-matter: see quickyaml.py
    if simple is not None:
        return simple
    import yaml

    loader = _loader_class()(text)
    try:
        node = loader.get_single_node()
        if node is None:
            return None, {}
        _check_size(node, path, first_line)
        _check_duplicates(node, text, path, first_line)
        data = loader.construct_document(node)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line = first_line + mark.line if mark else first_line
        column = mark.column + 1 if mark else None
        problem = exc.problem or exc.context or "invalid YAML"
        hint = "check the indentation and quoting on that line"
        slip = _typing_slip(text.split("\n"), exc, first_line)
        if slip is not None:
            line, column, problem, hint = slip
        elif "\t" in text:
            hint = "YAML does not allow tab characters for indentation: use spaces"
        elif mark is not None:
            hint = _mapping_hint(text.split("\n"), mark.line, first_line) or hint
        raise ContentError(
            f"invalid YAML: {problem}", path=path, line=line, column=column, hint=hint
        ) from None
    except yaml.YAMLError as exc:
        raise ContentError(f"invalid YAML: {exc}", path=path, line=first_line) from None
    except RecursionError:
        raise ContentError(
            "the YAML is nested too deeply", path=path, line=first_line, column=1
        ) from None
    except (ValueError, TypeError, OverflowError) as exc:  # a value of its type, out of range
        mark = _unbuildable(node)
        raise ContentError(
            f"invalid value: {exc}",
            path=path,
            line=first_line + mark.line if mark else first_line,
            column=mark.column + 1 if mark else None,
            hint="dates are written YYYY-MM-DD, with a day that month has",
        ) from None
    finally:
        loader.dispose()
    marks: dict[KeyPath, Mark] = {}
    _collect_marks(node, (), marks, first_line)
    return data, marks


def _loader_class() -> type[yaml.SafeLoader]:
    """PyYAML's safe loader; the C one, several times faster, where PyYAML has libyaml."""
    import yaml

    return getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def _unbuildable(root: yaml.Node | None) -> yaml.Mark | None:
    """Where the value stands that could not be built (a 30th of February)."""
    import yaml

    stack = [root] if root is not None else []
    while stack:
        node = stack.pop()
        if isinstance(node, yaml.ScalarNode):
            builder = _loader_class()("")
            try:
                builder.construct_object(node)
            except (ValueError, TypeError, OverflowError):
                return node.start_mark
            finally:
                builder.dispose()
        elif isinstance(node, yaml.MappingNode):
            stack += [part for pair in reversed(node.value) for part in reversed(pair)]
        elif isinstance(node, yaml.SequenceNode):
            stack += reversed(node.value)
    return None


def _check_size(root: yaml.Node, path: str, first_line: int) -> None:
    """Raise ContentError if ``root`` expands to too many values or nests too deeply.

    The walk visits an aliased node once per alias, as building the data would, but stops
    at MAX_VALUES: time and memory stay bounded whatever the document.
    """
    import yaml

    budget = MAX_VALUES
    stack: list[tuple[yaml.Node, int, yaml.Node]] = [(root, 0, root)]
    while stack:
        node, depth, top = stack.pop()
        budget -= 1
        if budget < 0 or depth > MAX_DEPTH:
            too_many = budget < 0
            raise ContentError(
                f"the front-matter holds more than {MAX_VALUES:,} values once its aliases are "
                "expanded"
                if too_many
                else f"the front-matter nests more than {MAX_DEPTH} levels deep",
                path=path,
                line=first_line + top.start_mark.line,
                column=top.start_mark.column + 1,
                hint="YAML aliases (*name) repeat what their anchor (&name) holds: "
                "write the values out instead"
                if too_many
                else "a content file needs only a few levels of fields",
            )
        children: list[yaml.Node] = []
        if isinstance(node, yaml.MappingNode):
            for key_node, value_node in node.value:
                children += (key_node, value_node)
        elif isinstance(node, yaml.SequenceNode):
            children = list(node.value)
        for child in children:
            # Errors point at the top-level field whose value grew too big.
            stack.append((child, depth + 1, child if node is root else top))


def _typing_slip(
    lines: list[str], exc: yaml.MarkedYAMLError, first_line: int
) -> tuple[int, int, str, str] | None:
    """The line, column, problem and hint of a typing slip behind a YAML error, if there is
    one: a quote never closed, a 'key:value' or '-item' without its space. PyYAML reports
    these where it gave up, often lines later; the person needs the line they typed."""
    opened = exc.context_mark
    if opened is not None and "quoted scalar" in (exc.context or ""):
        number = first_line + opened.line
        return (
            number,
            opened.column + 1,
            f"the quote opened on line {number} is not closed",
            f"end the value with a closing {lines[opened.line][opened.column]} on line {number}",
        )
    mark = exc.problem_mark or exc.context_mark
    last = min(mark.line if mark else len(lines) - 1, len(lines) - 1)
    for index in range(last + 1):
        line = lines[index]
        if _KEY_LINE.match(line):
            continue
        number = first_line + index
        glued = _GLUED_KEY.match(line)
        if glued is not None:
            head, key, value = glued.groups()
            return (
                number,
                len(head) + len(key) + 2,
                f"there is no space after the colon in line {number}",
                f"put a space after the colon in line {number}: '{head}{key}: {value.rstrip()}'",
            )
        dash = _GLUED_DASH.match(line)
        if dash is not None:
            indent, rest = dash.groups()
            return (
                number,
                len(indent) + 1,
                f"there is no space after the '-' in line {number}",
                f"put a space after '-' in line {number}: '{indent}- {rest.rstrip()}'",
            )
    return None


# 'year:2020': a key glued to its value.
_GLUED_KEY = re.compile(r"^( *(?:- +)*)([A-Za-z_][\w-]*):([^\s:].*)$")
# '-title: Brick': a list item glued to its dash.
_GLUED_DASH = re.compile(r"^( *)-([A-Za-z_\"'].*:.*)$")


def _mapping_hint(lines: list[str], index: int, first_line: int) -> str | None:
    """What to do about a mapping error on line ``index``: its indentation or its quoting.

    A line indented unlike the key lines just above it is the usual mistake; a value holding
    ': ' (or ' #') on a line that is rightly indented needs quotes.
    """
    if not 0 <= index < len(lines):
        return None
    line = lines[index]
    own = _KEY_LINE.match(line)
    above = [
        (number, match)
        for number in range(index - 1, -1, -1)
        for match in (_KEY_LINE.match(lines[number]),)
        if match is not None
    ][:2]
    if own is not None and above:
        key_column = _key_column(own)
        number, sibling = above[0]
        sibling_column = _key_column(sibling)
        opener = len(above) > 1 and _opens_block(above[1][1])
        if opener and _key_column(above[1][1]) == sibling_column < key_column:
            # "hometown:", then "name: …" at its depth, then the rest indented: the line
            # under the opener lost its indentation, not this one.
            name = above[1][1].group(3)
            return (
                f"line {first_line + number} is not indented, so it is not read as part of "
                f"'{name}:' above it: indent the lines under '{name}:' by two spaces, as "
                f"'{' ' * (sibling_column + 2)}{lines[number][sibling_column:].rstrip()}'"
            )
        if key_column != sibling_column and not (
            _opens_block(sibling) and not own.group(2) and key_column > sibling_column
        ):
            return (
                f"line {first_line + index} is indented by {key_column} "
                f"space{'s' if key_column != 1 else ''}, the lines around it by "
                f"{sibling_column}: indent it like them"
            )
    value = line[own.end() :] if own is not None else line.strip()
    if ": " in value or value.endswith(":") or " #" in value:
        return "a value that contains ': ' or ' #' must be put in quotes"
    return None


def _key_column(match: re.Match[str]) -> int:
    """Where the key of a key line starts, after its indentation and item markers."""
    return len(match.group(1)) + len(match.group(2))


def _opens_block(match: re.Match[str]) -> bool:
    """Whether a key line has no value on it: the lines under it are its fields."""
    return match.string.rstrip().endswith(":")


def _check_duplicates(root: yaml.Node, text: str, path: str, first_line: int) -> None:
    """Raise ContentError if a mapping names a key twice: YAML would keep the last silently.

    Cheap on the common path (a set per mapping of more than one key); the walk visits an
    aliased node once per alias, bounded as ``_check_size`` bounds it.
    """
    import yaml

    scalar, mapping = yaml.ScalarNode, yaml.MappingNode
    stack = [root]
    while stack:
        node = stack.pop()
        if type(node) is mapping:
            pairs = node.value
            if len(pairs) > 1:
                keys = [
                    key
                    for key, _ in pairs
                    if type(key) is scalar and key.tag != "tag:yaml.org,2002:merge"
                ]
                if len({key.value for key in keys}) != len(keys):
                    first: dict[str, yaml.Node] = {}
                    for key in keys:
                        earlier = first.setdefault(key.value, key)
                        if earlier is not key:
                            raise _duplicate(node, earlier, key, text, path, first_line)
            stack += [value for _, value in reversed(pairs) if type(value) is not scalar]
        elif isinstance(node, yaml.SequenceNode):
            stack += reversed(node.value)


def _duplicate(
    mapping: yaml.MappingNode,
    earlier: yaml.Node,
    later: yaml.Node,
    text: str,
    path: str,
    first_line: int,
) -> ContentError:
    """The error for a key written twice in one mapping, with the line of each."""
    import yaml

    name = str(later.value)
    line_of = [first_line + earlier.start_mark.line, first_line + later.start_mark.line]
    # A key with no value just before the second one, at the same depth: the lines under it
    # were meant to be its fields, and lost their indentation ("hometown:" then "name: …").
    keys = [key for key, _ in mapping.value]
    values = dict((id(key), value) for key, value in mapping.value)
    opener = next(
        (
            key
            for key in reversed(keys[: keys.index(later)])
            if key.start_mark.line > earlier.start_mark.line
            and isinstance(values[id(key)], yaml.ScalarNode)
            and values[id(key)].tag.endswith(":null")
            and values[id(key)].value == ""
        ),
        None,
    )
    if opener is not None:
        lines = text.split("\n")
        start, end = opener.start_mark.line + 1, later.end_mark.line
        column = opener.start_mark.column
        shown = "; ".join(
            f"'{' ' * (column + 2)}{lines[i][column:].rstrip()}'"
            for i in range(start, end + 1)
            if lines[i].strip()
        )
        return ContentError(
            f"'{name}' is written twice (lines {line_of[0]} and {line_of[1]}): the lines under "
            f"'{opener.value}:' on line {first_line + opener.start_mark.line} are not indented, "
            f"so they are read as the file's own fields and replace them",
            path=path,
            line=line_of[1],
            column=later.start_mark.column + 1,
            hint=f"indent the lines under '{opener.value}:' by two spaces, as "
            f"{shown} (and its other lines below, if any)",
        )
    return ContentError(
        f"'{name}' is written twice, on lines {line_of[0]} and {line_of[1]}",
        path=path,
        line=line_of[1],
        column=later.start_mark.column + 1,
        hint=f"keep the one you mean and delete the other: only one '{name}:' may stand "
        "at that level (YAML would silently keep the last one)",
    )


def _collect_marks(node: yaml.Node, key: KeyPath, marks: dict[KeyPath, Mark], first: int) -> None:
    import yaml

    marks[key] = Mark(first + node.start_mark.line, node.start_mark.column + 1)
    if isinstance(node, yaml.MappingNode):
        for key_node, value_node in node.value:
            if isinstance(key_node, yaml.ScalarNode):
                _collect_marks(value_node, (*key, str(key_node.value)), marks, first)
    elif isinstance(node, yaml.SequenceNode):
        for index, item in enumerate(node.value):
            _collect_marks(item, (*key, index), marks, first)


def _yaml_kind(value: object) -> str:
    if isinstance(value, list):
        return "list"
    return "single value"
