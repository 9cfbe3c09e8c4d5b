package web

import (
	"net/http"
	"net/url"
	"strings"

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
}

func (s *Server) taskList(q *req) error {
	form := listQuery(q.r)
	d := taskListData{Form: form, States: appeal.TaskStates, Dues: appeal.Dues}
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
		ids := make([]int64, len(d.Page.Items))
		for i, t := range d.Page.Items {
			ids[i] = t.UnitID
		}
		if err := q.lookUnits(ids...); err != nil {
			return err
		}
	}
	return q.render(status, "tasks", q.lang.T("menu.tasks"), d)
}
