package service

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"printd/engine"

	"printd/adapt"
	"printd/article"
)

// Problem is an RFC 9457 problem detail, the body of every error response
// (application/problem+json).
type Problem struct {
	Type      string       `json:"type"`
	Title     string       `json:"title"`
	Status    int          `json:"status"`
	Detail    string       `json:"detail,omitempty"`
	Instance  string       `json:"instance,omitempty"`
	RequestID string       `json:"request_id,omitempty"`
	Line      int          `json:"line,omitempty"`   // malformed JSON: 1-based line
	Column    int          `json:"column,omitempty"` // malformed JSON: 1-based column, in characters
	Errors    []FieldError `json:"errors"`
}

// FieldError is one problem with one field of the request: its JSON path
// ("body[3].html", "photo.src") or query parameter ("query.columns").
type FieldError struct {
	Path    string `json:"path"`
	Message string `json:"message"`
}

// Errors the handlers return; problemKinds maps them to responses.
var (
	errNotFound      = errors.New("not found")
	errMethod        = errors.New("method not allowed")
	errTooLarge      = errors.New("request body too large")
	errBodyRead      = errors.New("cannot read the request body")
	errMediaType     = errors.New("unsupported media type")
	errOverloaded    = errors.New("render capacity exhausted")
	errSourceMissing = errors.New("article not found at the article source")
	errSource        = errors.New("article source failed")
	errClientGone    = errors.New("client closed the request")
)

// statusClientClosed is logged (and counted) when the client went away
// before the answer; nobody reads it.
const statusClientClosed = 499

// problemKind is one row of the mapping from errors to responses.
type problemKind struct {
	match  func(error) bool
	status int
	typ    string // "about:blank" when the status says it all
	title  string
	// public: the error's own message may be sent as the detail. Other
	// errors are logged and the client gets only the title.
	public bool
}

func is(target error) func(error) bool {
	return func(err error) bool { return errors.Is(err, target) }
}

func as[T error]() func(error) bool {
	return func(err error) bool {
		var t T
		return errors.As(err, &t)
	}
}

// optionsFrom matches option errors all of whose values came from src
// (a publication profile's sheet: the operator's mistake, not the
// client's).
func optionsFrom(src article.Source) func(error) bool {
	return func(err error) bool {
		var oe article.OptionErrors
		if !errors.As(err, &oe) || len(oe) == 0 {
			return false
		}
		for _, e := range oe {
			if e.From.Source != src {
				return false
			}
		}
		return true
	}
}

const problemBase = "urn:printd:problem:"

// problemKinds is the one table from errors to problem responses; the first
// row that matches wins, and an error no row matches is a 500.
var problemKinds = []problemKind{
	{is(errClientGone), statusClientClosed, "about:blank", "Client Closed Request", false},
	{is(context.Canceled), statusClientClosed, "about:blank", "Client Closed Request", false},
	{as[*article.SyntaxError](), http.StatusBadRequest, problemBase + "malformed-json", "Malformed JSON", true},
	{is(errBodyRead), http.StatusBadRequest, "about:blank", "Bad Request", true},
	{is(errNotFound), http.StatusNotFound, "about:blank", "Not Found", true},
	{is(errSourceMissing), http.StatusNotFound, problemBase + "article-not-found", "Article Not Found", true},
	{is(errMethod), http.StatusMethodNotAllowed, "about:blank", "Method Not Allowed", true},
	{is(errTooLarge), http.StatusRequestEntityTooLarge, "about:blank", "Content Too Large", true},
	{is(errMediaType), http.StatusUnsupportedMediaType, "about:blank", "Unsupported Media Type", true},
	{as[*article.ValidationError](), http.StatusUnprocessableEntity, problemBase + "invalid-article", "Invalid Article", true},
	{is(adapt.ErrAmbiguous), http.StatusUnprocessableEntity, problemBase + "unrecognised-input", "Unrecognised Input Format", true},
	{is(adapt.ErrUnknownFormat), http.StatusUnprocessableEntity, problemBase + "invalid-options", "Invalid Options", true},
	{optionsFrom(article.FromProfile), http.StatusInternalServerError, problemBase + "bad-profile", "Publication Profile Cannot Be Honoured", true},
	{as[article.OptionErrors](), http.StatusUnprocessableEntity, problemBase + "invalid-options", "Invalid Options", true},
	{is(engine.ErrOptions), http.StatusUnprocessableEntity, problemBase + "invalid-options", "Invalid Options", true},
	{as[*engine.PhotoError](), http.StatusUnprocessableEntity, problemBase + "photo-unavailable", "Photo Unavailable", true},
	{as[*engine.OversetError](), http.StatusUnprocessableEntity, problemBase + "overset", "Text Does Not Fit", true},
	{as[*engine.AccessibilityError](), http.StatusUnprocessableEntity, problemBase + "alt-text-missing", "Picture Without Alternative Text", true},
	{as[*engine.MissingGlyphsError](), http.StatusUnprocessableEntity, problemBase + "missing-glyphs", "Characters No Font Has", true},
	{is(errOverloaded), http.StatusServiceUnavailable, problemBase + "overloaded", "Render Capacity Exhausted", true},
	{is(context.DeadlineExceeded), http.StatusGatewayTimeout, problemBase + "render-timeout", "Render Timed Out", false},
	{is(errSource), http.StatusBadGateway, problemBase + "article-source", "Article Source Failed", true},
}

// problemFor builds the response for err.
func problemFor(err error) Problem {
	p := Problem{Type: "about:blank", Title: "Internal Server Error", Status: http.StatusInternalServerError, Errors: []FieldError{}}
	for _, k := range problemKinds {
		if !k.match(err) {
			continue
		}
		p.Type, p.Title, p.Status = k.typ, k.title, k.status
		if k.public {
			p.Detail = err.Error()
		}
		break
	}
	var se *article.SyntaxError
	if errors.As(err, &se) && p.Status == http.StatusBadRequest {
		p.Line, p.Column = se.Line, se.Column
	}
	var ve *article.ValidationError
	if errors.As(err, &ve) {
		p.Detail = fmt.Sprintf("%d problem(s), each listed in errors with its path", len(ve.Problems))
	}
	for _, f := range fieldsOf(err) {
		p.Errors = append(p.Errors, FieldError{Path: f.Path, Message: f.Message})
	}
	return p
}

// fieldsOf lists the field problems an error carries.
func fieldsOf(err error) []article.Problem {
	var ve *article.ValidationError
	if errors.As(err, &ve) {
		return ve.Problems
	}
	var oe article.OptionErrors
	if errors.As(err, &oe) {
		probs := make([]article.Problem, len(oe))
		for i, e := range oe {
			probs[i] = article.Problem{Path: e.Path(), Message: e.Msg}
			if e.From.Source == article.FromProfile {
				probs[i].Path = "publication" // the profile is the publication's
				probs[i].Message = e.Error()
			}
		}
		return probs
	}
	var pe *engine.PhotoError
	if errors.As(err, &pe) {
		return []article.Problem{{Path: pe.Path, Message: "unavailable: " + pe.Reason}}
	}
	var ae *engine.AccessibilityError
	if errors.As(err, &ae) {
		probs := make([]article.Problem, len(ae.Paths))
		for i, p := range ae.Paths {
			probs[i] = article.Problem{Path: p, Message: "required: the publication requires alternative text for every picture"}
		}
		return probs
	}
	return nil
}
