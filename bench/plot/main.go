// Command plot draws the results of bench/run.sh (the TSV of pgbench report)
// as SVG: time against size, on log-log axes, for each operation, with one
// line per engine. It writes three files into the output folder:
//
//	perf-load.svg          load time, generated data and LUBM
//	perf-gen-queries.svg   one panel per query over the generated data
//	perf-lubm-queries.svg  one panel per LUBM query
//
// Usage: go run ./bench/plot [-o docs] RESULTS.tsv...
package main

import (
	"bufio"
	"flag"
	"fmt"
	"html"
	"io"
	"math"
	"os"
	"path/filepath"
	"slices"
	"sort"
	"strconv"
	"strings"
)

func main() {
	out := flag.String("o", "docs", "output folder")
	flag.Parse()
	if flag.NArg() == 0 {
		fmt.Fprintln(os.Stderr, "usage: plot [-o DIR] RESULTS.tsv...")
		os.Exit(2)
	}
	if err := run(*out, flag.Args()); err != nil {
		fmt.Fprintln(os.Stderr, "plot:", err)
		os.Exit(1)
	}
}

// point is one measurement.
type point struct {
	quads float64
	ms    float64
}

// line is one engine's measurements of one operation on one data family.
type line struct {
	name   string // legend
	color  string
	dashed bool
	points []point
}

type panel struct {
	title string
	lines []line
}

func run(out string, files []string) error {
	// family ("gen" or "lubm") -> operation -> engine -> points
	data := map[string]map[string]map[string][]point{}
	for _, f := range files {
		if err := read(f, data); err != nil {
			return err
		}
	}
	const pgColor, oxColor = "#1f5fa8", "#d9751c"
	var load panel
	load.title = "load (ms)"
	for _, fam := range []string{"gen", "lubm"} {
		ops := data[fam]["load"]
		if ops == nil {
			continue
		}
		load.lines = append(load.lines,
			line{name: "partygraph, " + fam, color: pgColor, dashed: fam == "lubm", points: ops["partygraph"]},
			line{name: "oxigraph, " + fam, color: oxColor, dashed: fam == "lubm", points: ops["oxigraph"]})
	}
	if err := write(filepath.Join(out, "perf-load.svg"), "Load time against size (N-Quads into a fresh store)", []panel{load}, 1); err != nil {
		return err
	}
	for _, fam := range []string{"gen", "lubm"} {
		var panels []panel
		for _, op := range sortedOps(data[fam]) {
			if op == "load" {
				continue
			}
			e := data[fam][op]
			panels = append(panels, panel{title: op + " (ms)", lines: []line{
				{name: "partygraph", color: pgColor, points: e["partygraph"]},
				{name: "oxigraph", color: oxColor, points: e["oxigraph"]},
			}})
		}
		if len(panels) == 0 {
			continue
		}
		title := "Query time against size, generated data (median of runs)"
		if fam == "lubm" {
			title = "Query time against size, LUBM (median of runs)"
		}
		if err := write(filepath.Join(out, "perf-"+fam+"-queries.svg"), title, panels, 4); err != nil {
			return err
		}
	}
	return nil
}

// read adds the rows of one TSV written by pgbench report.
func read(path string, data map[string]map[string]map[string][]point) error {
	f, err := os.Open(path)
	if err != nil {
		return err
	}
	defer f.Close()
	sc := bufio.NewScanner(f)
	n := 0
	for sc.Scan() {
		n++
		cols := strings.Split(sc.Text(), "\t")
		if n == 1 {
			continue
		}
		if len(cols) < 5 {
			return fmt.Errorf("%s:%d: want 5 or more columns, found %d", path, n, len(cols))
		}
		quads, err1 := strconv.ParseFloat(cols[2], 64)
		pg, err2 := strconv.ParseFloat(cols[3], 64)
		ox, err3 := strconv.ParseFloat(cols[4], 64)
		if err1 != nil || err2 != nil || err3 != nil {
			return fmt.Errorf("%s:%d: bad number", path, n)
		}
		fam := "gen"
		if strings.HasPrefix(cols[1], "lubm") {
			fam = "lubm"
		}
		if data[fam] == nil {
			data[fam] = map[string]map[string][]point{}
		}
		op := cols[0]
		if data[fam][op] == nil {
			data[fam][op] = map[string][]point{}
		}
		if pg > 0 {
			data[fam][op]["partygraph"] = append(data[fam][op]["partygraph"], point{quads, pg})
		}
		if ox > 0 {
			data[fam][op]["oxigraph"] = append(data[fam][op]["oxigraph"], point{quads, ox})
		}
	}
	return sc.Err()
}

// sortedOps orders q1..q14 numerically, other names alphabetically after them.
func sortedOps(m map[string]map[string][]point) []string {
	var ops []string
	for op := range m {
		ops = append(ops, op)
	}
	key := func(s string) (int, string) {
		if n, err := strconv.Atoi(strings.TrimPrefix(s, "q")); err == nil && strings.HasPrefix(s, "q") {
			return n, ""
		}
		return 1000, s
	}
	sort.Slice(ops, func(i, j int) bool {
		a, as := key(ops[i])
		b, bs := key(ops[j])
		if a != b {
			return a < b
		}
		return as < bs
	})
	return ops
}

const (
	panelW, panelH = 300, 210
	padL, padR     = 58, 14
	padT, padB     = 26, 40
)

func write(path, title string, panels []panel, cols int) error {
	cols = min(cols, len(panels))
	rows := (len(panels) + cols - 1) / cols
	w, h := max(cols*panelW, 640), rows*panelH+70 // room for the title and legend
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		return err
	}
	f, err := os.Create(path)
	if err != nil {
		return err
	}
	b := bufio.NewWriter(f)
	fmt.Fprintf(b, `<svg xmlns="http://www.w3.org/2000/svg" width="%d" height="%d" viewBox="0 0 %d %d" font-family="sans-serif" font-size="11">`+"\n", w, h, w, h)
	fmt.Fprintf(b, `<rect width="100%%" height="100%%" fill="white"/>`+"\n")
	fmt.Fprintf(b, `<text x="%d" y="20" font-size="14" font-weight="bold">%s</text>`+"\n", 10, html.EscapeString(title))
	for i, p := range panels {
		x0, y0 := (i%cols)*panelW, 30+(i/cols)*panelH
		drawPanel(b, p, x0, y0)
	}
	legend(b, panels[0].lines, 10, h-18)
	fmt.Fprintln(b, "</svg>")
	if err := b.Flush(); err != nil {
		f.Close()
		return err
	}
	return f.Close()
}

// decades returns the powers of ten covering [lo, hi].
func decades(lo, hi float64) (float64, float64) {
	a := math.Floor(math.Log10(lo))
	z := math.Ceil(math.Log10(hi))
	if z <= a {
		z = a + 1
	}
	return a, z
}

func drawPanel(b io.Writer, p panel, x0, y0 int) {
	var xs, ys []float64
	for _, l := range p.lines {
		for _, pt := range l.points {
			xs = append(xs, pt.quads)
			ys = append(ys, pt.ms)
		}
	}
	fmt.Fprintf(b, `<text x="%d" y="%d" font-weight="bold">%s</text>`+"\n", x0+padL, y0+14, html.EscapeString(p.title))
	if len(xs) == 0 {
		fmt.Fprintf(b, `<text x="%d" y="%d" fill="#888">no data</text>`+"\n", x0+padL, y0+panelH/2)
		return
	}
	xa, xz := decades(slices.Min(xs), slices.Max(xs))
	ya, yz := decades(slices.Min(ys), slices.Max(ys))
	pw, ph := float64(panelW-padL-padR), float64(panelH-padT-padB)
	px := func(q float64) float64 { return float64(x0+padL) + (math.Log10(q)-xa)/(xz-xa)*pw }
	py := func(ms float64) float64 { return float64(y0+padT) + ph - (math.Log10(ms)-ya)/(yz-ya)*ph }
	fmt.Fprintf(b, `<rect x="%d" y="%d" width="%.0f" height="%.0f" fill="none" stroke="#999"/>`+"\n", x0+padL, y0+padT, pw, ph)
	for e := xa; e <= xz; e++ {
		x := px(math.Pow(10, e))
		fmt.Fprintf(b, `<line x1="%.1f" y1="%d" x2="%.1f" y2="%.0f" stroke="#eee"/>`+"\n", x, y0+padT, x, float64(y0+padT)+ph)
		fmt.Fprintf(b, `<text x="%.1f" y="%.0f" text-anchor="middle">%s</text>`+"\n", x, float64(y0+padT)+ph+14, pow10(e))
	}
	fmt.Fprintf(b, `<text x="%.0f" y="%.0f" text-anchor="middle" fill="#555">quads</text>`+"\n", float64(x0+padL)+pw/2, float64(y0+padT)+ph+28)
	for e := ya; e <= yz; e++ {
		y := py(math.Pow(10, e))
		fmt.Fprintf(b, `<line x1="%d" y1="%.1f" x2="%.0f" y2="%.1f" stroke="#eee"/>`+"\n", x0+padL, y, float64(x0+padL)+pw, y)
		fmt.Fprintf(b, `<text x="%d" y="%.1f" text-anchor="end" dominant-baseline="middle">%s</text>`+"\n", x0+padL-4, y, msText(math.Pow(10, e)))
	}
	for _, l := range p.lines {
		pts := append([]point(nil), l.points...)
		sort.Slice(pts, func(i, j int) bool { return pts[i].quads < pts[j].quads })
		var path []string
		for _, pt := range pts {
			path = append(path, fmt.Sprintf("%.1f,%.1f", px(pt.quads), py(pt.ms)))
		}
		dash := ""
		if l.dashed {
			dash = ` stroke-dasharray="5,3"`
		}
		if len(path) > 1 {
			fmt.Fprintf(b, `<polyline points="%s" fill="none" stroke="%s" stroke-width="2"%s/>`+"\n", strings.Join(path, " "), l.color, dash)
		}
		for _, pt := range pts {
			tip := fmt.Sprintf("<title>%s: %.0f quads, %s ms</title>", html.EscapeString(l.name), pt.quads, strconv.FormatFloat(pt.ms, 'f', 2, 64))
			if l.dashed { // squares for the second data family
				fmt.Fprintf(b, `<rect x="%.1f" y="%.1f" width="7" height="7" fill="%s">%s</rect>`+"\n", px(pt.quads)-3.5, py(pt.ms)-3.5, l.color, tip)
			} else {
				fmt.Fprintf(b, `<circle cx="%.1f" cy="%.1f" r="3" fill="%s">%s</circle>`+"\n", px(pt.quads), py(pt.ms), l.color, tip)
			}
		}
	}
}

func legend(b io.Writer, lines []line, x, y int) {
	for _, l := range lines {
		dash := ""
		if l.dashed {
			dash = ` stroke-dasharray="5,3"`
		}
		fmt.Fprintf(b, `<line x1="%d" y1="%d" x2="%d" y2="%d" stroke="%s" stroke-width="2"%s/>`, x, y-4, x+24, y-4, l.color, dash)
		fmt.Fprintf(b, `<text x="%d" y="%d">%s</text>`+"\n", x+30, y, html.EscapeString(l.name))
		x += 40 + 7*len(l.name)
	}
}

func pow10(e float64) string {
	if e >= 0 && e <= 3 {
		return strconv.FormatFloat(math.Pow(10, e), 'f', 0, 64)
	}
	return fmt.Sprintf("1e%d", int(e))
}

func msText(v float64) string {
	if v >= 1 {
		return strconv.FormatFloat(v, 'f', 0, 64)
	}
	return strconv.FormatFloat(v, 'g', 1, 64)
}
