package golden

import (
	"fmt"
	"strings"
)

const (
	context   = 3   // unchanged lines shown around a change
	maxOutput = 400 // diff lines shown before the rest is cut
	maxTable  = 4e6 // cells of the LCS table; above it the middle is shown as replaced wholesale
	noNewline = "  ⏎ (no newline at end)"
)

// edit is one line of a diff: kept (' '), only in want ('-') or only in got
// ('+'). a and b are the 1-based numbers of the line in want and in got
// (for a line absent from one side, the number of the next line there).
type edit struct {
	op   byte
	text string
	a, b int
}

// Diff is a unified diff of want and got by lines, "" when they are equal.
func Diff(want, got []byte) string {
	ops := editScript(lines(string(want)), lines(string(got)))
	var out []string
	for i := 0; i < len(ops); {
		if ops[i].op == ' ' {
			i++
			continue
		}
		start, end := max(0, i-context), hunkEnd(ops, i)
		out = append(out, hunk(ops[start:end])...)
		i = end
	}
	if len(out) > maxOutput {
		out = append(out[:maxOutput], fmt.Sprintf("… %d more diff lines", len(out)-maxOutput))
	}
	return strings.Join(out, "\n")
}

// lines splits s into lines, marking a last line that lacks its newline.
func lines(s string) []string {
	if s == "" {
		return nil
	}
	ls := strings.Split(s, "\n")
	last := len(ls) - 1
	if ls[last] == "" {
		return ls[:last]
	}
	ls[last] += noNewline
	return ls
}

// editScript turns a into b keeping a longest common subsequence of lines,
// after setting aside the lines both start and end with.
func editScript(a, b []string) []edit {
	pre := 0
	for pre < len(a) && pre < len(b) && a[pre] == b[pre] {
		pre++
	}
	suf := 0
	for suf < len(a)-pre && suf < len(b)-pre && a[len(a)-1-suf] == b[len(b)-1-suf] {
		suf++
	}
	var ops []edit
	for i := range pre {
		ops = append(ops, edit{' ', a[i], i + 1, i + 1})
	}
	ops = append(ops, middle(a[pre:len(a)-suf], b[pre:len(b)-suf], pre)...)
	for k := suf; k > 0; k-- {
		i, j := len(a)-k, len(b)-k
		ops = append(ops, edit{' ', a[i], i + 1, j + 1})
	}
	return ops
}

// middle diffs the part of a and b that differs; off is the number of
// lines before it.
func middle(a, b []string, off int) []edit {
	n, m := len(a), len(b)
	if float64(n)*float64(m) > maxTable {
		return replaced(a, b, off)
	}
	// lcs[i][j] is the length of the longest common subsequence of a[i:] and b[j:].
	lcs := make([][]int32, n+1)
	for i := range lcs {
		lcs[i] = make([]int32, m+1)
	}
	for i := n - 1; i >= 0; i-- {
		for j := m - 1; j >= 0; j-- {
			if a[i] == b[j] {
				lcs[i][j] = lcs[i+1][j+1] + 1
			} else {
				lcs[i][j] = max(lcs[i+1][j], lcs[i][j+1])
			}
		}
	}
	var ops []edit
	i, j := 0, 0
	for i < n || j < m {
		switch {
		case i < n && j < m && a[i] == b[j]:
			ops = append(ops, edit{' ', a[i], off + i + 1, off + j + 1})
			i, j = i+1, j+1
		case j == m || (i < n && lcs[i+1][j] >= lcs[i][j+1]):
			ops = append(ops, edit{'-', a[i], off + i + 1, off + j + 1})
			i++
		default:
			ops = append(ops, edit{'+', b[j], off + i + 1, off + j + 1})
			j++
		}
	}
	return ops
}

// replaced shows a as removed and b as added, for inputs too large to align.
func replaced(a, b []string, off int) []edit {
	var ops []edit
	for i, l := range a {
		ops = append(ops, edit{'-', l, off + i + 1, off + 1})
	}
	for j, l := range b {
		ops = append(ops, edit{'+', l, off + len(a) + 1, off + j + 1})
	}
	return ops
}

// hunkEnd is where the hunk holding the change at i ends: after its last
// change that is not separated from the next by more than 2×context kept
// lines, plus context.
func hunkEnd(ops []edit, i int) int {
	end := i + 1
	for j := i; j < len(ops) && j-end < 2*context; j++ {
		if ops[j].op != ' ' {
			end = j + 1
		}
	}
	return min(len(ops), end+context)
}

// hunk renders edits as a unified-diff hunk with its @@ header.
func hunk(ops []edit) []string {
	var na, nb int
	body := make([]string, 0, len(ops)+1)
	body = append(body, "")
	for _, e := range ops {
		if e.op != '+' {
			na++
		}
		if e.op != '-' {
			nb++
		}
		body = append(body, string(e.op)+e.text)
	}
	body[0] = fmt.Sprintf("@@ -%s +%s @@", span(ops[0].a, na), span(ops[0].b, nb))
	return body
}

// span is a hunk's range on one side: "start,count", the line before when empty.
func span(start, count int) string {
	if count == 0 {
		start--
	}
	return fmt.Sprintf("%d,%d", start, count)
}
