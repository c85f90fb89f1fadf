package web

import "tdkt"

// The staff application's navigation: a few sections, each opening its own pages,
// and only what the account's role may do. The section of the page shown is marked
// and its pages make a second row; on a phone the whole menu folds behind a button.

// navItem is one page of a section.
type navItem struct {
	Label, Href string
	Key         string // the Page.Nav of the page
	Count       int    // a number to show beside it (what waits), 0 for none
}

// navSection is one entry of the top row.
type navSection struct {
	Label, Href string
	Items       []navItem
	Current     bool
}

// navFor builds the menu of an account, marking the section of the page nav.
func navFor(a *tdkt.Account, nav string, waiting int) []navSection {
	if a == nil {
		return nil
	}
	clerk := a.CanEditRecords()
	leader := a.Role == tdkt.RoleLeader
	admin := a.Role == tdkt.RoleAdmin
	council := a.Role == tdkt.RoleCouncil
	var out []navSection
	add := func(label string, items ...navItem) {
		var kept []navItem
		for _, it := range items {
			if it.Href != "" {
				kept = append(kept, it)
			}
		}
		if len(kept) == 0 {
			return
		}
		s := navSection{Label: label, Href: kept[0].Href, Items: kept}
		for _, it := range kept {
			if it.Key == nav {
				s.Current = true
			}
		}
		out = append(out, s)
	}
	when := func(ok bool, it navItem) navItem {
		if !ok {
			return navItem{}
		}
		return it
	}
	inst := a.CanManageInstallation()
	// A standing office works what travels between installations, beside its inbox;
	// an installation administrator finds the exchange under "Quản trị".
	add("Việc cần làm", navItem{"Việc cần làm", "/app/inbox", "inbox", waiting}, navItem{"Trang chính", "/app/", "home", 0},
		when(a.ActsFor != 0 && !inst, navItem{"Liên thông", "/app/exchange", "exchange", 0}))
	add("Khen thưởng",
		navItem{"Hồ sơ khen thưởng", "/app/dossiers", "dossiers", 0},
		when(clerk || leader, navItem{"Đề xuất khen thưởng", "/app/suggest", "suggest", 0}),
		navItem{"Hiện vật khen thưởng", "/app/award-items", "award-items", 0},
		when(admin || leader || council, navItem{"Hội đồng", "/app/councils", "councils", 0}),
		when(clerk || leader, navItem{"Đại hội thi đua", "/app/congresses", "congresses", 0}))
	add("Thi đua",
		navItem{"Phong trào thi đua", "/app/movements", "movements", 0},
		when(clerk || leader, navItem{"Đăng ký thi đua", "/app/registrations", "registrations", 0}),
		navItem{"Cụm, khối thi đua", "/app/clusters", "clusters", 0})
	add("Hồ sơ thi đua",
		navItem{"Cá nhân", "/app/people", "people", 0},
		navItem{"Tập thể", "/app/collectives", "collectives", 0},
		navItem{"Hộ gia đình", "/app/households", "households", 0},
		navItem{"Đơn vị", "/app/orgs", "orgs", 0},
		when(clerk, navItem{"Nhập từ Excel", "/app/imports", "imports", 0}))
	add("Báo cáo",
		navItem{"Số liệu", "/app/dashboard", "dashboard", 0},
		navItem{"Thống kê", "/app/statistics", "statistics", 0},
		navItem{"Công việc chạy nền", "/app/jobs", "jobs", 0})
	add("Tin tức", when(clerk || leader, navItem{"Tin tức", "/app/news", "news", 0}))
	add("Quản trị",
		when(inst, navItem{"Quy tắc, lịch nghỉ", "/app/admin/rules", "admin-rules", 0}),
		when(inst, navItem{"Lịch nghỉ", "/app/admin/calendar", "admin-calendar", 0}),
		when(inst, navItem{"Cổng thông tin", "/app/admin/links", "admin-links", 0}),
		when(admin, navItem{"Công khai trên bảng vàng", "/app/admin/privacy", "admin-privacy", 0}),
		when(inst, navItem{"Sao lưu", "/app/admin/backups", "admin-backups", 0}),
		when(admin, navItem{"Chữ ký số", "/app/admin/signatures", "admin-signatures", 0}),
		when(inst, navItem{"Nhật ký gửi thông báo", "/app/admin/notifications", "admin-notifications", 0}),
		when(admin, navItem{"Hạn gửi hồ sơ hằng năm", "/app/admin/submission-dates", "admin-submission-dates", 0}),
		when(inst, navItem{"Liên thông", "/app/exchange", "exchange", 0}))
	return out
}

// currentItems are the pages of the section the page belongs to, for the second row.
func currentItems(sections []navSection) []navItem {
	for _, s := range sections {
		if s.Current && len(s.Items) > 1 {
			return s.Items
		}
	}
	return nil
}
