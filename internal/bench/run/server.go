package run

import (
	"bufio"
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"net/http"
	"os"
	"os/exec"
	"regexp"
	"strconv"
	"strings"
	"sync"
	"time"

	"zhitong/internal/fault"
)

// server is a zhitong serve the benchmark started as a process of its own.
type server struct {
	url     string
	pprof   string // where it serves its profiles, if it does
	pid     int
	startup time.Duration // from the start of the process until /healthz answered
	cmd     *exec.Cmd
	done    chan error
	log     *tail
}

// listening is the line serve prints when it listens; profiling, when it
// serves its profiles (before it listens).
var (
	listening = regexp.MustCompile(`listening on (http://\S+)`)
	profiling = regexp.MustCompile(`profiles on (http://\S+)/debug/pprof/`)
)

// startTimeout bounds the wait for the server to answer.
const startTimeout = 2 * time.Minute

// startServer runs exe serve on a free loopback port with args, and waits
// until /healthz answers. The server's log goes to logTo, or is dropped
// but for its tail, which an error quotes.
func startServer(ctx context.Context, exe string, args []string, logTo io.Writer) (*server, error) {
	s := &server{done: make(chan error, 1), log: &tail{max: 4 << 10}}
	s.cmd = exec.Command(exe, append([]string{"serve", "--addr", "127.0.0.1:0"}, args...)...)
	s.cmd.Stderr = s.log
	if logTo != nil {
		s.cmd.Stderr = io.MultiWriter(logTo, s.log)
	}
	stdout, err := s.cmd.StdoutPipe()
	if err != nil {
		return nil, err
	}
	start := time.Now()
	if err := s.cmd.Start(); err != nil {
		return nil, fault.E(fault.Internal, "benchrun.server", err.Error())
	}
	s.pid = s.cmd.Process.Pid
	found := make(chan string, 1)
	go scanListening(stdout, found, &s.pprof)
	go func() { s.done <- s.cmd.Wait() }()
	if err := s.await(ctx, found, start); err != nil {
		s.stop()
		return nil, err
	}
	return s, nil
}

// scanListening sends the URL of serve's "listening" line to found, and
// reads stdout to its end. The URL of its profiles, printed before, is set
// in pprof before found is sent.
func scanListening(stdout io.Reader, found chan<- string, pprof *string) {
	sc := bufio.NewScanner(stdout)
	for sc.Scan() {
		if m := profiling.FindStringSubmatch(sc.Text()); m != nil {
			*pprof = m[1]
		}
		if m := listening.FindStringSubmatch(sc.Text()); m != nil {
			select {
			case found <- m[1]:
			default:
			}
		}
	}
	io.Copy(io.Discard, stdout)
}

// await waits for the listening line and then for /healthz to answer 200,
// and notes the start-up time.
func (s *server) await(ctx context.Context, found <-chan string, start time.Time) error {
	ctx, cancel := context.WithTimeout(ctx, startTimeout)
	defer cancel()
	select {
	case s.url = <-found:
	case err := <-s.done:
		s.done <- err
		return fault.E(fault.Internal, "benchrun.server", fmt.Sprintf("it ended (%v): %s", err, lastLines(s.log.bytes())))
	case <-ctx.Done():
		return fault.E(fault.Internal, "benchrun.server", "it did not listen: "+lastLines(s.log.bytes()))
	}
	hc := &http.Client{Timeout: time.Second}
	for ctx.Err() == nil {
		if resp, err := hc.Get(s.url + "/healthz"); err == nil {
			io.Copy(io.Discard, resp.Body)
			resp.Body.Close()
			if resp.StatusCode == http.StatusOK {
				s.startup = time.Since(start)
				hc.CloseIdleConnections()
				return nil
			}
		}
		sleep(ctx, 2*time.Millisecond)
	}
	return fault.E(fault.Internal, "benchrun.server", "/healthz did not answer: "+lastLines(s.log.bytes()))
}

// stop asks the server to stop (SIGINT, as Ctrl-C does), and kills it if it
// has not stopped in half a minute.
func (s *server) stop() error {
	if s.cmd.Process == nil {
		return nil
	}
	s.cmd.Process.Signal(os.Interrupt)
	select {
	case err := <-s.done:
		var ee *exec.ExitError
		if errors.As(err, &ee) {
			return fmt.Errorf("the server ended with %v: %s", err, lastLines(s.log.bytes()))
		}
		return err
	case <-time.After(30 * time.Second):
		s.cmd.Process.Kill()
		<-s.done
		return errors.New("the server did not stop in 30s and was killed")
	}
}

// Memory is what the kernel says of a process's memory, in bytes.
type Memory struct {
	PeakRSS int64 // VmHWM: the most resident memory it ever had
	RSS     int64 // VmRSS: its resident memory now
}

// readMemory reads the memory of process pid from /proc (Linux only).
func readMemory(pid int) (Memory, error) {
	b, err := os.ReadFile("/proc/" + strconv.Itoa(pid) + "/status")
	if err != nil {
		return Memory{}, err
	}
	var m Memory
	for _, line := range strings.Split(string(b), "\n") {
		name, value, ok := strings.Cut(line, ":")
		if !ok {
			continue
		}
		f := strings.Fields(value)
		if len(f) != 2 || f[1] != "kB" {
			continue
		}
		kb, _ := strconv.ParseInt(f[0], 10, 64)
		switch name {
		case "VmHWM":
			m.PeakRSS = kb << 10
		case "VmRSS":
			m.RSS = kb << 10
		}
	}
	if m.PeakRSS == 0 {
		return m, fmt.Errorf("/proc/%d/status has no VmHWM", pid)
	}
	return m, nil
}

// tail keeps the last max bytes written to it.
type tail struct {
	mu  sync.Mutex
	max int
	buf []byte
}

func (t *tail) Write(p []byte) (int, error) {
	t.mu.Lock()
	defer t.mu.Unlock()
	t.buf = append(t.buf, p...)
	if over := len(t.buf) - t.max; over > 0 {
		t.buf = append(t.buf[:0], t.buf[over:]...)
	}
	return len(p), nil
}

func (t *tail) bytes() []byte {
	t.mu.Lock()
	defer t.mu.Unlock()
	return bytes.Clone(t.buf)
}

// lastLines returns the last lines of a log, on one line, for an error.
func lastLines(b []byte) string {
	lines := strings.Split(strings.TrimSpace(string(b)), "\n")
	if len(lines) > 3 {
		lines = lines[len(lines)-3:]
	}
	return oneLine([]byte(strings.Join(lines, " | ")))
}
