#!/usr/bin/env python3
"""Starts `./tfj serve` and times (from just before the launch) the first answer on the port and the moment
every model reports AVAILABLE; repeats N times, prints each and the median.
Usage: ready.py REPO_ROOT MODEL_DIR [N]  (serves on port 18561, gRPC off, no polling)"""
import http.client, json, os, signal, statistics, subprocess, sys, time

root, models, n = sys.argv[1], sys.argv[2], int(sys.argv[3]) if len(sys.argv) > 3 else 5
names = sorted(os.listdir(models))
port = 18561
def get(path):
    c = http.client.HTTPConnection("127.0.0.1", port, timeout=2)
    try:
        c.request("GET", path); r = c.getresponse(); return r.status, r.read()
    finally:
        c.close()
firsts, readies = [], []
for i in range(n):
    t0 = time.monotonic()
    p = subprocess.Popen([root + "/tfj", "serve", "--model-dir", models, "--port", str(port), "--grpc-port", "-1",
                          "--poll-interval", "0"], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                         start_new_session=True)
    first = ready = None
    while time.monotonic() - t0 < 60:
        try:
            states = []
            for m in names:
                s, body = get("/v1/models/" + m)
                if first is None:
                    first = time.monotonic() - t0
                states.append(json.loads(body)["model_version_status"][0]["state"] if s == 200 else str(s))
            if all(s == "AVAILABLE" for s in states):
                ready = time.monotonic() - t0
                break
        except (OSError, http.client.HTTPException):
            pass
        time.sleep(0.01)
    os.killpg(p.pid, signal.SIGTERM); p.wait()
    print(f"run {i+1}: first answer {first:.2f} s, all {len(names)} AVAILABLE {ready:.2f} s", flush=True)
    firsts.append(first); readies.append(ready)
    time.sleep(1)
print(f"median: first answer {statistics.median(firsts):.2f} s, all AVAILABLE {statistics.median(readies):.2f} s")
