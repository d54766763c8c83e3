#!/usr/bin/env python3
"""How soon a change is found by search: declares N incidents one after another through the API, each with a word
of its own in its title, and after each asks GET /api/v1/search for that word every 5 ms until it is found.
Prints the milliseconds from the declaration's answer to the first search that finds it (p50, p90, max).
Usage: bench/freshness.py BASE_URL TOKEN [N (30)]"""
import json
import secrets
import sys
import time
import urllib.request

base, token = sys.argv[1], sys.argv[2]
n = int(sys.argv[3]) if len(sys.argv) > 3 else 30
auth = {"Authorization": "Bearer " + token, "Accept": "application/json"}


def call(method, path, body=None):
    data = None if body is None else json.dumps(body).encode()
    headers = dict(auth, **({"Content-Type": "application/json"} if data else {}))
    with urllib.request.urlopen(urllib.request.Request(base + path, data, headers, method=method), timeout=30) as r:
        return json.load(r)


delays = []
for i in range(n):
    word = "fresh" + secrets.token_hex(6)
    call("POST", "/api/v1/incidents",
         {"title": "Freshness probe " + word, "description": "bench/freshness.py", "severity": "SEV4"})
    t0 = time.monotonic()
    deadline = t0 + 30
    while call("GET", "/api/v1/search?size=1&q=" + word)["total"] < 1:
        if time.monotonic() > deadline:
            sys.exit(f"not found after 30 s: {word}")
        time.sleep(0.005)
    delays.append((time.monotonic() - t0) * 1000)

delays.sort()
pick = lambda q: delays[min(len(delays) - 1, int(q * len(delays)))]
print(f"freshness over {n} declarations: p50 {pick(0.5):.0f} ms, p90 {pick(0.9):.0f} ms, max {delays[-1]:.0f} ms")
