package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"regexp"
	"strings"
	"time"

	"zhitong/internal/fault"
)

// cli is one invocation of the command: where it writes and how it reads
// the environment.
type cli struct {
	stdout, stderr io.Writer
	getenv         func(string) string
	stdin          io.Reader // nil: the process's standard input (cmd_account.go)
}

// command is a subcommand: its name as typed ("user add"), a one-line
// summary, what --help says, and the function that runs it.
type command struct {
	name    string
	summary string
	about   string
	run     func(ctx context.Context, c *cli, args []string) error
}

// commands lists the subcommands in the order --help shows them.
func commands() []command {
	cs := []command{
		{"serve", "serve the JSON API over HTTP", serveAbout, runServe},
		{"demo", "serve with the demo data of 娄星区, loaded on first start", demoAbout, runDemo},
		{"migrate", "apply the pending database migrations and list them", migrateAbout, runMigrate},
		{"user add", "add an officer (a user with roles in a unit)", userAddAbout, runUserAdd},
		{"token create", "issue an API token for an officer; the secret is shown once", tokenCreateAbout, runTokenCreate},
		{"unit add", "add a unit to the organisation tree", unitAddAbout, runUnitAdd},
		{"unit list", "list the units of the organisation tree, with their ids", unitListAbout, runUnitList},
		{"version", "print the version", "Print zhitong's version, the commit it was built from and the Go version.", runVersion},
	}
	cs = append(cs, accountCommands()...)    // cmd_account.go
	cs = append(cs, auditCommands()...)      // cmd_audit.go
	cs = append(cs, backupCommands()...)     // cmd_backup.go
	cs = append(cs, benchCommands()...)      // cmd_bench.go
	cs = append(cs, calendarCommands()...)   // cmd_calendar.go
	cs = append(cs, enterpriseCommands()...) // cmd_enterprise.go
	return cs
}

const topHelp = `zhitong — 营商环境直通车 (Business Environment Express): every appeal of an
enterprise goes round the closed loop 收集 → 分办/交办 → 办理 → 回访 → 考核, on record.

Usage: zhitong <command> [flags]

Commands:
%s
Run 'zhitong <command> --help' for what a command does and its flags.

Environment:
  ZHITONG_ADDR   the address serve listens on (default :8080)
  ZHITONG_DB     the database: a SQLite file (default ./data/zhitong.db)
                 or postgres://user@host:5432/db?sslmode=disable
`

// errHelp reports that help was asked for and printed: exit status 0.
var errHelp = errors.New("help printed")

// usageError is a mistake in the command line: exit status 2, one line.
type usageError struct {
	cmd string // the command whose help to point at; "" for the top level
	msg string
}

func (e *usageError) Error() string { return e.msg }

func usagef(cmd, format string, args ...any) error {
	return &usageError{cmd: cmd, msg: fmt.Sprintf(format, args...)}
}

// run runs the command line args and returns the exit status: 0 done,
// 1 failed, 2 a mistake in the command line.
func run(ctx context.Context, args []string, stdout, stderr io.Writer) int {
	c := &cli{stdout: stdout, stderr: stderr, getenv: os.Getenv}
	err := c.dispatch(ctx, args)
	var ue *usageError
	switch {
	case err == nil || errors.Is(err, errHelp):
		return 0
	case errors.As(err, &ue):
		see := "zhitong --help"
		if ue.cmd != "" {
			see = "zhitong " + ue.cmd + " --help"
		}
		fmt.Fprintf(stderr, "zhitong: %s (see '%s')\n", oneLine(ue.msg), see)
		return 2
	default:
		fmt.Fprintf(stderr, "zhitong: %s\n", oneLine(c.message(err)))
		return 1
	}
}

// dispatch finds the command named by the first one or two arguments.
func (c *cli) dispatch(ctx context.Context, args []string) error {
	if len(args) == 0 {
		return usagef("", "no command given")
	}
	first := args[0]
	switch first {
	case "-h", "-help", "--help", "help":
		if len(args) > 1 && first == "help" {
			return c.dispatch(ctx, []string{strings.Join(args[1:], " "), "--help"})
		}
		c.printTop()
		return errHelp
	}
	if strings.HasPrefix(first, "-") {
		return usagef("", "flag %s given before the command", first)
	}
	var group []command
	for _, cmd := range commands() {
		if cmd.name == first {
			return cmd.run(ctx, c, args[1:])
		}
		if g, sub, ok := strings.Cut(cmd.name, " "); ok && g == first {
			if len(args) > 1 && args[1] == sub {
				return cmd.run(ctx, c, args[2:])
			}
			group = append(group, cmd)
		}
	}
	if group == nil {
		return usagef("", "unknown command %q", first)
	}
	if len(args) > 1 && isHelp(args[1]) {
		fmt.Fprintf(c.stdout, "Usage: zhitong %s <subcommand> [flags]\n\nSubcommands:\n", first)
		for _, cmd := range group {
			fmt.Fprintf(c.stdout, "  %-14s %s\n", cmd.name, cmd.summary)
		}
		return errHelp
	}
	if len(args) == 1 {
		return usagef(first, "%s needs a subcommand", first)
	}
	return usagef(first, "unknown command %q", first+" "+args[1])
}

// dashes finds the single-dash flag names in the flag package's errors, to
// spell them as the help does (--db).
var dashes = regexp.MustCompile(`(^|\s)-([A-Za-z])`)

func isHelp(s string) bool { return s == "-h" || s == "-help" || s == "--help" }

func (c *cli) printTop() {
	var b strings.Builder
	for _, cmd := range commands() {
		fmt.Fprintf(&b, "  %-14s %s\n", cmd.name, cmd.summary)
	}
	fmt.Fprintf(c.stdout, topHelp, b.String())
}

// flags returns the flag set of a command. Parse errors go nowhere: parse
// turns them into one usage line.
func flags(name string) *flag.FlagSet {
	fs := flag.NewFlagSet(name, flag.ContinueOnError)
	fs.SetOutput(io.Discard)
	fs.Usage = func() {}
	return fs
}

// parse parses args for the command: --help prints the command's help;
// a wrong flag or an extra argument is a usage error.
func (c *cli) parse(cmd string, fs *flag.FlagSet, args []string) error {
	if err := fs.Parse(args); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			c.printHelp(cmd, fs)
			return errHelp
		}
		return usagef(cmd, "%s", dashes.ReplaceAllString(err.Error(), "$1--$2"))
	}
	if fs.NArg() > 0 {
		return usagef(cmd, "unexpected argument %q", fs.Arg(0))
	}
	return nil
}

// printHelp prints what a command does and its flags, GNU style.
func (c *cli) printHelp(name string, fs *flag.FlagSet) {
	for _, cmd := range commands() {
		if cmd.name == name {
			fmt.Fprintf(c.stdout, "Usage: zhitong %s [flags]\n\n%s\n", name, strings.TrimSpace(cmd.about))
		}
	}
	var b strings.Builder
	fs.VisitAll(func(f *flag.Flag) {
		typ, usage := flag.UnquoteUsage(f)
		fmt.Fprintf(&b, "  --%s %s\n        %s", f.Name, typ, usage)
		if f.DefValue != "" && f.DefValue != "0s" && f.DefValue != "0" {
			fmt.Fprintf(&b, " (default %s)", f.DefValue)
		}
		b.WriteString("\n")
	})
	if b.Len() > 0 {
		fmt.Fprintf(c.stdout, "\nFlags:\n%s", b.String())
	}
}

// required reports a usage error for the first of the flags left empty.
func required(cmd string, fs *flag.FlagSet, names ...string) error {
	for _, n := range names {
		if f := fs.Lookup(n); f != nil && (f.Value.String() == "" || f.Value.String() == "0") {
			return usagef(cmd, "--%s is required", n)
		}
	}
	return nil
}

// envOr returns the environment variable, or def when it is unset or empty.
func (c *cli) envOr(name, def string) string {
	if v := c.getenv(name); v != "" {
		return v
	}
	return def
}

// lang is the language of messages: Chinese when the locale says so.
func (c *cli) lang() string {
	for _, v := range []string{"LC_ALL", "LC_MESSAGES", "LANG"} {
		if s := c.getenv(v); s != "" {
			if strings.HasPrefix(s, "zh") {
				return "zh"
			}
			return "en"
		}
	}
	return "en"
}

// message renders an error for the operator: a domain error in their
// language, with its cause when it is ours.
func (c *cli) message(err error) string {
	var fe *fault.Error
	if errors.As(err, &fe) {
		msg := fe.Message(c.lang())
		if fe.Field != "" {
			msg = fe.Field + ": " + msg
		}
		if fe.Err != nil {
			msg += ": " + fe.Err.Error()
		}
		return msg
	}
	return err.Error()
}

func oneLine(s string) string { return strings.Join(strings.Fields(s), " ") }

// durationText shows a token's lifetime in days when it is whole days.
func durationText(d time.Duration) string {
	if d > 0 && d%(24*time.Hour) == 0 {
		return fmt.Sprintf("%d days", d/(24*time.Hour))
	}
	return d.String()
}
