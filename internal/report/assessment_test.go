package report

import (
	"testing"

	"zhitong/internal/unit"
)

// Scores counted by hand: the rates weighted 20/30/20/30; a unit with
// nothing rated is judged by the other two rates, their weights making up
// the whole; penalties come off; ties share a place.
func TestScoreOf(t *testing.T) {
	w := DefaultWeights()
	// response 9/10, on time 8/10, resolution 3/4, satisfaction 4/4; one redo, one supervision.
	a := UnitFigures(UnitCounts{Name: "甲", Kind: unit.TownshipK, Assessed: true, Assigned: 10, Responded: 9, Due: 10, OnTime: 8,
		Rated: 4, Satisfied: 3, Fair: 1, Resolved: 3, Redone: 1, Supervised: 1})
	s := ScoreOf(a, 0, w)
	// 20×0.9 + 30×0.8 + 20×0.75 + 30×1 = 18 + 24 + 15 + 30 = 87, less 2 + 1.
	if s.Score != 84 || s.Penalty != 3 || s.Parts[1].Points != 24 {
		t.Fatalf("甲: %+v", s)
	}
	// Nothing rated: response 1/2, on time 1/1 weigh 20 and 30 out of 50, scaled to 100: 40×0.5 + 60×1 = 80.
	b := UnitFigures(UnitCounts{Name: "乙", Kind: unit.TownshipK, Assessed: true, Assigned: 2, Responded: 1, Due: 1, OnTime: 1, OpenOverdue: 0})
	if s := ScoreOf(b, 0, w); s.Score != 80 || s.Parts[2].Points != 0 || s.Parts[0].Points != 20 {
		t.Fatalf("乙: %+v", s)
	}
	// Penalties never take a score below zero.
	c := UnitFigures(UnitCounts{Name: "丙", Assigned: 1, Due: 1, OpenOverdue: 1, Supervised: 200})
	if s := ScoreOf(c, 0, w); s.Score != 0 {
		t.Fatalf("丙: %+v", s)
	}
	if err := (Weights{Response: 50, OnTime: 30, Resolution: 20, Satisfaction: 30}).Check(); err == nil {
		t.Fatal("weights summing to 130 were accepted")
	}
	if err := DefaultWeights().Check(); err != nil {
		t.Fatal(err)
	}
}
