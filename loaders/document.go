package loaders

// Document is what a genre parser makes of one file: its structure, with the
// text of every block kept as written, and no interpretation of what the text
// means. The extractor reads a Document and writes facts; parsers never do.
type Document struct {
	Name  string // file name the document was read from, for messages
	Genre string // "wikitext", "wikimarkup", "webpage", "article"
	Title string // the document's own title, as written
	Lang  string // BCP 47 tag of the main language: en, zh-Hans, zh-Hant, ru, ...

	// Meta holds metadata fields the document states about itself, under
	// lower-case keys ("updated", "by", "publication date", "keywords",
	// "journal name", ...). Parsers map the field names they know, in any
	// language, to these English keys; values are as written.
	Meta map[string]string

	Blocks     []Block     // the body, in document order
	References []Reference // cited works (footnotes, numbered references)
	Categories []string    // wiki categories, as written, without the namespace
	Keywords   []string    // keywords the document lists about itself, as written
}

// BlockKind says what a Block is.
type BlockKind int

const (
	Heading   BlockKind = iota // a section heading; Level 1 is the title level
	Paragraph                  // running text
	ListItem                   // an item of a bulleted or numbered list
	Fact                       // a "Key: value" line of a fact list or infobox
	Table                      // a table; see Rows
	Caption                    // a table or figure caption
)

// Block is one structural unit of a document.
type Block struct {
	Kind    BlockKind
	Level   int        // heading level, or list nesting depth
	Section []string   // titles of the enclosing headings, outermost first
	Text    string     // plain text, markup removed
	Lang    string     // BCP 47 tag of this block's language
	Key     string     // for Fact: the key ("Country", "Date")
	Links   []Link     // links inside Text
	Refs    []int      // indexes into Document.References cited by this block
	Rows    [][]string // for Table: the rows, the header row first
	Spans   []Span     // parts of Text marked as written in another language
	Offset  int        // byte offset of the block in the file, for messages
}

// Span is a part of a block's text that the markup says is in a language of
// its own, such as the text of a wikitext {{lang-en|...}} template.
type Span struct {
	Text string // as it appears in Block.Text
	Lang string // BCP 47 tag
}

// Link is a link inside a block's text.
type Link struct {
	Target string // what the link points to: a wiki page title or a URL
	Text   string // the text shown, as it appears in Block.Text
}

// Reference is a cited work.
type Reference struct {
	URL       string
	Title     string
	Author    string // author or authors, as written
	Publisher string
	Date      string // as written
	DOI       string // digital object identifier without the doi.org prefix
	Text      string // the whole reference text, as written
	Lang      string // BCP 47 tag
}
