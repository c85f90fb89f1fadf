package core

import (
	"strings"
	"testing"

	"tdkt/sheet"
)

// The cache of read files keeps no more than its budget of bytes: a table that
// would pass it drops the oldest, and one larger than the whole budget is not kept.
func TestParsedFilesBudget(t *testing.T) {
	table := func(rows int) *sheet.Table {
		tb := &sheet.Table{Header: []string{"Họ và tên"}}
		for i := range rows {
			tb.Rows = append(tb.Rows, sheet.Row{Num: i + 2, Cells: []string{strings.Repeat("x", 100)}})
		}
		return tb
	}
	one := table(10).Size() // 10 rows of 100 bytes and more
	if one < 1000 {
		t.Fatalf("a table of 1,000 bytes of text is estimated at %d bytes", one)
	}
	c := parsedFiles{budget: 2*one + one/2} // two tables fit, three do not
	reads := map[string]int{}
	get := func(key string, rows int) {
		t.Helper()
		if _, err := c.get(key, func() (*sheet.Table, error) { reads[key]++; return table(rows), nil }); err != nil {
			t.Fatal(err)
		}
	}
	get("a", 10)
	get("b", 10)
	get("a", 10)
	if reads["a"] != 1 || reads["b"] != 1 || c.bytes != 2*one {
		t.Fatalf("two tables within the budget: reads %v, %d bytes kept", reads, c.bytes)
	}
	get("c", 15) // 1.5 tables: with a and b past the budget, a (the oldest) goes
	if c.bytes > c.budget {
		t.Errorf("%d bytes kept, budget %d", c.bytes, c.budget)
	}
	get("b", 10)
	get("a", 10)
	if reads["a"] != 2 || reads["b"] != 1 {
		t.Errorf("after c: reads %v, want a read again and b kept", reads)
	}
	get("big", 30) // larger than the budget: read, returned, not kept
	get("big", 30)
	if reads["big"] != 2 || c.bytes > c.budget {
		t.Errorf("a table over the budget: read %d times, %d bytes kept of %d", reads["big"], c.bytes, c.budget)
	}
	if len(c.keys) != len(c.byID) || len(c.keys) > parsedKept {
		t.Errorf("keys %v for %d tables", c.keys, len(c.byID))
	}
}
