package main

import (
	"bytes"
	"context"
	"path/filepath"
	"strings"
	"testing"
)

// zhitong runs the command line in-process and returns its exit status and
// what it wrote.
func zhitong(t *testing.T, args ...string) (code int, stdout, stderr string) {
	t.Helper()
	var out, errw bytes.Buffer
	code = run(context.Background(), args, &out, &errw)
	return code, out.String(), errw.String()
}

func TestHelp(t *testing.T) {
	cases := [][]string{{"--help"}, {"-h"}, {"help"}, {"help", "serve"}, {"user", "--help"}, {"token", "-h"}, {"unit", "--help"}}
	for _, cmd := range commands() {
		cases = append(cases, append(strings.Fields(cmd.name), "--help"), append(strings.Fields(cmd.name), "-h"))
	}
	for _, args := range cases {
		t.Run(strings.Join(args, " "), func(t *testing.T) {
			code, out, errs := zhitong(t, args...)
			if code != 0 || errs != "" {
				t.Fatalf("exit %d, stderr %q", code, errs)
			}
			if !strings.HasPrefix(out, "Usage: zhitong") && !strings.HasPrefix(out, "zhitong — 营商环境直通车") {
				t.Errorf("help does not begin with the usage:\n%s", out)
			}
		})
	}
	// Each command's help says what it does and names its flags.
	for _, cmd := range commands() {
		_, out, _ := zhitong(t, append(strings.Fields(cmd.name), "--help")...)
		first := strings.SplitN(strings.TrimSpace(cmd.about), "\n", 2)[0]
		if !strings.Contains(out, first) {
			t.Errorf("%s --help does not say what it does (%q):\n%s", cmd.name, first, out)
		}
		if cmd.name != "version" && !strings.Contains(out, "--db") {
			t.Errorf("%s --help names no --db flag:\n%s", cmd.name, out)
		}
	}
	_, out, _ := zhitong(t, "--help")
	for _, cmd := range commands() {
		if !strings.Contains(out, cmd.name) {
			t.Errorf("zhitong --help does not list %s", cmd.name)
		}
	}
}

func TestUsageErrors(t *testing.T) {
	db := filepath.Join(t.TempDir(), "z.db")
	cases := []struct {
		args []string
		want string // in the one line
		see  string // the help it points at
	}{
		{nil, "no command given", "zhitong --help"},
		{[]string{"frob"}, `unknown command "frob"`, "zhitong --help"},
		{[]string{"--db", db}, "given before the command", "zhitong --help"},
		{[]string{"serve", "--bogus"}, "--bogus", "zhitong serve --help"},
		{[]string{"serve", "extra"}, `unexpected argument "extra"`, "zhitong serve --help"},
		{[]string{"serve", "--log", "xml"}, "--log must be text or json", "zhitong serve --help"},
		{[]string{"serve", "--trusted-proxies", "10.0.0.0/8,proxy.local"}, "--trusted-proxies: \"proxy.local\" is neither an address nor a CIDR", "zhitong serve --help"},
		{[]string{"demo", "--addr"}, "flag needs an argument: --addr", "zhitong demo --help"},
		{[]string{"migrate", "--db", db, "now"}, `unexpected argument "now"`, "zhitong migrate --help"},
		{[]string{"user"}, "user needs a subcommand", "zhitong user --help"},
		{[]string{"user", "delete"}, `unknown command "user delete"`, "zhitong user --help"},
		{[]string{"user", "add", "--db", db, "--name", "周志强", "--unit", "4", "--roles", "office"}, "--username is required", "zhitong user add --help"},
		{[]string{"user", "add", "--db", db, "--username", "z", "--name", "周志强", "--unit", "4", "--roles", "wizard"}, `unknown role "wizard"`, "zhitong user add --help"},
		{[]string{"user", "add", "--unit", "four"}, `invalid value "four" for flag --unit`, "zhitong user add --help"},
		{[]string{"token", "create", "--db", db}, "--user is required", "zhitong token create --help"},
		{[]string{"token", "create", "--db", db, "--user", "z", "--scope", "root"}, "--scope must be full, read or display", "zhitong token create --help"},
		{[]string{"token", "create", "--ttl", "soon"}, `invalid value "soon" for flag --ttl`, "zhitong token create --help"},
		{[]string{"unit", "add", "--db", db, "--name", "娄星区", "--level", "county", "--kind", "region"}, "--level must be", "zhitong unit add --help"},
		{[]string{"version", "--short"}, "--short", "zhitong version --help"},
	}
	for _, c := range cases {
		t.Run(strings.ReplaceAll(strings.Join(c.args, " "), db, "DB"), func(t *testing.T) {
			code, out, errs := zhitong(t, c.args...)
			if code != 2 {
				t.Errorf("exit %d, want 2", code)
			}
			if out != "" {
				t.Errorf("stdout %q, want nothing", out)
			}
			if strings.Count(errs, "\n") != 1 || !strings.HasSuffix(errs, "\n") {
				t.Errorf("stderr is not one line: %q", errs)
			}
			line := strings.TrimSuffix(errs, "\n")
			if !strings.HasPrefix(line, "zhitong: ") || !strings.Contains(line, c.want) || !strings.HasSuffix(line, "(see '"+c.see+"')") {
				t.Errorf("stderr %q, want %q and a pointer to %q", line, c.want, c.see)
			}
		})
	}
}

// A failure that is not the command line's is exit status 1, one line.
func TestFailure(t *testing.T) {
	db := filepath.Join(t.TempDir(), "z.db")
	code, _, errs := zhitong(t, "token", "create", "--db", db, "--user", "nobody")
	if code != 1 || strings.Count(errs, "\n") != 1 || !strings.Contains(errs, "nobody") {
		t.Errorf("exit %d, stderr %q", code, errs)
	}
	code, _, errs = zhitong(t, "user", "add", "--db", db, "--username", "z", "--name", "周志强", "--unit", "99", "--roles", "office")
	if code != 1 || !strings.Contains(errs, "--unit 99") {
		t.Errorf("user add with an unknown unit: exit %d, stderr %q", code, errs)
	}
}

func TestVersion(t *testing.T) {
	code, out, _ := zhitong(t, "version")
	if code != 0 || !strings.HasPrefix(out, "zhitong ") {
		t.Errorf("exit %d, %q", code, out)
	}
}

func TestRedact(t *testing.T) {
	for in, want := range map[string]string{
		"postgres://zt:secret@db:5432/zt?sslmode=disable": "postgres://zt:xxxxx@db:5432/zt?sslmode=disable",
		"postgres://postgres@127.0.0.1:5432/postgres":     "postgres://postgres@127.0.0.1:5432/postgres",
		"./data/zhitong.db":                               "./data/zhitong.db",
	} {
		if got := redact(in); got != want {
			t.Errorf("redact(%q) = %q, want %q", in, got, want)
		}
	}
}
