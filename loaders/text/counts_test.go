package text

import (
	"fmt"
	"strings"
	"testing"
)

func fmtCounts(s string, cs []Count) string {
	var parts []string
	for _, c := range cs {
		p := fmt.Sprintf("%d %s", c.N, c.Noun)
		if c.Min {
			p += " min"
		}
		if c.Approx {
			p += " approx"
		}
		parts = append(parts, fmt.Sprintf("%s %q", p, s[c.Offset:c.Offset+c.Len]))
	}
	return strings.Join(parts, "; ")
}

func TestFindCounts(t *testing.T) {
	tests := []struct {
		name, in, want string
	}{
		{"seed en", "Delegates representing more than 200 political parties and political organizations from over 120 countries attended",
			`200 party min "more than 200 political parties"; 120 country min "over 120 countries"`},
		{"seed zh", "来自120多个国家的200多个政党和政治组织领导人",
			`120 country min "120多个国家"; 200 party min "200多个政党"`},
		{"seed zh-Hant", "有全球120多個國家的200多個政黨報名參加", `120 country min "120多個國家"; 200 party min "200多個政黨"`},
		{"exact", "attended by representatives of 500 political parties from 150 countries and regions",
			`500 party exact "500 political parties"; 150 country exact "150 countries"`},
		{"at least", "at least 30 parties", `30 party min "at least 30 parties"`},
		{"plus", "200+ parties took part", `200 party min "200+ parties"`},
		{"thousands", "some 1,000 parties", `1000 party approx "some 1,000 parties"`},
		{"nearly", "nearly 600 parties", `600 party approx "nearly 600 parties"`},
		{"adjectives", "more than 60 African countries", `60 country min "more than 60 African countries"`},
		{"political organizations", "30 political organizations", `30 party exact "30 political organizations"`},
		{"organizations alone", "30 organizations", ``},
		{"nations", "delegates from 40 nations", `40 country exact "40 nations"`},
		{"leaders are no parties", "200 leaders of political parties", ``},
		{"party leaders", "nearly 600 party leaders", ``},
		{"ordinal", "the 19th CPC National Congress and 20 parties", `20 party exact "20 parties"`},
		{"zh numerals", "二百多个政党", `200 party min "二百多个政党"`},
		{"zh numerals 120", "一百二十多个国家", `120 country min "一百二十多个国家"`},
		{"zh hundred", "逾百个国家", `100 country min "逾百个国家"`},
		{"zh yu", "500余个外国政党", `500 party min "500余个外国政党"`},
		{"zh chaoguo", "超过160个国家的政党", `160 country min "超过160个国家"`},
		{"zh approx", "约200个政党", `200 party approx "约200个政党"`},
		{"zh people", "600多位政党领导人", ``},
		{"zh people 2", "300名政党代表", ``},
		{"zh exact", "来自150个国家和地区的500个政党", `150 country exact "150个国家"; 500 party exact "500个政党"`},
		{"zh guo", "20国政党", `20 country exact "20国"`},
		{"zh jia", "40家政党", `40 party exact "40家政党"`},
		{"russian", "более 200 партий из 120 стран", `200 party min "более 200 партий"; 120 country exact "120 стран"`},
		{"plus countries", "over 600 political parties and organizations from 150+ countries", `600 party min "over 600 political parties"; 150 country min "150+ countries"`},
		{"zh long", "来自160多个国家和地区的500多个政党和政治组织以及近30个国际组织的负责人", `160 country min "160多个国家"; 500 party min "500多个政党"`},
		{"zh yu prefix", "逾600个政党和政治组织", `600 party min "逾600个政党"`},
		{"zh-Hant chaoguo", "超過160個國家", `160 country min "超過160個國家"`},
		{"from countries", "representatives from more than 160 countries", `160 country min "more than 160 countries"`},
		{"no noun", "more than 200 people", ``},
		{"year", "In 2017 the meeting", ``},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			want := strings.ReplaceAll(tc.want, " exact", "")
			got := fmtCounts(tc.in, FindCounts(tc.in))
			if got != want {
				t.Errorf("FindCounts(%q)\n got %s\nwant %s", tc.in, got, want)
			}
		})
	}
}
