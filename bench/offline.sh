#!/usr/bin/env bash
# Offline-index benchmark: codeindex against its peers, side by side, on the same trees, in one run.
#
#   bench/offline.sh TREE [TREE...] > bench/RESULTS.md
#
# For each TREE (best a git work tree; see bench/README.md for the corpora) it prints one markdown
# table row per tool:
#   codeindex cold      `index TREE --offline --json` into a fresh data dir: wall, peak RSS, files/s, MB/s
#   codeindex no-change the same command again on the same data dir: wall and the JSON's phasesMs.scan
#   codeindex (bin/codeindex) cold / no-change: the same two runs through the launcher, with its
#                       class-data-sharing archive (what users run; LAUNCHER=0 leaves them out). The
#                       two `java -jar` rows stay as before, so tables of earlier runs compare with them.
#   codeindex warm JVM index / no-change: the same passes repeated in one JVM, as the daemon runs
#                       them (bench/WarmPasses.java, WARM_PASSES per mode, median of all but the first
#                       two): what the pass costs once the JIT has compiled it, without JVM start-up
#   ctags               `ctags -R --sort=no` into a temp tag file: wall, peak RSS (parse + write; sorting
#                       the tags file is left out: codeindex has no such step, and it dominated RSS)
#   git status          `git status --porcelain` (warmed once, then timed): wall
#   rg + xxh128sum      `rg --files TREE | xargs xxh128sum`: walk + hash every file: wall
# then ratio lines: codeindex cold / ctags and codeindex no-change scan / git status.
#
# Page cache is NOT dropped: every tree is read once (rg --files | xargs cat) before measuring, so all
# numbers are warm-cache numbers. Each tool runs once per tree (no repetitions).
#
# Environment:
#   JAR=target/codeindex.jar (built with `mvn -B -q package -DskipTests` when the default jar is missing)
#   JAVA=java   XMX=256m   TIMEOUT=3600 (seconds per codeindex run)   BUILD=1 (0: never build)
#   WARM_PASSES=10 (0 leaves the warm-JVM rows out; WARM_MAX_FILES=5000: trees with more files get
#   no warm index row: ten whole indexes of the JDK take ten minutes, of Linux an hour)
#   TMPDIR      where the temporary data dirs and tag files go (keep it on a real disk, not tmpfs)
# Progress and failures go to stderr; the markdown goes to stdout.
set -euo pipefail

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
repo=$(dirname "$here")
default_jar="$repo/target/codeindex.jar"
JAR=${JAR:-$default_jar}
JAVA=${JAVA:-java}
XMX=${XMX:-256m}
TIMEOUT=${TIMEOUT:-3600}
BUILD=${BUILD:-1}
# bin/codeindex rows only for the default jar: the launcher runs target/codeindex.jar
LAUNCHER=${LAUNCHER:-1}
[ "$JAR" = "$default_jar" ] || LAUNCHER=0
WARM_PASSES=${WARM_PASSES:-10}
WARM_MAX_FILES=${WARM_MAX_FILES:-5000}

usage() { echo "usage: $0 TREE [TREE...]   (env: JAR JAVA XMX TIMEOUT BUILD TMPDIR)" >&2; exit 2; }
[ $# -ge 1 ] || usage
case "$1" in -h|--help) usage ;; esac

log() { echo "[offline.sh] $*" >&2; }

missing=()
for c in python3 rg ctags xxh128sum git timeout; do command -v "$c" >/dev/null || missing+=("$c"); done
[ -x /usr/bin/time ] || missing+=("/usr/bin/time (GNU time)")
if [ ${#missing[@]} -gt 0 ]; then
  echo "missing tools: ${missing[*]} (apt-get install -y python3 ripgrep universal-ctags xxhash git time coreutils)" >&2
  exit 2
fi
for t in "$@"; do [ -d "$t" ] || { echo "not a directory: $t" >&2; exit 2; }; done

# Build the jar only when the default one is asked for and missing; an explicit JAR is used as given.
if [ ! -f "$JAR" ] && [ "$JAR" = "$default_jar" ] && [ "$BUILD" = 1 ] && [ -f "$repo/pom.xml" ]; then
  log "building $JAR (mvn -B -q package -DskipTests)"
  (cd "$repo" && mvn -B -q package -DskipTests) >&2 || log "build failed; codeindex rows will show FAILED"
fi

work=$(mktemp -d "${TMPDIR:-/tmp}/codeindex-bench.XXXXXX")
trap 'rm -rf "$work"' EXIT

# ---- helpers -------------------------------------------------------------------------------------

# run NAME CMD...: runs CMD under GNU time; stdout -> $work/NAME.out, stderr -> $work/NAME.err.
# Sets RC, WALL (seconds, 3 decimals) and RSS_MB (peak RSS of the largest single process, MB).
run() {
  local name=$1; shift
  local t0 t1
  RC=0
  t0=$(date +%s%N)
  /usr/bin/time -v -o "$work/$name.time" "$@" >"$work/$name.out" 2>"$work/$name.err" || RC=$?
  t1=$(date +%s%N)
  WALL=$(awk -v a="$t0" -v b="$t1" 'BEGIN { printf "%.3f", (b - a) / 1e9 }')
  RSS_MB=$(awk -F': ' '/Maximum resident set size/ { printf "%.0f", $2 / 1024 }' "$work/$name.time" 2>/dev/null)
  RSS_MB=${RSS_MB:-?}
}

div() {  # div A B [FORMAT]: A/B, or "—" when either is missing or B is 0
  awk -v a="$1" -v b="$2" -v f="${3:-%.1f}" 'BEGIN {
    if (a == "" || b == "" || a == "—" || b == "—" || a !~ /^[0-9.]+$/ || b !~ /^[0-9.]+$/ || b + 0 == 0) print "—";
    else printf f "\n", a / b }'
}

mb() { awk -v b="$1" 'BEGIN { printf "%.1f", b / 1048576 }'; }

cell() {  # one markdown cell: no pipes, no newlines, at most 160 characters
  printf '%s' "$*" | tr '\n|' ' /' | cut -c1-160
}

row() { printf '| %s | %s | %s | %s | %s | %s | %s | %s |\n' "$@"; }

# json FILE EXPR: evaluates a Python expression over the parsed JSON object `j` (prints "" on error).
json() {
  python3 - "$1" "$2" <<'EOF' 2>/dev/null || true
import json, sys
text = open(sys.argv[1], encoding="utf-8", errors="replace").read()
# stdout should hold only the JSON object; tolerate stray lines before it.
start = text.find("{")
j = json.loads(text[start:]) if start >= 0 else {}
def g(*keys, default=""):
    cur = j
    for k in keys:
        if not isinstance(cur, dict) or k not in cur:
            return default
        cur = cur[k]
    return cur
v = eval(sys.argv[2], {"j": j, "g": g})
print("" if v is None else v)
EOF
}

fail_note() {  # fail_note NAME: the stderr tail to stderr, a short reason for the notes cell
  local name=$1
  log "$name failed (exit $RC); stderr tail:"
  tail -n 20 "$work/$name.err" | sed 's/^/    /' >&2
  local why
  # the first exception/error line says more than the last stack frame
  why=$(grep -m 1 -E 'Exception|Error|error:|ERROR' "$work/$name.err" || true)
  [ -n "$why" ] || why=$(grep -v '^[[:space:]]*$' "$work/$name.err" | tail -n 1 || true)
  cell "FAILED exit $RC: $why"
}

# ---- header --------------------------------------------------------------------------------------

java_version=$("$JAVA" -version 2>&1 | head -1 || echo "java not found")
cat <<EOF
# Offline index benchmark

- date: $(date -u +%Y-%m-%dT%H:%M:%SZ), host: $(uname -srm), $(nproc) CPUs, $(awk '/MemTotal/ { printf "%.1f GB", $2 / 1048576 }' /proc/meminfo) RAM, load average at start: $(cut -d' ' -f1-3 /proc/loadavg)
- codeindex: \`$JAR\` ($( [ -f "$JAR" ] && echo "$(mb "$(stat -c %s "$JAR")") MB" || echo "missing")), $java_version, -Xmx$XMX
- peers: $(ctags --version | head -1 | cut -d, -f1), $(rg --version | head -1), $(xxh128sum --version 2>&1 | head -1 | cut -d' ' -f1-2), $(git --version)
- **warm page cache**: nothing is dropped from caches; each tree is read once (\`rg --files | xargs cat\`) before
  measuring, and every tool runs once. Wall times are single runs, not averages.
- files/MB: codeindex = files indexed / bytes of the files \`rg --files\` lists (rg's ignore rules, close to
  codeindex's), ctags = its own \`--totals\`, git status = tracked files (stat only, no bytes read),
  rg + xxh128sum = files rg lists. Peak RSS of a pipeline is that of its largest single process.

| tree | tool | wall s | files | files/s | MB/s | peak RSS MB | notes |
|---|---|---:|---:|---:|---:|---:|---|
EOF

ratios=()

# codeindex_rows LABEL CMD...: cold index into a fresh data dir, then the no-change rerun, with CMD
# (the JVM and its options up to the jar); prints both rows, sets cold_wall, scan_s and warm_wall.
codeindex_rows() {
  # -- codeindex, cold offline index into a fresh data dir
  local label=$1; shift
  local data="$work/data-$tname"
  rm -rf "$data"; mkdir -p "$data"
  local ci=("$@" index "$tree" --offline --json --no-progress --data-dir "$data")
  cold_wall=""; scan_s=""; warm_wall=""
  [ -f "$JAR" ] || log "codeindex jar not found: $JAR (running it anyway; the row will show FAILED)"
  if true; then
    log "$label cold"
    run ci-cold timeout --kill-after=10 "$TIMEOUT" "${ci[@]}"
    scanned=$(json "$work/ci-cold.out" 'g("files","scanned")')
    if [ "$RC" -ne 0 ] || [ -z "$scanned" ]; then
      [ "$RC" -ne 0 ] || RC="0, no JSON on stdout"
      row "$tname" "$label cold" "$WALL" "—" "—" "—" "$RSS_MB" "$(fail_note ci-cold)"
      row "$tname" "$label no-change" "—" "—" "—" "—" "—" "FAILED: no cold run"
    else
      cold_wall=$WALL
      indexed=$(json "$work/ci-cold.out" 'g("files","indexed")')
      # bytes: from the JSON if it ever reports them, otherwise what rg lists
      bytes=$(json "$work/ci-cold.out" 'g("files","bytes") or g("bytes","indexed") or g("bytes") or ""')
      bsrc="JSON"
      if ! [[ "$bytes" =~ ^[0-9]+$ ]]; then bytes=$rg_bytes; bsrc="rg --files"; fi
      notes=$(json "$work/ci-cold.out" '"langs=%d fn=%s cls=%s imp=%s chunks=%s skipped=%s scan=%sms chunk=%sms" % (
          len([k for k, v in (g("languages", default={}) or {}).items() if v]),
          g("symbols","functions"), g("symbols","classes"), g("symbols","imports"), g("chunks","total"),
          sum((g("files","skipped", default={}) or {}).values()), g("phasesMs","scan"), g("phasesMs","chunk"))')
      row "$tname" "$label cold" "$WALL" "$indexed/$scanned" "$(div "$indexed" "$WALL" %.0f)" \
          "$(div "$(mb "$bytes")" "$WALL")" "$RSS_MB" "$(cell "$notes; MB from $bsrc")"

      # -- codeindex, no-change rerun on the same data dir
      log "$label no-change"
      run ci-warm timeout --kill-after=10 "$TIMEOUT" "${ci[@]}"
      scanned2=$(json "$work/ci-warm.out" 'g("files","scanned")')
      if [ "$RC" -ne 0 ] || [ -z "$scanned2" ]; then
        [ "$RC" -ne 0 ] || RC="0, no JSON on stdout"
        row "$tname" "$label no-change" "$WALL" "—" "—" "—" "$RSS_MB" "$(fail_note ci-warm)"
      else
        scan_ms=$(json "$work/ci-warm.out" 'g("phasesMs","scan")')
        notes=$(json "$work/ci-warm.out" '"indexed=%s unchanged=%s scan=%sms total=%sms" % (
            g("files","indexed"), g("files","unchanged"), g("phasesMs","scan"), g("durationMs"))')
        row "$tname" "$label no-change" "$WALL" "$scanned2" "$(div "$scanned2" "$WALL" %.0f)" "—" "$RSS_MB" "$(cell "$notes")"
        scan_s=$(div "$scan_ms" 1000 %.3f)
        warm_wall=$WALL
      fi
    fi
  fi
  rm -rf "$data"
}

# warm_rows: WarmPasses in one JVM, fresh indexes (small trees only) then no-change passes; sets warm_scan_s
warm_rows() {
  warm_scan_s=""
  local data="$work/data-warm-$tname" mode label
  for mode in fresh nochange; do
    label="codeindex warm JVM $( [ "$mode" = fresh ] && echo index || echo no-change)"
    if [ "$mode" = fresh ] && [ "$rg_files" -gt "$WARM_MAX_FILES" ]; then
      row "$tname" "$label" "—" "—" "—" "—" "—" "not run: more than WARM_MAX_FILES=$WARM_MAX_FILES files"
      continue
    fi
    log "$label ($WARM_PASSES passes)"
    run "warm-$mode" timeout --kill-after=10 "$TIMEOUT" "$JAVA" "-Xmx$XMX" -cp "$JAR" "$here/WarmPasses.java" \
        "$tree" "$mode" "$WARM_PASSES" "$data"
    local med
    med=$(grep '^median ' "$work/warm-$mode.out" || true)
    if [ "$RC" -ne 0 ] || [ -z "$med" ]; then
      [ "$RC" -ne 0 ] || RC="0, no median line"
      row "$tname" "$label" "—" "—" "—" "—" "$RSS_MB" "$(fail_note "warm-$mode")"
      continue
    fi
    local n dur scan idx scanned all
    n=$(awk '{ print $2 }' <<<"$med")
    dur=$(sed -E 's/.*durationMs=([0-9]+).*/\1/' <<<"$med")
    scan=$(sed -E 's/.*scanMs=([0-9]+).*/\1/' <<<"$med")
    idx=$(sed -E 's/.*indexed=([0-9]+).*/\1/' <<<"$med")
    scanned=$(sed -E 's/.*scanned=([0-9]+).*/\1/' <<<"$med")
    all=$(awk '/^pass / { sub(/durationMs=/, "", $4); printf "%s%s", sep, $4; sep = "," }' "$work/warm-$mode.out")
    local secs
    secs=$(div "$dur" 1000 %.3f)
    if [ "$mode" = fresh ]; then
      row "$tname" "$label" "$secs" "$idx/$scanned" "$(div "$idx" "$secs" %.0f)" "$(div "$(mb "$rg_bytes")" "$secs")" \
          "$RSS_MB" "$(cell "median of $n passes after 2 warm-up passes, one JVM, no start-up; pass ms: $all")"
    else
      warm_scan_s=$(div "$scan" 1000 %.3f)
      row "$tname" "$label" "$secs" "$scanned" "$(div "$scanned" "$secs" %.0f)" "—" "$RSS_MB" \
          "$(cell "scan=${scan}ms (median of $n after 2 warm-up passes); pass ms: $all")"
    fi
  done
  rm -rf "$data"
}

# The launcher builds the jar when the sources are newer and writes its CDS archive on its first
# run after a build; a small run here does both, so that no measured run includes either.
if [ "$LAUNCHER" = 1 ]; then
  log "writing bin/codeindex's CDS archive (a 300-file run on $1)"
  mkdir -p "$work/cds-data"
  CODEINDEX_JAVA_OPTS="-Xmx$XMX" "$repo/bin/codeindex" index "$1" --offline --json --no-progress --max-files 300 \
      --data-dir "$work/cds-data" >/dev/null 2>&1 || log "the CDS warm-up run failed; the launcher rows may include writing it"
  rm -rf "$work/cds-data"
fi

# ---- per tree ------------------------------------------------------------------------------------

for tree_arg in "$@"; do
  tree=$(cd "$tree_arg" && pwd)
  tname=$(basename "$tree")
  log "== $tree"

  # What rg sees (its default ignore handling: .gitignore inside git trees, hidden files skipped).
  rg --files -0 "$tree" >"$work/rg.list0" || true
  rg_files=$(tr -cd '\0' <"$work/rg.list0" | wc -c)
  rg_bytes=$( (du -cb --files0-from="$work/rg.list0" 2>/dev/null || true) | tail -n 1 | cut -f1)
  rg_bytes=${rg_bytes:-0}

  log "warming the page cache ($rg_files files, $(mb "$rg_bytes") MB)"
  xargs -0 -r cat <"$work/rg.list0" >/dev/null 2>&1 || true
  is_git=0
  if git -C "$tree" rev-parse --is-inside-work-tree >/dev/null 2>&1; then
    is_git=1
    git -C "$tree" status --porcelain >/dev/null 2>&1 || true   # warm git's index and stat cache
  fi

  # -- codeindex, cold offline index into a fresh data dir, then the no-change rerun: `java -jar`
  # (comparable with earlier tables), then through bin/codeindex with its CDS archive (what users run)
  codeindex_rows codeindex "$JAVA" "-Xmx$XMX" -jar "$JAR"
  jar_cold=$cold_wall; jar_scan=${scan_s:-}; jar_warm=${warm_wall:-}
  bin_cold=""; bin_scan=""
  if [ "$LAUNCHER" = 1 ]; then
    CODEINDEX_JAVA_OPTS="-Xmx$XMX" codeindex_rows "codeindex (bin/codeindex)" "$repo/bin/codeindex"
    bin_cold=$cold_wall; bin_scan=${scan_s:-}
  fi
  cold_wall=$jar_cold; scan_s=$jar_scan; warm_wall=$jar_warm
  warm_scan_s=""
  if [ "$WARM_PASSES" -gt 2 ]; then
    warm_rows
  fi

  # -- ctags
  log "ctags"
  run ctags ctags -R --sort=no --totals=yes -f "$work/tags" "$tree"
  ctags_wall=""
  if [ "$RC" -ne 0 ]; then
    row "$tname" "ctags -R" "$WALL" "—" "—" "—" "$RSS_MB" "$(fail_note ctags)"
  else
    ctags_wall=$WALL
    # "N files, M lines (K kB) scanned in X seconds (R kB/s)"
    cf=""; ckb=""
    read -r cf ckb < <(awk '/ files?, .* lines? .*scanned/ { f = $1; k = $5; gsub(/\(/, "", k); print f, k }' "$work/ctags.err") || true
    cf=${cf:-—}; ckb=${ckb:-}
    tags=$(awk '/tags added to tag file/ { print $1 }' "$work/ctags.err")
    [ -n "$tags" ] || tags=$(grep -vc '^!_TAG_' "$work/tags" || true)
    row "$tname" "ctags -R" "$WALL" "$cf" "$(div "$cf" "$WALL" %.0f)" \
        "$( [ -n "$ckb" ] && div "$(awk -v k="$ckb" 'BEGIN { print k / 1024 }')" "$WALL" || echo —)" "$RSS_MB" \
        "tags=$tags; --sort=no; ignores .gitignore, parses every known language"
  fi
  rm -f "$work/tags"

  # -- git status (warmed above)
  git_wall=""
  if [ "$is_git" = 1 ]; then
    log "git status"
    run git git -C "$tree" status --porcelain
    tracked=$(git -C "$tree" ls-files | wc -l)
    if [ "$RC" -ne 0 ]; then
      row "$tname" "git status" "$WALL" "—" "—" "—" "$RSS_MB" "$(fail_note git)"
    else
      git_wall=$WALL
      row "$tname" "git status" "$WALL" "$tracked" "$(div "$tracked" "$WALL" %.0f)" "—" "$RSS_MB" \
          "warm; $(wc -l <"$work/git.out") changed paths"
    fi
  else
    row "$tname" "git status" "—" "—" "—" "—" "—" "not a git work tree"
  fi

  # -- rg --files | xxh128sum (walk + read + hash everything rg lists)
  log "rg + xxh128sum"
  run rgx bash -o pipefail -c 'rg --files "$1" | xargs -d "\n" -r xxh128sum >/dev/null' _ "$tree"
  if [ "$RC" -ne 0 ]; then
    row "$tname" "rg + xxh128sum" "$WALL" "—" "—" "—" "$RSS_MB" "$(fail_note rgx)"
  else
    row "$tname" "rg + xxh128sum" "$WALL" "$rg_files" "$(div "$rg_files" "$WALL" %.0f)" \
        "$(div "$(mb "$rg_bytes")" "$WALL")" "$RSS_MB" "walk + hash, rg ignore rules"
  fi

  ratios+=("- $tname: codeindex cold / ctags = $(div "$cold_wall" "$ctags_wall" %.2f)× \
(${cold_wall:-—} s vs ${ctags_wall:-—} s); codeindex no-change scan / git status = \
$(div "${scan_s:-}" "$git_wall" %.2f)× (${scan_s:-—} s vs ${git_wall:-—} s; whole no-change run incl. JVM start: \
$(div "${warm_wall:-}" "$git_wall" %.2f)×)")
  if [ "$LAUNCHER" = 1 ]; then
    ratios+=("- $tname through bin/codeindex: cold / ctags = $(div "$bin_cold" "$ctags_wall" %.2f)× \
(${bin_cold:-—} s); no-change scan / git status = $(div "${bin_scan:-}" "$git_wall" %.2f)× (${bin_scan:-—} s)")
  fi
  if [ -n "$warm_scan_s" ]; then
    ratios+=("- $tname in a warm JVM (the daemon's rescan): no-change scan / git status = \
$(div "$warm_scan_s" "$git_wall" %.2f)× ($warm_scan_s s)")
  fi
  unset scan_s warm_wall
done

echo
echo "Load average at end: $(cut -d' ' -f1-3 /proc/loadavg) (on $(nproc) CPUs; a busy machine inflates every wall time)."
echo
echo "Ratios (wall time; lower is better for codeindex):"
echo
printf '%s\n' "${ratios[@]}"
