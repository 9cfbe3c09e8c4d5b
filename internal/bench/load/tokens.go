package load

import (
	"bytes"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
)

// Tokens is the file bench load writes for bench run: the busiest district,
// its busiest handling unit, the province, and a full API token of an
// officer for each role the benchmark acts as. intake, federation, office
// and leader are officers of the district; handler belongs to the unit;
// province is a leader of the province, who sees every district.
//
//	{"district_id": 9, "unit_id": 31, "province_unit_id": 1,
//	 "tokens": {"intake": "zt_…", "federation": "zt_…", "office": "zt_…",
//	            "handler": "zt_…", "leader": "zt_…", "province": "zt_…", "auditor": "zt_…"}}
type Tokens struct {
	DistrictID     int64    `json:"district_id"`
	UnitID         int64    `json:"unit_id"`
	ProvinceUnitID int64    `json:"province_unit_id"`
	Tokens         TokenSet `json:"tokens"`
}

// TokenSet holds the secrets of the tokens, by the role they act in.
type TokenSet struct {
	Intake     string `json:"intake"`
	Federation string `json:"federation"`
	Office     string `json:"office"`
	Handler    string `json:"handler"`
	Leader     string `json:"leader"`
	Province   string `json:"province"`
	Auditor    string `json:"auditor"`
}

// TokensFile is the tokens file's name when none is given: it goes next to
// a SQLite database, or in the working directory for PostgreSQL.
const TokensFile = "bench-tokens.json"

// ReadTokens reads a tokens file written by bench load.
func ReadTokens(path string) (*Tokens, error) {
	b, err := os.ReadFile(path)
	if err != nil {
		return nil, fmt.Errorf("bench tokens: %w", err)
	}
	dec := json.NewDecoder(bytes.NewReader(b))
	dec.DisallowUnknownFields()
	var t Tokens
	if err := dec.Decode(&t); err != nil {
		return nil, fmt.Errorf("bench tokens %s: %w", path, err)
	}
	s := t.Tokens
	for _, v := range []string{s.Intake, s.Federation, s.Office, s.Handler, s.Leader, s.Province, s.Auditor} {
		if v == "" {
			return nil, fmt.Errorf("bench tokens %s: a token is missing", path)
		}
	}
	if t.DistrictID <= 0 || t.UnitID <= 0 || t.ProvinceUnitID <= 0 {
		return nil, fmt.Errorf("bench tokens %s: an id is missing", path)
	}
	return &t, nil
}

// WriteTokens writes t to path, mode 0600 (the file holds secrets),
// replacing any file there: to a temporary file first, renamed over it.
func WriteTokens(path string, t *Tokens) error {
	b, err := json.MarshalIndent(t, "", "  ")
	if err != nil {
		return err
	}
	dir := filepath.Dir(path)
	f, err := os.CreateTemp(dir, ".bench-tokens-*")
	if err != nil {
		return fmt.Errorf("bench tokens: %w", err)
	}
	defer os.Remove(f.Name())
	if _, err = f.Write(append(b, '\n')); err == nil {
		err = f.Chmod(0o600)
	}
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	if err == nil {
		err = os.Rename(f.Name(), path)
	}
	if err != nil {
		return fmt.Errorf("bench tokens: %w", err)
	}
	return nil
}
