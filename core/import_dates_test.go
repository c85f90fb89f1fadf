package core_test

import (
	"context"
	"strings"
	"testing"

	"tdkt/sqldb"
	"tdkt/tdkttest"
)

// A year alone in a date column is an error naming the cell, not a day of 1905 (what
// the number would be as an Excel date serial); a real serial is still a date.
func TestImportYearOnlyDate(t *testing.T) {
	tdkttest.EachDB(t, func(t *testing.T, db *sqldb.DB) {
		f := tdkttest.NewFixture(t, db)
		ctx := context.Background()
		file := "Mã đơn vị,Họ và tên,Giới tính,Ngày sinh\nX01,Trần Văn Năm,Nam,1980\nX01,Lý Thị Sáu,Nữ,31048\n"
		id, err := f.Svc.StageImport(ctx, &f.ClerkA, "staff", "nam-sinh.csv", []byte(file))
		if err != nil {
			t.Fatal(err)
		}
		p, err := f.Svc.PreviewImport(ctx, &f.ClerkA, id, nil)
		if err != nil {
			t.Fatal(err)
		}
		if len(p.Errors) != 1 || p.Errors[0].Row != 2 || p.Errors[0].Column != "D" || !strings.Contains(p.Errors[0].Message, "chỉ có năm") {
			t.Fatalf("errors %+v, want one for row 2, column D", p.Errors)
		}
	})
}
