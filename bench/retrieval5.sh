#!/usr/bin/env bash
# Retrieval quality in six languages, tuning and held-out parts (bench/README.md, "retrieval5.sh")
#
#   bench/retrieval5.sh > result.md
#   LANGS=go,rust WORK=/tmp/r5 bench/retrieval5.sh > result.md
#
# 1. bench/retrieval_langs.py fetches pinned packages (Debian, npm, Maven Central) into CACHE when
#    missing, and builds per language a corpus with its doc comments and docstrings removed (through
#    bench/DocDefs.java for all but Python) and its queries: the first sentence of the doc comment
#    of a function (target: that function's lines) and names defined once, each query in the
#    "tuning" or "heldout" part by the SHA-1 of its file's path.
# 2. `codeindex index` indexes each corpus with the real pipeline (chunker, bundled model, embedded
#    store) into its own data dir.
# 3. bench/RetrievalEval.java (-Dsummary) prints one row per language and part: the shipped search's
#    sentence MRR@10 (bootstrap 95% interval), R@10, R@1, the vector-only and keyword-only sentence
#    MRR@10, identifier R@1 and MRR@10, and the share of result lists with a near-duplicate.
#
# Environment: LANGS (default python,java,javascript,go,rust,c), WORK (default: a new temp dir, kept
# and printed), CACHE (default /work/evalcache), MODEL=bge|minilm|onnx (onnx: a model file, named by
# CODEINDEX_EMBEDDER_MODEL_PATH, _TOKENIZER_PATH, _POOLING, _QUERY_PREFIX, _DOCUMENT_PREFIX in the
# environment, for both the index and the queries), JAR (default target/codeindex.jar,
# built when missing), SENTENCES=150 and IDENTIFIERS=100 (per language and part), BUDGET_KB (source
# KB per language; default per language in retrieval_langs.py), INDEX_THREADS (chunking threads of
# `index`, default 1), CODEINDEX_CHUNK_MAX_LINES etc. pass through to `index`. The same sources and
# settings give the same corpora and queries; scores repeat to within graph noise (bench/README.md).
set -euo pipefail

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
repo=$(dirname "$here")
LANGS=${LANGS:-python,java,javascript,go,rust,c}
MODEL=${MODEL:-bge}
JAR=${JAR:-$repo/target/codeindex.jar}
CACHE=${CACHE:-/work/evalcache}
WORK=${WORK:-$(mktemp -d "${TMPDIR:-/tmp}/codeindex-retrieval5.XXXXXX")}
log() { echo "[retrieval5.sh] $*" >&2; }

for c in java python3; do command -v "$c" >/dev/null || { echo "missing: $c" >&2; exit 2; }; done
if [ ! -f "$JAR" ]; then
  log "building $JAR"
  (cd "$repo" && mvn -B -q package -DskipTests) >&2
fi

log "corpora and queries in $WORK (sources cached in $CACHE)"
mkdir -p "$WORK"
python3 "$here/retrieval_langs.py" "$WORK" --jar "$JAR" --langs "$LANGS" --cache "$CACHE" \
  ${BUDGET_KB:+--budget-kb "$BUDGET_KB"} --sentences "${SENTENCES:-150}" --identifiers "${IDENTIFIERS:-100}" \
  >"$WORK/corpora.jsonl"

rows=""
t_start=$(date +%s)
load=$(cut -d' ' -f1-3 /proc/loadavg)
for lang in ${LANGS//,/ }; do
  dir="$WORK/$lang"
  rm -rf "$dir/data"
  log "$lang: indexing (model $MODEL)"
  t0=$(date +%s)
  # one chunking thread: files reach the store in the same order on every run (background merges still
  # make the vector graphs, and JS/TS scores, vary by up to about 0.007)
  CODEINDEX_EMBEDDER_MODEL=$MODEL java -Xmx1g -jar "$JAR" index "$dir/corpus" --data-dir "$dir/data" --json \
    --threads "${INDEX_THREADS:-1}" \
    --no-progress >"$dir/index.json"
  t1=$(date +%s)
  echo $((t1 - t0)) >"$dir/index.seconds"
  store=$(find "$dir/data" -maxdepth 3 -type d -name 'lucene-*' | head -1)
  log "$lang: evaluating"
  rows+=$(java -Dsummary="$lang" -cp "$JAR" "$here/RetrievalEval.java" "$store" "$dir/queries.jsonl" "$MODEL" \
    "$dir/details.jsonl")$'\n'
done
t_end=$(date +%s)

cat <<EOF
## Retrieval in six languages — $(date -u +%Y-%m-%d), commit $(git -C "$repo" rev-parse --short HEAD 2>/dev/null || echo "?")

- machine: $(nproc) CPUs, load average at start $load; $(java -version 2>&1 | head -1); model $MODEL
- command: \`bench/retrieval5.sh\`$( [ "$LANGS" != python,java,javascript,go,rust,c ] && echo " with LANGS=$LANGS"); index and evaluation $((t_end - t_start)) s; work dir $WORK

Shipped search (\`Searcher.search\`, what \`codeindex search\` runs) unless named. Sentences: MRR@10 [bootstrap
95% interval], R@10, R@1; vector and keyword: MRR@10 of each alone. Identifiers: R@1, MRR@10.
Near-dup: share of result lists (top 10) with two hits of one file whose line ranges overlap.

| language | part | sentences | MRR@10 | R@10 | R@1 | vector | keyword | identifiers | R@1 | MRR@10 | near-dup (sentences) | near-dup (identifiers) |
|---|---|---:|---|---:|---:|---:|---:|---:|---|---:|---:|---:|
${rows%$'\n'}

Corpora (sources pinned; files taken in SHA-1 order of their path up to the budget):

| language | sources | files | KB (stripped) | chunks | index s | sentence / identifier candidates |
|---|---|---:|---:|---:|---:|---|
$(python3 - "$WORK" <<'PY'
import json, os, sys
work = sys.argv[1]
for line in open(os.path.join(work, "corpora.jsonl")):
    c = json.loads(line)
    d = os.path.join(work, c["lang"])
    chunks = json.load(open(os.path.join(d, "index.json")))["chunks"]["total"]
    secs = open(os.path.join(d, "index.seconds")).read().strip()
    src = ", ".join(f'{s["name"]} {s["version"]}' for s in c["sources"])
    print(f'| {c["lang"]} | {src} | {c["files"]} | {c["sourceKB"]} ({c["strippedKB"]}) | {chunks} | {secs} '
          f'| {c["sentenceCandidates"]} / {c["identifierCandidates"]} ({c["sentencesNamingTarget"]} chosen sentences name their function) |')
PY
)
EOF
