package run

import (
	"encoding/json"
	"errors"
	"os"

	"zhitong/internal/fault"
)

// Tokens is the file 'zhitong bench load' writes beside the database it
// fills: the district and handling unit the benchmark works on and an API
// token for each seat that works there.
// TODO: load.Tokens, once internal/bench/load builds.
type Tokens struct {
	DistrictID     int64 `json:"district_id"`
	UnitID         int64 `json:"unit_id"`
	ProvinceUnitID int64 `json:"province_unit_id"`
	Tokens         struct {
		Intake, Federation, Office, Handler, Leader, Province, Auditor string
	} `json:"tokens"`
}

// The seats of the tokens file: intake, federation, office and leader of the
// district; the handler of the unit; a province-level leader who sees every
// district; and the audit administrator.
const (
	SeatIntake     = "intake"
	SeatFederation = "federation"
	SeatOffice     = "office"
	SeatHandler    = "handler"
	SeatLeader     = "leader"
	SeatProvince   = "province"
	SeatAuditor    = "auditor"
)

// Seats lists the seats.
var Seats = []string{SeatIntake, SeatFederation, SeatOffice, SeatHandler, SeatLeader, SeatProvince, SeatAuditor}

// ReadTokens reads and checks the tokens file at path.
func ReadTokens(path string) (*Tokens, error) {
	t, err := readTokens(path)
	if err != nil {
		return nil, &fault.Error{Kind: fault.Invalid, Key: "benchrun.tokens", Args: []any{path}, Err: err}
	}
	return t, nil
}

// seatToken returns the token of seat in t.
func seatToken(t *Tokens, seat string) string {
	s := &t.Tokens
	return map[string]string{SeatIntake: s.Intake, SeatFederation: s.Federation, SeatOffice: s.Office,
		SeatHandler: s.Handler, SeatLeader: s.Leader, SeatProvince: s.Province, SeatAuditor: s.Auditor}[seat]
}

func readTokens(path string) (*Tokens, error) {
	b, err := os.ReadFile(path)
	if err != nil {
		return nil, err
	}
	var t Tokens
	if err := json.Unmarshal(b, &t); err != nil {
		return nil, err
	}
	for _, s := range Seats {
		if seatToken(&t, s) == "" {
			return nil, errors.New("the token of " + s + " is missing")
		}
	}
	if t.DistrictID <= 0 || t.UnitID <= 0 || t.ProvinceUnitID <= 0 {
		return nil, errors.New("an id is missing")
	}
	return &t, nil
}
