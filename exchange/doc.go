// Package exchange holds the package that tdkt installations exchange: a nomination
// dossier (hồ sơ đề nghị khen thưởng) or a status message, as one signed zip. It builds
// a package (Pack), opens and verifies one (Open), keeps the installation's Ed25519 key,
// and delivers a package to a peer's inbox over HTTP (Deliver). It knows no database:
// the outbox, the inbox and the peers are kept by the caller.
//
// The format is written for other vendors in docs/exchange.md; the manifest's JSON
// Schema is manifest.schema.json (Schema), and Validate applies the same rules.
package exchange

// Version is the manifest's version; a receiver refuses any other (bad_version).
// Changes within one version are additive only, so a receiver ignores members it does
// not know.
const Version = "tdkt-exchange/1"

// MaxPackage is the largest zip accepted, in bytes; Pack refuses to build a larger one.
const MaxPackage = 64 << 20

// Bounds on what a zip may expand to, so that a small hostile zip cannot exhaust
// memory: the manifest, the signature, and all entries together.
const (
	maxManifest     = 4 << 20
	maxSignature    = 1 << 10
	maxUncompressed = 4 * MaxPackage
	maxFiles        = 1000
)
