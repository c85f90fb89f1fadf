package api

import (
	"errors"
	"io"
	"net/http"
	"strconv"

	"tdkt"
	"tdkt/core"
	"tdkt/exchange"
	"tdkt/sqldb"
)

// Exchange between installations (docs/exchange.md): the inbox another installation
// delivers signed packages to, the offline import of the same file, the latest
// package of a dossier, and the status of the messages.

const tagExchange = "Liên thông giữa các hệ thống"

type peerJSON struct {
	ID          int64    `json:"id" api:"req"`
	Name        string   `json:"name" api:"req"`
	URL         string   `json:"url" api:"req"`
	PublicKey   string   `json:"public_key" api:"req" doc:"ed25519:<base64>"`
	Fingerprint string   `json:"fingerprint" api:"req"`
	OrgCodes    []string `json:"org_codes" api:"req" doc:"Mã các đơn vị do hệ thống đó quản lý"`
	Upstream    bool     `json:"upstream" doc:"Hệ thống cấp trên: nhận hồ sơ trình vượt cấp cao nhất của hệ thống này"`
}

type peerList struct {
	Fingerprint string     `json:"fingerprint" api:"req" doc:"Dấu vân tay khóa của chính hệ thống này"`
	PublicKey   string     `json:"public_key" api:"req"`
	Items       []peerJSON `json:"items" api:"req"`
}

type messageJSON struct {
	ID          int64  `json:"id" api:"req"`
	MessageID   string `json:"message_id" api:"req" doc:"Khóa duy nhất của gói tin"`
	Direction   string `json:"direction" api:"req" doc:"out: gửi đi; in: đã nhận"`
	Kind        string `json:"kind" api:"req" doc:"dossier hoặc status"`
	Peer        string `json:"peer" api:"req"`
	DossierID   int64  `json:"dossier_id,omitempty"`
	Summary     string `json:"summary"`
	Status      string `json:"status" doc:"Gửi đi: pending (đang chờ gửi), delivered (đã giao), refused (bị từ chối); đã nhận: applied"`
	Attempts    int    `json:"attempts,omitempty"`
	NextAt      string `json:"next_at,omitempty" doc:"Lần thử gửi tiếp theo"`
	LastError   string `json:"last_error,omitempty"`
	At          string `json:"at" api:"req"`
	DeliveredAt string `json:"delivered_at,omitempty"`
	Via         string `json:"via,omitempty" doc:"Đã nhận qua https hoặc tệp"`
}

type messageList struct {
	Link  *linkStateJSON `json:"link,omitempty"`
	Items []messageJSON  `json:"items" api:"req"`
}

type linkStateJSON struct {
	Peer      string `json:"peer" api:"req"`
	Direction string `json:"direction" api:"req" doc:"sent: hồ sơ gửi đi; received: hồ sơ nhận về"`
	Ref       string `json:"ref" api:"req" doc:"Số tham chiếu hồ sơ của bên gửi"`
	Revision  int    `json:"revision"`
	State     string `json:"state" doc:"Trạng thái cuối cùng đã báo"`
	StateName string `json:"state_name"`
	Note      string `json:"note,omitempty"`
	At        string `json:"at,omitempty"`
}

type receiptJSON struct {
	ID     string `json:"id" api:"req"`
	Result string `json:"result" api:"req" doc:"applied: đã áp dụng; duplicate: đã nhận trước đó, bỏ qua"`
}

func outJSON(o sqldb.OutboxRow) messageJSON {
	return messageJSON{ID: o.ID, MessageID: o.MessageID, Direction: "out", Kind: o.Kind, Peer: o.PeerName, DossierID: o.DossierID, Summary: o.Summary,
		Status: o.Status, Attempts: o.Attempts, NextAt: o.NextAt, LastError: o.LastError, At: o.CreatedAt, DeliveredAt: o.DeliveredAt}
}

func inJSON(x sqldb.InboxRow) messageJSON {
	return messageJSON{ID: x.ID, MessageID: x.MessageID, Direction: "in", Kind: x.Kind, Peer: x.PeerName, DossierID: x.DossierID, Summary: x.Summary,
		Status: "applied", At: x.ReceivedAt, Via: x.Via}
}

func (h *handlers) exchangeRoutes() []route {
	return []route{
		{Method: "POST", Path: prefix + "/exchange/inbox", Raw: h.exchangeInbox, Op: operation{ID: "deliverPackage", Tag: tagExchange, Public: true,
			Summary: "Nhận một gói liên thông đã ký (application/zip) từ hệ thống đã đăng ký; xác thực bằng chữ ký của gói, không cần đăng nhập. " +
				"200: đã áp dụng hoặc đã nhận trước đó; 422: từ chối, {\"error\":{\"code\",\"message\"}}", Resp: "Receipt"}},
		{Method: "POST", Path: prefix + "/exchange/import", Raw: h.exchangeImport, Op: operation{ID: "importPackage", Tag: tagExchange,
			Summary: "Nhập một gói liên thông mang theo bằng tệp (đường ngoại tuyến): cùng tệp, cùng kiểm tra như khi nhận qua mạng", Resp: "Receipt"}},
		{Method: "GET", Path: prefix + "/exchange/peers", Handle: h.listPeers, Op: operation{ID: "listPeers", Tag: tagExchange,
			Summary: "Các hệ thống liên thông đã đăng ký và khóa công khai của hệ thống này", Resp: "PeerList"}},
		{Method: "GET", Path: prefix + "/exchange/messages", Handle: h.listMessages, Op: operation{ID: "listExchangeMessages", Tag: tagExchange,
			Summary: "Tin đã gửi (với trạng thái giao) và đã nhận; theo một hồ sơ nếu có dossier_id",
			Query:   []param{{"dossier_id", "integer", "Mã hồ sơ"}}, Resp: "MessageList"}},
		{Method: "GET", Path: prefix + "/dossiers/{id}/package", Raw: h.dossierPackage, Op: operation{ID: "getDossierPackage", Tag: tagExchange,
			Summary: "Gói liên thông đã ký mới nhất của hồ sơ (application/zip), để mang đi bằng tệp"}},
	}
}

// readPackage reads a request's body up to the package limit.
func readPackage(r *http.Request) ([]byte, error) {
	b, err := io.ReadAll(io.LimitReader(r.Body, exchange.MaxPackage+1))
	if err != nil {
		return nil, badRequest("Không đọc được nội dung gói tin.")
	}
	return b, nil
}

func (h *handlers) receive(w http.ResponseWriter, r *http.Request, actor *tdkt.Account, via string) {
	pkg, err := readPackage(r)
	if err != nil {
		writeError(w, r, err)
		return
	}
	rc, err := h.svc.ReceivePackage(r.Context(), actor, pkg, via)
	var ref *exchange.Refusal
	switch {
	case errors.As(err, &ref):
		exchange.WriteRefusal(w, ref)
	case err != nil:
		writeError(w, r, err)
	default:
		exchange.WriteReceipt(w, rc)
	}
}

func (h *handlers) exchangeInbox(w http.ResponseWriter, r *http.Request) {
	h.receive(w, r, nil, core.ViaHTTPS)
}

func (h *handlers) exchangeImport(w http.ResponseWriter, r *http.Request) {
	h.receive(w, r, core.Actor(r.Context()), core.ViaFile)
}

func (h *handlers) listPeers(r *http.Request, a *tdkt.Account) (any, error) {
	ps, err := h.svc.Peers(r.Context(), a)
	if err != nil {
		return nil, err
	}
	out := peerList{Fingerprint: h.svc.Fingerprint(), PublicKey: h.svc.PublicKey(), Items: []peerJSON{}}
	for _, p := range ps {
		out.Items = append(out.Items, peerJSON{ID: p.ID, Name: p.Name, URL: p.URL, PublicKey: p.PublicKey, Fingerprint: p.Fingerprint,
			OrgCodes: append([]string{}, p.OrgCodes...), Upstream: p.Upstream})
	}
	return out, nil
}

func (h *handlers) listMessages(r *http.Request, a *tdkt.Account) (any, error) {
	out := messageList{Items: []messageJSON{}}
	if s := r.URL.Query().Get("dossier_id"); s != "" {
		id, err := strconv.ParseInt(s, 10, 64)
		if err != nil || id <= 0 {
			return nil, invalid("dossier_id", "Mã hồ sơ không hợp lệ.")
		}
		x, err := h.svc.ExchangeOfDossier(r.Context(), a, id)
		if err != nil {
			return nil, err
		}
		if l := x.Link; l != nil {
			out.Link = &linkStateJSON{Peer: l.PeerName, Direction: l.Direction, Ref: l.Ref, Revision: l.Revision, State: l.State,
				StateName: core.StateLabel(l.State), Note: l.StateNote, At: l.StateAt}
		}
		out.Items = append(mapTo(x.Outbox, outJSON), mapTo(x.Received, inJSON)...)
		return out, nil
	}
	x, err := h.svc.ExchangeOverview(r.Context(), a)
	if err != nil {
		return nil, err
	}
	out.Items = append(mapTo(x.Outbox, outJSON), mapTo(x.Received, inJSON)...)
	return out, nil
}

func (h *handlers) dossierPackage(w http.ResponseWriter, r *http.Request) {
	id, err := pathID(r, dossierWhat)
	if err != nil {
		writeError(w, r, err)
		return
	}
	name, pkg, err := h.svc.DossierPackage(r.Context(), core.Actor(r.Context()), id)
	if err != nil {
		writeError(w, r, err)
		return
	}
	download(w, name, "application/zip", pkg)
}
