package sparql

// ParseOptions are the settings of ParseWith.
type ParseOptions struct {
	Base string // base IRI for relative IRIs; a BASE in the query overrides it
	// Prefixes are declared before the query's own PREFIX declarations, which
	// override them: prefix name (without the colon) to namespace IRI.
	Prefixes map[string]string
}

// ParseWith is Parse with a base IRI and predeclared prefixes, so that
// analysts can write pg:Meeting without a PREFIX line. Error positions refer
// to the query text as given.
func ParseWith(query string, opt ParseOptions) (*Query, error) {
	return parse(query, opt.Base, opt.Prefixes)
}
