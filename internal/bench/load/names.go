package load

import (
	"fmt"
	"math"
	"math/rand/v2"
	"strings"
)

// Names of places, people and firms, made from tables of characters that
// real names use. They are made up; only the province and its cities are
// real (湖南省 and its fourteen prefectures).

// cityNames are Hunan's fourteen prefecture-level divisions, with their
// division codes, in the order of the codes.
var cityNames = []struct{ name, short, code string }{
	{"长沙市", "长沙", "430100"}, {"株洲市", "株洲", "430200"}, {"湘潭市", "湘潭", "430300"}, {"衡阳市", "衡阳", "430400"},
	{"邵阳市", "邵阳", "430500"}, {"岳阳市", "岳阳", "430600"}, {"常德市", "常德", "430700"}, {"张家界市", "张家界", "430800"},
	{"益阳市", "益阳", "430900"}, {"郴州市", "郴州", "431000"}, {"永州市", "永州", "431100"}, {"怀化市", "怀化", "431200"},
	{"娄底市", "娄底", "431300"}, {"湘西土家族苗族自治州", "湘西", "433100"},
}

// Characters of place names: a first and a second.
var (
	placeFirst  = []rune("安宁平和兴华阳清金龙凤长乐新东南西北白云青桃石双永嘉临春广太高丰福泰瑞祥吉湘岳衡汇天明荷杉枫梅竹松柏雁鹤蓉芙")
	placeSecond = []rune("山江湖泉桥塘坪岭溪花林峰沙田洲河源冲湾口阳安宁平兴州城港岗铺渡滩湘潭川池坡垅")
)

// Surnames, most common in Hunan first, and the characters of given names.
var (
	surnames   = []rune("李刘陈王张彭周黄邓谭罗胡曾唐杨谢龙易吴肖邹颜贺廖朱蒋欧袁段聂孙何汤夏雷龚蔡许万文阳向戴姚郭熊伍")
	givenChars = []rune("伟芳娜敏静丽强磊军洋勇艳杰娟涛明超霞平刚华红玲斌辉鹏俊凯婷雪梅琴云峰波宇浩亮晨欣颖慧佳思雨志建国海燕晓文新德春秋红英军平立振")
)

// personName returns a made-up name of two or three characters.
func personName(r *rand.Rand) string {
	var b strings.Builder
	b.WriteRune(surnames[zipfIndex(r, len(surnames), 0.6)])
	b.WriteRune(givenChars[r.IntN(len(givenChars))])
	if r.IntN(100) < 70 {
		b.WriteRune(givenChars[r.IntN(len(givenChars))])
	}
	return b.String()
}

// mobile returns a made-up mobile number of eleven digits.
func mobile(r *rand.Rand) string {
	prefixes := []string{"130", "131", "132", "135", "136", "137", "138", "139", "150", "151", "152", "155", "157",
		"158", "159", "166", "173", "175", "176", "177", "180", "181", "182", "183", "185", "186", "187", "188", "189", "199"}
	return fmt.Sprintf("%s%08d", prefixes[r.IntN(len(prefixes))], r.IntN(100000000))
}

// namer hands out two-character place names, none twice.
type namer struct {
	r    *rand.Rand
	used map[string]bool
}

func newNamer(r *rand.Rand) *namer { return &namer{r: r, used: map[string]bool{}} }

// next returns a place name not given before, of two characters (three
// once the pairs run short).
func (n *namer) next() string {
	for try := 0; ; try++ {
		s := string([]rune{placeFirst[n.r.IntN(len(placeFirst))], placeSecond[n.r.IntN(len(placeSecond))]})
		if try > 50 {
			s += string(placeSecond[n.r.IntN(len(placeSecond))])
		}
		if []rune(s)[0] != []rune(s)[1] && !n.used[s] {
			n.used[s] = true
			return s
		}
	}
}

// zipfIndex draws an index below n, index k with weight about 1/(k+1)^s,
// by inverting the continuous approximation of the distribution.
func zipfIndex(r *rand.Rand, n int, s float64) int {
	if n <= 1 {
		return 0
	}
	u := r.Float64()
	var x float64
	if s == 1 {
		x = math.Pow(float64(n+1), u)
	} else {
		a := 1 - s
		x = math.Pow(1+u*(math.Pow(float64(n+1), a)-1), 1/a)
	}
	k := int(x) - 1
	return min(max(k, 0), n-1)
}
