package server

import (
	"encoding/json"
	"html"
	"mime"
	"net/http"
	"net/url"
	"strings"

	"tdkt"
)

// refuseHidden answers 400 to a request whose address, query or form fields carry a
// control character or an invisible formatting character (tdkt.HiddenRune): a NUL
// reaches PostgreSQL as an error, a bidirectional override makes a name read as
// another. The check is at the edge, once, so that no handler sees such text; a form
// field may hold line breaks and tabs. JSON bodies are checked where the API decodes
// them, field by field.
func refuseHidden(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.URL.Path != "" {
			if rn, bad := tdkt.HiddenRune(r.URL.Path, false); bad {
				badInput(w, r, "đường dẫn", rn)
				return
			}
		}
		if name, rn, bad := hiddenIn(r.URL.Query(), false); bad {
			badInput(w, r, name, rn)
			return
		}
		if r.Method == http.MethodPost || r.Method == http.MethodPut {
			if ct, _, _ := mime.ParseMediaType(r.Header.Get("Content-Type")); ct == "application/x-www-form-urlencoded" {
				if err := r.ParseForm(); err == nil {
					if name, rn, bad := hiddenIn(r.PostForm, true); bad {
						badInput(w, r, name, rn)
						return
					}
				}
			}
		}
		next.ServeHTTP(w, r)
	})
}

func hiddenIn(vals url.Values, multiline bool) (string, rune, bool) {
	for k, vs := range vals {
		if rn, bad := tdkt.HiddenRune(k, false); bad {
			return "tên tham số", rn, true
		}
		for _, v := range vs {
			if rn, bad := tdkt.HiddenRune(v, multiline); bad {
				return k, rn, true
			}
		}
	}
	return "", 0, false
}

// badInput answers 400 in the form of the part of the site the request was for.
func badInput(w http.ResponseWriter, r *http.Request, field string, rn rune) {
	refuse(w, r, http.StatusBadRequest, "bad_request", "Dữ liệu không hợp lệ",
		"Dữ liệu gửi lên không hợp lệ ở «"+field+"»: "+tdkt.HiddenMessage(rn), map[string]string{field: tdkt.HiddenMessage(rn)})
}

// refuse answers a request the edge turns away before any handler sees it: the API's
// JSON error for /api/, a short Vietnamese page otherwise.
func refuse(w http.ResponseWriter, r *http.Request, status int, code, title, msg string, fields map[string]string) {
	if strings.HasPrefix(r.URL.Path, "/api/") {
		if fields == nil {
			fields = map[string]string{}
		}
		body, _ := json.Marshal(map[string]any{"error": map[string]any{"code": code, "message": msg, "fields": fields}})
		w.Header().Set("Content-Type", "application/json; charset=utf-8")
		w.WriteHeader(status)
		w.Write(body)
		return
	}
	w.Header().Set("Content-Type", "text/html; charset=utf-8")
	w.WriteHeader(status)
	w.Write([]byte(`<!doctype html><html lang="vi"><meta charset="utf-8"><title>` + title + `</title><p>` + html.EscapeString(msg) + `</p></html>`))
}
