#!/usr/bin/env python3
"""One image, one keep-alive connection, against `tfj serve` variants run one after the other, the order rotated
every round: wrk's p50 (`wrk -t1 -c1 -d5s --latency`, after a 3 s warm-up; skipped when wrk is not installed) and
Python's http.client p50 (300 requests after 50 unmeasured, default socket options). Prints one line per variant
and round, then the median of each column per variant.
Usage: one-image.py MODEL_DIR MODEL ROUNDS LABEL=JAR[,EXTRA_ARG...] ...  (EXTRA_ARGs starting -D go to the JVM)
  e.g. one-image.py /tmp/models lenet5 3 base=/tmp/base.jar new=/tmp/new.jar off=/tmp/new.jar,--max-batch-size,1
Each server: java -Xmx256m -jar JAR serve --model-dir MODEL_DIR --port 18571 --grpc-port -1 --poll-interval 0 EXTRA"""
import http.client, json, os, re, shutil, signal, statistics, subprocess, sys, tempfile, time

models, model, rounds = sys.argv[1], sys.argv[2], int(sys.argv[3])
variants = []
for spec in sys.argv[4:]:
    label, rest = spec.split("=", 1)
    jar, *extra = rest.split(",")
    variants.append((label, jar, extra))
port = 18571
path = f"/v1/models/{model}:predict"
body = json.dumps({"instances": [[[[0.0]] * 28] * 28]}).encode()
tmp = tempfile.mkdtemp(prefix="one-image-")
body_file = os.path.join(tmp, "body.json")
open(body_file, "wb").write(body)
lua = os.path.join(tmp, "post.lua")
open(lua, "w").write('wrk.method = "POST"\nwrk.headers["Content-Type"] = "application/json"\n'
                     f'local f = io.open("{body_file}", "rb")\nwrk.body = f:read("*a")\nf:close()\n')
wrk = shutil.which("wrk")


def wait_ready():
    t0 = time.monotonic()
    while time.monotonic() - t0 < 120:
        try:
            c = http.client.HTTPConnection("127.0.0.1", port, timeout=2)
            c.request("GET", f"/v1/models/{model}")
            r = c.getresponse()
            state = json.loads(r.read())["model_version_status"][0]["state"] if r.status == 200 else ""
            c.close()
            if state == "AVAILABLE":
                return
        except (OSError, ValueError, KeyError):
            pass
        time.sleep(0.2)
    raise SystemExit("server not ready after 120 s")


def wrk_p50(seconds):
    out = subprocess.run([wrk, "-t1", "-c1", f"-d{seconds}s", "--latency", "-s", lua, f"http://127.0.0.1:{port}{path}"],
                         capture_output=True, text=True).stdout
    m = re.search(r"^\s+50%\s+([\d.]+)(us|ms|s)\s*$", out, re.M)
    if not m:
        raise SystemExit("wrk said:\n" + out)
    return float(m.group(1)) * {"us": 1e-3, "ms": 1.0, "s": 1e3}[m.group(2)]


def python_p50(n=300, skip=50):
    c = http.client.HTTPConnection("127.0.0.1", port)
    lat = []
    for i in range(n + skip):
        t = time.perf_counter()
        c.request("POST", path, body, {"Content-Type": "application/json"})
        r = c.getresponse()
        r.read()
        if r.status != 200:
            raise SystemExit(f"status {r.status}")
        if i >= skip:
            lat.append((time.perf_counter() - t) * 1000)
    c.close()
    return statistics.median(lat)


results = {label: [] for label, _, _ in variants}
for rnd in range(rounds):
    order = variants[rnd % len(variants):] + variants[:rnd % len(variants)]
    for label, jar, extra in order:
        jvm = [a for a in extra if a.startswith("-D")]
        args = [a for a in extra if not a.startswith("-D")]
        p = subprocess.Popen(["java", "-Xmx256m", *jvm, "-jar", jar, "serve", "--model-dir", models, "--port", str(port),
                              "--grpc-port", "-1", "--poll-interval", "0", *args],
                             stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=True)
        try:
            wait_ready()
            python_p50(200, 0)  # warm-up
            w = None
            if wrk:
                wrk_p50(3)  # warm-up
                w = wrk_p50(5)
            py = python_p50()
            load = open("/proc/loadavg").read().split()[0]
            results[label].append((w, py))
            print(f"round {rnd + 1} {label:>8}: wrk p50 {w if w is None else f'{w:.3f}'} ms, "
                  f"python http.client p50 {py:.3f} ms (load {load})", flush=True)
        finally:
            os.killpg(p.pid, signal.SIGTERM)
            p.wait()
for label, rows in results.items():
    ws = [w for w, _ in rows if w is not None]
    print(f"median {label:>8}: wrk {statistics.median(ws) if ws else float('nan'):.3f} ms, "
          f"python {statistics.median([py for _, py in rows]):.3f} ms")
