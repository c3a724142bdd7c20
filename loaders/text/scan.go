package text

import (
	"unicode"
	"unicode/utf8"
)

// tokKind is the kind of a token of the date and count scanner.
type tokKind uint8

const (
	tNum   tokKind = iota + 1 // a run of digits (ASCII, full-width or other decimal digits)
	tWord                     // a run of letters of an alphabet (Latin, Cyrillic, ...), lower-cased
	tHan                      // one Han character
	tCNum                     // a run of Chinese numeral characters (二百, 十一, 二〇一七)
	tPunct                    // one punctuation or symbol rune, dashes folded to '-'
)

// token is one token of the scanner. Whitespace is not a token; space says
// whether whitespace came before.
type token struct {
	kind       tokKind
	start, end int    // byte offsets in the scanned text
	text       string // folded text: lower case, dashes as "-"
	val        int    // value of a tNum or tCNum (capped)
	digits     int    // number of digits of a tNum
	space      bool   // whitespace before this token
	glued      bool   // a tNum or tWord directly after a letter or digit of another kind
	r          rune   // the rune of a tHan or tPunct
	upper      bool   // a tWord that starts with an upper-case letter
}

// scan splits s into tokens. It never fails: every rune is either whitespace
// or part of a token.
func scan(s string) []token {
	toks := make([]token, 0, len(s)/4+1)
	space := false
	prevAlnum := false
	for i := 0; i < len(s); {
		r, n := utf8.DecodeRuneInString(s[i:])
		switch {
		case unicode.IsSpace(r) || r == '\u00A0' || r == '\u3000':
			space = true
			prevAlnum = false
			i += n
			continue
		case digitVal(r) >= 0:
			j, v, d := i, 0, 0
			for j < len(s) {
				c, m := utf8.DecodeRuneInString(s[j:])
				dv := digitVal(c)
				if dv < 0 {
					break
				}
				if v < 1e9 {
					v = v*10 + dv
				}
				d++
				j += m
			}
			toks = append(toks, token{kind: tNum, start: i, end: j, text: s[i:j], val: v, digits: d, space: space, glued: prevAlnum})
			i = j
			prevAlnum = true
		case cnumVal(r) >= 0:
			j := i
			for j < len(s) {
				c, m := utf8.DecodeRuneInString(s[j:])
				if cnumVal(c) < 0 {
					break
				}
				j += m
			}
			v, ok := parseCNum(s[i:j])
			if !ok {
				// Not a number after all (一 in 一带一路): single Han tokens.
				for k := i; k < j; {
					c, m := utf8.DecodeRuneInString(s[k:])
					toks = append(toks, token{kind: tHan, start: k, end: k + m, text: s[k : k+m], r: c, space: space && k == i})
					k += m
				}
			} else {
				toks = append(toks, token{kind: tCNum, start: i, end: j, text: s[i:j], val: v, digits: cnumDigits(s[i:j], v), space: space})
			}
			i = j
			prevAlnum = false
		case isHan(r):
			toks = append(toks, token{kind: tHan, start: i, end: i + n, text: s[i : i+n], r: r, space: space})
			i += n
			prevAlnum = false
		case unicode.IsLetter(r) || unicode.Is(unicode.Mn, r):
			j := i
			for j < len(s) {
				c, m := utf8.DecodeRuneInString(s[j:])
				if !(unicode.IsLetter(c) || unicode.Is(unicode.Mn, c)) || isHan(c) || cnumVal(c) >= 0 {
					break
				}
				j += m
			}
			toks = append(toks, token{kind: tWord, start: i, end: j, text: Fold(s[i:j]), space: space, glued: prevAlnum, upper: unicode.IsUpper(r)})
			i = j
			prevAlnum = true
		default:
			t := string(r)
			if f, ok := special(r); ok && f != "" {
				t = f
			} else if r >= 0xFF01 && r <= 0xFF5E {
				t = string(r - 0xFF01 + '!') // full-width ASCII
			}
			if t == "~" || r == '〜' || r == '～' {
				t = "-"
			}
			toks = append(toks, token{kind: tPunct, start: i, end: i + n, text: t, r: r, space: space})
			i += n
			prevAlnum = false
		}
		space = false
	}
	return toks
}

// digitVal returns the value of an ASCII or full-width decimal digit, or -1.
func digitVal(r rune) int {
	switch {
	case r >= '0' && r <= '9':
		return int(r - '0')
	case r >= '０' && r <= '９':
		return int(r - '０')
	}
	return -1
}

// cnumVal returns the value of a Chinese numeral character: 0-9 for digits,
// 10, 100, 1000, 10000 for the multipliers, or -1.
func cnumVal(r rune) int {
	switch r {
	case '〇', '零':
		return 0
	case '一':
		return 1
	case '二', '两', '兩':
		return 2
	case '三':
		return 3
	case '四':
		return 4
	case '五':
		return 5
	case '六':
		return 6
	case '七':
		return 7
	case '八':
		return 8
	case '九':
		return 9
	case '十':
		return 10
	case '百':
		return 100
	case '千':
		return 1000
	case '万', '萬':
		return 10000
	}
	return -1
}

// parseCNum parses a run of Chinese numerals: positional (十一, 二百三十,
// 一千零五, 三万) or digit by digit (二〇一七). It reports false for a run
// that is not one number.
func parseCNum(s string) (int, bool) {
	var vals []int
	for _, r := range s {
		vals = append(vals, cnumVal(r))
	}
	if len(vals) == 0 {
		return 0, false
	}
	positional := false
	for _, v := range vals {
		if v >= 10 {
			positional = true
		}
	}
	if !positional {
		if len(vals) == 1 {
			return vals[0], true
		}
		if len(vals) > 4 {
			return 0, false
		}
		n := 0
		for _, v := range vals {
			n = n*10 + v
		}
		return n, true
	}
	total, section, digit := 0, 0, -1
	lastMul, zero := 100000, false
	for _, v := range vals {
		switch {
		case v == 0:
			if digit >= 0 {
				return 0, false
			}
			zero = true
		case v < 10:
			if digit >= 0 {
				return 0, false // two digits in a row in a positional number
			}
			digit = v
		case v == 10000:
			if digit >= 0 {
				section += digit
			}
			if section == 0 {
				return 0, false
			}
			total += section * v
			section, digit, lastMul, zero = 0, -1, 100000, false
		default:
			if v >= lastMul {
				return 0, false // out of order: 十百
			}
			d := digit
			if d < 0 {
				switch {
				case section == 0 && total == 0:
					d = 1 // 十 is ten, 百余 is a hundred and more
				case v == 10 && zero:
					d = 1 // 一百零十
				default:
					return 0, false
				}
			}
			section += d * v
			digit, lastMul, zero = -1, v, false
		}
	}
	if digit >= 0 {
		if lastMul >= 100 && lastMul < 100000 && !zero {
			section += digit * lastMul / 10 // 二百五: two hundred and fifty
		} else {
			section += digit
		}
	}
	return total + section, true
}

// cnumDigits returns how many digits a Chinese numeral stands for: its
// length when written digit by digit (二〇一七), else the digits of its value.
func cnumDigits(s string, v int) int {
	positional := false
	for _, r := range s {
		if cnumVal(r) >= 10 {
			positional = true
		}
	}
	if !positional {
		return utf8.RuneCountInString(s)
	}
	n := 1
	for v >= 10 {
		v /= 10
		n++
	}
	return n
}
