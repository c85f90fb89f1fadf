package demo

import (
	"context"
	"fmt"
	"strconv"
	"time"

	"tdkt"
	"tdkt/core"
	"tdkt/sqldb"
)

// trip is a national dossier on its way: the plan, the dossier as last read, and who
// works it at the commune and the province.
type trip struct {
	plan                  *plannedDossier
	d                     tdkt.Dossier
	prov                  int // org index of the province
	clerk, office, leader *tdkt.Account
}

// chain takes the national dossiers through the real use cases with a clock it moves
// forward, so that public comment windows close before a council sits. The first
// error stops every later step.
type chain struct {
	g     *gen
	svc   *core.Service
	ctx   context.Context
	clock time.Time
	acct  map[string]*tdkt.Account
	err   error
}

// nationalDossiers takes every planned dossier as far as its target, the chain
// running stage by stage over all of them: the commune proposes, the Sở Nội vụ works
// the province's inbox, the province's council votes and its leader forwards, the
// central board works the Government's inbox (returning one), the Central Council
// votes, the board's leader submits to the Prime Minister, records the Prime
// Minister's decision or the submission to the President, and records the President's
// decision or refusal. The clock starts 60 days before Options.Now, which leaves room
// for two public comment windows even over Tết. What waits at a stage that only needs
// someone's next step takes its last step at Options.Now (the dossiers that stop in a
// province are proposed two days before), so that nothing is long overdue when the
// demo is used, and the windows and the meeting left open are open then.
func (g *gen) nationalDossiers(ctx context.Context, db *sqldb.DB) (made, awarded int, err error) {
	c := &chain{g: g, svc: g.service(db), ctx: ctx, acct: map[string]*tdkt.Account{}}
	morning := time.Date(g.opt.Now.Year(), g.opt.Now.Month(), g.opt.Now.Day(), 8, 0, 0, 0, time.UTC)
	c.clock = morning.AddDate(0, 0, -60)
	c.svc.Now = func() time.Time { return c.clock }
	if err := db.View(ctx, func(tx *sqldb.Tx) error {
		for _, a := range g.demoAccounts() {
			x, _, err := tx.AccountByLogin(ctx, a.Login)
			if err != nil {
				return err
			}
			c.acct[a.Login] = &x
		}
		return nil
	}); err != nil {
		return 0, 0, err
	}
	central, provincial := c.councils()
	var trips []*trip
	for k := range g.nation.plan {
		pd := &g.nation.plan[k]
		if pd.person == 0 {
			continue // a data set too small to have the people
		}
		s := provinceSuffix(pd.prov)
		trips = append(trips, &trip{plan: pd, prov: g.byKind[kProvince][pd.prov],
			clerk: c.acct["canbo.xa"+s], office: c.acct["canbo.so"+s], leader: c.acct["lanhdao"+s]})
	}
	board, head := c.acct["canbo.ban"], c.acct["truongban"]
	is := func(s stage) func(*trip) bool { return func(t *trip) bool { return t.plan.target == s } }
	// far goes to the centre; the others stop in their province.
	far := func(t *trip) bool { return t.plan.target > stProvincialComment }
	beyond := func(s stage) func(*trip) bool { return func(t *trip) bool { return t.plan.target > s } }
	toPresident := func(t *trip) bool {
		return t.plan.target == stToPresident || t.plan.target == stDecidedByPresident || t.plan.target == stRefused
	}
	both := func(a, b func(*trip) bool) func(*trip) bool { return func(t *trip) bool { return a(t) && b(t) } }
	not := func(a func(*trip) bool) func(*trip) bool { return func(t *trip) bool { return !a(t) } }
	// provinceWorks is the commune's and the Sở Nội vụ's part for the matching trips.
	provinceWorks := func(match func(*trip) bool) {
		c.each(trips, match, func(t *trip) { c.propose(t); made++ })
		c.each(trips, both(match, beyond(stDraft)), func(t *trip) { c.step(t, t.clerk, tdkt.ActSubmit, "") })
		c.later(1)
		c.each(trips, both(match, beyond(stSubmitted)), func(t *trip) { c.step(t, t.office, tdkt.ActReceive, "") })
		c.each(trips, both(match, beyond(stReceived)), func(t *trip) { c.step(t, t.office, tdkt.ActAppraise, "") })
	}

	// What goes to the centre: the commune proposes, the Sở Nội vụ appraises and opens
	// public comment.
	provinceWorks(far)
	c.each(trips, far, func(t *trip) { c.publish(t, t.office) })
	c.pastComments(trips)
	// The province's council votes; its leader approves and forwards to the centre.
	for i, prov := range g.byKind[kProvince] {
		var sitting []*trip
		for _, t := range trips {
			if t.prov == prov && far(t) {
				sitting = append(sitting, t)
			}
		}
		if len(sitting) > 0 {
			s := provinceSuffix(i)
			c.council(sitting, c.acct["canbo.so"+s], c.acct["lanhdao"+s], provincial[prov], true)
		}
	}
	forward := func(t *trip) {
		c.step(t, t.leader, tdkt.ActApprove, "")
		c.step(t, t.leader, tdkt.ActForward, fmt.Sprintf("Tờ trình số %d/TTr-UBND", 40+t.d.ID))
	}
	c.each(trips, beyond(stReturnedByCentre), forward)
	c.later(1)
	// The central board receives, appraises and publishes.
	c.each(trips, beyond(stReturnedByCentre), func(t *trip) {
		c.step(t, board, tdkt.ActReceive, "")
		c.step(t, board, tdkt.ActAppraise, "")
	})
	c.each(trips, beyond(stNationalComment), func(t *trip) { c.publish(t, board) })
	c.pastComments(trips)
	// The Central Council votes; the board's leader submits to the Prime Minister.
	var sitting []*trip
	for _, t := range trips {
		if t.plan.target > stCentralCouncil {
			sitting = append(sitting, t)
		}
	}
	if len(sitting) > 0 {
		c.council(sitting, board, head, central, true)
	}
	c.each(trips, beyond(stCentralCouncil), func(t *trip) {
		c.step(t, head, tdkt.ActApprove, fmt.Sprintf("Tờ trình số %d/TTr-BNV", 10+t.d.ID))
	})
	c.later(3)
	// The Prime Minister submits the Huân chương to the President.
	c.each(trips, toPresident, func(t *trip) {
		c.step(t, head, tdkt.ActForward, fmt.Sprintf("Tờ trình số %d/TTr-TTg", 80+t.d.ID))
	})
	c.later(10)
	// The President decides one, which the commune passes on, and refuses another.
	c.each(trips, is(stDecidedByPresident), func(t *trip) {
		c.decide(t, head, fmt.Sprintf("%d/QĐ-CTN", 1200+t.d.ID), presidentSigner, presidentIssuer)
		awarded += len(t.d.Candidates)
	})
	c.each(trips, is(stRefused), func(t *trip) {
		c.step(t, head, tdkt.ActRefuse, "Chủ tịch nước không đồng ý khen thưởng (Thông báo số 7/TB-VPCTN): thành tích chưa tiêu biểu trong toàn quốc")
	})
	c.later(2)
	c.each(trips, is(stDecidedByPresident), func(t *trip) {
		c.step(t, t.clerk, tdkt.ActPassOn, "Đã trao tại hội nghị tổng kết công tác thi đua, khen thưởng của xã")
	})

	// The last steps of what waits, two days before and at Options.Now.
	if n := morning.AddDate(0, 0, -2); c.clock.Before(n) {
		c.clock = n
	}
	provinceWorks(not(far))
	if c.clock.Before(g.opt.Now) {
		c.clock = g.opt.Now
	}
	c.each(trips, is(stProvincialComment), func(t *trip) { c.step(t, t.office, tdkt.ActPublish, "") })
	c.each(trips, is(stAtCentre), forward)
	c.each(trips, is(stReturnedByCentre), func(t *trip) {
		forward(t)
		c.step(t, board, tdkt.ActReceive, "")
		c.step(t, board, tdkt.ActReturn, "Đề nghị bổ sung bản xác nhận của cơ quan có thẩm quyền về sáng kiến được áp dụng trong phạm vi toàn tỉnh")
	})
	c.each(trips, is(stNationalComment), func(t *trip) { c.step(t, board, tdkt.ActPublish, "") })
	c.each(trips, is(stCentralCouncil), func(t *trip) { c.council([]*trip{t}, board, head, central, false) })
	c.each(trips, is(stDecidedByPM), func(t *trip) {
		c.decide(t, head, fmt.Sprintf("%d/QĐ-TTg", 1200+t.d.ID), pmSigner, pmIssuer)
		awarded += len(t.d.Candidates)
	})
	return made, awarded, c.err
}

// councils sets up the Central Council (the central council accounts, the board's
// leader as its standing member) and each province's council (its leader as chair
// and its council account), by the administrator.
func (c *chain) councils() (central sqldb.Council, provincial map[int]sqldb.Council) {
	g, admin := c.g, c.acct["admin"]
	year := g.opt.Now.Year()
	est := func(no int) string { return fmt.Sprintf("Quyết định số %d/QĐ-TTg ngày 10/01/%d", no, year) }
	in := core.CouncilInput{Name: "Hội đồng Thi đua – Khen thưởng Trung ương", EstablishedBy: est(45), TermFrom: fmt.Sprintf("%d-01-01", year)}
	for _, o := range g.orgs {
		if o.code == codeGovernment {
			in.OrgID = o.id
		}
	}
	for k := 1; k <= centralMembers; k++ {
		pos := "Ủy viên"
		if k == 1 {
			pos = "Chủ tịch Hội đồng"
		}
		in.Members = append(in.Members, core.CouncilMemberInput{Login: "hoidong.tw" + strconv.Itoa(k), Position: pos, Chair: k == 1})
	}
	in.Members = append(in.Members, core.CouncilMemberInput{Login: "truongban", Position: "Ủy viên thường trực"})
	if c.err == nil {
		central, c.err = c.svc.CreateCouncil(c.ctx, admin, in)
	}
	provincial = map[int]sqldb.Council{}
	for i, prov := range g.byKind[kProvince] {
		s := provinceSuffix(i)
		in := core.CouncilInput{OrgID: g.orgs[prov].id, Name: "Hội đồng Thi đua – Khen thưởng tỉnh " + nationalProvinces[i].name,
			EstablishedBy: fmt.Sprintf("Quyết định số 15/QĐ-UBND ngày 10/01/%d", year), TermFrom: fmt.Sprintf("%d-01-01", year),
			Members: []core.CouncilMemberInput{{Login: "lanhdao" + s, Position: "Chủ tịch Hội đồng", Chair: true}, {Login: "hoidong" + s, Position: "Ủy viên"}}}
		if c.err == nil {
			provincial[prov], c.err = c.svc.CreateCouncil(c.ctx, admin, in)
		}
	}
	return central, provincial
}

// each runs fn on the trips that match, until an error.
func (c *chain) each(trips []*trip, match func(*trip) bool, fn func(*trip)) {
	for _, t := range trips {
		if c.err == nil && match(t) {
			fn(t)
		}
	}
}

// later moves the clock on by days.
func (c *chain) later(days int) { c.clock = c.clock.AddDate(0, 0, days) }

// fail keeps the first error, naming the dossier's target.
func (c *chain) fail(t *trip, what string, err error) {
	if err != nil && c.err == nil {
		c.err = fmt.Errorf("demo: national dossier %d (%s, to stage %d): %s: %w", t.d.ID, t.plan.award, t.plan.target, what, err)
	}
}

// propose creates the commune's dossier for the planned award with its candidate.
func (c *chain) propose(t *trip) {
	if c.err != nil {
		return
	}
	y := c.g.nation.year
	clerk := t.clerk
	d, err := c.svc.CreateDossier(c.ctx, clerk, core.DossierInput{OrgID: clerk.OrgID, Award: t.plan.award, Year: y, PeriodFrom: y - 4,
		Number: fmt.Sprintf("%d/TTr-UBND", 30+int(t.plan.target)),
		Reason: fmt.Sprintf("đã có thành tích xuất sắc trong công tác từ năm %d đến năm %d, góp phần vào sự nghiệp xây dựng chủ nghĩa xã hội và bảo vệ Tổ quốc", y-4, y)})
	t.d = d
	if c.fail(t, "creating", err); c.err != nil {
		return
	}
	_, err = c.svc.AddCandidate(c.ctx, clerk, d.ID, tdkt.Subject{Kind: tdkt.Individual, ID: t.plan.person}, "")
	if c.fail(t, "adding the candidate", err); c.err == nil {
		c.reload(t, clerk)
	}
}

// reload reads the dossier again as actor sees it (a candidate or a vote moved it on).
func (c *chain) reload(t *trip, actor *tdkt.Account) {
	if c.err != nil {
		return
	}
	v, err := c.svc.GetDossier(c.ctx, actor, t.d.ID)
	if c.fail(t, "reading", err); c.err == nil {
		t.d = v.Dossier
	}
}

// step takes one workflow action.
func (c *chain) step(t *trip, actor *tdkt.Account, a tdkt.DossierAction, note string) {
	if c.err != nil {
		return
	}
	d, err := c.svc.Step(c.ctx, actor, t.d.ID, a, t.d.Version, note)
	if c.fail(t, string(a)+" by "+actor.Login, err); c.err == nil {
		t.d = d
	}
}

// publish opens public comment on what needs it.
func (c *chain) publish(t *trip, actor *tdkt.Account) {
	if tdkt.NeedsPublicComment(t.plan.award) {
		c.step(t, actor, tdkt.ActPublish, "")
	}
}

// pastComments moves the clock to the morning after the last open window closes
// (10 working days, which a holiday such as Tết makes longer).
func (c *chain) pastComments(trips []*trip) {
	for _, t := range trips {
		if t.d.Status != tdkt.DossierPublicComment || t.d.DueOn == "" {
			continue
		}
		if end, err := time.Parse(time.DateOnly, t.d.DueOn); err == nil {
			if after := end.AddDate(0, 0, 1).Add(8 * time.Hour); after.After(c.clock) {
				c.clock = after
			}
		}
	}
}

// council puts the trips before a council in one meeting opened by opener; with
// vote, every member votes yes on every candidate and closer closes the meeting.
func (c *chain) council(trips []*trip, opener, closer *tdkt.Account, cl sqldb.Council, vote bool) {
	var ids []int64
	for _, t := range trips {
		c.step(t, opener, tdkt.ActToCouncil, "")
		ids = append(ids, t.d.ID)
	}
	if c.err != nil {
		return
	}
	m, err := c.svc.OpenMeeting(c.ctx, opener, cl.ID, c.clock.Format(time.DateOnly), "Phòng họp số 1", ids)
	if c.fail(trips[0], "opening the meeting of "+cl.Name, err); c.err != nil || !vote {
		return
	}
	for _, t := range trips {
		c.reload(t, opener)
		for _, mem := range cl.Members {
			voter := c.byID(mem.AccountID)
			for _, cand := range t.d.Candidates {
				if c.err == nil {
					c.fail(t, "a vote", c.svc.Vote(c.ctx, voter, m.ID, cand.ID, true))
				}
			}
		}
	}
	if c.err != nil {
		return
	}
	_, err = c.svc.CloseMeeting(c.ctx, closer, m.ID, m.Version)
	c.fail(trips[0], "closing the meeting", err)
	for _, t := range trips {
		c.reload(t, opener)
	}
}

// byID is the demo account with the id.
func (c *chain) byID(id int64) *tdkt.Account {
	for _, a := range c.acct {
		if a.ID == id {
			return a
		}
	}
	return &tdkt.Account{ID: id}
}

// decide records the decision of the level holding the dossier, signed on the clock's day.
func (c *chain) decide(t *trip, actor *tdkt.Account, number, signer, title string) {
	if c.err != nil {
		return
	}
	_, err := c.svc.Decide(c.ctx, actor, t.d.ID, core.DecisionInput{Number: number, Date: c.clock.Format(time.DateOnly),
		Signer: signer, SignerTitle: title, Version: t.d.Version})
	if c.fail(t, "deciding", err); c.err == nil {
		c.reload(t, t.clerk) // the proposing commune follows it to the end
	}
}
