#!/usr/bin/env python3
"""Cost of `kline-bench sim --virtual` side by side with the floor (reference-ecu.py), in one
interleaved run on the same machine: BENCHMARKS.md, "Side by side with a reference module".
Standard library only.

    side-by-side.py JAR REQUESTS [BLOCK] [IDLE_SECONDS] [WARM]

1. Start: each module is started as a user would (the sim as a plain `java -jar JAR sim
   --profile r50-r53-2005-2008 --virtual --link L`, its live stream to a pipe that is read and
   thrown away, as a terminal would take it); the time from the process's start to the first
   answer to a request this program sends as soon as the link exists.
2. Idle: both processes' CPU (utime + stime of all threads, /proc/PID/stat) over IDLE_SECONDS,
   with no tester connected, after 5 s to settle.
3. Requests: the DS2 telegram 00 05 0B 01 0F, written byte by byte, each byte after its echo
   (as a K-line tester that checks its echo does), then the answer read; the next request
   min-request-gap + 1 ms (11 ms) after the answer. Blocks of BLOCK requests alternate between the
   two modules, so both see the same machine; each block's CPU is charged to its module, and
   shown for the first WARM requests (default 1000: a fresh JVM still compiles) and for the
   rest. The turnaround (last request byte's echo -> the answer's last byte) is kept per request.
4. Memory: VmRSS of each process at ready, every 10 blocks and at the end.

A request with no whole answer within 1 s (on a busy machine a late echo can stretch the
tester's own gaps beyond what the module allows) is counted, the line drained for 200 ms, and
the run goes on; the count is printed.
"""
import os
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import tty

REQUEST = bytes([0x00, 0x05, 0x0B, 0x01, 0x0F])
GAP = 0.011
HERE = os.path.dirname(os.path.abspath(__file__))
TICK = os.sysconf("SC_CLK_TCK")


def cpu_seconds(pid):
    with open("/proc/%d/stat" % pid) as f:
        fields = f.read().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / TICK  # utime, stime


def rss_mb(pid):
    with open("/proc/%d/status" % pid) as f:
        for line in f:
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
    return float("nan")


def read_exactly(fd, n, deadline):
    got = bytearray()
    while len(got) < n:
        if time.monotonic() > deadline:
            raise TimeoutError("%d of %d bytes" % (len(got), n))
        try:
            got += os.read(fd, n - len(got))
        except BlockingIOError:
            time.sleep(0.0002)
    return bytes(got)


class Tester:
    def __init__(self, link):
        self.fd = os.open(link, os.O_RDWR | os.O_NOCTTY | os.O_NONBLOCK)
        tty.setraw(self.fd)

    def request(self, timeout=1.0):
        """One request, byte by byte after each echo; returns the turnaround in seconds."""
        deadline = time.monotonic() + timeout
        for b in REQUEST:
            os.write(self.fd, bytes([b]))
            echo = read_exactly(self.fd, 1, deadline)
            if echo[0] != b:
                raise IOError("echo %02X for %02X" % (echo[0], b))
        sent = time.monotonic()
        head = read_exactly(self.fd, 2, deadline)
        read_exactly(self.fd, head[1] - 2, deadline)
        return time.monotonic() - sent

    def close(self):
        os.close(self.fd)


def drain(stream):
    for _ in iter(lambda: stream.read(4096), b""):
        pass


def start(name, argv, link):
    t0 = time.monotonic()
    proc = subprocess.Popen(argv, stdin=subprocess.DEVNULL, stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
    threading.Thread(target=drain, args=(proc.stdout,), daemon=True).start()
    while True:
        if proc.poll() is not None:
            sys.exit("%s ended at start with %d" % (name, proc.returncode))
        if os.path.exists(link):
            try:
                tester = Tester(link)
                tester.request(timeout=0.5)
                break
            except (OSError, TimeoutError):
                pass
        time.sleep(0.002)
    first = time.monotonic() - t0
    return proc, tester, first


def pct(values, p):
    s = sorted(values)
    return s[min(len(s) - 1, int(len(s) * p))]


def main():
    jar = sys.argv[1]
    n = int(sys.argv[2])
    block = int(sys.argv[3]) if len(sys.argv) > 3 else 100
    idle = float(sys.argv[4]) if len(sys.argv) > 4 else 20
    warm = int(sys.argv[5]) if len(sys.argv) > 5 else 1000
    work = tempfile.mkdtemp()
    modules = {}
    ref_link, sim_link = os.path.join(work, "ref"), os.path.join(work, "sim")
    modules["reference"] = start("reference", [sys.executable, os.path.join(HERE, "reference-ecu.py"), ref_link], ref_link)
    modules["sim"] = start(
        "sim", ["java", "-jar", jar, "sim", "--profile", "r50-r53-2005-2008", "--virtual", "--link", sim_link], sim_link)
    rss = {k: [rss_mb(m[0].pid)] for k, m in modules.items()}
    for _, tester, _ in modules.values():
        tester.close()  # idle means no tester connected

    time.sleep(5)
    idle_before = {k: cpu_seconds(m[0].pid) for k, m in modules.items()}
    time.sleep(idle)
    idle_cpu = {k: (cpu_seconds(m[0].pid) - idle_before[k]) / idle for k, m in modules.items()}

    testers = {k: Tester(link) for k, link in (("reference", ref_link), ("sim", sim_link))}
    cpu = {k: 0.0 for k in modules}
    cpu_warm = {k: 0.0 for k in modules}
    turn = {k: [] for k in modules}
    missed = {k: 0 for k in modules}
    done = 0
    blocks = 0
    while done < n:
        for k in ("reference", "sim") if blocks % 2 == 0 else ("sim", "reference"):
            pid = modules[k][0].pid
            before = cpu_seconds(pid)
            for _ in range(min(block, n - done)):
                t = tester_request(testers[k], k)
                if t is None:
                    missed[k] += 1
                else:
                    turn[k].append(t)
                time.sleep(GAP)
            if done < warm:
                cpu_warm[k] += cpu_seconds(pid) - before
            else:
                cpu[k] += cpu_seconds(pid) - before
        done += min(block, n - done)
        blocks += 1
        if blocks % 10 == 0:
            for k, m in modules.items():
                rss[k].append(rss_mb(m[0].pid))
    for k, m in modules.items():
        rss[k].append(rss_mb(m[0].pid))
        testers[k].close()
        m[0].terminate()
        m[0].wait()

    print("side by side, %d requests each in blocks of %d, idle %.0f s" % (n, block, idle))
    print("| what | reference module (Python) | kline-bench sim |")
    print("|---|---|---|")
    row = lambda what, f: print("| %s | %s | %s |" % (what, f("reference"), f("sim")))
    row("first answer after start", lambda k: "%.0f ms" % (modules[k][2] * 1000))
    row("CPU idle, no tester", lambda k: "%.2f %% of a core" % (idle_cpu[k] * 100))
    warm_n = min(n, -(-warm // block) * block)
    row("CPU per answered request, first %d" % warm_n, lambda k: "%.3f ms" % (cpu_warm[k] / warm_n * 1000))
    if n > warm_n:
        row("CPU per answered request, the other %d" % (n - warm_n),
            lambda k: "%.3f ms" % (cpu[k] / (n - warm_n) * 1000))
    row("turnaround p50 / p99 / max", lambda k: "%.2f / %.2f / %.2f ms" % (
        statistics.median(turn[k]) * 1000, pct(turn[k], 0.99) * 1000, max(turn[k]) * 1000))
    row("requests with no answer within 1 s", lambda k: "%d" % missed[k])
    row("VmRSS at ready / max / end", lambda k: "%.1f / %.1f / %.1f MB" % (rss[k][0], max(rss[k]), rss[k][-1]))


def tester_request(tester, name):
    try:
        return tester.request()
    except TimeoutError:
        time.sleep(0.2)
        try:
            while os.read(tester.fd, 4096):
                pass
        except BlockingIOError:
            pass
        return None
    except OSError as e:
        sys.exit("%s: %s" % (name, e))


if __name__ == "__main__":
    main()
