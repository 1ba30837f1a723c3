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
# embed phase would go on for hours on a laptop). Environment: XMX (default 512m), SEED, DATA.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
[ $# -ge 1 ] || { echo "usage: $0 TREE [N]" >&2; exit 2; }
tree="$(cd "$1" && pwd)"
N="${2:-20}"
SEED="${SEED:-15}"
XMX="${XMX:-512m}"
DATA="${DATA:-$(mktemp -d)}"; mkdir -p "$DATA"
export CODEINDEX_JAVA_OPTS="-Xmx$XMX"
port=$((20000 + RANDOM % 20000))
url="http://127.0.0.1:$port"

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

echo "offline index of $tree …" >&2
t0=$(date +%s.%N)
"$here/bin/codeindex" index "$tree" --offline --data-dir "$DATA/offline" --no-progress --json >"$DATA/offline.json" 2>"$DATA/offline.log"
t1=$(date +%s.%N)
offline=$(echo "$t1 - $t0" | bc)

echo "fresh watch of $tree (bundled model) …" >&2
t2=$(date +%s.%N)
"$here/bin/codeindex" watch "$tree" --data-dir "$DATA/watch" --port "$port" --no-progress 2>"$DATA/watch.log" &
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
read -r polled embed_at kw emb files <<<"$found"
watch_s=$(echo "$t3 - $t2" | bc)

echo "## Two-phase first index: time to keyword search — $(date -u +%Y-%m-%d) on $(nproc) cores, load $(cut -d' ' -f1-3 /proc/loadavg)"
echo
echo "Tree: \`$tree\`; JVM -Xmx$XMX; $N files picked at random (seed $SEED), each one's class looked up by"
echo "\`GET /symbols\` (the file first) and \`GET /search\` (the file among the top 10), polled every second."
echo "Command: \`bench/twophase.sh $1 $N\`."
echo
echo "| measure | value |"
echo "|---|---|"
printf '| offline `index` (C1, `bin/codeindex`) | %.1f s |\n' "$offline"
printf '| fresh `watch` with the bundled model: all %s definitions found by symbol and keyword search | %.1f s (%.2f× the offline pass) |\n' "$N" "$watch_s" "$(echo "$watch_s / $offline" | bc -l)"
printf '| embed phase started (from the first poll) | %s s |\n' "$embed_at"
printf '| coverage when found | %s of %s files keyword-indexed, %s embedded |\n' "$kw" "$files" "$emb"
echo
