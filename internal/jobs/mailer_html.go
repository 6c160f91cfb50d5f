package jobs

import (
	"strings"

	"github.com/consulta/consulta/internal/messages"
)

// The HTML part of every email is one fixed layout around a draft's texts.
// It is written here rather than by html/template: the template's escapers
// run through reflection for every value, which made it the costliest step
// of composing an email after the calendar (about 40 µs of a join email's
// 0.5 ms of CPU; docs/BENCHMARKS.md). Every value is escaped the way
// html/template escapes it in the same place: text, attributes and the
// title with htmlEscape, and a link's href filtered (only http, https and
// mailto, or relative) and normalised by safeHref first.

// emailStyle is the inline CSS of the layout: many mail clients ignore
// style sheets.
const (
	bodyStyle   = "font-family:Arial,Helvetica,sans-serif;line-height:1.5;color:#1b1b1b;max-width:40em;margin:0 auto;padding:1em"
	buttonStyle = "display:inline-block;padding:.6em 1.2em;background:#005a9c;color:#fff;text-decoration:none;border-radius:4px"
	smallStyle  = "font-size:.9em;color:#444"
)

// writeHTML writes d as a whole HTML document: the greeting, the
// paragraphs, each action as a button with its address spelled out below
// (for clients that do not show links), and the footer.
func writeHTML(b *strings.Builder, d *messages.Draft) {
	b.WriteString(`<!DOCTYPE html>` + "\n" + `<html lang="`)
	htmlEscape(b, d.Lang)
	b.WriteString(`" dir="`)
	htmlEscape(b, d.Dir)
	b.WriteString(`">` + "\n" + `<head><meta charset="utf-8"><title>`)
	htmlEscape(b, d.Subject)
	b.WriteString(`</title></head>` + "\n" + `<body style="` + bodyStyle + `">` + "\n<p>")
	htmlEscape(b, d.Greeting)
	b.WriteString("</p>\n")
	for _, p := range d.Paragraphs {
		b.WriteString("<p>")
		htmlEscape(b, p)
		b.WriteString("</p>\n")
	}
	for _, a := range d.Actions {
		b.WriteString(`<p><a href="`)
		htmlEscape(b, safeHref(a.URL))
		b.WriteString(`" style="` + buttonStyle + `">`)
		htmlEscape(b, a.Label)
		b.WriteString(`</a></p>` + "\n" + `<p style="` + smallStyle + `">`)
		htmlEscape(b, a.URL)
		b.WriteString("</p>\n")
	}
	b.WriteString(`<hr>` + "\n" + `<p style="` + smallStyle + `">`)
	htmlEscape(b, d.Footer)
	b.WriteString("</p>\n</body>\n</html>\n")
}

// htmlEscape writes s with the characters html/template escapes in text
// and quoted attributes replaced: & < > " ' and + (which html/template
// escapes against UTF-7 sniffing), and NUL made U+FFFD.
func htmlEscape(b *strings.Builder, s string) {
	start := 0
	for i := 0; i < len(s); i++ {
		var r string
		switch s[i] {
		case 0:
			r = "\uFFFD"
		case '"':
			r = "&#34;"
		case '&':
			r = "&amp;"
		case '\'':
			r = "&#39;"
		case '+':
			r = "&#43;"
		case '<':
			r = "&lt;"
		case '>':
			r = "&gt;"
		default:
			continue
		}
		b.WriteString(s[start:i])
		b.WriteString(r)
		start = i + 1
	}
	b.WriteString(s[start:])
}

// safeHref is a link's address as html/template puts it in an href: a
// scheme other than http, https or mailto becomes "#ZgotmplZ" (a link that
// goes nowhere), and every byte outside RFC 3986's unreserved and reserved
// characters is percent-encoded, valid escapes kept.
func safeHref(s string) string {
	if scheme, _, ok := strings.Cut(s, ":"); ok && !strings.Contains(scheme, "/") &&
		!strings.EqualFold(scheme, "http") && !strings.EqualFold(scheme, "https") && !strings.EqualFold(scheme, "mailto") {
		return "#ZgotmplZ"
	}
	var b strings.Builder
	written := 0
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch {
		case 'a' <= c && c <= 'z', 'A' <= c && c <= 'Z', '0' <= c && c <= '9', strings.IndexByte("-._~!#$&*+,/:;=?@[]", c) >= 0:
			continue
		case c == '%' && i+2 < len(s) && isHex(s[i+1]) && isHex(s[i+2]):
			continue
		}
		b.WriteString(s[written:i])
		b.WriteByte('%')
		b.WriteByte("0123456789abcdef"[c>>4])
		b.WriteByte("0123456789abcdef"[c&15])
		written = i + 1
	}
	if written == 0 {
		return s
	}
	b.WriteString(s[written:])
	return b.String()
}

func isHex(c byte) bool {
	return '0' <= c && c <= '9' || 'a' <= c && c <= 'f' || 'A' <= c && c <= 'F'
}
