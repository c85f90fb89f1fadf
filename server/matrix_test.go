package server_test

import (
	"testing"

	"tdkt/sqldb"
	"tdkt/tdkttest"
)

func TestScopeAndRoleMatrix(t *testing.T) {
	tdkttest.EachDB(t, func(t *testing.T, db *sqldb.DB) {
		w := newWorld(t, db)
		_ = w
	})
}
