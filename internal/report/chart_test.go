package report

import (
	"bytes"
	"image/png"
	"strings"
	"testing"
)

// TestChartWords checks the rule of the charts' words: Latin and Cyrillic
// labels are drawn, Arabic and Chinese ones become keys.
func TestChartWords(t *testing.T) {
	for _, tc := range []struct {
		lang  string
		keyed bool
	}{{"en", false}, {"fr", false}, {"ru", false}, {"ar", true}, {"zh", true}} {
		r := fixture(t, tc.lang)
		c := participationChart(r, "c", "title", r.Participation.Total.ByGroup)
		if c.Keyed != tc.keyed {
			t.Errorf("%s: keyed = %v, want %v", tc.lang, c.Keyed, tc.keyed)
		}
		svg, err := c.svg()
		if err != nil {
			t.Fatal(err)
		}
		if want := c.Series[0].Name; !strings.Contains(svg, ">"+want+"<") {
			t.Errorf("%s: the SVG does not draw %q", tc.lang, want)
		}
		data, w, h, err := c.png()
		if err != nil {
			t.Fatal(err)
		}
		img, err := png.Decode(bytes.NewReader(data))
		if err != nil {
			t.Fatal(err)
		}
		if b := img.Bounds(); b.Dx() != int(w.Points()*150/72+0.5) || b.Dy() != int(h.Points()*150/72+0.5) {
			t.Errorf("%s: the PNG is %v, not %v×%v pt at 150 dpi", tc.lang, b, w.Points(), h.Points())
		}
	}
}
