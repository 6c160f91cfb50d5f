package web

import (
	"net/http"
	"strconv"
	"strings"
	"time"
)

// The closing record as CSV and XLSX: the public's once it is published
// (GET /c/{slug}/record.csv|.xlsx: only what the public record page
// shows), and the staff's at any time (…/live/record.csv|.xlsx: the same
// with each intervention's times). Labels are in the reader's language, as
// on the page; the column names are stable identifiers.

// closingTables are the record's three tables: attendance by group, region
// and gender (with the total), interventions per question, and the
// interventions.
func closingTables(d closingPage, forStaff bool) []sheet {
	att := sheet{Name: "Attendance", Header: []string{"breakdown", "segment", "count"},
		Rows: [][]string{{"total", "", strconv.Itoa(d.Attended)}}}
	for _, b := range []struct {
		name string
		rows []countRow
	}{{"stakeholder_group", d.ByGroup}, {"region", d.ByRegion}, {"gender", d.ByGender}} {
		for _, row := range b.rows {
			att.Rows = append(att.Rows, []string{b.name, row.Label, strconv.Itoa(row.N)})
		}
	}
	perQ := sheet{Name: "Per question", Header: []string{"question", "interventions"}}
	for _, row := range d.PerQuestion {
		perQ.Rows = append(perQ.Rows, []string{row.Label, strconv.Itoa(row.N)})
	}
	ivs := sheet{Name: "Interventions", Header: []string{"number", "name", "stakeholder_group", "country",
		"question_number", "question", "summary", "key_points"}}
	if forStaff {
		ivs.Header = append(ivs.Header, "started_at", "duration_seconds", "recorded_at")
	}
	for i, row := range d.Interventions {
		q := ""
		if row.QuestionNumber > 0 {
			q = strconv.Itoa(row.QuestionNumber)
		}
		cells := []string{strconv.Itoa(i + 1), row.Name, row.Group, row.Country, q, row.Question, row.Summary,
			strings.Join(row.Points, "\n")}
		if forStaff {
			cells = append(cells, staffTimes(d, i)...)
		}
		ivs.Rows = append(ivs.Rows, cells)
	}
	return []sheet{att, perQ, ivs}
}

// staffTimes are the i-th intervention's start, duration and recording.
func staffTimes(d closingPage, i int) []string {
	iv := d.raw[i]
	out := []string{"", "", iv.RecordedAt.UTC().Format(time.RFC3339)}
	if iv.StartedAt != nil {
		out[0] = iv.StartedAt.UTC().Format(time.RFC3339)
		if iv.EndedAt != nil {
			out[1] = strconv.Itoa(int(iv.EndedAt.Sub(*iv.StartedAt) / time.Second))
		}
	}
	return out
}

// closingCSV is the three tables in one: a first column "table" says which
// each row belongs to, and the columns are those of all three.
func closingCSV(tables []sheet) ([]byte, error) {
	header := []string{"table"}
	at := map[string]int{}
	for _, t := range tables {
		for _, h := range t.Header {
			if _, ok := at[h]; !ok {
				at[h] = len(header)
				header = append(header, h)
			}
		}
	}
	var rows [][]string
	for _, t := range tables {
		name := strings.ReplaceAll(strings.ToLower(t.Name), " ", "_")
		for _, r := range t.Rows {
			row := make([]string, len(header))
			row[0] = name
			for j, v := range r {
				row[at[t.Header[j]]] = v
			}
			rows = append(rows, row)
		}
	}
	return csvTable(header, rows)
}

func (s *Server) closingRecordCSV(w http.ResponseWriter, r *http.Request) {
	s.exportClosing(w, r, false, "csv")
}
func (s *Server) closingRecordXLSX(w http.ResponseWriter, r *http.Request) {
	s.exportClosing(w, r, false, "xlsx")
}
func (s *Server) staffRecordCSV(w http.ResponseWriter, r *http.Request) {
	s.exportClosing(w, r, true, "csv")
}
func (s *Server) staffRecordXLSX(w http.ResponseWriter, r *http.Request) {
	s.exportClosing(w, r, true, "xlsx")
}

// exportClosing sends the closing record as a download.
func (s *Server) exportClosing(w http.ResponseWriter, r *http.Request, forStaff bool, ext string) {
	d, err := s.closingRecord(r, forStaff)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	tables := closingTables(d, forStaff)
	body, contentType := []byte(nil), "text/csv; charset=utf-8"
	if ext == "csv" {
		body, err = closingCSV(tables)
	} else {
		body, err = workbook(tables...)
		contentType = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
	}
	if err != nil {
		s.fail(w, r, err)
		return
	}
	sendAttachment(w, contentType, "record-"+d.Slug+"."+ext, body)
}
