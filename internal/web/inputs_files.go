package web

import (
	"fmt"
	"net/http"
	"strconv"
	"strings"

	"github.com/consulta/consulta/internal/errs"
	"github.com/consulta/consulta/internal/i18n"
	"github.com/consulta/consulta/internal/inputs"
	"github.com/consulta/consulta/internal/links"
	"github.com/consulta/consulta/internal/staff"
)

// attachmentView is a file as the pages list it.
type attachmentView struct {
	N                int
	Name, Type, Size string
	URL              string
	Preview          []string // the first lines of its text (the moderation page)
	Removed          bool     // ticked for removal on the edit form shown again
}

// viewAttachments lists files of input id; version, when not 0, is put in
// the links (the moderation page's older versions).
func viewAttachments(p *i18n.Printer, id int64, list []inputs.Attachment, version int) []attachmentView {
	out := make([]attachmentView, 0, len(list))
	for _, a := range list {
		v := attachmentView{N: a.N, Name: a.Name, Type: kindLabel(a.MediaType), Size: fileSize(p, a.Size),
			URL: links.InputAttachmentPath(id, a.N), Preview: firstLines(a.Preview, 3)}
		if version != 0 {
			v.URL += "?version=" + strconv.Itoa(version)
		}
		out = append(out, v)
	}
	return out
}

// kindLabel names a stored media type as people know the format.
func kindLabel(mediaType string) string {
	switch {
	case mediaType == "application/pdf":
		return "PDF"
	case strings.Contains(mediaType, "wordprocessingml"):
		return "DOCX"
	case strings.Contains(mediaType, "opendocument.text"):
		return "ODT"
	}
	return "TXT"
}

// fileSize is a size in KB or MB, in the reader's language.
func fileSize(p *i18n.Printer, n int64) string {
	if n < 1<<20 {
		return p.T("inputs.attachment.kb", "N", max(1, (n+512)>>10))
	}
	return p.T("inputs.attachment.mb", "N", fmt.Sprintf("%.1f", float64(n)/(1<<20)))
}

func firstLines(text string, n int) []string {
	lines := paragraphs(text)
	return lines[:min(n, len(lines))]
}

// serveAttachment sends file {n} of input {id}: to the public only from
// the published version of an input it may see, to staff who moderate
// (signed in, or by API token) any file (the latest version holding it,
// or ?version=). Anything else is
// 404. The file is always a download, never rendered in the site's origin.
func (s *Server) serveAttachment(w http.ResponseWriter, r *http.Request) {
	id, err := inputIDOf(r)
	n, nerr := strconv.Atoi(r.PathValue("n"))
	if err == nil && (nerr != nil || n <= 0) {
		err = errs.E(errs.NotFound, "inputs.attachment.not_found")
	}
	version := 0
	moderator := s.mayModerateFiles(r)
	if err == nil && moderator {
		version, _ = strconv.Atoi(r.URL.Query().Get("version"))
	}
	if err == nil && !moderator {
		var in *inputs.Input
		if in, err = s.DB.PublicInput(r.Context(), id); err == nil {
			version = in.PublishedVersion
		}
	}
	var a *inputs.Attachment
	if err == nil {
		a, err = s.DB.InputAttachmentFile(r.Context(), id, version, n)
	}
	if err != nil {
		s.fail(w, r, err)
		return
	}
	h := w.Header()
	h.Set("Content-Type", a.MediaType)
	h.Set("Content-Disposition", contentDisposition(a.Name))
	h.Set("X-Content-Type-Options", "nosniff")
	h.Set("Content-Security-Policy", "sandbox")
	h.Set("Content-Length", strconv.FormatInt(int64(len(a.Content)), 10))
	h.Set("Cache-Control", "no-cache") // a hidden input's files go at once
	if moderator {
		h.Set("Cache-Control", "private, no-store")
	}
	w.WriteHeader(http.StatusOK)
	_, _ = w.Write(a.Content)
}

// mayModerateFiles reports whether the caller, signed in or by a staff
// API token (the API lists files with this address), moderates inputs.
func (s *Server) mayModerateFiles(r *http.Request) bool {
	if s.currentUser(r).May(staff.ModerateInputs) {
		return true
	}
	if r.Header.Get("Authorization") == "" {
		return false
	}
	u, err := s.bearerUser(r)
	return err == nil && u.May(staff.ModerateInputs)
}

// contentDisposition offers name as a download (RFC 6266): an ASCII
// fallback (letters, digits and a few marks), and the name itself percent-encoded in UTF-8 (RFC 8187).
func contentDisposition(name string) string {
	var ascii, enc strings.Builder
	for _, c := range name {
		if c < 0x80 && (c == ' ' || isAttrChar(byte(c))) {
			ascii.WriteRune(c)
		} else {
			ascii.WriteByte('_')
		}
	}
	for _, b := range []byte(name) {
		if isAttrChar(b) {
			enc.WriteByte(b)
		} else {
			fmt.Fprintf(&enc, "%%%02X", b)
		}
	}
	return `attachment; filename="` + ascii.String() + `"; filename*=UTF-8''` + enc.String()
}

// isAttrChar is RFC 8187's attr-char: what may stand unencoded.
func isAttrChar(b byte) bool {
	return b >= 'a' && b <= 'z' || b >= 'A' && b <= 'Z' || b >= '0' && b <= '9' || strings.IndexByte("!#$&+-.^_`|~", b) >= 0
}
