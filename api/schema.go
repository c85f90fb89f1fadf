package api

import (
	"encoding/json"
	"reflect"
	"strings"

	"tdkt"
	"tdkt/core"
	"tdkt/notify"
	"tdkt/rules"
)

// components are the JSON shapes of the API, named as the document names them. The
// schemas are read from the Go types by reflection, so a field added to a shape is
// documented by the same change.
var components = []struct {
	name string
	v    any
}{
	{"Peer", peerJSON{}}, {"PeerList", peerList{}}, {"ExchangeMessage", messageJSON{}}, {"MessageList", messageList{}},
	{"LinkState", linkStateJSON{}}, {"Receipt", receiptJSON{}},
	{"Account", accountJSON{}}, {"Award", awardJSON{}}, {"AwardList", awardList{}}, {"Job", jobJSON{}},
	{"Org", orgJSON{}}, {"OrgList", orgList{}},
	{"Person", personJSON{}}, {"PersonInput", personInput{}}, {"PeoplePage", peoplePage{}},
	{"Membership", membershipJSON{}}, {"PersonRecord", personRecordJSON{}},
	{"Subject", subjectJSON{}}, {"Rating", ratingJSON{}}, {"Initiative", initiativeJSON{}},
	{"Discipline", disciplineJSON{}}, {"Decision", decisionJSON{}}, {"Honour", honourJSON{}},
	{"Collective", collectiveJSON{}}, {"CollectiveList", collectiveList{}}, {"CollectiveRecord", collectiveRecordJSON{}},
	{"Household", householdJSON{}}, {"HouseholdList", householdList{}}, {"HouseholdRecord", householdRecordJSON{}},
	{"RuleSetting", ruleSettingJSON{}}, {"RuleSettingList", ruleSettingList{}}, {"RuleSettingInput", ruleSettingInput{}},
	{"Choice", choiceJSON{}}, {"CalendarDay", calendarDayJSON{}}, {"CalendarEntry", calendarEntryJSON{}}, {"CalendarYear", calendarYearJSON{}},
	{"Dossier", dossierJSON{}}, {"DossierList", dossierList{}}, {"DossierDetail", dossierDetailJSON{}},
	{"Candidate", candidateJSON{}}, {"CandidateInput", candidateInput{}}, {"Step", stepJSON{}}, {"StepInput", stepInput{}},
	{"DossierEvent", eventJSON{}}, {"DossierFile", fileJSON{}}, {"Publication", publicationJSON{}},
	{"DecisionInput", decisionInput{}}, {"DecisionRecord", decisionRecordJSON{}},
	{"Certificate", certificateJSON{}}, {"CertificateList", certificateList{}}, {"RevokeInput", revokeInput{}}, {"CorrectionInput", correctionInput{}},
	{"Inbox", inboxJSON{}}, {"InboxItem", inboxItemJSON{}},
	{"StaffComment", staffCommentJSON{}}, {"StaffCommentList", staffCommentList{}}, {"AnswerInput", answerInput{}}, {"ModerateInput", moderateInput{}},
	{"Council", councilJSON{}}, {"CouncilMember", councilMemberJSON{}}, {"CouncilList", councilList{}},
	{"CouncilInput", councilInput{}}, {"CouncilMemberInput", councilMemberInputJSON{}},
	{"MeetingInput", meetingInput{}}, {"Meeting", meetingJSON{}}, {"BallotLine", ballotLineJSON{}}, {"BallotCandidate", ballotCandidate{}},
	{"VoteInput", voteInput{}}, {"RecusalInput", recusalInput{}}, {"VersionInput", versionInput{}},
	{"Nomination", nominationJSON{}}, {"NominationList", nominationList{}}, {"NominationDetail", nominationDetailJSON{}},
	{"PublicComment", publicCommentJSON{}}, {"CommentInput", commentInput{}},
	{"Verification", verificationJSON{}}, {"AwardRef", awardRefJSON{}}, {"VerifiedDecision", verifyDecision{}},
	{"Congress", congressJSON{}}, {"CongressList", congressList{}}, {"CongressInput", congressInput{}},
	{"CongressDetail", congressDetailJSON{}}, {"CongressStepInput", congressStepInput{}}, {"TypicalExample", exampleJSON{}},
	{"ExampleAward", exampleAwardJSON{}}, {"ExampleCandidate", exampleCandidateJSON{}}, {"ExampleCandidateList", exampleCandidateList{}},
	{"SelectInput", selectInput{}}, {"StoryInput", storyInput{}}, {"PublicCongress", publicCongressJSON{}}, {"PublicCongressList", publicCongressList{}},
	{"Cluster", clusterJSON{}}, {"ClusterList", clusterList{}}, {"ClusterDetail", clusterDetailJSON{}}, {"ClusterMember", clusterMemberJSON{}},
	{"ClusterGrader", clusterGraderJSON{}}, {"Criterion", criterionJSON{}}, {"ClusterGrade", gradeJSON{}}, {"SelfScore", selfScoreJSON{}},
	{"ClusterMemberInput", memberInput{}}, {"ClusterGraderInput", graderInput{}}, {"ScoreLine", scoreLineInput{}}, {"ScoresInput", scoresInput{}}, {"ReasonInput", reasonInput{}},
	{"Standing", standingJSON{}}, {"Outlier", outlierJSON{}}, {"ClusterRanking", rankingJSON{}}, {"ClusterFlag", flagJSON{}},
	{"ClusterHistory", historyJSON{}}, {"ClusterEvent", historyItemJSON{}},
	{"Movement", movementJSON{}}, {"MovementList", movementList{}}, {"MovementDetail", movementDetailJSON{}}, {"MovementCriterion", criterionLine{}},
	{"CheckIn", checkInJSON{}}, {"Review", reviewJSON{}}, {"MovementReward", movementRewardJSON{}},
	{"MovementStats", movementStatsJSON{}}, {"MovementStatsRow", statsRowJSON{}},
	{"Registration", registrationJSON{}}, {"RegisteredPerson", registeredPersonJSON{}}, {"RegistrationList", registrationList{}},
	{"RegistrationReview", registrationReviewInput{}}, {"OutcomeReport", outcomeReport{}}, {"Outcome", outcomeJSON{}},
	{"WebhookEvent", notify.WebhookEvent{}}, {"WebhookPerson", notify.WebhookPerson{}}, {"WebhookItem", notify.WebhookItem{}},
	{"SignatureCheck", signatureJSON{}}, {"PDFSignatures", pdfSignatures{}}, {"DocumentEntry", documentJSON{}}, {"DocumentList", documentList{}},
	{"HonourRollLine", rollLineJSON{}}, {"HonourRollPage", rollPageJSON{}}, {"HonourRollSubject", rollSubjectJSON{}}, {"HonourRollExample", rollExampleJSON{}},
	{"Privacy", privacyJSON{}}, {"PrivacyInput", privacyInput{}}, {"Link", linkJSON{}}, {"LinkList", linkList{}},
	{"Article", articleJSON{}}, {"ArticleList", articleList{}}, {"ArticleInput", articleInput{}}, {"ArticleStepInput", articleStepInput{}},
	{"ArticleImage", articleImageJSON{}}, {"ArticleRevision", articleRevisionRef{}},
	{"StatForm", statFormJSON{}}, {"StatColumn", statColumnJSON{}}, {"StatRow", statRowJSON{}},
	{"Apparatus", apparatusJSON{}}, {"ApparatusUnit", apparatusUnitJSON{}}, {"ApparatusOfficer", apparatusOfficerJSON{}},
	{"Error", errorJSON{}}, {"ErrorDetail", errorDetail{}},
}

// enums are the code sets a field may take (tag api:"enum=NAME"), from the domain.
var enums = map[string][]string{
	"documentKind":    {"decision", "submission", "report", "certificate", "attachment"},
	"sex":             strs(tdkt.Sexes),
	"apparatus_kind":  strs(tdkt.ApparatusKinds),
	"training":        strs(tdkt.TrainingLevels),
	"group":           strs(tdkt.Groups),
	"rating":          strs(tdkt.Ratings),
	"scope":           strs(tdkt.Scopes),
	"reward_kind":     strs(tdkt.RewardKinds),
	"discipline_form": strs(tdkt.DisciplineForms),
	"level":           strs(tdkt.Levels),
	"role":            strs(tdkt.Roles),
	"subject_kind":    strs(tdkt.SubjectKinds),
	"category":        {string(tdkt.Title), string(tdkt.Form)},
	"setting_kind":    {core.SettingChoice, core.SettingBool, core.SettingPercent},
	"dossier_status":  strs(dossierStatuses),
	"dossier_action":  strs(dossierActions),
	"congress_status": strs(tdkt.CongressStatuses),
	"congress_action": {string(tdkt.CongressHold), string(tdkt.CongressPublish), string(tdkt.CongressWithdraw)},
	"article_status":  strs(tdkt.ArticleStatuses),
	"article_action":  strs(tdkt.ArticleActions),
	"article_category": func() (out []string) {
		for _, c := range tdkt.ArticleCategories {
			out = append(out, c.Code)
		}
		return out
	}(),
	"eligibility":        eligibilities,
	"meeting_status":     {"open", meetingClosed},
	"cluster_kind":       strs(tdkt.ClusterKinds),
	"cluster_stage":      {string(tdkt.StageSetup), string(tdkt.StageScoring), string(tdkt.StageApproved)},
	"certificate_status": {"valid", "revoked"},
	"holiday_kind":       strs([]rules.HolidayKind{rules.HolidayStatutory, rules.HolidayCompensatory, rules.HolidayNotice}),
	"award": func() (out []string) {
		for _, a := range tdkt.Awards {
			out = append(out, a.Code)
		}
		return out
	}(),
	"error_code": strs([]tdkt.ErrorCode{eBadRequest, tdkt.EUnauthenticated, tdkt.EForbidden, tdkt.ENotFound, eMethod,
		tdkt.EConflict, tdkt.EInvalid, tdkt.ETooMany, eInternal}),
}

var rawJSON = reflect.TypeOf(json.RawMessage(nil))

func strs[T ~string](xs []T) []string {
	out := make([]string, len(xs))
	for i, x := range xs {
		out[i] = string(x)
	}
	return out
}

// schemas returns components.schemas of the document.
func schemas() map[string]any {
	names := map[reflect.Type]string{}
	for _, c := range components {
		names[reflect.TypeOf(c.v)] = c.name
	}
	out := map[string]any{}
	for _, c := range components {
		out[c.name] = objectSchema(reflect.TypeOf(c.v), names)
	}
	return out
}

// schemaOf describes a Go type; a named component is referenced, not repeated.
func schemaOf(t reflect.Type, names map[reflect.Type]string) map[string]any {
	if t.Kind() == reflect.Pointer {
		t = t.Elem()
	}
	if n, ok := names[t]; ok {
		return ref(n)
	}
	if t == rawJSON { // stored JSON passed through: the API sends objects only
		return map[string]any{"type": "object"}
	}
	switch t.Kind() {
	case reflect.String:
		return map[string]any{"type": "string"}
	case reflect.Bool:
		return map[string]any{"type": "boolean"}
	case reflect.Float64:
		return map[string]any{"type": "number"}
	case reflect.Int, reflect.Int32:
		return map[string]any{"type": "integer"}
	case reflect.Int64:
		return map[string]any{"type": "integer", "format": "int64"}
	case reflect.Slice:
		return map[string]any{"type": "array", "items": schemaOf(t.Elem(), names)}
	case reflect.Map:
		return map[string]any{"type": "object", "additionalProperties": schemaOf(t.Elem(), names)}
	case reflect.Struct:
		return objectSchema(t, names)
	}
	panic("api: no schema for " + t.String())
}

// objectSchema describes a struct from its json tags and two more: api (flags "ro"
// read-only, "req" required, "date" YYYY-MM-DD, "enum=NAME") and doc (a description).
// Embedded structs are flattened, as encoding/json flattens them.
func objectSchema(t reflect.Type, names map[reflect.Type]string) map[string]any {
	props := map[string]any{}
	var required []string
	var walk func(t reflect.Type)
	walk = func(t reflect.Type) {
		for i := range t.NumField() {
			f := t.Field(i)
			if f.Anonymous {
				walk(f.Type)
				continue
			}
			name, _, _ := strings.Cut(f.Tag.Get("json"), ",")
			if name == "" || name == "-" {
				continue
			}
			s := schemaOf(f.Type, names)
			flags := strings.Split(f.Tag.Get("api"), ",")
			for _, fl := range flags {
				switch {
				case fl == "req":
					required = append(required, name)
				case fl == "date":
					s["format"] = "date"
				case strings.HasPrefix(fl, "enum="):
					e, ok := enums[fl[5:]]
					if !ok {
						panic("api: unknown enum " + fl)
					}
					if s["type"] == "array" {
						s["items"] = map[string]any{"type": "string", "enum": e}
					} else {
						s["enum"] = e
					}
				}
			}
			// A $ref takes no siblings in OpenAPI 3.0: wrap it to add more.
			extra := f.Tag.Get("doc") != "" || hasFlag(flags, "ro")
			if _, isRef := s["$ref"]; isRef && extra {
				s = map[string]any{"allOf": []any{s}}
			}
			if hasFlag(flags, "ro") {
				s["readOnly"] = true
			}
			if d := f.Tag.Get("doc"); d != "" {
				s["description"] = d
			}
			props[name] = s
		}
	}
	walk(t)
	o := map[string]any{"type": "object", "properties": props, "additionalProperties": false}
	if required != nil {
		o["required"] = required
	}
	return o
}

func hasFlag(flags []string, f string) bool {
	for _, x := range flags {
		if x == f {
			return true
		}
	}
	return false
}
