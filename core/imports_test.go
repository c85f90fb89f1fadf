package core_test

import (
	"context"
	"database/sql"
	"strings"
	"testing"

	"golang.org/x/text/unicode/norm"

	"tdkt"
	"tdkt/core"
	"tdkt/sqldb"
	"tdkt/tdkttest"
)

func count(t testing.TB, db *sqldb.DB, query string, args ...any) int64 {
	t.Helper()
	var n int64
	if err := db.View(context.Background(), func(tx *sqldb.Tx) (err error) {
		n, err = tx.Int(context.Background(), query, args...)
		return err
	}); err != nil {
		t.Fatal(err)
	}
	return n
}

// staffSheet is a staff list as a commune office keeps it: a title row, a blank row,
// a two-row header whose group titles are merged across columns, dates typed as text
// in three ways and one real date cell, a name in NFD, a name built by a formula,
// PersonA of the fixture again (in lower case, birth date as d/m/yyyy), a person
// close to one already recorded, and — unless fixed — three bad rows.
func staffSheet(fixed bool) tdkttest.OfficeSheet {
	badDate, badUnit, badCCCD := "31/02/1980", "X02", "12345"
	if fixed {
		badDate, badUnit, badCCCD = "28/02/1980", "X01", "001088111222"
	}
	return tdkttest.OfficeSheet{
		Rows: [][]any{
			{"DANH SÁCH CÁN BỘ, CÔNG CHỨC XÃ ĐÔNG HÒA NĂM 2026"},
			{},
			{"STT", "Mã đơn vị", "Họ và tên", "Thông tin cá nhân", nil, nil, nil, "Số CCCD", "Công tác"},
			{nil, nil, nil, "Giới tính", "Ngày sinh", "Dân tộc", "Nhóm đối tượng", nil, "Chức vụ", "Lãnh đạo", "Ngày tuyển dụng"},
			{1, "X01", norm.NFD.String("Lê Văn Tám"), "Nam", "12/05/1980", "Kinh", "Cán bộ, công chức, viên chức", "001080123456", "Chuyên viên", "Không", "1/9/2005"},
			{2, "X01", nil, "Nữ", tdkttest.Date{Serial: 33055}, "Tày", "", "001190765432", "Kế toán", "", "2015-03-01"},
			{3, "x01", "nguyễn thị hồng nhung", "nữ", "2/4/1985", "Kinh", "", "", "Phó Chủ tịch UBND xã", "Có", ""},
			{4, "X01", "Hoàng Văn Bảy", "Nam", badDate, "Kinh", "", "", "Văn thư", "", ""},
			{5, badUnit, "Trịnh Thị Tư", "Nữ", "03/03/1990", "Mường", "", "", "", "", ""},
			{6, "X01", "Vũ Đức Minh", "Nam", "15/08/1988", "Kinh", "Lực lượng vũ trang", badCCCD, "Chỉ huy trưởng quân sự", "có", ""},
			{7, "X01", "Đỗ Văn Hùng", "Nam", "1970-06-15", "Kinh", "", "", "Bảo vệ", "", ""},
		},
		Merges: []string{"A1:K1", "A3:A4", "B3:B4", "C3:C4", "D3:G3", "H3:H4", "I3:K3"},
		// 1990-07-01 is serial 33055.
		Formulas: map[string]tdkttest.Formula{"C6": {Expr: `CONCATENATE("Phạm ","Thị Mai")`, Cached: "Phạm Thị Mai"}},
	}
}

func TestImportStaffFromOfficeFile(t *testing.T) {
	tdkttest.EachDB(t, func(t *testing.T, db *sqldb.DB) {
		f := tdkttest.NewFixture(t, db)
		ctx := context.Background()
		svc := f.Svc
		hung := tdkt.Person{OrgID: f.CommuneA.ID, FullName: "Đỗ Văn Hùng", Sex: tdkt.Male, BirthDate: "1970-01-10", Group: tdkt.GroupOfficials}
		if err := svc.CreatePerson(ctx, &f.ClerkA, &hung); err != nil {
			t.Fatal(err)
		}
		people := count(t, db, `SELECT count(*) FROM people`)
		audits := auditCount(t, db)

		// The file with three bad rows: every one named by row and column, nothing written.
		id, err := svc.StageImport(ctx, &f.ClerkA, "staff", "DS can bo.xlsx", tdkttest.XLSX(t, staffSheet(false)))
		if err != nil {
			t.Fatal(err)
		}
		p, err := svc.PreviewImport(ctx, &f.ClerkA, id, nil)
		if err != nil {
			t.Fatal(err)
		}
		if p.HeaderRow != 4 || p.Rows != 7 {
			t.Fatalf("header row %d, %d rows; want 4 and 7 (header %q)", p.HeaderRow, p.Rows, p.Header)
		}
		var msgs []string
		for _, e := range p.Errors {
			msgs = append(msgs, e.String())
		}
		want := []string{
			"Dòng 8, cột E (Ngày sinh): '31/02/1980' không phải ngày hợp lệ (dd/mm/yyyy)",
			"Dòng 9, cột B (Mã đơn vị): mã đơn vị 'X02' không có hoặc nằm ngoài phạm vi của bạn",
			"Dòng 10, cột H (Số CCCD): Số CCCD có 5 chữ số, cần đủ 12 chữ số",
		}
		if len(msgs) != len(want) {
			t.Fatalf("errors:\n%s\nwant %d", strings.Join(msgs, "\n"), len(want))
		}
		for i, w := range want {
			if !strings.HasPrefix(msgs[i], w) {
				t.Errorf("error %d = %q, want it to start with %q", i, msgs[i], w)
			}
		}
		if _, _, err := svc.StartImport(ctx, &f.ClerkA, id, nil); tdkt.CodeOf(err) != tdkt.EInvalid {
			t.Fatalf("start with bad rows: %v, want invalid", err)
		}
		if n := count(t, db, `SELECT count(*) FROM imports WHERE id = ? AND errors LIKE '%31/02/1980%'`, id); n != 1 {
			t.Error("the refused import does not keep its errors")
		}
		if n := count(t, db, `SELECT count(*) FROM people`); n != people {
			t.Fatalf("people: %d after a refused import, want %d", n, people)
		}
		if n := count(t, db, `SELECT count(*) FROM jobs`); n != 0 {
			t.Fatalf("%d jobs queued for a refused import", n)
		}

		// The fixed file: the duplicates are offered, the close match waits for a decision.
		id, err = svc.StageImport(ctx, &f.ClerkA, "staff", "DS can bo (da sua).xlsx", tdkttest.XLSX(t, staffSheet(true)))
		if err != nil {
			t.Fatal(err)
		}
		p, err = svc.PreviewImport(ctx, &f.ClerkA, id, nil)
		if err != nil {
			t.Fatal(err)
		}
		if len(p.Errors) != 0 {
			t.Fatalf("fixed file has errors: %v", p.Errors)
		}
		if len(p.Duplicates) != 2 || p.Undecided != 1 {
			t.Fatalf("duplicates %+v, undecided %d; want PersonA (exact) and Đỗ Văn Hùng (close)", p.Duplicates, p.Undecided)
		}
		exact, close := p.Duplicates[0], p.Duplicates[1]
		if exact.Row != 7 || exact.PersonID != f.PersonA.ID || exact.Close || exact.Decision != core.DecideMerge {
			t.Errorf("exact duplicate %+v", exact)
		}
		if close.Row != 11 || close.PersonID != hung.ID || !close.Close || close.Decision != "" {
			t.Errorf("close match %+v", close)
		}
		if _, _, err := svc.StartImport(ctx, &f.ClerkA, id, nil); tdkt.CodeOf(err) != tdkt.EInvalid {
			t.Fatalf("start with an undecided close match: %v, want invalid", err)
		}
		// Cancelled before it ran, the commit can be started again.
		jobID, _, err := svc.StartImport(ctx, &f.ClerkA, id, map[int]string{7: core.DecideMerge, 11: core.DecideNew})
		if err != nil {
			t.Fatal(err)
		}
		if err := svc.CancelJob(ctx, &f.ClerkA, jobID); err != nil {
			t.Fatal(err)
		}
		jobID, _, err = svc.StartImport(ctx, &f.ClerkA, id, map[int]string{7: core.DecideMerge, 11: core.DecideNew})
		if err != nil {
			t.Fatalf("start again after a cancel: %v", err)
		}
		if n := count(t, db, `SELECT count(*) FROM people`); n != people {
			t.Fatalf("people written before the job ran: %d", n)
		}
		w := svc.NewWorker(core.WorkerConfig{Owner: "test"})
		if worked, err := w.RunOne(ctx); err != nil || !worked {
			t.Fatalf("worker: %v, worked %v", err, worked)
		}
		job, err := svc.Job(ctx, &f.ClerkA, jobID)
		if err != nil {
			t.Fatal(err)
		}
		if job.Status != sqldb.JobDone || job.Percent() != 100 {
			t.Fatalf("job %s (%s), %d%%", job.Status, job.Message, job.Percent())
		}
		if n := count(t, db, `SELECT count(*) FROM people`); n != people+6 {
			t.Fatalf("people: %d, want %d (six created, one merged)", n, people+6)
		}
		// One summarising audit event for the import, one for the merged person, the
		// cancel, and the queueing of each of the two jobs.
		if n := auditCount(t, db); n != audits+5 {
			t.Errorf("audit events: %d, want %d", n, audits+5)
		}
		imps, err := svc.Imports(ctx, &f.ClerkA)
		if err != nil {
			t.Fatal(err)
		}
		if imps[0].Status != "committed" || imps[0].Created != 6 || imps[0].Merged != 1 || imps[0].SHA256 == "" {
			t.Errorf("report %+v", imps[0])
		}

		// The records match the file.
		type row struct{ name, birth, cccd, org, position, hired, group string }
		got := map[string]row{}
		err = db.View(ctx, func(tx *sqldb.Tx) error {
			return tx.Each(ctx, `SELECT p.full_name, p.birth_date, COALESCE(p.cccd, ''), o.code, p.position, p.hired_on, p.grp FROM people p JOIN orgs o ON o.id = p.org_id`,
				nil, func(r *sql.Rows) error {
					var x row
					err := r.Scan(&x.name, &x.birth, &x.cccd, &x.org, &x.position, &x.hired, &x.group)
					got[x.name+" "+x.birth] = x
					return err
				})
		})
		if err != nil {
			t.Fatal(err)
		}
		for _, w := range []row{
			{"Lê Văn Tám", "1980-05-12", "001080123456", "X01", "Chuyên viên", "2005-09-01", "can_bo_cong_chuc"},
			{"Phạm Thị Mai", "1990-07-01", "001190765432", "X01", "Kế toán", "2015-03-01", "can_bo_cong_chuc"},
			{"Nguyễn Thị Hồng Nhung", "1985-04-02", "001185012345", "X01", "Phó Chủ tịch UBND xã", "2010-09-01", "can_bo_cong_chuc"},
			{"Hoàng Văn Bảy", "1980-02-28", "", "X01", "Văn thư", "", "can_bo_cong_chuc"},
			{"Trịnh Thị Tư", "1990-03-03", "", "X01", "", "", "can_bo_cong_chuc"},
			{"Vũ Đức Minh", "1988-08-15", "001088111222", "X01", "Chỉ huy trưởng quân sự", "", "luc_luong_vu_trang"},
			{"Đỗ Văn Hùng", "1970-06-15", "", "X01", "Bảo vệ", "", "can_bo_cong_chuc"},
			{"Đỗ Văn Hùng", "1970-01-10", "", "X01", "", "", "can_bo_cong_chuc"},
		} {
			g, ok := got[w.name+" "+w.birth]
			if !ok {
				t.Errorf("%s (%s) is not in the records (NFC name expected)", w.name, w.birth)
				continue
			}
			if g != w {
				t.Errorf("stored %+v, want %+v", g, w)
			}
		}
		// The merged person keeps their lifelong record: the fixture's rating is still theirs.
		if n := count(t, db, `SELECT count(*) FROM ratings WHERE subject_id = ?`, f.PersonA.ID); n != 3 {
			t.Errorf("PersonA has %d ratings after the merge, want 3", n)
		}
		// Another commune's clerk does not see the import's job.
		if _, err := svc.Job(ctx, &f.ClerkB, jobID); tdkt.CodeOf(err) != tdkt.ENotFound {
			t.Errorf("another unit's job: %v, want not found", err)
		}
	})
}

// honoursSheet is a legacy list of past titles and reward decisions: a title and a
// note above the header, headers spelt differently from the template (aliases, no
// diacritics, a "(*)" mark), award names instead of codes, decision dates as text
// and as a date cell, a year typed as a number, and unless fixed three bad rows.
func honoursSheet(fixed bool) tdkttest.OfficeSheet {
	badAward, badDate, badPerson := "Chiến sĩ thi đua cấp huyện", "15/13/2023", "Nguyễn Văn Không Có"
	if fixed {
		badAward, badDate, badPerson = "Chiến sĩ thi đua cơ sở", "15/12/2023", "Trần Văn Đức"
	}
	return tdkttest.OfficeSheet{
		Rows: [][]any{
			{"QUÁ TRÌNH KHEN THƯỞNG (nhập bổ sung từ sổ theo dõi)"},
			{"Ghi chú: số liệu từ năm 2015"},
			{"Ma don vi", "HO TEN (*)", "Ngày sinh", "CCCD", "Danh hiệu", "Năm", "Loại hình", "Số QĐ", "Ngày QĐ", "Người ký", "Cấp khen", "Số tiền"},
			{"X01", "Nguyễn Thị Hồng Nhung", "02/04/1985", "001185012345", "Lao động tiên tiến", 2019, "Công trạng", "45/QĐ-UBND", "10/01/2020", "Lê Văn Minh", "UBND xã Đông Hòa", "0"},
			{"X01", "nguyen thi hong nhung", "2/4/1985", "", "Bằng khen của Bộ, ban, ngành, tỉnh", 2021, "", "1234/QĐ-UBND", tdkttest.Date{Serial: 44580}, "", "UBND tỉnh Thử Nghiệm", "1.490.000"},
			{"X01", "Nguyễn Thị Hồng Nhung", "02/04/1985", "", badAward, 2023, "Công trạng", "77/QĐ-UBND", badDate, "", "UBND xã Đông Hòa", ""},
			{"X02", badPerson, "20/11/1979", "", "Lao động tiên tiến", "2022", "", "12/QĐ-UBND", "05/01/2023", "", "UBND phường Ánh Dương", ""},
		},
		Merges: []string{"A1:L1", "A2:L2"},
	}
}

func TestImportLegacyDecisions(t *testing.T) {
	tdkttest.EachDB(t, func(t *testing.T, db *sqldb.DB) {
		f := tdkttest.NewFixture(t, db)
		ctx := context.Background()
		svc := f.Svc
		honours := count(t, db, `SELECT count(*) FROM honours`)
		id, err := svc.StageImport(ctx, &f.Admin, "honours", "khen-thuong-cu.xlsx", tdkttest.XLSX(t, honoursSheet(false)))
		if err != nil {
			t.Fatal(err)
		}
		p, err := svc.PreviewImport(ctx, &f.Admin, id, nil)
		if err != nil {
			t.Fatal(err)
		}
		var msgs []string
		for _, e := range p.Errors {
			msgs = append(msgs, e.String())
		}
		want := []string{
			"Dòng 6, cột E (Danh hiệu, hình thức): 'Chiến sĩ thi đua cấp huyện' không phải danh hiệu, hình thức trong danh mục",
			"Dòng 6, cột I (Ngày quyết định): '15/13/2023' không phải ngày hợp lệ",
			"Dòng 7: không tìm thấy cá nhân «Nguyễn Văn Không Có»",
		}
		if len(msgs) != len(want) {
			t.Fatalf("errors:\n%s\nwant %d", strings.Join(msgs, "\n"), len(want))
		}
		for i, w := range want {
			if !strings.HasPrefix(msgs[i], w) {
				t.Errorf("error %d = %q, want it to start with %q", i, msgs[i], w)
			}
		}
		if _, _, err := svc.StartImport(ctx, &f.Admin, id, nil); tdkt.CodeOf(err) != tdkt.EInvalid {
			t.Fatalf("start with bad rows: %v", err)
		}
		if n := count(t, db, `SELECT count(*) FROM honours`); n != honours {
			t.Fatalf("honours written by a refused import")
		}

		id, err = svc.StageImport(ctx, &f.Admin, "honours", "khen-thuong-cu.xlsx", tdkttest.XLSX(t, honoursSheet(true)))
		if err != nil {
			t.Fatal(err)
		}
		var progress []int64
		rep, p2, err := svc.RunImport(ctx, &f.Admin, id, nil, func(done, total int64, _ string) { progress = append(progress, done) })
		if err != nil {
			t.Fatalf("import: %v (%v)", err, p2.Errors)
		}
		if rep.Created != 4 || len(progress) == 0 {
			t.Errorf("report %+v, progress %v", rep, progress)
		}
		type hon struct {
			award, no, on, issuer, kind string
			year                        int
			amount                      int64
			person                      int64
		}
		var got []hon
		err = db.View(ctx, func(tx *sqldb.Tx) error {
			return tx.Each(ctx, `SELECT award_code, decision_no, decided_on, issuer, kind, year, amount_vnd, subject_id FROM honours
				WHERE decision_no <> '125/QĐ-UBND' ORDER BY decided_on`, nil, func(r *sql.Rows) error {
				var h hon
				err := r.Scan(&h.award, &h.no, &h.on, &h.issuer, &h.kind, &h.year, &h.amount, &h.person)
				got = append(got, h)
				return err
			})
		})
		if err != nil {
			t.Fatal(err)
		}
		wantH := []hon{
			{"lao_dong_tien_tien", "45/QĐ-UBND", "2020-01-10", "UBND xã Đông Hòa", "cong_trang", 2019, 0, f.PersonA.ID},
			{"bang_khen_bo_tinh", "1234/QĐ-UBND", "2022-01-19", "UBND tỉnh Thử Nghiệm", "cong_trang", 2021, 1490000, f.PersonA.ID},
			{"lao_dong_tien_tien", "12/QĐ-UBND", "2023-01-05", "UBND phường Ánh Dương", "cong_trang", 2022, 0, f.PersonB.ID},
			{"chien_si_thi_dua_co_so", "77/QĐ-UBND", "2023-12-15", "UBND xã Đông Hòa", "cong_trang", 2023, 0, f.PersonA.ID},
		}
		if len(got) != len(wantH) {
			t.Fatalf("honours %+v", got)
		}
		for i := range wantH {
			if got[i] != wantH[i] {
				t.Errorf("honour %d = %+v, want %+v", i, got[i], wantH[i])
			}
		}
		// The same file again adds nothing: every decision is already recorded.
		id, err = svc.StageImport(ctx, &f.Admin, "honours", "khen-thuong-cu.xlsx", tdkttest.XLSX(t, honoursSheet(true)))
		if err != nil {
			t.Fatal(err)
		}
		if rep, _, err = svc.RunImport(ctx, &f.Admin, id, nil, func(int64, int64, string) {}); err != nil || rep.Skipped != 4 || rep.Created != 0 {
			t.Errorf("second import: %+v, %v", rep, err)
		}
	})
}
