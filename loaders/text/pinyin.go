package text

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/mozillazg/go-pinyin"
)

// compoundSurnames are the two-character Chinese surnames (Simplified).
var compoundSurnames = []string{"欧阳", "司马", "诸葛", "上官", "东方", "令狐", "皇甫", "慕容", "司徒", "夏侯", "尉迟", "公孙", "长孙", "宇文", "端木", "澹台", "轩辕", "西门", "南宫", "独孤"}

// translitChars are characters that transliterations of foreign names use
// and Chinese given names hardly do (尔 in 马沙图尔, 斯 in 拉斯).
const translitChars = "尔爾斯克夫娃姆莫索普迪蒂茨奇维維特德拉萨薩"

// surnameReadings are the readings characters take as a surname where they
// differ from their most common reading (单 is Shan, 曾 is Zeng).
var surnameReadings = map[rune]string{
	'单': "shan", '曾': "zeng", '解': "xie", '区': "ou", '仇': "qiu", '朴': "piao",
	'查': "zha", '盖': "ge", '缪': "miao", '乐': "yue", '覃': "qin", '翟': "zhai",
	'尉': "yu", '种': "chong", '召': "shao", '秘': "bi", '便': "pian", '万': "wan",
}

// NameSlug returns the slug of a Chinese personal name written in Chinese
// characters, in Hanyu Pinyin as English text writes it: the surname, a
// hyphen, the given name in one word ("刘文清" and "劉文清" give
// "liu-wenqing", "欧阳明" gives "ouyang-ming"), so that a person a Chinese
// text names and one an English text names are one node. It returns "" for
// anything but a name of two to four characters whose given name has none
// of the characters transliterations use: a foreign name ("安娜·韦斯特",
// "马沙图尔") keeps its own slug, as does a name with a character without a
// reading.
func NameSlug(s string) string {
	name := ToSimplified(strings.TrimSpace(s))
	n := utf8.RuneCountInString(name)
	if n < 2 || n > 4 {
		return ""
	}
	for _, r := range name {
		if !unicode.Is(unicode.Han, r) {
			return ""
		}
	}
	surLen := 1
	for _, c := range compoundSurnames {
		if strings.HasPrefix(name, c) && n > 2 {
			surLen = 2
		}
	}
	if _, size := utf8.DecodeRuneInString(name); strings.ContainsAny(name[size:], translitChars) {
		return "" // a transliterated foreign name: 马沙图尔
	}
	syl := syllables(name)
	if syl == nil {
		return ""
	}
	if py := surnameReadings[[]rune(name)[0]]; py != "" {
		syl[0] = py
	}
	return strings.Join(syl[:surLen], "") + "-" + strings.Join(syl[surLen:], "")
}

// PlaceSlug returns the slug of a Chinese place name written in Chinese
// characters, in Hanyu Pinyin as one word, without the 市 or 县 of its
// administrative kind ("临川市" and "臨川" give "linchuan"), so that a city a
// Chinese text names and one an English text names are one node. It returns
// "" for anything else, and for a transliterated foreign name ("韦尔莫").
// Characters are read by their most common reading: a city whose name needs
// another (重庆 is Chongqing) belongs in the gazetteer.
func PlaceSlug(s string) string {
	name := ToSimplified(strings.TrimSpace(s))
	for _, suf := range []string{"市", "县", "区"} {
		if utf8.RuneCountInString(name) >= 3 {
			name = strings.TrimSuffix(name, suf)
		}
	}
	n := utf8.RuneCountInString(name)
	if n < 2 || n > 5 || strings.ContainsAny(name, translitChars) {
		return ""
	}
	syl := syllables(name)
	if syl == nil {
		return ""
	}
	return strings.Join(syl, "")
}

// syllables returns the Pinyin of each character of a name of Chinese
// characters (ü written u, as English text writes it), or nil.
func syllables(name string) []string {
	a := pinyin.NewArgs()
	var out []string
	for _, r := range name {
		if !unicode.Is(unicode.Han, r) {
			return nil
		}
		ps := pinyin.SinglePinyin(r, a)
		if len(ps) == 0 || ps[0] == "" {
			return nil
		}
		out = append(out, strings.ReplaceAll(ps[0], "v", "u"))
	}
	return out
}
