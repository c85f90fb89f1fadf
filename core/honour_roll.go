package core

import (
	"context"
	"strings"

	"tdkt"
	"tdkt/sqldb"
	"tdkt/vn"
)

// The honour roll (bảng vàng, sổ vàng điện tử) of the portal: no sign-in, public
// fields only, and the optional ones (position, unit, sex, signer) as the privacy
// setting of the subject's unit allows. Citizen ID, birth date and contacts are never
// read by these use cases.

// RollPageSize is how many lines a page of the honour roll holds.
const RollPageSize = 50

// RollFilter is what a visitor filters the honour roll by; empty fields do not filter.
type RollFilter struct {
	Q     string
	Year  int
	Award string
	Kind  tdkt.RewardKind
	Level tdkt.Level
	Org   string // organisation code: its subtree
	Page  int    // from 1
}

// RollPage is one page of the honour roll.
type RollPage struct {
	Lines []sqldb.RollLine
	Page  int
	More  bool // a next page exists
}

// RollSubject is a person's or a collective's page of the honour roll.
type RollSubject struct {
	sqldb.PublicSubject
	Awards   []sqldb.RollLine
	Examples []sqldb.ExampleLink
}

// HonourRoll returns a page of the honour roll. An unknown code in a filter matches
// nothing rather than failing, so that an old link still opens.
func (s *Service) HonourRoll(ctx context.Context, f RollFilter) (out RollPage, err error) {
	if f.Page < 1 {
		f.Page = 1
	}
	out.Page = f.Page
	q := sqldb.RollQuery{Q: vn.NFC(f.Q), Year: f.Year, Award: f.Award, Kind: f.Kind, Level: f.Level,
		Limit: RollPageSize, Offset: sqldb.PageOffset(f.Page, RollPageSize)}
	err = s.DB.ViewReplica(ctx, func(tx *sqldb.Tx) error {
		if code := strings.TrimSpace(f.Org); code != "" {
			o, err := tx.OrgByCode(ctx, code)
			if tdkt.CodeOf(err) == tdkt.ENotFound {
				return nil
			}
			if err != nil {
				return err
			}
			q.Org = o.Path
		}
		settings, err := tx.PrivacySettings(ctx)
		if err != nil {
			return err
		}
		if out.Lines, out.More, err = tx.HonourRoll(ctx, q); err != nil {
			return err
		}
		for i := range out.Lines {
			hideLine(&out.Lines[i], privacyAt(settings, out.Lines[i].OrgPath))
		}
		return nil
	})
	return out, err
}

// RollPerson is a person's page of the honour roll; RollCollective a collective's.
// A subject with no conferred title or form is not on the roll: NotFound.
func (s *Service) RollPerson(ctx context.Context, id int64) (RollSubject, error) {
	return s.rollSubject(ctx, tdkt.Subject{Kind: tdkt.Individual, ID: id})
}

// RollCollective is a collective's page of the honour roll.
func (s *Service) RollCollective(ctx context.Context, id int64) (RollSubject, error) {
	return s.rollSubject(ctx, tdkt.Subject{Kind: tdkt.Collective, ID: id})
}

func (s *Service) rollSubject(ctx context.Context, sub tdkt.Subject) (out RollSubject, err error) {
	err = s.DB.ViewReplica(ctx, func(tx *sqldb.Tx) error {
		if out.PublicSubject, err = tx.PublicSubjectByID(ctx, sub); err != nil {
			return err
		}
		if out.Awards, err = tx.SubjectRoll(ctx, sub); err != nil {
			return err
		}
		if len(out.Awards) == 0 {
			return tdkt.NotFound("trên bảng vàng")
		}
		settings, err := tx.PrivacySettings(ctx)
		if err != nil {
			return err
		}
		p := privacyAt(settings, out.OrgPath)
		if !p.ShowPosition {
			out.Position = ""
		}
		if !p.ShowUnit {
			out.Unit = ""
		}
		if !p.ShowSex {
			out.Sex = ""
		}
		for i := range out.Awards {
			hideLine(&out.Awards[i], p)
		}
		out.Examples, err = tx.PublishedExamplesOf(ctx, sub)
		return err
	})
	return out, err
}

// hideLine blanks the optional fields the setting hides; OrgPath is internal and
// goes too.
func hideLine(x *sqldb.RollLine, p sqldb.Privacy) {
	if !p.ShowPosition {
		x.Position = ""
	}
	if !p.ShowUnit {
		x.Unit = ""
	}
	if !p.ShowSex {
		x.Sex = ""
	}
	if !p.ShowSigner {
		x.Signer = ""
	}
	x.OrgPath = ""
}

// LatestDecisions lists the awards of the latest reward decisions for the front page.
func (s *Service) LatestDecisions(ctx context.Context, limit int) (out []sqldb.DecisionLine, err error) {
	err = s.DB.ViewReplica(ctx, func(tx *sqldb.Tx) error {
		out, err = tx.LatestDecisions(ctx, limit)
		return err
	})
	return out, err
}

// RollUnits lists the organisations a visitor may filter the honour roll by: the
// top three levels of the tree, so that the list stays short on a large installation
// (a commune's code still filters when typed into the address).
func (s *Service) RollUnits(ctx context.Context) (out []tdkt.Org, err error) {
	err = s.DB.ViewReplica(ctx, func(tx *sqldb.Tx) error {
		all, err := tx.OrgsUnder(ctx, "/")
		for _, o := range all {
			if strings.Count(o.Path, "/") <= 4 {
				out = append(out, o)
			}
		}
		return err
	})
	return out, err
}
