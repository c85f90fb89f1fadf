package api

import (
	"net/http"
	"time"

	"tdkt"
	"tdkt/core"
	"tdkt/sqldb"
	"tdkt/vn"
)

// The backups of the installation: its copies, the nightly backup's settings and a
// backup now, for installation administrators (the use cases refuse the others).

const tagBackups = "Sao lưu"

// backupSettingsJSON is the nightly backup's setting. Only enabled, folder, hour,
// keep and version are read (PUT).
type backupSettingsJSON struct {
	Enabled   bool   `json:"enabled" api:"req" doc:"Tự động sao lưu mỗi ngày"`
	Folder    string `json:"folder" doc:"Thư mục chứa bản sao; rỗng: thư mục backups cạnh tệp SQLite (PostgreSQL cần đặt thư mục)"`
	Dir       string `json:"dir" api:"ro" doc:"Thư mục đang dùng; rỗng khi chưa có"`
	Hour      int    `json:"hour" api:"req" doc:"Giờ sao lưu theo giờ Việt Nam, 0–23"`
	Keep      int    `json:"keep" api:"req" doc:"Số bản giữ lại, 1–365; bản cũ hơn bị xóa"`
	Version   int    `json:"version" doc:"Phiên bản đã đọc"`
	UpdatedAt string `json:"updated_at,omitempty" api:"ro"`
}

// backupCopyJSON is a copy in the backup folder.
type backupCopyJSON struct {
	Name string `json:"name" api:"req"`
	Size int64  `json:"size" api:"req" doc:"Dung lượng, byte"`
	At   string `json:"at" api:"req" doc:"Thời điểm ghi xong (RFC 3339, UTC)"`
}

// backupsJSON is GET /backups.
type backupsJSON struct {
	Settings backupSettingsJSON `json:"settings" api:"req"`
	Copies   []backupCopyJSON   `json:"copies" api:"req" doc:"Mới nhất trước"`
	Problem  string             `json:"problem,omitempty" doc:"Vì sao không đọc được thư mục"`
}

func init() {
	components = append(components, []struct {
		name string
		v    any
	}{{"Backups", backupsJSON{}}, {"BackupSettings", backupSettingsJSON{}}, {"BackupCopy", backupCopyJSON{}}}...)
}

func (h *handlers) backupRoutes() []route {
	return []route{
		{Method: "GET", Path: prefix + "/backups", Handle: h.backups, Op: operation{ID: "listBackups", Tag: tagBackups, Admin: true,
			Summary: "Các bản sao trong thư mục sao lưu và thiết lập sao lưu hằng ngày (quản trị hệ thống)", Resp: "Backups"}},
		{Method: "PUT", Path: prefix + "/backups/settings", Handle: h.saveBackupSettings, Op: operation{ID: "updateBackupSettings", Tag: tagBackups, Admin: true,
			Summary: "Đặt thiết lập sao lưu hằng ngày (quản trị hệ thống)", Body: "BackupSettings", Resp: "BackupSettings", Conflict: true}},
		{Method: "POST", Path: prefix + "/backups", Handle: h.backupNow, Op: operation{ID: "startBackup", Tag: tagBackups, Admin: true,
			Summary: "Sao lưu ngay: xếp một công việc chạy nền; theo dõi ở GET /jobs/{id} (quản trị hệ thống)", Status: http.StatusAccepted, Resp: "Job"}},
	}
}

func toBackupSettings(s core.BackupSettings) backupSettingsJSON {
	return backupSettingsJSON{Enabled: s.Enabled, Folder: s.Folder, Dir: s.Dir, Hour: s.Hour, Keep: s.Keep, Version: s.Version, UpdatedAt: s.UpdatedAt}
}

func (h *handlers) backups(r *http.Request, a *tdkt.Account) (any, error) {
	b, err := h.svc.Backups(r.Context(), a)
	if err != nil {
		return nil, err
	}
	out := backupsJSON{Settings: toBackupSettings(b.Settings), Copies: []backupCopyJSON{}, Problem: b.Problem}
	for _, c := range b.Copies {
		out.Copies = append(out.Copies, backupCopyJSON{Name: c.Name, Size: c.Size, At: c.At.Format(time.RFC3339)})
	}
	return out, nil
}

func (h *handlers) saveBackupSettings(r *http.Request, a *tdkt.Account) (any, error) {
	var j backupSettingsJSON
	if err := decode(r, &j); err != nil {
		return nil, err
	}
	s, err := h.svc.SaveBackupSettings(r.Context(), a, sqldb.BackupSettings{Enabled: j.Enabled, Folder: vn.NFC(j.Folder),
		Hour: j.Hour, Keep: j.Keep, Version: j.Version})
	return toBackupSettings(s), err
}

func (h *handlers) backupNow(r *http.Request, a *tdkt.Account) (any, error) {
	id, err := h.svc.BackupNow(r.Context(), a)
	if err != nil {
		return nil, err
	}
	j, err := h.svc.Job(r.Context(), a, id)
	return toJob(j), err
}
