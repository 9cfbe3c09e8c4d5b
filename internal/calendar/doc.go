// Package calendar is the working-day calendar of China Standard Time under
// the State Council's holiday schedule (国务院办公厅关于部分节假日安排的通知).
//
// A date is a working day unless the schedule of its year says otherwise:
// Monday to Friday work and Saturday and Sunday are off, except the days the
// schedule lists, which are off (放假, even on a weekday) or adjusted working
// days (调休上班, even on a weekend). The schedules of 2020–2027 are built in
// (Builtin); 2027's is provisional until an administrator confirms it. A year
// whose schedule is not loaded falls back to Monday to Friday; Known,
// Provisional and Missing say when that happens, so that it can be put right
// before a deadline depends on it.
//
// # The counting rule
//
// A deadline of n working days from an instant start (Calendar.Due) is
// counted so:
//
//  1. The clock starts on the day of start (in China Standard Time) if that
//     day is a working day and start is before 17:00; otherwise it starts on
//     the next working day.
//  2. The deadline is the end (24:00 CST, which is 00:00 of the following
//     calendar day, and is returned as that instant) of the n-th working day
//     after the starting day. n = 0 means the end of the starting day itself.
//
// For example, a task assigned on Monday at 10:00 with one working day is
// due at the end of Tuesday; assigned on Monday at 17:30, at the end of
// Wednesday; assigned on Friday at 16:00, at the end of Monday. Holidays on
// weekdays do not count, and adjusted working days on weekends do.
//
// Working days between two instants (Calendar.WorkingDaysBetween) count the
// working days after the first one's date up to and including the second
// one's date; an extension moves a deadline by whole working days
// (Calendar.Shift).
//
// A Calendar is immutable and safe for concurrent use; build a new one
// when an administrator loads or corrects a year.
package calendar
