//go:build race

package graph_test

// raceEnabled is set in builds with the race detector, whose pointer checks
// (checkptr) github.com/boltdb/bolt v1.3.1, under Cayley's own bolt layout,
// does not pass.
const raceEnabled = true
