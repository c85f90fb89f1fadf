package web

import (
	"bytes"
	"embed"
	"fmt"
	"html/template"
	"io/fs"
	"net/http"
	"strings"

	"tdkt"
	"tdkt/core"
	"tdkt/vn"
)

//go:embed templates/*.html
var templateFiles embed.FS

//go:embed static
var staticFS embed.FS

// staticFiles serves the style sheet; it is embedded so that the binary is the
// whole application.
func staticFiles() http.Handler {
	sub, _ := fs.Sub(staticFS, "static")
	fsrv := http.FileServerFS(sub)
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Cache-Control", "public, max-age=3600")
		fsrv.ServeHTTP(w, r)
	})
}

// pages maps a page file name to its template: the layout and the partials cloned,
// plus the page's own "main" block. Each page defines the same block names, so each
// needs its own set.
type pages struct{ byName map[string]*template.Template }

func mustParsePages() *pages {
	base := template.Must(template.New("").Funcs(funcs).ParseFS(templateFiles, "templates/_*.html"))
	names, err := fs.Glob(templateFiles, "templates/*.html")
	if err != nil {
		panic(err)
	}
	p := &pages{byName: map[string]*template.Template{}}
	for _, n := range names {
		name := strings.TrimPrefix(n, "templates/")
		if strings.HasPrefix(name, "_") {
			continue
		}
		t := template.Must(base.Clone())
		p.byName[name] = template.Must(t.ParseFS(templateFiles, n))
	}
	return p
}

// Page is what the layout needs on every page: the title, the signed-in account and
// which part of the navigation is current.
type Page struct {
	Title   string
	Account *tdkt.Account
	Nav     string
	Notice  string // a one-line confirmation after a redirect ("Đã lưu.")
	// InboxCount is the number of things waiting for the account, on the
	// navigation's "Việc cần làm" link.
	InboxCount int
	// Unread is the number of unread notifications, on the bell.
	Unread int
	// Downloads are the CSV and XLSX links of a list page (nil elsewhere).
	Downloads *listDownloads
	// Menu is the account's menu (navFor); SubNav the pages of the current one.
	Menu   []navSection
	SubNav []navItem
	// Site is the installation's top organisation, named in the public header, and
	// PublicMenu the portal's menu (both filled for visitors who are not signed in);
	// Path marks the menu's current page.
	Site       string
	PublicMenu []portalLink
	Path       string
	// Undo is where the notice's "Hoàn tác" button posts, after a deletion.
	Undo string
}

// undoable are the record kinds a deletion of which can be undone from the notice.
var undoable = map[string]bool{"rating": true, "initiative": true, "discipline": true, "honour": true}

// page builds the common part of a view for a request.
func (h *handler) page(r *http.Request, title, nav string) Page {
	waiting := 0
	if a := core.Actor(r.Context()); a != nil {
		waiting = h.inboxCount(r, a)
	}
	p := pageCounted(r, title, nav, waiting)
	if p.Account != nil {
		p.Unread = h.unreadCount(r, p.Account)
	}
	if p.Account == nil {
		p.Site, p.PublicMenu = h.siteName(r), portalMenu
	}
	return p
}

// pageCounted is page for a handler that already knows the number of things waiting
// for the account (the inbox itself), which saves reading the dossiers twice.
func pageCounted(r *http.Request, title, nav string, waiting int) Page {
	p := Page{Title: title, Account: core.Actor(r.Context()), Nav: nav, InboxCount: waiting, Path: r.URL.Path}
	p.Menu = navFor(p.Account, nav, waiting)
	p.SubNav = currentItems(p.Menu)
	q := r.URL.Query()
	if q.Get("saved") == "1" {
		p.Notice = "Đã lưu thay đổi."
	}
	// What a destructive action did, named by a key rather than by text in the
	// address, so that a link cannot put words on the page.
	if n, ok := doneNotices[q.Get("done")]; ok {
		p.Notice = n
		// A deleted record may be put back for a while (core.UndoDelete): the notice
		// carries the button; the use case checks who and when.
		if kind, id, ok := strings.Cut(q.Get("undo"), "-"); ok && strings.HasPrefix(q.Get("done"), "deleted_") && undoable[kind] && atoi64(id) > 0 {
			p.Undo = "/app/undo/" + kind + "/" + id
		}
	}
	return p
}

// doneNotices say what an action did (?done=key after its redirect).
var doneNotices = map[string]string{
	"read_all":             "Đã đánh dấu mọi thông báo là đã đọc.",
	"password_reset":       "Đã đặt mật khẩu mới. Mọi phiên đăng nhập cũ đã kết thúc; hãy đăng nhập bằng mật khẩu mới.",
	"removed_registration": "Đã bỏ một người khỏi bản đăng ký; bản đăng ký đã được lưu lại với những người còn lại.",
	"deleted_rating":       "Đã xóa một xếp loại. Nội dung đã xóa vẫn còn trong lịch sử thay đổi.",
	"deleted_initiative":   "Đã xóa một sáng kiến. Nội dung đã xóa vẫn còn trong lịch sử thay đổi.",
	"deleted_discipline":   "Đã xóa một kỷ luật. Nội dung đã xóa vẫn còn trong lịch sử thay đổi.",
	"deleted_honour":       "Đã xóa một khen thưởng nhập từ quyết định giấy. Nội dung đã xóa vẫn còn trong lịch sử thay đổi.",
	"removed_file":         "Đã gỡ tài liệu khỏi hồ sơ. Lịch sử thay đổi vẫn ghi tên, loại và mã kiểm tra SHA-256 của tệp.",
	"voted":                "Đã ghi nhận phiếu của bạn. Phiếu không ghi bạn chọn gì, chỉ ghi bạn đã bỏ phiếu.",
	"signed":               "Đã nhận bản đã ký số.",
	"sealed":               "Đã ký số bằng chứng thư số của cơ quan.",
}

// render writes a page in full or, when the template fails, a plain 500: rendering
// into a buffer first keeps a half-written page from reaching the user.
func (h *handler) render(w http.ResponseWriter, r *http.Request, status int, name string, view any) {
	t, ok := h.pages.byName[name]
	if !ok {
		panic("web: no template " + name)
	}
	var buf bytes.Buffer
	if err := t.ExecuteTemplate(&buf, "layout", view); err != nil {
		h.log.Error("render", "page", name, "path", r.URL.Path, "err", err)
		http.Error(w, "Lỗi hệ thống khi hiển thị trang.", http.StatusInternalServerError)
		return
	}
	w.Header().Set("Content-Type", "text/html; charset=utf-8")
	w.Header().Set("Cache-Control", "no-store")
	w.WriteHeader(status)
	w.Write(buf.Bytes())
}

// Form is a form's state: the values as the user typed them (kept when the form comes
// back with errors) and the message for each field that is wrong.
type Form struct {
	Values map[string]string
	Errors map[string]string
}

func newForm() Form { return Form{Values: map[string]string{}, Errors: map[string]string{}} }

// formFrom keeps the posted values of the named fields, NFC-normalised.
func formFrom(r *http.Request, names ...string) Form {
	f := newForm()
	for _, n := range names {
		f.Values[n] = vn.NFC(r.PostFormValue(n))
	}
	return f
}

// option is one choice of a select or a group of checkboxes.
type option struct{ Value, Label string }

// field is what the input partials show for one form field.
type field struct {
	Name, Label, Type, Value, Error, Hint string
	Options                               []option
	Checked                               bool
}

func mkField(f Form, name, label, typ string) field {
	return field{Name: name, Label: label, Type: typ, Value: f.Values[name], Error: f.Errors[name]}
}

var funcs = template.FuncMap{
	"label":   func(code any) string { return tdkt.Label(fmt.Sprint(code)) },
	"date":    vn.FormatDate,
	"money":   vn.Money,
	"percent": func(x float64) string { return vn.Percent(x, 1) },
	"when":    vnTime, // a stored UTC instant as dd/mm/yyyy hh:mm in Vietnam
	// a digital signature's time, dd/mm/yyyy hh:mm in Vietnam
	"signingTime":      core.SigningTime,
	"notificationKind": notificationKind,
	"deliveryState":    deliveryState,
	"add":              func(a, b int) int { return a + b },
	"input":            mkField,
	"options":          optionsFor,
	"date_input": func(f Form, name, label string) field {
		x := mkField(f, name, label, "text")
		x.Hint = "dd/mm/yyyy"
		return x
	},
	"choice": func(f Form, name, label string, opts []option) field {
		x := mkField(f, name, label, "select")
		x.Options = opts
		return x
	},
	"check": func(f Form, name, label string) field {
		x := mkField(f, name, label, "checkbox")
		x.Checked = f.Values[name] != ""
		return x
	},
	"rowRef": func(base, seg string, id int64, version int) rowRef {
		return rowRef{Base: base, Seg: seg, ID: id, Version: version}
	},
	"area":       func(f Form, name, label string) field { return mkField(f, name, label, "textarea") },
	"cell":       cellText,
	"isnum":      isNumber,
	"yearPicker": func(action string, year int, years []int) yearPicker { return yearPicker{action, year, years} },
	"born":       birthYear, // a person's birth year for the pickers, "" when unknown
}

// rowRef is what a row's edit link and delete button need.
type rowRef struct {
	Base, Seg string
	ID        int64
	Version   int
}
