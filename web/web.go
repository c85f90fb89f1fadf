// Package web serves the HTML pages: the public portal at / and the staff
// application at /app/.
package web

import (
	"net/http"

	"tdkt/core"
)

// Register adds the portal and the staff application to mux.
func Register(mux *http.ServeMux, svc *core.Service) {}
