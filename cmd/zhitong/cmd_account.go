package main

import (
	"bufio"
	"context"
	"fmt"
	"io"
	"os"
	"strings"

	"zhitong/internal/account"
	"zhitong/internal/fault"
)

const userPasswdAbout = `
Set an officer's password and end all their sessions. The password is the
first line of --password-file, or of standard input when none is given (or
'-'): pipe it in, so that it shows in no command line, shell history or
terminal. Unless --keep is given the officer must change it at the next
login, as a first password. The policy applies: at least 12 characters of
three kinds (upper case, lower case, digits, others), not containing the user
name, not a common password.`

const userUnlockAbout = `
Lift the locks that failed logins put on an officer's user name, from every
client. (A user name is locked for 30 minutes from the client where it failed
five times; from elsewhere it can still sign in.)`

const userRolesAbout = `
Replace an officer's roles with --roles, comma-separated (see 'zhitong user
add --help'). No account holds two of the administrators' roles sysadmin,
secadmin and auditor, and the auditor holds no other role (三员分立). The
change applies from the officer's next request.`

// accountCommands are the subcommands of this file's concern; see commands().
func accountCommands() []command {
	return []command{
		{"user passwd", "set an officer's password, read from standard input or a file", userPasswdAbout, runUserPasswd},
		{"user unlock", "lift the locks failed logins put on an officer", userUnlockAbout, runUserUnlock},
		{"user roles", "replace an officer's roles", userRolesAbout, runUserRoles},
	}
}

// operator is the actor of the command line: the machine's operator, who
// may do what any administrator may, within the rules on roles.
func operator() *account.Actor {
	a := account.SystemActor()
	a.Name = "命令行"
	return a
}

// maxPasswordInput bounds what is read for a password.
const maxPasswordInput = 4096

// readPassword reads a password: the first line of file, or of standard
// input for "" or "-". A terminal is refused: what is typed there is echoed.
func (c *cli) readPassword(cmd, file string) (string, error) {
	var r io.Reader
	switch file {
	case "", "-":
		r = c.stdin
		if r == nil {
			if fi, err := os.Stdin.Stat(); err == nil && fi.Mode()&os.ModeCharDevice != 0 {
				return "", usagef(cmd, "standard input is a terminal: pipe the password in or give --password-file")
			}
			r = os.Stdin
		}
	default:
		f, err := os.Open(file)
		if err != nil {
			return "", usagef(cmd, "--password-file: %v", err)
		}
		defer f.Close()
		r = f
	}
	line, err := bufio.NewReader(io.LimitReader(r, maxPasswordInput)).ReadString('\n')
	if err != nil && err != io.EOF {
		return "", fmt.Errorf("read the password: %w", err)
	}
	line = strings.TrimRight(line, "\r\n")
	if line == "" {
		return "", usagef(cmd, "no password given: its first line is empty")
	}
	return line, nil
}

// firstPassword reads the first password of a new user from file, if one
// is given, and checks it against the policy before anything is written.
func (c *cli) firstPassword(cmd, file, username string) (string, error) {
	if file == "" {
		return "", nil
	}
	pw, err := c.readPassword(cmd, file)
	if err != nil {
		return "", err
	}
	return pw, account.CheckPassword(username, pw)
}

// setFirstPassword gives new user u the password pw, to be changed at the
// first login; none when pw is empty.
func (c *cli) setFirstPassword(ctx context.Context, a *app, u *account.User, pw string) error {
	if pw == "" {
		fmt.Fprintf(c.stderr, "no password set: %s cannot sign in until 'zhitong user passwd --user %s'\n", u.Username, u.Username)
		return nil
	}
	if err := a.accounts.SetPassword(ctx, operator(), u.ID, pw, false); err != nil {
		return err
	}
	fmt.Fprintf(c.stdout, "password set for %s: to be changed at the first login\n", u.Username)
	return nil
}

// userByName finds the officer named by --user.
func userByName(ctx context.Context, a *app, name string) (*account.User, error) {
	u, err := a.db.UserByUsername(ctx, name)
	if fault.Is(err, fault.NotFound) {
		return nil, fault.E(fault.NotFound, "cli.nouser", name)
	}
	return u, err
}

// openUser opens the database and finds the officer named name in it.
func (c *cli) openUser(ctx context.Context, dsn, name string) (*app, *account.User, error) {
	a, _, err := c.openQuiet(ctx, dsn)
	if err != nil {
		return nil, nil, err
	}
	u, err := userByName(ctx, a, name)
	if err != nil {
		a.Close()
		return nil, nil, err
	}
	return a, u, nil
}

func runUserPasswd(ctx context.Context, c *cli, args []string) error {
	const cmd = "user passwd"
	fs := flags(cmd)
	dsn := c.dbFlag(fs)
	user := fs.String("user", "", "the officer's user name (required)")
	file := fs.String("password-file", "", "a file whose first line is the password ('-' or none: standard input)")
	keep := fs.Bool("keep", false, "the officer keeps the password: no change at the next login")
	if err := c.parse(cmd, fs, args); err != nil {
		return err
	}
	if err := required(cmd, fs, "db", "user"); err != nil {
		return err
	}
	pw, err := c.readPassword(cmd, *file)
	if err != nil {
		return err
	}
	a, u, err := c.openUser(ctx, *dsn, *user)
	if err != nil {
		return err
	}
	defer a.Close()
	if err := a.accounts.SetPassword(ctx, operator(), u.ID, pw, *keep); err != nil {
		return err
	}
	then := "to be changed at the next login"
	if *keep {
		then = "kept"
	}
	fmt.Fprintf(c.stdout, "password set for %s (id %d), %s; every session of the user ended\n", u.Username, u.ID, then)
	return nil
}

func runUserUnlock(ctx context.Context, c *cli, args []string) error {
	const cmd = "user unlock"
	fs := flags(cmd)
	dsn := c.dbFlag(fs)
	user := fs.String("user", "", "the officer's user name (required)")
	if err := c.parse(cmd, fs, args); err != nil {
		return err
	}
	if err := required(cmd, fs, "db", "user"); err != nil {
		return err
	}
	a, u, err := c.openUser(ctx, *dsn, *user)
	if err != nil {
		return err
	}
	defer a.Close()
	n, err := a.accounts.Unlock(ctx, operator(), u.ID)
	if err != nil {
		return err
	}
	fmt.Fprintf(c.stdout, "unlocked %s (id %d): %d locks lifted\n", u.Username, u.ID, n)
	return nil
}

func runUserRoles(ctx context.Context, c *cli, args []string) error {
	const cmd = "user roles"
	fs := flags(cmd)
	dsn := c.dbFlag(fs)
	user := fs.String("user", "", "the officer's user name (required)")
	roles := fs.String("roles", "", "the roles from now on, comma-separated (required)")
	if err := c.parse(cmd, fs, args); err != nil {
		return err
	}
	if err := required(cmd, fs, "db", "user", "roles"); err != nil {
		return err
	}
	rs, err := parseRoles(*roles)
	if err != nil {
		return usagef(cmd, "%s", err)
	}
	a, u, err := c.openUser(ctx, *dsn, *user)
	if err != nil {
		return err
	}
	defer a.Close()
	old := u.Roles
	if u, err = a.accounts.SetRoles(ctx, operator(), u.ID, rs); err != nil {
		return err
	}
	fmt.Fprintf(c.stdout, "roles of %s (id %d): %s → %s\n", u.Username, u.ID, roleList(old), roleList(u.Roles))
	return nil
}

func roleList(rs []account.Role) string {
	if len(rs) == 0 {
		return "(none)"
	}
	s := make([]string, len(rs))
	for i, r := range rs {
		s[i] = string(r)
	}
	return strings.Join(s, ",")
}
