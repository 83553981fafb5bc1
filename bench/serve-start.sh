#!/usr/bin/env bash
# Sourced by the bench scripts: start_serve OUT_DIR [serve options...] starts `signdigits serve` on a
# free port in the background (output in OUT_DIR/serve.out and serve.log), waits until it serves,
# and sets SERVE_PID, SERVE_PORT and SERVED_RUNTIME; stop_serve stops it (also on exit).
start_serve() {
  local out=$1; shift
  : >"$out/serve.out"   # exists before the loop below reads it (the server's redirection races with it)
  ./signdigits serve --port 0 --watch-interval-ms 0 "$@" >"$out/serve.out" 2>"$out/serve.log" &
  SERVE_PID=$!
  trap stop_serve EXIT
  SERVE_PORT=
  for (( i = 0; i < 240; i++ )); do
    SERVE_PORT=$(sed -n 's|^Serving on http://127\.0\.0\.1:\([0-9]*\)/.*|\1|p' "$out/serve.out")
    [[ -n "$SERVE_PORT" ]] && break
    kill -0 "$SERVE_PID" 2>/dev/null || { echo "serve exited:" >&2; cat "$out/serve.out" "$out/serve.log" >&2; exit 1; }
    sleep 0.5
  done
  [[ -n "$SERVE_PORT" ]] || { echo "serve did not start within 2 minutes" >&2; exit 1; }
  SERVED_RUNTIME=$(sed -n 's/^Loaded model [^ ]* (\([^)]*\)).*/\1/p' "$out/serve.out")
}
stop_serve() {
  kill -TERM "$SERVE_PID" 2>/dev/null && wait "$SERVE_PID" 2>/dev/null || true
  trap - EXIT
}
