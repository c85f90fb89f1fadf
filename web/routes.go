package web

import (
	"net/http"
	"strings"

	"tdkt/core"
	"tdkt/sqldb"
)

// Route is one page, form or file the web package serves: its method ("" for any)
// and its ServeMux pattern without the method, "/app/people/{id}".
type Route struct {
	Method, Pattern string
}

// Routes lists every route Register adds, in the order it adds them, so that a test
// can sweep them all (server's scope matrix) without a hand-kept list that a new page
// would escape.
func Routes() []Route {
	rec := &routeRecorder{}
	// Registering reads nothing from the database: the handlers only keep svc.
	register(rec, &core.Service{DB: new(sqldb.DB)}, Options{})
	return rec.routes
}

// router is what register needs of a ServeMux.
type router interface {
	Handle(pattern string, h http.Handler)
	HandleFunc(pattern string, fn func(http.ResponseWriter, *http.Request))
}

// routeRecorder is a router that keeps the patterns instead of serving them.
type routeRecorder struct{ routes []Route }

func (r *routeRecorder) Handle(pattern string, _ http.Handler) {
	method, path, ok := strings.Cut(pattern, " ")
	if !ok {
		method, path = "", pattern
	}
	r.routes = append(r.routes, Route{Method: method, Pattern: path})
}

func (r *routeRecorder) HandleFunc(pattern string, _ func(http.ResponseWriter, *http.Request)) {
	r.Handle(pattern, nil)
}
