package rules

// Status is the answer of an eligibility check.
type Status uint8

// The statuses. The zero Status is NotEligible, so that a forgotten branch can
// never answer "eligible".
const (
	NotEligible Status = iota
	Eligible
	Deferred // pending review: no proposal may be made now
)

// String returns the contract code of the status.
func (s Status) String() string {
	switch s {
	case Eligible:
		return "eligible"
	case Deferred:
		return "deferred"
	}
	return "not_eligible"
}

// MarshalText encodes the status as its contract code.
func (s Status) MarshalText() ([]byte, error) { return []byte(s.String()), nil }

// Reason is one condition checked: whether it is met, its legal basis and a
// Vietnamese sentence a clerk can read.
type Reason struct {
	Rule       string `json:"rule"`
	Met        bool   `json:"met"`
	Basis      string `json:"basis"`
	Message    string `json:"message"`
	Unverified bool   `json:"unverified,omitempty"`
}

// Route is a way to the award that needs human judgement (an outstanding
// achievement, a sudden feat, a contribution): listed, never decided.
type Route struct {
	Rule    string `json:"rule"`
	Basis   string `json:"basis"`
	Message string `json:"message"`
}

// Unverified is a provision an answer applied whose text was not read.
type Unverified struct {
	Rule  string `json:"rule"`
	Basis string `json:"basis"`
	Note  string `json:"note"`
}

// Result is the answer to one eligibility question.
type Result struct {
	Award       string
	Status      Status
	RuleSet     string
	Reasons     []Reason
	OtherRoutes []Route
	// EarliestYear is, for a not_eligible answer, the first assessment year in
	// which the records criteria could be met assuming the best achievable
	// records from the following year on; 0 when not computed or not reachable.
	EarliestYear int
	Unverified   []Unverified
	Warnings     []string
}
