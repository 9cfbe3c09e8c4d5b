package load

import (
	"fmt"
	"math"
	"math/rand/v2"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	"zhitong/internal/appeal"
)

// The text of an appeal: a title of 10 to 40 characters and a content of
// 100 to 1,000, written from the phrase tables (phrases.go) with the
// appeal's own enterprise, places, amounts and dates in the {slot}s.

// Limits on the text.
const (
	minTitle, maxTitle     = 10, 40
	minContent, maxContent = 100, 1000
)

// slot is a place in a phrase that each appeal fills in.
type slot uint8

const (
	literal slot = iota
	sEnterprise
	sTown
	sDistrict
	sCity
	sBusiness
	sProduct
	sUnit
	sDept
	sBank
	sProject
	sAmount
	sWan
	sPeople
	sDays
	sTimes
	sYear
	sFounded
	sMonth
	sDate
	sJob
	sPolicy
)

var slotNames = map[string]slot{"企业": sEnterprise, "镇": sTown, "区": sDistrict, "市": sCity, "业务": sBusiness,
	"产品": sProduct, "单位": sUnit, "部门": sDept, "银行": sBank, "项目": sProject, "金额": sAmount, "万": sWan,
	"人": sPeople, "天": sDays, "次": sTimes, "年": sYear, "成立年": sFounded, "月": sMonth, "日": sDate,
	"岗位": sJob, "政策": sPolicy}

// part is a piece of a phrase: literal text, or a slot.
type part struct {
	lit  string
	slot slot
}

// phrases holds every phrase of the tables, parsed once.
var phrases = map[string][]part{}

// parse splits a phrase into its parts; an unknown slot is a mistake in the
// tables, found when the package is initialised (init below).
func parse(s string) []part {
	var ps []part
	for s != "" {
		i := strings.IndexByte(s, '{')
		if i < 0 {
			ps = append(ps, part{lit: s})
			break
		}
		if i > 0 {
			ps = append(ps, part{lit: s[:i]})
		}
		j := strings.IndexByte(s[i:], '}')
		if j < 0 {
			panic("load: an unclosed slot in the phrase " + s)
		}
		sl, ok := slotNames[s[i+1:i+j]]
		if !ok {
			panic("load: an unknown slot in the phrase " + s)
		}
		ps = append(ps, part{slot: sl})
		s = s[i+j+1:]
	}
	return ps
}

func init() {
	add := func(ss ...[]string) {
		for _, l := range ss {
			for _, s := range l {
				phrases[s] = parse(s)
			}
		}
	}
	for _, c := range categories {
		add(c.context)
		for _, is := range c.issues {
			add(is.titles, is.body, is.asks, is.replies)
		}
	}
	add(openers, shopOpeners, impacts, fillers, genericAsks, partlyTails, explainTexts)
	for _, p := range channelPrefix {
		add(p)
	}
}

// Values of the slots.
var (
	banks    = []string{"工商银行", "农业银行", "建设银行", "中国银行", "长沙银行", "华融湘江银行", "农商银行", "邮储银行"}
	projects = []string{"二期厂房建设项目", "年产5万吨新材料项目", "技改扩能项目", "标准厂房项目", "冷链物流中心项目",
		"研发中心项目", "生产线升级改造项目", "智能制造车间项目", "仓储配送中心项目"}
	policies = []string{"稳岗返还", "技术改造奖补", "中小企业发展专项资金", "新增规模以上工业企业奖励", "创业担保贷款贴息",
		"专精特新企业奖励", "高新技术企业认定奖励"}
	jobs    = []string{"数控车工", "焊工", "普工", "电工", "质检员", "仓管员", "技术员", "叉车司机"}
	amounts = []int{20, 30, 50, 80, 100, 120, 150, 200, 260, 300, 350, 500, 600, 800, 1000, 1200, 1500, 2000, 3000}
	numbers = []string{"两", "三", "四", "五", "六"}
)

// words fills in the slots of one appeal's phrases.
type words struct {
	r        *rand.Rand
	firm     *firm // nil when the appeal names an unregistered enterprise
	name     string
	town     string
	district *district
	unit     string // the lead unit's name, for replies
	bank     string
	project  string
	policy   string
	job      string
	amount   int
	created  time.Time
	buf      []byte
	pool     []string
}

// write appends the phrase s, its slots filled in.
func (w *words) write(s string) {
	ps, ok := phrases[s]
	if !ok {
		ps = parse(s)
	}
	for _, p := range ps {
		if p.slot == literal {
			w.buf = append(w.buf, p.lit...)
			continue
		}
		w.buf = append(w.buf, w.value(p.slot)...)
	}
}

func (w *words) value(s slot) string {
	r := w.r
	switch s {
	case sEnterprise:
		return w.name
	case sTown:
		return w.town
	case sDistrict:
		return w.district.name
	case sCity:
		return w.district.city.name
	case sBusiness:
		if w.firm != nil {
			return w.firm.trade.business
		}
		return industries[r.IntN(len(industries))].business
	case sProduct:
		if w.firm != nil {
			return w.firm.trade.product
		}
		return industries[r.IntN(len(industries))].product
	case sUnit:
		return w.unit
	case sDept:
		return w.district.name + deptKeys[r.IntN(len(deptKeys))]
	case sBank:
		return w.bank
	case sProject:
		return w.project
	case sPolicy:
		return w.policy
	case sAmount:
		return strconv.Itoa(w.amount)
	case sWan:
		return strconv.Itoa(amounts[r.IntN(len(amounts))])
	case sPeople:
		return strconv.Itoa(5 + int(math.Exp(3.5+0.8*r.NormFloat64())))
	case sDays:
		return strconv.Itoa(7 + r.IntN(110))
	case sTimes:
		return numbers[r.IntN(len(numbers))]
	case sYear:
		return strconv.Itoa(w.created.In(appeal.CST).Year() - r.IntN(2))
	case sFounded:
		y := w.created.In(appeal.CST).Year()
		return strconv.Itoa(y - 2 - r.IntN(20))
	case sMonth:
		return strconv.Itoa(1+r.IntN(12)) + "月"
	case sDate:
		d := w.created.Add(-time.Duration(3+r.IntN(60)) * 24 * time.Hour).In(appeal.CST)
		return fmt.Sprintf("%d月%d日", d.Month(), d.Day())
	case sJob:
		return w.job
	}
	return ""
}

// phrase returns s with its slots filled in.
func (w *words) phrase(s string) string {
	w.buf = w.buf[:0]
	w.write(s)
	return string(w.buf)
}

// title writes a title of 10 to 40 characters for the issue.
func (w *words) title(is *issue) string {
	t := w.phrase(is.titles[w.r.IntN(len(is.titles))])
	n := utf8.RuneCountInString(t)
	if n < minTitle {
		t, n = "关于"+t+"的诉求", n+5
	}
	if n > maxTitle {
		t = string([]rune(t)[:maxTitle])
	}
	return t
}

// contentLength draws a content's length: mostly a few hundred characters,
// now and then near a thousand.
func contentLength(r *rand.Rand) int {
	l := minContent + int(math.Exp(5.2+0.7*r.NormFloat64()))
	return min(l, maxContent)
}

// content writes the appeal's content: how it came in, who the enterprise
// is, the matter and what it costs, more of the story until it is long
// enough, and what is asked.
func (w *words) content(is *issue, c *category, ch appeal.Channel, sole bool) string {
	r := w.r
	want := contentLength(r)
	w.buf = w.buf[:0]
	if ps := channelPrefix[ch]; len(ps) > 0 {
		w.write(ps[r.IntN(len(ps))])
	}
	if sole {
		w.write(shopOpeners[r.IntN(len(shopOpeners))])
	} else {
		w.write(openers[r.IntN(len(openers))])
	}
	w.write(is.body[0])
	ask := genericAsks[r.IntN(len(genericAsks))]
	if len(is.asks) > 0 && r.IntN(3) > 0 {
		ask = is.asks[r.IntN(len(is.asks))]
	}
	askLen := utf8.RuneCountInString(ask)
	pool := append(w.pool[:0], is.body[1:]...)
	pool = append(pool, impacts[r.IntN(len(impacts))])
	must := len(pool) // the matter and its cost, in order; then the rest shuffled
	pool = append(pool, c.context...)
	pool = append(pool, fillers...)
	rest := pool[must:]
	r.Shuffle(len(rest), func(i, j int) { rest[i], rest[j] = rest[j], rest[i] })
	w.pool = pool
	n := utf8.RuneCount(w.buf)
	for i, s := range pool {
		if i >= must && n+askLen >= want {
			break
		}
		mark := len(w.buf)
		w.write(s)
		added := utf8.RuneCount(w.buf[mark:])
		if n+added+askLen > maxContent {
			w.buf = w.buf[:mark]
			continue
		}
		n += added
	}
	w.write(ask)
	return string(w.buf)
}

// reply writes the result of the matter as the lead unit replies it.
func (w *words) reply(is *issue, o appeal.Outcome) string {
	r := w.r
	switch o {
	case appeal.PartlySolved:
		w.buf = w.buf[:0]
		w.write(is.replies[r.IntN(len(is.replies))])
		w.write(partlyTails[r.IntN(len(partlyTails))])
		return string(w.buf)
	case appeal.ExplainedNotDone:
		return w.phrase(explainTexts[r.IntN(len(explainTexts))])
	}
	return w.phrase(is.replies[r.IntN(len(is.replies))])
}
