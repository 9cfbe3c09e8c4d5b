package appeal

import (
	"slices"
	"strings"
	"time"
	"unicode/utf8"

	"zhitong/internal/enterprise"
	"zhitong/internal/fault"
	"zhitong/internal/personal"
)

// Intake is what a person gives to register an appeal.
type Intake struct {
	Channel        Channel
	Type           Type
	CategoryID     int64
	Urgency        Urgency
	Title          string
	Content        string
	EnterpriseID   int64
	EnterpriseName string
	CreditCode     string
	ContactName    string
	ContactPhone   string
	ContactIDNo    string // 居民身份证号码, checked with its check character
	Anonymous      bool
	DistrictID     int64
	TerritoryID    int64
	ExternalNo     string    // the city's number, for an appeal assigned down
	DueAt          time.Time // the city's deadline, for an appeal assigned down
}

// Validate checks the parts of in that need no lookup, and trims its text.
func (in *Intake) Validate() error {
	in.Title = strings.TrimSpace(in.Title)
	in.Content = strings.TrimSpace(in.Content)
	in.EnterpriseName = strings.TrimSpace(in.EnterpriseName)
	in.ContactName = strings.TrimSpace(in.ContactName)
	in.ContactPhone = strings.TrimSpace(in.ContactPhone)
	in.ContactIDNo = personal.NormalizeIDNo(in.ContactIDNo)
	in.ExternalNo = strings.TrimSpace(in.ExternalNo)
	in.CreditCode = enterprise.NormalizeCreditCode(in.CreditCode)
	if !slices.Contains(Channels, in.Channel) {
		return fault.Field("channel", "one_of", "channel", joinCodes(Channels))
	}
	if !slices.Contains(Types, in.Type) {
		return fault.Field("type", "one_of", "type", joinCodes(Types))
	}
	if in.Urgency == "" {
		in.Urgency = Normal
	}
	if in.Urgency != Normal && in.Urgency != Urgent {
		return fault.Field("urgency", "one_of", "urgency", "normal, urgent")
	}
	for _, f := range []struct {
		name, v  string
		max      int
		required bool
	}{{"title", in.Title, MaxTitle, true}, {"content", in.Content, MaxContent, true},
		{"enterprise_name", in.EnterpriseName, 100, false}, {"contact_name", in.ContactName, 50, false},
		{"external_no", in.ExternalNo, 50, false}} {
		if f.required && f.v == "" {
			return fault.Field(f.name, "required", f.name)
		}
		if utf8.RuneCountInString(f.v) > f.max {
			return fault.Field(f.name, "too_long", f.name, f.max)
		}
	}
	if in.ContactPhone != "" && !personal.ValidPhone(in.ContactPhone) {
		return fault.Field("contact_phone", "bad_phone")
	}
	if in.ContactIDNo != "" {
		if err := personal.CheckIDNo(in.ContactIDNo); err != nil {
			return err
		}
	}
	if in.CreditCode != "" {
		if err := enterprise.CheckCreditCode(in.CreditCode); err != nil {
			return err
		}
	}
	if in.EnterpriseID <= 0 && in.EnterpriseName == "" {
		return fault.Field("enterprise_name", "intake.enterprise")
	}
	if in.DistrictID <= 0 {
		return fault.Field("district_id", "intake.district")
	}
	if in.CategoryID < 0 || in.TerritoryID < 0 || in.EnterpriseID < 0 {
		return fault.Field("category_id", "bad_id", "category_id")
	}
	if in.Channel == CityAssigned && in.DueAt.IsZero() {
		return fault.Field("due_at", "intake.due")
	}
	return nil
}

func joinCodes[T ~string](vs []T) string {
	s := make([]string, len(vs))
	for i, v := range vs {
		s[i] = string(v)
	}
	return strings.Join(s, ", ")
}
