package web

import (
	"bytes"
	"context"
	"encoding/csv"
	"net/http"
	"strings"
	"time"

	"github.com/xuri/excelize/v2"

	"github.com/consulta/consulta/internal/errs"
	"github.com/consulta/consulta/internal/registration"
)

// exportColumns are the header of both export formats; stable identifiers,
// not translated, so spreadsheets and scripts can rely on them.
func exportColumns() []string {
	return []string{"id", "given_name", "family_name", "email", "organization", "job_title", "stakeholder_group",
		"country", "m49_region", "language", "gender", "accessibility_needs", "status", "registered_at", "confirmed_at", "approved_at"}
}

// exportRecord is one registration as an export row, in exportColumns order.
func (s *Server) exportRecord(r *registration.Registration) []string {
	stamp := func(t *time.Time) string {
		if t == nil {
			return ""
		}
		return t.UTC().Format(time.RFC3339)
	}
	return []string{r.ID, r.GivenName, r.FamilyName, r.Email, r.Organization, r.JobTitle, string(r.StakeholderGroup),
		r.Country, s.Countries.Region(r.Country), r.Language, r.Gender, r.AccessibilityNeeds, string(r.Status),
		r.CreatedAt.UTC().Format(time.RFC3339), stamp(r.ConfirmedAt), stamp(r.ApprovedAt)}
}

// exportRows loads every registration matching the request's filter.
func (s *Server) exportRows(ctx context.Context, r *http.Request) (slug string, rows [][]string, err error) {
	defer errs.Wrap(&err, "web.exportRows")
	c, err := s.adminConsultation(r)
	if err != nil {
		return "", nil, err
	}
	list, _, err := s.DB.Registrations(ctx, s.regFilter(c.ID, s.parseRegQuery(r.URL.Query())))
	if err != nil {
		return "", nil, err
	}
	for _, reg := range list {
		rows = append(rows, s.exportRecord(reg))
	}
	return c.Slug, rows, nil
}

// neutraliseFormula stops a spreadsheet from evaluating a cell a registrant
// typed, such as =HYPERLINK(...): a leading quote makes it plain text.
func neutraliseFormula(v string) string {
	if v != "" && strings.ContainsRune("=+-@\t\r", rune(v[0])) {
		return "'" + v
	}
	return v
}

// writeCSV renders the registrations as CSV (csvTable).
func writeCSV(rows [][]string) ([]byte, error) { return csvTable(exportColumns(), rows) }

// csvTable renders a header and rows as UTF-8 CSV with a byte-order mark,
// which Excel needs to read non-ASCII names correctly; every cell is
// neutralised (neutraliseFormula). Every CSV download uses it.
func csvTable(header []string, rows [][]string) ([]byte, error) {
	var buf bytes.Buffer
	buf.WriteString("\uFEFF")
	w := csv.NewWriter(&buf)
	_ = w.Write(header)
	for _, row := range rows {
		safe := make([]string, len(row))
		for i, v := range row {
			safe[i] = neutraliseFormula(v)
		}
		_ = w.Write(safe)
	}
	w.Flush()
	return buf.Bytes(), w.Error()
}

// writeXLSX renders the registrations as a workbook (workbook).
func writeXLSX(rows [][]string) ([]byte, error) {
	return workbook(sheet{Name: "Registrations", Header: exportColumns(), Rows: rows})
}

// sheet is one worksheet of a download: a header row and rows.
type sheet struct {
	Name   string
	Header []string
	Rows   [][]string
}

// workbook renders sheets as an XLSX file. Cells are written as strings,
// never formulas, so no neutralising is needed.
func workbook(sheets ...sheet) (out []byte, err error) {
	defer errs.Wrap(&err, "web.workbook")
	f := excelize.NewFile()
	defer f.Close()
	for k, sh := range sheets {
		if k == 0 {
			err = f.SetSheetName("Sheet1", sh.Name)
		} else {
			_, err = f.NewSheet(sh.Name)
		}
		if err != nil {
			return nil, err
		}
		for i, row := range append([][]string{sh.Header}, sh.Rows...) {
			cell, _ := excelize.CoordinatesToCellName(1, i+1)
			vals := make([]any, len(row))
			for j, v := range row {
				vals[j] = v
			}
			if err := f.SetSheetRow(sh.Name, cell, &vals); err != nil {
				return nil, err
			}
		}
	}
	buf, err := f.WriteToBuffer()
	if err != nil {
		return nil, err
	}
	return buf.Bytes(), nil
}

// exportRegistrationsCSV downloads the filtered registrations as CSV.
func (s *Server) exportRegistrationsCSV(w http.ResponseWriter, r *http.Request) {
	s.exportRegistrations(w, r, "text/csv; charset=utf-8", "csv", writeCSV)
}

// exportRegistrationsXLSX downloads the filtered registrations as a workbook.
func (s *Server) exportRegistrationsXLSX(w http.ResponseWriter, r *http.Request) {
	s.exportRegistrations(w, r, "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", "xlsx", writeXLSX)
}

// exportRegistrations sends an attachment of personal data: never cached.
func (s *Server) exportRegistrations(w http.ResponseWriter, r *http.Request, contentType, ext string,
	encode func([][]string) ([]byte, error)) {
	slug, rows, err := s.exportRows(r.Context(), r)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	body, err := encode(rows)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	sendAttachment(w, contentType, "registrations-"+slug+"-"+s.Now().UTC().Format("20060102")+"."+ext, body)
}

// sendAttachment sends a download, never cached.
func sendAttachment(w http.ResponseWriter, contentType, name string, body []byte) {
	h := w.Header()
	h.Set("Content-Type", contentType)
	h.Set("Content-Disposition", `attachment; filename="`+name+`"`)
	h.Set("Cache-Control", "no-store")
	_, _ = w.Write(body)
}
