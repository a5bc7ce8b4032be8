#!/usr/bin/env bash
# How late a pty delivers to the simulator: BENCHMARKS.md, "How late a pty delivers".
# Run from the repository root after ./mvnw -q -DskipTests package; beside busy processes with
#   ../shared/tools/under-load -r 1 -- src/test/bench/pty-latency.sh
set -u
dir=$(mktemp -d)
java -jar target/kline-bench.jar sim --profile r50-r53-2005-2008 --virtual --link "$dir/kl" --trace "$dir/sim.trace" \
    < /dev/null > "$dir/sim.out" 2>&1 &
sim=$!
for _ in $(seq 1 100); do grep -q console: "$dir/sim.out" && break; sleep 0.1; done
python3 src/test/bench/pty-latency.py "$dir/kl" "${1:-3000}" "$dir/writes"
sleep 0.5
kill "$sim"; wait "$sim" 2>/dev/null
python3 src/test/bench/pty-latency.py --compare "$dir/writes" "$dir/sim.trace"
rm -rf "$dir"
