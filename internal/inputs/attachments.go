package inputs

import (
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"path"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"

	"github.com/consulta/consulta/internal/errs"
	"github.com/consulta/consulta/internal/extract"
)

// Attachment is a file attached to one version of an input. Its number N
// is the input's: a version that keeps the file keeps its number, so the
// file's address (/inputs/{id}/attachments/{n}) stays the same, and a
// removed file's number is never given again.
type Attachment struct {
	N         int    `json:"n"`
	Name      string `json:"name"`
	MediaType string `json:"media_type"`
	Size      int64  `json:"size"`
	SHA256    string `json:"sha256"`
	// Content is nil when not loaded, and in a new version for a file
	// kept from the version before (the store copies it).
	Content []byte `json:"content,omitempty"`
	Text    string `json:"extracted_text,omitempty"`
	// Preview is the start of Text, for the moderation page.
	Preview   string    `json:"-"`
	CreatedAt time.Time `json:"created_at"`
}

// Upload is a file as a form or the API sent it, before any check. Data
// holds at most MaxAttachmentBytes+1 bytes; Size is what was sent (0:
// len(Data)).
type Upload struct {
	Name string
	Data []byte
	Size int64
}

// The limits the call for inputs states: per file (extract's own), per
// input in all, and in number.
const (
	MaxAttachments      = 5
	MaxAttachmentBytes  = 10 << 20
	MaxAttachmentsTotal = 25 << 20
	maxFileName         = 120 // characters
)

// AttachmentsField is the form field (and API part) of the files; their
// errors are reported under it.
const AttachmentsField = "attachments"

// extractions bounds the extractions running at once in the process: each
// may inflate up to extract's 64 MB.
const extractions = 2

// FileError names the file an Invalid error is about, for the form to show.
type FileError struct{ Name string }

func (e FileError) Error() string { return "attachment " + e.Name }

// fileRefused is the error for a file refused with a catalog code.
func fileRefused(name, code string) error {
	return &errs.Error{Kind: errs.Invalid, Code: "error.invalid", Fields: map[string]string{AttachmentsField: code},
		Err: FileError{Name: name}}
}

// checkUploads checks the files sent with an input, with the ones kept
// from the previous version, against the stated limits, and reads each:
// its type from its content (never the name or the client's word), its
// text, bounded in memory and time. The first file refused is the error.
func (s *Service) checkUploads(ctx context.Context, kept []Attachment, ups []Upload, now time.Time) ([]Attachment, error) {
	if len(kept)+len(ups) > MaxAttachments {
		return nil, fileRefused("", "inputs.attachment.too_many")
	}
	total := int64(0)
	for _, a := range kept {
		total += a.Size
	}
	out := make([]Attachment, 0, len(ups))
	for _, up := range ups {
		if up.Size == 0 {
			up.Size = int64(len(up.Data)) // an upload built without its size
		}
		name := SafeFileName(up.Name)
		if total += up.Size; up.Size <= MaxAttachmentBytes && total > MaxAttachmentsTotal {
			return nil, fileRefused(name, "inputs.attachment.total")
		}
		a, err := s.readUpload(ctx, name, up, now)
		if err != nil {
			return nil, err
		}
		out = append(out, a)
	}
	return out, nil
}

// readUpload sniffs and extracts one file, waiting for a free slot.
func (s *Service) readUpload(ctx context.Context, name string, up Upload, now time.Time) (Attachment, error) {
	if up.Size > MaxAttachmentBytes || int64(len(up.Data)) != up.Size {
		return Attachment{}, fileRefused(name, extract.CodeTooLarge)
	}
	select {
	case s.slots() <- struct{}{}:
		defer func() { <-s.slots() }()
	case <-ctx.Done():
		return Attachment{}, ctx.Err()
	}
	kind, text, err := extract.Extract(ctx, bytes.NewReader(up.Data), up.Size, extract.Limits{MaxBytes: MaxAttachmentBytes})
	if code := errs.CodeOf(err); err != nil && errs.KindOf(err) == errs.Invalid && code != "" {
		return Attachment{}, fileRefused(name, code)
	}
	if err != nil {
		return Attachment{}, err
	}
	sum := sha256.Sum256(up.Data)
	return Attachment{Name: withExtension(name, kind), MediaType: kind.MediaType(), Size: up.Size,
		SHA256: hex.EncodeToString(sum[:]), Content: up.Data, Text: text, CreatedAt: now}, nil
}

func (s *Service) slots() chan struct{} {
	s.once.Do(func() { s.extracting = make(chan struct{}, extractions) })
	return s.extracting
}

// SafeFileName is the name a file is stored and offered under: its last
// path element only (no "../", no folders), invalid UTF-8, NUL, control
// and format characters taken out, spaces tidied, at most 120
// characters; "attachment" when nothing is left. HTML in a name is kept
// as typed and always shown escaped.
func SafeFileName(name string) string {
	name = strings.ToValidUTF8(name, "")
	name = strings.Map(func(c rune) rune {
		switch {
		case c == '/' || c == '\\':
			return '/'
		case unicode.IsControl(c), unicode.Is(unicode.Cf, c), c == utf8.RuneError:
			return -1
		case unicode.IsSpace(c):
			return ' '
		}
		return c
	}, name)
	name = path.Base("/" + name)
	name = strings.Join(strings.Fields(name), " ")
	name = strings.TrimLeft(name, ". ")
	if r := []rune(name); len(r) > maxFileName {
		name = string(r[len(r)-maxFileName:])
	}
	if name == "" || name == "/" {
		return "attachment"
	}
	return name
}

// withExtension makes the name end in the extension of the kind found, so
// a downloaded file opens as what it is, whatever it was called.
func withExtension(name string, kind extract.Kind) string {
	ext := kind.Extension()
	if strings.HasSuffix(strings.ToLower(name), ext) {
		return name
	}
	return name + ext
}

// keptAttachments are the files of cur that an edit keeps: all but those
// whose numbers are in remove. Their content stays in the store.
func keptAttachments(cur []Attachment, remove []int) []Attachment {
	var kept []Attachment
	for _, a := range cur {
		drop := false
		for _, n := range remove {
			drop = drop || n == a.N
		}
		if !drop {
			a.Content = nil
			kept = append(kept, a)
		}
	}
	return kept
}

// AttachmentsText is the extracted text of a version's files, one after
// the other, as search and the synthesis read it.
func AttachmentsText(list []Attachment) string {
	var b strings.Builder
	for _, a := range list {
		if t := strings.TrimSpace(a.Text); t != "" {
			b.WriteString(t)
			b.WriteString("\n\n")
		}
	}
	return strings.TrimSpace(b.String())
}
