#!/usr/bin/env bash
# Batch prediction throughput: the Spark job (`signdigits batch`) on local[W] against the same work
# in one plain Java process (same photos, model, runtime, decoder, partitions, batch size and W
# threads; see dev.signdigits.spark.BatchBenchmark), alternated run by run. Replicates the mirror
# dataset to N photos, reports medians and the Spark/single ratio, appends a dated section to
# docs/performance.md (machine, load average) and keeps the raw lines in bench/results/.
#
# Usage: bench/batch.sh [MODEL_FILE]   (an exported .tflite or .onnx file; default:
#                                        models/finetuned/latest/model-int8.tflite, exported if missing)
#        N=20000 RUNS=3 WORKERS=2 PARTITION_SIZE=1000 bench/batch.sh   (the defaults; WORKERS: all cores)
#        N=2000 RUNS=1 RECORD=0 bench/batch.sh                         (smoke test: docs left alone)
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

# The photos: the dataset copied as many times as needed, then trimmed to exactly N (kept for reruns).
data=data/raw/sign-language-digits
[[ -d "$data/0" ]] || data=../shared/datasets/sign-language-digits
images=bench/results/batch-images-$N
if [[ $(find "$images" -type f 2>/dev/null | wc -l) -ne $N ]]; then
  echo "replicating $data to $N photos in $images" >&2
  rm -rf "$images"
  per_copy=$(find "$data"/[0-9] -type f | wc -l)
  for ((copy = 0; copy < (N + per_copy - 1) / per_copy; copy++)); do
    mkdir -p "$images/copy$copy"
    cp -r "$data"/[0-9] "$images/copy$copy/"
  done
  find "$images" -type f | sort | tail -n +$((N + 1)) | xargs -r rm -f
fi

# Same native settings as the launcher.
TCMALLOC=/usr/lib/x86_64-linux-gnu/libtcmalloc_minimal.so.4
if [[ -r "$TCMALLOC" ]]; then export LD_PRELOAD="$TCMALLOC${LD_PRELOAD:+:$LD_PRELOAD}"; fi
export GLIBC_TUNABLES="${GLIBC_TUNABLES:-glibc.malloc.mmap_threshold=4294967296:glibc.malloc.trim_threshold=4294967296:glibc.malloc.arena_max=1}"
run() { # mode: one timed run, one line "mode photos failed seconds job_seconds" into runs.txt
  java -Xmx2g ${JAVA_OPTS:-} @spark/jvm.args -cp "spark/target/signdigits-spark.jar:spark/target/lib/*" \
    dev.signdigits.spark.BatchBenchmark "$1" --model "$model" --input "$images" --output "$out/$1-output" \
    --workers "$WORKERS" --partition-size "$PARTITION_SIZE" 2>>"$out/$1.log" | tee -a "$out/runs.txt"
}
load_before=$(cut -d' ' -f1-3 /proc/loadavg)
for ((i = 1; i <= RUNS; i++)); do
  if ((i % 2)); then run single; run spark; else run spark; run single; fi
done
load_after=$(cut -d' ' -f1-3 /proc/loadavg)

if awk -v n="$N" '$2 != n || $3 != 0 { bad = 1 } END { exit !bad }' "$out/runs.txt"; then
  echo "a run did not predict exactly $N photos without errors: see $out/runs.txt and the logs" >&2
  exit 1
fi
median() { # column of runs.txt for one mode
  awk -v m="$1" -v c="$2" '$1 == m { print $c }' "$out/runs.txt" | sort -n |
    awk '{ v[NR] = $1 } END { print (NR % 2 ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2) }'
}
single=$(median single 4)
spark_job=$(median spark 5)
spark_total=$(median spark 4)
rate() { awk -v n="$N" -v s="$1" 'BEGIN { printf "%.0f", n / s }'; }
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
} | tee "$out/section.md"
if [[ "${RECORD:-1}" == 1 ]]; then
  cat "$out/section.md" >> docs/performance.md
  echo "Appended to docs/performance.md; raw runs in $out" >&2
else
  echo "RECORD=0: docs/performance.md left alone; raw runs in $out" >&2
fi
