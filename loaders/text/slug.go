package text

import (
	"fmt"
	"hash/fnv"
	"strings"
	"unicode"
)

// MaxSlug is the longest slug Slug returns, in bytes. A longer one is cut at
// a hyphen and ends in a hash of the whole slug, so it stays unique.
const MaxSlug = 96

// Slug returns a stable, deterministic IRI slug for a name. A name with Latin
// letters gives an ASCII slug of its folded Latin letters and digits, the
// words joined by hyphens and apostrophes dropped ("Nicolás Maduro" gives
// "nicolas-maduro", "People's Party" gives "peoples-party"); characters of
// other scripts in it are ignored. A name without Latin letters keeps its
// folded letters and digits of every script, so a Chinese name gives its
// Simplified form ("習近平" gives "习近平"), which graph.EntityIRI
// percent-escapes. A name with no letters or digits gives "".
func Slug(s string) string {
	key := Fold(s)
	latin := false
	for _, r := range key {
		if r < 0x80 && (r >= 'a' && r <= 'z') {
			latin = true
			break
		}
	}
	var b strings.Builder
	sep := false
	for _, r := range key {
		keep := false
		switch {
		case r == '\'':
			continue
		case r < 0x80:
			keep = r >= 'a' && r <= 'z' || r >= '0' && r <= '9'
		case !latin:
			keep = unicode.IsLetter(r) || unicode.IsDigit(r)
		}
		if !keep {
			sep = true
			continue
		}
		if sep && b.Len() > 0 {
			b.WriteByte('-')
		}
		sep = false
		b.WriteRune(unicode.ToLower(r))
	}
	out := b.String()
	if len(out) <= MaxSlug {
		return out
	}
	h := fnv.New32a()
	h.Write([]byte(out))
	suffix := fmt.Sprintf("-%08x", h.Sum32())
	cut := out[:MaxSlug-len(suffix)]
	if i := strings.LastIndexByte(cut, '-'); i > MaxSlug/2 {
		cut = cut[:i]
	} else {
		for len(cut) > 0 && !isRuneStart(out[len(cut)]) {
			cut = cut[:len(cut)-1]
		}
	}
	return cut + suffix
}

func isRuneStart(b byte) bool { return b&0xC0 != 0x80 }
