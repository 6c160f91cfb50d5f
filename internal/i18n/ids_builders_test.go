package i18n_test

import (
	"go/ast"
	"go/token"
	"slices"
)

// An id builder is a function that makes an id from one of its parameters,
// such as web's field(p, name, kind, req), which looks up
// "admin.field." + name. Functions passing their own parameter on to a
// builder are builders too (translationField, and closures like tf). The
// literal arguments at their call sites complete the ids they build.
type idBuilders map[string]map[int][]string // function name -> parameter index -> prefixes

// add records that parameter i of fn completes prefix, reporting whether
// that is new.
func (b idBuilders) add(fn string, i int, prefix string) bool {
	if b[fn] == nil {
		b[fn] = map[int][]string{}
	}
	if slices.Contains(b[fn][i], prefix) {
		return false
	}
	b[fn][i] = append(b[fn][i], prefix)
	return true
}

// goFunc is a function declaration or a function literal bound to a name.
type goFunc struct {
	name   string
	params []string
	body   *ast.BlockStmt
}

// builtIDs finds the package's id builders and records prefix + literal
// argument for each call to one. Functions are matched by name within the
// package, which is enough for the few builders there are.
func (s *idScan) builtIDs(files []*ast.File, where func(ast.Node) string) {
	funcs, bound := packageFuncs(files)
	b := idBuilders{}
	for _, fn := range funcs {
		inspectOwn(fn.body, bound, func(n ast.Node) {
			if bin, ok := n.(*ast.BinaryExpr); ok && bin.Op == token.ADD {
				v, ok := stringValue(bin.X)
				if i := paramIndex(fn, bin.Y); ok && i >= 0 && s.namespaced(v) && prefixShape.MatchString(v) {
					b.add(fn.name, i, v)
				}
			}
		})
	}
	for changed := true; changed; {
		changed = false
		eachBuilderCall(funcs, bound, b, func(fn goFunc, arg ast.Expr, prefix string) {
			if j := paramIndex(fn, arg); j >= 0 && b.add(fn.name, j, prefix) {
				changed = true
			}
		})
	}
	eachBuilderCall(funcs, bound, b, func(_ goFunc, arg ast.Expr, prefix string) {
		if v, ok := stringValue(arg); ok {
			if s.built[prefix] == nil {
				s.built[prefix] = map[string][]string{}
			}
			s.add(s.built[prefix], prefix+v, where(arg))
		}
	})
	for _, params := range b {
		for _, prefixes := range params {
			for _, p := range prefixes {
				s.builders[p] = true
			}
		}
	}
}

// eachBuilderCall calls visit with each argument that a call to a builder
// completes a prefix with, and the function the call is in.
func eachBuilderCall(funcs []goFunc, bound map[*ast.FuncLit]bool, b idBuilders, visit func(goFunc, ast.Expr, string)) {
	for _, fn := range funcs {
		inspectOwn(fn.body, bound, func(n ast.Node) {
			call, ok := n.(*ast.CallExpr)
			if !ok {
				return
			}
			for i, prefixes := range b[calleeName(call)] {
				for _, p := range prefixes {
					if i < len(call.Args) {
						visit(fn, call.Args[i], p)
					}
				}
			}
		})
	}
}

// packageFuncs lists the package's functions and methods, and the function
// literals bound to a name (fd := func(name, kind string, req bool) …).
func packageFuncs(files []*ast.File) ([]goFunc, map[*ast.FuncLit]bool) {
	var funcs []goFunc
	bound := map[*ast.FuncLit]bool{}
	bind := func(lhs ast.Expr, rhs ast.Expr) {
		lit, ok := rhs.(*ast.FuncLit)
		id, named := lhs.(*ast.Ident)
		if ok && named {
			funcs, bound[lit] = append(funcs, goFunc{id.Name, paramNames(lit.Type), lit.Body}), true
		}
	}
	for _, f := range files {
		ast.Inspect(f, func(n ast.Node) bool {
			switch n := n.(type) {
			case *ast.FuncDecl:
				if n.Body != nil {
					funcs = append(funcs, goFunc{n.Name.Name, paramNames(n.Type), n.Body})
				}
			case *ast.AssignStmt:
				for i := range min(len(n.Lhs), len(n.Rhs)) {
					bind(n.Lhs[i], n.Rhs[i])
				}
			case *ast.ValueSpec:
				for i := range min(len(n.Names), len(n.Values)) {
					bind(n.Names[i], n.Values[i])
				}
			}
			return true
		})
	}
	return funcs, bound
}

// inspectOwn visits the nodes of a function body, leaving out the bodies
// of the named function literals inside it, which are functions of their own.
func inspectOwn(body *ast.BlockStmt, bound map[*ast.FuncLit]bool, visit func(ast.Node)) {
	ast.Inspect(body, func(n ast.Node) bool {
		if lit, ok := n.(*ast.FuncLit); ok && bound[lit] {
			return false
		}
		if n != nil {
			visit(n)
		}
		return true
	})
}

func paramNames(ft *ast.FuncType) []string {
	var names []string
	for _, f := range ft.Params.List {
		if len(f.Names) == 0 {
			names = append(names, "_")
		}
		for _, n := range f.Names {
			names = append(names, n.Name)
		}
	}
	return names
}

// paramIndex is the position of e among fn's parameters, when e is one
// (possibly converted: string(name)), or -1.
func paramIndex(fn goFunc, e ast.Expr) int {
	if conv, ok := e.(*ast.CallExpr); ok && len(conv.Args) == 1 {
		if id, ok := conv.Fun.(*ast.Ident); ok && id.Name == "string" {
			e = conv.Args[0]
		}
	}
	id, ok := e.(*ast.Ident)
	if !ok {
		return -1
	}
	return slices.Index(fn.params, id.Name)
}

// calleeName is the name a call calls: f(…), x.f(…).
func calleeName(call *ast.CallExpr) string {
	switch fun := call.Fun.(type) {
	case *ast.Ident:
		return fun.Name
	case *ast.SelectorExpr:
		return fun.Sel.Name
	}
	return ""
}
