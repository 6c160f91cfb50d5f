package extract

import (
	"context"
	"errors"
	"fmt"
	"io"

	"github.com/consulta/consulta/internal/errs"
	"github.com/pdfcpu/pdfcpu/pkg/filter"
	"github.com/pdfcpu/pdfcpu/pkg/pdfcpu"
	"github.com/pdfcpu/pdfcpu/pkg/pdfcpu/model"
	"github.com/pdfcpu/pdfcpu/pkg/pdfcpu/types"
)

// A PDF is parsed by pdfcpu (cross-reference tables and streams, object
// streams, repairs, decryption of files that open without a password), in
// memory, with its resource limits set from ours. The text comes from our
// own small interpreter of the pages' content streams (pdftext.go), since
// pdfcpu extracts content but not text.
//
// A PDF that carries JavaScript (a /JS entry, a JavaScript or Launch
// action, an XFA form) is refused, not cleaned: attachments are evidence
// that the secretariat and the public download as they were submitted, so
// we will not rewrite them, and we will not hand readers' PDF viewers a
// script from an anonymous submitter. Nothing here runs a script; pdfcpu
// has no interpreter. A plain /OpenAction that only opens a page is fine.

const (
	maxPDFObjects    = 200_000 // cross-reference entries; each costs memory before any content
	maxPDFPageDepth  = 64      // nesting of the page tree
	maxPDFPages      = 100_000 // pages walked
	maxPDFScriptWalk = 64      // nesting of dictionaries searched for scripts
)

// pdfConfig is pdfcpu's configuration for reading an attachment: relaxed
// validation (real files are rarely perfect), no network, no configuration
// directory on disk, and decoding bounded by what is left of the budget.
func pdfConfig(b *budget) *model.Configuration {
	limits := model.DefaultResourceLimits()
	limits.MaxDecodeBytes = max(b.left, 1)
	limits.MaxObjectCount = maxPDFObjects
	limits.MaxXRefEntries = maxPDFObjects
	limits.MaxObjectStreamCount = maxPDFObjects
	return &model.Configuration{
		Reader15:                  true,
		ValidationMode:            model.ValidationRelaxed,
		UnsupportedResourcePolicy: model.UnsupportedResourceSkip,
		Offline:                   true,
		Eol:                       types.EolLF,
		Limits:                    limits,
	}
}

func pdfText(ctx context.Context, r io.ReaderAt, size int64, b *budget, out *textOut) error {
	pc, err := pdfcpu.ReadWithContext(ctx, io.NewSectionReader(r, 0, size), pdfConfig(b))
	if err != nil {
		return pdfError(ctx, "read", err)
	}
	if err := refuseScripts(ctx, pc.XRefTable, b); err != nil {
		return err
	}
	rd := &pdfReader{ctx: ctx, x: pc.XRefTable, b: b, out: out, fonts: map[int]*pdfFont{}, seen: map[int]bool{}}
	root, err := pc.Pages()
	if err != nil || root == nil {
		return refuse(CodeUnreadable, fmt.Errorf("no page tree: %v", err))
	}
	return rd.pageTree(*root, nil, 0)
}

// pdfError classifies an error from pdfcpu: our own limits, the context, or
// a file it could not read.
func pdfError(ctx context.Context, what string, err error) error {
	switch {
	case ctx.Err() != nil:
		return ctx.Err()
	case errors.Is(err, filter.ErrDecodeLimitExceeded), errors.Is(err, errExpands):
		return refuse(CodeExpands, err)
	}
	var ours *errs.Error
	if errors.As(err, &ours) {
		return err
	}
	return refuse(CodeUnreadable, fmt.Errorf("pdf %s: %w", what, err))
}

// refuseScripts looks through every object of the file for JavaScript.
// Objects packed in object streams are inflated here, when first asked
// for: each one's share of its stream is counted against the budget, so
// that many small streams that each inflate to just under pdfcpu's
// per-stream limit cannot add up to more than ours.
func refuseScripts(ctx context.Context, x *model.XRefTable, b *budget) error {
	for nr, e := range x.Table {
		if ctx.Err() != nil {
			return ctx.Err()
		}
		if e == nil || e.Free || e.Object == nil {
			continue
		}
		gen := 0
		if e.Generation != nil {
			gen = *e.Generation
		}
		if packed, ok := e.Object.(types.LazyObjectStreamObject); ok {
			data, err := packed.GetData()
			if err != nil {
				return pdfError(ctx, fmt.Sprintf("object %d", nr), err)
			}
			if err := b.take(int64(len(data))); err != nil {
				return err
			}
		}
		o, err := x.Dereference(*types.NewIndirectRef(nr, gen))
		if err != nil {
			return pdfError(ctx, fmt.Sprintf("object %d", nr), err)
		}
		if script := findScript(o, 0); script != "" {
			return refuse(CodeActive, fmt.Errorf("object %d: %s", nr, script))
		}
	}
	return nil
}

// findScript names the script entry in o, or returns "".
func findScript(o types.Object, depth int) string {
	if depth > maxPDFScriptWalk {
		return ""
	}
	var d types.Dict
	switch o := o.(type) {
	case types.Dict:
		d = o
	case types.StreamDict:
		d = o.Dict
	case types.Array:
		for _, item := range o {
			if s := findScript(item, depth+1); s != "" {
				return s
			}
		}
		return ""
	default:
		return ""
	}
	for key, v := range d {
		switch key {
		case "JS", "JavaScript", "XFA":
			return "/" + key
		case "S":
			if n, ok := v.(types.Name); ok && (n == "JavaScript" || n == "Launch") {
				return "a " + string(n) + " action"
			}
		}
		if s := findScript(v, depth+1); s != "" {
			return s
		}
	}
	return ""
}

// pdfReader walks the pages of one PDF and writes their text.
type pdfReader struct {
	ctx   context.Context
	x     *model.XRefTable
	b     *budget
	out   *textOut
	fonts map[int]*pdfFont // by object number: documents share fonts across pages
	seen  map[int]bool     // page tree nodes visited, against loops
	pages int
}

// pageTree writes the text of the pages under node, in order; resources
// are inherited from the nodes above a page.
func (rd *pdfReader) pageTree(node types.IndirectRef, inherited types.Object, depth int) error {
	nr := node.ObjectNumber.Value()
	if depth > maxPDFPageDepth || rd.seen[nr] || rd.pages >= maxPDFPages {
		return nil
	}
	rd.seen[nr] = true
	if err := rd.ctx.Err(); err != nil {
		return err
	}
	d, err := rd.x.DereferenceDict(node)
	if err != nil || d == nil {
		return nil // a broken node: the other pages may still be read
	}
	res := inherited
	if r, ok := d.Find("Resources"); ok {
		res = r
	}
	kids, ok := d.Find("Kids")
	if !ok {
		rd.pages++
		return rd.page(d, res)
	}
	arr, _ := rd.x.DereferenceArray(kids)
	for _, kid := range arr {
		if ref, ok := kid.(types.IndirectRef); ok {
			if err := rd.pageTree(ref, res, depth+1); err != nil {
				return err
			}
		}
	}
	return nil
}

// page writes the text of one page.
func (rd *pdfReader) page(d types.Dict, res types.Object) error {
	contents, ok := d.Find("Contents")
	if !ok {
		return nil
	}
	var streams []types.Object
	if arr, err := rd.x.DereferenceArray(contents); err == nil && arr != nil {
		streams = arr
	} else {
		streams = []types.Object{contents}
	}
	// A page's content may be split between its streams anywhere between
	// two tokens, even inside an operation, so the parts are joined first.
	var content []byte
	for _, s := range streams {
		data, err := rd.stream(s)
		if err != nil {
			return err
		}
		content = append(append(content, data...), '\n')
	}
	p := &painter{ctx: rd.ctx, out: rd.out}
	err := p.interpret(content, rd.resources(res), 0)
	rd.out.lineBreak()
	return err
}

// stream decodes a stream, counting it against the budget; a stream that
// cannot be decoded is skipped (nil), a budget overdrawn stops everything.
func (rd *pdfReader) stream(o types.Object) ([]byte, error) {
	sd, _, err := rd.x.DereferenceStreamDict(o)
	if err != nil || sd == nil {
		return nil, nil
	}
	if err := sd.DecodeWithLimit(max(rd.b.left, 1)); err != nil {
		if errors.Is(err, filter.ErrDecodeLimitExceeded) {
			return nil, refuse(CodeExpands, err)
		}
		return nil, nil
	}
	if err := rd.b.take(int64(len(sd.Content))); err != nil {
		return nil, err
	}
	return sd.Content, nil
}

// resources reads a resource dictionary: its fonts now, its forms when drawn.
func (rd *pdfReader) resources(res types.Object) *resources {
	resDict, err := rd.x.DereferenceDict(res)
	if err != nil {
		resDict = nil
	}
	r := &resources{fonts: rd.fontsOf(resDict)}
	r.form = func(name string) ([]byte, *resources, bool, error) { return rd.form(resDict, res, name) }
	return r
}

// form finds the form XObject called name; a form without resources of
// its own uses those of the page that draws it.
func (rd *pdfReader) form(resDict types.Dict, parentRes types.Object, name string) ([]byte, *resources, bool, error) {
	xobjects, err := rd.x.DereferenceDict(resDict["XObject"])
	if err != nil || xobjects == nil {
		return nil, nil, false, nil
	}
	o, ok := xobjects[name]
	if !ok {
		return nil, nil, false, nil
	}
	sd, _, err := rd.x.DereferenceStreamDict(o)
	if err != nil || sd == nil {
		return nil, nil, false, nil
	}
	if st := sd.Dict.NameEntry("Subtype"); st == nil || *st != "Form" {
		return nil, nil, false, nil
	}
	content, err := rd.stream(o)
	if err != nil || content == nil {
		return nil, nil, false, err
	}
	formRes, ok := sd.Dict.Find("Resources")
	if !ok {
		formRes = parentRes
	}
	return content, rd.resources(formRes), true, nil
}
