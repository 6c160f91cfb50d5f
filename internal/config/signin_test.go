package config

import (
	"strings"
	"testing"
)

func TestSignInThrottleSettings(t *testing.T) {
	c, err := parse(t, nil, "--register-rate", "0")
	if err != nil || c.SignInPerIP != DefaultSignInPerIP || c.SignInPerAccount != DefaultSignInPerAccount {
		t.Fatalf("defaults with --register-rate 0: %d %d %v", c.SignInPerIP, c.SignInPerAccount, err)
	}
	c, err = parse(t, map[string]string{"CONSULTA_SIGNIN_PER_IP": "20", "CONSULTA_SIGNIN_PER_ACCOUNT": "3"})
	if err != nil || c.SignInPerIP != 20 || c.SignInPerAccount != 3 {
		t.Fatalf("from env: %d %d %v", c.SignInPerIP, c.SignInPerAccount, err)
	}
	c, err = parse(t, nil, "--signin-per-ip", "0", "--signin-per-account", "0")
	if err != nil || c.SignInPerIP != DefaultSignInPerIP || c.SignInPerAccount != DefaultSignInPerAccount {
		t.Fatalf("zero is the default, not off: %d %d %v", c.SignInPerIP, c.SignInPerAccount, err)
	}
	for _, flag := range []string{"--signin-per-ip", "--signin-per-account"} {
		if _, err := parse(t, nil, flag, "-1"); err == nil || !strings.Contains(err.Error(), flag+" must be") {
			t.Errorf("%s -1: %v", flag, err)
		}
	}
}
