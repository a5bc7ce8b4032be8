#!/usr/bin/env python3
"""The time from a sim's start to its first answer, jars interleaved: BENCHMARKS.md, "First answer".
Standard library only; the start and the request are side-by-side.py's.

    first-answer.py ROUNDS NAME=JAR [NAME=JAR...]

Each round starts every jar once, in turn (`java -jar JAR sim --profile r50-r53-2005-2008 --virtual
--link L`, as a user would), sends side-by-side.py's DS2 request as soon as the link exists and
again until one is answered, and stops the sim; then prints each jar's median, least and most.
"""
import importlib.util
import os
import statistics
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
spec = importlib.util.spec_from_file_location("sbs", os.path.join(HERE, "side-by-side.py"))
sbs = importlib.util.module_from_spec(spec)
spec.loader.exec_module(sbs)


def main():
    rounds = int(sys.argv[1])
    jars = [a.split("=", 1) for a in sys.argv[2:]]
    times = {name: [] for name, _ in jars}
    for r in range(rounds):
        for name, jar in jars:
            link = "/tmp/first-answer-%d-%s" % (os.getpid(), name)
            argv = ["java", "-jar", jar, "sim", "--profile", "r50-r53-2005-2008", "--virtual", "--link", link]
            proc, tester, first = sbs.start(name, argv, link)
            tester.close()
            proc.terminate()
            proc.wait(timeout=30)
            times[name].append(first * 1000)
            print(r + 1, name, "%.0f ms" % (first * 1000), flush=True)
    for name, t in times.items():
        print("%s: median %.0f ms, least %.0f, most %.0f (%d starts)" % (name, statistics.median(t), min(t), max(t), len(t)))


if __name__ == "__main__":
    main()
