// Package desk owns the proof desk: the one web page (GET /desk) where a
// print editor loads an article, changes the options, sees every page and
// reads the preflight before the article goes to print. The page and its
// scripts, including the PDF viewer (pdf.js), are embedded; the page talks
// to the service's own API (POST /v1/pdf, POST /v1/preflight) and to the
// two small endpoints this package adds under /desk/api/: the options the
// server offers and the article source.
//
// The package knows nothing of the HTTP framework the service uses: it is
// an http.Handler that the service mounts when the desk is enabled.
package desk
