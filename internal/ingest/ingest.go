package ingest

import (
	"context"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"log/slog"
	"os"
	"path/filepath"
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
	Curated []Curated      // replaced before the files
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
	quads []quad.Quad
}

// Load loads the files and folders named by paths (folders recursively, in
// name order, skipping hidden files). It reads and checks every file before
// it writes anything: a file that cannot be read or parsed fails the whole
// load with the store unchanged. Inside folders, files of no known genre are
// skipped with a warning; a file named on its own is an error.
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
			progressbar.OptionSetDescription("reading"),
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
		p, err := l.read(ctx, path)
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
		if bar != nil {
			if fi, err := os.Stat(path); err == nil {
				bar.Add64(fi.Size())
			}
		}
	}
	if bar != nil {
		bar.Finish()
	}

	rep := Report{}
	for _, c := range l.Curated {
		quads, err := c.Quads()
		if err != nil {
			return rep, fmt.Errorf("load %s: %w", c.Label, err)
		}
		if _, err := l.Store.Replace(ctx, []quad.Value{c.Label}, quads); err != nil {
			return rep, fmt.Errorf("load %s: %w", c.Label, err)
		}
	}
	for _, p := range work {
		if p.res.Skipped == "" {
			ch, err := l.Store.Replace(ctx, p.res.Labels, p.quads)
			if err != nil {
				return rep, fmt.Errorf("load %s: %w", p.res.Path, err)
			}
			p.res.Change = ch
			rep.Added += ch.Added
			rep.Removed += ch.Removed
			rep.Kept += ch.Kept
		}
		rep.Files = append(rep.Files, p.res)
	}
	rep.Elapsed = time.Since(start)
	return rep, nil
}

func (l *Loader) read(ctx context.Context, path string) (pending, error) {
	if graph.IsNQuadsFile(path) {
		var label quad.Value
		if l.Label != "" {
			label = l.Label
		}
		quads, labels, err := graph.ReadQuadFile(path, label, l.Label != "")
		if err != nil {
			return pending{}, fmt.Errorf("load %w", err)
		}
		return pending{res: FileResult{Path: path, Labels: labels, Quads: len(quads)}, quads: quads}, nil
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
