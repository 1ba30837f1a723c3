#!/usr/bin/env bash
# Retrieval-quality benchmark: does search find the right code? (bench/README.md, "retrieval.sh")
#
#   bench/retrieval.sh [N] > result.md        N = Python stdlib modules in the corpus (default 120)
#
# 1. bench/retrieval_corpus.py builds a corpus nobody tuned on: N stdlib modules with every docstring
#    removed, plus a few java.util files, and its queries: the first docstring sentence of a function
#    (target: that function's lines) and identifiers (`parse_args`, `Class.method`, Java camelCase).
# 2. `codeindex index` indexes it with the real pipeline (chunker, bundled model, embedded store).
# 3. bench/RetrievalEval.java runs every query through vector-only, keyword-only and the shipped
#    search (Searcher, as `codeindex search` does) plus the fusion candidates, and prints MRR@10,
#    R@10 and @1 per query type and split (dev: the files fusion settings were chosen on; test: the rest).
#
# Environment: WORK (default: a new temp dir, kept and printed), MODEL=bge|minilm, JAR
# (default target/codeindex.jar, built when missing), SENTENCES=400, IDENTIFIERS=200,
# QUALIFIED=60, JAVA_FILES=12, JAVA_IDENTIFIERS=60, PYSTDLIB=/work/corpora/pystdlib, JDK=/work/corpora/jdk,
# CODEINDEX_CHUNK_MAX_LINES etc. pass through to `index` (try a chunking variant).
# Everything is deterministic: the same N gives the same corpus and queries.
set -euo pipefail

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
repo=$(dirname "$here")
N=${1:-120}
MODEL=${MODEL:-bge}
JAR=${JAR:-$repo/target/codeindex.jar}
WORK=${WORK:-$(mktemp -d "${TMPDIR:-/tmp}/codeindex-retrieval.XXXXXX")}
log() { echo "[retrieval.sh] $*" >&2; }

for c in java python3 ctags; do command -v "$c" >/dev/null || { echo "missing: $c" >&2; exit 2; }; done
if [ ! -f "$JAR" ]; then
  log "building $JAR"
  (cd "$repo" && mvn -B -q package -DskipTests) >&2
fi

log "corpus and queries in $WORK"
mkdir -p "$WORK"
summary=$(python3 "$here/retrieval_corpus.py" "$WORK" --modules "$N" --sentences "${SENTENCES:-400}" \
  --identifiers "${IDENTIFIERS:-200}" --qualified "${QUALIFIED:-60}" --java-files "${JAVA_FILES:-12}" \
  --java-identifiers "${JAVA_IDENTIFIERS:-60}" --pystdlib "${PYSTDLIB:-/work/corpora/pystdlib}" \
  --jdk "${JDK:-/work/corpora/jdk}")
log "$summary"

rm -rf "$WORK/data"
log "indexing (model $MODEL; ~20 chunks/s on 2 cores)"
t0=$(date +%s)
CODEINDEX_EMBEDDER_MODEL=$MODEL java -Xmx1g -jar "$JAR" index "$WORK/corpus" --data-dir "$WORK/data" --json \
  --no-progress >"$WORK/index.json"
t1=$(date +%s)
store=$(find "$WORK/data" -maxdepth 3 -type d -name 'lucene-*' | head -1)

log "evaluating"
t2=$(date +%s)
java -cp "$JAR" "$here/RetrievalEval.java" "$store" "$WORK/queries.jsonl" "$MODEL" "$WORK/details.jsonl" \
  >"$WORK/eval.md"
t3=$(date +%s)

chunks=$(python3 -c 'import json,sys; j=json.load(open(sys.argv[1])); print(j["chunks"]["total"], j["files"]["indexed"], j["phasesMs"]["embed"])' "$WORK/index.json")
read -r nchunks nfiles embed_ms <<<"$chunks"
cat <<EOF
## Retrieval quality — $(date -u +%Y-%m-%d), commit $(git -C "$repo" rev-parse --short HEAD 2>/dev/null || echo "?")

- machine: $(nproc) CPUs, load average at start of eval $(cut -d' ' -f1-3 /proc/loadavg); $(java -version 2>&1 | head -1)
- corpus: $summary
- index: $nfiles files, $nchunks chunks, $((t1 - t0)) s wall (embed phase $((embed_ms / 1000)) s), model $MODEL
- evaluation: $((t3 - t2)) s (query embedding + every strategy); work dir $WORK

$(cat "$WORK/eval.md")
EOF
