package inputs

import (
	"encoding/csv"
	"encoding/json"
	"fmt"
	"io"
	"strconv"
	"strings"
	"time"

	"github.com/xuri/excelize/v2"
)

// OpenData is the open-data export of a review's published inputs, as
// the public may read them, under CC BY 4.0.
type OpenData struct {
	Licence     string    `json:"licence"`
	LicenceURL  string    `json:"licence_url"`
	Review      string    `json:"review"`
	GeneratedAt time.Time `json:"generated_at"`
	Inputs      []Record  `json:"inputs"`
}

// Complete is the secretariat's export: every input with everything,
// its versions and its moderation log. It holds personal data and
// secretariat-only text; `consulta import inputs` takes it back.
type Complete struct {
	Complete    bool          `json:"complete"` // always true: tells the two exports apart
	Notice      string        `json:"notice"`
	Review      string        `json:"review"`
	GeneratedAt time.Time     `json:"generated_at"`
	Inputs      []StaffRecord `json:"inputs"`
}

// CompleteNotice heads the complete export.
const CompleteNotice = "Secretariat only: personal data and unpublished inputs. Not open data."

// Formats are the export formats.
func Formats() []string { return []string{"json", "csv", "xlsx"} }

// table is an export as rows: one per answer, and one for the general
// comments (question_id empty), each with the input's fields.
func table(public []Record, staff []StaffRecord) (header []string, rows [][]string) {
	header = []string{"id", "url", "review", "consultation", "question_id", "text", "language", "author_name", "organization",
		"stakeholder_group", "country", "region", "version", "published_at", "licence"}
	if staff != nil {
		header = append(header[:len(header)-1], "author_email", "status", "publication", "source", "received_via",
			"received_at", "detected_language")
		for _, s := range staff {
			s.Record.AuthorName, s.Record.Organization = s.AuthorName, s.Organization
			extra := []string{s.AuthorEmail, s.Status, s.Publication, s.Source, s.ReceivedVia, stamp(&s.ReceivedAt), s.DetectedLanguage}
			rows = append(rows, recordRows(s.Record, extra)...)
		}
		return header, rows
	}
	for _, r := range public {
		rows = append(rows, recordRows(r, []string{Licence})...)
	}
	return header, rows
}

func recordRows(r Record, extra []string) [][]string {
	row := func(q, text string) []string {
		return append([]string{strconv.FormatInt(r.ID, 10), r.URL, r.Review, r.Consultation, q, text, r.Language, r.AuthorName,
			r.Organization, r.StakeholderGroup, r.Country, r.Region, strconv.Itoa(r.Version), stamp(r.PublishedAt)}, extra...)
	}
	var rows [][]string
	for _, a := range r.Answers {
		rows = append(rows, row(strconv.FormatInt(a.QuestionID, 10), a.Text))
	}
	if r.Comments != "" || len(r.Answers) == 0 {
		rows = append(rows, row("", r.Comments))
	}
	return rows
}

func stamp(t *time.Time) string {
	if t == nil || t.IsZero() {
		return ""
	}
	return t.UTC().Format(time.RFC3339)
}

// WriteOpenData writes the published inputs in format.
func WriteOpenData(w io.Writer, format string, d OpenData) error {
	if format == "json" {
		return writeJSON(w, d)
	}
	header, rows := table(d.Inputs, nil)
	return writeTable(w, format, header, rows, "Licence: "+Licence+" "+LicenceURL)
}

// WriteComplete writes the secretariat's export in format.
func WriteComplete(w io.Writer, format string, d Complete) error {
	d.Complete, d.Notice = true, CompleteNotice
	if format == "json" {
		return writeJSON(w, d)
	}
	header, rows := table(nil, d.Inputs)
	return writeTable(w, format, header, rows, CompleteNotice)
}

func writeJSON(w io.Writer, v any) error {
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	return enc.Encode(v)
}

func writeTable(w io.Writer, format string, header []string, rows [][]string, notice string) error {
	switch format {
	case "csv":
		// A byte-order mark, which Excel needs to read UTF-8 names.
		if _, err := io.WriteString(w, "\uFEFF"); err != nil {
			return err
		}
		cw := csv.NewWriter(w)
		if err := cw.Write(header); err != nil {
			return err
		}
		for _, r := range rows {
			safe := make([]string, len(r))
			for i, v := range r {
				safe[i] = neutraliseFormula(v)
			}
			if err := cw.Write(safe); err != nil {
				return err
			}
		}
		cw.Flush()
		return cw.Error()
	case "xlsx":
		return writeXLSX(w, header, rows, notice)
	}
	return fmt.Errorf("inputs: unknown export format %q (json, csv or xlsx)", format)
}

// neutraliseFormula stops a spreadsheet from evaluating a cell someone
// typed, such as =HYPERLINK(...): a leading quote makes it plain text.
// (XLSX cells are written as strings, never formulas.)
func neutraliseFormula(v string) string {
	if v != "" && strings.ContainsRune("=+-@\t\r", rune(v[0])) {
		return "'" + v
	}
	return v
}

// writeXLSX streams the rows into a workbook: the inputs, then a sheet
// saying what the data is and under which licence.
func writeXLSX(w io.Writer, header []string, rows [][]string, notice string) error {
	f := excelize.NewFile()
	defer f.Close()
	const sheet = "Inputs"
	if err := f.SetSheetName("Sheet1", sheet); err != nil {
		return err
	}
	sw, err := f.NewStreamWriter(sheet)
	if err != nil {
		return err
	}
	for i, r := range append([][]string{header}, rows...) {
		cells := make([]any, len(r))
		for j, v := range r {
			cells[j] = v
		}
		cell, _ := excelize.CoordinatesToCellName(1, i+1)
		if err := sw.SetRow(cell, cells); err != nil {
			return err
		}
	}
	if err := sw.Flush(); err != nil {
		return err
	}
	if _, err := f.NewSheet("About"); err != nil {
		return err
	}
	if err := f.SetCellValue("About", "A1", notice); err != nil {
		return err
	}
	return f.Write(w)
}
