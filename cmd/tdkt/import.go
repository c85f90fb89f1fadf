package main

import (
	"context"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"time"

	"tdkt"
	"tdkt/core"
	"tdkt/sheet"
	"tdkt/sqldb"
)

// importFile is `tdkt import`: the staff application's import, run at once in this
// process, with progress on standard error.
func (e *env) importFile(ctx context.Context, args []string) error {
	fs := flag.NewFlagSet("import", flag.ContinueOnError)
	fs.SetOutput(e.stderr)
	dbURL := e.dbFlag(fs)
	kind := fs.String("kind", "", "loại dữ liệu: staff, ratings, initiatives hoặc honours (bắt buộc)")
	orgCode := fs.String("org", "", "mã đơn vị: chỉ nhập vào cây đơn vị này (mặc định đơn vị của tài khoản)")
	login := fs.String("as", "", "tài khoản cán bộ thi đua thực hiện việc nhập (bắt buộc; ghi vào nhật ký)")
	dups := fs.String("duplicates", core.DecideMerge, "dòng trùng với người đã có: merge (gộp, gắn vào người đó) hoặc new (tạo mới)")
	closeMatch := fs.String("close", "", "dòng gần trùng: merge, new hoặc skip; để trống thì dừng và liệt kê để xem xét")
	createUnits := fs.Bool("create-units", false, "tên đơn vị (cột «Đơn vị») chưa có trong phạm vi: tạo thành đơn vị trực thuộc của đơn vị nhập; không có cờ này thì mỗi dòng đó là một lỗi")
	paths := e.auditFlags(fs)
	if err := fs.Parse(args); err != nil {
		return exitError(2)
	}
	if *kind == "" || *login == "" || fs.NArg() != 1 {
		fmt.Fprintln(e.stderr, "Cách dùng: tdkt import --kind staff|ratings|initiatives|honours --as LOGIN [--org MÃ] [--create-units] [--db URL] TỆP")
		return exitError(2)
	}
	content, err := os.ReadFile(fs.Arg(0))
	if err != nil {
		return err
	}
	svc, closeDB, err := e.openService(ctx, *dbURL, paths)
	if err != nil {
		return err
	}
	defer closeDB()
	defer e.checkpointNow(ctx, svc)
	actor, err := importActor(ctx, svc.DB, *login, *orgCode)
	if err != nil {
		return err
	}
	id, err := svc.StageImport(ctx, actor, *kind, filepath.Base(fs.Arg(0)), content)
	if err != nil {
		return err
	}
	p, err := svc.PreviewImport(ctx, actor, id, nil)
	if err != nil {
		return err
	}
	errs, err := e.importUnits(ctx, svc, actor, id, &p, *createUnits)
	if err != nil {
		return err
	}
	if len(errs) > 0 {
		for _, x := range errs {
			fmt.Fprintln(e.stderr, x.String())
		}
		e.say("Tệp có %d lỗi; chưa ghi gì vào cơ sở dữ liệu.\n", len(errs))
		return exitError(1)
	}
	decisions := map[int]string{}
	undecided := 0
	for _, d := range p.Duplicates {
		switch {
		case !d.Close:
			decisions[d.Row] = *dups
		case *closeMatch != "":
			decisions[d.Row] = *closeMatch
		default:
			undecided++
			e.say("Dòng %d: %s (%s) gần trùng với %s (%s, %s): %s\n", d.Row, d.Name, d.BirthDate, d.ExistingName, d.ExistingBirth, d.ExistingUnit, d.Reason)
		}
	}
	if undecided > 0 {
		e.say("Có %d dòng gần trùng; hãy chọn --close merge, new hoặc skip. Chưa ghi gì.\n", undecided)
		return exitError(1)
	}
	start := time.Now()
	last := time.Time{}
	rep, pr, err := svc.RunImport(ctx, actor, id, decisions, func(done, total int64, msg string) {
		if time.Since(last) < 500*time.Millisecond && done != total {
			return
		}
		last = time.Now()
		pct := int64(0)
		if total > 0 {
			pct = done * 100 / total
		}
		e.say("[%3d%%] %d/%d %s\n", pct, done, total, msg)
	})
	if err != nil {
		for _, x := range pr.Errors {
			fmt.Fprintln(e.stderr, x.String())
		}
		return err
	}
	e.say("Đã nhập %s: %d dòng, tạo mới %d, cập nhật %d, gộp %d, bỏ qua %d, trong %.1f giây (lần nhập số %d).\n",
		filepath.Base(fs.Arg(0)), rep.Rows, rep.Created, rep.Updated, rep.Merged, rep.Skipped, time.Since(start).Seconds(), id)
	return nil
}

// importUnits settles where the rows go: a file without a unit column goes to the
// account's unit (or --org's); a unit name that no unit of the subtree bears is
// created as a sub-unit of it with --create-units, and is otherwise an error of each
// row that names it. It returns the file's errors, those included, in row order.
func (e *env) importUnits(ctx context.Context, svc *core.Service, actor *tdkt.Account, id int64, p *core.ImportPreview, create bool) ([]core.RowError, error) {
	org := int64(0)
	if p.NeedsOrg {
		org = actor.OrgID
	}
	names := map[string]int64{}
	var errs []core.RowError
	col := sheet.ColumnLetter(p.Mapping["unit_name"])
	for _, u := range p.Units {
		switch {
		case u.Choice != 0:
			names[u.Key] = u.Choice
		case create && len(u.Same) == 0:
			names[u.Key] = core.UnitCreate
		default:
			msg := "đơn vị «" + u.Name + "» chưa có trong phạm vi của bạn; dùng --create-units để tạo thành đơn vị trực thuộc của «" + actor.OrgName + "»"
			if len(u.Same) > 0 {
				msg = fmt.Sprintf("tên đơn vị «%s» trùng với %d đơn vị trong phạm vi của bạn; hãy dùng cột «Mã đơn vị»", u.Name, len(u.Same))
			}
			for _, r := range u.Rows {
				errs = append(errs, core.RowError{Row: r, Column: col, Header: "Đơn vị", Message: msg})
			}
		}
	}
	if org != 0 || len(names) > 0 {
		if err := svc.SetImportUnits(ctx, actor, id, org, names); err != nil {
			return nil, err
		}
		q, err := svc.PreviewImport(ctx, actor, id, nil)
		if err != nil {
			return nil, err
		}
		*p = q
	}
	errs = append(errs, p.Errors...)
	sort.SliceStable(errs, func(i, j int) bool { return errs[i].Row < errs[j].Row })
	return errs, nil
}

// importActor is the account named by --as, narrowed to the subtree of --org when
// given (which must be inside the account's own).
func importActor(ctx context.Context, db *sqldb.DB, login, orgCode string) (*tdkt.Account, error) {
	var a tdkt.Account
	err := db.View(ctx, func(tx *sqldb.Tx) error {
		var err error
		if a, _, err = tx.AccountByLogin(ctx, login); err != nil {
			return err
		}
		if a.Disabled {
			return fmt.Errorf("tài khoản %s đã bị khóa", login)
		}
		if orgCode == "" {
			return nil
		}
		o, err := tx.OrgByCode(ctx, orgCode)
		if err != nil {
			return err
		}
		if !a.Sees(o.Path) {
			return fmt.Errorf("đơn vị %s nằm ngoài phạm vi của tài khoản %s", orgCode, login)
		}
		a.OrgID, a.OrgPath, a.OrgName = o.ID, o.Path, o.Name
		return nil
	})
	return &a, err
}
