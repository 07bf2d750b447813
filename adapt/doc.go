// Package adapt owns printd's CMS input adapters: it recognises the JSON a
// content system already produces — a WordPress REST v2 post, an Arc XP ANS
// story, or a schema.org NewsArticle in JSON-LD — and maps it onto Article
// JSON v1, built as the article package's Go type (article.Doc) and
// validated by the same checker as native input (article.FromDoc), with no
// JSON written and read back in between. Every adapter names what it could
// not carry over in warnings; nothing is dropped silently.
//
// The package is pure: it reads the bytes it is given and nothing else, and
// all of it is safe for concurrent use.
package adapt
