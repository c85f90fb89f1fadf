package core

import (
	"context"
	"fmt"
	"strconv"
	"strings"

	"tdkt"
	"tdkt/sqldb"
	"tdkt/vn"
)

// DeadlinePass is the daily pass of reminders. For every dossier held here whose
// current step has a legal deadline (returning an incomplete dossier, appraisal,
// public comment, passing a decision on), the holding level's clerks get one reminder
// when the deadline is LeadDays working days away or nearer (on the installation's
// calendar), and one once it has passed; the end of a public comment window is told
// instead as such. Leaders get, once per ISO week, the overdue dossiers held in their
// subtree. The clerks of a cluster's member units that have not submitted their
// self-score are reminded of its due date (before and once missed), and those of each
// province and ministry of the yearly submission dates (the law's and their own;
// before and on the day). Event keys make a second run on the same day (or by another
// process) add nothing; created is how many notifications this run added.
func (s *Service) DeadlinePass(ctx context.Context) (created int, err error) {
	if !s.Notify.on() {
		return 0, nil
	}
	eng, err := s.Engine(ctx)
	if err != nil {
		return 0, err
	}
	today, asOf := s.today()
	lead := eng.Calendar().AddWorkingDays(asOf, s.Notify.leadDays()).String()
	err = s.DB.Update(ctx, func(tx *sqldb.Tx) error {
		list, err := tx.DossiersWithDeadline(ctx)
		if err != nil {
			return err
		}
		var overdue []sqldb.DueDossier
		for _, d := range list {
			var ev event
			switch {
			case d.DueOn < today && d.Status == string(tdkt.DossierPublicComment):
				ev = event{kind: KindPublicComment, key: "comment_closed:" + itoa(d.ID) + ":" + d.DueOn,
					title: "Đã hết thời hạn lấy ý kiến nhân dân: " + d.Title,
					body: "Thời hạn lấy ý kiến nhân dân về hồ sơ " + quoted(d.Title) + " đã hết ngày " + vn.FormatDate(d.DueOn) +
						". Hãy tổng hợp ý kiến và trình Hội đồng Thi đua – Khen thưởng."}
			case d.DueOn < today:
				overdue = append(overdue, d)
				ev = event{kind: KindDeadline, key: "due:" + itoa(d.ID) + ":" + d.DueOn + ":missed",
					title: "Quá hạn: " + d.Title,
					body:  "Hồ sơ " + quoted(d.Title) + " đã quá hạn ngày " + vn.FormatDate(d.DueOn) + ": " + d.DueRule + "."}
			case d.DueOn <= lead && d.Status != string(tdkt.DossierPublicComment):
				ev = event{kind: KindDeadline, key: "due:" + itoa(d.ID) + ":" + d.DueOn + ":soon",
					title: "Sắp đến hạn " + vn.FormatDate(d.DueOn) + ": " + d.Title,
					body:  "Hồ sơ " + quoted(d.Title) + " phải được xử lý đến hết ngày " + vn.FormatDate(d.DueOn) + ": " + d.DueRule + "."}
			default:
				continue
			}
			au, err := audienceOf(ctx, tx, d.HolderOrgID, clerks, "cán bộ thi đua", "nơi đang giữ hồ sơ")
			if err != nil {
				return err
			}
			ev.title, ev.body, ev.link, ev.to = vn.NFC(ev.title), vn.NFCText(ev.body), dossierLink(d.ID), []audience{au}
			n, err := s.notify(ctx, tx, ev)
			if err != nil {
				return err
			}
			created += n
		}
		n, err := s.overdueDigest(ctx, tx, overdue)
		created += n
		if err != nil {
			return err
		}
		if n, err = s.clusterScoresReminders(ctx, tx, today, lead); err != nil {
			return err
		}
		created += n
		n, err = s.submissionReminders(ctx, tx, today, lead)
		created += n
		return err
	})
	return created, err
}

// overdueDigest tells each leader, once per ISO week, how many dossiers held in
// their subtree are overdue, naming the first ones.
func (s *Service) overdueDigest(ctx context.Context, tx *sqldb.Tx, overdue []sqldb.DueDossier) (created int, err error) {
	if len(overdue) == 0 {
		return 0, nil
	}
	people, err := tx.AccountsWithRole(ctx, tdkt.RoleLeader)
	if err != nil {
		return 0, err
	}
	y, w := s.Now().In(vnZone).ISOWeek()
	week := fmt.Sprintf("%d-W%02d", y, w)
	for _, p := range people {
		var mine []sqldb.DueDossier
		for _, d := range overdue {
			if strings.HasPrefix(d.HolderPath, p.OrgPath) {
				mine = append(mine, d)
			}
		}
		if len(mine) == 0 {
			continue
		}
		var b strings.Builder
		b.WriteString(strconv.Itoa(len(mine)) + " hồ sơ do các đơn vị thuộc " + p.OrgName + " giữ đã quá hạn xử lý:\n")
		for i, d := range mine {
			if i == 20 {
				b.WriteString("\n… và " + strconv.Itoa(len(mine)-20) + " hồ sơ khác.")
				break
			}
			b.WriteString("\n- " + d.Title + " (" + d.HolderName + ", hạn " + vn.FormatDate(d.DueOn) + ")")
		}
		n, err := s.notify(ctx, tx, event{kind: KindOverdueDigest, key: "overdue:" + week,
			title: vn.NFC("Hồ sơ quá hạn tuần " + strconv.Itoa(w) + ": " + strconv.Itoa(len(mine)) + " hồ sơ"),
			body:  vn.NFCText(b.String()), link: "/app/inbox",
			to: []audience{{people: []sqldb.Recipient{p}, reason: vn.NFC("Bạn nhận bản tổng hợp hằng tuần này vì là lãnh đạo của " + p.OrgName + ".")}}})
		if err != nil {
			return created, err
		}
		created += n
	}
	return created, nil
}
