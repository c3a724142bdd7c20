package webpage

import (
	"strings"
	"unicode/utf8"

	"github.com/partygraph/partygraph/loaders/internal/lines"
)

type eventKind int

const (
	eBlank      eventKind = iota
	eNav                  // a language switcher
	eBreadcrumb           // "Home > Section"
	eMeta                 // "Updated:... | By:..."
	eFooter               // boilerplate
	eText                 // anything else
)

type event struct {
	kind   eventKind
	text   string
	meta   [][2]string // for eMeta: Meta key and value
	offset int
}

func classify(l lines.Line) event {
	text := lines.Clean(l.Text)
	ev := event{kind: eText, text: text, offset: l.Offset}
	switch {
	case text == "":
		ev.kind = eBlank
	case isNav(text):
		ev.kind = eNav
	case isFooter(text):
		ev.kind = eFooter
	default:
		if crumb, ok := breadcrumb(text); ok {
			ev.kind, ev.text = eBreadcrumb, crumb
		} else if m := metaFields(text); m != nil {
			ev.kind, ev.meta = eMeta, m
		}
	}
	return ev
}

func segments(s, sep string) []string {
	parts := strings.Split(s, sep)
	for i := range parts {
		parts[i] = strings.TrimSpace(parts[i])
	}
	return parts
}

// isNav reports a language switcher: three or more short '|'-separated
// segments, at least half of them language names.
func isNav(s string) bool {
	segs := segments(s, "|")
	if len(segs) < 3 {
		return false
	}
	names := 0
	for _, seg := range segs {
		if lines.Words(seg) > 4 {
			return false
		}
		if languageNames[strings.ToLower(seg)] {
			names++
		}
	}
	return names*2 >= len(segs)
}

func isFooter(s string) bool {
	if utf8.RuneCountInString(s) > 200 {
		return false
	}
	low := strings.ToLower(s)
	for _, m := range footerMarks {
		if strings.Contains(low, m) {
			return true
		}
	}
	for _, seg := range segments(low, "|") {
		if !footerPhrases[strings.Trim(seg, " .·•")] {
			return false
		}
	}
	return true
}

// breadcrumb recognises "Home > A > B" (also with › or »), or a line that a
// location label introduces, and returns the trail.
func breadcrumb(s string) (string, bool) {
	low := strings.ToLower(s)
	for _, lab := range breadcrumbLabels {
		if strings.HasPrefix(low, lab) {
			return strings.TrimSpace(s[len(lab):]), true
		}
	}
	for _, sep := range [...]string{">", "›", "»", "＞"} {
		segs := segments(s, sep)
		if len(segs) >= 2 && homeWords[strings.ToLower(segs[0])] {
			for _, seg := range segs {
				if lines.Words(seg) > 12 {
					return "", false
				}
			}
			return strings.Join(segs, " > "), true
		}
	}
	return "", false
}

// metaFields splits "Key:value | Key:value" when every segment has a known
// key; nil otherwise.
func metaFields(s string) [][2]string {
	var out [][2]string
	for _, seg := range segments(s, "|") {
		i := strings.IndexAny(seg, ":：")
		if i <= 0 {
			return nil
		}
		key, ok := metaKeys[strings.ToLower(strings.TrimSpace(seg[:i]))]
		if !ok {
			return nil
		}
		_, n := utf8.DecodeRuneInString(seg[i:])
		out = append(out, [2]string{key, strings.TrimSpace(seg[i+n:])})
	}
	return out
}
