#!/usr/bin/env bash
# Needs: apt-get install -y --no-install-recommends python3-torch python3-torchvision python3-pil python3-numpy libtcmalloc-minimal4
#
# Java (signdigits: DJL + PyTorch, and its ONNX/TFLite serving runtimes) against PyTorch in Python
# (Debian python3-torch, /usr/bin/python3) on the same MobileNet v1 with the same weights (checked:
# same logits), same photos, same work, run alternately in one go (Java, Python, Java, Python, ...):
#   (a)  one training epoch over the train split at 160 px, last 28 layers trained, frozen trunk run
#        every step, JPEG decoding and augmentation in the loop, batch 32, batch norm statistics frozen;
#   (a') the same split into signdigits' cached path: feature extraction pass, then one cached epoch;
#   (b)  one epoch with every layer trained at 224 px;
#   (c)  inference at 224 and 160 px: batch-1 latency p50 and batch-32 throughput.
# Prints the table of medians with the Java/Python ratio per row, keeps raw results in
# bench/results/peer-<timestamp>/ and appends the dated table to docs/performance.md.
#
# Usage: bench/run-peer.sh                  (PAIRS=3; about 15 minutes on 2 idle cores)
#        PAIRS=1 SMALL=1 bench/run-peer.sh  (smoke test: 96 photos, fewer inference calls; not appended)
# Each side runs with its best measured settings (docs/performance.md); override with
#   JAVA_ENV="OMP_WAIT_POLICY=PASSIVE ..."  PY_ENV="..."  PY_TRAIN_ARGS="--workers 1 --channels-last"
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

PY=/usr/bin/python3
TCMALLOC=/usr/lib/x86_64-linux-gnu/libtcmalloc_minimal.so.4
if ! "$PY" -c 'import torch, torchvision, PIL, numpy' 2>/dev/null || [[ ! -r "$TCMALLOC" ]]; then
  echo "run-peer: needs python3-torch, python3-torchvision, python3-pil, python3-numpy (for $PY) and libtcmalloc-minimal4;" >&2
  echo "run-peer: install them with the apt-get line at the top of $0" >&2
  exit 3
fi

PAIRS=${PAIRS:-3}
SMALL=${SMALL:-0}
if [[ "$SMALL" == 1 ]]; then photos=96; single=30; batches=2; else photos=0; single=200; batches=8; fi
out=bench/results/peer-$(date -u +%Y%m%dT%H%M%SZ)
mkdir -p "$out"

source bench/bench-jar.sh                  # builds the product and benchmark jars outside the timed runs
./signdigits data fetch >/dev/null
[[ -f data/processed/split.csv ]] || ./signdigits data split >/dev/null

TUNED_GLIBC=glibc.malloc.mmap_threshold=4294967296:glibc.malloc.trim_threshold=4294967296:glibc.malloc.arena_max=1
# Java: what the launcher sets (tcmalloc, bounded heap), OpenMP threads sleep when idle.
JAVA_ENV=${JAVA_ENV:-"LD_PRELOAD=$TCMALLOC OMP_WAIT_POLICY=PASSIVE"}
# Python: its best measured settings (see docs/performance.md, "PyTorch-Python peer").
PY_ENV=${PY_ENV:-"LD_PRELOAD=$TCMALLOC PEER_ALLOCATOR=tcmalloc OMP_WAIT_POLICY=PASSIVE"}
PY_TRAIN_ARGS=${PY_TRAIN_ARGS:-"--workers 0"}
PY_INFER_MODES=${PY_INFER_MODES:-"eager channels-last jit"}

java_side() { env DJL_OFFLINE=true DJL_DISABLE_PROGRESS_BAR=true $JAVA_ENV java -Xmx2g -XX:MinHeapFreeRatio=10 \
  -XX:MaxHeapFreeRatio=30 ${JAVA_OPTS:-} -cp "$BENCH_CP" dev.signdigits.train.PeerBenchmark "$@"; }
python_side() { env $PY_ENV "$PY" bench/peer/peer.py "$@" --peer "$out/peer"; }
record() { # label, command...
  local label=$1; shift
  echo "run-peer: $label" >&2
  "$@" >>"$out/results.jsonl" 2>>"$out/$label.log" || { echo "run-peer: $label failed, see $out/$label.log" >&2; exit 1; }
}

load_before=$(cut -d' ' -f1-3 /proc/loadavg)
java_side prepare --out "$out/peer" --sizes 224,160 >"$out/prepare.out" 2>"$out/prepare.log"
python_side check | tee "$out/check.jsonl"

for pair in $(seq 1 "$PAIRS"); do
  record "java-train-frozen-$pair"  java_side train --row frozen --input-size 160 --photos $photos
  record "python-train-frozen-$pair" python_side train --row frozen --input-size 160 --photos $photos $PY_TRAIN_ARGS
  record "python-train-cached-$pair" python_side train --row cached --input-size 160 --photos $photos $PY_TRAIN_ARGS
  record "java-train-full-$pair"    java_side train --row full --input-size 224 --photos $photos
  record "python-train-full-$pair"  python_side train --row full --input-size 224 --photos $photos $PY_TRAIN_ARGS
  for size in 224 160; do
    record "java-infer-$size-$pair" java_side infer --model "$out/peer/model-$size" --runtimes djl,onnx,tflite \
      --single $single --batches $batches
    for mode in $PY_INFER_MODES; do
      record "python-infer-$size-$mode-$pair" python_side infer --input-size $size --mode "$mode" \
        --single $single --batches $batches
    done
  done
done
# Profile of the djl runtime (where its inference time goes, op kind by op kind), after the pairs.
for size in 224 160; do
  for batch in 1 32; do
    record "java-profile-$size-$batch" java_side profile --model "$out/peer/model-$size" --batch $batch \
      --calls $((batch == 1 ? single : batches * 4))
  done
done
load_after=$(cut -d' ' -f1-3 /proc/loadavg)

"$PY" bench/peer/table.py "$out/results.jsonl" >"$out/table.md"
{
  echo
  echo "### PyTorch-Python peer, $(date -u +%Y-%m-%d), $(nproc) cores, $(lscpu | sed -n 's/^Model name: *//p' | head -1)"
  echo
  echo "\`bench/run-peer.sh\`, PAIRS=$PAIRS$([[ "$SMALL" == 1 ]] && echo ", SMALL=1 (96 photos)"); $(java -version 2>&1 | head -1 | tr -d '"'), DJL 0.36.0 + PyTorch 2.7.1 vs PyTorch $("$PY" -c 'import torch; print(torch.__version__)') (Debian); Java env: \`$JAVA_ENV\`; Python env: \`$PY_ENV\`, train args \`$PY_TRAIN_ARGS\`; load average before $load_before, after $load_after."
  echo
  cat "$out/table.md"
} >"$out/section.md"
cat "$out/section.md"
if [[ "$SMALL" == 1 ]]; then
  echo "run-peer: SMALL=1 is a smoke test: not appended to docs/performance.md; raw results in $out" >&2
else
  cat "$out/section.md" >>docs/performance.md
  echo "run-peer: appended to docs/performance.md; raw results in $out" >&2
fi
