package core

import (
	"context"
	"net/url"
	"strings"

	"tdkt"
	"tdkt/sqldb"
	"tdkt/vn"
)

// The "Liên kết website" block of the front page, kept by administrators.

// PortalLinks lists the links in display order; no sign-in.
func (s *Service) PortalLinks(ctx context.Context) (out []sqldb.PortalLink, err error) {
	err = s.DB.View(ctx, func(tx *sqldb.Tx) error {
		out, err = tx.PortalLinks(ctx)
		return err
	})
	return out, err
}

// validLink checks a link: a title, and an absolute http or https address with a
// host (a javascript: or data: address would run in the visitor's browser).
func validLink(x *sqldb.PortalLink) error {
	x.Title, x.URL = vn.NFC(x.Title), strings.TrimSpace(x.URL)
	p := tdkt.Problems{}
	switch {
	case x.Title == "":
		p.Add("title", "Hãy nhập tên liên kết.")
	case len([]rune(x.Title)) > 200:
		p.Add("title", "Tên liên kết dài quá 200 ký tự.")
	}
	u, err := url.Parse(x.URL)
	switch {
	case x.URL == "":
		p.Add("url", "Hãy nhập địa chỉ trang web.")
	case len(x.URL) > 2000:
		p.Add("url", "Địa chỉ dài quá 2.000 ký tự.")
	case err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" || strings.ContainsAny(x.URL, " \t\r\n"):
		p.Add("url", "Địa chỉ phải bắt đầu bằng http:// hoặc https://, ví dụ https://thiduakhenthuong.gov.vn.")
	}
	if x.Position < 0 || x.Position > 9999 {
		p.Add("position", "Thứ tự là một số từ 0 đến 9999.")
	}
	return p.Err()
}

// SavePortalLink creates (ID 0) or updates a link read at x.Version. Installation administrators only.
func (s *Service) SavePortalLink(ctx context.Context, actor *tdkt.Account, x *sqldb.PortalLink) error {
	if err := installationOnly(actor); err != nil {
		return err
	}
	if err := validLink(x); err != nil {
		return err
	}
	return s.DB.Update(ctx, func(tx *sqldb.Tx) error {
		if x.ID == 0 {
			if err := tx.InsertPortalLink(ctx, x, s.stamp()); err != nil {
				return err
			}
			return s.audit(ctx, tx, actor, "create", "portal_link", x.ID, tdkt.Subject{}, orgOfActor(actor), nil, x)
		}
		before, err := tx.PortalLinkByID(ctx, x.ID)
		if err != nil {
			return err
		}
		if err := tx.UpdatePortalLink(ctx, x); err != nil {
			return err
		}
		return s.audit(ctx, tx, actor, "update", "portal_link", x.ID, tdkt.Subject{}, orgOfActor(actor), before, x)
	})
}

// DeletePortalLink removes a link read at version. Installation administrators only.
func (s *Service) DeletePortalLink(ctx context.Context, actor *tdkt.Account, id int64, version int) error {
	if err := installationOnly(actor); err != nil {
		return err
	}
	return s.DB.Update(ctx, func(tx *sqldb.Tx) error {
		before, err := tx.PortalLinkByID(ctx, id)
		if err != nil {
			return err
		}
		if err := tx.DeletePortalLink(ctx, id, version); err != nil {
			return err
		}
		return s.audit(ctx, tx, actor, "delete", "portal_link", id, tdkt.Subject{}, orgOfActor(actor), before, nil)
	})
}

// orgOfActor is the organisation an audit event of a site-wide change is filed
// under: the actor's, or none for the system itself.
func orgOfActor(actor *tdkt.Account) int64 {
	if actor == nil {
		return 0
	}
	return actor.OrgID
}
