// Package chart draws charts as inline SVG on the server, for pages that
// must work on closed government networks: no JavaScript, no fonts or
// files from elsewhere, nothing but the markup returned.
//
// There are four charts: Bars (horizontal bars, one per labelled value,
// for categories, townships and units with long names), Columns (vertical
// columns of several series grouped over shared labels), Line (series over
// labels, such as daily intake over a month) and Donut (shares of a whole).
// Each returns template.HTML ready to be placed in a page:
//
//	<figure class="chart">{{.IntakeChart}}<figcaption>…</figcaption></figure>
//
// # What every chart holds
//
// An <svg> with role="img", a viewBox, width and height, data-chart (bars,
// columns, line or donut) and font-family="sans-serif"; its first children
// are a <title> (the chart's title) and a <desc> that lists the data in
// words ("label: value; …"), for screen readers and tests. Every mark (a
// bar, a column, a point of a line, a segment of a donut) carries
// data-label (the label as given) and data-value (the value, negatives
// counted as 0, in Go's shortest decimal form) and a <title> child shown on hover with the full label and the
// formatted value. A label too long for its room is cut with "…"; the full
// label stays in a <title> child of its text. The plot area is marked by an
// invisible <rect data-plot>; the labels of the y axis carry
// data-tick, their value.
//
// Text is drawn with fill="currentColor", so charts follow the page's text
// colour (a dark wall screen included); marks take the colours of
// Options.Palette. Every piece of text from the caller is escaped, so labels
// from user data are safe.
//
// # Values
//
// Negative, NaN and infinite values count as 0. Without data a chart draws
// a frame saying Options.Empty (暂无数据). The output depends only on the
// arguments: the same data gives the same bytes.
package chart
