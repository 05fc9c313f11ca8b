"""Builds a notebook from its source: Markdown with ```ts fences.

The sources in scripts/notebooks/sources/ are what we edit and review; the .ipynb files in
notebooks/ are generated from them and executed (so they carry their outputs). Format:

    ---
    expects: image/svg+xml          (mime types the executed outputs must contain; optional)
    ---
    # Title and prose (a Markdown cell)

    ```ts
    // a code cell
    ```

Every ```ts fence is a code cell; the prose between fences is one Markdown cell, and a line
holding only `+++` splits prose into two cells. Other fences (```text, ```math) stay prose.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

import nbformat

KERNEL_NAME = "diffscope-deno"
KERNELSPEC = {"name": KERNEL_NAME, "display_name": "Deno (diffscope)", "language": "typescript"}
LANGUAGE_INFO = {
    "name": "typescript",
    "file_extension": ".ts",
    "mimetype": "text/x.typescript",
    "codemirror_mode": "typescript",
}

CODE_FENCE = re.compile(r"^```(ts|typescript)\s*$")
FENCE_END = re.compile(r"^```\s*$")


@dataclass
class NotebookSource:
    name: str
    expects: list[str] = field(default_factory=list)
    cells: list[tuple[str, str]] = field(default_factory=list)  # (kind, text)


def read_source(path: Path) -> NotebookSource:
    lines = path.read_text(encoding="utf-8").splitlines()
    source = NotebookSource(name=path.stem)
    if lines and lines[0].strip() == "---":
        end = lines.index("---", 1)
        for line in lines[1:end]:
            key, _, value = line.partition(":")
            if key.strip() == "expects":
                source.expects = [v.strip() for v in value.split(",") if v.strip()]
            elif key.strip():
                raise ValueError(f"{path}: unknown front-matter key {key.strip()!r}")
        lines = lines[end + 1:]

    prose: list[str] = []

    def flush_prose() -> None:
        text = "\n".join(prose).strip("\n")
        if text.strip():
            source.cells.append(("markdown", text))
        prose.clear()

    i = 0
    while i < len(lines):
        line = lines[i]
        if CODE_FENCE.match(line):
            flush_prose()
            j = i + 1
            while j < len(lines) and not FENCE_END.match(lines[j]):
                j += 1
            if j == len(lines):
                raise ValueError(f"{path}:{i + 1}: code fence never closed")
            source.cells.append(("code", "\n".join(lines[i + 1:j]).strip("\n")))
            i = j + 1
            continue
        if line.strip() == "+++":
            flush_prose()
        elif line.startswith("```"):  # a fence that is not code: copy it whole, so its lines are not parsed
            j = i + 1
            while j < len(lines) and not FENCE_END.match(lines[j]):
                j += 1
            prose.extend(lines[i:j + 1])
            i = j + 1
            continue
        else:
            prose.append(line)
        i += 1
    flush_prose()
    return source


def build_notebook(source: NotebookSource) -> nbformat.NotebookNode:
    """A fresh notebook (no outputs) with stable cell ids, so regenerated files diff cleanly."""
    nb = nbformat.v4.new_notebook()
    nb.metadata["kernelspec"] = dict(KERNELSPEC)
    nb.metadata["language_info"] = dict(LANGUAGE_INFO)
    if source.expects:
        nb.metadata["diffscope"] = {"expects": source.expects}
    for index, (kind, text) in enumerate(source.cells):
        make = nbformat.v4.new_code_cell if kind == "code" else nbformat.v4.new_markdown_cell
        nb.cells.append(make(text, id=f"{source.name}-{index:02d}"))
    return nb


def cell_sources(nb: nbformat.NotebookNode) -> list[tuple[str, str]]:
    return [(cell.cell_type, cell.source) for cell in nb.cells]
