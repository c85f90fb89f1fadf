package server_test

import (
	"bytes"
	"context"
	"image"
	"image/color"
	"image/png"
	"net/url"
	"testing"

	"tdkt"
	"tdkt/core"
	"tdkt/pades"
	"tdkt/sqldb"
	"tdkt/tdkttest"
)

// world is the fixture province with a record of every kind that belongs to commune B
// (or to the province above both communes), and the accounts of every role at
// commune A that must not reach them.
type world struct {
	*tdkttest.Fixture
	ctx context.Context
	// Accounts the fixture lacks: commune A's leader and council member, and the
	// province's clerk and leader who take commune B's proposals to a decision.
	LeaderA, CouncilA, ProvClerk, ProvLeader tdkt.Account

	// Commune B's records. PersonB is the fixture's; PersonB2 is the one decided for.
	PersonB2                                 tdkt.Person
	Rating, Initiative, Discipline, Honour   int64 // PersonB's yearly records; Honour typed in from paper
	DecidedHonour                            int64 // conferred on PersonB2 by Decision
	Collective, CollectiveRating             int64
	CollectiveHonour, CollectiveInitiative   int64
	Household, HouseholdHonour               int64
	Decided, AtCouncil, Draft                tdkt.Dossier
	Decision, Certificate                    int64
	AwardItem                                int64 // the received certificate of Decision's awardee
	CertificateToken                         string
	DecidedCandidate, AtCouncilCandidate     int64
	DraftCandidate, DraftFile                int64
	Comment, Council, Meeting                int64
	Movement, MovementFile, Registration     int64
	Cluster, ClusterMember, ClusterSelfScore int64
	Congress, Example                        int64
	Article, ArticleImage                    int64
	ArticleSlug                              string
	Import, Job                              int64
	// Commune B's clerk's own account, API token and session: another account's
	// credentials are not commune A's to end or see.
	TokenB     int64
	SessionRef string
	// The installation's settings, kept by its administrator.
	CalendarDay, PortalLink int64
	RuleKey                 string
	TrustRoot               int64 // a root certificate in the trust store
	NotificationB           int64 // a notification of commune B's clerk
	SubmissionDateB         int64 // commune B's own yearly submission date
	// Commune A's own records for the privilege cases: an honour its province decided.
	DecidedHonourA int64

	// bodies, ownerJSON and ownerForms are what a change sends (prepareBodies).
	bodies     map[string]any
	ownerJSON  map[string]map[string]any
	ownerForms map[string]url.Values

	// Quiet and QuietCollective hold no honour: the honour roll knows neither.
	Quiet, QuietCollective int64

	// Markers is text that only commune B's records carry (names, titles, reasons):
	// none may appear in an answer to commune A's accounts.
	Markers []string
	// PublicMarkers are the markers of the records the portal shows to everyone: the
	// holders of an honour and the honour's decision.
	PublicMarkers []string
}

// Markers of commune B's records: plain words that nothing else in the fixture
// contains, so that a hit in any answer is a leak.
const (
	mkPerson2    = "Zqcand"
	mkRating     = "Zqrating"
	mkInitiative = "Zqinit"
	mkDiscipline = "Zqdisc"
	mkHonour     = "Zqhonour"
	mkCollective = "Zqcol"
	mkHousehold  = "Zqhouse"
	mkDossier    = "Zqdossier"
	mkFile       = "Zqfile"
	mkComment    = "Zqcomment"
	mkMovement   = "Zqmove"
	mkCheckIn    = "Zqcheckin"
	mkCluster    = "Zqcluster"
	mkCongress   = "Zqcongress"
	mkStory      = "Zqstory"
	mkArticle    = "Zqarticle"
	mkImport     = "Zqimport"
	mkMeeting    = "Zqmeeting"
	mkQuiet      = "Zqquiet"
)

func newWorld(t *testing.T, db *sqldb.DB) *world {
	t.Helper()
	f := tdkttest.NewFixture(t, db)
	w := &world{Fixture: f, ctx: context.Background()}
	ctx, svc := w.ctx, f.Svc
	must := func(what string, err error) {
		t.Helper()
		if err != nil {
			t.Fatalf("setting up %s: %v", what, err)
		}
	}
	acct := func(login string, role tdkt.Role, org string) tdkt.Account {
		a, err := svc.CreateAccount(ctx, nil, core.NewAccount{Login: login, Name: "Đồng chí " + login, Password: tdkttest.Password, Role: role, OrgCode: org})
		must("account "+login, err)
		return a
	}
	w.LeaderA = acct("lanhdao.a", tdkt.RoleLeader, "X01")
	w.CouncilA = acct("hoidong.a", tdkt.RoleCouncil, "X01")
	w.ProvClerk = acct("canbo.tinh", tdkt.RoleClerk, "T01")
	w.ProvLeader = acct("chutich.tinh", tdkt.RoleLeader, "T01")
	members := []core.CouncilMemberInput{{Login: "chutich.tinh", Position: "Chủ tịch Hội đồng", Chair: true}}
	for i := 1; i <= 4; i++ {
		m := acct("hd.tinh"+string(rune('0'+i)), tdkt.RoleCouncil, "T01")
		members = append(members, core.CouncilMemberInput{Login: m.Login, Position: "Ủy viên"})
	}
	clerkB := &f.ClerkB

	// A person, each kind of yearly record, a collective and a household.
	subB := tdkt.Subject{Kind: tdkt.Individual, ID: f.PersonB.ID}
	for y := 2021; y <= 2024; y++ {
		must("rating", svc.SaveRating(ctx, clerkB, &tdkt.YearRating{Subject: subB, Year: y, Rating: tdkt.RatingExcellent}))
	}
	r := tdkt.YearRating{Subject: subB, Year: 2025, Rating: tdkt.RatingExcellent, Note: "Ghi chú " + mkRating}
	must("rating", svc.SaveRating(ctx, clerkB, &r))
	w.Rating = r.ID
	in := tdkt.Initiative{Subject: subB, Year: 2025, Title: "Sáng kiến " + mkInitiative, Scope: tdkt.ScopeBase}
	must("initiative", svc.SaveInitiative(ctx, clerkB, &in))
	w.Initiative = in.ID
	dis := tdkt.Discipline{PersonID: f.PersonB.ID, Form: tdkt.Reprimand, DecidedOn: "2019-05-10", EndsOn: "2020-05-10", DecisionNo: "12/QĐ-UBND", Reason: "Lý do " + mkDiscipline}
	must("discipline", svc.SaveDiscipline(ctx, clerkB, &dis))
	w.Discipline = dis.ID
	hon := tdkt.Honour{Subject: subB, AwardCode: "chien_si_thi_dua_co_so", Year: 2024, Kind: tdkt.KindMerit,
		Decision: tdkt.Decision{Number: "88/QĐ-UBND", Date: "2025-01-15", Signer: "Người ký " + mkHonour, Issuer: f.CommuneB.Name}}
	must("honour", svc.SaveHonour(ctx, clerkB, &hon))
	w.Honour = hon.ID
	col := tdkt.CollectiveUnit{OrgID: f.CommuneB.ID, Name: "Tổ dân phố " + mkCollective}
	must("collective", svc.SaveCollective(ctx, clerkB, &col))
	w.Collective = col.ID
	subCol := tdkt.Subject{Kind: tdkt.Collective, ID: col.ID}
	cr := tdkt.YearRating{Subject: subCol, Year: 2025, Rating: tdkt.RatingExcellent, Note: "Ghi chú " + mkRating}
	must("collective rating", svc.SaveRating(ctx, clerkB, &cr))
	w.CollectiveRating = cr.ID
	ch := tdkt.Honour{Subject: subCol, AwardCode: "tap_the_lao_dong_tien_tien", Year: 2024, Kind: tdkt.KindMerit,
		Decision: tdkt.Decision{Number: "89/QĐ-UBND", Date: "2025-01-15", Signer: "Người ký " + mkHonour, Issuer: f.CommuneB.Name}}
	must("collective honour", svc.SaveHonour(ctx, clerkB, &ch))
	w.CollectiveHonour = ch.ID
	cin := tdkt.Initiative{Subject: subCol, Year: 2025, Title: "Sáng kiến " + mkInitiative, Scope: tdkt.ScopeBase}
	must("collective initiative", svc.SaveInitiative(ctx, clerkB, &cin))
	w.CollectiveInitiative = cin.ID
	hh := tdkt.HouseholdRecord{OrgID: f.CommuneB.ID, HeadName: "Hộ ông " + mkHousehold, Address: "Tổ 3, phường Ánh Dương"}
	must("household", svc.SaveHousehold(ctx, clerkB, &hh))
	w.Household = hh.ID
	hhh := tdkt.Honour{Subject: tdkt.Subject{Kind: tdkt.Household, ID: hh.ID}, AwardCode: "gia_dinh_van_hoa", Year: 2024, Kind: tdkt.KindMerit,
		Decision: tdkt.Decision{Number: "90/QĐ-UBND", Date: "2025-01-15", Signer: "Người ký " + mkHonour, Issuer: f.CommuneB.Name}}
	must("household honour", svc.SaveHonour(ctx, clerkB, &hhh))
	w.HouseholdHonour = hhh.ID
	quiet := tdkt.Person{OrgID: f.CommuneB.ID, FullName: "Đinh Văn " + mkQuiet, Sex: tdkt.Male, BirthDate: "1988-08-08",
		Group: tdkt.GroupOfficials, Position: "Công chức", HiredOn: "2015-01-01"}
	must("person", svc.CreatePerson(ctx, clerkB, &quiet))
	w.Quiet = quiet.ID
	qc := tdkt.CollectiveUnit{OrgID: f.CommuneB.ID, Name: "Tổ dân phố " + mkQuiet}
	must("collective", svc.SaveCollective(ctx, clerkB, &qc))
	w.QuietCollective = qc.ID

	// The province's council, which meets on commune B's proposal.
	council, err := svc.CreateCouncil(ctx, &w.ProvLeader, core.CouncilInput{OrgID: f.Province.ID, Name: "Hội đồng Thi đua – Khen thưởng tỉnh",
		EstablishedBy: "Quyết định số 01/QĐ-UBND", TermFrom: "2026-01-01", Members: members})
	must("council", err)
	w.Council = council.ID

	// Dossiers: one decided (decision, certificates), one before the council after
	// public comment, one draft with a file.
	w.PersonB2 = tdkt.Person{OrgID: f.CommuneB.ID, FullName: "Lê Thị " + mkPerson2, Sex: tdkt.Female, BirthDate: "1990-02-03",
		Group: tdkt.GroupOfficials, Position: "Công chức", HiredOn: "2012-09-01"}
	must("person", svc.CreatePerson(ctx, clerkB, &w.PersonB2))
	step := func(actor *tdkt.Account, d *tdkt.Dossier, a tdkt.DossierAction) {
		t.Helper()
		got, err := svc.Step(ctx, actor, d.ID, a, d.Version, "")
		must("step "+string(a), err)
		*d = got
	}
	sudden := func(reason string, who int64) (tdkt.Dossier, int64) {
		t.Helper()
		d, err := svc.CreateDossier(ctx, clerkB, core.DossierInput{OrgID: f.CommuneB.ID, Award: "bang_khen_bo_tinh", Kind: tdkt.KindSudden,
			Year: 2025, Simplified: true, Reason: reason})
		must("dossier", err)
		c, err := svc.AddCandidate(ctx, clerkB, d.ID, tdkt.Subject{Kind: tdkt.Individual, ID: who}, "Thành tích đột xuất "+mkDossier)
		must("candidate", err)
		v, err := svc.GetDossier(ctx, clerkB, d.ID)
		must("dossier", err)
		return v.Dossier, c.ID
	}
	w.Decided, w.DecidedCandidate = sudden("Dũng cảm cứu người "+mkDossier, w.PersonB2.ID)
	step(clerkB, &w.Decided, tdkt.ActSubmit)
	step(&w.ProvClerk, &w.Decided, tdkt.ActReceive)
	step(&w.ProvLeader, &w.Decided, tdkt.ActApprove)
	dec, err := svc.Decide(ctx, &w.ProvLeader, w.Decided.ID, core.DecisionInput{Number: "77/QĐ-UBND", Date: "2026-11-20", Signer: "Nguyễn Văn Chủ", Version: w.Decided.Version})
	must("decision", err)
	w.Decision = dec.ID
	_, certs, err := svc.Certificates(ctx, &w.ProvLeader, w.Decided.ID)
	must("certificates", err)
	if len(certs) == 0 {
		t.Fatal("the decision issued no certificate")
	}
	w.Certificate, w.CertificateToken = certs[0].ID, certs[0].Token
	rec, err := svc.PersonRecord(ctx, clerkB, w.PersonB2.ID)
	must("record", err)
	for _, h := range rec.Honours {
		if h.DecisionID == dec.ID {
			w.DecidedHonour = h.ID
		}
	}
	if w.DecidedHonour == 0 {
		t.Fatal("the decision left no honour on the record")
	}
	_, err = svc.ReceiveAwardItems(ctx, clerkB, dec.ID, "2026-11-23", []string{string(tdkt.ItemCertificate)})
	must("award items", err)
	items, err := svc.AwardItems(ctx, clerkB, dec.ID)
	must("award items", err)
	w.AwardItem = items.Awardees[0].Items[0].ID

	w.AtCouncil, w.AtCouncilCandidate = sudden("Hoàn thành xuất sắc nhiệm vụ "+mkDossier, f.PersonB.ID)
	step(clerkB, &w.AtCouncil, tdkt.ActSubmit)
	step(&w.ProvClerk, &w.AtCouncil, tdkt.ActReceive)
	step(&w.ProvClerk, &w.AtCouncil, tdkt.ActAppraise)
	step(&w.ProvClerk, &w.AtCouncil, tdkt.ActPublish)
	cm, err := svc.AddComment(ctx, w.AtCouncil.ID, "Người dân "+mkComment, "", "Ý kiến "+mkComment, "203.0.113.5")
	must("comment", err)
	w.Comment = cm.ID
	step(&w.ProvClerk, &w.AtCouncil, tdkt.ActToCouncil)
	m, err := svc.OpenMeeting(ctx, &w.ProvClerk, w.Council, "2026-11-26", "Phòng họp "+mkMeeting, []int64{w.AtCouncil.ID})
	must("meeting", err)
	w.Meeting = m.ID

	w.Draft, w.DraftCandidate = sudden("Đề nghị còn soạn "+mkDossier, f.PersonB.ID)
	file, err := svc.AttachFile(ctx, clerkB, w.Draft.ID, "bao_cao_thanh_tich", mkFile+".pdf", []byte("%PDF-1.4 "+mkFile))
	must("file", err)
	w.DraftFile = file.ID

	// A movement of commune B with a check-in and its file, and a registration.
	mv := tdkt.Movement{OrgID: f.CommuneB.ID, Name: "Phong trào " + mkMovement, Objectives: "Mục tiêu " + mkMovement,
		Scope: tdkt.MovementUnitwide, Method: tdkt.MethodThematic, StartsOn: "2026-03-01", EndsOn: "2026-12-31"}
	must("movement", svc.CreateMovement(ctx, clerkB, &mv))
	mv, err = svc.LaunchMovement(ctx, clerkB, mv.ID, mv.Version)
	must("launch", err)
	w.Movement = mv.ID
	ci, err := svc.AddCheckIn(ctx, clerkB, mv.ID, core.CheckInInput{On: "2026-06-30", Text: "Báo cáo " + mkCheckIn, FileName: mkFile + ".pdf", File: []byte("%PDF-1.4 " + mkFile)})
	must("check-in", err)
	w.MovementFile = ci.FileID
	reg, err := svc.SaveRegistration(ctx, clerkB, core.RegistrationInput{OrgID: f.CommuneB.ID, Year: 2026,
		People: []tdkt.RegisteredPerson{{PersonID: f.PersonB.ID, Award: "chien_si_thi_dua_co_so"}}})
	must("registration", err)
	w.Registration = reg.ID

	// A cluster organised by the province whose only member is commune B's collective.
	cl, err := svc.CreateCluster(ctx, &f.Admin, core.ClusterInput{OrgID: f.Province.ID, Name: "Cụm thi đua " + mkCluster, Kind: tdkt.ClusterCum, Year: 2026})
	must("cluster", err)
	w.Cluster = cl.ID
	mem, err := svc.AddClusterMember(ctx, &f.Admin, cl.ID, col.ID)
	must("cluster member", err)
	w.ClusterMember = mem.ID
	_, err = svc.AddClusterGrader(ctx, &f.Admin, cl.ID, f.Province.ID)
	must("cluster grader", err)
	crit, err := svc.AddCriterion(ctx, &f.Admin, cl.ID, tdkt.ClusterCriterion{Group: "I. Nhiệm vụ", Name: "Hoàn thành chỉ tiêu " + mkCluster, Max: 10, Weight: 1})
	must("criterion", err)
	score := 8.0
	must("self assessment", svc.SaveSelfAssessment(ctx, clerkB, cl.ID, mem.ID, []core.SelfScoreInput{{CriterionID: crit.ID, Score: &score,
		Evidence: "Minh chứng " + mkCluster, FileName: mkFile + ".pdf", File: []byte("%PDF-1.4 " + mkFile)}}, false))
	cv, err := svc.GetCluster(ctx, clerkB, cl.ID)
	must("cluster", err)
	for _, s := range cv.SelfScores {
		w.ClusterSelfScore = s.ID
	}

	// A congress of commune B with a typical example (not published) and its photo.
	g, err := svc.CreateCongress(ctx, clerkB, core.CongressInput{OrgID: f.CommuneB.ID, Name: "Đại hội " + mkCongress, HeldOn: "2026-10-20", PeriodFrom: 2021, PeriodTo: 2025})
	must("congress", err)
	w.Congress = g.ID
	x, err := svc.SelectExample(ctx, clerkB, g.ID, tdkt.Subject{Kind: tdkt.Individual, ID: w.PersonB2.ID})
	must("example", err)
	x, err = svc.SaveStory(ctx, clerkB, g.ID, x.ID, core.StoryInput{Title: "Tấm gương " + mkStory, Summary: "Tóm tắt " + mkStory, Body: "Câu chuyện " + mkStory, Version: x.Version})
	must("story", err)
	_, err = svc.SetPhoto(ctx, clerkB, g.ID, x.ID, pngOf(400, 300), x.Version+0)
	must("photo", err)
	w.Example = x.ID

	// An unpublished article of commune B with an image.
	a, err := svc.CreateArticle(ctx, clerkB, core.ArticleInput{Title: "Tin " + mkArticle, Summary: "Tóm tắt " + mkArticle,
		Body: "Nội dung " + mkArticle, Category: "thi-dua-khen-thuong", Tags: "sơ kết"})
	must("article", err)
	w.Article, w.ArticleSlug = a.ID, a.Slug
	im, err := svc.AddArticleImage(ctx, clerkB, a.ID, pngOf(1200, 800), "Ảnh "+mkArticle)
	must("article image", err)
	w.ArticleImage = im.ID

	// An import staged by commune B's clerk and a job it queued.
	w.Import, err = svc.StageImport(ctx, clerkB, "staff", mkImport+".csv",
		[]byte("Họ và tên,Ngày sinh,Giới tính\nPhan Văn "+mkImport+",01/02/1980,Nam\n"))
	must("import", err)
	w.Job, err = svc.StartSuggestJob(ctx, clerkB, core.SuggestQuery{Year: 2025})
	must("job", err)
	tok, err := svc.CreateTokenFor(ctx, clerkB.Login, "Tích hợp "+mkImport, 30)
	must("token", err)
	w.TokenB = tok.ID
	f.Client(t, clerkB.Login) // a session of commune B's clerk
	must("session", db.View(ctx, func(tx *sqldb.Tx) error {
		return tx.Get(ctx, "phiên", `SELECT token_hash FROM sessions WHERE account_id = ? ORDER BY created_at LIMIT 1`, []any{clerkB.ID}, &w.SessionRef)
	}))
	w.SessionRef = w.SessionRef[:16]

	// The installation's settings: a day off, a portal link, a provision.
	day := sqldb.CalendarDay{Day: "2026-12-24", Off: true, Note: "Nghỉ bù của tỉnh"}
	must("calendar day", svc.SaveCalendarDay(ctx, &f.Admin, &day))
	w.CalendarDay = day.ID
	link := sqldb.PortalLink{Title: "Cổng thông tin tỉnh", URL: "https://example.vn/", Position: 1}
	must("portal link", svc.SavePortalLink(ctx, &f.Admin, &link))
	w.PortalLink = link.ID
	root, _, leaf, err := pades.DemoChain("Người ký "+mkQuiet, "Tỉnh", tdkttest.Now)
	must("demo chain", err)
	tr, err := svc.AddTrustRoot(ctx, &f.Admin, root.Raw, true)
	must("trust root", err)
	w.TrustRoot = tr.ID
	// The province seals its decisions: the decided dossier's decision has a signed copy,
	// which its certificate's verification page offers.
	svc.Signing = core.SigningConfig{Signer: leaf, Demo: true}
	must("signing rule", svc.SetSigningRule(ctx, &f.Admin, f.Province.ID, "decision", true))
	_, err = svc.SealDocument(ctx, &w.ProvLeader, core.DocRef{Owner: "dossier", OwnerID: w.Decided.ID, Kind: "decision"})
	must("sealed decision", err)
	settings, err := svc.RuleConfig(ctx, &f.Admin)
	must("rule settings", err)
	if len(settings) == 0 {
		t.Fatal("no configurable provision")
	}
	w.RuleKey = settings[0].Key

	notes, _, err := svc.Notifications(ctx, clerkB, false, 1)
	must("commune B's notifications", err)
	if len(notes) == 0 {
		t.Fatal("commune B's clerk has no notification after the decision")
	}
	w.NotificationB = notes[0].ID
	sd := tdkt.SubmissionDate{OrgID: f.CommuneB.ID, AwardCode: "giay_khen", Month: 11, Day: 15, Note: "Hạn riêng " + mkQuiet}
	must("submission date", svc.SaveSubmissionDate(ctx, &f.Admin, &sd))
	w.SubmissionDateB = sd.ID

	w.DecidedHonourA = decideForA(t, w)

	w.Markers = []string{f.PersonB.FullName, mkPerson2, mkRating, mkInitiative, mkDiscipline, mkHonour, mkCollective, mkHousehold,
		mkDossier, mkFile, mkComment, mkMovement, mkCheckIn, mkCluster, mkCongress, mkStory, mkArticle, mkImport, mkMeeting, mkQuiet}
	w.PublicMarkers = []string{f.PersonB.FullName, mkPerson2, mkHonour, mkCollective, mkHousehold}
	return w
}

// decideForA takes a simplified proposal of commune A through to the province's
// decision (as core's decided tests do) and returns the honour it conferred.
func decideForA(t *testing.T, w *world) int64 {
	t.Helper()
	ctx, svc, f := w.ctx, w.Svc, w.Fixture
	d, err := svc.CreateDossier(ctx, &f.ClerkA, core.DossierInput{OrgID: f.CommuneA.ID, Award: "bang_khen_bo_tinh", Kind: tdkt.KindSudden,
		Year: 2025, Simplified: true, Reason: "Dũng cảm cứu người trong lũ"})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := svc.AddCandidate(ctx, &f.ClerkA, d.ID, tdkt.Subject{Kind: tdkt.Individual, ID: f.PersonA.ID}, "Cứu ba người bị nước cuốn trôi"); err != nil {
		t.Fatal(err)
	}
	v, err := svc.GetDossier(ctx, &f.ClerkA, d.ID)
	if err != nil {
		t.Fatal(err)
	}
	d = v.Dossier
	for _, s := range []struct {
		actor *tdkt.Account
		act   tdkt.DossierAction
	}{{&f.ClerkA, tdkt.ActSubmit}, {&w.ProvClerk, tdkt.ActReceive}, {&w.ProvLeader, tdkt.ActApprove}} {
		if d, err = svc.Step(ctx, s.actor, d.ID, s.act, d.Version, ""); err != nil {
			t.Fatalf("%s: %v", s.act, err)
		}
	}
	dec, err := svc.Decide(ctx, &w.ProvLeader, d.ID, core.DecisionInput{Number: "78/QĐ-UBND", Date: "2026-11-20", Signer: "Nguyễn Văn Chủ", Version: d.Version})
	if err != nil {
		t.Fatal(err)
	}
	rec, err := svc.PersonRecord(ctx, &f.ClerkA, f.PersonA.ID)
	if err != nil {
		t.Fatal(err)
	}
	for _, h := range rec.Honours {
		if h.DecisionID == dec.ID {
			return h.ID
		}
	}
	t.Fatal("the decision left no honour on commune A's record")
	return 0
}

func pngOf(w, h int) []byte {
	img := image.NewRGBA(image.Rect(0, 0, w, h))
	for y := 0; y < h; y++ {
		for x := 0; x < w; x++ {
			img.Set(x, y, color.RGBA{uint8(x), uint8(y), 120, 255})
		}
	}
	var b bytes.Buffer
	png.Encode(&b, img)
	return b.Bytes()
}
