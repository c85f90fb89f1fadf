// Package api serves the JSON API under /api/v1 and its OpenAPI description.
package api

import (
	"net/http"

	"tdkt/core"
)

// Register adds the API to mux.
func Register(mux *http.ServeMux, svc *core.Service) {}
