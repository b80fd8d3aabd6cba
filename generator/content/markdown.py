"""Markdown to HTML with cmark-gfm: CommonMark plus tables, strikethrough, footnotes and autolinks.

cmark-gfm is the C reference implementation GitHub runs; it renders a story in about 0.05 ms,
against 2.4 ms for Python-Markdown with the extensions that gave the same features (1.25 ms of
which was its typographic-quotes extension alone), so Markdown no longer dominates a build.
"""

from __future__ import annotations

import ctypes
import functools
import itertools
import re
from typing import Any

from cmarkgfm import _cmark

from generator.config import HtmlMode
from generator.errors import ContentError

_lib: Any = _cmark.lib
_ffi: Any = _cmark.ffi

# CommonMark with typographic quotes and dashes ("smart"), footnotes, and raw HTML passed
# through as written ("unsafe": sanitising is nh3's job, below, when the site asks for it).
_OPTIONS = (
    _lib.CMARK_OPT_SMART
    | _lib.CMARK_OPT_FOOTNOTES
    | _lib.CMARK_OPT_UNSAFE
    | _lib.CMARK_OPT_VALIDATE_UTF8
)
# GitHub's extensions that stories use. Not "tagfilter": it would escape an <iframe> an
# artist embeds on purpose; "sanitize" mode removes such things properly.
_EXTENSIONS = (b"table", b"strikethrough", b"autolink")


class _Memory(ctypes.Structure):
    """cmark's allocator (cmark_mem): what allocated a result is what must free it."""

    _fields_ = (
        ("calloc", ctypes.c_void_p),
        ("realloc", ctypes.c_void_p),
        ("free", ctypes.CFUNCTYPE(None, ctypes.c_void_p)),
    )


class _Cmark:
    """cmark-gfm through its C functions, freeing what each document allocates.

    cmarkgfm's own helpers leave every document's syntax tree and HTML unfreed (about 30 KB
    a story): a site of 10,000 stories, or a preview left running all day, would keep them
    all. The two functions that free them are in the same library but not in its bindings,
    so they are reached with ctypes.
    """

    def __init__(self) -> None:
        self._free_node: Any = None
        self._free: Any = None
        try:
            library = ctypes.CDLL(_cmark.__file__)
            library.cmark_node_free.argtypes = (ctypes.c_void_p,)
            library.cmark_node_free.restype = None
            library.cmark_get_default_mem_allocator.restype = ctypes.POINTER(_Memory)
            self._free_node = library.cmark_node_free
            self._free = library.cmark_get_default_mem_allocator().contents.free
        except (OSError, AttributeError):  # a build of the library that hides them
            self._free_node = self._free = None
        _lib.cmark_gfm_core_extensions_ensure_registered()
        self._extensions = [_lib.cmark_find_syntax_extension(name) for name in _EXTENSIONS]

    def to_html(self, text: str, options: int = _OPTIONS) -> str:
        if self._free_node is None or self._free is None:
            from cmarkgfm.cmark import markdown_to_html_with_extensions

            names = [name.decode() for name in _EXTENSIONS]
            html: str = markdown_to_html_with_extensions(text, options, names)
            return html  # correct, though what it allocates is not freed
        data = text.encode("utf-8", "surrogatepass")
        parser = _lib.cmark_parser_new(options)
        try:
            for extension in self._extensions:
                _lib.cmark_parser_attach_syntax_extension(parser, extension)
            _lib.cmark_parser_feed(parser, data, len(data))
            root = _lib.cmark_parser_finish(parser)
            try:
                extensions = _lib.cmark_parser_get_syntax_extensions(parser)
                raw = _lib.cmark_render_html(root, options, extensions)
                try:
                    html = _ffi.string(raw).decode("utf-8")
                finally:
                    self._free(_address(raw))
            finally:
                self._free_node(_address(root))
        finally:
            _lib.cmark_parser_free(parser)
        return html


def _address(pointer: Any) -> int:
    return int(_ffi.cast("uintptr_t", pointer))


class MarkdownRenderer:
    """Converts stories; ``mode`` is the site's ``markdown_html`` setting.

    "trust" passes HTML written in a story through as it is, "sanitize" removes anything that
    could run code in the reader's browser.
    """

    def __init__(self, mode: HtmlMode = "trust") -> None:
        self.mode: HtmlMode = mode
        self._cmark = _Cmark()

    def render(self, text: str) -> str:
        """Convert one Markdown document to an HTML fragment.

        Raises NestingTooDeep, located at its line of ``text``, when quotes, lists or HTML
        elements are nested more than MAX_NESTING deep.
        """
        html = self._cmark.to_html(text)
        if _nesting_depth(html, text) > MAX_NESTING:
            located = self._cmark.to_html(text, _OPTIONS | _lib.CMARK_OPT_SOURCEPOS)
            raise NestingTooDeep(
                f"quotes, lists or HTML elements are nested more than {MAX_NESTING} deep here",
                line=_too_deep_line(located, text),
                hint="nest fewer levels: a story that needs more than a few is a mistake "
                "(a '>' or tag repeated, say)",
            )
        if self.mode == "sanitize":
            html = _sanitize(html)
        return html


class NestingTooDeep(ContentError):
    """A story nests elements deeper than MAX_NESTING; ``line`` counts from the text's start."""


# How deep elements may nest in a story. Real stories stay within ten levels; nh3's sanitiser
# takes time that grows with the square of the depth (200 KB of nested quotes: minutes), and a
# browser flattens a tree deeper than 512 anyway. Measuring reads the HTML once, as a browser
# would split it into tags (about 0.1 ms a kilobyte), and only when it has enough tags to
# nest that deep: most stories have fewer.
MAX_NESTING = 64
_ATTRIBUTES = r"""(?:[^>"']|"[^"]*"?|'[^']*'?)*>?"""  # quoted values may hold '<' and '>'
_RAW_TEXT = "script|style|textarea|title|xmp|iframe|noembed|noframes|plaintext"
# Each alternative reads to its end, or to the end of the HTML if it is not closed (as a
# browser does), so no character is read twice: the time is linear in the length.
_TOKEN = re.compile(
    r"<!--(?:.*?-->|.*)"  # a comment
    rf"|<({_RAW_TEXT})(?![^\s/>]){_ATTRIBUTES}(?:.*?(?=</\1)|.*)"  # an element of text only
    r"|<[!?][^>]*>?|</(?![A-Za-z])[^>]*>?"  # a doctype, processing instruction or bogus tag
    rf"|<(/?)([A-Za-z][^\s/>]*){_ATTRIBUTES}",  # a start or end tag
    re.DOTALL | re.IGNORECASE,
)


def _names(text: str) -> frozenset[str]:
    return frozenset(text.split())


_VOID = _names("area base br col embed hr img input keygen link meta param source track wbr")
# Elements whose start tag ends an open one of the same kind (and, for 'p', a block's).
_SELF_ENDING = _names(
    "p li dt dd tr td th option optgroup rb rt rp rtc tbody thead tfoot colgroup caption"
)
_ENDS_P = _names(
    "address article aside blockquote details dialog div dl fieldset figcaption figure footer "
    "form h1 h2 h3 h4 h5 h6 header hgroup hr main menu nav ol p pre section table ul"
)
_CMARK_TAG = re.compile(r"<(/?)([a-z0-9]+)")
_SOURCEPOS = re.compile(r'data-sourcepos="(\d+):')
_LEAVES = _names("p h1 h2 h3 h4 h5 h6 td th")


def _nesting_depth(html: str, text: str) -> int:
    """How deep the elements of ``html``, made from ``text``, nest (reading stops a level past
    MAX_NESTING)."""
    if html.count("<") <= MAX_NESTING:  # fewer tags than levels
        return 0
    if "<" not in text:
        # No HTML in the Markdown: cmark's own HTML, where each start tag has its end tag,
        # and '<' in text and attributes is escaped. Its depth is counted four times faster.
        steps = [-1 if end else name not in _VOID for end, name in _CMARK_TAG.findall(html)]
        return max(itertools.accumulate(steps, initial=0))
    return len(_open_elements(html)[0])


def _open_elements(html: str) -> tuple[list[tuple[str, int]], int]:
    """The elements open where the nesting first passes MAX_NESTING (or at the end), each with
    where its start tag ends, and where that is."""
    stack: list[tuple[str, int]] = []
    names: list[str] = []  # the same elements' names
    for token in _TOKEN.finditer(html):
        text_only, end, name = token.groups()
        if text_only:  # holds no elements: one level, for a moment
            if len(stack) == MAX_NESTING:
                return [*stack, (text_only.lower(), token.end())], token.start()
            continue
        if not name:
            continue  # a comment or the like
        name = name.lower()
        if end:  # an end tag closes the nearest open element of its name, if any
            if name in names:
                index = len(names) - 1 - names[::-1].index(name)
                del stack[index:], names[index:]
            continue
        if name in _VOID:
            continue
        if names and (
            (name in _SELF_ENDING and names[-1] == name) or (name in _ENDS_P and names[-1] == "p")
        ):
            stack.pop()
            names.pop()
        stack.append((name, token.end()))
        names.append(name)
        if len(stack) > MAX_NESTING:
            return stack, token.start()
    return stack, len(html)


def _too_deep_line(html: str, text: str) -> int:
    """The line of ``text`` where the nesting passes MAX_NESTING, from ``html`` rendered with
    each block's source position."""
    stack, where = _open_elements(html)
    for name, start in reversed(stack):  # the innermost element that knows its line
        tag = html[html.rfind("<", 0, start) : start]
        found = _SOURCEPOS.search(tag)
        if found is not None:
            line = int(found.group(1))
            # Within a paragraph or heading, the HTML keeps the text's line breaks.
            return line + (html.count("\n", start, where) if name in _LEAVES else 0)
    # HTML written outside any block is copied as it is: the line it is on, found in the text
    # (as often before it there as in the HTML before it).
    first = html.rfind("\n", 0, where) + 1
    last = html.find("\n", where)
    written = html[first : last if last >= 0 else len(html)]
    earlier = html[:first].split("\n").count(written)
    for number, source_line in enumerate(text.splitlines(), start=1):
        if source_line == written:
            if earlier == 0:
                return number
            earlier -= 1
    return 1


def _sanitize(html: str) -> str:
    import nh3  # only sites that ask for sanitising pay for loading it

    cleaned: str = nh3.clean(
        html,
        attributes=_allowed_attributes(),
        link_rel=None,
        clean_content_tags={"script", "style"},
    )
    return cleaned


@functools.cache
def _allowed_attributes() -> dict[str, set[str]]:
    """nh3's safe defaults, plus the ids, classes and titles footnotes write. Scripts, styles,
    event handlers (onclick=…) and javascript: links are dropped."""
    import nh3

    return {
        **{tag: set(names) for tag, names in nh3.ALLOWED_ATTRIBUTES.items()},
        "*": {"id", "class", "title", "lang", "dir", "aria-label"},
    }
