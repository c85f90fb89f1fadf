package web

import (
	"net/http"
	"strconv"

	"tdkt"
	"tdkt/core"
	"tdkt/vn"
)

func anySubject(tdkt.SubjectKind) bool { return true }

func notHousehold(k tdkt.SubjectKind) bool { return k != tdkt.Household }

// recordKinds are the per-year records a page can add, edit and delete.
var recordKinds = []*recordKind{ratingKind, initiativeKind, disciplineKind, honourKind}

var ratingKind = &recordKind{
	seg: "ratings", title: "Xếp loại hằng năm", noun: "xếp loại", kind: core.RatingRecord,
	fields: []string{"year", "rating", "note", "version"}, For: notHousehold,
	blank: func() Form { f := newForm(); f.Values["rating"] = string(tdkt.RatingGood); return f },
	find: func(s subjectData, rid int64) (Form, bool) {
		for _, x := range s.Ratings {
			if x.ID == rid {
				f := newForm()
				f.Values = map[string]string{"year": year(x.Year), "rating": string(x.Rating), "note": x.Note, "version": strconv.Itoa(x.Version)}
				return f, true
			}
		}
		return Form{}, false
	},
	save: func(h *handler, r *http.Request, actor *tdkt.Account, s subjectData, f Form, rid int64) error {
		v := f.Values
		x := tdkt.YearRating{ID: rid, Subject: s.Sub, Year: yearField(v["year"]), Rating: tdkt.Rating(v["rating"]), Note: v["note"], Version: atoi(v["version"])}
		return h.svc.SaveRating(r.Context(), actor, &x)
	},
}

var initiativeKind = &recordKind{
	seg: "initiatives", title: "Sáng kiến, đề tài khoa học", noun: "sáng kiến, đề tài", kind: core.InitiativeRecord,
	fields: []string{"year", "title", "scope", "decision_no", "decision_on", "recognised_by", "version"}, For: notHousehold,
	blank: func() Form { f := newForm(); f.Values["scope"] = string(tdkt.ScopeBase); return f },
	find: func(s subjectData, rid int64) (Form, bool) {
		for _, x := range s.Initiatives {
			if x.ID == rid {
				f := newForm()
				f.Values = map[string]string{"year": year(x.Year), "title": x.Title, "scope": string(x.Scope), "decision_no": x.DecisionNo,
					"decision_on": vn.FormatDate(x.DecisionOn), "recognised_by": x.RecognisedBy, "version": strconv.Itoa(x.Version)}
				return f, true
			}
		}
		return Form{}, false
	},
	save: func(h *handler, r *http.Request, actor *tdkt.Account, s subjectData, f Form, rid int64) error {
		v := f.Values
		x := tdkt.Initiative{ID: rid, Subject: s.Sub, Year: yearField(v["year"]), Title: v["title"], Scope: tdkt.Scope(v["scope"]),
			DecisionNo: v["decision_no"], DecisionOn: isoDate(v["decision_on"]), RecognisedBy: v["recognised_by"], Version: atoi(v["version"])}
		return h.svc.SaveInitiative(r.Context(), actor, &x)
	},
}

var disciplineKind = &recordKind{
	seg: "discipline", title: "Kỷ luật", noun: "kỷ luật", kind: core.DisciplineRecord,
	fields: []string{"form", "decided_on", "ends_on", "decision_no", "reason", "version"},
	For:    func(k tdkt.SubjectKind) bool { return k == tdkt.Individual },
	blank:  func() Form { f := newForm(); f.Values["form"] = string(tdkt.Reprimand); return f },
	find: func(s subjectData, rid int64) (Form, bool) {
		for _, x := range s.Discipline {
			if x.ID == rid {
				f := newForm()
				f.Values = map[string]string{"form": string(x.Form), "decided_on": vn.FormatDate(x.DecidedOn), "ends_on": vn.FormatDate(x.EndsOn),
					"decision_no": x.DecisionNo, "reason": x.Reason, "version": strconv.Itoa(x.Version)}
				return f, true
			}
		}
		return Form{}, false
	},
	save: func(h *handler, r *http.Request, actor *tdkt.Account, s subjectData, f Form, rid int64) error {
		v := f.Values
		x := tdkt.Discipline{ID: rid, PersonID: s.Sub.ID, Form: tdkt.DisciplineForm(v["form"]), DecidedOn: isoDate(v["decided_on"]),
			EndsOn: isoDate(v["ends_on"]), DecisionNo: v["decision_no"], Reason: v["reason"], Version: atoi(v["version"])}
		return h.svc.SaveDiscipline(r.Context(), actor, &x)
	},
}

var honourKind = &recordKind{
	seg: "honours", title: "Danh hiệu, hình thức khen thưởng", noun: "danh hiệu, hình thức khen thưởng", kind: core.HonourRecord,
	fields: []string{"award", "year", "period_from", "kind", "decision_no", "decision_date", "signer", "issuer", "amount_vnd", "revoked", "version"},
	For:    anySubject,
	blank:  func() Form { f := newForm(); f.Values["kind"] = string(tdkt.KindMerit); return f },
	find: func(s subjectData, rid int64) (Form, bool) {
		for _, x := range s.Honours {
			if x.ID == rid {
				f := newForm()
				amount := ""
				if x.AmountVND != 0 {
					amount = vn.Money(x.AmountVND)
				}
				f.Values = map[string]string{"award": x.AwardCode, "year": year(x.Year), "period_from": year(x.PeriodFrom), "kind": string(x.Kind),
					"decision_no": x.Decision.Number, "decision_date": vn.FormatDate(x.Decision.Date), "signer": x.Decision.Signer,
					"issuer": x.Decision.Issuer, "amount_vnd": amount, "revoked": on(x.Revoked), "version": strconv.Itoa(x.Version)}
				return f, true
			}
		}
		return Form{}, false
	},
	save: func(h *handler, r *http.Request, actor *tdkt.Account, s subjectData, f Form, rid int64) error {
		v := f.Values
		x := tdkt.Honour{ID: rid, Subject: s.Sub, AwardCode: v["award"], Year: yearField(v["year"]), PeriodFrom: yearField(v["period_from"]),
			Kind: tdkt.RewardKind(v["kind"]), Revoked: v["revoked"] != "", Version: atoi(v["version"]),
			Decision: tdkt.Decision{Number: v["decision_no"], Date: isoDate(v["decision_date"]), Signer: v["signer"], Issuer: v["issuer"]}}
		local := tdkt.Problems{}
		amount, ok := money(v["amount_vnd"])
		if !ok {
			local.Add("amount_vnd", "Số tiền chỉ gồm chữ số, ví dụ 1.500.000.")
		}
		x.AmountVND = amount
		if err := invalid(local, func() error { return x.Validate(h.svc.Now()) }); err != nil {
			return err
		}
		return h.svc.SaveHonour(r.Context(), actor, &x)
	},
}
