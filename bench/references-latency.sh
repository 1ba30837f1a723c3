#!/bin/bash
# Latency of GET /references through a running watch daemon: for each NAME, the files that hold it, the lines
# listed (k=50), whether that is all, and the median of 5 requests after one warm-up.
#   bench/references-latency.sh PORT NAME...
# (RESULTS.md, session 25: a daemon on JDK java.base, indexed with bench/InstantEmbedServer.java as the embedder.)
set -euo pipefail
port=${1:?usage: references-latency.sh PORT NAME...}; shift
for n in "$@"; do
  curl -s "localhost:$port/references?name=$n&k=50" > /tmp/references-latency.json
  info=$(python3 -c "import json;d=json.load(open('/tmp/references-latency.json'));print(d.get('files'),len(d.get('references',[])),d.get('complete'))")
  ts=()
  for i in 1 2 3 4 5; do ts+=($(curl -s -o /dev/null -w '%{time_total}' "localhost:$port/references?name=$n&k=50")); done
  med=$(printf '%s\n' "${ts[@]}" | sort -n | sed -n 3p)
  echo "$n files=${info% * *} $(python3 -c "print(round($med*1000))") ms  (lines, complete: ${info#* })"
done
