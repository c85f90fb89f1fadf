// Package api serves the JSON API under /api/v1 and its OpenAPI description.
//
// Every endpoint is one entry of a route table (routes, below): method, pattern,
// handler and the operation that documents it. Register mounts the table, and
// GET /api/v1/openapi.json is generated from the same table, so the description and
// the routes cannot drift apart.
package api

import (
	"net/http"
	"slices"
	"strings"

	"tdkt"
	"tdkt/core"
)

// handler answers one route: it returns the value to send as JSON (nil for no body)
// with the route's success status, or an error that writeError maps to a status.
// actor is never nil unless the route is public.
type handler func(r *http.Request, actor *tdkt.Account) (any, error)

// route is one line of the table: what the mux matches, what answers, and how the
// OpenAPI document describes it.
type route struct {
	Method string // GET, POST, PUT, DELETE
	Path   string // a Go 1.22 ServeMux path, "/api/v1/people/{id}"; also the OpenAPI path
	Handle handler
	Op     operation
	// Raw, when set, answers instead of Handle: for an endpoint that must write its
	// own response (a stream, a file). It still gets the sign-in check unless public.
	Raw http.HandlerFunc
}

// pattern is the ServeMux pattern of the route.
func (rt route) pattern() string { return rt.Method + " " + rt.Path }

// handlers holds what the endpoints need; its methods are the handlers.
type handlers struct {
	svc *core.Service
	doc []byte // the OpenAPI document, built once by Register
}

// prefix is where the API lives; the contract fixes it.
const prefix = "/api/v1"

// routes is the table of the API, grouped as the OpenAPI tags group it.
func (h *handlers) routes() []route {
	return slices.Concat(
		[]route{
			{Method: "GET", Path: prefix + "/openapi.json", Handle: h.openAPI, Op: operation{ID: "getOpenAPI", Tag: tagMeta,
				Summary: "Mô tả OpenAPI của toàn bộ API (tài liệu này)", Public: true, Resp: "object"}},
			{Method: "GET", Path: prefix + "/me", Handle: h.me, Op: operation{ID: "getMe", Tag: tagMeta,
				Summary: "Tài khoản đang gọi API", Resp: "Account"}},
			{Method: "GET", Path: prefix + "/awards", Handle: h.awards, Op: operation{ID: "listAwards", Tag: tagMeta,
				Summary: "Danh mục danh hiệu thi đua và hình thức khen thưởng", Resp: "AwardList"}},
			h.checkRoute(),
		},
		h.orgRoutes(),
		h.peopleRoutes(),
		h.recordRoutes(),
		h.unitRoutes(),
		h.rulesConfigRoutes(),
		h.dossierRoutes(),
		h.awardItemRoutes(),
		h.councilRoutes(),
		h.clusterRoutes(),
		h.congressRoutes(),
		h.newsRoutes(),
		h.movementRoutes(),
		h.publicRoutes(),
		h.honourRollRoutes(),
		h.jobRoutes(),
		h.statisticsRoutes(),
		h.accountRoutes(),
		h.backupRoutes(),
		h.exchangeRoutes(),
		h.fileRoutes(),
		h.signatureRoutes(),
	)
}

// Register adds the API to mux: every route of the table behind the sign-in check,
// the OpenAPI document built from the same table, and a JSON 404/405 for any other
// path under /api/v1/ so that clients never get an HTML or plain-text error.
func Register(mux *http.ServeMux, svc *core.Service) {
	RegisterWith(mux, svc, Options{})
}

// Options are the API's settings beyond the use cases.
type Options struct {
	// PublicURL is the site's address as clients reach it; the OpenAPI document names
	// it as its server. Without it the document names none, and clients resolve the
	// paths against the address they fetched it from.
	PublicURL string
}

// RegisterWith is Register with its options set.
func RegisterWith(mux *http.ServeMux, svc *core.Service, opt Options) {
	h := &handlers{svc: svc}
	table := h.routes()
	doc := document(table)
	if opt.PublicURL != "" {
		doc["servers"] = []any{map[string]any{"url": strings.TrimRight(opt.PublicURL, "/")}}
	}
	h.doc = mustJSON(doc)
	known := http.NewServeMux()
	for _, rt := range table {
		mux.Handle(rt.pattern(), h.mount(rt))
		known.Handle(rt.pattern(), http.NotFoundHandler())
	}
	mux.Handle(prefix+"/", noRoute(known, table))
}

// mount wraps a route's handler: refuse anonymous callers of a non-public route, run
// the handler, write its value with the status the table documents.
func (h *handlers) mount(rt route) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		actor := core.Actor(r.Context())
		if actor == nil && !rt.Op.Public {
			writeError(w, r, errSignIn)
			return
		}
		if rt.Raw != nil {
			rt.Raw(w, r)
			return
		}
		v, err := rt.Handle(r, actor)
		if err != nil {
			writeError(w, r, err)
			return
		}
		writeJSON(w, rt.Op.status(), v)
	})
}

var errSignIn = &tdkt.Error{Code: tdkt.EUnauthenticated,
	Message: "Chưa đăng nhập: hãy gửi cookie phiên hoặc tiêu đề Authorization: Bearer <token>."}

// noRoute answers a path under /api/v1/ that no route matched: 405 with Allow when
// the path exists for other methods, 404 otherwise. known holds the table's patterns.
func noRoute(known *http.ServeMux, table []route) http.Handler {
	var methods []string
	for _, rt := range table {
		if !slices.Contains(methods, rt.Method) {
			methods = append(methods, rt.Method)
		}
	}
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		var allow []string
		for _, m := range methods {
			probe := r.WithContext(r.Context())
			probe.Method = m
			if _, p := known.Handler(probe); p != "" {
				allow = append(allow, m)
			}
		}
		if len(allow) > 0 {
			w.Header().Set("Allow", strings.Join(allow, ", "))
			writeError(w, r, &tdkt.Error{Code: eMethod,
				Message: "Đường dẫn " + r.URL.Path + " không nhận phương thức " + r.Method + "; chỉ nhận " + strings.Join(allow, ", ") + "."})
			return
		}
		writeError(w, r, &tdkt.Error{Code: tdkt.ENotFound, Message: noRouteMessage + r.Method + " " + r.URL.Path + "."})
	})
}

// noRouteMessage starts the message of a 404 for a path the API does not have, so
// that it reads differently from a record that does not exist.
const noRouteMessage = "API không có đường dẫn "
