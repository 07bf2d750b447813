package desk

import "testing"

func TestArticleID(t *testing.T) {
	const wp = "https://cms.example.org/wp-json/wp/v2/posts/{id}?_embed"
	for _, tc := range []struct{ template, ref, want string }{
		{wp, "4711", "4711"},
		{wp, "  4711 ", "4711"},
		{wp, "https://cms.example.org/wp-json/wp/v2/posts/4711?_embed", "4711"},
		{wp, "https://cms.example.org/wp-json/wp/v2/posts/4711", "4711"},
		{wp, "https://news.example.org/?p=4711", "4711"},
		{wp, "https://news.example.org/2025/11/19/some-story/", "some-story"},
		{"https://cms.example.org/print?id={id}", "https://cms.example.org/print?id=abc-1", "abc-1"},
		{"https://cms.example.org/api/{id}.json", "https://cms.example.org/api/x%2Dy.json", "x-y"},
		{"", "https://news.example.org/articles/42", "42"},
	} {
		if got := ArticleID(tc.template, tc.ref); got != tc.want {
			t.Errorf("ArticleID(%q, %q) = %q, want %q", tc.template, tc.ref, got, tc.want)
		}
	}
}

func TestParseAuth(t *testing.T) {
	a, err := ParseAuth([]byte("# comment\n\n  editor:pass word  \nabcdefghijklmnop\n"))
	if err != nil {
		t.Fatal(err)
	}
	if len(a.tokens) != 1 || len(a.users) != 1 || !a.Enabled() {
		t.Errorf("%+v", a)
	}
	if (Auth{}).Enabled() {
		t.Error("the zero Auth asks for credentials")
	}
}
