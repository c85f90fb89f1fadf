package web_test

import (
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"mime/multipart"
	"net/http"
	"net/url"
	"regexp"
	"strings"
	"testing"
	"time"

	"tdkt"
	"tdkt/core"
	"tdkt/sqldb"
	"tdkt/tdkttest"
	"tdkt/vn"
)

// procedure is the fixture's province with what a reward procedure needs: a leader
// and a clerk at the province, a council of ten whose last member sits in commune A,
// and people of commune A, two with the records for the provincial title and one
// without.
type procedure struct {
	*tdkttest.Fixture
	Leader, ProvClerk tdkt.Account
	Members           []tdkt.Account
	Council           sqldb.Council
	Good, Short       tdkt.Person
}

func newProcedure(t *testing.T, db *sqldb.DB) *procedure {
	t.Helper()
	ctx := context.Background()
	f := tdkttest.NewFixture(t, db)
	p := &procedure{Fixture: f}
	must := func(err error) {
		t.Helper()
		if err != nil {
			t.Fatal(err)
		}
	}
	acct := func(login string, role tdkt.Role, org string) tdkt.Account {
		a, err := f.Svc.CreateAccount(ctx, nil, core.NewAccount{Login: login, Name: "Đồng chí " + login, Password: tdkttest.Password, Role: role, OrgCode: org})
		must(err)
		return a
	}
	p.Leader = acct("chutich", tdkt.RoleLeader, "T01")
	p.ProvClerk = acct("canbo.tinh", tdkt.RoleClerk, "T01")
	in := core.CouncilInput{OrgID: f.Province.ID, Name: "Hội đồng Thi đua – Khen thưởng tỉnh", TermFrom: "2026-01-01"}
	for i := 1; i <= 10; i++ {
		org := "T01"
		if i == 10 {
			org = "X01" // the chairman of commune A sits on the province's council
		}
		m := acct(fmt.Sprintf("hd%d", i), tdkt.RoleCouncil, org)
		p.Members = append(p.Members, m)
		in.Members = append(in.Members, core.CouncilMemberInput{Login: m.Login, Position: "Ủy viên", Chair: i == 1})
	}
	var err error
	p.Council, err = f.Svc.CreateCouncil(ctx, &p.Leader, in)
	must(err)
	person := func(name, cccd string, cstdcs []int) tdkt.Person {
		x := tdkt.Person{OrgID: f.CommuneA.ID, FullName: name, Sex: tdkt.Female, Group: tdkt.GroupOfficials, Position: "Công chức",
			HiredOn: "2012-09-01", BirthDate: "1988-03-14", CCCD: cccd}
		must(f.Svc.CreatePerson(ctx, &f.ClerkA, &x))
		sub := tdkt.Subject{Kind: tdkt.Individual, ID: x.ID}
		for y := 2021; y <= 2025; y++ {
			must(f.Svc.SaveRating(ctx, &f.ClerkA, &tdkt.YearRating{Subject: sub, Year: y, Rating: tdkt.RatingExcellent}))
		}
		for _, y := range cstdcs {
			must(f.Svc.SaveHonour(ctx, &f.ClerkA, &tdkt.Honour{Subject: sub, AwardCode: "chien_si_thi_dua_co_so", Year: y, Kind: tdkt.KindMerit,
				Decision: tdkt.Decision{Number: fmt.Sprintf("%d/QĐ-UBND", y-2000), Date: fmt.Sprintf("%d-01-15", y+1), Issuer: f.CommuneA.Name}}))
		}
		must(f.Svc.SaveInitiative(ctx, &f.ClerkA, &tdkt.Initiative{Subject: sub, Year: 2025, Title: "Sáng kiến của " + name, Scope: tdkt.ScopeProvince}))
		return x
	}
	p.Good = person("Lê Thị Mai", "001188001234", []int{2023, 2024, 2025})
	p.Short = person("Đỗ Thị Lan", "001188005678", []int{2024, 2025}) // two years of the chain only
	return p
}

func (p *procedure) dossier(t *testing.T, id int64) core.DossierView {
	t.Helper()
	v, err := p.Svc.GetDossier(context.Background(), &p.Admin, id)
	if err != nil {
		t.Fatal(err)
	}
	return v
}

// step posts a workflow step through the dossier page's form.
func (p *procedure) step(t *testing.T, c *http.Client, id int64, action tdkt.DossierAction, note string) {
	t.Helper()
	v := p.dossier(t, id)
	r := post(t, p.Fixture, c, "/app/dossiers/"+itoa(id)+"/step", url.Values{"action": {string(action)}, "version": {itoa(int64(v.Dossier.Version))}, "note": {note}})
	want(t, string(action), r, http.StatusSeeOther)
}

func idAfter(t *testing.T, location, prefix string) int64 {
	t.Helper()
	rest, ok := strings.CutPrefix(location, prefix)
	if !ok {
		t.Fatalf("redirect to %q, want %s…", location, prefix)
	}
	var id int64
	fmt.Sscan(strings.FieldsFunc(rest, func(r rune) bool { return r < '0' || r > '9' })[0], &id)
	return id
}

func TestDossierThroughThePages(t *testing.T) {
	tdkttest.EachDB(t, func(t *testing.T, db *sqldb.DB) {
		p := newProcedure(t, db)
		f, ctx := p.Fixture, context.Background()
		clerk := f.Client(t, "canbo.a")

		want(t, "new form", get(t, f, clerk, "/app/dossiers/new"), http.StatusOK, "Chiến sĩ thi đua Bộ, ban, ngành, tỉnh", "Ủy ban nhân dân xã Đông Hòa")
		r := post(t, f, clerk, "/app/dossiers/new", url.Values{"org_id": {itoa(f.CommuneA.ID)}, "award": {""}, "kind": {"cong_trang"}, "year": {"2025"}})
		want(t, "no award", r, http.StatusUnprocessableEntity, `id="e-award"`)
		r = post(t, f, clerk, "/app/dossiers/new", url.Values{"org_id": {itoa(f.CommuneA.ID)}, "award": {"chien_si_thi_dua_bo_tinh"},
			"kind": {"cong_trang"}, "year": {"2025"}, "period_from": {"2023"}, "reason": {"Thành tích xuất sắc 2023–2025"}})
		want(t, "create", r, http.StatusSeeOther)
		id := idAfter(t, r.Location, "/app/dossiers/")
		base := "/app/dossiers/" + itoa(id)
		want(t, "draft", get(t, f, clerk, base), http.StatusOK, "Nháp", "Gửi hồ sơ lên cấp trên", "Chưa có ai trong hồ sơ")

		want(t, "search", get(t, f, clerk, base+"?q=le+thi+mai"), http.StatusOK, "Lê Thị Mai", `name="subject" value="`+itoa(p.Good.ID)+`"`)
		r = post(t, f, clerk, base+"/candidates", url.Values{"subject": {itoa(p.Short.ID)}, "q": {"do thi lan"}})
		want(t, "engine refuses", r, http.StatusUnprocessableEntity, `id="e-subject"`, "Đỗ Thị Lan chưa đủ điều kiện theo hồ sơ")
		want(t, "add", post(t, f, clerk, base+"/candidates", url.Values{"subject": {itoa(p.Good.ID)}}), http.StatusSeeOther)
		want(t, "with candidate", get(t, f, clerk, base), http.StatusOK, "Lê Thị Mai", "Đủ điều kiện", "Căn cứ đánh giá", "✓")

		want(t, "edit form", get(t, f, clerk, base+"/edit"), http.StatusOK, "Chiến sĩ thi đua Bộ, ban, ngành, tỉnh", `name="version"`)
		r = post(t, f, clerk, base+"/edit", url.Values{"kind": {"cong_trang"}, "year": {"2025"}, "period_from": {"2023"}, "title": {"Tờ trình đề nghị CSTĐ tỉnh"},
			"version": {itoa(int64(p.dossier(t, id).Dossier.Version))}})
		want(t, "edit", r, http.StatusSeeOther)
		want(t, "stale edit", post(t, f, clerk, base+"/edit", url.Values{"kind": {"cong_trang"}, "year": {"2025"}, "version": {"1"}}), http.StatusConflict, "Tải lại bản mới nhất")
		r = get(t, f, clerk, base+"/documents/to-trinh.pdf")
		if r.Status != http.StatusOK || !strings.HasPrefix(r.Body, "%PDF") || !strings.Contains(r.Header.Get("Content-Disposition"), "attachment") {
			t.Errorf("proposal letter: %d %q", r.Status, r.Header.Get("Content-Disposition"))
		}
		pdf := "%PDF-1.4\n% tệp thử\n%%EOF\n"
		r = upload(t, f, clerk, base+"/files", "bao_cao_thanh_tich", "bao-cao.pdf", pdf)
		want(t, "upload", r, http.StatusSeeOther)
		want(t, "attached", get(t, f, clerk, base), http.StatusOK, "bao-cao.pdf", "SHA-256: "+sha(pdf))
		want(t, "not a pdf", upload(t, f, clerk, base+"/files", "khac", "virus.pdf", "MZ\x90\x00 executable"), http.StatusUnprocessableEntity, `id="e-file"`)

		// Commune B sees nothing of commune A's dossier.
		other := f.Client(t, "canbo.b")
		for _, u := range []string{base, base + "/edit", base + "/documents/to-trinh.pdf", base + "/export.zip", base + "/files/1"} {
			want(t, "B reads "+u, get(t, f, other, u), http.StatusNotFound, "Không tìm thấy")
		}
		for _, u := range []string{base + "/step", base + "/edit", base + "/candidates"} {
			r := post(t, f, other, u, url.Values{"action": {"submit"}, "version": {"1"}, "subject": {itoa(p.Good.ID)}, "award": {"chien_si_thi_dua_bo_tinh"}, "year": {"2025"}})
			want(t, "B posts "+u, r, http.StatusNotFound)
		}

		p.step(t, clerk, id, tdkt.ActSubmit, "")
		want(t, "submitted", get(t, f, clerk, base), http.StatusOK, "Đã gửi, chờ tiếp nhận", "Ủy ban nhân dân tỉnh Thử Nghiệm")
		want(t, "no more editing", post(t, f, clerk, base+"/candidates", url.Values{"subject": {itoa(p.Good.ID)}}), http.StatusConflict)

		prov := f.Client(t, "canbo.tinh")
		p.step(t, prov, id, tdkt.ActReceive, "")
		due := p.dossier(t, id).Dossier.DueOn
		if due == "" {
			t.Fatal("receiving sets a deadline")
		}
		want(t, "inbox", get(t, f, prov, "/app/inbox"), http.StatusOK, "Tờ trình đề nghị CSTĐ tỉnh", vn.FormatDate(due), "Bắt đầu thẩm định")
		want(t, "a return needs a reason", post(t, f, prov, base+"/step", url.Values{"action": {"return"}, "version": {itoa(int64(p.dossier(t, id).Dossier.Version))}}),
			http.StatusUnprocessableEntity, `id="e-note-return"`)
		want(t, "stale version", post(t, f, prov, base+"/step", url.Values{"action": {"appraise"}, "version": {"1"}}), http.StatusConflict, "Tải lại bản mới nhất")
		p.step(t, prov, id, tdkt.ActAppraise, "")
		p.step(t, prov, id, tdkt.ActToCouncil, "")

		r = post(t, f, prov, "/app/councils/"+itoa(p.Council.ID)+"/meetings", url.Values{"held_on": {"26/11/2026"}, "place": {"Phòng họp số 1"}, "dossier": {itoa(id)}})
		want(t, "open meeting", r, http.StatusSeeOther)
		mid := idAfter(t, r.Location, "/app/meetings/")
		meeting := "/app/meetings/" + itoa(mid)
		cand := p.dossier(t, id).Dossier.Candidates[0]

		hd1 := f.Client(t, "hd1")
		want(t, "hd1 inbox", get(t, f, hd1, "/app/inbox"), http.StatusOK, "Hội đồng Thi đua – Khen thưởng tỉnh", meeting)
		want(t, "ballot", get(t, f, hd1, meeting), http.StatusOK, "Lê Thị Mai", "Đồng ý", "Không đồng ý")
		// One tap asks for confirmation and casts nothing; the confirmation casts it.
		want(t, "vote, asked to confirm", post(t, f, hd1, meeting+"/vote", url.Values{"candidate": {itoa(cand.ID)}, "yes": {"1"}}), http.StatusOK,
			"Xác nhận phiếu Đồng ý", "Lê Thị Mai", `name="confirm" value="1"`)
		if c := p.dossier(t, id).Dossier.Candidates[0]; c.YesVotes != 0 {
			t.Fatalf("a vote was cast before it was confirmed: %d yes", c.YesVotes)
		}
		want(t, "vote", post(t, f, hd1, meeting+"/vote", url.Values{"candidate": {itoa(cand.ID)}, "yes": {"1"}, "confirm": {"1"}}), http.StatusSeeOther)
		r = get(t, f, hd1, meeting)
		want(t, "voted", r, http.StatusOK, "Đã bỏ phiếu")
		if strings.Contains(r.Body, `id="yes-`) {
			t.Error("the ballot is offered again after the vote")
		}
		hd10 := f.Client(t, "hd10")
		want(t, "conflict banner", get(t, f, hd10, meeting), http.StatusOK, "Bạn cần rút khỏi việc bỏ phiếu", "Rút khỏi bỏ phiếu")
		want(t, "conflicted vote", post(t, f, hd10, meeting+"/vote", url.Values{"candidate": {itoa(cand.ID)}, "yes": {"1"}}),
			http.StatusConflict, "thuộc đơn vị của thành viên", "phải rút khỏi việc bỏ phiếu")
		want(t, "recuse", post(t, f, hd10, meeting+"/recuse", url.Values{"candidate": {itoa(cand.ID)}}), http.StatusSeeOther)
		want(t, "recused", get(t, f, hd10, meeting), http.StatusOK, "Đã rút khỏi bỏ phiếu")
		for _, m := range p.Members[1:9] {
			if err := f.Svc.Vote(ctx, &m, mid, cand.ID, true); err != nil {
				t.Fatal(err)
			}
		}

		leader := f.Client(t, "chutich")
		r = get(t, f, leader, meeting)
		want(t, "before close", r, http.StatusOK, "Kết thúc bỏ phiếu")
		if strings.Contains(r.Body, "phiếu đồng ý") {
			t.Error("the tally shows before the meeting closes")
		}
		want(t, "close", post(t, f, leader, meeting+"/close", url.Values{"version": {"1"}}), http.StatusSeeOther)
		want(t, "tally", get(t, f, leader, meeting), http.StatusOK, "9/10", "Được thông qua", "Biên bản kiểm phiếu")

		p.step(t, leader, id, tdkt.ActApprove, "")
		want(t, "decide form", get(t, f, leader, base), http.StatusOK, "Ra quyết định khen thưởng", `name="signer"`)
		v := itoa(int64(p.dossier(t, id).Dossier.Version))
		want(t, "bad decision", post(t, f, leader, base+"/decide", url.Values{"number": {""}, "date": {"26/11/2026"}, "version": {v}}),
			http.StatusUnprocessableEntity, `id="e-number"`, `id="e-signer"`)
		r = post(t, f, leader, base+"/decide", url.Values{"number": {"215/QĐ-UBND"}, "date": {"26/11/2026"}, "signer": {"Nguyễn Văn Chủ"},
			"signer_title": {"CHỦ TỊCH"}, "version": {v}})
		want(t, "decide", r, http.StatusSeeOther)
		want(t, "decided", get(t, f, clerk, base), http.StatusOK, "Đã có quyết định", "215/QĐ-UBND", "7.590.000", "/xac-minh/")
		_, certs, err := f.Svc.Certificates(ctx, &f.ClerkA, id)
		if err != nil || len(certs) != 1 {
			t.Fatalf("certificates %v %v", certs, err)
		}

		want(t, "print in the background", get(t, f, clerk, base), http.StatusOK, "In tất cả bằng, giấy khen trong nền")
		r = post(t, f, clerk, base+"/certificates/job", url.Values{})
		want(t, "certificates job", r, http.StatusSeeOther)
		if loc := r.Location; !strings.HasPrefix(loc, "/app/jobs/") {
			t.Errorf("certificates job goes to %q, want its job page", loc)
		} else {
			want(t, "job page", get(t, f, clerk, loc), http.StatusOK, "In bằng, giấy khen của một quyết định", "<progress")
		}
		want(t, "another commune", post(t, f, f.Client(t, "canbo.b"), base+"/certificates/job", url.Values{}), http.StatusNotFound)

		anon := f.Client(t, "")
		want(t, "verify", get(t, f, anon, "/xac-minh/"+certs[0].Token), http.StatusOK, "Bằng, giấy khen hợp lệ", "Lê Thị Mai", "215/QĐ-UBND", "26/11/2026")
		want(t, "unknown token", get(t, f, anon, "/xac-minh/khongco"), http.StatusNotFound, "Không tìm thấy")
		revoke := base + "/certificates/" + itoa(certs[0].ID) + "/revoke"
		want(t, "clerk revokes", post(t, f, clerk, revoke, url.Values{"reason": {"Khai man thành tích"}}), http.StatusNotFound)
		want(t, "no reason", post(t, f, leader, revoke, url.Values{"reason": {""}}), http.StatusUnprocessableEntity, "Hãy ghi lý do hủy bỏ")
		want(t, "revoke", post(t, f, leader, revoke, url.Values{"reason": {"Phát hiện khai man thành tích"}}), http.StatusSeeOther)
		want(t, "revoked", get(t, f, anon, "/xac-minh/"+certs[0].Token), http.StatusOK, "Đã bị thu hồi", "Phát hiện khai man thành tích")

		r = get(t, f, clerk, base)
		want(t, "history", r, http.StatusOK, "Lập hồ sơ", "Gửi hồ sơ lên cấp trên", "Tiếp nhận hồ sơ", "Phê duyệt kết quả", "Ra quyết định khen thưởng", "canbo.tinh")
	})
}

func upload(t *testing.T, f *tdkttest.Fixture, c *http.Client, path, kind, name, content string) page {
	t.Helper()
	var body bytes.Buffer
	mw := multipart.NewWriter(&body)
	mw.WriteField("kind", kind)
	fw, _ := mw.CreateFormFile("file", name)
	fw.Write([]byte(content))
	mw.Close()
	req, _ := http.NewRequest(http.MethodPost, f.Server.URL+path, &body)
	req.Header.Set("Content-Type", mw.FormDataContentType())
	return do(t, c, req)
}

func sha(s string) string { h := sha256.Sum256([]byte(s)); return hex.EncodeToString(h[:]) }

func TestCouncilPages(t *testing.T) {
	tdkttest.EachDB(t, func(t *testing.T, db *sqldb.DB) {
		p := newProcedure(t, db)
		f := p.Fixture
		leader := f.Client(t, "chutich")
		want(t, "councils", get(t, f, leader, "/app/councils"), http.StatusOK, "Hội đồng Thi đua – Khen thưởng tỉnh", "Thành lập Hội đồng")
		// Members are ticked in the list of accounts, never typed.
		hd1, hd2 := itoa(p.Members[0].ID), itoa(p.Members[1].ID)
		r := post(t, f, leader, "/app/councils", url.Values{"name": {"Hội đồng xét sáng kiến"}, "term_from": {"01/01/2026"}, "member": {hd1, hd2}})
		want(t, "no chair", r, http.StatusUnprocessableEntity, "Hãy chọn Chủ tịch Hội đồng", `id="m-`+hd1+`" name="member" value="`+hd1+`" checked`)
		r = post(t, f, leader, "/app/councils", url.Values{"name": {"Hội đồng xét sáng kiến"}, "term_from": {"01/01/2026"}, "member": {hd1, hd2},
			"chair": {hd1}, "position_" + hd2: {"Thư ký"}})
		want(t, "create", r, http.StatusSeeOther)
		want(t, "created", get(t, f, leader, "/app/councils"), http.StatusOK, "Hội đồng xét sáng kiến", "Thư ký", "Chủ tịch Hội đồng")
		want(t, "a clerk may not", post(t, f, f.Client(t, "canbo.tinh"), "/app/councils", url.Values{"name": {"X"}, "term_from": {"01/01/2026"}, "member": {itoa(p.Members[0].ID)}, "chair": {itoa(p.Members[0].ID)}}),
			http.StatusForbidden)
		want(t, "no dossier", post(t, f, leader, "/app/councils/"+itoa(p.Council.ID)+"/meetings", url.Values{"held_on": {"26/11/2026"}}),
			http.StatusUnprocessableEntity, "Hãy chọn ít nhất một hồ sơ")
	})
}

func TestPublicComment(t *testing.T) {
	tdkttest.EachDB(t, func(t *testing.T, db *sqldb.DB) {
		p := newProcedure(t, db)
		f, ctx := p.Fixture, context.Background()
		d, err := f.Svc.CreateDossier(ctx, &f.ClerkA, core.DossierInput{OrgID: f.CommuneA.ID, Award: "huan_chuong_lao_dong_hang_ba", Year: 2025})
		if err != nil {
			t.Fatal(err)
		}
		if _, err := f.Svc.AddCandidate(ctx, &f.ClerkA, d.ID, tdkt.Subject{Kind: tdkt.Individual, ID: p.Good.ID}, "Có sáng chế được ứng dụng rộng rãi"); err != nil {
			t.Fatal(err)
		}
		for _, s := range []struct {
			who *tdkt.Account
			a   tdkt.DossierAction
		}{{&f.ClerkA, tdkt.ActSubmit}, {&p.ProvClerk, tdkt.ActReceive}, {&p.ProvClerk, tdkt.ActAppraise}, {&p.ProvClerk, tdkt.ActPublish}} {
			// The version as a page would read it just before the step.
			if d, err = f.Svc.Step(ctx, s.who, d.ID, s.a, p.dossier(t, d.ID).Dossier.Version, ""); err != nil {
				t.Fatal(s.a, err)
			}
		}
		anon := f.Client(t, "")
		private := []string{p.Good.CCCD, "14/03/1988", "1988-03-14"}
		lacks := func(what string, r page) {
			t.Helper()
			for _, s := range private {
				if strings.Contains(r.Body, s) {
					t.Errorf("%s shows %q", what, s)
				}
			}
		}
		r := get(t, f, anon, "/y-kien")
		want(t, "list", r, http.StatusOK, "Huân chương Lao động hạng Ba", "Lê Thị Mai", "còn 11 ngày làm việc")
		lacks("the list", r)
		r = get(t, f, anon, "/")
		want(t, "front page", r, http.StatusOK, "Lấy ý kiến nhân dân", "Lê Thị Mai", "còn 11 ngày làm việc")
		lacks("the front page", r)
		page := "/y-kien/" + itoa(d.ID)
		r = get(t, f, anon, page)
		want(t, "nomination", r, http.StatusOK, "Lê Thị Mai", "Gửi ý kiến")
		lacks("the nomination", r)

		want(t, "empty comment", post(t, f, anon, page, url.Values{"name": {""}, "body": {""}}), http.StatusUnprocessableEntity, `id="e-name"`, `id="e-body"`)
		r = post(t, f, anon, page, url.Values{"name": {"Trần Thị Bình"}, "contact": {"binh@example.vn"}, "body": {"Tôi đồng ý với đề nghị này."}})
		want(t, "comment", r, http.StatusSeeOther)
		r = get(t, f, anon, r.Location)
		// The comment waits for a clerk: the portal says so and does not show it yet.
		want(t, "thanks", r, http.StatusOK, "Cảm ơn bạn đã góp ý", "sẽ hiển thị tại đây sau khi cán bộ xem xét",
			"Ý kiến sẽ được cán bộ xem trước khi hiển thị", "Ý kiến (0)")
		if strings.Contains(r.Body, "Trần Thị Bình") || strings.Contains(r.Body, "Tôi đồng ý với đề nghị này.") {
			t.Fatal("the portal shows a comment no clerk has read")
		}
		prov := f.Client(t, "canbo.tinh")
		dossierPage := "/app/dossiers/" + itoa(d.ID)
		want(t, "staff sees the held comment", get(t, f, prov, dossierPage), http.StatusOK, "binh@example.vn", "Trả lời ý kiến",
			"Chờ xem xét, chưa hiển thị trên cổng", ">Công bố</button>", ">Không công bố</button>")
		comments, _ := f.Svc.Comments(ctx, &p.ProvClerk, d.ID)
		if len(comments) != 1 || comments[0].Status != sqldb.CommentHeld {
			t.Fatalf("comments after posting: %+v", comments)
		}
		moderate := dossierPage + "/comments/" + itoa(comments[0].ID) + "/moderate"
		// Commune A's clerk does not hold the dossier: the decision is not theirs.
		if r := post(t, f, f.Client(t, "canbo.a"), moderate, url.Values{"decision": {"publish"}}); r.Status != http.StatusForbidden && r.Status != http.StatusNotFound {
			t.Fatalf("commune A's clerk moderates: %d", r.Status)
		}
		before := auditCount(t, f)
		want(t, "publish", post(t, f, prov, moderate, url.Values{"decision": {"publish"}}), http.StatusSeeOther)
		if n := auditCount(t, f); n != before+1 {
			t.Fatalf("publishing a comment wrote %d audit rows, want 1", n-before)
		}
		want(t, "published on the portal", get(t, f, anon, page), http.StatusOK, "Ý kiến (1)", "Trần Thị Bình", "Tôi đồng ý với đề nghị này.")
		if strings.Contains(get(t, f, anon, page).Body, "binh@example.vn") {
			t.Error("the portal shows a commenter's contact")
		}
		want(t, "decided once", post(t, f, prov, moderate, url.Values{"decision": {"reject"}}), http.StatusConflict, "Ý kiến này đã được xử lý")
		want(t, "staff page after publishing", get(t, f, prov, dossierPage), http.StatusOK, "Đã công bố")
		r = post(t, f, prov, "/app/dossiers/"+itoa(d.ID)+"/comments/"+itoa(comments[0].ID)+"/answer", url.Values{"answer": {"Cảm ơn ý kiến của bà."}})
		want(t, "answer", r, http.StatusSeeOther)
		want(t, "answer on the portal", get(t, f, anon, page), http.StatusOK, "Cảm ơn ý kiến của bà.")

		for i := 2; i <= 5; i++ {
			want(t, "comment", post(t, f, anon, page, url.Values{"name": {"Người dân"}, "body": {fmt.Sprintf("Ý kiến thứ %d.", i)}}), http.StatusSeeOther)
		}
		// A comment kept off the portal stays off it.
		comments, _ = f.Svc.Comments(ctx, &p.ProvClerk, d.ID)
		want(t, "reject", post(t, f, prov, dossierPage+"/comments/"+itoa(comments[1].ID)+"/moderate", url.Values{"decision": {"reject"}}), http.StatusSeeOther)
		if r := get(t, f, anon, page); strings.Contains(r.Body, "Ý kiến thứ 2.") || !strings.Contains(r.Body, "Ý kiến (1)") {
			t.Fatal("a comment kept off the portal is shown")
		}
		want(t, "staff page after refusing", get(t, f, prov, dossierPage), http.StatusOK, "Không công bố</span>", "Ý kiến thứ 2.")
		want(t, "too many", post(t, f, anon, page, url.Values{"name": {"Người dân"}, "body": {"Ý kiến thứ sáu."}}), http.StatusTooManyRequests,
			"Bạn đã gửi nhiều ý kiến trong một giờ")

		now := f.Svc.Now
		defer func() { f.Svc.Now = now }()
		f.Svc.Now = func() time.Time { return time.Date(2026, 12, 20, 2, 0, 0, 0, time.UTC) }
		want(t, "closed", post(t, f, anon, page, url.Values{"name": {"Người dân"}, "body": {"Ý kiến muộn."}}), http.StatusConflict, "Đợt lấy ý kiến đã kết thúc")
	})
}

// A returned dossier says why at the top of its page, and its resubmission carries
// the unit's reply into the history; lists tell same-titled dossiers apart.
func TestReturnedDossierShowsItsReasonAndTakesAReply(t *testing.T) {
	tdkttest.EachDB(t, func(t *testing.T, db *sqldb.DB) {
		p := newProcedure(t, db)
		f := p.Fixture
		ctx := context.Background()
		d, err := f.Svc.CreateDossier(ctx, &f.ClerkA, core.DossierInput{OrgID: f.CommuneA.ID, Award: "chien_si_thi_dua_bo_tinh", Year: 2025})
		if err != nil {
			t.Fatal(err)
		}
		if _, err := f.Svc.AddCandidate(ctx, &f.ClerkA, d.ID, tdkt.Subject{Kind: tdkt.Individual, ID: p.Good.ID}, ""); err != nil {
			t.Fatal(err)
		}
		clerk, prov := f.Client(t, "canbo.a"), f.Client(t, "canbo.tinh")
		base := "/app/dossiers/" + itoa(d.ID)
		p.step(t, clerk, d.ID, tdkt.ActSubmit, "")
		p.step(t, prov, d.ID, tdkt.ActReceive, "")
		p.step(t, prov, d.ID, tdkt.ActReturn, "Thiếu xác nhận sáng kiến cấp tỉnh")
		page := get(t, f, clerk, base)
		want(t, "returned", page, http.StatusOK, `id="return-reason"`, "Thiếu xác nhận sáng kiến cấp tỉnh", `id="note-resubmit"`)
		if strings.Index(page.Body, `id="return-reason"`) > strings.Index(page.Body, `id="candidates"`) {
			t.Error("the return reason is below the candidates, not at the top")
		}
		p.step(t, clerk, d.ID, tdkt.ActResubmit, "Đã bổ sung Quyết định công nhận sáng kiến số 5/QĐ-SKHCN")
		page = get(t, f, clerk, base)
		want(t, "resubmitted", page, http.StatusOK, "Đã bổ sung Quyết định công nhận sáng kiến số 5/QĐ-SKHCN")
		if strings.Contains(page.Body, `id="return-reason"`) {
			t.Error("the return reason still shows after the resubmission")
		}
		list := get(t, f, clerk, "/app/dossiers")
		want(t, "list label", list, http.StatusOK, "Hồ sơ số "+itoa(d.ID)+" · "+p.Good.FullName)
	})
}

// While a dossier is a draft its attachments can be taken off, after a confirmation
// that names the file, and the page says what happened.
func TestAttachmentRemovedWithConfirmation(t *testing.T) {
	tdkttest.EachDB(t, func(t *testing.T, db *sqldb.DB) {
		f := tdkttest.NewFixture(t, db)
		ctx := context.Background()
		d, err := f.Svc.CreateDossier(ctx, &f.ClerkA, core.DossierInput{OrgID: f.CommuneA.ID, Award: "chien_si_thi_dua_co_so", Year: 2025})
		if err != nil {
			t.Fatal(err)
		}
		file, err := f.Svc.AttachFile(ctx, &f.ClerkA, d.ID, "khac", "bien-ban-sai.pdf", []byte("%PDF-1.4\nx\n%%EOF\n"))
		if err != nil {
			t.Fatal(err)
		}
		c := f.Client(t, "canbo.a")
		base := "/app/dossiers/" + itoa(d.ID)
		want(t, "draft page", get(t, f, c, base), http.StatusOK, base+"/files/"+itoa(file.ID)+"/delete", base+"/files/"+itoa(file.ID)+"/replace")
		want(t, "confirm", get(t, f, c, base+"/files/"+itoa(file.ID)+"/delete"), http.StatusOK, "Bạn có chắc muốn xóa tài liệu «bien-ban-sai.pdf»")
		r := post(t, f, c, base+"/files/"+itoa(file.ID)+"/delete", url.Values{})
		want(t, "remove", r, http.StatusSeeOther)
		page := get(t, f, c, r.Location)
		want(t, "removed", page, http.StatusOK, "Đã gỡ tài liệu khỏi hồ sơ", "Chưa có tài liệu đính kèm")
	})
}

// From a person's page a clerk starts a dossier for an award the records allow, with
// the person already in it, and lands on the dossier: no id typed.
func TestProposeFromAPersonsPage(t *testing.T) {
	tdkttest.EachDB(t, func(t *testing.T, db *sqldb.DB) {
		p := newProcedure(t, db)
		f := p.Fixture
		clerk := f.Client(t, "canbo.a")
		page := get(t, f, clerk, "/app/people/"+itoa(p.Good.ID))
		m := regexp.MustCompile(`action="(/app/people/\d+/propose)"[^>]*><input type="hidden" name="award" value="([a-z_]+)">\s*<input type="hidden" name="year" value="(\d+)">`).FindStringSubmatch(page.Body)
		if m == nil {
			t.Fatalf("the person's page offers no proposal:\n%s", excerpt(page.Body))
		}
		r := post(t, f, clerk, m[1], url.Values{"award": {m[2]}, "year": {m[3]}})
		want(t, "propose", r, http.StatusSeeOther)
		id := idAfter(t, r.Location, "/app/dossiers/")
		v := p.dossier(t, id)
		if v.Dossier.Award != m[2] || len(v.Dossier.Candidates) != 1 || v.Dossier.Candidates[0].Subject.ID != p.Good.ID {
			t.Fatalf("the new dossier: %+v with %d candidates", v.Dossier, len(v.Dossier.Candidates))
		}
		if viewer := get(t, f, f.Client(t, "xem.a"), "/app/people/"+itoa(p.Good.ID)); strings.Contains(viewer.Body, "/propose") {
			t.Error("a viewer is offered to propose")
		}
		// A proposal the records do not allow is refused on the page, and nothing is made.
		before := len(p.dossiers(t))
		bad := post(t, f, clerk, m[1], url.Values{"award": {"chien_si_thi_dua_toan_quoc"}, "year": {m[3]}})
		want(t, "refused", bad, http.StatusUnprocessableEntity, `id="propose-error"`)
		if after := len(p.dossiers(t)); after != before {
			t.Errorf("a refused proposal left %d dossiers behind", after-before)
		}
	})
}

// dossiers lists every dossier the province's administrator sees.
func (p *procedure) dossiers(t *testing.T) []tdkt.Dossier {
	t.Helper()
	list, err := p.Svc.Dossiers(context.Background(), &p.Admin, nil)
	if err != nil {
		t.Fatal(err)
	}
	return list
}

// From the year-end list a clerk ticks lines and gets a draft dossier with those
// people in it: no id typed.
func TestProposeFromTheYearEndList(t *testing.T) {
	tdkttest.EachDB(t, func(t *testing.T, db *sqldb.DB) {
		p := newProcedure(t, db)
		f := p.Fixture
		clerk := f.Client(t, "canbo.a")
		page := get(t, f, clerk, "/app/suggest?year=2025&award=chien_si_thi_dua_bo_tinh")
		picks := regexp.MustCompile(`name="pick" value="(chien_si_thi_dua_bo_tinh\|ca_nhan\|\d+)"`).FindAllStringSubmatch(page.Body, -1)
		if len(picks) == 0 {
			t.Fatalf("the year-end list offers no tick:\n%s", excerpt(page.Body))
		}
		before := len(p.dossiers(t))
		r := post(t, f, clerk, "/app/suggest/propose", url.Values{"year": {"2025"}, "pick": {picks[0][1]}})
		want(t, "propose ticked", r, http.StatusSeeOther)
		id := idAfter(t, r.Location, "/app/dossiers/")
		v := p.dossier(t, id)
		if v.Dossier.Award != "chien_si_thi_dua_bo_tinh" || v.Dossier.Year != 2025 || len(v.Dossier.Candidates) != 1 {
			t.Fatalf("the dossier from the list: %+v, %d candidates", v.Dossier, len(v.Dossier.Candidates))
		}
		if after := len(p.dossiers(t)); after != before+1 {
			t.Errorf("%d dossiers made, want 1", after-before)
		}
		want(t, "nothing ticked", post(t, f, clerk, "/app/suggest/propose", url.Values{"year": {"2025"}}), http.StatusUnprocessableEntity, "Hãy đánh dấu")
		if viewer := get(t, f, f.Client(t, "xem.a"), "/app/suggest?year=2025"); strings.Contains(viewer.Body, `name="pick"`) {
			t.Error("a viewer is offered to propose from the list")
		}
	})
}
