package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"time"

	"zhitong/internal/demo"
	"zhitong/internal/sqlstore"
)

const demoAbout = `
Serve zhitong with demo data: a believable 娄星区 (娄底市, 湖南省) with its
townships, departments and offices, officers of every role, a few dozen
enterprises and appeals in every state of the loop. By default it listens on
127.0.0.1:8080 with the SQLite database ./data/demo.db. On first start, when
the database holds no units, it loads the demo data and writes an API token for
each demo user to the tokens file (next to the database); on later starts it
points at that file again. Delete the database file to start afresh.`

func runDemo(ctx context.Context, c *cli, args []string) error {
	fset := flags("demo")
	f := c.serveFlags(fset, "127.0.0.1:8080", "./data/demo.db")
	tokens := fset.String("tokens", "", "the file for the demo users' API tokens (default: demo-tokens.txt next to a SQLite database, else ./data/demo-tokens.txt)")
	if err := c.parse("demo", fset, args); err != nil {
		return err
	}
	if err := f.check("demo"); err != nil {
		return err
	}
	if err := f.notify.check("demo", c.message); err != nil {
		return err
	}
	if *tokens == "" {
		*tokens = filepath.Join("data", "demo-tokens.txt")
		if !sqlstore.IsPostgres(f.db) {
			*tokens = filepath.Join(filepath.Dir(f.db), "demo-tokens.txt")
		}
	}
	fresh := !sqlstore.IsPostgres(f.db) && !exists(f.db)
	log := newLogger(c.stderr, f.log)
	keeper, err := f.audit.serverKeeper(f.db, filepath.Dir(*tokens), log)
	if err != nil {
		return err
	}
	if fresh { // the head of the chain of a demo database deleted to start afresh
		os.Remove(keeper.Head.Path)
	}
	a, _, err := open(ctx, f.db, log, time.Now)
	if err != nil {
		return err
	}
	defer a.Close()
	empty, err := demo.Empty(ctx, a.db)
	if err != nil {
		return err
	}
	if empty {
		if err := loadDemo(ctx, c, a, f.addr, *tokens); err != nil {
			if fresh { // leave nothing half-loaded behind
				a.Close()
				for _, suffix := range []string{"", "-wal", "-shm"} {
					os.Remove(f.db + suffix)
				}
			}
			return err
		}
	} else {
		fmt.Fprintf(c.stdout, "zhitong: %s already holds data; the demo data are not loaded again\n", redact(f.db))
		if exists(*tokens) {
			fmt.Fprintf(c.stdout, "zhitong: the demo users' API tokens are in %s\n", *tokens)
		} else {
			fmt.Fprintf(c.stdout, "zhitong: there is no tokens file at %s; issue a token with: zhitong token create --db %s --user yhb_zhouzhiqiang\n", *tokens, f.db)
		}
	}
	defer a.startSealing(ctx, keeper)() // what the loading recorded is sealed at once
	defer a.startFolding(ctx)()
	a.useNotify(&f.notify)
	defer a.startScheduler(ctx)()
	h, err := a.handler(ctx, f.web)
	if err != nil {
		return err
	}
	return f.listenAndServe(ctx, h, log, c.stdout)
}

// loadDemo seeds the database and writes the tokens file.
func loadDemo(ctx context.Context, c *cli, a *app, addr, tokens string) error {
	fmt.Fprintln(c.stdout, "zhitong: loading the demo data of 娄星区 …")
	start := time.Now()
	res, err := demo.Seed(ctx, a.db, demo.Options{})
	if err != nil {
		return fmt.Errorf("load the demo data: %w", err)
	}
	a.log.Info("demo data loaded", "units", res.Units, "users", res.Users, "enterprises", res.Enterprises,
		"appeals", res.Appeals, "took", time.Since(start).Round(time.Millisecond))
	if err := os.MkdirAll(filepath.Dir(tokens), 0o750); err != nil {
		return err
	}
	if err := writePrivate(tokens, func(w io.Writer) error { return demo.WriteTokens(w, addr, res.Tokens) }); err != nil {
		return err
	}
	logins := filepath.Join(filepath.Dir(tokens), "demo-logins.txt")
	if err := writePrivate(logins, func(w io.Writer) error { return demo.WriteLogins(w, addr, res.Tokens, res.Companies) }); err != nil {
		return err
	}
	fmt.Fprintf(c.stdout, "zhitong: demo data loaded: %d units, %d users, %d enterprises, %d appeals\n",
		res.Units, res.Users, res.Enterprises, res.Appeals)
	fmt.Fprintf(c.stdout, "zhitong: the demo users' API tokens are in %s (one per user; e.g. yhb_zhouzhiqiang of 区优化办)\n", tokens)
	fmt.Fprintf(c.stdout, "zhitong: sign in at http://%s/login with password %s; user names and second-factor secrets are in %s; the enterprises' portal is http://%s/portal\n",
		addr, demo.DemoPassword, logins, addr)
	return nil
}

// writePrivate writes a file readable by its owner only, through write.
func writePrivate(path string, write func(io.Writer) error) error {
	fh, err := os.OpenFile(path, os.O_CREATE|os.O_TRUNC|os.O_WRONLY, 0o600)
	if err != nil {
		return err
	}
	if err := write(fh); err != nil {
		fh.Close()
		return err
	}
	return fh.Close()
}

func exists(path string) bool {
	_, err := os.Stat(path)
	return !errors.Is(err, fs.ErrNotExist)
}
