package core_test

import (
	"bytes"
	"compress/flate"
	"context"
	"io"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	"tdkt"
	"tdkt/core"
	"tdkt/sqldb"
	"tdkt/tdkttest"
)

// keyedFixture is a fixture whose chain is keyed, with a few more changes made
// through the use cases and a staff import written in bulk.
func keyedFixture(t *testing.T, db *sqldb.DB) *tdkttest.Fixture {
	t.Helper()
	f := tdkttest.NewFixture(t, db)
	ctx := context.Background()
	p := f.PersonA
	p.Position = "Phó Chủ tịch"
	if err := f.Svc.UpdatePerson(ctx, &f.ClerkA, &p, ""); err != nil {
		t.Fatal(err)
	}
	csv := "\ufeffDANH SÁCH CÁN BỘ\nMã đơn vị;Họ và tên;Giới tính;Ngày sinh;Số CCCD\nX01;Lê Văn Tám;Nam;28/02/1980;\nX01;Trần Thị Bé;Nữ;01/01/1990;\n"
	id, err := f.Svc.StageImport(ctx, &f.ClerkA, "staff", "ds.csv", []byte(csv))
	if err != nil {
		t.Fatal(err)
	}
	if _, _, err := f.Svc.StartImport(ctx, &f.ClerkA, id, nil); err != nil {
		t.Fatal(err)
	}
	if worked, err := f.Svc.NewWorker(core.WorkerConfig{Owner: "test"}).RunOne(ctx); err != nil || !worked {
		t.Fatalf("import job: %v, worked %v", err, worked)
	}
	if n := count(t, db, `SELECT count(*) FROM people WHERE full_name = 'Trần Thị Bé'`); n != 1 {
		t.Fatalf("imported people: %d", n)
	}
	return f
}

// verifyFails expects VerifyAudit to report a conflict whose message holds want.
func verifyFails(t *testing.T, svc *core.Service, want string) {
	t.Helper()
	_, err := svc.VerifyAudit(context.Background())
	if tdkt.CodeOf(err) != tdkt.EConflict || !strings.Contains(err.Error(), want) {
		t.Errorf("verify: %v, want a conflict naming %q", err, want)
	}
}

func exec(t *testing.T, db *sqldb.DB, query string, args ...any) {
	t.Helper()
	if err := db.Update(context.Background(), func(tx *sqldb.Tx) error { _, err := tx.Exec(context.Background(), query, args...); return err }); err != nil {
		t.Fatal(err)
	}
}

// An untouched database, written by the use cases (a person deleted with their
// records among them) and an import, verifies clean:
// every event, the checkpoint of the chain's start, and every row.
func TestAuditVerifyUntouched(t *testing.T) {
	tdkttest.EachDB(t, func(t *testing.T, db *sqldb.DB) {
		f := keyedFixture(t, db)
		ctx := context.Background()
		r := tdkt.YearRating{Subject: tdkt.Subject{Kind: tdkt.Individual, ID: f.PersonB.ID}, Year: 2024, Rating: tdkt.RatingExcellent}
		if err := f.Svc.SaveRating(ctx, &f.ClerkB, &r); err != nil {
			t.Fatal(err)
		}
		records := count(t, db, `SELECT count(*) FROM ratings WHERE subject_kind = 'ca_nhan' AND subject_id = ?`, f.PersonB.ID)
		if err := f.Svc.DeletePerson(ctx, &f.ClerkB, f.PersonB.ID, f.PersonB.Version); err != nil || records == 0 {
			t.Fatalf("delete a person with %d ratings: %v", records, err)
		}
		if _, err := f.Svc.WriteCheckpoint(ctx); err != nil {
			t.Fatal(err)
		}
		rep, err := f.Svc.VerifyAudit(ctx)
		people := count(t, db, `SELECT count(*) FROM people`)
		if err != nil || int64(rep.Events) != auditCount(t, db) || rep.Checkpoints != 2 || rep.Rows < people+3 {
			t.Fatalf("untouched: %+v (%d events, %d people), %v", rep, auditCount(t, db), people, err)
		}
	})
}

// A row changed directly in SQL is named with its field and both values, whether
// its last change came through a use case or an import.
func TestAuditVerifyFindsChangedRow(t *testing.T) {
	tdkttest.EachDB(t, func(t *testing.T, db *sqldb.DB) {
		f := keyedFixture(t, db)
		exec(t, db, `UPDATE people SET full_name = 'X' WHERE id = ?`, f.PersonA.ID)
		verifyFails(t, f.Svc, "person "+itoa(f.PersonA.ID)+": full_name is \""+f.PersonA.FullName+"\" in the trail")
		exec(t, db, `UPDATE people SET full_name = ? WHERE id = ?`, f.PersonA.FullName, f.PersonA.ID)
		if _, err := f.Svc.VerifyAudit(context.Background()); err != nil {
			t.Fatalf("put back: %v", err)
		}
		exec(t, db, `UPDATE people SET full_name = 'X' WHERE full_name = 'Trần Thị Bé'`)
		verifyFails(t, f.Svc, `: full_name is "Trần Thị Bé" in the trail`)
		exec(t, db, `UPDATE people SET full_name = 'Trần Thị Bé' WHERE full_name = 'X'`)
		// Changing the row and what the import's snapshot stored of it, together (in
		// its own format: only the HMAC, which needs the key, gives it away).
		exec(t, db, `CREATE TABLE bulk_kept AS SELECT * FROM audit_bulk`)
		exec(t, db, `UPDATE people SET full_name = 'X' WHERE full_name = 'Trần Thị Bé'`)
		var run []byte
		if err := db.View(context.Background(), func(tx *sqldb.Tx) error {
			return tx.Get(context.Background(), "run", `SELECT states FROM audit_bulk WHERE entity = 'person'`, nil, &run)
		}); err != nil {
			t.Fatal(err)
		}
		plain, err := io.ReadAll(flate.NewReader(bytes.NewReader(run)))
		if err != nil || !bytes.Contains(plain, []byte("Trần Thị Bé")) {
			t.Fatalf("the import's run: %v %s", err, plain)
		}
		var forged bytes.Buffer
		zw, _ := flate.NewWriter(&forged, flate.BestSpeed)
		zw.Write(bytes.ReplaceAll(plain, []byte("Trần Thị Bé"), []byte("X")))
		zw.Close()
		exec(t, db, `UPDATE audit_bulk SET states = ? WHERE entity = 'person'`, forged.Bytes())
		verifyFails(t, f.Svc, "do not match their HMAC")
		exec(t, db, `UPDATE people SET full_name = 'Trần Thị Bé' WHERE full_name = 'X'`)
		exec(t, db, `DELETE FROM audit_bulk`)
		exec(t, db, `INSERT INTO audit_bulk SELECT * FROM bulk_kept`)
		if _, err := f.Svc.VerifyAudit(context.Background()); err != nil {
			t.Fatalf("put back: %v", err)
		}
		// Removing what a snapshot stored.
		exec(t, db, `DELETE FROM audit_bulk WHERE entity = 'person'`)
		verifyFails(t, f.Svc, "no audit event")
		exec(t, db, `INSERT INTO audit_bulk SELECT * FROM bulk_kept`)
		// And removing the imported rows with what the snapshot stored of them.
		exec(t, db, `DELETE FROM audit_bulk WHERE entity = 'person'`)
		exec(t, db, `DELETE FROM people WHERE full_name IN ('Lê Văn Tám', 'Trần Thị Bé')`)
		verifyFails(t, f.Svc, "the 2 rows it recorded are gone")
		exec(t, db, `INSERT INTO accounts (login, name, role, org_id, password_hash, created_at) VALUES ('ke.gian', 'Kẻ gian', 'quan_tri', ?, 'x', 'x')`, f.Province.ID)
		verifyFails(t, f.Svc, "no audit event")
	})
}

// Blanking every hash (and the head) does not pass for a chain written before the
// chain existed: the keyed chain is gone, the head's HMAC is gone, and the
// checkpoint of the chain's start no longer matches.
func TestAuditVerifyFindsBlankedHashes(t *testing.T) {
	tdkttest.EachDB(t, func(t *testing.T, db *sqldb.DB) {
		f := keyedFixture(t, db)
		exec(t, db, `UPDATE audit_events SET hash = '', prev_hash = '', chain = 'sha256'`)
		exec(t, db, `UPDATE audit_head SET hash = '', mac = ''`)
		verifyFails(t, f.Svc, "checkpoint of event")
		noCheckpoints := withTrail(f.Svc, f.Svc.AuditTrail.Key, "")
		verifyFails(t, noCheckpoints, "no event is keyed")
		// Nor can the installation be made to start a fresh chain over it.
		if _, err := f.Svc.StartAuditChain(context.Background()); tdkt.CodeOf(err) != tdkt.EConflict {
			t.Errorf("a new chain over an erased one: %v", err)
		}
	})
}

// Removing the newest 50 events with their rows and putting back the head row as it
// was before them (from a backup: its HMAC is valid) is caught by the checkpoint
// taken after them; without that backup, by the head's HMAC.
func TestAuditVerifyFindsRemovedNewestEvents(t *testing.T) {
	tdkttest.EachDB(t, func(t *testing.T, db *sqldb.DB) {
		f := keyedFixture(t, db)
		ctx := context.Background()
		var old sqldb.AuditHead
		var lastID, lastPerson int64
		if err := db.View(ctx, func(tx *sqldb.Tx) (err error) {
			if old, err = tx.AuditHead(ctx); err != nil {
				return err
			}
			lastID, _, _, err = tx.AuditTip(ctx)
			if err == nil {
				lastPerson, err = tx.Int(ctx, `SELECT max(id) FROM people`)
			}
			return err
		}); err != nil {
			t.Fatal(err)
		}
		for i := range 50 {
			p := tdkt.Person{OrgID: f.CommuneA.ID, FullName: "Người Thứ " + itoa(int64(i)), Sex: tdkt.Male, Group: tdkt.GroupOfficials}
			if err := f.Svc.CreatePerson(ctx, &f.ClerkA, &p); err != nil {
				t.Fatal(err)
			}
		}
		if _, err := f.Svc.WriteCheckpoint(ctx); err != nil {
			t.Fatal(err)
		}
		exec(t, db, `DELETE FROM audit_events WHERE id > ?`, lastID)
		exec(t, db, `DELETE FROM people WHERE id > ?`, lastPerson)
		exec(t, db, `UPDATE audit_head SET hash = ?, mac = ?`, old.Hash, old.MAC)
		verifyFails(t, f.Svc, "no longer in the chain")
		exec(t, db, `UPDATE audit_head SET mac = ''`)
		noCheckpoints := withTrail(f.Svc, f.Svc.AuditTrail.Key, "")
		verifyFails(t, noCheckpoints, "head's HMAC")
		if _, err := f.Svc.WriteCheckpoint(ctx); tdkt.CodeOf(err) != tdkt.EConflict {
			t.Errorf("a checkpoint of a head reset without the key: %v", err)
		}
	})
}

// Recomputing the chain after an edit needs the key: an edit re-hashed with the
// unkeyed scheme, or re-hashed keyed with another key, is reported.
func TestAuditVerifyFindsRecomputedChain(t *testing.T) {
	tdkttest.EachDB(t, func(t *testing.T, db *sqldb.DB) {
		f := keyedFixture(t, db)
		ctx := context.Background()
		edited := count(t, db, `SELECT min(id) FROM audit_events WHERE entity = 'person' AND action = 'update'`)
		rehash := func(key []byte) {
			t.Helper()
			var events []sqldb.ChainedEvent
			if err := db.View(ctx, func(tx *sqldb.Tx) error {
				return tx.EachAuditEvent(ctx, func(e sqldb.ChainedEvent) error { events = append(events, e); return nil })
			}); err != nil {
				t.Fatal(err)
			}
			prev := ""
			if err := db.Update(ctx, func(tx *sqldb.Tx) error {
				for _, e := range events {
					if e.ID == edited {
						e.After = strings.Replace(e.After, "Phó Chủ tịch", "Chủ tịch", 1)
					}
					h, chain := sqldb.AuditHash(prev, &e.AuditEvent), sqldb.ChainSHA256
					if key != nil {
						h, chain = sqldb.AuditMAC(key, prev, &e.AuditEvent, e.State), sqldb.ChainHMAC1
					}
					if _, err := tx.Exec(ctx, `UPDATE audit_events SET after_json = ?, prev_hash = ?, hash = ?, chain = ? WHERE id = ?`, e.After, prev, h, chain, e.ID); err != nil {
						return err
					}
					prev = h
				}
				_, err := tx.Exec(ctx, `UPDATE audit_head SET hash = ?, mac = ?`, prev, sqldb.HeadMAC(key, prev))
				return err
			}); err != nil {
				t.Fatal(err)
			}
		}
		rehash(nil)
		noCheckpoints := withTrail(f.Svc, f.Svc.AuditTrail.Key, "")
		verifyFails(t, noCheckpoints, "no event is keyed")
		verifyFails(t, f.Svc, "checkpoint of event")
		rehash([]byte("a key that is not the installation's"))
		verifyFails(t, noCheckpoints, "its fields do not match its HMAC")
	})
}

// Another key does not verify the installation's trail, nor read its checkpoints,
// nor start over it.
func TestAuditVerifyWrongKey(t *testing.T) {
	tdkttest.EachDB(t, func(t *testing.T, db *sqldb.DB) {
		f := keyedFixture(t, db)
		other := withTrail(f.Svc, tdkttest.AuditConfig(t).Key, "")
		verifyFails(t, other, "HMAC")
		other.AuditTrail.Checkpoints = f.Svc.AuditTrail.Checkpoints
		verifyFails(t, other, "not by this key's")
		if _, err := other.StartAuditChain(context.Background()); tdkt.CodeOf(err) != tdkt.EConflict {
			t.Errorf("start with another key: %v", err)
		}
	})
}

// A checkpoint line changed by hand (a smaller count, to hide removed events) is
// reported with its line number.
func TestAuditVerifyForgedCheckpoint(t *testing.T) {
	tdkttest.EachDB(t, func(t *testing.T, db *sqldb.DB) {
		f := keyedFixture(t, db)
		c, err := f.Svc.WriteCheckpoint(context.Background())
		if err != nil {
			t.Fatal(err)
		}
		b, err := os.ReadFile(f.Svc.AuditTrail.Checkpoints)
		if err != nil {
			t.Fatal(err)
		}
		forged := strings.Replace(string(b), `"events":`+itoa(c.Events), `"events":`+itoa(c.Events-1), 1)
		if forged == string(b) {
			t.Fatal("nothing to forge")
		}
		if err := os.WriteFile(f.Svc.AuditTrail.Checkpoints, []byte(forged), 0o600); err != nil {
			t.Fatal(err)
		}
		verifyFails(t, f.Svc, "line 2: its HMAC does not match")
	})
}

func itoa(n int64) string { return strconv.FormatInt(n, 10) }

// withTrail is a Service on svc's database with another key and checkpoint file.
func withTrail(svc *core.Service, key []byte, checkpoints string) *core.Service {
	other := core.New(svc.DB)
	other.Now = svc.Now
	other.AuditTrail = core.AuditConfig{Key: key, Checkpoints: checkpoints}
	return other
}

// A database kept before the keyed chain (events from before any chain, then the
// unkeyed SHA-256 chain) verifies once the keyed chain starts over it: the old events
// as legacy, its rows through the snapshot of the start. An unkeyed event written
// after that is reported.
func TestAuditVerifyLegacyThenKeyed(t *testing.T) {
	tdkttest.EachDB(t, func(t *testing.T, db *sqldb.DB) {
		ctx := context.Background()
		exec(t, db, `INSERT INTO audit_events (at, actor, action, entity, entity_id) VALUES ('2020-01-01T00:00:00.000000Z', 'admin', 'create', 'org', 0)`)
		legacy := core.New(db)
		legacy.Now = func() time.Time { return tdkttest.Now }
		org := tdkt.Org{Code: "T09", Name: "Ủy ban nhân dân tỉnh Cũ", Level: tdkt.LevelProvince}
		if err := legacy.SaveOrg(ctx, nil, &org); err != nil {
			t.Fatal(err)
		}
		if _, err := legacy.CreateAccount(ctx, nil, core.NewAccount{Login: "canbo.cu", Name: "Cán bộ cũ", Password: tdkttest.Password, Role: tdkt.RoleAdmin, OrgCode: "T09"}); err != nil {
			t.Fatal(err)
		}
		keyed := withTrail(legacy, tdkttest.AuditConfig(t).Key, filepath.Join(t.TempDir(), "cp.jsonl"))
		if started, err := keyed.StartAuditChain(ctx); err != nil || !started {
			t.Fatalf("start over a legacy chain: %v, started %v", err, started)
		}
		rep, err := keyed.VerifyAudit(ctx)
		if err != nil || rep.Legacy != 1 || rep.Keyed != 2 || rep.Events != int(auditCount(t, db))-1 || rep.Rows != 2 || rep.Checkpoints != 1 {
			t.Fatalf("legacy then keyed: %+v, %v", rep, err)
		}
		if started, err := keyed.StartAuditChain(ctx); err != nil || started {
			t.Fatalf("a second start: %v, started %v", err, started)
		}
		org.Name = "Ủy ban nhân dân tỉnh Cũ Đổi Tên"
		if err := legacy.SaveOrg(ctx, nil, &org); err != nil {
			t.Fatal(err)
		}
		verifyFails(t, keyed, "an unkeyed event after the keyed chain started")
	})
}
