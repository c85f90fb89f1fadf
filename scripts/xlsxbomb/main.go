// Command xlsxbomb writes the files of the import's memory benchmark
// (scripts/bench-import-mem.sh) into a folder:
//
//	go run ./scripts/xlsxbomb -out DIR [-unit CODE] [-rows N]
//
// shared-string.xlsx: one shared string of 4 MB that 100 cells refer to (the file of
// the security audit); zip-bomb.xlsx: a sheet of 300 MB of repeated rows;
// tiny-strings.xlsx: 8,000,000 shared strings of one letter; staff.xlsx: a real staff
// list of N people (default 100,000) of the unit CODE, with the template's columns.
package main

import (
	"bytes"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"time"

	"tdkt/core"
	"tdkt/sheet"
	"tdkt/sheet/xlsxbomb"
)

func main() {
	out := flag.String("out", ".", "folder to write the files into")
	unit := flag.String("unit", "X01", "code of the unit of the staff list")
	rows := flag.Int("rows", 100_000, "people in the staff list")
	flag.Parse()
	files := map[string]func() ([]byte, error){
		"shared-string.xlsx": xlsxbomb.SharedStringBomb,
		"zip-bomb.xlsx":      func() ([]byte, error) { return xlsxbomb.RowBomb(300) },
		"tiny-strings.xlsx":  func() ([]byte, error) { return xlsxbomb.TinyStrings(8_000_000) },
		"staff.xlsx":         func() ([]byte, error) { return staff(*rows, *unit) },
	}
	for name, build := range files {
		b, err := build()
		if err == nil {
			err = os.WriteFile(filepath.Join(*out, name), b, 0o644)
		}
		if err != nil {
			fmt.Fprintln(os.Stderr, name+":", err)
			os.Exit(1)
		}
	}
}

// staff writes a staff list of n people of one unit as the template has it: dates
// typed as text, valid citizen IDs (as core's import benchmark writes it).
func staff(n int, unit string) ([]byte, error) {
	family := []string{"Nguyễn", "Trần", "Lê", "Phạm", "Hoàng", "Huỳnh", "Phan", "Vũ", "Võ", "Đặng"}
	middle := []string{"Văn", "Thị", "Hữu", "Đức", "Minh", "Thanh", "Ngọc", "Quang", "Hồng", "Xuân"}
	given := []string{"An", "Bình", "Cường", "Dũng", "Giang", "Hà", "Hải", "Hạnh", "Hiếu", "Hòa", "Hùng", "Hương", "Khánh", "Lan", "Linh",
		"Long", "Mai", "Nam", "Nga", "Nhung", "Phúc", "Phương", "Quân", "Sơn", "Tâm", "Thảo", "Trang", "Tuấn", "Vân", "Yến"}
	k, _ := core.ImportKindByCode("staff")
	var header []string
	for _, c := range k.Columns {
		header = append(header, c.Header)
	}
	var buf bytes.Buffer
	w, err := sheet.NewXLSX(&buf, "Danh sách", header...)
	if err != nil {
		return nil, err
	}
	combos := len(family) * len(middle) * len(given)
	base := time.Date(1960, 1, 1, 0, 0, 0, 0, time.UTC)
	for i := range n {
		c := i % combos
		birth := base.AddDate(0, 0, (i/combos)*97+c%300)
		sex, digit := "Nam", "0"
		if c%2 == 1 {
			sex, digit = "Nữ", "1"
		}
		if err := w.Row(unit, "", family[c%10]+" "+middle[c/10%10]+" "+given[c/100], sex, birth.Format("02/01/2006"), "Kinh",
			fmt.Sprintf("001%s%02d%06d", digit, birth.Year()%100, i), "Cán bộ, công chức, viên chức", "Chuyên viên", "Không", "01/09/2010"); err != nil {
			return nil, err
		}
	}
	if err := w.Close(); err != nil {
		return nil, err
	}
	return buf.Bytes(), nil
}
