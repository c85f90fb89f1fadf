package tdkt

import (
	"errors"
	"fmt"
	"sort"
	"strings"
)

// ErrorCode classifies an Error; each edge maps it to a status in exactly one place.
type ErrorCode string

// The error codes.
const (
	ENotFound        ErrorCode = "not_found"       // missing, or outside the actor's scope
	EInvalid         ErrorCode = "invalid"         // input that breaks a rule; Fields says where
	EConflict        ErrorCode = "conflict"        // a concurrent change, or a state that no longer holds
	EForbidden       ErrorCode = "forbidden"       // the actor's role may not do this
	EUnauthenticated ErrorCode = "unauthenticated" // no valid session or token
	ETooMany         ErrorCode = "too_many"        // slowed down after repeated failures
)

// Error is the one error type of tdkt. Message is Vietnamese and safe to show to a
// user; Fields maps a field name (or "row 12, column C") to what is wrong with it.
type Error struct {
	Code    ErrorCode
	Message string
	Fields  map[string]string
}

func (e *Error) Error() string {
	if len(e.Fields) == 0 {
		return e.Message
	}
	keys := make([]string, 0, len(e.Fields))
	for k := range e.Fields {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	parts := make([]string, len(keys))
	for i, k := range keys {
		parts[i] = k + ": " + e.Fields[k]
	}
	return e.Message + " (" + strings.Join(parts, "; ") + ")"
}

// Errorf builds an Error with a formatted message.
func Errorf(code ErrorCode, format string, args ...any) *Error {
	return &Error{Code: code, Message: fmt.Sprintf(format, args...)}
}

// NotFound is the error for a record that does not exist or that the actor may not see.
func NotFound(what string) *Error {
	return &Error{Code: ENotFound, Message: "Không tìm thấy " + what + "."}
}

// Conflict is the error for a change that lost a race with another change.
func Conflict() *Error {
	return &Error{Code: EConflict, Message: "Bản ghi đã được người khác thay đổi trong lúc bạn sửa. Hãy tải lại trang để xem bản mới nhất rồi sửa lại."}
}

// Forbidden is the error for an action the actor's role does not allow.
func Forbidden() *Error {
	return &Error{Code: EForbidden, Message: "Tài khoản của bạn không có quyền thực hiện thao tác này."}
}

// CodeOf returns the code of err if it wraps an *Error, and "" otherwise.
func CodeOf(err error) ErrorCode {
	var e *Error
	if errors.As(err, &e) {
		return e.Code
	}
	return ""
}

// Problems collects field errors during validation.
type Problems map[string]string

// Add records a problem with a field, keeping the first message for each field.
func (p Problems) Add(field, msg string) {
	if _, ok := p[field]; !ok {
		p[field] = msg
	}
}

// Err returns nil when there are no problems, and an EInvalid Error otherwise.
func (p Problems) Err() error {
	if len(p) == 0 {
		return nil
	}
	return &Error{Code: EInvalid, Message: "Dữ liệu chưa hợp lệ, hãy sửa các ô được đánh dấu.", Fields: p}
}
