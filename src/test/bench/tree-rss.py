#!/usr/bin/env python3
"""Runs a command and reports the peak of its whole process tree's resident memory (the sum of
VmRSS over the process and all its descendants, sampled every 50 ms), its wall time and the
CPU time of the tree. Standard library only; Linux /proc. BENCHMARKS.md, "A sweep in a JVM of
its own".

    tree-rss.py COMMAND [ARGS...]
"""
import os
import subprocess
import sys
import time


def children(pid):
    out = []
    try:
        for tid in os.listdir("/proc/%d/task" % pid):
            with open("/proc/%d/task/%s/children" % (pid, tid)) as f:
                out += [int(c) for c in f.read().split()]
    except OSError:
        pass
    return out


def tree(pid):
    todo, seen = [pid], []
    while todo:
        p = todo.pop()
        seen.append(p)
        todo += children(p)
    return seen


def rss_kb(pid):
    try:
        with open("/proc/%d/status" % pid) as f:
            for line in f:
                if line.startswith("VmRSS:"):
                    return int(line.split()[1])
    except OSError:
        pass
    return 0


def main():
    start = time.monotonic()
    proc = subprocess.Popen(sys.argv[1:])
    peak = 0
    peak_procs = 0
    while proc.poll() is None:
        pids = tree(proc.pid)
        total = sum(rss_kb(p) for p in pids)
        if total > peak:
            peak, peak_procs = total, len(pids)
        time.sleep(0.05)
    wall = time.monotonic() - start
    usage = os.times()
    print("tree-rss: exit %d, %.2f s wall, %.2f s CPU (user %.2f + system %.2f), peak %.1f MB resident over %d process(es)"
          % (proc.returncode, wall, usage.children_user + usage.children_system, usage.children_user,
             usage.children_system, peak / 1024, peak_procs), file=sys.stderr)
    sys.exit(proc.returncode)


if __name__ == "__main__":
    main()
