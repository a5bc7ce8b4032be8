#!/usr/bin/env python3
"""Which threads of which Java processes used the CPU, at which nice value: BENCHMARKS.md, "Who
runs raised". Standard library only; Linux (/proc).

    thread-nice-cpu.py -- COMMAND [ARG...]

Runs COMMAND (for example `./mvnw -q -o verify -Dit.test=PtyContractIT ...`) and, every 0.2 s
while it runs, reads each Java process's threads from /proc/PID/task/TID/stat: the thread's name
(digits shown as #), its nice value and its CPU ticks (utime + stime). At the end it prints the
ticks each (process kind, thread name, nice) used, most first. A process's kind is
surefire / failsafe (a test JVM), plexus-classworlds (Maven) or kb-COMMAND (kline-bench's own
commands, for example kb-sim). A thread that lived and died between two samples is not seen.
"""
import collections
import os
import re
import subprocess
import sys
import time


def kind(pid):
    try:
        cmd = open(f'/proc/{pid}/cmdline', 'rb').read().replace(b'\0', b' ').decode(errors='replace')
    except OSError:
        return None
    if not cmd or 'java' not in cmd.split(' ')[0]:
        return None
    for k in ('surefire', 'failsafe', 'plexus-classworlds'):
        if k in cmd:
            return k
    m = re.search(r'(kline-bench[^ ]*\.jar|io\.klinebench\.cli\.Main) (\w+)', cmd)
    return 'kb-' + m.group(2) if m else 'java'


def sample(kinds, last, total):
    for pid in os.listdir('/proc'):
        if not pid.isdigit():
            continue
        if pid not in kinds:
            kinds[pid] = kind(pid)
        k = kinds[pid]
        if not k:
            continue
        try:
            tids = os.listdir(f'/proc/{pid}/task')
        except OSError:
            continue
        for tid in tids:
            try:
                stat = open(f'/proc/{pid}/task/{tid}/stat').read()
            except OSError:
                continue
            name = re.sub(r'\d+', '#', stat[stat.index('(') + 1:stat.rindex(')')])
            fields = stat[stat.rindex(')') + 2:].split()
            ticks, nice = int(fields[11]) + int(fields[12]), int(fields[16])
            before = last.get((pid, tid), 0)
            if ticks > before:
                total[(k, name, nice)] += ticks - before
            last[(pid, tid)] = ticks


def main(argv):
    if len(argv) < 3 or argv[1] != '--':
        sys.exit(__doc__)
    child = subprocess.Popen(argv[2:])
    kinds, last, total = {}, {}, collections.Counter()
    while child.poll() is None:
        sample(kinds, last, total)
        time.sleep(0.2)
    print(f'exit {child.returncode}; CPU ticks ({os.sysconf("SC_CLK_TCK")} a second) by process, thread, nice:')
    for (k, name, nice), ticks in sorted(total.items(), key=lambda kv: -kv[1])[:40]:
        print(f'{ticks:7d}  nice {nice:3d}  {k:20s} {name}')
    return child.returncode


if __name__ == '__main__':
    sys.exit(main(sys.argv))
