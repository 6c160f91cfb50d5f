package config

import (
	"flag"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func parse(t *testing.T, env map[string]string, args ...string) (*Config, error) {
	t.Helper()
	var c Config
	fs := flag.NewFlagSet("test", flag.ContinueOnError)
	lookup := func(k string) (string, bool) { v, ok := env[k]; return v, ok }
	c.AddStorageFlags(fs, lookup)
	c.AddServeFlags(fs, lookup)
	if err := fs.Parse(args); err != nil {
		t.Fatal(err)
	}
	return &c, c.Validate()
}

func TestDefaults(t *testing.T) {
	c, err := parse(t, nil)
	if err != nil {
		t.Fatal(err)
	}
	if c.DataDir != "./consulta-data" || c.Addr != "127.0.0.1:8080" || c.BaseURL != "http://127.0.0.1:8080" ||
		c.RegisterRate != DefaultRegisterRate || c.Demo || c.SMTP != "" {
		t.Fatalf("defaults: %+v", c)
	}
}

func TestEnvAndFlags(t *testing.T) {
	env := map[string]string{"CONSULTA_DEMO": "1", "CONSULTA_REGISTER_RATE": "0", "CONSULTA_ADDR": "0.0.0.0:9000",
		"CONSULTA_TRUSTED_PROXIES": "10.0.0.0/8, 192.0.2.7"}
	c, err := parse(t, env, "--base-url", "https://consult.example.org/")
	if err != nil {
		t.Fatal(err)
	}
	if !c.Demo || c.RegisterRate != 0 || c.Addr != "0.0.0.0:9000" || c.BaseURL != "https://consult.example.org" {
		t.Fatalf("env and flags: %+v", c)
	}
	if len(c.TrustedProxies) != 2 || c.TrustedProxies[1].String() != "192.0.2.7/32" {
		t.Fatalf("trusted proxies: %v", c.TrustedProxies)
	}
}

func TestInvalid(t *testing.T) {
	cases := map[string][]string{
		"--db":              {"--db", "mysql://x"},
		"--addr":            {"--addr", "nonsense"},
		"--base-url":        {"--base-url", "ftp://x"},
		"--smtp":            {"--smtp", "http://mail"},
		"--register-rate":   {"--register-rate", "-1"},
		"--trusted-proxies": {"--trusted-proxies", "10.0.0.0/8,not-an-ip"},
	}
	for flagName, args := range cases {
		if _, err := parse(t, nil, args...); err == nil || !strings.Contains(err.Error(), flagName) {
			t.Errorf("%v: error %v does not name %s", args, err, flagName)
		}
	}
}

func TestIdentity(t *testing.T) {
	c, err := parse(t, nil)
	if err != nil {
		t.Fatal(err)
	}
	if c.SiteName != "Consulta" || c.Secretariat != "" || c.PrivacyContact != "consulta@localhost" {
		t.Fatalf("identity defaults: %+v", c.Identity)
	}
	c, err = parse(t, map[string]string{"CONSULTA_DEMO": "1"})
	if err != nil {
		t.Fatal(err)
	}
	if c.Secretariat != DemoSecretariat || c.PrivacyContact != "cstd-wsis20@unctad.org" || !strings.Contains(c.DataController, "UNCTAD") {
		t.Fatalf("demo identity: %+v", c.Identity)
	}
	logo := filepath.Join(t.TempDir(), "emblem.svg")
	if err := os.WriteFile(logo, []byte(`<svg xmlns="http://www.w3.org/2000/svg"/>`), 0o644); err != nil {
		t.Fatal(err)
	}
	c, err = parse(t, map[string]string{"CONSULTA_SITE_NAME": "Consultations of the CSTD", "CONSULTA_LOGO": logo},
		"--secretariat", "ECLAC", "--privacy-contact", "privacy@example.org")
	if err != nil {
		t.Fatal(err)
	}
	if c.SiteName != "Consultations of the CSTD" || c.Secretariat != "ECLAC" || c.DataController != "ECLAC" ||
		c.PrivacyContact != "privacy@example.org" || c.Logo != logo {
		t.Fatalf("identity from env and flags: %+v", c.Identity)
	}
	for name, args := range map[string][]string{
		"logo type":       {"--logo", filepath.Join(t.TempDir(), "emblem.gif")},
		"missing logo":    {"--logo", filepath.Join(t.TempDir(), "none.png")},
		"contact":         {"--privacy-contact", "not an address"},
		"named contact":   {"--privacy-contact", "Privacy <p@example.org>"},
		"secretariat":     {"--secretariat", "two\nlines"},
		"site name":       {"--site-name", strings.Repeat("x", 301)},
		"data controller": {"--data-controller", "a\x07b"},
	} {
		if _, err := parse(t, nil, args...); err == nil {
			t.Errorf("%s: %v accepted", name, args)
		}
	}
}
