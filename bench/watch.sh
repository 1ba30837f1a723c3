#!/usr/bin/env bash
# The watch daemon on real trees: change-to-searchable latency, a large burst, an idle daemon.
# Prints a markdown section for bench/RESULTS.md on stdout; progress on stderr.
#
#   bench/watch.sh SEMANTIC_TREE [BURST_TREE BURST_SUBDIR]
#
# SEMANTIC_TREE is indexed with the default embedder (keep it small: embedding runs at ~20 chunks/s
# here); the latency test writes 50 edits into SEMANTIC_TREE/codeindex_bench_edits/ and removes the
# directory afterwards. BURST_TREE is watched offline (no embedder): BURST_SUBDIR is moved out of the
# tree and back, and the daemon must converge to what a fresh pass finds (checked by an `index` run
# on the same data dir afterwards: it must find nothing to do).
# Environment: JAR (default target/codeindex.jar), XMX (default 512m), EDITS (default 50),
# IDLE_SECONDS (default 60), DATA (data dir to reuse between runs; default a fresh temp dir).
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
JAR="${JAR:-$here/target/codeindex.jar}"
XMX="${XMX:-512m}"
EDITS="${EDITS:-50}"
IDLE_SECONDS="${IDLE_SECONDS:-60}"
[ $# -ge 1 ] || { echo "usage: $0 SEMANTIC_TREE [BURST_TREE BURST_SUBDIR]" >&2; exit 2; }
[ -f "$JAR" ] || (cd "$here" && mvn -B -q -DskipTests package >&2)
sem_tree="$(cd "$1" && pwd)"
DATA="${DATA:-$(mktemp -d)}"; mkdir -p "$DATA"
port=$((20000 + RANDOM % 20000))
url="http://127.0.0.1:$port"

wait_ready() { # url pid
  until curl -sf "$1/ready" >/dev/null; do
    kill -0 "$2" 2>/dev/null || { echo "daemon $2 died" >&2; exit 1; }
    sleep 0.5
  done
}
cpu_ticks() { awk '{print $14 + $15}' "/proc/$1/stat"; }
rss_kb() { awk '/VmRSS/ {print $2}' "/proc/$1/status"; }

echo "## Watch daemon — $(date -u +%Y-%m-%d) on $(nproc) cores, load $(cut -d' ' -f1-3 /proc/loadavg)"
echo
echo "JVM: -Xmx$XMX; debounce 100 ms (default)."
echo

# --- latency on the semantic tree ---
echo "indexing $sem_tree (semantic) …" >&2
t0=$(date +%s.%N)
java -Xmx"$XMX" -XX:-DontCompileHugeMethods -jar "$JAR" watch "$sem_tree" --data-dir "$DATA/sem" --port "$port" --no-progress 2>"$DATA/sem.log" &
pid=$!
trap 'kill $pid 2>/dev/null || true; rm -rf "$sem_tree/codeindex_bench_edits"' EXIT
wait_ready "$url" "$pid"
t1=$(date +%s.%N)
files=$(curl -s "$url/status" | python3 -c 'import json,sys; r=json.load(sys.stdin)["roots"][0]; print(r["files"]["indexed"], r["chunks"])')
echo "| measure | value |"
echo "|---|---|"
printf '| semantic tree | %s (%s files, %s chunks); initial pass %.1f s |\n' "$sem_tree" ${files% *} ${files#* } "$(echo "$t1 - $t0" | bc)"
lat=$(java "$here/bench/WatchLatency.java" "$url" "$sem_tree" "$EDITS" 2>"$DATA/latency.log")
echo "| change-to-searchable, $EDITS edits (write → /search finds it; includes the 100 ms debounce) | $lat |"

# --- idle ---
echo "idle for $IDLE_SECONDS s …" >&2
sleep 5
c0=$(cpu_ticks $pid); r0=$(rss_kb $pid)
sleep "$IDLE_SECONDS"
c1=$(cpu_ticks $pid); r1=$(rss_kb $pid)
hz=$(getconf CLK_TCK)
printf '| idle daemon over %s s | CPU %.2f%% of one core; RSS %d → %d MB |\n' "$IDLE_SECONDS" \
  "$(echo "($c1 - $c0) * 100 / $hz / $IDLE_SECONDS" | bc -l)" $((r0 / 1024)) $((r1 / 1024))
kill -TERM $pid; t2=$(date +%s.%N); wait $pid || true; t3=$(date +%s.%N)
printf '| SIGTERM to exit (idle) | %.2f s |\n' "$(echo "$t3 - $t2" | bc)"
rm -rf "$sem_tree/codeindex_bench_edits"

# --- burst on a large tree, offline ---
if [ $# -ge 3 ]; then
  burst_tree="$(cd "$2" && pwd)"; sub="$3"
  [ -d "$burst_tree/$sub" ] || { echo "no $burst_tree/$sub" >&2; exit 2; }
  port=$((port + 1)); url="http://127.0.0.1:$port"
  echo "watching $burst_tree offline …" >&2
  t0=$(date +%s.%N)
  java -Xmx"$XMX" -XX:-DontCompileHugeMethods -jar "$JAR" watch "$burst_tree" --offline --data-dir "$DATA/burst" --port "$port" --no-progress \
    2>"$DATA/burst.log" &
  pid=$!
  trap 'kill $pid 2>/dev/null || true; [ -d "$DATA/moved" ] && mv "$DATA/moved" "$burst_tree/$sub" || true' EXIT
  wait_ready "$url" "$pid"
  t1=$(date +%s.%N)
  n=$(find "$burst_tree/$sub" -type f | wc -l)
  printf '| burst tree | %s: initial pass %.1f s |\n' "$burst_tree" "$(echo "$t1 - $t0" | bc)"
  mv "$burst_tree/$sub" "$DATA/moved"
  t0=$(date +%s.%N); curl -sf -X POST "$url/sync?timeoutMs=600000" >/dev/null; t1=$(date +%s.%N)
  gone=$(curl -s "$url/status" | python3 -c 'import json,sys; print(json.load(sys.stdin)["roots"][0]["files"]["indexed"])')
  mv "$DATA/moved" "$burst_tree/$sub"
  t2=$(date +%s.%N); curl -sf -X POST "$url/sync?timeoutMs=600000" >/dev/null; t3=$(date +%s.%N)
  back=$(curl -s "$url/status" | python3 -c 'import json,sys; r=json.load(sys.stdin)["roots"][0]; print(r["files"]["indexed"], r["sinceStart"]["rescans"])')
  printf '| burst: move %s (%d files) out of the tree | converged in %.2f s (%s files indexed after) |\n' "$sub" "$n" "$(echo "$t1 - $t0" | bc)" "$gone"
  printf '| burst: move it back | converged in %.2f s (%s files indexed, %s full rescans since start) |\n' "$(echo "$t3 - $t2" | bc)" ${back% *} ${back#* }
  c0=$(cpu_ticks $pid); r0=$(rss_kb $pid); sleep "$IDLE_SECONDS"; c1=$(cpu_ticks $pid); r1=$(rss_kb $pid)
  printf '| idle daemon on %s over %s s | CPU %.2f%% of one core; RSS %d → %d MB |\n' "$(basename "$burst_tree")" \
    "$IDLE_SECONDS" "$(echo "($c1 - $c0) * 100 / $hz / $IDLE_SECONDS" | bc -l)" $((r0 / 1024)) $((r1 / 1024))
  kill -TERM $pid; wait $pid || true
  check=$(java -Xmx"$XMX" -XX:-DontCompileHugeMethods -jar "$JAR" index "$burst_tree" --offline --data-dir "$DATA/burst" --json --no-progress)
  echo "| correctness: \`index\` on the daemon's data dir afterwards | $(echo "$check" | python3 -c 'import json,sys; s=json.load(sys.stdin); f=s["files"]; print("indexed %d, deleted %d, moved %d (0/0/0 = the daemon had converged)" % (f["indexed"], f["deleted"], f["moved"]))') |"
fi
echo
