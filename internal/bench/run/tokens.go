package run

import (
	"zhitong/internal/bench/load"
	"zhitong/internal/fault"
)

// Tokens is the file 'zhitong bench load' writes beside the database it
// fills: the district and handling unit the benchmark works on and an API
// token for each seat that works there.
type Tokens = load.Tokens

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
	t, err := load.ReadTokens(path)
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
