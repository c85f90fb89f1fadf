package tdkt

import (
	"math"
	"sort"
	"strconv"
	"strings"
	"time"
)

// Emulation clusters and blocks (cụm, khối thi đua): comparable units grouped by the
// emulation council of a ministry or province (Law 2022 Art 16(2)), which sign an
// emulation pact (giao ước thi đua) at the start of the year, score themselves and
// each other on a table of criteria, and whose leader receives the Cờ thi đua of the
// ministry or province (Art 26; Cờ thi đua của Chính phủ for outstanding leaders,
// Art 25).
//
// A Cluster is one year of a cluster: its members, head, pact, criteria and scores
// belong to that year. The next year is a new Cluster with the same name, because the
// members, the rotating head and the criteria change from year to year.

// ClusterKind says whether units are grouped by place (cụm) or by sector (khối).
type ClusterKind string

// The kinds of cluster.
const (
	ClusterCum  ClusterKind = "cum"  // cụm thi đua: units of comparable places
	ClusterKhoi ClusterKind = "khoi" // khối thi đua: units of comparable functions
)

// ClusterKinds lists the kinds, for forms and validation.
var ClusterKinds = []ClusterKind{ClusterCum, ClusterKhoi}

// ClusterStage is where a cluster's year stands.
type ClusterStage string

// The stages. Criteria change only during setup; the first score (a unit's own or a
// grader's) starts scoring and freezes them; an approved ranking freezes the scores.
const (
	StageSetup    ClusterStage = "setup"
	StageScoring  ClusterStage = "scoring"
	StageApproved ClusterStage = "approved"
)

// StageLabels are the Vietnamese names of the stages.
var StageLabels = map[ClusterStage]string{
	StageSetup: "Đang xây dựng bảng tiêu chí", StageScoring: "Đang chấm điểm", StageApproved: "Đã phê duyệt kết quả",
}

// Cluster is one year of an emulation cluster or block.
type Cluster struct {
	ID           int64
	OrgID        int64 // the organising organisation (usually the province)
	Name         string
	Kind         ClusterKind
	Year         int
	Stage        ClusterStage
	HeadID       int64  // the member that heads the cluster this year (cụm trưởng); 0 for none
	PactText     string // the emulation pact
	PactSignedOn string // YYYY-MM-DD
	// ScoresDueOn is the day by which each member submits its self-score
	// (YYYY-MM-DD, "" for none), set by the organiser; the daily reminders use it.
	ScoresDueOn string
	ApprovedBy  string
	ApprovedAt  string
	DossierID   int64 // the Cờ thi đua dossier proposed from the approved ranking
	Version     int
	OrgName     string
	OrgPath     string
}

// ClusterMember is a collective that belongs to a cluster for its year.
type ClusterMember struct {
	ID           int64
	ClusterID    int64
	CollectiveID int64
	UnitOrgID    int64 // the organisation the collective is (or the one keeping its record)
	Name         string
	UnitPath     string
	Signed       bool   // signed the emulation pact
	SelfStatus   string // the self-assessment: "" (not started), draft, submitted, returned
	SelfNote     string // why it was returned
}

// The states of a self-assessment.
const (
	SelfDraft     = "draft"
	SelfSubmitted = "submitted"
	SelfReturned  = "returned"
)

// SelfLabels are the Vietnamese names of the self-assessment states.
var SelfLabels = map[string]string{"": "Chưa tự chấm", SelfDraft: "Đang tự chấm", SelfSubmitted: "Đã gửi tự chấm", SelfReturned: "Bị trả lại để chấm lại"}

// ClusterCriterion is one line of a cluster's table of criteria.
type ClusterCriterion struct {
	ID        int64
	ClusterID int64
	Group     string // the group of criteria it belongs to ("I. Thực hiện nhiệm vụ chính trị")
	Name      string
	Max       float64 // the most points it gives
	Weight    float64 // its weight in the total
	Position  int
}

// Validate checks a criterion.
func (c *ClusterCriterion) Validate() error {
	p := Problems{}
	if strings.TrimSpace(c.Group) == "" {
		p.Add("group", "Hãy ghi nhóm tiêu chí.")
	}
	if strings.TrimSpace(c.Name) == "" {
		p.Add("name", "Hãy ghi nội dung tiêu chí.")
	}
	if !(c.Max > 0 && c.Max <= 1000) {
		p.Add("max", "Điểm tối đa phải lớn hơn 0 và không quá 1.000.")
	}
	if !(c.Weight > 0 && c.Weight <= 100) {
		p.Add("weight", "Hệ số phải lớn hơn 0 và không quá 100.")
	}
	return p.Err()
}

// ClusterGrader is an organisation that scores the members: a member unit or the
// organising board. Accounts of that organisation score on its behalf.
type ClusterGrader struct {
	ID        int64
	ClusterID int64
	OrgID     int64
	Name      string
	MemberID  int64 // the member it is, when it is one (it does not score itself)
}

// Grade is one grader's score of one member on one criterion. A grade that does not
// exist is "not scored"; a Score of 0 is a score.
type Grade struct {
	ID          int64
	ClusterID   int64
	GraderOrgID int64
	MemberID    int64
	CriterionID int64
	Score       float64
	Reason      string // required for an extreme score
	At          string
	By          string
}

// ScoreProblem says what is wrong with a score on a criterion, or "".
func ScoreProblem(score, max float64) string {
	switch {
	case math.IsNaN(score) || math.IsInf(score, 0):
		return "Điểm không hợp lệ."
	case score < 0:
		return "Điểm không được âm."
	case score > max:
		return "Điểm vượt quá điểm tối đa của tiêu chí (" + FormatPoints(max) + ")."
	}
	return ""
}

// ExtremeScore says why a grader's score needs a written reason, or "" when it does
// not: a 0; the maximum when the unit's own score is far lower (by more than 30 % of
// the maximum); or a score more than 2 standard deviations from the grader's own mean
// on that criterion over the other members (with at least 3 of them, and a floor on
// the deviation of 1/8 of the maximum so that a grader who gave everyone nearly the
// same score is not asked for a reason for every small difference).
func ExtremeScore(score, max float64, own []float64, self *float64) string {
	if score == 0 {
		return "Điểm 0 cần ghi lý do."
	}
	if score == max && self != nil && *self < max-0.3*max {
		return "Chấm điểm tối đa trong khi đơn vị tự chấm " + FormatPoints(*self) + " cần ghi lý do."
	}
	if len(own) >= 3 {
		mean, sd := meanSD(own)
		if math.Abs(score-mean) > 2*math.Max(sd, max/8) {
			return "Điểm khác xa mức chấm thường của đơn vị chấm cho tiêu chí này (trung bình " + FormatPoints(mean) + ") cần ghi lý do."
		}
	}
	return ""
}

// FormatPoints writes points the Vietnamese way: at most two decimals, a comma.
func FormatPoints(x float64) string {
	s := strconv.FormatFloat(math.Round(x*100)/100, 'f', -1, 64)
	return strings.Replace(s, ".", ",", 1)
}

func meanSD(xs []float64) (mean, sd float64) {
	if len(xs) == 0 {
		return 0, 0
	}
	for _, x := range xs {
		mean += x
	}
	mean /= float64(len(xs))
	for _, x := range xs {
		sd += (x - mean) * (x - mean)
	}
	return mean, math.Sqrt(sd / float64(len(xs)))
}

// Standing is a member's place in a ranking.
type Standing struct {
	MemberID   int64
	Raw        float64 // weighted sum of the mean of the graders' scores
	Normalised float64 // the same after correcting each grader's leniency
	RawRank    int
	NormRank   int
	Grades     int // how many scores it received
}

// Outlier is a grader's score far from what the other graders gave the same member.
type Outlier struct {
	GraderOrgID, MemberID, CriterionID int64
	Score, OthersMean                  float64
}

// Ranking is the result of a cluster's scoring.
type Ranking struct {
	Standings []Standing // in the order of the normalised ranking
	Outliers  []Outlier
	// Leniency is each grader's fitted leniency, in points per criterion on average:
	// positive for a grader who scores higher than the others.
	Leniency map[int64]float64
}

// Rank computes a cluster's raw and normalised rankings from its grades.
//
// Raw: for each criterion, the mean of the graders' scores of the member; the total
// is the weighted sum of those means.
//
// Normalised: each criterion's scores are fitted to an additive model, score =
// merit of the member + leniency of the grader, by least squares over the scores
// actually given (alternating means, the leniencies summing to 0), and the member's
// merit replaces the mean. We chose this over z-scores because graders in a cluster
// differ mostly by a constant leniency (one marks everyone 9/10, another 7/10), and
// z-scores also divide by each grader's spread: a lenient grader who gives 10 to one
// unit and 9 to the rest would then weigh as much as one who separates units by five
// points, so a unit favoured by a lenient grader would gain, not lose. Fitting the
// model (rather than subtracting each grader's plain mean) also keeps the correction
// fair when a grader does not score itself: its mean is over different members.
//
// Outliers: a score more than 2 standard deviations from the mean of the other
// graders' scores of the same member on the same criterion (at least two others; the
// deviation is taken as at least a tenth of the maximum).
func Rank(members []int64, criteria []ClusterCriterion, grades []Grade) Ranking {
	type key struct{ m, c int64 }
	cells := map[key][]Grade{}
	for _, g := range grades {
		cells[key{g.MemberID, g.CriterionID}] = append(cells[key{g.MemberID, g.CriterionID}], g)
	}
	out := Ranking{Leniency: map[int64]float64{}}
	st := map[int64]*Standing{}
	for _, m := range members {
		st[m] = &Standing{MemberID: m}
	}
	lenSum, lenN := map[int64]float64{}, map[int64]int{}
	for _, c := range criteria {
		merit, lenient := fitAdditive(members, grades, c.ID)
		for g, b := range lenient {
			lenSum[g] += b
			lenN[g]++
		}
		for _, m := range members {
			cell := cells[key{m, c.ID}]
			if len(cell) == 0 {
				continue
			}
			var sum float64
			for _, g := range cell {
				sum += g.Score
			}
			st[m].Raw += c.Weight * sum / float64(len(cell))
			st[m].Normalised += c.Weight * math.Min(c.Max, math.Max(0, merit[m]))
			st[m].Grades += len(cell)
			for i, g := range cell {
				var others []float64
				for j, h := range cell {
					if i != j {
						others = append(others, h.Score)
					}
				}
				if len(others) < 2 {
					continue
				}
				mean, sd := meanSD(others)
				if math.Abs(g.Score-mean) > 2*math.Max(sd, c.Max/10) {
					out.Outliers = append(out.Outliers, Outlier{GraderOrgID: g.GraderOrgID, MemberID: m, CriterionID: c.ID, Score: g.Score, OthersMean: mean})
				}
			}
		}
	}
	for g, s := range lenSum {
		out.Leniency[g] = s / float64(lenN[g])
	}
	for _, m := range members {
		s := st[m]
		s.Raw, s.Normalised = round2(s.Raw), round2(s.Normalised)
		out.Standings = append(out.Standings, *s)
	}
	rankBy(out.Standings, func(s *Standing) float64 { return s.Raw }, func(s *Standing) *int { return &s.RawRank })
	rankBy(out.Standings, func(s *Standing) float64 { return s.Normalised }, func(s *Standing) *int { return &s.NormRank })
	return out
}

// fitAdditive fits score = merit[member] + leniency[grader] to the grades of one
// criterion by alternating least squares, with the leniencies centred on 0.
func fitAdditive(members []int64, grades []Grade, criterion int64) (merit, lenient map[int64]float64) {
	var gs []Grade
	for _, g := range grades {
		if g.CriterionID == criterion {
			gs = append(gs, g)
		}
	}
	merit, lenient = map[int64]float64{}, map[int64]float64{}
	for _, g := range gs {
		lenient[g.GraderOrgID] = 0
	}
	for range 200 {
		sum, n := map[int64]float64{}, map[int64]float64{}
		for _, g := range gs {
			sum[g.MemberID] += g.Score - lenient[g.GraderOrgID]
			n[g.MemberID]++
		}
		for m := range sum {
			merit[m] = sum[m] / n[m]
		}
		sum, n = map[int64]float64{}, map[int64]float64{}
		for _, g := range gs {
			sum[g.GraderOrgID] += g.Score - merit[g.MemberID]
			n[g.GraderOrgID]++
		}
		var centre float64
		for g := range lenient {
			centre += sum[g] / n[g]
		}
		centre /= float64(len(lenient))
		delta := 0.0
		for g := range lenient {
			b := sum[g]/n[g] - centre
			delta = math.Max(delta, math.Abs(b-lenient[g]))
			lenient[g] = b
		}
		if delta < 1e-9 {
			break
		}
	}
	return merit, lenient
}

// rankBy gives standard competition ranks (1, 2, 2, 4) by a total, highest first,
// and sorts the standings in that order.
func rankBy(ss []Standing, total func(*Standing) float64, rank func(*Standing) *int) {
	sort.SliceStable(ss, func(a, b int) bool { return total(&ss[a]) > total(&ss[b]) })
	for i := range ss {
		*rank(&ss[i]) = i + 1
		if i > 0 && total(&ss[i]) == total(&ss[i-1]) {
			*rank(&ss[i]) = *rank(&ss[i-1])
		}
	}
}

func round2(x float64) float64 { return math.Round(x*100) / 100 }

// ScoresDueProblem checks a cluster's date for the members' self-scores (YYYY-MM-DD,
// "" for none): a real day, not before the cluster's year (scores of a year are due
// in that year or early in the next). It returns the problem in Vietnamese, or "".
func ScoresDueProblem(due string, year int) string {
	if due == "" {
		return ""
	}
	t, err := time.Parse(time.DateOnly, due)
	if err != nil {
		return "Hạn chấm điểm không hợp lệ, hãy nhập theo dạng dd/mm/yyyy."
	}
	if t.Year() < year {
		return "Hạn chấm điểm phải từ năm " + strconv.Itoa(year) + " trở đi."
	}
	return ""
}
