// Package web serves the HTML pages: the public portal at / and the staff
// application at /app/. Pages are rendered on the server with html/template, work
// without JavaScript, and follow post/redirect/get.
package web

import (
	"log/slog"
	"net/http"
	"strings"

	"tdkt"
	"tdkt/core"
)

// handler holds what every page needs: the use cases, the parsed templates and the
// logger for unexpected errors.
type handler struct {
	svc       *core.Service
	pages     *pages
	log       *slog.Logger
	publicURL string // Options.PublicURL
}

// Register adds the portal and the staff application to mux. The server in front of
// it sets the security headers, the cross-origin protection and the signed-in account.
func Register(mux *http.ServeMux, svc *core.Service) {
	RegisterWith(mux, svc, Options{PageCacheTTL: DefaultPageCacheTTL})
}

// RegisterWith is Register with its knobs set (benchmarks turn the page cache off).
func RegisterWith(mux *http.ServeMux, svc *core.Service, opt Options) { register(mux, svc, opt) }

// register adds the routes to mux, a ServeMux or the routeRecorder behind Routes.
func register(mux router, svc *core.Service, opt Options) {
	// Register's signature is fixed by the server package, so the edge logs through
	// the default logger, which cmd/tdkt configures.
	h := &handler{svc: svc, pages: mustParsePages(), log: slog.Default(), publicURL: strings.TrimRight(opt.PublicURL, "/")}
	// The front page and the public lists, for anonymous visitors: see pageCache.
	cache := newPageCache(opt.PageCacheTTL)
	cache.writes = svc.DB.Writes
	cache.revision = svc.DB.LastAuditID
	cache.byHost = h.publicURL == "" // its pages' Open Graph links come from the Host
	public := cache.wrap
	mux.Handle("GET /static/", http.StripPrefix("/static/", staticFiles()))
	mux.HandleFunc("GET /{$}", public(h.portal))
	// An address the site does not have gets the site's own page, in Vietnamese with
	// its title and language, not the bare text of the standard library.
	mux.HandleFunc("/", func(w http.ResponseWriter, r *http.Request) { h.notFound(w, r, nil) })
	mux.HandleFunc("GET /favicon.ico", h.favicon)
	mux.HandleFunc("GET /y-kien", public(h.nominations))
	mux.HandleFunc("GET /y-kien/{id}", h.nominationShow)
	mux.Handle("POST /y-kien/{id}", cache.invalidating(http.HandlerFunc(h.nominationComment)))
	mux.HandleFunc("GET /xac-minh/{token}", h.verify)
	mux.HandleFunc("GET /xac-minh/{token}/quyet-dinh.pdf", h.verifiedDecision)
	mux.HandleFunc("GET /xac-minh/{$}", h.verifyForm)
	mux.HandleFunc("GET /van-ban", public(h.portalDocuments))
	mux.HandleFunc("GET /lien-he", public(h.portalContact))
	mux.HandleFunc("GET /dien-hinh", public(h.honourPages))
	mux.HandleFunc("GET /dien-hinh/{id}", public(h.honourPage))
	mux.HandleFunc("GET /dien-hinh/{id}/anh", h.honourPhoto)
	mux.HandleFunc("GET /tin-tuc", public(h.newsList))
	mux.HandleFunc("GET /tin-tuc/{slug}", public(h.newsArticle))
	mux.HandleFunc("GET /tin-tuc/anh/{id}", h.newsImage)
	mux.HandleFunc("GET /rss.xml", h.rss)
	mux.HandleFunc("GET /atom.xml", h.atom)
	mux.HandleFunc("GET /quyet-dinh.rss", h.decisionsRSS)
	mux.HandleFunc("GET /sitemap.xml", h.sitemap)
	mux.HandleFunc("GET /bang-vang", public(h.honourRoll))
	mux.HandleFunc("GET /bang-vang/ca-nhan/{id}", public(h.rollPerson))
	mux.HandleFunc("GET /bang-vang/tap-the/{id}", public(h.rollCollective))

	mux.HandleFunc("GET /app/login", h.loginForm)
	mux.HandleFunc("POST /app/login", h.login)
	mux.HandleFunc("POST /app/login/code", h.loginCode)
	mux.HandleFunc("POST /app/logout", h.logout)
	mux.HandleFunc("GET /quen-mat-khau", h.forgotForm)
	mux.HandleFunc("POST /quen-mat-khau", h.forgot)
	mux.HandleFunc("GET /dat-lai-mat-khau/{token}", h.resetForm)
	mux.HandleFunc("POST /dat-lai-mat-khau/{token}", h.reset)

	// A staff page that changes something drops the cached public pages (see pageCache).
	app := func(pattern string, fn appFunc) { mux.Handle(pattern, cache.invalidating(h.app(fn))) }
	app("GET /app/{$}", h.home)
	app("/app/", h.notFound)

	app("GET /app/dashboard", h.dashboard)
	app("GET /app/dashboard/{file}", h.dashboardFile)

	app("GET /app/people", h.peopleList)
	app("GET /app/people/new", h.personNew)
	app("POST /app/people/new", h.personCreate)
	app("GET /app/people/{id}", h.personShow)
	app("GET /app/people/{id}/history.pdf", h.personHistory("pdf"))
	app("GET /app/people/{id}/history.xlsx", h.personHistory("xlsx"))
	app("GET /app/people/{id}/audit.csv", h.auditExport(tdkt.Individual, "csv"))
	app("GET /app/people/{id}/audit.xlsx", h.auditExport(tdkt.Individual, "xlsx"))
	app("GET /app/people/{id}/edit", h.personEdit)
	app("POST /app/people/{id}/edit", h.personUpdate)
	app("POST /app/people/{id}/cccd", h.personRevealCCCD)
	app("POST /app/undo/{kind}/{id}", h.recordUndo)
	app("POST /app/people/{id}/propose", h.personPropose)
	app("GET /app/people/{id}/personal-data", h.personalData)
	app("POST /app/people/{id}/personal-data", h.personalData)
	app("GET /app/people/{id}/delete", h.personDeleteForm)
	app("POST /app/people/{id}/delete", h.personDelete)

	app("GET /app/collectives", h.collectiveList)
	app("GET /app/collectives/new", h.collectiveNew)
	app("POST /app/collectives/new", h.collectiveSave)
	app("GET /app/collectives/{id}", h.collectiveShow)
	app("GET /app/collectives/{id}/history.pdf", h.collectiveHistory("pdf"))
	app("GET /app/collectives/{id}/history.xlsx", h.collectiveHistory("xlsx"))
	app("GET /app/collectives/{id}/audit.csv", h.auditExport(tdkt.Collective, "csv"))
	app("GET /app/collectives/{id}/audit.xlsx", h.auditExport(tdkt.Collective, "xlsx"))
	app("GET /app/collectives/{id}/edit", h.collectiveEdit)
	app("POST /app/collectives/{id}/edit", h.collectiveSave)

	app("GET /app/households", h.householdList)
	app("GET /app/households/new", h.householdNew)
	app("POST /app/households/new", h.householdSave)
	app("GET /app/households/{id}", h.householdShow)
	app("GET /app/households/{id}/audit.csv", h.auditExport(tdkt.Household, "csv"))
	app("GET /app/households/{id}/audit.xlsx", h.auditExport(tdkt.Household, "xlsx"))
	app("GET /app/households/{id}/edit", h.householdEdit)
	app("POST /app/households/{id}/edit", h.householdSave)

	// Per-year records hang under their subject, so that the page that lists them
	// (and checks that the account may see them) is the one that edits them.
	for _, s := range subjectSegs {
		for _, k := range recordKinds {
			base := "/app/" + s + "/{id}/" + k.seg
			app("GET "+base+"/new", h.recordNew(k))
			app("POST "+base, h.recordSave(k))
			app("GET "+base+"/{rid}/edit", h.recordEdit(k))
			app("POST "+base+"/{rid}/edit", h.recordSave(k))
			app("GET "+base+"/{rid}/delete", h.recordDeleteForm(k))
			app("POST "+base+"/{rid}/delete", h.recordDelete(k))
		}
	}

	// The reward procedure: what waits for the account, the dossiers, the councils.
	app("GET /app/inbox", h.inbox)
	app("GET /app/dossiers", h.dossierList)
	app("GET /app/dossiers/new", h.dossierNew)
	app("POST /app/dossiers/new", h.dossierCreate)
	app("GET /app/dossiers/{id}", h.dossierShow)
	app("GET /app/dossiers/{id}/edit", h.dossierEdit)
	app("POST /app/dossiers/{id}/edit", h.dossierUpdate)
	app("POST /app/dossiers/{id}/candidates", h.candidateAdd)
	app("POST /app/dossiers/{id}/candidates/{cid}/delete", h.candidateRemove)
	app("POST /app/dossiers/{id}/step", h.dossierStep)
	app("POST /app/dossiers/{id}/decide", h.dossierDecide)
	app("POST /app/dossiers/{id}/comments/{cid}/answer", h.commentAnswer)
	app("POST /app/dossiers/{id}/comments/{cid}/moderate", h.commentModerate)
	app("POST /app/dossiers/{id}/certificates/{cid}/revoke", h.certificateRevoke)
	app("POST /app/dossiers/{id}/decision/correct", h.decisionCorrect)
	app("POST /app/dossiers/{id}/files", h.fileUpload)
	app("GET /app/dossiers/{id}/files/{fid}", h.fileDownload)
	app("GET /app/dossiers/{id}/files/{fid}/delete", h.fileRemoveForm)
	app("POST /app/dossiers/{id}/files/{fid}/delete", h.fileRemove)
	app("POST /app/dossiers/{id}/files/{fid}/replace", h.fileUpload)
	app("GET /app/dossiers/{id}/documents/{name}", h.dossierDocument)
	app("GET /app/dossiers/{id}/export.zip", h.dossierExport)
	app("GET /app/dossiers/{id}/decision/{name}", h.decisionDocument)
	app("GET /app/dossiers/{id}/certificates.pdf", h.certificatesPDF)
	app("POST /app/dossiers/{id}/certificates/job", h.certificatesJob)
	app("GET /app/dossiers/{id}/certificates/{cid}/pdf", h.certificatePDF)
	app("GET /app/dossiers/{id}/package", h.dossierPackage)
	// Digital signatures: the document to sign, its signed copy back, the seal.
	app("GET /app/dossiers/{id}/sign/{doc}", h.dossierSignDownload)
	app("POST /app/dossiers/{id}/sign/{doc}", h.dossierSignUpload)
	app("POST /app/dossiers/{id}/sign/{doc}/seal", h.dossierSeal)
	// The physical items of a decision (hiện vật khen thưởng) and those not yet delivered.
	app("GET /app/award-items", h.awardItemsOverview)
	app("GET /app/decisions/{id}/items", h.awardItems)
	app("POST /app/decisions/{id}/items/receipt", h.awardItemsReceive)
	app("POST /app/decisions/{id}/items/{lid}/handover", h.awardItemHandOver)
	app("GET /app/councils", h.councilList)
	app("POST /app/councils", h.councilCreate)
	app("POST /app/councils/{id}/meetings", h.meetingOpen)
	app("GET /app/meetings/{id}", h.meetingShow)
	app("POST /app/meetings/{id}/vote", h.meetingVote)
	app("POST /app/meetings/{id}/recuse", h.meetingRecuse)
	app("POST /app/meetings/{id}/close", h.meetingClose)
	app("GET /app/meetings/{id}/documents/{name}", h.meetingDocument)
	app("GET /app/meetings/{id}/sign/{doc}", h.meetingSignDownload)
	app("POST /app/meetings/{id}/sign/{doc}", h.meetingSignUpload)
	app("POST /app/meetings/{id}/sign/{doc}/seal", h.meetingSeal)

	// Congresses of patriotic emulation and their typical examples.
	app("GET /app/congresses", h.congressList)
	app("POST /app/congresses", h.congressCreate)
	app("GET /app/congresses/{id}", h.congressShow)
	app("POST /app/congresses/{id}/step", h.congressStep)
	app("POST /app/congresses/{id}/examples", h.exampleSelect)
	app("GET /app/congresses/{id}/examples/{eid}", h.exampleEdit)
	app("POST /app/congresses/{id}/examples/{eid}", h.exampleSave)
	app("POST /app/congresses/{id}/examples/{eid}/photo", h.examplePhotoUpload)
	app("GET /app/congresses/{id}/examples/{eid}/photo", h.examplePhoto)
	app("POST /app/congresses/{id}/examples/{eid}/delete", h.exampleRemove)

	// News: written by clerks, approved, corrected and taken down by leaders.
	app("GET /app/news", h.newsStaffList)
	app("GET /app/news/new", h.articleNew)
	app("POST /app/news/new", h.articleCreate)
	app("GET /app/news/{id}", h.articleShow)
	app("GET /app/news/{id}/edit", h.articleEdit)
	app("POST /app/news/{id}/edit", h.articleUpdate)
	app("GET /app/news/{id}/correct", h.articleCorrectForm)
	app("POST /app/news/{id}/correct", h.articleCorrect)
	app("POST /app/news/{id}/step", h.articleStep)
	app("POST /app/news/{id}/images", h.articleImageUpload)
	app("GET /app/news/{id}/images/{iid}", h.articleImage)
	app("POST /app/news/{id}/images/{iid}/delete", h.articleImageDelete)

	app("GET /app/statistics", h.statistics)
	app("POST /app/statistics/job", h.statisticsJob)
	app("GET /app/movements", h.movementList)
	app("GET /app/movements/new", h.movementNew)
	app("POST /app/movements/new", h.movementCreate)
	app("GET /app/movements/{id}", h.movementShow)
	app("GET /app/movements/{id}/edit", h.movementEdit)
	app("POST /app/movements/{id}/edit", h.movementUpdate)
	app("POST /app/movements/{id}/status", h.movementStatus)
	app("POST /app/movements/{id}/checkins", h.movementCheckIn)
	app("POST /app/movements/{id}/reviews", h.movementReview)
	app("GET /app/movements/{id}/files/{fid}", h.movementFile)
	app("GET /app/movements/{id}/rewards/new", h.rewardNew)
	app("POST /app/movements/{id}/rewards/new", h.rewardCreate)
	app("GET /app/registrations", h.registrations)
	app("POST /app/registrations", h.registrationSave)
	app("POST /app/registrations/{id}/review", h.registrationReview)
	app("GET /app/registrations.xlsx", h.registrationXLSX)

	app("GET /app/clusters", h.clusterList)
	app("POST /app/clusters", h.clusterCreate)
	app("GET /app/clusters/{id}", h.clusterShow)
	app("POST /app/clusters/{id}/criteria", h.clusterAddCriterion)
	app("POST /app/clusters/{id}/members", h.clusterAddMember)
	app("POST /app/clusters/{id}/setup", h.clusterSetup)
	app("POST /app/clusters/{id}/members/{mid}/return", h.clusterReturnSelf)
	app("GET /app/clusters/{id}/self", h.clusterSelfForm)
	app("POST /app/clusters/{id}/self", h.clusterSelfSave)
	app("GET /app/clusters/{id}/grade/{mid}", h.clusterGradeForm)
	app("POST /app/clusters/{id}/grade/{mid}", h.clusterGradeSave)
	app("GET /app/clusters/{id}/ranking", h.clusterRanking)
	app("POST /app/clusters/{id}/approve", h.clusterApprove)
	app("POST /app/clusters/{id}/flag", h.clusterFlag)
	app("GET /app/clusters/{id}/evidence/{sid}", h.clusterEvidence)
	app("GET /app/clusters/{id}/history", h.clusterHistory)

	app("GET /app/suggest", h.suggest)
	app("GET /app/suggest.csv", h.suggestCSV)
	app("GET /app/suggest.xlsx", h.suggestXLSX)
	app("POST /app/suggest/propose", h.suggestPropose)
	app("POST /app/suggest/job", h.suggestJob)

	// Imports from Excel and CSV, and the background jobs that commit them.
	app("GET /app/imports", h.importsList)
	app("POST /app/imports", h.importUpload)
	app("GET /app/imports/templates/{file}", h.importTemplate)
	app("GET /app/imports/{id}", h.importShow)
	app("POST /app/imports/{id}/mapping", h.importMapping)
	app("POST /app/imports/{id}/commit", h.importCommit)
	app("GET /app/imports/{id}/errors/loi.xlsx", h.importErrors)
	app("GET /app/jobs", h.jobList)
	app("GET /app/jobs/{id}", h.jobShow)
	app("GET /app/jobs/{id}/status.json", h.jobStatus)
	app("POST /app/jobs/{id}/cancel", h.jobCancel)
	app("GET /app/jobs/{id}/result", h.jobResult)

	app("GET /app/orgs", h.orgsIndex)
	app("GET /app/orgs/{id}", h.orgShow)
	app("GET /app/orgs/{id}/edit", h.orgEdit)
	app("POST /app/orgs/{id}/edit", h.orgSave)
	app("GET /app/orgs/{id}/new", h.orgNew)
	app("POST /app/orgs/{id}/new", h.orgSave)

	// Administrators only: the configurable provisions and the yearly notices.
	app("GET /app/admin/rules", h.rulesPage)
	app("POST /app/admin/rules/{key}", h.ruleSave)
	app("GET /app/admin/calendar", h.calendarPage)
	app("POST /app/admin/calendar", h.calendarAdd)
	app("GET /app/admin/calendar/{id}/edit", h.calendarEdit)
	app("POST /app/admin/calendar/{id}/edit", h.calendarSave)
	app("POST /app/admin/calendar/{id}/delete", h.calendarDelete)
	app("GET /app/admin/privacy", h.privacyPage)
	app("POST /app/admin/privacy", h.privacySave)
	app("GET /app/admin/links", h.linksPage)
	app("POST /app/admin/links", h.linkSave)
	app("POST /app/admin/links/{id}/edit", h.linkSave)
	app("POST /app/admin/links/{id}/delete", h.linkDelete)
	app("GET /app/admin/signatures", h.signaturesPage)
	app("POST /app/admin/signatures/roots", h.trustRootAdd)
	app("POST /app/admin/signatures/roots/{id}/delete", h.trustRootRemove)
	app("POST /app/admin/signatures/crls", h.crlAdd)
	app("POST /app/admin/signatures/rules", h.signingRulesSave)
	app("POST /app/admin/signatures/images", h.signatureImageAdd)

	// The signed-in account's own page, and an administrator's hand on the accounts
	// of its subtree.
	app("GET /app/account", h.account)
	app("POST /app/account/profile", h.accountProfile)
	app("GET /app/account/notifications", h.notificationPrefs)
	app("POST /app/account/notifications", h.notificationPrefsSave)
	app("GET /app/notifications", h.notificationsPage)
	app("POST /app/notifications/read-all", h.notificationsReadAll)
	app("POST /app/notifications/{id}/read", h.notificationOpen)
	app("GET /app/admin/notifications", h.deliveriesPage)
	app("GET /app/admin/notifications/settings", h.notifySettingsPage)
	app("POST /app/admin/notifications/settings", h.notifySettingsSave)
	app("GET /app/admin/submission-dates", h.submissionDatesPage)
	app("POST /app/admin/submission-dates", h.submissionDateAdd)
	app("POST /app/admin/submission-dates/{id}/delete", h.submissionDateDelete)
	app("POST /app/account/password", h.accountPassword)
	app("GET /app/account/totp", h.totpPage)
	app("POST /app/account/totp", h.totpConfirm)
	app("POST /app/account/totp/new", h.totpNew)
	app("POST /app/account/sessions/others", h.accountEndOthers)
	app("POST /app/account/sessions/{ref}/end", h.accountEndSession)
	app("POST /app/account/tokens", h.accountTokenCreate)
	app("POST /app/account/tokens/{id}/revoke", h.accountTokenRevoke)
	app("POST /app/accounts/{id}/disable", h.accountManage("disable"))
	app("POST /app/accounts/{id}/enable", h.accountManage("enable"))
	app("POST /app/accounts/{id}/reset", h.accountManage("reset"))
	app("GET /app/admin/backups", h.backupsPage)
	app("POST /app/admin/backups", h.backupsSave)
	app("POST /app/admin/backups/now", h.backupNow)

	// The exchange with other installations (docs/exchange.md).
	app("GET /app/exchange", h.exchangePage)
	app("POST /app/exchange/import", h.exchangeImport)
	app("POST /app/exchange/peers", h.exchangePeerAdd)
}
