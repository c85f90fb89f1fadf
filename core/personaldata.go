package core

import (
	"context"
	"strings"
	"unicode/utf8"

	"tdkt"
	"tdkt/sqldb"
	"tdkt/vn"
)

// Personal data (Law 91/2025/QH15 on Personal Data Protection, in force since
// 1 January 2026): the citizen ID is read only on purpose, and every read and every
// export that carries it is written to the audit trail with who, when and why. The
// events are filed under the entity "personal_data" (the person's id), apart from the
// person's own changes, so that they never stand for a change of the record.

// KeepCCCD, given as a person's citizen ID to UpdatePerson, keeps the stored number:
// forms and API clients that never read the number do not erase it.
const KeepCCCD = "\x00giữ nguyên"

// CCCDPurposes are the usual purposes a clerk picks from; any other is typed.
var CCCDPurposes = []string{
	"Đối chiếu hồ sơ đề nghị khen thưởng",
	"Xác minh danh tính, tránh trùng hồ sơ",
	"Yêu cầu của chính người có dữ liệu",
	"Yêu cầu của cơ quan có thẩm quyền",
}

// MaskCCCD shows a citizen ID by its last three digits ("•••••••••345"); "" stays "".
func MaskCCCD(id string) string {
	n := utf8.RuneCountInString(id)
	if n == 0 {
		return ""
	}
	keep := min(3, n)
	return strings.Repeat("•", n-keep) + id[len(id)-keep:]
}

func checkPurpose(purpose string) (string, error) {
	purpose = vn.NFC(purpose)
	if n := utf8.RuneCountInString(purpose); n < 5 || n > 300 {
		return "", &tdkt.Error{Code: tdkt.EInvalid, Message: "Cần ghi mục đích.", Fields: map[string]string{"purpose": "Hãy ghi mục đích xem số CCCD (5–300 ký tự); mục đích được ghi vào nhật ký."}}
	}
	if r, bad := tdkt.HiddenRune(purpose, false); bad {
		return "", &tdkt.Error{Code: tdkt.EInvalid, Message: "Dữ liệu chưa hợp lệ.", Fields: map[string]string{"purpose": tdkt.HiddenMessage(r)}}
	}
	return purpose, nil
}

// personalDataReader loads a person the actor may read private data of: a clerk,
// an administrator or a leader of the person's subtree.
func personalDataReader(ctx context.Context, tx *sqldb.Tx, actor *tdkt.Account, id int64) (tdkt.Person, error) {
	p, path, err := tx.PersonByID(ctx, id)
	if err != nil {
		return p, err
	}
	if err := visible(actor, path, "người này"); err != nil {
		return p, err
	}
	if !actor.CanEditRecords() && actor.Role != tdkt.RoleLeader {
		return p, &tdkt.Error{Code: tdkt.EForbidden, Message: "Vai trò của bạn không được xem số căn cước công dân."}
	}
	return p, nil
}

// RevealCCCD returns a person's citizen ID and logs the read with its purpose.
func (s *Service) RevealCCCD(ctx context.Context, actor *tdkt.Account, personID int64, purpose string) (cccd string, err error) {
	if purpose, err = checkPurpose(purpose); err != nil {
		return "", err
	}
	err = s.DB.Update(ctx, func(tx *sqldb.Tx) error {
		p, err := personalDataReader(ctx, tx, actor, personID)
		if err != nil {
			return err
		}
		cccd = p.CCCD
		return s.audit(ctx, tx, actor, "read_cccd", "personal_data", p.ID, tdkt.Subject{Kind: tdkt.Individual, ID: p.ID}, p.OrgID, nil,
			map[string]string{"purpose": purpose})
	})
	return cccd, err
}

// PersonalData is everything tdkt holds about a person, as the person may ask for it
// (Law 91/2025/QH15, the data subject's right to obtain their data).
type PersonalData struct {
	ExportedAt  string              `json:"exported_at"`
	ExportedBy  string              `json:"exported_by"`
	Purpose     string              `json:"purpose"`
	Person      tdkt.Person         `json:"person"`
	Memberships []tdkt.Membership   `json:"memberships"`
	Ratings     []tdkt.YearRating   `json:"ratings"`
	Honours     []tdkt.Honour       `json:"honours"`
	Initiatives []tdkt.Initiative   `json:"initiatives"`
	Discipline  []tdkt.Discipline   `json:"discipline"`
	History     []PersonalDataEvent `json:"history"`
	Candidacies []PersonalCandidacy `json:"candidacies"`
}

// PersonalDataEvent is one change to the person's records, without the changed values
// of other people.
type PersonalDataEvent struct {
	At, Actor, Action, Entity string
}

// PersonalCandidacy is a dossier the person was proposed in.
type PersonalCandidacy struct {
	DossierID int64  `json:"dossier_id"`
	Award     string `json:"award"`
	Year      int    `json:"year"`
	Status    string `json:"status"`
}

// ExportPersonalData gathers a person's data for them, with the citizen ID, and logs
// the export with its purpose.
func (s *Service) ExportPersonalData(ctx context.Context, actor *tdkt.Account, personID int64, purpose string) (out PersonalData, err error) {
	if purpose, err = checkPurpose(purpose); err != nil {
		return out, err
	}
	err = s.DB.Update(ctx, func(tx *sqldb.Tx) error {
		p, err := personalDataReader(ctx, tx, actor, personID)
		if err != nil {
			return err
		}
		sub := tdkt.Subject{Kind: tdkt.Individual, ID: p.ID}
		out = PersonalData{ExportedAt: s.stamp(), ExportedBy: actor.Name + " (" + actor.Login + ")", Purpose: purpose, Person: p}
		if out.Memberships, err = tx.Memberships(ctx, p.ID); err != nil {
			return err
		}
		if out.Ratings, err = tx.Ratings(ctx, sub); err != nil {
			return err
		}
		if out.Honours, err = tx.Honours(ctx, sub); err != nil {
			return err
		}
		if out.Initiatives, err = tx.Initiatives(ctx, sub); err != nil {
			return err
		}
		if out.Discipline, err = tx.DisciplineOf(ctx, p.ID); err != nil {
			return err
		}
		events, err := tx.AuditOf(ctx, sub)
		if err != nil {
			return err
		}
		for _, e := range events {
			out.History = append(out.History, PersonalDataEvent{At: e.At, Actor: e.Actor, Action: e.Action, Entity: e.Entity})
		}
		cands, err := tx.CandidaciesOf(ctx, sub)
		if err != nil {
			return err
		}
		for _, c := range cands {
			out.Candidacies = append(out.Candidacies, PersonalCandidacy{DossierID: c.DossierID, Award: c.Award, Year: c.Year, Status: string(c.Status)})
		}
		return s.audit(ctx, tx, actor, "export_personal_data", "personal_data", p.ID, sub, p.OrgID, nil, map[string]string{"purpose": purpose})
	})
	return out, err
}
