#!/usr/bin/env python3
"""How late a pty delivers: writes one byte every 7 ms to a pty (the slave of `kline-bench sim
--virtual`), stamping each write with CLOCK_MONOTONIC (the clock the JVM's System.nanoTime reads),
and compares the stamps with those the sim's trace gives the same bytes. Standard library only.

    pty-latency.py PORT COUNT WRITES_FILE            write, keep the stamps
    pty-latency.py --compare WRITES_FILE TRACE_FILE  the distribution of (trace stamp - write stamp)

The two clocks share no origin (the trace counts from the sim's start), so the comparison is
relative to the median; a write stamped late by this program (it is not raised) shows as an
early arrival, below the median, and is not counted as the pty's.
"""
import os
import statistics
import sys
import time
import tty


def write(port, count, out):
    fd = os.open(port, os.O_RDWR | os.O_NOCTTY)
    tty.setraw(fd)
    os.set_blocking(fd, False)
    time.sleep(0.5)
    stamps = []
    for _ in range(count):
        os.write(fd, b"\x55")
        stamps.append(time.monotonic_ns())
        time.sleep(0.007)
        try:
            os.read(fd, 4096)  # the sim's echo
        except BlockingIOError:
            pass
    with open(out, "w") as f:
        f.write("\n".join(map(str, stamps)))


def compare(writes, trace):
    w = [int(x) for x in open(writes).read().split()]
    t = [int(l.split()[0]) for l in open(trace) if not l.startswith("#") and " tester " in l]
    d = [t[i] - w[i] for i in range(min(len(w), len(t)))]
    median = statistics.median(d)
    r = sorted((x - median) / 1e6 for x in d)
    n = len(r)
    print("bytes %d of %d written; stamp minus write, relative to the median: "
          "p1 %.2f p99 %.2f p99.9 %.2f max %.2f ms" % (n, len(w), r[n // 100], r[int(n * .99)], r[int(n * .999)], r[-1]))


if __name__ == "__main__":
    if sys.argv[1] == "--compare":
        compare(sys.argv[2], sys.argv[3])
    else:
        write(sys.argv[1], int(sys.argv[2]), sys.argv[3])
