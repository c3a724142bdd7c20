package wikimarkup

import (
	"strings"

	"github.com/partygraph/partygraph/loaders"
	"github.com/partygraph/partygraph/loaders/internal/lines"
)

// inline renders one line's inline markup: emphasis marks ("**", "”")
// are dropped, "[text](url)" and "[[target|text]]" become links.
func inline(s string) (string, []loaders.Link) {
	var sb strings.Builder
	var links []loaders.Link
	for i := 0; i < len(s); {
		rest := s[i:]
		switch {
		case strings.HasPrefix(rest, "**"), strings.HasPrefix(rest, "''"), strings.HasPrefix(rest, "__"):
			i += 2
		case strings.HasPrefix(rest, "[["):
			end := strings.Index(rest, "]]")
			if end < 0 {
				sb.WriteString("[[")
				i += 2
				continue
			}
			target, text, ok := strings.Cut(rest[2:end], "|")
			if !ok || strings.TrimSpace(text) == "" {
				text = target
			}
			target, text = lines.Clean(target), lines.Clean(text)
			if target != "" {
				links = append(links, loaders.Link{Target: target, Text: text})
			}
			sb.WriteString(text)
			i += end + 2
		case rest[0] == '[':
			mid := strings.Index(rest, "](")
			end := -1
			if mid > 0 && !strings.Contains(rest[1:mid], "[") {
				end = strings.IndexByte(rest[mid:], ')')
			}
			if end < 0 {
				sb.WriteByte('[')
				i++
				continue
			}
			text, target := lines.Clean(rest[1:mid]), lines.Clean(rest[mid+2:mid+end])
			if target != "" && text != "" {
				links = append(links, loaders.Link{Target: target, Text: text})
			}
			sb.WriteString(text)
			i += mid + end + 1
		default:
			sb.WriteByte(s[i])
			i++
		}
	}
	text := lines.Clean(sb.String())
	return text, links
}
