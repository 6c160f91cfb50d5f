package report

import (
	"fmt"
	"strconv"
)

// table writes a caption paragraph and the table: a header row repeated
// on every page, the first column heading each row, figures aligned to the
// end, the total row in bold.
func (x *wml) table(t *table) {
	x.para(paraOpts{style: "Caption", keepNext: true}, []inline{txt(t.Caption)})
	x.WriteString(`<w:tbl><w:tblPr><w:tblStyle w:val="ReportTable"/>`)
	if x.dir == "rtl" {
		x.WriteString(`<w:bidiVisual/>`)
	}
	x.WriteString(`<w:tblW w:w="5000" w:type="pct"/><w:tblLook w:val="04A0" w:firstRow="1" w:lastRow="0" w:firstColumn="1" w:lastColumn="0" w:noHBand="1" w:noVBand="1"/></w:tblPr><w:tblGrid>`)
	// The column of words takes what the figures leave (9638 twips of text width).
	wide, other := 9638, 0
	if n := len(t.Head); n > 1 {
		other = min(1500, 9638*3/5/(n-1))
		wide = 9638 - other*(n-1)
	}
	for i := range t.Head {
		w := other
		if i == t.Wide {
			w = wide
		}
		fmt.Fprintf(x, `<w:gridCol w:w="%d"/>`, w)
	}
	x.WriteString(`</w:tblGrid>`)
	x.row(t.Head, true, false)
	for _, r := range t.Rows {
		x.row(r, false, false)
	}
	if t.Total != nil {
		x.row(t.Total, false, true)
	}
	x.WriteString(`</w:tbl>`)
}

func (x *wml) row(cells []string, head, bold bool) {
	x.WriteString(`<w:tr>`)
	if head {
		x.WriteString(`<w:trPr><w:cantSplit/><w:tblHeader/></w:trPr>`)
	} else {
		x.WriteString(`<w:trPr><w:cantSplit/></w:trPr>`)
	}
	for i, c := range cells {
		x.WriteString(`<w:tc><w:tcPr><w:tcW w:w="0" w:type="auto"/></w:tcPr>`)
		o := paraOpts{style: "TableText", tableHead: head, bold: bold, noSpace: true}
		if i > 0 && !head {
			o.align = "end"
		}
		x.para(o, []inline{txt(c)})
		x.WriteString(`</w:tc>`)
	}
	x.WriteString(`</w:tr>`)
}

// chart writes the chart as an inline PNG picture with its title as the
// picture's name and its description as the alternative text.
func (x *wml) chart(c *chart, n int) error {
	data, w, h, err := c.png()
	if err != nil {
		return err
	}
	name := "media/chart" + strconv.Itoa(n) + ".png"
	rid := x.rels.add(relImage, name, false)
	x.media = append(x.media, media{name: name, relID: rid, data: data})
	cx, cy := int64(w.Points()*12700), int64(h.Points()*12700) // EMU per point
	x.para(paraOpts{style: "Caption", keepNext: true}, []inline{txt(c.Title)})
	fmt.Fprintf(x, `<w:p><w:pPr><w:keepNext/></w:pPr><w:r><w:drawing>`+
		`<wp:inline distT="0" distB="0" distL="0" distR="0"><wp:extent cx="%d" cy="%d"/>`+
		`<wp:docPr id="%d" name="%s" descr="%s"/>`+
		`<wp:cNvGraphicFramePr><a:graphicFrameLocks noChangeAspect="1"/></wp:cNvGraphicFramePr>`+
		`<a:graphic><a:graphicData uri="http://schemas.openxmlformats.org/drawingml/2006/picture"><pic:pic>`+
		`<pic:nvPicPr><pic:cNvPr id="%d" name="chart%d.png"/><pic:cNvPicPr/></pic:nvPicPr>`+
		`<pic:blipFill><a:blip r:embed="%s"/><a:stretch><a:fillRect/></a:stretch></pic:blipFill>`+
		`<pic:spPr><a:xfrm><a:off x="0" y="0"/><a:ext cx="%d" cy="%d"/></a:xfrm><a:prstGeom prst="rect"><a:avLst/></a:prstGeom></pic:spPr>`+
		`</pic:pic></a:graphicData></a:graphic></wp:inline></w:drawing></w:r></w:p>`,
		cx, cy, n, xmlText(c.Title), xmlText(c.Desc), n, n, rid, cx, cy)
	return nil
}
