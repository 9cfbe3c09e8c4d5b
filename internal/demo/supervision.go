package demo

import (
	"fmt"
	"time"

	"zhitong/internal/appeal"
)

// moreTime tells the stories of more time and supervision: a unit granted
// an extension that still ran late, reminded and put under supervision
// with a notice it has not answered yet, with the district head's
// instruction; and a task paused while the enterprise supplies material.
func (s *seeder) moreTime() {
	no := fmt.Sprintf("娄星优化督〔%d〕7号", s.day(3).Year())
	s.story(16, 9, 30).create(seatLi, spec{ch: appeal.Hotline12345, typ: appeal.Help, cat: "审批", ent: "娄底市鑫达钢结构工程有限公司",
		title:   "钢结构厂房竣工验收备案迟迟办不下来",
		content: "企业新建钢结构厂房已于两个月前完成五方验收，竣工验收备案材料提交后一直未办结，无法办理不动产登记，影响银行贷款。"}).
		after(2*time.Hour).referDistrict(fedChen, "报区优化办交办").
		next(1, 9, 0).assign(officeZhou, "请区住建局主办，10日内办结", "区住建局").
		after(time.Hour).accept("区住建局").
		next(5, 10, 0).onTask("", "区住建局", appeal.Command{Action: appeal.ActExtend, Days: 5, Note: "需会同区自然资源局现场复核消防和规划条件"}).
		after(3*time.Hour).onTask(officeZhou, "区住建局", appeal.Command{Action: appeal.ActGrant, Days: 3, Note: "同意延期3天，请抓紧会商"}).
		next(6, 9, 0).onTask(officeZhou, "区住建局", appeal.Command{Action: appeal.ActRemind, Note: "已超过延期后的时限，请立即办理"}).
		next(1, 10, 0).onTask(officeZhou, "区住建局", appeal.Command{Action: appeal.ActSupervise, DocNo: no,
		Note: "该诉求延期后仍未办结，请于3个工作日内办结并书面回复区优化办，说明超期原因及整改措施。"}).
		after(2*time.Hour).act(leaderPeng, appeal.Command{Action: appeal.ActInstruct, Note: "请区住建局主要负责同志亲自过问，本周内办结，办理结果报我。"})

	s.story(6, 14, 0).create(cadreLuo, spec{ch: appeal.VisitCh, typ: appeal.Help, cat: "政策兑现", ent: "湖南锦程纺织有限公司",
		title:   "申请技改设备购置补贴，材料审核卡在发票环节",
		content: "走访时企业反映：技改设备购置补贴申报已提交，审核提示部分进口设备发票需补充海关报关单，企业正在向代理商索取。"}).
		after(time.Hour).referDistrict(fedLiu, "报区优化办").
		next(1, 9, 30).assign(officeXie, "请区工信局主办", "区工信局").
		after(time.Hour).accept("区工信局").
		next(1, 11, 0).onTask("", "区工信局", appeal.Command{Action: appeal.ActPause, Note: "等待企业补充进口设备海关报关单"}).
		after(2*time.Hour).onTask(officeXie, "区工信局", appeal.Command{Action: appeal.ActGrant, Note: "同意挂起，材料补齐后恢复计时"})
}
