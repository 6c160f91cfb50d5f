package jobs

import (
	"math/rand/v2"
	"slices"
	"strings"
	"testing"

	"golang.org/x/net/html"

	"github.com/consulta/consulta/internal/messages"
)

// Whatever a draft's texts hold (markup, quotes, entities, NUL, scripts in
// links, any script or direction), the HTML part parses back to exactly the
// layout's elements with exactly those texts: nothing a registrant typed
// (a name, an organisation) or a translation holds can add an element or
// an attribute, and a link with another scheme than http, https or mailto
// goes nowhere.
func TestHTMLPartKeepsEveryTextAText(t *testing.T) {
	pieces := []string{"a", "é", "<", ">", "&", "&amp;", "\"", "'", "+", " ", "%", "%2F", ":", "/", "<script>", "</p>",
		"javascript:", "http://x", "HTTPS://", "mailto:", "?a=b&c=d", "#", "\u202e", "日本", "\t", "=", "<!--", "]]>"}
	rng := rand.New(rand.NewPCG(3, 4))
	text := func() string {
		var b strings.Builder
		for range 1 + rng.IntN(8) {
			b.WriteString(pieces[rng.IntN(len(pieces))])
		}
		return b.String()
	}
	for range 3000 {
		d := &messages.Draft{Lang: text(), Dir: text(), Subject: text(), Greeting: text(), Footer: text()}
		for range rng.IntN(3) {
			d.Paragraphs = append(d.Paragraphs, text())
		}
		for range rng.IntN(3) {
			d.Actions = append(d.Actions, messages.Action{Label: text(), URL: text()})
		}
		var b strings.Builder
		writeHTML(&b, d)
		got := parseHTMLPart(t, b.String())
		want := []string{"html lang=" + d.Lang + " dir=" + d.Dir, "title:" + d.Subject, "p:" + d.Greeting}
		for _, p := range d.Paragraphs {
			want = append(want, "p:"+p)
		}
		for _, a := range d.Actions {
			want = append(want, "a href="+hrefOf(a.URL)+":"+a.Label, "p:"+a.URL)
		}
		want = append(want, "hr", "p:"+d.Footer)
		if !slices.Equal(got, want) {
			t.Fatalf("draft %+v parses as\n%q\nwant\n%q", d, got, want)
		}
	}
}

// hrefOf is what a link to u must point at: u itself when it is http(s),
// mailto or relative and holds only URL characters, else nowhere.
func hrefOf(u string) string {
	if scheme, _, ok := strings.Cut(u, ":"); ok && !strings.Contains(scheme, "/") {
		if s := strings.ToLower(scheme); s != "http" && s != "https" && s != "mailto" {
			return "#ZgotmplZ"
		}
	}
	return safeHref(u)
}

// A link keeps its address when it needs no escaping and is percent-encoded
// where it does; only http, https and mailto links (and relative ones) go
// anywhere.
func TestSafeHref(t *testing.T) {
	for in, want := range map[string]string{
		"https://consulta.example.org/j/AbC-_~.?a=1&b=2#x": "https://consulta.example.org/j/AbC-_~.?a=1&b=2#x",
		"http://x/a b\"é":          "http://x/a%20b%22%c3%a9",
		"mailto:ana@example.org":   "mailto:ana@example.org",
		"/me/abc?sig=%2F%zz":       "/me/abc?sig=%2F%25zz",
		"javascript:alert(1)":      "#ZgotmplZ",
		"JavaScript:alert(1)":      "#ZgotmplZ",
		"data:text/html,<b>":       "#ZgotmplZ",
		"relative/path:with-colon": "relative/path:with-colon",
	} {
		if got := safeHref(in); got != want {
			t.Errorf("safeHref(%q) = %q, want %q", in, got, want)
		}
	}
}

// parseHTMLPart lists the document's elements in order, each with what a
// reader gets from it: its attributes, its text.
func parseHTMLPart(t *testing.T, doc string) []string {
	t.Helper()
	root, err := html.Parse(strings.NewReader(doc))
	if err != nil {
		t.Fatal(err)
	}
	var out []string
	var walk func(n *html.Node)
	walk = func(n *html.Node) {
		if n.Type == html.ElementNode {
			switch n.Data {
			case "html":
				out = append(out, "html lang="+attr(n, "lang")+" dir="+attr(n, "dir"))
			case "title", "p":
				if n.FirstChild != nil && n.FirstChild.Type == html.ElementNode && n.FirstChild.Data == "a" {
					break
				}
				out = append(out, n.Data+":"+textOf(n))
				return
			case "a":
				out = append(out, "a href="+attr(n, "href")+":"+textOf(n))
				return
			case "hr":
				out = append(out, "hr")
			case "head", "body", "meta":
			default:
				out = append(out, "unexpected element "+n.Data)
			}
		}
		for c := range n.ChildNodes() {
			walk(c)
		}
	}
	walk(root)
	return out
}

func attr(n *html.Node, key string) string {
	for _, a := range n.Attr {
		if a.Key == key {
			return a.Val
		}
	}
	return "(none)"
}

// textOf is n's text, or a mark that it holds an element.
func textOf(n *html.Node) string {
	var b strings.Builder
	for c := range n.ChildNodes() {
		if c.Type != html.TextNode {
			return "(holds " + c.Data + ")"
		}
		b.WriteString(c.Data)
	}
	return b.String()
}
