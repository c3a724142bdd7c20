// Package web holds the graph explorer: one HTML page, its script and style
// sheet, and the vendored cytoscape.js (with its licence), embedded in the
// binary with go:embed so that users need no build step and the server
// serves no file from disk.
//
// The page follows a strict Content-Security-Policy (no inline script or
// style, no eval) and renders every label from the graph as text.
package web

import (
	"embed"
	"io/fs"
)

//go:embed index.html app.js app.css vendor/cytoscape.min.js vendor/LICENSE
var files embed.FS

// Files returns the explorer's files, rooted at the directory holding
// index.html.
func Files() fs.FS { return files }
