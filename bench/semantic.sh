#!/usr/bin/env bash
# The semantic index on a Java tree, side by side in one run: the model alone vs the whole pipeline,
# peak RSS, search latency through the daemon, and the edit test. Prints a markdown section.
#
#   bench/semantic.sh TREE          # e.g. /work/corpora/jdk/java.base (85k chunks: ~1 h with bge on 2 cores)
#
# Environment: JAR (default target/codeindex.jar), XMX (default 512m, as bin/codeindex), MODEL (bge|minilm, default bge),
# RAW_N (chunk texts for the model-alone run, default 2000), DATA (data dir; default a fresh temp dir),
# FROM (raw, or search to reuse the finished index in DATA).
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
JAR="${JAR:-$here/target/codeindex.jar}"
XMX="${XMX:-512m}"
MODEL="${MODEL:-bge}"
RAW_N="${RAW_N:-2000}"
[ $# -ge 1 ] || { echo "usage: $0 TREE" >&2; exit 2; }
[ -f "$JAR" ] || (cd "$here" && mvn -B -q -DskipTests package >&2)
tree="$(cd "$1" && pwd)"
DATA="${DATA:-$(mktemp -d)}"; mkdir -p "$DATA"
export CODEINDEX_EMBEDDER_MODEL="$MODEL"
json() { python3 -c "import json,sys; s=json.load(sys.stdin); print($1)"; }

echo "## Semantic index — $(date -u +%Y-%m-%d) on $(nproc) cores, load $(cut -d' ' -f1-3 /proc/loadavg)"
echo
echo "Tree: \`$tree\` · model: $MODEL · JVM: -Xmx$XMX"
echo
echo "| measure | value |"
echo "|---|---|"

FROM="${FROM:-raw}"  # FROM=search: skip the model-alone and index rows, reuse DATA's finished index
if [ "$FROM" = raw ]; then
echo "model alone on $RAW_N chunk texts …" >&2
raw=$(java -cp "$JAR" "$here/bench/RawEmbedThroughput.java" "$tree" "$RAW_N" "$MODEL" 2>/dev/null | tail -1)
raw_rate=$(echo "$raw" | grep -oE '[0-9.]+ texts/s' | grep -oE '[0-9.]+' || true)
echo "| model alone (RawEmbedThroughput, $RAW_N texts, same chunking and batches) | $raw |"

echo "indexing $tree …" >&2
/usr/bin/time -v -o "$DATA/time.txt" java -Xmx"$XMX" -XX:-DontCompileHugeMethods -jar "$JAR" index "$tree" --data-dir "$DATA/d" --json --no-progress \
  >"$DATA/index.json" 2>"$DATA/index.log"
rss=$(awk -F: '/Maximum resident/ {print int($2/1024)}' "$DATA/time.txt")
read -r files chunks embedded ms embed_ms < <(json '"%d %d %d %d %d" % (s["files"]["indexed"], s["chunks"]["total"], s["chunks"]["embedded"], s["durationMs"], s["phasesMs"]["embed"])' <"$DATA/index.json")
e2e=$(echo "scale=1; $embedded * 1000 / $ms" | bc)
printf '| index, end to end | %d files, %d chunks, %d embedded in %.1f min: **%s chunks/s** (embed phase %.1f min); peak RSS %d MB |\n' \
  "$files" "$chunks" "$embedded" "$(echo "$ms / 60000" | bc -l)" "$e2e" "$(echo "$embed_ms / 60000" | bc -l)" "$rss"
if [ -n "$raw_rate" ]; then
  printf '| end to end / model alone | **%.2f** (target ≥ 0.9) |\n' "$(echo "$e2e / $raw_rate" | bc -l)"
fi

fi

echo "search latency …" >&2
port=$((20000 + RANDOM % 20000)); url="http://127.0.0.1:$port"
java -Xmx"$XMX" -XX:-DontCompileHugeMethods -jar "$JAR" watch "$tree" --data-dir "$DATA/d" --port "$port" --no-progress 2>"$DATA/watch.log" &
pid=$!
trap 'kill $pid 2>/dev/null || true' EXIT
until curl -sf "$url/ready" >/dev/null; do kill -0 $pid || exit 1; sleep 0.5; done
# 50 identifiers (type and method names from the tree) and 50 sentences, deterministic; `head`
# closes its pipe early on a large tree, so this block runs without pipefail
set +o pipefail
{ { grep -rhoE '(public|protected) [^=;(]*[^A-Za-z0-9][a-z][A-Za-z0-9]{5,}\(' "$tree" --include=*.java || true; } \
    | sed -E 's/.*[^A-Za-z0-9]([a-z][A-Za-z0-9]+)\($/\1/' | sort -u | awk 'NR % 7 == 1' | head -50
  { grep -rhoE '^\s+\* [A-Z][a-z]+ [a-z ,]{25,80}\.' "$tree" --include=*.java || true; } | sed -E 's/^\s+\* //' \
    | sort -u | awk 'NR % 3 == 1' | head -50; } >"$DATA/queries.txt"
set -o pipefail
lat=$(java "$here/bench/SearchLatency.java" "$url" "$DATA/queries.txt")
echo "| search through the daemon (\`/search?k=10\`, $(wc -l <"$DATA/queries.txt") queries: identifiers and javadoc sentences) | $lat ms |"
kill -TERM $pid; wait $pid || true; trap - EXIT

echo "edit test …" >&2
big=$(find "$tree" -name '*.java' -size +60k -exec wc -l {} + | awk '$1 >= 2000 && $2 != "total" {print $2}' | sort | head -1 || true)
cp "$big" "$DATA/original.java"
trap 'cp "$DATA/original.java" "$big"' EXIT  # the tree is put back even if a step below fails
python3 - "$big" <<'PY'
import re, sys
p = sys.argv[1]
src = open(p, encoding='utf-8').read()
# the first method body in the middle third of the file gets one extra statement
lines = src.split('\n')
start = len(lines) // 2
for i in range(start, len(lines)):
    if re.search(r'\)\s*(throws [\w., ]+)?\{\s*$', lines[i]) and not re.search(r'\b(class|interface|enum|record|if|for|while|switch|catch|synchronized|try)\b', lines[i]):
        lines.insert(i + 1, '        int codeindexBenchEdit = 42; // edited by bench/semantic.sh')
        break
open(p, 'w', encoding='utf-8').write('\n'.join(lines))
PY
java -Xmx"$XMX" -XX:-DontCompileHugeMethods -jar "$JAR" index "$tree" --data-dir "$DATA/d" --json --no-progress >"$DATA/edit.json" 2>>"$DATA/index.log"
cp "$DATA/original.java" "$big"
read -r eidx eemb ereu < <(json '"%d %d %d" % (s["files"]["indexed"], s["chunks"]["embedded"], s["chunks"]["reused"])' <"$DATA/edit.json")
echo "| edit test: one method of \`${big#$tree/}\` ($(wc -l <"$big") lines) changed, rerun | $eidx file re-chunked, **$eemb chunks embedded**, $ereu reused from the cache |"
java -Xmx"$XMX" -XX:-DontCompileHugeMethods -jar "$JAR" index "$tree" --data-dir "$DATA/d" --json --no-progress >/dev/null 2>>"$DATA/index.log" # back to the original
echo
