package demo

import (
	"context"
	"fmt"

	"zhitong/internal/appeal"
	"zhitong/internal/outreach"
	"zhitong/internal/unit"
)

// seedEvents writes the district's open-day campaign of the half year
// around the demo's end — every department of 娄星区 due to hold one, the
// first third done — and a symposium and a 现场办公会 of the last weeks.
// The events collect no appeals of their own: the demo's appeals are its
// stories'.
func (s *seeder) seedEvents(ctx context.Context, _ *Result) error {
	svc := &outreach.Service{Store: s.st, Enterprises: s.enterprises, Appeals: s.appeals, Units: s.st, Now: s.clock.Now}
	district := s.unit["娄星区"]
	var depts []int64
	for _, u := range s.unitList {
		if u.DistrictID == district.ID && u.Kind == unit.Department && u.Active && len(u.Capabilities) == 0 {
			depts = append(depts, u.ID)
		}
	}
	office := s.actor[officeZhou]
	s.clock.t = s.day(120)
	end := s.end.In(appeal.CST)
	c := &outreach.Campaign{DistrictID: district.ID, Kind: outreach.OpenDay, Title: fmt.Sprintf("%d年度政府开放日", end.Year()),
		StartsOn: s.day(120), EndsOn: s.day(120).AddDate(0, 11, 30), UnitIDs: depts}
	if err := svc.CreateCampaign(ctx, office, c); err != nil {
		return err
	}
	present := func(names ...string) []int64 {
		var ids []int64
		for _, n := range names {
			if e := s.ent[n]; e != nil {
				ids = append(ids, e.ID)
			}
		}
		return ids
	}
	record := func(daysAgo int, e *outreach.Event) error {
		s.clock.t = s.day(daysAgo).Add(17 * 3600e9)
		e.DistrictID, e.HeldOn = district.ID, s.day(daysAgo)
		return svc.RecordEvent(ctx, office, e, nil)
	}
	for i := 0; i < len(depts)/3; i++ {
		u := s.unitByID(depts[i])
		if err := record(100-i*6, &outreach.Event{CampaignID: c.ID, Kind: outreach.OpenDay, Title: u.Name + "政府开放日",
			HostUnitID: u.ID, Place: u.Name, Representatives: 18 + (i*7)%25,
			Summary: "介绍职能和办事流程，现场解答企业咨询，收集意见建议。", EnterpriseIDs: present(firms[i%len(firms)].name)}); err != nil {
			return err
		}
	}
	if err := record(25, &outreach.Event{Kind: outreach.Symposium, Title: "民营企业家座谈会", HostUnitID: s.unit["区工商联"].ID,
		Place: "区工商联三楼会议室", Leader: "区委书记", Representatives: 32, UnitIDs: depts[:min(5, len(depts))],
		Summary: "听取企业对营商环境的意见建议，有关部门现场回应。", EnterpriseIDs: present(Ligang, Haite, Yongan, Chaoyang)}); err != nil {
		return err
	}
	if err := record(8, &outreach.Event{Kind: outreach.OnSite, Title: "经开区企业用电用地现场办公会", HostUnitID: s.unit["区优化办"].ID,
		Place: "娄底经济技术开发区", Leader: "区长", Representatives: 12, UnitIDs: depts[:min(3, len(depts))],
		EnterpriseIDs: present(Haite, "湖南华晟电子科技有限公司", "湖南宏旺新能源科技有限公司")}); err != nil {
		return err
	}
	s.clock.t = s.end
	return nil
}
