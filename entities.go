package tdkt

// Org is an organisation: an agency, a unit, a commune, an enterprise. Organisations
// form a tree; Path holds the ids from the root ("/1/4/17/") so that a subtree is a
// prefix.
type Org struct {
	ID       int64
	Code     string
	Name     string
	Level    Level
	ParentID int64 // 0 for a root
	Path     string
	// Confers lists the award codes the head of this organisation may confer: the
	// law's list for its level (Authority), never edited per organisation.
	Confers []string
	// StandingFor is the organisation (above it) whose emulation and reward work this
	// one runs as its standing office, 0 for none: the provincial Department of Home
	// Affairs for the People's Committee (Decree 152/2025; the province's council
	// regulation), the central board for the Government. Its clerks work that level's
	// inbox; it opens that level's dossiers, not its subtree's records.
	StandingFor int64
	Version     int
}

// Person is one lifelong record of an individual, whatever unit they work in.
type Person struct {
	ID        int64
	OrgID     int64 // the unit that keeps the record now (current membership)
	FullName  string
	Sex       Sex
	BirthDate string // YYYY-MM-DD, may be empty
	Ethnicity string
	CCCD      string // citizen ID, 12 digits, private; may be empty
	Group     Group
	Leader    bool   // holds a leadership post (else a direct worker)
	Position  string // current position
	HiredOn   string // YYYY-MM-DD, may be empty
	// UnderReview marks a person under disciplinary consideration, investigation,
	// inspection or a complaint being verified: proposals wait (Decree 152/2025 Art 4(4)).
	UnderReview bool
	Version     int
	OrgName     string // filled by queries for display
}

// Membership is a period in which a person belonged to a unit.
type Membership struct {
	ID       int64
	PersonID int64
	OrgID    int64
	OrgName  string
	Position string
	Leader   bool
	From     string // YYYY-MM-DD
	To       string // YYYY-MM-DD, empty while current
}

// CollectiveUnit is a collective as a subject of titles: a unit or a part of one (a
// division, a school, a village).
type CollectiveUnit struct {
	ID         int64
	OrgID      int64 // the organisation that keeps its record
	UnitOrgID  int64 // the organisation it is, when it is one; 0 otherwise
	Name       string
	Enterprise bool
	Version    int
	OrgName    string
}

// HouseholdRecord is a household as a subject of titles and forms.
type HouseholdRecord struct {
	ID       int64
	OrgID    int64 // the commune
	HeadName string
	Address  string
	Version  int
	OrgName  string
}

// Subject names the receiver of a record: a person, a collective or a household.
type Subject struct {
	Kind SubjectKind
	ID   int64
}

// YearRating is a subject's task-completion rating for one year.
type YearRating struct {
	ID      int64
	Subject Subject
	Year    int
	Rating  Rating
	Note    string
	Version int
}

// Initiative is an initiative, accepted scientific work or combat ingenuity, with the
// scope at which its effect was recognised and the recognising decision.
type Initiative struct {
	ID           int64
	Subject      Subject
	Year         int
	Title        string
	Scope        Scope
	DecisionNo   string
	DecisionOn   string // YYYY-MM-DD
	RecognisedBy string
	Version      int
}

// Discipline is a disciplinary penalty with the date it was decided and the date its
// period ends; achievements count only after it ends (Decree 152/2025 Art 4(4)).
type Discipline struct {
	ID         int64
	PersonID   int64
	Form       DisciplineForm
	DecidedOn  string
	EndsOn     string
	DecisionNo string
	Reason     string
	Version    int
}

// Decision is a reward decision: the document that confers titles or forms.
type Decision struct {
	Number string
	Date   string // YYYY-MM-DD
	Signer string
	Issuer string // the issuing organisation's name
}

// Honour is a title or form a subject received, with the decision that conferred it.
// Year is the assessment year it is for (the last year of the counting period for
// multi-year titles).
type Honour struct {
	ID         int64
	Subject    Subject
	AwardCode  string
	Year       int
	PeriodFrom int // first year of the counting period; equals Year for one-year titles
	Kind       RewardKind
	Decision   Decision
	AmountVND  int64
	Revoked    bool
	// DecisionID is the decision issued in tdkt that conferred it; 0 for a record
	// typed in (or imported) from a past paper decision. A decided honour changes
	// only through its decision (correction, revocation) by the issuing level.
	DecisionID  int64
	Version     int
	SubjectName string // filled by queries for display
	OrgName     string
}

// Decided reports whether the honour came from a decision issued in tdkt.
func (h Honour) Decided() bool { return h.DecisionID != 0 }

// PersonRecord is a person's whole lifelong record, as one screen shows it. The
// citizen ID is not in it: Person.CCCD is empty and CCCDMasked shows its last digits;
// reading the number itself is a logged act (core.RevealCCCD).
type PersonRecord struct {
	Person      Person
	CCCDMasked  string
	Memberships []Membership
	Ratings     []YearRating
	Honours     []Honour
	Initiatives []Initiative
	Discipline  []Discipline
}
