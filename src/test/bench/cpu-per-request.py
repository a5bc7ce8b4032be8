#!/usr/bin/env python3
"""CPU per answered request of `kline-bench sim --virtual`, two builds side by side, per thread:
BENCHMARKS.md, "Side by side with a reference module". Standard library only; the tester is
side-by-side.py's.

    cpu-per-request.py REQUESTS WARM BLOCK NAME=JAR[,PROFILE[,PROFILES-DIR]] [...]

Starts each build as a user would (`java -jar JAR sim --profile r50-r53-2005-2008 --virtual
--link L`, its live stream to a pipe that is read and thrown away), sends WARM requests to each
(a fresh JVM still compiles), then REQUESTS more to each in blocks of BLOCK that alternate
between the builds (so all see the same machine; the order of the builds turns each round).
Each block's CPU (utime + stime of every thread, /proc/PID/task/TID/stat) and context switches
(voluntary and not, /proc/PID/task/TID/status) are charged to its build, per thread name; the
load average is read at the start and the end. A build may name a profile other than r50-r53-2005-2008 (and a --profiles directory to find it
in): the same jar with two profiles compares a profile value's cost. Prints, per build: CPU per answered request,
context switches per request, the threads that cost most, and the unanswered requests.
"""
import collections
import importlib.util
import os
import sys
import time

HERE = os.path.dirname(os.path.abspath(__file__))
spec = importlib.util.spec_from_file_location("sbs", os.path.join(HERE, "side-by-side.py"))
sbs = importlib.util.module_from_spec(spec)
spec.loader.exec_module(sbs)


def threads(pid):
    """{thread name: (cpu seconds, voluntary switches, involuntary switches)}, summed by name."""
    out = collections.defaultdict(lambda: [0.0, 0, 0])
    for tid in os.listdir("/proc/%d/task" % pid):
        try:
            with open("/proc/%d/task/%s/stat" % (pid, tid)) as f:
                raw = f.read()
            with open("/proc/%d/task/%s/status" % (pid, tid)) as f:
                status = f.read()
        except FileNotFoundError:
            continue
        name = raw[raw.index("(") + 1 : raw.rindex(")")]
        name = name.rstrip("0123456789").rstrip("-# ") or name  # GC Thread#0 and #1 together
        fields = raw.rsplit(")", 1)[1].split()
        row = out[name]
        row[0] += (int(fields[11]) + int(fields[12])) / sbs.TICK
        for line in status.splitlines():
            if line.startswith("voluntary_ctxt_switches:"):
                row[1] += int(line.split()[1])
            elif line.startswith("nonvoluntary_ctxt_switches:"):
                row[2] += int(line.split()[1])
    return out


def minus(after, before):
    return {k: [a - b for a, b in zip(v, before.get(k, [0.0, 0, 0]))] for k, v in after.items()}


def main():
    n, warm, block = int(sys.argv[1]), int(sys.argv[2]), int(sys.argv[3])
    builds = [a.split("=", 1) for a in sys.argv[4:]]
    load_start = open("/proc/loadavg").read().split()[:3]
    sims = {}
    for name, build in builds:
        jar, profile, profiles = (build.split(",") + ["r50-r53-2005-2008", None])[:3]
        link = "/tmp/cpu-link-%d-%s" % (os.getpid(), name)
        argv = ["java", "-jar", jar, "sim", "--profile", profile, "--virtual", "--link", link]
        if profiles:
            argv += ["--profiles", profiles]
        proc, tester, first = sbs.start(name, argv, link)
        sims[name] = (proc, tester)
    for name, (proc, tester) in sims.items():
        for _ in range(warm):
            sbs.tester_request(tester, name)
            time.sleep(sbs.GAP)
    spent = {name: collections.defaultdict(lambda: [0.0, 0, 0]) for name in sims}
    missed = {name: 0 for name in sims}
    answered = {name: 0 for name in sims}
    order = list(sims)
    done = 0
    while done < n:
        m = min(block, n - done)
        for name in order:
            proc, tester = sims[name]
            before = threads(proc.pid)
            for _ in range(m):
                if sbs.tester_request(tester, name) is None:
                    missed[name] += 1
                else:
                    answered[name] += 1
                time.sleep(sbs.GAP)
            for k, v in minus(threads(proc.pid), before).items():
                row = spent[name][k]
                for i in range(3):
                    row[i] += v[i]
        order = order[1:] + order[:1]
        done += m
    load_end = open("/proc/loadavg").read().split()[:3]
    for proc, tester in sims.values():
        tester.close()
        proc.terminate()
        proc.wait()

    print("%d requests each after %d to warm, blocks of %d; load average %s at the start, %s at the end"
          % (n, warm, block, " ".join(load_start), " ".join(load_end)))
    print("| build | CPU per answered request | context switches per request (voluntary / not) | unanswered |")
    print("|---|---|---|---|")
    for name in sims:
        rows = spent[name]
        cpu = sum(r[0] for r in rows.values())
        vol = sum(r[1] for r in rows.values())
        inv = sum(r[2] for r in rows.values())
        a = max(1, answered[name])
        print("| %s | %.3f ms | %.1f / %.1f | %d |" % (name, cpu / a * 1000, vol / a, inv / a, missed[name]))
    for name in sims:
        print("\n%s, per thread (CPU ms per request, voluntary / involuntary switches per request):" % name)
        a = max(1, answered[name])
        for k, r in sorted(spent[name].items(), key=lambda kv: -kv[1][0]):
            if r[0] > 0 or r[1] > 0:
                print("  %-28s %.3f ms  %.2f / %.2f" % (k, r[0] / a * 1000, r[1] / a, r[2] / a))


if __name__ == "__main__":
    main()
