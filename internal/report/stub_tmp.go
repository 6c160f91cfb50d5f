package report

import (
	"errors"
	"io"
)

// The Markdown and Word renderers come in the next commits.
func renderMarkdown(io.Writer, *Report) error {
	return errors.New("report: Markdown is not written yet")
}
func renderDOCX(io.Writer, *Report) error { return errors.New("report: Word is not written yet") }
