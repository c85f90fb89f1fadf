package web

import (
	"errors"
	"io"
	"net/http"
	"net/url"
	"strconv"
	"strings"

	"tdkt"
	"tdkt/core"
	"tdkt/exchange"
	"tdkt/sqldb"
)

// The exchange between installations as the staff see it: the block "Liên thông" of
// a dossier that travelled, the package a dossier was sent as, and the page
// /app/exchange with this installation's key, its peers, the messages in and out, the
// refused packages, the offline import of a package file and the registration of a
// peer (docs/exchange.md).

// outLine is a message sent, with its delivery status in words.
type outLine struct {
	Summary, Peer, Kind, Created, Status string
	// State is pending, delivered or refused: the class of the status.
	State      string
	DossierURL string
}

// inLine is a message received and applied.
type inLine struct {
	Summary, Peer, Kind, Via, Received string
	DossierURL                         string
}

// messageKinds name the kinds of message.
var messageKinds = map[string]string{exchange.KindDossier: "Hồ sơ", exchange.KindStatus: "Thông báo tình trạng"}

func kindName(k string) string {
	if s, ok := messageKinds[k]; ok {
		return s
	}
	return k
}

// deliveryStatus says where a sent message stands: waiting (with its attempts, last
// error and next try), delivered, or refused by the receiver with its reason.
func deliveryStatus(o sqldb.OutboxRow) string {
	switch o.Status {
	case "delivered":
		s := "Đã giao"
		if o.DeliveredAt != "" {
			s += " lúc " + vnTime(o.DeliveredAt)
		}
		if o.Result == exchange.ResultDuplicate {
			s += " (bên nhận đã có gói này từ trước)"
		}
		return s
	case "refused":
		return "Bị từ chối: " + o.LastError
	}
	if o.Attempts == 0 {
		return "Đang chờ gửi"
	}
	s := "Đang chờ gửi — lần thử " + strconv.Itoa(o.Attempts)
	if o.LastError != "" {
		s += ", lỗi: " + o.LastError
	}
	if o.NextAt != "" {
		s += ", thử lại lúc " + vnTime(o.NextAt)
	}
	return s
}

func outLines(rows []sqldb.OutboxRow) []outLine {
	var out []outLine
	for _, o := range rows {
		l := outLine{Summary: o.Summary, Peer: o.PeerName, Kind: kindName(o.Kind), Created: vnTime(o.CreatedAt), Status: deliveryStatus(o), State: o.Status}
		if o.DossierID != 0 {
			l.DossierURL = "/app/dossiers/" + id64(o.DossierID)
		}
		out = append(out, l)
	}
	return out
}

func inLines(rows []sqldb.InboxRow) []inLine {
	var out []inLine
	for _, x := range rows {
		l := inLine{Summary: x.Summary, Peer: x.PeerName, Kind: kindName(x.Kind), Via: x.Via, Received: vnTime(x.ReceivedAt)}
		if x.Via == core.ViaHTTPS {
			l.Via = "mạng (HTTPS)"
		}
		if x.DossierID != 0 {
			l.DossierURL = "/app/dossiers/" + id64(x.DossierID)
		}
		out = append(out, l)
	}
	return out
}

// travelView is the block "Liên thông" of a dossier's page.
type travelView struct {
	// Received: the dossier came from another installation; otherwise it was sent.
	Received             bool
	Peer, SenderOrg      string
	Ref                  string
	Revision             int
	State, Note, StateAt string
	// Paper: a secret dossier whose paper went instead of a package.
	Paper bool
	// HeldThere: the other installation holds it now, and no step is taken here.
	HeldThere  bool
	Out        []outLine
	In         []inLine
	HasPackage bool
}

// travelOf builds the block from what core reads; nil when the dossier never
// travelled.
func travelOf(d tdkt.Dossier, x core.DossierExchange) *travelView {
	if x.Link == nil && len(x.Outbox) == 0 && len(x.Received) == 0 {
		return nil
	}
	v := &travelView{Out: outLines(x.Outbox), In: inLines(x.Received), HeldThere: d.PeerID != 0}
	if l := x.Link; l != nil {
		v.Received, v.Peer, v.Ref, v.Revision = l.Direction == "received", l.PeerName, l.Ref, l.Revision
		v.State, v.Note, v.StateAt, v.Paper = core.StateLabel(l.State), l.StateNote, vnTime(l.StateAt), l.State == "paper"
	} else if len(x.Outbox) > 0 {
		v.Peer = x.Outbox[0].PeerName
	} else {
		v.Peer, v.Received = x.Received[0].PeerName, true
	}
	if v.Received {
		// A received dossier's proposing organisation here is the sending one.
		v.SenderOrg = d.OrgName
	}
	for _, o := range x.Outbox {
		if o.Kind == exchange.KindDossier {
			v.HasPackage = true
		}
	}
	return v
}

// dossierPackage serves the latest package a dossier was sent as
// (GET /app/dossiers/{id}/package), for the offline path.
func (h *handler) dossierPackage(w http.ResponseWriter, r *http.Request, actor *tdkt.Account) {
	id, err := pathID(r, "id")
	var name string
	var pkg []byte
	if err == nil {
		name, pkg, err = h.svc.DossierPackage(r.Context(), actor, id)
	}
	if err != nil {
		h.fail(w, r, err, nil)
		return
	}
	w.Header().Set("Content-Type", "application/zip")
	w.Header().Set("Content-Disposition", `attachment; filename="`+name+`"`)
	w.Header().Set("Content-Length", strconv.Itoa(len(pkg)))
	w.Write(pkg)
}

// peerLine is a registered installation.
type peerLine struct {
	P     sqldb.Peer
	Codes string
	Since string
}

// refusalLine is a refused package.
type refusalLine struct {
	R  sqldb.Refusal
	At string
}

// exchangeView is the page /app/exchange.
type exchangeView struct {
	Page
	Fingerprint, PublicKey string
	Peers                  []peerLine
	Out                    []outLine
	In                     []inLine
	Refusals               []refusalLine
	// CanImport: the account may import a package file (core.ReceivePackage).
	CanImport bool
	Import    Form
	// Receipt is what the last import did, after its redirect.
	Receipt string
	// CanAddPeer: an installation administrator registers peers.
	CanAddPeer bool
	PeerForm   Form
	PeerAlert  string
}

func (h *handler) exchangeView(r *http.Request, actor *tdkt.Account) (exchangeView, error) {
	x, err := h.svc.ExchangeOverview(r.Context(), actor)
	if err != nil {
		return exchangeView{}, err
	}
	v := exchangeView{Page: h.page(r, "Liên thông giữa các hệ thống", "exchange"), Fingerprint: x.Fingerprint, PublicKey: x.PublicKey,
		Out: outLines(x.Outbox), In: inLines(x.Received), CanImport: actor.CanEditRecords(), Import: newForm(),
		CanAddPeer: actor.CanManageInstallation(), PeerForm: newForm()}
	for _, p := range x.Peers {
		v.Peers = append(v.Peers, peerLine{P: p, Codes: strings.Join(p.OrgCodes, ", "), Since: vnTime(p.CreatedAt)})
	}
	for _, f := range x.Refusals {
		v.Refusals = append(v.Refusals, refusalLine{R: f, At: vnTime(f.ReceivedAt)})
	}
	return v, nil
}

func (h *handler) exchangePage(w http.ResponseWriter, r *http.Request, actor *tdkt.Account) {
	v, err := h.exchangeView(r, actor)
	if err != nil {
		h.fail(w, r, err, nil)
		return
	}
	q := r.URL.Query()
	if q.Get("done") == "imported" {
		v.Receipt = receiptText(exchange.Receipt{ID: q.Get("msg"), Result: q.Get("result")})
	}
	h.render(w, r, http.StatusOK, "exchange.html", v)
}

// receiptText says what an imported package did.
func receiptText(rc exchange.Receipt) string {
	if rc.Result == exchange.ResultDuplicate {
		return "Gói " + rc.ID + " đã được nhận từ trước; hệ thống không áp dụng lại."
	}
	return "Đã nhận và áp dụng gói " + rc.ID + "."
}

// exchangeImport imports a package file brought by hand (POST /app/exchange/import).
func (h *handler) exchangeImport(w http.ResponseWriter, r *http.Request, actor *tdkt.Account) {
	refuse := func(msg string) {
		v, err := h.exchangeView(r, actor)
		if err != nil {
			h.fail(w, r, err, nil)
			return
		}
		v.Import.Errors["file"] = msg
		h.render(w, r, http.StatusUnprocessableEntity, "exchange.html", v)
	}
	r.Body = http.MaxBytesReader(w, r.Body, exchange.MaxPackage+1<<20)
	if err := r.ParseMultipartForm(1 << 20); err != nil {
		var tooBig *http.MaxBytesError
		if errors.As(err, &tooBig) {
			refuse("Tệp lớn hơn " + strconv.Itoa(exchange.MaxPackage>>20) + " MB, giới hạn của một gói liên thông.")
			return
		}
		refuse("Không đọc được tệp gửi lên.")
		return
	}
	file, _, err := r.FormFile("file")
	if err != nil {
		refuse("Hãy chọn tệp gói liên thông (.zip).")
		return
	}
	defer file.Close()
	pkg, err := io.ReadAll(io.LimitReader(file, exchange.MaxPackage+1))
	if err != nil {
		refuse("Không đọc được tệp gửi lên.")
		return
	}
	rc, err := h.svc.ReceivePackage(r.Context(), actor, pkg, core.ViaFile)
	var ref *exchange.Refusal
	if errors.As(err, &ref) {
		refuse("Gói bị từ chối (" + ref.Code + "): " + ref.Message)
		return
	}
	if tdkt.CodeOf(err) == tdkt.EInvalid {
		refuse(messageOf(err)) // the installation has no key yet
		return
	}
	if err != nil {
		h.fail(w, r, err, nil)
		return
	}
	q := url.Values{"done": {"imported"}, "msg": {rc.ID}, "result": {rc.Result}}
	http.Redirect(w, r, "/app/exchange?"+q.Encode()+"#import", http.StatusSeeOther)
}

var peerFields = []string{"name", "url", "public_key", "org_codes", "upstream"}

// exchangePeerAdd registers another installation (POST /app/exchange/peers).
func (h *handler) exchangePeerAdd(w http.ResponseWriter, r *http.Request, actor *tdkt.Account) {
	f := formFrom(r, peerFields...)
	in := core.PeerInput{Name: f.Values["name"], URL: strings.TrimSpace(f.Values["url"]), PublicKey: f.Values["public_key"],
		Upstream: f.Values["upstream"] != ""}
	for _, c := range strings.Split(f.Values["org_codes"], ",") {
		if c = strings.TrimSpace(c); c != "" {
			in.OrgCodes = append(in.OrgCodes, c)
		}
	}
	_, err := h.svc.AddPeer(r.Context(), actor, in)
	if err == nil {
		http.Redirect(w, r, "/app/exchange?done=peer_added#peers", http.StatusSeeOther)
		return
	}
	redo := func(status int, fields map[string]string, alert string) {
		v, verr := h.exchangeView(r, actor)
		if verr != nil {
			h.fail(w, r, verr, nil)
			return
		}
		f.Errors = fields
		if f.Errors == nil {
			f.Errors = map[string]string{}
		}
		v.PeerForm, v.PeerAlert = f, alert
		h.render(w, r, status, "exchange.html", v)
	}
	if tdkt.CodeOf(err) == tdkt.EConflict {
		redo(http.StatusConflict, nil, messageOf(err))
		return
	}
	h.fail(w, r, err, func(fields map[string]string) { redo(http.StatusUnprocessableEntity, fields, "") })
}

func init() {
	doneNotices["imported"] = "Đã nhập gói liên thông."
	doneNotices["peer_added"] = "Đã đăng ký hệ thống liên thông."
}
