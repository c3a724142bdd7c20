// oxigraph.mjs times Oxigraph (npm package "oxigraph", in-memory Store) on
// one N-Quads file and a set of SPARQL queries, and prints JSON:
//
//   {"engine":"oxigraph","data":FILE,"quads":N,"load_ms":MS,
//    "queries":[{"name":"q1","runs":R,"median_ms":MS,"rows":N,"hash":H},...]}
//
// Usage: node bench/oxigraph.mjs --data FILE.nq [--extra FILE.nq]... [--warmup 1] [--runs 5] [--budget 20] QUERY.rq...
// Each query runs --warmup times untimed, then --runs times timed, or fewer
// once its timed runs took --budget seconds together (default 20), as
// pgbench does.
//
// partygraph's default graph is the set-merge of all named graphs (a triple
// three sources state is there once). Two ways to give Oxigraph the same:
//   --default-graph union (default): use_default_graph_as_union, the same
//     for data in one named graph (LUBM), but for multi-source data a
//     triple repeats once per graph, and joins multiply before DISTINCT;
//   --default-graph merge: also add every triple once to Oxigraph's default
//     graph (untimed, after the timed load) and query that: the same set as
//     partygraph's, so the answers compare row for row.
//
// "hash" is a digest of the answer as a multiset of rows (see
// bench/cmd/pgbench for the same canonical form), so the two engines'
// answers can be compared without printing them.
import { createHash } from "node:crypto";
import { closeSync, openSync, readFileSync, readSync } from "node:fs";
import { basename } from "node:path";
import { gunzipSync } from "node:zlib";
import oxigraph from "oxigraph";

function parseArgs(argv) {
  const opt = { data: "", extra: [], runs: 5, warmup: 1, budget: 20, graph: "union", queries: [] };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === "--data") opt.data = argv[++i];
    else if (a === "--extra") opt.extra.push(argv[++i]);
    else if (a === "--runs") opt.runs = Number(argv[++i]);
    else if (a === "--warmup") opt.warmup = Number(argv[++i]);
    else if (a === "--budget") opt.budget = Number(argv[++i]);
    else if (a === "--default-graph") opt.graph = argv[++i];
    else if (a.startsWith("--")) throw new Error(`unknown flag ${a}`);
    else opt.queries.push(a);
  }
  if (!opt.data || !(opt.runs > 0) || !(opt.warmup >= 0) || !(opt.budget > 0) || !["union", "merge"].includes(opt.graph)) {
    throw new Error("usage: node oxigraph.mjs --data FILE.nq [--extra FILE.nq]... [--default-graph union|merge] [--warmup N] [--runs N] [--budget SECONDS] QUERY.rq...");
  }
  return opt;
}

// term gives the canonical form of an RDF term shared with pgbench.
function term(t) {
  if (t === undefined || t === null) return "";
  switch (t.termType) {
    case "NamedNode":
      return "I:" + t.value;
    case "BlankNode":
      return "B";
    case "Literal":
      if (t.language) return "L:" + t.value + "@" + t.language.toLowerCase();
      return "L:" + t.value + "^^" + t.datatype.value;
    default:
      return "?:" + String(t.value);
  }
}

function canonical(result) {
  if (typeof result === "boolean") return { rows: 1, hash: digest([String(result)]) };
  const lines = result.map((row) => {
    const vars = [...row.keys()].sort();
    return vars.map((v) => v + "=" + term(row.get(v))).join("\t");
  });
  lines.sort();
  return { rows: lines.length, hash: digest(lines) };
}

function digest(lines) {
  const h = createHash("sha256");
  for (const l of lines) h.update(l + "\n");
  return h.digest("hex").slice(0, 16);
}

function median(xs) {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
}

// loadInPieces loads the N-Quads file at path into store, size bytes at a
// time, each piece cut after its last newline.
function loadInPieces(store, path, size) {
  const fd = openSync(path, "r");
  const buf = Buffer.alloc(size);
  let rest = Buffer.alloc(0);
  for (;;) {
    const n = readSync(fd, buf, 0, size, null);
    const data = Buffer.concat([rest, buf.subarray(0, n)]);
    if (n === 0) {
      if (data.length > 0) store.load(data, { format: "application/n-quads" });
      break;
    }
    const end = data.lastIndexOf(10) + 1;
    if (end > 0) store.load(data.subarray(0, end), { format: "application/n-quads" });
    rest = Buffer.from(data.subarray(end));
  }
  closeSync(fd);
}

const opt = parseArgs(process.argv.slice(2));
const store = new oxigraph.Store();
// Extra files (the curated data partygraph adds to every store) load first, untimed.
for (const f of opt.extra) {
  store.load(readFileSync(f), { format: "application/n-quads" });
}
const t0 = performance.now();
if (opt.data.endsWith(".gz")) {
  store.load(gunzipSync(readFileSync(opt.data)), { format: "application/n-quads" });
} else {
  // Node reads at most 2 GiB into one buffer: a larger file loads in pieces
  // that end at a line's end (blank node labels are not shared between
  // pieces, so such a file must have no blank nodes; the generated ones have
  // none).
  loadInPieces(store, opt.data, 256 << 20);
}
const loadMs = performance.now() - t0;
const loaded = store.size;

// With --default-graph merge, every triple of every named graph is also
// added (untimed) to Oxigraph's default graph, once: that default graph is
// then the set-merge partygraph queries, and queries run on it.
let mergeMs = 0;
if (opt.graph === "merge") {
  const t1 = performance.now();
  // In the store: a CONSTRUCT of 10^7 triples is a string longer than V8's
  // limit.
  store.update("INSERT { ?s ?p ?o } WHERE { GRAPH ?g { ?s ?p ?o } }");
  mergeMs = performance.now() - t1;
}
const queryOptions = opt.graph === "union" ? { use_default_graph_as_union: true } : {};

const { version } = JSON.parse(readFileSync(new URL("./node_modules/oxigraph/package.json", import.meta.url), "utf8"));
const out = { engine: "oxigraph", version, data: opt.data, quads: loaded, load_ms: loadMs, default_graph: opt.graph, merge_ms: mergeMs, queries: [] };
for (const file of opt.queries) {
  const text = readFileSync(file, "utf8");
  const name = basename(file, ".rq");
  const times = [];
  let answer = null;
  let error = null;
  // Untimed runs first, as pgbench does (--warmup).
  let total = 0;
  for (let i = 0; i < opt.warmup + opt.runs; i++) {
    if (i > opt.warmup && total > opt.budget * 1000) break; // a slow query: the median of fewer runs
    const t = performance.now();
    try {
      const res = store.query(text, queryOptions);
      const ms = performance.now() - t;
      if (i >= opt.warmup) {
        times.push(ms);
        total += ms;
      }
      if (answer === null) answer = canonical(res);
    } catch (e) {
      error = String(e.message || e);
      break;
    }
  }
  out.queries.push(
    error
      ? { name, file, runs: 0, error }
      : { name, file, runs: times.length, median_ms: median(times), rows: answer.rows, hash: answer.hash },
  );
}
process.stdout.write(JSON.stringify(out) + "\n");
