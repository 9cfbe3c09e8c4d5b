package industry

import (
	"fmt"
	"strconv"
	"testing"
)

// wantRanges is the section → division range table of GB/T 4754-2017, written
// out again here so that the data is checked against an independent copy.
var wantRanges = []struct {
	code        string
	first, last int
}{
	{"A", 1, 5}, {"B", 6, 12}, {"C", 13, 43}, {"D", 44, 46}, {"E", 47, 50},
	{"F", 51, 52}, {"G", 53, 60}, {"H", 61, 62}, {"I", 63, 65}, {"J", 66, 69},
	{"K", 70, 70}, {"L", 71, 72}, {"M", 73, 75}, {"N", 76, 79}, {"O", 80, 82},
	{"P", 83, 83}, {"Q", 84, 85}, {"R", 86, 90}, {"S", 91, 96}, {"T", 97, 97},
}

// usedNames are the division names the demo and the benchmark data use.
var usedNames = []string{
	"金属制品业", "专用设备制造业", "通用设备制造业", "计算机、通信和其他电子设备制造业",
	"非金属矿物制品业", "食品制造业", "农副食品加工业", "纺织业", "橡胶和塑料制品业",
	"汽车制造业", "医药制造业", "电气机械和器材制造业", "道路运输业", "批发业",
	"建筑安装业", "房地产业", "软件和信息技术服务业", "商务服务业", "餐饮业", "农业",
	"畜牧业", "造纸和纸制品业", "化学原料和化学制品制造业", "木材加工和木、竹、藤、棕、草制品业",
}

func TestSections(t *testing.T) {
	got := Sections()
	if len(got) != len(wantRanges) {
		t.Fatalf("%d sections, want %d", len(got), len(wantRanges))
	}
	names := map[string]bool{}
	for i, s := range got {
		if s.Code != wantRanges[i].code {
			t.Errorf("section %d is %q, want %q", i, s.Code, wantRanges[i].code)
		}
		if s.Name == "" || names[s.Name] {
			t.Errorf("section %s: empty or repeated name %q", s.Code, s.Name)
		}
		names[s.Name] = true
	}
}

func TestDivisions(t *testing.T) {
	got := Divisions()
	if len(got) != 97 {
		t.Fatalf("%d divisions, want 97", len(got))
	}
	names := map[string]bool{}
	for i, d := range got {
		if want := fmt.Sprintf("%02d", i+1); d.Code != want {
			t.Errorf("division %d has code %q, want %q", i, d.Code, want)
		}
		if d.Name == "" || names[d.Name] {
			t.Errorf("division %s: empty or repeated name %q", d.Code, d.Name)
		}
		names[d.Name] = true
		if _, ok := SectionOf(d.Section); !ok {
			t.Errorf("division %s: unknown section %q", d.Code, d.Section)
		}
		n, _ := strconv.Atoi(d.Code)
		for _, r := range wantRanges {
			if in := r.first <= n && n <= r.last; in != (r.code == d.Section) {
				t.Errorf("division %s in section %s, want section %s to cover %02d–%02d",
					d.Code, d.Section, r.code, r.first, r.last)
			}
		}
	}
}

func TestCopies(t *testing.T) {
	Divisions()[0].Name = "changed"
	Sections()[0].Name = "changed"
	if d, _ := Find("01"); d.Name != "农业" {
		t.Errorf("changing Divisions' result changed the table: %q", d.Name)
	}
	if s, _ := SectionOf("A"); s.Name != "农、林、牧、渔业" {
		t.Errorf("changing Sections' result changed the table: %q", s.Name)
	}
}

func TestFindEveryDivision(t *testing.T) {
	for _, d := range Divisions() {
		for _, in := range []string{
			d.Code, d.Section + d.Code, " " + d.Code + " ", d.Name,
			"　" + d.Name + " \t", Label(d.Code),
		} {
			if got, ok := Find(in); !ok || got != d {
				t.Errorf("Find(%q) = %v, %v; want %v", in, got, ok, d)
			}
		}
	}
}

func TestFindUsedNames(t *testing.T) {
	for _, name := range usedNames {
		if d, ok := Find(name); !ok || d.Name != name {
			t.Errorf("Find(%q) = %v, %v", name, d, ok)
		}
	}
}

func TestFind(t *testing.T) {
	tests := []struct {
		name, in, want string // want is the division code, "" for not found
	}{
		{"code", "13", "13"},
		{"section and code", "C13", "13"},
		{"lower-case section", "c13", "13"},
		{"spaces", " 13 ", "13"},
		{"full-width space", "\u300013\u3000", "13"},
		{"full-width characters", "Ｃ１３", "13"},
		{"byte order mark", "\uFEFF13", "13"},
		{"leading zero dropped", "1", "01"},
		{"leading zero kept", "A01", "01"},
		{"last", "T97", "97"},
		{"name", "农副食品加工业", "13"},
		{"name with spaces", "  建筑安装业　", "49"},
		{"label", "C13 农副食品加工业", "13"},
		{"label with full-width space", "G54　道路运输业", "54"},
		{"wrong section", "A13", ""},
		{"label of another division", "C13 食品制造业", ""},
		{"zero", "00", ""},
		{"past the end", "98", ""},
		{"class code", "1311", ""},
		{"section letter", "C", ""},
		{"section name", "制造业", ""},
		{"partial name", "农副食品", ""},
		{"empty", "", ""},
		{"blank", "   ", ""},
		{"other text", "不详", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			d, ok := Find(tt.in)
			if ok != (tt.want != "") || d.Code != tt.want {
				t.Errorf("Find(%q) = %v, %v; want code %q", tt.in, d, ok, tt.want)
			}
		})
	}
}

func TestSectionOf(t *testing.T) {
	tests := []struct{ in, want string }{
		{"C", "C"}, {"c", "C"}, {" S ", "S"}, {"13", "C"}, {"C13", "C"}, {"1", "A"},
		{"70", "K"}, {"97", "T"}, {"U", ""}, {"98", ""}, {"A13", ""}, {"", ""},
	}
	for _, tt := range tests {
		s, ok := SectionOf(tt.in)
		if ok != (tt.want != "") || s.Code != tt.want {
			t.Errorf("SectionOf(%q) = %v, %v; want %q", tt.in, s, ok, tt.want)
		}
	}
}

func TestLabel(t *testing.T) {
	tests := []struct{ in, want string }{
		{"13", "C13 农副食品加工业"},
		{"c13", "C13 农副食品加工业"},
		{"65", "I65 软件和信息技术服务业"},
		{"01", "A01 农业"},
		{"C", "C 制造业"},
		{"S", "S 公共管理、社会保障和社会组织"},
		{"98", ""},
		{"农业", ""},
		{"", ""},
	}
	for _, tt := range tests {
		if got := Label(tt.in); got != tt.want {
			t.Errorf("Label(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}
