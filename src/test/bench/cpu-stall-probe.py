#!/usr/bin/env python3
"""How long the machine itself stops a thread that only sleeps: BENCHMARKS.md, "The machine's
own stalls". Standard library only; Linux.

    cpu-stall-probe.py SECONDS [THRESHOLD_MS (15)]

One process per CPU, pinned to it and raised to nice -20 (root or CAP_SYS_NICE; said when
refused), sleeps 1 ms at a time and notes every wake-up later than THRESHOLD_MS, with its CPU
and its time. A thread at nice -20 that only sleeps is never kept waiting long by another
thread of the guest: a long late wake-up is the (virtual) CPU itself not running, the floor
under any timing a program on this machine can keep. At the end: each stall, then per CPU
the count and the longest, and how many stalls of one CPU overlapped one of another.
"""
import multiprocessing
import os
import sys
import time


def probe(cpu, seconds, threshold_ns, out):
    os.sched_setaffinity(0, {cpu})
    try:
        os.setpriority(os.PRIO_PROCESS, 0, -20)
        raised = True
    except PermissionError:
        raised = False
    end = time.monotonic_ns() + seconds * 1_000_000_000
    last = time.monotonic_ns()
    stalls = []
    while last < end:
        time.sleep(0.001)
        now = time.monotonic_ns()
        late = now - last - 1_000_000
        if late > threshold_ns:
            stalls.append((last, now))
        last = now
    out.put((cpu, raised, stalls))


def main():
    seconds = int(sys.argv[1])
    threshold_ns = int(float(sys.argv[2]) * 1e6) if len(sys.argv) > 2 else 15_000_000
    cpus = sorted(os.sched_getaffinity(0))
    out = multiprocessing.Queue()
    procs = [multiprocessing.Process(target=probe, args=(c, seconds, threshold_ns, out)) for c in cpus]
    for p in procs:
        p.start()
    results = [out.get() for _ in procs]
    for p in procs:
        p.join()
    t0 = min(s[0] for _, _, st in results for s in st) if any(st for _, _, st in results) else 0
    every = sorted((a, b, cpu) for cpu, _, st in results for a, b in st)
    for a, b, cpu in every:
        print(f"cpu {cpu}: stopped {(b - a) / 1e6 - 1:.1f} ms at +{(a - t0) / 1e9:.1f} s")
    overlapping = 0
    for i, (a, b, cpu) in enumerate(every):
        if any(c != cpu and a2 < b and a < b2 for a2, b2, c in every[i + 1:]):
            overlapping += 1
    for cpu, raised, st in sorted(results):
        longest = max(((b - a) / 1e6 - 1 for a, b in st), default=0)
        print(f"cpu {cpu} ({'nice -20' if raised else 'normal priority: not permitted'}): "
              f"{len(st)} wake-ups over {threshold_ns / 1e6:.0f} ms late in {seconds} s, longest {longest:.1f} ms")
    print(f"stalls overlapping one of another CPU: {overlapping}")


if __name__ == '__main__':
    main()
