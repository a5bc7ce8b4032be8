#!/usr/bin/env python3
"""Does the kernel hold pty bytes while every CPU runs? BENCHMARKS.md, "The kernel's pty delivery".

Two unrelated pty pairs, each written every 5 ms by one process and read by another (a byte's
latency: from its write() to its read(), both on CLOCK_MONOTONIC), beside one sleeper process
pinned to each CPU (sleeping 4 ms; a wake-up more than 8 ms late is a CPU stop). Prints each
pty's latency p50/p99/max, then every episode (a pty byte more than 25 ms late, a CPU stop) in
time order. Stalls of both ptys at the same instant with no CPU stop are the kernel's delivery.
Usage: python3 src/test/bench/pty-delivery-probe.py SECONDS [OUTDIR]
"""
import glob, multiprocessing as mp, os, sys, tempfile, time, tty

BEAT, LATE = 0.004, 8_000_000


def writer(fd, path, seconds):
    end = time.monotonic() + seconds
    with open(path, "w") as f:
        i = 0
        while time.monotonic() < end:
            t = time.monotonic_ns()
            os.write(fd, bytes([i & 0xFF]))
            f.write(f"{t}\n")
            i += 1
            time.sleep(0.005)


def reader(fd, path, seconds):
    end = time.monotonic() + seconds + 1
    with open(path, "w") as f:
        while time.monotonic() < end:
            data = os.read(fd, 64)
            t = time.monotonic_ns()
            for _ in data:
                f.write(f"{t}\n")


def sleeper(cpu, path, seconds):
    os.sched_setaffinity(0, {cpu})
    end = time.monotonic() + seconds
    with open(path, "w") as f:
        last = time.monotonic_ns()
        while time.monotonic() < end:
            time.sleep(BEAT)
            now = time.monotonic_ns()
            if now - last > BEAT * 1e9 + LATE:
                f.write(f"{last} {now}\n")
            last = now


def main():
    seconds = float(sys.argv[1])
    out = sys.argv[2] if len(sys.argv) > 2 else tempfile.mkdtemp(prefix="pty-delivery-")
    procs = []
    for name in ("ptyA", "ptyB"):
        m, s = os.openpty()
        tty.setraw(m)
        tty.setraw(s)
        procs.append(mp.Process(target=writer, args=(m, f"{out}/{name}.w", seconds)))
        procs.append(mp.Process(target=reader, args=(s, f"{out}/{name}.r", seconds)))
    for cpu in sorted(os.sched_getaffinity(0)):
        procs.append(mp.Process(target=sleeper, args=(cpu, f"{out}/cpu{cpu}.s", seconds)))
    for p in procs:
        p.start()
    for p in procs:
        p.join(seconds + 5)
        if p.is_alive():
            p.kill()
    episodes, t0 = [], None
    for name in ("ptyA", "ptyB"):
        sent = [int(x) for x in open(f"{out}/{name}.w")]
        came = [int(x) for x in open(f"{out}/{name}.r")]
        lat = [(w, r - w) for w, r in zip(sent, came)]
        t0 = t0 or sent[0]
        ordered = sorted(x for _, x in lat)
        print(f"{name}: {len(lat)} bytes, latency p50 {ordered[len(ordered) // 2] / 1e6:.2f} ms, "
              f"p99 {ordered[int(len(ordered) * 0.99)] / 1e6:.2f} ms, max {ordered[-1] / 1e6:.1f} ms")
        last_late = -10**18
        for w, x in lat:
            if x > 25_000_000 and w > last_late + 200_000_000:
                episodes.append(((w - t0) / 1e9, name, f"late {x / 1e6:.1f} ms"))
            if x > 25_000_000:
                last_late = w
    for path in sorted(glob.glob(f"{out}/cpu*.s")):
        for line in open(path):
            a, b = map(int, line.split())
            episodes.append(((a - t0) / 1e9, os.path.basename(path)[:-2], f"stopped {(b - a) / 1e6:.1f} ms"))
    for e in sorted(episodes):
        print("  %8.3f s  %-5s %s" % e)


if __name__ == "__main__":
    main()
