-- wrk script for bench/load.sh: POSTs real photos as raw image/jpeg bodies to /api/v1/predict,
-- cycling over the files given after "--".
--   wrk -t1 -c16 -d1h -s bench/load.lua http://127.0.0.1:8080 -- PHOTO...
-- load.sh stops wrk with SIGINT once the server has answered enough requests; the done() hook then
-- prints one machine-readable line, "LOADJSON {...}", latencies in microseconds.

local bodies = {}
local next_body = 0

function init(args)
  for i = 1, #args do
    local file = assert(io.open(args[i], "rb"))
    bodies[#bodies + 1] = file:read("*a")
    file:close()
  end
  assert(#bodies > 0, "no photos given after --")
end

function request()
  next_body = next_body % #bodies + 1
  return wrk.format("POST", "/api/v1/predict", { ["Content-Type"] = "image/jpeg" }, bodies[next_body])
end

function done(summary, latency, requests)
  local e = summary.errors
  io.write(string.format(
    'LOADJSON {"requests":%d,"duration_us":%d,"non_2xx":%d,"connect_errors":%d,"read_errors":%d,' ..
    '"write_errors":%d,"timeouts":%d,"p50_us":%d,"p90_us":%d,"p99_us":%d,"max_us":%d,"mean_us":%.1f}\n',
    summary.requests, summary.duration, e.status, e.connect, e.read, e.write, e.timeout,
    latency:percentile(50), latency:percentile(90), latency:percentile(99), latency.max, latency.mean))
end
