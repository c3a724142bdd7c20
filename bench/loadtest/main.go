package main

import (
	"context"
	"flag"
	"fmt"
	"io"
	"os"
	"os/signal"
	"runtime"
	"text/tabwriter"
	"time"
)

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt)
	defer stop()
	os.Exit(run(ctx, os.Args[1:], os.Stdout, os.Stderr))
}

func run(ctx context.Context, args []string, stdout, stderr io.Writer) int {
	fs := flag.NewFlagSet("loadtest", flag.ContinueOnError)
	fs.SetOutput(stderr)
	var cfg Config
	fs.StringVar(&cfg.URL, "url", "http://127.0.0.1:8080", "base URL of a running `partygraph serve`")
	fs.IntVar(&cfg.Clients, "clients", 8, "concurrent clients")
	fs.DurationVar(&cfg.Duration, "duration", 30*time.Second, "how long to send requests")
	fs.DurationVar(&cfg.Timeout, "timeout", time.Minute, "time limit of one request")
	fs.Uint64Var(&cfg.Seed, "seed", 1, "random seed of the request sequence")
	if err := fs.Parse(args); err != nil {
		return 2
	}
	if fs.NArg() > 0 {
		fmt.Fprintf(stderr, "loadtest: unexpected arguments %q\n", fs.Args())
		return 2
	}
	fmt.Fprintf(stderr, "loadtest: %d clients for %s against %s\n", cfg.Clients, cfg.Duration, cfg.URL)
	rep, err := Run(ctx, cfg)
	if err != nil {
		fmt.Fprintln(stderr, err)
		return 1
	}
	rep.Print(stdout)
	if rep.Total.Errors > 0 {
		return 1
	}
	return 0
}

// Print writes the report as a table, with the machine it ran on.
func (r *Report) Print(w io.Writer) {
	fmt.Fprintf(w, "%d clients, %.1f s, %d requests, %.1f requests/s (%s/%s, %d CPUs, %s)\n",
		r.Clients, r.Duration.Seconds(), r.Total.OK+r.Total.Busy+r.Total.Errors, r.Throughput(),
		runtime.GOOS, runtime.GOARCH, runtime.NumCPU(), runtime.Version())
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', tabwriter.AlignRight)
	fmt.Fprintln(tw, "kind\tok\tbusy\terrors\tp50 ms\tp99 ms\tmax ms\tKiB/answer\t")
	for _, k := range append(r.Kinds, r.Total) {
		kib := 0.0
		if k.OK > 0 {
			kib = float64(k.Bytes) / float64(k.OK) / 1024
		}
		fmt.Fprintf(tw, "%s\t%d\t%d\t%d\t%.1f\t%.1f\t%.1f\t%.1f\t\n", k.Kind, k.OK, k.Busy, k.Errors, ms(k.P50), ms(k.P99), ms(k.Max), kib)
	}
	tw.Flush()
	for _, s := range r.Samples {
		fmt.Fprintln(w, "error:", s)
	}
}

func ms(d time.Duration) float64 { return float64(d) / float64(time.Millisecond) }
