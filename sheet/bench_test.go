package sheet_test

import (
	"errors"
	"testing"

	"tdkt/sheet"
	"tdkt/sheet/xlsxbomb"
)

// BenchmarkReadBombs reports what refusing each hostile file of the security audit
// allocates (B/op): the shared string of 4 MB in 100 cells, the sheet of 300 MB,
// the 8,000,000 shared strings. scripts/bench-import-mem.sh measures the server.
func BenchmarkReadBombs(b *testing.B) {
	for _, c := range []struct {
		name  string
		build func() ([]byte, error)
	}{
		{"shared-string", xlsxbomb.SharedStringBomb},
		{"zip-bomb", func() ([]byte, error) { return xlsxbomb.RowBomb(300) }},
		{"tiny-strings", func() ([]byte, error) { return xlsxbomb.TinyStrings(8_000_000) }},
	} {
		file, err := c.build()
		if err != nil {
			b.Fatal(err)
		}
		b.Run(c.name, func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				var lim *sheet.LimitError
				if _, err := sheet.Read(file, known); !errors.As(err, &lim) {
					b.Fatalf("read: %v", err)
				}
			}
		})
	}
}
