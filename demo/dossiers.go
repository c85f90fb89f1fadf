package demo

import (
	"context"
	"fmt"
	"time"

	"tdkt"
	"tdkt/core"
	"tdkt/sqldb"
)

// dossiers fills the workflow through the real use cases, so that every screen of the
// procedure has something to show: one dossier of the first commune in each status,
// the province's council with a meeting open for the demo council member, a decision
// with its certificates, and a Huân chương nomination under public comment.
// It returns how many dossiers it made and how many titles and forms their decision
// conferred. The most advanced dossiers are made first, so that they get the
// candidates eligible on their records.
func (g *gen) dossiers(ctx context.Context, db *sqldb.DB) (made, awarded int, err error) {
	svc := g.service(db)
	now := g.opt.Now
	accts := map[string]*tdkt.Account{}
	if err := db.View(ctx, func(tx *sqldb.Tx) error {
		for _, login := range []string{"admin", "canbo.xa", "lanhdao", "hoidong"} {
			a, _, err := tx.AccountByLogin(ctx, login)
			if err != nil {
				return err
			}
			accts[login] = &a
		}
		return nil
	}); err != nil {
		return 0, 0, err
	}
	clerk, admin, leader := accts["canbo.xa"], accts["admin"], accts["lanhdao"]
	year := now.Year() - 1
	var commune tdkt.Org
	if err := db.View(ctx, func(tx *sqldb.Tx) (err error) { commune, err = tx.OrgByID(ctx, clerk.OrgID); return err }); err != nil {
		return 0, 0, err
	}
	// Candidates: first those the engine finds eligible for a provincial Bằng khen on
	// their records; then, in a small commune, other staff proposed on a written
	// achievement (Law Art 74(1)(a)–(c)), as units do.
	type candidate struct {
		id  int64
		why string
	}
	var pool []candidate
	seen := map[int64]bool{}
	if _, err := svc.Suggest(ctx, clerk, core.SuggestQuery{Year: year, Award: "bang_khen_bo_tinh"}, func(s *core.Suggestion) error {
		if s.SubjectKind == tdkt.Individual {
			pool, seen[s.SubjectID] = append(pool, candidate{id: s.SubjectID}), true
		}
		return nil
	}); err != nil {
		return 0, 0, err
	}
	staff, err := svc.SearchPeople(ctx, clerk, "", "", 60, 0)
	if err != nil {
		return 0, 0, err
	}
	for _, p := range staff.Items {
		if !seen[p.ID] && !p.UnderReview {
			pool = append(pool, candidate{id: p.ID, why: "Có nhiều thành tích xuất sắc trong phong trào thi đua do tỉnh phát động, có phạm vi ảnh hưởng trong xã"})
		}
	}
	council, err := svc.CreateCouncil(ctx, admin, core.CouncilInput{OrgID: admin.OrgID, Name: "Hội đồng Thi đua – Khen thưởng tỉnh " + ProvinceName,
		EstablishedBy: fmt.Sprintf("Quyết định số 15/QĐ-UBND ngày 10/01/%d", now.Year()), TermFrom: fmt.Sprintf("%d-01-01", now.Year()),
		Members: []core.CouncilMemberInput{{Login: "lanhdao", Position: "Chủ tịch Hội đồng", Chair: true},
			{Login: "admin", Position: "Ủy viên thường trực"}, {Login: "hoidong", Position: "Ủy viên"}}})
	if err != nil {
		return 0, 0, err
	}
	next := func() []candidate {
		n := min(1, len(pool))
		out := pool[:n]
		pool = pool[n:]
		return out
	}
	step := func(d *tdkt.Dossier, who *tdkt.Account, a tdkt.DossierAction, note string) error {
		got, err := svc.Step(ctx, who, d.ID, a, d.Version, note)
		if err == nil {
			*d = got
		}
		return err
	}
	// upTo takes a new dossier through the workflow up to the given status.
	upTo := func(target tdkt.DossierStatus) error {
		people := next()
		if len(people) == 0 {
			return nil
		}
		d, err := svc.CreateDossier(ctx, clerk, core.DossierInput{OrgID: commune.ID, Award: "bang_khen_bo_tinh", Year: year, PeriodFrom: year - 1,
			Number: fmt.Sprintf("%d/TTr-UBND", 10+made), Reason: fmt.Sprintf("đã có thành tích xuất sắc trong thực hiện nhiệm vụ năm %d–%d", year-1, year)})
		if err != nil {
			return err
		}
		made++
		for _, c := range people {
			if _, err := svc.AddCandidate(ctx, clerk, d.ID, tdkt.Subject{Kind: tdkt.Individual, ID: c.id}, c.why); err != nil {
				return err
			}
		}
		if v, err := svc.GetDossier(ctx, clerk, d.ID); err == nil {
			d = v.Dossier // adding candidates moved its version on
		} else {
			return err
		}
		plan := []struct {
			at   tdkt.DossierStatus
			who  *tdkt.Account
			act  tdkt.DossierAction
			note string
		}{
			{tdkt.DossierSubmitted, clerk, tdkt.ActSubmit, ""},
			{tdkt.DossierReceived, admin, tdkt.ActReceive, ""},
			{tdkt.DossierAppraisal, admin, tdkt.ActAppraise, ""},
			{tdkt.DossierCouncil, admin, tdkt.ActToCouncil, ""},
		}
		switch target {
		case tdkt.DossierReturned:
			plan = append(plan[:3], struct {
				at   tdkt.DossierStatus
				who  *tdkt.Account
				act  tdkt.DossierAction
				note string
			}{tdkt.DossierReturned, admin, tdkt.ActReturn, "Đề nghị bổ sung bản xác nhận sáng kiến của Hội đồng sáng kiến xã"})
		case tdkt.DossierRefused:
			plan = append(plan[:2], struct {
				at   tdkt.DossierStatus
				who  *tdkt.Account
				act  tdkt.DossierAction
				note string
			}{tdkt.DossierRefused, leader, tdkt.ActRefuse, "Đã đề nghị cùng hình thức trong năm; không khen trùng thành tích"})
		}
		for _, p := range plan {
			if d.Status == target && target != tdkt.DossierCouncil {
				return nil
			}
			if d.Status == target {
				break
			}
			if err := step(&d, p.who, p.act, p.note); err != nil {
				return err
			}
		}
		if d.Status == target && target != tdkt.DossierCouncil {
			return nil
		}
		m, err := svc.OpenMeeting(ctx, admin, council.ID, now.Format(time.DateOnly), "Phòng họp Ủy ban nhân dân tỉnh", []int64{d.ID})
		if err != nil || target == tdkt.DossierCouncil {
			return err // the demo council member votes in this open meeting
		}
		v, err := svc.GetDossier(ctx, admin, d.ID)
		if err != nil {
			return err
		}
		for _, who := range []string{"lanhdao", "admin", "hoidong"} {
			for _, c := range v.Dossier.Candidates {
				if err := svc.Vote(ctx, accts[who], m.ID, c.ID, true); err != nil {
					return err
				}
			}
		}
		if _, err := svc.CloseMeeting(ctx, leader, m.ID, m.Version); err != nil {
			return err
		}
		if v, err = svc.GetDossier(ctx, leader, d.ID); err != nil {
			return err
		}
		d = v.Dossier
		if err := step(&d, leader, tdkt.ActApprove, ""); err != nil || target == tdkt.DossierApproved {
			return err
		}
		_, err = svc.Decide(ctx, leader, d.ID, core.DecisionInput{Number: fmt.Sprintf("%d/QĐ-UBND", 200+made), Date: now.Format(time.DateOnly),
			Signer: leader.Name, SignerTitle: "CHỦ TỊCH", Version: d.Version})
		awarded += len(people)
		return err
	}
	for _, st := range []tdkt.DossierStatus{tdkt.DossierDecided, tdkt.DossierApproved, tdkt.DossierCouncil, tdkt.DossierReturned,
		tdkt.DossierAppraisal, tdkt.DossierReceived, tdkt.DossierSubmitted, tdkt.DossierRefused, tdkt.DossierDraft} {
		if err := upTo(st); err != nil {
			return made, awarded, fmt.Errorf("demo dossier %s: %w", st, err)
		}
	}
	// A Huân chương nomination under public comment, on the achievement the unit writes.
	if people := next(); len(people) > 0 {
		d, err := svc.CreateDossier(ctx, clerk, core.DossierInput{OrgID: commune.ID, Award: "huan_chuong_lao_dong_hang_ba", Year: year,
			PeriodFrom: year - 4, Reason: "có sáng kiến được áp dụng rộng rãi, mang lại hiệu quả cao cho địa phương"})
		if err != nil {
			return made, awarded, err
		}
		made++
		if _, err := svc.AddCandidate(ctx, clerk, d.ID, tdkt.Subject{Kind: tdkt.Individual, ID: people[0].id},
			"Có sáng kiến số hóa hồ sơ một cửa được áp dụng trong toàn tỉnh, rút ngắn thời gian giải quyết thủ tục hành chính"); err != nil {
			return made, awarded, err
		}
		v, err := svc.GetDossier(ctx, clerk, d.ID)
		if err != nil {
			return made, awarded, err
		}
		d = v.Dossier
		for _, s := range []struct {
			who *tdkt.Account
			act tdkt.DossierAction
		}{{clerk, tdkt.ActSubmit}, {admin, tdkt.ActReceive}, {admin, tdkt.ActAppraise}, {admin, tdkt.ActPublish}} {
			if err := step(&d, s.who, s.act, ""); err != nil {
				return made, awarded, fmt.Errorf("demo nomination: %w", err)
			}
		}
	}
	return made, awarded, nil
}
