package desk

import (
	"net/url"
	"regexp"
	"strings"
)

// ArticleID finds the article id in what an editor typed: the id itself,
// the article source's own URL for it (matched against template, whose
// "{id}" marks the id), a URL with a ?p= or ?id= parameter (WordPress's
// short links), or else the URL's last path segment. The id is not
// checked here; the article source refuses ids it does not take.
func ArticleID(template, ref string) string {
	ref = strings.TrimSpace(ref)
	u, err := url.Parse(ref)
	if err != nil || u.Scheme == "" || u.Host == "" {
		return ref
	}
	base := template
	if i := strings.IndexAny(template, "?#"); i >= 0 && strings.Contains(template[:i], "{id}") {
		base = template[:i] // the source's own query (?_embed…) need not be pasted
	}
	if before, after, ok := strings.Cut(base, "{id}"); ok {
		re := regexp.MustCompile("^" + regexp.QuoteMeta(before) + "([^/?#&]+)" + regexp.QuoteMeta(after))
		if m := re.FindStringSubmatch(ref); m != nil {
			if id, err := url.PathUnescape(m[1]); err == nil {
				return id
			}
		}
	}
	q := u.Query()
	for _, k := range []string{"p", "id"} {
		if v := q.Get(k); v != "" {
			return v
		}
	}
	segs := strings.Split(strings.Trim(u.Path, "/"), "/")
	return segs[len(segs)-1]
}
