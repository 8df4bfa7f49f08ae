#!/usr/bin/env python3
"""Load test of opis-serve (issue 18): CLIENTS threads, each sending
REQUESTS mixed requests over one keep-alive connection to a server on
loopback, then stopping. Prints p50/p99 latency per kind and overall,
throughput and errors (any status but 200, or a broken connection).

The mix, from a query set (query-bench make's TSV: class, Opis query, ...):
  60%  /api/search?q=Q&facets=person,place   (what query-bench layouts times in process)
  20%  /search?q=Q                           (the HTML page: five facets, histogram)
  10%  /record?id=ID                         (record page: similar records)
  10%  /api/record/ID

With --in-process QUERY_BENCH, the same requests are then done in process
(query-bench replay: the same searches, no HTTP, no rendering) with as
many threads as clients, each with its own Searcher, and with one thread
(at most --in-process-max requests), on the same machine right after; the
ratios server p99 / in-process p99 are printed for both.

Usage: serve_load.py --serve BIN --db DB --queries TSV [--clients 8] [--requests 2000] [--threads 4]
       [--time-limit MS] [--plan-out FILE] [--in-process QUERY_BENCH [--in-process-max N]]
"""
import argparse
import http.client
import json
import os
import random
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import urllib.parse


def pct(values, p):
    v = sorted(values)
    return v[min(len(v) - 1, int(p * len(v)))] if v else 0.0


def cpu_seconds(pid):
    """User + system CPU time of a process so far (/proc/PID/stat)."""
    with open(f"/proc/{pid}/stat") as f:
        fields = f.read().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--serve", required=True)
    ap.add_argument("--db", required=True)
    ap.add_argument("--queries", required=True)
    ap.add_argument("--clients", type=int, default=8)
    ap.add_argument("--requests", type=int, default=2000)
    ap.add_argument("--threads", type=int, default=4)
    ap.add_argument("--time-limit", type=int, default=60000, help="the server's --time-limit (ms)")
    ap.add_argument("--plan-out", help="write the requests (client, kind, query or id) to this file")
    ap.add_argument("--in-process", help="query-bench: replay the plan in process afterwards")
    ap.add_argument("--in-process-max", type=int, default=2000, help="requests of the one-thread replay")
    a = ap.parse_args()

    queries = []
    with open(a.queries, encoding="utf-8") as f:
        for line in f:
            cols = line.rstrip("\n").split("\t")
            if len(cols) >= 2 and cols[1]:
                queries.append(cols[1])
    srv = subprocess.Popen([a.serve, "--db", a.db, "--listen", "127.0.0.1:0", "--threads", str(a.threads),
                            "--max-queue", "1000", "--time-limit", str(a.time_limit)], stdout=subprocess.PIPE, text=True)
    try:
        first = srv.stdout.readline()
        port = int(first.split("http://127.0.0.1:", 1)[1].split("/", 1)[0])
        print(first.strip())
        # Record ids to read: the top hits of the queries.
        c = http.client.HTTPConnection("127.0.0.1", port, timeout=300)
        ids = []
        for q in queries:
            c.request("GET", "/api/search?limit=3&q=" + urllib.parse.quote(q))
            ids += [h["id"] for h in json.loads(c.getresponse().read())["results"]]
        # The registers are built once at start (not part of the mix): wait
        # for that build, so that it does not run during the test.
        t_reg = time.perf_counter()
        for reg in ("places", "persons"):
            c.request("GET", f"/api/{reg}?pattern=zzzzzz")
            c.getresponse().read()
        print(f"registers ready after {time.perf_counter() - t_reg:.1f} s")
        c.close()
        rng = random.Random(18)
        plan = []
        plain = []  # client, kind, query or id: what query-bench replay does in process
        for client_no in range(a.clients):
            reqs = []
            for _ in range(a.requests):
                r, raw = rng.random(), rng.choice(queries)
                q = urllib.parse.quote(raw)
                if r < 0.6:
                    reqs.append(("api-search", f"/api/search?facets=person,place&q={q}"))
                elif r < 0.8:
                    reqs.append(("search-page", f"/search?q={q}"))
                else:
                    raw = rng.choice(ids)
                    if r < 0.9:
                        reqs.append(("record-page", "/record?id=" + urllib.parse.quote(raw)))
                    else:
                        reqs.append(("api-record", "/api/record/" + urllib.parse.quote(raw)))
                plain.append(f"{client_no}\t{reqs[-1][0]}\t{raw}\n")
            plan.append(reqs)
        plan_file = a.plan_out or os.path.join(tempfile.mkdtemp(prefix="opis-load-"), "plan.tsv")
        with open(plan_file, "w", encoding="utf-8") as f:
            f.writelines(plain)
        results = {}  # kind -> [ms]
        errors = []
        lock = threading.Lock()

        def client(reqs):
            conn = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
            mine, bad = {}, []
            for kind, path in reqs:
                t0 = time.perf_counter()
                try:
                    conn.request("GET", path)
                    resp = conn.getresponse()
                    resp.read()
                    if resp.status != 200:
                        bad.append(f"{resp.status} {path}")
                except (OSError, http.client.HTTPException) as e:
                    bad.append(f"{e} {path}")
                    conn.close()
                    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
                mine.setdefault(kind, []).append((time.perf_counter() - t0) * 1000)
            conn.close()
            with lock:
                for k, v in mine.items():
                    results.setdefault(k, []).extend(v)
                errors.extend(bad)

        cpu0 = cpu_seconds(srv.pid)
        t0 = time.perf_counter()
        threads = [threading.Thread(target=client, args=(p,)) for p in plan]
        for t in threads:
            t.start()
        for t in threads:
            t.join()
        wall = time.perf_counter() - t0
        cpu = cpu_seconds(srv.pid) - cpu0
        total = sum(len(v) for v in results.values())
        print(f"{a.clients} clients x {a.requests} requests, server --threads {a.threads}: {total} requests in "
              f"{wall:.1f} s = {total / wall:.0f} requests/s, {len(errors)} errors; server CPU "
              f"{cpu * 1000 / max(total, 1):.2f} ms a request; load average {os.getloadavg()[0]:.1f}")
        print(f"{'kind':<12} {'requests':>8} {'p50 ms':>8} {'p99 ms':>8} {'mean ms':>8}")
        every = []
        for k in ("api-search", "search-page", "record-page", "api-record"):
            v = results.get(k, [])
            every += v
            if v:
                print(f"{k:<12} {len(v):>8} {pct(v, .5):>8.1f} {pct(v, .99):>8.1f} {statistics.mean(v):>8.1f}")
        print(f"{'all':<12} {len(every):>8} {pct(every, .5):>8.1f} {pct(every, .99):>8.1f} "
              f"{statistics.mean(every):>8.1f}")
        for e in errors[:10]:
            print("error:", e)
        server_p99 = {k: pct(v, .99) for k, v in results.items()}
        server_p99["all"] = pct(every, .99)
    finally:
        srv.terminate()
        srv.wait(timeout=30)
    if a.in_process:
        # The same requests in process, right after, on the same machine.
        for threads, most in ((a.clients, a.requests), (1, a.in_process_max)):
            cmd = [a.in_process, "replay", plan_file, a.db, str(threads), str(most)]
            print("$ " + " ".join(cmd), flush=True)
            out = subprocess.run(cmd, capture_output=True, text=True, check=True).stdout
            print(out, end="")
            ratios = []
            for line in out.splitlines():
                cols = line.split()
                if cols and cols[0] in server_p99 and len(cols) == 5 and cols[1].isdigit():
                    ratios.append(f"{cols[0]} {server_p99[cols[0]] / max(float(cols[3]), 0.001):.2f}x")
            print(f"server p99 / in-process p99 ({threads} threads): " + ", ".join(ratios), flush=True)
    return 0 if not errors else 1


if __name__ == "__main__":
    sys.exit(main())
