package graph

// SetMinSection sets the smallest section of a SplitQuadFile, for tests that
// split small files, and returns a function that restores it.
func SetMinSection(n int64) (restore func()) {
	old := minSection
	minSection = n
	return func() { minSection = old }
}
