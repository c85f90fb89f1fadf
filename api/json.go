package api

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"mime"
	"net/http"
	"strconv"
	"strings"

	"tdkt"
	"tdkt/sqldb"
	"tdkt/vn"
)

// maxBody bounds a request body: the largest record is a few kilobytes.
const maxBody = 1 << 20

// decode reads the request body into v: exactly one JSON value, no unknown fields
// (a misspelt field would otherwise be dropped without a word). Anything else is a
// 400 whose message names the problem.
func decode(r *http.Request, v any) error {
	if ct := r.Header.Get("Content-Type"); ct != "" {
		mt, _, _ := mime.ParseMediaType(ct)
		if mt != "application/json" && !strings.HasSuffix(mt, "+json") {
			return badRequest("Nội dung phải là JSON (Content-Type: application/json), không phải " + ct + ".")
		}
	}
	body, err := io.ReadAll(http.MaxBytesReader(nil, r.Body, maxBody)) // nil: no ResponseWriter to mark; the limit still holds
	if err != nil {
		return decodeError(err)
	}
	dec := json.NewDecoder(bytes.NewReader(body))
	dec.DisallowUnknownFields()
	if err := dec.Decode(v); err != nil {
		return decodeError(err)
	}
	if _, err := dec.Token(); err != io.EOF {
		return badRequest("Sau đối tượng JSON còn dữ liệu thừa; hãy gửi đúng một đối tượng.")
	}
	return refuseHidden(body)
}

// refuseHidden answers 400, naming the field, when a string of the body holds a
// control or invisible formatting character (tdkt.HiddenRune): "\u0000" is valid
// JSON but an error in PostgreSQL, and a bidirectional override makes a name read as
// another. Line breaks and tabs are allowed in strings.
func refuseHidden(body []byte) error {
	if !bytes.Contains(body, []byte(`\u`)) && !hasHighBytes(body) {
		return nil // the usual body: plain ASCII without escapes cannot hold one
	}
	var doc any
	if err := json.Unmarshal(body, &doc); err != nil {
		return nil // already decoded once; nothing more to say
	}
	if field, rn, bad := hiddenValue("", doc); bad {
		e := badRequest("Trường " + field + ": " + tdkt.HiddenMessage(rn))
		e.Fields = map[string]string{field: tdkt.HiddenMessage(rn)}
		return e
	}
	return nil
}

// hasHighBytes reports a byte beyond printable ASCII: DEL, or a part of a UTF-8 character.
func hasHighBytes(b []byte) bool {
	for _, c := range b {
		if c >= 0x7f {
			return true
		}
	}
	return false
}

// hiddenValue walks a decoded JSON value; field is its path ("candidates[2].name").
func hiddenValue(field string, v any) (string, rune, bool) {
	switch x := v.(type) {
	case string:
		if rn, bad := tdkt.HiddenRune(x, true); bad {
			return field, rn, true
		}
	case []any:
		for i, e := range x {
			if f, rn, bad := hiddenValue(fmt.Sprintf("%s[%d]", field, i), e); bad {
				return f, rn, true
			}
		}
	case map[string]any:
		for k, e := range x {
			name := k
			if field != "" {
				name = field + "." + k
			}
			if rn, bad := tdkt.HiddenRune(k, false); bad {
				return name, rn, true
			}
			if f, rn, bad := hiddenValue(name, e); bad {
				return f, rn, true
			}
		}
	}
	return "", 0, false
}

// decodeError turns what encoding/json reports into a Vietnamese 400.
func decodeError(err error) error {
	var syntax *json.SyntaxError
	var typ *json.UnmarshalTypeError
	var tooBig *http.MaxBytesError
	switch {
	case errors.Is(err, io.EOF):
		return badRequest("Thiếu nội dung JSON.")
	case errors.Is(err, io.ErrUnexpectedEOF):
		return badRequest("Nội dung JSON bị cắt cụt, chưa đóng hết ngoặc.")
	case errors.As(err, &syntax):
		return badRequest(fmt.Sprintf("Nội dung JSON sai cú pháp ở byte thứ %d.", syntax.Offset))
	case errors.As(err, &typ):
		field := typ.Field
		if field == "" {
			return badRequest("Nội dung phải là một đối tượng JSON {…}.")
		}
		e := badRequest(fmt.Sprintf("Trường %s có kiểu sai: cần %s, nhận được %s.", field, jsonKind(typ.Type.Kind().String()), typ.Value))
		e.Fields = map[string]string{field: "Cần " + jsonKind(typ.Type.Kind().String()) + "."}
		return e
	case errors.As(err, &tooBig):
		return badRequest(fmt.Sprintf("Nội dung quá lớn (tối đa %d byte).", maxBody))
	case strings.HasPrefix(err.Error(), "json: unknown field "):
		field := strings.Trim(strings.TrimPrefix(err.Error(), "json: unknown field "), `"`)
		e := badRequest("Trường " + field + " không có trong dữ liệu này.")
		e.Fields = map[string]string{field: "Trường không được hỗ trợ."}
		return e
	}
	return badRequest("Không đọc được nội dung JSON: " + err.Error() + ".")
}

// jsonKind names a Go kind as the JSON type a client should send.
func jsonKind(kind string) string {
	switch {
	case strings.HasPrefix(kind, "int"), strings.HasPrefix(kind, "uint"):
		return "số nguyên"
	case strings.HasPrefix(kind, "float"):
		return "số"
	case kind == "bool":
		return "true hoặc false"
	case kind == "string":
		return "chuỗi"
	case kind == "slice":
		return "mảng"
	}
	return "đối tượng"
}

func badRequest(msg string) *tdkt.Error { return &tdkt.Error{Code: eBadRequest, Message: msg} }

// writeJSON answers with v as JSON, or with no body when v is nil. Answers hold
// records of people, so no cache may keep them.
func writeJSON(w http.ResponseWriter, status int, v any) {
	h := w.Header()
	h.Set("Cache-Control", "no-store")
	if v == nil {
		w.WriteHeader(status)
		return
	}
	b, err := json.Marshal(v)
	if err != nil {
		status, b = http.StatusInternalServerError, []byte(`{"error":{"code":"internal","message":"Máy chủ gặp lỗi khi tạo câu trả lời.","fields":{}}}`)
	}
	h.Set("Content-Type", "application/json; charset=utf-8")
	w.WriteHeader(status)
	w.Write(append(b, '\n'))
}

// mustJSON marshals a value built by the program itself; failing is a bug.
func mustJSON(v any) []byte {
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetIndent("", " ")
	if err := enc.Encode(v); err != nil {
		panic("api: " + err.Error())
	}
	return buf.Bytes()
}

// pathID reads the {id} of the path; an id that cannot exist is a 404 like a
// missing record, named by what.
func pathID(r *http.Request, what string) (int64, error) {
	id, err := strconv.ParseInt(r.PathValue("id"), 10, 64)
	if err != nil || id <= 0 {
		return 0, tdkt.NotFound(what)
	}
	return id, nil
}

// queryInt reads an optional non-negative integer query parameter.
func queryInt(r *http.Request, name string, def int) (int, error) {
	s := r.URL.Query().Get(name)
	if s == "" {
		return def, nil
	}
	n, err := strconv.Atoi(s)
	if err != nil || n < 0 || n > sqldb.MaxOffset {
		return 0, invalid(name, "Cần một số nguyên từ 0 đến "+vn.Number(sqldb.MaxOffset)+".")
	}
	return n, nil
}

// queryVersion reads the required ?version=N of a DELETE: the version the client
// read, so that a record changed meanwhile is not removed unseen.
func queryVersion(r *http.Request) (int, error) {
	v, err := queryInt(r, "version", 0)
	if err == nil && v == 0 {
		err = invalid("version", "Cần phiên bản (version) của bản ghi đã đọc.")
	}
	return v, err
}

// needVersion refuses an update without the version the client read.
func needVersion(v int) error {
	if v <= 0 {
		return invalid("version", "Cần phiên bản (version) của bản ghi đã đọc.")
	}
	return nil
}
