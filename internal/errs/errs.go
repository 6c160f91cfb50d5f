// Package errs is Consulta's one error type. Every error that crosses a
// package boundary carries a Kind, which the web layer maps to an HTTP status
// in one table, and the operation that produced it, so a log line says where
// it came from.
package errs

import (
	"errors"
	"fmt"
)

// Kind classifies an error by what the caller can do about it.
type Kind int

// The kinds, from "the caller did something wrong" to "we did".
const (
	Internal     Kind = iota // a bug or an unavailable dependency
	Invalid                  // bad input; Fields says which
	NotFound                 // no such thing (or the caller may not know it exists)
	Conflict                 // the thing already exists or changed meanwhile
	Unauthorized             // not signed in / bad token
	Forbidden                // signed in but not allowed
	Closed                   // the action is not possible now (window closed, capacity full)
)

// Error is the error type shared by every package.
type Error struct {
	Kind Kind
	// Code is a catalog message id (for example "registration.closed") that
	// the web layer translates for the user.
	Code string
	// Fields maps a form field name to a catalog message id.
	Fields map[string]string
	Op     string
	Err    error
}

func (e *Error) Error() string {
	msg := e.Code
	if msg == "" && e.Err != nil {
		msg = e.Err.Error()
	} else if e.Err != nil {
		msg += ": " + e.Err.Error()
	}
	if len(e.Fields) > 0 {
		msg += fmt.Sprintf(" %v", e.Fields)
	}
	if e.Op != "" {
		return e.Op + ": " + msg
	}
	return msg
}

func (e *Error) Unwrap() error { return e.Err }

// E builds an error of a kind with a catalog code.
func E(kind Kind, code string) *Error { return &Error{Kind: kind, Code: code} }

// InvalidFields builds an Invalid error from per-field message ids.
func InvalidFields(fields map[string]string) *Error {
	return &Error{Kind: Invalid, Code: "error.invalid", Fields: fields}
}

// KindOf reports the kind of err; errors that are not *Error are Internal.
func KindOf(err error) Kind {
	var e *Error
	if errors.As(err, &e) {
		return e.Kind
	}
	return Internal
}

// CodeOf returns the catalog code of err, or "" when it has none.
func CodeOf(err error) string {
	var e *Error
	if errors.As(err, &e) {
		return e.Code
	}
	return ""
}

// FieldsOf returns the per-field errors carried by err.
func FieldsOf(err error) map[string]string {
	var e *Error
	if errors.As(err, &e) {
		return e.Fields
	}
	return nil
}

// Is reports whether err is of the given kind.
func Is(err error, kind Kind) bool { return err != nil && KindOf(err) == kind }

// Wrap annotates *errp with the operation, keeping its kind. Use it as
//
//	defer errs.Wrap(&err, "store.CreateRegistration(%q)", slug)
func Wrap(errp *error, format string, args ...any) {
	if *errp == nil {
		return
	}
	op := fmt.Sprintf(format, args...)
	var e *Error
	if errors.As(*errp, &e) {
		if e.Op != "" {
			op += ": " + e.Op
		}
		*errp = &Error{Kind: e.Kind, Code: e.Code, Fields: e.Fields, Op: op, Err: e.Err}
		return
	}
	*errp = &Error{Kind: Internal, Op: op, Err: *errp}
}
