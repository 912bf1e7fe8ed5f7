#!/usr/bin/env python3
"""Opens N connections that send a predict request's headers and half its body, then stall; then times
good predict requests (one connection each, sequentially) against the same server. Prints p50/p99/max
latency and how many good requests failed or took over 10 s. Usage: stalled-clients.py PORT MODEL N GOOD [SECONDS: wait, then count the stalled
connections the server has not closed]"""
import json, socket, statistics, sys, time, http.client

port, model, n, good = int(sys.argv[1]), sys.argv[2], int(sys.argv[3]), int(sys.argv[4])
body = json.dumps({"instances": [[[[0.0]] * 28] * 28]}).encode()
head = (f"POST /v1/models/{model}:predict HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n"
        f"Content-Length: {len(body)}\r\n\r\n").encode()
stalled = []
t0 = time.monotonic()
for i in range(n):
    s = socket.create_connection(("127.0.0.1", port), timeout=10)
    s.sendall(head + body[: len(body) // 2])
    stalled.append(s)
print(f"{n} stalled connections open in {time.monotonic() - t0:.1f} s", flush=True)
time.sleep(1)
lat, failed = [], 0
for i in range(good):
    t = time.monotonic()
    try:
        c = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
        c.request("POST", f"/v1/models/{model}:predict", body, {"Content-Type": "application/json"})
        r = c.getresponse(); r.read(); c.close()
        if r.status != 200:
            failed += 1
    except (OSError, http.client.HTTPException):
        failed += 1
    lat.append((time.monotonic() - t) * 1000)
lat.sort()
p = lambda q: lat[min(len(lat) - 1, int(q * len(lat)))]
print(f"good requests: {good}, failed or > 10 s: {failed}, p50 {p(0.5):.1f} ms, p99 {p(0.99):.1f} ms, max {lat[-1]:.1f} ms")
wait = float(sys.argv[5]) if len(sys.argv) > 5 else 0
time.sleep(wait)
open_left = 0
for s in stalled:
    s.setblocking(False)
    try:
        while s.recv(65536):
            pass  # an answer (the 408) before the end of stream
    except BlockingIOError:
        open_left += 1
    except OSError:
        pass
print(f"stalled connections still open {wait:.0f} s after the good requests: {open_left} of {n}")
