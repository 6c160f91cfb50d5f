// Package extract recognises an attachment's type from its content and pulls
// its plain text out for search and synthesis: PDF, DOCX, ODT and UTF-8 text.
//
// Attachments come from anyone answering a call, so every step assumes a
// hostile file and is bounded (Limits):
//
//   - MaxBytes (default 10 MB) caps the file itself, as the call for inputs
//     promises submitters.
//   - MaxUncompressed (default 64 MB) caps every byte inflated from the file
//     (zip entries; PDF content, object and font streams), counted as it is
//     actually read and checked against the sizes a zip declares first: a
//     10 MB file can otherwise unpack to gigabytes (a zip bomb). One
//     extraction's memory is of this order, so callers should run only a
//     few at a time.
//   - MaxText (default 2,000,000 characters, some 1,000 pages) caps the text
//     kept; the rest of a longer document is dropped from search, not refused.
//   - Timeout (default 10 s) bounds the time: extraction runs in its own
//     goroutine that checks the context, and Text returns when the time is up
//     even if a parser is still busy.
//
// Nothing is written to disk: the file is read through an io.ReaderAt and
// zips and PDFs are parsed in memory, so there is no temporary file to leave
// behind. XML is read with encoding/xml, which expands no external or custom
// entities. A panic in a parser becomes an "unreadable" error.
//
// Files that carry code are refused rather than cleaned (pdf.go says why):
// PDFs with JavaScript or Launch actions, Word documents with macros,
// OpenDocument texts with Basic or scripts. Every error is an *errs.Error
// of kind Invalid whose Code is in the "attachments" catalog area.
package extract

import (
	"context"
	"errors"
	"fmt"
	"io"
	"time"

	"github.com/consulta/consulta/internal/errs"
)

// Kind is an attachment's type, as recognised from its content.
type Kind string

// The kinds an attachment may be.
const (
	PDF  Kind = "pdf"
	DOCX Kind = "docx"
	ODT  Kind = "odt"
	TXT  Kind = "txt"
)

// Kinds lists every accepted kind.
func Kinds() []Kind { return []Kind{PDF, DOCX, ODT, TXT} }

// MediaType is the kind's MIME type, to serve the stored file with.
func (k Kind) MediaType() string {
	switch k {
	case PDF:
		return "application/pdf"
	case DOCX:
		return "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
	case ODT:
		return "application/vnd.oasis.opendocument.text"
	case TXT:
		return "text/plain; charset=utf-8"
	}
	return "application/octet-stream"
}

// Extension is the file name extension for the kind, with its dot.
func (k Kind) Extension() string { return "." + string(k) }

// The catalog codes of the errors (locales/attachments.<lang>.toml).
const (
	CodeType       = "input.attachment.type"       // not PDF, DOCX, ODT or text
	CodeEmpty      = "input.attachment.empty"      // no bytes at all
	CodeEncoding   = "input.attachment.encoding"   // text, but not UTF-8, or with control characters
	CodeTooLarge   = "input.attachment.too_large"  // the file is over MaxBytes
	CodeExpands    = "input.attachment.expands"    // it unpacks to more than MaxUncompressed
	CodeUnreadable = "input.attachment.unreadable" // damaged, or protected by a password
	CodeActive     = "input.attachment.active"     // it carries scripts or macros
	CodeTimeout    = "input.attachment.timeout"    // reading it took longer than Timeout
)

// Limits bound one extraction; a zero field takes its default.
type Limits struct {
	MaxBytes        int64         // the file's size
	MaxUncompressed int64         // bytes inflated from the file, in all
	MaxText         int           // characters of text kept
	Timeout         time.Duration // the time the whole extraction may take
}

// DefaultLimits are the limits used for a zero field.
func DefaultLimits() Limits {
	return Limits{
		MaxBytes:        10 << 20,
		MaxUncompressed: 64 << 20,
		MaxText:         2_000_000,
		Timeout:         10 * time.Second,
	}
}

func (l Limits) withDefaults() Limits {
	d := DefaultLimits()
	if l.MaxBytes <= 0 {
		l.MaxBytes = d.MaxBytes
	}
	if l.MaxUncompressed <= 0 {
		l.MaxUncompressed = d.MaxUncompressed
	}
	if l.MaxText <= 0 {
		l.MaxText = d.MaxText
	}
	if l.Timeout <= 0 {
		l.Timeout = d.Timeout
	}
	return l
}

// refuse builds the error for a file refused with code; cause says why, for the log.
func refuse(code string, cause error) error {
	return &errs.Error{Kind: errs.Invalid, Code: code, Err: cause}
}

// Extract recognises the file's kind and extracts its text, as Sniff then Text.
func Extract(ctx context.Context, r io.ReaderAt, size int64, lim Limits) (Kind, string, error) {
	lim = lim.withDefaults()
	if size > lim.MaxBytes {
		return "", "", refuse(CodeTooLarge, fmt.Errorf("%d bytes, at most %d", size, lim.MaxBytes))
	}
	kind, err := Sniff(r, size)
	if err != nil {
		return "", "", err
	}
	text, err := Text(ctx, r, size, kind, lim)
	return kind, text, err
}

// extractor pulls the text of one kind of file out into out.
type extractor func(ctx context.Context, r io.ReaderAt, size int64, b *budget, out *textOut) error

func extractorFor(kind Kind) extractor {
	switch kind {
	case PDF:
		return pdfText
	case DOCX:
		return docxText
	case ODT:
		return odtText
	case TXT:
		return txtText
	}
	return nil
}

// Text extracts the plain text of a file of the given kind (from Sniff),
// within lim. It returns when the extraction ends or lim.Timeout passes,
// whichever comes first; after a timeout the abandoned parser may still read
// r until it next checks the context, so r must stay safe to read (an error
// is fine) for a moment after Text returns.
func Text(ctx context.Context, r io.ReaderAt, size int64, kind Kind, lim Limits) (text string, err error) {
	defer errs.Wrap(&err, "extract.Text(%s, %d bytes)", kind, size)
	lim = lim.withDefaults()
	run := extractorFor(kind)
	if run == nil {
		return "", refuse(CodeType, fmt.Errorf("unknown kind %q", kind))
	}
	if size > lim.MaxBytes {
		return "", refuse(CodeTooLarge, fmt.Errorf("%d bytes, at most %d", size, lim.MaxBytes))
	}
	if size <= 0 {
		return "", refuse(CodeEmpty, nil)
	}
	return bounded(ctx, lim, func(ctx context.Context, b *budget, out *textOut) error {
		return run(ctx, r, size, b, out)
	})
}

// bounded runs an extraction in its own goroutine within lim: it returns
// at the timeout even if the extraction is still busy (it will stop at its
// next look at the context), and a panic becomes an "unreadable" error.
func bounded(ctx context.Context, lim Limits, run func(context.Context, *budget, *textOut) error) (string, error) {
	tctx, cancel := context.WithTimeout(ctx, lim.Timeout)
	defer cancel()
	type result struct {
		text string
		err  error
	}
	done := make(chan result, 1)
	go func() {
		defer func() {
			if p := recover(); p != nil {
				done <- result{err: refuse(CodeUnreadable, fmt.Errorf("parser panic: %v", p))}
			}
		}()
		out := newTextOut(lim.MaxText)
		err := run(tctx, &budget{left: lim.MaxUncompressed}, out)
		if errors.Is(err, errTextFull) {
			err = nil
		}
		done <- result{out.String(), err}
	}()
	select {
	case res := <-done:
		if res.err != nil && tctx.Err() != nil {
			return "", stopped(ctx)
		}
		return res.text, res.err
	case <-tctx.Done():
		return "", stopped(ctx)
	}
}

// stopped is the error for an extraction whose context ended: the caller's
// own cancellation, or our timeout.
func stopped(parent context.Context) error {
	if err := parent.Err(); err != nil {
		return err
	}
	return refuse(CodeTimeout, context.DeadlineExceeded)
}

// errExpands is returned by a budget's reader once the budget is spent.
var errExpands = refuse(CodeExpands, errors.New("inflated data over the limit"))

// budget counts the bytes inflated from one file, across all its parts.
type budget struct{ left int64 }

// take spends n bytes; it fails once the budget is overdrawn.
func (b *budget) take(n int64) error {
	b.left -= n
	if b.left < 0 {
		return errExpands
	}
	return nil
}

// reader counts what is read from r against the budget: sizes declared in a
// file are only claims, this is what it really inflates to.
func (b *budget) reader(r io.Reader) io.Reader { return &countingReader{r: r, b: b} }

type countingReader struct {
	r io.Reader
	b *budget
}

func (c *countingReader) Read(p []byte) (int, error) {
	if c.b.left < 0 {
		return 0, errExpands
	}
	if int64(len(p)) > c.b.left+1 {
		p = p[:c.b.left+1]
	}
	n, err := c.r.Read(p)
	if berr := c.b.take(int64(n)); berr != nil {
		return n, berr
	}
	return n, err
}
