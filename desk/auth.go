package desk

import (
	"bufio"
	"bytes"
	"crypto/sha256"
	"crypto/subtle"
	"errors"
	"fmt"
	"net/http"
	"os"
	"strings"
)

// Auth is who may open the desk: bearer tokens and user:password pairs
// for basic authentication. The zero Auth lets everyone in (the desk is
// then meant to sit behind a proxy that authenticates).
type Auth struct {
	tokens [][32]byte          // SHA-256 of each bearer token
	users  map[string][32]byte // user → SHA-256 of the password
}

// LoadAuth reads a credentials file: one credential per line, blank lines
// and lines starting with # ignored. A line "user:password" admits that
// user with basic authentication; any other line is a bearer token (which
// a browser may also give as the password of basic authentication, under
// any user name).
func LoadAuth(path string) (Auth, error) {
	data, err := os.ReadFile(path)
	if err != nil {
		return Auth{}, fmt.Errorf("desk credentials: %w", err)
	}
	a, err := ParseAuth(data)
	if err != nil {
		return Auth{}, fmt.Errorf("desk credentials %s: %w", path, err)
	}
	return a, nil
}

// ParseAuth parses the contents of a credentials file (see LoadAuth). A
// file without any credential is an error: it would lock everyone out.
func ParseAuth(data []byte) (Auth, error) {
	a := Auth{users: map[string][32]byte{}}
	sc := bufio.NewScanner(bytes.NewReader(data))
	for n := 1; sc.Scan(); n++ {
		line := strings.TrimSpace(sc.Text())
		if line == "" || strings.HasPrefix(line, "#") {
			continue
		}
		if user, pass, ok := strings.Cut(line, ":"); ok {
			if user == "" || pass == "" {
				return Auth{}, fmt.Errorf("line %d: user:password needs both", n)
			}
			a.users[user] = sha256.Sum256([]byte(pass))
			continue
		}
		if len(line) < 16 {
			return Auth{}, fmt.Errorf("line %d: a bearer token needs at least 16 characters", n)
		}
		a.tokens = append(a.tokens, sha256.Sum256([]byte(line)))
	}
	if err := sc.Err(); err != nil {
		return Auth{}, err
	}
	if len(a.tokens) == 0 && len(a.users) == 0 {
		return Auth{}, errors.New("no credentials in it")
	}
	return a, nil
}

// Enabled reports whether the desk asks for credentials.
func (a Auth) Enabled() bool { return len(a.tokens) > 0 || len(a.users) > 0 }

// allows reports whether the request carries a valid credential. Every
// comparison runs in constant time over hashes of equal length.
func (a Auth) allows(r *http.Request) bool {
	if !a.Enabled() {
		return true
	}
	h := r.Header.Get("Authorization")
	if tok, ok := cutScheme(h, "Bearer"); ok {
		return a.tokenOK(tok)
	}
	if user, pass, ok := r.BasicAuth(); ok {
		sum := sha256.Sum256([]byte(pass))
		okUser := false
		if want, found := a.users[user]; found {
			okUser = subtle.ConstantTimeCompare(sum[:], want[:]) == 1
		}
		return okUser || a.tokenOK(pass)
	}
	return false
}

func (a Auth) tokenOK(tok string) bool {
	sum := sha256.Sum256([]byte(tok))
	ok := 0
	for _, t := range a.tokens {
		ok |= subtle.ConstantTimeCompare(sum[:], t[:])
	}
	return ok == 1
}

// cutScheme returns the credentials of an Authorization header of the
// given scheme (case-insensitive).
func cutScheme(h, scheme string) (string, bool) {
	if len(h) <= len(scheme)+1 || !strings.EqualFold(h[:len(scheme)], scheme) || h[len(scheme)] != ' ' {
		return "", false
	}
	return strings.TrimSpace(h[len(scheme)+1:]), true
}
