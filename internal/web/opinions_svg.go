package web

import (
	"cmp"
	"fmt"
	"html/template"
	"math"
	"slices"
	"strings"

	"github.com/consulta/consulta/internal/opinion"
)

// The opinion map is drawn server-side as SVG: it needs no script, scales
// to any screen and prints. Groups differ by colour (Okabe–Ito, safe for
// colour-blind readers) and by marker shape, so colour is never the only cue.
var groupColours = []string{"#0072B2", "#D55E00", "#009E73", "#CC79A7", "#B07800"}

// maxDrawnPoints bounds the markers drawn; beyond it every n-th
// participant is drawn (the groups' outlines still use everyone).
const maxDrawnPoints = 4000

const (
	svgW, svgH, svgPad = 640.0, 420.0, 28.0
)

// opinionMapSVG draws the participants in the conversation on the two
// components, each group outlined by its convex hull and labelled.
func opinionMapSVG(res *opinion.Result, title, desc string) template.HTML {
	var pts []opinion.ParticipantResult
	for _, p := range res.Participants {
		if p.Group >= 0 {
			pts = append(pts, p)
		}
	}
	minX, maxX, minY, maxY := -1.0, 1.0, -1.0, 1.0
	for _, p := range pts {
		minX, maxX = min(minX, p.X), max(maxX, p.X)
		minY, maxY = min(minY, p.Y), max(maxY, p.Y)
	}
	scale := min((svgW-2*svgPad)/(maxX-minX), (svgH-2*svgPad)/(maxY-minY))
	offX := svgPad + ((svgW-2*svgPad)-(maxX-minX)*scale)/2
	offY := svgPad + ((svgH-2*svgPad)-(maxY-minY)*scale)/2
	at := func(x, y float64) (float64, float64) {
		return offX + (x-minX)*scale, svgH - (offY + (y-minY)*scale)
	}

	var b strings.Builder
	fmt.Fprintf(&b, `<svg class="opinion-map" viewBox="0 0 %g %g" role="img" aria-labelledby="map-title map-desc" xmlns="http://www.w3.org/2000/svg">`, svgW, svgH)
	fmt.Fprintf(&b, `<title id="map-title">%s</title><desc id="map-desc">%s</desc>`,
		template.HTMLEscapeString(title), template.HTMLEscapeString(desc))
	ox, oy := at(0, 0)
	fmt.Fprintf(&b, `<g stroke="#d0d7de" stroke-width="1"><line x1="0" y1="%.1f" x2="%g" y2="%.1f"/><line x1="%.1f" y1="0" x2="%.1f" y2="%g"/></g>`,
		oy, svgW, oy, ox, ox, svgH)

	byGroup := make([][][2]float64, len(res.Groups))
	for _, p := range pts {
		x, y := at(p.X, p.Y)
		byGroup[p.Group] = append(byGroup[p.Group], [2]float64{x, y})
	}
	for g, gp := range byGroup {
		colour := groupColours[g%len(groupColours)]
		hull := convexHull(gp)
		if len(hull) < 3 {
			// One or two distinct places: ring them instead.
			for _, h := range hull {
				fmt.Fprintf(&b, `<circle cx="%.1f" cy="%.1f" r="12" fill="%s" fill-opacity="0.10" stroke="%s" stroke-width="2"/>`,
					h[0], h[1], colour, colour)
			}
		} else {
			b.WriteString(`<polygon fill="` + colour + `" fill-opacity="0.10" stroke="` + colour + `" stroke-width="2" stroke-linejoin="round" points="`)
			for i, h := range hull {
				if i > 0 {
					b.WriteByte(' ')
				}
				fmt.Fprintf(&b, "%.1f,%.1f", h[0], h[1])
			}
			b.WriteString(`"/>`)
		}
	}
	step := max(1, (len(pts)+maxDrawnPoints-1)/maxDrawnPoints)
	for g := range byGroup {
		colour := groupColours[g%len(groupColours)]
		fmt.Fprintf(&b, `<g fill="%s" fill-opacity="0.75">`, colour)
		for i := 0; i < len(byGroup[g]); i += step {
			marker(&b, g, byGroup[g][i])
		}
		b.WriteString(`</g>`)
	}
	for g, grp := range res.Groups {
		x, y := at(grp.Centre[0], grp.Centre[1])
		fmt.Fprintf(&b, `<text x="%.1f" y="%.1f" text-anchor="middle" dominant-baseline="central" font-size="22" font-weight="700" fill="%s" stroke="#fff" stroke-width="4" paint-order="stroke">%s</text>`,
			x, y, groupColours[g%len(groupColours)], opinion.GroupLabel(g))
	}
	b.WriteString(`</svg>`)
	return template.HTML(b.String()) //nolint:gosec // numbers and escaped text only
}

// marker draws one participant with the group's shape.
func marker(b *strings.Builder, g int, p [2]float64) {
	x, y := p[0], p[1]
	switch g % 5 {
	case 0:
		fmt.Fprintf(b, `<circle cx="%.1f" cy="%.1f" r="3.2"/>`, x, y)
	case 1:
		fmt.Fprintf(b, `<rect x="%.1f" y="%.1f" width="6" height="6"/>`, x-3, y-3)
	case 2:
		fmt.Fprintf(b, `<path d="M%.1f %.1fl3.6 6.2h-7.2z"/>`, x, y-4)
	case 3:
		fmt.Fprintf(b, `<path d="M%.1f %.1fl4 4-4 4-4-4z"/>`, x, y-4)
	default:
		fmt.Fprintf(b, `<path d="M%.1f %.1fh7v2.4h-7z M%.1f %.1fv7h2.4v-7z"/>`, x-3.5, y-1.2, x-1.2, y-3.5)
	}
}

// convexHull returns the hull of pts counter-clockwise (Andrew's monotone chain).
func convexHull(pts [][2]float64) [][2]float64 {
	p := slices.Clone(pts)
	slices.SortFunc(p, func(a, b [2]float64) int {
		if c := cmp.Compare(a[0], b[0]); c != 0 {
			return c
		}
		return cmp.Compare(a[1], b[1])
	})
	p = slices.Compact(p)
	if len(p) < 3 {
		return p
	}
	cross := func(o, a, b [2]float64) float64 {
		return (a[0]-o[0])*(b[1]-o[1]) - (a[1]-o[1])*(b[0]-o[0])
	}
	hull := make([][2]float64, 0, 2*len(p))
	for _, q := range p {
		for len(hull) >= 2 && cross(hull[len(hull)-2], hull[len(hull)-1], q) <= 0 {
			hull = hull[:len(hull)-1]
		}
		hull = append(hull, q)
	}
	lower := len(hull) + 1
	for i := len(p) - 2; i >= 0; i-- {
		for len(hull) >= lower && cross(hull[len(hull)-2], hull[len(hull)-1], p[i]) <= 0 {
			hull = hull[:len(hull)-1]
		}
		hull = append(hull, p[i])
	}
	return hull[:len(hull)-1]
}

// percent rounds a share to a whole percentage.
func percent(share float64) int { return int(math.Round(100 * share)) }

// groupSwatch is a small legend key: the group's colour and marker shape.
func groupSwatch(g int) template.HTML {
	var b strings.Builder
	fmt.Fprintf(&b, `<svg class="swatch" viewBox="0 0 12 12" width="12" height="12" aria-hidden="true" focusable="false"><g fill="%s">`,
		groupColours[g%len(groupColours)])
	marker(&b, g, [2]float64{6, 6})
	b.WriteString(`</g></svg>`)
	return template.HTML(b.String()) //nolint:gosec // constant markup
}
