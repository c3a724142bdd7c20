package kvstore

import (
	"bytes"
	"math"
	"testing"
	"time"

	"github.com/cayleygraph/quad"
)

var valueSeeds = []quad.Value{
	quad.IRI("https://w3id.org/partygraph/id/party/cpc"),
	quad.IRI(""),
	quad.BNode("b0"),
	quad.String(""),
	quad.String("CPC in Dialogue with World Political Parties\n\"High-level\" Meeting"),
	quad.String("中国共产党与世界政党高层对话会"),
	quad.LangString{Value: "习近平", Lang: "zh-Hans"},
	quad.LangString{Value: "", Lang: ""},
	quad.TypedString{Value: "2017-11-30", Type: "http://www.w3.org/2001/XMLSchema#date"},
	quad.TypedString{Value: "42", Type: ""},
	quad.Int(-7), quad.Int(math.MaxInt64),
	quad.Float(1.5), quad.Float(math.Inf(-1)),
	quad.Bool(true), quad.Bool(false),
	quad.Time(time.Date(2017, 11, 30, 9, 0, 0, 0, time.UTC)),
}

func TestValueRoundTrip(t *testing.T) {
	for _, v := range valueSeeds {
		t.Run(quad.StringOf(v), func(t *testing.T) {
			enc, err := appendValue(nil, v)
			if err != nil {
				t.Fatal(err)
			}
			got, err := decodeValue(enc)
			if err != nil {
				t.Fatal(err)
			}
			if !sameValue(got, v) {
				t.Errorf("round trip of %#v gave %#v", v, got)
			}
		})
	}
	if _, err := appendValue(nil, nil); err == nil {
		t.Errorf("encoding nil succeeded")
	}
	if _, err := appendValue(nil, otherValue{}); err == nil {
		t.Errorf("encoding a value of an unknown type succeeded")
	}
}

type otherValue struct{ quad.IRI }

func (otherValue) String() string { return "other" }

// sameValue compares values of the same Go type exactly (quad.Time by
// instant, zone and all, as Equal plus location name).
func sameValue(a, b quad.Value) bool {
	if ta, ok := a.(quad.Time); ok {
		tb, ok := b.(quad.Time)
		return ok && time.Time(ta).Equal(time.Time(tb)) && time.Time(ta).Location().String() == time.Time(tb).Location().String()
	}
	if fa, ok := a.(quad.Float); ok {
		fb, ok := b.(quad.Float)
		return ok && math.Float64bits(float64(fa)) == math.Float64bits(float64(fb))
	}
	return a == b
}

// FuzzValueRoundTrip: every string and language or datatype makes values
// that come back out exactly, and decoding arbitrary bytes never panics.
func FuzzValueRoundTrip(f *testing.F) {
	for _, v := range valueSeeds {
		enc, _ := appendValue(nil, v)
		f.Add(byte(0), string(enc), "")
		f.Add(byte(3), quad.StringOf(v), "en")
	}
	f.Fuzz(func(t *testing.T, kind byte, s, tag string) {
		decodeValue([]byte(s)) // must not panic
		var v quad.Value
		switch kind % 7 {
		case 0:
			v = quad.IRI(s)
		case 1:
			v = quad.BNode(s)
		case 2:
			v = quad.String(s)
		case 3:
			v = quad.LangString{Value: quad.String(s), Lang: tag}
		case 4:
			v = quad.TypedString{Value: quad.String(s), Type: quad.IRI(tag)}
		case 5:
			v = quad.Int(len(s)*31 - len(tag))
		case 6:
			v = quad.Float(float64(len(s)) / float64(len(tag)+1))
		}
		enc, err := appendValue(nil, v)
		if err != nil {
			t.Fatal(err)
		}
		got, err := decodeValue(enc)
		if err != nil {
			t.Fatalf("decode %#v: %v", v, err)
		}
		if !sameValue(got, v) {
			t.Fatalf("round trip of %#v gave %#v", v, got)
		}
		// Distinct values have distinct keys.
		other, _ := appendValue(nil, quad.String(s+tag))
		if _, isStr := v.(quad.String); !isStr && bytes.Equal(valueKey(enc), valueKey(other)) {
			t.Fatalf("%#v and %q share a key", v, s+tag)
		}
	})
}

// FuzzID: ids round trip, are prefix-free, and sort like the numbers.
func FuzzID(f *testing.F) {
	for _, v := range []uint64{0, 1, 240, 241, 2287, 2288, 67823, 67824, 1 << 24, 1<<32 + 5, math.MaxUint64} {
		f.Add(v, v+1)
	}
	f.Fuzz(func(t *testing.T, a, b uint64) {
		ea, eb := appendID(nil, a), appendID(nil, b)
		got, n := readID(append(append([]byte(nil), ea...), 7, 7))
		if got != a || n != len(ea) {
			t.Fatalf("readID(appendID(%d)) = %d, %d bytes of %d", a, got, n, len(ea))
		}
		if c := bytes.Compare(ea, eb); (a < b) != (c < 0) || (a == b) != (c == 0) {
			t.Fatalf("%d vs %d: encodings compare %d", a, b, c)
		}
		readID(ea[:len(ea)-1]) // a cut id must not panic
	})
}

func TestChooseIndex(t *testing.T) {
	cases := []struct {
		bound ids
		want  string
		n     int
	}{
		{ids{}, "SPOG", 0},
		{ids{1, 0, 0, 0}, "SPOG", 1},
		{ids{0, 2, 0, 0}, "POSG", 1},
		{ids{0, 0, 3, 0}, "OSPG", 1},
		{ids{0, 0, 0, 4}, "GSPO", 1},
		{ids{1, 2, 0, 0}, "SPOG", 2},
		{ids{0, 2, 3, 0}, "POSG", 2},
		{ids{1, 0, 3, 0}, "OSPG", 2},
		{ids{1, 0, 0, 4}, "GSPO", 2},
		{ids{1, 2, 0, 4}, "GSPO", 3},
		{ids{1, 2, 3, 0}, "SPOG", 3},
		{ids{0, 2, 3, 4}, "POSG", 2},
		{ids{1, 2, 3, 4}, "SPOG", 4},
		{ids{0, 2, 0, 4}, "POSG", 1}, // a tie: the smaller count wins, the first on equal counts
	}
	s := &Store{}
	for _, c := range cases {
		x, prefix, err := s.chooseIndex(noCounts{}, c.bound)
		if err != nil {
			t.Fatal(err)
		}
		_, n := x.prefix(c.bound)
		if x.name != c.want || n != c.n {
			t.Errorf("%v: %s covering %d, want %s covering %d", c.bound, x.name, n, c.want, c.n)
		}
		if len(prefix) != c.n {
			t.Errorf("%v: prefix %x, want %d one-byte ids", c.bound, prefix, c.n)
		}
	}
}

// noCounts is a reader of an empty store.
type noCounts struct{}

func (noCounts) get(byte, []byte) ([]byte, error)                        { return nil, nil }
func (noCounts) scan(byte, []byte, []byte, func(k, v []byte) bool) error { return nil }
