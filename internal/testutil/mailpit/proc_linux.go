package mailpit

import (
	"os/exec"
	"syscall"
)

// setDeathSignal kills Mailpit if the test binary dies without running
// t.Cleanup (e.g. a go test -timeout panic), so no server is left behind.
func setDeathSignal(cmd *exec.Cmd) {
	cmd.SysProcAttr = &syscall.SysProcAttr{Pdeathsig: syscall.SIGKILL}
}
