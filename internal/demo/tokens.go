package demo

import (
	"bufio"
	"fmt"
	"io"
	"strings"
	"time"

	"zhitong/internal/account"
	"zhitong/internal/appeal"
)

// WriteTokens writes the demo users' tokens as a text file: comment lines
// that say how to use them, then one line per user with its fields
// separated by tabs: username, token, name, unit, roles, expiry.
func WriteTokens(w io.Writer, addr string, tokens []Token) error {
	var b strings.Builder
	fmt.Fprintf(&b, "# zhitong 演示用户的 API 令牌 / API tokens of the demo users\n")
	fmt.Fprintf(&b, "# 用法 / use: curl -H 'Authorization: Bearer <token>' http://%s/api/v1/me\n", addr)
	fmt.Fprintf(&b, "# 令牌只在此文件中出现一次，数据库只存其哈希 / the database keeps only their hashes\n")
	fmt.Fprintf(&b, "# username\ttoken\tname\tunit\troles\texpires\n")
	for _, t := range tokens {
		roles := make([]string, len(t.Roles))
		for i, r := range t.Roles {
			roles[i] = string(r)
		}
		exp := "never"
		if !t.ExpiresAt.IsZero() {
			exp = t.ExpiresAt.In(appeal.CST).Format(time.DateOnly)
		}
		fmt.Fprintf(&b, "%s\t%s\t%s\t%s\t%s\t%s\n", t.Username, t.Secret, t.Name, t.Unit, strings.Join(roles, ","), exp)
	}
	_, err := io.WriteString(w, b.String())
	return err
}

// ReadTokens reads a file written by WriteTokens and returns the tokens by
// username (only the fields the file holds).
func ReadTokens(r io.Reader) (map[string]Token, error) {
	out := map[string]Token{}
	sc := bufio.NewScanner(r)
	for sc.Scan() {
		line := sc.Text()
		if line == "" || strings.HasPrefix(line, "#") {
			continue
		}
		f := strings.Split(line, "\t")
		if len(f) != 6 {
			return nil, fmt.Errorf("demo tokens: malformed line %q", line)
		}
		t := Token{Username: f[0], Secret: f[1], Name: f[2], Unit: f[3], Scope: account.ScopeFull}
		for _, r := range strings.Split(f[4], ",") {
			t.Roles = append(t.Roles, account.Role(r))
		}
		out[t.Username] = t
	}
	return out, sc.Err()
}

// WriteLogins writes how to sign the demo users in on the web pages: the
// password, and the second factor's secret for those who need one (to add
// to an authenticator app, or to make codes with oathtool --totp -b).
func WriteLogins(w io.Writer, addr string, tokens []Token, companies []Company) error {
	var b strings.Builder
	fmt.Fprintf(&b, "# zhitong 演示用户的网页登录 / signing the demo users in: http://%s/login\n", addr)
	fmt.Fprintf(&b, "# 所有演示用户的密码 / every demo user's password: %s\n", DemoPassword)
	fmt.Fprintf(&b, "# 工商联、优化办和管理员须填动态口令：把 totp 密钥加入验证器应用 / the federation, the office and the administrators need a code: add the totp secret to an authenticator app\n")
	fmt.Fprintf(&b, "# username\tname\tunit\troles\ttotp_secret\n")
	for _, t := range tokens {
		roles := make([]string, len(t.Roles))
		for i, r := range t.Roles {
			roles[i] = string(r)
		}
		secret := "-"
		if t.TOTP != "" {
			secret = t.TOTP
		}
		fmt.Fprintf(&b, "%s\t%s\t%s\t%s\t%s\n", t.Username, t.Name, t.Unit, strings.Join(roles, ","), secret)
	}
	fmt.Fprintf(&b, "# 企业账号在门户登录（手机号 + 同一密码）/ enterprise accounts sign in on the portal (phone + the same password): http://%s/portal/login\n", addr)
	for _, c := range companies {
		fmt.Fprintf(&b, "# %s\t%s\n", c.Phone, c.Name)
	}
	_, err := io.WriteString(w, b.String())
	return err
}
