package core_test

import (
	"context"
	"errors"
	"strings"
	"testing"

	"tdkt"
	"tdkt/sheet/xlsxbomb"
	"tdkt/sqldb"
	"tdkt/tdkttest"
)

// A workbook past the reader's bounds is refused at the upload with the reader's
// message on the file field, and nothing is stored: no import, no audit event.
func TestStageImportRefusesBombs(t *testing.T) {
	tdkttest.EachDB(t, func(t *testing.T, db *sqldb.DB) {
		f := tdkttest.NewFixture(t, db)
		ctx := context.Background()
		imports, audits := count(t, db, `SELECT count(*) FROM imports`), auditCount(t, db)
		for _, c := range []struct {
			name  string
			build func() ([]byte, error)
			want  string
		}{
			{"shared string", xlsxbomb.SharedStringBomb, "Ô B2 dài hơn 32.767 ký tự"},
			{"zip bomb", func() ([]byte, error) { return xlsxbomb.RowBomb(300) }, "Tệp Excel quá lớn khi giải nén"},
		} {
			file, err := c.build()
			if err != nil {
				t.Fatal(err)
			}
			_, err = f.Svc.StageImport(ctx, &f.ClerkA, "staff", c.name+".xlsx", file)
			var e *tdkt.Error
			if !errors.As(err, &e) || e.Code != tdkt.EInvalid || !strings.Contains(e.Fields["file"], c.want) {
				t.Errorf("%s: %v, want Invalid with %q on the file", c.name, err, c.want)
			}
		}
		if got := count(t, db, `SELECT count(*) FROM imports`); got != imports {
			t.Errorf("%d imports stored after the refusals, want %d", got, imports)
		}
		if got := auditCount(t, db); got != audits {
			t.Errorf("%d audit events after the refusals, want %d", got, audits)
		}
	})
}
