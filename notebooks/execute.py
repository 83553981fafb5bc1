"""Executes notebooks headless, in order, and writes each executed notebook and its HTML rendering.

    python3 notebooks/execute.py --out DIR --kernel NAME --cell-timeout SECONDS NOTEBOOK...

A failing cell stops the run (later notebooks build on earlier ones) with exit status 1; the
notebook is still written up to and including the failing cell, so the HTML shows what went wrong.
Needs nbclient and nbconvert (Debian: python3-nbconvert), run by notebooks/run.sh.
"""
import argparse
import sys
import time
from pathlib import Path

import nbformat
from nbclient import NotebookClient
from nbclient.exceptions import CellExecutionError, CellTimeoutError, DeadKernelError
from nbconvert import HTMLExporter


def execute(path, out_dir, kernel, cell_timeout):
    """Runs one notebook in its own folder; returns the error text, or None when every cell ran."""
    notebook = nbformat.read(path, as_version=4)
    client = NotebookClient(notebook, kernel_name=kernel, timeout=cell_timeout,
                            resources={"metadata": {"path": str(path.parent)}})
    error = None
    try:
        client.execute()
    except (CellExecutionError, CellTimeoutError, DeadKernelError) as failure:
        error = str(failure)
    executed = out_dir / path.name
    nbformat.write(notebook, executed)
    html, _ = HTMLExporter().from_notebook_node(notebook, resources={"metadata": {"name": path.stem}})
    (out_dir / f"{path.stem}.html").write_text(html, encoding="utf-8")
    return error


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, required=True)
    parser.add_argument("--kernel", required=True)
    parser.add_argument("--cell-timeout", type=int, required=True)
    parser.add_argument("notebooks", type=Path, nargs="+")
    args = parser.parse_args()
    args.out.mkdir(parents=True, exist_ok=True)

    total = time.monotonic()
    for path in args.notebooks:
        started = time.monotonic()
        print(f"notebooks: executing {path} ...", flush=True)
        error = execute(path.resolve(), args.out, args.kernel, args.cell_timeout)
        seconds = time.monotonic() - started
        if error:
            print(f"notebooks: {path} failed after {seconds:.0f} s (see {args.out / path.stem}.html):\n{error}",
                  file=sys.stderr)
            return 1
        print(f"notebooks: {path} ran in {seconds:.0f} s -> {args.out / path.stem}.html", flush=True)
    print(f"notebooks: all {len(args.notebooks)} ran in {time.monotonic() - total:.0f} s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
