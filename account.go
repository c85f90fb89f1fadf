package tdkt

import "strings"

// Account is a user of the staff application or the API, bound to one organisation:
// it sees and changes only that organisation's subtree.
type Account struct {
	ID      int64
	Login   string
	Name    string
	Role    Role
	OrgID   int64
	OrgPath string // the path of its organisation, filled when it is loaded
	OrgName string
	// Email is where notices go ("" for none: only the in-app list); a password reset
	// is sent there too.
	Email    string
	Disabled bool
	// InstallationAdmin marks the administrators of the whole installation: they keep
	// the settings that every unit shares (the calendar of days off, the unverified
	// rule provisions, the portal's links, profiling). A unit's administrator manages
	// its own subtree only. Granted on the command line or by another installation
	// administrator, never by the holder.
	InstallationAdmin bool
	// ActsFor is the organisation whose dossier inbox the account's organisation works
	// as its standing office (tdkt.Org.StandingFor), 0 for none; filled when loaded.
	ActsFor int64
	// ActsForLevel is the level of ActsFor. AlsoActsFor is the President's level when
	// ActsFor is the Government: the central board prepares the President's decisions
	// on the Prime Minister's submission too. Both are filled when loaded.
	ActsForLevel Level
	AlsoActsFor  int64
}

// Sees reports whether an organisation with the given path is inside the account's subtree.
func (a *Account) Sees(orgPath string) bool {
	return a != nil && a.OrgPath != "" && strings.HasPrefix(orgPath, a.OrgPath)
}

// CanEditRecords reports whether the account may create and change lifelong records.
func (a *Account) CanEditRecords() bool {
	return a != nil && (a.Role == RoleAdmin || a.Role == RoleClerk)
}

// CanManageOrgs reports whether the account may change the organisation tree and accounts.
func (a *Account) CanManageOrgs() bool { return a != nil && a.Role == RoleAdmin }

// CanManageInstallation reports whether the account may change the settings shared by
// every unit of the installation.
func (a *Account) CanManageInstallation() bool {
	return a != nil && a.Role == RoleAdmin && a.InstallationAdmin && !a.Disabled
}

// AuditEvent is one entry of the audit trail: who changed what, when, from what to what.
type AuditEvent struct {
	ID       int64
	At       string // RFC 3339, UTC
	ActorID  int64
	Actor    string
	Action   string // create, update, delete, login, …
	Entity   string // person, org, rating, …
	EntityID int64
	OrgID    int64
	Subject  Subject // the person, collective or household the record belongs to, if any
	Before   string  // JSON, empty for a creation
	After    string  // JSON, empty for a deletion
}
