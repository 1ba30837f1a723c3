#!/usr/bin/env bash
# Can codeindex keep up with a GPU embedder? The semantic pipeline against an embedding server that
# answers at once (bench/InstantEmbedServer.java: deterministic vectors, no model), next to the
# offline pass over the same tree, alternating, each run on a fresh data directory. Prints a
# markdown section: per run chunks/s and peak RSS, the medians, and the ratio semantic / offline
# (issue #15's target: at least 0.5). Rates come from each run's summary (`durationMs`, the pass);
# the last column is the same ratio by each JVM's whole wall time (start and the store's close
# included), so a change that leaves work for the close (a merge, a graph) shows there.
#
#   bench/gpu-pace.sh TREE        # e.g. /work/corpora/jdk/java.base
#
# Environment: JAR (default target/codeindex.jar, built when missing), XMX (default 512m), RUNS
# (pairs, default 3), DIM (vector size, default 384, bge-small's), BATCH (texts per request,
# default 32), SERVER_THREADS (default 4), VECTORS (words, the default: texts sharing words get
# near vectors, as with a real model; random: unrelated uniform vectors, the worst case for the
# vector graph; see bench/InstantEmbedServer.java), KEEP=1 keeps the data directories, THREADS=1
# prints each run's CPU seconds per thread group (main, chunk workers, C2, GC…) and the embedding
# server's on stderr (Linux).
#
# JAVA_OPTS: JVM options for every run (e.g. --add-modules jdk.incubator.vector, as bin/codeindex
# gives a semantic index).
#
# A/B of two builds: B_JAR=other.jar runs, per round, the semantic pipeline of JAR then of B_JAR
# (no offline pass), alternating, and prints both rates and their ratio B/A per round and median.
# B_JAVA_OPTS: B's JVM options instead of JAVA_OPTS (B_JAR=JAR with other options is an A/B of them).
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
JAR="${JAR:-$here/target/codeindex.jar}"
XMX="${XMX:-512m}"
RUNS="${RUNS:-3}"
DIM="${DIM:-384}"
BATCH="${BATCH:-32}"
[ $# -ge 1 ] || { echo "usage: $0 TREE" >&2; exit 2; }
[ -f "$JAR" ] || (cd "$here" && mvn -B -q -DskipTests package >&2)
tree="$(cd "$1" && pwd)"
work="$(mktemp -d)"
# the summary is the last line that starts with "{" (a JVM option may print to stdout first)
json() { python3 -c "import json,sys; s=json.loads([l for l in sys.stdin if l.startswith('{')][-1]); print($1)"; }

port=$((20000 + RANDOM % 20000))
mkfifo "$work/stdin"
java -cp "$JAR" "$here/bench/InstantEmbedServer.java" "$port" "$DIM" "${SERVER_THREADS:-4}" "${VECTORS:-words}" \
  <"$work/stdin" >"$work/server.out" 2>"$work/server.err" &
server=$!
exec 3>"$work/stdin"   # the server runs until this closes
cleanup() { exec 3>&- || true; kill "$server" 2>/dev/null || true; [ "${KEEP:-0}" = 1 ] || rm -rf "$work"; }
trap cleanup EXIT
until grep -q ready "$work/server.out" 2>/dev/null; do kill -0 "$server" || { cat "$work/server.err" >&2; exit 1; }; sleep 0.2; done

# one run: prints "chunks ms rss_mb embed_ms process_ms" (ms: the summary's durationMs, the pass; process_ms:
# the JVM's whole life, start and the store's close included, so work left to the close still counts)
run() {
  local mode=$1 d="$work/$1-$2"
  local -a env=()
  local -a flags=(--offline)
  if [ "$mode" = semantic ]; then
    flags=()
    env=(CODEINDEX_EMBEDDER_MODEL=http CODEINDEX_EMBEDDER_URL="http://127.0.0.1:$port"
         CODEINDEX_EMBEDDER_HTTP_MODEL=instant CODEINDEX_EMBEDDER_MAX_TOKENS=512
         CODEINDEX_EMBEDDER_BATCH_SIZE="$BATCH")
  fi
  # shellcheck disable=SC2086
  env "${env[@]}" /usr/bin/time -v -o "$d.time" java -Xmx"$XMX" -XX:-DontCompileHugeMethods ${4-${JAVA_OPTS:-}} -jar "${3:-$JAR}" index "$tree" "${flags[@]}" \
    --data-dir "$d" --json --no-progress >"$d.json" 2>"$d.log" &
  local timer=$! pid="" snap="" served
  served=$(awk '{print $14 + $15}' "/proc/$server/stat")
  while kill -0 "$timer" 2>/dev/null; do
    # THREADS=1: CPU seconds per thread group of the run's JVM, read from /proc until it ends (Linux)
    if [ "${THREADS:-0}" = 1 ]; then
      [ -n "$pid" ] || pid=$(pgrep -P "$timer" java || true)
      if [ -n "$pid" ] && [ -d "/proc/$pid" ]; then
        # each thread's highest reading is kept: threads that end early (the chunk workers) still count
        snap=$({ echo "$snap"; for t in /proc/"$pid"/task/*; do
          echo "$(sed 's/[0-9#-]*$//;s/ *$//' "$t/comm" 2>/dev/null)|${t##*/}|$(awk '{print ($14 + $15) / 100}' "$t/stat" 2>/dev/null)"
        done 2>/dev/null; } | awk -F'|' 'NF == 3 {k = $1 "|" $2; if (!(k in m) || $3 > m[k]) m[k] = $3} END {for (k in m) print k "|" m[k]}')
      fi
    fi
    sleep 0.5
  done
  wait "$timer"
  if [ -n "$snap" ]; then
    echo "$mode $2 CPU s by thread group: $(echo "$snap" | awk -F'|' '{s[$1] += $3} END {for (k in s) if (s[k] > 0.3) printf "%s=%.1f ", k, s[k]}')" >&2
    echo "$mode $2 embedding server's CPU s: $(awk -v a="$served" '{printf "%.1f", ($14 + $15 - a) / 100}' "/proc/$server/stat")" >&2
  fi
  local rss wall
  rss=$(awk -F: '/Maximum resident/ {print int($2/1024)}' "$d.time")
  # "Elapsed (wall clock) time (h:mm:ss or m:ss): 0:44.86"
  wall=$(awk '/Elapsed \(wall clock\)/ {n = split($NF, p, ":"); s = 0; for (i = 1; i <= n; i++) s = s * 60 + p[i]; printf "%d", s * 1000}' "$d.time")
  json '"%d %d %d %d %d" % (s["chunks"]["total"], s["durationMs"], '"$rss"', s["phasesMs"].get("embed", 0), '"$wall"')' <"$d.json"
  [ "${KEEP:-0}" = 1 ] || rm -rf "$d"
}

if [ -n "${B_JAR:-}" ]; then
  echo "## Pipeline at GPU pace, A/B — $(date -u +%Y-%m-%d) on $(nproc) cores, load $(cut -d' ' -f1-3 /proc/loadavg)"
  echo
  echo "Tree: \`$tree\` · JVM: -Xmx$XMX ${JAVA_OPTS:-} · A: \`$JAR\` · B: \`$B_JAR\` ${B_JAVA_OPTS-${JAVA_OPTS:-}} · $RUNS alternating rounds, instant embedder (${VECTORS:-words} vectors)"
  echo
  echo "| round | A chunks/s | A RSS MB | B chunks/s | B RSS MB | B / A | A / B process s |"
  echo "|---|---|---|---|---|---|---|"
  : >"$work/ab"
  for i in $(seq 1 "$RUNS"); do
    echo "round $i: A …" >&2
    read -r ac ams arss _ awall < <(run semantic "a$i" "$JAR")
    echo "round $i: B …" >&2
    read -r bc bms brss _ bwall < <(run semantic "b$i" "$B_JAR" "${B_JAVA_OPTS-${JAVA_OPTS:-}}")
    arate=$(echo "scale=1; $ac * 1000 / $ams" | bc)
    brate=$(echo "scale=1; $bc * 1000 / $bms" | bc)
    asec=$(echo "$awall / 1000" | bc -l)
    bsec=$(echo "$bwall / 1000" | bc -l)
    echo "$arate $brate $arss $brss $asec $bsec" >>"$work/ab"
    printf '| %d | %s | %d | %s | %d | %.2f | %.1f / %.1f |\n' "$i" "$arate" "$arss" "$brate" "$brss" \
      "$(echo "$brate / $arate" | bc -l)" "$asec" "$bsec"
  done
  python3 - "$work/ab" <<'PY'
import statistics, sys
rows = [list(map(float, l.split())) for l in open(sys.argv[1]) if l.strip()]
med = lambda i: statistics.median(r[i] for r in rows)
print(f"| median | {med(0):.1f} | {med(2):.0f} | {med(1):.1f} | {med(3):.0f} | **{statistics.median(r[1] / r[0] for r in rows):.2f}** | {med(4):.1f} / {med(5):.1f} |")
PY
  exit 0
fi

echo "## Pipeline at GPU pace — $(date -u +%Y-%m-%d) on $(nproc) cores, load $(cut -d' ' -f1-3 /proc/loadavg)"
echo
echo "Tree: \`$tree\` · JVM: -Xmx$XMX ${JAVA_OPTS:-} · instant embedder: $DIM dimensions (${VECTORS:-words} vectors), batches of $BATCH · $RUNS alternating pairs"
echo
echo "| run | offline chunks/s | offline RSS MB | instant-embedder chunks/s | its embed phase s | its RSS MB | ratio | ratio by process time |"
echo "|---|---|---|---|---|---|---|---|"
: >"$work/ratios"
for i in $(seq 1 "$RUNS"); do
  echo "pair $i: offline …" >&2
  read -r oc oms orss _ owall < <(run offline "$i")
  echo "pair $i: semantic with the instant embedder …" >&2
  read -r sc sms srss sembed swall < <(run semantic "$i")
  orate=$(echo "scale=1; $oc * 1000 / $oms" | bc)
  srate=$(echo "scale=1; $sc * 1000 / $sms" | bc)
  ratio=$(echo "scale=3; $srate / $orate" | bc)
  wratio=$(echo "scale=3; $owall / $swall" | bc)
  echo "$orate $srate $ratio $orss $srss $wratio" >>"$work/ratios"
  printf '| %d | %s | %d | %s | %.1f | %d | %s | %s |\n' "$i" "$orate" "$orss" "$srate" "$(echo "$sembed / 1000" | bc -l)" "$srss" "$ratio" "$wratio"
done
python3 - "$work/ratios" <<'PY'
import statistics, sys
rows = [list(map(float, l.split())) for l in open(sys.argv[1]) if l.strip()]
med = lambda i: statistics.median(r[i] for r in rows)
print(f"| median | {med(0):.1f} | {med(3):.0f} | {med(1):.1f} | | {med(4):.0f} | **{med(2):.2f}** (target ≥ 0.5) | {med(5):.2f} |")
PY
