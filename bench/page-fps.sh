#!/usr/bin/env bash
# Frames per second of the page's webcam mode (issue 15: at least 10 classified webcam frames per
# second on the page) with a model trained with the hand locator:
#
#   1. starts `signdigits serve` on a free port with the model (default models/finetuned/latest) and
#      the runtime (default: serve's default, auto), settings from SIGNDIGITS_* as for serve itself;
#   2. runs dev.signdigits.web.PageFps (bench jar): headless Chromium (Debian's chromium and
#      chromium-driver) opens the page with a fake camera that plays a 640x480 scene with a dataset
#      photo small in it (a raised hand as a webcam sees it), starts the webcam, and after a warm-up
#      counts the frames the page classified over SECONDS; the server's metrics over the same time
#      say where a frame's time went (HTTP request in the server, locating the hand, inference);
#   3. prints a dated section (machine, load average) and appends it to docs/performance.md
#      (APPEND=0 to skip); the raw output stays in bench/results/.
#
# Chromium runs on the same cores as the server (encoding each frame as JPEG is its share).
#
# Usage: bench/page-fps.sh [MODEL_DIR]
#   RUNTIME=auto  SECONDS_MEASURED=20  WARMUP_SECONDS=5  PHOTO=(a dataset photo of a 3)  APPEND=1
#   SCENE=PICTURE: the camera shows this picture as the whole frame instead (e.g. one without a hand:
#   SCENE=../shared/pretrained/imagenet-samples/sunflower.bmp measures frames answered "no hand")
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

model=${1:-models/finetuned/latest}
RUNTIME=${RUNTIME:-auto}
SECONDS_MEASURED=${SECONDS_MEASURED:-20}
WARMUP_SECONDS=${WARMUP_SECONDS:-5}
APPEND=${APPEND:-1}
data=data/raw/sign-language-digits; [[ -d "$data" ]] || data=../shared/datasets/sign-language-digits
PHOTO=${PHOTO:-$data/3/IMG_1121.JPG}

for tool in /usr/bin/chromium /usr/bin/chromedriver; do
  [[ -x "$tool" ]] || { echo "$tool is missing: apt-get install chromium chromium-driver" >&2; exit 3; }
done
[[ -f "$model/model.json" ]] || { echo "no model at $model: run ./signdigits train --hand-locator auto first, or pass a model directory" >&2; exit 2; }
[[ -f "$PHOTO" ]] || { echo "no photo at $PHOTO: set PHOTO" >&2; exit 2; }
camera=(--photo "$PHOTO"); shown="a 640x480 scene of \`$(basename "$PHOTO")\` at 30% of the width"
if [[ -n "${SCENE:-}" ]]; then camera=(--scene "$SCENE"); shown="\`$(basename "$SCENE")\` as the whole 640x480 frame"; fi
locator=$(python3 -c "import json,sys; print(json.load(open(sys.argv[1])).get('provenance', {}).get('hand_locator', 'off'))" "$model/model.json")
[[ "$locator" != off ]] || echo "warning: $model was trained without the hand locator (hand_locator=off): measuring whole-photo frames" >&2
out=bench/results/page-fps-$(date -u +%Y%m%dT%H%M%SZ); mkdir -p "$out"
source bench/bench-jar.sh   # builds the product and benchmark jars outside the timed run
source bench/serve-start.sh

load_before=$(cut -d' ' -f1-3 /proc/loadavg)
start_serve "$out" --model "$model" --runtime "$RUNTIME"
port=$SERVE_PORT served_runtime=$SERVED_RUNTIME

java -cp "$BENCH_CP" dev.signdigits.web.PageFps --url "http://127.0.0.1:$port" "${camera[@]}" \
  --seconds "$SECONDS_MEASURED" --warmup-seconds "$WARMUP_SECONDS" --work-dir "$out" >"$out/page-fps.txt" 2>"$out/page-fps.log"
stop_serve
load_after=$(cut -d' ' -f1-3 /proc/loadavg)
line=$(cat "$out/page-fps.txt")
echo "$line" >&2
value() { sed -n "s/.*\b$1=\([^ ]*\).*/\1/p" <<<"$line"; }

python3 - <<EOF | tee "$out/section.md"
fps = float("$(value page_fps)")
ok = "yes" if fps >= 10 else "**no**"
print()
print("### Page webcam frames per second (bench/page-fps.sh), $(date -u +%Y-%m-%d), $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs)")
print()
print("Model \`$(basename "$(readlink -f "$model")")\` (hand_locator=$locator), runtime **$served_runtime**; headless Chromium"
      " $(/usr/bin/chromium --version 2>/dev/null | awk '{print $2}') with a fake camera playing $shown,"
      " on the same cores as the server; one frame in flight,"
      " $WARMUP_SECONDS s warm-up, $SECONDS_MEASURED s measured; load average before $load_before, after $load_after.")
print()
print("| measure | value | target | met |")
print("| --- | --- | --- | --- |")
print(f"| classified frames per second on the page | {fps:.1f} ($(value frames) frames, hand found in $(value hands)) | >= 10 | {ok} |")
print("| server time per request / locate + crop / inference call | $(value request_ms) / $(value locate_ms) / $(value inference_ms) ms | | |")
EOF
if [[ "$APPEND" == 1 ]]; then cat "$out/section.md" >>docs/performance.md; echo "Appended to docs/performance.md" >&2; fi
echo "raw output in $out" >&2
