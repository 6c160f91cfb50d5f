package privacy

import (
	"testing"
	"time"
)

func TestNoticeVersionIsADate(t *testing.T) {
	if NoticeDate().IsZero() || NoticeDate().Format(time.DateOnly) != NoticeVersion {
		t.Fatalf("NoticeVersion %q is not a date", NoticeVersion)
	}
}
