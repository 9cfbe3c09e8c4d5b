package web

import (
	"net/http"
	"strconv"

	"zhitong/internal/fault"
	"zhitong/internal/registry"
	"zhitong/internal/registryimport"
	"zhitong/internal/unit"
)

// The registry's import page (市场主体名录导入): the federation or the office
// of a district uploads the registry file (.csv or .xlsx), checks it (预检)
// and imports it — every row or none.

type registryData struct {
	Districts []unit.Unit // to choose from; one: no choice to make
	District  int64
	Checked   bool // the page answers a dry run or a refused import
	DryRun    bool
	Lines     int
	Ready     int
	Created   int
	Updated   int
	Problems  []cityBatchProblem
	Done      bool // after an import
	Error     string
}

func (s *Server) registryPage(q *req) error {
	d := &registryData{}
	v := q.r.URL.Query()
	if v.Get("done") == "registry" {
		d.Done = true
		d.Created, _ = strconv.Atoi(v.Get("created"))
		d.Updated, _ = strconv.Atoi(v.Get("updated"))
	}
	d.District, _ = strconv.ParseInt(v.Get("district_id"), 10, 64)
	return s.renderRegistry(q, http.StatusOK, d)
}

func (s *Server) renderRegistry(q *req, status int, d *registryData) error {
	if s.cfg.Registries == nil {
		return fault.E(fault.Forbidden, "forbidden")
	}
	if err := registryimport.May(q.actor); err != nil {
		return err
	}
	for _, id := range q.actor.Districts {
		if u, err := s.cfg.Units.Get(q.ctx(), q.actor, id); err == nil && u.Level == unit.District && u.Active {
			d.Districts = append(d.Districts, *u)
		}
	}
	if d.District == 0 && len(d.Districts) == 1 {
		d.District = d.Districts[0].ID
	}
	return q.render(status, "registry", q.lang.T("menu.registry"), d)
}

// registryImport takes the file uploaded with the form and checks it (the
// default) or imports it.
func (s *Server) registryImport(q *req) error {
	if s.cfg.Registries == nil {
		return fault.E(fault.Forbidden, "forbidden")
	}
	if err := registryimport.May(q.actor); err != nil {
		return err
	}
	data, err := q.uploaded(registry.MaxFileSize, fault.Field("file", "registry.file"),
		fault.E(fault.TooLarge, "registry.too_big_file", registry.MaxFileSize>>20))
	d := &registryData{DryRun: q.r.FormValue("act") != "import"}
	if err == nil {
		if d.District, err = formID(q.r.MultipartForm.Value, "district_id"); err == nil {
			name := ""
			if fs := q.r.MultipartForm.File["file"]; len(fs) > 0 {
				name = fs[0].Filename
			}
			var res *registryimport.Result
			res, err = s.cfg.Registries.Import(q.ctx(), q.actor, d.District, data, name, d.DryRun)
			if res != nil {
				d.Checked, d.District, d.Lines, d.Ready, d.Created, d.Updated = true, res.District, res.Lines, res.Ready, res.Created, res.Updated
				for _, p := range res.Problems {
					d.Problems = append(d.Problems, cityBatchProblem{Line: p.Line, Column: p.Column, Message: p.Message(string(q.lang))})
				}
			}
			if err == nil && !d.DryRun {
				return q.redirect("/registry/import?done=registry&created=" + strconv.Itoa(res.Created) + "&updated=" +
					strconv.Itoa(res.Updated) + "&district_id=" + strconv.FormatInt(res.District, 10))
			}
		}
	}
	if err == nil {
		return s.renderRegistry(q, http.StatusOK, d)
	}
	msg, ok := q.shown(err)
	if !ok || fault.Is(err, fault.Forbidden) {
		return err
	}
	d.Error = msg
	return s.renderRegistry(q, statusOf(err), d)
}
