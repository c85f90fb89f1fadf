package exchange

// Party is an installation and the organisation in it that sends or receives.
type Party struct {
	Installation string `json:"installation"` // the installation's key fingerprint (Fingerprint)
	OrgCode      string `json:"org_code"`     // agency identifier code (mã định danh, QĐ 20/2020/QĐ-TTg) or the installation's own org code
	OrgName      string `json:"org_name"`
}

// Manifest is manifest.json: what the package is, who sends it to whom, and the list
// of its files with their hashes. The signature covers its exact bytes.
type Manifest struct {
	Version   string   `json:"version"`
	ID        string   `json:"id"`   // idempotency key, unique per sending installation (e.g. "<fingerprint>:<kind>:<n>")
	Kind      string   `json:"kind"` // KindDossier | KindStatus
	Sender    Party    `json:"sender"`
	Receiver  Party    `json:"receiver"`
	CreatedAt string   `json:"created_at"`        // RFC 3339 UTC
	Dossier   *Dossier `json:"dossier,omitempty"` // kind dossier
	Status    *Status  `json:"status,omitempty"`  // kind status
	Files     []File   `json:"files"`             // every file of the zip other than manifest.json / manifest.sig
}

// The kinds of message.
const (
	KindDossier = "dossier"
	KindStatus  = "status"
)

// Dossier is a nomination dossier as the sender holds it.
type Dossier struct {
	Ref        string      `json:"ref"`   // the sender's own reference of the dossier (stable across resends)
	Award      string      `json:"award"` // catalogue code, e.g. "huan_chuong_lao_dong_hang_ba"
	AwardName  string      `json:"award_name"`
	Kind       string      `json:"kind"` // reward kind code: cong_trang, dot_xuat, phong_trao, chuyen_de, cong_hien, nien_han, doi_ngoai
	Year       int         `json:"year"`
	PeriodFrom int         `json:"period_from"` // first year of the counted period, 0 when none
	Simplified bool        `json:"simplified"`
	Title      string      `json:"title"`       // trích yếu
	Reason     string      `json:"reason"`      // the achievement
	Number     string      `json:"number"`      // the proposal letter's number
	ProposedBy Party       `json:"proposed_by"` // the unit that proposed it first (Installation may be empty)
	Revision   int         `json:"revision"`    // 1 for the first sending, +1 for each resend after a return
	Candidates []Candidate `json:"candidates"`
	History    []Event     `json:"history"`
}

// Candidate is one person, collective or household proposed in a dossier.
type Candidate struct {
	Ref           string   `json:"ref"`  // sender's reference, e.g. "ca_nhan:1050"
	Kind          string   `json:"kind"` // ca_nhan | tap_the | ho_gia_dinh
	Name          string   `json:"name"`
	Sex           string   `json:"sex,omitempty"`        // nam | nu
	BirthDate     string   `json:"birth_date,omitempty"` // YYYY-MM-DD
	Ethnicity     string   `json:"ethnicity,omitempty"`
	Position      string   `json:"position,omitempty"`
	Unit          string   `json:"unit,omitempty"`
	Justification string   `json:"justification,omitempty"`
	Records       []Record `json:"records"` // extract of the counted years
}

// Record is one line of a candidate's extract: a yearly rating, a title, an award,
// an initiative or a discipline.
type Record struct {
	Kind           string `json:"kind"` // rating | title | award | initiative | discipline
	Year           int    `json:"year"`
	Code           string `json:"code,omitempty"`  // rating / award / discipline code
	Label          string `json:"label"`           // Vietnamese label as shown
	Title          string `json:"title,omitempty"` // an initiative's title
	Scope          string `json:"scope,omitempty"` // an initiative's scope of effect
	DecisionNumber string `json:"decision_number,omitempty"`
	DecisionDate   string `json:"decision_date,omitempty"` // YYYY-MM-DD
	Issuer         string `json:"issuer,omitempty"`
}

// Event is one step of a dossier's history at the sender.
type Event struct {
	At     string `json:"at"`    // RFC 3339
	Actor  string `json:"actor"` // who, as a display name or login of the sender
	Action string `json:"action"`
	Note   string `json:"note,omitempty"`
}

// States of a status message.
const (
	StateReceived      = "received"
	StateReturned      = "returned"
	StatePublicComment = "public_comment"
	StateCouncil       = "council"
	StateSubmitted     = "submitted" // to the Prime Minister / President
	StateDecided       = "decided"
	StateRefused       = "refused"
	// StateSigned carries the decision's signed copy, once it is signed after the
	// decision was sent, as the package's one file SignedDecisionFile.
	StateSigned = "signed"
)

// SignedDecisionFile is the name of the decision's signed copy in a "signed" status.
const SignedDecisionFile = "files/quyet-dinh.pdf"

// Status tells a dossier's sender where its dossier stands at the receiver.
type Status struct {
	DossierRef string    `json:"dossier_ref"` // the Dossier.Ref it is about (the receiver of the status is the dossier's sender)
	State      string    `json:"state"`
	Note       string    `json:"note,omitempty"` // the reason of a return or a refusal
	At         string    `json:"at"`
	Decision   *Decision `json:"decision,omitempty"` // with decided
}

// Decision is the reward decision that closes a dossier (state decided).
type Decision struct {
	Number      string    `json:"number"`
	Date        string    `json:"date"` // YYYY-MM-DD
	Signer      string    `json:"signer"`
	SignerTitle string    `json:"signer_title"`
	Authority   string    `json:"authority"` // "chu_tich_nuoc" | "thu_tuong" (who decided)
	Issuer      string    `json:"issuer"`    // display name, e.g. "Chủ tịch nước"
	Award       string    `json:"award"`
	Awardees    []Awardee `json:"awardees"`
}

// Awardee is one candidate the decision awards, with the money it gives.
type Awardee struct {
	CandidateRef string `json:"candidate_ref"`
	Name         string `json:"name"`
	AmountVND    int64  `json:"amount_vnd"`
}

// File is one file of the package, listed with its size and hash.
type File struct {
	Name      string `json:"name"` // path inside the zip, under "files/", e.g. "files/to-trinh.pdf"
	Role      string `json:"role"` // document | attachment
	Title     string `json:"title"`
	MediaType string `json:"media_type"`
	Size      int64  `json:"size"`
	SHA256    string `json:"sha256"` // lower-case hex
}

// Package is an opened, verified package.
type Package struct {
	Manifest Manifest
	Raw      []byte            // manifest.json as signed
	Files    map[string][]byte // by File.Name
}
