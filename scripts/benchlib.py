"""Shared helpers for newsdex's benchmark scripts: locating the shared data,
preparing the peer corpus and queries once, and timing whole processes
(wall time and peak RSS) with medians over repeated runs."""
import os
import shutil
import statistics
import subprocess
import sys
import time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
SHARED = os.path.join(ROOT, "..", "shared")
WORK = os.environ.get("NEWSDEX_BENCH_DIR", os.path.join(ROOT, "target", "bench"))
NEWSDEX = os.path.join(ROOT, "target", "release", "newsdex")


def need_shared():
    if not os.path.isdir(os.path.join(SHARED, "data")):
        sys.exit("this benchmark needs ../shared/data beside the repository (it is absent)")


def build_release():
    subprocess.run(["cargo", "build", "--release", "--quiet"], cwd=ROOT, check=True)


def peer_corpus():
    """The shared peer corpus (Reuters bodies + BBC + AG News test) as one
    NDJSON file in its own folder, built once."""
    folder = os.path.join(WORK, "peer-corpus")
    path = os.path.join(folder, "peer.ndjson")
    if not os.path.exists(path):
        os.makedirs(folder, exist_ok=True)
        subprocess.run([sys.executable, os.path.join(SHARED, "bench", "make_peer_corpus.py"),
                        os.path.join(SHARED, "data"), path], check=True)
    return folder, path


def queries(corpus_path, n=1000):
    path = os.path.join(WORK, f"queries-{n}.txt")
    if not os.path.exists(path):
        subprocess.run([sys.executable, os.path.join(SHARED, "bench", "make_queries.py"),
                        corpus_path, str(n), path], check=True)
    return path


def run(cmd, stdout=subprocess.DEVNULL, stdin=None, env=None):
    """Runs a command; returns (seconds, peak RSS in MiB, exit code)."""
    start = time.perf_counter()
    proc = subprocess.Popen(cmd, stdout=stdout, stderr=subprocess.PIPE, stdin=stdin, env=env)
    _, status, usage = os.wait4(proc.pid, 0)
    elapsed = time.perf_counter() - start
    code = os.waitstatus_to_exitcode(status)
    if code not in (0, 1):
        err = proc.stderr.read().decode(errors="replace")
        sys.exit(f"{' '.join(cmd)} failed with {code}: {err[-2000:]}")
    return elapsed, usage.ru_maxrss / 1024.0, code


def median_runs(label, cmd, runs=5, warmup=1, before=None, **kw):
    """Median wall time and peak RSS of `runs` runs after `warmup` runs."""
    times, rss = [], []
    for i in range(warmup + runs):
        if before:
            before()
        t, m, _ = run(cmd, **kw)
        if i >= warmup:
            times.append(t)
            rss.append(m)
    print(f"  {label}: median {statistics.median(times):.3f}s of {runs} "
          f"(min {min(times):.3f}, max {max(times):.3f}), peak RSS {statistics.median(rss):.0f} MiB",
          file=sys.stderr)
    return statistics.median(times), statistics.median(rss)


def interleaved_median_runs(jobs, runs=5, warmup=1):
    """Like median_runs for several tools at once, taking turns run by run (a, b, c, a, b,
    c, ...), so a drift in the machine's speed during the benchmark falls on every tool
    alike. `jobs` is a list of (label, cmd, before); returns [(median wall, median RSS)]."""
    times = [[] for _ in jobs]
    rss = [[] for _ in jobs]
    for i in range(warmup + runs):
        for k, (_, cmd, before) in enumerate(jobs):
            if before:
                before()
            t, m, _ = run(cmd)
            if i >= warmup:
                times[k].append(t)
                rss[k].append(m)
    out = []
    for k, (label, _, _) in enumerate(jobs):
        print(f"  {label}: median {statistics.median(times[k]):.3f}s of {runs} "
              f"(min {min(times[k]):.3f}, max {max(times[k]):.3f}), "
              f"peak RSS {statistics.median(rss[k]):.0f} MiB", file=sys.stderr)
        out.append((statistics.median(times[k]), statistics.median(rss[k])))
    return out


def folder_bytes(path):
    if os.path.isfile(path):
        return os.path.getsize(path)
    total = 0
    for base, _, files in os.walk(path):
        for f in files:
            total += os.path.getsize(os.path.join(base, f))
    return total


def fresh(path):
    if os.path.isdir(path):
        shutil.rmtree(path)
    elif os.path.exists(path):
        os.remove(path)
