package core

import (
	"context"
	"sort"

	"tdkt"
	"tdkt/sqldb"
	"tdkt/vn"
)

// Congresses of patriotic emulation (Đại hội thi đua yêu nước) and their typical
// examples: chosen by the organiser's clerks from the awardees of its subtree, their
// stories written, then published on the portal by a leader.

// CongressInput is what a clerk fills in to create or edit a congress.
type CongressInput struct {
	OrgID      int64
	Name       string
	Level      tdkt.Level // the organiser's level when empty
	HeldOn     string
	Place      string
	PeriodFrom int
	PeriodTo   int
	Version    int
}

// CongressView is a congress with its typical examples and the steps the actor may take.
type CongressView struct {
	Congress tdkt.Congress
	Examples []tdkt.TypicalExample
	Steps    []tdkt.CongressStep
	CanEdit  bool
}

// loadCongress loads a congress organised inside the actor's subtree; any other is NotFound.
func loadCongress(ctx context.Context, tx *sqldb.Tx, actor *tdkt.Account, id int64) (tdkt.Congress, string, error) {
	g, path, err := tx.CongressByID(ctx, id)
	if err == nil {
		err = visible(actor, path, "Đại hội thi đua")
	}
	return g, path, err
}

// CreateCongress starts a congress (preparing) organised by a unit of the actor's subtree.
func (s *Service) CreateCongress(ctx context.Context, actor *tdkt.Account, in CongressInput) (g tdkt.Congress, err error) {
	err = s.DB.Update(ctx, func(tx *sqldb.Tx) error {
		if err := canEdit(actor); err != nil {
			return err
		}
		g = tdkt.Congress{OrgID: in.OrgID, Name: vn.NFC(in.Name), Level: in.Level, HeldOn: in.HeldOn, Place: vn.NFC(in.Place),
			PeriodFrom: in.PeriodFrom, PeriodTo: in.PeriodTo, Status: tdkt.CongressPreparing}
		if in.OrgID != 0 {
			o, err := orgInScope(ctx, tx, actor, in.OrgID, "org_id")
			if err != nil {
				return err
			}
			g.OrgName = o.Name
			if g.Level == "" {
				g.Level = o.Level
			}
		}
		if err := g.Validate(s.Now()); err != nil {
			return err
		}
		if err := tx.InsertCongress(ctx, &g, s.stamp()); err != nil {
			return err
		}
		return s.audit(ctx, tx, actor, "create", "congress", g.ID, tdkt.Subject{}, g.OrgID, nil, g)
	})
	return g, err
}

// UpdateCongress changes a congress's name, level, date, place and period.
func (s *Service) UpdateCongress(ctx context.Context, actor *tdkt.Account, id int64, in CongressInput) (g tdkt.Congress, err error) {
	err = s.DB.Update(ctx, func(tx *sqldb.Tx) error {
		if g, _, err = loadCongress(ctx, tx, actor, id); err != nil {
			return err
		}
		if err := canEdit(actor); err != nil {
			return err
		}
		if in.Version != g.Version {
			return tdkt.Conflict()
		}
		before := g
		g.Name, g.Level, g.HeldOn, g.Place, g.PeriodFrom, g.PeriodTo = vn.NFC(in.Name), in.Level, in.HeldOn, vn.NFC(in.Place), in.PeriodFrom, in.PeriodTo
		if g.Level == "" {
			g.Level = before.Level
		}
		if err := g.Validate(s.Now()); err != nil {
			return err
		}
		if err := tx.UpdateCongress(ctx, &g); err != nil {
			return err
		}
		return s.audit(ctx, tx, actor, "update", "congress", g.ID, tdkt.Subject{}, g.OrgID, before, g)
	})
	return g, err
}

// Congresses lists the congresses organised inside the actor's subtree.
func (s *Service) Congresses(ctx context.Context, actor *tdkt.Account) (out []tdkt.Congress, err error) {
	err = s.DB.View(ctx, func(tx *sqldb.Tx) error {
		if actor == nil || actor.OrgPath == "" {
			return tdkt.NotFound("Đại hội thi đua")
		}
		out, err = tx.CongressesIn(ctx, actor.OrgPath)
		return err
	})
	return out, err
}

// mayStepCongress reports whether the actor's role may take a congress step.
func mayStepCongress(actor *tdkt.Account, st tdkt.CongressStep) bool {
	return actor != nil && tdkt.In(actor.Role, st.Roles)
}

// Congress loads a congress the actor may see with all its typical examples and
// the awards that justify each.
func (s *Service) Congress(ctx context.Context, actor *tdkt.Account, id int64) (v CongressView, err error) {
	err = s.DB.View(ctx, func(tx *sqldb.Tx) error {
		if v.Congress, _, err = loadCongress(ctx, tx, actor, id); err != nil {
			return err
		}
		if v.Examples, err = tx.Examples(ctx, id, false); err != nil {
			return err
		}
		for i := range v.Examples {
			if v.Examples[i].Awards, err = tx.ExampleAwards(ctx, v.Examples[i].Subject, v.Congress.PeriodFrom, v.Congress.PeriodTo); err != nil {
				return err
			}
		}
		for _, st := range tdkt.CongressSteps {
			if st.From == v.Congress.Status && mayStepCongress(actor, st) {
				v.Steps = append(v.Steps, st)
			}
		}
		v.CanEdit = actor.CanEditRecords()
		return nil
	})
	return v, err
}

// StepCongress takes a step of a congress read at version: hold, publish, withdraw.
func (s *Service) StepCongress(ctx context.Context, actor *tdkt.Account, id int64, action tdkt.CongressAction, version int) (g tdkt.Congress, err error) {
	err = s.DB.Update(ctx, func(tx *sqldb.Tx) error {
		if g, _, err = loadCongress(ctx, tx, actor, id); err != nil {
			return err
		}
		st, ok := tdkt.CongressStepFor(action, g.Status)
		if !ok {
			return tdkt.Errorf(tdkt.EConflict, "Đại hội đang ở trạng thái %s; không thực hiện được thao tác này.", tdkt.CongressStatusLabels[g.Status])
		}
		if !mayStepCongress(actor, st) {
			return tdkt.Forbidden()
		}
		if version != g.Version {
			return tdkt.Conflict()
		}
		before, from := g, g.Status
		g.Status = st.To
		if err := tx.MoveCongress(ctx, &g, from); err != nil {
			return err
		}
		return s.audit(ctx, tx, actor, string(action), "congress", g.ID, tdkt.Subject{}, g.OrgID, before, g)
	})
	return g, err
}

// CandidateFilter narrows the search of typical examples.
type CandidateFilter struct {
	Award string
	OrgID int64 // a unit inside the organiser's subtree, or 0
	Year  int
	Name  string // ignores diacritics and case
	Limit int    // 50 when 0
}

// ExampleCandidate is a person or collective awarded in the congress's period inside
// its organiser's subtree, with a simple score: the sum of the weights of their
// awards (tdkt.AwardWeight), so that more and higher awards rank first.
type ExampleCandidate struct {
	Subject  tdkt.Subject
	Name     string
	Position string
	Unit     string
	Count    int
	Score    int
	Awards   []sqldb.HonourLine
	Selected bool // already a typical example of the congress
}

// SearchCandidates ranks the awardees of the congress's period in its organiser's
// subtree, filtered by award, unit, year and name.
func (s *Service) SearchCandidates(ctx context.Context, actor *tdkt.Account, congressID int64, f CandidateFilter) (out []ExampleCandidate, err error) {
	err = s.DB.View(ctx, func(tx *sqldb.Tx) error {
		g, path, err := loadCongress(ctx, tx, actor, congressID)
		if err != nil {
			return err
		}
		hf := sqldb.HonourFilter{Scope: path, From: g.PeriodFrom, To: g.PeriodTo, Award: f.Award}
		p := tdkt.Problems{}
		if f.Award != "" {
			if _, ok := tdkt.AwardByCode(f.Award); !ok {
				p.Add("award", "Danh hiệu, hình thức không có trong danh mục.")
			}
		}
		if f.Year != 0 {
			if f.Year < g.PeriodFrom || f.Year > g.PeriodTo {
				p.Add("year", "Năm phải thuộc giai đoạn "+g.Period()+".")
			}
			hf.Year = f.Year
		}
		if f.OrgID != 0 {
			o, err := tx.OrgByID(ctx, f.OrgID)
			if err != nil || len(o.Path) < len(path) || o.Path[:len(path)] != path {
				p.Add("org_id", "Đơn vị không có hoặc không thuộc phạm vi của đơn vị tổ chức Đại hội.")
			} else {
				hf.Unit = o.Path
			}
		}
		if err := p.Err(); err != nil {
			return err
		}
		if q := vn.Fold(f.Name); q != "" {
			hf.NameLike = "%" + q + "%"
		}
		lines, err := tx.HonoursForCongress(ctx, hf)
		if err != nil {
			return err
		}
		chosen, err := tx.Examples(ctx, congressID, false)
		if err != nil {
			return err
		}
		selected := map[tdkt.Subject]bool{}
		for _, x := range chosen {
			selected[x.Subject] = true
		}
		out = rankCandidates(lines, selected)
		limit := f.Limit
		if limit <= 0 {
			limit = 50
		}
		if len(out) > limit {
			out = out[:limit]
		}
		return nil
	})
	return out, err
}

// rankCandidates groups honour lines by subject (they come grouped) and orders the
// subjects by score, then number of awards, then name in Vietnamese order.
func rankCandidates(lines []sqldb.HonourLine, selected map[tdkt.Subject]bool) []ExampleCandidate {
	var out []ExampleCandidate
	for _, l := range lines {
		if n := len(out); n == 0 || out[n-1].Subject != l.Subject {
			out = append(out, ExampleCandidate{Subject: l.Subject, Name: l.Name, Position: l.Position, Unit: l.Unit, Selected: selected[l.Subject]})
		}
		c := &out[len(out)-1]
		c.Count++
		c.Score += tdkt.AwardWeight(l.AwardCode)
		c.Awards = append(c.Awards, l)
	}
	sort.SliceStable(out, func(i, j int) bool {
		a, b := out[i], out[j]
		if a.Score != b.Score {
			return a.Score > b.Score
		}
		if a.Count != b.Count {
			return a.Count > b.Count
		}
		return vn.Compare(a.Name, b.Name) < 0
	})
	return out
}

// SelectExample makes a person or collective a typical example of the congress. The
// subject must have an award of the period given in the organiser's subtree; the
// story starts with their name as its title.
func (s *Service) SelectExample(ctx context.Context, actor *tdkt.Account, congressID int64, sub tdkt.Subject) (x tdkt.TypicalExample, err error) {
	err = s.DB.Update(ctx, func(tx *sqldb.Tx) error {
		g, path, err := loadCongress(ctx, tx, actor, congressID)
		if err != nil {
			return err
		}
		if err := canEdit(actor); err != nil {
			return err
		}
		if sub.Kind != tdkt.Individual && sub.Kind != tdkt.Collective {
			return &tdkt.Error{Code: tdkt.EInvalid, Message: "Dữ liệu chưa hợp lệ.", Fields: map[string]string{"subject_kind": "Điển hình là cá nhân hoặc tập thể."}}
		}
		n, err := tx.CountHonoursIn(ctx, sub, path, g.PeriodFrom, g.PeriodTo)
		if err != nil {
			return err
		}
		if n == 0 {
			return &tdkt.Error{Code: tdkt.EInvalid, Message: "Dữ liệu chưa hợp lệ.", Fields: map[string]string{"subject": "Không có danh hiệu, hình thức khen thưởng nào trong giai đoạn " + g.Period() + " tại đơn vị thuộc phạm vi Đại hội."}}
		}
		x = tdkt.TypicalExample{CongressID: g.ID, Subject: sub}
		if err := tx.InsertExample(ctx, &x, s.stamp()); err != nil {
			return err
		}
		if x, err = tx.ExampleByID(ctx, g.ID, x.ID); err != nil {
			return err
		}
		x.Title = x.Name
		if err := tx.UpdateExampleStory(ctx, &x); err != nil {
			return err
		}
		return s.audit(ctx, tx, actor, "create", "typical_example", x.ID, sub, g.OrgID, nil, x)
	})
	return x, err
}

// StoryInput is a typical example's story and publication flag, read at Version.
type StoryInput struct {
	Title, Summary, Body string
	Published            bool
	Version              int
}

// Example loads one typical example of a congress the actor may see, with its awards.
func (s *Service) Example(ctx context.Context, actor *tdkt.Account, congressID, id int64) (g tdkt.Congress, x tdkt.TypicalExample, err error) {
	err = s.DB.View(ctx, func(tx *sqldb.Tx) error {
		if g, _, err = loadCongress(ctx, tx, actor, congressID); err != nil {
			return err
		}
		if x, err = tx.ExampleByID(ctx, congressID, id); err != nil {
			return err
		}
		x.Awards, err = tx.ExampleAwards(ctx, x.Subject, g.PeriodFrom, g.PeriodTo)
		return err
	})
	return g, x, err
}

// SaveStory changes a typical example's story: plain text, kept as typed (the pages
// escape it), with paragraphs separated by blank lines.
func (s *Service) SaveStory(ctx context.Context, actor *tdkt.Account, congressID, id int64, in StoryInput) (x tdkt.TypicalExample, err error) {
	err = s.DB.Update(ctx, func(tx *sqldb.Tx) error {
		g, _, err := loadCongress(ctx, tx, actor, congressID)
		if err != nil {
			return err
		}
		if x, err = tx.ExampleByID(ctx, congressID, id); err != nil {
			return err
		}
		if err := canEdit(actor); err != nil {
			return err
		}
		if in.Version != x.Version {
			return tdkt.Conflict()
		}
		before := x
		x.Title, x.Summary, x.Body, x.Published = vn.NFC(in.Title), vn.NFCText(in.Summary), vn.NFCText(in.Body), in.Published
		if err := x.Validate(); err != nil {
			return err
		}
		if err := tx.UpdateExampleStory(ctx, &x); err != nil {
			return err
		}
		return s.audit(ctx, tx, actor, "update", "typical_example", x.ID, x.Subject, g.OrgID, before, x)
	})
	return x, err
}

// SetPhoto stores a typical example's photo, a PNG or JPEG of at most 2 MB checked by
// its content; empty content removes the photo.
func (s *Service) SetPhoto(ctx context.Context, actor *tdkt.Account, congressID, id int64, content []byte, version int) (x tdkt.TypicalExample, err error) {
	contentType := ""
	if len(content) > 0 {
		var problem string
		if contentType, problem = tdkt.CheckPhoto(content); problem != "" {
			return x, &tdkt.Error{Code: tdkt.EInvalid, Message: "Ảnh không hợp lệ.", Fields: map[string]string{"photo": problem}}
		}
	}
	err = s.DB.Update(ctx, func(tx *sqldb.Tx) error {
		g, _, err := loadCongress(ctx, tx, actor, congressID)
		if err != nil {
			return err
		}
		if x, err = tx.ExampleByID(ctx, congressID, id); err != nil {
			return err
		}
		if err := canEdit(actor); err != nil {
			return err
		}
		if version != 0 && version != x.Version {
			return tdkt.Conflict()
		}
		if err := tx.SetExamplePhoto(ctx, &x, contentType, content); err != nil {
			return err
		}
		return s.audit(ctx, tx, actor, "photo", "typical_example", x.ID, x.Subject, g.OrgID, nil, map[string]any{"photo_type": contentType, "size": len(content)})
	})
	return x, err
}

// Photo loads a typical example's photo for the staff pages.
func (s *Service) Photo(ctx context.Context, actor *tdkt.Account, congressID, id int64) (contentType string, content []byte, err error) {
	err = s.DB.View(ctx, func(tx *sqldb.Tx) error {
		if _, _, err := loadCongress(ctx, tx, actor, congressID); err != nil {
			return err
		}
		if _, err := tx.ExampleByID(ctx, congressID, id); err != nil {
			return err
		}
		contentType, content, err = tx.ExamplePhoto(ctx, id)
		return err
	})
	return contentType, content, err
}

// RemoveExample takes a typical example off the congress.
func (s *Service) RemoveExample(ctx context.Context, actor *tdkt.Account, congressID, id int64, version int) error {
	return s.DB.Update(ctx, func(tx *sqldb.Tx) error {
		g, _, err := loadCongress(ctx, tx, actor, congressID)
		if err != nil {
			return err
		}
		x, err := tx.ExampleByID(ctx, congressID, id)
		if err != nil {
			return err
		}
		if err := canEdit(actor); err != nil {
			return err
		}
		if err := tx.DeleteExample(ctx, congressID, id, version); err != nil {
			return err
		}
		return s.audit(ctx, tx, actor, "delete", "typical_example", id, x.Subject, g.OrgID, x, nil)
	})
}

// PublicCongress is a published congress with its published typical examples.
type PublicCongress struct {
	Congress tdkt.Congress
	Examples []tdkt.TypicalExample
}

// PublishedExamples lists the published congresses with their published typical
// examples, for the portal; no sign-in, public fields only.
func (s *Service) PublishedExamples(ctx context.Context) (out []PublicCongress, err error) {
	err = s.DB.View(ctx, func(tx *sqldb.Tx) error {
		gs, err := tx.PublishedCongresses(ctx)
		if err != nil {
			return err
		}
		for _, g := range gs {
			xs, err := tx.Examples(ctx, g.ID, true)
			if err != nil {
				return err
			}
			if len(xs) > 0 {
				out = append(out, PublicCongress{Congress: g, Examples: xs})
			}
		}
		return nil
	})
	return out, err
}

// PublicExample loads one published typical example with its congress and awards;
// one that is not published (or whose congress is not) is NotFound.
func (s *Service) PublicExample(ctx context.Context, id int64) (g tdkt.Congress, x tdkt.TypicalExample, err error) {
	err = s.DB.View(ctx, func(tx *sqldb.Tx) error {
		if x, err = tx.PublicExample(ctx, id); err != nil {
			return err
		}
		if g, _, err = tx.CongressByID(ctx, x.CongressID); err != nil {
			return err
		}
		x.Awards, err = tx.ExampleAwards(ctx, x.Subject, g.PeriodFrom, g.PeriodTo)
		return err
	})
	return g, x, err
}

// PublicPhoto loads the photo of a published typical example.
func (s *Service) PublicPhoto(ctx context.Context, id int64) (contentType string, content []byte, err error) {
	err = s.DB.View(ctx, func(tx *sqldb.Tx) error {
		if _, err := tx.PublicExample(ctx, id); err != nil {
			return err
		}
		contentType, content, err = tx.ExamplePhoto(ctx, id)
		return err
	})
	return contentType, content, err
}

// FeaturedExamples lists a few published typical examples for the portal's front page.
func (s *Service) FeaturedExamples(ctx context.Context, limit int) (out []tdkt.TypicalExample, err error) {
	err = s.DB.View(ctx, func(tx *sqldb.Tx) error {
		out, err = tx.FeaturedExamples(ctx, limit)
		return err
	})
	return out, err
}
