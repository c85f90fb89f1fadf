package api_test

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"net/http"
	"testing"

	"tdkt/sqldb"
	"tdkt/tdkttest"
)

// A dossier's attachments go up and come back byte for byte with their SHA-256, its
// drafted documents download as PDF and Word, and another commune's clerk finds none
// of them; a file that is not what it claims is refused with the reason.
func TestDossierFilesOverAPI(t *testing.T) {
	tdkttest.EachDB(t, func(t *testing.T, db *sqldb.DB) {
		f := tdkttest.NewFixture(t, db)
		clerkA, clerkB := as(t, f, "canbo.a"), as(t, f, "canbo.b")
		d := clerkA.want(http.StatusCreated, "POST", "/api/v1/dossiers", map[string]any{"org_id": f.CommuneA.ID, "award": "chien_si_thi_dua_co_so", "year": 2025})
		path := "/api/v1/dossiers/" + itoa(d.n("id"))
		pdf := []byte("%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n")
		sum := sha256.Sum256(pdf)
		got := clerkA.want(http.StatusCreated, "POST", path+"/files?name=xac-nhan-sang-kien.pdf&kind=xac_nhan", string(pdf))
		if got.s("sha256") != hex.EncodeToString(sum[:]) || got.s("mime") != "application/pdf" || got.n("size") != int64(len(pdf)) {
			t.Fatalf("attached: %v", got)
		}
		fid := itoa(got.n("id"))
		status, body := clerkA.do("GET", path+"/files/"+fid, nil)
		if status != 200 || !bytes.Equal(body, pdf) {
			t.Errorf("download: %d, %d bytes", status, len(body))
		}
		if status, _ := clerkB.do("GET", path+"/files/"+fid, nil); status != 404 {
			t.Errorf("another commune's clerk downloads: %d", status)
		}
		if status, _ := clerkB.do("POST", path+"/files?name=x.pdf", string(pdf)); status != 404 {
			t.Errorf("another commune's clerk attaches: %d", status)
		}
		bad := clerkA.want(http.StatusUnprocessableEntity, "POST", path+"/files?name=bao-cao.pdf", "<html>not a pdf</html>")
		if _, fields := bad.errFields(); fields["file"] == nil {
			t.Errorf("a fake PDF: %v", bad)
		}
		for name, magic := range map[string]string{"to-trinh.pdf": "%PDF-", "to-trinh.docx": "PK"} {
			status, body := clerkA.do("GET", path+"/documents/"+name, nil)
			if status != 200 || !bytes.HasPrefix(body, []byte(magic)) {
				t.Errorf("%s: %d %.20q", name, status, body)
			}
			if status, _ := clerkB.do("GET", path+"/documents/"+name, nil); status != 404 {
				t.Errorf("%s for another commune: %d", name, status)
			}
		}
		if status, _ := clerkA.do("GET", path+"/documents/to-trinh.exe", nil); status != 404 {
			t.Errorf("an unknown format: %d", status)
		}
	})
}
