// Package mailpit runs a throwaway Mailpit server for tests and reads what it
// captured through Mailpit's HTTP API, so mail-sending code is tested against
// a real SMTP server instead of a mock.
package mailpit

import (
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"net"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"
)

// mailpitPkg is the tool package pinned in go.mod.
const mailpitPkg = "github.com/axllent/mailpit"

// startAttempts bounds retries when a chosen free port is taken by someone
// else between probing it and Mailpit binding it.
const startAttempts = 3

// Server is one running Mailpit instance owned by a test.
type Server struct {
	// SMTPURL is where to send mail, e.g. smtp://127.0.0.1:PORT. Any
	// username/password is accepted, including none.
	SMTPURL string
	// APIURL is the base HTTP URL (web UI and /api/v1), e.g. http://127.0.0.1:PORT.
	APIURL string
	// SMTPAddr is the host:port of the SMTP listener.
	SMTPAddr string

	cmd    *exec.Cmd
	done   chan struct{} // closed when the process exits
	logf   string        // path of Mailpit's combined stdout/stderr
	client *http.Client
}

// Start launches Mailpit on free loopback ports with a database in
// t.TempDir(), waits until both SMTP and the API answer, and stops it in
// t.Cleanup. The binary is built once and cached across test packages.
func Start(t testing.TB) *Server {
	t.Helper()
	bin := binary(t)
	var lastErr error
	for range startAttempts {
		s, err := launch(t, bin)
		if err == nil {
			return s
		}
		lastErr = err
	}
	t.Fatalf("mailpit: start: %v", lastErr)
	return nil
}

// launch makes one attempt to start Mailpit; the caller retries on error.
func launch(t testing.TB, bin string) (*Server, error) {
	smtpAddr, httpAddr := freeAddr(), freeAddr()
	if smtpAddr == "" || httpAddr == "" {
		return nil, errors.New("no free loopback port")
	}
	dir := t.TempDir()
	s := &Server{
		SMTPURL:  "smtp://" + smtpAddr,
		APIURL:   "http://" + httpAddr,
		SMTPAddr: smtpAddr,
		done:     make(chan struct{}),
		logf:     filepath.Join(dir, "mailpit.log"),
		client:   &http.Client{Timeout: 10 * time.Second},
	}
	if err := s.spawn(bin, dir, httpAddr); err != nil {
		return nil, err
	}
	if err := s.waitReady(30 * time.Second); err != nil {
		s.stop()
		return nil, fmt.Errorf("%w\nmailpit log:\n%s", err, s.log())
	}
	t.Cleanup(s.stop)
	return s, nil
}

// spawn starts the process. Flags keep it local, quiet and offline.
func (s *Server) spawn(bin, dir, httpAddr string) error {
	logFile, err := os.Create(s.logf)
	if err != nil {
		return err
	}
	s.cmd = exec.Command(bin,
		"--smtp", s.SMTPAddr,
		"--listen", httpAddr,
		"--database", filepath.Join(dir, "mailpit.db"),
		"--smtp-auth-accept-any",
		"--smtp-auth-allow-insecure",
		"--smtp-disable-rdns",
		"--disable-version-check",
		"--quiet",
	)
	s.cmd.Dir = dir
	s.cmd.Env = cleanEnv()
	s.cmd.Stdout, s.cmd.Stderr = logFile, logFile
	setDeathSignal(s.cmd)
	if err := s.cmd.Start(); err != nil {
		logFile.Close()
		return fmt.Errorf("exec %s: %w", bin, err)
	}
	go func() {
		_ = s.cmd.Wait()
		logFile.Close()
		close(s.done)
	}()
	return nil
}

// cleanEnv drops MP_* variables so a developer's Mailpit config cannot leak
// into tests (Mailpit reads its settings from them).
func cleanEnv() []string {
	var env []string
	for _, kv := range os.Environ() {
		if !strings.HasPrefix(kv, "MP_") {
			env = append(env, kv)
		}
	}
	return env
}

// waitReady polls until the API reports ready and SMTP accepts connections,
// failing fast if the process dies (e.g. a port was stolen).
func (s *Server) waitReady(timeout time.Duration) error {
	deadline := time.Now().Add(timeout)
	for time.Now().Before(deadline) {
		select {
		case <-s.done:
			return errors.New("mailpit exited during startup")
		default:
		}
		if s.ready() {
			return nil
		}
		time.Sleep(25 * time.Millisecond)
	}
	return fmt.Errorf("mailpit not ready after %s", timeout)
}

// ready reports whether both listeners answer.
func (s *Server) ready() bool {
	resp, err := s.client.Get(s.APIURL + "/readyz")
	if err != nil {
		return false
	}
	resp.Body.Close()
	if resp.StatusCode != http.StatusOK {
		return false
	}
	c, err := net.DialTimeout("tcp", s.SMTPAddr, time.Second)
	if err != nil {
		return false
	}
	c.Close()
	return true
}

// stop kills the process and waits for it so t.TempDir removal succeeds.
func (s *Server) stop() {
	if s.cmd.Process != nil {
		_ = s.cmd.Process.Kill()
	}
	select {
	case <-s.done:
	case <-time.After(10 * time.Second):
	}
}

// log returns Mailpit's output for failure messages.
func (s *Server) log() string {
	b, _ := os.ReadFile(s.logf)
	return string(b)
}

// freeAddr asks the kernel for an unused loopback port.
func freeAddr() string {
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return ""
	}
	defer l.Close()
	return l.Addr().String()
}

var (
	buildOnce sync.Once
	buildPath string
	buildErr  error
)

// binary returns the path of a Mailpit executable, building it at most once
// per go.sum version. The cache lives in os.TempDir() so parallel test
// packages share it instead of each paying the ~1 minute build.
func binary(t testing.TB) string {
	t.Helper()
	buildOnce.Do(func() { buildPath, buildErr = buildBinary() })
	if buildErr != nil {
		t.Fatalf("mailpit: %v", buildErr)
	}
	return buildPath
}

// buildBinary builds into a unique temp name and renames it into place, so
// concurrent packages never run a half-written file.
func buildBinary() (string, error) {
	root, err := moduleRoot()
	if err != nil {
		return "", err
	}
	key, err := cacheKey(root)
	if err != nil {
		return "", err
	}
	dir := filepath.Join(os.TempDir(), "consulta-mailpit-"+key)
	bin := filepath.Join(dir, "mailpit")
	if _, err := os.Stat(bin); err == nil {
		return bin, nil
	}
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return "", err
	}
	return bin, goBuild(root, bin)
}

// goBuild compiles the pinned tool version from the module root.
func goBuild(root, bin string) error {
	tmp := fmt.Sprintf("%s.tmp-%d", bin, os.Getpid())
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Minute)
	defer cancel()
	// go test puts its own GOROOT/bin first on PATH, so "go" is the
	// toolchain running the tests.
	cmd := exec.CommandContext(ctx, "go", "build", "-o", tmp, mailpitPkg)
	cmd.Dir = root
	var out bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &out
	if err := cmd.Run(); err != nil {
		os.Remove(tmp)
		return fmt.Errorf("go build %s: %v\n%s", mailpitPkg, err, out.String())
	}
	return os.Rename(tmp, bin)
}

// moduleRoot walks up from the test's working directory to go.mod.
func moduleRoot() (string, error) {
	dir, err := os.Getwd()
	if err != nil {
		return "", err
	}
	for {
		if fileExists(filepath.Join(dir, "go.mod")) {
			return dir, nil
		}
		parent := filepath.Dir(dir)
		if parent == dir {
			return "", errors.New("go.mod not found above working directory")
		}
		dir = parent
	}
}

// cacheKey changes whenever dependency versions change, forcing a rebuild.
func cacheKey(root string) (string, error) {
	sum, err := os.ReadFile(filepath.Join(root, "go.sum"))
	if err != nil {
		return "", err
	}
	h := sha256.Sum256(sum)
	return hex.EncodeToString(h[:8]), nil
}

func fileExists(p string) bool {
	_, err := os.Stat(p)
	return err == nil
}
