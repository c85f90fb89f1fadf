package core_test

import (
	"context"
	"os"
	"reflect"
	"strings"
	"testing"

	"tdkt"
	"tdkt/core"
	"tdkt/sqldb"
	"tdkt/tdkttest"
)

// officeFile reads one of the staff lists written by LibreOffice
// (scripts/gen-office-import.py): a merged title, a two-row header and a row of
// column numbers, unit names, dates as text and as date cells, NFD names, a
// signature footer; the first has three bad rows, "-da-sua" has them fixed.
func officeFile(t testing.TB, fixed bool) []byte {
	t.Helper()
	name := "../testdata/imports/danh-sach-can-bo-van-phong.xlsx"
	if fixed {
		name = "../testdata/imports/danh-sach-can-bo-van-phong-da-sua.xlsx"
	}
	b, err := os.ReadFile(name)
	if err != nil {
		t.Fatal(err)
	}
	return b
}

// officeUnits makes the units the office file meets: "Phòng Tài chính – Kế hoạch"
// (the file spells it "Phòng Tài chính - Kế Hoạch") and "Ban Chỉ huy Quân sự xã",
// near the file's "Ban Chỉ huy Quân sự"; PersonA is made a leader, which the file
// (without a leader column) must not undo.
func officeUnits(t *testing.T, f *tdkttest.Fixture) (finance, military tdkt.Org) {
	t.Helper()
	ctx := context.Background()
	finance = tdkt.Org{Code: "X01-TCKH", Name: "Phòng Tài chính – Kế hoạch", Level: tdkt.LevelPublicUnit, ParentID: f.CommuneA.ID}
	military = tdkt.Org{Code: "X01-BCHQS", Name: "Ban Chỉ huy Quân sự xã", Level: tdkt.LevelPublicUnit, ParentID: f.CommuneA.ID}
	for _, o := range []*tdkt.Org{&finance, &military} {
		if err := f.Svc.SaveOrg(ctx, nil, o); err != nil {
			t.Fatal(err)
		}
	}
	a := f.PersonA
	a.Leader = true
	if err := f.Svc.UpdatePerson(ctx, &f.ClerkA, &a, ""); err != nil {
		t.Fatal(err)
	}
	return finance, military
}

func TestImportOfficeStaffList(t *testing.T) {
	tdkttest.EachDB(t, func(t *testing.T, db *sqldb.DB) {
		f := tdkttest.NewFixture(t, db)
		ctx := context.Background()
		svc := f.Svc
		finance, military := officeUnits(t, f)
		people := count(t, db, `SELECT count(*) FROM people`)
		orgs := count(t, db, `SELECT count(*) FROM orgs`)

		// The file as the office sent it: the three bad rows, and nothing else, are named.
		id, err := svc.StageImport(ctx, &f.ClerkA, "staff", "danh-sach-can-bo-van-phong.xlsx", officeFile(t, false))
		if err != nil {
			t.Fatal(err)
		}
		p, err := svc.PreviewImport(ctx, &f.ClerkA, id, nil)
		if err != nil {
			t.Fatal(err)
		}
		if p.HeaderRow != 3 || p.Rows != 8 {
			t.Fatalf("header row %d, %d rows; want 3 and 8", p.HeaderRow, p.Rows)
		}
		var skipped []int
		for _, s := range p.Skipped {
			skipped = append(skipped, s.Num)
		}
		if want := []int{4, 5, 15, 16, 17, 20}; !reflect.DeepEqual(skipped, want) {
			t.Errorf("skipped rows %v, want %v (the year row, the column numbers, the footer)", skipped, want)
		}
		var msgs []string
		for _, e := range p.Errors {
			msgs = append(msgs, e.String())
		}
		want := []string{
			"Dòng 10, cột E (Ngày sinh): '31/02/1980' không phải ngày hợp lệ (dd/mm/yyyy)",
			"Dòng 11, cột G (Số CCCD): Số CCCD có 11 chữ số, cần đủ 12 chữ số (có thể bị mất số 0 ở đầu khi nhập Excel)",
			"Dòng 12, cột B (Họ và tên): không được để trống",
		}
		if !reflect.DeepEqual(msgs, want) {
			t.Fatalf("errors:\n%s\nwant:\n%s", strings.Join(msgs, "\n"), strings.Join(want, "\n"))
		}
		// The dates of the preview are dates, a date cell's serial number included.
		birth := -1
		for j, c := range p.Kind.Columns {
			if c.Field == "birth" {
				birth = j
			}
		}
		if got := []string{p.Sample[0][birth], p.Sample[1][birth], p.Sample[3][birth]}; !reflect.DeepEqual(got, []string{"12/05/1980", "15/08/1990", "01/09/1975"}) {
			t.Errorf("preview birth dates %q", got)
		}
		if _, _, err := svc.StartImport(ctx, &f.ClerkA, id, nil); tdkt.CodeOf(err) != tdkt.EInvalid {
			t.Fatalf("start with bad rows: %v, want invalid", err)
		}

		// The corrected file: the names that match no unit wait for the clerk.
		id, err = svc.StageImport(ctx, &f.ClerkA, "staff", "danh-sach-can-bo-van-phong-da-sua.xlsx", officeFile(t, true))
		if err != nil {
			t.Fatal(err)
		}
		p, err = svc.PreviewImport(ctx, &f.ClerkA, id, nil)
		if err != nil {
			t.Fatal(err)
		}
		if len(p.Errors) != 0 {
			t.Fatalf("errors in the corrected file: %v", p.Errors)
		}
		if len(p.Units) != 2 || p.UnitsUndecided != 2 {
			t.Fatalf("units to decide: %+v, want the two names without a unit", p.Units)
		}
		culture, army := p.Units[0], p.Units[1]
		if culture.Name != "Phòng Văn hóa – Xã hội" || !reflect.DeepEqual(culture.Rows, []int{6, 8, 11}) || culture.Closest != nil {
			t.Errorf("first unit %+v", culture)
		}
		if army.Name != "Ban Chỉ huy Quân sự" || !reflect.DeepEqual(army.Rows, []int{7, 9, 12}) || army.Closest == nil || army.Closest.ID != military.ID {
			t.Errorf("second unit %+v, want %q offered as the closest", army, military.Name)
		}
		if len(p.Duplicates) != 1 || p.Duplicates[0].Row != 8 || p.Duplicates[0].PersonID != f.PersonA.ID || p.Duplicates[0].Decision != core.DecideMerge {
			t.Fatalf("duplicates %+v, want row 8 as PersonA, to merge", p.Duplicates)
		}
		if _, _, err := svc.StartImport(ctx, &f.ClerkA, id, nil); tdkt.CodeOf(err) != tdkt.EInvalid || !strings.Contains(err.Error(), "tên đơn vị") {
			t.Fatalf("start with undecided units: %v", err)
		}
		if n := count(t, db, `SELECT count(*) FROM orgs`); n != orgs {
			t.Fatalf("orgs %d before the commit, want %d", n, orgs)
		}

		// A unit outside the clerk's subtree cannot be chosen.
		if err := svc.SetImportUnits(ctx, &f.ClerkA, id, 0, map[string]int64{army.Key: f.CommuneB.ID}); tdkt.CodeOf(err) != tdkt.EInvalid {
			t.Fatalf("choosing another commune: %v", err)
		}
		if err := svc.SetImportUnits(ctx, &f.ClerkA, id, 0, map[string]int64{culture.Key: core.UnitCreate, army.Key: military.ID}); err != nil {
			t.Fatal(err)
		}
		audits := auditCount(t, db)
		rep, pr, err := svc.RunImport(ctx, &f.ClerkA, id, nil, func(int64, int64, string) {})
		if err != nil {
			t.Fatalf("import: %v (%v)", err, pr.Errors)
		}
		if rep.Created != 7 || rep.Merged != 1 {
			t.Fatalf("report %+v, want 7 created and 1 merged", rep)
		}
		if n := count(t, db, `SELECT count(*) FROM people`); n != people+7 {
			t.Errorf("people %d, want %d", n, people+7)
		}
		// One new sub-unit, under the clerk's unit, audited.
		if n := count(t, db, `SELECT count(*) FROM orgs`); n != orgs+1 {
			t.Fatalf("orgs %d, want one more", n)
		}
		var culturalID int64
		if err := db.View(ctx, func(tx *sqldb.Tx) (err error) {
			culturalID, err = tx.Int(ctx, `SELECT id FROM orgs WHERE name = ? AND parent_id = ? AND level = ?`, "Phòng Văn hóa – Xã hội", f.CommuneA.ID, string(core.SubUnitLevel))
			return err
		}); err != nil {
			t.Fatalf("the created sub-unit: %v", err)
		}
		if n := count(t, db, `SELECT count(*) FROM audit_events WHERE action = 'create' AND entity = 'org' AND entity_id = ?`, culturalID); n != 1 {
			t.Errorf("%d audit events for the created unit", n)
		}
		if n := auditCount(t, db); n <= audits {
			t.Error("the import was not audited")
		}
		// Every person in their named unit.
		for name, org := range map[string]int64{"Trần Văn An": culturalID, "Nguyễn Thị Hồng Nhung": culturalID, "Đỗ Thị Em": culturalID,
			"Lê Thị Bình": military.ID, "Phạm Văn Cường": military.ID, "Lý Văn Hải": military.ID, "Hoàng Văn Dũng": finance.ID, "Vũ Đức Giang": finance.ID} {
			if n := count(t, db, `SELECT count(*) FROM people WHERE full_name = ? AND org_id = ?`, name, org); n != 1 {
				t.Errorf("%s: %d in unit %d", name, n, org)
			}
		}
		// The merged person keeps what the file does not say.
		var got tdkt.Person
		if err := db.View(ctx, func(tx *sqldb.Tx) (err error) {
			got, _, err = tx.PersonByID(ctx, f.PersonA.ID)
			return err
		}); err != nil {
			t.Fatal(err)
		}
		a := f.PersonA
		if !got.Leader || got.Position != a.Position || got.CCCD != a.CCCD || got.Ethnicity != a.Ethnicity || got.HiredOn != a.HiredOn || got.Group != a.Group {
			t.Errorf("merged person %+v lost fields the file does not have (was %+v, leader)", got, a)
		}
	})
}

// TestImportRecordsByUnitName: a file of records may name its units too; a name
// found in the subtree (without diacritics and case) serves, an unknown one is an
// error of its row — records never create units.
func TestImportRecordsByUnitName(t *testing.T) {
	tdkttest.EachDB(t, func(t *testing.T, db *sqldb.DB) {
		f := tdkttest.NewFixture(t, db)
		ctx := context.Background()
		csv := "Đơn vị,Họ và tên,Ngày sinh,Năm,Xếp loại\n" +
			"uy ban nhan dan xa dong hoa,Nguyễn Thị Hồng Nhung,02/04/1985,2022,HTTNV\n" +
			"Phòng Không Có,Nguyễn Thị Hồng Nhung,02/04/1985,2021,HTTNV\n"
		id, err := f.Svc.StageImport(ctx, &f.ClerkA, "ratings", "xep-loai.csv", []byte(csv))
		if err != nil {
			t.Fatal(err)
		}
		p, err := f.Svc.PreviewImport(ctx, &f.ClerkA, id, nil)
		if err != nil {
			t.Fatal(err)
		}
		if len(p.Errors) != 1 || p.Errors[0].Row != 3 || p.Errors[0].Column != "A" || !strings.Contains(p.Errors[0].Message, "«Phòng Không Có»") {
			t.Fatalf("errors %v, want row 3's unknown unit only", p.Errors)
		}
		if len(p.Units) != 0 {
			t.Errorf("a file of records offers to create units: %+v", p.Units)
		}
	})
}

// TestImportWholeFileUnit: a file without a unit column waits for a unit picked for
// all its rows; the new people go there, and a merged person stays where they are
// (the picked unit is not the file's).
func TestImportWholeFileUnit(t *testing.T) {
	tdkttest.EachDB(t, func(t *testing.T, db *sqldb.DB) {
		f := tdkttest.NewFixture(t, db)
		ctx := context.Background()
		office := tdkt.Org{Code: "X01-VP", Name: "Văn phòng HĐND và UBND", Level: tdkt.LevelPublicUnit, ParentID: f.CommuneA.ID}
		if err := f.Svc.SaveOrg(ctx, nil, &office); err != nil {
			t.Fatal(err)
		}
		csv := "Họ và tên,Giới tính,Ngày sinh\nNguyễn Thị Hồng Nhung,Nữ,02/04/1985\nLê Văn Mới,Nam,01/01/1990\n"
		id, err := f.Svc.StageImport(ctx, &f.ClerkA, "staff", "ds.csv", []byte(csv))
		if err != nil {
			t.Fatal(err)
		}
		p, err := f.Svc.PreviewImport(ctx, &f.ClerkA, id, nil)
		if err != nil {
			t.Fatal(err)
		}
		if !p.NeedsOrg || len(p.Errors) != 1 || !strings.Contains(p.Errors[0].Message, "chọn một đơn vị cho cả tệp") {
			t.Fatalf("no unit column: needs %v, errors %v", p.NeedsOrg, p.Errors)
		}
		names := []string{}
		for _, o := range p.Orgs {
			names = append(names, o.Name)
		}
		if want := []string{"Ủy ban nhân dân xã Đông Hòa", "Văn phòng HĐND và UBND"}; !reflect.DeepEqual(names, want) {
			t.Errorf("the picker offers %q, want %q (the subtree, Vietnamese order)", names, want)
		}
		if err := f.Svc.SetImportUnits(ctx, &f.ClerkA, id, office.ID, nil); err != nil {
			t.Fatal(err)
		}
		rep, pr, err := f.Svc.RunImport(ctx, &f.ClerkA, id, nil, func(int64, int64, string) {})
		if err != nil || rep.Created != 1 || rep.Merged != 1 {
			t.Fatalf("import: %+v %v %v", rep, err, pr.Errors)
		}
		if n := count(t, db, `SELECT count(*) FROM people WHERE full_name = ? AND org_id = ?`, "Lê Văn Mới", office.ID); n != 1 {
			t.Error("the new person is not in the picked unit")
		}
		if n := count(t, db, `SELECT count(*) FROM people WHERE id = ? AND org_id = ?`, f.PersonA.ID, f.CommuneA.ID); n != 1 {
			t.Error("the merged person was moved to the picked unit")
		}
	})
}
