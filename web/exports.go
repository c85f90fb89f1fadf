package web

import (
	"fmt"
	"net/http"
	"strings"

	"tdkt/sheet"
	"tdkt/vn"
)

// The MIME types of the files the staff application hands out.
const (
	mimeCSV  = "text/csv; charset=utf-8"
	mimeXLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
	mimePDF  = "application/pdf"
)

// asciiName is a file name reduced to what every browser and file system takes:
// Vietnamese letters lose their marks (Đông Hòa → dong-hoa) and anything else that is
// not a letter, a digit, a dot or a dash becomes a dash.
func asciiName(name string) string {
	var b strings.Builder
	dash := false
	for _, r := range vn.Fold(name) {
		ok := r < 128 && (r >= 'a' && r <= 'z' || r >= '0' && r <= '9' || r == '.')
		switch {
		case ok:
			b.WriteRune(r)
			dash = false
		case !dash && b.Len() > 0:
			b.WriteByte('-')
			dash = true
		}
	}
	s := strings.Trim(strings.ReplaceAll(b.String(), "-.", "."), "-")
	if s == "" || strings.HasPrefix(s, ".") {
		s = "tep" + s
	}
	return s
}

// contentDisposition is an attachment header. A Vietnamese name is given twice (RFC
// 6266): an ASCII filename for old clients and a filename* in UTF-8; a name that is
// ASCII-safe already is given once.
func contentDisposition(name string) string {
	name = vn.NFC(name)
	ascii := asciiName(name)
	if ascii == name {
		return `attachment; filename="` + ascii + `"`
	}
	return `attachment; filename="` + ascii + `"; filename*=UTF-8''` + extValue(name)
}

// extValue percent-encodes a UTF-8 name for filename* (RFC 8187): every byte but the
// attr-chars (letters, digits and !#$&+-.^_`|~) is written as %XX.
func extValue(s string) string {
	var b strings.Builder
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c < 128 && (c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || strings.IndexByte("!#$&+-.^_`|~", c) >= 0) {
			b.WriteByte(c)
			continue
		}
		fmt.Fprintf(&b, "%%%02X", c)
	}
	return b.String()
}

// listFormat reads ?format= of a list page: "csv" or "xlsx" ask for the same list as
// a file, anything else for the page.
func listFormat(r *http.Request) string {
	switch f := r.URL.Query().Get("format"); f {
	case "csv", "xlsx":
		return f
	}
	return ""
}

// withFormat is the address of the page with ?format= set, the other filters kept:
// the download links of a list.
func withFormat(r *http.Request, format string) string {
	q := r.URL.Query()
	q.Set("format", format)
	q.Del("page")
	return r.URL.Path + "?" + q.Encode()
}

// sheetExport streams a list as CSV or XLSX. rows writes the lines; it runs before
// the first byte is sent for the small cost of the header, so that an error in the
// query (an organisation out of scope) is still an error page. An error after the
// first byte cuts the connection, so that the browser reports a failed download
// rather than keeping a truncated list.
func (h *handler) sheetExport(w http.ResponseWriter, r *http.Request, format, name, sheetName string, header []string,
	rows func(row func(cells ...any) error) error) {
	ctype := mimeCSV
	if format == "xlsx" {
		ctype = mimeXLSX
	}
	out := &download{w: w, ctype: ctype, name: name + "." + format}
	var sw sheet.Writer
	open := func() (err error) {
		if sw != nil {
			return nil
		}
		if format == "xlsx" {
			sw, err = sheet.NewXLSX(out, sheetName, header...)
		} else {
			sw, err = sheet.NewCSV(out, header...)
		}
		return err
	}
	err := rows(func(cells ...any) error {
		if err := open(); err != nil {
			return err
		}
		return sw.Row(cells...)
	})
	if err == nil {
		if err = open(); err == nil {
			err = sw.Close()
		}
	} else if sw != nil {
		out.discard = true
		sw.Close()
	}
	switch {
	case err == nil:
	case !out.started:
		h.fail(w, r, err, nil)
	default:
		if r.Context().Err() == nil {
			h.log.Error("download", "path", r.URL.Path, "err", err)
		}
		panic(http.ErrAbortHandler)
	}
}
