#!/usr/bin/env bash
# Phase 1 of a fresh `watch` (a two-phase first index with the bundled model): its wall time and
# the CPU seconds of each thread group (chunk workers, the index thread, the JIT compilers, GC),
# read from /proc when the log says the embed phase starts; then the daemon is stopped.
#
#   bench/phase1-cpu.sh TREE [JVM options…]     # e.g. /work/corpora/jdk/java.base -XX:TieredStopAtLevel=1
#
# Environment: JAR (default target/codeindex.jar); POLL=1 queries the daemon meanwhile as a user's tools
# might, once a second: GET /status, then 20 GET /symbols and 20 GET /search (the query threads then
# show up in the CPU table). Linux only (/proc). Single runs vary by ±25% on a shared 2-core machine:
# compare builds or options in alternating runs.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
JAR="${JAR:-$here/target/codeindex.jar}"
[ $# -ge 1 ] || { echo "usage: $0 TREE [JVM options…]" >&2; exit 2; }
[ -f "$JAR" ] || (cd "$here" && mvn -B -q -DskipTests package >&2)
tree="$(cd "$1" && pwd)"; shift
d="$(mktemp -d)"
trap 'rm -rf "$d"' EXIT
start=$(date +%s.%N)
port=$((20000 + RANDOM % 20000))
java -Xmx512m -XX:-DontCompileHugeMethods "$@" -jar "$JAR" watch "$tree" --data-dir "$d/data" --port "$port" \
  --no-progress 2>"$d/log" &
pid=$!
if [ "${POLL:-0}" = 1 ]; then
  python3 - "$port" "$d/log" <<'PY' &
import sys, time, urllib.parse, urllib.request
port, log = sys.argv[1], sys.argv[2]
names = ["HashMap", "Collections", "Spliterator", "Inet4Address", "ZoneRules", "Formatter", "ByteBuffer", "Pattern",
         "ThreadLocal", "Cleaner", "URLClassLoader", "KeyStore", "Locale", "Objects", "StackWalker", "ModuleLayer",
         "Provider", "Charset", "Matcher", "Scanner"]
url = "http://127.0.0.1:%s" % port
def in_phase1():
    try:
        return "embed phase" not in open(log).read()
    except OSError:  # the script has ended
        return False
while in_phase1():
    try:
        urllib.request.urlopen(url + "/status", timeout=10).read()
        for n in names:
            urllib.request.urlopen(url + "/symbols?" + urllib.parse.urlencode({"name": n, "k": 3}), timeout=10).read()
            urllib.request.urlopen(url + "/search?" + urllib.parse.urlencode({"q": n, "k": 10}), timeout=10).read()
    except Exception:
        pass  # not listening yet
    time.sleep(1)
PY
fi
until grep -q "embed phase" "$d/log"; do
  sleep 0.2
  kill -0 "$pid" 2>/dev/null || { echo "the daemon stopped before its embed phase:" >&2; cat "$d/log" >&2; exit 1; }
done
end=$(date +%s.%N)
cpu=$(awk '{print ($14 + $15) / 100}' "/proc/$pid/stat")
for t in /proc/"$pid"/task/*; do
  echo "$(sed 's/[0-9#-]*$//;s/ *$//' "$t/comm")|$(awk '{print ($14 + $15) / 100}' "$t/stat")"
done | awk -F'|' '{s[$1] += $2} END {for (k in s) if (s[k] > 0.3) printf "  %-20s %6.1f s CPU\n", k, s[k]}' | sort -k2 -n -r
kill "$pid"; wait "$pid" 2>/dev/null || true
echo "phase 1: $(echo "$end - $start" | bc) s wall, $cpu s CPU"
