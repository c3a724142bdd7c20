package server

import (
	"context"
	"net/http"
	"sort"

	"github.com/cayleygraph/quad"

	"github.com/partygraph/partygraph/graph"
)

// Timeline is the answer of /api/timeline: the meeting series, each with
// its meetings in date order.
type Timeline struct {
	Series []TimelineSeries `json:"series"`
}

// TimelineSeries is one series. The last entry of a timeline, with an empty
// IRI, holds the meetings of no known series.
type TimelineSeries struct {
	IRI        string            `json:"iri"`
	Label      string            `json:"label"`
	Replaces   []Term            `json:"replaces"`
	ReplacedBy []Term            `json:"replacedBy"`
	Meetings   []TimelineMeeting `json:"meetings"`
}

// TimelineMeeting is one meeting. Dates lists every start date the
// sources give (more than one when they disagree); Date is the earliest.
type TimelineMeeting struct {
	IRI        string   `json:"iri"`
	Label      string   `json:"label"`
	Date       string   `json:"date,omitempty"`
	EndDate    string   `json:"endDate,omitempty"`
	Dates      []Value  `json:"dates"`
	Location   []Term   `json:"location"`
	Online     bool     `json:"online"`
	Follows    []string `json:"follows"`
	FollowedBy []string `json:"followedBy"`
}

func (s *Server) handleTimeline(w http.ResponseWriter, r *http.Request) {
	if !onlyGet(w, r) {
		return
	}
	idx, err := s.index(r.Context())
	if err != nil {
		httpError(w, http.StatusInternalServerError, err.Error())
		return
	}
	writeCached(w, r, &idx.timelineAnswer, func(ctx context.Context) (any, error) { return s.timeline(ctx, idx) })
}

// timeline builds the answer of /api/timeline.
func (s *Server) timeline(ctx context.Context, idx *index) (*Timeline, error) {
	series := map[string]*TimelineSeries{}
	var seriesOrder []string
	getSeries := func(v quad.Value) *TimelineSeries {
		id := ""
		if v != nil {
			id = termID(v)
		}
		ts := series[id]
		if ts == nil {
			ts = &TimelineSeries{IRI: id, Replaces: []Term{}, ReplacedBy: []Term{}, Meetings: []TimelineMeeting{}}
			if v != nil {
				ts.Label = idx.info(v).display
			}
			series[id] = ts
			seriesOrder = append(seriesOrder, id)
		}
		return ts
	}
	var nodes []*nodeInfo
	for _, n := range idx.nodes {
		if hasClass(n, graph.Meeting) || hasClass(n, graph.MeetingSeries) {
			nodes = append(nodes, n)
		}
	}
	sort.Slice(nodes, func(i, j int) bool { return nodes[i].term.String() < nodes[j].term.String() })
	for _, n := range nodes {
		if !hasClass(n, graph.MeetingSeries) {
			continue
		}
		ts := getSeries(n.term)
		err := s.Store.Match(ctx, n.term, nil, nil, nil, func(q quad.Quad) bool {
			switch q.Predicate {
			case graph.Replaces:
				ts.Replaces = appendTerm(ts.Replaces, idx.term(q.Object))
			case graph.ReplacedBy:
				ts.ReplacedBy = appendTerm(ts.ReplacedBy, idx.term(q.Object))
			}
			return true
		})
		if err != nil {
			return nil, err
		}
	}
	for _, n := range nodes {
		if !hasClass(n, graph.Meeting) {
			continue
		}
		m := TimelineMeeting{IRI: termID(n.term), Label: n.display, Dates: []Value{}, Location: []Term{}, Follows: []string{}, FollowedBy: []string{}}
		var super []quad.Value
		dates := map[string]*Value{}
		err := s.Store.Match(ctx, n.term, nil, nil, nil, func(q quad.Quad) bool {
			switch q.Predicate {
			case graph.StartDate:
				t := idx.term(q.Object)
				d := dates[t.Value]
				if d == nil {
					d = &Value{Term: t}
					dates[t.Value] = d
				}
				d.Sources = appendSource(d.Sources, q.Label)
			case graph.EndDate:
				if txt, _ := literalText(q.Object); m.EndDate == "" || txt > m.EndDate {
					m.EndDate = txt
				}
			case graph.SuperEvent:
				super = appendValue(super, q.Object)
			case graph.Location:
				m.Location = appendTerm(m.Location, idx.term(q.Object))
			case graph.AttendMode:
				m.Online = m.Online || q.Object == graph.OnlineEvent
			case graph.Follows:
				m.Follows = appendString(m.Follows, termID(q.Object))
			case graph.FollowedBy:
				m.FollowedBy = appendString(m.FollowedBy, termID(q.Object))
			}
			return true
		})
		if err != nil {
			return nil, err
		}
		for _, d := range dates {
			m.Dates = append(m.Dates, *d)
		}
		sort.Slice(m.Dates, func(i, j int) bool { return m.Dates[i].Value < m.Dates[j].Value })
		if len(m.Dates) > 0 {
			m.Date = m.Dates[0].Value
		}
		if len(super) == 0 {
			super = []quad.Value{nil}
		}
		for _, sv := range super {
			ts := getSeries(sv)
			ts.Meetings = append(ts.Meetings, m)
		}
	}
	tl := Timeline{Series: []TimelineSeries{}}
	for _, id := range seriesOrder {
		ts := series[id]
		sort.SliceStable(ts.Meetings, func(i, j int) bool {
			a, b := ts.Meetings[i], ts.Meetings[j]
			if (a.Date == "") != (b.Date == "") {
				return b.Date == "" // undated meetings last
			}
			if a.Date != b.Date {
				return a.Date < b.Date
			}
			return a.Label < b.Label
		})
		tl.Series = append(tl.Series, *ts)
	}
	// Series in the order of their first meeting; the meetings of no series last.
	first := func(ts TimelineSeries) string {
		if len(ts.Meetings) > 0 && ts.Meetings[0].Date != "" {
			return ts.Meetings[0].Date
		}
		return "~"
	}
	sort.SliceStable(tl.Series, func(i, j int) bool {
		a, b := tl.Series[i], tl.Series[j]
		if (a.IRI == "") != (b.IRI == "") {
			return b.IRI == ""
		}
		if first(a) != first(b) {
			return first(a) < first(b)
		}
		return a.Label < b.Label
	})
	return &tl, nil
}

func appendTerm(list []Term, t Term) []Term {
	for _, x := range list {
		if x.Value == t.Value && x.Type == t.Type {
			return list
		}
	}
	return append(list, t)
}

func appendValue(list []quad.Value, v quad.Value) []quad.Value {
	for _, x := range list {
		if x == v {
			return list
		}
	}
	return append(list, v)
}
