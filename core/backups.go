package core

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"time"

	"tdkt"
	"tdkt/sqldb"
)

// The nightly backup. Its settings (on or off, folder, hour, how many copies) are one
// row kept by an installation administrator; every `tdkt serve` process calls
// ScheduleBackup once a minute, and the first to find the day's backup due queues
// it as a job (a conditional UPDATE of the day on that row, so processes sharing one
// PostgreSQL queue it once). Any worker runs it: a copy named for its time
// (tdkt-YYYYMMDD-HHMMSS.db or .dump) in the folder, then the oldest copies beyond the
// number to keep are removed. "Sao lưu ngay" queues the same job at once.

// JobBackup is the kind of the backup job.
const JobBackup = "backup"

func init() { JobLabels[JobBackup] = "Sao lưu cơ sở dữ liệu" }

// backupPrefix starts the name of every copy the job writes; rotation touches no
// other file of the folder.
const backupPrefix = "tdkt-"

// BackupSettings are the nightly backup's settings as pages show them.
type BackupSettings struct {
	sqldb.BackupSettings
	// Dir is the folder the copies go to, the default one resolved; "" when none is
	// set on PostgreSQL (the nightly backup then waits for one).
	Dir string
}

// BackupCopy is a copy in the backup folder.
type BackupCopy struct {
	Name string
	Size int64
	At   time.Time
}

// BackupsView is the backup page: the settings and the copies, newest first.
type BackupsView struct {
	Settings BackupSettings
	Copies   []BackupCopy
	// Problem says why the folder could not be read ("" when it could, or is unset).
	Problem string
}

// backupDir resolves the folder of the copies: the one set, or beside a SQLite
// database ("backups" in its folder); "" on PostgreSQL when none is set.
func (s *Service) backupDir(st sqldb.BackupSettings) string {
	if st.Folder != "" {
		return st.Folder
	}
	if p := sqldb.SQLitePath(s.DB.URL); p != "" {
		return filepath.Join(filepath.Dir(p), "backups")
	}
	return ""
}

func (s *Service) backupSettings(ctx context.Context) (BackupSettings, error) {
	var st sqldb.BackupSettings
	err := s.DB.View(ctx, func(tx *sqldb.Tx) (err error) { st, err = tx.BackupSettings(ctx); return err })
	return BackupSettings{BackupSettings: st, Dir: s.backupDir(st)}, err
}

// Backups returns the settings and the copies in the folder, for installation
// administrators.
func (s *Service) Backups(ctx context.Context, actor *tdkt.Account) (BackupsView, error) {
	if err := installationOnly(actor); err != nil {
		return BackupsView{}, err
	}
	st, err := s.backupSettings(ctx)
	if err != nil {
		return BackupsView{}, err
	}
	v := BackupsView{Settings: st}
	if st.Dir != "" {
		v.Copies, err = listBackups(st.Dir)
		if err != nil && !errors.Is(err, os.ErrNotExist) {
			v.Problem = "Không đọc được thư mục sao lưu: " + err.Error()
		}
	}
	return v, nil
}

// SaveBackupSettings stores the nightly backup's settings; in.Version is the one the
// administrator read (a different stored version is a Conflict). Audited.
func (s *Service) SaveBackupSettings(ctx context.Context, actor *tdkt.Account, in sqldb.BackupSettings) (BackupSettings, error) {
	if err := installationOnly(actor); err != nil {
		return BackupSettings{}, err
	}
	in.Folder = strings.TrimSpace(in.Folder)
	p := tdkt.Problems{}
	if in.Hour < 0 || in.Hour > 23 {
		p.Add("hour", "Giờ sao lưu là một số nguyên từ 0 đến 23.")
	}
	if in.Keep < 1 || in.Keep > 365 {
		p.Add("keep", "Số bản giữ lại là một số nguyên từ 1 đến 365.")
	}
	if len(in.Folder) > 500 || strings.ContainsRune(in.Folder, 0) {
		p.Add("folder", "Đường dẫn thư mục không hợp lệ.")
	}
	if err := p.Err(); err != nil {
		return BackupSettings{}, err
	}
	err := s.DB.Update(ctx, func(tx *sqldb.Tx) error {
		before, err := tx.BackupSettings(ctx)
		if err != nil {
			return err
		}
		if err := tx.SaveBackupSettings(ctx, &in, s.stamp()); err != nil {
			return err
		}
		in.LastQueuedDay = before.LastQueuedDay
		return s.audit(ctx, tx, actor, "update", "backup_settings", 0, tdkt.Subject{}, 0, before, in)
	})
	if err != nil {
		return BackupSettings{}, err
	}
	return BackupSettings{BackupSettings: in, Dir: s.backupDir(in)}, nil
}

// BackupNow queues a backup at once and returns its job's id. Audited.
func (s *Service) BackupNow(ctx context.Context, actor *tdkt.Account) (id int64, err error) {
	if actor == nil || !actor.CanManageInstallation() {
		return 0, tdkt.Forbidden()
	}
	err = s.DB.Update(ctx, func(tx *sqldb.Tx) error {
		if id, err = s.enqueue(ctx, tx, actor, JobBackup, actor.OrgID, `{"requested":true}`, 0); err != nil {
			return err
		}
		return s.audit(ctx, tx, actor, "request", "backup", id, tdkt.Subject{}, actor.OrgID, nil, map[string]int64{"job": id})
	})
	return id, err
}

// ScheduleBackup queues the day's backup when it is due: the backup is on, a folder
// is known, the hour of the day (Vietnam time) has come and the day's backup has not
// been queued yet by any process. It returns the queued job's id, 0 when nothing was
// due. A server that was down at the hour backs up when it starts again that day.
func (s *Service) ScheduleBackup(ctx context.Context) (int64, error) {
	now := s.Now().In(vnZone)
	day := now.Format(time.DateOnly)
	due := func(st sqldb.BackupSettings) bool {
		return st.Enabled && s.backupDir(st) != "" && now.Hour() >= st.Hour && st.LastQueuedDay < day
	}
	// Most calls find nothing due: they stay reads, so that they neither wait for the
	// one SQLite writer nor count as a write that drops the cached public pages.
	st, err := s.backupSettings(ctx)
	if err != nil || !due(st.BackupSettings) {
		return 0, err
	}
	var id int64
	err = s.DB.Update(ctx, func(tx *sqldb.Tx) error {
		st, err := tx.BackupSettings(ctx)
		if err != nil || !due(st) {
			return err
		}
		root, err := tx.RootOrgID(ctx)
		if err != nil || root == 0 {
			return err // an empty installation has nothing to back up yet
		}
		if claimed, err := tx.ClaimBackupDay(ctx, day); err != nil || !claimed {
			return err
		}
		id, err = s.enqueue(ctx, tx, nil, JobBackup, root, `{"scheduled":true}`, 0)
		return err
	})
	return id, err
}

// backupResult is what a backup job stores as its result.
type backupResult struct {
	File    string   `json:"file"`
	Size    int64    `json:"size"`
	Seconds float64  `json:"seconds"`
	Removed []string `json:"removed,omitempty"`
}

// runBackup is the backup job: a copy in the folder, then the rotation.
func (s *Service) runBackup(ctx context.Context, run *JobRun) (string, error) {
	st, err := s.backupSettings(ctx)
	if err != nil {
		return "", err
	}
	if st.Dir == "" {
		return "", tdkt.Errorf(tdkt.EInvalid, "Chưa chọn thư mục sao lưu: hãy đặt thư mục tại trang Sao lưu.")
	}
	ext := ".db"
	if s.DB.Dialect == sqldb.Postgres {
		ext = ".dump"
	}
	name := backupPrefix + s.Now().In(vnZone).Format("20060102-150405") + ext
	run.Progress(0, 1, "Đang sao lưu vào "+name+"…")
	start := time.Now()
	size, err := s.DB.Backup(ctx, filepath.Join(st.Dir, name))
	if errors.Is(err, sqldb.ErrNoPgDump) {
		return "", tdkt.Errorf(tdkt.EInvalid, "%s", err.Error())
	}
	if err != nil {
		return "", err
	}
	res := backupResult{File: name, Size: size, Seconds: time.Since(start).Seconds()}
	if res.Removed, err = rotateBackups(st.Dir, st.Keep); err != nil {
		return "", fmt.Errorf("rotate backups: %w", err)
	}
	if err := s.DB.Update(ctx, func(tx *sqldb.Tx) error {
		return s.audit(ctx, tx, nil, "create", "backup", run.Job.ID, tdkt.Subject{}, run.Job.OrgID, nil, res)
	}); err != nil {
		return "", err
	}
	run.Progress(1, 1, fmt.Sprintf("Đã sao lưu vào %s (%d byte, %.1f giây).", name, size, res.Seconds))
	b, _ := json.Marshal(res)
	return string(b), nil
}

// listBackups lists the copies of dir, newest first. The names hold their time, so
// name order is time order.
func listBackups(dir string) ([]BackupCopy, error) {
	entries, err := os.ReadDir(dir)
	if err != nil {
		return nil, err
	}
	var out []BackupCopy
	for _, e := range entries {
		n := e.Name()
		if e.IsDir() || !strings.HasPrefix(n, backupPrefix) || !(strings.HasSuffix(n, ".db") || strings.HasSuffix(n, ".dump")) {
			continue
		}
		info, err := e.Info()
		if err != nil {
			continue // removed meanwhile
		}
		out = append(out, BackupCopy{Name: n, Size: info.Size(), At: info.ModTime().UTC()})
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Name > out[j].Name })
	return out, nil
}

// rotateBackups removes the copies of dir beyond the newest keep and returns their names.
func rotateBackups(dir string, keep int) ([]string, error) {
	copies, err := listBackups(dir)
	if err != nil || len(copies) <= keep {
		return nil, err
	}
	var removed []string
	for _, c := range copies[keep:] {
		if err := os.Remove(filepath.Join(dir, c.Name)); err != nil && !errors.Is(err, os.ErrNotExist) {
			return removed, err
		}
		removed = append(removed, c.Name)
	}
	return removed, nil
}
