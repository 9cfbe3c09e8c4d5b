package api

import (
	"net/http"

	"zhitong/internal/account"
)

// NewUser is the body of POST /api/v1/users.
type NewUser struct {
	Username string         `json:"username" doc:"at most 50 characters, unique"`
	Name     string         `json:"name" doc:"at most 50 characters"`
	Phone    string         `json:"phone,omitempty"`
	Email    string         `json:"email,omitempty" doc:"where notifications are emailed"`
	UnitID   int64          `json:"unit_id"`
	Roles    []account.Role `json:"roles"`
}

func (s *server) me(c *call) error { return c.reply(http.StatusOK, meView(c.actor)) }

func (s *server) listUsers(c *call) error {
	us, err := s.cfg.Accounts.List(c.ctx(), c.actor)
	if err != nil {
		return err
	}
	out := Users{Items: make([]User, len(us))}
	for i := range us {
		out.Items[i] = userView(&us[i])
	}
	return c.reply(http.StatusOK, out)
}

func (s *server) createUser(c *call) error {
	var b NewUser
	if err := c.decode(&b); err != nil {
		return err
	}
	u := &account.User{Username: b.Username, Name: b.Name, Phone: b.Phone, Email: b.Email, UnitID: b.UnitID, Roles: b.Roles}
	if err := s.cfg.Accounts.CreateBy(c.ctx(), c.actor, u); err != nil {
		return err
	}
	return c.reply(http.StatusCreated, userView(u))
}
