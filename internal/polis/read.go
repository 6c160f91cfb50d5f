package polis

import (
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"time"
)

// The file names of an export.
const (
	SummaryFile           = "summary.csv"
	CommentsFile          = "comments.csv"
	VotesFile             = "votes.csv"
	ParticipantsVotesFile = "participants-votes.csv"
)

// ParseError says where an export is malformed.
type ParseError struct {
	File   string // path of the file
	Line   int    // 1-based; 0 when the error is about the whole file
	Column string // header name, "" when not about one column
	Err    error
}

func (e *ParseError) Error() string {
	var b strings.Builder
	b.WriteString(e.File)
	if e.Line > 0 {
		fmt.Fprintf(&b, " line %d", e.Line)
	}
	if e.Column != "" {
		fmt.Fprintf(&b, " column %s", e.Column)
	}
	b.WriteString(": ")
	b.WriteString(e.Err.Error())
	return b.String()
}

func (e *ParseError) Unwrap() error { return e.Err }

// Read parses the export in dir. comments.csv and votes.csv are required;
// summary.csv and participants-votes.csv are read when present. Besides
// the syntax, Read checks that ids are unique and that every vote is on a
// known comment; a *ParseError names the file, line and column at fault.
func Read(dir string) (*Export, error) {
	if st, err := os.Stat(dir); err != nil {
		return nil, fmt.Errorf("polis: %w", err)
	} else if !st.IsDir() {
		return nil, fmt.Errorf("polis: %s is not a directory", dir)
	}
	e := &Export{}
	var err error
	if e.Summary, err = readSummary(filepath.Join(dir, SummaryFile)); err != nil && !errors.Is(err, os.ErrNotExist) {
		return nil, err
	}
	known := map[int]bool{}
	if e.Comments, err = readComments(filepath.Join(dir, CommentsFile), known); err != nil {
		return nil, err
	}
	if e.Votes, err = readVotes(filepath.Join(dir, VotesFile), known); err != nil {
		return nil, err
	}
	e.Participants, e.VoteColumns, err = readParticipants(filepath.Join(dir, ParticipantsVotesFile), known)
	if err != nil && !errors.Is(err, os.ErrNotExist) {
		return nil, err
	}
	return e, nil
}

func readSummary(path string) (Summary, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	r := csv.NewReader(f)
	r.FieldsPerRecord = -1
	var s Summary
	for {
		rec, err := r.Read()
		if err == io.EOF {
			return s, nil
		}
		if err != nil {
			return nil, csvError(path, err)
		}
		line, _ := r.FieldPos(0)
		if len(rec) != 2 {
			return nil, &ParseError{File: path, Line: line, Err: fmt.Errorf("want key,value, found %d fields", len(rec))}
		}
		s = append(s, Field{strings.TrimPrefix(rec[0], "\ufeff"), rec[1]})
	}
}

func readComments(path string, known map[int]bool) ([]Comment, error) {
	t, err := openTable(path, "timestamp", "comment-id", "author-id", "comment-body")
	if err != nil {
		return nil, err
	}
	defer t.close()
	var list []Comment
	for t.next() {
		c := Comment{
			Timestamp: t.millis("timestamp"), ID: t.id("comment-id"), AuthorID: t.int("author-id", -1),
			Agrees: t.count("agrees"), Disagrees: t.count("disagrees"), Moderated: t.moderation("moderated"),
			IsMeta: t.bool("is-meta"), IsSeed: t.bool("is-seed"), Body: t.str("comment-body"),
		}
		c.GroupInformedConsensus, c.HasGroupInformedConsensus = t.float("group-informed-consensus")
		if t.err == nil && known[c.ID] {
			t.fail("comment-id", fmt.Errorf("comment %d appears twice", c.ID))
		}
		known[c.ID] = true
		list = append(list, c)
	}
	return list, t.err
}

func readVotes(path string, known map[int]bool) ([]VoteRow, error) {
	t, err := openTable(path, "timestamp", "comment-id", "voter-id", "vote")
	if err != nil {
		return nil, err
	}
	defer t.close()
	var list []VoteRow
	for t.next() {
		v := VoteRow{Timestamp: t.millis("timestamp"), CommentID: t.id("comment-id"), VoterID: t.id("voter-id"),
			Vote: t.vote("vote")}
		if t.err == nil && !known[v.CommentID] {
			t.fail("comment-id", fmt.Errorf("vote on comment %d, which is not in %s", v.CommentID, CommentsFile))
		}
		list = append(list, v)
	}
	return list, t.err
}

// readParticipants reads participants-votes.csv, whose vote columns are
// headed by comment ids; other columns it does not know are ignored.
func readParticipants(path string, known map[int]bool) ([]ParticipantRow, []int, error) {
	t, err := openTable(path, "participant")
	if err != nil {
		return nil, nil, err
	}
	defer t.close()
	columns, err := voteColumns(t, known)
	if err != nil {
		return nil, nil, err
	}
	seen := map[int]bool{}
	var list []ParticipantRow
	for t.next() {
		p := ParticipantRow{ID: t.id("participant"), XID: t.str("xid"), GroupID: t.int("group-id", -1),
			NComments: t.count("n-comments"), NVotes: t.count("n-votes"), NAgree: t.count("n-agree"),
			NDisagree: t.count("n-disagree"), Votes: map[int]int8{}}
		for _, id := range columns {
			col := strconv.Itoa(id)
			if t.str(col) != "" {
				p.Votes[id] = t.vote(col)
			}
		}
		if t.err == nil && seen[p.ID] {
			t.fail("participant", fmt.Errorf("participant %d appears twice", p.ID))
		}
		seen[p.ID] = true
		list = append(list, p)
	}
	return list, columns, t.err
}

// voteColumns returns the comment ids heading participants-votes.csv's
// columns, in order.
func voteColumns(t *table, known map[int]bool) ([]int, error) {
	columns := []int{}
	for _, name := range t.header {
		id, err := strconv.Atoi(name)
		if err != nil || id < 0 || strconv.Itoa(id) != name {
			continue
		}
		if !known[id] {
			return nil, &ParseError{File: t.path, Line: 1, Column: name,
				Err: fmt.Errorf("comment %d is not in %s", id, CommentsFile)}
		}
		columns = append(columns, id)
	}
	return columns, nil
}

// table reads a CSV file with a header row, field by field, keeping the
// first error with its line and column.
type table struct {
	path   string
	f      *os.File
	r      *csv.Reader
	header []string
	cols   map[string]int
	rec    []string
	line   int
	err    error
}

func openTable(path string, required ...string) (*table, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	t := &table{path: path, f: f, r: csv.NewReader(f), cols: map[string]int{}}
	t.r.ReuseRecord = true
	header, err := t.r.Read()
	if err == io.EOF {
		err = &ParseError{File: path, Err: errors.New("empty file, want a header row")}
	}
	if err != nil {
		f.Close()
		return nil, csvError(path, err)
	}
	t.header = make([]string, len(header))
	for i, h := range header {
		h = strings.TrimSpace(strings.TrimPrefix(h, "\ufeff"))
		if _, dup := t.cols[h]; dup {
			f.Close()
			return nil, &ParseError{File: path, Line: 1, Column: h, Err: errors.New("column appears twice")}
		}
		t.header[i], t.cols[h] = h, i
	}
	for _, name := range required {
		if _, ok := t.cols[name]; !ok {
			f.Close()
			return nil, &ParseError{File: path, Line: 1, Column: name, Err: errors.New("required column missing")}
		}
	}
	return t, nil
}

func (t *table) close() { t.f.Close() }

// next reads the next row; false at the end or after an error.
func (t *table) next() bool {
	if t.err != nil {
		return false
	}
	rec, err := t.r.Read()
	if err == io.EOF {
		return false
	}
	if err != nil {
		t.err = csvError(t.path, err)
		return false
	}
	t.rec = rec
	t.line, _ = t.r.FieldPos(0)
	return true
}

// fail records err about column on the current line, unless an error is
// already recorded.
func (t *table) fail(column string, err error) {
	if t.err == nil {
		t.err = &ParseError{File: t.path, Line: t.line, Column: column, Err: err}
	}
}

// str returns the field of column, "" when the file has no such column.
func (t *table) str(column string) string {
	if i, ok := t.cols[column]; ok {
		return t.rec[i]
	}
	return ""
}

// int parses an integer field; blank or absent gives blank.
func (t *table) int(column string, blank int) int {
	s := strings.TrimSpace(t.str(column))
	if s == "" {
		return blank
	}
	n, err := strconv.Atoi(s)
	if err != nil {
		t.fail(column, fmt.Errorf("%q is not an integer", s))
	}
	return n
}

// id parses a required non-negative integer.
func (t *table) id(column string) int {
	n := t.int(column, -1)
	if n < 0 {
		t.fail(column, fmt.Errorf("%q is not an id (0, 1, 2…)", t.str(column)))
	}
	return n
}

// count parses an optional non-negative integer.
func (t *table) count(column string) int {
	n := t.int(column, 0)
	if n < 0 {
		t.fail(column, fmt.Errorf("%d is negative", n))
	}
	return n
}

func (t *table) moderation(column string) int {
	n := t.int(column, 0)
	if n < -1 || n > 1 {
		t.fail(column, fmt.Errorf("%d is not -1, 0 or 1", n))
	}
	return n
}

func (t *table) vote(column string) int8 {
	s := strings.TrimSpace(t.str(column))
	switch s {
	case "1":
		return Agree
	case "-1":
		return Disagree
	case "0":
		return Pass
	}
	t.fail(column, fmt.Errorf("vote %q is not 1 (agree), -1 (disagree) or 0 (pass)", s))
	return Pass
}

// bool parses true/false; blank or absent is false.
func (t *table) bool(column string) bool {
	s := strings.TrimSpace(t.str(column))
	if s == "" {
		return false
	}
	b, err := strconv.ParseBool(s)
	if err != nil {
		t.fail(column, fmt.Errorf("%q is not true or false", s))
	}
	return b
}

// float parses an optional number; ok is false when blank or absent.
func (t *table) float(column string) (float64, bool) {
	s := strings.TrimSpace(t.str(column))
	if s == "" {
		return 0, false
	}
	f, err := strconv.ParseFloat(s, 64)
	if err != nil {
		t.fail(column, fmt.Errorf("%q is not a number", s))
	}
	return f, err == nil
}

// millis parses a required timestamp in milliseconds since 1970.
func (t *table) millis(column string) time.Time {
	s := strings.TrimSpace(t.str(column))
	ms, err := strconv.ParseInt(s, 10, 64)
	if err != nil || ms < 0 {
		t.fail(column, fmt.Errorf("%q is not a time in milliseconds since 1970", s))
	}
	return time.UnixMilli(ms).UTC()
}

// csvError turns an encoding/csv error into a ParseError with its line.
func csvError(path string, err error) error {
	var pe *csv.ParseError
	if errors.As(err, &pe) {
		return &ParseError{File: path, Line: pe.Line, Err: pe.Err}
	}
	var our *ParseError
	if errors.As(err, &our) {
		return err
	}
	return &ParseError{File: path, Err: err}
}
