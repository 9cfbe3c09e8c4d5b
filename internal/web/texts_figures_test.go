package web

import (
	"testing"

	"zhitong/internal/appeal"
)

// TestTextsNameEveryFigure checks that every figure a worklist can be
// opened by has its words, and no other figure does.
func TestTextsNameEveryFigure(t *testing.T) {
	for _, f := range appeal.TaskFigures {
		if key, ok := figureTexts[f]; !ok || !knownText(key) {
			t.Errorf("no words for the figure %s (%q)", f, key)
		}
	}
	if len(figureTexts) != len(appeal.TaskFigures) {
		t.Errorf("%d figures have words, %d are figures", len(figureTexts), len(appeal.TaskFigures))
	}
}
