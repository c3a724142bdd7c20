package extract

import (
	"fmt"
	"strings"

	"github.com/partygraph/partygraph/loaders"
)

func ExampleExtract() {
	doc := &loaders.Document{
		Name:  "forum.txt",
		Title: "Example Parties Forum 2029",
		Lang:  "en",
		Blocks: []loaders.Block{{
			Kind: loaders.Paragraph,
			Text: "The forum was held in Port Averly on May 8, 2029. " +
				"Ana Ruiz, President of the Popular Unity Party, spoke at the opening.",
		}},
	}
	qs, err := Extract(doc, nil, "https://w3id.org/partygraph/source/forum")
	if err != nil {
		fmt.Println(err)
		return
	}
	for _, q := range qs {
		line := q.NQuad()
		line = strings.ReplaceAll(line, "https://w3id.org/partygraph/", "")
		line = strings.ReplaceAll(line, " <source/forum> .", "")
		if strings.Contains(line, "/meeting/") && !strings.Contains(line, "#type") && !strings.Contains(line, "#label") {
			fmt.Println(line)
		}
	}
	// Output:
	// <id/meeting/example-parties-forum-2029> <http://schema.org/attendee> <id/party/popular-unity-party>
	// <id/meeting/example-parties-forum-2029> <http://schema.org/attendee> <id/person/ana-ruiz>
	// <id/meeting/example-parties-forum-2029> <http://schema.org/eventAttendanceMode> <http://schema.org/OfflineEventAttendanceMode>
	// <id/meeting/example-parties-forum-2029> <http://schema.org/location> <id/city/port-averly>
	// <id/meeting/example-parties-forum-2029> <http://schema.org/startDate> "2029-05-08"^^<http://www.w3.org/2001/XMLSchema#date>
	// <id/meeting/example-parties-forum-2029> <http://schema.org/superEvent> <id/series/example-parties-forum>
	// <id/meeting/example-parties-forum-2029> <ontology#speaker> <id/person/ana-ruiz>
	// <source/forum> <ontology#mentions> <id/meeting/example-parties-forum-2029>
}
