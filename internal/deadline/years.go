package deadline

import (
	"context"
	"fmt"
	"slices"
	"time"

	"zhitong/internal/account"
	"zhitong/internal/audit"
	"zhitong/internal/calendar"
	"zhitong/internal/fault"
)

// YearInfo is one year of the calendar in force, as the administrators see it.
type YearInfo struct {
	Year        int
	Provisional bool
	Loaded      bool // an administrator loaded or corrected it; else built in
	OffDays     int  // days off listed (holidays on weekdays, and the weekends around them)
	WorkDays    int  // weekend days made working days (调休)
	Note        string
	UpdatedAt   time.Time
	UpdatedBy   int64
	Days        []calendar.Day
}

// MayRead allows any officer to read the calendar and the policy, by which
// deadlines are counted; not an enterprise, and not the audit
// administrator, who reads the audit log alone (三员分立).
func MayRead(actor *account.Actor) error {
	if actor == nil || actor.IsEnterprise() || actor.Has(account.Auditor) {
		return fault.E(fault.Forbidden, "forbidden")
	}
	return nil
}

// Years lists the years of the calendar in force, oldest first (see MayRead).
func (s *Service) Years(ctx context.Context, actor *account.Actor) ([]YearInfo, error) {
	if err := MayRead(actor); err != nil {
		return nil, err
	}
	if err := s.Refresh(ctx); err != nil {
		return nil, err
	}
	st := s.current.Load()
	out := []YearInfo{}
	for _, y := range st.days.Calendar.Loaded() {
		info := YearInfo{Year: y.Year, Provisional: y.Provisional, Days: y.Days}
		for _, d := range y.Days {
			if d.Off {
				info.OffDays++
			} else {
				info.WorkDays++
			}
		}
		if r, ok := st.stored[y.Year]; ok {
			info.Loaded, info.Note, info.UpdatedAt, info.UpdatedBy = true, r.Note, r.UpdatedAt, r.UpdatedBy
		}
		out = append(out, info)
	}
	slices.SortFunc(out, func(a, b YearInfo) int { return a.Year - b.Year })
	return out, nil
}

// LoadYear puts a year's schedule, in the holiday-cn JSON form of the State
// Council's notice, in place of what the calendar held for that year (a new
// year, or a correction), provisional or confirmed, and counts the open
// deadlines again. The system administrator's act.
func (s *Service) LoadYear(ctx context.Context, actor *account.Actor, data []byte, provisional bool, note string) (YearInfo, error) {
	if err := MayAdminister(actor); err != nil {
		return YearInfo{}, err
	}
	y, err := calendar.ParseYear(data)
	if err != nil {
		return YearInfo{}, err
	}
	if len([]rune(note)) > 500 {
		return YearInfo{}, fault.Field("note", "too_long", 500)
	}
	return s.put(ctx, actor, y, provisional, note, "calendar.load")
}

// ConfirmYear marks a provisional year as checked against the State
// Council's notice. The system administrator's act.
func (s *Service) ConfirmYear(ctx context.Context, actor *account.Actor, year int, note string) (YearInfo, error) {
	if err := MayAdminister(actor); err != nil {
		return YearInfo{}, err
	}
	if err := s.Refresh(ctx); err != nil {
		return YearInfo{}, err
	}
	for _, y := range s.Calendar().Loaded() {
		if y.Year == year {
			if !y.Provisional {
				return YearInfo{}, fault.E(fault.Conflict, "calendar.confirmed", year)
			}
			return s.put(ctx, actor, y, false, note, "calendar.confirm")
		}
	}
	return YearInfo{}, fault.E(fault.NotFound, "calendar.no_year", year)
}

func (s *Service) put(ctx context.Context, actor *account.Actor, y calendar.Year, provisional bool, note, action string) (YearInfo, error) {
	r := Stored{Year: y.Year, Days: y.JSON(), Provisional: provisional, Note: note, UpdatedAt: s.Now(), UpdatedBy: actor.UserID}
	if err := s.Store.PutCalendarYear(ctx, r, s.version()); err != nil {
		return YearInfo{}, err
	}
	detail := fmt.Sprintf("%d: %d days listed, provisional %v; %s", y.Year, len(y.Days), provisional, note)
	if err := s.record(ctx, actor, action, fmt.Sprintf("calendar:%d", y.Year), detail); err != nil {
		return YearInfo{}, err
	}
	if err := s.Refresh(ctx); err != nil {
		return YearInfo{}, err
	}
	years, err := s.Years(ctx, actor)
	if err != nil {
		return YearInfo{}, err
	}
	for _, info := range years {
		if info.Year == y.Year {
			return info, nil
		}
	}
	return YearInfo{}, fmt.Errorf("deadline: year %d not in force after loading", y.Year)
}

// record puts an administrator's act in the audit log; the recorder fills
// in the request's address and id and the outcome.
func (s *Service) record(ctx context.Context, actor *account.Actor, action, object, detail string) error {
	if s.Audit == nil {
		return nil
	}
	e := audit.Entry{At: s.Now(), Action: action, Object: object, Detail: detail,
		ActorID: actor.UserID, ActorName: actor.Username, UnitID: actor.UnitID}
	if actor.System {
		e.ActorName = actor.Name
	}
	return s.Audit.Record(ctx, e)
}
