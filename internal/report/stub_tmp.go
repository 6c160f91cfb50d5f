package report

import (
	"errors"
	"io"
)

// The Word renderer comes in the next commit.
func renderDOCX(io.Writer, *Report) error { return errors.New("report: Word is not written yet") }
