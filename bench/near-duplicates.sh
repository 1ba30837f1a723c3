#!/bin/sh
# usage: bench/near-duplicates.sh JAR DATA_DIR TREE QUERIES [CONFIG]
# Indexes TREE into DATA_DIR (a fresh one) with JAR, runs each line of QUERIES as a search (k=10) and
# prints per query the ordered pairs of hits of one file whose lines overlap, then the share of
# result lists that hold such a near-duplicate. CONFIG defaults to a MiniLM config made here.
JAR=$1; DATA=$2; TREE=$3; QUERIES=$4; CONFIG=${5:-}
if [ -z "$CONFIG" ]; then
  CONFIG="$DATA.config.yaml"
  printf 'embedder:\n  model: minilm\n' > "$CONFIG"
fi
java -jar "$JAR" index "$TREE" --data-dir "$DATA" --config "$CONFIG" --no-progress > "$DATA.index.json" 2>"$DATA.index.log" --json || exit 1
n=0; dup=0
while IFS= read -r q; do
  java -jar "$JAR" search "$q" --root "$TREE" --data-dir "$DATA" --config "$CONFIG" -k 10 --json 2>/dev/null > "$DATA.q$n.json"
  d=$(jq '[.results[] as $a | .results[] as $b | select($a != $b and $a.path == $b.path and $a.startLine <= $b.endLine and $b.startLine <= $a.endLine)] | length' "$DATA.q$n.json")
  n=$((n+1)); [ "$d" -gt 0 ] && dup=$((dup+1))
  echo "$d overlapping pairs: $q"
done < "$QUERIES"
echo "lists with a near-duplicate: $dup of $n"
