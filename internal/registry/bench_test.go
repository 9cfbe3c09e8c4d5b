package registry

import (
	"fmt"
	"testing"
	"time"
)

// registry50k is a CSV file of 50,000 good rows with every column.
func registry50k(tb testing.TB) []byte {
	rows := [][]string{fullHead}
	towns := []string{"乐坪街道", "万宝镇", "大科街道"}
	sizes := []string{"小型", "微型", "个体", "中型"}
	for i := 0; i < 50000; i++ {
		rows = append(rows, []string{creditCode(tb, fmt.Sprintf("92431302MA%07d", i)), fmt.Sprintf("娄星区第%d号商行", i), "批发和零售业",
			towns[i%len(towns)], sizes[i%len(sizes)], fmt.Sprintf("娄星区某某路 %d 号", i), "张先生", fmt.Sprintf("138%08d", i), "个体工商户、小微企业"})
	}
	return csvUTF8(tb, rows...)
}

// TestParse50kQuickly guards against work that grows faster than the file:
// 50,000 rows parse in about 0.2 s (BenchmarkParse50k), under the race
// detector in about 1.5 s; quadratic work would take minutes.
func TestParse50kQuickly(t *testing.T) {
	if testing.Short() {
		t.Skip("short")
	}
	data := registry50k(t)
	start := time.Now()
	b := parse(t, data, "50k.csv", newLookups())
	if took := time.Since(start); took > 10*time.Second {
		t.Errorf("50,000 rows took %v", took)
	}
	if !b.OK() || len(b.Rows) != 50000 {
		t.Fatalf("%d rows, %d problems: %+v", len(b.Rows), len(b.Problems), b.Problems[:min(3, len(b.Problems))])
	}
}

func BenchmarkParse50k(b *testing.B) {
	data := registry50k(b)
	look := newLookups()
	b.SetBytes(int64(len(data)))
	b.ReportAllocs()
	for b.Loop() {
		if _, err := Parse(data, "50k.csv", look); err != nil {
			b.Fatal(err)
		}
	}
}
