# bench/common.sh: what bench/run.sh and bench/growth.sh share. Source it
# with ROOT and WORK set.

LUBM=${LUBM_DIR:-$ROOT/../shared/lubm}
log() { printf '%s %s\n' "$(date +%H:%M:%S)" "$*" >&2; }

# build_tools builds partygraph and pgbench into $WORK/bin and sets PG and PGB.
build_tools() {
	mkdir -p "$WORK/bin" "$WORK/data" "$WORK/db"
	log "building partygraph and pgbench"
	(cd "$ROOT" && go build -o "$WORK/bin/partygraph" ./cmd/partygraph && go build -o "$WORK/bin/pgbench" ./bench/cmd/pgbench)
	PG=$WORK/bin/partygraph
	PGB=$WORK/bin/pgbench
}

# data FILE for a set name, generating or unpacking it once.
data_file() {
	local name=$1 f
	case "$name" in
	gen-1e*)
		f=$WORK/data/$name.nq
		if [ ! -s "$f" ]; then
			local n=$((10 ** ${name#gen-1e}))
			log "generating $n quads into $f"
			"$PGB" gen --quads "$n" --seed 1 --out "$f.tmp" >&2 && mv "$f.tmp" "$f"
		fi ;;
	lubm*)
		f=$WORK/data/$name.nq
		if [ ! -s "$f" ]; then
			log "unpacking $LUBM/$name.nq.gz"
			gzip -dc "$LUBM/$name.nq.gz" > "$f.tmp" && mv "$f.tmp" "$f"
		fi ;;
	*) echo "bench: unknown data set $name" >&2; exit 2 ;;
	esac
	echo "$f"
}
