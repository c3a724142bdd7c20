#!/usr/bin/env bash
# bench/growth.sh times each generated-data query on stores of growing size,
# each query in a process of its own, and prints how the times grow with the
# data: the acceptance of issue 6 asks that scans grow no worse than the data.
#
# Usage:
#   bench/growth.sh                 10^5, 10^6 and 10^7 quads, 3 rounds
#   options: --sizes "5 6 7"  (powers of ten)   --rounds N (default 3)
#            --runs N (default 11)  --warmup N (default 3)
#            --min-time D (default 2s: a query runs past --runs until its
#                          timed runs took this long, so the fast runs on a
#                          small store get as long a look as the slow ones)
#            --queries "scan filter" (default: every bench/queries/*.rq)
#            --work DIR (default $TMPDIR/partygraph-bench, shared with run.sh)
#
# It generates the data (as run.sh does) and loads each store once with
# `partygraph load`, then runs rounds: in each round every query runs once on
# each size, sizes alternating, so that a slow spell of the machine touches
# every size alike. One run is `pgbench query` on one query: open the store,
# --warmup untimed runs, then timed runs (at least --runs, for at least
# --min-time), the median. `pgbench growth` then
# prints, per query, the median over the rounds on each size and the growth
# from one size to the next (in brackets, the range of the ratios within a
# round). The stores stay in $WORK/db/growth-1eN for later rounds; delete
# them after changing the store's layout.
set -euo pipefail

ROOT=$(cd "$(dirname "$0")/.." && pwd)
WORK=${TMPDIR:-/tmp}/partygraph-bench
SIZES="5 6 7"
ROUNDS=3
RUNS=11
WARMUP=3
MINTIME=2s
QUERIES=""
while [ $# -gt 0 ]; do
	case "$1" in
	--sizes) SIZES=$2; shift ;;
	--rounds) ROUNDS=$2; shift ;;
	--runs) RUNS=$2; shift ;;
	--warmup) WARMUP=$2; shift ;;
	--min-time) MINTIME=$2; shift ;;
	--queries) QUERIES=$2; shift ;;
	--work) WORK=$2; shift ;;
	-h | --help) sed -n '2,/^set -e/p' "$0" | sed 's/^# \{0,1\}//;/^set -e/d'; exit 0 ;;
	*) echo "bench/growth.sh: unknown argument $1 (see --help)" >&2; exit 2 ;;
	esac
	shift
done
if [ -z "$QUERIES" ]; then
	QUERIES=$(cd "$ROOT/bench/queries" && ls *.rq | sed 's/\.rq$//' | tr '\n' ' ')
fi

. "$ROOT/bench/common.sh"
build_tools
mkdir -p "$WORK/growth"
rm -f "$WORK"/growth/*.json

for e in $SIZES; do
	f=$(data_file "gen-1e$e")
	db=$WORK/db/growth-1e$e
	if [ ! -d "$db" ]; then
		log "loading $f into $db"
		"$PG" load -q --db "$db.tmp" "$f" && mv "$db.tmp" "$db"
	fi
done

for r in $(seq 1 "$ROUNDS"); do
	log "round $r of $ROUNDS"
	for q in $QUERIES; do
		for e in $SIZES; do
			"$PGB" query --db "$WORK/db/growth-1e$e" --data "$WORK/data/gen-1e$e.nq" \
				--warmup "$WARMUP" --runs "$RUNS" --min-time "$MINTIME" "$ROOT/bench/queries/$q.rq" > "$WORK/growth/$r-$q-1e$e.json"
		done
	done
done

echo
echo "partygraph $(cd "$ROOT" && git rev-parse --short HEAD); $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ *//'); each query in its own process, median of at least $RUNS runs and $MINTIME after $WARMUP untimed, $ROUNDS rounds; load average at the end: $(cut -d' ' -f1-3 /proc/loadavg)"
echo
"$PGB" growth "$WORK"/growth/*.json
