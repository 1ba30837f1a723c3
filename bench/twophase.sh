#!/usr/bin/env bash
# Time until keyword and identifier search find definitions across a tree, for a fresh `watch`
# with the bundled model (a two-phase first index), next to an offline `index` of the same tree in
# the same run. Prints a markdown section for bench/RESULTS.md on stdout; progress on stderr.
#
#   bench/twophase.sh TREE [N]
#
# N (default 20) Java files of TREE are picked at random (seeded: SEED, default 15), among those whose
# file name no other file has; each one's
# first top-level class name must come back from GET /symbols with that file as its first result,
# and the same name from GET /search among its hits (asked once the symbol is found: the poller's own
# load, 20 searches a second on the same 2 cores, is not what is measured). The daemon is stopped once all are found (its
# embed phase would go on for hours on a laptop). Environment: XMX (default 512m), SEED, DATA, RUNS
# (offline/watch pairs, alternating, default 1; with more, the medians are printed too).
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
[ $# -ge 1 ] || { echo "usage: $0 TREE [N]" >&2; exit 2; }
tree="$(cd "$1" && pwd)"
N="${2:-20}"
SEED="${SEED:-15}"
XMX="${XMX:-512m}"
DATA="${DATA:-$(mktemp -d)}"; mkdir -p "$DATA"
export CODEINDEX_JAVA_OPTS="-Xmx$XMX"

# the files and the names to look for: a top-level class, interface, enum or record of each file
python3 - "$tree" "$N" "$SEED" >"$DATA/targets.tsv" <<'PY'
import os, random, re, sys
tree, n, seed = sys.argv[1], int(sys.argv[2]), int(sys.argv[3])
files = sorted(os.path.relpath(os.path.join(d, f), tree) for d, _, fs in os.walk(tree) for f in fs if f.endswith(".java")
               and f != "module-info.java" and f != "package-info.java")
rnd = random.Random(seed)
stems = {}
for rel in files:
    stems[os.path.basename(rel)] = stems.get(os.path.basename(rel), 0) + 1
out = []
for rel in rnd.sample(files, len(files)):
    stem = os.path.basename(rel)[:-5]
    if stems[os.path.basename(rel)] > 1:
        continue  # a name two files define: which one a look-up ranks first is arbitrary
    text = open(os.path.join(tree, rel), encoding="utf-8", errors="replace").read()
    if re.search(r"^(public |final |abstract |sealed |non-sealed )*(class|interface|enum|record|@interface) " + re.escape(stem) + r"\b", text, re.M):
        out.append((rel, stem))
    if len(out) == n:
        break
for rel, stem in out:
    print(rel + "\t" + stem)
PY

# RUNS pairs (default 1), each an offline pass then a fresh watch, alternating: single runs vary by
# ±25% on a shared 2-core machine, so the medians of several pairs say more than one pair.
RUNS="${RUNS:-1}"
: >"$DATA/pairs"
for run in $(seq 1 "$RUNS"); do
  echo "run $run: offline index of $tree …" >&2
  t0=$(date +%s.%N)
  "$here/bin/codeindex" index "$tree" --offline --data-dir "$DATA/offline-$run" --no-progress --json >"$DATA/offline-$run.json" 2>"$DATA/offline-$run.log"
  t1=$(date +%s.%N)
  offline=$(echo "$t1 - $t0" | bc)
  port=$((20000 + RANDOM % 20000))
  url="http://127.0.0.1:$port"

  echo "run $run: fresh watch of $tree (bundled model) …" >&2
  t2=$(date +%s.%N)
  "$here/bin/codeindex" watch "$tree" --data-dir "$DATA/watch-$run" --port "$port" --no-progress 2>"$DATA/watch-$run.log" &
  pid=$!
  trap 'kill $pid 2>/dev/null || true' EXIT
found=$(python3 - "$url" "$DATA/targets.tsv" "$pid" <<'PY'
import json, os, sys, time, urllib.parse, urllib.request
url, targets, pid = sys.argv[1], sys.argv[2], int(sys.argv[3])
todo = [l.rstrip("\n").split("\t") for l in open(targets) if l.strip()]
t0 = time.time()
first_embed = None
def get(path):
    with urllib.request.urlopen(url + path, timeout=10) as r:
        return json.load(r)
while todo:
    try:
        os.kill(pid, 0)
    except OSError:
        sys.exit("the daemon died")
    try:
        st = get("/status")["roots"][0]
        if first_embed is None and st["progress"]["phase"] == "embed":
            first_embed = time.time() - t0
        left = []
        for rel, name in todo:
            s = get("/symbols?" + urllib.parse.urlencode({"name": name, "k": 3}))["results"]
            if not (s and s[0]["path"] == rel):
                left.append((rel, name))  # the search is asked only once the symbol is found: half the load
                continue
            q = get("/search?" + urllib.parse.urlencode({"q": name, "k": 10}))["results"]
            if not any(h["path"] == rel for h in q):
                left.append((rel, name))
        todo = left
    except Exception as e:  # not listening yet, or answering 503 while it starts
        pass
    if todo:
        time.sleep(1)
st = get("/status")["roots"][0]
print("%.1f %s %s %s %s" % (time.time() - t0, "%.1f" % first_embed if first_embed else "-", st["coverage"]["keywordIndexed"],
                            st["coverage"]["embedded"], st["coverage"]["files"]))
PY
  )
  t3=$(date +%s.%N)
  kill -TERM $pid; wait $pid || true
  trap - EXIT
  read -r polled embed_at kw emb files <<<"$found"
  watch_s=$(echo "$t3 - $t2" | bc)
  echo "$offline $watch_s $embed_at $kw $emb $files" >>"$DATA/pairs"
done

echo "## Two-phase first index: time to keyword search — $(date -u +%Y-%m-%d) on $(nproc) cores, load $(cut -d' ' -f1-3 /proc/loadavg)"
echo
echo "Tree: \`$tree\`; JVM -Xmx$XMX; $N files picked at random (seed $SEED), each one's class looked up by"
echo "\`GET /symbols\` (the file first) and \`GET /search\` (the file among the top 10), polled every second;"
echo "$RUNS pair(s), each an offline \`index\` (C1, \`bin/codeindex\`) then a fresh \`watch\` with the bundled model."
echo "Command: \`RUNS=$RUNS SEED=$SEED bench/twophase.sh $1 $N\`."
echo
echo "| run | offline | watch: all $N found | ratio | embed phase started | coverage when found |"
echo "|---|---|---|---|---|---|"
python3 - "$DATA/pairs" <<'PY'
import statistics, sys
rows = [l.split() for l in open(sys.argv[1]) if l.strip()]
for i, (off, watch, embed, kw, emb, files) in enumerate(rows, 1):
    print(f"| {i} | {float(off):.1f} s | {float(watch):.1f} s | {float(watch) / float(off):.2f}× | {embed} s | {kw} of {files} keyword-indexed, {emb} embedded |")
if len(rows) > 1:
    off = statistics.median(float(r[0]) for r in rows)
    watch = statistics.median(float(r[1]) for r in rows)
    ratio = statistics.median(float(r[1]) / float(r[0]) for r in rows)
    print(f"| median | {off:.1f} s | {watch:.1f} s | **{ratio:.2f}×** (target ≤ 1.5×) | | |")
PY
echo
