package web

import (
	"context"
	"errors"
	"io"
	"mime"
	"net/http"
	"net/url"
	"strings"

	"github.com/consulta/consulta/internal/inputs"
)

// isMultipart reports whether the request's body is multipart/form-data.
func isMultipart(r *http.Request) bool {
	mt, _, err := mime.ParseMediaType(r.Header.Get("Content-Type"))
	return err == nil && mt == "multipart/form-data"
}

type uploadsKey struct{}

// uploadsOf are the files the edge read from the request, in order.
func uploadsOf(r *http.Request) []inputs.Upload {
	ups, _ := r.Context().Value(uploadsKey{}).([]inputs.Upload)
	return ups
}

// readUploads streams a multipart input form into memory, never to a
// file: its text fields become r.PostForm (and r.Form, with the query),
// checked by the edge like a urlencoded form's; the file parts named
// "attachments" become uploads in the context, each kept up to one byte
// over the limit of a file (the rest counted, not kept), at most one more
// than the stated number (the others counted away), so the use case can
// say which limit a file broke while everything else typed is kept. It
// answers the status and catalog id of a refusal, or 0.
func readUploads(r *http.Request) (*http.Request, int, string) {
	vals, ups, err := readParts(r)
	if errors.Is(err, errTextTooLarge) {
		return r, http.StatusRequestEntityTooLarge, "error.too_large"
	}
	if err != nil {
		status, msg := readStatus(err)
		return r, status, msg
	}
	r.PostForm, r.Form = vals, url.Values{}
	for name, vs := range r.URL.Query() {
		r.Form[name] = vs
	}
	for name, vs := range vals {
		r.Form[name] = append(r.Form[name], vs...)
	}
	return r.WithContext(context.WithValue(r.Context(), uploadsKey{}, ups)), 0, ""
}

var (
	errTextTooLarge = errors.New("the text fields are over the form's limit")
	errBadPart      = errors.New("a part without a field name")
)

// readParts reads every part of a multipart body.
func readParts(r *http.Request) (url.Values, []inputs.Upload, error) {
	mr, err := r.MultipartReader()
	if err != nil {
		return nil, nil, err
	}
	vals := url.Values{}
	var ups []inputs.Upload
	textLeft := int64(inputFormBody)
	for {
		part, err := mr.NextPart()
		if err == io.EOF {
			return vals, ups, nil
		}
		if err != nil {
			return nil, nil, err
		}
		switch {
		case part.FormName() == "": // no Content-Disposition a browser would send
			return nil, nil, errBadPart
		case part.FormName() == inputs.AttachmentsField && part.FileName() != "":
			up, err := readUpload(part, part.FileName(), len(ups) <= inputs.MaxAttachments)
			if err != nil {
				return nil, nil, err
			}
			if len(ups) <= inputs.MaxAttachments {
				ups = append(ups, up)
			}
		case part.FileName() != "" || part.FormName() == inputs.AttachmentsField:
			// a file under another name, or the empty part of no file chosen
			if _, err := io.Copy(io.Discard, part); err != nil {
				return nil, nil, err
			}
		default:
			v, err := io.ReadAll(io.LimitReader(part, textLeft+1))
			if err != nil {
				return nil, nil, err
			}
			if textLeft -= int64(len(v)); textLeft < 0 {
				return nil, nil, errTextTooLarge
			}
			vals.Add(part.FormName(), string(v))
		}
	}
}

// readUpload reads one file part; keep false counts it without keeping it.
func readUpload(part io.Reader, name string, keep bool) (inputs.Upload, error) {
	up := inputs.Upload{Name: name}
	if keep {
		data, err := io.ReadAll(io.LimitReader(part, inputs.MaxAttachmentBytes+1))
		if err != nil {
			return up, err
		}
		up.Data, up.Size = data, int64(len(data))
	}
	rest, err := io.Copy(io.Discard, part)
	up.Size += rest
	if up.Size > inputs.MaxAttachmentBytes {
		up.Data = nil // checked by its size; no need to hold it
	}
	return up, err
}

// readStatus is the refusal of a body that could not be read: over its
// limit, or cut off or malformed.
func readStatus(err error) (int, string) {
	var tooLarge *http.MaxBytesError
	if errors.As(err, &tooLarge) {
		return http.StatusRequestEntityTooLarge, "error.too_large"
	}
	return http.StatusBadRequest, "error.bad_form"
}

// removeFields lists the numbers of the files an edit form asks to remove.
func removeFields(r *http.Request) []int {
	var out []int
	for _, v := range r.PostForm["remove_attachment"] {
		if n, ok := positiveInt(strings.TrimSpace(v)); ok {
			out = append(out, n)
		}
	}
	return out
}

func positiveInt(s string) (int, bool) {
	n := 0
	for _, c := range s {
		if c < '0' || c > '9' || n > 1<<20 {
			return 0, false
		}
		n = n*10 + int(c-'0')
	}
	return n, s != "" && n > 0
}
