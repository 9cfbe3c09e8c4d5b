package chart

import (
	"encoding/xml"
	"html/template"
	"io"
	"math"
	"strconv"
	"strings"
	"testing"
)

// node is an element of a parsed chart.
type node struct {
	name string
	attr map[string]string
	kids []*node
	text string // the character data directly inside
}

// parse reads a chart as XML, failing the test if it is not well formed.
func parse(tb testing.TB, h template.HTML) *node {
	tb.Helper()
	d := xml.NewDecoder(strings.NewReader(string(h)))
	var root *node
	var stack []*node
	for {
		tok, err := d.Token()
		if err == io.EOF {
			break
		}
		if err != nil {
			tb.Fatalf("not well-formed XML: %v\n%s", err, h)
		}
		switch t := tok.(type) {
		case xml.StartElement:
			n := &node{name: t.Name.Local, attr: map[string]string{}}
			for _, a := range t.Attr {
				n.attr[a.Name.Local] = a.Value
			}
			if len(stack) == 0 {
				if root != nil {
					tb.Fatalf("more than one root element:\n%s", h)
				}
				root = n
			} else {
				p := stack[len(stack)-1]
				p.kids = append(p.kids, n)
			}
			stack = append(stack, n)
		case xml.EndElement:
			stack = stack[:len(stack)-1]
		case xml.CharData:
			if len(stack) > 0 {
				stack[len(stack)-1].text += string(t)
			}
		}
	}
	if root == nil || root.name != "svg" {
		tb.Fatalf("no <svg> root:\n%s", h)
	}
	return root
}

// find returns the elements under n (n included) that match, in document order.
func (n *node) find(match func(*node) bool) []*node {
	var found []*node
	if match(n) {
		found = append(found, n)
	}
	for _, k := range n.kids {
		found = append(found, k.find(match)...)
	}
	return found
}

// marks returns the elements carrying data-value.
func (n *node) marks() []*node {
	return n.find(func(m *node) bool { _, ok := m.attr["data-value"]; return ok })
}

// has returns a matcher of elements with the attribute.
func has(key string) func(*node) bool {
	return func(m *node) bool { _, ok := m.attr[key]; return ok }
}

// named returns a matcher of elements with the name.
func named(name string) func(*node) bool {
	return func(m *node) bool { return m.name == name }
}

// num returns a numeric attribute.
func (n *node) num(tb testing.TB, key string) float64 {
	tb.Helper()
	v, err := strconv.ParseFloat(n.attr[key], 64)
	if err != nil {
		tb.Fatalf("<%s %s=%q>: %v", n.name, key, n.attr[key], err)
	}
	return v
}

// child returns the first child element with the name, or nil.
func (n *node) child(name string) *node {
	for _, k := range n.kids {
		if k.name == name {
			return k
		}
	}
	return nil
}

// plot returns the plot area: x, y, width, height.
func plotArea(tb testing.TB, svg *node) (x, y, w, h float64) {
	tb.Helper()
	ps := svg.find(has("data-plot"))
	if len(ps) != 1 {
		tb.Fatalf("%d plot areas, want 1", len(ps))
	}
	p := ps[0]
	return p.num(tb, "x"), p.num(tb, "y"), p.num(tb, "width"), p.num(tb, "height")
}

// texts returns the content of every <text>, in order.
func texts(svg *node) []string {
	var ts []string
	for _, t := range svg.find(named("text")) {
		ts = append(ts, t.text)
	}
	return ts
}

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}

// near says whether a and b are equal within the rounding of coordinates.
func near(a, b float64) bool { return math.Abs(a-b) <= 0.02 }

func nan() float64 { return math.NaN() }
