package web

import (
	"net/http"
	"net/url"
	"strings"
	"time"

	"zhitong/internal/api"
	"zhitong/internal/appeal"
)

// The lists: appeals with the API's filters, and a unit's or an office's
// tasks. Both page by cursor, so that the thousandth page costs what the
// first does, and count up to appeal.CountCap ("共 10,000+ 条").

type listData struct {
	Form       url.Values
	Page       appeal.Page
	Pager      pager
	Error      string
	States     []appeal.State
	Channels   []appeal.Channel
	Types      []appeal.Type
	Routes     []appeal.Route
	Categories []appeal.Category
	Export     string
	Sort       string // asc or desc, by registration
	SortHref   string // the same list in the other order
}

// listQuery is the query of a list page as the API reads it: several
// status boxes ticked become one comma-separated list.
func listQuery(r *http.Request) url.Values {
	v := url.Values{}
	for k, vs := range r.URL.Query() {
		var keep []string
		for _, x := range vs {
			if x = strings.TrimSpace(x); x != "" {
				keep = append(keep, x)
			}
		}
		if len(keep) == 0 {
			continue
		}
		if k == "status" {
			keep = []string{strings.Join(keep, ",")}
		}
		v[k] = keep
	}
	return v
}

func (s *Server) appealList(q *req) error {
	form := listQuery(q.r)
	d := listData{Form: form, States: appeal.States, Channels: appeal.Channels, Types: appeal.Types, Routes: appeal.Routes}
	cats, err := s.cfg.Appeals.Categories(q.ctx(), q.actor)
	if err != nil {
		return err
	}
	d.Categories = cats
	f, err := api.AppealFilter(form)
	status, err := q.filterError(err, &d.Error)
	if err != nil {
		return err
	}
	if d.Error == "" {
		if d.Page, err = s.cfg.Appeals.List(q.ctx(), q.actor, f); err != nil {
			return err
		}
		d.Pager = pageLinks(q, form, d.Page.Total, d.Page.TotalCapped, cursorOf(d.Page.Next, api.Cursor))
		d.Sort = "desc"
		flip := cloneValues(form)
		flip.Del("cursor")
		flip.Set("sort", "oldest")
		if f.Oldest {
			d.Sort = "asc"
			flip.Set("sort", "newest")
		}
		d.SortHref = "/appeals?" + flip.Encode()
		export := cloneValues(form)
		export.Del("cursor")
		d.Export = "/appeals/export.xlsx?" + export.Encode()
	}
	return q.render(status, "appeals", q.lang.T("menu.appeals"), d)
}

// pageLinks are the links of a list's pager: the first page, and the next
// one from the cursor the store gave.
func pageLinks(q *req, form url.Values, total int, capped bool, next string) pager {
	p := pager{Total: total, Capped: capped}
	if next != "" {
		v := cloneValues(form)
		v.Set("cursor", next)
		p.Next = q.r.URL.Path + "?" + v.Encode()
	}
	if form.Get("cursor") != "" {
		v := cloneValues(form)
		v.Del("cursor")
		p.First = q.r.URL.Path + "?" + v.Encode()
	}
	return p
}

func cloneValues(v url.Values) url.Values {
	out := url.Values{}
	for k, vs := range v {
		out[k] = append([]string(nil), vs...)
	}
	return out
}

// filterError turns a list's bad filter into the message the page shows
// above the search form, with its status; any other error is returned.
func (q *req) filterError(err error, msg *string) (int, error) {
	if m, ok := q.shown(err); ok {
		*msg = m
		return statusOf(err), nil
	}
	return http.StatusOK, err
}

func cursorOf(next int64, encode func(int64) string) string {
	if next == 0 {
		return ""
	}
	return encode(next)
}

type taskListData struct {
	Form   url.Values
	Page   appeal.TaskPage
	Pager  pager
	Error  string
	States []appeal.TaskState
	Dues   []appeal.Due
	// Caption says what a list opened from a figure of the reports shows;
	// Keep are the parameters the form carries along unseen (the unit, the
	// days and the figure), as the pager's links do.
	Caption string
	Keep    []string
}

// figureParams are the parameters of a worklist opened from a report's
// figure, which the page's form keeps.
var figureParams = []string{"unit_id", "from", "to", "figure"}

func (s *Server) taskList(q *req) error {
	form := listQuery(q.r)
	d := taskListData{Form: form, States: appeal.TaskStates, Dues: appeal.Dues}
	for _, k := range figureParams {
		if form.Get(k) != "" {
			d.Keep = append(d.Keep, k)
		}
	}
	f, err := api.TaskFilter(form)
	status, err := q.filterError(err, &d.Error)
	if err != nil {
		return err
	}
	if d.Error == "" {
		if d.Page, err = s.cfg.Appeals.Tasks(q.ctx(), q.actor, f); err != nil {
			return err
		}
		d.Pager = pageLinks(q, form, d.Page.Total, d.Page.TotalCapped, api.TaskCursor(f.ByDue, d.Page))
		ids := make([]int64, len(d.Page.Items), len(d.Page.Items)+1)
		for i, t := range d.Page.Items {
			ids[i] = t.UnitID
		}
		if err := q.lookUnits(append(ids, f.UnitID)...); err != nil {
			return err
		}
		d.Caption = figureCaption(q, &f, d.Page.Now)
	}
	return q.render(status, "tasks", q.lang.T("menu.tasks"), d)
}

// figureCaption says in words what a worklist of a report's cohort or
// figure shows: the unit, the days the appeals were registered, the figure
// and the moment it is judged at, such as "区住建局 · 2027-03-01 至
// 2027-03-31 受理的诉求 · 逾期 · 截至 2027-04-02 10:00"; "" for
// any other list.
func figureCaption(q *req, f *appeal.TaskFilter, now time.Time) string {
	if f.From.IsZero() && f.Figure == appeal.FigureNone {
		return ""
	}
	var parts []string
	if name, ok := q.names[f.UnitID]; ok {
		parts = append(parts, name)
	}
	if !f.From.IsZero() {
		last := f.To.AddDate(0, 0, -1) // To is the midnight after the last day
		parts = append(parts, q.lang.T("fig.period", f.From.In(appeal.CST).Format(time.DateOnly), last.In(appeal.CST).Format(time.DateOnly)))
	}
	if key, ok := figureTexts[f.Figure]; ok {
		parts = append(parts, q.lang.T(key))
	}
	parts = append(parts, q.lang.T("fig.asof", now.In(appeal.CST).Format("2006-01-02 15:04")))
	return strings.Join(parts, " · ")
}
