package api_test

import (
	"bytes"
	"context"
	"net/http"
	"testing"

	"tdkt/pades"
	"tdkt/pades/padestest"
	"tdkt/sqldb"
	"tdkt/tdkttest"
)

// The signing flow over the API: the chairman's office takes the decision to sign,
// sends back the copy an independent signer made, and the list of documents, the
// download and POST /verify all show the signature; a signed copy of another document
// is refused with the field, another commune gets 404.
func TestSigningOverAPI(t *testing.T) {
	tdkttest.EachDB(t, func(t *testing.T, db *sqldb.DB) {
		f := tdkttest.NewFixture(t, db)
		decID := decidedForPersonA(t, f)
		var dossierID int64
		if err := db.View(context.Background(), func(tx *sqldb.Tx) error {
			dec, err := tx.DecisionByID(context.Background(), decID)
			dossierID = dec.DossierID
			return err
		}); err != nil {
			t.Fatal(err)
		}
		leader, clerkB := as(t, f, "chutich"), as(t, f, "canbo.b")
		path := "/api/v1/dossiers/" + itoa(dossierID)
		status, issued := leader.do("GET", path+"/signing/quyet-dinh", nil)
		if status != 200 || !bytes.HasPrefix(issued, []byte("%PDF-")) {
			t.Fatalf("to sign: %d %.40q", status, issued)
		}
		if status, _ := clerkB.do("GET", path+"/signing/quyet-dinh", nil); status != 404 {
			t.Errorf("another commune: %d", status)
		}
		if status, _ := leader.do("GET", path+"/signing/thu-moi", nil); status != 404 {
			t.Errorf("an unknown document: %d", status)
		}
		_, _, personKey, personChain := padestest.PersonChain(t, "Nguyen Van Chu", tdkttest.Now.AddDate(-1, 0, 0))
		person := pades.NewKeySigner(personKey, personChain)
		p12, err := pades.EncodePKCS12(person, "bi-mat")
		if err != nil {
			t.Fatal(err)
		}
		_, other := leader.do("GET", path+"/signing/to-trinh", nil)
		bad := leader.want(http.StatusUnprocessableEntity, "POST", path+"/signing/quyet-dinh", string(padestest.NodeSign(t, other, p12, "bi-mat")))
		if _, fields := bad.errFields(); fields["file"] == nil {
			t.Errorf("a signed copy of another document: %v", bad)
		}
		signed := padestest.NodeSign(t, issued, p12, "bi-mat")
		got := leader.want(http.StatusOK, "POST", path+"/signing/quyet-dinh", string(signed))
		if sigs := got.list("signatures"); got["signed"] != true || len(sigs) != 1 || sigs[0].s("signer") != "Nguyen Van Chu" || sigs[0]["valid"] != true {
			t.Fatalf("accepted: %v", got)
		}

		docs := leader.want(http.StatusOK, "GET", path+"/documents", nil).list("items")
		var url string
		kinds := map[string]int{}
		for _, d := range docs {
			kinds[d.s("kind")]++
			if d.s("kind") == "decision" {
				if d["signed"] != true || len(d.list("signatures")) != 1 {
					t.Errorf("the decision in the list: %v", d)
				}
				url = d.s("url")
			}
		}
		if kinds["submission"] != 1 || kinds["report"] != 1 || kinds["decision"] != 1 || kinds["certificate"] != 1 {
			t.Errorf("the documents: %v", kinds)
		}
		status, body := leader.do("GET", url, nil)
		if status != 200 || !bytes.Equal(body, signed) {
			t.Errorf("the decision's url %s gives %d, %d bytes, not the signed copy", url, status, len(body))
		}
		for _, d := range docs {
			if status, _ := leader.do("GET", d.s("url"), nil); status != 200 {
				t.Errorf("%s %s: %d", d.s("kind"), d.s("url"), status)
			}
		}
		if status, _ := clerkB.do("GET", path+"/documents", nil); status != 404 {
			t.Errorf("another commune's list: %d", status)
		}

		v := leader.want(http.StatusOK, "POST", "/api/v1/verify?name=qd.pdf", string(signed))
		if sigs := v.list("signatures"); v.s("file") != "qd.pdf" || len(sigs) != 1 || sigs[0]["valid"] != true || sigs[0]["trusted"] != false {
			t.Errorf("verify: %v", v)
		}
		if v := leader.want(http.StatusOK, "POST", "/api/v1/verify", string(issued)); v["signatures"] == nil || len(v.list("signatures")) != 0 {
			t.Errorf("verify of an unsigned PDF: %v", v)
		}
		leader.want(http.StatusUnprocessableEntity, "POST", "/api/v1/verify", "không phải PDF")
		if status, _ := as(t, f, "").do("POST", "/api/v1/verify", string(signed)); status != 401 {
			t.Errorf("verify without an account: %d", status)
		}
	})
}
