package run

import (
	"context"
	"fmt"
	"io"
	"net/http"
	"os"
	"path/filepath"
	"runtime/pprof"
	"time"
)

// Profiles (--profile DIR): the CPU profile of the server during each
// scenario, taken from its --pprof address, and of this process during the
// limit, each in DIR/<scenario>.pprof for 'go tool pprof'.

// profileServer takes the server's CPU profile for d (whole seconds, at
// least one) into dir/name.pprof, from the profiles at pprofURL. It returns
// at once; the returned wait ends when the profile is written.
func profileServer(ctx context.Context, pprofURL, dir, name string, d time.Duration) (wait func() error) {
	errc := make(chan error, 1)
	go func() {
		secs := max(1, int(d/time.Second))
		url := fmt.Sprintf("%s/debug/pprof/profile?seconds=%d", pprofURL, secs)
		req, err := http.NewRequestWithContext(ctx, "GET", url, nil)
		if err != nil {
			errc <- err
			return
		}
		resp, err := http.DefaultClient.Do(req)
		if err != nil {
			errc <- err
			return
		}
		defer resp.Body.Close()
		if resp.StatusCode != http.StatusOK {
			errc <- fmt.Errorf("GET %s: %s", url, resp.Status)
			return
		}
		errc <- writeFile(filepath.Join(dir, name+".pprof"), resp.Body)
	}()
	return func() error { return <-errc }
}

// profileSelf takes this process's CPU profile into dir/name.pprof until
// the returned stop is called.
func profileSelf(dir, name string) (stop func() error, err error) {
	f, err := os.Create(filepath.Join(dir, name+".pprof"))
	if err != nil {
		return nil, err
	}
	if err := pprof.StartCPUProfile(f); err != nil {
		f.Close()
		return nil, err
	}
	return func() error {
		pprof.StopCPUProfile()
		return f.Close()
	}, nil
}

func writeFile(path string, r io.Reader) error {
	f, err := os.Create(path)
	if err != nil {
		return err
	}
	if _, err := io.Copy(f, r); err != nil {
		f.Close()
		return err
	}
	return f.Close()
}
