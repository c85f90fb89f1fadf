package rules

import "tdkt"

// Subject is the typed, allocation-light form of a subject's records, for bulk
// evaluation. Build one per person or collective and evaluate many awards on it.
type Subject struct {
	Kind  tdkt.SubjectKind
	Group tdkt.Group // empty means tdkt.GroupOfficials
	Sex   tdkt.Sex
	// HiredOn is the recruitment date (zero when unknown).
	HiredOn Date
	// Ratings[i] is the rating of year RatingsFrom+i (NoGrade when none).
	RatingsFrom int
	Ratings     []Grade
	Titles      []TitleRecord
	Awards      []AwardRecord
	Initiatives []Initiative
	Discipline  []Discipline
	// PendingReview: on as_of the subject is under disciplinary consideration,
	// investigation, inspection, or a complaint under verification.
	PendingReview bool
	// Members are a collective's members' figures for the assessment year.
	Members *Members
}

// TitleRecord is an emulation title conferred for an assessment year (the last
// year of the counting period for multi-year titles).
type TitleRecord struct {
	Award AwardID
	Year  int
}

// AwardRecord is a reward form received: Year is the year of the decision,
// AchievementTo (0 when unknown) the last year of the achievement period.
type AwardRecord struct {
	Award         AwardID
	Year          int
	Kind          tdkt.RewardKind // empty means cong_trang
	AchievementTo int
}

// Initiative is an initiative, accepted scientific work or combat ingenuity,
// recognised in Year with its effect recognised at Scope.
type Initiative struct {
	ID    string
	Year  int
	Scope tdkt.Scope
	// Title and DecisionNo, when known, name it in the reasons as a clerk knows it
	// ("sáng kiến «…» (QĐ số …)") rather than by its id.
	Title, DecisionNo string
}

// Discipline is a disciplinary penalty with its decision date and the last day
// it is in effect.
type Discipline struct {
	Form      tdkt.DisciplineForm
	DecidedOn Date
	EndsOn    Date
}

// Members are a collective's members' figures for a year. LDTT counts every
// member holding Lao động tiên tiến, those who also hold Chiến sĩ thi đua cơ sở
// included.
type Members struct {
	Total                      int
	HTXSNV, HTTNV, HTNV, KHTNV int
	LDTT, CSTDCS               int
	DisciplinedWarningOrAbove  int
}

// Grade returns the rating of year y (NoGrade when none is recorded).
func (s *Subject) Grade(y int) Grade {
	i := y - s.RatingsFrom
	if i < 0 || i >= len(s.Ratings) {
		return NoGrade
	}
	return s.Ratings[i]
}

// SetGrade records the rating of year y, growing Ratings as needed.
func (s *Subject) SetGrade(y int, g Grade) {
	if len(s.Ratings) == 0 {
		s.RatingsFrom = y
	}
	if y < s.RatingsFrom {
		grown := make([]Grade, len(s.Ratings)+s.RatingsFrom-y)
		copy(grown[s.RatingsFrom-y:], s.Ratings)
		s.Ratings, s.RatingsFrom = grown, y
	}
	for y-s.RatingsFrom >= len(s.Ratings) {
		s.Ratings = append(s.Ratings, NoGrade)
	}
	s.Ratings[y-s.RatingsFrom] = g
}

// clone returns a deep copy, for the what-if simulation of future years.
func (s *Subject) clone() *Subject {
	c := *s
	c.Ratings = append([]Grade(nil), s.Ratings...)
	c.Titles = append([]TitleRecord(nil), s.Titles...)
	c.Awards = append([]AwardRecord(nil), s.Awards...)
	c.Initiatives = append([]Initiative(nil), s.Initiatives...)
	c.Discipline = append([]Discipline(nil), s.Discipline...)
	if s.Members != nil {
		m := *s.Members
		c.Members = &m
	}
	return &c
}
