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
	tok      token // the opening token (for nMarker, the token itself)
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
	root := &node{kind: nMarker}
	stack := []*node{root}
	top := func() *node { return stack[len(stack)-1] }
	add := func(n *node) { t := top(); t.children = append(t.children, n) }
	textNode := func(t token) *node { return &node{kind: nText, tok: t, text: t.val, end: t.end} }
	// flatten pops the top frame and splices it into its parent as text.
	flatten := func() {
		f := top()
		stack = stack[:len(stack)-1]
		p := top()
		p.children = p.children[:len(p.children)-1] // f itself, its last child
		add(&node{kind: nText, tok: f.tok, text: openerText(f.tok), end: f.tok.end})
		for _, c := range f.children {
			if c.kind == nMarker && (c.tok.kind == tPipe || c.tok.kind == tEquals) {
				c = textNode(c.tok)
			}
			add(c)
		}
	}
	push := func(kind nodeKind, t token) {
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
	closeFrame := func(kind nodeKind, t token) {
		i := len(stack) - 1
		for i > 0 && stack[i].kind != kind {
			i--
		}
		if i == 0 {
			add(textNode(t))
			return
		}
		for len(stack)-1 > i {
			flatten()
		}
		n := top()
		n.end = t.end
		n.closePos = t.pos
		stack = stack[:len(stack)-1]
	}
	for _, t := range toks {
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
			// Links cannot span lines: an open one is text.
			for k := top().kind; k == nLink || k == nExtLink; k = top().kind {
				flatten()
			}
			add(&node{kind: nMarker, tok: t, end: t.end})
		default:
			add(&node{kind: nMarker, tok: t, end: t.end})
		}
	}
	for len(stack) > 1 {
		flatten()
	}
	return root.children
}

func openerText(t token) string {
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

// parts splits a template's or link's children at its top-level pipes.
func parts(n *node) [][]*node {
	var out [][]*node
	cur := []*node{}
	for _, c := range n.children {
		if c.kind == nMarker && c.tok.kind == tPipe {
			out = append(out, cur)
			cur = []*node{}
			continue
		}
		cur = append(cur, c)
	}
	return append(out, cur)
}
