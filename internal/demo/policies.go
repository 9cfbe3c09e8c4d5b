package demo

import (
	"context"
	"fmt"
	"time"

	"zhitong/internal/policy"
)

// seedPolicies publishes two policies of 娄星区 (惠企政策) as the federation
// and the office, some days before the demo's end, and lets a few of their
// targets read them on the portal, so that the policies' pages show a
// reach that is neither nothing nor everything.
func (s *seeder) seedPolicies(ctx context.Context, _ *Result) error {
	svc := &policy.Service{Store: s.st, Now: s.clock.Now}
	louxing := s.unit["娄星区"]
	for _, p := range []struct {
		by, issuer, title, docNo, body string
		ago                            int
		industries                     []string
		readers                        []string
	}{
		{fedLiu, "区人社局", "娄星区支持市场主体稳岗扩岗若干措施", "娄星人社发〔2026〕8号",
			"一、对不裁员或少裁员的参保企业，按上年度实际缴纳失业保险费的 60% 返还。\n二、企业吸纳高校毕业生就业并签订一年以上劳动合同的，按每人 1500 元给予一次性扩岗补助。\n三、申报材料报送区人社局就业服务中心，咨询电话见门户。",
			12, nil, []string{Ligang, Haite, Chaoyang, "娄星区乐坪街道李记粉面馆"}},
		{officeZhou, "区工信局", "制造业企业技术改造奖补办法", "娄星工信发〔2026〕3号",
			"对年度内完成技术改造、设备投资额 200 万元以上的制造业企业，按设备投资额的 8% 给予奖补，单个企业最高 100 万元。",
			5, []string{"C"}, []string{Yongan}},
	} {
		s.clock.t = s.day(p.ago).Add(10 * time.Hour)
		pol := &policy.Policy{DistrictID: louxing.ID, IssuerID: s.unit[p.issuer].ID, Title: p.title, DocNo: p.docNo, Body: p.body,
			EffectiveFrom: s.day(p.ago), Tags: policy.Tags{Industries: p.industries}}
		if err := svc.Publish(ctx, s.actor[p.by], pol, nil); err != nil {
			return fmt.Errorf("%s: %w", p.title, err)
		}
		s.clock.t = s.clock.t.Add(26 * time.Hour)
		for _, name := range p.readers {
			if _, err := svc.Open(ctx, s.entActor[name], pol.ID); err != nil {
				return fmt.Errorf("%s read by %s: %w", p.title, name, err)
			}
		}
	}
	return nil
}
