package sheet

import (
	"regexp"
	"strings"

	"tdkt/vn"
)

// Office lists have more than one header row (a row of group titles over a row of
// column names, then a row of years, "Năm 2024 | Năm 2025", or of column numbers,
// "(1) (2) (3)") and end with a signature block ("NGƯỜI LẬP BIỂU", "(Ký, ghi rõ họ
// tên)", the signer's name alone, "Hà Nội, ngày … tháng … năm …"). Both are left
// out of the list, so that they are not reported as rows with empty fields. The
// recognition is narrow on purpose: a header row is only one before the first data
// row whose every cell is a header's word, and a footer only the rows after the last
// data row that begin with a footer's words; anything else is data and is checked.

// columnNumber is a cell of a row that numbers the columns: "1", "(1)", "[1]", "1=2+3".
var columnNumber = regexp.MustCompile(`^[(\[]?\d{1,2}[)\]]?$|^\(?\d{1,2}\s*[=+\-*/x]\s*[\d+\-*/x() ]+\)?$`)

// yearHeading is a sub-column of a year: "Năm 2024", "2024", "Năm 2024 (đánh giá)".
var yearHeading = regexp.MustCompile(`^(nam )?(19|20)\d\d( \(.*\))?$`)

// subHeader reports whether a row just under the header is one more header row:
// every cell is the header's own (a merged cell copied down), a known column
// name, a column number or a year heading, and at least one cell is not the copy.
func subHeader(row, header []string, want map[string]bool) bool {
	own := false
	for j, c := range row {
		c = strings.TrimSpace(c)
		if c == "" {
			continue
		}
		f := foldHeader(c)
		switch {
		case j < len(header) && c == header[j]:
		case want[f], columnNumber.MatchString(c), yearHeading.MatchString(f):
			own = true
		default:
			return false
		}
	}
	return own
}

// footerWords begin the lines of a signature block, folded.
var footerWords = []string{"nguoi lap bieu", "nguoi lap", "thu truong", "(ky", "ky, ghi ro", "ky ghi ro", "ky ten", "ghi ro ho ten",
	"xac nhan", "t/m", "tm.", "tm ", "kt.", "kt ", "q.", "noi nhan", "ke toan truong", "lanh dao don vi", "dong dau"}

// placeDate is the line of place and date above the signatures: "Hà Nội, ngày 15 tháng 01 năm 2026".
var placeDate = regexp.MustCompile(`(^|, ?)ngay .*thang .*nam`)

// footerLine reports whether every filled cell of a row is a footer's words; a
// footer has few cells (a data row has a name, a date, a unit …).
func footerLine(r Row) bool {
	n := 0
	for _, c := range r.Cells {
		if strings.TrimSpace(c) == "" {
			continue
		}
		n++
		f := vn.Fold(c)
		ok := placeDate.MatchString(f)
		for _, w := range footerWords {
			ok = ok || strings.HasPrefix(f, w)
		}
		if !ok {
			return false
		}
	}
	return n > 0 && n <= 3
}

// signerLine is a row of one to three short cells without digits: the signers'
// names under the footer's titles.
func signerLine(r Row) bool {
	n := 0
	for _, c := range r.Cells {
		c = strings.TrimSpace(c)
		if c == "" {
			continue
		}
		n++
		if len([]rune(c)) > 60 || strings.ContainsAny(c, "0123456789@") {
			return false
		}
	}
	return n > 0 && n <= 3
}

// footerStart is the index of the first row of the signature block at the end of
// rows, or len(rows): the block begins with a footer line, and every row after
// it is a footer line or a signer's name.
func footerStart(rows []Row) int {
	start := len(rows)
	for i := len(rows) - 1; i >= 0; i-- {
		switch {
		case footerLine(rows[i]):
			start = i
		case signerLine(rows[i]):
			// A name is a signer's only below a footer line; decided when one is found.
		default:
			return start
		}
	}
	return start
}
