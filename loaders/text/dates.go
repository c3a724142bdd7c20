package text

import (
	"errors"
	"fmt"
	"strings"
)

// DateSpan is a date or a range of dates found in a text.
//
// Start and End are xsd:date values ("2017-11-30"), or xsd:gYear values
// ("2014") when Year is set. End equals Start for a single date. An open
// range ("since 2017", "2017年以来") has Open set and End empty.
// s[Offset:Offset+Len] is the text the span was read from.
type DateSpan struct {
	Start, End string
	Year       bool // only a year or a range of years
	Month      bool // only a year and a month ("November 2017", "2017年11月"): Start is "2017-11"
	Open       bool // a range with a start and no end ("since 2017")
	Offset     int
	Len        int
}

// months maps folded month names and abbreviations (English, Russian,
// French, Spanish, German) to month numbers.
var months = map[string]int{
	"january": 1, "jan": 1, "february": 2, "feb": 2, "march": 3, "mar": 3, "april": 4, "apr": 4,
	"may": 5, "june": 6, "jun": 6, "july": 7, "jul": 7, "august": 8, "aug": 8,
	"september": 9, "sep": 9, "sept": 9, "october": 10, "oct": 10, "november": 11, "nov": 11,
	"december": 12, "dec": 12,
	// Russian, nominative and genitive (folded: й is и).
	"январь": 1, "января": 1, "февраль": 2, "февраля": 2, "март": 3, "марта": 3,
	"апрель": 4, "апреля": 4, "маи": 5, "мая": 5, "июнь": 6, "июня": 6, "июль": 7, "июля": 7,
	"август": 8, "августа": 8, "сентябрь": 9, "сентября": 9, "октябрь": 10, "октября": 10,
	"ноябрь": 11, "ноября": 11, "декабрь": 12, "декабря": 12,
	// French.
	"janvier": 1, "fevrier": 2, "mars": 3, "avril": 4, "mai": 5, "juin": 6, "juillet": 7,
	"aout": 8, "septembre": 9, "octobre": 10, "novembre": 11, "decembre": 12,
	// Spanish.
	"enero": 1, "febrero": 2, "marzo": 3, "abril": 4, "mayo": 5, "junio": 6, "julio": 7,
	"agosto": 8, "septiembre": 9, "setiembre": 9, "octubre": 10, "noviembre": 11, "diciembre": 12,
	// German.
	"januar": 1, "februar": 2, "marz": 3, "juni": 6, "juli": 7, "oktober": 10, "dezember": 12,
}

// date is a possibly partial date read from tokens: zero means missing.
type date struct {
	y, m, d    int
	first, end int  // token range [first, end)
	bare       bool // a bare number: a year without 年, or a day without month
	zh         bool // written the Chinese way (年月日)
}

func (d date) full() bool      { return d.y > 0 && d.m > 0 && d.d > 0 }
func (d date) yearOnly() bool  { return d.y > 0 && d.m == 0 && d.d == 0 }
func (d date) monthOnly() bool { return d.y > 0 && d.m > 0 && d.d == 0 }

// dateScanner reads dates from the tokens of one text.
type dateScanner struct {
	toks   []token
	months bool // report a month of a year without a day
}

func (p *dateScanner) word(i int, words ...string) bool {
	if i < 0 || i >= len(p.toks) || p.toks[i].kind != tWord {
		return false
	}
	for _, w := range words {
		if p.toks[i].text == w {
			return true
		}
	}
	return false
}

func (p *dateScanner) han(i int, chars string) bool {
	return i >= 0 && i < len(p.toks) && p.toks[i].kind == tHan && strings.ContainsRune(chars, p.toks[i].r)
}

func (p *dateScanner) punct(i int, chars string) bool {
	return i >= 0 && i < len(p.toks) && p.toks[i].kind == tPunct && strings.Contains(chars, p.toks[i].text)
}

// num returns the value of the number token at i and its digit count.
func (p *dateScanner) num(i int) (val, digits int, ok bool) {
	if i < 0 || i >= len(p.toks) {
		return 0, 0, false
	}
	t := p.toks[i]
	switch t.kind {
	case tNum:
		if i+1 < len(p.toks) && p.toks[i+1].kind == tWord && !p.toks[i+1].space && !ordinal(p.toks[i+1].text) {
			return 0, 0, false // "4PWk": part of a code
		}
		return t.val, t.digits, true
	case tCNum:
		return t.val, t.digits, true
	}
	return 0, 0, false
}

func ordinal(s string) bool { return s == "st" || s == "nd" || s == "rd" || s == "th" }

// skipOrdinal skips an ordinal suffix glued to the day at i-1.
func (p *dateScanner) skipOrdinal(i int) int {
	if i < len(p.toks) && p.toks[i].kind == tWord && !p.toks[i].space && ordinal(p.toks[i].text) {
		return i + 1
	}
	return i
}

func (p *dateScanner) month(i int) (int, bool) {
	if i < 0 || i >= len(p.toks) || p.toks[i].kind != tWord {
		return 0, false
	}
	m, ok := months[p.toks[i].text]
	return m, ok
}

func isYear(v, digits int) bool { return digits == 4 && v >= 1000 && v <= 2999 }
func isDay(v, digits int) bool  { return digits <= 2 && v >= 1 && v <= 31 }

// zhDate reads [Y年][M月][D日] at i.
func (p *dateScanner) zhDate(i int) (date, bool) {
	d := date{first: i, zh: true}
	j := i
	if v, n, ok := p.num(j); ok && p.han(j+1, "年") && isYear(v, n) {
		d.y = v
		j += 2
	}
	if v, n, ok := p.num(j); ok && p.han(j+1, "月") && n <= 2 && v >= 1 && v <= 12 {
		d.m = v
		j += 2
	}
	if v, n, ok := p.num(j); ok && p.han(j+1, "日号號") && isDay(v, n) {
		if d.y > 0 && d.m == 0 {
			return date{}, false // 2017年30日
		}
		d.d = v
		j += 2
	}
	d.end = j
	return d, j > i
}

// enDate reads "Month D[, Y]", "D Month[,] Y", "Month D" or "D Month" at i.
func (p *dateScanner) enDate(i int) (date, bool) {
	d := date{first: i}
	if m, ok := p.month(i); ok {
		j := i + 1
		if p.punct(j, ".") {
			j++
		}
		v, n, ok := p.num(j)
		if p.months {
			// "November 2017", "November, 2017": a month of a year.
			k := j
			if p.punct(k, ",") {
				k++
			}
			if v, n, ok := p.num(k); ok && isYear(v, n) && !p.han(k+1, "年") {
				d.m, d.y, d.end = m, v, k+1
				return d, true
			}
		}
		if !ok || !isDay(v, n) {
			return date{}, false
		}
		d.m, d.d = m, v
		j = p.skipOrdinal(j + 1)
		d.end = j
		k := j
		if p.punct(k, ",") {
			k++
		}
		if v, n, ok := p.num(k); ok && isYear(v, n) && !p.han(k+1, "年") {
			d.y = v
			d.end = k + 1
		}
		return d, true
	}
	v, n, ok := p.num(i)
	if !ok || !isDay(v, n) || p.toks[i].kind != tNum {
		return date{}, false
	}
	j := p.skipOrdinal(i + 1)
	if p.word(j, "of") {
		j++
	}
	m, ok := p.month(j)
	if !ok {
		return date{}, false
	}
	d.m, d.d = m, v
	j++
	if p.punct(j, ".") {
		j++
	}
	d.end = j
	k := j
	if p.punct(k, ",") {
		k++
	}
	if v, n, ok := p.num(k); ok && isYear(v, n) {
		d.y = v
		d.end = k + 1
	}
	return d, true
}

// numDate reads Y-M-D, Y/M/D, Y.M.D, D.M.Y, D-M-Y and unambiguous D/M/Y or
// M/D/Y at i. The separators must be the same and not spaced.
func (p *dateScanner) numDate(i int) (date, bool) {
	if i+4 >= len(p.toks) || p.toks[i].kind != tNum {
		return date{}, false
	}
	a, an, _ := p.num(i)
	sep := p.toks[i+1]
	if sep.kind != tPunct || (sep.text != "-" && sep.text != "/" && sep.text != ".") || sep.space {
		return date{}, false
	}
	sep2 := p.toks[i+3]
	if sep2.kind != tPunct || sep2.text != sep.text || sep2.space || p.toks[i+2].space || p.toks[i+4].space {
		return date{}, false
	}
	b, bn, ok2 := p.num(i + 2)
	if !ok2 || p.toks[i+2].kind != tNum || p.toks[i+4].kind != tNum {
		return date{}, false
	}
	c, cn := p.toks[i+4].val, p.toks[i+4].digits
	if _, _, ok := p.num(i + 4); !ok && !p.word(i+5, "t") {
		return date{}, false // glued to letters, except an ISO time (2017-11-30T10:00)
	}
	// Part of a longer code (10.24411/2686-7702-2020-10001, 1.2.3.4)?
	if p.punct(i-1, "-/.") && !p.toks[i].space && i >= 2 && p.toks[i-2].kind == tNum && !p.toks[i-1].space {
		return date{}, false
	}
	if p.punct(i+5, "-/.") && i+6 < len(p.toks) && p.toks[i+6].kind == tNum && !p.toks[i+5].space && !p.toks[i+6].space {
		return date{}, false
	}
	d := date{first: i, end: i + 5}
	switch {
	case isYear(a, an) && bn <= 2 && cn <= 2:
		d.y, d.m, d.d = a, b, c
	case isYear(c, cn) && an <= 2 && bn <= 2:
		switch {
		case sep.text != "/":
			d.y, d.m, d.d = c, b, a
		case a > 12 && b <= 12:
			d.y, d.m, d.d = c, b, a
		case b > 12 && a <= 12:
			d.y, d.m, d.d = c, a, b
		default:
			return date{}, false // 03/04/2020: day or month first?
		}
	default:
		return date{}, false
	}
	return d, true
}

// numDayMonth reads "30.11." at i: the start of a range such as
// "30.11.–3.12.2017".
func (p *dateScanner) numDayMonth(i int) (date, bool) {
	if i+3 >= len(p.toks) || p.toks[i].kind != tNum || p.toks[i+2].kind != tNum || p.toks[i].glued {
		return date{}, false
	}
	if !p.punct(i+1, ".") || !p.punct(i+3, ".") || p.toks[i+1].space || p.toks[i+2].space || p.toks[i+3].space {
		return date{}, false
	}
	d, dn, _ := p.num(i)
	m, mn, _ := p.num(i + 2)
	if !isDay(d, dn) || mn > 2 || m < 1 || m > 12 {
		return date{}, false
	}
	if i+4 < len(p.toks) && p.toks[i+4].kind == tNum && !p.toks[i+4].space {
		return date{}, false // 30.11.2017 is numDate's
	}
	return date{d: d, m: m, first: i, end: i + 4}, true
}

// bareYear reads a bare four-digit year at i (not followed by a month or
// another digit group).
func (p *dateScanner) bareYear(i int) (date, bool) {
	v, n, ok := p.num(i)
	if !ok || !isYear(v, n) || p.toks[i].kind != tNum || p.toks[i].glued {
		return date{}, false
	}
	return date{y: v, first: i, end: i + 1, bare: true}, true
}

// bareDay reads a bare day number at i, as in "15–17 March".
func (p *dateScanner) bareDay(i int) (date, bool) {
	v, n, ok := p.num(i)
	if !ok || !isDay(v, n) || p.toks[i].kind != tNum {
		return date{}, false
	}
	return date{d: v, first: i, end: p.skipOrdinal(i + 1), bare: true}, true
}

// anyDate reads the longest date of any form at i.
func (p *dateScanner) anyDate(i int) (date, bool) {
	if i >= len(p.toks) {
		return date{}, false
	}
	if k := p.toks[i].kind; k != tNum && k != tCNum && k != tWord {
		return date{}, false
	}
	best, found := date{}, false
	try := func(d date, ok bool) {
		if ok && (!found || d.end > best.end) {
			best, found = d, true
		}
	}
	try(p.numDate(i))
	try(p.zhDate(i))
	try(p.enDate(i))
	try(p.numDayMonth(i))
	try(p.bareYear(i))
	return best, found
}

// rangeSep reads a range separator at i and returns the index after it.
// between allows "and".
func (p *dateScanner) rangeSep(i int, between bool) (int, bool) {
	switch {
	case p.punct(i, "-"):
		if p.punct(i+1, "-") {
			return i + 2, true
		}
		return i + 1, true
	case p.word(i, "to", "through", "thru", "till", "until", "по", "до"):
		return i + 1, true
	case between && p.word(i, "and"):
		return i + 1, true
	case p.han(i, "至到迄"):
		return i + 1, true
	}
	return 0, false
}

// combine completes a range from its two ends and validates it.
func combine(a, b date) (start, end date, ok bool) {
	switch {
	case a.yearOnly() && b.yearOnly():
		if b.bare && a.y >= 1000 && b.y < 100 {
			b.y += a.y / 100 * 100 // 2014-16
		}
		if b.y <= a.y || b.y-a.y > 100 {
			return a, b, false
		}
		return a, b, true
	case a.zh:
		// 2017年11月30日至12月3日, 3月15日至17日: the end inherits.
		if b.y == 0 {
			b.y = a.y
			if b.m == 0 {
				b.m = a.m
			}
		}
	default:
		// November 30 – December 3, 2017; 15–17 March 2023; March 15–17, 2023.
		if a.m == 0 {
			a.m = b.m
		}
		if b.m == 0 {
			b.m = a.m
		}
		if a.y == 0 {
			a.y = b.y
			if a.full() && b.full() && key(a) > key(b) {
				a.y-- // December 30 – January 2, 2018
			}
		}
	}
	if !a.full() || !b.full() || !valid(a.y, a.m, a.d) || !valid(b.y, b.m, b.d) || key(a) > key(b) {
		return a, b, false
	}
	return a, b, true
}

func key(d date) int { return d.y*10000 + d.m*100 + d.d }

func valid(y, m, d int) bool {
	if y < 1000 || y > 2999 || m < 1 || m > 12 || d < 1 {
		return false
	}
	days := [...]int{31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31}[m-1]
	if m == 2 && (y%4 == 0 && y%100 != 0 || y%400 == 0) {
		days = 29
	}
	return d <= days
}

func (d date) String() string {
	if d.yearOnly() {
		return fmt.Sprintf("%04d", d.y)
	}
	if d.monthOnly() {
		return fmt.Sprintf("%04d-%02d", d.y, d.m)
	}
	return fmt.Sprintf("%04d-%02d-%02d", d.y, d.m, d.d)
}

// FindDates returns the dates and date ranges written in s, in order, in
// every form the genres use: "November 30 – December 3, 2017", "from
// November 30 to December 3, 2017", "March 15, 2023", "15 March 2023",
// "15–17 March 2023", "2017年11月30日至12月3日", "2023年3月15日",
// "二〇一七年十一月三十日", "30.11.2017", "2017-11-24", year ranges
// ("2014-2016", "from 2014 to 2017", "2014年至2016年"), open ranges ("since
// 2017", "2017年以来") and single years where the text marks them as years
// ("in 2017", "2017年"). A month without a day, a day without a year and an
// impossible date (February 30) are not reported.
func FindDates(s string) []DateSpan {
	return DateFinder{}.Find(s)
}

// DateFinder finds dates in text. Its fields are its settings; the zero
// value finds what FindDates finds.
type DateFinder struct {
	// Months also reports a month of a year without a day ("November 2017",
	// "in September 2004", "2017年11月"), as a DateSpan with Month set and
	// Start "2017-11". A month without a year is still not reported.
	Months bool
}

// Find returns the dates and date ranges written in s, in order; see
// FindDates.
func (f DateFinder) Find(s string) []DateSpan {
	p := &dateScanner{toks: scan(s), months: f.Months}
	var out []DateSpan
	for i := 0; i < len(p.toks); {
		span, next, ok := p.dateAt(i)
		if !ok {
			i++
			continue
		}
		t0, t1 := p.toks[span.first], p.toks[span.last-1]
		span.ds.Offset = t0.start
		span.ds.Len = t1.end - t0.start
		out = append(out, span.ds)
		i = next
	}
	return out
}

type found struct {
	ds          DateSpan
	first, last int // token range [first, last)
}

// dateAt reads a date, a range or an open range starting at token i.
func (p *dateScanner) dateAt(i int) (found, int, bool) {
	// "since 2017", "since March 2023" (a month is not enough).
	if p.word(i, "since") {
		if d, ok := p.anyDate(i + 1); ok && (d.full() || d.yearOnly() || p.months && d.monthOnly() && d.m <= 12) && valid0(d) {
			return open(d, i, d.end), d.end, true
		}
		return found{}, 0, false
	}
	between := p.word(i-1, "between")
	a, ok := p.anyDate(i)
	if !ok {
		if a, ok = p.bareDay(i); !ok {
			return found{}, 0, false
		}
	}
	// A range?
	if j, ok := p.rangeSep(a.end, between); ok {
		b, ok := p.anyDate(j)
		if !ok {
			b, ok = p.bareDay(j)
			if ok && !a.zh {
				// March 15–17, 2023: the year may follow the bare day.
				k := b.end
				if p.punct(k, ",") {
					k++
				}
				if v, n, ok := p.num(k); ok && isYear(v, n) {
					b.y, b.end = v, k+1
				}
			}
		}
		if ok && a.yearOnly() && b.bare && b.d > 0 && b.m == 0 && b.y == 0 && p.toks[b.first].digits == 2 {
			b.y, b.d = b.d, 0 // 2014-16
		}
		if ok && (!a.bare || !b.bare || a.yearOnly()) {
			if a.bare && a.d > 0 && b.m == 0 {
				ok = false
			}
			if a.zh && !b.zh && !b.bare {
				ok = false
			}
			if ok {
				if start, end, ok := combine(a, b); ok {
					ds := DateSpan{Start: start.String(), End: end.String(), Year: start.yearOnly()}
					return found{ds: ds, first: i, last: b.end}, b.end, true
				}
			}
		}
	}
	if a.bare && a.d > 0 {
		return found{}, 0, false
	}
	// 2017年以来, 2017年起, 自2017年.
	if end := p.zhOpenSuffix(a.end); end > a.end && (a.full() || a.yearOnly()) && valid0(a) {
		return open(a, i, end), end, true
	}
	if p.han(i-1, "自从從") && (a.full() || a.yearOnly()) && a.zh && valid0(a) {
		return open(a, i-1, a.end), a.end, true
	}
	switch {
	case a.full():
		if !valid(a.y, a.m, a.d) {
			return found{}, 0, false
		}
	case p.months && a.monthOnly() && a.m <= 12:
		ds := DateSpan{Start: a.String(), End: a.String(), Month: true}
		return found{ds: ds, first: i, last: a.end}, a.end, true
	case a.yearOnly():
		// A bare year counts only where the text says it is a year.
		if a.bare && !p.word(i-1, "in", "during", "year") {
			return found{}, 0, false
		}
		if !a.bare && p.han(a.end, "度代") { // 2017年度, 1990年代
			return found{}, 0, false
		}
	default:
		return found{}, 0, false
	}
	ds := DateSpan{Start: a.String(), End: a.String(), Year: a.yearOnly()}
	return found{ds: ds, first: i, last: a.end}, a.end, true
}

func valid0(d date) bool {
	if d.yearOnly() || d.monthOnly() {
		return d.y >= 1000 && d.y <= 2999
	}
	return valid(d.y, d.m, d.d)
}

func open(d date, first, last int) found {
	return found{ds: DateSpan{Start: d.String(), Year: d.yearOnly(), Month: d.monthOnly(), Open: true}, first: first, last: last}
}

// zhOpenSuffix returns the index after 以来/以來/起/开始/開始 at i, or i.
func (p *dateScanner) zhOpenSuffix(i int) int {
	switch {
	case p.han(i, "以") && p.han(i+1, "来來"):
		return i + 2
	case p.han(i, "开開") && p.han(i+1, "始"):
		return i + 2
	case p.han(i, "起"):
		return i + 1
	}
	return i
}

// ErrNoDate is returned (wrapped) by ParseDate for a text without a date.
var ErrNoDate = errors.New("no date")

// ParseDate reads the one date of a metadata field ("2020-01-19",
// "Updated:2020-01-19", "Publication date01.09.2023", "2017年11月24日",
// "24 November 2017") and returns it as an xsd:date. A field with no full
// date, with only a year, with a range or with several dates is an error.
func ParseDate(s string) (string, error) {
	ds := FindDates(s)
	if len(ds) == 0 {
		if y := strings.TrimSpace(s); len(y) == 4 && strings.Trim(y, "0123456789") == "" {
			return "", fmt.Errorf("parse date %q: only a year", clip(s))
		}
		return "", fmt.Errorf("parse date %q: %w", clip(s), ErrNoDate)
	}
	if len(ds) > 1 {
		return "", fmt.Errorf("parse date %q: %d dates", clip(s), len(ds))
	}
	d := ds[0]
	switch {
	case d.Year:
		return "", fmt.Errorf("parse date %q: only a year", clip(s))
	case d.Open || d.End != d.Start:
		return "", fmt.Errorf("parse date %q: a range, not a date", clip(s))
	}
	return d.Start, nil
}

func clip(s string) string {
	if len(s) <= 60 {
		return s
	}
	i := 60
	for i > 0 && !isRuneStart(s[i]) {
		i--
	}
	return s[:i] + "…"
}
