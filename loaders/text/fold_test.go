package text

import (
	"strings"
	"testing"
	"unicode/utf8"
)

func TestFold(t *testing.T) {
	tests := []struct{ in, want string }{
		{"Vučić", "vucic"},
		{"VUČIĆ", "vucic"},
		{"Nicolás Maduro", "nicolas maduro"},
		{"  Nicolás \t\n Maduro  ", "nicolas maduro"},
		{"Oyun-Erdene", "oyun-erdene"},
		{"Oyun–Erdene", "oyun-erdene"},
		{"People’s Party", "people's party"},
		{"“Dialogue — 2023”", `"dialogue - 2023"`},
		{"「構建人類命運共同體」", `"构建人类命运共同体"`},
		{"習近平", "习近平"},
		{"习近平", "习近平"},
		{"郭業洲", "郭业洲"},
		{"中國共產黨與世界政黨高層對話會", "中国共产党与世界政党高层对话会"},
		{"中共中央對外聯絡部", "中共中央对外联络部"},
		{"ＣＰＣ（中共）", "cpc(中共)"},
		{"２０１７年", "2017年"},
		{"納爾遜‧曼德拉", "纳尔逊·曼德拉"},
		{"纳尔逊・曼德拉", "纳尔逊·曼德拉"},
		{"Straße", "strasse"},
		{"Łódź", "lodz"},
		{"Ørsted", "orsted"},
		{"São Tomé and Príncipe", "sao tome and principe"},
		{"Côte d’Ivoire", "cote d'ivoire"},
		{"Türkiye", "turkiye"},
		{"Единая Россия", "единая россия"},
		{"Йемен", "иемен"},
		{"ﬁnance", "finance"},
		{"soft\u00ADhyphen", "softhyphen"},
		{"zero\u200Bwidth", "zerowidth"},
		{"", ""},
		{"   ", ""},
		{"乾隆", "干隆"}, // per character, without phrases: a key, not a spelling (ToSimplified gives 乾隆)
		{"臺灣", "台湾"},
		{"豈", "岂"}, // a compatibility ideograph
	}
	for _, tc := range tests {
		t.Run(tc.in, func(t *testing.T) {
			if got := Fold(tc.in); got != tc.want {
				t.Errorf("Fold(%q) = %q, want %q", tc.in, got, tc.want)
			}
		})
	}
}

// Folding is per character, so the key of a text contains the key of every
// name written in it, whatever surrounds the name.
func TestFoldSubstring(t *testing.T) {
	text := "中共中央總書記習近平出席開幕式，Aleksandar Vučić spoke."
	for _, name := range []string{"習近平", "习近平", "Vucic", "aleksandar vučić", "总书记"} {
		if !strings.Contains(Fold(text), Fold(name)) {
			t.Errorf("Fold(%q) does not contain Fold(%q)", text, name)
		}
	}
}

func TestFoldMap(t *testing.T) {
	tests := []struct{ in, sub, want string }{
		{"Mr Vučić spoke", "vucic", "Vučić"},
		{"總書記習近平出席", "习近平", "習近平"},
		{"the  ANC   and", "anc", "ANC"},
		{"a\u00A0Straße b", "strasse", "Straße"},
		{"ＡＮＣ（南非）", "anc", "ＡＮＣ"},
		{"x 纳尔逊‧曼德拉 y", "纳尔逊·曼德拉", "纳尔逊‧曼德拉"},
	}
	for _, tc := range tests {
		t.Run(tc.in, func(t *testing.T) {
			key, pos := FoldMap(tc.in)
			if key != Fold(tc.in) {
				t.Fatalf("FoldMap key %q != Fold %q", key, Fold(tc.in))
			}
			if len(pos) != len(key)+1 {
				t.Fatalf("len(pos) = %d, want %d", len(pos), len(key)+1)
			}
			i := strings.Index(key, tc.sub)
			if i < 0 {
				t.Fatalf("key %q lacks %q", key, tc.sub)
			}
			if got := tc.in[pos[i]:pos[i+len(tc.sub)]]; got != tc.want {
				t.Errorf("original of %q = %q, want %q", tc.sub, got, tc.want)
			}
		})
	}
}

func TestConvert(t *testing.T) {
	tests := []struct{ simp, trad string }{
		{"中国共产党与世界政党高层对话会", "中國共產黨與世界政黨高層對話會"},
		{"习近平", "習近平"},
		{"中共中央对外联络部", "中共中央對外聯絡部"},
		{"国际", "國際"},
	}
	for _, tc := range tests {
		t.Run(tc.simp, func(t *testing.T) {
			if got := ToTraditional(tc.simp); got != tc.trad {
				t.Errorf("ToTraditional(%q) = %q, want %q", tc.simp, got, tc.trad)
			}
			if got := ToSimplified(tc.trad); got != tc.simp {
				t.Errorf("ToSimplified(%q) = %q, want %q", tc.trad, got, tc.simp)
			}
		})
	}
	if got := ToTraditional("Xi Jinping"); got != "Xi Jinping" {
		t.Errorf("ToTraditional changed Latin text: %q", got)
	}
}

func TestLang(t *testing.T) {
	tests := []struct{ in, want string }{
		{"CPC in Dialogue with World Political Parties High-level Meeting", "en"},
		{"中國共產黨與世界政黨高層對話會", "zh-Hant"},
		{"中国共产党与世界政党高层对话会", "zh-Hans"},
		{"北京", "zh-Hans"}, // no character tells the scripts apart
		{"會議", "zh-Hant"},
		{"Единая Россия", "ru"},
		{"Vučić", "en"},
		{"习近平 (Xi Jinping) 出席开幕式并发表主旨讲话", "zh-Hans"},
		{"Xi Jinping 习近平", "en"},
		{"2017-11-30", ""},
		{"", ""},
	}
	for _, tc := range tests {
		t.Run(tc.in, func(t *testing.T) {
			if got := Lang(tc.in); got != tc.want {
				t.Errorf("Lang(%q) = %q, want %q", tc.in, got, tc.want)
			}
		})
	}
}

func TestSlug(t *testing.T) {
	tests := []struct{ in, want string }{
		{"Nicolás Maduro", "nicolas-maduro"},
		{"Aleksandar Vučić", "aleksandar-vucic"},
		{"People's Party", "peoples-party"},
		{"People’s Liberation Party", "peoples-liberation-party"},
		{"CPC in Dialogue with World Political Parties High-level Meeting", "cpc-in-dialogue-with-world-political-parties-high-level-meeting"},
		{"  Oyun-Erdene  ", "oyun-erdene"},
		{"Xi Jinping 习近平", "xi-jinping"},
		{"習近平", "习近平"},
		{"习近平", "习近平"},
		{"纳尔逊·曼德拉", "纳尔逊-曼德拉"},
		{"Единая Россия", "единая-россия"},
		{"ＡＮＣ", "anc"},
		{"Straße", "strasse"},
		{"!!!", ""},
	}
	for _, tc := range tests {
		t.Run(tc.in, func(t *testing.T) {
			if got := Slug(tc.in); got != tc.want {
				t.Errorf("Slug(%q) = %q, want %q", tc.in, got, tc.want)
			}
		})
	}
	long := strings.Repeat("Responsibility of Political Parties ", 10)
	s := Slug(long)
	if len(s) > MaxSlug || !utf8.ValidString(s) || s != Slug(long) {
		t.Errorf("Slug(long) = %q (%d bytes)", s, len(s))
	}
	if Slug(long) == Slug(long+"x") {
		t.Errorf("two long names share the slug %q", s)
	}
}

func TestSentences(t *testing.T) {
	tests := []struct {
		name, in string
		want     []string
	}{
		{"en", "The meeting was held in Beijing. It was the first. Delegates came!", []string{"The meeting was held in Beijing.", "It was the first.", "Delegates came!"}},
		{"abbrev", "Mr. Xi met Dr. Smith on Nov. 30, 2017. Then he left.", []string{"Mr. Xi met Dr. Smith on Nov. 30, 2017.", "Then he left."}},
		{"initials", "Verchenko A.L. wrote it. A. L. Verchenko agreed.", []string{"Verchenko A.L. wrote it.", "A. L. Verchenko agreed."}},
		{"lower case next", "See e.g. the report. And more.", []string{"See e.g. the report.", "And more."}},
		{"quotes", `The theme was "Together." It was good.`, []string{`The theme was "Together."`, "It was good."}},
		{"decimal", "Growth was 3.5 percent. Fine.", []string{"Growth was 3.5 percent.", "Fine."}},
		{"zh", "对话会在北京举行。习近平出席开幕式！会议发表了《北京倡议》？", []string{"对话会在北京举行。", "习近平出席开幕式！", "会议发表了《北京倡议》？"}},
		{"zh quote", "他说：“好。”然后离开。", []string{"他说：“好。”", "然后离开。"}},
		{"mixed", "Held in Beijing. 会议在北京举行。", []string{"Held in Beijing.", "会议在北京举行。"}},
		{"blank line", "A title\n\nThe text", []string{"A title", "The text"}},
		{"no end mark", "  just words  ", []string{"just words"}},
		{"empty", "", nil},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			got := Sentences(tc.in)
			var texts []string
			for _, sp := range got {
				if tc.in[sp.Offset:sp.Offset+sp.Len] != sp.Text {
					t.Errorf("span %+v does not match the input", sp)
				}
				texts = append(texts, sp.Text)
			}
			if strings.Join(texts, "|") != strings.Join(tc.want, "|") {
				t.Errorf("Sentences(%q)\n got %q\nwant %q", tc.in, texts, tc.want)
			}
		})
	}
}

func TestToSimplifiedPhrases(t *testing.T) {
	if got := ToSimplified("乾隆"); got != "乾隆" {
		t.Errorf("ToSimplified(乾隆) = %q, want 乾隆 (OpenCC's phrase dictionary)", got)
	}
}
