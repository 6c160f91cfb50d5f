package web

import (
	"go/ast"
	"go/parser"
	"go/token"
	"strconv"
	"testing"

	"github.com/consulta/consulta/internal/staff"
)

// StaffRoute is a line of the routes table guarded by s.may or s.apiMay,
// with the action its guard names.
type StaffRoute struct {
	Pattern string
	Action  staff.Action
	API     bool // s.apiMay: a bearer token, JSON errors
}

// RoutePatterns are the patterns of the routes table, as the server
// registers them.
func RoutePatterns() []string {
	var out []string
	for _, rt := range (&Server{}).routes() {
		out = append(out, rt.pattern)
	}
	return out
}

// StaffRoutes reads the guards off routes.go: the handlers are closures,
// so the action a line needs is only in its source. Every pattern of the
// table is returned (Action "" for lines with no staff guard), so a line
// the parse missed cannot pass for an unguarded one.
func StaffRoutes(t *testing.T) []StaffRoute {
	t.Helper()
	actions := actionConsts(t)
	f, err := parser.ParseFile(token.NewFileSet(), "routes.go", nil, 0)
	if err != nil {
		t.Fatal(err)
	}
	var out []StaffRoute
	ast.Inspect(f, func(n ast.Node) bool {
		lit, ok := n.(*ast.CompositeLit)
		if !ok || len(lit.Elts) != 2 {
			return true
		}
		pat, ok := lit.Elts[0].(*ast.BasicLit)
		if !ok || pat.Kind != token.STRING {
			return true
		}
		p, _ := strconv.Unquote(pat.Value)
		rt := StaffRoute{Pattern: p}
		ast.Inspect(lit.Elts[1], func(n ast.Node) bool {
			call, ok := n.(*ast.CallExpr)
			if !ok {
				return true
			}
			if sel, ok := call.Fun.(*ast.SelectorExpr); ok && (sel.Sel.Name == "may" || sel.Sel.Name == "apiMay") {
				arg := call.Args[0].(*ast.SelectorExpr)
				a, known := actions[arg.Sel.Name]
				if !known {
					t.Errorf("%s: unknown action %s", p, arg.Sel.Name)
				}
				rt.Action, rt.API = a, sel.Sel.Name == "apiMay"
				return false
			}
			return true
		})
		out = append(out, rt)
		return false
	})
	return out
}

// actionConsts maps the names of internal/staff's Action constants to
// their values.
func actionConsts(t *testing.T) map[string]staff.Action {
	t.Helper()
	f, err := parser.ParseFile(token.NewFileSet(), "../staff/staff.go", nil, 0)
	if err != nil {
		t.Fatal(err)
	}
	out := map[string]staff.Action{}
	ast.Inspect(f, func(n ast.Node) bool {
		vs, ok := n.(*ast.ValueSpec)
		if !ok || len(vs.Values) != 1 {
			return true
		}
		if id, ok := vs.Type.(*ast.Ident); ok && id.Name == "Action" {
			v, _ := strconv.Unquote(vs.Values[0].(*ast.BasicLit).Value)
			out[vs.Names[0].Name] = staff.Action(v)
		}
		return true
	})
	return out
}
