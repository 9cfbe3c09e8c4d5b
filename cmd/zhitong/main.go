// Command zhitong is the one binary of 营商环境直通车 (the Business
// Environment Express): it serves the JSON API, migrates the database, loads
// the demo data and administers users and tokens. Run 'zhitong --help'.
//
// Everything is wired here: the database, the domain services and the HTTP
// server are built in run and passed down as arguments; nothing is global.
package main

import (
	"context"
	"os"
	"os/signal"
	"syscall"
)

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	go func() {
		<-ctx.Done()
		stop() // a second signal ends the process at once
	}()
	code := run(ctx, os.Args[1:], os.Stdout, os.Stderr)
	stop()
	os.Exit(code)
}
