#!/usr/bin/env bash
# bench/run.sh times partygraph and Oxigraph on the same data and the same
# SPARQL queries in one run, and prints the ratios.
#
# Usage:
#   bench/run.sh --quick          generated 10^4 and 10^5 quads, LUBM(1): a couple of minutes
#   bench/run.sh                  generated 10^4, 10^5, 10^6 quads, LUBM(1), LUBM(10)
#   bench/run.sh --with-1e7       also 10^7 generated quads (long; not run by default)
#   options: --runs N (default 5)  --warmup N (untimed runs first, default 1)
#            --work DIR (default $TMPDIR/partygraph-bench)
#            --sets "gen-1e5 lubm1" (exactly these data sets)
#            --corpus N (time the document loaders on N meetings' documents; 0: skip; default 200)
#
# For each data set it
#   1. times `partygraph load` of the N-Quads into a fresh embedded store
#      (wall time of the command, and its peak RSS);
#   2. runs bench/cmd/pgbench, which opens that store once and runs each
#      query once untimed, then --runs times in-process (sparql.Parse +
#      sparql.Exec), median ms;
#   3. runs bench/oxigraph.mjs: Oxigraph's in-memory Store in Node, loading
#      the same file (timed) and running the same queries the same way
#      (one untimed run each, then --runs timed).
# Then `pgbench report` prints one table: operation, data, quads,
# partygraph ms, oxigraph ms, ratio, and whether the answers are equal
# (same rows as a multiset), and bench/plot draws the plots (docs/perf-*.svg
# for a full run, $WORK/plots otherwise).
#
# Queries: bench/queries/*.rq on generated data, bench/queries/lubm/*.rq
# (LUBM's 14 queries as published, without reasoning, and six of the same
# shapes as the generated-data ones) on LUBM. partygraph's default graph is
# the set-merge of all named graphs; Oxigraph runs with
# use_default_graph_as_union on LUBM (one named graph, so the same set);
# on generated data (many sources) Oxigraph also gets every triple once in
# its default graph, untimed after the timed load (oxigraph.mjs
# --default-graph merge), and queries that: its union mode would repeat a
# triple once per source and multiply joins before DISTINCT.
set -euo pipefail

OXIGRAPH_VERSION=0.5.11
ROOT=$(cd "$(dirname "$0")/.." && pwd)
WORK=${TMPDIR:-/tmp}/partygraph-bench
RUNS=5
WARMUP=1
QUICK=0
BIG=0
SETS=""
CUSTOM=""
CORPUS=200
while [ $# -gt 0 ]; do
	case "$1" in
	--quick) QUICK=1 ;;
	--with-1e7) BIG=1 ;;
	--runs) RUNS=$2; shift ;;
	--warmup) WARMUP=$2; shift ;;
	--work) WORK=$2; shift ;;
	--sets) SETS=$2; CUSTOM=1; shift ;;
	--corpus) CORPUS=$2; shift ;;
	-h | --help) sed -n '2,/^set -e/p' "$0" | sed 's/^# \{0,1\}//;/^set -e/d'; exit 0 ;;
	*) echo "bench/run.sh: unknown argument $1 (see --help)" >&2; exit 2 ;;
	esac
	shift
done
if [ -z "$SETS" ]; then
	if [ $QUICK = 1 ]; then
		SETS="gen-1e4 gen-1e5 lubm1"
	else
		SETS="gen-1e4 gen-1e5 gen-1e6 lubm1 lubm10"
	fi
	if [ $BIG = 1 ]; then SETS="$SETS gen-1e7"; fi
fi
. "$ROOT/bench/common.sh"
build_tools
mkdir -p "$WORK/results"
rm -f "$WORK"/results/*.json

if ! node -e "process.exit(require('$ROOT/bench/node_modules/oxigraph/package.json').version === '$OXIGRAPH_VERSION' ? 0 : 1)" 2>/dev/null; then
	log "installing oxigraph@$OXIGRAPH_VERSION into bench/node_modules"
	(cd "$ROOT/bench" && npm install --no-save --no-package-lock --no-audit --no-fund "oxigraph@$OXIGRAPH_VERSION" >&2)
fi

queries_for() {
	case "$1" in
	gen-*) ls "$ROOT"/bench/queries/*.rq ;;
	lubm*) ls -v "$ROOT"/bench/queries/lubm/*.rq ;;
	esac
}

now_ms() { echo $(($(date +%s%N) / 1000000)); }

for set in $SETS; do
	file=$(data_file "$set")
	mapfile -t queries < <(queries_for "$set")
	db=$WORK/db/$set
	rm -rf "$db"

	log "$set: partygraph load"
	t0=$(now_ms)
	if command -v /usr/bin/time >/dev/null; then
		/usr/bin/time -f '%M' -o "$WORK/results/rss-$set.txt" "$PG" load -q --db "$db" "$file"
	else
		"$PG" load -q --db "$db" "$file"
	fi
	load_ms=$(($(now_ms) - t0))
	log "$set: loaded in ${load_ms} ms$( [ -f "$WORK/results/rss-$set.txt" ] && echo ", peak RSS $(( $(cat "$WORK/results/rss-$set.txt") / 1024 )) MiB")"

	# The curated data partygraph loads with every file goes into Oxigraph too (untimed).
	extra=()
	for label in ontology gazetteer; do
		out=$WORK/data/$set-curated-$label.nq
		if "$PG" export --db "$db" --graph "$label" -o "$out" 2>/dev/null && [ -s "$out" ]; then
			extra+=(--extra "$out")
		fi
	done

	log "$set: partygraph queries (${#queries[@]} × $RUNS runs)"
	if ! "$PGB" query --db "$db" --warmup "$WARMUP" --runs "$RUNS" --load-ms "$load_ms" --data "$file" "${queries[@]}" > "$WORK/results/pg-$set.json"; then
		log "$set: pgbench query failed; partygraph's query timings are missing"
		printf '{"engine":"partygraph","data":"%s","load_ms":%s,"queries":[]}\n' "$file" "$load_ms" > "$WORK/results/pg-$set.json"
	fi

	log "$set: oxigraph load and queries"
	graph=union # LUBM is one named graph: the union is the set-merge
	case "$set" in gen-*) graph=merge ;; esac
	node --max-old-space-size=8192 "$ROOT/bench/oxigraph.mjs" --data "$file" "${extra[@]}" --default-graph "$graph" --warmup "$WARMUP" --runs "$RUNS" "${queries[@]}" > "$WORK/results/ox-$set.json"
	rm -rf "$db"
done

# The document loaders (partygraph only: Oxigraph reads no documents): a
# generated corpus in the four genres about the meetings of --corpus N.
corpus_line=""
if [ "$CORPUS" -gt 0 ]; then
	dir=$WORK/data/corpus-$CORPUS
	if [ ! -d "$dir" ]; then
		"$PGB" gen --corpus --meetings "$CORPUS" --seed 1 --out "$dir" >&2
	fi
	rm -rf "$WORK/db/corpus"
	log "corpus of $CORPUS meetings: partygraph load"
	t0=$(now_ms)
	summary=$("$PG" load --db "$WORK/db/corpus" "$dir" | tail -1)
	corpus_ms=$(($(now_ms) - t0))
	corpus_line="document loaders: $(ls "$dir" | wc -l) generated documents about $CORPUS meetings in $corpus_ms ms ($summary)"
	rm -rf "$WORK/db/corpus"
fi

echo
echo "partygraph $(cd "$ROOT" && git rev-parse --short HEAD) vs oxigraph $OXIGRAPH_VERSION; $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ *//'), $(awk '/MemTotal/ {printf "%.0f GiB", $2/1048576}' /proc/meminfo); median of $RUNS runs after $WARMUP untimed (fewer for queries over 20 s); load average at the end: $(cut -d' ' -f1-3 /proc/loadavg)"
results=()
for set in $SETS; do results+=("$WORK/results/pg-$set.json" "$WORK/results/ox-$set.json"); done
"$PGB" report --tsv "$WORK/results/results.tsv" "${results[@]}" | tee "$WORK/results/table.txt"
for set in $SETS; do
	if [ -f "$WORK/results/rss-$set.txt" ]; then
		echo "peak RSS of partygraph load, $set: $(( $(cat "$WORK/results/rss-$set.txt") / 1024 )) MiB"
	fi
done | tee -a "$WORK/results/table.txt"
if [ -n "$corpus_line" ]; then
	echo "$corpus_line" | tee -a "$WORK/results/table.txt"
fi

mode=full
[ $QUICK = 1 ] && mode=quick
[ -n "$CUSTOM" ] && mode=custom
mkdir -p "$ROOT/bench/results"
cp "$WORK/results/results.tsv" "$ROOT/bench/results/$mode.tsv"
cp "$WORK/results/table.txt" "$ROOT/bench/results/$mode.txt"
# Only a full run redraws the plots in docs/; others draw theirs in $WORK.
plots=$WORK/plots
[ $mode = full ] && plots=docs
(cd "$ROOT" && go run ./bench/plot -o "$plots" "bench/results/$mode.tsv")
log "results in bench/results/$mode.{tsv,txt}, plots in $plots/perf-*.svg"
