package sqlstore

import (
	"context"
	"strconv"
	"time"

	"zhitong/internal/appeal"
	"zhitong/internal/deadline"
	"zhitong/internal/fault"
)

var _ deadline.Store = (*DB)(nil)

// The settings of the deadlines.
const (
	settingDeadlineVersion = "deadline.version"
	settingAcceptDays      = "deadline.accept_days"
	settingConsultDays     = "deadline.consult_days"
	settingOtherDays       = "deadline.other_days"
)

// CalendarYears returns the years administrators loaded.
func (db *DB) CalendarYears(ctx context.Context) ([]deadline.Stored, error) {
	rows, err := db.read.QueryContext(ctx, `SELECT year, days, provisional, note, updated_at, updated_by FROM calendar_years ORDER BY year`)
	if err != nil {
		return nil, fault.Wrap(err, "sqlstore: calendar years")
	}
	return collect(rows, "calendar years", func(r scanner, y *deadline.Stored) error {
		var days string
		err := r.Scan(&y.Year, &days, &y.Provisional, &y.Note, timeOf{&y.UpdatedAt}, nullID{&y.UpdatedBy})
		y.Days = []byte(days)
		return err
	})
}

// PutCalendarYear stores y in place of the year of its number, with the new
// version of the deadlines.
func (db *DB) PutCalendarYear(ctx context.Context, y deadline.Stored, version string) error {
	return db.inWrite(ctx, "put calendar year", func(ctx context.Context, tx *txn) error {
		_, err := tx.ExecContext(ctx, `INSERT INTO calendar_years (year, days, provisional, note, updated_at, updated_by)
			VALUES ($1, $2, $3, $4, $5, $6)
			ON CONFLICT (year) DO UPDATE SET days = excluded.days, provisional = excluded.provisional, note = excluded.note,
				updated_at = excluded.updated_at, updated_by = excluded.updated_by`,
			y.Year, string(y.Days), y.Provisional, y.Note, msNotNull(y.UpdatedAt), nullable(y.UpdatedBy))
		if err != nil {
			return fault.Wrap(err, "sqlstore: put calendar year")
		}
		return putSetting(ctx, tx, settingDeadlineVersion, version, y.UpdatedAt, y.UpdatedBy)
	})
}

// DeadlineSettings returns the policy as set (days left unset are 0) and
// the version of the deadlines.
func (db *DB) DeadlineSettings(ctx context.Context) (deadline.Settings, error) {
	var s deadline.Settings
	err := db.inRead(ctx, "deadline settings", func(tx *txn) error {
		rows, err := tx.QueryContext(ctx, `SELECT name, value FROM settings WHERE name IN ($1, $2, $3, $4)`,
			settingDeadlineVersion, settingAcceptDays, settingConsultDays, settingOtherDays)
		if err != nil {
			return fault.Wrap(err, "sqlstore: deadline settings")
		}
		defer rows.Close()
		for rows.Next() {
			var name, value string
			if err := rows.Scan(&name, &value); err != nil {
				return fault.Wrap(err, "sqlstore: deadline settings")
			}
			n, _ := strconv.Atoi(value)
			switch name {
			case settingDeadlineVersion:
				s.Version = value
			case settingAcceptDays:
				s.Policy.AcceptDays = n
			case settingConsultDays:
				s.Policy.ConsultDays = n
			case settingOtherDays:
				s.Policy.OtherDays = n
			}
		}
		if err := rows.Err(); err != nil {
			return fault.Wrap(err, "sqlstore: deadline settings")
		}
		cats, err := tx.QueryContext(ctx, `SELECT id, reply_days FROM categories WHERE reply_days IS NOT NULL`)
		if err != nil {
			return fault.Wrap(err, "sqlstore: category days")
		}
		defer cats.Close()
		for cats.Next() {
			var id int64
			var n int
			if err := cats.Scan(&id, &n); err != nil {
				return fault.Wrap(err, "sqlstore: category days")
			}
			if s.Policy.Categories == nil {
				s.Policy.Categories = map[int64]int{}
			}
			s.Policy.Categories[id] = n
		}
		return fault.Wrap(cats.Err(), "sqlstore: category days")
	})
	return s, err
}

// PutDeadlinePolicy stores p, whose categories are all that have their own
// days, with the new version of the deadlines.
func (db *DB) PutDeadlinePolicy(ctx context.Context, p appeal.Policy, version string, at time.Time, by int64) error {
	return db.inWrite(ctx, "put deadline policy", func(ctx context.Context, tx *txn) error {
		for name, n := range map[string]int{settingAcceptDays: p.AcceptDays, settingConsultDays: p.ConsultDays, settingOtherDays: p.OtherDays} {
			if err := putSetting(ctx, tx, name, strconv.Itoa(n), at, by); err != nil {
				return err
			}
		}
		if _, err := tx.ExecContext(ctx, `UPDATE categories SET reply_days = NULL WHERE reply_days IS NOT NULL`); err != nil {
			return fault.Wrap(err, "sqlstore: category days")
		}
		for id, n := range p.Categories {
			if n <= 0 {
				continue
			}
			res, err := tx.ExecContext(ctx, `UPDATE categories SET reply_days = $1 WHERE id = $2`, n, id)
			if err != nil {
				return fault.Wrap(err, "sqlstore: category days")
			}
			if k, _ := res.RowsAffected(); k == 0 {
				return fault.Field("categories", "deadline.no_category", id)
			}
		}
		return putSetting(ctx, tx, settingDeadlineVersion, version, at, by)
	})
}

// putSetting stores a setting, by user by (0: the command line).
func putSetting(ctx context.Context, tx querier, name, value string, at time.Time, by int64) error {
	_, err := tx.ExecContext(ctx, `INSERT INTO settings (name, value, updated_at, updated_by) VALUES ($1, $2, $3, $4)
		ON CONFLICT (name) DO UPDATE SET value = excluded.value, updated_at = excluded.updated_at, updated_by = excluded.updated_by`,
		name, value, msNotNull(at), nullable(by))
	return fault.Wrap(err, "sqlstore: set setting "+name)
}

// recountBatch is how many open tasks one transaction of a recount reads.
const recountBatch = 500

// RecountDeadlines counts the deadlines of every open task that counts in
// working days again, a batch of tasks to a transaction, and writes those
// that changed. The task's version stays: a deadline counted again is no
// reason to refuse the form its unit has open.
func (db *DB) RecountDeadlines(ctx context.Context, recount func(*appeal.Task) (accept, reply time.Time, changed bool)) (int, error) {
	changed := 0
	var after int64
	for {
		var tasks []appeal.Task
		err := db.inWrite(ctx, "recount deadlines", func(ctx context.Context, tx *txn) error {
			rows, err := tx.QueryContext(ctx, `SELECT `+taskSelect("")+` FROM tasks
				WHERE id > $1 AND state IN ($2, $3) AND (accept_days IS NOT NULL OR reply_days IS NOT NULL)
				ORDER BY id LIMIT `+strconv.Itoa(recountBatch), after, appeal.TaskPending, appeal.TaskHandling)
			if err != nil {
				return fault.Wrap(err, "sqlstore: recount deadlines")
			}
			if tasks, err = collect(rows, "recount deadlines", scanTask); err != nil {
				return err
			}
			for i := range tasks {
				t := &tasks[i]
				accept, reply, ok := recount(t)
				if !ok {
					continue
				}
				if err := unitDeltas(ctx, tx, t.AppealID, -1); err != nil { // unit_counts.go
					return err
				}
				if _, err := tx.ExecContext(ctx, `UPDATE tasks SET accept_due = $1, reply_due = $2 WHERE id = $3`,
					ms(accept), ms(reply), t.ID); err != nil {
					return fault.Wrap(err, "sqlstore: recount deadlines")
				}
				if err := unitDeltas(ctx, tx, t.AppealID, 1); err != nil {
					return err
				}
				changed++
			}
			return nil
		})
		if err != nil {
			return changed, err
		}
		if len(tasks) < recountBatch {
			return changed, nil
		}
		after = tasks[len(tasks)-1].ID
	}
}
