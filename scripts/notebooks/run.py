"""Executes the notebooks headlessly with nbclient and the repo's Deno kernel.

    /usr/bin/python3 scripts/notebooks/run.py [NAME …] [--check]

Each notebook is built from its source (scripts/notebooks/sources/NAME.md), executed, and
written to notebooks/NAME.ipynb with its outputs. --check (CI) writes nothing: it executes the
sources and also fails when a committed notebook is stale (its cells differ from its source) or
lacks the outputs its source expects. A failing cell is printed with its source and its error.
Called by scripts/notebooks/run.sh, which installs the kernel first; Debian's python3-nbclient
loads only in /usr/bin/python3.
"""
from __future__ import annotations

import argparse
import re
import sys
import time
from pathlib import Path
from queue import Empty

import nbformat
from jupyter_client.kernelspec import KernelSpecManager
from jupyter_client.manager import AsyncKernelManager
from nbclient import NotebookClient
from nbclient.exceptions import CellExecutionComplete
from nbclient.util import ensure_async

sys.path.insert(0, str(Path(__file__).parent))
from notebook_source import KERNEL_NAME, build_notebook, cell_sources, read_source  # noqa: E402

ROOT = Path(__file__).resolve().parents[2]
SOURCES = ROOT / "scripts" / "notebooks" / "sources"
NOTEBOOKS = ROOT / "notebooks"
KERNELS = NOTEBOOKS / "kernels"

# Deno's kernel may publish a cell's execute_result just *after* its idle status (seen with
# deno 2.9: the result of `1 + 2` arrives a millisecond late). nbclient stops listening at idle
# and would drop it, so we keep listening this long after idle for the cell's late messages.
LATE_OUTPUT_GRACE_S = 0.25
ANSI = re.compile(r"\x1b\[[0-9;]*m")


class RepoKernelManager(AsyncKernelManager):
    """Finds the kernelspec in notebooks/kernels/ (committed), not in the user's Jupyter dirs."""

    def _kernel_spec_manager_default(self) -> KernelSpecManager:
        return KernelSpecManager(kernel_dirs=[str(KERNELS)])


class DenoNotebookClient(NotebookClient):
    async def _async_poll_output_msg(self, parent_msg_id: str, cell, cell_index: int) -> None:
        idle_seen = False
        while True:
            try:
                msg = await ensure_async(self.kc.iopub_channel.get_msg(timeout=LATE_OUTPUT_GRACE_S if idle_seen else None))
            except Empty:
                return
            if msg["parent_header"].get("msg_id") != parent_msg_id:
                continue
            try:
                self.process_message(msg, cell, cell_index)
            except CellExecutionComplete:
                idle_seen = True


def plain(text: str) -> str:
    return ANSI.sub("", text)


def failure_report(nb: nbformat.NotebookNode, error: Exception) -> str:
    """The failing cell's number, source and error output (not nbclient's whole traceback)."""
    for index, cell in enumerate(nb.cells):
        if cell.cell_type != "code":
            continue
        errors = [o for o in cell.get("outputs", []) if o.get("output_type") == "error"]
        if errors:
            out = errors[0]
            number = sum(1 for c in nb.cells[: index + 1] if c.cell_type == "code")
            source = "\n".join(f"    {line}" for line in cell.source.splitlines())
            headline = f"{out.get('ename')}: {plain(str(out.get('evalue')))}"
            lines = [plain(line) for line in out.get("traceback", [])]
            if lines and lines[0] == headline:  # Deno repeats the error's message as the trace's first line
                lines = lines[1:]
            trace = "\n".join(f"    {line}" for line in lines)
            return (
                f"  code cell {number} (cell {index + 1} of {len(nb.cells)}) failed:\n{source}\n"
                f"  {headline}\n{trace}"
            )
    return f"  {type(error).__name__}: {plain(str(error))}"


def missing_outputs(nb: nbformat.NotebookNode, expects: list[str]) -> list[str]:
    found = {mime for cell in nb.cells for out in cell.get("outputs", []) for mime in out.get("data", {})}
    return [mime for mime in expects if mime not in found]


def execute(nb: nbformat.NotebookNode, timeout: int) -> None:
    client = DenoNotebookClient(
        nb,
        kernel_name=KERNEL_NAME,
        kernel_manager_class=RepoKernelManager,
        timeout=timeout,
        startup_timeout=120,
        record_timing=False,  # no timestamps: re-running an unchanged notebook changes nothing
        resources={"metadata": {"path": str(NOTEBOOKS)}},  # the kernel's cwd: finds notebooks/deno.json
    )
    client.execute()


def run_one(source_path: Path, check: bool, timeout: int) -> tuple[bool, str]:
    source = read_source(source_path)
    nb = build_notebook(source)
    target = NOTEBOOKS / f"{source.name}.ipynb"
    problems: list[str] = []
    if check:
        if not target.exists():
            problems.append(f"  {target.relative_to(ROOT)} is not committed; run `npm run notebooks`")
        else:
            committed = nbformat.read(target, as_version=4)
            if cell_sources(committed) != cell_sources(nb):
                problems.append(f"  {target.relative_to(ROOT)} is stale (its cells differ from {source_path.relative_to(ROOT)}); run `npm run notebooks`")
            missing = missing_outputs(committed, source.expects)
            if missing:
                problems.append(f"  {target.relative_to(ROOT)} as committed lacks outputs of type {', '.join(missing)}; run `npm run notebooks`")
    try:
        execute(nb, timeout)
    except Exception as error:  # a cell raised (CellExecutionError), or the kernel died or timed out
        return False, "\n".join([failure_report(nb, error), *problems])
    missing = missing_outputs(nb, source.expects)
    if missing:
        problems.append(f"  executed, but no output of type {', '.join(missing)} (the source expects it)")
    if problems:
        return False, "\n".join(problems)
    if not check:
        nbformat.validate(nb)
        nbformat.write(nb, target)
    return True, ""


def main() -> int:
    parser = argparse.ArgumentParser(description="Execute diffscope's notebooks headlessly.")
    parser.add_argument("names", nargs="*", help="notebooks to run, e.g. 01-four-ways (default: all)")
    parser.add_argument("--check", action="store_true", help="CI: execute without writing; fail on stale committed notebooks")
    parser.add_argument("--timeout", type=int, default=300, help="seconds one cell may take (default 300)")
    args = parser.parse_args()

    sources = sorted(SOURCES.glob("*.md"))
    if args.names:
        chosen = [s for s in sources if any(s.stem == n or s.stem.startswith(n) for n in args.names)]
        unknown = [n for n in args.names if not any(s.stem == n or s.stem.startswith(n) for s in sources)]
        if unknown:
            print(f"unknown notebook(s): {', '.join(unknown)}; have: {', '.join(s.stem for s in sources)}", file=sys.stderr)
            return 2
        sources = chosen

    passed = failed = 0
    for source_path in sources:
        started = time.monotonic()
        ok, report = run_one(source_path, args.check, args.timeout)
        seconds = time.monotonic() - started
        print(f"{'ok  ' if ok else 'FAIL'} {source_path.stem} ({seconds:.1f} s)", flush=True)
        if ok:
            passed += 1
        else:
            failed += 1
            print(report, flush=True)
    print(f"notebooks: {passed} passed, {failed} failed")
    return 0 if failed == 0 else 1


if __name__ == "__main__":
    sys.exit(main())
