package core

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"time"

	"tdkt"
	"tdkt/rules"
	"tdkt/sqldb"
	"tdkt/vn"
)

// OpenNomination is a dossier under public comment as the portal shows it: public
// fields only, and the working days left.
type OpenNomination struct {
	sqldb.PublicationRow
	AwardName string
	DaysLeft  int
}

// OpenNominations lists the nominations open for public comment today.
func (s *Service) OpenNominations(ctx context.Context) (out []OpenNomination, err error) {
	today, asOf := s.today()
	eng, err := s.Engine(ctx)
	if err != nil {
		return nil, err
	}
	err = s.DB.View(ctx, func(tx *sqldb.Tx) error {
		rows, err := tx.OpenPublications(ctx, today)
		for _, p := range rows {
			out = append(out, OpenNomination{PublicationRow: p, AwardName: tdkt.Label(p.Award), DaysLeft: workingDaysLeft(eng, asOf, p.ClosesOn)})
		}
		return err
	})
	return out, err
}

// workingDaysLeft counts the working days from today up to and including the closing day.
func workingDaysLeft(eng *rules.Engine, today rules.Date, closes string) int {
	end, err := rules.ParseDate(closes)
	if err != nil {
		return 0
	}
	n := 0
	for d := today; d <= end; d = d.AddDays(1) {
		if eng.Calendar().IsWorkingDay(d) {
			n++
		}
	}
	return n
}

// Nomination loads one nomination under public comment (or whose window has closed),
// with the published comments and their answers, for the portal: a comment is held
// until a clerk publishes it (ModerateComment).
func (s *Service) Nomination(ctx context.Context, dossierID int64) (p OpenNomination, comments []sqldb.Comment, err error) {
	_, asOf := s.today()
	eng, err := s.Engine(ctx)
	if err != nil {
		return p, nil, err
	}
	err = s.DB.View(ctx, func(tx *sqldb.Tx) error {
		row, err := tx.PublicationOf(ctx, dossierID)
		if err != nil {
			return err
		}
		p = OpenNomination{PublicationRow: row, AwardName: tdkt.Label(row.Award), DaysLeft: workingDaysLeft(eng, asOf, row.ClosesOn)}
		all, err := tx.Comments(ctx, dossierID)
		for _, c := range all {
			if c.Status == sqldb.CommentPublished {
				c.Contact = "" // the portal never shows a commenter's contact
				comments = append(comments, c)
			}
		}
		return err
	})
	return p, comments, err
}

// commentsPerHour bounds how many comments one address may send in an hour; the count
// lives in the database so that every process agrees.
const commentsPerHour = 5

// AddComment takes a comment from anyone while the window is open. The address is kept
// only as a hash, for the rate limit.
func (s *Service) AddComment(ctx context.Context, dossierID int64, name, contact, body, ip string) (c sqldb.Comment, err error) {
	name, contact, body = vn.NFC(name), vn.NFC(contact), vn.NFCText(body)
	p := tdkt.Problems{}
	if name == "" || len([]rune(name)) > 120 {
		p.Add("name", "Hãy ghi họ tên (tối đa 120 ký tự).")
	}
	if len([]rune(contact)) > 200 {
		p.Add("contact", "Thông tin liên hệ dài quá 200 ký tự.")
	}
	if len([]rune(body)) < 5 || len([]rune(body)) > 4000 {
		p.Add("body", "Nội dung ý kiến từ 5 đến 4.000 ký tự.")
	}
	if err := p.Err(); err != nil {
		return c, err
	}
	today, _ := s.today()
	h := sha256.Sum256([]byte("tdkt-comment:" + ip))
	ipHash := hex.EncodeToString(h[:])
	err = s.DB.Update(ctx, func(tx *sqldb.Tx) error {
		pub, err := tx.PublicationOf(ctx, dossierID)
		if err != nil {
			return err
		}
		if today < pub.OpensOn || today > pub.ClosesOn {
			return tdkt.Errorf(tdkt.EConflict, "Đợt lấy ý kiến đã kết thúc ngày %s.", vn.FormatDate(pub.ClosesOn))
		}
		n, err := tx.CommentsSince(ctx, ipHash, s.Now().Add(-time.Hour).UTC().Format("2006-01-02T15:04:05.000000Z"))
		if err != nil {
			return err
		}
		if n >= commentsPerHour {
			return &tdkt.Error{Code: tdkt.ETooMany, Message: "Bạn đã gửi nhiều ý kiến trong một giờ; hãy thử lại sau."}
		}
		c = sqldb.Comment{DossierID: dossierID, Name: name, Contact: contact, Body: body, CreatedAt: s.stamp()}
		if err := tx.InsertComment(ctx, &c, ipHash); err != nil {
			return err
		}
		return s.audit(ctx, tx, nil, "comment", "dossier", dossierID, tdkt.Subject{}, 0, nil, map[string]any{"comment": c.ID, "name": name})
	})
	return c, err
}

// Comments lists a dossier's comments, with contacts, for the staff who handle it.
func (s *Service) Comments(ctx context.Context, actor *tdkt.Account, dossierID int64) (out []sqldb.Comment, err error) {
	err = s.DB.View(ctx, func(tx *sqldb.Tx) error {
		if _, _, _, err := loadDossier(ctx, tx, actor, dossierID); err != nil {
			return err
		}
		out, err = tx.Comments(ctx, dossierID)
		return err
	})
	return out, err
}

// AnswerComment records the holding unit's answer to a comment; the answer is
// attached to the dossier and shown on the portal.
func (s *Service) AnswerComment(ctx context.Context, actor *tdkt.Account, dossierID, commentID int64, answer string) error {
	answer = vn.NFCText(answer)
	if len([]rune(answer)) < 2 {
		return &tdkt.Error{Code: tdkt.EInvalid, Message: "Dữ liệu chưa hợp lệ.", Fields: map[string]string{"answer": "Hãy ghi nội dung trả lời."}}
	}
	return s.DB.Update(ctx, func(tx *sqldb.Tx) error {
		d, _, holderPath, err := loadDossier(ctx, tx, actor, dossierID)
		if err != nil {
			return err
		}
		if !actor.Sees(holderPath) || !actor.CanEditRecords() && actor.Role != tdkt.RoleLeader {
			return tdkt.Forbidden()
		}
		if err := tx.AnswerComment(ctx, dossierID, commentID, answer, actor.Login, s.stamp()); err != nil {
			return err
		}
		return s.audit(ctx, tx, actor, "answer", "dossier", d.ID, tdkt.Subject{}, d.HolderOrgID, nil, map[string]any{"comment": commentID, "answer": answer})
	})
}

// ModerateComment publishes a held comment on the portal (publish) or keeps it off
// (not publish): anyone may write, so a clerk of the holding unit reads each comment
// before its author's name and words appear in public. Either decision is audited and
// final; a comment decided already is a conflict.
func (s *Service) ModerateComment(ctx context.Context, actor *tdkt.Account, dossierID, commentID int64, publish bool) error {
	status, action := sqldb.CommentRejected, "reject_comment"
	if publish {
		status, action = sqldb.CommentPublished, "publish_comment"
	}
	return s.DB.Update(ctx, func(tx *sqldb.Tx) error {
		d, _, holderPath, err := loadDossier(ctx, tx, actor, dossierID)
		if err != nil {
			return err
		}
		if !actor.Sees(holderPath) || !actor.CanEditRecords() && actor.Role != tdkt.RoleLeader {
			return tdkt.Forbidden()
		}
		if err := tx.ModerateComment(ctx, dossierID, commentID, status, actor.Login, s.stamp()); err != nil {
			return err
		}
		return s.audit(ctx, tx, actor, action, "dossier", d.ID, tdkt.Subject{}, d.HolderOrgID, nil, map[string]any{"comment": commentID, "status": status})
	})
}
