package i18n

// The fast path of Printer.T. go-i18n's Localizer.Localize matches the
// language again, allocates, and executes a text/template on every call,
// which made up most of the CPU of composing an email. The catalog is
// immutable once built, so each printer resolves every message id once,
// exactly as go-i18n does (the language the localizer matches, falling back
// to the bundle's default language), and keeps:
//
//   - the result of T(id) without arguments, from go-i18n itself, computed
//     on first use;
//   - each plural form of the message compiled: a constant (go-i18n's
//     "identity" template, no "{{"), a list of text and {{.Field}} parts
//     for the simple templates that are nearly all of the catalog, and the
//     text/template go-i18n would build (same delimiters, same
//     missingkey=default, no functions) for the rest;
//   - the plural form of each small integer Count, as go-i18n's own plural
//     rules choose it (a probe bundle with one message whose forms are
//     their own names, in the same language tag).
//
// A {{.Field}} part prints a string or an integer itself; a value of any
// other type, and a field missing from the arguments ("<no value>"), go
// through the text/template with the same map go-i18n would get, so the
// output is go-i18n's byte for byte. Calls the fast path does not cover (a
// key that is not a string, a Count that is not an integer) go to go-i18n.
// TestFastMatchesGoI18n walks every message of every language to hold it
// to that.

import (
	"bytes"
	"errors"
	"fmt"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"text/template"
	"text/template/parse"

	goi18n "github.com/nicksnyder/go-i18n/v2/i18n"
	"golang.org/x/text/language"
)

// Plural form indexes; formNames are go-i18n's names for them.
const (
	formZero = iota
	formOne
	formTwo
	formFew
	formMany
	formOther
	numForms
)

var formNames = [numForms]string{"zero", "one", "two", "few", "many", "other"}

// errNoForm stands for go-i18n's pluralFormNotFoundError: the message has no
// template for the form chosen.
var errNoForm = errors.New("i18n: message has no such plural form")

// message is one go-i18n message of one language, compiled.
type message struct {
	forms [numForms]*form // nil: the form is empty
}

// newMessage is goi18n.NewMessageTemplate: nil when every form is empty.
func newMessage(m *goi18n.Message) *message {
	var out message
	empty := true
	for i, src := range [numForms]string{m.Zero, m.One, m.Two, m.Few, m.Many, m.Other} {
		if src != "" {
			out.forms[i] = &form{src: src, left: m.LeftDelim, right: m.RightDelim}
			empty = false
		}
	}
	if empty {
		return nil
	}
	return &out
}

// form is one plural form of a message, parsed on first use as go-i18n's
// template.TextParser parses it.
type form struct {
	src, left, right string

	once  sync.Once
	err   error              // parse error
	parts []part             // set when the template is constant or simple
	tmpl  *template.Template // the parsed template, unless constant
}

// part is literal text, or the value of a {{.Field}} when field is set.
type part struct {
	text, field string
}

func (f *form) parse() {
	left, right := f.left, f.right
	if left == "" {
		left = "{{"
	}
	if !strings.Contains(f.src, left) {
		f.parts = []part{{text: f.src}}
		return
	}
	if right == "" {
		right = "}}"
	}
	f.tmpl, f.err = template.New("").Delims(left, right).Option("missingkey=default").Parse(f.src)
	if f.err != nil {
		return
	}
	var parts []part
	for _, n := range f.tmpl.Tree.Root.Nodes {
		switch n := n.(type) {
		case *parse.TextNode:
			parts = append(parts, part{text: string(n.Text)})
		case *parse.ActionNode:
			field, ok := simpleField(n)
			if !ok {
				return
			}
			parts = append(parts, part{field: field})
		default:
			return
		}
	}
	f.parts = parts
}

// simpleField is the name of an action that is just {{.Field}}.
func simpleField(n *parse.ActionNode) (string, bool) {
	p := n.Pipe
	if p == nil || p.IsAssign || len(p.Decl) != 0 || len(p.Cmds) != 1 || len(p.Cmds[0].Args) != 1 {
		return "", false
	}
	f, ok := p.Cmds[0].Args[0].(*parse.FieldNode)
	if !ok || len(f.Ident) != 1 {
		return "", false
	}
	return f.Ident[0], true
}

// execute is go-i18n's MessageTemplate.execute of this form with the data
// map T builds from args.
func (f *form) execute(args []any) (string, error) {
	if f == nil {
		return "", errNoForm
	}
	f.once.Do(f.parse)
	if f.err != nil {
		return "", f.err
	}
	if f.parts != nil {
		if len(f.parts) == 1 && f.parts[0].field == "" {
			return f.parts[0].text, nil
		}
		var b strings.Builder
		for _, p := range f.parts {
			if p.field == "" {
				b.WriteString(p.text)
				continue
			}
			if !appendValue(&b, lookup(args, p.field)) {
				return f.executeTemplate(args)
			}
		}
		return b.String(), nil
	}
	return f.executeTemplate(args)
}

// executeTemplate is what go-i18n does: the text/template with the map.
func (f *form) executeTemplate(args []any) (string, error) {
	var buf bytes.Buffer
	if err := f.tmpl.Execute(&buf, dataMap(args)); err != nil {
		return "", err
	}
	return buf.String(), nil
}

// absent marks a field missing from the arguments.
type absent struct{}

// lookup is data[field] for the map T builds: the last pair wins.
func lookup(args []any, field string) any {
	var v any = absent{}
	for i := 0; i+1 < len(args); i += 2 {
		if args[i].(string) == field {
			v = args[i+1]
		}
	}
	return v
}

// appendValue writes v as text/template prints it, for the types whose
// printing is plain (fmt.Fprint of a string or an integer); false for any
// other value, which the template itself must print.
func appendValue(b *strings.Builder, v any) bool {
	switch v := v.(type) {
	case string:
		b.WriteString(v)
	case int:
		b.WriteString(strconv.Itoa(v))
	case int8:
		b.WriteString(strconv.FormatInt(int64(v), 10))
	case int16:
		b.WriteString(strconv.FormatInt(int64(v), 10))
	case int32:
		b.WriteString(strconv.FormatInt(int64(v), 10))
	case int64:
		b.WriteString(strconv.FormatInt(v, 10))
	case uint:
		b.WriteString(strconv.FormatUint(uint64(v), 10))
	case uint8:
		b.WriteString(strconv.FormatUint(uint64(v), 10))
	case uint16:
		b.WriteString(strconv.FormatUint(uint64(v), 10))
	case uint32:
		b.WriteString(strconv.FormatUint(uint64(v), 10))
	case uint64:
		b.WriteString(strconv.FormatUint(v, 10))
	default:
		return false
	}
	return true
}

// dataMap is the TemplateData T hands go-i18n.
func dataMap(args []any) map[string]any {
	data := map[string]any{}
	for i := 0; i+1 < len(args); i += 2 {
		data[fmt.Sprint(args[i])] = args[i+1]
	}
	return data
}

// entry is one message id as one printer resolves it.
type entry struct {
	msg      *message
	plural   *plurals // the rules of the language the message is in; nil: leave it to go-i18n
	fallback bool     // the message is the default language's (go-i18n reports MessageNotFoundErr)

	plainOnce sync.Once
	plain     string // T(id) without arguments
}

// messages are the compiled messages of every language, in the order
// go-i18n loaded them (a later file's message replaces an earlier one's).
type messages map[language.Tag]map[string]*message

func (ms messages) add(f *goi18n.MessageFile) {
	if ms[f.Tag] == nil {
		ms[f.Tag] = map[string]*message{}
	}
	for _, m := range f.Messages {
		ms[f.Tag][m.ID] = newMessage(m)
	}
}

// resolve builds a printer's entries: for every id any language has, the
// message go-i18n's Localizer.getMessageTemplate would pick. Ids resolving
// to no message are left out: T returns them as they are.
func resolve(b *goi18n.Bundle, ms messages, pl map[language.Tag]*plurals, langs ...string) map[string]*entry {
	var want []language.Tag
	for _, l := range langs {
		tags, _, err := language.ParseAcceptLanguage(l)
		if err == nil {
			want = append(want, tags...)
		}
	}
	bundleTags := b.LanguageTags()
	_, i, _ := language.NewMatcher(bundleTags).Match(want...)
	tag, def := bundleTags[i], bundleTags[0] // NewBundle adds the default language first
	out := map[string]*entry{}
	for _, byID := range ms {
		for id := range byID {
			if _, done := out[id]; done {
				continue
			}
			e := &entry{msg: ms[tag][id], plural: pl[tag]}
			if e.msg == nil && tag != def {
				e.msg, e.plural, e.fallback = ms[def][id], pl[def], true
			}
			if e.msg != nil {
				out[id] = e
			}
		}
	}
	return out
}

// plurals picks plural forms with go-i18n's rules for one language tag.
type plurals struct {
	probe *goi18n.Localizer
	small [1024]atomic.Uint32 // form+1 of each |Count| below 1024; 0 = not yet known
}

// newPlurals builds one plurals per tag of the bundle; a tag the probe
// does not resolve to itself gets none, which leaves its messages to
// go-i18n.
func newPlurals(b *goi18n.Bundle) map[language.Tag]*plurals {
	pb := goi18n.NewBundle(language.English)
	probe := &goi18n.Message{ID: "plural"}
	probe.Zero, probe.One, probe.Two = formNames[formZero], formNames[formOne], formNames[formTwo]
	probe.Few, probe.Many, probe.Other = formNames[formFew], formNames[formMany], formNames[formOther]
	out := map[language.Tag]*plurals{}
	for _, tag := range b.LanguageTags() {
		if err := pb.AddMessages(tag, probe); err != nil {
			continue
		}
	}
	for _, tag := range b.LanguageTags() {
		loc := goi18n.NewLocalizer(pb, tag.String())
		_, got, err := loc.LocalizeWithTag(&goi18n.LocalizeConfig{MessageID: "plural", PluralCount: 1})
		if err == nil && got == tag {
			out[tag] = &plurals{probe: loc}
		}
	}
	return out
}

// form is the plural form go-i18n selects for count in this language.
func (p *plurals) form(count int64) (int, bool) {
	abs := count
	if abs < 0 {
		abs = -abs
	}
	cached := abs >= 0 && abs < int64(len(p.small))
	if cached {
		if f := p.small[abs].Load(); f != 0 {
			return int(f - 1), true
		}
	}
	name, err := p.probe.Localize(&goi18n.LocalizeConfig{MessageID: "plural", PluralCount: count})
	if err != nil {
		return 0, false
	}
	for f, n := range formNames {
		if n == name {
			if cached {
				p.small[abs].Store(uint32(f + 1))
			}
			return f, true
		}
	}
	return 0, false
}

// fast is T with arguments without go-i18n, or false when the call is one
// the fast path leaves to go-i18n.
func (e *entry) fast(args []any) (string, bool) {
	if e.plural == nil {
		return "", false
	}
	var count any
	for i := 0; i+1 < len(args); i += 2 {
		k, ok := args[i].(string)
		if !ok {
			return "", false
		}
		if k == "Count" {
			count = args[i+1]
		}
	}
	f := formOther
	if count != nil {
		n, ok := integer(count)
		if !ok {
			return "", false
		}
		if f, ok = e.plural.form(n); !ok {
			return "", false
		}
	}
	s, err := e.msg.forms[f].execute(args)
	if err != nil && f != formOther {
		// go-i18n falls back to "other" when the form is missing or fails.
		if s2, err2 := e.msg.forms[formOther].execute(args); err2 == nil {
			s = s2
		}
	}
	if (err != nil || e.fallback) && s == "" {
		return "", false // go-i18n's result is the id: T decides
	}
	return strings.TrimSpace(s), true
}

// integer is a Count go-i18n reads as an integer (plural.NewOperands).
func integer(v any) (int64, bool) {
	switch v := v.(type) {
	case int:
		return int64(v), true
	case int8:
		return int64(v), true
	case int16:
		return int64(v), true
	case int32:
		return int64(v), true
	case int64:
		return v, true
	}
	return 0, false
}
