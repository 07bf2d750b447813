package render

import (
	_ "embed"

	"codeberg.org/go-pdf/fpdf"
)

// srgbProfile is the ICC's sRGB v2 profile (sRGB2014.icc); its licence,
// icc/LICENSE.color.org, allows embedding it unaltered. It is held as a
// string so that no render can change it.
//
//go:embed icc/sRGB2014.icc
var srgbProfile string

// srgbCondition names the output condition the sRGB profile describes.
const srgbCondition = "sRGB IEC61966-2.1"

// srgbIntent is the PDF/A output intent: every DeviceRGB and DeviceGray
// colour in the file is meant as sRGB.
func srgbIntent() fpdf.OutputIntentType {
	// fpdf writes OutputConditionIdentifier and Info as literal strings
	// without escaping; both values are plain ASCII with no parentheses.
	return fpdf.OutputIntentType{
		SubtypeIdent:              fpdf.OutputIntent_GTS_PDFA1, // the /S of PDF/A-1, -2 and -3 alike
		OutputConditionIdentifier: srgbCondition,
		Info:                      srgbCondition,
		ICCProfile:                []byte(srgbProfile),
	}
}
