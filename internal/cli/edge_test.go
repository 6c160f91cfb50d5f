package cli_test

import (
	"bufio"
	"context"
	"io"
	"log/slog"
	"net"
	"net/http"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/consulta/consulta/internal/cli"
	"github.com/consulta/consulta/internal/config"
)

// TestSlowBodyIsCutOff: a client that sends its headers and then trickles
// the body a byte at a time loses the connection at the read timeout
// instead of holding it for as long as it likes.
func TestSlowBodyIsCutOff(t *testing.T) {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	cfg := &config.Config{DataDir: filepath.Join(t.TempDir(), "data"), Addr: ln.Addr().String(), ReadTimeout: time.Second}
	if err := cfg.Validate(); err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	app, err := cli.NewApp(ctx, cfg, slog.New(slog.NewTextHandler(io.Discard, nil)))
	if err != nil {
		t.Fatal(err)
	}
	done := make(chan error, 1)
	go func() { done <- app.Serve(ctx, ln) }()
	t.Cleanup(func() { cancel(); <-done; app.Close() })

	conn, err := net.Dial("tcp", ln.Addr().String())
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close()
	start := time.Now()
	_, _ = io.WriteString(conn, "POST /admin/login HTTP/1.1\r\nHost: "+ln.Addr().String()+
		"\r\nContent-Type: application/x-www-form-urlencoded\r\nContent-Length: 1000\r\n\r\n")
	go func() { // 1 byte every 100 ms: the body would take 100 s
		for range 1000 {
			if _, err := conn.Write([]byte("e")); err != nil {
				return
			}
			time.Sleep(100 * time.Millisecond)
		}
	}()
	_ = conn.SetReadDeadline(time.Now().Add(10 * time.Second))
	resp, err := http.ReadResponse(bufio.NewReader(conn), nil)
	if err == nil {
		_, err = io.Copy(io.Discard, resp.Body) // the server closes after answering
		resp.Body.Close()
	}
	if ne, ok := err.(net.Error); ok && ne.Timeout() {
		t.Fatalf("the connection was still held after %v", time.Since(start))
	}
	if d := time.Since(start); d > 5*time.Second {
		t.Errorf("cut off after %v, want about the 1 s read timeout", d)
	}
}

func TestUserAddPrintsLinkUnderBaseURL(t *testing.T) {
	env := map[string]string{"CONSULTA_DATA": t.TempDir()}
	out, code := run(t, env, "user", "add", "--email", "a@example.org", "--base-url", "https://consult.example.org/")
	if code != 0 || !strings.Contains(out, "\nhttps://consult.example.org/admin/set-password/") {
		t.Fatalf("user add --base-url: %d %s", code, out)
	}
	env["CONSULTA_BASE_URL"] = "https://env.example.org"
	out, code = run(t, env, "user", "add", "--email", "b@example.org")
	if code != 0 || !strings.Contains(out, "\nhttps://env.example.org/admin/set-password/") {
		t.Fatalf("user add with CONSULTA_BASE_URL: %d %s", code, out)
	}
}
