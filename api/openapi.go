package api

import (
	"encoding/json"
	"net/http"
	"regexp"
	"slices"
	"strings"

	"tdkt"
)

// operation is how the OpenAPI document describes a route.
type operation struct {
	ID      string // operationId, unique
	Tag     string
	Summary string // Vietnamese
	Public  bool   // answers without an account
	Admin   bool   // administrators only, even to read
	Query   []param
	Body    string // component schema of the request body; "" for none
	Status  int    // success status; 0 means 200
	Resp    string // component schema of the answer; "" for none, "object" for any JSON object
	// Conflict: a POST that can lose a race or find the record in another state (409).
	Conflict bool
	// Limited: rate limited per address (429).
	Limited bool
}

// param is a query parameter.
type param struct {
	Name, Type, Doc string // Type is an OpenAPI type: string, integer
}

func (o operation) status() int {
	if o.Status == 0 {
		return http.StatusOK
	}
	return o.Status
}

// The tags group operations in the document, as the staff application groups screens.
const (
	tagMeta   = "Chung"
	tagOrgs   = "Đơn vị"
	tagPeople = "Cá nhân"
	tagRecord = "Hồ sơ hằng năm"
	tagUnits  = "Tập thể và hộ gia đình"
	tagRules  = "Quy tắc và lịch nghỉ"
)

// openAPI answers the document Register built from the table.
func (h *handlers) openAPI(*http.Request, *tdkt.Account) (any, error) {
	return json.RawMessage(h.doc), nil
}

var pathParam = regexp.MustCompile(`\{([a-z_]+)\}`)

// document builds the OpenAPI 3.0.3 description of the routes.
func document(table []route) map[string]any {
	paths := map[string]map[string]any{}
	for _, rt := range table {
		if paths[rt.Path] == nil {
			paths[rt.Path] = map[string]any{}
		}
		paths[rt.Path][strings.ToLower(rt.Method)] = describe(rt)
	}
	return map[string]any{
		"openapi": "3.0.3",
		"info": map[string]any{
			"title":   "tdkt — API thi đua, khen thưởng",
			"version": "1.0.0",
			"description": "API JSON của tdkt. Mọi điểm cuối cần đăng nhập (cookie phiên hoặc Authorization: Bearer <token>) " +
				"trừ những điểm cuối ghi security rỗng. Văn bản UTF-8, được chuẩn hóa NFC; ngày theo dạng YYYY-MM-DD. " +
				"Sửa và xóa cần version đã đọc: bản ghi đã bị người khác sửa thì trả 409. " +
				"Lỗi luôn có dạng {error: {code, message, fields}}: 400 khi không đọc được JSON (kể cả trường lạ), " +
				"422 khi dữ liệu sai quy tắc (fields nêu từng trường), 401 chưa đăng nhập, 403 vai trò không được phép, " +
				"404 không có hoặc nằm ngoài phạm vi đơn vị của tài khoản, 409 xung đột phiên bản, 500 lỗi máy chủ.",
		},
		"paths": paths,
		"components": map[string]any{
			"schemas":   schemas(),
			"responses": errorResponses(),
			"securitySchemes": map[string]any{
				"bearer":  map[string]any{"type": "http", "scheme": "bearer", "description": "Token tạo bằng `tdkt token create --login L`"},
				"session": map[string]any{"type": "apiKey", "in": "cookie", "name": "tdkt_session", "description": "Cookie phiên của ứng dụng /app/"},
			},
		},
		"security": []any{map[string]any{"bearer": []string{}}, map[string]any{"session": []string{}}},
		"tags":     tags(table),
	}
}

func tags(table []route) []any {
	var seen []string
	var out []any
	for _, rt := range table {
		if !slices.Contains(seen, rt.Op.Tag) {
			seen = append(seen, rt.Op.Tag)
			out = append(out, map[string]any{"name": rt.Op.Tag})
		}
	}
	return out
}

// describe is the OpenAPI operation object of a route.
func describe(rt route) map[string]any {
	op := rt.Op
	o := map[string]any{"operationId": op.ID, "summary": op.Summary, "tags": []string{op.Tag}}
	var params []any
	for _, m := range pathParam.FindAllStringSubmatch(rt.Path, -1) {
		schema := map[string]any{"type": "integer", "format": "int64", "minimum": 1}
		if m[1] == "key" || m[1] == "token" { // a code, not a record id
			schema = map[string]any{"type": "string"}
		}
		params = append(params, map[string]any{"name": m[1], "in": "path", "required": true, "schema": schema})
	}
	for _, q := range op.Query {
		params = append(params, map[string]any{"name": q.Name, "in": "query", "required": q.Name == "version",
			"description": q.Doc, "schema": map[string]any{"type": q.Type}})
	}
	if params != nil {
		o["parameters"] = params
	}
	if op.Body != "" {
		o["requestBody"] = map[string]any{"required": true, "content": jsonContent(ref(op.Body))}
	}
	ok := map[string]any{"description": http.StatusText(op.status())}
	switch op.Resp {
	case "":
	case "object":
		ok["content"] = jsonContent(map[string]any{"type": "object"})
	default:
		ok["content"] = jsonContent(ref(op.Resp))
	}
	responses := map[string]any{itoa(op.status()): ok}
	for _, c := range errorsOf(rt) {
		responses[itoa(statusOf(c))] = map[string]any{"$ref": "#/components/responses/" + string(c)}
	}
	o["responses"] = responses
	if op.Public {
		o["security"] = []any{}
	}
	return o
}

// errorsOf lists the errors a route can answer, from what it takes: a body can be
// unreadable or invalid, an id can be missing or out of scope, a change can be
// forbidden or lose a race.
func errorsOf(rt route) []tdkt.ErrorCode {
	codes := []tdkt.ErrorCode{eInternal}
	change := rt.Method != http.MethodGet
	if !rt.Op.Public {
		codes = append(codes, tdkt.EUnauthenticated)
	}
	if change && !rt.Op.Public || rt.Op.Admin {
		codes = append(codes, tdkt.EForbidden)
	}
	if rt.Op.Body != "" {
		codes = append(codes, eBadRequest, tdkt.EInvalid)
	}
	if rt.Op.Query != nil && !slices.Contains(codes, tdkt.EInvalid) {
		codes = append(codes, tdkt.EInvalid)
	}
	if strings.Contains(rt.Path, "{") || slices.ContainsFunc(rt.Op.Query, func(p param) bool { return p.Name == "org" }) {
		codes = append(codes, tdkt.ENotFound)
	}
	if rt.Method == http.MethodPut || rt.Method == http.MethodDelete || rt.Op.Conflict {
		codes = append(codes, tdkt.EConflict)
	}
	if rt.Op.Limited {
		codes = append(codes, tdkt.ETooMany)
	}
	return codes
}

// errorResponses are the shared error answers, keyed by error code.
func errorResponses() map[string]any {
	out := map[string]any{}
	for c, d := range map[tdkt.ErrorCode]string{
		eBadRequest:           "Không đọc được nội dung JSON (sai cú pháp, sai kiểu, trường lạ)",
		tdkt.EUnauthenticated: "Chưa đăng nhập hoặc token không hợp lệ",
		tdkt.EForbidden:       "Vai trò của tài khoản không được làm việc này",
		tdkt.ENotFound:        "Không có, hoặc nằm ngoài phạm vi đơn vị của tài khoản",
		tdkt.EConflict:        "Bản ghi đã được người khác thay đổi (version cũ)",
		tdkt.EInvalid:         "Dữ liệu sai quy tắc; fields nêu từng trường",
		tdkt.ETooMany:         "Gửi quá nhiều yêu cầu từ một địa chỉ; hãy thử lại sau",
		eInternal:             "Lỗi máy chủ",
	} {
		out[string(c)] = map[string]any{"description": d, "content": jsonContent(ref("Error"))}
	}
	return out
}

func jsonContent(schema any) map[string]any {
	return map[string]any{"application/json": map[string]any{"schema": schema}}
}

func ref(name string) map[string]any { return map[string]any{"$ref": "#/components/schemas/" + name} }

func itoa(n int) string {
	b, _ := json.Marshal(n)
	return string(b)
}
