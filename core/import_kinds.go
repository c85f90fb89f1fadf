package core

import (
	"io"
	"strings"

	"tdkt"
	"tdkt/sheet"
	"tdkt/vn"
)

// ImportColumn describes one column of an import file: the field it fills, the
// Vietnamese header of the template, other headers clerks' own files use for it, and
// an example value for the template. The template, the automatic mapping of a
// clerk's columns and the messages all come from this one description.
type ImportColumn struct {
	Field    string
	Header   string
	Aliases  []string
	Required bool
	Date     bool
	Example  string
	Hint     string // what the cell may hold, for the template's second sheet
}

// ImportKind is a kind of file that can be imported.
type ImportKind struct {
	Code    string
	Name    string
	Columns []ImportColumn
	// Staff files create and update people; the others attach records to people who
	// already exist, found by citizen ID or by name and birth date.
	Staff bool
}

// Column returns the description of a field.
func (k ImportKind) Column(field string) (ImportColumn, bool) {
	for _, c := range k.Columns {
		if c.Field == field {
			return c, true
		}
	}
	return ImportColumn{}, false
}

// Headers are all the names a header cell may have for this kind.
func (k ImportKind) Headers() []string {
	var out []string
	for _, c := range k.Columns {
		out = append(out, c.Header)
		out = append(out, c.Aliases...)
	}
	return out
}

// AutoMap maps the file's columns to fields by their folded header names; a field
// without a column maps to -1.
func (k ImportKind) AutoMap(header []string) map[string]int {
	m := map[string]int{}
	for _, c := range k.Columns {
		m[c.Field] = -1
		names := map[string]bool{sheet.FoldHeader(c.Header): true}
		for _, a := range c.Aliases {
			names[sheet.FoldHeader(a)] = true
		}
		for j, h := range header {
			if names[sheet.FoldHeader(h)] {
				m[c.Field] = j
				break
			}
		}
	}
	return m
}

// The columns that identify a person in the files of records.
var personKeyColumns = []ImportColumn{
	{Field: "unit", Header: "Mã đơn vị", Aliases: []string{"Mã ĐV", "Đơn vị (mã)"}, Example: "X01",
		Hint: "Mã đơn vị quản lý hồ sơ, trong phạm vi của bạn; có thể thay bằng cột «Đơn vị» (tên)"},
	// The unit by name: office lists name their phòng and ban, they do not know codes.
	// Either column, or one unit chosen for the whole file, says where a row belongs.
	{Field: "unit_name", Header: "Đơn vị", Aliases: []string{"Tên đơn vị", "Đơn vị công tác", "Phòng, ban", "Phòng ban", "Bộ phận"},
		Example: "", Hint: "Tên đơn vị (phòng, ban) trong phạm vi của bạn, khi không có mã; tên chưa có được đề nghị tạo mới"},
	{Field: "name", Header: "Họ và tên", Aliases: []string{"Họ tên", "Họ, tên", "Tên cán bộ"}, Required: true, Example: "Nguyễn Văn An"},
	{Field: "birth", Header: "Ngày sinh", Aliases: []string{"Sinh ngày", "Ngày, tháng, năm sinh"}, Date: true, Example: "15/03/1985",
		Hint: "dd/mm/yyyy"},
	{Field: "cccd", Header: "Số CCCD", Aliases: []string{"CCCD", "Số căn cước", "Căn cước công dân", "Số định danh cá nhân"},
		Example: "001085012345", Hint: "12 chữ số"},
}

// ImportKinds are the kinds of file the system imports, in the order pages offer them.
var ImportKinds = []ImportKind{
	{Code: "staff", Name: "Danh sách cán bộ, người lao động", Staff: true, Columns: append(append([]ImportColumn(nil), personKeyColumns[:3]...),
		ImportColumn{Field: "sex", Header: "Giới tính", Aliases: []string{"Nam/Nữ", "Phái"}, Required: true, Example: "Nam", Hint: "Nam hoặc Nữ"},
		personKeyColumns[3],
		ImportColumn{Field: "ethnicity", Header: "Dân tộc", Example: "Kinh"},
		personKeyColumns[4],
		ImportColumn{Field: "group", Header: "Nhóm đối tượng", Aliases: []string{"Đối tượng"}, Example: "Cán bộ, công chức, viên chức",
			Hint: "Cán bộ, công chức, viên chức / Công nhân, nông dân, người lao động / Lực lượng vũ trang; để trống là cán bộ, công chức, viên chức"},
		ImportColumn{Field: "position", Header: "Chức vụ", Aliases: []string{"Chức vụ, chức danh", "Chức danh"}, Example: "Chuyên viên"},
		ImportColumn{Field: "leader", Header: "Lãnh đạo", Aliases: []string{"Là lãnh đạo"}, Example: "Không", Hint: "Có hoặc Không"},
		ImportColumn{Field: "hired", Header: "Ngày tuyển dụng", Aliases: []string{"Ngày vào làm", "Ngày tuyển"}, Date: true, Example: "01/09/2010",
			Hint: "dd/mm/yyyy"},
	)},
	{Code: "ratings", Name: "Xếp loại mức độ hoàn thành nhiệm vụ hằng năm", Columns: append(append([]ImportColumn(nil), personKeyColumns...),
		ImportColumn{Field: "year", Header: "Năm", Aliases: []string{"Năm đánh giá"}, Required: true, Example: "2025"},
		ImportColumn{Field: "rating", Header: "Xếp loại", Aliases: []string{"Mức độ hoàn thành nhiệm vụ", "Kết quả xếp loại"}, Required: true,
			Example: "HTXSNV", Hint: "HTXSNV, HTTNV, HTNV, KHTNV hoặc tên đầy đủ"},
		ImportColumn{Field: "note", Header: "Ghi chú"},
	)},
	{Code: "initiatives", Name: "Sáng kiến, đề tài khoa học", Columns: append(append([]ImportColumn(nil), personKeyColumns...),
		ImportColumn{Field: "year", Header: "Năm", Aliases: []string{"Năm công nhận"}, Required: true, Example: "2025"},
		ImportColumn{Field: "title", Header: "Tên sáng kiến, đề tài", Aliases: []string{"Tên sáng kiến", "Tên đề tài"}, Required: true,
			Example: "Số hóa hồ sơ thi đua"},
		ImportColumn{Field: "scope", Header: "Phạm vi ảnh hưởng", Aliases: []string{"Phạm vi"}, Required: true, Example: "Cơ sở",
			Hint: "Cơ sở / Bộ, ngành, tỉnh / Toàn quốc"},
		ImportColumn{Field: "decision_no", Header: "Số quyết định", Aliases: []string{"Số QĐ"}, Example: "12/QĐ-UBND"},
		ImportColumn{Field: "decision_on", Header: "Ngày quyết định", Aliases: []string{"Ngày QĐ"}, Date: true, Example: "20/12/2025"},
		ImportColumn{Field: "issuer", Header: "Cơ quan công nhận", Aliases: []string{"Cơ quan ban hành"}, Example: "UBND xã Đông Hòa"},
	)},
	{Code: "honours", Name: "Danh hiệu, hình thức khen thưởng đã có (quyết định cũ)", Columns: append(append([]ImportColumn(nil), personKeyColumns...),
		ImportColumn{Field: "award", Header: "Danh hiệu, hình thức", Aliases: []string{"Danh hiệu", "Hình thức khen thưởng", "Danh hiệu/hình thức"},
			Required: true, Example: "Chiến sĩ thi đua cơ sở", Hint: "Tên hoặc mã trong danh mục"},
		ImportColumn{Field: "year", Header: "Năm", Aliases: []string{"Năm xét", "Năm thành tích"}, Required: true, Example: "2024"},
		ImportColumn{Field: "period_from", Header: "Từ năm", Aliases: []string{"Năm bắt đầu"}, Example: "", Hint: "Năm đầu của thời kỳ thành tích (danh hiệu nhiều năm)"},
		ImportColumn{Field: "kind", Header: "Loại hình", Aliases: []string{"Loại hình khen thưởng"}, Example: "Công trạng",
			Hint: "Công trạng / Đột xuất / Phong trào thi đua / Chuyên đề / Quá trình cống hiến / Niên hạn / Đối ngoại"},
		ImportColumn{Field: "decision_no", Header: "Số quyết định", Aliases: []string{"Số QĐ"}, Required: true, Example: "125/QĐ-UBND"},
		ImportColumn{Field: "decision_on", Header: "Ngày quyết định", Aliases: []string{"Ngày QĐ", "Ngày ký"}, Required: true, Date: true, Example: "15/01/2025"},
		ImportColumn{Field: "signer", Header: "Người ký", Example: "Lê Văn Minh"},
		ImportColumn{Field: "issuer", Header: "Cơ quan ban hành", Aliases: []string{"Cấp khen", "Cơ quan khen thưởng"}, Required: true, Example: "UBND xã Đông Hòa"},
		ImportColumn{Field: "amount", Header: "Số tiền (đồng)", Aliases: []string{"Tiền thưởng", "Số tiền"}, Example: "0"},
	)},
}

// ImportKindByCode finds a kind of import.
func ImportKindByCode(code string) (ImportKind, bool) {
	for _, k := range ImportKinds {
		if k.Code == code {
			return k, true
		}
	}
	return ImportKind{}, false
}

// choices reads a coded value from a cell: its code, its Vietnamese label, or an
// extra spelling, compared without diacritics and case.
type choices map[string]string

func choicesOf[T ~string](codes []T, extra map[string]T) choices {
	c := choices{}
	for _, v := range codes {
		c[vn.Fold(string(v))] = string(v)
		c[vn.Fold(tdkt.Label(string(v)))] = string(v)
	}
	for k, v := range extra {
		c[vn.Fold(k)] = string(v)
	}
	return c
}

func (c choices) get(cell string) (string, bool) {
	v, ok := c[vn.Fold(strings.Trim(cell, " ."))]
	return v, ok
}

var (
	sexChoices    = choicesOf(tdkt.Sexes, map[string]tdkt.Sex{"M": tdkt.Male, "F": tdkt.Female, "Nữ giới": tdkt.Female, "Nam giới": tdkt.Male})
	groupChoices  = choicesOf(tdkt.Groups, map[string]tdkt.Group{"Cán bộ, công chức": tdkt.GroupOfficials, "Viên chức": tdkt.GroupOfficials, "Công chức": tdkt.GroupOfficials, "Người lao động": tdkt.GroupWorkers, "Công nhân": tdkt.GroupWorkers, "Nông dân": tdkt.GroupWorkers})
	ratingChoices = choicesOf(tdkt.Ratings, nil)
	scopeChoices  = choicesOf(tdkt.Scopes, map[string]tdkt.Scope{"Cấp cơ sở": tdkt.ScopeBase, "Cấp tỉnh": tdkt.ScopeProvince, "Cấp bộ": tdkt.ScopeProvince, "Bộ, tỉnh": tdkt.ScopeProvince, "Cấp toàn quốc": tdkt.ScopeNation})
	kindChoices   = choicesOf(tdkt.RewardKinds, nil)
	yesChoices    = choices{"co": "1", "x": "1", "1": "1", "true": "1", "yes": "1", "khong": "", "0": "", "false": "", "no": "", "": ""}
	awardChoices  = func() choices {
		c := choices{}
		for _, a := range tdkt.Awards {
			c[vn.Fold(a.Code)] = a.Code
			c[vn.Fold(a.Name)] = a.Code
		}
		return c
	}()
)

// ImportTemplate writes the kind's template: the header row as the kind's columns
// describe it, and a sheet that explains each column.
func ImportTemplate(w io.Writer, k ImportKind) error {
	var header []string
	var notes [][]string
	for _, c := range k.Columns {
		header = append(header, c.Header)
		req := ""
		if c.Required {
			req = "Bắt buộc"
		}
		hint := c.Hint
		if c.Date && hint == "" {
			hint = "dd/mm/yyyy"
		}
		notes = append(notes, []string{c.Header, req, c.Example, strings.Join(c.Aliases, "; "), hint})
	}
	return sheet.Template(w, "Danh sách", header, []string{"Cột", "Bắt buộc", "Ví dụ", "Tên khác được chấp nhận", "Ghi chú"}, notes)
}
