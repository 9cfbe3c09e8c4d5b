package main

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"zhitong/internal/account"
	"zhitong/internal/sqlstore"
)

// accountDB returns a database with a unit (id 1) and an officer "zhou"
// added by the command line, given the first password in a file.
func accountDB(t *testing.T) string {
	t.Helper()
	dir := t.TempDir()
	db := filepath.Join(dir, "z.db")
	if code, _, errs := zhitong(t, "unit", "add", "--db", db, "--name", "湖南省", "--level", "province", "--kind", "region"); code != 0 {
		t.Fatalf("unit add: %s", errs)
	}
	pw := writeFile(t, "Correct-Horse-7-Battery\n")
	code, out, errs := zhitong(t, "user", "add", "--db", db, "--username", "zhou", "--name", "周志强", "--unit", "1", "--roles", "office", "--password-file", pw)
	if code != 0 || !strings.Contains(out, "to be changed at the first login") {
		t.Fatalf("user add: exit %d, %q, %q", code, out, errs)
	}
	return db
}

func writeFile(t *testing.T, content string) string {
	t.Helper()
	p := filepath.Join(t.TempDir(), "pw")
	if err := os.WriteFile(p, []byte(content), 0o600); err != nil {
		t.Fatal(err)
	}
	return p
}

// credentials reads what the database holds of user name.
func credentials(t *testing.T, path, name string) (*account.User, *account.Credentials) {
	t.Helper()
	db, err := sqlstore.Open(context.Background(), path)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	u, err := db.UserByUsername(context.Background(), name)
	if err != nil {
		t.Fatal(err)
	}
	c, err := db.Credentials(context.Background(), u.ID)
	if err != nil {
		t.Fatal(err)
	}
	return u, c
}

func TestUserPasswords(t *testing.T) {
	db := accountDB(t)
	_, c := credentials(t, db, "zhou")
	if !strings.HasPrefix(c.PasswordHash, "$argon2id$") || !c.MustChange {
		t.Fatalf("first password: %+v", c)
	}
	if ok, _ := account.VerifyPassword(c.PasswordHash, "Correct-Horse-7-Battery"); !ok {
		t.Fatal("the first password does not verify (the newline kept?)")
	}

	// A weak first password adds no user.
	weak := writeFile(t, "Password123!\n")
	code, _, errs := zhitong(t, "user", "add", "--db", db, "--username", "wu", "--name", "吴刚", "--unit", "1", "--roles", "handler", "--password-file", weak)
	if code != 1 || strings.Count(errs, "\n") != 1 || !strings.Contains(errs, "password") {
		t.Errorf("a weak first password: exit %d, %q", code, errs)
	}
	if code, _, _ := zhitong(t, "user", "passwd", "--db", db, "--user", "wu", "--password-file", writeFile(t, "Staple-Orbit-42-Lantern")); code != 1 {
		t.Error("the user with the weak password was added")
	}

	// passwd from a file, kept.
	code, out, errs := zhitong(t, "user", "passwd", "--db", db, "--user", "zhou", "--keep", "--password-file", writeFile(t, "Staple-Orbit-42-Lantern\r\n"))
	if code != 0 || !strings.Contains(out, "kept") || errs != "" {
		t.Fatalf("passwd --keep: exit %d, %q, %q", code, out, errs)
	}
	_, c = credentials(t, db, "zhou")
	if ok, _ := account.VerifyPassword(c.PasswordHash, "Staple-Orbit-42-Lantern"); !ok || c.MustChange {
		t.Errorf("after passwd --keep: %+v", c)
	}
	// passwd from standard input, to be changed.
	var stdout, stderr bytes.Buffer
	cl := &cli{stdout: &stdout, stderr: &stderr, getenv: os.Getenv, stdin: strings.NewReader("Lantern-Staple-99-Orbit\nignored\n")}
	if err := cl.dispatch(context.Background(), []string{"user", "passwd", "--db", db, "--user", "zhou"}); err != nil {
		t.Fatal(err)
	}
	_, c = credentials(t, db, "zhou")
	if ok, _ := account.VerifyPassword(c.PasswordHash, "Lantern-Staple-99-Orbit"); !ok || !c.MustChange {
		t.Errorf("after passwd from stdin: %+v", c)
	}
	cl.stdin = strings.NewReader("")
	if err := cl.dispatch(context.Background(), []string{"user", "passwd", "--db", db, "--user", "zhou"}); err == nil || !strings.Contains(err.Error(), "no password given") {
		t.Errorf("an empty standard input: %v", err)
	}
	for _, c := range []struct {
		args []string
		code int
		want string
	}{
		{[]string{"user", "passwd", "--db", db, "--user", "nobody", "--password-file", writeFile(t, "Staple-Orbit-42-Lantern")}, 1, "nobody"},
		{[]string{"user", "passwd", "--db", db, "--user", "zhou", "--password-file", writeFile(t, "short")}, 1, "password"},
		{[]string{"user", "passwd", "--db", db, "--user", "zhou", "--password-file", writeFile(t, "\nStaple-Orbit-42-Lantern")}, 2, "no password given"},
		{[]string{"user", "passwd", "--db", db, "--user", "zhou", "--password-file", filepath.Join(t.TempDir(), "none")}, 2, "--password-file"},
		{[]string{"user", "passwd", "--db", db}, 2, "--user is required"},
	} {
		code, out, errs := zhitong(t, c.args...)
		if code != c.code || out != "" || strings.Count(errs, "\n") != 1 || !strings.Contains(errs, c.want) {
			t.Errorf("%v: exit %d, %q, %q", c.args[2:], code, out, errs)
		}
	}
}

func TestUserRolesAndUnlock(t *testing.T) {
	db := accountDB(t)
	code, out, errs := zhitong(t, "user", "roles", "--db", db, "--user", "zhou", "--roles", "office,leader")
	if code != 0 || !strings.Contains(out, "office → office,leader") {
		t.Fatalf("roles: exit %d, %q, %q", code, out, errs)
	}
	if u, _ := credentials(t, db, "zhou"); len(u.Roles) != 2 || u.Roles[1] != account.Leader {
		t.Errorf("roles %v", u.Roles)
	}
	// The command line too keeps the administrators apart.
	code, _, errs = zhitong(t, "user", "roles", "--db", db, "--user", "zhou", "--roles", "sysadmin,secadmin")
	if code != 1 || !strings.Contains(errs, "roles") {
		t.Errorf("two administrators: exit %d, %q", code, errs)
	}
	code, _, errs = zhitong(t, "user", "roles", "--db", db, "--user", "zhou", "--roles", "king")
	if code != 2 || !strings.Contains(errs, `unknown role "king"`) {
		t.Errorf("an unknown role: exit %d, %q", code, errs)
	}
	// It may give an administrator's role, which the system administrator may not.
	code, _, errs = zhitong(t, "user", "add", "--db", db, "--username", "audit", "--name", "龚磊", "--unit", "1", "--roles", "auditor")
	if code != 0 || !strings.Contains(errs, "cannot sign in until") {
		t.Errorf("add an auditor without a password: exit %d, %q", code, errs)
	}
	code, out, errs = zhitong(t, "user", "unlock", "--db", db, "--user", "zhou")
	if code != 0 || !strings.Contains(out, "0 locks lifted") {
		t.Errorf("unlock: exit %d, %q, %q", code, out, errs)
	}
	if code, _, _ := zhitong(t, "user", "unlock", "--db", db, "--user", "nobody"); code != 1 {
		t.Errorf("unlock nobody: exit %d", code)
	}
	if code, _, errs := zhitong(t, "user", "roles", "--db", db, "--user", "zhou"); code != 2 || !strings.Contains(errs, "--roles is required") {
		t.Errorf("no roles: exit %d, %q", code, errs)
	}
}
