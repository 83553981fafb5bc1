#!/usr/bin/env bash
# Training benchmark: the default `signdigits train` for several seeds (accuracy on the grouped
# test split, wall time, peak RSS, RSS after epochs 2 and 10), and the Keras-style recipe with the
# same code as the baseline: 224x224 input, last 23 layers trained, Adam at 1e-4, 30 epochs, no
# early stopping, one fresh augmentation per photo per epoch and the frozen layers recomputed every
# step (no feature cache). Appends a dated table to docs/performance.md and keeps raw logs in
# bench/results/.
#
# Usage: bench/train.sh [SEEDS...]     (default seeds: 42 1 2; run on an otherwise idle machine)
#        BASELINE=0 bench/train.sh     (skip the slow baseline, ~15 min alone)
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
seeds=("$@"); ((${#seeds[@]})) || seeds=(42 1 2)
out=bench/results/train-$(date -u +%Y%m%dT%H%M%SZ); mkdir -p "$out"
./signdigits --version >/dev/null   # build outside the timed runs
./signdigits data fetch >/dev/null

run() { # name, args...
  local name=$1; shift
  /usr/bin/time -v -o "$out/$name.time" ./signdigits train "$@" >"$out/$name.out" 2>"$out/$name.log"
  local acc wall rss e2 e10
  acc=$(grep -o 'Test accuracy[^:]*: [0-9.]*%' "$out/$name.out" | grep -o '[0-9.]*%$')
  wall=$(grep 'Elapsed (wall clock)' "$out/$name.time" | awk '{print $NF}')
  rss=$(( $(grep 'Maximum resident' "$out/$name.time" | awk '{print $NF}') / 1024 ))
  e2=$(grep -o 'epoch 2: .*RSS [0-9]* MB' "$out/$name.log" | grep -o 'RSS [0-9]*' | awk '{print $2}' || true)
  e10=$(grep -o 'epoch 10: .*RSS [0-9]* MB' "$out/$name.log" | grep -o 'RSS [0-9]*' | awk '{print $2}' || true)
  printf '| %s | %s | %s | %s MB | %s | %s |\n' "$name" "$acc" "$wall" "$rss" "${e2:--}" "${e10:--}" | tee -a "$out/table.md"
}

{
  echo
  echo "### Training, $(date -u +%Y-%m-%d), $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs)"
  echo
  echo "| run | grouped test accuracy | wall clock | peak RSS | RSS after epoch 2 (MB) | after epoch 10 (MB) |"
  echo "| --- | --- | --- | --- | --- | --- |"
} > "$out/table.md"
for s in "${seeds[@]}"; do run "default-seed$s" --seed "$s"; done
if [[ "${BASELINE:-1}" == 1 ]]; then
  run keras-recipe-baseline --seed "${seeds[0]}" --input-size 224 --fine-tune-layers 23 --learning-rate 0.0001 \
    --label-smoothing 0 --epochs 30 --patience 30 --no-feature-cache --augment-copies 1
  base=$(grep 'Elapsed (wall clock)' "$out/keras-recipe-baseline.time" | awk '{print $NF}')
  first=$(grep 'Elapsed (wall clock)' "$out/default-seed${seeds[0]}.time" | awk '{print $NF}')
  secs() { awk -F: '{ if (NF == 3) print $1 * 3600 + $2 * 60 + $3; else print $1 * 60 + $2 }' <<<"$1"; }
  printf '\nKeras-style baseline %s vs default run (seed %s) %s: the default is %.1fx faster.\n' \
    "$base" "${seeds[0]}" "$first" "$(awk -v a="$(secs "$base")" -v b="$(secs "$first")" 'BEGIN { print a / b }')" \
    | tee -a "$out/table.md"
fi
cat "$out/table.md" >> docs/performance.md
echo "Appended to docs/performance.md; logs in $out"
