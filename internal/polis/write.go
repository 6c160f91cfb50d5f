package polis

import (
	"encoding/csv"
	"fmt"
	"os"
	"path/filepath"
	"strconv"
	"time"
)

// datetimeLayout is how the datetime column reads (Java's Date.toString,
// which Pol.is uses), always in UTC here.
const datetimeLayout = "Mon Jan 02 15:04:05 MST 2006"

// Write writes e into dir (created if needed) as summary.csv, comments.csv,
// votes.csv and participants-votes.csv, replacing files of those names.
// It writes what e holds; call Recount first to derive the counts.
func Write(dir string, e *Export) error {
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return fmt.Errorf("polis: %w", err)
	}
	files := []struct {
		name  string
		write func(w *csv.Writer)
	}{
		{SummaryFile, e.writeSummary},
		{CommentsFile, e.writeComments},
		{VotesFile, e.writeVotes},
		{ParticipantsVotesFile, e.writeParticipants},
	}
	for _, f := range files {
		if err := writeFile(filepath.Join(dir, f.name), f.write); err != nil {
			return fmt.Errorf("polis: write %w", err)
		}
	}
	return nil
}

func writeFile(path string, write func(w *csv.Writer)) error {
	f, err := os.Create(path)
	if err != nil {
		return err
	}
	w := csv.NewWriter(f)
	write(w)
	w.Flush()
	if err := w.Error(); err != nil {
		f.Close()
		return fmt.Errorf("%s: %w", path, err)
	}
	return f.Close()
}

func (e *Export) writeSummary(w *csv.Writer) {
	for _, f := range e.Summary {
		_ = w.Write([]string{f.Key, f.Value})
	}
}

func (e *Export) writeComments(w *csv.Writer) {
	gic := false
	for _, c := range e.Comments {
		gic = gic || c.HasGroupInformedConsensus
	}
	header := []string{"timestamp", "datetime", "comment-id", "author-id", "agrees", "disagrees", "moderated",
		"is-meta", "is-seed"}
	if gic {
		header = append(header, "group-informed-consensus")
	}
	_ = w.Write(append(header, "comment-body"))
	for _, c := range e.Comments {
		rec := []string{millis(c.Timestamp), datetime(c.Timestamp), itoa(c.ID), itoa(c.AuthorID), itoa(c.Agrees),
			itoa(c.Disagrees), itoa(c.Moderated), strconv.FormatBool(c.IsMeta), strconv.FormatBool(c.IsSeed)}
		if gic {
			rec = append(rec, "")
			if c.HasGroupInformedConsensus {
				rec[len(rec)-1] = strconv.FormatFloat(c.GroupInformedConsensus, 'g', -1, 64)
			}
		}
		_ = w.Write(append(rec, c.Body))
	}
}

func (e *Export) writeVotes(w *csv.Writer) {
	_ = w.Write([]string{"timestamp", "datetime", "comment-id", "voter-id", "vote"})
	rec := make([]string, 5)
	for _, v := range e.Votes {
		rec[0], rec[1], rec[2], rec[3], rec[4] = millis(v.Timestamp), datetime(v.Timestamp), itoa(v.CommentID),
			itoa(v.VoterID), itoa(int(v.Vote))
		_ = w.Write(rec)
	}
}

func (e *Export) writeParticipants(w *csv.Writer) {
	columns := e.voteColumns()
	header := []string{"participant", "xid", "group-id", "n-comments", "n-votes", "n-agree", "n-disagree"}
	for _, id := range columns {
		header = append(header, itoa(id))
	}
	_ = w.Write(header)
	for _, p := range e.Participants {
		group := ""
		if p.GroupID >= 0 {
			group = itoa(p.GroupID)
		}
		rec := []string{itoa(p.ID), p.XID, group, itoa(p.NComments), itoa(p.NVotes), itoa(p.NAgree), itoa(p.NDisagree)}
		for _, id := range columns {
			cell := ""
			if v, ok := p.Votes[id]; ok {
				cell = itoa(int(v))
			}
			rec = append(rec, cell)
		}
		_ = w.Write(rec)
	}
}

func itoa(n int) string { return strconv.Itoa(n) }

func millis(t time.Time) string { return strconv.FormatInt(t.UnixMilli(), 10) }

func datetime(t time.Time) string { return t.UTC().Format(datetimeLayout) }
