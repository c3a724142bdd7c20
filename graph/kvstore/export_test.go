package kvstore

// SetBulkSizes sets the sizes of the LevelDB bulk load (runQuads, the
// counters kept in memory, the memtable) for tests that need runs to spill
// and transactions to write tables, and returns a function that restores
// them.
func SetBulkSizes(run, counters, memtable int) (restore func()) {
	r, c, m := runQuads, spoolMemory, levelWriteBuffer
	runQuads, spoolMemory, levelWriteBuffer = run, counters, memtable
	return func() { runQuads, spoolMemory, levelWriteBuffer = r, c, m }
}
