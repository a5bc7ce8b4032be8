#!/usr/bin/env python3
"""Resident memory of `kline-bench sim --virtual` over many requests: BENCHMARKS.md, "Giving the
C heap back". Standard library only; the tester is side-by-side.py's.

    rss-over-requests.py JAR REQUESTS [JVM-OPTION...]

Starts the sim as a user would (`java [JVM-OPTION...] -jar JAR sim --profile r50-r53-2005-2008
--virtual --link L`), sends REQUESTS DS2 requests as side-by-side.py does (each byte after its
echo, the next request 11 ms after the answer), prints VmRSS every 1,000 requests and how many
got no whole answer within 1 s, then the sim's smaps_rollup, its heap (jcmd GC.heap_info), its
native memory when started with -XX:NativeMemoryTracking=summary, and what one
`jcmd System.trim_native_heap` gives back at the end.
"""
import importlib.util
import os
import subprocess
import sys
import time

HERE = os.path.dirname(os.path.abspath(__file__))
spec = importlib.util.spec_from_file_location("sbs", os.path.join(HERE, "side-by-side.py"))
sbs = importlib.util.module_from_spec(spec)
spec.loader.exec_module(sbs)


def main():
    jar, n, jvm = sys.argv[1], int(sys.argv[2]), sys.argv[3:]
    link = "/tmp/rss-link-%d" % os.getpid()
    argv = ["java"] + jvm + ["-jar", jar, "sim", "--profile", "r50-r53-2005-2008", "--virtual", "--link", link]
    proc, tester, first = sbs.start("sim", argv, link)
    print("pid", proc.pid, "first answer %.0f ms" % (first * 1000), "VmRSS %.1f MB" % sbs.rss_mb(proc.pid), flush=True)
    missed = 0
    for i in range(1, n + 1):
        if sbs.tester_request(tester, "sim") is None:  # side-by-side.py's: drains the line after a miss
            missed += 1
        time.sleep(sbs.GAP)
        if i % 1000 == 0:
            print(i, "VmRSS %.1f MB" % sbs.rss_mb(proc.pid), "unanswered", missed, flush=True)

    def jcmd(*command):
        return subprocess.run(["jcmd", str(proc.pid)] + list(command), capture_output=True, text=True).stdout

    with open("/proc/%d/smaps_rollup" % proc.pid) as f:
        print(f.read())
    print(jcmd("GC.heap_info"))
    if any(o.startswith("-XX:NativeMemoryTracking") for o in jvm):
        print(jcmd("VM.native_memory", "summary"))
    print(jcmd("System.trim_native_heap"))
    time.sleep(1)
    print("after the trim: VmRSS %.1f MB" % sbs.rss_mb(proc.pid))
    proc.terminate()
    proc.wait()


if __name__ == "__main__":
    main()
