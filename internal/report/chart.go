package report

import (
	"bytes"
	"fmt"
	"html"
	"image/color"
	"slices"
	"strconv"
	"strings"

	"golang.org/x/image/font/sfnt"
	"gonum.org/v1/plot"
	"gonum.org/v1/plot/font"
	"gonum.org/v1/plot/plotter"
	"gonum.org/v1/plot/vg"
	"gonum.org/v1/plot/vg/draw"
	"gonum.org/v1/plot/vg/vgimg"
	"gonum.org/v1/plot/vg/vgsvg"
)

// chart is a horizontal bar chart of a breakdown: one bar per series for
// each category, the categories in the order of the table printed with it.
//
// The rule for the words drawn in a chart: charts use only the Liberation
// Sans font embedded in gonum/plot, so that the same report draws the same
// pixels on any machine. Liberation covers Latin and Cyrillic but not
// Arabic or Chinese, so when any label of a chart has a character the font
// lacks, the chart draws keys instead — the categories numbered 1, 2, … and
// the series lettered A, B — and the table printed with the chart carries
// the same keys (keyTable). The chart is then read with its table, which
// holds the words in the report's own script.
type chart struct {
	ID, Title, Desc string
	Categories      []string // as drawn: the labels, or the keys
	Series          []series
	Keyed           bool
}

type series struct {
	Name   string // as drawn
	Column int    // the column of the chart's table that holds its figures (0: the label)
	Values []float64
}

// chartFont is the one font charts draw with.
func chartFont() font.Font {
	return font.Font{Typeface: "Liberation", Variant: "Sans", Size: vg.Points(9)}
}

// seriesColours are dark enough for text contrast on white and tell apart
// in grey print.
func seriesColours() []color.Color {
	return []color.Color{color.RGBA{0x1f, 0x4e, 0x79, 0xff}, color.RGBA{0xd9, 0x8c, 0x3f, 0xff}}
}

// participationChart charts registrations and inputs of a breakdown.
func participationChart(r *Report, id, title string, rows []Breakdown) *chart {
	c := &chart{ID: id, Title: title, Desc: r.tf("report.participation.chart_desc", "what", title)}
	regs := series{Name: r.T("report.col.registrations"), Column: 1}
	inputs := series{Name: r.T("report.col.inputs"), Column: 4}
	for _, b := range rows {
		c.Categories = append(c.Categories, r.breakdownLabel(b))
		regs.Values = append(regs.Values, float64(b.Registrations))
		inputs.Values = append(inputs.Values, float64(b.Inputs))
	}
	c.Series = []series{regs, inputs}
	if !drawable(append(slices.Clone(c.Categories), regs.Name, inputs.Name)) {
		c.Keyed = true
		for i := range c.Categories {
			c.Categories[i] = strconv.Itoa(i + 1)
		}
		for i := range c.Series {
			c.Series[i].Name = string(rune('A' + i))
		}
	}
	return c
}

// keyHeads marks the table's series columns with the chart's letters.
func (c *chart) keyHeads(t *table) {
	for i, s := range c.Series {
		t.Head[s.Column] += " (" + string(rune('A'+i)) + ")"
	}
}

// drawable reports whether the chart font has a glyph for every letter of
// every label.
func drawable(labels []string) bool {
	face := font.DefaultCache.Lookup(chartFont(), chartFont().Size)
	var buf sfnt.Buffer
	for _, l := range labels {
		for _, ch := range l {
			if ch == ' ' {
				continue
			}
			if g, err := face.Face.GlyphIndex(&buf, ch); err != nil || g == 0 {
				return false
			}
		}
	}
	return true
}

// plot draws the chart.
func (c *chart) plot() (*plot.Plot, vg.Length, vg.Length, error) {
	p := plot.New()
	for _, s := range []*text{&p.X.Tick.Label, &p.Y.Tick.Label, &p.Legend.TextStyle, &p.X.Label.TextStyle} {
		s.Font = chartFont()
	}
	n := len(c.Categories)
	names := make([]string, n)
	for i, name := range c.Categories {
		names[n-1-i] = name // the first row at the top
	}
	p.NominalY(names...)
	bar := vg.Points(7)
	for i, s := range c.Series {
		vals := make(plotter.Values, n)
		for j, v := range s.Values {
			vals[n-1-j] = v
		}
		b, err := plotter.NewBarChart(vals, bar)
		if err != nil {
			return nil, 0, 0, err
		}
		b.Horizontal = true
		b.LineStyle.Width = 0
		b.Color = seriesColours()[i%len(seriesColours())]
		b.Offset = bar * vg.Length(float64(len(c.Series)-1)/2-float64(i))
		p.Add(b)
		p.Legend.Add(s.Name, b)
	}
	p.Legend.Top = true
	p.X.Min = 0
	for _, s := range c.Series {
		for _, v := range s.Values {
			p.X.Max = max(p.X.Max, v*1.08) // room at the end of the longest bar
		}
	}
	p.X.Tick.Marker = wholeTicks{}
	// An empty slot above the first row keeps the legend off the bars.
	p.Y.Max = float64(n-1) + 1.4
	p.Add(plotter.NewGrid())
	width := 16 * vg.Centimeter
	return p, width, vg.Length(n+1)*vg.Points(22) + vg.Points(40), nil
}

// wholeTicks are the default ticks with whole numbers only: the figures
// are counts.
type wholeTicks struct{}

func (wholeTicks) Ticks(min, max float64) []plot.Tick {
	var out []plot.Tick
	for _, t := range (plot.DefaultTicks{}).Ticks(min, max) {
		if t.Value != float64(int64(t.Value)) {
			continue
		}
		if t.Label != "" {
			t.Label = strconv.FormatInt(int64(t.Value), 10)
		}
		out = append(out, t)
	}
	return out
}

type text = draw.TextStyle

// svg is the chart as an inline SVG element with its title and
// description (role="img", for screen readers).
func (c *chart) svg() (string, error) {
	p, w, h, err := c.plot()
	if err != nil {
		return "", err
	}
	cv := vgsvg.New(w, h)
	p.Draw(draw.New(cv))
	var buf bytes.Buffer
	if _, err := cv.WriteTo(&buf); err != nil {
		return "", err
	}
	s := buf.String()
	start := strings.Index(s, "<svg")
	end := start + strings.Index(s[start:], ">")
	if start < 0 || end < start {
		return "", fmt.Errorf("report: unexpected SVG from gonum/plot")
	}
	head := fmt.Sprintf(` role="img" aria-labelledby="%s-title %s-desc"><title id="%s-title">%s</title><desc id="%s-desc">%s</desc>`,
		c.ID, c.ID, c.ID, html.EscapeString(c.Title), c.ID, html.EscapeString(c.Desc))
	return s[start:end] + head + s[end+1:], nil
}

// png is the chart as a PNG image at 150 dpi.
func (c *chart) png() ([]byte, vg.Length, vg.Length, error) {
	p, w, h, err := c.plot()
	if err != nil {
		return nil, 0, 0, err
	}
	cv := vgimg.PngCanvas{Canvas: vgimg.NewWith(vgimg.UseWH(w, h), vgimg.UseDPI(150))}
	p.Draw(draw.New(cv))
	var buf bytes.Buffer
	if _, err := cv.WriteTo(&buf); err != nil {
		return nil, 0, 0, err
	}
	return buf.Bytes(), w, h, nil
}
