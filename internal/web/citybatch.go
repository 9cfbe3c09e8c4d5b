package web

import (
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"time"

	"zhitong/internal/api"
	"zhitong/internal/appeal"
	"zhitong/internal/cityimport"
	"zhitong/internal/fault"
	"zhitong/internal/unit"
)

// The city's batch page (市交办批量导入): the office of a district, or the
// city office above it, uploads the workbook of appeals the city assigns
// down, checks it (预检) and imports it — every row or none — and exports
// the results back to the city in the same layout.

// cityBatchData is what the page shows.
type cityBatchData struct {
	Districts []unit.Unit // to choose from; one: no choice to make
	District  int64       // the district chosen
	Checked   bool        // the page answers a dry run or a refused import
	DryRun    bool
	Lines     int
	Ready     int
	Problems  []cityBatchProblem
	Imported  int    // after an import: how many appeals it registered
	Error     string // what is wrong with the file or the form
	From, To  string // the export's days, YYYY-MM-DD
}

// cityBatchProblem is one line of the problems table.
type cityBatchProblem struct {
	Line    int
	Column  string
	Message string
}

// cityBatches is the service of the city's batches; a server without one
// refuses them to everyone.
func (s *Server) cityBatches() (*cityimport.Service, error) {
	if s.cfg.CityBatches == nil {
		return nil, fault.E(fault.Forbidden, "forbidden")
	}
	return s.cfg.CityBatches, nil
}

func (s *Server) cityBatchPage(q *req) error {
	d := &cityBatchData{}
	if n, err := strconv.Atoi(q.r.URL.Query().Get("n")); err == nil && n > 0 && q.r.URL.Query().Get("done") == "citybatch" {
		d.Imported = n
	}
	d.District, _ = strconv.ParseInt(q.r.URL.Query().Get("district_id"), 10, 64)
	return s.renderCityBatch(q, http.StatusOK, d)
}

// renderCityBatch renders the page with d, filling in the districts and
// the export's default days (this month to today).
func (s *Server) renderCityBatch(q *req, status int, d *cityBatchData) error {
	svc, err := s.cityBatches()
	if err != nil {
		return err
	}
	if d.Districts, err = svc.Districts(q.ctx(), q.actor); err != nil {
		return err
	}
	if d.District == 0 && len(d.Districts) == 1 {
		d.District = d.Districts[0].ID
	}
	today := s.cfg.Appeals.Now().In(appeal.CST)
	if d.From == "" {
		d.From = time.Date(today.Year(), today.Month(), 1, 0, 0, 0, 0, appeal.CST).Format(time.DateOnly)
	}
	if d.To == "" {
		d.To = today.Format(time.DateOnly)
	}
	return q.render(status, "citybatch", q.lang.T("menu.citybatch"), d)
}

// cityBatchImport takes the workbook uploaded with the form and checks it
// (预检, the default) or imports it (导入).
func (s *Server) cityBatchImport(q *req) error {
	svc, err := s.cityBatches()
	if err != nil {
		return err
	}
	if err := cityimport.May(q.actor); err != nil {
		return err
	}
	data, err := q.uploaded(cityimport.MaxFile, fault.Field("file", "cityimport.file"),
		fault.E(fault.TooLarge, "cityimport.too_big", cityimport.MaxFile>>20))
	d := &cityBatchData{DryRun: q.r.FormValue("act") != "import"} // 预检 unless 导入 was pressed
	if err == nil {
		if d.District, err = formID(q.r.MultipartForm.Value, "district_id"); err == nil {
			var res *cityimport.Result
			res, err = svc.Import(q.ctx(), q.actor, d.District, data, d.DryRun)
			if res != nil {
				d.fill(q, res)
			}
			if err == nil && !d.DryRun {
				return q.redirect("/appeals/city-batch?done=citybatch&n=" + strconv.Itoa(len(res.Imported)) +
					"&district_id=" + strconv.FormatInt(res.District, 10))
			}
		}
	}
	if err == nil {
		return s.renderCityBatch(q, http.StatusOK, d)
	}
	msg, ok := q.shown(err)
	if !ok || fault.Is(err, fault.Forbidden) {
		return err
	}
	d.Error = msg
	return s.renderCityBatch(q, statusOf(err), d)
}

// fill shows what an import or its dry run found.
func (d *cityBatchData) fill(q *req, res *cityimport.Result) {
	d.Checked, d.District, d.Lines, d.Ready = true, res.District, res.Lines, res.Ready
	for _, p := range res.Problems {
		d.Problems = append(d.Problems, cityBatchProblem{Line: p.Line, Column: p.Column, Message: p.Message(string(q.lang))})
	}
}

// cityBatchTemplate sends the empty workbook the city fills in.
func (s *Server) cityBatchTemplate(q *req) error {
	svc, err := s.cityBatches()
	if err != nil {
		return err
	}
	data, err := svc.Template(q.actor)
	if err != nil {
		return err
	}
	return api.SendWorkbook(q.w, "市交办诉求导入模板.xlsx", data)
}

// cityBatchExport sends the results of the city-assigned appeals registered
// from..to, in the city's layout.
func (s *Server) cityBatchExport(q *req) error {
	svc, err := s.cityBatches()
	if err != nil {
		return err
	}
	v := q.r.URL.Query()
	from, err := formDay(v, "from")
	if err != nil {
		return err
	}
	to, err := formDay(v, "to")
	if err != nil {
		return err
	}
	district, err := formID(v, "district_id")
	if err != nil {
		return err
	}
	data, _, err := svc.Export(q.ctx(), q.actor, district, from, to)
	if err != nil {
		return err
	}
	return api.SendWorkbook(q.w, "市交办诉求办理结果-"+v.Get("from")+"-"+v.Get("to")+".xlsx", data)
}

// formDay reads an optional day YYYY-MM-DD of a form as the midnight that
// begins it (China Standard Time); zero when blank.
func formDay(v url.Values, name string) (time.Time, error) {
	s := strings.TrimSpace(v.Get(name))
	if s == "" {
		return time.Time{}, nil
	}
	t, err := time.ParseInLocation(time.DateOnly, s, appeal.CST)
	if err != nil {
		return time.Time{}, fault.Field(name, "bad_date", name)
	}
	return t, nil
}
