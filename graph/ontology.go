package graph

import "github.com/cayleygraph/quad"

// term describes one class or property of the vocabulary for its own facts.
type term struct {
	iri     quad.IRI
	label   string
	comment string
	super   quad.IRI // rdfs:subClassOf, for classes
}

var ontologyClasses = []term{
	{MeetingSeries, "meeting series", "A recurring series of meetings.", EventSeries},
	{Meeting, "meeting", "One occurrence of a meeting.", Event},
	{PoliticalParty, "political party", "A party or political organisation.", Organization},
	{Person, "person", "A person.", ""},
	{Country, "country", "A country.", ""},
	{City, "city", "A city.", ""},
	{GovernmentOrganization, "government organization", "A state or party body.", Organization},
	{Theme, "theme", "A meeting's overall theme.", ""},
	{Topic, "topic", "A discussion topic of a meeting.", ""},
	{Speech, "speech", "A speech.", CreativeWork},
	{OutcomeDocument, "outcome document", "A declaration or initiative adopted by a meeting.", CreativeWork},
	{SourceDocument, "source document", "A loaded document; the label of the facts it states.", CreativeWork},
}

var ontologyProperties = []term{
	{SuperEvent, "series", "The series a meeting belongs to.", ""},
	{StartDate, "start date", "", ""},
	{EndDate, "end date", "", ""},
	{Location, "venue", "The city where a meeting was held.", ""},
	{AttendMode, "attendance mode", "Online (a videoconference) or offline.", ""},
	{Organizer, "organizer", "The organisation that hosted a meeting or series.", ""},
	{ThemeProp, "theme", "A meeting's overall theme.", ""},
	{TopicProp, "topic", "A discussion topic of a meeting.", ""},
	{Follows, "follows", "The previous meeting of the same series.", ""},
	{FollowedBy, "followed by", "The next meeting of the same series.", ""},
	{Replaces, "replaces", "A series this series took over from.", ""},
	{ReplacedBy, "replaced by", "A series that took over from this series.", ""},
	{Keynote, "keynote", "The keynote speech of a meeting.", ""},
	{Author, "author", "", ""},
	{Outcome, "outcome", "A declaration or initiative a meeting adopted.", ""},
	{Speaker, "speaker", "A person who spoke at a meeting.", ""},
	{Attendee, "attendee", "A party or person that took part in a meeting.", ""},
	{PartyCount, "number of parties", "The number of parties that took part, as an exact figure.", ""},
	{CountryCount, "number of countries", "The number of countries taking part, as an exact figure.", ""},
	{PartyMin, "minimum number of parties", "\"More than N parties\" gives N.", ""},
	{CountryMin, "minimum number of countries", "\"More than N countries\" gives N.", ""},
	{CountryProp, "country", "The country of a party.", ""},
	{MemberOf, "member of", "", ""},
	{LeaderOf, "leader of", "President, chairman, secretary-general or leader of a party.", ""},
	{HeadOfState, "head of state of", "", ""},
	{HeadOfGov, "head of government of", "", ""},
	{JobTitle, "job title", "A title as the document gives it.", ""},
	{Mentions, "mentions", "An entity a document names.", ""},
}

// OntologyQuads returns the vocabulary's own facts — its classes with their
// rdfs:subClassOf links and labels, and its properties with their labels —
// all labelled OntologySource.
func OntologyQuads() []quad.Quad {
	var out []quad.Quad
	add := func(s, p, o quad.Value) {
		out = append(out, quad.Quad{Subject: s, Predicate: p, Object: o, Label: OntologySource})
	}
	for _, c := range ontologyClasses {
		add(c.iri, Type, RDFSClass)
		add(c.iri, Label, quad.LangString{Value: quad.String(c.label), Lang: "en"})
		if c.comment != "" {
			add(c.iri, Comment, quad.LangString{Value: quad.String(c.comment), Lang: "en"})
		}
		if c.super != "" {
			add(c.iri, SubClassOf, c.super)
		}
	}
	for _, p := range ontologyProperties {
		add(p.iri, Type, RDFProperty)
		add(p.iri, Label, quad.LangString{Value: quad.String(p.label), Lang: "en"})
		if p.comment != "" {
			add(p.iri, Comment, quad.LangString{Value: quad.String(p.comment), Lang: "en"})
		}
	}
	return out
}
