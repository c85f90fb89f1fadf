package markup

import (
	"regexp"
	"strings"
)

// allowed are the elements Render writes, with the attributes each may carry.
var allowed = map[string][]string{
	"p": nil, "h2": nil, "h3": nil, "strong": nil, "em": nil, "ul": nil, "ol": nil, "li": nil,
	"blockquote": nil, "a": {"href", "rel"},
}

var tagRe = regexp.MustCompile(`<(/?)([a-zA-Z0-9]+)([^>]*)>`)
var attrRe = regexp.MustCompile(`\s*([a-zA-Z-]+)="([^"]*)"`)

// Unsafe checks HTML that Render wrote (or a fragment of a page built the same way)
// and says what is wrong with it, or "" when every element is one Render writes, with
// only its attributes, and every link goes to http or https. Text that merely reads
// like markup ("&lt;img onerror=…&gt;") is text and is fine. Tests use it; it is not
// a sanitiser.
func Unsafe(out string) string {
	if strings.Count(out, "<") != len(tagRe.FindAllString(out, -1)) {
		return "a < that does not open an allowed tag"
	}
	for _, m := range tagRe.FindAllStringSubmatch(out, -1) {
		name := strings.ToLower(m[2])
		attrs, ok := allowed[name]
		if !ok {
			return "element <" + name + "> is not allowed"
		}
		rest := m[3]
		for _, a := range attrRe.FindAllStringSubmatch(rest, -1) {
			if !contains(attrs, strings.ToLower(a[1])) {
				return "attribute " + a[1] + " on <" + name + ">"
			}
			if strings.EqualFold(a[1], "href") && !strings.HasPrefix(a[2], "https://") && !strings.HasPrefix(a[2], "http://") {
				return "link to " + a[2]
			}
		}
		if strings.TrimSpace(attrRe.ReplaceAllString(rest, "")) != "" {
			return "stray text inside <" + name + ">: " + rest
		}
	}
	return ""
}

func contains(xs []string, x string) bool {
	for _, y := range xs {
		if y == x {
			return true
		}
	}
	return false
}
