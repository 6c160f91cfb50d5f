package extract

import (
	"archive/zip"
	"context"
	"encoding/xml"
	"errors"
	"fmt"
	"io"
)

// openZip opens a DOCX or ODT. Entry sizes are checked as each entry is read.
func openZip(r io.ReaderAt, size int64) (*zip.Reader, error) {
	z, err := zip.NewReader(r, size)
	if err != nil {
		return nil, refuse(CodeUnreadable, fmt.Errorf("zip: %w", err))
	}
	return z, nil
}

// zipEntry finds the entry called name; ok is false when there is none.
func zipEntry(z *zip.Reader, name string) (*zip.File, bool) {
	for _, f := range z.File {
		if f.Name == name {
			return f, true
		}
	}
	return nil, false
}

// xmlHandler receives the tokens of an XML part; it returns errTextFull to stop.
type xmlHandler interface {
	start(e xml.StartElement) error
	end(e xml.EndElement) error
	text(s []byte) error
}

// readXMLEntry streams one XML entry of a zip through h. The entry's
// declared size is checked first, and what it really inflates to is counted
// against the budget as it is read: a zip can lie about its sizes.
func readXMLEntry(ctx context.Context, f *zip.File, b *budget, h xmlHandler) error {
	if f.UncompressedSize64 > uint64(max(b.left, 0)) {
		return refuse(CodeExpands, fmt.Errorf("%s declares %d bytes", f.Name, f.UncompressedSize64))
	}
	rc, err := f.Open()
	if err != nil {
		return refuse(CodeUnreadable, fmt.Errorf("%s: %w", f.Name, err))
	}
	defer rc.Close()
	dec := xml.NewDecoder(b.reader(rc))
	for i := 0; ; i++ {
		if i%4096 == 0 && ctx.Err() != nil {
			return ctx.Err()
		}
		tok, err := dec.Token()
		if err == io.EOF {
			return nil
		}
		if err != nil {
			return xmlError(f.Name, err)
		}
		switch t := tok.(type) {
		case xml.StartElement:
			err = h.start(t)
		case xml.EndElement:
			err = h.end(t)
		case xml.CharData:
			err = h.text(t)
		}
		if err != nil {
			return err
		}
	}
}

// xmlError keeps the budget's and the context's errors as they are and
// calls anything else a damaged file.
func xmlError(name string, err error) error {
	if errors.Is(err, errExpands) || errors.Is(err, context.DeadlineExceeded) || errors.Is(err, context.Canceled) {
		return err
	}
	return refuse(CodeUnreadable, fmt.Errorf("%s: %w", name, err))
}
