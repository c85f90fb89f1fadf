package tdkt

import (
	"bytes"
	"image"
	"image/color"
	"image/jpeg"
	"image/png"
	"strings"
	"unicode/utf8"
)

// Articles (Tin tức) are the news an emulation office publishes on the portal: written
// by a clerk, reviewed and published by a leader, corrected in the open (each
// correction keeps the earlier text), or taken down.

// ArticleStatus is where an article stands.
type ArticleStatus string

// The statuses of an article.
const (
	ArticleDraft       ArticleStatus = "draft"       // bản nháp
	ArticleSubmitted   ArticleStatus = "submitted"   // chờ duyệt
	ArticlePublished   ArticleStatus = "published"   // đã duyệt đăng (visible from PublishAt)
	ArticleUnpublished ArticleStatus = "unpublished" // đã gỡ xuống
)

// ArticleStatuses lists the statuses in their order.
var ArticleStatuses = []ArticleStatus{ArticleDraft, ArticleSubmitted, ArticlePublished, ArticleUnpublished}

// ArticleStatusLabels are the Vietnamese names of the statuses.
var ArticleStatusLabels = map[ArticleStatus]string{
	ArticleDraft: "Bản nháp", ArticleSubmitted: "Chờ duyệt", ArticlePublished: "Đã duyệt đăng", ArticleUnpublished: "Đã gỡ xuống",
}

// ArticleAction is a step of the article workflow.
type ArticleAction string

// The steps of an article. A correction is not a step: it keeps the article published
// and appends a revision (see ArticleRevision).
const (
	ArticleSubmit    ArticleAction = "submit"    // gửi duyệt
	ArticleReturn    ArticleAction = "return"    // trả lại để sửa
	ArticleApprove   ArticleAction = "approve"   // duyệt đăng, now or at a later time
	ArticleUnpublish ArticleAction = "unpublish" // gỡ bài
)

// ArticleActions lists the steps.
var ArticleActions = []ArticleAction{ArticleSubmit, ArticleReturn, ArticleApprove, ArticleUnpublish}

// writers may write and submit articles; only leaders (and administrators) publish.
var writers = []Role{RoleAdmin, RoleClerk, RoleLeader}

// ArticleStep is one line of the article workflow.
type ArticleStep struct {
	Action ArticleAction
	From   []ArticleStatus
	To     ArticleStatus
	Roles  []Role
	Label  string
}

// ArticleSteps is the article workflow: what goes before the public is approved by a
// leader of a unit whose subtree holds the article's unit.
var ArticleSteps = []ArticleStep{
	{ArticleSubmit, []ArticleStatus{ArticleDraft, ArticleUnpublished}, ArticleSubmitted, writers, "Gửi duyệt"},
	{ArticleReturn, []ArticleStatus{ArticleSubmitted}, ArticleDraft, leaders, "Trả lại để sửa"},
	{ArticleApprove, []ArticleStatus{ArticleSubmitted}, ArticlePublished, leaders, "Duyệt đăng"},
	{ArticleUnpublish, []ArticleStatus{ArticlePublished}, ArticleUnpublished, leaders, "Gỡ bài khỏi cổng thông tin"},
}

// ArticleStepFor finds the step for an action from a status.
func ArticleStepFor(a ArticleAction, from ArticleStatus) (ArticleStep, bool) {
	for _, s := range ArticleSteps {
		if s.Action == a && In(from, s.From) {
			return s, true
		}
	}
	return ArticleStep{}, false
}

// CanWriteArticles reports whether the account may write articles.
func (a *Account) CanWriteArticles() bool { return a != nil && In(a.Role, writers) }

// CanPublishArticles reports whether the account may approve, correct and unpublish articles.
func (a *Account) CanPublishArticles() bool { return a != nil && In(a.Role, leaders) }

// ArticleCategory is one of the fixed sections of the news.
type ArticleCategory struct {
	Code string // also the value in the address: /tin-tuc?muc=van-ban
	Name string
}

// ArticleCategories are the sections of the news, in the order the portal shows them.
var ArticleCategories = []ArticleCategory{
	{"thi-dua-khen-thuong", "Thi đua – Khen thưởng"},
	{"phong-trao-thi-dua", "Phong trào thi đua"},
	{"van-ban", "Văn bản"},
	{"thong-bao", "Thông báo"},
}

// CategoryName is the Vietnamese name of a category code, or "" for an unknown code.
func CategoryName(code string) string {
	for _, c := range ArticleCategories {
		if c.Code == code {
			return c.Name
		}
	}
	return ""
}

// Article is one news item. Body is the safe Markdown subset that package markup
// renders; nothing in it is ever sent to a browser as HTML unescaped.
type Article struct {
	ID          int64
	OrgID       int64
	OrgName     string
	AuthorID    int64
	AuthorName  string
	Slug        string
	Title       string
	Summary     string
	Body        string
	Category    string
	Tags        []string
	Status      ArticleStatus
	PublishAt   string // UTC stamp from which a published article is public; "" before approval
	MovementID  int64  // optional links; 0 for none
	DecisionID  int64
	ExampleID   int64
	Revision    int    // the number of published revisions; 0 before the first publication
	CorrectedAt string // UTC stamp of the latest correction, "" when never corrected
	Version     int
	CreatedAt   string
	UpdatedAt   string
	CoverID     int64 // the first image, 0 when there is none; filled by lists

	// Filled when one article is loaded.
	MovementName string
	DecisionNo   string
	DecidedOn    string
	ExampleName  string
}

// StatusLabel is the Vietnamese name of the article's status.
func (x Article) StatusLabel() string { return ArticleStatusLabels[x.Status] }

// CategoryName is the Vietnamese name of the article's category.
func (x Article) CategoryName() string { return CategoryName(x.Category) }

// MaxTags bounds the free tags of an article.
const MaxTags = 10

// Validate checks an article; text is expected in NFC already.
func (x *Article) Validate() error {
	p := Problems{}
	validText(p, "title", x.Title, true, 250)
	validText(p, "summary", x.Summary, false, 600)
	validText(p, "body", x.Body, true, 60000)
	if CategoryName(x.Category) == "" {
		p.Add("category", "Hãy chọn chuyên mục.")
	}
	if len(x.Tags) > MaxTags {
		p.Add("tags", "Tối đa 10 từ khóa.")
	}
	for _, t := range x.Tags {
		if utf8.RuneCountInString(t) > 40 {
			p.Add("tags", "Mỗi từ khóa tối đa 40 ký tự.")
		}
	}
	if x.OrgID == 0 {
		p.Add("org_id", "Hãy chọn đơn vị đăng tin.")
	}
	return p.Err()
}

// SplitTags cuts a comma- or semicolon-separated list of tags, drops empty and
// repeated ones (ignoring case) and keeps the order typed.
func SplitTags(s string) []string {
	var out []string
	seen := map[string]bool{}
	for _, t := range strings.FieldsFunc(s, func(r rune) bool { return r == ',' || r == ';' || r == '\n' }) {
		t = strings.Join(strings.Fields(t), " ")
		if k := strings.ToLower(t); t != "" && !seen[k] {
			seen[k] = true
			out = append(out, t)
		}
	}
	return out
}

// Slug turns text already folded (without diacritics, lower case: vn.Fold) into an
// address segment: ASCII letters and digits joined by single hyphens, at most 80
// characters, cut at a hyphen. Letters that remain outside ASCII are dropped; text is
// expected folded, but an unfolded "Đ" is still read as "d".
func Slug(folded string) string {
	var b strings.Builder
	dash := false
	for _, r := range strings.ToLower(folded) {
		switch {
		case r >= 'a' && r <= 'z' || r >= '0' && r <= '9':
			if dash && b.Len() > 0 {
				b.WriteByte('-')
			}
			dash = false
			b.WriteRune(r)
		case r == 'đ':
			if dash && b.Len() > 0 {
				b.WriteByte('-')
			}
			dash = false
			b.WriteByte('d')
		case r < utf8.RuneSelf || r == '–' || r == '—' || r == ' ':
			dash = true
		}
	}
	s := b.String()
	if len(s) > 80 {
		s = s[:80]
		if i := strings.LastIndexByte(s, '-'); i > 40 {
			s = s[:i]
		}
		s = strings.TrimRight(s, "-")
	}
	return s
}

// ArticleRevision is one published text of an article: the first publication is
// revision 1, each correction adds the next with its note ("Đính chính ngày …").
type ArticleRevision struct {
	Revision  int
	Title     string
	Summary   string
	Body      string
	Note      string
	Author    string
	CreatedAt string // UTC stamp
}

// ArticleImage is an image of an article, kept at most MaxImageWidth wide with a
// thumbnail ThumbWidth wide. Alt describes it for those who cannot see it.
type ArticleImage struct {
	ID          int64
	ArticleID   int64
	ContentType string
	Width       int
	Height      int
	Alt         string
	Version     int
}

// The sizes of article images.
const (
	MaxImageUpload = 15 << 20 // bytes accepted from an upload, before resizing
	MaxImageWidth  = 1200
	ThumbWidth     = 400
	maxImagePixels = 50_000_000 // a larger picture is refused before decoding (memory)
)

// PreparedImage is an upload made ready to store: the image re-encoded at most
// MaxImageWidth wide (which also drops metadata such as a camera's location) and
// its thumbnail.
type PreparedImage struct {
	ContentType   string
	Width, Height int
	Content       []byte
	Thumb         []byte
}

// PrepareImage recognises a PNG or JPEG by its content, decodes it, scales it down to
// at most MaxImageWidth wide and makes a ThumbWidth thumbnail, in the same format.
// A problem is returned as a message for the "image" field.
func PrepareImage(b []byte) (PreparedImage, string) {
	var out PreparedImage
	switch {
	case len(b) == 0:
		return out, "Chưa chọn ảnh, hoặc tệp ảnh rỗng."
	case len(b) > MaxImageUpload:
		return out, "Ảnh lớn quá 15 MB; hãy thu nhỏ ảnh rồi gửi lại."
	case bytes.HasPrefix(b, []byte("\x89PNG\r\n\x1a\n")):
		out.ContentType = "image/png"
	case bytes.HasPrefix(b, []byte("\xff\xd8\xff")):
		out.ContentType = "image/jpeg"
	default:
		return out, "Chỉ nhận ảnh PNG hoặc JPEG; nội dung tệp này không phải là ảnh."
	}
	cfg, _, err := image.DecodeConfig(bytes.NewReader(b))
	if err != nil {
		return out, "Tệp ảnh bị hỏng, không đọc được."
	}
	if cfg.Width <= 0 || cfg.Height <= 0 || cfg.Width*cfg.Height > maxImagePixels {
		return out, "Ảnh có kích thước quá lớn (tối đa 50 triệu điểm ảnh)."
	}
	var img image.Image
	if out.ContentType == "image/png" {
		img, err = png.Decode(bytes.NewReader(b))
	} else {
		img, err = jpeg.Decode(bytes.NewReader(b))
	}
	if err != nil {
		return out, "Tệp ảnh bị hỏng, không đọc được."
	}
	full := scaleToWidth(img, MaxImageWidth)
	out.Width, out.Height = full.Bounds().Dx(), full.Bounds().Dy()
	if out.Content, err = encodeImage(full, out.ContentType); err != nil {
		return out, "Không xử lý được ảnh."
	}
	if out.Thumb, err = encodeImage(scaleToWidth(full, ThumbWidth), out.ContentType); err != nil {
		return out, "Không xử lý được ảnh."
	}
	return out, ""
}

func encodeImage(img image.Image, contentType string) ([]byte, error) {
	var buf bytes.Buffer
	var err error
	if contentType == "image/png" {
		err = (&png.Encoder{CompressionLevel: png.BestCompression}).Encode(&buf, img)
	} else {
		err = jpeg.Encode(&buf, img, &jpeg.Options{Quality: 85})
	}
	return buf.Bytes(), err
}

// scaleToWidth shrinks img to width w keeping its proportions, averaging the source
// pixels that fall into each target pixel (a box filter: good enough for downscaling
// photos, and standard library only). An image no wider than w is only copied.
func scaleToWidth(img image.Image, w int) image.Image {
	sb := img.Bounds()
	sw, sh := sb.Dx(), sb.Dy()
	if sw <= w {
		dst := image.NewRGBA(image.Rect(0, 0, sw, sh))
		for y := 0; y < sh; y++ {
			for x := 0; x < sw; x++ {
				dst.Set(x, y, img.At(sb.Min.X+x, sb.Min.Y+y))
			}
		}
		return dst
	}
	h := max(1, (sh*w+sw/2)/sw)
	dst := image.NewRGBA(image.Rect(0, 0, w, h))
	for y := 0; y < h; y++ {
		y0, y1 := y*sh/h, max((y+1)*sh/h, y*sh/h+1)
		for x := 0; x < w; x++ {
			x0, x1 := x*sw/w, max((x+1)*sw/w, x*sw/w+1)
			var r, g, b, a, n uint64
			for sy := y0; sy < y1; sy++ {
				for sx := x0; sx < x1; sx++ {
					cr, cg, cb, ca := img.At(sb.Min.X+sx, sb.Min.Y+sy).RGBA()
					r, g, b, a, n = r+uint64(cr), g+uint64(cg), b+uint64(cb), a+uint64(ca), n+1
				}
			}
			dst.SetRGBA(x, y, color.RGBA{uint8(r / n >> 8), uint8(g / n >> 8), uint8(b / n >> 8), uint8(a / n >> 8)})
		}
	}
	return dst
}
