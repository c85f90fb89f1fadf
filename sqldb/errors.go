package sqldb

import (
	"strings"

	"tdkt"
)

// mapErr turns the engines' constraint and serialization errors into tdkt errors, so
// that a duplicate citizen ID or a lost race reads the same on both databases.
func mapErr(err error) error {
	if err == nil {
		return nil
	}
	msg := err.Error()
	switch {
	case strings.Contains(msg, "people_cccd") || strings.Contains(msg, "people.cccd"):
		return &tdkt.Error{Code: tdkt.EInvalid, Message: "Dữ liệu chưa hợp lệ.", Fields: map[string]string{"cccd": "Số CCCD này đã có trong hồ sơ của một người khác."}}
	case strings.Contains(msg, "orgs_code_key") || strings.Contains(msg, "orgs.code"):
		return &tdkt.Error{Code: tdkt.EInvalid, Message: "Dữ liệu chưa hợp lệ.", Fields: map[string]string{"code": "Mã đơn vị này đã được dùng."}}
	case strings.Contains(msg, "accounts_login_key") || strings.Contains(msg, "accounts.login"):
		return &tdkt.Error{Code: tdkt.EInvalid, Message: "Dữ liệu chưa hợp lệ.", Fields: map[string]string{"login": "Tên đăng nhập này đã được dùng."}}
	case strings.Contains(msg, "ratings_subject_kind_subject_id_year_key") || strings.Contains(msg, "ratings.subject_kind, ratings.subject_id, ratings.year"):
		return &tdkt.Error{Code: tdkt.EInvalid, Message: "Dữ liệu chưa hợp lệ.", Fields: map[string]string{"year": "Năm này đã có xếp loại; hãy sửa bản ghi đã có."}}
	case strings.Contains(msg, "calendar_days_day_key") || strings.Contains(msg, "calendar_days.day"):
		return &tdkt.Error{Code: tdkt.EInvalid, Message: "Dữ liệu chưa hợp lệ.", Fields: map[string]string{"day": "Ngày này đã có trong bảng lịch nghỉ; hãy sửa dòng đã có."}}
	case strings.Contains(msg, "trust_roots_sha256_key") || strings.Contains(msg, "trust_roots.sha256"):
		return tdkt.Errorf(tdkt.EConflict, "Chứng thư gốc này đã được cài đặt.")
	case strings.Contains(msg, "trust_crls_sha256_key") || strings.Contains(msg, "trust_crls.sha256"):
		return tdkt.Errorf(tdkt.EConflict, "Danh sách thu hồi này đã được tải lên.")
	case strings.Contains(msg, "submission_dates_org_id_award_code_month_day_key") || strings.Contains(msg, "submission_dates.org_id"):
		return &tdkt.Error{Code: tdkt.EInvalid, Message: "Dữ liệu chưa hợp lệ.", Fields: map[string]string{"day": "Đơn vị đã có hạn này cho danh hiệu, hình thức khen thưởng này."}}
	case strings.Contains(msg, "SQLSTATE 40001"), strings.Contains(msg, "SQLSTATE 40P01"):
		return tdkt.Conflict()
	}
	return err
}
