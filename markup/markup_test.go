package markup

import (
	"strings"
	"testing"
)

func TestRender(t *testing.T) {
	for _, c := range []struct{ in, want string }{
		{"Xin chào", "<p>Xin chào</p>\n"},
		{"dòng một\ndòng hai\n\nđoạn hai", "<p>dòng một dòng hai</p>\n<p>đoạn hai</p>\n"},
		{"## Kết quả\n### Chi tiết", "<h2>Kết quả</h2>\n<h3>Chi tiết</h3>\n"},
		{"**đậm** và *nghiêng* và _cũng nghiêng_", "<p><strong>đậm</strong> và <em>nghiêng</em> và <em>cũng nghiêng</em></p>\n"},
		{"tên_biến_giữ_nguyên", "<p>tên_biến_giữ_nguyên</p>\n"},
		{"- một\n- hai", "<ul>\n<li>một</li>\n<li>hai</li>\n</ul>\n"},
		{"1. một\n2. hai", "<ol>\n<li>một</li>\n<li>hai</li>\n</ol>\n"},
		{"> trích dẫn\n> tiếp", "<blockquote><p>trích dẫn tiếp</p></blockquote>\n"},
		{"[Luật](https://thuvienphapluat.vn/a?b=1&c=2)",
			`<p><a href="https://thuvienphapluat.vn/a?b=1&amp;c=2" rel="nofollow noopener">Luật</a></p>` + "\n"},
		{`\*không nghiêng\*`, "<p>*không nghiêng*</p>\n"},
		{"#không phải tiêu đề", "<p>#không phải tiêu đề</p>\n"},
	} {
		if got := string(Render(c.in)); got != c.want {
			t.Errorf("Render(%q)\n got %q\nwant %q", c.in, got, c.want)
		}
	}
}

// Whatever an author types, the output holds no element or attribute of their own.
func TestRenderNeutralisesInjection(t *testing.T) {
	for _, in := range []string{
		"<script>alert(1)</script>",
		"<img src=x onerror=alert(1)>",
		"[x](javascript:alert(1))",
		"[x](JaVaScRiPt:alert(1))",
		"[x]( javascript:alert(1) )",
		"[x](data:text/html;base64,PHNjcmlwdD4=)",
		`[x](https://a.vn/" onmouseover="alert(1))`,
		"[x](//evil.example/)",
		"**<b onclick=alert(1)>**",
		"## <svg onload=alert(1)>",
		"- <iframe src=javascript:alert(1)>",
		"> <a href=\"javascript:alert(1)\">x</a>",
		"[<script>](https://a.vn)",
	} {
		out := string(Render(in))
		if msg := Unsafe(out); msg != "" {
			t.Errorf("Render(%q) = %q: %s", in, out, msg)
		}
		if strings.Contains(strings.ToLower(out), "<script") {
			t.Errorf("Render(%q) = %q holds <script", in, out)
		}
	}
	if got := string(Render("<script>alert(1)</script>")); got != "<p>&lt;script&gt;alert(1)&lt;/script&gt;</p>\n" {
		t.Errorf("script not shown as text: %q", got)
	}
	if got := string(Render("[x](javascript:alert(1))")); got != "<p>x</p>\n" {
		t.Errorf("javascript link kept: %q", got)
	}
}

func TestPlain(t *testing.T) {
	if got := Plain("**Hội nghị** [sơ kết](https://a.vn) <b>"); got != "Hội nghị sơ kết <b>" {
		t.Errorf("Plain = %q", got)
	}
}

// Emphasis and links close within maxSpan bytes; past it the marks stay text, so an
// article of unclosed marks costs one bounded look per mark.
func TestSpansAreBounded(t *testing.T) {
	near := "*" + strings.Repeat("a", maxSpan-10) + "*"
	if got := Inline(near); !strings.HasPrefix(got, "<em>") {
		t.Errorf("an emphasis of %d bytes is not rendered: %.40q", len(near), got)
	}
	far := "*" + strings.Repeat("a", maxSpan+10) + "*"
	if got := Inline(far); strings.Contains(got, "<em>") {
		t.Errorf("an emphasis of %d bytes is rendered", len(far))
	}
	link := "[" + strings.Repeat("b", 100) + "](https://example.vn/" + strings.Repeat("c", 200) + ")"
	if got := Inline(link); !strings.Contains(got, `<a href="https://example.vn/`) {
		t.Errorf("a long link is not rendered: %.80q", got)
	}
}

// BenchmarkUnclosedMarks renders the audit's worst case: 60,000 unclosed "[".
func BenchmarkUnclosedMarks(b *testing.B) {
	for _, s := range []string{strings.Repeat("[", 60000), strings.Repeat("_a ", 20000), strings.Repeat("[a](", 15000)} {
		b.Run(s[:4], func(b *testing.B) {
			for b.Loop() {
				Inline(s)
			}
		})
	}
}
