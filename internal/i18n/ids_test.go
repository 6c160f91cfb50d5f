package i18n_test

import (
	"github.com/consulta/consulta/internal/i18n"
	"go/ast"
	"go/parser"
	"go/token"
	"maps"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/consulta/consulta/internal/errs"
	"github.com/consulta/consulta/internal/opinion"
	"github.com/consulta/consulta/internal/registration"
	"github.com/consulta/consulta/internal/stakeholder"
)

// dynamicID says how the code completes an id prefix at run time.
type dynamicID struct {
	suffixes []string // every value the code appends, from the enumeration it comes from
	byCalls  bool     // completed by the literal arguments of the functions that build it (see idBuilders)
	optional bool     // a lookup that may miss by design: the code checks p.T(id) != id
}

// dynamicIDs lists every id prefix the source completes at run time and
// where its completions come from. A new prefix in the code fails the test
// until it is listed here.
func dynamicIDs(t *testing.T, root string) map[string]dynamicID {
	moderation := []string{opinion.Rejected.String(), opinion.Unmoderated.String(), opinion.Accepted.String()}
	return map[string]dynamicID{
		// "format." + string(c.Format) (web/view.go, consultation.go, the consultation form).
		"format.": {suffixes: stringConsts(t, root, "internal/consultation", "Format")},
		// "place." + string(c.Format): the place line (web/place.go).
		"place.": {suffixes: stringConsts(t, root, "internal/consultation", "Format")},
		// "admin.status." + string(c.Status) (web/admin_content.go, the consultation form).
		"admin.status.": {suffixes: stringConsts(t, root, "internal/consultation", "Status")},
		// "adminregs.status." + string(reg.Status) and the status filter.
		"adminregs.status.": {suffixes: asStrings(registration.Statuses())},
		// The registrant's own page and the list's note after an action
		// (web/participant.go, admin_registrations.go) say the status.
		"participant.status.": {suffixes: asStrings(registration.Statuses())},
		"adminregs.now.":      {suffixes: asStrings(registration.Statuses())},
		// The meeting page's note after release, test send and send (web/admin_meeting.go).
		"adminmeeting.done.": {suffixes: []string{"released", "tested", "sent"}},
		// Group.MessageID and the opinion map's breakdown by group.
		"stakeholder.": {suffixes: asStrings(stakeholder.All())},
		// The registration form's choices and the balance figures.
		"gender.": {suffixes: registration.Genders()},
		// Printer.Date and Printer.MonthYear: fmt.Sprintf("month.%d", m).
		"month.": {suffixes: []string{"1", "2", "3", "4", "5", "6", "7", "8", "9", "10", "11", "12"}},
		// The moderation list's rows and buttons: Moderation.String().
		"adminopinions.state.":  {suffixes: moderation},
		"adminopinions.action.": {suffixes: moderation},
		// The list's filters, web's moderationFilters(): the states and "all".
		"adminopinions.filter.":  {suffixes: append(slices.Clone(moderation), "all")},
		"adminopinions.caption.": {suffixes: append(slices.Clone(moderation), "all")},
		// store.Email.Transport: the built-in outbox or SMTP (jobs.Mailer).
		"adminregs.transport.": {suffixes: []string{"outbox", "smtp"}},
		// Labels and error summaries name a field "field.<name>": the fields
		// registration.Input.Validate reports, the opinion map's statement
		// and email (web's renderVote) and the seed statement (renderAdminOpinions).
		"field.": {suffixes: append(registrationFields(), "statement", "email", "seed")},
		// web's field(p, name, kind, req): labels and hints of the secretariat's forms.
		"admin.field.": {byCalls: true},
		"admin.hint.":  {byCalls: true, optional: true},
	}
}

func asStrings[S ~string](list []S) []string {
	out := make([]string, len(list))
	for i, v := range list {
		out[i] = string(v)
	}
	return out
}

// registrationFields are the fields registration.Input.Validate can report,
// found by giving it input that is wrong everywhere.
func registrationFields() []string {
	no := func(string) bool { return false }
	long := strings.Repeat("x", 5000)
	in := registration.Input{Gender: "?", JobTitle: long, AccessibilityNeeds: long}
	err := in.Validate(registration.Rules{ValidCountry: no, ValidLanguage: no})
	return slices.Sorted(maps.Keys(errs.FieldsOf(err)))
}

// stringConsts are the values of the string constants of type typ declared
// in the package at dir: an enumeration the package has no function for.
func stringConsts(t *testing.T, root, dir, typ string) []string {
	t.Helper()
	var values []string
	fset := token.NewFileSet()
	entries, err := os.ReadDir(filepath.Join(root, dir))
	if err != nil {
		t.Fatal(err)
	}
	for _, e := range entries {
		if !strings.HasSuffix(e.Name(), ".go") || strings.HasSuffix(e.Name(), "_test.go") {
			continue
		}
		f, err := parser.ParseFile(fset, filepath.Join(root, dir, e.Name()), nil, parser.SkipObjectResolution)
		if err != nil {
			t.Fatal(err)
		}
		ast.Inspect(f, func(n ast.Node) bool {
			spec, ok := n.(*ast.ValueSpec)
			if !ok {
				return true
			}
			if id, typed := spec.Type.(*ast.Ident); typed && id.Name == typ {
				for _, v := range spec.Values {
					if s, ok := stringValue(v); ok {
						values = append(values, s)
					}
				}
			}
			return false
		})
	}
	if len(values) == 0 {
		t.Fatalf("no constants of type %s in %s", typ, dir)
	}
	return values
}

// englishAreas maps every English id to its catalog area.
func englishAreas(t *testing.T) map[string]string {
	t.Helper()
	ids := map[string]string{}
	for _, area := range i18n.Areas(t) {
		msgs, _ := i18n.ReadCatalog(t, area, i18n.Source)
		for id := range msgs {
			ids[id] = area
		}
	}
	return ids
}

func namespacesOf(ids map[string]string) map[string]bool {
	ns := map[string]bool{}
	for id := range ids {
		first, _, _ := strings.Cut(id, ".")
		ns[first] = true
	}
	return ns
}

// TestUsedMessageIDsExist checks that every message id the Go code and the
// templates use is in the English catalog and in every language its area
// must be translated into (requiredLanguages).
func TestUsedMessageIDsExist(t *testing.T) {
	root := moduleRoot(t)
	en := englishAreas(t)
	s := scanIDs(t, root, namespacesOf(en))
	used, optional := s.usedIDs(t, dynamicIDs(t, root))
	langs := catalogsByArea(t)
	for _, id := range slices.Sorted(maps.Keys(used)) {
		at := strings.Join(used[id][:min(3, len(used[id]))], ", ")
		area, ok := en[id]
		if !ok {
			t.Errorf("%q (used at %s) is in no English catalog", id, at)
			continue
		}
		for _, lang := range i18n.RequiredLanguages(area) {
			if _, ok := langs[area+"."+lang][id]; !ok {
				t.Errorf("%q (used at %s) is missing from %s.%s.toml", id, at, area, lang)
			}
		}
	}
	var unused []string
	for id := range en {
		if _, ok := used[id]; !ok && !optional[id] {
			unused = append(unused, id)
		}
	}
	if len(unused) > 0 {
		slices.Sort(unused)
		t.Logf("%d English ids that no code or template uses (some may be built in ways the scan does not see):\n%s",
			len(unused), strings.Join(unused, "\n"))
	}
}

// usedIDs are the ids the code needs, with where they are used: those
// written out, the completions of every prefix, and the ids built from call
// sites. optional are ids looked up that may be absent by design.
func (s *idScan) usedIDs(t *testing.T, dynamic map[string]dynamicID) (used map[string][]string, optional map[string]bool) {
	t.Helper()
	used, optional = maps.Clone(s.ids), map[string]bool{}
	for prefix, at := range s.prefixes {
		d, ok := dynamic[prefix]
		if !ok {
			t.Errorf("the id prefix %q (at %s) is completed at run time: list it in dynamicIDs with where its completions come from",
				prefix, strings.Join(at, ", "))
		}
		for _, suffix := range d.suffixes {
			used[prefix+suffix] = append(used[prefix+suffix], at...)
		}
	}
	for prefix, d := range dynamic {
		if _, ok := s.prefixes[prefix]; !ok {
			t.Errorf("dynamicIDs lists %q, which no code uses any more", prefix)
		}
		if d.byCalls && !s.builders[prefix] {
			t.Errorf("dynamicIDs says calls complete %q, but no function builds an id from it", prefix)
		}
	}
	for prefix, ids := range s.built {
		for id, at := range ids {
			if dynamic[prefix].optional {
				optional[id] = true
			} else {
				used[id] = append(used[id], at...)
			}
		}
	}
	return used, optional
}

// catalogsByArea reads every catalog file, keyed "area.lang".
func catalogsByArea(t *testing.T) map[string]map[string]any {
	t.Helper()
	out := map[string]map[string]any{}
	for _, area := range i18n.Areas(t) {
		for _, lang := range i18n.Languages() {
			if msgs, ok := i18n.ReadCatalog(t, area, lang); ok {
				out[area+"."+lang] = msgs
			}
		}
	}
	return out
}
