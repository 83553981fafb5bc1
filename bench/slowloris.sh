#!/usr/bin/env bash
# Slowloris benchmark of `signdigits serve` (issue #17), loopback only: does a normal client keep its
# latency while TRICKLERS connections send their requests one byte every INTERVAL seconds, and does
# the server close every trickling connection within its receive deadline?
#
#   1. starts `signdigits serve` on 127.0.0.1 and a free port with --receive-timeout-ms RECEIVE_MS
#      (other settings: serve's defaults and SIGNDIGITS_*);
#   2. bench/slowloris.py: SECONDS of a normal client posting real 100x100 JPEGs back to back (idle
#      p50/p99), then TRICKLERS trickling connections (half in their headers, half in their body)
#      while the normal client measures SECONDS again; each trickling connection's lifetime is
#      recorded, and the attack ends after at most LIMIT seconds;
#   3. prints the table, keeps the raw output in bench/results/, appends a dated section with
#      machine and load average to docs/performance.md (APPEND=0 to skip).
#
# The deadline is met when every trickling connection closed within RECEIVE_MS plus the sweep
# period (a tenth of it, at most 250 ms) plus 0.5 s of slack for this client's 100 threads on a
# busy machine.
#
# Usage: bench/slowloris.sh [MODEL_DIR]
#   RUNTIME=auto  RECEIVE_MS=10000  TRICKLERS=100  INTERVAL=1  SECONDS_EACH=20  PHOTOS=20  APPEND=1
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

model=${1:-models/finetuned/latest}
RUNTIME=${RUNTIME:-auto}
RECEIVE_MS=${RECEIVE_MS:-10000}
TRICKLERS=${TRICKLERS:-100}
INTERVAL=${INTERVAL:-1}
SECONDS_EACH=${SECONDS_EACH:-20}
PHOTOS=${PHOTOS:-20}
APPEND=${APPEND:-1}
LIMIT=$(( RECEIVE_MS / 1000 * 2 + 10 ))
export OMP_WAIT_POLICY=${OMP_WAIT_POLICY:-PASSIVE}

(( TRICKLERS >= 1 && TRICKLERS <= 1000 )) || { echo "TRICKLERS must be 1-1000" >&2; exit 2; }
[[ -f "$model/model.json" ]] || { echo "no model at $model: run ./signdigits train first, or pass a model directory" >&2; exit 2; }
out=bench/results/slowloris-$(date -u +%Y%m%dT%H%M%SZ); mkdir -p "$out"
./signdigits --version >/dev/null   # build outside the measured runs

data=data/raw/sign-language-digits; [[ -d "$data" ]] || data=../shared/datasets/sign-language-digits
mapfile -t all < <(find "$data" -name '*.JPG' -size -64k | sort | while read -r f; do
  file "$f" | grep -q ', 100x100,' && echo "$f"; done)
(( ${#all[@]} >= PHOTOS )) || { echo "found only ${#all[@]} 100x100 JPEGs under $data" >&2; exit 2; }
photos=(); step=$(( ${#all[@]} / PHOTOS )); for (( i = 0; i < PHOTOS; i++ )); do photos+=("${all[$(( i * step ))]}"); done

load_before=$(cut -d' ' -f1-3 /proc/loadavg)
: >"$out/serve.out"   # exists before the poll below reads it (the server's redirect happens in its child)
./signdigits serve --model "$model" --runtime "$RUNTIME" --host 127.0.0.1 --port 0 --watch-interval-ms 0 \
  --receive-timeout-ms "$RECEIVE_MS" >"$out/serve.out" 2>"$out/serve.log" &
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
served_runtime=$(sed -n 's/^Loaded model [^ ]* (\([^)]*\)).*/\1/p' "$out/serve.out")
# Warm-up: the first requests pay for JIT compilation.
for (( i = 0; i < 200; i++ )); do
  curl -fsS -o /dev/null -H 'Content-Type: image/jpeg' --data-binary @"${photos[$(( i % PHOTOS ))]}" "http://127.0.0.1:$port/api/v1/predict"
done

python3 bench/slowloris.py "$port" "$SECONDS_EACH" "$TRICKLERS" "$INTERVAL" "$LIMIT" "${photos[@]}" >"$out/result.json"
curl -fsS "http://127.0.0.1:$port/metrics" >"$out/metrics.txt"
stop_server; trap - EXIT
closed_metric=$(awk '/^signdigits_http_connections_closed_total\{reason="receive_timeout"\}/ { print $2 }' "$out/metrics.txt")
load_after=$(cut -d' ' -f1-3 /proc/loadavg)

python3 - <<PY | tee "$out/section.md"
import json
r = json.load(open("$out/result.json"))
receive = $RECEIVE_MS / 1000
sweep = min(0.25, max(0.01, receive / 10))
bound = receive + sweep + 0.5
ratio = r["attack"]["p99_ms"] / r["idle"]["p99_ms"]
ok = lambda good: "yes" if good else "**no**"
late = r["closed_after_s"]["max"]
print()
print("### Slow clients (bench/slowloris.sh), $(date -u +%Y-%m-%d), $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs)")
print()
print("Model \`$(basename "$(readlink -f "$model")")\`, runtime **$served_runtime**; serve defaults with --receive-timeout-ms $RECEIVE_MS;"
      " $TRICKLERS trickling connections on 127.0.0.1 (half in their headers, half in a 100,000-byte body), one byte"
      " every $INTERVAL s each; one normal client posting $PHOTOS different 100x100 JPEGs back to back for"
      " $SECONDS_EACH s before and during the attack; load average before $load_before, after $load_after.")
print()
print("| measure | value | target | met |")
print("| --- | --- | --- | --- |")
print(f"| normal client idle: requests, p50 / p99 | {r['idle']['requests']}, {r['idle']['p50_ms']:.1f} / {r['idle']['p99_ms']:.1f} ms | | |")
print(f"| normal client under attack: requests, p50 / p99 | {r['attack']['requests']}, {r['attack']['p50_ms']:.1f} / {r['attack']['p99_ms']:.1f} ms | p99 within 2x idle | {ok(ratio <= 2)} ({ratio:.2f}x) |")
print(f"| normal client failures (idle / attack) | {r['idle']['failures']} / {r['attack']['failures']} | 0 | {ok(r['idle']['failures'] + r['attack']['failures'] == 0)} |")
print(f"| trickling connections closed by the server | {r['closed']} of {r['tricklers']} (server counted ${closed_metric:-0}) | all | {ok(r['closed'] == r['tricklers'])} |")
print(f"| their lifetime, first byte to close | {r['closed_after_s']['min']:.2f} to {late:.2f} s | <= {bound:.2f} s (deadline + sweep + 0.5 s) | {ok(late is not None and late <= bound)} |")
PY
if [[ "$APPEND" == 1 ]]; then cat "$out/section.md" >>docs/performance.md; echo "Appended to docs/performance.md" >&2; fi
echo "raw output in $out" >&2
