package inputs_test

import (
	"context"
	"crypto/md5"
	"encoding/hex"
	"fmt"
	"strings"
	"testing"

	"github.com/consulta/consulta/internal/errs"
	"github.com/consulta/consulta/internal/inputs"
	"github.com/consulta/consulta/internal/store"
)

func textUpload(name, text string) inputs.Upload {
	return inputs.Upload{Name: name, Data: []byte(text), Size: int64(len(text))}
}

// A file's number stays with it through edits and is never given again;
// a kept file is the same file; the limits count kept files too.
func TestAttachmentNumbersAndVersions(t *testing.T) {
	eachFixture(t, func(t *testing.T, f *fixture) {
		ctx := context.Background()
		form := f.form(connectivity)
		form.Uploads = []inputs.Upload{textUpload("a.txt", "first"), textUpload("b.txt", "second")}
		in, err := f.svc.Submit(ctx, f.target, inputs.Submitter{Source: inputs.FromParticipant}, form)
		if err != nil {
			t.Fatal(err)
		}
		numbers := func(version int) []int {
			list, err := f.db.InputAttachments(ctx, in.ID, version)
			if err != nil {
				t.Fatal(err)
			}
			var ns []int
			for _, a := range list {
				ns = append(ns, a.N)
			}
			return ns
		}
		edit := func(remove []int, ups ...inputs.Upload) error {
			g := f.form(connectivity)
			g.Remove, g.Uploads = remove, ups
			_, err := f.svc.Edit(ctx, f.target, in.ID, g)
			return err
		}
		if err := edit([]int{1}, textUpload("c.txt", "third")); err != nil {
			t.Fatal(err)
		}
		if err := edit([]int{3}, textUpload("d.txt", "fourth")); err != nil {
			t.Fatal(err)
		}
		for v, want := range map[int]string{1: "[1 2]", 2: "[2 3]", 3: "[2 4]"} {
			if got := fmt.Sprint(numbers(v)); got != want {
				t.Errorf("version %d's files %s, want %s", v, got, want)
			}
		}
		a, err := f.db.InputAttachmentFile(ctx, in.ID, 3, 2)
		if err != nil || string(a.Content) != "second" || a.Name != "b.txt" {
			t.Errorf("the kept file: %+v %v", a, err)
		}
		four := []inputs.Upload{textUpload("e", "5"), textUpload("f", "6"), textUpload("g", "7"), textUpload("h", "8")}
		if err := edit(nil, four...); errs.FieldsOf(err)[inputs.AttachmentsField] != "inputs.attachment.too_many" {
			t.Errorf("two kept and four new files: %v, want too_many", err)
		}
	})
}

// A long file of distinct words (more than a PostgreSQL tsvector holds)
// is stored whole and indexed in part: the submission does not fail.
func TestLongAttachmentIsIndexedInPart(t *testing.T) {
	eachFixture(t, func(t *testing.T, f *fixture) {
		ctx := context.Background()
		var b strings.Builder
		for i := 0; b.Len() < 2_000_000; i++ {
			sum := md5.Sum([]byte{byte(i), byte(i >> 8), byte(i >> 16)})
			b.WriteString("w" + hex.EncodeToString(sum[:]) + " ")
		}
		form := f.form(connectivity)
		form.Uploads = []inputs.Upload{textUpload("words.txt", "quixotically "+b.String())}
		in, err := f.svc.Submit(ctx, f.target, inputs.Submitter{Source: inputs.FromParticipant}, form)
		if err != nil {
			t.Fatalf("a long file: %v", err)
		}
		if _, err := f.svc.Moderate(ctx, in.ID, inputs.Publish, "", "s@un.org"); err != nil {
			t.Fatal(err)
		}
		hits, _, _, err := f.db.Inputs(ctx, store.InputFilter{Public: true, Query: "quixotically"})
		if err != nil || len(hits) != 1 {
			t.Errorf("search by the file's first word: %d hits, %v", len(hits), err)
		}
		text, err := f.db.InputAttachmentText(ctx, in.ID, 1)
		if err != nil || len(text) < 2_000_000 {
			t.Errorf("the synthesis gets %d bytes of the file's text, %v", len(text), err)
		}
	})
}
