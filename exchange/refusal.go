package exchange

import (
	"encoding/json"
	"net/http"
)

// Refusal is why a package is refused; both sides read it: Code is stable and meant
// for programs, Message is Vietnamese and meant for people.
type Refusal struct {
	Code    string
	Message string
}

// Error returns the Vietnamese message.
func (r *Refusal) Error() string { return r.Message }

// The refusal codes. They are part of the protocol (docs/exchange.md): never rename one.
const (
	CodeTooLarge      = "too_large"      // the zip, or what it expands to, is over a limit
	CodeBadZip        = "bad_zip"        // not a zip, or a zip with path tricks, duplicates, directories or lying sizes
	CodeBadManifest   = "bad_manifest"   // manifest.json missing, not JSON, or breaking a rule of the schema
	CodeBadVersion    = "bad_version"    // manifest.version is not Version
	CodeUnknownSender = "unknown_sender" // the sending installation is not a registered peer
	CodeBadSignature  = "bad_signature"  // manifest.sig missing or wrong, or the peer's key is not the one named
	CodeBadHash       = "bad_hash"       // a file's size or SHA-256 differs from the manifest
	CodeUnlistedFile  = "unlisted_file"  // the zip holds an entry the manifest does not list
	CodeMissingFile   = "missing_file"   // the manifest lists a file the zip does not hold
	CodeWrongReceiver = "wrong_receiver" // the package is addressed to another installation
)

func refuse(code, message string) *Refusal { return &Refusal{Code: code, Message: message} }

// CheckReceiver refuses (wrong_receiver) a manifest addressed to another installation
// than the one whose fingerprint is given; Open does not know who is opening.
func (m *Manifest) CheckReceiver(installation string) error {
	if m.Receiver.Installation != installation {
		return refuse(CodeWrongReceiver, "Gói tin được gửi cho một hệ thống khác, không phải hệ thống này.")
	}
	return nil
}

// errorBody is the JSON body of a refusal, the same shape as the API's other errors.
type errorBody struct {
	Error struct {
		Code    string `json:"code"`
		Message string `json:"message"`
	} `json:"error"`
}

// WriteRefusal writes a refusal as the receiver answers it: status 422 and the body
// {"error":{"code":…,"message":…}}.
func WriteRefusal(w http.ResponseWriter, r *Refusal) {
	var b errorBody
	b.Error.Code, b.Error.Message = r.Code, r.Message
	writeJSON(w, http.StatusUnprocessableEntity, b)
}

// WriteReceipt writes the answer to a package that was applied or recognised as a
// duplicate: status 200 and the receipt.
func WriteReceipt(w http.ResponseWriter, rc Receipt) {
	writeJSON(w, http.StatusOK, rc)
}

func writeJSON(w http.ResponseWriter, status int, v any) {
	body, err := json.Marshal(v)
	if err != nil { // plain structs of strings: cannot happen
		panic(err)
	}
	w.Header().Set("Content-Type", "application/json; charset=utf-8")
	w.Header().Set("Cache-Control", "no-store")
	w.WriteHeader(status)
	w.Write(append(body, '\n'))
}
