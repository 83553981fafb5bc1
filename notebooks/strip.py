#!/usr/bin/env python3
"""Strips outputs from notebooks before they are committed, or checks that they are stripped.

    python3 notebooks/strip.py [NOTEBOOK...]           strip in place (default: notebooks/*.ipynb)
    python3 notebooks/strip.py --check [NOTEBOOK...]   exit 1 naming every notebook that has outputs

Committed notebooks carry no outputs, execution counts or run metadata (timings, the version of
the Python that ran them), so their diffs show code and text only; the executed copies live in
target/notebooks/. Plain json, so any python3 runs it.
"""
import json
import sys
from pathlib import Path

# Cell metadata that executing a notebook adds (timings, scroll and collapse state).
RUN_METADATA = ("execution", "collapsed", "scrolled", "ExecuteTime")


def leftovers(notebook):
    """What executing left in the notebook, as short phrases; empty when it is stripped."""
    found = []
    for number, cell in enumerate(notebook.get("cells", []), start=1):
        if cell.get("cell_type") != "code":
            continue
        if cell.get("outputs"):
            found.append(f"outputs in cell {number}")
        if cell.get("execution_count") is not None:
            found.append(f"an execution count in cell {number}")
        if any(key in cell.get("metadata", {}) for key in RUN_METADATA):
            found.append(f"run metadata in cell {number}")
    metadata = notebook.get("metadata", {})
    if "widgets" in metadata:
        found.append("widget state")
    if set(metadata.get("language_info", {})) - {"name"}:
        found.append("the interpreter's details in language_info")
    return found


def stripped(notebook):
    for cell in notebook.get("cells", []):
        if cell.get("cell_type") == "code":
            cell["outputs"] = []
            cell["execution_count"] = None
            for key in RUN_METADATA:
                cell.get("metadata", {}).pop(key, None)
    metadata = notebook.get("metadata", {})
    metadata.pop("widgets", None)
    if "language_info" in metadata:  # the version of whichever Python ran it last: noise in a diff
        metadata["language_info"] = {"name": metadata["language_info"].get("name", "python")}
    return notebook


def write(path, notebook):
    """The layout Jupyter itself writes (indent 1, sorted keys), through a temporary file and a rename."""
    temporary = path.with_name(f".{path.name}.tmp")
    temporary.write_text(json.dumps(notebook, indent=1, sort_keys=True, ensure_ascii=False) + "\n", encoding="utf-8")
    temporary.replace(path)


def main(arguments):
    check = "--check" in arguments
    paths = [Path(a) for a in arguments if a != "--check"] or sorted(Path(__file__).parent.glob("*.ipynb"))
    dirty = 0
    for path in paths:
        try:
            notebook = json.loads(path.read_text(encoding="utf-8"))
        except (OSError, ValueError) as error:
            print(f"{path}: cannot be read as a notebook ({error}).", file=sys.stderr)
            return 2
        found = leftovers(notebook)
        if not found:
            continue
        if check:
            dirty += 1
            print(f"{path} is not stripped ({', '.join(found[:3])}{', ...' if len(found) > 3 else ''}): "
                  f"run 'python3 notebooks/strip.py {path}' and commit the result.", file=sys.stderr)
        else:
            write(path, stripped(notebook))
            print(f"stripped {path}")
    return 1 if dirty else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
