package config

import (
	"flag"
	"fmt"
	"net/mail"
	"os"
	"path/filepath"
	"strings"
	"unicode"
)

// Identity is who runs an installation, as its pages show it: the site's
// name, the secretariat behind it with its emblem (header and footer),
// and the data controller the privacy notice names.
type Identity struct {
	SiteName    string // the header and page titles; default "Consulta"
	Secretariat string // e.g. "CSTD secretariat · UNCTAD"
	// Logo is the path of the secretariat's emblem (SVG, PNG or JPEG, at
	// most MaxLogoBytes), served at /logo; empty for none.
	Logo string
	// DataController is who decides what happens to participants' data,
	// with its address; PrivacyContact is where people write to use their
	// rights. Empty: the secretariat and the mail sender.
	DataController string
	PrivacyContact string
}

// MaxLogoBytes bounds the emblem file, read once at start.
const MaxLogoBytes = 256 << 10

// The demo's identity: the secretariat of the WSIS+20 consultations.
const (
	DemoSecretariat    = "CSTD secretariat · UNCTAD"
	demoDataController = "UNCTAD, on behalf of the secretariat of the Commission on Science and Technology for Development (CSTD), Palais des Nations, 1211 Geneva 10, Switzerland"
	demoPrivacyContact = "cstd-wsis20@unctad.org"
)

// addIdentityFlags registers the identity settings of serve.
func (c *Config) addIdentityFlags(fs *flag.FlagSet, env Env) {
	fs.StringVar(&c.SiteName, "site-name", envOr(env, "CONSULTA_SITE_NAME", "Consulta"), "the installation's name, shown in the header and page titles")
	fs.StringVar(&c.Secretariat, "secretariat", envOr(env, "CONSULTA_SECRETARIAT", ""),
		"the secretariat running the installation, shown in the header and footer (demo: "+DemoSecretariat+")")
	fs.StringVar(&c.Logo, "logo", envOr(env, "CONSULTA_LOGO", ""), "path of the secretariat's emblem: an .svg, .png or .jpg file")
	fs.StringVar(&c.DataController, "data-controller", envOr(env, "CONSULTA_DATA_CONTROLLER", ""),
		"the data controller named in the privacy notice, with its address (default: the secretariat)")
	fs.StringVar(&c.PrivacyContact, "privacy-contact", envOr(env, "CONSULTA_PRIVACY_CONTACT", ""),
		"email address for data-protection requests (default: the sender address)")
}

// validateIdentity checks the identity settings and fills the demo's.
func (c *Config) validateIdentity() error {
	if c.SiteName == "" {
		c.SiteName = "Consulta"
	}
	if c.Demo {
		c.Secretariat = or(c.Secretariat, DemoSecretariat)
		c.DataController = or(c.DataController, demoDataController)
		c.PrivacyContact = or(c.PrivacyContact, demoPrivacyContact)
	}
	c.DataController = or(c.DataController, c.Secretariat)
	c.PrivacyContact = or(c.PrivacyContact, c.MailFrom)
	for _, f := range []struct{ flag, value string }{{"--site-name", c.SiteName}, {"--secretariat", c.Secretariat},
		{"--data-controller", c.DataController}} {
		if len([]rune(f.value)) > 300 || strings.IndexFunc(f.value, unicode.IsControl) >= 0 {
			return fmt.Errorf("config: %s must be one line of at most 300 characters", f.flag)
		}
	}
	if c.PrivacyContact != "" {
		if a, err := mail.ParseAddress(c.PrivacyContact); err != nil || a.Name != "" {
			return fmt.Errorf("config: --privacy-contact %q must be an email address", c.PrivacyContact)
		}
	}
	return c.validateLogo()
}

func (c *Config) validateLogo() error {
	if c.Logo == "" {
		return nil
	}
	if LogoType(c.Logo) == "" {
		return fmt.Errorf("config: --logo %q must be an .svg, .png or .jpg file", c.Logo)
	}
	st, err := os.Stat(c.Logo)
	if err != nil {
		return fmt.Errorf("config: --logo: %v", err)
	}
	if st.IsDir() || st.Size() > MaxLogoBytes {
		return fmt.Errorf("config: --logo %q must be a file of at most %d KiB", c.Logo, MaxLogoBytes>>10)
	}
	return nil
}

// LogoType is the media type of an emblem file, by its extension; "" when
// it is not one Consulta serves.
func LogoType(path string) string {
	return map[string]string{".svg": "image/svg+xml", ".png": "image/png", ".jpg": "image/jpeg", ".jpeg": "image/jpeg"}[strings.ToLower(filepath.Ext(path))]
}

func or(s, def string) string {
	if s == "" {
		return def
	}
	return s
}
