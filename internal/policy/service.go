package policy

import (
	"cmp"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"time"

	"zhitong/internal/account"
	"zhitong/internal/appeal"
	"zhitong/internal/enterprise"
	"zhitong/internal/fault"
	"zhitong/internal/unit"
)

// Store keeps policies, their targets and their files.
type Store interface {
	// Unit reads a unit: the issuer, a township tag.
	Unit(ctx context.Context, id int64) (*unit.Unit, error)
	// CreatePolicy writes p with its files, records as its targets the
	// entities of p's district its tags match, and writes the messages
	// that tell them, all in one transaction; it sets p.ID, p.Targets and
	// the files' ids.
	CreatePolicy(ctx context.Context, p *Policy, files []Stored) error
	// Policy reads policy id with its counts.
	Policy(ctx context.Context, id int64) (*Policy, error)
	// Policies lists the policies of districts, the newest first, those
	// below the id before (0: from the newest), up to limit.
	Policies(ctx context.Context, districts []int64, before int64, limit int) ([]Policy, error)
	// PolicyReach counts policy id's targets and reads by township.
	PolicyReach(ctx context.Context, id int64) ([]Township, error)
	// PolicyTargets lists policy id's targets by entity id, after the id
	// after, up to limit.
	PolicyTargets(ctx context.Context, id, after int64, limit int) ([]Target, error)
	// AddPolicyFile adds a file to policy a.PolicyID, unless it holds
	// MaxFiles (a Conflict).
	AddPolicyFile(ctx context.Context, s *Stored) error
	PolicyFiles(ctx context.Context, policyID int64) ([]File, error)
	PolicyFile(ctx context.Context, policyID, id int64) (*File, []byte, error)
	// PoliciesReceived lists the policies sent to entity enterpriseID, the unread
	// first, then the newest, up to limit.
	PoliciesReceived(ctx context.Context, enterpriseID int64, limit int) ([]Receipt, error)
	// PolicyReceived reads policy id as sent to entity enterpriseID: NotFound
	// if it was not.
	PolicyReceived(ctx context.Context, enterpriseID, id int64) (*Receipt, error)
	// MarkPolicyRead records that account read policy id for its entity at at,
	// unless the entity read it before: the first read is kept.
	MarkPolicyRead(ctx context.Context, id, enterpriseID, account int64, at time.Time) error
}

// Township is the reach of a policy in one township.
type Township struct {
	TerritoryID int64 // 0: entities without a township
	Targets     int
	Reads       int
}

// Target is an entity a policy was sent to, and when it first read it.
type Target struct {
	EnterpriseID int64
	Name         string
	CreditCode   string
	TerritoryID  int64
	IndustryCode string
	Size         string
	ContactName  string
	ContactPhone string
	CadreID      int64
	ReadAt       time.Time // zero: not read
	ReadVisit    int64     // the visit that explained it, when that is how it first reached the entity
}

// Receipt is a policy as an entity received it.
type Receipt struct {
	Policy
	ReadAt time.Time // zero: unread
}

// File is one of a policy's files, without its content.
type File struct {
	ID          int64
	PolicyID    int64
	Name        string
	ContentType string
	Size        int64
	SHA256      string // hex
	By          int64
	ByName      string
	At          time.Time
}

// Stored is a file with its content, checked, to be kept.
type Stored struct {
	File
	Data []byte
}

// Upload is a file as it was sent: its name and bytes.
type Upload struct {
	Name string
	Data []byte
}

// Service publishes policies and reads their reach.
type Service struct {
	Store Store
	Now   func() time.Time
}

// MayPublish reports whether actor publishes policies: the federation and
// the office, with a token that writes.
func MayPublish(actor *account.Actor) bool {
	return actor.WritesAs(account.Federation, account.Office)
}

// mayRead reports whether actor reads the policies of its districts and
// their reach: every officer who works with enterprises or appeals; the
// three administrators keep the system, not the policies.
func mayRead(actor *account.Actor) bool {
	return actor != nil && !actor.IsEnterprise() && (actor.System || actor.HasAny(account.Intake, account.Federation,
		account.Office, account.Handler, account.CityOffice, account.Cadre, account.Leader, account.Discipline))
}

// Publish publishes p for actor in p.DistrictID (0: actor's only
// district) with its files: the policy, its files, its targets and the
// messages to them are written together or not at all.
func (s *Service) Publish(ctx context.Context, actor *account.Actor, p *Policy, uploads []Upload) error {
	if !MayPublish(actor) {
		return fault.E(fault.Forbidden, "forbidden")
	}
	var ok bool
	if p.DistrictID, ok = actor.District(p.DistrictID); !ok {
		return fault.Field("district_id", "policy.district")
	}
	if err := p.normalize(); err != nil {
		return err
	}
	if err := s.checkUnits(ctx, p); err != nil {
		return err
	}
	if len(uploads) > MaxFiles {
		return fault.Field("file", "policy.files", MaxFiles)
	}
	now := s.Now()
	files := make([]Stored, len(uploads))
	for i, u := range uploads {
		f, err := stored(actor, u, now)
		if err != nil {
			return err
		}
		files[i] = *f
	}
	p.PublishedBy, p.PublishedAt, p.Reads = actor.UserID, now, 0
	return s.Store.CreatePolicy(ctx, p, files)
}

// checkUnits checks that the issuer is an active unit of the district and
// every township tag a township of it.
func (s *Service) checkUnits(ctx context.Context, p *Policy) error {
	u, err := s.Store.Unit(ctx, p.IssuerID)
	if fault.Is(err, fault.NotFound) || err == nil && (!u.Active || u.DistrictID != p.DistrictID) {
		return fault.Field("issuer_id", "policy.issuer")
	} else if err != nil {
		return err
	}
	for _, id := range p.Tags.Territories {
		u, err := s.Store.Unit(ctx, id)
		if fault.Is(err, fault.NotFound) || err == nil && (u.Kind != unit.TownshipK || u.DistrictID != p.DistrictID) {
			return fault.Field("territories", "policy.territory")
		} else if err != nil {
			return err
		}
	}
	return nil
}

// stored checks an uploaded file as every file the system keeps is
// checked (appeal.CheckFile: name, size, kind and content).
func stored(actor *account.Actor, u Upload, at time.Time) (*Stored, error) {
	name, ct, err := appeal.CheckFile(u.Name, u.Data)
	if err != nil {
		return nil, err
	}
	sum := sha256.Sum256(u.Data)
	return &Stored{File: File{Name: name, ContentType: ct, Size: int64(len(u.Data)), SHA256: hex.EncodeToString(sum[:]),
		By: actor.UserID, ByName: cmp.Or(actor.Name, actor.Username), At: at}, Data: u.Data}, nil
}

// Get returns policy id, for an officer of its district.
func (s *Service) Get(ctx context.Context, actor *account.Actor, id int64) (*Policy, error) {
	if !mayRead(actor) {
		return nil, fault.E(fault.Forbidden, "forbidden")
	}
	p, err := s.Store.Policy(ctx, id)
	if err != nil {
		return nil, err
	}
	if !actor.InDistrict(p.DistrictID) {
		return nil, fault.NotFoundOf("noun.policy")
	}
	return p, nil
}

// MaxPage is the most policies or targets one page holds.
const MaxPage = 100

// List returns the policies of district (0: all of actor's districts), the
// newest first, below the id before, up to limit.
func (s *Service) List(ctx context.Context, actor *account.Actor, district, before int64, limit int) ([]Policy, error) {
	if !mayRead(actor) {
		return nil, fault.E(fault.Forbidden, "forbidden")
	}
	ds := actor.Districts
	if district != 0 {
		if !actor.InDistrict(district) {
			return nil, fault.Field("district_id", "scope.district")
		}
		ds = []int64{district}
	}
	if limit <= 0 || limit > MaxPage {
		limit = MaxPage
	}
	if len(ds) == 0 {
		return []Policy{}, nil
	}
	return s.Store.Policies(ctx, ds, before, limit)
}

// Detail is a policy with its reach by township and its files.
type Detail struct {
	Policy    *Policy
	Townships []Township // the most targeted first
	Files     []File
}

// Detail returns policy id with its reach by township and its files, for
// an officer of its district.
func (s *Service) Detail(ctx context.Context, actor *account.Actor, id int64) (*Detail, error) {
	p, err := s.Get(ctx, actor, id)
	if err != nil {
		return nil, err
	}
	d := &Detail{Policy: p}
	if d.Townships, err = s.Store.PolicyReach(ctx, id); err != nil {
		return nil, err
	}
	if d.Files, err = s.Store.PolicyFiles(ctx, id); err != nil {
		return nil, err
	}
	return d, nil
}

// Targets returns a page of policy id's targets, their contacts masked
// as the registry masks them for actor.
func (s *Service) Targets(ctx context.Context, actor *account.Actor, id, after int64, limit int) ([]Target, error) {
	if _, err := s.Get(ctx, actor, id); err != nil {
		return nil, err
	}
	if limit <= 0 || limit > MaxPage {
		limit = MaxPage
	}
	ts, err := s.Store.PolicyTargets(ctx, id, after, limit)
	if err != nil {
		return nil, err
	}
	for i := range ts {
		t := &ts[i]
		e := enterprise.Enterprise{TerritoryID: t.TerritoryID, CadreID: t.CadreID, ContactName: t.ContactName, ContactPhone: t.ContactPhone}
		enterprise.Protect(actor, &e)
		t.ContactName, t.ContactPhone = e.ContactName, e.ContactPhone
	}
	return ts, nil
}

// Attach adds a file to policy id, for those who publish in its district.
func (s *Service) Attach(ctx context.Context, actor *account.Actor, id int64, u Upload) (*File, error) {
	p, err := s.Get(ctx, actor, id)
	if err != nil {
		return nil, err
	}
	if !MayPublish(actor) {
		return nil, fault.E(fault.Forbidden, "forbidden")
	}
	f, err := stored(actor, u, s.Now())
	if err != nil {
		return nil, err
	}
	f.PolicyID = p.ID
	if err := s.Store.AddPolicyFile(ctx, f); err != nil {
		return nil, err
	}
	return &f.File, nil
}

// Files lists policy id's files, for an officer of its district or an
// entity it was sent to.
func (s *Service) Files(ctx context.Context, actor *account.Actor, id int64) ([]File, error) {
	if err := s.reads(ctx, actor, id); err != nil {
		return nil, err
	}
	return s.Store.PolicyFiles(ctx, id)
}

// OpenFile returns one of policy id's files with its content, for an
// officer of its district or an entity it was sent to. Policies are public
// documents: reading their files is not recorded.
func (s *Service) OpenFile(ctx context.Context, actor *account.Actor, id, fileID int64) (*File, []byte, error) {
	if err := s.reads(ctx, actor, id); err != nil {
		return nil, nil, err
	}
	return s.Store.PolicyFile(ctx, id, fileID)
}

// reads checks that actor may read policy id: an officer of its district,
// or an enterprise account of an entity it was sent to.
func (s *Service) reads(ctx context.Context, actor *account.Actor, id int64) error {
	if actor != nil && actor.IsEnterprise() {
		_, err := s.receipt(ctx, actor, id)
		return err
	}
	_, err := s.Get(ctx, actor, id)
	return err
}

// SentTo lists the policies sent to entity enterpriseID of district, the
// unread first, for an officer of the district: the entity's page, the
// policies a visit may explain.
func (s *Service) SentTo(ctx context.Context, actor *account.Actor, enterpriseID, district int64) ([]Receipt, error) {
	if !mayRead(actor) || !actor.InDistrict(district) {
		return nil, fault.E(fault.Forbidden, "forbidden")
	}
	return s.Store.PoliciesReceived(ctx, enterpriseID, 200)
}

// Received lists the policies sent to the signed-in entity, the unread
// first.
func (s *Service) Received(ctx context.Context, actor *account.Actor) ([]Receipt, error) {
	if actor == nil || !actor.IsEnterprise() || actor.EnterpriseID == 0 {
		return nil, fault.E(fault.Forbidden, "forbidden")
	}
	return s.Store.PoliciesReceived(ctx, actor.EnterpriseID, 200)
}

func (s *Service) receipt(ctx context.Context, actor *account.Actor, id int64) (*Receipt, error) {
	if actor == nil || !actor.IsEnterprise() || actor.EnterpriseID == 0 {
		return nil, fault.E(fault.Forbidden, "forbidden")
	}
	return s.Store.PolicyReceived(ctx, actor.EnterpriseID, id)
}

// Open is the signed-in entity opening policy id: it is read for the
// entity from now on (the first read is kept).
func (s *Service) Open(ctx context.Context, actor *account.Actor, id int64) (*Receipt, error) {
	r, err := s.receipt(ctx, actor, id)
	if err != nil {
		return nil, err
	}
	if r.ReadAt.IsZero() {
		now := s.Now()
		if err := s.Store.MarkPolicyRead(ctx, id, actor.EnterpriseID, actor.AccountID, now); err != nil {
			return nil, err
		}
		r.ReadAt = now
	}
	return r, nil
}
