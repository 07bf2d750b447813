// Package langid guesses the language of an article that does not say
// which it is written in, so that it is hyphenated, broken and dated by
// the right rules rather than by English ones.
//
// The method is the one a reader uses on a newspaper page, and it needs no
// model: first the script (Thai, Hangul, kana, Arabic, Cyrillic…), which
// alone names the language for most scripts; within Latin, Cyrillic,
// Arabic, Devanagari and Han, the language whose most frequent function
// words ("the", "und", "že", "и", "के"…) and distinctive letters (ř, ł, ā,
// ő, ї, ў, پ…) occur most often. News text has hundreds of words and
// function words make up 30–50% of them, so a few hundred characters
// decide reliably; a text too short or too mixed to decide gets no answer
// rather than a guess.
//
// The package is pure and its tables read-only.
package langid
