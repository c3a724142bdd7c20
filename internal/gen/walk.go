package gen

// visitor receives the generated world in order. Each method returns false
// to stop the walk.
type visitor interface {
	// series starts series s, whose article is doc.
	series(s *series, doc *source) bool
	// meeting is meeting m, as the series article describes it (sv) and
	// as the documents about it do.
	meeting(m *meeting, doc *source, sv view, docs []*source) bool
	// endSeries ends the series of doc (also when the walk stops in it).
	endSeries(doc *source) bool
}

// walk generates series after series and their meetings until the visitor
// stops or Config.Meetings meetings have been made.
func (w *world) walk(v visitor) {
	var prev *series
	index := 0
	for j := 0; ; j++ {
		s := w.newSeries(j, prev)
		doc := w.seriesSource(s)
		if !v.series(s, doc) {
			return
		}
		for k := range s.meetings {
			if w.cfg.Meetings > 0 && index >= w.cfg.Meetings {
				v.endSeries(doc)
				return
			}
			m := w.newMeeting(index, s, k)
			index++
			if !v.meeting(m, doc, w.seriesView(m), w.meetingSources(m)) {
				v.endSeries(doc)
				return
			}
		}
		if !v.endSeries(doc) {
			return
		}
		prev = s
	}
}
