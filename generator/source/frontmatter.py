"""Split a content file into YAML front-matter and a Markdown body, keeping line marks."""

from __future__ import annotations

import datetime
import re
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from generator.errors import ContentError

if TYPE_CHECKING:  # PyYAML is imported when a document needs more than the simple parser
    import yaml

FENCE = "---"
# Aliases (*name) let a few lines of YAML stand for billions of values ("billion laughs"):
# a document is refused when, aliases counted out, it holds more values than any real
# content file would, or nests deeper; both are checked before anything is built from it.
MAX_VALUES = 10_000
MAX_DEPTH = 64
KeyPath = tuple[str | int, ...]


@dataclass(frozen=True, slots=True)
class Mark:
    """A 1-based line and column in the source file."""

    line: int
    column: int


@dataclass(frozen=True, slots=True)
class FrontMatter:
    """The parsed metadata of a content file, its body, and where each value stood."""

    data: dict[str, Any]
    body: str
    body_line: int
    marks: dict[KeyPath, Mark] = field(default_factory=dict)


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
    return FrontMatter(data=data, body=body, body_line=end + 2, marks=marks)


def load_yaml_document(text: str, path: str) -> tuple[Any, dict[KeyPath, Mark]]:
    """Parse a whole YAML file (such as site.yaml), returning its data and marks."""
    if text.startswith("\ufeff"):
        text = text[1:]
    return _load_yaml(text, path, first_line=1)


def _load_yaml(text: str, path: str, first_line: int) -> tuple[Any, dict[KeyPath, Mark]]:
    simple = _SimpleYaml.parse(text, first_line)
    if simple is not None:
        return simple
    import yaml

    loader = _loader_class()(text)
    try:
        node = loader.get_single_node()
        if node is None:
            return None, {}
        _check_size(node, path, first_line)
        data = loader.construct_document(node)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line = first_line + mark.line if mark else first_line
        column = mark.column + 1 if mark else None
        problem = exc.problem or exc.context or "invalid YAML"
        hint = "check the indentation and quoting on that line"
        if "\t" in text:
            hint = "YAML does not allow tab characters for indentation: use spaces"
        elif "mapping values are not allowed" in problem:
            hint = "a value that contains ': ' must be put in quotes"
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


# The front-matter most files have (keys, nested keys, lists of items, and one-line quoted or
# plain values) is read by a small parser that gives exactly what PyYAML gives, marks included,
# in a fraction of the time; anything else it leaves to PyYAML (property-tested against it).
_KEY = re.compile(r"([A-Za-z_][A-Za-z0-9_-]*):(?: +|$)")
# YAML 1.1 reads these plain words as booleans or null; as keys, or in another case, they go to
# PyYAML.
_WORDS: dict[str, bool | None] = {
    **dict.fromkeys(("yes", "Yes", "YES", "true", "True", "TRUE", "on", "On", "ON"), True),
    **dict.fromkeys(("no", "No", "NO", "false", "False", "FALSE", "off", "Off", "OFF"), False),
    **dict.fromkeys(("null", "Null", "NULL"), None),
}
_SPECIAL_WORDS = frozenset(word.lower() for word in _WORDS) | {"y", "n", "~"}
# A plain value that can only be a string: it starts with a letter and holds nothing that
# YAML would read as a comment, a key, a flow collection or a line break.
# Written as what is left out (a class of what is let in, astral planes included, takes
# milliseconds to compile): control characters, YAML's indicators, and what YAML counts as a
# line break or refuses (NEL, the Unicode separators, a byte order mark, surrogates).
_NOT_UNICODE = r"\u2028\u2029\ufeff\ud800-\udfff\ufffe\uffff"
_TEXT = rf"[^\x00-\x1f\x7f-\x9f#<>\[\\\]`{{|}}{_NOT_UNICODE}]*"
# A plain value starts with a letter: any character of the text but ASCII other than letters.
_PLAIN = re.compile(rf"[^\x00-\x40\x5b-\x60\x7b-\x9f{_NOT_UNICODE}]" + _TEXT)
# A plain value that starts with a digit is a number or a date only if every character can be
# part of one (the int, float and timestamp forms of YAML 1.1); "2017–2022" or "80 × 120 cm"
# has a character that cannot, so it is text.
_NUMERIC = frozenset("0123456789_-+.:abcdefABCDEFxXoObBtTzZiInN \t")
_DIGIT_FIRST = re.compile(r"[0-9]" + _TEXT)
_QUOTED = re.compile(
    rf'"[^"\\\x00-\x08\x0b-\x1f\x7f-\x9f{_NOT_UNICODE}]*"|\'[^\'\x00-\x08\x0b-\x1f\x7f-\x9f{_NOT_UNICODE}]*\''
)
_INT = re.compile(r"-?(?:0|[1-9][0-9]*)")
_FLOAT = re.compile(r"-?(?:0|[1-9][0-9]*)\.[0-9]+")
_DATE = re.compile(r"([0-9]{4})-([0-9]{2})-([0-9]{2})")
_SIMPLE_MAX_LINES = 1_000
_MAX_SIMPLE_DEPTH = 16


class _NotSimple(Exception):
    """The text uses more YAML than the simple parser reads."""


@dataclass(slots=True)
class _SimpleYaml:
    # One entry per item marker ('- ') and per line's content: (line index, column, text).
    entries: list[tuple[int, int, str | None]]
    first_line: int
    marks: dict[KeyPath, Mark]
    pos: int = 0

    @classmethod
    def parse(cls, text: str, first_line: int) -> tuple[Any, dict[KeyPath, Mark]] | None:
        """The data and marks of ``text``, or None when PyYAML has to read it."""
        if "\t" in text or "#" in text or "\r" in text:
            return None
        entries: list[tuple[int, int, str | None]] = []
        lines = text.split("\n")
        if len(lines) > _SIMPLE_MAX_LINES:
            return None
        for index, line in enumerate(lines):
            content = line.lstrip(" ")
            if not content:
                continue
            if content != content.rstrip():
                return None
            column = len(line) - len(content)
            while content.startswith("- "):  # an item marker; its node follows on the line
                entries.append((index, column, None))
                column += 2
                content = content[2:]
                if content.startswith(" "):
                    return None
            if content in ("-", "---", "...") or content.startswith("%"):
                return None
            entries.append((index, column, content))
        if not entries:
            return None
        parser = cls(entries, first_line, {})
        try:
            data = parser._node((), entries[0][1], 0)
        except _NotSimple:
            return None
        if parser.pos != len(entries) or not isinstance(data, dict):
            return None
        return data, parser.marks

    def _mark(self, key: KeyPath, entry: tuple[int, int, str | None]) -> None:
        self.marks[key] = Mark(self.first_line + entry[0], entry[1] + 1)

    def _node(self, key: KeyPath, column: int, depth: int) -> Any:
        if depth > _MAX_SIMPLE_DEPTH:
            raise _NotSimple
        entry = self.entries[self.pos]
        self._mark(key, entry)
        if entry[2] is None:
            return self._sequence(key, column, depth)
        return self._mapping(key, column, depth)

    def _sequence(self, key: KeyPath, column: int, depth: int) -> list[Any]:
        items: list[Any] = []
        entries = self.entries
        while self.pos < len(entries):
            _, at, text = entries[self.pos]
            if at != column or text is not None:
                break
            self.pos += 1
            content = entries[self.pos]
            path = (*key, len(items))
            if content[2] is not None and _KEY.match(content[2]) is None:
                self._mark(path, content)
                items.append(_scalar(content[2]))
                self.pos += 1
            else:
                items.append(self._node(path, content[1], depth + 1))
        return items

    def _mapping(self, key: KeyPath, column: int, depth: int) -> dict[str, Any]:
        mapping: dict[str, Any] = {}
        entries = self.entries
        while self.pos < len(entries):
            line, at, text = entries[self.pos]
            if at != column or text is None:
                if at > column:
                    raise _NotSimple
                break
            match = _KEY.match(text)
            if match is None:
                raise _NotSimple
            name = match.group(1)
            if name.lower() in _SPECIAL_WORDS or name in mapping:
                raise _NotSimple
            path = (*key, name)
            rest = text[match.end() :]
            self.pos += 1
            if rest:
                self._mark(path, (line, at + match.end(), rest))
                mapping[name] = _scalar(rest)
                continue
            if self.pos == len(entries):
                raise _NotSimple  # a key with no value is null
            _, below, inner = entries[self.pos]
            if below > column or (below == column and inner is None):
                mapping[name] = self._node(path, below, depth + 1)
            else:
                raise _NotSimple
        return mapping


def _scalar(text: str) -> Any:
    """The value of a one-line scalar, as PyYAML's safe loader builds it."""
    first = text[0]
    if first in "\"'":
        if _QUOTED.fullmatch(text) is None:
            raise _NotSimple
        return text[1:-1]
    if ": " in text or text.endswith(":"):  # a colon ends a plain value before a space
        raise _NotSimple
    if _PLAIN.fullmatch(text) is not None:
        if text in _WORDS:
            return _WORDS[text]
        if text.lower() in _SPECIAL_WORDS:
            raise _NotSimple
        return text
    if _INT.fullmatch(text) is not None:
        return int(text)
    if _FLOAT.fullmatch(text) is not None:
        return float(text)
    date = _DATE.fullmatch(text)
    if date is not None:
        try:
            return datetime.date(int(date[1]), int(date[2]), int(date[3]))
        except ValueError:
            raise _NotSimple from None
    if _DIGIT_FIRST.fullmatch(text) is not None and not _NUMERIC.issuperset(text):
        return text
    if text == "~":
        return None
    raise _NotSimple
