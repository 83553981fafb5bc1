#!/usr/bin/env bash
# Inference speed of every runtime on one model: single-image latency (p50, p99) and batch-32
# throughput for djl, tflite (float32), tflite-int8 and onnx, medians of 3 runs. Exports the model
# first where an export is missing. Appends a dated table (with machine and load average) to
# docs/performance.md and keeps the raw output in bench/results/.
#
# Usage: bench/runtimes.sh [MODEL_DIR]   (default: models/finetuned/latest; when there is none, a
#                                          quick 224x224 model is trained into bench/results/models)
#        THREADS=1 bench/runtimes.sh     (threads per inference call; default: all cores)
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
out=bench/results/runtimes-$(date -u +%Y%m%dT%H%M%SZ); mkdir -p "$out"
source bench/bench-jar.sh   # builds the product and benchmark jars outside the timed runs

model=${1:-models/finetuned/latest}
if [[ ! -f "$model/model.json" ]]; then
  echo "no model at $model: training a quick 224x224 one (1.0 width, 3 epochs) for the benchmark" >&2
  ./signdigits data fetch >/dev/null
  ./signdigits train --models-dir bench/results/models --epochs 3 --learning-rate 0.003 --augment-copies 1 \
    >"$out/train.out" 2>"$out/train.log"
  model=bench/results/models/finetuned/latest
fi
[[ -f "$model/model.tflite" ]] || ./signdigits export --model "$model" --format tflite
[[ -f "$model/model-int8.tflite" ]] || ./signdigits export --model "$model" --format tflite --quantize int8
[[ -f "$model/model.onnx" ]] || ./signdigits export --model "$model" --format onnx

# Same native settings as the launcher; idle OpenMP threads sleep (the machine may be shared).
export GLIBC_TUNABLES="${GLIBC_TUNABLES:-glibc.malloc.mmap_threshold=4294967296:glibc.malloc.trim_threshold=4294967296:glibc.malloc.arena_max=1}"
export OMP_WAIT_POLICY="${OMP_WAIT_POLICY:-PASSIVE}"
export DJL_OFFLINE=true DJL_DISABLE_PROGRESS_BAR=true

load_before=$(cut -d' ' -f1-3 /proc/loadavg)
java ${JAVA_OPTS:-} -cp "$BENCH_CP" dev.signdigits.predict.RuntimeBenchmark \
  --model "$model" --runtimes djl,tflite,tflite-int8,onnx --threads "${THREADS:-0}" --runs 3 \
  >"$out/table.md" 2>"$out/bench.log"
load_after=$(cut -d' ' -f1-3 /proc/loadavg)

spec=$(python3 -c "import json,sys; m=json.load(open('$model/model.json')); print(f\"{m['architecture']} {m['width']} {m['inputSize']}x{m['inputSize']}\")" 2>/dev/null || echo "$model")
sizes=$(for f in model.tflite model-int8.tflite model.onnx; do printf '%s %s KB\n' "$f" $(( $(stat -c %s "$model/$f") / 1024 )); done | paste -sd, - | sed 's/,/, /g')
{
  echo
  echo "### Inference runtimes, $(date -u +%Y-%m-%d), $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs)"
  echo
  echo "Model $spec ($sizes); threads per call: ${THREADS:-all cores}; load average before $load_before, after $load_after.${BENCH_NOTE:+ $BENCH_NOTE}"
  echo
  cat "$out/table.md"
} | tee "$out/section.md" >> docs/performance.md
echo "Appended to docs/performance.md; raw output in $out" >&2
