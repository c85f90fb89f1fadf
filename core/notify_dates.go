package core

import (
	"context"
	"strconv"

	"tdkt"
	"tdkt/sqldb"
	"tdkt/vn"
)

// The daily pass's reminders of dates that are not a dossier's: a cluster's
// self-scores due, and the yearly submission dates. today and lead are YYYY-MM-DD:
// today in Vietnam, and LeadDays working days on.

// clusterScoresReminders tells the clerks of each member unit that has not submitted
// its self-score once when the cluster's due date is lead days away or nearer, and
// once when it has passed (the day is counted to its end, as a dossier's). An
// approved cluster needs no more scores.
func (s *Service) clusterScoresReminders(ctx context.Context, tx *sqldb.Tx, today, lead string) (created int, err error) {
	list, err := tx.ScoresDueMembers(ctx)
	if err != nil {
		return 0, err
	}
	for _, x := range list {
		name := x.ClusterName + " năm " + strconv.Itoa(x.Year)
		ev := event{kind: KindClusterScores, link: "/app/clusters/" + itoa(x.ClusterID) + "/self"}
		switch {
		case x.DueOn < today:
			ev.key = "cluster_scores:" + itoa(x.ClusterID) + ":" + x.DueOn + ":missed"
			ev.title = "Quá hạn tự chấm điểm: " + name
			ev.body = x.MemberName + " chưa gửi bản tự chấm điểm của " + name + "; hạn đã hết ngày " + vn.FormatDate(x.DueOn) +
				". Hãy hoàn thành và gửi ngay, hoặc báo đơn vị tổ chức cụm."
		case x.DueOn <= lead:
			ev.key = "cluster_scores:" + itoa(x.ClusterID) + ":" + x.DueOn + ":soon"
			ev.title = "Sắp đến hạn tự chấm điểm " + vn.FormatDate(x.DueOn) + ": " + name
			ev.body = x.MemberName + " chưa gửi bản tự chấm điểm của " + name + ". Hạn gửi là hết ngày " + vn.FormatDate(x.DueOn) + "."
		default:
			continue
		}
		au, err := audienceOf(ctx, tx, x.UnitOrgID, clerks, "cán bộ thi đua", "đơn vị thành viên của "+name)
		if err != nil {
			return created, err
		}
		ev.title, ev.body, ev.to = vn.NFC(ev.title), vn.NFCText(ev.body), []audience{au}
		n, err := s.notify(ctx, tx, ev)
		if err != nil {
			return created, err
		}
		created += n
	}
	return created, nil
}

// submissionReminders tells the clerks of each province and ministry of the law's
// yearly dates, and those of an organisation of the dates it set, once when the
// date's next day is lead days away or nearer and once on the day itself.
func (s *Service) submissionReminders(ctx context.Context, tx *sqldb.Tx, today, lead string) (created int, err error) {
	type target struct {
		d   tdkt.SubmissionDate
		org int64
	}
	var targets []target
	orgs, err := tx.OrgsAtLevels(ctx, tdkt.LevelProvince, tdkt.LevelMinistry)
	if err != nil {
		return 0, err
	}
	for _, d := range tdkt.LawSubmissionDatesOn(today) {
		for _, o := range orgs {
			targets = append(targets, target{d, o.ID})
		}
	}
	own, err := tx.SubmissionDates(ctx, "")
	if err != nil {
		return 0, err
	}
	for _, d := range own {
		targets = append(targets, target{d, d.OrgID})
	}
	for _, t := range targets {
		next := t.d.Next(today)
		label := tdkt.Label(t.d.AwardCode)
		ev := event{kind: KindSubmissionDate, link: "/app/dossiers",
			body: "Hạn gửi hồ sơ đề nghị " + label + " là hết ngày " + vn.FormatDate(next) + "."}
		if t.d.Note != "" {
			ev.body += "\n\nCăn cứ: " + t.d.Note + "."
		}
		// The key names the day (so its year): a date moved, or set twice a year for
		// one award, is told again.
		key := "submission:" + itoa(t.org) + ":" + t.d.AwardCode + ":" + next
		switch {
		case next == today:
			ev.key, ev.title = key+":day", "Hôm nay là hạn gửi hồ sơ "+label
		case next <= lead:
			ev.key, ev.title = key+":soon", "Sắp đến hạn gửi hồ sơ "+label+": "+vn.FormatDate(next)
		default:
			continue
		}
		au, err := audienceOf(ctx, tx, t.org, clerks, "cán bộ thi đua", "đơn vị gửi hồ sơ khen thưởng")
		if err != nil {
			return created, err
		}
		ev.title, ev.body, ev.to = vn.NFC(ev.title), vn.NFCText(ev.body), []audience{au}
		n, err := s.notify(ctx, tx, ev)
		if err != nil {
			return created, err
		}
		created += n
	}
	return created, nil
}
