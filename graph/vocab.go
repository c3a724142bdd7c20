package graph

import "github.com/cayleygraph/quad"

// Namespaces of the vocabulary.
const (
	NS       = "https://w3id.org/partygraph/ontology#" // pg:
	IDNS     = "https://w3id.org/partygraph/id/"       // entity IRIs: IDNS + kind + "/" + slug
	SourceNS = "https://w3id.org/partygraph/source/"   // source labels: SourceNS + file name without extension

	SchemaNS = "http://schema.org/"
	RDFNS    = "http://www.w3.org/1999/02/22-rdf-syntax-ns#"
	RDFSNS   = "http://www.w3.org/2000/01/rdf-schema#"
	SKOSNS   = "http://www.w3.org/2004/02/skos/core#"
	XSDNS    = "http://www.w3.org/2001/XMLSchema#"
)

// Prefixes maps the conventional prefix of each namespace to its IRI, in the
// order documentation and query editors list them.
var Prefixes = []struct{ Prefix, IRI string }{
	{"pg", NS},
	{"schema", SchemaNS},
	{"rdf", RDFNS},
	{"rdfs", RDFSNS},
	{"skos", SKOSNS},
	{"xsd", XSDNS},
}

// Classes.
const (
	MeetingSeries          = quad.IRI(NS + "MeetingSeries")
	Meeting                = quad.IRI(NS + "Meeting")
	PoliticalParty         = quad.IRI(NS + "PoliticalParty")
	Person                 = quad.IRI(SchemaNS + "Person")
	Country                = quad.IRI(SchemaNS + "Country")
	City                   = quad.IRI(SchemaNS + "City")
	GovernmentOrganization = quad.IRI(SchemaNS + "GovernmentOrganization")
	Theme                  = quad.IRI(NS + "Theme")
	Topic                  = quad.IRI(NS + "Topic")
	Speech                 = quad.IRI(NS + "Speech")
	OutcomeDocument        = quad.IRI(NS + "OutcomeDocument")
	SourceDocument         = quad.IRI(NS + "SourceDocument")

	Event        = quad.IRI(SchemaNS + "Event")
	EventSeries  = quad.IRI(SchemaNS + "EventSeries")
	Organization = quad.IRI(SchemaNS + "Organization")
	CreativeWork = quad.IRI(SchemaNS + "CreativeWork")
	OnlineEvent  = quad.IRI(SchemaNS + "OnlineEventAttendanceMode")
	OfflineEvent = quad.IRI(SchemaNS + "OfflineEventAttendanceMode")
	MixedEvent   = quad.IRI(SchemaNS + "MixedEventAttendanceMode")
	RDFSClass    = quad.IRI(RDFSNS + "Class")
	RDFProperty  = quad.IRI(RDFNS + "Property")
)

// Properties.
const (
	Type         = quad.IRI(RDFNS + "type")
	Label        = quad.IRI(RDFSNS + "label")
	Comment      = quad.IRI(RDFSNS + "comment")
	SubClassOf   = quad.IRI(RDFSNS + "subClassOf")
	SeeAlso      = quad.IRI(RDFSNS + "seeAlso")
	Domain       = quad.IRI(RDFSNS + "domain")
	Range        = quad.IRI(RDFSNS + "range")
	AltLabel     = quad.IRI(SKOSNS + "altLabel")
	SuperEvent   = quad.IRI(SchemaNS + "superEvent")
	StartDate    = quad.IRI(SchemaNS + "startDate")
	EndDate      = quad.IRI(SchemaNS + "endDate")
	Location     = quad.IRI(SchemaNS + "location")
	AttendMode   = quad.IRI(SchemaNS + "eventAttendanceMode")
	Organizer    = quad.IRI(SchemaNS + "organizer")
	ThemeProp    = quad.IRI(NS + "theme")
	TopicProp    = quad.IRI(NS + "topic")
	Follows      = quad.IRI(NS + "follows")
	FollowedBy   = quad.IRI(NS + "followedBy")
	Replaces     = quad.IRI(NS + "replaces")
	ReplacedBy   = quad.IRI(NS + "replacedBy")
	Keynote      = quad.IRI(NS + "keynote")
	Author       = quad.IRI(SchemaNS + "author")
	Outcome      = quad.IRI(NS + "outcome")
	Speaker      = quad.IRI(NS + "speaker")
	Attendee     = quad.IRI(SchemaNS + "attendee")
	PartyCount   = quad.IRI(NS + "partyCount")
	CountryCount = quad.IRI(NS + "countryCount")
	PartyMin     = quad.IRI(NS + "partyCountMin")
	CountryMin   = quad.IRI(NS + "countryCountMin")
	CountryProp  = quad.IRI(NS + "country")
	MemberOf     = quad.IRI(SchemaNS + "memberOf")
	LeaderOf     = quad.IRI(NS + "leaderOf")
	HeadOfState  = quad.IRI(NS + "headOfStateOf")
	HeadOfGov    = quad.IRI(NS + "headOfGovernmentOf")
	JobTitle     = quad.IRI(SchemaNS + "jobTitle")
	Mentions     = quad.IRI(NS + "mentions")

	// Source documents and citations.
	Name          = quad.IRI(SchemaNS + "name")
	InLanguage    = quad.IRI(SchemaNS + "inLanguage")
	Publisher     = quad.IRI(SchemaNS + "publisher")
	DateModified  = quad.IRI(SchemaNS + "dateModified")
	DatePublished = quad.IRI(SchemaNS + "datePublished")
	Citation      = quad.IRI(SchemaNS + "citation")
	URL           = quad.IRI(SchemaNS + "url")
)

// XSD datatypes.
const (
	XSDString  = quad.IRI(XSDNS + "string")
	XSDDate    = quad.IRI(XSDNS + "date")
	XSDGYear   = quad.IRI(XSDNS + "gYear")
	XSDInteger = quad.IRI(XSDNS + "integer")
	XSDDecimal = quad.IRI(XSDNS + "decimal")
	XSDDouble  = quad.IRI(XSDNS + "double")
	XSDBoolean = quad.IRI(XSDNS + "boolean")
)

// Curated sources: the labels of data that is not a loaded document.
const (
	OntologySource  = quad.IRI(SourceNS + "ontology")
	GazetteerSource = quad.IRI(SourceNS + "gazetteer")
)

// Entity kinds: the {kind} segment of entity IRIs.
const (
	KindSeries       = "series"
	KindMeeting      = "meeting"
	KindParty        = "party"
	KindPerson       = "person"
	KindCountry      = "country"
	KindCity         = "city"
	KindOrganization = "org"
	KindTheme        = "theme"
	KindTopic        = "topic"
	KindSpeech       = "speech"
	KindOutcome      = "outcome"
	KindCitation     = "work"
)
