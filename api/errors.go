package api

import (
	"errors"
	"log/slog"
	"maps"
	"net/http"

	"tdkt"
)

// Codes the API adds to tdkt's: they describe the request itself, not the records.
const (
	eBadRequest tdkt.ErrorCode = "bad_request"        // a body that is not the JSON the endpoint reads
	eMethod     tdkt.ErrorCode = "method_not_allowed" // a known path asked with another method
	eInternal   tdkt.ErrorCode = "internal"           // anything else: a fault of ours, details logged only
)

// statusOf is the one place where an error code becomes an HTTP status. Invalid input
// is 422 (the JSON was read, the values break a rule; fields says which), while 400
// is kept for a body that could not be read as the expected JSON at all.
func statusOf(code tdkt.ErrorCode) int {
	switch code {
	case eBadRequest:
		return http.StatusBadRequest
	case tdkt.EUnauthenticated:
		return http.StatusUnauthorized
	case tdkt.EForbidden:
		return http.StatusForbidden
	case tdkt.ENotFound:
		return http.StatusNotFound
	case eMethod:
		return http.StatusMethodNotAllowed
	case tdkt.EConflict:
		return http.StatusConflict
	case tdkt.EInvalid:
		return http.StatusUnprocessableEntity
	case tdkt.ETooMany:
		return http.StatusTooManyRequests
	}
	return http.StatusInternalServerError
}

// errorJSON is the body of every error answer: {error: {code, message, fields}}.
type errorJSON struct {
	Error errorDetail `json:"error" api:"req"`
}

// errorDetail says what went wrong, in Vietnamese, and for invalid input which
// fields (JSON names, "decision.number" for nested ones) are wrong.
type errorDetail struct {
	Code    string            `json:"code" api:"req,enum=error_code" doc:"Mã lỗi, ổn định để chương trình xử lý"`
	Message string            `json:"message" api:"req" doc:"Thông báo tiếng Việt, hiển thị được cho người dùng"`
	Fields  map[string]string `json:"fields" api:"req" doc:"Trường sai và lý do; rỗng khi lỗi không gắn với trường nào"`
}

// writeError answers with the JSON error for err. An error that is not a tdkt.Error
// is a fault of ours: it is logged, and the caller sees a generic message only.
func writeError(w http.ResponseWriter, r *http.Request, err error) {
	var te *tdkt.Error
	if !errors.As(err, &te) {
		slog.Default().ErrorContext(r.Context(), "api", "method", r.Method, "path", r.URL.Path, "err", err)
		te = &tdkt.Error{Code: eInternal, Message: "Máy chủ gặp lỗi khi xử lý yêu cầu. Hãy thử lại sau; nếu vẫn lỗi, báo cho quản trị hệ thống."}
	}
	status := statusOf(te.Code)
	if status == http.StatusUnauthorized {
		w.Header().Set("WWW-Authenticate", `Bearer realm="tdkt"`)
	}
	body := errorJSON{Error: errorDetail{Code: string(te.Code), Message: te.Message, Fields: map[string]string{}}}
	maps.Copy(body.Error.Fields, te.Fields)
	writeJSON(w, status, body)
}

// renameFields returns err with its field names replaced by those in names (the
// domain names a field "decision_no"; the JSON calls it "decision.number"), so that
// a client finds the fields where it sent them.
func renameFields(err error, names map[string]string) error {
	var te *tdkt.Error
	if !errors.As(err, &te) || len(te.Fields) == 0 {
		return err
	}
	out := &tdkt.Error{Code: te.Code, Message: te.Message, Fields: map[string]string{}}
	for k, v := range te.Fields {
		if n, ok := names[k]; ok {
			k = n
		}
		out.Fields[k] = v
	}
	return out
}

// invalid is an EInvalid error about one field of the request.
func invalid(field, msg string) error {
	return &tdkt.Error{Code: tdkt.EInvalid, Message: "Dữ liệu chưa hợp lệ.", Fields: map[string]string{field: msg}}
}
