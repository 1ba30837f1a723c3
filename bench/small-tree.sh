#!/usr/bin/env bash
# A fresh `watch` of a small tree with the bundled model: seconds from start until a keyword search
# finds NAME, until the first vectors are searchable (coverage.embedded > 0), and until the first pass
# is done (every file embedded). Prints one markdown row per run on stdout; progress on stderr.
#
#   bench/small-tree.sh TREE NAME
#
# NAME is a word the tree's code holds (a function name). Environment: JAR (default
# target/codeindex.jar; B_JAR for a second jar, run alternately with the first), RUNS (default 1),
# XMX (default 512m). The daemon runs as the launcher runs it (-XX:-DontCompileHugeMethods).
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
[ $# -ge 2 ] || { echo "usage: $0 TREE NAME" >&2; exit 2; }
tree="$(cd "$1" && pwd)"
name="$2"
JAR="${JAR:-$here/target/codeindex.jar}"
RUNS="${RUNS:-1}"
XMX="${XMX:-512m}"
jars=("$JAR")
[ -n "${B_JAR:-}" ] && jars+=("$B_JAR")

now() { date +%s.%N; }
since() { echo "scale=1; ($(now) - $1) / 1" | bc; }

echo "| jar | files | keyword search finds $name, s | first vectors, s | first pass done, s |"
echo "|---|---:|---:|---:|---:|"
for run in $(seq 1 "$RUNS"); do
  for jar in "${jars[@]}"; do
    data=$(mktemp -d)
    port=$((20000 + RANDOM % 20000))
    url="http://127.0.0.1:$port"
    echo "run $run: $jar on $tree" >&2
    t0=$(now)
    java "-Xmx$XMX" -XX:-DontCompileHugeMethods -jar "$jar" watch "$tree" --data-dir "$data" --port "$port" \
      >"$data/watch.log" 2>&1 &
    pid=$!
    kw=""; vec=""; done_at=""; files=""
    while [ -z "$done_at" ]; do
      sleep 0.2
      kill -0 "$pid" 2>/dev/null || { echo "the daemon exited: $data/watch.log" >&2; exit 1; }
      if [ -z "$kw" ]; then
        n=$( (curl -s "$url/search?q=$name&k=3" || true) | python3 -c 'import json,sys
try: print(len(json.load(sys.stdin).get("results", [])))
except Exception: print(0)')
        if [ "$n" -gt 0 ]; then kw=$(since "$t0"); fi
      fi
      read -r emb ready files <<<"$( (curl -s "$url/status" || true) | python3 -c 'import json,sys
try:
  r = json.load(sys.stdin)["roots"][0]
  c = r.get("coverage", {})
  print(c.get("embedded", 0), 1 if r.get("ready") and c.get("embedded", -1) >= c.get("files", 1) >= 0 else 0, r["files"]["indexed"])
except Exception: print(0, 0, 0)')"
      if [ -z "$vec" ] && [ "$emb" -gt 0 ]; then vec=$(since "$t0"); fi
      if [ "$ready" = 1 ] && [ -n "$kw" ]; then done_at=$(since "$t0"); fi
    done
    kill "$pid"; wait "$pid" 2>/dev/null || true
    echo "| $(basename "$jar") | $files | $kw | $vec | $done_at |"
    rm -rf "$data"
  done
done
