package deadline

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"fmt"
	"strconv"

	"zhitong/internal/account"
	"zhitong/internal/appeal"
	"zhitong/internal/fault"
)

// MaxDays bounds the working days any stage may be given: a quarter.
const MaxDays = 60

// withDefaults fills the days p leaves unset with the default policy's.
func withDefaults(p appeal.Policy) appeal.Policy {
	d := appeal.DefaultPolicy()
	for _, f := range []struct{ set, def *int }{{&p.AcceptDays, &d.AcceptDays}, {&p.ConsultDays, &d.ConsultDays}, {&p.OtherDays, &d.OtherDays}} {
		if *f.set <= 0 {
			*f.set = *f.def
		}
	}
	return p
}

// Policy is the policy in force.
func (s *Service) Policy() appeal.Policy { return s.working().Policy }

// SetPolicy sets how many working days each stage is given; a category
// given 0 days answers by its appeal's type again. Open deadlines that
// count in working days are counted again. The system administrator's act.
func (s *Service) SetPolicy(ctx context.Context, actor *account.Actor, p appeal.Policy) (appeal.Policy, error) {
	if err := MayAdminister(actor); err != nil {
		return appeal.Policy{}, err
	}
	for _, f := range []struct {
		name string
		n    int
	}{{"accept_days", p.AcceptDays}, {"consult_days", p.ConsultDays}, {"other_days", p.OtherDays}} {
		if f.n < 1 || f.n > MaxDays {
			return appeal.Policy{}, fault.Field(f.name, "deadline.days", 1, MaxDays)
		}
	}
	for id, n := range p.Categories {
		if n < 0 || n > MaxDays {
			return appeal.Policy{}, fault.Field("categories", "deadline.category_days", id, MaxDays)
		}
	}
	old := s.Policy()
	if err := s.Store.PutDeadlinePolicy(ctx, p, s.version(), s.Now(), actor.UserID); err != nil {
		return appeal.Policy{}, err
	}
	detail := fmt.Sprintf("accept %d → %d, consult %d → %d, other %d → %d working days; %d categories with their own",
		old.AcceptDays, p.AcceptDays, old.ConsultDays, p.ConsultDays, old.OtherDays, p.OtherDays, len(p.Categories))
	if err := s.record(ctx, actor, "deadline.policy", "setting:deadline.policy", detail); err != nil {
		return appeal.Policy{}, err
	}
	if err := s.Refresh(ctx); err != nil {
		return appeal.Policy{}, err
	}
	return s.Policy(), nil
}

// version is a new version of the calendar and policy: the moment of the
// change, which every instance compares with the one it read.
func (s *Service) version() string {
	var b [4]byte
	_, _ = rand.Read(b[:])
	return strconv.FormatInt(s.Now().UnixNano(), 36) + "-" + hex.EncodeToString(b[:])
}

// MayAdminister allows the system administrators (and the command line),
// who keep the calendar and the deadlines (DOMAIN.md).
func MayAdminister(actor *account.Actor) error {
	if actor == nil || actor.ReadOnly || !(actor.System || actor.Has(account.SysAdmin)) {
		return fault.E(fault.Forbidden, "forbidden")
	}
	return nil
}
