package bench

import (
	"bufio"
	"context"
	"errors"
	"fmt"
	"io"
	"net/http"
	"os"
	"os/exec"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"syscall"
	"time"
)

// The viewers run in a child process: a viewer's socket and the server's
// end of it are two open files, and 10,000 of each in one process pass
// this machine's hard limit of 20,000 (`ulimit -Hn`). The bench starts
// its own executable again with the hidden flag --viewers-of; the child
// connects the viewers, says "ready" on its standard output, then writes
// the time (Unix nanoseconds, the same clock as the parent's) of each queue
// event a viewer reads, one a line, until its standard input closes.

// childEnv marks the child for a test binary, whose TestMain hands its
// arguments to cli.Run (the consulta binary needs no mark).
const childEnv = "CONSULTA_BENCH_CHILD"

// raiseOpenFiles lifts the soft limit of open files to the hard limit and
// returns the limit now in force. (Go's runtime already does this on
// Linux at start; done here too so the figure is said, and for a process
// started by something that lowered it.)
func raiseOpenFiles() uint64 {
	var lim syscall.Rlimit
	if err := syscall.Getrlimit(syscall.RLIMIT_NOFILE, &lim); err != nil {
		return 0
	}
	if lim.Cur < lim.Max {
		lim.Cur = lim.Max
		_ = syscall.Setrlimit(syscall.RLIMIT_NOFILE, &lim)
	}
	return lim.Cur
}

// viewerChild is the parent's handle on the child process.
type viewerChild struct {
	cmd   *exec.Cmd
	stdin io.Closer
	wait  func() error
}

// startViewers starts the child with n viewers spread over urls and waits
// until every one of them is connected; arrivals gets each event's time.
func startViewers(ctx context.Context, urls []string, n int, arrivals chan<- time.Time) (*viewerChild, error) {
	exe, err := os.Executable()
	if err != nil {
		return nil, err
	}
	cmd := exec.CommandContext(ctx, exe, "bench", "live", "--viewers", strconv.Itoa(n), "--viewers-of", strings.Join(urls, ","))
	cmd.Env = append(os.Environ(), childEnv+"=1")
	cmd.Stderr = os.Stderr
	stdin, err := cmd.StdinPipe()
	if err != nil {
		return nil, err
	}
	stdout, err := cmd.StdoutPipe()
	if err != nil {
		return nil, err
	}
	if err := cmd.Start(); err != nil {
		return nil, err
	}
	c := &viewerChild{cmd: cmd, stdin: stdin, wait: sync.OnceValue(cmd.Wait)}
	lines := bufio.NewScanner(stdout)
	if !lines.Scan() || lines.Text() != "ready" {
		_ = c.stop()
		return nil, fmt.Errorf("bench live: the viewers' process did not get ready (%q)", lines.Text())
	}
	go func() {
		for lines.Scan() {
			if ns, err := strconv.ParseInt(lines.Text(), 10, 64); err == nil {
				arrivals <- time.Unix(0, ns)
			}
		}
	}()
	return c, nil
}

// stop closes the child's standard input, which ends it.
func (c *viewerChild) stop() error {
	c.stdin.Close()
	return c.wait()
}

// runViewers is the child: n viewers over urls, arrivals on stdout.
func runViewers(ctx context.Context, o liveOptions, stdin io.Reader, stdout io.Writer) error {
	limit := raiseOpenFiles()
	if need := uint64(o.Viewers) + 64; limit > 0 && limit < need {
		return fmt.Errorf("bench live: %d viewers need %d open files, the limit is %d (raise `ulimit -Hn`)", o.Viewers, need, limit)
	}
	urls := strings.Split(o.ViewersOf, ",")
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()
	arrivals := make(chan time.Time, o.Viewers)
	var ready sync.WaitGroup
	ready.Add(o.Viewers)
	var failed atomic.Int64
	client := &http.Client{Transport: &http.Transport{MaxIdleConnsPerHost: -1, DisableCompression: true}}
	connecting := make(chan struct{}, 256)
	for i := range o.Viewers {
		go watch(ctx, client, urls[i%len(urls)], connecting, &ready, &failed, arrivals)
	}
	ready.Wait()
	if n := failed.Load(); n > 0 {
		return fmt.Errorf("bench live: %d viewers could not connect", n)
	}
	out := bufio.NewWriter(stdout)
	fmt.Fprintln(out, "ready")
	if err := out.Flush(); err != nil {
		return err
	}
	go func() { _, _ = io.Copy(io.Discard, stdin); cancel() }()
	for {
		select {
		case <-ctx.Done():
			return nil
		case at := <-arrivals:
			fmt.Fprintln(out, at.UnixNano())
			if len(arrivals) == 0 {
				if err := out.Flush(); err != nil {
					return errors.Join(err, ctx.Err())
				}
			}
		}
	}
}
