package loaders

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"unicode/utf8"
)

// DefaultMaxSize is the largest document a parser reads unless its MaxSize
// field says otherwise: 16 MiB.
const DefaultMaxSize = 16 << 20

// Errors of ReadInput, for errors.Is. They are returned wrapped in an *Error
// that names the file.
var (
	ErrEmpty    = errors.New("empty document")
	ErrBinary   = errors.New("binary data, not a text document")
	ErrTooLarge = errors.New("document too large")
)

// Error is a parse error at a position of a named file. Line and Col are
// 1-based; Col counts bytes, as go/token does. Line 0 means the error is about
// the file as a whole.
type Error struct {
	Name string
	Line int
	Col  int
	Msg  string
	Err  error // the sentinel or cause, if any
}

func (e *Error) Error() string {
	if e.Line == 0 {
		return fmt.Sprintf("%s: %s", e.Name, e.Msg)
	}
	return fmt.Sprintf("%s:%d:%d: %s", e.Name, e.Line, e.Col, e.Msg)
}

func (e *Error) Unwrap() error { return e.Err }

// Position returns the 1-based line and byte column of offset in data.
func Position(data []byte, offset int) (line, col int) {
	if offset > len(data) {
		offset = len(data)
	}
	if offset < 0 {
		offset = 0
	}
	line = 1 + bytes.Count(data[:offset], []byte{'\n'})
	col = offset - bytes.LastIndexByte(data[:offset], '\n')
	return line, col
}

// ErrorAt returns an *Error for offset in data.
func ErrorAt(name string, data []byte, offset int, err error, format string, args ...any) *Error {
	line, col := Position(data, offset)
	return &Error{Name: name, Line: line, Col: col, Msg: fmt.Sprintf(format, args...), Err: err}
}

// ReadInput reads a whole document of at most max bytes (DefaultMaxSize if
// max <= 0) and checks that it is text: not empty or blank, without NUL bytes,
// and mostly valid UTF-8. A leading byte-order mark is removed and stray
// invalid bytes become U+FFFD, so parsers may assume valid UTF-8. Errors are
// *Error values wrapping ErrEmpty, ErrBinary, ErrTooLarge or the read error.
func ReadInput(name string, r io.Reader, max int64) ([]byte, error) {
	if max <= 0 {
		max = DefaultMaxSize
	}
	data, err := io.ReadAll(io.LimitReader(r, max+1))
	if err != nil {
		return nil, &Error{Name: name, Msg: "read: " + err.Error(), Err: err}
	}
	if int64(len(data)) > max {
		return nil, &Error{Name: name, Msg: fmt.Sprintf("document larger than the limit of %d bytes", max), Err: ErrTooLarge}
	}
	return CheckText(name, data)
}

// CheckText does the checks of ReadInput on data already in memory.
func CheckText(name string, data []byte) ([]byte, error) {
	data = bytes.TrimPrefix(data, []byte("\xef\xbb\xbf"))
	if i := bytes.IndexByte(data, 0); i >= 0 {
		return nil, ErrorAt(name, data, i, ErrBinary, "binary data (NUL byte), not a text document")
	}
	if len(bytes.TrimSpace(data)) == 0 {
		return nil, &Error{Name: name, Msg: "empty document", Err: ErrEmpty}
	}
	if !utf8.Valid(data) {
		bad, first := 0, -1
		for i := 0; i < len(data); {
			r, n := utf8.DecodeRune(data[i:])
			if r == utf8.RuneError && n == 1 {
				bad++
				if first < 0 {
					first = i
				}
			}
			i += n
		}
		if bad*10 > len(data) {
			return nil, ErrorAt(name, data, first, ErrBinary, "binary data (invalid UTF-8), not a text document")
		}
		data = bytes.ToValidUTF8(data, []byte("\uFFFD"))
	}
	return data, nil
}
