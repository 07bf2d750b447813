// Package render draws laid-out pages with fpdf. It is the only package that
// imports the PDF writer; it places every item where layout put it and
// decides nothing about the page.
package render
