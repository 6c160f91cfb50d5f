package extract_test

import (
	"bytes"
	"context"
	"fmt"

	"github.com/consulta/consulta/internal/errs"
	"github.com/consulta/consulta/internal/extract"
)

func ExampleExtract() {
	file := []byte("Connectivity for all\r\nby 2030.")
	kind, text, err := extract.Extract(context.Background(), bytes.NewReader(file), int64(len(file)), extract.Limits{})
	fmt.Println(kind, kind.MediaType(), err)
	fmt.Println(text)

	// A refusal carries the catalog id of its message.
	png := []byte("\x89PNG\r\n\x1a\n")
	_, _, err = extract.Extract(context.Background(), bytes.NewReader(png), int64(len(png)), extract.Limits{})
	fmt.Println(errs.CodeOf(err))
	// Output:
	// txt text/plain; charset=utf-8 <nil>
	// Connectivity for all
	// by 2030.
	// input.attachment.type
}
