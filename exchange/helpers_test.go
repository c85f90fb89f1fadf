package exchange

import (
	"archive/zip"
	"bytes"
	"crypto/ed25519"
	"encoding/base64"
	"errors"
	"io"
	"testing"
)

// testKey gives a fixed key per seed byte, so that packages are the same on every run.
func testKey(seed byte) ed25519.PrivateKey {
	return ed25519.NewKeyFromSeed(bytes.Repeat([]byte{seed}, ed25519.SeedSize))
}

func fingerprintOf(k ed25519.PrivateKey) string { return Fingerprint(k.Public().(ed25519.PublicKey)) }

// peers is a receiver's registry of peers: fingerprint → public key.
func peers(keys ...ed25519.PrivateKey) func(string) (ed25519.PublicKey, bool) {
	m := map[string]ed25519.PublicKey{}
	for _, k := range keys {
		pub := k.Public().(ed25519.PublicKey)
		m[Fingerprint(pub)] = pub
	}
	return func(installation string) (ed25519.PublicKey, bool) {
		pub, ok := m[installation]
		return pub, ok
	}
}

var (
	provinceKey = testKey(1) // the sender in the tests: a province
	boardKey    = testKey(2) // the receiver: the central board
	strangerKey = testKey(3)
)

// The agency codes below have the shape of QĐ 20/2020/QĐ-TTg codes; they are made up.
func province() Party {
	return Party{Installation: fingerprintOf(provinceKey), OrgCode: "000.00.00.H29", OrgName: "Ủy ban nhân dân tỉnh Ninh Bình"}
}

func board() Party {
	return Party{Installation: fingerprintOf(boardKey), OrgCode: "000.00.00.G22", OrgName: "Ban Thi đua – Khen thưởng Trung ương"}
}

// dossierManifest is a dossier with two candidates and their records, and two files.
func dossierManifest() (Manifest, map[string][]byte) {
	m := Manifest{
		Version: Version, ID: fingerprintOf(provinceKey) + ":dossier:17", Kind: KindDossier,
		Sender: province(), Receiver: board(), CreatedAt: "2026-12-07T08:30:00Z",
		Dossier: &Dossier{
			Ref: "ho_so:17", Award: "huan_chuong_lao_dong_hang_ba", AwardName: "Huân chương Lao động hạng Ba",
			Kind: "cong_trang", Year: 2026, PeriodFrom: 2022, Title: "Đề nghị tặng Huân chương Lao động hạng Ba năm 2026",
			Reason: "Đã có thành tích xuất sắc trong công tác\ntừ năm 2022 đến năm 2026", Number: "125/TTr-UBND",
			ProposedBy: Party{OrgCode: "H29.12", OrgName: "Sở Giáo dục và Đào tạo"}, Revision: 1,
			Candidates: []Candidate{
				{Ref: "ca_nhan:1050", Kind: "ca_nhan", Name: "Nguyễn Thị Ánh", Sex: "nu", BirthDate: "1975-03-09", Ethnicity: "Kinh",
					Position: "Hiệu trưởng", Unit: "Trường THPT Lý Nhân", Justification: "Năm năm liền hoàn thành xuất sắc nhiệm vụ",
					Records: []Record{
						{Kind: "rating", Year: 2025, Code: "hoan_thanh_xuat_sac", Label: "Hoàn thành xuất sắc nhiệm vụ"},
						{Kind: "title", Year: 2025, Code: "chien_si_thi_dua_co_so", Label: "Chiến sĩ thi đua cơ sở", DecisionNumber: "88/QĐ-SGDĐT", DecisionDate: "2025-08-20", Issuer: "Sở Giáo dục và Đào tạo"},
						{Kind: "initiative", Year: 2024, Label: "Sáng kiến", Title: "Dạy học theo dự án", Scope: "Cấp tỉnh"},
					}},
				{Ref: "tap_the:31", Kind: "tap_the", Name: "Trường THPT Lý Nhân",
					Records: []Record{{Kind: "award", Year: 2023, Code: "bang_khen_chu_tich_ubnd_tinh", Label: "Bằng khen của Chủ tịch UBND tỉnh"}}},
			},
			History: []Event{
				{At: "2026-11-20T02:00:00Z", Actor: "Trần Văn Bình", Action: "Trình", Note: "Hồ sơ đủ"},
				{At: "2026-12-01T09:15:00+07:00", Actor: "lanhdao", Action: "Duyệt"},
			},
		},
		Files: []File{
			{Name: "files/to-trinh.pdf", Role: "document", Title: "Tờ trình", MediaType: "application/pdf"},
			{Name: "files/bao-cao-thanh-tich.docx", Role: "attachment", Title: "Báo cáo thành tích",
				MediaType: "application/vnd.openxmlformats-officedocument.wordprocessingml.document"},
		},
	}
	files := map[string][]byte{
		"files/to-trinh.pdf":            bytes.Repeat([]byte("%PDF-1.7 tờ trình "), 200),
		"files/bao-cao-thanh-tich.docx": []byte("PK báo cáo thành tích"),
	}
	return m, files
}

// statusManifest is a status message from the board back to the province.
func statusManifest(s Status) Manifest {
	return Manifest{
		Version: Version, ID: fingerprintOf(boardKey) + ":status:" + s.State, Kind: KindStatus,
		Sender: board(), Receiver: province(), CreatedAt: "2026-12-08T01:00:00Z", Status: &s,
	}
}

func returnedStatus() Manifest {
	return statusManifest(Status{DossierRef: "ho_so:17", State: StateReturned, At: "2026-12-08T01:00:00Z",
		Note: "Thiếu biên bản họp Hội đồng Thi đua – Khen thưởng"})
}

func decidedStatus() Manifest {
	return statusManifest(Status{DossierRef: "ho_so:17", State: StateDecided, At: "2027-04-30T03:00:00Z",
		Decision: &Decision{Number: "512/QĐ-CTN", Date: "2027-04-28", Signer: "Nguyễn Văn Quyết", SignerTitle: "Chủ tịch nước",
			Authority: "chu_tich_nuoc", Issuer: "Chủ tịch nước", Award: "huan_chuong_lao_dong_hang_ba",
			Awardees: []Awardee{
				{CandidateRef: "ca_nhan:1050", Name: "Nguyễn Thị Ánh", AmountVND: 10_530_000},
				{CandidateRef: "tap_the:31", Name: "Trường THPT Lý Nhân", AmountVND: 21_060_000},
			}}})
}

func mustPack(t *testing.T, m Manifest, files map[string][]byte, key ed25519.PrivateKey) []byte {
	t.Helper()
	pkg, err := Pack(m, files, key)
	if err != nil {
		t.Fatalf("Pack: %v", err)
	}
	return pkg
}

// entry is one entry of a zip, for tests that build packages Pack never would.
type entry struct {
	name string
	data []byte
}

// entries reads a package's entries in order.
func entries(t *testing.T, pkg []byte) []entry {
	t.Helper()
	zr, err := zip.NewReader(bytes.NewReader(pkg), int64(len(pkg)))
	if err != nil {
		t.Fatal(err)
	}
	var out []entry
	for _, f := range zr.File {
		rc, err := f.Open()
		if err != nil {
			t.Fatal(err)
		}
		data, err := io.ReadAll(rc)
		rc.Close()
		if err != nil {
			t.Fatal(err)
		}
		out = append(out, entry{f.Name, data})
	}
	return out
}

// rezip writes entries as a well-formed zip (right sizes and checksums).
func rezip(t *testing.T, es []entry) []byte {
	t.Helper()
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	for _, e := range es {
		w, err := zw.CreateHeader(&zip.FileHeader{Name: e.name, Method: zip.Deflate})
		if err != nil {
			t.Fatal(err)
		}
		if len(e.data) == 0 { // a directory takes no data
			continue
		}
		if _, err := w.Write(e.data); err != nil {
			t.Fatal(err)
		}
	}
	if err := zw.Close(); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

// signed builds a package around manifest bytes of the test's own making, signed by key.
func signed(t *testing.T, raw []byte, key ed25519.PrivateKey, files ...entry) []byte {
	t.Helper()
	sig := base64.StdEncoding.EncodeToString(ed25519.Sign(key, raw))
	return rezip(t, append([]entry{{manifestName, raw}, {signatureName, []byte(sig)}}, files...))
}

// wantRefusal asserts that err is a *Refusal with the code.
func wantRefusal(t *testing.T, err error, code string) *Refusal {
	t.Helper()
	var r *Refusal
	if !errors.As(err, &r) {
		t.Fatalf("error %v (%T), want a refusal %q", err, err, code)
	}
	if r.Code != code {
		t.Fatalf("refusal %q (%s), want %q", r.Code, r.Message, code)
	}
	if r.Message == "" {
		t.Fatalf("refusal %q without a message", r.Code)
	}
	return r
}
