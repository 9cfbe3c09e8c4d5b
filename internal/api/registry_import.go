package api

import (
	"net/http"
	"reflect"
	"strconv"
	"strings"

	"zhitong/internal/fault"
	"zhitong/internal/registry"
	"zhitong/internal/registryimport"
)

// The enterprise registry's import (市场主体名录): a district's file of market
// entities, .csv or .xlsx, written whole or not at all (registryimport).

// RegistryFile is the body of the registry's import: the file as it is,
// .csv (UTF-8 or GB18030) or .xlsx.
type RegistryFile []byte

// fileBody tells whether a route's body type is a file taken as it is
// (File, XLSX, RegistryFile), not JSON to decode.
func fileBody(t reflect.Type) bool {
	return t == typeOf[File]() || t == typeOf[XLSX]() || t == typeOf[RegistryFile]()
}

// RegistryResult is what an import of the registry, or its dry run, found
// and did.
type RegistryResult struct {
	DryRun     bool               `json:"dry_run" doc:"true: checked only, nothing written"`
	DistrictID int64              `json:"district_id"`
	Lines      int                `json:"lines" doc:"the data rows read, blank rows not counted"`
	Ready      int                `json:"ready" doc:"the rows without a problem"`
	Created    int                `json:"created" doc:"entities added (in a dry run: that would be)"`
	Updated    int                `json:"updated" doc:"entities registered already (by credit code) and updated; blank cells leave what is registered"`
	Problems   []CityBatchProblem `json:"problems" doc:"every problem of every row; a real import with any writes nothing"`
}

func (s *server) registryRoutes() []route {
	return []route{
		{method: "POST", pattern: "/api/v1/enterprises/import", name: "importRegistry", tag: "registry",
			summary: "Import a district's enterprise registry (市场主体名录, the federation, the office or the system administrator): the .csv or .xlsx as the body, " +
				"headed 统一社会信用代码, 企业名称, 行业, 所属镇街, 规模, 地址, 联系人, 联系电话, 标签; every entity added, or updated when its credit code is registered, " +
				"all in one transaction, or — when any row has a problem — none, with every problem listed by line (400, in problems); ?dry_run=true checks only",
			access: Write, status: http.StatusOK, body: typeOf[RegistryFile](), response: typeOf[RegistryResult](),
			query: []param{idParam("district_id", "the district whose registry it is; may be left out by whoever has one district"),
				{name: "dry_run", doc: "true: check every row and write nothing", schema: map[string]any{"type": "boolean"}}},
			dryRun: true, handle: s.importRegistry},
	}
}

func (s *server) importRegistry(c *call) error {
	district, dry := c.q.id("district_id"), c.q.get("dry_run")
	if c.q.err != nil {
		return c.q.err
	}
	if s.cfg.Registries == nil {
		return fault.E(fault.Forbidden, "forbidden")
	}
	dryRun, err := strconv.ParseBool(dry)
	if dry == "" {
		dryRun, err = false, nil
	}
	if err != nil {
		return fault.Field("dry_run", "api.bad_param", "dry_run")
	}
	// Who may not import learns so before sending megabytes.
	if err := registryimport.May(c.actor); err != nil {
		return err
	}
	data, err := c.upload(registry.MaxFileSize, fault.E(fault.TooLarge, "registry.too_big_file", registry.MaxFileSize>>20))
	if err != nil {
		return err
	}
	name := "registry.csv" // the content decides; the name only words the refusal of what is neither
	if strings.HasPrefix(c.r.Header.Get("Content-Type"), xlsxType) {
		name = "registry.xlsx"
	}
	res, err := s.cfg.Registries.Import(c.ctx(), c.actor, district, data, name, dryRun)
	lang := language(c.r)
	if err != nil {
		if res == nil {
			return err
		}
		return c.refuseRows(err, registryProblems(res.Problems, lang))
	}
	return c.reply(http.StatusOK, RegistryResult{DryRun: res.DryRun, DistrictID: res.District, Lines: res.Lines, Ready: res.Ready,
		Created: res.Created, Updated: res.Updated, Problems: registryProblems(res.Problems, lang)})
}

// registryProblems renders the problems of a registry file in lang.
func registryProblems(ps []registry.Problem, lang string) []CityBatchProblem {
	out := make([]CityBatchProblem, len(ps))
	for i, p := range ps {
		out[i] = CityBatchProblem{Line: p.Line, Column: p.Column, Message: p.Message(lang)}
	}
	return out
}
