package web

import (
	"bytes"
	"context"
	"net/http"
	"strings"
	"time"

	"github.com/consulta/consulta/internal/inputs"
)

// exportTypes are the open-data downloads' media types.
var exportTypes = map[string]string{
	"json": "application/json; charset=utf-8",
	"csv":  "text/csv; charset=utf-8",
	"xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
	"zip":  "application/zip",
}

// downloadInputs is a review's open data: its published inputs, as the
// public reads them, under CC BY 4.0, in the format the path ends with.
func (s *Server) downloadInputs(w http.ResponseWriter, r *http.Request) {
	format := r.Pattern[strings.LastIndexByte(r.Pattern, '.')+1:]
	ctx := r.Context()
	ir, err := s.loadInputsReview(ctx, r.PathValue("slug"))
	if err != nil {
		s.fail(w, r, err)
		return
	}
	refs, err := s.inputRefs(ctx)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	list, err := s.DB.InputsOpenData(ctx, ir.Review.ID, refs)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	d := inputs.OpenData{Licence: inputs.Licence, LicenceURL: inputs.LicenceURL, Review: ir.Review.Slug,
		GeneratedAt: s.Now().UTC(), Inputs: list}
	h := w.Header()
	h.Set("Content-Type", exportTypes[format])
	h.Set("Content-Disposition", `attachment; filename="`+ir.Review.Slug+`-inputs-`+s.Now().UTC().Format(time.DateOnly)+`.`+format+`"`)
	h.Set("Cache-Control", "public, max-age=300")
	if format == "zip" { // streamed: the files may be large; a failure midway cuts the download off
		if err := inputs.WriteOpenDataZip(w, d, s.fileContent(ctx)); err != nil {
			s.Logger.Error("open-data zip", "review", ir.Review.Slug, "err", err)
		}
		return
	}
	var buf bytes.Buffer
	if err := inputs.WriteOpenData(&buf, format, d); err != nil {
		h.Del("Content-Disposition")
		s.fail(w, r, err)
		return
	}
	_, _ = w.Write(buf.Bytes())
}

// fileContent reads a stored file's content for the open-data zip.
func (s *Server) fileContent(ctx context.Context) inputs.FileContent {
	return func(id int64, version, n int) ([]byte, error) {
		a, err := s.DB.InputAttachmentFile(ctx, id, version, n)
		if err != nil {
			return nil, err
		}
		return a.Content, nil
	}
}
