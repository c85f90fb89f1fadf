package web_test

import (
	"net/http"
	"net/url"
	"reflect"
	"strings"
	"testing"

	"tdkt/sqldb"
	"tdkt/tdkttest"
)

// recordURLs lists every address of PersonA's record, each with the method used.
func recordURLs(t *testing.T, f *tdkttest.Fixture) (gets, posts []string) {
	rec := recordOf(t, f, f.PersonA.ID)
	base := "/app/people/" + itoa(f.PersonA.ID)
	gets = []string{base, base + "/edit", base + "/delete"}
	posts = []string{base + "/edit", base + "/delete"}
	for _, seg := range []string{"ratings", "initiatives", "discipline", "honours"} {
		gets = append(gets, base+"/"+seg+"/new")
		posts = append(posts, base+"/"+seg)
	}
	add := func(seg string, id int64) {
		gets = append(gets, base+"/"+seg+"/"+itoa(id)+"/edit")
		posts = append(posts, base+"/"+seg+"/"+itoa(id)+"/edit", base+"/"+seg+"/"+itoa(id)+"/delete")
	}
	add("ratings", rec.Ratings[0].ID)
	add("honours", rec.Honours[0].ID)
	add("initiatives", rec.Initiatives[0].ID)
	return gets, posts
}

func TestScope(t *testing.T) {
	tdkttest.EachDB(t, func(t *testing.T, db *sqldb.DB) {
		f := tdkttest.NewFixture(t, db)
		gets, posts := recordURLs(t, f)
		before := recordOf(t, f, f.PersonA.ID)
		clerkB, clerkA, viewer := f.Client(t, "canbo.b"), f.Client(t, "canbo.a"), f.Client(t, "xem.a")
		valid := url.Values{"year": {"2022"}, "rating": {"htnv"}, "title": {"Thử"}, "scope": {"co_so"}, "form": {"khien_trach"},
			"decided_on": {"01/01/2025"}, "ends_on": {"01/01/2026"}, "award": {"giay_khen"}, "decision_no": {"1/QĐ"},
			"decision_date": {"01/02/2025"}, "issuer": {"UBND"}, "version": {"1"}}
		for _, path := range gets {
			want(t, "clerk B GET "+path, get(t, f, clerkB, path), http.StatusNotFound, "Không tìm thấy")
			want(t, "clerk A GET "+path, get(t, f, clerkA, path), http.StatusOK)
		}
		for _, path := range posts {
			want(t, "clerk B POST "+path, post(t, f, clerkB, path, valid), http.StatusNotFound)
		}
		if after := recordOf(t, f, f.PersonA.ID); !reflect.DeepEqual(before, after) {
			t.Fatal("clerk B changed PersonA's record")
		}
		// The viewer reads everything but changes nothing.
		want(t, "viewer reads", get(t, f, viewer, gets[0]), http.StatusOK, "Nguyễn Thị Hồng Nhung", "125/QĐ-UBND")
		if p := get(t, f, viewer, gets[0]); strings.Contains(p.Body, "/edit") {
			t.Fatal("the viewer is offered edit links")
		}
		want(t, "viewer edit form", get(t, f, viewer, gets[1]), http.StatusForbidden)
		want(t, "viewer POST edit", post(t, f, viewer, gets[1], personForm(before.Person, nil)), http.StatusForbidden, "không có quyền")
		want(t, "viewer POST rating", post(t, f, viewer, gets[0]+"/ratings", valid), http.StatusForbidden)
		if after := recordOf(t, f, f.PersonA.ID); !reflect.DeepEqual(before, after) {
			t.Fatal("the viewer changed PersonA's record")
		}
	})
}

func TestConcurrentEdit(t *testing.T) {
	tdkttest.EachDB(t, func(t *testing.T, db *sqldb.DB) {
		f := tdkttest.NewFixture(t, db)
		path := "/app/people/" + itoa(f.PersonA.ID) + "/edit"
		one, two := f.Client(t, "canbo.a"), f.Client(t, "quantri")
		want(t, "form 1", get(t, f, one, path), 200, `name="version" value="1"`)
		want(t, "form 2", get(t, f, two, path), 200, `name="version" value="1"`)
		p := f.PersonA
		p.Version = 1
		want(t, "first save", post(t, f, one, path, personForm(p, map[string]string{"position": "Phó Chủ tịch UBND xã"})), http.StatusSeeOther)
		want(t, "second save", post(t, f, two, path, personForm(p, map[string]string{"position": "Văn thư"})), http.StatusConflict,
			"Bản ghi đã được người khác thay đổi", `href="`+path+`"`)
		if got := recordOf(t, f, f.PersonA.ID).Person.Position; got != "Phó Chủ tịch UBND xã" {
			t.Fatalf("stored position %q, want the first clerk's", got)
		}

		// The same for a yearly rating.
		rec := recordOf(t, f, f.PersonA.ID)
		r := rec.Ratings[0]
		rpath := "/app/people/" + itoa(f.PersonA.ID) + "/ratings/" + itoa(r.ID) + "/edit"
		form := url.Values{"year": {itoa(int64(r.Year))}, "rating": {"htnv"}, "version": {itoa(int64(r.Version))}}
		want(t, "first rating save", post(t, f, one, rpath, form), http.StatusSeeOther)
		form.Set("rating", "khtnv")
		want(t, "second rating save", post(t, f, two, rpath, form), http.StatusConflict, "Bản ghi đã được người khác thay đổi")
		if got := recordOf(t, f, f.PersonA.ID).Ratings[0].Rating; got != "htnv" {
			t.Fatalf("stored rating %q", got)
		}
	})
}

func TestInvalidInput(t *testing.T) {
	tdkttest.EachDB(t, func(t *testing.T, db *sqldb.DB) {
		f := tdkttest.NewFixture(t, db)
		c := f.Client(t, "canbo.a")
		base := "/app/people/" + itoa(f.PersonA.ID)
		before := recordOf(t, f, f.PersonA.ID)
		audits := auditCount(t, f)

		p := post(t, f, c, base+"/edit", personForm(before.Person, map[string]string{"cccd": "12345", "birth_date": "31/02/2025", "position": "Đổi thử"}))
		want(t, "bad person", p, http.StatusUnprocessableEntity, "Số CCCD không hợp lệ", "12 chữ số", "Tháng 2 không có ngày 31",
			`value="12345"`, `value="31/02/2025"`, `value="Đổi thử"`, `id="e-cccd"`, `id="e-birth_date"`)

		p = post(t, f, c, base+"/ratings", url.Values{"year": {"2022"}, "rating": {"xuat_sac_lam"}})
		want(t, "bad rating", p, http.StatusUnprocessableEntity, "Mức xếp loại không hợp lệ", `value="2022"`)

		p = post(t, f, c, base+"/initiatives", url.Values{"year": {"2025"}, "title": {"Sáng kiến mới"}, "scope": {"co_so"}, "decision_on": {"31/02/2025"}})
		want(t, "bad initiative date", p, http.StatusUnprocessableEntity, "Tháng 2 không có ngày 31", `value="Sáng kiến mới"`)

		p = post(t, f, c, base+"/honours", url.Values{"award": {"co_thi_dua_chinh_phu"}, "year": {"2025"}, "decision_no": {"9/QĐ"},
			"decision_date": {"01/02/2026"}, "issuer": {"UBND"}, "amount_vnd": {"nhiều tiền"}})
		want(t, "bad honour", p, http.StatusUnprocessableEntity, "không trao cho Cá nhân", "Số tiền chỉ gồm chữ số")

		p = post(t, f, c, "/app/people/new", url.Values{"full_name": {""}, "sex": {"nu"}, "group": {"can_bo_cong_chuc"}, "cccd": {"12345"}, "org_id": {itoa(f.CommuneA.ID)}})
		want(t, "bad new person", p, http.StatusUnprocessableEntity, "Không được để trống", "Số CCCD không hợp lệ")

		if after := recordOf(t, f, f.PersonA.ID); !reflect.DeepEqual(before, after) {
			t.Fatalf("an invalid form changed the record:\n%+v\n%+v", before, after)
		}
		if n := auditCount(t, f); n != audits {
			t.Fatalf("invalid forms left %d audit events", n-audits)
		}
	})
}

func TestChangesAreAudited(t *testing.T) {
	tdkttest.EachDB(t, func(t *testing.T, db *sqldb.DB) {
		f := tdkttest.NewFixture(t, db)
		c := f.Client(t, "canbo.a")
		id := f.PersonA.ID
		base := "/app/people/" + itoa(id)
		step := func(what, path string, form url.Values) {
			t.Helper()
			n := auditCount(t, f)
			p := post(t, f, c, path, form)
			if p.Status != http.StatusSeeOther {
				t.Fatalf("%s: status %d\n%s", what, p.Status, excerpt(p.Body))
			}
			if auditCount(t, f) != n+1 {
				t.Fatalf("%s left no audit event", what)
			}
		}
		step("add rating", base+"/ratings", url.Values{"year": {"2022"}, "rating": {"htnv"}, "note": {"Năm đầu"}})
		rec := recordOf(t, f, id)
		var r2022 = rec.Ratings[len(rec.Ratings)-1]
		if r2022.Year != 2022 || r2022.Note != "Năm đầu" {
			t.Fatalf("rating not stored: %+v", rec.Ratings)
		}
		rpath := base + "/ratings/" + itoa(r2022.ID)
		step("edit rating", rpath+"/edit", url.Values{"year": {"2022"}, "rating": {"httnv"}, "version": {"1"}})
		// "Xóa" asks first, naming the record; the deletion says what it did.
		if page := get(t, f, c, base); !strings.Contains(page.Body, `href="`+rpath+`/delete"`) || strings.Contains(page.Body, `action="`+rpath+`/delete"`) {
			t.Fatal("the record list deletes at once instead of asking")
		}
		want(t, "confirm delete", get(t, f, c, rpath+"/delete"), 200, "Bạn có chắc muốn xóa xếp loại năm 2022", "Hoàn thành tốt nhiệm vụ")
		if got := recordOf(t, f, id); len(got.Ratings) != len(rec.Ratings) {
			t.Fatal("asking to delete deleted")
		}
		step("delete rating", rpath+"/delete", url.Values{"version": {"2"}})
		want(t, "deleted notice", get(t, f, c, base+"?done=deleted_rating"), 200, "Đã xóa một xếp loại")
		step("add initiative", base+"/initiatives", url.Values{"year": {"2024"}, "title": {"Phần mềm một cửa"}, "scope": {"bo_tinh"},
			"decision_no": {"12/QĐ-SKHCN"}, "decision_on": {"05/03/2025"}, "recognised_by": {"Sở Khoa học và Công nghệ"}})
		step("add discipline", base+"/discipline", url.Values{"form": {"khien_trach"}, "decided_on": {"01/06/2020"}, "ends_on": {"01/06/2021"},
			"decision_no": {"3/QĐ-KL"}, "reason": {"Chậm nộp báo cáo"}})
		step("add honour", base+"/honours", url.Values{"award": {"giay_khen"}, "year": {"2024"}, "kind": {"cong_trang"}, "decision_no": {"77/QĐ-UBND"},
			"decision_date": {"20/01/2025"}, "signer": {"Lê Văn Minh"}, "issuer": {"Ủy ban nhân dân xã Đông Hòa"}, "amount_vnd": {"320.000"}})
		rec = recordOf(t, f, id)
		step("edit person", base+"/edit", personForm(rec.Person, map[string]string{"position": "Phó Chủ tịch", "leader": "on"}))

		// The person moves to commune B: the history follows her.
		rec = recordOf(t, f, id)
		admin := f.Client(t, "quantri")
		n := auditCount(t, f)
		want(t, "move", post(t, f, admin, base+"/edit", personForm(rec.Person, map[string]string{"org_id": itoa(f.CommuneB.ID), "move_on": "01/10/2026", "leader": "on"})), http.StatusSeeOther)
		if auditCount(t, f) != n+1 {
			t.Fatal("the move left no audit event")
		}
		p := get(t, f, admin, base)
		want(t, "person page", p, 200, "Ủy ban nhân dân phường Ánh Dương", "01/10/2026", "Phần mềm một cửa", "Bộ, ngành, tỉnh",
			"Khiển trách", "Giấy khen", "320.000 đ", "77/QĐ-UBND", "20/01/2025", "Lịch sử thay đổi", "Sửa (chức vụ, lãnh đạo)", "•••••••••345", "02/04/1985")
		if strings.Contains(p.Body, "001185012345") {
			t.Fatal("the person page shows the citizen ID without a logged read")
		}
		// The edits above never sent the number: it is kept, and a read with a purpose
		// shows it and is logged.
		n = auditCount(t, f)
		want(t, "reveal without purpose", post(t, f, admin, base+"/cccd", url.Values{"purpose": {""}}), http.StatusUnprocessableEntity, "mục đích")
		want(t, "reveal", post(t, f, admin, base+"/cccd", url.Values{"purpose": {"Đối chiếu hồ sơ đề nghị khen thưởng"}}), 200, "001185012345")
		if auditCount(t, f) != n+1 {
			t.Fatal("reading the citizen ID left no audit event")
		}
		want(t, "viewer reveal", post(t, f, f.Client(t, "xem.a"), "/app/people/"+itoa(f.PersonA.ID)+"/cccd", url.Values{"purpose": {"Tò mò xem thử"}}), http.StatusNotFound)
		if strings.Count(p.Body, "Ủy ban nhân dân xã Đông Hòa") < 2 {
			t.Fatal("the old unit is missing from the history")
		}
		want(t, "clerk A after the move", get(t, f, c, base), http.StatusNotFound)
		want(t, "clerk B after the move", get(t, f, f.Client(t, "canbo.b"), base), http.StatusOK, "Phần mềm một cửa")
	})
}

// After a deletion the notice offers "Hoàn tác", which puts the record back.
func TestUndoAfterDeletingARecord(t *testing.T) {
	tdkttest.EachDB(t, func(t *testing.T, db *sqldb.DB) {
		f := tdkttest.NewFixture(t, db)
		c := f.Client(t, "canbo.a")
		rec := recordOf(t, f, f.PersonA.ID)
		r0 := rec.Ratings[0]
		base := "/app/people/" + itoa(f.PersonA.ID)
		p := post(t, f, c, base+"/ratings/"+itoa(r0.ID)+"/delete", url.Values{"version": {itoa(int64(r0.Version))}})
		want(t, "delete", p, http.StatusSeeOther)
		notice := get(t, f, c, p.Location)
		want(t, "notice", notice, http.StatusOK, "Đã xóa một xếp loại", `action="/app/undo/rating/`+itoa(r0.ID)+`"`, `id="undo"`)
		if n := len(recordOf(t, f, f.PersonA.ID).Ratings); n != len(rec.Ratings)-1 {
			t.Fatalf("%d ratings after the deletion", n)
		}
		want(t, "undo", post(t, f, c, "/app/undo/rating/"+itoa(r0.ID), url.Values{"back": {base}}), http.StatusSeeOther)
		after := recordOf(t, f, f.PersonA.ID)
		if len(after.Ratings) != len(rec.Ratings) {
			t.Fatalf("%d ratings after the undo, want %d", len(after.Ratings), len(rec.Ratings))
		}
		want(t, "another commune", post(t, f, f.Client(t, "canbo.b"), "/app/undo/rating/"+itoa(r0.ID), url.Values{"back": {base}}), http.StatusNotFound)
	})
}
