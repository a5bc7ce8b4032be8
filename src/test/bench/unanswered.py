#!/usr/bin/env python3
"""Why requests go unanswered on a busy machine: BENCHMARKS.md, "The unanswered requests,
explained". Standard library only; the tester is side-by-side.py's.

    unanswered.py JAR REQUESTS EVENTS-FILE

Starts the sim as a user would, with its events as JSON lines (`sim --profile r50-r53-2005-2008
--virtual --link L --quiet --events EVENTS-FILE`), sends REQUESTS DS2 requests as
side-by-side.py does (each byte after its echo), counts those with no whole answer within 1 s,
then stops the sim and counts what it said: events by type, and the reasons of every frame it
dropped, ignored or tolerated (durations folded to '#', so that like reasons add up).
"""
import collections
import importlib.util
import json
import os
import re
import sys
import time

HERE = os.path.dirname(os.path.abspath(__file__))
spec = importlib.util.spec_from_file_location("sbs", os.path.join(HERE, "side-by-side.py"))
sbs = importlib.util.module_from_spec(spec)
spec.loader.exec_module(sbs)

SAID = ("frame-dropped", "ignored", "tolerated", "init-refused", "input-refused")


def main():
    jar, n, events = sys.argv[1], int(sys.argv[2]), sys.argv[3]
    link = "/tmp/unanswered-link-%d" % os.getpid()
    argv = ["java", "-jar", jar, "sim", "--profile", "r50-r53-2005-2008", "--virtual", "--link", link, "--quiet",
            "--events", events]
    proc, tester, _ = sbs.start("sim", argv, link)
    unanswered = 0
    for _ in range(n):
        if sbs.tester_request(tester, "sim") is None:  # side-by-side.py's: drains the line after a miss
            unanswered += 1
        time.sleep(sbs.GAP)
    proc.terminate()
    proc.wait()
    print("requests sent", n, "- with no whole answer within 1 s:", unanswered)
    kinds = collections.Counter()
    reasons = collections.Counter()
    with open(events) as f:
        for line in f:
            e = json.loads(line)
            kinds[e["type"]] += 1
            if e["type"] in SAID:
                why = str(e.get("reason") or e.get("why") or "")
                reasons[(e["type"], re.sub(r"[0-9.]+ ?(ns|us|ms|s)\b", "#", why))] += 1
    print("the sim's events by type:", dict(kinds))
    for (kind, why), count in reasons.most_common(20):
        print("%7d %s: %s" % (count, kind, why))


if __name__ == "__main__":
    main()
