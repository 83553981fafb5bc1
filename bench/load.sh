#!/usr/bin/env bash
# Load benchmark of `signdigits serve` (issue #5): wrk posts real 100x100 JPEGs from the dataset as
# raw image/jpeg bodies to /api/v1/predict over 16 connections, then the same runtime is measured
# in-process (decode + predict, same micro-batch size, no HTTP) and the two are compared.
#
#   1. starts `signdigits serve` on a free port with the model (default models/finetuned/latest) and
#      the runtime (default: serve's default, auto), settings from SIGNDIGITS_* as for serve itself;
#   2. a wrk warm-up until the server has answered WARMUP requests, then one wrk run until it has
#      answered TOTAL, with RSS sampled when it has answered FIRST and TOTAL (the script polls the
#      server's own request count and stops wrk with SIGINT); throughput and p50/p99 latency come
#      from that run, the mean micro-batch size from the server's metrics between FIRST and TOTAL;
#      non-2xx and failed requests are counted by wrk and by the server's /metrics;
#   3. stops the server (SIGTERM) and runs dev.signdigits.web.InProcessThroughput with the runtime
#      the server used, its --workers and --threads, and --batch = the server's mean micro-batch;
#   4. prints the table, keeps the raw output in bench/results/, appends a dated section with
#      machine and load average to docs/performance.md (APPEND=0 to skip).
#
# wrk runs on the same cores as the server (this is a 2-core machine): its own CPU time is part of
# the server's overhead here. WRK_CPUS / SERVER_CPUS pin them with taskset (e.g. WRK_CPUS=1).
#
# Usage: bench/load.sh [MODEL_DIR]
#   RUNTIME=auto|djl|tflite|tflite-int8|onnx  CONNECTIONS=16  WARMUP=2000  FIRST=10000  TOTAL=100000
#   IN_PROCESS_SECONDS=30  PHOTOS=40  APPEND=1  WRK_CPUS=  SERVER_CPUS=
#   smoke test: WARMUP=300 FIRST=1000 TOTAL=3000 IN_PROCESS_SECONDS=5 APPEND=0 bench/load.sh
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

model=${1:-models/finetuned/latest}
RUNTIME=${RUNTIME:-auto}
CONNECTIONS=${CONNECTIONS:-16}
WARMUP=${WARMUP:-2000}
FIRST=${FIRST:-10000}
TOTAL=${TOTAL:-100000}
IN_PROCESS_SECONDS=${IN_PROCESS_SECONDS:-30}
PHOTOS=${PHOTOS:-40}
APPEND=${APPEND:-1}

# Idle OpenMP threads sleep, as in the container image: spinning ones starve the decoding threads
# (DJL only; measured 1.8x slower decode + predict with spinning on 2 cores).
export OMP_WAIT_POLICY=${OMP_WAIT_POLICY:-PASSIVE}

command -v wrk >/dev/null || { echo "wrk is not installed: apt-get install wrk" >&2; exit 3; }
[[ -f "$model/model.json" ]] || { echo "no model at $model: run ./signdigits train first, or pass a model directory" >&2; exit 2; }
(( WARMUP < FIRST && FIRST < TOTAL )) || { echo "need WARMUP < FIRST < TOTAL (got $WARMUP, $FIRST, $TOTAL)" >&2; exit 2; }
out=bench/results/load-$(date -u +%Y%m%dT%H%M%SZ); mkdir -p "$out"
source bench/bench-jar.sh   # builds the product and benchmark jars outside the timed runs

# The serve settings in effect (flags > SIGNDIGITS_* > .env > defaults), for the report and the in-process run.
setting() { java -jar target/signdigits.jar config 2>/dev/null | awk -v k="SIGNDIGITS_$1" '$1 == k { print $2 }'; }
max_batch=$(setting MAX_BATCH); max_delay=$(setting MAX_DELAY_MS); workers=$(setting WORKERS); threads=$(setting THREADS)

# Real photos: 100x100 JPEGs spread over the ten digit folders.
data=data/raw/sign-language-digits; [[ -d "$data" ]] || data=../shared/datasets/sign-language-digits
mapfile -t all < <(find "$data" -name '*.JPG' -size -64k | sort | while read -r f; do
  file "$f" | grep -q ', 100x100,' && echo "$f"; done)
(( ${#all[@]} >= PHOTOS )) || { echo "found only ${#all[@]} 100x100 JPEGs under $data" >&2; exit 2; }
photos=(); step=$(( ${#all[@]} / PHOTOS )); for (( i = 0; i < PHOTOS; i++ )); do photos+=("${all[$(( i * step ))]}"); done

server_pin=(); [[ -n "${SERVER_CPUS:-}" ]] && server_pin=(taskset -c "$SERVER_CPUS")
wrk_pin=(); [[ -n "${WRK_CPUS:-}" ]] && wrk_pin=(taskset -c "$WRK_CPUS")

load_before=$(cut -d' ' -f1-3 /proc/loadavg)
# A simple command in the background: $! is the server JVM itself (taskset and the launcher exec it).
"${server_pin[@]}" ./signdigits serve --model "$model" --runtime "$RUNTIME" --port 0 --watch-interval-ms 0 \
  >"$out/serve.out" 2>"$out/serve.log" &
server=$!
stop_server() { kill -TERM "$server" 2>/dev/null && wait "$server" 2>/dev/null || true; }
trap stop_server EXIT
for (( i = 0; i < 240; i++ )); do
  port=$(sed -n 's|^Serving on http://127\.0\.0\.1:\([0-9]*\)/.*|\1|p' "$out/serve.out")
  [[ -n "$port" ]] && break
  kill -0 "$server" 2>/dev/null || { echo "serve exited:" >&2; cat "$out/serve.out" "$out/serve.log" >&2; exit 1; }
  sleep 0.5
done
[[ -n "$port" ]] || { echo "serve did not start within 2 minutes" >&2; exit 1; }
url=http://127.0.0.1:$port
served_runtime=$(sed -n 's/^Loaded model [^ ]* (\([^)]*\)).*/\1/p' "$out/serve.out")
selection=$(sed -n 's/^Runtime \(.*\)\.$/\1/p' "$out/serve.out")

answered() { curl -fsS "$url/metrics" | awk 'index($0, "signdigits_http_requests_seconds_count{") == 1 &&
  index($0, "route=\"/api/v1/predict\"") { sum += $NF } END { printf "%.0f\n", sum }'; }
refused() { curl -fsS "$url/metrics" | awk 'index($0, "signdigits_http_requests_seconds_count{") == 1 &&
  index($0, "route=\"/api/v1/predict\"") && !index($0, "status=\"2") { sum += $NF } END { printf "%.0f\n", sum }'; }
batches() { curl -fsS "$url/metrics" | awk '/^signdigits_batch_size_images_sum / { s = $2 } /^signdigits_batch_size_images_count / { n = $2 }
  END { printf "%.0f %.0f\n", s, n }'; }   # images and batches, from one reading
rss_mb() { awk '/^VmRSS/ { printf "%.0f\n", $2 / 1024 }' "/proc/$server/status"; }
start_wrk() { # phase-name: runs until stopped
  "${wrk_pin[@]}" wrk -t1 -c"$CONNECTIONS" -d1h --timeout 10s --latency -s bench/load.lua "$url" -- "${photos[@]}" \
    >"$out/wrk-$1.txt" 2>&1 &
  wrk_pid=$!
}
stop_wrk() { kill -INT "$wrk_pid"; wait "$wrk_pid" || true; }   # not in a subshell: wait needs its parent
summary() { sed -n 's/^LOADJSON //p' "$out/wrk-$1.txt"; }
await_answered() { # count: polls the server's own count (wrk has no request-count mode)
  while (( $(answered) < $1 )); do
    kill -0 "$wrk_pid" 2>/dev/null || { echo "wrk stopped early:" >&2; cat "$out/wrk-"*.txt >&2; exit 1; }
    sleep 0.2
  done
}

echo "serving $served_runtime on $url; $PHOTOS photos, $CONNECTIONS connections; RSS at $FIRST and $TOTAL requests" >&2
start_wrk warmup; await_answered "$WARMUP"; stop_wrk; warm=$(summary warmup)
start_wrk main
await_answered "$FIRST"
rss_first=$(rss_mb); answered_first=$(answered); read -r batch_sum_first batch_count_first < <(batches)
await_answered "$TOTAL"
rss_total=$(rss_mb); answered_total=$(answered); read -r batch_sum batch_count < <(batches)
stop_wrk; main=$(summary main)
refused_total=$(refused)
curl -fsS "$url/metrics" >"$out/metrics.txt"
stop_server; trap - EXIT

mean_batch=$(python3 -c "print(round(($batch_sum - $batch_sum_first) / max(1, $batch_count - $batch_count_first), 2))")
in_batch=$(python3 -c "print(max(1, round($mean_batch)))")
# The launcher's native settings (allocator, heap), as the server had them.
tcmalloc=/usr/lib/x86_64-linux-gnu/libtcmalloc_minimal.so.4
java_env=(env DJL_OFFLINE=true DJL_DISABLE_PROGRESS_BAR=true)
if [[ "${SIGNDIGITS_ALLOCATOR:-tcmalloc}" == tcmalloc && -r "$tcmalloc" ]]; then java_env+=(LD_PRELOAD="$tcmalloc")
else java_env+=(GLIBC_TUNABLES=glibc.malloc.mmap_threshold=4294967296:glibc.malloc.trim_threshold=4294967296:glibc.malloc.arena_max=1); fi
"${server_pin[@]}" "${java_env[@]}" java -Xmx2g -XX:MinHeapFreeRatio=10 -XX:MaxHeapFreeRatio=30 \
  -cp "$BENCH_CP" dev.signdigits.web.InProcessThroughput \
  --model "$model" --runtime "$served_runtime" --batch "$in_batch" --workers "$workers" --threads "$threads" \
  --warmup-images "$WARMUP" --seconds "$IN_PROCESS_SECONDS" "${photos[@]}" >"$out/in-process.txt" 2>"$out/in-process.log"
in_process=$(sed -n 's/.*images_per_second=\([0-9.]*\).*/\1/p' "$out/in-process.txt")
load_after=$(cut -d' ' -f1-3 /proc/loadavg)

python3 - "$out" <<EOF | tee "$out/section.md"
import json, sys
main = json.loads('''$main'''); phases = [json.loads(p) for p in ('''$warm''', '''$main''')]
rps = main["requests"] / (main["duration_us"] / 1e6)
bad = sum(p["non_2xx"] + p["connect_errors"] + p["read_errors"] + p["write_errors"] + p["timeouts"] for p in phases)
ratio = rps / float("$in_process")
growth = ($rss_total - $rss_first) / $rss_first * 100
ok = lambda good: "yes" if good else "**no**"
print()
print("### Serving under load (bench/load.sh), $(date -u +%Y-%m-%d), $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs)")
print()
print("Model \`$(basename "$(readlink -f "$model")")\`, runtime **$served_runtime**${selection:+ ($selection)}; serve --max-batch $max_batch"
      " --max-delay-ms $max_delay --workers $workers --threads $threads; wrk 4.1, 1 thread, $CONNECTIONS connections,"
      " $PHOTOS different 100x100 JPEGs as raw image/jpeg bodies, on the same cores as the server"
      "${WRK_CPUS:+ (wrk pinned to CPU $WRK_CPUS)}${SERVER_CPUS:+ (server pinned to CPUs $SERVER_CPUS)};"
      " OMP_WAIT_POLICY=$OMP_WAIT_POLICY;"
      " load average before $load_before, after $load_after.")
print()
print("| measure | value | target | met |")
print("| --- | --- | --- | --- |")
print(f"| server throughput ({main['requests']:,} requests after a warm-up of $WARMUP) | {rps:.0f} predictions/s | >= 200 | {ok(rps >= 200)} |")
print(f"| in-process decode + predict (batch $in_batch, $workers worker(s)) | {float('$in_process'):.0f} images/s | | |")
print(f"| server / in-process | {ratio:.2f} | >= 0.80 | {ok(ratio >= 0.8)} |")
print(f"| latency p50 / p99 | {main['p50_us'] / 1000:.1f} / {main['p99_us'] / 1000:.1f} ms | p99 <= 100 ms | {ok(main['p99_us'] <= 100000)} |")
print(f"| non-2xx or failed requests (wrk / server metrics) | {bad} / $refused_total | 0 | {ok(bad == 0 and $refused_total == 0)} |")
print(f"| mean micro-batch (server, requests $answered_first to $answered_total) | $mean_batch | | |")
print(f"| RSS after $answered_first / $answered_total requests | $rss_first / $rss_total MB ({growth:+.1f}%) | within 10% | {ok(abs(growth) <= 10)} |")
EOF
if [[ "$APPEND" == 1 ]]; then cat "$out/section.md" >>docs/performance.md; echo "Appended to docs/performance.md" >&2; fi
echo "raw output in $out" >&2
