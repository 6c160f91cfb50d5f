package config

import (
	"strings"
	"testing"
	"time"
)

func TestUnconfirmedTTL(t *testing.T) {
	for _, tc := range []struct {
		name string
		env  map[string]string
		args []string
		want time.Duration
	}{
		{"default", nil, nil, 48 * time.Hour},
		{"env", map[string]string{"CONSULTA_UNCONFIRMED_TTL": "24h"}, nil, 24 * time.Hour},
		{"flag over env", map[string]string{"CONSULTA_UNCONFIRMED_TTL": "24h"}, []string{"--unconfirmed-ttl", "90m"}, 90 * time.Minute},
	} {
		c, err := parse(t, tc.env, tc.args...)
		if err != nil || c.UnconfirmedTTL != tc.want {
			t.Errorf("%s: %v, %v; want %v", tc.name, c.UnconfirmedTTL, err, tc.want)
		}
	}
	if _, err := parse(t, nil, "--unconfirmed-ttl", "-1h"); err == nil || !strings.Contains(err.Error(), "--unconfirmed-ttl") {
		t.Errorf("a negative TTL: %v", err)
	}
	// A Config built in code (tests, apptest) gets the default.
	c := Config{DataDir: "x"}
	if err := c.Validate(); err != nil || c.UnconfirmedTTL != DefaultUnconfirmedTTL {
		t.Errorf("zero TTL: %v, %v", c.UnconfirmedTTL, err)
	}
}
