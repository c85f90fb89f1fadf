// Package vn handles Vietnamese text on purpose: NFC normalisation at the edges,
// folding for search that ignores diacritics and case, Vietnamese collation for
// sorting, and the formats a clerk expects (dd/mm/yyyy dates, 1.234.567 đ money).
package vn
