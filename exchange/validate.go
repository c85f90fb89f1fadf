package exchange

import (
	_ "embed"
	"fmt"
	"regexp"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"
)

// Schema is the JSON Schema (draft 2020-12) of manifest.json, embedded from
// exchange/manifest.schema.json. Validate applies the same rules; the tests hold the
// two together.
//
//go:embed manifest.schema.json
var Schema []byte

// The patterns and bounds of manifest.schema.json, spelled once for Validate.
var (
	reID           = regexp.MustCompile(`^[!-~]{1,200}$`)
	reInstallation = regexp.MustCompile(`^[0-9a-f]{32}$`)
	reOrgCode      = regexp.MustCompile(`^[!-~]{1,64}$`)
	reCode         = regexp.MustCompile(`^[a-z][a-z0-9_]{0,99}$`)
	reDate         = regexp.MustCompile(`^[0-9]{4}-[0-9]{2}-[0-9]{2}$`)
	reDateTime     = regexp.MustCompile(`^[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}:[0-9]{2}(\.[0-9]{1,9})?(Z|[+-][0-9]{2}:[0-9]{2})$`)
	reFileName     = regexp.MustCompile(`^files/[A-Za-z0-9][A-Za-z0-9._-]{0,199}$`)
	reMediaType    = regexp.MustCompile(`^[a-z0-9][a-z0-9!#$&^_.+-]{0,126}/[a-z0-9][a-z0-9!#$&^_.+-]{0,126}$`)
	reSHA256       = regexp.MustCompile(`^[0-9a-f]{64}$`)
)

const (
	maxLine  = 1000
	maxText  = 20000
	maxRef   = 200
	maxItems = 10000
	minYear  = 1900
	maxYear  = 2200
	maxSafe  = 1<<53 - 1 // the largest integer a JSON reader in any language keeps exactly
)

var (
	dossierKinds   = []string{"cong_trang", "dot_xuat", "phong_trao", "chuyen_de", "cong_hien", "nien_han", "doi_ngoai"}
	candidateKinds = []string{"ca_nhan", "tap_the", "ho_gia_dinh"}
	recordKinds    = []string{"rating", "title", "award", "initiative", "discipline"}
	states         = []string{StateReceived, StateReturned, StatePublicComment, StateCouncil, StateSubmitted, StateDecided, StateRefused, StateSigned}
	authorities    = []string{"chu_tich_nuoc", "thu_tuong"}
	fileRoles      = []string{"document", "attachment"}
)

// Validate checks a manifest's required fields and enumerations, the same rules as the
// JSON Schema (plus unique file names, which a schema cannot say). A struct cannot
// tell a missing member from a zero one; Open checks members on the JSON as well. A
// wrong version is bad_version; anything else is bad_manifest, its message listing
// every problem by its JSON path.
func (m *Manifest) Validate() error {
	if m.Version != Version {
		return refuse(CodeBadVersion, fmt.Sprintf("Phiên bản gói tin %s không được hỗ trợ; hệ thống này đọc %q.", quote(m.Version), Version))
	}
	var c checker
	c.match("id", m.ID, reID)
	c.enum("kind", m.Kind, []string{KindDossier, KindStatus})
	c.party("sender", m.Sender, false)
	c.party("receiver", m.Receiver, false)
	c.dateTime("created_at", m.CreatedAt, true)
	switch m.Kind {
	case KindDossier:
		if m.Dossier == nil {
			c.add("dossier", "thiếu hồ sơ")
		}
		if m.Status != nil {
			c.add("status", "gói hồ sơ không mang trạng thái")
		}
	case KindStatus:
		if m.Status == nil {
			c.add("status", "thiếu trạng thái")
		}
		if m.Dossier != nil {
			c.add("dossier", "gói trạng thái không mang hồ sơ")
		}
	}
	if m.Dossier != nil {
		c.dossier("dossier", m.Dossier)
	}
	if m.Status != nil {
		c.status("status", m.Status)
		if m.Status.State == StateSigned && (len(m.Files) != 1 || m.Files[0].Name != SignedDecisionFile || m.Files[0].MediaType != "application/pdf") {
			c.add("files", "trạng thái signed mang đúng một tệp "+SignedDecisionFile+" (application/pdf)")
		}
	}
	c.max("files", len(m.Files), maxFiles)
	seen := make(map[string]bool, len(m.Files))
	for i, f := range m.Files {
		p := fmt.Sprintf("files[%d]", i)
		c.file(p, f)
		// Case-folded, so that no two files collide when unpacked on a
		// case-insensitive file system.
		if k := strings.ToLower(f.Name); seen[k] {
			c.add(p+".name", "tên tệp trùng")
		} else {
			seen[k] = true
		}
	}
	return c.err()
}

// checker collects the problems of one manifest.
type checker struct{ problems []string }

func (c *checker) add(path, what string) { c.problems = append(c.problems, path+": "+what) }

// maxProblems bounds a refusal's message: it goes back to the sender in the answer.
const maxProblems = 20

func (c *checker) err() error {
	if len(c.problems) == 0 {
		return nil
	}
	list := c.problems
	more := ""
	if len(list) > maxProblems {
		more = fmt.Sprintf("; và %d lỗi khác", len(list)-maxProblems)
		list = list[:maxProblems]
	}
	return refuse(CodeBadManifest, "Tệp kê khai (manifest.json) không hợp lệ: "+strings.Join(list, "; ")+more+".")
}

// quote shows a value in a message, cut short: values come from the sender and go back
// to it in the refusal.
func quote(s string) string {
	const limit = 60
	if utf8.RuneCountInString(s) <= limit {
		return strconv.Quote(s)
	}
	r := []rune(s)
	return strconv.Quote(string(r[:limit]) + "…")
}

func (c *checker) match(path, s string, re *regexp.Regexp) {
	if !re.MatchString(s) {
		if s == "" {
			c.add(path, "bắt buộc")
		} else {
			c.add(path, "giá trị "+quote(s)+" không đúng định dạng")
		}
	}
}

func (c *checker) enum(path, s string, allowed []string) {
	for _, a := range allowed {
		if s == a {
			return
		}
	}
	c.add(path, fmt.Sprintf("giá trị %s không thuộc danh mục (%s)", quote(s), strings.Join(allowed, ", ")))
}

func (c *checker) max(path string, n, limit int) {
	if n > limit {
		c.add(path, fmt.Sprintf("quá %d phần tử", limit))
	}
}

// line is a single-line text: no control characters, at most maxLine characters.
func (c *checker) line(path, s string, required bool) {
	c.text(path, s, required, false, maxLine)
}

// text checks the characters and the length of a text. Lengths count characters, as
// JSON Schema's maxLength does, not bytes.
func (c *checker) text(path, s string, required, multiline bool, limit int) {
	switch {
	case required && s == "":
		c.add(path, "bắt buộc")
	case utf8.RuneCountInString(s) > limit:
		c.add(path, fmt.Sprintf("dài quá %d ký tự", limit))
	}
	for _, r := range s {
		if r < 0x20 && !(multiline && (r == '\t' || r == '\n' || r == '\r')) || r == 0x7f {
			c.add(path, fmt.Sprintf("chứa ký tự điều khiển U+%04X", r))
			return
		}
	}
}

func (c *checker) ref(path, s string) { c.text(path, s, true, false, maxRef) }

func (c *checker) year(path string, y int) {
	if y < minYear || y > maxYear {
		c.add(path, fmt.Sprintf("năm %d ngoài khoảng %d–%d", y, minYear, maxYear))
	}
}

func (c *checker) date(path, s string, required bool) {
	if s == "" && !required {
		return
	}
	if _, err := time.Parse(time.DateOnly, s); err != nil || !reDate.MatchString(s) {
		c.add(path, "ngày "+quote(s)+" không đúng dạng YYYY-MM-DD")
	}
}

func (c *checker) dateTime(path, s string, utc bool) {
	_, err := time.Parse(time.RFC3339Nano, s)
	if err != nil || !reDateTime.MatchString(s) || utc && !strings.HasSuffix(s, "Z") {
		want := "RFC 3339"
		if utc {
			want = "RFC 3339 giờ UTC (…Z)"
		}
		c.add(path, "thời điểm "+quote(s)+" không đúng dạng "+want)
	}
}

func (c *checker) party(path string, p Party, installationOptional bool) {
	if !(installationOptional && p.Installation == "") {
		c.match(path+".installation", p.Installation, reInstallation)
	}
	c.match(path+".org_code", p.OrgCode, reOrgCode)
	c.line(path+".org_name", p.OrgName, true)
}

func (c *checker) dossier(path string, d *Dossier) {
	c.ref(path+".ref", d.Ref)
	c.match(path+".award", d.Award, reCode)
	c.line(path+".award_name", d.AwardName, true)
	c.enum(path+".kind", d.Kind, dossierKinds)
	c.year(path+".year", d.Year)
	if d.PeriodFrom != 0 {
		c.year(path+".period_from", d.PeriodFrom)
	}
	c.line(path+".title", d.Title, true)
	c.text(path+".reason", d.Reason, false, true, maxText)
	c.line(path+".number", d.Number, false)
	c.party(path+".proposed_by", d.ProposedBy, true)
	if d.Revision < 1 {
		c.add(path+".revision", "phải từ 1 trở lên")
	}
	if len(d.Candidates) == 0 {
		c.add(path+".candidates", "cần ít nhất một người hoặc tập thể được đề nghị")
	}
	c.max(path+".candidates", len(d.Candidates), maxItems)
	for i, x := range d.Candidates {
		c.candidate(fmt.Sprintf("%s.candidates[%d]", path, i), x)
	}
	c.max(path+".history", len(d.History), maxItems)
	for i, e := range d.History {
		p := fmt.Sprintf("%s.history[%d]", path, i)
		c.dateTime(p+".at", e.At, false)
		c.line(p+".actor", e.Actor, true)
		c.line(p+".action", e.Action, true)
		c.text(p+".note", e.Note, false, true, maxText)
	}
}

func (c *checker) candidate(path string, x Candidate) {
	c.ref(path+".ref", x.Ref)
	c.enum(path+".kind", x.Kind, candidateKinds)
	c.line(path+".name", x.Name, true)
	if x.Sex != "" {
		c.enum(path+".sex", x.Sex, []string{"nam", "nu"})
	}
	c.date(path+".birth_date", x.BirthDate, false)
	c.line(path+".ethnicity", x.Ethnicity, false)
	c.line(path+".position", x.Position, false)
	c.line(path+".unit", x.Unit, false)
	c.text(path+".justification", x.Justification, false, true, maxText)
	c.max(path+".records", len(x.Records), maxItems)
	for i, r := range x.Records {
		p := fmt.Sprintf("%s.records[%d]", path, i)
		c.enum(p+".kind", r.Kind, recordKinds)
		c.year(p+".year", r.Year)
		if r.Code != "" {
			c.match(p+".code", r.Code, reCode)
		}
		c.line(p+".label", r.Label, true)
		c.line(p+".title", r.Title, false)
		c.text(p+".scope", r.Scope, false, true, maxText)
		c.line(p+".decision_number", r.DecisionNumber, false)
		c.date(p+".decision_date", r.DecisionDate, false)
		c.line(p+".issuer", r.Issuer, false)
	}
}

func (c *checker) status(path string, s *Status) {
	c.ref(path+".dossier_ref", s.DossierRef)
	c.enum(path+".state", s.State, states)
	c.text(path+".note", s.Note, false, true, maxText)
	c.dateTime(path+".at", s.At, false)
	if (s.State == StateReturned || s.State == StateRefused) && s.Note == "" {
		c.add(path+".note", "cần nêu lý do trả lại hoặc không khen thưởng")
	}
	switch {
	case s.State == StateDecided && s.Decision == nil:
		c.add(path+".decision", "trạng thái decided cần quyết định khen thưởng")
	case s.State != StateDecided && s.Decision != nil:
		c.add(path+".decision", "chỉ trạng thái decided mang quyết định")
	}
	if d := s.Decision; d != nil {
		p := path + ".decision"
		c.line(p+".number", d.Number, true)
		c.date(p+".date", d.Date, true)
		c.line(p+".signer", d.Signer, true)
		c.line(p+".signer_title", d.SignerTitle, true)
		c.enum(p+".authority", d.Authority, authorities)
		c.line(p+".issuer", d.Issuer, true)
		c.match(p+".award", d.Award, reCode)
		if len(d.Awardees) == 0 {
			c.add(p+".awardees", "cần ít nhất một người hoặc tập thể được khen thưởng")
		}
		c.max(p+".awardees", len(d.Awardees), maxItems)
		for i, a := range d.Awardees {
			q := fmt.Sprintf("%s.awardees[%d]", p, i)
			c.ref(q+".candidate_ref", a.CandidateRef)
			c.line(q+".name", a.Name, true)
			if a.AmountVND < 0 || a.AmountVND > maxSafe {
				c.add(q+".amount_vnd", "số tiền ngoài khoảng cho phép")
			}
		}
	}
}

func (c *checker) file(path string, f File) {
	c.match(path+".name", f.Name, reFileName)
	c.enum(path+".role", f.Role, fileRoles)
	c.line(path+".title", f.Title, true)
	c.match(path+".media_type", f.MediaType, reMediaType)
	if f.Size < 0 || f.Size > maxUncompressed {
		c.add(path+".size", "kích thước ngoài khoảng cho phép")
	}
	c.match(path+".sha256", f.SHA256, reSHA256)
}
