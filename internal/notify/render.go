package notify

import (
	"regexp"
	"slices"
	"strings"

	"zhitong/internal/fault"
)

// Rendered is a message made into text in one language.
type Rendered struct {
	Kind    Kind
	Lang    string // "zh" or "en"
	Subject string // the email subject and the in-app title
	Body    string // the email body, plain text, ending with the footer of automatic mail
	Short   string // one or two sentences: the in-app text, and the local text of an SMS
	Log     string // Short with its codes masked: what a delivery log may keep
}

// kinds lists every kind in a fixed order.
var kinds = []Kind{
	AppealRegistered, AppealAnswered, RateRequest,
	TaskAssigned, TaskReminded, TaskSupervised, TaskDueSoon, TaskOverdue,
	LoginCode, AccountCode, Notice, PolicyPublished,
}

// Kinds returns every kind, in a fixed order.
func Kinds() []Kind { return slices.Clone(kinds) }

// placeholder finds {name} in a template.
var placeholder = regexp.MustCompile(`\{([a-z_]+)\}`)

// needs holds each kind's parameters, sorted, as its templates use them.
var needs = func() map[Kind][]string {
	n := make(map[Kind][]string, len(catalog))
	for k, t := range catalog {
		n[k] = placeholders(t.zh.subject, t.zh.body, t.zh.short, t.en.subject, t.en.body, t.en.short)
	}
	return n
}()

// placeholders returns the sorted names of the parameters in the texts.
func placeholders(texts ...string) []string {
	var names []string
	for _, s := range texts {
		for _, m := range placeholder.FindAllStringSubmatch(s, -1) {
			names = append(names, m[1])
		}
	}
	slices.Sort(names)
	return slices.Compact(names)
}

// Needs returns the names of the parameters the kind's templates need, sorted;
// nil for an unknown kind.
func Needs(k Kind) []string { return slices.Clone(needs[k]) }

// Render makes the message into text in its language. It refuses an unknown
// kind or language, and a message that lacks a parameter its kind needs (an
// empty value counts as lacking); the error names what is missing. Render
// does not look at the message's id, channel or receiver.
func Render(m Message) (Rendered, error) {
	t, ok := catalog[m.Kind]
	if !ok {
		return Rendered{}, fault.Field("kind", "notify.kind", string(m.Kind))
	}
	lang, err := language(m.Lang)
	if err != nil {
		return Rendered{}, err
	}
	if missing := lacking(m); len(missing) > 0 {
		return Rendered{}, fault.Field("params", "notify.param", string(m.Kind), strings.Join(missing, ", "))
	}
	x := t.zh
	if lang == "en" {
		x = t.en
	}
	return Rendered{
		Kind:    m.Kind,
		Lang:    lang,
		Subject: expand(x.subject, m.Params, false),
		Body:    expand(x.body, m.Params, false) + footer[lang],
		Short:   expand(x.short, m.Params, false),
		Log:     expand(x.short, m.Params, true),
	}, nil
}

// language returns the language of a message: "zh" when none is given.
func language(l string) (string, error) {
	switch l {
	case "", "zh":
		return "zh", nil
	case "en":
		return "en", nil
	}
	return "", fault.Field("lang", "notify.lang", l)
}

// lacking returns the parameters the message's kind needs and it lacks.
func lacking(m Message) []string {
	var missing []string
	for _, name := range needs[m.Kind] {
		if strings.TrimSpace(m.Params[name]) == "" {
			missing = append(missing, name)
		}
	}
	return missing
}

// expand puts the parameters in the template's placeholders, in one pass, so
// that a value holding braces is left as it is; mask hides secret ones.
func expand(tmpl string, params map[string]string, mask bool) string {
	return placeholder.ReplaceAllStringFunc(tmpl, func(p string) string {
		name := p[1 : len(p)-1]
		if mask && secret[name] {
			return "******"
		}
		return params[name]
	})
}

// templateParams returns the parameters the kind needs, taken from the
// message: what goes to an SMS provider, and nothing more.
func templateParams(m Message) map[string]string {
	out := make(map[string]string, len(needs[m.Kind]))
	for _, name := range needs[m.Kind] {
		out[name] = m.Params[name]
	}
	return out
}
