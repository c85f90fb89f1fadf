package server

import (
	"net/http"
	"net/http/pprof"

	"tdkt/core"
)

// profiling serves Go's runtime profiles (net/http/pprof) under /app/debug/pprof/ to
// the installation's administrators only; to anyone else, signed in or not, the
// address does not exist (404), like a record one may not see. Profiles show the
// program's inside (goroutine stacks, allocation sites), not records, but they are an
// operator's tool and a CPU profile costs a little while it runs. The command line
// is not served at all: it holds the --db URL with its password.
func profiling() http.Handler {
	mux := http.NewServeMux()
	// pprof's Index finds a profile's name after "/debug/pprof/", so the /app prefix
	// is taken off first; the index's links are relative and keep working.
	mux.HandleFunc("GET /debug/pprof/", pprof.Index)
	mux.HandleFunc("GET /debug/pprof/cmdline", http.NotFound)
	mux.HandleFunc("GET /debug/pprof/profile", pprof.Profile)
	mux.HandleFunc("GET /debug/pprof/symbol", pprof.Symbol)
	mux.HandleFunc("GET /debug/pprof/trace", pprof.Trace)
	inner := http.StripPrefix("/app", mux)
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if a := core.Actor(r.Context()); !a.CanManageInstallation() {
			http.NotFound(w, r)
			return
		}
		w.Header().Set("Cache-Control", "no-store")
		inner.ServeHTTP(w, r)
	})
}
