package main

import (
	"context"
	"fmt"
	"io"
	"maps"
	"os"
	"strconv"
	"strings"
	"text/tabwriter"

	"zhitong/internal/calendar"
	"zhitong/internal/deadline"
)

// The working-day calendar and the deadline policy, kept without a new
// release: a new year's schedule loaded when the State Council publishes it,
// a year corrected, a provisional year confirmed.

const calendarShowAbout = `
List the years of the working-day calendar in force: built in, or loaded by
an administrator; provisional (not yet checked against the State Council's
notice) or confirmed; the days off and adjusted working days (调休) each lists.
With --year, list that year's days. From November on it warns while next
year's schedule is missing or provisional: deadlines reaching into a missing
year count Monday to Friday alone.`

const calendarLoadAbout = `
Load a year's schedule from --file, in the form of the built-in years (the JSON
of holiday-cn: {"year": 2027, "papers": [...], "days": [{"name": "春节",
"date": "2027-02-05", "isOffDay": true}, ...]}), in place of what the calendar
held for that year: a new year, or a correction. Every entry is checked and
the first mistake is named; nothing is loaded then. The open deadlines that
count in working days are counted again, here and on every running instance
within a minute. --provisional keeps the year marked unchecked.
Usage: zhitong calendar load --file FILE [--provisional] [--note TEXT]`

const calendarConfirmAbout = `
Mark a provisional year (2027 as built in) as checked against the State
Council's notice.`

const calendarExportAbout = `
Print a year's schedule as the calendar holds it, in the form 'calendar load'
reads: to correct a year, export it, edit, and load it back.`

const deadlinePolicyAbout = `
Show how many working days each stage is given, or set them: --accept to
accept a task (签收), --consult to answer a consultation, --other to answer
any other appeal, --category ID=DAYS,... for categories with their own time
(DAYS 0: by the appeal's type again; categories not named keep theirs). The
new days apply to tasks assigned from now on; open tasks keep the days they
were given.`

// calendarCommands are the subcommands of this file's concern; see commands().
func calendarCommands() []command {
	return []command{
		{"calendar show", "list the years of the working-day calendar, or one year's days", calendarShowAbout, runCalendarShow},
		{"calendar load", "load or correct a year's holiday schedule from a file", calendarLoadAbout, runCalendarLoad},
		{"calendar confirm", "mark a provisional year as checked against the State Council's notice", calendarConfirmAbout, runCalendarConfirm},
		{"calendar export", "print a year's schedule in the form calendar load reads", calendarExportAbout, runCalendarExport},
		{"deadline policy", "show or set the working days each stage is given", deadlinePolicyAbout, runDeadlinePolicy},
	}
}

func runCalendarShow(ctx context.Context, c *cli, args []string) error {
	const cmd = "calendar show"
	fs := flags(cmd)
	dsn := c.dbFlag(fs)
	year := fs.Int("year", 0, "list this year's days")
	if err := c.parse(cmd, fs, args); err != nil {
		return err
	}
	a, _, err := c.openQuiet(ctx, *dsn)
	if err != nil {
		return err
	}
	defer a.Close()
	years, err := a.deadlines.Years(ctx, operator())
	if err != nil {
		return err
	}
	if *year != 0 {
		for _, y := range years {
			if y.Year == *year {
				printDays(c.stdout, y)
				return nil
			}
		}
		return usagef(cmd, "the calendar has no year %d", *year)
	}
	w := tabwriter.NewWriter(c.stdout, 0, 4, 2, ' ', 0)
	fmt.Fprintln(w, "year\tstatus\tsource\tdays off\tadjusted working days\tnote")
	for _, y := range years {
		fmt.Fprintf(w, "%d\t%s\t%s\t%d\t%d\t%s\n", y.Year, yearStatus(y), yearSource(y), y.OffDays, y.WorkDays, y.Note)
	}
	w.Flush()
	c.warnCalendar(a.deadlines)
	return nil
}

func printDays(w io.Writer, y deadline.YearInfo) {
	tw := tabwriter.NewWriter(w, 0, 4, 2, ' ', 0)
	fmt.Fprintf(tw, "%d (%s, %s)\n", y.Year, yearStatus(y), yearSource(y))
	for _, d := range y.Days {
		kind := "off"
		if !d.Off {
			kind = "working (调休)"
		}
		fmt.Fprintf(tw, "%s\t%s\t%s\n", d.Date, kind, d.Name)
	}
	tw.Flush()
}

func yearStatus(y deadline.YearInfo) string {
	if y.Provisional {
		return "provisional"
	}
	return "confirmed"
}

func yearSource(y deadline.YearInfo) string {
	if y.Loaded {
		return "loaded " + y.UpdatedAt.In(calendar.CST).Format("2006-01-02 15:04")
	}
	return "built in"
}

// warnCalendar says on standard error which years want attention.
func (c *cli) warnCalendar(d *deadline.Service) {
	for _, g := range d.Calendar().Gaps(d.Now()) {
		if g.Provisional {
			fmt.Fprintf(c.stderr, "warning: %d is provisional: check it against the State Council's notice, then 'zhitong calendar confirm --year %d'\n", g.Year, g.Year)
		} else {
			fmt.Fprintf(c.stderr, "warning: the calendar has no %d: deadlines in it count Monday to Friday alone; load it with 'zhitong calendar load FILE'\n", g.Year)
		}
	}
}

func runCalendarLoad(ctx context.Context, c *cli, args []string) error {
	const cmd = "calendar load"
	fs := flags(cmd)
	dsn := c.dbFlag(fs)
	provisional := fs.Bool("provisional", false, "keep the year marked as not yet checked against the notice")
	note := fs.String("note", "", "why: the notice's number, what was corrected")
	file := fs.String("file", "", "the schedule, as 'calendar export' prints it (required)")
	if err := c.parse(cmd, fs, args); err != nil {
		return err
	}
	if err := required(cmd, fs, "file"); err != nil {
		return err
	}
	data, err := os.ReadFile(*file)
	if err != nil {
		return usagef(cmd, "%v", err)
	}
	y, err := calendar.ParseYear(data)
	if err != nil {
		return err
	}
	for _, w := range y.Warnings() {
		fmt.Fprintf(c.stderr, "warning: %s\n", c.message(w))
	}
	a, _, err := c.openQuiet(ctx, *dsn)
	if err != nil {
		return err
	}
	defer a.Close()
	info, err := a.deadlines.LoadYear(ctx, operator(), data, *provisional, *note)
	if err != nil {
		return err
	}
	fmt.Fprintf(c.stdout, "%d loaded (%s): %d days off, %d adjusted working days; open deadlines counted again\n",
		info.Year, yearStatus(info), info.OffDays, info.WorkDays)
	return nil
}

func runCalendarConfirm(ctx context.Context, c *cli, args []string) error {
	const cmd = "calendar confirm"
	fs := flags(cmd)
	dsn := c.dbFlag(fs)
	year := fs.Int("year", 0, "the year (required)")
	note := fs.String("note", "", "the notice it was checked against")
	if err := c.parse(cmd, fs, args); err != nil {
		return err
	}
	if err := required(cmd, fs, "year"); err != nil {
		return err
	}
	a, _, err := c.openQuiet(ctx, *dsn)
	if err != nil {
		return err
	}
	defer a.Close()
	if _, err := a.deadlines.ConfirmYear(ctx, operator(), *year, *note); err != nil {
		return err
	}
	fmt.Fprintf(c.stdout, "%d confirmed\n", *year)
	return nil
}

func runCalendarExport(ctx context.Context, c *cli, args []string) error {
	const cmd = "calendar export"
	fs := flags(cmd)
	dsn := c.dbFlag(fs)
	year := fs.Int("year", 0, "the year (required)")
	if err := c.parse(cmd, fs, args); err != nil {
		return err
	}
	if err := required(cmd, fs, "year"); err != nil {
		return err
	}
	a, _, err := c.openQuiet(ctx, *dsn)
	if err != nil {
		return err
	}
	defer a.Close()
	for _, y := range a.deadlines.Calendar().Loaded() {
		if y.Year == *year {
			_, err := c.stdout.Write(y.JSON())
			return err
		}
	}
	return usagef(cmd, "the calendar has no year %d", *year)
}

func runDeadlinePolicy(ctx context.Context, c *cli, args []string) error {
	const cmd = "deadline policy"
	fs := flags(cmd)
	dsn := c.dbFlag(fs)
	accept := fs.Int("accept", 0, "working days to accept a task")
	consult := fs.Int("consult", 0, "working days to answer a consultation")
	other := fs.Int("other", 0, "working days to answer any other appeal")
	cats := fs.String("category", "", "ID=DAYS,... categories with their own time (0: by type)")
	if err := c.parse(cmd, fs, args); err != nil {
		return err
	}
	a, _, err := c.openQuiet(ctx, *dsn)
	if err != nil {
		return err
	}
	defer a.Close()
	p := a.deadlines.Policy()
	if *accept != 0 || *consult != 0 || *other != 0 || *cats != "" {
		for _, f := range []struct{ set, to *int }{{accept, &p.AcceptDays}, {consult, &p.ConsultDays}, {other, &p.OtherDays}} {
			if *f.set != 0 {
				*f.to = *f.set
			}
		}
		p.Categories = maps.Clone(p.Categories)
		if p.Categories == nil {
			p.Categories = map[int64]int{}
		}
		for _, part := range strings.Split(*cats, ",") {
			if part == "" {
				continue
			}
			id, days, ok := strings.Cut(part, "=")
			n, err1 := strconv.Atoi(days)
			cid, err2 := strconv.ParseInt(id, 10, 64)
			if !ok || err1 != nil || err2 != nil {
				return usagef(cmd, "--category: %q is not ID=DAYS", part)
			}
			p.Categories[cid] = n
		}
		if p, err = a.deadlines.SetPolicy(ctx, operator(), p); err != nil {
			return err
		}
	}
	fmt.Fprintf(c.stdout, "accept within %d working days; answer a consultation within %d, any other appeal within %d\n",
		p.AcceptDays, p.ConsultDays, p.OtherDays)
	for id, n := range p.Categories {
		fmt.Fprintf(c.stdout, "category %d: answer within %d working days\n", id, n)
	}
	return nil
}
