#!/usr/bin/env bash
# Batch prediction throughput: the Spark job (`signdigits batch`) on local[W] against the same work
# in one plain Java process (same photos, model, runtime, decoder, partitions, batch size and W
# threads; see dev.signdigits.spark.BatchBenchmark), alternated run by run. Replicates the mirror
# dataset to N photos, reports medians and the Spark/single ratio, appends a dated section to
# docs/performance.md (machine, load average) and keeps the raw lines in bench/results/.
#
# With HAND_MODEL (an exported file of a model trained with --hand-locator: batch then runs the
# locator on every photo), it also measures throughput with the locator on and off: that model and
# MODEL_FILE, alternated the same way over HAND_N photos (default 2000: locating costs ~25 ms a
# photo per core), reported in a second table.
#
# Usage: bench/batch.sh [MODEL_FILE]   (an exported .tflite or .onnx file; default:
#                                        models/finetuned/latest/model-int8.tflite, exported if missing)
#        N=20000 RUNS=3 WORKERS=2 PARTITION_SIZE=1000 bench/batch.sh   (the defaults; WORKERS: all cores)
#        N=2000 RUNS=1 RECORD=0 bench/batch.sh                         (smoke test: docs left alone)
#        HAND_MODEL=models/finetuned/<hand-run>/model-int8.tflite HAND_N=2000 bench/batch.sh   (+ locator on/off)
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
N=${N:-20000}
RUNS=${RUNS:-3}
WORKERS=${WORKERS:-$(nproc)}
PARTITION_SIZE=${PARTITION_SIZE:-1000}
out=bench/results/batch-$(date -u +%Y%m%dT%H%M%SZ)
mkdir -p "$out"
./signdigits batch --help >/dev/null   # builds the jars, Spark module included, outside the timed runs

model=${1:-models/finetuned/latest/model-int8.tflite}
if [[ ! -f "$model" && -z "${1:-}" ]]; then
  [[ -f models/finetuned/latest/model.json ]] || { echo "no model: train one (./signdigits train) or pass an exported file" >&2; exit 2; }
  ./signdigits export --model models/finetuned/latest --format tflite --quantize int8 >"$out/export.out"
fi
[[ -f "$model" ]] || { echo "no model file $model: pass an exported .tflite or .onnx file" >&2; exit 2; }

hand_model=${HAND_MODEL:-}
HAND_N=${HAND_N:-2000}
if [[ -n "$hand_model" && ! -f "$hand_model" ]]; then
  echo "no model file $hand_model: pass HAND_MODEL as an exported .tflite or .onnx file" >&2; exit 2
fi

# The photos: the dataset copied as many times as needed, then trimmed to exactly N (kept for reruns).
data=data/raw/sign-language-digits
[[ -d "$data/0" ]] || data=../shared/datasets/sign-language-digits
replicate() { # photo count: prints the folder holding exactly that many photos
  local n=$1 dir=bench/results/batch-images-$1
  if [[ $(find "$dir" -type f 2>/dev/null | wc -l) -ne $n ]]; then
    echo "replicating $data to $n photos in $dir" >&2
    rm -rf "$dir"
    local per_copy copy
    per_copy=$(find "$data"/[0-9] -type f | wc -l)
    for ((copy = 0; copy < (n + per_copy - 1) / per_copy; copy++)); do
      mkdir -p "$dir/copy$copy"
      cp -r "$data"/[0-9] "$dir/copy$copy/"
    done
    find "$dir" -type f | sort | tail -n +$((n + 1)) | xargs -r rm -f
  fi
  echo "$dir"
}
images=$(replicate "$N")

# Same native settings as the launcher.
TCMALLOC=/usr/lib/x86_64-linux-gnu/libtcmalloc_minimal.so.4
if [[ -r "$TCMALLOC" ]]; then export LD_PRELOAD="$TCMALLOC${LD_PRELOAD:+:$LD_PRELOAD}"; fi
export GLIBC_TUNABLES="${GLIBC_TUNABLES:-glibc.malloc.mmap_threshold=4294967296:glibc.malloc.trim_threshold=4294967296:glibc.malloc.arena_max=1}"
run() { # mode model photos runs-file: one timed run, one line
      # "mode photos failed seconds job_seconds hand_locator no_hand" into the runs file
  java -Xmx2g ${JAVA_OPTS:-} @spark/jvm.args -cp "spark/target/signdigits-spark.jar:spark/target/lib/*" \
    dev.signdigits.spark.BatchBenchmark "$1" --model "$2" --input "$3" --output "$out/$1-output" \
    --workers "$WORKERS" --partition-size "$PARTITION_SIZE" 2>>"$out/$1.log" | tee -a "$4"
}
alternate() { # model photos runs-file: RUNS alternated single/spark pairs
  local i
  for ((i = 1; i <= RUNS; i++)); do
    if ((i % 2)); then run single "$@"; run spark "$@"; else run spark "$@"; run single "$@"; fi
  done
}
check() { # runs-file photo-count
  if awk -v n="$2" '$2 != n || $3 != 0 { bad = 1 } END { exit !bad }' "$1"; then
    echo "a run did not predict exactly $2 photos without errors: see $1 and the logs" >&2
    exit 1
  fi
}
load_before=$(cut -d' ' -f1-3 /proc/loadavg)
alternate "$model" "$images" "$out/runs.txt"
if [[ -n "$hand_model" ]]; then
  hand_images=$(replicate "$HAND_N")
  if [[ "$HAND_N" != "$N" ]]; then alternate "$model" "$hand_images" "$out/runs-off-$HAND_N.txt"; fi
  alternate "$hand_model" "$hand_images" "$out/runs-hand.txt"
fi
load_after=$(cut -d' ' -f1-3 /proc/loadavg)

check "$out/runs.txt" "$N"
off_runs=$out/runs.txt
if [[ -n "$hand_model" ]]; then
  check "$out/runs-hand.txt" "$HAND_N"
  if [[ "$HAND_N" != "$N" ]]; then off_runs=$out/runs-off-$HAND_N.txt; check "$off_runs" "$HAND_N"; fi
fi
median() { # mode column [runs-file]
  awk -v m="$1" -v c="$2" '$1 == m { print $c }' "${3:-$out/runs.txt}" | sort -n |
    awk '{ v[NR] = $1 } END { print (NR % 2 ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2) }'
}
single=$(median single 4)
spark_job=$(median spark 5)
spark_total=$(median spark 4)
rate() { awk -v n="${2:-$N}" -v s="$1" 'BEGIN { printf "%.0f", n / s }'; }
percent() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.0f%%", 100 * a / b }'; }
{
  echo
  echo "### Batch prediction, $(date -u +%Y-%m-%d), $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs)"
  echo
  echo "Model $(basename "$model") ($(( $(stat -c %s "$model") / 1024 )) KB), $N photos (the mirror dataset replicated),"
  echo "$WORKERS worker threads / local[$WORKERS], partitions of up to $PARTITION_SIZE photos, median of $RUNS alternated runs;"
  echo "load average before $load_before, after $load_after.${BENCH_NOTE:+ $BENCH_NOTE}"
  echo
  echo "| how | seconds | photos/s | vs single process |"
  echo "| --- | --- | --- | --- |"
  echo "| single process, $WORKERS threads (list, decode, predict, write) | $single | $(rate "$single") | 100% |"
  echo "| Spark local[$WORKERS], job (list, decode, predict, write Parquet, commit) | $spark_job | $(rate "$spark_job") | $(percent "$single" "$spark_job") |"
  echo "| Spark local[$WORKERS], with session start and stop | $spark_total | $(rate "$spark_total") | $(percent "$single" "$spark_total") |"
  if [[ -n "$hand_model" ]]; then
    echo
    echo "Hand locator on and off: $(basename "$hand_model") (trained with the locator: $(awk '{ print $6; exit }' "$out/runs-hand.txt"),"
    echo "$(awk '$1 == "spark" { print $7; exit }' "$out/runs-hand.txt") of $HAND_N photos without a hand) against $(basename "$model") (whole photos),"
    echo "$HAND_N photos, median of $RUNS alternated runs each:"
    echo
    echo "| model | single process s | photos/s | Spark job s | photos/s | Spark with session s | photos/s |"
    echo "| --- | --- | --- | --- | --- | --- | --- |"
    for f in "$off_runs" "$out/runs-hand.txt"; do
      s1=$(median single 4 "$f"); sj=$(median spark 5 "$f"); st=$(median spark 4 "$f")
      echo "| locator $(awk '{ print $6; exit }' "$f") | $s1 | $(rate "$s1" "$HAND_N") | $sj | $(rate "$sj" "$HAND_N") | $st | $(rate "$st" "$HAND_N") |"
    done
  fi
} | tee "$out/section.md"
if [[ "${RECORD:-1}" == 1 ]]; then
  cat "$out/section.md" >> docs/performance.md
  echo "Appended to docs/performance.md; raw runs in $out" >&2
else
  echo "RECORD=0: docs/performance.md left alone; raw runs in $out" >&2
fi
