package main

import (
	"cmp"
	"errors"
	"fmt"
	"io"
	"slices"
	"strings"

	"github.com/spf13/pflag"
)

// runGrowth reads partygraph's results of the same queries on data sets of
// growing size, several rounds of each (bench/growth.sh), and prints for
// each query its median time on each set and the growth from each set to
// the next: the ratio of the medians over the rounds, with the range of
// the ratios within a round, next to the growth of the data.
func runGrowth(args []string, stdout, stderr io.Writer) error {
	fs := pflag.NewFlagSet("growth", pflag.ContinueOnError)
	fs.SetOutput(stderr)
	if err := fs.Parse(args); err != nil {
		return err
	}
	if fs.NArg() == 0 {
		return errors.New("growth: no result files")
	}
	type key struct{ data, query string }
	times := map[key][]float64{} // one per round, in the order read
	quads := map[string]int64{}
	var queries []string
	for _, path := range fs.Args() {
		r, err := readResult(path)
		if err != nil {
			return fmt.Errorf("growth: %w", err)
		}
		name := dataName(r.Data)
		quads[name] = r.Quads
		for _, q := range r.Queries {
			if q.Error != "" {
				return fmt.Errorf("growth %s: %s on %s: %s", path, q.Name, name, q.Error)
			}
			if !slices.Contains(queries, q.Name) {
				queries = append(queries, q.Name)
			}
			k := key{name, q.Name}
			times[k] = append(times[k], q.MedianMs)
		}
	}
	sets := make([]string, 0, len(quads))
	for s := range quads {
		sets = append(sets, s)
	}
	slices.SortFunc(sets, func(a, b string) int { return cmp.Compare(quads[a], quads[b]) })

	var head, rule strings.Builder
	head.WriteString("| query |")
	rule.WriteString("| --- |")
	for _, s := range sets {
		fmt.Fprintf(&head, " %s ms |", s)
		rule.WriteString(" ---: |")
	}
	for i := 1; i < len(sets); i++ {
		fmt.Fprintf(&head, " %s → %s (data %.1fx) |", sets[i-1], sets[i], float64(quads[sets[i]])/float64(quads[sets[i-1]]))
		rule.WriteString(" ---: |")
	}
	fmt.Fprintln(stdout, head.String())
	fmt.Fprintln(stdout, rule.String())
	for _, q := range queries {
		var line strings.Builder
		fmt.Fprintf(&line, "| %s |", q)
		for _, s := range sets {
			fmt.Fprintf(&line, " %s |", num(median(times[key{s, q}])))
		}
		for i := 1; i < len(sets); i++ {
			line.WriteString(" " + growthCell(times[key{sets[i-1], q}], times[key{sets[i], q}]) + " |")
		}
		fmt.Fprintln(stdout, line.String())
	}
	return nil
}

// growthCell formats the growth from the times a to the times b (one per
// round): the ratio of their medians, and the range of the ratios of the
// rounds in which both were timed.
func growthCell(a, b []float64) string {
	ma, mb := median(a), median(b)
	if len(a) == 0 || len(b) == 0 || ma <= 0 {
		return "-"
	}
	var rs []float64
	for i := range min(len(a), len(b)) {
		if a[i] > 0 {
			rs = append(rs, b[i]/a[i])
		}
	}
	cell := fmt.Sprintf("%.1fx", mb/ma)
	if len(rs) > 1 {
		cell += fmt.Sprintf(" (%.1f–%.1f)", slices.Min(rs), slices.Max(rs))
	}
	return cell
}
