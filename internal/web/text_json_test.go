package web

import (
	"maps"
	"testing"
)

// The shortcut that skips the token walk for plain bodies never skips one
// the walk would refuse: every refused character, raw or escaped, in a
// value or a key, sends the body through the walk, and the two agree on
// bodies with nothing to refuse.
func TestPlainJSONSkipsOnlyWhatTheWalkAccepts(t *testing.T) {
	bodies := []string{
		`{"given_name":"Ana","country":"CL","consent":true}`,
		`{"given_name":"João","family_name":"Nguyễn 阮","organization":"ООН","bio":"مرحبا"}`,
		"{\"given_name\":\"Ana\",\n\t\"family_name\":\"Souza\"\r\n}",
		`{"given_name":"An\u0000a"}`,
		`{"given_name":"An\u001ba"}`,
		`{"given_name":"An\ud800a"}`,
		`{"given_name":"An\na"}`,
		`{"given_name":"A\"n"}`,
		"{\"given_name\":\"An\x7fa\"}",     // DEL, raw: valid JSON, a control character
		"{\"given_name\":\"An\u0085a\"}",   // NEXT LINE (C1), raw
		"{\"given_name\":\"An\xff\xfea\"}", // invalid UTF-8
		"{\"given_name\":\"An\x00a\"}",     // NUL, raw: invalid JSON
		"{\"given_name\":\"An\ta\"}",       // a raw tab in a string: invalid JSON
		"{\"n\u0085\":\"x\"}",              // in a key
		`{"answers":[{"text":"line one\nline two"}]}`,
	}
	for _, b := range bodies {
		walked := jsonTextProblemsWalk([]byte(b), []string{"answers.text"})
		if plainJSON([]byte(b)) && len(walked) > 0 {
			t.Errorf("%q: taken as plain, but the walk refuses %v", b, walked)
		}
		if got := jsonTextProblems([]byte(b), []string{"answers.text"}); !maps.Equal(got, walked) {
			t.Errorf("%q: %v, the walk alone %v", b, got, walked)
		}
	}
	for _, b := range bodies[:3] {
		if !plainJSON([]byte(b)) {
			t.Errorf("%q: a plain body is walked", b)
		}
	}
}
