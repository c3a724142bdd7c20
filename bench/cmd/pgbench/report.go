package main

import (
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"text/tabwriter"

	"github.com/spf13/pflag"
)

// row is one line of the comparison: one operation on one data set.
type row struct {
	data      string
	quads     int64
	op        string
	pg, ox    float64 // median ms; <0 when the engine has no number
	pgRows    int
	oxRows    int
	equal     string // yes, no, or - when not comparable
	pgErr     string
	oxErr     string
	dataOrder int
}

func runReport(args []string, stdout, stderr io.Writer) error {
	fs := pflag.NewFlagSet("report", pflag.ContinueOnError)
	fs.SetOutput(stderr)
	tsv := fs.String("tsv", "", "also write the rows as tab-separated values to this file (for bench/plot)")
	if err := fs.Parse(args); err != nil {
		return err
	}
	if fs.NArg() == 0 {
		return errors.New("report: no result files")
	}
	byData := map[string]map[string]Result{} // data set -> engine -> result
	var order []string
	for _, path := range fs.Args() {
		r, err := readResult(path)
		if err != nil {
			return fmt.Errorf("report: %w", err)
		}
		name := dataName(r.Data)
		if byData[name] == nil {
			byData[name] = map[string]Result{}
			order = append(order, name)
		}
		byData[name][r.Engine] = r
	}
	var rows []row
	for i, name := range order {
		pg, ox := byData[name]["partygraph"], byData[name]["oxigraph"]
		quads := max(pg.Quads, ox.Quads)
		rows = append(rows, row{data: name, quads: quads, op: "load", pg: ms(pg.LoadMs), ox: ms(ox.LoadMs),
			pgRows: int(pg.Quads), oxRows: int(ox.Quads), equal: "-", dataOrder: i})
		oxq := map[string]QueryResult{}
		for _, q := range ox.Queries {
			oxq[q.Name] = q
		}
		seen := map[string]bool{}
		for _, q := range pg.Queries {
			seen[q.Name] = true
			rows = append(rows, pair(name, quads, i, q, oxq[q.Name], true))
		}
		for _, q := range ox.Queries {
			if !seen[q.Name] {
				rows = append(rows, pair(name, quads, i, QueryResult{}, q, false))
			}
		}
	}
	printTable(stdout, rows)
	if *tsv != "" {
		return writeTSV(*tsv, rows)
	}
	return nil
}

func ms(x float64) float64 {
	if x <= 0 {
		return -1
	}
	return x
}

func pair(data string, quads int64, order int, pg, ox QueryResult, havePG bool) row {
	r := row{data: data, quads: quads, op: pg.Name, pg: -1, ox: -1, pgRows: pg.Rows, oxRows: ox.Rows,
		equal: "-", pgErr: pg.Error, oxErr: ox.Error, dataOrder: order}
	if !havePG {
		r.op = ox.Name
	}
	if havePG && pg.Error == "" && pg.Runs > 0 {
		r.pg = pg.MedianMs
	}
	if ox.Error == "" && ox.Runs > 0 {
		r.ox = ox.MedianMs
	}
	if r.pg >= 0 && r.ox >= 0 {
		r.equal = "no"
		if pg.Hash == ox.Hash && pg.Rows == ox.Rows {
			r.equal = "yes"
		}
	}
	return r
}

// dataName is the data set of a file: its name without .nq and .gz.
// readResult reads one engine's results from a JSON file.
func readResult(path string) (Result, error) {
	var r Result
	b, err := os.ReadFile(path)
	if err != nil {
		return r, err
	}
	if err := json.Unmarshal(b, &r); err != nil {
		return r, fmt.Errorf("%s: %w", path, err)
	}
	return r, nil
}

func dataName(path string) string {
	name := filepath.Base(path)
	name = strings.TrimSuffix(name, ".gz")
	return strings.TrimSuffix(name, ".nq")
}

func num(x float64) string {
	switch {
	case x < 0:
		return "-"
	case x < 10:
		return fmt.Sprintf("%.2f", x)
	case x < 100:
		return fmt.Sprintf("%.1f", x)
	}
	return fmt.Sprintf("%.0f", x)
}

func ratio(r row) string {
	if r.pg < 0 || r.ox <= 0 {
		return "-"
	}
	return fmt.Sprintf("%.2f", r.pg/r.ox)
}

func rowsText(r row) string {
	switch {
	case r.op == "load":
		return fmt.Sprintf("%d / %d quads", r.pgRows, r.oxRows)
	case r.pgErr != "" || r.oxErr != "":
		e := r.pgErr
		who := "partygraph"
		if e == "" {
			e, who = r.oxErr, "oxigraph"
		}
		if len(e) > 60 {
			e = e[:60] + "…"
		}
		return fmt.Sprintf("%s error: %s", who, e)
	case r.equal == "-":
		return "-"
	}
	return fmt.Sprintf("%s (%d / %d)", r.equal, r.pgRows, r.oxRows)
}

func printTable(w io.Writer, rows []row) {
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', tabwriter.AlignRight)
	fmt.Fprintln(tw, "operation\tdata\tquads\tpartygraph ms\toxigraph ms\tratio pg/ox\trows equal (pg / ox)\t")
	for _, r := range rows {
		fmt.Fprintf(tw, "%s\t%s\t%d\t%s\t%s\t%s\t%s\t\n", r.op, r.data, r.quads, num(r.pg), num(r.ox), ratio(r), rowsText(r))
	}
	tw.Flush()
}

// writeTSV writes the rows with a header, sorted by operation and size.
func writeTSV(path string, rows []row) error {
	sorted := append([]row(nil), rows...)
	sort.SliceStable(sorted, func(i, j int) bool {
		if sorted[i].op != sorted[j].op {
			return sorted[i].op < sorted[j].op
		}
		return sorted[i].quads < sorted[j].quads
	})
	var b strings.Builder
	b.WriteString("operation\tdata\tquads\tpartygraph_ms\toxigraph_ms\tpartygraph_rows\toxigraph_rows\tequal\n")
	for _, r := range sorted {
		fmt.Fprintf(&b, "%s\t%s\t%d\t%.3f\t%.3f\t%d\t%d\t%s\n", r.op, r.data, r.quads, r.pg, r.ox, r.pgRows, r.oxRows, r.equal)
	}
	return os.WriteFile(path, []byte(b.String()), 0o644)
}
