package rules

import (
	"encoding/json"
	"os"
	"strings"
	"testing"
)

func TestRunCheckInvalid(t *testing.T) {
	for _, c := range []struct {
		name, in, field string
	}{
		{"mã khen thưởng lạ", `{"id":"a","check":"eligibility","as_of":"2026-01-20","award":"khong_co","year":2025,"subject":{"kind":"ca_nhan"}}`, "award"},
		{"không dành cho đối tượng", `{"id":"a","check":"eligibility","as_of":"2026-01-20","award":"tap_the_lao_dong_xuat_sac","year":2025,"subject":{"kind":"ca_nhan"}}`, "award"},
		{"xếp loại lạ", `{"id":"a","check":"eligibility","as_of":"2026-01-20","award":"lao_dong_tien_tien","year":2025,"subject":{"kind":"ca_nhan","ratings":{"2025":"tot"}}}`, "subject.ratings.2025"},
		{"phạm vi lạ", `{"id":"a","check":"eligibility","as_of":"2026-01-20","award":"lao_dong_tien_tien","year":2025,"subject":{"kind":"ca_nhan","initiatives":[{"year":2025,"scope":"tinh"}]}}`, "subject.initiatives.0.scope"},
		{"loại hình lạ", `{"id":"a","check":"eligibility","as_of":"2026-01-20","award":"lao_dong_tien_tien","year":2025,"subject":{"kind":"ca_nhan","awards":[{"code":"giay_khen","year":2020,"kind":"x"}]}}`, "subject.awards.0.kind"},
		{"kỷ luật lạ", `{"id":"a","check":"eligibility","as_of":"2026-01-20","award":"lao_dong_tien_tien","year":2025,"subject":{"kind":"ca_nhan","discipline":[{"form":"phat","decided_on":"2025-01-01","ends_on":"2025-06-01"}]}}`, "subject.discipline.0.form"},
		{"ngày sai", `{"id":"a","check":"eligibility","as_of":"2026-02-30","award":"lao_dong_tien_tien","year":2025,"subject":{"kind":"ca_nhan"}}`, "as_of"},
		{"đối tượng lạ", `{"id":"a","check":"eligibility","as_of":"2026-01-20","award":"lao_dong_tien_tien","year":2025,"subject":{"kind":"nguoi"}}`, "subject.kind"},
		{"thiếu số liệu thành viên", `{"id":"a","check":"eligibility","as_of":"2026-01-20","award":"tap_the_lao_dong_tien_tien","year":2025,"subject":{"kind":"tap_the"}}`, "subject.members"},
		{"trước 2024", `{"id":"a","check":"eligibility","as_of":"2023-01-20","award":"lao_dong_tien_tien","year":2022,"subject":{"kind":"ca_nhan"}}`, "as_of"},
		{"phiếu không có quy định", `{"id":"a","check":"vote","as_of":"2025-05-15","award":"giay_khen","members":9,"yes":9}`, "award"},
		{"phiếu vượt số thành viên", `{"id":"a","check":"vote","as_of":"2025-05-15","award":"chien_si_thi_dua_co_so","members":9,"yes":10}`, "yes"},
		{"tiền kỳ sai", `{"id":"a","check":"money","as_of":"2025-05-15","items":[{"award":"lao_dong_tien_tien","subject_kind":"ca_nhan","period":"25"}]}`, "items.0.period"},
		{"loại câu hỏi lạ", `{"id":"a","check":"x","as_of":"2025-05-15"}`, "check"},
		{"ngày làm việc âm", `{"id":"a","check":"working_days","as_of":"2025-05-15","from":"2025-05-15","days":-1}`, "days"},
	} {
		out, status := RunCheck([]byte(c.in))
		var got []map[string]any
		if err := json.Unmarshal(out, &got); err != nil || len(got) != 1 {
			t.Fatalf("%s: %s", c.name, out)
		}
		if status != 1 || got[0]["field"] != c.field || !strings.Contains(got[0]["error"].(string), `"a"`) {
			t.Errorf("%s: status %d, %s", c.name, status, out)
		}
	}
	if out, status := RunCheck([]byte("không phải json")); status != 2 || !json.Valid(out) {
		t.Errorf("not JSON: %d %s", status, out)
	}
	out, status := RunCheck([]byte(`[{"id":"ok","check":"vote","as_of":"2025-05-15","award":"chien_si_thi_dua_co_so","members":11,"yes":9}, 5, {"id":"bad","check":"vote"}]`))
	var got []map[string]any
	_ = json.Unmarshal(out, &got)
	if status != 1 || len(got) != 3 || got[0]["passed"] != true || got[1]["error"] == nil || got[2]["error"] == nil {
		t.Errorf("mixed array: %d %s", status, out)
	}
	if out, status := RunCheck([]byte(`[]`)); status != 0 || strings.TrimSpace(string(out)) != "[]" {
		t.Errorf("empty array: %d %q", status, out)
	}
}

// Answers are deterministic and every message is NFC.
func TestRunCheckDeterministicNFC(t *testing.T) {
	data, err := os.ReadFile(publicCases)
	if err != nil {
		t.Fatalf("public cases: %v", err)
	}
	var cases []struct {
		Case json.RawMessage `json:"case"`
	}
	if err := json.Unmarshal(data, &cases); err != nil || len(cases) == 0 {
		t.Fatalf("public cases: %v, %d cases", err, len(cases))
	}
	var all []json.RawMessage
	for _, c := range cases {
		all = append(all, c.Case)
	}
	in, _ := json.Marshal(all)
	a, _ := RunCheck(in)
	b, _ := RunCheck(in)
	if string(a) != string(b) {
		t.Fatal("output not deterministic")
	}
	if nfc(string(a)) != string(a) {
		t.Fatal("output not NFC")
	}
}

func FuzzDecodeCase(f *testing.F) {
	if data, err := os.ReadFile(publicCases); err == nil {
		var cases []struct {
			Case json.RawMessage `json:"case"`
		}
		_ = json.Unmarshal(data, &cases)
		for _, c := range cases {
			f.Add([]byte(c.Case))
		}
	}
	f.Add([]byte(`{"check":"eligibility","as_of":"2026-01-01","award":"giay_khen","year":2025,"subject":{"kind":"tap_the","members":{"total":1,"ratings":{"x":1}}}}`))
	f.Add([]byte(`[null, {}, [], "x", 1e400]`))
	f.Fuzz(func(t *testing.T, in []byte) {
		out, status := RunCheck(in)
		if !json.Valid(out) || status < 0 || status > 2 {
			t.Fatalf("bad output %d %s", status, out)
		}
	})
}
