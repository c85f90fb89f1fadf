package web

import (
	"encoding/json"
	"fmt"
	"sort"
	"strings"

	"tdkt"
)

// auditLine is one event of a record's history as a clerk reads it.
type auditLine struct {
	At, Actor, Action, Changes string
}

var actionLabels = map[string]string{"create": "Tạo mới", "update": "Sửa", "delete": "Xóa", "login": "Đăng nhập"}

// fieldLabels names the stored fields in the words of the form.
var fieldLabels = map[string]string{
	"FullName": "họ và tên", "Sex": "giới tính", "BirthDate": "ngày sinh", "Ethnicity": "dân tộc", "CCCD": "số CCCD",
	"Group": "nhóm đối tượng", "Leader": "lãnh đạo", "Position": "chức vụ", "HiredOn": "ngày tuyển dụng", "OrgID": "đơn vị",
	"UnderReview": "đang bị xem xét", "Name": "tên", "HeadName": "chủ hộ", "Address": "địa chỉ", "Enterprise": "doanh nghiệp",
}

// auditLines lists events newest first with the fields each change touched.
func auditLines(events []tdkt.AuditEvent) []auditLine {
	out := make([]auditLine, 0, len(events))
	for i := len(events) - 1; i >= 0; i-- {
		e := events[i]
		a := actionLabels[e.Action]
		if a == "" {
			a = e.Action
		}
		out = append(out, auditLine{At: vnTime(e.At), Actor: e.Actor, Action: a, Changes: changedFields(e.Before, e.After)})
	}
	return out
}

// changedFields names the top-level fields that differ between two JSON snapshots;
// the version counter and display-only fields are left out.
func changedFields(before, after string) string {
	if before == "" || after == "" {
		return ""
	}
	var b, a map[string]any
	if json.Unmarshal([]byte(before), &b) != nil || json.Unmarshal([]byte(after), &a) != nil {
		return ""
	}
	var names []string
	for k, av := range a {
		if k == "Version" || k == "OrgName" || k == "Path" {
			continue
		}
		if fmt.Sprint(b[k]) != fmt.Sprint(av) {
			if l, ok := fieldLabels[k]; ok {
				k = l
			}
			names = append(names, k)
		}
	}
	sort.Strings(names)
	return strings.Join(names, ", ")
}
