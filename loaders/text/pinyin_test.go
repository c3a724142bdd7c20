package text

import "testing"

func TestNameSlug(t *testing.T) {
	tests := []struct{ in, want string }{
		{"刘文清", "liu-wenqing"},
		{"劉文清", "liu-wenqing"},
		{"习近平", "xi-jinping"},
		{"郭业洲", "guo-yezhou"},
		{"林海生", "lin-haisheng"},
		{"欧阳明远", "ouyang-mingyuan"},
		{"曾明", "zeng-ming"},
		{"吕新", "lu-xin"},
		{"张三", "zhang-san"},
		{"马沙图尔", ""}, // a transliteration: 尔
		{"李娜", "li-na"},
		{"安娜·韦斯特", ""},      // a transliterated name keeps its own slug
		{"博勒尔·岑德", ""},      //
		{"东海人民党主席", ""},     // too long for a name
		{"林", ""},           // a surname alone
		{"Liu Wenqing", ""}, // not Chinese characters
		{"林A", ""},          // mixed
		{"", ""},
	}
	for _, tc := range tests {
		t.Run(tc.in, func(t *testing.T) {
			if got := NameSlug(tc.in); got != tc.want {
				t.Errorf("NameSlug(%q) = %q, want %q", tc.in, got, tc.want)
			}
		})
	}
}

func TestPlaceSlug(t *testing.T) {
	tests := []struct{ in, want string }{
		{"临川", "linchuan"},
		{"臨川市", "linchuan"},
		{"清水", "qingshui"},
		{"海湾市", "haiwan"},
		{"韦尔莫", ""}, // a transliteration
		{"Velmo", ""},
		{"市", ""},
		{"", ""},
	}
	for _, tc := range tests {
		t.Run(tc.in, func(t *testing.T) {
			if got := PlaceSlug(tc.in); got != tc.want {
				t.Errorf("PlaceSlug(%q) = %q, want %q", tc.in, got, tc.want)
			}
		})
	}
}
