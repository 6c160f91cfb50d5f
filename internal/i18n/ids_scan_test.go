package i18n_test

import (
	"go/ast"
	"go/parser"
	"go/token"
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"
)

// idScan is what the repository's source says about message ids. Each map
// goes from an id (or prefix) to the places, "path:line", that use it.
type idScan struct {
	ns       map[string]bool                // catalog namespaces: the first segment of every English id
	ids      map[string][]string            // ids written out in full
	prefixes map[string][]string            // prefixes completed at run time: "adminregs.status." + string(reg.Status)
	built    map[string]map[string][]string // prefix -> prefix + literal argument of a function that builds an id (admin.field.email)
	builders map[string]bool                // prefixes that some function builds ids with from its parameter
}

var (
	idShape     = regexp.MustCompile(`^[a-z][a-z0-9_]*(\.[a-z0-9_]+)+$`)
	prefixShape = regexp.MustCompile(`^([a-z][a-z0-9_]*(\.[a-z0-9_]+)*\.)(%[a-z])?$`)
	tmplAction  = regexp.MustCompile(`(?s){{.*?}}`)
	tmplT       = regexp.MustCompile(`\.T\s+"([^"]*)"`)
	tmplPrint   = regexp.MustCompile(`\(print\s+"([^"]*)"`)
	tmplString  = regexp.MustCompile(`"((?:[^"\\]|\\.)*)"`)
)

// moduleRoot is the directory holding go.mod, above the test's directory.
func moduleRoot(t *testing.T) string {
	t.Helper()
	dir, err := os.Getwd()
	if err != nil {
		t.Fatal(err)
	}
	for {
		if _, err := os.Stat(filepath.Join(dir, "go.mod")); err == nil {
			return dir
		}
		parent := filepath.Dir(dir)
		if parent == dir {
			t.Fatal("no go.mod above the test's directory")
		}
		dir = parent
	}
}

// scanIDs reads every Go file (tests excluded) and every HTML template of
// the module for message ids.
func scanIDs(t *testing.T, root string, namespaces map[string]bool) *idScan {
	t.Helper()
	s := &idScan{ns: namespaces, ids: map[string][]string{}, prefixes: map[string][]string{}, built: map[string]map[string][]string{},
		builders: map[string]bool{}}
	goFiles := map[string][]string{} // package directory -> files
	err := filepath.WalkDir(root, func(path string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		name := d.Name()
		switch {
		case d.IsDir() && path != root && (name == "vendor" || name == "testdata" || name == "node_modules" || strings.HasPrefix(name, ".")):
			return filepath.SkipDir
		case d.IsDir():
		case strings.HasSuffix(name, ".go") && !strings.HasSuffix(name, "_test.go"):
			goFiles[filepath.Dir(path)] = append(goFiles[filepath.Dir(path)], path)
		case strings.HasSuffix(name, ".html"):
			return s.scanTemplate(root, path)
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	for _, files := range goFiles {
		if err := s.scanGoPackage(root, files); err != nil {
			t.Fatal(err)
		}
	}
	return s
}

func (s *idScan) add(m map[string][]string, id, at string) {
	if !slices.Contains(m[id], at) {
		m[id] = append(m[id], at)
	}
}

// namespaced reports whether v starts with a catalog namespace, which is
// what tells an id apart from other dotted strings ("go.mod", "votes.csv").
func (s *idScan) namespaced(v string) bool {
	first, _, _ := strings.Cut(v, ".")
	return s.ns[first]
}

// literal records a string constant shaped like an id or an id prefix.
func (s *idScan) literal(v, at string) {
	switch {
	case !s.namespaced(v):
	case idShape.MatchString(v):
		s.add(s.ids, v, at)
	case prefixShape.MatchString(v):
		s.add(s.prefixes, prefixShape.FindStringSubmatch(v)[1], at)
	}
}

// scanTemplate finds, inside the actions of a template, ids passed to the
// printer ({{.T "id"}}, {{$.P.T "id"}}), prefixes completed with print
// ({{.T (print "adminregs.status." .)}}) and any other id-shaped string
// (dict "Head" "field.gender").
func (s *idScan) scanTemplate(root, path string) error {
	data, err := os.ReadFile(path)
	if err != nil {
		return err
	}
	rel, _ := filepath.Rel(root, path)
	text := string(data)
	for _, loc := range tmplAction.FindAllStringIndex(text, -1) {
		action := text[loc[0]:loc[1]]
		at := rel + ":" + strconv.Itoa(1+strings.Count(text[:loc[0]], "\n"))
		for _, m := range tmplT.FindAllStringSubmatch(action, -1) {
			s.add(s.ids, m[1], at)
		}
		for _, m := range tmplPrint.FindAllStringSubmatch(action, -1) {
			s.add(s.prefixes, m[1], at)
		}
		for _, m := range tmplString.FindAllStringSubmatch(action, -1) {
			s.literal(m[1], at)
		}
	}
	return nil
}

// scanGoPackage finds ids in one package's Go files: every id-shaped string
// constant in a catalog namespace (calls such as p.T("id") and
// errs.E(kind, "id"), field-error maps, constants, struct fields), whatever
// is passed as the id to a T method or to errs.E, and prefixes completed at
// run time ("format." + string(c.Format), fmt.Sprintf("month.%d", m)).
func (s *idScan) scanGoPackage(root string, paths []string) error {
	fset := token.NewFileSet()
	var files []*ast.File
	for _, p := range paths {
		f, err := parser.ParseFile(fset, p, nil, parser.SkipObjectResolution)
		if err != nil {
			return err
		}
		files = append(files, f)
	}
	where := func(n ast.Node) string {
		pos := fset.Position(n.Pos())
		rel, _ := filepath.Rel(root, pos.Filename)
		return rel + ":" + strconv.Itoa(pos.Line)
	}
	for _, f := range files {
		ast.Inspect(f, func(n ast.Node) bool { return s.goNode(n, where) })
	}
	s.builtIDs(files, where)
	return nil
}

func (s *idScan) goNode(n ast.Node, where func(ast.Node) string) bool {
	switch n := n.(type) {
	case *ast.ImportSpec:
		return false
	case *ast.BasicLit:
		if v, ok := stringValue(n); ok {
			s.literal(v, where(n))
		}
	case *ast.CallExpr:
		if arg := idArgument(n); arg != nil {
			s.idExpr(arg, where(arg))
		}
	}
	return true
}

// idArgument is the argument of a call that is a message id whatever it
// looks like: the first of a T method, the second of errs.E.
func idArgument(call *ast.CallExpr) ast.Expr {
	sel, ok := call.Fun.(*ast.SelectorExpr)
	if !ok {
		return nil
	}
	pkg, _ := sel.X.(*ast.Ident)
	switch {
	case sel.Sel.Name == "T" && len(call.Args) > 0:
		return call.Args[0]
	case sel.Sel.Name == "E" && pkg != nil && pkg.Name == "errs" && len(call.Args) == 2:
		return call.Args[1]
	}
	return nil
}

// idExpr records an expression known to be an id: a literal, or a literal
// prefix plus something.
func (s *idScan) idExpr(e ast.Expr, at string) {
	if v, ok := stringValue(e); ok {
		s.add(s.ids, v, at)
		return
	}
	if bin, ok := e.(*ast.BinaryExpr); ok && bin.Op == token.ADD {
		if v, ok := stringValue(bin.X); ok {
			s.add(s.prefixes, v, at)
		}
	}
}

// stringValue is the value of a string literal.
func stringValue(e ast.Expr) (string, bool) {
	lit, ok := e.(*ast.BasicLit)
	if !ok || lit.Kind != token.STRING {
		return "", false
	}
	v, err := strconv.Unquote(lit.Value)
	return v, err == nil
}
