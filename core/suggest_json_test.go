package core

import (
	"bytes"
	"encoding/json"
	"testing"

	"tdkt/rules"
)

// AppendJSON writes exactly what encoding/json writes for the struct.
func TestSuggestionAppendJSONMatchesEncodingJSON(t *testing.T) {
	lines := []Suggestion{
		{SubjectKind: "ca_nhan", SubjectID: 42, Name: "Nguyễn Thị Hồng Nhung", OrgCode: "T46-X001", Org: "UBND xã <Đông> & \"Hòa\"",
			Award: "chien_si_thi_dua_co_so", AwardName: "Chiến sĩ thi đua cơ sở", Status: "eligible", Year: 2025, RuleSet: "luat-2022+nd152-2025",
			Reasons: []rules.Reason{{Rule: "r1", Met: true, Basis: "Luật Thi đua, khen thưởng 2022, Điều 23", Message: "Năm 2025 hoàn thành xuất sắc\nnhiệm vụ\t\u2028\x01"},
				{Rule: "r2", Basis: "b", Message: "bad \xff byte", Unverified: true}},
			Unverified: []rules.Unverified{{Rule: "u", Basis: "Điều 28", Note: "chưa xác minh"}}, Registered: true},
		{SubjectKind: "tap_the", SubjectID: 7, Name: "", Reasons: nil},
	}
	for _, s := range lines {
		want, err := json.Marshal(&s)
		if err != nil {
			t.Fatal(err)
		}
		if got := s.AppendJSON(nil); !bytes.Equal(got, want) {
			t.Errorf("AppendJSON\n%s\nencoding/json\n%s", got, want)
		}
	}
}
