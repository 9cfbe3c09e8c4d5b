package sqlstore

import (
	"strings"

	"zhitong/internal/appeal"
)

// The columns of the appeal aggregate's tables, in the order that the
// values and scan functions below use. Each list leaves out id, which the
// database assigns.

// appealColumns are the columns of appeals. The first three never change
// after intake; Mutate writes the rest (appealMutable).
var appealColumns = []string{
	"created_by", "created_at", "channel",
	"external_no", "type", "category_id", "urgency", "title", "content", "enterprise_id", "enterprise_name",
	"credit_code", "contact_name", "contact_phone", "anonymous", "district_id", "territory_id", "route", "state",
	"round", "merged_into", "updated_at", "due_at", "version", "result_outcome", "result_text", "result_at",
	"feedback_at", "reported_up_at", "visit_attempts", "satisfaction", "resolved", "unreachable", "closed_at",
	"query_code_hash", "contact_id_no", "unreasonable", "unreasonable_reason",
}

// appealMutable is where the columns Mutate writes begin in appealColumns.
const appealMutable = 3

func appealValues(a *appeal.Appeal) []any {
	return []any{
		nullable(a.CreatedBy), msNotNull(a.CreatedAt), a.Channel,
		a.ExternalNo, a.Type, nullable(a.CategoryID), a.Urgency, a.Title, a.Content, nullable(a.EnterpriseID), a.EnterpriseName,
		a.CreditCode, a.ContactName, a.ContactPhone, a.Anonymous, a.DistrictID, nullable(a.TerritoryID), a.Route, a.State,
		a.Round, nullable(a.MergedInto), msNotNull(a.UpdatedAt), ms(a.DueAt), a.Version, a.ResultOutcome, a.ResultText, ms(a.ResultAt),
		ms(a.FeedbackAt), ms(a.ReportedUpAt), a.VisitAttempts, a.Satisfaction, a.Resolved, a.Unreachable, ms(a.ClosedAt),
		hexOf(a.QueryCodeHash), a.ContactIDNo, a.Unreasonable, a.UnreasonableReason,
	}
}

// appealSelect is the select list of an appeal, qualified by p ("" or "a.").
func appealSelect(p string) string {
	return p + "id, " + prefixed(p, strings.Join(appealColumns, ", "))
}

// scanAppeal scans the columns of appealSelect.
func scanAppeal(row scanner, a *appeal.Appeal) error {
	var hash string
	err := row.Scan(&a.ID,
		nullID{&a.CreatedBy}, timeOf{&a.CreatedAt}, &a.Channel,
		&a.ExternalNo, &a.Type, nullID{&a.CategoryID}, &a.Urgency, &a.Title, &a.Content, nullID{&a.EnterpriseID}, &a.EnterpriseName,
		&a.CreditCode, &a.ContactName, &a.ContactPhone, &a.Anonymous, &a.DistrictID, nullID{&a.TerritoryID}, &a.Route, &a.State,
		&a.Round, nullID{&a.MergedInto}, timeOf{&a.UpdatedAt}, nullTime{&a.DueAt}, &a.Version, &a.ResultOutcome, &a.ResultText, nullTime{&a.ResultAt},
		nullTime{&a.FeedbackAt}, nullTime{&a.ReportedUpAt}, &a.VisitAttempts, &a.Satisfaction, &a.Resolved, &a.Unreachable, nullTime{&a.ClosedAt},
		&hash, &a.ContactIDNo, &a.Unreasonable, &a.UnreasonableReason)
	if err != nil {
		return err
	}
	a.QueryCodeHash, err = hashOf(hash)
	return err
}

// taskColumns are the columns of tasks; Mutate writes all but the first
// (taskMutable).
var taskColumns = []string{
	"appeal_id",
	"district_id", "round", "unit_id", "role", "state", "note", "assigned_by", "assigned_at", "accept_due", "reply_due",
	"accepted_at", "returned_at", "reason", "outcome", "reply_text", "replied_at", "replied_by", "reviewed_at",
	"reviewed_by", "sent_back", "redone", "accept_days", "reply_days", "extra_days",
	"ask", "ask_days", "ask_reason", "asked_at", "grants", "paused_at",
	"reminders", "supervised_at", "supervision_no", "supervision_note", "response_text", "responded_at", "version",
}

const taskMutable = 1

func taskValues(t *appeal.Task) []any {
	return []any{
		t.AppealID,
		t.DistrictID, t.Round, t.UnitID, t.Role, t.State, t.Note, nullable(t.AssignedBy), msNotNull(t.AssignedAt), ms(t.AcceptDue), ms(t.ReplyDue),
		ms(t.AcceptedAt), ms(t.ReturnedAt), t.Reason, t.Outcome, t.ReplyText, ms(t.RepliedAt), nullable(t.RepliedBy), ms(t.ReviewedAt),
		nullable(t.ReviewedBy), t.SentBack, t.Redone, nullable(int64(t.AcceptDays)), nullable(int64(t.ReplyDays)), t.ExtraDays,
		string(t.Ask), t.AskDays, t.AskReason, ms(t.AskedAt), t.Grants, ms(t.PausedAt),
		t.Reminders, ms(t.SupervisedAt), t.SupervisionNo, t.SupervisionNote, t.ResponseText, ms(t.RespondedAt), t.Version,
	}
}

func taskSelect(p string) string { return p + "id, " + prefixed(p, strings.Join(taskColumns, ", ")) }

func taskDest(t *appeal.Task) []any {
	return []any{&t.ID,
		&t.AppealID,
		&t.DistrictID, &t.Round, &t.UnitID, &t.Role, &t.State, &t.Note, nullID{&t.AssignedBy}, timeOf{&t.AssignedAt}, nullTime{&t.AcceptDue}, nullTime{&t.ReplyDue},
		nullTime{&t.AcceptedAt}, nullTime{&t.ReturnedAt}, &t.Reason, &t.Outcome, &t.ReplyText, nullTime{&t.RepliedAt}, nullID{&t.RepliedBy}, nullTime{&t.ReviewedAt},
		nullID{&t.ReviewedBy}, &t.SentBack, &t.Redone, nullDays{&t.AcceptDays}, nullDays{&t.ReplyDays}, &t.ExtraDays,
		&t.Ask, &t.AskDays, &t.AskReason, nullTime{&t.AskedAt}, &t.Grants, nullTime{&t.PausedAt},
		&t.Reminders, nullTime{&t.SupervisedAt}, &t.SupervisionNo, &t.SupervisionNote, &t.ResponseText, nullTime{&t.RespondedAt}, &t.Version,
	}
}

func scanTask(row scanner, t *appeal.Task) error { return row.Scan(taskDest(t)...) }

var eventColumns = []string{"appeal_id", "at", "actor_id", "actor_name", "unit_id", "action", "from_state", "to_state", "task_id", "note", "told"}

func eventValues(e *appeal.Event) []any {
	return []any{e.AppealID, msNotNull(e.At), nullable(e.ActorID), e.ActorName, nullable(e.UnitID), e.Action, e.FromState,
		e.ToState, nullable(e.TaskID), e.Note, e.Told}
}

func scanEvent(row scanner, e *appeal.Event) error {
	return row.Scan(&e.ID, &e.AppealID, timeOf{&e.At}, nullID{&e.ActorID}, &e.ActorName, nullID{&e.UnitID}, &e.Action,
		&e.FromState, &e.ToState, nullID{&e.TaskID}, &e.Note, &e.Told)
}

var visitColumns = []string{"appeal_id", "round", "at", "by_user", "reached", "satisfaction", "resolved", "words"}

func visitValues(v *appeal.Visit) []any {
	return []any{v.AppealID, v.Round, msNotNull(v.At), nullable(v.By), v.Reached, v.Satisfaction, v.Resolved, v.Words}
}

func scanVisit(row scanner, v *appeal.Visit) error {
	return row.Scan(&v.ID, &v.AppealID, &v.Round, timeOf{&v.At}, nullID{&v.By}, &v.Reached, &v.Satisfaction, &v.Resolved, &v.Words)
}

// insertSQL is "INSERT INTO table (columns) VALUES ($1, ...) RETURNING id".
func insertSQL(table string, columns []string) string {
	ps := make([]string, len(columns))
	var a args
	for i := range columns {
		ps[i] = a.add(nil)
	}
	return "INSERT INTO " + table + " (" + strings.Join(columns, ", ") + ") VALUES (" + strings.Join(ps, ", ") + ") RETURNING id"
}

// updateSQL is "UPDATE table SET c1 = $1, ... WHERE id = $n+1 AND version = $n+2".
func updateSQL(table string, columns []string) string {
	set := make([]string, len(columns))
	var a args
	for i, c := range columns {
		set[i] = c + " = " + a.add(nil)
	}
	return "UPDATE " + table + " SET " + strings.Join(set, ", ") + " WHERE id = " + a.add(nil) + " AND version = " + a.add(nil)
}

// The statements of the aggregate, built once.
var (
	insertAppealSQL = insertSQL("appeals", appealColumns)
	updateAppealSQL = updateSQL("appeals", appealColumns[appealMutable:])
	insertTaskSQL   = insertSQL("tasks", taskColumns)
	updateTaskSQL   = updateSQL("tasks", taskColumns[taskMutable:])
	insertEventSQL  = insertSQL("appeal_events", eventColumns)
	insertVisitSQL  = insertSQL("visits", visitColumns)
)
