package main

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"math/rand/v2"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"syscall"
	"testing"
	"time"

	"tdkt/sqldb"
)

// The crash test: the server is killed with SIGKILL at random moments while clients
// write through the API, and restarted. A write the client saw acknowledged (the whole
// 2xx response received) must be there after every restart, and the audit chain must
// still verify at the end.

const (
	killSeed     = 20261207 // printed in the log; change it to explore other moments
	killTimes    = 4        // SIGKILLs per database
	killPassword = "Bao-ve-du-lieu-khi-mat-dien-2026!"
	killLogin    = "ghi.lien.tuc"
	killCommune  = "T46-X0001" // the demo's first commune
	killPrefix   = "Nguyễn Văn Ghi "
	// killBudget bounds each database's run so that a server that never comes back
	// fails the test instead of hanging it; it is not a measure of speed.
	killBudget = 60 * time.Second
)

func TestAcknowledgedWritesSurviveKill9(t *testing.T) {
	for name, fresh := range databases(t) {
		t.Run(name, func(t *testing.T) { killScenario(t, fresh(t)) })
	}
}

// killScenario prepares a database with the demo and a clerk, then writes through a
// served API while the server is killed and restarted killTimes times.
func killScenario(t *testing.T, url string) {
	dir := t.TempDir()
	env := map[string]string{
		"TDKT_ADMIN_PASSWORD": killPassword,
		"TDKT_PASSWORD":       killPassword,
		// The keyed audit chain reads its key from here; the child and the commands
		// run here must share it (an unknown variable is harmlessly ignored).
		"TDKT_AUDIT_KEY_FILE": filepath.Join(dir, "audit.key"),
	}
	step := func(args ...string) string {
		t.Helper()
		out, e, err := runCmd(t, env, "", append(args, "--db", url)...)
		if err != nil {
			t.Fatalf("tdkt %s: %v\n%s%s", strings.Join(args, " "), err, out, e)
		}
		return out
	}
	step("migrate")
	step("demo", "--people", "200", "--years", "2", "--seed", "1")
	step("user", "add", "--login", killLogin, "--name", "Lê Thị Ghi", "--role", "can_bo_thi_dua", "--org", killCommune)
	token := strings.TrimSpace(step("token", "create", "--login", killLogin))

	rng := rand.New(rand.NewPCG(killSeed, 0))
	t.Logf("seed %d", killSeed)
	ctx, cancel := context.WithTimeout(context.Background(), killBudget)
	defer cancel()

	srv := &childServer{t: t, addr: freeAddr(t), url: url, env: env, dir: dir}
	srv.start(ctx)
	c := &apiClient{base: "http://" + srv.addr, token: token, hc: &http.Client{Timeout: 20 * time.Second}}
	var me struct {
		OrgID int64 `json:"org_id"`
	}
	if st, err := c.do("GET", "/api/v1/me", nil, &me); err != nil || st != 200 || me.OrgID == 0 {
		t.Fatalf("GET /me: %d %v %+v", st, err, me)
	}
	w := &writes{orgID: me.OrgID, poke: make(chan struct{}, 1)}
	var first personBody
	if st, err := c.do("POST", "/api/v1/people", w.newPerson(0), &first); err != nil || st != 201 || first.ID == 0 {
		t.Fatalf("first person: %d %v", st, err)
	}
	w.edited = editAck{id: first.ID, version: first.Version}

	stop := make(chan struct{})
	var wg sync.WaitGroup
	for i := range 2 {
		wg.Go(func() { w.createLoop(c, i, stop) })
	}
	wg.Go(func() { w.editLoop(c, stop) })
	stopWriters := sync.OnceFunc(func() { close(stop); wg.Wait() })
	defer stopWriters()

	for k := range killTimes {
		// Kill after a random number of writes acknowledged since the last start, while
		// the writers are in the middle of others.
		target := w.count() + 3 + rng.IntN(25)
		w.waitFor(ctx, t, target)
		srv.kill()
		t.Logf("kill %d after %d acknowledged writes (%d sent)", k+1, w.count(), w.sent.Load())
		srv.start(ctx)
		w.check(t, c)
	}
	w.waitFor(ctx, t, w.count()+10)
	stopWriters()
	w.check(t, c)
	srv.stop()
	if e := w.failures(); e != "" {
		t.Errorf("answers other than an acknowledgement or a lost connection:\n%s", e)
	}

	// The database itself, with no server: every acknowledged person is there, and
	// nothing that was never sent.
	db, err := sqldb.Open(context.Background(), url)
	if err != nil {
		t.Fatal(err)
	}
	var n int64
	err = db.View(context.Background(), func(tx *sqldb.Tx) error {
		return tx.Get(context.Background(), "người", `SELECT count(*) FROM people WHERE full_name LIKE ?`, []any{killPrefix + "%"}, &n)
	})
	db.Close()
	if err != nil {
		t.Fatal(err)
	}
	acked, sent := int64(len(w.created)), w.sent.Load()
	t.Logf("%s: %d people acknowledged, %d stored, %d requests sent", url[:strings.Index(url, ":")], acked, n, sent)
	if n < acked || n > sent+1 { // +1: the first person, sent before the writers
		t.Errorf("%d people stored for %d acknowledged and %d sent", n, acked, sent+1)
	}

	out, e, err := runCmd(t, env, "", "audit", "verify", "--db", url)
	if err != nil {
		t.Errorf("audit verify after %d kills: %v\n%s%s", killTimes, err, out, e)
	}
}

// childServer is "tdkt serve" in a process of its own.
type childServer struct {
	t              *testing.T
	addr, url, dir string
	env            map[string]string
	cmd            *exec.Cmd
	exited         chan struct{}
	log            *os.File
	starts         int
}

// start runs the server and waits until /healthz answers.
func (s *childServer) start(ctx context.Context) {
	t := s.t
	t.Helper()
	s.starts++
	var err error
	if s.log, err = os.Create(filepath.Join(s.dir, fmt.Sprintf("serve-%d.log", s.starts))); err != nil {
		t.Fatal(err)
	}
	s.cmd = childCommand(s.env, "serve", "--addr", s.addr, "--db", s.url)
	s.cmd.Stdout, s.cmd.Stderr = s.log, s.log
	if err := s.cmd.Start(); err != nil {
		t.Fatal(err)
	}
	cmd, exited := s.cmd, make(chan struct{})
	s.exited = exited
	go func() { cmd.Wait(); close(exited) }()
	t.Cleanup(func() { cmd.Process.Kill(); <-exited })
	for {
		select {
		case <-exited:
			t.Fatalf("serve (start %d) ended before it was healthy: %v\n%s", s.starts, cmd.ProcessState, s.output())
		case <-ctx.Done():
			t.Fatalf("serve (start %d) not healthy in time\n%s", s.starts, s.output())
		default:
		}
		if resp, err := http.Get("http://" + s.addr + "/healthz"); err == nil {
			resp.Body.Close()
			if resp.StatusCode == 200 {
				return
			}
		}
		time.Sleep(50 * time.Millisecond) // polling for readiness, not ordering events
	}
}

// kill ends the server with SIGKILL: no deferred call, no shutdown, no flush.
func (s *childServer) kill() {
	if err := s.cmd.Process.Signal(syscall.SIGKILL); err != nil {
		s.t.Fatalf("SIGKILL: %v", err)
	}
	<-s.exited
	if ws, ok := s.cmd.ProcessState.Sys().(syscall.WaitStatus); !ok || ws.Signal() != syscall.SIGKILL {
		s.t.Fatalf("serve ended with %v, not by SIGKILL\n%s", s.cmd.ProcessState, s.output())
	}
}

// stop ends the server as an operator would, and expects a clean exit.
func (s *childServer) stop() {
	s.cmd.Process.Signal(syscall.SIGTERM)
	<-s.exited
	if !s.cmd.ProcessState.Success() {
		s.t.Errorf("serve after SIGTERM: %v\n%s", s.cmd.ProcessState, s.output())
	}
}

func (s *childServer) output() string {
	b, _ := os.ReadFile(s.log.Name())
	return string(b)
}

// apiClient calls the API with a bearer token.
type apiClient struct {
	base, token string
	hc          *http.Client
}

// do sends body as JSON and decodes a 2xx answer into out. An error means the answer
// was not received in full (connection refused or cut, a body that does not decode):
// such a write is not acknowledged.
func (c *apiClient) do(method, path string, body, out any) (int, error) {
	var r io.Reader
	if body != nil {
		b, _ := json.Marshal(body)
		r = bytes.NewReader(b)
	}
	req, _ := http.NewRequest(method, c.base+path, r)
	req.Header.Set("Authorization", "Bearer "+c.token)
	req.Header.Set("Content-Type", "application/json")
	resp, err := c.hc.Do(req)
	if err != nil {
		return 0, err
	}
	defer resp.Body.Close()
	b, err := io.ReadAll(resp.Body)
	if err != nil {
		return resp.StatusCode, err
	}
	if resp.StatusCode/100 != 2 {
		return resp.StatusCode, fmt.Errorf("%s %s: %d %.300s", method, path, resp.StatusCode, b)
	}
	if out != nil {
		if err := json.Unmarshal(b, out); err != nil {
			return resp.StatusCode, fmt.Errorf("%s %s: %w", method, path, err)
		}
	}
	return resp.StatusCode, nil
}

// person reads one person back (GET /people/{id} answers the whole record).
func (c *apiClient) person(id int64) (personBody, int, error) {
	var rec struct {
		Person personBody `json:"person"`
	}
	st, err := c.do("GET", "/api/v1/people/"+strconv.FormatInt(id, 10), nil, &rec)
	return rec.Person, st, err
}

// personBody is the part of a person the test writes and reads back.
type personBody struct {
	ID       int64  `json:"id,omitempty"`
	OrgID    int64  `json:"org_id"`
	FullName string `json:"full_name"`
	Sex      string `json:"sex"`
	Group    string `json:"group"`
	Position string `json:"position,omitempty"`
	Version  int    `json:"version,omitempty"`
}

// editAck is the latest acknowledged change of the person edited again and again.
type editAck struct {
	id       int64
	version  int
	position string
}

// writes records what the server acknowledged.
type writes struct {
	orgID int64
	sent  atomic.Int64 // creations sent, acknowledged or not
	poke  chan struct{}
	// gate holds the writers back while check reads everything back, so that the
	// number of writes stays near what the kills ask for.
	gate    sync.RWMutex
	mu      sync.Mutex
	created map[int64]string // id → name of each acknowledged creation
	edited  editAck
	odd     []string // answers that are neither an acknowledgement nor a lost connection
}

func (w *writes) newPerson(n int64) personBody {
	return personBody{OrgID: w.orgID, FullName: fmt.Sprintf("%s%06d", killPrefix, n), Sex: "nam", Group: "can_bo_cong_chuc"}
}

func (w *writes) count() int {
	w.mu.Lock()
	defer w.mu.Unlock()
	return len(w.created)
}

// note records an answer; a status of 0 is a lost connection, expected while the
// server is down, and the caller waits a moment before trying again.
func (w *writes) note(status int, err error) {
	if status == 0 {
		time.Sleep(20 * time.Millisecond) // back off while the server restarts
		return
	}
	w.mu.Lock()
	defer w.mu.Unlock()
	if len(w.odd) < 20 {
		w.odd = append(w.odd, err.Error())
	}
}

func (w *writes) failures() string {
	w.mu.Lock()
	defer w.mu.Unlock()
	return strings.Join(w.odd, "\n")
}

// createLoop adds people with distinct names until stop.
func (w *writes) createLoop(c *apiClient, writer int, stop chan struct{}) {
	for i := int64(1); ; i++ {
		select {
		case <-stop:
			return
		default:
		}
		p := w.newPerson(int64(writer+1)*100000 + i)
		w.sent.Add(1)
		var got personBody
		w.gate.RLock()
		st, err := c.do("POST", "/api/v1/people", p, &got)
		w.gate.RUnlock()
		if err != nil || st != 201 || got.ID == 0 {
			w.note(st, err)
			continue
		}
		w.mu.Lock()
		if w.created == nil {
			w.created = map[int64]string{}
		}
		w.created[got.ID] = p.FullName
		w.mu.Unlock()
		select {
		case w.poke <- struct{}{}:
		default:
		}
	}
}

// editLoop changes one person's position until stop. A change whose answer was lost
// may still have been committed: the next PUT then meets a newer version (409) and
// reads the person again.
func (w *writes) editLoop(c *apiClient, stop chan struct{}) {
	w.mu.Lock()
	cur := w.edited
	w.mu.Unlock()
	for i := 1; ; i++ {
		select {
		case <-stop:
			return
		default:
		}
		p := w.newPerson(0)
		p.Version, p.Position = cur.version, "Lần sửa thứ "+strconv.Itoa(i)
		var got personBody
		w.gate.RLock()
		st, err := c.do("PUT", "/api/v1/people/"+strconv.FormatInt(cur.id, 10), p, &got)
		w.gate.RUnlock()
		if err == nil && st == 200 {
			cur.version, cur.position = got.Version, got.Position
			w.mu.Lock()
			w.edited = cur
			w.mu.Unlock()
			continue
		}
		if st != http.StatusConflict {
			w.note(st, err)
			if st != 0 {
				continue
			}
		}
		if now, st, err := c.person(cur.id); err == nil {
			cur.version = now.Version
		} else {
			w.note(st, err)
		}
	}
}

// waitFor blocks until n creations have been acknowledged.
func (w *writes) waitFor(ctx context.Context, t *testing.T, n int) {
	t.Helper()
	for w.count() < n {
		select {
		case <-w.poke:
		case <-ctx.Done():
			t.Fatalf("only %d of %d writes acknowledged before the budget ran out:\n%s", w.count(), n, w.failures())
		}
	}
}

// check reads back every acknowledged write through the API.
func (w *writes) check(t *testing.T, c *apiClient) {
	t.Helper()
	w.gate.Lock()
	defer w.gate.Unlock()
	w.mu.Lock()
	created := make(map[int64]string, len(w.created))
	for id, name := range w.created {
		created[id] = name
	}
	ed := w.edited
	w.mu.Unlock()
	missing := 0
	for id, name := range created {
		got, st, err := c.person(id)
		if err != nil || got.FullName != name {
			if missing++; missing <= 5 {
				t.Errorf("acknowledged person %d (%s) after restart: %d %v %q", id, name, st, err, got.FullName)
			}
		}
	}
	if missing > 0 {
		t.Fatalf("%d of %d acknowledged people lost", missing, len(created))
	}
	got, _, err := c.person(ed.id)
	if err != nil {
		t.Fatal(err)
	}
	// Only the edit loop changes this person, so the stored version is at least the
	// acknowledged one, and equal to it only with the acknowledged position.
	if got.Version < ed.version || (got.Version == ed.version && ed.position != "" && got.Position != ed.position) {
		t.Fatalf("edited person after restart: version %d %q, acknowledged version %d %q", got.Version, got.Position, ed.version, ed.position)
	}
	if len(created) == 0 {
		t.Fatal("no write was acknowledged")
	}
}
