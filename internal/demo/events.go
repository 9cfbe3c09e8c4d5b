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
// first third done — and a symposium and a 现场办公会 of the last weeks,
// where appeals were collected and the district head gave instructions on
// the spot; those wait for the federation's triage.
func (s *seeder) seedEvents(ctx context.Context, r *Result) error {
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
	collect := func(ent, cat string, typ appeal.Type, title, content, instruction string) outreach.Collected {
		in := appeal.Intake{Type: typ, CategoryID: s.cat[cat], Title: title, Content: content}
		if e := s.ent[ent]; e != nil {
			in.EnterpriseID = e.ID
		}
		return outreach.Collected{Intake: in, Instruction: instruction}
	}
	record := func(daysAgo int, e *outreach.Event, collected ...outreach.Collected) error {
		s.clock.t = s.day(daysAgo).Add(17 * 3600e9)
		e.DistrictID, e.HeldOn = district.ID, s.day(daysAgo)
		if err := svc.RecordEvent(ctx, office, e, collected); err != nil {
			return err
		}
		r.Appeals += len(collected)
		return nil
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
		Summary: "听取企业对营商环境的意见建议，有关部门现场回应。", EnterpriseIDs: present(Ligang, Haite, Yongan, Chaoyang)},
		collect(Yongan, "融资", appeal.Suggestion, "建议扩大“政银担”贷款覆盖面", "座谈时企业建议将煤机装备企业纳入“政银担”合作名单，降低担保费率。", "")); err != nil {
		return err
	}
	if err := record(8, &outreach.Event{Kind: outreach.OnSite, Title: "经开区企业用电用地现场办公会", HostUnitID: s.unit["区优化办"].ID,
		Place: "娄底经济技术开发区", Leader: "区长", Representatives: 12, UnitIDs: depts[:min(3, len(depts))],
		EnterpriseIDs: present(Haite, "湖南华晟电子科技有限公司", "湖南宏旺新能源科技有限公司")},
		collect("湖南华晟电子科技有限公司", "水电气", appeal.Help, "新厂房专线用电接入", "新厂房投产在即，10 千伏专线尚未接入，请求协调供电部门加快施工。",
			"请国网娄星供电公司一周内制定接电方案，区优化办跟踪督办。"),
		collect("湖南宏旺新能源科技有限公司", "用地", appeal.Help, "二期项目用地报批", "二期项目用地报批材料已提交两月，请求加快审批。",
			"请区自然资源局十个工作日内答复办理时限。")); err != nil {
		return err
	}
	s.clock.t = s.end
	return nil
}
