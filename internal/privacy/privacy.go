// Package privacy holds the version of the privacy notice registrants
// consent to. The notice itself is the web's /privacy page, in the
// catalogs; the store records this version with each consent.
package privacy

import "time"

// NoticeVersion is the date of the privacy notice as it stands. Change it
// whenever the notice's content changes: each registration keeps the
// version its registrant agreed to.
const NoticeVersion = "2026-12-01"

// NoticeDate is NoticeVersion as a date, for the notice's heading.
func NoticeDate() time.Time {
	t, _ := time.Parse(time.DateOnly, NoticeVersion)
	return t
}
