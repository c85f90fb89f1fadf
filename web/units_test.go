package web_test

import (
	"net/http"
	"net/url"
	"strings"
	"testing"

	"tdkt/sqldb"
	"tdkt/tdkttest"
)

func TestCollectivesAndHouseholds(t *testing.T) {
	tdkttest.EachDB(t, func(t *testing.T, db *sqldb.DB) {
		f := tdkttest.NewFixture(t, db)
		c := f.Client(t, "canbo.a")
		want(t, "new collective form", get(t, f, c, "/app/collectives/new"), 200, `name="name"`)
		want(t, "bad collective", post(t, f, c, "/app/collectives/new", url.Values{"name": {""}, "org_id": {itoa(f.CommuneA.ID)}}),
			http.StatusUnprocessableEntity, "Không được để trống")
		p := post(t, f, c, "/app/collectives/new", url.Values{"name": {"Văn phòng HĐND và UBND xã"}, "org_id": {itoa(f.CommuneA.ID)}})
		want(t, "create collective", p, http.StatusSeeOther)
		base := strings.TrimSuffix(p.Location, "?saved=1")
		want(t, "collective page", get(t, f, c, p.Location), 200, "Văn phòng HĐND và UBND xã", "Xếp loại mức độ hoàn thành nhiệm vụ", "Đã lưu")
		want(t, "collective list", get(t, f, c, "/app/collectives?q=van+phong"), 200, "Văn phòng HĐND và UBND xã")
		want(t, "collective honour form", get(t, f, c, base+"/honours/new"), 200, "Tập thể lao động xuất sắc")
		if p := get(t, f, c, base+"/honours/new"); strings.Contains(p.Body, "Chiến sĩ thi đua cơ sở") {
			t.Fatal("a collective is offered a title for individuals")
		}
		want(t, "collective honour", post(t, f, c, base+"/honours", url.Values{"award": {"tap_the_lao_dong_tien_tien"}, "year": {"2025"},
			"kind": {"cong_trang"}, "decision_no": {"130/QĐ-UBND"}, "decision_date": {"20/01/2026"}, "issuer": {"Ủy ban nhân dân xã Đông Hòa"}}), http.StatusSeeOther)
		want(t, "collective rating", post(t, f, c, base+"/ratings", url.Values{"year": {"2025"}, "rating": {"htxsnv"}}), http.StatusSeeOther)
		want(t, "collective records", get(t, f, c, base), 200, "Tập thể lao động tiên tiến", "130/QĐ-UBND", "Hoàn thành xuất sắc nhiệm vụ")
		want(t, "no discipline for a collective", get(t, f, c, base+"/discipline/new"), http.StatusNotFound)
		want(t, "edit collective", post(t, f, c, base+"/edit", url.Values{"name": {"Văn phòng UBND xã"}, "org_id": {itoa(f.CommuneA.ID)}, "version": {"1"}}), http.StatusSeeOther)
		// created, a title, a rating, renamed: the history holds the records' changes too
		want(t, "collective edited", get(t, f, c, base), 200, "Văn phòng UBND xã", "Lịch sử thay đổi (4)")
		want(t, "collective of A from B", get(t, f, f.Client(t, "canbo.b"), base), http.StatusNotFound)

		p = post(t, f, c, "/app/households/new", url.Values{"head_name": {"Lê Văn Tám"}, "address": {"Thôn Đông"}, "org_id": {itoa(f.CommuneA.ID)}})
		want(t, "create household", p, http.StatusSeeOther)
		hbase := strings.TrimSuffix(p.Location, "?saved=1")
		want(t, "household honour", post(t, f, c, hbase+"/honours", url.Values{"award": {"gia_dinh_van_hoa"}, "year": {"2025"},
			"kind": {"phong_trao"}, "decision_no": {"5/QĐ-UBND"}, "decision_date": {"05/01/2026"}, "issuer": {"Ủy ban nhân dân xã Đông Hòa"},
			"amount_vnd": {"1.500.000"}}), http.StatusSeeOther)
		want(t, "household page", get(t, f, c, hbase), 200, "Hộ Lê Văn Tám", "Gia đình văn hóa", "1.500.000 đ")
		want(t, "no rating for a household", get(t, f, c, hbase+"/ratings/new"), http.StatusNotFound)
		want(t, "household list", get(t, f, c, "/app/households?q=le+van"), 200, "Hộ Lê Văn Tám")
	})
}

func TestOrgs(t *testing.T) {
	tdkttest.EachDB(t, func(t *testing.T, db *sqldb.DB) {
		f := tdkttest.NewFixture(t, db)
		admin := f.Client(t, "quantri")
		prov := "/app/orgs/" + itoa(f.Province.ID)
		want(t, "home", get(t, f, admin, "/app/"), 200, "Ủy ban nhân dân tỉnh Thử Nghiệm", "Quản trị hệ thống", `href="/app/orgs"`)
		want(t, "tree", get(t, f, admin, "/app/orgs"), 200, "Ủy ban nhân dân tỉnh Thử Nghiệm")
		p := get(t, f, admin, "/app/orgs")
		// Vietnamese order: "phường Ánh Dương" before "xã Đông Hòa".
		if i, j := strings.Index(p.Body, "phường Ánh Dương"), strings.Index(p.Body, "xã Đông Hòa"); i < 0 || j < 0 || i > j {
			t.Fatal("the tree is not in Vietnamese order")
		}
		want(t, "province", get(t, f, admin, prov), 200, "Ủy ban nhân dân xã Đông Hòa", "Có 2 người", "Sửa đơn vị")
		want(t, "province search", get(t, f, admin, prov+"?q=tran"), 200, "Trần Văn Đức", "Tìm thấy 1 người")
		ef := get(t, f, admin, prov+"/edit")
		want(t, "edit form", ef, 200, "Điều 80", `<select`)
		if strings.Contains(ef.Body, `name="confers"`) {
			t.Error("the edit form still offers to choose the head's powers")
		}
		commune := "/app/orgs/" + itoa(f.CommuneA.ID)
		own := get(t, f, f.Client(t, "quantri.a"), commune+"/edit")
		want(t, "a commune's own form", own, 200, "do cấp trên hoặc quản trị hệ thống thay đổi")
		if strings.Contains(own.Body, `<select`) {
			t.Error("a commune's administrator is offered to change its own level")
		}
		want(t, "new child", post(t, f, admin, prov+"/new", url.Values{"code": {"S01"}, "name": {"Sở Nội vụ"}, "level": {"so_nganh"},
			"confers": {"giay_khen", "lao_dong_tien_tien"}}), http.StatusSeeOther)
		want(t, "bad child", post(t, f, admin, prov+"/new", url.Values{"code": {"có dấu"}, "name": {"X"}, "level": {"so_nganh"}}),
			http.StatusUnprocessableEntity, "Mã đơn vị chỉ gồm")
		want(t, "rename", post(t, f, admin, prov+"/edit", url.Values{"name": {"UBND tỉnh Thử Nghiệm"}, "level": {"tinh"},
			"confers": {"bang_khen_bo_tinh"}, "version": {"1"}}), http.StatusSeeOther)
		want(t, "renamed", get(t, f, admin, prov), 200, "UBND tỉnh Thử Nghiệm", "Sở Nội vụ", "Bằng khen của Bộ, ban, ngành, tỉnh")
		want(t, "stale rename", post(t, f, admin, prov+"/edit", url.Values{"name": {"Khác"}, "level": {"tinh"}, "version": {"1"}}),
			http.StatusConflict, "Bản ghi đã được người khác thay đổi")
		clerk := f.Client(t, "canbo.a")
		want(t, "clerk cannot edit orgs", get(t, f, clerk, "/app/orgs/"+itoa(f.CommuneA.ID)+"/edit"), http.StatusForbidden)
		want(t, "clerk cannot see the province", get(t, f, clerk, prov), http.StatusNotFound)
		want(t, "unknown page", get(t, f, clerk, "/app/khong-co"), http.StatusNotFound, "Không tìm thấy")
	})
}

func TestCreateAndDeletePerson(t *testing.T) {
	tdkttest.EachDB(t, func(t *testing.T, db *sqldb.DB) {
		f := tdkttest.NewFixture(t, db)
		c := f.Client(t, "canbo.a")
		want(t, "new form", get(t, f, c, "/app/people/new"), 200, `name="full_name"`, "Ủy ban nhân dân xã Đông Hòa")
		p := post(t, f, c, "/app/people/new", url.Values{"full_name": {"  Phạm   Văn Ánh "}, "sex": {"nam"}, "birth_date": {"5/3/1990"},
			"group": {"cong_nhan_nong_dan"}, "org_id": {itoa(f.CommuneA.ID)}, "hired_on": {"01/01/2015"}, "ethnicity": {"Tày"}})
		want(t, "create", p, http.StatusSeeOther)
		path := strings.TrimSuffix(p.Location, "?saved=1")
		want(t, "person", get(t, f, c, path), 200, "Phạm Văn Ánh", "05/03/1990", "Công nhân, nông dân, người lao động", "01/01/2015")
		want(t, "confirm", get(t, f, c, path+"/delete"), 200, "Bạn có chắc muốn xóa")
		want(t, "delete", post(t, f, c, path+"/delete", url.Values{"version": {"1"}}), http.StatusSeeOther)
		want(t, "deleted", get(t, f, c, path), http.StatusNotFound)
	})
}
