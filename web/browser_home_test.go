package web_test

import (
	"context"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"tdkt"
	"tdkt/core"
	"tdkt/tdkttest"
)

// TestBrowserHomeByRole opens each role's home page in Chromium at a phone's width and
// a desktop's: the "việc cần làm" block is inside the first screen, the page is at most
// three screens tall on a desktop, the menu folds behind its button on a phone and
// offers only what the role may do, and axe finds no serious fault.
func TestBrowserHomeByRole(t *testing.T) {
	bctx := tdkttest.Browser(t)
	f := tdkttest.NewFixture(t, tdkttest.SQLite(t))
	ctx := context.Background()
	for _, a := range []struct {
		login string
		role  tdkt.Role
		org   string
	}{{"lanhdao.t", tdkt.RoleLeader, "T01"}, {"hoidong.t", tdkt.RoleCouncil, "T01"}} {
		if _, err := f.Svc.CreateAccount(ctx, nil, core.NewAccount{Login: a.login, Name: "Đồng chí " + a.login, Password: tdkttest.Password, Role: a.role, OrgCode: a.org}); err != nil {
			t.Fatal(err)
		}
	}
	roles := []struct {
		login   string
		imports bool // whether the menu offers "Nhập từ Excel"
	}{{"canbo.a", true}, {"quantri", true}, {"lanhdao.t", false}, {"hoidong.t", false}, {"xem.a", false}}
	for _, vp := range tdkttest.Viewports {
		t.Run(vp.Name, func(t *testing.T) {
			for _, r := range roles {
				b := tdkttest.NewTab(t, bctx, vp, "home-"+r.login+"-")
				b.Step("log in as "+r.login, b.Emulate(), f.LogIn(t, r.login), chromedp.WaitVisible(chromedp.CSS("#todo")))
				c, cancel := context.WithTimeout(b.Context(), 10*time.Second)
				m, err := chromedp.Run(c, chromedp.Evaluate[map[string]float64](`(() => {
					const todo = document.getElementById('todo').getBoundingClientRect();
					const menu = document.getElementById('menu');
					const imports = [...document.querySelectorAll('nav a')].some(a => a.getAttribute('href') === '/app/imports');
					return {todoTop: todo.top, todoHeight: todo.height, screen: window.innerHeight,
						page: document.documentElement.scrollHeight, menuOpen: menu && menu.open ? 1 : 0, imports: imports ? 1 : 0};
				})()`))
				cancel()
				if err != nil {
					t.Fatal(err)
				}
				if m["todoTop"] >= m["screen"] || m["todoHeight"] <= 0 {
					t.Errorf("%s: the work block starts at %.0f px of a %.0f px screen", r.login, m["todoTop"], m["screen"])
				}
				if vp.Width >= 1000 && m["page"] > 3*m["screen"] {
					t.Errorf("%s: the home page is %.0f px, more than three screens of %.0f px", r.login, m["page"], m["screen"])
				}
				if phone := vp.Width < 700; phone == (m["menuOpen"] == 1) {
					t.Errorf("%s: the menu is open=%v at %d px", r.login, m["menuOpen"] == 1, vp.Width)
				}
				if (m["imports"] == 1) != r.imports {
					t.Errorf("%s: the menu offers the import: %v", r.login, m["imports"] == 1)
				}
				b.Shot("home")
				b.NoOverflow("home of " + r.login)
				for _, v := range tdkttest.Axe(t, b.Context(), f.Server.URL+"/app/") {
					t.Errorf("%s: %s", r.login, v)
				}
			}
		})
	}
}

// TestBrowserDateCalendar: a date field takes dd/mm/yyyy and has a calendar beside it
// whose choice fills the field in the same form.
func TestBrowserDateCalendar(t *testing.T) {
	bctx := tdkttest.Browser(t)
	f := tdkttest.NewFixture(t, tdkttest.SQLite(t))
	for _, vp := range tdkttest.Viewports {
		t.Run(vp.Name, func(t *testing.T) {
			b := tdkttest.NewTab(t, bctx, vp, "date-")
			b.Step("open the person form", b.Emulate(), f.LogIn(t, "canbo.a"), chromedp.Navigate(f.Server.URL+"/app/people/new"),
				chromedp.WaitVisible(chromedp.CSS("#f-birth_date + input.date-picker")))
			c, cancel := context.WithTimeout(b.Context(), 10*time.Second)
			got, err := chromedp.Run(c, chromedp.Evaluate[string](`(() => {
				const p = document.querySelector('#f-birth_date + input.date-picker');
				p.value = '1985-04-02';
				p.dispatchEvent(new Event('change'));
				return document.getElementById('f-birth_date').value + '|' + p.getAttribute('aria-label') + '|' + (p.name || '');
			})()`))
			cancel()
			if err != nil || got != "02/04/1985|Chọn trên lịch: Ngày sinh|" {
				t.Errorf("the calendar gave %q (%v)", got, err)
			}
			for _, v := range tdkttest.Axe(t, b.Context(), f.Server.URL+"/app/people/new") {
				t.Errorf("%s", v)
			}
		})
	}
}

// TestBrowserDashboardFolds: on a phone the dashboard shows its index and the first
// section open, the others folded; on a desktop every section is open.
func TestBrowserDashboardFolds(t *testing.T) {
	bctx := tdkttest.Browser(t)
	f := tdkttest.NewFixture(t, tdkttest.SQLite(t))
	for _, vp := range tdkttest.Viewports {
		t.Run(vp.Name, func(t *testing.T) {
			b := tdkttest.NewTab(t, bctx, vp, "dash-fold-")
			b.Step("open the dashboard", b.Emulate(), f.LogIn(t, "canbo.a"), chromedp.Navigate(f.Server.URL+"/app/dashboard"),
				chromedp.WaitVisible(chromedp.CSS(".dash-toc")))
			c, cancel := context.WithTimeout(b.Context(), 10*time.Second)
			n, err := chromedp.Run(c, chromedp.Evaluate[[]int](`[document.querySelectorAll('details.dash-fold').length, document.querySelectorAll('details.dash-fold[open]').length]`))
			cancel()
			if err != nil || len(n) != 2 || n[0] < 3 {
				t.Fatalf("sections: %v (%v)", n, err)
			}
			if phone := vp.Width < 700; phone && n[1] != 1 || !phone && n[1] != n[0] {
				t.Errorf("%d of %d sections open at %d px", n[1], n[0], vp.Width)
			}
		})
	}
}
