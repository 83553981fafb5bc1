#!/usr/bin/env python3
"""Slowloris against a running `signdigits serve`, loopback only (bench/slowloris.sh starts the server).

Phase 1 (idle): one normal client posts real JPEGs to /api/v1/predict back to back for SECONDS and
records each latency. Phase 2 (attack): TRICKLERS connections (bounded in count) each send a request
one byte every INTERVAL seconds (half trickle their headers, half their body after complete headers;
each waits on its socket between bytes, so a close is seen when it happens, not at the next byte),
while the same normal client measures again for SECONDS. Every trickling connection's lifetime, from
its first byte to the server closing it, is recorded; the attack stops after at most LIMIT seconds.
Prints one JSON line: idle and attack p50/p99, trickling connections closed, and their lifetimes.
"""
import http.client
import json
import select
import socket
import sys
import threading
import time

host, port = "127.0.0.1", int(sys.argv[1])
seconds, tricklers, interval, limit = float(sys.argv[2]), int(sys.argv[3]), float(sys.argv[4]), float(sys.argv[5])
photos = [open(p, "rb").read() for p in sys.argv[6:]]
assert host == "127.0.0.1"  # never aimed anywhere but this machine


def normal_client(duration):
    latencies, failures = [], 0
    conn = http.client.HTTPConnection(host, port, timeout=30)
    end = time.monotonic() + duration
    i = 0
    while time.monotonic() < end:
        body = photos[i % len(photos)]
        i += 1
        started = time.monotonic()
        try:
            conn.request("POST", "/api/v1/predict", body, {"Content-Type": "image/jpeg"})
            response = conn.getresponse()
            response.read()
            if response.status != 200:
                failures += 1
            latencies.append(time.monotonic() - started)
        except OSError:
            failures += 1
            conn.close()
            conn = http.client.HTTPConnection(host, port, timeout=30)
    conn.close()
    return latencies, failures


def percentile(values, q):
    values = sorted(values)
    return values[min(len(values) - 1, int(q * len(values)))] if values else float("nan")


def trickle(index, results, stop):
    if index % 2 == 0:
        request = b"GET /v2/health/live HTTP/1.1\r\nHost: x\r\nX-Slow: " + b"s" * 10_000
    else:
        request = (b"POST /api/v1/predict HTTP/1.1\r\nHost: x\r\nContent-Type: image/jpeg\r\n"
                   b"Content-Length: 100000\r\n\r\n")
        request = request + b"x" * 100_000
    sock = socket.create_connection((host, port), timeout=5)
    started = time.monotonic()
    closed_after = None
    if index % 2 == 1:  # body tricklers send their headers at once, then the body byte by byte
        head_end = request.index(b"\r\n\r\n") + 4
        sock.sendall(request[:head_end])
        request = request[head_end:]
    sock.setblocking(False)
    sent = 0
    while not stop.is_set() and closed_after is None:
        try:
            data = sock.recv(4096)
            if data == b"":
                closed_after = time.monotonic() - started
                break
        except BlockingIOError:
            pass
        except OSError:
            closed_after = time.monotonic() - started
            break
        try:
            sock.send(request[sent:sent + 1])
            sent += 1
        except BlockingIOError:
            pass
        except OSError:
            closed_after = time.monotonic() - started
            break
        select.select([sock], [], [], interval)  # wakes at once when the server answers or closes
    sock.close()
    results[index] = closed_after


idle, idle_failures = normal_client(seconds)
results = [None] * tricklers
stop = threading.Event()
threads = [threading.Thread(target=trickle, args=(i, results, stop), daemon=True) for i in range(tricklers)]
attack_started = time.monotonic()
for t in threads:
    t.start()
time.sleep(0.5)  # all connected and trickling before the normal client starts measuring
attack, attack_failures = normal_client(seconds)
while any(r is None for r in results) and time.monotonic() - attack_started < limit:
    time.sleep(0.2)
stop.set()
for t in threads:
    t.join(timeout=5)
closed = [r for r in results if r is not None]
print(json.dumps({
    "idle": {"requests": len(idle), "failures": idle_failures, "p50_ms": 1000 * percentile(idle, 0.5),
             "p99_ms": 1000 * percentile(idle, 0.99)},
    "attack": {"requests": len(attack), "failures": attack_failures, "p50_ms": 1000 * percentile(attack, 0.5),
               "p99_ms": 1000 * percentile(attack, 0.99)},
    "tricklers": tricklers, "closed": len(closed),
    "closed_after_s": {"min": min(closed, default=None), "max": max(closed, default=None)},
}))
