//go:build !linux

package mailpit

import "os/exec"

// setDeathSignal is a no-op where Pdeathsig is unavailable.
func setDeathSignal(*exec.Cmd) {}
