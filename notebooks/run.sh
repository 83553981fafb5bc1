#!/usr/bin/env bash
# Checks that the committed notebooks carry no outputs, then executes every notebook headless, in
# order, with Debian's Python (/usr/bin/python3 and its python3-* packages, not a pyenv python
# earlier on PATH). Writes the executed notebooks and their HTML to target/notebooks/.
# Exit status: 0 all ran, 1 a cell failed or a notebook is not stripped, 3 Jupyter is missing.
#
#   notebooks/run.sh [NOTEBOOK...]      default: notebooks/[0-9]*.ipynb
#   NOTEBOOK_CELL_TIMEOUT=900           seconds one cell may take (default 600)
#   NOTEBOOK_PYTHON=/usr/bin/python3    the interpreter for nbconvert and the kernel
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"

PYTHON="${NOTEBOOK_PYTHON:-/usr/bin/python3}"
OUT="$ROOT/target/notebooks"
KERNEL=signdigits-python3

if ! "$PYTHON" -c 'import nbclient, nbconvert, nbformat, ipykernel, matplotlib, pandas, PIL' 2>/dev/null; then
  echo "notebooks: $PYTHON lacks Jupyter or its plotting packages: install them with" \
       "'apt-get install -y --no-install-recommends jupyter python3-nbconvert python3-ipykernel python3-matplotlib python3-pandas'." >&2
  exit 3
fi

if (($#)); then notebooks=("$@"); else notebooks=(notebooks/[0-9]*.ipynb); fi

# 1. Committed notebooks must be stripped of outputs (python3 notebooks/strip.py strips them).
"$PYTHON" notebooks/strip.py --check "${notebooks[@]}"

# 2. A kernelspec of our own under a project-controlled JUPYTER_PATH, so the kernel is this
#    interpreter whatever kernels the user or another Python installed; Jupyter's per-user
#    configuration and IPython profiles are kept out too, so a run here is a run in CI.
mkdir -p "$OUT/jupyter/kernels/$KERNEL" "$OUT/jupyter-config" "$OUT/ipython"
cat > "$OUT/jupyter/kernels/$KERNEL/kernel.json" <<EOF
{
 "argv": ["$PYTHON", "-m", "ipykernel_launcher", "-f", "{connection_file}"],
 "display_name": "signdigits notebooks ($PYTHON)",
 "language": "python"
}
EOF
export JUPYTER_PATH="$OUT/jupyter"
export JUPYTER_CONFIG_DIR="$OUT/jupyter-config"
export IPYTHONDIR="$OUT/ipython"
export PYTHONNOUSERSITE=1
export PYDEVD_DISABLE_FILE_VALIDATION=1  # silences the debugger's frozen-modules warning on kernel start

# 3. Execute; a failing cell fails the run.
exec "$PYTHON" notebooks/execute.py --out "$OUT" --kernel "$KERNEL" \
  --cell-timeout "${NOTEBOOK_CELL_TIMEOUT:-600}" "${notebooks[@]}"
