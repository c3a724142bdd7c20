package examples

import (
	"embed"
	"fmt"
	"path"
	"sort"
	"strings"
)

//go:embed rq/*.rq
var files embed.FS

// Example is one named query.
type Example struct {
	Name        string // file name without .rq: "meeting-speakers"
	Title       string // one line, from the "# title:" comment
	Description string // from the other leading "#" comments
	Query       string // the whole text, comments included
}

// All returns every example, sorted by name.
func All() []Example {
	entries, err := files.ReadDir("rq")
	if err != nil {
		panic(err) // the embedded directory is part of the binary
	}
	var out []Example
	for _, e := range entries {
		data, err := files.ReadFile(path.Join("rq", e.Name()))
		if err != nil {
			panic(err)
		}
		out = append(out, parse(strings.TrimSuffix(e.Name(), ".rq"), string(data)))
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Name < out[j].Name })
	return out
}

// Get returns the example called name.
func Get(name string) (Example, error) {
	var names []string
	for _, e := range All() {
		if e.Name == name {
			return e, nil
		}
		names = append(names, e.Name)
	}
	return Example{}, fmt.Errorf("no example query %q (there are: %s)", name, strings.Join(names, ", "))
}

func parse(name, text string) Example {
	ex := Example{Name: name, Query: text}
	var desc []string
	for _, line := range strings.Split(text, "\n") {
		if !strings.HasPrefix(line, "#") {
			break
		}
		line = strings.TrimSpace(strings.TrimPrefix(line, "#"))
		if t, ok := strings.CutPrefix(line, "title:"); ok {
			ex.Title = strings.TrimSpace(t)
			continue
		}
		desc = append(desc, line)
	}
	ex.Description = strings.TrimSpace(strings.Join(desc, " "))
	return ex
}
