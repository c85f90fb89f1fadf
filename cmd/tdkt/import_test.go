package main

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"tdkt/sqldb"
	"tdkt/tdkttest"
)

// TestImportCommand imports a CSV staff list from the command line, as a clerk's
// account, with progress on standard error; a bad file is refused with its rows named.
func TestImportCommand(t *testing.T) {
	tdkttest.EachDB(t, func(t *testing.T, db *sqldb.DB) {
		f := tdkttest.NewFixture(t, db)
		dir := t.TempDir()
		keyFile := filepath.Join(dir, "audit.key") // the fixture's key, as the installation keeps it
		if err := os.WriteFile(keyFile, f.Svc.AuditTrail.Key, 0o600); err != nil {
			t.Fatal(err)
		}
		env := map[string]string{"TDKT_AUDIT_KEY_FILE": keyFile, "TDKT_AUDIT_CHECKPOINTS_FILE": f.Svc.AuditTrail.Checkpoints}
		bad := filepath.Join(dir, "bad.csv")
		good := filepath.Join(dir, "ds.csv")
		head := "\ufeffDANH SÁCH CÁN BỘ\nMã đơn vị;Họ và tên;Giới tính;Ngày sinh;Số CCCD\n"
		os.WriteFile(bad, []byte(head+"X01;Lê Văn Tám;Nam;31/02/1980;\nX02;Trần Thị Bé;Nữ;01/01/1990;\n"), 0o600)
		os.WriteFile(good, []byte(head+"X01;Lê Văn Tám;Nam;28/02/1980;\nX01;Trần Thị Bé;Nữ;01/01/1990;\n"), 0o600)
		_, stderr, err := runCmd(t, env, "", "import", "--db", db.URL, "--kind", "staff", "--as", "canbo.a", bad)
		if err == nil || !strings.Contains(stderr, "Dòng 3, cột D (Ngày sinh): '31/02/1980' không phải ngày hợp lệ") ||
			!strings.Contains(stderr, "Dòng 4, cột A (Mã đơn vị)") {
			t.Fatalf("bad file: %v\n%s", err, stderr)
		}
		_, stderr, err = runCmd(t, env, "", "import", "--db", db.URL, "--kind", "staff", "--as", "canbo.a", "--org", "X01", good)
		if err != nil || !strings.Contains(stderr, "[100%] 2/2") || !strings.Contains(stderr, "tạo mới 2") {
			t.Fatalf("good file: %v\n%s", err, stderr)
		}
		var n int64
		db.View(context.Background(), func(tx *sqldb.Tx) (err error) {
			n, err = tx.Int(context.Background(), `SELECT count(*) FROM people p JOIN orgs o ON o.id = p.org_id WHERE o.code = 'X01'`)
			return err
		})
		if n != 3 {
			t.Errorf("%d people in X01, want 3", n)
		}
		// The import's rows are covered by its one event: the database verifies clean.
		if out, stderr, err := runCmd(t, env, "", "audit", "verify", "--db", db.URL); err != nil || !strings.Contains(out, "toàn vẹn") {
			t.Errorf("audit verify after the import: %v %s %s", err, out, stderr)
		}
		if _, stderr, err = runCmd(t, env, "", "import", "--db", db.URL, "--kind", "staff", "--as", "canbo.a", "--org", "X02", good); err == nil {
			t.Errorf("import into another commune was accepted: %s", stderr)
		}
	})
}

// TestImportCommandCreateUnits imports the office's staff list, whose units are
// named and not yet in the records: without --create-units every such row is an
// error naming the row and the unit and nothing is written; with it, the names
// become sub-units of the clerk's commune and every person is in theirs.
func TestImportCommandCreateUnits(t *testing.T) {
	tdkttest.EachDB(t, func(t *testing.T, db *sqldb.DB) {
		f := tdkttest.NewFixture(t, db)
		ctx := context.Background()
		dir := t.TempDir()
		keyFile := filepath.Join(dir, "audit.key")
		if err := os.WriteFile(keyFile, f.Svc.AuditTrail.Key, 0o600); err != nil {
			t.Fatal(err)
		}
		env := map[string]string{"TDKT_AUDIT_KEY_FILE": keyFile, "TDKT_AUDIT_CHECKPOINTS_FILE": f.Svc.AuditTrail.Checkpoints}
		file := "../../testdata/imports/danh-sach-can-bo-van-phong-da-sua.xlsx"
		num := func(q string, args ...any) (n int64) {
			t.Helper()
			if err := db.View(ctx, func(tx *sqldb.Tx) (err error) { n, err = tx.Int(ctx, q, args...); return err }); err != nil {
				t.Fatal(err)
			}
			return n
		}
		people, orgs := num(`SELECT count(*) FROM people`), num(`SELECT count(*) FROM orgs`)
		_, stderr, err := runCmd(t, env, "", "import", "--db", db.URL, "--kind", "staff", "--as", "canbo.a", file)
		for _, w := range []string{
			"Dòng 6, cột C (Đơn vị): đơn vị «Phòng Văn hóa – Xã hội» chưa có trong phạm vi của bạn; dùng --create-units",
			"Dòng 7, cột C (Đơn vị): đơn vị «Ban Chỉ huy Quân sự» chưa có",
			"Dòng 13, cột C (Đơn vị): đơn vị «Phòng Tài chính - Kế Hoạch» chưa có",
		} {
			if !strings.Contains(stderr, w) {
				t.Errorf("without --create-units, stderr lacks %q", w)
			}
		}
		if err == nil || strings.Count(stderr, "chưa có trong phạm vi") != 8 {
			t.Fatalf("without --create-units: %v\n%s", err, stderr)
		}
		if num(`SELECT count(*) FROM people`) != people || num(`SELECT count(*) FROM orgs`) != orgs {
			t.Fatal("a refused import wrote people or units")
		}
		_, stderr, err = runCmd(t, env, "", "import", "--db", db.URL, "--kind", "staff", "--as", "canbo.a", "--create-units", file)
		if err != nil || !strings.Contains(stderr, "tạo mới 7") || !strings.Contains(stderr, "gộp 1") {
			t.Fatalf("--create-units: %v\n%s", err, stderr)
		}
		if n := num(`SELECT count(*) FROM orgs WHERE parent_id = ? AND level = 'don_vi_su_nghiep'`, f.CommuneA.ID); n != 3 {
			t.Errorf("%d sub-units under the commune, want 3", n)
		}
		for name, unit := range map[string]string{"Trần Văn An": "Phòng Văn hóa – Xã hội", "Nguyễn Thị Hồng Nhung": "Phòng Văn hóa – Xã hội",
			"Lý Văn Hải": "Ban Chỉ huy Quân sự", "Vũ Đức Giang": "Phòng Tài chính - Kế Hoạch"} {
			if n := num(`SELECT count(*) FROM people p JOIN orgs o ON o.id = p.org_id WHERE p.full_name = ? AND o.name = ?`, name, unit); n != 1 {
				t.Errorf("%s: %d in %s", name, n, unit)
			}
		}
		if out, stderr, err := runCmd(t, env, "", "audit", "verify", "--db", db.URL); err != nil || !strings.Contains(out, "toàn vẹn") {
			t.Errorf("audit verify after the import: %v %s %s", err, out, stderr)
		}
	})
}
