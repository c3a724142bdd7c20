package kvstore

import (
	"fmt"
	"strconv"
)

// SetBulkSizes sets the sizes of the LevelDB bulk load (runQuads, the
// counters kept in memory, the memtable) for tests that need runs to spill
// and transactions to write tables, and returns a function that restores
// them.
func SetBulkSizes(run, counters, memtable int) (restore func()) {
	r, c, m := runQuads, spoolMemory, levelWriteBuffer
	runQuads, spoolMemory, levelWriteBuffer = run, counters, memtable
	return func() { runQuads, spoolMemory, levelWriteBuffer = r, c, m }
}

// LevelTables returns how many tables each of LevelDB's levels holds, from
// level 0 up to the last that holds one; nil on bolt.
func LevelTables(s *Store) ([]int, error) {
	e, ok := s.eng.(*levelEngine)
	if !ok {
		return nil, nil
	}
	var n []int
	for level := range 7 { // goleveldb's levels
		v, err := e.db.GetProperty(fmt.Sprintf("leveldb.num-files-at-level%d", level))
		if err != nil {
			return nil, err
		}
		k, _ := strconv.Atoi(v)
		n = append(n, k)
	}
	for len(n) > 1 && n[len(n)-1] == 0 {
		n = n[:len(n)-1]
	}
	return n, nil
}
