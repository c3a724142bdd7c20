package wikitext

type nodeKind int

const (
	nText nodeKind = iota
	nTemplate
	nLink
	nExtLink
	nRef    // <ref>...</ref>, or <ref/> with no children
	nMarker // any other token, kept as it came (pipes, quotes, block markers)
)

// node is an element of the parse tree. Templates, links and refs hold their
// content in children, where top-level tPipe markers separate the parts.
type node struct {
	kind     nodeKind
	tok      *token // the opening token (for nMarker, the token itself)
	text     string
	end      int // byte offset after the node's closing token
	closePos int // byte offset of the closing token
	children []*node
}

// parseTree builds the tree. An opener whose closer never comes is turned
// back into text with its content spliced into the enclosing node, so that
// unbalanced input reads as it was written. maxDepth limits nesting; an
// opener beyond it is text.
func parseTree(toks []token, maxDepth int) []*node {
	root := &node{kind: nMarker, tok: &token{}}
	stack := []*node{root}
	top := func() *node { return stack[len(stack)-1] }
	add := func(n *node) { t := top(); t.children = append(t.children, n) }
	textNode := func(t *token) *node { return &node{kind: nText, tok: t, text: t.val, end: t.end} }
	// flattenTo turns the frames above stack[i] back into text inside
	// stack[i], in one pass over their children.
	flattenTo := func(i int) {
		if len(stack)-1 <= i {
			return
		}
		dst := stack[i]
		dst.children = dst.children[:len(dst.children)-1] // stack[i+1] itself
		for k := i + 1; k < len(stack); k++ {
			f := stack[k]
			kids := f.children
			if k+1 < len(stack) {
				kids = kids[:len(kids)-1] // the next open frame, spliced in next
			}
			if o := openerText(f.tok); o != "" {
				dst.children = append(dst.children, &node{kind: nText, tok: f.tok, text: o, end: f.tok.end})
			}
			for _, c := range kids {
				if c.kind == nMarker && (c.tok.kind == tPipe || c.tok.kind == tEquals) {
					c.kind, c.text = nText, c.tok.val
				}
				dst.children = append(dst.children, c)
			}
		}
		stack = stack[:i+1]
	}
	push := func(kind nodeKind, t *token) {
		if len(stack) > maxDepth {
			add(textNode(t))
			return
		}
		n := &node{kind: kind, tok: t}
		add(n)
		stack = append(stack, n)
	}
	// closeFrame closes the nearest open frame of kind, flattening the frames
	// above it; without one, the closer is text.
	closeFrame := func(kind nodeKind, t *token) {
		i := len(stack) - 1
		for i > 0 && stack[i].kind != kind {
			i--
		}
		if i == 0 {
			add(textNode(t))
			return
		}
		flattenTo(i)
		n := top()
		n.end = t.end
		n.closePos = t.pos
		stack = stack[:len(stack)-1]
	}
	for ti := range toks {
		t := &toks[ti]
		switch t.kind {
		case tText:
			add(textNode(t))
		case tTplOpen:
			push(nTemplate, t)
		case tTplClose:
			closeFrame(nTemplate, t)
		case tLinkOpen:
			push(nLink, t)
		case tLinkClose:
			closeFrame(nLink, t)
		case tExtOpen:
			push(nExtLink, t)
		case tExtClose:
			closeFrame(nExtLink, t)
		case tTag:
			if t.val != "ref" {
				add(&node{kind: nMarker, tok: t, end: t.end})
				break
			}
			switch {
			case t.tag.selfClosing:
				add(&node{kind: nRef, tok: t, end: t.end})
			case t.tag.closing:
				i := len(stack) - 1
				for i > 0 && stack[i].kind != nRef {
					i--
				}
				if i > 0 {
					closeFrame(nRef, t)
				} // a stray </ref> is dropped
			default:
				push(nRef, t)
			}
		case tNewline:
			// Links cannot span lines: open ones are text.
			i := len(stack) - 1
			for i > 0 && (stack[i].kind == nLink || stack[i].kind == nExtLink) {
				i--
			}
			flattenTo(i)
			add(&node{kind: nMarker, tok: t, end: t.end})
		default:
			add(&node{kind: nMarker, tok: t, end: t.end})
		}
	}
	flattenTo(0)
	return root.children
}

func openerText(t *token) string {
	switch t.kind {
	case tTplOpen:
		return "{{"
	case tLinkOpen:
		return "[["
	case tExtOpen:
		return "["
	}
	return "" // an unclosed <ref> tag is dropped, its content kept
}

// parts splits a template's or link's children at its top-level pipes,
// into at most max parts; the last part holds the rest.
func parts(n *node, max int) [][]*node {
	var out [][]*node
	start := 0
	for i, c := range n.children {
		if c.kind == nMarker && c.tok.kind == tPipe && len(out) < max-1 {
			out = append(out, n.children[start:i:i])
			start = i + 1
		}
	}
	return append(out, n.children[start:len(n.children):len(n.children)])
}
