"""What the last build of an output folder was made from, kept between runs outside the output.

A build records the signature of every input (the project's content, templates, static files
and settings, the theme, and showcase itself), the key of every page, and the size and
modification time of every file it left in the output folder. The next build of the same
folder with the same options then:

- does nothing at all when no input changed and the folder is as it was left;
- otherwise renders only the pages whose keys changed and writes only the files that differ,
  so unchanged files keep their modification times (small uploads to hosts and CDNs).

A state that does not match (another output, other options, a newer showcase, a folder
changed by hand) only costs a full build; it never changes what a build writes.
"""

from __future__ import annotations

import hashlib
import json
import os
from dataclasses import dataclass, field
from pathlib import Path

from generator import __version__
from generator.layout import CONFIG_FILE, INPUT_DIRS, PACKAGE, STATIC_DIR, TEMPLATES_DIR

STATE_DIR = "build"
FORMAT = 1


@dataclass(slots=True)
class BuildState:
    """The record of one output folder's last build."""

    options: str
    inputs: str = ""
    keys: dict[str, str] = field(default_factory=dict)
    outputs: dict[str, tuple[int, int]] = field(default_factory=dict)

    def unchanged(self, other: BuildState) -> bool:
        """Whether ``other`` (this run) was made from the same inputs with the same options."""
        return self.options == other.options and self.inputs == other.inputs

    def altered(self, output: Path) -> list[str]:
        """The recorded output files that are missing or were changed since; [] if none."""
        changed = []
        for rel, signature in self.outputs.items():
            try:
                stat = os.stat(output / rel)
            except OSError:
                changed.append(rel)
                continue
            if (stat.st_size, stat.st_mtime_ns) != tuple(signature):
                changed.append(rel)
        return changed

    def record(
        self,
        output: Path,
        paths: set[str],
        earlier: dict[str, tuple[int, int]] | None = None,
        written: set[str] | None = None,
    ) -> None:
        """Take the size and modification time of ``paths`` as the build left them.

        With ``earlier`` (the last record of this folder) only ``written`` files, and those
        not recorded before, are looked at again.
        """
        earlier = earlier or {}
        written = set(paths) if written is None else written
        outputs = {}
        for rel in sorted(paths):
            if rel in earlier and rel not in written:
                outputs[rel] = earlier[rel]
                continue
            try:
                stat = os.stat(output / rel)
            except OSError:
                continue
            outputs[rel] = (stat.st_size, stat.st_mtime_ns)
        self.outputs = outputs


def state_file(cache: Path, output: Path) -> Path:
    """Where the state of ``output`` is kept: one file per output folder."""
    name = hashlib.sha256(os.fsencode(output.resolve())).hexdigest()[:16]
    return cache / STATE_DIR / f"{name}.json"


def load_state(path: Path) -> BuildState | None:
    """The saved state, or None when there is none or it cannot be read."""
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
        if data.get("format") != FORMAT:
            return None
        return BuildState(
            options=data["options"],
            inputs=data["inputs"],
            keys=dict(data["keys"]),
            outputs={k: (v[0], v[1]) for k, v in data["outputs"].items()},
        )
    except (OSError, ValueError, KeyError, TypeError, IndexError):
        return None


def save_state(path: Path, state: BuildState) -> None:
    """Write the state atomically; a project that cannot be written to just has none."""
    data = {
        "format": FORMAT,
        "options": state.options,
        "inputs": state.inputs,
        "keys": state.keys,
        "outputs": state.outputs,
    }
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        temporary = path.with_name(f".{path.name}.{os.getpid()}.tmp")
        temporary.write_text(json.dumps(data, sort_keys=True), encoding="utf-8")
        os.replace(temporary, path)
    except OSError:
        pass


def forget_state(path: Path) -> None:
    """Drop the state before changing a folder in place: a build killed halfway is redone."""
    path.unlink(missing_ok=True)


def options_digest(*options: object) -> str:
    """The build options, showcase's version, and which copy of each library that shapes output.

    A library is known by the size and modification time of its module file, which any
    install, upgrade or downgrade rewrites: reading the packages' metadata instead costs a
    noticeable part of a build that finds nothing to do.
    """
    libraries = [_module_signature(name) for name in ("jinja2", "cmarkgfm", "PIL", "minify_html")]
    return _hash(repr((FORMAT, __version__, *libraries, *options)))


def _module_signature(name: str) -> str:
    from importlib.util import find_spec

    try:
        spec = find_spec(name)
    except (ImportError, ValueError):
        spec = None
    if spec is None or not spec.origin:
        return f"{name} -"
    return f"{_file_line(name, Path(spec.origin))} {spec.origin}"


def inputs_digest(source: Path, theme: Path, *values: str) -> str:
    """A digest of the name, size and modification time of every file a build reads, and
    of ``values`` (the build's day)."""
    lines: list[str] = [*values]
    _add_tree(lines, "package", PACKAGE)  # showcase's own code and data, for development installs
    for name in INPUT_DIRS:
        _add_tree(lines, name, source / name)
    for name in (TEMPLATES_DIR, STATIC_DIR):
        _add_tree(lines, f"theme/{name}", theme / name)
    lines.append(_file_line(CONFIG_FILE, source / CONFIG_FILE))
    return _hash("\n".join(lines))


def _add_tree(lines: list[str], label: str, root: Path) -> None:
    for folder, dirs, files in os.walk(root):
        dirs[:] = sorted(d for d in dirs if not d.startswith(".") and d != "__pycache__")
        for name in sorted(files):
            rel = f"{label}/{os.path.relpath(folder, root)}/{name}"
            lines.append(_file_line(rel, Path(folder, name)))


def _file_line(label: str, path: Path) -> str:
    """``label`` with the size and modification time of ``path`` ('-' if it is missing)."""
    try:
        stat = os.stat(path)
    except OSError:
        return f"{label} -"
    return f"{label} {stat.st_size} {stat.st_mtime_ns}"


def _hash(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8", "surrogatepass")).hexdigest()
