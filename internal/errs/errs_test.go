package errs

import (
	"errors"
	"fmt"
	"strings"
	"testing"
)

func TestWrapKeepsKindCodeAndFields(t *testing.T) {
	get := func() (err error) {
		defer Wrap(&err, "store.Get(%q)", "x")
		return InvalidFields(map[string]string{"email": "error.email"})
	}
	outer := func() (err error) {
		defer Wrap(&err, "web.handler")
		return get()
	}
	err := outer()
	if KindOf(err) != Invalid || CodeOf(err) != "error.invalid" || FieldsOf(err)["email"] != "error.email" {
		t.Fatalf("lost kind, code or fields: %v", err)
	}
	if !strings.HasPrefix(err.Error(), `web.handler: store.Get("x")`) {
		t.Fatalf("operations not recorded in order: %v", err)
	}
}

func TestPlainErrorsAreInternal(t *testing.T) {
	base := errors.New("disk full")
	err := func() (err error) {
		defer Wrap(&err, "op")
		return fmt.Errorf("write: %w", base)
	}()
	if KindOf(err) != Internal || !errors.Is(err, base) || CodeOf(err) != "" {
		t.Fatalf("plain error: kind %v, is %v, code %q", KindOf(err), errors.Is(err, base), CodeOf(err))
	}
	var nilErr error
	Wrap(&nilErr, "op")
	if nilErr != nil || Is(nil, Internal) {
		t.Fatal("Wrap of nil must stay nil")
	}
}
