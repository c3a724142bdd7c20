package kvstore

import (
	"encoding/binary"
	"errors"
	"fmt"
	"math"
	"time"

	"github.com/cayleygraph/quad"
)

// Kinds of encoded values: the first byte of an encoded value.
const (
	kindIRI         = 'I'
	kindBNode       = 'B'
	kindString      = 'S'
	kindLangString  = 'L'
	kindTypedString = 'T'
	kindInt         = 'i'
	kindFloat       = 'f'
	kindBool        = 'b'
	kindTime        = 't'
)

// appendValue appends the encoding of v to b. The encoding is exact: decoding
// gives back a value equal to v, of the same Go type.
func appendValue(b []byte, v quad.Value) ([]byte, error) {
	switch v := v.(type) {
	case quad.IRI:
		b = append(b, kindIRI)
		return append(b, v...), nil
	case quad.BNode:
		b = append(b, kindBNode)
		return append(b, v...), nil
	case quad.String:
		b = append(b, kindString)
		return append(b, v...), nil
	case quad.LangString:
		b = append(b, kindLangString)
		b = binary.AppendUvarint(b, uint64(len(v.Lang)))
		b = append(b, v.Lang...)
		return append(b, v.Value...), nil
	case quad.TypedString:
		b = append(b, kindTypedString)
		b = binary.AppendUvarint(b, uint64(len(v.Type)))
		b = append(b, v.Type...)
		return append(b, v.Value...), nil
	case quad.Int:
		b = append(b, kindInt)
		return binary.BigEndian.AppendUint64(b, uint64(v)), nil
	case quad.Float:
		b = append(b, kindFloat)
		return binary.BigEndian.AppendUint64(b, math.Float64bits(float64(v))), nil
	case quad.Bool:
		if v {
			return append(b, kindBool, 1), nil
		}
		return append(b, kindBool, 0), nil
	case quad.Time:
		t, err := time.Time(v).MarshalBinary()
		if err != nil {
			return nil, fmt.Errorf("encode time %v: %w", time.Time(v), err)
		}
		b = append(b, kindTime)
		return append(b, t...), nil
	case nil:
		return nil, errors.New("encode: no value")
	default:
		return nil, fmt.Errorf("encode: values of type %T cannot be stored", v)
	}
}

// decodeValue decodes a value encoded by appendValue.
func decodeValue(b []byte) (quad.Value, error) {
	if len(b) == 0 {
		return nil, errors.New("decode value: empty")
	}
	kind, p := b[0], b[1:]
	switch kind {
	case kindIRI:
		return quad.IRI(p), nil
	case kindBNode:
		return quad.BNode(p), nil
	case kindString:
		return quad.String(p), nil
	case kindLangString, kindTypedString:
		n, w := binary.Uvarint(p)
		if w <= 0 || n > uint64(len(p)-w) {
			return nil, fmt.Errorf("decode value: bad length in %q", b)
		}
		tag, val := string(p[w:w+int(n)]), quad.String(p[w+int(n):])
		if kind == kindLangString {
			return quad.LangString{Value: val, Lang: tag}, nil
		}
		return quad.TypedString{Value: val, Type: quad.IRI(tag)}, nil
	case kindInt, kindFloat:
		if len(p) != 8 {
			return nil, fmt.Errorf("decode value: bad number %q", b)
		}
		u := binary.BigEndian.Uint64(p)
		if kind == kindInt {
			return quad.Int(int64(u)), nil
		}
		return quad.Float(math.Float64frombits(u)), nil
	case kindBool:
		if len(p) != 1 || p[0] > 1 {
			return nil, fmt.Errorf("decode value: bad boolean %q", b)
		}
		return quad.Bool(p[0] == 1), nil
	case kindTime:
		var t time.Time
		if err := t.UnmarshalBinary(p); err != nil {
			return nil, fmt.Errorf("decode value: bad time %q: %w", b, err)
		}
		return quad.Time(t), nil
	default:
		return nil, fmt.Errorf("decode value: unknown kind %q", kind)
	}
}

// Ids are written in index keys with an order-preserving, prefix-free
// variable-length encoding (SQLite4's varint): small ids take one byte, ids up
// to 67823 three, and larger ones one more byte than their big-endian form.
func appendID(b []byte, v uint64) []byte {
	switch {
	case v <= 240:
		return append(b, byte(v))
	case v <= 2287:
		v -= 240
		return append(b, byte(v/256+241), byte(v%256))
	case v <= 67823:
		v -= 2288
		return append(b, 249, byte(v/256), byte(v%256))
	}
	n := 3
	for n < 8 && v>>(8*n) != 0 {
		n++
	}
	b = append(b, byte(250+n-3))
	for i := n - 1; i >= 0; i-- {
		b = append(b, byte(v>>(8*i)))
	}
	return b
}

// readID decodes an id written by appendID at the start of b and returns it
// with its length, or a length of 0 when b does not start with a whole id.
func readID(b []byte) (uint64, int) {
	if len(b) == 0 {
		return 0, 0
	}
	a := b[0]
	switch {
	case a <= 240:
		return uint64(a), 1
	case a <= 248:
		if len(b) < 2 {
			return 0, 0
		}
		return 240 + 256*uint64(a-241) + uint64(b[1]), 2
	case a == 249:
		if len(b) < 3 {
			return 0, 0
		}
		return 2288 + 256*uint64(b[1]) + uint64(b[2]), 3
	}
	n := int(a-250) + 3
	if len(b) < 1+n {
		return 0, 0
	}
	var v uint64
	for _, c := range b[1 : 1+n] {
		v = v<<8 | uint64(c)
	}
	return v, 1 + n
}

// canonicalEncoding reports whether enc encodes a value in the form that
// N-Quads reading gives: not a Go number, boolean or time (which Cayley's
// converting readers make of typed literals), and not a literal typed
// xsd:string (the same RDF term as the plain literal). Two different
// canonical encodings are two different RDF terms.
func canonicalEncoding(enc []byte) bool {
	if len(enc) == 0 {
		return false
	}
	switch enc[0] {
	case kindIRI, kindBNode, kindString, kindLangString:
		return true
	case kindTypedString:
		n, k := binary.Uvarint(enc[1:])
		if k <= 0 || uint64(len(enc)-1-k) < n {
			return false
		}
		return string(enc[1+k:1+k+int(n)]) != xsdString
	}
	return false
}

const xsdString = "http://www.w3.org/2001/XMLSchema#string"
