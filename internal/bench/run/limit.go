package run

import (
	"context"
	"errors"
	"math/rand/v2"
	"os"
	"path/filepath"
	"strconv"
	"sync"
	"time"

	"zhitong/internal/account"
	"zhitong/internal/appeal"
	"zhitong/internal/fault"
	"zhitong/internal/sqlstore"
	"zhitong/internal/unit"
)

// The limit is what the engine itself can take: the intake's appeals
// written straight into the database, with no HTTP, through the same domain
// service and store transaction as the API (appeal.Service.CreateOnce under
// an idempotency key, as POST /api/v1/appeals with its Idempotency-Key), so
// with the same durability: the appeal, its event, its audit entry, its
// search terms and its key in one committed transaction.

// limitPlace is where the limit registers its appeals, as whom.
type limitPlace struct {
	actor       *account.Actor
	district    int64
	territories []int64
	categories  []int64
}

// measureLimit writes appeals into db with clients goroutines for d.
func measureLimit(ctx context.Context, db *sqlstore.DB, p *limitPlace, clients int, d time.Duration) (*recorder, time.Duration) {
	svc := &appeal.Service{Store: db, Units: db, Enterprises: db, Deadlines: appeal.CalendarDays{}, Now: time.Now}
	run := strconv.FormatInt(time.Now().UnixNano(), 36)
	recs := make([]*recorder, clients)
	start := time.Now()
	end := start.Add(d)
	var wg sync.WaitGroup
	for i := range clients {
		recs[i] = newRecorder()
		rng := rand.New(rand.NewPCG(uint64(start.UnixNano()), uint64(i)))
		wg.Go(func() {
			for n := 0; time.Now().Before(end) && ctx.Err() == nil; n++ {
				dr := newDraft(rng, p.territories, p.categories)
				key := "limit-" + run + "-" + strconv.Itoa(i) + "-" + strconv.Itoa(n)
				t := time.Now()
				_, err := svc.CreateOnce(ctx, p.actor, key, dr.intake(p.district))
				if err != nil {
					recs[i].failure(limitFailure(err), err.Error())
					continue
				}
				recs[i].success(time.Since(t))
			}
		})
	}
	wg.Wait()
	elapsed := time.Since(start)
	total := newRecorder()
	for _, r := range recs {
		total.merge(r)
	}
	return total, elapsed
}

// limitFailure names the kind of a failed write: its kind and message key.
func limitFailure(err error) string {
	kind := "appeal.Service.CreateOnce: " + fault.KindOf(err).String()
	var fe *fault.Error
	if errors.As(err, &fe) {
		kind += " " + fe.Key
	}
	return kind
}

// placeOf finds the intake seat of the tokens file in db, as the API
// would: its actor is the token's.
func placeOf(ctx context.Context, db *sqlstore.DB, tok *Tokens, fx *fixture) (*limitPlace, error) {
	accounts := &account.Service{Store: db, Units: db, Now: time.Now}
	actor, err := accounts.Authenticate(ctx, seatToken(tok, SeatIntake))
	if err != nil {
		return nil, err
	}
	return &limitPlace{actor: actor, district: tok.DistrictID, territories: fx.territories, categories: fx.categories}, nil
}

// freshDatabase makes a migrated SQLite database in a new temporary
// directory, with a district, a township, a category and an intake seat,
// for a limit measured apart from the server's database. remove deletes it.
func freshDatabase(ctx context.Context) (db *sqlstore.DB, p *limitPlace, dsn string, remove func(), err error) {
	dir, err := os.MkdirTemp("", "zhitong-bench-limit-")
	if err != nil {
		return nil, nil, "", nil, err
	}
	dsn = filepath.Join(dir, "limit.db")
	remove = func() { os.RemoveAll(dir) }
	if db, err = sqlstore.Open(ctx, dsn); err == nil {
		if _, err = db.Migrate(ctx); err == nil {
			p, err = seedPlace(ctx, db)
		}
		if err != nil {
			db.Close()
		}
	}
	if err != nil {
		remove()
		return nil, nil, "", nil, err
	}
	return db, p, dsn, remove, nil
}

// seedPlace writes the least a limit needs into an empty database.
func seedPlace(ctx context.Context, db *sqlstore.DB) (*limitPlace, error) {
	var parent int64
	var units []*unit.Unit
	for _, u := range []*unit.Unit{
		{Name: "湖南省", Code: "430000", Level: unit.Province, Kind: unit.Region},
		{Name: "娄底市", Code: "431300", Level: unit.City, Kind: unit.Region},
		{Name: "娄星区", Code: "431302", Level: unit.District, Kind: unit.Region},
		{Name: "乐坪街道", Code: "431302001", Level: unit.Township, Kind: unit.TownshipK},
	} {
		u.ParentID, u.Assessed, u.Active = parent, true, true
		if u.Level == unit.Township {
			u.ParentID = units[2].ID
		}
		if err := db.CreateUnit(ctx, u); err != nil {
			return nil, err
		}
		parent = u.ID
		units = append(units, u)
	}
	cat := &appeal.Category{Code: "other", Name: "其他", Active: true}
	if err := db.CreateCategory(ctx, cat); err != nil {
		return nil, err
	}
	user := &account.User{Username: "bench_intake", Name: "基准受理员", UnitID: units[2].ID,
		Roles: []account.Role{account.Intake}, Active: true, CreatedAt: time.Now()}
	if err := db.CreateUser(ctx, user); err != nil {
		return nil, err
	}
	accounts := &account.Service{Store: db, Units: db, Now: time.Now}
	actor, err := accounts.ActorFor(ctx, user, account.ScopeFull)
	if err != nil {
		return nil, err
	}
	return &limitPlace{actor: actor, district: units[2].ID, territories: []int64{units[3].ID}, categories: []int64{cat.ID}}, nil
}
