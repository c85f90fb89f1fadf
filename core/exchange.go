package core

import (
	"context"
	"crypto/ed25519"
	"net/http"
	"net/url"
	"strings"

	"tdkt"
	"tdkt/exchange"
	"tdkt/sqldb"
	"tdkt/vn"
)

// ExchangeConfig is what this installation needs to exchange dossiers with others:
// its key pair (the public half identifies it, docs/exchange.md) and the HTTP client
// that delivers.
type ExchangeConfig struct {
	Key    ed25519.PrivateKey
	Client *http.Client
}

// Fingerprint identifies this installation to the others ("" without a key).
func (s *Service) Fingerprint() string {
	if s.Exchange.Key == nil {
		return ""
	}
	return exchange.Fingerprint(s.Exchange.Key.Public().(ed25519.PublicKey))
}

// PublicKey is this installation's public key as a peer registers it.
func (s *Service) PublicKey() string {
	if s.Exchange.Key == nil {
		return ""
	}
	return exchange.PublicKeyString(s.Exchange.Key.Public().(ed25519.PublicKey))
}

func (s *Service) exchangeOn() error {
	if s.Exchange.Key == nil {
		return tdkt.Errorf(tdkt.EInvalid, "Hệ thống chưa có khóa liên thông; hãy khởi động lại để tạo khóa.")
	}
	return nil
}

// PeerInput registers another installation.
type PeerInput struct {
	Name, URL, PublicKey string
	// OrgCodes are the codes of the organisations it hosts: a package from it must
	// come from one of them.
	OrgCodes []string
	// Upstream marks the installation that receives what this one forwards above its
	// top level (the central board's, for a province).
	Upstream bool
}

// AddPeer registers another installation: by the command line (actor nil) or an
// installation administrator. A dossier it sends must come from one of the codes it
// hosts, and that organisation must sit in this installation's tree (the province a
// central installation receives from).
func (s *Service) AddPeer(ctx context.Context, actor *tdkt.Account, in PeerInput) (p sqldb.Peer, err error) {
	if actor != nil && !actor.CanManageInstallation() {
		return p, tdkt.Forbidden()
	}
	pr := tdkt.Problems{}
	in.Name = vn.NFC(strings.TrimSpace(in.Name))
	if in.Name == "" || len([]rune(in.Name)) > 200 {
		pr.Add("name", "Hãy ghi tên hệ thống (tối đa 200 ký tự).")
	}
	if u, e := url.Parse(in.URL); e != nil || (u.Scheme != "https" && u.Scheme != "http") || u.Host == "" {
		pr.Add("url", "Địa chỉ phải có dạng https://ten-mien (http chỉ dùng trong mạng nội bộ).")
	}
	pub, kerr := exchange.ParsePublicKey(strings.TrimSpace(in.PublicKey))
	if kerr != nil {
		pr.Add("public_key", "Khóa công khai không hợp lệ; hãy dán nguyên dòng “ed25519:…” do lệnh tdkt peer key in ra.")
	}
	if len(in.OrgCodes) == 0 {
		pr.Add("org_codes", "Hãy ghi mã các đơn vị do hệ thống đó quản lý.")
	}
	if err := pr.Err(); err != nil {
		return p, err
	}
	p = sqldb.Peer{Name: in.Name, URL: strings.TrimRight(in.URL, "/"), PublicKey: exchange.PublicKeyString(pub), Fingerprint: exchange.Fingerprint(pub),
		Upstream: in.Upstream, CreatedAt: s.stamp()}
	if p.Fingerprint == s.Fingerprint() {
		return p, &tdkt.Error{Code: tdkt.EInvalid, Message: "Dữ liệu chưa hợp lệ.", Fields: map[string]string{"public_key": "Đây là khóa của chính hệ thống này."}}
	}
	err = s.DB.Update(ctx, func(tx *sqldb.Tx) error {
		for _, c := range in.OrgCodes {
			c = strings.TrimSpace(c)
			if c == "" {
				continue
			}
			if len(c) > 64 || strings.ContainsAny(c, ", \t") {
				return &tdkt.Error{Code: tdkt.EInvalid, Message: "Dữ liệu chưa hợp lệ.", Fields: map[string]string{"org_codes": "Mã đơn vị “" + c + "” không hợp lệ."}}
			}
			p.OrgCodes = append(p.OrgCodes, c)
		}
		peers, err := tx.Peers(ctx)
		if err != nil {
			return err
		}
		for _, x := range peers {
			if x.Fingerprint == p.Fingerprint {
				return &tdkt.Error{Code: tdkt.EConflict, Message: "Khóa này đã được đăng ký cho " + x.Name + "."}
			}
			if p.Upstream && x.Upstream {
				return &tdkt.Error{Code: tdkt.EConflict, Message: "Đã có hệ thống cấp trên: " + x.Name + "."}
			}
		}
		if err := tx.InsertPeer(ctx, &p); err != nil {
			return err
		}
		return s.audit(ctx, tx, actor, "create", "peer", p.ID, tdkt.Subject{}, 0, nil, p)
	})
	return p, err
}

// Peers lists the registered installations (any staff account may read who they are).
func (s *Service) Peers(ctx context.Context, actor *tdkt.Account) (out []sqldb.Peer, err error) {
	if actor == nil {
		return nil, tdkt.Forbidden()
	}
	err = s.DB.View(ctx, func(tx *sqldb.Tx) error {
		out, err = tx.Peers(ctx)
		return err
	})
	return out, err
}

// upstreamPeer is the installation above this one's top level, if registered.
func upstreamPeer(ctx context.Context, tx *sqldb.Tx) (sqldb.Peer, bool, error) {
	peers, err := tx.Peers(ctx)
	for _, p := range peers {
		if p.Upstream {
			return p, true, err
		}
	}
	return sqldb.Peer{}, false, err
}
