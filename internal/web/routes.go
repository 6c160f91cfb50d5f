package web

import (
	"io/fs"
	"net/http"

	"github.com/consulta/consulta/internal/staff"
)

// route is one line of the routes table: a ServeMux pattern and its
// handler, with the middleware that guards it applied on the line.
type route struct {
	pattern string
	handler http.HandlerFunc
}

// routes is every URL Consulta serves, in reading order. Guards:
// s.limited / s.apiLimited rate-limit public posts per client; s.may(a, …)
// needs a signed-in staff member whose role may do a, s.apiMay(a, …) an
// API token whose owner's role may (the table is internal/staff); both
// also keep an account limited to one consultation to the routes naming
// it (auth.go, userMay). The
// opinion-map participant checks, and the staff actions of the routes
// that take participants too, happen in the handlers (the participant
// token is the consultation's). roles_test.go reads the actions off
// these lines and tries every role on every one.
func (s *Server) routes() []route {
	return []route{
		{"GET /static/", staticFiles()},
		{"GET /favicon.ico", s.serveFavicon},
		{"GET /logo", s.serveLogo},
		{"GET /healthz", s.healthz},
		{"GET /metrics", s.serveMetrics},

		// Public pages: the consultation, registration and its emailed links.
		{"GET /{$}", s.showHome},
		{"GET /privacy", s.showPrivacy},
		{"GET /c/{slug}", s.showConsultation},
		{"GET /c/{slug}/event.ics", s.consultationICS},
		{"GET /c/{slug}/register", s.showRegistrationForm},
		{"POST /c/{slug}/register", s.limited(s.submitRegistration)},
		{"GET /c/{slug}/registered", s.showCheckEmail},
		{"GET /r/confirm/{token}", s.showConfirm},
		{"POST /r/confirm/{token}", s.confirmRegistration},
		{"GET /r/cancel/{token}", s.showCancel},
		{"POST /r/cancel/{token}", s.cancelRegistration},
		{"GET /reviews/{slug}/calendar.ics", s.reviewICS},

		// A registrant's own page and personal join link (signed tokens).
		{"GET /p/{token}", s.showParticipant},
		{"POST /p/{token}/cancel", s.cancelParticipant},
		{"POST /p/{token}/erase", s.eraseParticipant},
		{"GET /p/{token}/data.json", s.participantData},
		{"GET /p/{token}/event.ics", s.participantICS},
		{"GET /j/{token}", s.joinMeeting},
		{"POST /p/{token}/floor", s.askFloor},
		{"POST /p/{token}/floor/withdraw", s.withdrawFloor},

		// The opinion map: results, voting, and the links that let people in.
		{"GET /c/{slug}/opinions", s.showOpinionMap},
		{"GET /c/{slug}/opinions/groups", s.showOpinionBreakdown},
		{"GET /c/{slug}/opinions/vote", s.showVote},
		{"POST /c/{slug}/opinions/vote", s.submitVote},
		{"POST /c/{slug}/opinions/statements", s.submitStatement},
		{"GET /c/{slug}/opinions/join/{token}", s.joinOpinions},
		{"POST /c/{slug}/opinions/signin", s.limited(s.requestOpinionSignIn)},
		{"GET /c/{slug}/opinions/signin/{token}", s.opinionSignIn},

		// Written inputs: the public call, a participant's form, the emailed
		// links, the archive and each input's permalink.
		{"GET /reviews/{slug}/inputs", s.showInputsArchive},
		{"GET /reviews/{slug}/inputs.csv", s.downloadInputs},
		{"GET /reviews/{slug}/inputs.json", s.downloadInputs},
		{"GET /reviews/{slug}/inputs.xlsx", s.downloadInputs},
		{"GET /reviews/{slug}/inputs.zip", s.downloadInputs},
		{"GET /reviews/{slug}/inputs/new", s.showInputForm},
		{"POST /reviews/{slug}/inputs", s.limited(s.submitInput)},
		{"GET /reviews/{slug}/inputs/sent", s.showInputSent},
		{"GET /reviews/{slug}/inputs/new/{token}", s.showParticipantInputForm},
		{"POST /reviews/{slug}/inputs/new/{token}", s.limited(s.submitParticipantInput)},
		{"GET /inputs/{id}", s.showInput},
		{"GET /inputs/{id}/attachments/{n}", s.serveAttachment},
		{"GET /inputs/verify/{token}", s.verifyInput},
		{"POST /inputs/verify/{token}", s.verifyInput},
		{"GET /inputs/edit/{token}", s.editInput},
		{"POST /inputs/edit/{token}", s.limited(s.editInput)},

		// The secretariat: signing in.
		{"GET /admin/login", s.showLogin},
		{"POST /admin/login", s.signInLimited(s.submitLogin)},
		{"POST /admin/logout", s.logout},
		{"GET /admin/forgot-password", s.showForgotPassword},
		{"POST /admin/forgot-password", s.signInLimited(s.submitForgotPassword)},
		{"GET /admin/set-password/{token}", s.showSetPassword},
		{"POST /admin/set-password/{token}", s.signInLimited(s.submitSetPassword)},

		// The secretariat: reviews and consultations.
		{"GET /admin", s.may(staff.ReadContent, s.showDashboard)},
		{"GET /admin/reviews/new", s.may(staff.EditContent, s.showNewReview)},
		{"POST /admin/reviews", s.may(staff.EditContent, s.createReview)},
		{"GET /admin/reviews/{slug}/edit", s.may(staff.ReadContent, s.showEditReview)},
		{"POST /admin/reviews/{slug}", s.may(staff.EditContent, s.updateReview)},
		{"GET /admin/reviews/{slug}/translations/{lang}", s.may(staff.ReadContent, s.showReviewTranslation)},
		{"POST /admin/reviews/{slug}/translations/{lang}", s.may(staff.EditContent, s.saveReviewTranslation)},
		{"GET /admin/consultations/new", s.may(staff.EditContent, s.showNewConsultation)},
		{"POST /admin/consultations", s.may(staff.EditContent, s.createConsultation)},
		{"GET /admin/consultations/{slug}/edit", s.may(staff.ReadContent, s.showEditConsultation)},
		{"POST /admin/consultations/{slug}", s.may(staff.EditContent, s.updateConsultation)},
		{"GET /admin/consultations/{slug}/translations/{lang}", s.may(staff.ReadContent, s.showConsultationTranslation)},
		{"POST /admin/consultations/{slug}/translations/{lang}", s.may(staff.EditContent, s.saveConsultationTranslation)},

		// The secretariat: registrations and the outbox.
		{"GET /admin/consultations/{slug}/registrations", s.may(staff.ReadRegistrations, s.showRegistrations)},
		{"GET /admin/consultations/{slug}/registrations.csv", s.may(staff.ExportRegistrations, s.exportRegistrationsCSV)},
		{"GET /admin/consultations/{slug}/registrations.xlsx", s.may(staff.ExportRegistrations, s.exportRegistrationsXLSX)},
		{"POST /admin/consultations/{slug}/registrations/{id}/approve", s.may(staff.ApproveRegistrations, s.approveRegistration)},
		{"POST /admin/consultations/{slug}/registrations/{id}/reject", s.may(staff.ApproveRegistrations, s.rejectRegistration)},
		{"POST /admin/consultations/{slug}/registrations/{id}/unapprove", s.may(staff.ApproveRegistrations, s.unapproveRegistration)},
		{"POST /admin/consultations/{slug}/registrations/bulk", s.may(staff.ApproveRegistrations, s.bulkRegistrations)},
		{"GET /admin/consultations/{slug}/meeting", s.may(staff.ReadMeetingURL, s.showMeeting)},
		{"POST /admin/consultations/{slug}/meeting/release", s.may(staff.ReleaseMeetingLink, s.releaseMeeting)},
		{"POST /admin/consultations/{slug}/messages", s.may(staff.MessageRegistrants, s.createMessage)},
		{"POST /admin/consultations/{slug}/messages/{id}/test", s.may(staff.MessageRegistrants, s.testMessage)},
		{"POST /admin/consultations/{slug}/messages/{id}/send", s.may(staff.MessageRegistrants, s.sendMessage)},
		{"GET /admin/outbox", s.may(staff.ReadOutbox, s.showOutbox)},
		{"GET /admin/outbox/{id}", s.may(staff.ReadOutbox, s.showOutboxMessage)},
		{"GET /admin/deliveries", s.may(staff.ReadOutbox, s.showDeliveries)},
		{"POST /admin/deliveries/rate", s.may(staff.ConfigureMail, s.saveMailRate)},
		{"GET /admin/users", s.may(staff.ManageUsers, s.showUsers)},
		{"POST /admin/users/{id}/scope", s.may(staff.ManageUsers, s.saveUserScope)},

		// The secretariat: opinion maps.
		{"GET /admin/consultations/{slug}/opinions", s.may(staff.ReadOpinions, s.showAdminOpinions)},
		{"POST /admin/consultations/{slug}/opinions", s.may(staff.ConfigureOpinions, s.saveOpinionSettings)},
		{"POST /admin/consultations/{slug}/opinions/statements", s.may(staff.SeedStatements, s.addSeedStatement)},
		{"POST /admin/consultations/{slug}/opinions/statements/{tid}", s.may(staff.ModerateStatements, s.moderateStatement)},

		// The secretariat: written inputs, their moderation and calls.
		{"GET /admin/reviews/{slug}/inputs", s.may(staff.ReadInputs, s.showAdminInputs)},
		{"POST /admin/reviews/{slug}/inputs/call", s.may(staff.ModerateInputs, s.saveInputCall)},
		{"GET /admin/reviews/{slug}/inputs/new", s.may(staff.SubmitInputsOnBehalf, s.showOnBehalfForm)},
		{"POST /admin/reviews/{slug}/inputs", s.may(staff.SubmitInputsOnBehalf, s.submitOnBehalf)},
		{"GET /admin/inputs/{id}", s.may(staff.ReadInputs, s.showAdminInput)},
		{"POST /admin/inputs/{id}/moderate", s.may(staff.ModerateInputs, s.moderateInput)},

		// The live session: the events stream, the moderator's page, the
		// agenda editor and the rapporteur's record.
		{"GET /c/{slug}/live", s.liveEvents},
		{"GET /c/{slug}/record", s.showClosingRecord},
		{"GET /c/{slug}/record.csv", s.closingRecordCSV},
		{"GET /c/{slug}/record.xlsx", s.closingRecordXLSX},
		{"GET /admin/consultations/{slug}/live", s.may(staff.RunSession, s.showLive)},
		{"POST /admin/consultations/{slug}/live/item", s.may(staff.RunSession, s.startLiveItem)},
		{"POST /admin/consultations/{slug}/live/time", s.may(staff.RunSession, s.saveInterventionTime)},
		{"POST /admin/consultations/{slug}/live/speakers", s.may(staff.RunSession, s.addLiveSpeaker)},
		{"POST /admin/consultations/{slug}/live/speakers/{id}/{action}", s.may(staff.RunSession, s.speakerAction)},
		{"POST /admin/consultations/{slug}/live/floor/end", s.may(staff.RunSession, s.endFloor)},
		{"GET /admin/consultations/{slug}/live/agenda", s.may(staff.RunSession, s.showAgendaEditor)},
		{"POST /admin/consultations/{slug}/live/agenda", s.may(staff.RunSession, s.saveAgenda)},
		{"GET /admin/consultations/{slug}/live/agenda/translations/{lang}", s.may(staff.RunSession, s.showAgendaTranslation)},
		{"POST /admin/consultations/{slug}/live/agenda/translations/{lang}", s.may(staff.RunSession, s.saveAgendaTranslation)},
		{"GET /admin/consultations/{slug}/live/record", s.may(staff.RecordInterventions, s.showRecord)},
		{"POST /admin/consultations/{slug}/live/record", s.may(staff.RecordInterventions, s.recordIntervention)},
		{"POST /admin/consultations/{slug}/live/record/publish", s.may(staff.PublishRecord, s.publishRecord)},
		{"GET /admin/consultations/{slug}/live/record.csv", s.may(staff.RecordInterventions, s.staffRecordCSV)},
		{"GET /admin/consultations/{slug}/live/record.xlsx", s.may(staff.RecordInterventions, s.staffRecordXLSX)},
		{"GET /admin/consultations/{slug}/checkin", s.may(staff.CheckIn, s.showCheckIn)},
		{"POST /admin/consultations/{slug}/checkin/{id}", s.may(staff.CheckIn, s.checkIn)},

		// The synthesis report: generated (a durable job), curated and
		// published by the secretariat; public only once published.
		{"GET /reviews/{slug}/report", s.showPublicReport},
		{"GET /reviews/{slug}/report.html", s.downloadPublicReport},
		{"GET /reviews/{slug}/report.md", s.downloadPublicReport},
		{"GET /reviews/{slug}/report.docx", s.downloadPublicReport},
		{"GET /reviews/{slug}/report.json", s.downloadPublicReport},
		{"GET /admin/reviews/{slug}/report", s.may(staff.GenerateReport, s.showAdminReport)},
		{"POST /admin/reviews/{slug}/report/generate", s.may(staff.GenerateReport, s.generateReport)},
		{"POST /admin/reviews/{slug}/report/curation", s.may(staff.GenerateReport, s.curateReport)},
		{"POST /admin/reviews/{slug}/report/curation/undo", s.may(staff.GenerateReport, s.undoCuration)},
		{"POST /admin/reviews/{slug}/report/publish", s.may(staff.PublishReport, s.publishReport)},
		{"GET /admin/reviews/{slug}/report/draft.html", s.may(staff.GenerateReport, s.downloadDraftReport)},
		{"GET /admin/reviews/{slug}/report/draft.md", s.may(staff.GenerateReport, s.downloadDraftReport)},
		{"GET /admin/reviews/{slug}/report/draft.docx", s.may(staff.GenerateReport, s.downloadDraftReport)},
		{"GET /admin/reviews/{slug}/report/draft.json", s.may(staff.GenerateReport, s.downloadDraftReport)},

		// The JSON API, described by openapi.json (a test keeps them in step).
		{"GET /api/v1/openapi.json", s.apiOpenAPI},
		{"GET /api/v1/consultations", s.apiListConsultations},
		{"GET /api/v1/consultations/{slug}", s.apiShowConsultation},
		{"POST /api/v1/consultations/{slug}/registrations", s.apiLimited(s.apiRegister)},
		{"GET /api/v1/consultations/{slug}/registrations", s.apiMay(staff.ReadRegistrations, s.apiListRegistrations)},
		{"PATCH /api/v1/consultations/{slug}", s.apiMay(staff.EditContent, s.apiPatchConsultation)},
		{"POST /api/v1/consultations/{slug}/registrations/{id}/approve", s.apiMay(staff.ApproveRegistrations, s.apiApproveRegistration)},
		{"POST /api/v1/consultations/{slug}/registrations/{id}/reject", s.apiMay(staff.ApproveRegistrations, s.apiRejectRegistration)},
		{"POST /api/v1/consultations/{slug}/link/release", s.apiMay(staff.ReleaseMeetingLink, s.apiReleaseLink)},
		{"POST /api/v1/consultations/{slug}/messages", s.apiMay(staff.MessageRegistrants, s.apiSendMessage)},
		{"GET /api/v1/consultations/{slug}/statements", s.apiListStatements},
		{"POST /api/v1/consultations/{slug}/statements", s.apiAddStatement},
		{"PATCH /api/v1/consultations/{slug}/statements/{id}", s.apiMay(staff.ModerateStatements, s.apiModerateStatement)},
		{"POST /api/v1/consultations/{slug}/votes", s.apiVote},
		{"GET /api/v1/consultations/{slug}/opinions", s.apiOpinionMap},
		{"GET /api/v1/consultations/{slug}/opinions/breakdown", s.apiOpinionBreakdown},
		// Written inputs: submitted by a participant or staff token, read by
		// anyone (published only) or staff (all), moderated by staff.
		{"POST /api/v1/inputs", s.apiLimited(s.apiSubmitInput)},
		{"GET /api/v1/inputs", s.apiListInputs},
		{"GET /api/v1/inputs/{id}", s.apiShowInput},
		{"POST /api/v1/inputs/{id}/publish", s.apiMay(staff.ModerateInputs, s.apiPublishInput)},
		{"POST /api/v1/inputs/{id}/reject", s.apiMay(staff.ModerateInputs, s.apiRejectInput)},

		{"GET /api/v1/consultations/{slug}/agenda", s.apiAgenda},
		{"GET /api/v1/consultations/{slug}/live", s.liveEvents},
		{"POST /api/v1/consultations/{slug}/queue", s.apiMay(staff.RunSession, s.apiAddSpeaker)},
		{"GET /api/v1/consultations/{slug}/interventions", s.apiInterventions},
		{"POST /api/v1/consultations/{slug}/checkins", s.apiMay(staff.CheckIn, s.apiCheckIn)},
		{"GET /api/v1/reviews/{slug}/report", s.apiPublishedReport},
		// Anything else under /api/ answers in JSON too, not with an HTML page.
		{"/api/", s.apiNotFound},
	}
}

// staticFiles serves the embedded CSS and scripts; their names change
// with their content, so they may be cached for good.
func staticFiles() http.HandlerFunc {
	static, _ := fs.Sub(staticFS, "static")
	return http.StripPrefix("/static/", cacheForever(http.FileServerFS(static))).ServeHTTP
}
