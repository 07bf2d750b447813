package article

import "testing"

func TestDisplayURL(t *testing.T) {
	for in, want := range map[string]string{
		"https://ar.example/%D8%B4%D8%B9%D8%A7%D8%B1":                     "https://ar.example/شعار",
		"https://ar.example/شعار":                                         "https://ar.example/شعار",
		"https://xn--e1afmkfd.xn--p1ai/%D0%BF%D1%83%D1%82%D1%8C?q=%D1%8F": "https://пример.рф/путь?q=я",
		"https://example.org/a%2Fb%20c%3F":                                "https://example.org/a%2Fb%20c%3F", // ASCII stays encoded
		"https://example.org/x%E2%80%AEy":                                 "https://example.org/x%E2%80%AEy",  // a bidi override stays encoded
		"https://example.org/%C2%A0":                                      "https://example.org/%C2%A0",       // no-break space
		"https://example.org/%FF%D8":                                      "https://example.org/%FF%D8",       // not UTF-8
		"https://example.org/100%":                                        "https://example.org/100%",
		"https://example.org:8443/%D0%B0#%D0%B1":                          "https://example.org:8443/а#б",
		"mailto:desk@example.org":                                         "desk@example.org",
		"not a url":                                                       "not a url",
	} {
		if got := DisplayURL(in); got != want {
			t.Errorf("DisplayURL(%q) = %q, want %q", in, got, want)
		}
	}
}
