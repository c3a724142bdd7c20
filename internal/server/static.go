package server

import (
	"io/fs"
	"net/http"
	"path"
	"strings"

	"github.com/partygraph/partygraph/internal/web"
)

// staticHandler serves the explorer's embedded files and nothing else: no
// directory listings, no file from disk.
func (s *Server) staticHandler() http.Handler {
	files := web.Files()
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if !onlyGet(w, r) {
			return
		}
		name := strings.TrimPrefix(path.Clean("/"+r.URL.Path), "/")
		if name == "" {
			name = "index.html"
		}
		fi, err := fs.Stat(files, name)
		if err != nil || fi.IsDir() {
			httpError(w, http.StatusNotFound, "not found: "+r.URL.Path)
			return
		}
		switch path.Ext(name) {
		case ".js":
			w.Header().Set("Content-Type", "text/javascript; charset=utf-8")
		case ".css":
			w.Header().Set("Content-Type", "text/css; charset=utf-8")
		case ".html":
			w.Header().Set("Content-Type", "text/html; charset=utf-8")
		default:
			w.Header().Set("Content-Type", "text/plain; charset=utf-8")
		}
		w.Header().Set("Cache-Control", "no-cache")
		http.ServeFileFS(w, r, files, name)
	})
}
