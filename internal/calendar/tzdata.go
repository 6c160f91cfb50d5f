package calendar

// Embed Go's time zone database so VTIMEZONE generation works in minimal
// containers without /usr/share/zoneinfo (it is only a fallback when the
// system database exists). Move to package main if binary size matters.
import _ "time/tzdata"
