// Package adapt owns printd's CMS input adapters: it recognises the JSON a
// content system already produces — a WordPress REST v2 post, an Arc XP ANS
// story, or a schema.org NewsArticle in JSON-LD — and maps it onto Article
// JSON v1, so that converted input goes through exactly the same decoding
// and validation as native input. Every adapter names what it could not
// carry over in warnings; nothing is dropped silently.
//
// The package is pure: it reads the bytes it is given and nothing else, and
// all of it is safe for concurrent use.
package adapt
