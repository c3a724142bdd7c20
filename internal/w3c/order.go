package w3c

import (
	"strings"
	"unicode"
)

// OrderKeys finds the ORDER BY clause of the outermost query in a SPARQL
// query text. It returns nil if there is none; the names of the ordering
// variables when every condition is a variable, ASC(?v) or DESC(?v); and an
// empty non-nil slice when some condition is another expression (then
// whole rows are compared in order).
func OrderKeys(query string) []string {
	toks := tokens(query)
	depth := 0
	for i := 0; i < len(toks); i++ {
		switch {
		case toks[i] == "{":
			depth++
		case toks[i] == "}":
			depth--
		case depth == 0 && strings.EqualFold(toks[i], "ORDER") && i+1 < len(toks) && strings.EqualFold(toks[i+1], "BY"):
			return orderVars(toks[i+2:])
		}
	}
	return nil
}

func orderVars(toks []string) []string {
	keys := []string{}
	simple := true
	for i := 0; i < len(toks); i++ {
		t := toks[i]
		up := strings.ToUpper(t)
		switch {
		case up == "LIMIT" || up == "OFFSET" || up == "VALUES" || t == "{" || t == "}":
			if simple {
				return keys
			}
			return []string{}
		case strings.HasPrefix(t, "?") || strings.HasPrefix(t, "$"):
			keys = append(keys, t[1:])
		case (up == "ASC" || up == "DESC") && i+3 < len(toks) && toks[i+1] == "(" &&
			(strings.HasPrefix(toks[i+2], "?") || strings.HasPrefix(toks[i+2], "$")) && toks[i+3] == ")":
			keys = append(keys, toks[i+2][1:])
			i += 3
		default:
			simple = false
		}
	}
	if simple {
		return keys
	}
	return []string{}
}

// tokens splits a query into rough tokens: strings, IRIs and comments are
// dropped, braces and parentheses are tokens of their own.
func tokens(q string) []string {
	var out []string
	rs := []rune(q)
	for i := 0; i < len(rs); i++ {
		c := rs[i]
		switch {
		case unicode.IsSpace(c):
		case c == '#':
			for i < len(rs) && rs[i] != '\n' {
				i++
			}
		case c == '"' || c == '\'':
			long := i+2 < len(rs) && rs[i+1] == c && rs[i+2] == c
			if long {
				i += 3
				for i+2 < len(rs) && !(rs[i] == c && rs[i+1] == c && rs[i+2] == c) {
					if rs[i] == '\\' {
						i++
					}
					i++
				}
				i += 2
			} else {
				i++
				for i < len(rs) && rs[i] != c && rs[i] != '\n' {
					if rs[i] == '\\' {
						i++
					}
					i++
				}
			}
		case c == '<' && i+1 < len(rs) && !unicode.IsSpace(rs[i+1]) && rs[i+1] != '=':
			j := i + 1
			for j < len(rs) && rs[j] != '>' && !unicode.IsSpace(rs[j]) {
				j++
			}
			if j < len(rs) && rs[j] == '>' {
				i = j // an IRI
			} else {
				out = append(out, "<")
			}
		case strings.ContainsRune("{}()", c):
			out = append(out, string(c))
		default:
			j := i
			for j < len(rs) && !unicode.IsSpace(rs[j]) && !strings.ContainsRune("{}()#\"'", rs[j]) {
				j++
			}
			if j == i {
				j = i + 1
			}
			out = append(out, string(rs[i:j]))
			i = j - 1
		}
	}
	return out
}
