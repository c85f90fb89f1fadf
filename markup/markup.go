// Package markup renders the small Markdown subset that news articles are written in:
// paragraphs, headings (## and ###), bold (**…**), italic (*…* or _…_), links to
// http and https addresses, bulleted and numbered lists, and quotes (> …).
//
// There is no raw HTML: every character of the input that is not markup is escaped,
// so "<script>" in an article is shown as text. A link to any other kind of address
// (javascript:, data:, a relative path) keeps only its text. Links carry
// rel="nofollow noopener", since the articles link to sites we do not vouch for.
// The package is pure: text in, HTML out.
package markup

import (
	"html"
	"html/template"
	"net/url"
	"strings"
)

// Render turns an article's text into safe HTML.
func Render(src string) template.HTML {
	var b strings.Builder
	lines := strings.Split(strings.ReplaceAll(strings.ReplaceAll(src, "\r\n", "\n"), "\r", "\n"), "\n")
	var para, quote []string
	var list []string
	listTag := ""
	flush := func() {
		if len(para) > 0 {
			b.WriteString("<p>" + Inline(strings.Join(para, " ")) + "</p>\n")
			para = nil
		}
		if len(quote) > 0 {
			b.WriteString("<blockquote><p>" + Inline(strings.Join(quote, " ")) + "</p></blockquote>\n")
			quote = nil
		}
		if len(list) > 0 {
			b.WriteString("<" + listTag + ">\n")
			for _, it := range list {
				b.WriteString("<li>" + Inline(it) + "</li>\n")
			}
			b.WriteString("</" + listTag + ">\n")
			list = nil
		}
	}
	for _, raw := range lines {
		l := strings.TrimSpace(raw)
		switch {
		case l == "":
			flush()
		case strings.HasPrefix(l, "#"):
			level := len(l) - len(strings.TrimLeft(l, "#"))
			text := strings.TrimSpace(l[level:])
			if text == "" || l[level] != ' ' {
				addPara(&para, &quote, &list, flush, l)
				continue
			}
			flush()
			tag := "h2" // the article's title is the page's h1
			if level >= 3 {
				tag = "h3"
			}
			b.WriteString("<" + tag + ">" + Inline(text) + "</" + tag + ">\n")
		case strings.HasPrefix(l, ">"):
			if len(para) > 0 || len(list) > 0 {
				flush()
			}
			quote = append(quote, strings.TrimSpace(l[1:]))
		case bullet(l) != "":
			item := bullet(l)
			if listTag != "ul" || len(para) > 0 || len(quote) > 0 {
				flush()
			}
			listTag = "ul"
			list = append(list, item)
		case numbered(l) != "":
			item := numbered(l)
			if listTag != "ol" || len(para) > 0 || len(quote) > 0 {
				flush()
			}
			listTag = "ol"
			list = append(list, item)
		default:
			addPara(&para, &quote, &list, flush, l)
		}
	}
	flush()
	return template.HTML(b.String())
}

// addPara continues the open paragraph, quote or list item with a plain line.
func addPara(para, quote, list *[]string, flush func(), l string) {
	switch {
	case len(*quote) > 0:
		*quote = append(*quote, l)
	case len(*list) > 0:
		(*list)[len(*list)-1] += " " + l
	default:
		*para = append(*para, l)
	}
}

func bullet(l string) string {
	if len(l) > 2 && (l[0] == '-' || l[0] == '*' || l[0] == '+') && l[1] == ' ' {
		return strings.TrimSpace(l[2:])
	}
	return ""
}

func numbered(l string) string {
	i := 0
	for i < len(l) && i < 4 && l[i] >= '0' && l[i] <= '9' {
		i++
	}
	if i > 0 && i+1 < len(l) && (l[i] == '.' || l[i] == ')') && l[i+1] == ' ' {
		return strings.TrimSpace(l[i+2:])
	}
	return ""
}

// Inline renders the inline markup of one block: bold, italic, links; everything
// else is escaped.
//
// A closing mark or the end of a link is looked for within maxSpan bytes only: an
// unclosed "[" or "_" would otherwise make every one of them scan to the end of the
// text, and a 60,000-character article of them cost seconds on every public view.
func Inline(s string) string {
	var b strings.Builder
	for i := 0; i < len(s); {
		c := s[i]
		switch {
		case c == '\\' && i+1 < len(s) && strings.IndexByte("\\*_[]()#>-+.!`", s[i+1]) >= 0:
			b.WriteString(html.EscapeString(s[i+1 : i+2]))
			i += 2
			continue
		case strings.HasPrefix(s[i:], "**"):
			if j := strings.Index(s[i+2:min(len(s), i+2+maxSpan)], "**"); j > 0 {
				b.WriteString("<strong>" + Inline(s[i+2:i+2+j]) + "</strong>")
				i += j + 4
				continue
			}
		case c == '*' || c == '_':
			if j := closing(s, i); j > 0 {
				b.WriteString("<em>" + Inline(s[i+1:j]) + "</em>")
				i = j + 1
				continue
			}
		case c == '[':
			if text, href, n := link(s[i:]); n > 0 {
				if u := safeURL(href); u != "" {
					b.WriteString(`<a href="` + html.EscapeString(u) + `" rel="nofollow noopener">` + Inline(text) + "</a>")
				} else {
					b.WriteString(Inline(text))
				}
				i += n
				continue
			}
		}
		// One byte at a time is fine: multi-byte UTF-8 never holds the bytes escaped here.
		b.WriteString(html.EscapeString(s[i : i+1]))
		i++
	}
	return b.String()
}

// closing finds the end of an emphasis opened by s[i]: the same character, with text
// between that does not start with a space, and for _ not inside a word (snake_case).
func closing(s string, i int) int {
	c := s[i]
	if i+1 >= len(s) || s[i+1] == ' ' || s[i+1] == c {
		return -1
	}
	if c == '_' && i > 0 && isWordByte(s[i-1]) {
		return -1
	}
	for j := i + 2; j < min(len(s), i+maxSpan); j++ {
		if s[j] == c && s[j-1] != ' ' && s[j-1] != '\\' {
			if c == '_' && j+1 < len(s) && isWordByte(s[j+1]) {
				continue
			}
			return j
		}
	}
	return -1
}

func isWordByte(c byte) bool {
	return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c >= 0x80
}

// maxSpan bounds how far a closing mark, or a link's "](…)", is looked for.
const maxSpan = 1024

// link reads "[text](href)" at the start of s and returns its parts and length; the
// text and the address are each at most maxSpan bytes.
func link(s string) (text, href string, n int) {
	s = s[:min(len(s), 2*maxSpan)]
	depth := 0
	for i := 0; i < len(s); i++ {
		switch s[i] {
		case '[':
			depth++
		case ']':
			depth--
			if depth == 0 {
				if i+1 >= len(s) || s[i+1] != '(' {
					return "", "", 0
				}
				// The address ends at the ")" that balances the "(": addresses may
				// hold parentheses (Wikipedia's do).
				open := 0
				for j := i + 2; j < len(s); j++ {
					switch s[j] {
					case '(':
						open++
					case ')':
						if open == 0 {
							return s[1:i], strings.TrimSpace(s[i+2 : j]), j + 1
						}
						open--
					}
				}
				return "", "", 0
			}
		}
	}
	return "", "", 0
}

// safeURL returns the address re-serialised when it is an absolute http or https URL
// with a host, and "" for anything else (javascript:, data:, vbscript:, relative).
func safeURL(href string) string {
	if strings.ContainsAny(href, " \t\n\"'<>`") {
		return ""
	}
	u, err := url.Parse(href)
	if err != nil || u.Host == "" || u.User != nil {
		return ""
	}
	if s := strings.ToLower(u.Scheme); s != "http" && s != "https" {
		return ""
	}
	return u.String()
}

// Plain returns the text of an article without its markup, for a feed's or a
// search engine's description. It is not HTML: the caller escapes it.
func Plain(src string) string {
	out := Inline(strings.Join(strings.Fields(src), " "))
	// Inline escaped the text and added tags; take them off again.
	var b strings.Builder
	in := false
	for _, r := range out {
		switch {
		case r == '<':
			in = true
		case r == '>':
			in = false
		case !in:
			b.WriteRune(r)
		}
	}
	return html.UnescapeString(b.String())
}
