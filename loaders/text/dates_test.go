package text

import (
	"fmt"
	"strings"
	"testing"
)

func fmtDates(s string, ds []DateSpan) string {
	var parts []string
	for _, d := range ds {
		p := d.Start + ".." + d.End
		if d.Year {
			p += " year"
		}
		if d.Open {
			p += " open"
		}
		if d.Month {
			p += " month"
		}
		parts = append(parts, fmt.Sprintf("%s %q", p, s[d.Offset:d.Offset+d.Len]))
	}
	return strings.Join(parts, "; ")
}

func TestFindDates(t *testing.T) {
	tests := []struct {
		name, in, want string
	}{
		// English ranges.
		{"en dash range", "held November 30 – December 3, 2017 in Beijing", `2017-11-30..2017-12-03 "November 30 – December 3, 2017"`},
		{"from to", "from November 30 to December 3, 2017", `2017-11-30..2017-12-03 "November 30 to December 3, 2017"`},
		{"unspaced dash", "November 30–December 3, 2017", `2017-11-30..2017-12-03 "November 30–December 3, 2017"`},
		{"same month mdy", "on March 15–17, 2023.", `2023-03-15..2023-03-17 "March 15–17, 2023"`},
		{"same month dmy", "on 15–17 March 2023.", `2023-03-15..2023-03-17 "15–17 March 2023"`},
		{"dmy range", "30 November – 3 December 2017", `2017-11-30..2017-12-03 "30 November – 3 December 2017"`},
		{"across years", "December 30 – January 2, 2018", `2017-12-30..2018-01-02 "December 30 – January 2, 2018"`},
		{"full both ends", "from 28 May 2019 to 1 June 2019", `2019-05-28..2019-06-01 "28 May 2019 to 1 June 2019"`},
		{"through", "October 12 through October 14, 2016", `2016-10-12..2016-10-14 "October 12 through October 14, 2016"`},
		// English single dates.
		{"mdy", "On March 15, 2023, it was held", `2023-03-15..2023-03-15 "March 15, 2023"`},
		{"dmy", "held on 15 March 2023 online", `2023-03-15..2023-03-15 "15 March 2023"`},
		{"dmy comma", "30 September, 2022. URL", `2022-09-30..2022-09-30 "30 September, 2022"`},
		{"abbrev month", "Sept. 5, 2019 and Nov 1 2020", `2019-09-05..2019-09-05 "Sept. 5, 2019"; 2020-11-01..2020-11-01 "Nov 1 2020"`},
		{"ordinal", "on the 5th of May 2021", `2021-05-05..2021-05-05 "5th of May 2021"`},
		{"leap day", "29 February 2024", `2024-02-29..2024-02-29 "29 February 2024"`},
		{"feb 30 rejected", "February 30, 2023", ``},
		{"feb 29 non leap", "29 February 2023", ``},
		{"april 31 rejected", "2023年4月31日", ``},
		{"month only", "in March 2023 and in 2017年11月", ``},
		{"day without year", "on March 15 the meeting", ``},
		// Numeric.
		{"iso", "Updated:2020-01-19 | By:China.org.cn", `2020-01-19..2020-01-19 "2020-01-19"`},
		{"iso time", "2017-11-30T10:00:00Z", `2017-11-30..2017-11-30 "2017-11-30"`},
		{"dotted dmy", "Publication date01.09.2023 Number", `2023-09-01..2023-09-01 "01.09.2023"`},
		{"dotted 2", "(accessed: 30.11.2017)", `2017-11-30..2017-11-30 "30.11.2017"`},
		{"slash ymd", "/2017/11/24/ARTIIo", `2017-11-24..2017-11-24 "2017/11/24"`},
		{"slash dmy unambiguous", "13/04/2020", `2020-04-13..2020-04-13 "13/04/2020"`},
		{"slash ambiguous", "03/04/2020", ``},
		{"dotted range", "30.11.–3.12.2017", `2017-11-30..2017-12-03 "30.11.–3.12.2017"`},
		{"doi is no date", "DOI: 10.24411/2686–7702–2020–10001.", ``},
		{"version is no date", "v1.2.3.2020.5", ``},
		// Chinese.
		{"zh range", "首屆於2017年11月30日至12月3日在北京舉行", `2017-11-30..2017-12-03 "2017年11月30日至12月3日"`},
		{"zh stray spaces", "于2017年11 月30日至12月3日在北京", `2017-11-30..2017-12-03 "2017年11 月30日至12月3日"`},
		{"zh stray spaces 2", "2017年11月 30日", `2017-11-30..2017-11-30 "2017年11月 30日"`},
		{"zh same month", "2023年3月15日至17日", `2023-03-15..2023-03-17 "2023年3月15日至17日"`},
		{"zh across years", "2017年12月30日至2018年1月2日", `2017-12-30..2018-01-02 "2017年12月30日至2018年1月2日"`},
		{"zh dash", "2017年11月30日—12月3日", `2017-11-30..2017-12-03 "2017年11月30日—12月3日"`},
		{"zh single", "2023年3月20日", `2023-03-20..2023-03-20 "2023年3月20日"`},
		{"zh hao", "2023年3月20号", `2023-03-20..2023-03-20 "2023年3月20号"`},
		{"zh numerals", "二〇一七年十一月三十日", `2017-11-30..2017-11-30 "二〇一七年十一月三十日"`},
		{"zh numerals 25", "二〇二三年三月二十五日", `2023-03-25..2023-03-25 "二〇二三年三月二十五日"`},
		{"full-width digits", "２０１７年１１月３０日", `2017-11-30..2017-11-30 "２０１７年１１月３０日"`},
		{"zh no year", "11月30日至12月3日", ``},
		{"zh year", "2023年. 第3期", `2023..2023 year "2023年"`},
		{"zh year with month is not a year", "2017年11月", ``},
		{"zh decade", "1990年代", ``},
		// Years.
		{"year range", "held in 2014-2016.", `2014..2016 year "2014-2016"`},
		{"year range en dash", "2014–2016", `2014..2016 year "2014–2016"`},
		{"year range short", "2014-16", `2014..2016 year "2014-16"`},
		{"from year to year", "held from 2014 to 2017", `2014..2017 year "2014 to 2017"`},
		{"between", "between 2014 and 2016", `2014..2016 year "2014 and 2016"`},
		{"and without between", "2014 and 2016", ``},
		{"zh year range", "2014年至2016年", `2014..2016 year "2014年至2016年"`},
		{"zh year range dash", "2014—2016年", `2014..2016 year "2014—2016年"`},
		{"backwards range", "2016-2014", ``},
		{"since", "has been held since 2017 and", `2017.. year open "since 2017"`},
		{"since date", "since March 15, 2023", `2023-03-15.. open "since March 15, 2023"`},
		{"zh since", "自2017年以来", `2017.. year open "2017年以来"`},
		{"zh since trad", "2017年以來", `2017.. year open "2017年以來"`},
		{"zh qi", "2017年起", `2017.. year open "2017年起"`},
		{"zh zi", "自2017年", `2017.. year open "自2017年"`},
		{"in year", "in 2019 the party", `2019..2019 year "2019"`},
		{"bare year ignored", "2020. No. 1. S. 6–18.", ``},
		{"page ranges", "第29–31页 S. 555–565", ``},
		{"number glued", "Number of characters31195", ``},
		// Other languages.
		{"russian", "30 ноября 2017 года", `2017-11-30..2017-11-30 "30 ноября 2017"`},
		{"french", "le 15 mars 2023", `2023-03-15..2023-03-15 "15 mars 2023"`},
		// More forms, not in the seeds.
		{"no comma", "November 30 - December 3 2017", `2017-11-30..2017-12-03 "November 30 - December 3 2017"`},
		{"abbreviated range", "Nov 30-Dec 3, 2017", `2017-11-30..2017-12-03 "Nov 30-Dec 3, 2017"`},
		{"dmy to", "from 30 November to 3 December 2017", `2017-11-30..2017-12-03 "30 November to 3 December 2017"`},
		{"dmy short", "1–3 December 2017", `2017-12-01..2017-12-03 "1–3 December 2017"`},
		{"zh weekday", "2023年3月15日（星期三）", `2023-03-15..2023-03-15 "2023年3月15日"`},
		{"zh spaced", "2017 年 11 月 30 日", `2017-11-30..2017-11-30 "2017 年 11 月 30 日"`},
		{"zh hyphen", "2017年11月30日-12月3日", `2017-11-30..2017-12-03 "2017年11月30日-12月3日"`},
		{"zh bare year range", "2014至2016年", `2014..2016 year "2014至2016年"`},
		{"zh year dash year", "2014年—2016年", `2014..2016 year "2014年—2016年"`},
		{"mdy slash", "11/30/2017", `2017-11-30..2017-11-30 "11/30/2017"`},
		{"in year comma", "In 2023, it was held online", `2023..2023 year "2023"`},
		{"trad", "2017年11月30日至12月3日舉行", `2017-11-30..2017-12-03 "2017年11月30日至12月3日"`},
		{"russian range", "с 30 ноября по 3 декабря 2017 года", `2017-11-30..2017-12-03 "30 ноября по 3 декабря 2017"`},
		// Several.
		{"several", "March 15, 2023 and 2017年11月30日", `2023-03-15..2023-03-15 "March 15, 2023"; 2017-11-30..2017-11-30 "2017年11月30日"`},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			got := fmtDates(tc.in, FindDates(tc.in))
			if got != tc.want {
				t.Errorf("FindDates(%q)\n got %s\nwant %s", tc.in, got, tc.want)
			}
		})
	}
}

// TestFindDatesMonths checks the months a DateFinder with Months reports
// besides the dates FindDates finds.
func TestFindDatesMonths(t *testing.T) {
	tests := []struct {
		name, in, want string
	}{
		{"en month", "held in Seoul in September 2004.", `2004-09..2004-09 month "September 2004"`},
		{"en month comma", "in November, 2017 the", `2017-11..2017-11 month "November, 2017"`},
		{"en abbrev", "Nov. 2017", `2017-11..2017-11 month "Nov. 2017"`},
		{"zh month", "于2017年11月在北京举行", `2017-11..2017-11 month "2017年11月"`},
		{"zh trad month", "於2030年11月以視頻方式舉行", `2030-11..2030-11 month "2030年11月"`},
		{"full date unchanged", "on 3 June 2029", `2029-06-03..2029-06-03 "3 June 2029"`},
		{"range unchanged", "November 30 – December 3, 2017", `2017-11-30..2017-12-03 "November 30 – December 3, 2017"`},
		{"zh range unchanged", "2017年11月30日至12月3日", `2017-11-30..2017-12-03 "2017年11月30日至12月3日"`},
		{"month without year", "in March the party", ``},
		{"since month", "since March 2023", `2023-03.. open month "since March 2023"`},
		{"year still a year", "in 2006 it adopted", `2006..2006 year "2006"`},
		{"zh year month range keeps start", "2017年11月至12月", `2017-11..2017-11 month "2017年11月"`},
		{"bad month", "2017年13月", `2017..2017 year "2017年"`},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			got := fmtDates(tc.in, DateFinder{Months: true}.Find(tc.in))
			if got != tc.want {
				t.Errorf("Find(%q)\n got %s\nwant %s", tc.in, got, tc.want)
			}
		})
	}
}

func TestParseDate(t *testing.T) {
	tests := []struct {
		in, want, err string
	}{
		{"2020-01-19", "2020-01-19", ""},
		{"Updated:2020-01-19", "2020-01-19", ""},
		{"Publication date01.09.2023", "2023-09-01", ""},
		{"24 November 2017", "2017-11-24", ""},
		{"November 24, 2017", "2017-11-24", ""},
		{"2017年11月24日", "2017-11-24", ""},
		{" 2017-11-25 ", "2017-11-25", ""},
		{"2017", "", "only a year"},
		{"2017年", "", "only a year"},
		{"", "", "no date"},
		{"yesterday", "", "no date"},
		{"2023-02-30", "", "no date"},
		{"November 30 – December 3, 2017", "", "a range"},
		{"2017-11-24 and 2017-11-25", "", "2 dates"},
	}
	for _, tc := range tests {
		t.Run(tc.in, func(t *testing.T) {
			got, err := ParseDate(tc.in)
			if tc.err != "" {
				if err == nil || !strings.Contains(err.Error(), tc.err) {
					t.Fatalf("ParseDate(%q) = %q, %v; want error containing %q", tc.in, got, err, tc.err)
				}
				return
			}
			if err != nil || got != tc.want {
				t.Fatalf("ParseDate(%q) = %q, %v; want %q", tc.in, got, err, tc.want)
			}
		})
	}
}
