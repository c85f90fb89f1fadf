package vn

import (
	"encoding/hex"
	"sort"
	"sync"

	"golang.org/x/text/collate"
	"golang.org/x/text/language"
)

var (
	collMu sync.Mutex // a Collator is not safe for concurrent use
	coll   = collate.New(language.Vietnamese)
)

// Compare orders two strings the Vietnamese way (a < á < ă < â … d < đ), returning
// -1, 0 or +1.
func Compare(a, b string) int {
	collMu.Lock()
	defer collMu.Unlock()
	return coll.CompareString(a, b)
}

// SortNames sorts items by a name in Vietnamese order; a Vietnamese name is sorted by
// its given name first, then the full name, as official lists do.
func SortNames[T any](items []T, name func(T) string) {
	sort.SliceStable(items, func(i, j int) bool {
		a, b := name(items[i]), name(items[j])
		if c := Compare(GivenName(a), GivenName(b)); c != 0 {
			return c < 0
		}
		return Compare(a, b) < 0
	})
}

// GivenName is the last word of a Vietnamese full name ("Nguyễn Thị Hồng Nhung" → "Nhung").
func GivenName(full string) string {
	for i := len(full) - 1; i >= 0; i-- {
		if full[i] == ' ' {
			return full[i+1:]
		}
	}
	return full
}

var keyBuf collate.Buffer

// SortKey returns a text key whose byte order is the Vietnamese order of names (given
// name first, then the full name). Stored beside a name, it lets both databases sort
// by an ordinary index instead of calling a collation for every comparison.
func SortKey(fullName string) string {
	collMu.Lock()
	defer collMu.Unlock()
	// The given name's key, a zero separator, then the full name's key: the same order
	// as SortNames, which compares given names first.
	g := hex.EncodeToString(coll.KeyFromString(&keyBuf, GivenName(fullName)))
	keyBuf.Reset()
	f := hex.EncodeToString(coll.KeyFromString(&keyBuf, fullName))
	keyBuf.Reset()
	return g + "0000" + f
}
