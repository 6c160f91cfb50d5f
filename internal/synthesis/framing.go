package synthesis

import "strings"

// countCues counts the cue phrases of each framing in one sentence:
// phrases of words matched on word boundaries, longest first and without
// overlap, and the cues written in Chinese characters as substrings.
func countCues(text string, s span, toks []token, lm *langModel) [3]int {
	var out [3]int
	for i := 0; i < len(toks); {
		if l, v := lm.cues.longest(toks, i); l > 0 {
			out[v-1]++
			i += l
			continue
		}
		i++
	}
	if lm.hanCues[0] != nil || lm.hanCues[1] != nil || lm.hanCues[2] != nil {
		lower := strings.ToLower(text[s.start:s.end])
		for fi, cues := range lm.hanCues {
			for _, c := range cues {
				out[fi] += strings.Count(lower, c)
			}
		}
	}
	return out
}

// classifyFraming names the framing with the most cues; none when no cue
// is found. On a tie, expectation beats failure and failure beats
// success: a sentence that reports and asks ("we have made progress but
// must…") is a demand, and a shortfall named beside an achievement is the
// point being made.
func classifyFraming(counts [3]int) int {
	best := -1
	for _, fi := range []int{2, 1, 0} { // expectation, failure, success: the tie order
		if counts[fi] > 0 && (best < 0 || counts[fi] > counts[best]) {
			best = fi
		}
	}
	return best
}
