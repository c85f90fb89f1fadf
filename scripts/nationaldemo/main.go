// Command nationaldemo takes one Huân chương Lao động hạng Ba dossier through the whole
// chain between two tdkt installations on this machine, over HTTP, as
// scripts/national-demo.sh describes: a province on SQLite, the central board on
// PostgreSQL when TDKT_TEST_PG is set (otherwise a second SQLite). It leaves both
// databases in OUTDIR, stops what it started, and prints one JSON line last.
//
//	go run ./scripts/nationaldemo OUTDIR
package main

import (
	"bytes"
	"database/sql"
	"encoding/json"
	"fmt"
	"io"
	"net"
	"net/http"
	"net/url"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"syscall"
	"time"

	_ "github.com/jackc/pgx/v5/stdlib"
)

const (
	password = "Lien-thong-quoc-gia-2026!"
	people   = "3000"
	// offset moves a server's date past a public comment window (10 working days)
	// when it restarts (TDKT_CLOCK_OFFSET).
	offset = 20 * 24 * time.Hour
)

func main() {
	if len(os.Args) != 2 {
		fmt.Fprintln(os.Stderr, "cách dùng: nationaldemo OUTDIR")
		os.Exit(2)
	}
	res, err := run(os.Args[1], ".")
	if err != nil {
		fmt.Fprintln(os.Stderr, "national-demo:", err)
		os.Exit(1)
	}
	line, _ := json.Marshal(res)
	fmt.Println(string(line))
}

// result is the last line the script prints.
type result struct {
	ProvinceDB     string `json:"province_db"`
	CentralDB      string `json:"central_db"`
	PersonID       int64  `json:"person_id"`
	DecisionNumber string `json:"decision_number"`
}

// inst is one installation: its database, its files and its server process.
type inst struct {
	name, db, dir, addr, bin string
	env                      []string
	cmd                      *exec.Cmd
	tokens                   map[string]string
}

func say(format string, args ...any) { fmt.Fprintf(os.Stderr, "• "+format+"\n", args...) }

func (in *inst) tdkt(args ...string) (string, error) {
	cmd := exec.Command(in.bin, args...)
	cmd.Env = append(os.Environ(), in.env...)
	var out, errb bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &errb
	if err := cmd.Run(); err != nil {
		return "", fmt.Errorf("%s: tdkt %s: %v\n%s", in.name, strings.Join(args, " "), err, errb.String())
	}
	return strings.TrimSpace(out.String()), nil
}

func (in *inst) token(login string) string {
	if t, ok := in.tokens[login]; ok {
		return t
	}
	t, err := in.tdkt("token", "create", "--login", login, "--db", in.db)
	if err != nil {
		panic(err)
	}
	in.tokens[login] = t
	return t
}

// start serves the installation, its date moved by off.
func (in *inst) start(off time.Duration) error {
	log, err := os.OpenFile(filepath.Join(in.dir, "serve.log"), os.O_CREATE|os.O_APPEND|os.O_WRONLY, 0o644)
	if err != nil {
		return err
	}
	in.cmd = exec.Command(in.bin, "serve", "--addr", in.addr, "--db", in.db)
	in.cmd.Env = append(append(os.Environ(), in.env...), "TDKT_CLOCK_OFFSET="+off.String())
	in.cmd.Stdout, in.cmd.Stderr = log, log
	if err := in.cmd.Start(); err != nil {
		return err
	}
	for i := 0; i < 600; i++ {
		if r, err := http.Get("http://" + in.addr + "/healthz"); err == nil {
			r.Body.Close()
			if r.StatusCode == 200 {
				return nil
			}
		}
		time.Sleep(100 * time.Millisecond)
	}
	return fmt.Errorf("%s: the server did not start (see %s)", in.name, log.Name())
}

func (in *inst) stop() {
	if in.cmd != nil && in.cmd.Process != nil {
		in.cmd.Process.Signal(syscall.SIGTERM)
		in.cmd.Wait()
		in.cmd = nil
	}
}

// call sends body as JSON with login's token and decodes a 2xx answer into out.
func (in *inst) call(login, method, path string, body, out any) error {
	var r io.Reader
	if body != nil {
		b, _ := json.Marshal(body)
		r = bytes.NewReader(b)
	}
	req, _ := http.NewRequest(method, "http://"+in.addr+path, r)
	req.Header.Set("Authorization", "Bearer "+in.token(login))
	req.Header.Set("Content-Type", "application/json")
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		return err
	}
	defer resp.Body.Close()
	b, _ := io.ReadAll(resp.Body)
	if resp.StatusCode/100 != 2 {
		return fmt.Errorf("%s: %s %s as %s: %d %s", in.name, method, path, login, resp.StatusCode, b)
	}
	if out != nil {
		return json.Unmarshal(b, out)
	}
	return nil
}

type dossier struct {
	ID          int64  `json:"id"`
	Status      string `json:"status"`
	StatusLabel string `json:"status_label"`
	HolderOrgID int64  `json:"holder_org_id"`
	Version     int    `json:"version"`
	Candidates  []struct {
		ID int64 `json:"id"`
	} `json:"candidates"`
}

func (in *inst) dossier(login string, id int64) dossier {
	d, err := in.tryDossier(login, id)
	if err != nil {
		panic(err)
	}
	return d
}

// tryDossier reads a dossier that may be out of the account's sight (a standing
// office no longer sees what it returned).
func (in *inst) tryDossier(login string, id int64) (d dossier, err error) {
	err = in.call(login, "GET", "/api/v1/dossiers/"+strconv.FormatInt(id, 10), nil, &d)
	return d, err
}

func (in *inst) step(login string, id int64, action, note string) {
	d := in.dossier(login, id)
	if err := in.call(login, "POST", "/api/v1/dossiers/"+strconv.FormatInt(id, 10)+"/steps",
		map[string]any{"action": action, "version": d.Version, "note": note}, nil); err != nil {
		panic(err)
	}
	after, err := in.tryDossier(login, id)
	if err != nil {
		say("%s: %s (the dossier has left %s's sight)", in.name, action, login)
		return
	}
	say("%s: %s (%s)", in.name, action, after.StatusLabel)
}

// council opens a meeting of the council, every member votes yes, the closer closes it.
func (in *inst) council(opener, closer string, councilID, id int64, members []string, heldOn string) {
	var m struct {
		ID      int64 `json:"id"`
		Version int   `json:"version"`
	}
	if err := in.call(opener, "POST", fmt.Sprintf("/api/v1/councils/%d/meetings", councilID),
		map[string]any{"held_on": heldOn, "place": "Phòng họp", "dossier_ids": []int64{id}}, &m); err != nil {
		panic(err)
	}
	d := in.dossier(opener, id)
	for _, login := range members {
		for _, c := range d.Candidates {
			if err := in.call(login, "POST", fmt.Sprintf("/api/v1/meetings/%d/votes", m.ID), map[string]any{"candidate_id": c.ID, "yes": true}, nil); err != nil {
				panic(err)
			}
		}
	}
	if err := in.call(closer, "GET", fmt.Sprintf("/api/v1/meetings/%d", m.ID), nil, &m); err != nil {
		panic(err)
	}
	if err := in.call(closer, "POST", fmt.Sprintf("/api/v1/meetings/%d/close", m.ID), map[string]any{"version": m.Version}, nil); err != nil {
		panic(err)
	}
	say("%s: the council voted on dossier %d", in.name, id)
}

// councilOf finds the council of an organisation.
func (in *inst) councilOf(login string, orgID int64) int64 {
	var cs struct {
		Items []struct {
			ID int64 `json:"id"`
		} `json:"items"`
	}
	if err := in.call(login, "GET", fmt.Sprintf("/api/v1/orgs/%d/councils", orgID), nil, &cs); err != nil || len(cs.Items) == 0 {
		panic(fmt.Sprintf("%s: no council of organisation %d: %v", in.name, orgID, err))
	}
	return cs.Items[0].ID
}

// waitFor polls until ok holds (the outboxes deliver every second).
func waitFor(what string, ok func() bool) {
	for i := 0; i < 600; i++ {
		if ok() {
			return
		}
		time.Sleep(200 * time.Millisecond)
	}
	panic("gave up waiting for " + what)
}

func freeAddr() string {
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		panic(err)
	}
	defer l.Close()
	return l.Addr().String()
}

// run does it all in out; root is the repository's folder (where ./cmd/tdkt is).
func run(out, root string) (res result, err error) {
	defer func() {
		if r := recover(); r != nil {
			err = fmt.Errorf("%v", r)
		}
	}()
	out, _ = filepath.Abs(out)
	if err := os.MkdirAll(out, 0o755); err != nil {
		return res, err
	}
	bin := filepath.Join(out, "tdkt")
	say("building tdkt")
	build := exec.Command("go", "build", "-o", bin, "./cmd/tdkt")
	build.Dir = root
	if b, err := build.CombinedOutput(); err != nil {
		return res, fmt.Errorf("go build: %v\n%s", err, b)
	}
	mk := func(name, db string) *inst {
		dir := filepath.Join(out, name)
		os.MkdirAll(dir, 0o755)
		return &inst{name: name, db: db, dir: dir, addr: freeAddr(), bin: bin, tokens: map[string]string{}, env: []string{
			"TDKT_ADMIN_PASSWORD=" + password, "TDKT_PASSWORD=" + password,
			"TDKT_AUDIT_KEY_FILE=" + filepath.Join(dir, "audit.key"), "TDKT_EXCHANGE_KEY_FILE=" + filepath.Join(dir, "exchange.key"),
			"TDKT_EXCHANGE_EVERY=1s", "TDKT_DB=",
		}}
	}
	prov := mk("province", "sqlite:"+filepath.Join(out, "province.db"))
	cenDB := "sqlite:" + filepath.Join(out, "central.db")
	if pg := os.Getenv("TDKT_TEST_PG"); pg != "" {
		name := fmt.Sprintf("tdkt_central_%d", time.Now().UnixNano())
		admin, err := sql.Open("pgx", pg)
		if err != nil {
			return res, err
		}
		if _, err := admin.Exec("CREATE DATABASE " + name); err != nil {
			return res, err
		}
		admin.Close()
		u, _ := url.Parse(pg)
		u.Path = "/" + name
		cenDB = u.String()
	}
	cen := mk("central", cenDB)
	defer prov.stop()
	defer cen.stop()

	say("writing the province (%s people) and the whole-country central installation", people)
	if _, err := prov.tdkt("demo", "--people", people, "--db", prov.db); err != nil {
		return res, err
	}
	if _, err := cen.tdkt("demo", "--national", "--people", people, "--db", cen.db); err != nil {
		return res, err
	}
	if _, err := prov.tdkt("user", "add", "--login", "canbo.tinh", "--name", "Cán bộ thi đua tỉnh", "--role", "can_bo_thi_dua", "--org", "T46", "--db", prov.db); err != nil {
		return res, err
	}
	pk, err := prov.tdkt("peer", "key", "--db", prov.db)
	if err != nil {
		return res, err
	}
	ck, err := cen.tdkt("peer", "key", "--db", cen.db)
	if err != nil {
		return res, err
	}
	if _, err := prov.tdkt("peer", "add", "--name", "Ban Thi đua – Khen thưởng Trung ương", "--url", "http://"+cen.addr, "--key", ck,
		"--orgs", "CP,CTN", "--upstream", "--db", prov.db); err != nil {
		return res, err
	}
	if _, err := cen.tdkt("peer", "add", "--name", "Tỉnh Lam Giang", "--url", "http://"+prov.addr, "--key", pk, "--orgs", "T46", "--db", cen.db); err != nil {
		return res, err
	}
	if err := prov.start(0); err != nil {
		return res, err
	}
	if err := cen.start(0); err != nil {
		return res, err
	}

	// At the province: the person's records, the dossier, provincial public comment.
	var me struct {
		OrgID int64 `json:"org_id"`
	}
	if err := prov.call("canbo.xa", "GET", "/api/v1/me", nil, &me); err != nil {
		return res, err
	}
	var person struct {
		ID int64 `json:"id"`
	}
	if err := prov.call("canbo.xa", "POST", "/api/v1/people", map[string]any{"org_id": me.OrgID, "full_name": "Phạm Thị Thanh Hoa", "sex": "nu",
		"birth_date": "1976-08-19", "group": "can_bo_cong_chuc", "leader": true, "position": "Phó Chủ tịch Ủy ban nhân dân xã",
		"hired_on": "1999-09-01", "ethnicity": "Kinh", "version": 0}, &person); err != nil {
		return res, err
	}
	pp := fmt.Sprintf("/api/v1/people/%d/", person.ID)
	for y := 2021; y <= 2025; y++ {
		if err := prov.call("canbo.xa", "POST", pp+"ratings", map[string]any{"year": y, "rating": "htxsnv"}, nil); err != nil {
			return res, err
		}
	}
	for _, y := range []int{2023, 2024, 2025} {
		if err := prov.call("canbo.xa", "POST", pp+"honours", map[string]any{"award": "chien_si_thi_dua_co_so", "year": y, "kind": "cong_trang",
			"decision": map[string]any{"number": fmt.Sprintf("%d/QĐ-UBND", y-2000), "date": fmt.Sprintf("%d-01-15", y+1), "issuer": "Ủy ban nhân dân xã"}}, nil); err != nil {
			return res, err
		}
	}
	if err := prov.call("canbo.xa", "POST", pp+"honours", map[string]any{"award": "bang_khen_thu_tuong", "year": 2020, "period_from": 2016, "kind": "cong_trang",
		"decision": map[string]any{"number": "88/QĐ-TTg", "date": "2021-03-10", "issuer": "Thủ tướng Chính phủ"}}, nil); err != nil {
		return res, err
	}
	var d dossier
	if err := prov.call("canbo.xa", "POST", "/api/v1/dossiers", map[string]any{"org_id": me.OrgID, "award": "huan_chuong_lao_dong_hang_ba",
		"year": 2025, "period_from": 2021, "reason": "Có thành tích xuất sắc trong công tác chuyển đổi số của xã, giai đoạn 2021–2025"}, &d); err != nil {
		return res, err
	}
	if err := prov.call("canbo.xa", "POST", fmt.Sprintf("/api/v1/dossiers/%d/candidates", d.ID),
		map[string]any{"subject": map[string]any{"kind": "ca_nhan", "id": person.ID}}, nil); err != nil {
		return res, err
	}
	prov.step("canbo.xa", d.ID, "submit", "")
	prov.step("canbo.tinh", d.ID, "receive", "")
	prov.step("canbo.tinh", d.ID, "appraise", "")
	prov.step("canbo.tinh", d.ID, "publish", "")
	say("province: public comment open; the province's date moves %s on", offset)
	prov.stop()
	if err := prov.start(offset); err != nil {
		return res, err
	}
	provDay := time.Now().Add(offset).Format(time.DateOnly)
	prov.step("canbo.tinh", d.ID, "to_council", "")
	held := prov.dossier("canbo.tinh", d.ID)
	prov.council("canbo.tinh", "lanhdao", prov.councilOf("canbo.tinh", held.HolderOrgID), d.ID, []string{"lanhdao", "admin", "hoidong"}, provDay)
	prov.step("lanhdao", d.ID, "approve", "")
	prov.step("lanhdao", d.ID, "forward", "Tờ trình số 45/TTr-UBND")

	// At the centre: it arrives, is returned once with a reason, and comes back.
	var cid int64
	waitFor("the dossier at the centre", func() bool {
		var ms struct {
			Items []struct {
				Direction string `json:"direction"`
				Kind      string `json:"kind"`
				DossierID int64  `json:"dossier_id"`
			} `json:"items"`
		}
		if cen.call("canbo.ban", "GET", "/api/v1/exchange/messages", nil, &ms) != nil {
			return false
		}
		for _, m := range ms.Items {
			if m.Direction == "in" && m.Kind == "dossier" {
				cid = m.DossierID
				return true
			}
		}
		return false
	})
	cen.step("canbo.ban", cid, "receive", "")
	cen.step("canbo.ban", cid, "return", "Đề nghị bổ sung bản sao Quyết định tặng Bằng khen của Thủ tướng Chính phủ năm 2021")
	waitFor("the return at the province", func() bool { return prov.dossier("canbo.tinh", d.ID).Status == "returned" })
	prov.step("canbo.tinh", d.ID, "resubmit", "Đã bổ sung bản sao quyết định")
	waitFor("the revision at the centre", func() bool { d, err := cen.tryDossier("canbo.ban", cid); return err == nil && d.Status == "submitted" })
	cen.step("canbo.ban", cid, "receive", "")
	cen.step("canbo.ban", cid, "appraise", "")
	cen.step("canbo.ban", cid, "publish", "")
	say("central portal: national public comment open; the centre's date moves %s on", offset)
	cen.stop()
	if err := cen.start(offset); err != nil {
		return res, err
	}
	cenDay := time.Now().Add(offset).Format(time.DateOnly)
	cen.step("canbo.ban", cid, "to_council", "")
	gov := cen.dossier("canbo.ban", cid).HolderOrgID
	cen.council("canbo.ban", "truongban", cen.councilOf("truongban", gov), cid, []string{"hoidong.tw1", "hoidong.tw2", "hoidong.tw3", "truongban"}, cenDay)
	cen.step("truongban", cid, "approve", "Tờ trình số 12/TTr-BNV trình Thủ tướng Chính phủ")
	cen.step("truongban", cid, "forward", "Tờ trình số 88/TTr-TTg trình Chủ tịch nước")
	number := "1234/QĐ-CTN"
	if err := cen.call("truongban", "POST", fmt.Sprintf("/api/v1/dossiers/%d/decision", cid), map[string]any{"number": number, "date": cenDay,
		"signer": "Lương Cường", "signer_title": "Chủ tịch nước", "version": cen.dossier("truongban", cid).Version}, nil); err != nil {
		return res, err
	}
	say("central: the President's decision %s recorded", number)

	// Home: the decision on the person's record at the province.
	waitFor("the decision at the province", func() bool { return prov.dossier("canbo.tinh", d.ID).Status == "decided" })
	var rec struct {
		Honours []struct {
			Award    string `json:"award"`
			Decision struct {
				Number string `json:"number"`
			} `json:"decision"`
		} `json:"honours"`
	}
	if err := prov.call("canbo.xa", "GET", fmt.Sprintf("/api/v1/people/%d", person.ID), nil, &rec); err != nil {
		return res, err
	}
	home := false
	for _, h := range rec.Honours {
		home = home || h.Award == "huan_chuong_lao_dong_hang_ba" && h.Decision.Number == number
	}
	if !home {
		return res, fmt.Errorf("the person's record at the province lacks the decision: %+v", rec.Honours)
	}
	prov.stop()
	cen.stop()
	for _, in := range []*inst{prov, cen} {
		if _, err := in.tdkt("audit", "verify", "--db", in.db); err != nil {
			return res, err
		}
	}
	say("both audit trails verify")
	return result{ProvinceDB: prov.db, CentralDB: cen.db, PersonID: person.ID, DecisionNumber: number}, nil
}
