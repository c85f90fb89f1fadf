package api_test

import (
	"context"
	"fmt"
	"net/http"
	"slices"
	"strings"
	"sync"
	"testing"

	"tdkt"
	"tdkt/core"
	"tdkt/sqldb"
	"tdkt/tdkttest"
)

// procedure is the fixture's province with what a reward procedure needs, built
// through the service as core's tests build it: two leaders and a clerk at the
// province, ten council accounts (hd10 from commune A), and people of commune A with
// records (Good1 and Good2 meet the chain of Chiến sĩ thi đua cấp tỉnh, P3 does not).
type procedure struct {
	*tdkttest.Fixture
	Good1, Good2, P3 tdkt.Person
	Members          []string
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
	acct := func(login string, role tdkt.Role, org string) {
		_, err := f.Svc.CreateAccount(ctx, nil, core.NewAccount{Login: login, Name: "Đồng chí " + login, Password: tdkttest.Password, Role: role, OrgCode: org})
		must(err)
	}
	acct("chutich", tdkt.RoleLeader, "T01")
	acct("phochutich", tdkt.RoleLeader, "T01")
	acct("canbo.tinh", tdkt.RoleClerk, "T01")
	for i := 1; i <= 10; i++ {
		org := "T01"
		if i == 10 {
			org = "X01" // the chairman of commune A sits on the province's council
		}
		login := fmt.Sprintf("hd%d", i)
		acct(login, tdkt.RoleCouncil, org)
		p.Members = append(p.Members, login)
	}
	person := func(name string, sex tdkt.Sex, cstdcs []int) tdkt.Person {
		x := tdkt.Person{OrgID: f.CommuneA.ID, FullName: name, Sex: sex, Group: tdkt.GroupOfficials, Position: "Công chức", HiredOn: "2012-09-01"}
		must(f.Svc.CreatePerson(ctx, &f.ClerkA, &x))
		sub := tdkt.Subject{Kind: tdkt.Individual, ID: x.ID}
		for y := 2021; y <= 2025; y++ {
			must(f.Svc.SaveRating(ctx, &f.ClerkA, &tdkt.YearRating{Subject: sub, Year: y, Rating: tdkt.RatingExcellent}))
		}
		for _, y := range cstdcs {
			must(f.Svc.SaveHonour(ctx, &f.ClerkA, &tdkt.Honour{Subject: sub, AwardCode: "chien_si_thi_dua_co_so", Year: y, Kind: tdkt.KindMerit,
				Decision: tdkt.Decision{Number: fmt.Sprintf("%d/QĐ-UBND", y-2000), Date: fmt.Sprintf("%d-01-15", y+1), Issuer: f.CommuneA.Name}}))
		}
		must(f.Svc.SaveInitiative(ctx, &f.ClerkA, &tdkt.Initiative{Subject: sub, Year: 2025, Title: "Sáng kiến cấp tỉnh của " + name, Scope: tdkt.ScopeProvince}))
		return x
	}
	p.Good1 = person("Lê Thị Mai", tdkt.Female, []int{2023, 2024, 2025})
	p.Good2 = person("Phạm Văn Hùng", tdkt.Male, []int{2023, 2024, 2025})
	p.P3 = person("Đỗ Thị Lan", tdkt.Female, []int{2024, 2025}) // only two years of the chain
	return p
}

// stepper takes workflow steps over HTTP, keeping the version it last read.
type stepper struct {
	t       *testing.T
	path    string
	version int64
}

// refresh reads the dossier's version again: adding or removing a candidate moves it on.
func (s *stepper) refresh(c *caller) {
	s.t.Helper()
	s.version = c.want(http.StatusOK, "GET", s.path, nil).n("version")
}

func (s *stepper) step(c *caller, action, note string) obj {
	s.t.Helper()
	d := c.want(http.StatusOK, "POST", s.path+"/steps", map[string]any{"action": action, "version": s.version, "note": note})
	s.version = d.n("version")
	return d
}

func individual(id int64) map[string]any { return map[string]any{"kind": "ca_nhan", "id": id} }

func actions(steps []obj) []string {
	var out []string
	for _, s := range steps {
		out = append(out, s.s("action"))
	}
	return out
}

func TestDossierFlowOverHTTP(t *testing.T) {
	tdkttest.EachDB(t, func(t *testing.T, db *sqldb.DB) {
		p := newProcedure(t, db)
		f := p.Fixture
		clerkA, provClerk, leader, anon := as(t, f, "canbo.a"), as(t, f, "canbo.tinh"), as(t, f, "chutich"), as(t, f, "")

		d := clerkA.want(http.StatusCreated, "POST", "/api/v1/dossiers", map[string]any{"org_id": f.CommuneA.ID, "award": "chien_si_thi_dua_bo_tinh",
			"year": 2025, "period_from": 2023, "reason": "đã có thành tích xuất sắc trong 3 năm 2023–2025"})
		if d.s("status") != "draft" || d.s("award_name") == "" || d.n("holder_org_id") != f.CommuneA.ID {
			t.Fatalf("created %v", d)
		}
		path := "/api/v1/dossiers/" + itoa(d.n("id"))
		s := &stepper{t: t, path: path, version: d.n("version")}
		for _, x := range []tdkt.Person{p.Good1, p.Good2} {
			c := clerkA.want(http.StatusCreated, "POST", path+"/candidates", map[string]any{"subject": individual(x.ID)})
			if c.s("status") != "eligible" || c.o("reasons") == nil {
				t.Errorf("candidate %v", c)
			}
		}
		e := clerkA.want(http.StatusUnprocessableEntity, "POST", path+"/candidates", map[string]any{"subject": individual(p.P3.ID)})
		if code, fields := e.errFields(); code != "invalid" || fields["subject"] == nil {
			t.Fatalf("the engine must refuse %s: %v", p.P3.FullName, e)
		}
		clerkA.want(http.StatusBadRequest, "POST", path+"/candidates", map[string]any{"subject": individual(p.P3.ID), "why": "x"})

		d = clerkA.want(http.StatusOK, "GET", path, nil)
		cands := d.list("candidates")
		if len(cands) != 2 || cands[0].s("status") != "eligible" || len(cands[0].o("reasons")) == 0 {
			t.Fatalf("candidates %v", cands)
		}
		if _, ok := cands[0]["yes_votes"]; ok {
			t.Error("a tally before any meeting")
		}
		steps := d.list("steps")
		if !slices.Equal(actions(steps), []string{"submit"}) || steps[0].s("label") != "Gửi hồ sơ lên cấp trên" || steps[0]["needs_reason"] != false {
			t.Errorf("steps of the draft: %v", steps)
		}
		if len(d.list("history")) != 1 || d.list("history")[0].s("action") != "create" {
			t.Errorf("history %v", d["history"])
		}

		s.refresh(clerkA)
		d = s.step(clerkA, "submit", "")
		if d.s("status") != "submitted" || d.n("holder_org_id") != f.Province.ID {
			t.Fatalf("after submit %v", d)
		}
		box := provClerk.want(http.StatusOK, "GET", "/api/v1/inbox", nil)
		if items := box.list("items"); len(items) != 1 || items[0].o("dossier").n("id") != d.n("id") ||
			!slices.Equal(actions(items[0].list("steps")), []string{"receive"}) || box.o("counts").n("submitted") != 1 {
			t.Errorf("inbox of the province %v", box)
		}
		d = s.step(provClerk, "receive", "")
		if d.s("due_on") == "" || d.s("due_rule") == "" {
			t.Error("receiving sets the deadline for returning an incomplete dossier")
		}
		d = s.step(provClerk, "appraise", "")
		var ret obj
		for _, st := range d.list("steps") {
			if st.s("action") == "return" {
				ret = st
			}
		}
		if ret == nil || ret["needs_reason"] != true {
			t.Errorf("return needs a reason: %v", d["steps"])
		}
		e = provClerk.want(http.StatusUnprocessableEntity, "POST", path+"/steps", map[string]any{"action": "return", "version": s.version})
		if _, fields := e.errFields(); fields["note"] == nil {
			t.Errorf("return without a reason: %v", e)
		}
		provClerk.want(http.StatusUnprocessableEntity, "POST", path+"/steps", map[string]any{"action": "fly", "version": s.version})
		s.refresh(provClerk)
		s.step(provClerk, "return", "Bổ sung xác nhận sáng kiến cấp tỉnh")
		d = clerkA.want(http.StatusOK, "PUT", path, map[string]any{"org_id": f.CommuneA.ID, "award": "chien_si_thi_dua_bo_tinh", "year": 2025,
			"period_from": 2023, "reason": "đã có thành tích xuất sắc; đã bổ sung xác nhận", "version": s.version})
		if d.n("version") != s.version+1 || !strings.Contains(d.s("reason"), "bổ sung") {
			t.Fatalf("after the edit %v", d)
		}
		clerkA.want(http.StatusConflict, "PUT", path, map[string]any{"org_id": f.CommuneA.ID, "award": "chien_si_thi_dua_bo_tinh", "year": 2025, "version": s.version})
		s.version = d.n("version")
		s.step(clerkA, "resubmit", "")
		s.step(provClerk, "receive", "")
		s.step(provClerk, "appraise", "")
		d = s.step(provClerk, "to_council", "")
		if d.s("status") != "council" {
			t.Fatalf("to the council: %v", d)
		}

		in := map[string]any{"org_id": f.Province.ID, "name": "Hội đồng Thi đua – Khen thưởng tỉnh", "established_by": "Quyết định số 01/QĐ-UBND",
			"term_from": "2026-01-01"}
		var members []any
		for i, m := range p.Members {
			members = append(members, map[string]any{"login": m, "position": "Ủy viên", "chair": i == 0})
		}
		in["members"] = members
		council := leader.want(http.StatusCreated, "POST", "/api/v1/councils", in)
		if len(council.list("members")) != 10 {
			t.Fatalf("council %v", council)
		}
		if list := provClerk.want(http.StatusOK, "GET", "/api/v1/orgs/"+itoa(f.Province.ID)+"/councils", nil).list("items"); len(list) != 1 {
			t.Errorf("councils %v", list)
		}
		m := provClerk.want(http.StatusCreated, "POST", "/api/v1/councils/"+itoa(council.n("id"))+"/meetings",
			map[string]any{"held_on": "2026-11-26", "place": "Phòng họp số 1", "dossier_ids": []int64{d.n("id")}})
		mpath := "/api/v1/meetings/" + itoa(m.n("id"))
		if m.s("status") != "open" || len(m.list("lines")) != 2 {
			t.Fatalf("meeting %v", m)
		}
		for i, login := range p.Members {
			member := as(t, f, login)
			if i == 0 {
				box := member.want(http.StatusOK, "GET", "/api/v1/inbox", nil)
				if len(box.list("open_ballots")) != 1 {
					t.Errorf("open ballots of %s: %v", login, box["open_ballots"])
				}
			}
			for _, c := range cands {
				vote := map[string]any{"candidate_id": c.n("id"), "yes": true}
				if login != "hd10" {
					member.want(http.StatusNoContent, "POST", mpath+"/votes", vote)
					continue
				}
				member.want(http.StatusConflict, "POST", mpath+"/votes", vote)
				mine := member.want(http.StatusOK, "GET", mpath, nil)
				if mine.o("member") == nil || mine.list("lines")[0].s("conflict") == "" {
					t.Errorf("hd10 sees no conflict: %v", mine)
				}
				member.want(http.StatusNoContent, "POST", mpath+"/recusals", map[string]any{"candidate_id": c.n("id")})
			}
		}
		hd1 := as(t, f, "hd1")
		hd1.want(http.StatusConflict, "POST", mpath+"/votes", map[string]any{"candidate_id": cands[0].n("id"), "yes": false})
		hd1.want(http.StatusUnprocessableEntity, "POST", mpath+"/votes", map[string]any{"candidate_id": cands[0].n("id")})
		mine := hd1.want(http.StatusOK, "GET", mpath, nil)
		if n := len(mine.list("lines")); n != len(cands) {
			t.Fatalf("an open meeting lists %d lines, want %d", n, len(cands))
		}
		for _, l := range mine.list("lines") {
			if l["voted"] != true || l["yes_votes"] != nil || l["required"] != nil || l["passed"] != nil {
				t.Errorf("an open meeting shows %v", l)
			}
		}
		running := leader.want(http.StatusOK, "GET", path, nil).list("candidates")
		if len(running) != len(cands) {
			t.Fatalf("the dossier lists %d candidates during the meeting, want %d", len(running), len(cands))
		}
		for _, c := range running {
			if c["yes_votes"] != nil || c["voters"] != nil {
				t.Errorf("the dossier shows a running tally: %v", c)
			}
		}
		e = leader.want(http.StatusUnprocessableEntity, "POST", path+"/steps", map[string]any{"action": "approve", "version": s.version})
		if !strings.Contains(e.o("error").s("message"), "Hội đồng") {
			t.Errorf("approved before the vote was closed: %v", e)
		}
		leader.want(http.StatusConflict, "POST", mpath+"/close", map[string]any{"version": m.n("version") + 1})
		m = leader.want(http.StatusOK, "POST", mpath+"/close", map[string]any{"version": m.n("version")})
		if n := len(m.list("lines")); n != len(cands) {
			t.Fatalf("the minutes tally %d lines, want %d", n, len(cands))
		}
		for _, l := range m.list("lines") {
			// 9 yes of 10 members; 90 % of all members is 9 (Decree 98/2023 Art 30(7)).
			if l.n("yes_votes") != 9 || l.n("required") != 9 || l["passed"] != true || l.s("threshold") == "" {
				t.Errorf("tally %v", l)
			}
		}
		d = leader.want(http.StatusOK, "GET", path, nil)
		if c := d.list("candidates")[0]; c.n("yes_votes") != 9 || c["passed"] != true {
			t.Errorf("the dossier after the meeting: %v", c)
		}
		if !slices.Contains(actions(d.list("steps")), "approve") {
			t.Errorf("the leader's steps: %v", d["steps"])
		}
		s.version = d.n("version")
		s.step(leader, "approve", "")
		leader.want(http.StatusUnprocessableEntity, "POST", path+"/decision", map[string]any{"number": "215/QĐ-UBND", "date": "2026-11-26", "version": s.version})
		dec := leader.want(http.StatusCreated, "POST", path+"/decision", map[string]any{"number": "215/QĐ-UBND", "date": "2026-11-26",
			"signer": "Nguyễn Văn Chủ", "signer_title": "CHỦ TỊCH", "version": s.version})
		// 3.0 × 2,530,000 = 7,590,000 đ each (Decree 152/2025 Art 50(1)(b); Decree 161/2026).
		if dec.n("total_vnd") != 2*7_590_000 || dec.s("issuer") != f.Province.Name {
			t.Errorf("decision %v", dec)
		}

		rec := clerkA.want(http.StatusOK, "GET", "/api/v1/people/"+itoa(p.Good1.ID), nil)
		var got obj
		for _, h := range rec.list("honours") {
			if h.s("award") == "chien_si_thi_dua_bo_tinh" {
				got = h
			}
		}
		if got == nil || got.n("amount_vnd") != 7_590_000 || got.o("decision").s("number") != "215/QĐ-UBND" || got["revoked"] != false {
			t.Fatalf("record after the decision: %v", got)
		}

		certs := clerkA.want(http.StatusOK, "GET", path+"/certificates", nil)
		items := certs.list("items")
		if len(items) != 2 || items[0].s("serial") != "1" || certs.o("decision").s("number") != "215/QĐ-UBND" {
			t.Fatalf("certificates %v", certs)
		}
		verify := "/api/v1/certificates/verify/" + items[0].s("token")
		v := anon.want(http.StatusOK, "GET", verify, nil)
		if v.s("status") != "valid" || v.s("name") != p.Good1.FullName || v.o("award").s("code") != "chien_si_thi_dua_bo_tinh" ||
			v.o("award").s("name") == "" || v.o("decision").s("number") != "215/QĐ-UBND" || v.o("decision").s("date") != "2026-11-26" ||
			v.o("decision").s("issuer") != f.Province.Name || v.s("serial") != "1" || v["revoked_at"] != nil {
			t.Fatalf("verify %v", v)
		}
		anon.want(http.StatusNotFound, "GET", "/api/v1/certificates/verify/khongco", nil)
		revoke := "/api/v1/certificates/" + itoa(items[0].n("id")) + "/revoke"
		anon.want(http.StatusUnauthorized, "POST", revoke, map[string]any{"reason": "Khai man thành tích"})
		clerkA.want(http.StatusNotFound, "POST", revoke, map[string]any{"reason": "Khai man thành tích"}) // the province's, out of scope
		provClerk.want(http.StatusForbidden, "POST", revoke, map[string]any{"reason": "Khai man thành tích"})
		leader.want(http.StatusUnprocessableEntity, "POST", revoke, map[string]any{"reason": ""})
		c := leader.want(http.StatusOK, "POST", revoke, map[string]any{"reason": "Phát hiện khai man thành tích (Điều 93 khoản 1 điểm a)"})
		if c.s("status") != "revoked" {
			t.Errorf("revoked %v", c)
		}
		v = anon.want(http.StatusOK, "GET", verify, nil)
		if v.s("status") != "revoked" || v.s("revoked_at") == "" || !strings.Contains(v.s("reason"), "khai man") {
			t.Errorf("after revocation: %v", v)
		}
		var decided obj
		for _, h := range clerkA.want(http.StatusOK, "GET", "/api/v1/people/"+itoa(p.Good1.ID), nil).list("honours") {
			if h.s("award") == "chien_si_thi_dua_bo_tinh" {
				decided = h
				if h["revoked"] != true || h.n("decision_id") == 0 {
					t.Errorf("the record shows the revoked title as %v", h)
				}
			}
		}
		// The audit's forgery: the commune's clerk rewrites the revoked, decided honour
		// into a Huân chương without money. Refused; the record and the public page stand.
		if decided == nil {
			t.Fatal("no decided honour on the record")
		}
		forged := obj{"award": "huan_chuong_lao_dong_hang_nhat", "year": 2025, "revoked": false, "amount_vnd": 0,
			"decision": decided["decision"], "version": decided["version"]}
		clerkA.want(http.StatusForbidden, "PUT", "/api/v1/honours/"+itoa(decided.n("id")), forged)
		clerkA.want(http.StatusForbidden, "DELETE", "/api/v1/honours/"+itoa(decided.n("id"))+"?version="+itoa(decided.n("version")), nil)
		if v = anon.want(http.StatusOK, "GET", verify, nil); v.s("status") != "revoked" || v.o("award").s("code") != "chien_si_thi_dua_bo_tinh" {
			t.Errorf("the verification page after the forgery attempt: %v", v)
		}
		// Corrections belong to the issuing level, and change the number everywhere.
		decID := certs.o("decision").n("id")
		fix := map[string]any{"number": "216/QĐ-UBND", "date": "2026-11-26", "signer": "Lê Văn Tỉnh", "reason": "Quyết định 220/QĐ-UBND đính chính số quyết định"}
		provClerk.want(http.StatusForbidden, "POST", "/api/v1/decisions/"+itoa(decID)+"/corrections", fix)
		clerkA.want(http.StatusNotFound, "POST", "/api/v1/decisions/"+itoa(decID)+"/corrections", fix)
		if c := leader.want(http.StatusOK, "POST", "/api/v1/decisions/"+itoa(decID)+"/corrections", fix); c.s("number") != "216/QĐ-UBND" || c.s("correction_reason") == "" {
			t.Errorf("corrected decision %v", c)
		}
		if v = anon.want(http.StatusOK, "GET", verify, nil); v.o("decision").s("number") != "216/QĐ-UBND" {
			t.Errorf("the verification page after the correction: %v", v)
		}

		// the commune sees where its dossier went and why
		d = clerkA.want(http.StatusOK, "GET", path, nil)
		var history []string
		for _, e := range d.list("history") {
			history = append(history, e.s("action"))
		}
		want := "[create submit receive appraise return resubmit receive appraise to_council approve decide]"
		if d.s("status") != "decided" || fmt.Sprint(history) != want || d.list("history")[4].s("note") != "Bổ sung xác nhận sáng kiến cấp tỉnh" {
			t.Errorf("history %v, status %s", history, d.s("status"))
		}
		if list := clerkA.want(http.StatusOK, "GET", "/api/v1/dossiers?status=decided,approved", nil).list("items"); len(list) != 1 {
			t.Errorf("list %v", list)
		}
		if list := clerkA.want(http.StatusOK, "GET", "/api/v1/dossiers?status=draft", nil)["items"].([]any); len(list) != 0 {
			t.Errorf("drafts %v", list)
		}
		clerkA.want(http.StatusUnprocessableEntity, "GET", "/api/v1/dossiers?status=lost", nil)
	})
}

// Huân chương nominees are published for public comment; anyone may comment, the
// portal never shows a contact, and the staff answer.
func TestNominationsAndComments(t *testing.T) {
	tdkttest.EachDB(t, func(t *testing.T, db *sqldb.DB) {
		p := newProcedure(t, db)
		f := p.Fixture
		clerkA, provClerk, anon := as(t, f, "canbo.a"), as(t, f, "canbo.tinh"), as(t, f, "")
		d := clerkA.want(http.StatusCreated, "POST", "/api/v1/dossiers", map[string]any{"org_id": f.CommuneA.ID, "award": "huan_chuong_lao_dong_hang_ba", "year": 2025})
		path := "/api/v1/dossiers/" + itoa(d.n("id"))
		clerkA.want(http.StatusCreated, "POST", path+"/candidates", map[string]any{"subject": individual(p.Good1.ID),
			"justification": "Có phát minh, sáng chế được ứng dụng mang lại hiệu quả cao (Điều 44 khoản 2)"})
		s := &stepper{t: t, path: path, version: d.n("version")}
		s.refresh(clerkA)
		s.step(clerkA, "submit", "")
		s.step(provClerk, "receive", "")
		d = s.step(provClerk, "appraise", "")
		if got := actions(d.list("steps")); !slices.Contains(got, "publish") || slices.Contains(got, "to_council") {
			t.Errorf("steps before publication %v", got)
		}
		d = s.step(provClerk, "publish", "")
		if d.o("publication").s("closes_on") != "2026-12-10" {
			t.Errorf("publication %v", d["publication"])
		}

		list := anon.want(http.StatusOK, "GET", "/api/v1/nominations", nil).list("items")
		if len(list) != 1 || list[0].n("dossier_id") != d.n("id") || list[0].n("days_left") != 11 || !strings.Contains(list[0].s("summary"), p.Good1.FullName) {
			t.Fatalf("nominations %v", list)
		}
		npath := "/api/v1/nominations/" + itoa(d.n("id"))
		anon.want(http.StatusUnprocessableEntity, "POST", npath+"/comments", map[string]any{"name": "", "body": "Đồng ý"})
		for i := range 5 {
			anon.want(http.StatusCreated, "POST", npath+"/comments", map[string]any{"name": "Trần Thị Bình", "contact": "binh@example.vn",
				"body": fmt.Sprintf("Tôi đồng ý với đề nghị này (%d).", i)})
		}
		e := anon.want(http.StatusTooManyRequests, "POST", npath+"/comments", map[string]any{"name": "Trần Thị Bình", "body": "Thêm một ý kiến nữa."})
		if code, _ := e.errFields(); code != "too_many" {
			t.Errorf("the sixth comment: %v", e)
		}
		code, body := anon.do("GET", npath, nil)
		if code != http.StatusOK || strings.Contains(string(body), "binh@example.vn") || strings.Contains(string(body), "contact") {
			t.Fatalf("the portal shows %d %s", code, body)
		}
		anon.want(http.StatusNotFound, "GET", "/api/v1/nominations/999999", nil)

		staff := provClerk.want(http.StatusOK, "GET", path+"/comments", nil).list("items")
		if len(staff) != 5 || staff[0].s("contact") != "binh@example.vn" {
			t.Fatalf("comments for the staff %v", staff)
		}
		// Held until a clerk of the holding unit publishes them.
		if cs := anon.want(http.StatusOK, "GET", npath, nil).list("comments"); len(cs) != 0 || staff[0].s("status") != "held" {
			t.Fatalf("before moderation: the portal shows %v; status %q", cs, staff[0].s("status"))
		}
		mpath := path + "/comments/" + itoa(staff[0].n("id")) + "/moderate"
		as(t, f, "canbo.b").want(http.StatusNotFound, "POST", mpath, map[string]any{"publish": true})
		provClerk.want(http.StatusNoContent, "POST", mpath, map[string]any{"publish": true})
		provClerk.want(http.StatusConflict, "POST", mpath, map[string]any{"publish": false})
		provClerk.want(http.StatusNoContent, "POST", path+"/comments/"+itoa(staff[1].n("id"))+"/moderate", map[string]any{"publish": false})
		cpath := path + "/comments/" + itoa(staff[0].n("id")) + "/answer"
		as(t, f, "canbo.b").want(http.StatusNotFound, "POST", cpath, map[string]any{"answer": "Cảm ơn ý kiến của bà."})
		provClerk.want(http.StatusUnprocessableEntity, "POST", cpath, map[string]any{"answer": ""})
		provClerk.want(http.StatusNoContent, "POST", cpath, map[string]any{"answer": "Cảm ơn ý kiến của bà."})
		n := anon.want(http.StatusOK, "GET", npath, nil)
		if cs := n.list("comments"); len(cs) != 1 || cs[0].s("answer") != "Cảm ơn ý kiến của bà." || cs[0].s("name") != "Trần Thị Bình" {
			t.Errorf("nomination %v", n)
		}
	})
}

func TestTwoLeadersStepAtOnce(t *testing.T) {
	tdkttest.EachDB(t, func(t *testing.T, db *sqldb.DB) {
		p := newProcedure(t, db)
		f := p.Fixture
		clerkA, provClerk := as(t, f, "canbo.a"), as(t, f, "canbo.tinh")
		d := clerkA.want(http.StatusCreated, "POST", "/api/v1/dossiers", map[string]any{"org_id": f.CommuneA.ID, "award": "giay_khen",
			"kind": "dot_xuat", "simplified": true, "year": 2026})
		path := "/api/v1/dossiers/" + itoa(d.n("id"))
		clerkA.want(http.StatusCreated, "POST", path+"/candidates", map[string]any{"subject": individual(p.Good2.ID), "justification": "Dũng cảm cứu người trong lũ"})
		s := &stepper{t: t, path: path, version: d.n("version")}
		s.refresh(clerkA)
		s.step(clerkA, "submit", "")
		s.step(provClerk, "receive", "")
		leaders := []*caller{as(t, f, "chutich"), as(t, f, "phochutich")}
		before := auditCount(t, f)
		codes := make([]int, 2)
		var wg sync.WaitGroup
		for i, l := range leaders {
			wg.Go(func() {
				codes[i], _ = l.do("POST", path+"/steps", map[string]any{"action": "approve", "version": s.version})
			})
		}
		wg.Wait()
		slices.Sort(codes)
		if !slices.Equal(codes, []int{http.StatusOK, http.StatusConflict}) || auditCount(t, f)-before != 1 {
			t.Errorf("statuses %v, %d audit events", codes, auditCount(t, f)-before)
		}
	})
}

func TestOtherUnitsDossierIsNotFoundOverHTTP(t *testing.T) {
	tdkttest.EachDB(t, func(t *testing.T, db *sqldb.DB) {
		p := newProcedure(t, db)
		ctx, f := context.Background(), p.Fixture
		d, err := f.Svc.CreateDossier(ctx, &f.ClerkA, core.DossierInput{OrgID: f.CommuneA.ID, Award: "chien_si_thi_dua_bo_tinh", Year: 2025})
		if err != nil {
			t.Fatal(err)
		}
		if _, err := f.Svc.AddCandidate(ctx, &f.ClerkA, d.ID, tdkt.Subject{Kind: tdkt.Individual, ID: p.Good1.ID}, ""); err != nil {
			t.Fatal(err)
		}
		logins := []string{"canbo.b"}
		for _, a := range []struct {
			login string
			role  tdkt.Role
		}{{"xem.b", tdkt.RoleViewer}, {"lanhdao.b", tdkt.RoleLeader}, {"quantri.b", tdkt.RoleAdmin}, {"hoidong.b", tdkt.RoleCouncil}} {
			if _, err := f.Svc.CreateAccount(ctx, nil, core.NewAccount{Login: a.login, Name: a.login, Password: tdkttest.Password, Role: a.role, OrgCode: "X02"}); err != nil {
				t.Fatal(err)
			}
			logins = append(logins, a.login)
		}
		path := "/api/v1/dossiers/" + itoa(d.ID)
		for _, login := range logins {
			c := as(t, f, login)
			for _, r := range []struct {
				method, path string
				body         any
			}{
				{"GET", path, nil},
				{"PUT", path, map[string]any{"org_id": f.CommuneA.ID, "award": "chien_si_thi_dua_bo_tinh", "year": 2025, "version": d.Version}},
				{"POST", path + "/steps", map[string]any{"action": "submit", "version": d.Version}},
				{"POST", path + "/candidates", map[string]any{"subject": individual(p.Good2.ID)}},
				{"POST", path + "/decision", map[string]any{"number": "1/QĐ-UBND", "date": "2026-11-26", "signer": "Ai đó", "version": d.Version}},
				{"GET", path + "/certificates", nil},
				{"GET", path + "/comments", nil},
				{"DELETE", path + "/candidates/1?version=1", nil},
			} {
				e := c.want(http.StatusNotFound, r.method, r.path, r.body)
				if code, _ := e.errFields(); code != "not_found" {
					t.Errorf("%s %s %s: %v", login, r.method, r.path, e)
				}
			}
			if list := c.want(http.StatusOK, "GET", "/api/v1/dossiers", nil)["items"].([]any); len(list) != 0 {
				t.Errorf("%s lists %d dossiers", login, len(list))
			}
		}
		if got := as(t, f, "chutich").want(http.StatusOK, "GET", path, nil); len(got.list("candidates")) != 1 {
			t.Errorf("the province sees its commune's dossier: %v", got)
		}
		as(t, f, "xem.a").want(http.StatusOK, "GET", path, nil)
		as(t, f, "xem.a").want(http.StatusForbidden, "POST", path+"/steps", map[string]any{"action": "submit", "version": d.Version})
	})
}
