package api

import (
	"errors"
	"io"
	"mime"
	"net/http"
	"strconv"
	"time"

	"zhitong/internal/appeal"
	"zhitong/internal/citybatch"
	"zhitong/internal/cityimport"
	"zhitong/internal/fault"
)

// The city's batches (市交办批量导入): the workbook of appeals the city
// assigns down to a district, imported whole or not at all, and the results
// exported back to the city in the same layout (package cityimport).

// XLSX is the body of a route that takes or answers an Excel workbook
// (.xlsx) as it is, rather than JSON.
type XLSX []byte

// xlsxType is the media type of an .xlsx workbook.
const xlsxType = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"

// CityBatchProblem is one bad cell of a workbook, or one bad row.
type CityBatchProblem struct {
	Line    int    `json:"line" doc:"the row's number in the sheet, as Excel shows it (the heading is row 1)"`
	Column  string `json:"column" doc:"the heading of the column at fault, such as 联系电话; empty for the row as a whole"`
	Message string `json:"message" doc:"the reason, in the request's language"`
}

// CityBatchAppeal is an appeal a batch registered.
type CityBatchAppeal struct {
	Line       int    `json:"line" doc:"the row it came from"`
	ID         int64  `json:"id"`
	Number     string `json:"number" doc:"the district's case number"`
	ExternalNo string `json:"external_no" doc:"the city's case number (市工单编号)"`
	DueAt      Time   `json:"due_at" doc:"the city's deadline, which the appeal keeps"`
}

// CityBatchResult is what an import of a batch, or its dry run, found and did.
type CityBatchResult struct {
	DryRun     bool               `json:"dry_run" doc:"true: checked only, nothing written"`
	DistrictID int64              `json:"district_id"`
	Lines      int                `json:"lines" doc:"the data rows read, blank rows not counted"`
	Ready      int                `json:"ready" doc:"the rows without a problem"`
	Imported   int                `json:"imported" doc:"the appeals registered; 0 in a dry run"`
	Appeals    []CityBatchAppeal  `json:"appeals" doc:"the appeals registered, in file order, each at 待交办 (unassigned)"`
	Problems   []CityBatchProblem `json:"problems" doc:"every problem of every row; a real import with any registers nothing"`
}

var cityBatchDistrict = idParam("district_id", "the district it concerns; may be left out by whoever has one district")

func (s *server) cityBatchRoutes() []route {
	return []route{
		{method: "POST", pattern: "/api/v1/city-batches", name: "importCityBatch", tag: "appeals",
			summary: "Import the city's batch of appeals assigned down (市交办批量导入, the office or the city office): the .xlsx as the body; " +
				"every row registered at 待交办 keeping the city's number and deadline, all in one transaction, or — when any row has a problem — none, " +
				"with every problem listed (400, in problems); ?dry_run=true checks only",
			access: Write, status: http.StatusCreated, body: typeOf[XLSX](), response: typeOf[CityBatchResult](),
			query: []param{cityBatchDistrict, {name: "dry_run", doc: "true: check every row and write nothing (answers 200)",
				schema: map[string]any{"type": "boolean"}}},
			dryRun: true, handle: s.importCityBatch},
		{method: "GET", pattern: "/api/v1/city-batches/export", name: "exportCityBatch", tag: "appeals",
			summary: "The city-assigned appeals of a district registered from..to (inclusive days, China Standard Time), as the city's workbook with the district's result of each (办理状态, 办理结果, 答复内容, 办结时间, 满意度评价)",
			access:  Read, status: http.StatusOK, response: typeOf[XLSX](),
			query:  []param{requiredParam(dateParam("from", "the first day, inclusive")), requiredParam(dateParam("to", "the last day, inclusive")), cityBatchDistrict},
			handle: s.exportCityBatch},
		{method: "GET", pattern: "/api/v1/city-batches/template", name: "cityBatchTemplate", tag: "appeals",
			summary: "The empty workbook the city fills in: the columns, a drop-down for 诉求类型 and 紧急程度, and a sheet explaining each column",
			access:  Read, status: http.StatusOK, response: typeOf[XLSX](), handle: s.cityBatchTemplate},
	}
}

// cityBatches is the service of the city's batches; a server without one
// refuses them to everyone.
func (s *server) cityBatches() (*cityimport.Service, error) {
	if s.cfg.CityBatches == nil {
		return nil, fault.E(fault.Forbidden, "forbidden")
	}
	return s.cfg.CityBatches, nil
}

func (s *server) importCityBatch(c *call) error {
	district, dry := c.q.id("district_id"), c.q.get("dry_run")
	if c.q.err != nil {
		return c.q.err
	}
	svc, err := s.cityBatches()
	if err != nil {
		return err
	}
	dryRun, err := strconv.ParseBool(dry)
	if dry == "" {
		dryRun, err = false, nil
	}
	if err != nil {
		return fault.Field("dry_run", "api.bad_param", "dry_run")
	}
	// Who may not import learns so before sending megabytes.
	if err := cityimport.May(c.actor); err != nil {
		return err
	}
	data, err := c.upload(cityimport.MaxFile, fault.E(fault.TooLarge, "cityimport.too_big", cityimport.MaxFile>>20))
	if err != nil {
		return err
	}
	res, err := svc.Import(c.ctx(), c.actor, district, data, dryRun)
	lang := language(c.r)
	if err != nil {
		if res == nil {
			return err
		}
		return c.refuseRows(err, cityBatchProblems(res.Problems, lang))
	}
	out := CityBatchResult{DryRun: res.DryRun, DistrictID: res.District, Lines: res.Lines, Ready: res.Ready,
		Imported: len(res.Imported), Appeals: make([]CityBatchAppeal, len(res.Imported)),
		Problems: cityBatchProblems(res.Problems, lang)}
	for i, im := range res.Imported {
		a := &im.Appeal
		out.Appeals[i] = CityBatchAppeal{Line: im.Line, ID: a.ID, Number: a.Number(), ExternalNo: a.ExternalNo, DueAt: at(a.DueAt)}
	}
	if dryRun {
		return c.reply(http.StatusOK, out)
	}
	c.w.Header().Set("Location", "/api/v1/appeals?channel="+string(appeal.CityAssigned)+"&district_id="+strconv.FormatInt(res.District, 10))
	return c.reply(http.StatusCreated, out)
}

// upload reads the request's body, a file of at most max bytes; a larger
// one is refused with tooBig before or while it is read.
func (c *call) upload(max int64, tooBig error) ([]byte, error) {
	if c.r.ContentLength > max {
		return nil, tooBig
	}
	data, err := io.ReadAll(http.MaxBytesReader(c.w, c.r.Body, max))
	var over *http.MaxBytesError
	if errors.As(err, &over) {
		return nil, tooBig
	} else if err != nil {
		return nil, fault.E(fault.Invalid, "api.body_read")
	}
	return data, nil
}

// refuseRows answers err; when it refuses a file for its rows (Invalid),
// with every problem of them.
func (c *call) refuseRows(err error, problems []CityBatchProblem) error {
	var fe *fault.Error
	if !errors.As(err, &fe) || fe.Kind != fault.Invalid {
		return err
	}
	writeJSON(c.w, http.StatusBadRequest, Error{Code: fe.Kind.String(), Reason: fe.Key, Message: fe.Message(language(c.r)),
		RequestID: requestID(c.ctx()), Problems: problems})
	return nil
}

// cityBatchProblems renders the problems of a batch in lang.
func cityBatchProblems(ps []citybatch.Problem, lang string) []CityBatchProblem {
	out := make([]CityBatchProblem, len(ps))
	for i, p := range ps {
		out[i] = CityBatchProblem{Line: p.Line, Column: p.Column, Message: p.Message(lang)}
	}
	return out
}

func (s *server) exportCityBatch(c *call) error {
	from, to, district := c.q.day("from"), c.q.day("to"), c.q.id("district_id")
	if c.q.err != nil {
		return c.q.err
	}
	svc, err := s.cityBatches()
	if err != nil {
		return err
	}
	data, _, err := svc.Export(c.ctx(), c.actor, district, from, to)
	if err != nil {
		return err
	}
	return SendWorkbook(c.w, "市交办诉求办理结果-"+dayName(from)+"-"+dayName(to)+".xlsx", data)
}

func (s *server) cityBatchTemplate(c *call) error {
	svc, err := s.cityBatches()
	if err != nil {
		return err
	}
	data, err := svc.Template(c.actor)
	if err != nil {
		return err
	}
	return SendWorkbook(c.w, "市交办诉求导入模板.xlsx", data)
}

// SendWorkbook writes an .xlsx workbook as a download named name. The
// pages send workbooks through it too.
func SendWorkbook(w http.ResponseWriter, name string, data []byte) error {
	h := w.Header()
	h.Set("Content-Type", xlsxType)
	h.Set("Content-Disposition", mime.FormatMediaType("attachment", map[string]string{"filename": name}))
	h.Set("Content-Length", strconv.Itoa(len(data)))
	h.Set("Cache-Control", "no-store")
	h.Set("X-Content-Type-Options", "nosniff")
	w.WriteHeader(http.StatusOK)
	_, err := w.Write(data)
	return err
}

// dayName is the date of t for a file's name.
func dayName(t time.Time) string { return t.In(appeal.CST).Format("20060102") }
