// Package rdftest holds test helpers shared by the RDF packages (rdfio,
// queries/results): the files of the W3C SPARQL test suites in ../shared
// and a python3 with rdflib, the independent implementation their output is
// checked against.
package rdftest

import (
	"io/fs"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"testing"
)

// SuiteFiles returns the paths of the files of the W3C SPARQL 1.0 and 1.1
// test suites in ../shared next to the module root, or nil when ../shared
// is absent (callers that need the suites skip then). It fails the test
// when a directory cannot be walked.
func SuiteFiles(t testing.TB) []string {
	t.Helper()
	// This file is internal/rdftest/rdftest.go below the module root.
	_, self, _, _ := runtime.Caller(0)
	shared := filepath.Join(filepath.Dir(self), "..", "..", "..", "shared")
	if _, err := os.Stat(shared); err != nil {
		t.Logf("../shared not found (%v)", err)
		return nil
	}
	var files []string
	for _, dir := range []string{"w3c-sparql10", "w3c-sparql11"} {
		err := filepath.WalkDir(filepath.Join(shared, dir), func(path string, d fs.DirEntry, err error) error {
			if err != nil || d.IsDir() {
				return err
			}
			files = append(files, path)
			return nil
		})
		if err != nil && !os.IsNotExist(err) {
			t.Fatalf("walk %s: %v", dir, err)
		}
	}
	return files
}

// RDFLib returns a python3 that can import rdflib, or skips the test,
// saying how to install it.
func RDFLib(t testing.TB) string {
	t.Helper()
	for _, p := range []string{"/usr/bin/python3", "python3"} {
		if exec.Command(p, "-c", "import rdflib").Run() == nil {
			return p
		}
	}
	t.Skip("rdflib is not installed for python3 (Debian: apt-get install python3-rdflib)")
	return ""
}
