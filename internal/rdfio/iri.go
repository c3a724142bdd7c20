package rdfio

import "strings"

// ResolveIRI resolves a relative reference ref against base following RFC
// 3986 section 5.2. An absolute ref (one with a scheme) is returned as it is,
// without normalization, as Turtle and SPARQL require; so is any ref when
// base is empty.
func ResolveIRI(base, ref string) string {
	rs, ra, rp, rq, rf, hasA, hasQ, hasF := splitIRI(ref)
	if rs != "" {
		return ref
	}
	if base == "" {
		return ref
	}
	bs, ba, bp, bq, _, bhasA, bhasQ, _ := splitIRI(base)
	var s, a, p, q string
	var tA, tQ bool
	s = bs
	switch {
	case hasA:
		a, tA, p, q, tQ = ra, true, removeDots(rp), rq, hasQ
	case rp == "":
		a, tA, p = ba, bhasA, bp
		if hasQ {
			q, tQ = rq, true
		} else {
			q, tQ = bq, bhasQ
		}
	default:
		a, tA = ba, bhasA
		if strings.HasPrefix(rp, "/") {
			p = removeDots(rp)
		} else {
			p = removeDots(mergePaths(bhasA, bp, rp))
		}
		q, tQ = rq, hasQ
	}
	return joinIRI(s, a, p, q, rf, tA, tQ, hasF)
}

func splitIRI(s string) (scheme, auth, path, query, frag string, hasAuth, hasQuery, hasFrag bool) {
	if i := strings.IndexByte(s, '#'); i >= 0 {
		frag, hasFrag = s[i+1:], true
		s = s[:i]
	}
	if i := strings.IndexByte(s, '?'); i >= 0 {
		query, hasQuery = s[i+1:], true
		s = s[:i]
	}
	// A scheme is ALPHA *( ALPHA / DIGIT / "+" / "-" / "." ) followed by ':'.
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c == ':' && i > 0 {
			scheme, s = s[:i], s[i+1:]
			break
		}
		isAlpha := (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z')
		if !isAlpha && (i == 0 || !(c >= '0' && c <= '9' || c == '+' || c == '-' || c == '.')) {
			break
		}
	}
	if strings.HasPrefix(s, "//") {
		s = s[2:]
		hasAuth = true
		if i := strings.IndexByte(s, '/'); i >= 0 {
			auth, s = s[:i], s[i:]
		} else {
			auth, s = s, ""
		}
	}
	return scheme, auth, s, query, frag, hasAuth, hasQuery, hasFrag
}

func joinIRI(scheme, auth, path, query, frag string, hasAuth, hasQuery, hasFrag bool) string {
	var b strings.Builder
	if scheme != "" {
		b.WriteString(scheme)
		b.WriteByte(':')
	}
	if hasAuth {
		b.WriteString("//")
		b.WriteString(auth)
	}
	b.WriteString(path)
	if hasQuery {
		b.WriteByte('?')
		b.WriteString(query)
	}
	if hasFrag {
		b.WriteByte('#')
		b.WriteString(frag)
	}
	return b.String()
}

func mergePaths(baseHasAuth bool, basePath, ref string) string {
	if baseHasAuth && basePath == "" {
		return "/" + ref
	}
	if i := strings.LastIndexByte(basePath, '/'); i >= 0 {
		return basePath[:i+1] + ref
	}
	return ref
}

// removeDots is remove_dot_segments of RFC 3986 section 5.2.4.
func removeDots(in string) string {
	if !strings.Contains(in, ".") {
		return in
	}
	var out []string
	for in != "" {
		switch {
		case strings.HasPrefix(in, "../"):
			in = in[3:]
		case strings.HasPrefix(in, "./"):
			in = in[2:]
		case strings.HasPrefix(in, "/./"):
			in = in[2:]
		case in == "/.":
			in = "/"
		case strings.HasPrefix(in, "/../"):
			in = in[3:]
			if len(out) > 0 {
				out = out[:len(out)-1]
			}
		case in == "/..":
			in = "/"
			if len(out) > 0 {
				out = out[:len(out)-1]
			}
		case in == "." || in == "..":
			in = ""
		default:
			start := 0
			if in[0] == '/' {
				start = 1
			}
			i := strings.IndexByte(in[start:], '/')
			if i < 0 {
				out = append(out, in)
				in = ""
			} else {
				out = append(out, in[:start+i])
				in = in[start+i:]
			}
		}
	}
	return strings.Join(out, "")
}
