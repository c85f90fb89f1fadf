package web

import (
	"tdkt"
	"tdkt/core"
	"tdkt/rules"
)

// outlookView is the person page's section "Khen thưởng có thể đề nghị": the awards
// the records allow now, and for the others what is missing and when at the earliest.
type outlookView struct {
	Year           int
	AsOf           string
	Eligible, Next []outlookItem
	// Propose is the address that starts a dossier for one of the eligible awards
	// ("" when the account keeps no records).
	Propose string
}

// outlookItem is one award of the outlook.
type outlookItem struct {
	Award, Status, StatusLabel, RuleSet string
	Code                                string // the award's code, for the proposal
	// Reasons are all the conditions for an eligible award, and only the unmet ones
	// for a milestone: what the clerk has to look at.
	Reasons      []rules.Reason
	EarliestYear int
	Earliest     string // the engine's sentence on the earliest year, if any
	Unverified   []rules.Unverified
}

// earliestRule is the reason the engine adds to a milestone to say when it could be met.
const earliestRule = "nam_som_nhat"

func outlookOf(o core.PersonOutlook) outlookView {
	v := outlookView{Year: o.Year, AsOf: o.AsOf}
	for _, res := range o.Eligible {
		v.Eligible = append(v.Eligible, outlookItem{Award: tdkt.Label(res.Award), Code: res.Award, Status: res.Status.String(),
			StatusLabel: statusLabels[res.Status.String()], RuleSet: res.RuleSet, Reasons: res.Reasons, Unverified: res.Unverified})
	}
	for _, res := range o.Next {
		it := outlookItem{Award: tdkt.Label(res.Award), Status: res.Status.String(), RuleSet: res.RuleSet,
			EarliestYear: res.EarliestYear, Unverified: res.Unverified}
		for _, r := range res.Reasons {
			switch {
			case r.Rule == earliestRule:
				it.Earliest = r.Message
			case !r.Met:
				it.Reasons = append(it.Reasons, r)
			}
		}
		v.Next = append(v.Next, it)
	}
	return v
}
