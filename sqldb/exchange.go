package sqldb

import (
	"context"
	"database/sql"
	"strings"

	"tdkt"
)

// Peer is another installation this one exchanges dossiers with.
type Peer struct {
	ID                   int64
	Name, URL, PublicKey string
	Fingerprint          string
	OrgCodes             []string
	Upstream             bool
	CreatedAt            string
}

// Hosts reports whether the peer hosts the organisation with that code.
func (p *Peer) Hosts(code string) bool { return tdkt.In(code, p.OrgCodes) }

const peerCols = `id, name, url, public_key, fingerprint, org_codes, upstream, created_at`

func scanPeer(r interface{ Scan(...any) error }) (p Peer, err error) {
	var codes string
	err = r.Scan(&p.ID, &p.Name, &p.URL, &p.PublicKey, &p.Fingerprint, &codes, &p.Upstream, &p.CreatedAt)
	if codes != "" {
		p.OrgCodes = strings.Split(codes, ",")
	}
	return
}

// InsertPeer registers an installation; a second one with the same key is a Conflict.
func (t *Tx) InsertPeer(ctx context.Context, p *Peer) (err error) {
	p.ID, err = t.Insert(ctx, `INSERT INTO peers (name, url, public_key, fingerprint, org_codes, upstream, created_at) VALUES (?, ?, ?, ?, ?, ?, ?)`,
		p.Name, p.URL, p.PublicKey, p.Fingerprint, strings.Join(p.OrgCodes, ","), p.Upstream, p.CreatedAt)
	return err
}

// Peers lists the registered installations by name.
func (t *Tx) Peers(ctx context.Context) ([]Peer, error) {
	var out []Peer
	err := t.Each(ctx, `SELECT `+peerCols+` FROM peers ORDER BY name, id`, nil, func(r *sql.Rows) error {
		p, err := scanPeer(r)
		out = append(out, p)
		return err
	})
	return out, err
}

// PeerByID loads a peer.
func (t *Tx) PeerByID(ctx context.Context, id int64) (p Peer, err error) {
	found := false
	err = t.Each(ctx, `SELECT `+peerCols+` FROM peers WHERE id = ?`, []any{id}, func(r *sql.Rows) error {
		p, err = scanPeer(r)
		found = true
		return err
	})
	if err == nil && !found {
		err = tdkt.NotFound("hệ thống liên thông")
	}
	return
}

// OutboxRow is a message waiting to go to a peer, or gone.
type OutboxRow struct {
	ID, PeerID, DossierID     int64
	MessageID, Kind, Summary  string
	Status                    string
	Attempts                  int
	NextAt, LastError, Result string
	CreatedAt, DeliveredAt    string
	PeerName, PeerURL         string
}

// InsertOutbox queues a package; it commits with the step that sends it.
func (t *Tx) InsertOutbox(ctx context.Context, o *OutboxRow, pkg []byte) (err error) {
	o.ID, err = t.Insert(ctx, `INSERT INTO exchange_outbox (peer_id, message_id, kind, dossier_id, summary, package, next_at, created_at)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?)`, o.PeerID, o.MessageID, o.Kind, nullID(o.DossierID), o.Summary, pkg, o.NextAt, o.CreatedAt)
	o.Status = "pending"
	return err
}

const outboxCols = `o.id, o.peer_id, COALESCE(o.dossier_id, 0), o.message_id, o.kind, o.summary, o.status, o.attempts, o.next_at,
	o.last_error, o.result, o.created_at, o.delivered_at, p.name, p.url`

func scanOutbox(r interface{ Scan(...any) error }) (o OutboxRow, err error) {
	err = r.Scan(&o.ID, &o.PeerID, &o.DossierID, &o.MessageID, &o.Kind, &o.Summary, &o.Status, &o.Attempts, &o.NextAt,
		&o.LastError, &o.Result, &o.CreatedAt, &o.DeliveredAt, &o.PeerName, &o.PeerURL)
	return
}

// OutboxDue lists pending messages due at now, oldest first.
func (t *Tx) OutboxDue(ctx context.Context, now string, limit int) ([]OutboxRow, error) {
	return t.outbox(ctx, `o.status = 'pending' AND o.next_at <= ? ORDER BY o.id LIMIT ?`, now, limit)
}

// OutboxOf lists the messages about a dossier, or all when dossierID is 0, newest first.
func (t *Tx) OutboxOf(ctx context.Context, dossierID int64, limit int) ([]OutboxRow, error) {
	if dossierID == 0 {
		return t.outbox(ctx, `1 = 1 ORDER BY o.id DESC LIMIT ?`, limit)
	}
	return t.outbox(ctx, `o.dossier_id = ? ORDER BY o.id DESC LIMIT ?`, dossierID, limit)
}

func (t *Tx) outbox(ctx context.Context, where string, args ...any) ([]OutboxRow, error) {
	var out []OutboxRow
	err := t.Each(ctx, `SELECT `+outboxCols+` FROM exchange_outbox o JOIN peers p ON p.id = o.peer_id WHERE `+where, args, func(r *sql.Rows) error {
		o, err := scanOutbox(r)
		out = append(out, o)
		return err
	})
	return out, err
}

// OutboxPackage reads a queued package.
func (t *Tx) OutboxPackage(ctx context.Context, id int64) (pkg []byte, err error) {
	err = t.Get(ctx, "gói tin", `SELECT package FROM exchange_outbox WHERE id = ?`, []any{id}, &pkg)
	return
}

// SetOutboxResult records a delivery attempt's outcome if the message is still
// pending (two processes never both record one attempt).
func (t *Tx) SetOutboxResult(ctx context.Context, o *OutboxRow) error {
	return changed(t.Exec(ctx, `UPDATE exchange_outbox SET status = ?, attempts = ?, next_at = ?, last_error = ?, result = ?, delivered_at = ?
		WHERE id = ? AND status = 'pending' AND attempts = ?`, o.Status, o.Attempts, o.NextAt, o.LastError, o.Result, o.DeliveredAt, o.ID, o.Attempts-1))
}

// InboxRow is a message applied here.
type InboxRow struct {
	ID, PeerID, DossierID         int64
	MessageID, Kind, Summary, Via string
	ReceivedAt, PeerName          string
}

// InboxSeen reports whether the peer's message was applied already.
func (t *Tx) InboxSeen(ctx context.Context, peerID int64, messageID string) (bool, error) {
	n, err := t.Int(ctx, `SELECT count(*) FROM exchange_inbox WHERE peer_id = ? AND message_id = ?`, peerID, messageID)
	return n > 0, err
}

// InsertInbox records an applied message; a second one is a Conflict (the unique key).
func (t *Tx) InsertInbox(ctx context.Context, x *InboxRow) (err error) {
	x.ID, err = t.Insert(ctx, `INSERT INTO exchange_inbox (peer_id, message_id, kind, dossier_id, summary, via, received_at) VALUES (?, ?, ?, ?, ?, ?, ?)`,
		x.PeerID, x.MessageID, x.Kind, nullID(x.DossierID), x.Summary, x.Via, x.ReceivedAt)
	return err
}

// InboxOf lists applied messages about a dossier, or all when dossierID is 0, newest first.
func (t *Tx) InboxOf(ctx context.Context, dossierID int64, limit int) ([]InboxRow, error) {
	where, args := "1 = 1", []any{}
	if dossierID != 0 {
		where, args = "i.dossier_id = ?", []any{dossierID}
	}
	var out []InboxRow
	err := t.Each(ctx, `SELECT i.id, i.peer_id, COALESCE(i.dossier_id, 0), i.message_id, i.kind, i.summary, i.via, i.received_at, p.name
		FROM exchange_inbox i JOIN peers p ON p.id = i.peer_id WHERE `+where+` ORDER BY i.id DESC LIMIT ?`, append(args, limit), func(r *sql.Rows) error {
		var x InboxRow
		err := r.Scan(&x.ID, &x.PeerID, &x.DossierID, &x.MessageID, &x.Kind, &x.Summary, &x.Via, &x.ReceivedAt, &x.PeerName)
		out = append(out, x)
		return err
	})
	return out, err
}

// Refusal is a package refused, logged without anything of it.
type Refusal struct {
	ID                                 int64
	ReceivedAt, Via, Sender, MessageID string
	Code, Message                      string
	Size                               int64
}

// InsertRefusal logs a refused package.
func (t *Tx) InsertRefusal(ctx context.Context, x *Refusal) (err error) {
	x.ID, err = t.Insert(ctx, `INSERT INTO exchange_refusals (received_at, via, sender, message_id, code, message, size) VALUES (?, ?, ?, ?, ?, ?, ?)`,
		x.ReceivedAt, x.Via, x.Sender, x.MessageID, x.Code, x.Message, x.Size)
	return err
}

// Refusals lists the latest refused packages.
func (t *Tx) Refusals(ctx context.Context, limit int) ([]Refusal, error) {
	var out []Refusal
	err := t.Each(ctx, `SELECT id, received_at, via, sender, message_id, code, message, size FROM exchange_refusals ORDER BY id DESC LIMIT ?`,
		[]any{limit}, func(r *sql.Rows) error {
			var x Refusal
			err := r.Scan(&x.ID, &x.ReceivedAt, &x.Via, &x.Sender, &x.MessageID, &x.Code, &x.Message, &x.Size)
			out = append(out, x)
			return err
		})
	return out, err
}

// Link is where a travelling dossier went or came from.
type Link struct {
	DossierID, PeerID         int64
	Direction, Ref            string
	Revision                  int
	State, StateNote, StateAt string
	PeerName                  string
}

// LinkOf loads a dossier's link; ok is false when it never travelled.
func (t *Tx) LinkOf(ctx context.Context, dossierID int64) (Link, bool, error) {
	return t.link(ctx, `l.dossier_id = ?`, dossierID)
}

// LinkByRef finds the dossier linked to a peer's reference.
func (t *Tx) LinkByRef(ctx context.Context, peerID int64, direction, ref string) (Link, bool, error) {
	return t.link(ctx, `l.peer_id = ? AND l.direction = ? AND l.ref = ?`, peerID, direction, ref)
}

func (t *Tx) link(ctx context.Context, where string, args ...any) (l Link, ok bool, err error) {
	err = t.Each(ctx, `SELECT l.dossier_id, l.peer_id, l.direction, l.ref, l.revision, l.state, l.state_note, l.state_at, p.name
		FROM dossier_links l JOIN peers p ON p.id = l.peer_id WHERE `+where, args, func(r *sql.Rows) error {
		ok = true
		return r.Scan(&l.DossierID, &l.PeerID, &l.Direction, &l.Ref, &l.Revision, &l.State, &l.StateNote, &l.StateAt, &l.PeerName)
	})
	return
}

// SaveLink inserts or replaces a dossier's link.
func (t *Tx) SaveLink(ctx context.Context, l *Link) error {
	_, err := t.Exec(ctx, `INSERT INTO dossier_links (dossier_id, peer_id, direction, ref, revision, state, state_note, state_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)
		ON CONFLICT (dossier_id) DO UPDATE SET peer_id = excluded.peer_id, direction = excluded.direction, ref = excluded.ref,
		revision = excluded.revision, state = excluded.state, state_note = excluded.state_note, state_at = excluded.state_at`,
		l.DossierID, l.PeerID, l.Direction, l.Ref, l.Revision, l.State, l.StateNote, l.StateAt)
	return err
}

// ExchangeSubject finds the local subject of a peer's reference.
func (t *Tx) ExchangeSubject(ctx context.Context, peerID int64, ref string) (s tdkt.Subject, ok bool, err error) {
	err = t.Each(ctx, `SELECT subject_kind, subject_id FROM exchange_subjects WHERE peer_id = ? AND ref = ?`, []any{peerID, ref},
		func(r *sql.Rows) error { ok = true; return r.Scan(&s.Kind, &s.ID) })
	return
}

// InsertExchangeSubject remembers the local subject of a peer's reference.
func (t *Tx) InsertExchangeSubject(ctx context.Context, peerID int64, ref string, s tdkt.Subject) error {
	_, err := t.Exec(ctx, `INSERT INTO exchange_subjects (peer_id, ref, subject_kind, subject_id) VALUES (?, ?, ?, ?)`, peerID, ref, s.Kind, s.ID)
	return err
}

// SetDecisionPeer marks a decision that arrived from the installation that took it.
func (t *Tx) SetDecisionPeer(ctx context.Context, decisionID, peerID int64) error {
	_, err := t.Exec(ctx, `UPDATE decisions SET peer_id = ? WHERE id = ?`, peerID, decisionID)
	return err
}

// ExchangeRefOf is the peer's reference of a local subject ("" when it has none).
func (t *Tx) ExchangeRefOf(ctx context.Context, peerID int64, s tdkt.Subject) (ref string, err error) {
	err = t.Each(ctx, `SELECT ref FROM exchange_subjects WHERE peer_id = ? AND subject_kind = ? AND subject_id = ?`, []any{peerID, s.Kind, s.ID},
		func(r *sql.Rows) error { return r.Scan(&ref) })
	return
}
