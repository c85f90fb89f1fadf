package sqldb

import (
	"context"
	"database/sql"
)

// PortalLink is a link of the front page's "Liên kết website" block.
type PortalLink struct {
	ID       int64
	Title    string
	URL      string // http or https only; the table's CHECK holds it too
	Position int    // smaller first
	Version  int
}

// PortalLinks lists the links in display order.
func (t *Tx) PortalLinks(ctx context.Context) ([]PortalLink, error) {
	var out []PortalLink
	err := t.Each(ctx, `SELECT id, title, url, position, version FROM portal_links ORDER BY position, id`, nil, func(r *sql.Rows) error {
		var x PortalLink
		err := r.Scan(&x.ID, &x.Title, &x.URL, &x.Position, &x.Version)
		out = append(out, x)
		return err
	})
	return out, err
}

// PortalLinkByID loads one link.
func (t *Tx) PortalLinkByID(ctx context.Context, id int64) (x PortalLink, err error) {
	err = t.Get(ctx, "liên kết", `SELECT id, title, url, position, version FROM portal_links WHERE id = ?`, []any{id},
		&x.ID, &x.Title, &x.URL, &x.Position, &x.Version)
	return x, err
}

// InsertPortalLink stores a new link.
func (t *Tx) InsertPortalLink(ctx context.Context, x *PortalLink, now string) (err error) {
	x.ID, err = t.Insert(ctx, `INSERT INTO portal_links (title, url, position, created_at) VALUES (?, ?, ?, ?)`, x.Title, x.URL, x.Position, now)
	x.Version = 1
	return err
}

// UpdatePortalLink changes a link read at x.Version.
func (t *Tx) UpdatePortalLink(ctx context.Context, x *PortalLink) error {
	err := changed(t.Exec(ctx, `UPDATE portal_links SET title = ?, url = ?, position = ?, version = version + 1 WHERE id = ? AND version = ?`,
		x.Title, x.URL, x.Position, x.ID, x.Version))
	if err == nil {
		x.Version++
	}
	return err
}

// DeletePortalLink removes a link read at version.
func (t *Tx) DeletePortalLink(ctx context.Context, id int64, version int) error {
	return changed(t.Exec(ctx, `DELETE FROM portal_links WHERE id = ? AND version = ?`, id, version))
}
