package markup

import (
	"html"
	"net/url"
	"regexp"
	"strings"
	"testing"
	"unicode/utf8"
)

var (
	hrefRe  = regexp.MustCompile(`<a href="([^"]*)" rel="nofollow noopener">`)
	eventRe = regexp.MustCompile(`(?i)<[^>]*\son[a-z]*\s*=`)
)

// safeHTML checks what Render or Inline wrote, independently of Unsafe: no script
// element, no event handler attribute, every link an absolute http(s) address with a
// host, and no "<" other than the tags Render writes.
func safeHTML(t *testing.T, in, out string) {
	t.Helper()
	if msg := Unsafe(out); msg != "" {
		t.Fatalf("%s in the output of %q:\n%s", msg, in, out)
	}
	low := strings.ToLower(out)
	if strings.Contains(low, "<script") || eventRe.MatchString(out) {
		t.Fatalf("script or event handler in the output of %q:\n%s", in, out)
	}
	for _, m := range hrefRe.FindAllStringSubmatch(out, -1) {
		u, err := url.Parse(html.UnescapeString(m[1]))
		if err != nil || u.Host == "" || (u.Scheme != "http" && u.Scheme != "https") {
			t.Fatalf("link to %q in the output of %q", m[1], in)
		}
	}
	// Take off the tags Render writes: what is left is text, so it holds no "<", and
	// no attribute-like "javascript:" can hide in a tag.
	rest := regexp.MustCompile(`</?(p|h2|h3|strong|em|ul|ol|li|blockquote)>|<a href="[^"]*" rel="nofollow noopener">|</a>`).ReplaceAllString(out, "")
	if strings.ContainsAny(rest, "<>\"") {
		t.Fatalf("unescaped markup character in the text of %q:\n%s", in, out)
	}
	if utf8.ValidString(in) && !utf8.ValidString(out) {
		t.Fatalf("valid UTF-8 %q rendered as invalid UTF-8", in)
	}
}

func FuzzRender(f *testing.F) {
	for _, s := range []string{
		"## Tiêu đề\n\nĐoạn **đậm** và *nghiêng* với [liên kết](https://example.vn/a?b=1&c=\"2\").",
		"- một\n- hai\n1. ba\n> trích dẫn <script>alert(1)</script>",
		"[x](javascript:alert(1)) [y](JaVaScRiPt:alert(1)) [z](//evil.example) [w](https://a.vn/\" onclick=\"x)",
		"<img src=x onerror=alert(1)>\r\n**[**](http://a.vn)**",
		"_a_b_ \\*không\\* [[lồng]](https://vi.wikipedia.org/wiki/A_(B))",
		"[a](https://user:pw@example.vn) [b](http://[::1]:80/) [c](https://x.vn/%zz)",
		"###\n#không\n1) một\n12345. hai\n\xff\xfe",
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, src string) {
		if len(src) > 4096 {
			return // articles are short; the inline parser is quadratic in the worst case
		}
		safeHTML(t, src, string(Render(src)))
		safeHTML(t, src, Inline(src))
		if p := Plain(src); utf8.ValidString(src) && !utf8.ValidString(p) {
			t.Fatalf("Plain(%q) = %q is not UTF-8", src, p)
		}
	})
}
