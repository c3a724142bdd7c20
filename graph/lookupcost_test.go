package graph

import "testing"

func TestKVLookupCost(t *testing.T) {
	for _, tc := range []struct {
		n    int64
		want int
	}{
		{0, 8}, {14_935, 8}, {99_999, 8}, {104_935, 16}, {1_004_935, 32},
		{10_004_935, 64}, {100_000_000, 128}, {1 << 40, 128},
	} {
		if got := kvLookupCost(tc.n); got != tc.want {
			t.Errorf("kvLookupCost(%d) = %d, want %d", tc.n, got, tc.want)
		}
	}
}
