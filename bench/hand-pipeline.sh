#!/usr/bin/env bash
# Issue 15's end-to-end speed: a 640x480 JPEG through decode, locate, crop and classify, one photo
# at a time as `serve` handles a request (p50 target: 25 ms on 2 cores), for the full and lite hand
# models, 1 and 2 locator threads, the int8 TFLite and the DJL runtime; phone-like frames (hand
# found on the first look), close-ups filling the frame, and frames without a hand. Appends a dated
# table (machine, load average) to docs/performance.md and keeps the raw output in bench/results/.
#
# Usage: bench/hand-pipeline.sh [MODEL_DIR]   (a model trained with --hand-locator auto; default:
#                                              models/finetuned/latest)
#        FRAMES=100 RUNTIMES=tflite-int8,djl VARIANTS=full,lite THREADS=1,2 REFINEMENTS=none,full-mirrored bench/hand-pipeline.sh
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
out=bench/results/hand-pipeline-$(date -u +%Y%m%dT%H%M%SZ); mkdir -p "$out"
source bench/bench-jar.sh   # builds the product and benchmark jars outside the timed runs
source bench/serve-start.sh

model=${1:-models/finetuned/latest}
if [[ ! -f "$model/model.json" ]]; then
  echo "no model at $model: train one first (./signdigits train --hand-locator auto)" >&2
  exit 2
fi
if ! grep -q '"hand_locator" *: *"\(full\|lite\)"' "$model/model.json"; then
  echo "$model was trained without the hand locator: the benchmark frames it with the locator anyway" >&2
fi
[[ -f "$model/model-int8.tflite" ]] || ./signdigits export --model "$model" --format tflite --quantize int8

export GLIBC_TUNABLES="${GLIBC_TUNABLES:-glibc.malloc.mmap_threshold=4294967296:glibc.malloc.trim_threshold=4294967296:glibc.malloc.arena_max=1}"
export OMP_WAIT_POLICY="${OMP_WAIT_POLICY:-PASSIVE}"
export DJL_OFFLINE=true DJL_DISABLE_PROGRESS_BAR=true

load_before=$(cut -d' ' -f1-3 /proc/loadavg)
java ${JAVA_OPTS:-} -cp "$BENCH_CP" dev.signdigits.predict.HandPipelineBenchmark --model "$model" \
  --runtimes "${RUNTIMES:-tflite-int8,djl}" --variants "${VARIANTS:-full,lite}" --threads "${THREADS:-1,2}" \
  ${REFINEMENTS:+--refinements "$REFINEMENTS"} \
  --frames "${FRAMES:-100}" >"$out/table.md" 2>"$out/bench.log"

# The same frames through a running `serve` (its default runtime), one request at a time.
start_serve "$out" --model "$model"
served_runtime=$SERVED_RUNTIME
java ${JAVA_OPTS:-} -cp "$BENCH_CP" dev.signdigits.predict.HandPipelineBenchmark --model "$model" \
  --frames "${FRAMES:-100}" --serve "http://127.0.0.1:$SERVE_PORT" >"$out/serve-table.md" 2>>"$out/bench.log"
stop_serve
load_after=$(cut -d' ' -f1-3 /proc/loadavg)
{
  echo
  echo "### Hand pipeline end to end (decode, locate, crop, classify), $(date -u +%Y-%m-%d), $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs)"
  echo
  echo "Model $model; 640x480 JPEG frames, one at a time, ms; load average before $load_before, after $load_after.${BENCH_NOTE:+ $BENCH_NOTE}"
  echo
  cat "$out/table.md"
  echo
  echo "Through \`serve\` (runtime ${served_runtime:-its default}, the model's own hand model), the JPEG as the body of \`POST /api/v1/predict\`, one request at a time, round trip on loopback (ms):"
  echo
  cat "$out/serve-table.md"
} | tee "$out/section.md" >> docs/performance.md
echo "Appended to docs/performance.md; raw output in $out" >&2
