package ingest

import (
	"context"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"log/slog"
	"maps"
	"os"
	"path/filepath"
	"runtime"
	"slices"
	"sort"
	"strings"
	"time"

	"github.com/cayleygraph/quad"
	"github.com/schollz/progressbar/v3"

	"github.com/partygraph/partygraph/graph"
	"github.com/partygraph/partygraph/loaders"
)

// DefaultMaxSize is the largest document file Load accepts when
// Loader.MaxSize is zero. N-Quads files have no limit.
const DefaultMaxSize = 64 << 20

// Curated is reference data loaded under its own label with every load:
// replacing it is a no-op when it has not changed.
type Curated struct {
	Label quad.IRI
	Quads func() ([]quad.Quad, error)
}

// Loader loads files into Store. Set its fields, then call Load.
type Loader struct {
	Store   *graph.Store
	Docs    loaders.Loader // turns documents that are not N-Quads into quads; nil refuses them
	Label   quad.IRI       // when set, every N-Quads quad gets this label (--label)
	Curated []Curated      // replaced after the files
	MaxSize int64          // document files larger than this are refused; 0 means DefaultMaxSize
	// Progress, when set, gets a progress bar (meant for a terminal).
	Progress io.Writer
	Log      *slog.Logger // nil means slog.Default()
}

// FileResult is what loading one file did.
type FileResult struct {
	Path    string
	Labels  []quad.Value // the sources the file states (one, for a document)
	Quads   int          // quads the file states
	Change  graph.Change
	Skipped string // why the file was skipped, when it was
}

// Report is what a Load did.
type Report struct {
	Files                []FileResult
	Added, Removed, Kept int
	Elapsed              time.Duration
}

// Quads returns how many quads the loaded files state.
func (r Report) Quads() int {
	n := 0
	for _, f := range r.Files {
		n += f.Quads
	}
	return n
}

type pending struct {
	res   FileResult
	quads []quad.Quad // a document's quads; N-Quads files are read again when written
	nq    bool
}

// Load loads the files and folders named by paths (folders recursively, in
// name order, skipping hidden files). It reads and checks every file before
// it writes anything: a file that cannot be read or parsed fails the whole
// load with the store unchanged. Inside folders, files of no known genre are
// skipped with a warning; a file named on its own is an error.
//
// N-Quads files are streamed, never held in memory whole: a first pass
// checks their syntax and collects their labels, and when none of those
// labels is stored yet a second pass writes them with the store's bulk path
// (Store.BulkLoadSources), all or nothing per file. A file that restates
// stored sources goes through Replace, which needs its quads in memory.
func (l *Loader) Load(ctx context.Context, paths []string) (Report, error) {
	start := time.Now()
	log := l.Log
	if log == nil {
		log = slog.Default()
	}
	files, explicit, err := expand(paths)
	if err != nil {
		return Report{}, err
	}
	var total int64
	for _, f := range files {
		if fi, err := os.Stat(f); err == nil {
			total += fi.Size()
		}
	}
	var bar *progressbar.ProgressBar
	if l.Progress != nil && len(files) > 0 {
		bar = progressbar.NewOptions64(total,
			progressbar.OptionSetWriter(l.Progress),
			progressbar.OptionSetDescription("checking"),
			progressbar.OptionShowBytes(true),
			progressbar.OptionShowCount(),
			progressbar.OptionSetPredictTime(true),
			progressbar.OptionClearOnFinish(),
			progressbar.OptionThrottle(100*time.Millisecond),
		)
	}

	var work []pending
	for _, path := range files {
		if err := ctx.Err(); err != nil {
			return Report{}, err
		}
		p, err := l.read(ctx, path, bar)
		if errors.Is(err, loaders.ErrUnknownGenre) && !explicit[path] {
			log.Debug("skipped file of unknown genre", "file", path, "reason", err)
			reason := strings.TrimPrefix(err.Error(), "load "+path+": ")
			work = append(work, pending{res: FileResult{Path: path, Skipped: reason}})
			continue
		}
		if err != nil {
			if bar != nil {
				bar.Clear()
			}
			return Report{}, err
		}
		work = append(work, p)
	}
	if bar != nil {
		bar.Finish()
	}

	rep := Report{}
	stored := map[quad.Value]bool{}
	labels, err := l.Store.Labels(ctx)
	if err != nil {
		return rep, fmt.Errorf("load: %w", err)
	}
	for _, v := range labels {
		stored[v] = true
	}
	// The curated data a store does not hold yet rides along with the last
	// file that takes the bulk path, in its transaction: written on its own
	// after a bulk load, it would leave a table spanning the whole store,
	// which LevelDB then merges with every table the load wrote.
	ride, rider, err := l.rideAlong(work, stored)
	if err != nil {
		return rep, err
	}
	for i, p := range work {
		if p.res.Skipped == "" {
			var extra []Curated
			if i == rider {
				extra = ride
			}
			ch, err := l.write(ctx, p, stored, extra)
			if err != nil {
				return rep, fmt.Errorf("load %s: %w", p.res.Path, err)
			}
			for _, c := range extra {
				stored[c.Label] = true
			}
			for _, v := range p.res.Labels {
				stored[v] = true
			}
			p.res.Change = ch
			rep.Added += ch.Added
			rep.Removed += ch.Removed
			rep.Kept += ch.Kept
		}
		rep.Files = append(rep.Files, p.res)
	}
	// The curated data comes after the files: a bulk load into a new
	// embedded store then finds it empty, and its tables need no merging
	// (graph/kvstore, sortload.go).
	for _, c := range l.Curated {
		if rider >= 0 && slices.ContainsFunc(ride, func(r Curated) bool { return r.Label == c.Label }) {
			continue
		}
		quads, err := c.Quads()
		if err != nil {
			return rep, fmt.Errorf("load %s: %w", c.Label, err)
		}
		if _, err := l.Store.Replace(ctx, []quad.Value{c.Label}, quads); err != nil {
			return rep, fmt.Errorf("load %s: %w", c.Label, err)
		}
	}
	rep.Elapsed = time.Since(start)
	return rep, nil
}

// bulk reports whether write stores p with the bulk path: N-Quads of
// sources none of which is stored.
func bulk(p pending, stored map[quad.Value]bool) bool {
	if p.res.Skipped != "" || !p.nq || len(p.res.Labels) == 0 {
		return false
	}
	for _, v := range p.res.Labels {
		if stored[v] {
			return false
		}
	}
	return true
}

// rideAlong returns the curated data that the store does not hold and no
// file states, with their quads read, and the index in work of the last file
// that write stores with the bulk path (-1 when none does, or when there is
// nothing to take along).
func (l *Loader) rideAlong(work []pending, stored map[quad.Value]bool) ([]Curated, int, error) {
	after := maps.Clone(stored) // the sources stored as the files are written
	last := -1
	for i, p := range work {
		if bulk(p, after) {
			last = i
		}
		if p.res.Skipped == "" {
			for _, v := range p.res.Labels {
				after[v] = true
			}
		}
	}
	if last < 0 {
		return nil, -1, nil
	}
	var ride []Curated
	for _, c := range l.Curated {
		if after[c.Label] {
			continue
		}
		quads, err := c.Quads()
		if err != nil {
			return nil, -1, fmt.Errorf("load %s: %w", c.Label, err)
		}
		ride = append(ride, Curated{Label: c.Label, Quads: func() ([]quad.Quad, error) { return quads, nil }})
	}
	if len(ride) == 0 {
		return nil, -1, nil
	}
	return ride, last, nil
}

// write stores one checked file: a document, or N-Quads restating stored
// sources, with Replace; N-Quads of new sources with the bulk path, together
// with the quads of extra (none of whose labels is stored), whose quads the
// change it returns leaves out.
func (l *Loader) write(ctx context.Context, p pending, stored map[quad.Value]bool, extra []Curated) (graph.Change, error) {
	if !p.nq {
		return l.Store.Replace(ctx, p.res.Labels, p.quads)
	}
	if len(p.res.Labels) == 0 { // no quads
		return graph.Change{}, nil
	}
	if !bulk(p, stored) {
		label, override := l.fileLabel()
		quads, labels, err := graph.ReadQuadFile(p.res.Path, label, override)
		if err != nil {
			return graph.Change{}, err
		}
		return l.Store.Replace(ctx, labels, quads)
	}
	label, override := l.fileLabel()
	sf, err := graph.OpenSplitQuadFile(p.res.Path, label, override, runtime.GOMAXPROCS(0), nil)
	if err != nil {
		return graph.Change{}, unwrapPathError(err)
	}
	defer sf.Close()
	var r quad.Reader = sf
	if l.Progress != nil {
		bar := progressbar.NewOptions(p.res.Quads,
			progressbar.OptionSetWriter(l.Progress),
			progressbar.OptionSetDescription("loading "+filepath.Base(p.res.Path)),
			progressbar.OptionShowCount(),
			progressbar.OptionShowIts(),
			progressbar.OptionSetItsString("quads"),
			progressbar.OptionSetPredictTime(true),
			progressbar.OptionClearOnFinish(),
			progressbar.OptionThrottle(100*time.Millisecond),
		)
		defer bar.Finish()
		r = &countingReader{r: sf, bar: bar}
	}
	labels, n := p.res.Labels, p.res.Quads
	var ride []quad.Quad
	distinct := map[string]bool{}
	for _, c := range extra {
		quads, err := c.Quads()
		if err != nil {
			return graph.Change{}, err
		}
		labels = append(slices.Clip(labels), c.Label)
		ride = append(ride, quads...)
		for _, q := range quads {
			distinct[q.String()] = true
		}
	}
	if len(ride) > 0 {
		r = &concatReader{rs: []quad.Reader{r, quad.NewReader(ride)}}
		n += len(ride)
	}
	_, ch, err := l.Store.BulkLoadSources(ctx, labels, r, graph.BulkOptions{Batch: bulkBatch, Quads: n})
	if err != nil {
		return graph.Change{}, err
	}
	ch.Added -= len(distinct)
	return ch, nil
}

// concatReader reads its readers one after the other.
type concatReader struct{ rs []quad.Reader }

func (c *concatReader) ReadQuad() (quad.Quad, error) {
	for len(c.rs) > 0 {
		q, err := c.rs[0].ReadQuad()
		if err != io.EOF {
			return q, err
		}
		c.rs = c.rs[1:]
	}
	return quad.Quad{}, io.EOF
}

// fileLabel returns the label the quads of N-Quads files get, and whether
// it overrides the files' own (--label).
func (l *Loader) fileLabel() (quad.Value, bool) {
	if l.Label == "" {
		return nil, false
	}
	return l.Label, true
}

// bulkBatch is the transaction size of a bulk load: 5*10^4 quads load as
// fast as 10^5 on the default store, with a third less peak memory
// (docs/performance.md, "Store").
const bulkBatch = 50_000

// countingReader moves a progress bar as quads are read.
type countingReader struct {
	r   quad.Reader
	bar *progressbar.ProgressBar
	n   int
}

// progressStep is how many quads pass between two updates of a bar.
const progressStep = 4096

func (c *countingReader) ReadQuad() (quad.Quad, error) {
	q, err := c.r.ReadQuad()
	if err == nil {
		if c.n++; c.n == progressStep {
			c.bar.Add(c.n)
			c.n = 0
		}
	} else if c.n > 0 {
		c.bar.Add(c.n)
		c.n = 0
	}
	return q, err
}

func (l *Loader) read(ctx context.Context, path string, bar *progressbar.ProgressBar) (pending, error) {
	if graph.IsNQuadsFile(path) {
		res, err := l.check(path, bar)
		if err != nil {
			return pending{}, fmt.Errorf("load %w", err)
		}
		return pending{res: res, nq: true}, nil
	}
	if l.Docs == nil {
		return pending{}, fmt.Errorf("load %s: %w: only N-Quads files (.nq, .nt, .nq.gz) can be loaded here", path, loaders.ErrUnknownGenre)
	}
	max := l.MaxSize
	if max <= 0 {
		max = DefaultMaxSize
	}
	fi, err := os.Stat(path)
	if err != nil {
		return pending{}, fmt.Errorf("load %w", err)
	}
	if fi.Size() > max {
		return pending{}, fmt.Errorf("load %s: file is %d bytes, over the limit of %d bytes for a document", path, fi.Size(), max)
	}
	data, err := os.ReadFile(path)
	if err != nil {
		return pending{}, fmt.Errorf("load %w", err)
	}
	if bar != nil {
		bar.Add64(int64(len(data)))
	}
	label := graph.SourceIRI(path)
	quads, err := l.Docs.Load(ctx, loaders.File{Path: path, Label: label, Data: data})
	if err != nil {
		if strings.Contains(err.Error(), path) {
			return pending{}, err
		}
		return pending{}, fmt.Errorf("load %s: %w", path, err)
	}
	return pending{res: FileResult{Path: path, Labels: []quad.Value{label}, Quads: len(quads)}, quads: quads}, nil
}

// check streams an N-Quads file once: it checks its syntax and counts its
// quads and labels, holding none of them.
func (l *Loader) check(path string, bar *progressbar.ProgressBar) (FileResult, error) {
	var wrap func(io.Reader) io.Reader
	if bar != nil {
		wrap = func(r io.Reader) io.Reader {
			pr := progressbar.NewReader(r, bar)
			return &pr
		}
	}
	label, override := l.fileLabel()
	sf, err := graph.OpenSplitQuadFile(path, label, override, runtime.GOMAXPROCS(0), wrap)
	if err != nil {
		return FileResult{}, err
	}
	defer sf.Close()
	for {
		_, err := sf.ReadQuad()
		if err == io.EOF {
			break
		} else if err != nil {
			return FileResult{}, err
		}
	}
	return FileResult{Path: path, Labels: sf.Labels(), Quads: sf.Count()}, nil
}

// expand turns paths into the list of files to load, and marks the ones the
// user named directly.
func expand(paths []string) ([]string, map[string]bool, error) {
	var files []string
	explicit := map[string]bool{}
	seen := map[string]bool{}
	for _, p := range paths {
		fi, err := os.Stat(p)
		if err != nil {
			return nil, nil, fmt.Errorf("load %s: %w", p, unwrapPathError(err))
		}
		if !fi.IsDir() {
			if !seen[p] {
				files = append(files, p)
				seen[p] = true
			}
			explicit[p] = true
			continue
		}
		var found []string
		err = filepath.WalkDir(p, func(path string, d fs.DirEntry, err error) error {
			if err != nil {
				return fmt.Errorf("load %s: %w", path, unwrapPathError(err))
			}
			if path != p && strings.HasPrefix(d.Name(), ".") {
				if d.IsDir() {
					return filepath.SkipDir
				}
				return nil
			}
			if d.Type().IsRegular() && !seen[path] {
				found = append(found, path)
				seen[path] = true
			}
			return nil
		})
		if err != nil {
			return nil, nil, err
		}
		sort.Strings(found)
		files = append(files, found...)
	}
	return files, explicit, nil
}

func unwrapPathError(err error) error {
	var pe *fs.PathError
	if errors.As(err, &pe) {
		return pe.Err
	}
	return err
}
