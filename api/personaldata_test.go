package api_test

import (
	"net/http"
	"net/url"
	"testing"

	"tdkt/sqldb"
	"tdkt/tdkttest"
)

// Over the API the citizen ID is masked unless asked for with a purpose; a person
// sent back without it keeps it.
func TestCitizenIDOverAPI(t *testing.T) {
	tdkttest.EachDB(t, func(t *testing.T, db *sqldb.DB) {
		f := tdkttest.NewFixture(t, db)
		clerk := as(t, f, "canbo.a")
		path := "/api/v1/people/" + itoa(f.PersonA.ID)
		p := clerk.want(http.StatusOK, "GET", path, nil).o("person")
		if _, has := p["cccd"]; has || p.s("cccd_masked") != "•••••••••345" {
			t.Fatalf("person without a purpose: %v", p)
		}
		clerk.want(http.StatusUnprocessableEntity, "GET", path+"?purpose=x", nil)
		if got := clerk.want(http.StatusOK, "GET", path+"?purpose="+url.QueryEscape("Đối chiếu hồ sơ đề nghị khen thưởng"), nil).o("person"); got.s("cccd") != "001185012345" {
			t.Fatalf("person with a purpose: %v", got)
		}
		delete(p, "cccd_masked")
		p["position"] = "Phó Chủ tịch UBND xã"
		clerk.want(http.StatusOK, "PUT", path, p)
		if got := clerk.want(http.StatusOK, "GET", path+"?purpose="+url.QueryEscape("Đối chiếu sau khi sửa"), nil).o("person"); got.s("cccd") != "001185012345" || got.s("position") != "Phó Chủ tịch UBND xã" {
			t.Fatalf("after a PUT without the citizen ID: %v", got)
		}
	})
}
