package web

import (
	"net/http"
	"slices"
	"strings"

	"tdkt"
	"tdkt/core"
	"tdkt/sqldb"
)

// The administrators' page of digital signatures (/app/admin/signatures, "Chữ ký số"):
// the trust store (installation administrators only), which organisations' documents
// the installation's own certificate seals, and the images of seals and signatures
// drawn in a signature's visible mark.

// kindBox is one kind of document an organisation's certificate may seal.
type kindBox struct {
	Kind, Label string
	On          bool
}

// sealedLine is an organisation and the kinds of its documents that are sealed.
type sealedLine struct {
	Org   string
	Kinds []string
}

// signaturesView is the page.
type signaturesView struct {
	Page
	// Installation shows the trust store, which only an installation administrator keeps.
	Installation bool
	Roots        []sqldb.TrustRoot
	CRLs         []sqldb.TrustCRL
	RootError    string
	CRLError     string
	// Configured tells that the installation has its own certificate.
	Configured bool
	Sealed     []sealedLine
	// Org is the organisation whose rules and images the forms below change.
	Org       tdkt.Org
	Orgs      []option
	Choose    Form
	Kinds     []kindBox
	RuleError string
	Images    []sqldb.SignatureImage
	Image     Form
}

// imageKinds are the kinds of picture drawn in a signature's mark.
var imageKinds = []option{{"seal", "Con dấu của cơ quan"}, {"signature", "Chữ ký của người ký"}}

func init() {
	funcs["imageKind"] = func(k string) string {
		for _, o := range imageKinds {
			if o.Value == k {
				return o.Label
			}
		}
		return k
	}
	funcs["imageKinds"] = func() []option { return imageKinds }
}

func (h *handler) signaturesPage(w http.ResponseWriter, r *http.Request, actor *tdkt.Account) {
	h.showSignatures(w, r, actor, http.StatusOK, atoi64(r.URL.Query().Get("org")), nil)
}

// showSignatures renders the page for the organisation orgID (the account's own when
// 0); change, when not nil, puts a refused form's values and messages into the view.
func (h *handler) showSignatures(w http.ResponseWriter, r *http.Request, actor *tdkt.Account, status int, orgID int64, change func(v *signaturesView)) {
	v, err := h.signaturesView(r, actor, orgID)
	if err != nil {
		h.fail(w, r, err, nil)
		return
	}
	if change != nil {
		change(&v)
	}
	h.render(w, r, status, "admin_signatures.html", v)
}

func (h *handler) signaturesView(r *http.Request, actor *tdkt.Account, orgID int64) (v signaturesView, err error) {
	ctx := r.Context()
	if !actor.CanManageOrgs() {
		return v, tdkt.Forbidden()
	}
	if orgID == 0 {
		orgID = actor.OrgID
	}
	v = signaturesView{Page: h.page(r, "Chữ ký số", "admin-signatures"), Installation: actor.CanManageInstallation(), Choose: newForm(), Image: newForm()}
	if v.Installation {
		if v.Roots, v.CRLs, err = h.svc.TrustStore(ctx, actor); err != nil {
			return v, err
		}
	}
	rules, configured, err := h.svc.SigningRules(ctx, actor)
	if err != nil {
		return v, err
	}
	v.Configured = configured
	if v.Org, err = h.svc.Org(ctx, actor, orgID, ""); err != nil {
		return v, err
	}
	if v.Images, err = h.svc.SignatureImages(ctx, actor, orgID); err != nil {
		return v, err
	}
	orgs, err := h.svc.OrgTree(ctx, actor)
	if err != nil {
		return v, err
	}
	v.Orgs = orgOptions(orgs)
	v.Choose.Values["org"] = id64(orgID)
	v.Image.Values["kind"] = "seal"
	names := map[int64]string{}
	for _, o := range orgs {
		names[o.ID] = o.Name
	}
	// One line per organisation, its kinds in the order of core.SignKinds.
	seen := map[int64]bool{}
	for _, x := range rules {
		if seen[x.OrgID] {
			continue
		}
		seen[x.OrgID] = true
		line := sealedLine{Org: names[x.OrgID]}
		for _, k := range core.SignKinds {
			if slices.Contains(rules, sqldb.SigningRule{OrgID: x.OrgID, Kind: k.Kind}) {
				line.Kinds = append(line.Kinds, k.Label)
			}
		}
		v.Sealed = append(v.Sealed, line)
	}
	for _, k := range core.SignKinds {
		on := slices.Contains(rules, sqldb.SigningRule{OrgID: orgID, Kind: k.Kind})
		v.Kinds = append(v.Kinds, kindBox{Kind: k.Kind, Label: k.Label, On: on})
	}
	return v, nil
}

// trustRootAdd is POST /app/admin/signatures/roots: a root certificate (PEM or DER).
func (h *handler) trustRootAdd(w http.ResponseWriter, r *http.Request, actor *tdkt.Account) {
	h.trustUpload(w, r, actor, func(content []byte) error {
		_, err := h.svc.AddTrustRoot(r.Context(), actor, content, false)
		return err
	}, func(v *signaturesView, msg string) { v.RootError = msg })
}

// crlAdd is POST /app/admin/signatures/crls: a certificate revocation list.
func (h *handler) crlAdd(w http.ResponseWriter, r *http.Request, actor *tdkt.Account) {
	h.trustUpload(w, r, actor, func(content []byte) error {
		_, err := h.svc.AddCRL(r.Context(), actor, content)
		return err
	}, func(v *signaturesView, msg string) { v.CRLError = msg })
}

// trustUpload reads an uploaded file into the trust store; a refused file, or one
// installed already, comes back to its form with the message.
func (h *handler) trustUpload(w http.ResponseWriter, r *http.Request, actor *tdkt.Account, add func([]byte) error, mark func(*signaturesView, string)) {
	if err := installationOnly(actor); err != nil {
		h.fail(w, r, err, nil)
		return
	}
	refuse := func(status int, msg string) {
		h.showSignatures(w, r, actor, status, 0, func(v *signaturesView) { mark(v, msg) })
	}
	content, _, problem := uploaded(w, r)
	if problem != "" {
		refuse(http.StatusUnprocessableEntity, problem)
		return
	}
	if err := add(content); err != nil {
		if tdkt.CodeOf(err) == tdkt.EConflict {
			refuse(http.StatusConflict, messageOf(err))
			return
		}
		h.fail(w, r, err, func(fields map[string]string) { refuse(http.StatusUnprocessableEntity, fieldMessage(err, fields)) })
		return
	}
	http.Redirect(w, r, "/app/admin/signatures?saved=1#trust", http.StatusSeeOther)
}

// trustRootRemove is POST /app/admin/signatures/roots/{id}/delete.
func (h *handler) trustRootRemove(w http.ResponseWriter, r *http.Request, actor *tdkt.Account) {
	id, err := pathID(r, "id")
	if err == nil {
		err = h.svc.RemoveTrustRoot(r.Context(), actor, id)
	}
	if err != nil {
		h.fail(w, r, err, nil)
		return
	}
	http.Redirect(w, r, "/app/admin/signatures?saved=1#trust", http.StatusSeeOther)
}

// signingRulesSave is POST /app/admin/signatures/rules: the kinds of an organisation's
// documents that the installation's certificate seals, one box for each.
func (h *handler) signingRulesSave(w http.ResponseWriter, r *http.Request, actor *tdkt.Account) {
	if !actor.CanManageOrgs() {
		h.fail(w, r, tdkt.Forbidden(), nil)
		return
	}
	r.ParseForm()
	orgID := atoi64(r.PostFormValue("org_id"))
	on := r.PostForm["kind"]
	for _, k := range on {
		if !slices.ContainsFunc(core.SignKinds, func(x struct{ Kind, Label string }) bool { return x.Kind == k }) {
			h.showSignatures(w, r, actor, http.StatusUnprocessableEntity, orgID, func(v *signaturesView) {
				v.RuleError = "Chọn các loại văn bản trong danh sách."
			})
			return
		}
	}
	if err := h.svc.SetSigningRules(r.Context(), actor, orgID, on); err != nil {
		h.fail(w, r, err, func(fields map[string]string) {
			h.showSignatures(w, r, actor, http.StatusUnprocessableEntity, orgID, func(v *signaturesView) { v.RuleError = fieldMessage(err, fields) })
		})
		return
	}
	http.Redirect(w, r, "/app/admin/signatures?saved=1&org="+id64(orgID)+"#rules", http.StatusSeeOther)
}

// signatureImageAdd is POST /app/admin/signatures/images: an organisation's seal or a
// signer's signature, PNG or JPEG.
func (h *handler) signatureImageAdd(w http.ResponseWriter, r *http.Request, actor *tdkt.Account) {
	if !actor.CanManageOrgs() {
		h.fail(w, r, tdkt.Forbidden(), nil)
		return
	}
	content, _, problem := uploaded(w, r)
	f := formFrom(r, "org_id", "kind", "signer")
	orgID := atoi64(f.Values["org_id"])
	refuse := func() {
		h.showSignatures(w, r, actor, http.StatusUnprocessableEntity, orgID, func(v *signaturesView) {
			f.Values["kind"] = strings.TrimSpace(f.Values["kind"])
			v.Image = f
		})
	}
	// No file at all is the use case's to say, with the other fields' messages.
	if problem != "" && problem != msgNoFile {
		f.Errors["file"] = problem
		refuse()
		return
	}
	if _, err := h.svc.PutSignatureImage(r.Context(), actor, orgID, f.Values["kind"], f.Values["signer"], content); err != nil {
		h.fail(w, r, err, func(fields map[string]string) {
			f.Errors = fields
			refuse()
		})
		return
	}
	http.Redirect(w, r, "/app/admin/signatures?saved=1&org="+id64(orgID)+"#images", http.StatusSeeOther)
}
