package web

import (
	"net/http"
	"strconv"
	"time"

	"tdkt"
	"tdkt/core"
	"tdkt/sqldb"
)

// The installation administrators' backup page (/app/admin/backups): the copies in
// the backup folder, the nightly backup's settings and "Sao lưu ngay".

// backupsView is the backup page.
type backupsView struct {
	Page
	Form
	core.BackupsView
	Hours []option
}

// Rows are the copies as the list shows them: size in KB or MB, time in Vietnam.
func (v backupsView) Rows() []struct{ Name, Size, At string } {
	out := make([]struct{ Name, Size, At string }, len(v.Copies))
	for i, c := range v.Copies {
		out[i].Name, out[i].Size, out[i].At = c.Name, sizeText(c.Size), c.At.In(vietnam).Format("02/01/2006 15:04")
	}
	return out
}

// sizeText writes a byte count as people read it, with a Vietnamese decimal comma.
func sizeText(n int64) string {
	units := []string{"byte", "KB", "MB", "GB"}
	f, u := float64(n), 0
	for f >= 1024 && u < len(units)-1 {
		f, u = f/1024, u+1
	}
	if u == 0 {
		return strconv.FormatInt(n, 10) + " byte"
	}
	s := strconv.FormatFloat(f, 'f', 1, 64)
	for i := range s {
		if s[i] == '.' {
			s = s[:i] + "," + s[i+1:]
		}
	}
	return s + " " + units[u]
}

func (h *handler) backupsPage(w http.ResponseWriter, r *http.Request, actor *tdkt.Account) {
	h.showBackups(w, r, actor, http.StatusOK, nil)
}

// showBackups renders the page; posted is the refused form (nil to show the stored
// settings).
func (h *handler) showBackups(w http.ResponseWriter, r *http.Request, actor *tdkt.Account, status int, posted *Form) {
	b, err := h.svc.Backups(r.Context(), actor)
	if err != nil {
		h.fail(w, r, err, nil)
		return
	}
	v := backupsView{Page: h.page(r, "Sao lưu cơ sở dữ liệu", "admin-backups"), Form: newForm(), BackupsView: b}
	for hr := 0; hr < 24; hr++ {
		v.Hours = append(v.Hours, option{strconv.Itoa(hr), time.Date(2000, 1, 1, hr, 0, 0, 0, time.UTC).Format("15:04")})
	}
	st := b.Settings
	v.Values["enabled"], v.Values["folder"] = on(st.Enabled), st.Folder
	v.Values["hour"], v.Values["keep"], v.Values["version"] = strconv.Itoa(st.Hour), strconv.Itoa(st.Keep), strconv.Itoa(st.Version)
	if posted != nil {
		v.Form = *posted
	}
	h.render(w, r, status, "admin_backups.html", v)
}

// backupsSave is POST /app/admin/backups: the settings and the version read.
func (h *handler) backupsSave(w http.ResponseWriter, r *http.Request, actor *tdkt.Account) {
	f := formFrom(r, "enabled", "folder", "hour", "keep", "version")
	in := sqldb.BackupSettings{Enabled: f.Values["enabled"] != "", Folder: f.Values["folder"], Version: atoi(f.Values["version"])}
	var err error
	if in.Hour, err = strconv.Atoi(f.Values["hour"]); err != nil {
		in.Hour = -1 // refused by the use case with its message
	}
	if in.Keep, err = strconv.Atoi(f.Values["keep"]); err != nil {
		in.Keep = 0
	}
	if _, err := h.svc.SaveBackupSettings(r.Context(), actor, in); err != nil {
		h.fail(w, r, err, func(fields map[string]string) {
			f.Errors = fields
			h.showBackups(w, r, actor, http.StatusUnprocessableEntity, &f)
		})
		return
	}
	http.Redirect(w, r, "/app/admin/backups?saved=1", http.StatusSeeOther)
}

// backupNow is POST /app/admin/backups/now: the backup runs as a job, whose page
// shows its progress.
func (h *handler) backupNow(w http.ResponseWriter, r *http.Request, actor *tdkt.Account) {
	id, err := h.svc.BackupNow(r.Context(), actor)
	if err != nil {
		h.fail(w, r, err, nil)
		return
	}
	http.Redirect(w, r, "/app/jobs/"+strconv.FormatInt(id, 10), http.StatusSeeOther)
}
